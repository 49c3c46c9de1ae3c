#include "layout/versions.hpp"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pango.h>

namespace galley::layout {

std::vector<std::pair<std::string, std::string>> library_versions() {
  const int fc = FcGetVersion();
  const std::string fontconfig =
      std::to_string(fc / 10000) + "." + std::to_string(fc / 100 % 100) + "." + std::to_string(fc % 100);
  return {{"Pango", pango_version_string()}, {"HarfBuzz", hb_version_string()}, {"fontconfig", fontconfig}};
}

}  // namespace galley::layout
