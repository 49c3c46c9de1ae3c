#!/usr/bin/env bash
# Print-ready PDF (issue 10): --print-ready --bleed 3mm --crop-marks on the
# book, the seed article and a Markdown article with an image (tests/data).
#   print_ready.sh GALLEY   (env: GALLEY_TEST_DATA, GALLEY_SOURCE_DIR)
# qpdf --check and ghostscript (-dPDFSTOPONERROR) clean; qpdf --json shows
# TrimBox (the page asked for) and BleedBox (3 mm around it) on every page,
# the MediaBox holding both, the PDF/X output intent with its ICC profile and
# the XMP packet; fonts embedded; ghostscript's inkcov shows no cyan, magenta
# or yellow on text pages, with and without --print-ready; the page count and
# the text are those of the run without --print-ready; the same bytes twice;
# the style key print_ready: true does what --print-ready does; --bleed
# alone is a warning; a bad --bleed is a one-line usage error.
set -euo pipefail

GALLEY=$(realpath "$1")
DATA=${GALLEY_TEST_DATA:?}
SRC=${GALLEY_SOURCE_DIR:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }
PR=(--print-ready --bleed 3mm --crop-marks)

# boxes_and_intent PDF PLAIN_PDF BLEED_PT: the qpdf --json checks.
boxes_and_intent() {
  qpdf --json --json-stream-data=inline "$1" >"$WORK/j.json"
  qpdf --json "$2" >"$WORK/plain.json"
  python3 - "$WORK/j.json" "$WORK/plain.json" "$3" <<'EOF'
import base64, json, sys
j, plain, bleed = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
objs, pobjs = j["qpdf"][1], plain["qpdf"][1]
def val(objs, ref):
    o = objs["obj:" + ref] if isinstance(ref, str) and ref.endswith(" R") else {"value": ref}
    return o.get("value", o.get("stream", {}).get("dict"))
bad = []
for page, ppage in zip(j["pages"], plain["pages"]):
    d, pd = val(objs, page["object"]), val(pobjs, ppage["object"])
    media, pmedia = [float(x) for x in d["/MediaBox"]], [float(x) for x in pd["/MediaBox"]]
    if "/TrimBox" not in d or "/BleedBox" not in d:
        bad.append("page %d: no TrimBox or BleedBox" % page["pageposfrom1"]); continue
    t, b = [float(x) for x in d["/TrimBox"]], [float(x) for x in d["/BleedBox"]]
    if abs((t[2] - t[0]) - pmedia[2]) > 0.01 or abs((t[3] - t[1]) - pmedia[3]) > 0.01:
        bad.append("page %d: TrimBox %s is not the page %s" % (page["pageposfrom1"], t, pmedia))
    if any(abs(x - bleed) > 0.01 for x in (t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3])):
        bad.append("page %d: BleedBox %s is not TrimBox %s + %.3f" % (page["pageposfrom1"], b, t, bleed))
    if not (media[0] <= b[0] and media[1] <= b[1] and media[2] >= b[2] + 10 and media[3] >= b[3] + 10):
        bad.append("page %d: MediaBox %s leaves no room for marks outside %s" % (page["pageposfrom1"], media, b))
root = val(objs, objs["trailer"]["value"]["/Root"])
intents = [val(objs, i) for i in val(objs, root.get("/OutputIntents", []))]
if not any(i.get("/S") == "/GTS_PDFX" and "/DestOutputProfile" in i and "/OutputConditionIdentifier" in i for i in intents):
    bad.append("no /GTS_PDFX output intent with a profile")
profile = next((objs["obj:" + i["/DestOutputProfile"]]["stream"]["dict"] for i in intents if "/DestOutputProfile" in i), {})
if profile.get("/N") != 4:
    bad.append("the output profile is not CMYK: %s" % profile)
meta = objs.get("obj:" + root.get("/Metadata", "none"), {}).get("stream", {})
xmp = base64.b64decode(meta.get("data", "")).decode("utf-8", "replace")
for want in ("<pdfxid:GTS_PDFXVersion>PDF/X-4<", "<xmpMM:DocumentID>uuid:", "<xmpMM:InstanceID>uuid:", "<dc:title>", "<pdf:Trapped>False<"):
    if want not in xmp: bad.append("XMP lacks " + want)
info = val(objs, objs["trailer"]["value"]["/Info"])
if info.get("/GTS_PDFXVersion") != "u:PDF/X-4" or info.get("/Trapped") != "/False":
    bad.append("Info lacks /GTS_PDFXVersion or /Trapped: %s" % info)
if "/ID" not in objs["trailer"]["value"]: bad.append("no trailer /ID")
if float(j["qpdf"][0]["pdfversion"]) < 1.6: bad.append("PDF version %s" % j["qpdf"][0]["pdfversion"])
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
EOF
}

# no_cmy PDF LAST_PAGE SKIP_PAGES...: inkcov's C, M and Y are 0 on pages 1..LAST
# but the skipped ones (pictures); measured within the TrimBox when the
# sheet has registration marks (they print in every ink by design).
no_cmy() {
  local pdf=$1 last=$2
  shift 2
  gs -q -o - -sDEVICE=inkcov -dUseTrimBox -dFirstPage=1 -dLastPage="$last" "$pdf" >"$WORK/ink.txt"
  # Pages holding a picture (the layout decides which) are skipped too.
  local pictures
  pictures=$(pdfimages -list "$pdf" | awk 'NR > 2 { print $1 }' | tr '\n' ' ')
  awk -v skip=" $* $pictures " 'index(skip, " " NR " ") == 0 && ($1 + $2 + $3) > 0 { print "page " NR ": " $0; bad = 1 }
                      END { exit bad }' "$WORK/ink.txt" || fail "$pdf has cyan, magenta or yellow on text pages"
}

check() {  # INPUT STEM LAST_TEXT_PAGE PICTURE_PAGES...
  local input=$1 stem=$2 last=$3
  shift 3
  "$GALLEY" convert "$input" -o "$WORK/plain/" --format pdf 2>/dev/null
  "$GALLEY" convert "$input" -o "$WORK/pr/" --format pdf "${PR[@]}" 2>/dev/null
  "$GALLEY" convert "$input" -o "$WORK/pr2/" --format pdf "${PR[@]}" 2>/dev/null
  local plain=$WORK/plain/$stem.pdf pdf=$WORK/pr/$stem.pdf
  cmp -s "$pdf" "$WORK/pr2/$stem.pdf" || fail "$stem: print-ready PDF differs between two runs"
  qpdf --check "$pdf" >"$WORK/qpdf.txt" 2>&1 || { cat "$WORK/qpdf.txt"; fail "qpdf --check $stem"; }
  if grep -qi "warning" "$WORK/qpdf.txt"; then cat "$WORK/qpdf.txt"; fail "qpdf warnings in $stem"; fi
  local gs_out
  gs_out=$(gs -q -dNOPAUSE -dBATCH -dPDFSTOPONERROR -sDEVICE=nullpage "$pdf" 2>&1) || fail "gs failed on $stem: $gs_out"
  [ -z "$gs_out" ] || fail "gs has messages on $stem: $gs_out"
  pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" { print; bad = 1 } END { exit bad }' || fail "$stem: a font is not embedded"
  boxes_and_intent "$pdf" "$plain" 8.504 || fail "$stem: boxes, output intent or XMP"
  local pages plain_pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  plain_pages=$(pdfinfo "$plain" | awk '/^Pages:/ { print $2 }')
  [ "$pages" = "$plain_pages" ] || fail "$stem: $pages pages print-ready, $plain_pages without"
  pdftotext "$plain" "$WORK/plain.txt"
  pdftotext "$pdf" "$WORK/pr.txt"
  cmp -s "$WORK/plain.txt" "$WORK/pr.txt" || fail "$stem: the text differs from the run without --print-ready"
  [ "$last" -le "$pages" ] || last=$pages
  no_cmy "$plain" "$last" "$@"
  no_cmy "$pdf" "$last" "$@"
  rm -rf "$WORK/plain" "$WORK/pr" "$WORK/pr2"
}

check "$DATA/books/pride-and-prejudice_pg1342.txt" pride-and-prejudice_pg1342 24
check "$DATA/seed/000_5606bfb668b87f54.txt" 000_5606bfb668b87f54 99
check "$DATA/local-image/local-image.md" local-image 99 5

# Without --print-ready: no PDF/X, the page as asked; K-only all the same.
"$GALLEY" convert "$DATA/local-image/local-image.md" -o "$WORK/plain/" --format pdf
grep -q "/OutputIntents\|GTS_PDFX" <(qpdf --qdf "$WORK/plain/local-image.pdf" -) && fail "PDF/X entries without --print-ready"
grep -q "TrimBox" <(qpdf --qdf "$WORK/plain/local-image.pdf" -) && fail "a TrimBox without --print-ready"

# The style key does what the option does (without a bleed: BleedBox = TrimBox).
{ cat "$SRC/styles/article.style"; echo "print_ready: true"; } >"$WORK/pr.style"
"$GALLEY" convert "$DATA/local-image/local-image.md" -o "$WORK/styled/" --format pdf --style "$WORK/pr.style"
grep -q "/GTS_PDFX" <(qpdf --qdf "$WORK/styled/local-image.pdf" -) || fail "style print_ready: true gave no PDF/X"

# --bleed without print-ready: said, not silently ignored.
"$GALLEY" convert "$DATA/local-image/local-image.md" -o "$WORK/nopr/" --format pdf --bleed 3mm 2>"$WORK/warn.txt"
grep -q "apply only to a print-ready PDF" "$WORK/warn.txt" || fail "--bleed without --print-ready gave no warning"

# A bad bleed: a usage error on one line, nothing written.
if "$GALLEY" convert "$DATA/local-image/local-image.md" -o "$WORK/bad/" --format pdf --print-ready --bleed 3parsecs \
  2>"$WORK/err.txt"; then
  fail "--bleed 3parsecs was accepted"
fi
grep -q "bleed" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "the --bleed error does not say what is wrong"; }
[ ! -e "$WORK/bad/local-image.pdf" ] || fail "a PDF was written despite the bad --bleed"
echo "print_ready: OK"
