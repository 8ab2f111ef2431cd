/* frontend/aarch64/translate-simd-fp.h — the scalar FP primitives of
 * translate-simd-fp.c that the AdvSIMD FP helpers (translate-simd-fpv.c)
 * reuse, so that NaN, rounding and flag rules live in one place.
 *
 * Values are raw bits (single in the low 32 bits when !dbl).  Arithmetic
 * primitives must run between a64_fp_begin() (clears host flags, applies
 * FPCR.RMode) and a64_fp_end() (adds the host flags to FPSR).
 */
#ifndef TERN_A64_TRANSLATE_SIMD_FP_H
#define TERN_A64_TRANSLATE_SIMD_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/aarch64/a64.h"
#include "frontend/aarch64/a64-decode.h"
#include "frontend/aarch64/translate.h"

int a64_fp_begin(const A64CPU *env);
void a64_fp_end(A64CPU *env, int saved);
/* op: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM, 7 FMINNM. */
uint64_t a64_fp_2src(A64CPU *env, unsigned op, uint64_t a, uint64_t b, bool dbl);
/* a + n * m, fused. */
uint64_t a64_fp_muladd(A64CPU *env, uint64_t a, uint64_t n, uint64_t m, bool dbl);
uint64_t a64_fp_mulx(A64CPU *env, uint64_t n, uint64_t m, bool dbl);
/* sub: 0 EQ, 1 GE, 2 GT; all ones or zero. */
uint64_t a64_fp_cmp(A64CPU *env, unsigned sub, uint64_t n, uint64_t m, bool dbl);
bool a64_fp_process_nans(A64CPU *env, const uint64_t *ops, unsigned n, bool dbl, uint64_t *res);
/* op 8..15: FRINT N, P, M, Z, A, -, X, I (no fp_begin needed). */
uint64_t a64_fp_rint(A64CPU *env, uint64_t a, bool dbl, unsigned op);
uint64_t a64_fp_sqrt(A64CPU *env, uint64_t a, bool dbl);
uint64_t a64_fp_cvt_odd(A64CPU *env, uint64_t a);

/* The vector three-same FP operations of translate-simd-fpv.c (FMULX, FABD,
 * FACGE, FACGT, FRECPS, FRSQRTS, pairwise); false when unallocated. */
bool a64_trans_fp3_extra(DisasContext *s, arg_FP3_v *a);

/* Half-precision conversions (translate-simd-f16.c): scalar FCVT between
 * half (ftype 3) and single/double (opcode 4, 5, 7); false when
 * unallocated.  FCVTL (widen) / FCVTN with 16-bit lanes. */
bool a64_gen_fcvt_half(DisasContext *s, unsigned rd, unsigned rn, unsigned ftype, unsigned opcode);
void a64_gen_fcvtl_half(DisasContext *s, unsigned rd, unsigned rn, bool q, bool widen);

#endif
