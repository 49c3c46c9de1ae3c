#!/usr/bin/env bash
# The PDF's text layer (issue 9, item 3), read as poppler and MuPDF read it.
#   pdf_text_layer.sh GALLEY   (env: GALLEY_TEST_DATA or GALLEY_CORPUS_DIR, GALLEY_SOURCE_DIR)
# - the seed article and Pride and Prejudice: text_fidelity.py >= 0.998 with
#   both extractors (MuPDF reads only the ToUnicode maps: Libertine's
#   ligatures must map to their letters), and MuPDF finds every "little";
# - an Arabic article: MuPDF's text has no presentation forms (U+FB50-U+FEFF)
#   and spaces between words;
# - structure: a paragraph continued on the next page is one element (the
#   book has marked-content references across pages), a table's header cells
#   carry /Scope;
# - qpdf --check and ghostscript clean, fonts embedded, reproducible bytes.
# Exits 77 (skipped) when the inputs or tools are missing.
set -euo pipefail

GALLEY=$(realpath "$1")
SRC=${GALLEY_SOURCE_DIR:?}
DATA=${GALLEY_TEST_DATA:-$SRC/tests/data}
CORPUS=${GALLEY_CORPUS_DIR:-}
TOOLS=$SRC/../shared/tools
[ -n "$CORPUS" ] && [ -d "$CORPUS/../tools" ] && TOOLS=$CORPUS/../tools
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# input REL: tests/data/REL, else the corpus's file of that name.
input() {
  local rel=$1
  if [ -f "$DATA/$rel" ]; then echo "$DATA/$rel"; return; fi
  if [ -n "$CORPUS" ] && [ -f "$CORPUS/$rel" ]; then echo "$CORPUS/$rel"; return; fi
  if [ -n "$CORPUS" ] && [ -f "$CORPUS/seed/$rel" ]; then echo "$CORPUS/seed/$rel"; return; fi
  return 1
}
ARTICLE=$(input 000_5606bfb668b87f54.txt) || skip "no seed article"
BOOK=$(input books/pride-and-prejudice_pg1342.txt) || skip "no Pride and Prejudice"
ARABIC=$(input i18n/osg-ar-code-of-conduct.md) || skip "no Arabic article"
for tool in mutool pdftotext qpdf gs pdffonts python3; do command -v $tool >/dev/null || skip "$tool missing"; done
[ -f "$TOOLS/text_fidelity.py" ] || skip "no text_fidelity.py"

convert() {  # INPUT OUTDIR
  "$GALLEY" convert "$1" -o "$2" --format pdf 2>>"$WORK/warnings.txt" || fail "convert $1"
  echo "$2/$(basename "${1%.*}").pdf"
}

clean_pdf() {
  local pdf=$1
  qpdf --check "$pdf" >"$WORK/qpdf.txt" 2>&1 || { cat "$WORK/qpdf.txt"; fail "qpdf --check $pdf"; }
  if grep -qi "warning" "$WORK/qpdf.txt"; then cat "$WORK/qpdf.txt"; fail "qpdf warnings in $pdf"; fi
  gs -dPDFSTOPONERROR -dNOPAUSE -dBATCH -sDEVICE=nullpage -q "$pdf" >"$WORK/gs.txt" 2>&1 ||
    { cat "$WORK/gs.txt"; fail "ghostscript on $pdf"; }
  [ ! -s "$WORK/gs.txt" ] || { cat "$WORK/gs.txt"; fail "ghostscript complains about $pdf"; }
  pdffonts "$pdf" | awk 'NR > 2 { if ($(NF-4) != "yes" || $(NF-2) != "yes") { print; bad = 1 } } END { exit bad }' ||
    fail "a font of $pdf is not embedded or has no ToUnicode map"
}

fidelity() {  # INPUT PDF EXTRACTOR
  python3 "$TOOLS/text_fidelity.py" "$1" "$2" --extract "$3" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["fidelity"])'
}

for input in "$ARTICLE" "$BOOK"; do
  pdf=$(convert "$input" "$WORK/out")
  clean_pdf "$pdf"
  for extractor in poppler mutool; do
    f=$(fidelity "$input" "$pdf" $extractor)
    echo "$(basename "$input") $extractor: $f"
    python3 -c "import sys; sys.exit(0 if $f >= 0.998 else 1)" || fail "$extractor word fidelity $f < 0.998 for $input"
  done
done

# MuPDF finds "little" as often as poppler (the "tt" ligature maps to "tt").
book_pdf=$WORK/out/$(basename "${BOOK%.*}").pdf
mutool draw -F txt -o "$WORK/book.mu.txt" "$book_pdf" 2>/dev/null
pdftotext "$book_pdf" "$WORK/book.pop.txt"
mu=$(grep -o -i little "$WORK/book.mu.txt" | wc -l)
pop=$(grep -o -i little "$WORK/book.pop.txt" | wc -l)
echo "\"little\": MuPDF $mu, poppler $pop"
[ "$mu" -gt 100 ] && [ "$mu" -eq "$pop" ] || fail "MuPDF finds \"little\" $mu times, poppler $pop"
# No private-use or ligature code points reach either extractor.
for t in "$WORK/book.mu.txt" "$WORK/book.pop.txt"; do
  if grep -q -P '[\x{E000}-\x{F8FF}\x{FB00}-\x{FB06}]' "$t"; then fail "private-use or ligature code points in $t"; fi
done

# Arabic: letters, not presentation forms, and words apart.
arabic_pdf=$(convert "$ARABIC" "$WORK/ar")
clean_pdf "$arabic_pdf"
mutool draw -F txt -o "$WORK/ar.txt" "$arabic_pdf" 2>/dev/null
python3 - "$WORK/ar.txt" "$ARABIC" <<'EOF' || fail "Arabic text layer"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
source = re.findall("[\u0600-\u06ff]+", open(sys.argv[2], encoding="utf-8").read())
forms = re.findall("[\ufb50-\ufdff\ufe70-\ufeff]", text)
words = re.findall("[\u0600-\u06ff]+", text)
longest = max(words, key=len)
# Two neighbouring words of the source read as one (a lost word space).
glued = {a + b for a, b in zip(source, source[1:])} - set(source)
joined = [w for w in words if w in glued]
unknown = text.count("\ufffd")
print(f"Arabic: {len(forms)} presentation forms, {len(words)} words, longest {len(longest)} letters, "
      f"{len(joined)} run together {joined[:3]}, {unknown} U+FFFD")
if forms or len(words) < 500 or len(longest) > 20 or joined or unknown:
    sys.exit(1)
EOF

# Structure: continued paragraphs are one element; header cells have a scope.
grep -a -q "/Type /MCR /Pg" "$book_pdf" || fail "no paragraph of the book continues as one element on the next page"
cat >"$WORK/table.md" <<'EOF'
# Table

| Name | Value |
|------|-------|
| one  | 1     |
| two  | 2     |
EOF
table_pdf=$(convert "$WORK/table.md" "$WORK/table")
clean_pdf "$table_pdf"
headers=$(grep -a -c "/S /TH" "$table_pdf")
scoped=$(grep -a -A4 "/S /TH" "$table_pdf" | grep -c "/Scope /Column" || true)
[ "$headers" -eq 2 ] && [ "$scoped" -eq 2 ] || fail "$headers TH cells, $scoped with /Scope"

# Reproducible bytes.
again=$(convert "$BOOK" "$WORK/again")
cmp -s "$book_pdf" "$again" || fail "the book's PDF differs between two runs"
echo "pdf_text_layer: ok"
