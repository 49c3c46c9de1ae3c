#include "doc/smart.hpp"

#include <glib.h>

#include <array>
#include <cctype>
#include <vector>

namespace galley::doc {

namespace {

// An inline node with no text of its own (inline code, a note reference, an
// image, a URL link) stands in the paragraph's text as one word character.
constexpr std::string_view kObject = "\uFFFC";
constexpr std::string_view kNarrowNbsp = "\u202F";
constexpr std::string_view kNbsp = "\u00A0";
constexpr std::string_view kApostrophe = "\u2019";

const QuoteMarks kEnglish{"\u201C", "\u201D", "\u2018", "\u2019", false, true};
const QuoteMarks kGerman{"\u201E", "\u201C", "\u201A", "\u2018"};
const QuoteMarks kSwiss{"\u00AB", "\u00BB", "\u2039", "\u203A"};
const QuoteMarks kFrench{"\u00AB", "\u00BB", "\u201C", "\u201D", true};
const QuoteMarks kGuillemets{"\u00AB", "\u00BB", "\u201C", "\u201D"};  // es, it, pt
const QuoteMarks kRussian{"\u00AB", "\u00BB", "\u201E", "\u201C"};
const QuoteMarks kPolish{"\u201E", "\u201D", "\u00AB", "\u00BB"};
const QuoteMarks kNordic{"\u201D", "\u201D", "\u2019", "\u2019"};  // sv, fi
const QuoteMarks kDanish{"\u00BB", "\u00AB", "\u203A", "\u2039"};
const QuoteMarks kNorwegian{"\u00AB", "\u00BB", "\u2018", "\u2019"};

struct LanguageMarks {
  std::string_view tag;  // language, or language-REGION
  const QuoteMarks* marks;
};
const std::array<LanguageMarks, 20> kLanguages{{
    {"en", &kEnglish},     {"de", &kGerman},      {"de-ch", &kSwiss},     {"de-li", &kSwiss},
    {"fr", &kFrench},      {"es", &kGuillemets},  {"it", &kGuillemets},   {"pt", &kGuillemets},
    {"pt-br", &kEnglish},  {"ru", &kRussian},     {"uk", &kRussian},      {"be", &kRussian},
    {"pl", &kPolish},      {"cs", &kGerman},      {"sk", &kGerman},       {"sv", &kNordic},
    {"fi", &kNordic},      {"da", &kDanish},      {"nb", &kNorwegian},    {"no", &kNorwegian},
}};

enum class Kind { Edge, Space, Open, Close, Dash, Punct, Word };

Kind kind_of(gunichar c) {
  if (c == 0xFFFC) return Kind::Word;
  switch (g_unichar_type(c)) {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONTROL: return Kind::Space;
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION: return Kind::Open;
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION: return Kind::Close;
    case G_UNICODE_DASH_PUNCTUATION: return Kind::Dash;
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_CONNECT_PUNCTUATION: return Kind::Punct;
    default: return Kind::Word;  // letters, marks, numbers, symbols, format characters
  }
}

// The code point at byte i and its length; a byte of invalid UTF-8 is U+FFFD.
struct CodePoint {
  gunichar c;
  std::size_t len;
};
CodePoint decode(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  const gunichar c = g_utf8_get_char_validated(s.data() + i, static_cast<gssize>(s.size() - i));
  if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return {0xFFFD, 1};
  return {c, static_cast<std::size_t>(g_unichar_to_utf8(c, nullptr))};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool ascii_alnum(char c) { return is_digit(c) || is_lower(c) || (c >= 'A' && c <= 'Z'); }
bool opens(Kind k) { return k == Kind::Edge || k == Kind::Space || k == Kind::Open; }
bool ends(Kind k) { return k == Kind::Edge || k == Kind::Space; }

// A paragraph's text, flat: every Text node is a segment of it.
struct Segment {
  std::string* text;
  std::size_t begin, end;
};
struct Flat {
  std::string text;
  std::vector<Segment> segments;
};

bool looks_like_url(std::string_view s) {
  if (s.empty() || (s[0] != 'h' && s[0] != 'f' && s[0] != 'm' && s[0] != 'w')) return false;
  for (std::string_view scheme : {"http://", "https://", "ftp://", "mailto:", "www."})
    if (s.substr(0, scheme.size()) == scheme) return true;
  return false;
}

void collect(Inlines& inlines, Flat& flat) {
  for (auto& in : inlines) {
    std::visit(overloaded{
                   [&](Text& t) {
                     flat.segments.push_back({&t.text, flat.text.size(), flat.text.size() + t.text.size()});
                     flat.text += t.text;
                   },
                   [&](Emphasis& e) { collect(e.children, flat); },
                   [&](Strong& e) { collect(e.children, flat); },
                   [&](Strikeout& e) { collect(e.children, flat); },
                   [&](Link& l) {
                     const std::string shown = plain_text(l.children);
                     if (shown == l.url || looks_like_url(shown)) flat.text += kObject;
                     else collect(l.children, flat);
                   },
                   [&](LineBreak&) { flat.text += '\n'; },
                   [&](auto&) { flat.text += kObject; },  // Code, NoteRef, Image
               },
               in.node);
  }
}

bool ends_with_space(const std::string& out) {
  return (!out.empty() && out.back() == ' ') || (out.size() >= 2 && out.compare(out.size() - 2, 2, kNbsp) == 0);
}
void drop_space(std::string& out) { out.resize(out.size() - (out.back() == ' ' ? 1 : 2)); }

// Rewrites the segments of one paragraph in order; the state (what came
// before, open single quotes) runs on across segments.
class Smartener {
 public:
  Smartener(std::string_view flat, const SmartStyle& style)
      : flat_(flat), marks_(style.marks), typewriter_dashes_(style.typewriter_dashes) {}

  std::string run(std::size_t begin, std::size_t end) {
    std::string out;
    out.reserve(end - begin + 8);
    std::size_t i = begin;
    while (i < end) {
      const char c = flat_[i];
      if (c == '"') {
        double_quote(out, i++);
      } else if (c == '\'') {
        single_quote(out, i++);
      } else if (c == '-') {
        i = dashes(out, i, end);
      } else if (c == '.') {
        const std::size_t n = run_length(i, end, '.');  // ... and ....; longer runs (leaders) stay
        emit(out, n == 3 ? std::string_view("\u2026") : n == 4 ? "\u2026." : flat_.substr(i, n), Kind::Punct);
        i += n;
      } else if (marks_.french_spacing && (c == ';' || c == ':' || c == '!' || c == '?')) {
        french_punctuation(out, i++);
      } else if (prev_ != Kind::Word && looks_like_url(flat_.substr(i, 8))) {
        i = copy_url(out, i, end);
      } else if (ascii_alnum(c)) {
        i = copy_word(out, i, end);
      } else {
        i = other(out, i);
      }
    }
    return out;
  }

  // What stands between two segments (an inline node's object character, a
  // line break) is what comes before the next one.
  void pass(std::size_t begin, std::size_t end) {
    if (begin >= end) return;
    std::size_t i = end - 1;
    while (i > begin && (static_cast<unsigned char>(flat_[i]) & 0xC0) == 0x80) --i;
    prev_ = kind_of(decode(flat_, i).c);
    prev_digit_ = false;
  }

 private:
  void emit(std::string& out, std::string_view s, Kind kind, bool digit = false) {
    out += s;
    prev_ = kind;
    prev_digit_ = digit;
  }
  Kind kind_at(std::size_t i) const { return i >= flat_.size() ? Kind::Edge : kind_of(decode(flat_, i).c); }
  std::size_t run_length(std::size_t i, std::size_t end, char c) const {
    std::size_t n = 0;
    while (i + n < end && flat_[i + n] == c) ++n;
    return n;
  }
  char byte(std::size_t i) const { return i < flat_.size() ? flat_[i] : '\0'; }

  void open_quote(std::string& out, std::string_view mark) {
    out += mark;
    if (marks_.french_spacing && mark == "\u00AB") out += kNarrowNbsp;
    prev_ = Kind::Open;
  }
  void close_quote(std::string& out, std::string_view mark) {
    if (marks_.french_spacing && mark == "\u00BB") {
      // a typed space before it becomes narrow; none is added at the start
      if (prev_ == Kind::Space && ends_with_space(out)) {
        drop_space(out);
        out += kNarrowNbsp;
      } else if (prev_ != Kind::Space && prev_ != Kind::Edge) {
        out += kNarrowNbsp;
      }
    }
    out += mark;
    prev_ = Kind::Close;
  }

  void double_quote(std::string& out, std::size_t i) {
    const Kind next = kind_at(i + 1);
    bool open = false;
    if (opens(prev_)) {
      if (ends(next) && !double_open_) {
        emit(out, "\"", Kind::Punct);  // space on both sides and none open: undecided
        return;
      }
      open = !ends(next);  // "per day: " closes the quote it ends
    } else if (prev_ == Kind::Dash) {
      open = next == Kind::Word || next == Kind::Open;
    } else if (prev_ == Kind::Word && next == Kind::Word) {
      open = !double_open_;  // between letters (scripts without spaces): by pairs
    }
    double_open_ = open;
    if (open) open_quote(out, marks_.open_double);
    else close_quote(out, marks_.close_double);
  }

  void close_single(std::string& out) {
    if (open_singles_ == 0) {
      emit(out, kApostrophe, Kind::Word);
      return;
    }
    --open_singles_;
    close_quote(out, marks_.close_single);
  }

  void single_quote(std::string& out, std::size_t i) {
    const Kind next = kind_at(i + 1);
    if (prev_ == Kind::Word) {
      // don't, rock'n'roll; after a word, a closing quote only when one is open
      if (next == Kind::Word) emit(out, kApostrophe, Kind::Word);
      else close_single(out);
    } else if (opens(prev_) || prev_ == Kind::Dash) {
      if (ends(next)) {
        if (prev_ == Kind::Dash) close_single(out);
        else emit(out, "'", Kind::Punct);
      } else if (elision(i)) {
        emit(out, kApostrophe, Kind::Word);
      } else if (prev_ == Kind::Dash && next != Kind::Word && next != Kind::Open) {
        close_single(out);
      } else {
        ++open_singles_;
        open_quote(out, marks_.open_single);
      }
    } else if (next == Kind::Word) {
      emit(out, kApostrophe, Kind::Word);  // (USA)'s
    } else {
      // after punctuation: 'Yes.' closes
      if (open_singles_ > 0) --open_singles_;
      close_quote(out, marks_.close_single);
    }
  }

  // An apostrophe at the start of a word: '90s, '95; in English also 'tis,
  // 'em, rock 'n' roll, a stray 's.
  bool elision(std::size_t i) const {
    if (is_digit(byte(i + 1)) && is_digit(byte(i + 2)) && !is_digit(byte(i + 3))) return true;
    if (!marks_.english_elisions) return false;
    std::string word;
    std::size_t j = i + 1;
    while (j < flat_.size() && word.size() <= 6 && std::isalpha(static_cast<unsigned char>(flat_[j])))
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(flat_[j++])));
    if (word == "n") return true;         // rock 'n' roll, drag 'n drop
    if (byte(j) == '\'') return false;  // 'em' is a quoted word
    for (std::string_view w : {"s", "tis", "twas", "twere", "twill", "twould", "em", "til", "cause", "bout"})
      if (word == w) return true;
    return false;
  }

  // -- and --- (runs of four or more are rules or elisions: kept as typed)
  std::size_t dashes(std::string& out, std::size_t i, std::size_t end) {
    const std::size_t n = run_length(i, end, '-');
    if (n == 3 || (n == 2 && !option_like(i))) {
      const bool en = n == 2 && prev_digit_ && is_digit(byte(i + 2));
      emit(out, en ? "\u2013" : "\u2014", Kind::Dash);
    } else {
      emit(out, flat_.substr(i, n), Kind::Dash);
    }
    return i + n;
  }

  // A command-line option in running text (--no-smart): a word of lower-case
  // letters, digits and -=_./ after a space, in a text that does not write
  // dashes as --.
  bool option_like(std::size_t i) const {
    if (typewriter_dashes_ || (prev_ != Kind::Space && prev_ != Kind::Edge)) return false;
    std::size_t j = i + 2;
    if (!is_lower(byte(j))) return false;
    while (j < flat_.size()) {
      const char c = flat_[j];
      if (c == ' ' || c == '\n' || c == '\t') break;
      if (!is_lower(c) && !is_digit(c) && c != '-' && c != '=' && c != '_' && c != '.' && c != '/') return false;
      ++j;
    }
    return true;
  }

  // French: a narrow no-break space before ; : ! ? that end a word (not
  // 10:30 or ?!), replacing a space typed there.
  void french_punctuation(std::string& out, std::size_t i) {
    const Kind next = kind_at(i + 1);
    if (next != Kind::Word && next != Kind::Open) {
      if (prev_ == Kind::Space && ends_with_space(out)) {
        drop_space(out);
        out += kNarrowNbsp;
      } else if (prev_ == Kind::Word || prev_ == Kind::Close) {
        out += kNarrowNbsp;
      }
    }
    emit(out, flat_.substr(i, 1), Kind::Punct);
  }

  // A run of ASCII letters and digits, copied at once (most of the text).
  std::size_t copy_word(std::string& out, std::size_t i, std::size_t end) {
    std::size_t j = i + 1;
    while (j < end && ascii_alnum(flat_[j])) ++j;
    emit(out, flat_.substr(i, j - i), Kind::Word, is_digit(flat_[j - 1]));
    return j;
  }

  std::size_t copy_url(std::string& out, std::size_t i, std::size_t end) {
    std::size_t j = i;
    while (j < end && flat_[j] != ' ' && flat_[j] != '\n' && flat_[j] != '\t') ++j;
    emit(out, flat_.substr(i, j - i), Kind::Word);
    return j;
  }

  // Any other character; in French, typed guillemets get their narrow spaces.
  std::size_t other(std::string& out, std::size_t i) {
    if (static_cast<unsigned char>(flat_[i]) < 0x80) {
      emit(out, flat_.substr(i, 1), kind_of(static_cast<unsigned char>(flat_[i])));
      return i + 1;
    }
    const auto [u, len] = decode(flat_, i);
    if (marks_.french_spacing && u == 0xAB) return open_guillemet(out, i + len);
    if (marks_.french_spacing && u == 0xBB) {
      close_quote(out, flat_.substr(i, len));
      return i + len;
    }
    const std::string_view typed = flat_.substr(i, len);
    if (marks_.open_double != marks_.close_double) {  // typed marks count in the pairing
      if (typed == marks_.open_double) double_open_ = true;
      else if (typed == marks_.close_double) double_open_ = false;
    }
    emit(out, typed, kind_of(u), g_unichar_isdigit(u));
    return i + len;
  }

  // « typed in French: the space after it (if any) becomes a narrow one.
  std::size_t open_guillemet(std::string& out, std::size_t j) {
    if (byte(j) == ' ') ++j;
    else if (flat_.substr(j, 2) == kNbsp) j += 2;
    else if (ends(kind_at(j))) {
      emit(out, "\u00AB", Kind::Open);
      return j;
    }
    open_quote(out, "\u00AB");
    return j;
  }

  std::string_view flat_;
  const QuoteMarks& marks_;
  bool typewriter_dashes_;
  Kind prev_ = Kind::Edge;
  bool prev_digit_ = false;
  int open_singles_ = 0;
  bool double_open_ = false;  // the last double quote opened
};

// Calls f on every paragraph-like run of inlines of the blocks (code blocks
// have none).
template <class F>
void for_each_paragraph(Blocks& blocks, const F& f) {
  for (auto& b : blocks) {
    std::visit(overloaded{
                   [&](Heading& h) { f(h.content); },
                   [&](Paragraph& p) { f(p.content); },
                   [&](BlockQuote& q) { for_each_paragraph(q.children, f); },
                   [&](List& l) {
                     for (auto& item : l.items) for_each_paragraph(item.children, f);
                   },
                   [&](Table& t) {
                     for (auto* rows : {&t.head, &t.body})
                       for (auto& r : *rows)
                         for (auto& c : r.cells) f(c.content);
                     f(t.caption);
                   },
                   [&](Figure& fig) { f(fig.caption); },
                   [](auto&) {},  // CodeBlock keeps its text; SceneBreak has none
               },
               b.node);
  }
}

// A -- between two letters (word--word): the text writes dashes that way.
bool has_word_dash(std::string_view text) {
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  for (std::size_t at = text.find("--"); at != std::string_view::npos; at = text.find("--", at + 2))
    if (at > 0 && at + 2 < text.size() && letter(text[at - 1]) && letter(text[at + 2])) return true;
  return false;
}

}  // namespace

const QuoteMarks& quote_marks(std::string_view language) {
  std::string tag;
  for (char c : language) tag += static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
  const std::string primary = tag.substr(0, tag.find('-'));
  // The region is the first subtag of 2 letters or 3 digits after the language
  // (a script subtag, 4 letters, may come between).
  std::string region;
  for (std::size_t at = tag.find('-'); at != std::string::npos && region.empty(); at = tag.find('-', at + 1)) {
    const std::size_t stop = tag.find('-', at + 1);
    const std::string sub = tag.substr(at + 1, stop == std::string::npos ? std::string::npos : stop - at - 1);
    if (sub.size() == 2 || (sub.size() == 3 && is_digit(sub[0]))) region = sub;
  }
  const QuoteMarks* found = &kEnglish;
  for (const auto& l : kLanguages) {
    if (!region.empty() && l.tag == primary + "-" + region) return *l.marks;
    if (l.tag == primary) found = l.marks;
  }
  return *found;
}

void smarten(Inlines& inlines, const SmartStyle& style) {
  Flat flat;
  collect(inlines, flat);
  if (flat.segments.empty()) return;
  Smartener s(flat.text, style);
  std::size_t done = 0;
  for (const Segment& seg : flat.segments) {
    s.pass(done, seg.begin);
    *seg.text = s.run(seg.begin, seg.end);
    done = seg.end;
  }
}

std::string smarten(std::string_view text, const SmartStyle& style) {
  Inlines one{doc::text(std::string(text))};
  smarten(one, style);
  return std::get<Text>(one.front().node).text;
}

void smarten(Document& doc) {
  bool typewriter = false;  // the prose (not its code) has a word--word
  for_each_paragraph(doc.body, [&](Inlines& in) {
    Flat flat;
    if (!typewriter) collect(in, flat);
    typewriter = typewriter || has_word_dash(flat.text);
  });
  const SmartStyle style(quote_marks(doc.metadata.language), typewriter);
  const auto apply = [&](Inlines& in) { smarten(in, style); };
  for_each_paragraph(doc.front_matter, apply);
  for_each_paragraph(doc.body, apply);
  for_each_paragraph(doc.back_matter, apply);
  for (auto& note : doc.footnotes) for_each_paragraph(note.content, apply);
  doc.metadata.title = smarten(doc.metadata.title, style);
  doc.metadata.subtitle = smarten(doc.metadata.subtitle, style);
}

}  // namespace galley::doc
