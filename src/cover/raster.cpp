// The EPUB cover image: the front panel painted into two coverage masks
// (text, accent), combined into palette indices (background -> text and
// background -> accent ramps) and encoded by png.cpp. Only the rows the
// design paints are read; the rest are background.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "cover/cover.hpp"
#include "cover/fonts.hpp"
#include "cover/png.hpp"
#include "util/error.hpp"

namespace galley::cover {

namespace {

constexpr int kTextLevels = 192;  // indices 0..191: background to text
constexpr int kAccentLevels = 64;  // indices 192..255: towards the accent

class Mask {
 public:
  Mask(int w, int h) : surface_(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h)), cr_(cairo_create(surface_)) {
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) throw Error("", "cannot paint the cover image");
  }
  ~Mask() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  Mask(const Mask&) = delete;
  Mask& operator=(const Mask&) = delete;
  cairo_t* cr() { return cr_; }
  const std::uint8_t* row(int y) {
    return cairo_image_surface_get_data(surface_) + static_cast<std::size_t>(y) *
                                                        static_cast<std::size_t>(cairo_image_surface_get_stride(surface_));
  }
  void flush() { cairo_surface_flush(surface_); }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

class RasterCanvas : public Canvas {
 public:
  RasterCanvas(int w, int h) : w_(w), h_(h), text_(w, h), accent_(w, h), touched_(static_cast<std::size_t>(h), 0) {}

  void rect(Ink ink, const Rect& r) override {
    if (ink != Ink::Text && ink != Ink::Accent) return;  // the background is index 0
    cairo_t* cr = (ink == Ink::Text ? text_ : accent_).cr();
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_fill(cr);
    touch(r.y, r.y + r.h, ink);
  }
  void frame(Ink, const Rect&, double) override {}  // only the print cover's back has frames
  void text(Ink ink, double x, double y, PangoLayout* layout, bool down) override {
    if (ink != Ink::Text || down) return;
    cairo_move_to(text_.cr(), x, y);
    pango_cairo_show_layout(text_.cr(), layout);
    PangoRectangle ink_rect, logical;
    pango_layout_get_pixel_extents(layout, &ink_rect, &logical);
    touch(y + ink_rect.y - 2, y + ink_rect.y + ink_rect.height + 2, ink);
  }

  // Palette index rows, built on demand; nullptr for background rows.
  const std::uint8_t* row(int y) {
    const std::uint8_t what = touched_[static_cast<std::size_t>(y)];
    if (what == 0) return nullptr;
    line_.resize(static_cast<std::size_t>(w_));
    const std::uint8_t* t = text_.row(y);
    const std::uint8_t* a = (what & 2) ? accent_.row(y) : nullptr;
    for (int x = 0; x < w_; ++x) {
      const int tv = t[x], av = a ? a[x] : 0;
      int index = (tv * (kTextLevels - 1) + 127) / 255;
      if (tv == 0 && av > 0) index = kTextLevels - 1 + (av * kAccentLevels + 254) / 255;
      line_[static_cast<std::size_t>(x)] = static_cast<std::uint8_t>(index);
    }
    return line_.data();
  }
  void flush() {
    text_.flush();
    accent_.flush();
  }

 private:
  void touch(double y0, double y1, Ink ink) {
    const int a = std::clamp(static_cast<int>(std::floor(y0)), 0, h_);
    const int b = std::clamp(static_cast<int>(std::ceil(y1)), 0, h_);
    for (int y = a; y < b; ++y) touched_[static_cast<std::size_t>(y)] |= ink == Ink::Accent ? 2 : 1;
  }
  int w_, h_;
  Mask text_, accent_;
  std::vector<std::uint8_t> touched_;  // per row: 1 text, 2 accent
  std::vector<std::uint8_t> line_;
};

std::array<std::uint8_t, 3> mix(const layout::Rgb& from, const layout::Rgb& to, double t) {
  auto c = [t](double a, double b) { return static_cast<std::uint8_t>(std::lround((a + (b - a) * t) * 255)); };
  return {c(from.r, to.r), c(from.g, to.g), c(from.b, to.b)};
}

}  // namespace

std::string cover_png(const doc::Metadata& m, const layout::Style& style) {
  const CoverText text = cover_text(m);
  CoverFonts fonts(text, m.language);
  RasterCanvas canvas(kImageWidth, kImageHeight);
  const Painter painter(fonts.context(), style.cover, kImageWidth / style.page_width);
  painter.front(canvas, {0, 0, kImageWidth, kImageHeight}, text);
  canvas.flush();
  IndexedImage image;
  image.width = kImageWidth;
  image.height = kImageHeight;
  const auto& cs = style.cover;
  for (int i = 0; i < kTextLevels; ++i) image.palette.push_back(mix(cs.background, cs.text, i / double(kTextLevels - 1)));
  for (int i = 1; i <= kAccentLevels; ++i) image.palette.push_back(mix(cs.background, cs.accent, i / double(kAccentLevels)));
  image.row = [&canvas](int y) { return canvas.row(y); };
  return encode_png(image);
}

}  // namespace galley::cover
