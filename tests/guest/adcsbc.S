/* Add/subtract with carry: ADC/ADCS/SBC/SBCS/NGC/NGCS, carry in both
 * states, 32 and 64 bit, and a 192-bit addition and subtraction chain. */
#include "asm.h"
    .data
a192:   .quad 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001
b192:   .quad 0x0000000000000001, 0x0000000000000000, 0x0000000000000002

    .text
TEST_BEGIN(adcsbc)
    mov     x0, 10
    mov     x1, 20
    cmp     x0, x0              /* C = 1 */
    adc     x2, x0, x1
    CHECK(x2, 31)
    cmn     xzr, xzr            /* C = 0 */
    adc     x2, x0, x1
    CHECK(x2, 30)
    cmn     xzr, xzr            /* CHECK leaves C = 1; clear it again */
    sbc     x2, x1, x0          /* 20 - 10 - 1 */
    CHECK(x2, 9)
    cmp     x0, x0
    sbc     x2, x1, x0
    CHECK(x2, 10)
    cmp     x0, x0
    ngc     x3, x0
    CHECK(x3, -10)
    cmn     xzr, xzr
    ngc     w3, w0
    CHECK(x3, 0xfffffff5)

    /* ADCS: carry out and overflow with carry in. */
    mov     x4, -1
    cmp     x0, x0
    adcs    x5, x4, xzr
    CHECK_NZCV(F_Z | F_C)
    ldr     x6, =0x7fffffffffffffff
    cmn     xzr, xzr
    adcs    x5, x6, xzr
    CHECK_NZCV(0)
    cmp     x0, x0
    adcs    x5, x6, xzr
    CHECK_NZCV(F_N | F_V)
    mov     w7, 0x7fffffff
    cmp     x0, x0
    adcs    w5, w7, wzr
    CHECK_NZCV(F_N | F_V)
    CHECK(x5, 0x80000000)

    /* SBCS: 0 - 0 - borrow. */
    cmn     xzr, xzr
    sbcs    x5, xzr, xzr
    CHECK_NZCV(F_N)
    CHECK(x5, -1)
    cmp     x0, x0
    sbcs    w5, wzr, wzr
    CHECK_NZCV(F_Z | F_C)
    mov     x8, 0x8000000000000000
    cmp     x0, x0
    sbcs    x5, x8, x0
    CHECK_NZCV(F_C | F_V)
    cmp     x0, x0
    ngcs    x5, xzr
    CHECK_NZCV(F_Z | F_C)

    /* Multi-word add then subtract back. */
    ldr     x9, =a192
    ldr     x10, =b192
    ldp     x11, x12, [x9]
    ldr     x13, [x9, 16]
    ldp     x14, x15, [x10]
    ldr     x16, [x10, 16]
    adds    x17, x11, x14
    adcs    x18, x12, x15
    adc     x19, x13, x16
    CHECK(x17, 0)
    CHECK(x18, 0)
    CHECK(x19, 4)
    subs    x17, x17, x14
    sbcs    x18, x18, x15
    sbc     x19, x19, x16
    CHECK(x17, -1)
    CHECK(x18, -1)
    CHECK(x19, 1)
TEST_END
