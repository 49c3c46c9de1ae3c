// SVG images are sanitized before they enter an EPUB (issue 12): nothing
// that runs code or reaches outside the file survives; what draws stays.
#include <doctest/doctest.h>

#include <string>

#include "epub/svg_sanitize.hpp"
#include "util/image_type.hpp"

using namespace galley;

TEST_CASE("svg: scripts, handlers and external references are removed, shapes kept") {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"alert(1)\">"
      "<script>alert(2)</script>"
      "<style>@import url(http://evil.example/x.css);</style>"
      "<style>.a{fill:red}</style>"
      "<defs><linearGradient id=\"g\"/></defs>"
      "<rect class=\"a\" width=\"10\" height=\"10\" onclick=\"x()\" fill=\"url(#g)\"/>"
      "<image href=\"http://evil.example/track.png\" width=\"1\" height=\"1\"/>"
      "<image xlink:href=\"file:///etc/passwd\"/>"
      "<use xlink:href=\"#g\"/>"
      "<circle r=\"2\" style=\"fill:url(https://evil.example/p)\"/>"
      "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\">x</body></foreignObject>"
      "<text x=\"1\" y=\"9\">Label kept</text>"
      "</svg>";
  std::string why;
  const auto out = epub::sanitize_svg(svg, why);
  REQUIRE(out);
  const std::string& s = out->data;
  CHECK(s.find("alert") == std::string::npos);
  CHECK(s.find("onload") == std::string::npos);
  CHECK(s.find("onclick") == std::string::npos);
  CHECK(s.find("evil.example") == std::string::npos);
  CHECK(s.find("/etc/passwd") == std::string::npos);
  CHECK(s.find("foreignObject") == std::string::npos);
  CHECK(s.find("<script") == std::string::npos);
  CHECK(s.find("Label kept") != std::string::npos);
  CHECK(s.find("fill=\"url(#g)\"") != std::string::npos);
  CHECK(s.find("xlink:href=\"#g\"") != std::string::npos);
  CHECK(s.find(".a{fill:red}") != std::string::npos);
  CHECK(out->removed == 8);  // onload, script, @import style, onclick, 2 images, style url, foreignObject
  CHECK(s.find("<image") == std::string::npos);
  CHECK(image_type_of(s) == ImageType::Svg);
}

TEST_CASE("svg: entities, broken XML and a root other than svg are refused") {
  std::string why;
  CHECK_FALSE(epub::sanitize_svg("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg>&a;</svg>", why));
  CHECK(why.find("entities") != std::string::npos);
  CHECK_FALSE(epub::sanitize_svg("<svg><g></svg>", why));
  CHECK(why.find("well-formed") != std::string::npos);
  CHECK_FALSE(epub::sanitize_svg("<html><svg/></html>", why));
}

TEST_CASE("image types: by signature only") {
  CHECK(image_type_of("\x89PNG\r\n\x1a\n....") == ImageType::Png);
  CHECK(image_type_of("\xFF\xD8\xFF\xE0") == ImageType::Jpeg);
  CHECK(image_type_of("GIF89a") == ImageType::Gif);
  CHECK(image_type_of("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg xmlns=\"x\"/>") == ImageType::Svg);
  // Text that merely mentions <svg in its first kilobytes is no image.
  CHECK(image_type_of("Notes on the <svg> element, and more text.") == ImageType::Unknown);
  CHECK(image_type_of("<html><body><svg></svg></body></html>") == ImageType::Unknown);
  CHECK(image_type_of("") == ImageType::Unknown);
}
