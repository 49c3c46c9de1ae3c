// Versions of the libraries layout runs with (for galley --version).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace galley::layout {

// (name, version) of Pango, HarfBuzz and fontconfig, as loaded at run time.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace galley::layout
