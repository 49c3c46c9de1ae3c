// The fonts of a cover: a font system of fonts/ from the process-wide pool
// (with the CJK face when the words need it), lent for one cover.
#pragma once

#include <memory>
#include <string>

#include "cover/design.hpp"
#include "layout/fonts.hpp"

namespace galley::cover {

class CoverFonts {
 public:
  CoverFonts(const CoverText& text, const std::string& language);
  PangoContext* context() const { return system_->pango_context(); }

 private:
  std::shared_ptr<layout::FontSystem> system_;
};

}  // namespace galley::cover
