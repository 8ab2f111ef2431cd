/* crc-vectors.c — CRC32 and CRC32C instructions through <arm_acle.h>: the
 * standard check values (CRC-32 and CRC-32C of "123456789" are cbf43926
 * and e3069283), the same strings folded with every access width, and each
 * instruction on pseudo-random operands.
 */
#pragma GCC target("arch=armv8-a+crc")
#include <arm_acle.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Widest steps first, then the tail; the CRC is the same whatever widths
 * cover the bytes (little-endian data). */
static uint32_t crc32_any(uint32_t c, const uint8_t *p, size_t n)
{
    uint64_t d;
    uint32_t w;
    uint16_t h;
    for (; n >= 8; n -= 8, p += 8) {
        memcpy(&d, p, 8);
        c = __crc32d(c, d);
    }
    if (n >= 4) {
        memcpy(&w, p, 4);
        c = __crc32w(c, w);
        n -= 4;
        p += 4;
    }
    if (n >= 2) {
        memcpy(&h, p, 2);
        c = __crc32h(c, h);
        n -= 2;
        p += 2;
    }
    return n ? __crc32b(c, *p) : c;
}

static uint32_t crc32c_any(uint32_t c, const uint8_t *p, size_t n)
{
    uint64_t d;
    uint32_t w;
    uint16_t h;
    for (; n >= 8; n -= 8, p += 8) {
        memcpy(&d, p, 8);
        c = __crc32cd(c, d);
    }
    if (n >= 4) {
        memcpy(&w, p, 4);
        c = __crc32cw(c, w);
        n -= 4;
        p += 4;
    }
    if (n >= 2) {
        memcpy(&h, p, 2);
        c = __crc32ch(c, h);
        n -= 2;
        p += 2;
    }
    return n ? __crc32cb(c, *p) : c;
}

static uint32_t crc32_bytes(uint32_t c, const uint8_t *p, size_t n)
{
    while (n--)
        c = __crc32b(c, *p++);
    return c;
}

static uint32_t crc32c_bytes(uint32_t c, const uint8_t *p, size_t n)
{
    while (n--)
        c = __crc32cb(c, *p++);
    return c;
}

static void check(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s);
    printf("\"%s\": crc32 %08" PRIx32 " %08" PRIx32 " crc32c %08" PRIx32 " %08" PRIx32 "\n",
           s, ~crc32_any(~0u, p, n), ~crc32_bytes(~0u, p, n),
           ~crc32c_any(~0u, p, n), ~crc32c_bytes(~0u, p, n));
}

int main(void)
{
    check("123456789");
    check("");
    check("a");
    check("The quick brown fox jumps over the lazy dog");
    uint64_t r = 0x243f6a8885a308d3ull;
    for (int i = 0; i < 8; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        uint32_t acc = (uint32_t)(r >> 17);
        printf("%08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " | "
               "%08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n",
               __crc32b(acc, (uint8_t)r), __crc32h(acc, (uint16_t)r),
               __crc32w(acc, (uint32_t)r), __crc32d(acc, r),
               __crc32cb(acc, (uint8_t)r), __crc32ch(acc, (uint16_t)r),
               __crc32cw(acc, (uint32_t)r), __crc32cd(acc, r));
    }
    return 0;
}
