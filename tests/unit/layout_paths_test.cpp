// A book laid out while it is painted (group by group, streamed) and the
// same book laid out in reading order go through one pagination path: the
// same pages, numbers, running heads, notes, contents and page starts.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "doc/finalize.hpp"
#include "layout/layout.hpp"
#include "layout/page_stream.hpp"
#include "layout/style.hpp"
#include "util/error.hpp"
#include "util/resources.hpp"

using namespace galley;
using namespace galley::layout;

namespace {

// Chapters long enough to open pages (so a stream lays them out in groups),
// a footnote, front and back matter.
doc::Document book() {
  doc::Document d;
  for (int c = 1; c <= 6; ++c) {
    d.body.push_back(doc::heading(1, {doc::text("Chapter " + std::to_string(c))}));
    for (int p = 0; p < 12; ++p) {
      std::string words;
      for (int w = 0; w < 110; ++w) words += "word" + std::to_string((c * 31 + p * 7 + w) % 97) + " ";
      doc::Inlines in{doc::text(words)};
      if (c == 2 && p == 3) in.push_back(doc::Inline{doc::NoteRef{"n1", 1}});
      d.body.push_back(doc::paragraph(std::move(in)));
    }
  }
  d.footnotes.push_back(doc::Footnote{"n1", 1, {doc::paragraph({doc::text("The note.")})}});
  d.front_matter.push_back(doc::paragraph({doc::text("A header before the book.")}));
  d.back_matter.push_back(doc::paragraph({doc::text("A footer after the book.")}));
  doc::Metadata m;
  m.title = "Paths";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "test"});
  return d;
}

// A page as text: its runs (with their links' targets) and destinations.
std::string page_text(const PagedDocument& p, const Page& page) {
  std::string s = page.label + "|";
  for (const auto& e : page.elements)
    for (const auto& r : e.runs) {
      s += r.shaped->text;
      if (r.link >= 0) s += "->" + p.links[static_cast<std::size_t>(r.link)].dest;
      s += " ";
    }
  for (const auto& dst : page.destinations) s += "#" + dst.name;
  return s;
}

}  // namespace

TEST_CASE("a book paginates the same streamed and in reading order") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  const doc::Document d = book();
  REQUIRE(d.sections.size() == 6);

  Diagnostics d1;
  const PagedDocument ordered = lay_out(d, in, d1);

  PageStream stream;
  in.stream = &stream;
  Diagnostics d2;
  const PagedDocument streamed = lay_out(d, in, d2);
  stream.finish();
  // The streamed path handed the front pages over last, marked as front.
  std::size_t front = 0, handed = 0;
  const Page* page = nullptr;
  bool is_front = false;
  std::vector<LinkTarget> links;
  while (stream.next(page, is_front, links)) {
    ++handed;
    if (is_front) ++front;
  }
  CHECK(handed == streamed.pages.size());
  CHECK(front == streamed.body_first_page);

  REQUIRE(ordered.pages.size() == streamed.pages.size());
  CHECK(ordered.body_first_page == streamed.body_first_page);
  CHECK(ordered.body_first_page >= 4);  // title page and its verso, front matter, contents
  for (std::size_t i = 0; i < ordered.pages.size(); ++i)
    CHECK(page_text(ordered, ordered.pages[i]) == page_text(streamed, streamed.pages[i]));
  REQUIRE(ordered.page_starts.size() == streamed.page_starts.size());
  for (std::size_t i = 0; i < ordered.page_starts.size(); ++i) {
    CHECK(ordered.page_starts[i].label == streamed.page_starts[i].label);
    CHECK(ordered.page_starts[i].page_index == streamed.page_starts[i].page_index);
    CHECK(ordered.page_starts[i].block == streamed.page_starts[i].block);
    CHECK(ordered.page_starts[i].offset == streamed.page_starts[i].offset);
  }
  // Body pages are numbered from 1, the back matter on from them.
  CHECK(ordered.pages[ordered.body_first_page].label == "1");
  REQUIRE(!ordered.page_starts.empty());
  CHECK(ordered.page_starts.front().page_index == ordered.body_first_page);
  CHECK(ordered.page_starts.front().label == "1");
  CHECK(ordered.pages.back().label == std::to_string(ordered.pages.size() - ordered.body_first_page));
}

TEST_CASE("a painted page gives its content back and keeps its label") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  PageStream stream;
  in.stream = &stream;
  Diagnostics diag;
  const PagedDocument paged = lay_out(book(), in, diag);
  stream.finish();
  const Page* page = nullptr;
  bool front = false;
  std::vector<LinkTarget> links;
  std::size_t painted = 0;
  while (stream.next(page, front, links)) {
    const std::string label = page->label;
    PageStream::painted(page);
    CHECK(page->elements.empty());
    CHECK(page->elements.capacity() == 0);
    CHECK(page->destinations.empty());
    CHECK(page->label == label);
    ++painted;
  }
  CHECK(painted == paged.pages.size());
  // The pages stay where they were: the labels (the EPUB's page-list) are kept.
  CHECK(paged.pages[paged.body_first_page].label == "1");
}

TEST_CASE("a right-to-left book is bound on the right: recto and verso margins swap") {
  LayoutInput in;
  in.style = load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  REQUIRE(in.style.margins.inner != in.style.margins.outer);
  const double text_w = in.style.page_width - in.style.margins.inner - in.style.margins.outer;
  // The centre of the folio of body page `index` + 1: the centre of its text block.
  auto folio_centre = [&](const std::string& language, std::size_t index) {
    doc::Document d;
    for (int p = 0; p < 60; ++p)
      d.body.push_back(doc::paragraph({doc::text("\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645 \u0641\u064a "
                                                 "\u0627\u0644\u0645\u0634\u0631\u0648\u0639 " + std::to_string(p))}));
    doc::Metadata m;
    m.title = "T";
    m.language = language;
    doc::finalize(d, doc::FinalizeInput{m, "test"});
    Diagnostics diag;
    const PagedDocument paged = lay_out(d, in, diag);
    REQUIRE(paged.body_first_page % 2 == 0);  // body page 1 is a recto
    REQUIRE(paged.pages.size() > paged.body_first_page + index);
    for (const auto& e : paged.pages[paged.body_first_page + index].elements)
      if (e.path.empty() && !e.runs.empty()) return e.runs[0].x + e.runs[0].shaped->width / 2;
    FAIL("no folio");
    return 0.0f;
  };
  for (std::size_t index : {std::size_t{0}, std::size_t{1}}) {
    const bool recto = index % 2 == 0;
    const double ltr_left = recto ? in.style.margins.inner : in.style.margins.outer;
    const double rtl_left = recto ? in.style.margins.outer : in.style.margins.inner;
    CHECK(folio_centre("en", index) == doctest::Approx(ltr_left + text_w / 2).epsilon(0.001));
    CHECK(folio_centre("ar", index) == doctest::Approx(rtl_left + text_w / 2).epsilon(0.001));
  }
}
