#include "layout/breaks.hpp"

#include <pango/pango.h>

namespace galley::layout {

TextBreaks find_breaks(std::string_view utf8, const std::string& language) {
  TextBreaks out;
  if (utf8.empty()) return out;
  const long chars = g_utf8_strlen(utf8.data(), static_cast<gssize>(utf8.size()));
  std::vector<PangoLogAttr> attrs(static_cast<std::size_t>(chars) + 1);
  PangoLanguage* lang = language.empty() ? nullptr : pango_language_from_string(language.c_str());
  pango_get_log_attrs(utf8.data(), static_cast<int>(utf8.size()), -1, lang, attrs.data(), static_cast<int>(attrs.size()));
  const char* p = utf8.data();
  const char* end = utf8.data() + utf8.size();
  std::size_t k = 0;
  for (; p < end; p = g_utf8_next_char(p), ++k) {
    if (k == 0) continue;
    const auto at = static_cast<std::uint32_t>(p - utf8.data());
    if (attrs[k].is_line_break && !attrs[k].is_mandatory_break) out.line.push_back(at);
    if (attrs[k].is_cursor_position) out.cluster.push_back(at);
  }
  return out;
}

bool is_wide(char32_t cp) { return g_unichar_iswide(static_cast<gunichar>(cp)) != 0; }

char32_t char_at(std::string_view utf8, std::size_t at) {
  if (at >= utf8.size()) return 0;
  return g_utf8_get_char_validated(utf8.data() + at, static_cast<gssize>(utf8.size() - at));
}

char32_t char_before(std::string_view utf8, std::size_t at) {
  if (at == 0 || at > utf8.size()) return 0;
  std::size_t b = at - 1;
  while (b > 0 && (static_cast<unsigned char>(utf8[b]) & 0xC0) == 0x80) --b;
  return char_at(utf8, b);
}

bool hyphenatable(std::string_view utf8) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  for (; p < end; p = g_utf8_next_char(p)) {
    if (static_cast<unsigned char>(*p) < 0x80) continue;
    const gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isalpha(c)) continue;
    const GUnicodeScript s = g_unichar_get_script(c);
    if (s != G_UNICODE_SCRIPT_LATIN && s != G_UNICODE_SCRIPT_GREEK && s != G_UNICODE_SCRIPT_CYRILLIC &&
        s != G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_INHERITED)
      return false;
  }
  return true;
}

bool hyphenatable_letter(char32_t cp) {
  const auto c = static_cast<gunichar>(cp);
  if (!g_unichar_isalpha(c)) return false;
  const GUnicodeScript s = g_unichar_get_script(c);
  return s == G_UNICODE_SCRIPT_LATIN || s == G_UNICODE_SCRIPT_GREEK || s == G_UNICODE_SCRIPT_CYRILLIC;
}

bool url_break_after(char c) {
  return c == '/' || c == '.' || c == '-' || c == '?' || c == '&' || c == '=' || c == '_';
}

}  // namespace galley::layout
