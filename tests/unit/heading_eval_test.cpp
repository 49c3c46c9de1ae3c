// Heading and title recovery of the plain-text reader, measured against
// ground truth laid out as in the shared corpus:
//   articles-txt/NAME.txt     with articles-txt-headings/NAME.headings
//   heading-eval/NAME.txt     with heading-eval/NAME.headings
// over the whole corpus (GALLEY_CORPUS_DIR, doctest suite "corpus") and over
// the few files of it in tests/data (GALLEY_TEST_DATA).
// A .headings file has one "level<TAB>text" line per heading, in order; a
// first line at level 1 is the title. Headings are matched by their text
// (white space normalised) as multisets; levels are not compared.
// Set GALLEY_EVAL_VERBOSE=1 to list every miss.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
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

struct Truth {
  std::string title;
  std::vector<std::string> headings;
};

Truth read_truth(const fs::path& p) {
  Truth t;
  std::istringstream in(slurp(p));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string level = line.substr(0, tab), text = normalise(line.substr(tab + 1));
    if (first && level == "1") t.title = text;
    else t.headings.push_back(text);
    first = false;
  }
  return t;
}

std::vector<std::string> headings_of(const doc::Blocks& blocks) {
  std::vector<std::string> out;
  for (const doc::Block& b : blocks)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back(normalise(doc::plain_text(h->content)));
  return out;
}

struct Score {
  std::size_t files = 0, titles_right = 0, predicted = 0, truth = 0, matched = 0;
  double precision() const { return predicted ? static_cast<double>(matched) / predicted : 1.0; }
  double recall() const { return truth ? static_cast<double>(matched) / truth : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  double title_accuracy() const { return files ? static_cast<double>(titles_right) / files : 0.0; }
};

// Reads every NAME.txt of text_dir, with its truth at truth_dir/NAME.headings.
Score evaluate(const fs::path& text_dir, const fs::path& truth_dir, const std::string& name) {
  const bool verbose = std::getenv("GALLEY_EVAL_VERBOSE") != nullptr;
  Score s;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(text_dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    const fs::path truth_path = truth_dir / (f.stem().string() + ".headings");
    if (!fs::exists(truth_path)) continue;
    const Truth truth = read_truth(truth_path);
    Diagnostics diag;
    const doc::Document d = read::read_plain_text(read::load_text_file(f), read::ReadOptions{}, diag);
    ++s.files;
    const std::string title = normalise(d.metadata.title);
    if (title == truth.title) ++s.titles_right;
    else if (verbose) std::cout << name << " TITLE " << f.filename().string() << ": got [" << title << "] want [" << truth.title << "]\n";

    const std::vector<std::string> got = headings_of(d.body);
    std::map<std::string, int> want;
    for (const auto& h : truth.headings) ++want[h];
    s.predicted += got.size();
    s.truth += truth.headings.size();
    for (const auto& h : got) {
      auto it = want.find(h);
      if (it != want.end() && it->second > 0) {
        --it->second;
        ++s.matched;
      } else if (verbose) {
        std::cout << name << " EXTRA " << f.filename().string() << ": " << h << "\n";
      }
    }
    if (verbose)
      for (const auto& [h, n] : want)
        for (int k = 0; k < n; ++k) std::cout << name << " MISSED " << f.filename().string() << ": " << h << "\n";
  }
  std::cout << name << ": " << s.files << " files, headings " << s.matched << "/" << s.predicted << " predicted, "
            << s.matched << "/" << s.truth << " true; precision " << s.precision() << ", recall " << s.recall()
            << ", F1 " << s.f1() << "; title accuracy " << s.title_accuracy() << "\n";
  return s;
}

const fs::path corpus = GALLEY_CORPUS_DIR;
const fs::path data = GALLEY_TEST_DATA;

}  // namespace

TEST_CASE("heading evaluation: articles-txt" * doctest::test_suite("corpus")) {
  REQUIRE(fs::is_directory(corpus / "articles-txt"));
  const Score s = evaluate(corpus / "articles-txt", corpus / "articles-txt-headings", "articles-txt");
  MESSAGE("articles-txt: P=" << s.precision() << " R=" << s.recall() << " F1=" << s.f1()
                             << " title accuracy=" << s.title_accuracy());
  CHECK(s.files == 200);
  CHECK(s.f1() >= 0.90);
  CHECK(s.title_accuracy() >= 0.90);
}

TEST_CASE("heading evaluation: heading-eval" * doctest::test_suite("corpus")) {
  REQUIRE(fs::is_directory(corpus / "heading-eval"));
  const Score s = evaluate(corpus / "heading-eval", corpus / "heading-eval", "heading-eval");
  MESSAGE("heading-eval: P=" << s.precision() << " R=" << s.recall() << " F1=" << s.f1()
                             << " title accuracy=" << s.title_accuracy());
  CHECK(s.files >= 50);
  CHECK(s.f1() >= 0.90);
  CHECK(s.title_accuracy() >= 0.90);
}

TEST_CASE("heading evaluation: the articles of tests/data") {
  REQUIRE(fs::is_directory(data / "articles-txt"));
  const Score txt = evaluate(data / "articles-txt", data / "articles-txt-headings", "tests/data articles-txt");
  CHECK(txt.files == 10);
  CHECK(txt.f1() == 1.0);  // all 46 headings found, none extra; the 10 titles right
  CHECK(txt.title_accuracy() == 1.0);
  const Score md = evaluate(data / "heading-eval", data / "heading-eval", "tests/data heading-eval");
  CHECK(md.files == 4);
  CHECK(md.recall() == 1.0);  // 27 of 27 headings found, 3 extra; 3 of 4 titles right
  CHECK(md.f1() >= 0.90);
  CHECK(md.title_accuracy() >= 0.75);
}

TEST_CASE("heading evaluation: the seed article has exactly its five section headings") {
  const fs::path seed = data / "seed" / "000_5606bfb668b87f54.txt";
  REQUIRE(fs::exists(seed));
  Diagnostics diag;
  const doc::Document d = read::read_plain_text(read::load_text_file(seed), read::ReadOptions{}, diag);
  const std::vector<std::string> got = headings_of(d.body);
  const std::vector<std::string> want = {
      "Rare earths have moved, and the United States is anxious",
      "Trump wants chips, and China gives him a way",
      "The cooperation window is opened.",
      "Trump can no longer hold on to \xE2\x80\x98surface articles\xE2\x80\x99",
      "Collaboration is about attitude, not route.",
  };
  CHECK(got == want);
  // Its first line is a body paragraph, not a title.
  CHECK(d.metadata.title.empty());
  REQUIRE(!d.body.empty());
  CHECK(std::holds_alternative<doc::Paragraph>(d.body.front().node));
  CHECK(d.body.front().line == 1);
  // The short line that is a paragraph stays one.
  bool found = false;
  for (const doc::Block& b : d.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&b.node))
      found = found || doc::plain_text(p->content) == "Under the surface, it is his balance of internal and external situations.";
  CHECK(found);
  // The closing source note is not body text; it names the source.
  CHECK(!d.back_matter.empty());
  CHECK(d.metadata.source.find("Global Network") != std::string::npos);
  for (const doc::Block& b : d.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) CHECK(doc::plain_text(p->content) != "The reference information:");
}
