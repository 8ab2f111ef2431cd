/* Logical (shifted register): AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS with
 * LSL/LSR/ASR/ROR, MOV and MVN aliases, TST (shifted register). */
#include "asm.h"
TEST_BEGIN(logical-reg)
    ldr     x0, =0xf0f0f0f0f0f0f0f0
    ldr     x1, =0x0123456789abcdef
    and     x2, x0, x1
    CHECK(x2, 0x0020406080a0c0e0)
    and     x2, x0, x1, ror 4
    CHECK(x2, 0xf01030507090b0d0)
    bic     x2, x1, x0
    CHECK(x2, 0x1030507090b0d0f)
    orr     x2, x1, x0, lsr 60
    CHECK(x2, 0x0123456789abcdef)
    orr     x2, x1, x0, asr 4
    CHECK(x2, 0xff2f4f6f8fafcfef)
    orn     x2, xzr, x1
    CHECK(x2, 0xfedcba9876543210)
    eor     x2, x0, x1, lsl 8
    CHECK(x2, 0xd3b597795b3d1ff0)
    eon     x2, x0, x1
    CHECK(x2, 0x0e2c4a6886a4c2e0)
    mvn     x2, x1, lsl 4
    CHECK(x2, 0xedcba9876543210f)
    mov     x2, x1
    CHECK(x2, 0x0123456789abcdef)

    /* 32-bit forms. */
    and     w3, w0, w1
    CHECK(x3, 0x80a0c0e0)
    orr     w3, w0, w1, ror 16
    CHECK(x3, 0xfdfff9fb)
    eor     w3, w1, w1, asr 31
    CHECK(x3, 0x76543210)
    bic     w3, w1, w0, lsr 4
    CHECK(x3, 0x80a0c0e0)
    mvn     w3, w1
    CHECK(x3, 0x76543210)
    mov     w3, w1
    CHECK(x3, 0x89abcdef)

    /* ANDS/BICS/TST flags: N and Z from the result, C and V cleared. */
    mov     x4, -1
    cmp     x4, x4
    ands    x5, x0, x1
    CHECK_NZCV(0)
    bics    x5, x0, x0
    CHECK_NZCV(F_Z)
    tst     x0, x1, lsl 4
    CHECK_NZCV(0)
    bics    w5, w0, w1
    CHECK_NZCV(0)
    CHECK(x5, 0x70503010)
    tst     w1, w0, ror 4
    CHECK_NZCV(0)
TEST_END
