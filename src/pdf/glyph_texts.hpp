// What text each glyph was drawn for, recorded while painting, so the
// ToUnicode maps of the finished PDF can name it (pdf/to_unicode.hpp) and
// the painter can write inter-word spaces with each font's space glyph.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/fonts.hpp"

namespace galley::pdf {

// Bytes of text and the glyphs drawn for them, as Cairo's text clusters.
struct ClusterSpan {
  int bytes = 0;
  int glyphs = 0;
};

// A shaping cluster of `glyphs` glyphs for `text` (UTF-8), as spans a PDF
// extractor can map glyph by glyph. A base character with combining marks
// drawn as several glyphs (Arabic "زِّ": the letter, then shadda and kasra as
// one mark glyph) gives two spans, the base's glyph and the marks' glyphs, so
// each glyph gets its own text in the ToUnicode map; a mark glyph without a
// code point of its own would otherwise be written as U+FFFD there; with a
// glyph per mark (Thai), each mark is a span of its own. Any other cluster
// stays one span, and so does every cluster of a script whose shaping
// reorders glyphs (Indic, Myanmar, Khmer).
std::vector<ClusterSpan> split_cluster(std::string_view text, int glyphs);

class GlyphTexts {
 public:
  explicit GlyphTexts(const layout::FontSystem& fonts) : fonts_(fonts) {}

  // A cluster of one glyph drawn for text.
  void record(int font, std::uint32_t glyph, std::string_view text);

  // The text for the glyph that code point cp names in the font whose
  // PostScript name is ps_name: the text it was drawn for (when one text
  // only), else cp's compatibility decomposition for a presentation form
  // (U+FB01 -> "fi", U+FEE3 -> U+0645); nullopt when neither is known.
  std::optional<std::string> text_for(std::string_view ps_name, char32_t cp);

  // The glyph of U+0020 in a font, and the font's size in points (its em).
  struct Space {
    std::uint32_t glyph = 0;
    bool present = false;
    double em = 0;
    double advance = 0;  // points
  };
  const Space& space(int font);

 private:
  struct Font {
    std::vector<std::string> text;  // by glyph id; empty: not recorded
    std::vector<bool> conflict;     // drawn for several texts
    std::optional<std::string> ps_name;
    std::optional<Space> space;
  };
  Font& font(int index);
  const layout::FontSystem& fonts_;
  std::vector<Font> by_font_;
};

}  // namespace galley::pdf
