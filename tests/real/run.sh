#!/bin/sh
# run.sh — real Debian arm64 programs under the translator, compared with
# the same commands run natively from the host's own x86-64 packages.
#
# Each tests/real/cases/NAME.sh is a script that the guest's own bash (or
# busybox sh, dash: see RUN below) runs in a scratch directory holding a
# copy of tests/real/data.  It runs once natively and once per backend
# under $TERN with the sysroot that setup-sysroot.sh --full builds from
# Debian's arm64 packages; stdout, stderr and the exit status must match.
# Both sides are Debian 12 (same versions of bash, python3, gcc, ...), so
# only what depends on the machine may differ, and cases avoid that or
# declare it (NATIVE-SED).
#
# Directives, comment lines at the top of a case:
#   # RUN: words       interpreter of the script, default "bash"
#                      ("busybox sh", "sh" = dash); resolved in the
#                      sysroot for the guest, in PATH natively
#   # STDIN: file      file of tests/real/data on standard input
#                      (default /dev/null)
#   # STDERR: ignore   do not compare stderr
#   # NATIVE-SED: e    sed expression applied to the native stdout and
#                      stderr (e.g. s/x86_64/aarch64/g)
#   # TIMEOUT: s       seconds per run instead of $TIMEOUT
#
# Two ways to run the guest (REAL_MODE):
#   prefix  $TERN -L SYSROOT [-backend B] SYSROOT/usr/bin/bash case.sh — the
#           translator itself finds guest files in the sysroot and runs the
#           programs that the guest execve()s (the default for tern);
#   chroot  in a private user+mount namespace: a private binfmt_misc
#           instance runs every AArch64 ELF with $TERN (which must then be
#           static: it is opened once, with the F flag) and the script runs
#           chroot'ed into the sysroot.  qemu-aarch64 cannot run a guest
#           execve() of a guest program itself, so this is the default when
#           $TERN is qemu-aarch64 — then Debian's qemu-user-static of the
#           same version is used.  Nothing outside the namespace changes.
#
# Usage: run.sh [--strace-summary] [NAME...]
#   --strace-summary  run each case once under $TERN -strace (QEMU_STRACE
#                     with qemu) and list the system calls that returned
#                     ENOSYS, with counts and the cases that made them;
#                     exit 1 if there is any
# Environment:
#   TERN           translator to test (required); qemu-aarch64 as stand-in
#   TERN_BACKENDS  default "jit interp" (one "qemu" run for qemu)
#   REAL_MODE      prefix or chroot (default: see above)
#   BUILD_DIR      default tests/real/build (sysroot, .deb cache, outputs)
#   JOBS           parallel cases, default 2;  TIMEOUT seconds per run, 120
#
# Output: "PASS name/backend" or "FAIL name/backend (why)" plus a short diff
# per case in name order, then exactly one "N passed, M failed" line.
# Exit 0 only if nothing failed; 77 (skip) when the sysroot cannot be built
# (no network, not root) or the chroot mode cannot make its namespace.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/run.sh
: "${TERN_BACKENDS:=jit interp}"
: "${JOBS:=2}"
: "${TIMEOUT:=120}"
: "${BUILD_DIR:=$HERE/build}"

# The x86-64 Debian packages that give the native side the same commands.
HOST_PACKAGES="bash coreutils grep sed gawk gzip bzip2 xz-utils python3.11
    perl lua5.4 sqlite3 openssl findutils diffutils tar file gcc libc6-dev"

# The fixed environment of every run, native or guest (after PATH).
COMMON_ENV="HOME=/nonexistent LC_ALL=C TZ=UTC TERM=dumb PYTHONDONTWRITEBYTECODE=1"

# directive FILE NAME: the value of "# NAME: value" in the case's header.
directive() {
    sed -n "s/^# $2: *//p" "$1" | head -n 1
}

# ---- one case ----------------------------------------------------------------

prepare() {
    rm -rf "$1"
    mkdir -p "$1"
    cp -R "$HERE/data/." "$1/"
    cp "$case_file" "$1/case.sh"
}

# run_timed DIR OUTPREFIX CMD...: the command with the case's stdin, in DIR;
# writes OUTPREFIX.out, .err and .rc ("exit=N", "signal=S" or "timeout").
run_timed() {
    dir=$1 o=$2
    shift 2
    (cd "$dir" && exec perl "$HERE/run-timed.pl" "$limit" "$o.rc" "$@") \
        < "$stdin" > "$o.out" 2> "$o.err" 8>&-
}

run_native() {
    run_timed "$1" "$2" env -i PATH="$HOST/bin:/usr/bin:/bin" $COMMON_ENV \
        $interp case.sh
    if [ -n "$native_sed" ]; then
        sed -e "$native_sed" "$2.out" > "$2.tmp" && mv "$2.tmp" "$2.out"
        sed -e "$native_sed" "$2.err" > "$2.tmp" && mv "$2.tmp" "$2.err"
    fi
}

# The guest interpreter's words, its program looked up in the sysroot.
guest_interp() {
    set -- $interp
    p=$1
    shift
    for d in /usr/bin /usr/sbin; do
        [ -e "$SYSROOT$d/$p" ] && { echo "$d/$p" "$@"; return; }
    done
    echo "/usr/bin/$p" "$@"
}

run_guest() {
    b=$1 dir=$2 o=$3
    gi=$(guest_interp)
    if [ "$REAL_MODE" = chroot ]; then
        # The work directory is $OUT/work, mounted on the sysroot's /tmp;
        # binfmt_misc cannot pass options, tern takes the backend from env.
        gdir=/tmp/${dir#"$OUT/work/"}
        benv=
        [ "$b" = qemu ] || benv="TERN_BACKEND=$b"
        run_timed "$dir" "$o" env -i PATH=/usr/bin:/bin $COMMON_ENV \
            ${EXTRA_ENV:-} $benv \
            perl -e 'chroot(shift) or die "chroot: $!\n";
                     chdir(shift) or die "chdir: $!\n";
                     exec { $ARGV[0] } @ARGV or die "exec: $!\n";' \
            "$SYSROOT" "$gdir" $gi case.sh
    else
        bflag=
        [ "$b" = qemu ] || bflag="-backend $b"
        run_timed "$dir" "$o" env -i PATH=/usr/bin:/bin $COMMON_ENV \
            ${EXTRA_ENV:-} "$TERN" ${STRACE_FLAG:-} -L "$SYSROOT" $bflag \
            "$SYSROOT"$gi case.sh
    fi
}

# compare NAME BACKEND: one PASS/FAIL line for native vs guest.
compare() {
    n=$OUT/out/$1.native g=$OUT/out/$1.$2
    why=
    # A command missing natively would make both sides fail alike.
    if grep -q -e 'command not found' -e ': not found$' "$n.err"; then
        why="native run: command not found"
    elif ! cmp -s "$n.rc" "$g.rc"; then
        why="$(cat "$g.rc") instead of $(cat "$n.rc")"
    elif ! cmp -s "$n.out" "$g.out"; then
        why="stdout differs"
    elif [ "$stderr_mode" != ignore ] && ! cmp -s "$n.err" "$g.err"; then
        why="stderr differs"
    fi
    if [ -z "$why" ]; then
        echo "PASS $1/$2"
        return
    fi
    echo "FAIL $1/$2 ($why)"
    diff -u "$n.out" "$g.out" | sed -n '3,10s/^/    /p'
    if [ "$stderr_mode" != ignore ]; then
        diff -u "$n.err" "$g.err" | sed -n '3,8s/^/    /p'
    else
        tail -n 3 "$g.err" | sed 's/^/    | /'
    fi
}

read_directives() {
    case_file=$HERE/cases/$1.sh
    interp=$(directive "$case_file" RUN)
    : "${interp:=bash}"
    stdin=$(directive "$case_file" STDIN)
    if [ -n "$stdin" ]; then stdin=$HERE/data/$stdin; else stdin=/dev/null; fi
    stderr_mode=$(directive "$case_file" STDERR)
    native_sed=$(directive "$case_file" NATIVE-SED)
    limit=$(directive "$case_file" TIMEOUT)
    : "${limit:=$TIMEOUT}"
}

run_case() {
    idx=$1 name=$2
    read_directives "$name"
    w=$OUT/work/$name
    prepare "$w/native"
    run_native "$w/native" "$OUT/out/$name.native"
    for b in $BACKENDS; do
        prepare "$w/$b"
        run_guest "$b" "$w/$b" "$OUT/out/$name.$b"
        compare "$name" "$b"
    done > "$OUT/results/$idx"
    rm -rf "$w"
}

# With qemu each process logs to its own file (QEMU_LOG_FILENAME, %d = pid,
# a path inside the chroot), so that lines of different processes cannot
# interleave; tern's -strace goes to stderr.
strace_case() {
    idx=$1 name=$2
    read_directives "$name"
    w=$OUT/work/$name
    set -- $BACKENDS
    prepare "$w/$1"
    logs=$OUT/work/.strace-$name
    mkdir -p "$logs"
    EXTRA_ENV="TERN_STRACE=1 TERN_STRACE_ENOSYS=1 QEMU_STRACE=1 QEMU_LOG_FILENAME=/tmp/.strace-$name/%d" \
        STRACE_FLAG=-strace run_guest "$1" "$w/$1" "$OUT/strace/$name"
    cat "$logs"/* >> "$OUT/strace/$name.err" 2> /dev/null
    rm -rf "$w" "$logs" "$OUT/strace/$name.out"
}

if [ "${1:-}" = --run-case ] || [ "${1:-}" = --strace-case ]; then
    what=$1
    shift
    ulimit -c 0
    if [ "$what" = --run-case ]; then run_case "$@"; else strace_case "$@"; fi
    exit 0
fi

# ---- setup -------------------------------------------------------------------

# The native side needs the same programs from the host's packages.
ensure_host_tools() {
    missing=
    for p in $HOST_PACKAGES; do
        dpkg-query -W -f '${Status}\n' "$p:amd64" 2> /dev/null |
            grep -q 'install ok installed' || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "run.sh: host packages missing:$missing" >&2
        return 1
    fi
    apt-get install -y -qq --no-install-recommends $missing > /dev/null 2>&1 ||
        { echo "run.sh: apt-get install$missing failed" >&2; return 1; }
}

# Inside the namespace: private binfmt_misc for AArch64 ELF (both ET_EXEC
# and ET_DYN) -> $1, with F (opened now: the chroot need not contain it)
# and P (argv[0] kept, as busybox applets need); /dev, /proc and the work
# directory visible in the sysroot.
setup_namespace() {
    bm=/proc/sys/fs/binfmt_misc
    mount -t binfmt_misc binfmt_misc $bm || return 1
    printf ':tern-real:M::%s:%s:%s:FP' \
        '\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00' \
        '\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' \
        "$1" > $bm/register || return 1
    mount --rbind /dev "$SYSROOT/dev" && mount --rbind /proc "$SYSROOT/proc" &&
        mount --bind "$OUT/work" "$SYSROOT/tmp"
}

case_names() {
    if [ $# -gt 0 ]; then
        for n in "$@"; do
            n=${n%.sh}
            [ -f "$HERE/cases/$n.sh" ] || { echo "run.sh: no case $n" >&2; exit 2; }
            echo "$n"
        done
    else
        for f in "$HERE"/cases/*.sh; do basename "$f" .sh; done
    fi
}

# strace_summary: the ENOSYS table of every case's log (enosys-summary.pl).
strace_summary() {
    perl "$HERE/enosys-summary.pl" "$OUT"/strace/*.err
}

# ---- main --------------------------------------------------------------------

strace_mode=0
if [ "${1:-}" = --in-namespace ]; then
    shift
    setup_namespace "$QEMU_BINFMT" ||
        { echo "run.sh: cannot set up binfmt_misc and mounts in the namespace" >&2; exit 77; }
    [ "${1:-}" = --strace-summary ] && { strace_mode=1; shift; }
else
    [ "${1:-}" = --strace-summary ] && { strace_mode=1; shift; }
    mode_arg=
    [ $strace_mode = 0 ] || mode_arg=--strace-summary
    if [ -z "${TERN:-}" ] || ! command -v "$TERN" > /dev/null 2>&1; then
        echo "run.sh: set TERN to the translator to test" >&2
        exit 2
    fi
    TERN=$(command -v "$TERN")
    case $TERN in /*) ;; *) TERN=$(pwd)/$TERN ;; esac
    case ${TERN##*/} in
    qemu-aarch64*) : "${REAL_MODE:=chroot}"; BACKENDS=qemu ;;
    *) : "${REAL_MODE:=prefix}"; BACKENDS=$TERN_BACKENDS ;;
    esac
    ensure_host_tools || exit 77
    mkdir -p "$BUILD_DIR"
    OUT=$(cd "$BUILD_DIR" && pwd)
    # Two runs on one build directory would delete each other's files.
    exec 8> "$OUT/.run-lock"
    flock -n 8 || { echo "run.sh: waiting for another run in $OUT" >&2; flock 8; }
    paths=$(sh "$HERE/setup-sysroot.sh" --full --host-tools "$OUT") || exit $?
    SYSROOT=$(echo "$paths" | sed -n 1p)
    HOST=$(echo "$paths" | sed -n 2p)
    export TERN BACKENDS REAL_MODE OUT SYSROOT HOST TIMEOUT
    rm -rf "$OUT/results" "$OUT/out" "$OUT/work" "$OUT/strace"
    mkdir -p "$OUT/results" "$OUT/out" "$OUT/work" "$OUT/strace"
    if [ "$REAL_MODE" = chroot ]; then
        QEMU_BINFMT=$TERN
        case ${TERN##*/} in
        qemu-aarch64|qemu-aarch64-static) QEMU_BINFMT=$HOST/usr/bin/qemu-aarch64-static ;;
        esac
        export QEMU_BINFMT
        if ! unshare --user --map-root-user --mount true 2> /dev/null; then
            echo "run.sh: chroot mode needs user namespaces (unshare): skipped" >&2
            exit 77
        fi
        exec unshare --user --map-root-user --mount --fork \
            sh "$SELF" --in-namespace $mode_arg "$@"
    fi
fi

names=$(case_names "$@") || exit 2
if [ $strace_mode = 1 ]; then
    echo "$names" | awk '{ printf "%05d %s\n", NR, $1 }' |
        xargs -P "$JOBS" -L 1 sh "$SELF" --strace-case
    strace_summary
    exit $?
fi

echo "$names" | awk '{ printf "%05d %s\n", NR, $1 }' |
    xargs -P "$JOBS" -L 1 sh "$SELF" --run-case
cat "$OUT"/results/* 2> /dev/null
passed=$(cat "$OUT"/results/* 2> /dev/null | grep -c '^PASS ')
failed=$(cat "$OUT"/results/* 2> /dev/null | grep -c '^FAIL ')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
