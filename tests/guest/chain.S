/* Translation-block chaining and lookup under load: a 5000-iteration loop
 * whose body is split into many small blocks by direct branches, calls
 * through BLR to a table of functions, returns, and flags that are set in
 * one block and consumed in another.  Any lost register or flag write at a
 * block boundary changes the checksum. */
#include "asm.h"
    .text
f0: add     x1, x1, x0
    ret
f1: eor     x1, x1, x0, lsl 3
    ret
f2: sub     x1, x1, x0, lsr 1
    ret
f3: ror     x1, x1, 7
    ret

TEST_BEGIN(chain)
    mov     x0, 0               /* i */
    mov     x1, 0x1234          /* hash */
    mov     x2, 0               /* count of odd i */
    ldr     x3, =ftable
1:  and     x4, x0, 3
    ldr     x5, [x3, x4, lsl 3]
    blr     x5
    tst     x0, 1               /* flags set here ... */
    b       2f
2:  b       3f
3:  cinc    x2, x2, ne          /* ... consumed two blocks later */
    cmp     x0, 2500
    b.hs    4f
    add     x1, x1, 1
4:  add     x0, x0, 1
    mov     x6, 5000
    cmp     x0, x6
    b.ne    1b
    CHECK(x2, 2500)
    CHECK(x0, 5000)
    CHECK(x1, 0xb19f6d5860cc563b)

    /* Every allocatable register live across blocks. */
    mov     x0, 0
    mov     x1, 1
    mov     x2, 2
    mov     x3, 3
    mov     x4, 4
    mov     x5, 5
    mov     x6, 6
    mov     x7, 7
    mov     x8, 8
    mov     x9, 9
    mov     x10, 10
    mov     x11, 11
    mov     x12, 12
    mov     x13, 13
    mov     x14, 14
    mov     x15, 15
    mov     x16, 16
    mov     x17, 17
    mov     x18, 18
    mov     x19, 19
    mov     x20, 20
    mov     x21, 21
    mov     x22, 22
    mov     x23, 23
    mov     x24, 24
    mov     x29, 29
    mov     x30, 30
    b       5f
5:  add     x0, x0, x1
    add     x0, x0, x2
    add     x0, x0, x3
    add     x0, x0, x4
    add     x0, x0, x5
    add     x0, x0, x6
    b       6f
6:  add     x0, x0, x7
    add     x0, x0, x8
    add     x0, x0, x9
    add     x0, x0, x10
    add     x0, x0, x11
    add     x0, x0, x12
    add     x0, x0, x13
    add     x0, x0, x14
    add     x0, x0, x15
    cbz     x16, 9f
    add     x0, x0, x16
    add     x0, x0, x17
    add     x0, x0, x18
    add     x0, x0, x19
    add     x0, x0, x20
    add     x0, x0, x21
    add     x0, x0, x22
    add     x0, x0, x23
    add     x0, x0, x24
    add     x0, x0, x29
    add     x0, x0, x30
    CHECK(x0, 359)
    b       10f
9:  FAIL_HERE()
    .balign 8
ftable: .quad f0, f1, f2, f3
10:
TEST_END
