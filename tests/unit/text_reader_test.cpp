// The plain-text reader: structure recovered from plain text.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "read/input.hpp"
#include "read/reader.hpp"

using namespace galley;

namespace {

doc::Document read_text(const std::string& text, bool drop = false) {
  Diagnostics diag;
  read::ReadOptions o;
  o.drop_boilerplate = drop;
  return read::read_plain_text(text, o, diag);
}

std::vector<std::string> headings(const doc::Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.body)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back(doc::plain_text(h->content));
  return out;
}

template <class T> int count(const doc::Blocks& blocks) {
  int n = 0;
  for (const auto& b : blocks) n += std::holds_alternative<T>(b.node) ? 1 : 0;
  return n;
}

std::string text_of(const doc::Block& b) {
  if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) return doc::plain_text(p->content);
  if (const auto* h = std::get_if<doc::Heading>(&b.node)) return doc::plain_text(h->content);
  return "";
}

const std::string long_para =
    "The press room smelled of ink and warm paper, and every machine in it had a name that the apprentices had given "
    "it years ago, long before anyone now working there had arrived.";
const std::string long_para2 =
    "Orders came in by post and by telephone, and each one was written on a card that travelled with the job from the "
    "composing desk to the folding table and finally to the packing bench.";

}  // namespace

TEST_CASE("text reader: headings stand apart from one-per-line paragraphs") {
  const std::string text = "A Short History of the Press\n"
                           "\n" +
                           long_para + "\n\n" + "Where the work begins\n\n" + long_para2 + "\n\n" +
                           "Most orders are small.\n\n" + long_para + "\n\n" + "What changed after the war?\n\n" +
                           long_para2 + "\n";
  const doc::Document d = read_text(text);
  CHECK(d.metadata.title == "A Short History of the Press");
  CHECK(headings(d) == std::vector<std::string>{"Where the work begins", "What changed after the war?"});
  // The title is not repeated as a body block; every block has its source line.
  CHECK(text_of(d.body.front()) == long_para);
  CHECK(d.body.front().line == 3);
  for (const auto& b : d.body) CHECK(b.line > 0);
  // Section headings come out at level 2.
  for (const auto& b : d.body)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) CHECK(h->level == 2);
}

TEST_CASE("text reader: a sentence as first line is not a title") {
  const doc::Document d = read_text(long_para + "\n" + long_para2 + "\n");
  CHECK(d.metadata.title.empty());
  CHECK(count<doc::Paragraph>(d.body) == 2);
  CHECK(headings(d).empty());
}

TEST_CASE("text reader: hard-wrapped paragraphs are joined with single spaces") {
  const std::string text =
      "It was late in the afternoon when the last proof came back from the\n"
      "author, covered in pencil marks that ran from one margin to the other\n"
      "and on to the back of the sheet.\n"
      "\n"
      "Nobody in the shop minded very much. Corrections were part of the work,\n"
      "and the compositor had already set the page twice that week without a\n"
      "single complaint from anyone who had to read it afterwards.\n"
      "\n"
      "The third paragraph is here so that the document has enough wrapped\n"
      "lines for the reader to see that its lines were broken by a machine\n"
      "at a fixed width rather than one paragraph to a line.\n";
  const doc::Document d = read_text(text);
  REQUIRE(count<doc::Paragraph>(d.body) == 3);
  CHECK(text_of(d.body[0]) ==
        "It was late in the afternoon when the last proof came back from the author, covered in pencil marks that ran "
        "from one margin to the other and on to the back of the sheet.");
  CHECK(d.body[1].line == 5);
}

TEST_CASE("text reader: lists, quotes and scene breaks") {
  const std::string text = long_para + "\n\n" +
                           "- paper\n- ink\n- patience\n\n" +
                           "1. Set the type\n2. Lock the forme\n3) Print\n\n" +
                           "> A book is a machine to think with.\n> Every page a small one.\n\n" +
                           "* * *\n\n" + long_para2 + "\n\n***\n\n" + long_para + "\n";
  const doc::Document d = read_text(text);
  std::vector<const doc::List*> lists;
  for (const auto& b : d.body)
    if (const auto* l = std::get_if<doc::List>(&b.node)) lists.push_back(l);
  REQUIRE(lists.size() == 2);
  CHECK_FALSE(lists[0]->ordered);
  CHECK(lists[0]->items.size() == 3);
  CHECK(text_of(lists[0]->items[1].children.front()) == "ink");
  CHECK(lists[1]->ordered);
  CHECK(lists[1]->start == 1);
  CHECK(lists[1]->items.size() == 3);
  CHECK(count<doc::BlockQuote>(d.body) == 1);
  CHECK(count<doc::SceneBreak>(d.body) == 2);
  CHECK(headings(d).empty());
}

TEST_CASE("text reader: bullets with • and an indented block in wrapped text") {
  const std::string text =
      "The shop kept a short list of rules on the wall beside the door, where\n"
      "every visitor would pass it on the way in and again on the way out of\n"
      "the building at the end of the day.\n"
      "\n"
      "• wash your hands\n"
      "• never drop a case\n"
      "\n"
      "    Type high is nine-tenths of an inch, more or less, and no\n"
      "    apprentice forgets it twice.\n"
      "\n"
      "That was all the wall said, and it was enough for most of them, since\n"
      "the rest of the rules were learned the hard way at the composing desk\n"
      "under the eye of the foreman.\n";
  const doc::Document d = read_text(text);
  CHECK(count<doc::List>(d.body) == 1);
  CHECK(count<doc::BlockQuote>(d.body) == 1);
  CHECK(count<doc::Paragraph>(d.body) == 2);
}

TEST_CASE("text reader: Project Gutenberg header and footer") {
  std::string text =
      "The Project Gutenberg EBook of A Small Book, by A. Writer\n"
      "\n"
      "Title: A Small Book\n"
      "\n"
      "Author: A. Writer\n"
      "\n"
      "Language: English\n"
      "\n"
      "*** START OF THIS PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n"
      "\n"
      "Produced by Someone\n"
      "\n"
      "A SMALL BOOK\n"
      "\n"
      "by A. Writer\n"
      "\n"
      "CONTENTS\n\nCHAPTER I. The Start\n\nCHAPTER II. The Middle\n\nCHAPTER III. The End\n\n"
      "[Illustration: a printing press]\n\n";
  const char* names[] = {"I. The Start", "II. The Middle", "III. The End"};
  for (const char* name : names) {
    text += std::string("CHAPTER ") + name + "\n\n";
    for (int k = 0; k < 3; ++k)
      text +=
          "“I do not see why,” said she, and looked at the press as though it had\n"
          "said something rude to her about the state of her apron that morning.\n\n"
          "“Bingley.”\n\n";
  }
  text += "End of the Project Gutenberg EBook of A Small Book\n\n"
          "*** END OF THIS PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n\n"
          "Licence text.\n";
  const doc::Document d = read_text(text);
  CHECK(d.metadata.title == "A Small Book");
  REQUIRE(d.metadata.authors.size() == 1);
  CHECK(d.metadata.authors[0] == "A. Writer");
  CHECK(d.metadata.language == "en");
  CHECK(!d.front_matter.empty());
  CHECK(!d.back_matter.empty());
  // Only the chapters are headings: not the contents, the title lines, dialogue or illustrations.
  CHECK(headings(d) == std::vector<std::string>{"CHAPTER I. The Start", "CHAPTER II. The Middle", "CHAPTER III. The End"});
  for (const auto& b : d.body) {
    const std::string t = text_of(b);
    CHECK(t.find("PROJECT GUTENBERG") == std::string::npos);
    CHECK(t.find("Produced by") == std::string::npos);
    CHECK(t.find("Licence text") == std::string::npos);
  }
  // --strip-boilerplate drops header and footer; metadata stays.
  const doc::Document s = read_text(text, true);
  CHECK(s.front_matter.empty());
  CHECK(s.back_matter.empty());
  CHECK(s.metadata.title == "A Small Book");
  CHECK(headings(s) == headings(d));
}

TEST_CASE("text reader: a bare chapter label takes its title line") {
  std::string text;
  for (const char* c : {"I", "II", "III"}) {
    text += std::string("CHAPTER ") + c + ".\n\nTHE PRESS ROOM\n\n";
    text += long_para + "\n\n" + long_para2 + "\n\n";
  }
  const doc::Document d = read_text(text);
  CHECK(headings(d) == std::vector<std::string>{"CHAPTER I. THE PRESS ROOM", "CHAPTER II. THE PRESS ROOM",
                                                "CHAPTER III. THE PRESS ROOM"});
}

TEST_CASE("text reader: Pride and Prejudice") {
  const std::filesystem::path book = std::filesystem::path(GALLEY_TEST_DATA) / "books" / "pride-and-prejudice_pg1342.txt";
  REQUIRE(std::filesystem::exists(book));
  // How fast it is read is measured by tests/bench/bench_reader.sh, not asserted here.
  const doc::Document d = read_text(read::load_text_file(book));
  CHECK(d.metadata.title == "Pride and Prejudice");
  CHECK(d.metadata.language == "en");
  const auto h = headings(d);
  REQUIRE(h.size() == 61);
  for (std::size_t i = 0; i < h.size(); ++i) CHECK(h[i] == "Chapter " + std::to_string(i + 1));
  // The Gutenberg header and footer are kept apart; the novel's first and
  // last sentences are body text.
  CHECK(!d.front_matter.empty());
  CHECK(!d.back_matter.empty());
  std::string body;
  for (const auto& b : d.body) body += text_of(b) + "\n";
  CHECK(body.find("It is a truth universally acknowledged") != std::string::npos);
  CHECK(body.find("the means of uniting them.") != std::string::npos);
  CHECK(body.find("Project Gutenberg") == std::string::npos);
}

TEST_CASE("text reader: books of the corpus" * doctest::test_suite("corpus")) {
  const std::filesystem::path books = std::filesystem::path(GALLEY_CORPUS_DIR) / "books";
  REQUIRE(std::filesystem::is_directory(books));
  const doc::Document moby = read_text(read::load_text_file(books / "moby-dick_pg2701.txt"));
  const auto mh = headings(moby);
  REQUIRE(mh.size() >= 135);
  CHECK(mh.front() == "CHAPTER 1. Loomings.");  // the table of contents is not a list of headings
  const doc::Document alice = read_text(read::load_text_file(books / "alice-in-wonderland_pg11.txt"));
  CHECK(headings(alice).size() == 12);
}

TEST_CASE("text reader: a 10 MB single line is one paragraph (a quadratic walk would hit the ctest timeout)") {
  std::string big;
  big.reserve(10'000'000);
  const std::string unit = "word_with_underscore and more _words_ here. ";
  while (big.size() < 10'000'000) big += unit;
  const doc::Document d = read_text(big);
  REQUIRE(count<doc::Paragraph>(d.body) == 1);
  REQUIRE(d.body.size() == 1);
  // Nothing is lost: every word of the line is in the paragraph, in order.
  const std::string text = text_of(d.body.front());
  const std::size_t units = big.size() / unit.size();
  std::size_t found = 0;
  for (std::size_t at = text.find("word_with_underscore"); at != std::string::npos;
       at = text.find("word_with_underscore", at + 1))
    ++found;
  CHECK(found == units);
  CHECK(text.ends_with("and more _words_ here."));
}

TEST_CASE("text reader: a byline and a date under the title are not headings") {
  const std::string text = "Why Small Presses Still Matter\nBy Ana Ruiz and Tom Lee\nOctober 19, 2025\n" + long_para +
                           "\nThe first section\n" + long_para2 + "\n";
  const doc::Document d = read_text(text);
  CHECK(d.metadata.title == "Why Small Presses Still Matter");
  CHECK(d.metadata.authors == std::vector<std::string>{"Ana Ruiz", "Tom Lee"});
  CHECK(headings(d) == std::vector<std::string>{"The first section"});
}

TEST_CASE("text reader: _emphasis_ in Project Gutenberg text") {
  std::string text = "*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\n";
  text += "“You _may_ fall in love with one of them,” she said, and the snake_case word stays.\n\n";
  text += "*** END OF THE PROJECT GUTENBERG EBOOK X ***\n";
  const doc::Document d = read_text(text);
  REQUIRE(d.body.size() == 1);
  const auto& p = std::get<doc::Paragraph>(d.body[0].node);
  int emphasis = 0;
  for (const auto& in : p.content) emphasis += std::holds_alternative<doc::Emphasis>(in.node) ? 1 : 0;
  CHECK(emphasis == 1);
  CHECK(doc::plain_text(p.content).find("snake_case") != std::string::npos);
}

TEST_CASE("text reader: pathological inputs stay linear and safe") {
  CHECK(read_text("").body.empty());
  CHECK(read_text("\n\n\n").body.empty());
  CHECK(read_text("***\n").body.size() == 1);
  CHECK(read_text("Just a title").metadata.title.empty());  // a lone line is body text

  // 300 000 short lines: no quadratic walk over runs of short lines or numbered items.
  std::string many;
  for (int i = 0; i < 100000; ++i) {
    many += "Short line " + std::to_string(i) + "\n\n";
    many += std::to_string(i % 1000) + ". numbered\n\n";
    many += "- item\n";
  }
  const doc::Document d = read_text(many);
  // Every line is kept: the short lines as the title, headings or paragraphs,
  // the numbered and bulleted items inside lists (how they are grouped is the
  // reader's choice; that none is lost or merged into another is not).
  int short_lines = d.metadata.title.rfind("Short line ", 0) == 0 ? 1 : 0, items = 0;
  for (const auto& b : d.body) {
    if (text_of(b).rfind("Short line ", 0) == 0) ++short_lines;
    if (const auto* l = std::get_if<doc::List>(&b.node)) items += static_cast<int>(l->items.size());
  }
  CHECK(short_lines == 100000);
  CHECK(items == 200000);
}
