/* PC-relative addressing: ADR forwards and backwards, ADRP with page
 * arithmetic, cross-checked against absolute addresses from literals. */
#include "asm.h"
    .data
    .balign 4096
page_data:
    .quad 0x1111
    .skip 5000
far_data:
    .quad 0x2222

    .text
back_label:
    nop
TEST_BEGIN(adr)
    adr     x0, fwd_label
    ldr     x1, =fwd_label
    CHECK_REG(x0, x1)
    adr     x0, back_label
    ldr     x1, =back_label
    CHECK_REG(x0, x1)
    adr     x0, .
here:
    ldr     x1, =here - 4
    CHECK_REG(x0, x1)

    /* ADRP gives the 4 KiB page; :lo12: supplies the rest. */
    adrp    x2, page_data
    ldr     x3, =page_data
    CHECK_REG(x2, x3)
    adrp    x2, far_data
    add     x2, x2, :lo12:far_data
    ldr     x3, =far_data
    CHECK_REG(x2, x3)
    adrp    x4, far_data
    ldr     x5, [x4, :lo12:far_data]
    CHECK(x5, 0x2222)
    adrp    x4, here
    and     x3, x1, ~0xfff
    CHECK_REG(x4, x3)
    b       fwd_done
fwd_label:
    FAIL_HERE()
fwd_done:
TEST_END
