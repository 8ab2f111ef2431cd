/* Load/store (unsigned immediate offset): every size, zero- and
 * sign-extending loads to W and X, the largest scaled offsets, SP base,
 * and PRFM (a hint that must not fault). */
#include "asm.h"
    .data
    .balign 16
src:    .quad 0x8081828384858687, 0xf0e0d0c0b0a09080
    .bss
    .balign 16
buf:    .skip 40000

    .text
TEST_BEGIN(ldst-uimm)
    ldr     x0, =src
    ldrb    w1, [x0]
    CHECK(x1, 0x87)
    ldrb    w1, [x0, 15]
    CHECK(x1, 0xf0)
    ldrsb   w1, [x0]
    CHECK(x1, 0xffffff87)
    ldrsb   x1, [x0, 8]
    CHECK(x1, 0xffffffffffffff80)
    ldrh    w1, [x0, 2]
    CHECK(x1, 0x8485)
    ldrsh   w1, [x0, 2]
    CHECK(x1, 0xffff8485)
    ldrsh   x1, [x0, 14]
    CHECK(x1, 0xfffffffffffff0e0)
    ldr     w1, [x0, 4]
    CHECK(x1, 0x80818283)
    ldrsw   x1, [x0, 4]
    CHECK(x1, 0xffffffff80818283)
    ldrsw   x1, [x0, 8]
    CHECK(x1, 0xffffffffb0a09080)
    ldr     x1, [x0, 8]
    CHECK(x1, 0xf0e0d0c0b0a09080)
    prfm    pldl1keep, [x0, 64]
    prfm    pstl2strm, [x0]

    /* Stores of each size, read back with a wider load. */
    ldr     x2, =buf
    str     xzr, [x2]
    mov     x3, 0x11
    strb    w3, [x2]
    mov     w3, 0x2233
    strh    w3, [x2, 2]
    ldr     x4, [x2]
    CHECK(x4, 0x22330011)
    ldr     w3, =0x44556677
    str     w3, [x2, 4]
    ldr     x4, [x2]
    CHECK(x4, 0x4455667722330011)
    ldr     x5, =0x0102030405060708
    str     x5, [x2, 8]
    ldrb    w4, [x2, 15]
    CHECK(x4, 1)

    /* Largest offsets: 4095 * size. */
    strb    w5, [x2, 4095]
    str     x5, [x2, 32760]
    strh    w5, [x2, 8190]
    str     w5, [x2, 16380]
    ldrb    w4, [x2, 4095]
    CHECK(x4, 0x08)
    ldr     x4, [x2, 32760]
    CHECK_REG(x4, x5)
    ldrh    w4, [x2, 8190]
    CHECK(x4, 0x0708)
    ldr     w4, [x2, 16380]
    CHECK(x4, 0x05060708)

    /* SP as the base register. */
    sub     sp, sp, 32
    str     x5, [sp, 16]
    ldrh    w4, [sp, 22]
    CHECK(x4, 0x0102)
    add     sp, sp, 32
TEST_END
