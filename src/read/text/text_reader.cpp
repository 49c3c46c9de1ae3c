// PLACEHOLDER until the plain-text reader lands: one paragraph per line.
#include "read/reader.hpp"

#include <sstream>

namespace galley::read {

doc::Document read_plain_text(const std::string& text, const ReadOptions&, Diagnostics&) {
  doc::Document d;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    d.body.push_back(doc::paragraph({doc::text(line)}, n));
  }
  return d;
}

}  // namespace galley::read
