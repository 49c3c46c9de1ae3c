#include "layout/hyphenate.hpp"

#include <hyphen.h>

#include <cstdlib>
#include <filesystem>

namespace galley::layout {

namespace {

bool is_letter_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0; }

// Length in bytes of the UTF-8 sequence starting with c.
unsigned seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

}  // namespace

Hyphenator::Hyphenator(const std::string& language) {
  std::string lang = language.empty() ? "en" : language;
  std::string primary = lang.substr(0, lang.find('-'));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string region = lang.find('-') != std::string::npos ? lang.substr(lang.find('-') + 1, 2) : "";
  for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::filesystem::path dir = "/usr/share/hyphen";
  std::vector<std::string> names;
  if (!region.empty()) names.push_back("hyph_" + primary + "_" + region + ".dic");
  if (primary == "en") names.push_back("hyph_en_US.dic");
  if (primary == "de") names.push_back("hyph_de_DE.dic");
  if (primary == "fr") names.push_back("hyph_fr.dic");
  names.push_back("hyph_" + primary + ".dic");
  for (const auto& n : names) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(dir / n, ec)) {
      dict_ = hnj_hyphen_load((dir / n).c_str());
      if (dict_) break;
    }
  }
}

Hyphenator::~Hyphenator() {
  if (dict_) hnj_hyphen_free(static_cast<HyphenDict*>(dict_));
}

std::vector<unsigned> Hyphenator::points(std::string_view word) const {
  std::vector<unsigned> out;
  if (!dict_) return out;
  // The letter core of the word.
  std::size_t b = 0, e = word.size();
  while (b < e && !is_letter_start(static_cast<unsigned char>(word[b]))) ++b;
  while (e > b) {
    // back up over trailing non-letters (ASCII punctuation, closing quotes)
    unsigned char c = static_cast<unsigned char>(word[e - 1]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) break;
      --e;
      continue;
    }
    std::size_t s = e - 1;
    while (s > b && (static_cast<unsigned char>(word[s]) & 0xC0) == 0x80) --s;
    const std::string_view ch = word.substr(s, e - s);
    // U+2019, U+201D, U+201C, U+2018, U+00BB, U+2014, U+2013: punctuation
    if (ch == "\u2019" || ch == "\u201d" || ch == "\u201c" || ch == "\u2018" || ch == "\u00bb" || ch == "\u2014" ||
        ch == "\u2013" || ch == "\u00ab") {
      e = s;
      continue;
    }
    break;
  }
  if (e <= b) return out;
  std::string core;
  core.reserve(e - b);
  unsigned chars = 0;
  for (std::size_t i = b; i < e;) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    const unsigned n = seq_len(c);
    if (c < 0x80) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return out;  // digits, hyphens, apostrophes
      core.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else {
      core.append(word.substr(i, n));
    }
    i += n;
    ++chars;
  }
  if (chars < 5 || core.size() > 200) return out;
  std::vector<char> hyph(core.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  auto* d = static_cast<HyphenDict*>(dict_);
  if (hnj_hyphen_hyphenate2(d, core.data(), static_cast<int>(core.size()), hyph.data(), nullptr, &rep, &pos, &cut) == 0) {
    // hyph[k] odd: break after byte k of core (libhyphen marks the last byte of a UTF-8 letter).
    // Enforce 2 letters before and 3 after, counting characters.
    unsigned ci = 0;
    for (std::size_t k = 0; k < core.size(); ++k) {
      const bool last_byte = k + 1 == core.size() || (static_cast<unsigned char>(core[k + 1]) & 0xC0) != 0x80;
      if (!last_byte) continue;
      ++ci;
      if ((hyph[k] & 1) && !rep && ci >= 2 && chars - ci >= 3) out.push_back(static_cast<unsigned>(b + k + 1));
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

}  // namespace galley::layout
