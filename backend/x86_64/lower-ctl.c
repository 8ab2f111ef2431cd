/* backend/x86_64/lower-ctl.c — labels, branches, helper calls, TB exits.
 *
 * Block ends: every branch and label writes globals and TB-locals back to
 * memory, so that all paths meet a label with the same state (everything in
 * memory).  A brcond keeps coherent values cached for its fall-through.
 * Jumps to labels are rel32 fields patched once the TB is done.
 *
 * GOTO_TB is "jmp rel32" with its displacement 4-byte aligned, so that
 * patch_jump is one atomic store; unpatched, it jumps to the next
 * instruction, the exit stub that stores the guest pc and leaves.  The
 * alignment padding is put where it is not run: as prefixes of the jcc
 * before a conditional exit's fall-through jmp, in front of the label
 * before its taken side's.
 *
 * GOTO_TB_IF is a patchable jcc, aligned the same way, whose unchained
 * target is an exit stub after the TB's code (BackendTbOut.jmp_reset);
 * the fall-through keeps its registers (no block ends there).
 *
 * LOOKUP_AND_GOTO probes the exec layer's jump cache inline, so that a
 * computed branch to a translated TB stays in generated code without a
 * call; only a miss runs the shared code that calls BackendLookup.fn.
 *
 * Helper calls follow SysV: args in rdi, rsi, rdx, rcx, r8, r9; every
 * caller-saved register is spilled first; i32 returns are zero-extended
 * (the ABI leaves the upper half of rax undefined).
 */
#include "backend/x86_64/x86-internal.h"

#include <assert.h>

static const int8_t call_arg_regs[IR_MAX_HELPER_ARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

/* Bytes to put before a GOTO_TB's jmp emitted at p so that its rel32 is
 * 4-byte aligned. */
static unsigned goto_tb_pad(const uint8_t *p)
{
    return (4 - ((uintptr_t)p + 1) % 4) % 4;
}

/* Whether the op after the one being lowered is a GOTO_TB. */
static bool next_is_goto_tb(const X86Ctx *c)
{
    const IrOp *next = c->op + 1;
    return next < c->f->ops + c->f->nops && next->opc == IR_GOTO_TB;
}

/* A label right before a GOTO_TB (the taken side of a conditional exit)
 * gets the jmp's alignment padding in front of it, where only a path
 * falling through would run it: the frontend's exits jump there. */
void x86_lower_label(X86Ctx *c, const IrOp *op)
{
    c->exit_cc_end = UINT32_MAX;        /* other paths arrive: flags unknown */
    x86_ra_bb_end(c, true);
    x86_ra_label_entry(c);
    if (next_is_goto_tb(c))
        x86_emit_nops(&c->buf, goto_tb_pad(c->buf.p));
    c->be->label_off[ir_carg(op, 0)] = (int32_t)x86_buf_off(&c->buf);
}

static void emit_jmp_label(X86Ctx *c, uint32_t label)
{
    uint32_t field = x86_emit_jmp32(&c->buf, x86_buf_rx(&c->buf) + 5);
    x86_add_reloc(c, field, label);
}

void x86_lower_br(X86Ctx *c, const IrOp *op)
{
    x86_ra_bb_end(c, true);
    emit_jmp_label(c, (uint32_t)ir_carg(op, 0));
}

/* Before a GOTO_TB (the fall-through side of a conditional exit), the
 * jmp's alignment padding goes into the jcc as 2E prefixes (the "not
 * taken" hint, which current cores ignore) instead of a nop it would run
 * on every pass. */
static void emit_jcc_label(X86Ctx *c, X86Cond cc, uint32_t label)
{
    if (next_is_goto_tb(c))
        for (unsigned n = goto_tb_pad(c->buf.p + 6); n > 0; n--)
            x86_emit8(&c->buf, 0x2e);
    uint32_t field = x86_emit_jcc32(&c->buf, cc, x86_buf_rx(&c->buf) + 6);
    x86_add_reloc(c, field, label);
}

/* The sync point of a compare: a brcond ends the block (globals and
 * TB-locals to memory), a goto_tb_if only needs the globals there. */
static void cond_sync(X86Ctx *c, bool exit)
{
    if (exit)
        x86_ra_sync_globals(c);
    else
        x86_ra_bb_end(c, false);
}

/* brcond on an env field (see x86_ld_env_fuses): cmp/test [env + off], imm. */
static void brcond_env_field(X86Ctx *c, const IrOp *op, const IrOp *ld)
{
    bool w = op->type == IR_I64;
    IrCond cond = (IrCond)ir_carg(op, 0);
    int32_t off = (int32_t)ir_carg(ld, 0), imm = 0;
    bool fits = x86_imm_ok(c, ir_in(op, 1), w, &imm);   /* x86_ld_env_fuses checked */
    assert(fits);
    (void)fits;
    c->fused_ld_env = NULL;
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        x86_ra_bb_end(c, cond == IR_COND_ALWAYS);
        if (cond == IR_COND_ALWAYS)
            emit_jmp_label(c, (uint32_t)ir_carg(op, 1));
        return;
    }
    x86_ra_bb_end(c, false);
    bool tst = cond == IR_COND_TSTEQ || cond == IR_COND_TSTNE;
    x86_emit_rm(&c->buf, (tst ? X86_OP_GRP3_Ev : X86_OP_GRP1_Iz) | (w ? X86_P_W : 0),
                tst ? 0 : X86_ALU_CMP, X86_REG_ENV, off);
    x86_emit32(&c->buf, (uint32_t)imm);
    emit_jcc_label(c, x86_cond(cond), (uint32_t)ir_carg(op, 1));
}

/* TSTEQ/TSTNE of a, i64, against one bit above bit 30 (TBZ/TBNZ on bits
 * 31..63), which no test imm32 can name: bt a, bit, then jnc/jc. */
#define X86_OP_BT_EvIb (0xba | X86_P_0F)     /* 0F BA /4 ib */

static bool is_high_bit_test(const IrOp *op, IrCond cond, uint64_t mask)
{
    bool tst = cond == IR_COND_TSTEQ || cond == IR_COND_TSTNE;
    return tst && op->type == IR_I64 && mask >= (1ull << 31) && !(mask & (mask - 1));
}

/* The compare of a brcond or goto_tb_if whose condition is not known
 * (cond_known): inputs into registers (or an immediate), the sync point
 * (cond_sync), then cmp/test/bt.  Returns the x86 condition that holds
 * when the op's does. */
static X86Cond cond_compare(X86Ctx *c, const IrOp *op, bool exit)
{
    bool w = op->type == IR_I64;
    IrTemp a = ir_in(op, 0), b = ir_in(op, 1);
    IrCond cond = (IrCond)ir_carg(op, 0);
    uint64_t va, vb;
    bool ca = x86_ra_const(c, a, &va), cb = x86_ra_const(c, b, &vb);
    if (ca) {
        IrTemp t = a;
        a = b;
        b = t;
        vb = va;
        cond = ir_cond_swap(cond);
    }
    int ra = x86_ra_in(c, a, X86_RS_ALL);
    if ((ca || cb) && is_high_bit_test(op, cond, vb)) {
        cond_sync(c, exit);
        x86_emit_rr(&c->buf, X86_OP_BT_EvIb | X86_P_W, 4, ra);
        x86_emit8(&c->buf, (uint8_t)__builtin_ctzll(vb));
        return cond == IR_COND_TSTNE ? X86_CC_B : X86_CC_AE;
    }
    X86Opnd ob = x86_opnd(c, b, w);
    cond_sync(c, exit);
    return x86_gen_compare(c, cond, ra, ob, w);
}

/* -1 when the condition of a brcond or goto_tb_if depends on its inputs,
 * else whether it holds (ALWAYS, NEVER, or two constants). */
static int cond_known(const X86Ctx *c, const IrOp *op)
{
    IrCond cond = (IrCond)ir_carg(op, 0);
    uint64_t va, vb;
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER)
        return cond == IR_COND_ALWAYS;
    if (!x86_ra_const(c, ir_in(op, 0), &va) || !x86_ra_const(c, ir_in(op, 1), &vb))
        return -1;
    return ir_cond_eval(cond, (IrType)op->type, va, vb);
}

/* Fused compare and branch: inputs into registers (or an immediate), write
 * back, cmp/test, jcc. */
void x86_lower_brcond(X86Ctx *c, const IrOp *op)
{
    if (c->fused_ld_env && c->fused_ld_env == op - 1) {
        brcond_env_field(c, op, c->fused_ld_env);
        return;
    }
    uint32_t label = (uint32_t)ir_carg(op, 1);
    int known = cond_known(c, op);
    if (known >= 0) {
        x86_ra_bb_end(c, known);
        if (known)
            emit_jmp_label(c, label);
        return;
    }
    emit_jcc_label(c, cond_compare(c, op, false), label);
}

/* The conditional exit: globals synced, cmp, then the slot's patchable
 * jump is the jcc itself, its rel32 4-byte aligned by 2E prefixes (the
 * "not taken" hint, which current cores ignore); unchained it goes to an
 * exit stub after the TB's code (x86_emit_cond_exits), its jmp_reset.
 * The fall-through goes on with every register binding kept.  Chained,
 * the taken side is one jcc (brcond + label + goto_tb was a jcc and a
 * jmp).  A known-true condition (left by no fold) is a jmp the same
 * way, padded with nops. */
void x86_lower_goto_tb_if(X86Ctx *c, const IrOp *op)
{
    X86Buf *b = &c->buf;
    int known = cond_known(c, op);
    if (known == 0)
        return;
    uint32_t slot = (uint32_t)ir_carg(op, 1), field;
    if (known < 0) {
        X86Cond cc = cond_compare(c, op, true);
        for (unsigned n = goto_tb_pad(b->p + 1); n > 0; n--)
            x86_emit8(b, 0x2e);
        c->jmp_slot[slot] = x86_buf_off(b);
        field = x86_emit_jcc32(b, cc, x86_buf_rx(b) + 6);
        c->exit_cc = cc;
        c->exit_cc_end = x86_buf_off(b);
    } else {
        x86_ra_sync_globals(c);
        x86_emit_nops(b, goto_tb_pad(b->p));
        c->jmp_slot[slot] = x86_buf_off(b);
        field = x86_emit_jmp32(b, x86_buf_rx(b) + 5);
    }
    assert(c->ncond_exits < IR_GOTO_TB_SLOTS);
    c->cond_exits[c->ncond_exits++] = (X86CondExit){ field, slot, ir_carg(op, 2) };
}

/* The exit stubs of the TB's goto_tb_ifs, after its code: the pc and
 * the code, as goto_tb's unchained path.  False when the region is too
 * small. */
#define X86_COND_EXIT_BYTES 32

bool x86_emit_cond_exits(X86Ctx *c)
{
    X86Buf *b = &c->buf;
    for (unsigned i = 0; i < c->ncond_exits; i++) {
        const X86CondExit *e = &c->cond_exits[i];
        if ((size_t)(b->end - b->p) < X86_COND_EXIT_BYTES)
            return false;
        c->jmp_reset[e->slot] = x86_buf_off(b);
        x86_patch_rel32(b, e->field_off, x86_buf_off(b));
        x86_emit_store_imm(b, X86_REG_ENV, c->be->lookup.pc_off, e->pc, true);
        x86_emit_movi_near(b, X86_RAX, c->tb_cookie | (IR_EXIT_SLOT0 + e->slot));
        x86_emit_jmp32(b, c->be->epilogue_rx);
    }
    return true;
}

/* Loads argument t into register r; every temp is in a callee-saved
 * register, in memory or a constant by now. */
static void load_arg(X86Ctx *c, IrTemp t, int r)
{
    const X86TempState *s = &c->ts[t];
    bool w = ir_temp_type(c->f, t) == IR_I64;
    int base;
    int32_t disp;
    switch ((X86Loc)s->loc) {
    case X86_LOC_REG:
        x86_emit_mov_rr(&c->buf, r, s->reg, true);
        break;
    case X86_LOC_MEM:
        x86_ra_home(c, t, &base, &disp);
        x86_emit_rm(&c->buf, X86_OP_MOV_GvEv | (w ? X86_P_W : 0), r, base, disp);
        break;
    case X86_LOC_CONST:
        x86_emit_movi(&c->buf, r, s->val, w, true);
        break;
    case X86_LOC_DEAD:
        break;
    }
}

void x86_lower_call(X86Ctx *c, const IrOp *op)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
    uint32_t globals = IR_HF_READS_GLOBALS | IR_HF_WRITES_GLOBALS | IR_HF_MAY_RAISE;
    if (h->flags & globals)
        x86_ra_sync_globals(c);
    x86_ra_spill_caller_saved(c);
    for (unsigned i = 0; i < op->nin; i++) {
        load_arg(c, ir_in(op, i), call_arg_regs[i]);
        c->locked |= X86_RS(call_arg_regs[i]);
    }
    x86_emit_call_abs(&c->buf, (uintptr_t)h->fn);
    if (h->flags & IR_HF_WRITES_GLOBALS)
        x86_ra_forget_globals(c);
    if (op->nout) {
        if (h->ret == IR_I32)
            x86_emit_rr(&c->buf, X86_OP_MOV_GvEv, X86_RAX, X86_RAX);
        x86_ra_bind(c, ir_out(op, 0), X86_RAX);
    }
}

/* Returns tb_cookie | code from enter(); every global is synced. */
static void emit_leave(X86Ctx *c, IrExit code)
{
    x86_emit_movi_near(&c->buf, X86_RAX, c->tb_cookie | code);
    x86_emit_jmp32(&c->buf, c->be->epilogue_rx);
    x86_ra_reset(c);
}

/* The whole direct exit: globals synced, the patchable jmp (to the exit
 * stub right after it until chained), then the stub: the pc, the code.
 * Right after a GOTO_TB_IF's jcc, with nothing emitted since (the flags
 * still hold its compare), the jump is the inverse jcc, aligned by 2E
 * prefixes: an aligned jmp there would need 3 bytes of nops that the
 * fall-through runs. */
void x86_lower_goto_tb(X86Ctx *c, const IrOp *op)
{
    X86Buf *b = &c->buf;
    unsigned slot = (unsigned)ir_carg(op, 0);
    x86_ra_sync_globals(c);
    if (c->exit_cc_end == x86_buf_off(b)) {
        for (unsigned n = goto_tb_pad(b->p + 1); n > 0; n--)
            x86_emit8(b, 0x2e);
        c->jmp_slot[slot] = x86_buf_off(b);
        x86_emit_jcc32(b, (X86Cond)(c->exit_cc ^ 1), x86_buf_rx(b) + 6);
    } else {
        x86_emit_nops(b, goto_tb_pad(b->p));
        c->jmp_slot[slot] = x86_buf_off(b);
        x86_emit8(b, 0xe9);
        x86_emit32(b, 0);
    }
    x86_emit_store_imm(b, X86_REG_ENV, c->be->lookup.pc_off, ir_carg(op, 1), true);
    emit_leave(c, (IrExit)(IR_EXIT_SLOT0 + slot));
}

void x86_lower_exit_tb(X86Ctx *c, const IrOp *op)
{
    x86_ra_sync_globals(c);
    emit_leave(c, (IrExit)ir_carg(op, 0));
}

/* The jump-cache probe (BackendLookup); every miss goes to the shared
 * lookup_miss code.  The entry's code word is loaded once and tested, as
 * the exec layer empties an entry by zeroing it:
 *     mov  pc, [env + pc_off]       (or the pc global's register)
 *     mov  e, pc; shr e, bits; xor e32, pc32
 *     shl  e32, shift - 2; and e32, mask << shift; add e, [env + cache_off]
 *     cmp  pc, [e + entry_pc];       jne miss
 *     mov  pc32, [env + flags_off];  cmp pc32, [e + entry_flags]; jne miss
 *     mov  pc, [e + entry_code];     test pc, pc; je miss
 *     jmp  pc */
static void emit_lookup_probe(X86Ctx *c, int pc, int e, int pc_src)
{
    X86Buf *b = &c->buf;
    const BackendLookup *l = &c->be->lookup;
    uintptr_t miss = c->be->lookup_miss_rx;
    if (pc_src != X86_NO_REG)
        x86_emit_mov_rr(b, pc, pc_src, true);
    else
        x86_emit_rm(b, X86_OP_MOV_GvEv | X86_P_W, pc, X86_REG_ENV, l->pc_off);
    x86_emit_mov_rr(b, e, pc, true);
    x86_emit_shift_ri(b, X86_SH_SHR, e, l->cache_bits, true);
    x86_emit_alu_rr(b, X86_ALU_XOR, e, pc, false);
    if (l->entry_shift > 2)
        x86_emit_shift_ri(b, X86_SH_SHL, e, l->entry_shift - 2, false);
    x86_emit_alu_ri(b, X86_ALU_AND, e,
                    (int32_t)(((1u << l->cache_bits) - 1) << l->entry_shift), false);
    x86_emit_rm(b, X86_OP_ALU_GvEv(X86_ALU_ADD) | X86_P_W, e, X86_REG_ENV, l->cache_off);
    x86_emit_rm(b, X86_OP_ALU_GvEv(X86_ALU_CMP) | X86_P_W, pc, e, l->entry_pc_off);
    x86_emit_jcc32(b, X86_CC_NE, miss);
    x86_emit_rm(b, X86_OP_MOV_GvEv, pc, X86_REG_ENV, l->flags_off);
    x86_emit_rm(b, X86_OP_ALU_GvEv(X86_ALU_CMP), pc, e, l->entry_flags_off);
    x86_emit_jcc32(b, X86_CC_NE, miss);
    x86_emit_rm(b, X86_OP_MOV_GvEv | X86_P_W, pc, e, l->entry_code_off);
    x86_emit_rr(b, X86_OP_TEST_EvGv | X86_P_W, pc, pc);
    x86_emit_jcc32(b, X86_CC_E, miss);
    x86_emit_jmp_r(b, pc);
}

/* A register that holds the value of the pc global after the sync, else
 * X86_NO_REG: the pc's own, or that of the global the op before copied
 * into it (RET's "mov pc, x30", whose mov stores x30's register straight
 * to env).  The probe then copies a register instead of reloading the
 * field the sync or mov has just stored: store-to-load forwarding sat on
 * the probe's critical path.  A dead block temp's register is not used
 * (nothing says it still holds the value). */
static int lookup_pc_reg(const X86Ctx *c, const IrOp *op)
{
    const IrFunc *f = c->f;
    IrTemp pc = c->be->pc_temp;      /* found once per globals template */
    if (pc == IR_NO_TEMP)
        return X86_NO_REG;
    if (c->ts[pc].loc == X86_LOC_REG)
        return c->ts[pc].reg;
    if (op == f->ops || op[-1].opc != IR_MOV || ir_out(&op[-1], 0) != pc)
        return X86_NO_REG;
    IrTemp src = ir_in(&op[-1], 0);
    if (ir_temp_kind(f, src) != IR_TEMP_GLOBAL || c->ts[src].loc != X86_LOC_REG)
        return X86_NO_REG;
    return c->ts[src].reg;
}

/* Globals go to memory (the next TB, or the lookup, reads the pc there);
 * then the inline probe, or straight to the shared miss code. */
void x86_lower_lookup(X86Ctx *c, const IrOp *op)
{
    x86_ra_sync_globals(c);
    if (c->be->lookup.inline_cache) {
        int pc_src = lookup_pc_reg(c, op);
        if (pc_src != X86_NO_REG)
            c->locked |= X86_RS(pc_src);
        int pc = x86_ra_scratch(c, X86_RS_CALLER_SAVED);
        int e = x86_ra_scratch(c, X86_RS_CALLER_SAVED);
        emit_lookup_probe(c, pc, e, pc_src);
    } else {
        x86_emit_jmp32(&c->buf, c->be->lookup_miss_rx);
    }
    x86_ra_reset(c);
}
