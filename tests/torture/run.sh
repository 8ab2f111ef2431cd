#!/bin/sh
# run.sh — GCC's C torture execute tests (gcc.c-torture/execute and its
# ieee/ subdirectory, from Debian's gcc-12-source) under tern, with
# qemu-aarch64 as the oracle.  Each test is built static for AArch64 at each
# optimization level; a test that does not build, or does not exit 0 under
# qemu-aarch64, is skipped.  The rest must exit 0 under tern too, on every
# backend (stdout is not compared: some tests print stack addresses).  The
# builtins/ subdirectory needs its own harness of replacement library
# functions and is not run.
#
# Usage: run.sh [--opt "-O0 -O2"] [--jobs N] [--sample K] [FILTER]
#   --opt     space-separated optimization levels, default "-O0 -O2"
#   --jobs    parallel jobs, default 2
#   --sample  run only every K-th test of the sorted list (deterministic)
#   FILTER    extended regex; only tests whose name (e.g. "pr12345",
#             "ieee/fp-cmp-1") matches it are run
# Environment:
#   TERN           translator to test (required); qemu-aarch64 as a
#                  stand-in runs without -backend flags
#   TERN_BACKENDS  default "jit interp"
#   QEMU           the oracle, default qemu-aarch64 from PATH
#   AARCH64_CC     default aarch64-linux-gnu-gcc
#   BUILD_DIR      sources, binaries and results; default tests/torture/build
#   TIMEOUT        seconds per run, default 10
#
# Output, in test order: "PASS name opt/backend", "FAIL name opt/backend
# (reason)" with tern's last stderr lines, "SKIP name opt (reason)", then
# exactly one "N passed, M failed, K skipped" line.  Passes and failures
# count one per backend run, skips one per test and opt level.  Exit 0 only
# if nothing failed; 77 (skip) when the compiler, the oracle or the sources
# are missing.
#
# Binaries are cached (keyed by the full compile command and the source's
# timestamp) with the oracle's verdict beside them, so a rerun only runs tern.
set -u

SELF=$(cd "$(dirname "$0")" && pwd)/run.sh
: "${TERN_BACKENDS:=jit interp}"
: "${TIMEOUT:=10}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
if [ -z "${QEMU:-}" ]; then
    QEMU=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || echo none)
elif [ "$QEMU" != none ]; then
    QEMU=$(command -v "$QEMU" || echo none)
fi

# dg_flags FILE: the options the test's dg-options / dg-additional-options
# directives ask for.  Directives restricted to a target selector name
# other targets (x86, powerpc, ...) and are ignored.
dg_flags() {
    sed -n \
        -e 's/.*dg-\(additional-\)\{0,1\}options  *"\([^"]*\)"  *}.*/\2/p' \
        -e 's/.*dg-options  *{  *"\([^"]*\)"  *}  *}.*/\1/p' "$1" | tr '\n' ' '
}

# ieee_flags FILE: the ieee/ harness adds -fno-inline, plus what the
# test's .x file appends unconditionally.
ieee_flags() {
    printf '%s ' -fno-inline
    x=${1%.c}.x
    [ -f "$x" ] && sed -n 's/^lappend additional_flags "\([^"]*\)".*/\1/p' "$x" |
        tr '\n' ' '
}

# dg_skip FILE FLAGS: print a reason if a dg-skip-if applies to AArch64
# Linux with these flags.  Two forms occur: a selector of every target
# with an option that must be present, and "! { other targets }".
dg_skip() {
    grep 'dg-skip-if' "$1" | while IFS= read -r line; do
        case $line in
        *'{ *-*-* }'*)
            opt=$(printf '%s\n' "$line" | sed -n 's/.*{ \*-\*-\* } *"\([^"]*\)".*/\1/p')
            for f in $2; do
                [ -n "$opt" ] && [ "$f" = "$opt" ] && echo "dg-skip-if $opt" && return
            done ;;
        *'{ ! {'*aarch64*) ;;
        *'{ ! {'*) echo "dg-skip-if other targets"; return ;;
        esac
    done
}

# build SRC BIN FLAGS: compile unless BIN is newer than SRC and was built
# by the same command; a failure is cached too (BIN.fail).  The binary is
# linked under a temporary name, so an interrupted run leaves no torn one.
build() {
    cmd="$AARCH64_CC -static -w $3 $1 -lm -o $2"
    if [ "$(cat "$2.cmd" 2> /dev/null)" = "$cmd" ]; then
        [ -f "$2" ] && [ "$2" -nt "$1" ] && return 0
        [ -f "$2.fail" ] && [ "$2.fail" -nt "$1" ] && return 1
    fi
    rm -f "$2" "$2.fail" "$2.qemu"
    mkdir -p "$(dirname "$2")"
    printf '%s\n' "$cmd" > "$2.cmd"
    if $cmd.tmp > "$2.log" 2>&1 && mv "$2.tmp" "$2"; then
        return 0
    fi
    touch "$2.fail"
    return 1
}

# run_one OUTFILE CMD...: run in the scratch directory with a time limit;
# OUTFILE gets stdout then the status line, OUTFILE.err stderr.  Callers
# silence run_one's own stderr, where sh reports a child's fatal signal.
run_one() {
    o=$1; shift
    (cd "$work" && timeout -k 2 "$TIMEOUT" "$@" < /dev/null > "$o" 2> "$o.err")
    s=$?
    if [ $s -eq 124 ] || [ $s -eq 137 ]; then
        echo "timeout" >> "$o"
    elif [ $s -gt 128 ]; then
        echo "signal=$((s - 128))" >> "$o"
    else
        echo "exit=$s" >> "$o"
    fi
}

# run_case INDEX NAME OPT: build, ask the oracle, then every backend.
run_case() {
    idx=$1 name=$2 opt=$3
    src=$SRCDIR/$name.c
    bin=$OUT/bin/${opt#-}/$name
    res=$OUT/results/$idx
    flags="$opt $(dg_flags "$src")"
    case $name in ieee/*) flags="$flags $(ieee_flags "$src")" ;; esac
    why=$(dg_skip "$src" "$flags")
    if [ -n "$why" ]; then
        echo "SKIP $name $opt ($why)" > "$res"; return
    fi
    if ! build "$src" "$bin" "$flags"; then
        echo "SKIP $name $opt (does not build)" > "$res"; return
    fi
    work=$OUT/work/$idx
    rm -rf "$work"; mkdir -p "$work"
    if [ ! -f "$bin.qemu" ] || [ "$bin.qemu" -ot "$bin" ]; then
        run_one "$bin.qemu.tmp" "$QEMU" "$bin" 2> /dev/null &&
            mv "$bin.qemu.tmp" "$bin.qemu"
    fi
    if [ "$(tail -n 1 "$bin.qemu")" != exit=0 ]; then
        echo "SKIP $name $opt (qemu: $(tail -n 1 "$bin.qemu"))" > "$res"
        rm -rf "$work"; return
    fi
    : > "$res"
    for b in $TERN_BACKENDS; do
        o=$OUT/out/$idx.$b
        case $TERN in
        *qemu-aarch64*) run_one "$o" "$TERN" "$bin" 2> /dev/null ;;
        *) run_one "$o" "$TERN" -backend "$b" "$bin" 2> /dev/null ;;
        esac
        if [ "$(tail -n 1 "$o")" = exit=0 ]; then
            echo "PASS $name $opt/$b"
        else
            echo "FAIL $name $opt/$b ($(tail -n 1 "$o"))"
            tail -n 3 "$o.err" | sed 's/^/    | /'
        fi
    done >> "$res"
    rm -rf "$work"
}

if [ "${1:-}" = --run-case ]; then
    shift
    ulimit -c 0
    run_case "$@"
    exit 0
fi

# --- main ----------------------------------------------------------------------

OPTS="-O0 -O2" JOBS=2 SAMPLE=1 FILTER=
while [ $# -gt 0 ]; do
    case $1 in
    --opt) OPTS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --sample) SAMPLE=$2; shift 2 ;;
    --help|-h) sed -n '2,/^set -u/p' "$SELF" | sed '$d'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) FILTER=$1; shift ;;
    esac
done

if [ -z "${TERN:-}" ] || ! command -v "$TERN" > /dev/null 2>&1; then
    echo "run.sh: set TERN to the translator to test" >&2
    exit 2
fi
TERN=$(command -v "$TERN")
case $TERN in /*) ;; *) TERN=$(pwd)/$TERN ;; esac
if [ "$QEMU" = none ] || ! command -v "$AARCH64_CC" > /dev/null 2>&1; then
    echo "run.sh: qemu-aarch64 or $AARCH64_CC is not installed: skipped" >&2
    exit 77
fi
OUT=${BUILD_DIR:-$(dirname "$SELF")/build}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SRCDIR=$(sh "$(dirname "$SELF")/setup.sh" "$OUT/src") || exit $?
export TERN TERN_BACKENDS QEMU AARCH64_CC TIMEOUT OUT SRCDIR

rm -rf "$OUT/results" "$OUT/out" "$OUT/work"
mkdir -p "$OUT/results" "$OUT/out" "$OUT/work"
# The test list: sorted names, sampled by position, then filtered, so a
# sample is the same whatever the filter and the opt levels.
(cd "$SRCDIR" && ls ./*.c ieee/*.c) | sed 's|^\./||; s|\.c$||' | LC_ALL=C sort |
    awk -v k="$SAMPLE" '(NR - 1) % k == 0' |
    grep -E -- "${FILTER:-.}" |
    awk -v opts="$OPTS" '{ n = split(opts, o, " ");
        for (i = 1; i <= n; i++) printf "%06d %s %s\n", (NR - 1) * n + i, $1, o[i] }' |
    xargs -P "$JOBS" -L 1 sh "$SELF" --run-case

cat "$OUT"/results/* 2> /dev/null
passed=$(cat "$OUT"/results/* 2> /dev/null | grep -c '^PASS ')
failed=$(cat "$OUT"/results/* 2> /dev/null | grep -c '^FAIL ')
skipped=$(cat "$OUT"/results/* 2> /dev/null | grep -c '^SKIP ')
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
