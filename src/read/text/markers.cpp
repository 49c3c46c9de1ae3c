#include "read/text/markers.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "read/text/lines.hpp"
#include "util/ascii.hpp"

namespace galley::read::text {

namespace {

// Dashes and the punctuation set around a number: "— I —", "[ 1 ]", "IV.", "XVIII(*)".
std::size_t decoration_at_start(std::string_view s) {
  if (s.empty()) return 0;
  if (std::string_view(" \t-[]()*.:_").find(s[0]) != std::string_view::npos) return 1;
  if (s.starts_with("\xE2\x80\x94") || s.starts_with("\xE2\x80\x93")) return 3;  // — –
  return 0;
}
std::size_t decoration_at_end(std::string_view s) {
  if (s.empty()) return 0;
  if (std::string_view(" \t-[]()*.:,;_").find(s.back()) != std::string_view::npos) return 1;
  if (s.ends_with("\xE2\x80\x94") || s.ends_with("\xE2\x80\x93")) return 3;
  return 0;
}
std::string_view undecorate(std::string_view s) {
  while (std::size_t k = decoration_at_start(s)) s.remove_prefix(k);
  while (std::size_t k = decoration_at_end(s)) s.remove_suffix(k);
  return s;
}

// Separators between a number and its title: "--", "—", "–", ":", "." (with spaces around).
std::size_t separator_at(std::string_view s) {
  if (s.starts_with("--")) return 2;
  if (s.starts_with("\xE2\x80\x94") || s.starts_with("\xE2\x80\x93")) return 3;
  if (!s.empty() && (s[0] == ':' || s[0] == ';')) return 1;
  return 0;
}

// Next word of s from pos, ending at white space or a separator.
std::string_view next_word(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  const std::size_t b = pos;
  while (pos < s.size() && s[pos] != ' ' && s[pos] != '\t' && (pos == b || separator_at(s.substr(pos)) == 0)) ++pos;
  return s.substr(b, pos - b);
}

// "one".."ninety-nine", "first".."ninety-ninth" -> 1..99; 0 otherwise.
int word_number(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, int>, 40> small{{
      {"one", 1},       {"two", 2},         {"three", 3},      {"four", 4},       {"five", 5},
      {"six", 6},       {"seven", 7},       {"eight", 8},      {"nine", 9},       {"ten", 10},
      {"eleven", 11},   {"twelve", 12},     {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},
      {"sixteen", 16},  {"seventeen", 17},  {"eighteen", 18},  {"nineteen", 19},  {"first", 1},
      {"second", 2},    {"third", 3},       {"fourth", 4},     {"fifth", 5},      {"sixth", 6},
      {"seventh", 7},   {"eighth", 8},      {"ninth", 9},      {"tenth", 10},     {"eleventh", 11},
      {"twelfth", 12},  {"thirteenth", 13}, {"fourteenth", 14}, {"fifteenth", 15}, {"sixteenth", 16},
      {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19}, {"last", 99}, {"final", 99}}};
  static constexpr std::array<std::pair<std::string_view, int>, 16> tens{{
      {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
      {"eighty", 80}, {"ninety", 90}, {"twentieth", 20}, {"thirtieth", 30}, {"fortieth", 40}, {"fiftieth", 50},
      {"sixtieth", 60}, {"seventieth", 70}, {"eightieth", 80}, {"ninetieth", 90}}};
  const std::string l = lower_ascii(w);
  for (const auto& [name, value] : small)
    if (l == name) return value;
  for (const auto& [name, value] : tens) {
    if (l == name) return value;
    if (l.starts_with(name) && l.size() > name.size() + 1 && l[name.size()] == '-') {
      const int unit = word_number(std::string_view(l).substr(name.size() + 1));
      if (unit > 0 && unit < 10) return value + unit;
    }
  }
  return 0;
}

int digits_value(std::string_view w) {
  if (w.empty() || w.size() > 3) return 0;
  int n = 0;
  for (char c : w) {
    if (!ascii_digit(c)) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

struct Word {
  std::string_view name;
  MarkerKind kind;
};
constexpr std::array<Word, 19> division_words{{{"book", MarkerKind::Part},
                                               {"livre", MarkerKind::Part},
                                               {"buch", MarkerKind::Part},
                                               {"teil", MarkerKind::Part},
                                               {"tome", MarkerKind::Part},
                                               {"chapitre", MarkerKind::Chapter},
                                               {"kapitel", MarkerKind::Chapter},
                                               {"capitolo", MarkerKind::Chapter},
                                               {"part", MarkerKind::Part},
                                               {"volume", MarkerKind::Part},
                                               {"phase", MarkerKind::Part},
                                               {"epoch", MarkerKind::Part},
                                               {"act", MarkerKind::Act},
                                               {"chapter", MarkerKind::Chapter},
                                               {"stave", MarkerKind::Chapter},
                                               {"canto", MarkerKind::Chapter},
                                               {"letter", MarkerKind::Chapter},
                                               {"scene", MarkerKind::Scene},
                                               {"epilogue", MarkerKind::Section}}};
constexpr std::array<std::string_view, 11> section_words{"preface", "prologue", "epilogue", "introduction",
                                                         "foreword", "afterword", "conclusion", "postscript",
                                                         "dedication", "appendix", "interlude"};

MarkerKind division_kind(std::string_view w) {
  for (const Word& d : division_words)
    if (w == d.name) return d.kind;
  return MarkerKind::None;
}

bool section_word(std::string_view w) {
  for (std::string_view s : section_words)
    if (w == s) return true;
  return false;
}

// What follows the number: empty, or a title that does not continue a sentence.
// After a separator ("Book the Second--the Golden Thread") the title may
// start in lower case; after a space alone it would be a sentence.
bool title_rest(std::string_view rest, bool& bare) {
  rest = trim(rest);
  bool separated = false;
  while (true) {
    if (std::size_t k = separator_at(rest)) rest = trim(rest.substr(k));
    else if (!rest.empty() && (rest[0] == '.' || rest[0] == '-' || rest[0] == ',')) rest = trim(rest.substr(1));
    else break;
    separated = true;
  }
  bare = rest.empty();
  return bare || separated || !starts_lowercase(rest);
}

}  // namespace

int roman_value(std::string_view w) {
  if (w.empty() || w.size() > 12) return 0;
  auto value = [](char c) {
    switch (c) {
      case 'I': case 'i': return 1;
      case 'V': case 'v': return 5;
      case 'X': case 'x': return 10;
      case 'L': case 'l': return 50;
      case 'C': case 'c': return 100;
      case 'D': case 'd': return 500;
      case 'M': case 'm': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const int v = value(w[i]);
    if (v == 0) return 0;
    const int next = i + 1 < w.size() ? value(w[i + 1]) : 0;
    if (next == 0 && i + 1 < w.size()) return 0;
    total += next > v ? -v : v;
  }
  // Well formed only: its canonical spelling is what was written ("IIII", "VX" are not numerals).
  static constexpr std::array<std::pair<int, std::string_view>, 13> parts{
      {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
       {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  if (total <= 0 || total >= 4000) return 0;
  std::string canonical;
  int rest = total;
  for (const auto& [v, s] : parts)
    while (rest >= v) {
      canonical += s;
      rest -= v;
    }
  return canonical == lower_ascii(w) ? total : 0;
}

Marker parse_marker(std::string_view t) {
  Marker none;
  t = trim(t);
  if (t.empty() || t.size() > 200) return none;

  // A number alone: "IV.", "12", "— I —", "[ 1 ]".
  const std::string_view inner = undecorate(t);
  if (!inner.empty() && inner.size() <= 12 && inner.find(' ') == std::string_view::npos) {
    Marker m;
    m.kind = MarkerKind::Chapter;
    m.bare = m.numeral_only = true;
    m.form = std::string(trim(t.substr(0, static_cast<std::size_t>(inner.data() - t.data()))));
    bool upper = true;
    for (char c : inner) upper = upper && (ascii_upper(c) || ascii_digit(c));
    if ((m.number = digits_value(inner)) > 0) return m;
    if (upper && (m.number = roman_value(inner)) > 0) {
      m.roman = true;
      m.form += 'R';
      return m;
    }
  }
  if (!ascii_upper(t[0])) return none;
  // "IV. The Storm": a roman numeral, a period and a title.
  if (const std::size_t dot = t.find(". "); dot != std::string_view::npos && dot <= 8) {
    Marker m;
    bool bare = false;
    bool upper = true;
    for (char c : t.substr(0, dot)) upper = upper && ascii_upper(c);
    if (upper && (m.number = roman_value(t.substr(0, dot))) > 0 && title_rest(t.substr(dot + 1), bare) && !bare) {
      m.kind = MarkerKind::Chapter;
      m.numeral_only = m.roman = true;
      m.form = "R.";
      return m;
    }
  }

  std::size_t pos = 0;
  std::string_view first = next_word(t, pos);
  std::string w = lower_ascii(undecorate(first));
  const bool the = w == "the";
  if (the) w = lower_ascii(undecorate(next_word(t, pos)));
  Marker m;
  bool bare = false;
  // "FIRST ACT", "THE FIRST ACT", "SECOND EPILOGUE".
  if (const int ordinal = word_number(w); ordinal > 0) {
    const std::string division = lower_ascii(undecorate(next_word(t, pos)));
    m.kind = division_kind(division);
    if (m.kind == MarkerKind::None || !title_rest(t.substr(pos), bare)) return none;
    m.word = m.form = division;
    m.number = ordinal;
    m.bare = bare;
    return m;
  }
  // "PREFACE", "THE INTRODUCTION", "PREFACE TO THE SECOND EDITION".
  if (section_word(w)) {
    const std::string_view rest = trim(t.substr(pos));
    if (!rest.empty() && !starts_with_nocase(rest, "to ")) {
      // "EPILOGUE 2" / "APPENDIX I" fall through to the numbered forms.
      if (the || division_kind(w) == MarkerKind::None) return none;
    } else {
      m.kind = MarkerKind::Section;
      m.word = m.form = w;
      m.bare = rest.empty();
      return m;
    }
  }
  if (the) return none;
  // "CHAPTER I.", "Book the First--Recalled to Life", "PART ONE--The Old Buccaneer", "STAVE I:  MARLEY'S GHOST".
  m.kind = division_kind(w);
  if (m.kind == MarkerKind::None) return none;
  // The word is written whole ("Chapter", not "Chapter's" or "Chapters").
  if (undecorate(first).size() != w.size() || (first.size() > w.size() && first[w.size()] != '.' && first[w.size()] != ':'))
    return none;
  std::string_view number = undecorate(next_word(t, pos));
  if (lower_ascii(number) == "the") number = undecorate(next_word(t, pos));
  m.number = digits_value(number);
  if (m.number == 0) m.number = roman_value(number);
  if (m.number > 0 && !std::isdigit(static_cast<unsigned char>(number[0]))) m.roman = true;
  if (m.number == 0) m.number = word_number(number);
  if (m.number == 0 || !title_rest(t.substr(pos), bare)) return none;
  m.word = m.form = w;
  m.bare = bare;
  return m;
}

}  // namespace galley::read::text
