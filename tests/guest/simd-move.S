/* FP/SIMD register moves: FMOV between general and S/D/V.D[1] registers,
 * FMOV (register) and (immediate), MOVI/MVNI in their shifted, MSL and
 * byte-mask forms, DUP (general and element), UMOV/SMOV, INS (general and
 * element), and the zeroing of the upper vector bits by scalar writes. */
#include "asm.h"

/* Compare both 64-bit halves of a vector register. */

TEST_BEGIN(simd-move)
    ldr     x0, =0x0123456789abcdef
    ldr     x1, =0xfedcba9876543210
    fmov    d0, x0
    fmov    v0.d[1], x1
    CHECK_Q(v0, 0x0123456789abcdef, 0xfedcba9876543210)
    fmov    x2, d0
    CHECK(x2, 0x0123456789abcdef)
    fmov    x2, v0.d[1]
    CHECK(x2, 0xfedcba9876543210)
    fmov    w2, s0
    CHECK(x2, 0x89abcdef)

    /* Scalar writes clear bits 127:width. */
    fmov    s1, w1
    CHECK_Q(v1, 0x76543210, 0)
    fmov    v1.d[1], x0
    fmov    d2, d1
    CHECK_Q(v2, 0x76543210, 0)
    fmov    s3, s0
    CHECK_Q(v3, 0x89abcdef, 0)

    /* FMOV (immediate) encodes a few doubles and floats exactly. */
    fmov    d4, 1.0
    fmov    x2, d4
    CHECK(x2, 0x3ff0000000000000)
    fmov    d4, -0.125
    fmov    x2, d4
    CHECK(x2, 0xbfc0000000000000)
    fmov    s4, 31.0
    fmov    w2, s4
    CHECK(x2, 0x41f80000)

    /* MOVI / MVNI. */
    movi    v5.16b, 0xa5
    CHECK_Q(v5, 0xa5a5a5a5a5a5a5a5, 0xa5a5a5a5a5a5a5a5)
    movi    v5.8b, 0x3c
    CHECK_Q(v5, 0x3c3c3c3c3c3c3c3c, 0)
    movi    v5.4h, 0x12, lsl 8
    CHECK_Q(v5, 0x1200120012001200, 0)
    movi    v5.4s, 0x34, lsl 16
    CHECK_Q(v5, 0x0034000000340000, 0x0034000000340000)
    movi    v5.2s, 0x56, msl 8
    CHECK_Q(v5, 0x000056ff000056ff, 0)
    movi    d5, 0xff00ff0000ff00ff
    CHECK_Q(v5, 0xff00ff0000ff00ff, 0)
    movi    v5.2d, 0x00ffff0000ffff00
    CHECK_Q(v5, 0x00ffff0000ffff00, 0x00ffff0000ffff00)
    mvni    v5.4s, 0x80, lsl 24
    CHECK_Q(v5, 0x7fffffff7fffffff, 0x7fffffff7fffffff)
    mvni    v5.8h, 0x1
    CHECK_Q(v5, 0xfffefffefffefffe, 0xfffefffefffefffe)
    movi    v5.2d, 0
    CHECK_Q(v5, 0, 0)

    /* DUP from a general register and from an element. */
    dup     v6.16b, w0
    CHECK_Q(v6, 0xefefefefefefefef, 0xefefefefefefefef)
    dup     v6.8h, w0
    CHECK_Q(v6, 0xcdefcdefcdefcdef, 0xcdefcdefcdefcdef)
    dup     v6.2s, w1
    CHECK_Q(v6, 0x7654321076543210, 0)
    dup     v6.2d, x1
    CHECK_Q(v6, 0xfedcba9876543210, 0xfedcba9876543210)
    dup     v7.4s, v0.s[3]
    CHECK_Q(v7, 0xfedcba98fedcba98, 0xfedcba98fedcba98)
    dup     v7.8b, v0.b[9]
    CHECK_Q(v7, 0x3232323232323232, 0)
    dup     d7, v0.d[1]
    CHECK_Q(v7, 0xfedcba9876543210, 0)

    /* UMOV / SMOV. */
    umov    w8, v0.b[15]
    CHECK(x8, 0xfe)
    smov    x8, v0.b[15]
    CHECK(x8, 0xfffffffffffffffe)
    umov    w8, v0.h[5]
    CHECK(x8, 0x7654)
    smov    w8, v0.h[7]
    CHECK(x8, 0xfffffedc)
    umov    w8, v0.s[1]
    CHECK(x8, 0x01234567)
    smov    x8, v0.s[3]
    CHECK(x8, 0xfffffffffedcba98)
    mov     x8, v0.d[1]
    CHECK(x8, 0xfedcba9876543210)

    /* INS from general registers and from elements; other lanes keep. */
    movi    v9.2d, 0
    ins     v9.b[0], w0
    ins     v9.h[3], w1
    ins     v9.s[2], w0
    ins     v9.d[1], x1
    CHECK_Q(v9, 0x32100000000000ef, 0xfedcba9876543210)
    ins     v9.s[1], v0.s[2]
    ins     v9.b[8], v0.b[0]
    ins     v9.d[0], v0.d[0]
    CHECK_Q(v9, 0x0123456789abcdef, 0xfedcba98765432ef)
    mov     v10.16b, v0.16b
    CHECK_Q(v10, 0x0123456789abcdef, 0xfedcba9876543210)
    mov     v11.8b, v0.8b
    CHECK_Q(v11, 0x0123456789abcdef, 0)
TEST_END
