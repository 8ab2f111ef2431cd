/* frontend/aarch64/translate.c — the A64 TB loop and the helpers every
 * translate-*.c file shares: register access, TB exits, exceptions and
 * condition codes.
 *
 * A TB is a run of instructions from req->pc that ends at the first
 * instruction that changes control flow (it sets DisasContext.jump), after
 * req->max_insns instructions, at a 4 KiB page boundary (so a TB never spans
 * two pages and invalidation by page is exact), or before an instruction
 * whose bytes cannot be fetched.  A conditional branch may be passed when
 * the TB ends within a few more instructions, with a GOTO_TB slot left for
 * each conditional exit on the way (a64_defer_taken): its taken exit,
 * through slot 1, 2, ..., is a GOTO_TB_IF at the branch, or (when only
 * that path computes the flags) emitted after the TB's last instruction.
 * The words come through one host pointer per page when the owner gives
 * one (a64_fetch).  Every path out of the IR ends in GOTO_TB, EXIT_TB or
 * LOOKUP_AND_GOTO (GuestArch.translate's contract), and every instruction
 * starts with ir_gen_insn_start so the exec layer can restore the guest pc
 * of a fault inside the TB.
 *
 * Flags live split in four globals (a64.h): N = nf<63>, Z = (zf == 0),
 * C = cf, V = vf<63>, written only where something may read them
 * (translate-cc.c: the TB loop emits each insn through a64_cc_gen_insn,
 * every exit asks gen_cc_exits).
 *
 * Translation allocates nothing: the DisasContext is on the stack and the
 * IrFunc's arrays are reused from TB to TB.
 */
#include "frontend/aarch64/translate.h"

#include "frontend/aarch64/a64-decode.h"

#include <string.h>

/* ---- Registers ---------------------------------------------------------- */

/* XZR is the constant 0: inputs may be constants anywhere (docs/ir.md),
 * and no op or temp is spent on it. */
static IrTemp gen_zero(DisasContext *s)
{
    return ir_const(s->f, IR_I64, 0);
}

IrTemp cpu_reg(DisasContext *s, unsigned r)
{
    return r == 31 ? gen_zero(s) : A64_T_X0 + r;
}

IrTemp cpu_reg_sp(DisasContext *s, unsigned r)
{
    return r == 31 ? A64_T_SP : A64_T_X0 + r;
}

/* A 64-bit read is the global itself: a copy would be one more op for
 * every pass to remove again. */
static IrTemp read_from(DisasContext *s, IrTemp src, bool sf)
{
    if (sf)
        return src;
    IrTemp t = ir_new_temp(s->f, IR_I64);
    ir_gen_unop(s->f, IR_EXT32U, t, src);
    return t;
}

/* read_reg (translate.h) for XZR or !sf. */
IrTemp a64_read_reg32(DisasContext *s, unsigned r)
{
    return r == 31 ? gen_zero(s) : read_from(s, A64_T_X0 + r, false);
}

/* A value is mostly written to its register right after the op that
 * computed it: that op then writes the register itself, and v becomes a
 * copy of it.  A pinned global then gets the value in its host register
 * directly, without the move that `op v; mov dst, v` costs there.  Only
 * the last op is retargeted, a pure one, so no other op runs between the
 * register's write and where the move was.  Not loads: a loaded value is
 * mostly worked on by the next insns (ldr x0; mul x0, x0, x6), and the
 * load's write of x0 then stays where a move would have been dropped (the
 * hash kernel of bench/src: 1.2% more instructions with loads, 4.2% fewer
 * without).
 *
 * The copy `mov v, dst` is mostly dead (v is not read again), and an op
 * costs some 300 instructions from here to the backend: it is left out
 * and put back at the end of the insn only when something reads v
 * (a64_rt_resolve; 43 of 26k retargets in python3 -c pass).
 *
 * Measured and left out: undoing a retarget that the register's next
 * write overwrites before anything observes the globals (in long ALU
 * chains a value tied to a pinned register is copied out and back, mov
 * r13, r9; mov rbx, r13).  It took bench straight from 4.82 back to 4.63
 * host bytes per insn, but the bookkeeping on every such write and the
 * renaming of the reads in between cost 19% more instructions in all
 * there (callgrind), where each insn runs once. */
static void a64_rt_resolve(DisasContext *s);

static bool a64_retarget(DisasContext *s, IrTemp dst, IrTemp v)
{
    IrFunc *f = s->f;
    if (f->nops == 0 || ir_temp_kind(f, v) != IR_TEMP_BLOCK)
        return false;
    IrOp *op = &f->ops[f->nops - 1];
    if (op->nout != 1 || ir_out(op, 0) != v || op->type != IR_I64 ||
        !(ir_op_info[op->opc].flags & IR_F_PURE))
        return false;
    op->args[0] = dst;
    if (s->lookahead) {              /* its ops are rolled back: the copy now */
        ir_gen_mov(f, v, dst);
        return true;
    }
    if (s->rt_v)                     /* an earlier write of this insn */
        a64_rt_resolve(s);
    s->rt_v = v;
    s->rt_dst = dst;
    s->rt_at = f->nops - 1;
    return true;
}

static bool a64_cc_uses(const A64CC *cc, IrTemp t)
{
    return cc->a == t || cc->b == t || cc->r == t;
}

/* Whether anything after op `at` may read v: an op of the current insn,
 * or the flags state, which outlives it. */
static bool a64_rt_needed(const DisasContext *s, uint32_t at, IrTemp v)
{
    const IrFunc *f = s->f;
    if (a64_cc_uses(&s->cc, v))
        return true;
    for (unsigned i = 0; i < s->ntaken; i++)
        if (s->taken[i].late && a64_cc_uses(&s->taken[i].cc, v))
            return true;
    for (uint32_t i = at + 1; i < f->nops; i++) {
        const IrOp *op = &f->ops[i];
        for (unsigned k = 0; k < op->nin; k++)
            if (ir_in(op, k) == v)
                return true;
    }
    return false;
}

/* Op indexes the current insn keeps, moved by an op inserted at `at`. */
static void a64_shift_index(uint32_t *i, uint32_t at)
{
    if (*i >= at && *i != UINT32_MAX)
        ++*i;
}

/* Inserts `mov v, dst` as op at (after the op that writes dst). */
static void a64_rt_insert_copy(DisasContext *s, uint32_t at, IrTemp v, IrTemp dst)
{
    IrFunc *f = s->f;
    uint32_t n = f->nops;
    ir_gen_mov(f, v, dst);           /* grows the ops when it must */
    IrOp mov = f->ops[n];
    memmove(&f->ops[at + 1], &f->ops[at], (n - at) * sizeof(*f->ops));
    f->ops[at] = mov;
    a64_shift_index(&s->cc_fence, at);
    if (s->cc_sync_to > 0) {
        a64_shift_index(&s->cc_sync_from, at);
        a64_shift_index(&s->cc_sync_to, at);
    }
}

/* The end of an insn that left a copy out (a64_retarget), or a second
 * retarget in it: the copy goes back in when v is read after all. */
__attribute__((noinline)) static void a64_rt_resolve(DisasContext *s)
{
    IrTemp v = s->rt_v;
    uint32_t at = s->rt_at;
    s->rt_v = 0;
    const IrFunc *f = s->f;
    if (at >= f->nops || f->ops[at].nout != 1 || ir_out(&f->ops[at], 0) != s->rt_dst)
        return;                      /* rolled back, with whatever read v */
    if (a64_rt_needed(s, at, v))
        a64_rt_insert_copy(s, at + 1, v, s->rt_dst);
}

/* write_reg (translate.h) for sf, and write_reg_sp: dst = v. */
void a64_write_reg64(DisasContext *s, IrTemp dst, IrTemp v)
{
    if (!a64_retarget(s, dst, v))
        ir_gen_mov(s->f, dst, v);
}

static void write_to(DisasContext *s, IrTemp dst, IrTemp v, bool sf)
{
    if (sf)
        a64_write_reg64(s, dst, v);
    else
        ir_gen_unop(s->f, IR_EXT32U, dst, v);
}

/* write_reg (translate.h) for !sf, r != 31. */
void a64_write_reg32(DisasContext *s, unsigned r, IrTemp v)
{
    write_to(s, A64_T_X0 + r, v, false);
}

void write_reg_sp(DisasContext *s, unsigned r, IrTemp v, bool sf)
{
    write_to(s, cpu_reg_sp(s, r), v, sf);
}

/* ---- TB exits and exceptions ---------------------------------------------- */

static void gen_set_pc(DisasContext *s, uint64_t pc)
{
    ir_gen_mov(s->f, A64_T_PC, ir_const(s->f, IR_I64, pc));
}

/* Helpers that may raise look at all of env: the flags too. */
void gen_sync_pc(DisasContext *s)
{
    gen_cc_sync(s);
    gen_set_pc(s, s->pc);
}

/* GOTO_TB writes the pc field on its unchained path only, where the cpu
 * loop finds dest: the chained target TB never reads it (it syncs the PC
 * itself before anything that could look, and the cpu loop takes the pc
 * of a TB that leaves at its exit-request check from the TB).  An exit
 * to a place that may read the flags syncs them first (gen_cc_exits; a
 * conditional branch decided that for both of its exits before its
 * brcond). */
void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest)
{
    gen_cc_exits(s, dest, dest);
    ir_gen_goto_tb(s->f, n, dest);
    s->jump = DISAS_NORETURN;
}

/* What a64_rest_fits finds at insn. */
typedef enum A64RestWord {
    A64_REST_PLAIN,         /* look on */
    A64_REST_COND,          /* a conditional exit: needs a slot */
    A64_REST_END,           /* ends the TB without one */
} A64RestWord;

static A64RestWord a64_rest_word(uint32_t insn)
{
    if ((insn & 0xff000010) == 0x54000000 ||          /* B.cond */
        (insn & 0x7c000000) == 0x34000000)            /* CB(N)Z, TB(N)Z */
        return A64_REST_COND;
    if ((insn & 0x7c000000) == 0x14000000 ||          /* B, BL */
        (insn & 0xfe000000) == 0xd6000000)            /* BR, BLR, RET... */
        return A64_REST_END;
    return A64_REST_PLAIN;
}

/* How far past a conditional branch a TB goes on: the fall-through code
 * is often a join that other paths reach too, and translated twice then.
 * Up to 4 insns to the TB's end paid for that duplication best (callgrind:
 * python3 -c pass -3%, the branchy benchmark -0.7%, hello -3%; without a
 * limit branchy was 3% worse than never going on). */
#define A64_CONT_MAX 4

/* Whether the words from pc on reach, within A64_CONT_MAX of them, where
 * the TB ends anyway, or a conditional exit with a slot to spare for it
 * (spare > 0; it then ends the TB or is deferred in turn, by its own
 * look).  Only B.cond, CBZ/CBNZ and TBZ/TBNZ make one (gen_cond_exit_end
 * in translate-branch.c): their encoding groups are tested directly,
 * cheaper than a class; a direct or indirect branch (B, BL, BR, BLR,
 * RET...) ends the TB without. */
static bool a64_rest_fits(DisasContext *s, uint64_t pc, unsigned left, unsigned spare)
{
    unsigned page_left = (unsigned)((A64_PAGE_MASK + 1 - (pc & A64_PAGE_MASK)) >> 2);
    bool ends = true;                /* at left: max_insns or the page */
    uint32_t insn;
    if (left > page_left)
        left = page_left;
    if (left > A64_CONT_MAX) {
        left = A64_CONT_MAX;
        ends = false;
    }
    for (; left > 0; left--, pc += 4) {
        if (!a64_fetch(s, pc, &insn))
            return true;             /* the TB ends before it */
        A64RestWord r = a64_rest_word(insn);
        if (r != A64_REST_PLAIN)
            return r == A64_REST_END || spare > 0;
    }
    return ends;
}

bool a64_may_defer(DisasContext *s)
{
    unsigned used = s->ninsns + 1;
    return !s->lookahead && s->ntaken < A64_MAX_TAKEN && used < s->req->max_insns &&
           (s->pc_next & A64_PAGE_MASK) &&
           a64_rest_fits(s, s->pc_next, s->req->max_insns - used,
                         A64_MAX_TAKEN - 1 - s->ntaken);
}

bool a64_defer_taken(DisasContext *s, IrLabel label, uint64_t dest, const A64CC *late)
{
    if (!a64_may_defer(s))
        return false;
    A64TakenExit *t = &s->taken[s->ntaken++];
    t->late = late != NULL;
    if (late)
        t->cc = *late;
    t->label = label;
    t->dest = dest;
    return true;
}

/* The deferred taken exits: their flags were decided at their branches.
 * Those that left through GOTO_TB_IF at their branch are done. */
static void gen_taken_exits(DisasContext *s)
{
    for (unsigned i = 0; i < s->ntaken; i++) {
        const A64TakenExit *t = &s->taken[i];
        if (t->label == A64_NO_LABEL)
            continue;
        ir_gen_set_label(s->f, t->label);
        if (t->late)
            gen_cc_late(s, &t->cc);
        ir_gen_goto_tb(s->f, 1 + i, t->dest);
    }
}

void gen_jump_reg(DisasContext *s, IrTemp v)
{
    gen_cc_exits(s, A64_CC_DEST_UNKNOWN, A64_CC_DEST_UNKNOWN);
    ir_gen_mov(s->f, A64_T_PC, v);
    ir_gen_lookup_and_goto(s->f);
    s->jump = DISAS_NORETURN;
}

static void gen_st_env32(DisasContext *s, uint32_t v, size_t offset)
{
    ir_gen_st_env(s->f, ir_const(s->f, IR_I32, v), (int32_t)offset, IR_MO_32);
}

/* Records excp in TernCPU and leaves the TB with pc = pc. */
static void gen_raise(DisasContext *s, TernExcp excp, uint32_t syndrome, uint64_t pc)
{
    gen_cc_sync(s);
    gen_st_env32(s, (uint32_t)excp, offsetof(TernCPU, exception));
    gen_st_env32(s, syndrome, offsetof(TernCPU, syndrome));
    gen_set_pc(s, pc);
    ir_gen_exit_tb(s->f, IR_EXIT_PLAIN);
    s->jump = DISAS_NORETURN;
}

void gen_exception(DisasContext *s, TernExcp excp, uint32_t syndrome)
{
    gen_raise(s, excp, syndrome, excp == TERN_EXCP_SYSCALL ? s->pc_next : s->pc);
}

bool gen_undef(DisasContext *s)
{
    gen_exception(s, TERN_EXCP_UDEF, 0);
    return true;
}

static void gen_prefetch_abort(DisasContext *s)
{
    ir_gen_st_env(s->f, ir_const(s->f, IR_I64, s->pc),
                  (int32_t)offsetof(TernCPU, fault_addr), IR_MO_64);
    gen_st_env32(s, 0, offsetof(TernCPU, fault_write));
    gen_raise(s, TERN_EXCP_PREFETCH_ABORT, 0, s->pc);
}

/* ---- Conditions (on the lazy flags of translate-cc.c) ------------------------ */

void gen_test_cc(DisasContext *s, unsigned cond, IrTemp d)
{
    A64Compare c = gen_compare(s, cond);
    if (c.c == IR_COND_ALWAYS || c.c == IR_COND_NEVER)
        ir_gen_mov(s->f, d, ir_const(s->f, IR_I64, c.c == IR_COND_ALWAYS));
    else
        ir_gen_setcond(s->f, c.c, d, c.a, c.b);
}

/* ---- Fetch ----------------------------------------------------------------------- */

/* The first word read on a page: with code_ptr, the page's host words are
 * kept for the rest of the TB (marked as code before any is read, so a
 * store to them is seen exactly as with read_code). */
bool a64_fetch_slow(DisasContext *s, uint64_t pc, uint32_t *insn)
{
    const TranslateReq *req = s->req;
    if (!req->code_ptr)
        return req->read_code(req->opaque, pc, insn);
    const uint32_t *w = req->code_ptr(req->opaque, pc);
    if (!w)
        return false;
    s->code = w - ((pc & A64_PAGE_MASK) >> 2);
    s->code_page = pc & ~A64_PAGE_MASK;
    *insn = *w;
    return true;
}

/* ---- The TB loop --------------------------------------------------------------- */

void a64_gen_insn(DisasContext *s)
{
    s->pc_next = s->pc + 4;
    s->jump = DISAS_NEXT;
    ir_gen_insn_start(s->f, s->pc);
    if (!a64_decode(s, s->insn))
        gen_undef(s);
    if (s->rt_v) {
        /* Mostly the insn ended with the write and set no flags from it. */
        if (s->rt_at + 1 == s->f->nops && !a64_cc_uses(&s->cc, s->rt_v) && !s->ntaken)
            s->rt_v = 0;
        else
            a64_rt_resolve(s);
    }
}

/* Translates the instruction at s->pc; false when its bytes can't be read
 * (nothing emitted). */
static bool a64_translate_insn(DisasContext *s)
{
    if (!a64_fetch(s, s->pc, &s->insn))
        return false;
    a64_cc_gen_insn(s);
    return true;
}

/* The lookahead's bytes, for exec's invalidation (TranslateReq). */
static void a64_report_peek(const DisasContext *s, const TranslateReq *req)
{
    uint64_t end = s->pc_next;
    if (!req->peek || s->peek_lo == s->peek_hi ||
        (s->peek_lo >= req->pc && s->peek_hi <= end))
        return;
    req->peek[0] = s->peek_lo;
    req->peek[1] = s->peek_hi;
}

uint64_t a64_translate(IrFunc *f, const TranslateReq *req)
{
    DisasContext s = { .f = f, .req = req, .pc = req->pc, .pc_next = req->pc + 4 };
    unsigned n = 0;
    for (;;) {
        if (!a64_translate_insn(&s)) {
            if (n > 0)
                break;           /* end before it: a later TB faults there */
            ir_gen_insn_start(f, s.pc);
            gen_prefetch_abort(&s);
            return 4;
        }
        s.ninsns = ++n;
        if (s.jump != DISAS_NEXT)
            break;
        s.pc = s.pc_next;
        if (n >= req->max_insns || (s.pc & A64_PAGE_MASK) == 0)
            break;
    }
    if (s.jump != DISAS_NORETURN)
        gen_goto_tb(&s, 0, s.jump == DISAS_TOO_MANY ? s.pc_next : s.pc);
    gen_taken_exits(&s);
    a64_report_peek(&s, req);
    return s.pc_next - req->pc;
}

/* The generated decoder: a64_decode() and its per-op0 bucket functions. */
#include "frontend/aarch64/a64-decode.c.inc"
