# Inputs that are hard to typeset, shared by pdf_checks.sh and
# corpus_pdf_measures.sh (sourced). write_bad_inputs DIR writes them into DIR;
# BAD_INPUTS lists their names and BAD_LAST_WORDS the words each PDF must show
# at its end (pdftotext, white space squeezed).
BAD_INPUTS=(huge-word.txt long-para.txt empty-section.md long-heading.md tall-row.md glyphs.txt)
declare -A BAD_LAST_WORDS=(
  [huge-word.txt]="and after it."
  [long-para.txt]="word99999"
  [empty-section.md]="Text of two."
  [long-heading.md]="Text."
  [tall-row.md]="After the table."
  [glyphs.txt]="hieroglyph."
)

write_bad_inputs() {
  python3 - "$1" <<'PY'
import sys
w = sys.argv[1]
open(f"{w}/huge-word.txt", "w").write("Huge word\n\n" + "x" * 1000 + " and after it.\n")
open(f"{w}/long-para.txt", "w").write("Long paragraph\n\n" + " ".join(f"word{i}" for i in range(100000)) + "\n")
open(f"{w}/empty-section.md", "w").write("# Book\n\n## One\n\n## Two\n\nText of two.\n\n## Three\n")
open(f"{w}/long-heading.md", "w").write("# " + "Heading words " * 800 + "\n\nText.\n")
# A table row taller than a page (a cell of 2,500 words) is cut across pages.
open(f"{w}/tall-row.md", "w").write("# Tall row\n\nIntro.\n\n| A | B |\n|---|---|\n| " + " ".join(f"cell{i}" for i in range(2500)) + " | short |\n| x | y |\n\nAfter the table.\n")
open(f"{w}/glyphs.txt", "w").write("Glyphs\n\nLatin, \u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac, \u0627\u0644\u0639\u0631\u0628\u064a\u0629, \u4e2d\u6587, \U0001F600 and \u0F00\u0F01 Tibetan, \U00013000 hieroglyph.\n")
PY
}
