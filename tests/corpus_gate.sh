#!/usr/bin/env bash
# corpus_gate.sh CORPUS_DIR COMMAND...: runs COMMAND when the shared corpus
# exists, otherwise prints a SKIP line and exits 77, which ctest shows as
# skipped (SKIP_RETURN_CODE 77 on every test of the `corpus` label).
set -euo pipefail
corpus=${1:?usage: corpus_gate.sh CORPUS_DIR COMMAND...}
shift
if [[ ! -d $corpus ]]; then
  echo "SKIP: no shared corpus at $corpus (only CI and the project's own checkouts have ../shared/corpus)"
  exit 77
fi
exec "$@"
