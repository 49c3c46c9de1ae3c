// Plain-text reader: the Project Gutenberg header and footer. The licence
// text around a book is not part of the book: it is found here by its
// "*** START OF ... PROJECT GUTENBERG ..." / "*** END OF ..." markers and
// kept apart (front and back matter), and the header's "Title:",
// "Author:" and "Language:" fields become metadata. A "Title:" field on two
// lines is a title and a subtitle ("A Christmas Carol" / "A Ghost Story of
// Christmas") unless the first line runs on into the second (it ends with a
// comma, a dash or a word like "of").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "read/text/lines.hpp"

namespace galley::read::text {

struct GutenbergSplit {
  bool found = false;          // a START or END marker was seen
  std::size_t body_begin = 0;  // lines [0, body_begin) are the header
  std::size_t body_end = 0;    // lines [body_end, size) are the footer
  std::string title;
  std::string subtitle;        // a second line of the "Title:" field that is not a wrapped first line
  std::vector<std::string> authors;
  std::string language;        // BCP 47, empty when unknown
};

// Linear scan; when there is no marker, found is false and the body is all lines.
GutenbergSplit find_gutenberg(const std::vector<Line>& lines);

// "English" -> "en", "French" -> "fr", ...; a well-formed tag is kept; "" if unknown.
std::string language_from_name(const std::string& name);

}  // namespace galley::read::text
