// Text helpers shared by the evaluations against ground truth
// (heading_eval_test.cpp, book_eval_test.cpp).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace galley::eval {

// White space runs as one space, none at the ends.
inline std::string normalise(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace galley::eval
