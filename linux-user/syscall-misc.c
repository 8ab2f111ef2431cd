/* linux-user/syscall-misc.c — scheduling, priorities, credentials,
 * capabilities, memory locking, POSIX timers, namespaces and system
 * administration calls.
 *
 * Everything here is a pass-through to the host once the guest pointers are
 * checked: the structures involved (sched_param: one int; sched_attr,
 * whose first u32 is its size; cap_user_header/cap_user_data: u32 fields;
 * struct timex: longs and ints, 208 bytes; timespec; gid_t arrays of u32)
 * have the same layout on both 64-bit ABIs.  Credentials use the raw host
 * syscalls, which act on the calling thread as the kernel's do: the guest's
 * libc runs its own broadcast to its other threads (host glibc's setuid()
 * would broadcast to every host thread itself).
 *
 * Refused on purpose:
 *   personality  only PER_LINUX: a query (0xffffffff) and setting 0 return
 *                0, anything else is -EINVAL (tern has no other personality
 *                to offer).
 *   acct         -EPERM: process accounting of the host is not the guest's.
 *   io_uring_*   -ENOSYS: submission rings hold guest pointers the host
 *                kernel would follow unchecked; glibc and liburing users
 *                fall back to ordinary syscalls.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

static void *guest_buf(LuThread *t, uint64_t g, uint64_t len, int prot)
{
    return lu_access_ok(MEM(t), g, len, prot) ? lu_g2h(MEM(t), g) : NULL;
}

static bool opt_buf(LuThread *t, uint64_t g, uint64_t len, int prot, void **h)
{
    *h = g ? guest_buf(t, g, len, prot) : NULL;
    return !g || *h;
}

/* A guest path for the host (through the -L prefix): 0 or -errno. */
static int64_t path_in(LuThread *t, uint64_t g, char *guest, char *host,
                       const char **p)
{
    int64_t r = lu_strncpy_from_guest(MEM(t), guest, PATH_MAX, g);
    if (r < 0)
        return r;
    *p = lu_path(t->proc, guest, host, PATH_MAX);
    return 0;
}

/* ---- Scheduling ----------------------------------------------------------- */

/* The host thread gets the mask, and for the caller itself the guest CPU
 * it runs on follows (cpus.c), so sched_getcpu agrees with the pinning. */
int64_t lu_sys_sched_setaffinity(LuThread *t, const uint64_t *a)
{
    void *mask = guest_buf(t, a[2], a[1], PROT_READ);
    if (!mask)
        return -EFAULT;
    int64_t r = lu_host_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], (size_t)a[1], mask));
    if (r == 0 && ((pid_t)a[0] == 0 || (pid_t)a[0] == t->tid) &&
        !lu_cpu_set_affinity(t, mask, (size_t)a[1]))
        return -ENOMEM;
    return r;
}

int64_t lu_sys_sched_setparam(LuThread *t, const uint64_t *a)
{
    void *p = guest_buf(t, a[1], 4, PROT_READ);
    return p ? lu_host_ret(syscall(SYS_sched_setparam, (pid_t)a[0], p)) : -EFAULT;
}

int64_t lu_sys_sched_getparam(LuThread *t, const uint64_t *a)
{
    void *p = guest_buf(t, a[1], 4, PROT_WRITE);
    return p ? lu_host_ret(syscall(SYS_sched_getparam, (pid_t)a[0], p)) : -EFAULT;
}

int64_t lu_sys_sched_setscheduler(LuThread *t, const uint64_t *a)
{
    void *p = guest_buf(t, a[2], 4, PROT_READ);
    return p ? lu_host_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p))
             : -EFAULT;
}

int64_t lu_sys_sched_getscheduler(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

int64_t lu_sys_sched_get_priority_max(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

int64_t lu_sys_sched_get_priority_min(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

int64_t lu_sys_sched_rr_get_interval(LuThread *t, const uint64_t *a)
{
    void *ts = guest_buf(t, a[1], 16, PROT_WRITE);
    return ts ? lu_host_ret(syscall(SYS_sched_rr_get_interval, (pid_t)a[0], ts)) : -EFAULT;
}

/* struct sched_attr: u32 size first; the kernel reads that many bytes (48
 * for the first version) and writes up to the size it is given. */
#define LU_SCHED_ATTR_MIN 48

int64_t lu_sys_sched_setattr(LuThread *t, const uint64_t *a)
{
    uint32_t size;
    if (lu_copy_from_guest(MEM(t), &size, a[1], 4))
        return -EFAULT;
    void *attr = guest_buf(t, a[1], size ? size : LU_SCHED_ATTR_MIN, PROT_READ);
    return attr ? lu_host_ret(syscall(SYS_sched_setattr, (pid_t)a[0], attr,
                                      (unsigned)a[2])) : -EFAULT;
}

int64_t lu_sys_sched_getattr(LuThread *t, const uint64_t *a)
{
    void *attr = guest_buf(t, a[1], a[2], PROT_WRITE);
    return attr ? lu_host_ret(syscall(SYS_sched_getattr, (pid_t)a[0], attr,
                                      (unsigned)a[2], (unsigned)a[3])) : -EFAULT;
}

/* The kernel's getpriority returns 20 - nice (1..40) so that it is never
 * negative; the guest's libc converts it back. */
int64_t lu_sys_getpriority(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_getpriority, (int)a[0], (unsigned)a[1]));
}

int64_t lu_sys_setpriority(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setpriority, (int)a[0], (unsigned)a[1], (int)a[2]));
}

/* The guest CPU the thread holds (cpus.c), the one rseq reports; one
 * NUMA node.  The third argument (tcache) has been unused since 2.6.24. */
int64_t lu_sys_getcpu(LuThread *t, const uint64_t *a)
{
    uint32_t cpu = t->cpu_id, node = 0;
    if (a[0] && lu_copy_to_guest(MEM(t), a[0], &cpu, 4))
        return -EFAULT;
    if (a[1] && lu_copy_to_guest(MEM(t), a[1], &node, 4))
        return -EFAULT;
    return 0;
}

#define LU_PER_QUERY 0xffffffffu
#define LU_PER_LINUX 0u

int64_t lu_sys_personality(LuThread *t, const uint64_t *a)
{
    uint32_t p = (uint32_t)a[0];
    return p == LU_PER_QUERY || p == LU_PER_LINUX ? 0 : -EINVAL;
}

/* ---- Credentials ---------------------------------------------------------- */

int64_t lu_sys_setuid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setuid, (uid_t)a[0]));
}

int64_t lu_sys_setgid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setgid, (gid_t)a[0]));
}

int64_t lu_sys_setreuid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1]));
}

int64_t lu_sys_setregid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1]));
}

int64_t lu_sys_setresuid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1], (uid_t)a[2]));
}

int64_t lu_sys_setresgid(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1], (gid_t)a[2]));
}

/* setfsuid/setfsgid return the previous id, never an error. */
int64_t lu_sys_setfsuid(LuThread *t, const uint64_t *a)
{
    return syscall(SYS_setfsuid, (uid_t)a[0]);
}

int64_t lu_sys_setfsgid(LuThread *t, const uint64_t *a)
{
    return syscall(SYS_setfsgid, (gid_t)a[0]);
}

#define LU_NGROUPS_MAX 65536

int64_t lu_sys_setgroups(LuThread *t, const uint64_t *a)
{
    if (a[0] > LU_NGROUPS_MAX)
        return -EINVAL;
    void *list;
    if (!opt_buf(t, a[1], a[0] * 4, PROT_READ, &list) || (a[0] && !list))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_setgroups, (size_t)a[0], list));
}

/* cap_user_header: u32 version, int pid.  Version 1 has one 12-byte
 * cap_user_data, versions 2 and 3 have two; an unknown version makes the
 * kernel write its preferred one into the header and fail. */
#define LU_CAP_V1 0x19980330u

static int64_t cap_common(LuThread *t, const uint64_t *a, int prot)
{
    void *hdr = guest_buf(t, a[0], 8, PROT_READ | PROT_WRITE), *data;
    if (!hdr)
        return -EFAULT;
    uint32_t version;
    memcpy(&version, hdr, 4);
    uint64_t n = version == LU_CAP_V1 ? 1 : 2;
    if (!opt_buf(t, a[1], n * 12, prot, &data))
        return -EFAULT;
    return lu_host_ret(syscall(prot == PROT_WRITE ? SYS_capget : SYS_capset, hdr, data));
}

int64_t lu_sys_capget(LuThread *t, const uint64_t *a)
{
    return cap_common(t, a, PROT_WRITE);
}

int64_t lu_sys_capset(LuThread *t, const uint64_t *a)
{
    return cap_common(t, a, PROT_READ);
}

/* ---- Memory locking, barriers --------------------------------------------- */

/* The host range of a guest range that is mapped: ENOMEM otherwise, as
 * mlock says for unmapped pages. */
static int64_t mapped_range(LuThread *t, uint64_t addr, uint64_t len, void **h)
{
    uint64_t start = addr & LU_PAGE_MASK;
    if (len > LU_SPACE || !lu_access_ok(MEM(t), start, lu_page_up(addr + len) - start, 0))
        return -ENOMEM;
    *h = lu_g2h(MEM(t), addr);
    return 0;
}

int64_t lu_sys_mlock(LuThread *t, const uint64_t *a)
{
    void *h;
    int64_t r = mapped_range(t, a[0], a[1], &h);
    return r < 0 ? r : lu_host_ret(mlock(h, a[1]));
}

int64_t lu_sys_mlock2(LuThread *t, const uint64_t *a)
{
    void *h;
    int64_t r = mapped_range(t, a[0], a[1], &h);
    return r < 0 ? r : lu_host_ret(syscall(SYS_mlock2, h, (size_t)a[1], (int)a[2]));
}

int64_t lu_sys_munlock(LuThread *t, const uint64_t *a)
{
    void *h;
    int64_t r = mapped_range(t, a[0], a[1], &h);
    return r < 0 ? r : lu_host_ret(munlock(h, a[1]));
}

int64_t lu_sys_mlockall(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(mlockall((int)a[0]));
}

int64_t lu_sys_munlockall(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(munlockall());
}

#define LU_MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ (1 << 7)
#define LU_MEMBARRIER_CMD_FLAG_CPU               1

/* Every guest thread is a host thread of this process, so the host's
 * barriers reach all of them, and the host keeps the registrations (and
 * their -EPERM without one).  The RSEQ command must also abort the guest's
 * critical sections, which the host kernel does not know: cpus.c. */
int64_t lu_sys_membarrier(LuThread *t, const uint64_t *a)
{
    int cmd = (int)a[0];
    unsigned flags = (unsigned)a[1];
    int cpu = (int)a[2];
    if (cmd == LU_MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ &&
        (flags & LU_MEMBARRIER_CMD_FLAG_CPU) && (cpu < 0 || cpu >= CPU_SETSIZE))
        return -EINVAL;
    int64_t r = lu_host_ret(syscall(SYS_membarrier, cmd, flags, cpu));
    if (r == 0 && cmd == LU_MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ)
        lu_cpus_rseq_fence(t, (flags & LU_MEMBARRIER_CMD_FLAG_CPU) ? cpu : -1);
    return r;
}

/* ---- System administration ------------------------------------------------ */

int64_t lu_sys_chroot(LuThread *t, const uint64_t *a)
{
    char guest[PATH_MAX], host[PATH_MAX];
    const char *p;
    int64_t r = path_in(t, a[0], guest, host, &p);
    return r < 0 ? r : lu_host_ret(chroot(p));
}

int64_t lu_sys_acct(LuThread *t, const uint64_t *a)
{
    return -EPERM;
}

/* mount's data is filesystem-specific, nearly always an option string of
 * at most a page, which is what the kernel copies. */
#define LU_MOUNT_DATA_MAX 4096

int64_t lu_sys_mount(LuThread *t, const uint64_t *a)
{
    char src[PATH_MAX], hsrc[PATH_MAX], dst[PATH_MAX], hdst[PATH_MAX];
    char type[256], data[LU_MOUNT_DATA_MAX];
    const char *ps = NULL, *pd, *pt = NULL, *pdata = NULL;
    int64_t r = path_in(t, a[1], dst, hdst, &pd);
    if (r >= 0 && a[0])
        r = path_in(t, a[0], src, hsrc, &ps);
    if (r >= 0 && a[2] && (r = lu_strncpy_from_guest(MEM(t), type, sizeof(type), a[2])) >= 0)
        pt = type;
    if (r >= 0 && a[4] && (r = lu_strncpy_from_guest(MEM(t), data, sizeof(data), a[4])) >= 0)
        pdata = data;
    if (r < 0)
        return r;
    return lu_host_ret(mount(ps, pd, pt, (unsigned long)a[3], pdata));
}

int64_t lu_sys_umount2(LuThread *t, const uint64_t *a)
{
    char guest[PATH_MAX], host[PATH_MAX];
    const char *p;
    int64_t r = path_in(t, a[0], guest, host, &p);
    return r < 0 ? r : lu_host_ret(umount2(p, (int)a[1]));
}

#define LU_HOST_NAME_MAX 64

static int64_t set_name(LuThread *t, const uint64_t *a, long nr)
{
    if (a[1] > LU_HOST_NAME_MAX)
        return -EINVAL;
    void *name = guest_buf(t, a[0], a[1], PROT_READ);
    return name ? lu_host_ret(syscall(nr, name, (size_t)a[1])) : -EFAULT;
}

int64_t lu_sys_sethostname(LuThread *t, const uint64_t *a)
{
    return set_name(t, a, SYS_sethostname);
}

int64_t lu_sys_setdomainname(LuThread *t, const uint64_t *a)
{
    return set_name(t, a, SYS_setdomainname);
}

/* SYSLOG_ACTION_READ, READ_ALL, READ_CLEAR write into the buffer. */
int64_t lu_sys_syslog(LuThread *t, const uint64_t *a)
{
    int type = (int)a[0];
    void *buf = NULL;
    if ((type >= 2 && type <= 4) && (int)a[2] > 0 &&
        !(buf = guest_buf(t, a[1], (uint64_t)(int)a[2], PROT_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_syslog, type, buf, (int)a[2]));
}

int64_t lu_sys_unshare(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_unshare, (int)a[0]));
}

int64_t lu_sys_pidfd_open(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1]));
}

/* ---- Clocks --------------------------------------------------------------- */

int64_t lu_sys_clock_settime(LuThread *t, const uint64_t *a)
{
    void *ts = guest_buf(t, a[1], 16, PROT_READ);
    return ts ? lu_host_ret(syscall(SYS_clock_settime, (clockid_t)a[0], ts)) : -EFAULT;
}

int64_t lu_sys_settimeofday(LuThread *t, const uint64_t *a)
{
    void *tv, *tz;
    if (!opt_buf(t, a[0], 16, PROT_READ, &tv) || !opt_buf(t, a[1], 8, PROT_READ, &tz))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_settimeofday, tv, tz));
}

#define LU_TIMEX_SIZE 208   /* struct timex on both 64-bit ABIs */
_Static_assert(sizeof(struct timex) == LU_TIMEX_SIZE, "timex as on arm64");
_Static_assert(sizeof(struct sched_param) == 4, "sched_param as on arm64");

int64_t lu_sys_adjtimex(LuThread *t, const uint64_t *a)
{
    void *tx = guest_buf(t, a[0], LU_TIMEX_SIZE, PROT_READ | PROT_WRITE);
    return tx ? lu_host_ret(syscall(SYS_adjtimex, tx)) : -EFAULT;
}

int64_t lu_sys_clock_adjtime(LuThread *t, const uint64_t *a)
{
    void *tx = guest_buf(t, a[1], LU_TIMEX_SIZE, PROT_READ | PROT_WRITE);
    return tx ? lu_host_ret(syscall(SYS_clock_adjtime, (clockid_t)a[0], tx)) : -EFAULT;
}

/* ---- POSIX timers ------------------------------------------------------- */

/* struct sigevent: sigval (8), int signo, int notify, then a 48-byte union
 * (tid for SIGEV_THREAD_ID) — 64 bytes on both, and nothing in it that the
 * kernel follows (glibc runs SIGEV_THREAD itself over SIGEV_THREAD_ID, and
 * a guest tid is a host tid). */
#define LU_SIGEVENT_SIZE 64

int64_t lu_sys_timer_create(LuThread *t, const uint64_t *a)
{
    void *sev, *id = guest_buf(t, a[2], 4, PROT_WRITE);     /* kernel timer_t: int */
    if (!id || !opt_buf(t, a[1], LU_SIGEVENT_SIZE, PROT_READ, &sev))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_timer_create, (clockid_t)a[0], sev, id));
}

int64_t lu_sys_timer_settime(LuThread *t, const uint64_t *a)
{
    void *nw = guest_buf(t, a[2], 32, PROT_READ), *old;     /* itimerspec */
    if (!nw || !opt_buf(t, a[3], 32, PROT_WRITE, &old))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_timer_settime, (int)a[0], (int)a[1], nw, old));
}

int64_t lu_sys_timer_gettime(LuThread *t, const uint64_t *a)
{
    void *cur = guest_buf(t, a[1], 32, PROT_WRITE);
    return cur ? lu_host_ret(syscall(SYS_timer_gettime, (int)a[0], cur)) : -EFAULT;
}

int64_t lu_sys_timer_getoverrun(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

int64_t lu_sys_timer_delete(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timer_delete, (int)a[0]));
}

/* ---- Namespaces and pidfds ------------------------------------------------ */

int64_t lu_sys_setns(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setns, (int)a[0], (int)a[1]));
}

int64_t lu_sys_pidfd_getfd(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_pidfd_getfd, (int)a[0], (int)a[1], (unsigned)a[2]));
}

/* ---- Refused -------------------------------------------------------------- */

int64_t lu_sys_io_uring_setup(LuThread *t, const uint64_t *a)
{
    return -ENOSYS;
}
