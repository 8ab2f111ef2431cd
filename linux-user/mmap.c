/* linux-user/mmap.c — the guest address space.
 *
 * The guest sees 4 GiB.  We reserve 4 GiB + LU_GUARD of host address space
 * PROT_NONE once, and every guest mapping is a host mmap(MAP_FIXED) inside
 * that reservation; unmapping puts the PROT_NONE reservation back.  So:
 *   - the backends mask guest addresses to 32 bits and add guest_base, and
 *     nothing a guest computes can reach the translator's own memory;
 *   - a guest access to an unmapped page faults inside the region, which
 *     signal.c turns into a guest SIGSEGV.
 *
 * The page-flags table (one byte per 4 KiB guest page, host pages are 4 KiB
 * too) is the truth about what the guest has mapped and with which
 * protection; syscalls check guest pointers against it (lu_access_ok)
 * instead of letting the host fault.
 *
 * Self-modifying code, as QEMU's linux-user does it.  lu_read_code() marks
 * every page the translator reads LU_PAGE_CODE; a guest-writable CODE page
 * is read-only on the host.  A guest store there faults, and
 * lu_mem_code_write() makes the page writable again, clears CODE and drops
 * the page's TBs; the store then runs again.  Syscalls that write guest
 * memory unprotect the same way in lu_access_ok(PROT_WRITE).  The order is
 * always "change the page, then invalidate": a TB translated in between is
 * dropped too, which is only wasted work, while the other order could keep
 * a TB whose page nobody watches any more.  Unmapping, dropping EXEC and
 * zeroing (MADV_DONTNEED) a CODE page invalidate it as well; nothing else
 * does, so exactly the TBs of changed pages go.  Not detected: a write
 * through a second mapping of the same memory (a MAP_SHARED file or shm
 * segment mapped twice, another process), as in QEMU.
 *
 * Invariant: pages[i] & LU_PAGE_VALID  <=>  page i is a guest mapping on
 * the host, with lu_host_prot(pages[i]).  Flags and host protections change
 * together under m->code_lock (see LuMem for the lock order).
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>

/* arm64-only protection bits: accepted and ignored (no BTI/MTE emulated). */
#define LU_PROT_BTI 0x10
#define LU_PROT_MTE 0x20
#define LU_PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

/* ---- Setup ---------------------------------------------------------------- */

/* Reserves bytes of PROT_NONE host address space at a multiple of
 * LU_HUGE_SIZE, so that a guest address aligned to a huge page is a host
 * address aligned to one (lu_prefault_guest's MADV_HUGEPAGE needs that).
 * The over-reservation around it is handed back. */
static void *reserve_aligned(size_t bytes)
{
    size_t over = bytes + LU_HUGE_SIZE;
    uint8_t *p = mmap(NULL, over, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uint8_t *a = (uint8_t *)(((uintptr_t)p + LU_HUGE_SIZE - 1) & ~(uintptr_t)(LU_HUGE_SIZE - 1));
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (p + over > a + bytes)
        munmap(a + bytes, (size_t)(p + over - (a + bytes)));
    return a;
}

bool lu_mem_init(LuMem *m)
{
    memset(m, 0, sizeof(*m));
    m->reserved = LU_SPACE + LU_GUARD;
    void *p = reserve_aligned(m->reserved);
    if (!p)
        return false;
    /* Mapped, not calloc'd: page aligned, so that a mapping's flags share
     * as few pages of the table as they can (each a fault on first
     * write), and no allocator header is written into its first page. */
    m->pages = mmap(NULL, LU_NPAGES, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m->code_windows = calloc(LU_CODE_WINDOWS / 64, sizeof(uint64_t));
    if (m->pages == MAP_FAILED || !m->code_windows) {
        if (m->pages != MAP_FAILED)
            munmap(m->pages, LU_NPAGES);
        free(m->code_windows);
        munmap(p, m->reserved);
        m->pages = NULL;
        m->code_windows = NULL;
        errno = ENOMEM;
        return false;
    }
    m->base = p;
    m->prefault_left = LU_PREFAULT_BUDGET;
    m->huge_left = LU_HUGE_BUDGET;
    pthread_mutex_init(&m->lock, NULL);
    pthread_mutex_init(&m->code_lock, NULL);
    return true;
}

void lu_mem_destroy(LuMem *m)
{
    if (m->base)
        munmap(m->base, m->reserved);
    if (m->pages)
        munmap(m->pages, LU_NPAGES);
    free(m->code_windows);
    free(m->shm);
    pthread_mutex_destroy(&m->lock);
    pthread_mutex_destroy(&m->code_lock);
    m->base = NULL;
    m->pages = NULL;
    m->code_windows = NULL;
    m->shm = NULL;
    m->nshm = m->shm_cap = 0;
}

/* ---- Page table ----------------------------------------------------------- */

/* [addr, addr + len) lies inside the guest's 4 GiB (len may be 0). */
static bool in_space(uint64_t addr, uint64_t len)
{
    return addr <= LU_SPACE && len <= LU_SPACE - addr;
}

static uint64_t first_page(uint64_t addr)
{
    return addr >> LU_PAGE_BITS;
}

static uint64_t end_page(uint64_t addr, uint64_t len)
{
    return (addr + len) >> LU_PAGE_BITS;
}

/* Flag bytes are read without a lock by lu_read_code and lu_access_ok. */
static uint8_t page_get(const LuMem *m, uint64_t p)
{
    return __atomic_load_n(&m->pages[p], __ATOMIC_ACQUIRE);
}

static void page_set(LuMem *m, uint64_t p, uint8_t flags)
{
    __atomic_store_n(&m->pages[p], flags, __ATOMIC_RELEASE);
}

/* ---- The table's own memory ---------------------------------------------- *
 *
 * pages[] is 1 MiB, of which a process writes a few pages, each first from
 * a syscall mapping a part of the space it never used before: that first
 * write commits the table page in one call (~2 us) instead of a fault
 * (~13 us), and scans over never-written table pages (zero: free, no
 * code) skip them without reading, which would fault in the zero page.
 * table_used is written under lock and code_lock, read under lock. */

static bool table_used(const LuMem *m, uint64_t tp)
{
    return m->table_used[tp / 64] >> (tp & 63) & 1;
}

/* Whether the flags of table page tp must be written to hold flags: not
 * while they are all zero and stay so. */
static bool table_ready(LuMem *m, uint64_t tp, uint8_t flags)
{
    if (table_used(m, tp))
        return true;
    if (!flags)
        return false;
    (void)madvise(m->pages + tp * LU_PAGE_SIZE, LU_PAGE_SIZE, MADV_POPULATE_WRITE);
    m->table_used[tp / 64] |= (uint64_t)1 << (tp & 63);
    return true;
}

/* The end of the never-written table page holding page p's flags, or p. */
static uint64_t zero_run_end(const LuMem *m, uint64_t p)
{
    uint64_t tp = p / LU_PAGE_SIZE;
    return table_used(m, tp) ? p : (tp + 1) * LU_PAGE_SIZE;
}

/* Under code_lock. */
static void set_flags(LuMem *m, uint64_t addr, uint64_t len, uint8_t flags)
{
    uint64_t p = first_page(addr), end = end_page(addr, len);
    while (p < end) {
        uint64_t tp = p / LU_PAGE_SIZE, next = (tp + 1) * LU_PAGE_SIZE;
        if (next > end)
            next = end;
        if (table_ready(m, tp, flags))
            for (; p < next; p++)
                page_set(m, p, flags);
        p = next;
    }
}

/* ---- Page table queries (under lock) --------------------------------------- */

/* No page of [addr, addr + len) has any of the flags in mask. */
static bool pages_without(const LuMem *m, uint64_t addr, uint64_t len, uint8_t mask)
{
    uint64_t p = first_page(addr), end = end_page(addr, len);
    while (p < end) {
        uint64_t q = zero_run_end(m, p);
        if (q > p) {
            p = q;
            continue;
        }
        if (page_get(m, p++) & mask)
            return false;
    }
    return true;
}

static bool pages_free(const LuMem *m, uint64_t addr, uint64_t len)
{
    return pages_without(m, addr, len, LU_PAGE_VALID);
}

static bool pages_valid(const LuMem *m, uint64_t addr, uint64_t len)
{
    for (uint64_t p = first_page(addr); p < end_page(addr, len); p++)
        if (!(page_get(m, p) & LU_PAGE_VALID))
            return false;
    return true;
}

static bool any_code(const LuMem *m, uint64_t addr, uint64_t len)
{
    return !pages_without(m, addr, len, LU_PAGE_CODE);
}

/* Drops the TBs of [addr, addr + len), whose pages changed already. */
static void invalidate(LuMem *m, uint64_t addr, uint64_t len)
{
    if (m->invalidate && len)
        m->invalidate(m->inval_opaque, addr, len);
}

/* Gives every valid page of [addr, addr + len) the host protection its
 * flags call for, one mprotect per run of equal protections.  Under
 * code_lock; 0 or -errno. */
static int apply_host_prot(LuMem *m, uint64_t addr, uint64_t len)
{
    uint64_t p = first_page(addr), end = end_page(addr, len);
    while (p < end) {
        uint8_t f = page_get(m, p);
        uint64_t q = p + 1;
        while (q < end && (page_get(m, q) & LU_PAGE_VALID) == (f & LU_PAGE_VALID) &&
               lu_host_prot(page_get(m, q)) == lu_host_prot(f))
            q++;
        if ((f & LU_PAGE_VALID) &&
            mprotect(lu_g2h(m, p << LU_PAGE_BITS), (q - p) << LU_PAGE_BITS,
                     lu_host_prot(f)))
            return -errno;
        p = q;
    }
    return 0;
}

/* Clears CODE over [addr, addr + len) and makes writable pages writable on
 * the host again.  Under code_lock; returns whether any page had CODE. */
static bool uncode(LuMem *m, uint64_t addr, uint64_t len)
{
    bool had = false;
    for (uint64_t p = first_page(addr); p < end_page(addr, len); p++) {
        uint8_t f = page_get(m, p);
        if (!(f & LU_PAGE_CODE))
            continue;
        had = true;
        page_set(m, p, f & ~LU_PAGE_CODE);
        if ((f & LU_PAGE_WRITE) &&
            mprotect(lu_g2h(m, p << LU_PAGE_BITS), LU_PAGE_SIZE,
                     lu_host_prot(f & ~LU_PAGE_CODE))) {
            /* Raising the protection of one whole mapped page only fails
             * when the kernel can't split the VMA: keep CODE, so flags and
             * host agree and the page stays watched. */
            page_set(m, p, f);
        }
    }
    return had;
}

/* First fit for len bytes of free pages in [from, to), starting at a
 * multiple of align (a power of two, at least a page); UINT64_MAX if
 * none. */
static uint64_t find_free(const LuMem *m, uint64_t len, uint64_t from, uint64_t to,
                          uint64_t align)
{
    uint64_t need = len >> LU_PAGE_BITS, step = align >> LU_PAGE_BITS, run = 0;
    uint64_t p = ((from + align - 1) & ~(align - 1)) >> LU_PAGE_BITS, to_p = to >> LU_PAGE_BITS;
    while (p < to_p) {
        uint64_t q = zero_run_end(m, p);
        if (q > p && q <= to_p) {               /* never written: all free */
            if (run + (q - p) >= need)
                return (p - run) << LU_PAGE_BITS;
            run += q - p;
            p = q;
        } else if (page_get(m, p) & LU_PAGE_VALID) {
            run = 0;
            p = (p + step) & ~(step - 1);       /* the next aligned start */
        } else if (++run == need) {
            return (p + 1 - need) << LU_PAGE_BITS;
        } else {
            p++;
        }
    }
    return UINT64_MAX;
}

/* Where Linux places a mapping of len without a usable hint: from 6.7 on,
 * an anonymous private one whose length is a multiple of the huge page
 * size starts at a huge page boundary (so that it can be backed by huge
 * pages), anything else at any page. */
static uint64_t map_align(uint64_t len, int flags)
{
    bool anon = (flags & (MAP_TYPE | MAP_ANONYMOUS)) == (MAP_PRIVATE | MAP_ANONYMOUS);
    if (anon && !(flags & (MAP_STACK | MAP_GROWSDOWN)) && !(len & (LU_HUGE_SIZE - 1)))
        return LU_HUGE_SIZE;
    return LU_PAGE_SIZE;
}

static uint64_t pick_address(const LuMem *m, uint64_t hint, uint64_t len, int flags)
{
    if (hint && !(hint & ~LU_PAGE_MASK) && hint >= LU_MMAP_MIN &&
        in_space(hint, len) && pages_free(m, hint, len))
        return hint;
    uint64_t align = map_align(len, flags);
    uint64_t a = find_free(m, len, LU_MMAP_BASE, LU_SPACE, align);
    if (a == UINT64_MAX)
        a = find_free(m, len, LU_MMAP_MIN, LU_MMAP_BASE + len, align);
    if (a == UINT64_MAX && align > LU_PAGE_SIZE)
        return pick_address(m, 0, len, 0);
    return a;
}

/* Puts the PROT_NONE reservation back over [addr, addr + len). */
static int host_reserve(LuMem *m, uint64_t addr, uint64_t len)
{
    void *p = mmap(lu_g2h(m, addr), len, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? -errno : 0;
}

/* Unmaps [addr, addr + len) for the guest: reservation back, flags clear,
 * TBs dropped.  Under lock. */
static int unmap_range(LuMem *m, uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&m->code_lock);
    bool code = any_code(m, addr, len);
    int r = host_reserve(m, addr, len);
    if (!r)
        set_flags(m, addr, len, 0);
    pthread_mutex_unlock(&m->code_lock);
    if (!r && code)
        invalidate(m, addr, len);
    return r;
}

/* ---- mmap, munmap --------------------------------------------------------- */

/* What MAP_SHARED_VALIDATE accepts (the kernel's LEGACY_MAP_MASK, with
 * arm64's values, which are the asm-generic ones), plus MAP_SYNC, which
 * only the host can judge (it depends on the file). */
#define LU_MAP_VALIDATED (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
                          MAP_DENYWRITE | MAP_EXECUTABLE | 0x4000000 /* UNINITIALIZED */ | \
                          MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
                          MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_SYNC)

/* The host flags for a guest mapping: what is safe to pass on. */
static int host_map_flags(int flags)
{
    int keep = MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK |
               MAP_LOCKED | MAP_STACK;
    if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
        keep |= MAP_SYNC;
    return (flags & MAP_TYPE) | (flags & keep) | MAP_FIXED;
}

static int64_t check_mmap_args(uint64_t len, int prot, int flags, uint64_t off)
{
    int type = flags & MAP_TYPE;
    if (!len || (off & ~LU_PAGE_MASK))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (type == MAP_SHARED_VALIDATE && (flags & ~LU_MAP_VALIDATED))
        return -EOPNOTSUPP;
    if (prot & ~(LU_PROT_ALL | LU_PROT_BTI | LU_PROT_MTE))
        return -EINVAL;
    if (len > LU_SPACE)
        return -ENOMEM;
    return 0;
}

/* Maps [start, start + len) over whatever was there.  Under lock. */
static int64_t map_range(LuMem *m, uint64_t start, uint64_t len, int prot,
                         int flags, int fd, uint64_t off)
{
    int64_t r = (int64_t)start;
    pthread_mutex_lock(&m->code_lock);
    bool code = any_code(m, start, len);
    void *p = mmap(lu_g2h(m, start), len, lu_host_prot((unsigned)prot),
                   host_map_flags(flags), (flags & MAP_ANONYMOUS) ? -1 : fd,
                   (off_t)off);
    if (p == MAP_FAILED)
        r = -errno;
    else
        set_flags(m, start, len, (uint8_t)(LU_PAGE_VALID | prot));
    pthread_mutex_unlock(&m->code_lock);
    if (code)
        invalidate(m, start, len);
    return r;
}

int64_t lu_mmap(LuMem *m, uint64_t addr, uint64_t len, int prot, int flags,
                int fd, uint64_t off)
{
    int64_t r = check_mmap_args(len, prot, flags, off);
    if (r < 0)
        return r;
    len = lu_page_up(len);
    prot &= LU_PROT_ALL;
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && (addr & ~LU_PAGE_MASK))
        return -EINVAL;
    if (fixed && !in_space(addr, len))
        return -ENOMEM;

    pthread_mutex_lock(&m->lock);
    uint64_t start = fixed ? addr : pick_address(m, addr, len, flags);
    if (start == UINT64_MAX)
        r = -ENOMEM;
    else if ((flags & MAP_FIXED_NOREPLACE) && !pages_free(m, start, len))
        r = -EEXIST;
    else
        r = map_range(m, start, len, prot, flags, fd, off);
    if (r >= 0)
        lu_prefault_guest(m, start, len, prot, flags);
    pthread_mutex_unlock(&m->lock);
    return r;
}

int64_t lu_munmap(LuMem *m, uint64_t addr, uint64_t len)
{
    if ((addr & ~LU_PAGE_MASK) || !len || len > LU_SPACE)
        return -EINVAL;
    len = lu_page_up(len);
    if (!in_space(addr, len))
        return -EINVAL;
    pthread_mutex_lock(&m->lock);
    int r = unmap_range(m, addr, len);
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- mprotect, madvise ---------------------------------------------------- */

/* New flags for [addr, addr + len): a CODE page that stays executable
 * keeps CODE (and stays read-only if writable), so its TBs survive; one
 * that loses EXEC drops them.  Under code_lock.  Sets drop_lo, drop_hi to
 * the byte range of the pages that lost CODE (lo > hi when none). */
static void reprotect_flags(LuMem *m, uint64_t addr, uint64_t len, int prot,
                            uint64_t *drop_lo, uint64_t *drop_hi)
{
    *drop_lo = UINT64_MAX;
    *drop_hi = 0;
    for (uint64_t p = first_page(addr); p < end_page(addr, len); p++) {
        uint8_t f = page_get(m, p), nf = (uint8_t)(LU_PAGE_VALID | prot);
        if ((f & LU_PAGE_CODE) && (prot & PROT_EXEC)) {
            nf |= LU_PAGE_CODE;
        } else if (f & LU_PAGE_CODE) {
            uint64_t a = p << LU_PAGE_BITS;
            *drop_lo = a < *drop_lo ? a : *drop_lo;
            *drop_hi = a + LU_PAGE_SIZE;
        }
        page_set(m, p, nf);
    }
}

/* Under lock, with every page of the range valid. */
static int64_t protect_range(LuMem *m, uint64_t addr, uint64_t len, int prot)
{
    uint64_t n = len >> LU_PAGE_BITS, lo, hi;
    uint8_t *saved = malloc(n);
    if (!saved)
        return -ENOMEM;
    pthread_mutex_lock(&m->code_lock);
    memcpy(saved, m->pages + first_page(addr), n);
    reprotect_flags(m, addr, len, prot, &lo, &hi);
    int r = apply_host_prot(m, addr, len);
    if (r) {
        /* The kernel refused part of it (VMA limit): put the old flags
         * and protections back, so the table stays the truth. */
        for (uint64_t i = 0; i < n; i++)
            page_set(m, first_page(addr) + i, saved[i]);
        apply_host_prot(m, addr, len);
    }
    pthread_mutex_unlock(&m->code_lock);
    free(saved);
    if (!r && lo < hi)
        invalidate(m, lo, hi - lo);
    return r;
}

int64_t lu_mprotect(LuMem *m, uint64_t addr, uint64_t len, int prot)
{
    if ((addr & ~LU_PAGE_MASK) ||
        (prot & ~(LU_PROT_ALL | LU_PROT_BTI | LU_PROT_MTE | PROT_GROWSDOWN | PROT_GROWSUP)))
        return -EINVAL;
    prot &= LU_PROT_ALL;
    if (len > LU_SPACE)
        return -ENOMEM;
    len = lu_page_up(len);
    if (!len)
        return 0;
    if (!in_space(addr, len))
        return -ENOMEM;
    pthread_mutex_lock(&m->lock);
    int64_t r = pages_valid(m, addr, len) ? protect_range(m, addr, len, prot) : -ENOMEM;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* Advice that replaces page contents (zero pages, or the file's again). */
static bool advice_discards(int advice)
{
    return advice == MADV_DONTNEED || advice == MADV_FREE ||
           advice == MADV_REMOVE || advice == 24 /* MADV_DONTNEED_LOCKED */;
}

/* Under lock, with every page of the range valid. */
static int64_t advise_range(LuMem *m, uint64_t addr, uint64_t len, int advice)
{
    bool code;
    if (advice == 23) {     /* MADV_POPULATE_WRITE: the host must write */
        pthread_mutex_lock(&m->code_lock);
        code = uncode(m, addr, len);
        pthread_mutex_unlock(&m->code_lock);
        if (code)
            invalidate(m, addr, len);
    }
    if (madvise(lu_g2h(m, addr), len, advice))
        return -errno;
    /* Checked after: a page translated meanwhile read old or new bytes,
     * and is CODE by now either way. */
    if (advice_discards(advice) && any_code(m, addr, len))
        invalidate(m, addr, len);
    return 0;
}

int64_t lu_madvise(LuMem *m, uint64_t addr, uint64_t len, int advice)
{
    /* 0..25 are the ordinary advices; the rest (MADV_HWPOISON, …) would
     * act on the host machine, not on the guest. */
    if ((addr & ~LU_PAGE_MASK) || advice < 0 || advice > 25 || len > LU_SPACE)
        return -EINVAL;
    len = lu_page_up(len);
    if (!len)
        return 0;
    if (!in_space(addr, len))
        return -ENOMEM;
    pthread_mutex_lock(&m->lock);
    int64_t r = pages_valid(m, addr, len) ? advise_range(m, addr, len, advice) : -ENOMEM;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- mremap --------------------------------------------------------------- *
 *
 * The host mremap needs one host VMA, and CODE pages split a guest mapping
 * into several: a mapping that moves or grows is unprotected (and its TBs
 * dropped) first; it is new memory at its new address anyway.  old_len 0
 * (a second mapping of a shared mapping) and MREMAP_DONTUNMAP leave the old
 * mapping in place. */

/* Clears CODE over the mapping about to move or grow. */
static void uncode_range(LuMem *m, uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&m->code_lock);
    bool code = uncode(m, addr, len);
    pthread_mutex_unlock(&m->code_lock);
    if (code)
        invalidate(m, addr, len);
}

/* Flags of the pages at dst after a move: the old pages' for the part that
 * moved, the last old page's for the growth (the host extends that VMA). */
static void moved_flags(LuMem *m, const uint8_t *saved, uint64_t nsaved,
                        uint8_t tail, uint64_t dst, uint64_t new_len)
{
    for (uint64_t i = 0; i < new_len >> LU_PAGE_BITS; i++) {
        uint64_t p = first_page(dst) + i;
        if (!(p % LU_PAGE_SIZE) || !i)
            table_ready(m, p / LU_PAGE_SIZE, LU_PAGE_VALID);
        page_set(m, p, (uint8_t)((i < nsaved ? saved[i] : tail) & ~LU_PAGE_CODE));
    }
}

/* Moves (or, old_len 0 / DONTUNMAP, copies) the mapping at old to dst,
 * which is free or replaced (MREMAP_FIXED).  Under lock. */
static int64_t move_mapping(LuMem *m, uint64_t old, uint64_t old_len,
                            uint64_t new_len, int flags, uint64_t dst)
{
    uint64_t nsaved = (old_len < new_len ? old_len : new_len) >> LU_PAGE_BITS;
    uint8_t *saved = malloc(nsaved + 1);
    if (!saved)
        return -ENOMEM;
    for (uint64_t i = 0; i < nsaved; i++)
        saved[i] = page_get(m, first_page(old) + i);
    uint8_t tail = page_get(m, old_len ? end_page(old, old_len) - 1 : first_page(old));
    int64_t r = (int64_t)dst;
    pthread_mutex_lock(&m->code_lock);
    bool code = any_code(m, dst, new_len);
    void *p = mremap(lu_g2h(m, old), old_len, new_len,
                     MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP),
                     lu_g2h(m, dst));
    if (p == MAP_FAILED) {
        r = -errno;
    } else {
        if (old_len && !(flags & MREMAP_DONTUNMAP)) {
            host_reserve(m, old, old_len);
            set_flags(m, old, old_len, 0);
        }
        moved_flags(m, saved, nsaved, tail, dst, new_len);
        apply_host_prot(m, dst, new_len);
    }
    pthread_mutex_unlock(&m->code_lock);
    free(saved);
    if (code)
        invalidate(m, dst, new_len);
    return r;
}

/* Grows [old, old + old_len) in place into free pages after it. */
static int64_t grow_in_place(LuMem *m, uint64_t old, uint64_t old_len,
                             uint64_t new_len)
{
    uint8_t flags = page_get(m, end_page(old, old_len) - 1) & ~LU_PAGE_CODE;
    int64_t r = (int64_t)old;
    pthread_mutex_lock(&m->code_lock);
    if (munmap(lu_g2h(m, old + old_len), new_len - old_len)) {
        r = -errno;
    } else if (mremap(lu_g2h(m, old), old_len, new_len, 0) == MAP_FAILED) {
        r = -errno;
        host_reserve(m, old + old_len, new_len - old_len);
    } else {
        /* The growth has the host protection of the last old page, which a
         * translation may have made read-only since it was unprotected. */
        set_flags(m, old + old_len, new_len - old_len, flags);
        apply_host_prot(m, old + old_len, new_len - old_len);
    }
    pthread_mutex_unlock(&m->code_lock);
    return r;
}

static int64_t do_mremap(LuMem *m, uint64_t old, uint64_t old_len,
                         uint64_t new_len, int flags, uint64_t new_addr)
{
    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~LU_PAGE_MASK) || !in_space(new_addr, new_len) ||
            (new_addr < old + old_len && old < new_addr + new_len))
            return -EINVAL;
        uncode_range(m, old, old_len);
        return move_mapping(m, old, old_len, new_len, flags, new_addr);
    }
    if (old_len && new_len <= old_len && !(flags & MREMAP_DONTUNMAP)) {
        if (new_len < old_len)
            unmap_range(m, old + new_len, old_len - new_len);
        return (int64_t)old;
    }
    uncode_range(m, old, old_len);
    if (old_len && !(flags & MREMAP_DONTUNMAP) && in_space(old, new_len) &&
        pages_free(m, old + old_len, new_len - old_len))
        return grow_in_place(m, old, old_len, new_len);
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t dst = pick_address(m, 0, new_len, 0);
    return dst == UINT64_MAX ? -ENOMEM
                             : move_mapping(m, old, old_len, new_len, flags, dst);
}

static int64_t check_mremap_args(uint64_t old, uint64_t old_len, uint64_t new_len,
                                 int flags)
{
    int known = MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP;
    if ((old & ~LU_PAGE_MASK) || (flags & ~known))
        return -EINVAL;
    if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
        return -EINVAL;
    if (old_len > LU_SPACE || !new_len || new_len > LU_SPACE)
        return -EINVAL;
    /* old_len 0 duplicates a shared mapping, which must be able to move. */
    if (!lu_page_up(old_len) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    return 0;
}

int64_t lu_mremap(LuMem *m, uint64_t old, uint64_t old_len, uint64_t new_len,
                  int flags, uint64_t new_addr)
{
    int64_t r = check_mremap_args(old, old_len, new_len, flags);
    if (r)
        return r;
    old_len = lu_page_up(old_len);
    new_len = lu_page_up(new_len);
    uint64_t check_len = old_len ? old_len : LU_PAGE_SIZE;
    if (!in_space(old, check_len))
        return -EFAULT;
    pthread_mutex_lock(&m->lock);
    r = pages_valid(m, old, check_len)
        ? do_mremap(m, old, old_len, new_len, flags, new_addr) : -EFAULT;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- brk ------------------------------------------------------------------ */

static bool brk_grow(LuMem *m, uint64_t old_top, uint64_t new_top)
{
    if (!pages_free(m, old_top, new_top - old_top))
        return false;
    pthread_mutex_lock(&m->code_lock);
    void *p = mmap(lu_g2h(m, old_top), new_top - old_top, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED)
        set_flags(m, old_top, new_top - old_top,
                  LU_PAGE_VALID | PROT_READ | PROT_WRITE);
    pthread_mutex_unlock(&m->code_lock);
    return p != MAP_FAILED;
}

uint64_t lu_brk(LuMem *m, uint64_t new_brk)
{
    pthread_mutex_lock(&m->lock);
    uint64_t old_top = lu_page_up(m->brk), new_top = lu_page_up(new_brk);
    bool ok = new_brk >= m->brk_start && new_top <= LU_SPACE;
    if (ok && new_top > old_top && (ok = brk_grow(m, old_top, new_top)))
        lu_prefault_brk(m, old_top, new_top);
    else if (ok && new_top < old_top)
        ok = unmap_range(m, new_top, old_top - new_top) == 0;
    if (ok)
        m->brk = new_brk;
    uint64_t r = m->brk;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- Self-modifying code -------------------------------------------------- */

/* Makes the CODE pages of [addr, addr + len) writable again and drops their
 * TBs.  Returns false when a page could not be unprotected.  Also gives
 * the other pages their host protection again: a guest-writable page that
 * is not CODE must be writable on the host, or a store fault there would
 * be retried forever. */
static bool unprotect_code(LuMem *m, uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&m->lock);
    pthread_mutex_lock(&m->code_lock);
    bool code = uncode(m, addr, len);
    apply_host_prot(m, addr, len);
    bool ok = true;
    for (uint64_t p = first_page(addr); p < end_page(addr, len); p++)
        if ((page_get(m, p) & (LU_PAGE_CODE | LU_PAGE_WRITE)) ==
            (LU_PAGE_CODE | LU_PAGE_WRITE))
            ok = false;
    pthread_mutex_unlock(&m->code_lock);
    if (code)
        invalidate(m, addr, len);
    pthread_mutex_unlock(&m->lock);
    return ok;
}

bool lu_mem_code_write(LuMem *m, uint64_t g)
{
    if (g >= LU_SPACE)
        return false;
    uint8_t need = LU_PAGE_VALID | LU_PAGE_WRITE;
    if ((page_get(m, first_page(g)) & need) != need)
        return false;
    /* Guest-writable: either CODE (unprotect it) or already unprotected by
     * another thread since this one faulted; either way the store may run
     * again.  A flags change in between (munmap, mprotect) shows at the
     * next fault. */
    return unprotect_code(m, g & LU_PAGE_MASK, LU_PAGE_SIZE);
}

/* Marks page p CODE (read-only on the host if guest-writable) before the
 * translator reads it; false if the page is not executable after all. */
static bool mark_code(LuMem *m, uint64_t p)
{
    pthread_mutex_lock(&m->code_lock);
    uint8_t f = page_get(m, p);
    bool ok = (f & (LU_PAGE_VALID | LU_PAGE_EXEC)) == (LU_PAGE_VALID | LU_PAGE_EXEC);
    if (ok && !(f & LU_PAGE_CODE)) {
        if ((f & LU_PAGE_WRITE) &&
            mprotect(lu_g2h(m, p << LU_PAGE_BITS), LU_PAGE_SIZE,
                     lu_host_prot(f | LU_PAGE_CODE)))
            ok = false;     /* no VMA left to split: can't watch the page */
        else
            page_set(m, p, f | LU_PAGE_CODE);
    }
    pthread_mutex_unlock(&m->code_lock);
    return ok;
}

/* Called by the translator, with the exec lock held: only code_lock. */
const uint32_t *lu_code_ptr(void *opaque, uint64_t addr)
{
    LuMem *m = opaque;
    if ((addr & 3) || addr >= LU_SPACE)
        return NULL;
    uint64_t p = first_page(addr);
    uint8_t f = page_get(m, p);
    if (!(f & LU_PAGE_VALID) || !(f & LU_PAGE_EXEC))
        return NULL;
    if (!(f & LU_PAGE_CODE)) {
        if (!mark_code(m, p))
            return NULL;
        lu_prefault_code(m, addr);
    }
    /* Read only after marking: a store from now on faults first. */
    return lu_g2h(m, addr);
}

bool lu_read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    const uint32_t *w = lu_code_ptr(opaque, addr);
    if (!w)
        return false;
    memcpy(insn, w, 4);
    return true;
}

/* ---- Guest pointers ------------------------------------------------------- */

bool lu_access_ok(LuMem *m, uint64_t addr, uint64_t len, int prot)
{
    if (!len)
        return true;
    if (!in_space(addr, len))
        return false;
    uint8_t need = LU_PAGE_VALID | (prot & LU_PROT_ALL);
    bool code = false;
    uint64_t first = first_page(addr), last = first_page(addr + len - 1);
    for (uint64_t p = first; p <= last; p++) {
        uint8_t f = page_get(m, p);
        if ((f & need) != need)
            return false;
        code |= (f & LU_PAGE_CODE) != 0;
    }
    /* The host (a syscall, memcpy) is about to write: unprotect first. */
    if (code && (prot & PROT_WRITE))
        return unprotect_code(m, first << LU_PAGE_BITS, (last + 1 - first) << LU_PAGE_BITS);
    return true;
}

int lu_copy_from_guest(LuMem *m, void *dst, uint64_t src, size_t len)
{
    if (!lu_access_ok(m, src, len, PROT_READ))
        return -EFAULT;
    memcpy(dst, lu_g2h(m, src), len);
    return 0;
}

int lu_copy_to_guest(LuMem *m, uint64_t dst, const void *src, size_t len)
{
    if (!lu_access_ok(m, dst, len, PROT_WRITE))
        return -EFAULT;
    memcpy(lu_g2h(m, dst), src, len);
    return 0;
}

int64_t lu_strncpy_from_guest(LuMem *m, char *buf, size_t size, uint64_t src)
{
    size_t n = 0;
    while (n < size) {
        uint64_t a = src + n;
        if (!lu_access_ok(m, a, 1, PROT_READ))
            return -EFAULT;
        size_t chunk = LU_PAGE_SIZE - (a & ~LU_PAGE_MASK);
        if (chunk > size - n)
            chunk = size - n;
        const char *h = lu_g2h(m, a);
        const char *nul = memchr(h, 0, chunk);
        if (nul) {
            memcpy(buf + n, h, (size_t)(nul - h) + 1);
            return (int64_t)(n + (size_t)(nul - h));
        }
        memcpy(buf + n, h, chunk);
        n += chunk;
    }
    return -ENAMETOOLONG;
}

/* ---- SysV shared memory --------------------------------------------------- *
 *
 * A segment is attached with the host's shmat(SHM_REMAP) over the
 * reservation.  shmdt() detaches the host mapping wherever it still is; the
 * pages it leaves empty are exactly those where MAP_FIXED_NOREPLACE can put
 * the reservation back (the guest may have unmapped or replaced parts). */

#define LU_SHMLBA LU_PAGE_SIZE      /* arm64: asm-generic SHMLBA = PAGE_SIZE */

static LuShmAttach *shm_find(LuMem *m, uint64_t addr)
{
    for (size_t i = 0; i < m->nshm; i++)
        if (m->shm[i].addr == addr)
            return &m->shm[i];
    return NULL;
}

/* A record for addr (existing or new); NULL when out of memory. */
static LuShmAttach *shm_record(LuMem *m, uint64_t addr)
{
    LuShmAttach *a = shm_find(m, addr);
    if (a)
        return a;
    if (m->nshm == m->shm_cap) {
        size_t cap = m->shm_cap ? 2 * m->shm_cap : 8;
        LuShmAttach *n = realloc(m->shm, cap * sizeof(*n));
        if (!n)
            return NULL;
        m->shm = n;
        m->shm_cap = cap;
    }
    a = &m->shm[m->nshm++];
    a->addr = addr;
    a->len = 0;
    return a;
}

static int64_t shm_attach(LuMem *m, int shmid, uint64_t start, uint64_t len,
                          int shmflg, LuShmAttach *rec)
{
    int prot = (shmflg & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
    if (shmflg & SHM_EXEC)
        prot |= PROT_EXEC;
    int64_t r = (int64_t)start;
    pthread_mutex_lock(&m->code_lock);
    bool code = any_code(m, start, len);
    /* Never SHM_EXEC on the host: the guest's code is read, not run. */
    void *p = shmat(shmid, lu_g2h(m, start), (shmflg & SHM_RDONLY) | SHM_REMAP);
    if (p == (void *)-1) {
        r = -errno;
    } else {
        set_flags(m, start, len, (uint8_t)(LU_PAGE_VALID | prot));
        rec->len = len;
    }
    pthread_mutex_unlock(&m->code_lock);
    if (code)
        invalidate(m, start, len);
    return r;
}

int64_t lu_mem_shmat(LuMem *m, int shmid, uint64_t addr, uint64_t size, int shmflg)
{
    uint64_t len = lu_page_up(size);
    if (!len || len > LU_SPACE)
        return -EINVAL;
    if (addr & (LU_SHMLBA - 1)) {
        if (!(shmflg & SHM_RND))
            return -EINVAL;
        addr &= ~(LU_SHMLBA - 1);
    }
    if ((addr && !in_space(addr, len)) || (!addr && (shmflg & SHM_REMAP)))
        return -EINVAL;
    int64_t r;
    pthread_mutex_lock(&m->lock);
    uint64_t start = addr ? addr : pick_address(m, 0, len, 0);
    LuShmAttach *rec = NULL;
    if (start == UINT64_MAX)
        r = -ENOMEM;
    else if (addr && !(shmflg & SHM_REMAP) && !pages_free(m, start, len))
        r = -EINVAL;
    else if (!(rec = shm_record(m, start)))
        r = -ENOMEM;
    else
        r = shm_attach(m, shmid, start, len, shmflg, rec);
    if (r < 0 && rec && !rec->len)
        *rec = m->shm[--m->nshm];       /* drop the unused new record */
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* Puts the reservation back where [addr, addr + len) has host holes;
 * returns whether a page that had CODE became a hole.  Under code_lock. */
static bool refill_holes(LuMem *m, uint64_t addr, uint64_t len)
{
    bool code = any_code(m, addr, len);
    void *whole = mmap(lu_g2h(m, addr), len, PROT_NONE, MAP_FIXED_NOREPLACE |
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (whole == lu_g2h(m, addr)) {     /* the usual case: all of it */
        set_flags(m, addr, len, 0);
        return code;
    }
    if (whole != MAP_FAILED)
        munmap(whole, len);
    code = false;
    for (uint64_t p = first_page(addr); p < end_page(addr, len); p++) {
        void *h = lu_g2h(m, p << LU_PAGE_BITS);
        void *r = mmap(h, LU_PAGE_SIZE, PROT_NONE, MAP_FIXED_NOREPLACE |
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r == MAP_FAILED)
            continue;                   /* still mapped: not the segment's */
        if (r != h) {                   /* a kernel without NOREPLACE */
            munmap(r, LU_PAGE_SIZE);
            continue;
        }
        code |= (page_get(m, p) & LU_PAGE_CODE) != 0;
        page_set(m, p, 0);
    }
    return code;
}

int64_t lu_mem_shmdt(LuMem *m, uint64_t addr)
{
    if (addr & (LU_SHMLBA - 1))
        return -EINVAL;
    int64_t r = 0;
    pthread_mutex_lock(&m->lock);
    LuShmAttach *rec = shm_find(m, addr);
    if (!rec) {
        r = -EINVAL;
    } else {
        uint64_t len = rec->len;
        *rec = m->shm[--m->nshm];
        pthread_mutex_lock(&m->code_lock);
        bool code = false;
        if (shmdt(lu_g2h(m, addr)))
            r = -errno;
        else
            code = refill_holes(m, addr, len);
        pthread_mutex_unlock(&m->code_lock);
        if (code)
            invalidate(m, addr, len);
    }
    pthread_mutex_unlock(&m->lock);
    return r;
}
