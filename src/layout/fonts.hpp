// Fonts and shaping. A private fontconfig configuration holds only fonts/
// (and the CJK fallback file when the text needs it), so the output never
// depends on the fonts installed on the machine. Words are shaped with
// HarfBuzz through the Pango fonts, once per (style, text): a book repeats
// its words, so the cache makes shaping cheap.
//
// The layout core sees fonts only through the narrow Measurer interface, so
// the line breaker and paginator are tested with a fixed-metric fake.
//
// The fontconfig configuration is built once per process (per fonts folder
// and CJK file) and shared; each FontSystem keeps its own Pango font map and
// context, since Pango font maps are not safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/error.hpp"

typedef struct _PangoFont PangoFont;
typedef struct _PangoContext PangoContext;

namespace galley::layout {

enum class Face : std::uint8_t { Regular, Italic, Bold, BoldItalic, Mono, MonoBold };

struct Glyph {
  std::uint32_t id = 0;
  float advance = 0;     // points
  float x_offset = 0, y_offset = 0;
  std::uint32_t cluster = 0;  // byte offset of the cluster in the shaped text
};

// One shaped piece of text: glyph segments, each in one font (fallback may
// switch fonts inside a word).
struct Shaped {
  struct Segment {
    int font = 0;                            // index in FontSystem::fonts()
    std::uint32_t glyph_begin = 0, glyph_end = 0;
    std::uint32_t text_begin = 0, text_end = 0;  // bytes of `text`
    bool rtl = false;
  };
  std::string text;
  std::vector<Glyph> glyphs;
  std::vector<Segment> segments;
  std::vector<std::uint32_t> missing;  // code points no font could draw
  bool split_cluster = false;          // a run of over 30 combining marks was shaped in pieces
  float width = 0;
  // Width of text[0, byte) for breaking inside the word (sum of whole clusters).
  float prefix_width(std::uint32_t byte) const;
};

struct FontMetrics {
  double ascent = 0, descent = 0;  // points, positive
  double space = 0;                // width of U+0020
};

// What the paragraph builder needs from fonts. Implementations are safe to
// call from several threads.
class Measurer {
 public:
  virtual ~Measurer() = default;
  // style: an index from style_id(); the result stays valid as long as the measurer.
  virtual const Shaped& shape(int style, std::string_view text) = 0;
  virtual FontMetrics metrics(int style) = 0;
};

struct StyleSpec {
  Face face = Face::Regular;
  double size = 10;
  double rise = 0;   // baseline shift up (superscripts), points
};

class FontSystem : public Measurer {
 public:
  // A font system from the process-wide pool: one left by a finished
  // document with the same fonts and language, or a new one. Creating one
  // costs more than laying out a short article (a Pango font map, a font sort
  // per style, two threads Pango starts per sort), and a batch converts
  // thousands. The system is returned to the pool, with its shaping cache,
  // when the last reference (the layout result) goes; the pool never lends
  // one system to two documents at once.
  static std::shared_ptr<FontSystem> acquire(const std::filesystem::path& fonts_dir,
                                             const std::vector<std::filesystem::path>& extra_faces,
                                             const std::string& language);

  // fonts_dir: the folder of faces; extra_faces (faces_for()): added too.
  FontSystem(const std::filesystem::path& fonts_dir, const std::vector<std::filesystem::path>& extra_faces,
             const std::string& language);
  ~FontSystem() override;
  FontSystem(const FontSystem&) = delete;
  FontSystem& operator=(const FontSystem&) = delete;

  int style_id(Face face, double size, double rise = 0);
  // A copy, under the lock: style_id() on the other layout thread may grow
  // styles_ meanwhile, which would leave a reference dangling.
  StyleSpec style(int id) const {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return styles_[static_cast<std::size_t>(id)];
  }
  const Shaped& shape(int style, std::string_view text) override;
  FontMetrics metrics(int style) override;

  // The Pango context over fonts/ only, for painters that set whole
  // paragraphs with Pango layouts (the cover). Resolution 72: sizes are points.
  PangoContext* pango_context() const { return static_cast<PangoContext*>(context_); }
  // The font families, in fallback order, of text (mono: of code).
  static const char* families(bool mono);

  // Every font used, by index (for painting).
  // Locked: a painter may ask while layout still adds fallback fonts.
  PangoFont* font(int index) const {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return fonts_[static_cast<std::size_t>(index)].font;
  }
  std::size_t font_count() const { return fonts_.size(); }

  // Characters no font could draw (each reported once per document), for warnings.
  std::vector<std::string> take_missing();
  // Whether a word shaped (or taken from the cache) since the last call had
  // a run of combining marks too long to shape as one cluster; clears it.
  bool take_split_clusters();
  // Forgets what take_missing() reported, for the next document; empties the
  // shaping cache when it holds more than max_cached words.
  void reset_for_next_document(std::size_t max_cached);
  // Every page was painted: no run points into the shaping cache any more.
  // A cache the pool would not keep (a document of very many different
  // words) is emptied now, before the PDF is finished, not after.
  void pages_painted();

 private:
  struct FontEntry {
    PangoFont* font = nullptr;
    void* hb_font = nullptr;
    double scale = 1;  // points per HarfBuzz unit
  };
  struct StyleEntry {
    int primary = -1;       // font index
    void* fontset = nullptr;  // PangoFontset*, for fallback
  };
  int font_index(PangoFont* font, double size);
  FontEntry font_entry(int font);
  void shape_into(int style, std::string_view text, Shaped& out);
  // rtl_text: the text's first strong character is right to left (its punctuation runs follow it).
  void shape_run(int font, std::string_view text, std::uint32_t begin, std::uint32_t end, Shaped& out,
                 bool rtl_text = false);
  void report_missing(const Shaped& shaped);

  void* config_ = nullptr;    // FcConfig*, shared by the process (see shared_config)
  void* fontmap_ = nullptr;   // PangoFontMap*
  void* context_ = nullptr;   // PangoContext*
  void* language_ = nullptr;  // PangoLanguage*
  std::vector<StyleSpec> styles_;
  std::vector<StyleEntry> style_entries_;
  std::vector<FontEntry> fonts_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // One cache per style, keyed by the text (a view of Shaped::text).
  std::vector<std::unordered_map<std::string_view, std::unique_ptr<Shaped>, Hash, std::equal_to<>>> cache_;
  std::vector<std::string> missing_;
  std::size_t cached_ = 0;  // entries in cache_
  mutable std::recursive_mutex mu_;  // shape(), style_id(), metrics() are called from two layout threads
  std::unordered_map<std::uint32_t, bool> missing_seen_;
  bool split_seen_ = false;
};

// True when the text holds characters the fonts/ faces are unlikely to cover
// (CJK), so the CJK fallback file is worth loading.
bool needs_cjk(std::string_view text);

// The faces beyond fonts/ the text needs: the CJK file (when it has CJK
// characters and the file exists), and for each other script it uses that
// fonts/ lacks (Devanagari, Thai, Ethiopic...) the regular and bold faces
// under fonts/scripts/. Only those: every face added is parsed at startup.
std::vector<std::filesystem::path> faces_for(std::string_view text, const std::filesystem::path& fonts_dir,
                                             const std::filesystem::path& cjk_file);

}  // namespace galley::layout
