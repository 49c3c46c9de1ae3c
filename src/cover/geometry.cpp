#include "cover/geometry.hpp"

#include <algorithm>

namespace galley::cover {

double spine_width(int pages, double caliper) { return std::max(pages, 0) * caliper; }

Wrap wrap_for(double trim_width, double trim_height, int pages, double caliper, double bleed, bool rtl) {
  return Wrap{trim_width, trim_height, spine_width(pages, caliper), bleed, rtl};
}

}  // namespace galley::cover
