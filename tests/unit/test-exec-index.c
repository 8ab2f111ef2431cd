/* tests/unit/test-exec-index.c — the TB indexes of exec/tb-index.c: the
 * open-addressed hash (growth, tombstones, rebuilds, lookups by readers
 * that take no lock while a writer inserts and removes) and the page map
 * (growth, exact invalidation by page); and exec/mem.c's bulk-committed
 * memory they live in.
 *
 * TBs here are made by hand in the arena (tb_alloc) with made-up code
 * addresses: the indexes never look at code, and no TB is ever run.  The
 * Exec is the toy guest's on the fake backend (test-exec-toy.c).
 */
#include "tests/unit/test-exec-toy.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

typedef struct Fx {
    Exec *ex;
    ToyCPU cpu;
    uintptr_t next_code;   /* made-up, ascending code addresses */
} Fx;

static int fx_setup(void **state)
{
    Fx *fx = calloc(1, sizeof(*fx));
    ExecConfig cfg = { .arch = &toy_arch, .backend = &backend_fake,
                       .mem = { .guest_base = 0, .addr_bits = 64 },
                       .code_size = 32 << 20, .read_code = toy_read_code };
    fx->ex = exec_new(&cfg);
    assert_non_null(fx->ex);
    exec_cpu_init(fx->ex, &fx->cpu.common);
    fx->next_code = fx->ex->code.rx + fx->ex->code.shared;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *fx = *state;
    if (exec_lock_held_by_me(fx->ex))           /* a failed check left it */
        exec_unlock(fx->ex);
    exec_cpu_destroy(fx->ex, &fx->cpu.common);
    exec_free(fx->ex);
    free(fx);
    return 0;
}

/* A TB for guest [pc, pc + size) under flags, in the indexes (lock held). */
static TB *make_tb(Fx *fx, uint64_t pc, uint32_t size, uint32_t flags)
{
    TB *tb = tb_alloc(fx->ex, tb_page_count(pc, size), 0);
    assert_non_null(tb);
    tb->pc = pc;
    tb->flags = flags;
    tb->guest_size = size;
    tb->watch_after = size - 1;
    tb->code_rx = fx->next_code;
    tb->code_size = TB_ALIGN;
    fx->next_code += TB_ALIGN;
    tb_insert(fx->ex, tb);
    return tb;
}

static uint64_t key_pc(unsigned i)
{
    return 0x400000 + 12 * (uint64_t)i;
}

/* ---- Hash --------------------------------------------------------------------- */

/* Thousands of TBs: the table grows, stays at most 3/4 full, and every
 * key finds its own TB; the same pc under other flags, and pcs between
 * the TBs, miss. */
static void test_hash_grows(void **state)
{
    Fx *fx = *state;
    enum { N = 20000 };
    static TB *tbs[N];
    exec_lock(fx->ex);
    unsigned bits0 = fx->ex->hash->bits;
    for (unsigned i = 0; i < N; i++)
        tbs[i] = make_tb(fx, key_pc(i), 12, i % 3);
    const TbHashTable *t = fx->ex->hash;
    assert_true(t->bits > bits0);
    assert_int_equal(t->live, N);
    assert_true(t->used * 4 <= ((size_t)3 << t->bits));
    /* The old tables wait for the flush, each smaller than its successor,
     * all together smaller than the live one. */
    size_t retired = 0;
    for (const TbHashTable *r = t->retired; r; r = r->retired) {
        assert_true(r->bits < t->bits);
        retired += r->bytes;
    }
    assert_true(retired > 0 && retired < t->bytes);
    for (unsigned i = 0; i < N; i++) {
        assert_ptr_equal(tb_hash_lookup(fx->ex, key_pc(i), i % 3), tbs[i]);
        assert_null(tb_hash_lookup(fx->ex, key_pc(i), i % 3 + 1));
        assert_null(tb_hash_lookup(fx->ex, key_pc(i) + 4, i % 3));
    }
    tb_flush(fx->ex);
    assert_null(fx->ex->hash->retired);
    exec_unlock(fx->ex);
}

/* Removed TBs leave tombstones that lookups walk past; inserting more
 * rebuilds the table without them, and the survivors stay reachable
 * through every stage. */
static void test_hash_tombstones(void **state)
{
    Fx *fx = *state;
    enum { N = 6000 };
    static TB *tbs[3 * N];
    exec_lock(fx->ex);
    for (unsigned i = 0; i < N; i++)
        tbs[i] = make_tb(fx, key_pc(i), 12, 0);
    for (unsigned i = 0; i < N; i += 2)
        tb_invalidate_range(fx->ex, key_pc(i), 1);
    const TbHashTable *t = fx->ex->hash;
    assert_int_equal(t->live, N / 2);
    assert_true(t->used >= N);                  /* the tombstones */
    for (unsigned i = 0; i < N; i++) {
        assert_true(tbs[i]->invalid == (i % 2 == 0));
        assert_ptr_equal(tb_hash_lookup(fx->ex, key_pc(i), 0), i % 2 ? tbs[i] : NULL);
    }
    unsigned n = N;
    while (fx->ex->hash->used != fx->ex->hash->live) {   /* until a rebuild */
        assert_true(n < 3 * N);
        tbs[n] = make_tb(fx, key_pc(n), 12, 0);
        n++;
    }
    t = fx->ex->hash;
    assert_int_equal(t->live, N / 2 + (n - N));
    assert_true(t->used * 8 <= ((size_t)3 << t->bits));
    for (unsigned i = 0; i < n; i++)
        assert_ptr_equal(tb_hash_lookup(fx->ex, key_pc(i), 0),
                         i < N && i % 2 == 0 ? NULL : tbs[i]);
    exec_unlock(fx->ex);
}

/* A flush empties the hash and bumps hash_gen; new TBs go in again. */
static void test_hash_flush(void **state)
{
    Fx *fx = *state;
    exec_lock(fx->ex);
    for (unsigned i = 0; i < 3000; i++)
        make_tb(fx, key_pc(i), 12, 0);
    uint64_t gen = fx->ex->hash_gen;
    assert_int_equal(gen, 3000);
    tb_flush(fx->ex);
    assert_true(fx->ex->hash_gen > gen);
    assert_int_equal(fx->ex->hash->live, 0);
    assert_int_equal(fx->ex->hash->used, 0);
    assert_null(tb_hash_lookup(fx->ex, key_pc(7), 0));
    fx->next_code = fx->ex->code.rx + fx->ex->code.shared;
    TB *tb = make_tb(fx, key_pc(7), 12, 0);
    assert_ptr_equal(tb_hash_lookup(fx->ex, key_pc(7), 0), tb);
    exec_unlock(fx->ex);
}

/* ---- Hash: lock-free readers ----------------------------------------------------- */

enum { STABLE = 500, MORE = 40000 };

typedef struct Reader {
    Exec *ex;
    TB **stable;
    volatile bool stop;
    unsigned long lookups, wrong, lost;
} Reader;

/* Every TB found has the key asked for; the stable TBs (inserted before
 * the reader started, never removed) are always found. */
static void *reader_run(void *opaque)
{
    Reader *r = opaque;
    unsigned x = 1;
    while (!r->stop) {
        x = x * 1103515245u + 12345u;
        unsigned i = (x >> 8) % STABLE;
        TB *tb = tb_hash_lookup(r->ex, key_pc(i), 0);
        r->lost += tb != r->stable[i];
        unsigned j = STABLE + (x >> 4) % MORE;
        tb = tb_hash_lookup(r->ex, key_pc(j), 0);
        r->wrong += tb && (tb->pc != key_pc(j) || tb->flags != 0);
        r->lookups += 2;
    }
    return NULL;
}

/* With two CPUs the writer retires replaced tables instead of freeing
 * them; readers on them still find every TB that was there. */
static void test_hash_lockfree_readers(void **state)
{
    Fx *fx = *state;
    ToyCPU other;
    memset(&other, 0, sizeof(other));
    exec_cpu_init(fx->ex, &other.common);
    static TB *stable[STABLE];
    exec_lock(fx->ex);
    for (unsigned i = 0; i < STABLE; i++)
        stable[i] = make_tb(fx, key_pc(i), 12, 0);
    exec_unlock(fx->ex);

    Reader r = { .ex = fx->ex, .stable = stable };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, reader_run, &r), 0);
    for (unsigned i = STABLE; i < STABLE + MORE; i++) {
        exec_lock(fx->ex);
        make_tb(fx, key_pc(i), 12, 0);
        if (i % 7 == 0)
            tb_invalidate_range(fx->ex, key_pc(i - 3), 1);
        exec_unlock(fx->ex);
    }
    r.stop = true;
    pthread_join(th, NULL);
    assert_true(r.lookups > 0);
    assert_int_equal(r.wrong, 0);
    assert_int_equal(r.lost, 0);

    exec_lock(fx->ex);
    assert_non_null(fx->ex->hash->retired);
    tb_flush(fx->ex);                           /* frees them */
    assert_null(fx->ex->hash->retired);
    exec_unlock(fx->ex);
    exec_cpu_destroy(fx->ex, &other.common);
}

/* ---- Page map --------------------------------------------------------------------- */

/* Every list's first link points back at its slot, and every link on a
 * page's list belongs to a TB overlapping that page. */
static void check_page_map(const TbPageMap *m)
{
    for (size_t i = 0; i < (size_t)1 << m->bits; i++) {
        const TbPageSlot *s = &m->slots[i];
        if (s->key == 0)
            continue;
        if (s->first)
            assert_ptr_equal(s->first->pprev, &s->first);
        uint64_t page = s->key - 1;
        for (const TbPageLink *l = s->first; l; l = l->next) {
            assert_false(l->tb->invalid);
            assert_true(l->tb->pc >> TB_PAGE_BITS <= page);
            assert_true(tb_watch_last(l->tb) >> TB_PAGE_BITS >= page);
        }
    }
}

/* TBs on 600 pages, every tenth spanning a page boundary: the map grows
 * (its links move with it), and invalidating one page drops exactly the
 * TBs overlapping it, the spanning one from the page before included. */
static void test_page_map(void **state)
{
    Fx *fx = *state;
    enum { PAGES = 600, PER_PAGE = 4 };
    static TB *tbs[PAGES][PER_PAGE + 1];
    exec_lock(fx->ex);
    unsigned bits0 = fx->ex->pages.bits;
    for (unsigned p = 0; p < PAGES; p++) {
        uint64_t base = 0x10000000 + ((uint64_t)p << TB_PAGE_BITS);
        for (unsigned k = 0; k < PER_PAGE; k++)
            tbs[p][k] = make_tb(fx, base + 64 * k, 16, 0);
        tbs[p][PER_PAGE] = p % 10 == 0 ? make_tb(fx, base + 4096 - 8, 16, 0) : NULL;
    }
    assert_true(fx->ex->pages.bits > bits0);
    check_page_map(&fx->ex->pages);

    uint64_t page41 = 0x10000000 + ((uint64_t)41 << TB_PAGE_BITS);
    tb_invalidate_range(fx->ex, page41, 1 << TB_PAGE_BITS);
    for (unsigned p = 0; p < PAGES; p++)
        for (unsigned k = 0; k <= PER_PAGE; k++)
            if (tbs[p][k])
                assert_true(tbs[p][k]->invalid == (p == 41 || (p == 40 && k == PER_PAGE)));
    assert_null(tb_page_first(&fx->ex->pages, page41 >> TB_PAGE_BITS));
    check_page_map(&fx->ex->pages);

    tb_invalidate_range(fx->ex, 0x10000000 + 100 * 4096 + 64, 4);   /* one TB */
    assert_true(tbs[100][1]->invalid);
    assert_false(tbs[100][0]->invalid);
    assert_false(tbs[100][2]->invalid);
    check_page_map(&fx->ex->pages);
    exec_unlock(fx->ex);
}

/* ---- Bulk-committed memory (exec/mem.c) -------------------------------------------- */

/* Zeroed and writable; sizes need not be whole pages. */
static void test_populated_memory(void **state)
{
    (void)state;
    size_t n = 3000;
    uint64_t *a = exec_map_populated(n * sizeof(*a));
    assert_non_null(a);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(a[i], 0);
        a[i] = i * 7;
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(a[i], i * 7);
    exec_unmap(a, n * sizeof(*a));
    exec_unmap(NULL, 4096);
}

/* Commit steps double from the minimum while little is committed, then
 * stay at the cap; always powers of two (callers align to them). */
static void test_populate_step(void **state)
{
    (void)state;
    const size_t cap = (size_t)512 << 10;
    assert_int_equal(exec_populate_step(0, cap), EXEC_POPULATE_MIN);
    assert_int_equal(exec_populate_step(EXEC_POPULATE_MIN, cap), EXEC_POPULATE_MIN);
    assert_int_equal(exec_populate_step(EXEC_POPULATE_MIN + 1, cap), 2 * EXEC_POPULATE_MIN);
    assert_int_equal(exec_populate_step((size_t)200 << 10, cap), (size_t)256 << 10);
    assert_int_equal(exec_populate_step((size_t)64 << 20, cap), cap);
    for (size_t p = 0; p < ((size_t)8 << 20); p += 12345) {
        size_t s = exec_populate_step(p, cap);
        assert_true(s >= EXEC_POPULATE_MIN && s <= cap && (s & (s - 1)) == 0);
    }
}

/* A prefetch, of present and absent keys, across the table's growth,
 * changes no lookup's answer. */
static void test_hash_prefetch(void **state)
{
    Fx *fx = *state;
    enum { N = 3000 };
    static TB *tbs[N];
    exec_lock(fx->ex);
    for (unsigned i = 0; i < N; i++) {
        tb_hash_prefetch(fx->ex, key_pc(i), 0);
        tbs[i] = make_tb(fx, key_pc(i), 4, 0);
        tb_hash_prefetch(fx->ex, key_pc(i) + 4, 0);
    }
    for (unsigned i = 0; i < N; i++) {
        tb_hash_prefetch(fx->ex, key_pc(i), 0);
        assert_ptr_equal(tb_hash_lookup(fx->ex, key_pc(i), 0), tbs[i]);
        assert_null(tb_hash_lookup(fx->ex, key_pc(i) + 4, 0));
    }
    exec_unlock(fx->ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hash_grows, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_hash_tombstones, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_hash_flush, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_hash_lockfree_readers, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_page_map, fx_setup, fx_teardown),
        cmocka_unit_test(test_populated_memory),
        cmocka_unit_test(test_populate_step),
        cmocka_unit_test_setup_teardown(test_hash_prefetch, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
