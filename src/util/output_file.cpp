#include "util/output_file.hpp"

#include <unistd.h>

#include <atomic>
#include <system_error>

#include "util/error.hpp"

namespace galley {

namespace {
constexpr const char* kTempMarker = ".galley-tmp-";
std::atomic<unsigned> temp_counter{0};
}  // namespace

OutputFile::OutputFile(std::filesystem::path final_path) : final_(std::move(final_path)) {
  auto name = "." + final_.filename().string() + kTempMarker + std::to_string(::getpid()) + "-" +
              std::to_string(temp_counter.fetch_add(1));
  temp_ = final_.parent_path() / name;
}

OutputFile::~OutputFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void OutputFile::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw Error(final_.string(), "cannot write output: " + ec.message());
  committed_ = true;
}

bool is_temp_output_name(const std::string& filename) {
  return !filename.empty() && filename[0] == '.' && filename.find(kTempMarker) != std::string::npos;
}

void remove_stale_temp_outputs(const std::filesystem::path& dir) {
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && is_temp_output_name(it->path().filename().string())) {
      std::filesystem::remove(it->path(), ec);
    }
  }
}

}  // namespace galley
