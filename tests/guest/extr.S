/* EXTR and its ROR (immediate) alias, 32 and 64 bit, every edge shift. */
#include "asm.h"
TEST_BEGIN(extr)
    ldr     x0, =0x0123456789abcdef
    ldr     x1, =0xfedcba9876543210
    extr    x2, x0, x1, 16
    CHECK(x2, 0xcdeffedcba987654)
    extr    x2, x0, x1, 0
    CHECK(x2, 0xfedcba9876543210)
    extr    x2, x0, x1, 63
    CHECK(x2, 0x02468acf13579bdf)
    ror     x2, x0, 4
    CHECK(x2, 0xf0123456789abcde)
    ror     x2, x0, 0
    CHECK(x2, 0x0123456789abcdef)
    extr    w3, w0, w1, 8
    CHECK(x3, 0xef765432)
    extr    w3, w0, w1, 31
    CHECK(x3, 0x13579bde)
    ror     w3, w0, 16
    CHECK(x3, 0xcdef89ab)
    ror     w3, w1, 1
    CHECK(x3, 0x3b2a1908)
TEST_END
