#!/usr/bin/env bash
# galley batch end to end: a small corpus with bad inputs (-j 2, --report),
# exit codes, the mirrored tree, --incremental reruns, --shard k/3 partitions,
# JSON-lines manifests, and batches killed with SIGKILL mid-run (no partial
# file under an output's name; the next run removes the temporary files).
set -euo pipefail
galley=$1
articles=${GALLEY_TEST_DATA:?}/articles-txt
tmp=$(mktemp -d)
bg=
cleanup() {
  if [[ -n $bg ]]; then kill -9 "$bg" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

# py REPORT EXPR...: small JSON checks on a report.
report_py() {
  python3 - "$@" <<'PY'
import json, sys, os
path, what = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(path)]
items = [l for l in lines if "input" in l]
summary = [l["summary"] for l in lines if "summary" in l]
assert len(summary) == 1 and "summary" in lines[-1], "one closing summary line"
for it in items:
    for k in ("input", "outputs", "status", "error", "warnings", "pages", "words", "seconds"):
        assert k in it, f"missing {k} in {it}"
    assert it["status"] in ("ok", "failed", "skipped")
if what == "status":          # NAME=STATUS lines
    for it in items: print(f'{os.path.basename(it["input"])}={it["status"]}')
elif what == "inputs":
    for it in items: print(it["input"])
elif what == "outputs":
    for it in items:
        for o in it["outputs"]: print(o)
elif what == "formats":
    print(" ".join(summary[0]["formats"]))
elif what == "summary":
    s = summary[0]; print(s["total"], s["converted"], s["skipped"], s["failed"])
PY
}

# check_complete DIR: every epub/pdf under DIR is a whole file.
check_complete() {
  python3 - "$1" <<'PY'
import os, sys, zipfile
bad = []
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(root, f)
        if f.endswith(".epub"):
            try:
                with zipfile.ZipFile(p) as z:
                    if z.namelist()[0] != "mimetype" or z.testzip() is not None: bad.append(p)
            except Exception as e:
                bad.append(f"{p} ({e})")
        elif f.endswith(".pdf"):
            data = open(p, "rb").read()
            if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]: bad.append(p)
if bad:
    print("incomplete outputs:", *bad, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY
}
temp_files() { find "$1" -name '.*.galley-tmp-*' | wc -l; }

# --- 10 good articles (those of tests/data) in a small tree, 3 bad inputs -------
src=$tmp/src
mkdir -p "$src/sub/deeper"
mapfile -t names < <(ls "$articles" | sort | head -10)
[[ ${#names[@]} == 10 ]] || fail "expected 10 articles under $articles"
for i in "${!names[@]}"; do
  case $((i % 3)) in
    0) cp "$articles/${names[$i]}" "$src/" ;;
    1) cp "$articles/${names[$i]}" "$src/sub/" ;;
    2) cp "$articles/${names[$i]}" "$src/sub/deeper/" ;;
  esac
done
printf 'PK\003\004\000\000\001\002binary\000\377\376' >"$src/bad-binary.txt"
: >"$src/empty.md"
printf 'caf\xe9 au lait \xff\n' >"$src/sub/invalid-utf8.txt"
echo "not an input" >"$src/notes.doc"

# --- usage errors: exit 2 --------------------------------------------------------
st=0; "$galley" batch "$src" -o "$tmp/x" --shard 3/3 2>/dev/null || st=$?
[[ $st == 2 ]] || fail "--shard 3/3 exited $st, expected 2"
st=0; "$galley" batch "$tmp/no-such-folder" -o "$tmp/x" 2>/dev/null || st=$?
[[ $st == 2 ]] || fail "missing SRC exited $st, expected 2"
st=0; "$galley" batch "$src" 2>/dev/null || st=$?
[[ $st == 2 ]] || fail "missing -o exited $st, expected 2"

# --- the full run: exit 1, bad ones named as failed ---------------------------
out=$tmp/out
st=0
"$galley" batch "$src" -o "$out" -j 2 --report "$tmp/report.jsonl" 2>"$tmp/err" || st=$?
[[ $st == 1 ]] || fail "batch with bad inputs exited $st, expected 1; stderr: $(cat "$tmp/err")"
report_py "$tmp/report.jsonl" status >"$tmp/status"
for bad in bad-binary.txt empty.md invalid-utf8.txt; do
  grep -qx "$bad=failed" "$tmp/status" || fail "$bad not failed in the report: $(cat "$tmp/status")"
  grep -q "$bad" "$tmp/err" || fail "$bad not named on stderr"
done
[[ $(grep -c '=ok$' "$tmp/status") == 10 ]] || fail "expected 10 ok: $(cat "$tmp/status")"
[[ $(wc -l <"$tmp/status") == 13 ]] || fail "expected 13 report lines (notes.doc is not an input)"
grep -q 'galley: batch: 13 inputs' "$tmp/err" || fail "no closing summary on stderr: $(cat "$tmp/err")"
# Not a terminal: only errors (3) and the summary, nothing else.
[[ $(grep -vc '^Fontconfig' "$tmp/err") == 4 ]] || fail "unexpected stderr: $(cat "$tmp/err")"
[[ $(report_py "$tmp/report.jsonl" summary) == "13 10 0 3" ]] || fail "summary: $(report_py "$tmp/report.jsonl" summary)"

# Mirror tree: every good input has every format under the same relative path.
read -r -a formats <<<"$(report_py "$tmp/report.jsonl" formats)"
while IFS= read -r -d '' f; do
  rel=${f#"$src"/}
  case $rel in bad-binary.txt | empty.md | sub/invalid-utf8.txt | notes.doc) continue ;; esac
  for fmt in "${formats[@]}"; do
    [[ -s "$out/${rel%.*}.$fmt" ]] || fail "missing mirrored output $out/${rel%.*}.$fmt"
  done
done < <(find "$src" -type f -print0)
[[ ! -e $out/bad-binary.epub && ! -e $out/empty.epub && ! -e $out/sub/invalid-utf8.epub ]] ||
  fail "an output exists for a bad input"
check_complete "$out"
[[ $(temp_files "$out") == 0 ]] || fail "temporary files left after a normal run"

# --- --incremental rerun skips everything good --------------------------------
st=0
"$galley" batch "$src" -o "$out" -j 2 --incremental --report "$tmp/rerun.jsonl" 2>/dev/null || st=$?
[[ $st == 1 ]] || fail "incremental rerun exited $st (bad inputs still fail)"
[[ $(report_py "$tmp/rerun.jsonl" summary) == "13 0 10 3" ]] ||
  fail "incremental rerun: $(report_py "$tmp/rerun.jsonl" summary) (want 10 skipped)"
# A changed input and changed options are converted again.
echo "An added closing line." >>"$src/sub/${names[1]}"
"$galley" batch "$src/sub" -o "$tmp/out-sub" --incremental 2>/dev/null || true
"$galley" batch "$src" -o "$out" -j 2 --incremental --report "$tmp/rerun2.jsonl" 2>/dev/null || true
[[ $(report_py "$tmp/rerun2.jsonl" summary) == "13 1 9 3" ]] ||
  fail "changed input: $(report_py "$tmp/rerun2.jsonl" summary) (want 1 converted)"
"$galley" batch "$src" -o "$out" -j 2 --incremental --publisher "Other Press" --report "$tmp/rerun3.jsonl" 2>/dev/null || true
[[ $(report_py "$tmp/rerun3.jsonl" summary) == "13 10 0 3" ]] ||
  fail "changed options: $(report_py "$tmp/rerun3.jsonl" summary) (want 10 converted)"

# Only good inputs: exit 0.
rm "$src/bad-binary.txt" "$src/empty.md" "$src/sub/invalid-utf8.txt"
"$galley" batch "$src" -o "$tmp/good" -j 2 2>/dev/null || fail "batch of good inputs exited $?"

# --- shards: k/3 for k = 0..2 partition the input -------------------------------
for k in 0 1 2; do
  "$galley" batch "$src" -o "$tmp/shard" -j 2 --shard "$k/3" --report "$tmp/shard-$k.jsonl" 2>/dev/null ||
    fail "shard $k/3 exited $?"
done
cat "$tmp"/shard-?.jsonl >"$tmp/shards.jsonl.all"
for k in 0 1 2; do report_py "$tmp/shard-$k.jsonl" inputs; done | sort >"$tmp/shard-inputs"
report_py "$tmp/report.jsonl" inputs | grep -v -e bad-binary -e empty.md -e invalid-utf8 | sort >"$tmp/all-inputs"
[[ -z $(uniq -d "$tmp/shard-inputs") ]] || fail "an input is in two shards: $(uniq -d "$tmp/shard-inputs")"
diff "$tmp/all-inputs" "$tmp/shard-inputs" >/dev/null || fail "shards do not cover the input: $(diff "$tmp/all-inputs" "$tmp/shard-inputs")"
# Deterministic: the same shard again converts the same inputs.
"$galley" batch "$src" -o "$tmp/shard-again" --shard 1/3 --report "$tmp/shard-1b.jsonl" 2>/dev/null
diff <(report_py "$tmp/shard-1.jsonl" inputs | sort) <(report_py "$tmp/shard-1b.jsonl" inputs | sort) >/dev/null ||
  fail "shard 1/3 is not deterministic"

# --- manifests: @list and JSON lines with overrides ----------------------------
first=$(find "$src" -maxdepth 1 -name '*.txt' | sort | head -1)
second=$(find "$src/sub" -maxdepth 1 -name '*.txt' | sort | head -1)
printf '# list\n%s\n\n' "$first" >"$tmp/list.txt"
printf '{"input": "%s", "title": "Manifest Title Override", "output": "renamed/item"}\n' "$second" >>"$tmp/list.txt"
"$galley" batch "@$tmp/list.txt" -o "$tmp/man" --format epub 2>/dev/null || fail "manifest batch exited $?"
[[ -s "$tmp/man/$(basename "${first%.*}").epub" ]] || fail "manifest: absolute path not written by name"
[[ -s "$tmp/man/renamed/item.epub" ]] || fail "manifest: \"output\" not honoured"
grep -q 'Manifest Title Override' <(unzip -p "$tmp/man/renamed/item.epub" '*.opf') ||
  fail "manifest: per-item title not in the EPUB package"

# --- killed with SIGKILL mid-run, then resumed -----------------------------------
# 120 inputs, so that the kills land mid-run: the 10 articles, 12 times each
# under other names.
big=$tmp/big
mkdir -p "$big/a" "$big/b"
for n in $(seq 1 120); do
  f=${names[$((n % 10))]}
  cp "$articles/$f" "$big/$( ((n % 2)) && echo a || echo b)/$n-$f"
done
kout=$tmp/killed
for delay in 0.3 0.8 1.5; do
  "$galley" batch "$big" -o "$kout" -j 2 --incremental --report "$tmp/killed.jsonl" 2>/dev/null &
  bg=$!
  sleep "$delay"
  kill -9 "$bg" 2>/dev/null || true
  wait "$bg" 2>/dev/null || true
  bg=
  # No partial file under any output's name (temporary ones may remain)...
  check_complete "$kout" || fail "a batch killed after ${delay}s left a partial output"
  [[ ! -e $tmp/killed.jsonl ]] || rm "$tmp/killed.jsonl"  # (from a run that finished)
done
left=$(temp_files "$kout")
echo "after the kills: $(find "$kout" -name '*.epub' | wc -l) EPUBs complete, $left temporary files"
# ...and the next run removes the temporary files and finishes the job.
"$galley" batch "$big" -o "$kout" -j 2 --incremental --report "$tmp/killed.jsonl" 2>/dev/null || fail "resumed batch exited $?"
[[ $(temp_files "$kout") == 0 ]] || fail "temporary files remain after the next run"
[[ $(temp_files "$tmp") == 0 ]] || fail "temporary files remain next to the report"
read -r total converted skipped failed <<<"$(report_py "$tmp/killed.jsonl" summary)"
[[ $total == 120 && $failed == 0 ]] || fail "resumed batch: total $total failed $failed"
echo "resumed: $converted converted, $skipped skipped (up to date from the killed runs)"
check_complete "$kout"
for fmt in "${formats[@]}"; do
  [[ $(find "$kout" -name "*.$fmt" | wc -l) == 120 ]] || fail "resumed batch: not 120 .$fmt outputs"
done

# A report is never left half-written under its name.
"$galley" batch "$big" -o "$tmp/killed2" -j 2 --report "$tmp/k2.jsonl" 2>/dev/null &
bg=$!
sleep 0.5
kill -9 "$bg" 2>/dev/null || true
wait "$bg" 2>/dev/null || true
bg=
if [[ -e $tmp/k2.jsonl ]]; then
  tail -1 "$tmp/k2.jsonl" | grep -q '"summary"' || fail "partial report under its name"
fi

echo "batch: all checks passed"
