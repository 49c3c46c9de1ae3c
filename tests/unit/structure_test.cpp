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

using namespace galley;
using galley::read::text::MarkerKind;
using galley::read::text::parse_marker;

namespace {

// A paragraph of hard-wrapped prose, as Gutenberg texts have them.
std::string prose(int k = 0) {
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
std::string gutenberg(const std::string& body, const std::string& title_field = "Title: A Small Book\n") {
  return "The Project Gutenberg eBook of A Small Book\n\n" + title_field + "\nAuthor: A. Writer\n\nLanguage: English\n\n"
         "*** START OF THE PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n\n\n\n" +
         body + "\n\n*** END OF THE PROJECT GUTENBERG EBOOK A SMALL BOOK ***\n\nLicence.\n";
}

doc::Document read_book(const std::string& text, const std::string& title = "") {
  Diagnostics diag;
  read::ReadOptions o;
  o.title = title;
  return read::read_plain_text(text, o, diag);
}

using Headings = std::vector<std::pair<int, std::string>>;

Headings headings(const doc::Document& d) {
  Headings out;
  for (const auto& b : d.body)
    if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.emplace_back(h->level, doc::plain_text(h->content));
  return out;
}

}  // namespace

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
