// A line's runs in visual order (UAX #9 rule L2), after the line was set
// left to right in logical order. Runs are pieces of one bidi level; the
// gaps between them (word spaces, CJK glue) take the lower level of their
// two neighbours and move with them. A right-to-left line is mirrored within
// the text block, so its indents and ragged end change sides too. Pure
// geometry, unit-tested.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::layout {

// x: left edges of the runs, set left to right in logical order; w: their
// widths; levels: their bidi levels. Moves x to the visual places. extent:
// the width the line is mirrored in when rtl.
void reorder_runs(std::vector<double>& x, const std::vector<double>& w, const std::vector<std::uint8_t>& levels,
                  bool rtl, double extent);

// The visual form of a run of neutral characters (punctuation, spaces)
// resolved right to left that a shaper would set left to right: characters
// reversed, brackets mirrored ("(:" -> ":)").
std::string mirrored_neutrals(std::string_view utf8);

}  // namespace galley::layout
