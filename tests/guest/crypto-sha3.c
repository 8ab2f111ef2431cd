/* crypto-sha3.c — the SHA-3 instructions (EOR3, RAX1, XAR, BCAX) through
 * <arm_neon.h>: Keccak-f[1600] written with them (two states side by side,
 * one per 64-bit lane), giving SHA3-256("abc") (FIPS 202 example:
 * 3a985da7...) and SHA3-256(""), and each instruction on pseudo-random
 * operands.  Round constants and rotation offsets are computed from their
 * FIPS 202 definitions.
 */
#pragma GCC target("arch=armv8.2-a+sha3")
#include <arm_neon.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static uint64_t round_const[24];
static unsigned rot[25];

/* rc(t): the FIPS 202 LFSR x^8 + x^6 + x^5 + x^4 + 1. */
static int rc_bit(unsigned t)
{
    unsigned r = 1;
    for (unsigned i = 0; i < t % 255; i++) {
        r <<= 1;
        if (r & 0x100)
            r ^= 0x171;
    }
    return r & 1;
}

static void init_tables(void)
{
    for (unsigned i = 0; i < 24; i++)
        for (unsigned j = 0; j < 7; j++)
            if (rc_bit(j + 7 * i))
                round_const[i] |= 1ull << ((1u << j) - 1);
    unsigned x = 1, y = 0;
    for (unsigned t = 0; t < 24; t++) {
        rot[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
        unsigned nx = y, ny = (2 * x + 3 * y) % 5;
        x = nx;
        y = ny;
    }
}

/* ROL by n as XAR with a zero operand: ROR(a EOR 0, 64 - n).  XAR's
 * rotation is an immediate, hence the switch. */
#define XAR_CASE(n) case n: return vxarq_u64(a, z, (64 - n) % 64);
static uint64x2_t rol(uint64x2_t a, unsigned n)
{
    uint64x2_t z = vdupq_n_u64(0);
    switch (n) {
    XAR_CASE(0) XAR_CASE(1) XAR_CASE(2) XAR_CASE(3) XAR_CASE(6) XAR_CASE(8)
    XAR_CASE(10) XAR_CASE(14) XAR_CASE(15) XAR_CASE(18) XAR_CASE(20) XAR_CASE(21)
    XAR_CASE(25) XAR_CASE(27) XAR_CASE(28) XAR_CASE(36) XAR_CASE(39) XAR_CASE(41)
    XAR_CASE(43) XAR_CASE(44) XAR_CASE(45) XAR_CASE(55) XAR_CASE(56) XAR_CASE(61)
    XAR_CASE(62)
    }
    return a;
}

static void keccak_f(uint64x2_t a[25])
{
    for (unsigned r = 0; r < 24; r++) {
        uint64x2_t c[5], d[5], b[25];
        for (unsigned x = 0; x < 5; x++)
            c[x] = veor3q_u64(veor3q_u64(a[x], a[x + 5], a[x + 10]), a[x + 15], a[x + 20]);
        for (unsigned x = 0; x < 5; x++)
            d[x] = vrax1q_u64(c[(x + 4) % 5], c[(x + 1) % 5]);
        for (unsigned x = 0; x < 5; x++)
            for (unsigned y = 0; y < 5; y++)
                b[y + 5 * ((2 * x + 3 * y) % 5)] = rol(veorq_u64(a[x + 5 * y], d[x]),
                                                       rot[x + 5 * y]);
        for (unsigned y = 0; y < 5; y++)
            for (unsigned x = 0; x < 5; x++)
                a[x + 5 * y] = vbcaxq_u64(b[x + 5 * y], b[(x + 2) % 5 + 5 * y],
                                          b[(x + 1) % 5 + 5 * y]);
        a[0] = veorq_u64(a[0], vdupq_n_u64(round_const[r]));
    }
}

/* SHA3-256 of two short messages at once (lane 0, lane 1). */
static void sha3_256_pair(const char *m0, const char *m1)
{
    uint8_t blk[2][136] = { { 0 } };
    const char *m[2] = { m0, m1 };
    uint64x2_t a[25];
    for (int l = 0; l < 2; l++) {
        size_t n = strlen(m[l]);
        memcpy(blk[l], m[l], n);
        blk[l][n] ^= 0x06;
        blk[l][135] ^= 0x80;
    }
    for (int i = 0; i < 25; i++) {
        uint64_t w[2] = { 0, 0 };
        if (i < 17) {
            memcpy(&w[0], blk[0] + 8 * i, 8);
            memcpy(&w[1], blk[1] + 8 * i, 8);
        }
        a[i] = vld1q_u64(w);
    }
    keccak_f(a);
    for (int l = 0; l < 2; l++) {
        printf("sha3-256(\"%s\") = ", m[l]);
        for (int i = 0; i < 4; i++) {
            uint64_t w = l ? vgetq_lane_u64(a[i], 1) : vgetq_lane_u64(a[i], 0);
            for (int b = 0; b < 8; b++)
                printf("%02x", (unsigned)(w >> 8 * b) & 0xff);
        }
        printf("\n");
    }
}

static uint64_t rng = 0xb7e151628aed2a6bull;

static uint64x2_t rnd(void)
{
    uint64_t v[2];
    for (int i = 0; i < 2; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        v[i] = rng;
    }
    return vld1q_u64(v);
}

static void show(const char *name, uint64x2_t v)
{
    printf("%-6s %016" PRIx64 ":%016" PRIx64 "\n", name, vgetq_lane_u64(v, 1),
           vgetq_lane_u64(v, 0));
}

int main(void)
{
    init_tables();
    printf("rc[23] = %016" PRIx64 "\n", round_const[23]);
    sha3_256_pair("abc", "");
    for (int i = 0; i < 4; i++) {
        uint64x2_t a = rnd(), b = rnd(), c = rnd();
        show("eor3", veor3q_u64(a, b, c));
        show("bcax", vbcaxq_u64(a, b, c));
        show("rax1", vrax1q_u64(a, b));
        show("xar0", vxarq_u64(a, b, 0));
        show("xar1", vxarq_u64(a, b, 1));
        show("xar37", vxarq_u64(a, b, 37));
        show("xar63", vxarq_u64(a, b, 63));
    }
    return 0;
}
