#include "read/markdown/title.hpp"

#include <vector>

namespace galley::read::markdown {

namespace {

std::string collapse_spaces(const std::string& s) {
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

}  // namespace

void take_title_from_heading(doc::Document& document, const std::string& given_title) {
  auto& body = document.body;
  std::vector<std::size_t> top;
  bool deeper = false;
  for (std::size_t i = 0; i < body.size(); ++i)
    if (const auto* h = std::get_if<doc::Heading>(&body[i].node)) {
      if (h->level == 1) top.push_back(i);
      else deeper = true;
    }
  if (top.empty()) return;
  const std::string first = collapse_spaces(doc::plain_text(std::get<doc::Heading>(body[top.front()].node).content));

  const std::string& shown_title = given_title.empty() ? document.metadata.title : given_title;
  if (!shown_title.empty()) {
    if (first == collapse_spaces(shown_title))
      body.erase(body.begin() + static_cast<std::ptrdiff_t>(top.front()));
    return;
  }
  if (first.empty()) return;
  document.metadata.title = first;
  if (top.size() == 1 || deeper) body.erase(body.begin() + static_cast<std::ptrdiff_t>(top.front()));
}

}  // namespace galley::read::markdown
