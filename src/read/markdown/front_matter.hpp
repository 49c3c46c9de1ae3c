// YAML front matter at the very start of a Markdown file:
//
//   ---
//   title: A Title
//   author: [A, B]
//   ---
//
// The block is parsed by doc::parse_metadata_yaml (the same parser as
// --metadata files) and replaced by blank lines, so that the line numbers
// cmark reports for the rest of the file stay those of the file.
#pragma once

#include <string>

#include "doc/metadata.hpp"

namespace galley::read::markdown {

struct FrontMatter {
  bool present = false;
  std::string yaml;     // the lines between the delimiters
  int first_line = 0;   // file line of the first YAML line (2)
  int last_line = 0;    // file line of the closing delimiter
};

// Detects a leading front matter block. It starts with a line "---" on the
// first line, ends with a line "---" or "...", and its first non-blank,
// non-comment line must look like "key: ..." (so a thematic break or a setext
// heading at the top of a file is not mistaken for it). When found, its lines
// in `text` are blanked (line count kept). Throws galley::Error("", ..., 1)
// when such a block is never closed.
FrontMatter take_front_matter(std::string& text);

// take_front_matter + parse_metadata_yaml; errors carry the file line.
doc::Metadata read_front_matter(std::string& text, bool& present);

}  // namespace galley::read::markdown
