#!/bin/sh
# test-enosys-summary.sh — checks enosys-summary.pl on small logs in the
# formats it must read: tern's -strace (whole lines, "<... resumed>"
# halves, syscall_N rows), qemu's (no "= " before an error, "Unknown
# syscall N"), lines of two processes run together, and tern's
# "tern: ENOSYS" lines with "[by design]".  Prints "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# check NAME WANT-STATUS WANT-LINE...: the summary of $tmp/NAME/*.err must
# exit with WANT-STATUS and contain every WANT-LINE (a grep -E pattern).
check() {
    name=$1 want=$2
    shift 2
    out=$(perl "$here/enosys-summary.pl" "$tmp/$name"/*.err)
    st=$?
    ok=1
    [ "$st" = "$want" ] || { ok=0; echo "  exit $st, wanted $want"; }
    for pat in "$@"; do
        printf '%s\n' "$out" | grep -Eq -- "$pat" || { ok=0; echo "  no line /$pat/"; }
    done
    if [ $ok = 1 ]; then
        echo "PASS $name"; passed=$((passed + 1))
    else
        echo "FAIL $name"; printf '%s\n' "$out" | sed 's/^/    /'; failed=$((failed + 1))
    fi
}

mkdir -p "$tmp/clean" "$tmp/tern" "$tmp/qemu" "$tmp/design"
cat > "$tmp/clean/a.err" << 'EOF'
100 openat(AT_FDCWD,"x",O_RDONLY) = -1 errno=2 (No such file or directory)
100 read(0,0x1000,10) = 10
EOF
cat > "$tmp/tern/a.err" << 'EOF'
12 futex(0x10,128,0) ...
13 rseq(0x1,0x20,0,0xd428bc00) = -1 errno=38 (Function not implemented)
12 <... futex resumed> = 0
14 foo(1) ...
15 bar(2) = 0
14 <... foo resumed> = -1 errno=38 (Function not implemented)
16 syscall_999(0x0,0x0,0x0,0x0,0x0,0x0) = -1 errno=38 (Function not implemented)
EOF
cat > "$tmp/tern/b.err" << 'EOF'
20 wait4(-1,0x1,0,0)21 rseq(0x1,0x20,0,0xd428bc00) = -1 errno=38 (Function not implemented)
20 <... wait4 resumed> = 21
EOF
cat > "$tmp/qemu/a.err" << 'EOF'
300 Unknown syscall 293
300 set_robust_list(1,24,0,0,1,1) = -1 errno=38 (Function not implemented)
301 clone(0x11,0,0,0,0)-1 errno=38 (Function not implemented)
-1 errno=38 (Function not implemented)
EOF
cat > "$tmp/design/a.err" << 'EOF'
tern: ENOSYS rseq (nr 293) [by design]
40 rseq(0x1,0x20,0,0) = -1 errno=38 (Function not implemented)
41 read(0,0x1,1) = 1
EOF

check clean 0 '^strace: 2 system calls logged in 1 cases$' \
    '^0 system calls returned ENOSYS, 0 of them by design$'
check tern 1 '^ENOSYS rseq +2 of +2 calls,  2 cases: a b$' \
    '^ENOSYS foo +1 of +1 calls' '^ENOSYS syscall_999 +1 of +1 calls' \
    '^3 system calls returned ENOSYS'
check qemu 1 '^ENOSYS syscall_293 +1 ' '^ENOSYS set_robust_list +1 of +1 calls' \
    '^ENOSYS clone +1 of +1 calls' '^ENOSYS \(unattributed\) +1 ' \
    'unattributed: a: -1 errno=38'
check design 0 '^ENOSYS rseq +1 of +1 calls,  1 cases: a \[by design\]$' \
    '^1 system calls returned ENOSYS, 1 of them by design$'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
