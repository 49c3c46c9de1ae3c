#!/usr/bin/env bash
# Benchmark (issue 2): galley convert to EPUB vs pandoc 2.17 to EPUB on the
# reference article and Pride and Prejudice. Prints median wall time over
# RUNS runs and peak RSS (the speed of the EPUB writer on the book, which a
# unit test used to assert). A benchmark, not a test: it asserts nothing.
#   tests/bench/bench_convert.sh [build/galley]   (RUNS=5 by default)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
galley=${1:-$root/build/galley}
data=${GALLEY_TEST_DATA:-$root/tests/data}
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# measure LABEL CMD... -> prints "median_seconds peak_kb"
measure() {
  local times=() peak=0 t m
  for ((i = 0; i < runs; i++)); do
    local start=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
    t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')
    read -r m <"$tmp/time"
    times+=("$t")
    ((m > peak)) && peak=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $peak"
}

printf '%-22s %-8s %10s %10s %8s %s\n' input tool seconds peak_MB ratio target
for input in "$data/seed/000_5606bfb668b87f54.txt" "$data/books/pride-and-prejudice_pg1342.txt"; do
  name=$(basename "$input" .txt)
  read -r gt gm < <(measure "$galley" convert --format epub "$input" -o "$tmp/g")
  read -r pt pm < <(measure pandoc -f markdown -t epub --metadata title="$name" -o "$tmp/p.epub" "$input")
  ratio=$(awk -v a="$gt" -v b="$pt" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
  case $name in
    pride*) target="<= 0.10x pandoc, <= 50 MB" ;;
    *) target="<= 0.30x pandoc" ;;
  esac
  printf '%-22s %-8s %10s %10.1f %8s %s\n' "${name:0:22}" galley "$gt" "$(awk -v k="$gm" 'BEGIN{print k/1024}')" "$ratio" "$target"
  printf '%-22s %-8s %10s %10.1f %8s\n' "${name:0:22}" pandoc "$pt" "$(awk -v k="$pm" 'BEGIN{print k/1024}')" "1"
done
