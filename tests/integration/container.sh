#!/usr/bin/env bash
# The container image: `podman build` of the repository's Dockerfile (build
# stage -> .deb -> slim runtime stage), then the image converts the reference
# article mounted at /data to an EPUB and a PDF, as a non-root user. Removes
# the image it built; keeps the base image (debian:12-slim) in podman's
# storage for the next run. With no registry reachable, the base image is
# made with debootstrap from the host's Debian mirror (~30 s).
# Exits 77 (SKIP) where podman is missing or cannot build or run containers.
# Needs root (rootful podman) and network access to the Debian mirror.
set -euo pipefail
galley=$(readlink -f "${1:?usage: container.sh GALLEY_BINARY}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
source "$here/lib/inputs.sh"
input=$(reference_article)
base=docker.io/library/debian:12-slim
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
elapsed() { echo "$((SECONDS - ${1}))s"; }

command -v podman >/dev/null || skip "podman not found (apt-get install podman)"
[[ $(id -u) == 0 ]] || skip "the test uses rootful podman (run as root)"
version=$("$galley" --version | head -1 | cut -d' ' -f2)
image=localhost/galley-test:$version-$$
tmp=$(mktemp -d /tmp/galley-container.XXXXXX)
cleanup() {
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The base image: in podman's storage already, else pulled, else made with
# debootstrap (--variant=minbase, with the slim image's dpkg exclusions and
# apt sources) from the mirror this host's apt uses.
apt_uri() {  # the first deb URI of the host's sources whose path matches $1
  grep -rhoE "(URIs:|deb) +https?://[^ ]*" /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    awk '{print $2}' | grep -E "$1" | head -1
}
make_base() {
  command -v debootstrap >/dev/null || return 1
  local mirror security rootfs=$tmp/rootfs
  mirror=$(apt_uri '/debian/?$') || true
  security=$(apt_uri '/debian-security/?$') || true
  mirror=${mirror:-http://deb.debian.org/debian}
  security=${security:-http://deb.debian.org/debian-security}
  nice -n 10 debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
    { tail -5 "$tmp/debootstrap.log" >&2; return 1; }
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' \
    --message "debian bookworm minbase made by galley's container test (debootstrap)" - "$base" \
    >"$tmp/import.log" 2>&1
}
start=$SECONDS
if ! podman image exists "$base"; then
  timeout 300 podman pull -q "$base" >/dev/null 2>&1 || make_base ||
    skip "no $base: cannot pull it, and debootstrap (apt-get install debootstrap) could not make it"
  echo "base image $base made in $(elapsed "$start")"
fi

# Can podman run a container here? Sandboxes may forbid raising rlimits
# (podman's defaults for nofile and nproc) or run hybrid cgroups that crun
# refuses (runc accepts them): try the defaults, then those settings.
hard_nofile=$(ulimit -Hn)
[[ $hard_nofile =~ ^[0-9]+$ ]] && ((hard_nofile <= 1048576)) || hard_nofile=1048576
limits=(--ulimit "nofile=$hard_nofile:$hard_nofile" --ulimit nproc=4096:4096)
tries=("" "${limits[*]}")
command -v runc >/dev/null && tries+=("${limits[*]} --runtime runc")
opts=()
for try in "${tries[@]}"; do
  read -ra opts <<<"$try"
  if podman run --rm --network none "${opts[@]}" "$base" true >"$tmp/run.log" 2>&1; then
    ok=1
    break
  fi
done
[[ -n ${ok:-} ]] || skip "podman cannot run a container here: $(tail -1 "$tmp/run.log")"
echo "podman runs containers with options: ${opts[*]:-(none)}"
# The build stage installs the build dependencies from the Debian mirror.
podman run --rm --network host "${opts[@]}" "$base" apt-get update -qq >"$tmp/apt.log" 2>&1 ||
  skip "a container cannot reach the Debian mirror: $(tail -1 "$tmp/apt.log")"

# Build the image (with the host's network, for the mirror).
start=$SECONDS
nice -n 10 podman build "${opts[@]}" --network host --layers=false \
  --build-arg SOURCE_DATE_EPOCH=1700000000 --build-arg JOBS=2 \
  -t "$image" -f "$source_dir/Dockerfile" "$source_dir" >"$tmp/build.log" 2>&1 ||
  { tail -40 "$tmp/build.log" >&2; fail "podman build"; }
echo "image built in $(elapsed "$start") ($(podman image inspect --format '{{.Size}}' "$image") bytes)"

# The image's contract: galley is the entry point, the user is not root.
entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")
[[ $entrypoint == '["galley"]' ]] || fail "entry point is $entrypoint, not [\"galley\"]"
uid=$(podman run --rm --network none "${opts[@]}" --entrypoint id "$image" -u)
[[ $uid =~ ^[0-9]+$ && $uid != 0 ]] || fail "the container runs as uid '$uid'"
podman run --rm --network none "${opts[@]}" "$image" --version >"$tmp/version"
grep -q "^galley $version" "$tmp/version" || fail "the image's galley --version: $(head -1 "$tmp/version")"

# Convert the reference article in a folder mounted at /data.
data=$tmp/data
mkdir "$data"
chmod 777 "$data"  # the container's user writes here
cp "$input" "$data/"
name=$(basename "$input")
stem=${name%.*}
podman run --rm --network none "${opts[@]}" -e SOURCE_DATE_EPOCH=1700000000 -v "$data:/data" "$image" \
  convert "/data/$name" -o /data/out >"$tmp/convert.log" 2>&1 ||
  { cat "$tmp/convert.log" >&2; fail "galley convert in the container"; }
epub=$data/out/$stem.epub
pdf=$data/out/$stem.pdf
[[ -s $epub && -s $pdf ]] || fail "the container wrote no EPUB and PDF: $(ls -R "$data")"
[[ $(head -c 5 "$pdf") == %PDF- ]] || fail "$pdf is not a PDF"
[[ $(head -c 38 "$epub" | tail -c 8) == mimetype ]] || fail "$epub does not start with its mimetype entry"
owner=$(stat -c %u "$pdf")
[[ $owner == "$uid" ]] || fail "the PDF is owned by uid $owner, not the container's user $uid"
# The image's galley (a Release build from the .deb, with Debian's libraries)
# writes the same bytes as the galley under test.
SOURCE_DATE_EPOCH=1700000000 "$galley" convert "$input" -o "$tmp/host" 2>"$tmp/host.log" ||
  { cat "$tmp/host.log" >&2; fail "$galley convert"; }
cmp "$epub" "$tmp/host/$stem.epub" || fail "the container's EPUB differs from $galley's"
cmp "$pdf" "$tmp/host/$stem.pdf" || fail "the container's PDF differs from $galley's"
echo "container: ok (uid $uid, $(du -k "$epub" | cut -f1) KiB EPUB, $(du -k "$pdf" | cut -f1) KiB PDF)"
