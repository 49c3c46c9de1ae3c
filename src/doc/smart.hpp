// Smart punctuation, like pandoc's `smart` extension: typewriter quotes,
// dashes and dots become typographic ones, in the conventions of the
// document's language. Applied once to the finished tree (doc::finalize), so
// every writer prints the same characters. Code (spans and blocks) and URLs
// are never touched.
//
//   "  '   quotation marks and apostrophes, opening or closing by the
//          Unicode categories of the neighbouring characters; a quote whose
//          neighbours do not decide (space on both sides, letters on both
//          sides of a double quote) is left as typed
//   --     en dash between digits (1990--1995), em dash elsewhere
//   ---    em dash
//   ...    ellipsis
//   French: a narrow no-break space (U+202F) inside « » and before ; : ! ?
//
// A paragraph is processed as one sequence of characters across its inline
// nodes, so a quote before <em>word</em> sees the word. Linear in the text.
#pragma once

#include <string>
#include <string_view>

#include "doc/document.hpp"

namespace galley::doc {

// The quotation marks of a language (UTF-8). The apostrophe is ’ everywhere.
struct QuoteMarks {
  std::string_view open_double, close_double, open_single, close_single;
  bool french_spacing = false;   // U+202F inside guillemets and before ; : ! ?
  bool english_elisions = false;  // 'tis, 'em, rock 'n' roll take apostrophes
};

// By BCP 47 tag (language and region); unknown languages get English marks.
const QuoteMarks& quote_marks(std::string_view language);

// How a text writes what smarten() changes: its language's marks, and
// whether it writes dashes as -- between words (typewriter style, as Project
// Gutenberg does): then " --word" is a dash too; otherwise it is a
// command-line option (--no-smart) and stays as typed.
struct SmartStyle {
  SmartStyle(const QuoteMarks& m, bool typewriter = false) : marks(m), typewriter_dashes(typewriter) {}
  const QuoteMarks& marks;
  bool typewriter_dashes;
};

// One paragraph's inlines (a heading, a table cell, a caption).
void smarten(Inlines& inlines, const SmartStyle& style);
// A string standing alone (a title); the result of smarten() on one Text.
std::string smarten(std::string_view text, const SmartStyle& style);
// The whole document (front matter, body, back matter, footnotes, title and
// subtitle) in the language of its metadata; typewriter dashes when its body
// has a -- between two letters.
void smarten(Document& doc);

}  // namespace galley::doc
