/* Load/store pair: LDP/STP of W and X with signed offset, pre- and
 * post-index, LDPSW, LDNP/STNP, and the frame push/pop sequences every
 * function prologue uses. */
#include "asm.h"
    .data
    .balign 16
pairs:  .word 0x80000001, 0x7fffffff, 3, 4
        .quad 0x1111111111111111, 0x2222222222222222
    .bss
    .balign 16
buf:    .skip 1024

    .text
TEST_BEGIN(ldst-pair)
    ldr     x0, =pairs
    ldp     w1, w2, [x0]
    CHECK(x1, 0x80000001)
    CHECK(x2, 0x7fffffff)
    ldpsw   x1, x2, [x0]
    CHECK(x1, 0xffffffff80000001)
    CHECK(x2, 0x7fffffff)
    ldpsw   x1, x2, [x0, 8]
    CHECK(x1, 3)
    CHECK(x2, 4)
    ldp     x3, x4, [x0, 16]
    CHECK(x3, 0x1111111111111111)
    CHECK(x4, 0x2222222222222222)
    ldp     w3, w4, [x0, 8]!
    CHECK(x3, 3)
    ldr     x5, =pairs + 8
    CHECK_REG(x0, x5)
    ldp     x3, x4, [x0, 8]!
    CHECK(x4, 0x2222222222222222)
    ldpsw   x3, x4, [x0], -8
    CHECK(x3, 0x1111111111111111 & 0xffffffff)
    ldr     x5, =pairs + 8
    CHECK_REG(x0, x5)
    ldpsw   x3, x4, [x0, -8]!
    CHECK(x3, 0xffffffff80000001)
    ldnp    x3, x4, [x0, 16]
    CHECK(x3, 0x1111111111111111)

    /* Stores, including the extreme offsets (-64 .. 63 scaled). */
    ldr     x6, =buf + 512
    mov     x7, 0xa1
    mov     x8, 0xb2
    stp     x7, x8, [x6, -512]
    stp     x8, x7, [x6, 504]
    stp     w7, w8, [x6, -256]
    stp     w8, w7, [x6, 248]
    ldr     x9, =buf
    ldp     x10, x11, [x9]
    CHECK(x10, 0xa1)
    CHECK(x11, 0xb2)
    ldr     x10, [x9, 1016]
    CHECK(x10, 0xb2)
    ldr     x10, [x9, 256]
    CHECK(x10, 0xb2000000a1)
    ldr     x10, [x9, 760]
    CHECK(x10, 0xa1000000b2)
    stnp    x8, x8, [x9, 32]
    ldr     x10, [x9, 40]
    CHECK(x10, 0xb2)
    stp     w7, w7, [x9, 48]!
    stp     xzr, xzr, [x9], 16
    ldr     x5, =buf + 64
    CHECK_REG(x9, x5)
    ldr     x10, [x9, -16]
    CHECK(x10, 0)

    /* Frame push/pop as compilers emit it. */
    mov     x12, sp
    mov     x29, 0x29
    mov     x30, 0x30
    stp     x29, x30, [sp, -32]!
    stp     x7, x8, [sp, 16]
    mov     x29, 0
    mov     x30, 0
    ldp     x7, x8, [sp, 16]
    ldp     x29, x30, [sp], 32
    CHECK(x29, 0x29)
    CHECK(x30, 0x30)
    mov     x13, sp
    CHECK_REG(x13, x12)
TEST_END
