/*
 * asm.h — the harness for tern's self-checking AArch64 assembly tests.
 *
 * A test is a flat, -nostdlib program:
 *
 *     #include "asm.h"
 *     TEST_BEGIN(addsub_imm)
 *         mov   x0, 5
 *         add   x1, x0, 7
 *         CHECK(x1, 12)
 *     TEST_END
 *
 * The body between TEST_BEGIN and TEST_END runs ITERATIONS times, so every
 * block in it is translated once and then executed again through chained
 * (or looked-up) translation blocks: a bug that only shows once chaining or
 * the TB cache is involved fails the test just like a decoding bug.
 *
 * Invariants the body must keep:
 *   - x25..x28 belong to the harness (x28 counts iterations, x25..x27 are
 *     scratch of the CHECK macros); the body may use x0..x24, x29, x30, sp.
 *   - every value a CHECK looks at is recomputed inside the body, because
 *     the body runs many times.
 *   - CHECK* clobber NZCV; check flags with CHECK_NZCV before anything else.
 *
 * Fault tests use FAULT_BEGIN/FAULT_END instead and end in a signal.
 *
 * Output: "PASS <name>" and exit status 0, or on the first failed check
 * "FAIL <name> line <source line> got 0x<value>" and exit status 1.  Only
 * the write and exit_group system calls are used (svc with x8 = 64 / 94).
 */
#ifndef TERN_TESTS_GUEST_ASM_H
#define TERN_TESTS_GUEST_ASM_H

#define ITERATIONS 12

/* NZCV as MRS returns it. */
#define F_N 0x80000000
#define F_Z 0x40000000
#define F_C 0x20000000
#define F_V 0x10000000

#define SYS_write      64
#define SYS_exit_group 94

/* Compare a 64-bit register (or sp) with a constant. */
#define CHECK(reg, val)        check_x reg, val, __LINE__
/* Compare a 32-bit register with a constant (the upper half is ignored). */
#define CHECKW(reg, val)       check_w reg, val, __LINE__
/* Compare NZCV (only the flag bits) with a combination of F_*. */
#define CHECK_NZCV(val)        check_nzcv val, __LINE__
/* Compare two registers. */
#define CHECK_REG(reg, other)  check_reg reg, other, __LINE__
/* Compare both 64-bit halves of a vector register. */
#define CHECK_Q(vreg, lo, hi)  check_q vreg, lo, hi, __LINE__
/* Unconditional failure, for paths a test must not reach. */
#define FAIL_HERE()            fail_here __LINE__

.macro check_x reg, val, line
    mov     x25, \reg
    ldr     x27, =\val
    mov     x26, \line
    cmp     x25, x27
    b.ne    test_fail
.endm

.macro check_w reg, val, line
    mov     w25, \reg
    ldr     x27, =((\val) & 0xffffffff)
    mov     x26, \line
    cmp     x25, x27
    b.ne    test_fail
.endm

.macro check_nzcv val, line
    mrs     x25, nzcv
    ldr     x27, =\val
    mov     x26, \line
    cmp     x25, x27
    b.ne    test_fail
.endm

.macro check_reg reg, other, line
    mov     x25, \reg
    mov     x27, \other
    mov     x26, \line
    cmp     x25, x27
    b.ne    test_fail
.endm

.macro check_q vreg, lo, hi, line
    mov     x25, \vreg\().d[0]
    check_x x25, \lo, \line
    mov     x25, \vreg\().d[1]
    check_x x25, \hi, \line
.endm

.macro fail_here line
    mov     x25, xzr
    mov     x26, \line
    b       test_fail
.endm

/* write(1, msg, len) for a string literal; clobbers x0-x2, x8. */
.macro PUTS str
    .pushsection .rodata
9990:   .ascii "\str"
9991:
    .popsection
    ldr     x1, =9990b
    mov     x2, 9991b - 9990b
    bl      test_write
.endm

#define TEST_BEGIN(name)                                   \
    .pushsection .rodata;                                  \
test_name:  .ascii #name;                                  \
test_name_end:;                                            \
    .popsection;                                           \
    .text;                                                 \
    .global _start;                                        \
    .type _start, %function;                               \
_start:                                                    \
    mov     x28, ITERATIONS;                               \
test_loop:

/* For tests that must die by a signal: a warm-up loop, then the body runs
 * once; falling through to FAULT_END is a failure (exit status 1). */
#define FAULT_BEGIN(name)                                  \
    TEST_BEGIN(name)                                       \
    subs    x28, x28, 1;                                   \
    b.ne    test_loop;

#define FAULT_END                                          \
    FAIL_HERE();                                           \
    test_harness_routines

#define TEST_END                                           \
    subs    x28, x28, 1;                                   \
    b.ne    test_loop;                                     \
    b       test_pass;                                     \
    test_harness_routines

.macro test_harness_routines
test_pass:
    PUTS    "PASS "
    bl      test_put_name
    PUTS    "\n"
    mov     x0, 0
    mov     x8, SYS_exit_group
    svc     0

/* x26 = source line, x25 = the value that did not match. */
test_fail:
    mov     x19, x25
    mov     x20, x26
    PUTS    "FAIL "
    bl      test_put_name
    PUTS    " line "
    mov     x0, x20
    bl      test_put_dec
    PUTS    " got 0x"
    mov     x0, x19
    bl      test_put_hex
    PUTS    "\n"
    mov     x0, 1
    mov     x8, SYS_exit_group
    svc     0

test_put_name:
    ldr     x1, =test_name
    mov     x2, test_name_end - test_name
    b       test_write

/* x1 = buffer, x2 = length; returns to x30. */
test_write:
    mov     x0, 1
    mov     x8, SYS_write
    svc     0
    ret

/* Print x0 in decimal; x21 keeps the return address across test_write. */
test_put_dec:
    mov     x21, x30
    sub     sp, sp, 32
    add     x1, sp, 32
    mov     x3, 10
1:  udiv    x4, x0, x3
    msub    x5, x4, x3, x0
    add     x5, x5, '0'
    strb    w5, [x1, -1]!
    mov     x0, x4
    cbnz    x0, 1b
    add     x2, sp, 32
    sub     x2, x2, x1
    bl      test_write
    add     sp, sp, 32
    ret     x21

/* Print x0 as 16 hex digits. */
test_put_hex:
    mov     x21, x30
    sub     sp, sp, 16
    mov     x3, 16
    mov     x1, sp
1:  ubfx    x4, x0, 60, 4
    cmp     x4, 10
    add     x5, x4, '0'
    add     x6, x4, 'a' - 10
    csel    x5, x5, x6, lo
    strb    w5, [x1], 1
    lsl     x0, x0, 4
    subs    x3, x3, 1
    b.ne    1b
    mov     x1, sp
    mov     x2, 16
    bl      test_write
    add     sp, sp, 16
    ret     x21
    .ltorg
.endm

#endif
