// One way to make a link target a valid, ASCII-only URI (RFC 3986), shared
// by the EPUB's href and the PDF's /URI.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace galley {

// Percent-encodes, byte by byte (UTF-8 stays UTF-8 underneath): every
// non-ASCII byte, space and control; the characters RFC 3986 never allows
// ("<>\"{}|\\^`"); '[' and ']' outside the host (where only an IPv6 address
// may use them); a '%' not followed by two hex digits; a second '#'. Valid
// escapes stay as written, so encoding twice changes nothing.
// With `pdf_string`, '(' and ')' are encoded too: Cairo copies a link's URI
// into a PDF string without escaping them.
std::string percent_encode_uri(std::string_view uri, bool pdf_string = false);

}  // namespace galley
