#include "layout/bidi.hpp"

#include <hb.h>

#include <algorithm>
#include <cstddef>

namespace galley::layout {

Direction strong_direction(std::string_view s) {
  hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    std::size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if (c < 0xE0) { cp = c & 0x1Fu; n = 2; }
    else if (c < 0xF0) { cp = c & 0x0Fu; n = 3; }
    else { cp = c & 0x07u; n = 4; }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += n;
    if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) continue;  // ASCII: only letters are strong
    const hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    const bool letter = gc == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
                        gc == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
                        gc == HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER ||
                        gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER || gc == HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER;
    if (!letter) continue;
    const hb_script_t script = hb_unicode_script(uf, cp);
    if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN) continue;
    return hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL ? Direction::Rtl : Direction::Ltr;
  }
  return Direction::Neutral;
}

void reorder_line(std::vector<double>& x, const std::vector<double>& w, const std::vector<Direction>& dirs,
                  bool rtl_paragraph, double extent) {
  const std::size_t n = x.size();
  if (n == 0 || w.size() != n || dirs.size() != n) return;
  const Direction base = rtl_paragraph ? Direction::Rtl : Direction::Ltr;
  // Neutral words take the direction of the strong words on both sides
  // when they agree, else the paragraph's (rules N1, N2).
  std::vector<Direction> d(dirs);
  for (std::size_t i = 0; i < n; ++i) {
    if (d[i] != Direction::Neutral) continue;
    std::size_t j = i;
    while (j < n && dirs[j] == Direction::Neutral) ++j;
    const Direction before = i > 0 ? d[i - 1] : base;
    const Direction after = j < n ? dirs[j] : base;
    const Direction resolved = before == after ? before : base;
    for (std::size_t k = i; k < j; ++k) d[k] = resolved;
    i = j - 1;
  }
  // Levels: 0 left-to-right, 1 right-to-left; in a right-to-left paragraph,
  // 1 and 2.
  std::vector<int> level(n);
  int top = 0;
  for (std::size_t i = 0; i < n; ++i) {
    level[i] = rtl_paragraph ? (d[i] == Direction::Rtl ? 1 : 2) : (d[i] == Direction::Rtl ? 1 : 0);
    top = std::max(top, level[i]);
  }
  // Rule L2: from the highest level down to 1, reverse every run at that
  // level or higher; geometrically, mirror the run within its own span. The
  // last reversal of a right-to-left paragraph mirrors the whole line within
  // [0, extent] instead, so the line starts at the right.
  std::vector<std::size_t> visual(n);
  for (std::size_t i = 0; i < n; ++i) visual[i] = i;
  for (int lv = top; lv >= 1; --lv) {
    for (std::size_t s = 0; s < n;) {
      if (level[visual[s]] < lv) {
        ++s;
        continue;
      }
      std::size_t e = s;
      while (e + 1 < n && level[visual[e + 1]] >= lv) ++e;
      const bool whole = rtl_paragraph && lv == 1;
      const double lo = whole ? 0 : x[visual[s]];
      const double hi = whole ? extent : x[visual[e]] + w[visual[e]];
      for (std::size_t k = s; k <= e; ++k) x[visual[k]] = lo + hi - (x[visual[k]] + w[visual[k]]);
      std::reverse(visual.begin() + static_cast<std::ptrdiff_t>(s), visual.begin() + static_cast<std::ptrdiff_t>(e) + 1);
      s = e + 1;
    }
  }
}

}  // namespace galley::layout
