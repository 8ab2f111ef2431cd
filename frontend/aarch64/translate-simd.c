/* frontend/aarch64/translate-simd.c — the AdvSIMD and FP register subset:
 * moves between general and vector registers, immediates, bitwise and
 * compare operations, and the dispatch of the other integer AdvSIMD
 * instructions to helpers (translate-simd-helper.c).
 *
 * The IR has no vector type: a 128-bit register is two i64 halves in env
 * (translate-ldst.h).  Operations that the IR's VEC op has (ir/vecops.def:
 * bitwise, add/sub/mul, compares, min/max, pairwise, across lanes, shifts
 * by immediate, permutes, narrowing, one- and two-register TBL) are one VEC
 * op on the registers' env offsets, which the x86 backend runs on SSE.
 * EXT stays inline i64 IR on the halves; everything else calls a helper
 * with the register numbers packed into one i32 (simd_desc).
 *
 * Invariants:
 *   - Every source is read before the destination is written (VEC reads
 *     all sources first; inline code does every LD_ENV first), so Rd may
 *     equal Rn or Rm.
 *   - A result with Q = 0, and every scalar result, zeroes bits 127:64.
 *   - Size 3 with Q = 0 is a reserved vector arrangement; scalar forms exist
 *     only for size 3 (see vec_shape_ok).  Unallocated encodings return
 *     false (UDEF).
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/a64-decode.h"

/* ---- Shapes and constants ------------------------------------------------------ */

static bool vec_shape_ok(int64_t q, int64_t size, int64_t scalar)
{
    return scalar ? size == 3 : !(size == 3 && !q);
}

static IrTemp new_i64(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static void gen_vec_result(DisasContext *s, unsigned rd, bool q, const IrTemp r[2])
{
    gen_vec_write2(s, rd, r[0], q ? r[1] : IR_NO_TEMP);
}

/* ---- Vector operations on host SIMD ------------------------------------------- */

/* One VEC op on vector registers: Vd = op(Vn, Vm, Va).  Scalar forms
 * (size 3, one 64-bit lane) are the Q = 0 form of 1D. */
static void gen_vec(DisasContext *s, IrVecOp op, unsigned esz, bool q, unsigned imm,
                    unsigned rd, unsigned rn, unsigned rm, unsigned ra)
{
    ir_gen_vec(s->f, ir_vec_desc(op, esz, q, imm), vec_ofs(rd, 0), vec_ofs(rn, 0),
               vec_ofs(rm, 0), vec_ofs(ra, 0));
}

/* ---- Three same -------------------------------------------------------------------- */

/* allow64: the instruction has 64-bit lanes (2D and the scalar D form). */
static bool gen_3same_vec(DisasContext *s, argfmt_qrrr_e *a, IrVecOp op, bool allow64)
{
    if (!vec_shape_ok(a->vq, a->size, a->scalar) || (!allow64 && a->size == 3))
        return false;
    gen_vec(s, op, (unsigned)a->size, a->vq, 0, a->Rd, a->Rn, a->Rm, a->Rd);
    return true;
}

/* The bitwise ops use the size field as an opcode; lanes are irrelevant. */
static bool gen_bitwise_vec(DisasContext *s, argfmt_qrrr_e *a, IrVecOp op)
{
    gen_vec(s, op, 0, a->vq, 0, a->Rd, a->Rn, a->Rm, a->Rd);
    return true;
}

/* The bitwise selects as BITSEL(x, y, sel) = (x & sel) | (y & ~sel):
 * BSL selects by Vd, BIT inserts Vn where Vm is set, BIF where it is clear. */
static bool gen_bitsel_vec(DisasContext *s, argfmt_qrrr_e *a, unsigned x, unsigned y,
                           unsigned sel)
{
    gen_vec(s, IR_VEC_BITSEL, 0, a->vq, 0, a->Rd, x, y, sel);
    return true;
}

bool trans_AND_v(DisasContext *s, arg_AND_v *a) { return gen_bitwise_vec(s, a, IR_VEC_AND); }
bool trans_BIC_v(DisasContext *s, arg_BIC_v *a) { return gen_bitwise_vec(s, a, IR_VEC_ANDC); }
bool trans_ORR_v(DisasContext *s, arg_ORR_v *a) { return gen_bitwise_vec(s, a, IR_VEC_OR); }
bool trans_ORN_v(DisasContext *s, arg_ORN_v *a) { return gen_bitwise_vec(s, a, IR_VEC_ORC); }
bool trans_EOR_v(DisasContext *s, arg_EOR_v *a) { return gen_bitwise_vec(s, a, IR_VEC_XOR); }
bool trans_BSL_v(DisasContext *s, arg_BSL_v *a) { return gen_bitsel_vec(s, a, a->Rn, a->Rm, a->Rd); }
bool trans_BIT_v(DisasContext *s, arg_BIT_v *a) { return gen_bitsel_vec(s, a, a->Rn, a->Rd, a->Rm); }
bool trans_BIF_v(DisasContext *s, arg_BIF_v *a) { return gen_bitsel_vec(s, a, a->Rd, a->Rn, a->Rm); }
bool trans_ADD_v(DisasContext *s, arg_ADD_v *a) { return gen_3same_vec(s, a, IR_VEC_ADD, true); }
bool trans_SUB_v(DisasContext *s, arg_SUB_v *a) { return gen_3same_vec(s, a, IR_VEC_SUB, true); }
bool trans_CMEQ_v(DisasContext *s, arg_CMEQ_v *a) { return gen_3same_vec(s, a, IR_VEC_CMEQ, true); }
bool trans_CMTST_v(DisasContext *s, arg_CMTST_v *a) { return gen_3same_vec(s, a, IR_VEC_CMTST, true); }
bool trans_CMGT_v(DisasContext *s, arg_CMGT_v *a) { return gen_3same_vec(s, a, IR_VEC_CMGT, true); }
bool trans_CMGE_v(DisasContext *s, arg_CMGE_v *a) { return gen_3same_vec(s, a, IR_VEC_CMGE, true); }
bool trans_CMHI_v(DisasContext *s, arg_CMHI_v *a) { return gen_3same_vec(s, a, IR_VEC_CMHI, true); }
bool trans_CMHS_v(DisasContext *s, arg_CMHS_v *a) { return gen_3same_vec(s, a, IR_VEC_CMHS, true); }
bool trans_SMAX_v(DisasContext *s, arg_SMAX_v *a) { return gen_3same_vec(s, a, IR_VEC_SMAX, false); }
bool trans_SMIN_v(DisasContext *s, arg_SMIN_v *a) { return gen_3same_vec(s, a, IR_VEC_SMIN, false); }
bool trans_UMAX_v(DisasContext *s, arg_UMAX_v *a) { return gen_3same_vec(s, a, IR_VEC_UMAX, false); }
bool trans_UMIN_v(DisasContext *s, arg_UMIN_v *a) { return gen_3same_vec(s, a, IR_VEC_UMIN, false); }
bool trans_MUL_v(DisasContext *s, arg_MUL_v *a) { return gen_3same_vec(s, a, IR_VEC_MUL, false); }
bool trans_MLA_v(DisasContext *s, arg_MLA_v *a) { return gen_3same_vec(s, a, IR_VEC_MLA, false); }
bool trans_MLS_v(DisasContext *s, arg_MLS_v *a) { return gen_3same_vec(s, a, IR_VEC_MLS, false); }
bool trans_SMAXP_v(DisasContext *s, arg_SMAXP_v *a) { return gen_3same_vec(s, a, IR_VEC_SMAXP, false); }
bool trans_SMINP_v(DisasContext *s, arg_SMINP_v *a) { return gen_3same_vec(s, a, IR_VEC_SMINP, false); }
bool trans_UMAXP_v(DisasContext *s, arg_UMAXP_v *a) { return gen_3same_vec(s, a, IR_VEC_UMAXP, false); }
bool trans_UMINP_v(DisasContext *s, arg_UMINP_v *a) { return gen_3same_vec(s, a, IR_VEC_UMINP, false); }
bool trans_ADDP_v(DisasContext *s, arg_ADDP_v *a) { return gen_3same_vec(s, a, IR_VEC_ADDP, true); }

/* Permutes: no scalar forms; 2D needs Q. */
bool trans_UZP1(DisasContext *s, arg_UZP1 *a) { return gen_3same_vec(s, a, IR_VEC_UZP1, true); }
bool trans_UZP2(DisasContext *s, arg_UZP2 *a) { return gen_3same_vec(s, a, IR_VEC_UZP2, true); }
bool trans_ZIP1(DisasContext *s, arg_ZIP1 *a) { return gen_3same_vec(s, a, IR_VEC_ZIP1, true); }
bool trans_ZIP2(DisasContext *s, arg_ZIP2 *a) { return gen_3same_vec(s, a, IR_VEC_ZIP2, true); }
bool trans_TRN1(DisasContext *s, arg_TRN1 *a) { return gen_3same_vec(s, a, IR_VEC_TRN1, true); }
bool trans_TRN2(DisasContext *s, arg_TRN2 *a) { return gen_3same_vec(s, a, IR_VEC_TRN2, true); }

/* ---- Helper-based operations ------------------------------------------------------ */

void gen_simd_helper(DisasContext *s, IrHelper *h, uint32_t desc)
{
    IrTemp args[2] = { IR_TEMP_ENV, ir_const(s->f, IR_I32, desc) };
    ir_gen_call(s->f, h, IR_NO_TEMP, args);
}

/* Three different: long (both narrow) and wide (Rn wide) add/sub, long
 * multiply and multiply-accumulate, add/sub returning high narrow; size 3 is
 * unallocated, Q selects the high halves of the narrow operands ("2"). */
static bool gen_3diff(DisasContext *s, argfmt_qrrr_e *a, IrHelper *h)
{
    if (a->size == 3)
        return false;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, a->Rm, a->vq, a->size, 0));
    return true;
}

bool trans_SADDL_v(DisasContext *s, arg_SADDL_v *a) { return gen_3diff(s, a, &a64_helper_simd_saddl); }
bool trans_UADDL_v(DisasContext *s, arg_UADDL_v *a) { return gen_3diff(s, a, &a64_helper_simd_uaddl); }
bool trans_SSUBL_v(DisasContext *s, arg_SSUBL_v *a) { return gen_3diff(s, a, &a64_helper_simd_ssubl); }
bool trans_USUBL_v(DisasContext *s, arg_USUBL_v *a) { return gen_3diff(s, a, &a64_helper_simd_usubl); }
bool trans_SADDW_v(DisasContext *s, arg_SADDW_v *a) { return gen_3diff(s, a, &a64_helper_simd_saddw); }
bool trans_UADDW_v(DisasContext *s, arg_UADDW_v *a) { return gen_3diff(s, a, &a64_helper_simd_uaddw); }
bool trans_SSUBW_v(DisasContext *s, arg_SSUBW_v *a) { return gen_3diff(s, a, &a64_helper_simd_ssubw); }
bool trans_USUBW_v(DisasContext *s, arg_USUBW_v *a) { return gen_3diff(s, a, &a64_helper_simd_usubw); }
bool trans_SMLAL_v(DisasContext *s, arg_SMLAL_v *a) { return gen_3diff(s, a, &a64_helper_simd_smlal); }
bool trans_UMLAL_v(DisasContext *s, arg_UMLAL_v *a) { return gen_3diff(s, a, &a64_helper_simd_umlal); }
bool trans_SMLSL_v(DisasContext *s, arg_SMLSL_v *a) { return gen_3diff(s, a, &a64_helper_simd_smlsl); }
bool trans_UMLSL_v(DisasContext *s, arg_UMLSL_v *a) { return gen_3diff(s, a, &a64_helper_simd_umlsl); }
bool trans_ADDHN_v(DisasContext *s, arg_ADDHN_v *a) { return gen_3diff(s, a, &a64_helper_simd_addhn); }
bool trans_SUBHN_v(DisasContext *s, arg_SUBHN_v *a) { return gen_3diff(s, a, &a64_helper_simd_subhn); }
bool trans_SMULL_v(DisasContext *s, arg_SMULL_v *a) { return gen_3diff(s, a, &a64_helper_simd_smull); }
bool trans_UMULL_v(DisasContext *s, arg_UMULL_v *a) { return gen_3diff(s, a, &a64_helper_simd_umull); }

/* ---- Two-register miscellaneous ---------------------------------------------------- */

/* max_size: the largest element size the instruction has (3 = any that
 * vec_shape_ok allows). */
static bool gen_2misc_helper(DisasContext *s, argfmt_qrr_e *a, IrHelper *h,
                             unsigned max_size)
{
    if (!vec_shape_ok(a->vq, a->size, a->scalar) || a->size > max_size)
        return false;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, 0, a->vq, a->size, 0));
    return true;
}

/* The same on host SIMD. */
static bool gen_2misc_vec(DisasContext *s, argfmt_qrr_e *a, IrVecOp op, unsigned max_size)
{
    if (!vec_shape_ok(a->vq, a->size, a->scalar) || a->size > max_size)
        return false;
    gen_vec(s, op, (unsigned)a->size, a->vq, 0, a->Rd, a->Rn, 0, 0);
    return true;
}

bool trans_REV64_v(DisasContext *s, arg_REV64_v *a) { return gen_2misc_vec(s, a, IR_VEC_REV64, 2); }
bool trans_REV32_v(DisasContext *s, arg_REV32_v *a) { return gen_2misc_vec(s, a, IR_VEC_REV32, 1); }
bool trans_REV16_v(DisasContext *s, arg_REV16_v *a) { return gen_2misc_vec(s, a, IR_VEC_REV16, 0); }
bool trans_CNT_v(DisasContext *s, arg_CNT_v *a) { return gen_2misc_vec(s, a, IR_VEC_CNT, 0); }
bool trans_RBIT_v(DisasContext *s, arg_RBIT_v *a)
{
    /* size is fixed at 01 in the pattern; RBIT works on bytes. */
    argfmt_qrr_e b = *a;
    b.size = 0;
    return gen_2misc_helper(s, &b, &a64_helper_simd_rbit, 0);
}
bool trans_CMGT0_v(DisasContext *s, arg_CMGT0_v *a) { return gen_2misc_vec(s, a, IR_VEC_CMGT0, 3); }
bool trans_CMGE0_v(DisasContext *s, arg_CMGE0_v *a) { return gen_2misc_vec(s, a, IR_VEC_CMGE0, 3); }
bool trans_CMLE0_v(DisasContext *s, arg_CMLE0_v *a) { return gen_2misc_vec(s, a, IR_VEC_CMLE0, 3); }
bool trans_CMLT0_v(DisasContext *s, arg_CMLT0_v *a) { return gen_2misc_vec(s, a, IR_VEC_CMLT0, 3); }
bool trans_CMEQ0_v(DisasContext *s, arg_CMEQ0_v *a) { return gen_2misc_vec(s, a, IR_VEC_CMEQ0, 3); }
bool trans_ABS_v(DisasContext *s, arg_ABS_v *a) { return gen_2misc_vec(s, a, IR_VEC_ABS, 3); }
bool trans_NEG_v(DisasContext *s, arg_NEG_v *a) { return gen_2misc_vec(s, a, IR_VEC_NEG, 3); }

bool trans_NOT_v(DisasContext *s, arg_NOT_v *a)
{
    gen_vec(s, IR_VEC_NOT, 0, a->vq, 0, a->Rd, a->Rn, 0, 0);
    return true;
}

/* XTN/XTN2: size is the narrow element size; XTN2 (Q) keeps the low half
 * of Vd below the result. */
bool trans_XTN_v(DisasContext *s, arg_XTN_v *a)
{
    if (a->size == 3)
        return false;
    gen_vec(s, IR_VEC_XTN, (unsigned)a->size, a->vq, 0, a->Rd, a->Rn, a->Rd, 0);
    return true;
}

/* SHLL/SHLL2: the low or high ("2") half widened and shifted left by the
 * element size, so the sign of the narrow element is irrelevant. */
bool trans_SHLL_v(DisasContext *s, arg_SHLL_v *a)
{
    if (a->size == 3)
        return false;
    unsigned esize = 8u << a->size;
    gen_simd_helper(s, &a64_helper_simd_ushll, simd_desc(a->Rd, a->Rn, 0, a->vq, a->size, esize));
    return true;
}

/* ---- Across lanes ---------------------------------------------------------------------- */

/* 4S is the widest arrangement; 2S (Q = 0, size 2) is unallocated. */
static bool gen_across(DisasContext *s, argfmt_qrr_e *a, IrHelper *h)
{
    if (a->size == 3 || (a->size == 2 && !a->vq))
        return false;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, 0, a->vq, a->size, 0));
    return true;
}

static bool gen_across_vec(DisasContext *s, argfmt_qrr_e *a, IrVecOp op)
{
    if (a->size == 3 || (a->size == 2 && !a->vq))
        return false;
    gen_vec(s, op, (unsigned)a->size, a->vq, 0, a->Rd, a->Rn, 0, 0);
    return true;
}

bool trans_ADDV(DisasContext *s, arg_ADDV *a) { return gen_across_vec(s, a, IR_VEC_ADDV); }
bool trans_SMAXV(DisasContext *s, arg_SMAXV *a) { return gen_across_vec(s, a, IR_VEC_SMAXV); }
bool trans_SMINV(DisasContext *s, arg_SMINV *a) { return gen_across_vec(s, a, IR_VEC_SMINV); }
bool trans_UMAXV(DisasContext *s, arg_UMAXV *a) { return gen_across_vec(s, a, IR_VEC_UMAXV); }
bool trans_UMINV(DisasContext *s, arg_UMINV *a) { return gen_across_vec(s, a, IR_VEC_UMINV); }
bool trans_SADDLV(DisasContext *s, arg_SADDLV *a) { return gen_across(s, a, &a64_helper_simd_saddlv); }
bool trans_UADDLV(DisasContext *s, arg_UADDLV *a) { return gen_across(s, a, &a64_helper_simd_uaddlv); }

/* ---- Shift by immediate --------------------------------------------------------------- */

/* Arm ARM: esize from the highest set bit of immh; right shifts encode
 * 2 * esize - immh:immb, left shifts immh:immb - esize.  kind: 0 right,
 * 1 left, 2 narrowing right (SHRN), 3 widening left (SSHLL/USHLL). */
static bool gen_shift_imm(DisasContext *s, argfmt_q_shift *a, int kind, IrVecOp op)
{
    if (a->immh == 0)
        return false;
    unsigned size = 31 - __builtin_clz((unsigned)a->immh);
    unsigned esize = 8u << size, immhb = (unsigned)(a->immh << 3 | a->immb);
    if (kind >= 2 ? size == 3 : !vec_shape_ok(a->vq, size, a->scalar))
        return false;
    unsigned shift = (kind & 1) ? immhb - esize : 2 * esize - immhb;
    /* b: the accumulator, the inserted-into Vd, or SHRN2's low half */
    gen_vec(s, op, size, a->vq, shift, a->Rd, a->Rn, a->Rd, 0);
    return true;
}

bool trans_SSHR_v(DisasContext *s, arg_SSHR_v *a) { return gen_shift_imm(s, a, 0, IR_VEC_SSHR); }
bool trans_USHR_v(DisasContext *s, arg_USHR_v *a) { return gen_shift_imm(s, a, 0, IR_VEC_USHR); }
bool trans_SSRA_v(DisasContext *s, arg_SSRA_v *a) { return gen_shift_imm(s, a, 0, IR_VEC_SSRA); }
bool trans_USRA_v(DisasContext *s, arg_USRA_v *a) { return gen_shift_imm(s, a, 0, IR_VEC_USRA); }
bool trans_SRI_v(DisasContext *s, arg_SRI_v *a) { return gen_shift_imm(s, a, 0, IR_VEC_SRI); }
bool trans_SHL_v(DisasContext *s, arg_SHL_v *a) { return gen_shift_imm(s, a, 1, IR_VEC_SHL); }
bool trans_SLI_v(DisasContext *s, arg_SLI_v *a) { return gen_shift_imm(s, a, 1, IR_VEC_SLI); }
bool trans_SHRN_v(DisasContext *s, arg_SHRN_v *a) { return gen_shift_imm(s, a, 2, IR_VEC_SHRN); }
bool trans_SSHLL_v(DisasContext *s, arg_SSHLL_v *a) { return gen_shift_imm(s, a, 3, IR_VEC_SSHLL); }
bool trans_USHLL_v(DisasContext *s, arg_USHLL_v *a) { return gen_shift_imm(s, a, 3, IR_VEC_USHLL); }

/* ---- Table lookup, extract ------------------------------------------------------------- */

/* TBL/TBX: table registers Rn..Rn+len (modulo 32), indices in Rm. */
bool trans_TBL(DisasContext *s, arg_TBL *a)
{
    if (a->len == 0) {                   /* one table register */
        if (a->op)
            gen_vec(s, IR_VEC_TBX1, 0, a->Q, 0, a->Rd, a->Rn, a->Rm, a->Rd);
        else
            gen_vec(s, IR_VEC_TBL1, 0, a->Q, 0, a->Rd, a->Rn, a->Rm, 0);
        return true;
    }
    if (a->len == 1 && !a->op) {
        gen_vec(s, IR_VEC_TBL2, 0, a->Q, 0, a->Rd, a->Rn, (a->Rn + 1) % 32, a->Rm);
        return true;
    }
    IrHelper *h = a->op ? &a64_helper_simd_tbx : &a64_helper_simd_tbl;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, a->Rm, a->Q, 0, a->len));
    return true;
}

/* d = (hi:lo) >> sh, 0 <= sh < 64. */
static IrTemp gen_funnel(DisasContext *s, IrTemp lo, IrTemp hi, unsigned sh)
{
    if (sh == 0)
        return lo;
    IrTemp d = new_i64(s), t = new_i64(s);
    ir_gen_binopi(s->f, IR_SHR, d, lo, sh);
    ir_gen_binopi(s->f, IR_SHL, t, hi, 64 - sh);
    ir_gen_binop(s->f, IR_OR, d, d, t);
    return d;
}

/* EXT: bytes imm4.. of the concatenation Vm:Vn. */
bool trans_EXT(DisasContext *s, arg_EXT *a)
{
    if (!a->Q && (a->imm4 & 8))
        return false;
    IrTemp w[4];
    unsigned nw = a->Q ? 4 : 2;
    w[0] = gen_vec_read(s, a->Rn, 0);
    w[nw / 2] = gen_vec_read(s, a->Rm, 0);
    if (a->Q) {
        w[1] = gen_vec_read(s, a->Rn, 1);
        w[3] = gen_vec_read(s, a->Rm, 1);
    }
    unsigned word = a->imm4 / 8, sh = a->imm4 % 8 * 8;
    IrTemp r[2];
    for (unsigned h = 0; h < (a->Q ? 2u : 1u); h++) {
        unsigned i = word + h;
        r[h] = gen_funnel(s, w[i], i + 1 < nw ? w[i + 1] : w[i], sh);
    }
    gen_vec_result(s, a->Rd, a->Q, r);
    return true;
}
