#include "layout/layout.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <future>
#include <unordered_map>

#include "doc/labels.hpp"
#include "layout/hyphenate.hpp"
#include "layout/itemize.hpp"
#include "layout/linebreak.hpp"
#include "layout/page_stream.hpp"
#include "layout/paragraph.hpp"
#include "layout/reorder.hpp"
#include "layout/paginate.hpp"

namespace galley::layout {

std::string roman(int n) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static const struct { int v; const char* s; } table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                          {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                          {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                          {1, "i"}};
  std::string out;
  for (const auto& t : table)
    while (n >= t.v) {
      out += t.s;
      n -= t.v;
    }
  return out;
}

namespace {

// ------------------------------------------------------------ flow pieces

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

// Stretch beyond this ratio leaves a line unjustified.
constexpr double kRaggedRatio = 4;

bool cjk_language(const std::string& lang) {
  const std::string l = lang.substr(0, 2);
  return l == "zh" || l == "ja" || l == "ko";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Face face_of(bool bold, bool italic, bool mono) {
  if (mono) return bold ? Face::MonoBold : Face::Mono;
  if (bold) return italic ? Face::BoldItalic : Face::Bold;
  return italic ? Face::Italic : Face::Regular;
}

bool read_be32(std::ifstream& f, std::uint32_t& v) {
  unsigned char b[4];
  if (!f.read(reinterpret_cast<char*>(b), 4)) return false;
  v = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
  return true;
}

// Pixel size of a PNG or JPEG file; false when not readable.
bool image_size(const std::string& path, bool& jpeg, int& w, int& h) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  unsigned char sig[8];
  if (!f.read(reinterpret_cast<char*>(sig), 8)) return false;
  if (std::memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0) {
    std::uint32_t len, type, ww, hh;
    if (!read_be32(f, len) || !read_be32(f, type) || !read_be32(f, ww) || !read_be32(f, hh)) return false;
    jpeg = false;
    w = static_cast<int>(ww);
    h = static_cast<int>(hh);
    return w > 0 && h > 0 && w < 100000 && h < 100000;
  }
  if (sig[0] == 0xFF && sig[1] == 0xD8) {
    f.seekg(2);
    while (f) {
      int c = f.get();
      if (c != 0xFF) return false;
      int marker = f.get();
      while (marker == 0xFF) marker = f.get();
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue;
      const int hi = f.get(), lo = f.get();
      const int len = (hi << 8) | lo;
      if (len < 2) return false;
      if ((marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        f.get();
        const int h1 = f.get(), h2 = f.get(), w1 = f.get(), w2 = f.get();
        h = (h1 << 8) | h2;
        w = (w1 << 8) | w2;
        jpeg = true;
        return w > 0 && h > 0;
      }
      f.seekg(len - 2, std::ios::cur);
    }
  }
  return false;
}

// ------------------------------------------------------------ the builder

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

  int sid(Face f, double size, double rise = 0) {
    for (const auto& [key, id] : sid_cache_)
      if (key.face == f && key.size == size && key.rise == rise) return id;
    const int id = fonts_.style_id(f, size, rise);
    sid_cache_.push_back({StyleSpec{f, size, rise}, id});
    return id;
  }

  // Shaping through a cache of this builder's own, so the shared (locked)
  // cache is asked once per word and thread.
  const Shaped& shape(int style, std::string_view text) {
    if (static_cast<std::size_t>(style) >= local_.size()) local_.resize(static_cast<std::size_t>(style) + 1);
    auto& m = local_[static_cast<std::size_t>(style)];
    auto it = m.find(text);
    if (it != m.end()) return *it->second;
    const Shaped& sh = fonts_.shape(style, text);
    m.emplace(std::string_view(sh.text), &sh);
    return sh;
  }

  const FontMetrics& metrics(int style) {
    auto it = metrics_.find(style);
    if (it != metrics_.end()) return it->second;
    return metrics_.emplace(style, fonts_.metrics(style)).first->second;
  }

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

  // ---------------------------------------------------------- inlines

  void flatten(const doc::Inlines& in, bool bold, bool italic, int link, double size, std::vector<Span>& out,
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

  // Sets spans as lines of `measure` width; returns the line boxes and each
  // line's footnotes.
  void set_paragraph(const std::vector<Span>& spans, const ParaOpts& o, std::vector<LineBox>& lines,
                     std::vector<std::vector<int>>& line_notes, std::vector<std::string>* first_dests = nullptr) {
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
    const LineBreaks lb = break_lines(items, widths, bp);

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

  // One line of a paragraph: its pieces shaped, justified to `target` (or
  // aligned), in visual order; notes: the footnotes referenced on it.
  LineBox line_box(const std::vector<Span>& spans, const ParaOpts& o, const std::vector<ParaFrag>& frags,
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
      const StyleSpec& ss = fonts_.style(sp.style);
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

  // Adds a paragraph's lines to the flow with widow and orphan control.
  void add_lines(Flow& flow, std::vector<LineBox>& lines, std::vector<std::vector<int>>& notes, double space_before,
                 bool keep_all, bool page_before = false) {
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

  // ---------------------------------------------------------- blocks

  double pending_space_ = 0;
  bool pending_page_ = false;
  int section_ = -1;
  std::vector<int> used_notes_;

  void blocks(Flow& flow, const doc::Blocks& bs, Ctx& ctx) {
    for (std::size_t i = 0; i < bs.size(); ++i) {
      if (ctx.path.empty()) ctx.block = top_block_base_ + i;
      block(flow, bs[i], ctx);
    }
  }

  std::size_t top_block_base_ = 0;

  void paragraph_lines(Flow& flow, const doc::Inlines& content, Ctx& ctx, const std::string& tag, double indent,
                       const std::vector<Span>* marker = nullptr) {
    std::vector<Span> spans;
    std::size_t plain = 0;
    flatten(content, false, ctx.italic, -1, ctx.size, spans, plain);
    ParaOpts o;
    o.left = ctx.left;
    o.right = ctx.right;
    o.indent = indent;
    o.justify = st_.justify;
    o.hyphenate = st_.hyphenate;
    o.leading = st_.leading;
    o.path = ctx.path;
    o.path.push_back(StructTag{tag, next_id()});
    o.block = ctx.block;
    std::vector<LineBox> lines;
    std::vector<std::vector<int>> notes;
    set_paragraph(spans, o, lines, notes);
    if (lines.empty()) return;
    if (marker) add_marker(lines.front(), *marker, ctx.left);
    add_lines(flow, lines, notes, take_space(), false, take_page());
  }

  void add_marker(LineBox& box, const std::vector<Span>& marker, double left) {
    double w = 0;
    for (const Span& s : marker) w += shape(s.style, s.text).width;
    // Markers sit on the start side: left of a left-to-right line, right of a right-to-left one.
    double x = box.rtl ? width_ - left + st_.font_size * 0.5 : left - w - st_.font_size * 0.5;
    for (const Span& s : marker) {
      Run r;
      // "1." of a right-to-left list reads ".1" (the number, then its full stop to the left).
      const bool stop = box.rtl && s.text.size() > 1 && (s.text.back() == '.' || s.text.back() == ')');
      r.shaped = stop ? &shape(s.style, mirrored_neutrals(s.text.substr(s.text.size() - 1)) +
                                            s.text.substr(0, s.text.size() - 1))
                      : &shape(s.style, s.text);
      r.x = static_cast<float>(x);
      box.runs.insert(box.runs.begin(), r);
      x += r.shaped->width;
    }
  }

  double take_space() {
    const double s = pending_space_;
    pending_space_ = 0;
    return s;
  }
  bool take_page() {
    const bool p = pending_page_;
    pending_page_ = false;
    return p;
  }
  void want_space(double s) { pending_space_ = std::max(pending_space_, s); }

  void heading(Flow& flow, const doc::Heading& h, Ctx& ctx) {
    const int level = std::clamp(h.level, 1, 6);
    const HeadingStyle& hs = st_.headings[level - 1];
    std::vector<Span> spans;
    std::size_t plain = 0;
    const double size = st_.font_size * hs.size;
    flatten(h.content, hs.bold, hs.italic, -1, size, spans, plain);
    ParaOpts o;
    o.left = ctx.left;
    o.right = ctx.right;
    o.justify = false;
    o.hyphenate = false;
    o.align = hs.center ? 1 : 0;
    o.leading = std::max(1.1, st_.leading * 0.95);
    o.path = ctx.path;
    o.path.push_back(StructTag{"H" + std::to_string(level), next_id()});
    o.block = ctx.block;
    std::vector<LineBox> lines;
    std::vector<std::vector<int>> notes;
    std::vector<std::string> dests;
    if (!h.id.empty()) dests.push_back(h.id);
    set_paragraph(spans, o, lines, notes, &dests);
    if (lines.empty()) {
      // An empty heading still anchors its id.
      LineBox b;
      b.height = line_;
      b.ascent = line_ * 0.8;
      b.path = o.path;
      b.block = ctx.block;
      b.dests = dests;
      lines.push_back(std::move(b));
      notes.emplace_back();
    }
    const bool page = take_page();
    double space = std::max(take_space(), hs.space_before * line_);
    if (page) {
      // Chapter opening: sink the heading.
      LineBox strut;
      strut.height = line_ * 3;
      strut.block = ctx.block;
      VItem v;
      v.height = strut.height;
      v.page_before = true;
      v.keep_with_next = true;
      strut.section = section_;
      flow.push(std::move(strut), std::move(v));
      space = 0;
    }
    add_lines(flow, lines, notes, space, true);
    want_space(hs.space_after * line_);
    ctx.no_indent = true;
  }

  void block(Flow& flow, const doc::Block& b, Ctx& ctx) {
    std::visit(doc::overloaded{
                   [&](const doc::Heading& h) { heading(flow, h, ctx); },
                   [&](const doc::Paragraph& p) {
                     const double indent = ctx.no_indent ? 0 : st_.indent * ctx.size;
                     if (st_.parskip > 0) want_space(st_.parskip * line_);
                     paragraph_lines(flow, p.content, ctx, "P", indent, marker_);
                     marker_ = nullptr;
                     ctx.no_indent = false;
                   },
                   [&](const doc::BlockQuote& q) {
                     Ctx c = ctx;
                     c.left += st_.quote_indent * ctx.size;
                     c.right += st_.quote_indent * ctx.size;
                     c.path.push_back(StructTag{"BlockQuote", next_id()});
                     c.no_indent = true;
                     want_space(line_ * 0.5);
                     for (const auto& child : q.children) block(flow, child, c);
                     want_space(line_ * 0.5);
                     ctx.no_indent = true;
                   },
                   [&](const doc::List& l) { list(flow, l, ctx); },
                   [&](const doc::CodeBlock& c) { code(flow, c, ctx); },
                   [&](const doc::SceneBreak&) {
                     std::vector<Span> spans{Span{"*\u2003*\u2003*", sid(Face::Regular, ctx.size), -1, -1, false, false, 0}};
                     ParaOpts o;
                     o.left = ctx.left;
                     o.right = ctx.right;
                     o.justify = false;
                     o.align = 1;
                     o.leading = st_.leading;
                     o.path = ctx.path;
                     o.path.push_back(StructTag{"P", next_id()});
                     o.block = ctx.block;
                     std::vector<LineBox> lines;
                     std::vector<std::vector<int>> notes;
                     set_paragraph(spans, o, lines, notes);
                     want_space(line_ * 0.5);
                     add_lines(flow, lines, notes, take_space(), false, take_page());
                     want_space(line_ * 0.5);
                     ctx.no_indent = true;
                   },
                   [&](const doc::Table& t) { table(flow, t, ctx); },
                   [&](const doc::Figure& f) { figure(flow, f, ctx); },
               },
               b.node);
  }

  const std::vector<Span>* marker_ = nullptr;

  void list(Flow& flow, const doc::List& l, Ctx& ctx) {
    Ctx c = ctx;
    const double indent = st_.list_indent * ctx.size;
    c.left += indent;
    c.path.push_back(StructTag{"L", next_id()});
    c.list_depth = ctx.list_depth + 1;
    want_space(line_ * 0.4);
    int number = l.start;
    for (const auto& item : l.items) {
      Ctx ci = c;
      ci.path.push_back(StructTag{"LI", next_id()});
      ci.no_indent = true;
      std::string mark;
      if (item.task >= 0) mark = item.task ? "\u2612" : "\u2610";
      else if (l.ordered) mark = std::to_string(number) + ".";
      else mark = c.list_depth % 2 == 1 ? "\u2022" : "\u2013";
      ++number;
      std::vector<Span> marker{Span{mark, sid(Face::Regular, ctx.size), -1, -1, false, false, 0}};
      const std::size_t first_box = flow.boxes.size();
      marker_ = &marker;
      if (!l.tight) want_space(line_ * 0.3);
      for (const auto& child : item.children) block(flow, child, ci);
      if (marker_) {
        marker_ = nullptr;
        if (flow.boxes.size() > first_box) {
          add_marker(flow.boxes[first_box], marker, c.left);
        } else {
          // An empty item: the marker alone.
          LineBox b;
          b.height = line_;
          b.ascent = line_ * 0.78;
          b.path = ci.path;
          b.block = ctx.block;
          b.section = section_;
          add_marker(b, marker, c.left);
          VItem v;
          v.height = line_;
          v.space_before = take_space();
          flow.push(std::move(b), std::move(v));
        }
      }
    }
    want_space(line_ * 0.4);
    ctx.no_indent = true;
  }

  void code(Flow& flow, const doc::CodeBlock& c, Ctx& ctx) {
    const double size = ctx.size * st_.code_size;
    const int style = sid(Face::Mono, size);
    const int mark_style = sid(Face::Mono, size);
    const Shaped& mark = shape(mark_style, "\u2192");
    const double measure = width_ - ctx.left - ctx.right;
    const double avail = std::max(20.0, measure - mark.width - size * 0.3);
    std::vector<LineBox> lines;
    std::vector<std::vector<int>> notes;
    std::vector<StructTag> path = ctx.path;
    path.push_back(StructTag{"Code", next_id()});
    std::size_t pos = 0;
    std::string text = c.text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    const FontMetrics& m = metrics(style);
    const double h = std::max(size * st_.leading, line_ * 0.9);
    auto add = [&](const Shaped* sh, bool cont, std::size_t offset) {
      LineBox b;
      b.height = h;
      b.ascent = (h - (m.ascent + m.descent)) / 2 + m.ascent;
      b.path = path;
      b.block = ctx.block;
      b.offset = offset;
      if (sh) {
        Run r;
        r.shaped = sh;
        r.x = static_cast<float>(ctx.left);
        b.runs.push_back(r);
      }
      if (cont) {
        Run r;
        r.shaped = &mark;
        r.x = static_cast<float>(width_ - ctx.right - mark.width);
        b.runs.push_back(r);
      }
      lines.push_back(std::move(b));
      notes.emplace_back();
    };
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      // Tabs to spaces.
      std::string expanded;
      for (char ch : line) {
        if (ch == '\t') expanded.append(4 - expanded.size() % 4, ' ');
        else if (ch != '\r') expanded.push_back(ch);
      }
      std::size_t off = pos;
      std::string_view rest(expanded);
      while (true) {
        const Shaped& sh = shape(style, rest);
        if (sh.width <= measure + 0.01 || rest.empty()) {
          add(rest.empty() ? nullptr : &sh, false, off);
          break;
        }
        // Longest prefix of whole clusters that fits, at least one cluster.
        std::uint32_t cut = 0;
        float w = 0;
        for (const Glyph& g : sh.glyphs) {
          if (w + g.advance > avail && cut > 0) break;
          w += g.advance;
          cut = 0;
          for (const Glyph& g2 : sh.glyphs)
            if (g2.cluster > g.cluster) {
              cut = g2.cluster;
              break;
            }
          if (cut == 0) cut = static_cast<std::uint32_t>(rest.size());
        }
        if (cut == 0 || cut >= rest.size()) {
          add(&sh, false, off);
          break;
        }
        add(&shape(style, rest.substr(0, cut)), true, off);
        rest = rest.substr(cut);
        off += cut;
      }
      if (nl >= text.size()) break;
      pos = nl + 1;
    }
    want_space(line_ * 0.5);
    add_lines(flow, lines, notes, take_space(), false, take_page());
    want_space(line_ * 0.5);
    ctx.no_indent = true;
  }

  // A table's or figure's caption: small italic, centred, tagged Caption.
  void caption_lines(Flow& flow, const doc::Inlines& caption, const Ctx& ctx, const std::vector<StructTag>& path,
                     bool keep_all) {
    std::vector<Span> spans;
    std::size_t plain = 0;
    flatten(caption, false, true, -1, ctx.size * st_.small_size, spans, plain);
    ParaOpts o;
    o.left = ctx.left;
    o.right = ctx.right;
    o.justify = false;
    o.align = 1;
    o.leading = st_.leading;
    o.path = path;
    o.path.push_back(StructTag{"Caption", next_id()});
    o.block = ctx.block;
    std::vector<LineBox> lines;
    std::vector<std::vector<int>> notes;
    set_paragraph(spans, o, lines, notes);
    add_lines(flow, lines, notes, line_ * 0.3, keep_all);
  }

  void table(Flow& flow, const doc::Table& t, Ctx& ctx) {
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

  void figure(Flow& flow, const doc::Figure& f, Ctx& ctx) {
    std::vector<StructTag> path = ctx.path;
    path.push_back(StructTag{"Figure", next_id()});
    const double measure = width_ - ctx.left - ctx.right;
    bool jpeg = false;
    int pw = 0, ph = 0;
    const bool ok = !f.image.path.empty() && image_size(f.image.path, jpeg, pw, ph);
    want_space(line_ * 0.5);
    if (ok) {
      double w = measure, h = measure * ph / pw;
      const double max_h = height_ * 0.7;
      if (h > max_h) {
        h = max_h;
        w = h * pw / ph;
      }
      LineBox box;
      box.path = path;
      box.block = ctx.block;
      box.height = h + line_ * 0.3;
      box.pictures.push_back(Picture{f.image.path, jpeg, pw, ph, static_cast<float>(ctx.left + (measure - w) / 2), 0,
                                     static_cast<float>(w), static_cast<float>(h)});
      VItem v;
      v.height = box.height;
      v.space_before = take_space();
      v.page_before = take_page();
      v.keep_with_next = !f.caption.empty();
      box.section = section_;
      flow.push(std::move(box), std::move(v));
    } else {
      // Missing and remote images were reported by the reader already.
      if (!f.image.path.empty())
        diag_.warn("image '" + f.image.src + "' cannot be drawn in the PDF (not PNG or JPEG); its alt text is shown");
      doc::Inlines alt{doc::text("[" + (f.image.alt.empty() ? f.image.src : f.image.alt) + "]")};
      Ctx c = ctx;
      c.italic = true;
      c.path = path;
      paragraph_lines(flow, alt, c, "P", 0);
    }
    if (!f.caption.empty()) {
      caption_lines(flow, f.caption, ctx, path, true);
      if (!flow.items.empty()) flow.items.back().keep_with_next = false;
    }
    want_space(line_ * 0.5);
    ctx.no_indent = true;
  }

  // A footnote's lines at the small size, its number hanging.
  void note_lines(const doc::Footnote& fn, std::vector<LineBox>& out) {
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

  // ---------------------------------------------------------- simple lines

  // One centered or left line block of text (title page, TOC heading...).
  void text_block(Flow& flow, const std::string& text, Face face, double size, int align, const std::string& tag,
                  double space_before, bool page_before = false, bool keep = false) {
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

  void set_section(int s) { section_ = s; }
  void want_page() { pending_page_ = true; }

  Hyphenator const& hyph() const { return hyph_; }
  const Style& style() const { return st_; }
  FontSystem& fonts() { return fonts_; }

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

// ------------------------------------------------------------ pages

struct PagedFlow {
  std::vector<PageSlice> slices;
};

class Assembler {
 public:
  Assembler(const Style& st, PagedDocument& out) : st_(st), out_(out) {}

  // Places the slices of a flow as pages; returns the index of the first page.
  std::size_t place(const Flow& flow, const std::vector<PageSlice>& slices, const std::vector<LineBox>& notes,
                    const std::vector<std::size_t>& note_first_line, bool center_vertically = false) {
    const std::size_t first = out_.pages.size();
    for (const PageSlice& s : slices) {
      Page page;
      const bool recto = out_.pages.size() % 2 == 0;
      const double x0 = recto ? st_.margins.inner : st_.margins.outer;
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

  void put(Page& page, const LineBox& b, double x0, double y, bool with_dests) {
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

 private:
  const Style& st_;
  PagedDocument& out_;
};

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

}  // namespace

PagedDocument lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag) {
  PagedDocument out;
  lay_out(doc, input, diag, out);
  return out;
}

void lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag, PagedDocument& out) {
  const Style& st = input.style;
  out = PagedDocument{};
  out.width = st.page_width;
  out.height = st.page_height;
  // Both the hyphenation patterns and the font systems are kept by the
  // process, so after the first document these cost next to nothing; the
  // first time, the patterns load on a second thread while the fonts are set up.
  const std::string hyph_lang = st.hyphenate ? doc.metadata.language : std::string("none");
  auto hyph_future = std::async(input.parallel ? std::launch::async : std::launch::deferred,
                                [&hyph_lang] { return std::make_unique<Hyphenator>(hyph_lang); });
  // The CJK face is large: load it only when the text needs it.
  bool cjk = needs_cjk(doc.metadata.title);
  if (!cjk) cjk = needs_cjk(doc::plain_text(doc.body)) || needs_cjk(doc::plain_text(doc.front_matter)) ||
                  needs_cjk(doc::plain_text(doc.back_matter));
  for (const auto& a : doc.metadata.authors) cjk = cjk || needs_cjk(a);
  if (cjk && input.cjk_file.empty())
    diag.warn("no CJK font found (install fonts-noto-cjk or set GALLEY_CJK_FONT); CJK characters are not drawn");
  out.fonts = FontSystem::acquire(input.fonts_dir, cjk ? input.cjk_file : std::filesystem::path(),
                                  doc.metadata.language);
  FontSystem& fonts = *out.fonts;
  const std::unique_ptr<Hyphenator> hyph_ptr = hyph_future.get();
  const Hyphenator& hyph = *hyph_ptr;
  if (!hyph.available() && hyph_lang != "none")
    if (const std::string hint = Hyphenator::missing_dictionary_hint(hyph_lang); !hint.empty()) diag.warn(hint);
  Builder b(doc, st, fonts, hyph, diag, out.links);
  Assembler asmb(st, out);
  const double line = b.line();
  const double H = b.height();

  // Sections open new pages in books (long sections), not in articles whose
  // sections are a few paragraphs each.
  std::size_t body_bytes = 0;
  for (const auto& blk : doc.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&blk.node)) body_bytes += doc::plain_text(p->content).size();
  const bool chapters = st.chapter_new_page && !doc.sections.empty() && body_bytes / doc.sections.size() >= 6000;
  // ---- front: title page, front matter, contents, as pages of their own
  // (an even number, so body pages keep their sides whatever the front holds).
  std::vector<VNote> no_notes;
  std::vector<LineBox> no_boxes;
  std::vector<std::size_t> no_first;
  const double note_sep = st.font_size;
  // Front or back matter as a flow of its own, in the small type, on a new page.
  auto matter_flow = [&](const doc::Blocks& blocks) {
    Flow flow;
    b.set_section(-1);
    b.want_page();
    Ctx ctx;
    ctx.size = st.font_size * st.small_size;
    for (const auto& blk : blocks) b.block(flow, blk, ctx);
    return flow;
  };
  auto build_front = [&](PagedDocument& fd, std::unordered_map<std::string, int>& dest_page) {
    Assembler fa(st, fd);
    if (st.title_page) {
      Flow title;
      const auto& m = doc.metadata;
      b.text_block(title, m.title.empty() ? "Untitled" : m.title, Face::Regular, st.font_size * 2.2, 1, "H1", 0, false);
      if (!m.subtitle.empty()) b.text_block(title, m.subtitle, Face::Italic, st.font_size * 1.3, 1, "P", line);
      std::string authors;
      for (std::size_t i = 0; i < m.authors.size(); ++i) authors += (i ? ", " : "") + m.authors[i];
      if (!authors.empty()) b.text_block(title, authors, Face::Regular, st.font_size * 1.3, 1, "P", line * 3);
      std::string imprint = m.publisher;
      if (!m.date.empty()) imprint += (imprint.empty() ? "" : " \u00b7 ") + m.date;
      if (!imprint.empty()) b.text_block(title, imprint, Face::Regular, st.font_size * 0.9, 1, "P", line * 4);
      for (auto& it : title.items) it.keep_with_next = false;
      PaginateParams pp;
      pp.page_height = H;
      auto slices = paginate(title.items, no_notes, pp);
      fa.place(title, slices, no_boxes, no_first, true);
      // Verso of the title page: empty.
      fd.pages.emplace_back();
    }
    if (!doc.front_matter.empty()) {
      Flow front = matter_flow(doc.front_matter);
      auto slices = paginate_flow(front, no_notes, H, note_sep);
      if (fd.pages.size() % 2) fd.pages.emplace_back();
      fa.place(front, slices, no_boxes, no_first);
    }
    const auto flat = doc::flatten(doc.toc);
    if (st.print_toc && !flat.empty()) {
      Flow toc;
      b.text_block(toc, doc::labels_for(doc.metadata.language).contents, Face::Regular,
                   st.font_size * st.headings[0].size, 1, "H1", 0, true, true);
      toc.items.back().keep_with_next = false;
      toc.boxes.back().path = {StructTag{"TOC", 0}, toc.boxes.back().path.front()};
      const int toc_id = b.next_id();
      const int entry_style = b.sid(Face::Regular, st.font_size);
      const Shaped& dot = fonts.shape(entry_style, ".");
      const double gap = b.metrics(entry_style).space * 1.15;
      const double step = dot.width + gap;
      const double num_w = fonts.shape(entry_style, "0000").width;
      bool first = true;
      for (const doc::TocEntry* e : flat) {
        const int page = dest_page.count(e->id) ? dest_page[e->id] : 0;
        const std::string num = page > 0 ? std::to_string(page) : "";
        out.links.push_back(LinkTarget{e->id, ""});
        const int link = static_cast<int>(out.links.size() - 1);
        std::vector<Span> spans{Span{e->text.empty() ? "\u2014" : e->text, entry_style, link, -1, false, false, 0}};
        ParaOpts o;
        o.left = (std::clamp(e->level, 1, 6) - 1) * st.font_size * 1.5;
        o.right = num_w + step * 2;
        o.justify = false;
        o.hyphenate = false;
        o.leading = st.leading;
        o.path = {StructTag{"TOC", toc_id}, StructTag{"TOCI", b.next_id()}};
        std::vector<LineBox> lines;
        std::vector<std::vector<int>> notes;
        b.set_paragraph(spans, o, lines, notes);
        if (lines.empty()) continue;
        LineBox& last = lines.back();
        const Shaped& numsh = fonts.shape(entry_style, num);
        std::vector<double> xs;
        double num_x = 0;
        if (last.rtl) {
          // Right to left: the number at the left, dots from it to the text.
          double text_x = b.width() - o.left;
          for (const Run& run : last.runs) text_x = std::min(text_x, static_cast<double>(run.x));
          for (double x = numsh.width + gap; x + dot.width <= text_x - gap; x += step) xs.push_back(x);
          std::reverse(xs.begin(), xs.end());
        } else {
          double end_x = o.left;
          if (!last.runs.empty()) end_x = last.runs.back().x + last.runs.back().shaped->width;
          num_x = b.width() - numsh.width;
          // Dots right-aligned to the number, spaced like the text's word spaces.
          for (double x = num_x - gap - dot.width; x >= end_x + gap; x -= step) xs.push_back(x);
        }
        for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
          Run r;
          r.shaped = &dot;
          r.x = static_cast<float>(*it);
          r.link = link;
          last.runs.push_back(r);
        }
        Run r;
        r.shaped = &numsh;
        r.x = static_cast<float>(num_x);
        r.link = link;
        last.runs.push_back(r);
        b.add_lines(toc, lines, notes, first ? line * 2 : (e->level <= 1 ? line * 0.3 : 0), false);
        first = false;
      }
      auto slices = paginate_flow(toc, no_notes, H, note_sep);
      if (fd.pages.size() % 2) fd.pages.emplace_back();
      fa.place(toc, slices, no_boxes, no_first);
    }
    if (fd.pages.size() % 2) fd.pages.emplace_back();
    for (std::size_t i = 0; i < fd.pages.size(); ++i) fd.pages[i].label = roman(static_cast<int>(i + 1));
  };

  // ---- running heads and folios of body and back-matter pages
  const int rh_style = b.sid(Face::Italic, st.font_size * st.small_size);
  const int folio_style = b.sid(Face::Regular, st.font_size * st.small_size);
  const double text_w = b.width();
  auto add_head = [&](Page& page, bool recto, bool opening, int section) {
    const double x0 = recto ? st.margins.inner : st.margins.outer;
    Element e;
    const Shaped& folio = fonts.shape(folio_style, page.label);
    Run fr;
    fr.shaped = &folio;
    fr.x = static_cast<float>(x0 + (text_w - folio.width) / 2);
    fr.y = static_cast<float>(st.page_height - st.margins.bottom * 0.5);
    e.runs.push_back(fr);
    // Running head: none on a chapter's opening page.
    if (st.running_heads && !opening) {
      std::string head;
      if (!recto) head = doc.metadata.title;
      else if (section >= 0 && static_cast<std::size_t>(section) < doc.sections.size())
        head = doc.sections[static_cast<std::size_t>(section)].title;
      if (head.empty()) head = doc.metadata.title;
      const Shaped* hs = &fonts.shape(rh_style, head);
      if (hs->width > text_w) {
        // Shorten to fit, with an ellipsis.
        std::string t = head;
        while (!t.empty() && fonts.shape(rh_style, t + "\u2026").width > text_w) {
          t.pop_back();
          while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
          if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
        }
        hs = &fonts.shape(rh_style, t + "\u2026");
      }
      Run hr;
      hr.shaped = hs;
      hr.x = static_cast<float>(x0 + (text_w - hs->width) / 2);
      hr.y = static_cast<float>(st.margins.top - line * 1.2);
      e.runs.push_back(hr);
    }
    page.elements.push_back(std::move(e));
  };

  // ---- body sections [s_begin, s_end) into a flow
  auto build_sections = [&](Builder& bb, Flow& flow, std::size_t s_begin, std::size_t s_end) {
    for (std::size_t si = s_begin; si < s_end; ++si) {
      const auto& sec = doc.sections[si];
      bb.set_section(static_cast<int>(si));
      if (chapters || si == 0) bb.want_page();
      Ctx ctx;
      ctx.size = st.font_size;
      bb.top_block_base_ = sec.begin;
      for (std::size_t i = sec.begin; i < sec.end && i < doc.body.size(); ++i) {
        ctx.block = i;
        ctx.path.clear();
        bb.block(flow, doc.body[i], ctx);
      }
    }
  };
  // ---- footnotes (those referenced from the body), as line boxes
  std::vector<LineBox> note_boxes;
  std::vector<std::size_t> note_first(doc.footnotes.size(), 0);
  std::vector<VNote> vnotes(doc.footnotes.size());
  auto build_notes = [&] {
    for (std::size_t i = 0; i < doc.footnotes.size(); ++i) {
      note_first[i] = note_boxes.size();
      b.note_lines(doc.footnotes[i], note_boxes);
      for (std::size_t k = note_first[i]; k < note_boxes.size(); ++k) vnotes[i].lines.push_back(note_boxes[k].height);
    }
  };
  // A note referenced twice is placed at its first reference only (flows
  // are given in reading order).
  std::vector<bool> seen(doc.footnotes.size(), false);
  auto keep_first_references = [&](Flow& flow) {
    for (auto& it : flow.items) {
      std::vector<int> keep;
      for (int n : it.notes)
        if (n >= 0 && static_cast<std::size_t>(n) < seen.size() && !seen[static_cast<std::size_t>(n)] &&
            !vnotes[static_cast<std::size_t>(n)].lines.empty()) {
          seen[static_cast<std::size_t>(n)] = true;
          keep.push_back(n);
        }
      it.notes = keep;
    }
  };
  // Where a body page begins, for the EPUB's page-list.
  auto page_start = [](const Flow& flow, const PageSlice& s, const std::string& label, std::size_t index) {
    PageStart ps;
    ps.label = label;
    ps.page_index = index;
    for (std::size_t k = s.begin; k < s.end; ++k)
      if (flow.boxes[k].block != static_cast<std::size_t>(-1)) {
        ps.block = flow.boxes[k].block;
        ps.offset = flow.boxes[k].offset;
        break;
      }
    return ps;
  };
  // ---- back matter: pages after the body, numbered on from it; returns the first.
  auto place_back_matter = [&] {
    const std::size_t first = out.pages.size();
    if (doc.back_matter.empty()) return first;
    Flow back = matter_flow(doc.back_matter);
    auto slices = paginate_flow(back, no_notes, H, note_sep);
    asmb.place(back, slices, no_boxes, no_first);
    for (std::size_t i = first; i < out.pages.size(); ++i)
      out.pages[i].label = std::to_string(i - out.body_first_page + 1);
    return first;
  };

  const bool streaming = input.stream != nullptr && chapters && doc.sections.size() >= 2 && input.parallel;
  if (input.stream) input.stream->begin(out.width, out.height, out.fonts);
  if (streaming) {
    // ---- a book, group of chapters by group: each group is laid out,
    // paginated (chapters open new pages, so a group paginates alone) and
    // handed to the painter while the next group is laid out. The front
    // matter comes last (its contents need every page number) and is put
    // before the body here; the painter moves its pages to the front.
    build_notes();
    std::unordered_map<std::string, int> dest_page;  // id -> body page number (1-based)
    const std::size_t nsec = doc.sections.size();
    // Groups of whole sections, about a sixteenth of the body each (the
    // first smaller, so painting starts early).
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    for (std::size_t sec_begin = 0; sec_begin < nsec;) {
      const std::size_t target = std::max<std::size_t>(1, doc.body.size() / (groups.empty() ? 32 : 16));
      std::size_t sec_end = sec_begin + 1;
      while (sec_end < nsec && doc.sections[sec_end].begin - doc.sections[sec_begin].begin < target) ++sec_end;
      groups.emplace_back(sec_begin, sec_end);
      sec_begin = sec_end;
    }
    // A group is laid out by this thread or, when the painter would wait,
    // by the painter's; each thread has its own builder (links and warnings
    // of its own, merged in group order). Groups are paginated, assembled
    // and handed over in order, by whichever thread finishes the next one.
    struct Group {
      Flow flow;
      std::vector<LinkTarget> links;  // created while building, numbered from link_base
      std::size_t link_base = 0;
      std::vector<std::string> warnings;
      std::exception_ptr error;
      bool built = false;
    };
    std::vector<Group> built(groups.size());
    std::atomic<std::size_t> next_group{0};
    std::mutex order_mu;
    std::condition_variable order_cv;
    std::size_t handed_groups = 0;
    std::size_t body_pages = 0;
    std::exception_ptr hand_error;
    auto hand_over = [&](Group& g) {
      const int link_shift = static_cast<int>(out.links.size()) - static_cast<int>(g.link_base);
      for (auto& box : g.flow.boxes)
        for (auto& r : box.runs)
          if (r.link >= 0) r.link += link_shift;
      out.links.insert(out.links.end(), g.links.begin(), g.links.end());
      for (auto& w : g.warnings) diag.warnings.push_back(std::move(w));
      Flow& flow = g.flow;
      keep_first_references(flow);
      const auto slices = paginate_flow(flow, vnotes, H, note_sep);
      const std::size_t first = asmb.place(flow, slices, note_boxes, note_first);
      std::vector<const Page*> handed;
      for (std::size_t p = 0; p < slices.size(); ++p) {
        Page& page = out.pages[first + p];
        const int number = static_cast<int>(body_pages + p + 1);
        page.label = std::to_string(number);
        const auto& sl = slices[p];
        for (std::size_t k = sl.begin; k < sl.end; ++k)
          for (const auto& d : flow.boxes[k].dests) dest_page.emplace(d, number);
        out.page_starts.push_back(page_start(flow, sl, page.label, first + p));  // front pages added below
        const bool opening = sl.begin < sl.end && flow.items[sl.begin].page_before;
        const int section = sl.begin < sl.end ? flow.boxes[sl.begin].section : -1;
        // The front matter is an even number of pages: sides are known now.
        add_head(page, (first + p) % 2 == 0, opening, section);
        handed.push_back(&page);
      }
      body_pages += slices.size();
      input.stream->publish(handed, false, out.links);
      g.flow = Flow{};  // painted from the pages now
    };
    // Builds one unclaimed group; false when none is left. Never throws.
    auto build_group = [&](Builder& bb, std::vector<LinkTarget>& bb_links, Diagnostics& bb_diag) {
      const std::size_t gi = next_group.fetch_add(1);
      if (gi >= groups.size()) return false;
      Group& g = built[gi];
      try {
        g.link_base = bb_links.size();
        build_sections(bb, g.flow, groups[gi].first, groups[gi].second);
        g.links.assign(bb_links.begin() + static_cast<std::ptrdiff_t>(g.link_base), bb_links.end());
        g.warnings.swap(bb_diag.warnings);
        bb_diag.warnings.clear();
      } catch (...) {
        g.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(order_mu);
      g.built = true;
      while (handed_groups < groups.size() && built[handed_groups].built) {
        Group& next = built[handed_groups];
        if (!next.error && !hand_error) {
          try {
            hand_over(next);
          } catch (...) {
            hand_error = std::current_exception();
          }
        }
        ++handed_groups;
      }
      order_cv.notify_all();
      return true;
    };
    std::vector<LinkTarget> own_links, helper_links;
    Diagnostics own_diag, helper_diag;
    own_diag.file = helper_diag.file = diag.file;
    Builder own(doc, st, fonts, hyph, own_diag, own_links);
    Builder helper(doc, st, fonts, hyph, helper_diag, helper_links);
    own.tag_id_ = 100000000;
    helper.tag_id_ = 200000000;
    {
      struct HelpGuard {
        PageStream& stream;
        ~HelpGuard() { stream.clear_help(); }
      } guard{*input.stream};
      input.stream->set_help([&] { return build_group(helper, helper_links, helper_diag); });
      while (build_group(own, own_links, own_diag)) {
      }
      std::unique_lock<std::mutex> lock(order_mu);
      order_cv.wait(lock, [&] { return handed_groups == groups.size(); });
    }
    for (const auto& g : built)
      if (g.error) std::rethrow_exception(g.error);
    if (hand_error) std::rethrow_exception(hand_error);
    // ---- back matter
    {
      out.body_first_page = 0;  // until the front pages are put before the body
      const std::size_t first = place_back_matter();
      std::vector<const Page*> handed;
      for (std::size_t i = first; i < out.pages.size(); ++i) {
        add_head(out.pages[i], i % 2 == 0, i == first, -1);
        handed.push_back(&out.pages[i]);
      }
      if (!handed.empty()) input.stream->publish(handed, false, out.links);
    }
    // ---- front matter, put before the body
    PagedDocument fd;
    build_front(fd, dest_page);
    const std::size_t front_pages = fd.pages.size();
    for (auto it = fd.pages.rbegin(); it != fd.pages.rend(); ++it) out.pages.push_front(std::move(*it));
    out.body_first_page = front_pages;
    for (auto& ps : out.page_starts) ps.page_index += front_pages;
    std::vector<const Page*> handed;
    for (std::size_t i = 0; i < front_pages; ++i) handed.push_back(&out.pages[i]);
    input.stream->publish(handed, true, out.links);
  } else {
    // ---- body, in reading order
    Flow body;
    build_sections(b, body, 0, doc.sections.size());
    if (doc.sections.empty()) {
      Ctx ctx;
      ctx.size = st.font_size;
      for (std::size_t i = 0; i < doc.body.size(); ++i) {
        ctx.block = i;
        b.block(body, doc.body[i], ctx);
      }
    }
    build_notes();
    keep_first_references(body);
    const auto body_slices = paginate_flow(body, vnotes, H, note_sep);

    // Labels and destinations of body pages, for the TOC.
    std::unordered_map<std::string, int> dest_page;  // id -> body page number (1-based)
    for (std::size_t p = 0; p < body_slices.size(); ++p)
      for (std::size_t k = body_slices[p].begin; k < body_slices[p].end; ++k)
        for (const auto& d : body.boxes[k].dests) dest_page.emplace(d, static_cast<int>(p + 1));

    {
      PagedDocument fd;
      build_front(fd, dest_page);
      for (auto& pg : fd.pages) out.pages.push_back(std::move(pg));
    }

    // ---- body pages
    out.body_first_page = out.pages.size();
    asmb.place(body, body_slices, note_boxes, note_first);
    for (std::size_t p = 0; p < body_slices.size(); ++p) {
      Page& page = out.pages[out.body_first_page + p];
      page.label = std::to_string(p + 1);
      out.page_starts.push_back(page_start(body, body_slices[p], page.label, out.body_first_page + p));
    }

    place_back_matter();

    for (std::size_t p = out.body_first_page; p < out.pages.size(); ++p) {
      const std::size_t bp = p - out.body_first_page;
      bool opening = false;
      int section = -1;
      if (bp < body_slices.size()) {
        const auto& s = body_slices[bp];
        if (s.begin < s.end) {
          opening = body.items[s.begin].page_before;
          section = body.boxes[s.begin].section;
        }
      } else {
        opening = p == out.body_first_page + body_slices.size();
      }
      add_head(out.pages[p], p % 2 == 0, opening, section);
    }
  }

  if (out.pages.empty()) out.pages.emplace_back();
  if (input.stream && !streaming) {
    std::vector<const Page*> all;
    for (const Page& page : out.pages) all.push_back(&page);
    input.stream->publish(all, false, out.links);
  }

  auto missing = fonts.take_missing();
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 20) list += ", ...";
    diag.warn("no font in fonts/ has these characters; the PDF shows a blank box for them: " + list);
  }
  (void)b.hyph();
}

}  // namespace galley::layout
