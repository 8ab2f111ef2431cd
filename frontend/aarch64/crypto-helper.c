/* frontend/aarch64/crypto-helper.c — SHA-1, SHA-512 and polynomial-multiply
 * instructions, as the Arm ARM's pseudocode defines them
 * (shared/functions/crypto: SHAchoose, SHA512hash, ...).  AES and SHA-256
 * are the VEC op's AES and SHA rows (ir/vecops.def, references in
 * ir/vec-aes.c and ir/vec-sha.c).
 *
 * Layout: a V register is 16 bytes in little-endian order (byte i is bits
 * 8i+7:8i), which on a little-endian host is the memory order of
 * A64CPU.v[n].  SHA lanes are 32- or 64-bit elements, element e at
 * bits (e+1)*esize-1 : e*esize.
 *
 * Each helper copies its operands into locals before it writes V[d], so the
 * register numbers may alias.
 */
#include "frontend/aarch64/crypto-helper.h"

#include <string.h>

/* ---- Vector register access ---------------------------------------------------- */

typedef union CryptoVec {
    uint8_t b[16];
    uint32_t s[4];
    uint64_t d[2];
} CryptoVec;

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "CryptoVec lanes assume a little-endian host");

static CryptoVec vreg(const A64CPU *env, unsigned r)
{
    CryptoVec v;
    memcpy(&v, env->v[r], sizeof(v));
    return v;
}

static void vset(A64CPU *env, unsigned r, CryptoVec v)
{
    memcpy(env->v[r], &v, sizeof(v));
}

static uint32_t ror32(uint32_t x, unsigned n)
{
    return n ? x >> n | x << (32 - n) : x;
}

static uint32_t rol32(uint32_t x, unsigned n)
{
    return ror32(x, (32 - n) & 31);
}

static uint64_t ror64(uint64_t x, unsigned n)
{
    return n ? x >> n | x << (64 - n) : x;
}

/* ---- SHA-1 (Arm ARM: SHA1C, SHA1P, SHA1M, SHA1H, SHA1SU0, SHA1SU1) ------------ */

typedef uint32_t ShaFn(uint32_t x, uint32_t y, uint32_t z);

static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* Four rounds: X = V[d] (a..d), Y = S[n] (e), W = V[m] (schedule + K).
 * After each round the 160-bit Y:X rotates left by 32. */
static void sha1_rounds(A64CPU *env, uint32_t desc, ShaFn *fn)
{
    CryptoVec x = vreg(env, SIMD_DESC_RD(desc)), w = vreg(env, SIMD_DESC_RM(desc));
    uint32_t y = vreg(env, SIMD_DESC_RN(desc)).s[0];
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t = fn(x.s[1], x.s[2], x.s[3]);
        y += rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    vset(env, SIMD_DESC_RD(desc), x);
}

static void helper_crypto_sha1c(A64CPU *env, uint32_t desc)
{
    sha1_rounds(env, desc, sha_choose);
}

static void helper_crypto_sha1p(A64CPU *env, uint32_t desc)
{
    sha1_rounds(env, desc, sha_parity);
}

static void helper_crypto_sha1m(A64CPU *env, uint32_t desc)
{
    sha1_rounds(env, desc, sha_majority);
}

/* SHA1H: S[d] = ROL(S[n], 30), the rest of V[d] cleared. */
static void helper_crypto_sha1h(A64CPU *env, uint32_t desc)
{
    CryptoVec r = { .d = { rol32(vreg(env, SIMD_DESC_RN(desc)).s[0], 30), 0 } };
    vset(env, SIMD_DESC_RD(desc), r);
}

/* SHA1SU0: (V[n]<63:0> : V[d]<127:64>) EOR V[d] EOR V[m]. */
static void helper_crypto_sha1su0(A64CPU *env, uint32_t desc)
{
    CryptoVec d = vreg(env, SIMD_DESC_RD(desc)), n = vreg(env, SIMD_DESC_RN(desc));
    CryptoVec m = vreg(env, SIMD_DESC_RM(desc));
    CryptoVec r = { .d = { d.d[1] ^ d.d[0] ^ m.d[0], n.d[0] ^ d.d[1] ^ m.d[1] } };
    vset(env, SIMD_DESC_RD(desc), r);
}

/* SHA1SU1: T = V[d] EOR LSR(V[n], 32); each lane ROL 1, and the top lane
 * also takes ROL(T<31:0>, 2). */
static void helper_crypto_sha1su1(A64CPU *env, uint32_t desc)
{
    CryptoVec d = vreg(env, SIMD_DESC_RD(desc)), n = vreg(env, SIMD_DESC_RN(desc));
    CryptoVec t, r;
    for (unsigned e = 0; e < 4; e++)
        t.s[e] = d.s[e] ^ (e < 3 ? n.s[e + 1] : 0);
    for (unsigned e = 0; e < 4; e++)
        r.s[e] = rol32(t.s[e], 1);
    r.s[3] ^= rol32(t.s[0], 2);
    vset(env, SIMD_DESC_RD(desc), r);
}

/* ---- SHA-512 (Arm ARM: SHA512H, SHA512H2, SHA512SU0, SHA512SU1) -------------- */

static uint64_t sha512_sum1(uint64_t x)
{
    return ror64(x, 14) ^ ror64(x, 18) ^ ror64(x, 41);
}

static uint64_t sha512_sum0(uint64_t x)
{
    return ror64(x, 28) ^ ror64(x, 34) ^ ror64(x, 39);
}

/* SHA512H: X = V[n], Y = V[m], W = V[d]; two rounds of the Sigma1/Ch half. */
static void helper_crypto_sha512h(A64CPU *env, uint32_t desc)
{
    CryptoVec x = vreg(env, SIMD_DESC_RN(desc)), y = vreg(env, SIMD_DESC_RM(desc));
    CryptoVec w = vreg(env, SIMD_DESC_RD(desc)), r;
    r.d[1] = (y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1]);
    r.d[1] += sha512_sum1(y.d[1]) + w.d[1];
    uint64_t t = r.d[1] + y.d[0];
    r.d[0] = (t & y.d[1]) ^ (~t & x.d[0]);
    r.d[0] += sha512_sum1(t) + w.d[0];
    vset(env, SIMD_DESC_RD(desc), r);
}

/* SHA512H2: the Sigma0/Maj half. */
static void helper_crypto_sha512h2(A64CPU *env, uint32_t desc)
{
    CryptoVec x = vreg(env, SIMD_DESC_RN(desc)), y = vreg(env, SIMD_DESC_RM(desc));
    CryptoVec w = vreg(env, SIMD_DESC_RD(desc)), r;
    r.d[1] = (x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0]);
    r.d[1] += sha512_sum0(y.d[0]) + w.d[1];
    r.d[0] = (r.d[1] & y.d[0]) ^ (r.d[1] & y.d[1]) ^ (y.d[1] & y.d[0]);
    r.d[0] += sha512_sum0(r.d[1]) + w.d[0];
    vset(env, SIMD_DESC_RD(desc), r);
}

static uint64_t sha512_sigma0(uint64_t x)
{
    return ror64(x, 1) ^ ror64(x, 8) ^ x >> 7;
}

static uint64_t sha512_sigma1(uint64_t x)
{
    return ror64(x, 19) ^ ror64(x, 61) ^ x >> 6;
}

/* SHA512SU0: low lane takes sigma0(V[d]<127:64>), high lane sigma0(V[n]<63:0>). */
static void helper_crypto_sha512su0(A64CPU *env, uint32_t desc)
{
    CryptoVec w = vreg(env, SIMD_DESC_RD(desc)), x = vreg(env, SIMD_DESC_RN(desc));
    CryptoVec r = { .d = { w.d[0] + sha512_sigma0(w.d[1]), w.d[1] + sha512_sigma0(x.d[0]) } };
    vset(env, SIMD_DESC_RD(desc), r);
}

/* SHA512SU1: lane e = V[d][e] + sigma1(V[n][e]) + V[m][e]. */
static void helper_crypto_sha512su1(A64CPU *env, uint32_t desc)
{
    CryptoVec w = vreg(env, SIMD_DESC_RD(desc)), x = vreg(env, SIMD_DESC_RN(desc));
    CryptoVec y = vreg(env, SIMD_DESC_RM(desc)), r;
    for (unsigned e = 0; e < 2; e++)
        r.d[e] = w.d[e] + sha512_sigma1(x.d[e]) + y.d[e];
    vset(env, SIMD_DESC_RD(desc), r);
}

/* ---- Polynomial multiply long (Arm ARM: PMULL, PMULL2) ------------------------ */

/* Carry-less product of two n-bit polynomials; the result fits in 2n - 1
 * bits, returned as (lo, hi) 64-bit words for n = 64. */
static void clmul64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;
    for (unsigned i = 0; i < 64; i++) {
        if (b >> i & 1) {
            l ^= a << i;
            h ^= i ? a >> (64 - i) : 0;
        }
    }
    *lo = l;
    *hi = h;
}

/* PMULL{2} .8H: eight 8x8 -> 16-bit products from half Q of V[n], V[m]. */
static void helper_crypto_pmull8(A64CPU *env, uint32_t desc)
{
    CryptoVec n = vreg(env, SIMD_DESC_RN(desc)), m = vreg(env, SIMD_DESC_RM(desc)), r;
    unsigned base = 8 * SIMD_DESC_Q(desc);
    for (unsigned e = 0; e < 8; e++) {
        uint64_t lo, hi;
        clmul64(n.b[base + e], m.b[base + e], &lo, &hi);
        r.b[2 * e] = (uint8_t)lo;
        r.b[2 * e + 1] = (uint8_t)(lo >> 8);
    }
    vset(env, SIMD_DESC_RD(desc), r);
}

/* PMULL{2} .1Q: the 128-bit product of doubleword Q of V[n] and V[m]. */
static void helper_crypto_pmull64(A64CPU *env, uint32_t desc)
{
    unsigned q = SIMD_DESC_Q(desc);
    CryptoVec r;
    clmul64(env->v[SIMD_DESC_RN(desc)][q], env->v[SIMD_DESC_RM(desc)][q], &r.d[0], &r.d[1]);
    vset(env, SIMD_DESC_RD(desc), r);
}

/* ---- Descriptors ----------------------------------------------------------------- */

/* They write V[d] in env, so they are not pure; vector registers are not IR
 * globals, so no global needs syncing around the call. */
#define A64_CRYPTO_HELPER_DEF(name) \
    IrHelper a64_helper_crypto_##name = { "crypto_" #name, (void *)helper_crypto_##name, \
        IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
A64_CRYPTO_HELPERS(A64_CRYPTO_HELPER_DEF)
#undef A64_CRYPTO_HELPER_DEF
