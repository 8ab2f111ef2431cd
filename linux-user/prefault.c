/* linux-user/prefault.c — first touches of memory, taken in bulk.
 *
 * On the virtual machines tern is measured on, a page fault costs ~13 us
 * of CPU for an anonymous page and ~20 us for a file page (the kernel maps
 * 16 neighbours with it), while the kernel commits a range in one call
 * (MADV_POPULATE_WRITE / _READ) at ~0.65 us an anonymous page and ~0.3 us
 * a page-cache page (with its unmapping at exit), and a 2 MiB transparent
 * huge page in one ~60 us fault.  Committing a range ahead therefore pays
 * as soon as a few percent of its pages would have been touched.  Where
 * that is near certain, tern commits ahead:
 *
 *   - its own malloc heap, stack and .bss at start (lu_prefault_self):
 *     start-up and translation allocate a few hundred KiB of scratch (IR,
 *     backend, ELF headers), walk a deep stack (path buffers) and write
 *     hashed tables in .bss, one fault per page otherwise; and its own
 *     code and libc's (not capstone's), which every process runs nearly
 *     all of;
 *   - guest memory the guest is about to use (lu_prefault_guest): a brk
 *     increment (malloc carves it from the bottom up at once), small
 *     private anonymous mappings (malloc arenas, pymalloc's 1 MiB arenas),
 *     the top of the initial stack, code mapped executable from a file,
 *     which the translator reads and literal loads touch in scattered
 *     pages (45 faults of python3 -c pass in its 5 MiB text), and small
 *     private writable file mappings: a shared library's data segment,
 *     which the dynamic loader's relocations write nearly whole, one
 *     copy-on-write fault a page otherwise (~4 us a page in one call),
 *     and small files mapped read-only (locale data);
 *   - huge pages for anonymous heaps mapped 2 MiB at a time (gcc's);
 *   - code too big to commit whole, a 64 KiB window at a time as the
 *     translator first reads it (lu_prefault_code).
 * elfload.c adds the main program's dynamic-linking tables and bss.
 *
 * Everything here is a hint: the guest sees the same bytes either way,
 * failures are ignored (old kernels without MADV_POPULATE_*, no memory
 * now: the pages then fault in one by one as before), and nothing is
 * committed that the guest did not map with the protection to read (or
 * write, for anonymous memory) it.  Memory the guest maps but never
 * touches would be committed for nothing, so written commits are bounded
 * per mapping (LU_PREFAULT_ANON_MAX, _DATA_MAX, LU_HUGE_MAP_MAX; bigger
 * ones are reservations such as thread stacks, or files) and in total
 * (LuMem.prefault_left, huge_left): a guest that maps and drops regions
 * in a loop wastes at most the budgets once.
 */
#include "linux-user/lu-internal.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define LU_PREFAULT_HEAP ((size_t)512 << 10)     /* tern's heap at start */
#define LU_PREFAULT_STACK ((size_t)64 << 10)     /* tern's stack at start */
#define LU_MALLOC_TOP_PAD (128 << 10)            /* glibc's defaults */
#define LU_MALLOC_MMAP_THRESHOLD (128 << 10)
#define LU_PREFAULT_GUEST_STACK ((uint64_t)64 << 10)
#define LU_HUGE_MAP_MAX ((uint64_t)32 << 20)      /* one guest mapping */

/* ---- tern's own memory ---------------------------------------------------- */

/* Grows the heap by bytes through malloc itself (so that malloc owns the
 * pages), keeps it from being trimmed back, and commits it.  One block
 * bigger than all the free memory malloc holds makes it grow the heap,
 * by M_TOP_PAD more than the block: headers are written at the block's
 * two ends only, where allocating block after block would write one at
 * every boundary, a page fault each before the commit.  The mmap
 * threshold stays pinned at its 128 KiB default (glibc stops adapting it
 * once set): tern frees no block that large on a hot path, where each
 * munmap would be a TLB flush. */
static void prefault_heap(size_t bytes)
{
    mallopt(M_TRIM_THRESHOLD, (int)(4 * bytes));
    mallopt(M_MMAP_THRESHOLD, (int)(2 * bytes));
    mallopt(M_TOP_PAD, (int)bytes);
    void *volatile block = malloc(mallinfo2().fordblks + 1);    /* not elided */
    free(block);
    mallopt(M_TOP_PAD, LU_MALLOC_TOP_PAD);
    mallopt(M_MMAP_THRESHOLD, LU_MALLOC_MMAP_THRESHOLD);
    char *end = sbrk(0), *start = end - mallinfo2().arena;
    uintptr_t lo = (uintptr_t)start & ~(uintptr_t)(LU_PAGE_SIZE - 1);
    if ((uintptr_t)end > lo)
        (void)madvise((void *)lo, (uintptr_t)end - lo, MADV_POPULATE_WRITE);
}

/* The pages just below the caller's frame (the stack mapping already
 * reaches that far: the kernel maps 128 KiB below the arguments). */
static void __attribute__((noinline)) prefault_stack(size_t bytes)
{
    char here;
    uintptr_t top = (uintptr_t)&here & ~(uintptr_t)(LU_PAGE_SIZE - 1);
    (void)madvise((void *)(top - bytes), bytes, MADV_POPULATE_WRITE);
}

/* tern's .bss (the linker's symbols bound it): 70 KiB, written all over
 * soon (the decode-class memo of translate-cc.c alone is 8 pages of
 * hashed slots, libc's locks and buffers a few more). */
static void prefault_bss(void)
{
    extern char __bss_start[], _end[];
    uintptr_t lo = (uintptr_t)__bss_start & ~(uintptr_t)(LU_PAGE_SIZE - 1);
    uintptr_t hi = ((uintptr_t)_end + LU_PAGE_SIZE - 1) & ~(uintptr_t)(LU_PAGE_SIZE - 1);
    (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
}

/* tern's code: of its ~6 windows of 64 KiB (the kernel's fault-around for
 * file pages) every process runs nearly all, ~5 faults of ~35 us after
 * main; libc's start-up (before main) maps most of libc's 11, and the
 * rest (snprintf of paths, number formatting) fault later.  Capstone
 * (650 KiB, only run for -d logs) and libffi sit in between, as the link
 * puts tern's own libraries first, ir/ last of them, and libc last: the
 * code up to the window after ir/'s entry points is tern's, the code from
 * the window of libc's first public functions to the end is libc's, each
 * committed here for ~0.4 us a page (a mapped page less).  Each bounded
 * by LU_PREFAULT_SELF_CODE should the link order ever change. */
#define LU_PREFAULT_SELF_CODE ((uintptr_t)1 << 20)

static uintptr_t window_down(uintptr_t a) { return a & ~(uintptr_t)(LU_CODE_WINDOW - 1); }

static void prefault_text(uintptr_t lo, uintptr_t hi)
{
    extern char __executable_start[], etext[];
    if (lo < (uintptr_t)__executable_start)
        lo = (uintptr_t)__executable_start & ~(uintptr_t)(LU_PAGE_SIZE - 1);
    if (hi > (uintptr_t)etext)
        hi = (uintptr_t)etext;
    if (hi > lo && hi - lo <= LU_PREFAULT_SELF_CODE)
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_READ);
}

static void prefault_code_self(void)
{
    extern char etext[];
    uintptr_t ir[] = { (uintptr_t)ir_func_new, (uintptr_t)ir_liveness,
                       (uintptr_t)ir_optimize, (uintptr_t)ir_verify };
    uintptr_t libc[] = { (uintptr_t)exit, (uintptr_t)getenv, (uintptr_t)fprintf,
                         (uintptr_t)snprintf };
    uintptr_t tern_end = 0, libc_start = UINTPTR_MAX;
    for (size_t i = 0; i < sizeof(ir) / sizeof(ir[0]); i++)
        if (ir[i] > tern_end)
            tern_end = ir[i];
    for (size_t i = 0; i < sizeof(libc) / sizeof(libc[0]); i++)
        if (libc[i] < libc_start)
            libc_start = libc[i];
    tern_end = window_down(tern_end) + LU_CODE_WINDOW;
    libc_start = window_down(libc_start);
    if (libc_start < tern_end)
        libc_start = tern_end;
    prefault_text(0, tern_end);
    prefault_text(libc_start, (uintptr_t)etext);
}

void lu_prefault_self(void)
{
    prefault_code_self();
    prefault_heap(LU_PREFAULT_HEAP);
    prefault_stack(LU_PREFAULT_STACK);
    prefault_bss();
}

/* ---- Guest memory ----------------------------------------------------------- */

/* Private memory the guest can write, small enough (max) to be used
 * rather than reserved, within the budget: committed. */
static void prefault_write(LuMem *m, uint64_t addr, uint64_t len, uint64_t max)
{
    if (len > max || len > m->prefault_left)
        return;
    m->prefault_left -= len;
    (void)madvise(lu_g2h(m, addr), len, MADV_POPULATE_WRITE);
}

/* A private anonymous mapping whose length is a multiple of the huge page
 * size (mmap.c places it on a huge page boundary, as Linux does) is a
 * heap an allocator carves up itself: gcc's garbage-collected pages, 2 MiB
 * at a time, ~70% of them written during cc1's start-up, 13 us a fault.
 * A huge page commits all 512 pages in one ~60 us fault (THP is in
 * "madvise" mode on the hosts measured, so it must be asked for).  It
 * also commits the pages the guest never touches: at most huge_left bytes
 * in all are advised (the bound on the resident memory this can add), and
 * no mapping bigger than LU_HUGE_MAP_MAX, which is rather a reservation
 * used sparsely. */
static bool prefault_huge(LuMem *m, uint64_t addr, uint64_t len, int flags)
{
    if (!(flags & MAP_ANONYMOUS) || (len & (LU_HUGE_SIZE - 1)) || (addr & (LU_HUGE_SIZE - 1))
        || len > LU_HUGE_MAP_MAX || len > m->huge_left)
        return false;
    m->huge_left -= len;
    (void)madvise(lu_g2h(m, addr), len, MADV_HUGEPAGE);
    return true;
}

/* ---- Guest code -------------------------------------------------------------- *
 *
 * Code mapped from a file up to LU_PREFAULT_CODE_MAX is committed whole
 * when mapped.  Past that (cc1's 27 MiB), a program runs a small part of
 * its text, spread over all of it: cc1 --version faults 113 times in
 * the translator's first reads.  There the aligned LU_CODE_WINDOW around
 * the first page translated is committed instead, in one call (~4 us).
 * A file fault maps that same 64 KiB (the kernel's fault-around) at
 * ~20 us, so the window commits nothing a fault would not have: bigger
 * windows measured no better, as each page costs ~0.3 us to map and to
 * unmap at exit whether the guest runs it or not.  A window is committed
 * once (code_windows) until the code there is mapped again. */

static bool window_test_and_set(LuMem *m, uint64_t w)
{
    uint64_t bit = (uint64_t)1 << (w & 63);
    return __atomic_fetch_or(&m->code_windows[w / 64], bit, __ATOMIC_RELAXED) & bit;
}

static void window_clear(LuMem *m, uint64_t w)
{
    __atomic_fetch_and(&m->code_windows[w / 64], ~((uint64_t)1 << (w & 63)),
                       __ATOMIC_RELAXED);
}

/* Whole windows inside [addr, addr + len) are committed now or left for
 * lu_prefault_code; those only partly inside it are left alone (the
 * neighbouring mapping's code may be there). */
static void prefault_code_map(LuMem *m, uint64_t addr, uint64_t len)
{
    bool whole = len <= LU_PREFAULT_CODE_MAX;
    if (whole)
        (void)madvise(lu_g2h(m, addr), len, MADV_POPULATE_READ);
    uint64_t w = (addr + LU_CODE_WINDOW - 1) >> LU_CODE_WINDOW_BITS;
    for (; (w + 1) << LU_CODE_WINDOW_BITS <= addr + len; w++) {
        if (whole)
            window_test_and_set(m, w);
        else
            window_clear(m, w);
    }
}

/* The page at addr is mapped executable (so readable). */
static bool code_page(const LuMem *m, uint64_t addr)
{
    uint8_t f = __atomic_load_n(&m->pages[addr >> LU_PAGE_BITS], __ATOMIC_RELAXED);
    return (f & (LU_PAGE_VALID | LU_PAGE_EXEC)) == (LU_PAGE_VALID | LU_PAGE_EXEC);
}

void lu_prefault_code(LuMem *m, uint64_t addr)
{
    uint64_t w = addr >> LU_CODE_WINDOW_BITS;
    if (window_test_and_set(m, w))
        return;
    /* The run of executable pages around addr inside the window: never
     * past what the guest mapped readable. */
    uint64_t lo = w << LU_CODE_WINDOW_BITS, hi = lo + LU_CODE_WINDOW;
    uint64_t start = addr & LU_PAGE_MASK, end = start + LU_PAGE_SIZE;
    while (start > lo && code_page(m, start - LU_PAGE_SIZE))
        start -= LU_PAGE_SIZE;
    while (end < hi && code_page(m, end))
        end += LU_PAGE_SIZE;
    (void)madvise(lu_g2h(m, start), end - start, MADV_POPULATE_READ);
}

/* A small file the guest maps only to read (locale data, caches:
 * python3 -c pass maps LC_CTYPE, 346 KiB, and reads it in two 64 KiB
 * fault-around windows, ~35 us each) is read by the guest; committing it
 * costs ~0.4 us a page. */
static bool prefault_read_only(LuMem *m, uint64_t addr, uint64_t len, int prot, int flags)
{
    if ((prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) != PROT_READ || (flags & MAP_ANONYMOUS)
        || len > LU_PREFAULT_RO_MAX || (flags & (MAP_NORESERVE | MAP_POPULATE)))
        return false;
    (void)madvise(lu_g2h(m, addr), len, MADV_POPULATE_READ);
    return true;
}

void lu_prefault_guest(LuMem *m, uint64_t addr, uint64_t len, int prot, int flags)
{
    if (prefault_read_only(m, addr, len, prot, flags))
        return;
    if ((flags & MAP_TYPE) != MAP_PRIVATE || !(prot & PROT_READ)
        || (flags & (MAP_NORESERVE | MAP_GROWSDOWN | MAP_STACK | MAP_POPULATE)))
        return;
    if ((prot & PROT_WRITE) && prefault_huge(m, addr, len, flags))
        return;
    if (prot & PROT_WRITE)
        prefault_write(m, addr, len, (flags & MAP_ANONYMOUS) ? LU_PREFAULT_ANON_MAX
                                                            : LU_PREFAULT_DATA_MAX);
    else if ((prot & PROT_EXEC) && !(flags & MAP_ANONYMOUS))
        prefault_code_map(m, addr, len);
}

void lu_prefault_brk(LuMem *m, uint64_t old_top, uint64_t new_top)
{
    prefault_write(m, old_top, new_top - old_top, LU_PREFAULT_ANON_MAX);
}

void lu_prefault_guest_stack(LuMem *m, uint64_t top)
{
    (void)madvise(lu_g2h(m, top - LU_PREFAULT_GUEST_STACK), LU_PREFAULT_GUEST_STACK,
                  MADV_POPULATE_WRITE);
}
