// EPUB 3 writer (libzip + tinyxml2). Takes a finished document (doc::finalize)
// and writes exactly one file at out_path; the caller handles temporary
// names and renaming.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::epub {

// Where a page of the print edition begins, for the EPUB page-list: the
// printed page label, the index of the block in Document::body, and the byte
// offset in doc::plain_text() of that block's inlines (CodeBlock::text for
// code). Paragraphs get the marker at that offset; other blocks at their
// start.
struct PageBreak {
  std::string label;
  std::size_t block = 0;
  std::size_t offset = 0;
};

struct EpubOptions {
  std::filesystem::path fonts_dir;   // fonts/ (faces are subset and embedded)
  std::filesystem::path styles_dir;  // styles/ (CSS)
  std::string style = "default";     // style name
  // Page breaks of the print edition, in reading order; empty: no page-list.
  std::vector<PageBreak> page_breaks;
  // The print edition the page breaks come from (package metadata).
  std::string page_source;
  // Subset the fonts on a second thread. Off when the caller already runs
  // one document per core (batch).
  bool parallel = true;
  // A cover image's bytes, used when the metadata names no cover (the
  // generated cover), and the cover's alt text (default: the title). A book
  // with a cover opens on a page that shows it.
  std::string cover_image = {};
  std::string cover_alt = {};
  // An article (the print style's chapter_new_page: false): the body, front
  // and back matter and notes in one XHTML file, top-level sections as
  // `section` elements; else a file per top-level section.
  bool one_file = false;
  // The title block at the top of the body (print style's title_block)
  // instead of a title page document.
  bool title_block = false;
};

// Throws galley::Error on failure.
void write_epub(const doc::Document& doc, const EpubOptions& options, const std::filesystem::path& out_path,
                Diagnostics& diag);

}  // namespace galley::epub
