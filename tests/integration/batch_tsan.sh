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
# The suppressions cover only reports raised inside uninstrumented system
# libraries: GLib's mutexes are futex-based and libstdc++'s static-init fast
# path is an inline load, both invisible to TSan, so every report whose
# accesses are inside glib/pango/fontconfig/cairo/harfbuzz/freetype/yaml-cpp
# or glibc's tzset (guarded by a glibc-internal lock) is a false positive. A
# race with either access in galley's own (instrumented) code is still
# reported.
set -euo pipefail
galley=$1
if ! ldd "$galley" 2>/dev/null | grep -q libtsan; then
  echo "SKIP: $galley is not a ThreadSanitizer build (cmake -DGALLEY_TSAN=ON)"
  exit 77
fi
articles=${GALLEY_TEST_DATA:?}/articles-txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/tsan.supp" <<'SUPP'
called_from_lib:libglib-2.0.so.0
called_from_lib:libgobject-2.0.so.0
called_from_lib:libpango-1.0.so.0
called_from_lib:libpangoft2-1.0.so.0
called_from_lib:libpangocairo-1.0.so.0
called_from_lib:libfontconfig.so.1
called_from_lib:libcairo.so.2
called_from_lib:libharfbuzz.so.0
called_from_lib:libfreetype.so.6
called_from_lib:libyaml-cpp.so.0.7
race:tzset_internal
SUPP
mkdir -p "$tmp/src/a" "$tmp/src/b"
n=0
for f in $(ls "$articles" | sort | head -8); do
  n=$((n + 1))
  cp "$articles/$f" "$tmp/src/$( ((n % 2)) && echo a || echo b)/"
done
printf 'bad\000binary' >"$tmp/src/a/bad.txt"
status=0
TSAN_OPTIONS="halt_on_error=0 history_size=4 exitcode=66 suppressions=$tmp/tsan.supp" \
  "$galley" batch "$tmp/src" -o "$tmp/out" -j 4 --report "$tmp/report.jsonl" 2>"$tmp/err" || status=$?
races=$(grep -c 'WARNING: ThreadSanitizer' "$tmp/err" || true)
if ((races > 0)) || [[ $status == 66 ]]; then
  grep -v '^Fontconfig' "$tmp/err" | head -80 >&2
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
TSAN_OPTIONS="halt_on_error=0 history_size=4 exitcode=66 suppressions=$tmp/tsan.supp" \
  "$galley" convert "$book" -o "$tmp/book" --page-size a5 2>"$tmp/err" || status=$?
races=$(grep -c 'WARNING: ThreadSanitizer' "$tmp/err" || true)
if ((races > 0)) || [[ $status != 0 ]]; then
  grep -v '^Fontconfig' "$tmp/err" | head -80 >&2
  echo "FAIL: convert of the book under ThreadSanitizer: exit $status, $races report(s)" >&2
  exit 1
fi
echo "batch_tsan: 8 conversions with -j 4 and the book streamed from layout to painter, no race reported"
