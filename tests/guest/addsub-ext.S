/* Add/subtract (extended register): every extend, shifts 0-4, SP as base
 * and destination, 32-bit forms and flag setting. */
#include "asm.h"
TEST_BEGIN(addsub-ext)
    mov     x0, 1000
    ldr     x1, =0xfedcba9876543280
    add     x2, x0, w1, uxtb
    CHECK(x2, 1000 + 0x80)
    add     x2, x0, w1, sxtb
    CHECK(x2, 1000 - 0x80)
    add     x2, x0, w1, uxth
    CHECK(x2, 1000 + 0x3280)
    add     x2, x0, w1, sxth
    CHECK(x2, 1000 + 0x3280)
    add     x2, x0, w1, uxtw
    CHECK(x2, 1000 + 0x76543280)
    add     x2, x0, w1, sxtw
    CHECK(x2, 1000 + 0x76543280)
    mov     x3, 0x80000000
    add     x2, x0, w3, sxtw
    CHECK(x2, 1000 - 0x80000000)
    add     x2, x0, w3, uxtw 2
    CHECK(x2, 1000 + 0x200000000)
    add     x2, x0, x1, uxtx
    CHECK(x2, 0xfedcba9876543280 + 1000)
    add     x2, x0, x1, sxtx 4
    CHECK(x2, 0xedcba98765432800 + 1000)
    mov     w4, 0xff
    add     x2, x0, w4, sxtb 3
    CHECK(x2, 1000 - 8)
    add     x2, x0, w4, uxtb 1
    CHECK(x2, 1000 + 0x1fe)
    mov     w4, 0x8001
    sub     x2, x0, w4, sxth 1
    CHECK(x2, 1000 + 0xfffe)

    /* 32-bit destination. */
    add     w5, w0, w1, uxtb 4
    CHECK(x5, 1000 + 0x800)
    sub     w5, w0, w4, uxth
    CHECK(x5, (1000 - 0x8001) & 0xffffffff)

    /* SP as base and destination (the extended form is the one for SP). */
    mov     x6, sp
    mov     x7, 8
    sub     sp, sp, x7, uxtx 3
    mov     x8, sp
    sub     x8, x6, x8
    CHECK(x8, 64)
    add     sp, sp, w7, uxtw 3
    mov     x8, sp
    CHECK_REG(x8, x6)
    add     x9, sp, x0
    sub     x9, x9, x6
    CHECK(x9, 1000)

    /* Flag-setting forms. */
    mov     x10, -1
    mov     w11, 1
    adds    x12, x10, w11, uxtb
    CHECK_NZCV(F_Z | F_C)
    cmp     x10, w11, sxtb
    CHECK_NZCV(F_N | F_C)
    mov     w12, 0xff
    cmn     x11, w12, sxtb
    CHECK_NZCV(F_Z | F_C)
    subs    w13, w11, w12, uxtb
    CHECK_NZCV(F_N)
    CHECK(x13, 0xffffff02)
TEST_END
