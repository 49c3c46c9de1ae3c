// The EPUB cover image: the front panel painted into two coverage masks
// (text, accent), combined into palette indices (background -> text and
// background -> accent ramps) and encoded by png.cpp. Only the rows the
// design paints are read; the rest are background.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
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
  std::uint8_t* row(int y) {
    return cairo_image_surface_get_data(surface_) + static_cast<std::size_t>(y) *
                                                        static_cast<std::size_t>(cairo_image_surface_get_stride(surface_));
  }
  void flush() { cairo_surface_flush(surface_); }
  // Rows written to directly, for Cairo to know.
  void mark_dirty() { cairo_surface_mark_dirty(surface_); }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

// The two masks of a thread's covers, kept from one cover to the next: new
// 4 MB surfaces each time cost more in page faults and clearing than the
// painting. A canvas clears the rows it painted when it is done.
struct Masks {
  Mask text{kImageWidth, kImageHeight}, accent{kImageWidth, kImageHeight};
};

Masks& thread_masks() {
  thread_local std::unique_ptr<Masks> masks;
  if (!masks) masks = std::make_unique<Masks>();
  return *masks;
}

class RasterCanvas : public Canvas {
 public:
  explicit RasterCanvas(Masks& masks)
      : w_(kImageWidth), h_(kImageHeight), text_(masks.text), accent_(masks.accent),
        touched_(static_cast<std::size_t>(h_), 0) {
    for (int v = 0; v < 256; ++v) {
      text_index_[v] = static_cast<std::uint8_t>((v * (kTextLevels - 1) + 127) / 255);
      accent_index_[v] = static_cast<std::uint8_t>(v == 0 ? 0 : kTextLevels - 1 + (v * kAccentLevels + 254) / 255);
    }
  }
  ~RasterCanvas() override {
    for (int y = 0; y < h_; ++y)
      if (touched_[static_cast<std::size_t>(y)]) {
        std::memset(text_.row(y), 0, static_cast<std::size_t>(w_));
        std::memset(accent_.row(y), 0, static_cast<std::size_t>(w_));
      }
    text_.mark_dirty();
    accent_.mark_dirty();
  }
  RasterCanvas(const RasterCanvas&) = delete;
  RasterCanvas& operator=(const RasterCanvas&) = delete;

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

  // The rows for the encoder: text rows as coverage mapped to the text
  // ramp; rows with accent converted to indices here.
  ImageRow row(int y) {
    const std::uint8_t what = touched_[static_cast<std::size_t>(y)];
    if (what == 0) return {};
    const std::uint8_t* t = text_.row(y);
    if (!(what & 2)) return {t, text_index_};
    const std::uint8_t* a = accent_.row(y);
    line_.resize(static_cast<std::size_t>(w_));
    for (int x = 0; x < w_; ++x)
      line_[static_cast<std::size_t>(x)] = t[x] != 0 ? text_index_[t[x]] : accent_index_[a[x]];
    return {line_.data(), nullptr};
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
  Mask &text_, &accent_;
  std::uint8_t text_index_[256], accent_index_[256];  // coverage -> palette index
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
  RasterCanvas canvas(thread_masks());
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
