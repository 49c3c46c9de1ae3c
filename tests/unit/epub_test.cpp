// The EPUB writer: documents built in code, written to a temporary folder,
// read back with libzip and checked.
#include <doctest/doctest.h>
#include <tinyxml2.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "doc/finalize.hpp"
#include "epub/epub_writer.hpp"
#include "epub/package.hpp"
#include "epub/text_utils.hpp"
#include "read/input.hpp"
#include "read/reader.hpp"
#include "util/uri.hpp"

using namespace galley;
using namespace galley::doc;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "galley-epub-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Sets SOURCE_DATE_EPOCH for the duration of a test.
struct FixedEpoch {
  FixedEpoch() { setenv("SOURCE_DATE_EPOCH", "1700000000", 1); }
  ~FixedEpoch() { unsetenv("SOURCE_DATE_EPOCH"); }
};

epub::EpubOptions options() {
  return epub::EpubOptions{fs::path(GALLEY_SOURCE_DIR) / "fonts", fs::path(GALLEY_SOURCE_DIR) / "styles", "default",
                           {}, {}};
}

// With GALLEY_KEEP_EPUB=DIR, every EPUB written is also copied there (to
// run epubcheck or Ace on the test books by hand).
fs::path write(const Document& d, const fs::path& dir, const std::string& name = "book.epub",
               const epub::EpubOptions& opts = options()) {
  Diagnostics diag;
  const fs::path out = dir / name;
  epub::write_epub(d, opts, out, diag);
  if (const char* keep = std::getenv("GALLEY_KEEP_EPUB"); keep && *keep) {
    static int n = 0;
    fs::copy_file(out, fs::path(keep) / (std::to_string(++n) + "-" + name), fs::copy_options::overwrite_existing);
  }
  return out;
}

class Epub {
 public:
  explicit Epub(const fs::path& p) {
    int err = 0;
    z_ = zip_open(p.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    REQUIRE(z_ != nullptr);
  }
  ~Epub() { zip_close(z_); }
  bool has(const std::string& name) const { return zip_name_locate(z_, name.c_str(), 0) >= 0; }
  std::string read(const std::string& name) const {
    zip_stat_t st;
    REQUIRE(zip_stat(z_, name.c_str(), 0, &st) == 0);
    zip_file_t* f = zip_fopen(z_, name.c_str(), 0);
    REQUIRE(f != nullptr);
    std::string data(st.size, '\0');
    REQUIRE(zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    return data;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z_, 0); ++i) out.push_back(zip_get_name(z_, i, 0));
    return out;
  }
  zip_t* raw() const { return z_; }

 private:
  zip_t* z_ = nullptr;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

// All XHTML content of the book (every .xhtml entry), concatenated.
std::string all_xhtml(const Epub& e) {
  std::string out;
  for (const auto& n : e.names())
    if (n.size() > 6 && n.compare(n.size() - 6, 6, ".xhtml") == 0) out += e.read(n);
  return out;
}

// Every content document must be well-formed XML.
void check_well_formed(const Epub& e) {
  for (const auto& n : e.names()) {
    const bool xml = n.ends_with(".xhtml") || n.ends_with(".opf") || n.ends_with(".ncx") || n.ends_with(".xml");
    if (!xml) continue;
    tinyxml2::XMLDocument d;
    const std::string text = e.read(n);
    INFO(n);
    CHECK(d.Parse(text.c_str(), text.size()) == tinyxml2::XML_SUCCESS);
  }
}

Inlines ins(std::string s) { return {text(std::move(s))}; }

Document sample_book() {
  Document d;
  d.metadata.title = "The Sample Book";
  d.metadata.subtitle = "A Test of Every Node";
  d.metadata.authors = {"Ada Lovelace", "Charles Babbage"};
  d.metadata.language = "en";
  d.metadata.date = "2024-05-01";
  d.metadata.publisher = "Galley Press";
  d.metadata.rights = "Public domain";
  d.metadata.description = "A book <with> & markup characters";
  d.metadata.subjects = {"Testing", "EPUB"};
  d.metadata.source = "https://example.org/source";

  d.body.push_back(paragraph(ins("An untitled opening.")));
  d.body.push_back(heading(1, ins("First Chapter")));
  Inlines p1 = ins("Text with a note");
  p1.push_back(Inline{NoteRef{"a", 0}});
  p1.push_back(text(", "));
  p1.push_back(Inline{Emphasis{ins("emphasis")}});
  p1.push_back(text(", "));
  p1.push_back(Inline{Strong{ins("strong")}});
  p1.push_back(text(", "));
  p1.push_back(Inline{Strikeout{ins("struck")}});
  p1.push_back(text(", "));
  p1.push_back(Inline{Code{"x < y && z"}});
  p1.push_back(Inline{LineBreak{}});
  p1.push_back(Inline{Link{"https://example.org/a b", ins("external"), "Example"}});
  p1.push_back(text(" and "));
  p1.push_back(Inline{Link{"#second-chapter", ins("internal"), ""}});
  d.body.push_back(paragraph(p1));
  d.body.push_back(heading(2, ins("A Section")));
  List ol;
  ol.ordered = true;
  ol.start = 3;
  ol.items.push_back(ListItem{{paragraph(ins("three"))}, -1});
  List nested;
  nested.items.push_back(ListItem{{paragraph(ins("done task"))}, 1});
  nested.items.push_back(ListItem{{paragraph(ins("open task"))}, 0});
  ol.items.push_back(ListItem{{paragraph(ins("four")), Block{nested}}, -1});
  d.body.push_back(Block{ol});
  d.body.push_back(Block{CodeBlock{"int main() {\n  return 0;\n}\n", "c++"}});
  d.body.push_back(Block{SceneBreak{}});
  BlockQuote q;
  q.children.push_back(paragraph(ins("Quoted words.")));
  d.body.push_back(Block{q});
  Table t;
  t.align = {Align::Left, Align::Center, Align::Right};
  t.head.push_back(TableRow{{TableCell{ins("Name")}, TableCell{ins("Count")}, TableCell{ins("Price")}}});
  t.body.push_back(TableRow{{TableCell{ins("Apple")}, TableCell{ins("3")}, TableCell{ins("1.00")}}});
  t.caption = ins("Fruit prices");
  d.body.push_back(Block{t});
  Figure f;
  f.image = Image{"https://example.org/missing.png", "A missing picture", "", ""};
  f.caption = ins("The caption");
  d.body.push_back(Block{f});
  d.body.push_back(heading(1, ins("Second Chapter")));
  Inlines p2 = ins("Another reference");
  p2.push_back(Inline{NoteRef{"b", 0}});
  p2.push_back(text(" and again"));
  p2.push_back(Inline{NoteRef{"a", 0}});
  d.body.push_back(paragraph(p2));
  d.body.push_back(heading(3, ins("Deep heading")));
  d.body.push_back(paragraph(ins("Bad \x01 control \xff byte.")));

  d.footnotes.push_back(Footnote{"a", 0, {paragraph(ins("The first note."))}});
  d.footnotes.push_back(Footnote{"b", 0, {paragraph(ins("The second note."))}});
  d.back_matter.push_back(paragraph(ins("End matter.")));
  finalize(d, FinalizeInput{{}, "sample"});
  return d;
}

struct NavItem {
  std::string href, text;
  std::vector<NavItem> children;
};

std::vector<NavItem> read_ol(const tinyxml2::XMLElement* ol) {
  std::vector<NavItem> out;
  for (auto* li = ol->FirstChildElement("li"); li; li = li->NextSiblingElement("li")) {
    NavItem item;
    auto* a = li->FirstChildElement("a");
    REQUIRE(a != nullptr);
    item.href = a->Attribute("href");
    item.text = a->GetText() ? a->GetText() : "";
    if (auto* sub = li->FirstChildElement("ol")) item.children = read_ol(sub);
    out.push_back(item);
  }
  return out;
}

void compare_toc(const std::vector<TocEntry>& toc, const std::vector<NavItem>& nav) {
  REQUIRE(toc.size() == nav.size());
  for (std::size_t i = 0; i < toc.size(); ++i) {
    CHECK(nav[i].text == toc[i].text);
    CHECK(nav[i].href.ends_with("#" + toc[i].id));
    compare_toc(toc[i].children, nav[i].children);
  }
}

}  // namespace

TEST_CASE("epub: mimetype first and stored, container present") {
  TempDir tmp;
  const auto path = write(sample_book(), tmp.path);
  Epub e(path);
  const auto names = e.names();
  REQUIRE(!names.empty());
  CHECK(names[0] == "mimetype");
  zip_stat_t st;
  REQUIRE(zip_stat_index(e.raw(), 0, 0, &st) == 0);
  CHECK(st.comp_method == ZIP_CM_STORE);
  CHECK(e.read("mimetype") == "application/epub+zip");
  CHECK(e.has("META-INF/container.xml"));
  CHECK(contains(e.read("META-INF/container.xml"), "full-path=\"OEBPS/content.opf\""));
  // The raw local header: no extra field, name then content at fixed offsets.
  const std::string raw = slurp(path);
  REQUIRE(raw.size() > 60);
  CHECK(raw.compare(0, 4, "PK\x03\x04") == 0);
  CHECK(raw[26] == 8);
  CHECK(raw[27] == 0);
  CHECK(raw[28] == 0);
  CHECK(raw[29] == 0);
  CHECK(raw.compare(30, 28, "mimetypeapplication/epub+zip") == 0);
  check_well_formed(e);
}

TEST_CASE("epub: package metadata") {
  FixedEpoch epoch;
  TempDir tmp;
  const Document d = sample_book();
  Epub e(write(d, tmp.path));
  const std::string opf = e.read("OEBPS/content.opf");
  CHECK(contains(opf, "unique-identifier=\"pub-id\""));
  CHECK(contains(opf, "<dc:identifier id=\"pub-id\">" + d.metadata.identifier + "</dc:identifier>"));
  CHECK(contains(opf, ">The Sample Book</dc:title>"));
  CHECK(contains(opf, ">A Test of Every Node</dc:title>"));
  CHECK(contains(opf, "<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>"));
  CHECK(contains(opf, ">Ada Lovelace</dc:creator>"));
  CHECK(contains(opf, ">Charles Babbage</dc:creator>"));
  CHECK(contains(opf, "<dc:language>en</dc:language>"));
  CHECK(contains(opf, "<dc:date>2024-05-01</dc:date>"));
  CHECK(contains(opf, "<dc:publisher>Galley Press</dc:publisher>"));
  CHECK(contains(opf, "<dc:rights>Public domain</dc:rights>"));
  CHECK(contains(opf, "<dc:description>A book &lt;with&gt; &amp; markup characters</dc:description>"));
  CHECK(contains(opf, "<dc:subject>Testing</dc:subject>"));
  CHECK(contains(opf, "<dc:subject>EPUB</dc:subject>"));
  CHECK(contains(opf, "<dc:source>https://example.org/source</dc:source>"));
  CHECK(contains(opf, "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"));
  // Accessibility metadata: text only, no images shown.
  CHECK(contains(opf, "<meta property=\"schema:accessMode\">textual</meta>"));
  CHECK_FALSE(contains(opf, "<meta property=\"schema:accessMode\">visual</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessModeSufficient\">textual</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>"));
  CHECK_FALSE(contains(opf, "alternativeText"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityHazard\">none</meta>"));
  CHECK(contains(opf, "schema:accessibilitySummary"));
  CHECK(contains(opf, "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"));
  // Spine: title page, nav, sections, notes, back matter.
  const auto pos = [&](const std::string& s) { return opf.find("<itemref idref=\"" + s + "\""); };
  CHECK(pos("title-page") < pos("nav"));
  CHECK(pos("nav") < pos("section-001"));
  CHECK(pos("section-001") < pos("section-002"));
  CHECK(pos("section-003") < pos("notes"));
  CHECK(pos("notes") < pos("back-matter"));
  CHECK(pos("back-matter") != std::string::npos);
}

TEST_CASE("epub: dates that are not W3C dates stay out of dc:date") {
  CHECK(doc::is_w3c_date("2024"));
  CHECK(doc::is_w3c_date("2024-05"));
  CHECK(doc::is_w3c_date("2024-05-01T10:00:00Z"));
  CHECK_FALSE(doc::is_w3c_date("May 2024"));
  CHECK_FALSE(doc::is_w3c_date("2024-13-01"));
  CHECK(doc::is_w3c_date("2024-05-31T23:59+02:00"));
  CHECK(doc::is_w3c_date("2024-05-01T10:00:00.25-05:30"));
  CHECK_FALSE(doc::is_w3c_date("2024-05-01T10:00"));      // a time needs its zone
  CHECK_FALSE(doc::is_w3c_date("2024-05-32"));
  CHECK_FALSE(doc::is_w3c_date("2024-05-01T24:00Z"));
  CHECK_FALSE(doc::is_w3c_date("2024-05-01T10:00:00.Z"));
  CHECK_FALSE(doc::is_w3c_date("2024-5-1"));
  CHECK_FALSE(doc::is_w3c_date("20245"));
  CHECK_FALSE(doc::is_w3c_date(""));
}

TEST_CASE("epub: nav and NCX entries equal the TOC") {
  TempDir tmp;
  const Document d = sample_book();
  Epub e(write(d, tmp.path));
  const std::string nav = e.read("OEBPS/nav.xhtml");
  tinyxml2::XMLDocument x;
  REQUIRE(x.Parse(nav.c_str()) == tinyxml2::XML_SUCCESS);
  const tinyxml2::XMLElement* toc_nav = nullptr;
  for (auto* n = x.RootElement()->FirstChildElement("body")->FirstChildElement("nav"); n;
       n = n->NextSiblingElement("nav"))
    if (n->Attribute("epub:type", "toc")) toc_nav = n;
  REQUIRE(toc_nav != nullptr);
  const auto items = read_ol(toc_nav->FirstChildElement("ol"));
  compare_toc(d.toc.entries, items);
  // First Chapter -> A Section nested; Second Chapter -> Deep heading nested.
  REQUIRE(items.size() == 2);
  CHECK(items[0].href == "section-002.xhtml#first-chapter");
  CHECK(items[1].children.size() == 1);
  CHECK(contains(nav, "epub:type=\"landmarks\""));
  CHECK(contains(nav, "epub:type=\"bodymatter\""));
  CHECK(contains(nav, "epub:type=\"titlepage\""));

  const std::string ncx = e.read("OEBPS/toc.ncx");
  CHECK(contains(ncx, "<meta name=\"dtb:uid\" content=\"" + d.metadata.identifier + "\"/>"));
  CHECK(count(ncx, "<navPoint ") == flatten(d.toc).size());
  CHECK(contains(ncx, "<content src=\"section-003.xhtml#second-chapter\"/>"));
}

TEST_CASE("epub: every node type is rendered") {
  TempDir tmp;
  Epub e(write(sample_book(), tmp.path));
  check_well_formed(e);
  const std::string opening = e.read("OEBPS/section-001.xhtml");
  CHECK(contains(opening, "<p>An untitled opening.</p>"));
  const std::string s = e.read("OEBPS/section-002.xhtml");
  CHECK(contains(s, "<h1 id=\"first-chapter\">First Chapter</h1>"));
  CHECK(contains(s, "<h2 id=\"a-section\">A Section</h2>"));
  CHECK(contains(s, "<em>emphasis</em>"));
  CHECK(contains(s, "<strong>strong</strong>"));
  CHECK(contains(s, "<s>struck</s>"));
  CHECK(contains(s, "<code>x &lt; y &amp;&amp; z</code>"));
  CHECK(contains(s, "<br/>"));
  CHECK(contains(s, "<a href=\"https://example.org/a%20b\" title=\"Example\">external</a>"));
  CHECK(contains(s, "<a href=\"section-003.xhtml#second-chapter\">internal</a>"));
  CHECK(contains(s, "<ol start=\"3\">"));
  CHECK(contains(s, "<ul>"));
  CHECK(contains(s, "\u2611"));
  CHECK(contains(s, "\u2610"));
  CHECK(contains(s, "<pre><code class=\"language-c\">int main() {\n  return 0;\n}</code></pre>"));
  CHECK(contains(s, "<hr class=\"scene-break\"/>"));
  CHECK(contains(s, "<blockquote>"));
  // Table markup with alignment classes.
  CHECK(contains(s, "<table>"));
  CHECK(contains(s, "<caption>Fruit prices</caption>"));
  CHECK(contains(s, "<thead>"));
  CHECK(contains(s, "<th scope=\"col\" class=\"align-left\">Name</th>"));
  CHECK(contains(s, "<th scope=\"col\" class=\"align-center\">Count</th>"));
  CHECK(contains(s, "<tbody>"));
  CHECK(contains(s, "<td class=\"align-right\">1.00</td>"));
  // Missing image: alt text in a span, no <img>.
  CHECK(contains(s, "<figure><span class=\"image-missing\">A missing picture</span><figcaption>The caption</figcaption></figure>"));
  CHECK_FALSE(contains(all_xhtml(e), "<img"));
  // Heading levels are relative to the section and never skip.
  const std::string s3 = e.read("OEBPS/section-003.xhtml");
  CHECK(contains(s3, "<h2 id=\"deep-heading\">Deep heading</h2>"));
  // Characters invalid in XML are gone; invalid bytes become U+FFFD.
  CHECK(contains(s3, "<p>Bad  control \uFFFD byte.</p>"));
  CHECK(contains(e.read("OEBPS/back.xhtml"), "End matter."));
  const std::string title = e.read("OEBPS/title.xhtml");
  CHECK(contains(title, "The Sample Book"));
  CHECK(contains(title, "A Test of Every Node"));
  CHECK(contains(title, "Ada Lovelace, Charles Babbage"));
  CHECK(contains(title, "Galley Press"));
}

TEST_CASE("epub: footnotes are noterefs and asides with back links") {
  TempDir tmp;
  Epub e(write(sample_book(), tmp.path));
  const std::string s2 = e.read("OEBPS/section-002.xhtml");
  CHECK(contains(s2, "<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" id=\"fnref-1\" href=\"notes.xhtml#fn-1\">1</a>"));
  const std::string s3 = e.read("OEBPS/section-003.xhtml");
  CHECK(contains(s3, "id=\"fnref-2\" href=\"notes.xhtml#fn-2\">2</a>"));
  // A second reference to note 1 gets its own id.
  CHECK(contains(s3, "id=\"fnref-1-2\" href=\"notes.xhtml#fn-1\">1</a>"));
  const std::string notes = e.read("OEBPS/notes.xhtml");
  CHECK(contains(notes, "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"fn-1\">"));
  CHECK(contains(notes, "<a role=\"doc-backlink\" class=\"backlink\" href=\"section-002.xhtml#fnref-1\">1.</a> The first note."));
  CHECK(contains(notes, "id=\"fn-2\""));
  CHECK(contains(notes, "href=\"section-003.xhtml#fnref-2\""));
}

TEST_CASE("epub: local images are embedded with their media type") {
  TempDir tmp;
  const fs::path png = tmp.path / "pic.png";
  {
    std::ofstream out(png, std::ios::binary);
    out << std::string("\x89PNG\r\n\x1a\n", 8) << std::string(64, '\0');
  }
  Document d;
  d.metadata.title = "Pictures";
  Figure f;
  f.image = Image{"pic.png", "A picture", "", png.string()};
  d.body.push_back(Block{f});
  Inlines p = ins("Inline ");
  p.push_back(Inline{Image{"pic.png", "again", "", png.string()}});
  p.push_back(Inline{Image{"gone.png", "gone", "", ""}});
  d.body.push_back(paragraph(p));
  finalize(d, FinalizeInput{{}, "pictures"});
  Epub e(write(d, tmp.path));
  CHECK(e.has("OEBPS/images/img-001.png"));
  CHECK_FALSE(e.has("OEBPS/images/img-002.png"));  // one file, used twice
  const std::string opf = e.read("OEBPS/content.opf");
  CHECK(contains(opf, "href=\"images/img-001.png\" media-type=\"image/png\""));
  CHECK(contains(opf, "<meta property=\"schema:accessMode\">visual</meta>"));
  CHECK(contains(opf, "alternativeText"));
  const std::string s = e.read("OEBPS/section-001.xhtml");
  CHECK(contains(s, "<img src=\"images/img-001.png\" alt=\"A picture\"/>"));
  CHECK(contains(s, "<img src=\"images/img-001.png\" alt=\"again\"/>"));
  CHECK(contains(s, "<span class=\"image-missing\">gone</span>"));

  // The same file as the cover: one manifest item, marked cover-image.
  d.metadata.cover = png.string();
  Epub c(write(d, tmp.path, "cover.epub"));
  const std::string copf = c.read("OEBPS/content.opf");
  CHECK(contains(copf, "<meta name=\"cover\" content=\"img-001\"/>"));
  CHECK(contains(copf, "href=\"images/img-001.png\" media-type=\"image/png\" properties=\"cover-image\""));
}

TEST_CASE("epub: navigation labels follow the book's language") {
  TempDir tmp;
  Document d;
  d.metadata.title = "Buch";
  d.metadata.language = "de";
  d.body.push_back(heading(1, ins("Kapitel")));
  Inlines p = ins("Text");
  p.push_back(Inline{NoteRef{"n", 0}});
  d.body.push_back(paragraph(p));
  d.footnotes.push_back(Footnote{"n", 0, {paragraph(ins("Fu\u00dfnote."))}});
  finalize(d, FinalizeInput{{}, "buch"});
  Epub e(write(d, tmp.path));
  CHECK(contains(e.read("OEBPS/nav.xhtml"), "<h1 id=\"toc-title\">Inhalt</h1>"));
  CHECK(contains(e.read("OEBPS/notes.xhtml"), ">Anmerkungen</h1>"));
  CHECK(contains(e.read("OEBPS/notes.xhtml"), "xml:lang=\"de\""));
}

TEST_CASE("epub: fonts are subset to the characters used") {
  TempDir tmp;
  Epub e(write(sample_book(), tmp.path));
  const std::string opf = e.read("OEBPS/content.opf");
  const auto original = fs::file_size(fs::path(GALLEY_SOURCE_DIR) / "fonts" / "LinLibertine_R.otf");
  REQUIRE(e.has("OEBPS/fonts/LinLibertine_R.otf"));
  const std::string subset = e.read("OEBPS/fonts/LinLibertine_R.otf");
  CHECK(subset.size() * 10 < original);
  CHECK(subset.compare(0, 4, "OTTO") == 0);
  CHECK(contains(opf, "href=\"fonts/LinLibertine_R.otf\" media-type=\"font/otf\""));
  // Italic (emphasis, subtitle), bold (strong, th) and mono (code) are used.
  CHECK(e.has("OEBPS/fonts/LinLibertine_RI.otf"));
  CHECK(e.has("OEBPS/fonts/LinLibertine_RB.otf"));
  CHECK(e.has("OEBPS/fonts/NotoSansMono-Regular.ttf"));
  // Bold italic is not.
  CHECK_FALSE(e.has("OEBPS/fonts/LinLibertine_RBI.otf"));
  const std::string css = e.read("OEBPS/css/book.css");
  CHECK(contains(css, "@font-face"));
  CHECK(contains(css, "url(\"../fonts/LinLibertine_R.otf\")"));
  CHECK_FALSE(contains(css, "LinLibertine_RBI"));

  // A plain text article needs only the regular face.
  Document plain;
  plain.metadata.title = "Plain";
  plain.body.push_back(paragraph(ins("Just words.")));
  finalize(plain, FinalizeInput{{}, "plain"});
  Epub p(write(plain, tmp.path, "plain.epub"));
  std::size_t fonts = 0;
  for (const auto& n : p.names()) fonts += n.starts_with("OEBPS/fonts/");
  CHECK(fonts == 1);
}

TEST_CASE("epub: two writes with SOURCE_DATE_EPOCH are byte-identical") {
  FixedEpoch epoch;
  TempDir tmp;
  const Document d = sample_book();
  const auto a = write(d, tmp.path, "a.epub");
  const auto b = write(d, tmp.path, "b.epub");
  const std::string ba = slurp(a);
  CHECK(!ba.empty());
  CHECK(ba == slurp(b));
  Epub e(a);
  zip_stat_t st;
  REQUIRE(zip_stat_index(e.raw(), 1, 0, &st) == 0);
  REQUIRE((st.valid & ZIP_STAT_MTIME));
  std::tm tm{};
  gmtime_r(&st.mtime, &tm);
  (void)tm;
  // Zip times follow the fixed epoch (DOS times have 2-second steps).
  std::tm local{};
  localtime_r(&st.mtime, &local);
  CHECK(local.tm_year + 1900 == 2023);
  CHECK(local.tm_mon + 1 == 11);
  CHECK(local.tm_mday == 14);
  CHECK(local.tm_hour == 22);
}

TEST_CASE("epub: a book without headings, notes or front matter is still complete") {
  TempDir tmp;
  Document d;
  d.metadata.title = "Flat";
  d.body.push_back(paragraph(ins("One.")));
  finalize(d, FinalizeInput{{}, "flat"});
  Epub e(write(d, tmp.path));
  check_well_formed(e);
  CHECK(contains(e.read("OEBPS/nav.xhtml"), "<a href=\"section-001.xhtml\">Flat</a>"));
  CHECK(contains(e.read("OEBPS/toc.ncx"), "<content src=\"section-001.xhtml\"/>"));
  CHECK_FALSE(e.has("OEBPS/notes.xhtml"));
  CHECK_FALSE(e.has("OEBPS/front.xhtml"));
  const std::string opf = e.read("OEBPS/content.opf");
  CHECK_FALSE(contains(opf, "structuralNavigation"));
}

TEST_CASE("epub: xml_clean and encode_url") {
  CHECK(epub::xml_clean("a\x01" "b\x0b" "c\td\n") == "abc\td\n");
  CHECK(epub::xml_clean("\xef\xbf\xbe") == "");        // U+FFFE
  CHECK(epub::xml_clean("\xed\xa0\x80").empty());  // an encoded surrogate is dropped
  CHECK(epub::xml_clean("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(percent_encode_uri("https://x.org/a b?q=<1>") == "https://x.org/a%20b?q=%3C1%3E");
  CHECK(percent_encode_uri("https://x.org/100%") == "https://x.org/100%25");
  CHECK(percent_encode_uri("https://x.org/%20") == "https://x.org/%20");
  // RFC 3986: ASCII only; brackets only around an IPv6 host; parentheses
  // escaped for a PDF string only; encoding twice changes nothing.
  CHECK(percent_encode_uri("http://example.com/\\[\\") == "http://example.com/%5C%5B%5C");
  CHECK(percent_encode_uri("http://[::1]:80/a[b]") == "http://[::1]:80/a%5Bb%5D");
  CHECK(percent_encode_uri("https://de.wikipedia.org/wiki/Stra\u00dfe") == "https://de.wikipedia.org/wiki/Stra%C3%9Fe");
  CHECK(percent_encode_uri("foo(and(bar)") == "foo(and(bar)");
  CHECK(percent_encode_uri("foo(and(bar)", true) == "foo%28and%28bar%29");
  CHECK(percent_encode_uri("a#b#c") == "a#b%23c");
  CHECK(percent_encode_uri(percent_encode_uri("https://x.org/é [x] <y>")) == percent_encode_uri("https://x.org/é [x] <y>"));
}

TEST_CASE("epub: the reference book is written whole") {
  const fs::path book = fs::path(GALLEY_TEST_DATA) / "books" / "pride-and-prejudice_pg1342.txt";
  REQUIRE(fs::exists(book));
  Diagnostics diag;
  Document d = read::read_plain_text(read::load_text_file(book), read::ReadOptions{}, diag);
  finalize(d, FinalizeInput{{}, "pride-and-prejudice"});
  TempDir tmp;
  FixedEpoch epoch;
  // How fast the writer is: tests/bench/bench_convert.sh.
  const auto out = write(d, tmp.path);
  CHECK(fs::file_size(out) < 1000000);
  Epub e(out);
  check_well_formed(e);
  // The nav lists the 61 chapters in order, and the text runs from the
  // novel's first sentence to its last.
  const std::string nav = e.read("OEBPS/nav.xhtml");
  std::size_t at = 0;
  for (int i = 1; i <= 61; ++i) {
    at = nav.find(">Chapter " + std::to_string(i) + "</a>", at);
    INFO("Chapter " << i);
    REQUIRE(at != std::string::npos);
  }
  const std::string all = all_xhtml(e);
  CHECK(contains(all, "It is a truth universally acknowledged"));
  CHECK(contains(all, "the means of uniting them."));
  CHECK(count(all, "<h2") + count(all, "<h1") >= 61);
}

// ---------------------------------------------------------------- page-list

namespace {

std::string marker(const std::string& label) {
  return "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-" + label + "\" aria-label=\"" + label +
         "\"/>";
}

std::string page_list_nav(const std::string& nav) {
  const auto begin = nav.find("<nav epub:type=\"page-list\"");
  if (begin == std::string::npos) return {};
  return nav.substr(begin, nav.find("</nav>", begin) - begin);
}

}  // namespace

TEST_CASE("epub: page breaks of the print edition become markers and a page-list") {
  TempDir tmp;
  FixedEpoch epoch;
  epub::EpubOptions opts = options();
  // sample_book's body: 0 paragraph, 1 h1, 2 paragraph with nested inlines,
  // 3 h2, 4 list, 5 code, 6 scene break, 7 quote, 8 table, 9 figure, 10 h1,
  // 11 paragraph, 12 h3, 13 paragraph.
  opts.page_breaks = {{"1", 0, 0}, {"2", 2, 20}, {"3", 4, 5}, {"4", 5, 12}, {"5", 10, 0}, {"6", 13, 100}};
  opts.page_source = "The Sample Book (galley PDF)";
  Epub e(write(sample_book(), tmp.path, "paged.epub", opts));
  check_well_formed(e);
  // At the start of a paragraph.
  CHECK(contains(e.read("OEBPS/section-001.xhtml"), "<p>" + marker("1") + "An untitled opening.</p>"));
  const std::string s = e.read("OEBPS/section-002.xhtml");
  // Mid-paragraph, inside a nested inline: "Text with a note" + ", " + "em|phasis".
  CHECK(contains(s, "<em>em" + marker("2") + "phasis</em>"));
  // Lists and other blocks: before the block.
  CHECK(contains(s, marker("3") + "<ol start=\"3\">"));
  // Code: at the byte offset in the code text.
  CHECK(contains(s, "<code class=\"language-c\">int main() {" + marker("4") + "\n  return 0;"));
  const std::string s3 = e.read("OEBPS/section-003.xhtml");
  CHECK(contains(s3, marker("5") + "<h1 id=\"second-chapter\">"));
  // An offset past the end puts the marker at the paragraph's end.
  CHECK(contains(s3, "byte." + marker("6") + "</p>"));
  CHECK(count(all_xhtml(e), "epub:type=\"pagebreak\"") == 6);

  // The nav's page-list links every marker, in order.
  const std::string pl = page_list_nav(e.read("OEBPS/nav.xhtml"));
  REQUIRE_FALSE(pl.empty());
  CHECK(contains(pl, "hidden=\"hidden\""));
  CHECK(count(pl, "<li><a href=") == opts.page_breaks.size());
  CHECK(contains(pl, "<li><a href=\"section-001.xhtml#page-1\">1</a></li>\n<li><a href=\"section-002.xhtml#page-2\">2</a>"));
  CHECK(contains(pl, "<a href=\"section-003.xhtml#page-6\">6</a>"));

  // The package names the print edition and the features.
  const std::string opf = e.read("OEBPS/content.opf");
  CHECK(contains(opf, "<dc:source id=\"page-source\">The Sample Book (galley PDF)</dc:source>"));
  CHECK(contains(opf, "<meta refines=\"#page-source\" property=\"source-of\">pagination</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityFeature\">pageBreakMarkers</meta>"));
  CHECK(contains(opf, "<meta property=\"schema:accessibilityFeature\">pageNavigation</meta>"));
  // The book's own source stays.
  CHECK(contains(opf, "<dc:source>https://example.org/source</dc:source>"));
}

TEST_CASE("epub: page breaks never split a UTF-8 character") {
  TempDir tmp;
  Document d;
  d.metadata.title = "Gr\u00fc\u00dfe";
  d.metadata.language = "de";
  // "Grüße aus Köln": G r ü(2 bytes) ß(2) e, space at 7, "aus" at 8, ö at 13.
  d.body.push_back(paragraph(ins("Gr\u00fc\u00dfe aus K\u00f6ln")));
  finalize(d, FinalizeInput{{}, "gruesse"});
  epub::EpubOptions opts = options();
  opts.page_breaks = {{"7", 0, 3}, {"8", 0, 8}, {"9", 0, 14}};  // 3 and 14: second bytes of ü and ö
  opts.page_source = "Gr\u00fc\u00dfe (galley PDF)";
  Epub e(write(d, tmp.path, "utf8.epub", opts));
  check_well_formed(e);
  CHECK(contains(e.read("OEBPS/section-001.xhtml"),
                 "<p>Gr" + marker("7") + "\u00fc\u00dfe " + marker("8") + "aus K" + marker("9") + "\u00f6ln</p>"));
  CHECK(count(page_list_nav(e.read("OEBPS/nav.xhtml")), "<li><a href=") == 3);
}

TEST_CASE("epub: no page breaks, no page-list") {
  TempDir tmp;
  Epub e(write(sample_book(), tmp.path));
  CHECK_FALSE(contains(all_xhtml(e), "pagebreak"));
  CHECK(page_list_nav(e.read("OEBPS/nav.xhtml")).empty());
  const std::string opf = e.read("OEBPS/content.opf");
  CHECK_FALSE(contains(opf, "source-of"));
  CHECK_FALSE(contains(opf, "pageBreakMarkers"));
  CHECK_FALSE(contains(opf, "pageNavigation"));
}
