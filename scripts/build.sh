#!/bin/sh
# scripts/build.sh [--debug] — configures and builds tern in ./build
# (or $TERN_BUILD).  --debug: IR verifier between passes, assertions and
# -fsanitize=address,undefined.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TERN_BUILD:-$top/build}
conf=""
[ "${1:-}" = "--debug" ] && conf="--enable-debug"

"$top/scripts/deps.sh"
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ] || [ "$(cat .tern-conf 2>/dev/null)" != "$conf" ]; then
    "$top/configure" -q $conf
    echo "$conf" > .tern-conf
fi
make -s -j"$(nproc)"
