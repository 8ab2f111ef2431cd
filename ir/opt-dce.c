/* ir/opt-dce.c — dead-code elimination.
 *
 * The fold pass tells whether the control-flow cleanups have any work
 * (IrFlowScan; most TBs have none); if so, three linear walks, repeated
 * while they find work:
 *   1. branches (br and brcond) to the very next label, with only NOPs
 *      between, are deleted: both ways lead to the same op;
 *   2. labels no remaining branch targets are deleted (their blocks merge);
 *   3. code after an unconditional exit (BR, GOTO_TB, EXIT_TB,
 *      LOOKUP_AND_GOTO) up to the next label is unreachable and deleted
 *      (the guest insns it belonged to stay in IrFunc.insn_pc, with no
 *      ops);
 * then once:
 *   4. the backward liveness walk (ir/liveness.c) deletes every removable op
 *      (pure ops, LD_ENV, calls of pure helpers) whose outputs are all dead.
 *      A global is dead between a write and the next overwrite when no sync
 *      point (IR_F_MAY_FAULT op, call touching globals, label, branch, TB
 *      end) lies between — so a flag computed and recomputed before the
 *      next load, store or exit disappears.
 * Step 4 also drops the NOPs the passes left, compacting the op array as
 * it walks, and leaves every op's dead_in filled (ir/liveness.c).
 *
 * Contract.  Assumes verified IR; keeps it verified.  Never deletes an op
 * with side effects or a possibly faulting op, nor a guest insn boundary
 * (IrFunc.insn_op follows the ops); keeps the order of the remaining ops.  "Deleted" means turned into NOP and then
 * compacted away.
 */
#include "ir/ir-internal.h"

#include <string.h>


static uint64_t branch_label(const IrOp *op)
{
    return ir_carg(op, op->opc == IR_BRCOND ? 1 : 0);
}

static bool ends_flow(const IrOp *op)
{
    return op->opc == IR_BR || (ir_op_info[op->opc].flags & IR_F_TB_END);
}

/* Rule 1's test: the branch at i targets the next label, with only
 * NOPs between. */
static bool jumps_to_next(const IrFunc *f, uint32_t i)
{
    uint32_t j = i + 1;
    while (j < f->nops && f->ops[j].opc == IR_NOP)
        j++;
    return j < f->nops && f->ops[j].opc == IR_SET_LABEL
        && ir_carg(&f->ops[j], 0) == branch_label(&f->ops[i]);
}

/* 1. "br[cond] ... L; [insn_start...] set_label L" -> drop the branch. */
static bool dce_jump_to_next(IrFunc *f)
{
    bool changed = false;
    for (uint32_t i = 0; i < f->nops; i++) {
        IrOp *op = &f->ops[i];
        if ((ir_op_info[op->opc].flags & IR_F_BRANCH) && jumps_to_next(f, i)) {
            ir_op_to_nop(op);
            changed = true;
        }
    }
    return changed;
}

/* 2. Delete labels without branches; refs is scratch of nlabels entries. */
static bool dce_labels(IrFunc *f, uint32_t *refs)
{
    memset(refs, 0, f->nlabels * sizeof(*refs));
    for (uint32_t i = 0; i < f->nops; i++)
        if (ir_op_info[f->ops[i].opc].flags & IR_F_BRANCH)
            refs[branch_label(&f->ops[i])]++;
    bool changed = false;
    for (uint32_t i = 0; i < f->nops; i++) {
        IrOp *op = &f->ops[i];
        if (op->opc == IR_SET_LABEL && refs[ir_carg(op, 0)] == 0) {
            ir_op_to_nop(op);
            changed = true;
        }
    }
    return changed;
}

/* 3. Unreachable ops between an unconditional exit and the next label. */
static bool dce_unreachable(IrFunc *f)
{
    bool dead = false, changed = false;
    for (uint32_t i = 0; i < f->nops; i++) {
        IrOp *op = &f->ops[i];
        if (op->opc == IR_SET_LABEL) {
            dead = false;
        } else if (dead && op->opc != IR_NOP) {
            ir_op_to_nop(op);
            changed = true;
        } else if (ends_flow(op)) {
            dead = true;
        }
    }
    return changed;
}

void ir_opt_dce(IrFunc *f, const IrFlowScan *scan)
{
    if (scan->cleanup) {
        uint32_t *refs = ir_scratch(f, (f->nlabels + 1) * sizeof(uint32_t));
        bool changed;
        do {
            changed = dce_jump_to_next(f);
            changed |= dce_labels(f, refs);
            changed |= dce_unreachable(f);
        } while (changed);
    }
    ir_live_walk(f, true);
}
