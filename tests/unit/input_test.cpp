#include <doctest/doctest.h>

#include "read/input.hpp"
#include "util/error.hpp"

using galley::Error;
using galley::read::decode_text;

static std::string error_of(std::string_view bytes) {
  try {
    decode_text(bytes, "in.txt");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("UTF-8 BOM and CRLF are normal input") {
  CHECK(decode_text("\xEF\xBB\xBFHello\r\nworld\r\n", "x") == "Hello\nworld\n");
  CHECK(decode_text("a\rb", "x") == "a\nb");
}

TEST_CASE("UTF-16 with a BOM is decoded") {
  const std::string le("\xFF\xFEH\0i\0\n\0\x3D\xD8\x00\xDE", 12);  // "Hi\n😀"
  CHECK(decode_text(le, "x") == "Hi\n\xF0\x9F\x98\x80");
  const std::string be("\xFE\xFF\0H\0i", 6);
  CHECK(decode_text(be, "x") == "Hi");
}

TEST_CASE("bad input is a clear error naming the file and offset") {
  CHECK(error_of("") == "in.txt: empty input file");
  CHECK(error_of(" \n\t\n") == "in.txt: input has no text (only whitespace)");
  CHECK(error_of(std::string("ab\0cd", 5)).find("binary") != std::string::npos);
  CHECK(error_of("abc\xC3(") == "in.txt: invalid UTF-8 at byte 3 (convert the file to UTF-8)");
  CHECK(error_of("\xEF\xBB\xBF" "ab\xFF").find("byte 5") != std::string::npos);
  CHECK(error_of("\xED\xA0\x80").find("invalid UTF-8") != std::string::npos);  // encoded surrogate
}

TEST_CASE("a 10 MB single line decodes in linear time") {
  std::string big(10 * 1024 * 1024, 'a');
  for (std::size_t i = 100; i < big.size(); i += 100) big[i] = ' ';
  CHECK(decode_text(big, "x").size() == big.size());
}
