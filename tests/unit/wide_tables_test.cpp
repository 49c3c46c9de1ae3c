// Over-wide GFM tables (issue 12): bounded before cmark-gfm, whose table
// extension is quadratic in a row's cells; no text lost, a warning each.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "doc/document.hpp"
#include "read/markdown/wide_tables.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

using namespace galley;
using read::markdown::escape_wide_tables;

namespace {

std::string row(const std::string& prefix, int n) {
  std::string s = "|";
  for (int i = 0; i < n; ++i) s += prefix + std::to_string(i) + "|";
  return s + "\n";
}

std::string delimiter(int n) {
  std::string s = "|";
  for (int i = 0; i < n; ++i) s += ":-|";
  return s + "\n";
}

std::size_t tables(const doc::Document& d) {
  std::size_t n = 0;
  for (const auto& b : d.body) n += std::holds_alternative<doc::Table>(b.node) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("wide tables: a table of more columns than kept is read as its text, with a warning") {
  const int n = static_cast<int>(read::markdown::kMaxTableColumns) + 1;
  Diagnostics diag;
  diag.file = "wide.md";
  const std::string md = "# T\n\n" + row("c", n) + delimiter(n) + row("v", n);
  const doc::Document d = read::read_markdown(md, ".", {}, diag);
  CHECK(tables(d) == 0);
  const std::string text = doc::plain_text(d.body);
  CHECK(text.find("|c0|c1|") != std::string::npos);
  CHECK(text.find("|c" + std::to_string(n - 1) + "|") != std::string::npos);
  CHECK(text.find("|:-|:-|") != std::string::npos);  // the delimiter row as written, its escape not shown
  CHECK(text.find('\\') == std::string::npos);
  CHECK(text.find("|v" + std::to_string(n - 1) + "|") != std::string::npos);
  REQUIRE(diag.warnings.size() == 1);
  CHECK(diag.warnings[0].find("wide.md:4:") != std::string::npos);
  CHECK(diag.warnings[0].find("columns is kept as text") != std::string::npos);
}

TEST_CASE("wide tables: a table as wide as kept stays a table, without a warning") {
  const int n = static_cast<int>(read::markdown::kMaxTableColumns);
  Diagnostics diag;
  const doc::Document d = read::read_markdown(row("c", n) + delimiter(n) + row("v", n), ".", {}, diag);
  CHECK(tables(d) == 1);
  CHECK(diag.warnings.empty());
}

TEST_CASE("wide tables: an over-wide body row is kept whole in its first cell") {
  const int n = static_cast<int>(read::markdown::kMaxTableColumns) + 5;
  Diagnostics diag;
  diag.file = "wide.md";
  const std::string md = "|a|b|\n|-|-|\n|x|y|\n" + row("w", n);
  const doc::Document d = read::read_markdown(md, ".", {}, diag);
  REQUIRE(tables(d) == 1);
  const auto& t = std::get<doc::Table>(d.body[0].node);
  REQUIRE(t.body.size() == 2);
  const std::string first = doc::plain_text(t.body[1].cells.at(0).content);
  CHECK(first.find("w0|w1|") != std::string::npos);
  CHECK(first.find("|w" + std::to_string(n - 1) + "|") != std::string::npos);
  REQUIRE(diag.warnings.size() == 1);
  CHECK(diag.warnings[0].find("wide.md:4:") != std::string::npos);
}

TEST_CASE("wide tables: fenced code and ordinary text are left alone") {
  const std::string wide = delimiter(1500);
  std::string md = "```\n|a|\n" + wide + "```\n\nText | with | pipes.\n";
  const std::string before = md;
  CHECK(escape_wide_tables(md).empty());
  CHECK(md == before);
  // A quoted table is bounded like any other.
  std::string quoted = "> " + row("c", 1500) + "> " + wide;
  const auto found = escape_wide_tables(quoted);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 2);
  CHECK(quoted.find("> \\|:-|") != std::string::npos);
}
