// Versions of the libraries the PDF writer runs with (for galley --version).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace galley::pdf {

// (name, version) of Cairo, as loaded at run time.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace galley::pdf
