/* frontend/aarch64/translate-ldst.h — vector-register access and the AdvSIMD
 * helper table, shared by translate-ldst.c and translate-simd*.c only.
 *
 * Vector registers are not IR globals: V[n] lives in A64CPU.v[n][0..1] (low,
 * high 64 bits) and is read and written with LD_ENV/ST_ENV.  Every write of a
 * B/H/S/D register (or of a 64-bit vector, Q = 0) zeroes the rest of the
 * 128-bit register, so callers write both halves.
 *
 * Operations that are awkward in i64 IR (pairwise, across-lanes, widening,
 * narrowing, permutes) go through helpers that take (env, desc) and work on
 * A64CPU.v directly.  desc packs the operands (see simd_desc()); the list of
 * helpers below is expanded into prototypes, IrHelper descriptors and the
 * implementations in translate-simd-helper.c, so a helper cannot be
 * half-added.
 */
#ifndef TERN_A64_TRANSLATE_LDST_H
#define TERN_A64_TRANSLATE_LDST_H

#include <stddef.h>
#include <stdint.h>

#include "frontend/aarch64/translate.h"

/* ---- Vector registers ------------------------------------------------------ */

/* env offset of the low (half 0) or high (half 1) 64 bits of V[reg]. */
static inline int32_t vec_ofs(unsigned reg, unsigned half)
{
    return (int32_t)(offsetof(A64CPU, v) + (reg * 2 + half) * sizeof(uint64_t));
}

/* A new i64 temp holding one half of V[reg]. */
IrTemp gen_vec_read(DisasContext *s, unsigned reg, unsigned half);
/* One half of V[reg] = v (i64). */
void gen_vec_write(DisasContext *s, unsigned reg, unsigned half, IrTemp v);
/* V[reg] = lo : hi; hi == IR_NO_TEMP writes zero (a D/S/H/B write). */
void gen_vec_write2(DisasContext *s, unsigned reg, IrTemp lo, IrTemp hi);

/* ---- AdvSIMD helpers (translate-simd-helper.c) ------------------------------ */

/* Operand packing for helpers: register numbers, Q, element size (log2
 * bytes), and an instruction-specific immediate (shift count, index, ...). */
static inline uint32_t simd_desc(unsigned rd, unsigned rn, unsigned rm,
                                 unsigned q, unsigned size, unsigned imm)
{
    return rd | rn << 5 | rm << 10 | q << 15 | size << 16 | imm << 19;
}
#define SIMD_DESC_RD(d)   ((d) & 31)
#define SIMD_DESC_RN(d)   (((d) >> 5) & 31)
#define SIMD_DESC_RM(d)   (((d) >> 10) & 31)
#define SIMD_DESC_Q(d)    (((d) >> 15) & 1)
#define SIMD_DESC_SIZE(d) (((d) >> 16) & 7)
#define SIMD_DESC_IMM(d)  ((d) >> 19)

/* Every helper is void helper_simd_NAME(A64CPU *env, uint32_t desc). */
#define A64_SIMD_HELPERS(X) \
    X(addp) X(smaxp) X(sminp) X(umaxp) X(uminp) \
    X(smax) X(smin) X(umax) X(umin) X(mul) X(mla) X(mls) \
    X(cmgt) X(cmge) X(cmhi) X(cmhs) X(cmtst) \
    X(cmgt0) X(cmge0) X(cmle0) X(cmlt0) X(abs) X(neg) \
    X(cnt) X(rbit) X(rev16) X(rev32) X(rev64) \
    X(xtn) X(shrn) X(addhn) X(subhn) X(sshr) X(ushr) X(ssra) X(usra) X(shl) X(sli) X(sri) \
    X(sshll) X(ushll) \
    X(saddl) X(uaddl) X(ssubl) X(usubl) X(saddw) X(uaddw) X(ssubw) X(usubw) \
    X(smull) X(umull) X(smlal) X(umlal) X(smlsl) X(umlsl) \
    X(addv) X(smaxv) X(sminv) X(umaxv) X(uminv) X(saddlv) X(uaddlv) \
    X(uzp1) X(uzp2) X(zip1) X(zip2) X(trn1) X(trn2) X(tbl) X(tbx)

#define A64_SIMD_HELPER_DECL(name) extern IrHelper a64_helper_simd_##name;
A64_SIMD_HELPERS(A64_SIMD_HELPER_DECL)
#undef A64_SIMD_HELPER_DECL

/* Emits the call of h with desc. */
void gen_simd_helper(DisasContext *s, IrHelper *h, uint32_t desc);

#endif
