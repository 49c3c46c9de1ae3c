// Print-ready PDF in the printer's sense (PDF/X-4, ISO 15930-7), for the
// interior and the cover alike:
//  - PrintReady: what the user asked for (--print-ready, --bleed, --crop-marks);
//  - Sheet: where the trimmed page lies on the sheet Cairo paints (the
//    MediaBox grown by the bleed and, with crop marks, by room for them);
//  - gray_only(): K-only vector content (always applied: "0 0 0 rg" -> "0 g");
//  - make_pdfx4(): the post-pass that makes a finished Cairo PDF a PDF/X-4
//    file (boxes, marks, output intent, XMP, Info, /ID).
// A painter creates its Cairo surface at sheet.width x sheet.height, paints
// each page translated by (sheet.trim_x, sheet.trim_y), and hands the file
// to make_pdfx4(), which draws the marks itself. Every Cairo PDF surface in
// galley's process leaves its streams uncompressed (compress_streams()), so
// a file that is not print-ready goes through finish_plain() instead.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/metadata.hpp"

namespace galley::pdf {

class PdfEdit;

struct PrintReady {
  bool enabled = false;     // --print-ready, or the style's `print_ready: true`
  double bleed_pt = 0;      // --bleed, on each side, in points (used only when enabled)
  bool crop_marks = false;  // --crop-marks (used only when enabled)
};

// A bleed as --bleed gives it ("3mm", "0.125in", "9pt"; layout's
// parse_length) in points; nullopt when it is not a length or is over one inch.
std::optional<double> parse_bleed(std::string_view text);

// Room for the crop marks outside the bleed: a mark starts kMarkGap past
// the bleed and is kMarkLength long.
inline constexpr double kMarkGap = 3.0;
inline constexpr double kMarkLength = 18.0;

// One page on its sheet, in points. The sheet is the MediaBox [0 0 width
// height]; the trimmed page is [trim_x, trim_y, trim_x + trim_w, trim_y +
// trim_h] (the TrimBox); the BleedBox is the trim grown by `bleed` on each
// side. The margin around the trim is the same on all sides, so (trim_x,
// trim_y) is also the painter's translation in Cairo's y-down space.
struct Sheet {
  double width = 0, height = 0;
  double trim_x = 0, trim_y = 0, trim_w = 0, trim_h = 0;
  double bleed = 0;
  bool crop_marks = false;
};

// The sheet for a trimmed page of trim_w x trim_h points: the page itself
// when print-ready is off, else grown by the bleed and the marks' room.
Sheet sheet_for(double trim_w, double trim_h, const PrintReady& print_ready);

// What the PDF/X-4 post-pass writes besides the boxes.
struct PdfxInfo {
  std::string title;                  // required by PDF/X; "Untitled" when empty
  std::vector<std::string> creators;  // authors
  std::string language;               // BCP 47, also the catalog's /Lang
  std::string description;
  std::time_t date = 0;      // creation and modification (util/clock output_time())
  std::string producer;      // "galley X.Y.Z"
  std::string identifier;    // the book's identifier; the XMP and trailer IDs derive from it and the file
  Sheet sheet;               // every page's boxes and marks
  std::vector<double> folds; // extra vertical marks at these x (points from the trim's left edge), e.g. a cover's spine folds
};

// The PDF/X fields of a document's metadata, dated output_time() (honours
// SOURCE_DATE_EPOCH), with these boxes.
PdfxInfo pdfx_info(const doc::Metadata& m, const Sheet& sheet);

// K-only vector content: in one content stream's text, "a a a rg" -> "a g"
// and "a a a RG" -> "a G" (three equal operands: a grey, black included).
// Other tokens are copied unchanged; strings, comments and inline images
// are skipped over. `changed` counts the rewrites.
std::string gray_only_content(std::string_view content, std::size_t& changed);
// The same on every content stream of an open edit (pages' /Contents,
// form XObjects), Flate streams inflated and deflated again. Returns the
// number of rewrites; false-free: a stream it cannot read is left as is.
std::size_t gray_only(PdfEdit& edit);

// Cairo 1.16 is asked (CAIRO_DEBUG_PDF, set once before main by
// pdf_writer.cpp) to leave its content streams uncompressed, so the K-only
// pass reads and writes them without inflating and deflating them twice;
// this compresses every stream still without a filter (the XMP packet
// excepted) and is the last step of every edit. Returns the number of
// streams compressed.
std::size_t compress_streams(PdfEdit& edit);

// gray_only() and compress_streams() on a file Cairo wrote, rewritten in
// place: what every Cairo PDF galley writes gets when it is not print-ready
// (a cover without --print-ready). Throws galley::Error naming the file
// when it cannot be read, is not a Cairo PDF, or cannot be written.
void finish_plain(const std::filesystem::path& pdf);

// The PDF/X-4 pass on an open edit of a Cairo PDF whose pages are sheets of
// info.sheet: TrimBox and BleedBox on every page, the crop and registration
// marks (registration colour, /Separation /All) when info.sheet.crop_marks,
// the output intent with its embedded CMYK profile, images' DeviceRGB as
// ICC-based sRGB, the XMP packet and the same fields in Info, /Trapped
// /False, /GTS_PDFXVersion, /ViewerPreferences /DisplayDocTitle, /ID,
// header %PDF-1.6, K-only content, every stream compressed. The ICC profiles are read from
// data_dir()/icc. Throws galley::Error when they cannot be read.
void make_pdfx4(PdfEdit& edit, const PdfxInfo& info);

// The same on a file, rewritten in place (the cover). Throws galley::Error
// naming the file when it cannot be read, is not a Cairo PDF, or cannot be
// written.
void make_pdfx4(const std::filesystem::path& pdf, const PdfxInfo& info);

}  // namespace galley::pdf
