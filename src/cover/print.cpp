// The full-wrap print cover: one PDF page of back, spine and front with
// bleed all round, painted with Cairo; TrimBox and BleedBox are added to the
// finished file (Cairo 1.16 writes neither).
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <cstdio>

#include "cover/cover.hpp"
#include "cover/fonts.hpp"
#include "cover/print_file.hpp"
#include "layout/itemize.hpp"
#include "util/error.hpp"

namespace galley::cover {

namespace {

class PdfCanvas : public Canvas {
 public:
  PdfCanvas(cairo_t* cr, const layout::CoverStyle& style) : cr_(cr), style_(style) {}
  void rect(Ink ink, const Rect& r) override {
    set(ink);
    cairo_rectangle(cr_, r.x, r.y, r.w, r.h);
    cairo_fill(cr_);
  }
  void frame(Ink ink, const Rect& r, double line_width) override {
    set(ink);
    cairo_set_line_width(cr_, line_width);
    cairo_rectangle(cr_, r.x + line_width / 2, r.y + line_width / 2, r.w - line_width, r.h - line_width);
    cairo_stroke(cr_);
  }
  void text(Ink ink, double x, double y, PangoLayout* layout, bool down) override {
    set(ink);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    if (down) cairo_rotate(cr_, M_PI / 2);
    cairo_move_to(cr_, 0, 0);
    pango_cairo_show_layout(cr_, layout);
    cairo_restore(cr_);
  }

 private:
  void set(Ink ink) {
    const layout::Rgb c = ink == Ink::Background ? style_.background
                          : ink == Ink::Text     ? style_.text
                          : ink == Ink::Accent   ? style_.accent
                          : ink == Ink::Paper    ? layout::Rgb{1, 1, 1}
                                                 : layout::Rgb{0.25, 0.25, 0.25};
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
  }
  cairo_t* cr_;
  const layout::CoverStyle& style_;
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Wrap print_wrap(const layout::Style& style, int pages, double bleed, const std::string& language) {
  return wrap_for(style.page_width, style.page_height, pages, style.cover.caliper, bleed > 0 ? bleed : style.cover.bleed,
                  layout::rtl_language(language));
}

void write_print_cover(const doc::Metadata& m, const layout::Style& style, const Wrap& wrap, bool crop_marks,
                       const std::filesystem::path& out_path, Diagnostics& diag) {
  const CoverText text = cover_text(m);
  CoverFonts fonts(text, m.language);
  // The sheet: the wrap's trim and bleed, and room for the marks outside.
  const Rect trim = wrap.trim();
  const pdf::Sheet sheet = pdf::sheet_for(trim.w, trim.h, pdf::PrintReady{true, wrap.bleed, crop_marks});
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, sheet.width, sheet.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw Error(out_path.string(), "cannot create the cover PDF");
  }
  set_cover_metadata(surface, m);
  cairo_t* cr = cairo_create(surface);
  cairo_translate(cr, sheet.trim_x - trim.x, sheet.trim_y - trim.y);
  PdfCanvas canvas(cr, style.cover);
  canvas.rect(Ink::Background, {0, 0, wrap.width(), wrap.height()});
  const Painter painter(fonts.context(), style.cover, 1.0);
  if (!painter.back(canvas, wrap.back(), text))
    diag.warn("the description is longer than the back cover holds: cut with an ellipsis");
  if (wrap.spine_text()) painter.spine(canvas, wrap.spine_panel(), text);
  painter.front(canvas, wrap.front(), text);
  cairo_show_page(cr);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t fs = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || fs != CAIRO_STATUS_SUCCESS)
    throw Error(out_path.string(), std::string("cannot write the cover PDF: ") +
                                       cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : fs));
  finish_print_file(bytes, wrap, sheet, m);
  write_bytes(out_path, bytes);
}

}  // namespace galley::cover
