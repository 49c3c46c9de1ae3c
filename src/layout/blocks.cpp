// Blocks as line boxes: paragraphs, headings, quotes, lists, code, figures.
#include "layout/builder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "layout/reorder.hpp"

namespace galley::layout::detail {

namespace {

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

}  // namespace

void Builder::blocks(Flow& flow, const doc::Blocks& bs, Ctx& ctx) {
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (ctx.path.empty()) ctx.block = top_block_base_ + i;
    block(flow, bs[i], ctx);
  }
}

void Builder::paragraph_lines(Flow& flow, const doc::Inlines& content, Ctx& ctx, const std::string& tag, double indent,
                              const std::vector<Span>* marker) {
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

void Builder::add_marker(LineBox& box, const std::vector<Span>& marker, double left) {
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

double Builder::take_space() {
  const double s = pending_space_;
  pending_space_ = 0;
  return s;
}

bool Builder::take_page() {
  const bool p = pending_page_;
  pending_page_ = false;
  return p;
}

void Builder::heading(Flow& flow, const doc::Heading& h, Ctx& ctx) {
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
  o.balance = true;
  o.align = hs.center ? 1 : 0;
  o.leading = std::max(1.1, st_.leading * 0.95);
  o.path = ctx.path;
  o.path.push_back(StructTag{"H" + std::to_string(levels_.map(h.level)), next_id()});
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

void Builder::block(Flow& flow, const doc::Block& b, Ctx& ctx) {
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

void Builder::list(Flow& flow, const doc::List& l, Ctx& ctx) {
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

void Builder::code(Flow& flow, const doc::CodeBlock& c, Ctx& ctx) {
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

void Builder::caption_lines(Flow& flow, const doc::Inlines& caption, const Ctx& ctx, const std::vector<StructTag>& path,
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

void Builder::figure(Flow& flow, const doc::Figure& f, Ctx& ctx) {
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
}  // namespace galley::layout::detail
