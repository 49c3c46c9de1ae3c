#include "read/text/book.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "read/text/markers.hpp"

namespace galley::read::text {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);
constexpr int part_rank = 0, act_rank = 10, chapter_rank = 20, scene_rank = 30;

// Lower-case letters and digits, words separated by one space: the key that
// compares a contents entry with a heading ("Stave I: Marley's Ghost" 12 /
// "STAVE I:  MARLEY'S GHOST"). A trailing page number is dropped after two
// words or more ("chapter i 5"), not from a marker alone ("part 1").
std::string entry_key(std::string_view t) {
  std::string out;
  bool space = false;
  for (unsigned char c : t) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      space = true;
    }
  }
  const std::size_t last = out.rfind(' ');
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (last != std::string::npos && out.find(' ') < last &&
      std::all_of(out.begin() + static_cast<std::ptrdiff_t>(last) + 1, out.end(), digit))
    out.resize(last);
  return out;
}

// One key is the other or begins it up to a word: "stave i" and "stave i
// marley s ghost", not "act i" and "act ii".
bool same_entry(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  return longer.starts_with(shorter) && (longer.size() == shorter.size() || longer[shorter.size()] == ' ');
}

bool one_of(std::string_view key, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (key == w) return true;
  return false;
}

// The letters before a " -- " / " — " separator are capitals: "YOUTH -- Aet. 1-25".
bool caps_lead(std::string_view t) {
  std::size_t cut = t.find(" --");
  if (cut == std::string_view::npos) cut = t.find(" \xE2\x80\x94");
  return cut != std::string_view::npos && cut >= 3 && is_all_caps(t.substr(0, cut));
}

// Stage directions and trailers: "SCENE", "CURTAIN", "END OF PART I", "THE END".
bool stage_word(const std::string& key) {
  return key.starts_with("end of ") || key.starts_with("here ends") ||
         one_of(key, {"the end", "end", "finis", "fin", "curtain", "quick curtain", "scene", "act drop", "tableau",
                      "contents"});
}

// "Langford, Dec.", "Paris, 3 May 1789": a comma and a month's name.
bool place_and_date(std::string_view t) {
  if (t.find(',') == std::string_view::npos) return false;
  const std::string key = " " + entry_key(t) + " ";
  for (std::string_view m : {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                             "sep", "sept", "oct", "nov", "dec"})
    if (key.find(" " + std::string(m) + " ") != std::string::npos) return true;
  return false;
}

class Book {
 public:
  explicit Book(const BookInput& in)
      : in_(in), units_(in.units), text_(in.text), n_(in.units.size()), marker_(n_), contents_(n_, false),
        absorbed_(n_, false), display_(n_, false) {}

  bool run(std::vector<Decision>& decisions) {
    find_markers();
    confirm_numbers();
    // Numbered titles ("I. Introduction", "II. Methods") alone do not make a book: papers have them too.
    int divisions = 0;
    for (const Marker& m : marker_)
      divisions += m.kind != MarkerKind::None && m.kind != MarkerKind::Section && !(m.numeral_only && !m.bare);
    if (divisions < 3 && !in_.options.long_form) return false;
    typical_gap();
    for (std::size_t i = in_.first; i < n_; ++i)
      if (marker_[i].kind == MarkerKind::Part &&
          std::find(part_words_.begin(), part_words_.end(), marker_[i].word) == part_words_.end())
        part_words_.push_back(marker_[i].word);
    contents_after_label();
    contents_runs();
    absorb_titles();
    find_displays();
    keep_headings();
    if (few_displays_only()) plain_titles();
    assign(decisions);
    return true;
  }

 private:
  bool is_text(std::size_t i) const { return i < n_ && units_[i].kind == UnitKind::Text; }
  // Text, or a short indented unit: older books centre their headings with spaces.
  bool text_or_centred(std::size_t i) const {
    return is_text(i) || (i < n_ && units_[i].kind == UnitKind::Indented && units_[i].lines() <= 3);
  }
  // A centred line heads a division only where the book centres its markers
  // (not an inscription set in the middle of the text).
  bool centred_as_markers(std::size_t i) const { return units_[i].kind != UnitKind::Indented || centred_markers_ > 0; }
  bool marker(std::size_t i) const { return marker_[i].kind != MarkerKind::None && !contents_[i] && !absorbed_[i]; }

  // Running text: a unit of at least 150 characters whose lines run on (not
  // verse, not a list or contents broken line by line).
  bool prose(std::size_t i) const {
    const Unit& u = units_[i];
    if (u.kind == UnitKind::Break || u.kind == UnitKind::Item || in_.length[i] < 150) return false;
    return u.lines() == 1 || std::find(u.hard.begin(), u.hard.end(), false) != u.hard.end();
  }

  // Paragraph gap of the book: the usual number of blank lines before prose.
  void typical_gap() {
    std::map<int, std::size_t> gaps;
    for (std::size_t i = in_.first; i < n_; ++i)
      if (is_text(i) && prose(i)) ++gaps[units_[i].blank_before];
    std::size_t best = 0;
    for (const auto& [gap, count] : gaps)
      if (count > best) {
        best = count;
        gap_ = gap;
      }
  }

  void find_markers() {
    for (std::size_t i = in_.first; i < n_; ++i) {
      const Unit& u = units_[i];
      if (!text_or_centred(i) || u.lines() > 3 || in_.length[i] > 200) continue;
      Marker m = parse_marker(text_[i]);
      if (m.kind == MarkerKind::None || (u.lines() > 1 && m.bare)) continue;
      // A number alone stands apart: blank lines around it, its title at most
      // on the line under it ("I." / "THE PRISON-DOOR.").
      if (m.numeral_only && ((u.lines() > 1 && !numeral_over_title(u)) || (i > in_.first && u.blank_before == 0) ||
                             (i + 1 < n_ && u.blank_after == 0 && !(m.bare && title_line(i + 1)))))
        continue;
      marker_[i] = m;
      centred_markers_ += u.kind == UnitKind::Indented ? 1 : -1;
    }
  }

  static bool title_text(std::string_view t) {
    return !t.empty() && !starts_lowercase(t) && word_count(t) <= 14 &&
           (is_all_caps(t) || title_case_share(t) >= 0.5) && !has_inner_sentence_end(t);
  }
  static bool numeral_over_title(const Unit& u) {
    if (u.lines() != 2) return false;
    const Marker first = parse_marker(u.parts[0]);
    return first.numeral_only && first.bare && title_text(u.parts[1]);
  }
  // A one-line title with blank lines under it.
  bool title_line(std::size_t i) const {
    return is_text(i) && units_[i].lines() == 1 && (i + 1 >= n_ || units_[i].blank_after > 0) && title_text(text_[i]);
  }

  // A bare number is a chapter only in a run of three or more consecutive
  // numbers of the same form (restarting at 1 is a new run); once a form has
  // such a run, a run of two of it counts too (the chapters of a short part),
  // and so does a run of two whose 1 comes right under a division named by
  // a word ("EPILOGUE" / "I" / "II").
  void confirm_numbers() {
    std::map<std::pair<std::string, int>, std::size_t> last;  // (form, number) -> unit
    std::vector<std::size_t> prev(n_, npos), chain(n_, 0), start(n_, npos);
    for (std::size_t i = in_.first; i < n_; ++i) {
      const Marker& m = marker_[i];
      if (!m.numeral_only) continue;
      const auto it = last.find({m.form, m.number - 1});
      if (it != last.end()) prev[i] = it->second;
      chain[i] = prev[i] == npos ? 1 : chain[prev[i]] + 1;
      start[i] = prev[i] == npos ? i : start[prev[i]];
      last[{m.form, m.number}] = i;
    }
    auto under_named_division = [&](std::size_t first) {
      if (marker_[first].number != 1) return false;
      std::size_t k = first;
      while (k > in_.first && units_[k - 1].kind == UnitKind::Break) --k;
      return k > in_.first && marker_[k - 1].kind != MarkerKind::None && !marker_[k - 1].numeral_only;
    };
    std::vector<bool> keep(n_, false);
    std::set<std::string> confirmed;
    for (std::size_t i = in_.first; i < n_; ++i)
      if (marker_[i].numeral_only && chain[i] >= 3) confirmed.insert(marker_[i].form);
    for (std::size_t i = n_; i-- > in_.first;) {
      if (!marker_[i].numeral_only) continue;
      if (chain[i] >= 3 || (chain[i] >= 2 && (confirmed.contains(marker_[i].form) || under_named_division(start[i]))))
        keep[i] = true;
      if (keep[i] && prev[i] != npos) keep[prev[i]] = true;
    }
    for (std::size_t i = in_.first; i < n_; ++i)
      if (marker_[i].numeral_only && !keep[i]) marker_[i] = Marker{};
  }

  // "CONTENTS": the entries under it, up to the body's first prose, the first
  // marker with prose under it, or a line repeating the first entry.
  void contents_after_label() {
    for (std::size_t i = in_.first; i < n_; ++i) {
      if (!text_or_centred(i) || units_[i].lines() != 1) continue;
      const std::string key = entry_key(text_[i]);
      if (!one_of(key, {"contents", "table of contents", "the contents", "list of chapters", "chapters"})) continue;
      contents_[i] = true;
      std::string first_entry;
      std::size_t j = i + 1;
      for (; j < n_; ++j) {
        if (units_[j].kind == UnitKind::Break) continue;
        const std::string k = entry_key(units_[j].parts.empty() ? std::string_view() : units_[j].parts[0]);
        if (prose(j) || same_entry(k, first_entry)) break;
        if (marker_[j].kind != MarkerKind::None && j + 1 < n_ && prose(j + 1)) break;
        // Set apart by more blank lines than an entry: the body begins.
        if (!first_entry.empty() && units_[j].blank_before >= gap_ + 2) break;
        if (first_entry.empty()) first_entry = k;
        contents_[j] = true;
      }
      i = j;
    }
  }

  // Lines of a unit broken by hand that are markers, at least half of them:
  // a contents list set without blank lines ("CHAPTER I. ..." / "CHAPTER II. ...").
  std::size_t listed_markers(std::size_t i) const {
    const Unit& u = units_[i];
    if (u.kind != UnitKind::Text || u.lines() < 2 || std::find(u.hard.begin(), u.hard.end(), false) != u.hard.end())
      return 0;
    std::size_t found = 0;
    for (std::string_view p : u.parts) found += parse_marker(p).kind != MarkerKind::None;
    return found * 2 >= u.lines() ? found : 0;
  }

  // Three or more markers in a row with no text between them list the
  // chapters; the body begins at a marker repeating the list's first entry,
  // else the last of them may be the body's first heading (and the part
  // markers just above it) when prose follows.
  void contents_runs() {
    for (std::size_t i = in_.first; i < n_;) {
      const std::size_t listed = listed_markers(i);
      if (!marker(i) && listed == 0) {
        ++i;
        continue;
      }
      std::size_t j = i, entries = 0;
      for (; j < n_; ++j) {
        if (marker(j)) ++entries;
        else if (const std::size_t l = j == i ? listed : listed_markers(j); l > 0) entries += l;
        else if (units_[j].kind != UnitKind::Break) break;
      }
      if (entries >= 3) {
        std::size_t body = repeated_first_entry(i, j);  // first unit of the run that is body
        std::size_t k = j - 1;
        while (k > i && units_[k].kind == UnitKind::Break) --k;
        if (body == j && j < n_ && prose(j) && marker(k)) {
          body = k;
          while (body > i && marker(body - 1) && rank_of(body - 1) < rank_of(body)) --body;
        }
        for (std::size_t m = i; m < body; ++m)
          if (units_[m].kind != UnitKind::Break) contents_[m] = true;
      }
      i = j;
    }
  }

  // The first marker of units (first, end) that repeats the first entry of
  // the list starting at `first`; `end` when none does.
  std::size_t repeated_first_entry(std::size_t first, std::size_t end) const {
    const std::string entry = entry_key(units_[first].parts.empty() ? std::string_view() : units_[first].parts[0]);
    for (std::size_t m = first + 1; m < end; ++m)
      if (marker(m) && units_[m].lines() == 1 && entry_key(text_[m]) == entry) return m;
    return end;
  }

  int rank_of(std::size_t i) const {
    switch (marker_[i].kind) {
      case MarkerKind::Part: {
        const auto it = std::find(part_words_.begin(), part_words_.end(), marker_[i].word);
        return part_rank + static_cast<int>(it == part_words_.end() ? 0 : it - part_words_.begin());
      }
      case MarkerKind::Act: return act_rank;
      case MarkerKind::Scene: return scene_rank;
      default: return chapter_rank;
    }
  }

  bool title_like(std::size_t i) const {
    // A section's name may be a chapter's title ("CHAPTER I." / "THE INTRODUCTION TO THE WORK").
    if (!text_or_centred(i) || (marker_[i].kind != MarkerKind::None && marker_[i].kind != MarkerKind::Section))
      return false;
    const std::string_view t = text_[i];
    // A long title in capitals right under its marker, on up to three lines:
    // "WHICH TREATS OF THE CHARACTER AND PURSUITS OF THE FAMOUS GENTLEMAN ...".
    const bool long_caps = units_[i].blank_before == 0 && units_[i].lines() <= 3 && is_all_caps(t);
    if (units_[i].lines() != 1 && !long_caps) return false;
    if (in_.length[i] > (long_caps ? 200u : 90u) || word_count(t) > (long_caps ? 40 : 14) || starts_lowercase(t) ||
        t.starts_with("[") || t.starts_with("("))
      return false;
    if (units_[i].blank_before > 3 || stage_word(entry_key(t))) return false;
    // Not an address, a salutation or an epigraph set in italics ("_To Mrs. Saville, England._"),
    // nor a place and date ("Langford, Dec.").
    if ((t.starts_with("_") && t.ends_with("_")) || place_and_date(t)) return false;
    const Ending e = ending(t);
    if (e != Ending::None && e != Ending::Period && e != Ending::Other) return false;
    if (is_all_caps(t)) return true;
    return title_case_share(t) >= 0.5 && !has_inner_sentence_end(t);
  }

  // Bare markers take the line under them as their title when most bare
  // markers of the same form have such a line.
  // A line set closer to the text under it than to the marker above is a
  // heading of its own ("FIRST PART", three blank lines, "THE SON OF THE
  // BRAHMAN", one blank line, prose).
  void absorb_titles() {
    std::map<std::string, std::pair<int, int>> forms;  // form -> (bare markers, with a title line)
    auto form = [&](std::size_t i) { return marker_[i].form; };
    auto titled_by = [&](std::size_t i) {
      return title_like(i + 1) && (i + 2 >= n_ || units_[i].blank_after <= units_[i + 1].blank_after);
    };
    for (std::size_t i = in_.first; i < n_; ++i) {
      if (!marker(i) || !marker_[i].bare || marker_[i].kind == MarkerKind::Section) continue;
      auto& [all, titled] = forms[form(i)];
      ++all;
      titled += titled_by(i);
    }
    for (std::size_t i = in_.first; i + 1 < n_; ++i) {
      if (!marker(i) || !marker_[i].bare || marker_[i].kind == MarkerKind::Section || !titled_by(i)) continue;
      const auto& [all, titled] = forms[form(i)];
      if (titled * 2 >= all) absorbed_[i + 1] = true;
    }
  }

  bool known(std::string_view t) const {
    const std::string k = entry_key(t);
    if (k.empty()) return false;
    if (k == entry_key(in_.options.title) || k == entry_key(in_.options.subtitle)) return true;
    for (const std::string& a : in_.options.authors)
      if (k == entry_key(a) || k == "by " + entry_key(a)) return true;
    return false;
  }

  // A line in capitals set apart like a heading.
  bool display_candidate(std::size_t i) const {
    const Unit& u = units_[i];
    if (!text_or_centred(i) || !centred_as_markers(i) || marker_[i].kind != MarkerKind::None || contents_[i] ||
        absorbed_[i])
      return false;
    const std::string_view t = text_[i];
    const std::size_t len = in_.length[i];
    if (u.lines() > 3 || len > 200 || (u.lines() > 1 && (u.blank_before < 2 || !is_all_caps(t)))) return false;
    if (u.lines() == 1 && (len > 100 || word_count(t) > 12)) return false;
    if (!is_all_caps(t) && !caps_lead(t)) return false;
    const Ending e = ending(t);
    if (e != Ending::None && e != Ending::Period) return false;  // "HELP!", "WHO IS THERE?", "AND THEN—"
    if (starts_with_quote(t) || starts_with_nocase(t, "[") || starts_with_nocase(t, "(") || t.starts_with("-") ||
        t.starts_with("\xE2\x80\x94"))
      return false;
    // Set apart: more blank lines above than the book's paragraphs have.
    if (i > in_.first && u.blank_before <= gap_ && gap_ > 0) return false;
    if (i + 1 < n_ && u.blank_after == 0) return false;
    // Signature under a letter: "Yours ever," / "MARY".
    // (Not a title set well apart from verse whose last line ends with a comma.)
    if (i > 0 && is_text(i - 1) && ending(text_[i - 1]) == Ending::Comma && u.blank_before <= gap_ + 1) return false;
    const std::string key = entry_key(t);
    // The title page's lines, unless the title stands over the chapters that follow ("THE PRINCE" / "CHAPTER I").
    if (known(t) && !(i + 1 < n_ && marker(i + 1))) return false;
    if (key.starts_with("by ") || key == "by" || key.starts_with("written by") ||
        key.starts_with("translated by") || key.starts_with("edited by") || key.starts_with("illustrated by"))
      return false;
    if (i > 0 && is_text(i - 1) && one_of(entry_key(text_[i - 1]), {"by", "written by", "translated by"})) return false;
    if (stage_word(key)) return false;
    return true;
  }

  // Candidates; a name repeated through the book is a speaker, not a heading.
  void find_displays() {
    std::unordered_map<std::string, int> seen;
    for (std::size_t i = in_.first; i < n_; ++i)
      if (display_candidate(i)) {
        display_[i] = true;
        ++seen[entry_key(text_[i])];
      }
    for (std::size_t i = in_.first; i < n_; ++i)
      if (display_[i] && seen[entry_key(text_[i])] >= 3) display_[i] = false;
  }

  // Which candidates are headings, from the last to the first: each needs
  // text under it, or a lower division next (then it holds them: a part).
  void keep_headings() {
    // Prefix sums over units that are body text: characters, and prose units.
    std::vector<std::size_t> chars(n_ + 1, 0), proses(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      const bool body = units_[i].kind != UnitKind::Break && !contents_[i] && !absorbed_[i] && !marker(i) && !display_[i];
      chars[i + 1] = chars[i] + (body ? in_.length[i] : 0);
      proses[i + 1] = proses[i] + (body && prose(i) ? 1 : 0);
    }
    std::size_t first_marker = n_;
    for (std::size_t i = in_.first; i < n_ && first_marker == n_; ++i)
      if (marker(i)) first_marker = i;
    // No markers: the front matter ends with the contents list, if any.
    if (first_marker == n_) {
      first_marker = in_.first;
      for (std::size_t i = in_.first; i < n_; ++i)
        if (contents_[i]) first_marker = i + 1;
    }
    for (std::size_t i = in_.first; i < n_; ++i)
      if (marker(i) && marker_[i].number > 0) first_numbered_.emplace(marker_[i].kind, i);
    keep_.assign(n_, false);
    rank_.assign(n_, chapter_rank);
    std::size_t next = n_;
    for (std::size_t i = n_; i-- > in_.first;) {
      if (!marker(i) && !display_[i]) continue;
      const std::size_t end = absorbed_[i + 1 < n_ ? i + 1 : i] ? i + 2 : i + 1;
      const std::size_t text = chars[next] - chars[std::min(end, next)];
      const bool prose_under = proses[next] - proses[std::min(end, next)] > 0;
      // Unnamed divisions may hold others: a section name, a line in
      // capitals, a number written otherwise than the next one ("— I —" over "[ 1 ]").
      const bool open_part = marker_[i].kind == MarkerKind::Section || display_[i] ||
                             (marker_[i].numeral_only && next < n_ && marker(next) && marker_[next].numeral_only &&
                              marker_[next].form != marker_[i].form);
      // Holds the divisions under it: nothing but a few lines between (none in
      // the front matter, where a cast or a title page would come).
      const bool holds = !prose_under && text < (i < first_marker ? 1u : 150u) && next < n_ && rank_[next] >= act_rank;
      if (marker(i)) {
        rank_[i] = rank_of(i);
        if (open_part && holds) rank_[i] = part_rank;
        keep_[i] = text > 0 || (next < n_ && rank_[next] > rank_[i]);
        if (!keep_[i]) rank_[i] = rank_of(i);
      } else if (holds && opens_division(next)) {
        rank_[i] = part_rank;
        keep_[i] = true;
      } else {
        // Before the first marker only prose makes a heading (not a cast list or a title page).
        keep_[i] = i < first_marker ? prose_under : (prose_under || text >= 120);
      }
      if (keep_[i]) next = i;
    }
    same_form_same_level();
  }

  // A number written one way is one level of the book: when one of them
  // holds divisions numbered otherwise ("I. A SCANDAL IN BOHEMIA" over "I.",
  // "II."), they are all parts, those without divisions under them too.
  void same_form_same_level() {
    std::set<std::string> part_forms;
    for (std::size_t i = in_.first; i < n_; ++i)
      if (keep_[i] && marker(i) && marker_[i].numeral_only && rank_[i] == part_rank) part_forms.insert(marker_[i].form);
    for (std::size_t i = in_.first; i < n_; ++i)
      if (keep_[i] && marker(i) && marker_[i].numeral_only && part_forms.contains(marker_[i].form))
        rank_[i] = part_rank;
  }

  // May a line in capitals just above heading `next` stand over a division
  // of the book? When `next` opens a numbering (is unnumbered, is number 1,
  // or is the book's first numbered marker), not when it continues one: a
  // signature ("MARY") just above "Letter 2" is no part.
  bool opens_division(std::size_t next) const {
    if (display_[next] || marker_[next].number <= 1) return true;
    const auto it = first_numbered_.find(marker_[next].kind);
    return it == first_numbered_.end() || it->second == next;
  }

  // No marker is a heading and at most three lines in capitals are (the
  // book's title again, the titles of two works in one volume).
  bool few_displays_only() const {
    std::size_t displays = 0;
    for (std::size_t i = in_.first; i < n_; ++i) {
      if (keep_[i] && marker(i)) return false;
      displays += keep_[i];
    }
    return displays <= 3;
  }

  // A book with neither markers nor capital titles may set its chapter
  // titles in mixed case ("Economy", "Where I Lived"): lines set apart by
  // more blank lines than a scene break, each over a chapter's worth of prose
  // (1500 characters or more), three or more of them.
  void plain_titles() {
    std::vector<std::size_t> candidates;
    for (std::size_t i = in_.first; i < n_; ++i) {
      const Unit& u = units_[i];
      if (!text_or_centred(i) || !centred_as_markers(i) || u.lines() != 1 || contents_[i] || absorbed_[i] ||
          u.blank_before < gap_ + 2)
        continue;
      if (i + 1 < n_ && u.blank_after == 0) continue;
      const std::string_view t = text_[i];
      if (in_.length[i] > 60 || word_count(t) > 8 || starts_with_quote(t) || starts_lowercase(t) || ending(t) != Ending::None ||
          title_case_share(t) < 0.6 || known(t) || !std::isalpha(static_cast<unsigned char>(t[0])))
        continue;
      candidates.push_back(i);
    }
    std::vector<std::size_t> chars(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) chars[i + 1] = chars[i] + (prose(i) ? in_.length[i] : 0);
    std::vector<std::size_t> kept;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const std::size_t end = k + 1 < candidates.size() ? candidates[k + 1] : n_;
      if (chars[end] - chars[candidates[k] + 1] >= 1500) kept.push_back(candidates[k]);
    }
    if (kept.size() < 3) return;
    for (std::size_t i : kept) keep_[i] = true;
    // The lines in capitals above them are then parts: "WALDEN" over "Economy".
    for (std::size_t i = in_.first; i < n_; ++i)
      if (keep_[i] && display_[i]) rank_[i] = part_rank;
  }

  void assign(std::vector<Decision>& decisions) const {
    std::vector<int> ranks;
    for (std::size_t i = in_.first; i < n_; ++i)
      if (keep_[i]) ranks.push_back(rank_[i]);
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    for (std::size_t i = in_.first; i < n_; ++i) {
      if (!keep_[i]) continue;
      Decision& d = decisions[i];
      d.role = Role::Heading;
      const auto at = std::lower_bound(ranks.begin(), ranks.end(), rank_[i]) - ranks.begin();
      d.level = std::min(6, 2 + static_cast<int>(at));
      d.text = text_[i];
      if (i + 1 < n_ && absorbed_[i + 1]) {
        d.second = text_[i + 1];
        decisions[i + 1].role = Role::Absorbed;
      }
    }
  }

  const BookInput& in_;
  const std::vector<Unit>& units_;
  const std::vector<std::string>& text_;
  std::size_t n_;
  std::vector<Marker> marker_;
  std::vector<bool> contents_, absorbed_, display_, keep_;
  std::vector<int> rank_;
  std::vector<std::string> part_words_;  // in the order they first appear
  std::map<MarkerKind, std::size_t> first_numbered_;  // the first numbered marker of each kind
  int gap_ = 1;
  int centred_markers_ = 0;  // markers on indented lines minus those on others
};

}  // namespace

bool classify_book(const BookInput& in, std::vector<Decision>& decisions) { return Book(in).run(decisions); }

}  // namespace galley::read::text
