/* frontend/aarch64/translate-simd-fp.h — the single and double precision
 * primitives of translate-simd-fparith.c, which every FP helper
 * (translate-simd-fp.c, translate-simd-fpv.c, translate-simd-f16.c) uses, so
 * that the unpack (FPCR.FZ), NaN, rounding and flag rules live in one place.
 *
 * Values are raw bits (single in the low 32 bits when !dbl).  Every
 * primitive unpacks its FP operands itself (a64_fp_unpack).  Arithmetic
 * primitives must run between a64_fp_begin() (clears host flags, applies
 * FPCR.RMode) and a64_fp_end() (adds the host flags to FPSR); those that
 * need no bracket say so.
 */
#ifndef TERN_A64_TRANSLATE_SIMD_FP_H
#define TERN_A64_TRANSLATE_SIMD_FP_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "frontend/aarch64/a64.h"
#include "frontend/aarch64/a64-decode.h"
#include "frontend/aarch64/translate.h"

/* FPSR cumulative exception flags and the FPCR controls tern implements. */
enum {
    A64_FPSR_IOC = 1, A64_FPSR_DZC = 2, A64_FPSR_OFC = 4, A64_FPSR_UFC = 8,
    A64_FPSR_IXC = 16, A64_FPSR_IDC = 128,
};
#define A64_FPCR_FZ  (1ull << 24)
#define A64_FPCR_DN  (1ull << 25)
#define A64_FPCR_AHP (1ull << 26)

int a64_fp_begin(const A64CPU *env);
void a64_fp_end(A64CPU *env, int saved);

/* FPUnpack's flush-to-zero: with FPCR.FZ a denormal is a zero of its sign
 * and sets IDC; otherwise x.  No bracket needed. */
uint64_t a64_fp_unpack(A64CPU *env, uint64_t x, bool dbl);
/* FPProcessNaNs over n (already unpacked) operands in priority order. */
bool a64_fp_process_nans(A64CPU *env, const uint64_t *ops, unsigned n, bool dbl, uint64_t *res);

/* op: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM, 7 FMINNM,
 * 8 FNMUL. */
uint64_t a64_fp_2src(A64CPU *env, unsigned op, uint64_t a, uint64_t b, bool dbl);
/* a + n * m, fused. */
uint64_t a64_fp_muladd(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, bool dbl);
uint64_t a64_fp_mulx(A64CPU *env, uint64_t n, uint64_t m, bool dbl);
uint64_t a64_fp_sqrt(A64CPU *env, uint64_t a, bool dbl);

/* ---- Fast path ---------------------------------------------------------------------------
 *
 * QEMU's "hardfloat" idea: once FPSR.IXC is set, an operation whose
 * result is a normal number (not zero, not within a factor 2 of the
 * denormals, not infinite, not a NaN) can set no flag that is not already
 * set.  Invalid operations and NaN operands give NaN results, division by
 * zero and overflow infinities, underflow (either tininess rule) results
 * below 2^(emin+1), and FPCR.FZ/IDC only concern denormals, which the
 * host computes exactly as Arm does without FZ.  So with IXC set,
 * round-to-nearest and FZ clear, the host's result is Arm's result and
 * FPSR is unchanged: no bracket, no NaN rules, no MXCSR access.  When
 * a64_fp_fast_ok(), the *_fast operations return true with *res, or
 * false for "take the full primitive".  Inline: they are most of the
 * time of FP-heavy guests. */
static inline bool a64_fp_fast_ok(const A64CPU *env)
{
    return (env->fpsr & A64_FPSR_IXC) && !(env->fpcr & (A64_FPCR_FZ | (3ull << 22)));
}

/* Whether r is a normal number at least twice the smallest normal. */
static inline bool a64_fp_plain(uint64_t r, bool dbl)
{
    unsigned e = dbl ? (unsigned)(r >> 52) & 0x7ff : (unsigned)(r >> 23) & 0xff;
    return e >= 2 && e < (dbl ? 0x7ffu : 0xffu);
}

/* n op m for op 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 8 FNMUL, or a + n * m
 * (fused) for op 16. */
static inline uint64_t a64_fp_host_op(unsigned op, uint64_t n, uint64_t m, uint64_t a, bool dbl)
{
    if (!dbl) {
        float x, y, z, r;
        uint32_t wn = (uint32_t)n, wm = (uint32_t)m, wa = (uint32_t)a, wr;
        memcpy(&x, &wn, 4);
        memcpy(&y, &wm, 4);
        memcpy(&z, &wa, 4);
        switch (op & 0x13) {
        case 0: r = x * y; break;
        case 1: r = x / y; break;
        case 2: r = x + y; break;
        case 3: r = x - y; break;
        default: r = fmaf(x, y, z); break;
        }
        memcpy(&wr, &r, 4);
        return wr;
    }
    double x, y, z, r;
    memcpy(&x, &n, 8);
    memcpy(&y, &m, 8);
    memcpy(&z, &a, 8);
    switch (op & 0x13) {
    case 0: r = x * y; break;
    case 1: r = x / y; break;
    case 2: r = x + y; break;
    case 3: r = x - y; break;
    default: r = fma(x, y, z); break;
    }
    uint64_t b;
    memcpy(&b, &r, 8);
    return b;
}

static inline bool a64_fp_2src_fast(unsigned op, uint64_t a, uint64_t b, bool dbl, uint64_t *res)
{
    if (op > 3 && op != 8)
        return false;
    uint64_t r = a64_fp_host_op(op, a, b, 0, dbl);
    if (!a64_fp_plain(r, dbl))
        return false;
    *res = op == 8 ? r ^ (dbl ? 1ull << 63 : 1ull << 31) : r;
    return true;
}

static inline bool a64_fp_muladd_fast(uint64_t a, uint64_t n, uint64_t m, bool dbl, uint64_t *res)
{
    uint64_t r = a64_fp_host_op(16, n, m, a, dbl);
    if (!a64_fp_plain(r, dbl))
        return false;
    *res = r;
    return true;
}

/* FCMP/FCMPE: NZCV in bits 31:28 (no bracket needed). */
uint64_t a64_fp_compare(A64CPU *env, uint64_t a, uint64_t b, bool dbl, bool signal);
/* sub: 0 EQ, 1 GE, 2 GT; all ones or zero (no bracket needed). */
uint64_t a64_fp_cmp(A64CPU *env, unsigned sub, uint64_t n, uint64_t m, bool dbl);

/* FCVT single <-> double (from_dbl: narrowing); FCVTXN's rounding to odd. */
uint64_t a64_fp_convert(A64CPU *env, uint64_t a, bool from_dbl);
uint64_t a64_fp_cvt_odd(A64CPU *env, uint64_t a);

/* op 8..15: FRINT N, P, M, Z, A, -, X, I (no bracket needed). */
uint64_t a64_fp_rint(A64CPU *env, uint64_t a, bool dbl, unsigned op);
/* a * 2^fbits to an integer: mode 0 N, 1 P, 2 M, 3 Z, 4 A; sf: 64 bits,
 * else 32 zero-extended.  No bracket needed. */
uint64_t a64_fp_to_int(A64CPU *env, uint64_t a, bool dbl, unsigned fbits, unsigned mode,
                       bool uns, bool sf);
/* The integer x (64 bits, or 32 when !sf) / 2^fbits. */
uint64_t a64_fp_from_int(uint64_t x, bool dbl, unsigned fbits, bool uns, bool sf);

/* The vector three-same FP operations of translate-simd-fpv.c (FMULX, FABD,
 * FACGE, FACGT, FRECPS, FRSQRTS, pairwise); false when unallocated. */
bool a64_trans_fp3_extra(DisasContext *s, arg_FP3_v *a);

/* Half-precision conversions (translate-simd-f16.c): scalar FCVT between
 * half (ftype 3) and single/double (opcode 4, 5, 7); false when
 * unallocated.  FCVTL (widen) / FCVTN with 16-bit lanes. */
bool a64_gen_fcvt_half(DisasContext *s, unsigned rd, unsigned rn, unsigned ftype, unsigned opcode);
void a64_gen_fcvtl_half(DisasContext *s, unsigned rd, unsigned rn, bool q, bool widen);

#endif
