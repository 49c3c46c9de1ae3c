// Covers (issue 10): the wrap arithmetic, paper calipers, the cover style,
// the PNG encoder (decoded again by Cairo) and the generated covers.
#include <cairo.h>
#include <doctest/doctest.h>
#include <glib.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cover/cover.hpp"
#include "cover/png.hpp"
#include "layout/style.hpp"
#include "pdf/edit.hpp"
#include "util/error.hpp"

using namespace galley;
namespace fs = std::filesystem;

namespace {

constexpr double kMm = 72.0 / 25.4;

struct Decoded {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;  // 0xRRGGBB
  std::uint32_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y * width + x)]; }
};

struct Reader {
  const std::string* data;
  std::size_t at = 0;
};

cairo_status_t read_bytes(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->at + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// Decodes a PNG with Cairo (libpng): a decoder galley's encoder did not write.
Decoded decode(const std::string& png) {
  Reader r{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
  Decoded d;
  REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
  d.width = cairo_image_surface_get_width(s);
  d.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < d.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < d.width; ++x) d.pixels.push_back(row[x] & 0xFFFFFF);
  }
  cairo_surface_destroy(s);
  return d;
}

std::uint32_t rgb(const layout::Rgb& c) {
  auto v = [](double x) { return static_cast<std::uint32_t>(x * 255 + 0.5); };
  return v(c.r) << 16 | v(c.g) << 8 | v(c.b);
}

layout::Style default_style() { return layout::load_style("default", fs::path(GALLEY_SOURCE_DIR) / "styles"); }

doc::Metadata book() {
  doc::Metadata m;
  m.title = "Pride and Prejudice";
  m.subtitle = "A Novel";
  m.authors = {"Jane Austen"};
  m.language = "en";
  m.description = "The Bennet sisters, their mother's schemes and Mr Darcy's pride.";
  return m;
}

}  // namespace

TEST_CASE("cover: spine width is pages times caliper; the sheet is 2 x trim + spine + 2 x bleed") {
  const double trim_w = 6 * 72, trim_h = 9 * 72, bleed = 3 * kMm, caliper = 0.0572 * kMm;
  for (int pages : {100, 400}) {
    const cover::Wrap w = cover::wrap_for(trim_w, trim_h, pages, caliper, bleed);
    const double spine_mm = pages * 0.0572;
    CHECK(w.spine == doctest::Approx(spine_mm * kMm).epsilon(1e-9));
    CHECK(std::abs(w.width() - (2 * 432 + spine_mm * kMm + 6 * kMm)) < 0.1);
    CHECK(std::abs(w.height() - (648 + 6 * kMm)) < 0.1);
    // Back, spine and front side by side inside the trim, the trim inside the bleed.
    CHECK(w.back().x == doctest::Approx(bleed));
    CHECK(w.spine_panel().x == doctest::Approx(bleed + trim_w));
    CHECK(w.front().x + w.front().w + bleed == doctest::Approx(w.width()));
    CHECK(w.trim().w == doctest::Approx(2 * trim_w + w.spine));
  }
  CHECK(cover::wrap_for(trim_w, trim_h, 100, caliper, bleed).spine == doctest::Approx(5.72 * kMm));
  CHECK(cover::wrap_for(trim_w, trim_h, 400, caliper, bleed).spine == doctest::Approx(22.88 * kMm));
}

TEST_CASE("cover: a right-to-left book has its front on the left") {
  const cover::Wrap ltr = cover::wrap_for(432, 648, 200, 0.0572 * kMm, 9);
  const cover::Wrap rtl = cover::wrap_for(432, 648, 200, 0.0572 * kMm, 9, true);
  CHECK(ltr.back().x == doctest::Approx(9));
  CHECK(ltr.front().x == doctest::Approx(9 + 432 + ltr.spine));
  CHECK(rtl.front().x == doctest::Approx(9));
  CHECK(rtl.back().x == doctest::Approx(9 + 432 + rtl.spine));
  CHECK(rtl.spine_panel().x == doctest::Approx(ltr.spine_panel().x));
  CHECK(rtl.width() == doctest::Approx(ltr.width()));
  const layout::Style st = default_style();
  CHECK(cover::print_wrap(st, 200, 0, "ar").rtl);
  CHECK(cover::print_wrap(st, 200, 0, "he-IL").rtl);
  CHECK_FALSE(cover::print_wrap(st, 200, 0, "en").rtl);
}

TEST_CASE("cover: spine text only from 6.35 mm (0.25 in)") {
  const double caliper = 0.0572 * kMm;
  CHECK_FALSE(cover::wrap_for(432, 648, 100, caliper, 9).spine_text());  // 5.72 mm
  CHECK_FALSE(cover::wrap_for(432, 648, 111, caliper, 9).spine_text());  // 6.349 mm
  CHECK(cover::wrap_for(432, 648, 112, caliper, 9).spine_text());        // 6.406 mm
  CHECK(cover::wrap_for(432, 648, 400, caliper, 9).spine_text());
  CHECK_FALSE(cover::wrap_for(432, 648, 0, caliper, 9).spine_text());
}

TEST_CASE("cover: caliper presets and lengths") {
  CHECK(layout::parse_caliper("white") == doctest::Approx(0.0572 * kMm));
  CHECK(layout::parse_caliper("cream") == doctest::Approx(0.0635 * kMm));
  CHECK(layout::parse_caliper("Coated") == doctest::Approx(0.0500 * kMm));
  CHECK(layout::parse_caliper("0.06mm") == doctest::Approx(0.06 * kMm));
  CHECK(layout::parse_caliper("0.0025in") == doctest::Approx(0.0025 * 72));
  CHECK_THROWS_AS(layout::parse_caliper("glossy"), Error);
  CHECK_THROWS_AS(layout::parse_caliper("5mm"), Error);  // a board, not a page
  CHECK_THROWS_AS(layout::parse_caliper("0"), Error);
  // The default style's paper is white: 400 pages make a 22.88 mm spine.
  const layout::Style st = default_style();
  CHECK(cover::print_wrap(st, 400).spine == doctest::Approx(22.88 * kMm));
  CHECK(cover::print_wrap(st, 400, 3 * kMm).bleed == doctest::Approx(3 * kMm));
  CHECK(cover::print_wrap(st, 400).bleed == doctest::Approx(0.125 * 72));
}

TEST_CASE("cover: the style's cover section") {
  const fs::path dir = fs::temp_directory_path() / ("galley-cover-style-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "c.style") << "cover:\n  background: \"#102030\"\n  text: \"#fff\"\n  title_face: italic\n"
                                      "  title_size: 40pt\n  caliper: cream\n  bleed: 3mm\n";
    std::ofstream(dir / "bad.style") << "cover:\n  title_face: heavy\n";
    std::ofstream(dir / "badcolour.style") << "cover:\n  accent: red\n";
  }
  const layout::Style st = layout::load_style((dir / "c.style").string(), dir);
  CHECK(rgb(st.cover.background) == 0x102030);
  CHECK(rgb(st.cover.text) == 0xFFFFFF);
  CHECK(st.cover.title_face.italic);
  CHECK_FALSE(st.cover.title_face.bold);
  CHECK(st.cover.title_size == doctest::Approx(40));
  CHECK(st.cover.caliper == doctest::Approx(0.0635 * kMm));
  CHECK(st.cover.bleed == doctest::Approx(3 * kMm));
  for (const char* bad : {"bad.style", "badcolour.style"}) {
    try {
      layout::load_style((dir / bad).string(), dir);
      FAIL("accepted " << bad);
    } catch (const Error& e) {
      CHECK(e.file() == (dir / bad).string());
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("cover: the PNG encoder's files decode to the picture (blank runs of every length)") {
  // Widths and runs that end the hand-made zero blocks on every remainder
  // of 258 (including the 1 and 2 a match cannot take).
  for (int width : {1, 2, 7, 255, 256, 257, 1600}) {
    const int height = 40;
    cover::IndexedImage img;
    img.width = width;
    img.height = height;
    img.palette = {{{10, 20, 30}}, {{200, 100, 50}}, {{1, 2, 3}}};
    std::vector<std::vector<std::uint8_t>> rows(height);
    for (int y = 0; y < height; ++y) {
      if (y % 7 == 3 || y % 11 == 5 || y == height - 1) {
        rows[y].resize(width);
        for (int x = 0; x < width; ++x) rows[y][x] = static_cast<std::uint8_t>((x + y) % 3);
      }
    }
    // Rows as indices, and as bytes mapped to indices (every third row:
    // bytes 10, 11, 12 standing for 0, 1, 2).
    std::uint8_t map[256] = {};
    map[10] = 0, map[11] = 1, map[12] = 2;
    std::vector<std::vector<std::uint8_t>> mapped(rows);
    for (auto& r : mapped)
      for (auto& b : r) b = static_cast<std::uint8_t>(b + 10);
    img.row = [&](int y) -> cover::ImageRow {
      if (rows[y].empty()) return {};
      if (y % 3 == 0) return {mapped[y].data(), map};
      return {rows[y].data(), nullptr};
    };
    const Decoded d = decode(cover::encode_png(img));
    REQUIRE(d.width == width);
    REQUIRE(d.height == height);
    const std::uint32_t colours[] = {0x0A141E, 0xC86432, 0x010203};
    int wrong = 0;
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x)
        wrong += d.at(x, y) != colours[rows[y].empty() ? 0 : rows[y][x]];
    CHECK(wrong == 0);
  }
  // Long runs of one value inside a row (the eight-byte scan) and rows that
  // are one run.
  {
    cover::IndexedImage img;
    img.width = 1000;
    img.height = 3;
    img.palette = {{{0, 0, 0}}, {{255, 255, 255}}};
    std::vector<std::uint8_t> row(1000, 1);
    for (int x = 0; x < 1000; x += 97) row[x] = 0;
    img.row = [&row](int) -> cover::ImageRow { return {row.data(), nullptr}; };
    const Decoded d = decode(cover::encode_png(img));
    int wrong = 0;
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 1000; ++x) wrong += d.at(x, y) != (row[x] ? 0xFFFFFFu : 0u);
    CHECK(wrong == 0);
  }
  // A picture of background only.
  cover::IndexedImage blank;
  blank.width = 1600;
  blank.height = 2560;
  blank.palette = {{{1, 2, 3}}};
  blank.row = [](int) { return cover::ImageRow{}; };
  const Decoded d = decode(cover::encode_png(blank));
  CHECK(d.at(0, 0) == 0x010203);
  CHECK(d.at(1599, 2559) == 0x010203);
}

TEST_CASE("cover: the generated EPUB cover: 1600 x 2560, the style's colours, the same bytes every time") {
  const layout::Style st = default_style();
  const std::string png = cover::cover_png(book(), st);
  CHECK(png == cover::cover_png(book(), st));
  doc::Metadata other_book = book();
  other_book.title = "Sense and Sensibility, a much longer title that takes three or four lines on the cover";
  CHECK(cover::cover_png(other_book, st) != png);
  CHECK(png == cover::cover_png(book(), st));  // nothing of the other cover left behind
  const Decoded d = decode(png);
  REQUIRE(d.width == 1600);
  REQUIRE(d.height == 2560);
  CHECK(d.at(5, 5) == rgb(st.cover.background));
  CHECK(d.at(800, 2550) == rgb(st.cover.background));
  // Text-coloured pixels in the title's band and the author's, none elsewhere.
  auto count = [&](std::uint32_t colour, int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < d.width; ++x) n += d.at(x, y) == colour;
    return n;
  };
  CHECK(count(rgb(st.cover.text), 480, 900) > 1000);
  CHECK(count(rgb(st.cover.text), 2000, 2250) > 500);
  CHECK(count(rgb(st.cover.text), 0, 400) == 0);
  CHECK(count(rgb(st.cover.accent), 0, d.height) > 500);  // the rule
  // Another design, another picture.
  layout::Style other = st;
  other.cover.background = {1, 1, 1};
  CHECK(decode(cover::cover_png(book(), other)).at(5, 5) == 0xFFFFFF);
  CHECK(cover::alt_text(cover::cover_text(book())) == "Cover: Pride and Prejudice: A Novel, by Jane Austen");
}

TEST_CASE("cover: the print cover's page boxes for 100 and 400 pages") {
  const layout::Style st = default_style();
  const fs::path out = fs::temp_directory_path() / ("galley-cover-" + std::to_string(::getpid()) + ".pdf");
  for (int pages : {100, 400}) {
    const cover::Wrap w = cover::print_wrap(st, pages, 3 * kMm);
    Diagnostics diag;
    cover::write_print_cover(book(), st, w, false, out, diag);
    CHECK(diag.warnings.empty());
    std::ifstream in(out, std::ios::binary);
    const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    pdf::PdfEdit edit;
    REQUIRE(edit.open(pdf));
    int pages_found = 0;
    for (long n : edit.numbers()) {
      const std::string obj(*edit.object(n));
      if (obj.find("/Type /Page") == std::string::npos || obj.find("/Type /Pages") != std::string::npos) continue;
      ++pages_found;
      double x0, y0, x1, y1;
      const auto media = obj.find("/MediaBox");
      REQUIRE(std::sscanf(obj.c_str() + media, "/MediaBox [ %lf %lf %lf %lf ]", &x0, &y0, &x1, &y1) == 4);
      CHECK(std::abs((x1 - x0) - (2 * st.page_width + pages * 0.0572 * kMm + 6 * kMm)) < 0.1);
      const auto trim = obj.find("/TrimBox");
      REQUIRE(trim != std::string::npos);
      REQUIRE(std::sscanf(obj.c_str() + trim, "/TrimBox [ %lf %lf %lf %lf ]", &x0, &y0, &x1, &y1) == 4);
      CHECK(x0 == doctest::Approx(3 * kMm).epsilon(1e-4));
      CHECK(std::abs((x1 - x0) - (2 * st.page_width + pages * 0.0572 * kMm)) < 0.1);
      CHECK(std::abs((y1 - y0) - st.page_height) < 0.1);
      CHECK(obj.find("/BleedBox") != std::string::npos);
    }
    CHECK(pages_found == 1);
  }
  // A description longer than the back holds is cut, with a warning.
  doc::Metadata wordy = book();
  for (int i = 0; i < 400; ++i) wordy.description += " and so on";
  Diagnostics diag;
  cover::write_print_cover(wordy, st, cover::print_wrap(st, 100), false, out, diag);
  CHECK(diag.warnings.size() == 1);
  fs::remove(out);
}

TEST_CASE("cover text: a title of thousands of characters shows its first 300, cut at a word, with an ellipsis") {
  doc::Metadata m;
  for (int i = 0; i < 2000; ++i) m.title += "\u00dcber die W\u00f6rter ";
  m.authors = {"A. Writer"};
  const cover::CoverText t = cover::cover_text(m);
  CHECK(t.title.ends_with("\u2026"));
  CHECK(g_utf8_strlen(t.title.c_str(), -1) <= 301);
  CHECK(g_utf8_strlen(t.title.c_str(), -1) >= 200);
  CHECK(m.title.starts_with(t.title.substr(0, t.title.size() - 3)));
  CHECK(t.title[t.title.size() - 4] != ' ');
  CHECK(cover::cover_text(book()).title == "Pride and Prejudice");  // a title of ordinary length is whole
}
