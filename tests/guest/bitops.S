/* Data-processing (1 source): RBIT, REV16, REV32, REV (REV64), CLZ, CLS,
 * 32 and 64 bit, including all-zero and all-one inputs. */
#include "asm.h"
TEST_BEGIN(bitops)
    ldr     x0, =0x0123456789abcdef
    rbit    x1, x0
    CHECK(x1, 0xf7b3d591e6a2c480)
    rbit    w1, w0
    CHECK(x1, 0xf7b3d591)
    rev     x1, x0
    CHECK(x1, 0xefcdab8967452301)
    rev     w1, w0
    CHECK(x1, 0xefcdab89)
    rev16   x1, x0
    CHECK(x1, 0x23016745ab89efcd)
    rev16   w1, w0
    CHECK(x1, 0xab89efcd)
    rev32   x1, x0
    CHECK(x1, 0x67452301efcdab89)

    clz     x2, x0
    CHECK(x2, 7)
    clz     x2, xzr
    CHECK(x2, 64)
    clz     w2, wzr
    CHECK(x2, 32)
    clz     w2, w0
    CHECK(x2, 0)
    mov     x3, 1
    clz     x2, x3
    CHECK(x2, 63)
    clz     w2, w3
    CHECK(x2, 31)

    cls     x2, x0
    CHECK(x2, 6)
    cls     x2, xzr
    CHECK(x2, 63)
    mov     x4, -1
    cls     x2, x4
    CHECK(x2, 63)
    cls     w2, w4
    CHECK(x2, 31)
    cls     w2, w0
    CHECK(x2, 0)
    ldr     x5, =0xfff0000000000000
    cls     x2, x5
    CHECK(x2, 11)
    mov     w5, 0xc0000000
    cls     w2, w5
    CHECK(x2, 1)
TEST_END
