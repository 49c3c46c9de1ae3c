#include "epub/versions.hpp"

#include <tinyxml2.h>
#include <zip.h>

namespace galley::epub {

std::vector<std::pair<std::string, std::string>> library_versions() {
  const std::string tinyxml2 = std::to_string(TIXML2_MAJOR_VERSION) + "." + std::to_string(TIXML2_MINOR_VERSION) +
                               "." + std::to_string(TIXML2_PATCH_VERSION);
  return {{"libzip", zip_libzip_version()}, {"tinyxml2", tinyxml2}};
}

}  // namespace galley::epub
