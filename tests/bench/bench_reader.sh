#!/usr/bin/env bash
# Benchmark of the plain-text reader (the speed figures the unit tests used to
# print): `galley inspect --json` (read, finalise, print the tree) on Pride and
# Prejudice, on a 10 MB single line and on 300 000 short lines (a quadratic
# walk would show here first). Prints the best of RUNS wall times. A
# benchmark: it asserts nothing.
#   tests/bench/bench_reader.sh [build/galley]   (RUNS=3 by default)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$root/build/galley}")
data=${GALLEY_TEST_DATA:-$root/tests/data}
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
unit = "word_with_underscore and more _words_ here. "
open(f"{d}/one-line-10mb.txt", "w").write(unit * (10_000_000 // len(unit) + 1))
with open(f"{d}/short-lines-300k.txt", "w") as f:
    for i in range(100_000):
        f.write(f"Short line {i}\n\n{i % 1000}. numbered\n\n- item\n")
PY

best_ms() {  # FILE -> best wall time of `galley inspect FILE --json`, in ms
  local best="" start t
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    "$galley" inspect "$1" --json >/dev/null
    t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
    if [[ -z $best ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
  done
  echo "$best"
}

printf '%-36s %10s %12s\n' input MB best_ms
for f in "$data/books/pride-and-prejudice_pg1342.txt" "$tmp/one-line-10mb.txt" "$tmp/short-lines-300k.txt"; do
  printf '%-36s %10.1f %12s\n' "$(basename "$f")" "$(awk -v s="$(stat -c %s "$f")" 'BEGIN { print s / 1e6 }')" "$(best_ms "$f")"
done
