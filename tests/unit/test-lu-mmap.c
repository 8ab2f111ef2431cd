/* tests/unit/test-lu-mmap.c — the linux-user guest address space.
 *
 * Each test reserves a fresh 4 GiB guest region and drives the guest-side
 * mmap/munmap/mprotect/mremap/madvise/brk and SysV shm attach/detach,
 * checking the returned addresses, errno values and the page table through
 * lu_access_ok and lu_read_code.  The self-modifying-code tests check which
 * pages are watched (LU_PAGE_CODE, read-only on the host — probed with a
 * read() into the page, which fails with EFAULT instead of faulting) and
 * exactly which ranges are invalidated.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <cmocka.h>

#include "linux-user/lu-internal.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

static int setup(void **state)
{
    LuMem *m = malloc(sizeof(*m));
    if (!m || !lu_mem_init(m))
        return -1;
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    lu_mem_destroy(*state);
    free(*state);
    return 0;
}

static void test_first_fit(void **state)
{
    LuMem *m = *state;
    int64_t a = lu_mmap(m, 0, 0x3000, RW, ANON, -1, 0);
    int64_t b = lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    assert_int_equal(a, LU_MMAP_BASE);
    assert_int_equal(b, LU_MMAP_BASE + 0x3000);
    assert_int_equal(lu_munmap(m, (uint64_t)a, 0x3000), 0);
    /* The hole left by a is found again, first. */
    assert_int_equal(lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0), LU_MMAP_BASE);
    assert_int_equal(lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0), LU_MMAP_BASE + 0x4000);
}

static void test_hint(void **state)
{
    LuMem *m = *state;
    assert_int_equal(lu_mmap(m, 0x20000000, 0x1000, RW, ANON, -1, 0), 0x20000000);
    /* Taken: the hint is ignored, not an error. */
    assert_int_equal(lu_mmap(m, 0x20000000, 0x1000, RW, ANON, -1, 0), LU_MMAP_BASE);
}

static void test_fixed_outside(void **state)
{
    LuMem *m = *state;
    int fixed = ANON | MAP_FIXED;
    assert_int_equal(lu_mmap(m, 0xfffff000, 0x2000, RW, fixed, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(m, 0x100000000ull, 0x1000, RW, fixed, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(m, 0x1001, 0x1000, RW, fixed, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(m, 0xfffff000, 0x1000, RW, fixed, -1, 0), 0xfffff000);
    assert_int_equal(lu_mmap(m, 0, 0, RW, ANON, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(m, 0, 0x1000, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
}

static void test_fixed_noreplace(void **state)
{
    LuMem *m = *state;
    assert_int_equal(lu_mmap(m, 0x30000000, 0x2000, RW, ANON | MAP_FIXED, -1, 0), 0x30000000);
    assert_int_equal(lu_mmap(m, 0x30001000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
                     -EEXIST);
    /* Plain MAP_FIXED replaces, and the new pages are zero. */
    memset(lu_g2h(m, 0x30000000), 0xaa, 0x2000);
    assert_int_equal(lu_mmap(m, 0x30001000, 0x1000, RW, ANON | MAP_FIXED, -1, 0), 0x30001000);
    assert_int_equal(*(uint8_t *)lu_g2h(m, 0x30000fff), 0xaa);
    assert_int_equal(*(uint8_t *)lu_g2h(m, 0x30001000), 0);
}

static void test_access(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0);
    assert_true(lu_access_ok(m, a, 0x2000, PROT_READ | PROT_WRITE));
    assert_false(lu_access_ok(m, a, 0x2001, PROT_READ));
    assert_false(lu_access_ok(m, a - 1, 2, PROT_READ));
    assert_true(lu_access_ok(m, 0, 0, PROT_READ));
    assert_false(lu_access_ok(m, 0xffffffff, 2, PROT_READ));
    assert_false(lu_access_ok(m, UINT64_MAX - 1, 4, PROT_READ));
    assert_int_equal(lu_mprotect(m, a + 0x1000, 0x1000, PROT_READ), 0);
    assert_true(lu_access_ok(m, a + 0x1000, 8, PROT_READ));
    assert_false(lu_access_ok(m, a + 0xff8, 16, PROT_WRITE));

    char buf[8] = "abcdefg";
    assert_int_equal(lu_copy_to_guest(m, a, buf, 8), 0);
    assert_int_equal(lu_copy_to_guest(m, a + 0x1000, buf, 8), -EFAULT);
    assert_int_equal(lu_copy_from_guest(m, buf, 0x1000, 8), -EFAULT);
    char s[16];
    assert_int_equal(lu_strncpy_from_guest(m, s, sizeof(s), a), 7);
    assert_string_equal(s, "abcdefg");
    assert_int_equal(lu_strncpy_from_guest(m, s, 4, a), -ENAMETOOLONG);
    assert_int_equal(lu_strncpy_from_guest(m, s, sizeof(s), 8), -EFAULT);
}

static void test_string_across_pages(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0);
    memcpy(lu_g2h(m, a + 0xffd), "hello", 6);
    char s[16];
    assert_int_equal(lu_strncpy_from_guest(m, s, sizeof(s), a + 0xffd), 5);
    assert_string_equal(s, "hello");
    /* The NUL would be on an unmapped page. */
    memset(lu_g2h(m, a + 0x1ff0), 'x', 16);
    assert_int_equal(lu_strncpy_from_guest(m, s, sizeof(s), a + 0x1ff8), -EFAULT);
}

static void test_read_code(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    uint32_t nop = 0xd503201f, insn = 0;
    memcpy(lu_g2h(m, a), &nop, 4);
    assert_false(lu_read_code(m, a, &insn));
    assert_int_equal(lu_mprotect(m, a, 0x1000, PROT_READ | PROT_EXEC), 0);
    assert_true(lu_read_code(m, a, &insn));
    assert_int_equal(insn, nop);
    assert_false(lu_read_code(m, a + 2, &insn));
    assert_false(lu_read_code(m, a + 0x1000, &insn));
}

static void test_mprotect_errors(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    assert_int_equal(lu_mprotect(m, a, 0x2000, PROT_READ), -ENOMEM);
    assert_int_equal(lu_mprotect(m, a + 1, 0x1000, PROT_READ), -EINVAL);
    assert_int_equal(lu_mprotect(m, a, 0x1000, 0x40), -EINVAL);
    /* PROT_BTI (arm64) is accepted. */
    assert_int_equal(lu_mprotect(m, a, 0x1000, PROT_READ | PROT_EXEC | 0x10), 0);
    assert_int_equal(lu_munmap(m, a + 1, 0x1000), -EINVAL);
    assert_int_equal(lu_munmap(m, a, 0), -EINVAL);
    assert_int_equal(lu_munmap(m, 0xfffff000, 0x2000), -EINVAL);
    /* Lengths that would wrap when rounded up to a page. */
    assert_int_equal(lu_mmap(m, 0, UINT64_MAX, PROT_READ, ANON, -1, 0), -ENOMEM);
    assert_int_equal(lu_mprotect(m, a, UINT64_MAX, PROT_READ), -ENOMEM);
    assert_int_equal(lu_munmap(m, a, UINT64_MAX), -EINVAL);
    assert_int_equal(lu_madvise(m, a, UINT64_MAX, MADV_DONTNEED), -EINVAL);
    assert_int_equal(lu_mremap(m, a, 0x1000, UINT64_MAX, MREMAP_MAYMOVE, 0), -EINVAL);
}

static uint64_t inval_start, inval_len;
static int inval_calls;

static void record_invalidate(void *opaque, uint64_t start, uint64_t len)
{
    inval_calls++;
    inval_start = start;
    inval_len = len;
}

static void test_invalidate(void **state)
{
    LuMem *m = *state;
    m->invalidate = record_invalidate;
    inval_calls = 0;
    uint32_t insn;
    uint64_t data = (uint64_t)lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    uint64_t code = (uint64_t)lu_mmap(m, 0, 0x2000, PROT_READ | PROT_EXEC, ANON, -1, 0);
    uint64_t cold = (uint64_t)lu_mmap(m, 0, 0x1000, PROT_READ | PROT_EXEC, ANON, -1, 0);
    assert_int_equal(lu_munmap(m, data, 0x1000), 0);
    /* Executable but never translated: nothing to drop. */
    assert_int_equal(lu_munmap(m, cold, 0x1000), 0);
    assert_int_equal(inval_calls, 0);
    assert_true(lu_read_code(m, code, &insn));
    assert_true(lu_read_code(m, code + 0x1000, &insn));
    /* Still executable: the TBs stay. */
    assert_int_equal(lu_mprotect(m, code, 0x2000, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
    assert_int_equal(inval_calls, 0);
    assert_int_equal(lu_mprotect(m, code, 0x1000, RW), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, code);
    assert_int_equal(inval_len, 0x1000);
    assert_int_equal(lu_munmap(m, code, 0x2000), 0);
    assert_int_equal(inval_calls, 2);
    assert_int_equal(inval_start, code);
    assert_int_equal(inval_len, 0x2000);
}

/* Whether the host lets a syscall write the page: read() into a read-only
 * page fails with EFAULT instead of faulting. */
static bool host_writable(LuMem *m, uint64_t g)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    char c = 'w';
    assert_int_equal(write(fds[1], &c, 1), 1);
    ssize_t r = read(fds[0], lu_g2h(m, g), 1);
    close(fds[0]);
    close(fds[1]);
    return r == 1;
}

static uint8_t page_flags(LuMem *m, uint64_t g)
{
    return m->pages[g >> LU_PAGE_BITS];
}

#define RWX (PROT_READ | PROT_WRITE | PROT_EXEC)

static void test_code_write(void **state)
{
    LuMem *m = *state;
    m->invalidate = record_invalidate;
    inval_calls = 0;
    uint32_t insn;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, RWX, ANON, -1, 0);
    assert_true(host_writable(m, a));
    assert_true(lu_read_code(m, a + 0x1004, &insn));
    /* Only the translated page is watched. */
    assert_true(page_flags(m, a + 0x1000) & LU_PAGE_CODE);
    assert_false(page_flags(m, a) & LU_PAGE_CODE);
    assert_false(host_writable(m, a + 0x1000));
    assert_true(host_writable(m, a));
    /* The guest still sees a writable page. */
    assert_true(lu_access_ok(m, a + 0x1000, 4, PROT_READ));
    assert_int_equal(inval_calls, 0);
    /* A store fault there: unprotected, its TBs dropped, store retried. */
    assert_true(lu_mem_code_write(m, a + 0x1010));
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, a + 0x1000);
    assert_int_equal(inval_len, 0x1000);
    assert_false(page_flags(m, a + 0x1000) & LU_PAGE_CODE);
    assert_true(host_writable(m, a + 0x1000));
    /* Another thread already unprotected it: retry, nothing to drop. */
    assert_true(lu_mem_code_write(m, a + 0x1010));
    assert_int_equal(inval_calls, 1);
    /* Real faults: not writable for the guest, or not mapped. */
    uint64_t rx = (uint64_t)lu_mmap(m, 0, 0x1000, PROT_READ | PROT_EXEC, ANON, -1, 0);
    assert_true(lu_read_code(m, rx, &insn));
    assert_false(lu_mem_code_write(m, rx));
    assert_false(lu_mem_code_write(m, 0x1000));
    assert_false(lu_mem_code_write(m, LU_SPACE + 16));
}

static void test_code_syscall_write(void **state)
{
    LuMem *m = *state;
    m->invalidate = record_invalidate;
    inval_calls = 0;
    uint32_t insn;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x3000, RWX, ANON, -1, 0);
    assert_true(lu_read_code(m, a, &insn));
    assert_true(lu_read_code(m, a + 0x2000, &insn));
    /* Reading is no reason to unprotect. */
    assert_true(lu_access_ok(m, a, 0x3000, PROT_READ));
    assert_int_equal(inval_calls, 0);
    assert_false(host_writable(m, a));
    /* A syscall about to write [a + 0xff0, a + 0x2010): both code pages. */
    assert_true(lu_access_ok(m, a + 0xff0, 0x1020, PROT_WRITE));
    assert_int_equal(inval_calls, 1);
    assert_true(host_writable(m, a));
    assert_true(host_writable(m, a + 0x2000));
    assert_false(page_flags(m, a + 0x2000) & LU_PAGE_CODE);
    uint32_t nop = 0xd503201f;
    assert_int_equal(lu_copy_to_guest(m, a, &nop, 4), 0);
    assert_true(lu_read_code(m, a, &insn));
    assert_int_equal(insn, nop);
}

static void test_code_mprotect(void **state)
{
    LuMem *m = *state;
    m->invalidate = record_invalidate;
    inval_calls = 0;
    uint32_t insn;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, PROT_READ | PROT_EXEC, ANON, -1, 0);
    assert_true(lu_read_code(m, a, &insn));
    assert_true(page_flags(m, a) & LU_PAGE_CODE);
    /* RX -> RWX keeps the TBs and the page read-only on the host. */
    assert_int_equal(lu_mprotect(m, a, 0x2000, RWX), 0);
    assert_int_equal(inval_calls, 0);
    assert_false(host_writable(m, a));
    assert_true(host_writable(m, a + 0x1000));
    assert_true(page_flags(m, a) & LU_PAGE_WRITE);     /* the guest's view */
    /* RWX -> RX -> RWX again, same. */
    assert_int_equal(lu_mprotect(m, a, 0x1000, PROT_READ | PROT_EXEC), 0);
    assert_int_equal(lu_mprotect(m, a, 0x1000, RWX), 0);
    assert_false(host_writable(m, a));
    /* Losing EXEC drops the TBs and the watch. */
    assert_int_equal(lu_mprotect(m, a, 0x2000, RW), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, a);
    assert_int_equal(inval_len, 0x1000);
    assert_false(page_flags(m, a) & LU_PAGE_CODE);
    assert_true(host_writable(m, a));
    assert_false(lu_read_code(m, a, &insn));
}

static void test_code_madvise_mremap(void **state)
{
    LuMem *m = *state;
    m->invalidate = record_invalidate;
    inval_calls = 0;
    uint32_t insn, nop = 0xd503201f;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x3000, RWX, ANON, -1, 0);
    memcpy(lu_g2h(m, a), &nop, 4);
    assert_true(lu_read_code(m, a, &insn));
    /* DONTNEED zeroes the code: its TBs go. */
    assert_int_equal(lu_madvise(m, a, 0x1000, MADV_DONTNEED), 0);
    assert_int_equal(inval_calls, 1);
    assert_true(lu_read_code(m, a, &insn));
    assert_int_equal(insn, 0);
    assert_int_equal(lu_madvise(m, a, 0x3000, MADV_WILLNEED), 0);
    assert_int_equal(inval_calls, 1);
    /* A code page in the middle splits the host mapping; growing and
     * moving it still work, and the new address is not watched. */
    assert_true(lu_read_code(m, a + 0x1000, &insn));
    memset(lu_g2h(m, a + 0x2000), 0x77, 16);
    uint64_t blocker = a + 0x3000;
    assert_int_equal(lu_mmap(m, blocker, 0x1000, RW, ANON | MAP_FIXED, -1, 0), (int64_t)blocker);
    int64_t b = lu_mremap(m, a, 0x3000, 0x5000, MREMAP_MAYMOVE, 0);
    assert_true(b > 0 && (uint64_t)b != a);
    assert_int_equal(inval_start, a);
    assert_int_equal(*(uint8_t *)lu_g2h(m, (uint64_t)b + 0x2000), 0x77);
    for (uint64_t off = 0; off < 0x5000; off += 0x1000) {
        assert_false(page_flags(m, (uint64_t)b + off) & LU_PAGE_CODE);
        assert_true(host_writable(m, (uint64_t)b + off));
    }
    /* Grow in place over a code page. */
    assert_true(lu_read_code(m, (uint64_t)b + 0x1000, &insn));
    assert_int_equal(lu_mremap(m, (uint64_t)b, 0x5000, 0x6000, 0, 0), b);
    assert_true(host_writable(m, (uint64_t)b + 0x5000));
}

/* A translator thread marks the page CODE while another thread takes
 * store faults on it and flips its protection: at the end, the flags and
 * the host protection must still agree. */
typedef struct RaceArgs {
    LuMem *m;
    uint64_t page;
    volatile bool stop;
} RaceArgs;

static void *race_translator(void *opaque)
{
    RaceArgs *r = opaque;
    uint32_t insn;
    while (!r->stop)
        lu_read_code(r->m, r->page + 8, &insn);
    return NULL;
}

static void test_code_race(void **state)
{
    LuMem *m = *state;
    RaceArgs r = { m, (uint64_t)lu_mmap(m, 0, 0x1000, RWX, ANON, -1, 0), false };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, race_translator, &r), 0);
    for (int i = 0; i < 20000; i++) {
        if (i % 64 == 0)
            lu_mprotect(m, r.page, 0x1000, (i / 64) % 2 ? PROT_READ | PROT_EXEC : RWX);
        if (lu_mem_code_write(m, r.page + 16))
            assert_true(page_flags(m, r.page) & LU_PAGE_WRITE);
    }
    r.stop = true;
    pthread_join(th, NULL);
    uint8_t f = page_flags(m, r.page);
    assert_int_equal(host_writable(m, r.page),
                     (f & LU_PAGE_WRITE) && !(f & LU_PAGE_CODE));
    assert_int_equal(lu_mprotect(m, r.page, 0x1000, RWX), 0);
    f = page_flags(m, r.page);
    assert_int_equal(host_writable(m, r.page), !(f & LU_PAGE_CODE));
}

static void test_mremap_shared_alias(void **state)
{
    LuMem *m = *state;
    int64_t a = lu_mmap(m, 0, 0x2000, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(a > 0);
    /* old_len 0: a second mapping of the same shared pages. */
    assert_int_equal(lu_mremap(m, (uint64_t)a, 0, 0x2000, 0, 0), -EINVAL);
    int64_t b = lu_mremap(m, (uint64_t)a, 0, 0x2000, MREMAP_MAYMOVE, 0);
    assert_true(b > 0 && b != a);
    strcpy(lu_g2h(m, (uint64_t)a + 0x1000), "shared");
    assert_string_equal(lu_g2h(m, (uint64_t)b + 0x1000), "shared");
    assert_true(lu_access_ok(m, (uint64_t)a, 0x2000, PROT_WRITE));
    /* Moving a shared mapping keeps it shared with its alias. */
    int64_t c = lu_mremap(m, (uint64_t)b, 0x2000, 0x2000, MREMAP_MAYMOVE | MREMAP_FIXED, 0x70000000);
    assert_int_equal(c, 0x70000000);
    assert_false(lu_access_ok(m, (uint64_t)b, 1, PROT_READ));
    strcpy(lu_g2h(m, 0x70000000), "moved");
    assert_string_equal(lu_g2h(m, (uint64_t)a), "moved");
    /* A private mapping can't be aliased. */
    int64_t p = lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    assert_int_equal(lu_mremap(m, (uint64_t)p, 0, 0x1000, MREMAP_MAYMOVE, 0), -EINVAL);
    /* DONTUNMAP: the old range stays mapped (empty), the data moves. */
    memset(lu_g2h(m, (uint64_t)p), 9, 0x1000);
    int64_t q = lu_mremap(m, (uint64_t)p, 0x1000, 0x1000, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
    assert_true(q > 0 && q != p);
    assert_int_equal(*(uint8_t *)lu_g2h(m, (uint64_t)q), 9);
    assert_true(lu_access_ok(m, (uint64_t)p, 0x1000, PROT_WRITE));
    assert_int_equal(*(uint8_t *)lu_g2h(m, (uint64_t)p), 0);
    assert_int_equal(lu_mremap(m, (uint64_t)q, 0x1000, 0x2000, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), -EINVAL);
}

static void test_shm(void **state)
{
    LuMem *m = *state;
    int id = shmget(IPC_PRIVATE, 0x1800, IPC_CREAT | 0600);
    assert_true(id >= 0);
    int64_t a = lu_mem_shmat(m, id, 0, 0x1800, 0);
    assert_true(a >= LU_MMAP_BASE && (a & 0xfff) == 0);
    assert_true(lu_access_ok(m, (uint64_t)a, 0x2000, PROT_WRITE));
    /* Shared with a host attachment of the same segment. */
    char *host = shmat(id, NULL, 0);
    assert_true(host != (void *)-1);
    strcpy(lu_g2h(m, (uint64_t)a + 0x1000), "via guest");
    assert_string_equal(host + 0x1000, "via guest");
    /* Read-only, rounded attach at a chosen address. */
    int64_t r = lu_mem_shmat(m, id, 0x30000123, 0x1800, SHM_RDONLY | SHM_RND);
    assert_int_equal(r, 0x30000000);
    assert_true(lu_access_ok(m, 0x30000000, 0x2000, PROT_READ));
    assert_false(lu_access_ok(m, 0x30000000, 1, PROT_WRITE));
    assert_string_equal(lu_g2h(m, 0x30001000), "via guest");
    assert_int_equal(lu_mem_shmat(m, id, 0x30000123, 0x1800, 0), -EINVAL);
    /* Over a mapping: refused, unless SHM_REMAP. */
    assert_int_equal(lu_mem_shmat(m, id, 0x30000000, 0x1800, 0), -EINVAL);
    assert_int_equal(lu_mem_shmat(m, id, 0x30000000, 0x1800, SHM_REMAP), 0x30000000);
    assert_true(lu_access_ok(m, 0x30000000, 1, PROT_WRITE));
    /* Detach: the pages are gone for the guest; only attach addresses. */
    assert_int_equal(lu_mem_shmdt(m, 0x30001000), -EINVAL);
    assert_int_equal(lu_mem_shmdt(m, 0x30000000), 0);
    assert_false(lu_access_ok(m, 0x30000000, 1, PROT_READ));
    assert_int_equal(lu_mem_shmdt(m, 0x30000000), -EINVAL);
    /* Part of an attachment replaced by a mapping: detach leaves it. */
    assert_int_equal(lu_mmap(m, (uint64_t)a + 0x1000, 0x1000, RW, ANON | MAP_FIXED, -1, 0),
                     a + 0x1000);
    assert_int_equal(lu_mem_shmdt(m, (uint64_t)a), 0);
    assert_false(lu_access_ok(m, (uint64_t)a, 1, PROT_READ));
    assert_true(lu_access_ok(m, (uint64_t)a + 0x1000, 0x1000, PROT_WRITE));
    assert_int_equal(*(char *)lu_g2h(m, (uint64_t)a + 0x1000), 0);
    assert_int_equal(lu_mem_shmat(m, -1, 0, 0x1000, 0), -EINVAL);
    shmdt(host);
    shmctl(id, IPC_RMID, NULL);
}

static void test_brk(void **state)
{
    LuMem *m = *state;
    m->brk_start = m->brk = 0x500000;
    assert_int_equal(lu_brk(m, 0), 0x500000);
    assert_int_equal(lu_brk(m, 0x500010), 0x500010);
    assert_true(lu_access_ok(m, 0x500000, 0x1000, PROT_WRITE));
    assert_int_equal(lu_brk(m, 0x523456), 0x523456);
    assert_true(lu_access_ok(m, 0x523000, 0x1000, PROT_WRITE));
    *(uint8_t *)lu_g2h(m, 0x523000) = 7;
    assert_int_equal(lu_brk(m, 0x501000), 0x501000);
    assert_false(lu_access_ok(m, 0x501000, 1, PROT_READ));
    /* Below the start, or into a mapping: refused, brk unchanged. */
    assert_int_equal(lu_brk(m, 0x400000), 0x501000);
    assert_int_equal(lu_mmap(m, 0x600000, 0x1000, RW, ANON | MAP_FIXED, -1, 0), 0x600000);
    assert_int_equal(lu_brk(m, 0x700000), 0x501000);
    /* Regrown pages are fresh zeros. */
    assert_int_equal(lu_brk(m, 0x524000), 0x524000);
    assert_int_equal(lu_brk(m, 0x600000), 0x600000);
    assert_int_equal(lu_brk(m, 0x600001), 0x600000);
    assert_int_equal(*(uint8_t *)lu_g2h(m, 0x523000), 0);
}

static void test_mremap(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0);
    memset(lu_g2h(m, a), 0x5a, 0x2000);
    /* Grow in place: the pages after are free. */
    assert_int_equal(lu_mremap(m, a, 0x2000, 0x4000, 0, 0), (int64_t)a);
    assert_true(lu_access_ok(m, a, 0x4000, PROT_WRITE));
    assert_int_equal(*(uint8_t *)lu_g2h(m, a + 0x1fff), 0x5a);
    /* Blocked: no MAYMOVE -> ENOMEM; MAYMOVE -> moves and keeps data. */
    uint64_t blocker = (uint64_t)lu_mmap(m, a + 0x4000, 0x1000, RW, ANON | MAP_FIXED, -1, 0);
    assert_int_equal(blocker, a + 0x4000);
    assert_int_equal(lu_mremap(m, a, 0x4000, 0x8000, 0, 0), -ENOMEM);
    int64_t b = lu_mremap(m, a, 0x4000, 0x8000, MREMAP_MAYMOVE, 0);
    assert_true(b > 0 && (uint64_t)b != a);
    assert_int_equal(*(uint8_t *)lu_g2h(m, (uint64_t)b + 0x1fff), 0x5a);
    assert_false(lu_access_ok(m, a, 1, PROT_READ));
    /* Shrink. */
    assert_int_equal(lu_mremap(m, (uint64_t)b, 0x8000, 0x1000, 0, 0), b);
    assert_false(lu_access_ok(m, (uint64_t)b + 0x1000, 1, PROT_READ));
    /* Fixed destination. */
    assert_int_equal(lu_mremap(m, (uint64_t)b, 0x1000, 0x1000,
                               MREMAP_MAYMOVE | MREMAP_FIXED, 0x50000000), 0x50000000);
    assert_int_equal(*(uint8_t *)lu_g2h(m, 0x50000000), 0x5a);
    assert_int_equal(lu_mremap(m, 0x60000000, 0x1000, 0x2000, MREMAP_MAYMOVE, 0), -EFAULT);
}

static void test_madvise(void **state)
{
    LuMem *m = *state;
    uint64_t a = (uint64_t)lu_mmap(m, 0, 0x2000, RW, ANON, -1, 0);
    memset(lu_g2h(m, a), 1, 0x2000);
    assert_int_equal(lu_madvise(m, a, 0x2000, MADV_DONTNEED), 0);
    assert_int_equal(*(uint8_t *)lu_g2h(m, a + 0x1000), 0);
    assert_int_equal(lu_madvise(m, a, 0x3000, MADV_DONTNEED), -ENOMEM);
    assert_int_equal(lu_madvise(m, a, 0x1000, 100), -EINVAL);
}

static void test_file_mapping(void **state)
{
    LuMem *m = *state;
    FILE *f = tmpfile();
    assert_non_null(f);
    char page[0x1000];
    memset(page, 'p', sizeof(page));
    fwrite(page, 1, sizeof(page), f);
    fwrite("second", 1, 6, f);
    fflush(f);
    int64_t a = lu_mmap(m, 0, 0x1000, PROT_READ, MAP_PRIVATE, fileno(f), 0x1000);
    assert_true(a > 0);
    assert_memory_equal(lu_g2h(m, (uint64_t)a), "second", 6);
    assert_false(lu_access_ok(m, (uint64_t)a, 1, PROT_WRITE));
    assert_int_equal(lu_mmap(m, 0, 0x1000, PROT_READ, MAP_PRIVATE, fileno(f), 1), -EINVAL);
    assert_int_equal(lu_mmap(m, 0, 0x1000, PROT_READ, MAP_PRIVATE, 999, 0), -EBADF);
    fclose(f);
}

/* ---- prefault.c: what is committed ahead ---------------------------------- */

/* Whether the host page holding p is mapped in this process (pagemap's
 * "present" bit), without touching it. */
static bool host_page_present(const void *p)
{
    FILE *f = fopen("/proc/self/pagemap", "rb");
    uint64_t e = 0;
    assert_non_null(f);
    long off = (long)((uintptr_t)p / 4096 * sizeof(e));
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    assert_int_equal(fread(&e, sizeof(e), 1, f), 1);
    fclose(f);
    return (e >> 63) & 1;
}

static unsigned guest_pages_present(LuMem *m, uint64_t addr, uint64_t len)
{
    unsigned n = 0;
    for (uint64_t a = addr; a < addr + len; a += LU_PAGE_SIZE)
        n += host_page_present(lu_g2h(m, a));
    return n;
}

/* Kernels before 5.14 have no MADV_POPULATE_*: prefaulting is then off. */
static bool host_can_populate(void)
{
    void *p = mmap(NULL, 4096, RW, ANON, -1, 0);
    assert_true(p != MAP_FAILED);
    bool ok = madvise(p, 4096, 23 /* MADV_POPULATE_WRITE */) == 0;
    munmap(p, 4096);
    return ok;
}

static void test_prefault_anon(void **state)
{
    LuMem *m = *state;
    if (!host_can_populate())
        skip();
    /* Small, private, writable: committed, and still zero. */
    int64_t a = lu_mmap(m, 0, 0x10000, RW, ANON, -1, 0);
    assert_true(a > 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)a, 0x10000), 16);
    for (int i = 0; i < 0x10000; i++)
        assert_int_equal(((uint8_t *)lu_g2h(m, (uint64_t)a))[i], 0);
    /* A reservation (above LU_PREFAULT_ANON_MAX), MAP_NORESERVE, a stack,
     * read-only or inaccessible memory: left to fault in. */
    int64_t big = lu_mmap(m, 0, 0x400000, RW, ANON, -1, 0);
    int64_t nores = lu_mmap(m, 0, 0x10000, RW, ANON | MAP_NORESERVE, -1, 0);
    int64_t stack = lu_mmap(m, 0, 0x10000, RW, ANON | MAP_STACK, -1, 0);
    int64_t ro = lu_mmap(m, 0, 0x10000, PROT_READ, ANON, -1, 0);
    int64_t none = lu_mmap(m, 0, 0x10000, PROT_NONE, ANON, -1, 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)big, 0x400000), 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)nores, 0x10000), 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)stack, 0x10000), 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)ro, 0x10000), 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)none, 0x10000), 0);
    /* Shared memory is never committed ahead. */
    int64_t sh = lu_mmap(m, 0, 0x10000, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)sh, 0x10000), 0);
}

static void test_prefault_budget_brk(void **state)
{
    LuMem *m = *state;
    if (!host_can_populate())
        skip();
    /* brk increments are committed, and count against the budget. */
    m->brk_start = m->brk = 0x500000;
    m->prefault_left = 0x20000;
    assert_int_equal(lu_brk(m, 0x510000), 0x510000);
    assert_int_equal(guest_pages_present(m, 0x500000, 0x10000), 16);
    assert_int_equal(m->prefault_left, 0x10000);
    /* Once spent, mappings fault in as before. */
    int64_t a = lu_mmap(m, 0, 0x18000, RW, ANON, -1, 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)a, 0x18000), 0);
    assert_int_equal(m->prefault_left, 0x10000);
    int64_t b = lu_mmap(m, 0, 0x10000, RW, ANON, -1, 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)b, 0x10000), 16);
    assert_int_equal(m->prefault_left, 0);
    assert_int_equal(lu_brk(m, 0x520000), 0x520000);
    assert_int_equal(guest_pages_present(m, 0x510000, 0x10000), 0);
}

/* Code mapped from a file is mapped ahead (read only: nothing copied);
 * so is a small file mapped read-only, private or shared; a small private
 * writable mapping (a library's data segment) is copied ahead, and stays
 * private. */
static void test_prefault_code_file(void **state)
{
    LuMem *m = *state;
    if (!host_can_populate())
        skip();
    char path[] = "/tmp/tern-prefault-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    static uint8_t bytes[0x8000];
    memset(bytes, 0xd5, sizeof(bytes));
    assert_int_equal(write(fd, bytes, sizeof(bytes)), (ssize_t)sizeof(bytes));
    int64_t code = lu_mmap(m, 0, 0x8000, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    int64_t data = lu_mmap(m, 0, 0x8000, PROT_READ, MAP_PRIVATE, fd, 0);
    int64_t rw = lu_mmap(m, 0, 0x8000, RW, MAP_PRIVATE, fd, 0);
    int64_t shared = lu_mmap(m, 0, 0x8000, RW, MAP_SHARED, fd, 0);
    int64_t ro_shared = lu_mmap(m, 0, 0x8000, PROT_READ, MAP_SHARED, fd, 0);
    assert_true(code > 0 && data > 0 && rw > 0 && shared > 0 && ro_shared > 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)code, 0x8000), 8);
    assert_int_equal(guest_pages_present(m, (uint64_t)data, 0x8000), 8);
    assert_int_equal(guest_pages_present(m, (uint64_t)ro_shared, 0x8000), 8);
    assert_memory_equal(lu_g2h(m, (uint64_t)data), bytes, sizeof(bytes));
    assert_int_equal(guest_pages_present(m, (uint64_t)rw, 0x8000), 8);
    assert_int_equal(guest_pages_present(m, (uint64_t)shared, 0x8000), 0);
    assert_memory_equal(lu_g2h(m, (uint64_t)code), bytes, sizeof(bytes));
    memset(lu_g2h(m, (uint64_t)rw), 1, 0x8000);
    assert_memory_equal(lu_g2h(m, (uint64_t)shared), bytes, sizeof(bytes));
    /* Past LU_PREFAULT_DATA_MAX a writable file mapping is left alone. */
    assert_int_equal(ftruncate(fd, (off_t)(2 * LU_PREFAULT_DATA_MAX)), 0);
    int64_t big = lu_mmap(m, 0, 2 * LU_PREFAULT_DATA_MAX, RW, MAP_PRIVATE, fd, 0);
    assert_true(big > 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)big, 2 * LU_PREFAULT_DATA_MAX), 0);
    /* So is a read-only one past LU_PREFAULT_RO_MAX (a data file read
     * here and there). */
    assert_int_equal(ftruncate(fd, (off_t)(2 * LU_PREFAULT_RO_MAX)), 0);
    int64_t big_ro = lu_mmap(m, 0, 2 * LU_PREFAULT_RO_MAX, PROT_READ, MAP_PRIVATE, fd, 0);
    assert_true(big_ro > 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)big_ro, 2 * LU_PREFAULT_RO_MAX), 0);
    close(fd);
}

/* The host VMA holding h has the MADV_HUGEPAGE flag ("hg" in smaps). */
static bool host_hugepage_advised(const void *h)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    assert_non_null(f);
    char line[512], perms[8];
    bool in = false, hg = false;
    while (fgets(line, sizeof(line), f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3)
            in = (uintptr_t)h >= lo && (uintptr_t)h < hi;
        else if (in && !strncmp(line, "VmFlags:", 8))
            hg = strstr(line, " hg") != NULL;
    }
    fclose(f);
    return hg;
}

/* Anonymous private mappings a multiple of 2 MiB start on a 2 MiB
 * boundary, guest and host alike, and are advised huge pages within
 * LU_HUGE_MAP_MAX each and LU_HUGE_BUDGET in all; others first fit. */
static void test_huge_placement(void **state)
{
    LuMem *m = *state;
    assert_int_equal((uintptr_t)m->base % LU_HUGE_SIZE, 0);
    int64_t small = lu_mmap(m, 0, 0x1000, RW, ANON, -1, 0);
    int64_t huge = lu_mmap(m, 0, LU_HUGE_SIZE, RW, ANON, -1, 0);
    assert_int_equal(small, LU_MMAP_BASE);
    assert_int_equal(huge, LU_MMAP_BASE + LU_HUGE_SIZE);
    assert_int_equal(m->huge_left, LU_HUGE_BUDGET - LU_HUGE_SIZE);
    assert_true(host_hugepage_advised(lu_g2h(m, (uint64_t)huge)));
    /* The gap below it is still first fit for the rest. */
    assert_int_equal(lu_mmap(m, 0, 0x3000, RW, ANON, -1, 0), LU_MMAP_BASE + 0x1000);
    /* Not a multiple of 2 MiB, a stack, shared: no alignment, no advice. */
    int64_t odd = lu_mmap(m, 0, LU_HUGE_SIZE + 0x1000, RW, ANON, -1, 0);
    assert_int_equal(odd, LU_MMAP_BASE + 2 * LU_HUGE_SIZE);
    int64_t stack = lu_mmap(m, 0, LU_HUGE_SIZE, RW, ANON | MAP_STACK, -1, 0);
    int64_t shared = lu_mmap(m, 0, LU_HUGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(stack > 0 && shared > 0);
    assert_int_equal(m->huge_left, LU_HUGE_BUDGET - LU_HUGE_SIZE);
    assert_false(host_hugepage_advised(lu_g2h(m, (uint64_t)odd)));
    /* Inaccessible (a reservation) or too big: placed, not advised. */
    int64_t none = lu_mmap(m, 0, LU_HUGE_SIZE, PROT_NONE, ANON, -1, 0);
    int64_t big = lu_mmap(m, 0, 32 * LU_HUGE_SIZE, RW, ANON, -1, 0);
    assert_int_equal(none % LU_HUGE_SIZE, 0);
    assert_int_equal(big % LU_HUGE_SIZE, 0);
    assert_int_equal(m->huge_left, LU_HUGE_BUDGET - LU_HUGE_SIZE);
    /* A spent budget stops the advice, not the alignment. */
    m->huge_left = LU_HUGE_SIZE;
    int64_t last = lu_mmap(m, 0, 2 * LU_HUGE_SIZE, RW, ANON, -1, 0);
    assert_int_equal(last % LU_HUGE_SIZE, 0);
    assert_int_equal(m->huge_left, LU_HUGE_SIZE);
    assert_false(host_hugepage_advised(lu_g2h(m, (uint64_t)last)));
}

/* Never-written parts of the page-flag table read as free and are
 * skipped by first fit; a page of it is committed when first written,
 * and unmapping where nothing was mapped writes nothing. */
static void test_flag_table(void **state)
{
    LuMem *m = *state;
    uint64_t tp = 0x60000000 >> LU_PAGE_BITS >> LU_PAGE_BITS;
    assert_int_equal(lu_munmap(m, 0x60000000, 0x100000), 0);
    assert_false(host_page_present(m->pages + tp * LU_PAGE_SIZE));
    assert_int_equal(lu_mmap(m, 0x60000000, 0x1000, RW, ANON | MAP_FIXED, -1, 0),
                     0x60000000);
    assert_true(host_page_present(m->pages + tp * LU_PAGE_SIZE));
    /* 512 MiB + 4 KiB from LU_MMAP_BASE would cover that page: first fit goes on
     * after it, across table pages never written. */
    int64_t a = lu_mmap(m, 0, 0x20001000, PROT_NONE, ANON, -1, 0);
    assert_int_equal(a, 0x60001000);
    assert_int_equal(lu_mmap(m, 0x50000000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
                     0x50000000);
    assert_int_equal(lu_mmap(m, 0x60000000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
                     -EEXIST);
    assert_true(lu_access_ok(m, 0x60000000, 0x1000, PROT_WRITE));
    assert_false(lu_access_ok(m, 0x58000000, 0x1000, PROT_READ));
}

/* Code past LU_PREFAULT_CODE_MAX is committed a window at a time, as the
 * translator first reads a page of it: the executable pages of the
 * aligned LU_CODE_WINDOW around it, nothing else. */
static void test_prefault_code_window(void **state)
{
    LuMem *m = *state;
    if (!host_can_populate())
        skip();
    char path[] = "/tmp/tern-prefault-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    uint64_t len = LU_PREFAULT_CODE_MAX + LU_CODE_WINDOW;
    assert_int_equal(ftruncate(fd, (off_t)len), 0);
    int64_t code = lu_mmap(m, 0, len, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    assert_true(code > 0 && code % LU_CODE_WINDOW == 0);
    assert_int_equal(guest_pages_present(m, (uint64_t)code, len), 0);
    uint64_t w = (uint64_t)code + 3 * LU_CODE_WINDOW;
    /* The window's last page is inaccessible: left out. */
    assert_int_equal(lu_mprotect(m, w + LU_CODE_WINDOW - LU_PAGE_SIZE, LU_PAGE_SIZE,
                                 PROT_NONE), 0);
    assert_non_null(lu_code_ptr(m, w + 0x2004));
    uint64_t n = LU_CODE_WINDOW / LU_PAGE_SIZE;
    assert_int_equal(guest_pages_present(m, w, LU_CODE_WINDOW), n - 1);
    assert_int_equal(guest_pages_present(m, (uint64_t)code, 3 * LU_CODE_WINDOW), 0);
    assert_int_equal(guest_pages_present(m, w + LU_CODE_WINDOW, LU_CODE_WINDOW), 0);
    /* Mapped again: its windows are committed again on their next read. */
    assert_int_equal(lu_mmap(m, (uint64_t)code, len, PROT_READ | PROT_EXEC,
                             MAP_PRIVATE | MAP_FIXED, fd, 0), code);
    assert_int_equal(guest_pages_present(m, w, LU_CODE_WINDOW), 0);
    assert_non_null(lu_code_ptr(m, w));
    assert_int_equal(guest_pages_present(m, w, LU_CODE_WINDOW), n);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_first_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fixed_outside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fixed_noreplace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_across_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mprotect_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalidate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mremap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_madvise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_syscall_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_mprotect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_madvise_mremap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_race, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mremap_shared_alias, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefault_anon, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefault_budget_brk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefault_code_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_placement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefault_code_window, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
