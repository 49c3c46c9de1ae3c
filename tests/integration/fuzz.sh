#!/usr/bin/env bash
# The fuzz step (issue 12): builds the libFuzzer harnesses with clang, ASan
# and UBSan beside the build (BUILD/fuzz-build) and runs each for
# GALLEY_FUZZ_SECONDS (default 60) after replaying tests/fuzz/regressions/.
# Skipped (77) without clang. See tests/fuzz/run.sh to run them longer.
set -euo pipefail
galley=$(readlink -f "${1:?usage: fuzz.sh GALLEY_BINARY}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v clang++ >/dev/null; then echo "SKIP: clang++ not found (apt-get install clang libclang-rt-14-dev)"; exit 77; fi
export GALLEY_FUZZ_BUILD=$(dirname "$galley")/fuzz-build
exec bash "$here/../fuzz/run.sh" "${GALLEY_FUZZ_SECONDS:-60}"
