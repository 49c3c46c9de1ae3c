// Tables: column widths from content, rows cut to fit a page, a single
// header row repeated.
#include "layout/builder.hpp"

#include <algorithm>

namespace galley::layout::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

// A table being set: its columns and where its rows stand.
struct TableGrid {
  const doc::Table* t = nullptr;
  std::size_t cols = 0;
  double size = 0, pad = 0, measure = 0;
  std::vector<double> widths;
  double total = 0, x0 = 0;
  bool rtl_doc = false;
  std::vector<StructTag> path;
  std::size_t block = static_cast<std::size_t>(-1);
  int header_item = -1;  // the flow item of a header row to repeat
  bool first_row = true;
};

void Builder::table(Flow& flow, const doc::Table& t, Ctx& ctx) {
  TableGrid g;
  g.t = &t;
  g.cols = t.align.size();
  for (const auto* rows : {&t.head, &t.body})
    for (const auto& r : *rows) g.cols = std::max(g.cols, r.cells.size());
  if (g.cols == 0) return;
  g.size = ctx.size * 0.9;
  g.pad = g.size * 0.5;
  g.measure = width_ - ctx.left - ctx.right;
  table_widths(g);
  g.x0 = ctx.left + std::max(0.0, (g.measure - g.total) / 2);
  g.rtl_doc = rtl_language(doc_.metadata.language);
  g.path = ctx.path;
  g.path.push_back(StructTag{"Table", next_id()});
  g.block = ctx.block;
  want_space(line_ * 0.5);
  for (std::size_t i = 0; i < t.head.size(); ++i) table_row(flow, g, t.head[i], true, false);
  if (t.head.size() > 1) g.header_item = -1;  // repeat only a single header row
  for (std::size_t i = 0; i < t.body.size(); ++i) table_row(flow, g, t.body[i], false, i + 1 == t.body.size());
  if (!t.caption.empty()) caption_lines(flow, t.caption, ctx, g.path, false);
  want_space(line_ * 0.5);
  ctx.no_indent = true;
}

void Builder::cell_spans(const doc::TableCell& cell, bool head, double size, std::vector<Span>& spans) {
  std::size_t plain = 0;
  flatten(cell.content, head, false, -1, size, spans, plain);
}

void Builder::measure_cell(const std::vector<Span>& spans, double& line_w, double& word_w) {
  double cur = 0;
  for (const Span& s : spans) {
    std::size_t i = 0;
    while (i < s.text.size()) {
      std::size_t j = i;
      while (j < s.text.size() && !is_space(s.text[j])) ++j;
      if (j > i) {
        const double w = shape(s.style, std::string_view(s.text).substr(i, j - i)).width;
        cur += w;
        line_w += w;
      }
      if (j < s.text.size()) {
        line_w += metrics(s.style).space * ParaSettings().space;  // the word space paragraphs set
        word_w = std::max(word_w, cur);
        cur = 0;
      }
      i = j + 1;
    }
  }
  word_w = std::max(word_w, cur);
}

// Column widths from content: natural (one line) and minimum (longest word),
// shrunk towards the minimum when the natural widths exceed the measure.
void Builder::table_widths(TableGrid& g) {
  const doc::Table& t = *g.t;
  const std::size_t cols = g.cols;
  const double pad = g.pad, measure = g.measure;
  std::vector<double> natural(cols, pad * 2), minimum(cols, pad * 2);
  for (const auto* rows : {&t.head, &t.body})
    for (const auto& r : *rows)
      for (std::size_t c = 0; c < r.cells.size(); ++c) {
        std::vector<Span> spans;
        cell_spans(r.cells[c], rows == &t.head, g.size, spans);
        double line_w = 0, word_w = 0;
        measure_cell(spans, line_w, word_w);
        natural[c] = std::max(natural[c], line_w + pad * 2);
        minimum[c] = std::max(minimum[c], std::min(word_w, measure / static_cast<double>(cols)) + pad * 2);
      }
  std::vector<double> widths = natural;
  double total = 0;
  for (double w : natural) total += w;
  if (total > measure) {
    double min_total = 0;
    for (double w : minimum) min_total += w;
    if (min_total >= measure) {
      for (std::size_t c = 0; c < cols; ++c) widths[c] = measure * minimum[c] / min_total;
    } else {
      const double extra = measure - min_total;
      double want = 0;
      for (std::size_t c = 0; c < cols; ++c) want += natural[c] - minimum[c];
      for (std::size_t c = 0; c < cols; ++c)
        widths[c] = minimum[c] + (want > 0 ? extra * (natural[c] - minimum[c]) / want : 0);
    }
    total = measure;
  }
  g.widths = std::move(widths);
  g.total = total;
}

void Builder::table_row(Flow& flow, TableGrid& g, const doc::TableRow& r, bool head, bool last) {
  std::vector<StructTag> row_path = g.path;
  row_path.push_back(StructTag{"TR", next_id()});
  double height = 0;
  std::vector<std::vector<LineBox>> cell_lines(g.cols);
  for (std::size_t c = 0; c < g.cols; ++c) {
    if (c < r.cells.size()) {
      std::vector<Span> spans;
      cell_spans(r.cells[c], head, g.size, spans);
      ParaOpts o;
      o.max_width = g.widths[c];
      o.left = g.pad;
      o.right = g.pad;
      o.justify = false;
      o.hyphenate = st_.hyphenate;
      const doc::Align al = c < g.t->align.size() ? g.t->align[c] : doc::Align::Default;
      o.align = al == doc::Align::Center ? 1 : al == doc::Align::Right ? 2 : 0;
      o.leading = st_.leading;
      std::vector<std::vector<int>> notes;
      set_paragraph(spans, o, cell_lines[c], notes);
    }
    double h = 0;
    for (const auto& lb : cell_lines[c]) h += lb.height;
    height = std::max(height, h);
  }
  row_pieces(flow, g, cell_lines, row_path, height, head, last);
  g.first_row = false;
  if (head) g.header_item = static_cast<int>(flow.items.size() - 1);
}

// A row taller than a page is cut into pieces that each fit (with the
// repeated header above them): each piece takes the next lines of every
// cell. Text is never pushed off the page.
void Builder::row_pieces(Flow& flow, TableGrid& g, const std::vector<std::vector<LineBox>>& cell_lines,
                         const std::vector<StructTag>& row_path, double height, bool head, bool last) {
  const std::size_t cols = g.cols;
  const double pad = g.pad, x0 = g.x0, total = g.total;
  const double header_h = g.header_item >= 0 ? flow.items[static_cast<std::size_t>(g.header_item)].height : 0;
  const double limit = std::max(line_ * 2, height_ * 0.9 - header_h) - pad;
  std::vector<std::size_t> next(cols, 0);
  bool first_piece = true;
  while (true) {
    std::vector<std::pair<std::size_t, std::size_t>> take(cols);
    double piece_h = 0;
    bool remaining = false;
    for (std::size_t c = 0; c < cols; ++c) {
      const auto& lines = cell_lines[c];
      std::size_t k = next[c];
      double h = 0;
      // At least one line per piece, so every piece makes progress.
      while (k < lines.size() && (h + lines[k].height <= limit || k == next[c])) h += lines[k++].height;
      take[c] = {next[c], k};
      next[c] = k;
      piece_h = std::max(piece_h, h);
      remaining = remaining || k < lines.size();
    }
    const bool last_piece = !remaining;
    LineBox piece;
    piece.path = row_path;
    piece.block = g.block;
    const double piece_height = (first_piece && last_piece ? height : piece_h) + pad;
    // Columns run from the start side: right to left in a right-to-left document (as its EPUB).
    double x = g.rtl_doc ? x0 + total : x0;
    for (std::size_t c = 0; c < cols; ++c) {
      if (g.rtl_doc) x -= g.widths[c];
      const int cell = static_cast<int>(piece.cells.size());
      piece.cells.push_back(StructTag{head ? "TH" : "TD", next_id()});
      double y = pad / 2;
      for (std::size_t k = take[c].first; k < take[c].second; ++k) {
        const LineBox& lb = cell_lines[c][k];
        for (Run run : lb.runs) {
          run.x += static_cast<float>(x);
          run.y += static_cast<float>(y + lb.ascent);
          run.cell = cell;
          piece.runs.push_back(run);
        }
        y += lb.height;
      }
      if (!g.rtl_doc) x += g.widths[c];
    }
    // Runs above use y from the box top: convert to baseline-relative later via ascent 0.
    piece.ascent = 0;
    piece.height = piece_height;
    if (g.first_row && first_piece)
      piece.rules.push_back(Rule{static_cast<float>(x0), 0, static_cast<float>(x0 + total), 0, 0.8f});
    if ((head || last) && last_piece)
      piece.rules.push_back(Rule{static_cast<float>(x0), static_cast<float>(piece_height),
                                 static_cast<float>(x0 + total), static_cast<float>(piece_height),
                                 head ? 0.5f : 0.8f});
    VItem v;
    v.height = piece_height;
    v.space_before = g.first_row && first_piece ? take_space() : 0;
    v.page_before = g.first_row && first_piece && take_page();
    v.keep_with_next = head;
    piece.section = section_;
    const int rep = head ? -1 : g.header_item;
    flow.push(std::move(piece), std::move(v), rep);
    first_piece = false;
    if (last_piece) break;
  }
}

}  // namespace galley::layout::detail
