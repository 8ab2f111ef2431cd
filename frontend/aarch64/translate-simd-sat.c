/* frontend/aarch64/translate-simd-sat.c — the AdvSIMD integer operations
 * with saturation, rounding, halving, absolute difference, register shifts,
 * dot products and the by-element forms (one helper, helper_simd_int, over
 * the A64_SIMD_INT_OPS list in translate-ldst.h).
 *
 * Each operation is an element function on raw lane bits; the drivers map
 * lanes for the four kinds (SAME, NARROW, LONG, PAIRL).  Intermediate values
 * are computed exactly in 128-bit integers and then saturated or truncated,
 * which is how the Arm ARM pseudocode states them (integer arithmetic, then
 * SatQ or a bit slice).  Results are built in a local copy and stored at the
 * end, so Rd may alias any source.  A saturation anywhere sets FPSR.QC.
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/translate-simd-elt.h"

typedef __int128 i128;

#define FPSR_QC (1ull << 27)

/* Per-call state: the lane size (log2 bytes; the narrow size for NARROW
 * and LONG), the immediate shift, and whether some lane saturated. */
typedef struct SatCtx {
    unsigned size, shift;
    bool qc;
} SatCtx;

typedef uint64_t SatFn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d);

static unsigned lane_bits(unsigned size) { return 8u << size; }

/* ---- Saturation and shifts on exact values --------------------------------------------- */

static uint64_t sat_s(SatCtx *c, i128 x, unsigned size)
{
    i128 max = ((i128)1 << (lane_bits(size) - 1)) - 1, min = -max - 1;
    if (x > max || x < min) {
        c->qc = true;
        x = x > max ? max : min;
    }
    return (uint64_t)x & simd_ones(size);
}

static uint64_t sat_u(SatCtx *c, i128 x, unsigned size)
{
    i128 max = ((i128)1 << lane_bits(size)) - 1;
    if (x > max || x < 0) {
        c->qc = true;
        x = x > max ? max : 0;
    }
    return (uint64_t)x;
}

/* x >> sh (arithmetic), rounded to nearest with ties up when round; x has
 * at most 66 significant bits, sh may be anything up to 255. */
static i128 shr_round(i128 x, unsigned sh, bool round)
{
    if (sh == 0)
        return x;
    if (sh > 80)
        return round || x >= 0 ? 0 : -1;
    return (x + (round ? (i128)1 << (sh - 1) : 0)) >> sh;
}

/* x << sh saturated to size (signed or unsigned result); |x| < 2^64. */
static uint64_t shl_sat(SatCtx *c, i128 x, unsigned sh, unsigned size, bool sign_out)
{
    if (x == 0)
        return 0;
    if (sh >= lane_bits(size))
        x = x < 0 ? -((i128)1 << 126) : (i128)1 << 126;
    else
        x *= (i128)1 << sh;
    return sign_out ? sat_s(c, x, size) : sat_u(c, x, size);
}

/* The register shifts: the shift is the signed low byte of m, negative
 * for right shifts. */
static uint64_t shift_reg(SatCtx *c, i128 x, uint64_t m, bool sign, bool round, bool sat)
{
    int sh = (int8_t)m;
    unsigned size = c->size;
    if (sh >= 0 && sat)
        return shl_sat(c, x, (unsigned)sh, size, sign);
    if (sh >= 0)
        return sh >= (int)lane_bits(size) ? 0 : ((uint64_t)x << sh) & simd_ones(size);
    return (uint64_t)shr_round(x, (unsigned)-sh, round) & simd_ones(size);
}

static i128 sx(uint64_t x, unsigned size) { return simd_sext(x, size); }
static i128 abs128(i128 x) { return x < 0 ? -x : x; }

/* ---- SAME: saturating add/sub/abs/neg ----------------------------------------------------- */

static uint64_t si_sqadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sx(n, c->size) + sx(m, c->size), c->size); }
static uint64_t si_uqadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, (i128)n + m, c->size); }
static uint64_t si_sqsub(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sx(n, c->size) - sx(m, c->size), c->size); }
static uint64_t si_uqsub(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, (i128)n - m, c->size); }
/* SUQADD/USQADD accumulate Vn into Vd. */
static uint64_t si_suqadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sx(d, c->size) + (i128)n, c->size); }
static uint64_t si_usqadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, (i128)d + sx(n, c->size), c->size); }
static uint64_t si_sqabs(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, abs128(sx(n, c->size)), c->size); }
static uint64_t si_sqneg(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, -sx(n, c->size), c->size); }

/* ---- SAME: halving, absolute difference --------------------------------------------------- */

static uint64_t trunc_lane(SatCtx *c, i128 x) { return (uint64_t)x & simd_ones(c->size); }

static uint64_t si_shadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, (sx(n, c->size) + sx(m, c->size)) >> 1); }
static uint64_t si_uhadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, ((i128)n + m) >> 1); }
static uint64_t si_srhadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, (sx(n, c->size) + sx(m, c->size) + 1) >> 1); }
static uint64_t si_urhadd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, ((i128)n + m + 1) >> 1); }
static uint64_t si_shsub(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, (sx(n, c->size) - sx(m, c->size)) >> 1); }
static uint64_t si_uhsub(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, ((i128)n - m) >> 1); }
static uint64_t si_sabd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, abs128(sx(n, c->size) - sx(m, c->size))); }
static uint64_t si_uabd(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, abs128((i128)n - m)); }
static uint64_t si_saba(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, d + abs128(sx(n, c->size) - sx(m, c->size))); }
static uint64_t si_uaba(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, d + abs128((i128)n - m)); }

/* ---- SAME: register shifts ------------------------------------------------------------------ */

static uint64_t si_sshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, sx(n, c->size), m, true, false, false); }
static uint64_t si_ushl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, n, m, false, false, false); }
static uint64_t si_srshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, sx(n, c->size), m, true, true, false); }
static uint64_t si_urshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, n, m, false, true, false); }
static uint64_t si_sqshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, sx(n, c->size), m, true, false, true); }
static uint64_t si_uqshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, n, m, false, false, true); }
static uint64_t si_sqrshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, sx(n, c->size), m, true, true, true); }
static uint64_t si_uqrshl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shift_reg(c, n, m, false, true, true); }

/* ---- SAME: shifts by immediate -------------------------------------------------------------- */

static uint64_t si_srshr(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, shr_round(sx(n, c->size), c->shift, true)); }
static uint64_t si_urshr(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, shr_round(n, c->shift, true)); }
static uint64_t si_srsra(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, d + shr_round(sx(n, c->size), c->shift, true)); }
static uint64_t si_ursra(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, d + shr_round(n, c->shift, true)); }
static uint64_t si_sqshli(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shl_sat(c, sx(n, c->size), c->shift, c->size, true); }
static uint64_t si_uqshli(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shl_sat(c, n, c->shift, c->size, false); }
static uint64_t si_sqshlu(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return shl_sat(c, sx(n, c->size), c->shift, c->size, false); }

/* ---- SAME: multiplies ----------------------------------------------------------------------- */

static uint64_t si_mul(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return (n * m) & simd_ones(c->size); }
static uint64_t si_mla(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return (d + n * m) & simd_ones(c->size); }
static uint64_t si_mls(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return (d - n * m) & simd_ones(c->size); }

/* Polynomial (carry-less) multiply of bytes, low 8 bits of the product. */
static uint64_t si_pmul(SatCtx *c, uint64_t n, uint64_t m, uint64_t d)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        if ((m >> i) & 1)
            r ^= n << i;
    return r & 0xff;
}

/* SQDMULH/SQRDMULH: the high half of 2 * n * m (rounded); only
 * min * min saturates. */
static uint64_t dmulh(SatCtx *c, uint64_t n, uint64_t m, bool round)
{
    unsigned bits = lane_bits(c->size);
    i128 p = 2 * sx(n, c->size) * sx(m, c->size);
    if (round)
        p += (i128)1 << (bits - 1);
    return sat_s(c, p >> bits, c->size);
}

static uint64_t si_sqdmulh(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return dmulh(c, n, m, false); }
static uint64_t si_sqrdmulh(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return dmulh(c, n, m, true); }

/* SDOT/UDOT: each 32-bit lane accumulates four byte products. */
static uint64_t dot(uint64_t n, uint64_t m, uint64_t d, bool sign)
{
    uint64_t acc = d;
    for (unsigned k = 0; k < 4; k++) {
        uint64_t a = (n >> (8 * k)) & 0xff, b = (m >> (8 * k)) & 0xff;
        acc += sign ? (uint64_t)(simd_sext(a, 0) * simd_sext(b, 0)) : a * b;
    }
    return acc & 0xffffffffu;
}

static uint64_t si_sdot(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return dot(n, m, d, true); }
static uint64_t si_udot(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return dot(n, m, d, false); }

/* ---- SAME: counts and estimates -------------------------------------------------------------- */

/* Leading zeros of the low w bits of v. */
static uint64_t clz_bits(uint64_t v, unsigned w)
{
    return v == 0 ? w : (uint64_t)(__builtin_clzll(v) - (64 - (int)w));
}

static uint64_t si_clz(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return clz_bits(n, lane_bits(c->size)); }

/* CountLeadingSignBits: leading zeros of x<N-1:1> EOR x<N-2:0>. */
static uint64_t si_cls(SatCtx *c, uint64_t n, uint64_t m, uint64_t d)
{
    unsigned w = lane_bits(c->size) - 1;
    return clz_bits(((n >> 1) ^ n) & (simd_ones(c->size) >> 1), w);
}

/* URECPE: UnsignedRecipEstimate, 9 significant bits from bits 31:23. */
static uint64_t si_urecpe(SatCtx *c, uint64_t n, uint64_t m, uint64_t d)
{
    if (!(n >> 31))
        return 0xffffffffu;
    uint64_t a = ((n >> 23) & 0x1ff) * 2 + 1;
    uint64_t b = (1u << 19) / a;
    return ((b + 1) / 2) << 23;
}

/* URSQRTE: UnsignedRSqrtEstimate (Armv8.0 RecipSqrtEstimate). */
static uint64_t si_ursqrte(SatCtx *c, uint64_t n, uint64_t m, uint64_t d)
{
    if (!(n >> 30))
        return 0xffffffffu;
    uint64_t a = (n >> 23) & 0x1ff;
    a = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) * 2 + 2;
    uint64_t b = 512;
    while (a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return ((b + 1) / 2) << 23;
}

/* ---- NARROW: n and m are wide (size + 1), the result narrow ------------------------------------ */

static i128 sxw(SatCtx *c, uint64_t x) { return sx(x, c->size + 1); }

static uint64_t si_sqxtn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sxw(c, n), c->size); }
static uint64_t si_uqxtn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, n, c->size); }
static uint64_t si_sqxtun(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, sxw(c, n), c->size); }
static uint64_t si_rshrn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_lane(c, shr_round(n, c->shift, true)); }
static uint64_t si_sqshrn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, shr_round(sxw(c, n), c->shift, false), c->size); }
static uint64_t si_uqshrn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, shr_round(n, c->shift, false), c->size); }
static uint64_t si_sqrshrn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, shr_round(sxw(c, n), c->shift, true), c->size); }
static uint64_t si_uqrshrn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, shr_round(n, c->shift, true), c->size); }
static uint64_t si_sqshrun(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, shr_round(sxw(c, n), c->shift, false), c->size); }
static uint64_t si_sqrshrun(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_u(c, shr_round(sxw(c, n), c->shift, true), c->size); }

/* RADDHN/RSUBHN: the rounded high half of the wide sum (modulo 2^wide). */
static uint64_t rhn(SatCtx *c, uint64_t x)
{
    unsigned bits = lane_bits(c->size);
    x += 1ull << (bits - 1);
    return ((x & simd_ones(c->size + 1)) >> bits) & simd_ones(c->size);
}

static uint64_t si_raddhn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return rhn(c, n + m); }
static uint64_t si_rsubhn(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return rhn(c, n - m); }

/* ---- LONG: n and m narrow, d and the result wide ---------------------------------------------- */

static uint64_t trunc_wide(SatCtx *c, i128 x) { return (uint64_t)x & simd_ones(c->size + 1); }

static uint64_t si_sabdl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, abs128(sx(n, c->size) - sx(m, c->size))); }
static uint64_t si_uabdl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, abs128((i128)n - m)); }
static uint64_t si_sabal(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + abs128(sx(n, c->size) - sx(m, c->size))); }
static uint64_t si_uabal(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + abs128((i128)n - m)); }
static uint64_t si_smull(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, sx(n, c->size) * sx(m, c->size)); }
static uint64_t si_umull(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, (i128)n * m); }
static uint64_t si_smlal(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + sx(n, c->size) * sx(m, c->size)); }
static uint64_t si_umlal(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + (i128)n * m); }
static uint64_t si_smlsl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d - sx(n, c->size) * sx(m, c->size)); }
static uint64_t si_umlsl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d - (i128)n * m); }

/* SQDMULL: 2 * n * m saturated to the wide size (only min * min does). */
static i128 dmull(SatCtx *c, uint64_t n, uint64_t m)
{
    return sx(sat_s(c, 2 * sx(n, c->size) * sx(m, c->size), c->size + 1), c->size + 1);
}

static uint64_t si_sqdmull(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, dmull(c, n, m)); }
static uint64_t si_sqdmlal(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sxw(c, d) + dmull(c, n, m), c->size + 1); }
static uint64_t si_sqdmlsl(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return sat_s(c, sxw(c, d) - dmull(c, n, m), c->size + 1); }

/* ---- PAIRL: n and m are the two narrow elements of a pair ------------------------------------- */

static uint64_t si_saddlp(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, sx(n, c->size) + sx(m, c->size)); }
static uint64_t si_uaddlp(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, (i128)n + m); }
static uint64_t si_sadalp(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + sx(n, c->size) + sx(m, c->size)); }
static uint64_t si_uadalp(SatCtx *c, uint64_t n, uint64_t m, uint64_t d) { return trunc_wide(c, d + (i128)n + m); }

/* ---- Drivers ------------------------------------------------------------------------------------- */

typedef enum SatKind { SK_SAME, SK_NARROW, SK_LONG, SK_PAIRL } SatKind;

static const struct {
    SatFn *fn;
    SatKind kind;
} sat_ops[A64_SI_COUNT] = {
#define A64_SI_ROW(name, kind) [A64_SI_##name] = { si_##name, SK_##kind },
    A64_SIMD_INT_OPS(A64_SI_ROW)
#undef A64_SI_ROW
};

typedef struct SatArgs {
    const uint64_t *n, *m, *d;
    unsigned count;   /* lanes computed */
    bool q;           /* the Q bit of the instruction */
} SatArgs;

static void run_same(SatCtx *c, SatFn *fn, const SatArgs *a, uint64_t r[2])
{
    for (unsigned i = 0; i < a->count; i++)
        simd_set_elt(r, c->size, i, fn(c, simd_elt(a->n, c->size, i),
                                       simd_elt(a->m, c->size, i), simd_elt(a->d, c->size, i)));
}

/* Narrow results fill 64 bits; the "2" forms put them in the high half. */
static void run_narrow(SatCtx *c, SatFn *fn, const SatArgs *a, uint64_t r[2])
{
    uint64_t res[1] = { 0 };
    for (unsigned i = 0; i < a->count; i++)
        simd_set_elt(res, c->size, i, fn(c, simd_elt(a->n, c->size + 1, i),
                                         simd_elt(a->m, c->size + 1, i), 0));
    r[0] = a->q ? a->d[0] : res[0];
    r[1] = a->q ? res[0] : 0;
}

static void run_long(SatCtx *c, SatFn *fn, const SatArgs *a, uint64_t r[2])
{
    unsigned base = a->q ? 8u >> c->size : 0;
    for (unsigned i = 0; i < a->count; i++)
        simd_set_elt(r, c->size + 1, i, fn(c, simd_elt(a->n, c->size, base + i),
                                           simd_elt(a->m, c->size, base + i),
                                           simd_elt(a->d, c->size + 1, i)));
}

static void run_pairl(SatCtx *c, SatFn *fn, const SatArgs *a, uint64_t r[2])
{
    for (unsigned i = 0; i < a->count; i++)
        simd_set_elt(r, c->size + 1, i, fn(c, simd_elt(a->n, c->size, 2 * i),
                                           simd_elt(a->n, c->size, 2 * i + 1),
                                           simd_elt(a->d, c->size + 1, i)));
}

/* Lanes computed: one for a scalar; else a vector's worth of the result
 * (SAME), of the narrow half (NARROW, LONG) or of wide pairs (PAIRL). */
static unsigned lane_count(SatKind k, unsigned size, bool q, bool scalar)
{
    if (scalar)
        return 1;
    switch (k) {
    case SK_SAME: return (q ? 16u : 8u) >> size;
    case SK_NARROW: case SK_LONG: return 8u >> size;
    case SK_PAIRL: return (q ? 16u : 8u) >> (size + 1);
    }
    return 0;
}

/* Element index of Vm in every lane (the by-element forms). */
static void dup_elem(uint64_t dup[2], const uint64_t *m, unsigned size, unsigned index)
{
    uint64_t x = simd_elt(m, size, index);
    for (unsigned i = 0; i < (16u >> size); i++)
        simd_set_elt(dup, size, i, x);
}

static void helper_simd_int(A64CPU *env, uint32_t desc, uint32_t op)
{
    A64SimdIntOp o = (A64SimdIntOp)SIMD_INT_OP(op);
    SatKind k = sat_ops[o].kind;
    SatCtx c = { SIMD_DESC_SIZE(desc), SIMD_INT_SHIFT(op), false };
    bool q = SIMD_DESC_Q(desc), scalar = SIMD_INT_SCALAR(op);
    uint64_t dup[2] = { 0, 0 }, r[2] = { 0, 0 };
    SatArgs a = { env->v[SIMD_DESC_RN(desc)], env->v[SIMD_DESC_RM(desc)],
                  env->v[SIMD_DESC_RD(desc)], lane_count(k, c.size, q, scalar), q };
    if (SIMD_INT_BYELEM(op)) {
        dup_elem(dup, a.m, c.size, SIMD_INT_INDEX(op));
        a.m = dup;
    }
    switch (k) {
    case SK_SAME: run_same(&c, sat_ops[o].fn, &a, r); break;
    case SK_NARROW: run_narrow(&c, sat_ops[o].fn, &a, r); break;
    case SK_LONG: run_long(&c, sat_ops[o].fn, &a, r); break;
    case SK_PAIRL: run_pairl(&c, sat_ops[o].fn, &a, r); break;
    }
    uint64_t *d = env->v[SIMD_DESC_RD(desc)];
    d[0] = r[0];
    d[1] = r[1];
    if (c.qc)
        env->fpsr |= FPSR_QC;
}

/* Reads and writes vector registers and FPSR in env, not IR globals. */
IrHelper a64_helper_simd_int = { "simd_int", (void *)helper_simd_int,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };
