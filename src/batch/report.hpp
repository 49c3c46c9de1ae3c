// --report FILE.jsonl: one JSON line per input and a closing summary line.
// Lines go, one flush each, to a temporary file next to FILE that is renamed
// to FILE when the batch ends, so a killed batch leaves nothing under FILE
// (and the next batch with the same report removes the leftover).
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/output_file.hpp"

namespace galley::batch {

enum class Status { Ok, Failed, Skipped };
const char* status_name(Status s);

struct ItemReport {
  std::string input;
  std::vector<std::string> outputs;
  Status status = Status::Ok;
  std::string error;  // empty unless failed
  std::vector<std::string> warnings;
  int pages = 0;
  std::size_t words = 0;
  double seconds = 0;
};

nlohmann::json to_json(const ItemReport& r);

class ReportWriter {
 public:
  // An empty path: a writer that discards everything. Throws galley::Error
  // when the temporary file cannot be created.
  explicit ReportWriter(const std::filesystem::path& path);
  void write(const ItemReport& r);  // thread-safe
  // Writes {"summary": ...} and renames into place. Throws galley::Error.
  void finish(const nlohmann::json& summary);

 private:
  void write_line(const std::string& line);
  std::unique_ptr<OutputFile> file_;
  std::ofstream out_;
  std::mutex mutex_;
  bool failed_ = false;
};

// Removes leftovers ".NAME.galley-tmp-*" of `path` in its folder.
void remove_stale_report_temps(const std::filesystem::path& path);

}  // namespace galley::batch
