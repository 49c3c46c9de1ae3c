#include "layout/itemize.hpp"

#include <fribidi.h>
#include <glib.h>

namespace galley::layout {

namespace {

// Could the text hold a right-to-left character? Hebrew, Arabic, Syriac,
// Thaana, N'Ko... (U+0590-U+08FF: lead bytes D6-DF, E0 A0-A3), their
// presentation forms (U+FB1D-U+FEFF: EF AC-BB), and the explicit marks
// (U+200F RLM, U+202B/E RLE/RLO, U+2067 RLI: E2 80 8F/AB/AE, E2 81 A7).
bool may_be_rtl(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c >= 0xD6 && c <= 0xDF) return true;
    if (i + 1 >= t.size()) continue;
    const auto d = static_cast<unsigned char>(t[i + 1]);
    if (c == 0xE0 && d >= 0xA0 && d <= 0xA3) return true;
    if (c == 0xEF && d >= 0xAC && d <= 0xBB) return true;
    if (c == 0xE2 && i + 2 < t.size()) {
      const auto e = static_cast<unsigned char>(t[i + 2]);
      if ((d == 0x80 && (e == 0x8F || e == 0xAB || e == 0xAE)) || (d == 0x81 && e == 0xA7)) return true;
    }
  }
  return false;
}

}  // namespace

bool rtl_language(const std::string& language) {
  const std::string l = language.substr(0, language.find_first_of("-_"));
  return l == "ar" || l == "he" || l == "iw" || l == "fa" || l == "ur" || l == "yi" || l == "ps" || l == "sd" ||
         l == "ug" || l == "dv" || l == "ckb";
}

BidiLevels bidi_levels(const std::vector<std::string_view>& texts, const std::string& language) {
  BidiLevels out;
  const bool rtl_lang = rtl_language(language);
  bool any = false;
  for (std::string_view t : texts) any = any || may_be_rtl(t);
  if (!any && !rtl_lang) return out;
  // Code points of the whole paragraph, and where each begins.
  std::vector<FriBidiChar> cps;
  for (std::string_view t : texts)
    for (const char* p = t.data(); p < t.data() + t.size(); p = g_utf8_next_char(p)) cps.push_back(g_utf8_get_char(p));
  const auto n = static_cast<FriBidiStrIndex>(cps.size());
  std::vector<FriBidiCharType> types(cps.size());
  std::vector<FriBidiBracketType> brackets(cps.size());
  std::vector<FriBidiLevel> levels(cps.size());
  fribidi_get_bidi_types(cps.data(), n, types.data());
  fribidi_get_bracket_types(cps.data(), n, types.data(), brackets.data());
  // A right-to-left document sets every paragraph right to left, as its
  // EPUB does (dir="rtl" on the html element); elsewhere the first strong
  // character decides (P2-P3).
  FriBidiParType dir = rtl_lang ? FRIBIDI_PAR_RTL : fribidi_get_par_direction(types.data(), n);
  if (dir != FRIBIDI_PAR_LTR && dir != FRIBIDI_PAR_RTL) dir = FRIBIDI_PAR_LTR;
  out.rtl = dir == FRIBIDI_PAR_RTL;
  if (n > 0 && !fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &dir, levels.data()))
    levels.assign(cps.size(), out.rtl ? 1 : 0);
  std::size_t k = 0;
  for (std::string_view t : texts) {
    std::vector<std::uint8_t> lv(t.size());
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t next = static_cast<std::size_t>(g_utf8_next_char(t.data() + i) - t.data());
      for (std::size_t b = i; b < next && b < t.size(); ++b) lv[b] = static_cast<std::uint8_t>(levels[k]);
      ++k;
      i = next;
    }
    out.levels.push_back(std::move(lv));
  }
  return out;
}

}  // namespace galley::layout
