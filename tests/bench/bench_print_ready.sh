#!/usr/bin/env bash
# Benchmark of --print-ready (issue 10): the book's EPUB+PDF with and without
# `--print-ready --bleed 3mm --crop-marks`, side by side in one run,
# alternating so that both see the same machine load. Wall time from GNU
# time, best and median of BENCH_RUNS runs each. Target: print-ready adds at
# most 15 % to the plain EPUB+PDF time.
#
#   tests/bench/bench_print_ready.sh [GALLEY_BINARY]   (default: build/galley)
#   env: BENCH_RUNS (default 7), BENCH_INPUT (default: tests/data's Pride and Prejudice)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$here/build/galley}")
input=${BENCH_INPUT:-$here/tests/data/books/pride-and-prejudice_pg1342.txt}
runs=${BENCH_RUNS:-7}
[[ -x $galley ]] || { echo "no galley binary at $galley" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

run() {  # NAME ARGS...: appends the wall time to $tmp/NAME
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$galley" convert "$input" -o "$tmp/out-$name/" --format epub,pdf "$@" \
    >/dev/null 2>"$tmp/err" || { echo "$name: failed" >&2; cat "$tmp/err" >&2; exit 1; }
  read -r wall user sys <"$tmp/time"
  echo "$wall" >>"$tmp/$name.times"
  awk -v u="$user" -v s="$sys" 'BEGIN{print u + s}' >>"$tmp/$name.cpu"
}

for ((i = 0; i < runs; i++)); do
  run plain
  run print-ready --print-ready --bleed 3mm --crop-marks
done
stats() { sort -n "$tmp/$1" | awk '{v[NR]=$1} END{printf "%.3f %.3f\n", v[1], v[int((NR+1)/2)]}'; }
echo "input: $(basename "$input"), $runs runs each, EPUB+PDF"
# Wall time, and CPU time (user + system: steadier on a loaded machine).
for kind in times cpu; do
  read -r pb pm < <(stats plain.$kind)
  read -r rb rm < <(stats print-ready.$kind)
  label=$([[ $kind == times ]] && echo wall || echo cpu)
  printf '%-4s %-12s best %7.3f s  median %7.3f s\n' "$label" plain "$pb" "$pm" "$label" print-ready "$rb" "$rm"
  awk -v l="$label" -v pb="$pb" -v rb="$rb" -v pm="$pm" -v rm="$rm" \
    'BEGIN{printf "%s: print-ready adds best %+.1f %%, median %+.1f %% (target <= 15 %%)\n", l, 100*(rb/pb-1), 100*(rm/pm-1)}'
done
