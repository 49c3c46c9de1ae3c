#include "util/error.hpp"

namespace galley {

namespace {
std::string locate(const std::string& file, int line) {
  if (file.empty()) return {};
  return line > 0 ? file + ":" + std::to_string(line) + ": " : file + ": ";
}
}  // namespace

Error::Error(std::string file, std::string what, int line)
    : std::runtime_error(locate(file, line) + what), file_(std::move(file)), detail_(std::move(what)), line_(line) {}

void Diagnostics::warn(const std::string& what, int line) { warnings.push_back(locate(file, line) + what); }

}  // namespace galley
