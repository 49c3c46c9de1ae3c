// The table of contents, built once from the tree by finalize(). Every
// navigation structure (EPUB nav and NCX, PDF outline, printed TOC) is made
// from it and from nothing else.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

namespace galley::doc {

struct TocEntry {
  int level = 1;                    // heading level
  std::string id;                   // the heading's id (unique in the document)
  std::string text;                 // plain text of the heading
  std::size_t block_index = 0;      // index of the heading in Document::body
  int section = 0;                  // index of the top-level section holding it (see sections())
  std::vector<TocEntry> children;   // nested entries
};

struct Toc {
  std::vector<TocEntry> entries;    // top-level entries
};

// Unique URL-safe id from heading text: lowercase ASCII letters, digits and
// '-', starting with a letter; "section" when nothing is left. `taken` holds
// ids already used and receives the new one (duplicates get -2, -3, ...).
std::string make_id(const std::string& text, std::unordered_set<std::string>& taken);

// Flattened pre-order walk of the TOC.
std::vector<const TocEntry*> flatten(const Toc& toc);

}  // namespace galley::doc
