#include "layout/paginate.hpp"

#include <algorithm>

namespace galley::layout {

namespace {

double note_height(const VNote& n, std::size_t first, std::size_t last) {
  double h = 0;
  for (std::size_t i = first; i < last && i < n.lines.size(); ++i) h += n.lines[i];
  return h;
}

// Notes continued from the previous page come first, up to 60% of the
// page; returns the parts left for the page after.
std::vector<NotePart> place_carried(const std::vector<NotePart>& carry, const std::vector<VNote>& notes,
                                    const PaginateParams& params, PageSlice& page, double& notes_h) {
  const double H = params.page_height;
  std::vector<NotePart> next_carry;
  for (const NotePart& c : carry) {
    NotePart part = c;
    const VNote& vn = notes[static_cast<std::size_t>(c.note)];
    if (!next_carry.empty()) {
      next_carry.push_back(c);
      continue;
    }
    const double sep = page.notes.empty() ? params.note_separator : 0;
    std::size_t last = part.first;
    double h = notes_h + sep;
    while (last < part.last && (h + vn.lines[last] <= H * 0.6 || (last == part.first && page.notes.empty()))) {
      h += vn.lines[last];
      ++last;
    }
    if (last > part.first) {
      page.notes.push_back(NotePart{part.note, part.first, last});
      notes_h = h;
    }
    if (last < part.last) next_carry.push_back(NotePart{part.note, last, part.last});
  }
  return next_carry;
}

// Places as many lines of an item's notes as fit in `room` (nh: the notes'
// height on the page); the rest continue on the next page (split_carry).
void place_split_notes(const VItem& it, const std::vector<VNote>& notes, double room, double& nh, PageSlice& page,
                       std::vector<NotePart>& split_carry) {
  for (int note : it.notes) {
    const VNote& vn = notes[static_cast<std::size_t>(note)];
    std::size_t last = 0;
    while (last < vn.lines.size() && (vn.lines[last] <= room || (last == 0 && page.notes.empty() && room > 0))) {
      room -= vn.lines[last];
      nh += vn.lines[last];
      ++last;
    }
    if (!split_carry.empty() || last < vn.lines.size()) {
      if (last > 0) page.notes.push_back(NotePart{note, 0, last});
      split_carry.push_back(NotePart{note, last, vn.lines.size()});
    } else {
      page.notes.push_back(NotePart{note, 0, vn.lines.size()});
    }
  }
}

}  // namespace

std::vector<PageSlice> paginate(const std::vector<VItem>& items, const std::vector<VNote>& notes,
                                const PaginateParams& params) {
  std::vector<PageSlice> pages;
  const std::size_t n = items.size();
  const double H = params.page_height;
  std::vector<NotePart> carry;  // note lines still to place
  std::size_t i = 0;
  while (i < n || !carry.empty()) {
    PageSlice page;
    page.begin = i;
    double notes_h = 0;
    carry = place_carried(carry, notes, params, page, notes_h);
    if (i >= n) {
      page.end = n;
      pages.push_back(std::move(page));
      continue;
    }
    const std::size_t carried_count = page.notes.size();
    // Fill with items; remember the last legal break.
    double used = 0, nh = notes_h;
    bool have_notes = !page.notes.empty();
    std::size_t j = i, legal = 0;  // legal: end index of the last legal page break (0: none)
    bool split_note = false;
    std::vector<NotePart> split_carry;
    while (j < n) {
      const VItem& it = items[j];
      if (j > i && it.page_before) break;
      const double h = (j > i ? it.space_before : 0) + it.height;
      double add = 0;
      bool sep_needed = !have_notes && !it.notes.empty();
      for (int note : it.notes) add += note_height(notes[static_cast<std::size_t>(note)], 0, notes[static_cast<std::size_t>(note)].lines.size());
      if (sep_needed) add += params.note_separator;
      if (used + h + nh + add > H && j > i) {
        // The line fits but its notes do not: split the notes when the page
        // would otherwise stay nearly empty, else break before it.
        if (!it.notes.empty() && used + h + nh + (sep_needed ? params.note_separator : 0) +
                                         notes[static_cast<std::size_t>(it.notes.front())].lines.front() <= H &&
            legal == 0) {
          split_note = true;
        } else {
          break;
        }
      }
      used += h;
      if (split_note || (j == i && used + nh + add > H && !it.notes.empty())) {
        // Place as many note lines as fit; the rest continue on the next page.
        double room = H - used - nh - (sep_needed ? params.note_separator : 0);
        if (sep_needed) nh += params.note_separator;
        place_split_notes(it, notes, room, nh, page, split_carry);
        have_notes = true;
        ++j;
        legal = j;
        split_note = true;
        break;
      }
      nh += add;
      if (!it.notes.empty()) have_notes = true;
      ++j;
      if (j == n || !it.keep_with_next || items[j].page_before) legal = j;
    }
    std::size_t end = j;
    if (j < n && !items[j].page_before && legal > i) end = legal;
    if (end == i) end = i + 1;  // an item taller than the page: alone on its page
    page.end = end;
    // Order: parts carried in, whole notes of the page's lines, then a split note.
    std::vector<NotePart> split_parts;
    if (split_note) {
      for (auto& c : split_carry) carry.push_back(c);
      split_parts.assign(page.notes.begin() + static_cast<long>(carried_count), page.notes.end());
    }
    page.notes.resize(carried_count);
    for (std::size_t k = i; k < end - (split_note ? 1 : 0); ++k)
      for (int note : items[k].notes)
        page.notes.push_back(NotePart{note, 0, notes[static_cast<std::size_t>(note)].lines.size()});
    page.notes.insert(page.notes.end(), split_parts.begin(), split_parts.end());
    pages.push_back(std::move(page));
    i = end;
  }
  return pages;
}

}  // namespace galley::layout
