// Where galley finds fonts/ and styles/: $GALLEY_DATA_DIR when set, else next
// to the executable's parent folder (build/galley -> ./), else the source tree
// the binary was built from.
#pragma once

#include <filesystem>

namespace galley {

std::filesystem::path data_dir();
inline std::filesystem::path fonts_dir() { return data_dir() / "fonts"; }
inline std::filesystem::path styles_dir() { return data_dir() / "styles"; }

}  // namespace galley
