#!/usr/bin/env bash
# PDF output measured with the shared measuring tools (../shared/tools beside
# the corpus, so label `corpus`), on the inputs of tests/data:
#   the input's words in order in the PDF (text_fidelity.py >= 99.8%) for the
#   reference article, the book and the hard inputs of lib/pdf_bad_inputs.sh;
#   an Arabic article's words in reading order (>= 70%);
#   the typographic bars of the book at the issue's geometry (typometrics.py:
#   no overfull line, hyphen ladders of at most 2, letter-spacing p95 <= 0.07).
# The structure checks of the same PDFs are in pdf_checks.sh.
#   corpus_pdf_measures.sh GALLEY   (env: GALLEY_TEST_DATA, GALLEY_CORPUS_DIR;
#                                    GALLEY_TOOLS_DIR, default CORPUS/../tools)
set -euo pipefail

GALLEY=$(realpath "$1")
DATA=${GALLEY_TEST_DATA:?}
TOOLS=${GALLEY_TOOLS_DIR:-${GALLEY_CORPUS_DIR:?}/../tools}
if [[ ! -f $TOOLS/text_fidelity.py || ! -f $TOOLS/typometrics.py ]]; then
  echo "SKIP: the measuring tools (text_fidelity.py, typometrics.py) are not in $TOOLS"
  exit 77
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }

fidelity() {  # INPUT PDF [MIN]
  python3 "$TOOLS/text_fidelity.py" "$1" "$2" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("fidelity", d)
sys.exit(0 if d["fidelity"] >= float(sys.argv[1]) else 1)' "${3:-0.998}" || fail "text fidelity below ${3:-0.998} for $2"
}

# --- the reference article, default style
ARTICLE=$DATA/seed/000_5606bfb668b87f54.txt
"$GALLEY" convert "$ARTICLE" -o "$WORK/a" --format pdf
fidelity "$ARTICLE" "$WORK/a/000_5606bfb668b87f54.pdf"

# --- the book at the issue's geometry
BOOK=$DATA/books/pride-and-prejudice_pg1342.txt
"$GALLEY" convert "$BOOK" -o "$WORK/b" --page-size a5 --margin 20mm,18mm --font-size 10.5pt --format pdf
PDF=$WORK/b/pride-and-prejudice_pg1342.pdf
fidelity "$BOOK" "$PDF"
python3 "$TOOLS/typometrics.py" "$PDF" | tee "$WORK/typo.json"
python3 - "$WORK/typo.json" <<'PY' || fail "typographic bars"
import json, sys
d = json.load(open(sys.argv[1]))
ok = d["overfull"] == 0 and d["ladder_max"] <= 2 and d.get("track_p95", 0) <= 0.07
sys.exit(0 if ok else 1)
PY

# --- right to left: an Arabic article's words in reading order. Before words
# were reordered on RTL lines, 5% of them were found in order; the rest of
# the gap is how pdftotext extracts Arabic marks and lam-alef ligatures, not
# word order.
AR=$DATA/i18n/osg-ar-code-of-conduct.txt
"$GALLEY" convert "$AR" -o "$WORK/ar" --format pdf 2>/dev/null
fidelity "$AR" "$WORK/ar/osg-ar-code-of-conduct.pdf" 0.70

# --- hard inputs: none loses text
source "$(dirname "${BASH_SOURCE[0]}")/lib/pdf_bad_inputs.sh"
write_bad_inputs "$WORK"
for f in "${BAD_INPUTS[@]}"; do
  "$GALLEY" convert "$WORK/$f" -o "$WORK/bad" --format pdf 2>/dev/null || fail "convert $f"
  fidelity "$WORK/$f" "$WORK/bad/${f%.*}.pdf"
done

echo "corpus_pdf_measures: all measures within their bars"
