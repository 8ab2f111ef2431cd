/* Conditional compare: CCMP/CCMN with register and immediate operands,
 * condition true (flags from the compare) and false (flags from nzcv),
 * 32 and 64 bit, and the && chains compilers build from them. */
#include "asm.h"
TEST_BEGIN(ccmp)
    mov     x0, 5
    mov     x1, 7
    cmp     x0, x0              /* Z C */
    ccmp    x0, x1, 0, eq       /* true: 5 - 7 -> N */
    CHECK_NZCV(F_N)
    cmp     x0, x1              /* N */
    ccmp    x0, x1, 0xf, eq     /* false: nzcv = 1111 */
    CHECK_NZCV(F_N | F_Z | F_C | F_V)
    cmp     x0, x1
    ccmp    x1, x0, 2, lt       /* true: 7 - 5 -> C */
    CHECK_NZCV(F_C)
    cmp     x1, x0
    ccmp    x1, 7, 4, hi        /* true: 7 - 7 -> Z C */
    CHECK_NZCV(F_Z | F_C)
    cmp     x0, x1
    ccmp    x1, 31, 8, hi       /* false: nzcv = 1000 */
    CHECK_NZCV(F_N)
    cmp     x0, x0
    ccmn    x0, 5, 0, eq        /* true: 5 + 5 */
    CHECK_NZCV(0)
    mov     x2, -5
    cmp     x0, x0
    ccmn    x2, x0, 0, ne       /* false: 0 */
    CHECK_NZCV(0)
    cmp     x0, x0
    ccmn    x2, x0, 0, ge       /* true: -5 + 5 = 0 with carry */
    CHECK_NZCV(F_Z | F_C)

    /* 32-bit: overflow at the 32-bit boundary. */
    mov     w3, 0x7fffffff
    cmp     x0, x0
    ccmn    w3, 1, 0, al
    CHECK_NZCV(F_N | F_V)
    mov     w4, 0x80000000
    cmp     x0, x0
    ccmp    w4, 1, 0, cs
    CHECK_NZCV(F_C | F_V)
    cmp     x0, x0
    ccmp    w4, w4, 3, vs       /* false */
    CHECK_NZCV(F_C | F_V)

    /* if (a == 5 && b == 7 && c > 2): a failed link sets flags that make
     * the next link's condition (eq) and finally gt false. */
    mov     x5, 3
    cmp     x0, 5
    ccmp    x1, 7, 0, eq
    ccmp    x5, 2, 4, eq
    cset    x6, gt
    CHECK(x6, 1)
    mov     x5, 2
    cmp     x0, 5
    ccmp    x1, 7, 0, eq
    ccmp    x5, 2, 4, eq
    cset    x6, gt
    CHECK(x6, 0)
    cmp     x0, 4
    ccmp    x1, 7, 0, eq
    ccmp    x5, 0, 4, eq
    cset    x6, gt
    CHECK(x6, 0)
TEST_END
