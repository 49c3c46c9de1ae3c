#!/usr/bin/env bash
# Layout by structure (the default style chooses): the reference article and
# an 18F article with footnotes come out as articles (PDF: the title block and
# the text on page 1, no title page, no contents, no blank page, at most 6 and
# 3 pages, notes after the text; EPUB: one body file, the nav's links into
# it), Pride and Prejudice as a book (EPUB: a title page and a file per
# chapter). Every EPUB passes epubcheck with 0 errors and 0 warnings; every
# PDF passes qpdf --check and ghostscript, and its text extracts with
# pdftotext and mutool.
#
# Usage: article_layout.sh GALLEY_BINARY   (env: GALLEY_TEST_DATA)
set -euo pipefail

galley=$(realpath "${1:?usage: article_layout.sh GALLEY_BINARY}")
data=${GALLEY_TEST_DATA:?}
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-article.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }

epubcheck_clean() {  # EPUB
  local out
  out=$(java -jar "$epubcheck_jar" "$1" 2>&1 || true)
  grep -q "0 fatals / 0 errors / 0 warnings" <<<"$out" || { echo "$out" >&2; fail "epubcheck: $1"; }
}

pdf_clean() {  # PDF
  qpdf --check "$1" >/dev/null || fail "qpdf --check: $1"
  gs -q -dNOPAUSE -dBATCH -dPDFSTOPONERROR -sDEVICE=nullpage -o /dev/null "$1" >/dev/null 2>&1 || fail "gs: $1"
  local text
  text=$(mutool draw -F txt "$1" 2>/dev/null)
  [[ $(wc -w <<<"$text") -gt 100 ]] || fail "mutool extracts no text from $1"
}

# article INPUT MAX_PAGES FIRST_WORDS: an article's PDF and EPUB.
article() {
  local input=$1 max=$2 first=$3
  local stem
  stem=$(basename "${input%.*}")
  "$galley" convert "$input" -o "$work/a" 2>/dev/null
  local pdf=$work/a/$stem.pdf epub=$work/a/$stem.epub
  pdf_clean "$pdf"
  local pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  ((pages <= max)) || fail "$stem: $pages pages (at most $max)"
  # Every page carries text: more than a folio and a running head.
  for ((p = 1; p <= pages; p++)); do
    local words
    words=$(pdftotext -f "$p" -l "$p" "$pdf" - | wc -w)
    ((words > 30)) || fail "$stem: page $p carries $words words"
  done
  # Page 1: the title block, then the text (no title page, no contents).
  local page1
  page1=$(pdftotext -f 1 -l 1 "$pdf" - | tr -s ' \n' '  ')
  grep -qF "$first" <<<"$page1" || fail "$stem: page 1 does not start the text ($first)"
  grep -q "Contents" <<<"$page1" && fail "$stem: a contents page"
  # EPUB: nav, the generated cover page and one body file; every nav link goes to an id in it.
  epubcheck_clean "$epub"
  local files
  files=$(unzip -Z1 "$epub" | grep '\.xhtml$' | sort | tr '\n' ' ')
  [[ $files == "OEBPS/article.xhtml OEBPS/cover.xhtml OEBPS/nav.xhtml " ]] || fail "$stem: XHTML files $files"
  local body nav
  body=$(unzip -p "$epub" OEBPS/article.xhtml)
  nav=$(unzip -p "$epub" OEBPS/nav.xhtml)
  local ids=0
  while read -r id; do
    grep -qF "id=\"$id\"" <<<"$body" || fail "$stem: nav links to #$id, not in article.xhtml"
    ids=$((ids + 1))
  done < <(grep -o 'href="article.xhtml#[^"]*"' <<<"$nav" | sed 's/.*#//; s/"$//')
  ((ids >= 4)) || fail "$stem: the nav lists $ids links into the article"
  [[ $(grep -c '<section class="section' <<<"$body") -ge 4 ]] || fail "$stem: sections are not section elements"
  grep -q 'class="titleblock"' <<<"$body" || fail "$stem: no title block"
  echo "article $stem: $pages pages, $ids nav links"
}

article "$data/seed/000_5606bfb668b87f54.txt" 6 "On October 18, high-level economic"
article "$data/articles-md/18f-2014-05-29-announcing-the-developer-program-a-new-hub-for.md" 3 \
  "We recently launched our /Developer Program"
# The 18F article's notes: after its text, in the PDF as in its one EPUB file.
f18=$work/a/18f-2014-05-29-announcing-the-developer-program-a-new-hub-for
grep -q 'epub:type="footnote"' <(unzip -p "$f18.epub" OEBPS/article.xhtml) || fail "18F: no notes in article.xhtml"
pages=$(pdfinfo "$f18.pdf" | awk '/^Pages:/ { print $2 }')
last=$(pdftotext -f "$pages" -l "$pages" "$f18.pdf" - | tr -s ' \n' '  ')
grep -qE "GitHub\. Notes 1\. This was recommended .* 2\. Credit" <<<"$last" || fail "18F: the notes are not after the text"
grep -q "Credit" <(pdftotext -f 1 -l 1 "$f18.pdf" -) && fail "18F: a note at the foot of page 1"

# The book: a title page and a file per chapter.
"$galley" convert "$data/books/pride-and-prejudice_pg1342.txt" -o "$work/b" --format epub 2>/dev/null
book=$work/b/pride-and-prejudice_pg1342.epub
epubcheck_clean "$book"
names=$(unzip -Z1 "$book")
grep -q '^OEBPS/title.xhtml$' <<<"$names" || fail "the book has no title page"
chapters=$(grep -c '^OEBPS/section-[0-9]*\.xhtml$' <<<"$names")
((chapters >= 61)) || fail "the book has $chapters section files (61 chapters)"
grep -q '^OEBPS/article.xhtml$' <<<"$names" && fail "the book has an article file"

# --style book on an article: a title page before the text, as asked.
"$galley" convert "$data/seed/000_5606bfb668b87f54.txt" -o "$work/c" --style book 2>/dev/null
grep -q "On October 18" <(pdftotext -f 1 -l 1 "$work/c/000_5606bfb668b87f54.pdf" -) &&
  fail "--style book: the text starts on the title page"
grep -q '^OEBPS/title.xhtml$' <(unzip -Z1 "$work/c/000_5606bfb668b87f54.epub") || fail "--style book: no title page"
echo "book: $chapters chapter files"
echo "article_layout: all checks passed"
