/* Add/subtract (shifted register): LSL/LSR/ASR amounts, 32 and 64 bit,
 * flag-setting forms, NEG/NEGS/CMP aliases. */
#include "asm.h"
TEST_BEGIN(addsub-shift)
    mov     x0, 0x1234
    mov     x1, 0xf0
    add     x2, x0, x1, lsl 4
    CHECK(x2, 0x1234 + 0xf00)
    add     x2, x0, x1, lsr 4
    CHECK(x2, 0x1234 + 0xf)
    mov     x3, -256
    add     x2, x0, x3, asr 4
    CHECK(x2, 0x1234 - 16)
    add     x2, x0, x3, lsr 60
    CHECK(x2, 0x1234 + 15)
    add     x2, x0, x1, lsl 63
    CHECK(x2, 0x1234)
    mov     x4, 1
    add     x2, x0, x4, lsl 63
    CHECK(x2, 0x8000000000001234)
    sub     x2, x0, x1, lsl 8
    CHECK(x2, 0x1234 - 0xf000)

    /* 32-bit forms zero the upper half and shift within 32 bits. */
    mov     w5, 0x80000000
    add     w6, w0, w5, asr 31
    CHECK(x6, 0x1233)
    add     w6, w0, w5, lsr 31
    CHECK(x6, 0x1235)
    add     w6, w0, w4, lsl 31
    CHECK(x6, 0x80001234)
    sub     w6, w4, w0
    CHECK(x6, 0xffffedcd)

    /* NEG/NEGS. */
    neg     x7, x0
    CHECK(x7, -0x1234)
    neg     w7, w0, lsl 4
    CHECK(x7, 0xfffedcc0)
    negs    x7, xzr
    CHECK_NZCV(F_Z | F_C)
    mov     x8, 0x8000000000000000
    negs    x7, x8
    CHECK_NZCV(F_N | F_V)
    CHECK(x7, 0x8000000000000000)

    /* ADDS/SUBS with shifts. */
    mov     x9, 0x4000000000000000
    adds    x10, x9, x9, lsl 0
    CHECK_NZCV(F_N | F_V)
    adds    x10, x9, x9, lsl 1
    CHECK_NZCV(F_N)
    mov     x11, 0xc000000000000000
    adds    x10, x11, x9
    CHECK_NZCV(F_Z | F_C)
    subs    w10, w4, w4, lsl 1
    CHECK_NZCV(F_N)
    CHECK(x10, 0xffffffff)
    cmp     x0, x1, lsl 5
    CHECK_NZCV(F_N)
    cmp     x0, x1, lsl 4
    CHECK_NZCV(F_C)
    cmp     x0, x0, asr 0
    CHECK_NZCV(F_Z | F_C)
    cmn     w5, w5
    CHECK_NZCV(F_Z | F_C | F_V)
TEST_END
