/* tests/unit/test-exec.c — the execution engine against a toy guest.
 *
 * The toy guest and the fake backend are in test-exec-toy.c.  Every engine
 * test runs on the fake backend and, when they are linked in, on the
 * interpreter (TEST_EXEC_INTERP) and the x86-64 JIT (TEST_EXEC_X86_64): the
 * engine must not depend on which backend runs the code.  Checks of the
 * fake backend's own counters and slots run on it only.
 */
#include "tests/unit/test-exec-toy.h"

#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* ---- Fixture --------------------------------------------------------------- */

typedef struct Fx {
    const Backend *backend;
    Exec *ex;
    ToyCPU cpu;
} Fx;

static bool is_fake(const Fx *fx) { return fx->backend == &backend_fake; }

static ExecConfig toy_config(const Backend *backend)
{
    return (ExecConfig){ .arch = &toy_arch, .backend = backend,
                         .mem = { .guest_base = 0, .addr_bits = 64 },
                         .code_size = 1 << 20, .read_code = toy_read_code };
}

static void fx_start(Fx *fx, const ExecConfig *cfg)
{
    fx->ex = exec_new(cfg);
    assert_non_null(fx->ex);
    memset(&fx->cpu, 0, sizeof(fx->cpu));
    exec_cpu_init(fx->ex, &fx->cpu.common);
}

static int fx_setup(void **state)
{
    Fx *fx = calloc(1, sizeof(*fx));
    fx->backend = *state;
    toy_mem_clear();
    ExecConfig cfg = toy_config(fx->backend);
    fx_start(fx, &cfg);
    *state = fx;
    return 0;
}

static void fx_stop(Fx *fx)
{
    exec_cpu_destroy(fx->ex, &fx->cpu.common);
    exec_free(fx->ex);
    fx->ex = NULL;
}

static int fx_teardown(void **state)
{
    Fx *fx = *state;
    if (fx->ex)
        fx_stop(fx);
    free(fx);
    return 0;
}

/* Runs from pc to the next exception and clears it. */
static int run_from(Fx *fx, uint64_t pc)
{
    fx->cpu.pc = pc;
    int excp = cpu_exec(fx->ex, &fx->cpu.common);
    assert_int_equal(excp, fx->cpu.common.exception);
    fx->cpu.common.exception = TERN_EXCP_NONE;
    return excp;
}

static const ExecStats *stats(const Fx *fx) { return exec_stats(fx->ex); }

static TB *find_tb(Fx *fx, uint64_t pc)
{
    return tb_hash_lookup(fx->ex, pc, fx->cpu.common.tb_flags);
}

/* ---- Tests: lookup and translation ---------------------------------------------- */

static void test_straight_line(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_ADD, 5));
    toy_put(0x1004, toy_insn(TOY_ADD, 7));
    toy_put(0x1008, toy_insn(TOY_HALT, 0));
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 12);
    assert_int_equal(fx->cpu.pc, 0x1008);
    assert_int_equal(stats(fx)->tbs_translated, 1);
    assert_int_equal(stats(fx)->guest_insns_translated, 3);
    TB *tb = find_tb(fx, 0x1000);
    assert_non_null(tb);
    assert_int_equal(tb->guest_size, 12);
    assert_true(tb->code_rx >= fx->ex->code.rx + fx->ex->code.shared);
    assert_int_equal(stats(fx)->host_bytes, tb->code_size);
}

/* The TB cached for pc, NULL when its entry is empty. */
static TB *jmp_cache_tb(Fx *fx, uint64_t pc)
{
    const TernJmpEntry *e = &fx->cpu.common.jmp_cache[tern_jmp_cache_index(pc)];
    return e->code ? e->tb : NULL;
}

static void test_lookup_hit_miss_and_jmp_cache(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_HALT, 0));
    run_from(fx, 0x1000);
    const ExecStats s1 = *stats(fx);
    assert_int_equal(s1.lookup_misses, 1);
    TB *tb = find_tb(fx, 0x1000);
    assert_ptr_equal(jmp_cache_tb(fx, 0x1000), tb);

    run_from(fx, 0x1000);                       /* jump-cache hit */
    assert_int_equal(stats(fx)->tbs_translated, 1);
    assert_int_equal(stats(fx)->lookups, s1.lookups + 1);
    assert_int_equal(stats(fx)->lookup_misses, 1);

    fx->cpu.common.jmp_cache[tern_jmp_cache_index(0x1000)].code = 0;
    run_from(fx, 0x1000);                       /* hash hit refills the cache */
    assert_int_equal(stats(fx)->tbs_translated, 1);
    assert_ptr_equal(jmp_cache_tb(fx, 0x1000), tb);

    fx->cpu.common.tb_flags = 7;                 /* other flags: another TB */
    run_from(fx, 0x1000);
    assert_int_equal(stats(fx)->tbs_translated, 2);
    assert_int_equal(stats(fx)->lookup_misses, 2);
    assert_ptr_not_equal(find_tb(fx, 0x1000), tb);
    assert_int_equal(fx->cpu.acc, 4);
}

static void test_lookup_and_goto(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_SETACC, 0x2000));
    toy_put(0x1004, toy_insn(TOY_JR, 0));
    toy_put(0x2000, toy_insn(TOY_ADD, 5));
    toy_put(0x2004, toy_insn(TOY_HALT, 0));
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);   /* miss: via the loop */
    assert_int_equal(fx->cpu.acc, 0x2005);
    assert_int_equal(stats(fx)->tbs_translated, 2);
    unsigned enters = is_fake(fx) ? fake_counts()->enters : 0;
    uint64_t lookups = stats(fx)->lookups;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);   /* hit in the code */
    assert_int_equal(fx->cpu.acc, 0x2005);
    assert_int_equal(stats(fx)->tbs_translated, 2);
    /* The loop's lookup, and the JR's unless the JIT probed the jump
     * cache inline (then no C lookup runs at all). */
#ifdef TEST_EXEC_X86_64
    bool inline_probe = fx->backend == &backend_x86_64;
#else
    bool inline_probe = false;
#endif
    assert_int_equal(stats(fx)->lookups, lookups + (inline_probe ? 1 : 2));
    assert_ptr_equal(jmp_cache_tb(fx, 0x2000), find_tb(fx, 0x2000));
    if (is_fake(fx))
        assert_int_equal(fake_counts()->enters, enters + 1);

    fx->cpu.common.exit_request = 1;            /* the lookup honours it */
    fx->cpu.pc = 0x2000;
    assert_int_equal(exec_lookup_fn(&fx->cpu.common), 0);
    fx->cpu.common.exit_request = 0;
    assert_int_equal(exec_lookup_fn(&fx->cpu.common), find_tb(fx, 0x2000)->code_rx);
}

static void test_prefetch_abort(void **state)
{
    Fx *fx = *state;
    assert_int_equal(run_from(fx, 0x40), TERN_EXCP_PREFETCH_ABORT);
    assert_int_equal(fx->cpu.pc, 0x40);
}

static void test_one_insn_per_tb(void **state)
{
    Fx *fx = *state;
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    cfg.max_insns = 1;
    fx_start(fx, &cfg);
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_ADD, 2));
    toy_put(0x1008, toy_insn(TOY_HALT, 0));
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 3);
    assert_int_equal(stats(fx)->tbs_translated, 3);
    assert_int_equal(stats(fx)->chains, 2);
}

/* ---- Tests: chaining ---------------------------------------------------------- */

/* 0x1000: ADD 1; LOOP 0x1000 -> 0x1008: HALT, with ctr = 10. */
static void put_counting_loop(void)
{
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_LOOP, 0x1000));
    toy_put(0x1008, toy_insn(TOY_HALT, 0));
}

static void test_chaining(void **state)
{
    Fx *fx = *state;
    put_counting_loop();
    fx->cpu.ctr = 10;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 10);
    assert_int_equal(fx->cpu.pc, 0x1008);
    TB *loop = find_tb(fx, 0x1000), *halt = find_tb(fx, 0x1008);
    assert_int_equal(stats(fx)->chains, 2);
    assert_ptr_equal(loop->jmp_dest[0], loop);
    assert_ptr_equal(loop->jmp_dest[1], halt);
    assert_int_equal(halt->jmp_in, (uintptr_t)loop | 1);
    if (is_fake(fx)) {
        assert_int_equal(fake_slot(loop, 0), loop->code_rx);
        assert_int_equal(fake_slot(loop, 1), halt->code_rx);
        assert_int_equal(fake_counts()->enters, 3);   /* 1st pass, 2nd pass, halt */
        assert_int_equal(fake_counts()->patches, 2);
    }
    fx->cpu.ctr = 100;                          /* fully chained now */
    uint64_t lookups = stats(fx)->lookups;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 110);
    assert_int_equal(stats(fx)->lookups, lookups + 1);   /* one entry, no exits */
    if (is_fake(fx))
        assert_int_equal(fake_counts()->enters, 4);
}

static void test_nochain(void **state)
{
    Fx *fx = *state;
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    cfg.log_mask = TERN_LOG_NOCHAIN;
    fx_start(fx, &cfg);
    put_counting_loop();
    fx->cpu.ctr = 10;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 10);
    assert_int_equal(stats(fx)->chains, 0);
    if (is_fake(fx))
        assert_int_equal(fake_counts()->enters, 11);
}

/* 0x1000: JMP 0x2000;  0x2000: JMP 0x3000;  0x3000: ADD 1; HALT. */
static void put_three_blocks(void)
{
    toy_put(0x1000, toy_insn(TOY_JMP, 0x2000));
    toy_put(0x2000, toy_insn(TOY_JMP, 0x3000));
    toy_put(0x3000, toy_insn(TOY_ADD, 1));
    toy_put(0x3004, toy_insn(TOY_HALT, 0));
}

static void test_invalidate_unchains(void **state)
{
    Fx *fx = *state;
    put_three_blocks();
    run_from(fx, 0x1000);
    TB *a = find_tb(fx, 0x1000), *b = find_tb(fx, 0x2000), *c = find_tb(fx, 0x3000);
    assert_ptr_equal(a->jmp_dest[0], b);
    assert_ptr_equal(b->jmp_dest[0], c);
    assert_int_equal(c->jmp_in, (uintptr_t)b);

    exec_invalidate(fx->ex, 0x2000, 4);
    assert_true(b->invalid);
    assert_null(find_tb(fx, 0x2000));
    assert_null(jmp_cache_tb(fx, 0x2000));
    assert_null(a->jmp_dest[0]);                /* incoming edge undone */
    assert_int_equal(a->jmp_in, 0);
    assert_int_equal(c->jmp_in, 0);             /* outgoing edge undone */
    if (is_fake(fx))
        assert_int_equal(fake_slot(a, 0), 0);
    assert_ptr_equal(find_tb(fx, 0x1000), a);
    assert_ptr_equal(find_tb(fx, 0x3000), c);
    assert_int_equal(stats(fx)->invalidations, 1);

    toy_put(0x2000, toy_insn(TOY_ADD, 100));           /* new code runs */
    toy_put(0x2004, toy_insn(TOY_JMP, 0x3000));
    run_from(fx, 0x1000);
    assert_int_equal(fx->cpu.acc, 102);
    TB *b2 = find_tb(fx, 0x2000);
    assert_ptr_equal(a->jmp_dest[0], b2);
    assert_ptr_equal(b2->jmp_dest[0], c);
    assert_int_equal(stats(fx)->tbs_translated, 4);
}

static void test_invalidate_is_exact(void **state)
{
    Fx *fx = *state;
    put_three_blocks();
    toy_put(0x1ff8, toy_insn(TOY_ADD, 1));             /* a TB across a page boundary */
    toy_put(0x1ffc, toy_insn(TOY_ADD, 2));
    toy_put(0x2004, toy_insn(TOY_HALT, 0));            /* covers 0x1ff8..0x2007 */
    run_from(fx, 0x1000);
    toy_put(0x2000, toy_insn(TOY_ADD, 4));
    run_from(fx, 0x1ff8);
    TB *span = find_tb(fx, 0x1ff8);
    assert_int_equal(span->npages, 2);
    assert_int_equal(stats(fx)->tbs_translated, 4);

    exec_invalidate(fx->ex, 0x1004, 0x1ff8 - 0x1004);   /* touches no TB */
    exec_invalidate(fx->ex, 0x3008, 0x1000);
    exec_invalidate(fx->ex, 0x2008, 0);
    assert_int_equal(stats(fx)->invalidations, 0);

    exec_invalidate(fx->ex, 0x2004, 1);         /* second page of span only */
    assert_true(span->invalid);
    assert_int_equal(stats(fx)->invalidations, 1);
    assert_non_null(find_tb(fx, 0x1000));
    assert_non_null(find_tb(fx, 0x3000));

    exec_invalidate(fx->ex, 0, UINT64_MAX);     /* everything, by TB walk */
    assert_int_equal(stats(fx)->invalidations, 4);
    assert_null(find_tb(fx, 0x1000));
    assert_null(find_tb(fx, 0x3000));
}

/* Bytes the frontend only peeked at (TranslateReq.peek) drop the TB when
 * written, like its own (the TB watches the hull of both); bytes outside
 * do not. */
static void test_invalidate_peeked(void **state)
{
    Fx *fx = *state;
    put_three_blocks();
    toy_put(0x1000, toy_insn(TOY_PEEK, 0x1010));
    toy_put(0x1004, toy_insn(TOY_JMP, 0x3000));
    run_from(fx, 0x1000);
    TB *a = find_tb(fx, 0x1000);
    assert_int_equal(a->guest_size, 8);
    exec_invalidate(fx->ex, 0xff8, 8);
    exec_invalidate(fx->ex, 0x1014, 4);
    assert_false(a->invalid);
    exec_invalidate(fx->ex, 0x1012, 1);
    assert_true(a->invalid);
    assert_int_equal(stats(fx)->invalidations, 1);
}

/* ---- Tests: flush, exit requests, unwinding ---------------------------------------- */

/* 40 blocks "ADD i + 1; JMP next", then LOOP to the first and HALT;
 * returns the sum one pass adds. */
static uint64_t put_block_chain(void)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < 40; i++) {
        toy_put(0x1000 + 8 * i, toy_insn(TOY_ADD, i + 1));
        toy_put(0x1004 + 8 * i, toy_insn(TOY_JMP, 0x1000 + 8 * (i + 1)));
        sum += i + 1;
    }
    toy_put(0x1000 + 8 * 40, toy_insn(TOY_LOOP, 0x1000));
    toy_put(0x1004 + 8 * 40, toy_insn(TOY_HALT, 0));
    return sum;
}

/* The TB arena fills before the code buffer: the same full flush. */
static void test_flush_when_arena_full(void **state)
{
    Fx *fx = *state;
    uint64_t sum = put_block_chain();
    fx->ex->arena.size = 2048;                  /* room for a few TBs */
    fx->cpu.ctr = 3;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 3 * sum);
    assert_true(stats(fx)->flushes > 0);
    assert_true(fx->ex->arena.used <= fx->ex->arena.size);
}

static void test_flush_when_full(void **state)
{
    Fx *fx = *state;
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    cfg.code_size = 8 << 10;
    fx_start(fx, &cfg);
    uint64_t sum = put_block_chain();
    fx->cpu.ctr = 5;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 5 * sum);
    if (stats(fx)->host_bytes > cfg.code_size)
        assert_true(stats(fx)->flushes > 0);
    if (is_fake(fx))
        assert_true(stats(fx)->flushes > 0);
    assert_true(fx->ex->code.used <= fx->ex->code.size);
    for (size_t i = 1; i < fx->ex->ntbs; i++)   /* the code map stays sorted */
        assert_true(fx->ex->by_code[i - 1]->code_rx < fx->ex->by_code[i]->code_rx);
    exec_flush(fx->ex);
    assert_int_equal(fx->ex->ntbs, 0);
    assert_int_equal(fx->ex->code.used, fx->ex->code.shared);
    fx->cpu.ctr = 1;
    fx->cpu.acc = 0;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, sum);
}

static void test_exit_request_stops_chained_loop(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_TICK, 0));
    toy_put(0x1004, toy_insn(TOY_JMP, 0x1000));
    fx->cpu.tick_limit = 1000;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_INTERRUPT);
    assert_int_equal(fx->cpu.ticks, 1000);
    assert_int_equal(fx->cpu.pc, 0x1000);
    assert_int_equal(fx->cpu.common.exit_request, 0);
    assert_int_equal(stats(fx)->chains, 1);
    if (is_fake(fx))
        assert_int_equal(fake_counts()->enters, 2);
    fx->cpu.tick_limit = 2000;                  /* resumes where it stopped */
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_INTERRUPT);
    assert_int_equal(fx->cpu.ticks, 2000);

    fx->cpu.common.exit_request = 1;            /* pending before entry */
    uint64_t lookups = stats(fx)->lookups;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_INTERRUPT);
    assert_int_equal(stats(fx)->lookups, lookups);
    assert_int_equal(fx->cpu.ticks, 2000);
}

static void test_restore_state(void **state)
{
    Fx *fx = *state;
    assert_false(exec_restore_state(fx->ex, &fx->cpu.common, 0));
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_ADD, 2));
    toy_put(0x1008, toy_insn(TOY_FAULT, 0));
    toy_put(0x100c, toy_insn(TOY_ADD, 4));
    toy_put(0x1010, toy_insn(TOY_HALT, 0));
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_DATA_ABORT);
    assert_true(fx->cpu.fault_restored);
    assert_int_equal(fx->cpu.pc, 0x1008);
    assert_int_equal(fx->cpu.acc, 3);
    TB *tb = find_tb(fx, 0x1000);
    assert_int_equal(tb->ninsns, 5);
    uint64_t pc = 0;                            /* map edges: offset 0, end */
    assert_true(tb_insn_at(tb, 0, &pc));
    assert_int_equal(pc, 0x1000);
    assert_false(tb_insn_at(tb, tb->code_size, &pc));
    assert_ptr_equal(tb_by_code(fx->ex, tb->code_rx + tb->code_size - 1), tb);
    assert_null(tb_by_code(fx->ex, tb->code_rx - 1));

    fx->cpu.pc = 0x1000;                        /* and again, the TB cached */
    fx->cpu.acc = 0;
    fx->cpu.fault_restored = false;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_DATA_ABORT);
    assert_true(fx->cpu.fault_restored);
    assert_int_equal(fx->cpu.pc, 0x1008);
}

typedef struct ThreadRun {
    Exec *ex;
    ToyCPU cpu;
    int excp;
} ThreadRun;

static void *thread_run(void *opaque)
{
    ThreadRun *t = opaque;
    t->excp = cpu_exec(t->ex, &t->cpu.common);
    return NULL;
}

/* Two CPUs on two threads share the TB cache: translation and chaining
 * race only through the lock, and each CPU keeps its own state. */
static void test_two_cpus_share_cache(void **state)
{
    Fx *fx = *state;
    put_counting_loop();
    ThreadRun t[2];
    pthread_t th[2];
    for (unsigned i = 0; i < 2; i++) {
        memset(&t[i], 0, sizeof(t[i]));
        t[i].ex = fx->ex;
        exec_cpu_init(fx->ex, &t[i].cpu.common);
        t[i].cpu.pc = 0x1000;
        t[i].cpu.ctr = 20000 * (i + 1);
        assert_int_equal(pthread_create(&th[i], NULL, thread_run, &t[i]), 0);
    }
    for (unsigned i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(t[i].excp, TERN_EXCP_HALT);
        assert_int_equal(t[i].cpu.acc, 20000 * (i + 1));
        exec_cpu_destroy(fx->ex, &t[i].cpu.common);
    }
    assert_int_equal(stats(fx)->tbs_translated, 2);
    assert_int_equal(fx->ex->ncpus, 1);
}

/* Runs the CPU to HALT, re-entering after the interrupts that a
 * stop-the-world flush causes. */
static void *thread_run_to_halt(void *opaque)
{
    ThreadRun *t = opaque;
    do {
        t->cpu.common.exception = TERN_EXCP_NONE;
        t->excp = cpu_exec(t->ex, &t->cpu.common);
    } while (t->excp == TERN_EXCP_INTERRUPT);
    return NULL;
}

#define NFLUSH_CPUS 4

static void start_cpus(Fx *fx, ThreadRun *t, pthread_t *th, uint64_t rounds)
{
    for (unsigned i = 0; i < NFLUSH_CPUS; i++) {
        memset(&t[i], 0, sizeof(t[i]));
        t[i].ex = fx->ex;
        exec_cpu_init(fx->ex, &t[i].cpu.common);
        t[i].cpu.pc = 0x1000;
        t[i].cpu.ctr = rounds + i;
    }
    for (unsigned i = 0; i < NFLUSH_CPUS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_run_to_halt, &t[i]), 0);
}

static void join_cpus(Fx *fx, ThreadRun *t, pthread_t *th, uint64_t rounds, uint64_t sum)
{
    for (unsigned i = 0; i < NFLUSH_CPUS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(t[i].excp, TERN_EXCP_HALT);
        assert_int_equal(t[i].cpu.acc, (rounds + i) * sum);
        exec_cpu_destroy(fx->ex, &t[i].cpu.common);
    }
}

/* Several CPUs fill a small code buffer again and again: every flush
 * stops them all first (none runs code being reused), and each still
 * computes its own exact result. */
static void test_flush_stops_the_world(void **state)
{
    Fx *fx = *state;
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    cfg.code_size = 8 << 10;
    fx_start(fx, &cfg);
    uint64_t sum = put_block_chain();
    ThreadRun t[NFLUSH_CPUS];
    pthread_t th[NFLUSH_CPUS];
    start_cpus(fx, t, th, 200);
    join_cpus(fx, t, th, 200, sum);
    if (is_fake(fx) || stats(fx)->host_bytes > cfg.code_size)
        assert_true(stats(fx)->flushes > 0);
    assert_int_equal(fx->ex->nrunning, 0);
    assert_false(fx->ex->exclusive);
}

/* Invalidation while CPUs run the invalidated TBs: each CPU finishes the
 * TB it is in and finds a fresh translation next time; results stay exact.
 * Explicit flushes from outside cpu_exec are mixed in. */
static void test_invalidate_and_flush_while_running(void **state)
{
    Fx *fx = *state;
    uint64_t sum = put_block_chain();
    ThreadRun t[NFLUSH_CPUS];
    pthread_t th[NFLUSH_CPUS];
    start_cpus(fx, t, th, 3000);
    while (!__atomic_load_n(&stats(fx)->tbs_translated, __ATOMIC_RELAXED))
        sched_yield();                          /* something to invalidate */
    for (unsigned i = 0; i < 300; i++) {
        exec_invalidate(fx->ex, 0x1000 + 8 * (i % 41), 4);
        if (i % 50 == 0)
            exec_flush(fx->ex);
    }
    join_cpus(fx, t, th, 3000, sum);
    assert_true(stats(fx)->invalidations > 0);
    assert_true(stats(fx)->flushes >= 6);
}

/* cpu_loop_exit in the middle of a translation (the exec lock held) lands
 * in cpu_exec, which drops the lock; the cache stays usable. */
static void test_unwind_during_translation(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_ADD, 2));
    toy_put(0x1008, toy_insn(TOY_HALT, 0));
    toy_unwind_cpu = &fx->cpu.common;
    toy_unwind_addr = 0x1004;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_PREFETCH_ABORT);
    toy_unwind_cpu = NULL;
    assert_false(exec_lock_held_by_me(fx->ex));
    assert_int_equal(stats(fx)->tbs_translated, 0);
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 3);
    assert_int_equal(stats(fx)->tbs_translated, 1);
}

/* A forked child translating into "its" code buffer must not overwrite
 * the parent's TBs: the child's flush and new TB reuse the same offsets. */
static void test_fork_unshares_code(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_HALT, 0));
    toy_put(0x3000, toy_insn(TOY_SETACC, 77));
    toy_put(0x3004, toy_insn(TOY_SETACC, 78));
    toy_put(0x3008, toy_insn(TOY_HALT, 0));
    run_from(fx, 0x1000);
    uintptr_t code = find_tb(fx, 0x1000)->code_rx;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        exec_flush(fx->ex);
        run_from(fx, 0x3000);
        bool reused = find_tb(fx, 0x3000)->code_rx == code;
        _exit(reused && fx->cpu.acc == 78 && fx->cpu.pc == 0x3008 ? 0 : 1);
    }
    int status = -1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    fx->cpu.acc = 10;
    assert_int_equal(run_from(fx, 0x1000), TERN_EXCP_HALT);
    assert_int_equal(fx->cpu.acc, 11);
    assert_int_equal(fx->cpu.pc, 0x1004);
    assert_int_equal(stats(fx)->tbs_translated, 1);
}

/* ---- Tests: logs, perf map, configuration ------------------------------------------- */

static void test_logs(void **state)
{
    Fx *fx = *state;
    char *text = NULL;
    size_t len = 0;
    FILE *log = open_memstream(&text, &len);
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    assert_true(exec_parse_log_items("in_asm,op,op_opt,out_asm,exec,cpu", &cfg.log_mask));
    cfg.log = log;
    fx_start(fx, &cfg);
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_HALT, 0));
    run_from(fx, 0x1000);
    fclose(log);
    assert_non_null(strstr(text, "IN: [pc=0x1000"));
    assert_non_null(strstr(text, "0x0000000000001004:  04000000"));
    assert_non_null(strstr(text, "OP:\n"));
    assert_non_null(strstr(text, "OP after optimization:\n"));
    assert_non_null(strstr(text, "OUT: [size="));
    assert_non_null(strstr(text, "] 0x0000000000001000\n"));
    assert_non_null(strstr(text, "Trace 0x"));
    assert_non_null(strstr(text, "pc=0000000000001000 acc=0000000000000000"));
    free(text);
}

/* -d stats: translation time is measured only then, and exec_free()
 * reports every counter, one "label  value" line each. */
static void test_stats(void **state)
{
    Fx *fx = *state;
    toy_put(0x1000, toy_insn(TOY_ADD, 1));
    toy_put(0x1004, toy_insn(TOY_ADD, 2));
    toy_put(0x1008, toy_insn(TOY_HALT, 0));
    run_from(fx, 0x1000);
    assert_int_equal(stats(fx)->translate_ns, 0);

    char *text = NULL;
    size_t len = 0;
    FILE *log = open_memstream(&text, &len);
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    assert_true(exec_parse_log_items("stats", &cfg.log_mask));
    cfg.log = log;
    fx_start(fx, &cfg);
    run_from(fx, 0x1000);
    assert_true(stats(fx)->translate_ns > 0);
    fx_stop(fx);
    fclose(log);
    assert_non_null(strstr(text, "---- tern stats (pid "));
    assert_non_null(strstr(text, "\nTBs translated                 1\n"));
    assert_non_null(strstr(text, "\nguest insns translated         3\n"));
    assert_non_null(strstr(text, "\nhost code bytes                "));
    assert_non_null(strstr(text, "\ntranslation time (s)           0."));
    assert_non_null(strstr(text, "\nTB lookups                     "));
    assert_non_null(strstr(text, "\nflushes                        0\n"));
    free(text);
}

static void test_perf_map(void **state)
{
    Fx *fx = *state;
    char path[64];
    snprintf(path, sizeof(path), "/tmp/perf-%ld.map", (long)getpid());
    bool existed = access(path, F_OK) == 0;
    fx_stop(fx);
    ExecConfig cfg = toy_config(fx->backend);
    cfg.perf_map = true;
    fx_start(fx, &cfg);
    toy_put(0x1000, toy_insn(TOY_HALT, 0));
    run_from(fx, 0x1000);
    TB *tb = find_tb(fx, 0x1000);
    char want[128], line[256];
    snprintf(want, sizeof(want), "%lx %x tern:toy:0x1000\n",
             (unsigned long)tb->code_rx, tb->code_size);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    bool found = false;
    while (fgets(line, sizeof(line), f))
        found |= !strcmp(line, want);
    fclose(f);
    assert_true(found);
    if (!existed)
        unlink(path);
}

static void test_parse_log_items(void **state)
{
    uint32_t m = 0xdead;
    assert_true(exec_parse_log_items("", &m));
    assert_int_equal(m, 0);
    assert_true(exec_parse_log_items("in_asm,out_asm", &m));
    assert_int_equal(m, TERN_LOG_IN_ASM | TERN_LOG_OUT_ASM);
    assert_true(exec_parse_log_items("op,op_opt,exec,cpu,nochain,stats", &m));
    assert_int_equal(m, TERN_LOG_OP | TERN_LOG_OP_OPT | TERN_LOG_EXEC | TERN_LOG_CPU
                        | TERN_LOG_NOCHAIN | TERN_LOG_STATS);
    m = 1234;
    assert_false(exec_parse_log_items("in_asm,bogus", &m));
    assert_false(exec_parse_log_items("in_as", &m));
    assert_false(exec_parse_log_items("help", &m));
    assert_int_equal(m, 1234);
}

static void test_bad_config(void **state)
{
    ExecConfig cfg = toy_config(&backend_fake);
    cfg.code_size = (size_t)4 << 30;
    assert_null(exec_new(&cfg));
    cfg = toy_config(&backend_fake);
    cfg.arch = NULL;
    assert_null(exec_new(&cfg));
    cfg = toy_config(&backend_fake);
    cfg.max_insns = TB_MAX_INSNS_LIMIT + 1;     /* the insn map's 16-bit size */
    assert_null(exec_new(&cfg));
}

static void test_insn_map_encoding(void **state)
{
    _Alignas(TB_ALIGN) uint8_t buf[sizeof(TB) + TB_ALIGN + 64];
    TB *tb = (TB *)buf;
    memset(tb, 0, sizeof(*tb));
    tb->pc = 0x8000;                            /* no page links: the map follows */
    const uint64_t pcs[4] = { 0x8000, 0x7ff0, 0x8000 + 70000, 0x8000 + 70004 };
    const uint32_t ends[4] = { 10, 10, 300, 70000 };
    tb_set_insn_map(tb, pcs, ends, 4);
    uint64_t pc;
    assert_true(tb_insn_at(tb, 9, &pc));
    assert_int_equal(pc, 0x8000);
    assert_true(tb_insn_at(tb, 10, &pc));       /* empty insn 1 is skipped */
    assert_int_equal(pc, 0x8000 + 70000);
    assert_true(tb_insn_at(tb, 69999, &pc));
    assert_int_equal(pc, 0x8000 + 70004);
    assert_false(tb_insn_at(tb, 70000, &pc));
}

/* ---- Main ------------------------------------------------------------------------------ */

#define ENGINE_TESTS(be)                                                              \
    cmocka_unit_test_prestate_setup_teardown(test_straight_line, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_lookup_hit_miss_and_jmp_cache, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_lookup_and_goto, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_prefetch_abort, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_one_insn_per_tb, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_chaining, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_nochain, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_invalidate_unchains, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_invalidate_is_exact, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_invalidate_peeked, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_flush_when_full, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_flush_when_arena_full, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_exit_request_stops_chained_loop, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_restore_state, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_two_cpus_share_cache, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_flush_stops_the_world, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_invalidate_and_flush_while_running, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_fork_unshares_code, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_unwind_during_translation, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_logs, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_stats, fx_setup, fx_teardown, (void *)(be)), \
    cmocka_unit_test_prestate_setup_teardown(test_perf_map, fx_setup, fx_teardown, (void *)(be))

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_log_items),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_insn_map_encoding),
        ENGINE_TESTS(&backend_fake),
#ifdef TEST_EXEC_INTERP
        ENGINE_TESTS(&backend_interp),
#endif
#ifdef TEST_EXEC_X86_64
        ENGINE_TESTS(&backend_x86_64),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
