/* frontend/aarch64/translate-branch.c — A64 branches (Arm ARM "Branches,
 * Exception Generating and System instructions": unconditional branch
 * (immediate and register), compare and branch, test and branch,
 * conditional branch).
 *
 * Every branch ends the TB, but a conditional one the TB may go on past
 * (a64_defer_taken).  Direct targets go through GOTO_TB(_IF) so they can
 * be chained: the fall-through path of a conditional branch that ends the
 * TB uses slot 0, taken paths slots 1, 2, ... (a64_cond_slot).  Computed
 * targets (BR, BLR, RET) end in LOOKUP_AND_GOTO.  BL/BLR write the
 * return address into X30 after reading the target, so BLR X30 jumps to
 * the old X30.
 */
#include "frontend/aarch64/translate.h"

#include <assert.h>

#include "frontend/aarch64/a64-decode.h"

/* A conditional exit: begin (flags), the caller's compare, end (both
 * exits).  The taken side is one GOTO_TB_IF, which ends no block, then
 * the fall-through's GOTO_TB, or the TB goes on (a64_defer_taken).
 * Flags that only one path may read are materialized on that path alone
 * (gen_cc_exits_split): the other one, often a loop's back edge, pays
 * only for keeping their operands.  When that is the taken path, the
 * condition is inverted so that the fall-through leaves by GOTO_TB_IF;
 * only a TB that goes on past such a branch needs brcond and a label
 * (its taken exit, with the flags, comes after the TB's last insn). */
typedef struct CondExit {
    uint64_t dest;
    int late_path;       /* 0 fall-through, 1 taken, -1 none */
    A64CC late;
} CondExit;

static CondExit gen_cond_exit_begin(DisasContext *s, uint64_t dest)
{
    CondExit e = { .dest = dest };
    e.late_path = gen_cc_exits_split(s, s->pc_next, dest, &e.late);
    return e;
}

/* The taken side computes the flags: see CondExit. */
static void gen_cond_exit_late_taken(DisasContext *s, CondExit *e, A64Compare c)
{
    unsigned slot = a64_cond_slot(s);
    a64_cc_forget(s);
    if (!a64_may_defer(s)) {
        ir_gen_goto_tb_if(s->f, ir_cond_invert(c.c), c.a, c.b, 0, s->pc_next);
        gen_cc_late(s, &e->late);
        gen_goto_tb(s, slot, e->dest);
        return;
    }
    gen_cc_late_keep(s, &e->late);
    IrLabel taken = ir_new_label(s->f);
    if (c.c == IR_COND_ALWAYS)
        ir_gen_br(s->f, taken);
    else if (c.c != IR_COND_NEVER)
        ir_gen_brcond(s->f, c.c, c.a, c.b, taken);
    bool deferred = a64_defer_taken(s, taken, e->dest, &e->late);
    assert(deferred);
    (void)deferred;
}

/* The exits once the caller's compare c says when the branch is taken.
 * A TB that goes on keeps pending flags pending: no block ended. */
static void gen_cond_exit_end(DisasContext *s, CondExit *e, A64Compare c)
{
    /* a64_may_defer promised a slot for this exit: a slot used twice
     * would chain one exit's jump to the other's target. */
    unsigned slot = a64_cond_slot(s);
    assert(slot < IR_GOTO_TB_SLOTS);
    if (e->late_path == 1) {
        gen_cond_exit_late_taken(s, e, c);
        return;
    }
    ir_gen_goto_tb_if(s->f, c.c, c.a, c.b, slot, e->dest);
    if (a64_defer_taken(s, A64_NO_LABEL, e->dest, NULL))
        return;
    if (e->late_path == 0)
        gen_cc_late(s, &e->late);
    a64_cc_forget(s);
    gen_goto_tb(s, 0, s->pc_next);
}

static uint64_t branch_dest(DisasContext *s, int64_t words)
{
    return s->pc + (uint64_t)words * 4;
}

bool trans_B(DisasContext *s, arg_B *a)
{
    gen_goto_tb(s, 0, branch_dest(s, a->imm26));
    return true;
}

bool trans_BL(DisasContext *s, arg_BL *a)
{
    write_reg(s, 30, ir_const(s->f, IR_I64, s->pc_next), true);
    gen_goto_tb(s, 0, branch_dest(s, a->imm26));
    return true;
}

/* B.cond; AL and NV are plain branches. */
bool trans_B_cond(DisasContext *s, arg_B_cond *a)
{
    uint64_t dest = branch_dest(s, a->imm19);
    if (a->cond >= 14) {
        gen_goto_tb(s, 0, dest);
        return true;
    }
    CondExit e = gen_cond_exit_begin(s, dest);
    gen_cond_exit_end(s, &e, gen_compare(s, a->cond));
    return true;
}

/* CBZ/CBNZ: compare the W or X register with zero. */
static bool gen_cbz(DisasContext *s, const arg_CBZ *a, IrCond c)
{
    uint64_t dest = branch_dest(s, a->imm19);
    CondExit e = gen_cond_exit_begin(s, dest);
    A64Compare cmp = { c, read_reg(s, a->Rt, a->sf), ir_const(s->f, IR_I64, 0) };
    gen_cond_exit_end(s, &e, cmp);
    return true;
}

bool trans_CBZ(DisasContext *s, arg_CBZ *a) { return gen_cbz(s, a, IR_COND_EQ); }
bool trans_CBNZ(DisasContext *s, arg_CBNZ *a) { return gen_cbz(s, a, IR_COND_NE); }

/* TBZ/TBNZ: test bit b5:b40 of Xt. */
static bool gen_tbz(DisasContext *s, const arg_TBZ *a, IrCond c)
{
    uint64_t dest = branch_dest(s, a->imm14);
    CondExit e = gen_cond_exit_begin(s, dest);
    unsigned bit = (unsigned)(a->b5 << 5 | a->b40);
    A64Compare cmp = { c, cpu_reg(s, a->Rt), ir_const(s->f, IR_I64, 1ull << bit) };
    gen_cond_exit_end(s, &e, cmp);
    return true;
}

bool trans_TBZ(DisasContext *s, arg_TBZ *a) { return gen_tbz(s, a, IR_COND_TSTEQ); }
bool trans_TBNZ(DisasContext *s, arg_TBNZ *a) { return gen_tbz(s, a, IR_COND_TSTNE); }

/* BR, BLR, RET: the target is read before X30 is written. */
static bool gen_branch_reg(DisasContext *s, unsigned rn, bool link)
{
    IrTemp dest = read_reg(s, rn, true);
    if (link && rn == 30)
        dest = a64_op1(s, IR_MOV, dest);   /* the global X30 is written next */
    if (link)
        write_reg(s, 30, ir_const(s->f, IR_I64, s->pc_next), true);
    gen_jump_reg(s, dest);
    return true;
}

bool trans_BR(DisasContext *s, arg_BR *a) { return gen_branch_reg(s, a->Rn, false); }
bool trans_BLR(DisasContext *s, arg_BLR *a) { return gen_branch_reg(s, a->Rn, true); }
bool trans_RET(DisasContext *s, arg_RET *a) { return gen_branch_reg(s, a->Rn, false); }

/* ---- Classes (translate.h): every branch calls gen_cc_exits first ------------
 * (B.cond reads the flags, BR/BLR/RET go who knows where: plain BRANCH). */

unsigned class_B(const arg_B *a) { (void)a; return A64_IC_JUMP; }
unsigned class_BL(const arg_BL *a) { (void)a; return A64_IC_JUMP; }
unsigned class_B_cond(const arg_B_cond *a) { (void)a; return A64_IC_BRANCH; }
unsigned class_CBZ(const arg_CBZ *a) { (void)a; return A64_IC_CBRANCH; }
unsigned class_CBNZ(const arg_CBNZ *a) { (void)a; return A64_IC_CBRANCH; }
unsigned class_TBZ(const arg_TBZ *a) { (void)a; return A64_IC_TBRANCH; }
unsigned class_TBNZ(const arg_TBNZ *a) { (void)a; return A64_IC_TBRANCH; }
unsigned class_BR(const arg_BR *a) { (void)a; return A64_IC_BRANCH; }
unsigned class_BLR(const arg_BLR *a) { (void)a; return A64_IC_BRANCH; }
unsigned class_RET(const arg_RET *a) { (void)a; return A64_IC_BRANCH; }
