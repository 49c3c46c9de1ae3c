#include "util/resources.hpp"

#include <cstdlib>
#include <system_error>

namespace galley {

namespace {

bool is_data_dir(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p / "fonts", ec) && std::filesystem::is_directory(p / "styles", ec);
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

std::filesystem::path data_dir() {
  if (const char* dir = env("GALLEY_DATA_DIR")) return dir;
  const auto exe_dir = executable_dir();
  const std::filesystem::path candidates[] = {exe_dir.parent_path() / "share" / "galley", exe_dir / "share" / "galley"};
  for (const auto& c : candidates)
    if (is_data_dir(c)) return c;
  return candidates[0];
}

std::vector<std::filesystem::path> hyphenation_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char* dir = env("GALLEY_HYPHEN_DIR")) dirs.emplace_back(dir);
  // Debian's hyphen-* packages, then other distributions' and local installs.
  for (const char* d : {"/usr/share/hyphen", "/usr/local/share/hyphen", "/usr/share/myspell/dicts",
                        "/usr/share/myspell", "/usr/share/hunspell"})
    dirs.emplace_back(d);
  return dirs;
}

std::filesystem::path cjk_font_file() {
  if (const char* file = env("GALLEY_CJK_FONT")) return file;
  // fonts-noto-cjk on Debian and Ubuntu; the same files under other names
  // elsewhere; a copy dropped into galley's own fonts/.
  const std::filesystem::path dirs[] = {fonts_dir(), "/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk",
                                        "/usr/share/fonts/google-noto-cjk", "/usr/local/share/fonts"};
  const char* names[] = {"NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc"};
  std::error_code ec;
  for (const char* name : names)
    for (const auto& dir : dirs)
      if (std::filesystem::is_regular_file(dir / name, ec)) return dir / name;
  return {};
}

}  // namespace galley
