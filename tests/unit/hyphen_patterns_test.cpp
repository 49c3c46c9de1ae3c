// The pattern loader builds the very dictionary libhyphen's own loader
// builds: the same states in the same order, matches, replacements,
// transitions, fallbacks and options, for each dictionary installed here
// (and for a German file cut short, since libhyphen takes seconds on the whole).
#include <doctest/doctest.h>
#include <hyphen.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "layout/hyphen_patterns.hpp"

namespace fs = std::filesystem;

namespace {

bool same_text(const char* a, const char* b) { return (!a && !b) || (a && b && std::strcmp(a, b) == 0); }

// Every field of two dictionaries (and their second levels); the first
// difference is reported.
std::string difference(const HyphenDict* a, const HyphenDict* b, int level = 0) {
  const std::string at = "level " + std::to_string(level) + ": ";
  if (!a || !b) return a || b ? at + "one dictionary is missing" : "";
  if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin || a->crhmin != b->crhmin)
    return at + "hyphen minimums";
  if (a->nohyphenl != b->nohyphenl) return at + "NOHYPHEN count";
  if (std::strcmp(a->cset, b->cset) != 0 || a->utf8 != b->utf8) return at + "character set";
  if (a->num_states != b->num_states)
    return at + "states " + std::to_string(a->num_states) + " vs " + std::to_string(b->num_states);
  for (int i = 0; i < a->num_states; ++i) {
    const HyphenState &s = a->states[i], &t = b->states[i];
    const std::string st = at + "state " + std::to_string(i) + ": ";
    if (!same_text(s.match, t.match)) return st + "match";
    if (!same_text(s.repl, t.repl)) return st + "replacement";
    if (s.repl && (s.replindex != t.replindex || s.replcut != t.replcut)) return st + "replacement place";
    if (s.fallback_state != t.fallback_state) return st + "fallback";
    if (s.num_trans != t.num_trans) return st + "transition count";
    for (int k = 0; k < s.num_trans; ++k)
      if (s.trans[k].ch != t.trans[k].ch || s.trans[k].new_state != t.trans[k].new_state) return st + "transition";
  }
  if (level == 0 && (a->nextlevel || b->nextlevel)) return difference(a->nextlevel, b->nextlevel, 1);
  return "";
}

std::vector<fs::path> installed_dictionaries() {
  std::vector<fs::path> out;
  for (const char* name : {"hyph_en_US.dic", "hyph_fr.dic"})
    if (fs::is_regular_file(fs::path("/usr/share/hyphen") / name)) out.push_back(fs::path("/usr/share/hyphen") / name);
  return out;
}

}  // namespace

TEST_CASE("hyphen patterns: the same dictionary as libhyphen's loader") {
  const auto dictionaries = installed_dictionaries();
  REQUIRE_MESSAGE(!dictionaries.empty(), "hyphen-en-us is a build dependency");
  for (const fs::path& file : dictionaries) {
    HyphenDict* theirs = hnj_hyphen_load(file.c_str());
    HyphenDict* ours = galley::layout::load_hyphen_patterns(file);
    REQUIRE(theirs != nullptr);
    const std::string diff = difference(theirs, ours);
    INFO(file.string());
    CHECK_MESSAGE(diff.empty(), diff);
    hnj_hyphen_free(theirs);
    hnj_hyphen_free(ours);
  }
}

TEST_CASE("hyphen patterns: two levels, non-standard breaks, options and long lines") {
  const fs::path dir = fs::temp_directory_path() / ("galley-hyph-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "test.dic";
  {
    std::ofstream out(file, std::ios::binary);
    out << "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nCOMPOUNDLEFTHYPHENMIN 2\nCOMPOUNDRIGHTHYPHENMIN 2\n"
        << "% a comment\nNOHYPHEN -,',\xE2\x80\x99\n1-1\n"
        << "NEXTLEVEL\n.ab1c\nb1c\n1ba\nc1k/k=k,1,2\nsch1en/n=,2,2\n\xC3\xA4" "1b\n" << std::string(120, 'x')
        << "1\n.st2r\n.st2r\nz1u\r\n";
  }
  HyphenDict* theirs = hnj_hyphen_load(file.c_str());
  HyphenDict* ours = galley::layout::load_hyphen_patterns(file);
  REQUIRE(theirs != nullptr);
  CHECK_MESSAGE(difference(theirs, ours).empty(), difference(theirs, ours));
  REQUIRE(ours->nextlevel != nullptr);
  CHECK(ours->lhmin == 2);
  hnj_hyphen_free(theirs);
  hnj_hyphen_free(ours);
  CHECK(galley::layout::load_hyphen_patterns(dir / "missing.dic") == nullptr);
  fs::remove_all(dir);
}

TEST_CASE("hyphen patterns: the German patterns, cut short for libhyphen's sake, then whole") {
  const fs::path german = "/usr/share/hyphen/hyph_de_DE.dic";
  if (!fs::is_regular_file(german)) {
    MESSAGE("hyphen-de is not installed: German patterns not compared");
    return;
  }
  // The first 12,000 lines of the first level and the whole second level.
  std::ifstream in(german, std::ios::binary);
  std::string line, cut;
  bool second = false;
  for (int n = 0; std::getline(in, line); ++n) {
    second = second || line.starts_with("NEXTLEVEL");
    if (n < 12000 || second) cut += line + "\n";
  }
  const fs::path dir = fs::temp_directory_path() / ("galley-hyph-de-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "de.dic", std::ios::binary) << cut;
  HyphenDict* theirs = hnj_hyphen_load((dir / "de.dic").c_str());
  HyphenDict* ours = galley::layout::load_hyphen_patterns(dir / "de.dic");
  CHECK_MESSAGE(difference(theirs, ours).empty(), difference(theirs, ours));
  hnj_hyphen_free(theirs);
  hnj_hyphen_free(ours);
  fs::remove_all(dir);
  HyphenDict* whole = galley::layout::load_hyphen_patterns(german);
  REQUIRE(whole != nullptr);
  CHECK(whole->num_states > 100000);
  CHECK(whole->nextlevel != nullptr);
  hnj_hyphen_free(whole);
}
