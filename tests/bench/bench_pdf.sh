#!/usr/bin/env bash
# Benchmark of the PDF output (issue 3, §8): galley's EPUB+PDF of Pride and
# Prejudice at A5 / 20,18 mm / 10.5 pt beside pdflatex typesetting the same
# paragraphs (anchors/prep.py -> doc.tex), and the seed article beside typst
# (npm @myriaddreamin/typst-ts-node-compiler, anchors/typst.js). Wall time and
# peak RSS from GNU time, best of BENCH_RUNS runs.
#
#   tests/bench/bench_pdf.sh [GALLEY_BINARY]        (default: build/galley)
#   env: GALLEY_CORPUS_DIR (default ../shared/corpus), BENCH_RUNS (default 3),
#        TYPST_NODE_PATH (default .cache/typst/node_modules)
# Needs: texlive-latex-recommended, lmodern (pdflatex); nodejs + npm with
#   npm install --prefix .cache/typst @myriaddreamin/typst-ts-node-compiler
# Targets: book EPUB+PDF <= 0.75 x pdflatex's time and <= 64 MB; article
# EPUB+PDF <= 0.20 x typst's time. Missing anchors are reported and skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
galley=$(readlink -f "${1:-$here/build/galley}")
corpus=${GALLEY_CORPUS_DIR:-$here/../shared/corpus}
tools=$(cd "$corpus/../tools" && pwd)
runs=${BENCH_RUNS:-3}
node_path=${TYPST_NODE_PATH:-$here/.cache/typst/node_modules}
book=$corpus/books/pride-and-prejudice_pg1342.txt
article=$corpus/seed/000_5606bfb668b87f54.txt
[[ -x $galley ]] || { echo "no galley binary at $galley" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# best NAME COMMAND...: prints "NAME seconds peak_MB" for the fastest run.
best() {
  local name=$1
  shift
  local b= bm= i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
      echo "$name: failed" >&2
      cat "$tmp/err" >&2
      return 1
    }
    read -r t m <"$tmp/time"
    if [[ -z $b ]] || awk "BEGIN{exit !($t < $b)}"; then b=$t bm=$m; fi
  done
  printf '%-34s %8.3f s %8.1f MB\n' "$name" "$b" "$(awk "BEGIN{print $bm/1024}")"
  echo "$b" >"$tmp/$name.t"
  # Peak memory over every run of a name family (NAME-k): the largest.
  local family=${name%-[0-9]*} prev=0
  [[ -f $tmp/$family.mem ]] && prev=$(cat "$tmp/$family.mem")
  ((bm > prev)) && echo "$bm" >"$tmp/$family.mem" || true
}

ratio() {  # A B: A/B
  if [[ -f $tmp/$1.t && -f $tmp/$2.t ]]; then
    awk -v a="$(cat "$tmp/$1.t")" -v b="$(cat "$tmp/$2.t")" 'BEGIN{printf "%.2f", a/b}'
  else
    echo "n/a"
  fi
}

echo "== Pride and Prejudice, A5, 20/18 mm, 10.5 pt"
A5=(--page-size a5 --margin 20mm,18mm --font-size 10.5pt)
python3 "$tools/anchors/prep.py" "$book" "$tmp/anchor" >/dev/null
# This machine's speed drifts from minute to minute, so galley and pdflatex
# run in turns and each keeps its best run: both get the same quiet moments.
have_latex=0
if command -v pdflatex >/dev/null; then
  have_latex=1
  (cd "$tmp/anchor" && pdflatex -interaction=batchmode doc.tex >/dev/null 2>&1 || true)  # warm the font caches
else
  echo "pdflatex: not installed (apt-get install texlive-latex-recommended lmodern)"
fi
main_runs=$runs
for ((turn = 0; turn < main_runs; turn++)); do
  runs=1
  best "galley-book-epub+pdf-$turn" "$galley" convert "$book" -o "$tmp/g" "${A5[@]}" --format epub,pdf >/dev/null
  ((have_latex)) && best "pdflatex-book-$turn" sh -c "cd '$tmp/anchor' && pdflatex -interaction=batchmode doc.tex" >/dev/null
done
runs=$main_runs
keep_best() {  # NAME: the best of NAME-0..NAME-(runs-1) becomes NAME
  local name=$1 b= f t
  for f in "$tmp/$name"-*.t; do
    [[ -f $f ]] || continue
    t=$(cat "$f")
    if [[ -z $b ]] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  [[ -n $b ]] && echo "$b" >"$tmp/$name.t"
}
keep_best galley-book-epub+pdf
keep_best pdflatex-book
printf '%-34s %8.3f s %8.1f MB\n' galley-book-epub+pdf "$(cat "$tmp/galley-book-epub+pdf.t")" \
  "$(awk "BEGIN{print $(cat "$tmp/galley-book-epub+pdf.mem")/1024}")"
((have_latex)) && printf '%-34s %8.3f s %8.1f MB\n' pdflatex-book "$(cat "$tmp/pdflatex-book.t")" \
  "$(awk "BEGIN{print $(cat "$tmp/pdflatex-book.mem")/1024}")"
best galley-book-pdf "$galley" convert "$book" -o "$tmp/g" "${A5[@]}" --format pdf
echo "galley EPUB+PDF / pdflatex: $(ratio galley-book-epub+pdf pdflatex-book) (target <= 0.75; best of $runs turns each)"

echo "== seed article"
best galley-article-epub+pdf "$galley" convert "$article" -o "$tmp/a" --format epub,pdf
python3 "$tools/anchors/prep.py" "$article" "$tmp/art" >/dev/null
if [[ -d $node_path/@myriaddreamin/typst-ts-node-compiler ]]; then
  best typst-article env NODE_PATH="$node_path" node "$tools/anchors/typst.js" "$tmp/art/doc.typ" "$tmp/art/doc.pdf"
else
  echo "typst: not installed (npm install --prefix .cache/typst @myriaddreamin/typst-ts-node-compiler)"
fi
echo "galley EPUB+PDF / typst: $(ratio galley-article-epub+pdf typst-article) (target <= 0.20)"
