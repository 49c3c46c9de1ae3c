// Tables: column widths from content, rows cut to fit a page, a single
// header row repeated.
#include "layout/builder.hpp"

#include <algorithm>

namespace galley::layout::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void Builder::table(Flow& flow, const doc::Table& t, Ctx& ctx) {
  std::size_t cols = t.align.size();
  for (const auto* rows : {&t.head, &t.body})
    for (const auto& r : *rows) cols = std::max(cols, r.cells.size());
  if (cols == 0) return;
  const double size = ctx.size * 0.9;
  const double pad = size * 0.5;
  const double measure = width_ - ctx.left - ctx.right;
  // Column widths from content: natural (one line) and minimum (longest word).
  std::vector<double> natural(cols, pad * 2), minimum(cols, pad * 2);
  auto cell_spans = [&](const doc::TableCell& cell, bool head, std::vector<Span>& spans) {
    std::size_t plain = 0;
    flatten(cell.content, head, false, -1, size, spans, plain);
  };
  for (const auto* rows : {&t.head, &t.body})
    for (const auto& r : *rows)
      for (std::size_t c = 0; c < r.cells.size(); ++c) {
        std::vector<Span> spans;
        cell_spans(r.cells[c], rows == &t.head, spans);
        double line_w = 0, word_w = 0, cur = 0;
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
  const double x0 = ctx.left + std::max(0.0, (measure - total) / 2);
  const bool rtl_doc = rtl_language(doc_.metadata.language);
  std::vector<StructTag> path = ctx.path;
  path.push_back(StructTag{"Table", next_id()});
  want_space(line_ * 0.5);
  int header_item = -1;
  bool first_row = true;
  auto row = [&](const doc::TableRow& r, bool head, bool last) {
    LineBox box;
    box.path = path;
    box.path.push_back(StructTag{"TR", next_id()});
    box.block = ctx.block;
    double height = 0;
    std::vector<std::vector<LineBox>> cell_lines(cols);
    for (std::size_t c = 0; c < cols; ++c) {
      if (c < r.cells.size()) {
        std::vector<Span> spans;
        cell_spans(r.cells[c], head, spans);
        ParaOpts o;
        o.max_width = widths[c];
        o.left = pad;
        o.right = pad;
        o.justify = false;
        o.hyphenate = st_.hyphenate;
        const doc::Align al = c < t.align.size() ? t.align[c] : doc::Align::Default;
        o.align = al == doc::Align::Center ? 1 : al == doc::Align::Right ? 2 : 0;
        o.leading = st_.leading;
        std::vector<std::vector<int>> notes;
        set_paragraph(spans, o, cell_lines[c], notes);
      }
      double h = 0;
      for (const auto& lb : cell_lines[c]) h += lb.height;
      height = std::max(height, h);
    }
    // A row taller than a page is cut into pieces that each fit (with the
    // repeated header above them): each piece takes the next lines of
    // every cell. Text is never pushed off the page.
    const double header_h = header_item >= 0 ? flow.items[static_cast<std::size_t>(header_item)].height : 0;
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
      piece.path = box.path;
      piece.block = box.block;
      const double piece_height = (first_piece && last_piece ? height : piece_h) + pad;
      // Columns run from the start side: right to left in a right-to-left document (as its EPUB).
      double x = rtl_doc ? x0 + total : x0;
      for (std::size_t c = 0; c < cols; ++c) {
        if (rtl_doc) x -= widths[c];
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
        if (!rtl_doc) x += widths[c];
      }
      // Runs above use y from the box top: convert to baseline-relative later via ascent 0.
      piece.ascent = 0;
      piece.height = piece_height;
      if (first_row && first_piece)
        piece.rules.push_back(Rule{static_cast<float>(x0), 0, static_cast<float>(x0 + total), 0, 0.8f});
      if ((head || last) && last_piece)
        piece.rules.push_back(Rule{static_cast<float>(x0), static_cast<float>(piece_height),
                                   static_cast<float>(x0 + total), static_cast<float>(piece_height),
                                   head ? 0.5f : 0.8f});
      VItem v;
      v.height = piece_height;
      v.space_before = first_row && first_piece ? take_space() : 0;
      v.page_before = first_row && first_piece && take_page();
      v.keep_with_next = head;
      piece.section = section_;
      const int rep = head ? -1 : header_item;
      flow.push(std::move(piece), std::move(v), rep);
      first_piece = false;
      if (last_piece) break;
    }
    first_row = false;
    if (head) header_item = static_cast<int>(flow.items.size() - 1);
  };
  for (std::size_t i = 0; i < t.head.size(); ++i) row(t.head[i], true, false);
  if (t.head.size() > 1) header_item = -1;  // repeat only a single header row
  for (std::size_t i = 0; i < t.body.size(); ++i) row(t.body[i], false, i + 1 == t.body.size());
  if (!t.caption.empty()) caption_lines(flow, t.caption, ctx, path, false);
  want_space(line_ * 0.5);
  ctx.no_indent = true;
}
}  // namespace galley::layout::detail
