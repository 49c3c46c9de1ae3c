// PdfEdit (pdf/edit.cpp) on a file Cairo writes here: every object is found
// by its number, numbers it does not hold are not, and an edited file written
// piece by piece is the same as the one written into a string, with a
// cross-reference table that points at each object.
#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "pdf/edit.hpp"

using namespace galley;

namespace {

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A tagged PDF of `pages` pages, one paragraph each: a few hundred objects.
std::string cairo_pdf(int pages) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &bytes, 200, 200);
  cairo_t* cr = cairo_create(surface);
  cairo_tag_begin(cr, "Document", "");
  for (int i = 0; i < pages; ++i) {
    cairo_tag_begin(cr, "P", "");
    cairo_move_to(cr, 20, 50);
    cairo_show_text(cr, ("page " + std::to_string(i)).c_str());
    cairo_tag_end(cr, "P");
    cairo_show_page(cr);
  }
  cairo_tag_end(cr, "Document");
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

// Checks that each "n 00000 n" entry of the file's last xref table points at "N 0 obj".
void check_xref(const std::string& pdf) {
  const std::size_t sx = pdf.rfind("startxref\n");
  REQUIRE(sx != std::string::npos);
  const std::size_t xref = std::strtoul(pdf.c_str() + sx + 10, nullptr, 10);
  REQUIRE(pdf.compare(xref, 7, "xref\n0 ") == 0);
  const long size = std::strtol(pdf.c_str() + xref + 7, nullptr, 10);
  const std::size_t entries = pdf.find('\n', xref + 5) + 1;
  for (long n = 0; n < size; ++n) {
    const std::string entry = pdf.substr(entries + static_cast<std::size_t>(n) * 20, 20);
    if (entry[17] != 'n') continue;
    const std::size_t at = std::strtoul(entry.c_str(), nullptr, 10);
    const std::string head = std::to_string(n) + " 0 obj";
    CHECK(pdf.compare(at, head.size(), head) == 0);
  }
}

}  // namespace

TEST_CASE("PdfEdit finds every object by its number, and only those") {
  const std::string pdf = cairo_pdf(40);
  pdf::PdfEdit edit;
  REQUIRE(edit.open(pdf));
  const std::vector<long> numbers = edit.numbers();
  REQUIRE(numbers.size() > 100);
  long highest = 0;
  for (long n : numbers) {
    const auto text = edit.object(n);
    REQUIRE(text.has_value());
    CHECK(text->substr(0, std::to_string(n).size() + 6) == std::to_string(n) + " 0 obj");
    CHECK(text->substr(text->size() - 6) == "endobj");
    highest = std::max(highest, n);
  }
  CHECK_FALSE(edit.object(0).has_value());
  CHECK_FALSE(edit.object(-1).has_value());
  CHECK_FALSE(edit.object(highest + 1).has_value());
  CHECK_FALSE(edit.object(highest + 1000000).has_value());
}

TEST_CASE("PdfEdit writes the same file piece by piece as into a string") {
  const std::string pdf = cairo_pdf(12);
  pdf::PdfEdit edit;
  REQUIRE(edit.open(pdf));
  const long root = edit.root();
  std::string catalog(*edit.object(root));
  catalog.insert(catalog.find("<<") + 2, " /Lang (en)");
  edit.replace(root, catalog);
  CHECK(*edit.object(root) == catalog);

  const std::string whole = edit.write();
  std::string pieces;
  std::size_t calls = 0;
  edit.write([&](std::string_view piece) {
    pieces.append(piece);
    ++calls;
  });
  CHECK(calls > 10);
  CHECK(pieces == whole);
  check_xref(whole);

  pdf::PdfEdit again;
  REQUIRE(again.open(whole));
  CHECK(again.object(root)->find("/Lang (en)") != std::string_view::npos);
  CHECK(again.numbers() == edit.numbers());
}
