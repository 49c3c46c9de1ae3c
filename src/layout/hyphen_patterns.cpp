#include "layout/hyphen_patterns.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <string.h>  // strdup: malloc'd, as libhyphen frees

namespace galley::layout {

namespace {

// The file read line by line as libhyphen reads it: fgets into a buffer of
// `cap` bytes (a longer line comes in pieces).
class LineReader {
 public:
  explicit LineReader(std::string text) : text_(std::move(text)) {}
  bool next(std::string& out, std::size_t cap) {
    if (pos_ >= text_.size()) return false;
    out.clear();
    while (out.size() + 1 < cap) {
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_++];
      out += c;
      if (c == '\n') break;
    }
    return true;
  }

 private:
  std::string text_;
  std::size_t pos_ = 0;
};

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One level of a dictionary while it is built: the states by their string
// (the pattern prefix they stand for), numbered in order of creation.
class Level {
 public:
  Level() {
    ids_.emplace("", 0);
    states_.push_back(blank_state());
    trans_.emplace_back();
  }

  HyphenDict info{};  // lhmin, rhmin, clhmin, crhmin, nohyphen, nohyphenl, cset, utf8

  void load_line(const char* line);
  void add_fallbacks();
  HyphenDict* finish();

 private:
  static HyphenState blank_state() {
    HyphenState s{};
    s.fallback_state = -1;
    return s;
  }
  int lookup(std::string_view key) const {
    const auto it = ids_.find(key);
    return it == ids_.end() ? -1 : it->second;
  }
  int state(std::string_view key) {
    const auto [it, added] = ids_.emplace(std::string(key), static_cast<int>(states_.size()));
    if (added) {
      states_.push_back(blank_state());
      trans_.emplace_back();
    }
    return it->second;
  }
  void keyword_or_pattern(char* buf);
  void pattern(char* buf);

  std::unordered_map<std::string, int, TransparentHash, std::equal_to<>> ids_;
  std::vector<HyphenState> states_;
  std::vector<std::vector<HyphenTrans>> trans_;
};

void Level::load_line(const char* line) {
  char buf[MAX_CHARS + 1] = {};
  std::strncpy(buf, line, MAX_CHARS);
  keyword_or_pattern(buf);
}

void Level::keyword_or_pattern(char* buf) {
  if (std::strncmp(buf, "LEFTHYPHENMIN", 13) == 0) {
    info.lhmin = static_cast<char>(std::atoi(buf + 13));
  } else if (std::strncmp(buf, "RIGHTHYPHENMIN", 14) == 0) {
    info.rhmin = static_cast<char>(std::atoi(buf + 14));
  } else if (std::strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21) == 0) {
    info.clhmin = static_cast<char>(std::atoi(buf + 21));
  } else if (std::strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22) == 0) {
    info.crhmin = static_cast<char>(std::atoi(buf + 22));
  } else if (std::strncmp(buf, "NOHYPHEN", 8) == 0) {
    // A comma-separated list; its last character (the newline) is dropped
    // and each comma but a leading one ends an entry.
    const char* list = buf + 8;
    while (*list == ' ' || *list == '\t') ++list;
    if (*list == '\0') return;
    std::free(info.nohyphen);  // given twice: the last list counts
    info.nohyphen = strdup(list);
    char* end = info.nohyphen + std::strlen(info.nohyphen) - 1;
    *end = '\0';
    for (char* p = end - 1; p > info.nohyphen; --p)
      if (*p == ',') {
        ++info.nohyphenl;
        *p = '\0';
      }
  } else {
    pattern(buf);
  }
}

// "1ab2c" -> word "abc", digits "01200"; "c1k/k=k,1,2": a non-standard break
// (replacement, index, cut); then the state and its prefix transitions.
void Level::pattern(char* buf) {
  char word[MAX_CHARS + 1] = {}, digits[MAX_CHARS + 2] = {};
  signed char index = 0, cut = 0;
  char* repl = std::strchr(buf, '/');
  if (repl) {
    char* comma = std::strchr(repl + 1, ',');
    *repl = '\0';
    if (comma) {
      char* comma2 = std::strchr(comma + 1, ',');
      *comma = '\0';
      if (comma2) {
        *comma2 = '\0';
        index = static_cast<signed char>(std::atoi(comma + 1) - 1);
        cut = static_cast<signed char>(std::atoi(comma2 + 1));
      }
    } else {
      std::size_t k = std::strlen(repl + 1);
      if (k > 0 && (repl[k] == '\r' || repl[k] == '\n')) repl[k--] = '\0';
      if (k > 0 && repl[k] == '\r') repl[k] = '\0';
      cut = static_cast<signed char>(std::strlen(buf));
    }
    repl = strdup(repl + 1);
  }
  std::size_t j = 0;
  digits[0] = '0';
  for (std::size_t i = 0; static_cast<unsigned char>(buf[i]) > ' '; ++i) {
    if (buf[i] >= '0' && buf[i] <= '9') {
      digits[j] = buf[i];
    } else {
      word[j] = buf[i];
      digits[++j] = '0';
    }
  }
  word[j] = '\0';
  digits[j + 1] = '\0';
  std::size_t skip = 0;
  if (!repl) {
    while (digits[skip] == '0') ++skip;  // leading zeros say nothing
  } else {
    if (word[0] == '.') ++skip;
    if (info.utf8) {  // index and cut count characters: make them bytes
      int chars = -1, first = -1;
      const std::size_t length = std::strlen(word);
      for (std::size_t b = word[0] == '.' ? 1 : 0; b < length + 1; ++b) {
        if ((static_cast<unsigned char>(word[b]) >> 6) != 2) ++chars;
        if (first < 0 && index == chars) {
          first = index;
          index = static_cast<signed char>(b);
        }
        if (first >= 0 && chars - first == cut) {
          cut = static_cast<signed char>(b - static_cast<std::size_t>(index));
          break;
        }
      }
      if (word[0] == '.') --index;
    }
  }
  int found = lookup(word);
  int id = state(word);
  HyphenState& s = states_[static_cast<std::size_t>(id)];
  std::free(s.match);  // a pattern given twice: the last one counts
  std::free(s.repl);
  s.match = strdup(digits + skip);
  s.repl = repl;
  s.replindex = index;
  s.replcut = cut ? cut : static_cast<signed char>(std::strlen(word));
  for (; found < 0 && j > 0; --j) {
    const int last = id;
    const char ch = word[j - 1];
    word[j - 1] = '\0';
    found = lookup(word);
    id = state(word);
    trans_[static_cast<std::size_t>(id)].push_back(HyphenTrans{ch, last});
  }
}

// Each state falls back to the state of its longest proper suffix.
void Level::add_fallbacks() {
  for (const auto& [key, id] : ids_) {
    if (id == 0) continue;
    for (std::size_t j = 1; j <= key.size(); ++j) {
      const int to = lookup(std::string_view(key).substr(j));
      if (to >= 0) {
        states_[static_cast<std::size_t>(id)].fallback_state = to;
        break;
      }
    }
  }
}

HyphenDict* Level::finish() {
  auto* d = static_cast<HyphenDict*>(std::malloc(sizeof(HyphenDict)));
  *d = info;
  d->num_states = static_cast<int>(states_.size());
  d->states = static_cast<HyphenState*>(std::malloc(states_.size() * sizeof(HyphenState)));
  for (std::size_t i = 0; i < states_.size(); ++i) {
    HyphenState s = states_[i];
    const auto& t = trans_[i];
    s.num_trans = static_cast<int>(t.size());
    s.trans = nullptr;
    if (!t.empty()) {
      s.trans = static_cast<HyphenTrans*>(std::malloc(t.size() * sizeof(HyphenTrans)));
      std::memcpy(s.trans, t.data(), t.size() * sizeof(HyphenTrans));
    }
    d->states[i] = s;
  }
  d->nextlevel = nullptr;
  return d;
}

// A file without a second level gets libhyphen's default one, which keeps
// words apart at hyphens and apostrophes.
void default_first_level(Level& level, bool utf8) {
  if (!utf8) {
    level.load_line("NOHYPHEN ',-\n");
  } else {
    level.load_line("NOHYPHEN ',\xE2\x80\x93,\xE2\x80\x99,-\n");
  }
  level.load_line("1-1\n");
  level.load_line("1'1\n");
  if (utf8) {
    level.load_line("1\xE2\x80\x93" "1\n");
    level.load_line("1\xE2\x80\x99" "1\n");
  }
}

}  // namespace

HyphenDict* load_hyphen_patterns(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  LineReader reader(std::string(std::istreambuf_iterator<char>(in), {}));
  Level levels[2];
  std::string line;
  // The first line names the character set (read into MAX_NAME bytes).
  if (reader.next(line, MAX_NAME)) {
    std::size_t n = 0;
    for (char c : line)
      if (c != '\r' && c != '\n' && n + 1 < MAX_NAME) levels[0].info.cset[n++] = c;
  }
  levels[0].info.utf8 = std::strcmp(levels[0].info.cset, "UTF-8") == 0;
  bool next_level = false;
  for (int k = 0; k < 2; ++k) {
    Level& level = levels[k];
    if (k == 1) {
      std::memcpy(level.info.cset, levels[0].info.cset, MAX_NAME);
      level.info.utf8 = levels[0].info.utf8;
    }
    if (k == 0 || next_level) {
      // A line longer than the buffer is read in pieces, each a pattern (as
      // Debian's libhyphen 2.8.8 does).
      while (reader.next(line, MAX_CHARS)) {
        if (line.starts_with("NEXTLEVEL")) {
          next_level = true;
          break;
        }
        if (line[0] != '%') level.load_line(line.c_str());
      }
    } else {
      default_first_level(level, levels[0].info.utf8);
    }
    level.add_fallbacks();
  }
  HyphenDict* first = levels[0].finish();
  HyphenDict* second = levels[1].finish();
  if (next_level) {
    first->nextlevel = second;
    return first;
  }
  second->nextlevel = first;
  second->lhmin = first->lhmin;
  second->rhmin = first->rhmin;
  second->clhmin = first->clhmin ? first->clhmin : (first->lhmin ? first->lhmin : 3);
  second->crhmin = first->crhmin ? first->crhmin : (first->rhmin ? first->rhmin : 3);
  return second;
}

}  // namespace galley::layout
