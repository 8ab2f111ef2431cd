/* ir/ir.c — the op info table, temps, labels, the rarer builders and the
 * growth paths of the common ones (those are inline in ir.h).
 *
 * Storage is a pair of growable arrays (ops, temps) plus one scratch buffer
 * for the analyses and passes (ir_scratch), all reused across TBs, so a
 * warmed-up translator allocates nothing per TB.  After DCE the ops may
 * start past their allocation (IrFunc.ops_mem): the compaction moves the
 * start instead of the ops; a reset, or an append past the capacity, moves
 * them back.  Guest insn boundaries are a side table (insn_pc, insn_op)
 * grown the same way.  A buffer that grows past IR_POPULATE_MIN (a TB of
 * a few hundred guest insns: cc1's 4096 ops, 256 KiB of fold facts) lands
 * in fresh mmapped pages, a ~13 us fault each on the VMs measured where
 * the kernel commits them for ~0.65 us a page on request: such growth
 * allocates, commits, then copies (ir_grow_buf).  Builders write an op's
 * 8-byte head with one store (ir_op_head).  Constants are interned per TB
 * in a small open-addressing hash so that "x + 1" twice shares a temp,
 * which makes copy propagation and backend constant handling simpler; its
 * slots are epoch-tagged, so starting a TB does not clear it.
 */
#include "ir/ir-internal.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__linux__) && !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23
#endif

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

/* glibc's mmap threshold (pinned there by linux-user/prefault.c): smaller
 * blocks come from the heap, which is committed at start. */
#define IR_POPULATE_MIN ((size_t)128 << 10)

/* Commits the whole pages of [p, p + n).  A hint: failure (kernels
 * without MADV_POPULATE_WRITE, no memory now) leaves the pages to fault
 * in one by one. */
static void populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t lo = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
    uintptr_t hi = ((uintptr_t)p + n) & ~(uintptr_t)(page - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

/* p (NULL, or an allocation of at least keep bytes) moved to an
 * allocation of n bytes, its first keep bytes copied.  A big one is
 * committed before the copy writes into it, where realloc would fault
 * its pages in one at a time. */
static void *ir_grow_buf(void *p, size_t keep, size_t n)
{
    if (n < IR_POPULATE_MIN)
        return xrealloc(p, n);
    void *q = xrealloc(NULL, n);
    populate(q, n);
    if (keep)
        memcpy(q, p, keep);
    free(p);
    return q;
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
        f->scratch = ir_grow_buf(f->scratch, 0, n);
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
        *buf = ir_grow_buf(*buf, *size, n);
        memset((uint8_t *)*buf + *size, 0, n - *size);
        *size = n;
    }
    return *buf;
}

__attribute__((noinline, cold)) void ir_temps_grow(IrFunc *f)
{
    size_t keep = f->temps_cap * sizeof(*f->temps);
    f->temps_cap = f->temps_cap ? f->temps_cap * 2 : 256;
    f->temps = ir_grow_buf(f->temps, keep, f->temps_cap * sizeof(*f->temps));
}

IrTempInfo *ir_temp_alloc(IrFunc *f)
{
    if (f->ntemps == f->temps_cap)
        ir_temps_grow(f);
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

/* Fills a new constant temp t into hash slot s. */
static inline IrTemp const_put(IrFunc *f, IrTemp t, IrType type, uint64_t val, uint32_t s)
{
    f->ntemps = t + 1;
    f->temps[t] = (IrTempInfo){ .kind = IR_TEMP_CONST, .type = (uint8_t)type, .val = val };
    f->const_hash[s] = (struct IrConstSlot){ t, f->const_epoch };
    return t;
}

/* A new constant when the temps or the table must grow: out of the way,
 * so that ir_const() needs no stack frame. */
__attribute__((noinline, cold)) static IrTemp const_new_slow(IrFunc *f, IrType type,
                                                             uint64_t val, uint32_t s)
{
    if (f->ntemps == f->temps_cap)
        ir_temps_grow(f);
    IrTemp t = const_put(f, f->ntemps, type, val, s);
    if (f->ntemps > (f->const_hash_mask + 1) / 2)
        const_hash_grow(f);
    return t;
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
    IrTemp t = f->ntemps;
    if (__builtin_expect(t == f->temps_cap || t + 1 > (f->const_hash_mask + 1) / 2, 0))
        return const_new_slow(f, type, val, s);
    return const_put(f, t, type, val, s);
}

IrLabel ir_new_label(IrFunc *f) { return f->nlabels++; }

/* Ops appended after ir_optimize() (tests do) first move back to the
 * start of the allocation. */
__attribute__((noinline, cold)) void ir_ops_grow(IrFunc *f)
{
    uint32_t front = (uint32_t)(f->ops - f->ops_mem);
    if (front) {
        memmove(f->ops_mem, f->ops, f->nops * sizeof(*f->ops));
        f->ops = f->ops_mem;
        f->ops_cap += front;
        return;
    }
    size_t keep = f->nops * sizeof(*f->ops);
    f->ops_cap = f->ops_cap ? f->ops_cap * 2 : 512;
    f->ops_mem = f->ops = ir_grow_buf(f->ops_mem, keep, f->ops_cap * sizeof(*f->ops));
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

IrOp *ir_emit(IrFunc *f, IrOpcode opc, IrType type)
{
    IrOp *op = ir_append(f, opc, type);
    /* Fixed-size stores: gcc turns a memset of the op, or a loop over the
     * table's count, into a rep stos, whose start-up cost made this a
     * measurable part of building the IR. */
    static const uint64_t zero_args[IR_MAX_ARGS];
    memcpy(op->args, zero_args, sizeof(op->args));
    return op;
}

/* ---- Builders ------------------------------------------------------------ */

void ir_gen_movcond(IrFunc *f, IrCond c, IrTemp d, IrTemp c1, IrTemp c2,
                    IrTemp v1, IrTemp v2)
{
    IrOp *op = ir_append(f, IR_MOVCOND, ir_temp_type(f, d));
    op->args[0] = d;
    op->args[1] = c1;
    op->args[2] = c2;
    op->args[3] = v1;
    op->args[4] = v2;
    op->args[5] = c;
}

void ir_gen_cmpxchg(IrFunc *f, IrTemp old, IrTemp addr, IrTemp cmpv,
                    IrTemp newv, IrMemOp mo)
{
    IrOp *op = ir_append(f, IR_CMPXCHG, ir_temp_type(f, old));
    op->args[0] = old;
    op->args[1] = addr;
    op->args[2] = cmpv;
    op->args[3] = newv;
    op->args[4] = mo;
}

void ir_gen_mb(IrFunc *f, unsigned kind)
{
    ir_append(f, IR_MB, IR_I64)->args[0] = kind;
}

void ir_gen_call(IrFunc *f, const IrHelper *h, IrTemp ret, const IrTemp *args)
{
    assert(h->nargs <= IR_MAX_HELPER_ARGS);
    assert((ret == IR_NO_TEMP) == (h->ret == IR_VOID));
    IrOp *op = ir_append(f, IR_CALL, h->ret == IR_VOID ? IR_I64 : (IrType)h->ret);
    unsigned n = 0;
    op->nout = ret == IR_NO_TEMP ? 0 : 1;
    op->nin = h->nargs;
    if (op->nout)
        op->args[n++] = ret;
    for (unsigned i = 0; i < h->nargs; i++)
        op->args[n++] = args[i];
    op->args[n] = (uint64_t)(uintptr_t)h;
}

__attribute__((noinline, cold)) void ir_insns_grow(IrFunc *f)
{
    size_t keep = f->insns_cap;
    f->insns_cap = f->insns_cap ? f->insns_cap * 2 : 64;
    f->insn_pc = ir_grow_buf(f->insn_pc, keep * sizeof(*f->insn_pc),
                             f->insns_cap * sizeof(*f->insn_pc));
    f->insn_op = ir_grow_buf(f->insn_op, keep * sizeof(*f->insn_op),
                             f->insns_cap * sizeof(*f->insn_op));
}

void ir_gen_exit_tb(IrFunc *f, IrExit code)
{
    ir_append(f, IR_EXIT_TB, IR_I64)->args[0] = code;
}

void ir_gen_lookup_and_goto(IrFunc *f)
{
    ir_append(f, IR_LOOKUP_AND_GOTO, IR_I64);
}
