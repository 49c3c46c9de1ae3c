// Pagination of a vertical list of lines and unbreakable blocks, with keeps
// (widows, orphans, headings kept with what follows) and footnotes placed at
// the foot of the page that references them (long notes continue on the next
// page). Pure: works on heights only, so it is unit-tested without fonts.
#pragma once

#include <cstddef>
#include <vector>

namespace galley::layout {

struct VItem {
  double height = 0;          // advance of this line or block
  double space_before = 0;    // dropped at the top of a page
  bool keep_with_next = false;  // no page break directly after this item
  bool page_before = false;   // forced page break before (a chapter)
  std::vector<int> notes;     // footnotes first referenced on this line
};

struct VNote {
  std::vector<double> lines;  // heights of the note's lines
};

struct NotePart {
  int note = 0;
  std::size_t first = 0, last = 0;  // line range [first, last)
};

struct PageSlice {
  std::size_t begin = 0, end = 0;   // items [begin, end)
  std::vector<NotePart> notes;      // footnote lines at the foot of this page
};

struct PaginateParams {
  double page_height = 0;           // height of the text block
  double note_separator = 0;        // space taken by the rule above the notes
};

std::vector<PageSlice> paginate(const std::vector<VItem>& items, const std::vector<VNote>& notes,
                                const PaginateParams& params);

}  // namespace galley::layout
