#include "util/uri.hpp"

#include "util/hex.hpp"

namespace galley {

namespace {

bool is_hex(char h) { return hex_value(h) >= 0; }

// [begin, end) of the authority ("//host:port") of an absolute URI, or an
// empty range.
std::pair<std::size_t, std::size_t> authority(std::string_view uri) {
  const std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || uri.substr(colon + 1, 2) != "//") return {0, 0};
  const std::size_t begin = colon + 3;
  const std::size_t end = uri.find_first_of("/?#", begin);
  return {begin, end == std::string_view::npos ? uri.size() : end};
}

}  // namespace

std::string percent_encode_uri(std::string_view uri, bool pdf_string) {
  static const char* hex = "0123456789ABCDEF";
  const auto [host_begin, host_end] = authority(uri);
  std::string out;
  out.reserve(uri.size());
  bool seen_hash = false;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    const char ch = uri[i];
    const auto c = static_cast<unsigned char>(ch);
    bool encode = c <= 0x20 || c >= 0x7F;
    switch (c) {
      case '%': encode = !(i + 2 < uri.size() && is_hex(uri[i + 1]) && is_hex(uri[i + 2])); break;
      case '#': encode = seen_hash; seen_hash = true; break;
      case '<': case '>': case '"': case '{': case '}': case '|': case '\\': case '^': case '`': encode = true; break;
      case '[': case ']': encode = i < host_begin || i >= host_end; break;
      case '(': case ')': encode = pdf_string; break;
      default: break;
    }
    if (encode) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace galley
