#include "layout/assemble.hpp"

#include <algorithm>

namespace galley::layout::detail {

namespace {

void release_drawing(LineBox& b) {
  std::vector<Run>().swap(b.runs);
  std::vector<Rule>().swap(b.rules);
  std::vector<Picture>().swap(b.pictures);
  std::vector<StructTag>().swap(b.path);
  std::vector<StructTag>().swap(b.cells);
}

}  // namespace

std::size_t Assembler::place(Flow& flow, const std::vector<PageSlice>& slices, const std::vector<LineBox>& notes,
                             const std::vector<std::size_t>& note_first_line, bool center_vertically) {
  const std::size_t first = out_.pages.size();
  std::vector<bool> repeated(flow.boxes.size(), false);
  for (int r : flow.repeat)
    if (r >= 0 && static_cast<std::size_t>(r) < repeated.size()) repeated[static_cast<std::size_t>(r)] = true;
  for (const PageSlice& s : slices) {
    Page page;
    const bool recto = out_.pages.size() % 2 == 0;
    const double x0 = left_margin(recto);
    double y = st_.margins.top;
    if (center_vertically) {
      double h = 0;
      for (std::size_t k = s.begin; k < s.end; ++k) h += flow.boxes[k].height + (k > s.begin ? flow.items[k].space_before : 0);
      const double text_h = st_.page_height - st_.margins.top - st_.margins.bottom;
      y += std::max(0.0, (text_h - h) * 0.3);
    }
    if (s.begin < s.end && s.begin < flow.repeat.size() && flow.repeat[s.begin] >= 0 &&
        !flow.items[s.begin].page_before) {
      const auto& hb = flow.boxes[static_cast<std::size_t>(flow.repeat[s.begin])];
      put(page, hb, x0, y, false);
      y += hb.height;
    }
    for (std::size_t k = s.begin; k < s.end; ++k) {
      if (k > s.begin) y += flow.items[k].space_before;
      put(page, flow.boxes[k], x0, y, true);
      y += flow.boxes[k].height;
      if (!repeated[k]) release_drawing(flow.boxes[k]);
    }
    if (!s.notes.empty()) {
      double nh = 0;
      for (const NotePart& np : s.notes)
        for (std::size_t l = np.first; l < np.last; ++l)
          nh += notes[note_first_line[static_cast<std::size_t>(np.note)] + l].height;
      double ny = st_.page_height - st_.margins.bottom - nh;
      Element rule;
      rule.rules.push_back(Rule{static_cast<float>(x0), static_cast<float>(ny - st_.font_size * 0.5),
                                static_cast<float>(x0 + (st_.page_width - st_.margins.inner - st_.margins.outer) * 0.3),
                                static_cast<float>(ny - st_.font_size * 0.5), 0.4f});
      page.elements.push_back(std::move(rule));
      for (const NotePart& np : s.notes)
        for (std::size_t l = np.first; l < np.last; ++l) {
          const auto& b = notes[note_first_line[static_cast<std::size_t>(np.note)] + l];
          put(page, b, x0, ny, true);
          ny += b.height;
        }
    }
    out_.pages.push_back(std::move(page));
  }
  return first;
}

void Assembler::put(Page& page, const LineBox& b, double x0, double y, bool with_dests) {
  const float bx = static_cast<float>(x0), by = static_cast<float>(y + b.ascent);
  if (page.elements.empty() || !(page.elements.back().path == b.path) || b.path.empty() || !b.cells.empty() ||
      !page.elements.back().cells.empty()) {
    Element e;
    e.path = b.path;
    e.cells = b.cells;
    page.elements.push_back(std::move(e));
  }
  Element& e = page.elements.back();
  for (Run r : b.runs) {
    r.x += bx;
    r.y += by;
    e.runs.push_back(r);
  }
  for (Rule r : b.rules) {
    r.x0 += bx;
    r.x1 += bx;
    r.y0 += static_cast<float>(y);
    r.y1 += static_cast<float>(y);
    e.rules.push_back(r);
  }
  for (Picture p : b.pictures) {
    p.x += bx;
    p.y += static_cast<float>(y);
    e.pictures.push_back(p);
  }
  if (with_dests)
    for (const auto& d : b.dests) page.destinations.push_back(Destination{d, bx, static_cast<float>(y)});
}

std::vector<PageSlice> paginate_flow(const Flow& flow, const std::vector<VNote>& notes, double height, double sep) {
  PaginateParams pp;
  pp.page_height = height;
  pp.note_separator = sep;
  // Table headers repeated at a page top take room: fold their height into
  // the first row's allowance by paginating with the repeat known.
  std::vector<VItem> items = flow.items;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (flow.repeat[i] >= 0) items[i].space_before = 0;
  auto slices = paginate(items, notes, pp);
  // A page that starts inside a table body gets its header repeated; if
  // that overflows, the paginator runs again with the header counted.
  bool again = false;
  for (const auto& s : slices)
    if (s.begin < items.size() && flow.repeat[s.begin] >= 0 && !items[s.begin].page_before) {
      items[s.begin].height += flow.items[static_cast<std::size_t>(flow.repeat[s.begin])].height;
      again = true;
    }
  if (again) {
    slices = paginate(items, notes, pp);
  }
  return slices;
}

}  // namespace galley::layout::detail
