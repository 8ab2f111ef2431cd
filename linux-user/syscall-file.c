/* linux-user/syscall-file.c — file, descriptor and path syscalls.
 *
 * Guest descriptors are host descriptors.  Every guest pointer is checked
 * against the guest page table (guest_buf) before the host sees it, so a bad
 * pointer is -EFAULT, never a host fault in tern.  Paths go through
 * lu_path(): /proc/self/exe means the guest program, and absolute paths are
 * looked up under the -L prefix first.  Handlers use the raw host syscall
 * where glibc's wrapper would change the kernel's semantics (getcwd,
 * getdents64, faccessat, statx, utimensat with a NULL path).
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

/* The host view of a guest buffer, or NULL when [g, g + len) is not
 * accessible with prot. */
static void *guest_buf(LuThread *t, uint64_t g, uint64_t len, int prot)
{
    return lu_access_ok(MEM(t), g, len, prot) ? lu_g2h(MEM(t), g) : NULL;
}

/* ---- Paths ---------------------------------------------------------------- */

typedef struct LuPath {
    char guest[PATH_MAX];
    char host[PATH_MAX];
    const char *p;          /* what to give the host */
} LuPath;

static bool is_self_exe(const LuProcess *p, const char *path)
{
    char own[40];
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)p->pid);
    return !strcmp(path, "/proc/self/exe") || !strcmp(path, own);
}

static int64_t path_in(LuThread *t, uint64_t g, LuPath *lp)
{
    int64_t n = lu_strncpy_from_guest(MEM(t), lp->guest, sizeof(lp->guest), g);
    if (n < 0)
        return n;
    lp->p = lu_path(t->proc, lp->guest, lp->host, sizeof(lp->host));
    return 0;
}

/* ---- Read and write ------------------------------------------------------- */

int64_t lu_sys_read(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_WRITE);
    return b ? lu_host_ret(read((int)a[0], b, a[2])) : -EFAULT;
}

int64_t lu_sys_write(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_READ);
    return b ? lu_host_ret(write((int)a[0], b, a[2])) : -EFAULT;
}

int64_t lu_sys_pread64(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_WRITE);
    return b ? lu_host_ret(pread((int)a[0], b, a[2], (off_t)a[3])) : -EFAULT;
}

int64_t lu_sys_pwrite64(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_READ);
    return b ? lu_host_ret(pwrite((int)a[0], b, a[2], (off_t)a[3])) : -EFAULT;
}

/* The guest's iovec array (same layout: base, len) as host iovecs whose
 * buffers are all accessible with prot.  NULL with *err set otherwise. */
static struct iovec *iov_in(LuThread *t, uint64_t g, uint64_t cnt, int prot,
                            int64_t *err)
{
    *err = -EINVAL;
    if (cnt > IOV_MAX)
        return NULL;
    uint64_t (*giov)[2] = malloc((cnt ? cnt : 1) * sizeof(*giov));
    struct iovec *h = malloc((cnt ? cnt : 1) * sizeof(*h));
    *err = -ENOMEM;
    if (giov && h)
        *err = lu_copy_from_guest(MEM(t), giov, g, cnt * sizeof(*giov));
    for (uint64_t i = 0; !*err && i < cnt; i++) {
        h[i].iov_base = guest_buf(t, giov[i][0], giov[i][1], prot);
        h[i].iov_len = giov[i][1];
        if (!h[i].iov_base)
            *err = -EFAULT;
    }
    free(giov);
    if (*err) {
        free(h);
        return NULL;
    }
    return h;
}

int64_t lu_sys_readv(LuThread *t, const uint64_t *a)
{
    int64_t err;
    struct iovec *v = iov_in(t, a[1], a[2], PROT_WRITE, &err);
    if (!v)
        return err;
    int64_t r = lu_host_ret(readv((int)a[0], v, (int)a[2]));
    free(v);
    return r;
}

int64_t lu_sys_writev(LuThread *t, const uint64_t *a)
{
    int64_t err;
    struct iovec *v = iov_in(t, a[1], a[2], PROT_READ, &err);
    if (!v)
        return err;
    int64_t r = lu_host_ret(writev((int)a[0], v, (int)a[2]));
    free(v);
    return r;
}

int64_t lu_sys_lseek(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

int64_t lu_sys_getdents64(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_WRITE);
    return b ? lu_host_ret(syscall(SYS_getdents64, (int)a[0], b, (size_t)a[2])) : -EFAULT;
}

/* ---- Descriptors ---------------------------------------------------------- */

int64_t lu_sys_openat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r;
    if (lu_proc_openat(t, a, &r))
        return r;
    r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    return lu_host_ret(openat((int)a[0], lp.p, lu_open_flags_to_host(a[2]) | O_LARGEFILE,
                              (mode_t)a[3]));
}

int64_t lu_sys_close(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(close((int)a[0]));
}

int64_t lu_sys_dup(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(dup((int)a[0]));
}

int64_t lu_sys_dup3(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(dup3((int)a[0], (int)a[1], lu_open_flags_to_host(a[2])));
}

int64_t lu_sys_pipe2(LuThread *t, const uint64_t *a)
{
    int fds[2];
    if (!guest_buf(t, a[0], sizeof(fds), PROT_WRITE))
        return -EFAULT;
    if (pipe2(fds, lu_open_flags_to_host(a[1])))
        return lu_errno(errno);
    return lu_copy_to_guest(MEM(t), a[0], fds, sizeof(fds));
}

/* struct flock: short type, short whence, off_t start, off_t len, pid_t pid
 * — the same 32 bytes on both 64-bit ABIs. */
#define LU_FLOCK_SIZE 32

int64_t lu_sys_fcntl(LuThread *t, const uint64_t *a)
{
    int fd = (int)a[0], cmd = (int)a[1];
    void *lk;
    switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_GETOWN: case F_SETOWN: case F_GETPIPE_SZ: case F_SETPIPE_SZ:
    case F_ADD_SEALS: case F_GET_SEALS:
        return lu_host_ret(fcntl(fd, cmd, (int)a[2]));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? lu_errno(errno) : (int64_t)lu_open_flags_to_guest(r);
    }
    case F_SETFL:
        return lu_host_ret(fcntl(fd, F_SETFL, lu_open_flags_to_host(a[2])));
    case F_GETLK: case F_OFD_GETLK:
        lk = guest_buf(t, a[2], LU_FLOCK_SIZE, PROT_READ | PROT_WRITE);
        return lk ? lu_host_ret(fcntl(fd, cmd, lk)) : -EFAULT;
    case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
        lk = guest_buf(t, a[2], LU_FLOCK_SIZE, PROT_READ);
        return lk ? lu_host_ret(fcntl(fd, cmd, lk)) : -EFAULT;
    default:
        return -EINVAL;
    }
}

/* ---- ioctl ---------------------------------------------------------------- */

/* Terminal ioctls whose argument has the same layout on both ABIs (the
 * kernel's 36-byte termios, winsize, int): the host gets the guest buffer. */
typedef enum { IO_NOARG, IO_VALUE, IO_IN, IO_OUT } IoDir;

static const struct {
    uint32_t cmd;
    uint8_t dir, size;
} lu_ioctls[] = {
    { 0x5401, IO_OUT, 36 },     /* TCGETS */
    { 0x5402, IO_IN, 36 },      /* TCSETS */
    { 0x5403, IO_IN, 36 },      /* TCSETSW */
    { 0x5404, IO_IN, 36 },      /* TCSETSF */
    { 0x5409, IO_VALUE, 0 },    /* TCSBRK */
    { 0x540A, IO_VALUE, 0 },    /* TCXONC */
    { 0x540B, IO_VALUE, 0 },    /* TCFLSH */
    { 0x540E, IO_VALUE, 0 },    /* TIOCSCTTY */
    { 0x540F, IO_OUT, 4 },      /* TIOCGPGRP */
    { 0x5410, IO_IN, 4 },       /* TIOCSPGRP */
    { 0x5413, IO_OUT, 8 },      /* TIOCGWINSZ */
    { 0x5414, IO_IN, 8 },       /* TIOCSWINSZ */
    { 0x541B, IO_OUT, 4 },      /* FIONREAD */
    { 0x5421, IO_IN, 4 },       /* FIONBIO */
    { 0x5422, IO_NOARG, 0 },    /* TIOCNOTTY */
    { 0x5429, IO_OUT, 4 },      /* TIOCGSID */
    { 0x5450, IO_NOARG, 0 },    /* FIONCLEX */
    { 0x5451, IO_NOARG, 0 },    /* FIOCLEX */
};

int64_t lu_sys_ioctl(LuThread *t, const uint64_t *a)
{
    int fd = (int)a[0];
    for (size_t i = 0; i < sizeof(lu_ioctls) / sizeof(lu_ioctls[0]); i++) {
        if (lu_ioctls[i].cmd != (uint32_t)a[1])
            continue;
        unsigned long cmd = lu_ioctls[i].cmd;
        void *b;
        switch ((IoDir)lu_ioctls[i].dir) {
        case IO_NOARG: return lu_host_ret(ioctl(fd, cmd));
        case IO_VALUE: return lu_host_ret(ioctl(fd, cmd, (unsigned long)a[2]));
        case IO_IN:
            b = guest_buf(t, a[2], lu_ioctls[i].size, PROT_READ);
            return b ? lu_host_ret(ioctl(fd, cmd, b)) : -EFAULT;
        case IO_OUT:
            b = guest_buf(t, a[2], lu_ioctls[i].size, PROT_WRITE);
            return b ? lu_host_ret(ioctl(fd, cmd, b)) : -EFAULT;
        }
    }
    return -ENOTTY;
}

/* ---- stat family ---------------------------------------------------------- */

static int64_t stat_out(LuThread *t, uint64_t g, const struct stat *st)
{
    LuStat gs;
    lu_stat_to_guest(&gs, st);
    return lu_copy_to_guest(MEM(t), g, &gs, sizeof(gs));
}

int64_t lu_sys_fstat(LuThread *t, const uint64_t *a)
{
    struct stat st;
    if (fstat((int)a[0], &st))
        return lu_errno(errno);
    return stat_out(t, a[1], &st);
}

int64_t lu_sys_newfstatat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    struct stat st;
    int64_t r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    if (fstatat((int)a[0], lp.p, &st, (int)a[3]))
        return lu_errno(errno);
    return stat_out(t, a[2], &st);
}

int64_t lu_sys_statx(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    void *b = guest_buf(t, a[4], 256, PROT_WRITE);     /* sizeof(struct statx) */
    if (!b)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_statx, (int)a[0], lp.p, (int)a[2],
                               (unsigned)a[3], b));
}

_Static_assert(sizeof(struct statfs) == 120, "struct statfs as on arm64");

int64_t lu_sys_statfs(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[0], &lp);
    if (r < 0)
        return r;
    void *b = guest_buf(t, a[1], sizeof(struct statfs), PROT_WRITE);
    return b ? lu_host_ret(statfs(lp.p, b)) : -EFAULT;
}

int64_t lu_sys_fstatfs(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], sizeof(struct statfs), PROT_WRITE);
    return b ? lu_host_ret(fstatfs((int)a[0], b)) : -EFAULT;
}

int64_t lu_sys_readlinkat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r;
    if (lu_proc_readlinkat(t, a, &r))
        return r;
    r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    uint64_t size = a[3] > PATH_MAX ? PATH_MAX : a[3];
    char *b = guest_buf(t, a[2], size, PROT_WRITE);
    if (!b)
        return -EFAULT;
    if (!is_self_exe(t->proc, lp.guest) || !t->proc->exe_path)
        return lu_host_ret(readlinkat((int)a[0], lp.p, b, size));
    size_t n = strlen(t->proc->exe_path);
    if (n > size)
        n = size;
    memcpy(b, t->proc->exe_path, n);
    return (int64_t)n;
}

/* ---- Directories and names ------------------------------------------------ */

int64_t lu_sys_getcwd(LuThread *t, const uint64_t *a)
{
    uint64_t size = a[1] > PATH_MAX ? PATH_MAX : a[1];
    void *b = guest_buf(t, a[0], size, PROT_WRITE);
    return b ? lu_host_ret(syscall(SYS_getcwd, b, (size_t)size)) : -EFAULT;
}

int64_t lu_sys_chdir(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[0], &lp);
    return r < 0 ? r : lu_host_ret(chdir(lp.p));
}

int64_t lu_sys_fchdir(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(fchdir((int)a[0]));
}

int64_t lu_sys_mkdirat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(mkdirat((int)a[0], lp.p, (mode_t)a[2]));
}

int64_t lu_sys_unlinkat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(unlinkat((int)a[0], lp.p, (int)a[2]));
}

int64_t lu_sys_symlinkat(LuThread *t, const uint64_t *a)
{
    char target[PATH_MAX];
    LuPath lp;
    int64_t r = lu_strncpy_from_guest(MEM(t), target, sizeof(target), a[0]);
    if (r >= 0)
        r = path_in(t, a[2], &lp);
    return r < 0 ? r : lu_host_ret(symlinkat(target, (int)a[1], lp.p));
}

/* Two-path calls: olddirfd, oldpath, newdirfd, newpath. */
static int64_t two_paths(LuThread *t, const uint64_t *a, LuPath *from, LuPath *to)
{
    int64_t r = path_in(t, a[1], from);
    return r < 0 ? r : path_in(t, a[3], to);
}

int64_t lu_sys_linkat(LuThread *t, const uint64_t *a)
{
    LuPath from, to;
    int64_t r = two_paths(t, a, &from, &to);
    return r < 0 ? r : lu_host_ret(linkat((int)a[0], from.p, (int)a[2], to.p, (int)a[4]));
}

int64_t lu_sys_renameat2(LuThread *t, const uint64_t *a)
{
    LuPath from, to;
    int64_t r = two_paths(t, a, &from, &to);
    return r < 0 ? r : lu_host_ret(syscall(SYS_renameat2, (int)a[0], from.p,
                                           (int)a[2], to.p, (unsigned)a[4]));
}

int64_t lu_sys_renameat(LuThread *t, const uint64_t *a)
{
    const uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return lu_sys_renameat2(t, b);
}

int64_t lu_sys_faccessat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(syscall(SYS_faccessat, (int)a[0], lp.p, (int)a[2]));
}

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

int64_t lu_sys_faccessat2(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    return lu_host_ret(syscall(SYS_faccessat2, (int)a[0], lp.p, (int)a[2], (int)a[3]));
}

/* ---- Attributes ----------------------------------------------------------- */

int64_t lu_sys_fchmod(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t lu_sys_fchmodat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(syscall(SYS_fchmodat, (int)a[0], lp.p, (mode_t)a[2]));
}

int64_t lu_sys_fchown(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

int64_t lu_sys_fchownat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(fchownat((int)a[0], lp.p, (uid_t)a[2],
                                            (gid_t)a[3], (int)a[4]));
}

int64_t lu_sys_truncate(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[0], &lp);
    return r < 0 ? r : lu_host_ret(truncate(lp.p, (off_t)a[1]));
}

int64_t lu_sys_ftruncate(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(ftruncate((int)a[0], (off_t)a[1]));
}

int64_t lu_sys_fsync(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(fsync((int)a[0]));
}

int64_t lu_sys_fdatasync(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(fdatasync((int)a[0]));
}

int64_t lu_sys_utimensat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    const char *path = NULL;
    if (a[1]) {
        int64_t r = path_in(t, a[1], &lp);
        if (r < 0)
            return r;
        path = lp.p;
    }
    void *times = NULL;
    if (a[2] && !(times = guest_buf(t, a[2], 32, PROT_READ)))   /* timespec[2] */
        return -EFAULT;
    return lu_host_ret(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

/* ---- Waiting, copying, syncing -------------------------------------------- */

int64_t lu_sys_flock(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(flock((int)a[0], (int)a[1]));
}

int64_t lu_sys_sendfile(LuThread *t, const uint64_t *a)
{
    void *off = NULL;
    if (a[2] && !(off = guest_buf(t, a[2], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_sendfile, (int)a[0], (int)a[1], off, (size_t)a[3]));
}

/* struct pollfd (int, short, short) and the kernel sigset (8 bytes, the
 * same numbering) are identical on both; the kernel writes the remaining
 * time back into the timeout. */
int64_t lu_sys_ppoll(LuThread *t, const uint64_t *a)
{
    void *fds = guest_buf(t, a[0], a[1] * 8, PROT_READ | PROT_WRITE);
    void *tmo = NULL, *mask = NULL;
    if (a[1] > 1u << 20)
        return -EINVAL;
    if (!fds || (a[2] && !(tmo = guest_buf(t, a[2], 16, PROT_READ | PROT_WRITE))))
        return -EFAULT;
    if (a[3] && a[4] != 8)
        return -EINVAL;
    if (a[3] && !(mask = guest_buf(t, a[3], 8, PROT_READ)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_ppoll, fds, (unsigned long)a[1], tmo, mask,
                               (size_t)a[4]));
}

int64_t lu_sys_sync(LuThread *t, const uint64_t *a)
{
    sync();
    return 0;
}

int64_t lu_sys_syncfs(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syncfs((int)a[0]));
}

int64_t lu_sys_fadvise64(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_fadvise64, (int)a[0], (off_t)a[1], (off_t)a[2],
                               (int)a[3]));
}
