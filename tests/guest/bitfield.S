/* Bitfield: SBFM/BFM/UBFM directly and through every alias (LSL/LSR/ASR
 * immediate, SXTB/SXTH/SXTW, UXTB/UXTH, UBFX/SBFX, UBFIZ/SBFIZ, BFI,
 * BFXIL, BFI from XZR), 32 and 64 bit, including the wrapping (imms < immr) cases. */
#include "asm.h"
TEST_BEGIN(bitfield)
    ldr     x0, =0x0123456789abcdef
    lsl     x1, x0, 4
    CHECK(x1, 0x123456789abcdef0)
    lsr     x1, x0, 60
    CHECK(x1, 0)
    lsr     x1, x0, 56
    CHECK(x1, 1)
    ldr     x2, =0x8000000000000010
    asr     x1, x2, 4
    CHECK(x1, 0xf800000000000001)
    asr     x1, x2, 63
    CHECK(x1, -1)
    lsl     w1, w0, 31
    CHECK(x1, 0x80000000)
    lsr     w1, w0, 28
    CHECK(x1, 8)
    asr     w1, w0, 28
    CHECK(x1, 0xfffffff8)

    sxtb    x1, w0
    CHECK(x1, 0xffffffffffffffef)
    sxth    x1, w0
    CHECK(x1, 0xffffffffffffcdef)
    sxtw    x1, w0
    CHECK(x1, 0xffffffff89abcdef)
    sxtb    w1, w0
    CHECK(x1, 0xffffffef)
    uxtb    w1, w0
    CHECK(x1, 0xef)
    uxth    w1, w0
    CHECK(x1, 0xcdef)

    ubfx    x1, x0, 8, 12
    CHECK(x1, 0xbcd)
    sbfx    x1, x0, 8, 12
    CHECK(x1, 0xfffffffffffffbcd)
    sbfx    x1, x0, 60, 4
    CHECK(x1, 0)
    ubfx    w1, w0, 28, 4
    CHECK(x1, 8)
    sbfx    w1, w0, 28, 4
    CHECK(x1, 0xfffffff8)
    ubfiz   x1, x0, 40, 12
    CHECK(x1, 0x00def0000000000)
    sbfiz   x1, x0, 4, 8
    CHECK(x1, 0xfffffffffffffef0)
    ubfiz   w1, w0, 24, 8
    CHECK(x1, 0xef000000)

    mov     x3, -1
    bfi     x3, x0, 16, 16
    CHECK(x3, 0xffffffffcdefffff)
    mov     x3, 0
    bfxil   x3, x0, 32, 16
    CHECK(x3, 0x4567)
    mov     x3, -1
    bfi     x3, xzr, 8, 48
    CHECK(x3, 0xff000000000000ff)
    mov     x3, -1
    bfi     w3, w0, 28, 4
    CHECK(x3, 0xffffffff)
    mov     x3, 0
    bfxil   w3, w0, 4, 8
    CHECK(x3, 0xde)

    /* Raw encodings with imms < immr (rotating insert) and full width. */
    ubfm    x1, x0, 8, 3
    CHECK(x1, 0xf00000000000000)
    sbfm    x1, x2, 60, 63
    CHECK(x1, 0xfffffffffffffff8)
    sbfm    x1, x2, 4, 2
    CHECK(x1, 0)
    mov     x3, 0
    bfm     x3, x0, 60, 7
    CHECK(x3, 0xef0)
    ubfm    x1, x0, 0, 63
    CHECK(x1, 0x0123456789abcdef)
    sbfm    w1, w0, 16, 15
    CHECK(x1, 0xcdef0000)
    ubfm    w1, w0, 31, 30
    CHECK(x1, 0x13579bde)
TEST_END
