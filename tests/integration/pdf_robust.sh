#!/usr/bin/env bash
# The PDF side of issue 12: images anywhere in the flow (first on a page,
# first in a quote or a list item, two in a row) give a valid PDF and a valid
# EPUB (Cairo 1.16 used to fail with "invalid tag name, attributes, or
# nesting"); a JPEG that cannot be decoded is a warning and leaks nothing; a
# PDF that cannot be written is an error naming the input and saying why
# (a full disk included); the task-list boxes, which no font in fonts/ has,
# are drawn: an empty box and a crossed one, read as U+2610 and U+2612.
set -euo pipefail
galley=$(readlink -f "${1:?usage: pdf_robust.sh GALLEY_BINARY}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib/inputs.sh"
png=$(find_input gradient.png) || { echo "SKIP: test inputs not found"; exit 77; }
for tool in qpdf gs java pdftotext; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
[[ -f $epubcheck_jar ]] || { echo "SKIP: epubcheck not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$tmp/src/images"
cp "$png" "$tmp/src/images/small.png"

# 1. Images first, nested and consecutive: both outputs written and valid.
printf '# I\n\n![first](images/small.png)\n\nText after the image.\n' >"$tmp/src/first.md"
printf '# I\n\nA paragraph.\n\n![one](images/small.png)\n\n![two](images/small.png)\n\nText after.\n' \
  >"$tmp/src/consecutive.md"
printf '# I\n\n> ![quoted](images/small.png)\n>\n> Quoted text.\n\nAfter the quote.\n' >"$tmp/src/quote.md"
printf '# I\n\n- ![listed](images/small.png) item text\n- second item\n\n1. ![numbered](images/small.png)\n' \
  >"$tmp/src/list.md"
printf '# I\n\n![a](images/small.png)\n![b](images/small.png)\n\n![c](images/small.png)\n' >"$tmp/src/only.md"
for name in first consecutive quote list only; do
  "$galley" convert "$tmp/src/$name.md" -o "$tmp/out" 2>"$tmp/err" || fail "$name.md: $(cat "$tmp/err")"
  pdf=$tmp/out/$name.pdf
  [[ -s $pdf && -s $tmp/out/$name.epub ]] || fail "$name.md: outputs missing"
  qpdf --check "$pdf" >"$tmp/check" 2>&1 || { cat "$tmp/check" >&2; fail "$name.pdf: qpdf --check"; }
  gs -q -dPDFSTOPONERROR -sDEVICE=nullpage -o /dev/null "$pdf" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check" >&2; fail "$name.pdf: ghostscript"; }
  grep -aq "/Figure" "$pdf" || fail "$name.pdf: no Figure structure element"
  java -jar "$epubcheck_jar" "$tmp/out/$name.epub" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check" >&2; fail "$name.epub: epubcheck"; }
done
pdftotext "$tmp/out/first.pdf" - | grep -q "Text after the image" || fail "first.pdf: text lost"
pdftotext "$tmp/out/quote.pdf" - | grep -q "Quoted text" || fail "quote.pdf: text lost"
pdftotext "$tmp/out/list.pdf" - | grep -q "second item" || fail "list.pdf: text lost"
# Each image is painted: one image XObject per picture drawn.
[[ $(qpdf --show-npages "$tmp/out/only.pdf") -ge 1 ]] || fail "only.pdf: no pages"
images=$(qpdf --qdf --object-streams=disable "$tmp/out/only.pdf" - | grep -ac "/Subtype /Image" || true)
[[ $images -ge 1 ]] || fail "only.pdf: no image in the PDF"

# 2. A JPEG whose header promises 60000 x 60000 pixels and whose data is
# garbage: a warning naming it, both outputs still written; under valgrind
# (where installed) nothing is definitely lost.
printf '\xff\xd8\xff\xc0\x00\x11\x08\xea\x60\xea\x60\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9' \
  >"$tmp/src/images/bad.jpg"
head -c 2000 /dev/urandom >>"$tmp/src/images/bad.jpg"
printf '# J\n\nBefore.\n\n![bad](images/bad.jpg)\n\nAfter the bad image.\n' >"$tmp/src/jpeg.md"
"$galley" convert "$tmp/src/jpeg.md" -o "$tmp/out" 2>"$tmp/err" || fail "jpeg.md: $(cat "$tmp/err")"
qpdf --check "$tmp/out/jpeg.pdf" >/dev/null 2>&1 || fail "jpeg.pdf: qpdf --check"
grep -q "After the bad image" <(pdftotext "$tmp/out/jpeg.pdf" -) || fail "jpeg.pdf: text lost"
if command -v valgrind >/dev/null && ! grep -qE 'lib[at]san' <(ldd "$galley"); then
  # fontconfig's caches are reported lost too; only galley's own frames count.
  valgrind --leak-check=full --show-leak-kinds=definite \
    "$galley" convert "$tmp/src/jpeg.md" -o "$tmp/vg" --format pdf >"$tmp/vg.log" 2>&1 ||
    { cat "$tmp/vg.log" >&2; fail "jpeg.md under valgrind"; }
  awk '/definitely lost in loss record/ { rec = 1; text = "" } rec { text = text $0 "\n" }
       rec && /^==[0-9]+== $/ { if (text ~ /galley::pdf/) { printf "%s", text; bad = 1 } rec = 0 }
       END { exit bad }' "$tmp/vg.log" || fail "jpeg.md: memory lost in the PDF writer"
fi

# 3. Task-list boxes: extracted as the characters, drawn as two different
# boxes (both were the font's missing-glyph box): the checked one has more ink.
printf '# Tasks\n\n- [ ] open item\n- [x] done item\n' >"$tmp/src/tasks.md"
"$galley" convert "$tmp/src/tasks.md" -o "$tmp/out" --format pdf 2>"$tmp/tasks.err" || fail "tasks.md not converted"
if grep -q 'U+2610\|U+2612' "$tmp/tasks.err"; then fail "tasks.md: warned that drawn boxes are missing: $(cat "$tmp/tasks.err")"; fi
pdftotext -bbox "$tmp/out/tasks.pdf" "$tmp/bbox.html" 2>/dev/null
grep -q '>☐<' "$tmp/bbox.html" && grep -q '>☒<' "$tmp/bbox.html" || fail "tasks.pdf: the boxes are not in the text layer"
page=$(awk '/<page / { p++ } />☐</ { print p; exit }' "$tmp/bbox.html")
pdftoppm -r 300 -gray -f "$page" -l "$page" "$tmp/out/tasks.pdf" "$tmp/tasks"
python3 - "$tmp/bbox.html" "$(ls "$tmp"/tasks-*.pgm)" <<'EOF_PY' || fail "tasks.pdf: the two boxes do not differ as they should"
import re, sys
html, pgm = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], "rb").read()
fields = pgm.split(maxsplit=4)
width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
def ink(char):
    m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">' + char + "<", html)
    x0, y0, x1, y1 = (int(float(v) * 300 / 72) for v in m.groups())
    return sum(pixels[y * width + x] < 128 for y in range(y0, y1) for x in range(x0, x1))
empty, checked = ink("\u2610"), ink("\u2612")
print(f"dark pixels: empty box {empty}, checked box {checked}")
sys.exit(0 if 0 < empty < checked * 0.85 else 1)
EOF_PY

# 4. A PDF that cannot be written names the input and says why: a full disk
# (an 8 KB tmpfs in a private mount namespace, where this machine allows one).
if unshare -rm true 2>/dev/null; then
  mkdir -p "$tmp/full"
  status=0
  unshare -rm bash -c 'mount -t tmpfs -o size=8k tmpfs "$1" && exec "$2" convert "$3" -o "$1" --format pdf' \
    _ "$tmp/full" "$galley" "$tmp/src/first.md" 2>"$tmp/err" || status=$?
  [[ $status == 1 ]] || fail "full disk: exit $status, expected 1 ($(cat "$tmp/err"))"
  grep -q "^galley: error: $tmp/src/first.md: .*No space left on device" "$tmp/err" ||
    fail "full disk: the error does not name the input and the cause: $(cat "$tmp/err")"
  grep -q "galley-tmp" "$tmp/err" && fail "full disk: the error names the temporary file: $(cat "$tmp/err")"
else
  echo "note: no private mount namespace here; the full-disk case is not run"
fi
echo "pdf_robust: all checks passed"
