// Plain-text reader, layer 1: physical lines and what a single line looks
// like on its own (list marker, scene break, case, final punctuation). Every
// function here is linear in the length of its input.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace galley::read::text {

struct Line {
  std::string_view text;   // without leading and trailing white space
  int number = 0;          // 1-based line number in the whole input
  int indent = 0;          // columns of leading white space (a tab counts 4)
  std::size_t length = 0;  // code points of `text`
  bool blank() const { return text.empty(); }
};

// Splits LF-separated text into lines (string_views into `text`).
std::vector<Line> split_lines(std::string_view text);

// Code points in UTF-8 text.
std::size_t utf8_length(std::string_view s);

// Removes ASCII white space and U+00A0 / U+200B / U+FEFF at both ends.
std::string_view trim(std::string_view s);

// Number of white-space separated words.
int word_count(std::string_view s);

struct ListMarker {
  bool found = false;
  bool ordered = false;
  int number = 0;              // for ordered items
  std::size_t content = 0;     // byte offset of the item text in the line
};

// `-`, `*`, `+`, `•`, `‣`, `◦`, `·` bullets and `1.` / `1)` / `(1)` / `a.` numbers,
// each followed by white space and text.
ListMarker list_marker(std::string_view trimmed);

// `*`, `* * *`, `***`, `---`, `- - -`, `___`, `~~~`, `#`, `* * * * *` ...
bool is_scene_break(std::string_view trimmed);

// Last code point class of a line, ignoring closing quotes and brackets.
enum class Ending { None, Period, Question, Exclamation, Colon, Comma, Semicolon, Dash, Other };
Ending ending(std::string_view trimmed);

// First letter (skipping opening quotes, digits and punctuation) is lower case
// ASCII.
bool starts_lowercase(std::string_view trimmed);

// The sentence goes on past this line: it leaves a bracket or quotation
// open, or ends with an English article or conjunction ("like the",
// "and"). Such a line is never a heading.
bool continues_on_next_line(std::string_view trimmed);

// Starts with an opening quotation mark (" “ ‘ « „ ').
bool starts_with_quote(std::string_view trimmed);

// All cased letters are upper case and there are at least two letters.
bool is_all_caps(std::string_view trimmed);

// Share (0..1) of words of four or more letters that start with a capital.
double title_case_share(std::string_view trimmed);

// A sentence ends inside the text (". X", and "? X", "! X" unless periods_only).
bool has_inner_sentence_end(std::string_view trimmed, bool periods_only = false);

// Case-insensitive ASCII prefix test.
bool starts_with_nocase(std::string_view s, std::string_view prefix);

}  // namespace galley::read::text
