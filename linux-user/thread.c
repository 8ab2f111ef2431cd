/* linux-user/thread.c — guest threads: clone, exit, exit_group, the tid
 * addresses, the robust list and futexes.
 *
 * A guest thread is a host pthread running lu_cpu_loop() on its own CPU, a
 * copy of its creator's with x0 = 0, the new SP and TPIDR_EL0 = tls; its
 * guest tid is its host tid.  Guest memory is host memory (one mapping, one
 * process), so a guest futex is a host futex on the same word and the tid
 * words that CLONE_*_SETTID / CLEARTID name are plain host words too.
 *
 * Creation is a handshake: the parent blocks every host signal, starts the
 * host thread and waits on a semaphore; the child learns its tid, calls
 * lu_signal_init() (per-thread handler context and alternate stack) with
 * the signals still blocked, writes the tid words, posts, and only then
 * takes the guest's signal mask.  So clone() returns with the tid already
 * stored, as Linux does, and no host signal reaches a half-made thread.
 *
 * Exit.  `exit` ends one thread: its clear_child_tid word is zeroed and
 * futex-woken (what pthread_join waits for), its CPU unregistered and
 * freed.  The last thread to leave ends the process with its status, as
 * Linux does.  `exit_group` ends the process at once: the logs are flushed
 * and the host process exits, which stops every other host thread wherever
 * it is (generated code, a blocking syscall) — the kernel does the
 * stopping.  Only when main.c's thread is alone does the cpu loop return
 * normally, so a single-threaded guest tears down exactly as before.
 * LuProcess.extra_threads (live threads - 1, atomic) decides "last".
 *
 * clone3 is not implemented (-ENOSYS, from syscalls.def having no row):
 * glibc then falls back to clone, which carries everything it needs.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

#define MEM(t) (&(t)->proc->mem)

/* What pthread_create's clone carries (glibc); CLONE_SYSVSEM and the
 * optional ones may or may not be there. */
#define LU_CLONE_THREAD_NEEDED  (CLONE_VM | CLONE_FS | CLONE_FILES | \
                                 CLONE_SIGHAND | CLONE_THREAD)
#define LU_CLONE_THREAD_OPTIONAL (CLONE_SYSVSEM | CLONE_SETTLS | \
                                  CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
                                  CLONE_CHILD_SETTID | CLONE_DETACHED)

static pid_t host_gettid(void)
{
    return (pid_t)syscall(SYS_gettid);
}

/* ---- Creation ------------------------------------------------------------- */

typedef struct LuThreadStart {
    LuThread *t;
    uint64_t flags, ptid, ctid;
    sigset_t mask;              /* the host mask to run the guest with */
    sem_t ready;
    pid_t tid;                  /* out: the new tid, or 0 */
    int err;                    /* out: errno when the thread could not start */
} LuThreadStart;

/* A copy of the creator's CPU, registered with exec; NULL when out of memory. */
static A64CPU *clone_cpu(LuThread *parent, LuThread *t)
{
    const GuestArch *arch = exec_arch(parent->proc->exec);
    size_t size = (arch->cpu_size + 63) & ~(size_t)63;
    A64CPU *cpu = aligned_alloc(64, size);
    if (!cpu)
        return NULL;
    memcpy(cpu, parent->cpu, arch->cpu_size);
    exec_cpu_init(parent->proc->exec, &cpu->common);
    cpu->common.opaque = t;
    cpu->excl_addr = UINT64_MAX;
    t->cpu = &cpu->common;
    return cpu;
}

/* On the thread's own host thread once it has left the guest for good, or
 * on its creator when it never started.  Host signals are blocked first:
 * signal.c's handler would find this LuThread through lu_current. */
static void thread_free(LuThread *t)
{
    sigset_t all;
    sigfillset(&all);
    if (t->tid)
        pthread_sigmask(SIG_BLOCK, &all, NULL);
    if (t->cpu) {
        exec_cpu_destroy(t->proc->exec, t->cpu);
        free(t->cpu);
    }
    free(t->affinity);
    free(t);
}

static void put_tid(LuThread *t, uint64_t addr, pid_t tid)
{
    uint32_t v = (uint32_t)tid;
    /* Linux ignores a bad pointer here too (put_user's result is dropped). */
    (void)lu_copy_to_guest(MEM(t), addr, &v, sizeof(v));
}

static void *thread_main(void *arg)
{
    LuThreadStart *s = arg;
    LuThread *t = s->t;
    uint64_t guest_mask = t->sigmask;
    sigset_t mask = s->mask;
    t->tid = host_gettid();
    if (!lu_signal_init(t)) {
        s->err = errno ? errno : EAGAIN;
        __atomic_fetch_sub(&t->proc->extra_threads, 1, __ATOMIC_ACQ_REL);
        sem_post(&s->ready);
        thread_free(t);
        return NULL;
    }
    t->sigmask = guest_mask;    /* lu_signal_init saw every signal blocked */
    if (s->flags & CLONE_CHILD_SETTID)
        put_tid(t, s->ctid, t->tid);
    if (s->flags & CLONE_PARENT_SETTID)
        put_tid(t, s->ptid, t->tid);
    s->tid = t->tid;
    sem_post(&s->ready);        /* s is the parent's: not touched after this */
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    lu_cpu_loop(t);
    lu_cpu_release(t);
    lu_signal_thread_exit(t);
    thread_free(t);
    return NULL;
}

static int start_host_thread(LuThreadStart *s)
{
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all;
    sigfillset(&all);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_sigmask(SIG_SETMASK, &all, &s->mask);
    int rc = pthread_create(&th, &attr, thread_main, s);
    pthread_sigmask(SIG_SETMASK, &s->mask, NULL);
    pthread_attr_destroy(&attr);
    if (rc)
        return rc;
    while (sem_wait(&s->ready) && errno == EINTR)
        continue;
    return s->err;
}

static int64_t clone_thread(LuThread *parent, uint64_t flags, uint64_t newsp,
                            uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    if ((flags & LU_CLONE_THREAD_NEEDED) != LU_CLONE_THREAD_NEEDED ||
        (flags & ~(uint64_t)(LU_CLONE_THREAD_NEEDED | LU_CLONE_THREAD_OPTIONAL | CSIGNAL)))
        return -EINVAL;
    LuThread *t = calloc(1, sizeof(*t));
    A64CPU *cpu = t ? clone_cpu(parent, t) : NULL;
    if (!cpu) {
        free(t);
        return -ENOMEM;
    }
    t->proc = parent->proc;
    t->is_clone = true;
    t->cpu_slot = -1;           /* and no rseq registration, as Linux */
    if (parent->affinity && !lu_cpu_set_affinity(t, parent->affinity,
                                                 CPU_ALLOC_SIZE(CPU_SETSIZE))) {
        thread_free(t);
        return -ENOMEM;
    }
    t->sigmask = parent->sigmask;
    t->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? ctid : 0;
    cpu->x[0] = 0;
    if (newsp)
        cpu->sp = newsp;
    if (flags & CLONE_SETTLS)
        cpu->tpidr_el0 = tls;

    LuThreadStart s = { .t = t, .flags = flags, .ptid = ptid, .ctid = ctid };
    sem_init(&s.ready, 0, 0);
    __atomic_store_n(&parent->proc->cloned, true, __ATOMIC_RELEASE);
    __atomic_fetch_add(&parent->proc->extra_threads, 1, __ATOMIC_ACQ_REL);
    int rc = start_host_thread(&s);
    sem_destroy(&s.ready);
    if (rc == 0)
        return s.tid;
    if (!s.err) {               /* pthread_create failed: t is still ours */
        __atomic_fetch_sub(&parent->proc->extra_threads, 1, __ATOMIC_ACQ_REL);
        thread_free(t);
    }
    return rc == ENOMEM ? -ENOMEM : -EAGAIN;
}

/* arm64's clone argument order: flags, newsp, parent_tid, tls, child_tid. */
int64_t lu_sys_clone(LuThread *t, const uint64_t *a)
{
    uint64_t flags = a[0];
    /* vfork is a fork: the child runs on a copy of memory, so the parent
     * has nothing to wait for (as qemu-user does). */
    if (flags & CLONE_VFORK)
        flags &= ~(uint64_t)(CLONE_VFORK | CLONE_VM);
    if (flags & CLONE_VM)
        return clone_thread(t, flags, a[1], a[2], a[3], a[4]);
    return lu_fork(t, flags, a[1], a[2], a[3], a[4]);
}

/* ---- Exit ------------------------------------------------------------------- */

void lu_process_exit(LuThread *t, int status)
{
    LuProcess *p = t->proc;
    if (!t->is_clone && !__atomic_load_n(&p->cloned, __ATOMIC_ACQUIRE)) {
        t->exited = true;
        t->exit_status = status;
        return;
    }
    /* Threads were started: one that has left the guest may still be
     * freeing its CPU in exec, so main.c must not free the Exec under it.
     * Flush every stream (log, perf map, stdio) and end them all. */
    exec_print_stats(p->exec);
    fflush(NULL);
    syscall(SYS_exit_group, status);
    _exit(status);
}

/* What the kernel does for CLONE_CHILD_CLEARTID when a thread dies. */
static void clear_child_tid(LuThread *t)
{
    if (!t->clear_child_tid)
        return;
    uint32_t zero = 0;
    if (lu_copy_to_guest(MEM(t), t->clear_child_tid, &zero, sizeof(zero)) == 0)
        syscall(SYS_futex, lu_g2h(MEM(t), t->clear_child_tid), FUTEX_WAKE,
                1, NULL, NULL, 0);
    t->clear_child_tid = 0;
}

int64_t lu_sys_exit(LuThread *t, const uint64_t *a)
{
    int status = (int)(a[0] & 0xff);
    LuProcess *p = t->proc;
    if (__atomic_fetch_sub(&p->extra_threads, 1, __ATOMIC_ACQ_REL) == 0) {
        __atomic_store_n(&p->extra_threads, 0, __ATOMIC_RELEASE);
        lu_process_exit(t, status);
        return 0;
    }
    clear_child_tid(t);
    if (t->is_clone) {
        t->exited = true;       /* thread_main frees it */
        t->exit_status = status;
        return 0;
    }
    /* main.c's thread leaves while others run: its frames must stay (its
     * LuThread lives there) and main() must not return, so the host thread
     * just ends; the last guest thread ends the process. */
    exec_cpu_destroy(p->exec, t->cpu);
    lu_cpu_release(t);
    lu_signal_thread_exit(t);
    fflush(p->log);
    pthread_exit(NULL);
}

int64_t lu_sys_exit_group(LuThread *t, const uint64_t *a)
{
    lu_process_exit(t, (int)(a[0] & 0xff));
    return 0;
}

int64_t lu_sys_set_tid_address(LuThread *t, const uint64_t *a)
{
    t->clear_child_tid = a[0];
    return t->tid;
}

/* Stored per thread and not walked at exit: a robust mutex held by a dying
 * thread is not marked OWNER_DIED (qemu-user does not either). */
int64_t lu_sys_set_robust_list(LuThread *t, const uint64_t *a)
{
    if (a[1] != 24)             /* sizeof(struct robust_list_head) */
        return -EINVAL;
    t->robust_list = a[0];
    t->robust_len = a[1];
    return 0;
}

/* ---- futex ------------------------------------------------------------------ */

/* The timeout argument of a waiting op is a struct timespec, whose layout
 * is the same on both ABIs (syscall-proc.c pins it); NULL waits forever.
 * For the other ops that slot carries a number (val2), passed as is. */
static bool futex_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
           cmd == FUTEX_WAIT_REQUEUE_PI || cmd == 13 /* FUTEX_LOCK_PI2 */;
}

static bool futex_has_uaddr2(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_WAKE_OP ||
           cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI;
}

static bool futex_known(int cmd)
{
    return (cmd >= FUTEX_WAIT && cmd <= FUTEX_CMP_REQUEUE_PI && cmd != 2 /* FD */)
           || cmd == 13;
}

/* Every op passes through to the host futex on the guest word's host
 * address: the waiters are host threads of this process (or, for shared
 * futexes, of processes mapping the same memory).  The PI ops work too:
 * the owner tid in the word is a host tid.  The PRIVATE and CLOCK_REALTIME
 * flags have the same values and meaning. */
int64_t lu_sys_futex(LuThread *t, const uint64_t *a)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    if (!futex_known(cmd))
        return -ENOSYS;
    if (!lu_access_ok(MEM(t), a[0], 4, PROT_READ))
        return -EFAULT;
    void *uaddr = lu_g2h(MEM(t), a[0]), *uaddr2 = NULL;
    uintptr_t timeout = (uintptr_t)a[3];
    if (futex_has_timeout(cmd) && a[3]) {
        if (!lu_access_ok(MEM(t), a[3], 16, PROT_READ))
            return -EFAULT;
        timeout = (uintptr_t)lu_g2h(MEM(t), a[3]);
    }
    if (futex_has_uaddr2(cmd)) {
        if (!lu_access_ok(MEM(t), a[4], 4, PROT_READ))
            return -EFAULT;
        uaddr2 = lu_g2h(MEM(t), a[4]);
    }
    return lu_host_ret(lu_safe_syscall(SYS_futex, uaddr, op, (uint32_t)a[2], timeout,
                               uaddr2, (uint32_t)a[5]));
}
