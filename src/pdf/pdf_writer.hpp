// Paints a laid-out document (layout::PagedDocument) on a Cairo PDF surface:
// glyph runs, rules and pictures, structure tags, links to named
// destinations, the outline from doc.toc, metadata and page labels. Decides
// nothing about layout. The text layer: glyphs are shown with their text and
// clusters, inter-word spaces as the font's space glyph; the finished file is
// then edited once (front pages moved, /Lang, ToUnicode maps rewritten to the
// drawn text, continued structure elements merged, black and grey as K
// only, PDF/X-4 when print-ready: reorder.hpp, edit.hpp, to_unicode.hpp,
// structure.hpp, prepress.hpp).
#pragma once

#include <filesystem>

#include "doc/document.hpp"
#include "layout/page_stream.hpp"
#include "layout/paged.hpp"
#include "pdf/prepress.hpp"
#include "util/error.hpp"

namespace galley::pdf {

// Writes exactly one file at out_path, print-ready (PDF/X-4 on sheets with
// bleed and marks, prepress.hpp) when asked. Throws galley::Error on failure.
void write_pdf(const doc::Document& doc, const layout::PagedDocument& paged, const std::filesystem::path& out_path,
               Diagnostics& diag, const PrintReady& print_ready = {});

enum class StreamedPdf { Written, LayoutFailed, NeedsRepaint };

// Paints pages as layout hands them over (layout/page_stream.hpp) and writes
// out_path once the stream is finished. Front pages handed over last are
// moved before the others in the file. Returns LayoutFailed (nothing
// written) when the stream ended before layout began, and NeedsRepaint
// (nothing written) in the unexpected case that Cairo's file could not be
// reordered: the caller then lays out again and paints with write_pdf()
// (the pages painted here were freed as they were painted).
// Throws galley::Error on failure.
StreamedPdf write_pdf_streamed(const doc::Document& doc, layout::PageStream& stream,
                               const std::filesystem::path& out_path, Diagnostics& diag,
                               const PrintReady& print_ready = {});

}  // namespace galley::pdf
