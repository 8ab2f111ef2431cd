#!/bin/sh
# setup.sh — provide GCC's C torture execute tests (gcc.c-torture/execute)
# from Debian's gcc-12-source package.  The package ships the whole GCC
# source as one tarball; only the execute directory is extracted, into
# DIR/execute.  Idempotent: a stamp file marks a finished extraction, so a
# second call costs nothing and an interrupted one is redone.
#
# Usage: setup.sh DIR    — prints the execute directory on stdout.
# Exit 77 (skip) when the package is missing and cannot be installed.
set -u

DIR=${1:?usage: setup.sh DIR}
SRC=/usr/src/gcc-12
MEMBER=gcc/testsuite/gcc.c-torture/execute

mkdir -p "$DIR" || exit 1
DIR=$(cd "$DIR" && pwd)
if [ -f "$DIR/execute/.stamp" ]; then
    echo "$DIR/execute"
    exit 0
fi

tarball() {
    ls "$SRC"/gcc-12*.tar.* 2> /dev/null | head -n 1
}

tb=$(tarball)
if [ -z "$tb" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends gcc-12-source > "$DIR/apt.log" 2>&1
    fi
    tb=$(tarball)
fi
if [ -z "$tb" ]; then
    echo "setup.sh: gcc-12-source is not installed (apt-get install gcc-12-source)" >&2
    exit 77
fi

# The tarball's top directory (gcc-12.2.0) is not known in advance, so
# match the member by wildcard and strip the leading components.
rm -rf "$DIR/execute" "$DIR/tmp"
mkdir -p "$DIR/tmp"
tar -C "$DIR/tmp" -xf "$tb" --wildcards "*/$MEMBER/*" || exit 1
top=$(ls "$DIR/tmp")
mv "$DIR/tmp/$top/$MEMBER" "$DIR/execute" || exit 1
rm -rf "$DIR/tmp"
touch "$DIR/execute/.stamp"
echo "$DIR/execute"
