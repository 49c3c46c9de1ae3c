#!/usr/bin/env bash
# PDF output: structure checks (issue 3) on the inputs of tests/data.
#   pdf_checks.sh GALLEY   (env: GALLEY_TEST_DATA, GALLEY_SOURCE_DIR)
# qpdf --check clean, every font embedded and subset, Tagged: yes and the
# asked page size, outline entries equal the TOC, reproducible bytes with
# SOURCE_DATE_EPOCH, bad inputs converted without a crash and with their last
# words drawn. The measures with the shared tools (text fidelity, typographic
# bars) are in corpus_pdf_measures.sh.
set -euo pipefail

GALLEY=$(realpath "$1")
DATA=${GALLEY_TEST_DATA:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000

BOOK=$DATA/books/pride-and-prejudice_pg1342.txt
ARTICLE=$DATA/seed/000_5606bfb668b87f54.txt
A5=(--page-size a5 --margin 20mm,18mm --font-size 10.5pt)
fail() { echo "FAIL: $*" >&2; exit 1; }

check_pdf() {  # PDF WIDTH HEIGHT
  local pdf=$1 w=$2 h=$3
  qpdf --check "$pdf" >"$WORK/qpdf.txt" 2>&1 || { cat "$WORK/qpdf.txt"; fail "qpdf --check $pdf"; }
  grep -q "No syntax or stream encoding errors" "$WORK/qpdf.txt" || fail "qpdf reports problems in $pdf"
  if grep -qi "warning" "$WORK/qpdf.txt"; then cat "$WORK/qpdf.txt"; fail "qpdf warnings in $pdf"; fi
  pdffonts "$pdf" >"$WORK/fonts.txt"
  local fonts
  fonts=$(tail -n +3 "$WORK/fonts.txt" | wc -l)
  [ "$fonts" -gt 0 ] || fail "no fonts in $pdf"
  # columns: emb sub uni are the 3rd-, 4th- and 5th-last fields
  awk 'NR > 2 { if ($(NF-4) != "yes" || $(NF-3) != "yes") { print; bad = 1 } } END { exit bad }' "$WORK/fonts.txt" ||
    fail "a font of $pdf is not embedded and subset"
  pdfinfo "$pdf" >"$WORK/info.txt"
  grep -q "^Tagged: *yes" "$WORK/info.txt" || fail "$pdf is not tagged"
  grep -q "^Page size: *$w x $h pts" "$WORK/info.txt" || { grep "Page size" "$WORK/info.txt"; fail "$pdf page size is not $w x $h"; }
  # The catalog names the document's language (/Lang).
  local root
  root=$(qpdf --show-object=trailer "$pdf" | grep -o '/Root [0-9]*' | cut -d' ' -f2)
  qpdf --show-object="$root" "$pdf" | grep -q '/Lang ([a-z]' || fail "$pdf has no /Lang"
}

outline_matches_toc() {  # INPUT PDF
  "$GALLEY" inspect "$1" --json >"$WORK/inspect.json"
  qpdf --json --json-key=outlines "$2" >"$WORK/outlines.json"
  python3 - "$WORK/inspect.json" "$WORK/outlines.json" <<'EOF' || fail "outline differs from the TOC for $2"
import json, sys
toc = json.load(open(sys.argv[1]))["toc"]
out = json.load(open(sys.argv[2]))["outlines"]
def titles_toc(es):
    r = []
    for e in es:
        r.append(e.get("text", ""))
        r += titles_toc(e.get("children", []))
    return r
def titles_pdf(es):
    r = []
    for e in es:
        r.append(e.get("title", ""))
        r += titles_pdf(e.get("kids", []))
    return r
a, b = titles_toc(toc), titles_pdf(out)
print("toc entries", len(a), "outline entries", len(b))
sys.exit(0 if len(a) == len(b) and a == b else 1)
EOF
}

# --- the seed article, default style (an article, A5)
"$GALLEY" convert "$ARTICLE" -o "$WORK/a" --format pdf
check_pdf "$WORK/a/000_5606bfb668b87f54.pdf" 419.528 595.276
outline_matches_toc "$ARTICLE" "$WORK/a/000_5606bfb668b87f54.pdf"

# --- the book at the issue's geometry; EPUB and PDF in one run
"$GALLEY" convert "$BOOK" -o "$WORK/b" "${A5[@]}" --format pdf
PDF=$WORK/b/pride-and-prejudice_pg1342.pdf
check_pdf "$PDF" 419.528 595.276
outline_matches_toc "$BOOK" "$PDF"
# The book is painted while later chapters are still being laid out; its
# front pages (title, contents) are painted last and moved to the front of
# the file. Pages, labels and reading order must equal those of the same
# layout painted in order, as `batch -j 1` does (one thread per document).
"$GALLEY" batch "$BOOK" -o "$WORK/b1" -j 1 "${A5[@]}" --format pdf 2>/dev/null
IN_ORDER=$WORK/b1/pride-and-prejudice_pg1342.pdf
check_pdf "$IN_ORDER" 419.528 595.276
cmp <(pdftotext "$PDF" -) <(pdftotext "$IN_ORDER" -) || fail "the streamed book's text differs from the in-order one"
grep -q "Pride and Prejudice" <(pdftotext -l 1 "$PDF" -) || fail "page 1 of the book is not its title page"
python3 - "$PDF" "$IN_ORDER" <<'EOF' || fail "page labels or reading order of the streamed book"
import json, re, subprocess, sys

def labels(path):
    j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pagelabels", path],
                                  capture_output=True, text=True, check=True).stdout)
    return [(e["index"], e["label"]) for e in j["pagelabels"]]

def reading_order(path):
    # Cairo writes structure elements as plain objects: the Document
    # element's kids, as (type, page number) pairs in reading order.
    data = open(path, "rb").read()
    def obj(n):
        m = re.search(rb"\n%d 0 obj\n" % n, data)
        return data[m.start():data.find(b"endobj", m.start())]
    pages = re.findall(rb"(\d+) 0 R", obj(int(re.search(rb"/Pages (\d+) 0 R", data).group(1))).split(b"/Kids")[1])
    page_no = {int(p): i for i, p in enumerate(pages)}
    root = obj(int(re.search(rb"/StructTreeRoot (\d+) 0 R", data).group(1)))
    document = obj(int(re.search(rb"/K \[ (\d+) 0 R", root).group(1)))
    out = []
    for k in re.findall(rb"(\d+) 0 R", document.split(b"/K", 1)[1]):
        e = obj(int(k))
        pg = re.search(rb"/Pg (\d+) 0 R", e)
        out.append((re.search(rb"/S /(\w+)", e).group(1), page_no.get(int(pg.group(1))) if pg else None))
    return out

a, b = labels(sys.argv[1]), labels(sys.argv[2])
assert a == b, f"labels differ: {a[:8]} vs {b[:8]}"
assert a[0][1].get("/P") == "u:i", a[:2]
ra, rb_ = reading_order(sys.argv[1]), reading_order(sys.argv[2])
assert ra == rb_, "reading order differs"
assert ra[0] == (b"H1", 0), ra[:3]
print(f"streamed book: {len(ra)} structure elements in page order; labels {a[0]} ... {a[-1]}")
EOF
# --- right to left: an Arabic heading reads in logical order (the share of
# words in order is measured in corpus_pdf_measures.sh).
AR=$DATA/i18n/osg-ar-code-of-conduct.txt
"$GALLEY" convert "$AR" -o "$WORK/ar" --format pdf --style book 2>/dev/null  # a book: printed contents
check_pdf "$WORK/ar/osg-ar-code-of-conduct.pdf" 419.528 595.276
pdftotext -enc UTF-8 "$WORK/ar/osg-ar-code-of-conduct.pdf" "$WORK/ar/text.txt"
grep -q "لماذا تحتاج إلى" "$WORK/ar/text.txt" || fail "an Arabic heading does not read right to left"
grep -q "المحتويات" "$WORK/ar/text.txt" || fail "the printed contents of an Arabic book are not headed in Arabic"

# --- other page sizes
"$GALLEY" convert "$ARTICLE" -o "$WORK/c" --format pdf --page-size letter --margin 1in,0.75in,1in,1in --font-size 11pt
check_pdf "$WORK/c/000_5606bfb668b87f54.pdf" 612 792
"$GALLEY" convert "$ARTICLE" -o "$WORK/d" --format pdf --page-size 6x9in
check_pdf "$WORK/d/000_5606bfb668b87f54.pdf" 432 648

# --- reproducible
"$GALLEY" convert "$ARTICLE" -o "$WORK/r1" --format pdf
"$GALLEY" convert "$ARTICLE" -o "$WORK/r2" --format pdf
cmp "$WORK/r1/000_5606bfb668b87f54.pdf" "$WORK/r2/000_5606bfb668b87f54.pdf" || fail "PDF differs between runs"
pdfinfo "$WORK/r1/000_5606bfb668b87f54.pdf" | grep -q "CreationDate:.*2023" || fail "creation date ignores SOURCE_DATE_EPOCH"

# --- bad options are usage errors
set +e
"$GALLEY" convert "$ARTICLE" -o "$WORK/x" --format pdf --page-size a9000 2>/dev/null; rc=$?
set -e
[ "$rc" -ne 0 ] || fail "an unknown page size was accepted"

# --- bad input: none crashes; each one's last words are drawn
source "$(dirname "${BASH_SOURCE[0]}")/lib/pdf_bad_inputs.sh"
write_bad_inputs "$WORK"
for f in "${BAD_INPUTS[@]}"; do
  "$GALLEY" convert "$WORK/$f" -o "$WORK/bad" --format pdf 2>"$WORK/bad-$f.err" || { cat "$WORK/bad-$f.err"; fail "convert $f"; }
  pdf="$WORK/bad/${f%.*}.pdf"
  qpdf --check "$pdf" >/dev/null || fail "qpdf --check $f"
  pdftotext "$pdf" - | tr -s ' \n' '  ' >"$WORK/bad-$f.txt"
  grep -qF -- "${BAD_LAST_WORDS[$f]}" "$WORK/bad-$f.txt" || fail "$f: \"${BAD_LAST_WORDS[$f]}\" not in the PDF's text"
done
# Characters no font has are named in a warning, never silently dropped.
grep -q "U+1F600" "$WORK/bad-glyphs.txt.err" || { cat "$WORK/bad-glyphs.txt.err"; fail "no warning for a missing glyph"; }
pdftotext "$WORK/bad/glyphs.pdf" - | grep -q "中文" || fail "CJK text not drawn"

echo "pdf checks passed"
