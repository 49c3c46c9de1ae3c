#include "read/markdown/wide_tables.hpp"

#include <string_view>

namespace galley::read::markdown {

namespace {

// Where a line's own content begins: after indentation and block-quote
// markers (a table may sit in a quote or a list item).
std::size_t content_start(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
  return i;
}

// A fence opening or closing a fenced code block: three or more ` or ~.
bool is_fence(std::string_view content) {
  if (content.size() < 3 || (content[0] != '`' && content[0] != '~')) return false;
  return content[1] == content[0] && content[2] == content[0];
}

// The number of cells of a delimiter row (only |, :, -, blanks; at least one
// | and one -), or 0 when the line is not one.
std::size_t delimiter_cells(std::string_view content) {
  std::size_t pipes = 0, dashes = 0;
  for (char c : content) {
    if (c == '|') ++pipes;
    else if (c == '-') ++dashes;
    else if (c != ':' && c != ' ' && c != '\t' && c != '\r') return 0;
  }
  if (pipes == 0 || dashes == 0) return 0;
  // Cells are separated by pipes; leading and trailing pipes are optional.
  std::size_t first = content.find_first_not_of(" \t\r"), last = content.find_last_not_of(" \t\r");
  std::size_t cells = pipes + 1;
  if (content[first] == '|') --cells;
  if (content[last] == '|' && last != first) --cells;
  return cells;
}

// Unescaped pipes of a line: its cell separators if it is a table row.
std::size_t pipes(std::string_view content) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\\') ++i;
    else if (content[i] == '|') ++n;
  }
  return n;
}

}  // namespace

std::vector<WideRow> escape_wide_tables(std::string& source, std::size_t max_columns) {
  std::vector<WideRow> found;
  std::vector<std::size_t> at;  // where a backslash goes, in increasing order
  char fence = 0;               // the fence character of the open code block, 0: none
  bool in_table = false;
  std::size_t previous_pipes = 0;  // of the line before
  int line_no = 0;
  for (std::size_t begin = 0; begin < source.size();) {
    std::size_t end = source.find('\n', begin);
    if (end == std::string::npos) end = source.size();
    ++line_no;
    const std::string_view line(source.data() + begin, end - begin);
    const std::string_view content = line.substr(content_start(line));
    const std::size_t cells = fence == 0 ? delimiter_cells(content) : 0;
    const std::size_t line_pipes = pipes(content);
    if (is_fence(content)) {
      if (fence == 0) fence = content[0];
      else if (content[0] == fence) fence = 0;
      in_table = false;
    } else if (fence != 0) {
    } else if (content.find_first_not_of(" \t\r") == std::string_view::npos) {
      in_table = false;
    } else if (cells > 0 && !in_table && previous_pipes > 0) {
      // A delimiter row under a header: a table, unless either is too wide.
      if (cells > max_columns || previous_pipes > max_columns + 1) {
        at.push_back(begin + line.find('|'));
        found.push_back({line_no, false});
      } else {
        in_table = true;
      }
    } else if (in_table && line_pipes > max_columns + 1) {
      // A body row far wider than any table kept: all of it in its first cell.
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') ++i;
        else if (line[i] == '|' && i >= content_start(line)) at.push_back(begin + i);
      }
      found.push_back({line_no, true});
    }
    previous_pipes = fence == 0 ? line_pipes : 0;
    begin = end + 1;
  }
  if (at.empty()) return found;
  std::string out;
  out.reserve(source.size() + at.size());
  std::size_t from = 0;
  for (std::size_t pos : at) {
    out.append(source, from, pos - from);
    out += '\\';
    from = pos;
  }
  out.append(source, from, std::string::npos);
  source.swap(out);
  return found;
}

}  // namespace galley::read::markdown
