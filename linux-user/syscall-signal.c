/* linux-user/syscall-signal.c — the signal syscalls: kill, tkill, tgkill,
 * rt_sigaction, rt_sigprocmask, rt_sigpending, sigaltstack.  The guest's
 * dispositions, masks and pending sets live in signal.c; these are the
 * argument-checking entry points.  Guest and host signal numbers are the
 * same (asm-generic on both sides).
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

static bool bad_signal(uint64_t sig)
{
    return sig > LU_NSIG;
}

int64_t lu_sys_kill(LuThread *t, const uint64_t *a)
{
    if (bad_signal(a[1]))
        return -EINVAL;
    if ((pid_t)a[0] == t->proc->pid) {
        lu_signal_self(t, (int)a[1]);
        return 0;
    }
    return lu_host_ret(kill((pid_t)a[0], (int)a[1]));
}

int64_t lu_sys_tkill(LuThread *t, const uint64_t *a)
{
    if (bad_signal(a[1]))
        return -EINVAL;
    if ((pid_t)a[0] == t->tid) {
        lu_signal_self(t, (int)a[1]);
        return 0;
    }
    return lu_host_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

int64_t lu_sys_tgkill(LuThread *t, const uint64_t *a)
{
    if (bad_signal(a[2]))
        return -EINVAL;
    if ((pid_t)a[0] == t->proc->pid && (pid_t)a[1] == t->tid) {
        lu_signal_self(t, (int)a[2]);
        return 0;
    }
    return lu_host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

int64_t lu_sys_rt_sigaction(LuThread *t, const uint64_t *a)
{
    return lu_sys_rt_sigaction_impl(t, (int)a[0], a[1], a[2], a[3]);
}

int64_t lu_sys_rt_sigprocmask(LuThread *t, const uint64_t *a)
{
    return lu_sys_rt_sigprocmask_impl(t, (int)a[0], a[1], a[2], a[3]);
}

int64_t lu_sys_rt_sigpending(LuThread *t, const uint64_t *a)
{
    if (a[1] != 8)
        return -EINVAL;
    pthread_mutex_lock(&t->proc->sig_lock);
    uint64_t pending = t->proc->sig_pending;
    pthread_mutex_unlock(&t->proc->sig_lock);
    return lu_copy_to_guest(MEM(t), a[0], &pending, 8);
}

int64_t lu_sys_sigaltstack(LuThread *t, const uint64_t *a)
{
    return lu_sys_sigaltstack_impl(t, a[0], a[1]);
}
