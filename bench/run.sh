#!/bin/sh
# bench/run.sh — tern's benchmark runner.  Builds what bench/workloads.txt
# needs (AArch64 static -O2 builds of bench/src/*.c and of the generated
# programs in bench/gen, the same sources for the host, the data files of
# bench/gen/data.sh), finds the arm64 Debian sysroot through
# tests/real/setup-sysroot.sh, runs every workload under each tern
# backend, qemu-aarch64 and natively, interleaved, REPS rounds, and
# reports medians, tern/qemu and tern/native ratios and their geometric
# means per set (exec, trans).  Every run's output must equal the
# reference (qemu's, else the first runner's): a mismatch or a non-zero
# status is reported, shown as "failed", left out of the means, and makes
# the exit status 1.  Times are never asserted.
#
# For each trans workload one extra run of the first tern backend with
# `-d stats` (exec/stats.c) gives tern's own counters: TBs and guest
# instructions translated, host code bytes per guest instruction, and
# guest instructions translated per second of translation CPU time.
#
# Writes $RESULTS (the table: date, machine, load, tern commit, qemu
# version, then the rows), next to it NAME.dat (the ratios) and, through
# bench/chart.sh, NAME.svg: a bar chart of the ratios with the geometric
# means.
#
# Environment:
#   TERN           translator to measure (required)
#   TERN_BACKENDS  default "jit" (e.g. "jit interp")
#   QEMU           reference, default qemu-aarch64 from PATH ("none": skip)
#   NATIVE         "yes" (default) runs the native counterparts, "no" skips
#   SYSROOT        arm64 sysroot of real programs; default: what
#                  tests/real/setup-sysroot.sh --full prints (it builds it
#                  on first use); its workloads are skipped when there is none
#   BENCH_QUICK    1: a sanity run — small inputs ({size:FULL:QUICK} takes
#                  QUICK), REPS 1, results in $WORK_DIR/quick.txt
#   AARCH64_CC     default aarch64-linux-gnu-gcc;  HOST_CC default cc
#   REPS           repetitions per runner, default 3
#   METRIC         "cpu" (default: user+sys of the run and its children) or
#                  "wall" (only meaningful on an idle machine)
#   WORK_DIR       build/output directory, default bench/work
#   RESULTS        default bench/results/latest.txt (quick: $WORK_DIR/quick.txt)
#   TERN_COMMIT    the tern version for the header; default `git describe`
#                  of the tree TERN lives in (else of this tree)
# Usage: run.sh [WORKLOAD...]     (default: every line of workloads.txt)
set -u

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$BENCH_DIR/.." && pwd)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
: "${BENCH_QUICK:=0}"
: "${TERN_BACKENDS:=jit}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
: "${HOST_CC:=cc}"
: "${METRIC:=cpu}"
: "${NATIVE:=yes}"
: "${WORK_DIR:=$BENCH_DIR/work}"
if [ "$BENCH_QUICK" = 1 ]; then
    : "${REPS:=1}" "${RESULTS:=$WORK_DIR/quick.txt}"
    DATA=$WORK_DIR/data-quick
else
    : "${REPS:=3}" "${RESULTS:=$BENCH_DIR/results/latest.txt}"
    DATA=$WORK_DIR/data
fi
if [ -z "${QEMU:-}" ]; then
    QEMU=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || echo none)
elif [ "$QEMU" != none ]; then
    QEMU=$(command -v "$QEMU" || echo none)
fi
if [ -z "${TERN:-}" ] || ! command -v "$TERN" > /dev/null 2>&1; then
    echo "bench/run.sh: set TERN to the translator to measure" >&2
    exit 2
fi
TERN=$(command -v "$TERN")
case $TERN in /*) ;; *) TERN=$(pwd)/$TERN ;; esac
# The measuring helper wants the host's own python3, not a shim in PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
BIN=$WORK_DIR/bin NBIN=$WORK_DIR/nbin
mkdir -p "$BIN" "$NBIN" "$DATA" "$WORK_DIR/out" "$WORK_DIR/stats" "$WORK_DIR/tmp" \
    "$(dirname "$RESULTS")"
# The same environment for every runner: C locale (sort order, number
# formats), no host Python settings leaking into the guest's python3.
export LC_ALL=C TMPDIR="$WORK_DIR/tmp"
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP LANG LANGUAGE

die() { echo "bench/run.sh: $*" >&2; exit 2; }

if [ -z "${SYSROOT:-}" ]; then
    SYSROOT=$("$TOP/tests/real/setup-sysroot.sh" --full 2> "$WORK_DIR/sysroot.err")
    if [ $? -ne 0 ] || [ ! -d "$SYSROOT" ]; then
        echo "bench/run.sh: no sysroot (tests/real/setup-sysroot.sh --full failed," \
             "see $WORK_DIR/sysroot.err): the real programs are skipped" >&2
        SYSROOT=$WORK_DIR/no-sysroot
    fi
fi

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# --- the workload table --------------------------------------------------------

# Prints "name|set|guest|native|options" for the selected workloads.
workloads() {
    grep -v '^[[:space:]]*\(#\|$\)' "$BENCH_DIR/workloads.txt" |
        awk -F'|' '{ for (i = 1; i <= 5; i++) gsub(/^[ \t]+|[ \t]+$/, "", $i)
                     print $1 "|" $2 "|" $3 "|" $4 "|" $5 }' |
        if [ $# -gt 0 ]; then grep -E "^($(echo "$*" | tr ' ' '|'))\|"; else cat; fi
}

expand() {
    if [ "$BENCH_QUICK" = 1 ]; then size='\2'; else size='\1'; fi
    echo "$1" | sed "s|{bin}|$BIN|g; s|{nbin}|$NBIN|g; s|{sysroot}|$SYSROOT|g
                     s|{data}|$DATA|g; s|{scripts}|$BENCH_DIR/scripts|g
                     s|{size:\([^:}]*\):\([^}]*\)}|$size|g"
}

# option OPTIONS KEY DEFAULT: the value of KEY=VALUE in a workload's options.
option() {
    v=$(echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | tail -n 1)
    echo "${v:-$3}"
}

# --- build ---------------------------------------------------------------------

# build_c SRC NAME FLAGS: AArch64 and (if wanted) host builds, each only
# when stale.  Host builds are static too when the host can, so start-up
# rows compare like with like.
build_c() {
    if [ ! -x "$BIN/$2" ] || [ "$1" -nt "$BIN/$2" ]; then
        "$AARCH64_CC" -static $3 -o "$BIN/$2" "$1" || die "cannot build $2"
    fi
    if [ "$NATIVE" = yes ] && { [ ! -x "$NBIN/$2" ] || [ "$1" -nt "$NBIN/$2" ]; }; then
        "$HOST_CC" -static $3 -o "$NBIN/$2" "$1" 2> /dev/null ||
            "$HOST_CC" $3 -o "$NBIN/$2" "$1" || die "cannot build $2 for the host"
    fi
}

# build_gen NAME AWK-ARGS: a generated translation-bound program.  -O1
# keeps the compile time of thousands of functions reasonable (the first
# build takes a minute or two; later runs reuse it).
build_gen() {
    gen=$WORK_DIR/gen
    mkdir -p "$gen"
    if [ ! -s "$gen/$1.c" ] || [ "$BENCH_DIR/gen/$1.awk" -nt "$gen/$1.c" ]; then
        # shellcheck disable=SC2086 # awk arguments are a word list
        awk $2 -f "$BENCH_DIR/gen/$1.awk" > "$gen/$1.c.tmp" && mv "$gen/$1.c.tmp" "$gen/$1.c" ||
            die "cannot generate $1.c"
    fi
    build_c "$gen/$1.c" "$1" -O1
}

build_all() {
    for src in "$BENCH_DIR"/src/*.c; do
        build_c "$src" "$(basename "$src" .c)" -O2
    done
    build_gen branchy "-v n=3000"
    build_gen straight "-v n=1500 -v len=160"
    if [ "$BENCH_QUICK" = 1 ]; then
        "$BENCH_DIR/gen/data.sh" "$DATA" quick || die "cannot make the data files"
    else
        "$BENCH_DIR/gen/data.sh" "$DATA" || die "cannot make the data files"
    fi
}

# --- runners -------------------------------------------------------------------

runner_labels() {
    for b in $TERN_BACKENDS; do echo "tern-$b"; done
    [ "$QEMU" = none ] || echo qemu
    [ "$NATIVE" = yes ] && echo native
}

# runner_cmd RUNNER GUEST NATIVE [TERN-OPTIONS]: the full command line, or
# nothing when the runner has no way to run this workload.  A native
# command "=" is the guest command run from the host's own /usr.
runner_cmd() {
    guest=$(expand "$2")
    sysopt=""
    case $guest in "$SYSROOT"/*) sysopt="-L $SYSROOT" ;; esac
    case $1 in
    native)
        case $3 in
        -) ;;
        =) (SYSROOT=""; expand "$2") ;;
        *) expand "$3" ;;
        esac ;;
    qemu)
        echo "$QEMU $sysopt $guest" ;;
    tern-*)
        case $TERN in
        *qemu-aarch64*) echo "$TERN ${4:-} $sysopt $guest" ;;
        *) echo "$TERN -backend ${1#tern-} ${4:-} $sysopt $guest" ;;
        esac ;;
    esac
}

# tern_version: the commit of the tree the measured binary was built in.
tern_version() {
    if [ -n "${TERN_COMMIT:-}" ]; then echo "$TERN_COMMIT"; return; fi
    for d in "$(dirname "$TERN")" "$TOP"; do
        v=$(git -C "$d" describe --always --dirty 2> /dev/null) && { echo "$v"; return; }
    done
    echo unknown
}

# --- measure: for each workload, REPS rounds of every runner in turn -------

build_all
timings=$WORK_DIR/timings
bad=$WORK_DIR/bad
skipped=$WORK_DIR/skipped
counters=$WORK_DIR/counters
: > "$timings"; : > "$bad"; : > "$skipped"; : > "$counters"
rm -f "$WORK_DIR/out"/* "$WORK_DIR/stats"/*
sel=$(workloads "$@")
[ -n "$sel" ] || die "no such workload: $*"

# check_outputs NAME OPTIONS: every output against the reference.
check_outputs() {
    ref=$WORK_DIR/out/$1.qemu.1
    [ -f "$ref" ] || ref=$WORK_DIR/out/$1.$(runner_labels | head -n 1).1
    for f in "$WORK_DIR/out/$1".*; do
        case $f in *.err) continue ;; esac
        r=${f#"$WORK_DIR/out/$1."}
        r=${r%.*}
        [ "$r" = native ] && [ "$(option "$2" check all)" = guest ] && continue
        if ! cmp -s "$ref" "$f"; then
            echo "bench/run.sh: $(basename "$f") differs from $(basename "$ref")" >&2
            echo "$1 $r" >> "$bad"
        fi
    done
}

# stats_pass NAME GUEST: one run with -d stats; appends "NAME TBS INSNS
# BYTES SECONDS" (summed over every process of the run) to $counters.
stats_pass() {
    r=tern-$(echo "$TERN_BACKENDS" | awk '{ print $1 }')
    log=$WORK_DIR/stats/$1.log
    cmd=$(runner_cmd "$r" "$2" - "-d stats -D $log")
    line=$("$PY" "$BENCH_DIR/measure.py" "$WORK_DIR/stats/$1.out" 1 "$cmd")
    set -- "$1" $line
    [ "$4" -eq 0 ] || echo "bench/run.sh: $1 with -d stats: wait status $4" >&2
    [ -s "$log" ] || return 0
    awk -v n="$1" '
        /^TBs translated +[0-9]+$/              { tbs += $NF }
        /^guest insns translated +[0-9]+$/      { insns += $NF }
        /^host code bytes +[0-9]+$/             { bytes += $NF }
        /^translation time \(s\) +[0-9.]+$/     { secs += $NF }
        END { if (insns) print n, tbs, insns, bytes, secs }' "$log" >> "$counters"
}

echo "$sel" | while IFS='|' read -r name set guest native opts; do
    prog=$(expand "${guest%% *}")
    if [ ! -x "$prog" ]; then
        echo "$name" >> "$skipped"
        echo "bench/run.sh: skipping $name: $prog is missing" >&2
        continue
    fi
    loops=$(option "$opts" loops 1)
    for rep in $(seq "$REPS"); do
        for r in $(runner_labels); do
            cmd=$(runner_cmd "$r" "$guest" "$native")
            [ -n "$cmd" ] || continue
            line=$("$PY" "$BENCH_DIR/measure.py" "$WORK_DIR/out/$name.$r.$rep" "$loops" "$cmd")
            echo "$name $r $rep $line" >> "$timings"
            # shellcheck disable=SC2086 # "WALL CPU STATUS"
            set -- $line
            if [ "$3" -ne 0 ]; then
                echo "bench/run.sh: $name under $r: wait status $3" >&2
                echo "$name $r" >> "$bad"
            fi
        done
    done
    check_outputs "$name" "$opts"
    [ "$set" = trans ] && stats_pass "$name" "$guest"
    echo "bench/run.sh: $name done" >&2
done
mismatch=0
[ -s "$bad" ] && mismatch=1

# --- report --------------------------------------------------------------------

# timings columns: name runner rep wall cpu status
col=5
[ "$METRIC" = wall ] && col=4
labels=$(runner_labels)
dat=${RESULTS%.txt}.dat
med() {
    awk -v b="$1" -v r="$2" -v c="$col" '$1 == b && $2 == r { print $c }' "$timings" | median
}
ratio() {
    echo "$1 $2" | awk '{ if ($1 > 0 && $2 > 0) printf "%.2f\n", $1 / $2; else print "-" }'
}
qemu_version=none
[ "$QEMU" = none ] || qemu_version=$($QEMU --version | head -n 1)
machine="$(uname -m), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cpus"
stamp=$(date -u '+%Y-%m-%d %H:%M UTC')
version=$(tern_version)
{
    echo "tern benchmarks, $stamp"
    echo "machine: $machine, load average at start $LOAD_AT_START"
    echo "tern:    $version ($TERN)"
    echo "qemu:    $qemu_version"
    mode="median of $REPS, $METRIC seconds"
    [ "$BENCH_QUICK" = 1 ] && mode="$mode, QUICK (small inputs: a sanity run, not a measurement)"
    echo "metric:  $mode; a row with runs > 1 times that many runs in a row"
    echo
    printf '%-16s %-5s %4s' workload set runs
    for r in $labels; do printf ' %9s' "$r"; done
    for r in $labels; do
        case $r in tern-*)
            [ "$QEMU" = none ] || printf ' %13s' "$r/qemu"
            [ "$NATIVE" = yes ] && printf ' %12s' "$r/nat" ;;
        esac
    done
    echo
} > "$WORK_DIR/table"
: > "$WORK_DIR/ratios"
: > "$dat"
echo "$sel" | while IFS='|' read -r name set guest native opts; do
    loops=$(option "$opts" loops 1)
    grep -qx "$name" "$skipped" && { printf '%-16s %-5s %4s skipped\n' "$name" "$set" "$loops" >> "$WORK_DIR/table"; continue; }
    row=$(printf '%-16s %-5s %4s' "$name" "$set" "$loops")
    for r in $labels; do
        m=$(med "$name" "$r")
        grep -qx "$name $r" "$bad" && m=failed
        [ -n "$m" ] || m=-
        case $m in failed|-) ;; *) m=$(printf '%.3f' "$m") ;; esac
        row="$row $(printf '%9s' "$m")"
        eval "m_$(echo "$r" | tr -c 'a-z0-9\n' _)=\$m"
    done
    datrow="$name"
    for r in $labels; do
        case $r in tern-*) ;; *) continue ;; esac
        eval "t=\$m_$(echo "$r" | tr -c 'a-z0-9\n' _)"
        for ref in qemu native; do
            [ "$ref" = qemu ] && [ "$QEMU" = none ] && continue
            [ "$ref" = native ] && [ "$NATIVE" != yes ] && continue
            eval "q=\${m_$ref:--}"
            x=-
            case "$t$q" in *failed*|*-*) ;; *) x=$(ratio "$t" "$q") ;; esac
            w=12; [ "$ref" = qemu ] && w=13
            row="$row $(printf "%${w}s" "$x")"
            datrow="$datrow $x"
            [ "$x" = - ] || echo "$set $r $ref $x" >> "$WORK_DIR/ratios"
        done
    done
    echo "$row" >> "$WORK_DIR/table"
    echo "$datrow" >> "$dat"
done
geomean() {
    awk -v s="$1" -v r="$2" -v q="$3" '$1 == s && $2 == r && $3 == q { l += log($4); n++ }
        END { if (n) printf "%.2f", exp(l / n) }' "$WORK_DIR/ratios"
}
{
    echo
    for set in exec trans; do
        grep -q "^$set " "$WORK_DIR/ratios" || continue
        printf 'geomean %-6s' "$set"
        datrow="geomean-$set"
        for r in $labels; do
            case $r in tern-*) ;; *) continue ;; esac
            for ref in qemu native; do
                [ "$ref" = qemu ] && [ "$QEMU" = none ] && continue
                [ "$ref" = native ] && [ "$NATIVE" != yes ] && continue
                v=$(geomean "$set" "$r" "$ref")
                printf '  %s/%s %s' "$r" "$ref" "${v:--}"
                datrow="$datrow ${v:--}"
            done
        done
        echo
        echo "$datrow" >> "$dat"
    done
    echo "(ratio = tern time / reference time: below 1.00 means tern is faster)"
    [ $mismatch -eq 0 ] ||
        echo "failed: wrong output or non-zero status (not in the means); see stderr"
    if [ -s "$counters" ]; then
        echo
        echo "tern's own counters (tern-$(echo "$TERN_BACKENDS" | awk '{ print $1 }'), one extra run with -d stats, summed over the run's processes):"
        printf '%-16s %8s %11s %11s %8s %9s %9s\n' workload TBs guest-insns host-bytes B/insn transl-s Minsn/s
        awk '{ printf "%-16s %8d %11d %11d %8.2f %9.3f %9.2f\n", $1, $2, $3, $4,
                      $4 / $3, $5, ($5 > 0 ? $3 / $5 / 1e6 : 0) }' "$counters"
        echo "(B/insn = host code bytes per guest instruction translated; Minsn/s = guest"
        echo " instructions translated per second of translation CPU time)"
    fi
} >> "$WORK_DIR/table"
cp "$WORK_DIR/table" "$RESULTS"
cat "$RESULTS"

"$BENCH_DIR/chart.sh" "$RESULTS"
exit $mismatch
