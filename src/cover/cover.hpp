// The book's covers from one design (design.hpp): the full-wrap print cover
// (back, spine, front on one sheet, PDF) and the EPUB's cover image (PNG).
#pragma once

#include <filesystem>
#include <string>

#include "cover/design.hpp"
#include "cover/geometry.hpp"
#include "doc/metadata.hpp"
#include "layout/style.hpp"

namespace galley::cover {

// The generated EPUB cover: 1600 x 2560 px (the 1:1.6 of e-book stores).
constexpr int kImageWidth = 1600, kImageHeight = 2560;

// The PNG bytes of the front panel at kImageWidth x kImageHeight; the same
// bytes for the same metadata and style. Throws galley::Error.
std::string cover_png(const doc::Metadata& m, const layout::Style& style);

// The sheet of the print cover for an interior of `pages` pages: the
// style's trim size and caliper; bleed < 0 takes the style's.
Wrap print_wrap(const layout::Style& style, int pages, double bleed = -1);

// Writes the print cover's PDF (one page, MediaBox = the whole sheet,
// TrimBox = the sheet without bleed, BleedBox = the sheet) at out_path.
// Throws galley::Error.
void write_print_cover(const doc::Metadata& m, const layout::Style& style, const Wrap& wrap,
                       const std::filesystem::path& out_path);

}  // namespace galley::cover
