/* Variable shifts: LSLV/LSRV/ASRV/RORV, shift amounts taken modulo the
 * register width (so 64, 65, -1 ... are legal), 32 and 64 bit. */
#include "asm.h"
TEST_BEGIN(shiftv)
    ldr     x0, =0x8123456789abcdef
    mov     x1, 4
    lsl     x2, x0, x1
    CHECK(x2, 0x123456789abcdef0)
    lsr     x2, x0, x1
    CHECK(x2, 0x08123456789abcde)
    asr     x2, x0, x1
    CHECK(x2, 0xf8123456789abcde)
    ror     x2, x0, x1
    CHECK(x2, 0xf8123456789abcde)
    mov     x1, 68              /* == 4 mod 64 */
    lsl     x2, x0, x1
    CHECK(x2, 0x123456789abcdef0)
    mov     x1, 64
    lsr     x2, x0, x1
    CHECK(x2, 0x8123456789abcdef)
    mov     x1, -1              /* == 63 */
    asr     x2, x0, x1
    CHECK(x2, -1)
    lsr     x2, x0, x1
    CHECK(x2, 1)
    ror     x2, x0, x1
    CHECK(x2, 0x02468acf13579bdf)

    mov     x3, 4
    lslv    w2, w0, w3
    CHECK(x2, 0x9abcdef0)
    lsrv    w2, w0, w3
    CHECK(x2, 0x089abcde)
    asrv    w2, w0, w3
    CHECK(x2, 0xf89abcde)
    rorv    w2, w0, w3
    CHECK(x2, 0xf89abcde)
    mov     x3, 33              /* == 1 mod 32 */
    lsl     w2, w0, w3
    CHECK(x2, 0x13579bde)
    asr     w2, w0, w3
    CHECK(x2, 0xc4d5e6f7)
    ror     w2, w0, w3
    CHECK(x2, 0xc4d5e6f7)
    mov     x3, 32
    lsr     w2, w0, w3
    CHECK(x2, 0x89abcdef)
    mov     x3, 0
    ror     x2, x0, x3
    CHECK(x2, 0x8123456789abcdef)
TEST_END
