// Knuth–Plass total-fit line breaking over boxes, glue and penalties.
//
// Pure and font-free: callers turn shaped words into items, so the breaker is
// unit-tested with fixed metrics. Extensions over the classic algorithm: a
// hard limit on consecutive hyphenated lines (ladders), and a last-resort pass
// that accepts any underfull line so a break sequence always exists when
// every box fits the measure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace galley::layout {

enum class ItemType : std::uint8_t { Box, Glue, Penalty };

constexpr double kInfinitePenalty = 10000;

struct Item {
  ItemType type = ItemType::Box;
  bool flagged = false;   // penalty: a hyphen break (for ladders and double-hyphen demerits)
  double width = 0;       // box/glue width; penalty: width added when broken here (the hyphen)
  double stretch = 0;     // glue
  double shrink = 0;      // glue
  double penalty = 0;     // penalty: cost; >= kInfinitePenalty forbids, <= -kInfinitePenalty forces
  double hang = 0;        // glue/penalty: how far the line may reach into the margin when broken
                          // here (punctuation or a hyphen hanging: margin kerning)

  static Item box(double w) { return Item{ItemType::Box, false, w, 0, 0, 0, 0}; }
  static Item glue(double w, double st, double sh, double hang = 0) { return Item{ItemType::Glue, false, w, st, sh, 0, hang}; }
  static Item pen(double w, double p, bool flag, double hang = 0) { return Item{ItemType::Penalty, flag, w, 0, 0, p, hang}; }
};

struct BreakParams {
  double tolerance = 2.0;           // largest adjustment ratio of the first pass
  double line_penalty = 10;         // added to badness for every line
  double hyphen_demerits = 3000;    // two hyphenated lines in a row
  double fitness_demerits = 3000;   // adjacent lines of very different tightness
  double last_line_hyphen_demerits = 5000;  // hyphen on the next-to-last line
  int max_hyphen_run = 2;           // consecutive hyphenated lines allowed
  double max_shrink = 1.0;          // lines may shrink to this ratio (1: all the glue's shrink)
  double loose_ratio = 1e9;         // lines stretched beyond this ratio ...
  double loose_demerits = 0;        // ... cost this much more (a step, not a slope)
};

struct LineBreaks {
  std::vector<std::size_t> breaks;  // item index of each line's break (the last is items.size()-1)
  std::vector<double> ratios;       // adjustment ratio of each line
  int pass = 0;                     // 1: within tolerance, 2: wider, 3: last resort
};

// widths[i] is the measure of line i; lines past the end use the last entry.
// items must end with a forced break (penalty <= -kInfinitePenalty).
LineBreaks break_lines(const std::vector<Item>& items, const std::vector<double>& widths,
                       const BreakParams& params = {});

}  // namespace galley::layout
