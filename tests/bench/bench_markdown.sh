#!/usr/bin/env bash
# Benchmark (issue 4): every article of articles-md to EPUB+PDF with galley,
# one process per article, side by side with pandoc converting the same
# Markdown to EPUB alone. Prints the total and the time per article, and the
# largest peak RSS. A benchmark: it asserts nothing.
#   tests/bench/bench_markdown.sh [build/galley]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$root/build/galley}")
corpus=${GALLEY_CORPUS_DIR:-$root/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
shopt -s nullglob
inputs=("$corpus"/articles-md/*.md)
n=${#inputs[@]}
((n > 0)) || { echo "no articles under $corpus/articles-md" >&2; exit 2; }

# run_all LABEL CMD-PREFIX...: runs CMD-PREFIX INPUT OUTPUT-ARGS for each
# article; prints "label total_s per_article_ms peak_MB".
run_all() {
  local label=$1 peak=0 m
  shift
  local start=$EPOCHREALTIME
  for f in "${inputs[@]}"; do
    local name
    name=$(basename "$f" .md)
    case $label in
      galley) /usr/bin/time -f '%M' -o "$tmp/t" "$galley" convert "$f" --format epub,pdf -o "$tmp/g" >/dev/null 2>&1 ;;
      pandoc) /usr/bin/time -f '%M' -o "$tmp/t" pandoc -f gfm -t epub --metadata title="$name" -o "$tmp/p.epub" "$f" >/dev/null 2>&1 ;;
    esac
    read -r m <"$tmp/t"
    ((m > peak)) && peak=$m
  done
  awk -v l="$label" -v a="$start" -v b="$EPOCHREALTIME" -v n="$n" -v p="$peak" \
    'BEGIN { printf "%-8s %10.2f %14.1f %10.1f\n", l, b - a, (b - a) * 1000 / n, p / 1024 }'
}

echo "$n Markdown articles from $corpus/articles-md"
printf '%-8s %10s %14s %10s\n' tool total_s ms/article peak_MB
run_all galley
run_all pandoc
echo "galley writes EPUB+PDF; pandoc writes EPUB alone"
