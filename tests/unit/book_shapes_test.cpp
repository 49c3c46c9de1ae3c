// Book and article shapes found by probing texts not in the corpus: contents
// lists of numbered entries, restarted numbering, centred headings, long
// titles, parts set apart from chapters, interviews, recipes, press releases.
#include <doctest/doctest.h>

#include <string>

#include "doc/document.hpp"
#include "structure_fixtures.hpp"

using namespace galley;

TEST_CASE("books: contents entries that are markers with numbers end where the body repeats the first") {
  SUBCASE("letters, then chapters, an address under the first letter") {
    std::string body = " CONTENTS\n\n Letter 1\n Letter 2\n Chapter 1\n Chapter 2\n\n\n\n\n";
    body += "Letter 1\n\n_To Mrs. Saville, England._\n\n\nSt. Petersburgh, Dec. 11th, 17--.\n\n\n" + prose(0) + prose(1);
    body += "\n\n\n\nLetter 2\n\n\n" + prose(1) + "\n\n\n\nChapter 1\n\n\n" + prose(0) + "\n\n\n\nChapter 2\n\n\n" + prose(1);
    CHECK(headings(read_book(gutenberg(body))) ==
          Headings{{2, "Letter 1"}, {2, "Letter 2"}, {2, "Chapter 1"}, {2, "Chapter 2"}});
  }
  SUBCASE("PART 1 and PART 2 are two entries, ACT I and ACT II too") {
    std::string body = "Contents\n\nPART 1\nCHAPTER ONE PLAYING\nCHAPTER TWO CHRISTMAS\nPART 2\nCHAPTER THREE GOSSIP\n\n\n\n";
    body += "PART 1\n\n\n\nCHAPTER ONE\n\nPLAYING\n\n\n" + prose(0) + "\n\n\nCHAPTER TWO\n\nCHRISTMAS\n\n\n" + prose(1) +
            "\n\n\nPART 2\n\n\n\nCHAPTER THREE\n\nGOSSIP\n\n\n" + prose(0);
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "PART 1"},
                                                           {3, "CHAPTER ONE PLAYING"},
                                                           {3, "CHAPTER TWO CHRISTMAS"},
                                                           {2, "PART 2"},
                                                           {3, "CHAPTER THREE GOSSIP"}});
    std::string play = "Contents\n\nACT I\nScene I. A platform.\nScene II. A room.\nACT II\nScene I. A house.\n\n\n\n";
    const std::string lines = "BARNARDO.\nWho is there?\n\nFRANCISCO.\nNay, answer me. Stand and unfold yourself.\n\n";
    play += "ACT I\n\nSCENE I. A platform.\n\n" + lines + lines + "SCENE II. A room.\n\n" + lines + lines +
            "ACT II\n\nSCENE I. A house.\n\n" + lines + lines;
    CHECK(headings(read_book(gutenberg(play))) == Headings{{2, "ACT I"},
                                                           {3, "SCENE I. A platform."},
                                                           {3, "SCENE II. A room."},
                                                           {2, "ACT II"},
                                                           {3, "SCENE I. A house."}});
  }
}

TEST_CASE("books: numbered chapters restart in each part, however short the part") {
  std::string body = "Book the First--Recalled to Life\n\n\n\n\n";
  for (const char* t : {"I. The Period", "II. The Mail", "III. The Night Shadows"})
    body += std::string(t) + "\n\n\n" + prose(0) + prose(1) + "\n\n\n";
  body += "\nBook the Second--the Golden Thread\n\n\n\n\nI. Five Years Later\n\n\n" + prose(1) + "\n\n\nII. A Sight\n\n\n" +
          prose(0);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "Book the First--Recalled to Life"},
                                                         {3, "I. The Period"},
                                                         {3, "II. The Mail"},
                                                         {3, "III. The Night Shadows"},
                                                         {2, "Book the Second--the Golden Thread"},
                                                         {3, "I. Five Years Later"},
                                                         {3, "II. A Sight"}});
}

TEST_CASE("books: numbers written one way are one level (stories with and without numbered sections)") {
  std::string body = "I. A SCANDAL IN BOHEMIA\n\n\nI.\n\n\n" + prose(0) + "\n\nII.\n\n\n" + prose(1) + "\n\nIII.\n\n\n" +
                     prose(0) + "\n\n\n\nII. THE RED-HEADED LEAGUE\n\n\n" + prose(1) + "\n\n\n\nIII. A CASE OF IDENTITY\n\n\n" +
                     prose(0);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "I. A SCANDAL IN BOHEMIA"},
                                                         {3, "I."},
                                                         {3, "II."},
                                                         {3, "III."},
                                                         {2, "II. THE RED-HEADED LEAGUE"},
                                                         {2, "III. A CASE OF IDENTITY"}});
}

TEST_CASE("books: a long title in capitals right under its chapter marker") {
  std::string body;
  const char* titles[] = {"WHICH TREATS OF THE CHARACTER AND PURSUITS OF THE FAMOUS GENTLEMAN DON QUIXOTE OF LA MANCHA",
                          "WHICH TREATS OF THE FIRST SALLY THE INGENIOUS DON QUIXOTE MADE FROM HOME",
                          "OF THE GOOD FORTUNE WHICH THE VALIANT DON QUIXOTE HAD IN THE TERRIBLE ADVENTURE"};
  const char* numbers[] = {"I", "II", "III"};
  for (int k = 0; k < 3; ++k) body += "\n\n\nCHAPTER " + std::string(numbers[k]) + ".\n" + titles[k] + "\n\n\n" + prose(k);
  const Headings h = headings(read_book(gutenberg(body)));
  REQUIRE(h.size() == 3);
  CHECK(h[0].second == "CHAPTER I. " + std::string(titles[0]));
  CHECK(h[2].second == "CHAPTER III. " + std::string(titles[2]));
}

TEST_CASE("books: chapter titles in mixed case under a title in capitals") {
  std::string body = "WALDEN\n\nand\n\nON THE DUTY OF CIVIL DISOBEDIENCE\n\nby Henry David Thoreau\n\n\ncontents\n\n"
                     " WALDEN\n Economy\n Where I Lived, and What I Lived For\n Reading\n Sounds\n"
                     " ON THE DUTY OF CIVIL DISOBEDIENCE\n\n\n\n\nWALDEN\n\n\n\n\n";
  std::string chapter;
  for (int k = 0; k < 12; ++k) chapter += prose(k);  // over 1500 characters
  for (const char* t : {"Economy", "Where I Lived, and What I Lived For", "Reading", "Sounds"})
    body += std::string(t) + "\n\n\n" + chapter + "\n\n\n";
  body += "\nON THE DUTY OF CIVIL DISOBEDIENCE\n\n\n" + chapter;
  CHECK(headings(read_book(gutenberg(body), "Walden, and On The Duty Of Civil Disobedience")) ==
        Headings{{2, "WALDEN"},
                 {3, "Economy"},
                 {3, "Where I Lived, and What I Lived For"},
                 {3, "Reading"},
                 {3, "Sounds"},
                 {2, "ON THE DUTY OF CIVIL DISOBEDIENCE"}});
}

TEST_CASE("books: two numbers right under a named division (EPILOGUE / I / II)") {
  std::string body;
  for (const char* c : {"CHAPTER I", "CHAPTER II", "CHAPTER III"}) body += std::string(c) + "\n\n" + prose(0) + prose(1) + "\n\n";
  body += "\n\nEPILOGUE\n\n\n\nI\n\n" + prose(1) + prose(0) + "\n\n\nII\n\n" + prose(0);
  CHECK(headings(read_book(gutenberg(body))) ==
        Headings{{3, "CHAPTER I"}, {3, "CHAPTER II"}, {3, "CHAPTER III"}, {2, "EPILOGUE"}, {3, "I"}, {3, "II"}});
}

TEST_CASE("books: a number with its title on the line right under it") {
  std::string body = "THE CUSTOM-HOUSE\n\n\n" + prose(0) + prose(1) + "\n\n\n";
  for (const char* c : {"I.\nTHE PRISON-DOOR.", "II.\nTHE MARKET-PLACE.", "III.\nTHE RECOGNITION."})
    body += "\n\n" + std::string(c) + "\n\n\n" + prose(0) + prose(1);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "THE CUSTOM-HOUSE"},
                                                         {2, "I. THE PRISON-DOOR."},
                                                         {2, "II. THE MARKET-PLACE."},
                                                         {2, "III. THE RECOGNITION."}});
}

TEST_CASE("books: a line in capitals set apart from the part above it is a chapter, not the part's title") {
  std::string body = "FIRST PART\n\n\n\nTHE SON OF THE BRAHMAN\n\n" + prose(0) + prose(1) + "\n\n\nWITH THE SAMANAS\n\n" +
                     prose(1) + prose(0) + "\n\n\n\nSECOND PART\n\n\n\nKAMALA\n\n" + prose(0) + prose(1) +
                     "\n\n\n\nTHIRD PART\n\n\n\nOM\n\n" + prose(1);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "FIRST PART"},
                                                         {3, "THE SON OF THE BRAHMAN"},
                                                         {3, "WITH THE SAMANAS"},
                                                         {2, "SECOND PART"},
                                                         {3, "KAMALA"},
                                                         {2, "THIRD PART"},
                                                         {3, "OM"}});
}

TEST_CASE("articles: an interview's questions are turns, not sections") {
  std::string text = "INTERVIEW: A LIBRARIAN ON BANNED BOOKS\n\nJane Park has run the public library in Elm Falls for "
                     "twenty years. We spoke to her about the recent wave of challenges to books on its shelves.\n\n";
  for (const char* q : {"How many challenges have you received this year?", "What happens when someone files a challenge?",
                        "Has any book been removed?"})
    text += "Q: " + std::string(q) + "\n\nA: Forty-one, which is more than in the previous ten years together. Most "
            "are about the same dozen titles, and most come from the same few people.\n\n";
  text += "THE BIGGER PICTURE\n\nLibraries across the state report similar numbers. The state library association "
          "says challenges have tripled since 2021.\n";
  CHECK(headings(read_book(text)) == Headings{{2, "THE BIGGER PICTURE"}});
}

TEST_CASE("articles: a list set line under line ends at a line set apart (ingredients, then Method)") {
  const std::string text =
      "Grandmother's Apple Cake\n\nThis is the cake my grandmother made every autumn, when the apples from her tree "
      "came in faster than anyone could eat them.\n\nIngredients\n\n3 large apples, peeled and sliced\n2 cups flour\n"
      "1 cup sugar\n3 eggs\n\nMethod\n\nHeat the oven to 180 degrees and butter a round tin. Mix the flour, sugar and "
      "baking powder in a large bowl until they are well combined.\n\nSpread the batter in the tin, cover it with the "
      "apples, and bake for 45 minutes until the top is golden.\n";
  CHECK(headings(read_book(text)) == Headings{{2, "Ingredients"}, {2, "Method"}});
}

TEST_CASE("articles: a press release's label is not its title; a keyword line is not a heading") {
  const std::string release =
      "FOR IMMEDIATE RELEASE\n\nCounty Opens Three New Cooling Centers Ahead of Heat Wave\n\nRIVERTON, Ore. (July 12, "
      "2024) \xE2\x80\x94 Riverton County will open three new cooling centers on Monday as forecasters predict heat.\n\n"
      "The centers will be open from 10 a.m. to 8 p.m. daily through July 21, and rides can be requested by phone.\n";
  const doc::Document d = read_book(release);
  CHECK(d.metadata.title == "County Opens Three New Cooling Centers Ahead of Heat Wave");
  REQUIRE(!d.body.empty());
  const auto* label = std::get_if<doc::Paragraph>(&d.body.front().node);
  REQUIRE(label != nullptr);
  CHECK(doc::plain_text(label->content) == "FOR IMMEDIATE RELEASE");
  const std::string paper =
      "Measuring Reading Speed on Small Screens\n\nAbstract\n\nWe measured the reading speed of 120 adults on phones, "
      "tablets and paper, and found phones slower by eleven percent.\n\nKeywords: reading, typography, mobile devices\n\n"
      "Introduction\n\nMost reading now happens on screens smaller than a paperback page, and earlier studies did not "
      "control for line length.\n";
  CHECK(headings(read_book(paper)) == Headings{{2, "Abstract"}, {2, "Introduction"}});
}

TEST_CASE("books: centred headings (indented with spaces) are found; a centred inscription in the text is not") {
  std::string body;
  const char* titles[] = {"THE INTRODUCTION TO THE WORK", "A SHORT DESCRIPTION OF SQUIRE ALLWORTHY",
                          "AN ODD ACCIDENT WHICH BEFEL MR ALLWORTHY"};
  const char* numbers[] = {"I", "II", "III"};
  for (int k = 0; k < 3; ++k)
    body += "                              CHAPTER " + std::string(numbers[k]) + ".\n\n              " + titles[k] +
            "\n\n\n" + prose(k) + prose(k + 1) + "\n\n";
  CHECK(headings(read_book(gutenberg(body))) ==
        Headings{{2, "CHAPTER I. THE INTRODUCTION TO THE WORK"},
                 {2, "CHAPTER II. A SHORT DESCRIPTION OF SQUIRE ALLWORTHY"},
                 {2, "CHAPTER III. AN ODD ACCIDENT WHICH BEFEL MR ALLWORTHY"}});
  const std::string verse = "From fairest creatures we desire increase,\nThat thereby beauty's rose might never die,\n"
                            "But as the riper should by time decease,\nHis tender heir might bear his memory:\n\n";
  std::string sonnets;
  for (const char* r : {"I", "II", "III", "IV"}) sonnets += "                    " + std::string(r) + "\n\n" + verse + verse + "\n";
  CHECK(headings(read_book(gutenberg(sonnets))) == Headings{{2, "I"}, {2, "II"}, {2, "III"}, {2, "IV"}});
  std::string plain;
  for (const char* c : {"CHAPTER I", "CHAPTER II", "CHAPTER III"}) {
    plain += std::string(c) + "\n\n" + prose(0) + "She drew near to a stone on which was inscribed:\n\n\n"
             "   OSTIUM SEPULCHRI ANTIQUAE FAMILIAE\n\n\n" + prose(1);
  }
  CHECK(headings(read_book(gutenberg(plain))) == Headings{{2, "CHAPTER I"}, {2, "CHAPTER II"}, {2, "CHAPTER III"}});
}

TEST_CASE("books: an anthology's titles set apart over verse whose lines end in commas") {
  const std::string verse = "Under the greenwood tree\nWho loves to lie with me,\nAnd turn his merry note\n"
                            "Unto the sweet bird's throat,\n\n";
  std::string body = "A BOOK OF VERSE\n\nEdited by A. Editor\n\n\n\n\n";
  for (const char* t : {"TO AUTUMN", "OZYMANDIAS", "THE TYGER", "THE LAKE ISLE OF INNISFREE"})
    body += std::string(t) + "\n\nA. Poet\n\n\n" + verse + verse + verse + "\n\n\n";
  CHECK(headings(read_book(gutenberg(body, "Title: A Book of Verse\n"))) ==
        Headings{{2, "TO AUTUMN"}, {2, "OZYMANDIAS"}, {2, "THE TYGER"}, {2, "THE LAKE ISLE OF INNISFREE"}});
}

TEST_CASE("plain text: headings the text marks itself with hashes or underlines") {
  SUBCASE("hashes: levels from their count, the title without them, unmarked lines not headings") {
    const std::string text =
        "# Notes on the migration\n\nWe moved the archive to the new storage system over the weekend. This note "
        "records what we did and what is left.\n\n## What we moved\n\nAll 1.2 million records, their scans and the "
        "search index. The copy took 31 hours.\n\n### The index\n\nRebuilt from scratch on the new machines.\n\n"
        "Short line here\n\nAnd the text goes on after it for a while, as paragraphs do.\n\n## What broke ##\n\n"
        "Two scripts assumed the old paths. Both are fixed.\n\n#hashtag is not a heading\n";
    const doc::Document d = read_book(text);
    CHECK(d.metadata.title == "Notes on the migration");
    CHECK(headings(d) == Headings{{2, "What we moved"}, {3, "The index"}, {2, "What broke"}});
  }
  SUBCASE("underlines: === for the title, --- for sections, the underlines dropped; bare numbered subsections stay") {
    const std::string text =
        "Annual Report on Water Quality\n==============================\n\nPrepared by the Department of Public Works."
        "\n\n1. Introduction\n---------------\n\nThis report summarizes the results of water testing carried out "
        "across the county during 2023.\n\n2. Methods\n----------\n\nSamples were collected in sterile bottles and "
        "analysed within 24 hours at the county laboratory.\n\n2.1 Sampling sites\n\nSites were chosen to cover "
        "every treatment plant and the ends of the network.\n\n3. Results\n----------\n\nAll 576 samples met the "
        "federal standards for drinking water this year.\n";
    const doc::Document d = read_book(text);
    CHECK(d.metadata.title == "Annual Report on Water Quality");
    CHECK(headings(d) == Headings{{2, "1. Introduction"}, {2, "2. Methods"}, {3, "2.1 Sampling sites"}, {2, "3. Results"}});
    for (const auto& b : d.body) CHECK_FALSE(std::holds_alternative<doc::SceneBreak>(b.node));
  }
}
