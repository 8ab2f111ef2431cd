/* exec/codebuf.c — the code buffer: one memfd, two views.
 *
 * Generated code is never writable and executable through the same
 * mapping: the memfd is mapped once read-write (where backends emit and
 * patch) and once read-execute (what runs).  Both views show the same
 * pages, so a write through rw is visible at the same offset in rx; on
 * hosts without a coherent instruction cache the caller of a write cleans
 * the range (__builtin___clear_cache).
 *
 * Layout: [0, shared) holds the backend's shared code (prologue, epilogue,
 * exit stubs) emitted once by Backend.create; TB code is bump-allocated
 * after it at TB_ALIGN boundaries, so TB code addresses ascend in
 * allocation order (tb.c's code-address map relies on it).  A flush resets
 * the bump pointer to `shared`; the shared code is never re-emitted.
 *
 * The memfd is MAP_SHARED, so a forked child would share it with its
 * parent; the codebuf_fork_* functions give the child its own copy (exec.c
 * calls them from pthread_atfork handlers).
 */
#define _GNU_SOURCE
#include "exec/exec-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t align_up(size_t n, size_t a)
{
    return (n + a - 1) & ~(a - 1);
}

static void codebuf_fail(const char *what)
{
    fprintf(stderr, "tern: cannot set up the code buffer (%s: %s); tern needs "
            "memfd_create and a shared executable mapping\n", what, strerror(errno));
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

bool codebuf_init(CodeBuf *cb, size_t size)
{
    long page = sysconf(_SC_PAGESIZE);
    memset(cb, 0, sizeof(*cb));
    cb->fork_fd = -1;
    cb->size = align_up(size, page > 0 ? (size_t)page : 4096);
    int fd = memfd_create("tern-code", MFD_CLOEXEC);
    if (fd < 0) {
        codebuf_fail("memfd_create");
        return false;
    }
    bool ok = ftruncate(fd, (off_t)cb->size) == 0;
    if (!ok)
        codebuf_fail("ftruncate");
    ok = ok && codebuf_map_views(cb, fd);
    close(fd);   /* the mappings keep the memory alive */
    return ok;
}

void codebuf_destroy(CodeBuf *cb)
{
    if (!cb->rw)
        return;
    munmap(cb->rw, cb->size);
    munmap((void *)cb->rx, cb->size);
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
 * closes it. */
bool codebuf_fork_prepare(CodeBuf *cb)
{
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
    return ok;
}

bool codebuf_contains(const CodeBuf *cb, uintptr_t rx)
{
    return rx >= cb->rx && rx < cb->rx + cb->size;
}
