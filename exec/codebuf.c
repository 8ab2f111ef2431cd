/* exec/codebuf.c — the code buffer where backends emit host code.
 *
 * Two layouts, chosen at exec_new (ExecConfig.code_wx):
 *   - default: one private anonymous mapping, readable, writable and
 *     executable (as QEMU's default).  rw and rx are the same address.
 *     It is cheap to fill: anonymous memory may use transparent huge pages
 *     (MADV_HUGEPAGE; shmem here may not), so emitting a few MB of code
 *     takes a handful of page faults instead of two per 4 KiB page; fork
 *     copies it like any private memory; and perf resolves samples in it
 *     through /tmp/perf-PID.map (perf ignores the map for file-backed
 *     mappings, which the memfd's are).
 *   - W^X (code_wx): generated code is never writable and executable
 *     through the same mapping.  One memfd is mapped twice, read-write
 *     (where backends emit and patch) and read-execute (what runs); both
 *     views show the same pages, so a write through rw is visible at the
 *     same offset in rx.  Costs: two first-touch faults per page, no huge
 *     pages, a copy at fork, samples in perf show as "memfd:tern-code".
 * On hosts without a coherent instruction cache the writer cleans the range
 * (__builtin___clear_cache) in both layouts.
 *
 * First touches are taken ahead of use: the bump pointer commits pages in
 * chunks (MADV_POPULATE_WRITE; silently skipped on kernels without it), so
 * the emitter does not fault page by page in the middle of a TB.
 *
 * Layout: [0, shared) holds the backend's shared code (prologue, epilogue,
 * exit stubs) emitted once by Backend.create; TB code is bump-allocated
 * after it at TB_ALIGN boundaries, so TB code addresses ascend in
 * allocation order (tb.c's code-address map relies on it).  A flush resets
 * the bump pointer to `shared`; the shared code is never re-emitted.
 *
 * With W^X the memfd is MAP_SHARED, so a forked child would share it with
 * its parent; the codebuf_fork_* functions give the child its own copy
 * (exec.c calls them from pthread_atfork handlers).  They do nothing for
 * the private layout, which fork already copies.
 */
#define _GNU_SOURCE
#include "exec/exec-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

#define CODEBUF_HUGE ((size_t)2 << 20)        /* x86-64 THP size */
#define CODEBUF_POPULATE ((size_t)512 << 10)  /* the largest commit step */
#define CODEBUF_AHEAD ((size_t)32 << 10)      /* kept committed past used */

static size_t align_up(size_t n, size_t a)
{
    return (n + a - 1) & ~(a - 1);
}

static void codebuf_fail(const char *what)
{
    fprintf(stderr, "tern: code buffer: %s: %s\n", what, strerror(errno));
}

/* Commits the pages of [populated, end) and a step beyond (mem.c) ahead
 * of the bump pointer.  Failure (no MADV_POPULATE_*, or no memory now) is
 * harmless: the pages then fault in one by one, or the emitter's write
 * raises the OOM the fault would. */
static void codebuf_populate(CodeBuf *cb, size_t end)
{
    if (end > cb->size)
        end = cb->size;
    if (!cb->can_populate || end <= cb->populated)
        return;
    size_t step = exec_populate_step(cb->populated, CODEBUF_POPULATE);
    end = align_up(end > cb->populated + step ? end : cb->populated + step, step);
    if (end > cb->size)
        end = cb->size;
    size_t len = end - cb->populated;
    bool ok = madvise(cb->rw + cb->populated, len, MADV_POPULATE_WRITE) == 0;
    if (ok && cb->wx)
        ok = madvise((void *)(cb->rx + cb->populated), len, MADV_POPULATE_READ) == 0;
    if (!ok)
        cb->can_populate = false;
    cb->populated = end;
}

/* The default layout: one private RWX mapping, aligned to the huge page
 * size so that THP can back all of it past the first EXEC_SMALL_PAGES.
 * The alignment slack stays mapped, never touched (it costs nothing; an
 * munmap is a TLB flush, tens of us on a VM). */
static bool codebuf_map_rwx(CodeBuf *cb)
{
    size_t span = cb->size + CODEBUF_HUGE;
    uint8_t *p = mmap(NULL, span, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        codebuf_fail("mmap");
        return false;
    }
    uint8_t *start = (uint8_t *)align_up((uintptr_t)p, CODEBUF_HUGE);
    cb->map = p;
    cb->mapped = span;
    if (cb->size > EXEC_SMALL_PAGES)   /* a hint; may be off */
        (void)madvise(start + EXEC_SMALL_PAGES, cb->size - EXEC_SMALL_PAGES, MADV_HUGEPAGE);
    cb->rw = start;
    cb->rx = (uintptr_t)start;
    return true;
}

/* Maps fd twice.  Returns false (errno set, nothing left mapped) on failure. */
static bool codebuf_map_views(CodeBuf *cb, int fd)
{
    void *rw = mmap(NULL, cb->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        codebuf_fail("mmap read-write view");
        return false;
    }
    void *rx = mmap(NULL, cb->size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (rx == MAP_FAILED) {
        codebuf_fail("mmap executable view");
        munmap(rw, cb->size);
        return false;
    }
    cb->rw = rw;
    cb->rx = (uintptr_t)rx;
    return true;
}

static bool codebuf_map_wx(CodeBuf *cb)
{
    int fd = memfd_create("tern-code", MFD_CLOEXEC);
    if (fd < 0) {
        codebuf_fail("memfd_create (W^X needs it)");
        return false;
    }
    bool ok = ftruncate(fd, (off_t)cb->size) == 0;
    if (!ok)
        codebuf_fail("ftruncate");
    ok = ok && codebuf_map_views(cb, fd);
    close(fd);   /* the mappings keep the memory alive */
    return ok;
}

bool codebuf_init(CodeBuf *cb, size_t size, bool wx)
{
    long page = sysconf(_SC_PAGESIZE);
    memset(cb, 0, sizeof(*cb));
    cb->fork_fd = -1;
    cb->wx = wx;
    cb->size = align_up(size, page > 0 ? (size_t)page : 4096);
    /* A host that refuses RWX memory (SELinux execmem, PaX) gets W^X. */
    if (!wx && !codebuf_map_rwx(cb)) {
        fprintf(stderr, "tern: falling back to separate code views (W^X)\n");
        cb->wx = wx = true;
    }
    if (wx && !codebuf_map_wx(cb))
        return false;
    cb->can_populate = true;
    codebuf_populate(cb, 1);   /* before Backend.create writes the shared code */
    return true;
}

void codebuf_destroy(CodeBuf *cb)
{
    if (!cb->rw)
        return;
    if (cb->wx) {
        munmap(cb->rw, cb->size);
        munmap((void *)cb->rx, cb->size);
    } else {
        munmap(cb->map, cb->mapped);
    }
    cb->rw = NULL;
}

BackendCode codebuf_all(const CodeBuf *cb)
{
    return (BackendCode){ .rw = cb->rw, .rx = cb->rx, .size = cb->size };
}

void codebuf_set_shared(CodeBuf *cb, size_t used)
{
    cb->shared = align_up(used, TB_ALIGN);
    cb->used = cb->shared;
    __builtin___clear_cache((char *)cb->rx, (char *)cb->rx + used);
    codebuf_populate(cb, cb->used + CODEBUF_AHEAD);
}

BackendCode codebuf_free_space(const CodeBuf *cb)
{
    size_t off = cb->used < cb->size ? cb->used : cb->size;
    return (BackendCode){ .rw = cb->rw + off, .rx = cb->rx + off,
                          .size = cb->size - off };
}

void codebuf_commit(CodeBuf *cb, size_t n)
{
    uintptr_t start = cb->rx + cb->used;
    __builtin___clear_cache((char *)start, (char *)start + n);
    cb->used = align_up(cb->used + n, TB_ALIGN);
    if (cb->used > cb->size)
        cb->used = cb->size;
    /* Keep a chunk committed ahead, so the next TBs' code rarely faults. */
    if (cb->used + CODEBUF_AHEAD > cb->populated)
        codebuf_populate(cb, cb->used + CODEBUF_AHEAD);
}

void codebuf_reset(CodeBuf *cb)
{
    cb->used = cb->shared;
}

/* fork() leaves the child sharing the memfd with its parent: any TB either
 * translates, and any jump either patches or resets, would change the
 * other's code.  So the child must get a private copy, and that copy must
 * be taken before fork, while the caller holds the lock that stops
 * translation and chaining: once fork returns the parent goes on patching
 * the shared pages, and a copy made in the child could catch a jump
 * patched to a TB the child does not have.  codebuf_fork_prepare() makes a
 * memfd holding [0, used); the child maps it over both views at the same
 * addresses (every pointer into the buffer stays valid), the parent just
 * closes it.  The private layout needs none of this. */
bool codebuf_fork_prepare(CodeBuf *cb)
{
    if (!cb->wx)
        return true;
    cb->fork_fd = memfd_create("tern-code", MFD_CLOEXEC);
    if (cb->fork_fd < 0) {
        codebuf_fail("memfd_create before fork");
        return false;
    }
    bool ok = ftruncate(cb->fork_fd, (off_t)cb->size) == 0;
    for (size_t done = 0; ok && done < cb->used;) {
        ssize_t n = pwrite(cb->fork_fd, cb->rw + done, cb->used - done, (off_t)done);
        ok = n > 0;
        done += ok ? (size_t)n : 0;
    }
    if (!ok) {
        codebuf_fail("copying the code buffer before fork");
        close(cb->fork_fd);
        cb->fork_fd = -1;
    }
    return ok;
}

void codebuf_fork_parent(CodeBuf *cb)
{
    if (cb->fork_fd >= 0)
        close(cb->fork_fd);
    cb->fork_fd = -1;
}

bool codebuf_fork_child(CodeBuf *cb)
{
    if (!cb->wx)
        return true;
    int fd = cb->fork_fd;
    cb->fork_fd = -1;
    if (fd < 0)
        return false;
    bool ok = mmap(cb->rw, cb->size, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_FIXED, fd, 0) != MAP_FAILED;
    ok = ok && mmap((void *)cb->rx, cb->size, PROT_READ | PROT_EXEC,
                    MAP_SHARED | MAP_FIXED, fd, 0) != MAP_FAILED;
    if (!ok)
        codebuf_fail("mapping the code buffer's copy after fork");
    close(fd);
    /* The copy's pages are not populated yet: fault them in as needed. */
    cb->populated = cb->used;
    return ok;
}

bool codebuf_contains(const CodeBuf *cb, uintptr_t rx)
{
    return rx >= cb->rx && rx < cb->rx + cb->size;
}
