// Helpers of the plain-text structure tests: synthetic Project Gutenberg
// books and articles, read with the plain-text reader, their headings listed.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "doc/document.hpp"
#include "read/reader.hpp"

namespace structure_fixtures {

// A paragraph of hard-wrapped prose, as Gutenberg texts have them.
inline std::string prose(int k = 0) {
  static const char* lines[] = {
      "The press room smelled of ink and warm paper, and every machine in it",
      "had a name that the apprentices had given it years ago, long before",
      "anyone now working there had arrived, and the names were never changed.",
      "Orders came in by post and by telephone, and each one was written on a",
      "card that travelled with the job from the composing desk to the folding",
      "table and finally to the packing bench at the back of the old building.",
  };
  std::string p;
  for (int i = 0; i < 3; ++i) p += std::string(lines[(k * 3 + i) % 6]) + "\n";
  return p + "\n";
}

// A Project Gutenberg book around `body`.
inline std::string gutenberg(const std::string& body, const std::string& title_field = "Title: A Small Book\n") {
  return "The Project Gutenberg eBook of A Small Book\n\n" + title_field + "\nAuthor: A. Writer\n\nLanguage: English\n\n"
         "*** START OF THE PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n\n\n\n" +
         body + "\n\n*** END OF THE PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n\nLicence.\n";
}

inline galley::doc::Document read_book(const std::string& text, const std::string& title = "") {
  galley::Diagnostics diag;
  galley::read::ReadOptions o;
  o.title = title;
  return galley::read::read_plain_text(text, o, diag);
}

using Headings = std::vector<std::pair<int, std::string>>;

inline Headings headings(const galley::doc::Document& d) {
  Headings out;
  for (const auto& b : d.body)
    if (const auto* h = std::get_if<galley::doc::Heading>(&b.node)) out.emplace_back(h->level, galley::doc::plain_text(h->content));
  return out;
}

}  // namespace structure_fixtures

using namespace structure_fixtures;

// Failed checks print the headings found.
namespace doctest {
template <>
struct StringMaker<Headings> {
  static String convert(const Headings& h) {
    std::string out = "{";
    for (const auto& [level, text] : h) out += " " + std::to_string(level) + ":" + text + " |";
    return String((out + "}").c_str());
  }
};
}  // namespace doctest
