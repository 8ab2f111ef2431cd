#!/bin/sh
# scripts/deps.sh — installs tern's build and test dependencies from Debian's
# packages (nothing else is downloaded).  Idempotent: does nothing when all
# are present.  Needs root (or sudo) only when something is missing.
set -eu

PKGS="autoconf automake libtool pkg-config make gcc libc6-dev \
libcapstone-dev libffi-dev libcmocka-dev libfdt-dev \
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user qemu-system-arm"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "tern: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
