// Front and back matter: title page, contents, matter flows.
#include "layout/book.hpp"

#include <algorithm>

#include "doc/labels.hpp"
#include "doc/sections.hpp"

namespace galley::layout::detail {

void Builder::text_block(Flow& flow, const std::string& text, Face face, double size, int align, const std::string& tag,
                         double space_before, bool page_before, bool keep) {
  std::vector<Span> spans{Span{text, sid(face, size), -1, -1, false, false, 0}};
  ParaOpts o;
  o.justify = false;
  o.balance = true;
  o.align = align;
  o.leading = std::max(1.15, st_.leading * 0.95);
  o.path = {StructTag{tag, next_id()}};
  std::vector<LineBox> lines;
  std::vector<std::vector<int>> notes;
  set_paragraph(spans, o, lines, notes);
  add_lines(flow, lines, notes, space_before, keep, page_before);
}
// Front or back matter as a flow of its own, in the small type, on a new page.
Flow BookLayout::matter_flow(const doc::Blocks& blocks) {
  Flow flow;
  b_.set_section(-1, doc::top_heading_level(blocks));
  b_.want_page();
  Ctx ctx;
  ctx.size = st_.font_size * st_.small_size;
  for (const auto& blk : blocks) b_.block(flow, blk, ctx);
  return flow;
}

// An article's matter runs on after a blank line.
void BookLayout::run_on_matter(Flow& flow, const doc::Blocks& blocks) {
  if (blocks.empty()) return;
  b_.set_section(-1, doc::top_heading_level(blocks));
  if (flow.items.empty()) b_.want_page();
  b_.want_space(line_);
  Ctx ctx;
  ctx.size = st_.font_size * st_.small_size;
  for (const auto& blk : blocks) b_.block(flow, blk, ctx);
}

void BookLayout::end_notes(Flow& flow) {
  for (auto& it : flow.items) it.notes.clear();
  if (note_boxes_.empty()) return;
  // Headed like the body's top-level sections.
  const HeadingStyle& hs = st_.headings[std::clamp(body_top_, 1, 6) - 1];
  b_.set_section(-1, 1);
  b_.text_block(flow, doc::labels_for(doc_.metadata.language).notes, face_of(hs.bold, hs.italic, false),
                st_.font_size * hs.size, hs.center ? 1 : 0, "H1", std::max(b_.take_space(), hs.space_before * line_),
                false, true);
  for (std::size_t i = 0; i < doc_.footnotes.size(); ++i) {
    const std::size_t end = i + 1 < note_first_.size() ? note_first_[i + 1] : note_boxes_.size();
    for (std::size_t k = note_first_[i]; k < end; ++k) {
      VItem v;
      v.height = note_boxes_[k].height;
      v.space_before = k == note_first_[i] ? line_ * (i == 0 ? hs.space_after : 0.25) : 0;
      LineBox box = note_boxes_[k];
      box.section = -1;  // running head: the title
      flow.push(std::move(box), std::move(v));
    }
  }
}

std::vector<const Page*> BookLayout::place_back_matter() {
  const std::size_t first = out_.pages.size();
  std::vector<const Page*> handed;
  if (doc_.back_matter.empty() || !st_.chapter_new_page) return handed;
  Flow back = matter_flow(doc_.back_matter);
  auto slices = paginate_flow(back, no_notes_, H_, note_sep_);
  asmb_.place(back, slices, no_boxes_, no_first_);
  for (std::size_t i = first; i < out_.pages.size(); ++i) {
    out_.pages[i].label = std::to_string(i - out_.body_first_page + 1);
    add_head(out_.pages[i], i % 2 == 0, i == first, -1);
    handed.push_back(&out_.pages[i]);
  }
  return handed;
}

std::vector<const Page*> BookLayout::place_front(const DestPages& dest_page) {
  PagedDocument fd;
  build_front(fd, dest_page);
  const std::size_t front_pages = fd.pages.size();
  for (auto it = fd.pages.rbegin(); it != fd.pages.rend(); ++it) out_.pages.push_front(std::move(*it));
  out_.body_first_page = front_pages;
  for (auto& ps : out_.page_starts) ps.page_index += front_pages;
  std::vector<const Page*> handed;
  for (std::size_t i = 0; i < front_pages; ++i) handed.push_back(&out_.pages[i]);
  return handed;
}

// Title page, front matter, contents, as pages of their own (an even number,
// so body pages keep their sides whatever the front holds).
void BookLayout::build_front(PagedDocument& fd, const DestPages& dest_page) {
  Assembler fa(st_, fd);
  if (st_.title_page) title_page(fa, fd);
  if (!doc_.front_matter.empty() && st_.chapter_new_page) {
    Flow front = matter_flow(doc_.front_matter);
    auto slices = paginate_flow(front, no_notes_, H_, note_sep_);
    if (fd.pages.size() % 2) fd.pages.emplace_back();
    fa.place(front, slices, no_boxes_, no_first_);
  }
  contents(fa, fd, dest_page);
  if (fd.pages.size() % 2) fd.pages.emplace_back();
  for (std::size_t i = 0; i < fd.pages.size(); ++i) fd.pages[i].label = roman(static_cast<int>(i + 1));
}

void BookLayout::title_lines(Flow& flow, bool page) {
  const auto& m = doc_.metadata;
  const double fs = st_.font_size;
  b_.text_block(flow, m.title.empty() ? "Untitled" : m.title, Face::Regular, fs * (page ? 2.2 : 1.9), 1, "H1", 0,
                !page, true);
  if (!m.subtitle.empty())
    b_.text_block(flow, m.subtitle, Face::Italic, fs * (page ? 1.3 : 1.2), 1, "P", line_ * (page ? 1 : 0.4), false, true);
  std::string authors;
  for (std::size_t i = 0; i < m.authors.size(); ++i) authors += (i ? ", " : "") + m.authors[i];
  if (!authors.empty())
    b_.text_block(flow, authors, Face::Regular, fs * (page ? 1.3 : 1.05), 1, "P", line_ * (page ? 3 : 1), false, true);
  std::string imprint = m.publisher;
  if (!m.date.empty()) imprint += (imprint.empty() ? "" : " \u00b7 ") + m.date;
  if (!imprint.empty())
    b_.text_block(flow, imprint, Face::Regular, fs * 0.9, 1, "P", line_ * (page ? 4 : 0.4), false, true);
}

void BookLayout::title_page(Assembler& fa, PagedDocument& fd) {
  Flow title;
  title_lines(title, true);
  for (auto& it : title.items) it.keep_with_next = false;
  PaginateParams pp;
  pp.page_height = H_;
  auto slices = paginate(title.items, no_notes_, pp);
  fa.place(title, slices, no_boxes_, no_first_, true);
  // Verso of the title page: empty.
  fd.pages.emplace_back();
}

// Kept with the text's first lines; the text starts two lines below.
void BookLayout::title_block(Flow& flow) {
  b_.set_section(-1, 1);
  title_lines(flow, false);
  b_.want_space(line_ * 2);
}

namespace {

// How the printed contents' entries look: dot leaders, page numbers.
struct TocLook {
  int toc_id = 0;
  int entry_style = 0;
  const Shaped* dot = nullptr;
  double gap = 0, step = 0, num_w = 0;
};

// Dot leaders and the page number on an entry's last line.
void lead_to_number(LineBox& last, const TocLook& k, const Shaped& numsh, double left, double width, int link) {
  std::vector<double> xs;
  double num_x = 0;
  if (last.rtl) {
    // Right to left: the number at the left, dots from it to the text.
    double text_x = width - left;
    for (const Run& run : last.runs) text_x = std::min(text_x, static_cast<double>(run.x));
    for (double x = numsh.width + k.gap; x + k.dot->width <= text_x - k.gap; x += k.step) xs.push_back(x);
    std::reverse(xs.begin(), xs.end());
  } else {
    double end_x = left;
    if (!last.runs.empty()) end_x = last.runs.back().x + last.runs.back().shaped->width;
    num_x = width - numsh.width;
    // Dots right-aligned to the number, spaced like the text's word spaces.
    for (double x = num_x - k.gap - k.dot->width; x >= end_x + k.gap; x -= k.step) xs.push_back(x);
  }
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
    Run r;
    r.shaped = k.dot;
    r.x = static_cast<float>(*it);
    r.link = link;
    last.runs.push_back(r);
  }
  Run r;
  r.shaped = &numsh;
  r.x = static_cast<float>(num_x);
  r.link = link;
  last.runs.push_back(r);
}

}  // namespace

void BookLayout::contents(Assembler& fa, PagedDocument& fd, const DestPages& dest_page) {
  const auto flat = doc::flatten(doc_.toc);
  if (!st_.print_toc || flat.empty()) return;
  Flow toc;
  b_.text_block(toc, doc::labels_for(doc_.metadata.language).contents, Face::Regular,
                st_.font_size * st_.headings[0].size, 1, "H1", 0, true, true);
  toc.items.back().keep_with_next = false;
  toc.boxes.back().path = {StructTag{"TOC", 0}, toc.boxes.back().path.front()};
  TocLook k;
  k.toc_id = b_.next_id();
  k.entry_style = b_.sid(Face::Regular, st_.font_size);
  k.dot = &fonts_.shape(k.entry_style, ".");
  k.gap = b_.metrics(k.entry_style).space * 1.15;
  k.step = k.dot->width + k.gap;
  k.num_w = fonts_.shape(k.entry_style, "0000").width;
  bool first = true;
  for (const doc::TocEntry* e : flat) {
    const auto found = dest_page.find(e->id);
    const int page = found != dest_page.end() ? found->second : 0;
    const std::string num = page > 0 ? std::to_string(page) : "";
    out_.links.push_back(LinkTarget{e->id, ""});
    const int link = static_cast<int>(out_.links.size() - 1);
    std::vector<Span> spans{Span{e->text.empty() ? "\u2014" : e->text, k.entry_style, link, -1, false, false, 0}};
    ParaOpts o;
    o.left = (std::clamp(e->level, 1, 6) - 1) * st_.font_size * 1.5;
    o.right = k.num_w + k.step * 2;
    o.justify = false;
    o.hyphenate = false;
    o.leading = st_.leading;
    o.path = {StructTag{"TOC", k.toc_id}, StructTag{"TOCI", b_.next_id()}};
    std::vector<LineBox> lines;
    std::vector<std::vector<int>> notes;
    b_.set_paragraph(spans, o, lines, notes);
    if (lines.empty()) continue;
    lead_to_number(lines.back(), k, fonts_.shape(k.entry_style, num), o.left, b_.width(), link);
    b_.add_lines(toc, lines, notes, first ? line_ * 2 : (e->level <= 1 ? line_ * 0.3 : 0), false);
    first = false;
  }
  auto slices = paginate_flow(toc, no_notes_, H_, note_sep_);
  if (fd.pages.size() % 2) fd.pages.emplace_back();
  fa.place(toc, slices, no_boxes_, no_first_);
}

}  // namespace galley::layout::detail
