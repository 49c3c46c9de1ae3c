#include "pdf/glyph_batch.hpp"

#include <pango/pangocairo.h>

namespace galley::pdf {

void GlyphBatch::space(const layout::FontSystem& fonts, int font, std::uint32_t glyph, double x, double y) {
  show_pending(fonts);
  pending_ = cairo_glyph_t{glyph, x, y};
  pending_font_ = font;
}

void GlyphBatch::symbol(const layout::FontSystem& fonts, int font, std::uint32_t glyph, double x, double y,
                        std::string_view text) {
  show_pending(fonts);
  if (font != font_ || rtl_) flush(fonts);
  font_ = font;
  rtl_ = false;
  glyphs_.push_back(cairo_glyph_t{glyph, x, y});
  text_ += text;
  clusters_.push_back(cairo_text_cluster_t{static_cast<int>(text.size()), 1});
}

void GlyphBatch::add(const layout::FontSystem& fonts, int font, const layout::Shaped& sh,
                     const layout::Shaped::Segment& seg, double x, double y) {
  const bool joined_space = pending_font_ == font;
  if (!joined_space) show_pending(fonts);
  if (font != font_ || seg.rtl != rtl_) flush_glyphs(fonts);
  font_ = font;
  rtl_ = seg.rtl;
  if (joined_space && !rtl_) take_pending();
  const std::size_t text_base = text_.size(), cluster_base = clusters_.size();
  text_.append(sh.text, seg.text_begin, seg.text_end - seg.text_begin);
  double pen = x;  // at the segment's start
  for (std::uint32_t g = seg.glyph_begin; g < seg.glyph_end; ++g) {
    const layout::Glyph& gl = sh.glyphs[g];
    glyphs_.push_back(cairo_glyph_t{gl.id, pen + gl.x_offset, y + gl.y_offset});
    pen += gl.advance;
  }
  add_clusters(font, sh, seg, text_base);
  if (joined_space && rtl_) {
    // First in text order, last of the glyphs a backward batch walks from its end.
    glyphs_.push_back(*pending_);
    text_.insert(text_.begin() + static_cast<std::ptrdiff_t>(text_base), ' ');
    clusters_.insert(clusters_.begin() + static_cast<std::ptrdiff_t>(cluster_base), cairo_text_cluster_t{1, 1});
    pending_.reset();
    pending_font_ = -1;
  }
  if (rtl_) flush_glyphs(fonts);
}

// Clusters: runs of glyphs sharing a cluster value, in text order (for
// right-to-left text the glyphs are walked from the end). A batch whose
// clusters do not cover its text exactly is shown without text (broken_).
void GlyphBatch::add_clusters(int font, const layout::Shaped& sh, const layout::Shaped::Segment& seg,
                              std::size_t text_base) {
  const std::uint32_t n = seg.glyph_end - seg.glyph_begin;
  auto glyph_at = [&](std::uint32_t k) -> const layout::Glyph& {
    return sh.glyphs[rtl_ ? seg.glyph_end - 1 - k : seg.glyph_begin + k];
  };
  const std::string_view text(sh.text);
  std::uint32_t k = 0;
  int bytes_total = 0;
  while (k < n) {
    const std::uint32_t c = glyph_at(k).cluster;
    std::uint32_t e = k + 1;
    while (e < n && glyph_at(e).cluster == c) ++e;
    std::uint32_t next = e < n ? glyph_at(e).cluster : seg.text_end;
    if (next <= c || next > seg.text_end) {
      broken_ = true;
      next = c;
    }
    std::uint32_t at = c, g = k;
    for (const ClusterSpan& span : split_cluster(text.substr(c, next - c), static_cast<int>(e - k))) {
      clusters_.push_back(cairo_text_cluster_t{span.bytes, span.glyphs});
      if (span.glyphs == 1 && span.bytes > 0) texts_.record(font, glyph_at(g).id, text.substr(at, span.bytes));
      at += static_cast<std::uint32_t>(span.bytes);
      g += static_cast<std::uint32_t>(span.glyphs);
    }
    bytes_total += static_cast<int>(next - c);
    k = e;
  }
  if (n > 0 && glyph_at(0).cluster != seg.text_begin) broken_ = true;
  if (bytes_total != static_cast<int>(text_.size() - text_base)) broken_ = true;
}

void GlyphBatch::flush(const layout::FontSystem& fonts) {
  show_pending(fonts);
  flush_glyphs(fonts);
}

// The pending space at the end of the batch (the start of a forward run).
void GlyphBatch::take_pending() {
  glyphs_.push_back(*pending_);
  text_ += ' ';
  clusters_.push_back(cairo_text_cluster_t{1, 1});
  pending_.reset();
  pending_font_ = -1;
}

// The pending space shown on its own.
void GlyphBatch::show_pending(const layout::FontSystem& fonts) {
  if (!pending_) return;
  if (pending_font_ != font_ || rtl_) flush_glyphs(fonts);
  font_ = pending_font_;
  rtl_ = false;
  take_pending();
}

void GlyphBatch::flush_glyphs(const layout::FontSystem& fonts) {
  if (glyphs_.empty()) {
    reset();
    return;
  }
  cairo_scaled_font_t* sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(fonts.font(font_)));
  cairo_set_scaled_font(cr_, sf);
  if (broken_ || clusters_.empty()) {
    cairo_show_glyphs(cr_, glyphs_.data(), static_cast<int>(glyphs_.size()));
  } else {
    cairo_show_text_glyphs(cr_, text_.data(), static_cast<int>(text_.size()), glyphs_.data(),
                           static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                           rtl_ ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : static_cast<cairo_text_cluster_flags_t>(0));
  }
  reset();
}

void GlyphBatch::reset() {
  glyphs_.clear();
  clusters_.clear();
  text_.clear();
  font_ = -1;
  broken_ = false;
}

}  // namespace galley::pdf
