// The book's covers from one design (design.hpp): the full-wrap print cover
// (back, spine, front on one sheet, PDF) and the EPUB's cover image (PNG).
#pragma once

#include <filesystem>
#include <string>

#include "cover/design.hpp"
#include "cover/geometry.hpp"
#include "doc/metadata.hpp"
#include "layout/style.hpp"
#include "util/error.hpp"

namespace galley::cover {

// The generated EPUB cover: 1600 x 2560 px (the 1:1.6 of e-book stores).
constexpr int kImageWidth = 1600, kImageHeight = 2560;

// The PNG bytes of the front panel at kImageWidth x kImageHeight; the same
// bytes for the same metadata and style. Throws galley::Error.
std::string cover_png(const doc::Metadata& m, const layout::Style& style);

// The sheet of the print cover for an interior of `pages` pages: the
// style's trim size and caliper; bleed <= 0 takes the style's; the panels
// in the order of the book's language (rtl: the front on the left).
Wrap print_wrap(const layout::Style& style, int pages, double bleed = 0, const std::string& language = "");

// Writes the print cover's PDF at out_path: one page, PDF/X-4 as the
// print-ready interior (TrimBox = the wrap without bleed, BleedBox = the
// wrap, the MediaBox larger by room for crop_marks when asked for, with fold
// marks at the spine). Warns when the description does not fit the back.
// Throws galley::Error.
void write_print_cover(const doc::Metadata& m, const layout::Style& style, const Wrap& wrap, bool crop_marks,
                       const std::filesystem::path& out_path, Diagnostics& diag);

}  // namespace galley::cover
