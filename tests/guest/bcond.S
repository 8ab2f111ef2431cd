/* B.cond with every condition (EQ..NV) against flag states that make it
 * both taken and not taken.  Each probe records taken=1/0 in a bit of x20,
 * and the expected bit patterns are checked once per flag state. */
#include "asm.h"

/* Shift x20 left and add 1 if "b.\cond" is taken with the current flags.
 * Uses only branches and ORR/LSL, which leave NZCV untouched. */
.macro probe cond
    lsl     x20, x20, 1
    b.\cond 8001f
    b       8002f
8001:
    orr     x20, x20, 1
8002:
.endm

/* All 16 conditions, in encoding order; bit 15 of the result is EQ. */
.macro probe_all
    mov     x20, 0
    probe eq
    probe ne
    probe cs
    probe cc
    probe mi
    probe pl
    probe vs
    probe vc
    probe hi
    probe ls
    probe ge
    probe lt
    probe gt
    probe le
    probe al
    probe nv
.endm

.macro set_flags nzcv
    mov     x21, \nzcv
    msr     nzcv, x21
.endm

TEST_BEGIN(bcond)
    /*           eq ne cs cc mi pl vs vc hi ls ge lt gt le al nv */
    set_flags 0
    probe_all    /* 0  1  0  1  0  1  0  1  0  1  1  0  1  0  1  1 */
    CHECK(x20, 0b0101010101101011)
    set_flags F_Z
    probe_all    /* 1  0  0  1  0  1  0  1  0  1  1  0  0  1  1  1 */
    CHECK(x20, 0b1001010101100111)
    set_flags F_C
    probe_all    /* 0  1  1  0  0  1  0  1  1  0  1  0  1  0  1  1 */
    CHECK(x20, 0b0110010110101011)
    set_flags F_Z | F_C
    probe_all    /* 1  0  1  0  0  1  0  1  0  1  1  0  0  1  1  1 */
    CHECK(x20, 0b1010010101100111)
    set_flags F_N
    probe_all    /* 0  1  0  1  1  0  0  1  0  1  0  1  0  1  1  1 */
    CHECK(x20, 0b0101100101010111)
    set_flags F_V
    probe_all    /* 0  1  0  1  0  1  1  0  0  1  0  1  0  1  1  1 */
    CHECK(x20, 0b0101011001010111)
    set_flags F_N | F_V
    probe_all    /* 0  1  0  1  1  0  1  0  0  1  1  0  1  0  1  1 */
    CHECK(x20, 0b0101101001101011)
    set_flags F_N | F_Z | F_C | F_V
    probe_all    /* 1  0  1  0  1  0  1  0  0  1  1  0  0  1  1  1 */
    CHECK(x20, 0b1010101001100111)

    /* Flags produced by real compares, not MSR. */
    mov     x0, 3
    cmp     x0, 5
    probe_all    /* 3 < 5 signed and unsigned */
    CHECK(x20, 0b0101100101010111)
    mov     x1, -1
    cmp     x0, x1
    probe_all    /* 3 > -1 signed, 3 < 0xff..ff unsigned */
    CHECK(x20, 0b0101010101101011)
TEST_END
