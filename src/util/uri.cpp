#include "util/uri.hpp"

#include <idn2.h>

#include <cctype>
#include <cstdlib>
#include <memory>

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

// [begin, end) of the host inside an authority: after any "user@", before
// any ":port" (an IPv6 literal in brackets is not a name).
std::pair<std::size_t, std::size_t> host_of(std::string_view uri) {
  auto [begin, end] = authority(uri);
  const std::size_t at = uri.substr(begin, end - begin).rfind('@');
  if (at != std::string_view::npos) begin += at + 1;
  if (begin < end && uri[begin] == '[') return {begin, begin};
  const std::size_t colon = uri.substr(begin, end - begin).find(':');
  return {begin, colon == std::string_view::npos ? end : begin + colon};
}

// A host with non-ASCII characters, written as they are or percent-encoded,
// as UTF-8; empty when the host is ASCII.
std::string non_ascii_host(std::string_view host) {
  std::string out;
  bool non_ascii = false;
  for (std::size_t i = 0; i < host.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(host[i]);
    if (c == '%' && i + 2 < host.size() && is_hex(host[i + 1]) && is_hex(host[i + 2])) {
      c = static_cast<unsigned char>(hex_value(host[i + 1]) * 16 + hex_value(host[i + 2]));
      i += 2;
    }
    non_ascii = non_ascii || c >= 0x80;
    out += static_cast<char>(c);
  }
  return non_ascii ? out : std::string();
}

}  // namespace

std::optional<std::string> host_to_ascii(const std::string& host) {
  // IDNA2008 first; then UTS #46 transitional processing, which also takes
  // the symbols and emoji IDNA2008 leaves out (as browsers do).
  for (int flags : {IDN2_NONTRANSITIONAL, IDN2_TRANSITIONAL}) {
    char* out = nullptr;
    if (idn2_to_ascii_8z(host.c_str(), &out, flags) == IDN2_OK) {
      const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
      return std::string(out);
    }
  }
  return std::nullopt;
}

bool uri_host_valid(std::string_view uri) {
  const auto [auth_begin, auth_end] = authority(uri);
  if (auth_begin == auth_end) return uri.substr(0, 7) == "file://" || auth_begin == 0;
  const auto [begin, end] = host_of(uri);
  if (begin == end) return uri[begin] == '[';  // an IPv6 literal, or no host at all
  std::string host(uri.substr(begin, end - begin));
  if (const std::string utf8 = non_ascii_host(host); !utf8.empty()) {
    const auto ascii = host_to_ascii(utf8);
    if (!ascii) return false;
    host = *ascii;
  }
  // Letters, digits, '-' and '_' in dot-separated labels, none empty but
  // a final one (a trailing dot).
  std::size_t label = 0;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

std::string percent_encode_uri(std::string_view uri, bool pdf_string) {
  static const char* hex = "0123456789ABCDEF";
  // A host of non-ASCII characters becomes its IDNA (punycode) form: a
  // percent-encoded host is no valid URI host.
  std::string idna_uri;
  {
    const auto [name_begin, name_end] = host_of(uri);
    const std::string host = non_ascii_host(uri.substr(name_begin, name_end - name_begin));
    if (!host.empty())
      if (const auto ascii = host_to_ascii(host)) {
        idna_uri.assign(uri.substr(0, name_begin));
        idna_uri += *ascii;
        idna_uri += uri.substr(name_end);
        uri = idna_uri;
      }
  }
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
