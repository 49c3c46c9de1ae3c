// The Markdown reader: one golden test per construct, on the finalized tree.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "doc/finalize.hpp"
#include "doc/json.hpp"
#include "read/markdown/front_matter.hpp"
#include "read/markdown/html.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"

using namespace galley;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Result {
  doc::Document doc;
  json tree;  // doc::to_json of the finalized document
  std::vector<std::string> warnings;
};

Result read_md(const std::string& text, const fs::path& base = fs::temp_directory_path()) {
  Diagnostics diag;
  diag.file = "test.md";
  Result r;
  r.doc = read::read_markdown(text, base, {}, diag);
  doc::finalize(r.doc, doc::FinalizeInput{{}, "stem"});
  r.tree = doc::to_json(r.doc);
  r.warnings = diag.warnings;
  return r;
}

// Blocks without the "line" keys, for compact golden comparisons.
json strip_lines(json j) {
  if (j.is_object()) {
    j.erase("line");
    for (auto& [k, v] : j.items()) v = strip_lines(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = strip_lines(v);
  }
  return j;
}

json blocks(const Result& r) { return strip_lines(r.tree["blocks"]); }

bool any_warning_contains(const Result& r, const std::string& needle) {
  for (const auto& w : r.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

json text(const std::string& s) { return json{{"type", "text"}, {"text", s}}; }

// A scratch folder removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("galley-md-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const fs::path& rel, const std::string& bytes) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << bytes;
  }
};

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(32, '\0');
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(32, '\0');
const std::string kGif = "GIF89a" + std::string(32, '\0');
const std::string kSvg = "<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n";

}  // namespace

TEST_CASE("markdown: ATX and setext headings, first h1 becomes the title") {
  auto r = read_md("# The Title\n\nIntro.\n\nSection *One*\n-------------\n\n### Deeper [link](http://x.org) ###\n\nText.\n");
  CHECK(r.doc.metadata.title == "The Title");
  const json b = blocks(r);
  REQUIRE(b.size() == 4);
  CHECK(b[0]["type"] == "paragraph");
  CHECK(b[1]["type"] == "heading");
  CHECK(b[1]["level"] == 2);
  CHECK(b[1]["text"] == "Section One");
  CHECK(b[1]["content"] == json::array({text("Section "), {{"type", "emphasis"}, {"children", {text("One")}}}}));
  CHECK(b[2]["level"] == 3);
  CHECK(b[2]["text"] == "Deeper link");
  CHECK(r.tree["toc"].size() == 1);
  CHECK(r.tree["toc"][0]["children"][0]["text"] == "Deeper link");
}

TEST_CASE("markdown: setext level-1 heading is the title too") {
  auto r = read_md("Title **Here**\n==============\n\nBody.\n");
  CHECK(r.doc.metadata.title == "Title Here");
  CHECK(blocks(r) == json::array({{{"type", "paragraph"}, {"text", "Body."}, {"content", {text("Body.")}}}}));
}

TEST_CASE("markdown: several h1 without h2 are chapters and all stay") {
  auto r = read_md("# One\n\na\n\n# Two\n\nb\n");
  CHECK(r.doc.metadata.title == "One");
  const json b = blocks(r);
  REQUIRE(b.size() == 4);
  CHECK(b[0]["text"] == "One");
  CHECK(b[2]["text"] == "Two");
  CHECK(r.doc.sections.size() == 2);
}

TEST_CASE("markdown: a second h1 after h2 sections stays a heading") {
  auto r = read_md("# Title\n\n## A\n\nx\n\nDay 2\n=====\n\n## B\n");
  CHECK(r.doc.metadata.title == "Title");
  const json b = blocks(r);
  REQUIRE(b.size() == 4);
  CHECK(b[0]["text"] == "A");
  CHECK(b[2]["text"] == "Day 2");
  CHECK(b[2]["level"] == 1);
}

TEST_CASE("markdown: no heading, no title: the fallback title is used") {
  auto r = read_md("Just text.\n");
  CHECK(r.doc.metadata.title == "Stem");
}

TEST_CASE("markdown: heading attribute blocks are not heading text") {
  auto r = read_md("# Title {#top}\n\n## كتابة ملف README {#كتابة-ملف-README}\n{: .lead}\n\n### Set {a, b}\n\n#### {#only}\n");
  CHECK(r.doc.metadata.title == "Title");
  const json b = blocks(r);
  REQUIRE(b.size() == 3);
  CHECK(b[0]["text"] == "كتابة ملف README");
  CHECK(b[1]["text"] == "Set {a, b}");
  CHECK(b[2]["text"] == "{#only}");
}

TEST_CASE("markdown: emphasis, strong, strikethrough, code, line breaks") {
  auto r = read_md("a *em* __strong__ ~~gone~~ `co*de*`\nsoft  \nhard\\\nend\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 1);
  const json expected = json::array({
      text("a "),
      {{"type", "emphasis"}, {"children", {text("em")}}},
      text(" "),
      {{"type", "strong"}, {"children", {text("strong")}}},
      text(" "),
      {{"type", "strikeout"}, {"children", {text("gone")}}},
      text(" "),
      {{"type", "code"}, {"text", "co*de*"}},
      text(" soft"),
      {{"type", "line_break"}},
      text("hard"),
      {{"type", "line_break"}},
      text("end"),
  });
  CHECK(b[0]["content"] == expected);
}

TEST_CASE("markdown: a soft break between ideographs adds no space") {
  auto r = read_md("开源项目\n的贡献者。\nLatin\nwords 和\n汉字\n");
  CHECK(blocks(r)[0]["text"] == "开源项目的贡献者。 Latin words 和汉字");
}

TEST_CASE("markdown: links, reference links, autolinks, unsafe schemes") {
  auto r = read_md(
      "[inline](http://a.org \"T\") [ref][r] <https://b.org> www.c.org [bad](javascript:alert(1))\n\n"
      "[r]: http://ref.org/x  'Ref title'\n");
  const json c = blocks(r)[0]["content"];
  CHECK(c[0] == json{{"type", "link"}, {"url", "http://a.org"}, {"title", "T"}, {"children", {text("inline")}}});
  CHECK(c[2] == json{{"type", "link"}, {"url", "http://ref.org/x"}, {"title", "Ref title"}, {"children", {text("ref")}}});
  CHECK(c[4] == json{{"type", "link"}, {"url", "https://b.org"}, {"children", {text("https://b.org")}}});
  CHECK(c[6] == json{{"type", "link"}, {"url", "http://www.c.org"}, {"children", {text("www.c.org")}}});
  // javascript: loses its link, keeps its text.
  CHECK(c[7] == text(" bad"));
  CHECK(r.tree.dump().find("javascript") == std::string::npos);
}

TEST_CASE("markdown: nested lists keep start numbers and tightness") {
  auto r = read_md("3. three\n4. four\n   - a\n   - b\n\n     more b\n5. five\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["type"] == "ordered_list");
  CHECK(b[0]["start"] == 3);
  CHECK(b[0]["tight"] == true);
  REQUIRE(b[0]["children"].size() == 3);
  const json inner = b[0]["children"][1]["children"][1];
  CHECK(inner["type"] == "bullet_list");
  CHECK(inner["tight"] == false);
  CHECK(inner["children"][1]["children"].size() == 2);
  CHECK(b[0]["children"][0]["children"][0]["text"] == "three");
}

TEST_CASE("markdown: task lists") {
  auto r = read_md("- [ ] todo\n- [x] done\n- plain\n");
  const json items = blocks(r)[0]["children"];
  REQUIRE(items.size() == 3);
  CHECK(items[0]["checked"] == false);
  CHECK(items[0]["children"][0]["text"] == "todo");
  CHECK(items[1]["checked"] == true);
  CHECK_FALSE(items[2].contains("checked"));
  CHECK(r.doc.body[0].line == 1);
  const auto& list = std::get<doc::List>(r.doc.body[0].node);
  CHECK(list.items[0].task == 0);
  CHECK(list.items[1].task == 1);
  CHECK(list.items[2].task == -1);
}

TEST_CASE("markdown: block quote") {
  auto r = read_md("> quoted *text*\n>\n> > nested\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["type"] == "block_quote");
  CHECK(b[0]["children"][0]["text"] == "quoted text");
  CHECK(b[0]["children"][1]["type"] == "block_quote");
  CHECK(b[0]["children"][1]["children"][0]["text"] == "nested");
}

TEST_CASE("markdown: code blocks keep language and text") {
  auto r = read_md("```python  {linenos}\nprint('<b>')\n  x = 1\n```\n\n    indented\n    code\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 2);
  CHECK(b[0] == json{{"type", "code_block"}, {"language", "python"}, {"text", "print('<b>')\n  x = 1"}});
  CHECK(b[1] == json{{"type", "code_block"}, {"text", "indented\ncode"}});
}

TEST_CASE("markdown: thematic break is a scene break") {
  auto r = read_md("one\n\n***\n\ntwo\n\n- - -\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 4);
  CHECK(b[1] == json{{"type", "scene_break"}});
  CHECK(b[3] == json{{"type", "scene_break"}});
}

TEST_CASE("markdown: tables with alignment and header row") {
  auto r = read_md("| L | C | R | D |\n|:--|:-:|--:|---|\n| a | *b* | `c` | d |\n| e |\n");
  const json b = blocks(r);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["type"] == "table");
  CHECK(b[0]["align"] == json::array({"left", "center", "right", "default"}));
  REQUIRE(b[0]["head"].size() == 1);
  CHECK(b[0]["head"][0][0] == json::array({text("L")}));
  REQUIRE(b[0]["body"].size() == 2);
  CHECK(b[0]["body"][0][1] == json::array({{{"type", "emphasis"}, {"children", {text("b")}}}}));
  CHECK(b[0]["body"][0][2] == json::array({{{"type", "code"}, {"text", "c"}}}));
  CHECK(b[0]["body"][1].size() == 4);  // short rows are padded by cmark-gfm
}

TEST_CASE("markdown: footnotes are numbered by first reference, id is the label") {
  auto r = read_md(
      "One[^b] two[^note-a] three[^b] four[^missing].\n\n"
      "[^note-a]: Note *A*.\n"
      "[^unused]: never referenced\n"
      "  [^b]: Note B\n    continued\n");
  const json c = blocks(r)[0]["content"];
  CHECK(c[1] == json{{"type", "note_ref"}, {"id", "b"}, {"number", 1}});
  CHECK(c[3] == json{{"type", "note_ref"}, {"id", "note-a"}, {"number", 2}});
  CHECK(c[5] == json{{"type", "note_ref"}, {"id", "b"}, {"number", 1}});
  CHECK(c[6] == text(" four[^missing]."));
  const json notes = strip_lines(r.tree["footnotes"]);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]["id"] == "b");
  CHECK(notes[0]["number"] == 1);
  CHECK(notes[0]["children"][0]["text"] == "Note B continued");
  CHECK(notes[1]["id"] == "note-a");
  CHECK(notes[1]["children"][0]["text"] == "Note A.");
}

TEST_CASE("markdown: local images are embedded only inside the input folder") {
  TempDir tmp;
  tmp.write("book/pic.png", kPng);
  tmp.write("book/img/photo.jpg", kJpeg);
  tmp.write("book/anim.gif", kGif);
  tmp.write("book/draw.svg", kSvg);
  tmp.write("book/my pic.png", kPng);
  tmp.write("book/fake.png", "not an image at all");
  tmp.write("secret.png", kPng);
  fs::create_symlink(tmp.path / "secret.png", tmp.path / "book" / "link.png");
  const fs::path base = tmp.path / "book";

  SUBCASE("a paragraph of one found image is a figure captioned by its alt text, never its title") {
    auto r = read_md("![A pic](pic.png \"The caption\")\n\n![Photo](img/photo.jpg)\n", base);
    REQUIRE(r.doc.body.size() == 2);
    const auto& f = std::get<doc::Figure>(r.doc.body[0].node);
    CHECK(f.image.path == fs::canonical(base / "pic.png").string());
    CHECK(f.image.alt == "A pic");
    CHECK(doc::plain_text(f.caption) == "A pic");
    CHECK(f.image.title == "The caption");
    const auto& g = std::get<doc::Figure>(r.doc.body[1].node);
    CHECK(g.image.path == fs::canonical(base / "img/photo.jpg").string());
    CHECK(doc::plain_text(g.caption) == "Photo");
    CHECK(r.warnings.empty());
  }
  SUBCASE("GIF, SVG and percent-encoded names") {
    auto r = read_md("![g](anim.gif) and ![s](./draw.svg) and ![p](my%20pic.png)\n", base);
    const json c = blocks(r)[0]["content"];
    CHECK(c[0]["found"] == true);
    CHECK(c[2]["found"] == true);
    CHECK(c[4]["found"] == true);
    CHECK(r.warnings.empty());
  }
  SUBCASE("missing: a paragraph holding the image, whose alt text shows once (no caption)") {
    auto r = read_md("![gone](nothere.png)\n", base);
    CHECK(blocks(r)[0] == json{{"type", "paragraph"},
                               {"text", "gone"},
                               {"content", {{{"type", "image"}, {"src", "nothere.png"}, {"alt", "gone"}, {"found", false}}}}});
    CHECK(any_warning_contains(r, "test.md:1: image not found: nothere.png"));
  }
  SUBCASE("remote images are never fetched") {
    auto r = read_md("text ![Remote alt](https://example.com/x.png) and ![p](//cdn.example.com/y.png)\n", base);
    const json c = blocks(r)[0]["content"];
    CHECK(c[1]["found"] == false);
    CHECK(c[3]["found"] == false);
    CHECK(any_warning_contains(r, "image not embedded, remote: https://example.com/x.png (showing alt text)"));
    CHECK(any_warning_contains(r, "remote: //cdn.example.com/y.png"));
  }
  SUBCASE("paths escaping the folder are refused") {
    auto r = read_md("![a](../secret.png)\n\n![b](" + (tmp.path / "secret.png").string() +
                         ")\n\n![c](link.png)\n\n![d](img/../../secret.png)\n",
                     base);
    for (const auto& b : r.doc.body)
      CHECK(std::get<doc::Image>(std::get<doc::Paragraph>(b.node).content.at(0).node).path.empty());
    CHECK(r.warnings.size() == 4);
    CHECK(any_warning_contains(r, "outside the input folder: ../secret.png"));
    CHECK(any_warning_contains(r, "outside the input folder: link.png"));
  }
  SUBCASE("a file that is not an image is refused") {
    auto r = read_md("![f](fake.png)\n", base);
    CHECK(std::get<doc::Image>(std::get<doc::Paragraph>(r.doc.body[0].node).content.at(0).node).path.empty());
    CHECK(any_warning_contains(r, "not a PNG, JPEG, GIF or SVG file: fake.png"));
  }
  SUBCASE("an image inside text stays inline; a linked image is not a figure") {
    auto r = read_md("see ![x](pic.png) here\n\n[![y](pic.png)](http://a.org)\n", base);
    const json b = blocks(r);
    CHECK(b[0]["type"] == "paragraph");
    CHECK(b[0]["content"][1]["found"] == true);
    CHECK(b[1]["type"] == "paragraph");
    CHECK(b[1]["content"][0]["type"] == "link");
  }
  SUBCASE("<img> in raw HTML follows the same rules") {
    auto r = read_md("<img src=\"pic.png\" alt=\"html pic\">\n\ninline <img src=\"../secret.png\" alt=\"s\"> x\n", base);
    const json b = blocks(r);
    REQUIRE(b.size() == 2);
    CHECK(b[0]["type"] == "figure");
    CHECK(b[0]["found"] == true);
    CHECK(b[0]["alt"] == "html pic");
    CHECK(b[1]["content"][1]["found"] == false);
    CHECK(any_warning_contains(r, "outside the input folder: ../secret.png"));
  }
  SUBCASE("front matter cover is resolved the same way") {
    auto r = read_md("---\ntitle: T\ncover: pic.png\n---\n\ntext\n", base);
    CHECK(r.doc.metadata.cover == fs::canonical(base / "pic.png").string());
    auto s = read_md("---\ntitle: T\ncover: ../secret.png\n---\n\ntext\n", base);
    CHECK(s.doc.metadata.cover.empty());
    CHECK(any_warning_contains(s, "cover image not embedded, outside the input folder"));
  }
}

TEST_CASE("markdown: raw HTML never survives as markup") {
  SUBCASE("script and style content is dropped, inline and block") {
    auto r = read_md(
        "Hello <script>alert(1)</script> world <style>p{}</style>!\n\n"
        "<script>\nalert(2)\n</script>\n\n"
        "<div onclick=\"evil()\">kept <b>bold</b><!-- hidden --></div>\n\n"
        "<iframe src=\"http://evil\"></iframe>\n");
    const std::string dump = r.tree.dump();
    CHECK(dump.find("alert") == std::string::npos);
    CHECK(dump.find("<script") == std::string::npos);
    CHECK(dump.find("evil") == std::string::npos);
    CHECK(dump.find("hidden") == std::string::npos);
    CHECK(dump.find("p{}") == std::string::npos);
    const json b = blocks(r);
    REQUIRE(b.size() == 2);
    CHECK(b[0]["text"] == "Hello  world !");
    CHECK(b[1]["content"] == json::array({text("kept "), {{"type", "strong"}, {"children", {text("bold")}}}}));
  }
  SUBCASE("a safe subset maps to tree nodes, other tags are removed") {
    auto r = read_md(
        "a <em>em</em> <i>i</i> <strong>s</strong> <code>c&lt;d</code> <del>x</del> <span class=\"z\">span</span> "
        "<a href=\"http://ok.org\" onclick=\"x()\">ok</a> <a href=\"javascript:x()\">js</a><br>next &amp; &copy;\n");
    const json c = blocks(r)[0]["content"];
    const json expected = json::array({
        text("a "),
        {{"type", "emphasis"}, {"children", {text("em")}}},
        text(" "),
        {{"type", "emphasis"}, {"children", {text("i")}}},
        text(" "),
        {{"type", "strong"}, {"children", {text("s")}}},
        text(" "),
        {{"type", "code"}, {"text", "c<d"}},
        text(" "),
        {{"type", "strikeout"}, {"children", {text("x")}}},
        text(" span "),
        {{"type", "link"}, {"url", "http://ok.org"}, {"children", {text("ok")}}},
        text(" js"),
        {{"type", "line_break"}},
        text("next & \u00a9"),
    });
    CHECK(c == expected);
  }
  SUBCASE("void elements never hide what follows") {
    auto r = read_md("a <embed src=\"x.swf\"> b <input type=\"text\"> c\n\n<embed src=\"y\">\nd\n");
    const json b = blocks(r);
    REQUIRE(b.size() == 2);
    CHECK(b[0]["text"] == "a  b  c");
    CHECK(b[1]["text"] == "d");
  }
  SUBCASE("unclosed and stray tags") {
    auto r = read_md("x </b> <em>open to the end\n");
    CHECK(blocks(r)[0]["content"] ==
          json::array({text("x  "), {{"type", "emphasis"}, {"children", {text("open to the end")}}}}));
  }
  SUBCASE("HTML blocks: text kept, Markdown inside kramdown-style blocks parsed") {
    auto r = read_md(
        "<aside markdown=\"1\" class=\"pquote\">\n  I said *this*.\n  <p markdown=\"1\">\n— me, "
        "[\"Tips\"](https://a.org/tips)\n  </p>\n</aside>\n\n"
        "<h2 id=\"x\">HTML &amp; heading</h2>\n\n"
        "<table><tr><td>cell &lt;1&gt;</td><td>cell 2</td></tr></table>\n\n"
        "<!-- just a comment -->\n\n"
        "<pre><code>if (a &lt; b)\n  <b>go</b>();</code></pre>\n");
    const json b = blocks(r);
    REQUIRE(b.size() == 6);
    CHECK(b[0]["content"] == json::array({text("I said "), {{"type", "emphasis"}, {"children", {text("this")}}},
                                          text(".")}));
    CHECK(b[1]["content"][1] ==  // finalize's smart punctuation curls the quotes
          json{{"type", "link"}, {"url", "https://a.org/tips"}, {"children", {text("“Tips”")}}});
    CHECK(b[2]["type"] == "heading");
    CHECK(b[2]["text"] == "HTML & heading");
    CHECK(b[3]["text"] == "cell <1>");
    CHECK(b[4]["text"] == "cell 2");
    CHECK(b[5] == json{{"type", "code_block"}, {"text", "if (a < b)\n  go();"}});
    CHECK(r.doc.body[0].line == 1);
    CHECK(r.doc.body[2].line == 8);
  }
  SUBCASE("entity-encoded markup stays text") {
    auto r = read_md("<div>&lt;script&gt;alert(3)&lt;/script&gt;</div>\n");
    const auto& p = std::get<doc::Paragraph>(r.doc.body.at(0).node);
    CHECK(doc::plain_text(p.content) == "<script>alert(3)</script>");
    REQUIRE(p.content.size() == 1);
    CHECK(std::holds_alternative<doc::Text>(p.content[0].node));
  }
}

TEST_CASE("markdown: html helpers") {
  using namespace galley::read::markdown;
  CHECK(decode_entities("&amp;&lt;&gt;&quot;&#39;&#x263A;&eacute;&nbsp;&bogus; & &#;") ==
        "&<>\"'\u263a\u00e9\u00a0&bogus; & &#;");
  CHECK_FALSE(is_safe_link_url("javascript:alert(1)"));
  CHECK_FALSE(is_safe_link_url(" JaVa\tScRiPt:alert(1)"));
  CHECK_FALSE(is_safe_link_url("data:text/html;base64,xx"));
  CHECK_FALSE(is_safe_link_url("file:///etc/passwd"));
  CHECK(is_safe_link_url("https://a.org/x?y=javascript:1"));
  CHECK(is_safe_link_url("mailto:a@b.org"));
  CHECK(is_safe_link_url("../page.html#x"));
  const auto tokens = tokenize_html("<a href='x>y' title=\"a &amp; b\">t</a><br/><!-- c --><script>if (a<b) x()</script>");
  REQUIRE(tokens.size() == 8);
  CHECK(*tokens[0].attribute("href") == "x>y");
  CHECK(*tokens[0].attribute("title") == "a & b");
  CHECK(tokens[3].self_closing);
  CHECK(tokens[4].kind == HtmlToken::Kind::Comment);
  CHECK(tokens[6].text == "if (a<b) x()");
}

TEST_CASE("markdown: front matter sets the metadata, line numbers stay the file's") {
  auto r = read_md(
      "---\n"
      "title: \"Front: Matter\"\n"
      "subtitle: Sub\n"
      "authors: [Ann One, Bob Two]\n"
      "lang: de\n"
      "date: 2024-05-01\n"
      "publisher: Pub\n"
      "rights: CC0\n"
      "identifier: urn:isbn:123\n"
      "description: Desc\n"
      "keywords: [a, b]\n"
      "---\n"
      "\n"
      "# Front: Matter\n"
      "\n"
      "## Section\n"
      "\n"
      "Para.\n");
  const auto& m = r.doc.metadata;
  CHECK(m.title == "Front: Matter");
  CHECK(m.subtitle == "Sub");
  CHECK(m.authors == std::vector<std::string>{"Ann One", "Bob Two"});
  CHECK(m.language == "de");
  CHECK(m.date == "2024-05-01");
  CHECK(m.publisher == "Pub");
  CHECK(m.rights == "CC0");
  CHECK(m.identifier == "urn:isbn:123");
  CHECK(m.description == "Desc");
  CHECK(m.subjects == std::vector<std::string>{"a", "b"});
  // The h1 repeating the front matter title is not shown twice.
  REQUIRE(r.doc.body.size() == 2);
  CHECK(r.doc.body[0].line == 16);
  CHECK(r.doc.body[1].line == 18);
}

TEST_CASE("markdown: front matter with author, h1 kept when it differs from the title") {
  auto r = read_md("---\ntitle: Book\nauthor: Single Author\n---\n# Chapter\n\ntext\n");
  CHECK(r.doc.metadata.title == "Book");
  CHECK(r.doc.metadata.authors == std::vector<std::string>{"Single Author"});
  REQUIRE(r.doc.body.size() == 2);
  CHECK(r.doc.body[0].line == 5);
  CHECK(std::get<doc::Heading>(r.doc.body[0].node).level == 1);
}

TEST_CASE("markdown: malformed front matter is an error with the file line") {
  SUBCASE("bad YAML") {
    try {
      read_md("---\ntitle: ok\nauthors: [a, b\nlang: en\n---\n\ntext\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.file().empty());  // the pipeline adds the file name
      CHECK(e.line() >= 3);
      CHECK(e.line() <= 5);
      CHECK(std::string(e.what()).find("malformed") != std::string::npos);
    }
  }
  SUBCASE("error on a later line") {
    try {
      read_md("---\ntitle: ok\ndate: 2020\nbad: [\n---\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.line() >= 4);
    }
  }
  SUBCASE("bad language tag") {
    CHECK_THROWS_AS(read_md("---\nlang: not a language\n---\ntext\n"), Error);
  }
  SUBCASE("never closed") {
    try {
      read_md("---\ntitle: x\n\nText without an end.\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.line() == 1);
      CHECK(std::string(e.what()).find("not closed") != std::string::npos);
    }
  }
}

TEST_CASE("markdown: a leading thematic break or setext heading is not front matter") {
  auto r = read_md("---\n\nText.\n");
  CHECK(blocks(r)[0]["type"] == "scene_break");
  auto s = read_md("---\nNot yaml, just text\n---\n\nMore.\n");
  CHECK(blocks(s)[0]["type"] == "scene_break");
  CHECK(blocks(s)[1]["type"] == "heading");
  CHECK(blocks(s)[1]["text"] == "Not yaml, just text");
}

TEST_CASE("markdown: front matter split keeps line count") {
  std::string text = "---\ntitle: x\n---\nbody\n";
  const auto fm = read::markdown::take_front_matter(text);
  CHECK(fm.present);
  CHECK(fm.yaml == "title: x\n");
  CHECK(fm.last_line == 3);
  CHECK(std::count(text.begin(), text.end(), '\n') == 4);
  CHECK(text.substr(text.size() - 5) == "body\n");
}

TEST_CASE("markdown: pathological nesting does not crash") {
  std::string deep(5000, '>');
  deep += " x\n\n";
  for (int i = 0; i < 3000; ++i) deep += "*a ";
  deep += "\n\n";
  deep += std::string(2000, '[') + "x" + std::string(2000, ']') + "\n\n";
  // Deeper than any stack allows for recursion: the mapping must be iterative.
  for (int i = 0; i < 20000; ++i) deep += "- ";
  deep += "deepest words\n";
  auto r = read_md(deep);
  CHECK(!r.doc.body.empty());
  const std::string all = doc::plain_text(r.doc.body);
  CHECK(all.find('x') != std::string::npos);
  CHECK(all.find("deepest words") != std::string::npos);
}

TEST_CASE("markdown: parallel readers give the same trees") {
  const std::string text =
      "# T\n\n~~strike~~ and www.auto.org and [^n]\n\n| a | b |\n|---|--:|\n| 1 | ~~2~~ |\n\n- [x] done\n\n[^n]: note\n";
  const std::string expected = read_md(text).tree.dump();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i)
        if (read_md(text).tree.dump() != expected) ++mismatches;
    });
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}
