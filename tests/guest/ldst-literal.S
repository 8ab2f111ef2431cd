/* Load register (literal): LDR W/X, LDRSW and PRFM literal, with pool
 * entries before and after the load. */
#include "asm.h"
    .text
    .balign 8
before: .quad 0x1122334455667788
before_w: .word 0x80000001
TEST_BEGIN(ldst-literal)
    ldr     x0, before
    CHECK(x0, 0x1122334455667788)
    ldr     w0, before
    CHECK(x0, 0x55667788)
    ldrsw   x0, before_w
    CHECK(x0, 0xffffffff80000001)
    ldr     w0, before_w
    CHECK(x0, 0x80000001)
    ldr     x1, after
    CHECK(x1, 0xcafef00dd00dfeed)
    ldrsw   x1, after_w
    CHECK(x1, 0x7ffffffe)
    ldr     w1, after + 4
    CHECK(x1, 0xcafef00d)
    prfm    pldl1keep, after
    b       skip
    .balign 8
after:  .quad 0xcafef00dd00dfeed
after_w: .word 0x7ffffffe
skip:
TEST_END
