// A paragraph's Knuth–Plass items: its spans cut into fragments (text
// between spaces, in one span and one bidi level), word spaces as glue,
// break opportunities inside fragments as penalties (UAX #14, dictionary
// hyphens in Latin, Greek and Cyrillic words) or, between wide CJK
// characters, as glue that lets the line justify. A fragment wider than the
// line gets emergency breaks: after / . - ? & = _ first, then at every
// grapheme cluster. Each fragment is shaped once and measured once (one pass
// over its glyphs), so the cost is linear in the paragraph's length.
//
// Font-free apart from the Measurer, so it is unit-tested with fixed metrics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/fonts.hpp"
#include "layout/linebreak.hpp"

namespace galley::layout {

class Hyphenator;

struct ParaSpan {
  std::string_view text;
  int style = 0;
  double size = 10;         // font size (points), for the glue between wide characters
  bool code = false;        // code: spaces are kept inside fragments, no dictionary hyphens
  bool note = false;        // a footnote mark: never broken
  bool hard_break = false;  // a forced line break (text empty)
};

// Spacing and breaking settings, tuned on Pride and Prejudice at A5 with
// typometrics.py: word spaces of 1.5x the font's space (about 0.37 em, as in
// Computer Modern's 0.33 em), stretchable by 35% and shrinkable by 50% (down
// to 80% with a high cost when nothing else fits), and hyphens costing as
// much as a fairly loose line.
struct ParaSettings {
  double measure = 300;        // line width (points), for emergency breaks
  bool hyphenate = true;
  bool hanging = true;         // punctuation and hyphens may hang into the margin
  std::string language;        // BCP 47, for UAX #14 tailoring
  double space = 1.5;          // word space, times the font's space
  double stretch = 0.35, shrink = 0.5;  // of the word space
  double hyphen_penalty = 100;
  double break_penalty = 50;   // a UAX #14 break inside a word (after a hyphen or a slash)
  double cjk_stretch = 0.12;   // glue between wide characters, times the font size
  double url_penalty = 1000;   // emergency break after / . - ? & = _
  double cluster_penalty = 5000;  // emergency break at any grapheme cluster
};

// Stretch of the glue that ends a paragraph or a forced line.
constexpr double kFillStretch = 1e5;

// Breaking parameters that go with ParaSettings.
BreakParams default_break_params();

struct ParaFrag {
  int span = 0;
  std::uint32_t b = 0, e = 0;  // bytes of the span's text
  const Shaped* shaped = nullptr;
  std::uint8_t level = 0;      // bidi embedding level
};

struct ParaRef {
  int frag = -1;                   // box: its fragment; penalty/glue inside a fragment: that fragment
  std::uint32_t from = 0, to = 0;  // bytes of the span's text
  bool hard = false;               // forced break inside the paragraph
  bool word_space = false;         // glue: a space between words (not CJK glue)
};

struct ParaItems {
  std::vector<Item> items;
  std::vector<ParaRef> refs;  // one per item
  std::vector<ParaFrag> frags;
};

// levels: per span, one bidi level per byte of its text (empty: all 0).
ParaItems build_items(const std::vector<ParaSpan>& spans, const std::vector<std::vector<std::uint8_t>>& levels,
                      Measurer& m, const Hyphenator& hyph, const ParaSettings& s);

// A line's content: maximal pieces of fragments between glue items.
struct LinePiece {
  int frag = -1;
  std::uint32_t from = 0, to = 0;                   // bytes of the span's text
  bool hyphen = false;                              // a hyphen is drawn after it (a hyphen break ends the line)
  double gap_before = 0, stretch = 0, shrink = 0;   // the glue before it
  bool space_before = false;                        // that glue holds a word space
};

// The pieces of the line of items [start, brk), brk being its break.
std::vector<LinePiece> line_pieces(const ParaItems& pi, std::size_t start, std::size_t brk);

// How far a line-final character may hang into the margin (margin kerning).
double trailing_hang(const Shaped& sh);

}  // namespace galley::layout
