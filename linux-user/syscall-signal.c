/* linux-user/syscall-signal.c — the signal syscalls: kill, tkill, tgkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo, rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, rt_sigtimedwait, rt_sigreturn,
 * sigaltstack, and the interval timers that raise signals (getitimer,
 * setitimer).  Signal state lives in signal.c; these check arguments and
 * pick the route: a signal for the calling thread goes straight into its
 * queue (or acts at once), anything else is the host kernel's to deliver,
 * where tern's host handler on the receiving thread picks it up.  Guest
 * and host signal numbers, sigsets and siginfo are the same.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

#define MEM(t) (&(t)->proc->mem)

static bool bad_signal(uint64_t sig)
{
    return sig > LU_NSIG;
}

static bool blocked_here(LuThread *t, int sig)
{
    return sig && (t->sigmask & lu_sig_bit(sig));
}

static LuSiginfo user_info(LuThread *t, int sig, int code)
{
    LuSiginfo info = { .signo = sig, .code = code };
    info.kill.pid = t->proc->pid;
    info.kill.uid = (uint32_t)getuid();
    return info;
}

/* A process-directed signal to ourselves: this thread takes it unless it
 * blocks it; then the host picks a thread that does not, or keeps it
 * pending (it has every guest thread's mask). */
int64_t lu_sys_kill(LuThread *t, const uint64_t *a)
{
    int sig = (int)a[1];
    if (bad_signal(a[1]))
        return -EINVAL;
    if ((pid_t)a[0] == t->proc->pid && sig && !blocked_here(t, sig)) {
        LuSiginfo info = user_info(t, sig, LU_SI_USER);
        return lu_signal_send_self(t, sig, &info);
    }
    return lu_host_ret(kill((pid_t)a[0], sig));
}

int64_t lu_sys_tkill(LuThread *t, const uint64_t *a)
{
    int sig = (int)a[1];
    if (bad_signal(a[1]))
        return -EINVAL;
    if ((pid_t)a[0] == t->tid && sig) {
        LuSiginfo info = user_info(t, sig, LU_SI_TKILL);
        return lu_signal_send_self(t, sig, &info);
    }
    return lu_host_ret(syscall(SYS_tkill, (pid_t)a[0], sig));
}

int64_t lu_sys_tgkill(LuThread *t, const uint64_t *a)
{
    int sig = (int)a[2];
    if (bad_signal(a[2]))
        return -EINVAL;
    if ((pid_t)a[0] == t->proc->pid && (pid_t)a[1] == t->tid && sig) {
        LuSiginfo info = user_info(t, sig, LU_SI_TKILL);
        return lu_signal_send_self(t, sig, &info);
    }
    return lu_host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], sig));
}

/* Reads a guest siginfo for rt_(tg)sigqueueinfo; Linux refuses kernel
 * codes and SI_TKILL from user space unless the target is the caller. */
static int64_t queue_info(LuThread *t, uint64_t g, int sig, bool self, LuSiginfo *info)
{
    if (lu_copy_from_guest(MEM(t), info, g, sizeof(*info)))
        return -EFAULT;
    if (!self && (info->code >= 0 || info->code == LU_SI_TKILL))
        return -EPERM;
    info->signo = sig;
    return 0;
}

int64_t lu_sys_rt_sigqueueinfo(LuThread *t, const uint64_t *a)
{
    int sig = (int)a[1];
    bool self = (pid_t)a[0] == t->proc->pid;
    LuSiginfo info;
    if (bad_signal(a[1]))
        return -EINVAL;
    int64_t r = queue_info(t, a[2], sig, self, &info);
    if (r)
        return r;
    if (self && sig && !blocked_here(t, sig))
        return lu_signal_send_self(t, sig, &info);
    return lu_host_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], sig, &info));
}

int64_t lu_sys_rt_tgsigqueueinfo(LuThread *t, const uint64_t *a)
{
    int sig = (int)a[2];
    bool self = (pid_t)a[0] == t->proc->pid && (pid_t)a[1] == t->tid;
    LuSiginfo info;
    if (bad_signal(a[2]))
        return -EINVAL;
    int64_t r = queue_info(t, a[3], sig, (pid_t)a[0] == t->proc->pid, &info);
    if (r)
        return r;
    if (self && sig)
        return lu_signal_send_self(t, sig, &info);
    return lu_host_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1],
                               sig, &info));
}

int64_t lu_sys_rt_sigaction(LuThread *t, const uint64_t *a)
{
    return lu_sys_rt_sigaction_impl(t, (int)a[0], a[1], a[2], a[3]);
}

int64_t lu_sys_rt_sigprocmask(LuThread *t, const uint64_t *a)
{
    return lu_sys_rt_sigprocmask_impl(t, (int)a[0], a[1], a[2], a[3]);
}

/* Linux reports the pending signals that are blocked. */
int64_t lu_sys_rt_sigpending(LuThread *t, const uint64_t *a)
{
    if (a[1] > 8)
        return -EINVAL;
    uint64_t pending = lu_signal_pending(t) & t->sigmask;
    return lu_copy_to_guest(MEM(t), a[0], &pending, a[1]);
}

int64_t lu_sys_rt_sigsuspend(LuThread *t, const uint64_t *a)
{
    uint64_t mask;
    if (a[1] != 8)
        return -EINVAL;
    if (lu_copy_from_guest(MEM(t), &mask, a[0], 8))
        return -EFAULT;
    return lu_signal_suspend(t, mask);
}

/* Our queue first (signals already taken from the host), then the host's
 * pending set.  A signal queued between the two interrupts the host wait
 * (sig_kick); the queue is looked at once more before giving up with
 * EINTR, which then means a signal outside the set arrived. */
int64_t lu_sys_rt_sigtimedwait(LuThread *t, const uint64_t *a)
{
    uint64_t set;
    void *tmo = NULL;
    if (a[3] != 8)
        return -EINVAL;
    if (lu_copy_from_guest(MEM(t), &set, a[0], 8))
        return -EFAULT;
    if (a[2] && !lu_access_ok(MEM(t), a[2], 16, PROT_READ))
        return -EFAULT;
    if (a[2])
        tmo = lu_g2h(MEM(t), a[2]);
    set &= ~(lu_sig_bit(SIGKILL) | lu_sig_bit(SIGSTOP));
    LuSiginfo info;
    int sig = 0;
    for (int round = 0; !sig && round < 2; round++) {
        sig = lu_signal_take(t, set, &info);
        if (sig)
            break;
        memset(&info, 0, sizeof(info));
        long r = lu_safe_syscall(SYS_rt_sigtimedwait, &set, &info, tmo, (size_t)8);
        if (r > 0)
            sig = (int)r;
        else if (errno != EINTR || round == 1)
            return lu_errno(errno);
    }
    if (a[1] && lu_copy_to_guest(MEM(t), a[1], &info, sizeof(info)))
        return -EFAULT;
    return sig;
}

int64_t lu_sys_rt_sigreturn(LuThread *t, const uint64_t *a)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    (void)a;
    if (lu_frame_restore(t))
        return (int64_t)cpu->x[0];
    LuSiginfo info = { .signo = SIGSEGV, .code = lu_segv_code(MEM(t), cpu->sp) };
    info.addr = cpu->sp;
    if (!lu_signal_force(t, &info))
        lu_die_by_signal(t, SIGSEGV);
    return 0;
}

/* Interval timers generate SIGALRM/SIGVTALRM/SIGPROF for the process;
 * struct itimerval (two timevals of two longs) is the same on both. */
int64_t lu_sys_getitimer(LuThread *t, const uint64_t *a)
{
    if (!lu_access_ok(MEM(t), a[1], 32, PROT_WRITE))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_getitimer, (int)a[0], lu_g2h(MEM(t), a[1])));
}

int64_t lu_sys_setitimer(LuThread *t, const uint64_t *a)
{
    if (a[1] && !lu_access_ok(MEM(t), a[1], 32, PROT_READ))
        return -EFAULT;
    if (a[2] && !lu_access_ok(MEM(t), a[2], 32, PROT_WRITE))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_setitimer, (int)a[0],
                               a[1] ? lu_g2h(MEM(t), a[1]) : NULL,
                               a[2] ? lu_g2h(MEM(t), a[2]) : NULL));
}

int64_t lu_sys_sigaltstack(LuThread *t, const uint64_t *a)
{
    return lu_sys_sigaltstack_impl(t, a[0], a[1]);
}
