// Page assembly: a paginated flow's slices placed as pages (body lines,
// repeated table headers, footnotes under a short rule). Private to src/layout.
#pragma once

#include <cstddef>
#include <vector>

#include "layout/builder.hpp"

namespace galley::layout::detail {

class Assembler {
 public:
  // rtl: a right-to-left book, bound on the right: its recto pages have
  // the inner margin on the right, its versos on the left.
  Assembler(const Style& st, PagedDocument& out, bool rtl = false) : st_(st), out_(out), rtl_(rtl) {}

  // The left margin of a recto or verso page (the text block's left edge).
  double left_margin(bool recto) const { return recto != rtl_ ? st_.margins.inner : st_.margins.outer; }

  // Places the slices of a flow as pages; returns the index of the first page.
  // A line's drawing (runs, rules, pictures, tags) is released once placed,
  // so a long flow is not held twice; its height, position in the document
  // and destinations stay. A table header row that repeats keeps its drawing.
  std::size_t place(Flow& flow, const std::vector<PageSlice>& slices, const std::vector<LineBox>& notes,
                    const std::vector<std::size_t>& note_first_line, bool center_vertically = false);
  void put(Page& page, const LineBox& b, double x0, double y, bool with_dests);

 private:
  const Style& st_;
  PagedDocument& out_;
  bool rtl_ = false;
};

// Paginates a flow, repeating a table's header row at the top of a page
// that starts inside its body.
std::vector<PageSlice> paginate_flow(const Flow& flow, const std::vector<VNote>& notes, double height, double sep);

}  // namespace galley::layout::detail
