#include "doc/sections.hpp"

#include <algorithm>

#include "doc/document.hpp"

namespace galley::doc {

int top_heading_level(const std::vector<Block>& body) {
  int top = 7;
  for (const auto& b : body)
    if (const auto* h = std::get_if<Heading>(&b.node)) top = std::min(top, h->level);
  return top == 7 ? 1 : top;
}

int HeadingLevels::map(int level) {
  int l = std::clamp(level - top_ + 1, 1, 6);
  if (l > prev_ + 1) l = prev_ + 1;
  prev_ = l;
  return l;
}

std::vector<Section> compute_sections(const std::vector<Block>& body) {
  std::vector<Section> out;
  const int top = top_heading_level(body);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto* h = std::get_if<Heading>(&body[i].node);
    if (h && h->level == top) {
      if (!out.empty()) out.back().end = i;
      out.push_back(Section{i, body.size(), h->id, plain_text(h->content), true});
    } else if (out.empty()) {
      out.push_back(Section{i, body.size(), "opening", "", false});
    }
  }
  return out;
}

}  // namespace galley::doc
