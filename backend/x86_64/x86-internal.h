/* backend/x86_64/x86-internal.h — declarations shared by the x86-64 backend.
 *
 * Pieces: emit-x86.c (bytes), regalloc.c (where each temp lives), lower-*.c
 * (instruction selection per IR op, driven by the descriptor table in
 * lower.c), x86_64.c (the Backend: prologue, emit_tb driver, patching).
 *
 * Host register roles, fixed for all generated code:
 *   r14  env (IR_TEMP_ENV)                           X86_REG_ENV
 *   r15  guest base, when it does not fit a disp32   X86_REG_BASE
 *   rsp  16-byte aligned; [rsp, rsp + frame) is the spill frame
 *   rbx, rbp, r12, r13  pinned: each holds one hot guest global (the
 *        frontend ranks them, IrTempInfo.hot) for as long as generated
 *        code runs, across TBs; unused pins are allocatable
 *   everything else is allocatable (callee-saved ones first: they survive
 *   helper calls).
 *
 * Pinned globals are write-through: env is exactly as coherent as for any
 * other global (stored at the sync points backend.h names), so C code sees
 * no difference; only their loads go away.  C may change env freely while
 * no generated code runs, so the prologue loads every pin from env, and a
 * helper that writes globals is followed by a reload.
 */
#ifndef TERN_X86_INTERNAL_H
#define TERN_X86_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/backend.h"
#include "backend/x86_64/emit-x86.h"
#include "ir/ir.h"

#define X86_REG_ENV   X86_R14
#define X86_REG_BASE  X86_R15

/* Spill frame: slots of 8 bytes at [rsp + 8 * i].  Slots of dead block
 * temps are reused (TB-locals keep theirs for the TB), so a TB needs about
 * as many as it has temps live in memory at once. */
#define X86_FRAME_SLOTS 2048
#define X86_FRAME_BYTES (X86_FRAME_SLOTS * 8 + 8)   /* keeps rsp 16-aligned */

/* CPU features probed at create time (tests may clear them to exercise the
 * fallbacks). */
enum {
    X86_FEAT_LZCNT  = 1u << 0,
    X86_FEAT_BMI1   = 1u << 1,   /* tzcnt */
    X86_FEAT_POPCNT = 1u << 2,
    X86_FEAT_BMI2   = 1u << 3,   /* shlx/shrx/sarx */
    X86_FEAT_SSE41  = 1u << 4,   /* with SSSE3: the VEC op's sequences */
    X86_FEAT_SSE42  = 1u << 5,   /* pcmpgtq */
    X86_FEAT_AES    = 1u << 6,   /* AES-NI: the VEC op's AES rows */
    X86_FEAT_SHA    = 1u << 7,   /* SHA-NI: the VEC op's SHA-256 rows */
};

/* How guest addresses are formed. */
typedef enum X86BaseMode {
    X86_BASE_NONE,     /* guest_base == 0: [idx] */
    X86_BASE_DISP,     /* guest_base < 2^31: [idx + disp32] */
    X86_BASE_REG,      /* [r15 + idx] */
} X86BaseMode;

typedef struct X86TempState X86TempState;
typedef uint32_t X86RegSet;

/* Pinned registers, in the order of the globals' hot ranks (1 = first). */
#define X86_NPIN 4
extern const int8_t x86_pin_regs[X86_NPIN];

typedef struct X86Backend {
    BackendMem mem;
    X86BaseMode base_mode;
    BackendLookup lookup;         /* inline_cache cleared when unusable */
    uint32_t features;
    uintptr_t prologue_rx;
    uintptr_t epilogue_rx;        /* returns rax to enter()'s caller */
    uintptr_t lookup_miss_rx;     /* calls lookup.fn, then jumps or leaves */
    /* Pins: fixed by the first emit_tb from its IrFunc's hot ranks (every
     * IrFunc registers the same globals), read by the prologue at each
     * enter.  pin_off[i] is the env offset loaded into x86_pin_regs[i]
     * (0, a harmless load, when unused). */
    int64_t pin_off[X86_NPIN];
    X86RegSet pin_used;
    bool pin_ready;
    /* Per-TB scratch, grown on demand and reused (emit_tb calls are
     * serialized by the caller, backend.h). */
    X86TempState *temps;
    uint32_t temps_cap;
    uint32_t *op_off;             /* per op of the TB: its code offset;
                                     one more entry: the ops' end */
    uint32_t op_off_cap;
    int32_t *label_off;
    uint32_t labels_cap;
    struct X86Reloc *relocs;
    uint32_t nrelocs, relocs_cap;
    int32_t *free_slots;          /* X86_FRAME_SLOTS entries */
    IrTemp *slot_owner;           /* X86_FRAME_SLOTS entries */
    /* The globals' state at TB start, valid for IrFuncs whose globals'
     * IrTempInfo equal gkey[0, gtemplate_n); gtemplate_gen is the last
     * IrFunc.globals_gen seen to match, which spares the compare. */
    X86TempState *gtemplate;
    IrTempInfo *gkey;
    uint32_t gtemplate_n;
    uint32_t gtemplate_gen;
    /* temps[0, gtemplate_n) equal gtemplate between emit_tb calls: each
     * TB puts back only the globals it touched (X86Ctx.touched). */
    bool ts_globals_ok;
    IrTemp gpin_temp[X86_NPIN];   /* the global in x86_pin_regs[i], or
                                     IR_NO_TEMP (with gtemplate) */
    /* X86Ctx.reg_temp, used and allocatable at TB start (with
     * gtemplate): env and the pinned globals in their registers. */
    IrTemp reg_temp_tpl[X86_NUM_REGS];
    X86RegSet used_tpl, allocatable_tpl;
    IrTemp pc_temp;               /* the global at lookup.pc_off, or
                                     IR_NO_TEMP (with gtemplate) */
} X86Backend;

/* Where a temp's value is. */
typedef enum X86Loc { X86_LOC_DEAD, X86_LOC_REG, X86_LOC_MEM, X86_LOC_CONST } X86Loc;

/* 16 bytes: x86_ra_begin writes one per temp of every TB. */
struct X86TempState {
    int16_t slot;         /* frame slot, -1 for none (never for globals) */
    uint8_t loc;          /* X86Loc */
    uint8_t reg;          /* X86_LOC_REG */
    uint8_t kind;         /* IrTempKind, copied from the IrFunc */
    int8_t pin;           /* pinned global: its host register, else X86_NO_REG */
    bool coherent : 1;    /* its memory home (env field or slot) is current */
    bool addr32 : 1;      /* a block temp that only the next op reads, as a
                             guest address: holds it already truncated to
                             32 bits (x86_lower_alu), so no zero-extending
                             copy is needed */
    bool w : 1;           /* type i64, copied from the IrFunc */
    uint64_t val;         /* X86_LOC_CONST */
};

/* A jump to a label, patched when the TB is done. */
typedef struct X86Reloc {
    uint32_t field_off;   /* rel32 field */
    uint32_t label;
} X86Reloc;

/* Register sets. */
#define X86_RS(r) ((X86RegSet)1 << (r))
#define X86_RS_ALL 0xffffu
#define X86_RS_CALLER_SAVED (X86_RS(X86_RAX) | X86_RS(X86_RCX) | X86_RS(X86_RDX) | \
    X86_RS(X86_RSI) | X86_RS(X86_RDI) | X86_RS(X86_R8) | X86_RS(X86_R9) | \
    X86_RS(X86_R10) | X86_RS(X86_R11))

/* A GOTO_TB_IF's jcc (its slot), pointed at its exit stub once the TB's
 * code is done (x86_emit_cond_exits). */
typedef struct X86CondExit {
    uint32_t field_off;   /* the jcc's rel32 field */
    uint32_t slot;
    uint64_t pc;
} X86CondExit;

/* The state of one emit_tb. */
typedef struct X86Ctx {
    X86Backend *be;
    IrFunc *f;
    X86Buf buf;
    X86TempState *ts;
    IrTemp reg_temp[X86_NUM_REGS];   /* occupant, IR_NO_TEMP when free */
    X86RegSet used;                  /* registers with an occupant */
    X86RegSet allocatable;
    X86RegSet locked;                /* in use by the op being lowered */
    uint32_t nfree_slots, next_slot;
    const IrOp *op;                  /* being lowered */
    const IrOp *ops_end;             /* f->ops + f->nops */
    uintptr_t tb_cookie;
    uint32_t jmp_slot[IR_GOTO_TB_SLOTS];
    uint32_t jmp_reset[IR_GOTO_TB_SLOTS];   /* BackendTbOut's */
    X86CondExit cond_exits[IR_GOTO_TB_SLOTS];
    unsigned ncond_exits;
    /* The last GOTO_TB_IF's jcc: its condition, and the code offset right
     * after it (UINT32_MAX: none, or a label since), where the host flags
     * still hold its compare. */
    uint32_t exit_cc_end;
    X86Cond exit_cc;
    const IrOp *fused_ld_env;        /* LD_ENV left for the next BRCOND */
    uint64_t maybe_dirty;            /* globals 1..63 that may be incoherent
                                        (a superset), so a sync point visits
                                        only those */
    uint64_t maybe_cached;           /* unpinned globals 1..63 that may be
                                        outside memory (in a register or a
                                        constant), so dropping them visits
                                        only those */
    uint64_t touched;                /* globals 1..63 whose state may differ
                                        from the template (x86_ra_end) */
    uint32_t gbits;                  /* min(nglobals, 64): the temps these
                                        masks have bits for */
} X86Ctx;

/* An operand that is either an immediate folded into the instruction or a
 * register. */
typedef struct X86Opnd {
    bool is_imm;
    int32_t imm;
    int reg;
} X86Opnd;

/* ---- regalloc.c ----------------------------------------------------------- */

void x86_ra_begin(X86Ctx *c);
/* After the TB (emitted or not): puts the globals' states back to the
 * template for the next x86_ra_begin. */
void x86_ra_end(X86Ctx *c);
/* Puts t in a register from allowed (loading, moving or materializing it)
 * and locks that register for the current op.  Constants get a scratch
 * register that stays theirs only for this op.  Inline for the common
 * case, t already in an allowed register. */
int x86_ra_in_slow(X86Ctx *c, IrTemp t, X86RegSet allowed);
static inline int x86_ra_in(X86Ctx *c, IrTemp t, X86RegSet allowed)
{
    const X86TempState *s = &c->ts[t];
    if (s->loc == X86_LOC_REG && (allowed & X86_RS(s->reg))) {
        c->locked |= X86_RS(s->reg);
        return s->reg;
    }
    return x86_ra_in_slow(c, t, allowed);
}
/* A free register from allowed, locked for this op (evicting an occupant). */
int x86_ra_scratch(X86Ctx *c, X86RegSet allowed);
/* Binds output d to register r (r becomes d's, d's value is dirty). */
void x86_ra_bind(X86Ctx *c, IrTemp d, int r);
/* A new locked register for output d, bound to it. */
int x86_ra_out(X86Ctx *c, IrTemp d, X86RegSet allowed);/* Whether another input of the current op than input i is the same temp
 * or in register r.  Inline for two inputs, the shape of nearly every
 * binary op. */
bool x86_ra_shared_input_n(const X86Ctx *c, unsigned i, int r);
static inline bool x86_ra_shared_input(const X86Ctx *c, unsigned i, int r)
{
    const IrOp *op = c->op;
    if (op->nin != 2)
        return x86_ra_shared_input_n(c, i, r);
    IrTemp t = ir_in(op, i), u = ir_in(op, i ^ 1);
    return u == t || (c->ts[u].loc == X86_LOC_REG && c->ts[u].reg == r);
}
/* Whether output d may take over in_reg, the register of input i: input i
 * is d itself or dies here (a constant: in_reg is an unowned scratch
 * copy), and no other input shares in_reg.  Inline: every two-operand
 * lowering asks. */
static inline bool x86_ra_can_reuse(const X86Ctx *c, IrTemp d, unsigned i, int in_reg,
                                    X86RegSet allowed)
{
    IrTemp t = ir_in(c->op, i);
    if (!(allowed & X86_RS(in_reg)) || in_reg == X86_REG_ENV)
        return false;
    if (t != d) {
        switch ((IrTempKind)c->ts[t].kind) {
        case IR_TEMP_CONST:
            if (c->reg_temp[in_reg] != IR_NO_TEMP)
                return false;
            break;
        case IR_TEMP_LOCAL:
        case IR_TEMP_BLOCK:
            if (!((c->op->dead_in >> i) & 1) || c->reg_temp[in_reg] != t)
                return false;
            break;
        case IR_TEMP_FIXED:
        case IR_TEMP_GLOBAL:
            return false;
        }
    }
    return c->op->nin < 2 || !x86_ra_shared_input(c, i, in_reg);
}
/* Output d takes over in_reg, the register of input i, which
 * x86_ra_can_reuse allowed (no code). */
int x86_ra_take(X86Ctx *c, IrTemp d, unsigned i, int in_reg);/* A register for output d: in_reg when x86_ra_can_reuse, else a new one
 * (no code either way). */
static inline int x86_ra_out_for(X86Ctx *c, IrTemp d, unsigned i, int in_reg, X86RegSet allowed)
{
    if (x86_ra_can_reuse(c, d, i, in_reg, allowed))
        return x86_ra_take(c, d, i, in_reg);
    return x86_ra_out(c, d, allowed);
}
/* A register for output d holding a copy of input number i (already in
 * in_reg): reuses in_reg when input i dies here, else copies. */
static inline int x86_ra_out_copy(X86Ctx *c, IrTemp d, unsigned i, int in_reg,
                                  X86RegSet allowed, bool w)
{
    int r = x86_ra_out_for(c, d, i, in_reg, allowed);
    x86_emit_mov_rr(&c->buf, r, in_reg, w);
    return r;
}
/* d now has the constant value v (no code). */
void x86_ra_set_const(X86Ctx *c, IrTemp d, uint64_t v);
/* Makes register r free (moving or spilling its occupant) and locks it. */
void x86_ra_claim(X86Ctx *c, int r);
/* Drops every binding without code (after a TB exit: whatever follows is
 * reached through a label, where everything is in memory). */
void x86_ra_reset(X86Ctx *c);
/* Whether input i of the current op dies here.  (This and the next two
 * are inline: lowering asks them for nearly every operand.) */
static inline bool x86_ra_in_dies(const X86Ctx *c, unsigned i)
{
    return (c->op->dead_in >> i) & 1;
}

/* Whether t is (now) a constant; *v gets its value. */
static inline bool x86_ra_const(const X86Ctx *c, IrTemp t, uint64_t *v)
{
    if (c->ts[t].loc != X86_LOC_CONST)
        return false;
    *v = c->ts[t].val;
    return true;
}

/* Whether the value t has after the current op (which writes it) is
 * better kept in a register than stored to its home at once: a later op
 * reads it, or overwrites it before any sync point.  A walk over the
 * next ops, asked only for copies into unpinned globals; both answers
 * are correct, only the code's cost differs.  (A per-TB table of the
 * last reads of every temp cost more than these walks.) */
bool x86_ra_read_later(const X86Ctx *c, IrTemp t);
/* Whether input i of op is its last read (IrOp.dead_in): for a block
 * temp read by the op after the one being lowered, that nothing reads
 * it after. */
static inline bool x86_ra_in_last_read(const IrOp *op, unsigned i)
{
    return (op->dead_in >> i) & 1;
}
/* Stores register r to d's memory home and leaves d there, coherent: for
 * a global that no later op reads, cheaper than a register copy. */
void x86_ra_store_home(X86Ctx *c, IrTemp d, int r);
/* The same for the constant v, when d is an unpinned global (else false,
 * nothing done): the pc before every unchained exit. */
bool x86_ra_store_const_home(X86Ctx *c, IrTemp d, uint64_t v);
/* Frees t's register (and a block temp's slot): its value is dead. */
void x86_ra_kill(X86Ctx *c, IrTemp t);
/* Puts a pinned output whose value the op left elsewhere back in its pin. */
void x86_ra_pin_home(X86Ctx *c, IrTemp d);
/* End of op: releases dead inputs and unused outputs, unlocks registers.
 * Every op has at most one output (ops.def; CALL's is optional).  Inline:
 * emit_ops runs it after every op, and most of the time it only tests. */
static inline void x86_ra_end_op(X86Ctx *c, const IrOp *op)
{
    const X86TempState *ts = c->ts;
    const uint64_t *in = op->args + op->nout;
    IrTemp d = IR_NO_TEMP;
    if (op->nout) {
        d = (IrTemp)op->args[0];
        const X86TempState *s = &ts[d];
        if (s->pin != X86_NO_REG && !(s->loc == X86_LOC_REG && s->reg == s->pin))
            x86_ra_pin_home(c, d);
    }
    _Static_assert(IR_TEMP_BLOCK == IR_TEMP_LOCAL + 1, "locals and block temps adjacent");
    for (unsigned dead = op->dead_in; dead; dead &= dead - 1) {
        IrTemp t = (IrTemp)in[__builtin_ctz(dead)];
        const X86TempState *s = &ts[t];
        if ((unsigned)(s->kind - IR_TEMP_LOCAL) <= 1 && s->loc != X86_LOC_DEAD && t != d)
            x86_ra_kill(c, t);
    }
    /* A block temp output that nothing reads (an op kept for its side
     * effect) keeps its register to the block end, which frees it. */
    c->locked = 0;
}
/* Writes back dirty globals (they stay cached). */
void x86_ra_sync_globals(X86Ctx *c);
/* Basic-block end: writes back globals and TB-locals; forget_all also drops
 * every register binding (a label: other paths may arrive); otherwise
 * coherent values stay cached (the fall-through path of a brcond). */
void x86_ra_bb_end(X86Ctx *c, bool forget_all);
/* At a label: TB-locals are in their slots (every branch synced them),
 * including those the op order saw die on a path that left the TB. */
void x86_ra_label_entry(X86Ctx *c);
/* Around a helper call: spills every caller-saved register. */
void x86_ra_spill_caller_saved(X86Ctx *c);
/* After a helper that writes globals: drops every cached global. */
void x86_ra_forget_globals(X86Ctx *c);
/* Fixes be's pins from f's hot globals (once; later calls only check). */
void x86_ra_pin_setup(X86Backend *be, const IrFunc *f);
/* Memory operand of t's home: env field or frame slot (allocating it). */
void x86_ra_home(X86Ctx *c, IrTemp t, int *base, int32_t *disp);

/* ---- lower.c and lower-*.c ------------------------------------------------ */

typedef void X86LowerFn(X86Ctx *c, const IrOp *op);
/* One row per IR op (lower.c): the function that emits host code for
 * the current op c->op, and its sub-operation (X86Alu, X86Shift,
 * X86Grp3, when it applies). */
typedef struct X86OpDesc {
    X86LowerFn *lower;
    int8_t sub;
} X86OpDesc;
extern const X86OpDesc x86_op_desc[IR_NUM_OPS];
/* Whether op has a native lowering (else a generic expansion); for tests. */
bool x86_op_is_native(IrOpcode opc);

X86LowerFn x86_lower_mov, x86_lower_alu, x86_lower_mul, x86_lower_mulh,
    x86_lower_div, x86_lower_shift, x86_lower_unary, x86_lower_ext,
    x86_lower_ext_i32, x86_lower_extract, x86_lower_deposit,
    x86_lower_count, x86_lower_ctpop, x86_lower_bswap, x86_lower_setcond,
    x86_lower_movcond, x86_lower_label, x86_lower_br, x86_lower_brcond,
    x86_lower_ld_env, x86_lower_st_env, x86_lower_ld, x86_lower_st,
    x86_lower_cmpxchg, x86_lower_mb, x86_lower_call,
    x86_lower_goto_tb, x86_lower_goto_tb_if, x86_lower_exit_tb, x86_lower_lookup, x86_lower_nop,
    x86_lower_generic, x86_lower_vec, x86_lower_andc;
/* Whether the VEC operation desc has an SSE sequence on this host (else
 * lower-vec.c calls the reference, ir_vec_run). */
bool x86_vec_is_native(const X86Backend *be, IrVecDesc desc);

/* Shared by the lowering files. */
/* Whether t is a constant that fits an instruction's imm32 (sign-extended
 * for 64-bit operations); *imm gets it. */
static inline bool x86_imm_ok(const X86Ctx *c, IrTemp t, bool w, int32_t *imm)
{
    uint64_t v;
    if (!x86_ra_const(c, t, &v))
        return false;
    if (w && !x86_fits_i32((int64_t)v))
        return false;
    *imm = (int32_t)(uint32_t)v;
    return true;
}
/* Input t as an immediate when it fits, else in a register. */
X86Opnd x86_opnd(X86Ctx *c, IrTemp t, bool w);
/* cmp/test ra, b for cond; returns the x86 condition to test. */
X86Cond x86_gen_compare(X86Ctx *c, IrCond cond, int ra, X86Opnd b, bool w);
/* The descriptor's sub-operation (X86Alu, X86Shift, X86Grp3) for op. */
static inline int x86_op_sub(const IrOp *op)
{
    return x86_op_desc[op->opc].sub;
}
X86Cond x86_cond(IrCond cond);
/* Loads/stores of a memop width at [base + index + disp]. */
void x86_emit_load_mo(X86Buf *b, IrMemOp mo, bool w, int dst, int base, int index, int32_t disp);
void x86_emit_store_mo(X86Buf *b, IrMemOp mo, int src, int base, int index, int32_t disp);
/* Sign/zero extension of the low memop bytes of reg in place. */
void x86_emit_ext_mo(X86Buf *b, IrMemOp mo, bool w, int reg);
/* Whether op's output is a block temp that only the next op reads, as its
 * guest address, and guest addresses are 32 bits wide.  Inline for the
 * usual answer, a next op that accesses no guest memory. */
bool x86_feeds_addr32_slow(const X86Ctx *c, const IrOp *op);
static inline bool x86_feeds_addr32(const X86Ctx *c, const IrOp *op)
{
    if (op + 1 >= c->ops_end)
        return false;
    unsigned opc = op[1].opc;
    if (opc != IR_LD && opc != IR_ST && opc != IR_CMPXCHG)
        return false;
    return x86_feeds_addr32_slow(c, op);
}
/* Whether op (an LD_ENV) only feeds the BRCOND right after it, which can
 * then compare the env field in memory. */
bool x86_ld_env_fuses(const X86Ctx *c, const IrOp *op);
/* After the TB's code: the exit stubs of its GOTO_TB_IFs (lower-ctl.c);
 * false when the region is too small. */
bool x86_emit_cond_exits(X86Ctx *c);
/* Records a rel32 field to point at label. */
void x86_add_reloc(X86Ctx *c, uint32_t field_off, uint32_t label);

#endif
