/* Add/subtract (immediate): ADD/ADDS/SUB/SUBS, 32 and 64 bit, LSL #12,
 * SP as source and destination, CMP/CMN aliases and their flags. */
#include "asm.h"
TEST_BEGIN(addsub-imm)
    mov     x0, 1000
    add     x1, x0, 4095
    CHECK(x1, 5095)
    add     x1, x0, 1, lsl 12
    CHECK(x1, 5096)
    sub     x2, x0, 1001
    CHECK(x2, -1)
    sub     w3, w0, 1001
    CHECK(x3, 0xffffffff)
    add     w4, w3, 2
    CHECK(x4, 1)
    sub     x5, x0, 0xfff, lsl 12
    CHECK(x5, 1000 - 0xfff000)

    /* SP as operand of the non-flag-setting forms. */
    mov     x6, sp
    sub     sp, sp, 64
    add     x7, sp, 64
    CHECK_REG(x7, x6)
    mov     x8, sp
    add     sp, sp, 0x40
    sub     x8, x6, x8
    CHECK(x8, 64)

    /* ADDS flags. */
    mov     x9, 0x7fffffffffffffff
    adds    x10, x9, 1
    CHECK_NZCV(F_N | F_V)
    CHECK(x10, 0x8000000000000000)
    mov     x9, -1
    adds    x10, x9, 1
    CHECK_NZCV(F_Z | F_C)
    CHECK(x10, 0)
    mov     w9, 0x7fffffff
    adds    w10, w9, 1
    CHECK_NZCV(F_N | F_V)
    CHECK(x10, 0x80000000)
    mov     w9, -1
    adds    w10, w9, 2
    CHECK_NZCV(F_C)
    CHECK(x10, 1)

    /* SUBS / CMP: C is "no borrow". */
    mov     x11, 5
    subs    x12, x11, 5
    CHECK_NZCV(F_Z | F_C)
    subs    x12, x11, 6
    CHECK_NZCV(F_N)
    CHECK(x12, -1)
    mov     x11, 0x8000000000000000
    cmp     x11, 1
    CHECK_NZCV(F_C | F_V)
    mov     w11, 0x80000000
    cmp     w11, 1
    CHECK_NZCV(F_C | F_V)
    cmp     w11, 0x800, lsl 12
    CHECK_NZCV(F_C | F_V)
    mov     w11, 0x800000
    cmp     w11, 0x800, lsl 12
    CHECK_NZCV(F_Z | F_C)

    /* CMN = ADDS with zero destination. */
    mov     x13, -4095
    cmn     x13, 4095
    CHECK_NZCV(F_Z | F_C)
    mov     w13, 1
    cmn     w13, 1
    CHECK_NZCV(0)

    /* ADDS with SP source, MOV to/from SP. */
    mov     x14, sp
    adds    x15, sp, 0
    CHECK_REG(x15, x14)
TEST_END
