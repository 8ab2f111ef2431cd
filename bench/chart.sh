#!/bin/sh
# bench/chart.sh RESULTS.txt — draws RESULTS.svg, the bar chart of
# bench/run.sh's ratios (tern/qemu and tern/native per workload, then the
# geometric means per set, log scale, dashed line at 1.0) from RESULTS.dat,
# with the date, tern commit, qemu version and machine taken from the
# table's header lines.  run.sh calls it; run it by hand to redraw a
# committed result.  gnuplot comes from Debian (gnuplot-nox), installed
# here when it is missing and we are root; without it there is no chart
# (exit status 0: the table is the result, the chart a view of it).
set -u
txt=$1
dat=${txt%.txt}.dat
svg=${txt%.txt}.svg
[ -s "$dat" ] || { echo "bench/chart.sh: no $dat" >&2; exit 0; }

if ! command -v gnuplot > /dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox > /dev/null 2>&1 ||
        echo "bench/chart.sh: could not install gnuplot-nox; no chart" >&2
fi
command -v gnuplot > /dev/null 2>&1 || exit 0

# header: "tern benchmarks, DATE" / "machine: ..." / "tern: V (PATH)" /
# "qemu: ..." / "metric: ..."
when=$(sed -n '1s/^tern benchmarks, //p' "$txt")
machine=$(sed -n 's/^machine: *//p' "$txt" | head -n 1)
tern=$(sed -n 's/^tern: *\([^ ]*\).*/\1/p' "$txt" | head -n 1)
qemu=$(sed -n 's/^qemu: *//p' "$txt" | head -n 1 | sed 's/ (.*//')
metric=$(sed -n 's/^metric: *\([^;]*\).*/\1/p' "$txt" | head -n 1)

ncol=$(awk '{ print NF; exit }' "$dat")
plot="\"$dat\" using 2:xtic(1) title \"tern/qemu\""
[ "$ncol" -ge 3 ] && plot="$plot, '' using 3 title \"tern/native\""
gnuplot <<GP 2> /dev/null || echo "bench/chart.sh: gnuplot failed; no chart" >&2
set terminal svg size 1400,560 dynamic noenhanced
set output "$svg"
set title "tern time / reference time (lower is better; $metric)\n$when; tern $tern; $qemu\n$machine"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y 2
set yrange [0.1:*]
set xtics nomirror scale 0 rotate by -45
set bmargin 8
set grid ytics
set key top left
set datafile missing "-"
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
plot $plot
GP
