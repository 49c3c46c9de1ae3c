#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace galley::layout {

namespace {

struct Node {
  std::size_t pos;        // item index of the break (0 for the start)
  int line;               // lines before this break
  int fitness;
  int hyphen_run;
  double width, stretch, shrink;  // totals after the break
  double demerits;
  int prev;               // index into nodes, -1 for the start
  double target;          // measure of the line that starts here
};

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxActive = 512;  // active nodes kept at most (real text: under 120)

int fitness_of(double r) {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1.0) return 2;
  return 3;
}

// Adjustment ratio of a line of natural width `natural` with `stretch` and
// `shrink` set to `target`.
double ratio(double natural, double stretch, double shrink, double target, bool last_resort) {
  if (natural < target) return stretch > 0 ? (target - natural) / stretch : (last_resort ? 1e4 : kInf);
  if (natural > target) return shrink > 0 ? (target - natural) / shrink : -kInf;
  return 0;
}

// Demerits of a path through `nd` and a line of ratio r ending at a break
// of penalty `pen`.
double demerits(const BreakParams& p, double r, double pen, bool flagged, bool forced, const Node& nd, int fit) {
  const double rr = std::min(r, 1e4);
  const double bad = std::min(100.0 * std::fabs(rr) * rr * rr, 1e8);
  double d = p.line_penalty + bad;
  d = d * d;
  if (pen > 0) d += pen * pen;
  else if (pen > -kInfinitePenalty) d -= pen * pen;
  const bool prev_flagged = nd.hyphen_run > 0;
  if (flagged && prev_flagged) d += p.hyphen_demerits;
  if (r > p.loose_ratio && !forced) d += p.loose_demerits;
  if (std::abs(fit - nd.fitness) > 1) d += p.fitness_demerits;
  return d + nd.demerits;
}

// Totals after a break at item i: following glue and non-forced penalties
// are skipped until a box.
void totals_after(const std::vector<Item>& items, std::size_t i, double& w, double& st, double& sh) {
  for (std::size_t j = i; j < items.size(); ++j) {
    const Item& x = items[j];
    if (x.type == ItemType::Box) break;
    if (x.type == ItemType::Glue) {
      w += x.width;
      st += x.stretch;
      sh += x.shrink;
    } else if (x.penalty <= -kInfinitePenalty && j > i) {
      break;
    }
  }
}

// The final item is a forced break: the breaks of the best node ending there.
bool trace_best(const std::vector<Node>& nodes, const std::vector<int>& active, std::size_t n, LineBreaks& out) {
  int best = -1;
  double best_d = kInf;
  for (int a : active) {
    const Node& nd = nodes[static_cast<std::size_t>(a)];
    if (nd.pos == n - 1 && nd.demerits < best_d) {
      best_d = nd.demerits;
      best = a;
    }
  }
  if (best < 0) return false;
  out.breaks.clear();
  for (int k = best; k > 0; k = nodes[static_cast<std::size_t>(k)].prev) out.breaks.push_back(nodes[static_cast<std::size_t>(k)].pos);
  std::reverse(out.breaks.begin(), out.breaks.end());
  return true;
}

bool run_pass(const std::vector<Item>& items, const std::vector<double>& widths, const BreakParams& p,
              double tolerance, bool last_resort, LineBreaks& out) {
  const std::size_t n = items.size();
  auto line_width = [&](int line) {
    return widths.empty() ? 0.0 : widths[std::min<std::size_t>(static_cast<std::size_t>(line), widths.size() - 1)];
  };
  std::vector<Node> nodes;
  nodes.reserve(n / 4 + 16);
  nodes.push_back(Node{0, 0, 1, 0, 0, 0, 0, 0, -1, line_width(0)});
  std::vector<int> active{0};
  double tw = 0, ts = 0, tk = 0;  // running totals of items before the current one
  constexpr int kRuns = 8;
  const int runs = std::min(kRuns, p.max_hyphen_run + 1);
  // Active nodes are in order of position, and a later node ends a shorter
  // line with less stretch, so its ratio is larger. Once one node's line is
  // too short, so are all after it: they stay active without a look. This
  // holds when every line after the first has the same measure.
  std::size_t uniform_from = widths.empty() ? 0 : widths.size() - 1;
  while (uniform_from > 0 && widths[uniform_from - 1] == widths.back()) --uniform_from;
  const bool skip_short = !last_resort && uniform_from <= 1;

  for (std::size_t i = 0; i < n && !active.empty(); ++i) {
    const Item& it = items[i];
    bool legal = false;
    if (it.type == ItemType::Box) {
      tw += it.width;
      continue;
    }
    if (it.type == ItemType::Glue) {
      legal = i > 0 && items[i - 1].type == ItemType::Box;
    } else {
      legal = it.penalty < kInfinitePenalty;
    }
    if (legal) {
      const bool forced = it.type == ItemType::Penalty && it.penalty <= -kInfinitePenalty;
      const double pen = it.type == ItemType::Penalty ? it.penalty : 0;
      const double extra = (it.type == ItemType::Penalty ? it.width : 0) - it.hang;
      const bool flagged = it.type == ItemType::Penalty && it.flagged;
      // Best candidate per fitness class and hyphen run.
      double best_d[4][kRuns];
      int best_from[4][kRuns];
      for (auto& row : best_d) std::fill(row, row + runs, kInf);
      bool any = false;
      // Active nodes that stay are compacted in place, in order (ties go to
      // the earlier node).
      std::size_t kept = 0;
      for (std::size_t k = 0; k < active.size(); ++k) {
        const int a = active[k];
        const Node& nd = nodes[static_cast<std::size_t>(a)];
        const double target = nd.target;
        const double r = ratio(tw - nd.width + extra, ts - nd.stretch, tk - nd.shrink, target, last_resort);
        const bool deactivate = r < -p.max_shrink || forced;
        if (skip_short && r > tolerance && nd.line >= 1) {
          if (!forced)
            for (; k < active.size(); ++k) active[kept++] = active[k];
          break;
        }
        if (r >= -p.max_shrink && (r <= tolerance || last_resort)) {
          const int run = flagged ? nd.hyphen_run + 1 : 0;
          if (run < runs) {
            const int fit = fitness_of(r);
            const double d = demerits(p, r, pen, flagged, forced, nd, fit);
            if (d < best_d[fit][run]) {
              best_d[fit][run] = d;
              best_from[fit][run] = a;
              any = true;
            }
          }
        }
        if (!deactivate) active[kept++] = a;
      }
      active.resize(kept);
      if (any) {
        // Totals after the break: skip following glue and non-forced penalties until a box.
        double aw = tw, as = ts, ak = tk;
        totals_after(items, i, aw, as, ak);
        for (int f = 0; f < 4; ++f)
          for (int run = 0; run < runs; ++run) {
            if (best_d[f][run] == kInf) continue;
            const Node& from = nodes[static_cast<std::size_t>(best_from[f][run])];
            const int line = from.line + 1;
            nodes.push_back(Node{i, line, f, run, aw, as, ak, best_d[f][run], best_from[f][run], line_width(line)});
            active.push_back(static_cast<int>(nodes.size() - 1));
          }
        // Bounded work per break: items of no width (a run of zero-width
        // characters) never make a line too long, so without a bound every
        // node would stay active. The oldest (the longest lines) go first.
        if (active.size() > kMaxActive)
          active.erase(active.begin(), active.begin() + static_cast<std::ptrdiff_t>(active.size() - kMaxActive));
      }
    }
    if (it.type == ItemType::Glue) {
      tw += it.width;
      ts += it.stretch;
      tk += it.shrink;
    }
  }
  return trace_best(nodes, active, n, out);
}

}  // namespace

LineBreaks break_lines(const std::vector<Item>& items, const std::vector<double>& widths, const BreakParams& params) {
  LineBreaks out;
  if (items.empty()) return out;
  const double tolerances[] = {params.tolerance, std::max(params.tolerance, 10.0)};
  bool ok = false;
  for (int pass = 0; pass < 3 && !ok; ++pass) {
    ok = run_pass(items, widths, params, pass < 2 ? tolerances[pass] : kInf, pass == 2, out);
    out.pass = pass + 1;
  }
  if (!ok) {
    // Boxes wider than the measure: one line per legal break, never losing items.
    out.breaks.clear();
    for (std::size_t i = 0; i + 1 < items.size(); ++i)
      if (items[i].type == ItemType::Glue || (items[i].type == ItemType::Penalty && items[i].penalty < kInfinitePenalty))
        out.breaks.push_back(i);
    out.breaks.push_back(items.size() - 1);
    out.pass = 4;
  }
  // Ratios of the chosen lines.
  out.ratios.assign(out.breaks.size(), 0);
  std::size_t start = 0;
  for (std::size_t l = 0; l < out.breaks.size(); ++l) {
    const std::size_t end = out.breaks[l];
    double w = 0, st = 0, sh = 0;
    for (std::size_t j = start; j < end; ++j) {
      const Item& x = items[j];
      if (x.type == ItemType::Box) w += x.width;
      else if (x.type == ItemType::Glue) {
        w += x.width;
        st += x.stretch;
        sh += x.shrink;
      }
    }
    if (items[end].type == ItemType::Penalty) w += items[end].width;
    w -= items[end].hang;
    const double target = widths.empty() ? 0 : widths[std::min(l, widths.size() - 1)];
    out.ratios[l] = w < target ? (st > 0 ? (target - w) / st : 0) : (sh > 0 ? (target - w) / sh : 0);
    // Next line starts after discardable items.
    start = end + 1;
    while (start < items.size() && items[start].type != ItemType::Box &&
           !(items[start].type == ItemType::Penalty && items[start].penalty <= -kInfinitePenalty))
      ++start;
  }
  return out;
}

}  // namespace galley::layout
