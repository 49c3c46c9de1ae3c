#include "layout/paragraph.hpp"

#include <algorithm>
#include <cctype>

#include <glib.h>

#include "layout/breaks.hpp"
#include "layout/hyphenate.hpp"
#include "layout/reorder.hpp"

namespace galley::layout {

BreakParams default_break_params() {
  BreakParams bp;
  bp.tolerance = 2.0;
  bp.line_penalty = 10;
  bp.hyphen_demerits = 3000;
  bp.max_shrink = 1.6;
  return bp;
}

namespace {

// How far a line-final character may hang into the margin, as a share of
// its advance (margin kerning, after microtype's defaults).
double hang_factor(std::string_view last) {
  if (last == "." || last == ",") return 0.8;
  if (last == "-" || last == "\u2010" || last == "\u00ad") return 0.7;
  if (last == "\u2019" || last == "\u201d" || last == "\"" || last == "'") return 0.7;
  if (last == ";" || last == ":") return 0.5;
  if (last == "!" || last == "?") return 0.3;
  if (last == "\u2013") return 0.3;
  if (last == "\u2014" || last == ")") return 0.2;
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_dash(char32_t c) { return c == 0x2013 || c == 0x2014; }

enum class AtomKind : std::uint8_t { Frag, Space, Hard };
struct Atom {
  AtomKind kind;
  int span;
  std::uint32_t b, e;
};

// Spans cut at spaces (code: at ' ' only) and, in fragments, at bidi level changes.
std::vector<Atom> cut_atoms(const std::vector<ParaSpan>& spans, const std::vector<std::vector<std::uint8_t>>& levels) {
  std::vector<Atom> atoms;
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const ParaSpan& sp = spans[s];
    const int si = static_cast<int>(s);
    if (sp.hard_break) {
      atoms.push_back(Atom{AtomKind::Hard, si, 0, 0});
      continue;
    }
    const std::string_view t = sp.text;
    const std::uint8_t* lv = s < levels.size() && levels[s].size() == t.size() ? levels[s].data() : nullptr;
    auto spacing = [&](std::size_t i) { return sp.code ? t[i] == ' ' : is_space(t[i]); };
    std::size_t i = 0;
    while (i < t.size()) {
      const std::size_t b = i;
      const bool space = spacing(i);
      while (i < t.size() && spacing(i) == space && (space || !lv || lv[i] == lv[b])) ++i;
      atoms.push_back(Atom{space ? AtomKind::Space : AtomKind::Frag, si, static_cast<std::uint32_t>(b),
                           static_cast<std::uint32_t>(i)});
    }
  }
  return atoms;
}

// A break point inside a fragment.
struct Pt {
  std::uint32_t at;
  double pen;     // >= kInfinitePenalty: no break (glue only)
  bool flagged;   // a hyphen break, for ladders
  bool hyphen;    // a hyphen is added when broken here
  bool glue;      // stretchable glue between wide characters
};

// Width of text[0, b) for every byte b, in one pass over the glyphs.
std::vector<float> prefix_widths(const Shaped& sh) {
  std::vector<float> cum(sh.text.size() + 1, 0.0f);
  for (const Glyph& g : sh.glyphs)
    if (g.cluster < sh.text.size()) cum[g.cluster + 1] += g.advance;
  for (std::size_t b = 1; b < cum.size(); ++b) cum[b] = cum[b - 1] + cum[b];
  return cum;
}

// A hyphen between letters ("well-known"), not one of a "--" dash or a number range.
bool word_hyphen(std::string_view text, std::size_t hyphen) {
  return hyphen > 0 && text[hyphen - 1] != '-' && hyphen + 1 < text.size() && text[hyphen + 1] != '-' &&
         g_unichar_isalpha(static_cast<gunichar>(char_before(text, hyphen)));
}

// Fragments of letters, digits and quotes and . , ; : only (most words)
// have no UAX #14 opportunity inside: no need to ask.
bool plain_word(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!std::isalnum(c) && c != '\'' && c != '"' && c != '.' && c != ',' && c != ';' && c != ':') return false;
      ++i;
      continue;
    }
    const char32_t cp = char_at(text, i);
    if (!((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x2018 && cp <= 0x201D))) return false;
    i += cp < 0x800 ? 2 : 3;
  }
  return true;
}

// UAX #14 opportunities and dictionary hyphens; glue between wide characters.
// scanned: tb holds the opportunities (plain words have none, nor wide characters).
void inner_points(std::string_view text, bool scanned, const TextBreaks& tb, bool alone, const ParaSettings& s,
                  const Hyphenator& hyph, std::vector<Pt>& pts) {
  std::size_t next = 0;  // walks tb.line alongside the characters
  for (std::size_t i = 0; scanned && i < text.size();) {
    std::size_t j = i + 1;
    while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
    if (j >= text.size()) break;
    const auto at = static_cast<std::uint32_t>(j);
    while (next < tb.line.size() && tb.line[next] < at) ++next;
    const bool may = next < tb.line.size() && tb.line[next] == at;
    const char32_t before = char_at(text, i), after = char_at(text, j);
    if (is_wide(before) || is_wide(after)) {
      // Glue only between two characters that are not both narrow (one
      // wide neighbour is enough: "中文GitHub").
      pts.push_back(Pt{at, may ? 0 : kInfinitePenalty, false, false, true});
    } else if (may && !is_dash(after) && (before != '-' || word_hyphen(text, i))) {
      pts.push_back(Pt{at, s.break_penalty, before == '-', false, false});
    }
    i = j;
  }
  if (s.hyphenate && alone && text.size() >= 5 && hyphenatable(text))
    for (unsigned p : hyph.points(text)) pts.push_back(Pt{p, s.hyphen_penalty, true, true, false});
}

// Emergency breaks inside stretches without a break longer than the line.
void emergency_points(std::string_view text, const TextBreaks& tb, const std::vector<float>& cum, double limit,
                      std::vector<Pt>& pts, const ParaSettings& s) {
  std::vector<std::uint32_t> open{0};
  for (const Pt& p : pts)
    if (p.pen < kInfinitePenalty) open.push_back(p.at);
  open.push_back(static_cast<std::uint32_t>(text.size()));
  std::sort(open.begin(), open.end());
  std::vector<Pt> more;
  std::size_t c = 0;
  for (std::size_t k = 0; k + 1 < open.size(); ++k) {
    const std::uint32_t a = open[k], b = open[k + 1];
    if (cum[b] - cum[a] <= limit) continue;
    while (c < tb.cluster.size() && tb.cluster[c] <= a) ++c;
    for (; c < tb.cluster.size() && tb.cluster[c] < b; ++c) {
      const std::uint32_t at = tb.cluster[c];
      const bool url = url_break_after(text[at - 1]) && !url_break_after(text[at]);
      // Inside a word of letters a hyphen marks the break (and lets a reader
      // or an extractor join the word again); never in a URL, CJK or Arabic.
      const bool hyphen = !url && hyphenatable_letter(char_before(text, at)) && hyphenatable_letter(char_at(text, at));
      more.push_back(Pt{at, url ? s.url_penalty : s.cluster_penalty, false, hyphen, false});
    }
  }
  pts.insert(pts.end(), more.begin(), more.end());
}

// Sorted by position; one point per position: the lowest penalty, glue kept.
void merge_points(std::vector<Pt>& pts) {
  std::sort(pts.begin(), pts.end(), [](const Pt& x, const Pt& y) { return x.at < y.at || (x.at == y.at && x.pen < y.pen); });
  std::size_t out = 0;
  for (std::size_t k = 0; k < pts.size(); ++k) {
    if (out > 0 && pts[out - 1].at == pts[k].at) {
      pts[out - 1].glue = pts[out - 1].glue || pts[k].glue;
      continue;
    }
    pts[out++] = pts[k];
  }
  pts.resize(out);
}

class ItemBuilder {
 public:
  ItemBuilder(const std::vector<ParaSpan>& spans, Measurer& m, const Hyphenator& hyph, const ParaSettings& s,
              ParaItems& out)
      : spans_(spans), m_(m), hyph_(hyph), s_(s), out_(out) {}

  void push(const Item& it, const ParaRef& r) {
    out_.items.push_back(it);
    out_.refs.push_back(r);
  }

  void fragment(const Atom& at, bool alone, std::uint8_t level) {
    const ParaSpan& sp = spans_[static_cast<std::size_t>(at.span)];
    const std::string_view text = sp.text.substr(at.b, at.e - at.b);
    const Shaped* shp = &m_.shape(sp.style, text);
    // Neutrals resolved right to left that the shaper sets left to right
    // (no right-to-left letter among them): reversed and mirrored, unbroken.
    // (One longer than the line stays as it is, to be broken.)
    const bool mirrored = (level % 2) && shp->width <= s_.measure * 0.95 &&
                          std::none_of(shp->segments.begin(), shp->segments.end(),
                                       [](const Shaped::Segment& g) { return g.rtl; });
    if (mirrored) shp = &m_.shape(sp.style, mirrored_neutrals(text));
    const Shaped& sh = *shp;
    const int fi = static_cast<int>(out_.frags.size());
    out_.frags.push_back(ParaFrag{at.span, at.b, at.e, &sh, level});
    std::vector<Pt> pts;
    if (!sp.note && !mirrored) {
      const bool too_wide = sh.width > s_.measure * 0.95;
      const bool scan = (!sp.code && !plain_word(text)) || too_wide;
      const TextBreaks tb = scan ? find_breaks(text, s_.language) : TextBreaks{};
      if (!sp.code) inner_points(text, scan, tb, alone, s_, hyph_, pts);
      std::vector<float> cum;
      if (too_wide) {
        cum = prefix_widths(sh);
        emergency_points(text, tb, cum, s_.measure * 0.95, pts, s_);
      }
      if (!pts.empty()) {
        merge_points(pts);
        if (cum.empty()) cum = prefix_widths(sh);
        emit_points(sp, text, at.b, fi, pts, sh, cum);
      }
    }
    push(Item::box((pts.empty() ? sh.width : total_w_) - prev_w_), ParaRef{fi, at.b + prev_, at.e});
    last_hang_ = s_.hanging && !sp.note ? trailing_hang(sh) : 0;
  }

  // Items for the break points of one fragment. Pieces between glue points
  // are drawn as runs of their own, so each is measured as shaped alone.
  void emit_points(const ParaSpan& sp, std::string_view text, std::uint32_t base, int fi, const std::vector<Pt>& pts,
                   const Shaped& whole, std::vector<float>& cum) {
    prev_ = 0;
    prev_w_ = 0;
    const double hyphen_w = m_.shape(sp.style, "-").width;
    const double hyphen_hang = s_.hanging ? std::min(3.5, hyphen_w * 0.7) : 0;
    const double cjk = s_.cjk_stretch * sp.size;
    // The current segment: [seg_b, seg_e), shaped as seg, after seg_w of width.
    std::size_t k = 0;
    auto next_glue = [&](std::size_t from) {
      while (from < pts.size() && !pts[from].glue) ++from;
      return from < pts.size() ? pts[from].at : static_cast<std::uint32_t>(text.size());
    };
    std::uint32_t seg_b = 0, seg_e = next_glue(0);
    const Shaped* seg = seg_e == text.size() ? &whole : &m_.shape(sp.style, text.substr(0, seg_e));
    float seg_w = 0;
    bool own_cum = seg != &whole;
    for (; k < pts.size(); ++k) {
      const Pt& p = pts[k];
      if (p.at <= prev_ || p.at >= text.size()) continue;
      float w;
      if (p.at == seg_e) {
        w = seg_w + seg->width;
      } else {
        if (own_cum) {
          cum = prefix_widths(*seg);
          own_cum = false;
        }
        w = seg_w + cum[p.at - seg_b];
      }
      push(Item::box(w - prev_w_), ParaRef{fi, base + prev_, base + p.at});
      const ParaRef here{fi, base + p.at, base + p.at};
      if (p.glue) {
        if (p.pen > 0) push(Item::pen(0, p.pen, false), p.pen < kInfinitePenalty ? here : ParaRef{});
        push(Item::glue(0, cjk, 0), here);
        seg_b = p.at;
        seg_e = next_glue(k + 1);
        seg = &m_.shape(sp.style, text.substr(seg_b, seg_e - seg_b));
        seg_w = w;
        own_cum = true;
      } else {
        const bool hyphen_end = p.hyphen || text[p.at - 1] == '-';
        push(Item::pen(p.hyphen ? hyphen_w : 0, p.pen, p.flagged, hyphen_end ? hyphen_hang : 0), here);
      }
      prev_ = p.at;
      prev_w_ = w;
    }
    total_w_ = seg_w + seg->width;
  }

  void run(const std::vector<Atom>& atoms, const std::vector<std::vector<std::uint8_t>>& levels) {
    bool pending_space = false, any_box = false;
    int space_style = 0;
    for (std::size_t a = 0; a < atoms.size(); ++a) {
      const Atom& at = atoms[a];
      const ParaSpan& sp = spans_[static_cast<std::size_t>(at.span)];
      if (at.kind == AtomKind::Space) {
        pending_space = any_box;
        space_style = sp.style;
        continue;
      }
      if (at.kind == AtomKind::Hard) {
        push(Item::pen(0, kInfinitePenalty, false), {});
        push(Item::glue(0, kFillStretch, 0), {});
        ParaRef hard;
        hard.hard = true;
        push(Item::pen(0, -kInfinitePenalty, false), hard);
        pending_space = any_box = false;
        continue;
      }
      if (pending_space) {
        const double sw = m_.metrics(space_style).space * s_.space;
        ParaRef r;
        r.word_space = true;
        push(Item::glue(sw, sw * s_.stretch, sw * s_.shrink, last_hang_), r);
        pending_space = false;
      }
      prev_ = 0;
      prev_w_ = 0;
      const bool alone = (a == 0 || atoms[a - 1].kind != AtomKind::Frag) &&
                         (a + 1 == atoms.size() || atoms[a + 1].kind != AtomKind::Frag);
      const std::size_t si = static_cast<std::size_t>(at.span);
      const bool leveled = si < levels.size() && levels[si].size() > at.b;
      fragment(at, alone, leveled ? levels[si][at.b] : 0);
      any_box = true;
    }
    push(Item::pen(0, kInfinitePenalty, false), {});
    push(Item::glue(0, kFillStretch, 0), {});
    push(Item::pen(0, -kInfinitePenalty, false), {});
  }

 private:
  const std::vector<ParaSpan>& spans_;
  Measurer& m_;
  const Hyphenator& hyph_;
  const ParaSettings& s_;
  ParaItems& out_;
  std::uint32_t prev_ = 0;
  float prev_w_ = 0;
  float total_w_ = 0;  // measured width of the fragment, piece by piece
  double last_hang_ = 0;
};

}  // namespace

double trailing_hang(const Shaped& sh) {
  const std::string& t = sh.text;
  if (t.empty()) return 0;
  std::size_t s = t.size() - 1;
  while (s > 0 && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
  const double f = hang_factor(std::string_view(t).substr(s));
  if (f == 0) return 0;
  double adv = 0;
  for (const Glyph& g : sh.glyphs)
    if (g.cluster == s) adv += g.advance;
  return std::min(3.5, adv * f);
}

std::vector<LinePiece> line_pieces(const ParaItems& pi, std::size_t start, std::size_t brk) {
  std::vector<LinePiece> pieces;
  double gap = 0, gst = 0, gsh = 0;
  bool glued = false, word_space = false;
  for (std::size_t k = start; k < brk; ++k) {
    const Item& it = pi.items[k];
    const ParaRef& r = pi.refs[k];
    if (it.type == ItemType::Box) {
      if (!pieces.empty() && !glued && pieces.back().frag == r.frag && pieces.back().to == r.from) {
        pieces.back().to = r.to;
      } else {
        pieces.push_back(LinePiece{r.frag, r.from, r.to, false, gap, gst, gsh, word_space && !pieces.empty()});
        gap = gst = gsh = 0;
        glued = word_space = false;
      }
    } else if (it.type == ItemType::Glue && it.stretch < kFillStretch) {
      gap += it.width;
      gst += it.stretch;
      gsh += it.shrink;
      glued = true;
      word_space = word_space || r.word_space;
    }
  }
  const Item& end = pi.items[brk];
  if (end.type == ItemType::Penalty && end.width > 0 && !pieces.empty()) pieces.back().hyphen = true;
  return pieces;
}

ParaItems build_items(const std::vector<ParaSpan>& spans, const std::vector<std::vector<std::uint8_t>>& levels,
                      Measurer& m, const Hyphenator& hyph, const ParaSettings& s) {
  ParaItems out;
  out.items.reserve(spans.size() * 8);
  out.refs.reserve(spans.size() * 8);
  ItemBuilder(spans, m, hyph, s, out).run(cut_atoms(spans, levels), levels);
  return out;
}

}  // namespace galley::layout
