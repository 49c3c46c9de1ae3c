// SVG images are documents that can run code and reach the network. Before
// one enters an EPUB it is parsed and rebuilt with only what draws: no
// script or foreignObject, no event handler (on...), no reference outside
// the file (href, xlink:href, url() and @import other than "#fragment" or a
// data: image), no DOCTYPE (and so no entity).
#pragma once

#include <optional>
#include <string>

namespace galley::epub {

struct SanitizedSvg {
  std::string data;      // the rebuilt SVG
  int removed = 0;       // elements and attributes taken out
};

// The SVG rebuilt safe, or nullopt (with `why`) when it is not well-formed
// XML with an <svg> root.
std::optional<SanitizedSvg> sanitize_svg(const std::string& svg, std::string& why);

}  // namespace galley::epub
