/* frontend/aarch64/translate-cc.c — condition flags computed only where
 * they are read.
 *
 * A flag setter (ADDS, SUBS, ANDS and their aliases CMP, CMN, TST) records
 * its operation and operand temps in DisasContext.cc instead of computing
 * NZCV.  Readers in the same basic block use them directly: `cmp x0, x1;
 * b.ls` becomes one brcond x0 leu x1, CSEL a movcond, ADC's carry one
 * setcond.  The four flag globals (a64.h's split form) are written only
 * ("synced") when something may observe them:
 *   - an exit of the TB to a place where the flags may be read: a direct
 *     exit whose successors, decoded a few instructions deep, might read
 *     them before all four are set again (see Lookahead), an indirect
 *     jump, an exception;
 *   - an instruction whose code might observe env: a guest memory access
 *     (a fault shows a signal handler the flags in its ucontext), a helper
 *     that reads or writes globals or may raise, a direct read or partial
 *     write of a flag global, a basic-block end (the operand temps die).
 *     Such an instruction is emitted, checked (cc_scan), dropped and
 *     emitted again after the sync (a64_cc_gen_insn): other files need not
 *     know about lazy flags.
 * Both questions are answered from the instruction word alone when its
 * decode-level class (A64InsnClass, translate.h) promises the answer: the
 * common instructions are then translated once, and never speculatively;
 * only unclassified words (system, SIMD, atomics, reserved encodings) go
 * through their IR.  Debug builds check every promise against the IR.
 * Precise state: at every point where the guest can look (a fault, a
 * helper, a TB exit to a reader) the globals hold the architectural NZCV.
 * Only flags that no path reads before they are set again are never
 * written; see Lookahead for what "no path" covers, and a64_cc_peek_mem
 * for the one deviation (a fault in a successor, by default).
 *
 * Lookahead.  At a direct exit with pending flags the successor
 * instructions are classified: by their decode-level class, else by
 * translating them speculatively into the same IrFunc (then dropped
 * again) and inspecting their IR: a read of a flag global before all four
 * are written means live, a setter (or all four written) means dead,
 * anything else goes on with the next instruction.  A direct branch that
 * does not read the flags (B, BL, CBZ, CBNZ, TBZ, TBNZ) is followed into
 * each of its successors: live if any path is (CCWalk: a pc seen before
 * adds nothing, so loops end).  It stops, as live, at any other branch or
 * exit, exception, helper that touches globals or may raise, system
 * register access (MRS NZCV reads the globals), an undecodable word,
 * after CC_WALK_MAX instructions on all paths together and at the end of
 * the TB's page.  A conditional exit whose flags only one path reads
 * computes them on that path alone (gen_cc_exits_split).  Guest memory
 * accesses pass (a64_cc_peek_mem below says what that costs in
 * precision, and how to turn it off).  The bytes looked at are reported
 * to exec (TranslateReq.peek), which drops the TB when they are written
 * (and, being on the TB's page, linux-user already write-protects them):
 * a successor rewritten from a setter into a reader must not leave a TB
 * that skipped the sync behind.
 *
 * Asynchronous signals and exit requests are taken between TBs, where a
 * handler can only see flags that are dead on every path: harmless.
 */
#include "frontend/aarch64/translate.h"

#include <stdlib.h>

#include "frontend/aarch64/a64-decode.h"

#define A64_CC_LOOKAHEAD 8

/* Guest memory accesses in the lookahead.  A load or store in a successor
 * before the next setter can fault; its signal handler then finds the old
 * NZCV in ucontext instead of the flags of our setter, although no path
 * from there reads them.  Only a handler that reads pstate of a
 * synchronous fault, or resumes at code that reads the flags without
 * setting them, can tell; asynchronous signals cannot (they are taken
 * between TBs).  Letting accesses through is the default because most
 * loops start with a load and stopping there keeps their flags live at the
 * back edge: on the C kernels of bench/src it cut CPU time by ~25% (sieve)
 * and ~15% (hash) against stopping; the other three moved within noise.
 * TERN_PRECISE_FLAGS=1 in the environment
 * stops the lookahead at memory accesses, so that the state a fault shows
 * is exact. */
static bool a64_cc_peek_mem(void)
{
    static int v = -1;      /* a benign race: every thread computes the same */
    if (v < 0) {
        const char *e = getenv("TERN_PRECISE_FLAGS");
        v = !(e && e[0] == '1');
    }
    return v;
}

static const A64Flags a64_flag_globals = { A64_T_NF, A64_T_ZF, A64_T_CF, A64_T_VF };

/* a64_decode_class() is a function of the word alone, and the lookahead
 * asks it about the same common words over and over (every TB's
 * successors): a direct-mapped memo, 4096 entries of (class + 1) << 32 |
 * word.  Each entry is one 64-bit word, so a racing translator thread
 * reads an old entry or a new one, never a mix; 0 is no entry. */
#define CC_CLASS_MEMO_BITS 12
static uint64_t cc_class_memo[1u << CC_CLASS_MEMO_BITS];

static unsigned cc_decode_class(uint32_t insn)
{
    uint64_t *slot = &cc_class_memo[(insn * 0x9e3779b1u) >> (32 - CC_CLASS_MEMO_BITS)];
    uint64_t e = __atomic_load_n(slot, __ATOMIC_RELAXED);
    if ((uint32_t)e == insn && (e >> 32) != 0)
        return (unsigned)(e >> 32) - 1;
    unsigned cls = a64_decode_class(insn);
    __atomic_store_n(slot, (uint64_t)(cls + 1) << 32 | insn, __ATOMIC_RELAXED);
    return cls;
}

static bool cc_pending(const DisasContext *s)
{
    return s->cc.kind != A64_CC_GLOBALS && !s->cc.synced;
}

static void cc_fence_here(DisasContext *s)
{
    if (s->cc_fence == UINT32_MAX)
        s->cc_fence = s->f->nops;
}

/* ---- Setting and materializing ---------------------------------------------- */

/* Operands must keep their value until the readers: a global (a guest
 * register) may be written by a later insn, so it is copied. */
static IrTemp cc_operand(DisasContext *s, IrTemp t)
{
    if (t == IR_NO_TEMP || ir_temp_kind(s->f, t) != IR_TEMP_GLOBAL)
        return t;
    return a64_op1(s, IR_MOV, t);
}

void gen_cc_set(DisasContext *s, A64CCKind kind, bool sf, IrTemp a, IrTemp b, IrTemp r)
{
    s->cc = (A64CC){ kind, sf, false, cc_operand(s, a), cc_operand(s, b),
                     cc_operand(s, r) };
}

/* N and Z from result r. */
static void gen_nz(DisasContext *s, const A64Flags *fl, IrTemp r, bool sf)
{
    IrTemp v = sf ? r : a64_op1(s, IR_EXT32S, r);
    ir_gen_mov(s->f, fl->nf, v);
    ir_gen_mov(s->f, fl->zf, v);
}

/* V from its value in bit 63 (sf) or bit 31. */
static void gen_v(DisasContext *s, const A64Flags *fl, IrTemp v, bool sf)
{
    ir_gen_unop(s->f, sf ? IR_MOV : IR_EXT32S, fl->vf, v);
}

/* Whether t is a constant; *neg: its sign bit (bit 63, or 31 when !sf). */
static bool cc_const_sign(const DisasContext *s, IrTemp t, bool sf, bool *neg)
{
    if (!ir_is_const(s->f, t))
        return false;
    *neg = (s->f->temps[t].val >> (sf ? 63 : 31)) & 1;
    return true;
}

/* Overflow of r = a + b (+ carry): the operands agree in sign, r does not.
 * Only the sign bit of the value counts (gen_v), so with a constant
 * operand k (CMN x, #imm; ADDS with an immediate; ADCS with XZR) one op is
 * enough: for k >= 0 overflow is x >= 0 > r, for k < 0 it is x < 0 <= r. */
static IrTemp gen_add_overflow(DisasContext *s, const A64CC *cc)
{
    bool neg;
    IrTemp k = cc->b, x = cc->a;
    if (ir_is_const(s->f, x))
        k = cc->a, x = cc->b;
    if (cc_const_sign(s, k, cc->sf, &neg))
        return neg ? a64_op2(s, IR_ANDC, x, cc->r) : a64_op2(s, IR_ANDC, cc->r, x);
    return a64_op2(s, IR_ANDC, a64_op2(s, IR_XOR, cc->r, cc->a), a64_op2(s, IR_XOR, cc->a, cc->b));
}

/* Overflow of r = a - b (- borrow): the operands differ in sign, and r
 * differs from a.  With b a constant (CMP x, #imm): for b >= 0 it is a < 0
 * <= r, for b < 0 it is a >= 0 > r; with a a constant >= 0 (CMP XZR, x;
 * NEGS) it is b < 0 and r < 0. */
static IrTemp gen_sub_overflow(DisasContext *s, const A64CC *cc)
{
    bool neg;
    if (cc_const_sign(s, cc->b, cc->sf, &neg))
        return neg ? a64_op2(s, IR_ANDC, cc->r, cc->a) : a64_op2(s, IR_ANDC, cc->a, cc->r);
    if (cc_const_sign(s, cc->a, cc->sf, &neg) && !neg)
        return a64_op2(s, IR_AND, cc->b, cc->r);
    return a64_op2(s, IR_AND, a64_op2(s, IR_XOR, cc->a, cc->b), a64_op2(s, IR_XOR, cc->a, cc->r));
}

void gen_cc_flags(DisasContext *s, const A64CC *cc, const A64Flags *fl)
{
    switch (cc->kind) {
    case A64_CC_SUB:     /* C is "no borrow": a >= b unsigned */
        ir_gen_setcond(s->f, IR_COND_GEU, fl->cf, cc->a, cc->b);
        gen_v(s, fl, gen_sub_overflow(s, cc), cc->sf);
        break;
    case A64_CC_ADD:
        if (cc->sf)
            ir_gen_setcond(s->f, IR_COND_LTU, fl->cf, cc->r, cc->a);
        else
            ir_gen_extract(s->f, fl->cf, cc->r, 32, 1);
        gen_v(s, fl, gen_add_overflow(s, cc), cc->sf);
        break;
    case A64_CC_LOGIC:
        ir_gen_mov(s->f, fl->cf, a64_cst(s, 0));
        ir_gen_mov(s->f, fl->vf, a64_cst(s, 0));
        break;
    case A64_CC_GLOBALS:
        abort();         /* nothing to compute: a caller's bug */
    }
    gen_nz(s, fl, cc->r, cc->sf);
}

void gen_cc_sync(DisasContext *s)
{
    cc_fence_here(s);
    if (!cc_pending(s))
        return;
    s->cc_sync_from = s->f->nops;
    gen_cc_flags(s, &s->cc, &a64_flag_globals);
    s->cc_sync_to = s->f->nops;
    s->cc.synced = true;
}

void gen_cc_clobber(DisasContext *s)
{
    cc_fence_here(s);
    s->cc.kind = A64_CC_GLOBALS;
}

void a64_cc_forget(DisasContext *s)
{
    cc_fence_here(s);
    s->cc.kind = A64_CC_GLOBALS;
}

/* ---- Reading ------------------------------------------------------------------ */

static uint64_t sign_bit(bool sf)
{
    return sf ? 1ull << 63 : 1ull << 31;
}

static IrTemp sext(DisasContext *s, IrTemp t, bool sf)
{
    return sf ? t : a64_op1(s, IR_EXT32S, t);
}

IrTemp gen_cc_carry(DisasContext *s)
{
    const A64CC *cc = &s->cc;
    IrTemp c;
    switch (cc->kind) {
    case A64_CC_SUB:
        c = a64_tmp(s);
        ir_gen_setcond(s->f, IR_COND_GEU, c, cc->a, cc->b);
        return c;
    case A64_CC_ADD:
        c = a64_tmp(s);
        if (cc->sf)
            ir_gen_setcond(s->f, IR_COND_LTU, c, cc->r, cc->a);
        else
            ir_gen_extract(s->f, c, cc->r, 32, 1);
        return c;
    case A64_CC_LOGIC:
        return a64_cst(s, 0);
    case A64_CC_GLOBALS:
        break;
    }
    return A64_T_CF;
}

static A64Compare cmp(IrCond c, IrTemp a, IrTemp b)
{
    return (A64Compare){ c, a, b };
}

/* HI: C == 1 && Z == 0. */
static IrTemp gen_cond_hi(DisasContext *s, const A64Flags *fl, IrTemp zero)
{
    IrTemp nz = a64_tmp(s);
    ir_gen_setcond(s->f, IR_COND_NE, nz, fl->zf, zero);
    return a64_op2(s, IR_AND, nz, fl->cf);
}

/* GT: Z == 0 && N == V.  (nf ^ vf) >> 63 is all ones when N != V. */
static IrTemp gen_cond_gt(DisasContext *s, const A64Flags *fl, IrTemp zero)
{
    IrTemp nz = a64_tmp(s);
    IrTemp ne = a64_op2(s, IR_XOR, fl->nf, fl->vf);
    ir_gen_binopi(s->f, IR_SAR, ne, ne, 63);
    ir_gen_setcond(s->f, IR_COND_NE, nz, fl->zf, zero);
    return a64_op2(s, IR_ANDC, nz, ne);
}

/* The true form (cond even) of cond>>1 on flags in split form. */
static A64Compare compare_flags(DisasContext *s, const A64Flags *fl, unsigned pair)
{
    IrTemp zero = a64_cst(s, 0);
    switch (pair) {
    case 0: return cmp(IR_COND_EQ, fl->zf, zero);
    case 1: return cmp(IR_COND_NE, fl->cf, zero);
    case 2: return cmp(IR_COND_LT, fl->nf, zero);
    case 3: return cmp(IR_COND_LT, fl->vf, zero);
    case 4: return cmp(IR_COND_NE, gen_cond_hi(s, fl, zero), zero);
    case 5: return cmp(IR_COND_GE, a64_op2(s, IR_XOR, fl->nf, fl->vf), zero);
    case 6: return cmp(IR_COND_NE, gen_cond_gt(s, fl, zero), zero);
    default: return cmp(IR_COND_ALWAYS, zero, zero);
    }
}

/* cmp a, b: every condition is one comparison of the operands but for
 * MI and VS, which test a sign bit. */
static A64Compare compare_sub(DisasContext *s, const A64CC *cc, unsigned pair)
{
    IrTemp sb = a64_cst(s, sign_bit(cc->sf));
    switch (pair) {
    case 0: return cmp(IR_COND_EQ, cc->a, cc->b);
    case 1: return cmp(IR_COND_GEU, cc->a, cc->b);
    case 2: return cmp(IR_COND_TSTNE, cc->r, sb);
    case 3: return cmp(IR_COND_TSTNE, gen_sub_overflow(s, cc), sb);
    case 4: return cmp(IR_COND_GTU, cc->a, cc->b);
    case 5: return cmp(IR_COND_GE, sext(s, cc->a, cc->sf), sext(s, cc->b, cc->sf));
    case 6: return cmp(IR_COND_GT, sext(s, cc->a, cc->sf), sext(s, cc->b, cc->sf));
    default: return cmp(IR_COND_ALWAYS, sb, sb);
    }
}

/* EQ from the result (whose upper half is garbage for a 32-bit setter). */
static A64Compare compare_result_zero(DisasContext *s, const A64CC *cc)
{
    return cc->sf ? cmp(IR_COND_EQ, cc->r, a64_cst(s, 0))
                  : cmp(IR_COND_TSTEQ, cc->r, a64_cst(s, 0xffffffffull));
}

/* tst / ands: C = V = 0, so CS, VS and HI never hold. */
static A64Compare compare_logic(DisasContext *s, const A64CC *cc, unsigned pair)
{
    IrTemp sb = a64_cst(s, sign_bit(cc->sf));
    switch (pair) {
    case 0: return compare_result_zero(s, cc);
    case 1: case 3: case 4: return cmp(IR_COND_NEVER, sb, sb);
    case 2: return cmp(IR_COND_TSTNE, cc->r, sb);
    case 5: return cmp(IR_COND_TSTEQ, cc->r, sb);
    case 6: return cmp(IR_COND_GT, sext(s, cc->r, cc->sf), a64_cst(s, 0));
    default: return cmp(IR_COND_ALWAYS, sb, sb);
    }
}

/* cmn a, b: the single-flag conditions directly, the others from the
 * flags computed into temps. */
static A64Compare compare_add(DisasContext *s, const A64CC *cc, unsigned pair)
{
    IrTemp sb = a64_cst(s, sign_bit(cc->sf));
    switch (pair) {
    case 0: return compare_result_zero(s, cc);
    case 1:
        return cc->sf ? cmp(IR_COND_LTU, cc->r, cc->a)
                      : cmp(IR_COND_TSTNE, cc->r, a64_cst(s, 1ull << 32));
    case 2: return cmp(IR_COND_TSTNE, cc->r, sb);
    case 3: return cmp(IR_COND_TSTNE, gen_add_overflow(s, cc), sb);
    default: break;
    }
    A64Flags t = { a64_tmp(s), a64_tmp(s), a64_tmp(s), a64_tmp(s) };
    gen_cc_flags(s, cc, &t);
    return compare_flags(s, &t, pair);
}

A64Compare gen_compare(DisasContext *s, unsigned cond)
{
    unsigned pair = cond >> 1;
    A64Compare c = { IR_COND_ALWAYS, 0, 0 };
    switch (s->cc.kind) {
    case A64_CC_SUB: c = compare_sub(s, &s->cc, pair); break;
    case A64_CC_ADD: c = compare_add(s, &s->cc, pair); break;
    case A64_CC_LOGIC: c = compare_logic(s, &s->cc, pair); break;
    case A64_CC_GLOBALS: c = compare_flags(s, &a64_flag_globals, pair); break;
    }
    if (pair == 7)
        return c;                              /* AL and NV both always */
    if (cond & 1)
        c.c = ir_cond_invert(c.c);
    return c;
}

void gen_csel_a64(DisasContext *s, unsigned cond, IrTemp d, IrTemp tv, IrTemp fv)
{
    A64Compare c = gen_compare(s, cond);
    if (c.c == IR_COND_ALWAYS || c.c == IR_COND_NEVER)
        ir_gen_mov(s->f, d, c.c == IR_COND_ALWAYS ? tv : fv);
    else
        ir_gen_movcond(s->f, c.c, d, c.a, c.b, tv, fv);
}

/* ---- What an insn's IR does with the flags -------------------------------------- */

enum {
    CC_FX_READS   = 1u << 0,   /* reads a flag global before writing it */
    CC_FX_WRITES  = 1u << 1,   /* writes some flag global */
    CC_FX_ALL     = 1u << 2,   /* writes all four */
    CC_FX_MEM     = 1u << 3,   /* may fault (guest memory) */
    CC_FX_ENV     = 1u << 4,   /* helper touching globals or raising */
    CC_FX_BLOCK   = 1u << 5,   /* ends a basic block or the TB */
};

static unsigned flag_bit(IrTemp t)
{
    return t >= A64_T_NF && t <= A64_T_VF ? 1u << (t - A64_T_NF) : 0;
}

static unsigned op_effects(const IrOp *op, unsigned *written)
{
    uint32_t fl = ir_op_info[op->opc].flags;
    unsigned fx = 0;
    if (fl & IR_F_MAY_FAULT)
        fx |= CC_FX_MEM;
    if (fl & (IR_F_BB_END | IR_F_TB_END))
        fx |= CC_FX_BLOCK;
    if (op->opc == IR_CALL) {
        const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
        if (h->flags & (IR_HF_READS_GLOBALS | IR_HF_WRITES_GLOBALS | IR_HF_MAY_RAISE))
            fx |= CC_FX_ENV;
        if (h->flags & IR_HF_WRITES_GLOBALS)
            fx |= CC_FX_WRITES;     /* maybe the flags: they are the globals' now */
    }
    for (unsigned i = 0; i < op->nin; i++)
        if (flag_bit(ir_in(op, i)) & ~*written)
            fx |= CC_FX_READS;
    for (unsigned i = 0; i < op->nout; i++)
        *written |= flag_bit(ir_out(op, i));
    return fx;
}

/* Effects of ops [from, to), leaving out [skip_from, skip_to). */
static unsigned cc_scan(const IrFunc *f, uint32_t from, uint32_t to,
                        uint32_t skip_from, uint32_t skip_to)
{
    unsigned fx = 0, written = 0;
    for (uint32_t i = from; i < to; i++)
        if (i < skip_from || i >= skip_to)
            fx |= op_effects(&f->ops[i], &written);
    if (written)
        fx |= CC_FX_WRITES;
    if (written == 0xf)
        fx |= CC_FX_ALL;
    return fx;
}

/* The IrFunc state an insn's translation can be rolled back to: ops and
 * guest insn count (IrFunc.ninsns).  Temps and labels it made stay
 * allocated, unused. */
typedef struct CCMark {
    uint32_t nops, ninsns;
} CCMark;

static CCMark cc_mark(const IrFunc *f)
{
    return (CCMark){ f->nops, f->ninsns };
}

static void cc_rollback(IrFunc *f, CCMark m)
{
    f->nops = m.nops;
    f->ninsns = m.ninsns;
}

enum { CC_SCAN_ROLLED = 1, CC_SCAN_DEMOTED = 2 };

/* The exact path for a word of unknown class: emit it, look at its IR,
 * and emit it again after a sync when it could observe pending flags.
 * Returns CC_SCAN_ROLLED when it did, CC_SCAN_DEMOTED when the globals
 * became the truth because of what the insn's IR does. */
static unsigned cc_gen_insn_scanned(DisasContext *s)
{
    A64CC saved = s->cc;
    unsigned ntaken = s->ntaken;
    CCMark m = cc_mark(s->f);
    unsigned r = 0;
    a64_cc_insn_begin(s);
    a64_gen_insn(s);
    if (!saved.synced) {
        uint32_t end = s->cc_fence < s->f->nops ? s->cc_fence : s->f->nops;
        unsigned fx = cc_scan(s->f, m.nops, end, 0, 0);
        bool partial = (fx & CC_FX_WRITES) && !(fx & CC_FX_ALL);
        if ((fx & (CC_FX_READS | CC_FX_MEM | CC_FX_ENV | CC_FX_BLOCK)) || partial) {
            cc_rollback(s->f, m);
            s->cc = saved;
            s->ntaken = ntaken;
            gen_cc_sync(s);
            m = cc_mark(s->f);
            a64_cc_insn_begin(s);
            a64_gen_insn(s);
            r |= CC_SCAN_ROLLED;
        }
    }
    /* Someone else wrote flag globals, or the operand temps died at a
     * block end inside the insn: the globals are the truth from now on. */
    unsigned fx = cc_scan(s->f, m.nops, s->f->nops, s->cc_sync_from, s->cc_sync_to);
    if ((fx & CC_FX_WRITES) || ((fx & CC_FX_BLOCK) && s->jump == DISAS_NEXT)) {
        s->cc.kind = A64_CC_GLOBALS;
        r |= CC_SCAN_DEMOTED;
    }
    return r;
}

/* What the exact path does with a word of class cls (not UNKNOWN): only a
 * memory access with pending flags makes it sync first; no class makes
 * the flag globals the truth by itself. */
static unsigned cc_scan_expected(const DisasContext *s, unsigned cls)
{
    return cls == A64_IC_MEM && !s->cc.synced ? CC_SCAN_ROLLED : 0;
}

/* Whether the exact path's result got agrees with the class's promise.
 * A branch ends the TB, so whether it left the globals the truth does not
 * matter: it does when its flags are computed late on one path
 * (gen_cc_exits_split writes them there). */
static bool cc_scan_agrees(unsigned cls, unsigned got, unsigned expect)
{
    bool branch = cls == A64_IC_BRANCH || cls == A64_IC_JUMP || cls == A64_IC_CBRANCH ||
                  cls == A64_IC_TBRANCH;
    return (branch ? got & ~(unsigned)CC_SCAN_DEMOTED : got) == expect;
}

/* With flags pending, a classified word is emitted once: after the sync
 * for a memory access, directly otherwise (see A64InsnClass). */
void a64_cc_gen_insn_pending(DisasContext *s)
{
    unsigned cls = cc_decode_class(s->insn);
#ifdef TERN_DEBUG
    if (cls != A64_IC_UNKNOWN) {
        unsigned expect = cc_scan_expected(s, cls);
        unsigned got = cc_gen_insn_scanned(s);
        if (!cc_scan_agrees(cls, got, expect)) {
            fprintf(stderr, "tern: insn %08x at 0x%llx: class %u, scan %u\n", s->insn,
                    (unsigned long long)s->pc, cls, got);
            abort();
        }
        return;
    }
#endif
    if (cls == A64_IC_UNKNOWN) {
        cc_gen_insn_scanned(s);
        return;
    }
    if (cls == A64_IC_MEM)
        gen_cc_sync(s);
    a64_cc_insn_begin(s);
    a64_gen_insn(s);
}

/* ---- Lookahead ---------------------------------------------------------------- */

typedef enum CCUse { CC_USE_NONE, CC_USE_READ, CC_USE_SET } CCUse;

static void cc_peek_range(DisasContext *s, uint64_t pc)
{
    if (s->peek_lo == s->peek_hi) {
        s->peek_lo = pc;
        s->peek_hi = pc + 4;
        return;
    }
    if (pc < s->peek_lo)
        s->peek_lo = pc;
    if (pc + 4 > s->peek_hi)
        s->peek_hi = pc + 4;
}

/* What insn's IR does, translated at pc from a state without pending
 * flags: its effects (CC_FX_*), whether it falls through, and whether it
 * left a flag setter behind.  Nothing stays in s->f. */
typedef struct CCInsnIr {
    unsigned fx;
    bool next, sets;
} CCInsnIr;

static CCInsnIr cc_insn_ir(DisasContext *s, uint64_t pc, uint32_t insn)
{
    DisasContext la = { .f = s->f, .req = s->req, .pc = pc, .pc_next = pc + 4,
                        .insn = insn, .lookahead = true };
    CCMark m = cc_mark(s->f);
    a64_cc_insn_begin(&la);
    a64_gen_insn(&la);
    unsigned fx = cc_scan(s->f, m.nops, s->f->nops, 0, 0);
    cc_rollback(s->f, m);
    return (CCInsnIr){ fx, la.jump == DISAS_NEXT, la.cc.kind != A64_CC_GLOBALS };
}

static CCUse cc_use_of_ir(CCInsnIr ir)
{
    unsigned stop = CC_FX_READS | CC_FX_ENV | CC_FX_BLOCK |
                    (a64_cc_peek_mem() ? 0 : CC_FX_MEM);
    if ((ir.fx & stop) || !ir.next)
        return CC_USE_READ;
    if ((ir.fx & CC_FX_ALL) || ir.sets)
        return CC_USE_SET;
    return CC_USE_NONE;
}

static CCUse cc_use_of_class(unsigned cls)
{
    switch ((A64InsnClass)cls) {
    case A64_IC_PURE: return CC_USE_NONE;
    case A64_IC_SET: return CC_USE_SET;
    case A64_IC_MEM: return a64_cc_peek_mem() ? CC_USE_NONE : CC_USE_READ;
    case A64_IC_READ: case A64_IC_BRANCH: case A64_IC_JUMP: case A64_IC_CBRANCH:
    case A64_IC_TBRANCH: case A64_IC_UNKNOWN: break;
    }
    return CC_USE_READ;
}

/* What the insn at pc does with incoming flags: from its class, else
 * from its own IR.  *insn and *cls: the word and its class (0 when the
 * word can't be read). */
static CCUse cc_classify(DisasContext *s, uint64_t pc, uint32_t *insn_out, unsigned *cls_out)
{
    uint32_t insn;
    *cls_out = A64_IC_UNKNOWN;
    if (!a64_fetch(s, pc, &insn))
        return CC_USE_READ;
    cc_peek_range(s, pc);
    unsigned cls = cc_decode_class(insn);
    *insn_out = insn;
    *cls_out = cls;
    if (cls == A64_IC_UNKNOWN)
        return cc_use_of_ir(cc_insn_ir(s, pc, insn));
#ifdef TERN_DEBUG
    if (cc_use_of_class(cls) != cc_use_of_ir(cc_insn_ir(s, pc, insn))) {
        fprintf(stderr, "tern: insn %08x at 0x%llx: class %u disagrees with its IR\n",
                insn, (unsigned long long)pc, cls);
        abort();
    }
#endif
    return cc_use_of_class(cls);
}

static uint64_t cc_sext_field(uint32_t insn, unsigned pos, unsigned len)
{
    return (uint64_t)((int64_t)((uint64_t)insn << (64 - pos - len)) >> (64 - len));
}

/* A walk over the successors of an exit: words it may still look at,
 * and the pcs it has (a pc seen before was, or is being, followed): one
 * bit per word of the TB's page, where the walk stays. */
#define CC_WALK_MAX (6 * A64_CC_LOOKAHEAD)
#define CC_PAGE_WORDS ((A64_PAGE_MASK + 1) / 4)
typedef struct CCWalk {
    unsigned work;
    uint64_t seen[CC_PAGE_WORDS / 64];
} CCWalk;

static bool cc_seen(CCWalk *w, uint64_t pc)
{
    unsigned i = (unsigned)(pc & A64_PAGE_MASK) >> 2;
    uint64_t bit = 1ull << (i & 63);
    if (w->seen[i >> 6] & bit)
        return true;
    w->seen[i >> 6] |= bit;
    return false;
}

/* Whether some path from pc may read the flags before setting them:
 * straight-line code and the direct branches that do not read the flags,
 * both ways of a conditional one (A64InsnClass: JUMP, CBRANCH, TBRANCH),
 * on the TB's page.  Live when the walk runs out of work or leaves the
 * page; a pc seen before adds nothing (its paths are, or are being,
 * followed: if one reads, that walk says so). */
static bool cc_live_from(DisasContext *s, uint64_t pc, CCWalk *w)
{
    uint64_t page = s->req->pc & ~A64_PAGE_MASK;
    for (;;) {
        if ((pc & ~A64_PAGE_MASK) != page || w->work == 0)
            return true;
        if (cc_seen(w, pc))
            return false;
        w->work--;
        uint32_t insn;
        unsigned cls;
        CCUse use = cc_classify(s, pc, &insn, &cls);
        if (use != CC_USE_READ) {
            if (use == CC_USE_SET)
                return false;
            pc += 4;
            continue;
        }
        switch (cls) {
        case A64_IC_JUMP:
            pc += 4 * cc_sext_field(insn, 0, 26);
            continue;
        case A64_IC_CBRANCH:
        case A64_IC_TBRANCH:
            if (cc_live_from(s, pc + 4 * cc_sext_field(insn, 5, cls == A64_IC_CBRANCH ? 19 : 14),
                             w))
                return true;
            pc += 4;
            continue;
        default:
            return true;
        }
    }
}

/* Whether some path from dest may read the flags before setting them. */
static bool cc_live_at(DisasContext *s, uint64_t dest)
{
    CCWalk w = { .work = CC_WALK_MAX };
    if (dest == A64_CC_DEST_UNKNOWN || s->lookahead)
        return true;
    return cc_live_from(s, dest, &w);
}

void gen_cc_exits(DisasContext *s, uint64_t dest0, uint64_t dest1)
{
    cc_fence_here(s);
    if (!cc_pending(s))
        return;
    if (cc_live_at(s, dest0) || (dest1 != dest0 && cc_live_at(s, dest1)))
        gen_cc_sync(s);
}

/* ---- Checking the classes (tests) ---------------------------------------------- */

/* The IR a word of class cls emits from a state without pending flags. */
static bool cc_class_fresh_ok(unsigned cls, CCInsnIr ir)
{
    switch ((A64InsnClass)cls) {
    case A64_IC_PURE: return ir.fx == 0 && ir.next && !ir.sets;
    case A64_IC_SET: return ir.fx == 0 && ir.next && ir.sets;
    case A64_IC_MEM: return ir.fx == CC_FX_MEM && ir.next && !ir.sets;
    case A64_IC_READ: return ir.fx == CC_FX_READS && ir.next && !ir.sets;
    case A64_IC_BRANCH: case A64_IC_JUMP: case A64_IC_CBRANCH: case A64_IC_TBRANCH:
        return !ir.next;
    case A64_IC_UNKNOWN: break;
    }
    return true;
}

/* No code around the checked word: a branch's lookahead keeps the flags. */
static bool cc_no_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    (void)opaque, (void)addr, (void)insn;
    return false;
}

bool a64_cc_class_agrees(IrFunc *f, uint64_t pc, uint32_t insn)
{
    unsigned cls = a64_decode_class(insn);
    if (cls == A64_IC_UNKNOWN)
        return true;
    TranslateReq req = { .pc = pc, .max_insns = 1, .read_code = cc_no_code };
    DisasContext s = { .f = f, .req = &req, .pc = pc, .pc_next = pc + 4, .insn = insn };
    ir_func_reset(f);
    if (!cc_class_fresh_ok(cls, cc_insn_ir(&s, pc, insn)))
        return false;
    /* Pending flags of a SUBS of two temps: the exact path must neither
     * sync nor demote, but for a memory access (sync first). */
    gen_cc_set(&s, A64_CC_SUB, true, a64_tmp(&s), a64_tmp(&s), a64_tmp(&s));
    unsigned expect = cc_scan_expected(&s, cls);
    return cc_scan_agrees(cls, cc_gen_insn_scanned(&s), expect);
}

/* ---- Flags on one path ------------------------------------------------------ */

#define CC_SAME_SCAN 64

/* Whether op is a copy (MOV; EXT32U too when only the low word matters,
 * low32) of a global g, or into one. */
static bool cc_copy_op(const IrOp *op, bool low32)
{
    return op->opc == IR_MOV || (low32 && op->opc == IR_EXT32U);
}

static bool cc_is_global(const IrFunc *f, IrTemp t)
{
    return t < 64 && ir_temp_kind(f, t) == IR_TEMP_GLOBAL;
}

/* A global that holds t's value now (its low word when low32), or
 * IR_NO_TEMP: the global t was copied from (cc_operand, or a 32-bit read),
 * or one t was copied into (the setter's destination), not written since.
 * Looks back at most CC_SAME_SCAN ops. */
static IrTemp cc_source_global(const IrFunc *f, IrTemp t, bool low32)
{
    uint64_t written = 0;            /* globals below 64 written later */
    uint32_t stop = f->nops > CC_SAME_SCAN ? f->nops - CC_SAME_SCAN : 0;
    for (uint32_t i = f->nops; i-- > stop;) {
        const IrOp *op = &f->ops[i];
        if (op->opc == IR_CALL)
            return IR_NO_TEMP;       /* a helper may write globals */
        bool copy = cc_copy_op(op, low32);
        if (copy && ir_in(op, 0) == t && cc_is_global(f, ir_out(op, 0)) &&
            !(written >> ir_out(op, 0) & 1))
            return ir_out(op, 0);    /* t copied into a global */
        for (unsigned k = 0; k < op->nout; k++) {
            IrTemp o = ir_out(op, k), src = copy ? ir_in(op, 0) : IR_NO_TEMP;
            if (o == t)
                return copy && cc_is_global(f, src) && !(written >> src & 1) ? src : IR_NO_TEMP;
            if (o < 64)
                written |= 1ull << o;
        }
    }
    return IR_NO_TEMP;
}

/* An operand of late flags as something that outlives the branch: a
 * constant, a global holding it (gen_cc_late zero-extends those of 32-bit
 * ADD/SUB again), or a TB-local copy. */
static IrTemp cc_local(DisasContext *s, IrTemp t, bool sf)
{
    if (t == IR_NO_TEMP || ir_is_const(s->f, t))
        return t;
    IrTemp g = cc_source_global(s->f, t, !sf);
    if (g != IR_NO_TEMP)
        return g;
    IrTemp l = ir_new_local(s->f, ir_temp_type(s->f, t));
    ir_gen_mov(s->f, l, t);
    return l;
}

int gen_cc_exits_split(DisasContext *s, uint64_t dest0, uint64_t dest1, A64CC *late)
{
    cc_fence_here(s);
    if (!cc_pending(s))
        return -1;
    bool live0 = cc_live_at(s, dest0);
    bool live1 = dest1 == dest0 ? live0 : cc_live_at(s, dest1);
    if (live0 && live1)
        gen_cc_sync(s);
    if (live0 == live1)
        return -1;
    *late = s->cc;
    return live0 ? 0 : 1;
}

/* ADD and SUB results are recomputed on the path: one local less. */
void gen_cc_late_keep(DisasContext *s, A64CC *late)
{
    late->a = cc_local(s, late->a, late->sf);
    late->b = cc_local(s, late->b, late->sf);
    late->r = late->kind == A64_CC_LOGIC ? cc_local(s, late->r, late->sf) : IR_NO_TEMP;
}

/* A 32-bit ADD/SUB operand as the setter saw it: zero-extended (a global
 * from cc_source_global may hold more). */
static IrTemp cc_late_operand(DisasContext *s, IrTemp t, bool sf)
{
    if (sf || ir_temp_kind(s->f, t) != IR_TEMP_GLOBAL)
        return t;
    return a64_op1(s, IR_EXT32U, t);
}

void gen_cc_late(DisasContext *s, const A64CC *late)
{
    A64CC cc = *late;
    if (cc.kind != A64_CC_LOGIC && cc.r == IR_NO_TEMP) {
        cc.a = cc_late_operand(s, cc.a, cc.sf);
        cc.b = cc_late_operand(s, cc.b, cc.sf);
        cc.r = a64_op2(s, cc.kind == A64_CC_SUB ? IR_SUB : IR_ADD, cc.a, cc.b);
    }
    gen_cc_flags(s, &cc, &a64_flag_globals);
}
