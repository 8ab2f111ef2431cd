/* ir/ir-internal.h — declarations shared by the files of ir/ only.
 *
 * Besides storage helpers this names the kind of every constant argument
 * (ir_carg_kind), which the printer, the parser and the verifier all switch
 * on, so that an op's cargs are described in exactly one place.
 */
#ifndef TERN_IR_INTERNAL_H
#define TERN_IR_INTERNAL_H

#include "ir/ir.h"

/* Appends a zeroed temp and returns it (valid until the next append). */
IrTempInfo *ir_temp_alloc(IrFunc *f);

/* Returns f->scratch grown to at least bytes, zeroed.  One pass at a time
 * owns it; the memory is reused by the next TB (no per-TB malloc once
 * warmed up). */
void *ir_scratch(IrFunc *f, size_t bytes);

/* Returns *buf grown to at least bytes: bytes it held before keep their
 * contents, new ones are zeroed.  For pass state that is valid across TBs
 * (tagged with epochs) and so never cleared. */
void *ir_keep_scratch(void **buf, size_t *size, size_t bytes);

/* What a constant argument means (its printed and parsed form). */
typedef enum IrCargKind {
    IR_CARG_INT,      /* small unsigned number: bit-field pos/len, GOTO_TB slot */
    IR_CARG_COND,     /* IrCond */
    IR_CARG_LABEL,    /* IrLabel */
    IR_CARG_MEMOP,    /* IrMemOp */
    IR_CARG_OFFSET,   /* signed byte offset into the CPU state */
    IR_CARG_MB,       /* IR_MB_* */
    IR_CARG_HELPER,   /* const IrHelper * */
    IR_CARG_PC,       /* guest pc of GOTO_TB */
    IR_CARG_EXIT,     /* IrExit of EXIT_TB: requested or plain */
    IR_CARG_VECDESC,  /* IrVecDesc (VEC's carg 0) */
} IrCargKind;

IrCargKind ir_carg_kind(IrOpcode opc, unsigned i);

/* The helper of a CALL op. */
static inline const IrHelper *ir_call_helper(const IrOp *op)
{
    return (const IrHelper *)(uintptr_t)ir_carg(op, 0);
}

/* Whether the op needs every global in memory (and so reads all of them
 * from the liveness point of view): IR_F_MAY_FAULT and IR_F_COND_EXIT
 * ops and calls whose
 * helper touches globals or may raise (TB ends, GOTO_TB among them, have
 * every global live anyway).  Inline: the liveness walk asks for every
 * op. */
static inline bool ir_op_syncs_globals(const IrOp *op)
{
    uint32_t flags = ir_op_info[op->opc].flags;
    if (flags & (IR_F_MAY_FAULT | IR_F_COND_EXIT))
        return true;
    if (!(flags & IR_F_CALL))
        return false;
    return ir_call_helper(op)->flags & (IR_HF_READS_GLOBALS | IR_HF_WRITES_GLOBALS
                                        | IR_HF_MAY_RAISE);
}

/* Whether the op can be deleted when none of its outputs is read: pure
 * ops, LD_ENV, and calls of helpers that are pure by their flags (the only
 * effect of these is their outputs). */
static inline bool ir_op_removable(const IrOp *op)
{
    uint32_t flags = ir_op_info[op->opc].flags;
    if (flags & IR_F_CALL) {
        uint32_t hf = ir_call_helper(op)->flags;
        return op->nout == 1 && !(hf & (IR_HF_SIDE_EFFECTS | IR_HF_WRITES_GLOBALS
                                        | IR_HF_MAY_RAISE));
    }
    if (flags & (IR_F_SIDE_EFFECTS | IR_F_BB_END | IR_F_MAY_FAULT))
        return false;
    return op->nout > 0;
}

/* The backward liveness walk behind ir_liveness(); with remove_dead it also
 * deletes the removable ops whose outputs are all dead (dead-code
 * elimination) and every NOP, compacting the rest as it goes.  Returns the
 * number of ops deleted. */
unsigned ir_live_walk(IrFunc *f, bool remove_dead);

/* Forgets the first n ops by moving f->ops past them (the backward
 * compaction leaves the kept ops at the end of the array); no insn may
 * begin before op n. */
void ir_ops_drop_front(IrFunc *f, uint32_t n);

/* Rewrites op in place into "mov d, src" (same type), or into a NOP. */
void ir_op_to_mov(IrOp *op, IrTemp d, IrTemp src);

/* What the fold pass saw of the control flow of the ops as it left them,
 * so that ir_opt_dce() needs no walk of its own to find out whether it
 * has work (most TBs give it none). */
typedef struct IrFlowScan {
    bool cleanup;   /* a branch to the very next label, a label no branch
                       targets, or code after an unconditional exit */
} IrFlowScan;

/* The VEC op's AES rows (ir/vec-aes.c): d = op(a, b), vectors as two
 * 64-bit words low first. */
void ir_vec_aes(IrVecOp op, const uint64_t a[2], const uint64_t b[2], uint64_t d[2]);

/* The VEC op's SHA-256 rows (ir/vec-sha.c). */
void ir_vec_sha(IrVecOp op, const uint64_t a[2], const uint64_t b[2], const uint64_t c[2],
                uint64_t d[2]);

/* The passes of ir_optimize(), one per file. */
void ir_opt_fold(IrFunc *f, IrFlowScan *scan);
void ir_opt_dce(IrFunc *f, const IrFlowScan *scan);

static inline void ir_op_to_nop(IrOp *op)
{
    op->opc = IR_NOP;
    op->nout = op->nin = op->ncarg = 0;
    op->dead_in = 0;
}

/* Text syntax pieces shared by the printer and the parser. */
extern const char *const ir_exit_names[IR_EXIT_PLAIN + 1];
extern const char *const ir_mb_names[4];

#endif
