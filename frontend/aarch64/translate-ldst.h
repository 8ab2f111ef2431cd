/* frontend/aarch64/translate-ldst.h — vector-register access and the AdvSIMD
 * helper table, shared by translate-ldst.c and translate-simd*.c only.
 *
 * Vector registers are not IR globals: V[n] lives in A64CPU.v[n][0..1] (low,
 * high 64 bits) and is read and written with LD_ENV/ST_ENV.  Every write of a
 * B/H/S/D register (or of a 64-bit vector, Q = 0) zeroes the rest of the
 * 128-bit register, so callers write both halves.
 *
 * Most integer AdvSIMD operations are one IR VEC op on the registers' env
 * offsets (translate-simd.c); the rest (widening, insert shifts, long
 * across-lanes, big TBL) go through helpers that take (env, desc) and work
 * on A64CPU.v directly.  desc packs the operands (see simd_desc()); the list of
 * helpers below is expanded into prototypes, IrHelper descriptors and the
 * implementations in translate-simd-helper.c, so a helper cannot be
 * half-added.
 */
#ifndef TERN_A64_TRANSLATE_LDST_H
#define TERN_A64_TRANSLATE_LDST_H

#include <stdbool.h>
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
    X(rbit) X(addhn) X(subhn) X(ushll) \
    X(saddl) X(uaddl) X(ssubl) X(usubl) X(saddw) X(uaddw) X(ssubw) X(usubw) \
    X(smull) X(umull) X(smlal) X(umlal) X(smlsl) X(umlsl) \
    X(saddlv) X(uaddlv) X(tbl) X(tbx)

#define A64_SIMD_HELPER_DECL(name) extern IrHelper a64_helper_simd_##name;
A64_SIMD_HELPERS(A64_SIMD_HELPER_DECL)
#undef A64_SIMD_HELPER_DECL

/* Emits the call of h with desc. */
void gen_simd_helper(DisasContext *s, IrHelper *h, uint32_t desc);

/* ---- Saturating, rounding and by-element integer helper (translate-simd-sat.c) ---- */

/* One helper, void helper_simd_int(A64CPU *env, uint32_t desc, uint32_t op),
 * runs every operation below; op packs the operation, the scalar and
 * by-element flags, the element index and the shift (simd_int_op()).
 * The kind says how lanes map:
 *   SAME    Vd[i] = f(Vn[i], Vm[i], Vd[i]), all of one size;
 *   NARROW  narrow Vd[i] = f(wide Vn[i], wide Vm[i]); Q ("2") writes the
 *           high half and keeps the low one;
 *   LONG    wide Vd[i] = f(narrow Vn[i], narrow Vm[i], wide Vd[i]), the
 *           narrow operands from the high half for Q;
 *   PAIRL   wide Vd[i] = f(Vn[2i], Vn[2i+1], wide Vd[i]).
 * Saturating operations set FPSR.QC. */
#define A64_SIMD_INT_OPS(X) \
    X(sqadd, SAME) X(uqadd, SAME) X(sqsub, SAME) X(uqsub, SAME) \
    X(suqadd, SAME) X(usqadd, SAME) X(sqabs, SAME) X(sqneg, SAME) \
    X(shadd, SAME) X(uhadd, SAME) X(srhadd, SAME) X(urhadd, SAME) \
    X(shsub, SAME) X(uhsub, SAME) \
    X(sshl, SAME) X(ushl, SAME) X(srshl, SAME) X(urshl, SAME) \
    X(sqshl, SAME) X(uqshl, SAME) X(sqrshl, SAME) X(uqrshl, SAME) \
    X(sabd, SAME) X(uabd, SAME) X(saba, SAME) X(uaba, SAME) \
    X(pmul, SAME) X(sqdmulh, SAME) X(sqrdmulh, SAME) X(cls, SAME) X(clz, SAME) \
    X(srshr, SAME) X(urshr, SAME) X(srsra, SAME) X(ursra, SAME) \
    X(sqshli, SAME) X(uqshli, SAME) X(sqshlu, SAME) \
    X(mul, SAME) X(mla, SAME) X(mls, SAME) X(sdot, SAME) X(udot, SAME) \
    X(urecpe, SAME) X(ursqrte, SAME) \
    X(sqxtn, NARROW) X(uqxtn, NARROW) X(sqxtun, NARROW) X(rshrn, NARROW) \
    X(sqshrn, NARROW) X(uqshrn, NARROW) X(sqrshrn, NARROW) X(uqrshrn, NARROW) \
    X(sqshrun, NARROW) X(sqrshrun, NARROW) X(raddhn, NARROW) X(rsubhn, NARROW) \
    X(sabdl, LONG) X(uabdl, LONG) X(sabal, LONG) X(uabal, LONG) \
    X(sqdmull, LONG) X(sqdmlal, LONG) X(sqdmlsl, LONG) \
    X(smull, LONG) X(umull, LONG) X(smlal, LONG) X(umlal, LONG) \
    X(smlsl, LONG) X(umlsl, LONG) \
    X(saddlp, PAIRL) X(uaddlp, PAIRL) X(sadalp, PAIRL) X(uadalp, PAIRL)

#define A64_SI_ENUM(name, kind) A64_SI_##name,
typedef enum A64SimdIntOp { A64_SIMD_INT_OPS(A64_SI_ENUM) A64_SI_COUNT } A64SimdIntOp;
#undef A64_SI_ENUM

/* by_elem: Vm is replaced by element index of Vm (of the operation's input
 * size) in every lane; shift: the immediate of the shift forms. */
static inline uint32_t simd_int_op(A64SimdIntOp op, bool scalar, bool by_elem,
                                   unsigned index, unsigned shift)
{
    return (uint32_t)op | (uint32_t)scalar << 7 | (uint32_t)by_elem << 8 |
           index << 9 | shift << 12;
}
#define SIMD_INT_OP(o)      ((o) & 127)
#define SIMD_INT_SCALAR(o)  (((o) >> 7) & 1)
#define SIMD_INT_BYELEM(o)  (((o) >> 8) & 1)
#define SIMD_INT_INDEX(o)   (((o) >> 9) & 7)
#define SIMD_INT_SHIFT(o)   ((o) >> 12)

extern IrHelper a64_helper_simd_int;

/* FP by element (translate-simd-fp.c): desc as simd_desc with size = 1 for
 * double and imm = the index; kind 0 FMLA, 1 FMLS, 2 FMUL, 3 FMULX. */
void a64_gen_fp_elem(DisasContext *s, uint32_t desc, unsigned kind, bool scalar);

#endif
