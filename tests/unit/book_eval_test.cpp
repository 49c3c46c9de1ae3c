// Book structure recovery of the plain-text reader, measured against the
// public books of the shared corpus (GALLEY_CORPUS_DIR, doctest suite
// "corpus"):
//   books/NAME.txt       a Project Gutenberg book, byte-exact
//   books/NAME.headings  its body's headings in order, "LEVEL<TAB>TEXT"
//                        (1 = part/book/act holding chapters, 2 = chapter,
//                        story, stave, letter, poem; a heading printed on two
//                        lines joined with a space)
//   books/NAME.meta      "title", "subtitle", "author" as printed
// Headings are matched by their text (white space normalised) as multisets,
// per book; precision, recall and F1 per book and their macro average. Level
// agreement is reported over the matched headings: a heading found above the
// book's deepest level must be a part (1) in the truth, one at the deepest
// level a chapter (2).
// Set GALLEY_EVAL_VERBOSE=1 to list every miss.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "read/input.hpp"
#include "read/reader.hpp"
#include "eval_text.hpp"

namespace fs = std::filesystem;
using namespace galley;

namespace {

using eval::normalise;
using eval::slurp;

struct Heading {
  int level = 0;
  std::string text;
};

// "KEY<TAB>VALUE" lines.
std::vector<std::pair<std::string, std::string>> tab_lines(const fs::path& p) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(slurp(p));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t tab = line.find('\t');
    if (tab != std::string::npos) out.emplace_back(line.substr(0, tab), normalise(line.substr(tab + 1)));
  }
  return out;
}

void collect(const doc::Blocks& blocks, std::vector<Heading>& out) {
  for (const doc::Block& b : blocks)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back({h->level, normalise(doc::plain_text(h->content))});
}

struct BookScore {
  std::string name;
  std::size_t predicted = 0, truth = 0, matched = 0, levels_right = 0;
  bool title = false, subtitle = false, author = false;
  double precision() const { return predicted ? static_cast<double>(matched) / predicted : 1.0; }
  double recall() const { return truth ? static_cast<double>(matched) / truth : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  double level_agreement() const { return matched ? static_cast<double>(levels_right) / matched : 1.0; }
};

BookScore evaluate_book(const fs::path& txt, bool verbose) {
  BookScore s;
  s.name = txt.stem().string();
  std::vector<Heading> truth;
  for (const auto& [level, text] : tab_lines(fs::path(txt).replace_extension(".headings")))
    truth.push_back({std::atoi(level.c_str()), text});
  std::map<std::string, std::string> meta;
  if (const fs::path m = fs::path(txt).replace_extension(".meta"); fs::exists(m))
    for (const auto& [key, value] : tab_lines(m)) meta[key] = value;

  Diagnostics diag;
  const doc::Document d = read::read_plain_text(read::load_text_file(txt), read::ReadOptions{}, diag);
  s.title = normalise(d.metadata.title) == meta["title"];
  s.subtitle = normalise(d.metadata.subtitle) == meta["subtitle"];
  s.author = !d.metadata.authors.empty() ? normalise(d.metadata.authors.front()) == meta["author"] : meta["author"].empty();
  if (verbose && !(s.title && s.subtitle && s.author))
    std::cout << s.name << " META: got [" << d.metadata.title << "] [" << d.metadata.subtitle << "] ["
              << (d.metadata.authors.empty() ? "" : d.metadata.authors.front()) << "]\n";

  std::vector<Heading> got;
  collect(d.body, got);
  int deepest = 0;
  for (const Heading& h : got) deepest = std::max(deepest, h.level);
  std::map<std::string, std::deque<int>> want;  // text -> truth levels, in order
  for (const Heading& h : truth) want[h.text].push_back(h.level);
  s.predicted = got.size();
  s.truth = truth.size();
  for (const Heading& h : got) {
    auto it = want.find(h.text);
    if (it == want.end() || it->second.empty()) {
      if (verbose) std::cout << s.name << " EXTRA: " << h.text << "\n";
      continue;
    }
    ++s.matched;
    const bool part = h.level < deepest;
    if (part == (it->second.front() == 1)) ++s.levels_right;
    else if (verbose) std::cout << s.name << " LEVEL: " << h.text << " (" << h.level << ")\n";
    it->second.pop_front();
  }
  if (verbose)
    for (const auto& [text, levels] : want)
      for (std::size_t k = 0; k < levels.size(); ++k) std::cout << s.name << " MISSED: " << text << "\n";
  return s;
}

const fs::path corpus = GALLEY_CORPUS_DIR;

}  // namespace

TEST_CASE("book structure evaluation: the public books" * doctest::test_suite("corpus")) {
  const fs::path dir = corpus / "books";
  REQUIRE(fs::is_directory(dir));
  const bool verbose = std::getenv("GALLEY_EVAL_VERBOSE") != nullptr;
  std::vector<fs::path> books;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt" && fs::exists(fs::path(e.path()).replace_extension(".headings")))
      books.push_back(e.path());
  std::sort(books.begin(), books.end());
  REQUIRE(books.size() >= 8);

  double f1_sum = 0, level_sum = 0;
  std::size_t metas_right = 0;
  char row[200];
  std::cout << "book                                 found  truth  match      P      R     F1  levels  title/sub/author\n";
  for (const fs::path& b : books) {
    const BookScore s = evaluate_book(b, verbose);
    f1_sum += s.f1();
    level_sum += s.level_agreement();
    metas_right += s.title && s.subtitle && s.author;
    std::snprintf(row, sizeof row, "%-36s %5zu  %5zu  %5zu  %5.3f  %5.3f  %5.3f  %6.3f  %c%c%c\n", s.name.c_str(),
                  s.predicted, s.truth, s.matched, s.precision(), s.recall(), s.f1(), s.level_agreement(),
                  s.title ? '+' : '-', s.subtitle ? '+' : '-', s.author ? '+' : '-');
    std::cout << row;
  }
  const double macro_f1 = f1_sum / static_cast<double>(books.size());
  const double levels = level_sum / static_cast<double>(books.size());
  std::cout << "macro F1 " << macro_f1 << ", level agreement " << levels << ", metadata right " << metas_right << "/"
            << books.size() << "\n";
  CHECK(macro_f1 >= 0.92);
  CHECK(levels >= 0.90);
  CHECK(metas_right == books.size());
}
