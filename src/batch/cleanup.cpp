#include "batch/cleanup.hpp"

#include <system_error>

#include "batch/incremental.hpp"
#include "util/output_file.hpp"

namespace galley::batch {

namespace fs = std::filesystem;

std::string stem_of_temp(const fs::path& out_dir, const fs::path& temp) {
  const std::string name = temp.filename().string();
  if (!is_temp_output_name(name)) return "";
  const auto marker = name.find(".galley-tmp-");
  std::string final_name = name.substr(1, marker - 1);  // ".NAME.galley-tmp-..." -> NAME
  std::string stem;
  const std::string suffix = kStateSuffix;
  if (final_name.size() > suffix.size() + 1 && final_name[0] == '.' &&
      final_name.compare(final_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    stem = final_name.substr(1, final_name.size() - suffix.size() - 1);  // .STEM.galley-hash
  } else {
    const auto dot = final_name.rfind('.');
    stem = dot == std::string::npos || dot == 0 ? final_name : final_name.substr(0, dot);  // STEM.epub
  }
  const fs::path dir = temp.parent_path().lexically_relative(out_dir);
  return (dir.empty() || dir == "." ? fs::path(stem) : dir / stem).generic_string();
}

std::size_t remove_temps_of(const fs::path& out_dir, const std::string& rel_stem, long pid) {
  const fs::path dir = (out_dir / fs::path(rel_stem)).parent_path();
  const std::string mark = ".galley-tmp-" + std::to_string(pid) + "-";
  std::size_t removed = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code fec;
    if (name.find(mark) == std::string::npos || stem_of_temp(out_dir, it->path()) != rel_stem) continue;
    if (fs::remove(it->path(), fec)) ++removed;
  }
  return removed;
}

std::size_t remove_stale_temps(const fs::path& out_dir, const Shard& shard) {
  std::size_t removed = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(out_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    const std::string stem = stem_of_temp(out_dir, it->path());
    if (stem.empty() || !shard.contains(stem)) continue;
    if (fs::remove(it->path(), fec)) ++removed;
  }
  return removed;
}

}  // namespace galley::batch
