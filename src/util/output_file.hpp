// Writes an output under a temporary name in the destination folder and
// renames it into place only on commit(), so a failed or killed run never
// leaves a half-written file under the output's name.
#pragma once

#include <filesystem>

namespace galley {

class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path final_path);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  void commit();  // atomic rename; throws galley::Error on failure

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

// Temporary files look like ".NAME.galley-tmp-PID-N"; a later run removes
// leftovers of killed runs in a folder with this.
bool is_temp_output_name(const std::string& filename);
void remove_stale_temp_outputs(const std::filesystem::path& dir);

}  // namespace galley
