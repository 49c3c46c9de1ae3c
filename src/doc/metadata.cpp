#include "doc/metadata.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <vector>

namespace galley::doc {

void merge_metadata(Metadata& base, const Metadata& over) {
  auto take = [](std::string& dst, const std::string& src) {
    if (!src.empty()) dst = src;
  };
  take(base.title, over.title);
  take(base.subtitle, over.subtitle);
  if (!over.authors.empty()) base.authors = over.authors;
  take(base.language, over.language);
  take(base.date, over.date);
  take(base.publisher, over.publisher);
  take(base.rights, over.rights);
  take(base.identifier, over.identifier);
  take(base.description, over.description);
  if (!over.subjects.empty()) base.subjects = over.subjects;
  take(base.source, over.source);
  take(base.cover, over.cover);
}

bool is_valid_language_tag(const std::string& tag) {
  // language (2-3 letters, or 5-8) then subtags of 1-8 alphanumerics;
  // a script subtag is 4 letters, a region 2 letters or 3 digits. This is
  // the shape check of RFC 5646 without the registry.
  if (tag.empty() || tag.size() > 35) return false;
  std::size_t start = 0;
  int index = 0;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string::npos) end = tag.size();
    const std::string part = tag.substr(start, end - start);
    if (part.empty() || part.size() > 8) return false;
    for (unsigned char c : part)
      if (!std::isalnum(c)) return false;
    if (index == 0) {
      for (unsigned char c : part)
        if (!std::isalpha(c)) return false;
      if (part.size() == 4 || part.size() < 2) return false;
    }
    ++index;
    start = end + 1;
    if (end == tag.size()) break;
  }
  return true;
}

namespace {

enum Script { Latin, Han, Kana, Hangul, Arabic, Cyrillic, Greek, Hebrew, Devanagari, Thai, kScripts };

int script_of(std::uint32_t cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
    return Latin;
  if (cp >= 0x370 && cp <= 0x3FF) return Greek;
  if (cp >= 0x400 && cp <= 0x52F) return Cyrillic;
  if (cp >= 0x590 && cp <= 0x5FF) return Hebrew;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFEFF)) return Arabic;
  if (cp >= 0x900 && cp <= 0x97F) return Devanagari;
  if (cp >= 0xE00 && cp <= 0xE7F) return Thai;
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) return Kana;
  if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F)) return Hangul;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF))
    return Han;
  return -1;
}

// Frequent function words of Latin-script languages: a page of text holds
// dozens of them, so counting them tells English from German, French,
// Spanish, Italian, Portuguese and Dutch.
const char* latin_language(const std::string& s, std::size_t limit) {
  struct Lang {
    const char* code;
    std::vector<std::string_view> words;
  };
  static const std::vector<Lang> langs = {
      {"en", {"the", "and", "of", "to", "is", "that", "with", "for", "this", "are"}},
      {"de", {"der", "die", "und", "das", "ist", "nicht", "mit", "sie", "ein", "eine", "auch", "sich"}},
      {"fr", {"le", "les", "des", "est", "et", "une", "pour", "dans", "que", "qui", "sur", "pas"}},
      {"es", {"el", "los", "las", "del", "y", "que", "una", "por", "para", "con", "es", "se"}},
      {"it", {"il", "che", "di", "della", "non", "per", "una", "sono", "gli", "con", "del", "anche"}},
      {"pt", {"os", "que", "não", "uma", "para", "com", "do", "da", "em", "são", "por", "dos"}},
      {"nl", {"de", "het", "een", "van", "en", "niet", "voor", "met", "zijn", "op", "dat", "ook"}},
  };
  std::vector<std::size_t> score(langs.size(), 0);
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    for (std::size_t k = 0; k < langs.size(); ++k)
      for (auto w : langs[k].words)
        if (w == word) ++score[k];
    word.clear();
  };
  for (std::size_t i = 0; i < std::min(limit, s.size()); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalpha(c) || c >= 0x80) word += static_cast<char>(std::tolower(c));
    else flush();
  }
  flush();
  std::size_t best = 0;
  for (std::size_t k = 1; k < langs.size(); ++k)
    if (score[k] > score[best]) best = k;
  // Only leave English on clear evidence (several words, well ahead).
  if (best != 0 && score[best] >= 5 && score[best] * 2 > score[0] * 3) return langs[best].code;
  return "en";
}

}  // namespace

std::string normalize_language_tag(const std::string& tag) {
  std::string out = tag;
  for (auto& c : out)
    if (c == '_') c = '-';
  return out;
}

std::string guess_language(const std::string& s) {
  std::array<std::size_t, kScripts> count{};
  // Look at the first 200 kB at most: enough to know the script.
  const std::size_t n = std::min<std::size_t>(s.size(), 200000);
  for (std::size_t i = 0; i < n;) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    int len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
    else if ((c >> 3) == 30) { cp = c & 0x07; len = 4; }
    else { ++i; continue; }
    if (i + len > n) break;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (int sc = script_of(cp); sc >= 0) ++count[sc];
  }
  // Japanese mixes Kana with Han: any real share of Kana means Japanese.
  const std::size_t cjk = count[Han] + count[Kana];
  if (count[Kana] > 0 && count[Kana] * 20 >= cjk && cjk > 0) count[Kana] += count[Han], count[Han] = 0;
  // Latin is counted per letter, CJK per character (nearer a word each):
  // weigh CJK up so a Chinese text quoting English names stays Chinese.
  for (int k : {Han, Kana, Hangul}) count[k] *= 3;
  static const char* codes[kScripts] = {"en", "zh", "ja", "ko", "ar", "ru", "el", "he", "hi", "th"};
  std::size_t best = Latin;
  for (std::size_t k = 0; k < kScripts; ++k)
    if (count[k] > count[best]) best = k;
  if (best == Latin) return latin_language(s, n);
  return codes[best];
}

bool is_w3c_date(const std::string& date) {
  std::size_t i = 0;
  const std::size_t n = date.size();
  auto digits = [&](std::size_t count, int lo, int hi) {
    if (i + count > n) return false;
    int v = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const char c = date[i + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += count;
    return v >= lo && v <= hi;
  };
  auto take = [&](char c) {
    if (i < n && date[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  if (!digits(4, 0, 9999)) return false;
  if (i == n) return true;
  if (!take('-') || !digits(2, 1, 12)) return false;
  if (i == n) return true;
  if (!take('-') || !digits(2, 1, 31)) return false;
  if (i == n) return true;
  if (!take('T') || !digits(2, 0, 23) || !take(':') || !digits(2, 0, 59)) return false;
  if (take(':')) {
    if (!digits(2, 0, 59)) return false;
    if (take('.')) {
      const std::size_t start = i;
      while (i < n && date[i] >= '0' && date[i] <= '9') ++i;
      if (i == start) return false;
    }
  }
  if (take('Z')) return i == n;
  if (!take('+') && !take('-')) return false;
  if (!digits(2, 0, 23) || !take(':') || !digits(2, 0, 59)) return false;
  return i == n;
}

bool is_valid_identifier(const std::string& id) {
  if (id.empty() || id.front() == ' ' || id.back() == ' ') return false;
  for (const char c : id)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
  return true;
}

}  // namespace galley::doc
