/* frontend/aarch64/translate-simd-move.c — moves into, out of and between
 * FP/SIMD registers: AdvSIMD copy (DUP, INS, UMOV, SMOV), modified
 * immediate (MOVI, MVNI, ORR, BIC, FMOV vector), and the scalar FMOV forms
 * (general, immediate; FMOV register is in translate-simd-fp.c).
 *
 * Inline i64 IR on the two halves of a register (translate-ldst.h), but
 * DUP (element), one VEC op.
 * Element numbers come from imm5 as the Arm ARM decodes them: the lowest set
 * bit gives the size, the bits above it the index.  A D/S/H/B or 64-bit
 * vector result zeroes bits 127:64; INS and the FMOV to Vd.D[1] keep the
 * rest of the register.
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/a64-decode.h"

/* ---- Elements -------------------------------------------------------------------- */

/* Element size (log2 bytes) of an imm5, or -1 when none (imm5<3:0> = 0). */
static int imm5_size(int64_t imm5)
{
    return (imm5 & 15) ? __builtin_ctz((unsigned)imm5) : -1;
}

static unsigned imm5_index(int64_t imm5, unsigned size)
{
    return (unsigned)imm5 >> (size + 1);
}

/* A new temp: element idx of size of V[reg], zero- or sign-extended. */
static IrTemp gen_elem_read(DisasContext *s, unsigned reg, unsigned size,
                            unsigned idx, bool sign)
{
    unsigned bits = 8u << size, pos = idx * bits;
    IrTemp half = gen_vec_read(s, reg, pos / 64);
    if (bits == 64)
        return half;
    IrTemp e = ir_new_temp(s->f, IR_I64);
    if (sign)
        ir_gen_sextract(s->f, e, half, pos % 64, bits);
    else
        ir_gen_extract(s->f, e, half, pos % 64, bits);
    return e;
}

/* Element idx of size of V[reg] = v; the other elements are kept. */
static void gen_elem_write(DisasContext *s, unsigned reg, unsigned size,
                           unsigned idx, IrTemp v)
{
    unsigned bits = 8u << size, pos = idx * bits;
    if (bits == 64) {
        gen_vec_write(s, reg, pos / 64, v);
        return;
    }
    IrTemp half = gen_vec_read(s, reg, pos / 64);
    ir_gen_deposit(s->f, half, half, v, pos % 64, bits);
    gen_vec_write(s, reg, pos / 64, half);
}

/* The low 8 << size bits of v in every lane of a 64-bit temp. */
static IrTemp gen_dup_lanes(DisasContext *s, IrTemp v, unsigned size)
{
    if (size == 3)
        return v;
    unsigned bits = 8u << size;
    IrTemp e = ir_new_temp(s->f, IR_I64), d = ir_new_temp(s->f, IR_I64);
    ir_gen_extract(s->f, e, v, 0, bits);
    ir_gen_binopi(s->f, IR_MUL, d, e, ~0ull / ((1ull << bits) - 1));
    return d;
}

/* ---- AdvSIMD copy ------------------------------------------------------------------ */

static bool gen_dup(DisasContext *s, unsigned q, unsigned rd, int size, IrTemp v)
{
    if (size < 0 || (size == 3 && !q))
        return false;
    IrTemp d = gen_dup_lanes(s, v, (unsigned)size);
    gen_vec_write2(s, rd, d, q ? d : IR_NO_TEMP);
    return true;
}

/* DUP (general): every element = the low bits of Rn. */
bool trans_DUP_gen(DisasContext *s, arg_DUP_gen *a)
{
    return gen_dup(s, a->Q, a->Rd, imm5_size(a->imm5), cpu_reg(s, a->Rn));
}

/* DUP (element), vector. */
bool trans_DUP_elem(DisasContext *s, arg_DUP_elem *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0 || (size == 3 && !a->Q))
        return false;
    ir_gen_vec(s->f, ir_vec_desc(IR_VEC_DUPLANE, (unsigned)size, a->Q,
                                 imm5_index(a->imm5, size)),
               vec_ofs(a->Rd, 0), vec_ofs(a->Rn, 0), 0, 0);
    return true;
}

/* DUP (element), scalar: MOV Bd/Hd/Sd/Dd, Vn.T[i]. */
bool trans_DUP_elem_s(DisasContext *s, arg_DUP_elem_s *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0)
        return false;
    IrTemp e = gen_elem_read(s, a->Rn, size, imm5_index(a->imm5, size), false);
    gen_vec_write2(s, a->Rd, e, IR_NO_TEMP);
    return true;
}

/* INS (general): Vd.T[i] = Rn. */
bool trans_INS_gen(DisasContext *s, arg_INS_gen *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0)
        return false;
    gen_elem_write(s, a->Rd, size, imm5_index(a->imm5, size), cpu_reg(s, a->Rn));
    return true;
}

/* INS (element): Vd.T[i] = Vn.T[j], j from imm4. */
bool trans_INS_elem(DisasContext *s, arg_INS_elem *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0)
        return false;
    IrTemp e = gen_elem_read(s, a->Rn, size, (unsigned)a->imm4 >> size, false);
    gen_elem_write(s, a->Rd, size, imm5_index(a->imm5, size), e);
    return true;
}

/* UMOV: W from B/H/S (Q = 0), X from D (Q = 1). */
bool trans_UMOV(DisasContext *s, arg_UMOV *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0 || (size == 3) != (a->Q == 1))
        return false;
    IrTemp e = gen_elem_read(s, a->Rn, size, imm5_index(a->imm5, size), false);
    write_reg(s, a->Rd, e, true);
    return true;
}

/* SMOV: W from B/H (Q = 0), X from B/H/S (Q = 1). */
bool trans_SMOV(DisasContext *s, arg_SMOV *a)
{
    int size = imm5_size(a->imm5);
    if (size < 0 || size > (a->Q ? 2 : 1))
        return false;
    IrTemp e = gen_elem_read(s, a->Rn, size, imm5_index(a->imm5, size), true);
    write_reg(s, a->Rd, e, a->Q);
    return true;
}

/* ---- Modified immediate -------------------------------------------------------------- */

/* Arm ARM VFPExpandImm for 32 (single) or 64 (double) bits. */
static uint64_t vfp_expand_imm(unsigned imm8, bool dbl)
{
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 0x3f;
    if (dbl) {
        uint64_t exp = (!b6) << 10 | (b6 ? 0xffull : 0) << 2 | ((imm8 >> 4) & 3);
        return sign << 63 | exp << 52 | (frac & 0xf) << 48;
    }
    uint64_t exp = (!b6) << 7 | (b6 ? 0x1full : 0) << 2 | ((imm8 >> 4) & 3);
    return sign << 31 | exp << 23 | (frac & 0xf) << 19;
}

/* Arm ARM AdvSIMDExpandImm: the 64-bit pattern of a modified immediate
 * (replicated across both halves). */
static uint64_t simd_expand_imm(unsigned op, unsigned cmode, unsigned imm8)
{
    uint64_t imm = imm8;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        return (imm << (8 * (cmode >> 1))) * 0x0000000100000001ull;
    case 4: case 5:
        return (imm << (8 * ((cmode >> 1) & 1))) * 0x0001000100010001ull;
    case 6:
        imm = cmode & 1 ? (imm << 16) | 0xffff : (imm << 8) | 0xff;
        return imm * 0x0000000100000001ull;
    default:
        break;
    }
    if (!(cmode & 1) && !op)
        return imm * 0x0101010101010101ull;
    if (!(cmode & 1)) {
        uint64_t r = 0;
        for (unsigned i = 0; i < 8; i++)
            r |= (imm >> i & 1) ? 0xffull << (8 * i) : 0;
        return r;
    }
    return op ? vfp_expand_imm(imm8, true)
              : vfp_expand_imm(imm8, false) * 0x0000000100000001ull;
}

/* MOVI, MVNI, ORR (vector, immediate), BIC (vector, immediate), FMOV
 * (vector, immediate). */
bool trans_MOVI(DisasContext *s, arg_MOVI *a)
{
    unsigned cmode = (unsigned)a->cmode, op = (unsigned)a->op;
    if (a->o2 || (cmode == 15 && op && !a->Q))
        return false;
    uint64_t imm = simd_expand_imm(op, cmode, (unsigned)a->imm8);
    /* ORR/BIC: cmode 0xx1 and 10x1. */
    bool logic = (cmode & 1) && cmode < 12;
    bool invert = op && cmode < 14 && !logic;
    IrTemp r[2];
    for (unsigned h = 0; h < (a->Q ? 2u : 1u); h++) {
        if (!logic) {
            r[h] = ir_const(s->f, IR_I64, invert ? ~imm : imm);
            continue;
        }
        r[h] = gen_vec_read(s, a->Rd, h);
        if (op)
            ir_gen_binop(s->f, IR_ANDC, r[h], r[h], ir_const(s->f, IR_I64, imm));
        else
            ir_gen_binop(s->f, IR_OR, r[h], r[h], ir_const(s->f, IR_I64, imm));
    }
    gen_vec_write2(s, a->Rd, r[0], a->Q ? r[1] : IR_NO_TEMP);
    return true;
}

/* ---- Scalar FMOV ---------------------------------------------------------------------- */

/* FMOV (general): W <-> S (sf 0, ftype 00), X <-> D (sf 1, ftype 01),
 * X <-> Vd.D[1] (sf 1, ftype 10, rmode 01).  Half precision is not
 * implemented (no FEAT_FP16): UDEF. */
bool trans_FMOV_gen(DisasContext *s, arg_FMOV_gen *a)
{
    bool to_fp = a->op;
    if (a->rmode == 1) {
        if (!a->sf || a->ftype != 2)
            return false;
        if (to_fp)
            gen_vec_write(s, a->Rd, 1, cpu_reg(s, a->Rn));
        else
            write_reg(s, a->Rd, gen_vec_read(s, a->Rn, 1), true);
        return true;
    }
    if (a->rmode != 0 || a->ftype != a->sf)
        return false;
    if (!to_fp) {
        write_reg(s, a->Rd, gen_vec_read(s, a->Rn, 0), a->sf);
        return true;
    }
    IrTemp v = cpu_reg(s, a->Rn);
    if (!a->sf) {
        IrTemp w = ir_new_temp(s->f, IR_I64);
        ir_gen_unop(s->f, IR_EXT32U, w, v);
        v = w;
    }
    gen_vec_write2(s, a->Rd, v, IR_NO_TEMP);
    return true;
}

/* FMOV (scalar, immediate). */
bool trans_FMOV_imm(DisasContext *s, arg_FMOV_imm *a)
{
    if (a->ftype > 1)
        return false;
    uint64_t imm = vfp_expand_imm((unsigned)a->imm8, a->ftype == 1);
    gen_vec_write2(s, a->Rd, ir_const(s->f, IR_I64, imm), IR_NO_TEMP);
    return true;
}
