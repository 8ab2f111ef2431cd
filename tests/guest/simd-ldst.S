/* FP/SIMD loads and stores: LDR/STR of B/H/S/D/Q with unsigned offset,
 * pre/post-index, unscaled and register offsets, LDR literal of S/D/Q,
 * LDP/STP of S/D/Q (offset, pre, post), LDNP/STNP; scalar loads must clear
 * the rest of the vector register. */
#include "asm.h"
    .data
    .balign 16
src:    .quad 0x0706050403020100, 0x0f0e0d0c0b0a0908
        .quad 0x1716151413121110, 0x1f1e1d1c1b1a1918
        .quad 0x2726252423222120, 0x2f2e2d2c2b2a2928
    .bss
    .balign 16
        .skip 16
dst:    .skip 256


    .text
TEST_BEGIN(simd-ldst)
    ldr     x0, =src
    movi    v0.16b, 0xff
    ldr     b0, [x0, 5]
    CHECK_Q(v0, 0x05, 0)
    movi    v0.16b, 0xff
    ldr     h0, [x0, 6]
    CHECK_Q(v0, 0x0706, 0)
    ldr     s0, [x0, 12]
    CHECK_Q(v0, 0x0f0e0d0c, 0)
    ldr     d0, [x0, 8]
    CHECK_Q(v0, 0x0f0e0d0c0b0a0908, 0)
    ldr     q0, [x0, 16]
    CHECK_Q(v0, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    ldur    q1, [x0, 3]
    CHECK_Q(v1, 0x0a09080706050403, 0x1211100f0e0d0c0b)
    ldur    d1, [x0, 1]
    CHECK_Q(v1, 0x0807060504030201, 0)
    mov     x1, 2
    ldr     q2, [x0, x1, lsl 4]
    CHECK_Q(v2, 0x2726252423222120, 0x2f2e2d2c2b2a2928)
    ldr     s2, [x0, x1, lsl 2]
    CHECK_Q(v2, 0x0b0a0908, 0)
    ldr     h2, [x0, w1, uxtw]
    CHECK_Q(v2, 0x0302, 0)

    /* Pre/post index with writeback. */
    mov     x2, x0
    ldr     q3, [x2, 16]!
    CHECK_Q(v3, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    ldr     d3, [x2], 8
    CHECK_Q(v3, 0x1716151413121110, 0)
    ldr     x4, =src + 24
    CHECK_REG(x2, x4)
    ldr     b3, [x2, -24]!
    CHECK_Q(v3, 0, 0)
    CHECK_REG(x2, x0)

    /* Pairs. */
    ldp     q4, q5, [x0]
    CHECK_Q(v5, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    ldp     d4, d5, [x0, 32]
    CHECK_Q(v4, 0x2726252423222120, 0)
    CHECK_Q(v5, 0x2f2e2d2c2b2a2928, 0)
    ldp     s4, s5, [x0, 4]
    CHECK_Q(v4, 0x07060504, 0)
    CHECK_Q(v5, 0x0b0a0908, 0)
    ldnp    q6, q7, [x0, 16]
    CHECK_Q(v6, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    CHECK_Q(v7, 0x2726252423222120, 0x2f2e2d2c2b2a2928)

    /* Stores. */
    ldr     x5, =dst
    stp     xzr, xzr, [x5]
    stp     xzr, xzr, [x5, 16]
    str     q7, [x5]
    str     b6, [x5, 16]
    str     h6, [x5, 18]
    str     s6, [x5, 20]
    ldp     x6, x7, [x5]
    CHECK(x6, 0x2726252423222120)
    CHECK(x7, 0x2f2e2d2c2b2a2928)
    ldr     x6, [x5, 16]
    CHECK(x6, 0x1312111011100010)
    str     d6, [x5, 8]!
    ldr     x6, [x5]
    CHECK(x6, 0x1716151413121110)
    stp     q6, q7, [x5, -16]!
    ldr     x6, =dst - 8
    CHECK_REG(x5, x6)
    ldr     x6, =dst
    ldr     q8, [x5, 16]
    CHECK_Q(v8, 0x2726252423222120, 0x2f2e2d2c2b2a2928)
    stp     d7, d6, [x5], 64
    ldr     q8, [x6]
    CHECK_Q(v8, 0x1716151413121110, 0x2726252423222120)
    stp     s6, s7, [x6, 32]
    ldr     d8, [x6, 32]
    CHECK_Q(v8, 0x2322212013121110, 0)
    stnp    q7, q6, [x6, 64]
    ldr     q8, [x6, 80]
    CHECK_Q(v8, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    stur    q8, [x6, 97]
    ldur    q9, [x6, 97]
    CHECK_Q(v9, 0x1716151413121110, 0x1f1e1d1c1b1a1918)
    mov     x9, 7
    str     q8, [x6, x9, lsl 4]
    ldr     x10, [x6, 120]
    CHECK(x10, 0x1f1e1d1c1b1a1918)

    /* Literal loads. */
    ldr     s10, lit
    CHECK_Q(v10, 0x44332211, 0)
    ldr     d10, lit
    CHECK_Q(v10, 0x8877665544332211, 0)
    ldr     q10, lit
    CHECK_Q(v10, 0x8877665544332211, 0x00ffeeddccbbaa99)
    b       1f
    .balign 16
lit:    .quad 0x8877665544332211, 0x00ffeeddccbbaa99
1:
TEST_END
