#include "util/resources.hpp"

#include <cstdlib>
#include <system_error>

namespace galley {

namespace {
bool looks_like_data_dir(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p / "fonts", ec) && std::filesystem::is_directory(p / "styles", ec);
}
}  // namespace

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("GALLEY_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
      if (looks_like_data_dir(dir)) return dir;
  }
  return GALLEY_SOURCE_DIR;
}

}  // namespace galley
