// Top-level sections: the body split before each heading of the shallowest
// level present. EPUB writes one XHTML file per section; the PDF starts each
// on a new page. Content before the first such heading is section 0 with no
// heading (an untitled opening).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace galley::doc {

struct Block;

struct Section {
  std::size_t begin = 0;       // first block index in Document::body
  std::size_t end = 0;         // one past the last block
  std::string id;              // id of its heading, or "opening" for untitled opening
  std::string title;           // plain text of its heading; empty for the opening
  bool has_heading = false;
};

// Sections of the body, in order; an empty body gives no sections.
// Needs heading ids assigned (finalize() calls it after doing so).
std::vector<Section> compute_sections(const std::vector<Block>& body);

// The shallowest heading level in the body (1..6), or 1 when there are none.
int top_heading_level(const std::vector<Block>& body);

// Heading levels as both outputs show them (EPUB h1..h6, PDF H1..H6): the
// part's shallowest level becomes 1 and no level is skipped going down.
// One per part (front matter, each body section, back matter), fed every
// heading in order.
class HeadingLevels {
 public:
  explicit HeadingLevels(int top) : top_(top) {}
  int map(int level);

 private:
  int top_;
  int prev_ = 0;
};

}  // namespace galley::doc
