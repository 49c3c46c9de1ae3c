#include "read/text/gutenberg.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "doc/metadata.hpp"

namespace galley::read::text {

namespace {

bool contains_nocase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (starts_with_nocase(hay.substr(i), needle)) return true;
  return false;
}

// "*** START OF THIS PROJECT GUTENBERG EBOOK ..." and "*** END OF THE PROJECT GUTENBERG ...".
bool is_marker(const Line& line, std::string_view word) {
  const std::string_view t = line.text;
  if (t.size() > 400 || !t.starts_with("***")) return false;
  std::string_view rest = t.substr(3);
  while (!rest.empty() && (rest[0] == ' ' || rest[0] == '*')) rest.remove_prefix(1);
  return starts_with_nocase(rest, word) && contains_nocase(t, "PROJECT GUTENBERG");
}

// The value of a "Field: value" header line, continued on following indented lines.
std::string field(const std::vector<Line>& lines, std::size_t i, std::string_view name) {
  std::string_view t = lines[i].text;
  std::string value(trim(t.substr(name.size())));
  for (std::size_t j = i + 1; j < lines.size() && !lines[j].blank() && lines[j].indent > 0; ++j)
    value += " " + std::string(lines[j].text);
  return value;
}

// Does a wrapped title line run on into the next ("The Life and Strange Surprizing Adventures of" /
// "Robinson Crusoe")? Not when the next is a subtitle, even one in lower case ("or, The Modern Prometheus").
bool runs_on(std::string_view line, std::string_view next) {
  if (line.empty() || next.empty()) return true;
  const Ending e = ending(line);
  if (e == Ending::Comma || e == Ending::Dash || e == Ending::Semicolon) return true;
  const std::size_t space = line.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? line : line.substr(space + 1);
  for (std::string_view w : {"of", "and", "the", "a", "an", "in", "on", "to", "for", "with", "by", "or", "from", "at"})
    if (last.size() == w.size() && starts_with_nocase(last, w)) return true;
  return false;
}

// "Title: A Christmas Carol" + "       A Ghost Story of Christmas": title and subtitle.
void title_field(const std::vector<Line>& lines, std::size_t i, GutenbergSplit& g) {
  g.title = std::string(trim(lines[i].text.substr(6)));
  std::string* into = &g.title;
  std::string_view previous = g.title;
  for (std::size_t j = i + 1; j < lines.size() && !lines[j].blank() && lines[j].indent > 0; ++j) {
    if (into == &g.title && !runs_on(previous, lines[j].text)) into = &g.subtitle;
    if (!into->empty()) *into += ' ';
    *into += lines[j].text;
    previous = lines[j].text;
  }
}

}  // namespace

std::string language_from_name(const std::string& name) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"english", "en"},    {"french", "fr"},     {"german", "de"},    {"spanish", "es"},
      {"italian", "it"},    {"portuguese", "pt"}, {"dutch", "nl"},     {"latin", "la"},
      {"finnish", "fi"},    {"swedish", "sv"},    {"danish", "da"},    {"norwegian", "no"},
      {"chinese", "zh"},    {"japanese", "ja"},   {"russian", "ru"},   {"greek", "el"},
      {"hungarian", "hu"},  {"polish", "pl"},     {"czech", "cs"},     {"esperanto", "eo"},
      {"catalan", "ca"},    {"tagalog", "tl"},    {"welsh", "cy"},     {"irish", "ga"},
      {"icelandic", "is"},  {"hebrew", "he"},     {"arabic", "ar"},    {"korean", "ko"},
      {"romanian", "ro"},   {"serbian", "sr"},    {"croatian", "hr"},  {"ukrainian", "uk"},
      {"turkish", "tr"},    {"swahili", "sw"},    {"afrikaans", "af"}, {"bulgarian", "bg"},
  };
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // "English" or "English, French": the first language named.
  const std::size_t cut = lower.find_first_of(",;/(");
  std::string first(trim(std::string_view(lower).substr(0, cut)));
  for (const auto& [n, tag] : names)
    if (first == n) return std::string(tag);
  const std::string original(trim(std::string_view(name).substr(0, cut)));
  if (doc::is_valid_language_tag(original)) return original;
  return "";
}

GutenbergSplit find_gutenberg(const std::vector<Line>& lines) {
  GutenbergSplit g;
  g.body_end = lines.size();
  std::size_t start = lines.size(), end = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (start == lines.size() && end == lines.size() && is_marker(lines[i], "START OF")) start = i;
    else if (end == lines.size() && is_marker(lines[i], "END OF")) end = i;
  }
  if (start == lines.size() && end == lines.size()) return g;
  g.found = true;

  if (start < lines.size()) {
    g.body_begin = start + 1;
    // A marker wrapped over two lines: "***START OF THE PROJECT GUTENBERG EBOOK SONGS OF" / "EXPERIENCE***".
    if (!lines[start].text.ends_with("***") && g.body_begin < lines.size() && lines[g.body_begin].text.ends_with("***"))
      ++g.body_begin;
    // Header fields.
    for (std::size_t i = 0; i < start; ++i) {
      const std::string_view t = lines[i].text;
      if (g.title.empty() && t.starts_with("Title:")) title_field(lines, i, g);
      else if (g.authors.empty() && t.starts_with("Author:")) g.authors.push_back(field(lines, i, "Author:"));
      else if (g.language.empty() && t.starts_with("Language:"))
        g.language = language_from_name(field(lines, i, "Language:"));
    }
    // A "Produced by ..." credit right after the marker belongs to the header.
    std::size_t i = g.body_begin;
    while (i < lines.size() && i < end && lines[i].blank()) ++i;
    if (i < end && (starts_with_nocase(lines[i].text, "Produced by") ||
                    starts_with_nocase(lines[i].text, "This etext was") ||
                    starts_with_nocase(lines[i].text, "This eBook was") ||
                    starts_with_nocase(lines[i].text, "E-text prepared by") ||
                    starts_with_nocase(lines[i].text, "Transcribed from"))) {
      while (i < end && !lines[i].blank()) ++i;
      g.body_begin = i;
    }
  }
  if (end < lines.size()) {
    g.body_end = end;
    // "End of the Project Gutenberg EBook of ..." just before the marker.
    std::size_t j = end;
    while (j > g.body_begin && lines[j - 1].blank()) --j;
    if (j > g.body_begin) {
      std::size_t k = j;
      while (k > g.body_begin && !lines[k - 1].blank()) --k;
      if (starts_with_nocase(lines[k].text, "End of the Project Gutenberg") ||
          starts_with_nocase(lines[k].text, "End of Project Gutenberg"))
        g.body_end = k;
    }
  }
  g.body_begin = std::min(g.body_begin, g.body_end);
  return g;
}

}  // namespace galley::read::text
