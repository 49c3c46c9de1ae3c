// Versions of the libraries the readers run with (for galley --version).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace galley::read {

// (name, version) of cmark-gfm, as loaded at run time.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace galley::read
