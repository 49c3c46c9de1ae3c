// The print cover's file: its metadata, the page boxes a printer reads, and
// writing it.
#pragma once

#include <filesystem>
#include <string>

#include "cover/geometry.hpp"
#include "doc/metadata.hpp"
#include "pdf/prepress.hpp"

typedef struct _cairo_surface cairo_surface_t;

namespace galley::cover {

// Title, author, creator and dates (SOURCE_DATE_EPOCH) of the cover PDF.
void set_cover_metadata(cairo_surface_t* surface, const doc::Metadata& m);
// Makes Cairo's finished file PDF/X-4 as the print-ready interior
// (pdf/prepress.hpp): TrimBox, BleedBox, marks with fold marks at the spine,
// output intent, XMP. Throws galley::Error when the file has another shape.
void finish_print_file(std::string& pdf, const Wrap& wrap, const pdf::Sheet& sheet, const doc::Metadata& m);
// Writes bytes at path; the error names the file and why. Throws galley::Error.
void write_bytes(const std::filesystem::path& path, const std::string& bytes);

}  // namespace galley::cover
