/* ir/opt-flow.h — what ir_opt_dce() will find, noted by the fold walk.
 *
 * ir_opt_fold() calls flow_note() (or flow_code(), for ops that are
 * plainly code) on every op as it leaves it, and flow_end() once; the
 * IrFlowScan they fill says whether DCE's control-flow cleanups (its
 * rules 1-3, ir/opt-dce.c) have any work, so that DCE needs no walk of its
 * own to find out (most TBs give it none).  Private to ir/opt-fold.c:
 * static inline, so the per-op steps inline into the fold walk.
 */
#ifndef TERN_IR_OPT_FLOW_H
#define TERN_IR_OPT_FLOW_H

#include "ir/ir-internal.h"

/* ir_opt_dce()'s cleanup rules, checked on each op as the pass leaves it
 * (ir/opt-dce.c states them). */
typedef struct Flow {
    uint32_t *refs;        /* per label: branches to it, | FLOW_PLACED */
    uint64_t pend_label;   /* target of the branch before, if pend */
    bool pend;             /* only fillers since that branch */
    bool dead;             /* after an unconditional exit, before a label */
    IrFlowScan scan;
} Flow;

#define FLOW_PLACED 0x80000000u

static inline void flow_label(Flow *fl, uint64_t l)
{
    fl->refs[l] |= FLOW_PLACED;
    if (fl->pend && fl->pend_label == l)
        fl->scan.cleanup = true;            /* branch to the next label */
    fl->pend = fl->dead = false;
}

/* Ops that are neither fillers nor labels nor branches nor exits: all the
 * flow rules need of them is that they are code. */
static const bool flow_plain[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) \
    [IR_##name] = IR_##name != IR_NOP \
                  && IR_##name != IR_SET_LABEL \
                  && !((flags) & (IR_F_BRANCH | IR_F_TB_END)),
#include "ir/ops.def"
#undef IR_OP
};

/* An op that is code (not a filler, label, branch or exit). */
static inline void flow_code(Flow *fl)
{
    fl->scan.cleanup |= fl->dead;           /* unreachable code */
    fl->pend = false;
}

static inline __attribute__((always_inline)) void flow_note(Flow *fl, const IrOp *op)
{
    if (flow_plain[op->opc]) {
        flow_code(fl);
        return;
    }
    uint32_t flags = ir_op_info[op->opc].flags;
    if (op->opc == IR_NOP)
        return;                             /* filler */
    if (op->opc == IR_SET_LABEL) {
        flow_label(fl, ir_carg(op, 0));
        return;
    }
    flow_code(fl);
    if (flags & IR_F_BRANCH) {
        fl->pend_label = ir_carg(op, op->opc == IR_BRCOND ? 1 : 0);
        fl->refs[fl->pend_label]++;
        fl->pend = true;
    }
    if (op->opc == IR_BR || (flags & IR_F_TB_END))
        fl->dead = true;
}

/* The per-label counts, zeroed: most TBs have a label or two, so the
 * scratch buffer is cleared inline rather than by ir_scratch()'s memset. */
static inline uint32_t *flow_refs(IrFunc *f)
{
    size_t bytes = (f->nlabels + 1) * sizeof(uint32_t);
    if (bytes > f->scratch_size)
        return ir_scratch(f, bytes);
    uint32_t *refs = f->scratch;
    for (uint32_t l = 0; l <= f->nlabels; l++)
        refs[l] = 0;
    return refs;
}

/* Labels placed but never branched to. */
static inline void flow_end(Flow *fl, const IrFunc *f)
{
    for (uint32_t l = 0; l < f->nlabels; l++)
        fl->scan.cleanup |= fl->refs[l] == FLOW_PLACED;
}

#endif
