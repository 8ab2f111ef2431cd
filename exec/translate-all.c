/* exec/translate-all.c — the translation pipeline, guest pc to installed TB.
 *
 * tb_gen_code() reads top to bottom: reset the IrFunc, ask for the TB-start
 * exit-request check, let the frontend append the guest code, verify,
 * optimize (which leaves the liveness the backend needs), verify, emit host
 * code, record the insn map, log, install.  Logs come in QEMU's order: IN
 * (guest code), OP, OP after optimization, OUT.  It runs with Exec.lock held
 * and uses the Exec's single IrFunc.
 *
 * The exit-request check is IrFunc.entry_check = offsetof(TernCPU,
 * exit_request): every backend starts the TB with "leave with
 * IR_EXIT_REQUESTED if that word is nonzero", so a loop of chained TBs
 * notices a signal or stop request within one TB.  It is a TB attribute
 * rather than four ops (ld_env, brcond, set_label, exit_tb) because those
 * were a fifth of a typical TB's ops, walked by every pass.
 *
 * Emission may find the code buffer (or the TB arena) full.  With one CPU
 * the whole cache is flushed in place and emission retried once; a flush
 * invalidates every TB pointer the caller held, which it detects through
 * Exec.flush_gen.  With several CPUs others may be running the code, so
 * tb_gen_code() gives up (NULL) and the cpu loop flushes stop-the-world.
 */
#include "exec/exec-internal.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void tb_fatal(const char *why, uint64_t pc)
{
    fprintf(stderr, "tern: cannot translate the block at 0x%" PRIx64 ": %s\n",
            pc, why);
    abort();
}

/* Debug builds check the IR after each stage; a failure is a bug in the
 * stage named, never a guest problem. */
static void tb_verify(Exec *ex, IrFunc *f, const char *stage, uint64_t pc)
{
#ifdef TERN_DEBUG
    if (ir_verify(f, stderr))
        return;
    fprintf(stderr, "tern: invalid IR after %s (TB at 0x%" PRIx64 "):\n", stage, pc);
    ir_print(f, stderr);
    abort();
#else
    (void)ex, (void)f, (void)stage, (void)pc;
#endif
}

/* Sizes the per-insn scratch array (kept across TBs) for n insns. */
static void tb_insn_scratch(Exec *ex, uint32_t n)
{
    if (n <= ex->insn_cap)
        return;
    uint32_t cap = n > 2 * ex->insn_cap ? n : 2 * ex->insn_cap;
    uint32_t *ends = realloc(ex->insn_end, cap * sizeof(*ends));
    if (!ends)
        tb_fatal("out of memory", 0);
    ex->insn_end = ends;
    ex->insn_cap = cap;
}

/* An arena slot for the TB; flushes once when the arena is full, or
 * returns NULL when it may not flush in place. */
static TB *tb_alloc_or_flush(Exec *ex, uint64_t pc, uint32_t npages, uint32_t ninsns)
{
    TB *tb = tb_alloc(ex, npages, ninsns);
    if (!tb) {
        if (!exec_may_flush_in_place(ex))
            return NULL;
        tb_flush(ex);
        tb = tb_alloc(ex, npages, ninsns);
        if (!tb)
            tb_fatal("the TB does not fit in an empty TB arena", pc);
    }
    return tb;
}

/* Emits f as a TB's code; flushes once when the code buffer is full, or
 * returns NULL when it may not flush in place. */
static TB *tb_emit(Exec *ex, IrFunc *f, uint64_t pc, uint64_t size)
{
    uint32_t npages = tb_page_count(pc, size);
    tb_insn_scratch(ex, f->ninsns + 1);
    for (int attempt = 0;; attempt++) {
        TB *tb = tb_alloc_or_flush(ex, pc, npages, f->ninsns);
        if (!tb)
            return NULL;
        BackendCode code = codebuf_free_space(&ex->code);
        BackendTbOut out = { .insn_end = ex->insn_end };
        if (ex->backend->emit_tb(ex->be, f, (uintptr_t)tb, code, &out)) {
            tb->code_rx = code.rx;
            tb->code_size = (uint32_t)out.code_size;
            memcpy(tb->jmp_slot, out.jmp_slot, sizeof(tb->jmp_slot));
            memcpy(tb->jmp_reset, out.jmp_reset, sizeof(tb->jmp_reset));
            codebuf_commit(&ex->code, out.code_size);
            return tb;
        }
        if (attempt)
            tb_fatal("the TB does not fit in an empty code buffer", pc);
        if (!exec_may_flush_in_place(ex))
            return NULL;
        tb_flush(ex);
    }
}

/* Pairs each guest insn's pc (IrFunc.insn_pc) with the backend's end
 * offset for it. */
static void tb_fill_insn_map(Exec *ex, TB *tb, const IrFunc *f)
{
    tb_set_insn_map(tb, f->insn_pc, ex->insn_end, f->ninsns);
    tb_alloc_trim(ex, tb_insn_map(tb) + tb->insn_map_size);
}

/* The TB's own bytes and the peeked ones, which the frontend keeps on the
 * TB's first page (so the page links cover them). */
static void tb_set_watch(TB *tb, const uint64_t peek[2])
{
    uint64_t first = tb->pc;
    uint64_t last = tb->pc + (tb->guest_size ? tb->guest_size - 1 : 0);
    if (peek[0] != peek[1]) {
        assert(peek[0] >> TB_PAGE_BITS == tb->pc >> TB_PAGE_BITS &&
               (peek[1] - 1) >> TB_PAGE_BITS == tb->pc >> TB_PAGE_BITS &&
               "TranslateReq.peek stays on the TB's first page");
        if (peek[0] < first)
            first = peek[0];
        if (peek[1] - 1 > last)
            last = peek[1] - 1;
    }
    tb->watch_before = (uint32_t)(tb->pc - first);
    tb->watch_after = (uint32_t)(last - tb->pc);
}

static void tb_account(Exec *ex, const TB *tb)
{
    ex->stats.tbs_translated++;
    ex->stats.guest_insns_translated += tb->ninsns;
    ex->stats.host_bytes += tb->code_size;
}

TB *tb_gen_code(Exec *ex, uint64_t pc, uint32_t flags)
{
    uint64_t stats_start = exec_stats_clock(ex);
    IrFunc *f = ex->ir;
    uint64_t peek[2] = { pc, pc };
    TranslateReq req = { .pc = pc, .flags = flags, .max_insns = ex->cfg.max_insns,
                         .read_code = ex->cfg.read_code, .code_ptr = ex->cfg.code_ptr,
                         .opaque = ex->cfg.mem_opaque,
                         .peek = peek };

    ir_func_reset(f);
    f->entry_check = (int32_t)offsetof(TernCPU, exit_request);
    uint64_t size = ex->arch->translate(f, &req);
    assert(size > 0 && "GuestArch.translate covers at least one byte");
    if (exec_logging(ex, TERN_LOG_IN_ASM))
        exec_log_in_asm(ex, pc, flags, size);
    if (exec_logging(ex, TERN_LOG_OP))
        exec_log_ir(ex, "OP:", f);
    tb_verify(ex, f, "the frontend", pc);

    ir_optimize(f);
    tb_verify(ex, f, "the optimizer", pc);
    if (exec_logging(ex, TERN_LOG_OP_OPT))
        exec_log_ir(ex, "OP after optimization:", f);

    TB *tb = tb_emit(ex, f, pc, size);
    exec_stats_add_translate(ex, stats_start);
    if (!tb)
        return NULL;
    tb->pc = pc;
    tb->flags = flags;
    tb->guest_size = (uint32_t)size;
    tb_set_watch(tb, peek);
    tb_fill_insn_map(ex, tb, f);

    if (exec_logging(ex, TERN_LOG_OUT_ASM))
        exec_log_out_asm(ex, tb);
    if (ex->perf_map)
        exec_perf_map_add(ex, tb);
    tb_insert(ex, tb);
    tb_account(ex, tb);
    return tb;
}
