// Bidi levels of a paragraph (UAX #9 through FriBidi): the paragraph's
// direction from the document's language when that is written right to left
// (as the EPUB's dir="rtl" does), else from its first strong character (P2-P3); an embedding level for every character, with
// bracket pairs resolved (N0). Lines are broken in logical order over runs
// of one level, then each line is reordered (reorder.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::layout {

struct BidiLevels {
  bool rtl = false;                               // the paragraph's direction
  std::vector<std::vector<std::uint8_t>> levels;  // per text, one level per byte; empty: all 0
};

// True for languages written right to left (ar, he, fa, ur, yi, ps, sd, ug, dv, ckb).
bool rtl_language(const std::string& language);

// texts: the paragraph's pieces in logical order (valid UTF-8). Text with no
// right-to-left character in a left-to-right language gets no levels (the fast path).
BidiLevels bidi_levels(const std::vector<std::string_view>& texts, const std::string& language);

}  // namespace galley::layout
