// Plain-text reader, layer 3: which units are headings, and whether the
// first one is the document's title. Decided from general cues only: length
// relative to the document, final punctuation, capitalisation, sentence
// structure and the neighbours (a short line between paragraphs, not after
// a line that announces a list with a colon, not one of a run of short lines).
//
// Books (three or more "CHAPTER I." / "Chapter 1" / "BOOK II" / roman numeral
// lines) are read differently: only chapter lines are headings, a run of them
// is a table of contents, and a bare "CHAPTER I." takes the short title line
// that follows it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "read/text/units.hpp"

namespace galley::read::text {

enum class Role { Paragraph, Heading, Title, Byline, Item, Quote, Indented, Break, Absorbed };

struct Decision {
  Role role = Role::Paragraph;
  int level = 0;      // Heading: 2 for sections and chapters, 3 below a part
  std::string text;   // Heading/Title: its text
};

struct Structure {
  std::vector<Decision> decisions;  // one per unit
  bool book = false;                // chapter headings found
  std::vector<std::string> authors; // from a "By A. Writer and B. Writer" line at the top
};

struct ClassifyOptions {
  bool detect_title = true;  // false when the title is known (Project Gutenberg header)
};

Structure classify(const Segmentation& seg, const ClassifyOptions& options);

// "CHAPTER I.", "Chapter 12: The Storm", "BOOK II", "Part One", "XIV."...
enum class LabelKind { None, Part, Chapter, Section };
struct ChapterLabel {
  LabelKind kind = LabelKind::None;
  bool bare = false;  // nothing after the number ("CHAPTER I.")
};
ChapterLabel chapter_label(std::string_view text);

}  // namespace galley::read::text
