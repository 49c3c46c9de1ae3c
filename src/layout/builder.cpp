// The builder's caches, inlines and paragraphs: spans set as justified,
// reordered line boxes.
#include "layout/builder.hpp"

#include <algorithm>

#include "layout/linebreak.hpp"
#include "layout/reorder.hpp"

namespace galley::layout::detail {

namespace {

// Stretch beyond this ratio leaves a line unjustified.
constexpr double kRaggedRatio = 4;

bool cjk_language(const std::string& lang) {
  const std::string l = lang.substr(0, 2);
  return l == "zh" || l == "ja" || l == "ko";
}

// The narrowest measure (to 1%) that sets the items in as many lines as
// `lb` does at full measure, and its breaks; only for a few ragged lines
// (each try is a pass of the line breaker).
LineBreaks balanced(const std::vector<Item>& items, const std::vector<double>& widths, const BreakParams& bp,
                    LineBreaks lb) {
  constexpr std::size_t kMaxBalancedLines = 6;
  const std::size_t lines = lb.breaks.size();
  if (lines < 2 || lines > kMaxBalancedLines || lb.pass == 3) return lb;
  double lo = 0.5, hi = 1.0;
  while (hi - lo > 0.01) {
    const double mid = (lo + hi) / 2;
    std::vector<double> narrow = widths;
    for (double& w : narrow) w *= mid;
    LineBreaks tried = break_lines(items, narrow, bp);
    if (tried.breaks.size() == lines && tried.pass != 3) {
      hi = mid;
      lb = std::move(tried);
    } else {
      lo = mid;
    }
  }
  return lb;
}

}  // namespace

int Builder::sid(Face f, double size, double rise) {
  for (const auto& [key, id] : sid_cache_)
    if (key.face == f && key.size == size && key.rise == rise) return id;
  const int id = fonts_.style_id(f, size, rise);
  sid_cache_.push_back({StyleSpec{f, size, rise}, id});
  return id;
}

const Shaped& Builder::shape(int style, std::string_view text) {
  if (static_cast<std::size_t>(style) >= local_.size()) local_.resize(static_cast<std::size_t>(style) + 1);
  auto& m = local_[static_cast<std::size_t>(style)];
  auto it = m.find(text);
  if (it != m.end()) return *it->second;
  const Shaped& sh = fonts_.shape(style, text);
  m.emplace(std::string_view(sh.text), &sh);
  return sh;
}

const FontMetrics& Builder::metrics(int style) {
  auto it = metrics_.find(style);
  if (it != metrics_.end()) return it->second;
  return metrics_.emplace(style, fonts_.metrics(style)).first->second;
}

void Builder::flatten(const doc::Inlines& in, bool bold, bool italic, int link, double size, std::vector<Span>& out,
                      std::size_t& plain) {
  for (const auto& inl : in) {
    std::visit(doc::overloaded{
                   [&](const doc::Text& t) {
                     out.push_back(Span{t.text, sid(face_of(bold, italic, false), size), link, -1, false, false, plain});
                     plain += t.text.size();
                   },
                   [&](const doc::Emphasis& e) { flatten(e.children, bold, !italic, link, size, out, plain); },
                   [&](const doc::Strong& s) { flatten(s.children, true, italic, link, size, out, plain); },
                   [&](const doc::Strikeout& s) { flatten(s.children, bold, italic, link, size, out, plain); },
                   [&](const doc::Code& c) {
                     out.push_back(Span{c.text, sid(face_of(bold, false, true), size * st_.code_size), link, -1, true,
                                        false, plain});
                     plain += c.text.size();
                   },
                   [&](const doc::Link& l) {
                     LinkTarget t;
                     if (!l.url.empty() && l.url[0] == '#') t.dest = l.url.substr(1);
                     else t.uri = l.url;
                     links_.push_back(t);
                     flatten(l.children, bold, italic, static_cast<int>(links_.size() - 1), size, out, plain);
                   },
                   [&](const doc::LineBreak&) {
                     Span s;
                     s.hard_break = true;
                     s.style = sid(face_of(bold, italic, false), size);
                     s.plain = plain;
                     out.push_back(s);
                     plain += 1;
                   },
                   [&](const doc::NoteRef& r) {
                     auto it = note_index_.find(r.id);
                     Span s;
                     s.text = std::to_string(r.number);
                     s.style = sid(Face::Regular, size * 0.65, size * 0.35);
                     s.plain = plain;
                     if (it != note_index_.end()) {
                       s.note = it->second;
                       links_.push_back(LinkTarget{"fn-" + std::to_string(r.number), ""});
                       s.link = static_cast<int>(links_.size() - 1);
                     }
                     out.push_back(s);
                   },
                   [&](const doc::Image& i) {
                     if (i.alt.empty()) return;
                     out.push_back(Span{i.alt, sid(face_of(bold, !italic, false), size), link, -1, false, false, plain});
                     plain += i.alt.size();
                   },
               },
               inl.node);
  }
}

void Builder::set_paragraph(const std::vector<Span>& spans, const ParaOpts& o, std::vector<LineBox>& lines,
                            std::vector<std::vector<int>>& line_notes, std::vector<std::string>* first_dests) {
  const double measure = std::max(20.0, (o.max_width > 0 ? o.max_width : width_) - o.left - o.right);
  // Bidi levels (itemize.hpp); lines are set left to right in logical
  // order, then their runs are put in visual order (reorder.hpp).
  std::vector<std::string_view> texts;
  texts.reserve(spans.size());
  for (const Span& sp : spans) texts.push_back(sp.text);
  const BidiLevels bidi = bidi_levels(texts, doc_.metadata.language);
  std::vector<ParaSpan> pspans;
  pspans.reserve(spans.size());
  for (const Span& sp : spans)
    pspans.push_back(ParaSpan{sp.text, sp.style, fonts_.style(sp.style).size, sp.code, sp.note >= 0, sp.hard_break});
  ParaSettings ps;
  ps.measure = measure;
  ps.hyphenate = o.hyphenate;
  // Latin margin kerning; Chinese and Japanese lines keep to the block.
  ps.hanging = o.justify && o.align == 0 && !cjk_language(doc_.metadata.language) && !bidi.rtl;
  ps.language = doc_.metadata.language;
  BuilderMeasurer bm(*this);
  ParaItems pi = build_items(pspans, bidi.levels, bm, hyph_, ps);
  std::vector<Item>& items = pi.items;

  std::vector<double> widths{measure - o.indent, measure};
  const BreakParams bp = default_break_params();
  if (!o.justify) {
    // Ragged: the same algorithm with generous stretch in every space.
    for (auto& it : items)
      if (it.type == ItemType::Glue && it.stretch < kFillStretch) {
        it.stretch = measure * 0.3;
        it.shrink = 0;
      }
  }
  LineBreaks lb = break_lines(items, widths, bp);
  if (o.balance) lb = balanced(items, widths, bp, std::move(lb));

  std::size_t start = 0;
  for (std::size_t l = 0; l < lb.breaks.size(); ++l) {
    const std::size_t brk = lb.breaks[l];
    while (start < brk && items[start].type != ItemType::Box) ++start;  // discardables at line start
    const bool last_line = l + 1 == lb.breaks.size() || pi.refs[brk].hard;
    const double target = (l == 0 ? measure - o.indent : measure) + (last_line ? 0 : items[brk].hang);
    std::vector<int> notes;
    LineBox box = line_box(spans, o, pi.frags, line_pieces(pi, start, brk), l == 0, last_line, target, bidi, notes);
    if (l == 0 && first_dests) box.dests.insert(box.dests.begin(), first_dests->begin(), first_dests->end());
    lines.push_back(std::move(box));
    line_notes.push_back(std::move(notes));
    start = brk + 1;
  }
}

LineBox Builder::line_box(const std::vector<Span>& spans, const ParaOpts& o, const std::vector<ParaFrag>& frags,
                          const std::vector<LinePiece>& pieces, bool first, bool last_line, double target,
                          const BidiLevels& bidi, std::vector<int>& notes) {
  std::vector<const Shaped*> shaped;
  double natural = 0, tst = 0, tsh = 0;
  for (const LinePiece& p : pieces) {
    const ParaFrag& f = frags[static_cast<std::size_t>(p.frag)];
    const Span& sp = spans[static_cast<std::size_t>(f.span)];
    if (p.from == f.b && p.to == f.e && !p.hyphen) {
      shaped.push_back(f.shaped);
    } else {
      std::string t = sp.text.substr(p.from, p.to - p.from);
      if (p.hyphen) t += "-";
      shaped.push_back(&shape(sp.style, t));
    }
    natural += p.gap_before + shaped.back()->width;
    tst += p.stretch;
    tsh += p.shrink;
  }
  double delta = target - natural;
  double x = o.left + (first ? o.indent : 0);
  // A line that could only be justified by stretching its spaces beyond
  // all measure (a long unbreakable word follows) is left ragged.
  const bool hopeless = delta > 0 && (tst <= 0 || delta / tst > kRaggedRatio);
  const bool justify = (o.justify && !last_line && o.align == 0 && !hopeless) || delta < 0;
  if (!justify) {
    if (o.align == 1) x += std::max(0.0, delta / 2);
    if (o.align == 2) x += std::max(0.0, delta);
    delta = 0;
  }
  LineBox box;
  std::vector<std::uint8_t> run_levels;
  double max_size = 0;
  int main_style = -1;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const LinePiece& p = pieces[k];
    double g = p.gap_before;
    if (justify && k > 0) {
      if (delta > 0 && tst > 0) g += delta * p.stretch / tst;
      else if (delta < 0 && tsh > 0) g += delta * p.shrink / tsh;
    }
    x += g;
    const ParaFrag& f = frags[static_cast<std::size_t>(p.frag)];
    const Span& sp = spans[static_cast<std::size_t>(f.span)];
    const StyleSpec ss = fonts_.style(sp.style);
    Run run;
    run.shaped = shaped[k];
    run.x = static_cast<float>(x);
    run.y = static_cast<float>(-ss.rise);
    run.link = sp.link;
    run.space_before = p.space_before;
    box.runs.push_back(run);
    run_levels.push_back(f.level);
    if (sp.note >= 0) {
      notes.push_back(sp.note);
      box.dests.push_back("fnref-" + std::to_string(doc_.footnotes[static_cast<std::size_t>(sp.note)].number));
    }
    if (ss.rise == 0 && ss.size > max_size) {
      max_size = ss.size;
      main_style = sp.style;
    }
    x += shaped[k]->width;
    if (k == 0) box.offset = sp.plain + p.from;
  }
  if (!bidi.levels.empty() && !box.runs.empty()) {
    std::vector<double> xs, ws;
    for (const Run& r : box.runs) {
      xs.push_back(r.x);
      ws.push_back(r.shaped->width);
    }
    reorder_runs(xs, ws, run_levels, bidi.rtl, o.max_width > 0 ? o.max_width : width_);
    for (std::size_t k = 0; k < xs.size(); ++k) box.runs[k].x = static_cast<float>(xs[k]);
    box.rtl = bidi.rtl;
  }
  if (main_style < 0) {
    max_size = spans.empty() ? st_.font_size : fonts_.style(spans.front().style).size;
    main_style = spans.empty() ? sid(Face::Regular, st_.font_size) : spans.front().style;
  }
  box.height = max_size * o.leading;
  const FontMetrics& m = metrics(main_style);
  box.ascent = (box.height - (m.ascent + m.descent)) / 2 + m.ascent;
  box.path = o.path;
  box.block = o.block;
  return box;
}

void Builder::add_lines(Flow& flow, std::vector<LineBox>& lines, std::vector<std::vector<int>>& notes, double space_before,
                        bool keep_all, bool page_before) {
  const std::size_t n = lines.size();
  for (std::size_t j = 0; j < n; ++j) {
    VItem v;
    v.height = lines[j].height;
    v.space_before = j == 0 ? space_before : 0;
    v.page_before = j == 0 && page_before;
    const bool break_ok = (static_cast<int>(j) + 1 >= st_.orphans) && (static_cast<int>(n - j - 1) >= st_.widows);
    v.keep_with_next = keep_all || (j + 1 < n && !break_ok);
    v.notes = std::move(notes[j]);
    for (int note : v.notes) used_notes_.push_back(note);
    lines[j].section = section_;
    flow.push(std::move(lines[j]), std::move(v));
  }
}
}  // namespace galley::layout::detail
