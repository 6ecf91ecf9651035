#!/usr/bin/env bash
# A clean Debian 12 root with no .NET (debootstrap --variant=minbase bookworm) to install the package into,
# used by build/package-e2e.sh and the package tests (tests/NodeMonitor.EndToEnd.Tests/DebianPackageTests.cs).
#   build/package-root.sh create DIR    a fresh root in DIR (absent or empty), /proc, /sys, /dev/pts mounted, apt ready
#   build/package-root.sh destroy DIR   unmount and delete it
# The debootstrap result is cached as a tarball in $NODEMONITOR_TEST_CACHE (default /var/cache/nodemonitor-test),
# so only the first create downloads (about 3 minutes); later ones unpack it in seconds. The mirror is the one
# apt uses on this machine (first Debian entry of /etc/apt/sources.list*), or $NODEMONITOR_DEBIAN_MIRROR.
# Needs root (chroot, mount) and debootstrap.
set -euo pipefail

cache_dir=${NODEMONITOR_TEST_CACHE:-/var/cache/nodemonitor-test}
tarball=$cache_dir/bookworm-minbase.tar

fail() { printf 'package-root.sh: %s\n' "$*" >&2; exit 2; }

debian_mirror() {
  if [ -n "${NODEMONITOR_DEBIAN_MIRROR:-}" ]; then echo "$NODEMONITOR_DEBIAN_MIRROR"; return; fi
  local url
  url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n -E 's;^(deb[[:space:]]+(\[[^]]*\][[:space:]]+)?|URIs:[[:space:]]*)([a-z]+://[^[:space:]]+).*;\3;p' |
    grep -E '/debian/?$' | head -n 1)
  echo "${url:-http://deb.debian.org/debian}"
}

# Mounts what programs on a node have (/proc, /sys, /dev/pts; /dev itself comes as device nodes in the tarball)
# and lets apt resolve names.
prepare() {
  local dir=$1
  mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
  mountpoint -q "$dir/sys" || mount -t sysfs sysfs "$dir/sys"
  mountpoint -q "$dir/dev/pts" || mount --bind /dev/pts "$dir/dev/pts"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

unmount_all() {
  local dir mnt
  dir=$(realpath "$1")
  # innermost first
  for mnt in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$mnt"
  done
}

build_cache() {
  command -v debootstrap >/dev/null || fail "debootstrap is missing: run build/install-deps.sh (build/apt-packages.txt)"
  mkdir -p "$cache_dir"
  local tmp mirror start
  tmp=$(mktemp -d "$cache_dir/.debootstrap.XXXXXX")
  mirror=$(debian_mirror)
  start=$(date +%s)
  printf '==> debootstrap --variant=minbase bookworm from %s (cached afterwards in %s)\n' "$mirror" "$tarball"
  if ! debootstrap --variant=minbase bookworm "$tmp/root" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
    tail -n 20 "$tmp/debootstrap.log" >&2
    unmount_all "$tmp"; rm -rf --one-file-system "$tmp"
    fail "debootstrap failed (log above)"
  fi
  prepare "$tmp/root"
  chroot "$tmp/root" apt-get update -qq
  chroot "$tmp/root" apt-get clean
  unmount_all "$tmp/root"
  tar -C "$tmp/root" -cf "$tmp/root.tar" .
  mv "$tmp/root.tar" "$tarball"
  rm -rf --one-file-system "$tmp"
  printf '==> debootstrap and cache took %s s\n' "$(( $(date +%s) - start ))"
}

create() {
  local dir=$1
  [ "$(id -u)" = 0 ] || fail "needs root (chroot and mount)"
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then fail "$dir is not empty"; fi
  # One builder at a time; others wait for its tarball.
  mkdir -p "$cache_dir"
  ( flock 9; [ -s "$tarball" ] || build_cache ) 9>"$cache_dir/.lock"
  mkdir -p "$dir"
  tar -C "$dir" -xf "$tarball"
  prepare "$dir"
}

destroy() {
  local dir=$1
  [ -d "$dir" ] || return 0
  unmount_all "$dir"
  rm -rf --one-file-system "$dir"
}

case "${1:-}" in
  create | destroy) [ $# -eq 2 ] || fail "usage: $0 create|destroy DIR"; "$1" "$2" ;;
  *) echo "usage: $0 create|destroy DIR" >&2; exit 2 ;;
esac
