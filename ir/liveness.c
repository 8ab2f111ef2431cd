/* ir/liveness.c — backward liveness: IrOp.dead_in, and the walk DCE uses.
 *
 * One linear walk from the last op to the first, with one mark per temp.
 * What "live after this op" means per temp kind:
 *   - block temps: read later in the same basic block.  Every BB end
 *     (SET_LABEL, BR, BRCOND, EXIT_TB, LOOKUP_AND_GOTO) kills all of them.
 *   - TB-locals: conservatively live at every label and branch (the walk
 *     does not follow edges); dead at TB end (EXIT_TB, LOOKUP_AND_GOTO).
 *   - globals: live wherever their value must be in memory — TB end, BB
 *     ends, GOTO_TB, IR_F_MAY_FAULT ops and calls whose helper reads or
 *     writes globals or may raise — or read later; dead only between a read and a
 *     later overwrite with no such point in between.
 *   - env and constants: always live, never marked dead.
 *
 * dead_in contract (what backends may rely on):
 *   bit i set  <=>  input i is not read again after this op.  A temp that
 *   appears several times among one op's inputs gets the bit on every
 *   occurrence, so a backend frees its register after reading all inputs.
 *   For a global the bit only says "last read inside the TB"; a backend
 *   must never drop a global's value (it stays synced as backend.h says).
 *
 * Cost: marks are compared against three epoch counters (block, local,
 * global), so killing all block temps at a BB end or making all globals
 * live at a sync point is one increment, not a loop over temps.  A TB end
 * kills the locals one by one, from a list of them made once per walk
 * (most TBs have none).  The walk with remove_dead is ir_opt_dce()'s last
 * step, and what it leaves in dead_in is what a walk without removal would
 * compute (a removed op reads nothing), so ir_optimize() needs no second
 * walk.
 */
#include "ir/ir-internal.h"

typedef struct LiveState {
    const IrTempInfo *temps;
    uint32_t *mark;
    const IrTemp *locals;      /* the TB-local temps, nlocals of them */
    uint32_t nlocals;
    uint32_t bb, loc, glob;    /* epochs; marks start at 0, epochs at 1 */
} LiveState;

static inline bool live_get(const LiveState *ls, IrTemp t)
{
    switch ((IrTempKind)ls->temps[t].kind) {
    case IR_TEMP_BLOCK:  return ls->mark[t] == ls->bb;
    case IR_TEMP_LOCAL:  return ls->mark[t] != ls->loc;
    case IR_TEMP_GLOBAL: return ls->mark[t] != ls->glob;
    case IR_TEMP_FIXED: case IR_TEMP_CONST: return true;
    }
    return true;
}

static inline void live_set(LiveState *ls, IrTemp t, bool live)
{
    switch ((IrTempKind)ls->temps[t].kind) {
    case IR_TEMP_BLOCK:  ls->mark[t] = live ? ls->bb : 0; break;
    case IR_TEMP_LOCAL:  ls->mark[t] = live ? 0 : ls->loc; break;
    case IR_TEMP_GLOBAL: ls->mark[t] = live ? 0 : ls->glob; break;
    case IR_TEMP_FIXED: case IR_TEMP_CONST: break;
    }
}

/* Label or branch: block temps die, locals and globals are live. */
static void live_bb_end(LiveState *ls)
{
    ls->bb++;
    ls->loc++;
    ls->glob++;
}

/* Nothing after: globals live (synced at exit), everything else dead. */
static void live_tb_end(LiveState *ls)
{
    ls->bb++;
    ls->glob++;
    for (uint32_t i = 0; i < ls->nlocals; i++)
        ls->mark[ls->locals[i]] = ls->loc;
}

static bool outputs_dead(const LiveState *ls, const IrOp *op)
{
    for (unsigned i = 0; i < op->nout; i++)
        if (live_get(ls, ir_out(op, i)))
            return false;
    return true;
}

/* Inputs are all judged against the state after the op, then made live,
 * so repeated inputs each get the dead bit. */
static void live_inputs(LiveState *ls, IrOp *op)
{
    uint16_t dead = 0;
    for (unsigned i = 0; i < op->nin; i++)
        if (!live_get(ls, ir_in(op, i)))
            dead |= (uint16_t)(1u << i);
    for (unsigned i = 0; i < op->nin; i++)
        live_set(ls, ir_in(op, i), true);
    op->dead_in = dead;
}

static void live_op(LiveState *ls, IrOp *op, uint32_t flags)
{
    if (flags & IR_F_TB_END)
        live_tb_end(ls);
    else if (flags & IR_F_BB_END)
        live_bb_end(ls);
    for (unsigned i = 0; i < op->nout; i++)
        live_set(ls, ir_out(op, i), false);
    /* The old values of all globals (outputs included) must be in memory
     * when the op runs: it may fault or the helper may look at them. */
    if (ir_op_syncs_globals(op))
        ls->glob++;
    live_inputs(ls, op);
}

/* One scratch block: the marks, then the list of locals. */
static void live_begin(LiveState *ls, IrFunc *f)
{
    size_t n = f->ntemps;
    uint32_t *mem = ir_scratch(f, 2 * n * sizeof(uint32_t));
    IrTemp *locals = mem + n;
    uint32_t nlocals = 0;
    for (IrTemp t = f->nglobals; t < f->ntemps; t++)
        if (f->temps[t].kind == IR_TEMP_LOCAL)
            locals[nlocals++] = t;
    *ls = (LiveState){ .temps = f->temps, .mark = mem, .locals = locals,
                       .nlocals = nlocals, .bb = 1, .loc = 1, .glob = 1 };
}

unsigned ir_live_walk(IrFunc *f, bool remove_dead)
{
    LiveState ls;
    live_begin(&ls, f);
    unsigned removed = 0;
    live_tb_end(&ls);
    for (uint32_t i = f->nops; i-- > 0;) {
        IrOp *op = &f->ops[i];
        uint32_t flags = ir_op_info[op->opc].flags;
        if (remove_dead && op->nout && outputs_dead(&ls, op) && ir_op_removable(op)) {
            ir_op_to_nop(op);
            removed++;
            continue;
        }
        live_op(&ls, op, flags);
    }
    return removed;
}

void ir_liveness(IrFunc *f)
{
    ir_live_walk(f, false);
}
