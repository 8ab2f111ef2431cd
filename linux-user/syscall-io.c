/* linux-user/syscall-io.c — I/O multiplexing and event descriptors:
 * ppoll, pselect6, epoll, eventfd, timerfd, signalfd, inotify, and the POSIX
 * message queues (mq_*: struct mq_attr is 64 bytes of longs on both).
 *
 * All of them are host descriptors used by the guest directly; what needs
 * care is what crosses the boundary:
 *   struct epoll_event  DIFFERS: x86-64 packs it (u32 events, u64 data at
 *                       offset 4, 12 bytes); arm64 aligns data (offset 8,
 *                       16 bytes).  Translated both ways here.
 *   pselect6's 6th arg  a guest struct { sigset_t *ss; size_t len } holding
 *                       a guest pointer: rebuilt with the host pointer.
 *   the sigmask of pselect6, ppoll, epoll_pwait(2)
 *                       installed as the guest's own for the wait
 *                       (temp_mask_begin), as rt_sigsuspend does;
 *   fd_set, timespec, itimerspec, the 8-byte kernel sigset,
 *   signalfd_siginfo (128 bytes, arch-independent), inotify_event
 *                       same on both: checked for access and passed.
 * Flag values (EPOLL_CLOEXEC, EFD_*, TFD_*, SFD_*, IN_CLOEXEC/IN_NONBLOCK)
 * are O_CLOEXEC / O_NONBLOCK, whose values agree on both ABIs.
 *
 * signalfd takes the guest's mask as is: guest and host signal numbers
 * agree, and the guest's blocked set is mirrored on the host thread (see
 * signal.c), so a signal the guest blocks stays pending on the host where
 * the host signalfd reads it.
 */
#include "linux-user/lu-internal.h"
#include "linux-user/syscall-xlate.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

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

#define LU_SIGSET_SIZE 8    /* the kernel's sigset_t on both ABIs */

/* A temporary guest signal mask for the duration of one wait: given is
 * false for a NULL mask (the current one stays). */
typedef struct LuTempMask {
    bool given;
    uint64_t guest, host;
} LuTempMask;

/* A kernel sigset argument with its size: NULL mask is fine; otherwise the
 * size must be the kernel's (EINVAL) and the mask readable (EFAULT). */
static int64_t sigset_in(LuThread *t, uint64_t g, uint64_t size, LuTempMask *m)
{
    m->given = false;
    if (!g)
        return 0;
    if (size != LU_SIGSET_SIZE)
        return -EINVAL;
    if (lu_copy_from_guest(MEM(t), &m->guest, g, LU_SIGSET_SIZE))
        return -EFAULT;
    m->given = true;
    return 0;
}

/* Installs the mask as the guest's for the wait (signal.c: a signal it
 * unblocks interrupts the call and is delivered with it, the old mask
 * saved in the frame); the host call gets its host form, which the host
 * kernel applies atomically with the wait.  NULL when no mask was given. */
static void *temp_mask_begin(LuThread *t, LuTempMask *m)
{
    if (!m->given)
        return NULL;
    m->host = lu_signal_temp_mask(t, m->guest);
    return &m->host;
}

/* After the wait: result r (guest convention); -EINTR leaves the mask for
 * the signal delivery to restore. */
static int64_t temp_mask_end(LuThread *t, const LuTempMask *m, int64_t r)
{
    if (m->given)
        lu_signal_end_temp_mask(t, r);
    return r;
}

/* ---- pselect6 ------------------------------------------------------------- */

/* The guest's { const sigset_t *ss; size_t ss_len } (pointer, then size). */
typedef struct LuSigsetArg {
    uint64_t ss, len;
} LuSigsetArg;

int64_t lu_sys_pselect6(LuThread *t, const uint64_t *a)
{
    int nfds = (int)a[0];
    if (nfds < 0 || nfds > (1 << 20))
        return -EINVAL;
    uint64_t bytes = ((uint64_t)nfds + 63) / 64 * 8;    /* longs of bits */
    void *set[3], *tmo;
    for (int i = 0; i < 3; i++)
        if (!opt_buf(t, a[1 + i], bytes, PROT_READ | PROT_WRITE, &set[i]))
            return -EFAULT;
    /* The kernel writes the time left back, but ignores a fault doing so
     * (the timeout may be a const in read-only memory). */
    if (!opt_buf(t, a[4], 16, PROT_READ, &tmo))
        return -EFAULT;
    LuTempMask m = { .given = false };
    if (a[5]) {
        LuSigsetArg g;
        if (lu_copy_from_guest(MEM(t), &g, a[5], sizeof(g)))
            return -EFAULT;
        int64_t r = sigset_in(t, g.ss, g.len, &m);
        if (r < 0)
            return r;
    }
    struct { void *ss; size_t len; } hmask = { temp_mask_begin(t, &m), LU_SIGSET_SIZE };
    int64_t r = lu_host_ret(lu_blocking_syscall(SYS_pselect6, nfds, set[0], set[1], set[2],
                                                tmo, m.given ? &hmask : NULL));
    return temp_mask_end(t, &m, r);
}

/* ---- ppoll ------------------------------------------------------------------ */

/* struct pollfd (int fd; short events, revents) is 8 bytes on both. */
int64_t lu_sys_ppoll(LuThread *t, const uint64_t *a)
{
    if (a[1] > 1u << 20)
        return -EINVAL;
    void *fds = guest_buf(t, a[0], a[1] * 8, PROT_READ | PROT_WRITE), *tmo;
    if (!fds || !opt_buf(t, a[2], 16, PROT_READ, &tmo))
        return -EFAULT;
    LuTempMask m;
    int64_t r = sigset_in(t, a[3], a[4], &m);
    if (r < 0)
        return r;
    r = lu_host_ret(lu_blocking_syscall(SYS_ppoll, fds, (unsigned long)a[1], tmo,
                                        temp_mask_begin(t, &m), (size_t)LU_SIGSET_SIZE));
    return temp_mask_end(t, &m, r);
}

/* ---- epoll ---------------------------------------------------------------- */

_Static_assert(sizeof(LuEpollEvent) == 16, "arm64 epoll_event is 16 bytes");
#if defined(__x86_64__)
_Static_assert(sizeof(struct epoll_event) == 12 &&
               offsetof(struct epoll_event, data) == 4,
               "x86-64 epoll_event is packed");
#endif

void lu_epoll_event_to_host(struct epoll_event *h, const LuEpollEvent *g)
{
    h->events = g->events;
    h->data.u64 = g->data;
}

void lu_epoll_event_to_guest(LuEpollEvent *g, const struct epoll_event *h)
{
    g->events = h->events;
    g->pad = 0;
    g->data = h->data.u64;
}

int64_t lu_sys_epoll_create1(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(epoll_create1((int)a[0]));
}

int64_t lu_sys_epoll_ctl(LuThread *t, const uint64_t *a)
{
    struct epoll_event h, *hp = NULL;
    if (a[3]) {
        LuEpollEvent g;
        if (lu_copy_from_guest(MEM(t), &g, a[3], sizeof(g)))
            return -EFAULT;
        lu_epoll_event_to_host(&h, &g);
        hp = &h;
    }
    return lu_host_ret(epoll_ctl((int)a[0], (int)a[1], (int)a[2], hp));
}

/* At most this many events per call: fewer than asked is what any wait may
 * return, and the rest stay ready for the next call. */
#define LU_EPOLL_CHUNK 1024

/* Waits with either a millisecond timeout (ts == NULL, epoll_pwait) or a
 * timespec (epoll_pwait2), then translates the events into the guest. */
static int64_t epoll_wait_common(LuThread *t, const uint64_t *a, bool ts)
{
    int maxev = (int)a[2];
    if (maxev <= 0 || (uint64_t)maxev > INT_MAX / sizeof(struct epoll_event))
        return -EINVAL;
    if (!guest_buf(t, a[1], (uint64_t)maxev * sizeof(LuEpollEvent), PROT_WRITE))
        return -EFAULT;
    void *tmo = NULL;
    LuTempMask m;
    int64_t r = sigset_in(t, a[4], a[5], &m);
    if (r < 0)
        return r;
    if (ts && !opt_buf(t, a[3], 16, PROT_READ, &tmo))
        return -EFAULT;
    int n = maxev < LU_EPOLL_CHUNK ? maxev : LU_EPOLL_CHUNK;
    struct epoll_event h[LU_EPOLL_CHUNK];
    void *mask = temp_mask_begin(t, &m);
    if (ts)
        r = lu_blocking_syscall(SYS_epoll_pwait2, (int)a[0], h, n, tmo, mask,
                                (size_t)LU_SIGSET_SIZE);
    else
        r = lu_blocking_syscall(SYS_epoll_pwait, (int)a[0], h, n, (int)a[3], mask,
                                (size_t)LU_SIGSET_SIZE);
    r = temp_mask_end(t, &m, lu_host_ret(r));
    if (r < 0)
        return r;
    LuEpollEvent *g = lu_g2h(MEM(t), a[1]);
    for (int64_t i = 0; i < r; i++) {
        LuEpollEvent e;
        lu_epoll_event_to_guest(&e, &h[i]);
        memcpy(&g[i], &e, sizeof(e));
    }
    return r;
}

int64_t lu_sys_epoll_pwait(LuThread *t, const uint64_t *a)
{
    return epoll_wait_common(t, a, false);
}

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

int64_t lu_sys_epoll_pwait2(LuThread *t, const uint64_t *a)
{
    return epoll_wait_common(t, a, true);
}

/* ---- eventfd, timerfd, signalfd ------------------------------------------- */

int64_t lu_sys_eventfd2(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

int64_t lu_sys_timerfd_create(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

/* struct itimerspec: two timespecs, 32 bytes on both. */
#define LU_ITIMERSPEC_SIZE 32

int64_t lu_sys_timerfd_settime(LuThread *t, const uint64_t *a)
{
    void *nw = guest_buf(t, a[2], LU_ITIMERSPEC_SIZE, PROT_READ), *old;
    if (!nw || !opt_buf(t, a[3], LU_ITIMERSPEC_SIZE, PROT_WRITE, &old))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], nw, old));
}

int64_t lu_sys_timerfd_gettime(LuThread *t, const uint64_t *a)
{
    void *cur = guest_buf(t, a[1], LU_ITIMERSPEC_SIZE, PROT_WRITE);
    return cur ? lu_host_ret(syscall(SYS_timerfd_gettime, (int)a[0], cur)) : -EFAULT;
}

int64_t lu_sys_signalfd4(LuThread *t, const uint64_t *a)
{
    if (a[2] != LU_SIGSET_SIZE)
        return -EINVAL;
    void *mask = guest_buf(t, a[1], LU_SIGSET_SIZE, PROT_READ);
    if (!mask)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_signalfd4, (int)a[0], mask, (size_t)LU_SIGSET_SIZE,
                               (int)a[3]));
}

/* ---- inotify -------------------------------------------------------------- */

int64_t lu_sys_inotify_init1(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

int64_t lu_sys_inotify_add_watch(LuThread *t, const uint64_t *a)
{
    char guest[PATH_MAX], host[PATH_MAX];
    int64_t r = lu_strncpy_from_guest(MEM(t), guest, sizeof(guest), a[1]);
    if (r < 0)
        return r;
    const char *p = lu_path(t->proc, guest, host, sizeof(host));
    return lu_host_ret(syscall(SYS_inotify_add_watch, (int)a[0], p, (uint32_t)a[2]));
}

int64_t lu_sys_inotify_rm_watch(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_inotify_rm_watch, (int)a[0], (int)a[1]));
}

/* ---- POSIX message queues ------------------------------------------------- */

/* struct mq_attr: flags, maxmsg, msgsize, curmsgs and four reserved longs,
 * 64 bytes on both; mq_open's oflag are open(2) flags. */
#define LU_MQ_ATTR_SIZE 64
#define LU_SIGEVENT_SIZE 64

int64_t lu_sys_mq_open(LuThread *t, const uint64_t *a)
{
    char name[256];     /* NAME_MAX + 1 */
    int64_t r = lu_strncpy_from_guest(MEM(t), name, sizeof(name), a[0]);
    if (r < 0)
        return r;
    void *attr;
    if (!opt_buf(t, a[3], LU_MQ_ATTR_SIZE, PROT_READ, &attr))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_mq_open, name, lu_open_flags_to_host(a[1]),
                               (mode_t)a[2], attr));
}

int64_t lu_sys_mq_unlink(LuThread *t, const uint64_t *a)
{
    char name[256];
    int64_t r = lu_strncpy_from_guest(MEM(t), name, sizeof(name), a[0]);
    return r < 0 ? r : lu_host_ret(syscall(SYS_mq_unlink, name));
}

int64_t lu_sys_mq_timedsend(LuThread *t, const uint64_t *a)
{
    void *msg = guest_buf(t, a[1], a[2], PROT_READ), *tmo;
    if (!msg || !opt_buf(t, a[4], 16, PROT_READ, &tmo))
        return -EFAULT;
    return lu_host_ret(lu_blocking_syscall(SYS_mq_timedsend, (int)a[0], msg, (size_t)a[2],
                                           (unsigned)a[3], tmo));
}

int64_t lu_sys_mq_timedreceive(LuThread *t, const uint64_t *a)
{
    void *msg = guest_buf(t, a[1], a[2], PROT_WRITE), *prio, *tmo;
    if (!msg || !opt_buf(t, a[3], 4, PROT_WRITE, &prio) ||
        !opt_buf(t, a[4], 16, PROT_READ, &tmo))
        return -EFAULT;
    return lu_host_ret(lu_blocking_syscall(SYS_mq_timedreceive, (int)a[0], msg,
                                           (size_t)a[2], prio, tmo));
}

/* glibc implements SIGEV_THREAD itself with a netlink socket and passes
 * the kernel a sigevent without pointers the kernel follows. */
int64_t lu_sys_mq_notify(LuThread *t, const uint64_t *a)
{
    void *sev;
    if (!opt_buf(t, a[1], LU_SIGEVENT_SIZE, PROT_READ, &sev))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_mq_notify, (int)a[0], sev));
}

int64_t lu_sys_mq_getsetattr(LuThread *t, const uint64_t *a)
{
    void *nw, *old;
    if (!opt_buf(t, a[1], LU_MQ_ATTR_SIZE, PROT_READ, &nw) ||
        !opt_buf(t, a[2], LU_MQ_ATTR_SIZE, PROT_WRITE, &old))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_mq_getsetattr, (int)a[0], nw, old));
}
