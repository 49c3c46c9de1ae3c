#include "read/markdown/front_matter.hpp"

#include <string_view>
#include <vector>

#include "doc/metadata_file.hpp"
#include "util/error.hpp"

namespace galley::read::markdown {

namespace {

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) { return rtrim(s).find_first_not_of(" \t") == std::string_view::npos; }

// "key:" followed by a space or the end of the line; keys may be quoted.
bool looks_like_key(std::string_view line) {
  line = rtrim(line);
  std::size_t i = 0;
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    const char q = line[i];
    const std::size_t end = line.find(q, i + 1);
    if (end == std::string_view::npos) return false;
    i = end + 1;
  } else {
    const std::size_t start = i;
    while (i < line.size() && line[i] != ':' && line[i] != ' ' && line[i] != '\t') ++i;
    if (i == start) return false;
    const char first = line[start];
    if (first == '-' || first == '#' || first == '[' || first == '{' || first == '>' || first == '*' || first == '&' ||
        first == '!' || first == '|' || first == '%' || first == '@' || first == '`')
      return false;
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return false;
  return i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t';
}

}  // namespace

FrontMatter take_front_matter(std::string& text) {
  FrontMatter fm;
  // Split into lines, remembering where each starts.
  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos <= text.size();) {
    starts.push_back(pos);
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  auto line = [&](std::size_t i) {
    const std::size_t b = starts[i];
    const std::size_t e = i + 1 < starts.size() ? starts[i + 1] - 1 : text.size();
    return std::string_view(text).substr(b, e - b);
  };
  if (starts.size() < 2 || rtrim(line(0)) != "---") return fm;

  // The first meaningful line decides whether this is front matter.
  std::size_t first = 1;
  while (first < starts.size() && (is_blank(line(first)) || line(first).rfind('#', 0) == 0)) ++first;
  if (first >= starts.size() || !looks_like_key(line(first))) return fm;

  std::size_t close = 1;
  for (; close < starts.size(); ++close) {
    const std::string_view l = rtrim(line(close));
    if (l == "---" || l == "...") break;
  }
  if (close >= starts.size())
    throw Error("", "front matter starting at line 1 is not closed (expected a line '---')", 1);

  fm.present = true;
  fm.first_line = 2;
  fm.last_line = static_cast<int>(close) + 1;
  const std::size_t yaml_begin = starts[1];
  const std::size_t yaml_end = starts[close];
  fm.yaml = text.substr(yaml_begin, yaml_end - yaml_begin);
  // Blank the block, keeping its newlines.
  const std::size_t block_end = close + 1 < starts.size() ? starts[close + 1] : text.size();
  for (std::size_t i = 0; i < block_end; ++i)
    if (text[i] != '\n') text[i] = ' ';
  return fm;
}

doc::Metadata read_front_matter(std::string& text, bool& present) {
  const FrontMatter fm = take_front_matter(text);
  present = fm.present;
  if (!fm.present) return {};
  try {
    return doc::parse_metadata_yaml(fm.yaml, "", fm.first_line);
  } catch (const Error& e) {
    // Say where the bad metadata came from; the pipeline adds the file name.
    throw Error("", "front matter: " + e.detail(), e.line());
  }
}

}  // namespace galley::read::markdown
