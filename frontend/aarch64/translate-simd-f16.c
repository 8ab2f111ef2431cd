/* frontend/aarch64/translate-simd-f16.c — conversions between half
 * precision and single/double (base Armv8.0, no FEAT_FP16 arithmetic):
 * FCVT Hd <- Sn/Dn, FCVT Sd/Dd <- Hn, FCVTL/FCVTL2 and FCVTN/FCVTN2 with
 * 16-bit lanes.
 *
 * Narrowing rounds once, in software, from the exact input (a double holds
 * every single exactly), with FPCR.RMode, the Arm ARM's tininess before
 * rounding, and FPCR.AHP (Arm's alternative half precision: no infinities
 * or NaNs, exponent 31 is a normal binade; NaN gives zero and infinity the
 * largest value, both with IOC).  Widening is exact.  NaNs follow
 * FPConvertNaN: the payload's top bits are kept, a signalling NaN is
 * quieted with IOC, FPCR.DN gives the default NaN.
 *
 * FPCR.FZ (FPUnpackCV, FPRoundCV): a single or double denormal source is
 * flushed to zero with IDC (a64_fp_unpack); half-precision values are
 * governed by FPCR.FZ16 (FEAT_FP16, not implemented) and never flushed,
 * neither as sources nor as results.
 */
#include "frontend/aarch64/translate-ldst.h"

#include <string.h>

#include "frontend/aarch64/translate-simd-fp.h"


/* ---- Narrowing to half ---------------------------------------------------------------- */

/* Rounds m * 2^(e - 52) (m has bit 52 set) to half: sign in bit 15.
 * Flags are collected first: the alternative format's overflow replaces
 * the inexact flag with an invalid one. */
static uint16_t round_to_half(A64CPU *env, uint16_t sign, uint64_t m, int e)
{
    bool ahp = env->fpcr & A64_FPCR_AHP, sub = e < -14;
    unsigned rm = (unsigned)(env->fpcr >> 22) & 3, shift = 42 + (sub ? (unsigned)(-14 - e) : 0);
    uint64_t q = shift >= 64 ? 0 : m >> shift;
    uint64_t rem = shift >= 64 ? m : m & ((1ull << shift) - 1);
    uint64_t half = shift > 64 ? ~0ull : 1ull << (shift - 1);
    bool up = rm == 0 ? rem > half || (rem == half && (q & 1))
                      : rem && (rm == 1 ? !sign : rm == 2 ? sign != 0 : false);
    unsigned flags = rem ? A64_FPSR_IXC | (sub ? A64_FPSR_UFC : 0) : 0;
    uint16_t r;
    q += up;
    if (q == 2048 && !sub) {
        q = 1024;
        e++;
    }
    if (sub) {
        r = sign | (uint16_t)q;
    } else if (ahp && e + 15 > 31) {
        flags = A64_FPSR_IOC;
        r = sign | 0x7fff;
    } else if (!ahp && e + 15 > 30) {
        bool to_inf = rm == 0 || (rm == 1 && !sign) || (rm == 2 && sign);
        flags = A64_FPSR_OFC | A64_FPSR_IXC;
        r = sign | (to_inf ? 0x7c00 : 0x7bff);
    } else {
        r = sign | (uint16_t)((e + 15) << 10 | (q - 1024));
    }
    env->fpsr |= flags;
    return r;
}

/* Double bits to half bits (FPConvert). */
static uint16_t dbl_to_half(A64CPU *env, uint64_t d)
{
    uint16_t sign = (uint16_t)(d >> 48) & 0x8000;
    int e = (int)((d >> 52) & 0x7ff);
    uint64_t frac = d & ((1ull << 52) - 1);
    bool ahp = env->fpcr & A64_FPCR_AHP;
    if (e == 0x7ff && frac) {
        if (ahp || !(frac >> 51))
            env->fpsr |= A64_FPSR_IOC;
        if (ahp)
            return sign;
        if (env->fpcr & A64_FPCR_DN)
            return 0x7e00;
        return sign | 0x7e00 | (uint16_t)((frac >> 42) & 0x1ff);
    }
    if (e == 0x7ff) {
        if (ahp)
            env->fpsr |= A64_FPSR_IOC;
        return sign | (ahp ? 0x7fff : 0x7c00);
    }
    if (e == 0 && !frac)
        return sign;
    if (e == 0) {   /* subnormal double: normalize */
        int sh = __builtin_clzll(frac) - 11;
        return round_to_half(env, sign, frac << sh, -1022 - sh);
    }
    return round_to_half(env, sign, frac | 1ull << 52, e - 1023);
}

/* A single's bits as the double of the same value (NaNs: payload kept). */
static uint64_t single_to_dbl_bits(uint32_t s)
{
    uint64_t sign = (uint64_t)(s >> 31) << 63, frac = s & 0x7fffff;
    unsigned e = (s >> 23) & 0xff;
    if (e == 0xff)
        return sign | 0x7ff0000000000000ull | frac << 29;
    if (e == 0 && !frac)
        return sign;
    if (e == 0) {
        int sh = __builtin_clzll(frac) - 40;   /* leading one to bit 23 */
        return sign | (uint64_t)(1023 - 126 - sh) << 52 | ((frac << sh) & 0x7fffff) << 29;
    }
    return sign | (uint64_t)(e + 1023 - 127) << 52 | frac << 29;
}

/* ---- Widening from half ----------------------------------------------------------------- */

/* Half bits to single (dbl false) or double bits; exact. */
static uint64_t half_to_fp(A64CPU *env, uint16_t h, bool dbl)
{
    uint64_t sign = h >> 15, frac = h & 0x3ff;
    unsigned e = (h >> 10) & 0x1f;
    unsigned fb = dbl ? 52 : 23, bias = dbl ? 1023 : 127, eb = dbl ? 11 : 8;
    sign <<= fb + eb;
    if (e == 31 && !(env->fpcr & A64_FPCR_AHP)) {
        uint64_t top = ((1ull << eb) - 1) << fb;
        if (!frac)
            return sign | top;
        if (!(frac & 0x200))
            env->fpsr |= A64_FPSR_IOC;
        if (env->fpcr & A64_FPCR_DN)
            return top | 1ull << (fb - 1);
        return sign | top | 1ull << (fb - 1) | (frac & 0x1ff) << (fb - 10);
    }
    if (e == 0 && !frac)
        return sign;
    if (e == 0) {   /* subnormal half: normalize into the wider format */
        int sh = __builtin_clzll(frac) - 53;   /* leading one to bit 10 */
        return sign | (uint64_t)(bias - 14 - sh) << fb | ((frac << sh) & 0x3ff) << (fb - 10);
    }
    return sign | (uint64_t)(e + bias - 15) << fb | frac << (fb - 10);
}

/* ---- Helpers ------------------------------------------------------------------------------ */

/* op: 0 half -> single, 1 half -> double, 2 single -> half, 3 double ->
 * half (scalar FCVT). */
static void helper_fcvt_half(A64CPU *env, uint32_t desc, uint32_t op)
{
    uint64_t n = env->v[SIMD_DESC_RN(desc)][0], r;
    if (op <= 1)
        r = half_to_fp(env, (uint16_t)n, op == 1);
    else if (op == 2)
        r = dbl_to_half(env, single_to_dbl_bits((uint32_t)a64_fp_unpack(env, (uint32_t)n, false)));
    else
        r = dbl_to_half(env, a64_fp_unpack(env, n, true));
    env->v[SIMD_DESC_RD(desc)][0] = r;
    env->v[SIMD_DESC_RD(desc)][1] = 0;
}

/* op 0: FCVTL (four halves from the low or high 64 bits to singles); op 1:
 * FCVTN (four singles to halves in the low half, or the high one keeping
 * the low, for Q). */
static void helper_fcvtl_half(A64CPU *env, uint32_t desc, uint32_t op)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    uint64_t *d = env->v[SIMD_DESC_RD(desc)], r[2] = { 0, 0 };
    bool q = SIMD_DESC_Q(desc);
    if (op == 0) {
        for (unsigned i = 0; i < 4; i++)
            r[i / 2] |= half_to_fp(env, (uint16_t)(n[q] >> (16 * i)), false) << (32 * (i % 2));
    } else {
        uint64_t w = 0;
        for (unsigned i = 0; i < 4; i++) {
            uint64_t x = a64_fp_unpack(env, (uint32_t)(n[i / 2] >> (32 * (i % 2))), false);
            w |= (uint64_t)dbl_to_half(env, single_to_dbl_bits((uint32_t)x)) << (16 * i);
        }
        r[0] = q ? d[0] : w;
        r[1] = q ? w : 0;
    }
    memcpy(d, r, sizeof(r));
}

/* They read and write vector registers, FPCR and FPSR in env. */
static IrHelper helper_desc_fcvt_half = { "fcvt_half", (void *)helper_fcvt_half,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };
static IrHelper helper_desc_fcvtl_half = { "fcvtl_half", (void *)helper_fcvtl_half,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };

static void gen_half_call(DisasContext *s, IrHelper *h, uint32_t desc, uint32_t op)
{
    IrTemp args[3] = { IR_TEMP_ENV, ir_const(s->f, IR_I32, desc), ir_const(s->f, IR_I32, op) };
    ir_gen_call(s->f, h, IR_NO_TEMP, args);
}

/* ---- Translation entry points (translate-simd-fp.c) ----------------------------------------- */

bool a64_gen_fcvt_half(DisasContext *s, unsigned rd, unsigned rn, unsigned ftype, unsigned opcode)
{
    uint32_t op;
    if (ftype == 3 && (opcode == 4 || opcode == 5))
        op = opcode - 4;
    else if (ftype <= 1 && opcode == 7)
        op = 2 + ftype;
    else
        return false;
    gen_half_call(s, &helper_desc_fcvt_half, simd_desc(rd, rn, 0, 0, 0, 0), op);
    return true;
}

void a64_gen_fcvtl_half(DisasContext *s, unsigned rd, unsigned rn, bool q, bool widen)
{
    gen_half_call(s, &helper_desc_fcvtl_half, simd_desc(rd, rn, 0, q, 0, 0), widen ? 0 : 1);
}
