/* Unconditional and compare branches: B, BL, BR, BLR, RET (x30 and other
 * registers), CBZ/CBNZ (W and X), TBZ/TBNZ on low and high bits, and a
 * recursive function that exercises the return-address stack. */
#include "asm.h"
    .text
func_add1:
    add     x0, x0, 1
    ret

func_ret_x9:
    add     x0, x0, 10
    ret     x9

/* fib(x0) recursively; clobbers x1, uses the stack. */
fib:
    cmp     x0, 2
    b.lo    1f
    stp     x29, x30, [sp, -32]!
    str     x0, [sp, 16]
    sub     x0, x0, 1
    bl      fib
    str     x0, [sp, 24]
    ldr     x0, [sp, 16]
    sub     x0, x0, 2
    bl      fib
    ldr     x1, [sp, 24]
    add     x0, x0, x1
    ldp     x29, x30, [sp], 32
1:  ret

TEST_BEGIN(branch)
    mov     x0, 0
    b       1f
    FAIL_HERE()
1:  bl      func_add1
    CHECK(x0, 1)
    adr     x30, 2f
    b       func_add1
    FAIL_HERE()
2:  CHECK(x0, 2)
    ldr     x2, =func_add1
    blr     x2
    CHECK(x0, 3)
    adr     x3, 3f
    br      x3
    FAIL_HERE()
3:  adr     x9, 4f
    bl      func_ret_x9
    FAIL_HERE()
4:  CHECK(x0, 13)

    /* BL sets x30 to the next instruction. */
    bl      5f
5:  adr     x4, 5b
    CHECK_REG(x30, x4)

    /* CBZ/CBNZ: only the low 32 bits count for W. */
    ldr     x5, =0x100000000
    cbz     w5, 6f
    FAIL_HERE()
6:  cbnz    x5, 7f
    FAIL_HERE()
7:  cbz     x5, 8f
    cbnz    w5, 8f
    b       9f
8:  FAIL_HERE()

    /* TBZ/TBNZ on bits 0, 31, 32 and 63. */
9:  ldr     x6, =0x8000000080000001
    tbz     x6, 0, 10f
    tbnz    x6, 1, 10f
    tbz     w6, 31, 10f
    tbnz    x6, 32, 10f
    tbz     x6, 63, 10f
    tbnz    x6, 62, 10f
    tbnz    x6, 63, 11f
10: FAIL_HERE()
11: tbz     x6, 33, 12f
    FAIL_HERE()

    /* Recursion: fib(15) = 610. */
12: mov     x0, 15
    bl      fib
    CHECK(x0, 610)

    /* Computed branch through a jump table (a switch statement). */
    mov     x7, 0
    mov     x8, 0
13: adr     x10, jump_table
    ldr     x11, [x10, x7, lsl 3]
    br      x11
case0:
    add     x8, x8, 1
    b       14f
case1:
    add     x8, x8, 10
    b       14f
case2:
    add     x8, x8, 100
14: add     x7, x7, 1
    cmp     x7, 3
    b.ne    13b
    CHECK(x8, 111)
    b       15f
    .balign 8
jump_table:
    .quad case0, case1, case2
15:
TEST_END
