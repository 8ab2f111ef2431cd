/* Logical (immediate): AND/ORR/EOR/ANDS with bitmask immediates of every
 * element size (2..64) and rotation, TST and the MOV (bitmask) alias. */
#include "asm.h"
TEST_BEGIN(logical-imm)
    ldr     x0, =0x0123456789abcdef
    and     x1, x0, 0xff
    CHECK(x1, 0xef)
    and     x1, x0, 0xffffffff00000000
    CHECK(x1, 0x0123456700000000)
    and     x1, x0, 0x5555555555555555
    CHECK(x1, 0x0101454501014545)
    orr     x1, x0, 0xf0f0f0f0f0f0f0f0
    CHECK(x1, 0xf1f3f5f7f9fbfdff)
    eor     x1, x0, 0x00ff00ff00ff00ff
    CHECK(x1, 0x1dc45988954cd10)
    eor     x1, x0, 0x8000000000000001
    CHECK(x1, 0x8123456789abcdee)
    and     x1, x0, 0x3ffc
    CHECK(x1, 0xdec)
    orr     x1, xzr, 0x7ffffffffffffffe
    CHECK(x1, 0x7ffffffffffffffe)
    and     x1, x0, 0x0003000300030003
    CHECK(x1, 0x3000300030003)
    orr     x1, x0, 0x1010101010101010
    CHECK(x1, 0x1133557799bbddff)

    /* 32-bit: upper half of the destination is zeroed. */
    and     w2, w0, 0xffff0000
    CHECK(x2, 0x89ab0000)
    orr     w2, w0, 0x3
    CHECK(x2, 0x89abcdef)
    eor     w2, w0, 0xfffffffe
    CHECK(x2, 0x76543211)
    mov     w3, 0xaaaaaaaa
    CHECK(x3, 0xaaaaaaaa)

    /* ORR with SP as the destination (the immediate form allows it). */
    mov     x4, sp
    orr     sp, xzr, 0x10000
    mov     x5, sp
    mov     sp, x4
    CHECK(x5, 0x10000)

    /* ANDS/TST set N and Z, clear C and V. */
    mov     x6, -1
    cmp     x6, x6              /* sets C */
    ands    x7, x0, 0xff00000000000000
    CHECK_NZCV(0)
    CHECK(x7, 0x0100000000000000)
    ands    x7, x6, 0x8000000000000000
    CHECK_NZCV(F_N)
    tst     x0, 0x10
    CHECK_NZCV(F_Z)
    tst     w0, 0x80000000
    CHECK_NZCV(F_N)
    ands    w7, w0, 0x7
    CHECK_NZCV(0)
    CHECK(x7, 7)
TEST_END
