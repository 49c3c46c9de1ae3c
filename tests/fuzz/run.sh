#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) in build-fuzz/ and
# runs each for SECONDS (default 60), after replaying every input under
# tests/fuzz/regressions/ (crashers found earlier, kept as regression tests).
#
#   bash tests/fuzz/run.sh [SECONDS]          # CI runs it with 60
#   GALLEY_FUZZ_ONLY=markdown bash tests/fuzz/run.sh 3600   # one harness, an hour
#
# Seeds come from tests/data and, when ../shared/corpus exists, the GFM spec's
# examples. What a run learns is kept in build-fuzz/corpus/ for the next run.
# A finding is written to build-fuzz/artifacts/ and the script exits 1: copy
# it to tests/fuzz/regressions/HARNESS/ with the fix.
set -euo pipefail
seconds=${1:-60}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${GALLEY_FUZZ_BUILD:-$src/build-fuzz}
harnesses=(${GALLEY_FUZZ_ONLY:-text markdown metadata pipeline})
for cmd in clang clang++; do
  command -v "$cmd" >/dev/null || { echo "fuzz: $cmd not found (bash .ci/setup --test installs clang)" >&2; exit 1; }
done

CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DGALLEY_FUZZ=ON -DGALLEY_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 || { cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" --target "${harnesses[@]/#/fuzz_}" >"$build.build.log" 2>&1 ||
  { tail -40 "$build.build.log" >&2; exit 1; }

# Seeds: small real documents of each kind.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{text,markdown,metadata,pipeline}
data=$src/tests/data
cp "$data"/articles-txt/*.txt "$data"/seed/*.txt "$data"/i18n/*.txt "$seeds/text/" 2>/dev/null || true
cp "$data"/articles-md/*.md "$data"/i18n/*.md "$data"/local-image/*.md "$seeds/markdown/" 2>/dev/null || true
printf 'title: A\nauthor: [B, C]\nlang: en\ndate: 2024-05-01\ncover: c.png\n' >"$seeds/metadata/a.yaml"
printf '{"title": "T", "authors": ["X"], "subject": "s", "identifier": "urn:x"}\n' >"$seeds/metadata/b.json"
corpus=${GALLEY_CORPUS_DIR:-$src/../shared/corpus}
if [[ -f $corpus/commonmark/spec.txt ]]; then
  python3 - "$corpus/commonmark" "$seeds/markdown" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
n = 0
for name in ("spec.txt", "extensions.txt", "regression.txt"):
    path = os.path.join(src, name)
    if not os.path.exists(path):
        continue
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("```````````````````````````````` example"):
            j = i + 1
            md = []
            while j < len(lines) and lines[j] != ".":
                md.append(lines[j]); j += 1
            n += 1
            open(os.path.join(out, f"gfm-{n:04d}.md"), "w", encoding="utf-8").write("\n".join(md).replace("\u2192", "\t") + "\n")
            i = j
        i += 1
PY
fi
# The pipeline harness takes inputs up to 4 KB: the small ones.
find "$seeds/markdown" "$seeds/text" -size -4k -type f -exec cp {} "$seeds/pipeline/" \;

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$src/tests/sanitizer/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
mkdir -p "$build/artifacts"
status=0
for h in "${harnesses[@]}"; do
  bin=$build/tests/fuzz/fuzz_$h
  regressions=$src/tests/fuzz/regressions/$h
  if [[ -d $regressions ]] && compgen -G "$regressions/*" >/dev/null; then
    "$bin" -timeout=20 -rss_limit_mb=2048 "$regressions"/* >"$build/$h.replay.log" 2>&1 ||
      { echo "fuzz: $h: a regression input fails again:" >&2; tail -30 "$build/$h.replay.log" >&2; status=1; continue; }
  fi
  mkdir -p "$build/corpus/$h"
  max_len=$([[ $h == pipeline ]] && echo 4096 || echo 65536)
  if "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$h-" "$build/corpus/$h" "$seeds/$h" >"$build/$h.log" 2>&1; then
    echo "fuzz: $h: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$build/$h.log" | grep -Eo '[0-9]+$') runs in ${seconds} s, nothing found"
  else
    echo "fuzz: $h: FINDING (see $build/artifacts/):" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$build/$h.log" | head -20 >&2
    status=1
  fi
done
exit $status
