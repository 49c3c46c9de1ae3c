// Document -> pages. Builds the vertical flow of every part of the book
// (title page, front matter, table of contents, body, back matter, notes),
// breaks paragraphs with Knuth–Plass over shaped, hyphenated words, paginates
// with keeps and footnotes, and returns plain data for the PDF painter.
#pragma once

#include <filesystem>

#include "doc/document.hpp"
#include "layout/paged.hpp"
#include "layout/style.hpp"
#include "util/error.hpp"

namespace galley::layout {

class PageStream;

struct LayoutInput {
  Style style;
  std::filesystem::path fonts_dir;
  std::filesystem::path cjk_file;  // the CJK fallback face (util/resources.hpp); empty: none
  // May use a second thread (with a page stream: the painter's thread
  // lays out chapters while it waits; the first time, hyphenation patterns
  // load beside the fonts). Off when the caller already runs one document
  // per core (batch).
  bool parallel = true;
  // When set, pages are handed to a painter as they are finished (see
  // page_stream.hpp); a long book's chapters are then laid out in groups
  // while the earlier ones are painted. finish() is left to the caller.
  PageStream* stream = nullptr;
};

// Throws galley::Error when no font can be loaded. Warnings (missing glyphs,
// images that cannot be drawn) go to diag.
PagedDocument lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag);
// The same, into `out`. With a page stream, pass a PagedDocument that lives
// until the painter is done: handed-over pages stay in it even when layout
// fails part way.
void lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag, PagedDocument& out);

// Roman numeral in lower case (1 -> "i"); for front matter page labels.
std::string roman(int n);

}  // namespace galley::layout
