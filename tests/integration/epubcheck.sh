#!/usr/bin/env bash
# EPUB validity: converts the reference article, a novel, a few plain-text
# articles, Markdown articles with tables, footnotes and a local image, and
# the bundled sample (tests/data, tests/sample), and runs epubcheck on each: 0 errors and 0 warnings required. The article
# and the novel are converted to EPUB and PDF together (the default), so their
# EPUBs carry the page-list of the PDF: the markers are checked against the
# PDF's pages. Also checks that two runs with SOURCE_DATE_EPOCH give identical
# files and that a failed conversion leaves no file behind.
#
# Usage: epubcheck.sh GALLEY_BINARY   (env: GALLEY_TEST_DATA, GALLEY_SOURCE_DIR)
set -euo pipefail

galley=${1:?usage: epubcheck.sh GALLEY_BINARY}
galley=$(cd "$(dirname "$galley")" && pwd)/$(basename "$galley")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=${GALLEY_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
data=${GALLEY_TEST_DATA:-$source_dir/tests/data}
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
  [[ -f $1 ]] || { echo "epubcheck.sh: $1 not found" >&2; exit 1; }
  inputs+=("$1")
}
add_input "$data/seed/000_5606bfb668b87f54.txt"
add_input "$data/books/pride-and-prejudice_pg1342.txt"
for name in digitalgov-2011-06-21-making-mobile-gov-project \
            digitalgov-2014-12-17-with-every-tool-possible-supporting-humanitarian-aid-efforts-through-crowdsourced-mapping \
            digitalgov-2015-12-18-twitter-town-hall-tips-from-the-va \
            digitalgov-2019-05-07-two-complementary-teams-with-same-goal; do
  add_input "$data/articles-txt/$name.txt"
done
# Markdown: a table, footnotes, and right-to-left text.
add_input "$data/articles-md/18f-2016-08-29-data-act-prototype-simplicty-is-key.md"
add_input "$data/articles-md/18f-2024-06-18-back-to-basics-in-the-age-of-ai.md"
add_input "$data/i18n/osg-ar-code-of-conduct.md"
# A local image beside the article, embedded.
add_input "$data/local-image/local-image.md"
add_input "$source_dir/tests/sample/galley-sample.txt"

# Page-list check: markers in reading order labelled 1..N, the nav's
# page-list linking each of them, N no more than the PDF's pages after the
# roman-numbered front pages, and the words after each marker at the top of
# that PDF page (a few may differ: markers of pages starting inside a list or
# quote sit at the block's start).
cat >"$work/page_list.py" <<'PY'
import re, subprocess, sys, unicodedata, zipfile
epub, pdf = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(epub)
opf = z.read('OEBPS/content.opf').decode()
hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
markers = []  # (id, label, text after)
for idref in re.findall(r'<itemref idref="([^"]+)"', opf):
    x = z.read('OEBPS/' + hrefs[idref]).decode()
    for m in re.finditer(r'<span epub:type="pagebreak" role="doc-pagebreak" id="([^"]+)" aria-label="([^"]+)"/>', x):
        markers.append((m.group(1), m.group(2), re.sub(r'<[^>]*>', ' ', x[m.end():m.end() + 400])))
nav = z.read('OEBPS/nav.xhtml').decode()
pl = re.search(r'<nav epub:type="page-list".*?</nav>', nav, re.S)
links = re.findall(r'<a href="[^"#]+#([^"]+)">([^<]+)</a>', pl.group(0)) if pl else []
labels = [m[1] for m in markers]
errors = []
if links != [(m[0], m[1]) for m in markers]:
    errors.append('the nav page-list does not link the %d markers in order (%d links)' % (len(markers), len(links)))
if labels != [str(n) for n in range(1, len(labels) + 1)]:
    errors.append('marker labels are not 1..N in reading order: %s' % labels[:20])
if 'property="source-of">pagination<' not in opf or 'pageBreakMarkers' not in opf:
    errors.append('package metadata lacks the page source or the pageBreakMarkers feature')
info = subprocess.run(['qpdf', '--json', '--json-key=pagelabels', pdf], capture_output=True, text=True).stdout
front = len(re.findall(r'"/P": "u:[ivxlc]+"', info))
pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout).group(1))
if not 0 < len(markers) <= pages - front:
    errors.append('%d markers for %d PDF pages after %d front pages' % (len(markers), pages, front))
def norm(s):
    return re.sub(r'\W+', '', unicodedata.normalize('NFKC', s).replace('\u00ad', '')).lower()
miss = []
for _, label, after in markers:
    words = after.split()
    if not words or not label.isdigit():
        continue
    page = front + int(label)
    text = subprocess.run(['pdftotext', '-f', str(page), '-l', str(page), pdf, '-'], capture_output=True, text=True).stdout
    probe = norm(words[0])[:8]
    if probe and probe not in norm(text)[:600]:
        miss.append('page %s: "%s" not at the top of PDF page %d' % (label, words[0], page))
if len(miss) > len(markers) // 20:
    errors.append('%d of %d markers are not where their PDF page begins: %s' % (len(miss), len(markers), '; '.join(miss[:5])))
print('%d page markers, %d PDF pages (%d front pages), %d not at the top of their page' % (len(markers), pages, front, len(miss)))
for e in errors:
    print('ERROR: ' + e)
sys.exit(1 if errors else 0)
PY

export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$work/out"
for input in "${inputs[@]}"; do
  stem=$(basename "${input%.*}")
  # The article and the novel: EPUB and PDF together, the EPUB with a page-list.
  format=(--format epub)
  if [[ $input == "${inputs[0]}" || $input == */pride-and-prejudice_pg1342.txt ]]; then format=(); fi
  if ! "$galley" convert "$input" -o "$work/out" "${format[@]}" >"$work/$stem.log" 2>&1; then
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
  if [[ ${#format[@]} -eq 0 ]]; then
    if result=$(python3 "$work/page_list.py" "$epub" "$work/out/$stem.pdf" 2>&1); then
      echo "ok: $stem page-list: $result"
    else
      fail "$stem page-list: $result"
    fi
  elif grep -q 'epub:type="page-list"' <(unzip -p "$epub" OEBPS/nav.xhtml); then
    fail "$stem.epub has a page-list without a PDF"
  fi
done

# Reproducibility: the same input twice gives the same bytes (EPUB with its
# page-list, and PDF).
seed=${inputs[0]}
mkdir -p "$work/a" "$work/b"
"$galley" convert "$seed" -o "$work/a" >/dev/null 2>&1 || fail "reproducibility run 1 failed"
sleep 1
"$galley" convert "$seed" -o "$work/b" >/dev/null 2>&1 || fail "reproducibility run 2 failed"
stem=$(basename "${seed%.*}")
for ext in epub pdf; do
  if cmp -s "$work/a/$stem.$ext" "$work/b/$stem.$ext"; then
    echo "ok: two runs with SOURCE_DATE_EPOCH give byte-identical $ext files"
  else
    fail "two runs with SOURCE_DATE_EPOCH differ ($ext)"
  fi
done
# ...and in another time zone too.
mkdir -p "$work/c"
TZ=America/New_York "$galley" convert "$seed" -o "$work/c" >/dev/null 2>&1 || fail "run in another time zone failed"
for ext in epub pdf; do
  cmp -s "$work/a/$stem.$ext" "$work/c/$stem.$ext" || fail "output depends on the time zone ($ext)"
done

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
