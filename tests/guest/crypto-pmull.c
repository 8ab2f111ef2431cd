/* crypto-pmull.c — PMULL/PMULL2 (8-bit and 64-bit polynomial multiply long)
 * through <arm_neon.h>: every product checked against a shift-and-xor
 * multiply in C, and GHASH (NIST SP 800-38D) built from 64-bit PMULLs on
 * the GCM test case 2 vector (H = E_K(0) for the all-zero AES-128 key,
 * one block of ciphertext, no AAD).
 */
#pragma GCC target("arch=armv8-a+crypto")
#include <arm_neon.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct U128 { uint64_t lo, hi; } U128;

static U128 clmul_ref(uint64_t a, uint64_t b)
{
    U128 r = { 0, 0 };
    for (int i = 0; i < 64; i++) {
        if (b >> i & 1) {
            r.lo ^= a << i;
            r.hi ^= i ? a >> (64 - i) : 0;
        }
    }
    return r;
}

static U128 from_p128(poly128_t p)
{
    U128 r;
    memcpy(&r, &p, sizeof(r));
    return r;
}

/* 128 x 128 -> 256 carry-less, schoolbook with four PMULLs (two of them
 * PMULL2 on the high halves). */
static void clmul128(U128 a, U128 b, U128 out[2])
{
    poly64x2_t va = vreinterpretq_p64_u64(vcombine_u64(vcreate_u64(a.lo), vcreate_u64(a.hi)));
    poly64x2_t vb = vreinterpretq_p64_u64(vcombine_u64(vcreate_u64(b.lo), vcreate_u64(b.hi)));
    U128 ll = from_p128(vmull_p64(vgetq_lane_p64(va, 0), vgetq_lane_p64(vb, 0)));
    U128 hh = from_p128(vmull_high_p64(va, vb));
    U128 lh = from_p128(vmull_p64(vgetq_lane_p64(va, 0), vgetq_lane_p64(vb, 1)));
    U128 hl = from_p128(vmull_p64(vgetq_lane_p64(va, 1), vgetq_lane_p64(vb, 0)));
    out[0].lo = ll.lo;
    out[0].hi = ll.hi ^ lh.lo ^ hl.lo;
    out[1].lo = hh.lo ^ lh.hi ^ hl.hi;
    out[1].hi = hh.hi;
}

/* Reduction modulo x^128 + x^7 + x^2 + x + 1 (plain bit order). */
static U128 reduce(U128 p[2])
{
    for (int fold = 0; fold < 2; fold++) {
        U128 t = from_p128(vmull_p64(fold ? p[1].lo : p[1].hi, 0x87));
        if (fold == 0) {
            p[0].hi ^= t.lo;
            p[1].lo ^= t.hi;
            p[1].hi = 0;
        } else {
            p[0].lo ^= t.lo;
            p[0].hi ^= t.hi;
        }
    }
    return p[0];
}

static uint64_t rev64(uint64_t x)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++)
        r |= (x >> i & 1) << (63 - i);
    return r;
}

/* A GCM block (bytes, bit 0 = MSB of byte 0 = coefficient of x^0) as a
 * plain-order polynomial: coefficient of x^i in bit i. */
static U128 from_block(const uint8_t b[16])
{
    uint64_t w0 = 0, w1 = 0;
    for (int i = 0; i < 8; i++) {
        w0 = w0 << 8 | b[i];
        w1 = w1 << 8 | b[8 + i];
    }
    U128 r = { rev64(w0), rev64(w1) };
    return r;
}

static void to_block(U128 v, uint8_t b[16])
{
    uint64_t w0 = rev64(v.lo), w1 = rev64(v.hi);
    for (int i = 0; i < 8; i++) {
        b[7 - i] = (uint8_t)(w0 >> 8 * i);
        b[15 - i] = (uint8_t)(w1 >> 8 * i);
    }
}

static void hex16(const char *hex, uint8_t out[16])
{
    for (int i = 0; i < 16; i++)
        sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

static void ghash_test(void)
{
    uint8_t h[16], c[16], len[16] = { 0 }, out[16];
    hex16("66e94bd4ef8a2c3b884cfa59ca342b2e", h);
    hex16("0388dace60b6a392f328c2b971b2fe78", c);
    len[15] = 0x80;                             /* len(C) = 128 bits */
    U128 hp = from_block(h), x = { 0, 0 }, prod[2];
    const uint8_t *blocks[2] = { c, len };
    for (int i = 0; i < 2; i++) {
        U128 b = from_block(blocks[i]);
        x.lo ^= b.lo;
        x.hi ^= b.hi;
        clmul128(x, hp, prod);
        x = reduce(prod);
    }
    to_block(x, out);
    printf("ghash = ");
    for (int i = 0; i < 16; i++)
        printf("%02x", out[i]);
    printf("\n");
}

static uint64_t rng = 0x452821e638d01377ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void products(void)
{
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        uint64_t a = next(), b = next(), c = next(), d = next();
        U128 r = from_p128(vmull_p64(a, b)), e = clmul_ref(a, b);
        poly64x2_t va = vreinterpretq_p64_u64(vcombine_u64(vcreate_u64(c), vcreate_u64(a)));
        poly64x2_t vb = vreinterpretq_p64_u64(vcombine_u64(vcreate_u64(d), vcreate_u64(b)));
        U128 r2 = from_p128(vmull_high_p64(va, vb));
        bad += r.lo != e.lo || r.hi != e.hi || r2.lo != e.lo || r2.hi != e.hi;
        poly8x16_t pa = vreinterpretq_p8_u64(vcombine_u64(vcreate_u64(a), vcreate_u64(c)));
        poly8x16_t pb = vreinterpretq_p8_u64(vcombine_u64(vcreate_u64(b), vcreate_u64(d)));
        poly16x8_t lo = vmull_p8(vget_low_p8(pa), vget_low_p8(pb));
        poly16x8_t hi = vmull_high_p8(pa, pb);
        for (int l = 0; l < 8; l++) {
            uint16_t want_lo = (uint16_t)clmul_ref(a >> 8 * l & 0xff, b >> 8 * l & 0xff).lo;
            uint16_t want_hi = (uint16_t)clmul_ref(c >> 8 * l & 0xff, d >> 8 * l & 0xff).lo;
            uint16_t got_lo, got_hi;
            memcpy(&got_lo, (char *)&lo + 2 * l, 2);
            memcpy(&got_hi, (char *)&hi + 2 * l, 2);
            bad += got_lo != want_lo || got_hi != want_hi;
        }
        if (i < 4)
            printf("pmull %016" PRIx64 " * %016" PRIx64 " = %016" PRIx64 "%016" PRIx64 "\n",
                   a, b, r.hi, r.lo);
    }
    printf("mismatches: %d\n", bad);
}

int main(void)
{
    products();
    ghash_test();
    return 0;
}
