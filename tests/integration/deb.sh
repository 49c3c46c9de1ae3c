#!/usr/bin/env bash
# The Debian package: cpack -G DEB from the build folder writes
# galley_VERSION_ARCH.deb with computed library dependencies and the data
# packages; the galley inside it (dpkg -x into a temporary root) converts the
# reference article. Skipped (77) where cpack or dpkg-deb are missing.
set -euo pipefail
galley=$(readlink -f "${1:?usage: deb.sh GALLEY_BINARY}")
build=$(dirname "$galley")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib/inputs.sh"
input=$(reference_article)
for cmd in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$cmd" >/dev/null || { echo "SKIP: $cmd not found (apt-get install cmake dpkg-dev)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack"; }
version=$("$galley" --version | head -1 | cut -d' ' -f2)
deb=$tmp/pkg/galley_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || fail "no $deb (cpack wrote: $(ls "$tmp/pkg"))"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libcairo2 libpango-1.0-0 libzip4 libtinyxml2 libcmark-gfm libharfbuzz0b libhyphen0 fonts-noto-cjk hyphen-en-us; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/galley ./usr/share/galley/fonts/LICENSE-Noto.txt ./usr/share/galley/styles/default.style \
  ./usr/share/man/man1/galley.1; do
  grep -qF " $f" <<<"$contents" || fail "no $f in the package"
done
dpkg-deb -x "$deb" "$tmp/root"
export SOURCE_DATE_EPOCH=1700000000
env -i PATH=/usr/bin:/bin SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH "$tmp/root/usr/bin/galley" convert "$input" -o "$tmp/out" \
  2>"$tmp/err" || { cat "$tmp/err" >&2; fail "the packaged galley failed"; }
stem=$(basename "${input%.*}")
[[ -s $tmp/out/$stem.epub && -s $tmp/out/$stem.pdf ]] || fail "the packaged galley wrote no EPUB and PDF"
words=$(pdftotext "$tmp/out/$stem.pdf" - | wc -w)
((words > 100)) || fail "the packaged galley's PDF has $words words"
echo "deb: ok ($(basename "$deb"), $(du -k "$deb" | cut -f1) KiB)"
