#include "cover/fonts.hpp"

#include "util/resources.hpp"

namespace galley::cover {

CoverFonts::CoverFonts(const CoverText& t, const std::string& language) {
  const std::string text = t.title + "\n" + t.subtitle + "\n" + t.author + "\n" + t.description;
  system_ = layout::FontSystem::acquire(fonts_dir(), layout::faces_for(text, fonts_dir(), cjk_font_file()), language);
}

}  // namespace galley::cover
