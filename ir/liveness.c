/* ir/liveness.c — backward liveness: IrOp.dead_in, and the walk DCE uses.
 *
 * One linear walk from the last op to the first, with one mark per temp.
 * What "live after this op" means per temp kind:
 *   - block temps: read later in the same basic block.  Every BB end
 *     (SET_LABEL, BR, BRCOND, GOTO_TB, EXIT_TB, LOOKUP_AND_GOTO) kills all
 *     of them.
 *   - TB-locals: conservatively live at every label and branch (the walk
 *     does not follow edges); dead at TB end (GOTO_TB, EXIT_TB,
 *     LOOKUP_AND_GOTO).
 *   - globals: live wherever their value must be in memory — TB end, BB
 *     ends, IR_F_MAY_FAULT and IR_F_COND_EXIT (GOTO_TB_IF, which ends
 *     no block) ops and calls whose helper reads or
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
 * Cost: a temp is live when its mark is at least its kind's threshold
 * (LiveState.thr), so killing all block temps at a BB end (the block
 * threshold goes up) or making all globals live at a sync point (the
 * global one goes down) is one step, not a loop over temps; a mark is
 * one load and compare away from the answer.  The marks live in a buffer
 * kept across walks and never cleared: the block threshold only grows
 * and the global one only shrinks from walk to walk (IrFunc.live_epoch,
 * live_gepoch), so an old mark reads as "dead" for a block temp and
 * "live" for a global (indexes below nglobals are globals in every TB),
 * which is the state at the TB end; constants and env have threshold 0,
 * always live.  TB-locals share the block threshold, and every label and
 * TB end sets all of them, live or dead, one by one from a list made
 * once per walk, only in TBs that made any
 * (IrFunc.nlocals; most make none).  The walk with remove_dead is
 * ir_opt_dce()'s last step, and what it leaves in dead_in is what a walk
 * without removal would compute (a removed op reads nothing), so
 * ir_optimize() needs no second walk.  It also compacts: each kept op is
 * moved up toward the end of the array as the walk passes it (the slots
 * above it are already read), NOPs and deleted ops are not, and f->ops is
 * then moved past the gap (ir_ops_drop_front) instead of copying every op
 * down again; the insn boundaries (IrFunc.insn_op) move with their ops.
 * Per op the walk loads one class byte (live_class, expanded
 * from ops.def) instead of testing flags.
 */
#include "ir/ir-internal.h"

#include <string.h>

/* The per-op steps, which gcc would otherwise keep out of line. */
#define LIVE_INLINE static inline __attribute__((always_inline))

typedef struct LiveState {
    const IrTempInfo *temps;
    uint32_t *mark;
    /* Per IrTempKind: a temp is live when its mark >= thr[kind].  Block
     * temps and locals have the same one, which rises at every BB end;
     * thr[GLOBAL] falls at every sync point; env and constants: 0. */
    uint32_t thr[5];
    const IrTemp *locals;      /* the TB-local temps, nlocals of them */
    uint32_t nlocals;
} LiveState;

static inline bool live_get(const LiveState *ls, IrTemp t)
{
    return ls->mark[t] >= ls->thr[ls->temps[t].kind];
}

/* Constants and env are never made dead (they are never outputs). */
static inline void live_set(LiveState *ls, IrTemp t, bool live)
{
    ls->mark[t] = ls->thr[ls->temps[t].kind] - !live;
}

static void live_set_locals(LiveState *ls, bool live)
{
    for (uint32_t i = 0; i < ls->nlocals; i++)
        ls->mark[ls->locals[i]] = ls->thr[IR_TEMP_BLOCK] - !live;
}

/* Label or branch: block temps die, locals and globals are live. */
LIVE_INLINE void live_bb_end(LiveState *ls)
{
    ls->thr[IR_TEMP_LOCAL] = ++ls->thr[IR_TEMP_BLOCK];
    ls->thr[IR_TEMP_GLOBAL]--;
    live_set_locals(ls, true);
}

/* Nothing after: globals live (synced at exit), everything else dead. */
LIVE_INLINE void live_tb_end(LiveState *ls)
{
    ls->thr[IR_TEMP_LOCAL] = ++ls->thr[IR_TEMP_BLOCK];
    ls->thr[IR_TEMP_GLOBAL]--;
    live_set_locals(ls, false);
}

LIVE_INLINE bool outputs_dead(const LiveState *ls, const IrOp *op)
{
    for (unsigned i = 0; i < op->nout; i++)
        if (live_get(ls, ir_out(op, i)))
            return false;
    return true;
}

/* Inputs are all judged against the state after the op, then made live,
 * so repeated inputs each get the dead bit. */
LIVE_INLINE void live_inputs(LiveState *ls, IrOp *op)
{
    uint16_t dead = 0;
    unsigned nout = op->nout, nin = op->nin;
    if (nin == 1) {                 /* the common shapes, without loops */
        IrTemp a = (IrTemp)op->args[nout];
        op->dead_in = !live_get(ls, a);
        live_set(ls, a, true);
        return;
    }
    if (nin == 2) {
        IrTemp a = (IrTemp)op->args[nout], b = (IrTemp)op->args[nout + 1];
        dead = (uint16_t)((unsigned)!live_get(ls, a) | (unsigned)!live_get(ls, b) << 1);
        live_set(ls, a, true);
        live_set(ls, b, true);
        op->dead_in = dead;
        return;
    }
    for (unsigned i = 0; i < nin; i++)
        if (!live_get(ls, (IrTemp)op->args[nout + i]))
            dead |= (uint16_t)(1u << i);
    for (unsigned i = 0; i < nin; i++)
        live_set(ls, (IrTemp)op->args[nout + i], true);
    op->dead_in = dead;
}

/* What the walk needs of an opcode, from its row of ops.def, so that one
 * table load per op replaces the flag tests of ir_op_removable() and
 * ir_op_syncs_globals().  A CALL's helper decides its LW_SYNC and
 * LW_REMOVE bits (live_call_class). */
enum {
    LW_TB_END = 1u << 0,   /* leaves the TB */
    LW_BB_END = 1u << 1,   /* ends a basic block (and does not leave) */
    LW_SYNC   = 1u << 2,   /* needs every global in memory */
    LW_REMOVE = 1u << 3,   /* deleted when its outputs are all dead */
    LW_CALL   = 1u << 4,
    LW_NOP    = 1u << 5,   /* dropped by a removing walk */
};

#define LW_CLASS(name, nout, flags)                                                   \
    ((IR_##name == IR_NOP ? LW_NOP : 0u)                                               \
     | ((flags) & IR_F_TB_END ? LW_TB_END : (flags) & IR_F_BB_END ? LW_BB_END : 0u)    \
     | ((flags) & (IR_F_MAY_FAULT | IR_F_COND_EXIT) ? LW_SYNC : 0u)                     \
     | ((flags) & IR_F_CALL ? LW_CALL : 0u)                                             \
     | (!((flags) & (IR_F_SIDE_EFFECTS | IR_F_BB_END | IR_F_MAY_FAULT | IR_F_CALL))    \
        && (nout) > 0 ? LW_REMOVE : 0u))

static const uint8_t live_class[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) [IR_##name] = LW_CLASS(name, nout, flags),
#include "ir/ops.def"
#undef IR_OP
};

/* The bits ir_op_syncs_globals() and ir_op_removable() give a CALL. */
static unsigned live_call_class(const IrOp *op)
{
    return (ir_op_syncs_globals(op) ? LW_SYNC : 0u) | (ir_op_removable(op) ? LW_REMOVE : 0u);
}

/* Block and TB ends have no outputs, and no op has more than one output
 * but in principle; the walk's common case is one. */
static void live_kill_outputs(LiveState *ls, const IrOp *op)
{
    for (unsigned i = 0; i < op->nout; i++)
        live_set(ls, ir_out(op, i), false);
}

/* The thresholds restart (and the marks are cleared) before the block
 * one reaches the global one: a walk moves each by at most a few per op. */
#define LIVE_THR_GAP 0x40000000u

/* The marks (kept across walks), then the list of locals in scratch. */
static void live_begin(LiveState *ls, IrFunc *f)
{
    size_t n = f->ntemps;
    if (n * sizeof(uint32_t) > f->live_marks_size)
        ir_keep_scratch(&f->live_marks, &f->live_marks_size, n * sizeof(uint32_t));
    uint32_t *mark = f->live_marks;
    if (f->live_gepoch - f->live_epoch < LIVE_THR_GAP || f->live_gepoch == 0) {
        memset(f->live_marks, 0, f->live_marks_size);      /* block temps dead */
        for (IrTemp g = 0; g < f->nglobals; g++)
            mark[g] = UINT32_MAX;                           /* globals live */
        f->live_epoch = 0;
        f->live_gepoch = UINT32_MAX;
    }
    IrTemp *locals = NULL;
    uint32_t nlocals = 0;
    if (f->nlocals) {
        locals = ir_scratch(f, n * sizeof(IrTemp));
        for (IrTemp t = f->nglobals; t < f->ntemps; t++)
            if (f->temps[t].kind == IR_TEMP_LOCAL)
                locals[nlocals++] = t;
    }
    *ls = (LiveState){ .temps = f->temps, .mark = mark, .locals = locals,
                       .nlocals = nlocals };
    ls->thr[IR_TEMP_BLOCK] = ls->thr[IR_TEMP_LOCAL] = f->live_epoch + 1;
    ls->thr[IR_TEMP_GLOBAL] = f->live_gepoch;
}

static void live_end(LiveState *ls, IrFunc *f)
{
    f->live_epoch = ls->thr[IR_TEMP_BLOCK];
    f->live_gepoch = ls->thr[IR_TEMP_GLOBAL];
}

/* One op of the walk; returns whether it stays (a removing walk drops
 * NOPs and removable ops whose outputs are all dead). */
LIVE_INLINE bool live_walk_op(LiveState *ls, IrOp *op, bool remove)
{
    unsigned cls = live_class[op->opc];
    if (cls & (LW_CALL | LW_NOP | LW_TB_END | LW_BB_END)) {
        if (cls & LW_NOP)
            return !remove;
        if (cls & LW_CALL)
            cls |= live_call_class(op);
        if (cls & LW_TB_END)
            live_tb_end(ls);
        else if (cls & LW_BB_END)
            live_bb_end(ls);
    }
    if (op->nout == 1) {            /* one mark lookup for both questions */
        IrTemp d = ir_out(op, 0);
        uint32_t th = ls->thr[ls->temps[d].kind];
        if (remove && (cls & LW_REMOVE) && ls->mark[d] < th)
            return false;
        ls->mark[d] = th - 1;
    } else if (op->nout) {
        if (remove && (cls & LW_REMOVE) && outputs_dead(ls, op))
            return false;
        live_kill_outputs(ls, op);
    }
    /* The old values of all globals (outputs included) must be in memory
     * when the op runs: it may fault or the helper may look at them. */
    if (cls & LW_SYNC)
        ls->thr[IR_TEMP_GLOBAL]--;
    live_inputs(ls, op);
    return true;
}

/* Ops [0, n) walked backward, without removal. */
static void live_walk_all(LiveState *ls, IrOp *ops, uint32_t n)
{
    for (IrOp *op = ops + n; op-- > ops;)
        live_walk_op(ls, op, false);
}

/* Ops [lo, hi) walked backward with removal: the ops that stay are moved
 * up to just below *keep (each is copied at most once, while it is in
 * cache), which ends at the first of them. */
LIVE_INLINE void live_walk_range(LiveState *ls, IrOp *ops, uint32_t lo, uint32_t hi, uint32_t *keep)
{
    uint32_t k = *keep;
    for (uint32_t i = hi; i-- > lo;)
        if (live_walk_op(ls, &ops[i], true) && --k != i)
            ops[k] = ops[i];
    *keep = k;
}

/* Ops [0, n) walked backward with removal, one guest insn at a time so
 * that its boundary bound[j] (in [0, nb)) can follow its ops: it moves to
 * the first op kept at or after it, in the same coordinates.  Returns the
 * index of the first kept op. */
static uint32_t live_walk_remove(LiveState *ls, IrOp *ops, uint32_t n, uint32_t *bound,
                                 uint32_t nb)
{
    uint32_t keep = n, hi = n;
    for (uint32_t j = nb; j > 0; j--) {
        uint32_t lo = bound[j - 1];
        live_walk_range(ls, ops, lo, hi, &keep);
        bound[j - 1] = keep;
        hi = lo;
    }
    live_walk_range(ls, ops, 0, hi, &keep);     /* ops before the first insn */
    return keep;
}

unsigned ir_live_walk(IrFunc *f, bool remove_dead)
{
    LiveState ls;
    live_begin(&ls, f);
    live_tb_end(&ls);
    uint32_t gone = 0;
    if (remove_dead)
        gone = live_walk_remove(&ls, f->ops, f->nops, f->insn_op, f->ninsns);
    else
        live_walk_all(&ls, f->ops, f->nops);
    live_end(&ls, f);
    ir_ops_drop_front(f, gone);
    return gone;
}

void ir_liveness(IrFunc *f)
{
    ir_live_walk(f, false);
}
