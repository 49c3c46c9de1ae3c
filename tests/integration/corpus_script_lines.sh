#!/usr/bin/env bash
# Lines of Chinese, Japanese and Arabic (issue 9): the Open Source Guides
# articles converted with the default style, checked by script_check.py from
# MuPDF's character positions: no hyphen after a CJK character, no kinsoku
# violation, nothing outside the text block, every CJK character / Arabic
# letter of the EPUB in the PDF; Arabic full stops on the left of their word
# and RTL list bullets on the right. Each script's page 2 is rendered to PNG
# (kept in $GALLEY_PNG_DIR when set, for a look).
#   script_lines.sh GALLEY   (env: GALLEY_CORPUS_DIR; GALLEY_TEST_DATA wins when it holds the file)
# Exit 77 when no input is found, or mutool/pdftoppm is missing.
set -euo pipefail

GALLEY=$(realpath "$1")
CORPUS=${GALLEY_CORPUS_DIR:-}
TOOLS=${GALLEY_TOOLS_DIR:-$(realpath -m "$CORPUS/../tools")}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in mutool pdftoppm python3; do
  command -v $tool >/dev/null || { echo "SKIPPED: $tool not found (apt-get install mupdf-tools poppler-utils)"; exit 77; }
done
[[ -f $TOOLS/script_check.py ]] || { echo "SKIPPED: no script_check.py in $TOOLS"; exit 77; }

input() {  # NAME -> path of the article, from the test data first
  local name=$1
  if [[ -n ${GALLEY_TEST_DATA:-} && -f $GALLEY_TEST_DATA/i18n/$name ]]; then echo "$GALLEY_TEST_DATA/i18n/$name"
  elif [[ -n $CORPUS && -f $CORPUS/i18n/$name ]]; then echo "$CORPUS/i18n/$name"
  fi
}

# The text block's edges, measured on a German article of the same style.
ref=$(input osg-de-code-of-conduct.md)
[[ -n $ref ]] || { echo "SKIPPED: no osg-de-code-of-conduct.md"; exit 77; }
"$GALLEY" convert "$ref" -o "$WORK" >/dev/null 2>&1 || fail "convert $ref"
edges=$(python3 "$TOOLS/script_check.py" --edges-of "$WORK/osg-de-code-of-conduct.pdf")

checked=0
for name in osg-zh-hans-code-of-conduct.md osg-zh-hans-starting-a-project.md osg-ja-code-of-conduct.md \
            osg-ja-starting-a-project.md osg-ar-code-of-conduct.md osg-ar-starting-a-project.md; do
  src=$(input $name)
  [[ -n $src ]] || { echo "missing: $name"; continue; }
  stem=${name%.md}
  "$GALLEY" convert "$src" -o "$WORK" >/dev/null 2>&1 || fail "convert $name"
  script=cjk page_edges=$edges
  if [[ $name == osg-ar-* ]]; then
    # A right-to-left book is bound on the right: recto and verso margins swap.
    script=rtl
    IFS=, read -r l1 r1 l2 r2 <<<"$edges"
    page_edges=$l2,$r2,$l1,$r1
  fi
  result=$(python3 "$TOOLS/script_check.py" "$WORK/$stem.pdf" "$WORK/$stem.epub" --script $script --edges "$page_edges") ||
    fail "$name: $result"
  echo "$name: $result"
  pdftoppm -png -r 60 -f 2 -l 2 "$WORK/$stem.pdf" "$WORK/$stem" || fail "pdftoppm $name"
  [[ -n ${GALLEY_PNG_DIR:-} ]] && cp "$WORK/$stem"*.png "$GALLEY_PNG_DIR/"
  checked=$((checked + 1))
done
[[ $checked -gt 0 ]] || { echo "SKIPPED: no i18n article found"; exit 77; }
echo "script_lines: $checked articles ok"
