// A bound on table width before cmark-gfm sees the text. Its table
// extension costs time quadratic in a row's cell count (a 20,000-column
// table took seconds, 40,000 columns over ten; a 40,000-cell body row under
// a two-column header six), so:
// - a table whose header or delimiter row is wider than kMaxTableColumns is
//   not made a table: the first `|` of its delimiter row is escaped, and the
//   rows stay in the document as the text they are;
// - a body row of a table with more cells than that has every `|` escaped:
//   the whole row, pipes included, is its first cell (cmark would drop the
//   cells past the header's count).
// Each is reported with its line for a warning. Lines inside fenced code
// blocks are left alone.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace galley::read::markdown {

inline constexpr std::size_t kMaxTableColumns = 1000;

struct WideRow {
  int line = 0;       // 1-based
  bool body = false;  // a body row kept in one cell; else a table kept as text
};

// Escapes the rows described above in `source` (in place); returns them.
std::vector<WideRow> escape_wide_tables(std::string& source, std::size_t max_columns = kMaxTableColumns);

}  // namespace galley::read::markdown
