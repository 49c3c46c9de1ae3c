// Word order on right-to-left and mixed lines (layout/bidi.hpp), with fixed
// widths: words of width 10 set from x = 0 with gaps of 2.
#include <doctest/doctest.h>

#include <vector>

#include "layout/bidi.hpp"

using galley::layout::Direction;
using galley::layout::reorder_line;
using galley::layout::strong_direction;

namespace {

std::vector<double> logical_x(std::size_t n) {
  std::vector<double> x;
  for (std::size_t i = 0; i < n; ++i) x.push_back(static_cast<double>(i) * 12);
  return x;
}

}  // namespace

TEST_CASE("strong direction of a word: its first letter's script") {
  CHECK(strong_direction("word") == Direction::Ltr);
  CHECK(strong_direction("\"(word") == Direction::Ltr);
  CHECK(strong_direction("\u0645\u062f\u0648\u0646\u0629") == Direction::Rtl);  // Arabic
  CHECK(strong_direction("\u05e9\u05dc\u05d5\u05dd,") == Direction::Rtl);      // Hebrew
  CHECK(strong_direction("\u4e2d\u6587") == Direction::Ltr);                    // Han
  CHECK(strong_direction("2024.") == Direction::Neutral);
  CHECK(strong_direction("\u2014") == Direction::Neutral);
  CHECK(strong_direction("") == Direction::Neutral);
}

TEST_CASE("a right-to-left line starts at the right, its words right to left") {
  const std::vector<double> w(3, 10);
  std::vector<double> x = logical_x(3);  // 0, 12, 24: the line ends at 34
  reorder_line(x, w, {Direction::Rtl, Direction::Rtl, Direction::Rtl}, true, 100);
  CHECK(x[0] == doctest::Approx(90));  // first word at the right edge
  CHECK(x[1] == doctest::Approx(78));
  CHECK(x[2] == doctest::Approx(66));  // the ragged end is at the left
}

TEST_CASE("left-to-right words inside a right-to-left line keep their own order") {
  const std::vector<double> w(4, 10);
  std::vector<double> x = logical_x(4);
  // R L L R: the two Latin words stay left to right, as a unit placed right to left.
  reorder_line(x, w, {Direction::Rtl, Direction::Ltr, Direction::Ltr, Direction::Rtl}, true, 46);
  CHECK(x[0] == doctest::Approx(36));
  CHECK(x[1] == doctest::Approx(12));
  CHECK(x[2] == doctest::Approx(24));
  CHECK(x[3] == doctest::Approx(0));
}

TEST_CASE("a right-to-left phrase in a left-to-right line is reversed in place; neutral words follow their neighbours") {
  const std::vector<double> w(5, 10);
  std::vector<double> x = logical_x(5);
  // L R N R L: the number between two Arabic words belongs to their run.
  reorder_line(x, w, {Direction::Ltr, Direction::Rtl, Direction::Neutral, Direction::Rtl, Direction::Ltr}, false, 100);
  CHECK(x[0] == doctest::Approx(0));
  CHECK(x[1] == doctest::Approx(36));
  CHECK(x[2] == doctest::Approx(24));
  CHECK(x[3] == doctest::Approx(12));
  CHECK(x[4] == doctest::Approx(48));
  // A neutral word between different directions takes the paragraph's.
  std::vector<double> y = logical_x(3);
  reorder_line(y, {10, 10, 10}, {Direction::Rtl, Direction::Neutral, Direction::Ltr}, false, 100);
  CHECK(y[0] == doctest::Approx(0));
  CHECK(y[1] == doctest::Approx(12));
  CHECK(y[2] == doctest::Approx(24));
}

TEST_CASE("a left-to-right line without right-to-left words does not move") {
  const std::vector<double> w(3, 10);
  std::vector<double> x = logical_x(3);
  reorder_line(x, w, {Direction::Ltr, Direction::Neutral, Direction::Ltr}, false, 100);
  CHECK(x == logical_x(3));
}
