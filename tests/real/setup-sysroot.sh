#!/bin/sh
# setup-sysroot.sh — fetch Debian's arm64 busybox-static for the real-program
# tests and unpack it into DIR/sysroot (DIR defaults to tests/real/build).
#
# Idempotent and offline-safe: when DIR/sysroot/bin/busybox exists nothing
# is touched, and a .deb already in DIR/cache is reused without network.
# Only a missing .deb needs apt: the arm64 architecture is added to dpkg and
# the package lists are refreshed only when a plain download fails.
#
# Prints the sysroot path on success.  Exit status 77 (automake's "skip")
# when the package cannot be obtained, 1 on other errors.
set -eu

dir=${1:-$(cd "$(dirname "$0")" && pwd)/build}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cache=$dir/cache
sysroot=$dir/sysroot
busybox=$sysroot/bin/busybox

if [ -x "$busybox" ]; then
    echo "$sysroot"
    exit 0
fi

find_deb() {
    ls "$cache"/busybox-static_*_arm64.deb 2> /dev/null | tail -n 1
}

download() {
    (cd "$cache" && apt-get download -qq busybox-static:arm64 > /dev/null 2>&1)
}

mkdir -p "$cache"
deb=$(find_deb)
if [ -z "$deb" ]; then
    if ! download; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "setup-sysroot: busybox-static:arm64 not downloadable and not root" >&2
            exit 77
        fi
        dpkg --print-foreign-architectures | grep -qx arm64 ||
            dpkg --add-architecture arm64
        apt-get update -qq > /dev/null 2>&1 || true
        if ! download; then
            echo "setup-sysroot: apt-get download busybox-static:arm64 failed" >&2
            exit 77
        fi
    fi
    deb=$(find_deb)
fi

rm -rf "$sysroot.tmp"
dpkg -x "$deb" "$sysroot.tmp"
if [ ! -x "$sysroot.tmp/bin/busybox" ]; then
    echo "setup-sysroot: $deb has no bin/busybox" >&2
    exit 1
fi
rm -rf "$sysroot"
mv "$sysroot.tmp" "$sysroot"
echo "$sysroot"
