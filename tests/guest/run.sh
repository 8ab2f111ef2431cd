#!/bin/sh
# run.sh — build tern's guest test programs and run them under the translator.
#
# Every tests/guest/NAME.S (self-checking assembly, -nostdlib) and NAME.c
# (glibc program, built at -O0 and -O2) is compiled static for AArch64 (or
# dynamic, see BUILD below) into a build directory, then run under $TERN
# once per backend in $TERN_BACKENDS (and under qemu-aarch64 as a second
# reference when it is installed).  A case passes when stdout plus a final
# "exit=N" line equals NAME.expected; a death by signal is written
# "exit=128+S (SIGNAME)", so a translator that exits with status 139
# instead of dying by SIGSEGV does not pass.
#
# Per-program settings are comment lines in the source:
#   RUN-ARGS: words...   arguments (shell quoting allowed)
#   RUN-ENV: A=1 B=2     extra environment (the rest is a fixed minimal one)
#   RUN-SH: yes          run through "sh -c" and report the status sh saw
#   QEMU-DEVIATION: why  qemu-aarch64 is known to differ from Linux/the Arm
#                        ARM here: NAME.expected is written by hand and the
#                        qemu reference run is skipped
#   BUILD: dynamic       link against the cross toolchain's shared glibc (no
#                        -static) and run with -L $GUEST_SYSROOT, under tern
#                        and qemu alike
#
# Output: one line per case in a stable order ("PASS name/O2/jit", or
# "FAIL ..." followed by a short diff), then exactly one "N passed, M failed"
# line.  Exit status 0 only if nothing failed.
#
# Environment:
#   TERN           translator to test (required; qemu-aarch64 works as a
#                  stand-in, then no -backend flag is passed)
#   TERN_BACKENDS  backends to run, default "jit interp" (-backend NAME each)
#   QEMU           reference emulator, default qemu-aarch64 if found; "none"
#                  disables the reference runs
#   AARCH64_CC     guest compiler, default aarch64-linux-gnu-gcc
#   GUEST_CFLAGS   extra flags for the C programs (e.g. -fno-tree-vectorize
#                  while AdvSIMD arithmetic is missing); changing them
#                  rebuilds everything
#   BUILD_DIR      where binaries and outputs go, default tests/guest/build
#   GUEST_SYSROOT  the arm64 root for BUILD: dynamic programs, default
#                  /usr/aarch64-linux-gnu (the cross toolchain's)
#   JOBS           parallel jobs, default 2
#   TIMEOUT        seconds per run, default 120
#
# Usage: run.sh [--regen] [NAME...]
#   --regen   rewrite NAME.expected from $QEMU (O0 build) instead of testing
set -u

SRC_DIR=$(cd "$(dirname "$0")" && pwd)
: "${TERN_BACKENDS:=jit interp}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
: "${GUEST_CFLAGS:=}"
: "${BUILD_DIR:=$SRC_DIR/build}"
: "${GUEST_SYSROOT:=/usr/aarch64-linux-gnu}"
: "${JOBS:=2}"
: "${TIMEOUT:=120}"
if [ -z "${QEMU:-}" ]; then
    QEMU=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || echo none)
elif [ "$QEMU" != none ]; then
    QEMU=$(command -v "$QEMU" || echo none)
fi
export SRC_DIR TERN_BACKENDS AARCH64_CC GUEST_CFLAGS BUILD_DIR JOBS TIMEOUT QEMU \
    GUEST_SYSROOT

# --- helpers, also used by the per-job invocations ---------------------------

# run_with_status ENV COMMAND...: run COMMAND with exactly the environment
# ENV (space-separated NAME=VALUE words) under the $TIMEOUT limit, then print
# its status line the way the expected files spell it.  perl sees the raw
# wait status (a shell cannot tell "killed by SIGSEGV" from "exit(139)") and
# replaces env(1) and timeout(1): process spawns dominate the suite's time.
run_with_status() {
    perl -e '
        my $limit = shift;
        %ENV = map { split /=/, $_, 2 } split " ", shift;
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if ($pid == 0) { exec { $ARGV[0] } @ARGV; exit 127; }
        my $timed_out = 0;
        local $SIG{ALRM} = sub { $timed_out = 1; kill "KILL", $pid; };
        alarm $limit;
        waitpid($pid, 0);
        my $s = $?;
        alarm 0;
        if ($timed_out) { print "exit=timeout\n"; exit 0; }
        my $sig = $s & 127;
        if ($sig) {
            my %name = (4 => "SIGILL", 5 => "SIGTRAP", 6 => "SIGABRT",
                        7 => "SIGBUS", 8 => "SIGFPE", 9 => "SIGKILL",
                        11 => "SIGSEGV", 13 => "SIGPIPE", 15 => "SIGTERM");
            printf "exit=%d (%s)\n", 128 + $sig, $name{$sig} // "signal $sig";
        } else {
            printf "exit=%d\n", $s >> 8;
        }' "$TIMEOUT" "$@"
}

# directive KEY FILE: the value of the first "KEY: value" comment line in a
# test source, without a trailing "*/"; an empty line when there is none.
directive() {
    v=$(sed -n "s/^.*$1: *\\(.*\\)\$/\\1/p" "$2" | head -n 1)
    v=${v%%\*/*}
    printf '%s\n' "${v%"${v##*[! ]}"}"
}

# build_one SRC VARIANT: compile one program unless the binary is up to
# date, and cache its three RUN-* directives and its BUILD kind in
# BINARY.run.
build_one() {
    src=$1 variant=$2
    name=$(basename "$src"); name=${name%.*}
    out=$BUILD_DIR/bin/$name-$variant
    if [ -x "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$SRC_DIR/asm.h" ] &&
       [ -f "$out.run" ]; then
        return 0
    fi
    mkdir -p "$BUILD_DIR/bin"
    {
        directive RUN-ARGS "$src"
        directive RUN-ENV "$src"
        directive RUN-SH "$src"
        directive BUILD "$src"
    } > "$out.run"
    link=-static
    [ "$(directive BUILD "$src")" = dynamic ] && link=
    case $variant in
    asm) "$AARCH64_CC" -static -nostdlib -I"$SRC_DIR" -o "$out.tmp" "$src" ;;
    *)   # shellcheck disable=SC2086 # GUEST_CFLAGS and link are lists of words
         "$AARCH64_CC" $link -"$variant" -g0 $GUEST_CFLAGS -o "$out.tmp" "$src" ;;
    esac 2> "$out.log" && mv "$out.tmp" "$out" && return 0
    echo "build failed: $name-$variant" >&2
    sed 's/^/    /' "$out.log" | head -n 20 >&2
    return 1
}

# run_program EMULATOR [FLAGS...]: run the program $bin in the scratch
# directory $work with its cached directives; prints stdout + status line.
run_program() {
    { read -r args; read -r envs; read -r use_sh; read -r kind; } < "$bin.run"
    [ "$kind" = dynamic ] && set -- "$@" -L "$GUEST_SYSROOT"
    eval "set -- \"\$@\" \"\$bin\" $args"
    envs="PATH=/usr/bin:/bin HOME=$work TMPDIR=$work LC_ALL=C $envs"
    cd "$work" || return 1
    if [ -n "$use_sh" ]; then
        run_with_status "$envs" /bin/sh -c '"$@"; echo "sh: status $?"' sh "$@"
    else
        run_with_status "$envs" "$@"
    fi
}

# run_case INDEX NAME VARIANT RUNNER: run one case, write its result file.
run_case() {
    idx=$1 name=$2 variant=$3 runner=$4
    id=$name/$variant/$runner
    bin=$BUILD_DIR/bin/$name-$variant
    work=$BUILD_DIR/work/$name-$variant-$runner
    out=$BUILD_DIR/out/$name-$variant-$runner
    res=$BUILD_DIR/results/$idx
    if [ ! -x "$bin" ]; then
        printf 'FAIL %s\n    (not built)\n' "$id" > "$res"
        return 0
    fi
    mkdir -p "$work"
    emu=$TERN
    [ "$runner" = qemu ] && emu=$QEMU
    case $runner:$emu in
    qemu:* | *:*qemu-aarch64*)
        (run_program "$emu") > "$out.stdout" 2> "$out.stderr" ;;
    *)
        (run_program "$emu" -backend "$runner") > "$out.stdout" 2> "$out.stderr" ;;
    esac
    rm -rf "$work"
    if cmp -s "$SRC_DIR/$name.expected" "$out.stdout"; then
        printf 'PASS %s\n' "$id" > "$res"
        return 0
    fi
    {
        printf 'FAIL %s\n' "$id"
        diff -u "$SRC_DIR/$name.expected" "$out.stdout" 2>&1 | sed -n '3,14s/^/    /p'
        if [ -s "$out.stderr" ]; then
            echo "    stderr:"
            tail -n 4 "$out.stderr" | sed 's/^/    | /'
        fi
    } > "$res"
}

case ${1:-} in
--build-one) shift; build_one "$@"; exit $? ;;
--run-case)  shift; ulimit -c 0; run_case "$@"; exit 0 ;;
esac

# --- main ----------------------------------------------------------------------

regen=no
if [ "${1:-}" = --regen ]; then
    regen=yes
    shift
fi

if ! command -v "$AARCH64_CC" > /dev/null 2>&1; then
    echo "run.sh: guest compiler $AARCH64_CC not found" >&2
    exit 2
fi
if [ $regen = yes ]; then
    if [ "$QEMU" = none ]; then
        echo "run.sh: --regen needs qemu-aarch64" >&2
        exit 2
    fi
elif [ -z "${TERN:-}" ]; then
    echo "run.sh: set TERN to the translator to test (e.g. TERN=./tern-aarch64)" >&2
    exit 2
elif ! command -v "$TERN" > /dev/null 2>&1; then
    echo "run.sh: TERN=$TERN is not executable" >&2
    exit 2
fi
if [ -n "${TERN:-}" ]; then
    TERN=$(command -v "$TERN")
    case $TERN in /*) ;; *) TERN=$(pwd)/$TERN ;; esac
fi
export TERN

# The programs: every source, or the NAMEs given.
if [ $# -gt 0 ]; then
    names=$*
else
    names=$(cd "$SRC_DIR" && ls ./*.S ./*.c 2> /dev/null | sed 's|^\./||; s/\.[Sc]$//' | sort -u)
fi

variants_of() {
    if [ -f "$SRC_DIR/$1.S" ]; then echo asm; else echo O0 O2; fi
}

source_of() {
    if [ -f "$SRC_DIR/$1.S" ]; then echo "$SRC_DIR/$1.S"; else echo "$SRC_DIR/$1.c"; fi
}

mkdir -p "$BUILD_DIR/bin"
if [ "$(cat "$BUILD_DIR/bin/cflags" 2> /dev/null)" != "$AARCH64_CC $GUEST_CFLAGS" ]; then
    rm -f "$BUILD_DIR"/bin/*
    echo "$AARCH64_CC $GUEST_CFLAGS" > "$BUILD_DIR/bin/cflags"
fi
for name in $names; do
    if [ ! -f "$SRC_DIR/$name.S" ] && [ ! -f "$SRC_DIR/$name.c" ]; then
        echo "run.sh: no test named $name" >&2
        exit 2
    fi
    for v in $(variants_of "$name"); do
        echo "$(source_of "$name") $v"
    done
done > "$BUILD_DIR/build-list"
xargs -P "$JOBS" -L 1 sh "$SRC_DIR/run.sh" --build-one < "$BUILD_DIR/build-list"

if [ $regen = yes ]; then
    ulimit -c 0
    for name in $names; do
        v=$(variants_of "$name" | cut -d' ' -f1)
        bin=$BUILD_DIR/bin/$name-$v
        work=$BUILD_DIR/work/regen-$name
        mkdir -p "$work"
        (run_program "$QEMU") > "$SRC_DIR/$name.expected" 2> /dev/null
        rm -rf "$work"
        echo "wrote $name.expected ($(tail -n 1 "$SRC_DIR/$name.expected"))"
    done
    exit 0
fi

runners=$TERN_BACKENDS
[ "$QEMU" = none ] || runners="$runners qemu"
rm -rf "$BUILD_DIR/results" "$BUILD_DIR/work"
mkdir -p "$BUILD_DIR/results" "$BUILD_DIR/out" "$BUILD_DIR/work"
i=0
for name in $names; do
    for v in $(variants_of "$name"); do
        for r in $runners; do
            [ "$r" = qemu ] && [ -n "$(directive QEMU-DEVIATION "$(source_of "$name")")" ] &&
                continue
            i=$((i + 1))
            printf '%05d %s %s %s\n' "$i" "$name" "$v" "$r"
        done
    done
done > "$BUILD_DIR/case-list"
xargs -P "$JOBS" -L 1 sh "$SRC_DIR/run.sh" --run-case < "$BUILD_DIR/case-list"

cat "$BUILD_DIR"/results/*
passed=$(cat "$BUILD_DIR"/results/* | grep -c '^PASS ')
failed=$(cat "$BUILD_DIR"/results/* | grep -c '^FAIL ')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
