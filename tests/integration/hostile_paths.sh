#!/usr/bin/env bash
# Paths built to escape (issue 12): nothing is written outside the output
# folder, output stems "." and ".." are refused, a cover named in a metadata
# file or a manifest line is taken relative to that file, an image is an
# image by its signature only, SVGs lose their scripts, links with brackets,
# parentheses and non-ASCII become valid URIs in both outputs, HTML input and
# bad --date/--identifier values are refused.
set -euo pipefail
galley=$(readlink -f "${1:?usage: hostile_paths.sh GALLEY_BINARY}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib/inputs.sh"
article=$(find_input digitalgov-2012-03-05-myds-web-app.txt) || { echo "SKIP: test inputs not found"; exit 77; }
png=$(find_input gradient.png) || { echo "SKIP: test inputs not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$tmp/src" "$tmp/out" "$tmp/elsewhere"
cp "$article" "$tmp/src/a.txt"

# 1. A symbolic link inside the output folder: the batch refuses to write through it.
mkdir -p "$tmp/src/sub"
cp "$article" "$tmp/src/sub/b.txt"
ln -s "$tmp/elsewhere" "$tmp/out/sub"
status=0
"$galley" batch "$tmp/src" -o "$tmp/out" --format epub --report "$tmp/r1.jsonl" 2>"$tmp/err" || status=$?
[[ $status == 1 ]] || fail "symlinked output folder: exit $status, expected 1"
[[ -z $(ls -A "$tmp/elsewhere") ]] || fail "the batch wrote through a symbolic link: $(ls "$tmp/elsewhere")"
grep -q "outside the output folder" "$tmp/err" || fail "no error naming the escape: $(cat "$tmp/err")"
[[ -s $tmp/out/a.epub ]] || fail "the good input was not converted"
rm "$tmp/out/sub"

# 2. Manifest outputs "." and ".." are refused; nothing named ..epub appears.
cd "$tmp"
printf '{"input": "src/a.txt", "output": "."}\n{"input": "src/a.txt", "output": "x/.."}\n' >m.jsonl
status=0
"$galley" batch @m.jsonl -o "$tmp/out2" --format epub 2>"$tmp/err" || status=$?
[[ $status == 1 ]] || fail "output '.': exit $status, expected 1"
[[ $(grep -c 'must be a relative path inside the output folder' "$tmp/err") == 2 ]] || fail "output '.': $(cat "$tmp/err")"
[[ -z $(ls -A "$tmp/out2" 2>/dev/null) ]] || fail "output '.': wrote $(ls -A "$tmp/out2")"

# 3. A cover named in a metadata file, and in a manifest line, is taken from
# that file's folder, not the current one. (--no-cover: no generated cover
# to take the metadata cover's place under images/.)
mkdir -p "$tmp/meta" "$tmp/elsewhere2"
cp "$png" "$tmp/meta/cover.png"
printf 'title: Covered\ncover: cover.png\n' >"$tmp/meta/book.yaml"
cd "$tmp/elsewhere2"
"$galley" convert "$tmp/src/a.txt" -o "$tmp/o3" --format epub --no-cover --metadata "$tmp/meta/book.yaml" 2>"$tmp/err"
listing=$(unzip -l "$tmp/o3/a.epub")
grep -q 'images/' <<<"$listing" || fail "metadata cover not embedded: $(cat "$tmp/err")"
printf '{"input": "%s", "cover": "cover.png"}\n' "$tmp/src/a.txt" >"$tmp/meta/list.jsonl"
"$galley" batch "@$tmp/meta/list.jsonl" -o "$tmp/o4" --format epub --no-cover 2>"$tmp/err"
listing=$(unzip -l "$tmp/o4/a.epub")
grep -q 'images/' <<<"$listing" || fail "manifest cover not embedded: $(cat "$tmp/err")"

# 4. Signatures, not names: a text file mentioning <svg is no image.
mkdir -p "$tmp/md"
printf 'Notes on the <svg> element.\n' >"$tmp/md/fake.svg"
cat >"$tmp/md/evil.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="4" height="4"/><image href="http://example.com/t.png"/></svg>
SVG
printf '# Images\n\n![fake](fake.svg)\n\n![evil](evil.svg)\n\nText [l](<foo(and(bar)>) [m](<http://example.com/\\[\\>) [n](https://de.wikipedia.org/wiki/Straße).\n' >"$tmp/md/i.md"
"$galley" convert "$tmp/md/i.md" -o "$tmp/o5" 2>"$tmp/err"
grep -q "not a PNG, JPEG, GIF or SVG file: fake.svg" "$tmp/err" || fail "fake SVG accepted: $(cat "$tmp/err")"
grep -q "evil.svg.*removed" "$tmp/err" || fail "no warning for the sanitized SVG: $(cat "$tmp/err")"
svg=$(unzip -p "$tmp/o5/i.epub" '*.svg')
grep -q '<rect' <<<"$svg" || fail "the SVG lost its drawing"
if grep -qE 'alert|onload|example.com' <<<"$svg"; then fail "the SVG kept its script: $svg"; fi
java -jar /usr/share/java/epubcheck.jar "$tmp/o5/i.epub" >"$tmp/check" 2>&1 || { cat "$tmp/check" >&2; fail "epubcheck"; }
qpdf --check "$tmp/o5/i.pdf" >/dev/null || fail "qpdf rejects the PDF with odd link targets"
uris=$(qpdf --qdf --object-streams=disable "$tmp/o5/i.pdf" - | grep -a '/URI (' || true)
if LC_ALL=C grep -q '[^ -~]' <<<"$uris"; then fail "non-ASCII URI in the PDF: $uris"; fi
grep -q 'Stra%C3%9Fe' <<<"$uris" || fail "the URI was not percent-encoded: $uris"

# 5. Refused at once: HTML input, a bad --date, a bad --identifier.
printf '<p>hi</p>\n' >"$tmp/page.html"
status=0; "$galley" convert "$tmp/page.html" -o "$tmp/o6" 2>"$tmp/err" || status=$?
[[ $status == 1 ]] && grep -q "HTML input is not read" "$tmp/err" || fail "HTML input: exit $status, $(cat "$tmp/err")"
status=0; "$galley" convert "$tmp/src/a.txt" -o "$tmp/o6" --date yesterday 2>"$tmp/err" || status=$?
[[ $status == 2 ]] && grep -q "invalid --date 'yesterday'" "$tmp/err" || fail "--date yesterday: exit $status"
status=0; "$galley" convert "$tmp/src/a.txt" -o "$tmp/o6" --identifier ' x' 2>"$tmp/err" || status=$?
[[ $status == 2 ]] && grep -q "invalid --identifier" "$tmp/err" || fail "--identifier: exit $status"
[[ -z $(ls -A "$tmp/o6" 2>/dev/null) ]] || fail "refused conversions left files"
echo "hostile_paths: ok"
