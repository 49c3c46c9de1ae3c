#include "pipeline/versions.hpp"

#include "epub/versions.hpp"
#include "layout/versions.hpp"
#include "pdf/versions.hpp"
#include "read/versions.hpp"

namespace galley::pipeline {

std::string version_report() {
  std::string out = std::string("galley ") + GALLEY_VERSION + "\n";
  for (const auto& group : {pdf::library_versions(), layout::library_versions(), epub::library_versions(),
                            read::library_versions()})
    for (const auto& [name, version] : group) out += "  " + name + " " + version + "\n";
  out.pop_back();
  return out;
}

}  // namespace galley::pipeline
