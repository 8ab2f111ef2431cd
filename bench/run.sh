#!/bin/sh
# run.sh — tern's benchmark runner: build the integer workloads in bench/src
# (static, -O2), run each under tern (one or more backends) and qemu-aarch64
# interleaved, REPS times, and report the median times, tern/qemu ratios and
# their geometric mean.  Outputs must match between all runners (a mismatch
# is reported, shown as "failed", left out of the geometric mean, and makes
# the exit status 1); times are never asserted.
#
# The table is printed and written to $RESULTS (bench/results/latest.txt).
#
# Environment:
#   TERN           translator to measure (required)
#   TERN_BACKENDS  backends, default "jit" (e.g. "jit interp")
#   QEMU           reference, default qemu-aarch64 from PATH ("none": skip)
#   AARCH64_CC     default aarch64-linux-gnu-gcc
#   REPS           repetitions per runner, default 3
#   METRIC         "wall" (default) or "cpu" (user+sys, steadier on a
#                  loaded machine)
#   WORK_DIR       build/output directory, default bench/work
#   RESULTS        default bench/results/latest.txt
# Usage: run.sh [BENCH...]     (default: every bench/src/*.c)
set -u

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
: "${TERN_BACKENDS:=jit}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
: "${REPS:=3}"
: "${METRIC:=wall}"
: "${WORK_DIR:=$BENCH_DIR/work}"
: "${RESULTS:=$BENCH_DIR/results/latest.txt}"
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

# measure OUTFILE COMMAND...: run once, stdout to OUTFILE, print
# "WALL CPU STATUS" (seconds, seconds, wait status).
measure() {
    perl -MTime::HiRes=time -e '
        my $out = shift;
        my $t0 = time;
        my @c0 = times;
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if ($pid == 0) {
            open STDOUT, ">", $out or die "$out: $!";
            exec { $ARGV[0] } @ARGV;
            exit 127;
        }
        waitpid($pid, 0);
        my $status = $?;
        my @c1 = times;
        printf "%.4f %.4f %d\n", time - $t0, ($c1[2] - $c0[2]) + ($c1[3] - $c0[3]), $status;
    ' "$@"
}

# The runners: a label and the command prefix for each.
runner_labels() {
    for b in $TERN_BACKENDS; do echo "tern-$b"; done
    [ "$QEMU" = none ] || echo qemu
}

runner_cmd() {
    case $1 in
    qemu) echo "$QEMU" ;;
    tern-*)
        case $TERN in
        *qemu-aarch64*) echo "$TERN" ;;
        *) echo "$TERN -backend ${1#tern-}" ;;
        esac ;;
    esac
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# --- build ---------------------------------------------------------------------

mkdir -p "$WORK_DIR/bin" "$WORK_DIR/out" "$(dirname "$RESULTS")"
if [ $# -gt 0 ]; then
    benches=$*
else
    benches=$(cd "$BENCH_DIR/src" && ls ./*.c | sed 's|^\./||; s/\.c$//')
fi
for b in $benches; do
    src=$BENCH_DIR/src/$b.c
    bin=$WORK_DIR/bin/$b
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
        "$AARCH64_CC" -static -O2 -o "$bin" "$src" || exit 2
    fi
done

# --- measure: for each bench, REPS rounds of every runner in turn -----------

timings=$WORK_DIR/timings
bad=$WORK_DIR/bad
: > "$timings"
: > "$bad"
rm -f "$WORK_DIR/ratios" "$WORK_DIR/out"/*
for b in $benches; do
    for rep in $(seq "$REPS"); do
        for r in $(runner_labels); do
            # shellcheck disable=SC2046 # the runner command is a word list
            set -- $(runner_cmd "$r")
            line=$(measure "$WORK_DIR/out/$b.$r.$rep" "$@" "$WORK_DIR/bin/$b")
            echo "$b $r $rep $line" >> "$timings"
            set -- $line
            if [ "$3" -ne 0 ]; then
                echo "bench/run.sh: $b under $r: wait status $3" >&2
                echo "$b $r" >> "$bad"
            fi
        done
    done
    # Every output must equal the reference: qemu's first, else the first.
    ref=$WORK_DIR/out/$b.qemu.1
    [ -f "$ref" ] || ref=$WORK_DIR/out/$b.$(runner_labels | head -n 1).1
    for f in "$WORK_DIR/out/$b".*; do
        if ! cmp -s "$ref" "$f"; then
            echo "bench/run.sh: $(basename "$f") differs from $(basename "$ref")" >&2
            r=${f#"$WORK_DIR/out/$b."}
            echo "$b ${r%.*}" >> "$bad"
        fi
    done
done
mismatch=0
[ -s "$bad" ] && mismatch=1

# --- report --------------------------------------------------------------------

col=4
[ "$METRIC" = cpu ] && col=5
labels=$(runner_labels)
{
    echo "tern benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), median of $REPS, $METRIC seconds"
    echo "tern: $TERN"
    [ "$QEMU" = none ] || echo "qemu: $($QEMU --version | head -n 1)"
    echo
    printf '%-16s' bench
    for r in $labels; do printf ' %12s' "$r"; done
    if [ "$QEMU" != none ]; then
        for r in $labels; do [ "$r" = qemu ] || printf ' %14s' "$r/qemu"; done
    fi
    echo
    for b in $benches; do
        printf '%-16s' "$b"
        for r in $labels; do
            m=$(awk -v b="$b" -v r="$r" -v c="$col" '$1 == b && $2 == r { print $c }' "$timings" | median)
            if grep -qx "$b $r" "$bad"; then
                printf ' %12s' failed
                m=failed
            else
                printf ' %12.3f' "$m"
            fi
            eval "med_$(echo "$r" | tr -c 'a-z0-9\n' _)=$m"
        done
        if [ "$QEMU" != none ]; then
            for r in $labels; do
                [ "$r" = qemu ] && continue
                eval "t=\$med_$(echo "$r" | tr -c 'a-z0-9\n' _)"
                if [ "$t" = failed ] || [ "$med_qemu" = failed ]; then
                    printf ' %14s' -
                    continue
                fi
                printf ' %14.2f' "$(echo "$t $med_qemu" | awk '{ print ($2 > 0 ? $1 / $2 : 0) }')"
                echo "$r $t $med_qemu" >> "$WORK_DIR/ratios"
            done
        fi
        echo
    done
    if [ "$QEMU" != none ]; then
        printf '%-16s' "geomean"
        for r in $labels; do printf ' %12s' ""; done
        touch "$WORK_DIR/ratios"
        for r in $labels; do
            [ "$r" = qemu ] && continue
            printf ' %14.2f' "$(awk -v r="$r" '$1 == r && $3 > 0 && $2 > 0 { s += log($2 / $3); n++ }
                END { print n ? exp(s / n) : 0 }' "$WORK_DIR/ratios")"
        done
        echo
        echo "(ratio = tern time / qemu time: below 1.00 means tern is faster)"
    fi
    [ $mismatch -eq 0 ] ||
        echo "failed: wrong output or non-zero status (not in the geomean); see stderr"
} > "$WORK_DIR/table"
rm -f "$WORK_DIR/ratios"
cp "$WORK_DIR/table" "$RESULTS"
cat "$RESULTS"
exit $mismatch
