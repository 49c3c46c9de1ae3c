// Markdown images, figures, raw HTML blocks and a given title, as the GFM
// spec has them (issue 12): a missing image's alt text shows once, a title
// is never visible text, an image without alt text prints nothing, a raw
// HTML block is not Markdown, a title given on the command line never makes
// the first heading disappear. Read with the Markdown reader, then written
// to EPUB and read back where the rendering matters.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "doc/finalize.hpp"
#include "epub/epub_writer.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

using namespace galley;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    std::string tmpl = (fs::temp_directory_path() / "galley-md-images-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
};

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, '\0');

doc::Document read_md(const std::string& md, const fs::path& base, const std::string& given_title = {}) {
  Diagnostics diag;
  diag.file = "test.md";
  read::ReadOptions options;
  options.title = given_title;
  doc::Document d = read::read_markdown(md, base, options, diag);
  doc::Metadata overrides;
  overrides.title = given_title;
  doc::finalize(d, doc::FinalizeInput{overrides, "stem"});
  return d;
}

// The XHTML of every chapter file (not the title page or navigation).
std::string chapters_xhtml(const doc::Document& d, const fs::path& dir) {
  Diagnostics diag;
  const fs::path out = dir / "book.epub";
  epub::write_epub(d,
                   epub::EpubOptions{fs::path(GALLEY_SOURCE_DIR) / "fonts", fs::path(GALLEY_SOURCE_DIR) / "styles",
                                     "default", {}, {}},
                   out, diag);
  int err = 0;
  zip_t* z = zip_open(out.c_str(), ZIP_RDONLY, &err);
  REQUIRE(z != nullptr);
  std::string all;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    const std::string name = zip_get_name(z, i, 0);
    if (!name.ends_with(".xhtml") || name.ends_with("nav.xhtml") || name.ends_with("title.xhtml")) continue;
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, i, 0, &st) == 0);
    zip_file_t* f = zip_fopen_index(z, i, 0);
    REQUIRE(f != nullptr);
    std::string data(st.size, '\0');
    REQUIRE(zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    all += data;
  }
  zip_close(z);
  return all;
}

// The body's plain text without its final line end.
std::string body_text(const doc::Document& d) {
  std::string t = doc::plain_text(d.body);
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("markdown images: a missing image shows its alt text once, never its title") {
  Folder tmp;
  const doc::Document d = read_md("Intro.\n\n![the alt words](/missing.png \"the title words\")\n", tmp.path);
  REQUIRE(d.body.size() == 2);
  const auto* para = std::get_if<doc::Paragraph>(&d.body[1].node);
  REQUIRE(para != nullptr);  // no figure: its caption would repeat the alt text
  REQUIRE(para->content.size() == 1);
  const auto& img = std::get<doc::Image>(para->content[0].node);
  CHECK(img.alt == "the alt words");
  CHECK(img.title == "the title words");
  const std::string x = chapters_xhtml(d, tmp.path);
  CHECK(count(x, "the alt words") == 1);
  CHECK(count(x, "the title words") == 0);
  CHECK(x.find("<figcaption") == std::string::npos);
}

TEST_CASE("markdown images: a found image alone is a figure captioned by its alt text, not its title") {
  Folder tmp;
  {
    std::ofstream(tmp.path / "pic.png", std::ios::binary) << kPng;
  }
  const doc::Document d = read_md("![A red square](pic.png \"hover text\")\n", tmp.path);
  REQUIRE(d.body.size() == 1);
  const auto& f = std::get<doc::Figure>(d.body[0].node);
  CHECK_FALSE(f.image.path.empty());
  CHECK(doc::plain_text(f.caption) == "A red square");
  CHECK(f.image.title == "hover text");
}

TEST_CASE("markdown images: an image without alt text prints nothing, not [image]") {
  Folder tmp;
  const doc::Document d = read_md("Before ![](/url) after.\n\n![](/url)\n", tmp.path);
  const std::string x = chapters_xhtml(d, tmp.path);
  CHECK(x.find("[image]") == std::string::npos);
  CHECK(x.find("image-missing") == std::string::npos);
  CHECK(x.find("Before  after.") != std::string::npos);
}

TEST_CASE("markdown images: an image in a link, missing, shows its alt text once") {
  Folder tmp;
  const doc::Document d = read_md("[![moon](moon.jpg)](/uri)\n", tmp.path);
  const std::string x = chapters_xhtml(d, tmp.path);
  CHECK(count(x, "moon<") == 1);
}

TEST_CASE("markdown raw HTML blocks: HTML, not Markdown, unless markdown=\"1\" asks for it") {
  Folder tmp;
  SUBCASE("a <div> block shows its text as written") {
    const doc::Document d = read_md("<div>\n*hello* and ``` fences\n</div>\n", tmp.path);
    REQUIRE(d.body.size() == 1);
    const auto& p = std::get<doc::Paragraph>(d.body[0].node);
    REQUIRE(p.content.size() == 1);
    CHECK(std::get<doc::Text>(p.content[0].node).text == "*hello* and ``` fences");
  }
  SUBCASE("text after a closed <script> on its last line is kept as written") {
    const doc::Document d = read_md("<script>\nfoo\n</script>1. *bar*\n", tmp.path);
    CHECK(body_text(d) == "1. *bar*");
  }
  SUBCASE("markdown=\"1\" keeps kramdown's Markdown inside") {
    const doc::Document d = read_md("<aside markdown=\"1\">\n*hello* [link](http://a.org)\n</aside>\n", tmp.path);
    REQUIRE(d.body.size() == 1);
    const auto& p = std::get<doc::Paragraph>(d.body[0].node);
    REQUIRE_FALSE(p.content.empty());
    CHECK(std::holds_alternative<doc::Emphasis>(p.content[0].node));
  }
  SUBCASE("markdown=\"0\" does not") {
    const doc::Document d = read_md("<div markdown=\"0\">\n*hello*\n</div>\n", tmp.path);
    CHECK(body_text(d) == "*hello*");
  }
}

TEST_CASE("markdown title: a title given outside the input keeps the first heading in the body") {
  Folder tmp;
  SUBCASE("another title: the heading stays") {
    const doc::Document d = read_md("# Foo\n\ntext\n", tmp.path, "Given Title");
    CHECK(d.metadata.title == "Given Title");
    REQUIRE(d.body.size() == 2);
    CHECK(doc::plain_text(std::get<doc::Heading>(d.body[0].node).content) == "Foo");
  }
  SUBCASE("the same title: the heading is not shown twice") {
    const doc::Document d = read_md("# Foo\n\ntext\n", tmp.path, "Foo");
    REQUIRE(d.body.size() == 1);
    CHECK(std::holds_alternative<doc::Paragraph>(d.body[0].node));
  }
  SUBCASE("no title given: the heading becomes the title") {
    const doc::Document d = read_md("# Foo\n\ntext\n", tmp.path);
    CHECK(d.metadata.title == "Foo");
    CHECK(d.body.size() == 1);
  }
}
