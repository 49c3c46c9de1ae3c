// HarfBuzz subsets of the faces in fonts/ (see fonts.hpp).
#include <hb-subset.h>
#include <hb.h>

#include <map>
#include <memory>
#include <mutex>

#include "epub/fonts.hpp"

namespace galley::epub {

namespace {

struct FontFile {
  const char* file;
  const char* family;
  bool italic;
  bool bold;
};

// Fallback chains per face: each character goes to the first file that has it.
const std::vector<FontFile>& chain(Face f) {
  static const std::array<std::vector<FontFile>, FaceCount> chains{{
      {{"LinLibertine_R.otf", "Galley Libertine", false, false},
       {"NotoSerif-Regular.ttf", "Galley Noto Serif", false, false},
       {"NotoNaskhArabic-Regular.ttf", "Galley Naskh", false, false}},
      {{"LinLibertine_RI.otf", "Galley Libertine", true, false},
       {"NotoSerif-Italic.ttf", "Galley Noto Serif", true, false},
       {"NotoNaskhArabic-Regular.ttf", "Galley Naskh", false, false}},
      {{"LinLibertine_RB.otf", "Galley Libertine", false, true},
       {"NotoSerif-Bold.ttf", "Galley Noto Serif", false, true},
       {"NotoNaskhArabic-Bold.ttf", "Galley Naskh", false, true}},
      {{"LinLibertine_RBI.otf", "Galley Libertine", true, true},
       {"NotoSerif-BoldItalic.ttf", "Galley Noto Serif", true, true},
       {"NotoNaskhArabic-Bold.ttf", "Galley Naskh", false, true}},
      {{"NotoSansMono-Regular.ttf", "Galley Mono", false, false}},
      {{"NotoSansMono-Bold.ttf", "Galley Mono", false, true}},
  }};
  return chains[f];
}

struct BlobDeleter {
  void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct FaceDeleter {
  void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
struct SetDeleter {
  void operator()(hb_set_t* s) const { hb_set_destroy(s); }
};
using FacePtr = std::unique_ptr<hb_face_t, FaceDeleter>;
using SetPtr = std::unique_ptr<hb_set_t, SetDeleter>;

// A face as read from fonts/, with the code points it maps. Read once per
// process and shared read-only (HarfBuzz faces are safe to use from several
// threads): a batch subsets the same few faces for every document.
struct SourceFace {
  FacePtr face;
  SetPtr cmap;
  std::size_t size = 0;
};

const SourceFace& source_face(const std::filesystem::path& path) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<SourceFace>> faces;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = faces[path.string()];
  if (slot) return *slot;
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob) {
    faces.erase(path.string());
    throw Error(path.string(), "cannot read font");
  }
  auto sf = std::make_unique<SourceFace>();
  sf->size = hb_blob_get_length(blob);
  sf->face.reset(hb_face_create(blob, 0));
  hb_blob_destroy(blob);
  if (hb_face_get_glyph_count(sf->face.get()) == 0) {
    faces.erase(path.string());
    throw Error(path.string(), "not a usable font");
  }
  hb_face_make_immutable(sf->face.get());
  sf->cmap.reset(hb_set_create());
  hb_face_collect_unicodes(sf->face.get(), sf->cmap.get());
  slot = std::move(sf);
  return *slot;
}

struct LoadedFont {
  const SourceFace* source = nullptr;
  SetPtr wanted;           // code points assigned to it
  const FontFile* info = nullptr;
};

LoadedFont load(const std::filesystem::path& dir, const FontFile& ff) {
  LoadedFont lf;
  lf.source = &source_face(dir / ff.file);
  lf.wanted.reset(hb_set_create());
  lf.info = &ff;
  return lf;
}

std::string subset(const std::filesystem::path& dir, LoadedFont& lf) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw Error("", "out of memory subsetting fonts");
  hb_set_union(hb_subset_input_unicode_set(input), lf.wanted.get());
  // Keep every name record (copyright and license included); drop hinting,
  // which e-readers do not need.
  hb_set_invert(hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* result = hb_subset_or_fail(lf.source->face.get(), input);
  hb_subset_input_destroy(input);
  if (!result) throw Error((dir / lf.info->file).string(), "font subsetting failed");
  hb_blob_t* blob = hb_face_reference_blob(result);
  unsigned int length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string out(data ? data : "", length);
  hb_blob_destroy(blob);
  hb_face_destroy(result);
  if (out.empty()) throw Error((dir / lf.info->file).string(), "font subsetting gave an empty font");
  return out;
}

}  // namespace

std::vector<EmbeddedFont> subset_fonts(const std::filesystem::path& fonts_dir, const FaceUsage& usage) {
  // Files in a fixed order so the output is deterministic.
  std::map<std::string, LoadedFont> loaded;
  std::vector<std::string> order;
  for (int f = 0; f < FaceCount; ++f) {
    std::vector<char32_t> rest = usage[f];
    for (const auto& ff : chain(static_cast<Face>(f))) {
      if (rest.empty()) break;
      auto it = loaded.find(ff.file);
      if (it == loaded.end()) {
        it = loaded.emplace(ff.file, load(fonts_dir, ff)).first;
        order.push_back(ff.file);
      }
      LoadedFont& lf = it->second;
      std::vector<char32_t> missing;
      for (char32_t c : rest) {
        if (hb_set_has(lf.source->cmap.get(), c)) hb_set_add(lf.wanted.get(), c);
        else missing.push_back(c);
      }
      rest.swap(missing);
    }
  }
  std::vector<EmbeddedFont> out;
  for (const auto& name : order) {
    LoadedFont& lf = loaded.at(name);
    // A fallback that only got spaces and hyphens is not needed.
    bool useful = false;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(lf.wanted.get(), &c);) {
      if (c != 0x20 && c != 0xA0 && c != '-' && c != 0x2010 && c != 0xAD) {
        useful = true;
        break;
      }
    }
    if (!useful) continue;
    EmbeddedFont ef;
    ef.file_name = name;
    const bool otf = name.size() > 4 && name.compare(name.size() - 4, 4, ".otf") == 0;
    ef.media_type = otf ? "font/otf" : "font/ttf";
    ef.family = lf.info->family;
    ef.italic = lf.info->italic;
    ef.bold = lf.info->bold;
    ef.original_size = lf.source->size;
    ef.data = subset(fonts_dir, lf);
    out.push_back(std::move(ef));
  }
  return out;
}

std::string font_face_css(const std::vector<EmbeddedFont>& fonts, const std::string& url_prefix) {
  std::string css;
  for (const auto& f : fonts) {
    css += "@font-face {\n  font-family: \"" + f.family + "\";\n";
    css += std::string("  font-style: ") + (f.italic ? "italic" : "normal") + ";\n";
    css += std::string("  font-weight: ") + (f.bold ? "bold" : "normal") + ";\n";
    css += "  src: url(\"" + url_prefix + f.file_name + "\");\n}\n";
  }
  return css;
}

}  // namespace galley::epub
