/* Move wide (immediate): MOVZ/MOVN/MOVK at every hw position, 32 and 64
 * bit, and the MOV aliases the assembler picks for them. */
#include "asm.h"
TEST_BEGIN(movewide)
    movz    x0, 0x1234
    CHECK(x0, 0x1234)
    movz    x0, 0x1234, lsl 16
    CHECK(x0, 0x12340000)
    movz    x0, 0x1234, lsl 32
    CHECK(x0, 0x123400000000)
    movz    x0, 0xffff, lsl 48
    CHECK(x0, 0xffff000000000000)
    movk    x0, 0xaaaa, lsl 16
    CHECK(x0, 0xffff0000aaaa0000)
    movk    x0, 0x5555
    CHECK(x0, 0xffff0000aaaa5555)
    movk    x0, 0x0102, lsl 32
    CHECK(x0, 0xffff0102aaaa5555)
    movk    x0, 0, lsl 48
    CHECK(x0, 0x00000102aaaa5555)
    movn    x1, 0
    CHECK(x1, -1)
    movn    x1, 0x1234, lsl 16
    CHECK(x1, 0xffffffffedcbffff)
    movn    x1, 0xffff, lsl 48
    CHECK(x1, 0x0000ffffffffffff)
    movn    x1, 0x8000, lsl 32
    CHECK(x1, 0xffff7fffffffffff)

    /* 32-bit: hw is 0 or 1, the upper half is always zeroed. */
    mov     x2, -1
    movz    w2, 0xbeef, lsl 16
    CHECK(x2, 0xbeef0000)
    mov     x2, -1
    movk    w2, 0x1111
    CHECK(x2, 0xffff1111)
    movk    w2, 0x2222, lsl 16
    CHECK(x2, 0x22221111)
    movn    w3, 0
    CHECK(x3, 0xffffffff)
    movn    w3, 0x00ff, lsl 16
    CHECK(x3, 0xff00ffff)

    /* MOV aliases of MOVZ/MOVN. */
    mov     x4, -2
    CHECK(x4, 0xfffffffffffffffe)
    mov     w4, -2
    CHECK(x4, 0xfffffffe)
    mov     x4, 0x10000
    CHECK(x4, 0x10000)
    mov     x4, 0xffffffffffff0000
    CHECK(x4, 0xffffffffffff0000)

    /* A full 64-bit constant built in four steps, as compilers emit it. */
    movz    x5, 0xcdef
    movk    x5, 0x89ab, lsl 16
    movk    x5, 0x4567, lsl 32
    movk    x5, 0x0123, lsl 48
    CHECK(x5, 0x0123456789abcdef)
TEST_END
