// Page assembly: a paginated flow's slices placed as pages (body lines,
// repeated table headers, footnotes under a short rule). Private to src/layout.
#pragma once

#include <cstddef>
#include <vector>

#include "layout/builder.hpp"

namespace galley::layout::detail {

class Assembler {
 public:
  Assembler(const Style& st, PagedDocument& out) : st_(st), out_(out) {}

  // Places the slices of a flow as pages; returns the index of the first page.
  std::size_t place(const Flow& flow, const std::vector<PageSlice>& slices, const std::vector<LineBox>& notes,
                    const std::vector<std::size_t>& note_first_line, bool center_vertically = false);
  void put(Page& page, const LineBox& b, double x0, double y, bool with_dests);

 private:
  const Style& st_;
  PagedDocument& out_;
};

// Paginates a flow, repeating a table's header row at the top of a page
// that starts inside its body.
std::vector<PageSlice> paginate_flow(const Flow& flow, const std::vector<VNote>& notes, double height, double sep);

}  // namespace galley::layout::detail
