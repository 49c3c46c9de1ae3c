// Where galley finds its data and the system's: fonts/ and styles/ (the
// data folder), hyphenation dictionaries and the CJK fallback face. Nothing
// here points at the source tree: an installed galley and a build tree find
// their data the same way, beside the executable.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace galley {

// $GALLEY_DATA_DIR when set; else EXE_DIR/../share/galley (installed:
// PREFIX/bin/galley -> PREFIX/share/galley); else EXE_DIR/share/galley (a
// build tree, where CMake links it to the source folders); else the first
// of those that would hold it, so errors name a sensible place.
std::filesystem::path data_dir();
inline std::filesystem::path fonts_dir() { return data_dir() / "fonts"; }
inline std::filesystem::path styles_dir() { return data_dir() / "styles"; }

// Folders searched for libhyphen dictionaries (hyph_LL_CC.dic), in order:
// $GALLEY_HYPHEN_DIR, then the places Debian and other systems use.
std::vector<std::filesystem::path> hyphenation_dirs();

// The CJK fallback face: $GALLEY_CJK_FONT when set (a file), else a Noto
// Serif CJK (or Sans) file in fonts/ or the standard font folders; empty
// when none is found.
std::filesystem::path cjk_font_file();

}  // namespace galley
