// Moves pages painted last to the front of a PDF written by Cairo.
//
// A book's contents pages are painted after its body (their page numbers are
// known only then), but they belong before it. Cairo 1.16 cannot reorder
// pages, so the finished file is edited: the page tree's /Kids, the
// Document structure element's /K (reading order for assistive technology)
// and the page labels are rewritten, and the cross-reference table is
// rebuilt. Every other object is copied byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace galley::pdf {

class PdfEdit;

// pdf: a complete file from Cairo's PDF surface with a flat page tree and
// one top-level Document structure element. The last `pages` pages and the
// last `elements` children of the Document element move to the front;
// labels are the page labels in the new order. Returns false, leaving pdf
// unchanged, when the file is not in the expected shape.
bool move_front_pages(std::string& pdf, std::size_t pages, std::size_t elements,
                      const std::vector<std::string>& labels);
// The same on an open edit (several edits, one rewrite); false: no change made.
bool move_front_pages(PdfEdit& edit, std::size_t pages, std::size_t elements, const std::vector<std::string>& labels);

}  // namespace galley::pdf
