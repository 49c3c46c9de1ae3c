#!/usr/bin/env bash
# Smart punctuation in both outputs (doc/smart.hpp), on the text of the PDF
# (pdftotext) and of the EPUB's XHTML:
#  1. the reference article: no straight double quote, every quotation opens
#     with “ and closes with ”;
#  2. Pride and Prejudice: no `_` left of its _italics_ (after opening quotes
#     too), no straight quote, ’ as apostrophe;
#  3. a German and a French article: „…“ and « … » (narrow no-break spaces in
#     the EPUB), no straight double quote;
#  4. code spans and code blocks keep straight quotes, -- and ...; --no-smart
#     keeps the typed characters everywhere;
#  5. epubcheck: 0 errors, 0 warnings on every EPUB above.
# Usage: smart_punctuation.sh GALLEY  (env GALLEY_TEST_DATA)
set -euo pipefail
galley=$1
data=${GALLEY_TEST_DATA:?}
epubcheck_jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
lib=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in pdftotext python3 java; do command -v $tool >/dev/null || fail "$tool is not installed (bash .ci/setup --test)"; done
[[ -f $epubcheck_jar ]] || fail "epubcheck ($epubcheck_jar) is not installed"

# convert INPUT NAME [OPTIONS...]: $tmp/NAME.pdf.txt and $tmp/NAME.epub.txt,
# the text of both outputs (the EPUB's from every XHTML file, XML-decoded).
convert() {
  local input=$1 name=$2
  shift 2
  mkdir -p "$tmp/$name"
  cp "$input" "$tmp/$name/$name.${input##*.}"
  "$galley" convert "$tmp/$name/$name.${input##*.}" -o "$tmp/$name" "$@" 2>>"$tmp/warnings.txt" ||
    fail "convert $input exited $?"
  pdftotext -enc UTF-8 "$tmp/$name/$name.pdf" "$tmp/$name.pdf.txt"
  python3 - "$tmp/$name/$name.epub" >"$tmp/$name.epub.txt" <<'EOF'
import sys, zipfile, xml.etree.ElementTree as ET
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in sorted(z.namelist()):
        if n.endswith(".xhtml"):
            print("".join(ET.fromstring(z.read(n)).itertext()))
EOF
}

# check NAME PYTHON-EXPRESSION MESSAGE: the expression, over `t` (the text of
# one output, PDF line-end hyphens rejoined and lines joined), holds for both
# outputs of NAME.
check() {
  local name=$1 expr=$2 message=$3 out
  for kind in pdf epub; do
    out=$(python3 - "$tmp/$name.$kind.txt" "$expr" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"-\n(?=\w)", "", t).replace("\n", " ")
n = lambda s: t.count(s)
print("ok" if eval(sys.argv[2]) else "no")
EOF
)
    [[ $out == ok ]] || fail "$name ($kind): $message"
  done
}
count() { python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count(sys.argv[2]))' "$@"; }

# ---------------------------------------------------------------- 1. the reference article
convert "$data/seed/000_5606bfb668b87f54.txt" seed
check seed 'n(chr(34)) == 0' "a straight double quote is left"
check seed 'n("“") >= 10 and n("“") == n("”")' "quotations do not open with “ and close with ”"
check seed '"“restart of consultations”" in t' "no “restart of consultations”"
echo "seed: PDF “ $(count "$tmp/seed.pdf.txt" "“") ” $(count "$tmp/seed.pdf.txt" "”"), EPUB “ $(count "$tmp/seed.epub.txt" "“") ” $(count "$tmp/seed.epub.txt" "”"), no straight double quote"

# ---------------------------------------------------------------- 2. Pride and Prejudice
convert "$data/books/pride-and-prejudice_pg1342.txt" pp
check pp 'n("_") == 0' "an underscore of the _italics_ markup is printed"
check pp 'n(chr(34)) == 0 and n(chr(39)) == 0' "a straight quote is left"
check pp '"“You want to tell me" in t and n("’") > 500' "no “You want to tell me (italics after a quote) or too few apostrophes"
echo "pride-and-prejudice: PDF _ $(count "$tmp/pp.pdf.txt" _), straight quotes 0, ’ $(count "$tmp/pp.pdf.txt" "’")"

# ---------------------------------------------------------------- 3. German and French
convert "$data/i18n/osg-de-starting-a-project.md" de
check de 'n(chr(34)) == 0 and n("„") >= 10 and n("„") == n("“") and n("”") == 0' "quotes are not „…“"
check de '"„gratis“" in t and "„Ja!“" in t' "no „gratis“ or „Ja!“"
convert "$data/i18n/osg-fr-starting-a-project.md" fr
check fr 'n(chr(34)) == 0 and n("«") >= 10 and n("«") == n("»") and n("“") == 0' "quotes are not « … »"
check fr 're.search("«\\s?gratuit\\s?»\\s?\\?", t)' "no « gratuit » ?"
python3 - "$tmp/fr.epub.txt" <<'EOF' || fail "fr (epub): no narrow no-break spaces in « gratuit » ?"
import sys
sys.exit("\u00ab\u202fgratuit\u202f\u00bb\u202f?" not in open(sys.argv[1], encoding="utf-8").read())
EOF
nnbsp=$(python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count("\u202f"))' "$tmp/fr.epub.txt")
echo "German: „ $(count "$tmp/de.pdf.txt" „) “ $(count "$tmp/de.pdf.txt" “) (PDF); French: « $(count "$tmp/fr.pdf.txt" «) » $(count "$tmp/fr.pdf.txt" ») (PDF), U+202F $nnbsp (EPUB)"

# ---------------------------------------------------------------- 4. code keeps its quotes; --no-smart
cat >"$tmp/code.md" <<'EOF'
---
title: Quotes and code
lang: en
---
She said "hello" -- then left... It's `"literal" -- 'x'...` here.

    printf("%s\n", "it's -- ok...");
EOF
convert "$tmp/code.md" code
convert "$tmp/code.md" plain --no-smart
# has NAME TEXT MESSAGE: both outputs of NAME contain TEXT (lines joined).
has() { check "$1" "$(printf '%s in t' "$(python3 -c 'import sys; print(repr(sys.argv[1]))' "$2")")" "$3"; }
IFS= read -r span <<'EOF'
"literal" -- 'x'...
EOF
IFS= read -r block <<'EOF'
printf("%s\n", "it's -- ok...");
EOF
IFS= read -r typed <<'EOF'
She said "hello" -- then left... It's
EOF
has code "She said “hello” — then left… It’s" "the prose is not smartened"
has code "$span" "inline code is changed"
has code "$block" "the code block is changed"
has plain "$typed" "--no-smart changes the prose"
echo "code: spans and blocks keep straight quotes, -- and ...; --no-smart keeps the prose as typed"

# ---------------------------------------------------------------- 5. epubcheck
java -cp "$epubcheck_jar" "$lib/EpubCheckMany.java" "$tmp"/{seed,pp,de,fr,code,plain}/*.epub >"$tmp/epubcheck.log" 2>&1 ||
  { grep -E '^(ERROR|FATAL|ERRORS)' "$tmp/epubcheck.log" | head -20 >&2; fail "epubcheck finds errors"; }
! grep -E '^WARNING' "$tmp/epubcheck.log" || fail "epubcheck warnings"
echo "epubcheck: 6 EPUBs, 0 errors, 0 warnings"
