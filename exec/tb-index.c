/* exec/tb-index.c — the two indexes of the TBs by guest address: the hash
 * ((pc, flags) -> TB, read without the lock by every lookup) and the page
 * map (guest page -> the TBs overlapping it, for invalidation).
 *
 * The hash is open addressing with linear probing over one array of
 * 64-bit slots, each a whole entry:
 *
 *     slot = fingerprint << 32 | ref
 *       ref:          the TB's arena offset / TB_ALIGN + 1 (tb_ref)
 *       fingerprint:  the low 32 bits of the key's hash, whose high bits
 *                     chose the home slot
 *       0:            empty, the end of every probe sequence through it
 *       TB_HASH_DEAD: a removed TB (tombstone)
 *
 * A miss reads only slots, several to a cache line, and touches no TB
 * (the chained table it replaces walked a cold TB struct per link); a hit
 * reads the TB to check the full key, which the caller reads next anyway.
 * Two keys share a fingerprint and a probe sequence once in 2^32 probes:
 * the key check makes that a longer probe, never a wrong TB.
 *
 * Lock-free readers.  Writers hold Exec.lock; tb_hash_lookup takes none.
 * It is exact because:
 *   1. A slot goes 0 -> entry -> TB_HASH_DEAD and never back until a flush
 *      (tombstones are not reused), and one atomic store makes each step.
 *      So a reader never stops early at a slot that was non-empty when its
 *      key was inserted, and never sees half an entry.
 *   2. An entry is stored with release after its TB is complete; the
 *      reader loads slots with acquire, so a TB it reaches through a slot
 *      is whole, and a TB's pc and flags never change until the flush.
 *   3. A full table is replaced, not changed: the live entries are copied
 *      into a new array, published with a release store of Exec.hash, and
 *      the old one goes on the retired list, freed at the next flush, when
 *      no lookup can be under way (see exec-internal.h).  Retired memory
 *      is less than the live table's, and bounded by the TBs made since
 *      the flush, like the arena.
 * What a reader may get: a TB invalidated since (it checks TB.invalid, as
 * before), or a false miss while the table is being replaced or a TB was
 * just inserted.  Exec.hash_gen counts insertions, so the cpu loop asks
 * again under the lock only when one happened since its unlocked miss: in
 * a single-threaded guest never.
 *
 * The page map is only used under the lock: an open-addressed table of
 * {page + 1, first link} (0: empty), each heading the doubly-linked list of
 * the TbPageLinks of the TBs overlapping that page.  A page keeps its slot
 * until the flush; links point back into the slot (pprev), so growing the
 * table repoints each list's first link.  It holds one slot per code page,
 * so it stays small and in cache (a fixed bucket array of 128 KiB, touched
 * at random, cost a page fault per bucket page at start-up).
 */
#define _GNU_SOURCE
#include "exec/exec-internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define TB_HASH_BITS_MIN 10
#define TB_HASH_DEAD ((uint64_t)UINT32_MAX)
#define TB_PAGE_MAP_BITS_MIN 8

static _Noreturn void tb_index_oom(const char *what)
{
    fprintf(stderr, "tern: out of memory (%s)\n", what);
    abort();
}

/* ---- TB references ------------------------------------------------------ */

static uint32_t tb_ref(const Exec *ex, const TB *tb)
{
    size_t off = (size_t)((const uint8_t *)tb - ex->arena.base);
    assert(off % TB_ALIGN == 0 && off / TB_ALIGN + 1 < UINT32_MAX);
    return (uint32_t)(off / TB_ALIGN + 1);
}

static TB *tb_of_ref(const Exec *ex, uint32_t ref)
{
    return (TB *)(ex->arena.base + (size_t)(ref - 1) * TB_ALIGN);
}

/* ---- Hash ----------------------------------------------------------------- */

/* Every input bit reaches both halves (MurmurHash3's finalizer): the
 * high bits pick the home slot, the low 32 are the fingerprint. */
static uint64_t tb_hash_mix(uint64_t pc, uint32_t flags)
{
    uint64_t h = pc ^ (uint64_t)flags * 0x9e3779b97f4a7c15ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ h >> 33;
}

static size_t tb_hash_home(const TbHashTable *t, uint64_t h)
{
    return (size_t)(h >> (64 - t->bits));
}

/* Committed at once (exec/mem.c): a rehash writes every page of it. */
static TbHashTable *tb_hash_table_new(unsigned bits)
{
    size_t bytes = sizeof(TbHashTable) + (sizeof(uint64_t) << bits);
    TbHashTable *t = exec_map_populated(bytes);
    if (t) {
        t->bits = bits;
        t->bytes = bytes;
    }
    return t;
}

static void tb_hash_table_free(TbHashTable *t)
{
    while (t) {
        TbHashTable *older = t->retired;
        exec_unmap(t, t->bytes);
        t = older;
    }
}

/* Stores an entry for a key not in t, in the first empty slot of its
 * probe sequence (never a tombstone: rule 1). */
static void tb_hash_put(TbHashTable *t, uint64_t h, uint32_t ref)
{
    size_t mask = ((size_t)1 << t->bits) - 1;
    size_t i = tb_hash_home(t, h);
    while (t->slots[i] != 0)
        i = (i + 1) & mask;
    __atomic_store_n(&t->slots[i], (h << 32) | ref, __ATOMIC_RELEASE);
    t->used++;
    t->live++;
}

/* Room for one more entry at a load of at most 3/4: a new table with the
 * live entries at a load of at most 3/8 (rule 3).  The old table is
 * retired even with one CPU, when no lookup can be on it: unmapping its
 * committed pages is a TLB flush, 30-100 us on a VM, six times over in
 * python's start-up, and the retired tables together are smaller than
 * the new one. */
static void tb_hash_make_room(Exec *ex)
{
    TbHashTable *old = ex->hash;
    size_t cap = (size_t)1 << old->bits;
    if ((old->used + 1) * 4 <= cap * 3)
        return;
    unsigned bits = TB_HASH_BITS_MIN;
    while (((size_t)1 << bits) * 3 < (old->live + 1) * 8)
        bits++;
    TbHashTable *t = tb_hash_table_new(bits);
    if (!t)
        tb_index_oom("TB hash");
    for (size_t i = 0; i < cap; i++) {
        uint64_t w = old->slots[i];
        if (w != 0 && w != TB_HASH_DEAD) {
            const TB *tb = tb_of_ref(ex, (uint32_t)w);
            tb_hash_put(t, tb_hash_mix(tb->pc, tb->flags), (uint32_t)w);
        }
    }
    __atomic_store_n(&ex->hash, t, __ATOMIC_RELEASE);
    t->retired = old;
}

void tb_hash_insert(Exec *ex, TB *tb)
{
    tb_hash_make_room(ex);
    tb_hash_put(ex->hash, tb_hash_mix(tb->pc, tb->flags), tb_ref(ex, tb));
    __atomic_store_n(&ex->hash_gen, ex->hash_gen + 1, __ATOMIC_RELEASE);
}

void tb_hash_remove(Exec *ex, TB *tb)
{
    TbHashTable *t = ex->hash;
    size_t mask = ((size_t)1 << t->bits) - 1;
    uint32_t ref = tb_ref(ex, tb);
    size_t i = tb_hash_home(t, tb_hash_mix(tb->pc, tb->flags));
    while ((uint32_t)t->slots[i] != ref) {
        assert(t->slots[i] != 0 && "tb_hash_remove: the TB is not in the hash");
        i = (i + 1) & mask;
    }
    __atomic_store_n(&t->slots[i], TB_HASH_DEAD, __ATOMIC_RELEASE);
    t->live--;
}

/* A prefetch never faults, and the table it reads bits from stays mapped
 * while this thread could look it up (rule 3). */
void tb_hash_prefetch(const Exec *ex, uint64_t pc, uint32_t flags)
{
    const TbHashTable *t = __atomic_load_n(&ex->hash, __ATOMIC_ACQUIRE);
    __builtin_prefetch(&t->slots[tb_hash_home(t, tb_hash_mix(pc, flags))]);
}

TB *tb_hash_lookup(Exec *ex, uint64_t pc, uint32_t flags)
{
    const TbHashTable *t = __atomic_load_n(&ex->hash, __ATOMIC_ACQUIRE);
    size_t mask = ((size_t)1 << t->bits) - 1;
    uint64_t h = tb_hash_mix(pc, flags);
    uint32_t fp = (uint32_t)h;
    for (size_t i = tb_hash_home(t, h);; i = (i + 1) & mask) {
        uint64_t w = __atomic_load_n(&t->slots[i], __ATOMIC_ACQUIRE);
        if (w == 0)
            return NULL;
        if ((uint32_t)(w >> 32) == fp && w != TB_HASH_DEAD) {
            TB *tb = tb_of_ref(ex, (uint32_t)w);
            if (tb->pc == pc && tb->flags == flags)
                return tb;
        }
    }
}

/* ---- Page map ------------------------------------------------------------- */

static size_t tb_page_home(uint64_t page, unsigned bits)
{
    return (size_t)((page * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/* The slot of page: its own, or the empty one where it would go. */
static TbPageSlot *tb_page_slot(const TbPageMap *m, uint64_t page)
{
    size_t mask = ((size_t)1 << m->bits) - 1;
    size_t i = tb_page_home(page, m->bits);
    while (m->slots[i].key != 0 && m->slots[i].key != page + 1)
        i = (i + 1) & mask;
    return &m->slots[i];
}

/* Doubles the table at a load of 1/2; each list's first link moves with
 * its slot. */
static void tb_page_map_grow(TbPageMap *m)
{
    if ((m->used + 1) * 2 <= (size_t)1 << m->bits)
        return;
    TbPageMap bigger = { .bits = m->bits + 1, .used = m->used };
    bigger.slots = calloc((size_t)1 << bigger.bits, sizeof(TbPageSlot));
    if (!bigger.slots)
        tb_index_oom("TB page map");
    for (size_t i = 0; i < (size_t)1 << m->bits; i++) {
        const TbPageSlot *s = &m->slots[i];
        if (s->key == 0)
            continue;
        TbPageSlot *d = tb_page_slot(&bigger, s->key - 1);
        *d = *s;
        if (d->first)
            d->first->pprev = &d->first;
    }
    free(m->slots);
    *m = bigger;        /* bigger.last is NULL */
}

bool tb_page_map_init(TbPageMap *m)
{
    m->bits = TB_PAGE_MAP_BITS_MIN;
    m->used = 0;
    m->last = NULL;
    m->slots = calloc((size_t)1 << m->bits, sizeof(TbPageSlot));
    return m->slots != NULL;
}

void tb_page_map_destroy(TbPageMap *m)
{
    free(m->slots);
    m->slots = NULL;
}

void tb_page_map_reset(TbPageMap *m)
{
    memset(m->slots, 0, sizeof(TbPageSlot) << m->bits);
    m->used = 0;
    m->last = NULL;
}

TbPageLink *tb_page_first(const TbPageMap *m, uint64_t page)
{
    return tb_page_slot(m, page)->first;
}

void tb_page_link(TbPageMap *m, TB *tb)
{
    uint64_t first = tb->pc >> TB_PAGE_BITS;
    for (uint32_t i = 0; i < tb->npages; i++) {
        TbPageSlot *s = m->last;
        if (!s || s->key != first + i + 1) {
            tb_page_map_grow(m);
            s = tb_page_slot(m, first + i);
            if (s->key == 0) {
                s->key = first + i + 1;
                m->used++;
            }
            m->last = s;
        }
        TbPageLink *l = &tb_pages(tb)[i];
        l->tb = tb;
        l->next = s->first;
        l->pprev = &s->first;
        if (s->first)
            s->first->pprev = &l->next;
        s->first = l;
    }
}

void tb_page_unlink(TB *tb)
{
    for (uint32_t i = 0; i < tb->npages; i++) {
        TbPageLink *l = &tb_pages(tb)[i];
        *l->pprev = l->next;
        if (l->next)
            l->next->pprev = l->pprev;
        l->next = NULL;
        l->pprev = NULL;
    }
}

/* ---- Set-up ----------------------------------------------------------------- */

bool tb_hash_init(Exec *ex)
{
    ex->hash = tb_hash_table_new(TB_HASH_BITS_MIN);
    return ex->hash != NULL;
}

void tb_hash_destroy(Exec *ex)
{
    tb_hash_table_free(ex->hash);
    ex->hash = NULL;
}

/* No lookup is under way (see exec-internal.h). */
void tb_hash_reset(Exec *ex)
{
    TbHashTable *t = ex->hash;
    tb_hash_table_free(t->retired);
    t->retired = NULL;
    memset(t->slots, 0, sizeof(uint64_t) << t->bits);
    t->used = t->live = 0;
    __atomic_store_n(&ex->hash_gen, ex->hash_gen + 1, __ATOMIC_RELEASE);
}
