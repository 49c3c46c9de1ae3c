#include "cover/fonts.hpp"

#include "util/resources.hpp"

namespace galley::cover {

CoverFonts::CoverFonts(const CoverText& t, const std::string& language) {
  const bool cjk = layout::needs_cjk(t.title + t.subtitle + t.author + t.description);
  system_ = layout::FontSystem::acquire(fonts_dir(), cjk ? cjk_font_file() : std::filesystem::path(), language);
}

}  // namespace galley::cover
