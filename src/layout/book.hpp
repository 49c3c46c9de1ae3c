// One run of lay_out: a document's parts built, paginated and assembled as
// pages (private to src/layout). The body is paginated one way whether it
// comes as one flow (in reading order) or as groups of chapters streamed to
// a painter: body pages first, then back matter, then the front matter
// (whose contents need the body's page numbers) put before them. An article
// (style without chapter_new_page) runs on instead: its title block, front
// matter, body and back matter are one flow, and it has no front pages
// unless its style asks for a title page or printed contents.
// layout.cpp: the run and body pages; matter.cpp: front and back matter;
// streamed.cpp: a book laid out group by group while it is painted.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "layout/assemble.hpp"
#include "layout/builder.hpp"

namespace galley::layout::detail {

struct ChapterGroup;

class BookLayout {
 public:
  BookLayout(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag, PagedDocument& out,
             FontSystem& fonts, const Hyphenator& hyph);
  void run();

 private:
  using DestPages = std::unordered_map<std::string, int>;  // id -> body page number (1-based)

  // layout.cpp
  void lay_out_in_order();
  void build_sections(Builder& bb, Flow& flow, std::size_t s_begin, std::size_t s_end);
  void build_notes();
  // The notes after the text, under a heading, instead of at page feet.
  void end_notes(Flow& flow);
  void keep_first_references(Flow& flow);
  // Paginates a part of the body (following `body_pages_` pages), places it,
  // numbers its pages and gives them running heads; returns the pages.
  std::vector<const Page*> place_body(Flow& flow, DestPages& dest_page);
  void add_head(Page& page, bool recto, bool opening, int section);
  const Shaped& running_head(const std::string& head);

  // matter.cpp
  Flow matter_flow(const doc::Blocks& blocks);
  // Front or back matter running on in `flow` (an article), in the small type.
  void run_on_matter(Flow& flow, const doc::Blocks& blocks);
  // Title, subtitle, authors and imprint, large (a title page) or not.
  void title_lines(Flow& flow, bool page);
  // The title lines opening the body's first page.
  void title_block(Flow& flow);
  // Back matter after the body, numbered on from it, with running heads.
  std::vector<const Page*> place_back_matter();
  // The front (title page, front matter, contents) put before the body.
  std::vector<const Page*> place_front(const DestPages& dest_page);
  void build_front(PagedDocument& fd, const DestPages& dest_page);
  void title_page(Assembler& fa, PagedDocument& fd);
  void contents(Assembler& fa, PagedDocument& fd, const DestPages& dest_page);

  // streamed.cpp
  void lay_out_streamed();
  // Lays out the groups of chapters on this thread and the painter's, each
  // handed over (placed and published) in order.
  void build_groups(std::vector<ChapterGroup>& built, DestPages& dest_page);
  void hand_over(ChapterGroup& g, DestPages& dest_page);

  const doc::Document& doc_;
  const LayoutInput& input_;
  const Style& st_;
  Diagnostics& diag_;
  PagedDocument& out_;
  FontSystem& fonts_;
  const Hyphenator& hyph_;
  Builder b_;
  Assembler asmb_;
  double line_ = 0, H_ = 0, note_sep_ = 0, text_w_ = 0;
  bool chapters_ = false;
  const int body_top_ = doc::top_heading_level(doc_.body);  // for the PDF's heading tag levels
  int rh_style_ = -1, folio_style_ = -1;
  std::unordered_map<std::string, const Shaped*> heads_;  // running heads as set, by their full text
  std::vector<VNote> no_notes_;
  std::vector<LineBox> no_boxes_;
  std::vector<std::size_t> no_first_;
  // Footnotes (those referenced from the body), as line boxes.
  std::vector<LineBox> note_boxes_;
  std::vector<std::size_t> note_first_;
  std::vector<VNote> vnotes_;
  std::vector<bool> seen_;  // notes placed already (at their first reference)
  std::size_t body_pages_ = 0;
  std::size_t title_end_ = 0;  // items of the title block at the start of the body flow
};

}  // namespace galley::layout::detail
