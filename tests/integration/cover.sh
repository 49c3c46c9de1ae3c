#!/usr/bin/env bash
# Covers (issue 10): the full-wrap print cover and the generated EPUB cover.
#   cover.sh GALLEY   (env: GALLEY_TEST_DATA)
# Print cover: STEM-cover.pdf from --format cover alone or with others;
# width = 2 x trim + interior pages x caliper + 2 x bleed (to 0.1 pt) with
# the interior's page count, for a short article and a 351-page book and
# with the cream caliper preset; TrimBox, BleedBox, PDF/X-4 output intent and
# XMP (qpdf --json); qpdf --check and ghostscript clean; text on the spine
# only from 6.35 mm; the barcode box white. EPUB cover: a 1600 x 2560 PNG
# declared as the cover-image, with a cover page and alt text, the same
# bytes twice, epubcheck clean, calibre's cover (when ebook-meta is
# installed); --cover FILE used as given; --no-cover none.
# A bad cover style: one-line error, no output.
set -euo pipefail

GALLEY=$(realpath "$1")
DATA=${GALLEY_TEST_DATA:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000

BOOK=$DATA/books/pride-and-prejudice_pg1342.txt
ARTICLE=$DATA/seed/000_5606bfb668b87f54.txt
IMAGE=$DATA/local-image/images/gradient.png
fail() { echo "FAIL: $*" >&2; exit 1; }

# check_cover COVER INTERIOR CALIPER_MM BLEED_MM: boxes and width from the interior's pages.
check_cover() {
  local cover=$1 interior=$2 caliper=$3 bleed=$4 pages
  pages=$(pdfinfo "$interior" | awk '/^Pages:/ { print $2 }')
  qpdf --check "$cover" >"$WORK/qpdf.txt" 2>&1 || { cat "$WORK/qpdf.txt"; fail "qpdf --check $cover"; }
  if grep -qi "warning" "$WORK/qpdf.txt"; then cat "$WORK/qpdf.txt"; fail "qpdf warnings in $cover"; fi
  local gs_out
  gs_out=$(gs -q -dNOPAUSE -dBATCH -dPDFSTOPONERROR -sDEVICE=nullpage "$cover" 2>&1) || fail "ghostscript fails on $cover"
  [[ -z $gs_out ]] || { echo "$gs_out"; fail "ghostscript messages on $cover"; }
  qpdf --json=2 --json-key=qpdf "$cover" >"$WORK/cover.json"
  python3 - "$WORK/cover.json" "$pages" "$caliper" "$bleed" <<'PY' || fail "boxes of $cover"
import json, sys
objs = json.load(open(sys.argv[1]))["qpdf"][1]
pages, caliper, bleed = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
mm = 72 / 25.4
def val(ref):
    o = objs.get("obj:" + ref, {})
    return o.get("value", o.get("stream", {}).get("dict"))
page_objs = [v["value"] for v in objs.values() if isinstance(v, dict) and isinstance(v.get("value"), dict)
             and v["value"].get("/Type") == "/Page"]
assert len(page_objs) == 1, "one page"
p = page_objs[0]
trim, bleed_box, media = ([float(x) for x in p[k]] for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
a5_w, a5_h = 419.528, 595.276
spine = pages * caliper * mm
width = 2 * a5_w + spine + 2 * bleed * mm
got = bleed_box[2] - bleed_box[0]
print(f"cover: {pages} pages, spine {spine / mm:.2f} mm, width {got:.2f} pt, expected {width:.2f} pt")
assert abs(got - width) < 0.1, "cover width"
assert abs((trim[2] - trim[0]) - (2 * a5_w + spine)) < 0.1 and abs((trim[3] - trim[1]) - a5_h) < 0.1, "trim"
assert abs((trim[0] - bleed_box[0]) - bleed * mm) < 0.01, "bleed"
assert media[0] <= bleed_box[0] + 0.01 and media[2] >= bleed_box[2] - 0.01, "media holds bleed"
root = val(objs["trailer"]["value"]["/Root"])
intent = val(root["/OutputIntents"][0])
assert intent["/S"] == "/GTS_PDFX" and "/DestOutputProfile" in intent, "output intent"
assert "/Metadata" in root, "XMP"
PY
}

# 1. The book: pdf, epub and cover in one run; the cover alone gives the same cover.
"$GALLEY" convert "$BOOK" -o "$WORK/all" --format epub,pdf,cover --description "The Bennet sisters and Mr Darcy." \
  2>/dev/null
for f in pride-and-prejudice_pg1342.epub pride-and-prejudice_pg1342.pdf pride-and-prejudice_pg1342-cover.pdf; do
  [[ -s $WORK/all/$f ]] || fail "$f not written"
done
check_cover "$WORK/all/pride-and-prejudice_pg1342-cover.pdf" "$WORK/all/pride-and-prejudice_pg1342.pdf" 0.0572 3.175
"$GALLEY" convert "$BOOK" -o "$WORK/alone" --format cover --description "The Bennet sisters and Mr Darcy." 2>/dev/null
[[ $(ls "$WORK/alone") == pride-and-prejudice_pg1342-cover.pdf ]] || fail "--format cover wrote $(ls "$WORK/alone")"
cmp "$WORK/all/pride-and-prejudice_pg1342-cover.pdf" "$WORK/alone/pride-and-prejudice_pg1342-cover.pdf" ||
  fail "the cover alone differs from the cover beside the PDF"

# 2. Spine text from 6.35 mm: the book's spine (351 pages, 20 mm) has title
#    and author; the article's (a few pages) has neither.
text=$(pdftotext "$WORK/all/pride-and-prejudice_pg1342-cover.pdf" -)
[[ $(grep -o "Jane Austen" <<<"$text" | wc -l) -eq 2 ]] || fail "the book's author is not on front and spine: $text"
grep -q "The Bennet sisters and Mr Darcy." <<<"$text" || fail "no description on the back"
"$GALLEY" convert "$ARTICLE" -o "$WORK/art" --format pdf,cover --author "A. Writer" --bleed 3mm 2>/dev/null
check_cover "$WORK/art/000_5606bfb668b87f54-cover.pdf" "$WORK/art/000_5606bfb668b87f54.pdf" 0.0572 3
text=$(pdftotext "$WORK/art/000_5606bfb668b87f54-cover.pdf" -)
[[ $(grep -o "A. Writer" <<<"$text" | wc -l) -eq 1 ]] || fail "the article's thin spine has text: $text"

# 3. The barcode box: white, 2 x 1.2 in at the back's lower right (pixel
#    0.5 in left of the back's right trim edge, 0.5 in above its foot; 72 dpi).
pdftoppm -r 72 -singlefile "$WORK/all/pride-and-prejudice_pg1342-cover.pdf" "$WORK/render"
python3 - "$WORK/render.ppm" <<'PY' || fail "barcode box"
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(b"\n", 3)
w, h = (int(x) for x in parts[1].split())
pix = parts[3]
def at(x, y):
    i = 3 * (y * w + x)
    return tuple(pix[i:i + 3])
bleed, a5_w = 9, 419.528
x, y = int(bleed + a5_w - 36), int(h - bleed - 36)
assert at(x, y) == (255, 255, 255), f"barcode box pixel {at(x, y)}"
assert at(int(bleed + a5_w - 36 - 160), y) != (255, 255, 255), "box wider than 2 in"
assert at(5, 5) != (255, 255, 255), "background"
PY

# 4. A cream paper: thicker spine.
mkdir -p "$WORK/style"
printf 'cover:\n  caliper: cream\n' >"$WORK/style/cream.style"
"$GALLEY" convert "$BOOK" -o "$WORK/cream" --format pdf,cover --style "$WORK/style/cream.style" 2>/dev/null
check_cover "$WORK/cream/pride-and-prejudice_pg1342-cover.pdf" "$WORK/cream/pride-and-prejudice_pg1342.pdf" 0.0635 3.175

# 5. The generated EPUB cover.
epub=$WORK/all/pride-and-prejudice_pg1342.epub
opf=$(unzip -p "$epub" OEBPS/content.opf)
grep -q '<item id="cover-image" href="images/[^"]*.png" media-type="image/png" properties="cover-image"/>' <<<"$opf" ||
  fail "no cover-image item: $opf"
grep -q '<meta name="cover" content="cover-image"/>' <<<"$opf" || fail "no EPUB 2 cover meta"
grep -q '<itemref idref="cover"/>' <<<"$opf" || fail "the cover page is not in the spine"
href=$(grep -o '<item id="cover-image" href="[^"]*"' <<<"$opf" | sed 's/.*href="//; s/"$//')
unzip -p "$epub" "OEBPS/$href" >"$WORK/cover.png"
python3 - "$WORK/cover.png" <<'PY' || fail "cover PNG size"
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR"
assert struct.unpack(">II", d[16:24]) == (1600, 2560), struct.unpack(">II", d[16:24])
PY
page=$(unzip -p "$epub" OEBPS/cover.xhtml)
grep -q "alt=\"Cover: Pride and Prejudice, by Jane Austen\"" <<<"$page" || fail "cover alt text: $page"
"$GALLEY" convert "$BOOK" -o "$WORK/again" --format epub --description "The Bennet sisters and Mr Darcy." 2>/dev/null
unzip -p "$WORK/again/pride-and-prejudice_pg1342.epub" "OEBPS/$href" | cmp - "$WORK/cover.png" ||
  fail "the generated cover differs between runs"
# A reading system's view, when calibre is installed: its cover is ours.
if command -v ebook-meta >/dev/null; then
  ebook-meta "$epub" --get-cover "$WORK/calibre-cover.png" >/dev/null 2>&1 || fail "ebook-meta failed"
  cmp "$WORK/calibre-cover.png" "$WORK/cover.png" || fail "calibre's cover is not the generated one"
fi
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
if [[ -f $epubcheck_jar ]] && command -v java >/dev/null; then
  java -jar "$epubcheck_jar" "$epub" >"$WORK/epubcheck.txt" 2>&1 || { cat "$WORK/epubcheck.txt"; fail "epubcheck"; }
  grep -q "No errors or warnings detected" "$WORK/epubcheck.txt" || { cat "$WORK/epubcheck.txt"; fail "epubcheck warnings"; }
fi

# 6. --cover FILE is used as given; --no-cover leaves the EPUB without one.
"$GALLEY" convert "$ARTICLE" -o "$WORK/given" --format epub --cover "$IMAGE" 2>/dev/null
opf=$(unzip -p "$WORK/given/000_5606bfb668b87f54.epub" OEBPS/content.opf)
href=$(grep -o '<item id="cover-image" href="[^"]*"' <<<"$opf" | sed 's/.*href="//; s/"$//')
[[ -n $href ]] || fail "--cover gave no cover-image"
unzip -p "$WORK/given/000_5606bfb668b87f54.epub" "OEBPS/$href" | cmp - "$IMAGE" || fail "--cover image changed"
"$GALLEY" convert "$ARTICLE" -o "$WORK/none" --format epub --no-cover 2>/dev/null
opf=$(unzip -p "$WORK/none/000_5606bfb668b87f54.epub" OEBPS/content.opf)
if grep -q "cover" <<<"$opf"; then fail "--no-cover still has a cover"; fi
if "$GALLEY" convert "$ARTICLE" -o "$WORK/both" --cover "$IMAGE" --no-cover 2>/dev/null; then
  fail "--cover with --no-cover accepted"
fi

# 7. A bad cover style: one line naming the style file, no output at all.
printf 'cover:\n  caliper: glossy\n' >"$WORK/style/bad.style"
mkdir -p "$WORK/bad"
if "$GALLEY" convert "$BOOK" -o "$WORK/bad" --format epub,pdf,cover --style "$WORK/style/bad.style" 2>"$WORK/err.txt"; then
  fail "a bad caliper was accepted"
fi
[[ $(wc -l <"$WORK/err.txt") -eq 1 ]] && grep -q "bad.style.*caliper 'glossy'" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "error message"; }
[[ -z $(ls -A "$WORK/bad") ]] || fail "output left after an error: $(ls -A "$WORK/bad")"

echo "cover: all checks passed"
