#include "layout/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>

#include "util/memory.hpp"
#include "util/utf8.hpp"

namespace galley::layout {

namespace {

std::uint32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::uint32_t cp;
  unsigned n;
  if (c < 0x80) { cp = c; n = 1; }
  else if (c < 0xE0) { cp = c & 0x1F; n = 2; }
  else if (c < 0xF0) { cp = c & 0x0F; n = 3; }
  else { cp = c & 0x07; n = 4; }
  std::size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += k;
  return cp;
}

// The direction of the first character with a script of its own (Arabic:
// right to left; Latin, Han: left to right); left to right when none has.
hb_direction_t text_direction(std::string_view text) {
  hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
  for (std::size_t i = 0; i < text.size();) {
    const hb_script_t sc = hb_unicode_script(uf, decode_utf8(text, i));
    if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN) continue;
    const hb_direction_t d = hb_script_get_horizontal_direction(sc);
    if (d == HB_DIRECTION_RTL || d == HB_DIRECTION_LTR) return d;
  }
  return HB_DIRECTION_LTR;
}

// Digits (and their separators) without a letter: a number, set left to right in any script.
bool number_run(std::string_view text) {
  bool digit = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::uint32_t cp = decode_utf8(text, i);
    if (g_unichar_isalpha(cp)) return false;
    digit = digit || g_unichar_isdigit(cp);
  }
  return digit;
}

bool is_mark(std::uint32_t cp) {
  const auto gc = g_unichar_type(cp);
  return gc == G_UNICODE_NON_SPACING_MARK || gc == G_UNICODE_SPACING_MARK || gc == G_UNICODE_ENCLOSING_MARK ||
         cp == 0x200D || cp == 0x200C || (cp >= 0xFE00 && cp <= 0xFE0F);
}

bool is_invisible(std::uint32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || (cp >= 0x200C && cp <= 0x200F);
}

}  // namespace

float Shaped::prefix_width(std::uint32_t byte) const {
  float w = 0;
  for (const Glyph& g : glyphs)
    if (g.cluster < byte) w += g.advance;
  return w;
}

bool needs_cjk(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0xE1) {
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
      continue;
    }
    const std::uint32_t cp = decode_utf8(text, i);
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1100 && cp <= 0x11FF) || cp >= 0x20000)
      return true;
  }
  return false;
}

namespace {

// Scripts whose faces live in fonts/scripts/ (NAME-Regular.ttf, NAME-Bold.ttf),
// by their Unicode blocks.
struct ScriptFace {
  char32_t first, last;
  const char* name;
};
constexpr ScriptFace kScriptFaces[] = {
    {0x0530, 0x058F, "NotoSerifArmenian"},  {0x0900, 0x097F, "NotoSerifDevanagari"},
    {0x0980, 0x09FF, "NotoSerifBengali"},   {0x0A00, 0x0A7F, "NotoSerifGurmukhi"},
    {0x0A80, 0x0AFF, "NotoSerifGujarati"},  {0x0B80, 0x0BFF, "NotoSerifTamil"},
    {0x0C00, 0x0C7F, "NotoSerifTelugu"},    {0x0C80, 0x0CFF, "NotoSerifKannada"},
    {0x0D00, 0x0D7F, "NotoSerifMalayalam"}, {0x0D80, 0x0DFF, "NotoSerifSinhala"},
    {0x0E00, 0x0E7F, "NotoSerifThai"},      {0x0E80, 0x0EFF, "NotoSerifLao"},
    {0x1000, 0x109F, "NotoSerifMyanmar"},   {0x10A0, 0x10FF, "NotoSerifGeorgian"},
    {0x1200, 0x139F, "NotoSerifEthiopic"},  {0x1780, 0x17FF, "NotoSerifKhmer"},
};

}  // namespace

std::vector<std::filesystem::path> faces_for(std::string_view text, const std::filesystem::path& fonts_dir,
                                             const std::filesystem::path& cjk_file) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!cjk_file.empty() && needs_cjk(text) && std::filesystem::is_regular_file(cjk_file, ec)) out.push_back(cjk_file);
  bool used[std::size(kScriptFaces)] = {};
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0xD4) {  // below U+0500: nothing to look up
      const auto c = static_cast<unsigned char>(text[i]);
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      continue;
    }
    const char32_t cp = decode_utf8(text, i);
    if (cp > 0x17FF) continue;
    for (std::size_t k = 0; k < std::size(kScriptFaces); ++k)
      if (cp >= kScriptFaces[k].first && cp <= kScriptFaces[k].last) used[k] = true;
  }
  for (std::size_t k = 0; k < std::size(kScriptFaces); ++k) {
    if (!used[k]) continue;
    for (const char* weight : {"-Regular.ttf", "-Bold.ttf"}) {
      const auto file = fonts_dir / "scripts" / (std::string(kScriptFaces[k].name) + weight);
      if (std::filesystem::is_regular_file(file, ec)) out.push_back(file);
    }
  }
  return out;
}

namespace {

// The extra faces as one key (a face per line).
std::string faces_key(const std::vector<std::filesystem::path>& faces) {
  std::string key;
  for (const auto& f : faces) key += f.string() + "\n";
  return key;
}

// The private configurations, built once per process for each (fonts folder,
// CJK file) and never destroyed: adding the faces means parsing every font
// file, which costs more than laying out a short article. A finished FcConfig
// is only read afterwards (font sorting and matching), which fontconfig
// allows from several threads; each FontSystem gives it to its own Pango font
// map, which takes a reference of its own.
FcConfig* shared_config(const std::filesystem::path& fonts_dir, const std::vector<std::filesystem::path>& extra_faces) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, FcConfig*> built;
  std::error_code ec;
  std::lock_guard<std::mutex> lock(mu);
  const auto key = std::make_pair(fonts_dir.string(), faces_key(extra_faces));
  if (auto it = built.find(key); it != built.end()) return it->second;
  FcConfig* cfg = FcConfigCreate();
  // Files one by one (sorted, for a stable order): FcConfigAppFontAddDir
  // would try to write a cache the private configuration has no place for.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fonts_dir, ec)) {
    const auto ext = entry.path().extension().string();
    if (ext == ".otf" || ext == ".ttf" || ext == ".ttc" || ext == ".OTF" || ext == ".TTF") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  int added = 0;
  for (const auto& f : files) added += FcConfigAppFontAddFile(cfg, reinterpret_cast<const FcChar8*>(f.c_str())) ? 1 : 0;
  if (added == 0) {
    FcConfigDestroy(cfg);
    throw Error("", "no usable font in the fonts folder " + fonts_dir.string());
  }
  for (const auto& f : extra_faces) FcConfigAppFontAddFile(cfg, reinterpret_cast<const FcChar8*>(f.c_str()));
  // Pango's font maps run FcInit on a thread of their own, which loads the
  // system's default configuration and every installed font (nothing galley
  // uses). With a current configuration in place FcInit has nothing to do:
  // the first private configuration becomes the current one, before the
  // first font map exists. Font selection still goes through each font map's
  // own configuration, so the output does not change.
  if (built.empty()) FcConfigSetCurrent(cfg);
  built.emplace(key, cfg);
  return cfg;
}

}  // namespace

FontSystem::FontSystem(const std::filesystem::path& fonts_dir, const std::vector<std::filesystem::path>& extra_faces,
                       const std::string& language) {
  FcConfig* cfg = shared_config(fonts_dir, extra_faces);
  config_ = cfg;
  PangoFontMap* fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (!fm) throw Error("", "Pango has no FreeType font map");
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
  fontmap_ = fm;
  PangoContext* ctx = pango_font_map_create_context(fm);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  PangoLanguage* lang = pango_language_from_string(language.empty() ? "en" : language.c_str());
  pango_context_set_language(ctx, lang);
  context_ = ctx;
  language_ = lang;
}

FontSystem::~FontSystem() {
  for (auto& s : style_entries_)
    if (s.fontset) g_object_unref(s.fontset);
  for (auto& f : fonts_) g_object_unref(f.font);
  if (context_) g_object_unref(context_);
  if (fontmap_) g_object_unref(fontmap_);
}

int FontSystem::font_index(PangoFont* font, double size) {
  for (std::size_t i = 0; i < fonts_.size(); ++i)
    if (fonts_[i].font == font) {
      g_object_unref(font);
      return static_cast<int>(i);
    }
  FontEntry e;
  e.font = font;
  hb_font_t* hb = pango_font_get_hb_font(font);
  e.hb_font = hb;
  int xs = 0, ys = 0;
  hb_font_get_scale(hb, &xs, &ys);
  e.scale = xs != 0 ? size / xs : 1.0 / PANGO_SCALE;
  fonts_.push_back(e);
  return static_cast<int>(fonts_.size() - 1);
}

const char* FontSystem::families(bool mono) {
  // The faces of fonts/scripts/ (when added) follow after these, in
  // fontconfig's order of coverage.
  return mono ? "Noto Sans Mono,Linux Libertine O,Noto Serif,Noto Naskh Arabic,Noto Serif CJK SC"
              : "Linux Libertine O,Noto Serif,Noto Naskh Arabic,Noto Serif CJK SC";
}

int FontSystem::style_id(Face face, double size, double rise) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  for (std::size_t i = 0; i < styles_.size(); ++i)
    if (styles_[i].face == face && styles_[i].size == size && styles_[i].rise == rise) return static_cast<int>(i);
  PangoFontDescription* d = pango_font_description_new();
  const bool mono = face == Face::Mono || face == Face::MonoBold;
  pango_font_description_set_family(d, families(mono));
  pango_font_description_set_weight(
      d, face == Face::Bold || face == Face::BoldItalic || face == Face::MonoBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(d, face == Face::Italic || face == Face::BoldItalic ? PANGO_STYLE_ITALIC
                                                                                       : PANGO_STYLE_NORMAL);
  pango_font_description_set_size(d, static_cast<int>(size * PANGO_SCALE + 0.5));
  auto* fm = static_cast<PangoFontMap*>(fontmap_);
  auto* ctx = static_cast<PangoContext*>(context_);
  PangoFont* font = pango_font_map_load_font(fm, ctx, d);
  StyleEntry se;
  se.fontset = pango_font_map_load_fontset(fm, ctx, d, static_cast<PangoLanguage*>(language_));
  pango_font_description_free(d);
  if (!font) throw Error("", "no usable font in the fonts folder");
  const double real_size = static_cast<double>(static_cast<int>(size * PANGO_SCALE + 0.5)) / PANGO_SCALE;
  se.primary = font_index(font, real_size);
  styles_.push_back(StyleSpec{face, size, rise});
  cache_.emplace_back();
  style_entries_.push_back(se);
  return static_cast<int>(styles_.size() - 1);
}

FontMetrics FontSystem::metrics(int style) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const StyleEntry& se = style_entries_[static_cast<std::size_t>(style)];
  PangoFontMetrics* m = pango_font_get_metrics(fonts_[static_cast<std::size_t>(se.primary)].font,
                                                static_cast<PangoLanguage*>(language_));
  FontMetrics out;
  out.ascent = pango_font_metrics_get_ascent(m) / static_cast<double>(PANGO_SCALE);
  out.descent = pango_font_metrics_get_descent(m) / static_cast<double>(PANGO_SCALE);
  pango_font_metrics_unref(m);
  out.space = shape(style, " ").width;
  return out;
}

namespace {

// One HarfBuzz buffer per thread: words are shaped outside the font
// system's lock, so two layout threads shape at the same time.
hb_buffer_t* thread_buffer() {
  struct Holder {
    hb_buffer_t* buffer = hb_buffer_create();
    ~Holder() { hb_buffer_destroy(buffer); }
  };
  thread_local Holder holder;
  return holder.buffer;
}

}  // namespace

FontSystem::FontEntry FontSystem::font_entry(int font) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return fonts_[static_cast<std::size_t>(font)];
}

void FontSystem::shape_run(int font, std::string_view text, std::uint32_t begin, std::uint32_t end, Shaped& out,
                           bool rtl_text) {
  const FontEntry fe = font_entry(font);
  hb_buffer_t* buf = thread_buffer();
  hb_buffer_clear_contents(buf);
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), begin, static_cast<int>(end - begin));
  hb_buffer_guess_segment_properties(buf);
  const hb_script_t script = hb_buffer_get_script(buf);
  if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN)
    hb_buffer_set_direction(buf, rtl_text ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);  // punctuation follows its word
  else if (hb_buffer_get_direction(buf) == HB_DIRECTION_RTL && number_run(text.substr(begin, end - begin)))
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);  // Arabic-Indic digits read left to right
  hb_shape(static_cast<hb_font_t*>(fe.hb_font), buf, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
  Shaped::Segment seg;
  seg.font = font;
  seg.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
  seg.text_begin = begin;
  seg.text_end = end;
  seg.rtl = hb_buffer_get_direction(buf) == HB_DIRECTION_RTL;
  // Exactly the glyphs needed for a word of one run (a document of many
  // different words keeps every shaped word until its pages are painted);
  // growth by doubling for a word of many runs.
  if (const std::size_t need = out.glyphs.size() + count; need > out.glyphs.capacity())
    out.glyphs.reserve(std::max(need, 2 * out.glyphs.capacity()));
  for (unsigned i = 0; i < count; ++i) {
    Glyph g;
    g.id = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.advance = static_cast<float>(pos[i].x_advance * fe.scale);
    g.x_offset = static_cast<float>(pos[i].x_offset * fe.scale);
    g.y_offset = static_cast<float>(-pos[i].y_offset * fe.scale);
    out.width += g.advance;
    out.glyphs.push_back(g);
  }
  seg.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
  out.segments.push_back(seg);
}

// Stream-safe text (UAX #15) has at most 30 non-starters in a row.
constexpr std::size_t kMaxMarksInCluster = 30;

// Called without the lock: what it reads of the shared tables (the style's
// entry, font entries) it copies under the lock, and fallback fonts (Pango,
// not thread-safe) are looked up under it.
void FontSystem::shape_into(int style, std::string_view text, Shaped& out) {
  out.text.assign(text);
  const bool rtl = text_direction(text) == HB_DIRECTION_RTL;
  StyleEntry se;
  hb_font_t* primary_hb = nullptr;
  {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    se = style_entries_[static_cast<std::size_t>(style)];
    primary_hb = static_cast<hb_font_t*>(fonts_[static_cast<std::size_t>(se.primary)].hb_font);
  }
  // Choose a font per character: the primary face when it has the glyph,
  // else the fontset's fallback; marks stay with their base.
  int run_font = -1;
  std::uint32_t run_begin = 0;
  std::size_t marks_in_row = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const std::uint32_t cp = decode_utf8(text, i);
    // HarfBuzz's time grows with the square of a cluster's length: a run of
    // more combining marks than stream-safe text has (UAX #15: 30) is shaped
    // in pieces of that many. Every mark is kept; only their stacking over
    // the base may differ past the first 30.
    marks_in_row = is_mark(cp) ? marks_in_row + 1 : 0;
    if (run_font >= 0 && marks_in_row > kMaxMarksInCluster && marks_in_row % kMaxMarksInCluster == 1) {
      shape_run(run_font, text, run_begin, static_cast<std::uint32_t>(at), out, rtl);
      run_begin = static_cast<std::uint32_t>(at);
      out.split_cluster = true;
    }
    int f = se.primary;
    hb_codepoint_t gid = 0;
    if (cp < 0x20 || cp == ' ' || is_invisible(cp) || (run_font >= 0 && is_mark(cp))) {
      f = run_font >= 0 ? run_font : se.primary;
    } else if (!hb_font_get_nominal_glyph(primary_hb, cp, &gid)) {
      std::lock_guard<std::recursive_mutex> lock(mu_);
      PangoFont* fb = pango_fontset_get_font(static_cast<PangoFontset*>(se.fontset), cp);
      if (fb && pango_font_has_char(fb, cp)) {
        PangoFontDescription* fd = pango_font_describe(fb);
        const double sz = pango_font_description_get_size(fd) / static_cast<double>(PANGO_SCALE);
        pango_font_description_free(fd);
        f = font_index(fb, sz);
      } else {
        if (fb) g_object_unref(fb);
        if (std::find(out.missing.begin(), out.missing.end(), cp) == out.missing.end()) out.missing.push_back(cp);
      }
    }
    if (f != run_font) {
      if (run_font >= 0) shape_run(run_font, text, run_begin, static_cast<std::uint32_t>(at), out, rtl);
      run_font = f;
      run_begin = static_cast<std::uint32_t>(at);
    }
  }
  if (run_font >= 0) shape_run(run_font, text, run_begin, static_cast<std::uint32_t>(text.size()), out, rtl);
  // Font runs of a right-to-left word are drawn right to left.
  if (out.segments.size() > 1 && rtl)
    std::reverse(out.segments.begin(), out.segments.end());
}

// Missing characters are kept with the shaped word, so a word shaped for an
// earlier document still warns in this one.
void FontSystem::report_missing(const Shaped& shaped) {
  for (std::uint32_t cp : shaped.missing) {
    // The task-list boxes no face has are drawn by the PDF painter itself.
    if (cp == 0x2610 || cp == 0x2612) continue;
    if (missing_seen_[cp]) continue;
    missing_seen_[cp] = true;
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", cp);
    std::string text;
    append_utf8(text, static_cast<char32_t>(cp));
    missing_.push_back(std::string(code) + " '" + text + "'");
  }
}

const Shaped& FontSystem::shape(int style, std::string_view text) {
  {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    auto& cache = cache_[static_cast<std::size_t>(style)];
    auto it = cache.find(text);
    if (it != cache.end()) {
      if (!it->second->missing.empty()) report_missing(*it->second);
      split_seen_ = split_seen_ || it->second->split_cluster;
      return *it->second;
    }
  }
  // Shaped outside the lock; when another thread stored the same word
  // meanwhile, its copy wins (both are the same glyphs).
  auto s = std::make_unique<Shaped>();
  shape_into(style, text, *s);
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto& cache = cache_[static_cast<std::size_t>(style)];
  auto [it, added] = cache.emplace(std::string_view(s->text), nullptr);
  if (added) {
    it->second = std::move(s);
    ++cached_;
  }
  if (!it->second->missing.empty()) report_missing(*it->second);
  split_seen_ = split_seen_ || it->second->split_cluster;
  return *it->second;
}

namespace {

// Idle font systems, by (fonts folder, CJK file, language). At most
// kMaxIdle wait in the pool (the oldest goes first), and each keeps at most
// kMaxCachedWords shaped words, so memory stays bounded over any corpus.
constexpr std::size_t kMaxIdle = 8;
constexpr std::size_t kMaxCachedWords = 60000;

}  // namespace

void FontSystem::reset_for_next_document(std::size_t max_cached) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  missing_.clear();
  missing_seen_.clear();
  split_seen_ = false;
  if (cached_ > max_cached) {
    for (auto& c : cache_) decltype(cache_)::value_type().swap(c);
    cached_ = 0;
  }
}

void FontSystem::pages_painted() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (cached_ > kMaxCachedWords) {
    for (auto& c : cache_) decltype(cache_)::value_type().swap(c);
    cached_ = 0;
    release_free_memory();  // with the words, the painted pages' runs
  }
}

namespace {

struct Pool {
  using Key = std::tuple<std::string, std::string, std::string>;
  std::mutex mu;
  std::vector<std::pair<Key, std::unique_ptr<FontSystem>>> idle;  // oldest first
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: font systems may return during exit
  return *p;
}

}  // namespace

std::shared_ptr<FontSystem> FontSystem::acquire(const std::filesystem::path& fonts_dir,
                                                const std::vector<std::filesystem::path>& extra_faces,
                                                const std::string& language) {
  Pool::Key key{fonts_dir.string(), faces_key(extra_faces), language};
  std::unique_ptr<FontSystem> fs;
  {
    Pool& p = pool();
    std::lock_guard<std::mutex> lock(p.mu);
    for (auto it = p.idle.rbegin(); it != p.idle.rend(); ++it)
      if (it->first == key) {
        fs = std::move(it->second);
        p.idle.erase(std::next(it).base());
        break;
      }
  }
  if (!fs) fs = std::make_unique<FontSystem>(fonts_dir, extra_faces, language);
  return std::shared_ptr<FontSystem>(fs.release(), [key = std::move(key)](FontSystem* done) {
    std::unique_ptr<FontSystem> owned(done);
    owned->reset_for_next_document(kMaxCachedWords);
    Pool& p = pool();
    std::unique_ptr<FontSystem> evicted;  // destroyed outside the lock
    std::lock_guard<std::mutex> lock(p.mu);
    if (p.idle.size() >= kMaxIdle) {
      evicted = std::move(p.idle.front().second);
      p.idle.erase(p.idle.begin());
    }
    p.idle.emplace_back(key, std::move(owned));
  });
}

bool FontSystem::take_split_clusters() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return std::exchange(split_seen_, false);
}

std::vector<std::string> FontSystem::take_missing() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::vector<std::string> out;
  out.swap(missing_);
  return out;
}

}  // namespace galley::layout
