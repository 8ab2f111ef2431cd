/* crypto-sha.c — SHA-1, SHA-256 and SHA-512 of "abc" (FIPS 180-4 examples)
 * computed with the Armv8 SHA instructions through <arm_neon.h>, and each
 * SHA instruction applied to pseudo-random operands (the digest checks the
 * instructions as they are used; the table checks them one by one against
 * the reference emulator).  The round constants are the FIPS 180-4 ones.
 */
#pragma GCC target("arch=armv8.2-a+crypto+sha2+sha3")
#include <arm_neon.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const uint32_t k256[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u,
    0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
    0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u,
    0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
    0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
    0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au,
    0x5b9cca4fu, 0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};
static const uint32_t h256[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};
static const uint64_t k512[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full,
    0xe9b5dba58189dbbcull, 0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
    0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull, 0xd807aa98a3030242ull,
    0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull,
    0xc19bf174cf692694ull, 0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
    0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull, 0x2de92c6f592b0275ull,
    0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full,
    0xbf597fc7beef0ee4ull, 0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
    0x06ca6351e003826full, 0x142929670a0e6e70ull, 0x27b70a8546d22ffcull,
    0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull,
    0x92722c851482353bull, 0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
    0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull, 0xd192e819d6ef5218ull,
    0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull,
    0x34b0bcb5e19b48a8ull, 0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
    0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull, 0x748f82ee5defb2fcull,
    0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull,
    0xc67178f2e372532bull, 0xca273eceea26619cull, 0xd186b8c721c0c207ull,
    0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull, 0x06f067aa72176fbaull,
    0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull,
    0x431d67c49c100d4cull, 0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
    0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};
static const uint64_t h512[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
    0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
    0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

/* One padded block of "abc", message words big-endian. */
static void block_abc(uint8_t *blk, size_t len)
{
    memset(blk, 0, len);
    memcpy(blk, "abc", 3);
    blk[3] = 0x80;
    blk[len - 1] = 24;          /* length in bits */
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static void sha1_abc(void)
{
    static const uint32_t k[4] = { 0x5a827999u, 0x6ed9eba1u, 0x8f1bbcdcu, 0xca62c1d6u };
    uint8_t blk[64];
    uint32_t w[16], h[5] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u };
    block_abc(blk, 64);
    for (int i = 0; i < 16; i++)
        w[i] = be32(blk + 4 * i);
    uint32x4_t msg[20];
    for (int i = 0; i < 4; i++)
        msg[i] = vld1q_u32(w + 4 * i);
    for (int i = 4; i < 20; i++)
        msg[i] = vsha1su1q_u32(vsha1su0q_u32(msg[i - 4], msg[i - 3], msg[i - 2]), msg[i - 1]);
    uint32x4_t abcd = vld1q_u32(h);
    uint32_t e = h[4];
    for (int i = 0; i < 20; i++) {
        uint32x4_t wk = vaddq_u32(msg[i], vdupq_n_u32(k[i / 5]));
        uint32_t e_next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (i < 5)
            abcd = vsha1cq_u32(abcd, e, wk);
        else if (i < 10 || i >= 15)
            abcd = vsha1pq_u32(abcd, e, wk);
        else
            abcd = vsha1mq_u32(abcd, e, wk);
        e = e_next;
    }
    printf("sha1(abc)   = %08" PRIx32 "%08" PRIx32 "%08" PRIx32 "%08" PRIx32 "%08" PRIx32 "\n",
           h[0] + vgetq_lane_u32(abcd, 0), h[1] + vgetq_lane_u32(abcd, 1),
           h[2] + vgetq_lane_u32(abcd, 2), h[3] + vgetq_lane_u32(abcd, 3), h[4] + e);
}

static void sha256_abc(void)
{
    uint8_t blk[64];
    uint32_t w[16];
    block_abc(blk, 64);
    for (int i = 0; i < 16; i++)
        w[i] = be32(blk + 4 * i);
    uint32x4_t msg[16];
    for (int i = 0; i < 4; i++)
        msg[i] = vld1q_u32(w + 4 * i);
    for (int i = 4; i < 16; i++)
        msg[i] = vsha256su1q_u32(vsha256su0q_u32(msg[i - 4], msg[i - 3]), msg[i - 2], msg[i - 1]);
    uint32x4_t abcd = vld1q_u32(h256), efgh = vld1q_u32(h256 + 4);
    for (int i = 0; i < 16; i++) {
        uint32x4_t wk = vaddq_u32(msg[i], vld1q_u32(k256 + 4 * i)), tmp = abcd;
        abcd = vsha256hq_u32(abcd, efgh, wk);
        efgh = vsha256h2q_u32(efgh, tmp, wk);
    }
    abcd = vaddq_u32(abcd, vld1q_u32(h256));
    efgh = vaddq_u32(efgh, vld1q_u32(h256 + 4));
    uint32_t out[8];
    vst1q_u32(out, abcd);
    vst1q_u32(out + 4, efgh);
    printf("sha256(abc) = ");
    for (int i = 0; i < 8; i++)
        printf("%08" PRIx32, out[i]);
    printf("\n");
}

static uint64x2_t pair(uint64_t lo, uint64_t hi)
{
    return vcombine_u64(vcreate_u64(lo), vcreate_u64(hi));
}

/* Two rounds per SHA512H/SHA512H2 pair on the state s[0..7] = a..h. */
static void sha512_rounds2(uint64_t *s, uint64_t kw0, uint64_t kw1)
{
    uint64x2_t t1 = vsha512hq_u64(pair(s[6] + kw1, s[7] + kw0), pair(s[5], s[6]),
                                  pair(s[3], s[4]));
    uint64x2_t a2 = vsha512h2q_u64(t1, pair(s[2], s[3]), pair(s[0], s[1]));
    uint64_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5];
    s[0] = vgetq_lane_u64(a2, 0);
    s[1] = vgetq_lane_u64(a2, 1);
    s[2] = a;
    s[3] = b;
    s[4] = c + vgetq_lane_u64(t1, 0);
    s[5] = d + vgetq_lane_u64(t1, 1);
    s[6] = e;
    s[7] = f;
}

static void sha512_abc(void)
{
    uint8_t blk[128];
    uint64_t w[80], s[8];
    block_abc(blk, 128);
    for (int i = 0; i < 16; i++)
        w[i] = be64(blk + 8 * i);
    for (int t = 16; t < 80; t += 2) {
        uint64x2_t r = vsha512su0q_u64(pair(w[t - 16], w[t - 15]), pair(w[t - 14], w[t - 13]));
        r = vsha512su1q_u64(r, pair(w[t - 2], w[t - 1]), pair(w[t - 7], w[t - 6]));
        w[t] = vgetq_lane_u64(r, 0);
        w[t + 1] = vgetq_lane_u64(r, 1);
    }
    memcpy(s, h512, sizeof(s));
    for (int t = 0; t < 80; t += 2)
        sha512_rounds2(s, k512[t] + w[t], k512[t + 1] + w[t + 1]);
    printf("sha512(abc) = ");
    for (int i = 0; i < 8; i++)
        printf("%016" PRIx64, s[i] + h512[i]);
    printf("\n");
}

/* ---- One instruction at a time ------------------------------------------------ */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint32x4_t rnd32(void)
{
    return vreinterpretq_u32_u64(pair(next(), next()));
}

static uint64x2_t rnd64(void)
{
    return pair(next(), next());
}

static void show(const char *name, uint64x2_t v)
{
    printf("%-10s %016" PRIx64 ":%016" PRIx64 "\n", name, vgetq_lane_u64(v, 1),
           vgetq_lane_u64(v, 0));
}

#define U64(v) vreinterpretq_u64_u32(v)

static void each_insn(void)
{
    for (int i = 0; i < 4; i++) {
        uint32x4_t a = rnd32(), b = rnd32(), c = rnd32();
        uint32_t e = (uint32_t)next();
        show("sha1c", U64(vsha1cq_u32(a, e, b)));
        show("sha1p", U64(vsha1pq_u32(a, e, b)));
        show("sha1m", U64(vsha1mq_u32(a, e, b)));
        printf("%-10s %08" PRIx32 "\n", "sha1h", vsha1h_u32(e));
        show("sha1su0", U64(vsha1su0q_u32(a, b, c)));
        show("sha1su1", U64(vsha1su1q_u32(a, b)));
        show("sha256h", U64(vsha256hq_u32(a, b, c)));
        show("sha256h2", U64(vsha256h2q_u32(a, b, c)));
        show("sha256su0", U64(vsha256su0q_u32(a, b)));
        show("sha256su1", U64(vsha256su1q_u32(a, b, c)));
        uint64x2_t x = rnd64(), y = rnd64(), z = rnd64();
        show("sha512h", vsha512hq_u64(x, y, z));
        show("sha512h2", vsha512h2q_u64(x, y, z));
        show("sha512su0", vsha512su0q_u64(x, y));
        show("sha512su1", vsha512su1q_u64(x, y, z));
    }
}

int main(void)
{
    sha1_abc();
    sha256_abc();
    sha512_abc();
    each_insn();
    return 0;
}
