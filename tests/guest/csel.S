/* Conditional select: CSEL/CSINC/CSINV/CSNEG and the CSET/CSETM/CINC/CINV/
 * CNEG aliases, 32 and 64 bit, for conditions true and false.  Flags are
 * set again before each select because CHECK clobbers them. */
#include "asm.h"
TEST_BEGIN(csel)
    mov     x0, 100
    mov     x1, 200
    cmp     x0, x1              /* 100 - 200: N, lo, lt, ne */
    csel    x2, x0, x1, lt
    CHECK(x2, 100)
    cmp     x0, x1
    csel    x2, x0, x1, gt
    CHECK(x2, 200)
    cmp     x0, x1
    csinc   x2, x0, x1, eq
    CHECK(x2, 201)
    cmp     x0, x1
    csinc   x2, x0, x1, ne
    CHECK(x2, 100)
    cmp     x0, x1
    csinv   x2, x0, x1, hs
    CHECK(x2, ~200)
    cmp     x0, x1
    csneg   x2, x0, x1, hs
    CHECK(x2, -200)
    cmp     x0, x1
    csneg   x2, x0, x1, lo
    CHECK(x2, 100)
    cmp     x0, x1
    cset    x3, lo
    CHECK(x3, 1)
    cmp     x0, x1
    cset    x3, hi
    CHECK(x3, 0)
    cmp     x0, x1
    csetm   x3, mi
    CHECK(x3, -1)
    cmp     x0, x1
    csetm   w3, pl
    CHECK(x3, 0)
    cmp     x0, x1
    csetm   w3, le
    CHECK(x3, 0xffffffff)
    cmp     x1, x0              /* 200 - 100: C, hi, gt */
    cinc    x4, x0, ls
    CHECK(x4, 100)
    cmp     x1, x0
    cinc    x4, x0, hi
    CHECK(x4, 101)
    cmp     x1, x0
    cinv    x4, x0, ge
    CHECK(x4, ~100)
    cmp     x1, x0
    cneg    x4, x0, cs
    CHECK(x4, -100)
    cmp     x1, x0
    cneg    x4, x0, vs
    CHECK(x4, 100)

    /* 32-bit forms zero the upper half of the selected value. */
    mov     x5, -1
    cmp     x0, x0
    csel    w6, w5, w0, eq
    CHECK(x6, 0xffffffff)
    cmp     x0, x0
    csinc   w6, w0, w5, ne
    CHECK(x6, 0)
    cmp     x0, x0
    csneg   w6, w0, w0, ne
    CHECK(x6, 0xffffff9c)
    cmp     x0, x0
    csinv   w6, wzr, wzr, ne
    CHECK(x6, 0xffffffff)

    /* abs() idiom, through a loop. */
    mov     x7, 0
    mov     x8, -3
1:  cmp     x8, 0
    cneg    x9, x8, lt
    add     x7, x7, x9
    add     x8, x8, 1
    cmp     x8, 4
    b.ne    1b
    CHECK(x7, 3 + 2 + 1 + 0 + 1 + 2 + 3)
TEST_END
