/* frontend/aarch64/translate-simd.c — the AdvSIMD and FP register subset:
 * moves between general and vector registers, immediates, bitwise and
 * compare operations, and the dispatch of the other integer AdvSIMD
 * instructions to helpers (translate-simd-helper.c).
 *
 * The IR has no vector type: a 128-bit register is two i64 halves in env
 * (translate-ldst.h).  The frequent simple operations are inline i64 IR on
 * each half, using exact SWAR formulas for lanes narrower than 64 bits
 * (carries and borrows never cross a lane).  Everything else calls a helper
 * with the register numbers packed into one i32 (simd_desc).
 *
 * Invariants:
 *   - Every source half is read (LD_ENV) before the destination is written,
 *     so Rd may equal Rn or Rm.
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

/* All ones in the low 8 << size bits. */
static uint64_t lane_ones(unsigned size)
{
    return size >= 3 ? ~0ull : (1ull << (8u << size)) - 1;
}

/* v (one lane's worth) replicated into every lane of 64 bits. */
static uint64_t dup_const(unsigned size, uint64_t v)
{
    return size >= 3 ? v : (v & lane_ones(size)) * (~0ull / lane_ones(size));
}

/* The top bit of every lane. */
static uint64_t lane_high(unsigned size)
{
    return dup_const(size, 1ull << ((8u << size) - 1));
}

static IrTemp kconst(DisasContext *s, uint64_t v)
{
    return ir_const(s->f, IR_I64, v);
}

static IrTemp new_i64(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static void gen_vec_result(DisasContext *s, unsigned rd, bool q, const IrTemp r[2])
{
    gen_vec_write2(s, rd, r[0], q ? r[1] : IR_NO_TEMP);
}

/* ---- SWAR lane primitives (d may not alias the inputs) ------------------------ */

/* d = n + m in every lane. */
static void gen_swar_add(DisasContext *s, unsigned size, IrTemp d, IrTemp n, IrTemp m)
{
    IrFunc *f = s->f;
    if (size == 3) {
        ir_gen_binop(f, IR_ADD, d, n, m);
        return;
    }
    IrTemp h = kconst(s, lane_high(size)), a = new_i64(s), b = new_i64(s);
    ir_gen_binop(f, IR_ANDC, a, n, h);
    ir_gen_binop(f, IR_ANDC, b, m, h);
    ir_gen_binop(f, IR_ADD, d, a, b);
    ir_gen_binop(f, IR_XOR, a, n, m);
    ir_gen_binop(f, IR_AND, a, a, h);
    ir_gen_binop(f, IR_XOR, d, d, a);
}

/* d = n - m in every lane. */
static void gen_swar_sub(DisasContext *s, unsigned size, IrTemp d, IrTemp n, IrTemp m)
{
    IrFunc *f = s->f;
    if (size == 3) {
        ir_gen_binop(f, IR_SUB, d, n, m);
        return;
    }
    IrTemp h = kconst(s, lane_high(size)), a = new_i64(s), b = new_i64(s);
    ir_gen_binop(f, IR_OR, a, n, h);
    ir_gen_binop(f, IR_ANDC, b, m, h);
    ir_gen_binop(f, IR_SUB, d, a, b);
    ir_gen_binop(f, IR_EQV, a, n, m);
    ir_gen_binop(f, IR_AND, a, a, h);
    ir_gen_binop(f, IR_XOR, d, d, a);
}

/* d = all ones in the lanes where x is non-zero, zero elsewhere. */
static void gen_swar_nonzero(DisasContext *s, unsigned size, IrTemp d, IrTemp x)
{
    IrFunc *f = s->f;
    if (size == 3) {
        ir_gen_setcond(f, IR_COND_NE, d, x, kconst(s, 0));
        ir_gen_unop(f, IR_NEG, d, d);
        return;
    }
    /* (x & low7) + low7 sets a lane's top bit iff its low bits are
     * non-zero, without carrying out of the lane. */
    IrTemp low = kconst(s, ~lane_high(size)), t = new_i64(s);
    ir_gen_binop(f, IR_AND, t, x, low);
    ir_gen_binop(f, IR_ADD, t, t, low);
    ir_gen_binop(f, IR_OR, t, t, x);
    ir_gen_binop(f, IR_AND, t, t, kconst(s, lane_high(size)));
    ir_gen_binopi(f, IR_SHR, t, t, (8u << size) - 1);
    ir_gen_binop(f, IR_MUL, d, t, kconst(s, lane_ones(size)));
}

/* ---- Three same, inline ----------------------------------------------------------- */

typedef enum SimdInline {
    SI_AND, SI_BIC, SI_ORR, SI_ORN, SI_EOR, SI_BSL, SI_BIT, SI_BIF,
    SI_ADD, SI_SUB, SI_CMEQ, SI_CMTST,
} SimdInline;

/* The bitwise selects: BSL d = (n & d) | (m & ~d); BIT inserts n where m is
 * set; BIF where m is clear.  All as x ^ ((x ^ y) & sel). */
static void gen_bitsel(DisasContext *s, SimdInline op, IrTemp r, IrTemp d,
                       IrTemp n, IrTemp m)
{
    IrFunc *f = s->f;
    IrTemp t = new_i64(s);
    if (op == SI_BSL) {
        ir_gen_binop(f, IR_XOR, t, n, m);
        ir_gen_binop(f, IR_AND, t, t, d);
        ir_gen_binop(f, IR_XOR, r, m, t);
        return;
    }
    ir_gen_binop(f, IR_XOR, t, d, n);
    ir_gen_binop(f, op == SI_BIT ? IR_AND : IR_ANDC, t, t, m);
    ir_gen_binop(f, IR_XOR, r, d, t);
}

static void gen_3same_half(DisasContext *s, SimdInline op, unsigned size,
                           IrTemp r, IrTemp d, IrTemp n, IrTemp m)
{
    IrFunc *f = s->f;
    switch (op) {
    case SI_AND: ir_gen_binop(f, IR_AND, r, n, m); return;
    case SI_BIC: ir_gen_binop(f, IR_ANDC, r, n, m); return;
    case SI_ORR: ir_gen_binop(f, IR_OR, r, n, m); return;
    case SI_ORN: ir_gen_binop(f, IR_ORC, r, n, m); return;
    case SI_EOR: ir_gen_binop(f, IR_XOR, r, n, m); return;
    case SI_BSL: case SI_BIT: case SI_BIF: gen_bitsel(s, op, r, d, n, m); return;
    case SI_ADD: gen_swar_add(s, size, r, n, m); return;
    case SI_SUB: gen_swar_sub(s, size, r, n, m); return;
    case SI_CMEQ: {
        IrTemp x = new_i64(s);
        ir_gen_binop(f, IR_XOR, x, n, m);
        gen_swar_nonzero(s, size, r, x);
        ir_gen_unop(f, IR_NOT, r, r);
        return;
    }
    case SI_CMTST: {
        IrTemp x = new_i64(s);
        ir_gen_binop(f, IR_AND, x, n, m);
        gen_swar_nonzero(s, size, r, x);
        return;
    }
    }
}

static bool gen_3same_inline(DisasContext *s, argfmt_qrrr_e *a, SimdInline op)
{
    /* The bitwise ops use the size field as an opcode. */
    bool bitwise = op <= SI_BIF;
    if (!bitwise && !vec_shape_ok(a->vq, a->size, a->scalar))
        return false;
    bool sel = op == SI_BSL || op == SI_BIT || op == SI_BIF;
    IrTemp r[2];
    for (unsigned h = 0; h < (a->vq ? 2u : 1u); h++) {
        IrTemp n = gen_vec_read(s, a->Rn, h), m = gen_vec_read(s, a->Rm, h);
        IrTemp d = sel ? gen_vec_read(s, a->Rd, h) : IR_NO_TEMP;
        r[h] = new_i64(s);
        gen_3same_half(s, op, a->size, r[h], d, n, m);
    }
    gen_vec_result(s, a->Rd, a->vq, r);
    return true;
}

bool trans_AND_v(DisasContext *s, arg_AND_v *a) { return gen_3same_inline(s, a, SI_AND); }
bool trans_BIC_v(DisasContext *s, arg_BIC_v *a) { return gen_3same_inline(s, a, SI_BIC); }
bool trans_ORR_v(DisasContext *s, arg_ORR_v *a) { return gen_3same_inline(s, a, SI_ORR); }
bool trans_ORN_v(DisasContext *s, arg_ORN_v *a) { return gen_3same_inline(s, a, SI_ORN); }
bool trans_EOR_v(DisasContext *s, arg_EOR_v *a) { return gen_3same_inline(s, a, SI_EOR); }
bool trans_BSL_v(DisasContext *s, arg_BSL_v *a) { return gen_3same_inline(s, a, SI_BSL); }
bool trans_BIT_v(DisasContext *s, arg_BIT_v *a) { return gen_3same_inline(s, a, SI_BIT); }
bool trans_BIF_v(DisasContext *s, arg_BIF_v *a) { return gen_3same_inline(s, a, SI_BIF); }
bool trans_ADD_v(DisasContext *s, arg_ADD_v *a) { return gen_3same_inline(s, a, SI_ADD); }
bool trans_SUB_v(DisasContext *s, arg_SUB_v *a) { return gen_3same_inline(s, a, SI_SUB); }
bool trans_CMEQ_v(DisasContext *s, arg_CMEQ_v *a) { return gen_3same_inline(s, a, SI_CMEQ); }
bool trans_CMTST_v(DisasContext *s, arg_CMTST_v *a) { return gen_3same_inline(s, a, SI_CMTST); }

/* ---- Helper-based operations ------------------------------------------------------ */

void gen_simd_helper(DisasContext *s, IrHelper *h, uint32_t desc)
{
    IrTemp args[2] = { IR_TEMP_ENV, ir_const(s->f, IR_I32, desc) };
    ir_gen_call(s->f, h, IR_NO_TEMP, args);
}

/* Three same through a helper; no64: the instruction has no 64-bit lanes. */
static bool gen_3same_helper(DisasContext *s, argfmt_qrrr_e *a, IrHelper *h, bool no64)
{
    if (!vec_shape_ok(a->vq, a->size, a->scalar) || (no64 && a->size == 3))
        return false;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, a->Rm, a->vq, a->size, 0));
    return true;
}

bool trans_CMGT_v(DisasContext *s, arg_CMGT_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_cmgt, false); }
bool trans_CMGE_v(DisasContext *s, arg_CMGE_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_cmge, false); }
bool trans_CMHI_v(DisasContext *s, arg_CMHI_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_cmhi, false); }
bool trans_CMHS_v(DisasContext *s, arg_CMHS_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_cmhs, false); }
bool trans_SMAX_v(DisasContext *s, arg_SMAX_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_smax, true); }
bool trans_SMIN_v(DisasContext *s, arg_SMIN_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_smin, true); }
bool trans_UMAX_v(DisasContext *s, arg_UMAX_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_umax, true); }
bool trans_UMIN_v(DisasContext *s, arg_UMIN_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_umin, true); }
bool trans_MUL_v(DisasContext *s, arg_MUL_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_mul, true); }
bool trans_MLA_v(DisasContext *s, arg_MLA_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_mla, true); }
bool trans_MLS_v(DisasContext *s, arg_MLS_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_mls, true); }
bool trans_SMAXP_v(DisasContext *s, arg_SMAXP_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_smaxp, true); }
bool trans_SMINP_v(DisasContext *s, arg_SMINP_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_sminp, true); }
bool trans_UMAXP_v(DisasContext *s, arg_UMAXP_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_umaxp, true); }
bool trans_UMINP_v(DisasContext *s, arg_UMINP_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_uminp, true); }
bool trans_ADDP_v(DisasContext *s, arg_ADDP_v *a) { return gen_3same_helper(s, a, &a64_helper_simd_addp, false); }

/* Permutes: no scalar forms; 2D needs Q. */
bool trans_UZP1(DisasContext *s, arg_UZP1 *a) { return gen_3same_helper(s, a, &a64_helper_simd_uzp1, false); }
bool trans_UZP2(DisasContext *s, arg_UZP2 *a) { return gen_3same_helper(s, a, &a64_helper_simd_uzp2, false); }
bool trans_ZIP1(DisasContext *s, arg_ZIP1 *a) { return gen_3same_helper(s, a, &a64_helper_simd_zip1, false); }
bool trans_ZIP2(DisasContext *s, arg_ZIP2 *a) { return gen_3same_helper(s, a, &a64_helper_simd_zip2, false); }
bool trans_TRN1(DisasContext *s, arg_TRN1 *a) { return gen_3same_helper(s, a, &a64_helper_simd_trn1, false); }
bool trans_TRN2(DisasContext *s, arg_TRN2 *a) { return gen_3same_helper(s, a, &a64_helper_simd_trn2, false); }

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

bool trans_REV64_v(DisasContext *s, arg_REV64_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_rev64, 2); }
bool trans_REV32_v(DisasContext *s, arg_REV32_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_rev32, 1); }
bool trans_REV16_v(DisasContext *s, arg_REV16_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_rev16, 0); }
bool trans_CNT_v(DisasContext *s, arg_CNT_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_cnt, 0); }
bool trans_RBIT_v(DisasContext *s, arg_RBIT_v *a)
{
    /* size is fixed at 01 in the pattern; RBIT works on bytes. */
    argfmt_qrr_e b = *a;
    b.size = 0;
    return gen_2misc_helper(s, &b, &a64_helper_simd_rbit, 0);
}
bool trans_CMGT0_v(DisasContext *s, arg_CMGT0_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_cmgt0, 3); }
bool trans_CMGE0_v(DisasContext *s, arg_CMGE0_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_cmge0, 3); }
bool trans_CMLE0_v(DisasContext *s, arg_CMLE0_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_cmle0, 3); }
bool trans_CMLT0_v(DisasContext *s, arg_CMLT0_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_cmlt0, 3); }
bool trans_ABS_v(DisasContext *s, arg_ABS_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_abs, 3); }
bool trans_NEG_v(DisasContext *s, arg_NEG_v *a) { return gen_2misc_helper(s, a, &a64_helper_simd_neg, 3); }

/* XTN/XTN2: size is the narrow element size; XTN2 (Q) keeps the low half. */
bool trans_XTN_v(DisasContext *s, arg_XTN_v *a)
{
    if (a->size == 3)
        return false;
    gen_simd_helper(s, &a64_helper_simd_xtn, simd_desc(a->Rd, a->Rn, 0, a->vq, a->size, 0));
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

/* CMEQ #0 and NOT inline: both sit in strlen/memchr-style loops. */
bool trans_CMEQ0_v(DisasContext *s, arg_CMEQ0_v *a)
{
    if (!vec_shape_ok(a->vq, a->size, a->scalar))
        return false;
    IrTemp r[2];
    for (unsigned h = 0; h < (a->vq ? 2u : 1u); h++) {
        IrTemp n = gen_vec_read(s, a->Rn, h);
        r[h] = new_i64(s);
        gen_swar_nonzero(s, a->size, r[h], n);
        ir_gen_unop(s->f, IR_NOT, r[h], r[h]);
    }
    gen_vec_result(s, a->Rd, a->vq, r);
    return true;
}

bool trans_NOT_v(DisasContext *s, arg_NOT_v *a)
{
    IrTemp r[2];
    for (unsigned h = 0; h < (a->vq ? 2u : 1u); h++) {
        r[h] = new_i64(s);
        ir_gen_unop(s->f, IR_NOT, r[h], gen_vec_read(s, a->Rn, h));
    }
    gen_vec_result(s, a->Rd, a->vq, r);
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

bool trans_ADDV(DisasContext *s, arg_ADDV *a) { return gen_across(s, a, &a64_helper_simd_addv); }
bool trans_SMAXV(DisasContext *s, arg_SMAXV *a) { return gen_across(s, a, &a64_helper_simd_smaxv); }
bool trans_SMINV(DisasContext *s, arg_SMINV *a) { return gen_across(s, a, &a64_helper_simd_sminv); }
bool trans_UMAXV(DisasContext *s, arg_UMAXV *a) { return gen_across(s, a, &a64_helper_simd_umaxv); }
bool trans_UMINV(DisasContext *s, arg_UMINV *a) { return gen_across(s, a, &a64_helper_simd_uminv); }
bool trans_SADDLV(DisasContext *s, arg_SADDLV *a) { return gen_across(s, a, &a64_helper_simd_saddlv); }
bool trans_UADDLV(DisasContext *s, arg_UADDLV *a) { return gen_across(s, a, &a64_helper_simd_uaddlv); }

/* ---- Shift by immediate --------------------------------------------------------------- */

/* Arm ARM: esize from the highest set bit of immh; right shifts encode
 * 2 * esize - immh:immb, left shifts immh:immb - esize.  kind: 0 right,
 * 1 left, 2 narrowing right (SHRN), 3 widening left (SSHLL/USHLL). */
static bool gen_shift_imm(DisasContext *s, argfmt_q_shift *a, IrHelper *h, int kind)
{
    if (a->immh == 0)
        return false;
    unsigned size = 31 - __builtin_clz((unsigned)a->immh);
    unsigned esize = 8u << size, immhb = (unsigned)(a->immh << 3 | a->immb);
    if (kind >= 2 ? size == 3 : !vec_shape_ok(a->vq, size, a->scalar))
        return false;
    unsigned shift = (kind & 1) ? immhb - esize : 2 * esize - immhb;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, 0, a->vq, size, shift));
    return true;
}

bool trans_SSHR_v(DisasContext *s, arg_SSHR_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_sshr, 0); }
bool trans_USHR_v(DisasContext *s, arg_USHR_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_ushr, 0); }
bool trans_SSRA_v(DisasContext *s, arg_SSRA_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_ssra, 0); }
bool trans_USRA_v(DisasContext *s, arg_USRA_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_usra, 0); }
bool trans_SRI_v(DisasContext *s, arg_SRI_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_sri, 0); }
bool trans_SHL_v(DisasContext *s, arg_SHL_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_shl, 1); }
bool trans_SLI_v(DisasContext *s, arg_SLI_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_sli, 1); }
bool trans_SHRN_v(DisasContext *s, arg_SHRN_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_shrn, 2); }
bool trans_SSHLL_v(DisasContext *s, arg_SSHLL_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_sshll, 3); }
bool trans_USHLL_v(DisasContext *s, arg_USHLL_v *a) { return gen_shift_imm(s, a, &a64_helper_simd_ushll, 3); }

/* ---- Table lookup, extract ------------------------------------------------------------- */

/* TBL/TBX: table registers Rn..Rn+len (modulo 32), indices in Rm. */
bool trans_TBL(DisasContext *s, arg_TBL *a)
{
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
