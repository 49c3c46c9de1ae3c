#include "cover/design.hpp"

#include <pango/pangocairo.h>

#include <algorithm>

#include "layout/fonts.hpp"

namespace galley::cover {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Fractions of a panel: the design's proportions.
constexpr double kSide = 0.1;         // side margin, of the width
constexpr double kTitleTop = 0.2;     // of the height
constexpr double kTitleMax = 0.36;    // the tallest title block, of the height
constexpr double kAuthorFoot = 0.86;  // where the author's block ends, of the height

int pango_units(double v) { return static_cast<int>(v * PANGO_SCALE + 0.5); }

double layout_height(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double layout_width(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

// At most `limit` characters, cut at a word when one ends near the limit,
// with an ellipsis: a cover shows a few lines, and laying out a title of
// many thousand characters at shrinking sizes would take seconds.
std::string shown(const std::string& s, std::size_t limit) {
  std::size_t chars = 0, cut = 0;
  for (; cut < s.size(); ++cut)
    if ((static_cast<unsigned char>(s[cut]) & 0xC0) != 0x80 && chars++ == limit) break;
  if (cut >= s.size()) return s;
  const std::size_t space = s.rfind(' ', cut);
  if (space != std::string::npos && space > cut * 7 / 10) cut = space;
  return s.substr(0, cut) + "\u2026";
}

}  // namespace

CoverText cover_text(const doc::Metadata& m) {
  CoverText t{shown(m.title, 300), blank(m.subtitle) ? std::string() : shown(m.subtitle, 300), {},
              blank(m.description) ? std::string() : shown(m.description, 3000)};
  for (const auto& a : m.authors) {
    if (blank(a)) continue;
    if (!t.author.empty()) t.author += ", ";
    t.author += a;
  }
  t.author = shown(t.author, 200);
  return t;
}

std::string alt_text(const CoverText& t) {
  std::string alt = "Cover: " + t.title;
  if (!t.subtitle.empty()) alt += ": " + t.subtitle;
  if (!t.author.empty()) alt += ", by " + t.author;
  return alt;
}

Rect barcode_box(const Rect& back, double scale) {
  const double w = 2.0 * 72 * scale, h = 1.2 * 72 * scale, inset = 0.25 * 72 * scale;
  return {back.x + back.w - inset - w, back.y + back.h - inset - h, w, h};
}

PangoLayout* Painter::make_layout(const std::string& text, layout::CoverFace face, double size, double width,
                                  bool center) const {
  PangoLayout* l = pango_layout_new(context_);
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, layout::FontSystem::families(false));
  pango_font_description_set_weight(d, face.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(d, face.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size(d, pango_units(size));
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  if (width > 0) {
    pango_layout_set_width(l, pango_units(width));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(l, center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
  return l;
}

void Painter::front(Canvas& canvas, const Rect& p, const CoverText& text) const {
  const double side = p.w * kSide, width = p.w - 2 * side;
  // The title at its size, smaller when it would take more than its share.
  double size = style_.title_size * scale_;
  PangoLayout* title = make_layout(text.title, style_.title_face, size, width, true);
  for (int i = 0; i < 12 && layout_height(title) > p.h * kTitleMax; ++i) {
    g_object_unref(title);
    size *= 0.88;
    title = make_layout(text.title, style_.title_face, size, width, true);
  }
  double y = p.y + p.h * kTitleTop;
  canvas.text(Ink::Text, p.x + side, y, title);
  y += layout_height(title);
  g_object_unref(title);
  if (!text.subtitle.empty()) {
    y += style_.subtitle_size * scale_ * 0.6;
    PangoLayout* sub = make_layout(text.subtitle, style_.subtitle_face, style_.subtitle_size * scale_, width, true);
    canvas.text(Ink::Text, p.x + side, y, sub);
    y += layout_height(sub);
    g_object_unref(sub);
  }
  // The accent rule, then the author at the foot.
  const double rule_w = p.w * 0.22, rule_h = std::max(1.2 * scale_, p.w * 0.004);
  y += style_.title_size * scale_ * 0.8;
  canvas.rect(Ink::Accent, {p.x + (p.w - rule_w) / 2, y, rule_w, rule_h});
  if (!text.author.empty()) {
    PangoLayout* author = make_layout(text.author, style_.author_face, style_.author_size * scale_, width, true);
    const double top = std::max(y + rule_h + style_.author_size * scale_, p.y + p.h * kAuthorFoot - layout_height(author));
    canvas.text(Ink::Text, p.x + side, top, author);
    g_object_unref(author);
  }
}

void Painter::spine(Canvas& canvas, const Rect& p, const CoverText& text) const {
  // Lengthwise, reading top to bottom: the title from the top, the author
  // towards the foot; one line each, cut with an ellipsis when too long.
  const double inset = std::min(0.5 * 72 * scale_, p.h * 0.08);
  const double size = std::min(style_.spine_size * scale_, p.w * 0.5);
  const double room = p.h - 2 * inset;
  PangoLayout* author = text.author.empty() ? nullptr : make_layout(text.author, style_.author_face, size, -1, false);
  double author_len = 0;
  if (author) {  // at most a third of the spine
    author_len = std::min(layout_width(author), room * 0.35);
    pango_layout_set_width(author, pango_units(author_len));
    pango_layout_set_ellipsize(author, PANGO_ELLIPSIZE_END);
  }
  PangoLayout* title = make_layout(text.title, style_.title_face, size, -1, false);
  const double gap = author ? size * 2 : 0;
  pango_layout_set_width(title, pango_units(room - author_len - gap));
  pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
  canvas.text(Ink::Text, p.x + (p.w + layout_height(title)) / 2, p.y + inset, title, true);
  g_object_unref(title);
  if (author) {
    canvas.text(Ink::Text, p.x + (p.w + layout_height(author)) / 2, p.y + p.h - inset - author_len, author, true);
    g_object_unref(author);
  }
}

bool Painter::back(Canvas& canvas, const Rect& p, const CoverText& text) const {
  const Rect box = barcode_box(p, scale_);
  bool whole = true;
  if (!text.description.empty()) {
    const double side = p.w * kSide, top = p.y + p.h * 0.12;
    PangoLayout* l = make_layout(text.description, {}, style_.back_size * scale_, p.w - 2 * side, false);
    pango_layout_set_justify(l, TRUE);
    pango_layout_set_spacing(l, pango_units(style_.back_size * scale_ * 0.3));
    // What does not fit above the barcode box ends in an ellipsis.
    pango_layout_set_height(l, pango_units(box.y - style_.back_size * scale_ * 2 - top));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    canvas.text(Ink::Text, p.x + side, top, l);
    whole = !pango_layout_is_ellipsized(l);
    g_object_unref(l);
  }
  canvas.rect(Ink::Paper, box);
  canvas.frame(Ink::Frame, box, 0.5 * scale_);
  return whole;
}

}  // namespace galley::cover
