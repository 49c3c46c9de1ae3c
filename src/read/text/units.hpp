// Plain-text reader, layer 2: lines grouped into units, the pieces that
// become blocks. A unit is one paragraph candidate (a line in "one paragraph
// per line" text, a blank-separated group of hard-wrapped lines otherwise),
// one list item, one quoted paragraph, one indented block or a scene break.
//
// Whether the text is hard-wrapped is decided once per document from the
// lines that are followed by another non-blank line: in wrapped text they
// cluster just under a wrap width and the next line's first word would not
// have fitted on them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "read/text/lines.hpp"

namespace galley::read::text {

enum class UnitKind { Text, Item, Quote, Indented, Break };

struct Unit {
  UnitKind kind = UnitKind::Text;
  std::vector<std::string_view> parts;  // the physical lines' text (list markers and '>' removed)
  std::vector<bool> hard;               // hard[k]: the break after parts[k] is a hard one
  int line = 0;                         // first source line, 1-based
  int blank_before = 0;                 // blank lines just before (0 inside a group)
  int blank_after = 0;
  bool ordered = false;                 // Item: numbered
  int number = 0;                       // Item: its number
  int indent = 0;                       // indentation of the first line
  int content_column = 0;               // Item: column where its text starts
  std::string_view first_line;          // the first line as written (with its list marker)

  std::size_t lines() const { return parts.size(); }
  // Lines joined with single spaces.
  std::string joined() const;
};

struct Segmentation {
  std::vector<Unit> units;
  bool wrapped = false;         // hard-wrapped lines, paragraphs separated by blank lines
  std::size_t wrap_width = 0;   // estimated width in code points when wrapped
};

// Units of lines [begin, end).
Segmentation segment(const std::vector<Line>& lines, std::size_t begin, std::size_t end);

}  // namespace galley::read::text
