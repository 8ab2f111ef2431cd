/* frontend/aarch64/translate-simd-fparith.c — the single and double
 * precision arithmetic under every A64 FP and AdvSIMD FP helper: the Arm
 * ARM's FPUnpack, FPProcessNaNs, FPRound and the operations built on them,
 * computed with the host's IEEE arithmetic and fixed up where Arm differs.
 *
 * Values are raw bits (single in the low 32 bits).  The rules, each in
 * one place:
 *   - Operands: a64_fp_unpack() is FPUnpack's flush-to-zero.  With
 *     FPCR.FZ a denormal operand is a zero of its sign and sets FPSR.IDC;
 *     every operation that takes an FP operand (arithmetic, compares,
 *     min/max, conversions, rounding, sqrt, estimates) unpacks first, before
 *     its NaN and special-case checks.  FABS/FNEG/FMOV/FCSEL never call it.
 *   - NaNs: handled before computing, as FPProcessNaNs: a signalling NaN
 *     (first in operand order) wins and is quieted, else the first quiet
 *     NaN; FPCR.DN selects the default NaN.  A NaN the host produces from
 *     non-NaN operands becomes Arm's default NaN (positive, quiet).
 *   - Rounding: every result the host rounds goes through fp_arith(),
 *     FPRound's counterpart.  Arm detects tininess before rounding, x86
 *     after: a result that rounded to the smallest normal from below is
 *     recomputed toward zero (a comparison of a rounded-toward-zero value
 *     with a representable bound is exact).  With FPCR.FZ a tiny result is
 *     a zero of its sign with UFC and without IXC; the host's IXC and UFC
 *     are then restored to their state before that operation, so the
 *     suppressed IXC of one lane does not hide another lane's.
 *   - Flags: arithmetic runs between a64_fp_begin() (clears the host
 *     flags, applies FPCR.RMode) and a64_fp_end() (adds them to FPSR as
 *     IOC, DZC, OFC, UFC, IXC).  Rounding to integral and conversions to
 *     integer are exact on the host and set their flags by hand.
 *   - Single precision +, -, *, / are computed in double and rounded once
 *     to single, which is exact (53 >= 2 * 24 + 2); FMA uses fmaf/fma.
 */
#include "frontend/aarch64/translate-simd-fp.h"

#include <fenv.h>
#include <math.h>
#include <string.h>

/* ---- Values ------------------------------------------------------------------------------ */

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
static uint64_t exp_mask(bool dbl) { return dbl ? 0x7ff0000000000000ull : 0x7f800000ull; }
/* The smallest normal's bits, which are also the bound of the denormals. */
static uint64_t min_normal(bool dbl) { return dbl ? 1ull << 52 : 1ull << 23; }
static uint64_t default_nan(bool dbl) { return dbl ? 0x7ff8000000000000ull : 0x7fc00000ull; }
static uint64_t magnitude(uint64_t b, bool dbl) { return b & ~sign_bit(dbl); }

static bool is_nan(uint64_t b, bool dbl) { return magnitude(b, dbl) > exp_mask(dbl); }
static bool is_snan(uint64_t b, bool dbl) { return is_nan(b, dbl) && !(b & qbit(dbl)); }
static bool is_inf(uint64_t b, bool dbl) { return magnitude(b, dbl) == exp_mask(dbl); }
static bool is_zero(uint64_t b, bool dbl) { return magnitude(b, dbl) == 0; }

/* FPUnpack's flush of a denormal operand (FPCR.FZ). */
uint64_t a64_fp_unpack(A64CPU *env, uint64_t x, bool dbl)
{
    if (!(env->fpcr & A64_FPCR_FZ) || (x & exp_mask(dbl)) || is_zero(x, dbl))
        return x;
    env->fpsr |= A64_FPSR_IDC;
    return x & sign_bit(dbl);
}

/* FPProcessNaNs over n operands in priority order; true (and *res) when
 * some operand is a NaN. */
bool a64_fp_process_nans(A64CPU *env, const uint64_t *ops, unsigned n, bool dbl, uint64_t *res)
{
    int pick = -1;
    for (unsigned i = 0; i < n && pick < 0; i++)
        if (is_snan(ops[i], dbl))
            pick = (int)i;
    if (pick >= 0)
        env->fpsr |= A64_FPSR_IOC;
    for (unsigned i = 0; i < n && pick < 0; i++)
        if (is_nan(ops[i], dbl))
            pick = (int)i;
    if (pick < 0)
        return false;
    *res = (env->fpcr & A64_FPCR_DN) ? default_nan(dbl) : ops[pick] | qbit(dbl);
    return true;
}

/* A result computed by the host: its NaNs are Arm's default NaN. */
static uint64_t fix_nan(double x, bool dbl)
{
    return isnan(x) ? default_nan(dbl) : from_host(x, dbl);
}

/* ---- Host environment around an operation --------------------------------------------------- */

/* The compiler does not order FP arithmetic against fenv calls (no
 * -frounding-math): operands pass through this after the fenv call that
 * must precede the operation and results right after it; a volatile asm
 * with a memory clobber is not moved across calls. */
static inline uint64_t fp_opaque(uint64_t x)
{
    __asm__ volatile("" : "+r"(x) : : "memory");
    return x;
}

/* The host's sticky exception flags.  glibc's feclearexcept and
 * fetestexcept also save and reload the whole x87 environment (fnstenv /
 * fldenv, ~100 cycles each), which made them half the CPU time of FP-heavy
 * guests.  On x86-64 every float and double operation tern does is SSE
 * (the ABI's), so MXCSR alone holds the flags, at the same bit positions
 * as glibc's FE_* masks; elsewhere fenv.h does the job.  Rounding-mode
 * changes stay with fesetround (rare, and it keeps x87 and SSE in step for
 * libm's own use). */
#if defined(__x86_64__) && FE_INVALID == 0x01 && FE_DIVBYZERO == 0x04 && \
    FE_OVERFLOW == 0x08 && FE_UNDERFLOW == 0x10 && FE_INEXACT == 0x20
static inline unsigned mxcsr_get(void)
{
    unsigned m;
    __asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
    return m;
}

static inline void mxcsr_set(unsigned m)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
}

static inline void host_flags_clear(int e) { mxcsr_set(mxcsr_get() & ~(unsigned)(e & FE_ALL_EXCEPT)); }
static inline int host_flags_test(int e) { return (int)mxcsr_get() & e & FE_ALL_EXCEPT; }
static inline void host_flags_raise(int e) { mxcsr_set(mxcsr_get() | (unsigned)(e & FE_ALL_EXCEPT)); }
#else
static inline void host_flags_clear(int e) { feclearexcept(e); }
static inline int host_flags_test(int e) { return fetestexcept(e); }
static inline void host_flags_raise(int e) { feraiseexcept(e); }
#endif

static const int host_rmode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

/* Clears the host flags and applies FPCR.RMode; returns the mode to
 * restore, or -1. */
int a64_fp_begin(const A64CPU *env)
{
    host_flags_clear(FE_ALL_EXCEPT);
    unsigned rm = (env->fpcr >> 22) & 3;
    if (rm == 0)
        return -1;
    int saved = fegetround();
    fesetround(host_rmode[rm]);
    return saved;
}

/* The host's exception flags added to FPSR. */
static void bank_flags(A64CPU *env)
{
    int e = host_flags_test(FE_ALL_EXCEPT);
    env->fpsr |= ((e & FE_INVALID) ? A64_FPSR_IOC : 0) | ((e & FE_DIVBYZERO) ? A64_FPSR_DZC : 0) |
                 ((e & FE_OVERFLOW) ? A64_FPSR_OFC : 0) | ((e & FE_UNDERFLOW) ? A64_FPSR_UFC : 0) |
                 ((e & FE_INEXACT) ? A64_FPSR_IXC : 0);
}

/* Adds the host's exception flags to FPSR and restores the rounding mode. */
void a64_fp_end(A64CPU *env, int saved)
{
    bank_flags(env);
    if (saved >= 0)
        fesetround(saved);
}

/* ---- Rounding (FPRound) ---------------------------------------------------------------------- */

typedef enum FpArith { FA_MUL, FA_DIV, FA_ADD, FA_SUB, FA_FMA, FA_NARROW } FpArith;

/* The host's rounding, in its current mode, of a * b, a / b, a + b, a - b,
 * a * b + c (fused), or of the double a to single (FA_NARROW). */
static uint64_t host_arith(FpArith k, uint64_t a, uint64_t b, uint64_t c, bool dbl)
{
    a = fp_opaque(a);
    double x = to_host(a, dbl), y = to_host(b, dbl), z = 0;
    switch (k) {
    case FA_MUL: z = x * y; break;
    case FA_DIV: z = x / y; break;
    case FA_ADD: z = x + y; break;
    case FA_SUB: z = x - y; break;
    case FA_FMA:
        if (!dbl)
            return fp_opaque(fix_nan(fmaf((float)x, (float)y, (float)to_host(c, false)), false));
        z = fma(x, y, to_host(c, true));
        break;
    case FA_NARROW:
        return fp_opaque(from_host(to_host(a, true), false));
    }
    return fp_opaque(fix_nan(z, dbl));
}

/* Whether the exact result of an operation the host rounded to the
 * smallest normal was below it (tiny before rounding).  Its rounding
 * toward zero answers exactly; the recomputation raises no flag the
 * caller keeps (see fp_arith). */
static bool exact_below_min(FpArith k, uint64_t a, uint64_t b, uint64_t c, bool dbl, bool out)
{
    int mode = fegetround();
    fesetround(FE_TOWARDZERO);
    uint64_t t = host_arith(k, a, b, c, dbl);
    fesetround(mode);
    return magnitude(t, out) < min_normal(out);
}

/* Whether the operation that gave a zero was inexact (its exact result
 * was not zero), given the host's FE_INEXACT before it.  Only when that
 * flag was already up does it take the slow way: bank the flags into FPSR
 * and redo the operation alone. */
static bool op_inexact(A64CPU *env, FpArith k, uint64_t a, uint64_t b, uint64_t c, bool dbl,
                       int before)
{
    if (!(before & FE_INEXACT))
        return host_flags_test(FE_INEXACT);
    bank_flags(env);
    host_flags_clear(FE_ALL_EXCEPT);
    host_arith(k, a, b, c, dbl);
    return host_flags_test(FE_INEXACT);
}

/* One rounded operation (host_arith) with Arm's tininess and FPCR.FZ.
 * When the result is the smallest normal, the recomputation toward zero
 * gives it again (not tiny: the same IXC as the operation, no underflow)
 * or a tiny value (underflow and inexact, both the caller's answer).
 * A flushed result drops the operation's own host IXC and UFC: the two
 * flags are put back as they were before it, so other lanes keep theirs. */
static uint64_t fp_arith(A64CPU *env, FpArith k, uint64_t a, uint64_t b, uint64_t c, bool dbl)
{
    bool fz = env->fpcr & A64_FPCR_FZ, out = k == FA_NARROW ? false : dbl;
    int before = fz ? host_flags_test(FE_INEXACT | FE_UNDERFLOW) : 0;
    uint64_t r = host_arith(k, a, b, c, dbl), mag = magnitude(r, out);
    if (mag > min_normal(out) || (mag < min_normal(out) && !fz))
        return r;
    bool tiny;
    if (mag == min_normal(out))
        tiny = exact_below_min(k, a, b, c, dbl, out);
    else    /* below the smallest normal: tiny unless exactly zero */
        tiny = mag != 0 || op_inexact(env, k, a, b, c, dbl, before);
    if (!tiny)
        return r;
    env->fpsr |= A64_FPSR_UFC;
    if (!fz)
        return r;
    host_flags_clear(FE_INEXACT | FE_UNDERFLOW);
    if (before)
        host_flags_raise(before);
    return r & sign_bit(out);
}

/* ---- Arithmetic ---------------------------------------------------------------------------- */

/* FMAX/FMIN of two non-NaN values; +0 is larger than -0. */
static uint64_t fp_minmax(uint64_t a, uint64_t b, bool dbl, bool max)
{
    double x = to_host(a, dbl), y = to_host(b, dbl);
    if (x == y)
        return x == 0 ? (max ? (a & b) : (a | b)) : a;
    return (max ? x > y : x < y) ? a : b;
}

/* op: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM, 7 FMINNM,
 * 8 FNMUL. */
uint64_t a64_fp_2src(A64CPU *env, unsigned op, uint64_t a, uint64_t b, bool dbl)
{
    static const FpArith arith[4] = { FA_MUL, FA_DIV, FA_ADD, FA_SUB };
    a = a64_fp_unpack(env, a, dbl);
    b = a64_fp_unpack(env, b, dbl);
    uint64_t ops[2] = { a, b }, r;
    if (op == 6 || op == 7) {
        /* FMAXNM/FMINNM: a single quiet NaN loses to a number. */
        if (is_nan(a, dbl) && !is_snan(a, dbl) && !is_nan(b, dbl))
            return b;
        if (is_nan(b, dbl) && !is_snan(b, dbl) && !is_nan(a, dbl))
            return a;
    }
    if (a64_fp_process_nans(env, ops, 2, dbl, &r))
        return op == 8 ? r ^ sign_bit(dbl) : r;
    if (op >= 4 && op <= 7)
        return fp_minmax(a, b, dbl, !(op & 1));
    r = fp_arith(env, arith[op == 8 ? 0 : op], a, b, 0, dbl);
    return op == 8 ? r ^ sign_bit(dbl) : r;
}

/* FPMulAdd: addend + n * m, fused, with Arm's NaN rules (the addend first;
 * a quiet-NaN addend with inf * 0 is the default NaN). */
uint64_t a64_fp_muladd(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, bool dbl)
{
    a = a64_fp_unpack(env, a, dbl);
    n = a64_fp_unpack(env, n, dbl);
    m = a64_fp_unpack(env, m, dbl);
    uint64_t ops[3] = { a, n, m }, r;
    bool nan = a64_fp_process_nans(env, ops, 3, dbl, &r);
    bool inf_zero = (is_inf(n, dbl) && is_zero(m, dbl)) || (is_zero(n, dbl) && is_inf(m, dbl));
    if (is_nan(a, dbl) && !is_snan(a, dbl) && inf_zero) {
        env->fpsr |= A64_FPSR_IOC;
        return default_nan(dbl);
    }
    if (nan)
        return r;
    return fp_arith(env, FA_FMA, n, m, a, dbl);
}

/* FMULX: FMUL, except that infinity times zero is 2.0 with the product's
 * sign. */
uint64_t a64_fp_mulx(A64CPU *env, uint64_t n, uint64_t m, bool dbl)
{
    n = a64_fp_unpack(env, n, dbl);
    m = a64_fp_unpack(env, m, dbl);
    uint64_t ops[2] = { n, m }, r;
    if (a64_fp_process_nans(env, ops, 2, dbl, &r))
        return r;
    if ((is_inf(n, dbl) && is_zero(m, dbl)) || (is_zero(n, dbl) && is_inf(m, dbl)))
        return ((n ^ m) & sign_bit(dbl)) | (dbl ? 0x4000000000000000ull : 0x40000000ull);
    return fp_arith(env, FA_MUL, n, m, 0, dbl);
}

/* FSQRT of one value (between a64_fp_begin and a64_fp_end); the root of a
 * number is never tiny. */
uint64_t a64_fp_sqrt(A64CPU *env, uint64_t a, bool dbl)
{
    uint64_t r;
    a = a64_fp_unpack(env, a, dbl);
    if (a64_fp_process_nans(env, &a, 1, dbl, &r))
        return r;
    a = fp_opaque(a);
    r = dbl ? fix_nan(sqrt(to_host(a, true)), true)
            : fix_nan(sqrtf((float)to_host(a, false)), false);
    return fp_opaque(r);
}

/* ---- Compares ------------------------------------------------------------------------------ */

/* FCMP/FCMPE: NZCV in bits 31:28; signal: the E forms (quiet NaNs too). */
uint64_t a64_fp_compare(A64CPU *env, uint64_t a, uint64_t b, bool dbl, bool signal)
{
    a = a64_fp_unpack(env, a, dbl);
    b = a64_fp_unpack(env, b, dbl);
    if (is_nan(a, dbl) || is_nan(b, dbl)) {
        if (signal || is_snan(a, dbl) || is_snan(b, dbl))
            env->fpsr |= A64_FPSR_IOC;
        return 0x3ull << 28;
    }
    double x = to_host(a, dbl), y = to_host(b, dbl);
    return (x < y ? 0x8ull : x == y ? 0x6ull : 0x2ull) << 28;
}

/* FCMEQ (sub 0), FCMGE (1), FCMGT (2): all ones when true; false for
 * unordered, which signals for GE/GT (and for signalling NaNs). */
uint64_t a64_fp_cmp(A64CPU *env, unsigned sub, uint64_t n, uint64_t m, bool dbl)
{
    n = a64_fp_unpack(env, n, dbl);
    m = a64_fp_unpack(env, m, dbl);
    if (is_nan(n, dbl) || is_nan(m, dbl)) {
        if (sub || is_snan(n, dbl) || is_snan(m, dbl))
            env->fpsr |= A64_FPSR_IOC;
        return 0;
    }
    double x = to_host(n, dbl), y = to_host(m, dbl);
    bool t = sub == 0 ? x == y : sub == 1 ? x >= y : x > y;
    return t ? ~0ull : 0;
}

/* ---- Conversions between formats ------------------------------------------------------------ */

/* FCVT between single and double; NaNs keep their top payload bits. */
uint64_t a64_fp_convert(A64CPU *env, uint64_t a, bool from_dbl)
{
    a = a64_fp_unpack(env, a, from_dbl);
    if (!is_nan(a, from_dbl)) {
        if (from_dbl)
            return fp_arith(env, FA_NARROW, a, 0, 0, true);
        return from_host(to_host(a, false), true);
    }
    if (is_snan(a, from_dbl))
        env->fpsr |= A64_FPSR_IOC;
    if (env->fpcr & A64_FPCR_DN)
        return default_nan(!from_dbl);
    uint64_t sign = (a & sign_bit(from_dbl)) ? sign_bit(!from_dbl) : 0;
    if (from_dbl)
        return sign | 0x7fc00000ull | ((a >> 29) & 0x3fffffull);
    return sign | 0x7ff8000000000000ull | ((a & 0x3fffffull) << 29);
}

/* Double to single rounding to odd (FCVTXN): truncate, then set the last
 * bit if anything was lost.  A result flushed by FPCR.FZ is an exact zero.
 * The caller's a64_fp_begin/a64_fp_end collect flags. */
uint64_t a64_fp_cvt_odd(A64CPU *env, uint64_t a)
{
    a = a64_fp_unpack(env, a, true);
    if (is_nan(a, true))
        return a64_fp_convert(env, a, true);
    int saved = fegetround();
    fesetround(FE_TOWARDZERO);
    uint64_t r = fp_arith(env, FA_NARROW, a, 0, 0, true);
    fesetround(saved);
    if ((env->fpcr & A64_FPCR_FZ) && is_zero(r, false))
        return r;
    if (to_host(r, false) != to_host(a, true))
        r |= 1;
    return r;
}

/* ---- Rounding to integral and integer conversions ------------------------------------- */

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
    a = a64_fp_unpack(env, a, dbl);
    if (a64_fp_process_nans(env, &a, 1, dbl, &r))
        return r;
    double x = to_host(a, dbl), y = fp_round(x, op >= 14 ? fpcr_round(env) : op - 8);
    if (op == 14 && x != y)     /* only FRINTX reports an inexact result */
        env->fpsr |= A64_FPSR_IXC;
    return from_host(y, dbl);
}

/* FPToFixed: a (scaled by 2^fbits) to an integer with rounding mode (0..4
 * as fp_round), signed or not, 64 or 32 bits (zero-extended).  Saturates;
 * NaN gives 0; both set IOC, an inexact result IXC.  Exact on the host
 * (the scaling included), so it needs no a64_fp_begin. */
uint64_t a64_fp_to_int(A64CPU *env, uint64_t a, bool dbl, unsigned fbits, unsigned mode,
                       bool uns, bool sf)
{
    a = a64_fp_unpack(env, a, dbl);
    double x = ldexp(to_host(a, dbl), (int)fbits);
    if (isnan(x)) {
        env->fpsr |= A64_FPSR_IOC;
        return 0;
    }
    double r = fp_round(x, mode);
    double lo = uns ? 0.0 : (sf ? -0x1p63 : -0x1p31);
    double hi = uns ? (sf ? 0x1p64 : 0x1p32) : (sf ? 0x1p63 : 0x1p31);
    uint64_t v;
    if (r < lo) {
        env->fpsr |= A64_FPSR_IOC;
        v = uns ? 0 : (sf ? (uint64_t)INT64_MIN : (uint32_t)INT32_MIN);
    } else if (r >= hi) {
        env->fpsr |= A64_FPSR_IOC;
        v = uns ? (sf ? UINT64_MAX : UINT32_MAX) : (sf ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX);
    } else {
        if (r != x)
            env->fpsr |= A64_FPSR_IXC;
        v = uns ? (uint64_t)r : (uint64_t)(int64_t)r;
    }
    return sf ? v : (uint32_t)v;
}

/* FixedToFP: the integer x (64 bits, or 32 when !sf) divided by 2^fbits,
 * rounded once in the current mode.  The integer is rounded first; the
 * scaling is then exact (2^-64 times an integer is never tiny). */
uint64_t a64_fp_from_int(uint64_t x, bool dbl, unsigned fbits, bool uns, bool sf)
{
    if (!sf)
        x = uns ? (uint32_t)x : (uint64_t)(int64_t)(int32_t)x;
    x = fp_opaque(x);
    uint64_t r;
    if (dbl) {
        r = from_host(uns ? (double)x : (double)(int64_t)x, true);
    } else {
        float f = uns ? (float)x : (float)(int64_t)x;
        uint32_t w;
        memcpy(&w, &f, 4);
        r = w;
    }
    r = fp_opaque(r);
    if (fbits)
        r = from_host(ldexp(to_host(r, dbl), -(int)fbits), dbl);
    return r;
}
