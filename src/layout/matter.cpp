// Front and back matter: title page, contents, matter flows.
#include "layout/builder.hpp"

namespace galley::layout::detail {

void Builder::text_block(Flow& flow, const std::string& text, Face face, double size, int align, const std::string& tag,
                double space_before, bool page_before, bool keep) {
  std::vector<Span> spans{Span{text, sid(face, size), -1, -1, false, false, 0}};
  ParaOpts o;
  o.justify = false;
  o.align = align;
  o.leading = std::max(1.15, st_.leading * 0.95);
  o.path = {StructTag{tag, next_id()}};
  std::vector<LineBox> lines;
  std::vector<std::vector<int>> notes;
  set_paragraph(spans, o, lines, notes);
  add_lines(flow, lines, notes, space_before, keep, page_before);
}
}  // namespace galley::layout::detail
