#!/usr/bin/env bash
# The Markdown reader on the articles of tests/data (markup, tables,
# footnotes, five scripts, a local image):
#  1. every articles-md/*.md, i18n/*.md and local-image/*.md converts to EPUB
#     and PDF with exit 0, and the articles of heading-eval have their title
#     and headings (lib/markdown_articles.sh; corpus_markdown.sh runs the same
#     over the whole corpus);
#  2. a local PNG beside an article is embedded, byte for byte, in the EPUB
#     and drawn in the PDF, with no warning;
#  3. a malformed front matter fails with exit 1 and FILE:LINE.
# Usage: markdown.sh GALLEY  (env GALLEY_TEST_DATA)
set -euo pipefail
galley=$1
data=${GALLEY_TEST_DATA:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/markdown_articles.sh"

# ---------------------------------------------------------------- 1. articles
shopt -s nullglob
inputs=("$data"/articles-md/*.md "$data"/i18n/*.md "$data"/local-image/*.md)
((${#inputs[@]} >= 15)) || fail "expected the Markdown articles of $data, found ${#inputs[@]}"
convert_markdown "${inputs[@]}"
check_markdown_headings "$data"

# ---------------------------------------------------------------- 2. a local image
png=$data/local-image/images/gradient.png
# (--no-cover: the one PNG is the article's, not a generated cover)
"$galley" convert "$data/local-image/local-image.md" -o "$tmp/img" --no-cover 2>"$tmp/img.err" || fail "local-image.md: exit $?"
[[ ! -s $tmp/img.err ]] || fail "local-image.md: unexpected warnings: $(cat "$tmp/img.err")"
epub=$tmp/img/local-image.epub
entry=$(unzip -Z1 "$epub" | grep -i '\.png$' || true)
[[ $(wc -l <<<"$entry") == 1 && -n $entry ]] || fail "expected one PNG in the EPUB, got: $entry"
cmp -s <(unzip -p "$epub" "$entry") "$png" || fail "the EPUB's $entry differs from $png"
grep -q "alt=\"A small blue-green gradient, sixteen by twelve pixels\"" <(unzip -p "$epub" '*.xhtml') ||
  fail "no <img> with the image's alt text in the EPUB"
grep -q 'media-type="image/png"' <(unzip -p "$epub" OEBPS/content.opf) || fail "the PNG is not in the package manifest"
pdfimages -list "$tmp/img/local-image.pdf" | awk 'NR > 2 && $4 == 16 && $5 == 12 { found = 1 } END { exit !found }' ||
  fail "the PDF does not draw a 16x12 image: $(pdfimages -list "$tmp/img/local-image.pdf")"
echo "local image: embedded in the EPUB ($entry) and drawn in the PDF"

# ---------------------------------------------------------------- 3. errors
printf -- '---\ntitle: ok\nauthors: [a, b\n---\n\n# Body\n' >"$tmp/bad.md"
status=0
"$galley" convert "$tmp/bad.md" --format epub -o "$tmp/out" 2>"$tmp/err" || status=$?
[[ $status == 1 ]] || fail "malformed front matter: exit $status, expected 1"
grep -Eq "^galley: error: .*bad\.md:[0-9]+: " "$tmp/err" || fail "malformed front matter message: $(cat "$tmp/err")"
[[ ! -e "$tmp/out/bad.epub" ]] || fail "malformed front matter left an output"

# Extension selection: .markdown is Markdown too; --from markdown for others.
printf '# Title Here\n\n## Part\n\ntext *em*\n' >"$tmp/x.markdown"
"$galley" inspect "$tmp/x.markdown" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["metadata"]["title"] == "Title Here", d["metadata"]
assert d["blocks"][0]["type"] == "heading" and d["blocks"][0]["text"] == "Part", d["blocks"][0]
' || fail ".markdown input not read as Markdown"
cp "$tmp/x.markdown" "$tmp/x.txt"
"$galley" inspect "$tmp/x.txt" --from markdown --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["metadata"]["title"] == "Title Here", d["metadata"]
' || fail "--from markdown not honoured"

echo "markdown: all checks passed"
