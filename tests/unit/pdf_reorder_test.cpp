// Moving the front pages of a Cairo PDF (pdf/reorder.cpp) on a small file
// Cairo writes here: three tagged pages, the last painted belongs first.
#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "pdf/edit.hpp"
#include "pdf/reorder.hpp"

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Pages labelled "1", "2", "i", in that order, each with one H1 or P.
std::string painted_body_first() {
  std::string pdf;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &pdf, 200, 200);
  cairo_t* cr = cairo_create(s);
  cairo_tag_begin(cr, "Document", "");
  const char* labels[] = {"1", "2", "i"};
  const char* tags[] = {"P", "P", "H1"};
  for (int p = 0; p < 3; ++p) {
    cairo_pdf_surface_set_page_label(s, labels[p]);
    cairo_tag_begin(cr, tags[p], "");
    cairo_rectangle(cr, 10, 10, 20 + p, 20);
    cairo_fill(cr);
    cairo_tag_end(cr, tags[p]);
    cairo_show_page(cr);
  }
  cairo_tag_end(cr, "Document");
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return pdf;
}

std::string object(const std::string& pdf, long n) {
  const std::string head = "\n" + std::to_string(n) + " 0 obj";
  const auto at = pdf.find(head);
  REQUIRE(at != std::string::npos);
  return pdf.substr(at + 1, pdf.find("endobj", at) - at - 1);
}

long ref(const std::string& text, const std::string& key) {
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex(key + " (\\d+) 0 R")));
  return std::stol(m[1]);
}

std::vector<long> refs_in(const std::string& text, const std::string& key) {
  const auto from = text.find(key + " [");
  REQUIRE(from != std::string::npos);
  const std::string list = text.substr(from, text.find(']', from) - from);
  std::vector<long> out;
  const std::regex r("(\\d+) 0 R");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), r); it != std::sregex_iterator(); ++it)
    out.push_back(std::stol((*it)[1]));
  return out;
}

// Every in-use xref entry points at its object.
void check_xref(const std::string& pdf) {
  const auto sx = pdf.rfind("startxref\n");
  const std::size_t xref = std::stoul(pdf.substr(sx + 10));
  REQUIRE(pdf.compare(xref, 5, "xref\n") == 0);
  std::size_t line = pdf.find('\n', xref + 5) + 1;
  const long size = std::stol(pdf.substr(xref + 7));
  for (long n = 0; n < size; ++n, line += 20) {
    if (pdf[line + 17] != 'n') continue;
    const std::size_t off = std::stoul(pdf.substr(line, 10));
    CHECK(pdf.compare(off, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj") == 0);
  }
}

}  // namespace

TEST_CASE("front pages painted last move to the front: page tree, reading order, labels, xref") {
  std::string pdf = painted_body_first();
  const std::string before = pdf;
  const long catalog = ref(pdf.substr(pdf.rfind("trailer")), "/Root");
  const long pages = ref(object(pdf, catalog), "/Pages");
  const std::vector<long> kids = refs_in(object(pdf, pages), "/Kids");
  REQUIRE(kids.size() == 3);
  const long document = refs_in(object(pdf, ref(object(pdf, catalog), "/StructTreeRoot")), "/K").at(0);
  const std::vector<long> elements = refs_in(object(pdf, document), "/K");
  REQUIRE(elements.size() == 3);

  REQUIRE(galley::pdf::move_front_pages(pdf, 1, 1, {"i", "1", "2"}));
  CHECK(refs_in(object(pdf, pages), "/Kids") == std::vector<long>{kids[2], kids[0], kids[1]});
  CHECK(refs_in(object(pdf, document), "/K") == std::vector<long>{elements[2], elements[0], elements[1]});
  CHECK(object(pdf, elements[2]).find("/S /H1") != std::string::npos);
  const std::string labels = object(pdf, ref(object(pdf, catalog), "/PageLabels"));
  CHECK(labels.find("0 << /P (i) >>") != std::string::npos);
  CHECK(labels.find("1 << /S /D /St 1 >>") != std::string::npos);
  CHECK(labels.find("2 <<") == std::string::npos);  // "2" continues the decimal run
  check_xref(pdf);
  CHECK(pdf.size() != before.size());
}

TEST_CASE("a file not in the expected shape is left alone") {
  std::string junk = "%PDF-1.5\nnot a real file\n";
  CHECK_FALSE(galley::pdf::move_front_pages(junk, 1, 1, {"i"}));
  CHECK(junk == "%PDF-1.5\nnot a real file\n");
  std::string pdf = painted_body_first();
  const std::string before = pdf;
  CHECK_FALSE(galley::pdf::move_front_pages(pdf, 1, 1, {"i", "1"}));  // labels for two pages, three in the file
  CHECK(pdf == before);
  CHECK_FALSE(galley::pdf::move_front_pages(pdf, 1, 9, {"i", "1", "2"}));  // more elements than the Document has
  CHECK(pdf == before);
}

TEST_CASE("the document language goes into the catalog as /Lang, once") {
  std::string pdf = painted_body_first();
  const std::string before = pdf;
  REQUIRE(galley::pdf::set_language(pdf, "ar"));
  const long catalog = ref(pdf.substr(pdf.rfind("trailer")), "/Root");
  CHECK(object(pdf, catalog).find("/Lang (ar)") != std::string::npos);
  CHECK(object(pdf, catalog).find("/Type /Catalog") != std::string::npos);
  check_xref(pdf);
  const std::string once = pdf;
  CHECK_FALSE(galley::pdf::set_language(pdf, "en"));  // already there
  CHECK(pdf == once);
  std::string other = before;
  CHECK_FALSE(galley::pdf::set_language(other, ""));
  CHECK(other == before);
}
