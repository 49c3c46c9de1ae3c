#!/usr/bin/env bash
# What the generated EPUB cover costs a batch: the corpus's 200 articles
# with `galley batch -j 1`, to EPUB and to EPUB+PDF, with and without
# --no-cover, as CPU ms per document (user + system, best of BENCH_RUNS).
#
#   tests/bench/bench_cover.sh [GALLEY_BINARY]     (default: build/galley)
#   env: GALLEY_CORPUS_DIR (default: ../shared/corpus beside the source tree), BENCH_RUNS (default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$here/build/galley}")
corpus=${GALLEY_CORPUS_DIR:-$here/../shared/corpus}/articles-txt
runs=${BENCH_RUNS:-3}
[[ -x $galley ]] || { echo "no galley binary at $galley" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
count=$(find "$corpus" -maxdepth 1 -name '*.txt' | wc -l)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_cpu ARGS...: the least CPU seconds (user + system) of $runs batches.
best_cpu() {
  local best= i cpu
  for ((i = 0; i < runs; i++)); do
    rm -rf "$tmp/out"
    /usr/bin/time -f '%U %S' -o "$tmp/time" "$galley" batch "$corpus" -o "$tmp/out" -j 1 "$@" >/dev/null 2>&1
    cpu=$(awk '{ printf "%.3f", $1 + $2 }' "$tmp/time")
    if [[ -z $best ]] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$cpu; fi
  done
  echo "$best"
}

echo "generated EPUB cover: $count articles, galley batch -j 1, best of $runs; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %14s %14s %14s\n' format "no cover ms" "cover ms" "cover cost ms"
for fmt in epub epub,pdf; do
  without=$(best_cpu --format "$fmt" --no-cover)
  with=$(best_cpu --format "$fmt")
  awk -v f="$fmt" -v a="$without" -v b="$with" -v n="$count" \
    'BEGIN { printf "%-10s %14.2f %14.2f %14.2f\n", f, a * 1000 / n, b * 1000 / n, (b - a) * 1000 / n }'
done
