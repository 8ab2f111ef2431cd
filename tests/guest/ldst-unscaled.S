/* Load/store unscaled immediate (LDUR/STUR family): offsets -256..255,
 * misaligned addresses, every size and sign extension. */
#include "asm.h"
    .data
    .balign 16
    .skip 256
mid:    .byte 0x01, 0x82, 0x03, 0x84, 0x05, 0x86, 0x07, 0x88
        .byte 0x09, 0x8a, 0x0b, 0x8c, 0x0d, 0x8e, 0x0f, 0x90
    .skip 256

    .text
TEST_BEGIN(ldst-unscaled)
    ldr     x0, =mid
    ldur    x1, [x0, 1]
    CHECK(x1, 0x0988078605840382)
    ldur    w1, [x0, 3]
    CHECK(x1, 0x7860584)
    ldurh   w1, [x0, 9]
    CHECK(x1, 0x0b8a)
    ldursh  w1, [x0, 1]
    CHECK(x1, 0x00000382)
    ldursh  x1, [x0, 3]
    CHECK(x1, 0x584)
    ldursh  x1, [x0]
    CHECK(x1, 0xffffffffffff8201)
    ldursb  x1, [x0, 1]
    CHECK(x1, 0xffffffffffffff82)
    ldursb  w1, [x0, 2]
    CHECK(x1, 3)
    ldursw  x1, [x0, 5]
    CHECK(x1, 0x9880786)
    ldurb   w1, [x0, -1]
    CHECK(x1, 0)

    /* Store at negative offsets, read back at positive ones. */
    add     x2, x0, 256
    ldr     x3, =0x1122334455667788
    stur    x3, [x2, -255]
    ldur    x4, [x0, 1]
    CHECK_REG(x4, x3)
    sturh   w3, [x2, -256]
    ldurh   w4, [x0]
    CHECK(x4, 0x7788)
    sturb   w3, [x2, -250]
    ldrb    w4, [x0, 6]
    CHECK(x4, 0x88)
    stur    w3, [x0, 255]
    ldur    w4, [x2, -1]
    CHECK(x4, 0x55667788)
    ldursw  x4, [x0, 255]
    CHECK(x4, 0x55667788)

    /* Restore the bytes the next iteration reads. */
    ldr     x5, =0x8807860584038201
    stur    x5, [x0]
    ldr     x5, =0x900f8e0d8c0b8a09
    stur    x5, [x0, 8]
    stur    xzr, [x0, -8]
TEST_END
