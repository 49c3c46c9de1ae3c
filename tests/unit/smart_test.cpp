// Smart punctuation (doc/smart.hpp): quotes by language, apostrophes, dashes,
// ellipses, French spacing; never in code; across inline nodes. And the
// plain-text reader's Gutenberg _italics_ after quotes and brackets.
#include <doctest/doctest.h>

#include <string>

#include "doc/document.hpp"
#include "doc/finalize.hpp"
#include "doc/smart.hpp"
#include "read/reader.hpp"

using namespace galley;

namespace {

std::string smart(const std::string& s, const std::string& lang = "en") {
  return doc::smarten(s, doc::quote_marks(lang));
}

const std::string nnbsp = "\u202F";

doc::Inline em(const std::string& s) { return doc::Inline{doc::Emphasis{{doc::text(s)}}}; }

}  // namespace

TEST_CASE("smart: English double and single quotes, apostrophes") {
  CHECK(smart("He said \"restart of consultations\" today.") == "He said “restart of consultations” today.");
  CHECK(smart("\"Yes,\" she said, \"it is.\"") == "“Yes,” she said, “it is.”");
  CHECK(smart("'Hello,' she said.") == "‘Hello,’ she said.");
  CHECK(smart("\"She wrote 'never' twice.\"") == "“She wrote ‘never’ twice.”");
  CHECK(smart("(\"quoted\")") == "(“quoted”)");
  CHECK(smart("\"Wait--\" he began.") == "“Wait—” he began.");
  CHECK(smart("He turned--\"Stop!\"") == "He turned—“Stop!”");
}

TEST_CASE("smart: apostrophes in English: don't, '90s, rock 'n' roll, 'tis") {
  CHECK(smart("don't") == "don’t");
  CHECK(smart("the '90s and '95") == "the ’90s and ’95");
  CHECK(smart("rock 'n' roll") == "rock ’n’ roll");
  CHECK(smart("drag 'n drop") == "drag ’n drop");
  CHECK(smart("What 's next") == "What ’s next");
  CHECK(smart("'Tis the season") == "’Tis the season");
  CHECK(smart("tell 'em") == "tell ’em");
  CHECK(smart("the dogs' bones") == "the dogs’ bones");
  CHECK(smart("the (USA)'s plan") == "the (USA)’s plan");
  CHECK(smart("Peters' Haus, 'Ja.'", "de") == "Peters’ Haus, ‚Ja.‘");
  CHECK(smart("'em' is a word") == "‘em’ is a word");  // a quoted word, not an elision
}

TEST_CASE("smart: German quotes „…“ ‚…‘ and the apostrophe") {
  CHECK(smart("Er sagte \"Ja!\" und ging.", "de") == "Er sagte „Ja!“ und ging.");
  CHECK(smart("Sie las 'Faust' gern.", "de") == "Sie las ‚Faust‘ gern.");
  CHECK(smart("Wie geht's?", "de") == "Wie geht’s?");
  CHECK(smart("@dguo's \"Make a README\"-Anleitung", "de-DE") == "@dguo’s „Make a README“-Anleitung");
  CHECK(smart("\"Gruezi\"", "de-CH") == "«Gruezi»");
}

TEST_CASE("smart: French guillemets and narrow no-break spaces") {
  CHECK(smart("Il dit \"bonjour\" ici.", "fr") == "Il dit «" + nnbsp + "bonjour" + nnbsp + "» ici.");
  CHECK(smart("l'homme", "fr") == "l’homme");
  CHECK(smart("Vraiment?", "fr") == "Vraiment" + nnbsp + "?");
  CHECK(smart("Vraiment ?", "fr") == "Vraiment" + nnbsp + "?");  // a typed space becomes narrow
  CHECK(smart("Attention: oui; non!", "fr-FR") ==
        "Attention" + nnbsp + ": oui" + nnbsp + "; non" + nnbsp + "!");
  CHECK(smart("\"gratuit\" ?", "fr") == "«" + nnbsp + "gratuit" + nnbsp + "»" + nnbsp + "?");
  CHECK(smart("Quoi?!", "fr") == "Quoi" + nnbsp + "?!");
  CHECK(smart("à 10:30", "fr") == "à 10:30");  // not before a digit
  CHECK(smart("« déjà »", "fr") == "«" + nnbsp + "déjà" + nnbsp + "»");  // typed guillemets
  CHECK(smart("Really?", "en") == "Really?");
}

TEST_CASE("smart: between letters (scripts written without spaces) double quotes pair up") {
  CHECK(smart("开源是指\"免费\"吗？", "zh-Hans") == "开源是指“免费”吗？");
  CHECK(smart("“开源\"是什么意思？", "zh") == "“开源”是什么意思？");  // a typed “ opened it
  CHECK(smart("الـ\"ماذا\" و", "ar") == "الـ“ماذا” و");
}

TEST_CASE("smart: other languages and unknown ones") {
  CHECK(smart("\"hola\"", "es") == "«hola»");
  CHECK(smart("\"ciao\"", "it") == "«ciao»");
  CHECK(smart("\"privet\"", "ru") == "«privet»");
  CHECK(smart("\"hej\"", "sv") == "”hej”");
  CHECK(smart("\"oi\"", "pt-BR") == "“oi”");
  CHECK(smart("\"x\"", "zz") == "“x”");
  CHECK(smart("\"x\"", "") == "“x”");
  CHECK(&doc::quote_marks("DE_at") == &doc::quote_marks("de"));
  CHECK(&doc::quote_marks("de-Latn-CH") == &doc::quote_marks("de-CH"));
}

TEST_CASE("smart: dashes and ellipses") {
  CHECK(smart("1990--1995") == "1990–1995");
  CHECK(smart("pages 10--20") == "pages 10–20");
  CHECK(smart("word--word") == "word—word");
  CHECK(smart("word---word") == "word—word");
  CHECK(smart("a -- b") == "a — b");
  CHECK(smart("wait...") == "wait…");
  CHECK(smart("Mr. D---- and a----------rule") == "Mr. D---- and a----------rule");
  CHECK(smart("it was....") == "it was….");
  CHECK(smart("Name........ 12") == "Name........ 12");
  CHECK(smart("use the --no-smart option") == "use the --no-smart option");
  // where the text writes dashes as word--word, a spaced --word is a dash too
  CHECK(doc::smarten("storm-birds --born of the wind", doc::SmartStyle(doc::quote_marks("en"), true)) ==
        "storm-birds —born of the wind");
}

TEST_CASE("smart: unresolved quotes are left as typed, never dropped") {
  CHECK(smart("a \" b") == "a \" b");
  CHECK(smart("show \"per day: \" next") == "show “per day: ” next");  // an open quote closes
  CHECK(smart("a ' b") == "a ' b");
  CHECK(smart("\"") == "\"");
  CHECK(smart("\xFF\"x\" \xE2\x80") == "\xFF“x” \xE2\x80");  // invalid UTF-8 is kept, byte for byte
  CHECK(smart("'") == "'");
}

TEST_CASE("smart: quotes straddling inline nodes; code and URLs untouched") {
  doc::Inlines p{doc::text("He said \""), em("word"), doc::text("\" and 'x'.")};
  doc::smarten(p, doc::quote_marks("en"));
  CHECK(doc::plain_text(p) == "He said “word” and ‘x’.");
  REQUIRE(p.size() == 3);
  CHECK(std::holds_alternative<doc::Emphasis>(p[1].node));

  doc::Inlines q{doc::text("Type "), doc::Inline{doc::Code{"\"a\" -- 'b' ..."}}, doc::text(" or \""),
                 doc::Inline{doc::Code{"x"}}, doc::text("\".")};
  doc::smarten(q, doc::quote_marks("en"));
  CHECK(std::get<doc::Code>(q[1].node).text == "\"a\" -- 'b' ...");
  CHECK(doc::plain_text(q) == "Type \"a\" -- 'b' ... or “x”.");

  CHECK(smart("see https://example.org/a--b...c'd and \"this\"") ==
        "see https://example.org/a--b...c'd and “this”");
  doc::Inlines link{doc::Inline{doc::Link{"https://x.org/--y", {doc::text("https://x.org/--y")}, ""}}};
  doc::smarten(link, doc::quote_marks("en"));
  CHECK(doc::plain_text(link) == "https://x.org/--y");
}

TEST_CASE("smart: finalize applies it in the document's language, code blocks keep straight quotes") {
  doc::Document d;
  d.metadata.language = "de";
  d.metadata.title = "Das \"Buch\"";
  d.body.push_back(doc::paragraph({doc::text("Er sagte \"Ja\".")}));
  d.body.push_back(doc::Block{doc::CodeBlock{"x = \"y\" -- 'z'", ""}});
  d.footnotes.push_back(doc::Footnote{"n", 0, {doc::paragraph({doc::text("Siehe \"dort\"...")})}});
  doc::Document off = d;
  doc::finalize(d, doc::FinalizeInput{{}, "stem"});
  CHECK(d.metadata.title == "Das „Buch“");
  CHECK(doc::plain_text(d.body) == "Er sagte „Ja“.\nx = \"y\" -- 'z'\n");
  CHECK(doc::plain_text(d.footnotes[0].content) == "Siehe „dort“…\n");

  doc::finalize(off, doc::FinalizeInput{{}, "stem", nullptr, false});
  CHECK(doc::plain_text(off.body) == "Er sagte \"Ja\".\nx = \"y\" -- 'z'\n");
}

TEST_CASE("smart: a document that writes word--word takes a spaced --word for a dash, others for an option") {
  doc::Document book;
  book.body.push_back(doc::paragraph({doc::text("He paused--then went on --slowly.")}));
  doc::smarten(book);
  CHECK(doc::plain_text(book.body) == "He paused—then went on —slowly.\n");
  doc::Document article;
  article.body.push_back(doc::paragraph({doc::text("Run it with --verbose -- or not.")}));
  article.body.push_back(doc::Block{doc::CodeBlock{"<p class=\"btn--primary\">", ""}});  // code does not count
  doc::smarten(article);
  CHECK(doc::plain_text(article.body) == "Run it with --verbose — or not.\n<p class=\"btn--primary\">\n");
}

TEST_CASE("smart: linear on a long paragraph of quotes and dashes") {
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "\"a\" b--c 'd' ... ";
  const std::string out = smart(s);
  CHECK(out.find('"') == std::string::npos);
  CHECK(out.find("--") == std::string::npos);
}

TEST_CASE("text reader: Gutenberg _italics_ after opening quotes and brackets") {
  std::string text = "*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\n";
  text += "“_You_ want to tell me,” (_he_ said) ‘_That_ is all’ and «_mais_» non_sense.\n\n";
  text += "[Lane goes out_._] On the 1_st_ and 3_d_ of May, x_1_y and snake_case_name stay.\n\n";
  text += "*** END OF THE PROJECT GUTENBERG EBOOK X ***\n";
  Diagnostics diag;
  const doc::Document d = read::read_plain_text(text, {}, diag);
  REQUIRE(d.body.size() == 2);
  int emphasis[2] = {0, 0};
  for (int k = 0; k < 2; ++k)
    for (const auto& in : std::get<doc::Paragraph>(d.body[k].node).content)
      emphasis[k] += std::holds_alternative<doc::Emphasis>(in.node) ? 1 : 0;
  CHECK(emphasis[0] == 4);
  CHECK(emphasis[1] == 3);  // the full stop, st, d
  CHECK(doc::plain_text(d.body) ==
        "“You want to tell me,” (he said) ‘That is all’ and «mais» non_sense.\n"
        "[Lane goes out.] On the 1st and 3d of May, x_1_y and snake_case_name stay.\n");
}
