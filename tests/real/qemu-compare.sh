# tests/real/qemu-compare.sh — sourced by busybox.sh and debian-dynamic.sh,
# the suites that compare tern with qemu-aarch64 case by case.  The caller
# sets SELF and defines run_one PREFIX... (runs the case's command under
# PREFIX, output on stdout).
: "${TERN_BACKENDS:=jit interp}"
: "${JOBS:=2}"
: "${TIMEOUT:=120}"
if [ -z "${QEMU:-}" ]; then
    QEMU=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || echo none)
elif [ "$QEMU" != none ]; then
    QEMU=$(command -v "$QEMU" || echo none)
fi

# compare_backends NAME OUTDIR: the case once under qemu (the reference),
# then under every tern backend; "PASS NAME/B" or "FAIL NAME/B" with a
# short diff and tern's last stderr lines, per backend, on stdout.
compare_backends() {
    (run_one "$QEMU") > "$2/$1.qemu" 2> /dev/null
    for b in $TERN_BACKENDS; do
        o=$2/$1.$b
        case $TERN in
        *qemu-aarch64*) (run_one "$TERN") > "$o" 2> "$o.err" ;;
        *) (run_one "$TERN" -backend "$b") > "$o" 2> "$o.err" ;;
        esac
        if cmp -s "$2/$1.qemu" "$o"; then
            echo "PASS $1/$b"
        else
            echo "FAIL $1/$b"
            diff -u "$2/$1.qemu" "$o" | sed -n '3,12s/^/    /p'
            tail -n 3 "$o.err" | sed 's/^/    | /'
        fi
    done
}

# need_tern_and_qemu SCRIPT: makes TERN an absolute command; exits 2 without
# it and 77 (skip) without the oracle.
need_tern_and_qemu() {
    if [ -z "${TERN:-}" ] || ! command -v "$TERN" > /dev/null 2>&1; then
        echo "$1: set TERN to the translator to test" >&2
        exit 2
    fi
    TERN=$(command -v "$TERN")
    case $TERN in /*) ;; *) TERN=$(pwd)/$TERN ;; esac
    if [ "$QEMU" = none ]; then
        echo "$1: qemu-aarch64 (the oracle) is not installed: skipped" >&2
        exit 77
    fi
}
