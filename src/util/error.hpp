// Errors and warnings. Every failure that reaches the user is one line:
// "galley: error: FILE[:LINE]: what went wrong".
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace galley {

class Error : public std::runtime_error {
 public:
  // file may be empty (then the message stands alone); line 0 means no line.
  Error(std::string file, std::string what, int line = 0);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& detail() const { return detail_; }

 private:
  std::string file_;
  std::string detail_;
  int line_;
};

// Warnings collected during one conversion; the caller decides where they go
// (stderr for `convert`, the JSON report for `batch`).
struct Diagnostics {
  std::string file;                   // the input, prefixed to every warning
  std::vector<std::string> warnings;  // already formatted "FILE: what"
  void warn(const std::string& what, int line = 0);
};

}  // namespace galley
