/* Division: UDIV/SDIV, 32 and 64 bit, rounding toward zero with mixed
 * signs, division by zero (result 0, no trap) and INT_MIN / -1 (INT_MIN). */
#include "asm.h"
TEST_BEGIN(div)
    mov     x0, 100
    mov     x1, 7
    udiv    x2, x0, x1
    CHECK(x2, 14)
    sdiv    x2, x0, x1
    CHECK(x2, 14)
    mov     x3, -100
    sdiv    x2, x3, x1
    CHECK(x2, -14)
    neg     x4, x1
    sdiv    x2, x0, x4
    CHECK(x2, -14)
    sdiv    x2, x3, x4
    CHECK(x2, 14)
    udiv    x2, x3, x1
    CHECK(x2, 0x2492492492492484)

    udiv    x2, x0, xzr
    CHECK(x2, 0)
    sdiv    x2, x3, xzr
    CHECK(x2, 0)
    udiv    w2, w0, wzr
    CHECK(x2, 0)
    sdiv    w2, w3, wzr
    CHECK(x2, 0)

    mov     x5, 0x8000000000000000
    mov     x6, -1
    sdiv    x2, x5, x6
    CHECK(x2, 0x8000000000000000)
    udiv    x2, x5, x6
    CHECK(x2, 0)
    mov     w7, 0x80000000
    sdiv    w2, w7, w6
    CHECK(x2, 0x80000000)
    udiv    w2, w6, w7
    CHECK(x2, 1)

    /* 32-bit uses only the low halves of the operands. */
    ldr     x8, =0xffffffff00000064
    sdiv    w2, w8, w1
    CHECK(x2, 14)
    sdiv    w2, w3, w1
    CHECK(x2, 0xfffffff2)
    udiv    w2, w3, w1
    CHECK(x2, 0x24924916)
    udiv    x2, x6, x6
    CHECK(x2, 1)
TEST_END
