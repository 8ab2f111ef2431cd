/* frontend/aarch64/translate-dp.c — A64 Data Processing -- Immediate and
 * Data Processing -- Register (the Arm ARM's A64 encoding index groups of
 * those names).
 *
 * Conventions.  Operands are read with read_reg() as i64 temps; for 32-bit
 * forms (sf == 0) they are zero-extended, so a 64-bit add of two operands
 * holds the 32-bit carry in bit 32 and the low 32 bits of any result are the
 * architectural result.  Results may carry garbage above bit 31 until
 * write_reg(..., sf) zero-extends them — except operands that feed flag
 * computations, which stay zero-extended (gen_shift_imm guarantees it).
 * Where only the low 32 bits of a result matter (a 32-bit form that sets no
 * flags, through ops whose low result bits depend only on low operand bits:
 * add, sub, mul, logic, shift left), operands are read whole (read_low):
 * write_reg's one zero-extension replaces one per operand, and the x86
 * backend then does the op in 32 bits.
 *
 * Flag setters only describe their flags (gen_cc_set); translate-cc.c
 * computes them where they are read.  Readers go through gen_compare,
 * gen_csel_a64 and gen_cc_carry; code that writes the flag globals itself
 * (CCMP, ADCS) calls gen_cc_clobber first.
 *
 * Families share one gen_ function; each trans_ is a one-line wrapper that
 * names its variant.  A handler returns false, before emitting anything, for
 * reserved field values (the decoder then raises UDEF).
 */
#include "frontend/aarch64/translate.h"

#include "frontend/aarch64/a64-decode.h"

/* ---- Small builders ------------------------------------------------------------ */

static IrTemp op2i(DisasContext *s, IrOpcode opc, IrTemp a, uint64_t imm)
{
    return a64_op2(s, opc, a, a64_cst(s, imm));
}

/* X[r] or SP (r == 31), zero-extended from 32 bits when !sf (as
 * read_reg: the global itself when sf). */
static IrTemp read_reg_sp(DisasContext *s, unsigned r, bool sf)
{
    return sf ? cpu_reg_sp(s, r) : a64_op1(s, IR_EXT32U, cpu_reg_sp(s, r));
}

/* X[r] for an op of which only the low 32 bits matter when low_only (see
 * Conventions); else read_reg(). */
static IrTemp read_low(DisasContext *s, unsigned r, bool sf, bool low_only)
{
    return read_reg(s, r, sf || low_only);
}

/* ---- Flags ----------------------------------------------------------------------- */

/* AddWithCarry(a, b, C) with flags; b is already inverted for SBCS.  The
 * carry in is read before the flag globals are written. */
static IrTemp gen_adc_cc(DisasContext *s, bool sf, IrTemp a, IrTemp b)
{
    IrTemp carry = gen_cc_carry(s);
    A64CC cc = { A64_CC_ADD, sf, false, a, b, IR_NO_TEMP };
    A64Flags fl = { a64_tmp(s), a64_tmp(s), a64_tmp(s), a64_tmp(s) };
    if (sf) {
        IrTemp t = a64_op2(s, IR_ADD, a, b);
        IrTemp c1 = a64_tmp(s), c2 = a64_tmp(s);
        ir_gen_setcond(s->f, IR_COND_LTU, c1, t, a);
        cc.r = a64_op2(s, IR_ADD, t, carry);
        ir_gen_setcond(s->f, IR_COND_LTU, c2, cc.r, t);
        gen_cc_flags(s, &cc, &fl);
        ir_gen_binop(s->f, IR_OR, fl.cf, c1, c2);
    } else {
        cc.r = a64_op2(s, IR_ADD, a64_op2(s, IR_ADD, a, b), carry);
        gen_cc_flags(s, &cc, &fl);        /* C: bit 32 of the sum */
    }
    gen_cc_clobber(s);
    ir_gen_mov(s->f, A64_T_NF, fl.nf);
    ir_gen_mov(s->f, A64_T_ZF, fl.zf);
    ir_gen_mov(s->f, A64_T_CF, fl.cf);
    ir_gen_mov(s->f, A64_T_VF, fl.vf);
    return cc.r;
}

/* ---- Shifted and extended operands ----------------------------------------------- */

/* W[r] as an i32 temp (WZR for 31): the low word of the global itself, for
 * operations done in 32 bits (no zero-extension first). */
static IrTemp read_reg_w(DisasContext *s, unsigned r)
{
    IrTemp x = ir_new_temp(s->f, IR_I32);
    if (r == 31)
        ir_gen_mov(s->f, x, ir_const(s->f, IR_I32, 0));
    else
        ir_gen_unop(s->f, IR_TRUNC_I64, x, A64_T_X0 + r);
    return x;
}

/* x (i32) rotated right by amount (i32), zero-extended to i64: one host
 * rotate, where a 64-bit formulation needs the word duplicated first. */
static IrTemp gen_ror32(DisasContext *s, IrTemp x, IrTemp amount)
{
    IrTemp t = ir_new_temp(s->f, IR_I32), r = a64_tmp(s);
    ir_gen_binop(s->f, IR_ROTR, t, x, amount);
    ir_gen_unop(s->f, IR_EXTU_I32, r, t);
    return r;
}

static IrTemp trunc_i64(DisasContext *s, IrTemp v)
{
    IrTemp x = ir_new_temp(s->f, IR_I32);
    ir_gen_unop(s->f, IR_TRUNC_I64, x, v);
    return x;
}

/* ShiftReg(X[rm], type, amount) with a result zero-extended when !sf,
 * unless low_only (read_low). */
static IrTemp gen_shift_imm(DisasContext *s, unsigned rm, unsigned type,
                            unsigned amount, bool sf, bool low_only)
{
    if (type == 3 && amount != 0 && !sf)
        return gen_ror32(s, read_reg_w(s, rm), ir_const(s->f, IR_I32, amount));
    bool whole = type == 2 || (type == 0 && low_only);   /* EXT32S reads the low word */
    IrTemp src = amount == 0 ? read_low(s, rm, sf, low_only) : read_reg(s, rm, sf || whole);
    if (amount == 0)
        return src;
    switch (type) {
    case 0:     /* LSL */
        return sf || low_only ? op2i(s, IR_SHL, src, amount)
                              : a64_op1(s, IR_EXT32U, op2i(s, IR_SHL, src, amount));
    case 1:     /* LSR */
        return op2i(s, IR_SHR, src, amount);
    case 2:     /* ASR */
        if (sf)
            return op2i(s, IR_SAR, src, amount);
        IrTemp r = op2i(s, IR_SAR, a64_op1(s, IR_EXT32S, src), amount);
        return low_only ? r : a64_op1(s, IR_EXT32U, r);
    default:    /* ROR */
        return op2i(s, IR_ROTR, src, amount);
    }
}

/* ExtendReg(Rm, option, shift), full 64 bits. */
static IrTemp gen_extend_reg(DisasContext *s, unsigned rm, unsigned option, unsigned shift)
{
    static const IrOpcode ext[8] = {
        IR_EXT8U, IR_EXT16U, IR_EXT32U, IR_MOV, IR_EXT8S, IR_EXT16S, IR_EXT32S, IR_MOV,
    };
    IrTemp v = a64_op1(s, ext[option], cpu_reg(s, rm));
    return shift ? op2i(s, IR_SHL, v, shift) : v;
}

/* ---- Add/subtract ------------------------------------------------------------------ */

/* Rd = a +/- b, with flags when setflags.  The non-flag-setting immediate
 * and extended forms write SP for Rd == 31 (sp_dest). */
static void gen_addsub(DisasContext *s, bool sf, bool sub, bool setflags,
                       unsigned rd, bool sp_dest, IrTemp a, IrTemp b)
{
    IrTemp r = a64_op2(s, sub ? IR_SUB : IR_ADD, a, b);
    if (setflags) {
        gen_cc_set(s, sub ? A64_CC_SUB : A64_CC_ADD, sf, a, b, r);
        write_reg(s, rd, r, sf);
        return;
    }
    if (sp_dest)
        write_reg_sp(s, rd, r, sf);
    else
        write_reg(s, rd, r, sf);
}

/* ADD/ADDS/SUB/SUBS (immediate): Rn is SP-able, imm12 optionally << 12. */
static bool gen_addsub_imm(DisasContext *s, const arg_ADD_imm *a, bool sub, bool setflags)
{
    IrTemp n = read_reg_sp(s, a->Rn, a->sf || !setflags);
    if (a->imm12 == 0 && !setflags) {     /* MOV to or from SP */
        write_reg_sp(s, a->Rd, n, a->sf);
        return true;
    }
    IrTemp imm = a64_cst(s, (uint64_t)a->imm12 << (a->sh ? 12 : 0));
    gen_addsub(s, a->sf, sub, setflags, a->Rd, true, n, imm);
    return true;
}

bool trans_ADD_imm(DisasContext *s, arg_ADD_imm *a) { return gen_addsub_imm(s, a, false, false); }
bool trans_ADDS_imm(DisasContext *s, arg_ADDS_imm *a) { return gen_addsub_imm(s, a, false, true); }
bool trans_SUB_imm(DisasContext *s, arg_SUB_imm *a) { return gen_addsub_imm(s, a, true, false); }
bool trans_SUBS_imm(DisasContext *s, arg_SUBS_imm *a) { return gen_addsub_imm(s, a, true, true); }

/* ADD/ADDS/SUB/SUBS (shifted register): ROR is reserved. */
static bool addsub_shift_ok(const arg_ADD_shift *a)
{
    return a->shift != 3 && (a->sf || a->imm6 < 32);
}

static bool gen_addsub_shift(DisasContext *s, const arg_ADD_shift *a, bool sub, bool setflags)
{
    if (!addsub_shift_ok(a))
        return false;
    IrTemp n = read_low(s, a->Rn, a->sf, !setflags);
    IrTemp m = gen_shift_imm(s, a->Rm, a->shift, a->imm6, a->sf, !setflags);
    gen_addsub(s, a->sf, sub, setflags, a->Rd, false, n, m);
    return true;
}

bool trans_ADD_shift(DisasContext *s, arg_ADD_shift *a) { return gen_addsub_shift(s, a, false, false); }
bool trans_ADDS_shift(DisasContext *s, arg_ADDS_shift *a) { return gen_addsub_shift(s, a, false, true); }
bool trans_SUB_shift(DisasContext *s, arg_SUB_shift *a) { return gen_addsub_shift(s, a, true, false); }
bool trans_SUBS_shift(DisasContext *s, arg_SUBS_shift *a) { return gen_addsub_shift(s, a, true, true); }

/* ADD/ADDS/SUB/SUBS (extended register): Rn is SP-able; shift <= 4. */
static bool addsub_ext_ok(unsigned imm3) { return imm3 <= 4; }

static bool gen_addsub_ext(DisasContext *s, const arg_ADD_ext *a, bool sub, bool setflags)
{
    if (!addsub_ext_ok(a->imm3))
        return false;
    IrTemp n = read_reg_sp(s, a->Rn, a->sf || !setflags);
    IrTemp m = gen_extend_reg(s, a->Rm, a->option, a->imm3);
    if (!a->sf && setflags)
        m = a64_op1(s, IR_EXT32U, m);
    gen_addsub(s, a->sf, sub, setflags, a->Rd, !setflags, n, m);
    return true;
}

bool trans_ADD_ext(DisasContext *s, arg_ADD_ext *a) { return gen_addsub_ext(s, a, false, false); }
bool trans_ADDS_ext(DisasContext *s, arg_ADDS_ext *a) { return gen_addsub_ext(s, a, false, true); }
bool trans_SUB_ext(DisasContext *s, arg_SUB_ext *a) { return gen_addsub_ext(s, a, true, false); }
bool trans_SUBS_ext(DisasContext *s, arg_SUBS_ext *a) { return gen_addsub_ext(s, a, true, true); }

/* ADC/ADCS/SBC/SBCS: SBC adds NOT(Rm). */
static bool gen_adc(DisasContext *s, const arg_ADC *a, bool sub, bool setflags)
{
    IrTemp n = read_reg(s, a->Rn, a->sf);
    IrTemp m = read_reg(s, a->Rm, a->sf);
    if (sub)
        m = a->sf ? a64_op1(s, IR_NOT, m) : op2i(s, IR_XOR, m, 0xffffffffu);
    IrTemp r = setflags ? gen_adc_cc(s, a->sf, n, m)
                        : a64_op2(s, IR_ADD, a64_op2(s, IR_ADD, n, m), gen_cc_carry(s));
    write_reg(s, a->Rd, r, a->sf);
    return true;
}

bool trans_ADC(DisasContext *s, arg_ADC *a) { return gen_adc(s, a, false, false); }
bool trans_ADCS(DisasContext *s, arg_ADCS *a) { return gen_adc(s, a, false, true); }
bool trans_SBC(DisasContext *s, arg_SBC *a) { return gen_adc(s, a, true, false); }
bool trans_SBCS(DisasContext *s, arg_SBCS *a) { return gen_adc(s, a, true, true); }

/* ---- Logical ------------------------------------------------------------------------ */

/* DecodeBitMasks(N, imms, immr, TRUE, width): false for a reserved
 * encoding.  The element is S+1 ones rotated right by R, replicated. */
static bool a64_logic_imm(unsigned n, unsigned imms, unsigned immr, unsigned width,
                          uint64_t *out)
{
    unsigned v = n << 6 | (~imms & 0x3f);
    if (v < 2)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(v);
    unsigned esize = 1u << len, levels = esize - 1;
    unsigned sv = imms & levels, r = immr & levels;
    if (esize > width || sv == levels)
        return false;
    uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
    uint64_t elem = (1ull << (sv + 1)) - 1;
    if (r)
        elem = ((elem >> r) | (elem << (esize - r))) & emask;
    for (unsigned e = esize; e < 64; e *= 2)
        elem |= elem << e;
    *out = width == 32 ? (uint32_t)elem : elem;
    return true;
}

/* opc: AND, ORR, EOR, ANDS; invert selects BIC, ORN, EON, BICS. */
static IrOpcode logic_op(unsigned opc, bool invert)
{
    static const IrOpcode ops[2][4] = {
        { IR_AND, IR_OR, IR_XOR, IR_AND },
        { IR_ANDC, IR_ORC, IR_EQV, IR_ANDC },
    };
    return ops[invert][opc];
}

static bool log_imm_ok(const arg_LOG_imm *a, uint64_t *imm)
{
    return (a->sf || !a->N) && a64_logic_imm(a->N, a->imms, a->immr, a->sf ? 64 : 32, imm);
}

bool trans_LOG_imm(DisasContext *s, arg_LOG_imm *a)
{
    uint64_t imm;
    if (!log_imm_ok(a, &imm))
        return false;
    IrTemp n = read_low(s, a->Rn, a->sf, a->opc != 3);
    IrTemp r = a64_op2(s, logic_op(a->opc, false), n, a64_cst(s, imm));
    if (a->opc == 3) {
        gen_cc_set(s, A64_CC_LOGIC, a->sf, IR_NO_TEMP, IR_NO_TEMP, r);
        write_reg(s, a->Rd, r, a->sf);
    } else {
        write_reg_sp(s, a->Rd, r, a->sf);
    }
    return true;
}

/* A 32-bit shift amount is below 32. */
static bool log_shift_ok(bool sf, unsigned imm6) { return sf || imm6 < 32; }

bool trans_LOG_shift(DisasContext *s, arg_LOG_shift *a)
{
    if (!log_shift_ok(a->sf, a->imm6))
        return false;
    /* MOV (register), the alias ORR Rd, ZR, Rm: one of the commonest
     * insns, as the copy itself rather than an OR for the optimizer to
     * fold. */
    if (a->opc == 1 && !a->N && a->Rn == 31 && a->imm6 == 0) {
        write_reg(s, a->Rd, read_reg(s, a->Rm, true), a->sf);
        return true;
    }
    bool low_only = a->opc != 3;
    IrTemp m = gen_shift_imm(s, a->Rm, a->shift, a->imm6, a->sf, low_only);
    IrTemp r = a64_op2(s, logic_op(a->opc, a->N), read_low(s, a->Rn, a->sf, low_only), m);
    if (a->opc == 3)
        gen_cc_set(s, A64_CC_LOGIC, a->sf, IR_NO_TEMP, IR_NO_TEMP, r);
    write_reg(s, a->Rd, r, a->sf);
    return true;
}

/* ---- Move wide, PC-relative -------------------------------------------------------- */

/* A 32-bit move wide shifts by 0 or 16 only. */
static bool movw_ok(bool sf, unsigned hw) { return sf || hw < 2; }

static bool gen_movw(DisasContext *s, const arg_MOVZ *a, bool invert)
{
    if (!movw_ok(a->sf, a->hw))
        return false;
    uint64_t v = (uint64_t)a->imm16 << (16 * a->hw);
    write_reg(s, a->Rd, a64_cst(s, invert ? ~v : v), a->sf);
    return true;
}

bool trans_MOVN(DisasContext *s, arg_MOVN *a) { return gen_movw(s, a, true); }
bool trans_MOVZ(DisasContext *s, arg_MOVZ *a) { return gen_movw(s, a, false); }

bool trans_MOVK(DisasContext *s, arg_MOVK *a)
{
    if (!movw_ok(a->sf, a->hw))
        return false;
    IrTemp r = a64_tmp(s);
    ir_gen_deposit(s->f, r, read_reg(s, a->Rd, true), a64_cst(s, a->imm16), 16 * a->hw, 16);
    write_reg(s, a->Rd, r, a->sf);
    return true;
}

bool trans_ADR(DisasContext *s, arg_ADR *a)
{
    write_reg(s, a->Rd, a64_cst(s, s->pc + a->imm_adr), true);
    return true;
}

bool trans_ADRP(DisasContext *s, arg_ADRP *a)
{
    write_reg(s, a->Rd, a64_cst(s, (s->pc & ~0xfffull) + ((uint64_t)a->imm_adr << 12)), true);
    return true;
}

/* ---- Bitfield and extract ----------------------------------------------------------- */

static bool bitfield_ok(int64_t sf, int64_t n, int64_t immr, int64_t imms)
{
    return sf == n && (sf || ((immr | imms) & 0x20) == 0);
}

/* SBFM/UBFM: with s >= r a field extract (SBFX/UBFX, ASR, LSR, SXT*, UXT*);
 * otherwise the low s+1 bits moved up to bit W-r (SBFIZ/UBFIZ, LSL). */
static bool gen_xbfm(DisasContext *s, const arg_SBFM *a, bool sign)
{
    if (!bitfield_ok(a->sf, a->N, a->immr, a->imms))
        return false;
    unsigned w = a->sf ? 64 : 32, r = a->immr, sv = a->imms;
    IrTemp src = read_reg(s, a->Rn, a->sf), d = a64_tmp(s);
    if (sv >= r) {
        (sign ? ir_gen_sextract : ir_gen_extract)(s->f, d, src, r, sv - r + 1);
    } else if (!sign && sv + 1 == r) {
        /* LSL: the shift drops every bit the extract would clear (for W,
         * write_reg's zero-extension drops those above bit 31). */
        ir_gen_binopi(s->f, IR_SHL, d, src, w - r);
    } else {
        (sign ? ir_gen_sextract : ir_gen_extract)(s->f, d, src, 0, sv + 1);
        ir_gen_binopi(s->f, IR_SHL, d, d, w - r);
    }
    write_reg(s, a->Rd, d, a->sf);
    return true;
}

bool trans_SBFM(DisasContext *s, arg_SBFM *a) { return gen_xbfm(s, a, true); }
bool trans_UBFM(DisasContext *s, arg_UBFM *a) { return gen_xbfm(s, a, false); }

/* BFM: BFXIL when s >= r, else BFI at bit W-r. */
bool trans_BFM(DisasContext *s, arg_BFM *a)
{
    if (!bitfield_ok(a->sf, a->N, a->immr, a->imms))
        return false;
    unsigned w = a->sf ? 64 : 32, r = a->immr, sv = a->imms;
    IrTemp src = read_reg(s, a->Rn, a->sf), dst = read_reg(s, a->Rd, a->sf);
    IrTemp d = a64_tmp(s);
    if (sv >= r) {
        IrTemp field = a64_tmp(s);
        ir_gen_extract(s->f, field, src, r, sv - r + 1);
        ir_gen_deposit(s->f, d, dst, field, 0, sv - r + 1);
    } else {
        ir_gen_deposit(s->f, d, dst, src, w - r, sv + 1);
    }
    write_reg(s, a->Rd, d, a->sf);
    return true;
}

/* EXTR (and its alias ROR immediate when Rn == Rm): (Rn:Rm) >> lsb, as a
 * rotate or as (Rm >> lsb) | (Rn << (W - lsb)). */
static bool extr_ok(const arg_EXTR *a)
{
    return a->sf == a->N && (a->sf || a->imms < 32);
}

bool trans_EXTR(DisasContext *s, arg_EXTR *a)
{
    if (!extr_ok(a))
        return false;
    unsigned lsb = a->imms, w = a->sf ? 64 : 32;
    IrTemp r;
    if (lsb == 0)
        r = read_reg(s, a->Rm, a->sf);
    else if (a->Rn == a->Rm && !a->sf)
        r = gen_ror32(s, read_reg_w(s, a->Rm), ir_const(s->f, IR_I32, lsb));
    else if (a->Rn == a->Rm)
        r = op2i(s, IR_ROTR, read_reg(s, a->Rm, true), lsb);
    else    /* bits of Rn above W - 1 land above bit W - 1: write_reg drops them */
        r = a64_op2(s, IR_OR, op2i(s, IR_SHR, read_reg(s, a->Rm, a->sf), lsb),
                    op2i(s, IR_SHL, read_reg(s, a->Rn, true), w - lsb));
    write_reg(s, a->Rd, r, a->sf);
    return true;
}

/* ---- Conditional compare and select -------------------------------------------------- */

/* CCMN/CCMP: flags of Rn +/- op2 when cond holds, else #nzcv.  Branch-free
 * (four movconds) so the TB stays one basic block. */
static void gen_ccmp(DisasContext *s, bool sf, bool sub, unsigned cond, unsigned nzcv,
                     IrTemp n, IrTemp m)
{
    IrTemp holds = a64_tmp(s), zero = a64_cst(s, 0);
    gen_test_cc(s, cond, holds);
    A64Flags t = { a64_tmp(s), a64_tmp(s), a64_tmp(s), a64_tmp(s) };
    A64CC cc = { sub ? A64_CC_SUB : A64_CC_ADD, sf, false, n, m,
                 a64_op2(s, sub ? IR_SUB : IR_ADD, n, m) };
    gen_cc_flags(s, &cc, &t);
    gen_cc_clobber(s);
    const uint64_t imm[4] = {
        nzcv & 8 ? ~0ull : 0, nzcv & 4 ? 0 : 1, (nzcv >> 1) & 1, nzcv & 1 ? 1ull << 63 : 0,
    };
    const IrTemp val[4] = { t.nf, t.zf, t.cf, t.vf };
    const IrTemp dst[4] = { A64_T_NF, A64_T_ZF, A64_T_CF, A64_T_VF };
    for (unsigned i = 0; i < 4; i++)
        ir_gen_movcond(s->f, IR_COND_NE, dst[i], holds, zero, val[i], a64_cst(s, imm[i]));
}

bool trans_CCMP_reg(DisasContext *s, arg_CCMP_reg *a)
{
    gen_ccmp(s, a->sf, a->op, a->cond, a->nzcv, read_reg(s, a->Rn, a->sf),
             read_reg(s, a->Rm, a->sf));
    return true;
}

bool trans_CCMP_imm(DisasContext *s, arg_CCMP_imm *a)
{
    gen_ccmp(s, a->sf, a->op, a->cond, a->nzcv, read_reg(s, a->Rn, a->sf), a64_cst(s, a->imm5));
    return true;
}

/* CSEL, CSINC, CSINV, CSNEG: Rd = cond ? Rn : f(Rm). */
bool trans_CSEL(DisasContext *s, arg_CSEL *a)
{
    IrTemp d = a64_tmp(s);
    IrTemp n = read_low(s, a->Rn, a->sf, true), m = read_low(s, a->Rm, a->sf, true);
    if (a->op)
        m = a64_op1(s, a->op2 ? IR_NEG : IR_NOT, m);
    else if (a->op2)
        m = op2i(s, IR_ADD, m, 1);
    gen_csel_a64(s, a->cond, d, n, m);
    write_reg(s, a->Rd, d, a->sf);
    return true;
}

/* ---- Data-processing (1 source) ----------------------------------------------------- */

bool trans_RBIT(DisasContext *s, arg_RBIT *a)
{
    IrTemp r = a64_tmp(s);
    gen_helper_rbit64(s->f, r, read_reg(s, a->Rn, a->sf));
    write_reg(s, a->Rd, a->sf ? r : op2i(s, IR_SHR, r, 32), a->sf);
    return true;
}

/* REV16: swaps the bytes of every halfword. */
bool trans_REV16(DisasContext *s, arg_REV16 *a)
{
    const uint64_t m = 0x00ff00ff00ff00ffull;
    IrTemp x = read_reg(s, a->Rn, a->sf);
    IrTemp hi = op2i(s, IR_AND, op2i(s, IR_SHR, x, 8), m);
    IrTemp lo = op2i(s, IR_SHL, op2i(s, IR_AND, x, m), 8);
    write_reg(s, a->Rd, a64_op2(s, IR_OR, hi, lo), a->sf);
    return true;
}

/* REV32 (sf = 1) and REV Wd (sf = 0): bytes reversed in each word. */
bool trans_REV32(DisasContext *s, arg_REV32 *a)
{
    IrTemp b = a64_op1(s, IR_BSWAP, read_reg(s, a->Rn, a->sf));
    write_reg(s, a->Rd, op2i(s, a->sf ? IR_ROTR : IR_SHR, b, 32), a->sf);
    return true;
}

bool trans_REV64(DisasContext *s, arg_REV64 *a)
{
    if (!a->sf)
        return false;
    write_reg(s, a->Rd, a64_op1(s, IR_BSWAP, read_reg(s, a->Rn, true)), true);
    return true;
}

bool trans_CLZ(DisasContext *s, arg_CLZ *a)
{
    IrTemp r = a64_op1(s, IR_CLZ, read_reg(s, a->Rn, a->sf));
    write_reg(s, a->Rd, a->sf ? r : op2i(s, IR_SUB, r, 32), a->sf);
    return true;
}

/* CLS(x) = CLZ(x ^ (x >> 1, arithmetic)) - 1, on the sign-extended word for
 * the 32-bit form (which then has 32 more leading sign bits). */
bool trans_CLS(DisasContext *s, arg_CLS *a)
{
    IrTemp x = read_reg(s, a->Rn, a->sf);
    if (!a->sf)
        x = a64_op1(s, IR_EXT32S, x);
    IrTemp r = a64_op1(s, IR_CLZ, a64_op2(s, IR_XOR, x, op2i(s, IR_SAR, x, 1)));
    write_reg(s, a->Rd, op2i(s, IR_SUB, r, a->sf ? 1 : 33), a->sf);
    return true;
}

/* ---- Data-processing (2 source) ----------------------------------------------------- */

/* UDIV/SDIV: x / 0 = 0, and INT_MIN / -1 = INT_MIN (the host would trap).
 * 32-bit forms divide the sign- or zero-extended words in 64 bits, where
 * INT32_MIN / -1 cannot overflow. */
static bool gen_div(DisasContext *s, const arg_UDIV *a, bool sign)
{
    IrTemp n = read_reg(s, a->Rn, a->sf), m = read_reg(s, a->Rm, a->sf);
    IrTemp zero = a64_cst(s, 0), one = a64_cst(s, 1), q = a64_tmp(s), d = a64_tmp(s);
    if (sign && !a->sf) {
        n = a64_op1(s, IR_EXT32S, n);
        m = a64_op1(s, IR_EXT32S, m);
    }
    IrTemp safe = a64_tmp(s);
    ir_gen_movcond(s->f, IR_COND_EQ, safe, m, zero, one, m);
    if (sign && a->sf) {
        IrTemp big = a64_tmp(s), neg1 = a64_tmp(s);
        ir_gen_setcond(s->f, IR_COND_EQ, big, n, a64_cst(s, 1ull << 63));
        ir_gen_setcond(s->f, IR_COND_EQ, neg1, m, a64_cst(s, ~0ull));
        ir_gen_binop(s->f, IR_AND, big, big, neg1);
        ir_gen_movcond(s->f, IR_COND_NE, safe, big, zero, one, safe);
    }
    ir_gen_binop(s->f, sign ? IR_DIVS : IR_DIVU, q, n, safe);
    ir_gen_movcond(s->f, IR_COND_EQ, d, m, zero, zero, q);
    write_reg(s, a->Rd, d, a->sf);
    return true;
}

bool trans_UDIV(DisasContext *s, arg_UDIV *a) { return gen_div(s, a, false); }
bool trans_SDIV(DisasContext *s, arg_SDIV *a) { return gen_div(s, a, true); }

/* LSLV/LSRV/ASRV/RORV: the amount is Rm modulo the register width. */
static bool gen_shiftv(DisasContext *s, const arg_LSLV *a, unsigned type)
{
    IrTemp n = read_low(s, a->Rn, a->sf, type == 0);
    IrTemp m = op2i(s, IR_AND, read_reg(s, a->Rm, true), a->sf ? 63 : 31);
    IrTemp r;
    switch (type) {
    case 0: r = a64_op2(s, IR_SHL, n, m); break;
    case 1: r = a64_op2(s, IR_SHR, n, m); break;
    case 2: r = a64_op2(s, IR_SAR, a->sf ? n : a64_op1(s, IR_EXT32S, n), m); break;
    default: r = a->sf ? a64_op2(s, IR_ROTR, n, m)
                       : gen_ror32(s, read_reg_w(s, a->Rn), trunc_i64(s, m)); break;
    }
    write_reg(s, a->Rd, r, a->sf);
    return true;
}

bool trans_LSLV(DisasContext *s, arg_LSLV *a) { return gen_shiftv(s, a, 0); }
bool trans_LSRV(DisasContext *s, arg_LSRV *a) { return gen_shiftv(s, a, 1); }
bool trans_ASRV(DisasContext *s, arg_ASRV *a) { return gen_shiftv(s, a, 2); }
bool trans_RORV(DisasContext *s, arg_RORV *a) { return gen_shiftv(s, a, 3); }

/* ---- Data-processing (3 source) ----------------------------------------------------- */

/* Rd = Ra +/- (Rn * Rm), the operands first widened by ext (MOV: none). */
static bool gen_madd(DisasContext *s, const arg_MADD *a, IrOpcode ext)
{
    bool sf = a->sf || ext != IR_MOV;
    IrTemp n = read_reg(s, a->Rn, true), m = read_reg(s, a->Rm, true);
    if (ext != IR_MOV) {
        n = a64_op1(s, ext, n);
        m = a64_op1(s, ext, m);
    }
    IrTemp r = a64_op2(s, a->o0 ? IR_SUB : IR_ADD, read_reg(s, a->Ra, true), a64_op2(s, IR_MUL, n, m));
    write_reg(s, a->Rd, r, sf);
    return true;
}

bool trans_MADD(DisasContext *s, arg_MADD *a) { return gen_madd(s, a, IR_MOV); }
bool trans_SMADDL(DisasContext *s, arg_SMADDL *a) { return gen_madd(s, a, IR_EXT32S); }
bool trans_UMADDL(DisasContext *s, arg_UMADDL *a) { return gen_madd(s, a, IR_EXT32U); }

static bool gen_mulh(DisasContext *s, const arg_SMULH *a, IrOpcode opc)
{
    write_reg(s, a->Rd, a64_op2(s, opc, read_reg(s, a->Rn, true), read_reg(s, a->Rm, true)), true);
    return true;
}

bool trans_SMULH(DisasContext *s, arg_SMULH *a) { return gen_mulh(s, a, IR_MULSH); }
bool trans_UMULH(DisasContext *s, arg_UMULH *a) { return gen_mulh(s, a, IR_MULUH); }

/* ---- Classes (translate.h): each uses its handler's reserved-value test ------------ */

static unsigned class_of(bool ok, bool setflags)
{
    return !ok ? A64_IC_UNKNOWN : setflags ? A64_IC_SET : A64_IC_PURE;
}

unsigned class_ADD_imm(const arg_ADD_imm *a) { (void)a; return A64_IC_PURE; }
unsigned class_SUB_imm(const arg_SUB_imm *a) { (void)a; return A64_IC_PURE; }
unsigned class_ADDS_imm(const arg_ADDS_imm *a) { (void)a; return A64_IC_SET; }
unsigned class_SUBS_imm(const arg_SUBS_imm *a) { (void)a; return A64_IC_SET; }
unsigned class_ADD_shift(const arg_ADD_shift *a) { return class_of(addsub_shift_ok(a), false); }
unsigned class_SUB_shift(const arg_SUB_shift *a) { return class_of(addsub_shift_ok(a), false); }
unsigned class_ADDS_shift(const arg_ADDS_shift *a) { return class_of(addsub_shift_ok(a), true); }
unsigned class_SUBS_shift(const arg_SUBS_shift *a) { return class_of(addsub_shift_ok(a), true); }
unsigned class_ADD_ext(const arg_ADD_ext *a) { return class_of(addsub_ext_ok(a->imm3), false); }
unsigned class_SUB_ext(const arg_SUB_ext *a) { return class_of(addsub_ext_ok(a->imm3), false); }
unsigned class_ADDS_ext(const arg_ADDS_ext *a) { return class_of(addsub_ext_ok(a->imm3), true); }
unsigned class_SUBS_ext(const arg_SUBS_ext *a) { return class_of(addsub_ext_ok(a->imm3), true); }
unsigned class_ADC(const arg_ADC *a) { (void)a; return A64_IC_READ; }
unsigned class_SBC(const arg_SBC *a) { (void)a; return A64_IC_READ; }
/* AL and NV hold without looking at the flags. */
unsigned class_CSEL(const arg_CSEL *a) { return a->cond >= 14 ? A64_IC_PURE : A64_IC_READ; }

unsigned class_LOG_imm(const arg_LOG_imm *a)
{
    uint64_t imm;
    return class_of(log_imm_ok(a, &imm), a->opc == 3);
}

unsigned class_LOG_shift(const arg_LOG_shift *a)
{
    return class_of(log_shift_ok(a->sf, a->imm6), a->opc == 3);
}

unsigned class_MOVN(const arg_MOVN *a) { return class_of(movw_ok(a->sf, a->hw), false); }
unsigned class_MOVZ(const arg_MOVZ *a) { return class_of(movw_ok(a->sf, a->hw), false); }
unsigned class_MOVK(const arg_MOVK *a) { return class_of(movw_ok(a->sf, a->hw), false); }
unsigned class_ADR(const arg_ADR *a) { (void)a; return A64_IC_PURE; }
unsigned class_ADRP(const arg_ADRP *a) { (void)a; return A64_IC_PURE; }

unsigned class_SBFM(const arg_SBFM *a)
{
    return class_of(bitfield_ok(a->sf, a->N, a->immr, a->imms), false);
}

unsigned class_UBFM(const arg_UBFM *a)
{
    return class_of(bitfield_ok(a->sf, a->N, a->immr, a->imms), false);
}

unsigned class_BFM(const arg_BFM *a)
{
    return class_of(bitfield_ok(a->sf, a->N, a->immr, a->imms), false);
}

unsigned class_EXTR(const arg_EXTR *a) { return class_of(extr_ok(a), false); }
unsigned class_REV16(const arg_REV16 *a) { (void)a; return A64_IC_PURE; }
unsigned class_REV32(const arg_REV32 *a) { (void)a; return A64_IC_PURE; }
unsigned class_REV64(const arg_REV64 *a) { return class_of(a->sf, false); }
unsigned class_CLZ(const arg_CLZ *a) { (void)a; return A64_IC_PURE; }
unsigned class_CLS(const arg_CLS *a) { (void)a; return A64_IC_PURE; }
unsigned class_UDIV(const arg_UDIV *a) { (void)a; return A64_IC_PURE; }
unsigned class_SDIV(const arg_SDIV *a) { (void)a; return A64_IC_PURE; }
unsigned class_LSLV(const arg_LSLV *a) { (void)a; return A64_IC_PURE; }
unsigned class_LSRV(const arg_LSRV *a) { (void)a; return A64_IC_PURE; }
unsigned class_ASRV(const arg_ASRV *a) { (void)a; return A64_IC_PURE; }
unsigned class_RORV(const arg_RORV *a) { (void)a; return A64_IC_PURE; }
unsigned class_MADD(const arg_MADD *a) { (void)a; return A64_IC_PURE; }
unsigned class_SMADDL(const arg_SMADDL *a) { (void)a; return A64_IC_PURE; }
unsigned class_UMADDL(const arg_UMADDL *a) { (void)a; return A64_IC_PURE; }
unsigned class_SMULH(const arg_SMULH *a) { (void)a; return A64_IC_PURE; }
unsigned class_UMULH(const arg_UMULH *a) { (void)a; return A64_IC_PURE; }
