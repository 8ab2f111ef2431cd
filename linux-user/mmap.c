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
 * The page-flags table (one byte per 4 KiB guest page) is the truth about
 * what the guest has mapped and with which protection; syscalls check guest
 * pointers against it (lu_access_ok) instead of letting the host fault.
 * Host protection mirrors guest protection, except that PROT_EXEC becomes
 * PROT_READ: the guest never runs host code, the frontend reads it.
 *
 * Invariant: pages[i] & LU_PAGE_VALID  <=>  page i is a guest mapping on
 * the host, with host_prot(pages[i]).  m->lock guards both.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* arm64-only protection bits: accepted and ignored (no BTI/MTE emulated). */
#define LU_PROT_BTI 0x10
#define LU_PROT_MTE 0x20
#define LU_PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

/* ---- Setup ---------------------------------------------------------------- */

bool lu_mem_init(LuMem *m)
{
    memset(m, 0, sizeof(*m));
    m->reserved = LU_SPACE + LU_GUARD;
    void *p = mmap(NULL, m->reserved, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    m->pages = calloc(LU_NPAGES, 1);
    if (!m->pages) {
        munmap(p, m->reserved);
        errno = ENOMEM;
        return false;
    }
    m->base = p;
    pthread_mutex_init(&m->lock, NULL);
    return true;
}

void lu_mem_destroy(LuMem *m)
{
    if (m->base)
        munmap(m->base, m->reserved);
    free(m->pages);
    pthread_mutex_destroy(&m->lock);
    m->base = NULL;
    m->pages = NULL;
}

/* ---- Page table ----------------------------------------------------------- */

static int host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC)
        h |= PROT_READ;
    return h;
}

/* [addr, addr + len) lies inside the guest's 4 GiB (len may be 0). */
static bool in_space(uint64_t addr, uint64_t len)
{
    return addr <= LU_SPACE && len <= LU_SPACE - addr;
}

static void set_flags(LuMem *m, uint64_t addr, uint64_t len, uint8_t flags)
{
    memset(m->pages + (addr >> LU_PAGE_BITS), flags, len >> LU_PAGE_BITS);
}

static bool pages_free(const LuMem *m, uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr >> LU_PAGE_BITS; p < (addr + len) >> LU_PAGE_BITS; p++)
        if (m->pages[p] & LU_PAGE_VALID)
            return false;
    return true;
}

static bool pages_valid(const LuMem *m, uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr >> LU_PAGE_BITS; p < (addr + len) >> LU_PAGE_BITS; p++)
        if (!(m->pages[p] & LU_PAGE_VALID))
            return false;
    return true;
}

static bool any_exec(const LuMem *m, uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr >> LU_PAGE_BITS; p < (addr + len) >> LU_PAGE_BITS; p++)
        if (m->pages[p] & LU_PAGE_EXEC)
            return true;
    return false;
}

/* Guest code in [addr, addr + len) is about to change or vanish. */
static void invalidate_code(LuMem *m, uint64_t addr, uint64_t len)
{
    if (m->invalidate && any_exec(m, addr, len))
        m->invalidate(m->inval_opaque, addr, len);
}

/* First fit for len bytes of free pages in [from, to); UINT64_MAX if none. */
static uint64_t find_free(const LuMem *m, uint64_t len, uint64_t from, uint64_t to)
{
    uint64_t need = len >> LU_PAGE_BITS, run = 0;
    for (uint64_t p = from >> LU_PAGE_BITS; p < to >> LU_PAGE_BITS; p++) {
        run = (m->pages[p] & LU_PAGE_VALID) ? 0 : run + 1;
        if (run == need)
            return (p + 1 - need) << LU_PAGE_BITS;
    }
    return UINT64_MAX;
}

static uint64_t pick_address(const LuMem *m, uint64_t hint, uint64_t len)
{
    if (hint && !(hint & ~LU_PAGE_MASK) && hint >= LU_MMAP_MIN &&
        in_space(hint, len) && pages_free(m, hint, len))
        return hint;
    uint64_t a = find_free(m, len, LU_MMAP_BASE, LU_SPACE);
    if (a == UINT64_MAX)
        a = find_free(m, len, LU_MMAP_MIN, LU_MMAP_BASE + len);
    return a;
}

/* Puts the PROT_NONE reservation back over [addr, addr + len). */
static int host_reserve(LuMem *m, uint64_t addr, uint64_t len)
{
    void *p = mmap(lu_g2h(m, addr), len, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? -errno : 0;
}

/* ---- mmap ----------------------------------------------------------------- */

/* The host flags for a guest mapping: what is safe to pass on. */
static int host_map_flags(int flags)
{
    int keep = MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK |
               MAP_LOCKED | MAP_STACK;
    return (flags & MAP_TYPE) | (flags & keep) | MAP_FIXED;
}

static int64_t check_mmap_args(uint64_t len, int prot, int flags, uint64_t off)
{
    int type = flags & MAP_TYPE;
    if (!len || (off & ~LU_PAGE_MASK))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (prot & ~(LU_PROT_ALL | LU_PROT_BTI | LU_PROT_MTE))
        return -EINVAL;
    if (len > LU_SPACE)
        return -ENOMEM;
    return 0;
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
    uint64_t start = fixed ? addr : pick_address(m, addr, len);
    if (start == UINT64_MAX) {
        r = -ENOMEM;
    } else if ((flags & MAP_FIXED_NOREPLACE) && !pages_free(m, start, len)) {
        r = -EEXIST;
    } else {
        invalidate_code(m, start, len);
        void *p = mmap(lu_g2h(m, start), len, host_prot(prot),
                       host_map_flags(flags), (flags & MAP_ANONYMOUS) ? -1 : fd,
                       (off_t)off);
        if (p == MAP_FAILED) {
            r = -errno;
        } else {
            set_flags(m, start, len, LU_PAGE_VALID | prot);
            r = (int64_t)start;
        }
    }
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
    invalidate_code(m, addr, len);
    int r = host_reserve(m, addr, len);
    if (!r)
        set_flags(m, addr, len, 0);
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- mprotect, madvise ---------------------------------------------------- */

static bool prot_changes_code(const LuMem *m, uint64_t addr, uint64_t len, int prot)
{
    for (uint64_t p = addr >> LU_PAGE_BITS; p < (addr + len) >> LU_PAGE_BITS; p++)
        if ((m->pages[p] & LU_PAGE_EXEC) && (m->pages[p] & LU_PROT_ALL) != prot)
            return true;
    return false;
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
    int64_t r = 0;
    pthread_mutex_lock(&m->lock);
    if (!pages_valid(m, addr, len)) {
        r = -ENOMEM;
    } else if (mprotect(lu_g2h(m, addr), len, host_prot(prot))) {
        r = -errno;
    } else {
        if (m->invalidate && prot_changes_code(m, addr, len, prot))
            m->invalidate(m->inval_opaque, addr, len);
        set_flags(m, addr, len, LU_PAGE_VALID | prot);
    }
    pthread_mutex_unlock(&m->lock);
    return r;
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
    int64_t r = 0;
    pthread_mutex_lock(&m->lock);
    if (!pages_valid(m, addr, len))
        r = -ENOMEM;
    else if (madvise(lu_g2h(m, addr), len, advice))
        r = -errno;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- mremap --------------------------------------------------------------- */

/* Moves the mapping at old to dst (free, or replaced by MREMAP_FIXED). */
static int64_t move_mapping(LuMem *m, uint64_t old, uint64_t old_len,
                            uint64_t new_len, uint64_t dst)
{
    uint8_t flags = m->pages[(old + old_len - 1) >> LU_PAGE_BITS];
    invalidate_code(m, dst, new_len);
    void *p = mremap(lu_g2h(m, old), old_len, new_len,
                     MREMAP_MAYMOVE | MREMAP_FIXED, lu_g2h(m, dst));
    if (p == MAP_FAILED)
        return -errno;
    invalidate_code(m, old, old_len);
    uint8_t *tmp = malloc(old_len >> LU_PAGE_BITS);
    if (tmp)
        memcpy(tmp, m->pages + (old >> LU_PAGE_BITS), old_len >> LU_PAGE_BITS);
    host_reserve(m, old, old_len);
    set_flags(m, old, old_len, 0);
    set_flags(m, dst, new_len, flags);
    if (tmp)
        memcpy(m->pages + (dst >> LU_PAGE_BITS), tmp,
               (old_len < new_len ? old_len : new_len) >> LU_PAGE_BITS);
    free(tmp);
    return (int64_t)dst;
}

/* Grows [old, old + old_len) in place into free pages after it. */
static int64_t grow_in_place(LuMem *m, uint64_t old, uint64_t old_len,
                             uint64_t new_len)
{
    uint8_t flags = m->pages[(old + old_len - 1) >> LU_PAGE_BITS];
    if (munmap(lu_g2h(m, old + old_len), new_len - old_len))
        return -errno;
    if (mremap(lu_g2h(m, old), old_len, new_len, 0) == MAP_FAILED) {
        int64_t r = -errno;
        host_reserve(m, old + old_len, new_len - old_len);
        return r;
    }
    set_flags(m, old + old_len, new_len - old_len, flags);
    return (int64_t)old;
}

static int64_t do_mremap(LuMem *m, uint64_t old, uint64_t old_len,
                         uint64_t new_len, int flags, uint64_t new_addr)
{
    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~LU_PAGE_MASK) || !in_space(new_addr, new_len) ||
            (new_addr < old + old_len && old < new_addr + new_len))
            return -EINVAL;
        return move_mapping(m, old, old_len, new_len, new_addr);
    }
    if (new_len <= old_len) {
        if (new_len < old_len) {
            invalidate_code(m, old + new_len, old_len - new_len);
            host_reserve(m, old + new_len, old_len - new_len);
            set_flags(m, old + new_len, old_len - new_len, 0);
        }
        return (int64_t)old;
    }
    if (in_space(old, new_len) && pages_free(m, old + old_len, new_len - old_len))
        return grow_in_place(m, old, old_len, new_len);
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t dst = pick_address(m, 0, new_len);
    return dst == UINT64_MAX ? -ENOMEM : move_mapping(m, old, old_len, new_len, dst);
}

int64_t lu_mremap(LuMem *m, uint64_t old, uint64_t old_len, uint64_t new_len,
                  int flags, uint64_t new_addr)
{
    if ((old & ~LU_PAGE_MASK) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    if (old_len > LU_SPACE || new_len > LU_SPACE)
        return -EINVAL;
    old_len = lu_page_up(old_len);
    new_len = lu_page_up(new_len);
    if (!old_len || !new_len)
        return -EINVAL;
    if (!in_space(old, old_len))
        return -EFAULT;
    pthread_mutex_lock(&m->lock);
    int64_t r = pages_valid(m, old, old_len)
        ? do_mremap(m, old, old_len, new_len, flags, new_addr) : -EFAULT;
    pthread_mutex_unlock(&m->lock);
    return r;
}

/* ---- brk ------------------------------------------------------------------ */

uint64_t lu_brk(LuMem *m, uint64_t new_brk)
{
    pthread_mutex_lock(&m->lock);
    uint64_t old_top = lu_page_up(m->brk), new_top = lu_page_up(new_brk);
    if (new_brk < m->brk_start || new_top > LU_SPACE)
        goto out;
    if (new_top > old_top) {
        if (!pages_free(m, old_top, new_top - old_top))
            goto out;
        void *p = mmap(lu_g2h(m, old_top), new_top - old_top,
                       PROT_READ | PROT_WRITE,
                       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            goto out;
        set_flags(m, old_top, new_top - old_top,
                  LU_PAGE_VALID | PROT_READ | PROT_WRITE);
    } else if (new_top < old_top) {
        invalidate_code(m, new_top, old_top - new_top);
        if (host_reserve(m, new_top, old_top - new_top))
            goto out;
        set_flags(m, new_top, old_top - new_top, 0);
    }
    m->brk = new_brk;
out:
    pthread_mutex_unlock(&m->lock);
    return m->brk;
}

/* ---- Guest pointers ------------------------------------------------------- */

bool lu_access_ok(LuMem *m, uint64_t addr, uint64_t len, int prot)
{
    if (!len)
        return true;
    if (!in_space(addr, len))
        return false;
    uint8_t need = LU_PAGE_VALID | (prot & LU_PROT_ALL);
    for (uint64_t p = addr >> LU_PAGE_BITS; p <= (addr + len - 1) >> LU_PAGE_BITS; p++)
        if ((m->pages[p] & need) != need)
            return false;
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

bool lu_read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    LuMem *m = opaque;
    if ((addr & 3) || !lu_access_ok(m, addr, 4, PROT_EXEC))
        return false;
    memcpy(insn, lu_g2h(m, addr), 4);
    return true;
}

/* Code pages are not write-protected yet: every write fault is the guest's. */
bool lu_mem_code_write(LuMem *m, uint64_t g)
{
    (void)m;
    (void)g;
    return false;
}
