#include "pdf/versions.hpp"

#include <cairo.h>

namespace galley::pdf {

std::vector<std::pair<std::string, std::string>> library_versions() { return {{"Cairo", cairo_version_string()}}; }

}  // namespace galley::pdf
