/* frontend/aarch64/translate-simd-fp.c — scalar floating point (single and
 * double): arithmetic, fused multiply-add, min/max, square root, rounding to
 * integral, precision conversion, compares (FCMP, FCMPE, FCCMP, FCCMPE),
 * FCSEL, and conversions to and from general registers.
 *
 * FMOV, FABS, FNEG and FCSEL are inline IR (they only move bits).  The rest
 * are helpers over A64CPU.v that compute with the host's IEEE arithmetic and
 * then fix up what differs from the Arm ARM:
 *   - NaN operands are handled first, as FPProcessNaNs does: a signalling
 *     NaN (first in operand order) wins and is quieted, else the first quiet
 *     NaN; FPCR.DN selects the default NaN instead.
 *   - a NaN produced from non-NaN operands is the Arm default NaN
 *     (positive, quiet), not x86's negative one.
 *   - cumulative exception flags go to FPSR (IOC, DZC, OFC, UFC, IXC) from
 *     the host's flags; FPCR.RMode is applied to the host for the operation.
 *   - single-precision +, -, *, /, sqrt are computed in double and rounded
 *     once to float, which is exact (53 >= 2 * 24 + 2); FMA uses fmaf/fma.
 * Half-precision conversions are in translate-simd-f16.c, the AdvSIMD FP
 * operations beyond three same in translate-simd-fpv.c.  Not implemented:
 * flush-to-zero (FPCR.FZ) and FEAT_FP16 arithmetic (ftype 11: UDEF).
 */
#include "frontend/aarch64/translate-ldst.h"

#include <fenv.h>
#include <math.h>
#include <string.h>

#include "frontend/aarch64/a64-decode.h"
#include "frontend/aarch64/translate-simd-fp.h"

/* ---- Operand packing ------------------------------------------------------------------ */

static uint32_t fp_desc(unsigned rd, unsigned rn, unsigned rm, unsigned ra,
                        bool dbl, unsigned op)
{
    return rd | rn << 5 | rm << 10 | ra << 15 | (unsigned)dbl << 20 | op << 21;
}
#define FPD_RD(d)  ((d) & 31)
#define FPD_RN(d)  (((d) >> 5) & 31)
#define FPD_RM(d)  (((d) >> 10) & 31)
#define FPD_RA(d)  (((d) >> 15) & 31)
#define FPD_DBL(d) (((d) >> 20) & 1)
#define FPD_OP(d)  ((d) >> 21)
/* Integer conversions have no Rm/Ra: bits 16:10 hold the fixed-point
 * fraction bits (0..64) instead. */
#define FPD_FBITS(d) (((d) >> 10) & 127)

static uint32_t fp_cvt_desc(unsigned rd, unsigned rn, unsigned fbits, bool dbl, unsigned op)
{
    return fp_desc(rd, rn, fbits & 31, fbits >> 5, dbl, op);
}

enum { FPSR_IOC = 1, FPSR_DZC = 2, FPSR_OFC = 4, FPSR_UFC = 8, FPSR_IXC = 16 };
#define FPCR_DN (1ull << 25)

/* ---- Values ------------------------------------------------------------------------------ */

static uint64_t fp_get(const A64CPU *env, unsigned r, bool dbl)
{
    return dbl ? env->v[r][0] : (uint32_t)env->v[r][0];
}

static void fp_set(A64CPU *env, unsigned r, uint64_t bits)
{
    env->v[r][0] = bits;
    env->v[r][1] = 0;
}

static double to_host(uint64_t b, bool dbl)
{
    if (dbl) {
        double d;
        memcpy(&d, &b, 8);
        return d;
    }
    float f;
    uint32_t w = (uint32_t)b;
    memcpy(&f, &w, 4);
    return f;
}

/* Rounds to the destination precision (the one rounding of a single op). */
static uint64_t from_host(double x, bool dbl)
{
    if (dbl) {
        uint64_t b;
        memcpy(&b, &x, 8);
        return b;
    }
    float f = (float)x;
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

static uint64_t qbit(bool dbl) { return dbl ? 1ull << 51 : 1ull << 22; }
static uint64_t sign_bit(bool dbl) { return dbl ? 1ull << 63 : 1ull << 31; }
static uint64_t default_nan(bool dbl) { return dbl ? 0x7ff8000000000000ull : 0x7fc00000ull; }

static bool is_nan(uint64_t b, bool dbl)
{
    return dbl ? (b & ~sign_bit(true)) > 0x7ff0000000000000ull
               : (b & 0x7fffffffu) > 0x7f800000u;
}

static bool is_snan(uint64_t b, bool dbl) { return is_nan(b, dbl) && !(b & qbit(dbl)); }

/* FPProcessNaNs over n operands in priority order; true (and *res) when
 * some operand is a NaN. */
static bool process_nans(A64CPU *env, const uint64_t *ops, unsigned n, bool dbl,
                         uint64_t *res)
{
    int pick = -1;
    for (unsigned i = 0; i < n && pick < 0; i++)
        if (is_snan(ops[i], dbl))
            pick = (int)i;
    if (pick >= 0)
        env->fpsr |= FPSR_IOC;
    for (unsigned i = 0; i < n && pick < 0; i++)
        if (is_nan(ops[i], dbl))
            pick = (int)i;
    if (pick < 0)
        return false;
    *res = (env->fpcr & FPCR_DN) ? default_nan(dbl) : ops[pick] | qbit(dbl);
    return true;
}

/* A result computed by the host: its NaNs are Arm's default NaN. */
static uint64_t fix_nan(double x, bool dbl)
{
    return isnan(x) ? default_nan(dbl) : from_host(x, dbl);
}

/* ---- Host environment around an operation --------------------------------------------------- */

/* The compiler does not order FP arithmetic against fenv calls (no
 * -frounding-math): operands pass through this after fp_begin(), so the
 * operation cannot be hoisted above it; results are stored to env before
 * fp_end(), which is an opaque call. */
static inline uint64_t fp_opaque(uint64_t x)
{
    __asm__ volatile("" : "+r"(x));
    return x;
}

static const int host_rmode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

/* Clears the host flags and applies FPCR.RMode; returns the mode to
 * restore, or -1. */
static int fp_begin(const A64CPU *env)
{
    feclearexcept(FE_ALL_EXCEPT);
    unsigned rm = (env->fpcr >> 22) & 3;
    if (rm == 0)
        return -1;
    int saved = fegetround();
    fesetround(host_rmode[rm]);
    return saved;
}

/* Adds the host's exception flags to FPSR and restores the rounding mode. */
static void fp_end(A64CPU *env, int saved)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    env->fpsr |= ((e & FE_INVALID) ? FPSR_IOC : 0) | ((e & FE_DIVBYZERO) ? FPSR_DZC : 0) |
                 ((e & FE_OVERFLOW) ? FPSR_OFC : 0) | ((e & FE_UNDERFLOW) ? FPSR_UFC : 0) |
                 ((e & FE_INEXACT) ? FPSR_IXC : 0);
    if (saved >= 0)
        fesetround(saved);
}

/* ---- Two and three source ------------------------------------------------------------------ */

/* x86 detects tininess after rounding, Arm before: a single-precision
 * result that rounded up to the smallest normal from below also
 * underflowed.  exact: the result before rounding to single (at least to
 * double precision, which decides this boundary). */
static void fix_tiny_single(A64CPU *env, double exact, uint64_t r)
{
    if ((r & 0x7fffffffu) == 0x00800000u && fabs(exact) < 0x1p-126)
        env->fpsr |= FPSR_UFC;
}

/* FMAX/FMIN of two non-NaN values; +0 is larger than -0. */
static uint64_t fp_minmax(uint64_t a, uint64_t b, bool dbl, bool max)
{
    double x = to_host(a, dbl), y = to_host(b, dbl);
    if (x == y)
        return x == 0 ? (max ? (a & b) : (a | b)) : a;
    return (max ? x > y : x < y) ? a : b;
}

/* opcode: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM, 7 FMINNM,
 * 8 FNMUL. */
static uint64_t fp_2src(A64CPU *env, unsigned op, uint64_t a, uint64_t b, bool dbl)
{
    uint64_t ops[2] = { a, b }, r;
    if (op == 6 || op == 7) {
        /* FMAXNM/FMINNM: a single quiet NaN loses to a number. */
        if (is_nan(a, dbl) && !is_snan(a, dbl) && !is_nan(b, dbl))
            return b;
        if (is_nan(b, dbl) && !is_snan(b, dbl) && !is_nan(a, dbl))
            return a;
    }
    if (process_nans(env, ops, 2, dbl, &r))
        return op == 8 ? r ^ sign_bit(dbl) : r;
    if (op >= 4 && op <= 7)
        return fp_minmax(a, b, dbl, !(op & 1));
    double x = to_host(a, dbl), y = to_host(b, dbl), z;
    switch (op) {
    case 0: case 8: z = x * y; break;
    case 1: z = x / y; break;
    case 2: z = x + y; break;
    default: z = x - y; break;
    }
    r = fix_nan(z, dbl);
    if (!dbl)
        fix_tiny_single(env, z, r);
    return op == 8 ? r ^ sign_bit(dbl) : r;
}

static void helper_fp_2src(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    int saved = fp_begin(env);
    uint64_t a = fp_opaque(fp_get(env, FPD_RN(desc), dbl));
    uint64_t b = fp_opaque(fp_get(env, FPD_RM(desc), dbl));
    fp_set(env, FPD_RD(desc), fp_2src(env, FPD_OP(desc), a, b, dbl));
    fp_end(env, saved);
}

static bool is_inf(uint64_t b, bool dbl) { return isinf(to_host(b, dbl)); }
static bool is_zero(uint64_t b, bool dbl) { return (b & ~sign_bit(dbl)) == 0; }

/* The double-precision counterpart for a fused a + n * m that rounded to
 * the smallest normal: decided under round-toward-zero after scaling by
 * 2^600, where nothing is subnormal.  Only a small addend and a factor of
 * magnitude at most 1 can give a sum this small, so the scaling is exact. */
static void fix_tiny_double(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, uint64_t r)
{
    if ((r & ~sign_bit(true)) != 0x0010000000000000ull)
        return;
    double x = to_host(n, true), y = to_host(m, true), z = to_host(a, true);
    if (fabs(x) > fabs(y)) {
        double t = x;
        x = y;
        y = t;
    }
    if (fabs(x) > 1 || fabs(z) > 0x1p400)
        return;
    int mode = fegetround();
    fesetround(FE_TOWARDZERO);
    uint64_t e = fp_opaque(from_host(fma(x * 0x1p600, y, z * 0x1p600), true));
    fesetround(mode);
    if (fabs(to_host(e, true)) < 0x1p-422)
        env->fpsr |= FPSR_UFC;
}

/* FPMulAdd: addend + n * m, fused, with Arm's NaN rules (the addend first;
 * a quiet-NaN addend with inf * 0 is the default NaN). */
static uint64_t fp_muladd(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, bool dbl)
{
    uint64_t ops[3] = { a, n, m }, r;
    bool nan = process_nans(env, ops, 3, dbl, &r);
    bool inf_zero = (is_inf(n, dbl) && is_zero(m, dbl)) || (is_zero(n, dbl) && is_inf(m, dbl));
    if (is_nan(a, dbl) && !is_snan(a, dbl) && inf_zero) {
        env->fpsr |= FPSR_IOC;
        return default_nan(dbl);
    }
    if (nan)
        return r;
    if (dbl) {
        r = fix_nan(fma(to_host(n, true), to_host(m, true), to_host(a, true)), true);
        fix_tiny_double(env, a, n, m, r);
        return r;
    }
    float f = fmaf((float)to_host(n, false), (float)to_host(m, false), (float)to_host(a, false));
    r = fix_nan(f, false);
    if ((r & 0x7fffffffu) == 0x00800000u) {
        /* Truncated, the double fma stays below 2^-126 exactly when the
         * exact sum is below it (the product of two singles is exact). */
        int mode = fegetround();
        fesetround(FE_TOWARDZERO);
        uint64_t e = fp_opaque(from_host(fma(to_host(fp_opaque(n), false), to_host(m, false),
                                             to_host(a, false)), true));
        fesetround(mode);
        fix_tiny_single(env, to_host(e, true), r);
    }
    return r;
}

/* o1:o0 = 00 FMADD (a + n*m), 01 FMSUB (a - n*m), 10 FNMADD (-a - n*m),
 * 11 FNMSUB (-a + n*m): the negations apply to the operands before the
 * operation, NaNs included. */
static void helper_fp_3src(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    unsigned op = FPD_OP(desc);
    int saved = fp_begin(env);
    uint64_t n = fp_opaque(fp_get(env, FPD_RN(desc), dbl));
    uint64_t m = fp_opaque(fp_get(env, FPD_RM(desc), dbl));
    uint64_t a = fp_opaque(fp_get(env, FPD_RA(desc), dbl));
    if (op == 1 || op == 2)
        n ^= sign_bit(dbl);
    if (op & 2)
        a ^= sign_bit(dbl);
    fp_set(env, FPD_RD(desc), fp_muladd(env, a, n, m, dbl));
    fp_end(env, saved);
}

/* ---- One source ---------------------------------------------------------------------------- */

/* FCVT between single and double; NaNs keep their top payload bits. */
static uint64_t fp_convert(A64CPU *env, uint64_t a, bool from_dbl)
{
    if (!is_nan(a, from_dbl))
        return from_host(to_host(a, from_dbl), !from_dbl);
    if (is_snan(a, from_dbl))
        env->fpsr |= FPSR_IOC;
    if (env->fpcr & FPCR_DN)
        return default_nan(!from_dbl);
    uint64_t sign = (a & sign_bit(from_dbl)) ? sign_bit(!from_dbl) : 0;
    if (from_dbl)
        return sign | 0x7fc00000ull | ((a >> 29) & 0x3fffffull);
    return sign | 0x7ff8000000000000ull | ((a & 0x3fffffull) << 29);
}

/* x rounded to an integral value: 0 N (ties to even), 1 P, 2 M, 3 Z, 4 A
 * (ties away).  Exact and independent of the host rounding mode. */
static double fp_round(double x, unsigned mode)
{
    switch (mode) {
    case 0: return fabs(x) < 0x1p52 ? copysign(x - remainder(x, 1.0), x) : x;
    case 1: return ceil(x);
    case 2: return floor(x);
    case 3: return trunc(x);
    default: return round(x);
    }
}

/* FPCR.RMode (N, P, M, Z) as a fp_round mode, for FRINTX/FRINTI. */
static unsigned fpcr_round(const A64CPU *env)
{
    return (unsigned)(env->fpcr >> 22) & 3;
}

/* FRINT* (op 8..15 = N, P, M, Z, A, -, X, I): exact, computed in the host's
 * default mode, flags by hand. */
uint64_t a64_fp_rint(A64CPU *env, uint64_t a, bool dbl, unsigned op)
{
    uint64_t r;
    if (process_nans(env, &a, 1, dbl, &r))
        return r;
    double x = to_host(a, dbl), y = fp_round(x, op >= 14 ? fpcr_round(env) : op - 8);
    if (op == 14 && x != y)     /* only FRINTX reports an inexact result */
        env->fpsr |= FPSR_IXC;
    return from_host(y, dbl);
}

/* FSQRT of one value (between fp_begin and fp_end). */
uint64_t a64_fp_sqrt(A64CPU *env, uint64_t a, bool dbl)
{
    uint64_t r;
    if (process_nans(env, &a, 1, dbl, &r))
        return r;
    return dbl ? fix_nan(sqrt(to_host(a, true)), true)
               : fix_nan(sqrtf((float)to_host(a, false)), false);
}

/* opcode: 3 FSQRT, 4/5 FCVT to single/double, 8..15 FRINT{N,P,M,Z,A,-,X,I}. */
static void helper_fp_1src(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    unsigned op = FPD_OP(desc);
    uint64_t a = fp_get(env, FPD_RN(desc), dbl), r;
    if (op >= 8) {
        fp_set(env, FPD_RD(desc), a64_fp_rint(env, a, dbl, op));
        return;
    }
    int saved = fp_begin(env);
    a = fp_opaque(a);
    if (op == 4 || op == 5)
        r = fp_convert(env, a, dbl);
    else
        r = a64_fp_sqrt(env, a, dbl);
    fp_set(env, FPD_RD(desc), r);
    fp_end(env, saved);
}

/* ---- Compares ------------------------------------------------------------------------------ */

/* FCMP/FCMPE/FCCMP/FCCMPE: NZCV (bits 31:28) of Rn against Rm or #0.0
 * when holds, else the immediate nzcv (op bits 4:1).  op bit 0: signal on
 * quiet NaNs (the E forms); op bit 5: compare with zero. */
static uint64_t helper_fp_cmp(A64CPU *env, uint32_t desc, uint64_t holds)
{
    unsigned op = FPD_OP(desc);
    if (!holds)
        return (uint64_t)((op >> 1) & 15) << 28;
    bool dbl = FPD_DBL(desc);
    uint64_t a = fp_get(env, FPD_RN(desc), dbl);
    uint64_t b = (op & 32) ? 0 : fp_get(env, FPD_RM(desc), dbl);
    if (is_nan(a, dbl) || is_nan(b, dbl)) {
        if ((op & 1) || is_snan(a, dbl) || is_snan(b, dbl))
            env->fpsr |= FPSR_IOC;
        return 0x3ull << 28;
    }
    double x = to_host(a, dbl), y = to_host(b, dbl);
    return (x < y ? 0x8ull : x == y ? 0x6ull : 0x2ull) << 28;
}

/* ---- Integer conversions --------------------------------------------------------------------- */

/* x converted to an integer with rounding mode (0..4 as fp_round), signed
 * or not, 64 or 32 bits (zero-extended).  Saturates; NaN gives 0; both set
 * IOC, an inexact result IXC. */
static uint64_t fp_to_int(A64CPU *env, double x, unsigned mode, bool uns, bool sf)
{
    if (isnan(x)) {
        env->fpsr |= FPSR_IOC;
        return 0;
    }
    double r = fp_round(x, mode);
    double lo = uns ? 0.0 : (sf ? -0x1p63 : -0x1p31);
    double hi = uns ? (sf ? 0x1p64 : 0x1p32) : (sf ? 0x1p63 : 0x1p31);
    uint64_t v;
    if (r < lo) {
        env->fpsr |= FPSR_IOC;
        v = uns ? 0 : (sf ? (uint64_t)INT64_MIN : (uint32_t)INT32_MIN);
    } else if (r >= hi) {
        env->fpsr |= FPSR_IOC;
        v = uns ? (sf ? UINT64_MAX : UINT32_MAX) : (sf ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX);
    } else {
        if (r != x)
            env->fpsr |= FPSR_IXC;
        v = uns ? (uint64_t)r : (uint64_t)(int64_t)r;
    }
    return sf ? v : (uint32_t)v;
}

/* FCVT{N,P,M,Z,A}{S,U} to a general register (fixed point: scaled by
 * 2^fbits first): op = mode | unsigned << 3 | sf << 4.  Returns the
 * register value. */
static uint64_t helper_fp_to_int(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    unsigned op = FPD_OP(desc);
    double x = ldexp(to_host(fp_get(env, FPD_RN(desc), dbl), dbl), (int)FPD_FBITS(desc));
    return fp_to_int(env, x, op & 7, (op >> 3) & 1, (op >> 4) & 1);
}

/* The integer x (64 bits, or 32 when !sf) as FP bits, in the current
 * rounding mode. */
static uint64_t int_to_fp(uint64_t x, bool dbl, bool uns, bool sf)
{
    if (!sf)
        x = uns ? (uint32_t)x : (uint64_t)(int64_t)(int32_t)x;
    if (dbl)
        return from_host(uns ? (double)x : (double)(int64_t)x, true);
    float f = uns ? (float)x : (float)(int64_t)x;
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

/* SCVTF/UCVTF from a general register (fixed point: divided by 2^fbits):
 * op = unsigned | sf << 1. */
static void helper_int_to_fp(A64CPU *env, uint64_t x, uint32_t desc)
{
    unsigned op = FPD_OP(desc);
    int saved = fp_begin(env);
    uint64_t r = int_to_fp(fp_opaque(x), FPD_DBL(desc), op & 1, (op >> 1) & 1);
    if (FPD_FBITS(desc)) {
        /* An exact power-of-two scaling of a value in the normal range. */
        double d = ldexp(to_host(r, FPD_DBL(desc)), -(int)FPD_FBITS(desc));
        r = from_host(d, FPD_DBL(desc));
    }
    fp_set(env, FPD_RD(desc), r);
    fp_end(env, saved);
}

/* ---- AdvSIMD lanes ------------------------------------------------------------------------- */

enum { FPV_TO_FP, FPV_TO_INT, FPV_2SRC, FPV_CVTL, FPV_CVTN, FPV_PAIR, FPV_FMLA, FPV_FCM };

/* FCMEQ (sub 0), FCMGE (1), FCMGT (2): all ones when true; false for
 * unordered, which signals for GE/GT (and for signalling NaNs). */
static uint64_t fp_cmp_lane(A64CPU *env, unsigned sub, uint64_t n, uint64_t m, bool dbl)
{
    if (is_nan(n, dbl) || is_nan(m, dbl)) {
        if (sub || is_snan(n, dbl) || is_snan(m, dbl))
            env->fpsr |= FPSR_IOC;
        return 0;
    }
    double x = to_host(n, dbl), y = to_host(m, dbl);
    bool t = sub == 0 ? x == y : sub == 1 ? x >= y : x > y;
    return t ? ~0ull : 0;
}

/* One lane of an element-wise AdvSIMD FP operation (d: the old Vd lane). */
static uint64_t fp_lane(A64CPU *env, unsigned kind, unsigned sub, uint64_t n,
                        uint64_t m, uint64_t d, bool dbl)
{
    switch (kind) {
    case FPV_TO_FP: return int_to_fp(n, dbl, sub & 1, dbl);
    case FPV_TO_INT: return fp_to_int(env, to_host(n, dbl), sub & 7, (sub >> 3) & 1, dbl);
    case FPV_FMLA: return fp_muladd(env, d, sub ? n ^ sign_bit(dbl) : n, m, dbl);
    case FPV_FCM: return fp_cmp_lane(env, sub, n, m, dbl);
    default: return fp_2src(env, sub, n, m, dbl);
    }
}

/* Element-wise over every lane (one for a scalar); the rest of Vd cleared. */
static void fp_vec_lanes(A64CPU *env, uint32_t desc, unsigned kind, unsigned lanes)
{
    bool dbl = FPD_DBL(desc);
    unsigned bits = dbl ? 64 : 32;
    const uint64_t *n = env->v[FPD_RN(desc)], *m = env->v[FPD_RM(desc)];
    const uint64_t *d = env->v[FPD_RD(desc)];
    uint64_t r[2] = { 0, 0 }, mask = dbl ? ~0ull : 0xffffffffull;
    for (unsigned i = 0; i < lanes; i++) {
        unsigned pos = i * bits;
        uint64_t x = fp_opaque((n[pos / 64] >> (pos % 64)) & mask);
        uint64_t y = fp_opaque((m[pos / 64] >> (pos % 64)) & mask);
        uint64_t z = fp_opaque((d[pos / 64] >> (pos % 64)) & mask);
        uint64_t v = fp_lane(env, kind, FPD_OP(desc) & 15, x, y, z, dbl);
        r[pos / 64] |= (v & mask) << (pos % 64);
    }
    memcpy(env->v[FPD_RD(desc)], r, sizeof(r));
}

/* FCVTL/FCVTL2: two singles (low or high half of Vn) to two doubles. */
static void fp_vec_cvtl(A64CPU *env, uint32_t desc, bool q)
{
    uint64_t src = env->v[FPD_RN(desc)][q];
    uint64_t lo = fp_convert(env, fp_opaque(src & 0xffffffffull), false);
    uint64_t hi = fp_convert(env, fp_opaque(src >> 32), false);
    env->v[FPD_RD(desc)][0] = lo;
    env->v[FPD_RD(desc)][1] = hi;
}

/* FCVTN/FCVTN2: two doubles to two singles in the low half (high cleared)
 * or the high half (low kept). */
static void fp_vec_cvtn(A64CPU *env, uint32_t desc, bool q)
{
    const uint64_t *n = env->v[FPD_RN(desc)];
    uint64_t lo = fp_convert(env, fp_opaque(n[0]), true);
    uint64_t hi = fp_convert(env, fp_opaque(n[1]), true);
    uint64_t *d = env->v[FPD_RD(desc)];
    d[q] = lo | hi << 32;
    if (!q)
        d[1] = 0;
}

/* Scalar pairwise (FADDP, FMAXP, ...): the two lanes of the low 64 (single)
 * or 128 (double) bits of Vn combined into a scalar. */
static void fp_vec_pair(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    const uint64_t *n = env->v[FPD_RN(desc)];
    uint64_t a = dbl ? n[0] : n[0] & 0xffffffffull, b = dbl ? n[1] : n[0] >> 32;
    fp_set(env, FPD_RD(desc), fp_2src(env, FPD_OP(desc) & 15, fp_opaque(a), fp_opaque(b), dbl));
}

/* op = sub | kind << 4 | Q << 7 | scalar << 8. */
static void helper_fp_vec(A64CPU *env, uint32_t desc)
{
    unsigned op = FPD_OP(desc), kind = (op >> 4) & 7;
    bool q = (op >> 7) & 1, scalar = (op >> 8) & 1;
    /* Conversions to integer are exact in the default mode: no host flags. */
    if (kind == FPV_TO_INT) {
        fp_vec_lanes(env, desc, kind, scalar ? 1 : (q ? 128u : 64u) >> (FPD_DBL(desc) ? 6 : 5));
        return;
    }
    int saved = fp_begin(env);
    if (kind == FPV_CVTL)
        fp_vec_cvtl(env, desc, q);
    else if (kind == FPV_CVTN)
        fp_vec_cvtn(env, desc, q);
    else if (kind == FPV_PAIR)
        fp_vec_pair(env, desc);
    else
        fp_vec_lanes(env, desc, kind, scalar ? 1 : (q ? 128u : 64u) >> (FPD_DBL(desc) ? 6 : 5));
    fp_end(env, saved);
}

/* ---- Descriptors --------------------------------------------------------------------------- */

/* They read and write vector registers and FPSR in env, not IR globals. */
static IrHelper helper_desc_fp_2src = { "fp_2src", (void *)helper_fp_2src,
    IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
static IrHelper helper_desc_fp_3src = { "fp_3src", (void *)helper_fp_3src,
    IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
static IrHelper helper_desc_fp_1src = { "fp_1src", (void *)helper_fp_1src,
    IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
static IrHelper helper_desc_fp_cmp = { "fp_cmp", (void *)helper_fp_cmp,
    IR_HF_SIDE_EFFECTS, IR_I64, 3, { IR_I64, IR_I32, IR_I64 }, NULL };
static IrHelper helper_desc_fp_to_int = { "fp_to_int", (void *)helper_fp_to_int,
    IR_HF_SIDE_EFFECTS, IR_I64, 2, { IR_I64, IR_I32 }, NULL };
static IrHelper helper_desc_fp_vec = { "fp_vec", (void *)helper_fp_vec,
    IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
static IrHelper helper_desc_int_to_fp = { "int_to_fp", (void *)helper_int_to_fp,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I64, IR_I32 }, NULL };

static IrTemp desc_const(DisasContext *s, uint32_t desc)
{
    return ir_const(s->f, IR_I32, desc);
}

static void gen_fp_call(DisasContext *s, IrHelper *h, uint32_t desc)
{
    IrTemp args[2] = { IR_TEMP_ENV, desc_const(s, desc) };
    ir_gen_call(s->f, h, IR_NO_TEMP, args);
}

/* ---- Translation --------------------------------------------------------------------------- */

/* ftype 00 single, 01 double; others UDEF here. */
static bool ftype_ok(int64_t ftype) { return ftype == 0 || ftype == 1; }

/* FMOV/FABS/FNEG: bit operations on the low 32 or 64 bits. */
static bool gen_fp_bits(DisasContext *s, arg_FP_1src *a)
{
    bool dbl = a->ftype == 1;
    IrTemp v = gen_vec_read(s, a->Rn, 0);
    uint64_t sign = dbl ? 1ull << 63 : 1ull << 31;
    if (!dbl)
        ir_gen_unop(s->f, IR_EXT32U, v, v);
    if (a->opcode == 1)
        ir_gen_binop(s->f, IR_ANDC, v, v, ir_const(s->f, IR_I64, sign));
    else if (a->opcode == 2)
        ir_gen_binop(s->f, IR_XOR, v, v, ir_const(s->f, IR_I64, sign));
    gen_vec_write2(s, a->Rd, v, IR_NO_TEMP);
    return true;
}

/* Floating-point data-processing (1 source). */
bool trans_FP_1src(DisasContext *s, arg_FP_1src *a)
{
    unsigned op = (unsigned)a->opcode;
    if (a->ftype == 3 || op == 7)     /* FCVT to or from half precision */
        return a64_gen_fcvt_half(s, a->Rd, a->Rn, a->ftype, op);
    if (!ftype_ok(a->ftype))
        return false;
    if (op <= 2)
        return gen_fp_bits(s, a);
    bool ok = op == 3 || (op == 4 && a->ftype == 1) || (op == 5 && a->ftype == 0) ||
              (op >= 8 && op <= 15 && op != 13);
    if (!ok)
        return false;
    gen_fp_call(s, &helper_desc_fp_1src, fp_desc(a->Rd, a->Rn, 0, 0, a->ftype, op));
    return true;
}

/* Floating-point data-processing (2 source). */
bool trans_FP_2src(DisasContext *s, arg_FP_2src *a)
{
    if (!ftype_ok(a->ftype) || a->opcode > 8)
        return false;
    gen_fp_call(s, &helper_desc_fp_2src,
                fp_desc(a->Rd, a->Rn, a->Rm, 0, a->ftype, a->opcode));
    return true;
}

/* Floating-point data-processing (3 source). */
bool trans_FP_3src(DisasContext *s, arg_FP_3src *a)
{
    if (!ftype_ok(a->ftype))
        return false;
    gen_fp_call(s, &helper_desc_fp_3src,
                fp_desc(a->Rd, a->Rn, a->Rm, a->Ra, a->ftype, a->o1 << 1 | a->o0));
    return true;
}

/* NZCV (bits 31:28 of x) into the split flags of a64.h. */
static void gen_set_nzcv(DisasContext *s, IrTemp x)
{
    IrTemp z = ir_new_temp(s->f, IR_I64);
    ir_gen_binopi(s->f, IR_SHL, A64_T_NF, x, 32);
    ir_gen_extract(s->f, z, x, 30, 1);
    ir_gen_binopi(s->f, IR_XOR, A64_T_ZF, z, 1);
    ir_gen_extract(s->f, A64_T_CF, x, 29, 1);
    ir_gen_binopi(s->f, IR_SHL, A64_T_VF, x, 35);
}

static void gen_fp_compare(DisasContext *s, uint32_t desc, IrTemp holds)
{
    IrTemp nzcv = ir_new_temp(s->f, IR_I64);
    IrTemp args[3] = { IR_TEMP_ENV, desc_const(s, desc), holds };
    ir_gen_call(s->f, &helper_desc_fp_cmp, nzcv, args);
    gen_set_nzcv(s, nzcv);
}

/* FCMP, FCMPE (register or #0.0). */
bool trans_FCMP(DisasContext *s, arg_FCMP *a)
{
    if (!ftype_ok(a->ftype) || (a->opc2 & 7))
        return false;
    unsigned op = (a->opc2 & 8 ? 32u : 0u) | (a->opc2 & 16 ? 1u : 0u);
    gen_fp_compare(s, fp_desc(0, a->Rn, a->Rm, 0, a->ftype, op), ir_const(s->f, IR_I64, 1));
    return true;
}

/* FCCMP, FCCMPE: the compare when cond holds, else NZCV = #nzcv. */
bool trans_FCCMP(DisasContext *s, arg_FCCMP *a)
{
    if (!ftype_ok(a->ftype))
        return false;
    IrTemp holds = ir_new_temp(s->f, IR_I64);
    gen_test_cc(s, a->cond, holds);
    unsigned op = (unsigned)(a->nzcv << 1 | a->op);
    gen_fp_compare(s, fp_desc(0, a->Rn, a->Rm, 0, a->ftype, op), holds);
    return true;
}

/* FCSEL: Rd = cond ? Rn : Rm. */
bool trans_FCSEL(DisasContext *s, arg_FCSEL *a)
{
    if (!ftype_ok(a->ftype))
        return false;
    IrTemp holds = ir_new_temp(s->f, IR_I64), r = ir_new_temp(s->f, IR_I64);
    gen_test_cc(s, a->cond, holds);
    IrTemp n = gen_vec_read(s, a->Rn, 0), m = gen_vec_read(s, a->Rm, 0);
    ir_gen_movcond(s->f, IR_COND_NE, r, holds, ir_const(s->f, IR_I64, 0), n, m);
    if (a->ftype == 0)
        ir_gen_unop(s->f, IR_EXT32U, r, r);
    gen_vec_write2(s, a->Rd, r, IR_NO_TEMP);
    return true;
}

static bool gen_fp_to_int(DisasContext *s, unsigned sf, unsigned ftype, unsigned rmode,
                          bool uns, unsigned rn, unsigned rd, unsigned fbits)
{
    IrTemp v = ir_new_temp(s->f, IR_I64);
    uint32_t desc = fp_cvt_desc(0, rn, fbits, ftype, rmode | uns << 3 | sf << 4);
    IrTemp args[2] = { IR_TEMP_ENV, desc_const(s, desc) };
    ir_gen_call(s->f, &helper_desc_fp_to_int, v, args);
    write_reg(s, rd, v, true);
    return true;
}

static bool gen_int_to_fp(DisasContext *s, unsigned sf, unsigned ftype, bool uns,
                          unsigned rn, unsigned rd, unsigned fbits)
{
    uint32_t desc = fp_cvt_desc(rd, 0, fbits, ftype, uns | sf << 1);
    IrTemp args[3] = { IR_TEMP_ENV, cpu_reg(s, rn), desc_const(s, desc) };
    ir_gen_call(s->f, &helper_desc_int_to_fp, IR_NO_TEMP, args);
    return true;
}

/* FCVT{N,P,M,Z}{S,U}, SCVTF, UCVTF (scalar, integer). */
bool trans_FCVT_int(DisasContext *s, arg_FCVT_int *a)
{
    if (!ftype_ok(a->ftype))
        return false;
    if (a->opcode < 2)
        return gen_fp_to_int(s, a->sf, a->ftype, a->rmode, a->opcode, a->Rn, a->Rd, 0);
    if (a->rmode != 0)
        return false;
    return gen_int_to_fp(s, a->sf, a->ftype, a->opcode & 1, a->Rn, a->Rd, 0);
}

/* FCVTAS, FCVTAU: round to nearest, ties away. */
bool trans_FCVTA_int(DisasContext *s, arg_FCVTA_int *a)
{
    if (!ftype_ok(a->ftype) || a->rmode != 0)
        return false;
    return gen_fp_to_int(s, a->sf, a->ftype, 4, a->u, a->Rn, a->Rd, 0);
}

/* SCVTF/UCVTF (rmode 00, opcode 01u) and FCVTZS/FCVTZU (rmode 11, opcode
 * 00u) with fixed-point fraction bits 64 - scale. */
bool trans_FCVT_fixed(DisasContext *s, arg_FCVT_fixed *a)
{
    unsigned fbits = 64 - (unsigned)a->scale;
    if (!ftype_ok(a->ftype) || (!a->sf && fbits > 32))
        return false;
    if (a->rmode == 0 && (a->opcode >> 1) == 1)
        return gen_int_to_fp(s, a->sf, a->ftype, a->opcode & 1, a->Rn, a->Rd, fbits);
    if (a->rmode == 3 && (a->opcode >> 1) == 0)
        return gen_fp_to_int(s, a->sf, a->ftype, 3, a->opcode & 1, a->Rn, a->Rd, fbits);
    return false;
}

/* ---- AdvSIMD ------------------------------------------------------------------------------- */

static bool gen_fp_vec(DisasContext *s, int64_t vq, int64_t scalar, int64_t sz,
                       unsigned rd, unsigned rn, unsigned rm, unsigned kind, unsigned sub)
{
    if (sz && !vq && !scalar)
        return false;
    unsigned op = sub | kind << 4 | (unsigned)vq << 7 | (unsigned)scalar << 8;
    gen_fp_call(s, &helper_desc_fp_vec, fp_desc(rd, rn, rm, 0, sz, op));
    return true;
}

/* SCVTF/UCVTF (vector and scalar, integer in a vector register). */
bool trans_SCVTF_simd(DisasContext *s, arg_SCVTF_simd *a)
{
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_FP, a->u);
}

/* FCVT{N,M}{S,U} (a = 0) and FCVT{P,Z}{S,U} (a = 1), vector and scalar. */
bool trans_FCVT_simd(DisasContext *s, arg_FCVT_simd *a)
{
    unsigned mode = a->a ? (a->o ? 3u : 1u) : (a->o ? 2u : 0u);
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_INT,
                      mode | (unsigned)a->u << 3);
}

bool trans_FCVTA_simd(DisasContext *s, arg_FCVTA_simd *a)
{
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_INT,
                      4 | (unsigned)a->u << 3);
}

/* AdvSIMD three same FP: u:a:op -> kind << 4 | sub, or -1 (UDEF here). */
static int fp3_op(unsigned u, unsigned a, unsigned op)
{
    switch (u << 4 | a << 3 | op) {
    case 0x00: return FPV_2SRC << 4 | 6;    /* FMAXNM */
    case 0x08: return FPV_2SRC << 4 | 7;    /* FMINNM */
    case 0x01: return FPV_FMLA << 4 | 0;    /* FMLA */
    case 0x09: return FPV_FMLA << 4 | 1;    /* FMLS */
    case 0x02: return FPV_2SRC << 4 | 2;    /* FADD */
    case 0x0a: return FPV_2SRC << 4 | 3;    /* FSUB */
    case 0x04: return FPV_FCM << 4 | 0;     /* FCMEQ */
    case 0x14: return FPV_FCM << 4 | 1;     /* FCMGE */
    case 0x1c: return FPV_FCM << 4 | 2;     /* FCMGT */
    case 0x06: return FPV_2SRC << 4 | 4;    /* FMAX */
    case 0x0e: return FPV_2SRC << 4 | 5;    /* FMIN */
    case 0x13: return FPV_2SRC << 4 | 0;    /* FMUL */
    case 0x17: return FPV_2SRC << 4 | 1;    /* FDIV */
    default: return -1;
    }
}

/* FADD, FSUB, FMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FMLA, FMLS, FCMEQ,
 * FCMGE, FCMGT (vector). */
bool trans_FP3_v(DisasContext *s, arg_FP3_v *a)
{
    int k = fp3_op(a->u, a->a, a->op);
    if (k < 0)
        return a64_trans_fp3_extra(s, a);
    return gen_fp_vec(s, a->vq, 0, a->sz, a->Rd, a->Rn, a->Rm, (unsigned)k >> 4, k & 15);
}

/* FCVTL/FCVTL2 (single to double) and FCVTN/FCVTN2 (double to single);
 * sz = 0: the half-precision forms (translate-simd-f16.c). */
bool trans_FCVTL(DisasContext *s, arg_FCVTL *a)
{
    if (!a->sz) {
        a64_gen_fcvtl_half(s, a->Rd, a->Rn, a->Q, a->l);
        return true;
    }
    unsigned op = (a->l ? FPV_CVTL : FPV_CVTN) << 4 | (unsigned)a->Q << 7;
    gen_fp_call(s, &helper_desc_fp_vec, fp_desc(a->Rd, a->Rn, 0, 0, true, op));
    return true;
}

/* Scalar pairwise: FMAXNMP, FADDP, FMAXP (a = 0) and FMINNMP, FMINP (a = 1). */
bool trans_FPAIR_s(DisasContext *s, arg_FPAIR_s *a)
{
    static const int8_t opc[2][4] = { { 6, 2, -1, 4 }, { 7, -1, -1, 5 } };
    int o = opc[a->a][a->opcode & 3];
    if (o < 0)
        return false;
    unsigned op = (unsigned)o | FPV_PAIR << 4;
    gen_fp_call(s, &helper_desc_fp_vec, fp_desc(a->Rd, a->Rn, 0, 0, a->sz, op));
    return true;
}

/* ---- By element ---------------------------------------------------------------------------- */

/* FMULX: FMUL, except that infinity times zero is 2.0 with the product's
 * sign. */
static uint64_t fp_mulx(A64CPU *env, uint64_t n, uint64_t m, bool dbl)
{
    uint64_t ops[2] = { n, m }, r;
    if (process_nans(env, ops, 2, dbl, &r))
        return r;
    if ((is_inf(n, dbl) && is_zero(m, dbl)) || (is_zero(n, dbl) && is_inf(m, dbl)))
        return ((n ^ m) & sign_bit(dbl)) | (dbl ? 0x4000000000000000ull : 0x40000000ull);
    return fp_2src(env, 0, n, m, dbl);
}

/* desc: simd_desc (size = double, imm = index); op = kind | scalar << 2
 * with kind 0 FMLA, 1 FMLS, 2 FMUL, 3 FMULX. */
static void helper_fp_elem(A64CPU *env, uint32_t desc, uint32_t op)
{
    bool dbl = SIMD_DESC_SIZE(desc), scalar = (op >> 2) & 1;
    unsigned bits = dbl ? 64 : 32, kind = op & 3;
    unsigned lanes = scalar ? 1 : (SIMD_DESC_Q(desc) ? 128u : 64u) / bits;
    uint64_t mask = dbl ? ~0ull : 0xffffffffull, r[2] = { 0, 0 };
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *d = env->v[SIMD_DESC_RD(desc)];
    unsigned mpos = SIMD_DESC_IMM(desc) * bits;
    int saved = fp_begin(env);
    uint64_t m = fp_opaque((env->v[SIMD_DESC_RM(desc)][mpos / 64] >> (mpos % 64)) & mask);
    for (unsigned i = 0; i < lanes; i++) {
        unsigned pos = i * bits;
        uint64_t x = fp_opaque((n[pos / 64] >> (pos % 64)) & mask);
        uint64_t z = fp_opaque((d[pos / 64] >> (pos % 64)) & mask), v;
        if (kind <= 1)
            v = fp_muladd(env, z, kind ? x ^ sign_bit(dbl) : x, m, dbl);
        else
            v = kind == 3 ? fp_mulx(env, x, m, dbl) : fp_2src(env, 0, x, m, dbl);
        r[pos / 64] |= (v & mask) << (pos % 64);
    }
    memcpy(env->v[SIMD_DESC_RD(desc)], r, sizeof(r));
    fp_end(env, saved);
}

static IrHelper helper_desc_fp_elem = { "fp_elem", (void *)helper_fp_elem,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };

void a64_gen_fp_elem(DisasContext *s, uint32_t desc, unsigned kind, bool scalar)
{
    IrTemp args[3] = { IR_TEMP_ENV, desc_const(s, desc),
                       desc_const(s, kind | (unsigned)scalar << 2) };
    ir_gen_call(s->f, &helper_desc_fp_elem, IR_NO_TEMP, args);
}

/* ---- Entry points for translate-simd-fpv.c ------------------------------------------------- */

uint64_t a64_fp_2src(A64CPU *env, unsigned op, uint64_t a, uint64_t b, bool dbl)
{
    return fp_2src(env, op, fp_opaque(a), fp_opaque(b), dbl);
}

uint64_t a64_fp_muladd(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, bool dbl)
{
    return fp_muladd(env, fp_opaque(a), fp_opaque(n), fp_opaque(m), dbl);
}

uint64_t a64_fp_mulx(A64CPU *env, uint64_t n, uint64_t m, bool dbl)
{
    return fp_mulx(env, fp_opaque(n), fp_opaque(m), dbl);
}

uint64_t a64_fp_cmp(A64CPU *env, unsigned sub, uint64_t n, uint64_t m, bool dbl)
{
    return fp_cmp_lane(env, sub, n, m, dbl);
}

bool a64_fp_process_nans(A64CPU *env, const uint64_t *ops, unsigned n, bool dbl, uint64_t *res)
{
    return process_nans(env, ops, n, dbl, res);
}

int a64_fp_begin(const A64CPU *env) { return fp_begin(env); }
void a64_fp_end(A64CPU *env, int saved) { fp_end(env, saved); }

/* Double to single rounding to odd (FCVTXN): truncate, then set the last
 * bit if anything was lost.  The caller's fp_begin/fp_end collect flags. */
uint64_t a64_fp_cvt_odd(A64CPU *env, uint64_t a)
{
    if (is_nan(a, true))
        return fp_convert(env, a, true);
    int saved = fegetround();
    fesetround(FE_TOWARDZERO);
    uint64_t r = fp_opaque(from_host(to_host(fp_opaque(a), true), false));
    fesetround(saved);
    if (to_host(r, false) != to_host(a, true))
        r |= 1;
    return r;
}
