// The result of layout: plain data the PDF painter draws without deciding
// anything. Pages of positioned, already-shaped glyph runs, rules, pictures,
// links and named destinations, with the structure tags they belong to.
// Coordinates are PostScript points from the page's top-left corner; run
// positions are baselines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "layout/fonts.hpp"

namespace galley::layout {

struct StructTag {
  std::string name;  // Document-level children: P, H1..H6, L, LI, BlockQuote, Code, Figure, Table, TR, TH, TD, TOC, TOCI, Note
  int id = 0;        // distinguishes two consecutive elements of the same name
  bool operator==(const StructTag& o) const { return id == o.id && name == o.name; }
};

struct Run {
  const Shaped* shaped = nullptr;  // owned by PagedDocument::fonts
  float x = 0, y = 0;              // baseline start
  int link = -1;                   // index in PagedDocument::links, -1: none
  int cell = -1;                   // index in Element::cells (table cells), -1: none
  bool space_before = false;       // a word space precedes this run on its line (the text layer writes one)
};

struct Rule {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0, width = 0.5f;
};

struct Picture {
  std::string path;
  bool jpeg = false;
  int pixel_width = 0, pixel_height = 0;
  float x = 0, y = 0, width = 0, height = 0;
};

struct Element {
  std::vector<StructTag> path;    // outermost first; empty: not tagged (running heads, folios)
  std::vector<StructTag> cells;   // per-run sub-tags (table cells)
  std::vector<Run> runs;
  std::vector<Rule> rules;
  std::vector<Picture> pictures;
};

struct Destination {
  std::string name;
  float x = 0, y = 0;
};

struct LinkTarget {
  std::string dest;  // named destination, or
  std::string uri;   // external address
};

struct Page {
  std::string label;  // printed page number: "iii", "12"
  std::vector<Element> elements;
  std::vector<Destination> destinations;
};

// Where each body page begins, for the EPUB page-list: the page's label, the
// index of the block in Document::body holding its first line, and the byte
// offset of that line's first character in doc::plain_text() of that block's
// inlines (0 for blocks that are not text: tables, figures, lists...).
struct PageStart {
  std::string label;
  std::size_t page_index = 0;   // index in PagedDocument::pages
  std::size_t block = 0;
  std::size_t offset = 0;
};

struct OutlineEntry {
  std::string title;
  std::string dest;
  std::vector<OutlineEntry> children;
};

struct PagedDocument {
  double width = 0, height = 0;
  std::deque<Page> pages;  // a deque: pages handed to a painter during layout never move
  std::vector<LinkTarget> links;
  std::vector<PageStart> page_starts;
  std::shared_ptr<FontSystem> fonts;  // keeps every Shaped and font alive
  std::size_t body_first_page = 0;
};

}  // namespace galley::layout
