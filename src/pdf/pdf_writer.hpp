// Paints a laid-out document (layout::PagedDocument) on a Cairo PDF surface:
// glyph runs, rules and pictures, structure tags, links to named
// destinations, the outline from doc.toc, metadata and page labels. Decides
// nothing about layout.
#pragma once

#include <filesystem>

#include "doc/document.hpp"
#include "layout/paged.hpp"
#include "util/error.hpp"

namespace galley::pdf {

// Writes exactly one file at out_path. Throws galley::Error on failure.
void write_pdf(const doc::Document& doc, const layout::PagedDocument& paged, const std::filesystem::path& out_path,
               Diagnostics& diag);

}  // namespace galley::pdf
