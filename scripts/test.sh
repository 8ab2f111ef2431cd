#!/bin/sh
# scripts/test.sh — quick start #2: installs what is missing, builds tern and
# runs the whole test suite: cmocka unit tests, guest programs on both
# backends (compared with expected output and qemu-aarch64), Debian's arm64
# busybox, dynamically linked Debian programs, 57 real Debian commands
# compared with native runs, a random differential test
# against qemu-aarch64 and a sample of GCC's torture tests.
# Ends with one line "N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TERN_BUILD:-$top/build}
"$top/scripts/build.sh" "$@" || { echo "0 passed, 1 failed"; exit 1; }

pass=0 fail=0
suite() {   # suite NAME COMMAND...: runs a suite, adds up its summary line
    name=$1; shift
    echo "=== $name"
    log="$build/test-$name.log"
    "$@" >"$log" 2>&1
    rc=$?
    cat "$log"
    line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/')
        f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    else
        p=$([ $rc -eq 0 ] && echo 1 || echo 0)
        f=$([ $rc -eq 0 ] && echo 0 || echo 1)
    fi
    if [ $rc -eq 77 ]; then   # the suite's input could not be had (no package)
        echo "$name: SKIPPED (exit 77)"
        return 0
    fi
    [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
    pass=$((pass + p)); fail=$((fail + f))
}

unit() {
    cd "$build" && make -s -j"$(nproc)" check >/dev/null 2>&1
    rc=$?
    t=$(grep -h '^# TOTAL:' test-suite.log 2>/dev/null | awk '{print $3}')
    pa=$(grep -h '^# PASS:' test-suite.log 2>/dev/null | awk '{print $3}')
    [ $rc -ne 0 ] && cat test-suite.log
    echo "${pa:-0} passed, $(( ${t:-0} - ${pa:-0} )) failed"
    return $rc
}

suite unit unit
suite guest env TERN="$build/tern-aarch64" BUILD_DIR="$build/guest" "$top/tests/guest/run.sh"
suite busybox env TERN="$build/tern-aarch64" "$top/tests/real/busybox.sh" "$build/real"
# Dynamically linked Debian arm64 programs (-L sysroot), compared with qemu.
suite dynamic env TERN="$build/tern-aarch64" "$top/tests/real/debian-dynamic.sh" "$build/real"
# 57 real Debian arm64 commands (bash, coreutils, python3, perl, gcc, xz -T2,
# ...) compared with the same commands run natively; the ENOSYS summary
# parser's own test.
suite real env TERN="$build/tern-aarch64" "$top/tests/real/run.sh"
suite enosys-parser "$top/tests/real/test-enosys-summary.sh"
# Random differential test against qemu-aarch64 over every instruction group
# (tests/diff/README.md has the long run).
suite diff env TERN="$build/tern-aarch64" DIFF_DIR="$build/diff" "$top/tests/diff/run.sh" \
    --seed 1 --count 6000 --insns 2 --groups all
# GCC's torture tests: a fixed sample (every 10th, -O2, both backends); the
# full run is in tests/torture/README.md.
suite torture env TERN="$build/tern-aarch64" BUILD_DIR="$build/torture" \
    "$top/tests/torture/run.sh" --opt -O2 --sample 10

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
