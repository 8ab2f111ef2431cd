#!/bin/sh
# debian-dynamic.sh — run Debian's dynamically linked arm64 coreutils and
# bash under tern with -L SYSROOT and compare every result (stdout, then the
# exit status) with the same binaries under qemu-aarch64 -L SYSROOT.
#
# The sysroot is assembled from Debian packages (apt-get download, dpkg -x):
# libc6 (ld-linux-aarch64.so.1, libc.so.6), coreutils, bash and the libraries
# they need.  Each case starts the program through its PT_INTERP, so the
# loader, the -L path lookup of every library and ld.so.cache probe, and
# lazy PLT binding all run.  No case forks (fork is not this suite's test);
# bash cases use builtins only.
#
# Usage: debian-dynamic.sh [BUILD_DIR]   (default: tests/real/build)
# Environment: TERN (required), TERN_BACKENDS (default "jit interp"), QEMU,
#              JOBS (default 2), TIMEOUT (seconds per run, default 120).
# Output: "PASS name/backend" or "FAIL ..." with a short diff per case, then
# exactly one "N passed, M failed" line.  Exit 0 only if nothing failed; 77
# (skip) when the packages or the oracle are missing.
set -u

SELF=$(cd "$(dirname "$0")" && pwd)/debian-dynamic.sh
. "$(dirname "$SELF")/qemu-compare.sh"
PACKAGES="libc6 coreutils bash libselinux1 libpcre2-8-0 libacl1 libattr1 libgmp10 libtinfo6"

# The cases: NAME <tab> STDIN-FILE (or -) <tab> program under the sysroot and
# its arguments (sh words).  Files named here are made by make_inputs.
cases() {
    cat << 'EOF'
ls-1	-	bin/ls -1
ls-sizes	-	bin/ls -s1S
sort-n	-	usr/bin/sort -n lines.txt
sort-keys	-	usr/bin/sort -k2,2 -k1,1nr lines.txt
sort-stdin	words.txt	usr/bin/sort -f -u
uniq-c	dupes.txt	usr/bin/uniq -c
wc	-	usr/bin/wc lines.txt words.txt
md5sum	-	usr/bin/md5sum lines.txt words.txt
sha256sum	-	usr/bin/sha256sum lines.txt words.txt
b2sum	-	usr/bin/b2sum words.txt
tr	words.txt	usr/bin/tr a-z A-Z
cut	-	usr/bin/cut -d , -f 1,3 people.csv
head-tail	-	usr/bin/tail -n 5 lines.txt
od	-	usr/bin/od -A x -t x1z -N 64 lines.txt
seq	-	usr/bin/seq -s , -w 95 3 130
expr	-	usr/bin/expr 1000 / 7 % 9
factor	-	usr/bin/factor 1234567890123 600851475143
date	-	bin/date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %A %j'
printf	-	usr/bin/printf '%5d|%-5s|%x|%e\n' 42 ab 255 3.25
numfmt	-	usr/bin/numfmt --to=iec 123456789 4096
stat	-	usr/bin/stat -c '%s %n %F' lines.txt words.txt
readlink-exe	-	bin/readlink /proc/self/exe
cmdline	-	bin/cat /proc/self/cmdline
base64	-	usr/bin/base64 people.csv
tac-nl	-	usr/bin/nl -ba people.csv
paste	-	usr/bin/paste -d : people.csv dupes.txt
missing-file	-	bin/cat no-such-file
bash-arith	-	bin/bash -c 'i=0; s=0; while [ $i -lt 2000 ]; do s=$((s + i * i % 7)); i=$((i + 1)); done; echo $s $((s << 3))'
bash-strings	-	bin/bash -c 'v=/usr/local/lib/libfoo.so.1; echo ${#v} ${v##*/} ${v%/*} ${v^^} ${v//o/0}; a=(x y z); echo ${#a[@]} ${a[1]} "${a[*]}"'
bash-func	-	bin/bash -c 'fib() { if (( $1 < 2 )); then r=$1; return; fi; fib $(($1 - 1)); local a=$r; fib $(($1 - 2)); r=$((a + r)); }; fib 16; echo fib=$r; exit 3'
bash-read	lines.txt	bin/bash -c 'n=0; t=0; while read a b c; do n=$((n + 1)); t=$((t + a * c)); done; printf "lines=%d total=%d\n" $n $t'
EOF
}

make_inputs() {
    (
        cd "$1" || exit 1
        i=1
        while [ $i -le 200 ]; do
            printf '%d w%d %d\n' $(((i * 37) % 101)) $((i % 13)) $i
            i=$((i + 1))
        done > lines.txt
        for w in the quick brown fox jumps over the lazy dog and The Dog \
                 sleeps while the fox runs Quick quick; do
            echo "$w"
        done > words.txt
        printf '%s\n' 'alice,paris,34' 'bob,berlin,27' 'carol,rome,45' \
            'dave,oslo,31' 'eve,lima,27' 'frank,kyiv,52' > people.csv
        for w in a a a b c c d d d d e f f a; do echo "$w"; done > dupes.txt
    )
}

# setup_sysroot DIR: DIR/sysroot with the packages unpacked (reused when
# present; .debs cached in DIR/cache).  Prints the sysroot; 77 if missing.
setup_sysroot() {
    sysroot=$1/sysroot-dynamic
    cache=$1/cache
    if [ -x "$sysroot/bin/bash" ] && [ -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
        echo "$sysroot"
        return 0
    fi
    mkdir -p "$cache"
    for p in $PACKAGES; do
        ls "$cache/${p}_"*_arm64.deb > /dev/null 2>&1 && continue
        (cd "$cache" && apt-get download -qq "$p:arm64" > /dev/null 2>&1) && continue
        [ "$(id -u)" -eq 0 ] || { echo "debian-dynamic: cannot download $p:arm64" >&2; return 77; }
        dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
        apt-get update -qq > /dev/null 2>&1 || true
        (cd "$cache" && apt-get download -qq "$p:arm64" > /dev/null 2>&1) ||
            { echo "debian-dynamic: apt-get download $p:arm64 failed" >&2; return 77; }
    done
    rm -rf "$sysroot.tmp"
    for p in $PACKAGES; do
        dpkg -x "$(ls "$cache/${p}_"*_arm64.deb | tail -n 1)" "$sysroot.tmp" || return 1
    done
    rm -rf "$sysroot"
    mv "$sysroot.tmp" "$sysroot"
    echo "$sysroot"
}

# run_one EMULATOR [FLAGS...]: the case in $work; stdout then "exit=N".
# A fixed environment; HOME is the scratch directory so that no user's
# ~/.bashrc is read (bash sources it when it thinks stdin is a network
# connection, which it decides from getpeername).
run_one() {
    cd "$work" || return 1
    input=/dev/null
    [ "$stdin" = - ] || input=$stdin
    prog=${args%% *}
    rest=${args#"$prog"}
    eval "set -- \"\$@\" -L \"\$sysroot\" \"\$sysroot/\$prog\" $rest"
    perl -e '
        my $limit = shift;
        %ENV = (PATH => "/usr/bin:/bin", LC_ALL => "C", TZ => "UTC", HOME => shift);
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if ($pid == 0) { exec { $ARGV[0] } @ARGV; exit 127; }
        local $SIG{ALRM} = sub { kill "KILL", $pid; };
        alarm $limit;
        waitpid($pid, 0);
        my $s = $?;
        alarm 0;
        print(($s & 127) ? "signal=" . ($s & 127) . "\n" : "exit=" . ($s >> 8) . "\n");
    ' "$TIMEOUT" "$work" "$@" < "$input"
}

run_case() {
    idx=$1 name=$2
    line=$(cases | grep "^$name	")
    stdin=$(printf '%s\n' "$line" | cut -f 2)
    args=$(printf '%s\n' "$line" | cut -f 3-)
    work=$OUT/work-dynamic/$name
    rm -rf "$work"; mkdir -p "$work"
    make_inputs "$work"
    compare_backends "$name" "$OUT/out-dynamic" > "$OUT/results-dynamic/$idx"
    rm -rf "$work"
}

if [ "${1:-}" = --run-case ]; then
    shift
    ulimit -c 0
    run_case "$@"
    exit 0
fi

# --- main ----------------------------------------------------------------------

OUT=${1:-$(dirname "$SELF")/build}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
need_tern_and_qemu debian-dynamic.sh
sysroot=$(setup_sysroot "$OUT") || exit $?
export TERN TERN_BACKENDS QEMU TIMEOUT OUT sysroot

rm -rf "$OUT/results-dynamic" "$OUT/out-dynamic" "$OUT/work-dynamic"
mkdir -p "$OUT/results-dynamic" "$OUT/out-dynamic" "$OUT/work-dynamic"
cases | cut -f 1 | awk '{ printf "%05d %s\n", NR, $1 }' |
    xargs -P "$JOBS" -L 1 sh "$SELF" --run-case

cat "$OUT"/results-dynamic/*
passed=$(cat "$OUT"/results-dynamic/* | grep -c '^PASS ')
failed=$(cat "$OUT"/results-dynamic/* | grep -c '^FAIL ')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
