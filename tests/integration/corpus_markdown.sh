#!/usr/bin/env bash
# The Markdown reader on every Markdown article of the shared corpus (read in
# place; label `corpus`): every articles-md/*.md and i18n/*.md converts to
# EPUB and PDF with exit 0, and every article of heading-eval has its title
# and headings (lib/markdown_articles.sh). markdown.sh runs the same checks on
# the articles of tests/data.
# Usage: corpus_markdown.sh GALLEY  (env GALLEY_CORPUS_DIR)
set -euo pipefail
galley=$1
corpus=${GALLEY_CORPUS_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/markdown_articles.sh"

shopt -s nullglob
inputs=("$corpus"/articles-md/*.md "$corpus"/i18n/*.md)
((${#inputs[@]} >= 59)) || fail "expected the corpus's 59 articles-md and its i18n articles under $corpus, found ${#inputs[@]}"
convert_markdown "${inputs[@]}"
check_markdown_headings "$corpus"
echo "corpus_markdown: all checks passed"
