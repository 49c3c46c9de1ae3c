#include "layout/reorder.hpp"

#include <algorithm>

#include <fribidi.h>
#include <glib.h>

#include "util/utf8.hpp"

namespace galley::layout {

void reorder_runs(std::vector<double>& x, const std::vector<double>& w, const std::vector<std::uint8_t>& levels,
                  bool rtl, double extent) {
  const std::size_t n = x.size();
  if (n == 0) return;
  struct Token {
    double width;
    std::uint8_t level;
    int run;  // -1: a gap
  };
  std::vector<Token> tokens;
  tokens.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) {
      const double gap = x[i] - (x[i - 1] + w[i - 1]);
      tokens.push_back(Token{gap, std::min(levels[i - 1], levels[i]), -1});
    }
    tokens.push_back(Token{w[i], levels[i], static_cast<int>(i)});
  }
  const std::uint8_t base = rtl ? 1 : 0;
  std::uint8_t top = base, low_odd = 255;
  for (Token& t : tokens) {
    t.level = std::max(t.level, base);
    top = std::max(top, t.level);
    if (t.level % 2) low_odd = std::min(low_odd, t.level);
  }
  // L2: from the highest level down to the lowest odd one, reverse every
  // maximal sequence at that level or higher.
  for (int lev = top; low_odd != 255 && lev >= low_odd; --lev) {
    for (std::size_t i = 0; i < tokens.size();) {
      if (tokens[i].level < lev) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < tokens.size() && tokens[j].level >= lev) ++j;
      std::reverse(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  const double begin = x.front(), end = x.back() + w.back();
  double at = rtl ? extent - end : begin;
  for (const Token& t : tokens) {
    if (t.run >= 0) x[static_cast<std::size_t>(t.run)] = at;
    at += t.width;
  }
}

std::string mirrored_neutrals(std::string_view utf8) {
  std::vector<gunichar> cps;
  for (const char* p = utf8.data(); p < utf8.data() + utf8.size(); p = g_utf8_next_char(p)) cps.push_back(g_utf8_get_char(p));
  std::string out;
  out.reserve(utf8.size());
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) {
    FriBidiChar m = *it;
    fribidi_get_mirror_char(*it, &m);
    append_utf8(out, static_cast<char32_t>(m));
  }
  return out;
}

}  // namespace galley::layout
