/* frontend/aarch64/translate-simd-fp.c — scalar floating point (single and
 * double): arithmetic, fused multiply-add, min/max, square root, rounding to
 * integral, precision conversion, compares (FCMP, FCMPE, FCCMP, FCCMPE),
 * FCSEL, and conversions to and from general registers; the AdvSIMD FP
 * element-wise operations (three same arithmetic, integer and fixed-point
 * conversions, FCVTL/FCVTN, scalar pairwise, by element).
 *
 * FMOV, FABS, FNEG and FCSEL are inline IR (they only move bits, and never
 * flush denormals).  The rest are helpers over A64CPU.v that read their
 * operands from env and call the primitives of translate-simd-fparith.c,
 * where FPCR.FZ, FPCR.DN, FPCR.RMode, NaNs and the FPSR flags are handled;
 * once FPSR.IXC is set (round to nearest, FZ clear) the arithmetic helpers
 * first try the host's result directly (the fast path of
 * translate-simd-fp.h) and fall back to those primitives when it is not a
 * plain normal number.
 * Half-precision conversions are in translate-simd-f16.c, the AdvSIMD FP
 * operations beyond three same in translate-simd-fpv.c.  Not implemented:
 * FEAT_FP16 arithmetic (ftype 11 and the FP16 AdvSIMD forms: UDEF).
 */
#include "frontend/aarch64/translate-ldst.h"

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

/* ---- Registers ------------------------------------------------------------------------------ */

static uint64_t fp_get(const A64CPU *env, unsigned r, bool dbl)
{
    return dbl ? env->v[r][0] : (uint32_t)env->v[r][0];
}

static void fp_set(A64CPU *env, unsigned r, uint64_t bits)
{
    env->v[r][0] = bits;
    env->v[r][1] = 0;
}

static uint64_t sign_bit(bool dbl) { return dbl ? 1ull << 63 : 1ull << 31; }

/* ---- Scalar helpers ------------------------------------------------------------------------ */

/* opcode: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM, 7 FMINNM,
 * 8 FNMUL. */
static void helper_fp_2src(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    uint64_t a = fp_get(env, FPD_RN(desc), dbl), b = fp_get(env, FPD_RM(desc), dbl), r;
    if (a64_fp_fast_ok(env) && a64_fp_2src_fast(FPD_OP(desc), a, b, dbl, &r)) {
        fp_set(env, FPD_RD(desc), r);
        return;
    }
    int saved = a64_fp_begin(env);
    fp_set(env, FPD_RD(desc), a64_fp_2src(env, FPD_OP(desc), a, b, dbl));
    a64_fp_end(env, saved);
}

/* o1:o0 = 00 FMADD (a + n*m), 01 FMSUB (a - n*m), 10 FNMADD (-a - n*m),
 * 11 FNMSUB (-a + n*m): the negations apply to the operands before the
 * operation, NaNs included. */
static void helper_fp_3src(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    unsigned op = FPD_OP(desc);
    uint64_t n = fp_get(env, FPD_RN(desc), dbl);
    uint64_t m = fp_get(env, FPD_RM(desc), dbl);
    uint64_t a = fp_get(env, FPD_RA(desc), dbl), r;
    if (op == 1 || op == 2)
        n ^= sign_bit(dbl);
    if (op & 2)
        a ^= sign_bit(dbl);
    if (a64_fp_fast_ok(env) && a64_fp_muladd_fast(a, n, m, dbl, &r)) {
        fp_set(env, FPD_RD(desc), r);
        return;
    }
    int saved = a64_fp_begin(env);
    fp_set(env, FPD_RD(desc), a64_fp_muladd(env, a, n, m, dbl));
    a64_fp_end(env, saved);
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
    int saved = a64_fp_begin(env);
    if (op == 4 || op == 5)
        r = a64_fp_convert(env, a, dbl);
    else
        r = a64_fp_sqrt(env, a, dbl);
    fp_set(env, FPD_RD(desc), r);
    a64_fp_end(env, saved);
}

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
    return a64_fp_compare(env, a, b, dbl, op & 1);
}

/* FCVT{N,P,M,Z,A}{S,U} to a general register (fixed point: scaled by
 * 2^fbits first): op = mode | unsigned << 3 | sf << 4.  Returns the
 * register value. */
static uint64_t helper_fp_to_int(A64CPU *env, uint32_t desc)
{
    bool dbl = FPD_DBL(desc);
    unsigned op = FPD_OP(desc);
    return a64_fp_to_int(env, fp_get(env, FPD_RN(desc), dbl), dbl, FPD_FBITS(desc), op & 7,
                         (op >> 3) & 1, (op >> 4) & 1);
}

/* SCVTF/UCVTF from a general register (fixed point: divided by 2^fbits):
 * op = unsigned | sf << 1. */
static void helper_int_to_fp(A64CPU *env, uint64_t x, uint32_t desc)
{
    unsigned op = FPD_OP(desc);
    bool fast = a64_fp_fast_ok(env);     /* inexact is the only flag it can raise */
    int saved = fast ? -1 : a64_fp_begin(env);
    uint64_t r = a64_fp_from_int(x, FPD_DBL(desc), FPD_FBITS(desc), op & 1, (op >> 1) & 1);
    fp_set(env, FPD_RD(desc), r);
    if (!fast)
        a64_fp_end(env, saved);
}

/* ---- AdvSIMD lanes ------------------------------------------------------------------------- */

enum { FPV_TO_FP, FPV_TO_INT, FPV_2SRC, FPV_CVTL, FPV_CVTN, FPV_PAIR, FPV_FMLA, FPV_FCM };

/* One lane of an element-wise AdvSIMD FP operation (d: the old Vd lane);
 * the conversions take FPD_FBITS in place of Rm. */
static uint64_t fp_lane(A64CPU *env, uint32_t desc, unsigned kind, uint64_t n, uint64_t m,
                        uint64_t d)
{
    bool dbl = FPD_DBL(desc);
    unsigned sub = FPD_OP(desc) & 15;
    switch (kind) {
    case FPV_TO_FP: return a64_fp_from_int(n, dbl, FPD_FBITS(desc), sub & 1, dbl);
    case FPV_TO_INT:
        return a64_fp_to_int(env, n, dbl, FPD_FBITS(desc), sub & 7, (sub >> 3) & 1, dbl);
    case FPV_FMLA: return a64_fp_muladd(env, d, sub ? n ^ sign_bit(dbl) : n, m, dbl);
    case FPV_FCM: return a64_fp_cmp(env, sub, n, m, dbl);
    default: return a64_fp_2src(env, sub, n, m, dbl);
    }
}

/* fp_lane on the fast path (a64_fp_fast_ok() holds): false when the lane
 * needs the full primitive. */
static bool fp_lane_fast(uint32_t desc, unsigned kind, uint64_t n, uint64_t m, uint64_t d,
                         uint64_t *r)
{
    bool dbl = FPD_DBL(desc);
    unsigned sub = FPD_OP(desc) & 15;
    switch (kind) {
    case FPV_TO_FP:     /* inexact is the only flag it can raise */
        *r = a64_fp_from_int(n, dbl, FPD_FBITS(desc), sub & 1, dbl);
        return true;
    case FPV_FMLA: return a64_fp_muladd_fast(d, sub ? n ^ sign_bit(dbl) : n, m, dbl, r);
    case FPV_2SRC: return a64_fp_2src_fast(sub, n, m, dbl, r);
    default: return false;
    }
}

/* Element-wise over every lane (one for a scalar); the rest of Vd cleared.
 * Results are built in a local copy, so Rd may alias a source.  With fast,
 * lanes go through fp_lane_fast and nothing is written unless all of them
 * succeed (the return value). */
static bool fp_vec_lanes(A64CPU *env, uint32_t desc, unsigned kind, unsigned lanes, bool fast)
{
    bool dbl = FPD_DBL(desc);
    unsigned bits = dbl ? 64 : 32;
    const uint64_t *n = env->v[FPD_RN(desc)], *m = env->v[FPD_RM(desc)];
    const uint64_t *d = env->v[FPD_RD(desc)];
    uint64_t r[2] = { 0, 0 }, mask = dbl ? ~0ull : 0xffffffffull;
    for (unsigned i = 0; i < lanes; i++) {
        unsigned pos = i * bits;
        uint64_t x = (n[pos / 64] >> (pos % 64)) & mask;
        uint64_t y = (m[pos / 64] >> (pos % 64)) & mask;
        uint64_t z = (d[pos / 64] >> (pos % 64)) & mask, v;
        if (!fast)
            v = fp_lane(env, desc, kind, x, y, z);
        else if (!fp_lane_fast(desc, kind, x, y, z, &v))
            return false;
        r[pos / 64] |= (v & mask) << (pos % 64);
    }
    memcpy(env->v[FPD_RD(desc)], r, sizeof(r));
    return true;
}

/* FCVTL/FCVTL2: two singles (low or high half of Vn) to two doubles. */
static void fp_vec_cvtl(A64CPU *env, uint32_t desc, bool q)
{
    uint64_t src = env->v[FPD_RN(desc)][q];
    uint64_t lo = a64_fp_convert(env, src & 0xffffffffull, false);
    uint64_t hi = a64_fp_convert(env, src >> 32, false);
    env->v[FPD_RD(desc)][0] = lo;
    env->v[FPD_RD(desc)][1] = hi;
}

/* FCVTN/FCVTN2: two doubles to two singles in the low half (high cleared)
 * or the high half (low kept). */
static void fp_vec_cvtn(A64CPU *env, uint32_t desc, bool q)
{
    const uint64_t *n = env->v[FPD_RN(desc)];
    uint64_t lo = a64_fp_convert(env, n[0], true);
    uint64_t hi = a64_fp_convert(env, n[1], true);
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
    fp_set(env, FPD_RD(desc), a64_fp_2src(env, FPD_OP(desc) & 15, a, b, dbl));
}

/* op = sub | kind << 4 | Q << 7 | scalar << 8. */
static void helper_fp_vec(A64CPU *env, uint32_t desc)
{
    unsigned op = FPD_OP(desc), kind = (op >> 4) & 7;
    bool q = (op >> 7) & 1, scalar = (op >> 8) & 1;
    unsigned lanes = scalar ? 1 : (q ? 128u : 64u) >> (FPD_DBL(desc) ? 6 : 5);
    /* Conversions to integer are exact on the host: no host flags. */
    if (kind == FPV_TO_INT) {
        fp_vec_lanes(env, desc, kind, lanes, false);
        return;
    }
    if (a64_fp_fast_ok(env) && fp_vec_lanes(env, desc, kind, lanes, true))
        return;
    int saved = a64_fp_begin(env);
    if (kind == FPV_CVTL)
        fp_vec_cvtl(env, desc, q);
    else if (kind == FPV_CVTN)
        fp_vec_cvtn(env, desc, q);
    else if (kind == FPV_PAIR)
        fp_vec_pair(env, desc);
    else
        fp_vec_lanes(env, desc, kind, lanes, false);
    a64_fp_end(env, saved);
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
    int saved = a64_fp_begin(env);
    uint64_t m = (env->v[SIMD_DESC_RM(desc)][mpos / 64] >> (mpos % 64)) & mask;
    for (unsigned i = 0; i < lanes; i++) {
        unsigned pos = i * bits;
        uint64_t x = (n[pos / 64] >> (pos % 64)) & mask;
        uint64_t z = (d[pos / 64] >> (pos % 64)) & mask, v;
        if (kind <= 1)
            v = a64_fp_muladd(env, z, kind ? x ^ sign_bit(dbl) : x, m, dbl);
        else
            v = kind == 3 ? a64_fp_mulx(env, x, m, dbl) : a64_fp_2src(env, 0, x, m, dbl);
        r[pos / 64] |= (v & mask) << (pos % 64);
    }
    memcpy(env->v[SIMD_DESC_RD(desc)], r, sizeof(r));
    a64_fp_end(env, saved);
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
static IrHelper helper_desc_fp_elem = { "fp_elem", (void *)helper_fp_elem,
    IR_HF_SIDE_EFFECTS, IR_VOID, 3, { IR_I64, IR_I32, IR_I32 }, NULL };

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

/* fbits: the fixed-point fraction bits of the conversions (packed in
 * place of Rm and Ra), 0 for the others. */
static bool gen_fp_vec(DisasContext *s, int64_t vq, int64_t scalar, int64_t sz, unsigned rd,
                       unsigned rn, unsigned rm, unsigned kind, unsigned sub, unsigned fbits)
{
    if (sz && !vq && !scalar)
        return false;
    unsigned op = sub | kind << 4 | (unsigned)vq << 7 | (unsigned)scalar << 8;
    uint32_t desc = fbits ? fp_cvt_desc(rd, rn, fbits, sz, op) : fp_desc(rd, rn, rm, 0, sz, op);
    gen_fp_call(s, &helper_desc_fp_vec, desc);
    return true;
}

/* Scalar SCVTF/UCVTF with the integer in a vector register (Sn: 32 bits,
 * Dn: 64): the general-register conversion's helper, given the low half
 * of Vn, which spares the lane loop of helper_fp_vec. */
static bool gen_int_to_fp_scalar(DisasContext *s, unsigned rd, unsigned rn, bool dbl, bool uns,
                                 unsigned fbits)
{
    uint32_t desc = fp_cvt_desc(rd, 0, fbits, dbl, uns | (unsigned)dbl << 1);
    IrTemp args[3] = { IR_TEMP_ENV, gen_vec_read(s, rn, 0), desc_const(s, desc) };
    ir_gen_call(s->f, &helper_desc_int_to_fp, IR_NO_TEMP, args);
    return true;
}

/* SCVTF/UCVTF (vector and scalar, integer in a vector register). */
bool trans_SCVTF_simd(DisasContext *s, arg_SCVTF_simd *a)
{
    if (a->scalar)
        return gen_int_to_fp_scalar(s, a->Rd, a->Rn, a->sz, a->u, 0);
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_FP, a->u, 0);
}

/* FCVT{N,M}{S,U} (a = 0) and FCVT{P,Z}{S,U} (a = 1), vector and scalar. */
bool trans_FCVT_simd(DisasContext *s, arg_FCVT_simd *a)
{
    unsigned mode = a->a ? (a->o ? 3u : 1u) : (a->o ? 2u : 0u);
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_INT,
                      mode | (unsigned)a->u << 3, 0);
}

bool trans_FCVTA_simd(DisasContext *s, arg_FCVTA_simd *a)
{
    return gen_fp_vec(s, a->vq, a->scalar, a->sz, a->Rd, a->Rn, 0, FPV_TO_INT,
                      4 | (unsigned)a->u << 3, 0);
}

/* SCVTF/UCVTF (op 0) and FCVTZS/FCVTZU (op 1), vector and scalar,
 * fixed-point (shift by immediate class): immh 01xx single, 1xxx double
 * (001x is FP16, 0001 reserved), fbits = 2 * esize - immh:immb. */
bool trans_FCVT_fixed_simd(DisasContext *s, arg_FCVT_fixed_simd *a)
{
    if (a->immh < 4)
        return false;
    bool dbl = a->immh >= 8;
    unsigned fbits = (dbl ? 128u : 64u) - (unsigned)(a->immh << 3 | a->immb);
    if (a->op)
        return gen_fp_vec(s, a->vq, a->scalar, dbl, a->Rd, a->Rn, 0, FPV_TO_INT,
                          3 | (unsigned)a->u << 3, fbits);
    if (a->scalar)
        return gen_int_to_fp_scalar(s, a->Rd, a->Rn, dbl, a->u, fbits);
    return gen_fp_vec(s, a->vq, a->scalar, dbl, a->Rd, a->Rn, 0, FPV_TO_FP, a->u, fbits);
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
    return gen_fp_vec(s, a->vq, 0, a->sz, a->Rd, a->Rn, a->Rm, (unsigned)k >> 4, k & 15, 0);
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

void a64_gen_fp_elem(DisasContext *s, uint32_t desc, unsigned kind, bool scalar)
{
    IrTemp args[3] = { IR_TEMP_ENV, desc_const(s, desc),
                       desc_const(s, kind | (unsigned)scalar << 2) };
    ir_gen_call(s->f, &helper_desc_fp_elem, IR_NO_TEMP, args);
}
