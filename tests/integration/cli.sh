#!/usr/bin/env bash
# Command-line behaviour: help/version, usage errors (exit 2), bad input
# (exit 1, one-line error naming the file, no output left), inspect --json.
set -euo pipefail
galley=$1
data=${GALLEY_TEST_DATA:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); }

# expect STATUS ERROR_REGEX -- ARGS...: runs galley, checks exit status and that
# stderr is exactly one line matching the regex.
expect() {
  local want=$1 regex=$2
  shift 3
  local status=0
  "$galley" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  [[ $status == "$want" ]] || fail "galley $* exited $status, expected $want; stderr: $(cat "$tmp/err")"
  if [[ -n $regex ]]; then
    [[ $(wc -l <"$tmp/err") == 1 ]] || fail "galley $*: expected one line on stderr, got: $(cat "$tmp/err")"
    grep -Eq "$regex" "$tmp/err" || fail "galley $*: stderr '$(cat "$tmp/err")' does not match '$regex'"
  fi
  ok
}

expect 0 '' -- --version
grep -q '^galley [0-9]' "$tmp/out" || fail "--version output: $(cat "$tmp/out")"
expect 0 '' -- --help
grep -q convert "$tmp/out" || fail "--help does not list convert"
expect 0 '' -- convert --help
grep -q -- '--format' "$tmp/out" || fail "convert --help does not list --format"

expect 2 '' -- convert
expect 2 '' -- convert "$data/seed/000_5606bfb668b87f54.txt" --no-such-option
expect 2 'unknown format' -- convert "$data/seed/000_5606bfb668b87f54.txt" --format docx -o "$tmp/o"
expect 2 'invalid --lang' -- convert "$data/seed/000_5606bfb668b87f54.txt" --lang 'not a tag' -o "$tmp/o"

: >"$tmp/empty.txt"
printf ' \n\t\n' >"$tmp/blank.txt"
printf 'abc\0\1\2\3' >"$tmp/binary.txt"
printf 'Good start\nthen \xff bad\n' >"$tmp/latin1.txt"
mkdir -p "$tmp/o"
expect 1 "^galley: error: $tmp/empty.txt: empty input file$" -- convert "$tmp/empty.txt" -o "$tmp/o"
expect 1 "^galley: error: $tmp/blank.txt: .*whitespace" -- convert "$tmp/blank.txt" -o "$tmp/o"
expect 1 "^galley: error: $tmp/binary.txt: binary file" -- convert "$tmp/binary.txt" -o "$tmp/o"
expect 1 "^galley: error: $tmp/latin1.txt: invalid UTF-8 at byte 16" -- convert "$tmp/latin1.txt" -o "$tmp/o"
expect 1 "^galley: error: $tmp/missing.txt: cannot read" -- convert "$tmp/missing.txt" -o "$tmp/o"
[[ -z $(ls -A "$tmp/o") ]] || fail "failed conversions left files: $(ls -A "$tmp/o")"
ok

# UTF-16 with a BOM is decoded.
printf 'Title\nA paragraph of text.\n' | iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.txt"
expect 0 '' -- inspect "$tmp/utf16.txt" --json
python3 - "$tmp/out" <<'PY' || fail "inspect of UTF-16 input"
import json, sys
d = json.load(open(sys.argv[1]))
text = json.dumps(d, ensure_ascii=False)
assert "A paragraph of text." in text, text
PY
ok

# inspect --json: metadata.title, typed blocks.
expect 0 '' -- inspect "$data/seed/000_5606bfb668b87f54.txt" --json --lang en
python3 - "$tmp/out" <<'PY' || fail "inspect --json shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["metadata"]["title"], "no title"
assert d["metadata"]["language"] == "en"
assert d["blocks"] and all("type" in b for b in d["blocks"])
for b in d["blocks"]:
    if b["type"] == "heading":
        assert "level" in b and "text" in b
PY
ok

# Repeated --author options each take one value; the input is not swallowed.
expect 0 '' -- inspect --author "Ann Lee" --author "Bo Chen" --lang en_US "$data/seed/000_5606bfb668b87f54.txt" --json
python3 - "$tmp/out" <<'PY' || fail "repeated --author / en_US"
import json, sys
m = json.load(open(sys.argv[1]))["metadata"]
assert m["authors"] == ["Ann Lee", "Bo Chen"], m["authors"]
assert m["language"] == "en-US", m["language"]
PY
ok

echo "cli: $passed passed, 0 failed"
