/* ir/ir.h — tern's intermediate representation: the one public header of ir/.
 *
 * A frontend builds one IrFunc per translation block (TB) with the ir_gen_*
 * builders; the optimizer rewrites it in place; a backend walks ir->ops and
 * emits host code.  Ops are rows of ir/ops.def, which every list of ops in
 * tern expands.  Semantics of each op: docs/ir.md.
 *
 * Temps.  Every value is a temp, referenced by its index (IrTemp) into
 * IrFunc.temps.  Kinds:
 *   - IR_TEMP_FIXED   the env pointer (CPU state), temp 0; always in a host
 *                     register or an interpreter slot.  Type i64.
 *   - IR_TEMP_GLOBAL  a mirror of a CPU-state field (X0..X30, SP, PC, flags).
 *                     Registered once per IrFunc; survive ir_func_reset().
 *                     Must be in memory (synced) at TB end, before ops with
 *                     IR_F_MAY_FAULT or IR_F_COND_EXIT, and before calls whose helper reads or
 *                     writes globals or may raise.
 *   - IR_TEMP_LOCAL   TB-local: keeps its value across labels.
 *   - IR_TEMP_BLOCK   dies at the end of its basic block (any label, branch).
 *   - IR_TEMP_CONST   a constant; ir_const() interns them per TB.
 * Temps are typed (i32 or i64); an op's type is the type of its first
 * output, else of its first input; ops.def's sig says what each operand is.
 *
 * Usage (a 64-bit add of two globals into a third):
 *     ir_gen_binop(f, IR_ADD, x[0], x[1], x[2]);
 *     ir_gen_binop(f, IR_ADD, x[0], x[0], ir_const(f, IR_I64, 16));
 */
#ifndef TERN_IR_H
#define TERN_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- The op table ------------------------------------------------------ */

enum {
    IR_F_PURE          = 1u << 0,  /* no side effects; removable if unused */
    IR_F_COMMUTATIVE   = 1u << 1,
    IR_F_BB_END        = 1u << 2,  /* ends a basic block (label, branch) */
    IR_F_BRANCH        = 1u << 3,  /* jumps to a label carg */
    IR_F_TB_END        = 1u << 4,  /* leaves the TB; nothing falls through */
    IR_F_CALL          = 1u << 5,
    IR_F_VARARGS       = 1u << 6,  /* counts are per IrOp (CALL) */
    IR_F_SIDE_EFFECTS  = 1u << 7,  /* never removed */
    IR_F_READS_ENV     = 1u << 8,
    IR_F_WRITES_ENV    = 1u << 9,
    IR_F_READS_MEM     = 1u << 10, /* guest memory */
    IR_F_WRITES_MEM    = 1u << 11,
    IR_F_MAY_FAULT     = 1u << 12, /* guest exception: globals synced first */
    IR_F_COND_EXIT     = 1u << 13, /* may leave the TB through a GOTO_TB slot,
                                      else falls through: globals synced first */
};

typedef enum IrOpcode {
#define IR_OP(name, nout, nin, ncarg, flags, sig) IR_##name,
#include "ir/ops.def"
#undef IR_OP
    IR_NUM_OPS
} IrOpcode;

typedef struct IrOpInfo {
    const char *name;       /* lower case, as printed: "add", "brcond" */
    uint8_t nout, nin, ncarg;
    uint32_t flags;
    const char *sig;
} IrOpInfo;

extern const IrOpInfo ir_op_info[IR_NUM_OPS];

/* ---- Types, conditions, memops, exits ----------------------------------- */

typedef enum IrType { IR_I32 = 0, IR_I64 = 1, IR_VOID = 0xff } IrType;

/* Invert a condition with cond ^ 1 (pinned by static_assert in ir.c). */
typedef enum IrCond {
    IR_COND_EQ = 0, IR_COND_NE,
    IR_COND_LT, IR_COND_GE,        /* signed */
    IR_COND_LE, IR_COND_GT,
    IR_COND_LTU, IR_COND_GEU,      /* unsigned */
    IR_COND_LEU, IR_COND_GTU,
    IR_COND_TSTEQ, IR_COND_TSTNE,  /* (a & b) == 0, != 0 */
    IR_COND_ALWAYS, IR_COND_NEVER,
    IR_NUM_CONDS
} IrCond;

static inline IrCond ir_cond_invert(IrCond c) { return (IrCond)(c ^ 1); }
IrCond ir_cond_swap(IrCond c);     /* a c b  <=>  b swap(c) a */
/* Whether a cond b holds for values of type t (inline: the interpreter's
 * dispatch loop and the optimizer's folding both use it). */
static inline bool ir_cond_eval(IrCond c, IrType t, uint64_t a, uint64_t b)
{
    if (t == IR_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    int64_t sa = t == IR_I32 ? (int32_t)a : (int64_t)a;
    int64_t sb = t == IR_I32 ? (int32_t)b : (int64_t)b;
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return sa < sb;
    case IR_COND_GE: return sa >= sb;
    case IR_COND_LE: return sa <= sb;
    case IR_COND_GT: return sa > sb;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: case IR_NUM_CONDS: return false;
    }
    return false;
}
const char *ir_cond_name(IrCond c);

/* IrMemOp: bits 0-2 log2(size) (0..3; 4 = 128 bits later), bit 3 sign
 * extend, bits 4-6 log2(required alignment) (0 = none), bit 7 big-endian. */
typedef uint32_t IrMemOp;
enum {
    IR_MO_8 = 0, IR_MO_16 = 1, IR_MO_32 = 2, IR_MO_64 = 3, IR_MO_SIZE = 7,
    IR_MO_SIGN = 1u << 3,
    IR_MO_ALIGN_SHIFT = 4, IR_MO_ALIGN = 7u << 4,
    IR_MO_BE = 1u << 7,
};
static inline unsigned ir_mo_bytes(IrMemOp mo) { return 1u << (mo & IR_MO_SIZE); }

/* MB kinds: what must not be reordered. */
enum { IR_MB_LD = 1, IR_MB_ST = 2, IR_MB_ALL = 3 };

/* Exit codes, returned to the cpu loop with the TB: an unchained GOTO_TB
 * of slot n returns IR_EXIT_SLOT0 + n (the cpu loop chains it); EXIT_TB
 * returns requested (exit request seen at TB entry) or plain (exception
 * set, or no chaining wanted). */
/* GOTO_TB slots per TB, each used at most once (at most 4: exec tags
 * edges with the slot in 2 bits).  An A64 TB goes on past up to
 * IR_GOTO_TB_SLOTS - 1 conditional branches (frontend/aarch64/translate.c);
 * 3 and 4 cut python3 -c pass's TBs by 15% and 20% but translated 4-6%
 * more guest insns (the code past a branch is often reached from
 * elsewhere too), +0.2-0.5% instructions in all there, +0.7-0.8% on the
 * branchy benchmark, against -4 to -6% in generated code; with 4, the
 * coremark-like kernel ran 12% fewer instructions (callgrind).  2 while
 * the translation-bound set is the open goal, and 3/4 are unvalidated
 * by the guest and differential suites. */
#define IR_GOTO_TB_SLOTS 2

typedef enum IrExit {
    IR_EXIT_SLOT0 = 0, IR_EXIT_SLOT1 = 1,       /* ... up to IR_GOTO_TB_SLOTS - 1 */
    IR_EXIT_REQUESTED = IR_GOTO_TB_SLOTS, IR_EXIT_PLAIN = IR_GOTO_TB_SLOTS + 1
} IrExit;

/* The low bits of an exit value (tb_cookie | IrExit) that hold the code. */
#define IR_EXIT_MASK 7u

/* ---- Helpers ------------------------------------------------------------ */

enum {
    IR_HF_READS_GLOBALS  = 1u << 0, /* globals synced to memory before */
    IR_HF_WRITES_GLOBALS = 1u << 1, /* globals reloaded from memory after */
    IR_HF_SIDE_EFFECTS   = 1u << 2, /* else: pure, removable if unused */
    IR_HF_MAY_RAISE      = 1u << 3, /* may longjmp to the cpu loop: implies
                                       READS_GLOBALS; frontend syncs the PC */
};

#define IR_MAX_HELPER_ARGS 6

/* A C function generated code may call.  Arguments are i32/i64 (the env
 * pointer is the i64 temp IR_TEMP_ENV).  Immutable but for `cache`, which
 * a backend may fill once (the interpreter keeps its ffi_cif there). */
typedef struct IrHelper {
    const char *name;
    void *fn;
    uint32_t flags;                      /* IR_HF_* */
    uint8_t ret;                         /* IrType or IR_VOID */
    uint8_t nargs;
    uint8_t args[IR_MAX_HELPER_ARGS];    /* IrType */
    void *cache;
} IrHelper;

/* ---- Temps, labels, ops, functions -------------------------------------- */

typedef uint32_t IrTemp;
typedef uint32_t IrLabel;
#define IR_TEMP_ENV  ((IrTemp)0)
#define IR_NO_TEMP   ((IrTemp)UINT32_MAX)

typedef enum IrTempKind {
    IR_TEMP_FIXED, IR_TEMP_GLOBAL, IR_TEMP_LOCAL, IR_TEMP_BLOCK, IR_TEMP_CONST
} IrTempKind;

typedef struct IrTempInfo {
    uint8_t kind;          /* IrTempKind */
    uint8_t type;          /* IrType */
    uint8_t hot;           /* globals: 0, or a rank (1 = hottest) the
                              frontend gives the few that most TBs use; a
                              backend may keep those in host registers
                              across TBs (set once, after ir_global_new) */
    int32_t env_offset;    /* globals: offset of the field in CPU state */
    const char *name;      /* globals and fixed */
    uint64_t val;          /* constants: the value, zero-extended from i32 */
} IrTempInfo;

#define IR_MAX_ARGS 8      /* CALL: 1 out + 6 in + 1 carg fit (ir.c
                              pins it); no more: every pass copies ops */

typedef struct IrOp {
    uint16_t opc;          /* IrOpcode */
    uint8_t type;          /* IrType of the operation */
    uint8_t nout, nin, ncarg;
    /* Filled by ir_liveness(): bit i set when input i (0-based among the
     * inputs) is not read again after this op. */
    uint16_t dead_in;
    uint64_t args[IR_MAX_ARGS];   /* outputs, inputs (IrTemp), cargs */
} IrOp;

static inline IrTemp ir_out(const IrOp *op, unsigned i) { return (IrTemp)op->args[i]; }
static inline IrTemp ir_in(const IrOp *op, unsigned i) { return (IrTemp)op->args[op->nout + i]; }
static inline uint64_t ir_carg(const IrOp *op, unsigned i) { return op->args[op->nout + op->nin + i]; }

typedef struct IrFunc {
    IrOp *ops;             /* after ir_optimize() may start past ops_mem */
    uint32_t nops, ops_cap;   /* ops_cap counts from ops */
    IrOp *ops_mem;         /* the allocation ops lives in (ir/ only) */
    IrTempInfo *temps;
    uint32_t ntemps, temps_cap;
    uint32_t nglobals;     /* temps [0, nglobals) are fixed + globals */
    /* Names the set of globals (their IrTempInfo, hot ranks included):
     * unique in the process, new at ir_func_new and every ir_global_new,
     * so a backend may key per-globals state on it.  Hot ranks are set
     * before the first TB and not changed after. */
    uint32_t globals_gen;
    uint32_t nlabels;
    /* Guest instruction boundaries, kept beside the ops rather than as
     * marker ops (a quarter of all ops, which every pass would walk):
     * insn i has guest pc insn_pc[i] and its ops are [insn_op[i],
     * insn_op[i + 1]) (the last one's run to nops).  insn_op never
     * decreases; insns whose ops were all deleted begin at the same op as
     * the next one (or at nops).  The passes keep the indexes true as
     * they compact the ops; backends read them to map host code back to
     * guest pcs (backend.h's insn_end). */
    uint32_t ninsns;       /* ir_gen_insn_start() calls */
    uint32_t insns_cap;
    uint64_t *insn_pc;
    uint32_t *insn_op;
    /* The TB's entry check, part of every TB but not an op (4 ops of ~20
     * in a typical TB that every pass would walk): when >= 0, the code
     * first reads the 32-bit env word at this offset and, if it is
     * nonzero, leaves with EXIT_TB IR_EXIT_REQUESTED before any op runs
     * (no global has been touched then).  -1 after ir_func_reset. */
    int32_t entry_check;
    uint32_t nlocals;      /* TB-local temps made (ir_new_local) */
    /* Interning table of ir_const: a slot holds a temp when its epoch is
     * const_epoch, so ir_func_reset empties it with one increment. */
    uint32_t const_hash_mask;
    uint32_t const_epoch;
    struct IrConstSlot { uint32_t temp, epoch; } *const_hash;
    /* Scratch memory of the analyses and passes (per-temp side arrays),
     * grown on demand and kept across TBs; owned by ir/. */
    void *scratch;
    size_t scratch_size;
    /* The fold pass's per-temp facts, never cleared between TBs: entries
     * of earlier TBs are told apart by their version stamps, which only
     * grow (ir/opt-fold.c). */
    void *fold_facts;
    size_t fold_facts_size;
    uint32_t fold_clock;
    /* The liveness walk's per-temp marks, kept the same way: its block
     * threshold only grows and its global one only shrinks from walk to
     * walk (ir/liveness.c). */
    void *live_marks;
    size_t live_marks_size;
    uint32_t live_epoch, live_gepoch;
} IrFunc;

/* Lifecycle: one IrFunc per translating thread, reset per TB (no per-TB
 * allocation once warmed up).  Globals are registered once after ir_func_new. */
IrFunc *ir_func_new(void);
void ir_func_free(IrFunc *f);
void ir_func_reset(IrFunc *f);
IrTemp ir_global_new(IrFunc *f, IrType type, int32_t env_offset, const char *name);

/* ir_new_temp (a block temp) and ir_new_local (TB-local): inline below. */
IrTemp ir_const(IrFunc *f, IrType type, uint64_t val);
IrLabel ir_new_label(IrFunc *f);

static inline IrType ir_temp_type(const IrFunc *f, IrTemp t) { return (IrType)f->temps[t].type; }
static inline IrTempKind ir_temp_kind(const IrFunc *f, IrTemp t) { return (IrTempKind)f->temps[t].kind; }
static inline bool ir_is_const(const IrFunc *f, IrTemp t) { return f->temps[t].kind == IR_TEMP_CONST; }

/* Appends an op with the table's counts, args zeroed; the caller fills
 * args.  Returns a pointer valid until the next append. */
IrOp *ir_emit(IrFunc *f, IrOpcode opc, IrType type);

/* ---- Builders ------------------------------------------------------------ */

/* A frontend makes a few ops and temps per guest insn: the common builders
 * are inline, since a call each was a fifth of building the IR.  An op is
 * appended with the table's counts and only the args it has are written
 * (nothing reads the others).  The arrays grow out of line (ir.c). */
void ir_ops_grow(IrFunc *f);
void ir_temps_grow(IrFunc *f);
void ir_insns_grow(IrFunc *f);

/* The first 8 bytes of an op (opcode, type, the table's counts, dead_in
 * 0) as one word, so an append writes them with one store; for a
 * constant opc the compiler folds the table away. */
static inline uint64_t ir_op_head(IrOpcode opc, IrType type)
{
    static const uint8_t counts[IR_NUM_OPS][3] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) [IR_##name] = { nout, nin, ncarg },
#include "ir/ops.def"
#undef IR_OP
    };
    union {
        struct { uint16_t opc; uint8_t type, nout, nin, ncarg; uint16_t dead_in; } h;
        uint64_t word;
    } u = { .h = { (uint16_t)opc, (uint8_t)type, counts[opc][0], counts[opc][1],
                   counts[opc][2], 0 } };
    return u.word;
}

_Static_assert(__builtin_offsetof(IrOp, args) == sizeof(uint64_t),
               "ir_op_head covers an op's fields before its args");

static inline IrOp *ir_append(IrFunc *f, IrOpcode opc, IrType type)
{
    if (__builtin_expect(f->nops == f->ops_cap, 0))
        ir_ops_grow(f);
    IrOp *op = &f->ops[f->nops++];
    uint64_t head = ir_op_head(opc, type);
    __builtin_memcpy(op, &head, sizeof(head));
    return op;
}

static inline IrTemp ir_temp_new(IrFunc *f, IrTempKind kind, IrType type)
{
    if (__builtin_expect(f->ntemps == f->temps_cap, 0))
        ir_temps_grow(f);
    f->temps[f->ntemps] = (IrTempInfo){ .kind = (uint8_t)kind, .type = (uint8_t)type };
    return f->ntemps++;
}

static inline IrTemp ir_new_temp(IrFunc *f, IrType type)
{
    return ir_temp_new(f, IR_TEMP_BLOCK, type);
}

static inline IrTemp ir_new_local(IrFunc *f, IrType type)
{
    f->nlocals++;
    return ir_temp_new(f, IR_TEMP_LOCAL, type);
}

/* d = opc(a), d = opc(a, b) and the like, typed by d. */
static inline IrOp *ir_gen_da(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a)
{
    IrOp *op = ir_append(f, opc, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
    return op;
}

static inline void ir_gen_mov(IrFunc *f, IrTemp d, IrTemp a)
{
    ir_gen_da(f, IR_MOV, d, a);
}

static inline void ir_gen_unop(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a)
{
    ir_gen_da(f, opc, d, a);
}

static inline void ir_gen_binop(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a, IrTemp b)
{
    ir_gen_da(f, opc, d, a)->args[2] = b;
}

static inline void ir_gen_binopi(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a, uint64_t imm)
{
    ir_gen_binop(f, opc, d, a, ir_const(f, ir_temp_type(f, d), imm));
}

static inline void ir_gen_extract(IrFunc *f, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    IrOp *op = ir_gen_da(f, IR_EXTRACT, d, a);
    op->args[2] = pos;
    op->args[3] = len;
}

static inline void ir_gen_sextract(IrFunc *f, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    IrOp *op = ir_gen_da(f, IR_SEXTRACT, d, a);
    op->args[2] = pos;
    op->args[3] = len;
}

static inline void ir_gen_deposit(IrFunc *f, IrTemp d, IrTemp a, IrTemp b, unsigned pos,
                                  unsigned len)
{
    IrOp *op = ir_gen_da(f, IR_DEPOSIT, d, a);
    op->args[2] = b;
    op->args[3] = pos;
    op->args[4] = len;
}

static inline void ir_gen_setcond(IrFunc *f, IrCond c, IrTemp d, IrTemp a, IrTemp b)
{
    IrOp *op = ir_gen_da(f, IR_SETCOND, d, a);
    op->args[2] = b;
    op->args[3] = c;
}

void ir_gen_movcond(IrFunc *f, IrCond c, IrTemp d, IrTemp c1, IrTemp c2, IrTemp v1, IrTemp v2);

static inline void ir_gen_set_label(IrFunc *f, IrLabel l)
{
    ir_append(f, IR_SET_LABEL, IR_I64)->args[0] = l;
}

static inline void ir_gen_br(IrFunc *f, IrLabel l)
{
    ir_append(f, IR_BR, IR_I64)->args[0] = l;
}

static inline void ir_gen_brcond(IrFunc *f, IrCond c, IrTemp a, IrTemp b, IrLabel l)
{
    IrOp *op = ir_gen_da(f, IR_BRCOND, a, b);
    op->args[2] = c;
    op->args[3] = l;
}

/* The memory ops: v (or d) at args[0], then the address or env offset,
 * then the memop. */
static inline void ir_gen_mem(IrFunc *f, IrOpcode opc, IrTemp v, uint64_t where, IrMemOp mo)
{
    IrOp *op = ir_gen_da(f, opc, v, (IrTemp)0);
    op->args[1] = where;
    op->args[2] = mo;
}

static inline void ir_gen_ld_env(IrFunc *f, IrTemp d, int32_t offset, IrMemOp mo)
{
    ir_gen_mem(f, IR_LD_ENV, d, (uint64_t)(int64_t)offset, mo);
}

static inline void ir_gen_st_env(IrFunc *f, IrTemp v, int32_t offset, IrMemOp mo)
{
    ir_gen_mem(f, IR_ST_ENV, v, (uint64_t)(int64_t)offset, mo);
}

static inline void ir_gen_ld(IrFunc *f, IrTemp d, IrTemp addr, IrMemOp mo)
{
    ir_gen_mem(f, IR_LD, d, addr, mo);
}

static inline void ir_gen_st(IrFunc *f, IrTemp v, IrTemp addr, IrMemOp mo)
{
    ir_gen_mem(f, IR_ST, v, addr, mo);
}

void ir_gen_cmpxchg(IrFunc *f, IrTemp old, IrTemp addr, IrTemp cmpv, IrTemp newv, IrMemOp mo);
void ir_gen_mb(IrFunc *f, unsigned kind);
/* ret may be IR_NO_TEMP when the helper returns nothing. */
void ir_gen_call(IrFunc *f, const IrHelper *h, IrTemp ret, const IrTemp *args);

/* A guest insn at pc begins with the next op appended (IrFunc.insn_pc,
 * insn_op); emits no op. */
static inline void ir_gen_insn_start(IrFunc *f, uint64_t pc)
{
    if (__builtin_expect(f->ninsns == f->insns_cap, 0))
        ir_insns_grow(f);
    f->insn_pc[f->ninsns] = pc;
    f->insn_op[f->ninsns++] = f->nops;
}

/* The direct exit to guest pc through chaining slot `slot`; ends the TB. */
static inline void ir_gen_goto_tb(IrFunc *f, unsigned slot, uint64_t pc)
{
    IrOp *op = ir_append(f, IR_GOTO_TB, IR_I64);
    op->args[0] = slot;
    op->args[1] = pc;
}

/* When a c b: the direct exit to guest pc through slot `slot` (which no
 * other exit of the TB uses); else on with the next op, same block. */
static inline void ir_gen_goto_tb_if(IrFunc *f, IrCond c, IrTemp a, IrTemp b, unsigned slot,
                                     uint64_t pc)
{
    IrOp *op = ir_gen_da(f, IR_GOTO_TB_IF, a, b);     /* typed by a */
    op->args[2] = c;
    op->args[3] = slot;
    op->args[4] = pc;
}
void ir_gen_exit_tb(IrFunc *f, IrExit code);
void ir_gen_lookup_and_goto(IrFunc *f);

/* ---- Analysis, passes, printing ------------------------------------------ */

/* Fills IrOp.dead_in for every op (globals are live at TB end; TB-locals
 * across labels; block temps die at basic-block ends).  Backends call it
 * after the optimizer. */
void ir_liveness(IrFunc *f);

/* Returns true when f is well formed; otherwise prints the first problem to
 * err (if non-NULL) and returns false. */
bool ir_verify(const IrFunc *f, FILE *err);

/* Constant folding, copy propagation, dead-code elimination (including flag
 * computations stored to globals that are overwritten before being read).
 * Leaves IrOp.dead_in filled as ir_liveness() would: a backend need not
 * run ir_liveness() again after it. */
void ir_optimize(IrFunc *f);

/* Parseable text, one op per line: "add_i64 x0, x1, $0x10". */
void ir_print(const IrFunc *f, FILE *out);
void ir_print_op(const IrFunc *f, const IrOp *op, FILE *out);
/* Parses ir_print's output into f (whose globals are already registered);
 * returns false and prints to err on a syntax error.  For tests. */
bool ir_parse(IrFunc *f, const char *text, FILE *err);

/* ---- Additions (issue 2) ------------------------------------------------- */

/* Makes h known to ir_parse() by name (a small process-wide table for tests;
 * not thread-safe; a later helper with the same name replaces the earlier). */
void ir_register_helper(const IrHelper *h);

/* The reference semantics of the pure ops (docs/ir.md), as the optimizer
 * folds them: in[] are the op's inputs (i32 values zero-extended), carg[]
 * its constant args.  Returns false, leaving *out alone, for ops that are
 * not evaluable (not pure) and for unspecified results (shift or rotate
 * count >= width).  Backends and their tests may use it as the oracle. */
bool ir_eval(IrOpcode opc, IrType type, const uint64_t *in, const uint64_t *carg,
             uint64_t *out);

/* ---- Vector operations (issue 5) ---------------------------------------- */

/* The operations of the VEC op, one per row of ir/vecops.def. */
enum { IR_VS_B = 1, IR_VS_H = 2, IR_VS_S = 4, IR_VS_D = 8,
       IR_VS_BH = 3, IR_VS_HS = 6, IR_VS_BHS = 7, IR_VS_ALL = 15 };
typedef enum IrVecKind {
    IR_VK_LANE, IR_VK_SAT, IR_VK_PAIR, IR_VK_ACROSS, IR_VK_PERM,
    IR_VK_NARROW, IR_VK_WIDEN, IR_VK_TBL, IR_VK_AES, IR_VK_SHA,
} IrVecKind;

typedef enum IrVecOp {
#define IR_VECOP(name, nsrc, sizes, kind) IR_VEC_##name,
#include "ir/vecops.def"
#undef IR_VECOP
    IR_VEC_NUM
} IrVecOp;

typedef struct IrVecInfo {
    const char *name;      /* lower case: "add", "cmhi" */
    uint8_t nsrc, sizes, kind;
} IrVecInfo;

extern const IrVecInfo ir_vec_info[IR_VEC_NUM];

/* Carg 0 of VEC: bits 0-7 the IrVecOp, 8-9 log2 element bytes, 10 Q,
 * 16-23 the immediate. */
typedef uint32_t IrVecDesc;
static inline IrVecDesc ir_vec_desc(IrVecOp op, unsigned esz, bool q, unsigned imm)
{
    return (uint32_t)op | esz << 8 | (unsigned)q << 10 | imm << 16;
}
static inline IrVecOp ir_vec_desc_op(IrVecDesc d) { return (IrVecOp)(d & 0xff); }
static inline unsigned ir_vec_desc_esz(IrVecDesc d) { return (d >> 8) & 3; }
static inline bool ir_vec_desc_q(IrVecDesc d) { return (d >> 10) & 1; }
static inline unsigned ir_vec_desc_imm(IrVecDesc d) { return (d >> 16) & 0xff; }

/* Whether desc is a valid operation (element size allowed, immediate in
 * range, Q where the row needs it); the verifier's check. */
bool ir_vec_desc_ok(IrVecDesc desc);

/* Appends a VEC op; offsets of unused sources are ignored (pass 0). */
void ir_gen_vec(IrFunc *f, IrVecDesc desc, int32_t d, int32_t a, int32_t b, int32_t c);

/* The reference semantics: runs the operation on the CPU state at env.
 * The interpreter calls it, and the x86 backend where the host lacks the
 * SSE level it needs (its arguments fit the SysV integer registers). */
void ir_vec_run(void *env, uint64_t desc, int64_t d, int64_t a, int64_t b, int64_t c);

#endif
