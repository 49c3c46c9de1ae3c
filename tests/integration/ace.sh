#!/usr/bin/env bash
# Accessibility: runs Ace by DAISY on the EPUBs of the reference article (an
# article: one XHTML file) and of Pride and Prejudice (a book: a file per
# chapter) and fails on any assertion with outcome "fail" (printed).
#
# Usage: ace.sh GALLEY_BINARY   (env: GALLEY_TEST_DATA, GALLEY_SOURCE_DIR;
#        ACE_BIN and CHROMIUM override where Ace and chromium are found)
set -euo pipefail

galley=${1:?usage: ace.sh GALLEY_BINARY}
galley=$(cd "$(dirname "$galley")" && pwd)/$(basename "$galley")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=${GALLEY_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
data=${GALLEY_TEST_DATA:-$source_dir/tests/data}
inputs=("$data/seed/000_5606bfb668b87f54.txt" "$data/books/pride-and-prejudice_pg1342.txt")

ace=${ACE_BIN:-}
if [[ -z $ace ]]; then
  for candidate in "$source_dir/.cache/ace/node_modules/.bin/ace" "$source_dir/.cache/ace/node_modules/.bin/ace-cli"; do
    if [[ -x $candidate ]]; then ace=$candidate; break; fi
  done
fi
if [[ -z $ace ]] && command -v ace >/dev/null; then ace=$(command -v ace); fi
if [[ -z $ace ]]; then
  # Ace comes from npm, not Debian: a machine without the npm registry cannot
  # have it, so its absence is a skip (shown by ctest), not a pass.
  echo "SKIP: Ace by DAISY not found (.ci/setup --test installs it from npm into .cache/ace)"
  exit 77
fi
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $chromium ]]; then
  echo "ace.sh: chromium not found" >&2
  exit 1
fi
for input in "${inputs[@]}"; do
  [[ -f $input ]] || { echo "ace.sh: test input not found: $input" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/galley-ace.XXXXXX")
trap 'rm -rf "$work"' EXIT

export SOURCE_DATE_EPOCH=1700000000
for input in "${inputs[@]}"; do
  "$galley" convert "$input" -o "$work" --format epub,pdf  # with the print edition, so the EPUB carries its page-list
  epub=$work/$(basename "${input%.*}").epub
  [[ -s $epub ]] || { echo "ace.sh: $epub was not written" >&2; exit 1; }

  # Ace starts chromium through puppeteer (which adds --no-sandbox itself); its
  # settings and logs go to a private HOME.
  mkdir -p "$work/home"
  rm -rf "$work/report"
  if ! HOME=$work/home PUPPETEER_EXECUTABLE_PATH=$chromium PUPPETEER_SKIP_DOWNLOAD=1 \
      "$ace" --silent -o "$work/report" -f "$epub" >"$work/ace.log" 2>&1; then
    echo "ace.sh: Ace did not run:" >&2
    cat "$work/ace.log" >&2
    exit 1
  fi
  report=$work/report/report.json
  [[ -s $report ]] || { echo "ace.sh: no report written" >&2; cat "$work/ace.log" >&2; exit 1; }

  python3 - "$report" "$(basename "$epub")" <<'PY'
import json, sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
fails = []

def walk(node, subject):
    if isinstance(node, dict):
        subject = node.get("earl:testSubject", {}).get("url", subject) if isinstance(node.get("earl:testSubject"), dict) else subject
        result = node.get("earl:result")
        if isinstance(result, dict) and result.get("earl:outcome") == "fail" and "earl:test" in node:
            test = node["earl:test"]
            fails.append((subject, test.get("dct:title", "?"), test.get("earl:impact", "?"),
                          result.get("dct:description", "")))
        for value in node.values():
            walk(value, subject)
    elif isinstance(node, list):
        for value in node:
            walk(value, subject)

walk(report.get("assertions", []), "")
for subject, title, impact, desc in fails:
    print(f"FAIL [{impact}] {subject}: {title}: {desc}")
violations = report.get("earl:result", {}).get("earl:outcome")
if fails:
    print(f"ace.sh: {sys.argv[2]}: {len(fails)} violation(s)", file=sys.stderr)
    sys.exit(1)
print(f"ace.sh: {sys.argv[2]}: no violations (overall outcome: {violations})")
PY
done
