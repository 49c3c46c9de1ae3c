// The PDF's text layer: ToUnicode maps rewritten to the drawn text
// (pdf/to_unicode.cpp) and continued structure elements merged
// (pdf/structure.cpp), on CMaps and files made here.
#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "doc/finalize.hpp"
#include "layout/layout.hpp"
#include "layout/style.hpp"
#include "pdf/edit.hpp"
#include "pdf/glyph_texts.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf/structure.hpp"
#include "pdf/to_unicode.hpp"
#include "util/resources.hpp"

using namespace galley;

namespace {

const char* kCmap =
    "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n4 beginbfchar\n"
    "<0001> <e03c>\n<0002> <0061>\n<0003> <fb01>\n<0004> <d835dc00>\nendbfchar\nendcmap\n";

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

TEST_CASE("ToUnicode: private-use and presentation-form entries take the drawn text, others stay") {
  std::set<char32_t> asked;
  const pdf::GlyphText text = [&](std::string_view font, char32_t cp) -> std::optional<std::string> {
    CHECK(font == "LinLibertineO");
    asked.insert(cp);
    if (cp == 0xE03C) return std::string("tt");
    if (cp == 0xFB01) return std::string("fi");
    return std::nullopt;
  };
  const auto out = pdf::rewrite_cmap(kCmap, "LinLibertineO", text);
  REQUIRE(out);
  CHECK(out->find("<0001> <00740074>\n") != std::string::npos);
  CHECK(out->find("<0002> <0061>\n") != std::string::npos);
  CHECK(out->find("<0003> <00660069>\n") != std::string::npos);
  CHECK(out->find("<0004> <d835dc00>\n") != std::string::npos);  // U+1D400: not asked
  CHECK(asked == std::set<char32_t>{0xE03C, 0xFB01});
  CHECK(out->size() == std::string(kCmap).size() + 8);
  // Nothing known: no change.
  CHECK_FALSE(pdf::rewrite_cmap(kCmap, "X", [](std::string_view, char32_t) { return std::nullopt; }));
  CHECK(pdf::replaceable_code_point(0xFEE3));
  CHECK_FALSE(pdf::replaceable_code_point(0x0645));
}

TEST_CASE("clusters: a base letter with marks drawn as several glyphs maps glyph by glyph") {
  using pdf::split_cluster;
  // Arabic zain with kasra and shadda (2 + 2 + 2 bytes), drawn as the letter
  // and one mark ligature: the letter's glyph, then the marks' glyph.
  const auto zain = split_cluster("\u0632\u0650\u0651", 2);
  REQUIRE(zain.size() == 2);
  CHECK(zain[0].bytes == 2);
  CHECK(zain[0].glyphs == 1);
  CHECK(zain[1].bytes == 4);
  CHECK(zain[1].glyphs == 1);
  // e with a combining acute drawn as two glyphs.
  const auto e = split_cluster("e\u0301", 2);
  REQUIRE(e.size() == 2);
  CHECK(e[1].bytes == 2);
  // One glyph, a ligature of letters, a leading mark, or no marks at all: one span.
  CHECK(split_cluster("\u0632\u0650", 1).size() == 1);
  CHECK(split_cluster("ffi", 2).size() == 1);
  CHECK(split_cluster("\u0650\u0651", 2).size() == 1);
  CHECK(split_cluster("\u0644\u0627", 2).size() == 1);  // lam-alef: two letters
  CHECK(split_cluster("", 1).size() == 1);
  CHECK(split_cluster("\xff\x80", 2).size() == 1);  // invalid UTF-8 stays whole
  // Thai so with mai han-akat and mai tho, a glyph each: three spans of one.
  const auto so = split_cluster("\u0e2a\u0e31\u0e49", 3);
  REQUIRE(so.size() == 3);
  for (const auto& span : so) {
    CHECK(span.bytes == 3);
    CHECK(span.glyphs == 1);
  }
  // Devanagari ha with vowel sign i (drawn before the letter) and anusvara:
  // the glyphs are out of the text's order, so the cluster stays whole.
  CHECK(split_cluster("\u0939\u093f\u0902", 3).size() == 1);
}

TEST_CASE("deflate and inflate round-trip; corrupt data is refused") {
  const std::string text(kCmap);
  const std::string packed = pdf::deflate(text);
  CHECK(packed.size() < text.size());
  CHECK(pdf::inflate(packed) == text);
  CHECK_FALSE(pdf::inflate("not deflated"));
}

TEST_CASE("structure: an element continued on the next page becomes one, with a marked-content reference") {
  std::string bytes;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &bytes, 200, 200);
  cairo_t* cr = cairo_create(s);
  pdf::TagTree tags;
  auto begin = [&](const char* name, int id) {
    cairo_tag_begin(cr, name, "");
    tags.begin(name, id);
  };
  auto end = [&](const char* name) {
    cairo_tag_end(cr, name);
    tags.end();
  };
  auto text = [&](const char* t) {
    cairo_move_to(cr, 20, 50);
    cairo_show_text(cr, t);
  };
  begin("Document", -1);
  begin("P", 7), text("first part"), end("P");
  cairo_show_page(cr);
  text("folio");  // untagged, between the parts
  begin("P", 7), text("second part"), end("P");
  begin("P", 8), text("next paragraph"), end("P");
  cairo_show_page(cr);
  end("Document");
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  CHECK(count(bytes, "/S /P\n") == 3);

  pdf::PdfEdit edit;
  REQUIRE(edit.open(bytes));
  REQUIRE(pdf::finish_structure(edit, tags, 0));
  const std::string out = edit.write();
  CHECK(count(out, "/S /P\n") == 2);
  CHECK(count(out, "/Type /MCR /Pg") == 1);
  CHECK(std::regex_search(out, std::regex("/S /P\n   /P \\d+ 0 R\n   /Pg \\d+ 0 R\n   /K \\[ 0 << /Type /MCR /Pg \\d+ "
                                          "0 R /MCID \\d+ >> \\]")));
  // The merged element's object is gone (null) and the parent tree's page
  // arrays name only live elements.
  pdf::PdfEdit check;
  REQUIRE(check.open(out));
  std::size_t nulls = 0;
  for (long n : check.numbers()) nulls += check.object(n)->ends_with("obj\nnull\nendobj");
  CHECK(nulls == 1);
  // A tree that does not mirror the file is refused.
  pdf::TagTree other;
  other.begin("Document", -1);
  other.begin("H1", 1);
  pdf::PdfEdit again;
  REQUIRE(again.open(bytes));
  CHECK_FALSE(pdf::finish_structure(again, other, 0));
}

TEST_CASE("structure: footnotes between a paragraph's parts follow the whole paragraph") {
  std::string bytes;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &bytes, 200, 200);
  cairo_t* cr = cairo_create(s);
  pdf::TagTree tags;
  // Page 1: P 7, Note 9; page 2: P 7 (continued), P 8.
  const std::vector<std::vector<std::pair<const char*, int>>> pages = {{{"P", 7}, {"Note", 9}}, {{"P", 7}, {"P", 8}}};
  cairo_tag_begin(cr, "Document", "");
  tags.begin("Document", -1);
  for (const auto& page : pages) {
    for (const auto& [name, id] : page) {
      cairo_tag_begin(cr, name, "");
      tags.begin(name, id);
      cairo_move_to(cr, 20, 50);
      cairo_show_text(cr, name);
      cairo_tag_end(cr, name);
      tags.end();
    }
    cairo_show_page(cr);
  }
  cairo_tag_end(cr, "Document");
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  pdf::PdfEdit edit;
  REQUIRE(edit.open(bytes));
  REQUIRE(pdf::finish_structure(edit, tags, 0));
  const std::string out = edit.write();
  CHECK(count(out, "/S /P\n") == 2);
  CHECK(count(out, "/S /Note\n") == 1);
  CHECK(count(out, "/Type /MCR /Pg") == 1);
  // Document's children: the whole P 7, the note, P 8.
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex("/S /Document\n   /P \\d+ 0 R\n   /K \\[ (\\d+) 0 R (\\d+) 0 R (\\d+) 0 R \\]")));
  pdf::PdfEdit check;
  REQUIRE(check.open(out));
  CHECK(check.object(std::stol(m[1]))->find("/MCR") != std::string_view::npos);
  CHECK(check.object(std::stol(m[2]))->find("/S /Note") != std::string_view::npos);
  CHECK(check.object(std::stol(m[3]))->find("/S /P") != std::string_view::npos);
}

TEST_CASE("a painted document: ligatures map to their letters, a paragraph over pages is one P") {
  layout::LayoutInput in;
  in.style = layout::load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  in.parallel = false;
  Diagnostics diag;
  std::string long_text;
  for (int i = 0; i < 900; ++i) long_text += "a little official fit of thirty offices ";
  doc::Document d;
  d.body.push_back(doc::heading(1, {doc::text("The little affair")}));
  d.body.push_back(doc::paragraph({doc::text(long_text)}));
  doc::Metadata m;
  m.title = "Test";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "test"});
  const layout::PagedDocument paged = layout::lay_out(d, in, diag);
  REQUIRE(paged.pages.size() > 3);
  std::set<int> paragraphs;
  std::size_t pages_of_long = 0;  // pages the long paragraph is on
  for (const auto& page : paged.pages) {
    bool on_page = false;
    for (const auto& e : page.elements)
      if (!e.path.empty() && e.path.back().name == "P") {
        paragraphs.insert(e.path.back().id);
        on_page = on_page || e.runs.size() > 100;
      }
    pages_of_long += on_page;
  }
  REQUIRE(pages_of_long > 3);

  const auto path = std::filesystem::temp_directory_path() / "galley_pdf_text_test.pdf";
  pdf::write_pdf(d, paged, path, diag);
  std::ifstream f(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  CHECK(count(bytes, "/S /P\n") == paragraphs.size());
  CHECK(count(bytes, "/Type /MCR") == pages_of_long - 1);

  pdf::PdfEdit edit;
  REQUIRE(edit.open(bytes));
  std::size_t maps = 0;
  std::string all;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (object->find("stream") == std::string_view::npos) continue;
    const auto data = edit.stream_data(n);
    const auto text = data ? pdf::inflate(*data) : std::nullopt;
    if (!text || text->find("beginbfchar") == std::string::npos) continue;
    ++maps;
    all += *text;
  }
  CHECK(maps > 0);
  CHECK(all.find("> <00740074>") != std::string::npos);  // the tt ligature
  CHECK(all.find("> <006600660069>") != std::string::npos);  // ffi
  CHECK_FALSE(std::regex_search(all, std::regex("> <(e[0-9a-f]{3}|f[0-8][0-9a-f]{2}|fb0[0-6])>")));
}
