// Footnotes as line boxes.
#include "layout/builder.hpp"

namespace galley::layout::detail {

void Builder::note_lines(const doc::Footnote& fn, std::vector<LineBox>& out) {
  Flow f;
  Ctx c;
  c.size = st_.font_size * st_.small_size;
  c.left = c.size * 1.5;
  c.path = {StructTag{"Note", next_id()}};
  c.block = static_cast<std::size_t>(-1);
  c.in_note = true;
  std::vector<Span> marker{Span{std::to_string(fn.number) + ".", sid(Face::Regular, c.size), -1, -1, false, false, 0}};
  links_.push_back(LinkTarget{"fnref-" + std::to_string(fn.number), ""});
  marker[0].link = static_cast<int>(links_.size() - 1);
  const double saved_space = pending_space_;
  const bool saved_page = pending_page_;
  pending_space_ = 0;
  pending_page_ = false;
  const auto saved_used = used_notes_.size();
  marker_ = &marker;
  for (const auto& b : fn.content) block(f, b, c);
  if (marker_ || f.boxes.empty()) {
    marker_ = nullptr;
    LineBox b;
    b.height = c.size * st_.leading;
    b.ascent = b.height * 0.78;
    b.path = c.path;
    if (f.boxes.empty()) {
      add_marker(b, marker, c.left);
      f.boxes.push_back(std::move(b));
    } else {
      add_marker(f.boxes.front(), marker, c.left);
    }
  }
  used_notes_.resize(saved_used);  // notes inside notes are not placed again
  pending_space_ = saved_space;
  pending_page_ = saved_page;
  if (!f.boxes.empty()) f.boxes.front().dests.push_back("fn-" + std::to_string(fn.number));
  for (auto& b : f.boxes) {
    b.block = static_cast<std::size_t>(-1);
    out.push_back(std::move(b));
  }
}
}  // namespace galley::layout::detail
