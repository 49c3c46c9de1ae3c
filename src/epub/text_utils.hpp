// Text helpers for the EPUB writer: XML-safe UTF-8 and code point walking.
#pragma once

#include <string>
#include <string_view>

namespace galley::epub {

// Valid UTF-8 holding only characters allowed in XML 1.0: invalid byte
// sequences become U+FFFD, other C0 controls (except tab and newline), CR,
// U+FFFE/U+FFFF and unpaired surrogates are dropped.
std::string xml_clean(std::string_view s);

// Calls f(char32_t) for every code point of (cleaned) UTF-8 text.
template <class F>
void for_each_codepoint(std::string_view s, F&& f);

// Decodes one UTF-8 sequence at s[i]; advances i. Returns U+FFFD on error.
char32_t decode_utf8(std::string_view s, std::size_t& i);

template <class F>
void for_each_codepoint(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) f(decode_utf8(s, i));
}

}  // namespace galley::epub
