/* exec/exec.c — an Exec's lifecycle, its CPUs, and the public wrappers
 * that take the lock around tb.c's operations.
 *
 * exec_new() builds everything an Exec needs up front (code buffer, TB
 * tables, the IrFunc with the arch's globals, the backend's shared code,
 * the perf map) and fails as a whole, with a message, if any part fails.
 * Live Execs survive fork(): the child gets its own code buffer.
 *
 * Stop-the-world flushes.  Exec.run_lock guards nrunning (CPUs inside
 * cpu_exec) and exclusive (a flush wants or has the world stopped).  The
 * flushing thread sets exclusive, raises the exit_request of every CPU
 * inside cpu_exec (TernCPU.in_exec; one running chained code leaves at its
 * next TB entry, and cpu_exec returns TERN_EXCP_INTERRUPT), waits for
 * nrunning to reach 0, flushes under Exec.lock, clears exclusive and wakes
 * the CPUs waiting to enter cpu_exec.  A second thread finding the buffer
 * full meanwhile just waits for the first flush.
 */
#include "exec/exec-internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- The lock --------------------------------------------------------------- */

/* Not recursive: exec code never calls back into a locking entry point
 * (exec_invalidate from read_code would deadlock; debug builds catch it). */
void exec_lock(Exec *ex)
{
    assert(!exec_lock_held_by_me(ex) && "exec lock taken recursively");
    pthread_mutex_lock(&ex->lock);
    __atomic_store_n(&ex->lock_owner, pthread_self(), __ATOMIC_RELAXED);
    __atomic_store_n(&ex->locked, true, __ATOMIC_RELAXED);
}

void exec_unlock(Exec *ex)
{
    __atomic_store_n(&ex->locked, false, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&ex->lock);
}

/* Only this thread stores its own id, so a match can't be a stale read. */
bool exec_lock_held_by_me(const Exec *ex)
{
    return __atomic_load_n(&ex->locked, __ATOMIC_RELAXED)
        && pthread_equal(__atomic_load_n(&ex->lock_owner, __ATOMIC_RELAXED),
                         pthread_self());
}

/* ---- Fork --------------------------------------------------------------------
 *
 * fork() copies an Exec but, with W^X, leaves its code buffer shared with
 * the parent (codebuf.c).  Handlers registered once with pthread_atfork
 * hold every live Exec's lock across the fork, so the child never sees a
 * translation or a chaining half done, and give a W^X child private code
 * buffers, copied before the fork while the lock stops every change.  The list of live
 * Execs is exec's one piece of process-wide state: the handlers take no
 * argument. */

static pthread_mutex_t exec_fork_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t exec_fork_once = PTHREAD_ONCE_INIT;
static Exec *exec_fork_list;

/* The child's copy of each code buffer is made here, under the lock: see
 * codebuf.c for why it cannot wait until the child runs. */
static void exec_fork_prepare(void)
{
    pthread_mutex_lock(&exec_fork_lock);
    for (Exec *ex = exec_fork_list; ex; ex = ex->fork_next) {
        exec_lock(ex);
        (void)codebuf_fork_prepare(&ex->code);   /* failure: the child aborts */
    }
}

static void exec_fork_parent(void)
{
    for (Exec *ex = exec_fork_list; ex; ex = ex->fork_next) {
        codebuf_fork_parent(&ex->code);
        exec_unlock(ex);
    }
    pthread_mutex_unlock(&exec_fork_lock);
}

static void exec_run_state_init(Exec *ex)
{
    pthread_mutex_init(&ex->run_lock, NULL);
    pthread_cond_init(&ex->run_cond, NULL);
    ex->nrunning = 0;
    ex->exclusive = false;
}

/* Only the forking thread lives on in the child, and it is not inside
 * cpu_exec (fork is a syscall): nobody runs, nobody flushes. */
static void exec_fork_child(void)
{
    for (Exec *ex = exec_fork_list; ex; ex = ex->fork_next) {
        if (!codebuf_fork_child(&ex->code))
            abort();   /* running on would corrupt the parent's code */
        exec_run_state_init(ex);
        exec_unlock(ex);
    }
    pthread_mutex_unlock(&exec_fork_lock);
}

static void exec_fork_register(void)
{
    pthread_atfork(exec_fork_prepare, exec_fork_parent, exec_fork_child);
}

static void exec_fork_track(Exec *ex, bool live)
{
    pthread_once(&exec_fork_once, exec_fork_register);
    pthread_mutex_lock(&exec_fork_lock);
    Exec **pp = &exec_fork_list;
    while (*pp && *pp != ex)
        pp = &(*pp)->fork_next;
    if (live && !*pp)
        *pp = ex;
    else if (!live && *pp)
        *pp = ex->fork_next;
    pthread_mutex_unlock(&exec_fork_lock);
}

/* ---- Lifecycle ----------------------------------------------------------------- */

static bool exec_check_config(const ExecConfig *cfg)
{
    if (!cfg->arch || !cfg->backend || !cfg->read_code) {
        fprintf(stderr, "tern: exec_new needs an arch, a backend and read_code\n");
        return false;
    }
    if (cfg->arch->pc_offset < sizeof(TernCPU)
        || cfg->arch->pc_offset + sizeof(uint64_t) > cfg->arch->cpu_size) {
        fprintf(stderr, "tern: %s: pc_offset is not in the CPU struct\n", cfg->arch->name);
        return false;
    }
    if (cfg->max_insns > TB_MAX_INSNS_LIMIT) {
        fprintf(stderr, "tern: at most %u insns per TB\n", TB_MAX_INSNS_LIMIT);
        return false;
    }
    if (cfg->code_size > CODEBUF_SIZE_MAX) {
        fprintf(stderr, "tern: code buffer of %zu MiB is over the %zu MiB limit\n",
                cfg->code_size >> 20, CODEBUF_SIZE_MAX >> 20);
        return false;
    }
    return true;
}

static void exec_fill_defaults(ExecConfig *cfg)
{
    if (!cfg->code_size)
        cfg->code_size = CODEBUF_SIZE_DEFAULT;
    if (!cfg->max_insns)
        cfg->max_insns = TB_MAX_INSNS_DEFAULT;
    if (!cfg->log)
        cfg->log = stderr;
}

/* The jump cache as generated code probes it; not with the logs that
 * must see every TB entered, or none chained. */
static BackendLookup exec_backend_lookup(const Exec *ex)
{
    return (BackendLookup){
        .fn = exec_lookup_fn,
        .inline_cache = !exec_logging(ex, TERN_LOG_EXEC | TERN_LOG_CPU | TERN_LOG_NOCHAIN),
        .pc_off = (int32_t)ex->arch->pc_offset,
        .flags_off = (int32_t)offsetof(TernCPU, tb_flags),
        .cache_off = (int32_t)offsetof(TernCPU, jmp_cache),
        .cache_bits = TERN_JMP_CACHE_BITS,
        .entry_shift = TERN_JMP_ENTRY_SHIFT,
        .entry_pc_off = (int32_t)offsetof(TernJmpEntry, pc),
        .entry_flags_off = (int32_t)offsetof(TernJmpEntry, flags),
        .entry_code_off = (int32_t)offsetof(TernJmpEntry, code),
    };
}

static bool exec_setup(Exec *ex)
{
    if (!codebuf_init(&ex->code, ex->cfg.code_size, ex->cfg.code_wx)
        || !tb_tables_init(ex))
        return false;
    ex->ir = ir_func_new();
    if (!ex->ir) {
        fprintf(stderr, "tern: out of memory (IR)\n");
        return false;
    }
    ex->arch->init_globals(ex->ir);
    size_t used = 0;
    BackendLookup lookup = exec_backend_lookup(ex);
    ex->be = ex->backend->create(&ex->cfg.mem, &lookup, codebuf_all(&ex->code), &used);
    if (!ex->be)
        return false;
    if (used >= ex->code.size) {
        fprintf(stderr, "tern: the %s backend's shared code fills the code buffer\n",
                ex->backend->name);
        return false;
    }
    codebuf_set_shared(&ex->code, used);
    return !ex->cfg.perf_map || exec_perf_map_open(ex);
}

Exec *exec_new(const ExecConfig *cfg)
{
    if (!exec_check_config(cfg))
        return NULL;
    Exec *ex = calloc(1, sizeof(*ex));
    if (!ex) {
        fprintf(stderr, "tern: out of memory (Exec)\n");
        return NULL;
    }
    ex->cfg = *cfg;
    exec_fill_defaults(&ex->cfg);
    ex->arch = cfg->arch;
    ex->backend = cfg->backend;
    ex->log = ex->cfg.log;
    pthread_mutex_init(&ex->lock, NULL);
    exec_run_state_init(ex);
    if (!exec_setup(ex)) {
        exec_free(ex);
        return NULL;
    }
    exec_fork_track(ex, true);
    return ex;
}

void exec_free(Exec *ex)
{
    if (!ex)
        return;
    exec_print_stats(ex);
    exec_fork_track(ex, false);
    if (ex->be)
        ex->backend->destroy(ex->be);
    if (ex->perf_map)
        fclose(ex->perf_map);
    codebuf_destroy(&ex->code);
    tb_tables_destroy(ex);
    ir_func_free(ex->ir);
    free(ex->insn_end);
    free(ex->cpus);
    pthread_mutex_destroy(&ex->lock);
    pthread_mutex_destroy(&ex->run_lock);
    pthread_cond_destroy(&ex->run_cond);
    free(ex);
}

/* ---- CPUs ------------------------------------------------------------------------ */

#define EXEC_JMP_CACHE_BYTES (sizeof(TernJmpEntry) << TERN_JMP_CACHE_BITS)

void exec_cpu_init(Exec *ex, TernCPU *cpu)
{
    /* Committed at once: lookups touch it all over (exec/mem.c). */
    cpu->jmp_cache = exec_map_populated(EXEC_JMP_CACHE_BYTES);
    cpu->exec = ex;
    cpu->in_exec = false;
    cpu->exit_request = 0;
    cpu->exception = TERN_EXCP_NONE;
    cpu->loop_jmp = NULL;
    exec_lock(ex);
    if (ex->ncpus == ex->cpus_cap) {
        size_t cap = ex->cpus_cap ? ex->cpus_cap * 2 : 4;
        TernCPU **cpus = realloc(ex->cpus, cap * sizeof(*cpus));
        if (cpus) {
            ex->cpus = cpus;
            ex->cpus_cap = cap;
        }
    }
    if (!cpu->jmp_cache || ex->ncpus == ex->cpus_cap) {
        fprintf(stderr, "tern: out of memory (CPU)\n");
        abort();
    }
    /* Registered so that invalidation and flushes clear its jump cache. */
    ex->cpus[ex->ncpus++] = cpu;
    exec_unlock(ex);
}

void exec_cpu_destroy(Exec *ex, TernCPU *cpu)
{
    exec_lock(ex);
    for (size_t i = 0; i < ex->ncpus; i++) {
        if (ex->cpus[i] == cpu) {
            ex->cpus[i] = ex->cpus[--ex->ncpus];
            break;
        }
    }
    exec_unlock(ex);
    exec_unmap(cpu->jmp_cache, EXEC_JMP_CACHE_BYTES);
    cpu->jmp_cache = NULL;
}

void exec_fork_child_cpu(Exec *ex, TernCPU *cpu)
{
    exec_lock(ex);
    ex->ncpus = 0;
    ex->cpus[ex->ncpus++] = cpu;
    exec_unlock(ex);
}

/* ---- Stop the world ------------------------------------------------------------ */

void exec_cpu_start(Exec *ex, TernCPU *cpu)
{
    pthread_mutex_lock(&ex->run_lock);
    while (ex->exclusive)
        pthread_cond_wait(&ex->run_cond, &ex->run_lock);
    ex->nrunning++;
    cpu->in_exec = true;
    pthread_mutex_unlock(&ex->run_lock);
}

/* run_lock held. */
static void exec_cpu_leave(Exec *ex, TernCPU *cpu)
{
    assert(ex->nrunning > 0 && cpu->in_exec);
    cpu->in_exec = false;
    if (--ex->nrunning == 0 && ex->exclusive)
        pthread_cond_broadcast(&ex->run_cond);
}

void exec_cpu_end(Exec *ex, TernCPU *cpu)
{
    pthread_mutex_lock(&ex->run_lock);
    exec_cpu_leave(ex, cpu);
    pthread_mutex_unlock(&ex->run_lock);
}

/* run_lock held, exclusive ours: stops everyone, flushes, restarts them.
 * Only CPUs inside cpu_exec are asked to leave; the others cannot enter. */
static void exec_stop_world_and_flush(Exec *ex)
{
    exec_lock(ex);
    for (size_t i = 0; i < ex->ncpus; i++)
        if (ex->cpus[i]->in_exec)
            ex->cpus[i]->exit_request = 1;
    exec_unlock(ex);
    while (ex->nrunning > 0)
        pthread_cond_wait(&ex->run_cond, &ex->run_lock);
    exec_lock(ex);
    tb_flush(ex);
    exec_unlock(ex);
    ex->exclusive = false;
    pthread_cond_broadcast(&ex->run_cond);
}

void exec_flush_exclusive(Exec *ex, TernCPU *self)
{
    pthread_mutex_lock(&ex->run_lock);
    if (self)
        exec_cpu_leave(ex, self);
    if (ex->exclusive) {
        while (ex->exclusive)   /* another thread's flush serves us too */
            pthread_cond_wait(&ex->run_cond, &ex->run_lock);
    } else {
        ex->exclusive = true;
        exec_stop_world_and_flush(ex);
    }
    if (self) {
        ex->nrunning++;
        self->in_exec = true;
    }
    pthread_mutex_unlock(&ex->run_lock);
}

/* ---- Cache maintenance and queries ---------------------------------------------- */

void exec_invalidate(Exec *ex, uint64_t start, uint64_t len)
{
    exec_lock(ex);
    tb_invalidate_range(ex, start, len);
    exec_unlock(ex);
}

void exec_flush(Exec *ex)
{
    exec_flush_exclusive(ex, NULL);
}

const ExecStats *exec_stats(const Exec *ex)
{
    return &ex->stats;
}

const GuestArch *exec_arch(const Exec *ex)
{
    return ex->arch;
}
