#include "read/text/headings.hpp"

#include "read/text/book.hpp"
#include "read/text/markers.hpp"
#include "util/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace galley::read::text {

namespace {

bool upper_first(std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; }

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Things a heading does not contain: addresses, markup remains, table cells.
bool looks_like_data(std::string_view t) {
  return contains(t, "http://") || contains(t, "https://") || contains(t, "www.") || contains(t, " | ") ||
         contains(t, "@") || contains(t, "\t");
}

bool starts_with_any(std::string_view t, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (t.starts_with(p)) return true;
  return false;
}

// "October 19, 2025", "19 Oct 2025", "2025-10-19", "Posted March 3, 2015".
bool looks_like_date(std::string_view t) {
  if (word_count(t) > 6) return false;
  bool year = false;
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    const bool four = std::isdigit(static_cast<unsigned char>(t[i])) && std::isdigit(static_cast<unsigned char>(t[i + 1])) &&
                      std::isdigit(static_cast<unsigned char>(t[i + 2])) && std::isdigit(static_cast<unsigned char>(t[i + 3]));
    const bool alone = (i == 0 || !std::isdigit(static_cast<unsigned char>(t[i - 1]))) &&
                       (i + 4 == t.size() || !std::isdigit(static_cast<unsigned char>(t[i + 4])));
    if (four && alone && (t[i] == '1' || t[i] == '2')) year = true;
  }
  if (!year) return false;
  const std::string l = lower_ascii(t);
  for (std::string_view m : {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})
    if (l.find(m) != std::string::npos) return true;
  // ISO 8601: 2025-10-19
  for (std::size_t i = 0; i + 10 <= t.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(t[i])) && t[i + 4] == '-' && t[i + 7] == '-') return true;
  return false;
}

// "A. Writer, B. Writer and C. Writer" -> names; empty when it does not look like names.
std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> names;
  std::string s(trim(list));
  while (!s.empty() && (s.back() == '.' || s.back() == ',')) {
    // Keep the period of a final initial ("J. R. R. Tolkien" has none at the end; "Smith Jr." does).
    if (s.back() == '.' && s.size() >= 3 && s[s.size() - 3] != ' ') s.pop_back();
    else if (s.back() == ',') s.pop_back();
    else break;
  }
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t cut = s.size(), skip = 0;
    for (std::string_view sep : {std::string_view(", and "), std::string_view(" and "), std::string_view(", "),
                                 std::string_view(" & ")}) {
      const std::size_t f = s.find(sep, pos);
      if (f != std::string::npos && f < cut) {
        cut = f;
        skip = sep.size();
      }
    }
    const std::string name(trim(std::string_view(s).substr(pos, cut - pos)));
    if (name.empty() || !upper_first(name) || word_count(name) > 5) return {};
    names.push_back(name);
    if (cut == s.size()) break;
    pos = cut + skip;
  }
  return names;
}

// Figure captions and credits: "Fig. 1: ...", "Photo: ...", "Image courtesy of ...".
// A turn of an interview: "Q: How did it start?", "A: By accident."
bool interview_turn(std::string_view t, bool question) {
  return question ? starts_with_any(t, {"Q: ", "Question: "}) : starts_with_any(t, {"A: ", "Answer: "});
}

bool release_label(std::string_view t) {
  if (word_count(t) > 8) return false;
  for (std::string_view label : {"FOR IMMEDIATE RELEASE", "FOR RELEASE", "EMBARGOED", "PRESS RELEASE", "NEWS RELEASE",
                                 "MEDIA ADVISORY", "MEDIA RELEASE"})
    if (starts_with_nocase(t, label)) return true;
  return false;
}

// "Keywords: reading, typography, mobile devices": a label of a word or two
// and a list (not "Consider all your options: build, buy, or borrow?").
bool label_and_list(std::string_view t) {
  const std::size_t colon = t.find(": ");
  return colon != std::string_view::npos && word_count(t.substr(0, colon)) <= 2 &&
         std::count(t.begin() + static_cast<std::ptrdiff_t>(colon), t.end(), ',') >= 2;
}

bool is_caption(std::string_view t) {
  for (std::string_view p : {"Fig. ", "Fig ", "Figure ", "Photo:", "Photo by", "Photo credit", "Image:", "Image courtesy",
                             "Image by", "Image credit", "Source:", "Credit:", "Caption:"})
    if (starts_with_nocase(t, p)) {
      if (p != "Figure ") return true;
      // "Figure 3" followed by a number.
      const std::string_view rest = t.substr(p.size());
      return !rest.empty() && rest[0] >= '0' && rest[0] <= '9';
    }
  return false;
}


// Equal but for case, white space and punctuation.
bool same_words(std::string_view a, std::string_view b) {
  auto key = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s)
      if (std::isalnum(c) || c >= 0x80) out += static_cast<char>(std::tolower(c));
    return out;
  };
  return key(a) == key(b);
}

}  // namespace

namespace {

// The decimal section number a heading starts with ("2", "2.", "2.1",
// "2.1.3" before its words), as written without a final period; empty when
// it has none.
std::string section_number(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    const std::size_t start = i;
    while (i < t.size() && ascii_digit(t[i])) ++i;
    if (i == start || i - start > 3) return {};
    if (i < t.size() && t[i] == '.' && i + 1 < t.size() && ascii_digit(t[i + 1])) {
      ++i;
      continue;
    }
    const std::size_t end = i;
    if (i < t.size() && t[i] == '.') ++i;
    if (i >= t.size() || t[i] != ' ') return {};
    return std::string(t.substr(0, end));
  }
  return {};
}

// Numbered sections nest: a heading numbered "2.1" sits one level below the
// heading numbered "2" before it, when there is one (so "3.5 million
// reasons" alone stays a section).
void nest_numbered_headings(std::vector<Decision>& decisions) {
  std::unordered_map<std::string, int> level_of;  // section number -> level
  for (Decision& d : decisions) {
    if (d.role != Role::Heading) continue;
    const std::string number = section_number(d.text);
    if (number.empty()) continue;
    const std::size_t dot = number.rfind('.');
    if (dot != std::string::npos) {
      const auto parent = level_of.find(number.substr(0, dot));
      if (parent != level_of.end()) d.level = std::min(6, parent->second + 1);
    }
    level_of[number] = d.level;
  }
}

class Classifier {
 public:
  Classifier(const Segmentation& seg, const ClassifyOptions& options)
      : units_(seg.units), options_(options) {
    const std::size_t n = units_.size();
    text_.resize(n);
    length_.resize(n);
    std::vector<std::size_t> lengths;
    for (std::size_t i = 0; i < n; ++i) {
      const Unit& u = units_[i];
      if (u.kind != UnitKind::Break) text_[i] = u.joined();
      length_[i] = utf8_length(text_[i]);
      if (u.kind == UnitKind::Text) lengths.push_back(length_[i]);
      if (u.kind == UnitKind::Text && u.blank_before > 0) ++text_with_blank_;
      if (u.kind == UnitKind::Text) ++text_units_;
      if (u.kind == UnitKind::Text && starts_with_quote(text_[i])) ++quoted_units_;
      if (u.kind == UnitKind::Text) {
        questions_ += interview_turn(text_[i], true);
        answers_ += interview_turn(text_[i], false);
      }
    }
    // Fiction: when many paragraphs open with a quotation mark, a quoted line is dialogue.
    dialogue_ = text_units_ >= 20 && quoted_units_ * 20 >= text_units_;
    if (!lengths.empty()) {
      std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2),
                       lengths.end());
      median_ = lengths[lengths.size() / 2];
    }
  }

  Structure run() {
    Structure s;
    const std::size_t n = units_.size();
    s.decisions.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      Decision& d = s.decisions[i];
      switch (units_[i].kind) {
        case UnitKind::Text: d.role = Role::Paragraph; break;
        case UnitKind::Item: d.role = Role::Item; break;
        case UnitKind::Quote: d.role = Role::Quote; break;
        case UnitKind::Indented: d.role = Role::Indented; break;
        case UnitKind::Break: d.role = Role::Break; break;
      }
    }
    mark_headings(s);
    // A press release's label ("FOR IMMEDIATE RELEASE") stays text above its headline.
    std::size_t first = n > 2 && is_text(0) && release_label(text_[0]) ? 1 : 0;
    if (options_.detect_title && n > first + 1 && is_title(first)) {
      const bool repeats = options_.given_title.empty() || same_words(text_[first], options_.given_title);
      s.decisions[first].role = repeats ? Role::Title : Role::Heading;
      s.decisions[first].level = repeats ? 0 : 2;
      s.decisions[first].text = text_[first];
      ++first;
    }
    // "By A. Writer" just under the title names the authors.
    for (std::size_t i = first; i < std::min(n, first + 2); ++i) {
      if (!is_text(i) || units_[i].lines() != 1 || length_[i] > 100) continue;
      const std::string_view t = text_[i];
      if (!(t.starts_with("By ") || t.starts_with("by ") || t.starts_with("BY ")) || word_count(t) > 10) continue;
      const std::vector<std::string> names = split_names(t.substr(3));
      if (names.empty()) continue;
      s.decisions[i].role = Role::Byline;
      s.authors = names;
      break;
    }
    s.book = classify_book(BookInput{units_, text_, length_, options_, first}, s.decisions);
    if (!s.book) {
      classify_article(s, first);
      nest_numbered_headings(s.decisions);
    }
    apply_marked_headings(s);
    return s;
  }

 private:
  bool is_text(std::size_t i) const { return i < units_.size() && units_[i].kind == UnitKind::Text; }

  // Headings the text marks itself, as writers used to Markdown do in plain
  // text: "## What broke" (the hashes give the level) and a line underlined
  // with "===" (level 1) or "---" (level 2), the underline dropped.
  void mark_headings(Structure& s) {
    const std::size_t n = units_.size();
    marked_.assign(n, 0);
    marked_text_.assign(n, std::string());
    for (std::size_t i = 0; i < n; ++i) {
      const Unit& u = units_[i];
      if (u.kind == UnitKind::Text && u.lines() == 1) {
        const std::string& t = text_[i];
        std::size_t hashes = 0;
        while (hashes < t.size() && t[hashes] == '#') ++hashes;
        if (hashes == 0 || hashes > 6 || hashes + 1 >= t.size() || (t[hashes] != ' ' && t[hashes] != '\t')) continue;
        std::string_view rest = t;
        rest.remove_prefix(hashes);
        while (!rest.empty() && (rest.back() == '#' || rest.back() == ' ')) rest.remove_suffix(1);  // closing hashes
        const std::string title(trim(rest));
        if (title.empty()) continue;
        marked_[i] = static_cast<int>(hashes);
        ++hashed_;
        text_[i] = marked_text_[i] = title;
        length_[i] = utf8_length(title);
      } else if (u.kind == UnitKind::Break && i > 0 && u.blank_before == 0 &&
                 (is_text(i - 1) || units_[i - 1].kind == UnitKind::Item) && units_[i - 1].lines() == 1 &&
                 marked_[i - 1] == 0) {
        const std::string_view line = trim(u.first_line);
        if (line.size() < 3 || (line.find_first_not_of('=') != std::string_view::npos &&
                                line.find_first_not_of('-') != std::string_view::npos))
          continue;
        marked_[i - 1] = line[0] == '=' ? 1 : 2;
        // An underlined "1. Introduction" is read as a list item: its line as written.
        marked_text_[i - 1] = is_text(i - 1) ? text_[i - 1] : std::string(units_[i - 1].first_line);
        s.decisions[i].role = Role::Absorbed;
      }
    }
  }

  // Marked headings are headings at their own levels (the shallowest under
  // the title at level 2). When the text marks two or more with hashes, the
  // lines it left unmarked are not headings (underlines have two levels
  // only, so a text that uses them may leave deeper headings bare).
  void apply_marked_headings(Structure& s) const {
    int top = 7, count = 0;
    for (std::size_t i = 0; i < marked_.size(); ++i)
      if (marked_[i] > 0 && s.decisions[i].role != Role::Title) {
        top = std::min(top, marked_[i]);
        ++count;
      }
    if (count == 0) return;
    for (std::size_t i = 0; i < marked_.size(); ++i) {
      Decision& d = s.decisions[i];
      if (d.role == Role::Title) continue;
      if (marked_[i] > 0) {
        d.role = Role::Heading;
        d.level = std::min(6, 2 + marked_[i] - top);
        d.text = marked_text_[i];
      } else if (d.role == Role::Heading && hashed_ >= 2) {
        d.role = Role::Paragraph;
      }
    }
  }

  bool is_title(std::size_t i) const {
    if (i >= units_.size() || units_[i].lines() != 1) return false;
    if (units_[i].kind != UnitKind::Text && units_[i].kind != UnitKind::Quote) return false;
    const std::string_view t = text_[i];
    if (length_[i] > 150 || word_count(t) > 25 || looks_like_data(t)) return false;
    const Ending e = ending(t);
    if (e == Ending::Period || e == Ending::Comma || e == Ending::Semicolon || e == Ending::Colon ||
        e == Ending::Dash)
      return false;
    if (has_inner_sentence_end(t, true)) return false;
    if (parse_marker(t).kind != MarkerKind::None) return false;
    return true;
  }

  // ---------------------------------------------------------------- articles

  void classify_article(Structure& s, std::size_t first) {
    const std::size_t n = units_.size();
    // Runs of short lines, counted once: up_to_[i] short lines end at i, from_[i] start at i.
    // A run set line under line ends at a line set apart by a blank line
    // (a list of ingredients, then "Method"): joins_[i] says i continues i - 1's.
    short_run_.assign(n, false);
    joins_.assign(n, false);
    up_to_.assign(n, 0);
    from_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      short_run_[i] = short_line(i);
      joins_[i] = i > 0 && short_run_[i - 1] &&
                  (units_[i].blank_before == 0 || up_to_[i - 1] <= 1 || units_[i - 1].blank_before > 0);
      up_to_[i] = short_run_[i] ? (joins_[i] ? up_to_[i - 1] : 0) + 1 : 0;
    }
    for (std::size_t i = n; i > 0; --i)
      from_[i - 1] = short_run_[i - 1] ? (i < n && joins_[i] ? from_[i] : 0) + 1 : 0;
    for (std::size_t i = 0; i < n; ++i)
      if (isolated_item(i)) isolated_by_number_[units_[i].number].push_back(i);
    std::vector<std::string> candidate(n);
    std::size_t strong = 0, strong_max_length = 0;
    for (std::size_t i = first; i < n; ++i) {
      const Unit& u = units_[i];
      if (s.decisions[i].role != Role::Paragraph && s.decisions[i].role != Role::Item) continue;
      if (u.kind == UnitKind::Text && u.lines() == 1) candidate[i] = text_[i];
      else if (u.lines() == 1 && isolated_item(i) && u.indent == 0 && !continued_item(i))
        candidate[i] = std::string(u.first_line);
      else continue;
      if (heading_score(i, candidate[i]) >= threshold_) {
        s.decisions[i].role = Role::Heading;
        s.decisions[i].level = 2;
        s.decisions[i].text = candidate[i];
        ++strong;
        strong_max_length = std::max(strong_max_length, utf8_length(candidate[i]));
      }
    }
    // Second pass: in a document of long paragraphs whose headings are
    // clear, a line of the same shape that ends with a period is a heading
    // too ("The window is open.").
    if (strong < 2 || short_share() > 0.25) return;
    for (std::size_t i = first + 1; i + 1 < n; ++i) {
      if (s.decisions[i].role != Role::Paragraph || candidate[i].empty() || units_[i].kind != UnitKind::Text) continue;
      const std::string_view t = candidate[i];
      const std::size_t len = length_[i];
      if (ending(t) != Ending::Period || word_count(t) > 8 || has_inner_sentence_end(t) || starts_lowercase(t))
        continue;
      if (len > strong_max_length || len * 4 > median_) continue;
      if (heading_score(i, candidate[i]) < threshold_ - 2) continue;
      const bool prev_long = is_text(i - 1) && length_[i - 1] >= 2 * len && s.decisions[i - 1].role == Role::Paragraph;
      const bool next_long = is_text(i + 1) && length_[i + 1] >= 2 * len;
      if (!prev_long || !next_long) continue;
      s.decisions[i].role = Role::Heading;
      s.decisions[i].level = 2;
      s.decisions[i].text = candidate[i];
    }
  }

  // Consecutive short lines ending at i / starting at i.
  std::size_t short_run_before(std::size_t i) const { return up_to_[i]; }
  std::size_t short_run_after(std::size_t i) const { return from_[i]; }

  // Share of text units under 100 characters.
  double short_share() const {
    std::size_t text = 0, short_units = 0;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      if (!is_text(i)) continue;
      ++text;
      if (length_[i] < 100) ++short_units;
    }
    return text ? static_cast<double>(short_units) / text : 1.0;
  }

  // A numbered line with no other item of its list next to it: "2. Second point" as a section title.
  bool isolated_item(std::size_t i) const {
    const Unit& u = units_[i];
    if (u.kind != UnitKind::Item || !u.ordered) return false;
    if (i + 1 < units_.size() && units_[i + 1].kind == UnitKind::Item) return false;
    if (i == 0 || units_[i - 1].kind != UnitKind::Item) return true;
    // After a list it belongs to only when it continues its numbering.
    const Unit& prev = units_[i - 1];
    return u.blank_before > 0 && !(prev.ordered && prev.number + 1 == u.number);
  }

  // An item followed by a paragraph indented under it: a list item with more to say.
  bool continued_item(std::size_t i) const {
    return i + 1 < units_.size() && units_[i + 1].indent > units_[i].indent &&
           units_[i + 1].indent <= units_[i].content_column + 1 &&
           (units_[i + 1].kind == UnitKind::Indented || units_[i + 1].kind == UnitKind::Text);
  }

  // Another isolated numbered line with the next or previous number, further on or back:
  // numbered section titles ("1. Think small" ... "2. Buy or build?").
  bool numbered_sequence(std::size_t i) const {
    const int number = units_[i].number;
    for (int other : {number - 1, number + 1}) {
      const auto it = isolated_by_number_.find(other);
      if (it == isolated_by_number_.end()) continue;
      for (std::size_t j : it->second)
        if (j + 1 != i && j != i + 1) return true;
    }
    return false;
  }

  // A short single-line text unit (or isolated numbered line).
  bool short_line(std::size_t i) const {
    if (i >= units_.size()) return false;
    const Unit& u = units_[i];
    if (u.lines() != 1) return false;
    if (u.kind != UnitKind::Text && !isolated_item(i)) return false;
    const Ending e = ending(text_[i]);
    return length_[i] <= 90 && (e == Ending::None || e == Ending::Other) && !looks_like_data(text_[i]);
  }

  double heading_score(std::size_t i, const std::string& text) const {
    const std::string_view t = text;
    const std::size_t len = utf8_length(t);
    const int words = word_count(t);
    if (len == 0 || len > 120 || words > 18) return -10;
    if (starts_lowercase(t) || looks_like_data(t)) return -10;
    if (starts_with_any(t, {"[", "(", "\xE2\x80\x93", "\xE2\x80\x94", "~", "\xC2\xA9", "|", "<", "{", "/", "=", "-",
                            "+", "#", "$", "%", "&"}))
      return -10;
    if (is_caption(t) || looks_like_date(t) || continues_on_next_line(t) || label_and_list(t)) return -10;
    // An interview's questions are its turns, not its sections.
    if (questions_ >= 2 && answers_ >= 2 && interview_turn(t, true)) return -10;
    int letters = 0;
    for (char c : t) letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    if (letters < 2) return -10;
    const Ending e = ending(t);
    if (e == Ending::Comma || e == Ending::Semicolon || e == Ending::Dash) return -10;

    double score = 0;
    switch (e) {
      case Ending::None: score += 2; break;
      case Ending::Question: score += 2; break;
      case Ending::Exclamation: score += 0.5; break;
      case Ending::Period: score -= 1.5; break;
      case Ending::Colon: {
        // "What we did:" above a paragraph may be a heading; above a list it introduces the list.
        const bool list_follows = i + 1 >= units_.size() || units_[i + 1].kind != UnitKind::Text ||
                                  short_line(i + 1) || length_[i + 1] < 100;
        score -= list_follows ? 3 : 0.5;
        break;
      }
      default: score -= 1; break;
    }
    if (has_inner_sentence_end(t)) score -= 2;
    // Numbered section titles ("1. Think small" ... "2. Buy or build?") spaced out by paragraphs.
    const bool numbered = isolated_item(i) && numbered_sequence(i);
    if (numbered) score += 3;
    if (words <= 8) score += 1;
    else if (words > (numbered || e == Ending::Question ? 16 : 12)) score -= 1.5;
    if (words >= 2 && title_case_share(t) >= 0.6) score += 1;
    if (starts_with_quote(t)) score -= dialogue_ ? 10 : 1;

    // Neighbours.
    const std::size_t n = units_.size();
    if (!numbered && i > 0 && (units_[i - 1].kind == UnitKind::Text || units_[i - 1].kind == UnitKind::Item)) {
      if (ending(text_[i - 1]) == Ending::Colon) score -= 1.5;
    }
    if (i + 1 >= n) {
      score -= 1.5;
    } else {
      const Unit& next = units_[i + 1];
      if (next.kind == UnitKind::Text && (length_[i + 1] >= std::max<std::size_t>(2 * len, 100) || next.lines() > 1))
        score += 1;
    }
    // A run of three or more short lines is an unmarked list, not a stack of headings.
    const std::size_t run_begin = joins_[i] ? i - short_run_before(i - 1) : i;
    const std::size_t run_end = i + 1 + (i + 1 < n && joins_[i + 1] ? short_run_after(i + 1) : 0);
    // Its first line may still be a heading over the list.
    if (run_end - run_begin >= 3) score -= i == run_begin ? 1 : 3;
    // Set apart by more blank lines than the document's paragraphs.
    if (text_units_ > 0 && text_with_blank_ * 2 < text_units_ && units_[i].blank_before > 0) score += 1;
    return score;
  }

  const std::vector<Unit>& units_;
  ClassifyOptions options_;
  std::vector<std::string> text_;
  std::vector<std::size_t> length_;
  std::size_t median_ = 0;
  std::size_t text_with_blank_ = 0;
  std::size_t text_units_ = 0;
  std::size_t quoted_units_ = 0;
  bool dialogue_ = false;
  std::vector<int> marked_;  // per unit: the level its text marks (## or an underline), 0: none
  std::vector<std::string> marked_text_;
  int hashed_ = 0;  // headings marked with hashes
  std::size_t questions_ = 0, answers_ = 0;  // units opening with "Q: ", with "A: "
  double threshold_ = 2.0;
  std::unordered_map<int, std::vector<std::size_t>> isolated_by_number_;
  std::vector<bool> short_run_;
  std::vector<std::size_t> up_to_, from_;
  std::vector<bool> joins_;
};

}  // namespace

Structure classify(const Segmentation& seg, const ClassifyOptions& options) {
  return Classifier(seg, options).run();
}

}  // namespace galley::read::text
