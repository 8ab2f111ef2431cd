/* Data-processing (3 source): MADD/MSUB/MUL/MNEG, SMADDL/SMSUBL/UMADDL/
 * UMSUBL and the SMULL/UMULL/SMNEGL/UMNEGL aliases, SMULH/UMULH. */
#include "asm.h"
TEST_BEGIN(mul)
    mov     x0, 1000
    mov     x1, 3000
    mov     x2, 77
    madd    x3, x0, x1, x2
    CHECK(x3, 3000077)
    msub    x3, x0, x1, x2
    CHECK(x3, 77 - 3000000)
    mul     x3, x0, x1
    CHECK(x3, 3000000)
    mneg    x3, x0, x1
    CHECK(x3, -3000000)
    ldr     x4, =0x123456789
    mul     x3, x4, x4
    CHECK(x3, 0x4b66dc326fb98751)
    mul     w3, w4, w4
    CHECK(x3, 0x6fb98751)
    madd    w3, w0, w1, w2
    CHECK(x3, 3000077)
    msub    w3, w0, w1, wzr
    CHECK(x3, 0xffd23940)

    mov     w5, -2
    mov     w6, 3
    smull   x3, w5, w6
    CHECK(x3, -6)
    umull   x3, w5, w6
    CHECK(x3, 0x2fffffffa)
    smaddl  x3, w5, w6, x0
    CHECK(x3, 994)
    smsubl  x3, w5, w6, x0
    CHECK(x3, 1006)
    umaddl  x3, w5, w5, x0
    CHECK(x3, 0xfffffffc000003ec)
    umsubl  x3, w6, w6, x0
    CHECK(x3, 991)
    smnegl  x3, w5, w6
    CHECK(x3, 6)
    umnegl  x3, w6, w6
    CHECK(x3, -9)

    ldr     x7, =0xffffffffffffffff
    ldr     x8, =0x8000000000000000
    umulh   x3, x7, x7
    CHECK(x3, 0xfffffffffffffffe)
    smulh   x3, x7, x7
    CHECK(x3, 0)
    smulh   x3, x8, x8
    CHECK(x3, 0x4000000000000000)
    umulh   x3, x8, x8
    CHECK(x3, 0x4000000000000000)
    smulh   x3, x8, x0
    CHECK(x3, -500)
    umulh   x3, x4, x4
    CHECK(x3, 1)
    smulh   x3, x7, x0
    CHECK(x3, -1)
TEST_END
