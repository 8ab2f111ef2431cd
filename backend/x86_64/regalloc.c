/* backend/x86_64/regalloc.c — local register allocation, one forward pass.
 *
 * In the style of TCG: every temp is dead, in a host register, in memory
 * (globals at env + offset, other temps in a frame slot) or a known
 * constant.  Lowering asks for inputs in registers (x86_ra_in), for outputs
 * (x86_ra_out*), and the op's dead_in bits (from ir_liveness) release
 * registers and slots at the end of the op.
 *
 * Invariants:
 *   - reg_temp[r] == t  <=>  ts[t].loc == X86_LOC_REG && ts[t].reg == r;
 *     used has bit r exactly when reg_temp[r] != IR_NO_TEMP, so loops over
 *     registers visit only the occupied ones.
 *   - An i32 value in a register has its upper 32 bits zero.
 *   - coherent: the memory home holds the current value (globals: the env
 *     field; others: the slot).  A register copy may be dropped only then.
 *   - Registers locked for the current op are never handed out or evicted.
 *   - Globals are never freed by dead_in: only written back (synced) where
 *     backend.h says and dropped at labels, calls that write them, and TB
 *     ends.  IR constants are never bound to a register.
 *   - "Read later?" (a copy into a global whose value nobody reads is
 *     stored straight to env: x86_ra_store_home, x86_ra_store_const_home)
 *     is a short walk over the next ops (x86_ra_read_later); either
 *     answer is correct, only the code's cost differs.  "Read by the
 *     next op only?" is that op's dead_in bit.
 *   - A pinned global (ts[g].pin != X86_NO_REG) is in its pin register at
 *     every op boundary: in a register whenever an op starts, so inputs
 *     never load it; an op may put its new value elsewhere (a fixed
 *     output register, a constant), and x86_ra_end_op moves it home.  Pin
 *     registers are never allocatable to anything else, never spilled and
 *     never dropped: labels and TB ends keep them (every path keeps them
 *     current), and only a helper that writes globals reloads them.
 *
 * Cost: a TB is a handful of guest instructions, so the per-TB work is
 * kept proportional to what the TB touches, not to the number of globals
 * or registers: the globals' states are those of a template (made once
 * per IrFunc.globals_gen) when a TB starts, because the TB before put
 * back the ones it touched (x86_ra_end); the masks used, maybe_dirty and
 * maybe_cached name what block ends, TB ends and calls must visit.
 */
#include "backend/x86_64/x86-internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int8_t x86_pin_regs[X86_NPIN] = { X86_RBX, X86_RBP, X86_R12, X86_R13 };

/* Free registers are taken in three tiers, the lowest number first in
 * each: callee-saved ones (values there survive helper calls), then the
 * caller-saved ones no instruction needs, then rax, rcx and rdx, which
 * division, shifts by a count and cmpxchg claim. */
#define X86_RS_TIER1 (X86_RS(X86_RBX) | X86_RS(X86_RBP) | X86_RS(X86_R12) | \
    X86_RS(X86_R13) | X86_RS(X86_R15))
#define X86_RS_TIER2 (X86_RS(X86_RSI) | X86_RS(X86_RDI) | X86_RS(X86_R8) | \
    X86_RS(X86_R9) | X86_RS(X86_R10) | X86_RS(X86_R11))

/* The order victims are looked for in (the tiers' order). */
static const int8_t alloc_order[] = {
    X86_RBX, X86_RBP, X86_R12, X86_R13, X86_R15, X86_RSI, X86_RDI, X86_R8,
    X86_R9, X86_R10, X86_R11, X86_RAX, X86_RCX, X86_RDX,
};

static bool is_w(const X86Ctx *c, IrTemp t) { return c->ts[t].w; }
static IrTempKind kind(const X86Ctx *c, IrTemp t) { return (IrTempKind)c->ts[t].kind; }
static bool pinned(const X86Ctx *c, IrTemp t) { return c->ts[t].pin != X86_NO_REG; }

static void reg_set(X86Ctx *c, int r, IrTemp t)
{
    c->reg_temp[r] = t;
    c->used |= X86_RS(r);
}

static void reg_clear(X86Ctx *c, int r)
{
    c->reg_temp[r] = IR_NO_TEMP;
    c->used &= ~X86_RS(r);
}

/* Iterates r over the registers of set m (m is evaluated once). */
#define FOR_EACH_REG(r, m) \
    for (X86RegSet m_##r = (m); m_##r && ((r) = __builtin_ctz(m_##r), 1); m_##r &= m_##r - 1)

/* The pin slot of global g of f, or -1: ranks 1..X86_NPIN of i64 globals
 * (an i32 value must be zero-extended in its register, which a 64-bit
 * load at entry would not give). */
static int pin_slot(const IrFunc *f, IrTemp g)
{
    const IrTempInfo *ti = &f->temps[g];
    if (ti->kind != IR_TEMP_GLOBAL || ti->type != IR_I64 || ti->hot == 0 || ti->hot > X86_NPIN)
        return -1;
    return ti->hot - 1;
}

void x86_ra_pin_setup(X86Backend *be, const IrFunc *f)
{
    if (be->pin_ready)
        return;
    for (IrTemp g = 1; g < f->nglobals; g++) {
        int i = pin_slot(f, g);
        if (i < 0 || (be->pin_used & X86_RS(x86_pin_regs[i])))
            continue;
        be->pin_off[i] = f->temps[g].env_offset;
        be->pin_used |= X86_RS(x86_pin_regs[i]);
    }
    be->pin_ready = true;
}

/* g's pin register for this TB: only where be's pins (fixed by the first
 * TB) agree with f. */
static int8_t pin_of(const X86Ctx *c, IrTemp g)
{
    int i = pin_slot(c->f, g);
    if (i < 0 || !(c->be->pin_used & X86_RS(x86_pin_regs[i])) ||
        c->be->pin_off[i] != c->f->temps[g].env_offset)
        return X86_NO_REG;
    return x86_pin_regs[i];
}

/* Called wherever a temp may become incoherent; see x86_ra_sync_globals.
 * Every change to a global's state passes through one of these three, so
 * touched names every global x86_ra_end must restore. */
static void note_incoherent(X86Ctx *c, IrTemp t)
{
    if (t < c->gbits) {
        c->maybe_dirty |= (uint64_t)1 << t;
        c->touched |= (uint64_t)1 << t;
    }
}

/* Both at once (a new value in a register or a constant). */
static void note_incoherent_cached(X86Ctx *c, IrTemp t)
{
    if (t < c->gbits) {
        c->maybe_dirty |= (uint64_t)1 << t;
        c->maybe_cached |= (uint64_t)1 << t;
        c->touched |= (uint64_t)1 << t;
    }
}

/* Called wherever a global may leave memory; see drop_globals. */
static void note_cached(X86Ctx *c, IrTemp t)
{
    if (t < c->gbits) {
        c->maybe_cached |= (uint64_t)1 << t;
        c->touched |= (uint64_t)1 << t;
    }
}

static X86TempState global_state(X86Ctx *c, IrTemp g)
{
    const IrTempInfo *ti = &c->f->temps[g];
    if (ti->kind == IR_TEMP_FIXED)
        return (X86TempState){ .loc = X86_LOC_REG, .reg = X86_REG_ENV, .coherent = true,
                               .slot = -1, .pin = X86_NO_REG, .kind = ti->kind, .w = true };
    int8_t pin = ti->kind == IR_TEMP_GLOBAL ? pin_of(c, g) : X86_NO_REG;
    if (pin != X86_NO_REG)
        return (X86TempState){ .loc = X86_LOC_REG, .reg = (uint8_t)pin, .coherent = true,
                               .slot = -1, .pin = pin, .kind = ti->kind, .w = true };
    return (X86TempState){ .loc = X86_LOC_MEM, .coherent = true, .slot = -1,
                           .pin = X86_NO_REG, .kind = ti->kind, .w = ti->type == IR_I64 };
}

/* The registers at TB start: env, and each pin with its global. */
static void regs_template(X86Backend *be)
{
    for (int r = 0; r < X86_NUM_REGS; r++)
        be->reg_temp_tpl[r] = IR_NO_TEMP;
    be->reg_temp_tpl[X86_REG_ENV] = IR_TEMP_ENV;
    be->used_tpl = X86_RS(X86_REG_ENV);
    for (int i = 0; i < X86_NPIN; i++) {
        if (be->gpin_temp[i] != IR_NO_TEMP) {
            be->reg_temp_tpl[x86_pin_regs[i]] = be->gpin_temp[i];
            be->used_tpl |= X86_RS(x86_pin_regs[i]);
        }
    }
    be->allocatable_tpl = X86_RS_ALL & ~X86_RS(X86_RSP) & ~X86_RS(X86_REG_ENV) & ~be->pin_used;
    if (be->base_mode == X86_BASE_REG)
        be->allocatable_tpl &= ~X86_RS(X86_REG_BASE);
}

/* The globals' start state, recomputed only when f's globals differ from
 * those the template was made for (every IrFunc of one frontend registers
 * the same ones, and be's pins never change once set).  The IrFunc's
 * globals_gen answers without comparing, except when another IrFunc (of
 * another translating thread) came in between. */
static void globals_template(X86Ctx *c)
{
    X86Backend *be = c->be;
    const IrFunc *f = c->f;
    uint32_t n = f->nglobals;
    if (be->gtemplate_n == n && be->gtemplate_gen == f->globals_gen)
        return;
    if (be->gtemplate_n == n && memcmp(be->gkey, f->temps, n * sizeof(*f->temps)) == 0) {
        be->gtemplate_gen = f->globals_gen;
        return;
    }
    free(be->gtemplate);
    free(be->gkey);
    be->gtemplate = malloc(n * sizeof(*be->gtemplate));
    be->gkey = malloc(n * sizeof(*be->gkey));
    if (!be->gtemplate || !be->gkey) {
        fprintf(stderr, "tern: x86 backend: out of memory\n");
        abort();
    }
    for (int i = 0; i < X86_NPIN; i++)
        be->gpin_temp[i] = IR_NO_TEMP;
    be->pc_temp = IR_NO_TEMP;
    for (IrTemp g = 0; g < n; g++) {
        be->gtemplate[g] = global_state(c, g);
        for (int i = 0; i < X86_NPIN; i++)
            if (be->gtemplate[g].pin == x86_pin_regs[i])
                be->gpin_temp[i] = g;
        if (f->temps[g].kind == IR_TEMP_GLOBAL && f->temps[g].env_offset == be->lookup.pc_off &&
            be->pc_temp == IR_NO_TEMP)
            be->pc_temp = g;
    }
    regs_template(be);
    memcpy(be->gkey, f->temps, n * sizeof(*f->temps));
    be->gtemplate_n = n;
    be->gtemplate_gen = f->globals_gen;
    be->ts_globals_ok = false;
}

/* Temps past the globals start as: locals and block temps dead,
 * constants known; by kind and type (i32, i64). */
#define X86_TS_PROTO(k, l, t) \
    { .slot = -1, .loc = (l), .kind = (k), .pin = X86_NO_REG, .w = (t) == IR_I64 }
static const X86TempState ts_proto[IR_TEMP_CONST + 1][2] = {
    [IR_TEMP_LOCAL] = { X86_TS_PROTO(IR_TEMP_LOCAL, X86_LOC_DEAD, IR_I32),
                        X86_TS_PROTO(IR_TEMP_LOCAL, X86_LOC_DEAD, IR_I64) },
    [IR_TEMP_BLOCK] = { X86_TS_PROTO(IR_TEMP_BLOCK, X86_LOC_DEAD, IR_I32),
                        X86_TS_PROTO(IR_TEMP_BLOCK, X86_LOC_DEAD, IR_I64) },
    [IR_TEMP_CONST] = { X86_TS_PROTO(IR_TEMP_CONST, X86_LOC_CONST, IR_I32),
                        X86_TS_PROTO(IR_TEMP_CONST, X86_LOC_CONST, IR_I64) },
};

/* Every temp past the globals starts from its kind's prototype: one
 * linear pass, as the optimizer leaves few of them unreferenced (a TB of
 * 4 guest insns has ~13, ~10 of which its ops name). */
static void init_temps(X86Ctx *c)
{
    const IrFunc *f = c->f;
    const IrTempInfo *ti = f->temps;
    X86TempState *ts = c->ts;
    for (IrTemp t = f->nglobals, n = f->ntemps; t < n; t++) {
        assert(ti[t].kind >= IR_TEMP_LOCAL && ti[t].type <= IR_I64);
        ts[t] = ts_proto[ti[t].kind][ti[t].type];
        ts[t].val = ti[t].val;
    }
}

/* Ops looked at by x86_ra_read_later (a TB is ~12 ops); past the bound
 * the answer is "yes", which keeps the value in its register. */
#define X86_READ_LATER_OPS 64

/* "Yes" when an op reads t, or overwrites it before any op that is not
 * pure (a sync point, which would store it): such a value is never
 * stored, a register copy is all it costs.  "No" when it is overwritten
 * after a sync point or nothing reads it: a store now is one the sync
 * would make anyway. */
bool x86_ra_read_later(const X86Ctx *c, IrTemp t)
{
    const IrOp *op = c->op + 1, *end = c->ops_end;
    bool cut = end - op > X86_READ_LATER_OPS, synced = false;
    if (cut)
        end = op + X86_READ_LATER_OPS;
    for (; op < end; op++) {
        const uint64_t *in = op->args + op->nout;
        unsigned n = op->nin;
        if (n > 2) {
            for (unsigned i = 0; i < n; i++)
                if ((IrTemp)in[i] == t)
                    return true;
        } else if ((n > 0 && (IrTemp)in[0] == t) | (n > 1 && (IrTemp)in[1] == t)) {
            return true;
        }
        synced |= !(ir_op_info[op->opc].flags & IR_F_PURE);
        if (op->nout && (IrTemp)op->args[0] == t)
            return !synced;
    }
    return cut;
}

/* The globals' states: already the template's but for globals past 63,
 * which touched cannot name. */
static void init_globals(X86Ctx *c)
{
    X86Backend *be = c->be;
    uint32_t n = c->f->nglobals;
    globals_template(c);
    if (!be->ts_globals_ok) {
        memcpy(c->ts, be->gtemplate, n * sizeof(*c->ts));
        be->ts_globals_ok = true;
    } else if (n > 64) {
        memcpy(c->ts + 64, be->gtemplate + 64, (n - 64) * sizeof(*c->ts));
    }
    c->touched = 0;
    c->gbits = n < 64 ? n : 64;
}

void x86_ra_begin(X86Ctx *c)
{
    const X86Backend *be = c->be;
    init_globals(c);
    init_temps(c);
    memcpy(c->reg_temp, be->reg_temp_tpl, sizeof(c->reg_temp));
    c->used = be->used_tpl;
    c->allocatable = be->allocatable_tpl;
    c->locked = 0;
    c->nfree_slots = 0;
    c->next_slot = 0;
    c->maybe_dirty = 0;
    c->maybe_cached = 0;
}

#ifndef NDEBUG
static bool ts_equal(const X86TempState *a, const X86TempState *b)
{
    return a->slot == b->slot && a->loc == b->loc && a->kind == b->kind && a->pin == b->pin &&
           a->coherent == b->coherent && a->w == b->w &&
           (a->loc != X86_LOC_REG || a->reg == b->reg) &&
           (a->loc != X86_LOC_CONST || a->val == b->val);
}
#endif

void x86_ra_end(X86Ctx *c)
{
    X86TempState *ts = c->ts;
    const X86TempState *tpl = c->be->gtemplate;
    for (uint64_t m = c->touched; m; m &= m - 1) {
        IrTemp g = (IrTemp)__builtin_ctzll(m);
        ts[g] = tpl[g];
    }
    c->touched = 0;
#ifndef NDEBUG
    for (IrTemp g = 0; g < c->f->nglobals && g < 64; g++)
        assert(ts_equal(&ts[g], &tpl[g]) && "x86 regalloc: a global changed without a note");
#endif
}

/* ---- Slots and memory homes ---------------------------------------------- */

static int16_t slot_alloc(X86Ctx *c, IrTemp t)
{
    int32_t s;
    if (c->nfree_slots) {
        s = c->be->free_slots[--c->nfree_slots];
    } else {
        if (c->next_slot >= X86_FRAME_SLOTS) {
            fprintf(stderr, "tern: x86 backend: spill frame exhausted\n");
            abort();
        }
        s = (int32_t)c->next_slot++;
    }
    c->be->slot_owner[s] = t;
    return (int16_t)s;
}

static void slot_free(X86Ctx *c, X86TempState *s)
{
    if (s->slot < 0)
        return;
    c->be->slot_owner[s->slot] = IR_NO_TEMP;
    c->be->free_slots[c->nfree_slots++] = s->slot;
    s->slot = -1;
}

/* The displacement of t's home: env + it for globals, rsp + it (a frame
 * slot, allocated on first need) for the others. */
static int32_t home_disp(X86Ctx *c, IrTemp t)
{
    X86TempState *s = &c->ts[t];
    if (s->kind == IR_TEMP_GLOBAL)
        return c->f->temps[t].env_offset;
    if (s->slot < 0)
        s->slot = slot_alloc(c, t);
    return s->slot * 8;
}

void x86_ra_home(X86Ctx *c, IrTemp t, int *base, int32_t *disp)
{
    *base = kind(c, t) == IR_TEMP_GLOBAL ? X86_REG_ENV : X86_RSP;
    *disp = home_disp(c, t);
}

/* opc with ModRM.reg r and t's home as the memory operand; each base is
 * a constant for the inline encoder (the sync at every block end and
 * guest access stores globals through here). */
static void home_rm(X86Ctx *c, int opc, int r, IrTemp t, int32_t disp_add)
{
    int32_t disp = home_disp(c, t) + disp_add;
    if (kind(c, t) == IR_TEMP_GLOBAL)
        x86_emit_rm(&c->buf, opc, r, X86_REG_ENV, disp);
    else
        x86_emit_rm(&c->buf, opc, r, X86_RSP, disp);
}

/* A global's register store and load (every sync point, every first
 * read) are spelled out with env as the constant base, so that they
 * encode straight-line. */
static void store_reg(X86Ctx *c, IrTemp t, int r)
{
    int opc = X86_OP_MOV_EvGv | (is_w(c, t) ? X86_P_W : 0);
    if (kind(c, t) == IR_TEMP_GLOBAL)
        x86_emit_rm(&c->buf, opc, r, X86_REG_ENV, c->f->temps[t].env_offset);
    else
        home_rm(c, opc, r, t, 0);
}

static void load_reg(X86Ctx *c, IrTemp t, int r)
{
    int opc = X86_OP_MOV_GvEv | (is_w(c, t) ? X86_P_W : 0);
    if (kind(c, t) == IR_TEMP_GLOBAL)
        x86_emit_rm(&c->buf, opc, r, X86_REG_ENV, c->f->temps[t].env_offset);
    else
        home_rm(c, opc, r, t, 0);
}

/* Stores a constant to t's home without a register: one mov of a
 * sign-extended imm32, or two dword halves. */
static void store_const(X86Ctx *c, IrTemp t, uint64_t v)
{
    if (kind(c, t) == IR_TEMP_GLOBAL)      /* env as a constant base */
        x86_emit_store_imm(&c->buf, X86_REG_ENV, c->f->temps[t].env_offset, v, is_w(c, t));
    else
        x86_emit_store_imm(&c->buf, X86_RSP, home_disp(c, t), v, is_w(c, t));
}

/* Writes t's value to its home if needed. */
static void sync_temp(X86Ctx *c, IrTemp t)
{
    X86TempState *s = &c->ts[t];
    if (s->coherent)
        return;
    if (s->loc == X86_LOC_REG && s->kind == IR_TEMP_GLOBAL)   /* the common store, inline */
        x86_emit_rm(&c->buf, X86_OP_MOV_EvGv | (s->w ? X86_P_W : 0), s->reg, X86_REG_ENV,
                    c->f->temps[t].env_offset);
    else if (s->loc == X86_LOC_REG)
        store_reg(c, t, s->reg);
    else if (s->loc == X86_LOC_CONST)
        store_const(c, t, s->val);
    s->coherent = true;
}

/* ---- Register bookkeeping ------------------------------------------------- */

static void unbind_reg(X86Ctx *c, int r)
{
    IrTemp t = c->reg_temp[r];
    if (t == IR_NO_TEMP)
        return;
    reg_clear(c, r);
    c->ts[t].loc = X86_LOC_MEM;
}

/* Releases the register t's state names, if t holds it. */
static void release_reg(X86Ctx *c, IrTemp t)
{
    const X86TempState *s = &c->ts[t];
    if (s->loc == X86_LOC_REG && c->reg_temp[s->reg] == t)
        reg_clear(c, s->reg);
}

/* t's value is no longer needed: frees its register, and a block temp's
 * slot.  A TB-local keeps its slot for the whole TB: paths that meet at a
 * label must agree on where it lives, and one path may see it die (then be
 * redefined) while another, emitted earlier, already stored it there. */
static void kill_temp(X86Ctx *c, IrTemp t)
{
    X86TempState *s = &c->ts[t];
    release_reg(c, t);
    if (s->kind == IR_TEMP_BLOCK)
        slot_free(c, s);
    s->loc = X86_LOC_DEAD;
    s->coherent = false;
    note_incoherent(c, t);
}

/* Frees r by writing its occupant back to memory. */
static void spill_reg(X86Ctx *c, int r)
{
    IrTemp t = c->reg_temp[r];
    if (t == IR_NO_TEMP)
        return;
    sync_temp(c, t);
    unbind_reg(c, r);
}

/* The preferred register of a non-empty set (see the tiers above). */
static int first_of(X86RegSet m)
{
    X86RegSet t = m & X86_RS_TIER1;
    if (!t)
        t = m & X86_RS_TIER2;
    if (!t)
        t = m;
    return __builtin_ctz(t);
}

/* A victim in mask: one whose memory copy is current if possible. */
static int pick_victim(const X86Ctx *c, X86RegSet mask)
{
    int any = X86_NO_REG;
    for (unsigned i = 0; i < sizeof(alloc_order); i++) {
        int r = alloc_order[i];
        if (!(mask & X86_RS(r)))
            continue;
        if (c->ts[c->reg_temp[r]].coherent)
            return r;
        if (any == X86_NO_REG)
            any = r;
    }
    return any;
}

/* A free, unlocked register from allowed (not locked yet). */
static inline int get_free(X86Ctx *c, X86RegSet allowed)
{
    X86RegSet mask = allowed & c->allocatable & ~c->locked;
    assert(mask && "x86 regalloc: no register satisfies the constraint");
    if (mask & ~c->used)
        return first_of(mask & ~c->used);
    int r = pick_victim(c, mask);
    spill_reg(c, r);
    return r;
}

static void lock(X86Ctx *c, int r) { c->locked |= X86_RS(r); }

int x86_ra_scratch(X86Ctx *c, X86RegSet allowed)
{
    int r = get_free(c, allowed);
    lock(c, r);
    return r;
}

void x86_ra_claim(X86Ctx *c, int r)
{
    IrTemp t = c->reg_temp[r];
    assert(!(c->locked & X86_RS(r)) && !(c->be->pin_used & X86_RS(r)));
    if (t != IR_NO_TEMP) {
        X86RegSet others = c->allocatable & ~c->locked & ~c->used & ~X86_RS(r);
        if (others) {
            int nr = first_of(others);
            x86_emit_mov_rr(&c->buf, nr, r, true);
            reg_clear(c, r);
            reg_set(c, nr, t);
            c->ts[t].reg = (uint8_t)nr;
        } else {
            spill_reg(c, r);
        }
    }
    lock(c, r);
}

/* x86_ra_bind, inline for this file's output paths (out, take). */
static inline void bind(X86Ctx *c, IrTemp d, int r)
{
    X86TempState *s = &c->ts[d];
    assert(kind(c, d) != IR_TEMP_FIXED && kind(c, d) != IR_TEMP_CONST);
    release_reg(c, d);
    assert(c->reg_temp[r] == IR_NO_TEMP || c->reg_temp[r] == d);
    reg_set(c, r, d);
    s->loc = X86_LOC_REG;
    s->reg = (uint8_t)r;
    s->coherent = false;
    s->addr32 = false;
    note_incoherent_cached(c, d);
}

void x86_ra_bind(X86Ctx *c, IrTemp d, int r)
{
    bind(c, d, r);
}

/* ---- Inputs ------------------------------------------------------------- */

static int in_from_reg(X86Ctx *c, IrTemp t, X86RegSet allowed)
{
    X86TempState *s = &c->ts[t];
    int r = s->reg;
    if (allowed & X86_RS(r)) {
        lock(c, r);
        return r;
    }
    int nr = get_free(c, allowed);
    x86_emit_mov_rr(&c->buf, nr, r, true);
    lock(c, nr);
    if (t != IR_TEMP_ENV && !pinned(c, t)) {
        reg_clear(c, r);
        reg_set(c, nr, t);
        s->reg = (uint8_t)nr;
    }
    return nr;
}

int x86_ra_in_slow(X86Ctx *c, IrTemp t, X86RegSet allowed)
{
    X86TempState *s = &c->ts[t];
    if (s->loc == X86_LOC_REG)
        return in_from_reg(c, t, allowed);
    int r = get_free(c, allowed);
    lock(c, r);
    switch ((X86Loc)s->loc) {
    case X86_LOC_MEM:
        load_reg(c, t, r);
        break;
    case X86_LOC_CONST:
        x86_emit_movi(&c->buf, r, s->val, is_w(c, t), true);
        if (kind(c, t) == IR_TEMP_CONST)
            return r;          /* a scratch copy; constants stay constants */
        break;
    case X86_LOC_DEAD:
        /* Read before written (an uninitialized local): any value will do. */
        s->coherent = true;
        break;
    case X86_LOC_REG:
        break;
    }
    reg_set(c, r, t);
    s->loc = X86_LOC_REG;
    s->reg = (uint8_t)r;
    note_cached(c, t);
    return r;
}

/* ---- Outputs ------------------------------------------------------------- */

int x86_ra_out(X86Ctx *c, IrTemp d, X86RegSet allowed)
{
    X86TempState *s = &c->ts[d];
    X86RegSet usable = c->allocatable | (pinned(c, d) ? X86_RS(s->pin) : 0);
    int r;
    if (s->loc == X86_LOC_REG && (allowed & usable & X86_RS(s->reg)) &&
        !(c->locked & X86_RS(s->reg)))
        r = s->reg;
    else if (pinned(c, d) && (allowed & X86_RS(s->pin)) && !(c->locked & X86_RS(s->pin)))
        r = s->pin;
    else
        r = get_free(c, allowed);
    lock(c, r);
    bind(c, d, r);
    return r;
}

bool x86_ra_shared_input_n(const X86Ctx *c, unsigned i, int r)
{
    const IrOp *op = c->op;
    IrTemp t = ir_in(op, i);
    for (unsigned j = 0; j < op->nin; j++) {
        IrTemp u = ir_in(op, j);
        if (j == i)
            continue;
        if (u == t || (c->ts[u].loc == X86_LOC_REG && c->ts[u].reg == r))
            return true;
    }
    return false;
}

/* Input i (a dying local or block temp in in_reg, or a constant's
 * unowned scratch copy, as x86_ra_can_reuse checked) hands in_reg to d:
 * kill_temp without the register bookkeeping that bind redoes. */
int x86_ra_take(X86Ctx *c, IrTemp d, unsigned i, int in_reg)
{
    IrTemp t = ir_in(c->op, i);
    if (t != d) {
        X86TempState *s = &c->ts[t];
        if (s->kind != IR_TEMP_CONST) {
            assert(s->loc == X86_LOC_REG && s->reg == in_reg && t >= c->f->nglobals);
            if (s->kind == IR_TEMP_BLOCK)
                slot_free(c, s);
            s->loc = X86_LOC_DEAD;
            s->coherent = false;
            reg_clear(c, in_reg);
        }
    }
    bind(c, d, in_reg);
    return in_reg;
}

void x86_ra_set_const(X86Ctx *c, IrTemp d, uint64_t v)
{
    X86TempState *s = &c->ts[d];
    if (!is_w(c, d))
        v = (uint32_t)v;
    if (kind(c, d) == IR_TEMP_LOCAL) {
        /* Locals must be findable at block ends: keep them in registers. */
        int r = x86_ra_out(c, d, X86_RS_ALL);
        x86_emit_movi(&c->buf, r, v, is_w(c, d), true);
        return;
    }
    release_reg(c, d);
    s->loc = X86_LOC_CONST;
    s->val = v;
    s->coherent = false;
    note_incoherent_cached(c, d);
}

void x86_ra_store_home(X86Ctx *c, IrTemp d, int r)
{
    X86TempState *s = &c->ts[d];
    if (pinned(c, d)) {          /* its home is the pin (stored at the sync) */
        x86_emit_mov_rr(&c->buf, s->pin, r, true);
        x86_ra_bind(c, d, s->pin);
        return;
    }
    release_reg(c, d);
    store_reg(c, d, r);
    s->loc = X86_LOC_MEM;
    s->coherent = true;
}

bool x86_ra_store_const_home(X86Ctx *c, IrTemp d, uint64_t v)
{
    X86TempState *s = &c->ts[d];
    if (s->kind != IR_TEMP_GLOBAL || pinned(c, d))
        return false;
    if (!is_w(c, d))
        v = (uint32_t)v;
    release_reg(c, d);
    store_const(c, d, v);
    s->loc = X86_LOC_MEM;
    s->coherent = true;
    return true;
}

void x86_ra_pin_home(X86Ctx *c, IrTemp d)
{
    X86TempState *s = &c->ts[d];
    if (s->loc == X86_LOC_REG && s->reg == s->pin)
        return;
    bool coherent = s->coherent;
    if (s->loc == X86_LOC_REG) {
        x86_emit_mov_rr(&c->buf, s->pin, s->reg, true);
        reg_clear(c, s->reg);
    } else if (s->loc == X86_LOC_CONST) {
        x86_emit_movi(&c->buf, s->pin, s->val, true, true);
    } else {
        load_reg(c, d, s->pin);
        coherent = true;
    }
    x86_ra_bind(c, d, s->pin);
    s->coherent = coherent;
}

void x86_ra_kill(X86Ctx *c, IrTemp t)
{
    kill_temp(c, t);
}

/* ---- Block ends, calls, TB ends ------------------------------------------ */

/* Visits only the globals that may be incoherent (sync points come at
 * every guest memory access; most globals are untouched in a TB). */
void x86_ra_sync_globals(X86Ctx *c)
{
    for (uint64_t m = c->maybe_dirty; m; m &= m - 1)
        sync_temp(c, (IrTemp)__builtin_ctzll(m));
    c->maybe_dirty = 0;
    if (__builtin_expect(c->f->nglobals > 64, 0))
        for (IrTemp g = 64; g < c->f->nglobals; g++)
            sync_temp(c, g);
}

static void drop_global(X86Ctx *c, IrTemp g)
{
    X86TempState *s = &c->ts[g];
    assert(s->coherent);
    if (s->pin != X86_NO_REG) {
        assert(s->loc == X86_LOC_REG && s->reg == s->pin);
        return;
    }
    release_reg(c, g);
    s->loc = X86_LOC_MEM;
}

/* Drops the register copy of every global (their memory is current). */
static void drop_globals(X86Ctx *c)
{
    for (uint64_t m = c->maybe_cached; m; m &= m - 1)
        drop_global(c, (IrTemp)__builtin_ctzll(m));
    c->maybe_cached = 0;
    for (IrTemp g = 64; g < c->f->nglobals; g++)
        drop_global(c, g);
}

/* The occupied registers an ordinary temp (not env, not a pin) holds. */
static X86RegSet temp_regs(const X86Ctx *c)
{
    return c->used & ~X86_RS(X86_REG_ENV) & ~c->be->pin_used;
}

void x86_ra_bb_end(X86Ctx *c, bool forget_all)
{
    x86_ra_sync_globals(c);
    int r;
    FOR_EACH_REG(r, temp_regs(c)) {
        IrTemp t = c->reg_temp[r];
        IrTempKind k = kind(c, t);
        if (k == IR_TEMP_GLOBAL || k == IR_TEMP_FIXED)
            continue;
        if (k == IR_TEMP_BLOCK) {
            kill_temp(c, t);
            continue;
        }
        sync_temp(c, t);
        if (forget_all)
            unbind_reg(c, r);
    }
    for (uint32_t s = 0; s < c->next_slot; s++) {
        IrTemp t = c->be->slot_owner[s];
        if (t != IR_NO_TEMP && kind(c, t) == IR_TEMP_BLOCK)
            kill_temp(c, t);
    }
    if (forget_all)
        drop_globals(c);
}

/* Liveness is computed in op order, so a local whose last use in that
 * order is on a path that leaves the TB (st_env loc; exit_tb) is marked
 * dead there, although a branch to a later label still carries it.  Its
 * slot is never freed (only block temps' are), and every branch synced it,
 * so at the label it is simply in memory again. */
void x86_ra_label_entry(X86Ctx *c)
{
    for (uint32_t i = 0; i < c->next_slot; i++) {
        IrTemp t = c->be->slot_owner[i];
        if (t == IR_NO_TEMP || kind(c, t) != IR_TEMP_LOCAL || c->ts[t].loc != X86_LOC_DEAD)
            continue;
        c->ts[t].loc = X86_LOC_MEM;
        c->ts[t].coherent = true;
    }
}

void x86_ra_reset(X86Ctx *c)
{
    if (c->op + 1 == c->ops_end)
        return;                 /* the TB's last op: nothing looks again */
    for (uint64_t m = c->maybe_dirty; m; m &= m - 1)
        c->ts[__builtin_ctzll(m)].coherent = true;
    c->maybe_dirty = 0;
    for (IrTemp g = 64; g < c->f->nglobals; g++)
        c->ts[g].coherent = true;
    int r;
    FOR_EACH_REG(r, temp_regs(c)) {
        IrTemp t = c->reg_temp[r];
        if (kind(c, t) == IR_TEMP_BLOCK) {
            kill_temp(c, t);
        } else {
            unbind_reg(c, r);
            c->ts[t].coherent = true;
        }
    }
    drop_globals(c);
}

void x86_ra_spill_caller_saved(X86Ctx *c)
{
    int r;
    FOR_EACH_REG(r, c->used & X86_RS_CALLER_SAVED)
        spill_reg(c, r);
}

void x86_ra_forget_globals(X86Ctx *c)
{
    drop_globals(c);
    for (int i = 0; i < X86_NPIN; i++) {
        IrTemp g = c->be->gpin_temp[i];
        if (g != IR_NO_TEMP)
            load_reg(c, g, x86_pin_regs[i]);
    }
}
