// Print-ready PDF (pdf/prepress.hpp): the K-only token filter, the bleed
// option, the sheet's box arithmetic, and the PDF/X-4 pass on a file Cairo
// writes here.
#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "doc/finalize.hpp"
#include "layout/layout.hpp"
#include "layout/style.hpp"
#include "pdf/edit.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf/prepress.hpp"
#include "pdf/to_unicode.hpp"
#include "util/resources.hpp"

using namespace galley;

namespace {

std::string gray(std::string_view content, std::size_t expected_changes) {
  std::size_t changed = 0;
  std::string out = pdf::gray_only_content(content, changed);
  CHECK(changed == expected_changes);
  return out;
}

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Two pages on sheets of `sheet`: black text, a grey rule, a red rule.
std::string cairo_pdf(const pdf::Sheet& sheet) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &bytes, sheet.width, sheet.height);
  cairo_t* cr = cairo_create(surface);
  for (int i = 0; i < 2; ++i) {
    cairo_identity_matrix(cr);
    cairo_translate(cr, sheet.trim_x, sheet.trim_y);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 20, 50);
    cairo_show_text(cr, ("page " + std::to_string(i)).c_str());
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_move_to(cr, 20, 60);
    cairo_line_to(cr, 100, 60);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_move_to(cr, 20, 70);
    cairo_line_to(cr, 100, 70);
    cairo_stroke(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

// The decompressed content of every page, concatenated.
std::string page_contents(const pdf::PdfEdit& edit) {
  std::string all;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (!object || object->find("/Type /Page ") == std::string_view::npos) continue;
    const auto contents = pdf::ref_after(object->substr(object->find("/Contents")), "/Contents");
    if (!contents) continue;
    const auto data = edit.stream_data(*contents);
    REQUIRE(data);
    const bool flate = edit.object(*contents)->find("/FlateDecode") != std::string_view::npos;
    const auto plain = flate ? pdf::inflate(*data) : std::optional<std::string>(std::string(*data));
    REQUIRE(plain);
    all += *plain;
  }
  return all;
}

}  // namespace

TEST_CASE("K-only filter: equal rgb operands become gray, anything else stays") {
  CHECK(gray("0 0 0 rg /f-0-0 1 Tf", 1) == "0 g /f-0-0 1 Tf");
  CHECK(gray("q 0.5 0.5 0.5 RG 1 w S Q", 1) == "q 0.5 G 1 w S Q");
  CHECK(gray("0 0 0.0 rg", 1) == "0 g");  // the same value written two ways
  CHECK(gray("1 0 0 rg 0 0 1 RG", 0) == "1 0 0 rg 0 0 1 RG");
  CHECK(gray("0.2 0.2 0.3 rg", 0) == "0.2 0.2 0.3 rg");
  // Two in a row, with other operators around.
  CHECK(gray("BT 1 1 1 rg ET\n0 0 0 RG\n", 2) == "BT 1 g ET\n0 G\n");
  // Not operands: a string, a comment, an array, an inline image's data.
  CHECK(gray("(0 0 0 rg) Tj", 0) == "(0 0 0 rg) Tj");
  CHECK(gray("(a\\) 0 0 0 rg) Tj", 0) == "(a\\) 0 0 0 rg) Tj");
  CHECK(gray("% 0 0 0 rg\n", 0) == "% 0 0 0 rg\n");
  CHECK(gray("[0 0 0] rg", 0) == "[0 0 0] rg");
  CHECK(gray("/N 0 0 rg", 0) == "/N 0 0 rg");
  CHECK(gray("BI /W 1 /H 1 ID \x01 0 0 0 rg EI 0 0 0 rg", 1) == "BI /W 1 /H 1 ID \x01 0 0 0 rg EI 0 g");
  // An operator merely ending in rg is not rg.
  CHECK(gray("0 0 0 xrg", 0) == "0 0 0 xrg");
}

TEST_CASE("--bleed lengths") {
  CHECK(*pdf::parse_bleed("3mm") == doctest::Approx(8.50394));
  CHECK(*pdf::parse_bleed("0.125in") == doctest::Approx(9.0));
  CHECK(*pdf::parse_bleed("9pt") == doctest::Approx(9.0));
  CHECK(*pdf::parse_bleed("0") == doctest::Approx(0.0));
  CHECK_FALSE(pdf::parse_bleed("3 parsecs"));
  CHECK_FALSE(pdf::parse_bleed("-1mm"));
  CHECK_FALSE(pdf::parse_bleed("2in"));  // more than an inch is not a bleed
  CHECK_FALSE(pdf::parse_bleed(""));
}

TEST_CASE("sheet around the trimmed page") {
  pdf::PrintReady pr;
  pr.bleed_pt = 9;
  pr.crop_marks = true;
  // Print-ready off: the sheet is the page, whatever else is asked.
  pdf::Sheet s = pdf::sheet_for(400, 600, pr);
  CHECK(s.width == 400);
  CHECK(s.height == 600);
  CHECK(s.trim_x == 0);
  CHECK(s.bleed == 0);
  CHECK_FALSE(s.crop_marks);
  pr.enabled = true;
  pr.crop_marks = false;
  s = pdf::sheet_for(400, 600, pr);
  CHECK(s.width == doctest::Approx(418));
  CHECK(s.height == doctest::Approx(618));
  CHECK(s.trim_x == doctest::Approx(9));
  CHECK(s.trim_y == doctest::Approx(9));
  CHECK(s.trim_w == 400);
  CHECK(s.trim_h == 600);
  pr.crop_marks = true;
  s = pdf::sheet_for(400, 600, pr);
  const double margin = 9 + pdf::kMarkGap + pdf::kMarkLength;
  CHECK(s.trim_x == doctest::Approx(margin));
  CHECK(s.width == doctest::Approx(400 + 2 * margin));
  CHECK(s.height == doctest::Approx(600 + 2 * margin));
  CHECK(s.crop_marks);
}

TEST_CASE("K-only pass on a Cairo file: black and grey become DeviceGray, red stays") {
  const std::string bytes = cairo_pdf(pdf::sheet_for(200, 200, {}));
  pdf::PdfEdit edit;
  REQUIRE(edit.open(bytes));
  CHECK(page_contents(edit).find("0 0 0 rg") != std::string::npos);
  CHECK(pdf::gray_only(edit) == 4);  // per page: black text, grey rule
  // Cairo left the content uncompressed (pdf_writer.cpp sets CAIRO_DEBUG_PDF
  // before main); the last pass compresses every stream.
  CHECK(pdf::compress_streams(edit) > 0);
  CHECK(pdf::compress_streams(edit) == 0);
  const std::string out = edit.write();
  pdf::PdfEdit after;
  REQUIRE(after.open(out));
  const std::string content = page_contents(after);
  CHECK(content.find("0 0 0 rg") == std::string::npos);
  CHECK(content.find("0.5 0.5 0.5 RG") == std::string::npos);
  CHECK(content.find("0.5 G") != std::string::npos);
  CHECK(content.find("1 0 0 RG") != std::string::npos);
  for (long n : after.numbers()) {
    const auto object = after.object(n);
    if (object->find(">>\nstream\n") != std::string_view::npos)
      CHECK(object->find("/Filter /FlateDecode") != std::string_view::npos);
  }
}

TEST_CASE("PDF/X-4 pass: boxes, marks, output intent, XMP, Info, ID; the same bytes twice") {
  pdf::PrintReady pr{true, 9, true};
  const pdf::Sheet sheet = pdf::sheet_for(200, 300, pr);
  const std::string bytes = cairo_pdf(sheet);
  pdf::PdfxInfo info;
  info.title = "A Title (with parentheses)";
  info.creators = {"Jane Austen"};
  info.language = "en";
  info.date = 1700000000;
  info.producer = "galley test";
  info.identifier = "urn:uuid:00000000-0000-0000-0000-000000000000";
  info.sheet = sheet;
  auto run = [&] {
    pdf::PdfEdit edit;
    REQUIRE(edit.open(bytes));
    pdf::make_pdfx4(edit, info);
    return edit.write();
  };
  const std::string out = run();
  CHECK(out == run());
  CHECK(out.rfind("%PDF-1.6\n", 0) == 0);
  pdf::PdfEdit edit;
  REQUIRE(edit.open(out));
  int pages = 0;
  // The trim 9 + 3 + 18 = 30 pt in from the sheet's edges; the bleed 9 pt around it.
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (object->find("/Type /Page ") == std::string_view::npos) continue;
    ++pages;
    CHECK(object->find("/TrimBox [ 30.000 30.000 230.000 330.000 ]") != std::string_view::npos);
    CHECK(object->find("/BleedBox [ 21.000 21.000 239.000 339.000 ]") != std::string_view::npos);
    CHECK(object->find("/MediaBox [ 0 0 260 360 ]") != std::string_view::npos);
    CHECK(object->find("/Contents [ ") != std::string_view::npos);  // the marks, then the page
    CHECK(object->find("/DeviceRGB") == std::string_view::npos);
  }
  CHECK(pages == 2);
  const std::string catalog(*edit.object(edit.root()));
  CHECK(catalog.find("/OutputIntents [") != std::string::npos);
  CHECK(catalog.find("/Metadata ") != std::string::npos);
  CHECK(catalog.find("/DisplayDocTitle true") != std::string::npos);
  CHECK(catalog.find("/Lang (en)") != std::string::npos);
  CHECK(out.find("/S /GTS_PDFX") != std::string::npos);
  CHECK(out.find("/DestOutputProfile") != std::string::npos);
  CHECK(out.find("/Separation /All /DeviceCMYK") != std::string::npos);
  CHECK(out.find("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>") != std::string::npos);
  CHECK(out.find("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>") != std::string::npos);
  CHECK(out.find("/CreationDate (D:20231114221320+00'00')") != std::string::npos);
  CHECK(out.find("/Title (A Title \\(with parentheses\\))") != std::string::npos);
  CHECK(out.find("/Trapped /False /GTS_PDFXVersion (PDF/X-4)") != std::string::npos);
  CHECK(std::string(edit.trailer()).find("/ID [ <") != std::string::npos);
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (object->find(">>\nstream\n") == std::string_view::npos) continue;
    const bool xmp = object->find("/Type /Metadata") != std::string_view::npos;
    CHECK((object->find("/Filter /FlateDecode") != std::string_view::npos) != xmp);
  }
}

TEST_CASE("print-ready painting: the page moves onto its sheet, a rule reaching the edge runs into the bleed") {
  layout::LayoutInput in;
  in.style = layout::load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  in.parallel = false;
  Diagnostics diag;
  doc::Document d;
  d.body.push_back(doc::paragraph({doc::text("A short page.")}));
  doc::Metadata m;
  m.title = "Bleed";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "test"});
  layout::PagedDocument paged = layout::lay_out(d, in, diag);
  REQUIRE(!paged.pages.empty());
  const float w = static_cast<float>(paged.width);
  layout::Element band;
  band.rules.push_back(layout::Rule{0, 100, w, 100, 2});     // edge to edge: into the bleed
  band.rules.push_back(layout::Rule{50, 120, w - 50, 120, 2});  // inside: as it is
  // A picture from the left edge: drawn on into the bleed, edge pixels repeated.
  layout::Picture picture;
  picture.path = std::string(GALLEY_SOURCE_DIR) + "/tests/data/local-image/images/gradient.png";
  picture.pixel_width = 16;
  picture.pixel_height = 12;
  picture.x = 0;
  picture.y = 200;
  picture.width = 160;
  picture.height = 120;
  band.pictures.push_back(picture);
  paged.pages.front().elements.push_back(band);
  const auto path = std::filesystem::temp_directory_path() / "galley_prepress_test.pdf";
  pdf::write_pdf(d, paged, path, diag, pdf::PrintReady{true, 9, false});
  std::ifstream f(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  CHECK(diag.warnings.empty());
  pdf::PdfEdit edit;
  REQUIRE(edit.open(bytes));
  std::string first_page;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (object->find("/Type /Page ") == std::string_view::npos) continue;
    const auto data = edit.stream_data(*pdf::ref_after(*object, "/Contents"));
    REQUIRE(data);
    first_page = *pdf::inflate(*data);
    break;
  }
  // Sheet coordinates (Cairo's y-down space): the page is 9 pt in. The
  // line's end: the number after `start`.
  auto end_x = [&first_page](const std::string& start) {
    const std::size_t at = first_page.find(start);
    return at == std::string::npos ? -1.0 : std::strtod(first_page.c_str() + at + start.size(), nullptr);
  };
  INFO(first_page);
  CHECK(end_x(" 0 109 m ") == doctest::Approx(w + 18.0).epsilon(1e-5));
  CHECK(end_x("\n59 129 m ") == doctest::Approx(w - 50 + 9.0).epsilon(1e-5));
  // The picture's clip begins at the sheet's left edge, in the bleed.
  CHECK(first_page.find("\n0 209 169 120 re W n") != std::string::npos);
}

TEST_CASE("the passes on a file (the cover's way): plain finish, PDF/X-4, and a file of another shape refused") {
  const auto path = std::filesystem::temp_directory_path() / "galley_prepress_file_test.pdf";
  auto write = [&path](const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  };
  auto read = [&path] {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  };
  const pdf::Sheet sheet = pdf::sheet_for(200, 300, pdf::PrintReady{true, 9, false});
  write(cairo_pdf(sheet));
  pdf::finish_plain(path);
  pdf::PdfEdit plain;
  std::string bytes = read();
  REQUIRE(plain.open(bytes));
  CHECK(page_contents(plain).find("0 0 0 rg") == std::string::npos);
  CHECK(bytes.find("/TrimBox") == std::string::npos);
  write(cairo_pdf(sheet));
  pdf::PdfxInfo info;
  info.title = "Cover";
  info.sheet = sheet;
  pdf::make_pdfx4(path, info);
  bytes = read();
  CHECK(bytes.rfind("%PDF-1.6", 0) == 0);
  CHECK(bytes.find("/BleedBox [ 0.000 0.000 218.000 318.000 ]") != std::string::npos);
  write("%PDF-1.4\nnot what Cairo writes\n");
  CHECK_THROWS_WITH_AS(pdf::make_pdfx4(path, info), doctest::Contains("not a PDF this pass can edit"), Error);
  std::filesystem::remove(path);
}
