// Glyphs of consecutive runs in one font, shown with one Cairo call; the
// text and clusters let viewers copy the words (ligatures included).
// Clusters of one glyph are recorded in GlyphTexts, for the ToUnicode maps.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/fonts.hpp"
#include "pdf/glyph_texts.hpp"

namespace galley::pdf {

class GlyphBatch {
 public:
  GlyphBatch(cairo_t* cr, GlyphTexts& texts) : cr_(cr), texts_(texts) {}
  // An inter-word space: the font's space glyph (it paints nothing) at x, so
  // that extractors read a space character there. It is shown with the next
  // run when that run starts in the same font: shown alone between two runs
  // of one right-to-left font, Cairo 1.16 merged the runs and lost the space
  // now and then (7 words of the two Arabic test articles ran together).
  void space(const layout::FontSystem& fonts, int font, std::uint32_t glyph, double x, double y);
  // One glyph that extractors read as `text` (a blank glyph standing for a
  // character the painter draws itself).
  void symbol(const layout::FontSystem& fonts, int font, std::uint32_t glyph, double x, double y,
              std::string_view text);
  // One shaped segment of a run, its pen starting at x.
  void add(const layout::FontSystem& fonts, int font, const layout::Shaped& sh, const layout::Shaped::Segment& seg,
           double x, double y);
  // Shows what is batched.
  void flush(const layout::FontSystem& fonts);

 private:
  void add_clusters(int font, const layout::Shaped& sh, const layout::Shaped::Segment& seg, std::size_t text_base);
  void take_pending();
  void show_pending(const layout::FontSystem& fonts);
  void flush_glyphs(const layout::FontSystem& fonts);
  void reset();

  cairo_t* cr_;
  GlyphTexts& texts_;
  int font_ = -1;
  bool rtl_ = false;
  bool broken_ = false;
  std::vector<cairo_glyph_t> glyphs_;
  std::vector<cairo_text_cluster_t> clusters_;
  std::string text_;
  std::optional<cairo_glyph_t> pending_;  // a word space waiting for its run
  int pending_font_ = -1;
};

}  // namespace galley::pdf
