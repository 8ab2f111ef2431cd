/* linux-user/signal.c — host faults, guest signal bookkeeping, guest death.
 *
 * Host side.  SIGSEGV and SIGBUS are caught (SA_SIGINFO, on an alternate
 * stack, since the fault may be a guest stack overflow in generated code).
 * A fault whose address lies in the guest region while the thread runs
 * guest code is the guest's: the handler unwinds the guest state to the
 * faulting instruction (exec_restore_state), records a data abort and
 * leaves through cpu_loop_exit().  Any other fault is tern's own bug: the
 * handler restores SIG_DFL and returns, the instruction faults again and the
 * process dies with a core, as an unhandled crash should.
 *
 * Guest side.  rt_sigaction, rt_sigprocmask and sigaltstack keep the guest's
 * dispositions, mask and alternate stack; delivery to guest handlers comes
 * with the next issue.  Until then a signal the guest would die of kills the
 * process with that very signal (lu_die_by_signal), so a shell sees status
 * 128+sig; SIG_IGN is mirrored on the host so that, say, an ignored SIGPIPE
 * gives EPIPE there too.  Guest and host signal numbers are the same on
 * AArch64 and x86-64 (both asm-generic).
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <unistd.h>

/* The thread whose guest code this host thread runs (signal handlers only). */
static __thread LuThread *lu_current;

#define LU_ALTSTACK_SIZE (64 * 1024)
#define LU_MINSIGSTKSZ   5120
#define LU_SIG_IGN       1
#define LU_SIG_DFL       0
#ifndef SS_AUTODISARM
#define SS_AUTODISARM    (1u << 31)
#endif

static uint64_t sig_bit(int sig)
{
    return (uint64_t)1 << (sig - 1);
}

/* Signals a guest can neither catch, block nor ignore. */
static const uint64_t lu_unblockable = ((uint64_t)1 << (SIGKILL - 1)) |
                                       ((uint64_t)1 << (SIGSTOP - 1));

/* ---- Host faults ---------------------------------------------------------- */

static uintptr_t host_pc(const void *ucv)
{
    const ucontext_t *uc = ucv;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.pc;
#else
    (void)uc;
    return 0;
#endif
}

static bool host_fault_is_write(const void *ucv)
{
#if defined(__x86_64__)
    const ucontext_t *uc = ucv;
    return uc->uc_mcontext.gregs[REG_ERR] & 2;     /* page-fault error code W */
#else
    (void)ucv;
    return false;
#endif
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    LuThread *t = lu_current;
    uintptr_t addr = (uintptr_t)si->si_addr;
    if (!t || !t->in_guest ||
        addr - (uintptr_t)t->proc->mem.base >= t->proc->mem.reserved) {
        signal(sig, SIG_DFL);
        return;
    }
    TernCPU *cpu = t->cpu;
    uint64_t guest = addr - (uintptr_t)t->proc->mem.base;
    exec_restore_state(t->proc->exec, cpu, host_pc(uc));
    if (sig == SIGSEGV && host_fault_is_write(uc) &&
        lu_mem_code_write(&t->proc->mem, guest)) {
        /* The running TB may be among those just invalidated: leave it
         * at the store, which runs again from a fresh translation. */
        cpu->exception = TERN_EXCP_NONE;
    } else {
        cpu->exception = TERN_EXCP_DATA_ABORT;
        cpu->fault_addr = guest;
        cpu->fault_write = host_fault_is_write(uc);
        t->fault_sig = sig;
    }
    /* cpu_loop_exit() leaves the handler without sigreturn. */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    cpu_loop_exit(cpu);
}

/* Dispositions and mask are inherited across execve: what tern was started
 * with is what the guest starts with. */
static void init_guest_dispositions(LuThread *t)
{
    LuProcess *p = t->proc;
    sigset_t blocked;
    pthread_sigmask(SIG_BLOCK, NULL, &blocked);
    t->sigmask = 0;
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        struct sigaction old;
        memset(&p->sigact[sig], 0, sizeof(p->sigact[sig]));
        if (!sigaction(sig, NULL, &old) && old.sa_handler == SIG_IGN)
            p->sigact[sig].handler = LU_SIG_IGN;
        if (sigismember(&blocked, sig) == 1)
            t->sigmask |= sig_bit(sig);
    }
    t->sigmask &= ~lu_unblockable;
}

bool lu_signal_init(LuThread *t)
{
    stack_t ss = { .ss_size = LU_ALTSTACK_SIZE };
    ss.ss_sp = mmap(NULL, LU_ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ss.ss_sp == MAP_FAILED || sigaltstack(&ss, NULL))
        return false;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
        return false;
    /* Process-wide state once, by the first thread; a cloned thread
     * (thread.c) shares it and brings its own mask. */
    if (!t->is_clone) {
        pthread_mutex_init(&t->proc->sig_lock, NULL);
        init_guest_dispositions(t);
    }
    lu_current = t;
    return true;
}

/* ---- Death ---------------------------------------------------------------- */

_Noreturn void lu_die_by_signal(LuThread *t, int sig)
{
    if (t && t->proc->log)
        fflush(t->proc->log);
    fflush(stdout);
    fflush(stderr);
    /* No core for a guest's death: a zero limit covers core files, not
     * being dumpable also covers a core_pattern pipe. */
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0);
    signal(sig, SIG_DFL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    raise(sig);
    /* Only a signal whose default is to stop or be ignored gets here. */
    _exit(128 + sig);
}

/* Default action "ignore" (SIGCONT: continue, which for a running process
 * is nothing). */
static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Acts on an unblocked signal with the default disposition. */
static void take_default(LuThread *t, int sig)
{
    if (default_ignores(sig))
        return;
    if (default_stops(sig)) {
        raise(SIGSTOP);
        return;
    }
    lu_die_by_signal(t, sig);
}

void lu_signal_self(LuThread *t, int sig)
{
    if (sig <= 0 || sig > LU_NSIG)
        return;
    LuProcess *p = t->proc;
    uint64_t handler = p->sigact[sig].handler;
    if (handler == LU_SIG_IGN || (handler == LU_SIG_DFL && default_ignores(sig)))
        return;
    if ((t->sigmask & sig_bit(sig)) || handler != LU_SIG_DFL) {
        pthread_mutex_lock(&p->sig_lock);
        p->sig_pending |= sig_bit(sig);
        pthread_mutex_unlock(&p->sig_lock);
        return;
    }
    take_default(t, sig);
}

/* Pending signals that the mask no longer blocks and whose disposition is
 * still the default act now. */
static void run_unblocked_defaults(LuThread *t)
{
    LuProcess *p = t->proc;
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        uint64_t b = sig_bit(sig);
        if (!(p->sig_pending & b) || (t->sigmask & b) ||
            p->sigact[sig].handler != LU_SIG_DFL)
            continue;
        pthread_mutex_lock(&p->sig_lock);
        p->sig_pending &= ~b;
        pthread_mutex_unlock(&p->sig_lock);
        take_default(t, sig);
    }
}

/* ---- rt_sigaction, rt_sigprocmask, sigaltstack ---------------------------- */

/* Signals tern needs for itself keep tern's host disposition. */
static bool host_owns(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS;
}

static void mirror_on_host(int sig, uint64_t handler)
{
    if (host_owns(sig) || sig >= SIGRTMIN)
        return;
    signal(sig, handler == LU_SIG_IGN ? SIG_IGN : SIG_DFL);
}

/* The guest's blocked set, blocked on the host too: a host signal the guest
 * blocks stays pending there until the guest unblocks it, and then takes
 * its (default or ignore) action as Linux would. */
static void mirror_mask_on_host(uint64_t mask)
{
    sigset_t s;
    sigemptyset(&s);
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if ((mask & sig_bit(sig)) && !host_owns(sig))
            sigaddset(&s, sig);
    pthread_sigmask(SIG_SETMASK, &s, NULL);
}

int64_t lu_sys_rt_sigaction_impl(LuThread *t, int sig, uint64_t act,
                                 uint64_t oact, uint64_t size)
{
    LuProcess *p = t->proc;
    LuSigaction nw;
    if (size != 8 || sig < 1 || sig > LU_NSIG)
        return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if (act && lu_copy_from_guest(&p->mem, &nw, act, sizeof(nw)))
        return -EFAULT;
    if (oact && lu_copy_to_guest(&p->mem, oact, &p->sigact[sig], sizeof(LuSigaction)))
        return -EFAULT;
    if (!act)
        return 0;
    nw.mask &= ~lu_unblockable;
    p->sigact[sig] = nw;
    if (nw.handler == LU_SIG_IGN) {
        pthread_mutex_lock(&p->sig_lock);
        p->sig_pending &= ~sig_bit(sig);
        pthread_mutex_unlock(&p->sig_lock);
    }
    mirror_on_host(sig, nw.handler);
    return 0;
}

int64_t lu_sys_rt_sigprocmask_impl(LuThread *t, int how, uint64_t set,
                                   uint64_t oset, uint64_t size)
{
    LuMem *m = &t->proc->mem;
    uint64_t nw, old = t->sigmask;
    if (size != 8)
        return -EINVAL;
    if (set && lu_copy_from_guest(m, &nw, set, 8))
        return -EFAULT;
    if (set) {
        switch (how) {
        case SIG_BLOCK: nw = old | nw; break;
        case SIG_UNBLOCK: nw = old & ~nw; break;
        case SIG_SETMASK: break;
        default: return -EINVAL;
        }
    }
    if (oset && lu_copy_to_guest(m, oset, &old, 8))
        return -EFAULT;
    if (set) {
        t->sigmask = nw & ~lu_unblockable;
        mirror_mask_on_host(t->sigmask);
        run_unblocked_defaults(t);
    }
    return 0;
}

/* The guest's stack_t: sp, int flags (+4 pad), size — as on x86-64. */
typedef struct LuStackT {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
} LuStackT;

int64_t lu_sys_sigaltstack_impl(LuThread *t, uint64_t ss, uint64_t old)
{
    LuMem *m = &t->proc->mem;
    LuStackT nw, cur = {
        .sp = t->altstack_sp, .size = t->altstack_size,
        .flags = t->altstack_size ? (int32_t)t->altstack_flags : SS_DISABLE,
    };
    if (ss && lu_copy_from_guest(m, &nw, ss, sizeof(nw)))
        return -EFAULT;
    if (old && lu_copy_to_guest(m, old, &cur, sizeof(cur)))
        return -EFAULT;
    if (!ss)
        return 0;
    uint32_t mode = (uint32_t)nw.flags & ~(uint32_t)SS_AUTODISARM;
    if (mode != 0 && mode != SS_DISABLE)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        t->altstack_sp = t->altstack_size = 0;
        t->altstack_flags = 0;
        return 0;
    }
    if (nw.size < LU_MINSIGSTKSZ)
        return -ENOMEM;
    t->altstack_sp = nw.sp;
    t->altstack_size = nw.size;
    t->altstack_flags = (uint32_t)nw.flags;
    return 0;
}
