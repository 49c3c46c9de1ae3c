#!/usr/bin/env bash
# EPUB validity: converts the reference article, a novel, a few plain-text
# articles, Markdown articles with tables and footnotes and the bundled sample,
# and runs epubcheck on each: 0 errors and 0 warnings required. Also checks
# that two runs with SOURCE_DATE_EPOCH give identical files and that a failed
# conversion leaves no file behind.
#
# Usage: epubcheck.sh GALLEY_BINARY   (env: GALLEY_CORPUS_DIR, GALLEY_SOURCE_DIR)
set -euo pipefail

galley=${1:?usage: epubcheck.sh GALLEY_BINARY}
galley=$(cd "$(dirname "$galley")" && pwd)/$(basename "$galley")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=${GALLEY_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
corpus=${GALLEY_CORPUS_DIR:-$source_dir/../shared/corpus}
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}

if [[ ! -f $epubcheck_jar ]] || ! command -v java >/dev/null; then
  echo "epubcheck.sh: epubcheck ($epubcheck_jar) or java not installed" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/galley-epubcheck.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

inputs=()
add_input() {
  if [[ -f $1 ]]; then inputs+=("$1"); else echo "note: $1 not found, skipped" >&2; fi
}
add_input "$corpus/seed/000_5606bfb668b87f54.txt"
add_input "$corpus/books/pride-and-prejudice_pg1342.txt"
for name in digitalgov-2011-06-21-making-mobile-gov-project \
            digitalgov-2014-12-17-with-every-tool-possible-supporting-humanitarian-aid-efforts-through-crowdsourced-mapping \
            digitalgov-2015-12-18-twitter-town-hall-tips-from-the-va \
            digitalgov-2019-05-07-two-complementary-teams-with-same-goal; do
  add_input "$corpus/articles-txt/$name.txt"
done
# Markdown: a table, footnotes, and right-to-left text.
add_input "$corpus/articles-md/18f-2016-08-29-data-act-prototype-simplicty-is-key.md"
add_input "$corpus/articles-md/18f-2024-06-18-back-to-basics-in-the-age-of-ai.md"
add_input "$corpus/i18n/osg-ar-code-of-conduct.md"
[[ -f $source_dir/tests/sample/galley-sample.txt ]] && inputs+=("$source_dir/tests/sample/galley-sample.txt")

if [[ ${#inputs[@]} -lt 3 ]]; then
  echo "epubcheck.sh: corpus not found under $corpus" >&2
  exit 1
fi

export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$work/out"
for input in "${inputs[@]}"; do
  stem=$(basename "${input%.*}")
  if ! "$galley" convert "$input" -o "$work/out" --format epub >"$work/$stem.log" 2>&1; then
    fail "conversion of $input failed:"
    cat "$work/$stem.log" >&2
    continue
  fi
  epub=$work/out/$stem.epub
  if [[ ! -s $epub ]]; then
    fail "$epub was not written"
    continue
  fi
  report=$work/$stem.epubcheck
  java -jar "$epubcheck_jar" "$epub" >"$report" 2>&1 || true
  summary=$(grep -E '^Messages:' "$report" || true)
  if [[ $summary != *"0 fatals / 0 errors / 0 warnings"* ]]; then
    fail "epubcheck on $stem.epub: ${summary:-no summary}"
    grep -E '^(FATAL|ERROR|WARNING)' "$report" | head -20 >&2 || cat "$report" >&2
  else
    echo "ok: $stem.epub ($(stat -c %s "$epub") bytes): $summary"
  fi
done

# Reproducibility: the same input twice gives the same bytes.
seed=${inputs[0]}
mkdir -p "$work/a" "$work/b"
"$galley" convert "$seed" -o "$work/a" --format epub >/dev/null 2>&1 || fail "reproducibility run 1 failed"
sleep 1
"$galley" convert "$seed" -o "$work/b" --format epub >/dev/null 2>&1 || fail "reproducibility run 2 failed"
stem=$(basename "${seed%.*}")
if cmp -s "$work/a/$stem.epub" "$work/b/$stem.epub"; then
  echo "ok: two runs with SOURCE_DATE_EPOCH are byte-identical"
else
  fail "two runs with SOURCE_DATE_EPOCH differ"
fi
# ...and in another time zone too.
mkdir -p "$work/c"
TZ=America/New_York "$galley" convert "$seed" -o "$work/c" --format epub >/dev/null 2>&1 || fail "run in another time zone failed"
cmp -s "$work/a/$stem.epub" "$work/c/$stem.epub" || fail "output depends on the time zone"

# A failed conversion leaves no file: missing input, invalid option value,
# and a failure inside the EPUB writer (no stylesheet or fonts).
check_no_output() {
  local what=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  if "$@" >"$dir.log" 2>&1; then
    fail "$what: conversion succeeded but should have failed"
  fi
  if [[ -n $(ls -A "$dir") ]]; then
    fail "$what: files left behind: $(ls -A "$dir" | tr '\n' ' ')"
  else
    echo "ok: $what leaves no file"
  fi
}
check_no_output "missing input" "$work/f1" "$galley" convert "$work/does-not-exist.txt" -o "$work/f1" --format epub
check_no_output "invalid language" "$work/f2" "$galley" convert "$seed" -o "$work/f2" --format epub --lang "not a tag"
mkdir -p "$work/empty-data/fonts" "$work/empty-data/styles"
check_no_output "writer failure" "$work/f3" env GALLEY_DATA_DIR="$work/empty-data" "$galley" convert "$seed" -o "$work/f3" --format epub

if [[ $failures -gt 0 ]]; then
  echo "epubcheck.sh: $failures failure(s)" >&2
  exit 1
fi
echo "epubcheck.sh: all checks passed"
