/* linux-user/syscall-file.c — file, descriptor and path syscalls.
 *
 * Guest descriptors are host descriptors.  Every guest pointer is checked
 * against the guest page table (guest_buf) before the host sees it, so a bad
 * pointer is -EFAULT, never a host fault in tern.  Paths go through
 * lu_path(): /proc/self/exe means the guest program, and absolute paths are
 * looked up under the -L prefix first.  Handlers use the raw host syscall
 * where glibc's wrapper would change the kernel's semantics (getcwd,
 * getdents64, faccessat, statx, utimensat with a NULL path), and calls
 * that can block indefinitely use lu_blocking_syscall (syscall-xlate.h).
 */
#include "linux-user/lu-internal.h"
#include "linux-user/syscall-xlate.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
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
    return b ? lu_host_ret(lu_blocking_syscall(SYS_read, (int)a[0], b, (size_t)a[2])) : -EFAULT;
}

int64_t lu_sys_write(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_READ);
    return b ? lu_host_ret(lu_blocking_syscall(SYS_write, (int)a[0], b, (size_t)a[2])) : -EFAULT;
}

int64_t lu_sys_pread64(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_WRITE);
    return b ? lu_host_ret(lu_blocking_syscall(SYS_pread64, (int)a[0], b, (size_t)a[2],
                                                   (off_t)a[3])) : -EFAULT;
}

int64_t lu_sys_pwrite64(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], a[2], PROT_READ);
    return b ? lu_host_ret(lu_blocking_syscall(SYS_pwrite64, (int)a[0], b, (size_t)a[2],
                                                   (off_t)a[3])) : -EFAULT;
}

struct iovec *lu_iov_in(LuThread *t, uint64_t g, uint64_t cnt, int prot,
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
    struct iovec *v = lu_iov_in(t, a[1], a[2], PROT_WRITE, &err);
    if (!v)
        return err;
    int64_t r = lu_host_ret(lu_blocking_syscall(SYS_readv, (int)a[0], v, (int)a[2]));
    free(v);
    return r;
}

int64_t lu_sys_writev(LuThread *t, const uint64_t *a)
{
    int64_t err;
    struct iovec *v = lu_iov_in(t, a[1], a[2], PROT_READ, &err);
    if (!v)
        return err;
    int64_t r = lu_host_ret(lu_blocking_syscall(SYS_writev, (int)a[0], v, (int)a[2]));
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
 * — the same 32 bytes on both 64-bit ABIs (asm-generic's, with no arch
 * padding on either); the F_* numbers are asm-generic's on both too. */
#define LU_FLOCK_SIZE 32
_Static_assert(sizeof(struct flock) == LU_FLOCK_SIZE &&
               offsetof(struct flock, l_start) == 8 &&
               offsetof(struct flock, l_pid) == 24, "struct flock as on arm64");
_Static_assert(F_GETLK == 5 && F_SETLKW == 7 && F_OFD_GETLK == 36 &&
               F_DUPFD_CLOEXEC == 1030 && F_ADD_SEALS == 1033, "F_* numbers");

int64_t lu_sys_fcntl(LuThread *t, const uint64_t *a)
{
    int fd = (int)a[0], cmd = (int)a[1];
    void *lk;
    switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_GETOWN: case F_SETOWN: case F_GETPIPE_SZ: case F_SETPIPE_SZ:
    case F_ADD_SEALS: case F_GET_SEALS: case F_SETSIG: case F_GETSIG:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY:
        return lu_host_ret(fcntl(fd, cmd, (int)a[2]));
    case F_GETOWN_EX:       /* struct f_owner_ex: int type, pid */
        lk = guest_buf(t, a[2], 8, PROT_WRITE);
        return lk ? lu_host_ret(fcntl(fd, cmd, lk)) : -EFAULT;
    case F_SETOWN_EX:
        lk = guest_buf(t, a[2], 8, PROT_READ);
        return lk ? lu_host_ret(fcntl(fd, cmd, lk)) : -EFAULT;
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
        return lk ? lu_host_ret(lu_blocking_syscall(SYS_fcntl, fd, cmd, lk)) : -EFAULT;
    default:
        return -EINVAL;
    }
}

/* ---- ioctl ---------------------------------------------------------------- */

/* ioctls whose argument has the same layout on both ABIs, so the host gets
 * the checked guest buffer.  The numbers agree too: both ABIs use
 * asm-generic/ioctls.h and the generic _IOC encoding, and the kernel
 * termios (TCGETS: 4 tcflag_t, c_line, c_cc[19] = 36 bytes), termios2
 * (+ 2 speeds = 44), winsize (8) and ifreq (40) are the same.  ioctls that
 * carry pointers inside their argument (SIOCGIFCONF, ...) are not listed
 * and fail with ENOTTY. */
typedef enum {
    IO_NOARG, IO_VALUE, IO_IN, IO_OUT, IO_INOUT,
    IO_OFLAGS,      /* the argument is open(2) flags: translated */
} IoDir;

typedef struct LuIoctl {
    uint32_t cmd;
    uint8_t dir, size;
    const char *name;
} LuIoctl;

#define IOC(cmd, dir, size, name) { cmd, dir, size, #name }

static const LuIoctl lu_ioctls[] = {
    IOC(0x5401, IO_OUT, 36, TCGETS),
    IOC(0x5402, IO_IN, 36, TCSETS),
    IOC(0x5403, IO_IN, 36, TCSETSW),
    IOC(0x5404, IO_IN, 36, TCSETSF),
    IOC(0x5409, IO_VALUE, 0, TCSBRK),
    IOC(0x540A, IO_VALUE, 0, TCXONC),
    IOC(0x540B, IO_VALUE, 0, TCFLSH),
    IOC(0x540C, IO_NOARG, 0, TIOCEXCL),
    IOC(0x540D, IO_NOARG, 0, TIOCNXCL),
    IOC(0x540E, IO_VALUE, 0, TIOCSCTTY),
    IOC(0x540F, IO_OUT, 4, TIOCGPGRP),
    IOC(0x5410, IO_IN, 4, TIOCSPGRP),
    IOC(0x5411, IO_OUT, 4, TIOCOUTQ),
    IOC(0x5412, IO_IN, 1, TIOCSTI),
    IOC(0x5413, IO_OUT, 8, TIOCGWINSZ),
    IOC(0x5414, IO_IN, 8, TIOCSWINSZ),
    IOC(0x5415, IO_OUT, 4, TIOCMGET),
    IOC(0x5416, IO_IN, 4, TIOCMBIS),
    IOC(0x5417, IO_IN, 4, TIOCMBIC),
    IOC(0x5418, IO_IN, 4, TIOCMSET),
    IOC(0x541B, IO_OUT, 4, FIONREAD),
    IOC(0x5420, IO_IN, 4, TIOCPKT),
    IOC(0x5421, IO_IN, 4, FIONBIO),
    IOC(0x5422, IO_NOARG, 0, TIOCNOTTY),
    IOC(0x5423, IO_IN, 4, TIOCSETD),
    IOC(0x5424, IO_OUT, 4, TIOCGETD),
    IOC(0x5425, IO_VALUE, 0, TCSBRKP),
    IOC(0x5427, IO_NOARG, 0, TIOCSBRK),
    IOC(0x5428, IO_NOARG, 0, TIOCCBRK),
    IOC(0x5429, IO_OUT, 4, TIOCGSID),
    IOC(0x5441, IO_OFLAGS, 0, TIOCGPTPEER),
    IOC(0x5450, IO_NOARG, 0, FIONCLEX),
    IOC(0x5451, IO_NOARG, 0, FIOCLEX),
    IOC(0x5452, IO_IN, 4, FIOASYNC),
    IOC(0x5460, IO_OUT, 8, FIOQSIZE),
    IOC(0x802C542A, IO_OUT, 44, TCGETS2),
    IOC(0x402C542B, IO_IN, 44, TCSETS2),
    IOC(0x402C542C, IO_IN, 44, TCSETSW2),
    IOC(0x402C542D, IO_IN, 44, TCSETSF2),
    IOC(0x80045430, IO_OUT, 4, TIOCGPTN),
    IOC(0x40045431, IO_IN, 4, TIOCSPTLCK),
    IOC(0x80045432, IO_OUT, 4, TIOCGDEV),
    IOC(0x80045438, IO_OUT, 4, TIOCGPKT),
    IOC(0x80045439, IO_OUT, 4, TIOCGPTLCK),
    IOC(0x80045440, IO_OUT, 4, TIOCGEXCL),
    IOC(0x8905, IO_OUT, 4, SIOCATMARK),
    IOC(0x8910, IO_INOUT, 40, SIOCGIFNAME),
    IOC(0x8913, IO_INOUT, 40, SIOCGIFFLAGS),
    IOC(0x8915, IO_INOUT, 40, SIOCGIFADDR),
    IOC(0x8921, IO_INOUT, 40, SIOCGIFMTU),
    IOC(0x8927, IO_INOUT, 40, SIOCGIFHWADDR),
    IOC(0x8933, IO_INOUT, 40, SIOCGIFINDEX),
    IOC(0x80086601, IO_OUT, 4, FS_IOC_GETFLAGS),   /* the kernel uses an int */
    IOC(0x40086602, IO_IN, 4, FS_IOC_SETFLAGS),
    IOC(0x80081272, IO_OUT, 8, BLKGETSIZE64),
    IOC(0x80045200, IO_OUT, 4, RNDGETENTCNT),
};

static const LuIoctl *ioctl_find(uint32_t cmd)
{
    for (size_t i = 0; i < sizeof(lu_ioctls) / sizeof(lu_ioctls[0]); i++)
        if (lu_ioctls[i].cmd == cmd)
            return &lu_ioctls[i];
    return NULL;
}

const char *lu_ioctl_name(uint64_t cmd)
{
    const LuIoctl *io = ioctl_find((uint32_t)cmd);
    return io ? io->name : NULL;
}

static int prot_of(IoDir dir)
{
    return dir == IO_IN ? PROT_READ : dir == IO_OUT ? PROT_WRITE : PROT_READ | PROT_WRITE;
}

int64_t lu_sys_ioctl(LuThread *t, const uint64_t *a)
{
    int fd = (int)a[0];
    const LuIoctl *io = ioctl_find((uint32_t)a[1]);
    if (!io)
        return -ENOTTY;
    unsigned long cmd = io->cmd;
    IoDir dir = (IoDir)io->dir;
    if (dir == IO_NOARG)
        return lu_host_ret(lu_blocking_syscall(SYS_ioctl, fd, cmd));
    if (dir == IO_VALUE)
        return lu_host_ret(lu_blocking_syscall(SYS_ioctl, fd, cmd, (unsigned long)a[2]));
    if (dir == IO_OFLAGS)
        return lu_host_ret(lu_blocking_syscall(SYS_ioctl, fd, cmd,
                                               lu_open_flags_to_host(a[2])));
    void *b = guest_buf(t, a[2], io->size, prot_of(dir));
    return b ? lu_host_ret(lu_blocking_syscall(SYS_ioctl, fd, cmd, b)) : -EFAULT;
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
    return lu_host_ret(lu_blocking_syscall(SYS_flock, (int)a[0], (int)a[1]));
}

int64_t lu_sys_sendfile(LuThread *t, const uint64_t *a)
{
    void *off = NULL;
    if (a[2] && !(off = guest_buf(t, a[2], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    return lu_host_ret(lu_blocking_syscall(SYS_sendfile, (int)a[0], (int)a[1], off,
                                           (size_t)a[3]));
}

/* struct pollfd (int, short, short) and the kernel sigset (8 bytes, the
 * same numbering) are identical on both; the kernel writes the remaining
 * time back into the timeout, ignoring a fault there (a const timeout). */
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

/* ---- Vectored I/O at an offset -------------------------------------------- */

/* preadv/pwritev(fd, iov, cnt, pos_l, pos_h) and the *v2 forms with flags
 * (RWF_*, the same values on both) after the offset.  The kernel takes the
 * offset as two longs on every ABI; a 64-bit kernel uses pos_l alone. */
static int64_t prwv(LuThread *t, const uint64_t *a, bool write, bool v2)
{
    int64_t err;
    struct iovec *v = lu_iov_in(t, a[1], a[2], write ? PROT_READ : PROT_WRITE, &err);
    if (!v)
        return err;
    long nr = write ? (v2 ? SYS_pwritev2 : SYS_pwritev) : (v2 ? SYS_preadv2 : SYS_preadv);
    int64_t r = lu_host_ret(lu_blocking_syscall(nr, (int)a[0], v, (int)a[2],
                                                (unsigned long)a[3], 0ul,
                                                v2 ? (int)a[5] : 0));
    free(v);
    return r;
}

int64_t lu_sys_preadv(LuThread *t, const uint64_t *a)   { return prwv(t, a, false, false); }
int64_t lu_sys_pwritev(LuThread *t, const uint64_t *a)  { return prwv(t, a, true, false); }
int64_t lu_sys_preadv2(LuThread *t, const uint64_t *a)  { return prwv(t, a, false, true); }
int64_t lu_sys_pwritev2(LuThread *t, const uint64_t *a) { return prwv(t, a, true, true); }

/* ---- Creating and sizing -------------------------------------------------- */

int64_t lu_sys_mknodat(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(mknodat((int)a[0], lp.p, (mode_t)a[2], (dev_t)a[3]));
}

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

int64_t lu_sys_fchmodat2(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    int64_t r = path_in(t, a[1], &lp);
    return r < 0 ? r : lu_host_ret(syscall(SYS_fchmodat2, (int)a[0], lp.p, (mode_t)a[2],
                                           (unsigned)a[3]));
}

/* struct open_how: u64 flags, mode, resolve — arch-independent, but the
 * flags are open(2) flags in the guest's encoding. */
typedef struct LuOpenHow {
    uint64_t flags, mode, resolve;
} LuOpenHow;

int64_t lu_sys_openat2(LuThread *t, const uint64_t *a)
{
    LuPath lp;
    LuOpenHow how;
    if (a[3] < sizeof(how))
        return -EINVAL;
    if (a[3] > 4096)
        return -E2BIG;
    if (lu_copy_from_guest(MEM(t), &how, a[2], sizeof(how)))
        return -EFAULT;
    int64_t r = path_in(t, a[1], &lp);
    if (r < 0)
        return r;
    how.flags = (uint64_t)(unsigned)lu_open_flags_to_host(how.flags) |
                (how.flags & ~(uint64_t)UINT32_MAX);
    return lu_host_ret(syscall(SYS_openat2, (int)a[0], lp.p, &how, sizeof(how)));
}

int64_t lu_sys_memfd_create(LuThread *t, const uint64_t *a)
{
    char name[256];     /* the kernel's limit: 249 + "memfd:" */
    int64_t r = lu_strncpy_from_guest(MEM(t), name, sizeof(name), a[0]);
    if (r == -ENAMETOOLONG)
        return -EINVAL;
    return r < 0 ? r : lu_host_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

int64_t lu_sys_fallocate(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_fallocate, (int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

int64_t lu_sys_sync_file_range(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sync_file_range, (int)a[0], (off_t)a[1], (off_t)a[2],
                               (unsigned)a[3]));
}

int64_t lu_sys_readahead(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_readahead, (int)a[0], (off_t)a[1], (size_t)a[2]));
}

int64_t lu_sys_ioprio_set(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}

int64_t lu_sys_ioprio_get(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_ioprio_get, (int)a[0], (int)a[1]));
}

/* The -D log is tern's, not the guest's: close_range leaves it open (a
 * shell closing "all other descriptors" would otherwise end -strace). */
static int own_log_fd(LuThread *t)
{
    FILE *log = t->proc->log;
    return log && log != stderr && log != stdout ? fileno(log) : -1;
}

int64_t lu_sys_close_range(LuThread *t, const uint64_t *a)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    int own = own_log_fd(t);
    if (first > last)
        return -EINVAL;
    if (own < 0 || (unsigned)own < first || (unsigned)own > last)
        return lu_host_ret(syscall(SYS_close_range, first, last, flags));
    int64_t r = 0;
    if ((unsigned)own > first)
        r = lu_host_ret(syscall(SYS_close_range, first, (unsigned)own - 1, flags));
    if (r == 0 && (unsigned)own < last)
        r = lu_host_ret(syscall(SYS_close_range, (unsigned)own + 1, last, flags));
    return r;
}

/* ---- Moving data between descriptors -------------------------------------- */

/* A nullable loff_t * the kernel reads and updates. */
static bool off_arg(LuThread *t, uint64_t g, void **h)
{
    *h = g ? guest_buf(t, g, 8, PROT_READ | PROT_WRITE) : NULL;
    return !g || *h;
}

int64_t lu_sys_splice(LuThread *t, const uint64_t *a)
{
    void *off_in, *off_out;
    if (!off_arg(t, a[1], &off_in) || !off_arg(t, a[3], &off_out))
        return -EFAULT;
    return lu_host_ret(lu_blocking_syscall(SYS_splice, (int)a[0], off_in, (int)a[2],
                                           off_out, (size_t)a[4], (unsigned)a[5]));
}

int64_t lu_sys_tee(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(lu_blocking_syscall(SYS_tee, (int)a[0], (int)a[1], (size_t)a[2],
                                           (unsigned)a[3]));
}

int64_t lu_sys_copy_file_range(LuThread *t, const uint64_t *a)
{
    void *off_in, *off_out;
    if (!off_arg(t, a[1], &off_in) || !off_arg(t, a[3], &off_out))
        return -EFAULT;
    return lu_host_ret(lu_blocking_syscall(SYS_copy_file_range, (int)a[0], off_in,
                                           (int)a[2], off_out, (size_t)a[4],
                                           (unsigned)a[5]));
}

#define LU_SPLICE_F_GIFT 0x08

/* vmsplice reads guest memory into a pipe's write end, or fills it from the
 * read end.  SPLICE_F_GIFT is dropped: guest pages are not the kernel's to
 * take. */
int64_t lu_sys_vmsplice(LuThread *t, const uint64_t *a)
{
    int fl = fcntl((int)a[0], F_GETFL);
    if (fl < 0)
        return lu_errno(errno);
    int prot = (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ;
    int64_t err;
    struct iovec *v = lu_iov_in(t, a[1], a[2], prot, &err);
    if (!v)
        return err;
    int64_t r = lu_host_ret(lu_blocking_syscall(SYS_vmsplice, (int)a[0], v, (unsigned long)a[2],
                                    (unsigned)a[3] & ~(unsigned)LU_SPLICE_F_GIFT));
    free(v);
    return r;
}

/* ---- Extended attributes -------------------------------------------------- */

/* How an xattr call names its file: a path (following symlinks or not) or
 * a descriptor. */
typedef enum { XA_PATH, XA_LPATH, XA_FD } XattrKind;

#define LU_XATTR_NAME_MAX 255
#define LU_XATTR_SIZE_MAX 65536
#define LU_XATTR_LIST_MAX 65536

typedef struct LuXattrTarget {
    LuPath lp;
    char name[LU_XATTR_NAME_MAX + 1];
} LuXattrTarget;

/* The file (a[0]) and, when name_arg, the attribute name (a[1]). */
static int64_t xattr_in(LuThread *t, const uint64_t *a, XattrKind k, bool name_arg,
                        LuXattrTarget *x)
{
    int64_t r = k == XA_FD ? 0 : path_in(t, a[0], &x->lp);
    if (r < 0 || !name_arg)
        return r;
    r = lu_strncpy_from_guest(MEM(t), x->name, sizeof(x->name), a[1]);
    return r == -ENAMETOOLONG ? -ERANGE : r < 0 ? r : 0;
}

static long xattr_nr(XattrKind k, long path, long lpath, long fd)
{
    return k == XA_PATH ? path : k == XA_LPATH ? lpath : fd;
}

/* The first argument for the host: the path or the descriptor. */
#define XA_FIRST(k, a, x) \
    ((k) == XA_FD ? (long)(int)(a)[0] : (long)(uintptr_t)(x).lp.p)

static int64_t xattr_set(LuThread *t, const uint64_t *a, XattrKind k)
{
    LuXattrTarget x;
    int64_t r = xattr_in(t, a, k, true, &x);
    if (r < 0)
        return r;
    if (a[3] > LU_XATTR_SIZE_MAX)
        return -E2BIG;
    void *val;
    if (!(val = guest_buf(t, a[2], a[3], PROT_READ)))
        return -EFAULT;
    long nr = xattr_nr(k, SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr);
    return lu_host_ret(syscall(nr, XA_FIRST(k, a, x), x.name, val, (size_t)a[3], (int)a[4]));
}

static int64_t xattr_get(LuThread *t, const uint64_t *a, XattrKind k)
{
    LuXattrTarget x;
    int64_t r = xattr_in(t, a, k, true, &x);
    if (r < 0)
        return r;
    uint64_t size = a[3] > LU_XATTR_SIZE_MAX ? LU_XATTR_SIZE_MAX : a[3];
    void *val = NULL;
    if (size && !(val = guest_buf(t, a[2], size, PROT_WRITE)))
        return -EFAULT;
    long nr = xattr_nr(k, SYS_getxattr, SYS_lgetxattr, SYS_fgetxattr);
    return lu_host_ret(syscall(nr, XA_FIRST(k, a, x), x.name, val, (size_t)size));
}

static int64_t xattr_list(LuThread *t, const uint64_t *a, XattrKind k)
{
    LuXattrTarget x;
    int64_t r = xattr_in(t, a, k, false, &x);
    if (r < 0)
        return r;
    uint64_t size = a[2] > LU_XATTR_LIST_MAX ? LU_XATTR_LIST_MAX : a[2];
    void *list = NULL;
    if (size && !(list = guest_buf(t, a[1], size, PROT_WRITE)))
        return -EFAULT;
    long nr = xattr_nr(k, SYS_listxattr, SYS_llistxattr, SYS_flistxattr);
    return lu_host_ret(syscall(nr, XA_FIRST(k, a, x), list, (size_t)size));
}

static int64_t xattr_remove(LuThread *t, const uint64_t *a, XattrKind k)
{
    LuXattrTarget x;
    int64_t r = xattr_in(t, a, k, true, &x);
    if (r < 0)
        return r;
    long nr = xattr_nr(k, SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr);
    return lu_host_ret(syscall(nr, XA_FIRST(k, a, x), x.name));
}

int64_t lu_sys_setxattr(LuThread *t, const uint64_t *a)     { return xattr_set(t, a, XA_PATH); }
int64_t lu_sys_lsetxattr(LuThread *t, const uint64_t *a)    { return xattr_set(t, a, XA_LPATH); }
int64_t lu_sys_fsetxattr(LuThread *t, const uint64_t *a)    { return xattr_set(t, a, XA_FD); }
int64_t lu_sys_getxattr(LuThread *t, const uint64_t *a)     { return xattr_get(t, a, XA_PATH); }
int64_t lu_sys_lgetxattr(LuThread *t, const uint64_t *a)    { return xattr_get(t, a, XA_LPATH); }
int64_t lu_sys_fgetxattr(LuThread *t, const uint64_t *a)    { return xattr_get(t, a, XA_FD); }
int64_t lu_sys_listxattr(LuThread *t, const uint64_t *a)    { return xattr_list(t, a, XA_PATH); }
int64_t lu_sys_llistxattr(LuThread *t, const uint64_t *a)   { return xattr_list(t, a, XA_LPATH); }
int64_t lu_sys_flistxattr(LuThread *t, const uint64_t *a)   { return xattr_list(t, a, XA_FD); }
int64_t lu_sys_removexattr(LuThread *t, const uint64_t *a)  { return xattr_remove(t, a, XA_PATH); }
int64_t lu_sys_lremovexattr(LuThread *t, const uint64_t *a) { return xattr_remove(t, a, XA_LPATH); }
int64_t lu_sys_fremovexattr(LuThread *t, const uint64_t *a) { return xattr_remove(t, a, XA_FD); }
