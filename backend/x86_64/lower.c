/* backend/x86_64/lower.c — the per-op descriptor table and shared lowering.
 *
 * x86_op_desc[] has one row per row of ir/ops.def (expanded from it, so a
 * new op without an X86_DESC_<NAME> line does not compile).  A row names the
 * lowering function and its sub-operation (ALU group, shift kind, group-3
 * op).  A row whose lowering is x86_lower_generic is a generic expansion:
 * the op is d = a <sub> ~b (ORC, EQV; ANDC without BMI1's andn), built from
 * NOT and the plain ALU op.
 *
 * The lowering functions live in lower-alu.c (arithmetic, shifts, compares),
 * lower-bits.c (extensions, bit fields, counts), lower-mem.c (env and guest
 * memory) and lower-ctl.c (labels, branches, calls, TB ends).
 */
#include "backend/x86_64/x86-internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#define X86_DESC_MOV        { x86_lower_mov, 0 }
#define X86_DESC_ADD        { x86_lower_alu, X86_ALU_ADD }
#define X86_DESC_SUB        { x86_lower_alu, X86_ALU_SUB }
#define X86_DESC_MUL        { x86_lower_mul, 0 }
#define X86_DESC_MULSH      { x86_lower_mulh, X86_G3_IMUL }
#define X86_DESC_MULUH      { x86_lower_mulh, X86_G3_MUL }
#define X86_DESC_DIVS       { x86_lower_div, X86_G3_IDIV }
#define X86_DESC_DIVU       { x86_lower_div, X86_G3_DIV }
#define X86_DESC_AND        { x86_lower_alu, X86_ALU_AND }
#define X86_DESC_OR         { x86_lower_alu, X86_ALU_OR }
#define X86_DESC_XOR        { x86_lower_alu, X86_ALU_XOR }
#define X86_DESC_ANDC       { x86_lower_andc, X86_ALU_AND }
#define X86_DESC_ORC        { x86_lower_generic, X86_ALU_OR }
#define X86_DESC_EQV        { x86_lower_generic, X86_ALU_XOR }
#define X86_DESC_SHL        { x86_lower_shift, X86_SH_SHL }
#define X86_DESC_SHR        { x86_lower_shift, X86_SH_SHR }
#define X86_DESC_SAR        { x86_lower_shift, X86_SH_SAR }
#define X86_DESC_ROTR       { x86_lower_shift, X86_SH_ROR }
#define X86_DESC_NEG        { x86_lower_unary, X86_G3_NEG }
#define X86_DESC_NOT        { x86_lower_unary, X86_G3_NOT }
#define X86_DESC_EXT8S      { x86_lower_ext, 0 }
#define X86_DESC_EXT8U      { x86_lower_ext, 0 }
#define X86_DESC_EXT16S     { x86_lower_ext, 0 }
#define X86_DESC_EXT16U     { x86_lower_ext, 0 }
#define X86_DESC_EXT32S     { x86_lower_ext, 0 }
#define X86_DESC_EXT32U     { x86_lower_ext, 0 }
#define X86_DESC_EXTU_I32   { x86_lower_ext_i32, 0 }
#define X86_DESC_EXTS_I32   { x86_lower_ext_i32, 0 }
#define X86_DESC_TRUNC_I64  { x86_lower_ext_i32, 0 }
#define X86_DESC_EXTRACT    { x86_lower_extract, 0 }
#define X86_DESC_SEXTRACT   { x86_lower_extract, 0 }
#define X86_DESC_DEPOSIT    { x86_lower_deposit, 0 }
#define X86_DESC_CLZ        { x86_lower_count, 0 }
#define X86_DESC_CTZ        { x86_lower_count, 0 }
#define X86_DESC_CTPOP      { x86_lower_ctpop, 0 }
#define X86_DESC_BSWAP      { x86_lower_bswap, 0 }
#define X86_DESC_SETCOND    { x86_lower_setcond, 0 }
#define X86_DESC_MOVCOND    { x86_lower_movcond, 0 }
#define X86_DESC_SET_LABEL  { x86_lower_label, 0 }
#define X86_DESC_BR         { x86_lower_br, 0 }
#define X86_DESC_BRCOND     { x86_lower_brcond, 0 }
#define X86_DESC_LD_ENV     { x86_lower_ld_env, 0 }
#define X86_DESC_ST_ENV     { x86_lower_st_env, 0 }
#define X86_DESC_LD         { x86_lower_ld, 0 }
#define X86_DESC_ST         { x86_lower_st, 0 }
#define X86_DESC_CMPXCHG    { x86_lower_cmpxchg, 0 }
#define X86_DESC_MB         { x86_lower_mb, 0 }
#define X86_DESC_CALL       { x86_lower_call, 0 }
#define X86_DESC_GOTO_TB    { x86_lower_goto_tb, 0 }
#define X86_DESC_GOTO_TB_IF { x86_lower_goto_tb_if, 0 }
#define X86_DESC_EXIT_TB    { x86_lower_exit_tb, 0 }
#define X86_DESC_LOOKUP_AND_GOTO { x86_lower_lookup, 0 }
#define X86_DESC_NOP        { x86_lower_nop, 0 }
#define X86_DESC_VEC        { x86_lower_vec, 0 }

const X86OpDesc x86_op_desc[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) [IR_##name] = X86_DESC_##name,
#include "ir/ops.def"
#undef IR_OP
};

bool x86_op_is_native(IrOpcode opc)
{
    return x86_op_desc[opc].lower != x86_lower_generic;
}

/* The generic expansion: d = a <sub> ~b. */
void x86_lower_generic(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0);
    int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
    int t = x86_ra_scratch(c, X86_RS_ALL);
    x86_emit_mov_rr(&c->buf, t, rb, w);
    x86_emit_grp3(&c->buf, X86_G3_NOT, t, w);
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_copy(c, d, 0, ra, X86_RS_ALL, w);
    x86_emit_alu_rr(&c->buf, (X86Alu)x86_op_sub(op), rd, t, w);
}

void x86_lower_nop(X86Ctx *c, const IrOp *op)
{
}

/* ---- Shared pieces -------------------------------------------------------- */

X86Opnd x86_opnd(X86Ctx *c, IrTemp t, bool w)
{
    X86Opnd o = { .reg = X86_NO_REG };
    if (x86_imm_ok(c, t, w, &o.imm))
        o.is_imm = true;
    else
        o.reg = x86_ra_in(c, t, X86_RS_ALL);
    return o;
}

static const X86Cond cond_map[IR_NUM_CONDS] = {
    [IR_COND_EQ] = X86_CC_E,    [IR_COND_NE] = X86_CC_NE,
    [IR_COND_LT] = X86_CC_L,    [IR_COND_GE] = X86_CC_GE,
    [IR_COND_LE] = X86_CC_LE,   [IR_COND_GT] = X86_CC_G,
    [IR_COND_LTU] = X86_CC_B,   [IR_COND_GEU] = X86_CC_AE,
    [IR_COND_LEU] = X86_CC_BE,  [IR_COND_GTU] = X86_CC_A,
    [IR_COND_TSTEQ] = X86_CC_E, [IR_COND_TSTNE] = X86_CC_NE,
};

X86Cond x86_cond(IrCond cond)
{
    assert(cond < IR_COND_ALWAYS);
    return cond_map[cond];
}

/* cmp with 0 and test r, r set the flags alike (CF = OF = 0), and test is
 * shorter; test with -1 is test r, r too. */
X86Cond x86_gen_compare(X86Ctx *c, IrCond cond, int ra, X86Opnd b, bool w)
{
    bool tst = cond == IR_COND_TSTEQ || cond == IR_COND_TSTNE;
    if (b.is_imm && (tst ? b.imm == -1 : b.imm == 0))
        x86_emit_rr(&c->buf, X86_OP_TEST_EvGv | (w ? X86_P_W : 0), ra, ra);
    else if (b.is_imm && tst)
        x86_emit_test_ri(&c->buf, ra, b.imm, w);
    else if (b.is_imm)
        x86_emit_alu_ri(&c->buf, X86_ALU_CMP, ra, b.imm, w);
    else if (tst)
        x86_emit_rr(&c->buf, X86_OP_TEST_EvGv | (w ? X86_P_W : 0), b.reg, ra);
    else
        x86_emit_alu_rr(&c->buf, X86_ALU_CMP, ra, b.reg, w);
    return x86_cond(cond);
}

void x86_add_reloc(X86Ctx *c, uint32_t field_off, uint32_t label)
{
    X86Backend *be = c->be;
    if (be->nrelocs == be->relocs_cap) {
        be->relocs_cap = be->relocs_cap ? be->relocs_cap * 2 : 64;
        be->relocs = realloc(be->relocs, be->relocs_cap * sizeof(*be->relocs));
        if (!be->relocs) {
            fprintf(stderr, "tern: out of memory\n");
            abort();
        }
    }
    be->relocs[be->nrelocs++] = (X86Reloc){ field_off, label };
}
