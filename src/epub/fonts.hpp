// Embedded fonts: which characters each face needs (from the tree), which
// file of fonts/ covers them, and HarfBuzz subsets of those files.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::epub {

// The faces the stylesheet asks for: body text in four styles and code.
enum Face : int { Regular, Italic, Bold, BoldItalic, Mono, MonoBold, FaceCount };

// Sorted, unique code points per face.
using FaceUsage = std::array<std::vector<char32_t>, FaceCount>;

// Characters of the whole book per face, following the stylesheet's rules
// (em italic, strong and th bold, code monospace; headings, title page,
// navigation labels regular; the subtitle italic). `labels` are extra strings
// the writer prints in the regular face (e.g. "Contents").
FaceUsage collect_usage(const doc::Document& doc, const std::vector<std::string>& labels);

struct EmbeddedFont {
  std::string file_name;   // as in fonts/, e.g. LinLibertine_R.otf
  std::string media_type;  // font/otf or font/ttf
  std::string family;      // CSS family name
  bool italic = false;
  bool bold = false;
  std::string data;        // the subset
  std::size_t original_size = 0;
};

// Subsets of the files needed to show every used character (Libertine first,
// then Noto Serif, then Noto Naskh Arabic for body faces; Noto Sans Mono for
// code). Files not needed are left out. Deterministic. Throws galley::Error
// when a needed font cannot be read or subset.
std::vector<EmbeddedFont> subset_fonts(const std::filesystem::path& fonts_dir, const FaceUsage& usage);

// @font-face rules for the fonts, with URLs relative to the stylesheet.
std::string font_face_css(const std::vector<EmbeddedFont>& fonts, const std::string& url_prefix);

}  // namespace galley::epub
