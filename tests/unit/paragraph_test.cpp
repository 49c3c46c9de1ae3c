// The paragraph engine without fonts: UAX #14 break opportunities (breaks.hpp),
// items and line breaks over a fixed-metric fake measurer (paragraph.hpp),
// bidi levels (itemize.hpp) and visual order (reorder.hpp).
#include <doctest/doctest.h>

#include <deque>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include <glib.h>

#include "layout/breaks.hpp"
#include "layout/hyphenate.hpp"
#include "layout/itemize.hpp"
#include "layout/linebreak.hpp"
#include "layout/paragraph.hpp"
#include "layout/reorder.hpp"

using namespace galley::layout;

namespace {

// One glyph per code point: wide characters 10 pt, others 5 pt; space 2.5 pt.
class FakeMeasurer : public Measurer {
 public:
  const Shaped& shape(int, std::string_view text) override {
    auto s = std::make_unique<Shaped>();
    s->text.assign(text);
    for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p)) {
      Glyph g;
      g.cluster = static_cast<std::uint32_t>(p - text.data());
      g.advance = is_wide(g_utf8_get_char(p)) ? 10.0f : 5.0f;
      s->width += g.advance;
      s->glyphs.push_back(g);
    }
    s->segments.push_back(Shaped::Segment{0, 0, static_cast<std::uint32_t>(s->glyphs.size()), 0,
                                          static_cast<std::uint32_t>(text.size()), false});
    shaped_.push_back(std::move(s));
    return *shaped_.back();
  }
  FontMetrics metrics(int) override { return FontMetrics{8, 2, 2.5}; }

 private:
  std::deque<std::unique_ptr<Shaped>> shaped_;
};

struct Line {
  std::string text;  // the line's characters, in logical order
  double width = 0;  // natural width (boxes, glue and a hyphen)
  bool hyphen = false;  // broken with a hyphen added
};

// Breaks one span of text at `measure` and returns its lines.
std::vector<Line> set(const std::string& text, double measure, const std::string& lang = "en") {
  FakeMeasurer m;
  static const Hyphenator none("none");
  ParaSettings s;
  s.measure = measure;
  s.language = lang;
  s.hanging = false;
  const std::vector<ParaSpan> spans{ParaSpan{text, 0, 10, false, false, false}};
  const ParaItems pi = build_items(spans, {}, m, none, s);
  const LineBreaks lb = break_lines(pi.items, {measure}, default_break_params());
  std::vector<Line> lines;
  std::size_t start = 0;
  for (std::size_t brk : lb.breaks) {
    Line l;
    std::uint32_t last_to = 0;
    for (std::size_t k = start; k < brk; ++k) {
      const Item& it = pi.items[k];
      const ParaRef& r = pi.refs[k];
      if (it.type == ItemType::Box) {
        if (!l.text.empty() && r.from != last_to) l.text += ' ';
        l.text += text.substr(r.from, r.to - r.from);
        last_to = r.to;
      }
      if (it.type != ItemType::Penalty && (it.type == ItemType::Box || k > start)) l.width += it.width;
    }
    if (pi.items[brk].type == ItemType::Penalty) l.width += pi.items[brk].width;
    l.hyphen = pi.items[brk].type == ItemType::Penalty && pi.items[brk].width > 0;
    lines.push_back(l);
    start = brk + 1;
    while (start < pi.items.size() && pi.items[start].type != ItemType::Box) ++start;
  }
  return lines;
}

std::string first_char(const std::string& s) { return s.substr(0, static_cast<std::size_t>(g_utf8_next_char(s.data()) - s.data())); }
std::string last_char(const std::string& s) {
  const char* p = g_utf8_prev_char(s.data() + s.size());
  return std::string(p, static_cast<std::size_t>(s.data() + s.size() - p));
}

}  // namespace

TEST_CASE("break opportunities of a Chinese string: between ideographs, never before closing punctuation") {
  const std::string zh = "中文，测试。（括号）";
  const TextBreaks tb = find_breaks(zh, "zh");
  std::vector<std::string> before;
  for (auto at : tb.line) before.push_back(zh.substr(0, at));
  // 中|文，|测|试。|（括|号）: not before ， 。 ） nor after （
  CHECK(before == std::vector<std::string>{"中", "中文，", "中文，测", "中文，测试。", "中文，测试。（括"});
  CHECK(tb.cluster.size() == 9);  // every character is a cluster
}

TEST_CASE("Japanese kinsoku: no line starts with closing punctuation or small kana, none ends with an opening bracket") {
  std::string ja;
  for (int i = 0; i < 12; ++i) ja += "「テスト」は、ちょっとした文章です。";
  const std::set<std::string> no_start{"、", "。", "」", "ッ", "ょ", "っ"};
  for (double measure : {95.0, 105.0, 115.0, 125.0}) {
    const auto lines = set(ja, measure, "ja");
    REQUIRE(lines.size() > 3);
    std::string all;
    for (const Line& l : lines) {
      CHECK(no_start.count(first_char(l.text)) == 0);
      CHECK(last_char(l.text) != "「");
      CHECK(l.width <= measure + 0.01);
      all += l.text;
    }
    CHECK(all == ja);  // no character lost, none added (no hyphen inside Japanese)
  }
}

TEST_CASE("a 200,000-character URL breaks within the margin, first after / . ? = &, and loses nothing") {
  std::string url = "https://example.com/";
  for (int i = 0; url.size() < 200000; ++i) url += "segment" + std::to_string(i) + "/file.html?a=b&c=d_e/";
  const auto lines = set(url, 200);
  std::string all;
  int url_ends = 0;
  for (const Line& l : lines) {
    CHECK(l.width <= 200.01);
    CHECK_FALSE(l.hyphen);  // a URL gets no hyphen
    all += l.text;
    if (url_break_after(l.text.back())) ++url_ends;
  }
  CHECK(all == url);
  CHECK(url_ends >= static_cast<int>(lines.size()) - 1);
}

TEST_CASE("a word longer than the line breaks at grapheme clusters with a hyphen, never past the margin") {
  const std::string word(20000, 'x');
  const auto lines = set(word, 100);
  std::string all;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].width <= 100.01);
    CHECK(lines[i].hyphen == (i + 1 < lines.size()));
    all += lines[i].text;
  }
  CHECK(all == word);
  CHECK(lines.size() == 1053);  // 19 characters of 5 pt and a hyphen per line
}

TEST_CASE("a long run of Chinese without punctuation breaks between ideographs, with no hyphen") {
  std::string zh;
  for (int i = 0; i < 5000; ++i) zh += i % 2 ? "\u6587" : "\u4e2d";
  const auto lines = set(zh, 105, "zh");
  std::string all;
  for (const Line& l : lines) {
    CHECK(l.width <= 105.01);
    CHECK_FALSE(l.hyphen);
    all += l.text;
  }
  CHECK(all == zh);
  CHECK(lines.size() == 500);  // 10 ideographs of 10 pt per line
}

TEST_CASE("Latin words break at spaces and after word hyphens, not inside a -- dash") {
  const auto lines = set("a well-known thing--surely known to every reader of the book", 60);
  for (const Line& l : lines) {
    const std::size_t dash = l.text.find("--");
    CHECK((dash == std::string::npos || dash + 2 < l.text.size()));
    CHECK(l.text.front() != '-');
  }
}

TEST_CASE("Hebrew: a right-to-left paragraph, its full stop at the level of its words") {
  const std::string he = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd.";
  const BidiLevels b = bidi_levels({he}, "en");
  REQUIRE(b.levels.size() == 1);
  CHECK(b.rtl);
  for (std::uint8_t l : b.levels[0]) CHECK(l == 1);
  CHECK(rtl_language("he"));
  CHECK(rtl_language("ar-EG"));
  CHECK_FALSE(rtl_language("en"));
  CHECK(bidi_levels({std::string("plain text")}, "en").levels.empty());  // the fast path
}

TEST_CASE("an Arabic line with a number and a Latin name: levels and visual order") {
  // "في عام 2024 كتب Linus Torvalds" (in 2024 wrote Linus Torvalds)
  const std::vector<std::string> words{"\u0641\u064a", "\u0639\u0627\u0645", "2024", "\u0643\u062a\u0628", "Linus",
                                       "Torvalds"};
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  const BidiLevels b = bidi_levels({text}, "ar");
  REQUIRE(b.rtl);
  std::vector<std::uint8_t> lv;
  std::size_t at = 0;
  for (const auto& w : words) {
    lv.push_back(b.levels[0][at]);
    at += w.size() + 1;
  }
  CHECK(lv == std::vector<std::uint8_t>{1, 1, 2, 1, 2, 2});
  // Words of width 10 set from 0 with gaps of 2, then reordered in a line of 100.
  std::vector<double> x, w(6, 10);
  for (int i = 0; i < 6; ++i) x.push_back(i * 12.0);
  reorder_runs(x, w, lv, true, 100);
  CHECK(x[0] == doctest::Approx(90));  // the first Arabic word at the right edge
  CHECK(x[1] == doctest::Approx(78));
  CHECK(x[2] == doctest::Approx(66));  // the number, left of it
  CHECK(x[3] == doctest::Approx(54));
  CHECK(x[4] == doctest::Approx(30));  // "Linus Torvalds" stays left to right
  CHECK(x[5] == doctest::Approx(42));
}

TEST_CASE("a left-to-right line with an Arabic phrase reverses the phrase in place") {
  std::vector<double> x{0, 12, 24, 36}, w(4, 10);
  reorder_runs(x, w, {0, 1, 1, 0}, false, 100);
  CHECK(x[0] == doctest::Approx(0));
  CHECK(x[1] == doctest::Approx(24));
  CHECK(x[2] == doctest::Approx(12));
  CHECK(x[3] == doctest::Approx(36));
}

TEST_CASE("nested brackets in right-to-left text: paired, resolved right to left, mirrored") {
  // "אב (גד [הו] זח) טי"
  const std::string he = "\u05d0\u05d1 (\u05d2\u05d3 [\u05d4\u05d5] \u05d6\u05d7) \u05d8\u05d9";
  const BidiLevels b = bidi_levels({he}, "he");
  for (char c : std::string("()[]")) CHECK(b.levels[0][he.find(c)] == 1);
  CHECK(mirrored_neutrals("([") == "])");
  CHECK(mirrored_neutrals(")]") == "[(");
  CHECK(mirrored_neutrals(".") == ".");
}

TEST_CASE("fragments are cut where the bidi level changes, and carry it") {
  // "كتب Linus2024." : Arabic, then a Latin name and a number glued to it, then a full stop.
  const std::string text = "\u0643\u062a\u0628 Linus2024.";
  const BidiLevels b = bidi_levels({text}, "ar");
  FakeMeasurer m;
  static const Hyphenator none("none");
  ParaSettings s;
  const std::vector<ParaSpan> spans{ParaSpan{text, 0, 10, false, false, false}};
  const ParaItems pi = build_items(spans, b.levels, m, none, s);
  std::vector<std::string> texts;
  std::vector<int> levels;
  for (const ParaFrag& f : pi.frags) {
    texts.push_back(text.substr(f.b, f.e - f.b));
    levels.push_back(f.level);
  }
  CHECK(texts == std::vector<std::string>{"\u0643\u062a\u0628", "Linus2024", "."});
  CHECK(levels == std::vector<int>{1, 2, 1});
  CHECK(pi.frags[2].shaped->text == ".");  // a lone neutral, mirrored form of itself
}
