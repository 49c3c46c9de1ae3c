// Where a line may break inside a run of text without spaces.
//
// Line-break opportunities come from UAX #14 as Pango implements it
// (pango_get_log_attrs): it resolves small kana and the prolonged sound mark
// as non-starters, so Chinese and Japanese get CSS `line-break: strict`
// kinsoku (no line starts with closing punctuation or small kana, none ends
// with opening punctuation). Grapheme-cluster boundaries are the last resort
// for a string longer than the line. The script tests decide where glue goes
// between ideographs and which words a dictionary may hyphenate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::layout {

struct TextBreaks {
  std::vector<std::uint32_t> line;     // byte offsets (0 < at < size) a line may break before (UAX #14)
  std::vector<std::uint32_t> cluster;  // byte offsets (0 < at < size) where a grapheme cluster begins
};

// utf8 must be valid UTF-8; language: a BCP 47 tag or empty.
TextBreaks find_breaks(std::string_view utf8, const std::string& language);

// Wide (East Asian width W or F) characters: ideographs, kana, Hangul, CJK
// punctuation and full-width forms. Lines of them justify by glue between characters.
bool is_wide(char32_t cp);
// The code point starting at byte `at` / ending just before byte `at`.
char32_t char_at(std::string_view utf8, std::size_t at);
char32_t char_before(std::string_view utf8, std::size_t at);
// True when every letter is Latin, Greek or Cyrillic: scripts with
// hyphenation dictionaries. CJK, Arabic, Hebrew... are never hyphenated.
bool hyphenatable(std::string_view utf8);
// A letter of Latin, Greek or Cyrillic script.
bool hyphenatable_letter(char32_t cp);
// Characters after which a URL or a path breaks first when it must (/ . - ? & = _).
bool url_break_after(char c);

}  // namespace galley::layout
