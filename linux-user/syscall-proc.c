/* linux-user/syscall-proc.c — scheduling, identity, limits and time
 * syscalls (threads, exit and futexes are in thread.c; fork, execve and
 * wait in process.c; memory calls in syscall-mem.c; signals in
 * syscall-signal.c).
 *
 * Most pass through to the host: the structures involved (timespec, timeval, rlimit,
 * rusage, tms, sysinfo, utsname) have the same layout on both 64-bit ABIs
 * (pinned by the static asserts below), so the host writes straight into
 * checked guest memory.  What the guest must not change on the host —
 * limits that would starve tern itself — is accepted and not applied, as
 * QEMU does.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

_Static_assert(sizeof(struct timespec) == 16, "timespec as on arm64");
_Static_assert(sizeof(struct timeval) == 16, "timeval as on arm64");
_Static_assert(sizeof(struct rlimit) == 16, "rlimit as on arm64");
_Static_assert(sizeof(struct rusage) == 144, "rusage as on arm64");
_Static_assert(sizeof(struct tms) == 32, "tms as on arm64");
_Static_assert(sizeof(struct sysinfo) == 112, "sysinfo as on arm64");

static void *guest_buf(LuThread *t, uint64_t g, uint64_t len, int prot)
{
    return lu_access_ok(MEM(t), g, len, prot) ? lu_g2h(MEM(t), g) : NULL;
}

/* A nullable guest pointer: *h = NULL for 0; false when not accessible. */
static bool opt_buf(LuThread *t, uint64_t g, uint64_t len, int prot, void **h)
{
    *h = g ? guest_buf(t, g, len, prot) : NULL;
    return !g || *h;
}

/* ---- Process -------------------------------------------------------------- */

int64_t lu_sys_sched_getaffinity(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[2], a[1], PROT_WRITE);
    pid_t pid = (pid_t)a[0] == t->tid ? 0 : (pid_t)a[0];
    return b ? lu_host_ret(syscall(SYS_sched_getaffinity, pid, (size_t)a[1], b)) : -EFAULT;
}

int64_t lu_sys_sched_yield(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(sched_yield());
}

int64_t lu_sys_setpgid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t lu_sys_getpgid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(getpgid((pid_t)a[0]));
}

int64_t lu_sys_getsid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(getsid((pid_t)a[0]));
}

int64_t lu_sys_setsid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(setsid());
}

/* The process-wide prctl options that make sense for a guest; the rest
 * (arm64 SVE/PAC/MTE controls among them) are -EINVAL, as on a kernel
 * without those features. */
int64_t lu_sys_prctl(LuThread *t, const uint64_t *a)
{
    char name[16] = "";
    int v = 0;
    switch ((int)a[0]) {
    case PR_SET_NAME:
        if (lu_copy_from_guest(MEM(t), name, a[1], 1))
            return -EFAULT;
        lu_strncpy_from_guest(MEM(t), name, sizeof(name), a[1]);
        name[sizeof(name) - 1] = 0;
        return lu_host_ret(prctl(PR_SET_NAME, name));
    case PR_GET_NAME:
        if (prctl(PR_GET_NAME, name))
            return lu_errno(errno);
        return lu_copy_to_guest(MEM(t), a[1], name, sizeof(name));
    case PR_GET_PDEATHSIG:
        if (prctl(PR_GET_PDEATHSIG, &v))
            return lu_errno(errno);
        return lu_copy_to_guest(MEM(t), a[1], &v, sizeof(v));
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS:
        return lu_host_ret(prctl((int)a[0], (unsigned long)a[1], (unsigned long)a[2],
                                 (unsigned long)a[3], (unsigned long)a[4]));
    default:
        return -EINVAL;
    }
}

/* ---- Identity ------------------------------------------------------------- */

int64_t lu_sys_getpid(LuThread *t, const uint64_t *a)  { return t->proc->pid; }
int64_t lu_sys_gettid(LuThread *t, const uint64_t *a)  { return t->tid; }
int64_t lu_sys_getppid(LuThread *t, const uint64_t *a) { return getppid(); }
int64_t lu_sys_getuid(LuThread *t, const uint64_t *a)  { return getuid(); }
int64_t lu_sys_geteuid(LuThread *t, const uint64_t *a) { return geteuid(); }
int64_t lu_sys_getgid(LuThread *t, const uint64_t *a)  { return getgid(); }
int64_t lu_sys_getegid(LuThread *t, const uint64_t *a) { return getegid(); }

/* uid_t and gid_t are 32-bit on both. */
static int64_t ids_out(LuThread *t, const uint64_t *a, const uint32_t ids[3])
{
    for (int i = 0; i < 3; i++)
        if (lu_copy_to_guest(MEM(t), a[i], &ids[i], 4))
            return -EFAULT;
    return 0;
}

int64_t lu_sys_getresuid(LuThread *t, const uint64_t *a)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    return ids_out(t, a, (const uint32_t[3]){ r, e, s });
}

int64_t lu_sys_getresgid(LuThread *t, const uint64_t *a)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    return ids_out(t, a, (const uint32_t[3]){ r, e, s });
}

int64_t lu_sys_getgroups(LuThread *t, const uint64_t *a)
{
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    void *b = guest_buf(t, a[1], (uint64_t)n * 4, PROT_WRITE);   /* gid_t */
    return b ? lu_host_ret(getgroups(n, b)) : -EFAULT;
}

int64_t lu_sys_umask(LuThread *t, const uint64_t *a)
{
    return umask((mode_t)a[0] & 0777);
}

/* new_utsname: six 65-byte strings on both; the machine is the guest's. */
int64_t lu_sys_uname(LuThread *t, const uint64_t *a)
{
    struct utsname u;
    _Static_assert(sizeof(u.machine) == 65 && sizeof(u) == 6 * 65, "new_utsname");
    if (uname(&u))
        return lu_errno(errno);
    memset(u.machine, 0, sizeof(u.machine));
    strcpy(u.machine, "aarch64");
    return lu_copy_to_guest(MEM(t), a[0], &u, sizeof(u));
}

int64_t lu_sys_sysinfo(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[0], sizeof(struct sysinfo), PROT_WRITE);
    return b ? lu_host_ret(sysinfo(b)) : -EFAULT;
}

int64_t lu_sys_getrandom(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[0], a[1], PROT_WRITE);
    return b ? lu_host_ret(syscall(SYS_getrandom, b, (size_t)a[1], (unsigned)a[2])) : -EFAULT;
}

/* ---- Limits and usage ----------------------------------------------------- */

/* Limits whose host value protects tern's own memory: the guest's request
 * is accepted and not applied. */
static bool limit_is_ours(int res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

int64_t lu_sys_prlimit64(LuThread *t, const uint64_t *a)
{
    pid_t pid = (pid_t)a[0] == t->proc->pid ? 0 : (pid_t)a[0];
    int res = (int)a[1];
    void *nw, *old;
    if (!opt_buf(t, a[2], 16, PROT_READ, &nw) || !opt_buf(t, a[3], 16, PROT_WRITE, &old))
        return -EFAULT;
    if (pid == 0 && limit_is_ours(res))
        nw = NULL;
    return lu_host_ret(syscall(SYS_prlimit64, pid, res, nw, old));
}

int64_t lu_sys_getrlimit(LuThread *t, const uint64_t *a)
{
    const uint64_t b[6] = { 0, a[0], 0, a[1], 0, 0 };
    if (!a[1])
        return -EFAULT;
    return lu_sys_prlimit64(t, b);
}

int64_t lu_sys_setrlimit(LuThread *t, const uint64_t *a)
{
    const uint64_t b[6] = { 0, a[0], a[1], 0, 0, 0 };
    if (!a[1])
        return -EFAULT;
    return lu_sys_prlimit64(t, b);
}

int64_t lu_sys_getrusage(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], sizeof(struct rusage), PROT_WRITE);
    return b ? lu_host_ret(syscall(SYS_getrusage, (int)a[0], b)) : -EFAULT;
}

/* ---- Time ----------------------------------------------------------------- */

/* Through libc, whose vDSO answers the common clocks without a system
 * call (~1 us each on a VM; python's start-up asks ~190 times); other
 * clocks (CPU time, another thread's) fall back to the system call
 * there, errors included. */
int64_t lu_sys_clock_gettime(LuThread *t, const uint64_t *a)
{
    void *b = guest_buf(t, a[1], 16, PROT_WRITE);
    return b ? lu_host_ret(clock_gettime((clockid_t)a[0], b)) : -EFAULT;
}

int64_t lu_sys_clock_getres(LuThread *t, const uint64_t *a)
{
    void *b;
    if (!opt_buf(t, a[1], 16, PROT_WRITE, &b))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_clock_getres, (clockid_t)a[0], b));
}

int64_t lu_sys_gettimeofday(LuThread *t, const uint64_t *a)
{
    void *tv, *tz;
    if (!opt_buf(t, a[0], 16, PROT_WRITE, &tv) || !opt_buf(t, a[1], 8, PROT_WRITE, &tz))
        return -EFAULT;
    return lu_host_ret(gettimeofday(tv, tz));   /* the vDSO, as clock_gettime */
}

int64_t lu_sys_nanosleep(LuThread *t, const uint64_t *a)
{
    void *req = guest_buf(t, a[0], 16, PROT_READ), *rem;
    if (!req || !opt_buf(t, a[1], 16, PROT_WRITE, &rem))
        return -EFAULT;
    return lu_host_ret(lu_safe_syscall(SYS_nanosleep, req, rem));
}

int64_t lu_sys_clock_nanosleep(LuThread *t, const uint64_t *a)
{
    void *req = guest_buf(t, a[2], 16, PROT_READ), *rem;
    if (!req || !opt_buf(t, a[3], 16, PROT_WRITE, &rem))
        return -EFAULT;
    return lu_host_ret(lu_safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem));
}

int64_t lu_sys_times(LuThread *t, const uint64_t *a)
{
    void *b;
    if (!opt_buf(t, a[0], sizeof(struct tms), PROT_WRITE, &b))
        return -EFAULT;
    return syscall(SYS_times, b);
}
