/* Load/store pre-index and post-index with writeback, positive and
 * negative offsets, all sizes, including the loop-walk pattern compilers
 * emit and SP pushes/pops. */
#include "asm.h"
    .data
    .balign 16
words:  .word 1, 2, 3, 4, 5, 6, 7, 8
    .bss
    .balign 16
buf:    .skip 256

    .text
TEST_BEGIN(ldst-index)
    ldr     x0, =words
    ldr     w1, [x0, 4]!
    CHECK(x1, 2)
    ldr     x2, =words + 4
    CHECK_REG(x0, x2)
    ldr     w1, [x0], 8
    CHECK(x1, 2)
    ldr     x2, =words + 12
    CHECK_REG(x0, x2)
    ldrsw   x1, [x0, -12]!
    CHECK(x1, 1)
    ldrb    w1, [x0, 255]!
    ldr     x2, =words + 255
    CHECK_REG(x0, x2)
    ldrh    w1, [x0], -256
    ldr     x2, =words - 1
    CHECK_REG(x0, x2)

    /* Sum an array with post-increment. */
    ldr     x0, =words
    mov     x3, 0
    mov     x4, 8
1:  ldr     w5, [x0], 4
    add     x3, x3, x5
    subs    x4, x4, 1
    b.ne    1b
    CHECK(x3, 36)

    /* Fill a buffer backwards with pre-decrement, check each size. */
    ldr     x6, =buf + 64
    mov     x7, 8
2:  str     x7, [x6, -8]!
    subs    x7, x7, 1
    b.ne    2b
    ldr     x8, =buf
    CHECK_REG(x6, x8)
    ldr     x9, [x6, 56]
    CHECK(x9, 0x8)
    ldr     x9, [x6]
    CHECK(x9, 0x1)
    mov     w10, 0xabcd
    strh    w10, [x6, 2]!
    strb    w10, [x6], 1
    ldr     x9, [x8]
    CHECK(x9, 0xabcd0001)
    ldr     x2, =buf + 3
    CHECK_REG(x6, x2)
    ldrsh   x11, [x6, -1]!
    CHECK(x11, 0xffffffffffffabcd)
    ldrsb   w11, [x6], 0
    CHECK(x11, 0xffffffcd)

    /* Push and pop through SP. */
    mov     x12, sp
    mov     x13, 0x77
    str     x13, [sp, -16]!
    mov     x14, sp
    sub     x14, x12, x14
    CHECK(x14, 16)
    ldr     x15, [sp], 16
    CHECK(x15, 0x77)
    mov     x14, sp
    CHECK_REG(x14, x12)
TEST_END
