/* Load/store (register offset): LSL #0/#size, UXTW, SXTW (negative
 * indices), SXTX, for every size, as array indexing compiles to. */
#include "asm.h"
    .data
    .balign 16
    .quad 0xdddddddddddddddd, 0xeeeeeeeeeeeeeeee
table:  .quad 0x0706050403020100, 0x0f0e0d0c0b0a0908
        .quad 0x1716151413121110, 0x1f1e1d1c1b1a1918
    .bss
    .balign 16
out:    .skip 64

    .text
TEST_BEGIN(ldst-regoff)
    ldr     x0, =table
    mov     x1, 3
    ldrb    w2, [x0, x1]
    CHECK(x2, 3)
    ldrh    w2, [x0, x1, lsl 1]
    CHECK(x2, 0x0706)
    ldr     w2, [x0, x1, lsl 2]
    CHECK(x2, 0x0f0e0d0c)
    ldr     x2, [x0, x1, lsl 3]
    CHECK(x2, 0x1f1e1d1c1b1a1918)
    ldr     x2, [x0, x1]
    CHECK(x2, 0x0a09080706050403)
    mov     w3, -1
    ldrsb   x2, [x0, w3, sxtw]
    CHECK(x2, 0xffffffffffffffee)
    ldr     x2, [x0, w3, sxtw 3]
    CHECK(x2, 0xeeeeeeeeeeeeeeee)
    mov     x4, -2
    ldr     x2, [x0, x4, sxtx 3]
    CHECK(x2, 0xdddddddddddddddd)
    ldrsh   w2, [x0, x4, sxtx]
    CHECK(x2, 0xffffeeee)
    ldrsw   x2, [x0, w3, sxtw 2]
    CHECK(x2, 0xffffffffeeeeeeee)

    /* UXTW ignores the upper half of the index register. */
    ldr     x5, =0xffffffff00000002
    ldr     w2, [x0, w5, uxtw 2]
    CHECK(x2, 0x0b0a0908)
    ldrb    w2, [x0, w5, uxtw]
    CHECK(x2, 2)

    /* Stores. */
    ldr     x6, =out
    mov     x7, 0
1:  lsl     x8, x7, 4
    str     x8, [x6, x7, lsl 3]
    add     x7, x7, 1
    cmp     x7, 8
    b.ne    1b
    mov     x7, 5
    ldr     x2, [x6, x7, lsl 3]
    CHECK(x2, 0x50)
    mov     w9, 0xaa
    strb    w9, [x6, x7]
    strh    w9, [x6, w7, uxtw 1]
    str     w9, [x6, w7, sxtw 2]
    ldr     x2, [x6]
    CHECK(x2, 0xaa0000000000)
    ldr     x2, [x6, 16]
    CHECK(x2, 0xaa00000020)
TEST_END
