/* frontend/aarch64/translate-simd-fpv.c — AdvSIMD floating point beyond
 * the basic three-same arithmetic: two-register misc (FABS, FNEG, FSQRT,
 * FRINT*, compares with zero, FRECPE, FRSQRTE, FRECPX, FCVTXN), the rest of
 * three same (FMULX, FABD, FACGE, FACGT, FRECPS, FRSQRTS, vector pairwise
 * FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP) and scalar three same, and the
 * across-lanes reductions FMAXV/FMINV/FMAXNMV/FMINNMV.
 *
 * One helper, helper_fpv(env, desc, op), runs them lane by lane over
 * A64CPU.v with the unpack (FPCR.FZ), NaN, rounding and flag rules of
 * translate-simd-fparith.c (translate-simd-fp.h); the estimates and FRECPX
 * are computed here from the bits, after the same unpack.  desc is
 * simd_desc() with size = 1 for double; op = kind | sub << 3 | scalar << 9.
 * Results are built in a local copy, so Rd may alias a source; Q = 0 and
 * scalars clear bits 127:64.
 */
#include "frontend/aarch64/translate-ldst.h"

#include <string.h>

#include "frontend/aarch64/a64-decode.h"
#include "frontend/aarch64/translate-simd-fp.h"

enum { FK_MISC, FK_BIN, FK_PAIR, FK_ACROSS, FK_CVTXN };

/* FK_MISC subs. */
enum {
    FM_CMGT0, FM_CMGE0, FM_CMEQ0, FM_CMLE0, FM_CMLT0, FM_ABS, FM_NEG, FM_SQRT,
    FM_RECPE, FM_RSQRTE, FM_RECPX,
    FM_RINT = 16,   /* + 0..7: FRINT N, P, M, Z, A, -, X, I */
};

/* FK_BIN subs; FK_PAIR and FK_ACROSS use a64_fp_2src ops. */
enum { FB_MULX, FB_RECPS, FB_RSQRTS, FB_ABD, FB_ACGE, FB_ACGT, FB_CMEQ, FB_CMGE, FB_CMGT };

static uint32_t fpv_op(unsigned kind, unsigned sub, bool scalar)
{
    return kind | sub << 3 | (unsigned)scalar << 9;
}

/* ---- Bits of one value ---------------------------------------------------------------- */

typedef struct FpFmt {
    bool dbl;
    unsigned ebits, fbits;   /* exponent and fraction widths */
} FpFmt;

static FpFmt fmt_of(bool dbl)
{
    return dbl ? (FpFmt){ true, 11, 52 } : (FpFmt){ false, 8, 23 };
}

static uint64_t sign_of(FpFmt f) { return 1ull << (f.ebits + f.fbits); }
static uint64_t exp_of(FpFmt f, uint64_t x) { return (x >> f.fbits) & ((1ull << f.ebits) - 1); }
static uint64_t frac_of(FpFmt f, uint64_t x) { return x & ((1ull << f.fbits) - 1); }
static uint64_t emax(FpFmt f) { return (1ull << f.ebits) - 1; }

static bool is_inf_f(FpFmt f, uint64_t x) { return exp_of(f, x) == emax(f) && !frac_of(f, x); }
static bool is_zero_f(FpFmt f, uint64_t x) { return (x & ~sign_of(f)) == 0; }

static uint64_t fp_const(FpFmt f, double v)
{
    if (f.dbl) {
        uint64_t b;
        memcpy(&b, &v, 8);
        return b;
    }
    float s = (float)v;
    uint32_t w;
    memcpy(&w, &s, 4);
    return w;
}

/* ---- Estimates (Arm ARM FPRecipEstimate, FPRSqrtEstimate) ------------------------------- */

/* 8-bit estimates of 1/a and 1/sqrt(a) on 9-bit fixed-point inputs. */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

static unsigned rsqrt_estimate(unsigned a)
{
    a = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) * 2 + 2;
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (b + 1) / 2;
}

/* 1/x overflows: infinity or the largest normal, by rounding mode. */
static uint64_t recpe_overflow(A64CPU *env, FpFmt f, uint64_t sign)
{
    unsigned rm = (unsigned)(env->fpcr >> 22) & 3;
    bool to_inf = rm == 0 || (rm == 1 && !sign) || (rm == 2 && sign);
    env->fpsr |= A64_FPSR_OFC | A64_FPSR_IXC;
    return sign | (to_inf ? emax(f) << f.fbits : (emax(f) << f.fbits) - 1);
}

/* FPRecipEstimate.  With FPCR.FZ an estimate that would be denormal (the
 * operand is at least 2^126, or 2^1022) is a zero of its sign, with UFC. */
static uint64_t fp_recpe(A64CPU *env, FpFmt f, uint64_t x)
{
    x = a64_fp_unpack(env, x, f.dbl);
    uint64_t sign = x & sign_of(f), r;
    if (a64_fp_process_nans(env, &x, 1, f.dbl, &r))
        return r;
    if (is_inf_f(f, x))
        return sign;
    if (is_zero_f(f, x)) {
        env->fpsr |= A64_FPSR_DZC;
        return sign | emax(f) << f.fbits;
    }
    if ((env->fpcr & A64_FPCR_FZ) && exp_of(f, x) >= emax(f) - 2) {
        env->fpsr |= A64_FPSR_UFC;
        return sign;
    }
    /* 52-bit fraction view, as the pseudocode. */
    uint64_t frac = frac_of(f, x) << (52 - f.fbits);
    int64_t e = (int64_t)exp_of(f, x);
    if (e == 0 && !((frac >> 51) & 1) && !((frac >> 50) & 1))
        return recpe_overflow(env, f, sign);
    if (e == 0) {
        if (!((frac >> 51) & 1)) {
            e = -1;
            frac = (frac << 2) & ((1ull << 52) - 1);
        } else {
            frac = (frac << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned est = recip_estimate(256 | (unsigned)(frac >> 44));
    int64_t re = (int64_t)(f.dbl ? 2045 : 253) - e;
    uint64_t rf = (uint64_t)(est & 0xff) << 44;
    if (re == 0) {
        rf = 1ull << 51 | rf >> 1;
    } else if (re == -1) {
        rf = 1ull << 50 | rf >> 2;
        re = 0;
    }
    return sign | (uint64_t)re << f.fbits | rf >> (52 - f.fbits);
}

/* FPRSqrtEstimate: a flushed denormal is a zero (infinite estimate, DZC). */
static uint64_t fp_rsqrte(A64CPU *env, FpFmt f, uint64_t x)
{
    uint64_t r;
    x = a64_fp_unpack(env, x, f.dbl);
    if (a64_fp_process_nans(env, &x, 1, f.dbl, &r))
        return r;
    if (is_zero_f(f, x)) {
        env->fpsr |= A64_FPSR_DZC;
        return (x & sign_of(f)) | emax(f) << f.fbits;
    }
    if (x & sign_of(f)) {
        env->fpsr |= A64_FPSR_IOC;
        return fp_const(f, __builtin_nan(""));
    }
    if (is_inf_f(f, x))
        return 0;
    uint64_t frac = frac_of(f, x) << (52 - f.fbits);
    int64_t e = (int64_t)exp_of(f, x);
    if (e == 0) {
        while (!((frac >> 51) & 1)) {
            frac <<= 1;
            e--;
        }
        frac = (frac << 1) & ((1ull << 52) - 1);
    }
    unsigned scaled = (e & 1) ? 128 | (unsigned)(frac >> 45) : 256 | (unsigned)(frac >> 44);
    int64_t num = (f.dbl ? 3068 : 380) - e;
    uint64_t re = (uint64_t)(num >= 0 ? num / 2 : -((-num + 1) / 2));
    uint64_t est = rsqrt_estimate(scaled) & 0xff;
    return re << f.fbits | est << (f.fbits - 8);
}

/* FRECPX: the exponent inverted (zero and subnormals: the largest finite
 * exponent), fraction cleared.  FPRecpX unpacks (IDC under FPCR.FZ) but
 * reads the exponent of the operand as given, which a flush keeps zero. */
static uint64_t fp_recpx(A64CPU *env, FpFmt f, uint64_t x)
{
    uint64_t r;
    x = a64_fp_unpack(env, x, f.dbl);
    if (a64_fp_process_nans(env, &x, 1, f.dbl, &r))
        return r;
    uint64_t e = exp_of(f, x);
    e = e == 0 ? emax(f) - 1 : ~e & emax(f);
    return (x & sign_of(f)) | e << f.fbits;
}

/* ---- Lanes --------------------------------------------------------------------------------- */

static uint64_t misc_lane(A64CPU *env, unsigned sub, FpFmt f, uint64_t x)
{
    if (sub >= FM_RINT)
        return a64_fp_rint(env, x, f.dbl, sub - FM_RINT + 8);
    switch (sub) {
    case FM_CMGT0: return a64_fp_cmp(env, 2, x, 0, f.dbl);
    case FM_CMGE0: return a64_fp_cmp(env, 1, x, 0, f.dbl);
    case FM_CMEQ0: return a64_fp_cmp(env, 0, x, 0, f.dbl);
    case FM_CMLE0: return a64_fp_cmp(env, 1, 0, x, f.dbl);
    case FM_CMLT0: return a64_fp_cmp(env, 2, 0, x, f.dbl);
    case FM_ABS: return x & ~sign_of(f);
    case FM_NEG: return x ^ sign_of(f);
    case FM_SQRT: return a64_fp_sqrt(env, x, f.dbl);
    case FM_RECPE: return fp_recpe(env, f, x);
    case FM_RSQRTE: return fp_rsqrte(env, f, x);
    default: return fp_recpx(env, f, x);
    }
}

/* FRECPS (2 - n*m) and FRSQRTS ((3 - n*m) / 2), fused; infinity times zero
 * gives 2.0 or 1.5 without a NaN. */
static uint64_t step_lane(A64CPU *env, bool rsqrt, FpFmt f, uint64_t n, uint64_t m)
{
    n = a64_fp_unpack(env, n, f.dbl);
    m = a64_fp_unpack(env, m, f.dbl);
    uint64_t neg = n ^ sign_of(f), ops[2] = { neg, m }, r;
    if (a64_fp_process_nans(env, ops, 2, f.dbl, &r))
        return r;
    if ((is_inf_f(f, n) && is_zero_f(f, m)) || (is_zero_f(f, n) && is_inf_f(f, m)))
        return fp_const(f, rsqrt ? 1.5 : 2.0);
    if (!rsqrt)
        return a64_fp_muladd(env, fp_const(f, 2.0), neg, m, f.dbl);
    /* (3 - n*m) / 2 as 1.5 - n * (m / 2), halving whichever operand can be
     * halved exactly (a normal one); both tiny: the product is far from
     * overflow and the halving of the sum is exact. */
    uint64_t min_e = 2;
    if (exp_of(f, m) >= min_e && !is_inf_f(f, m))
        return a64_fp_muladd(env, fp_const(f, 1.5), neg, m - (1ull << f.fbits), f.dbl);
    if (exp_of(f, neg) >= min_e && !is_inf_f(f, neg))
        return a64_fp_muladd(env, fp_const(f, 1.5), neg - (1ull << f.fbits), m, f.dbl);
    if (is_inf_f(f, n) || is_inf_f(f, m))
        return a64_fp_muladd(env, fp_const(f, 3.0), neg, m, f.dbl);
    /* Both tiny: 1.5 - tiny, the product rounds away below 1.5's ulp. */
    return a64_fp_muladd(env, fp_const(f, 1.5), neg, m, f.dbl);
}

static uint64_t bin_lane(A64CPU *env, unsigned sub, FpFmt f, uint64_t n, uint64_t m)
{
    switch (sub) {
    case FB_MULX: return a64_fp_mulx(env, n, m, f.dbl);
    case FB_RECPS: return step_lane(env, false, f, n, m);
    case FB_RSQRTS: return step_lane(env, true, f, n, m);
    case FB_ABD: return a64_fp_2src(env, 3, n, m, f.dbl) & ~sign_of(f);
    case FB_ACGE: return a64_fp_cmp(env, 1, n & ~sign_of(f), m & ~sign_of(f), f.dbl);
    case FB_ACGT: return a64_fp_cmp(env, 2, n & ~sign_of(f), m & ~sign_of(f), f.dbl);
    case FB_CMEQ: return a64_fp_cmp(env, 0, n, m, f.dbl);
    case FB_CMGE: return a64_fp_cmp(env, 1, n, m, f.dbl);
    default: return a64_fp_cmp(env, 2, n, m, f.dbl);
    }
}

/* ---- Helper -------------------------------------------------------------------------------- */

typedef struct FpvCall {
    A64CPU *env;
    FpFmt f;
    unsigned kind, sub, lanes, bits;
    const uint64_t *n, *m;
} FpvCall;

static uint64_t lane_get(const FpvCall *c, const uint64_t *v, unsigned i)
{
    unsigned pos = i * c->bits;
    uint64_t x = v[pos / 64] >> (pos % 64);
    return c->f.dbl ? x : x & 0xffffffffull;
}

static void lane_put(const FpvCall *c, uint64_t *r, unsigned i, uint64_t x)
{
    unsigned pos = i * c->bits;
    r[pos / 64] |= (c->f.dbl ? x : x & 0xffffffffull) << (pos % 64);
}

/* Pairwise: lanes of the concatenation Vm:Vn, adjacent pairs combined. */
static uint64_t pair_lane(const FpvCall *c, unsigned i)
{
    unsigned half = c->lanes / 2;
    const uint64_t *src = i < half ? c->n : c->m;
    unsigned j = (i % half) * 2;
    return a64_fp_2src(c->env, c->sub, lane_get(c, src, j), lane_get(c, src, j + 1), c->f.dbl);
}

/* Across lanes (4S only): the Arm ARM's recursive pairwise Reduce. */
static uint64_t across(const FpvCall *c)
{
    uint64_t a = a64_fp_2src(c->env, c->sub, lane_get(c, c->n, 0), lane_get(c, c->n, 1), false);
    uint64_t b = a64_fp_2src(c->env, c->sub, lane_get(c, c->n, 2), lane_get(c, c->n, 3), false);
    return a64_fp_2src(c->env, c->sub, a, b, false);
}

static void run_lanes(const FpvCall *c, uint64_t r[2])
{
    for (unsigned i = 0; i < c->lanes; i++) {
        uint64_t x = lane_get(c, c->n, i), v;
        switch (c->kind) {
        case FK_MISC: v = misc_lane(c->env, c->sub, c->f, x); break;
        case FK_BIN: v = bin_lane(c->env, c->sub, c->f, x, lane_get(c, c->m, i)); break;
        default: v = pair_lane(c, i); break;
        }
        lane_put(c, r, i, v);
    }
}

/* FCVTXN/FCVTXN2: doubles to singles rounded to odd; the "2" form writes
 * the high half and keeps the low one. */
static void run_cvtxn(FpvCall *c, uint64_t r[2], const uint64_t *d, bool q)
{
    uint64_t lo = a64_fp_cvt_odd(c->env, c->n[0]);
    uint64_t hi = c->lanes > 1 ? a64_fp_cvt_odd(c->env, c->n[1]) : 0;
    uint64_t w = (lo & 0xffffffffull) | hi << 32;
    r[0] = q ? d[0] : w;
    r[1] = q ? w : 0;
}

static void helper_fpv(A64CPU *env, uint32_t desc, uint32_t op)
{
    bool dbl = SIMD_DESC_SIZE(desc), q = SIMD_DESC_Q(desc), scalar = (op >> 9) & 1;
    FpvCall c = { env, fmt_of(dbl), op & 7, (op >> 3) & 63, 0, dbl ? 64 : 32,
                  env->v[SIMD_DESC_RN(desc)], env->v[SIMD_DESC_RM(desc)] };
    c.lanes = scalar ? 1 : c.kind == FK_CVTXN ? 2 : (q ? 128u : 64u) / c.bits;
    uint64_t r[2] = { 0, 0 };
    /* FRINT* are exact and set their flags by hand: no host flags. */
    bool host = !(c.kind == FK_MISC && c.sub >= FM_RINT);
    int saved = host ? a64_fp_begin(env) : -1;
    if (c.kind == FK_ACROSS)
        r[0] = across(&c);
    else if (c.kind == FK_CVTXN)
        run_cvtxn(&c, r, env->v[SIMD_DESC_RD(desc)], q && !scalar);
    else
        run_lanes(&c, r);
    memcpy(env->v[SIMD_DESC_RD(desc)], r, sizeof(r));
    if (host)
        a64_fp_end(env, saved);
}

/* Reads and writes vector registers, FPCR and FPSR in env. */
static IrHelper helper_desc_fpv = { "fpv", (void *)helper_fpv,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };

static void gen_fpv(DisasContext *s, unsigned rd, unsigned rn, unsigned rm, bool q,
                    bool dbl, uint32_t op)
{
    IrTemp args[3] = { IR_TEMP_ENV, ir_const(s->f, IR_I32, simd_desc(rd, rn, rm, q, dbl, 0)),
                       ir_const(s->f, IR_I32, op) };
    ir_gen_call(s->f, &helper_desc_fpv, IR_NO_TEMP, args);
}

/* Vector 2D needs Q; single and double only (FP16 is not implemented). */
static bool fpv_shape_ok(int64_t vq, int64_t sz, int64_t scalar)
{
    return scalar || vq || !sz;
}

/* ---- Translation ------------------------------------------------------------------------- */

/* FP two-register misc: opc:u:a -> FM_* sub, or -1. */
static int fp2m_sub(unsigned opc, unsigned u, unsigned a)
{
    switch (opc << 2 | u << 1 | a) {
    case 12 << 2 | 0 << 1 | 1: return FM_CMGT0;
    case 12 << 2 | 1 << 1 | 1: return FM_CMGE0;
    case 13 << 2 | 0 << 1 | 1: return FM_CMEQ0;
    case 13 << 2 | 1 << 1 | 1: return FM_CMLE0;
    case 14 << 2 | 0 << 1 | 1: return FM_CMLT0;
    case 15 << 2 | 0 << 1 | 1: return FM_ABS;
    case 15 << 2 | 1 << 1 | 1: return FM_NEG;
    case 24 << 2 | 0 << 1 | 0: return FM_RINT + 0;   /* FRINTN */
    case 24 << 2 | 0 << 1 | 1: return FM_RINT + 1;   /* FRINTP */
    case 25 << 2 | 0 << 1 | 0: return FM_RINT + 2;   /* FRINTM */
    case 25 << 2 | 0 << 1 | 1: return FM_RINT + 3;   /* FRINTZ */
    case 24 << 2 | 1 << 1 | 0: return FM_RINT + 4;   /* FRINTA */
    case 25 << 2 | 1 << 1 | 0: return FM_RINT + 6;   /* FRINTX */
    case 25 << 2 | 1 << 1 | 1: return FM_RINT + 7;   /* FRINTI */
    case 29 << 2 | 0 << 1 | 1: return FM_RECPE;
    case 29 << 2 | 1 << 1 | 1: return FM_RSQRTE;
    case 31 << 2 | 1 << 1 | 1: return FM_SQRT;
    case 31 << 2 | 0 << 1 | 1: return FM_RECPX;
    default: return -1;
    }
}

/* FCVTXN, FCVTXN2, FCVTXN Sd, Dn. */
bool trans_FCVTXN(DisasContext *s, arg_FCVTXN *a)
{
    gen_fpv(s, a->Rd, a->Rn, 0, a->vq, true, fpv_op(FK_CVTXN, 0, a->scalar));
    return true;
}

bool trans_FP2M(DisasContext *s, arg_FP2M *a)
{
    int sub = fp2m_sub((unsigned)a->opc, (unsigned)a->u, (unsigned)a->a);
    if (sub < 0 || !fpv_shape_ok(a->vq, a->sz, a->scalar))
        return false;
    /* Scalar forms exist for the compares and estimates only; FRECPX
     * only as a scalar. */
    bool scalar_ok = sub <= FM_CMLT0 || sub == FM_RECPE || sub == FM_RSQRTE || sub == FM_RECPX;
    if ((a->scalar && !scalar_ok) || (!a->scalar && sub == FM_RECPX))
        return false;
    gen_fpv(s, a->Rd, a->Rn, 0, a->vq, a->sz, fpv_op(FK_MISC, (unsigned)sub, a->scalar));
    return true;
}

/* Three same FP not handled by translate-simd-fp.c: key = u:a:op. */
static bool fp3_extra(DisasContext *s, unsigned key, arg_FP3_s *a, bool scalar)
{
    static const struct { uint8_t key, kind, sub, scalar_ok; } tab[] = {
        { 0x03, FK_BIN, FB_MULX, 1 }, { 0x07, FK_BIN, FB_RECPS, 1 },
        { 0x0f, FK_BIN, FB_RSQRTS, 1 }, { 0x1a, FK_BIN, FB_ABD, 1 },
        { 0x15, FK_BIN, FB_ACGE, 1 }, { 0x1d, FK_BIN, FB_ACGT, 1 },
        { 0x04, FK_BIN, FB_CMEQ, 1 }, { 0x14, FK_BIN, FB_CMGE, 1 },
        { 0x1c, FK_BIN, FB_CMGT, 1 },
        { 0x10, FK_PAIR, 6, 0 }, { 0x18, FK_PAIR, 7, 0 }, { 0x12, FK_PAIR, 2, 0 },
        { 0x16, FK_PAIR, 4, 0 }, { 0x1e, FK_PAIR, 5, 0 },
    };
    for (unsigned i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        if (tab[i].key != key)
            continue;
        if ((scalar && !tab[i].scalar_ok) || !fpv_shape_ok(a->vq, a->sz, scalar))
            return false;
        gen_fpv(s, a->Rd, a->Rn, a->Rm, a->vq, a->sz, fpv_op(tab[i].kind, tab[i].sub, scalar));
        return true;
    }
    return false;
}

/* Vector three same FP that trans_FP3_v leaves (see translate-simd-fp.c). */
bool a64_trans_fp3_extra(DisasContext *s, arg_FP3_v *a)
{
    arg_FP3_s b = { .u = a->u, .a = a->a, .sz = a->sz, .Rm = a->Rm, .op = a->op,
                    .Rn = a->Rn, .Rd = a->Rd, .vq = a->vq, .scalar = 0 };
    return fp3_extra(s, (unsigned)(a->u << 4 | a->a << 3 | a->op), &b, false);
}

/* Scalar three same FP: FMULX, FCMEQ, FRECPS, FRSQRTS, FCMGE, FACGE, FABD,
 * FCMGT, FACGT. */
bool trans_FP3_s(DisasContext *s, arg_FP3_s *a)
{
    return fp3_extra(s, (unsigned)(a->u << 4 | a->a << 3 | a->op), a, true);
}

/* FMAXNMV, FMINNMV (opc 01100), FMAXV, FMINV (01111): 4S only. */
bool trans_FPACROSS(DisasContext *s, arg_FPACROSS *a)
{
    if (!a->Q || a->sz)
        return false;
    unsigned sub = a->opc == 12 ? 6u + (unsigned)a->a : 4u + (unsigned)a->a;
    gen_fpv(s, a->Rd, a->Rn, 0, true, false, fpv_op(FK_ACROSS, sub, false));
    return true;
}
