/* linux-user/signal.c — guest signals: host handlers, queues, delivery.
 *
 * Guest and host signal numbers, sigset bits, siginfo_t and the
 * rt_sigaction layout are the same on arm64 and x86-64 (asm-generic), so
 * the host kernel does most of the work: every guest disposition is
 * mirrored on the host (SIG_DFL, SIG_IGN, or host_async for a guest
 * handler) and every thread's guest mask is its host mask.  A signal the
 * guest blocks therefore stays pending in the host kernel (queued, with its
 * siginfo, real-time ones counted) until the guest unblocks it, and a
 * default action (die, stop, ignore) is the host's own.  Raw syscalls set
 * dispositions and masks, because glibc refuses signals 32 and 33.
 *
 * Delivery.  host_async copies the siginfo into the thread's LuSigQueue,
 * sets sig_kick and the CPU's exit_request; translated code leaves at the
 * next TB entry and the cpu loop calls lu_signal_deliver(), which builds
 * the arm64 frame (signal-frame.c) and points the CPU at the handler.
 * Synchronous faults skip the queue (lu_signal_force, force_sig in Linux).
 * The queue is only touched by its own thread: by host_async (which runs
 * with every signal blocked) or with host signals blocked (queue_lock).
 *
 * Blocking syscalls.  Host handlers are installed without SA_RESTART, so a
 * blocking host call returns EINTR when a guest signal arrives; the cpu
 * loop then restarts it or not by the arm64 kernel's rules.  The window
 * between "no signal pending" and the blocking syscall instruction is
 * closed by lu_safe_syscall: it tests sig_kick right before `syscall`, and
 * host_async moves a thread caught between the two to the EINTR exit (the
 * idea of QEMU's safe_syscall).  A blocking call made with plain syscall()
 * keeps the window, from the cpu loop's last delivery to the host kernel
 * entering the call: a signal landing there only sets exit_request and
 * sig_kick, the call blocks until it completes by itself (or another
 * signal interrupts it), and the handler runs after it returns.  Every
 * blocking call should therefore use lu_safe_syscall (same arguments and
 * result convention as syscall()); rt_sigsuspend and rt_sigtimedwait do.
 *
 * Host faults.  SIGSEGV and SIGBUS in the guest region while the thread
 * runs guest code are the guest's: host_fault unwinds to the faulting
 * instruction and leaves through cpu_loop_exit(); a write to a page tern
 * protected because it holds code goes to lu_mem_code_write (SMC) and the
 * handler returns, so the store runs again.  Any other fault is tern's own bug and kills it with a
 * core.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

/* The thread whose guest code this host thread runs (signal handlers and
 * lu_safe_syscall only). */
static __thread LuThread *lu_current;

#define LU_ALTSTACK_SIZE (64 * 1024)
#define LU_HOST_SA_RESTORER 0x04000000ul
#ifndef SS_AUTODISARM
#define SS_AUTODISARM    (1u << 31)
#endif
#define LU_MINSIGSTKSZ   5120          /* arm64 MINSIGSTKSZ */

/* Signals a guest can neither catch, block nor ignore. */
static const uint64_t lu_unblockable = ((uint64_t)1 << (SIGKILL - 1)) |
                                       ((uint64_t)1 << (SIGSTOP - 1));

/* ---- Host primitives ------------------------------------------------------ */

/* The kernel's struct sigaction on a 64-bit asm-generic-like host. */
typedef struct HostKSigaction {
    uintptr_t handler;
    unsigned long flags;
    uintptr_t restorer;
    uint64_t mask;
} HostKSigaction;

/* Signals tern handles itself whatever the guest wants. */
static bool host_owns(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS;
}

static uint64_t host_mask_of(uint64_t guest_mask)
{
    return guest_mask & ~(lu_sig_bit(SIGSEGV) | lu_sig_bit(SIGBUS) | lu_unblockable);
}

static void host_setmask(uint64_t mask, uint64_t *old)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, old, (size_t)8);
}

/* Keeps host_async off this thread while it edits its queue. */
static uint64_t queue_lock(void)
{
    uint64_t old;
    host_setmask(~(uint64_t)0, &old);
    return old;
}

static void queue_unlock(uint64_t old)
{
    host_setmask(old, NULL);
}

static int host_sigaction(LuProcess *p, int sig, uintptr_t handler, uint64_t flags)
{
    HostKSigaction k = { .handler = handler, .flags = flags, .mask = ~(uint64_t)0 };
    if (p->host_restorer) {
        k.flags |= LU_HOST_SA_RESTORER;
        k.restorer = (uintptr_t)p->host_restorer;
    }
    return (int)syscall(SYS_rt_sigaction, sig, &k, NULL, (size_t)8);
}

/* ---- lu_safe_syscall ---------------------------------------------------------- */

/* Returns the raw kernel result (-errno on failure), or -EINTR without
 * entering the kernel when *kick is set.  A host signal handler that
 * interrupts the thread in [start, end) moves it to cancel. */
long lu_safe_syscall_base(volatile int32_t *kick, long nr, long a1, long a2,
                          long a3, long a4, long a5, long a6);

#if defined(__x86_64__)
extern const char lu_safe_syscall_start[], lu_safe_syscall_end[],
                  lu_safe_syscall_cancel[];
__asm__(
    "    .text\n"
    "    .globl lu_safe_syscall_base\n"
    "    .hidden lu_safe_syscall_base\n"
    "    .type lu_safe_syscall_base, @function\n"
    "lu_safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    mov %rdi, %r11\n"          /* kick; syscall clobbers r11 only later */
    "    mov %rsi, %rax\n"
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "    .globl lu_safe_syscall_start\n"
    "    .hidden lu_safe_syscall_start\n"
    "lu_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jne lu_safe_syscall_cancel\n"
    "    syscall\n"
    "    .globl lu_safe_syscall_end\n"
    "    .hidden lu_safe_syscall_end\n"
    "lu_safe_syscall_end:\n"
    "    ret\n"
    "    .globl lu_safe_syscall_cancel\n"
    "    .hidden lu_safe_syscall_cancel\n"
    "lu_safe_syscall_cancel:\n"
    "    mov $-4, %rax\n"           /* -EINTR */
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size lu_safe_syscall_base, .-lu_safe_syscall_base\n");
_Static_assert(EINTR == 4, "the trampoline returns -4");

/* Called from host_async: a thread between the kick test and `syscall`
 * would block although a signal is now queued; make it take the EINTR
 * exit instead. */
static void safe_syscall_rewind(void *ucv)
{
    ucontext_t *uc = ucv;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)lu_safe_syscall_start && pc < (uintptr_t)lu_safe_syscall_end)
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)lu_safe_syscall_cancel;
}
#else
/* Other hosts: the test and the call are not atomic (see the header). */
long lu_safe_syscall_base(volatile int32_t *kick, long nr, long a1, long a2,
                          long a3, long a4, long a5, long a6)
{
    if (*kick)
        return -EINTR;
    long r = syscall(nr, a1, a2, a3, a4, a5, a6);
    return r == -1 ? -errno : r;
}

static void safe_syscall_rewind(void *ucv)
{
    (void)ucv;
}
#endif

long lu_safe_syscall(long nr, ...)
{
    static volatile int32_t no_kick;
    long a[6];
    va_list ap;
    va_start(ap, nr);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    LuThread *t = lu_current;
    long r = lu_safe_syscall_base(t ? &t->sig_kick : &no_kick, nr,
                                  a[0], a[1], a[2], a[3], a[4], a[5]);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

/* ---- The per-thread queue --------------------------------------------------- */

/* Appends; a standard signal already queued is not queued twice.  false
 * when the queue is full. */
static bool queue_push(LuSigQueue *q, int sig, const LuSiginfo *info)
{
    if (sig < SIGRTMIN)
        for (uint32_t i = 0; i < q->n; i++)
            if (q->e[i].sig == sig)
                return true;
    if (q->n == LU_SIGQ_MAX)
        return false;
    q->e[q->n].sig = sig;
    q->e[q->n].info = *info;
    q->e[q->n].info.signo = sig;
    /* The entry before the count: queue_ready reads without the lock. */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    q->n++;
    return true;
}

static uint64_t queue_set(const LuSigQueue *q)
{
    uint64_t set = 0;
    for (uint32_t i = 0; i < q->n; i++)
        set |= lu_sig_bit(q->e[i].sig);
    return set;
}

/* Removes the oldest entry of the lowest-numbered signal in allowed, as
 * Linux dequeues; 0 when there is none. */
static int queue_take(LuSigQueue *q, uint64_t allowed, LuSiginfo *out)
{
    uint64_t ready = queue_set(q) & allowed;
    if (!ready)
        return 0;
    int sig = __builtin_ctzll(ready) + 1;
    uint32_t i = 0;
    while (q->e[i].sig != sig)
        i++;
    *out = q->e[i].info;
    memmove(&q->e[i], &q->e[i + 1], (q->n - i - 1) * sizeof(q->e[0]));
    q->n--;
    return sig;
}

/* ---- Host handlers -------------------------------------------------------------- */

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

/* A guest signal arrived from the host: queue it for the cpu loop. */
static void host_async(int sig, siginfo_t *si, void *uc)
{
    LuThread *t = lu_current;
    if (!t)
        return;     /* not a guest thread: the host chose badly, drop it */
    int saved_errno = errno;
    LuSiginfo info;
    memcpy(&info, si, sizeof(info));
    queue_push(&t->sigq, sig, &info);
    t->sig_kick = 1;
    if (t->cpu)
        t->cpu->exit_request = 1;
    safe_syscall_rewind(uc);
    errno = saved_errno;
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    LuThread *t = lu_current;
    uintptr_t addr = (uintptr_t)si->si_addr;
    if (si->si_code <= 0) {             /* sent by kill & co, not a fault */
        uint64_t old = queue_lock();    /* this handler runs SA_NODEFER */
        host_async(sig, si, uc);
        queue_unlock(old);
        return;
    }
    if (!t || !t->in_guest ||
        addr - (uintptr_t)t->proc->mem.base >= t->proc->mem.reserved) {
        signal(sig, SIG_DFL);
        return;
    }
    TernCPU *cpu = t->cpu;
    uint64_t guest = addr - (uintptr_t)t->proc->mem.base;
    if (sig == SIGSEGV && host_fault_is_write(uc) &&
        lu_mem_code_write(&t->proc->mem, guest)) {
        /* The page is writable again and its TBs are dropped: returning
         * runs the store again.  The TB running goes on with the code it
         * was translated from, as a core may until the guest's ISB (which
         * ends a TB); leaving it instead would re-translate from this very
         * page, protect it again and fault forever. */
        return;
    }
    exec_restore_state(t->proc->exec, cpu, host_pc(uc));
    cpu->exception = TERN_EXCP_DATA_ABORT;
    cpu->syndrome = 0;                  /* not an alignment check's */
    cpu->fault_addr = guest;
    cpu->fault_write = host_fault_is_write(uc);
    t->fault_sig = sig;
    t->fault_code = si->si_code;
    /* cpu_loop_exit() leaves the handler without sigreturn, and cpu_exec
     * saves no mask (that was a system call per entry).  This handler runs
     * SA_NODEFER with an empty sa_mask, so it blocks nothing today; the
     * mask the fault interrupted is restored anyway, so that a blocked
     * SIGSEGV can never outlive the handler (the next fault would kill). */
    pthread_sigmask(SIG_SETMASK, &((ucontext_t *)uc)->uc_sigmask, NULL);
    cpu_loop_exit(cpu);
}

/* ---- Set-up --------------------------------------------------------------------- */

/* Dispositions are inherited across execve: what tern was started with
 * (SIG_IGN or not) is what the guest starts with.  The x86-64 kernel
 * insists on SA_RESTORER, so the raw rt_sigaction calls reuse the
 * restorer glibc gave tern's own SIGSEGV handler. */
/* The signals tern was started ignoring (execve keeps SIG_IGN, and the
 * guest inherits it), bit sig - 1: the SigIgn line of /proc/self/status,
 * one read where asking each disposition is 64 system calls (~1 us each
 * on a VM, 1.5% of a static hello-world).  False when /proc can't say. */
static bool inherited_ignored(uint64_t *mask)
{
    static const char key[] = "\nSigIgn:";
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t n = 0;
    ssize_t r;
    while (n < sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
        n += (size_t)r;
    close(fd);
    buf[n] = 0;
    const char *s = strstr(buf, key);
    if (!s)
        return false;
    char *end;
    errno = 0;
    *mask = strtoull(s + sizeof(key) - 1, &end, 16);
    return errno == 0 && end != s + sizeof(key) - 1 && *end == '\n';
}

/* What each guest signal starts as: SIG_IGN where tern's was, else
 * SIG_DFL. */
static void initial_dispositions(LuProcess *p)
{
    uint64_t ign = 0;
    bool known = inherited_ignored(&ign);
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        HostKSigaction k;
        memset(&p->sigact[sig], 0, sizeof(p->sigact[sig]));
        if (known ? (ign >> (sig - 1)) & 1
                  : !syscall(SYS_rt_sigaction, sig, NULL, &k, (size_t)8)
                    && k.handler == (uintptr_t)SIG_IGN)
            p->sigact[sig].handler = LU_SIG_IGN;
    }
}

static bool process_init(LuProcess *p)
{
    pthread_mutex_init(&p->sig_lock, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
        return false;
    HostKSigaction k;
    if (syscall(SYS_rt_sigaction, SIGSEGV, NULL, &k, (size_t)8))
        return false;
    p->host_restorer = (k.flags & LU_HOST_SA_RESTORER) ? k.restorer : 0;
    initial_dispositions(p);
    /* Without it only handlers with SA_RESTORER can run. */
    lu_frame_map_tramp(p);
    p->sig_ready = true;
    return true;
}

bool lu_signal_init(LuThread *t)
{
    stack_t ss = { .ss_size = LU_ALTSTACK_SIZE };
    ss.ss_sp = mmap(NULL, LU_ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ss.ss_sp == MAP_FAILED)
        return false;
    t->host_altstack = ss.ss_sp;
    if (sigaltstack(&ss, NULL))
        return false;
    if (!t->proc->sig_ready) {
        /* The first thread: the mask tern was started with is the
         * guest's, as execve keeps it. */
        if (!process_init(t->proc))
            return false;
        uint64_t host;
        syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host, (size_t)8);
        t->sigmask = host;
    }
    t->sigmask &= ~lu_unblockable;
    host_setmask(host_mask_of(t->sigmask), NULL);
    t->sigq.n = 0;
    t->forced_sig = 0;
    lu_current = t;
    return true;
}

void lu_signal_thread_exit(LuThread *t)
{
    stack_t ss = { .ss_flags = SS_DISABLE };
    uint64_t old = queue_lock();
    lu_current = NULL;
    sigaltstack(&ss, NULL);
    if (t->host_altstack)
        munmap(t->host_altstack, LU_ALTSTACK_SIZE);
    t->host_altstack = NULL;
    queue_unlock(old);
}

/* ---- Default actions ------------------------------------------------------------ */

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
    HostKSigaction dfl = { .handler = (uintptr_t)SIG_DFL };
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, (size_t)8);
    uint64_t unblock = lu_sig_bit(sig);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL, (size_t)8);
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

static LuSigaction action_of(LuProcess *p, int sig)
{
    pthread_mutex_lock(&p->sig_lock);
    LuSigaction ka = p->sigact[sig];
    pthread_mutex_unlock(&p->sig_lock);
    return ka;
}

static bool ignored(uint64_t handler, int sig)
{
    return handler == LU_SIG_IGN || (handler == LU_SIG_DFL && default_ignores(sig));
}

/* Queued signals that are unblocked and have no handler act now: Linux
 * would act on them before the guest runs another instruction. */
static void run_default_actions(LuThread *t)
{
    for (;;) {
        uint64_t ready = 0, old = queue_lock();
        for (uint32_t i = 0; i < t->sigq.n; i++) {
            int sig = t->sigq.e[i].sig;
            uint64_t h = action_of(t->proc, sig).handler;
            if (!(t->sigmask & lu_sig_bit(sig)) && (h == LU_SIG_DFL || h == LU_SIG_IGN))
                ready |= lu_sig_bit(sig);
        }
        LuSiginfo info;
        int sig = queue_take(&t->sigq, ready, &info);
        queue_unlock(old);
        if (!sig)
            return;
        if (action_of(t->proc, sig).handler == LU_SIG_DFL)
            take_default(t, sig);
    }
}

static void mirror_on_host(LuProcess *p, int sig, const LuSigaction *ka);

/* ---- Sending to ourselves ------------------------------------------------------- */

int64_t lu_signal_send_self(LuThread *t, int sig, const LuSiginfo *info)
{
    if (sig <= 0 || sig > LU_NSIG)
        return 0;
    LuSigaction ka = action_of(t->proc, sig);
    bool blocked = t->sigmask & lu_sig_bit(sig);
    if (!blocked && ignored(ka.handler, sig))
        return 0;
    if (!blocked && ka.handler == LU_SIG_DFL) {
        take_default(t, sig);
        return 0;
    }
    uint64_t old = queue_lock();
    bool ok = queue_push(&t->sigq, sig, info);
    if (ok && !blocked)
        t->sig_kick = 1;
    queue_unlock(old);
    return ok ? 0 : -EAGAIN;
}

void lu_signal_self(LuThread *t, int sig)
{
    LuSiginfo info = { .signo = sig, .code = LU_SI_TKILL };
    info.kill.pid = t->proc->pid;
    info.kill.uid = (uint32_t)getuid();
    lu_signal_send_self(t, sig, &info);
}

bool lu_signal_force(LuThread *t, const LuSiginfo *info)
{
    LuProcess *p = t->proc;
    int sig = info->signo;
    pthread_mutex_lock(&p->sig_lock);
    bool blocked = t->sigmask & lu_sig_bit(sig);
    if (blocked || p->sigact[sig].handler == LU_SIG_IGN) {
        p->sigact[sig].handler = LU_SIG_DFL;
        mirror_on_host(p, sig, &p->sigact[sig]);
    }
    bool handled = p->sigact[sig].handler != LU_SIG_DFL;
    pthread_mutex_unlock(&p->sig_lock);
    if (blocked)
        lu_signal_set_mask(t, t->sigmask & ~lu_sig_bit(sig));
    if (handled) {
        t->forced_sig = sig;
        t->forced_info = *info;
    }
    return handled;
}

uint64_t lu_signal_pending(LuThread *t)
{
    uint64_t host = 0;
    syscall(SYS_rt_sigpending, &host, (size_t)8);
    uint64_t old = queue_lock();
    uint64_t set = queue_set(&t->sigq);
    queue_unlock(old);
    return set | host;
}

int lu_signal_take(LuThread *t, uint64_t set, LuSiginfo *info)
{
    uint64_t old = queue_lock();
    int sig = queue_take(&t->sigq, set, info);
    queue_unlock(old);
    return sig;
}

uint64_t lu_signal_temp_mask(LuThread *t, uint64_t mask)
{
    t->saved_sigmask = t->sigmask;
    t->restore_sigmask = true;
    t->sigmask = mask & ~lu_unblockable;
    uint64_t old = queue_lock();
    if (queue_set(&t->sigq) & ~t->sigmask)
        t->sig_kick = 1;        /* already deliverable: do not block */
    queue_unlock(old);
    return host_mask_of(t->sigmask);
}

void lu_signal_end_temp_mask(LuThread *t, int64_t ret)
{
    if (ret == -EINTR || !t->restore_sigmask)
        return;
    t->restore_sigmask = false;
    t->sigmask = t->saved_sigmask;
}

int64_t lu_signal_suspend(LuThread *t, uint64_t mask)
{
    /* A signal from here on sets sig_kick, which lu_safe_syscall tests
     * atomically with entering the kernel. */
    uint64_t host = lu_signal_temp_mask(t, mask);
    lu_safe_syscall(SYS_rt_sigsuspend, &host, (size_t)8);
    return -EINTR;
}

int lu_segv_code(LuMem *m, uint64_t addr)
{
    if (addr >= LU_SPACE || !(m->pages[addr >> LU_PAGE_BITS] & LU_PAGE_VALID))
        return LU_SEGV_MAPERR;
    return LU_SEGV_ACCERR;
}

/* ---- Dispositions and masks ----------------------------------------------------- */

static void mirror_on_host(LuProcess *p, int sig, const LuSigaction *ka)
{
    if (host_owns(sig))
        return;
    uintptr_t h = ka->handler == LU_SIG_DFL ? (uintptr_t)SIG_DFL
                : ka->handler == LU_SIG_IGN ? (uintptr_t)SIG_IGN
                : (uintptr_t)host_async;
    uint64_t flags = ka->flags & (LU_SA_NOCLDSTOP | LU_SA_NOCLDWAIT);
    if (h == (uintptr_t)host_async)
        flags |= SA_SIGINFO | SA_ONSTACK;
    host_sigaction(p, sig, h, flags);
}

void lu_signal_set_mask(LuThread *t, uint64_t mask)
{
    t->sigmask = mask & ~lu_unblockable;
    host_setmask(host_mask_of(t->sigmask), NULL);
    run_default_actions(t);
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
    LuSigaction cur = action_of(p, sig);
    if (oact && lu_copy_to_guest(&p->mem, oact, &cur, sizeof(cur)))
        return -EFAULT;
    if (!act)
        return 0;
    nw.mask &= ~lu_unblockable;
    pthread_mutex_lock(&p->sig_lock);
    p->sigact[sig] = nw;
    mirror_on_host(p, sig, &nw);
    pthread_mutex_unlock(&p->sig_lock);
    if (ignored(nw.handler, sig)) {         /* pending ones are discarded */
        LuSiginfo info;
        while (lu_signal_take(t, lu_sig_bit(sig), &info))
            ;
    }
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
    if (set)
        lu_signal_set_mask(t, nw);
    return 0;
}

/* ---- Alternate signal stack ----------------------------------------------------- */

static bool on_altstack(const LuThread *t, uint64_t sp)
{
    return t->altstack_size && sp > t->altstack_sp &&
           sp - t->altstack_sp <= t->altstack_size;
}

void lu_altstack_get(const LuThread *t, LuStackT *out, uint64_t sp)
{
    memset(out, 0, sizeof(*out));
    out->sp = t->altstack_sp;
    out->size = t->altstack_size;
    out->flags = (int32_t)(!t->altstack_size ? SS_DISABLE
                           : on_altstack(t, sp) ? SS_ONSTACK : 0);
    out->flags |= (int32_t)(t->altstack_flags & SS_AUTODISARM);
}

/* do_sigaltstack: 0 or a negative errno. */
int lu_altstack_set(LuThread *t, const LuStackT *ss, uint64_t sp)
{
    if (on_altstack(t, sp))
        return -EPERM;
    uint32_t mode = (uint32_t)ss->flags & ~(uint32_t)SS_AUTODISARM;
    if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        t->altstack_sp = t->altstack_size = 0;
        t->altstack_flags = 0;
        return 0;
    }
    if (ss->size < LU_MINSIGSTKSZ)
        return -ENOMEM;
    t->altstack_sp = ss->sp;
    t->altstack_size = ss->size;
    t->altstack_flags = (uint32_t)ss->flags & SS_AUTODISARM;
    return 0;
}

int64_t lu_sys_sigaltstack_impl(LuThread *t, uint64_t ss, uint64_t old)
{
    LuMem *m = &t->proc->mem;
    uint64_t sp = ((A64CPU *)t->cpu)->sp;
    LuStackT nw, cur;
    lu_altstack_get(t, &cur, sp);
    if (ss && lu_copy_from_guest(m, &nw, ss, sizeof(nw)))
        return -EFAULT;
    int r = ss ? lu_altstack_set(t, &nw, sp) : 0;
    if (!r && old && lu_copy_to_guest(m, old, &cur, sizeof(cur)))
        return -EFAULT;
    return r;
}

/* ---- Delivery ------------------------------------------------------------------- */

/* Whether an unblocked signal is queued, without blocking host signals:
 * host_async only appends, and only on this thread. */
static bool queue_ready(const LuThread *t)
{
    uint32_t n = __atomic_load_n(&t->sigq.n, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    uint64_t set = 0;
    for (uint32_t i = 0; i < n; i++)
        set |= lu_sig_bit(t->sigq.e[i].sig);
    return set & ~t->sigmask;
}

static int take_deliverable(LuThread *t, LuSiginfo *info)
{
    int sig = t->forced_sig;
    if (sig) {
        *info = t->forced_info;
        t->forced_sig = 0;
        return sig;
    }
    return queue_ready(t) ? lu_signal_take(t, ~t->sigmask, info) : 0;
}

/* -strace: "--- SIGSEGV {si_signo=11, si_code=1, si_addr=0x10} ---" (or
 * si_pid and si_uid for a sent signal), as QEMU marks a delivery. */
static void strace_signal(LuThread *t, int sig, const LuSiginfo *info)
{
    const char *name = sigabbrev_np(sig);
    char num[16];
    if (!name) {
        snprintf(num, sizeof(num), "%d", sig);
        name = num;
    }
    fprintf(t->proc->log, "%d --- SIG%s {si_signo=%d, si_code=%d, ", (int)t->tid, name,
            info->signo, info->code);
    if (info->code <= 0)            /* sent by a process */
        fprintf(t->proc->log, "si_pid=%d, si_uid=%u} ---\n", info->kill.pid, info->kill.uid);
    else
        fprintf(t->proc->log, "si_addr=0x%llx} ---\n", (unsigned long long)info->addr);
    fflush(t->proc->log);
}

/* The kernel's restart decision once a handler is about to run. */
static void restart_for_handler(A64CPU *cpu, const LuSyscallRestart *r,
                                const LuSigaction *ka)
{
    if (r->kind == LU_RESTART_SYS && (ka->flags & LU_SA_RESTART)) {
        cpu->pc = r->svc_pc;
        cpu->x[0] = r->x0;
    }
}

/* After the frame: the handler's mask, and SA_RESETHAND. */
static void signal_delivered(LuThread *t, int sig, const LuSigaction *ka)
{
    uint64_t mask = t->sigmask | ka->mask;
    if (!(ka->flags & LU_SA_NODEFER))
        mask |= lu_sig_bit(sig);
    if (ka->flags & LU_SA_RESETHAND) {
        LuProcess *p = t->proc;
        pthread_mutex_lock(&p->sig_lock);
        p->sigact[sig].handler = LU_SIG_DFL;
        mirror_on_host(p, sig, &p->sigact[sig]);
        pthread_mutex_unlock(&p->sig_lock);
    }
    lu_signal_set_mask(t, mask);
}

/* A frame that cannot be written: SIGSEGV, which kills when it is the
 * signal that could not be delivered (force_sigsegv). */
void lu_signal_force_segv(LuThread *t, int sig)
{
    LuSiginfo info = { .signo = SIGSEGV, .code = LU_SI_KERNEL };
    if (sig == SIGSEGV || !lu_signal_force(t, &info))
        lu_die_by_signal(t, SIGSEGV);
}

void lu_signal_deliver(LuThread *t, const LuSyscallRestart *r)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    bool handled = false;
    t->sig_kick = 0;
    LuSiginfo info;
    int sig;
    while ((sig = take_deliverable(t, &info)) != 0) {
        LuSigaction ka = action_of(t->proc, sig);
        if (t->proc->strace)
            strace_signal(t, sig, &info);
        if (ka.handler == LU_SIG_IGN)
            continue;
        if (ka.handler == LU_SIG_DFL) {
            take_default(t, sig);
            continue;
        }
        if (r && !handled)
            restart_for_handler(cpu, r, &ka);
        /* rseq_signal_deliver: a critical section the pc is in is aborted
         * first, so the frame saves abort_ip; a bad area is a SIGSEGV after
         * this signal, as the kernel's frame still gets built. */
        if (!lu_rseq_notify(t, true))
            lu_signal_force_segv(t, sig);
        uint64_t saved = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
        if (!lu_frame_setup(t, sig, &ka, &info, saved)) {
            lu_signal_force_segv(t, sig);
            continue;
        }
        handled = true;
        t->restore_sigmask = false;
        signal_delivered(t, sig, &ka);
    }
    if (r && !handled && r->kind != LU_RESTART_NEVER) {
        cpu->pc = r->svc_pc;
        cpu->x[0] = r->x0;
    }
    if (t->restore_sigmask) {
        t->restore_sigmask = false;
        lu_signal_set_mask(t, t->saved_sigmask);
    }
}
