// The PDF's heading structure tags are at the EPUB's levels (doc::HeadingLevels):
// a body whose shallowest heading is ## gets H1 for it, and no level is skipped.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "doc/finalize.hpp"
#include "doc/sections.hpp"
#include "layout/layout.hpp"
#include "layout/style.hpp"
#include "util/error.hpp"
#include "util/resources.hpp"

using namespace galley;

TEST_CASE("heading levels: one rule, the part's top level is 1 and none is skipped") {
  doc::HeadingLevels levels(2);
  CHECK(levels.map(2) == 1);
  CHECK(levels.map(4) == 2);  // ## then #### : h1 then h2, not h3
  CHECK(levels.map(3) == 2);
  CHECK(levels.map(2) == 1);
}

TEST_CASE("PDF heading tags use the EPUB's levels") {
  doc::Document d;
  d.body.push_back(doc::heading(2, {doc::text("Chapter one")}));
  d.body.push_back(doc::paragraph({doc::text("Words of the first chapter.")}));
  d.body.push_back(doc::heading(4, {doc::text("A detail")}));
  d.body.push_back(doc::paragraph({doc::text("More words.")}));
  d.body.push_back(doc::heading(2, {doc::text("Chapter two")}));
  d.body.push_back(doc::paragraph({doc::text("Words of the second chapter.")}));
  doc::Metadata m;
  m.title = "Levels";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "levels"});
  layout::LayoutInput in;
  in.style = layout::load_style("default", styles_dir());
  in.fonts_dir = fonts_dir();
  Diagnostics diag;
  const layout::PagedDocument p = layout::lay_out(d, in, diag);
  std::vector<std::string> tags;
  std::set<int> seen;
  for (const auto& page : p.pages)
    for (const auto& e : page.elements)
      for (const auto& t : e.path)
        if (t.name.size() == 2 && t.name[0] == 'H' && seen.insert(t.id).second) tags.push_back(t.name);
  // The title page's and contents' own headings come first; the body's three follow.
  REQUIRE(tags.size() >= 3);
  const std::vector<std::string> body(tags.end() - 3, tags.end());
  CHECK(body == std::vector<std::string>{"H1", "H2", "H1"});
}
