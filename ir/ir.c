/* ir/ir.c — the op info table, temps, labels and the builders.
 *
 * Storage is a pair of growable arrays (ops, temps) plus one scratch buffer
 * for the analyses and passes (ir_scratch), all reused across TBs, so a
 * warmed-up translator allocates nothing per TB.  After DCE the ops may
 * start past their allocation (IrFunc.ops_mem): the compaction moves the
 * start instead of the ops; a reset, or an append past the capacity, moves
 * them back.  Guest insn boundaries are a side table (insn_pc, insn_op)
 * grown the same way.  Builders write an op's 8-byte head with one store from a
 * table expanded from ops.def.  Constants are interned per
 * TB in a small open-addressing hash so that "x + 1" twice shares a temp,
 * which makes copy propagation and backend constant handling simpler; its
 * slots are epoch-tagged, so starting a TB does not clear it.
 */
#include "ir/ir-internal.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const IrOpInfo ir_op_info[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) \
    [IR_##name] = { #name, nout, nin, ncarg, flags, sig },
#include "ir/ops.def"
#undef IR_OP
};

static_assert(1 + IR_MAX_HELPER_ARGS + 1 <= IR_MAX_ARGS, "a CALL's operands fit");

/* ir_cond_invert() relies on pairs differing in bit 0. */
static_assert((IR_COND_EQ ^ 1) == IR_COND_NE, "cond pairs");
static_assert((IR_COND_LT ^ 1) == IR_COND_GE, "cond pairs");
static_assert((IR_COND_LE ^ 1) == IR_COND_GT, "cond pairs");
static_assert((IR_COND_LTU ^ 1) == IR_COND_GEU, "cond pairs");
static_assert((IR_COND_LEU ^ 1) == IR_COND_GTU, "cond pairs");
static_assert((IR_COND_TSTEQ ^ 1) == IR_COND_TSTNE, "cond pairs");
static_assert((IR_COND_ALWAYS ^ 1) == IR_COND_NEVER, "cond pairs");

static const char *const cond_names[IR_NUM_CONDS] = {
    "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
    "tsteq", "tstne", "always", "never",
};

const char *ir_cond_name(IrCond c)
{
    return (unsigned)c < IR_NUM_CONDS ? cond_names[c] : "?";
}

IrCond ir_cond_swap(IrCond c)
{
    switch (c) {
    case IR_COND_LT: return IR_COND_GT;
    case IR_COND_GT: return IR_COND_LT;
    case IR_COND_LE: return IR_COND_GE;
    case IR_COND_GE: return IR_COND_LE;
    case IR_COND_LTU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LTU;
    case IR_COND_LEU: return IR_COND_GEU;
    case IR_COND_GEU: return IR_COND_LEU;
    case IR_COND_EQ: case IR_COND_NE: case IR_COND_TSTEQ: case IR_COND_TSTNE:
    case IR_COND_ALWAYS: case IR_COND_NEVER: case IR_NUM_CONDS:
        return c;
    }
    return c;
}

/* ---- Storage ------------------------------------------------------------- */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "tern: out of memory\n");
        abort();
    }
    return p;
}

/* Empties the const table, including slots of earlier epochs (at creation,
 * growth, and when the epoch counter wraps). */
static void const_hash_clear(IrFunc *f)
{
    memset(f->const_hash, 0, (f->const_hash_mask + 1) * sizeof(*f->const_hash));
    f->const_epoch = 1;
}

/* IrFunc.globals_gen: distinct across all IrFuncs of the process. */
static uint32_t ir_next_globals_gen(void)
{
    static uint32_t gen;
    return __atomic_add_fetch(&gen, 1, __ATOMIC_RELAXED);
}

IrFunc *ir_func_new(void)
{
    IrFunc *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->const_hash_mask = 255;
    f->const_hash = xrealloc(NULL, (f->const_hash_mask + 1) * sizeof(*f->const_hash));
    const_hash_clear(f);
    IrTempInfo *env = ir_temp_alloc(f);
    *env = (IrTempInfo){ .kind = IR_TEMP_FIXED, .type = IR_I64, .name = "env" };
    f->nglobals = 1;
    f->entry_check = -1;
    f->globals_gen = ir_next_globals_gen();
    return f;
}

void ir_func_free(IrFunc *f)
{
    if (!f)
        return;
    free(f->ops_mem);
    free(f->insn_pc);
    free(f->insn_op);
    free(f->temps);
    free(f->const_hash);
    free(f->scratch);
    free(f->fold_facts);
    free(f->live_marks);
    free(f);
}

void ir_func_reset(IrFunc *f)
{
    f->ops_cap += (uint32_t)(f->ops - f->ops_mem);
    f->ops = f->ops_mem;
    f->nops = 0;
    f->ntemps = f->nglobals;
    f->nlabels = 0;
    f->ninsns = 0;
    f->entry_check = -1;
    f->nlocals = 0;
    if (++f->const_epoch == 0)
        const_hash_clear(f);
}

void *ir_scratch(IrFunc *f, size_t bytes)
{
    if (bytes > f->scratch_size) {
        size_t n = f->scratch_size ? f->scratch_size : 4096;
        while (n < bytes)
            n *= 2;
        free(f->scratch);
        f->scratch = xrealloc(NULL, n);
        f->scratch_size = n;
    }
    memset(f->scratch, 0, bytes);
    return f->scratch;
}

void *ir_keep_scratch(void **buf, size_t *size, size_t bytes)
{
    if (bytes > *size) {
        size_t n = *size ? *size : 4096;
        while (n < bytes)
            n *= 2;
        *buf = xrealloc(*buf, n);
        memset((uint8_t *)*buf + *size, 0, n - *size);
        *size = n;
    }
    return *buf;
}

__attribute__((noinline, cold)) static void temps_grow(IrFunc *f)
{
    f->temps_cap = f->temps_cap ? f->temps_cap * 2 : 256;
    f->temps = xrealloc(f->temps, f->temps_cap * sizeof(*f->temps));
}

IrTempInfo *ir_temp_alloc(IrFunc *f)
{
    if (f->ntemps == f->temps_cap)
        temps_grow(f);
    IrTempInfo *t = &f->temps[f->ntemps++];
    memset(t, 0, sizeof(*t));
    return t;
}

IrTemp ir_global_new(IrFunc *f, IrType type, int32_t env_offset, const char *name)
{
    assert(f->ntemps == f->nglobals && "globals are registered before any TB");
    IrTempInfo *t = ir_temp_alloc(f);
    *t = (IrTempInfo){ .kind = IR_TEMP_GLOBAL, .type = type,
                       .env_offset = env_offset, .name = name };
    f->nglobals++;
    f->globals_gen = ir_next_globals_gen();
    return f->ntemps - 1;
}

/* The frontend makes a temp or two per guest instruction: inline, one
 * store of the whole record. */
static inline IrTemp temp_new(IrFunc *f, IrTempKind kind, IrType type)
{
    if (__builtin_expect(f->ntemps == f->temps_cap, 0))
        temps_grow(f);
    f->temps[f->ntemps] = (IrTempInfo){ .kind = (uint8_t)kind, .type = (uint8_t)type };
    return f->ntemps++;
}

IrTemp ir_new_temp(IrFunc *f, IrType type) { return temp_new(f, IR_TEMP_BLOCK, type); }
IrTemp ir_new_local(IrFunc *f, IrType type)
{
    f->nlocals++;
    return temp_new(f, IR_TEMP_LOCAL, type);
}

static uint32_t const_slot(const IrFunc *f, IrType type, uint64_t val)
{
    uint64_t h = (val ^ ((uint64_t)type << 63)) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 40) & f->const_hash_mask;
}

/* Rare (the table keeps its size across TBs): out of ir_const()'s way. */
__attribute__((noinline, cold)) static void const_hash_grow(IrFunc *f)
{
    uint32_t n = (f->const_hash_mask + 1) * 2;
    f->const_hash = xrealloc(f->const_hash, n * sizeof(*f->const_hash));
    f->const_hash_mask = n - 1;
    const_hash_clear(f);
    for (uint32_t i = f->nglobals; i < f->ntemps; i++) {
        const IrTempInfo *t = &f->temps[i];
        if (t->kind != IR_TEMP_CONST)
            continue;
        uint32_t s = const_slot(f, (IrType)t->type, t->val);
        while (f->const_hash[s].epoch == f->const_epoch)
            s = (s + 1) & f->const_hash_mask;
        f->const_hash[s] = (struct IrConstSlot){ i, f->const_epoch };
    }
}

IrTemp ir_const(IrFunc *f, IrType type, uint64_t val)
{
    if (type == IR_I32)
        val = (uint32_t)val;
    uint32_t s = const_slot(f, type, val);
    for (;;) {
        const struct IrConstSlot *slot = &f->const_hash[s];
        if (slot->epoch != f->const_epoch)
            break;
        const IrTempInfo *t = &f->temps[slot->temp];
        if (t->val == val && t->type == type)
            return slot->temp;
        s = (s + 1) & f->const_hash_mask;
    }
    IrTemp t = temp_new(f, IR_TEMP_CONST, type);
    f->temps[t].val = val;
    f->const_hash[s] = (struct IrConstSlot){ t, f->const_epoch };
    if (f->ntemps > (f->const_hash_mask + 1) / 2)
        const_hash_grow(f);
    return t;
}

IrLabel ir_new_label(IrFunc *f) { return f->nlabels++; }

/* Ops appended after ir_optimize() (tests do) first move back to the
 * start of the allocation. */
__attribute__((noinline, cold)) static void ops_grow(IrFunc *f)
{
    uint32_t front = (uint32_t)(f->ops - f->ops_mem);
    if (front) {
        memmove(f->ops_mem, f->ops, f->nops * sizeof(*f->ops));
        f->ops = f->ops_mem;
        f->ops_cap += front;
        return;
    }
    f->ops_cap = f->ops_cap ? f->ops_cap * 2 : 512;
    f->ops_mem = f->ops = xrealloc(f->ops_mem, f->ops_cap * sizeof(*f->ops));
}

void ir_ops_drop_front(IrFunc *f, uint32_t n)
{
    if (n == 0)
        return;
    for (uint32_t i = 0; i < f->ninsns; i++)
        f->insn_op[i] -= n;
    f->ops += n;
    f->nops -= n;
    f->ops_cap -= n;
}

/* Appends an op with the table's counts and args left as they were: the
 * builders below fill every arg the op has, and nothing reads the others. */
/* The first 8 bytes of an op as emit_op() writes them (the type aside):
 * opcode, the table's counts, dead_in 0, so that one store fills them. */
typedef union IrOpHead {
    struct {
        uint16_t opc;
        uint8_t type, nout, nin, ncarg;
        uint16_t dead_in;
    } h;
    uint64_t word;
} IrOpHead;

static_assert(offsetof(IrOp, type) == 2 && offsetof(IrOp, nout) == 3
              && offsetof(IrOp, nin) == 4 && offsetof(IrOp, ncarg) == 5
              && offsetof(IrOp, dead_in) == 6 && offsetof(IrOp, args) == 8,
              "IrOpHead is the head of IrOp");

static const IrOpHead op_heads[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) \
    [IR_##name] = { .h = { IR_##name, 0, nout, nin, ncarg, 0 } },
#include "ir/ops.def"
#undef IR_OP
};

static inline IrOp *emit_op(IrFunc *f, IrOpcode opc, IrType type)
{
    if (__builtin_expect(f->nops == f->ops_cap, 0))
        ops_grow(f);
    IrOp *op = &f->ops[f->nops++];
    memcpy(op, &op_heads[opc].word, sizeof(op_heads[opc].word));
    op->type = (uint8_t)type;
    return op;
}

IrOp *ir_emit(IrFunc *f, IrOpcode opc, IrType type)
{
    IrOp *op = emit_op(f, opc, type);
    /* Fixed-size stores: gcc turns a memset of the op, or a loop over the
     * table's count, into a rep stos, whose start-up cost made this a
     * measurable part of building the IR. */
    static const uint64_t zero_args[IR_MAX_ARGS];
    memcpy(op->args, zero_args, sizeof(op->args));
    return op;
}

/* ---- Builders ------------------------------------------------------------ */

void ir_gen_mov(IrFunc *f, IrTemp d, IrTemp a)
{
    IrOp *op = emit_op(f, IR_MOV, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
}

void ir_gen_unop(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a)
{
    IrOp *op = emit_op(f, opc, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
}

void ir_gen_binop(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a, IrTemp b)
{
    IrOp *op = emit_op(f, opc, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
    op->args[2] = b;
}

void ir_gen_binopi(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a, uint64_t imm)
{
    ir_gen_binop(f, opc, d, a, ir_const(f, ir_temp_type(f, d), imm));
}

static void gen_field(IrFunc *f, IrOpcode opc, IrTemp d, IrTemp a,
                      unsigned pos, unsigned len)
{
    IrOp *op = emit_op(f, opc, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
    op->args[2] = pos;
    op->args[3] = len;
}

void ir_gen_extract(IrFunc *f, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    gen_field(f, IR_EXTRACT, d, a, pos, len);
}

void ir_gen_sextract(IrFunc *f, IrTemp d, IrTemp a, unsigned pos, unsigned len)
{
    gen_field(f, IR_SEXTRACT, d, a, pos, len);
}

void ir_gen_deposit(IrFunc *f, IrTemp d, IrTemp a, IrTemp b, unsigned pos, unsigned len)
{
    IrOp *op = emit_op(f, IR_DEPOSIT, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = pos;
    op->args[4] = len;
}

void ir_gen_setcond(IrFunc *f, IrCond c, IrTemp d, IrTemp a, IrTemp b)
{
    IrOp *op = emit_op(f, IR_SETCOND, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = c;
}

void ir_gen_movcond(IrFunc *f, IrCond c, IrTemp d, IrTemp c1, IrTemp c2,
                    IrTemp v1, IrTemp v2)
{
    IrOp *op = emit_op(f, IR_MOVCOND, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = c1;
    op->args[2] = c2;
    op->args[3] = v1;
    op->args[4] = v2;
    op->args[5] = c;
}

void ir_gen_set_label(IrFunc *f, IrLabel l)
{
    emit_op(f, IR_SET_LABEL, IR_I64)->args[0] = l;
}

void ir_gen_br(IrFunc *f, IrLabel l)
{
    emit_op(f, IR_BR, IR_I64)->args[0] = l;
}

void ir_gen_brcond(IrFunc *f, IrCond c, IrTemp a, IrTemp b, IrLabel l)
{
    IrOp *op = emit_op(f, IR_BRCOND, ir_temp_type(f, a));
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
    op->args[3] = l;
}

void ir_gen_ld_env(IrFunc *f, IrTemp d, int32_t offset, IrMemOp mo)
{
    IrOp *op = emit_op(f, IR_LD_ENV, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = (uint64_t)(int64_t)offset;
    op->args[2] = mo;
}

void ir_gen_st_env(IrFunc *f, IrTemp v, int32_t offset, IrMemOp mo)
{
    IrOp *op = emit_op(f, IR_ST_ENV, ir_temp_type(f, v));
    op->args[0] = v;
    op->args[1] = (uint64_t)(int64_t)offset;
    op->args[2] = mo;
}

void ir_gen_ld(IrFunc *f, IrTemp d, IrTemp addr, IrMemOp mo)
{
    IrOp *op = emit_op(f, IR_LD, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = addr;
    op->args[2] = mo;
}

void ir_gen_st(IrFunc *f, IrTemp v, IrTemp addr, IrMemOp mo)
{
    IrOp *op = emit_op(f, IR_ST, ir_temp_type(f, v));
    op->args[0] = v;
    op->args[1] = addr;
    op->args[2] = mo;
}

void ir_gen_cmpxchg(IrFunc *f, IrTemp old, IrTemp addr, IrTemp cmpv,
                    IrTemp newv, IrMemOp mo)
{
    IrOp *op = emit_op(f, IR_CMPXCHG, ir_temp_type(f, old));
    op->args[0] = old;
    op->args[1] = addr;
    op->args[2] = cmpv;
    op->args[3] = newv;
    op->args[4] = mo;
}

void ir_gen_mb(IrFunc *f, unsigned kind)
{
    emit_op(f, IR_MB, IR_I64)->args[0] = kind;
}

void ir_gen_call(IrFunc *f, const IrHelper *h, IrTemp ret, const IrTemp *args)
{
    assert(h->nargs <= IR_MAX_HELPER_ARGS);
    assert((ret == IR_NO_TEMP) == (h->ret == IR_VOID));
    IrOp *op = emit_op(f, IR_CALL, h->ret == IR_VOID ? IR_I64 : (IrType)h->ret);
    unsigned n = 0;
    op->nout = ret == IR_NO_TEMP ? 0 : 1;
    op->nin = h->nargs;
    if (op->nout)
        op->args[n++] = ret;
    for (unsigned i = 0; i < h->nargs; i++)
        op->args[n++] = args[i];
    op->args[n] = (uint64_t)(uintptr_t)h;
}

__attribute__((noinline, cold)) static void insns_grow(IrFunc *f)
{
    f->insns_cap = f->insns_cap ? f->insns_cap * 2 : 64;
    f->insn_pc = xrealloc(f->insn_pc, f->insns_cap * sizeof(*f->insn_pc));
    f->insn_op = xrealloc(f->insn_op, f->insns_cap * sizeof(*f->insn_op));
}

void ir_gen_insn_start(IrFunc *f, uint64_t pc)
{
    if (__builtin_expect(f->ninsns == f->insns_cap, 0))
        insns_grow(f);
    f->insn_pc[f->ninsns] = pc;
    f->insn_op[f->ninsns++] = f->nops;
}

void ir_gen_goto_tb(IrFunc *f, unsigned slot, uint64_t pc)
{
    IrOp *op = emit_op(f, IR_GOTO_TB, IR_I64);
    op->args[0] = slot;
    op->args[1] = pc;
}

void ir_gen_goto_tb_if(IrFunc *f, IrCond c, IrTemp a, IrTemp b, unsigned slot, uint64_t pc)
{
    IrOp *op = emit_op(f, IR_GOTO_TB_IF, ir_temp_type(f, a));
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
    op->args[3] = slot;
    op->args[4] = pc;
}

void ir_gen_exit_tb(IrFunc *f, IrExit code)
{
    emit_op(f, IR_EXIT_TB, IR_I64)->args[0] = code;
}

void ir_gen_lookup_and_goto(IrFunc *f)
{
    emit_op(f, IR_LOOKUP_AND_GOTO, IR_I64);
}
