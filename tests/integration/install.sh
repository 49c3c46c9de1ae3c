#!/usr/bin/env bash
# cmake --install into a temporary prefix, moved elsewhere so that neither
# the build nor the source tree is within its reach: the moved galley finds
# its data beside itself (PREFIX/share/galley), carries no path of the source
# tree, has its man page and README, and converts the reference article to
# an EPUB and a PDF byte-identical to the build tree's (SOURCE_DATE_EPOCH).
set -euo pipefail
galley=$(readlink -f "${1:?usage: install.sh GALLEY_BINARY}")
build=$(dirname "$galley")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
source "$here/lib/inputs.sh"
input=$(reference_article)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; fail "cmake --install"; }
mkdir -p "$tmp/elsewhere"
mv "$tmp/prefix" "$tmp/elsewhere/galley-root"
root=$tmp/elsewhere/galley-root
for f in bin/galley share/galley/fonts/LICENSE-Noto.txt share/galley/fonts/LICENSE-LinuxLibertine.txt \
  share/galley/styles/default.style share/galley/styles/default.css share/man/man1/galley.1 share/doc/galley/README.md \
  share/galley/icc/default_cmyk.icc share/galley/icc/sRGB.icc share/galley/icc/README.md; do
  [[ -f $root/$f ]] || fail "not installed: $f"
done
# No path of the source or build tree among the program's constants (the
# debug information may name the source files, which is what it is for).
# Not under ASan/UBSan: they keep the source file names as compiled (absolute
# paths unless ccache's CCACHE_BASEDIR made them relative) for their reports.
if ! grep -q libasan <(ldd "$root/bin/galley"); then
  objcopy -O binary --only-section=.rodata "$root/bin/galley" "$tmp/rodata"
  if grep -qaF "$source_dir" "$tmp/rodata"; then fail "the installed binary names the source tree $source_dir"; fi
  if grep -qaF "$build" "$tmp/rodata"; then fail "the installed binary names the build tree $build"; fi
fi

export SOURCE_DATE_EPOCH=1700000000
# A clean environment: nothing may point galley at its data.
env -i PATH=/usr/bin:/bin SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH ${LSAN_OPTIONS:+"LSAN_OPTIONS=$LSAN_OPTIONS"} "$root/bin/galley" convert "$input" -o "$tmp/installed" \
  2>"$tmp/installed.err" || { cat "$tmp/installed.err" >&2; fail "the installed galley failed"; }
env -u GALLEY_DATA_DIR "$galley" convert "$input" -o "$tmp/built" 2>/dev/null
stem=$(basename "${input%.*}")
for ext in epub pdf; do
  [[ -s $tmp/installed/$stem.$ext ]] || fail "the installed galley wrote no $ext"
  cmp -s "$tmp/installed/$stem.$ext" "$tmp/built/$stem.$ext" || fail "$ext differs between the installed and the built galley"
done
# Print-ready: the ICC profiles come from the installed data folder.
env -i PATH=/usr/bin:/bin SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH ${LSAN_OPTIONS:+"LSAN_OPTIONS=$LSAN_OPTIONS"} "$root/bin/galley" convert "$input" -o "$tmp/installed-pr" \
  --format pdf --print-ready --bleed 3mm 2>/dev/null || fail "the installed galley failed with --print-ready"
env -u GALLEY_DATA_DIR "$galley" convert "$input" -o "$tmp/built-pr" --format pdf --print-ready --bleed 3mm 2>/dev/null
cmp -s "$tmp/installed-pr/$stem.pdf" "$tmp/built-pr/$stem.pdf" || fail "print-ready PDF differs between the installed and the built galley"
# Data elsewhere, by GALLEY_DATA_DIR: a missing folder is a clean error.
status=0
GALLEY_DATA_DIR=$tmp/nowhere "$root/bin/galley" convert "$input" -o "$tmp/none" --format pdf 2>"$tmp/err" || status=$?
[[ $status == 1 ]] || fail "a missing data folder: exit $status, expected 1"
[[ $(wc -l <"$tmp/err") == 1 ]] && grep -q "$tmp/nowhere" "$tmp/err" || fail "a missing data folder: $(cat "$tmp/err")"
# The man page lists every option that --help lists.
opts=$( { "$root/bin/galley" --help; for c in convert batch inspect; do "$root/bin/galley" $c --help; done; } |
  grep -oE -- '--[a-z][a-z-]+' | sort -u)
man=$(sed 's/\\-/-/g' "$root/share/man/man1/galley.1")
for o in $opts; do grep -qF -- "$o" <<<"$man" || fail "galley.1 does not document $o"; done
echo "install: ok ($(wc -w <<<"$opts") options documented; outputs identical)"
