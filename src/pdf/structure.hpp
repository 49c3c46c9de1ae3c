// The structure tree of Cairo's PDF, finished after painting.
//
// Cairo 1.16 makes one structure element per cairo_tag_begin, and a tag
// cannot stay open across a page whose running head and folio must stay out
// of it, so a paragraph that continues on the next page is painted as two
// elements of the same layout tag (name and id). This pass merges such
// continued elements into one (the later parts' marked content becomes
// marked-content references with their own page), at every depth: a list
// continued on the next page is one L, its continued item one LI, that
// item's paragraph one P. It also gives table header cells (TH) their
// /Scope, which Cairo's tag attributes cannot carry.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace galley::pdf {

class PdfEdit;

// The structure tags as the painter began them, in order: a mirror of the
// tree Cairo writes.
class TagTree {
 public:
  TagTree();
  // id < 0: an element never continued (links).
  void begin(const std::string& name, int id);
  void end();

  struct Node {
    std::string name;
    int id = -1;
    std::vector<std::size_t> children;
  };
  const std::vector<Node>& nodes() const { return nodes_; }  // [0]: the root, above Document

 private:
  std::vector<Node> nodes_;
  std::vector<std::size_t> open_;
};

// Merges continued elements and sets the scope of TH cells. front_elements:
// the last children of Document that reorder.hpp moved to the front (0:
// none). False, nothing changed, when Cairo's tree does not mirror `tags`.
bool finish_structure(PdfEdit& edit, const TagTree& tags, std::size_t front_elements);

}  // namespace galley::pdf
