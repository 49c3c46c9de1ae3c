// One way to make a link target a valid, ASCII-only URI (RFC 3986), shared
// by the EPUB's href and the PDF's /URI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace galley {

// A host name in ASCII: a non-ASCII (UTF-8) name in its IDNA form
// ("bücher.de" -> "xn--bcher-kva.de", "🍄.ga" -> "xn--ei8h.ga", by UTS #46
// when IDNA2008 refuses the characters); nullopt when neither takes it.
std::optional<std::string> host_to_ascii(const std::string& host);

// False when the URI names a host no URI parser takes: characters other
// than letters, digits, '-', '_' between dots (after IDNA for a non-ASCII
// name), or an empty label ("http://../"). True without an authority.
bool uri_host_valid(std::string_view uri);

// A host of non-ASCII characters (as written or percent-encoded) is first
// made its IDNA form (host_to_ascii); when that fails it is encoded as the
// rest. Then percent-encodes, byte by byte (UTF-8 stays UTF-8 underneath): every
// non-ASCII byte, space and control; the characters RFC 3986 never allows
// ("<>\"{}|\\^`"); '[' and ']' outside the host (where only an IPv6 address
// may use them); a '%' not followed by two hex digits; a second '#'. Valid
// escapes stay as written, so encoding twice changes nothing.
// With `pdf_string`, '(' and ')' are encoded too: Cairo copies a link's URI
// into a PDF string without escaping them.
std::string percent_encode_uri(std::string_view uri, bool pdf_string = false);

}  // namespace galley
