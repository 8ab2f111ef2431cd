/* frontend/aarch64/translate-simd-int.c — translation of the saturating,
 * rounding, halving, absolute-difference, register-shift, pairwise-long,
 * dot-product and by-element integer AdvSIMD instructions (vector and
 * scalar forms), all through helper_simd_int (translate-simd-sat.c).
 *
 * Each class maps (U, opcode) to an A64SimdIntOp and a set of allowed
 * shapes (rules below), checked against the Arm ARM's unallocated
 * encodings before any IR is emitted: an encoding that is not allocated
 * returns false (UDEF).
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/a64-decode.h"

/* Shape rules: which element sizes the vector and scalar forms allow.
 * Vector size 3 always needs Q (2D). */
enum {
    R_NO64 = 1,     /* vector: no 64-bit lanes */
    R_S_ANY = 2,    /* scalar form exists for every size */
    R_S_D = 4,      /* scalar form exists for size 3 only */
    R_HS = 8,       /* only sizes 1 and 2 (H, S) */
    R_B = 16,       /* only size 0 */
    R_S = 32,       /* only size 2 */
};

typedef struct IntOpRule {
    int8_t op[2];    /* A64SimdIntOp for U = 0 and U = 1, -1: unallocated */
    uint8_t rules;
} IntOpRule;

#define NONE (-1)

static bool shape_ok(unsigned rules, int64_t q, int64_t size, int64_t scalar)
{
    if ((rules & R_HS) && (size == 0 || size == 3))
        return false;
    if (((rules & R_B) && size != 0) || ((rules & R_S) && size != 2))
        return false;
    if (scalar)
        return (rules & R_S_ANY) || ((rules & R_S_D) && size == 3);
    return !(size == 3 && (!q || (rules & R_NO64)));
}

static void gen_simd_int(DisasContext *s, uint32_t desc, uint32_t op)
{
    IrTemp args[3] = { IR_TEMP_ENV, ir_const(s->f, IR_I32, desc), ir_const(s->f, IR_I32, op) };
    ir_gen_call(s->f, &a64_helper_simd_int, IR_NO_TEMP, args);
}

static bool gen_int_rule(DisasContext *s, const IntOpRule *r, int64_t u, int64_t q,
                         int64_t size, int64_t scalar, unsigned rd, unsigned rn, unsigned rm)
{
    int op = r->op[u];
    if (op == NONE || r->rules == 0 || !shape_ok(r->rules, q, size, scalar))
        return false;
    gen_simd_int(s, simd_desc(rd, rn, rm, (unsigned)q, (unsigned)size, 0),
                 simd_int_op((A64SimdIntOp)op, scalar, false, 0, 0));
    return true;
}

/* ---- Three same ------------------------------------------------------------------------ */

static const IntOpRule rules_3same[32] = {
    [0] = { { A64_SI_shadd, A64_SI_uhadd }, R_NO64 },
    [1] = { { A64_SI_sqadd, A64_SI_uqadd }, R_S_ANY },
    [2] = { { A64_SI_srhadd, A64_SI_urhadd }, R_NO64 },
    [4] = { { A64_SI_shsub, A64_SI_uhsub }, R_NO64 },
    [5] = { { A64_SI_sqsub, A64_SI_uqsub }, R_S_ANY },
    [8] = { { A64_SI_sshl, A64_SI_ushl }, R_S_D },
    [9] = { { A64_SI_sqshl, A64_SI_uqshl }, R_S_ANY },
    [10] = { { A64_SI_srshl, A64_SI_urshl }, R_S_D },
    [11] = { { A64_SI_sqrshl, A64_SI_uqrshl }, R_S_ANY },
    [14] = { { A64_SI_sabd, A64_SI_uabd }, R_NO64 },
    [15] = { { A64_SI_saba, A64_SI_uaba }, R_NO64 },
    [19] = { { NONE, A64_SI_pmul }, R_B },
    [22] = { { A64_SI_sqdmulh, A64_SI_sqrdmulh }, R_HS | R_S_ANY },
};

/* SQADD, UQADD, SQSUB, UQSUB on byte and halfword vectors: one VEC op,
 * which sets FPSR.QC (bit 27) exactly when a lane saturates. */
static bool gen_sat_vec(DisasContext *s, arg_SIMD_3same *a)
{
    static const IrVecOp ops[2][2] = {
        { IR_VEC_SQADD, IR_VEC_UQADD }, { IR_VEC_SQSUB, IR_VEC_UQSUB },
    };
    IrVecOp op = ops[a->op == 5][a->u];
    ir_gen_vec(s->f, ir_vec_desc(op, (unsigned)a->size, a->vq, 27), vec_ofs(a->Rd, 0),
               vec_ofs(a->Rn, 0), vec_ofs(a->Rm, 0), (int32_t)offsetof(A64CPU, fpsr));
    return true;
}

bool trans_SIMD_3same(DisasContext *s, arg_SIMD_3same *a)
{
    if ((a->op == 1 || a->op == 5) && !a->scalar && a->size <= 1)
        return gen_sat_vec(s, a);
    return gen_int_rule(s, &rules_3same[a->op], a->u, a->vq, a->size, a->scalar,
                        a->Rd, a->Rn, a->Rm);
}

/* ---- Two-register misc ------------------------------------------------------------------ */

/* The narrowing ops (SQXTN, UQXTN, SQXTUN) give the narrow size. */
static const IntOpRule rules_2misc[32] = {
    [2] = { { A64_SI_saddlp, A64_SI_uaddlp }, R_NO64 },
    [3] = { { A64_SI_suqadd, A64_SI_usqadd }, R_S_ANY },
    [4] = { { A64_SI_cls, A64_SI_clz }, R_NO64 },
    [6] = { { A64_SI_sadalp, A64_SI_uadalp }, R_NO64 },
    [7] = { { A64_SI_sqabs, A64_SI_sqneg }, R_S_ANY },
    [18] = { { NONE, A64_SI_sqxtun }, R_NO64 | R_S_ANY },
    [20] = { { A64_SI_sqxtn, A64_SI_uqxtn }, R_NO64 | R_S_ANY },
    [28] = { { A64_SI_urecpe, A64_SI_ursqrte }, R_S },
};

bool trans_SIMD_2misc(DisasContext *s, arg_SIMD_2misc *a)
{
    const IntOpRule *r = &rules_2misc[a->op];
    /* Narrowing: size 3 is reserved for vector and scalar alike. */
    if ((a->op == 18 || a->op == 20) && a->size == 3)
        return false;
    return gen_int_rule(s, r, a->u, a->vq, a->size, a->scalar, a->Rd, a->Rn, 0);
}

/* ---- Three different ----------------------------------------------------------------------- */

/* size is the narrow size; Q selects the "2" forms. */
static const IntOpRule rules_3diff[16] = {
    [4] = { { NONE, A64_SI_raddhn }, R_NO64 },
    [5] = { { A64_SI_sabal, A64_SI_uabal }, R_NO64 },
    [6] = { { NONE, A64_SI_rsubhn }, R_NO64 },
    [7] = { { A64_SI_sabdl, A64_SI_uabdl }, R_NO64 },
    [9] = { { A64_SI_sqdmlal, NONE }, R_HS | R_S_ANY },
    [11] = { { A64_SI_sqdmlsl, NONE }, R_HS | R_S_ANY },
    [13] = { { A64_SI_sqdmull, NONE }, R_HS | R_S_ANY },
};

bool trans_SIMD_3diff(DisasContext *s, arg_SIMD_3diff *a)
{
    if (a->size == 3)
        return false;
    return gen_int_rule(s, &rules_3diff[a->op], a->u, a->vq, a->size, a->scalar,
                        a->Rd, a->Rn, a->Rm);
}

/* ---- Shift by immediate ------------------------------------------------------------------- */

typedef enum ShiftForm { SF_RIGHT, SF_LEFT, SF_NARROW } ShiftForm;

typedef struct ShiftRule {
    int8_t op[2];
    ShiftForm form;
    bool scalar_any;   /* scalar allowed for every size (else D only) */
} ShiftRule;

static const ShiftRule rules_shift[32] = {
    [4] = { { A64_SI_srshr, A64_SI_urshr }, SF_RIGHT, false },
    [6] = { { A64_SI_srsra, A64_SI_ursra }, SF_RIGHT, false },
    [12] = { { NONE, A64_SI_sqshlu }, SF_LEFT, true },
    [14] = { { A64_SI_sqshli, A64_SI_uqshli }, SF_LEFT, true },
    [16] = { { NONE, A64_SI_sqshrun }, SF_NARROW, true },
    [17] = { { A64_SI_rshrn, A64_SI_sqrshrun }, SF_NARROW, true },
    [18] = { { A64_SI_sqshrn, A64_SI_uqshrn }, SF_NARROW, true },
    [19] = { { A64_SI_sqrshrn, A64_SI_uqrshrn }, SF_NARROW, true },
};

/* esize from the highest set bit of immh; right shifts encode
 * 2 * esize - immh:immb, left shifts immh:immb - esize. */
bool trans_SIMD_shift(DisasContext *s, arg_SIMD_shift *a)
{
    const ShiftRule *r = &rules_shift[a->op];
    int op = r->op[a->u];
    if (a->immh == 0 || op == NONE || (op == A64_SI_rshrn && a->scalar))
        return false;
    unsigned size = 31 - __builtin_clz((unsigned)a->immh);
    unsigned esize = 8u << size, immhb = (unsigned)(a->immh << 3 | a->immb);
    if (r->form == SF_NARROW ? size == 3
                             : !shape_ok(r->scalar_any ? R_S_ANY : R_S_D, a->vq, size, a->scalar))
        return false;
    unsigned shift = r->form == SF_LEFT ? immhb - esize : 2 * esize - immhb;
    gen_simd_int(s, simd_desc(a->Rd, a->Rn, 0, a->vq, size, 0),
                 simd_int_op((A64SimdIntOp)op, a->scalar, false, 0, shift));
    return true;
}

/* ---- By element ------------------------------------------------------------------------------ */

typedef struct ElemRule {
    int8_t op[2];
    bool scalar;   /* has a scalar form */
} ElemRule;

/* Integer opcodes; 0001, 0101, 1001 are FP (translate-simd-fp.c). */
static const ElemRule rules_elem[16] = {
    [0] = { { NONE, A64_SI_mla }, false },
    [2] = { { A64_SI_smlal, A64_SI_umlal }, false },
    [3] = { { A64_SI_sqdmlal, NONE }, true },
    [4] = { { NONE, A64_SI_mls }, false },
    [6] = { { A64_SI_smlsl, A64_SI_umlsl }, false },
    [7] = { { A64_SI_sqdmlsl, NONE }, true },
    [8] = { { A64_SI_mul, NONE }, false },
    [10] = { { A64_SI_smull, A64_SI_umull }, false },
    [11] = { { A64_SI_sqdmull, NONE }, true },
    [12] = { { A64_SI_sqdmulh, NONE }, true },
    [13] = { { A64_SI_sqrdmulh, NONE }, true },
    [14] = { { A64_SI_sdot, A64_SI_udot }, false },
};

static bool is_fp_elem(int64_t opcode) { return opcode == 1 || opcode == 5 || opcode == 9; }

/* FMLA, FMLS (U = 0), FMUL, FMULX by element: size 1x gives single (index
 * H:L) or double (index H, L must be 0); the half-precision forms need
 * FEAT_FP16 (UDEF). */
static bool gen_fp_elem(DisasContext *s, arg_SIMD_elem *a)
{
    bool dbl = a->size & 1;
    if (a->size < 2 || (a->u && a->opcode != 9) || (dbl && (a->l || (!a->vq && !a->scalar))))
        return false;
    unsigned index = (unsigned)(dbl ? a->h : a->h << 1 | a->l);
    unsigned kind = a->opcode == 9 ? (a->u ? 3u : 2u) : (a->opcode == 5 ? 1u : 0u);
    unsigned rm = (unsigned)(a->m << 4 | a->rm);
    a64_gen_fp_elem(s, simd_desc(a->Rd, a->Rn, rm, a->vq, dbl, index), kind, a->scalar);
    return true;
}

bool trans_SIMD_elem(DisasContext *s, arg_SIMD_elem *a)
{
    if (is_fp_elem(a->opcode))
        return gen_fp_elem(s, a);
    const ElemRule *r = &rules_elem[a->opcode];
    int op = a->opcode == 15 ? NONE : r->op[a->u];
    bool dot = a->opcode == 14;
    if (op == NONE || (a->scalar && !r->scalar))
        return false;
    if (dot ? a->size != 2 : (a->size != 1 && a->size != 2))
        return false;
    /* 16-bit: index H:L:M, Vm in V0-V15; 32-bit: index H:L, M is Rm<4>. */
    unsigned index = (unsigned)(a->size == 1 ? a->h << 2 | a->l << 1 | a->m : a->h << 1 | a->l);
    unsigned rm = (unsigned)(a->size == 1 ? a->rm : a->m << 4 | a->rm);
    if (!a->scalar && (op == A64_SI_mul || op == A64_SI_mla || op == A64_SI_mls)) {
        IrVecOp vop = op == A64_SI_mul ? IR_VEC_MUL_ELT
                    : op == A64_SI_mla ? IR_VEC_MLA_ELT : IR_VEC_MLS_ELT;
        ir_gen_vec(s->f, ir_vec_desc(vop, (unsigned)a->size, a->vq, index),
                   vec_ofs(a->Rd, 0), vec_ofs(a->Rn, 0), vec_ofs(rm, 0), vec_ofs(a->Rd, 0));
        return true;
    }
    gen_simd_int(s, simd_desc(a->Rd, a->Rn, rm, a->vq, a->size, 0),
                 simd_int_op((A64SimdIntOp)op, a->scalar, true, index, 0));
    return true;
}

/* ---- Scalar pairwise ADDP ---------------------------------------------------------------- */

/* Inline: one 64-bit add. */
bool trans_ADDP_s(DisasContext *s, arg_ADDP_s *a)
{
    if (a->size != 3)
        return false;
    IrTemp lo = gen_vec_read(s, a->Rn, 0), hi = gen_vec_read(s, a->Rn, 1);
    IrTemp r = ir_new_temp(s->f, IR_I64);
    ir_gen_binop(s->f, IR_ADD, r, lo, hi);
    gen_vec_write2(s, a->Rd, r, IR_NO_TEMP);
    return true;
}

/* ---- Dot product ------------------------------------------------------------------------- */

/* SDOT/UDOT (vector): 4S or 2S accumulating byte products; size must be 2. */
bool trans_SIMD_dot(DisasContext *s, arg_SIMD_dot *a)
{
    if (a->size != 2)
        return false;
    gen_simd_int(s, simd_desc(a->Rd, a->Rn, a->Rm, a->vq, 2, 0),
                 simd_int_op(a->u ? A64_SI_udot : A64_SI_sdot, false, false, 0, 0));
    return true;
}
