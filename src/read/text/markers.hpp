// Plain-text reader: chapter-like markers, the lines that name a division of
// a book by a word and a number ("CHAPTER I.", "Chapter 12: The Storm",
// "BOOK II", "Part One--The Voyage", "Phase the First: The Maiden",
// "THE FIRST ACT", "ACT II", "SCENE 3", "STAVE I:  MARLEY'S GHOST",
// "Letter 4"), by a number alone ("XIV.", "12", "— I —", "[ 1 ]"), by a roman
// numeral and a title ("IV. The Storm") or by the
// name of a prefatory or closing section ("PREFACE", "THE INTRODUCTION",
// "FIRST EPILOGUE"). One line is judged on its own here; whether a bare
// number is a chapter is decided from the sequence of them (headings.cpp).
#pragma once

#include <string>
#include <string_view>

namespace galley::read::text {

enum class MarkerKind { None, Part, Act, Chapter, Scene, Section };

struct Marker {
  MarkerKind kind = MarkerKind::None;
  std::string word;   // lower-case division word ("chapter", "book", "act"...); "" for a bare number
  int number = 0;     // 1-based; 0 when the marker has none (PREFACE)
  bool bare = false;  // nothing follows the number or word ("CHAPTER I.", "IV", "PREFACE")
  bool numeral_only = false;  // no division word: "IV.", "12", "— I —", "[ 1 ]", "IV. The Storm"
  bool roman = false;         // the number is a roman numeral
  std::string form;           // how it is written: the word, or the decoration and kind of a number ("— R", "[")
};

Marker parse_marker(std::string_view line);

// 1..3999 for a well-formed upper- or lower-case roman numeral, else 0.
int roman_value(std::string_view w);

}  // namespace galley::read::text
