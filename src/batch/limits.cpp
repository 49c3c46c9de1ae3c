#include "batch/limits.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "util/error.hpp"

namespace galley::batch {

namespace {

// A plain decimal number ("12", "0.25"), the whole of `text`; -1 otherwise.
double parse_number(const std::string& text) {
  if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.')) return -1;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return -1;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(v) ? v : -1;
}

}  // namespace

double parse_timeout(const std::string& text) {
  const double v = parse_number(text);
  if (!(v > 0) || v > 1e7)
    throw Error("", "--timeout: expected a number of seconds greater than 0 (e.g. 600 or 0.5), got '" + text + "'");
  return v;
}

std::uint64_t parse_memory_size(const std::string& text) {
  std::string number = text, unit;
  while (!number.empty() && std::isalpha(static_cast<unsigned char>(number.back()))) {
    unit.insert(unit.begin(), static_cast<char>(std::toupper(static_cast<unsigned char>(number.back()))));
    number.pop_back();
  }
  if (unit.size() > 1 && (unit.substr(1) == "B" || unit.substr(1) == "IB")) unit = unit.substr(0, 1);
  if (unit == "B") unit.clear();
  double scale = 1;
  if (unit == "K") scale = 1024.0;
  else if (unit == "M") scale = 1024.0 * 1024;
  else if (unit == "G") scale = 1024.0 * 1024 * 1024;
  else if (unit == "T") scale = 1024.0 * 1024 * 1024 * 1024;
  else if (!unit.empty()) scale = -1;
  const double v = parse_number(number) * scale;
  if (scale < 0 || !(v >= 64.0 * 1024 * 1024) || v > 1e18)
    throw Error("", "--max-memory: expected a size of at least 64M such as 512M or 2G, got '" + text + "'");
  return static_cast<std::uint64_t>(v);
}

}  // namespace galley::batch
