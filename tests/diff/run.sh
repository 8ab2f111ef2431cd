#!/bin/sh
# tests/diff/run.sh — random differential instruction tester: tern vs qemu.
#
# usage: run.sh [--seed S] [--count N] [--groups g1,g2|all] [--insns K]
#               [--first F] [--chunk C] [--keep]
#
# Generates COUNT cases (each K random instructions of one group, from a
# random initial state) with tests/diff/gen, drops the words that fault
# under qemu-aarch64 (filter passes), runs the rest under qemu-aarch64 and
# under $TERN once per backend in $TERN_BACKENDS, and compares every GPR,
# SP, NZCV, FPCR, FPSR, V0-V31 and (memory groups) a 1 KiB window.
# Work is done in chunks of C cases so that long runs need little disk.
# Ends with "N passed, M failed" (cases, summed over backends); exit 1 on
# any failure.  See tests/diff/README.md.
#
# Environment: TERN (required), TERN_BACKENDS (default "jit interp"),
# QEMU (qemu-aarch64), AARCH64_CC (aarch64-linux-gnu-gcc), CC (cc),
# DIFF_DIR (work directory, default a fresh one under ${TMPDIR:-/tmp}),
# TIMEOUT (seconds per emulator run, default 600).

set -u

seed=1 count=2000 groups=all insns=1 first=0 chunk=20000 keep=0
while [ $# -gt 0 ]; do
    case $1 in
    --seed) seed=$2; shift ;;
    --count) count=$2; shift ;;
    --groups) groups=$2; shift ;;
    --insns) insns=$2; shift ;;
    --first) first=$2; shift ;;
    --chunk) chunk=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

: "${TERN:?set TERN to the tern-aarch64 binary}"
: "${TERN_BACKENDS:=jit interp}"
: "${QEMU:=qemu-aarch64}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
: "${CC:=cc}"
: "${TIMEOUT:=600}"
src=$(cd "$(dirname "$0")" && pwd)
created=0
if [ -z "${DIFF_DIR:-}" ]; then
    created=1
    DIFF_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-diff.XXXXXX") || exit 2
fi
mkdir -p "$DIFF_DIR" || exit 2
w=$DIFF_DIR

die() { echo "run.sh: $*" >&2; exit 2; }

# The generator and the fixed guest objects, built once per work directory.
$CC -std=gnu11 -O2 -Wall -Wextra -I"$src" -o "$w/gen" "$src/gen.c" "$src/gen-classes.c" \
    $(pkg-config --cflags --libs capstone) || die "cannot build gen"
$AARCH64_CC -std=gnu11 -O2 -ffreestanding -fno-builtin -fno-pie -c -o "$w/driver.o" \
    "$src/driver.c" || die "cannot build driver"
$AARCH64_CC -c -o "$w/stub.o" "$src/stub.S" || die "cannot build stub"

# build_prog FIRST N: emit and link the chunk's guest program.
build_prog() {
    "$w/gen" emit "$seed" "$1" "$2" "$groups" "$insns" "$w/faults" "$w/cases.S" &&
    $AARCH64_CC -c -o "$w/cases.o" "$w/cases.S" &&
    $AARCH64_CC -static -nostdlib -no-pie -o "$w/prog" "$w/driver.o" "$w/stub.o" "$w/cases.o"
}

# filter FIRST N: redraw words that fault under qemu until none does.
filter() {
    : > "$w/faults"
    pass=0
    while :; do
        build_prog "$1" "$2" || die "cannot build the guest program"
        timeout "$TIMEOUT" $QEMU "$w/prog" f > "$w/filter.bin" || die "qemu filter run failed"
        res=$("$w/gen" faults "$seed" "$1" "$2" "$groups" "$insns" "$w/faults" "$w/filter.bin") ||
            die "qemu filter run incomplete"
        case $res in 0\ *) break ;; esac
        pass=$((pass + 1))
        [ $pass -lt 12 ] || die "filter does not converge"
    done
}

# run_tern BACKEND FIRST N OUT: run the chunk in mode s (one write per
# case, so a crash loses nothing), resuming after each crashing case.
run_tern() {
    b=$1 start=$2 end=$(($2 + $3)) out=$4
    : > "$out"
    while [ "$start" -lt "$end" ]; do
        timeout "$TIMEOUT" "$TERN" -backend "$b" "$w/prog" s "$start" > "$out.part" 2> "$out.err"
        rc=$?
        cat "$out.part" >> "$out"
        [ $rc -eq 0 ] && return 0
        last=$("$w/gen" last "$seed" "$2" "$3" "$groups" "$insns" "$w/faults" "$out.part")
        [ "$last" -ge "$start" ] 2>/dev/null || last=$((start - 1))
        crash=$((last + 1))
        echo "$b: case $crash: exit $rc: $(head -c 300 "$out.err" | tr '\n' ' ')"
        start=$((crash + 1))
    done
}

total_pass=0 total_fail=0 total_insns=0
c=$first
end=$((first + count))
while [ $c -lt $end ]; do
    n=$chunk
    [ $((c + n)) -le $end ] || n=$((end - c))
    filter $c $n
    timeout "$TIMEOUT" $QEMU "$w/prog" r > "$w/ref.bin" || die "qemu run failed"
    for b in $TERN_BACKENDS; do
        run_tern "$b" $c $n "$w/$b.bin" > "$w/$b.crash" &
    done
    wait
    for b in $TERN_BACKENDS; do
        # An unimplemented instruction (SIGILL, exit 132) is reported by
        # gen check as "no result"; other deaths are shown with tern's words.
        grep -v ': exit 132: ' "$w/$b.crash"
        "$w/gen" check "$seed" $c $n "$groups" "$insns" "$w/faults" "$w/ref.bin" "$w/$b.bin" "$b" \
            > "$w/$b.check"
        grep -v '^[a-z]*: [0-9]* passed' "$w/$b.check"
        p=$(sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$w/$b.check")
        f=$(sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$w/$b.check")
        i=$(sed -n 's/^.*: \([0-9]*\) instructions compared.*/\1/p' "$w/$b.check")
        total_pass=$((total_pass + ${p:-0}))
        total_fail=$((total_fail + ${f:-$n}))
        total_insns=$((total_insns + ${i:-0}))
    done
    [ $keep = 1 ] || rm -f "$w"/*.bin "$w"/*.part "$w/cases.S" "$w/cases.o"
    c=$((c + n))
done

echo "seed $seed, cases $first..$((end - 1)), groups $groups, $insns insn(s)/case:" \
     "$total_insns instructions compared over backends: $TERN_BACKENDS"
echo "$total_pass passed, $total_fail failed"
[ $keep = 1 ] || [ $created = 0 ] || rm -rf "$w"
[ $total_fail -eq 0 ]
