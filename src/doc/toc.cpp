#include "doc/toc.hpp"

#include <cctype>

namespace galley::doc {

std::string make_id(const std::string& text, std::unordered_set<std::string>& taken) {
  std::string id;
  bool dash = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !id.empty()) id += '-';
      dash = false;
      id += static_cast<char>(std::tolower(c));
    } else if (c < 0x80 || !id.empty()) {
      // Punctuation, spaces and non-ASCII letters separate words; ids stay
      // ASCII so they are safe in URLs, XML ids and PDF destination names.
      dash = true;
    }
    if (id.size() >= 60) break;
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.empty()) id = "section";
  if (!std::isalpha(static_cast<unsigned char>(id[0]))) id = "s-" + id;
  std::string unique = id;
  for (int n = 2; taken.count(unique); ++n)
    unique = id + "-" + std::to_string(n);
  taken.insert(unique);
  return unique;
}

namespace {
void walk(const std::vector<TocEntry>& entries, std::vector<const TocEntry*>& out) {
  for (const auto& e : entries) {
    out.push_back(&e);
    walk(e.children, out);
  }
}
}  // namespace

std::vector<const TocEntry*> flatten(const Toc& toc) {
  std::vector<const TocEntry*> out;
  walk(toc.entries, out);
  return out;
}

}  // namespace galley::doc
