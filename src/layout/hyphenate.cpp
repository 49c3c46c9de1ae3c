#include "layout/hyphenate.hpp"

#include <glib.h>
#include <hyphen.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "layout/hyphen_patterns.hpp"
#include "util/resources.hpp"

namespace galley::layout {

namespace {

// Dictionaries parsed once per process, by path, and never freed: parsing a
// pattern file costs more than laying out a short article, and a batch
// converts many documents with the same language. hnj_hyphen_hyphenate2 only
// reads the dictionary (its work buffers are allocated per call), so one
// HyphenDict serves every thread.
HyphenDict* shared_dictionary(const std::filesystem::path& file) {
  static std::mutex mu;
  // Never destroyed, so the dictionaries stay reachable (not leaks) at exit.
  static auto* loaded = new std::map<std::string, HyphenDict*>;  // nullptr: the file did not load
  std::lock_guard<std::mutex> lock(mu);
  auto [it, inserted] = loaded->try_emplace(file.string(), nullptr);
  if (inserted) it->second = load_hyphen_patterns(file);
  return it->second;
}

}  // namespace

Hyphenator::Hyphenator(const std::string& language) {
  std::string lang = language.empty() ? "en" : language;
  std::string primary = lang.substr(0, lang.find('-'));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string region = lang.find('-') != std::string::npos ? lang.substr(lang.find('-') + 1, 2) : "";
  for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> names;
  if (!region.empty()) names.push_back("hyph_" + primary + "_" + region + ".dic");
  if (primary == "en") names.push_back("hyph_en_US.dic");
  if (primary == "de") names.push_back("hyph_de_DE.dic");
  if (primary == "fr") names.push_back("hyph_fr.dic");
  names.push_back("hyph_" + primary + ".dic");
  for (const auto& dir : hyphenation_dirs())
    for (const auto& n : names) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(dir / n, ec)) {
        dict_ = shared_dictionary(dir / n);
        if (dict_) return;
      }
    }
}

std::string Hyphenator::missing_dictionary_hint(const std::string& language) {
  std::string primary = language.substr(0, language.find('-'));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Languages whose words are hyphenated in print (Latin, Greek and Cyrillic
  // scripts) and the Debian package that has their patterns.
  static const std::map<std::string, std::string> packages{
      {"en", "hyphen-en-us"}, {"de", "hyphen-de"}, {"fr", "hyphen-fr"},   {"es", "hyphen-es"},
      {"it", "hyphen-it"},    {"pt", "hyphen-pt-pt"}, {"nl", "hyphen-nl"}, {"pl", "hyphen-pl"},
      {"ru", "hyphen-ru"},    {"uk", "hyphen-uk"},  {"sv", "hyphen-sv"},   {"hu", "hyphen-hu"},
      {"ro", "hyphen-ro"},    {"ca", "hyphen-ca"},  {"hr", "hyphen-hr"},   {"sl", "hyphen-sl"},
      {"lt", "hyphen-lt"},    {"af", "hyphen-af"},  {"el", "hyphen-el"},   {"cs", "hyphen-cs"},
      {"sk", "hyphen-sk"},    {"da", "hyphen-da"},  {"nb", "hyphen-nb"},   {"fi", "hyphen-fi"}};
  const auto it = packages.find(primary);
  if (it == packages.end()) return {};
  std::string dirs;
  for (const auto& d : hyphenation_dirs()) dirs += (dirs.empty() ? "" : ", ") + d.string();
  return "no hyphenation dictionary for '" + language + "' in " + dirs + " (install " + it->second +
         " or set GALLEY_HYPHEN_DIR); lines are not hyphenated";
}

Hyphenator::~Hyphenator() = default;  // the dictionary stays in the process-wide cache

namespace {

std::vector<unsigned> dictionary_points(void* dict, std::string_view word);

// Words repeat, in a book and across a batch: each thread keeps the points it
// found, for the dictionary it used last, so libhyphen sees a word once per
// thread. Bounded: emptied past kMaxWords.
struct PointCache {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr std::size_t kMaxWords = 200000;
  const void* dict = nullptr;
  std::unordered_map<std::string, std::vector<unsigned>, Hash, std::equal_to<>> words;
};

}  // namespace

const std::vector<unsigned>& Hyphenator::points(std::string_view word) const {
  static const std::vector<unsigned> none;
  if (!dict_) return none;
  thread_local PointCache cache;
  if (cache.dict != dict_) {
    cache.words.clear();
    cache.dict = dict_;
  }
  if (auto it = cache.words.find(word); it != cache.words.end()) return it->second;
  if (cache.words.size() >= PointCache::kMaxWords) cache.words.clear();
  return cache.words.emplace(std::string(word), dictionary_points(dict_, word)).first->second;
}

namespace {

std::vector<unsigned> dictionary_points(void* dict, std::string_view word) {
  std::vector<unsigned> out;
  auto* d = static_cast<HyphenDict*>(dict);
  // Decode; find the letter core (leading and trailing punctuation ignored).
  struct Ch {
    gunichar c;
    unsigned end;  // byte offset after the character in `word`
  };
  std::vector<Ch> chars;
  const char* p = word.data();
  const char* end = p + word.size();
  while (p < end) {
    const gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return out;
    p = g_utf8_next_char(p);
    chars.push_back(Ch{c, static_cast<unsigned>(p - word.data())});
  }
  std::size_t b = 0, e = chars.size();
  while (b < e && !g_unichar_isalpha(chars[b].c)) ++b;
  while (e > b && !g_unichar_isalpha(chars[e - 1].c)) --e;
  const std::size_t n = e - b;
  if (n < 5 || n > 100) return out;
  std::string core;
  for (std::size_t i = b; i < e; ++i) {
    const gunichar c = g_unichar_tolower(chars[i].c);
    if (!g_unichar_isalpha(c)) return out;  // digits, hyphens, apostrophes inside: leave the word whole
    if (d->utf8) {
      char buf[8];
      core.append(buf, static_cast<std::size_t>(g_unichar_to_utf8(c, buf)));
    } else {
      if (c > 0xFF) return out;
      core.push_back(static_cast<char>(c));
    }
  }
  std::vector<char> hyph(core.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  // The marks index characters (UTF-8 dictionaries are normalized by libhyphen).
  if (hnj_hyphen_hyphenate2(d, core.data(), static_cast<int>(core.size()), hyph.data(), nullptr, &rep, &pos, &cut) == 0) {
    std::size_t last = 0;
    for (std::size_t k = 1; k + 4 <= n; ++k)  // two letters before, three after
      if ((hyph[k] & 1) && !(rep && rep[k]) && (last == 0 || k >= last + 2)) {
        out.push_back(chars[b + k].end);
        last = k;
      }
  }
  if (rep) {
    for (std::size_t k = 0; k < core.size(); ++k) std::free(rep[k]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return out;
}

}  // namespace

}  // namespace galley::layout
