// ASCII character classes and case folding, for the markers and keywords
// that readers match (locale-independent, unlike <cctype>).
#pragma once

#include <string>
#include <string_view>

namespace galley {

inline bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A copy of s with A-Z lowered; other bytes (UTF-8 included) unchanged.
inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace galley
