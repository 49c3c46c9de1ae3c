#include "read/text/inlines.hpp"

#include <string>

namespace galley::read::text {

namespace {

bool word_char(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

doc::Inlines make_inlines(std::string_view text, bool underscore_emphasis) {
  doc::Inlines out;
  if (!underscore_emphasis || text.find('_') == std::string_view::npos) {
    out.push_back(doc::text(std::string(text)));
    return out;
  }
  std::string plain;
  std::size_t i = 0;
  while (i < text.size()) {
    // An opening '_' after a non-word character, followed by a non-space.
    if (text[i] == '_' && (i == 0 || !word_char(text[i - 1])) && i + 1 < text.size() && text[i + 1] != ' ' &&
        text[i + 1] != '_') {
      // The closing '_' before a non-word character, on this line of text.
      std::size_t j = i + 1;
      std::size_t close = std::string_view::npos;
      for (; j < text.size() && j - i < 2000; ++j) {
        if (text[j] == '_' && text[j - 1] != ' ' && (j + 1 == text.size() || !word_char(text[j + 1]))) {
          close = j;
          break;
        }
      }
      if (close != std::string_view::npos) {
        if (!plain.empty()) out.push_back(doc::text(std::move(plain)));
        plain.clear();
        doc::Emphasis em;
        em.children.push_back(doc::text(std::string(text.substr(i + 1, close - i - 1))));
        out.push_back(doc::Inline{std::move(em)});
        i = close + 1;
        continue;
      }
    }
    plain += text[i];
    ++i;
  }
  if (!plain.empty()) out.push_back(doc::text(std::move(plain)));
  return out;
}

}  // namespace galley::read::text
