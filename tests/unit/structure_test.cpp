// Book structure of the plain-text reader: one small synthetic book per
// pattern (markers, numbered runs, contents lists, dialogue, plays, letters,
// part levels), the markers on their own, and the Project Gutenberg title.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "doc/document.hpp"
#include "read/reader.hpp"
#include "read/text/lines.hpp"
#include "read/text/markers.hpp"
#include "structure_fixtures.hpp"

using namespace galley;
using galley::read::text::MarkerKind;
using galley::read::text::parse_marker;

TEST_CASE("markers: the common forms of chapter-like lines") {
  struct Case {
    const char* line;
    MarkerKind kind;
    int number;
  };
  const Case cases[] = {
      {"CHAPTER I.", MarkerKind::Chapter, 1},
      {"Chapter 12: The Storm", MarkerKind::Chapter, 12},
      {"CHAPTER XVIII(*) -- CONCERNING FAITH", MarkerKind::Chapter, 18},
      {"Chapter the Twenty-First", MarkerKind::Chapter, 21},
      {"STAVE I:  MARLEY'S GHOST", MarkerKind::Chapter, 1},
      {"LETTER IV", MarkerKind::Chapter, 4},
      {"Book the First--Recalled to Life", MarkerKind::Part, 1},
      {"PART ONE--The Old Buccaneer", MarkerKind::Part, 1},
      {"Phase the Third: The Rally", MarkerKind::Part, 3},
      {"VOLUME II", MarkerKind::Part, 2},
      {"FIRST ACT", MarkerKind::Act, 1},
      {"THE SECOND ACT", MarkerKind::Act, 2},
      {"ACT III.", MarkerKind::Act, 3},
      {"SCENE 2", MarkerKind::Scene, 2},
      {"FIRST EPILOGUE", MarkerKind::Section, 1},
      {"PREFACE", MarkerKind::Section, 0},
      {"THE PREFACE", MarkerKind::Section, 0},
      {"INTRODUCTION", MarkerKind::Section, 0},
      {"Prologue", MarkerKind::Section, 0},
      {"EPILOGUE.", MarkerKind::Section, 0},
      {"PREFACE TO THE SECOND EDITION", MarkerKind::Section, 0},
      {"XIV.", MarkerKind::Chapter, 14},
      {"12", MarkerKind::Chapter, 12},
      {"\xE2\x80\x94 II \xE2\x80\x94", MarkerKind::Chapter, 2},  // — II —
      {"[ 3 ]", MarkerKind::Chapter, 3},
      {"IV. The Storm", MarkerKind::Chapter, 4},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const auto m = parse_marker(c.line);
    CHECK(m.kind == c.kind);
    CHECK(m.number == c.number);
  }
  // Not markers: sentences, stage words, words that only start like one.
  for (const char* line : {"Part two of the plan was simple.", "ACT DROP", "SCENE", "Chapters", "Book of the Dead",
                           "The first act was long", "Introduction of the new rules", "1805", "IIII", "I think so.",
                           "Acting Chapter"}) {
    CAPTURE(line);
    CHECK(parse_marker(line).kind == MarkerKind::None);
  }
  CHECK(parse_marker("CHAPTER I.").bare);
  CHECK(!parse_marker("CHAPTER I. Loomings").bare);
}

TEST_CASE("books: dialogue is never a heading") {
  std::string body;
  for (const char* c : {"I", "II", "III"}) {
    body += std::string("CHAPTER ") + c + "\n\n\n" + prose(0);
    body += "\xE2\x80\x9CWhere are you going?\xE2\x80\x9D\n\nWhat then?\n\nStop!\n\nAnd then\xE2\x80\x94\n\n";
    body += "\n\nHELP! HELP!\n\n\nWHO GOES THERE?\n\n\n" + prose(1);
  }
  const Headings h = headings(read_book(gutenberg(body)));
  CHECK(h == Headings{{2, "CHAPTER I"}, {2, "CHAPTER II"}, {2, "CHAPTER III"}});
}

TEST_CASE("books: a stream of dialogue without markers gives no headings") {
  std::string body;
  for (int k = 0; k < 20; ++k) body += prose(k) + "Why?\n\nBecause I said so!\n\n\xE2\x80\x94Is it far?\n\n";
  CHECK(headings(read_book(gutenberg(body))).empty());
}

TEST_CASE("books: a play's acts; speaker labels, SCENE and ACT DROP are not headings") {
  std::string body = "THE PERSONS OF THE PLAY\n\n\nJack Worthing\nLady Bracknell\nLane, Manservant\n\n\n";
  for (const char* act : {"THE FIRST ACT", "THE SECOND ACT", "THE THIRD ACT"}) {
    body += std::string(act) + "\n\n\nSCENE\n\n\n" + prose(0);
    for (int k = 0; k < 2; ++k)
      body += "JACK.\n\nHow perfectly delightful! Is that so?\n\nLADY BRACKNELL.\n\n" + prose(1) + "LANE.\n\nYes, sir.\n\n";
    body += "ACT DROP\n\n\n\n";
  }
  const Headings h = headings(read_book(gutenberg(body)));
  CHECK(h == Headings{{2, "THE FIRST ACT"}, {2, "THE SECOND ACT"}, {2, "THE THIRD ACT"}});
}

TEST_CASE("books: ACT above SCENE") {
  std::string body;
  for (const char* act : {"ACT I", "ACT II"}) {
    body += std::string(act) + "\n\n\n";
    for (const char* scene : {"SCENE 1", "SCENE 2"}) body += std::string(scene) + "\n\n\n" + prose(0) + prose(1);
  }
  const Headings h = headings(read_book(gutenberg(body)));
  CHECK(h == Headings{{2, "ACT I"}, {3, "SCENE 1"}, {3, "SCENE 2"}, {2, "ACT II"}, {3, "SCENE 1"}, {3, "SCENE 2"}});
}

TEST_CASE("books: a contents list stays text, and the first chapter right under it is found") {
  SUBCASE("after CONTENTS") {
    std::string body = "CONTENTS\n\nChapter I. The Start\nChapter II. The Middle\nChapter III. The End\n\n\n\n";
    body += "CHAPTER I. THE START\n\n" + prose(0) + "CHAPTER II. THE MIDDLE\n\n" + prose(1) + "CHAPTER III. THE END\n\n" + prose(0);
    const doc::Document d = read_book(gutenberg(body));
    CHECK(headings(d) ==
          Headings{{2, "CHAPTER I. THE START"}, {2, "CHAPTER II. THE MIDDLE"}, {2, "CHAPTER III. THE END"}});
    // The entries are kept, as text before the first chapter.
    REQUIRE(!d.body.empty());
    CHECK(std::holds_alternative<doc::Paragraph>(d.body.front().node));
  }
  SUBCASE("a run of markers without a label, the body's first one directly under it") {
    std::string body = "CHAPTER I. The Start\n\nCHAPTER II. The Middle\n\nCHAPTER III. The End\n\n";
    body += "CHAPTER I. The Start\n\n" + prose(0) + "CHAPTER II. The Middle\n\n" + prose(1) +
            "CHAPTER III. The End\n\n" + prose(0);
    CHECK(headings(read_book(gutenberg(body))) ==
          Headings{{2, "CHAPTER I. The Start"}, {2, "CHAPTER II. The Middle"}, {2, "CHAPTER III. The End"}});
  }
  SUBCASE("a contents list of capital story titles") {
    std::string body = "CONTENTS\n\n THE SISTERS\n AN ENCOUNTER\n ARABY\n\n\n\n";
    for (const char* t : {"THE SISTERS", "AN ENCOUNTER", "ARABY"}) body += std::string(t) + "\n\n\n" + prose(0) + prose(1) + "\n\n";
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "THE SISTERS"}, {2, "AN ENCOUNTER"}, {2, "ARABY"}});
  }
}

TEST_CASE("books: numbers alone are chapters only in a run, and take the title line under them") {
  std::string body;
  for (int k = 1; k <= 3; ++k) body += "\n\n" + std::to_string(k) + "\n\nThe Title of Part " + std::to_string(k) + "\n\n" + prose(k) + prose(k + 1);
  body += "7\n\n" + prose(0);  // a lone number is not a chapter
  const doc::Document d = read_book(gutenberg(body));
  CHECK(headings(d) == Headings{{2, "1 The Title of Part 1"}, {2, "2 The Title of Part 2"}, {2, "3 The Title of Part 3"}});
  // The number and its title are two lines of one heading.
  const auto& h = std::get<doc::Heading>(d.body.front().node);
  int breaks = 0;
  for (const auto& in : h.content) breaks += std::holds_alternative<doc::LineBreak>(in.node);
  CHECK(breaks == 1);

  SUBCASE("roman numerals, decorated numbers") {
    for (const char* forms : {"I|II|III", "\xE2\x80\x94 I \xE2\x80\x94|\xE2\x80\x94 II \xE2\x80\x94|\xE2\x80\x94 III \xE2\x80\x94", "[ 1 ]|[ 2 ]|[ 3 ]"}) {
      std::string b;
      std::string f = forms;
      std::vector<std::string> names;
      for (std::size_t at = 0, bar; at <= f.size(); at = bar + 1) {
        bar = f.find('|', at);
        if (bar == std::string::npos) bar = f.size();
        names.push_back(f.substr(at, bar - at));
      }
      for (const auto& n : names) b += "\n\n" + n + "\n\n" + prose(0) + prose(1);
      Headings want;
      for (const auto& n : names) want.emplace_back(2, n);
      CHECK(headings(read_book(gutenberg(b))) == want);
    }
  }
}

TEST_CASE("books: PREFACE, INTRODUCTION, EPILOGUE and STAVE") {
  std::string body = "THE PREFACE\n\n" + prose(0) + "\n\nINTRODUCTION\n\n" + prose(1);
  for (const char* s : {"I", "II", "III"}) body += "\n\nSTAVE " + std::string(s) + "\n\nMARLEY'S GHOST\n\n" + prose(0);
  body += "\n\nEPILOGUE\n\n" + prose(1);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "THE PREFACE"},
                                                    {2, "INTRODUCTION"},
                                                    {2, "STAVE I MARLEY'S GHOST"},
                                                    {2, "STAVE II MARLEY'S GHOST"},
                                                    {2, "STAVE III MARLEY'S GHOST"},
                                                    {2, "EPILOGUE"}});
}

TEST_CASE("books: signatures under letters are not parts") {
  std::string body;
  for (int k = 1; k <= 3; ++k) {
    body += "\n\nLETTER " + std::to_string(k) + "\n\n\n" + prose(k);
    body += k == 2 ? "Yours ever,\n\nMARY\n\n" : "MARY\n\n";
  }
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "LETTER 1"}, {2, "LETTER 2"}, {2, "LETTER 3"}});
}

TEST_CASE("books: parts above their chapters") {
  SUBCASE("Book the First") {
    std::string body;
    for (const char* book : {"Book the First--Recalled to Life", "Book the Second--The Golden Thread"}) {
      body += "\n\n\n" + std::string(book) + "\n\n\n";
      for (const char* c : {"I", "II"}) body += std::string("CHAPTER ") + c + ".\n\n" + prose(0) + prose(1);
    }
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "Book the First--Recalled to Life"},
                                                      {3, "CHAPTER I."},
                                                      {3, "CHAPTER II."},
                                                      {2, "Book the Second--The Golden Thread"},
                                                      {3, "CHAPTER I."},
                                                      {3, "CHAPTER II."}});
  }
  SUBCASE("FIRST EPILOGUE holds chapters at the level of the books") {
    std::string body;
    for (const char* part : {"BOOK ONE: 1805", "FIRST EPILOGUE"}) {
      body += "\n\n\n" + std::string(part) + "\n\n\n";
      for (const char* c : {"I", "II"}) body += std::string("CHAPTER ") + c + "\n\n" + prose(0) + prose(1);
    }
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "BOOK ONE: 1805"},
                                                      {3, "CHAPTER I"},
                                                      {3, "CHAPTER II"},
                                                      {2, "FIRST EPILOGUE"},
                                                      {3, "CHAPTER I"},
                                                      {3, "CHAPTER II"}});
  }
  SUBCASE("a title in capitals over poems") {
    std::string body;
    for (const char* part : {"SONGS OF THE MORNING", "SONGS OF THE EVENING"}) {
      body += "\n\n\n" + std::string(part) + "\n\n\n";
      for (const char* poem : {"THE LAMB", "THE TIGER"})
        body += "\n\n\n" + std::string(poem) + "\n\n\nLittle lamb, who made thee?\n   Dost thou know who made thee,\n"
                "Gave thee life and bid thee feed\n   By the stream and o'er the mead;\n\n"
                "Gave thee clothing of delight,\n   Softest clothing, woolly, bright;\n\n";
    }
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "SONGS OF THE MORNING"},
                                                      {3, "THE LAMB"},
                                                      {3, "THE TIGER"},
                                                      {2, "SONGS OF THE EVENING"},
                                                      {3, "THE LAMB"},
                                                      {3, "THE TIGER"}});
  }
}

TEST_CASE("Project Gutenberg: a title on two lines is a title and a subtitle") {
  const doc::Document d = read_book(gutenberg(prose(0), "Title: A Christmas Carol\n       A Ghost Story of Christmas\n"));
  CHECK(d.metadata.title == "A Christmas Carol");
  CHECK(d.metadata.subtitle == "A Ghost Story of Christmas");
  // A long title wrapped over two lines stays one title.
  const doc::Document w = read_book(gutenberg(prose(0), "Title: The Life and Strange Surprizing Adventures of\n       Robinson Crusoe\n"));
  CHECK(w.metadata.title == "The Life and Strange Surprizing Adventures of Robinson Crusoe");
  CHECK(w.metadata.subtitle.empty());
  const doc::Document f = read_book(gutenberg(prose(0), "Title: Frankenstein\n       or, The Modern Prometheus\n"));
  CHECK(f.metadata.title == "Frankenstein");
  CHECK(f.metadata.subtitle == "or, The Modern Prometheus");
}

TEST_CASE("plain text: a title given outside the text keeps the text's first line") {
  const std::string text = "A Headline of the Article\n\n" + prose(0) + prose(1);
  // Without --title the first line is the title.
  const doc::Document plain = read_book(text);
  CHECK(plain.metadata.title == "A Headline of the Article");
  CHECK(headings(plain).empty());
  // With another title, the line stays in the body as a heading.
  const doc::Document given = read_book(text, "Something Else");
  CHECK(headings(given) == Headings{{2, "A Headline of the Article"}});
  // With the same title, it is the title (not repeated in the body).
  const doc::Document same = read_book(text, "a headline of the article");
  CHECK(headings(same).empty());
  // A first line that is no title stays a paragraph either way.
  const doc::Document sentence = read_book("It was a dark night, and the rain fell.\n\n" + prose(0), "Given");
  REQUIRE(!sentence.body.empty());
  CHECK(doc::plain_text(std::get<doc::Paragraph>(sentence.body.front().node).content) ==
        "It was a dark night, and the rain fell.");
}

TEST_CASE("books: numbers written two ways, the first over the second") {
  std::string body;
  int episode = 0;
  for (const char* part : {"\xE2\x80\x94 I \xE2\x80\x94", "\xE2\x80\x94 II \xE2\x80\x94", "\xE2\x80\x94 III \xE2\x80\x94"}) {
    body += "\n\n\n" + std::string(part) + "\n\n\n";
    for (int k = 0; k < 2; ++k) body += "[ " + std::to_string(++episode) + " ]\n\n" + prose(k) + "\xE2\x80\x94Is it far?\n\n" + prose(k + 1);
  }
  const Headings h = headings(read_book(gutenberg(body)));
  REQUIRE(h.size() == 9);
  CHECK(h[0] == std::pair<int, std::string>{2, "\xE2\x80\x94 I \xE2\x80\x94"});
  CHECK(h[1] == std::pair<int, std::string>{3, "[ 1 ]"});
  CHECK(h[2] == std::pair<int, std::string>{3, "[ 2 ]"});
  CHECK(h[6] == std::pair<int, std::string>{2, "\xE2\x80\x94 III \xE2\x80\x94"});
  CHECK(h[8] == std::pair<int, std::string>{3, "[ 6 ]"});
}

TEST_CASE("books: roman numerals with their titles, under Book the First") {
  std::string body = "CONTENTS\n\n     Book the First--Recalled to Life\n\n     Chapter I      The Period\n"
                     "     Chapter II     The Mail\n\n     Book the Second--the Golden Thread\n\n"
                     "     Chapter I      Five Years Later\n\n\n\n";
  body += "Book the First--Recalled to Life\n\n\n\n\nI. The Period\n\n\n" + prose(0) + prose(1) + "\n\n\nII. The Mail\n\n\n" +
          prose(1) + "\n\n\n\nBook the Second--the Golden Thread\n\n\n\n\nIII. Five Years Later\n\n\n" + prose(0);
  CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "Book the First--Recalled to Life"},
                                                         {3, "I. The Period"},
                                                         {3, "II. The Mail"},
                                                         {2, "Book the Second--the Golden Thread"},
                                                         {3, "III. Five Years Later"}});
}

TEST_CASE("books: many markers, contents labels and capital lines stay linear and lose nothing") {
  std::string body;
  for (int k = 1; k <= 30000; ++k)
    body += "CONTENTS\n\nCHAPTER " + std::to_string(k) + "\n\n\nA LINE IN CAPITALS\n\n\n" + std::to_string(k % 7 + 1) + "\n\n";
  const doc::Document d = read_book(gutenberg(body));
  std::size_t blocks = 0;
  for (const auto& b : d.body) blocks += std::holds_alternative<doc::Heading>(b.node) || std::holds_alternative<doc::Paragraph>(b.node);
  CHECK(blocks == 4 * 30000);
}

TEST_CASE("books: a contents list set without blank lines, and letters with their addresses") {
  SUBCASE("contents lines together, no label") {
    std::string body = "CHAPTER I. The Start\nCHAPTER II. The Middle\nCHAPTER III. The End\nCHAPTER IV. After\n\n\n\n";
    for (const char* c : {"CHAPTER I. The Start", "CHAPTER II. The Middle", "CHAPTER III. The End", "CHAPTER IV. After"})
      body += std::string(c) + "\n\n" + prose(0) + prose(1);
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "CHAPTER I. The Start"},
                                                           {2, "CHAPTER II. The Middle"},
                                                           {2, "CHAPTER III. The End"},
                                                           {2, "CHAPTER IV. After"}});
  }
  SUBCASE("an address in italics and a place and date under a letter's number are not its title") {
    std::string body;
    for (int k = 1; k <= 3; ++k)
      body += "\n\nLetter " + std::to_string(k) + "\n\n" + (k == 2 ? "Langford, Dec.\n\n" : "_To Mrs. Saville, England._\n\n") +
              prose(k) + "Your affectionate brother,\n\nR. W.\n\n";
    CHECK(headings(read_book(gutenberg(body))) == Headings{{2, "Letter 1"}, {2, "Letter 2"}, {2, "Letter 3"}});
  }
}

TEST_CASE("books: chapter titles in mixed case when nothing else marks the chapters") {
  std::string body;
  for (const char* t : {"Economy", "Where I Lived, and What I Lived For", "Reading", "Sounds"}) {
    body += "\n\n\n" + std::string(t) + "\n\n";
    for (int k = 0; k < 9; ++k) body += prose(k) + "Why not?\n\n";
  }
  body += "\n\n\nThe end came.\n\n" + prose(0);
  CHECK(headings(read_book(gutenberg(body))) ==
        Headings{{2, "Economy"}, {2, "Where I Lived, and What I Lived For"}, {2, "Reading"}, {2, "Sounds"}});
  // Not where chapters are marked otherwise: there such lines are text.
  std::string marked;
  for (const char* c : {"CHAPTER I", "CHAPTER II", "CHAPTER III"}) marked += std::string(c) + "\n\n" + prose(0) + "\n\n\nSounds\n\n" + prose(1) + prose(0) + prose(1) + prose(0) + prose(1);
  CHECK(headings(read_book(gutenberg(marked))) == Headings{{2, "CHAPTER I"}, {2, "CHAPTER II"}, {2, "CHAPTER III"}});
}

TEST_CASE("plain text: numbered section titles of an article do not make it a book") {
  const std::string para =
      "The press room smelled of ink and warm paper, and every machine in it had a name that the apprentices had given "
      "it years ago, long before anyone now working there had arrived.";
  std::string text = "A Study of Small Presses\n\n";
  for (const char* h : {"I. Introduction", "II. Methods", "What we measured", "III. Results"})
    text += std::string(h) + "\n\n" + para + "\n\n" + para + "\n\n";
  const doc::Document d = read_book(text);
  CHECK(d.metadata.title == "A Study of Small Presses");
  CHECK(headings(d) ==
        Headings{{2, "I. Introduction"}, {2, "II. Methods"}, {2, "What we measured"}, {2, "III. Results"}});
}

TEST_CASE("articles: a short first line whose sentence goes on is not a heading") {
  using galley::read::text::continues_on_next_line;
  CHECK(continues_on_next_line("This approach has been used by several partners like the"));
  CHECK(continues_on_next_line("And, we employed the \xE2\x80\x9C" "5"));  // “5 ... Whys”
  CHECK(continues_on_next_line("The agreement (a type of contract"));
  CHECK(continues_on_next_line("Prices rose and"));
  CHECK_FALSE(continues_on_next_line("The"));
  CHECK_FALSE(continues_on_next_line("What we learned"));
  CHECK_FALSE(continues_on_next_line("The \xE2\x80\x9C" "five whys\xE2\x80\x9D technique"));
  CHECK_FALSE(continues_on_next_line("Die \xE2\x80\x9E" "Regeln\xE2\x80\x9C des Projekts"));
  CHECK_FALSE(continues_on_next_line("Costs (and benefits)"));
  // In a document of one paragraph per line, such a line stays in its paragraph.
  const std::string text =
      "A Title Line\n\nIt was a long first paragraph that went on for a while and said a good many things about the "
      "work and why it mattered to the people who did it every day.\n\n"
      "This approach has been used by several partners like the\n"
      "California Department of Health and Human Services and the Department of Health of another state.\n\n"
      "The last paragraph is as long as the others and closes the article with a few words of thanks to all.\n";
  const doc::Document d = read_book(text);
  CHECK(headings(d).empty());
  bool joined = false;
  for (const auto& b : d.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&b.node))
      joined = joined || (doc::plain_text(p->content).find("partners like the") != std::string::npos &&
                          doc::plain_text(p->content).find("California Department") != std::string::npos);
  CHECK(joined);
}

TEST_CASE("articles: numbered sections nest by their numbers") {
  std::string text = "Municipal Data\n\n";
  const char* heads[] = {"1. Background", "1.1 Methods", "1.2 Sources", "2. Results", "2.1 Use",
                         "2.1.1 Daily use", "3.5 Million Reasons"};
  for (const char* h : heads)
    text += std::string(h) + "\n\nA paragraph that is long enough to be a paragraph and not a heading, with a few "
            "clauses, some figures and a closing remark about the work.\n\n";
  const Headings got = headings(read_book(text));
  const Headings want{{2, "1. Background"}, {3, "1.1 Methods"}, {3, "1.2 Sources"}, {2, "2. Results"},
                      {3, "2.1 Use"},       {4, "2.1.1 Daily use"}, {2, "3.5 Million Reasons"}};
  CHECK(got == want);
}
