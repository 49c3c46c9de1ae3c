// The builder: a document's blocks as a flow of line boxes (private to
// src/layout). Its members live by concern: builder.cpp (caches, inlines,
// paragraphs), blocks.cpp, tables.cpp, notes.cpp, matter.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "doc/document.hpp"
#include "doc/sections.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/itemize.hpp"
#include "layout/layout.hpp"
#include "layout/paginate.hpp"
#include "layout/paragraph.hpp"

namespace galley::layout::detail {

struct LineBox {
  double height = 0;
  bool rtl = false;                  // a right-to-left line: it starts at the right
  double ascent = 0;                 // baseline below the box top
  std::vector<Run> runs;             // x from the text block's left, y from the baseline
  std::vector<Rule> rules;           // x from the text block's left, y from the box top
  std::vector<Picture> pictures;     // likewise
  std::vector<StructTag> path;
  std::vector<StructTag> cells;
  std::vector<std::string> dests;    // named destinations at this line
  std::size_t block = static_cast<std::size_t>(-1);
  std::size_t offset = 0;
  int section = -1;
};

struct Flow {
  std::vector<LineBox> boxes;
  std::vector<VItem> items;
  std::vector<int> repeat;  // per item: index of a table header row to repeat, -1
  void push(LineBox&& b, VItem&& v, int rep = -1) {
    boxes.push_back(std::move(b));
    items.push_back(std::move(v));
    repeat.push_back(rep);
  }
};

struct Span {
  std::string text;
  int style = 0;
  int link = -1;
  int note = -1;          // footnote index (0-based in doc.footnotes) for a reference mark
  bool code = false;
  bool hard_break = false;
  std::size_t plain = 0;  // offset of text[0] in doc::plain_text of the inlines
};

struct ParaOpts {
  double left = 0, right = 0;  // from the text block's edges
  double indent = 0;           // first line
  bool justify = true;
  bool hyphenate = true;
  int align = 0;               // 0 justified/left, 1 center, 2 right
  double leading = 1.25;
  std::vector<StructTag> path;
  std::size_t block = static_cast<std::size_t>(-1);
  double max_width = 0;        // 0: the text block
  // Lines of about equal length (a heading or title over a few lines, as CSS
  // text-wrap: balance): no last line of one word or one character.
  bool balance = false;
};

struct Ctx {
  double left = 0, right = 0;
  bool italic = false;
  double size = 10;
  std::vector<StructTag> path;
  bool no_indent = true;
  std::size_t block = static_cast<std::size_t>(-1);
  int list_depth = 0;
  bool in_note = false;
};

inline Face face_of(bool bold, bool italic, bool mono) {
  if (mono) return bold ? Face::MonoBold : Face::Mono;
  if (bold) return italic ? Face::BoldItalic : Face::Bold;
  return italic ? Face::Italic : Face::Regular;
}

struct TableGrid;  // tables.cpp

class Builder {
 public:
  Builder(const doc::Document& doc, const Style& st, FontSystem& fonts, const Hyphenator& hyph, Diagnostics& diag,
          std::vector<LinkTarget>& links)
      : doc_(doc), st_(st), fonts_(fonts), hyph_(hyph), diag_(diag), links_(links) {
    width_ = st.page_width - st.margins.inner - st.margins.outer;
    height_ = st.page_height - st.margins.top - st.margins.bottom;
    line_ = st.font_size * st.leading;
    for (std::size_t i = 0; i < doc.footnotes.size(); ++i) note_index_[doc.footnotes[i].id] = static_cast<int>(i);
  }

  double width() const { return width_; }
  double height() const { return height_; }
  double line() const { return line_; }

  int sid(Face f, double size, double rise = 0);
  // Shaping through a cache of this builder's own, so the shared (locked)
  // cache is asked once per word and thread.
  const Shaped& shape(int style, std::string_view text);
  const FontMetrics& metrics(int style);
  int next_id() { return ++tag_id_; }

  // The paragraph items see fonts through this builder's caches.
  class BuilderMeasurer : public Measurer {
   public:
    explicit BuilderMeasurer(Builder& b) : b_(b) {}
    const Shaped& shape(int style, std::string_view text) override { return b_.shape(style, text); }
    FontMetrics metrics(int style) override { return b_.metrics(style); }

   private:
    Builder& b_;
  };

  // ---------------------------------------------------------- inlines and paragraphs (builder.cpp)
  void flatten(const doc::Inlines& in, bool bold, bool italic, int link, double size, std::vector<Span>& out,
               std::size_t& plain);
  // Sets spans as lines of `measure` width; returns the line boxes and each
  // line's footnotes.
  void set_paragraph(const std::vector<Span>& spans, const ParaOpts& o, std::vector<LineBox>& lines,
                     std::vector<std::vector<int>>& line_notes, std::vector<std::string>* first_dests = nullptr);
  // One line of a paragraph: its pieces shaped, justified to `target` (or
  // aligned), in visual order; notes: the footnotes referenced on it.
  LineBox line_box(const std::vector<Span>& spans, const ParaOpts& o, const std::vector<ParaFrag>& frags,
                   const std::vector<LinePiece>& pieces, bool first, bool last_line, double target,
                   const BidiLevels& bidi, std::vector<int>& notes);
  // Adds a paragraph's lines to the flow with widow and orphan control.
  void add_lines(Flow& flow, std::vector<LineBox>& lines, std::vector<std::vector<int>>& notes, double space_before,
                 bool keep_all, bool page_before = false);

  // ---------------------------------------------------------- blocks (blocks.cpp)
  void blocks(Flow& flow, const doc::Blocks& bs, Ctx& ctx);
  void block(Flow& flow, const doc::Block& b, Ctx& ctx);
  void paragraph_lines(Flow& flow, const doc::Inlines& content, Ctx& ctx, const std::string& tag, double indent,
                       const std::vector<Span>* marker = nullptr);
  void add_marker(LineBox& box, const std::vector<Span>& marker, double left);
  double take_space();
  bool take_page();
  void want_space(double s) { pending_space_ = std::max(pending_space_, s); }
  void heading(Flow& flow, const doc::Heading& h, Ctx& ctx);
  void list(Flow& flow, const doc::List& l, Ctx& ctx);
  void code(Flow& flow, const doc::CodeBlock& c, Ctx& ctx);
  // A table's or figure's caption: small italic, centred, tagged Caption.
  void caption_lines(Flow& flow, const doc::Inlines& caption, const Ctx& ctx, const std::vector<StructTag>& path,
                     bool keep_all);
  void figure(Flow& flow, const doc::Figure& f, Ctx& ctx);

  // ---------------------------------------------------------- tables (tables.cpp)
  void table(Flow& flow, const doc::Table& t, Ctx& ctx);
  void cell_spans(const doc::TableCell& cell, bool head, double size, std::vector<Span>& spans);
  // One line's width (line_w) and the longest word's (word_w) of a cell's spans.
  void measure_cell(const std::vector<Span>& spans, double& line_w, double& word_w);
  void table_widths(TableGrid& g);
  void table_row(Flow& flow, TableGrid& g, const doc::TableRow& r, bool head, bool last);
  void row_pieces(Flow& flow, TableGrid& g, const std::vector<std::vector<LineBox>>& cell_lines,
                  const std::vector<StructTag>& row_path, double height, bool head, bool last);

  // ---------------------------------------------------------- notes (notes.cpp)
  // A footnote's lines at the small size, its number hanging.
  void note_lines(const doc::Footnote& fn, std::vector<LineBox>& out);

  // ---------------------------------------------------------- simple lines (matter.cpp)
  // One centered or left line block of text (title page, TOC heading...).
  void text_block(Flow& flow, const std::string& text, Face face, double size, int align, const std::string& tag,
                  double space_before, bool page_before = false, bool keep = false);

  // A new part (a body section, or front or back matter: -1) whose
  // shallowest heading level is `top`.
  void set_section(int s, int top) {
    section_ = s;
    levels_ = doc::HeadingLevels(top);
  }
  void want_page() { pending_page_ = true; }

  // The run sets where a section's blocks start and the tag numbers of a
  // streamed group's builders.
  friend class BookLayout;

 private:
  double pending_space_ = 0;
  bool pending_page_ = false;
  int section_ = -1;
  doc::HeadingLevels levels_{1};  // PDF heading tags at the EPUB's levels
  std::vector<int> used_notes_;
  std::size_t top_block_base_ = 0;
  const std::vector<Span>* marker_ = nullptr;

  const doc::Document& doc_;
  const Style& st_;
  FontSystem& fonts_;
  const Hyphenator& hyph_;
  Diagnostics& diag_;
  std::vector<LinkTarget>& links_;
  double width_ = 0, height_ = 0, line_ = 0;
  int tag_id_ = 0;
  std::unordered_map<int, FontMetrics> metrics_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::unordered_map<std::string_view, const Shaped*, Hash, std::equal_to<>>> local_;
  std::vector<std::pair<StyleSpec, int>> sid_cache_;
  std::unordered_map<std::string, int> note_index_;
};

}  // namespace galley::layout::detail
