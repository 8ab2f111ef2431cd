/* exec/cpu-exec.c — the cpu loop, the in-code lookup, unwinding.
 *
 * cpu_exec() is a sequence of short steps, repeated until an exception:
 *
 *     landing pad (sigsetjmp) for cpu_loop_exit()
 *     pending exception?        -> return it
 *     exit request?             -> clear it, return TERN_EXCP_INTERRUPT
 *     find the TB               (jump cache, hash, translate on a miss)
 *     chain the previous exit   (patch its slot to this TB)
 *     run it                    (Backend.enter)
 *     decode the exit           (tb_cookie | IrExit, or 0 for a lookup miss)
 *
 * Only cpu_loop_exit() longjmps, and only to this loop; the landing pad
 * forgets the previous exit (its TB may be gone) and re-enters the steps,
 * whose first one returns the exception the longjmp's caller recorded.
 *
 * Between its entry and its return a CPU counts as running for the
 * stop-the-world flush (exec.c): the flush asks it to leave through
 * exit_request, which the loop and every TB entry check.
 *
 * Lookups take no lock: the jump cache is the CPU's own (other threads
 * only empty entries), and hash chains are published with release stores
 * while TBs are freed only by a flush, which no CPU inside cpu_exec can
 * overlap.  Only a miss (translation) and chaining take Exec.lock.
 *
 * "The previous exit" is (TB, slot, flush generation).  It is chained only
 * when no flush happened since that TB ran (its arena slot may have been
 * reused) and neither side was invalidated meanwhile (tb_add_jump checks).
 */
#include "exec/exec-internal.h"

#include <stdlib.h>

typedef struct TbExit {
    TB *tb;              /* NULL: nothing to chain */
    unsigned slot;
    uint64_t gen;        /* Exec.flush_gen when tb ran */
} TbExit;

/* ---- Lookup ----------------------------------------------------------------- */

static uint64_t cpu_pc(const Exec *ex, const TernCPU *cpu)
{
    return *(const uint64_t *)((const char *)cpu + ex->arch->pc_offset);
}

/* Only this thread fills its entries; other threads only empty them (code
 * = 0), so pc, flags and tb are this thread's own writes.  A TB emptied
 * between the load and the use is still whole (arena slots live until a
 * flush): the caller enters it at most once more, as one already running
 * would. */
static TB *jmp_cache_get(const TernCPU *cpu, uint64_t pc, uint32_t flags)
{
    const TernJmpEntry *e = &cpu->jmp_cache[tern_jmp_cache_index(pc)];
    uintptr_t code = __atomic_load_n(&e->code, __ATOMIC_RELAXED);
    return code && e->pc == pc && e->flags == flags ? e->tb : NULL;
}

/* Fills tb's entry; false (entry left empty) when tb is invalid.  Against
 * tb_invalidate on another thread, which sets invalid and then empties
 * the entries holding tb: both sides store, then load the other's word,
 * sequentially consistent, so either that drop sees this entry or this
 * load sees invalid.  A dropped TB thus never stays in a jump cache. */
static bool jmp_cache_set(TernCPU *cpu, TB *tb)
{
    TernJmpEntry *e = &cpu->jmp_cache[tern_jmp_cache_index(tb->pc)];
    e->pc = tb->pc;
    e->flags = tb->flags;
    e->tb = tb;
    __atomic_store_n(&e->code, tb->code_rx, __ATOMIC_SEQ_CST);
    if (!__atomic_load_n(&tb->invalid, __ATOMIC_SEQ_CST))
        return true;
    __atomic_store_n(&e->code, 0, __ATOMIC_RELAXED);
    return false;
}

/* Jump cache, then the hash, both without the lock; never translates.
 * NULL may be a false miss (a hash chain being changed): the caller asks
 * again under the lock before translating.  Both probes are cache misses
 * more often than not (a random line of a 128 KiB cache, of a table of
 * 8 bytes per TB), two in a row where the jump cache misses: the hash
 * slot is prefetched first so that they overlap. */
static TB *tb_lookup(Exec *ex, TernCPU *cpu, uint64_t pc, uint32_t flags)
{
    exec_count(&ex->stats.lookups);
    tb_hash_prefetch(ex, pc, flags);
    TB *tb = jmp_cache_get(cpu, pc, flags);
    if (tb)
        return tb;
    tb = tb_hash_lookup(ex, pc, flags);
    return tb && jmp_cache_set(cpu, tb) ? tb : NULL;
}

/* What LOOKUP_AND_GOTO calls when the inline probe of the jump cache
 * missed (or there is none: interpreter, logging). */
uintptr_t exec_lookup_fn(void *env)
{
    TernCPU *cpu = env;
    Exec *ex = cpu->exec;
    if (cpu->exit_request || exec_logging(ex, TERN_LOG_NOCHAIN))
        return 0;
    TB *tb = tb_lookup(ex, cpu, cpu_pc(ex, cpu), cpu->tb_flags);
    if (!tb) {
        exec_count(&ex->stats.lookup_misses);
        return 0;
    }
    if (exec_logging(ex, TERN_LOG_EXEC | TERN_LOG_CPU))
        exec_log_trace(ex, cpu, tb);
    return tb->code_rx;
}

/* Finds or translates the TB at the cpu's pc, and chains last to it.
 * *gen is the flush generation the TB belongs to (read before the TB is
 * found, so a flush in between can only make it look older).  NULL when
 * the code buffer is full and only a stop-the-world flush can make room.
 * An unlocked miss is asked again under the lock only when a TB was
 * inserted since (Exec.hash_gen, read before it): another CPU may have
 * made this one.  The unlocked lookup may also have dropped a TB found
 * invalid; that one is out of the hash once the lock is ours. */
static TB *tb_find(Exec *ex, TernCPU *cpu, const TbExit *last, uint64_t *gen)
{
    uint64_t pc = cpu_pc(ex, cpu);
    uint32_t flags = cpu->tb_flags;
    bool chain = last->tb && !exec_logging(ex, TERN_LOG_NOCHAIN);
    *gen = __atomic_load_n(&ex->flush_gen, __ATOMIC_ACQUIRE);
    uint64_t hash_gen = __atomic_load_n(&ex->hash_gen, __ATOMIC_ACQUIRE);
    TB *tb = tb_lookup(ex, cpu, pc, flags);
    if (tb && !chain)
        return tb;
    exec_lock(ex);
    if (!tb) {
        if (ex->hash_gen != hash_gen)
            tb = tb_hash_lookup(ex, pc, flags);
        if (!tb) {
            exec_count(&ex->stats.lookup_misses);
            tb = tb_gen_code(ex, pc, flags);
            if (!tb) {
                exec_unlock(ex);
                return NULL;
            }
            *gen = ex->flush_gen;
        }
        jmp_cache_set(cpu, tb);
    }
    if (chain && last->gen == ex->flush_gen)
        tb_add_jump(ex, last->tb, last->slot, tb);
    exec_unlock(ex);
    return tb;
}

/* ---- The loop ----------------------------------------------------------------- */

static bool cpu_handle_exit_request(TernCPU *cpu)
{
    if (!cpu->exit_request)
        return false;
    cpu->exit_request = 0;
    cpu->exception = TERN_EXCP_INTERRUPT;
    return true;
}

static uintptr_t cpu_tb_exec(Exec *ex, TernCPU *cpu, TB *tb)
{
    if (exec_logging(ex, TERN_LOG_EXEC | TERN_LOG_CPU))
        exec_log_trace(ex, cpu, tb);
    return ex->backend->enter(ex->be, cpu, tb->code_rx);
}

/* enter() returns tb_cookie | IrExit, or 0 when LOOKUP_AND_GOTO missed.
 * A TB that leaves at its exit-request check has not run, and may have
 * been entered through a chained jump, which does not store the pc (the
 * frontend stores it on unchained exits only): the pc is the TB's. */
static TbExit cpu_decode_exit(Exec *ex, TernCPU *cpu, uintptr_t ret, uint64_t gen)
{
    unsigned code = ret & IR_EXIT_MASK;
    if (ret != 0 && code == IR_EXIT_REQUESTED)
        ex->arch->set_pc(cpu, ((const TB *)(ret - code))->pc);
    if (ret == 0 || code >= IR_GOTO_TB_SLOTS)
        return (TbExit){ NULL, 0, 0 };
    return (TbExit){ (TB *)(ret - code), code, gen };
}

static int cpu_exec_loop(Exec *ex, TernCPU *cpu)
{
    TbExit last = { NULL, 0, 0 };
    for (;;) {
        if (cpu->exception != TERN_EXCP_NONE)
            return cpu->exception;
        if (cpu_handle_exit_request(cpu))
            return TERN_EXCP_INTERRUPT;
        uint64_t gen;
        TB *tb = tb_find(ex, cpu, &last, &gen);
        if (!tb) {
            exec_flush_exclusive(ex, cpu);
            last = (TbExit){ NULL, 0, 0 };
            continue;
        }
        last = cpu_decode_exit(ex, cpu, cpu_tb_exec(ex, cpu, tb), gen);
    }
}

int cpu_exec(Exec *ex, TernCPU *cpu)
{
    sigjmp_buf landing;
    sigjmp_buf *outer = cpu->loop_jmp;
    exec_cpu_start(ex, cpu);
    cpu->loop_jmp = &landing;
    /* The signal mask is not saved (that is a system call per entry): a
     * cpu_loop_exit() from a host signal handler restores the mask the
     * handler interrupted itself (see cpu_loop_exit in exec.h). */
    if (sigsetjmp(landing, 0) != 0 && exec_lock_held_by_me(ex))
        exec_unlock(ex);
    int excp = cpu_exec_loop(ex, cpu);
    cpu->loop_jmp = outer;
    exec_cpu_end(ex, cpu);
    return excp;
}

_Noreturn void cpu_loop_exit(TernCPU *cpu)
{
    if (!cpu->loop_jmp) {
        fprintf(stderr, "tern: cpu_loop_exit outside cpu_exec (exception %d)\n",
                cpu->exception);
        abort();
    }
    siglongjmp(*cpu->loop_jmp, 1);
}

/* ---- Unwinding ---------------------------------------------------------------- */

bool exec_restore_state(Exec *ex, TernCPU *cpu, uintptr_t host_pc)
{
    uintptr_t pos = ex->backend->fault_pos(ex->be, host_pc);
    /* A fault while this thread translates is the translator's own. */
    if (!pos || !codebuf_contains(&ex->code, pos) || exec_lock_held_by_me(ex))
        return false;
    exec_lock(ex);
    TB *tb = tb_by_code(ex, pos);
    uint64_t pc = 0;
    bool found = tb && tb_insn_at(tb, (uint32_t)(pos - tb->code_rx), &pc);
    exec_unlock(ex);
    if (found)
        ex->arch->set_pc(cpu, pc);
    return found;
}
