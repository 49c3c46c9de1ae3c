#include "read/text/lines.hpp"

#include "util/ascii.hpp"

#include <array>

namespace galley::read::text {

namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Length in bytes of an invisible/space code point at the start of s, 0 if none.
std::size_t leading_space(std::string_view s) {
  if (s.empty()) return 0;
  if (ascii_space(s[0])) return 1;
  if (s.starts_with("\xC2\xA0")) return 2;                                   // U+00A0
  if (s.starts_with("\xE2\x80\x8B") || s.starts_with("\xEF\xBB\xBF")) return 3;  // U+200B, U+FEFF
  return 0;
}
std::size_t trailing_space(std::string_view s) {
  if (s.empty()) return 0;
  if (ascii_space(s.back())) return 1;
  if (s.ends_with("\xC2\xA0")) return 2;
  if (s.ends_with("\xE2\x80\x8B") || s.ends_with("\xEF\xBB\xBF")) return 3;
  return 0;
}

// Closing quotes and brackets that may follow the final punctuation.
std::size_t trailing_closer(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s.back();
  if (c == '"' || c == '\'' || c == ')' || c == '*' || c == '_') return 1;
  for (std::string_view q : {"\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */, "\xC2\xBB" /* » */,
                             "\xE2\x80\xBA" /* › */, "\xEF\xBC\x89" /* ） */, "\xE3\x80\x8D" /* 」 */,
                             "\xE3\x80\x8F" /* 』 */})
    if (s.ends_with(q)) return q.size();
  return 0;
}

// Opening quotes and brackets that may precede the first letter.
std::size_t leading_opener(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s[0];
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_') return 1;
  for (std::string_view q : {"\xE2\x80\x9C" /* “ */, "\xE2\x80\x98" /* ‘ */, "\xC2\xAB" /* « */,
                             "\xE2\x80\x9E" /* „ */, "\xE2\x80\xB9" /* ‹ */})
    if (s.starts_with(q)) return q.size();
  return 0;
}

}  // namespace

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  while (std::size_t k = leading_space(s)) s.remove_prefix(k);
  while (std::size_t k = trailing_space(s)) s.remove_suffix(k);
  return s;
}

int word_count(std::string_view s) {
  int n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = ascii_space(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  int number = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    Line line;
    line.number = ++number;
    for (char c : raw) {
      if (c == ' ') ++line.indent;
      else if (c == '\t') line.indent += 4;
      else break;
    }
    line.text = trim(raw);
    line.length = utf8_length(line.text);
    if (!(end == text.size() && raw.empty())) lines.push_back(line);  // no phantom line after a final LF
    start = end + 1;
  }
  return lines;
}

ListMarker list_marker(std::string_view t) {
  ListMarker m;
  if (t.size() < 2) return m;
  const unsigned char c0 = static_cast<unsigned char>(t[0]);
  if (!(c0 == '-' || c0 == '*' || c0 == '+' || c0 == '(' || ascii_digit(t[0]) || c0 == 0xE2 || c0 == 0xC2)) return m;
  std::size_t i = 0;
  bool bullet = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '*' || t[0] == '+')) {
    i = 1;
    bullet = true;
  } else {
    for (std::string_view b : {"\xE2\x80\xA2" /* • */, "\xE2\x80\xA3" /* ‣ */, "\xE2\x97\xA6" /* ◦ */,
                               "\xC2\xB7" /* · */, "\xE2\x96\xAA" /* ▪ */, "\xE2\x81\x83" /* ⁃ */}) {
      if (t.starts_with(b)) {
        i = b.size();
        bullet = true;
        break;
      }
    }
  }
  if (!bullet) {
    std::size_t j = 0;
    const bool paren = !t.empty() && t[0] == '(';
    if (paren) j = 1;
    const std::size_t digits_start = j;
    int number = 0;
    while (j < t.size() && ascii_digit(t[j]) && j - digits_start < 4) number = number * 10 + (t[j++] - '0');
    const std::size_t digits = j - digits_start;
    if (digits == 0 || digits > 3 || j >= t.size()) return m;
    if (paren ? t[j] != ')' : (t[j] != '.' && t[j] != ')')) return m;
    i = j + 1;
    m.ordered = true;
    m.number = number;
  }
  // White space, then text.
  std::size_t k = i;
  while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
  if (k == i || k >= t.size()) return ListMarker{};
  m.found = true;
  m.content = k;
  return m;
}

bool is_scene_break(std::string_view t) {
  if (t.empty() || t.size() > 80) return false;
  const unsigned char c0 = static_cast<unsigned char>(t[0]);
  if (std::string_view("*-_~=#").find(t[0]) == std::string_view::npos && c0 != 0xE2 && c0 != 0xC2) return false;
  std::string_view symbol;
  int count = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] == ' ' || t[i] == '\t') {
      ++i;
      continue;
    }
    std::string_view s;
    const char c = t[i];
    if (c == '*' || c == '-' || c == '_' || c == '~' || c == '=' || c == '#') {
      s = t.substr(i, 1);
    } else {
      for (std::string_view b : {"\xE2\x80\xA2" /* • */, "\xC2\xB7" /* · */, "\xE2\x81\x82" /* ⁂ */,
                                 "\xE2\x9C\xBB" /* ✻ */, "\xE2\x80\x94" /* — */}) {
        if (t.substr(i).starts_with(b)) {
          s = b;
          break;
        }
      }
      if (s.empty()) return false;
    }
    if (symbol.empty()) symbol = s;
    else if (s != symbol) return false;
    ++count;
    i += s.size();
  }
  if (count >= 3) return true;
  return count == 1 && (symbol == "*" || symbol == "#" || symbol == "\xE2\x81\x82");
}

Ending ending(std::string_view t) {
  while (std::size_t k = trailing_closer(t)) t.remove_suffix(k);
  t = trim(t);
  if (t.empty()) return Ending::Other;
  const unsigned char c = static_cast<unsigned char>(t.back());
  if (c < 0x80) {
    switch (c) {
      case '.': return Ending::Period;
      case '?': return Ending::Question;
      case '!': return Ending::Exclamation;
      case ':': return Ending::Colon;
      case ',': return Ending::Comma;
      case ';': return Ending::Semicolon;
      case '-': return Ending::Dash;
      default: break;
    }
    if (ascii_upper(static_cast<char>(c)) || ascii_lower(static_cast<char>(c)) || ascii_digit(static_cast<char>(c)))
      return Ending::None;
    return Ending::Other;
  }
  struct Mark { std::string_view s; Ending e; };
  static constexpr std::array<Mark, 10> marks{{
      {"\xE2\x80\xA6", Ending::Period},       // …
      {"\xE3\x80\x82", Ending::Period},       // 。
      {"\xEF\xBC\x8E", Ending::Period},       // ．
      {"\xEF\xBC\x9F", Ending::Question},     // ？
      {"\xEF\xBC\x81", Ending::Exclamation},  // ！
      {"\xEF\xBC\x9A", Ending::Colon},        // ：
      {"\xEF\xBC\x8C", Ending::Comma},        // ，
      {"\xE3\x80\x81", Ending::Comma},        // 、
      {"\xEF\xBC\x9B", Ending::Semicolon},    // ；
      {"\xE2\x80\x94", Ending::Dash},         // —
  }};
  for (const Mark& m : marks)
    if (t.ends_with(m.s)) return m.e;
  if (t.ends_with("\xE2\x80\x93")) return Ending::Dash;  // –
  return Ending::None;  // a letter of another script
}

bool starts_lowercase(std::string_view t) {
  while (std::size_t k = leading_opener(t)) t.remove_prefix(k);
  return !t.empty() && ascii_lower(t[0]);
}

bool continues_on_next_line(std::string_view t) {
  // Openers without their closers.
  int round = 0, square = 0, curly = 0, straight = 0, smart = 0, guillemet = 0;
  const bool low_quotes = t.find("\xE2\x80\x9E") != std::string_view::npos;  // „…“: “ closes
  for (std::size_t i = 0; i < t.size(); ++i) {
    switch (t[i]) {
      case '(': ++round; break;
      case ')': --round; break;
      case '[': ++square; break;
      case ']': --square; break;
      case '{': ++curly; break;
      case '}': --curly; break;
      case '"': ++straight; break;
      default: break;
    }
    const std::string_view rest = t.substr(i);
    if (rest.starts_with("\xE2\x80\x9C")) smart += low_quotes ? -1 : 1;  // “
    if (rest.starts_with("\xE2\x80\x9D") || rest.starts_with("\xE2\x80\x9E")) smart += rest[2] == '\x9E' ? 1 : -1;
    if (rest.starts_with("\xC2\xAB")) ++guillemet;
    if (rest.starts_with("\xC2\xBB")) --guillemet;
  }
  if (round > 0 || square > 0 || curly > 0 || straight % 2 || smart > 0 || guillemet > 0) return true;
  // The last word: an article or a conjunction.
  std::size_t end = t.size();
  while (end > 0 && t[end - 1] == ' ') --end;
  std::size_t begin = end;
  while (begin > 0 && t[begin - 1] != ' ') --begin;
  if (begin == 0) return false;  // one word: a heading may be "The"
  const std::string last = lower_ascii(t.substr(begin, end - begin));
  for (std::string_view w : {"a", "an", "the", "and", "or", "but", "nor", "of"})
    if (last == w) return true;
  return false;
}

bool starts_with_quote(std::string_view t) {
  if (t.empty()) return false;
  if (t[0] == '"' || t[0] == '\'') return true;
  for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\x9E"})
    if (t.starts_with(q)) return true;
  return false;
}

bool is_all_caps(std::string_view t) {
  int upper = 0;
  for (char c : t) {
    if (ascii_lower(c)) return false;
    if (ascii_upper(c)) ++upper;
  }
  return upper >= 2;
}

double title_case_share(std::string_view t) {
  int words = 0, capital = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && ascii_space(t[i])) ++i;
    const std::size_t start = i;
    while (i < t.size() && !ascii_space(t[i])) ++i;
    std::string_view w = t.substr(start, i - start);
    while (std::size_t k = leading_opener(w)) w.remove_prefix(k);
    int letters = 0;
    for (char c : w)
      if (ascii_upper(c) || ascii_lower(c)) ++letters;
    if (letters < 4) continue;
    ++words;
    if (!w.empty() && (ascii_upper(w[0]) || ascii_digit(w[0]))) ++capital;
  }
  return words == 0 ? 0.0 : static_cast<double>(capital) / words;
}

bool has_inner_sentence_end(std::string_view t, bool periods_only) {
  for (std::size_t i = 1; i + 2 < t.size(); ++i) {
    const char c = t[i];
    if ((c != '.' && (periods_only || (c != '?' && c != '!'))) || t[i + 1] != ' ') continue;
    const char next = t[i + 2];
    if (!ascii_upper(next) && next != '"' && static_cast<unsigned char>(next) != 0xE2) continue;
    if (c == '.') {
      // The word before the period: abbreviations (Mr., U.S., St.) and numbers don't end sentences.
      std::size_t b = i;
      while (b > 0 && !ascii_space(t[b - 1])) --b;
      const std::string_view word = t.substr(b, i - b);
      if (word.empty()) continue;
      bool digits = true;
      for (char d : word) digits = digits && ascii_digit(d);
      if (digits || word.find('.') != std::string_view::npos) continue;
      bool all_letters_upper = true;
      for (char d : word) all_letters_upper = all_letters_upper && !ascii_lower(d);
      if (ascii_upper(word[0]) && (word.size() <= 3 || all_letters_upper)) continue;  // Mr., Dr., initials
      bool abbreviation = false;
      for (std::string_view a : {"vs", "etc", "approx", "fig", "vol", "inc", "ltd", "cf", "no", "pp", "ch"})
        abbreviation = abbreviation || (word.size() == a.size() && starts_with_nocase(word, a));
      if (abbreviation) continue;
    }
    return true;
  }
  return false;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (ascii_upper(a)) a = static_cast<char>(a - 'A' + 'a');
    if (ascii_upper(b)) b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace galley::read::text
