#!/usr/bin/env bash
# Benchmark of pathological inputs (issue 12, point 6): EPUB+PDF of
#   headings  "# T" then N x "## Heading i" + "text i"   (N = 25,000 and 50,000)
#   paras     N one-word paragraphs                       (N = 150,000 and 300,000)
#   columns   a table of N columns, header + one row      (N = 10,000 and 20,000)
#   nesting   N nested block quotes, <em> tags, [ ], bullet and numbered lists (N = 10,000 and 20,000)
#   stars     "*a **a " x N, "b", " a** a*" x N           (N = 25,000 and 50,000)
#   brackets  "[a" x N and "a]" x N                        (N = 50,000 and 100,000)
#   backticks "e" + 1 to 100 backticks, N times            (N = 10,000 and 20,000)
#   angles    "<" x N and "a<b" x N                        (N = 50,000 and 100,000)
#   marks     "a" and N combining acute accents, one cluster (N = 50,000 and 100,000)
# For each input at n and 2n: wall time, CPU time (user+sys) and peak RSS
# from GNU time, and the 2n/n ratios (2.0 = linear). With GALLEY_TIMINGS=1
# galley prints its phases (read, layout, epub, pdf) on stderr; this script
# keeps the slowest phase of each run in its last column. The targets are
# under 10 s and 600 MB for EPUB+PDF at 2n, growing linearly. No assertion:
# numbers are printed, not judged (the machine's load moves them).
#
#   tests/bench/bench_pathological.sh [GALLEY_BINARY]   (default: build/galley)
#   env: BENCH_SCALE (default 1: the sizes above; 0.25 for a quick look)
#        BENCH_CASES (default all: e.g. "paras:150000 columns:10000")
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$here/build/galley}")
scale=${BENCH_SCALE:-1}
[[ -x $galley ]] || { echo "no galley binary at $galley" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# make KIND N FILE: writes the input.
make_input() {
  python3 - "$1" "$2" >"$3" <<'EOF'
import sys
kind, n = sys.argv[1], int(sys.argv[2])
out = []
if kind == "headings":
    out.append("# T\n")
    for i in range(n):
        out.append(f"## Heading {i}\n\ntext {i}\n")
elif kind == "paras":
    out.append("# P\n")
    for i in range(n):
        out.append(f"word{i}\n\n")
elif kind == "nesting":
    out.append("# N\n")
    out.append("> " * n + "a\n")
    out.append("<em>" * n + "x" + "</em>" * n + "\n")
    out.append("[" * n + "a" + "]" * n + "\n")
    out.append("- " * n + "a\n")
    out.append("1. " * n + "b\n")
elif kind == "stars":
    out.append("*a **a " * n + "b" + " a** a*" * n)
elif kind == "brackets":
    out.append("[a" * n + "\n")
    out.append("a]" * n)
elif kind == "backticks":
    out.append("".join("e" + "`" * (1 + i % 100) for i in range(n)))
elif kind == "marks":
    out.append("# M\n")
    out.append("a" + "\u0301" * n + " end")
elif kind == "angles":
    out.append("<" * n + "\n")
    out.append("a<b" * n)
else:
    out.append("# T\n")
    out.append("|" + "|".join(f"c{i}" for i in range(n)) + "|")
    out.append("|" + "|".join("-" for _ in range(n)) + "|")
    out.append("|" + "|".join(f"v{i}" for i in range(n)) + "|")
print("\n".join(out))
EOF
}

# run KIND N: prints "KIND N wall_s cpu_s peak_MB slowest_phase".
run() {
  local kind=$1 n=$2 input=$tmp/$1-$2.md
  make_input "$kind" "$n" "$input"
  GALLEY_TIMINGS=1 /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
    "$galley" convert "$input" -o "$tmp/out" 2>"$tmp/err" >/dev/null || { cat "$tmp/err" >&2; exit 1; }
  local phase
  phase=$(awk '/timing:/ { if ($4 + 0 > best) { best = $4 + 0; name = $3 } }
               END { printf "%s=%.1fs", name, best / 1000 }' "$tmp/err")
  read -r wall user sys rss <"$tmp/time"
  awk -v k="$kind" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v p="$phase" \
    'BEGIN { printf "%-9s %8d %7.2f %7.2f %7.0f  %s\n", k, n, w, u + s, r / 1024, p }'
  rm -f "$tmp/out"/*
}

printf "%-9s %8s %7s %7s %7s  %s\n" input n wall_s cpu_s peak_MB slowest_phase
for spec in ${BENCH_CASES:-headings:25000 paras:150000 columns:10000 nesting:10000 stars:25000 brackets:50000 backticks:10000 angles:50000 marks:50000}; do
  kind=${spec%%:*}
  n=$(awk -v n="${spec#*:}" -v s="$scale" 'BEGIN { printf "%d", n * s }')
  first=$(run "$kind" "$n")
  second=$(run "$kind" $((2 * n)))
  echo "$first"
  echo "$second"
  awk -v a="$first" -v b="$second" 'BEGIN { split(a, x); split(b, y);
    printf "%-9s ratio 2n/n: wall %.2f, cpu %.2f, memory %.2f\n", x[1], y[3] / x[3], y[4] / x[4], y[5] / x[5] }'
done
