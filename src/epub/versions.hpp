// Versions of the libraries the EPUB writer runs with (for galley --version).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace galley::epub {

// (name, version) of libzip (run time) and tinyxml2 (built with: it has no
// run-time version call).
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace galley::epub
