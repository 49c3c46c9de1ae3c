// Plain-text reader, layer 3 for books: chapters and parts from the evidence
// of the whole book rather than of one line.
//
//   - markers (markers.hpp) are headings when the book confirms them: a bare
//     number only in a run of consecutive numbers ("1", "2", "3"... or
//     "I", "II"...), any marker only when text or a lower division follows it;
//   - a front contents list (after "CONTENTS", or three or more markers with no
//     text between them) stays body text, and ends where the body begins: at
//     the first paragraph of prose, or at a line repeating its first entry;
//   - a line in capitals set apart by more blank lines than the book's
//     paragraphs is a heading when prose (or verse) follows it, or when the
//     next heading is a chapter (then it is a part above them); not when it
//     is a signature (after "Yours," or right under the text), a speaker's
//     name repeated through a play, a byline, the book's title or author, or
//     a stage word ("SCENE", "CURTAIN", "END OF ...");
//   - dialogue (lines ending with "?", "!", a dash, quoted lines) is never a
//     heading;
//   - a bare marker takes the title line under it when most bare markers of
//     its form have one ("1" + "The Old Sea-dog" -> "1" / "The Old Sea-dog");
//   - levels follow the divisions: parts (in the order their words first
//     appear: VOLUME before BOOK, or PART before BOOK), acts, chapters,
//     scenes; a heading whose next heading is a chapter sits at the part level.
// Every step is one or two passes over the units.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "read/text/headings.hpp"
#include "read/text/units.hpp"

namespace galley::read::text {

struct BookInput {
  const std::vector<Unit>& units;
  const std::vector<std::string>& text;  // joined text of each unit
  const std::vector<std::size_t>& length;
  const ClassifyOptions& options;
  std::size_t first = 0;  // units before it are the title and byline
};

// Fills decisions with the book's headings and returns true when the text is
// a book (three or more division markers, or options.long_form); returns
// false and leaves decisions alone otherwise.
bool classify_book(const BookInput& in, std::vector<Decision>& decisions);

}  // namespace galley::read::text
