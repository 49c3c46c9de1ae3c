#include "pdf/glyph_texts.hpp"

#include <cairo.h>
#include <glib.h>
#include <hb-ot.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include <memory>

#include "util/utf8.hpp"

namespace galley::pdf {

namespace {

bool private_use(char32_t cp) { return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000; }

std::string postscript_name(hb_font_t* font) {
  char buf[256];
  unsigned int size = sizeof buf;
  const unsigned int n =
      hb_ot_name_get_utf8(hb_font_get_face(font), HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, buf);
  return n > 0 ? std::string(buf, size) : std::string();
}

bool is_mark(gunichar c) {
  const GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

// Scripts whose shaping moves glyphs out of the text's order (an Indic
// vowel sign drawn before its consonant): their clusters are never split.
bool reordering(gunichar c) {
  return (c >= 0x0900 && c <= 0x0DFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
         (c >= 0xA8E0 && c <= 0xA8FF);
}

}  // namespace

std::vector<ClusterSpan> split_cluster(std::string_view text, int glyphs) {
  const int bytes = static_cast<int>(text.size());
  if (glyphs < 2 || text.empty() || !g_utf8_validate(text.data(), bytes, nullptr)) return {{bytes, glyphs}};
  const char* first_end = g_utf8_next_char(text.data());
  const int base = static_cast<int>(first_end - text.data());
  if (base == bytes || is_mark(g_utf8_get_char(text.data())) || reordering(g_utf8_get_char(text.data())))
    return {{bytes, glyphs}};
  std::vector<ClusterSpan> marks;  // one per mark
  for (const char* p = first_end; p < text.data() + bytes; p = g_utf8_next_char(p)) {
    if (!is_mark(g_utf8_get_char(p))) return {{bytes, glyphs}};
    marks.push_back({static_cast<int>(g_utf8_next_char(p) - p), 1});
  }
  // A glyph per mark (Thai "สั้": the letter, its vowel, its tone): each its own.
  if (static_cast<int>(marks.size()) == glyphs - 1) {
    marks.insert(marks.begin(), {base, 1});
    return marks;
  }
  return {{base, 1}, {bytes - base, glyphs - 1}};
}

GlyphTexts::Font& GlyphTexts::font(int index) {
  const auto i = static_cast<std::size_t>(index);
  if (i >= by_font_.size()) by_font_.resize(i + 1);
  return by_font_[i];
}

void GlyphTexts::record(int index, std::uint32_t glyph, std::string_view text) {
  Font& f = font(index);
  if (glyph >= f.text.size()) {
    f.text.resize(glyph + 1);
    f.conflict.resize(glyph + 1);
  }
  std::string& t = f.text[glyph];
  if (t.empty())
    t.assign(text);
  else if (t != text)
    f.conflict[glyph] = true;
}

std::optional<std::string> GlyphTexts::text_for(std::string_view ps_name, char32_t cp) {
  for (std::size_t i = 0; i < by_font_.size(); ++i) {
    Font& f = by_font_[i];
    if (f.text.empty()) continue;
    hb_font_t* hb = pango_font_get_hb_font(fonts_.font(static_cast<int>(i)));
    if (!hb) continue;
    if (!f.ps_name) f.ps_name = postscript_name(hb);
    hb_codepoint_t glyph = 0;
    if (*f.ps_name != ps_name || !hb_font_get_nominal_glyph(hb, cp, &glyph) || glyph >= f.text.size()) continue;
    // A glyph drawn for several texts keeps its presentation form's decomposition.
    if (!f.text[glyph].empty() && (!f.conflict[glyph] || private_use(cp))) return f.text[glyph];
  }
  if (private_use(cp)) return std::nullopt;
  std::string s;
  append_utf8(s, cp);
  std::unique_ptr<gchar, decltype(&g_free)> nfkc(g_utf8_normalize(s.data(), static_cast<gssize>(s.size()), G_NORMALIZE_NFKC),
                                                 g_free);
  if (!nfkc || s == nfkc.get()) return std::nullopt;
  return std::string(nfkc.get());
}

const GlyphTexts::Space& GlyphTexts::space(int index) {
  Font& f = font(index);
  if (!f.space) {
    Space s;
    PangoFont* pf = fonts_.font(index);
    hb_codepoint_t glyph = 0;
    if (hb_font_t* hb = pango_font_get_hb_font(pf); hb && hb_font_get_nominal_glyph(hb, 0x20, &glyph)) {
      s.glyph = glyph;
      s.present = true;
    }
    cairo_scaled_font_t* sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
    cairo_matrix_t m;
    cairo_scaled_font_get_font_matrix(sf, &m);
    s.em = m.yy;
    if (s.present) {
      cairo_glyph_t g{s.glyph, 0, 0};
      cairo_text_extents_t ext;
      cairo_scaled_font_glyph_extents(sf, &g, 1, &ext);
      s.advance = ext.x_advance;
    }
    f.space = s;
  }
  return *f.space;
}

}  // namespace galley::pdf
