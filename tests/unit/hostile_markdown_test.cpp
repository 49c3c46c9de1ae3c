// Markdown built to hurt (issue 12): deep raw-HTML nesting and unclosed
// raw-text elements keep every word, warn, and leave a tree shallow enough
// for every later recursive pass.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "doc/document.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

using namespace galley;

namespace {

struct Read {
  doc::Document doc;
  std::vector<std::string> warnings;
};

Read read_md(const std::string& text) {
  Diagnostics diag;
  diag.file = "hostile.md";
  Read r;
  r.doc = read::read_markdown(text, ".", {}, diag);
  r.warnings = diag.warnings;
  return r;
}

// Depth of the deepest inline nesting, walked with an explicit stack.
std::size_t inline_depth(const doc::Inlines& top) {
  std::size_t deepest = 0;
  std::vector<std::pair<const doc::Inlines*, std::size_t>> todo{{&top, 1}};
  while (!todo.empty()) {
    auto [list, depth] = todo.back();
    todo.pop_back();
    deepest = std::max(deepest, depth);
    for (const auto& in : *list)
      std::visit(doc::overloaded{[&](const doc::Emphasis& e) { todo.push_back({&e.children, depth + 1}); },
                                 [&](const doc::Strong& e) { todo.push_back({&e.children, depth + 1}); },
                                 [&](const doc::Strikeout& e) { todo.push_back({&e.children, depth + 1}); },
                                 [&](const doc::Link& e) { todo.push_back({&e.children, depth + 1}); },
                                 [](const auto&) {}},
                 in.node);
  }
  return deepest;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("hostile markdown: 100,000 nested inline HTML tags are flattened, the text kept, with a warning") {
  for (const std::string tag : {"em", "strong", "b", "del", "a href=\"x\""}) {
    const std::string close = tag.substr(0, tag.find(' '));
    const std::string text = "# T\n\n" + repeat("<" + tag + ">", 100000) + "deep words" + repeat("</" + close + ">", 100000) + "\n";
    const Read r = read_md(text);
    REQUIRE(r.doc.body.size() == 1);
    const auto* p = std::get_if<doc::Paragraph>(&r.doc.body[0].node);
    REQUIRE(p);
    CHECK(doc::plain_text(p->content) == "deep words");
    CHECK(inline_depth(p->content) <= 64);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("flattened") != std::string::npos);
  }
}

TEST_CASE("hostile markdown: an unclosed raw-text tag keeps the rest of its paragraph, with a warning") {
  for (const std::string tag : {"textarea", "title", "style", "script", "iframe", "xmp"}) {
    const Read r = read_md("# T\n\nUse a <" + tag + "> for long input.\n\nNext paragraph.\n");
    REQUIRE(r.doc.body.size() == 2);
    const auto* p = std::get_if<doc::Paragraph>(&r.doc.body[0].node);
    REQUIRE(p);
    CHECK(doc::plain_text(p->content) == "Use a  for long input.");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("<" + tag + "> is never closed") != std::string::npos);
  }
}

TEST_CASE("hostile markdown: an unclosed raw-text element in an HTML block keeps the block's text") {
  const Read r = read_md("# T\n\n<div>\n<style>\nbody text that is not CSS\n</div>\n\nAfter.\n");
  std::string all;
  for (const auto& b : r.doc.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) all += doc::plain_text(p->content) + "|";
  CHECK(all.find("body text that is not CSS") != std::string::npos);
  CHECK(all.find("After.") != std::string::npos);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("<style> is never closed") != std::string::npos);
}

TEST_CASE("hostile markdown: closed script and style vanish, closed textarea shows its text") {
  const Read r = read_md("# T\n\nA <script>alert(1)</script>B <textarea>typed</textarea> C\n");
  REQUIRE(r.doc.body.size() == 1);
  const auto* p = std::get_if<doc::Paragraph>(&r.doc.body[0].node);
  REQUIRE(p);
  CHECK(doc::plain_text(p->content) == "A B typed C");
  CHECK(r.warnings.empty());
}
