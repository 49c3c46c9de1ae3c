#!/usr/bin/env bash
# galley batch under ThreadSanitizer: when the binary is a TSan build
# (cmake -DGALLEY_TSAN=ON), converts 8 articles to every format with -j 4 and
# fails on any race report. With an ordinary build it prints SKIP and exits
# 77, which ctest shows as skipped.
#
#   cmake -S . -B build-tsan -DGALLEY_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   cmake --build build-tsan -j2
#   GALLEY_TEST_DATA=tests/data bash tests/integration/batch_tsan.sh build-tsan/galley
#
# The suppressions (tests/sanitizer/tsan.supp, each with its reason) cover
# only reports raised inside uninstrumented system libraries; a race with
# either access in galley's own (instrumented) code is still reported.
set -euo pipefail
galley=$1
if ! ldd "$galley" 2>/dev/null | grep -q libtsan; then
  echo "SKIP: $galley is not a ThreadSanitizer build (cmake -DGALLEY_TSAN=ON)"
  exit 77
fi
articles=${GALLEY_TEST_DATA:?}/articles-txt
tmp=$(mktemp -d)
supp=$(cd "$(dirname "${BASH_SOURCE[0]}")/../sanitizer" && pwd)/tsan.supp
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/a" "$tmp/src/b"
n=0
for f in $(ls "$articles" | sort | head -8); do
  n=$((n + 1))
  cp "$articles/$f" "$tmp/src/$( ((n % 2)) && echo a || echo b)/"
done
printf 'bad\000binary' >"$tmp/src/a/bad.txt"
status=0
TSAN_OPTIONS="halt_on_error=0 history_size=4 exitcode=66 suppressions=$supp" \
  "$galley" batch "$tmp/src" -o "$tmp/out" -j 4 --report "$tmp/report.jsonl" 2>"$tmp/err" || status=$?
races=$(grep -c 'WARNING: ThreadSanitizer' "$tmp/err" || true)
if ((races > 0)) || [[ $status == 66 ]]; then
  grep -v '^Fontconfig' "$tmp/err" >"$tmp/shown" || true
  head -80 "$tmp/shown" >&2
  echo "FAIL: ThreadSanitizer reported $races problem(s)" >&2
  exit 1
fi
[[ $status == 1 ]] || { echo "FAIL: expected exit 1 (one bad input), got $status" >&2; exit 1; }
ok=$(grep -c '"status":"ok"' "$tmp/report.jsonl")
[[ $ok == 8 ]] || { echo "FAIL: $ok of 8 converted" >&2; exit 1; }
# convert of a book: layout and the EPUB on one thread while the other
# paints the pages handed over (layout/page_stream.hpp).
book=${GALLEY_TEST_DATA:?}/books/pride-and-prejudice_pg1342.txt
status=0
TSAN_OPTIONS="halt_on_error=0 history_size=4 exitcode=66 suppressions=$supp" \
  "$galley" convert "$book" -o "$tmp/book" --page-size a5 2>"$tmp/err" || status=$?
races=$(grep -c 'WARNING: ThreadSanitizer' "$tmp/err" || true)
if ((races > 0)) || [[ $status != 0 ]]; then
  grep -v '^Fontconfig' "$tmp/err" >"$tmp/shown" || true
  head -80 "$tmp/shown" >&2
  echo "FAIL: convert of the book under ThreadSanitizer: exit $status, $races report(s)" >&2
  exit 1
fi
echo "batch_tsan: 8 conversions with -j 4 and the book streamed from layout to painter, no race reported"
