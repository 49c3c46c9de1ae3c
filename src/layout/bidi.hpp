// Right-to-left and mixed-direction lines, word by word.
//
// Words are shaped as units (HarfBuzz orders the glyphs inside an Arabic or
// Hebrew word); what is left is the order of the words on a line. A line is
// first set left to right in logical order; reorder_line() then moves the
// words to their visual places: the Unicode bidi algorithm's levels and
// reversal (rule L2) at word granularity, with neutral words (digits,
// punctuation) taking the direction around them. Pure geometry, unit-tested.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace galley::layout {

enum class Direction : std::uint8_t { Neutral, Ltr, Rtl };

// The direction of the first letter of a script with one (Arabic, Hebrew...:
// Rtl; Latin, Greek, CJK...: Ltr); Neutral when there is none.
Direction strong_direction(std::string_view utf8);

// x: left edges of the words, set left to right in logical order; w: their
// widths. Moves x to the visual order. A right-to-left line is mirrored
// within [0, extent], so its indents and ragged end change sides too.
void reorder_line(std::vector<double>& x, const std::vector<double>& w, const std::vector<Direction>& dirs,
                  bool rtl_paragraph, double extent);

}  // namespace galley::layout
