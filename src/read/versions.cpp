#include "read/versions.hpp"

#include <cmark-gfm.h>

namespace galley::read {

std::vector<std::pair<std::string, std::string>> library_versions() {
  return {{"cmark-gfm", cmark_version_string()}};
}

}  // namespace galley::read
