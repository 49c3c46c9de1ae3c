#!/usr/bin/env bash
# The GFM spec as a conformance test (label `corpus`): every example of the
# GFM spec, cmark-gfm's extension and regression examples
# ($GALLEY_CORPUS_DIR/commonmark/) becomes one Markdown document
# (lib/gfm_examples.py), and one `galley batch` converts them all to EPUB and
# PDF. Checked: the batch exits 0 (no failure); every PDF passes qpdf --check
# and pdftotext; epubcheck (one JVM, lib/EpubCheckMany.java) finds no error
# and no warning in any EPUB; the
# visible text of each EPUB equals the spec's expected HTML (tags stripped,
# entities decoded, whitespace collapsed) for at least 98.5 % of the examples,
# and every example that differs is listed with its reason in
# lib/gfm_deviations.txt.
# Usage: corpus_gfm_spec.sh GALLEY  (env GALLEY_CORPUS_DIR)
set -euo pipefail
galley=$1
corpus=${GALLEY_CORPUS_DIR:?}/commonmark
lib=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
min_percent=98.5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in python3 qpdf pdftotext java; do
  command -v $tool >/dev/null || fail "$tool is not installed (bash .ci/setup --test)"
done
[[ -f $epubcheck_jar ]] || fail "epubcheck ($epubcheck_jar) is not installed"
for f in spec.txt extensions.txt regression.txt; do
  [[ -f $corpus/$f ]] || fail "$corpus/$f not found"
done

python3 "$lib/gfm_examples.py" split "$corpus" "$tmp/src"
mkdir "$tmp/md" && mv "$tmp"/src/*.md "$tmp/md/"
count=$(find "$tmp/md" -name '*.md' | wc -l)
((count >= 700)) || fail "expected at least 700 examples, split $count"

# One process converts them all; a title on the command line keeps a first
# heading in the body (the text compared) instead of on the title page;
# --no-smart keeps the typed quotes and dashes the spec's HTML has.
SECONDS=0
status=0
"$galley" batch "$tmp/md" -o "$tmp/out" -j 2 --title "GFM example" --lang en --no-smart \
  --report "$tmp/report.jsonl" 2>"$tmp/batch.err" || status=$?
((status == 0)) || { grep -v '"status":"ok"' "$tmp/report.jsonl" | head -20 >&2; fail "galley batch exited $status"; }

pdfs=0
for pdf in "$tmp"/out/*.pdf; do
  qpdf --check "$pdf" >"$tmp/qpdf.log" 2>&1 || { cat "$tmp/qpdf.log" >&2; fail "qpdf --check rejects $(basename "$pdf")"; }
  pdftotext "$pdf" - >/dev/null 2>"$tmp/pdftotext.log" || fail "pdftotext fails on $(basename "$pdf")"
  [[ ! -s $tmp/pdftotext.log ]] || { cat "$tmp/pdftotext.log" >&2; fail "pdftotext complains about $(basename "$pdf")"; }
  pdfs=$((pdfs + 1))
done
((pdfs == count)) || fail "$pdfs PDFs for $count examples"
echo "gfm_spec: $count examples converted to EPUB and PDF by one batch; $pdfs PDFs pass qpdf --check and pdftotext (${SECONDS} s)"

# epubcheck on every EPUB, in one JVM (lib/EpubCheckMany.java).
epubs=("$tmp"/out/*.epub)
((${#epubs[@]} == count)) || fail "${#epubs[@]} EPUBs for $count examples"
java -cp "$epubcheck_jar" "$lib/EpubCheckMany.java" "${epubs[@]}" >"$tmp/epubcheck.log" 2>&1 || {
  grep -E '^(ERROR|FATAL|WARNING|ERRORS)' "$tmp/epubcheck.log" | head -40 >&2
  fail "epubcheck finds errors or warnings"
}
echo "$(tail -1 "$tmp/epubcheck.log") (${SECONDS} s)"

python3 "$lib/gfm_examples.py" compare "$tmp/src" "$tmp/out" "$lib/gfm_deviations.txt" "$min_percent" ||
  fail "visible text (see above)"
echo "corpus_gfm_spec: all checks passed"
