// Shaping costs (issue 9): a character with a very long run of combining
// marks is shaped in stream-safe pieces, every mark kept.
#include <doctest/doctest.h>

#include <string>

#include "layout/fonts.hpp"
#include "util/resources.hpp"

using namespace galley;
using namespace galley::layout;

TEST_CASE("fonts: a run of 1,000 combining marks is shaped in pieces, every mark kept") {
  FontSystem fonts(fonts_dir(), {}, "en");
  const int style = fonts.style_id(Face::Regular, 10);
  std::string text = "a";
  for (int i = 0; i < 1000; ++i) text += "\u0301";
  const Shaped& s = fonts.shape(style, text);
  CHECK(s.text == text);
  CHECK(s.split_cluster);
  CHECK(s.segments.size() >= 1000 / 30);
  CHECK(s.glyphs.size() >= 1000);  // a glyph for every mark (the first may compose with its base: á)
  // The segments cover the text without a gap.
  std::uint32_t covered = 0;
  for (const auto& seg : s.segments) {
    CHECK(seg.text_begin == covered);
    covered = seg.text_end;
  }
  CHECK(covered == text.size());
  CHECK(fonts.take_split_clusters());
  CHECK_FALSE(fonts.take_split_clusters());
  fonts.shape(style, text);  // from the cache: reported again
  CHECK(fonts.take_split_clusters());

  std::string thirty = "e";
  for (int i = 0; i < 30; ++i) thirty += "\u0300";
  const Shaped& t = fonts.shape(style, thirty);
  CHECK_FALSE(t.split_cluster);
  CHECK(t.segments.size() == 1);
  CHECK_FALSE(fonts.take_split_clusters());
}
