#include "batch/report.hpp"

#include <system_error>

#include "util/error.hpp"

namespace galley::batch {

namespace fs = std::filesystem;

const char* status_name(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::Failed: return "failed";
    case Status::Skipped: return "skipped";
  }
  return "failed";
}

nlohmann::json to_json(const ItemReport& r) {
  nlohmann::json j;
  j["input"] = r.input;
  j["outputs"] = r.outputs;
  j["status"] = status_name(r.status);
  j["error"] = r.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.error);
  j["warnings"] = r.warnings;
  j["pages"] = r.pages;
  j["words"] = r.words;
  j["seconds"] = static_cast<double>(static_cast<long long>(r.seconds * 1e4 + 0.5)) / 1e4;
  return j;
}

ReportWriter::ReportWriter(const fs::path& path) {
  if (path.empty()) return;
  file_ = std::make_unique<OutputFile>(path);
  out_.open(file_->temp_path(), std::ios::binary | std::ios::trunc);
  if (!out_) throw Error(path.string(), "cannot write report");
}

void ReportWriter::write_line(const std::string& line) {
  if (!file_) return;
  std::lock_guard lock(mutex_);
  out_ << line << '\n';
  out_.flush();
  if (!out_) failed_ = true;
}

void ReportWriter::write(const ItemReport& r) {
  if (!file_) return;
  // Invalid UTF-8 in a message (e.g. a file name) is replaced, never thrown.
  write_line(to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void ReportWriter::finish(const nlohmann::json& summary) {
  if (!file_) return;
  write_line(nlohmann::json{{"summary", summary}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out_.close();
  if (failed_ || out_.fail()) throw Error(file_->final_path().string(), "cannot write report");
  file_->commit();
}

void remove_stale_report_temps(const fs::path& path) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const std::string prefix = "." + path.filename().string() + ".galley-tmp-";
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove(it->path(), ec);
  }
}

}  // namespace galley::batch
