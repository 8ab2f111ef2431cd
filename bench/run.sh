#!/bin/sh
# bench/run.sh — tern's benchmark runner.  Builds what bench/workloads.txt
# lists (AArch64 static -O2 builds of bench/src/*.c and of the generated
# programs in bench/gen, the same sources for the host, data files), runs
# every workload under each tern backend, qemu-aarch64 and natively,
# interleaved, REPS rounds, and reports medians, tern/qemu and tern/native
# ratios and their geometric means per set (exec, trans).  Every run's
# output must equal the reference (qemu's, else the first runner's): a
# mismatch or a non-zero status is reported, shown as "failed", left out
# of the means, and makes the exit status 1.  Times are never asserted.
#
# Writes $RESULTS (table), and next to it NAME.dat and, when gnuplot is
# installed, NAME.svg (a bar chart of the ratios).
#
# Environment:
#   TERN           translator to measure (required)
#   TERN_BACKENDS  default "jit" (e.g. "jit interp")
#   QEMU           reference, default qemu-aarch64 from PATH ("none": skip)
#   NATIVE         "yes" (default) runs the native counterparts, "no" skips
#   SYSROOT        arm64 sysroot for real programs, default tests/real/build/sysroot
#   AARCH64_CC     default aarch64-linux-gnu-gcc;  HOST_CC default cc
#   REPS           repetitions per runner, default 3
#   METRIC         "wall" (default) or "cpu" (user+sys, steadier when loaded)
#   WORK_DIR       build/output directory, default bench/work
#   RESULTS        default bench/results/latest.txt
# Usage: run.sh [WORKLOAD...]     (default: every line of workloads.txt)
set -u

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$BENCH_DIR/.." && pwd)
: "${TERN_BACKENDS:=jit}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
: "${HOST_CC:=cc}"
: "${REPS:=3}"
: "${METRIC:=wall}"
: "${NATIVE:=yes}"
: "${WORK_DIR:=$BENCH_DIR/work}"
: "${RESULTS:=$BENCH_DIR/results/latest.txt}"
: "${SYSROOT:=$TOP/tests/real/build/sysroot}"
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
BIN=$WORK_DIR/bin NBIN=$WORK_DIR/nbin DATA=$WORK_DIR/data
mkdir -p "$BIN" "$NBIN" "$DATA" "$WORK_DIR/out" "$(dirname "$RESULTS")"

die() { echo "bench/run.sh: $*" >&2; exit 2; }

# measure OUTFILE COMMAND...: runs it once, stdout to OUTFILE; prints
# "WALL CPU STATUS" (seconds, seconds of the child, wait status).
measure() {
    perl -MTime::HiRes=time -e '
        my $out = shift;
        my $t0 = time;
        my @c0 = times;
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if ($pid == 0) {
            open STDOUT, ">", $out or die "$out: $!";
            open STDIN, "<", "/dev/null";
            exec { $ARGV[0] } @ARGV;
            exit 127;
        }
        waitpid($pid, 0);
        my $status = $?;
        my @c1 = times;
        printf "%.4f %.4f %d\n", time - $t0, ($c1[2] - $c0[2]) + ($c1[3] - $c0[3]), $status;
    ' "$@"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# --- the workload table --------------------------------------------------------

# Prints "name|set|guest|native" for the selected workloads.
workloads() {
    grep -v '^[[:space:]]*\(#\|$\)' "$BENCH_DIR/workloads.txt" |
        awk -F'|' '{ for (i = 1; i <= NF; i++) gsub(/^[ \t]+|[ \t]+$/, "", $i)
                     print $1 "|" $2 "|" $3 "|" $4 }' |
        if [ $# -gt 0 ]; then grep -E "^($(echo "$*" | tr ' ' '|'))\|"; else cat; fi
}

expand() {
    echo "$1" | sed "s|{bin}|$BIN|g; s|{nbin}|$NBIN|g; s|{sysroot}|$SYSROOT|g; s|{data}|$DATA|g"
}

# --- build ---------------------------------------------------------------------

# build_c SRC NAME: AArch64 and (if wanted) host builds, each only when stale.
build_c() {
    if [ ! -x "$BIN/$2" ] || [ "$1" -nt "$BIN/$2" ]; then
        "$AARCH64_CC" -static -O2 -o "$BIN/$2" "$1" || die "cannot build $2"
    fi
    if [ "$NATIVE" = yes ] && { [ ! -x "$NBIN/$2" ] || [ "$1" -nt "$NBIN/$2" ]; }; then
        "$HOST_CC" -O2 -o "$NBIN/$2" "$1" || die "cannot build $2 for the host"
    fi
}

build_all() {
    for src in "$BENCH_DIR"/src/*.c; do
        build_c "$src" "$(basename "$src" .c)"
    done
    # The translation-bound program: ~1 MB of code that runs once.  -O1
    # keeps the compile time of 3000 functions reasonable.
    gen=$WORK_DIR/gen
    mkdir -p "$gen"
    if [ ! -s "$gen/branchy.c" ] || [ "$BENCH_DIR/gen/branchy.awk" -nt "$gen/branchy.c" ]; then
        awk -v n=3000 -f "$BENCH_DIR/gen/branchy.awk" > "$gen/branchy.c" || die "gen branchy"
    fi
    if [ ! -x "$BIN/branchy" ] || [ "$gen/branchy.c" -nt "$BIN/branchy" ]; then
        "$AARCH64_CC" -static -O1 -o "$BIN/branchy" "$gen/branchy.c" || die "cannot build branchy"
    fi
    if [ "$NATIVE" = yes ] && { [ ! -x "$NBIN/branchy" ] || [ "$gen/branchy.c" -nt "$NBIN/branchy" ]; }; then
        "$HOST_CC" -O1 -o "$NBIN/branchy" "$gen/branchy.c" || die "cannot build branchy for the host"
    fi
    "$BENCH_DIR/gen/data.sh" "$DATA" || die "cannot make the data files"
}

# --- runners -------------------------------------------------------------------

runner_labels() {
    for b in $TERN_BACKENDS; do echo "tern-$b"; done
    [ "$QEMU" = none ] || echo qemu
    [ "$NATIVE" = yes ] && echo native
}

# runner_cmd RUNNER GUEST NATIVE: the full argument list, or nothing when the
# runner has no way to run this workload.
runner_cmd() {
    guest=$(expand "$2")
    prog=${guest%% *}
    sysopt=""
    case $prog in "$SYSROOT"/*) sysopt="-L $SYSROOT" ;; esac
    case $1 in
    native)
        [ "$3" = "-" ] && return
        expand "$3" ;;
    qemu)
        echo "$QEMU $sysopt $guest" ;;
    tern-*)
        case $TERN in
        *qemu-aarch64*) echo "$TERN $sysopt $guest" ;;
        *) echo "$TERN -backend ${1#tern-} $sysopt $guest" ;;
        esac ;;
    esac
}

# --- measure: for each workload, REPS rounds of every runner in turn -------

build_all
timings=$WORK_DIR/timings
bad=$WORK_DIR/bad
skipped=$WORK_DIR/skipped
: > "$timings"; : > "$bad"; : > "$skipped"
rm -f "$WORK_DIR/out"/*
sel=$(workloads "$@")
[ -n "$sel" ] || die "no such workload: $*"
echo "$sel" | while IFS='|' read -r name set guest native; do
    prog=$(expand "${guest%% *}")
    if [ ! -x "$prog" ]; then
        echo "$name" >> "$skipped"
        echo "bench/run.sh: skipping $name: $prog is missing" >&2
        continue
    fi
    for rep in $(seq "$REPS"); do
        for r in $(runner_labels); do
            cmd=$(runner_cmd "$r" "$guest" "$native")
            [ -n "$cmd" ] || continue
            # shellcheck disable=SC2086 # commands are word lists by design
            line=$(measure "$WORK_DIR/out/$name.$r.$rep" $cmd)
            echo "$name $r $rep $line" >> "$timings"
            set -- $line
            if [ "$3" -ne 0 ]; then
                echo "bench/run.sh: $name under $r: wait status $3" >&2
                echo "$name $r" >> "$bad"
            fi
        done
    done
    ref=$WORK_DIR/out/$name.qemu.1
    [ -f "$ref" ] || ref=$WORK_DIR/out/$name.$(runner_labels | head -n 1).1
    for f in "$WORK_DIR/out/$name".*; do
        if ! cmp -s "$ref" "$f"; then
            echo "bench/run.sh: $(basename "$f") differs from $(basename "$ref")" >&2
            r=${f#"$WORK_DIR/out/$name."}
            echo "$name ${r%.*}" >> "$bad"
        fi
    done
done
mismatch=0
[ -s "$bad" ] && mismatch=1

# --- report --------------------------------------------------------------------

col=4
[ "$METRIC" = cpu ] && col=5
labels=$(runner_labels)
dat=${RESULTS%.txt}.dat
med() {
    awk -v b="$1" -v r="$2" -v c="$col" '$1 == b && $2 == r { print $c }' "$timings" | median
}
ratio() {
    echo "$1 $2" | awk '{ if ($1 > 0 && $2 > 0) printf "%.2f\n", $1 / $2; else print "-" }'
}
{
    echo "tern benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), median of $REPS, $METRIC seconds"
    echo "tern: $TERN"
    [ "$QEMU" = none ] || echo "qemu: $($QEMU --version | head -n 1)"
    echo
    printf '%-16s %-5s' workload set
    for r in $labels; do printf ' %10s' "$r"; done
    for r in $labels; do
        case $r in tern-*)
            [ "$QEMU" = none ] || printf ' %10s' "$r/qemu"
            [ "$NATIVE" = yes ] && printf ' %10s' "$r/nat" ;;
        esac
    done
    echo
} > "$WORK_DIR/table"
: > "$WORK_DIR/ratios"
: > "$dat"
echo "$sel" | while IFS='|' read -r name set guest native; do
    grep -qx "$name" "$skipped" && { printf '%-16s %-5s skipped\n' "$name" "$set" >> "$WORK_DIR/table"; continue; }
    row=$(printf '%-16s %-5s' "$name" "$set")
    for r in $labels; do
        m=$(med "$name" "$r")
        grep -qx "$name $r" "$bad" && m=failed
        [ -n "$m" ] || m=-
        case $m in failed|-) ;; *) m=$(printf '%.3f' "$m") ;; esac
        row="$row $(printf ' %10s' "$m")"
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
            row="$row $(printf ' %10s' "$x")"
            datrow="$datrow $x"
            [ "$x" = - ] || echo "$set $r $ref $x" >> "$WORK_DIR/ratios"
        done
    done
    echo "$row" >> "$WORK_DIR/table"
    echo "$datrow" >> "$dat"
done
{
    for set in exec trans; do
        grep -q "^$set " "$WORK_DIR/ratios" || continue
        printf 'geomean %-8s' "$set"
        for r in $labels; do
            case $r in tern-*) ;; *) continue ;; esac
            for ref in qemu native; do
                v=$(awk -v s="$set" -v r="$r" -v q="$ref" '$1 == s && $2 == r && $3 == q { l += log($4); n++ }
                    END { if (n) printf "%.2f", exp(l / n) }' "$WORK_DIR/ratios")
                [ -n "$v" ] && printf ' %s/%s %s' "$r" "$ref" "$v"
            done
        done
        echo
    done
    echo "(ratio = tern time / reference time: below 1.00 means tern is faster)"
    [ $mismatch -eq 0 ] ||
        echo "failed: wrong output or non-zero status (not in the means); see stderr"
} >> "$WORK_DIR/table"
cp "$WORK_DIR/table" "$RESULTS"
cat "$RESULTS"

# A bar chart of the ratios (first tern backend).  gnuplot comes from
# Debian (gnuplot-nox), installed here when we are root and it is missing.
if ! command -v gnuplot > /dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox > /dev/null 2>&1 ||
        echo "bench/run.sh: could not install gnuplot-nox; no chart" >&2
fi
if command -v gnuplot > /dev/null 2>&1 && [ -s "$dat" ]; then
    gnuplot <<GP 2> /dev/null || echo "bench/run.sh: gnuplot failed; no chart" >&2
set terminal svg size 900,420 dynamic
set output "${RESULTS%.txt}.svg"
set title "tern time / reference time (lower is better), $(date -u +%Y-%m-%d)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set yrange [0:*]
set xtics nomirror scale 0
set grid ytics
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
plot "$dat" using 2:xtic(1) title "tern/qemu", '' using 3 title "tern/native"
GP
fi
exit $mismatch
