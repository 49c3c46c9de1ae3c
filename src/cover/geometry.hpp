// The arithmetic of a full-wrap print cover: back, spine and front side by
// side on one sheet, with bleed all round. Lengths in points (1/72 in).
#pragma once

namespace galley::cover {

// The widest spine without text: POD printers set spine text only on
// spines of at least 0.25 in (6.35 mm).
constexpr double kMinSpineForText = 0.25 * 72;

// Spine width: interior pages times the paper's thickness per page.
double spine_width(int pages, double caliper);

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
};

// The sheet of a cover, left to right: bleed, back panel, spine, front
// panel, bleed (and bleed above and below); a right-to-left book, bound on
// its right, has the front on the left and the back on the right.
struct Wrap {
  double trim_width = 0, trim_height = 0;  // one panel (the interior's page)
  double spine = 0, bleed = 0;
  bool rtl = false;
  double width() const { return 2 * trim_width + spine + 2 * bleed; }
  double height() const { return trim_height + 2 * bleed; }
  Rect trim() const { return {bleed, bleed, 2 * trim_width + spine, trim_height}; }  // TrimBox
  Rect back() const { return {rtl ? bleed + trim_width + spine : bleed, bleed, trim_width, trim_height}; }
  Rect spine_panel() const { return {bleed + trim_width, bleed, spine, trim_height}; }
  Rect front() const { return {rtl ? bleed : bleed + trim_width + spine, bleed, trim_width, trim_height}; }
  bool spine_text() const { return spine >= kMinSpineForText - 1e-9; }
};

Wrap wrap_for(double trim_width, double trim_height, int pages, double caliper, double bleed, bool rtl = false);

}  // namespace galley::cover
