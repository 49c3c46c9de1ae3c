// Layout core: Knuth–Plass line breaking and pagination with fixed metrics,
// style parsing, hyphenation, and whole documents laid out with the real fonts.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "doc/finalize.hpp"
#include "layout/hyphenate.hpp"
#include "layout/layout.hpp"
#include "layout/linebreak.hpp"
#include "layout/paginate.hpp"
#include "layout/style.hpp"
#include "util/error.hpp"
#include "util/resources.hpp"

using namespace galley;
using namespace galley::layout;

namespace {

// A fixed-metric fake: every character 1 unit wide, spaces 1 unit (stretch
// 0.5, shrink 0.3). Words are given as syllables joined by '-', each a
// possible hyphen break of penalty `hp` (the hyphen itself 1 unit).
std::vector<Item> words(const std::vector<std::string>& ws, double hp = 50) {
  std::vector<Item> items;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (i) items.push_back(Item::glue(1, 0.5, 0.3));
    std::size_t start = 0;
    const std::string& w = ws[i];
    while (true) {
      const auto dash = w.find('-', start);
      const std::string syl = w.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
      items.push_back(Item::box(static_cast<double>(syl.size())));
      if (dash == std::string::npos) break;
      items.push_back(Item::pen(1, hp, true));
      start = dash + 1;
    }
  }
  items.push_back(Item::pen(0, kInfinitePenalty, false));
  items.push_back(Item::glue(0, 1e5, 0));
  items.push_back(Item::pen(0, -kInfinitePenalty, false));
  return items;
}

// Natural width of each line from the breaks (boxes, inner glue, hyphen).
std::vector<double> line_widths(const std::vector<Item>& items, const LineBreaks& lb) {
  std::vector<double> out;
  std::size_t start = 0;
  for (std::size_t b : lb.breaks) {
    while (start < b && items[start].type != ItemType::Box) ++start;
    double w = 0;
    for (std::size_t k = start; k < b; ++k)
      if (items[k].type != ItemType::Penalty && items[k].stretch < 1e4) w += items[k].width;
    if (items[b].type == ItemType::Penalty) w += items[b].width;
    out.push_back(w);
    start = b + 1;
  }
  return out;
}

int hyphenated_lines(const std::vector<Item>& items, const LineBreaks& lb) {
  int n = 0;
  for (std::size_t b : lb.breaks) n += items[b].type == ItemType::Penalty && items[b].flagged ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("Knuth-Plass: every line fits and the optimum beats first fit") {
  // First fit would put "aaa bbb" (7) on line 1 and leave "cccccc dd" (9)
  // overfull at measure 8; total fit balances the lines.
  const auto items = words({"aaa", "bbb", "cccc", "dd", "eeeee", "f"});
  const auto lb = break_lines(items, {8});
  REQUIRE(!lb.breaks.empty());
  CHECK(lb.breaks.back() == items.size() - 1);
  for (double w : line_widths(items, lb)) CHECK(w <= 8 + 3 * 0.3 + 1e-9);  // never beyond shrink
  for (std::size_t l = 0; l + 1 < lb.ratios.size(); ++l) CHECK(lb.ratios[l] >= -1.0);
}

TEST_CASE("Knuth-Plass: optimal breaks for a known paragraph") {
  // Measure 11: "aaaa bbbb" (9) / "cc dddd e" (9)... the optimum avoids a
  // very loose first line followed by a tight one.
  const auto items = words({"aaaaa", "bbbbb", "c", "ddddd", "eeeee"});
  const auto lb = break_lines(items, {11});
  REQUIRE(lb.breaks.size() == 3);
  // Lines: "aaaaa bbbbb" (11, r=0) / "c ddddd" / "eeeee" (last)
  CHECK(line_widths(items, lb)[0] == doctest::Approx(11));
  CHECK(std::fabs(lb.ratios[0]) < 1e-9);
}

TEST_CASE("Knuth-Plass: hyphen penalties and the ladder limit") {
  // Many long hyphenatable words on a narrow measure: breaks fall inside
  // words, never more than two hyphenated lines in a row.
  std::vector<std::string> ws;
  for (int i = 0; i < 60; ++i) ws.push_back("hy-phen-ation");
  const auto items = words(ws, 10);
  BreakParams p;
  p.max_hyphen_run = 2;
  const auto lb = break_lines(items, {17}, p);
  REQUIRE(lb.breaks.size() > 5);
  int run = 0, max_run = 0;
  for (std::size_t b : lb.breaks) {
    run = items[b].type == ItemType::Penalty && items[b].flagged ? run + 1 : 0;
    max_run = std::max(max_run, run);
  }
  CHECK(max_run <= 2);
  CHECK(hyphenated_lines(items, lb) > 0);

  // A huge hyphen penalty keeps words whole when spacing allows.
  const auto whole = words({"aaa", "bb-bb", "cc", "dddd", "ee", "ff-ff"}, 5000);
  const auto lb2 = break_lines(whole, {10});
  CHECK(hyphenated_lines(whole, lb2) == 0);
}

TEST_CASE("Knuth-Plass: no overfull line, even with a word wider than the measure") {
  // A 30-unit word on a 10-unit measure has per-character break points (as
  // the layout adds them): every line fits.
  std::vector<Item> items;
  items.push_back(Item::box(3));
  items.push_back(Item::glue(1, 0.5, 0.3));
  for (int i = 0; i < 30; ++i) {
    items.push_back(Item::box(1));
    if (i < 29) items.push_back(Item::pen(0, 3000, false));
  }
  items.push_back(Item::pen(0, kInfinitePenalty, false));
  items.push_back(Item::glue(0, 1e5, 0));
  items.push_back(Item::pen(0, -kInfinitePenalty, false));
  const auto lb = break_lines(items, {10});
  for (double w : line_widths(items, lb)) CHECK(w <= 10.0 + 1e-9);
  CHECK(lb.breaks.size() >= 4);
}

TEST_CASE("Knuth-Plass: a 100,000-word paragraph") {
  std::vector<std::string> ws;
  for (int i = 0; i < 100000; ++i) ws.push_back(i % 7 == 0 ? "lon-ger" : i % 3 ? "word" : "a");
  const auto items = words(ws);
  const auto lb = break_lines(items, {60});
  CHECK(lb.breaks.size() > 1000);
  CHECK(lb.breaks.back() == items.size() - 1);
}

TEST_CASE("pagination: widows, orphans and headings kept with what follows") {
  // 10-line page. A heading (1 line, keep) then a 12-line paragraph whose
  // lines 1 and 11 are kept with the next (orphans and widows of 2).
  std::vector<VItem> items;
  VItem h;
  h.height = 1;
  h.keep_with_next = true;
  std::vector<VItem> para(12);
  for (std::size_t i = 0; i < para.size(); ++i) {
    para[i].height = 1;
    para[i].keep_with_next = i == 0 || i == 10;
  }
  // 8 filler lines, then the heading at line 9: it must not end the page.
  for (int i = 0; i < 8; ++i) items.push_back(VItem{1, 0, false, false, {}});
  items.push_back(h);
  items.insert(items.end(), para.begin(), para.end());
  PaginateParams pp;
  pp.page_height = 10;
  const auto pages = paginate(items, {}, pp);
  REQUIRE(pages.size() >= 2);
  // No page ends with the heading or with one line of the paragraph.
  for (const auto& p : pages) {
    REQUIRE(p.end > p.begin);
    CHECK(!(p.end < items.size() && items[p.end - 1].keep_with_next));
  }
  CHECK(pages[0].end == 8);  // heading moved to the next page with its text
  // The last page holds at least two lines (no widow).
  CHECK(pages.back().end - pages.back().begin >= 2);
}

TEST_CASE("pagination: forced page breaks, tall items and footnotes") {
  std::vector<VItem> items(5);
  for (auto& i : items) i.height = 3;
  items[2].page_before = true;
  items[3].height = 50;  // taller than the page: alone, nothing lost
  items[1].notes = {0};
  std::vector<VNote> notes(1);
  notes[0].lines = {1, 1};
  PaginateParams pp;
  pp.page_height = 10;
  pp.note_separator = 0.5;
  const auto pages = paginate(items, notes, pp);
  REQUIRE(pages.size() == 4);
  CHECK(pages[0].end == 2);
  REQUIRE(pages[0].notes.size() == 1);
  CHECK(pages[0].notes[0].last == 2);
  CHECK(pages[1].begin == 2);
  CHECK(pages[2].begin == 3);
  CHECK(pages[2].end == 4);
  CHECK(pages[3].end == 5);
}

TEST_CASE("page size, margin and font size parsing") {
  double w = 0, h = 0;
  parse_page_size("a5", w, h);
  CHECK(w == doctest::Approx(419.528).epsilon(0.001));
  CHECK(h == doctest::Approx(595.276).epsilon(0.001));
  parse_page_size("6x9in", w, h);
  CHECK(w == doctest::Approx(432));
  CHECK(h == doctest::Approx(648));
  parse_page_size("148mmx210mm", w, h);
  CHECK(w == doctest::Approx(419.53).epsilon(0.001));
  parse_page_size("500x700pt", w, h);
  CHECK(w == doctest::Approx(500));
  parse_page_size("Letter", w, h);
  CHECK(h == doctest::Approx(792));
  CHECK_THROWS_AS(parse_page_size("a9000", w, h), Error);
  CHECK_THROWS_AS(parse_page_size("10x", w, h), Error);
  CHECK_THROWS_AS(parse_page_size("1x1mm", w, h), Error);

  const Margins m2 = parse_margins("20mm,18mm");
  CHECK(m2.top == doctest::Approx(56.693).epsilon(0.001));
  CHECK(m2.bottom == doctest::Approx(m2.top));
  CHECK(m2.outer == doctest::Approx(51.024).epsilon(0.001));
  CHECK(m2.inner == doctest::Approx(m2.outer));
  const Margins m4 = parse_margins("1in,36pt,2cm,0.5in");
  CHECK(m4.top == doctest::Approx(72));
  CHECK(m4.outer == doctest::Approx(36));
  CHECK(m4.bottom == doctest::Approx(56.693).epsilon(0.001));
  CHECK(m4.inner == doctest::Approx(36));
  CHECK_THROWS_AS(parse_margins("1,2,3,4,5"), Error);
  CHECK_THROWS_AS(parse_margins("abc"), Error);

  CHECK(parse_font_size("10.5pt") == doctest::Approx(10.5));
  CHECK(parse_font_size("11") == doctest::Approx(11));
  CHECK_THROWS_AS(parse_font_size("0.5pt"), Error);
  CHECK_THROWS_AS(parse_font_size("big"), Error);

  Style s;
  CHECK_THROWS_AS(apply_overrides(s, "a6", "60mm", ""), Error);  // no room left for text
  apply_overrides(s, "a4", "20mm,18mm", "12pt");
  CHECK(s.page_width == doctest::Approx(595.276).epsilon(0.001));
  CHECK(s.font_size == doctest::Approx(12));
}

TEST_CASE("the default style loads and unknown styles are refused") {
  const Style s = load_style("default", styles_dir());
  CHECK(s.font_size > 6);
  CHECK(s.justify);
  CHECK_THROWS_AS(load_style("no-such-style", styles_dir()), Error);
}

TEST_CASE("hyphenation by document language") {
  const Hyphenator en("en");
  REQUIRE(en.available());
  auto pts = en.points("establishment");
  CHECK(!pts.empty());
  for (unsigned p : pts) {
    CHECK(p >= 2);
    CHECK(p <= 13 - 3);
  }
  // Punctuation around the word does not shift the points.
  auto quoted = en.points("\u201cestablishment,\u201d");
  REQUIRE(quoted.size() == pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) CHECK(quoted[i] == pts[i] + 3);
  CHECK(en.points("abc").empty());
  CHECK(en.points("x1234567").empty());
  const Hyphenator fr("fr");
  auto f = fr.points("\u00e9l\u00e9mentaire");  // é-lé-men-taire: breaks at UTF-8 character ends
  for (unsigned p : f) CHECK(((static_cast<unsigned char>(std::string("\u00e9l\u00e9mentaire")[p]) & 0xC0) != 0x80));
  const Hyphenator de("de-DE");
  CHECK(!de.points("Schifffahrtsgesellschaft").empty());
  CHECK(!de.points("\u00dcberg\u00e4nge").empty());
}

namespace {

doc::Document make_doc(doc::Blocks body) {
  doc::Document d;
  d.body = std::move(body);
  doc::Metadata m;
  m.title = "Test";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "test"});
  return d;
}

std::size_t run_count(const PagedDocument& p) {
  std::size_t n = 0;
  for (const auto& page : p.pages)
    for (const auto& e : page.elements) n += e.runs.size();
  return n;
}

}  // namespace

TEST_CASE("documents with hard shapes lay out without losing text") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;

  // A heading longer than a page, an empty section, a huge word.
  std::string long_heading;
  for (int i = 0; i < 400; ++i) long_heading += "heading ";
  doc::Blocks body;
  body.push_back(doc::heading(1, {doc::text(long_heading)}));
  body.push_back(doc::heading(1, {doc::text("Empty")}));
  body.push_back(doc::heading(1, {doc::text("Huge word")}));
  body.push_back(doc::paragraph({doc::text("x " + std::string(500, 'w') + " y")}));
  const auto d = make_doc(std::move(body));
  const PagedDocument p = lay_out(d, in, diag);
  CHECK(p.pages.size() > 3);
  // Every run stays inside the page.
  for (const auto& page : p.pages)
    for (const auto& e : page.elements)
      for (const auto& r : e.runs) {
        CHECK(r.x >= 0);
        CHECK(r.x + r.shaped->width <= p.width - in.style.margins.outer + 4);  // punctuation may hang
      }
  CHECK(run_count(p) > 400);
  CHECK(!p.page_starts.empty());
}

TEST_CASE("lists, quotes, code, tables, scene breaks and footnotes lay out") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;
  doc::Blocks body;
  body.push_back(doc::heading(1, {doc::text("Chapter")}));
  doc::Paragraph para{{doc::text("Text with a note"), doc::Inline{doc::NoteRef{"n1", 1}}, doc::text(".")}};
  body.push_back(doc::Block{para, 0});
  doc::List list;
  list.ordered = true;
  list.start = 3;
  list.items.push_back(doc::ListItem{{doc::paragraph({doc::text("three")})}, -1});
  list.items.push_back(doc::ListItem{{doc::paragraph({doc::text("four")})}, -1});
  body.push_back(doc::Block{list, 0});
  body.push_back(doc::Block{doc::BlockQuote{{doc::paragraph({doc::text("quoted")})}}, 0});
  body.push_back(doc::Block{doc::CodeBlock{"int main() { return 0; } // " + std::string(300, 'x') + "\n\tnext", "c"}, 0});
  body.push_back(doc::Block{doc::SceneBreak{}, 0});
  doc::Table t;
  t.align = {doc::Align::Left, doc::Align::Right};
  t.head.push_back(doc::TableRow{{doc::TableCell{{doc::text("Name")}}, doc::TableCell{{doc::text("Value")}}}});
  for (int i = 0; i < 80; ++i)
    t.body.push_back(doc::TableRow{{doc::TableCell{{doc::text("row " + std::to_string(i))}},
                                    doc::TableCell{{doc::text(std::to_string(i * i))}}}});
  body.push_back(doc::Block{t, 0});
  doc::Document d = make_doc(std::move(body));
  d.footnotes.push_back(doc::Footnote{"n1", 1, {doc::paragraph({doc::text("The note.")})}});
  const PagedDocument p = lay_out(d, in, diag);
  CHECK(p.pages.size() >= 4);
  bool has_note_dest = false, has_ref_dest = false;
  for (const auto& page : p.pages)
    for (const auto& dst : page.destinations) {
      has_note_dest = has_note_dest || dst.name == "fn-1";
      has_ref_dest = has_ref_dest || dst.name == "fnref-1";
    }
  CHECK(has_note_dest);
  CHECK(has_ref_dest);
}

TEST_CASE("roman numerals for front matter labels") {
  CHECK(roman(1) == "i");
  CHECK(roman(4) == "iv");
  CHECK(roman(14) == "xiv");
  CHECK(roman(1999) == "mcmxcix");
}

TEST_CASE("a pooled font system is reused and still warns about missing characters in every document") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  in.cjk_file.clear();  // no CJK fallback: U+4E00 has no font
  auto make = [] {
    doc::Blocks body;
    body.push_back(doc::paragraph({doc::text("Plain words and one \u4E00 sign.")}));
    return make_doc(std::move(body));
  };
  const FontSystem* first_system = nullptr;
  for (int round = 0; round < 2; ++round) {
    Diagnostics diag;
    const auto d = make();
    const PagedDocument p = lay_out(d, in, diag);
    if (round == 0) first_system = p.fonts.get();
    else CHECK(p.fonts.get() == first_system);  // the first document's system came back to the pool
    // What is missing, and what to install.
    REQUIRE(diag.warnings.size() == 2);
    CHECK(diag.warnings[0].find("fonts-noto-cjk") != std::string::npos);
    CHECK(diag.warnings[1].find("U+4E00") != std::string::npos);
  }
  // Two documents at once never share a system.
  Diagnostics d1, d2;
  const auto a = make(), b = make();
  const PagedDocument pa = lay_out(a, in, d1);
  const PagedDocument pb = lay_out(b, in, d2);
  CHECK(pa.fonts.get() != pb.fonts.get());
}

TEST_CASE("a heading over several lines is balanced: no last line of one word") {
  LayoutInput in;
  in.style = load_style("article", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;
  // Headings of 6 to 30 words: every one that takes 2 to 6 lines has its
  // shortest line at least 60% of its longest (ragged, unbalanced lines
  // leave a lone word behind for some lengths).
  int multi_line = 0;
  for (int n = 6; n <= 30; n += 2) {
    std::string text;
    for (int i = 0; i < n; ++i) text += i % 3 ? "earths " : "rare ";
    text += "anxious";
    doc::Blocks body;
    body.push_back(doc::heading(2, {doc::text(text)}));
    body.push_back(doc::paragraph({doc::text("Text.")}));
    const PagedDocument p = lay_out(make_doc(std::move(body)), in, diag);
    // The heading's lines (not the title's): its words, grouped by baseline.
    std::vector<std::pair<float, std::pair<float, float>>> lines;  // y -> [left, right]
    for (const auto& e : p.pages.front().elements) {
      if (e.path.empty() || e.path.back().name[0] != 'H') continue;
      for (const auto& r : e.runs) {
        if (r.shaped->text != "rare" && r.shaped->text != "earths" && r.shaped->text != "anxious") continue;
        auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == r.y; });
        if (it == lines.end()) {
          lines.push_back({r.y, {r.x, r.x + static_cast<float>(r.shaped->width)}});
        } else {
          it->second.first = std::min(it->second.first, r.x);
          it->second.second = std::max(it->second.second, r.x + static_cast<float>(r.shaped->width));
        }
      }
    }
    if (lines.size() < 2) continue;
    ++multi_line;
    float shortest = 1e9f, longest = 0;
    for (const auto& l : lines) {
      shortest = std::min(shortest, l.second.second - l.second.first);
      longest = std::max(longest, l.second.second - l.second.first);
    }
    INFO(n, " words, ", lines.size(), " lines");
    CHECK(shortest >= 0.6f * longest);
  }
  CHECK(multi_line >= 5);
}

TEST_CASE("a running head longer than the line is cut to the text width with an ellipsis") {
  LayoutInput in;
  in.style = load_style("book", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;
  // 16,000 characters: cut from one shaping, not one per character dropped.
  std::string head;
  for (int i = 0; i < 1000; ++i) head += "\u00dcber die W\u00f6rter ";
  head.pop_back();
  doc::Blocks body;
  body.push_back(doc::heading(1, {doc::text(head)}));
  for (int i = 0; i < 60; ++i)
    body.push_back(doc::paragraph({doc::text("A paragraph long enough to fill some of a page with its words, again and "
                                             "again, until the section runs over several pages of the book.")}));
  const PagedDocument p = lay_out(make_doc(std::move(body)), in, diag);
  const double text_w = p.width - in.style.margins.inner - in.style.margins.outer;
  int cut_heads = 0;
  for (const auto& page : p.pages)
    for (const auto& e : page.elements) {
      if (!e.path.empty()) continue;
      for (const auto& r : e.runs) {
        const std::string& t = r.shaped->text;
        if (!t.ends_with("\u2026") || t.size() < 10) continue;
        ++cut_heads;
        CHECK(r.shaped->width <= text_w + 0.01);
        CHECK(r.shaped->width >= text_w * 0.5);  // not cut far shorter than the line
        CHECK(head.starts_with(t.substr(0, t.size() - 3)));
      }
    }
  CHECK(cut_heads >= 2);
}

TEST_CASE("scripts beyond fonts/: their faces come from fonts/scripts/, only when the text uses them") {
  const auto none = faces_for("Plain English, \u00e9t\u00e9, \u0391\u03b8\u03ae\u03bd\u03b1, \u041c\u043e\u0441\u043a\u0432\u0430", fonts_dir(), {});
  CHECK(none.empty());
  const auto hindi = faces_for("\u092f\u0939 \u0939\u093f\u0902\u0926\u0940 \u0939\u0948", fonts_dir(), {});
  REQUIRE(hindi.size() == 2);
  CHECK(hindi[0].filename() == "NotoSerifDevanagari-Regular.ttf");
  CHECK(hindi[1].filename() == "NotoSerifDevanagari-Bold.ttf");
  CHECK(faces_for("\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22 and \u10e5\u10d0\u10e0\u10d7\u10e3\u10da\u10d8", fonts_dir(), {}).size() == 4);
  // Laid out, the Hindi and Thai words have glyphs: no warning about characters without a font.
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;
  doc::Blocks body;
  body.push_back(doc::paragraph({doc::text("\u092f\u0939 \u0939\u093f\u0902\u0926\u0940 \u092e\u0947\u0902 \u090f\u0915 "
                                           "\u0932\u0947\u0916 \u0939\u0948\u0964 \u0e19\u0e35\u0e48\u0e04\u0e37\u0e2d "
                                           "\u0e1a\u0e17\u0e04\u0e27\u0e32\u0e21")}));
  const PagedDocument p = lay_out(make_doc(std::move(body)), in, diag);
  for (const auto& w : diag.warnings) CHECK_MESSAGE(w.find("no font") == std::string::npos, w);
  CHECK(run_count(p) >= 6);
}
