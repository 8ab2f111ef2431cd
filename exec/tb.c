/* exec/tb.c — the TB cache: allocation, lookup structures, chaining,
 * invalidation and flush.
 *
 * Four views of the same set of TBs, all rebuilt from nothing at a flush:
 *   - the hash, keyed by (pc, flags): the authority for "is it translated"
 *     (tb-index.c, with the page index);
 *   - each CPU's jump cache, a direct-mapped cache of the hash indexed by pc
 *     bits (TernCPU.jmp_cache, probed inline by generated code); an entry
 *     is valid or empty, never stale, because invalidation empties the
 *     entries of the TBs it drops;
 *   - the page index, guest page -> links of the TBs overlapping it, for
 *     exec_invalidate (tb-index.c);
 *   - the code-address map, every TB since the flush (invalid ones too) in
 *     ascending code_rx order — code is bump-allocated, so appending keeps
 *     it sorted — binary-searched by exec_restore_state.
 *
 * Invariants (lock held for every change):
 *   - a TB with `invalid` set is in no hash chain, jump cache, page list or
 *     edge list, and its jump slots are reset to fall through;
 *   - src->jmp_dest[n] == dst  <=>  (src | n) is on dst's incoming list
 *     <=>  src's slot n is patched to dst's code.
 */
#define _GNU_SOURCE
#include "exec/exec-internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define TB_INSN_MAP_MAX 15          /* sleb128 of 64 bits + uleb128 of 32 */
#define TB_ARENA_MIN ((size_t)1 << 20)
#define TB_ARENA_HUGE ((size_t)2 << 20)     /* x86-64 THP size */
#define TB_ARENA_POPULATE ((size_t)256 << 10)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static size_t align_up(size_t n, size_t a)
{
    return (n + a - 1) & ~(a - 1);
}

/* ---- Arena ----------------------------------------------------------------- */

/* Reserved, not committed: pages cost memory only once TBs reach them.
 * Twice the code buffer, since a small TB's struct, page links and insn
 * map can take more bytes than its code, and the code buffer filling
 * first makes for fewer, fuller flushes.  Aligned to and hinted for huge
 * pages past its first 2 MiB, and committed a step ahead of the bump
 * pointer, so that allocating TBs does not take a page fault every few
 * dozen TBs. */
static bool tb_arena_init(TbArena *a, size_t code_size)
{
    a->size = 2 * code_size > TB_ARENA_MIN ? 2 * code_size : TB_ARENA_MIN;
    a->size = align_up(a->size, TB_ARENA_HUGE);
    a->mapped = a->size + TB_ARENA_HUGE;
    uint8_t *p = mmap(NULL, a->mapped, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("tern: mmap TB arena");
        return false;
    }
    a->map = p;
    a->base = (uint8_t *)align_up((uintptr_t)p, TB_ARENA_HUGE);
    if (a->size > EXEC_SMALL_PAGES)   /* a hint; may be off (mem.c says why) */
        (void)madvise(a->base + EXEC_SMALL_PAGES, a->size - EXEC_SMALL_PAGES,
                      MADV_HUGEPAGE);
    a->used = a->last = a->populated = 0;
    a->can_populate = true;
    return true;
}

/* Commits the arena up to end and a step beyond (mem.c); failure (no
 * MADV_POPULATE_WRITE) only means page-by-page faults. */
static void tb_arena_populate(TbArena *a, size_t end)
{
    size_t step = exec_populate_step(a->populated, TB_ARENA_POPULATE);
    end = align_up(end + step, step);
    if (end > a->size)
        end = a->size;
    if (a->can_populate && end > a->populated
        && madvise(a->base + a->populated, end - a->populated,
                   MADV_POPULATE_WRITE) != 0)
        a->can_populate = false;
    a->populated = end;
}

TB *tb_alloc(Exec *ex, uint32_t npages, uint32_t ninsns)
{
    TbArena *a = &ex->arena;
    size_t links = align_up(sizeof(TB), TB_ALIGN);
    size_t map = links + npages * sizeof(TbPageLink);
    size_t need = align_up(map + (size_t)ninsns * TB_INSN_MAP_MAX, TB_ALIGN);
    if (need > a->size - a->used)
        return NULL;
    if (a->used + need > a->populated)
        tb_arena_populate(a, a->used + need);
    uint8_t *p = a->base + a->used;
    a->last = a->used;
    a->used += need;
    memset(p, 0, map);
    TB *tb = (TB *)p;
    tb->npages = (uint16_t)npages;
    for (unsigned n = 0; n < IR_GOTO_TB_SLOTS; n++)
        tb->jmp_slot[n] = BACKEND_NO_SLOT;
    return tb;
}

void tb_alloc_trim(Exec *ex, const void *end)
{
    TbArena *a = &ex->arena;
    size_t used = align_up((size_t)((const uint8_t *)end - a->base), TB_ALIGN);
    assert(used >= a->last && used <= a->used);
    a->used = used;
}

/* ---- Insn map -------------------------------------------------------------- */

/* Both encoders take one byte for nearly every delta (a 4-byte insn's
 * pc step, its few dozen bytes of code): that case goes first. */
static uint8_t *put_uleb(uint8_t *p, uint64_t v)
{
    if (v < 0x80) {
        *p = (uint8_t)v;
        return p + 1;
    }
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        *p++ = b | (v ? 0x80 : 0);
    } while (v);
    return p;
}

static uint8_t *put_sleb(uint8_t *p, int64_t v)
{
    if (v >= -0x40 && v < 0x40) {
        *p = (uint8_t)(v & 0x7f);
        return p + 1;
    }
    for (;;) {
        uint8_t b = v & 0x7f;
        v >>= 7;   /* arithmetic: gcc and clang define it */
        bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
        *p++ = b | (done ? 0 : 0x80);
        if (done)
            return p;
    }
}

static const uint8_t *get_leb(const uint8_t *p, uint64_t *v, bool is_signed)
{
    uint64_t r = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        b = *p++;
        r |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
    } while ((b & 0x80) && shift < 64);
    if (is_signed && shift < 64 && (b & 0x40))
        r |= ~(uint64_t)0 << shift;
    *v = r;
    return p;
}

/* The pair of deltas in two bytes, when both fit one (a 4-byte guest
 * insn with under 128 bytes of code: nearly all): one test instead of
 * two, and no loop over bytes. */
void tb_set_insn_map(TB *tb, const uint64_t *pcs, const uint32_t *ends, uint32_t n)
{
    uint8_t *p = tb_insn_map(tb);
    uint64_t pc = tb->pc;
    uint32_t end = 0;
    for (uint32_t i = 0; i < n; i++) {
        assert(ends[i] >= end && "insn_end must not decrease");
        uint64_t dpc = pcs[i] - pc;
        uint32_t dend = ends[i] - end;
        pc = pcs[i];
        end = ends[i];
        if (dpc + 0x40 < 0x80 && dend < 0x80) {
            p[0] = (uint8_t)(dpc & 0x7f);
            p[1] = (uint8_t)dend;
            p += 2;
            continue;
        }
        p = put_sleb(p, (int64_t)dpc);
        p = put_uleb(p, dend);
    }
    assert(p - tb_insn_map(tb) <= UINT16_MAX && "TB_MAX_INSNS_LIMIT keeps the map short");
    tb->ninsns = n;
    tb->insn_map_size = (uint16_t)(p - tb_insn_map(tb));
}

bool tb_insn_at(const TB *tb, uint32_t off, uint64_t *pc_out)
{
    const uint8_t *p = tb_insn_map(tb);
    uint64_t pc = tb->pc, end = 0;
    for (uint32_t i = 0; i < tb->ninsns; i++) {
        uint64_t dpc, dend;
        p = get_leb(p, &dpc, true);
        p = get_leb(p, &dend, false);
        pc += dpc;
        end += dend;
        if (off < end) {
            *pc_out = pc;
            return true;
        }
    }
    return false;
}

/* ---- Page span ------------------------------------------------------------- */

uint32_t tb_page_count(uint64_t pc, uint64_t size)
{
    uint64_t last = pc + (size ? size - 1 : 0);
    if (last < pc)
        last = UINT64_MAX;
    return (uint32_t)((last >> TB_PAGE_BITS) - (pc >> TB_PAGE_BITS) + 1);
}

/* ---- Code-address map ------------------------------------------------------- */

/* Reserved for as many TBs as the arena can hold (each takes at least an
 * aligned TB struct there), and committed in steps (mem.c) as TBs are
 * appended: it is written page after page, and never moved (growing it
 * with mremap cost a TLB flush a time). */
static bool tb_by_code_init(Exec *ex)
{
    ex->by_code_cap = ex->arena.size / align_up(sizeof(TB), TB_ALIGN);
    void *p = mmap(NULL, ex->by_code_cap * sizeof(TB *), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("tern: mmap TB map");
        return false;
    }
    ex->by_code = p;
    ex->by_code_populated = 0;
    return true;
}

static void tb_by_code_append(Exec *ex, TB *tb)
{
    assert(ex->ntbs < ex->by_code_cap && "the arena holds fewer TBs");
    size_t bytes = ex->by_code_cap * sizeof(TB *);
    size_t end = (ex->ntbs + 1) * sizeof(TB *);
    if (end > ex->by_code_populated) {
        size_t step = exec_populate_step(ex->by_code_populated, TB_ARENA_POPULATE);
        size_t upto = align_up(end + step, step);
        upto = upto < bytes ? upto : bytes;
        (void)madvise((uint8_t *)ex->by_code + ex->by_code_populated,
                      upto - ex->by_code_populated, MADV_POPULATE_WRITE);
        ex->by_code_populated = upto;
    }
    assert(ex->ntbs == 0 || ex->by_code[ex->ntbs - 1]->code_rx < tb->code_rx);
    ex->by_code[ex->ntbs++] = tb;
}

TB *tb_by_code(Exec *ex, uintptr_t rx)
{
    size_t lo = 0, hi = ex->ntbs;   /* first TB with code_rx > rx in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ex->by_code[mid]->code_rx <= rx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    TB *tb = ex->by_code[lo - 1];
    return rx < tb->code_rx + tb->code_size ? tb : NULL;
}

/* ---- Setup and insertion ----------------------------------------------------- */

bool tb_tables_init(Exec *ex)
{
    if (!tb_hash_init(ex) || !tb_page_map_init(&ex->pages)) {
        fprintf(stderr, "tern: out of memory (TB tables)\n");
        return false;
    }
    return tb_arena_init(&ex->arena, ex->code.size) && tb_by_code_init(ex);
}

void tb_tables_destroy(Exec *ex)
{
    if (ex->arena.map)
        munmap(ex->arena.map, ex->arena.mapped);
    tb_hash_destroy(ex);
    tb_page_map_destroy(&ex->pages);
    if (ex->by_code)
        munmap(ex->by_code, ex->by_code_cap * sizeof(*ex->by_code));
}

void tb_insert(Exec *ex, TB *tb)
{
    tb_by_code_append(ex, tb);
    tb_page_link(&ex->pages, tb);
    tb_hash_insert(ex, tb);
}

/* ---- Chaining --------------------------------------------------------------- */

static void tb_patch(Exec *ex, TB *src, unsigned slot, uintptr_t target_rx)
{
    uint32_t off = src->jmp_slot[slot];
    ex->backend->patch_jump(tb_code_rw(ex, src) + off, src->code_rx + off, target_rx);
}

void tb_add_jump(Exec *ex, TB *src, unsigned slot, TB *dst)
{
    if (src->invalid || dst->invalid || src->jmp_slot[slot] == BACKEND_NO_SLOT
        || src->jmp_dest[slot])
        return;
    tb_patch(ex, src, slot, dst->code_rx);
    src->jmp_dest[slot] = dst;
    src->jmp_in_next[slot] = dst->jmp_in;
    dst->jmp_in = (uintptr_t)src | slot;
    ex->stats.chains++;
}

/* Resets every jump into tb to its source's exit: the code after it, or
 * the backend's jmp_reset (a conditional exit's jcc, whose stub is out
 * of line). */
static void tb_unchain_incoming(Exec *ex, TB *tb)
{
    uintptr_t e = tb->jmp_in;
    while (e) {
        TB *src = (TB *)(e & ~(uintptr_t)3);
        unsigned n = e & 3;
        e = src->jmp_in_next[n];
        tb_patch(ex, src, n, src->jmp_reset[n] ? src->code_rx + src->jmp_reset[n] : 0);
        src->jmp_dest[n] = NULL;
        src->jmp_in_next[n] = 0;
    }
    tb->jmp_in = 0;
}

/* Removes tb's own edges from its targets' incoming lists. */
static void tb_unchain_outgoing(Exec *ex, TB *tb)
{
    for (unsigned n = 0; n < IR_GOTO_TB_SLOTS; n++) {
        TB *dst = tb->jmp_dest[n];
        if (!dst)
            continue;
        uintptr_t edge = (uintptr_t)tb | n;
        uintptr_t *pp = &dst->jmp_in;
        while (*pp != edge) {
            TB *src = (TB *)(*pp & ~(uintptr_t)3);
            pp = &src->jmp_in_next[*pp & 3];
        }
        *pp = tb->jmp_in_next[n];
        tb_patch(ex, tb, n, 0);
        tb->jmp_dest[n] = NULL;
        tb->jmp_in_next[n] = 0;
    }
}

/* ---- Invalidation and flush ------------------------------------------------- */

/* Empties the entries holding tb; a TB's code address is unique until the
 * flush, so the exchange can't hit another TB's entry.  Pairs with
 * jmp_cache_set (cpu-exec.c): invalid is set before, both seq_cst. */
static void tb_jmp_cache_drop(Exec *ex, TB *tb)
{
    uint32_t i = tern_jmp_cache_index(tb->pc);
    for (size_t c = 0; c < ex->ncpus; c++) {
        uintptr_t expected = tb->code_rx;
        __atomic_compare_exchange_n(&ex->cpus[c]->jmp_cache[i].code, &expected, 0,
                                    false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
}

static void tb_invalidate(Exec *ex, TB *tb)
{
    __atomic_store_n(&tb->invalid, true, __ATOMIC_SEQ_CST);   /* read unlocked */
    tb_hash_remove(ex, tb);
    tb_jmp_cache_drop(ex, tb);
    tb_page_unlink(tb);
    tb_unchain_incoming(ex, tb);
    tb_unchain_outgoing(ex, tb);
    ex->stats.invalidations++;
}

static bool tb_overlaps(const TB *tb, uint64_t first, uint64_t last)
{
    return tb_watch_first(tb) <= last && tb_watch_last(tb) >= first;
}

/* Drops the TBs on one page that overlap [first, last].  Dropping a TB
 * unlinks only its own links, one per list, so the next link stays. */
static void tb_invalidate_page(Exec *ex, uint64_t page, uint64_t first, uint64_t last)
{
    TbPageLink *l = tb_page_first(&ex->pages, page);
    while (l) {
        TbPageLink *next = l->next;
        if (tb_overlaps(l->tb, first, last))
            tb_invalidate(ex, l->tb);
        l = next;
    }
}

void tb_invalidate_range(Exec *ex, uint64_t start, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t last = start + len - 1 < start ? UINT64_MAX : start + len - 1;
    uint64_t npages = (last >> TB_PAGE_BITS) - (start >> TB_PAGE_BITS) + 1;
    if (npages > ex->ntbs) {   /* a huge range (munmap): walk the TBs instead */
        for (size_t i = 0; i < ex->ntbs; i++) {
            TB *tb = ex->by_code[i];
            if (!tb->invalid && tb_overlaps(tb, start, last))
                tb_invalidate(ex, tb);
        }
        return;
    }
    for (uint64_t p = start >> TB_PAGE_BITS; npages--; p++)
        tb_invalidate_page(ex, p, start, last);
}

void tb_flush(Exec *ex)
{
    tb_hash_reset(ex);                  /* no lookup is under way */
    tb_page_map_reset(&ex->pages);
    for (size_t c = 0; c < ex->ncpus; c++)
        memset(ex->cpus[c]->jmp_cache, 0,
               sizeof(TernJmpEntry) << TERN_JMP_CACHE_BITS);
    ex->ntbs = 0;
    ex->arena.used = ex->arena.last = 0;
    codebuf_reset(&ex->code);
    __atomic_store_n(&ex->flush_gen, ex->flush_gen + 1, __ATOMIC_RELEASE);
    ex->stats.flushes++;
}
