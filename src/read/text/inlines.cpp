#include "read/text/inlines.hpp"

#include <glib.h>

#include <cctype>
#include <string>

namespace galley::read::text {

namespace {

// Letters, digits and combining marks are word characters; punctuation
// (“ ” ‘ ’ « » ( ) — included), spaces and symbols are not.
bool word_code_point(gunichar c) {
  if (g_unichar_isalnum(c)) return true;
  const GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

// Is the character at byte i (resp. the one ending before byte i) a word character?
bool word_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  const gunichar c = g_utf8_get_char_validated(text.data() + i, static_cast<gssize>(text.size() - i));
  return c < 0x110000 && word_code_point(c);  // invalid UTF-8: not a word character
}
bool word_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  const char* start = text.data() + i - 1;
  for (int k = 0; k < 3 && start > text.data() && (static_cast<unsigned char>(*start) & 0xC0) == 0x80; ++k) --start;
  return word_at(text, static_cast<std::size_t>(start - text.data()));
}

// Inside a word, _ opens italics only around a short mark closed before a
// non-word character: an ordinal's letters after digits (1_st_, 3_d_) or a
// single punctuation mark (out_._).
bool short_mark(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  if (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9' && lower(at(i + 1))) {
    const std::size_t close = lower(at(i + 2)) ? i + 3 : i + 2;
    return at(close) == '_' && !word_at(text, close + 1);
  }
  const char c = at(i + 1);
  return c > ' ' && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c)) && c != '_' && at(i + 2) == '_' &&
         !word_at(text, i + 3);
}

}  // namespace

doc::Inlines make_inlines(std::string_view text, bool underscore_emphasis) {
  doc::Inlines out;
  if (!underscore_emphasis || text.find('_') == std::string_view::npos) {
    out.push_back(doc::text(std::string(text)));
    return out;
  }
  std::string plain;
  std::size_t i = 0;
  while (i < text.size()) {
    // An opening '_' after a non-word character (or around a short mark),
    // followed by a non-space.
    if (text[i] == '_' && (!word_before(text, i) || short_mark(text, i)) && i + 1 < text.size() &&
        text[i + 1] != ' ' && text[i + 1] != '_') {
      // The closing '_' before a non-word character, on this line of text.
      std::size_t j = i + 1;
      std::size_t close = std::string_view::npos;
      for (; j < text.size() && j - i < 2000; ++j) {
        if (text[j] == '_' && text[j - 1] != ' ' && !word_at(text, j + 1)) {
          close = j;
          break;
        }
      }
      if (close != std::string_view::npos) {
        if (!plain.empty()) out.push_back(doc::text(std::move(plain)));
        plain.clear();
        doc::Emphasis em;
        em.children.push_back(doc::text(std::string(text.substr(i + 1, close - i - 1))));
        out.push_back(doc::Inline{std::move(em)});
        i = close + 1;
        continue;
      }
    }
    plain += text[i];
    ++i;
  }
  if (!plain.empty()) out.push_back(doc::text(std::move(plain)));
  return out;
}

}  // namespace galley::read::text
