// Plain-text reader, layer 3: which units are headings, and whether the
// first one is the document's title. Decided from general cues only: length
// relative to the document, final punctuation, capitalisation, sentence
// structure and the neighbours (a short line between paragraphs, not after
// a line that announces a list with a colon, not one of a run of short lines).
//
// Books (three or more chapter-like markers, or a Project Gutenberg text) are
// read differently, from the evidence of the whole book (book.hpp).
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
  std::string second; // Heading: a title line under a bare marker ("1" / "The Old Sea-dog"), set on a line of its own
};

struct Structure {
  std::vector<Decision> decisions;  // one per unit
  bool book = false;                // chapter headings found
  std::vector<std::string> authors; // from a "By A. Writer and B. Writer" line at the top
};

struct ClassifyOptions {
  bool detect_title = true;  // false when the title is known (Project Gutenberg header)
  bool long_form = false;    // a book whatever its markers (a Project Gutenberg text)
  // A title given outside the text (--title): a first line that reads as a
  // title is then the title only when it repeats this one, else it stays in
  // the body as a heading (nothing of the text is lost).
  std::string given_title;
  // Known metadata: lines repeating them (a title page) are not headings.
  std::string title, subtitle;
  std::vector<std::string> authors;
};

Structure classify(const Segmentation& seg, const ClassifyOptions& options);

}  // namespace galley::read::text
