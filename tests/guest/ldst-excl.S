/* Exclusives and acquire/release: LDXR/STXR and LDAXR/STLXR of every size,
 * LDXP/STXP and LDAXP/STLXP, CLREX, LDAR/STLR(B/H), plus an atomic-add
 * retry loop.  A store-exclusive may fail spuriously, so single attempts
 * only check that the status is 0 or 1 and that memory stays consistent. */
#include "asm.h"
    .bss
    .balign 16
cell:   .skip 16
pair:   .skip 16

    .text
TEST_BEGIN(ldst-excl)
    ldr     x0, =cell
    str     xzr, [x0]
    str     xzr, [x0, 8]

    /* Atomic increment, 100 times, with the usual retry loop. */
    mov     x1, 100
1:  ldxr    x2, [x0]
    add     x2, x2, 3
    stxr    w3, x2, [x0]
    cbnz    w3, 1b
    subs    x1, x1, 1
    b.ne    1b
    ldr     x2, [x0]
    CHECK(x2, 300)

    /* Acquire/release flavour, 32-bit. */
2:  ldaxr   w2, [x0]
    sub     w2, w2, 1
    stlxr   w3, w2, [x0]
    cbnz    w3, 2b
    ldr     x2, [x0]
    CHECK(x2, 299)

    /* Byte and halfword exclusives. */
    add     x12, x0, 8
    add     x13, x0, 10
    add     x14, x0, 2
3:  ldxrb   w2, [x12]
    add     w2, w2, 0xff
    stxrb   w3, w2, [x12]
    cbnz    w3, 3b
4:  ldaxrh  w2, [x13]
    mov     w2, 0xbeef
    stlxrh  w3, w2, [x13]
    cbnz    w3, 4b
    ldr     x2, [x0, 8]
    CHECK(x2, 0xbeef00ff)

    /* A store-exclusive after CLREX must fail and leave memory alone. */
    ldxr    x2, [x0]
    clrex
    mov     x4, 0x5555
    stxr    w3, x4, [x0]
    CHECK(x3, 1)
    ldr     x2, [x0]
    CHECK(x2, 299)

    /* Pairs. */
    ldr     x5, =pair
    mov     x6, 0x1234
    mov     x7, 0x5678
5:  ldxp    x8, x9, [x5]
    stxp    w3, x6, x7, [x5]
    cbnz    w3, 5b
    ldp     x8, x9, [x5]
    CHECK(x8, 0x1234)
    CHECK(x9, 0x5678)
6:  ldaxp   w8, w9, [x5]
    add     w8, w8, 1
    add     w9, w9, 1
    stlxp   w3, w8, w9, [x5]
    cbnz    w3, 6b
    ldr     x8, [x5]
    CHECK(x8, 0x100001235)
    stp     xzr, xzr, [x5]

    /* Load-acquire / store-release. */
    mov     x10, 0x77
    stlr    x10, [x0]
    ldar    x11, [x0]
    CHECK(x11, 0x77)
    mov     w10, 0x1ff
    stlrb   w10, [x0]
    ldarb   w11, [x0]
    CHECK(x11, 0xff)
    stlrh   w10, [x14]
    ldarh   w11, [x14]
    CHECK(x11, 0x1ff)
    ldar    w11, [x0]
    CHECK(x11, 0x01ff00ff)
    stlr    wzr, [x0]
TEST_END
