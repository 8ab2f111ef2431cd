#!/bin/sh
# busybox.sh — run Debian's arm64 busybox-static under tern and compare every
# result (stdout, then the exit status) with the same binary under
# qemu-aarch64, the oracle.  The applet and builtin cases run in one
# process; the pipeline cases (sh-pipe-*, sh-sub-*, sh-exec-*) fork, exec
# and wait: busybox sh runs an applet by execve of /proc/self/exe with the
# applet's name as argv[0].  qemu-aarch64 without binfmt_misc cannot do that
# exec (ENOEXEC) and ash falls back to the host's program of the same name
# in PATH, so the oracle mixes in host tools: cases are chosen whose output
# both agree on.  Background jobs with `wait` need guest SIGCHLD delivery
# and are left out until signals are delivered.
#
# Usage: busybox.sh [BUILD_DIR]     (default: tests/real/build)
# Environment:
#   TERN           translator to test (required); qemu-aarch64 as a
#                  stand-in runs without -backend flags
#   TERN_BACKENDS  default "jit interp"
#   QEMU           the oracle, default qemu-aarch64 from PATH
#   JOBS           parallel jobs, default 2;  TIMEOUT seconds per run, 120
#
# Output: "PASS name/backend" or "FAIL name/backend" plus a short diff per
# case in table order, then exactly one "N passed, M failed" line.  Exit 0
# only if nothing failed; 77 (skip) when busybox or the oracle is missing.
set -u

SELF=$(cd "$(dirname "$0")" && pwd)/busybox.sh
. "$(dirname "$SELF")/qemu-compare.sh"

# The cases: NAME <tab> STDIN-FILE (or -) <tab> busybox arguments (sh words).
# Files named here are created by make_inputs in the scratch directory.
cases() {
    cat << 'EOF'
echo-words	-	echo hello   world
echo-n	-	echo -n no newline
echo-e	-	echo -e 'tab\there\nnext line\\'
printf-ints	-	printf '%5d|%-5d|%05d|%x|%X|%o\n' 42 -7 123 255 48879 8
printf-strs	-	printf '[%s] [%10s] [%-6s] [%c]\n' one two three four
printf-reuse	-	printf '%s=%d\n' a 1 b 2 c 3
seq-10	-	seq 10
seq-step	-	seq 5 7 100
seq-sep	-	seq -s , 1 25
seq-down	-	seq 10 -3 -10
seq-width	-	seq -w 95 105
expr-mul	-	expr 6 '*' 7
expr-divmod	-	expr 1000 / 7 % 9
expr-neg	-	expr -17 / 5
expr-length	-	expr length 'hello world'
expr-substr	-	expr substr abcdefgh 3 4
expr-match	-	expr abc123 : '[a-z]*\([0-9]*\)'
expr-cmp	-	expr 5 '>' 30
expr-false	-	expr 0 + 0
sort-plain	-	sort lines.txt
sort-num	-	sort -n lines.txt
sort-keys	-	sort -k2,2 -k1,1nr lines.txt
sort-uniq-rev	-	sort -r -u words.txt
sort-csv	-	sort -t , -k 3n -k 1 people.csv
sort-stdin	words.txt	sort -f
uniq-count	dupes.txt	uniq -c
uniq-dups	-	uniq -d dupes.txt
uniq-unique	-	uniq -u dupes.txt
wc-all	-	wc lines.txt words.txt
wc-lines	words.txt	wc -l
wc-bytes	lines.txt	wc -c
md5sum	-	md5sum lines.txt words.txt people.csv
sha256sum	-	sha256sum lines.txt words.txt
sha1sum	lines.txt	sha1sum
tr-upper	words.txt	tr a-z A-Z
tr-delete	words.txt	tr -d aeiou
tr-squeeze	spaced.txt	tr -s ' '
tr-ranges	lines.txt	tr 0-9 a-j
cut-fields	-	cut -d , -f 1,3 people.csv
cut-chars	-	cut -c 2-6 lines.txt
head-lines	-	head -n 4 lines.txt
head-bytes	-	head -c 50 words.txt
tail-lines	-	tail -n 6 lines.txt
tail-from	-	tail -n +196 lines.txt
tail-bytes	-	tail -c 33 words.txt
od-hex	-	od -A x -t x1 -N 48 lines.txt
od-chars	-	od -c -N 24 words.txt
od-words	-	od -t x4 -t d2 -N 32 lines.txt
awk-sum	-	awk '{ s += $1; n++ } END { print s, n, s % 97 }' lines.txt
awk-fields	-	awk -F , '$3 > 30 { print $1 " is " $3 }' people.csv
awk-arrays	-	awk '{ c[$2]++ } END { for (w = 0; w < 13; w++) if (("w" w) in c) print "w" w, c["w" w] }' lines.txt
awk-strings	-	awk '{ print length($0), toupper(substr($0, 1, 3)), index($0, "e") }' words.txt
awk-printf	-	awk 'BEGIN { for (i = 1; i <= 12; i++) printf "%3d %4x %s\n", i * i, i * 255, (i % 2 ? "odd" : "even") }'
sh-for	-	sh -c 'for i in 1 2 3 a b; do echo "item $i"; done'
sh-arith	-	sh -c 'i=0; s=0; while [ $i -lt 1000 ]; do s=$((s + i * i % 7)); i=$((i + 1)); done; echo $s $((s << 3)) $((s / 13)) $((-s % 5))'
sh-func	-	sh -c 'fib() { if [ $1 -lt 2 ]; then r=$1; return; fi; fib $(($1 - 1)); local a=$r; fib $(($1 - 2)); r=$((a + r)); }; fib 15; echo fib=$r'
sh-case	-	sh -c 'for w in apple banana cherry 42 x-ray; do case $w in a*) echo "$w: a-word";; *an*) echo "$w: has an";; [0-9]*) echo "$w: number";; *-*) echo "$w: dash";; *) echo "$w: other";; esac; done'
sh-strings	-	sh -c 'v=/usr/local/lib/libfoo.so.1; echo ${#v} ${v##*/} ${v%/*} ${v#/usr} ${v%%.*}; x=; echo "[${x:-default}]" "[${v:+set}]"'
sh-params	-	sh -c 'set -- one "two three" four; echo $#; for a in "$@"; do echo "<$a>"; done; shift 2; echo "$*"' sh
sh-read	lines.txt	sh -c 'n=0; t=0; while read a b c; do n=$((n + 1)); t=$((t + a * c)); done; echo lines=$n total=$t'
sh-exit	-	sh -c 'f() { return 7; }; f; echo status $?; exit 3'
sh-test	-	sh -c 'for n in 0 5 10 15; do if [ $n -ge 10 ] && [ $n != 15 ]; then echo "$n big"; elif [ -z "$n" ]; then echo empty; else echo "$n other"; fi; done; [ -f lines.txt ] && echo file-ok; [ -d nonexistent ] || echo no-dir'
sh-nested	-	sh -c 'i=0; while [ $i -lt 6 ]; do j=0; row=; while [ $j -le $i ]; do row="$row$((i * j))."; j=$((j + 1)); done; echo $row; i=$((i + 1)); done'
sh-pipe-ls-wc	-	sh -c 'ls / | wc -l'
sh-pipe-sort	-	sh -c '(echo b; echo a; echo c) | sort'
sh-pipe-three	-	sh -c 'echo hello | tr a-z A-Z | rev'
sh-pipe-sort-head	-	sh -c 'cat lines.txt | sort -n | head -3'
sh-pipe-grep-count	-	sh -c 'seq 1000 | grep 7 | wc -l'
sh-pipe-loop	-	sh -c 'for i in 1 2 3 4; do echo $i; done | wc -l'
sh-pipe-tee	-	sh -c 'sort -r words.txt | tee out.txt | wc -l; head -2 out.txt'
sh-pipe-uniq	-	sh -c 'cut -d " " -f 2 lines.txt | sort | uniq -c | sort -rn | head -3'
sh-pipe-status	-	sh -c 'true | false; echo $?; false | true; echo $?'
sh-pipe-read	-	sh -c 'echo a b c | (read x y z; echo $z $y $x)'
sh-pipe-xargs	-	sh -c 'expr 3 + 4 | xargs echo got'
sh-sub-nested	-	sh -c 'echo $(echo $(echo nested)) $(( $(seq 10 | wc -l) * 2 ))'
sh-sub-exit	-	sh -c '(exit 4); echo sub=$?; sh -c "exit 3"; echo st=$?'
sh-sub-args	-	sh -c 'sh -c "echo inner \$0 \$1" zero one'
sh-sub-redirect	-	sh -c 'printf "x\ny\n" > g.txt; wc -l < g.txt; cat g.txt | od -c | head -1'
sh-exec-replace	-	sh -c 'exec echo replaced; echo not here'
sh-exec-trap	-	sh -c 'trap "echo trapped" EXIT; ls lines.txt | cat; echo body'
false-status	-	false
true-status	-	true
EOF
}

# make_inputs DIR: the deterministic input files the cases read, written
# with shell builtins only.
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
        printf 'a  b   c    d\n  leading and   trailing  \n' > spaced.txt
    )
}

# run_one EMULATOR_AND_FLAGS...: run the case in $work, print stdout then
# "exit=N" (or the signal name).
run_one() {
    cd "$work" || return 1
    input=/dev/null
    [ "$stdin" = - ] || input=$stdin
    eval "set -- \"\$@\" \"\$busybox\" $args"
    perl -e '
        my $limit = shift;
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if ($pid == 0) { exec { $ARGV[0] } @ARGV; exit 127; }
        local $SIG{ALRM} = sub { kill "KILL", $pid; };
        alarm $limit;
        waitpid($pid, 0);
        my $s = $?;
        alarm 0;
        print(($s & 127) ? "signal=" . ($s & 127) . "\n" : "exit=" . ($s >> 8) . "\n");
    ' "$TIMEOUT" "$@" < "$input"
}

# run_case INDEX NAME: oracle once, then every backend; one result file.
run_case() {
    idx=$1 name=$2
    line=$(cases | grep "^$name	")
    stdin=$(printf '%s\n' "$line" | cut -f 2)
    args=$(printf '%s\n' "$line" | cut -f 3-)
    work=$OUT/work/$name
    rm -rf "$work"; mkdir -p "$work"
    make_inputs "$work"
    compare_backends "$name" "$OUT/out" > "$OUT/results/$idx"
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
need_tern_and_qemu busybox.sh
sysroot=$(sh "$(dirname "$SELF")/setup-sysroot.sh" "$OUT") || exit $?
busybox=$sysroot/bin/busybox
export TERN TERN_BACKENDS QEMU TIMEOUT OUT busybox

rm -rf "$OUT/results" "$OUT/out" "$OUT/work"
mkdir -p "$OUT/results" "$OUT/out" "$OUT/work"
cases | cut -f 1 | awk '{ printf "%05d %s\n", NR, $1 }' |
    xargs -P "$JOBS" -L 1 sh "$SELF" --run-case

cat "$OUT"/results/*
passed=$(cat "$OUT"/results/* | grep -c '^PASS ')
failed=$(cat "$OUT"/results/* | grep -c '^FAIL ')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
