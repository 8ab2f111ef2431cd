#!/bin/sh
# tests/unit/test-a64-decodegen.sh — scripts/decodegen's error reporting and
# its handling of formats, named fields, constants and overlap groups, on
# small specs written here.  Run from the build directory (make check);
# DECODEGEN overrides the generator's path.
set -u
gen=${DECODEGEN:-./scripts/decodegen}
dir=$(mktemp -d "${TMPDIR:-/tmp}/decodegen-test.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_error NAME MESSAGE-REGEX: the spec $dir/NAME.decode is rejected with
# a non-zero exit and a message matching the regex.
expect_error() {
    if "$gen" -o "$dir/out.c.inc" -H "$dir/out.h" "$dir/$1.decode" 2>"$dir/err"; then
        fail "$1: accepted"
    elif ! grep -Eq "$2" "$dir/err"; then
        fail "$1: message '$(cat "$dir/err")' does not match '$2'"
    fi
}

cat >"$dir/overlap.decode" <<'SPEC'
ADD_a   0001 .... ........ ........ ........
ADD_b   0001 1111 ........ ........ ........
SPEC
expect_error overlap 'overlap.decode:2: pattern ADD_b overlaps ADD_a'

cat >"$dir/short.decode" <<'SPEC'
# a comment line
X       0001 .... ........
SPEC
expect_error short 'short.decode:2: .*covers 16 bits, not 32'

cat >"$dir/badtok.decode" <<'SPEC'
X       0001 .... ........ ........ ....2...
SPEC
expect_error badtok 'badtok.decode:1: unexpected'

cat >"$dir/nofmt.decode" <<'SPEC'
X       0001 .... ........ ........ ........ @missing
SPEC
expect_error nofmt "nofmt.decode:1: unknown format '@missing'"

cat >"$dir/fmtclash.decode" <<'SPEC'
@f      1 ....... ........ ........ ........
X       0 ....... ........ ........ ........ @f
SPEC
expect_error fmtclash 'fmtclash.decode:2: pattern and format'

cat >"$dir/group.decode" <<'SPEC'
{
X       1 ....... ........ ........ ........
SPEC
expect_error group "group.decode:2: '\{' not closed"

cat >"$dir/classgrp.decode" <<'SPEC'
{
X       1 ....... ........ ........ ........  !class
}
SPEC
expect_error classgrp "classgrp.decode:2: '!class' pattern X inside an overlap group"

cat >"$dir/classmix.decode" <<'SPEC'
X       1 ....... ........ ........ ........  !class
X       0 1...... ........ ........ ........
SPEC
expect_error classmix "classmix.decode:2: 'X' is '!class' here but not"

# A good spec: format with a named field, a constant, a group, a class.

cat >"$dir/good.decode" <<'SPEC'
%imm    5:s3 0:2
@fmt    sf:1 ... .... ........ ........ ........ %imm
ONE     . 000 0000 ........ ........ ........ @fmt op=2
{
  TWO   0 001 .... ........ ........ ........
  THREE 0 001 1111 ........ ........ ........
}
TWO     1 001 .... ........ ........ ........
FOUR    0 010 imm4:4 ........ ........ ........  !class
SPEC
if ! "$gen" -o "$dir/good.c.inc" -H "$dir/good.h" -T "$dir/mock.c.inc" "$dir/good.decode" 2>"$dir/err"; then
    fail "good: rejected: $(cat "$dir/err")"
else
    grep -q 'int64_t op; int64_t sf; int64_t imm; } arg_ONE;' "$dir/good.h" ||
        fail "good: arg_ONE not as expected"
    grep -q 'sf = dg_extract(insn, 31, 1)' "$dir/good.c.inc" || fail "good: no sf extraction"
    grep -q 'dg_sextract(insn, 5, 3) << 2' "$dir/good.c.inc" || fail "good: named field"
    grep -q '\.op = 2' "$dir/good.c.inc" || fail "good: constant field"
    [ "$(grep -c 'bool trans_TWO' "$dir/good.h")" = 1 ] || fail "good: TWO declared twice"
    grep -q 'unsigned class_FOUR(const arg_FOUR \*a);' "$dir/good.h" || fail "good: class_FOUR"
    grep -q 'unsigned a64_decode_class(uint32_t insn);' "$dir/good.h" || fail "good: a64_decode_class"
    grep -q 'return class_FOUR(&a);' "$dir/good.c.inc" || fail "good: classifier"
    grep -q 'class_ONE\|class_TWO' "$dir/good.c.inc" && fail "good: unmarked pattern classified"
fi

[ "$fails" = 0 ] && echo "PASS: decodegen" && exit 0
exit 1
