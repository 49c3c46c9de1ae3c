#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "doc/finalize.hpp"
#include "doc/json.hpp"
#include "doc/metadata_file.hpp"
#include "doc/title.hpp"
#include "util/error.hpp"

using namespace galley;
using namespace galley::doc;

TEST_CASE("make_id gives unique URL-safe ids") {
  std::unordered_set<std::string> taken;
  CHECK(make_id("Trump wants chips, and China gives him a way", taken) == "trump-wants-chips-and-china-gives-him-a-way");
  CHECK(make_id("Trump wants chips, and China gives him a way", taken) == "trump-wants-chips-and-china-gives-him-a-way-2");
  CHECK(make_id("1. Introduction", taken) == "s-1-introduction");
  CHECK(make_id("合作是态度", taken) == "section");
  CHECK(make_id("合作是态度", taken) == "section-2");
  CHECK(make_id("Über „Straße“", taken) == "ber-stra-e");
}

TEST_CASE("language tags") {
  CHECK(is_valid_language_tag("en"));
  CHECK(is_valid_language_tag("pt-BR"));
  CHECK(is_valid_language_tag("zh-Hans-CN"));
  CHECK_FALSE(is_valid_language_tag(""));
  CHECK_FALSE(is_valid_language_tag("english language"));
  CHECK_FALSE(is_valid_language_tag("e"));
  CHECK_FALSE(is_valid_language_tag("en-"));
  CHECK_FALSE(is_valid_language_tag("1en"));
}

TEST_CASE("language guessed from script") {
  CHECK(guess_language("The quick brown fox jumps over the lazy dog.") == "en");
  CHECK(guess_language("开源项目的贡献者指南，包括 GitHub 的使用") == "zh");
  CHECK(guess_language("オープンソースへの貢献の仕方。GitHubで始めましょう") == "ja");
  CHECK(guess_language("오픈 소스에 기여하는 방법") == "ko");
  CHECK(guess_language("كيفية المساهمة في المصادر المفتوحة") == "ar");
  CHECK(guess_language("Как внести вклад в открытый проект") == "ru");
}

TEST_CASE("finalize nests the TOC, splits sections and completes metadata") {
  Document d;
  d.body.push_back(paragraph({text("Opening words.")}));
  d.body.push_back(heading(1, {text("Part One")}));
  d.body.push_back(heading(2, {text("A detail")}));
  d.body.push_back(paragraph({text("Body.")}));
  d.body.push_back(heading(1, {text("Part Two")}));
  d.body.push_back(heading(1, {text("Part Two")}));
  finalize(d, FinalizeInput{{}, "fallback-name"});
  CHECK(d.metadata.title == "Fallback Name");  // the file name, read as words
  CHECK(d.metadata.language == "en");
  CHECK(d.metadata.identifier.rfind("urn:uuid:", 0) == 0);
  REQUIRE(d.toc.entries.size() == 3);
  CHECK(d.toc.entries[0].id == "part-one");
  REQUIRE(d.toc.entries[0].children.size() == 1);
  CHECK(d.toc.entries[0].children[0].text == "A detail");
  CHECK(d.toc.entries[2].id == "part-two-2");
  REQUIRE(d.sections.size() == 4);
  CHECK_FALSE(d.sections[0].has_heading);
  CHECK(d.sections[1].begin == 1);
  CHECK(d.sections[1].end == 4);
  CHECK(d.toc.entries[0].children[0].section == 1);

  Document same = d;
  same.metadata.identifier.clear();
  CHECK(content_uuid(same) == d.metadata.identifier);
}

TEST_CASE("overrides win and an invalid language is refused") {
  Document d;
  d.metadata.title = "From text";
  d.body.push_back(paragraph({text("x")}));
  Metadata over;
  over.title = "Given";
  over.language = "fr";
  finalize(d, FinalizeInput{over, "f"});
  CHECK(d.metadata.title == "Given");
  CHECK(d.metadata.language == "fr");
  Document e;
  e.body.push_back(paragraph({text("x")}));
  Metadata bad;
  bad.language = "not a tag";
  CHECK_THROWS_AS(finalize(e, FinalizeInput{bad, "f"}), Error);
}

TEST_CASE("metadata YAML") {
  auto m = parse_metadata_yaml("title: A Book\nauthors: [Ann, Bob]\nlang: de\nkeywords: [x, y]\n", "m.yaml");
  CHECK(m.title == "A Book");
  CHECK(m.authors == std::vector<std::string>{"Ann", "Bob"});
  CHECK(m.language == "de");
  CHECK(m.subjects.size() == 2);
  try {
    parse_metadata_yaml("title: [unclosed\n", "m.yaml", 2);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).rfind("m.yaml:", 0) == 0);
  }
}

TEST_CASE("footnotes numbered by first reference") {
  Document d;
  d.body.push_back(paragraph({text("a"), Inline{NoteRef{"second", 0}}, Inline{NoteRef{"first", 0}}}));
  d.footnotes.push_back(Footnote{"first", 0, {paragraph({text("1")})}});
  d.footnotes.push_back(Footnote{"second", 0, {paragraph({text("2")})}});
  d.footnotes.push_back(Footnote{"orphan", 0, {paragraph({text("3")})}});
  finalize(d, {});
  CHECK(d.footnotes[0].id == "second");
  CHECK(d.footnotes[0].number == 1);
  CHECK(d.footnotes[2].id == "orphan");
  CHECK(std::get<NoteRef>(std::get<Paragraph>(d.body[0].node).content[2].node).number == 2);
  auto j = to_json(d);
  CHECK(j["blocks"][0]["type"] == "paragraph");
}

TEST_CASE("Latin-script languages told apart by function words") {
  CHECK(guess_language("Ein Verhaltenskodex ist ein Dokument, das die Erwartungen an das Verhalten der "
                       "Projektteilnehmer festlegt. Einen Verhaltenskodex festzulegen und durchzusetzen, kann "
                       "dazu beitragen, eine positive Atmosphäre zu schaffen, die nicht nur Sie schützt.") == "de");
  CHECK(guess_language("Un code de conduite est un document qui établit les attentes pour le comportement des "
                       "participants à votre projet. Adopter et appliquer un code de conduite peut aider à créer "
                       "une atmosphère sociale positive pour les membres de la communauté.") == "fr");
  CHECK(guess_language("It is a truth universally acknowledged, that a single man in possession of a good fortune, "
                       "must be in want of a wife. However little known the feelings or views of such a man may be "
                       "on his first entering a neighbourhood, this truth is so well fixed in the minds of the "
                       "surrounding families.") == "en");
  CHECK(normalize_language_tag("en_US") == "en-US");
}

TEST_CASE("a title from a file name that reads as words, else the first heading, with a warning") {
  CHECK(title_from_file_stem("rare-earth-talks") == "Rare Earth Talks");
  CHECK(title_from_file_stem("18f-2014-05-29-announcing-the-developer-program-a-new-hub-for") ==
        "18f Announcing the Developer Program a New Hub For");
  CHECK(title_from_file_stem("2019-03-26-when-to-use-COTS") == "When to Use COTS");
  CHECK(title_from_file_stem("000_5606bfb668b87f54").empty());  // a serial and a hash
  CHECK(title_from_file_stem("x").empty());
  CHECK(title_from_file_stem("20240501").empty());
  CHECK(title_from_file_stem("chapter_1") == "Chapter 1");

  Document d;
  d.body.push_back(paragraph({text("Opening words.")}));
  d.body.push_back(heading(2, {text("What the talks were about")}));
  Diagnostics diag;
  finalize(d, FinalizeInput{{}, "000_5606bfb668b87f54", &diag});
  CHECK(d.metadata.title == "What the talks were about");
  REQUIRE(diag.warnings.size() == 1);
  CHECK(diag.warnings[0].find("first heading") != std::string::npos);
  CHECK(diag.warnings[0].find("--title") != std::string::npos);

  Document e;
  e.body.push_back(paragraph({text("Only words.")}));
  Diagnostics none;
  finalize(e, FinalizeInput{{}, "5606bfb668b87f54", &none});
  CHECK(e.metadata.title == "Untitled");
  CHECK(none.warnings.size() == 1);
}
