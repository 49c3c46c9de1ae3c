// One cover design, painted on any canvas: the print cover's front, spine
// and back (a Cairo PDF surface) and the EPUB's cover image (a raster). The
// look comes from the style's `cover:` section (layout::CoverStyle); the
// words from the metadata. Text is set with Pango over fonts/ only.
#pragma once

#include <string>

#include "cover/geometry.hpp"
#include "doc/metadata.hpp"
#include "layout/style.hpp"

typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace galley::cover {

// The words on a cover.
struct CoverText {
  std::string title, subtitle, author, description;
};
CoverText cover_text(const doc::Metadata& m);  // authors joined with ", "
// The text a reader hears for the generated cover: what it shows.
std::string alt_text(const CoverText& t);

enum class Ink { Background, Text, Accent, Paper, Frame };  // Paper, Frame: the barcode box

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void rect(Ink ink, const Rect& r) = 0;
  virtual void frame(Ink ink, const Rect& r, double line_width) = 0;
  // Paints a layout with its top left corner at (x, y); `down`: turned a
  // quarter clockwise, reading top to bottom (a spine), its top left corner
  // then being the top right of the painted area.
  virtual void text(Ink ink, double x, double y, PangoLayout* layout, bool down = false) = 0;
};

// Paints the panels of a design. Coordinates are the canvas's; `scale` is
// canvas units per point of the print front panel (1 for the PDF).
class Painter {
 public:
  Painter(PangoContext* context, const layout::CoverStyle& style, double scale)
      : context_(context), style_(style), scale_(scale) {}
  void front(Canvas& canvas, const Rect& panel, const CoverText& text) const;
  void spine(Canvas& canvas, const Rect& panel, const CoverText& text) const;
  // False when the description had to be cut (with an ellipsis) to fit.
  bool back(Canvas& canvas, const Rect& panel, const CoverText& text) const;

 private:
  // A new layout (the caller unrefs it); width <= 0: one line.
  PangoLayout* make_layout(const std::string& text, layout::CoverFace face, double size, double width,
                           bool center) const;
  PangoContext* context_;
  const layout::CoverStyle& style_;
  double scale_;
};

// The barcode box on the back: 2 x 1.2 in, 0.25 in from the trim's right and
// bottom edges, in points of the panel.
Rect barcode_box(const Rect& back_panel, double scale);

}  // namespace galley::cover
