# Sourced by integration scripts: where their inputs are. The repository's
# own tests/data first (a fresh clone has it), then the shared corpus.
_galley_tests_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# find_input NAME: the path of a test input called NAME, or nothing.
find_input() {
  local name=$1 dir
  for dir in "${GALLEY_TEST_DATA:-$_galley_tests_dir/data}" "${GALLEY_CORPUS_DIR:-/nonexistent}"; do
    [[ -d $dir ]] || continue
    local hit
    hit=$(find "$dir" -name "$name" -type f 2>/dev/null | sort | head -1)
    if [[ -n $hit ]]; then echo "$hit"; return 0; fi
  done
  return 1
}

# reference_article: the reference article (the news commentary of the
# corpus's seed/), else the bundled sample.
reference_article() {
  find_input 000_5606bfb668b87f54.txt || echo "$_galley_tests_dir/sample/galley-sample.txt"
}
