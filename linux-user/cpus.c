/* linux-user/cpus.c — the guest's CPUs: which CPU each guest thread runs on.
 *
 * rseq (rseq.c), getcpu and /proc/self/stat tell a guest thread the number
 * of the CPU it runs on, and per-CPU data (glibc's sched_getcpu users,
 * tcmalloc's and librseq's per-CPU caches) is only safe when no two threads
 * run on the same CPU number at the same time, and when that number is one
 * of the CPUs the guest can see.  Host CPU numbers cannot give that (two
 * host threads may read the same one), so tern emulates a machine with as
 * many CPUs as the guest sees: the CPUs of tern's affinity mask at start,
 * which is also what sched_getaffinity, /sys/devices/system/cpu and
 * /proc/cpuinfo report to the guest (they pass through or list the host's
 * online CPUs).  Each such CPU is a slot; a guest thread runs guest code
 * only while it holds one.
 *
 * So when guest threads outnumber the CPUs, not all of them run at once:
 * the rest wait, as on a real machine with that many CPUs.  Advertising
 * more CPUs instead would change what nproc, sysconf and thread-pool sizes
 * see (a guest would start more workers than the host can run), and
 * letting two threads share a number corrupts per-CPU data.
 *
 * Slots.  owner[i] is 0 (free), the owning LuThread, or the owner with
 * LU_SLOT_PARKED set while it is inside a syscall.  A thread parks at every
 * syscall (one CAS) and unparks when it returns (one CAS); a thread that
 * needs a slot may take a free one or steal a parked one, so a thread
 * blocked in read() or futex() never holds a CPU.  The owner finds its
 * slot stolen when its unpark CAS fails and waits for another.
 *
 * Waiting is first come, first served (tickets under lock).  A waiter that
 * has waited LU_CPU_SLICE_NS asks a running owner (round robin) to yield:
 * its exit_request makes it leave translated code at the next TB entry and
 * lu_cpu_claim() gives the slot up and queues behind.  That is the
 * preemption a kernel does, and it keeps guests that spin-wait for a
 * descheduled thread making progress.
 *
 * Migration.  A thread that got a slot in the slow path (its slot was
 * stolen, it yielded, or it is new) may now run on another CPU, and another
 * thread may have run on its CPU meanwhile: rseq.c then aborts a critical
 * section it was in and writes the new CPU number, as the kernel does after
 * preemption or migration.  A thread that keeps its slot keeps its number
 * and needs neither.
 *
 * Locks: lock is a leaf (taken with nothing else held, or under
 * process.c's fork locks).  A LuThread found in owner[] under lock is
 * alive: threads release their slot under lock before they are freed.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LU_SLOT_PARKED  ((uintptr_t)1)
#define LU_CPU_SLICE_NS (2 * 1000 * 1000)

static uintptr_t slot_load(LuCpus *c, int i)
{
    return __atomic_load_n(&c->owner[i], __ATOMIC_ACQUIRE);
}

static bool slot_cas(LuCpus *c, int i, uintptr_t from, uintptr_t to)
{
    return __atomic_compare_exchange_n(&c->owner[i], &from, to, false,
                                       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* ---- Set-up --------------------------------------------------------------- */

bool lu_cpus_init(LuProcess *p)
{
    LuCpus *c = &p->cpus;
    cpu_set_t set;
    int n = 0;
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        n = CPU_COUNT(&set);
    if (n <= 0) {               /* no mask: one CPU, number 0 */
        CPU_ZERO(&set);
        CPU_SET(0, &set);
        n = 1;
    }
    c->cpu = calloc((size_t)n, sizeof(*c->cpu));
    c->owner = calloc((size_t)n, sizeof(*c->owner));
    if (!c->cpu || !c->owner) {
        free(c->cpu);
        free(c->owner);
        errno = ENOMEM;
        return false;
    }
    c->n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && c->n < (uint32_t)n; cpu++)
        if (CPU_ISSET(cpu, &set))
            c->cpu[c->n++] = (uint32_t)cpu;
    pthread_mutex_init(&c->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    c->next_ticket = c->serving = 0;
    c->waiting = 0;
    c->victim = 0;
    c->fence_pending = 0;
    return true;
}

void lu_cpus_destroy(LuProcess *p)
{
    LuCpus *c = &p->cpus;
    free(c->cpu);
    free(c->owner);
    c->cpu = NULL;
    c->owner = NULL;
    c->n = 0;
}

void lu_cpus_fork_child(LuThread *t)
{
    LuCpus *c = &t->proc->cpus;
    pthread_mutex_init(&c->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    for (uint32_t i = 0; i < c->n; i++)
        c->owner[i] = 0;
    /* The forking thread is the whole process and keeps its CPU (it is
     * inside the fork syscall, so parked). */
    if (t->cpu_slot >= 0)
        c->owner[t->cpu_slot] = (uintptr_t)t | LU_SLOT_PARKED;
    c->next_ticket = c->serving = 0;
    c->waiting = 0;
    c->victim = 0;
    c->fence_pending = 0;
    t->rseq_fence = 0;
}

/* ---- The slow path ------------------------------------------------------ */

/* A free slot, else a parked one (stolen); the thread's previous slot
 * first, so that it does not migrate without need.  -1 when all run. */
/* Whether t may run on slot i (its affinity allows the slot's CPU). */
static bool allowed(const LuCpus *c, const LuThread *t, int i)
{
    return !t->affinity || CPU_ISSET_S(c->cpu[i], CPU_ALLOC_SIZE(CPU_SETSIZE), t->affinity);
}

static bool try_slot(LuCpus *c, LuThread *t, int i, uintptr_t from)
{
    return allowed(c, t, i) && slot_cas(c, i, from, (uintptr_t)t);
}

static int grab_slot(LuCpus *c, LuThread *t)
{
    int prev = t->cpu_slot;
    if (prev >= 0 && try_slot(c, t, prev, 0))
        return prev;
    for (uint32_t i = 0; i < c->n; i++)
        if (try_slot(c, t, (int)i, 0))
            return (int)i;
    uintptr_t o;
    if (prev >= 0 && ((o = slot_load(c, prev)) & LU_SLOT_PARKED) && try_slot(c, t, prev, o))
        return prev;
    for (uint32_t i = 0; i < c->n; i++)
        if (((o = slot_load(c, (int)i)) & LU_SLOT_PARKED) && try_slot(c, t, (int)i, o))
            return (int)i;
    return -1;
}

/* Asks one running owner other than t, of a slot t may use, to give it
 * up.  Under lock. */
static void request_yield(LuCpus *c, LuThread *t)
{
    for (uint32_t k = 0; k < c->n; k++) {
        uint32_t i = (c->victim + k) % c->n;
        uintptr_t o = slot_load(c, (int)i);
        if (!o || (o & LU_SLOT_PARKED) || o == (uintptr_t)t || !allowed(c, t, (int)i))
            continue;
        LuThread *v = (LuThread *)o;
        __atomic_store_n(&v->cpu_yield, 1, __ATOMIC_RELEASE);
        if (v->cpu)
            v->cpu->exit_request = 1;
        c->victim = i + 1;
        return;
    }
}

static void deadline_in(struct timespec *ts, long ns)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_nsec += ns;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Waits for a slot in ticket order; t holds none.  Under lock. */
static int wait_for_slot(LuCpus *c, LuThread *t)
{
    uint64_t ticket = c->next_ticket++;
    __atomic_fetch_add(&c->waiting, 1, __ATOMIC_ACQ_REL);
    int slot;
    for (;;) {
        if (ticket == c->serving && (slot = grab_slot(c, t)) >= 0)
            break;
        struct timespec ts;
        deadline_in(&ts, LU_CPU_SLICE_NS);
        if (pthread_cond_timedwait(&c->cv, &c->lock, &ts) == ETIMEDOUT &&
            ticket == c->serving)
            request_yield(c, t);
    }
    c->serving++;
    __atomic_fetch_sub(&c->waiting, 1, __ATOMIC_ACQ_REL);
    pthread_cond_broadcast(&c->cv);
    return slot;
}

/* Gives t's slot up (it is running or parked, or already stolen).  Under
 * lock. */
static void release_slot(LuCpus *c, LuThread *t)
{
    uintptr_t me = (uintptr_t)t;
    if (t->cpu_slot >= 0 && !slot_cas(c, t->cpu_slot, me, 0))
        slot_cas(c, t->cpu_slot, me | LU_SLOT_PARKED, 0);
    pthread_cond_broadcast(&c->cv);
}

/* ---- The thread's side ---------------------------------------------------- */

bool lu_cpu_claim(LuThread *t)
{
    LuCpus *c = &t->proc->cpus;
    uintptr_t me = (uintptr_t)t;
    int s = t->cpu_slot;
    bool yield = __atomic_load_n(&t->cpu_yield, __ATOMIC_ACQUIRE);
    if (s >= 0 && !yield && (slot_load(c, s) == me || slot_cas(c, s, me | LU_SLOT_PARKED, me)))
        return false;
    pthread_mutex_lock(&c->lock);
    if (yield) {
        __atomic_store_n(&t->cpu_yield, 0, __ATOMIC_RELEASE);
        release_slot(c, t);
    }
    bool had = s >= 0;
    s = wait_for_slot(c, t);
    pthread_mutex_unlock(&c->lock);
    t->cpu_slot = s;
    __atomic_store_n(&t->cpu_id, c->cpu[s], __ATOMIC_RELEASE);
    return had;
}

void lu_cpu_park(LuThread *t)
{
    LuCpus *c = &t->proc->cpus;
    uintptr_t me = (uintptr_t)t;
    if (t->cpu_slot < 0 || !slot_cas(c, t->cpu_slot, me, me | LU_SLOT_PARKED))
        return;
    if (__atomic_load_n(&c->waiting, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&c->lock);
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->lock);
    }
}

void lu_cpu_release(LuThread *t)
{
    LuCpus *c = &t->proc->cpus;
    lu_cpu_take_fence(t);       /* a fence waiting for a thread that leaves */
    if (t->cpu_slot < 0 || !c->owner)
        return;
    pthread_mutex_lock(&c->lock);
    release_slot(c, t);
    pthread_mutex_unlock(&c->lock);
    t->cpu_slot = -1;
}

/* ---- membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ) ---------------------- */

/* Every other thread running guest code (on CPU cpu, or any when cpu < 0)
 * leaves translated code and aborts the rseq critical section it is in
 * before it runs guest code again; returns once each has taken note
 * (lu_cpu_take_fence).  Parked and waiting threads need nothing: they run
 * the fixup when they get a CPU back, and a syscall is never inside a
 * critical section. */
void lu_cpus_rseq_fence(LuThread *t, int64_t cpu)
{
    LuCpus *c = &t->proc->cpus;
    int32_t kicked = 0;
    pthread_mutex_lock(&c->lock);
    for (uint32_t i = 0; i < c->n; i++) {
        uintptr_t o = slot_load(c, (int)i);
        if (!o || (o & LU_SLOT_PARKED) || o == (uintptr_t)t ||
            (cpu >= 0 && (int64_t)c->cpu[i] != cpu))
            continue;
        LuThread *v = (LuThread *)o;
        if (!__atomic_exchange_n(&v->rseq_fence, 1, __ATOMIC_ACQ_REL))
            kicked++;
        if (v->cpu)
            v->cpu->exit_request = 1;
    }
    __atomic_fetch_add(&c->fence_pending, kicked, __ATOMIC_ACQ_REL);
    pthread_mutex_unlock(&c->lock);
    while (__atomic_load_n(&c->fence_pending, __ATOMIC_ACQUIRE) > 0)
        sched_yield();
}

bool lu_cpu_take_fence(LuThread *t)
{
    /* A plain load first: the cpu loop asks at every round. */
    if (!__atomic_load_n(&t->rseq_fence, __ATOMIC_ACQUIRE) ||
        !__atomic_exchange_n(&t->rseq_fence, 0, __ATOMIC_ACQ_REL))
        return false;
    __atomic_fetch_sub(&t->proc->cpus.fence_pending, 1, __ATOMIC_ACQ_REL);
    return true;
}

/* ---- sched_setaffinity ---------------------------------------------------- */

bool lu_cpu_set_affinity(LuThread *t, const void *mask, size_t size)
{
    LuCpus *c = &t->proc->cpus;
    size_t full = CPU_ALLOC_SIZE(CPU_SETSIZE);
    cpu_set_t *set = t->affinity ? t->affinity : calloc(1, full);
    if (!set)
        return false;
    memset(set, 0, full);
    memcpy(set, mask, size < full ? size : full);
    bool any = false;
    for (uint32_t i = 0; i < c->n && !any; i++)
        any = CPU_ISSET_S(c->cpu[i], full, set);
    if (!any) {                 /* none of the guest's CPUs: no constraint */
        free(set);
        t->affinity = NULL;
        return true;
    }
    t->affinity = set;
    if (t->cpu_slot >= 0 && !allowed(c, t, t->cpu_slot))
        __atomic_store_n(&t->cpu_yield, 1, __ATOMIC_RELEASE);   /* migrate */
    return true;
}
