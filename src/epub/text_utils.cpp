#include "epub/text_utils.hpp"
#include "util/utf8.hpp"

namespace galley::epub {

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
  else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      i += k;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  // Overlong forms and values beyond Unicode are errors.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0xFFFD;
  return cp;
}

namespace {
bool allowed_in_xml(char32_t c) {
  if (c == 0x9 || c == 0xA) return true;
  if (c < 0x20) return false;
  if (c >= 0x7F && c <= 0x9F) return false;  // C1 controls: legal XML but discouraged
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c == 0xFFFE || c == 0xFFFF) return false;
  return c <= 0x10FFFF;
}

}  // namespace

std::string xml_clean(std::string_view s) {
  // Fast path: plain printable ASCII needs no work.
  bool simple = true;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n')) {
      simple = false;
      break;
    }
  }
  if (simple) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = decode_utf8(s, i);
    if (allowed_in_xml(c)) append_utf8(out, c);
  }
  return out;
}

}  // namespace galley::epub
