/* rseq(2) with the program's own registration (glibc's is switched off by
 * the tunable): the kernel's argument checks (EINVAL, EBUSY, EPERM), the
 * cpu id it keeps in the area agreeing with getcpu and sched_getcpu and
 * with the CPUs sched_getaffinity reports; a critical section looping until
 * SIGALRM interrupts it, which must resume at abort_ip with rseq_cs
 * cleared before the handler runs; a descriptor with a bad signature,
 * which makes the signal's delivery fail with a SIGSEGV that kills even
 * with a handler (in a child); fork's
 * child keeping the registration; and 8 threads incrementing per-CPU
 * counters with rseq critical sections, whose total is exact only if no
 * two running threads share a cpu id and preempted sections are aborted;
 * membarrier's PRIVATE_EXPEDITED_RSEQ aborting another thread's section.
 * QEMU-DEVIATION: qemu-aarch64 7.2 refuses rseq (ENOSYS)
 * RUN-ENV: GLIBC_TUNABLES=glibc.pthread.rseq=0 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef AT_RSEQ_FEATURE_SIZE    /* Linux 6.3's, newer than the guest headers */
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN        28
#endif

#define SIG 0xd428bc00u         /* any 32-bit value: ours */
#define NTHREADS 8
#define INCS 20000

struct rseq_area {
    uint32_t cpu_id_start, cpu_id;
    uint64_t rseq_cs;
    uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));

struct rseq_cs {
    uint32_t version, flags;
    uint64_t start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32)));

/* spin_cs: sets rseq_cs (x0 = area, x1 = descriptor), then loops inside
 * the critical section until something moves the pc; abort_ip returns 1.
 * bad_cs: the same loop, but its abort_ip is not preceded by SIG.
 * inc_cs: counts[cpu_id_start]++ committed by the store, retried from the
 * start on abort (x0 = area, x1 = descriptor, x2 = counts). */
extern char spin_start[], spin_end[], spin_abort[];
extern char bad_start[], bad_end[], bad_abort[];
extern char inc_start[], inc_end[], inc_abort[];
long spin_cs(struct rseq_area *a, struct rseq_cs *d);
long bad_cs(struct rseq_area *a, struct rseq_cs *d);
void inc_cs(struct rseq_area *a, struct rseq_cs *d, uint64_t *counts);
__asm__(
    ".text\n"
    ".globl spin_cs\n"
    "spin_cs:\n"
    "    str x1, [x0, #8]\n"
    ".globl spin_start\n"
    "spin_start:\n"
    "    b spin_start\n"
    ".globl spin_end\n"
    "spin_end:\n"
    "    mov x0, #0\n"
    "    ret\n"
    "    .word 0xd428bc00\n"
    ".globl spin_abort\n"
    "spin_abort:\n"
    "    mov x0, #1\n"
    "    ret\n"
    ".globl bad_cs\n"
    "bad_cs:\n"
    "    str x1, [x0, #8]\n"
    ".globl bad_start\n"
    "bad_start:\n"
    "    b bad_start\n"
    ".globl bad_end\n"
    "bad_end:\n"
    "    mov x0, #0\n"
    "    ret\n"
    "    .word 0x12345678\n"
    ".globl bad_abort\n"
    "bad_abort:\n"
    "    mov x0, #1\n"
    "    ret\n"
    ".globl inc_cs\n"
    "inc_cs:\n"
    "    str x1, [x0, #8]\n"
    ".globl inc_start\n"
    "inc_start:\n"
    "    ldr w3, [x0]\n"
    "    ldr x4, [x2, x3, lsl #3]\n"
    "    add x4, x4, #1\n"
    "    str x4, [x2, x3, lsl #3]\n"
    ".globl inc_end\n"
    "inc_end:\n"
    "    ret\n"
    "    .word 0xd428bc00\n"
    ".globl inc_abort\n"
    "inc_abort:\n"
    "    b inc_cs\n");

static long sys_rseq(void *area, uint32_t len, int flags, uint32_t sig)
{
    return syscall(SYS_rseq, area, len, flags, sig);
}

static void desc(struct rseq_cs *d, char *start, char *end, char *abort_ip)
{
    memset(d, 0, sizeof(*d));
    d->start_ip = (uintptr_t)start;
    d->post_commit_offset = (uintptr_t)(end - start);
    d->abort_ip = (uintptr_t)abort_ip;
}

static int errno_of(long r)
{
    return r == -1 ? errno : 0;
}

static struct rseq_area main_area;
static cpu_set_t visible;

/* ---- Registration -------------------------------------------------------- */

static void registration(void)
{
    static struct rseq_area other;
    static char raw[96] __attribute__((aligned(32)));
    printf("feature size %lu, align %lu\n", getauxval(AT_RSEQ_FEATURE_SIZE),
           getauxval(AT_RSEQ_ALIGN));
    printf("len 16: %s\n", strerror(errno_of(sys_rseq(&main_area, 16, 0, SIG))));
    printf("misaligned: %s\n", strerror(errno_of(sys_rseq(raw + 8, 32, 0, SIG))));
    printf("len 64 misaligned: %s\n", strerror(errno_of(sys_rseq(raw + 16, 64, 0, SIG))));
    printf("flags 2: %s\n", strerror(errno_of(sys_rseq(&main_area, 32, 2, SIG))));
    printf("unregister unregistered: %s\n",
           strerror(errno_of(sys_rseq(&main_area, 32, 1, SIG))));
    main_area.cpu_id = 0xdeadbeef;
    long reg = sys_rseq(&main_area, 32, 0, SIG);
    printf("register: %ld\n", reg);
    if (reg) {      /* e.g. glibc registered first: the sections would spin */
        printf("registration refused (%s): stopping\n", strerror(errno_of(reg)));
        exit(1);
    }
    printf("again: %s\n", strerror(errno_of(sys_rseq(&main_area, 32, 0, SIG))));
    printf("other sig: %s\n", strerror(errno_of(sys_rseq(&main_area, 32, 0, SIG + 1))));
    printf("other area: %s\n", strerror(errno_of(sys_rseq(&other, 32, 0, SIG))));
    printf("unregister other sig: %s\n",
           strerror(errno_of(sys_rseq(&main_area, 32, 1, SIG + 1))));
    printf("unregister other len: %s\n",
           strerror(errno_of(sys_rseq(&main_area, 64, 1, SIG))));
    printf("unregister flags 3: %s\n", strerror(errno_of(sys_rseq(&main_area, 32, 3, SIG))));
}

static void cpu_ids(void)
{
    unsigned cpu = ~0u, node = ~0u;
    long r = syscall(SYS_getcpu, &cpu, &node, NULL);
    printf("cpu_id_start == cpu_id: %d\n", main_area.cpu_id_start == main_area.cpu_id);
    printf("getcpu: %ld, agrees: %d, node %u\n", r, cpu == main_area.cpu_id, node);
    printf("sched_getcpu agrees: %d\n", sched_getcpu() == (int)main_area.cpu_id);
    printf("visible: %d\n", CPU_ISSET(main_area.cpu_id, &visible));
    printf("mm_cid below cpu count: %d\n", (int)main_area.mm_cid < CPU_COUNT(&visible));
}

/* ---- Critical sections and signals --------------------------------------- */

static volatile uint64_t seen_cs = 1, seen_pc;

static void on_alarm(int sig, siginfo_t *si, void *ucv)
{
    (void)sig; (void)si;
    ucontext_t *uc = ucv;
    seen_cs = main_area.rseq_cs;
    seen_pc = uc->uc_mcontext.pc;
}

static void on_segv(int sig)
{
    (void)sig;
    _exit(42);          /* never runs: delivering SIGSEGV fails the same way */
}

/* Periodic: a SIGALRM that lands before the section starts is not the
 * last one.  0 disarms. */
static void arm_timer(long usec)
{
    struct itimerval it = { .it_value = { 0, usec }, .it_interval = { 0, usec } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void critical_sections(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGALRM, &sa, NULL);
    signal(SIGSEGV, on_segv);

    static struct rseq_cs spin, bad;
    desc(&spin, spin_start, spin_end, spin_abort);
    arm_timer(20000);
    long r = spin_cs(&main_area, &spin);
    arm_timer(0);
    printf("spin: returned %ld, handler saw rseq_cs %llu, pc at abort_ip %d\n", r,
           (unsigned long long)seen_cs, seen_pc == (uintptr_t)spin_abort);
    printf("rseq_cs after: %llu\n", (unsigned long long)main_area.rseq_cs);

    /* The kernel cannot deliver any signal while rseq_cs is bad: the
     * SIGSEGV it forces fails the same way and kills, handler or not. */
    desc(&bad, bad_start, bad_end, bad_abort);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        arm_timer(20000);
        bad_cs(&main_area, &bad);
        _exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("bad signature: killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    main_area.rseq_cs = 0;
}

/* ---- fork ----------------------------------------------------------------- */

static void forked(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* Still registered: the same area and signature are EBUSY. */
        int busy = errno_of(sys_rseq(&main_area, 32, 0, SIG)) == EBUSY;
        unsigned cpu = ~0u;
        syscall(SYS_getcpu, &cpu, NULL, NULL);
        printf("child: registered %d, cpu id agrees %d\n", busy, cpu == main_area.cpu_id);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WEXITSTATUS(st));
}

/* ---- Per-CPU counters ----------------------------------------------------- */

static uint64_t counts[CPU_SETSIZE];
static volatile int bad_ids;

static void *counter(void *arg)
{
    (void)arg;
    static __thread struct rseq_area area;
    struct rseq_cs d;
    desc(&d, inc_start, inc_end, inc_abort);
    if (sys_rseq(&area, 32, 0, SIG))
        return (void *)1;
    for (int i = 0; i < INCS; i++) {
        inc_cs(&area, &d, counts);
        if (!CPU_ISSET(area.cpu_id, &visible))
            bad_ids = 1;
        if (i % 1000 == 0)
            sched_yield();
    }
    area.rseq_cs = 0;
    return sys_rseq(&area, 32, 1, SIG) ? (void *)1 : NULL;
}

static void per_cpu_counters(void)
{
    pthread_t th[NTHREADS];
    int failed = 0;
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, counter, NULL);
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(th[i], &r);
        failed += r != NULL;
    }
    uint64_t total = 0;
    for (int i = 0; i < CPU_SETSIZE; i++)
        total += counts[i];
    printf("threads: %d failed, ids visible %d, total %llu of %d\n", failed, !bad_ids,
           (unsigned long long)total, NTHREADS * INCS);
}

/* ---- membarrier ------------------------------------------------------------ */

static volatile int spinner_done;

/* Spins inside a critical section until something aborts it. */
static void *spinner(void *arg)
{
    (void)arg;
    static __thread struct rseq_area area;
    struct rseq_cs d;
    desc(&d, spin_start, spin_end, spin_abort);
    if (sys_rseq(&area, 32, 0, SIG)) {
        spinner_done = 1;       /* no section to abort: don't leave main waiting */
        return NULL;
    }
    long r = spin_cs(&area, &d);
    spinner_done = 1;
    sys_rseq(&area, 32, 1, SIG);
    return (void *)r;
}

/* MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ aborts the other threads'
 * critical sections; repeated until the spinner has entered its section
 * and left through abort_ip. */
static void membarrier_fence(void)
{
    pthread_t th;
    void *r;
    long reg = syscall(SYS_membarrier, 1 << 8, 0, 0);  /* REGISTER_..._RSEQ */
    pthread_create(&th, NULL, spinner, NULL);
    long fence = 0;
    while (!spinner_done) {
        fence = syscall(SYS_membarrier, 1 << 7, 0, 0);  /* PRIVATE_EXPEDITED_RSEQ */
        usleep(1000);
    }
    pthread_join(th, &r);
    printf("membarrier: register %ld, fence %ld, spinner aborted %d\n", reg, fence,
           (int)(intptr_t)r);
}

int main(void)
{
    sched_getaffinity(0, sizeof(visible), &visible);
    registration();
    cpu_ids();
    critical_sections();
    forked();
    per_cpu_counters();
    membarrier_fence();
    printf("unregister: %ld, cpu_id now %d\n", sys_rseq(&main_area, 32, 1, SIG),
           (int)main_area.cpu_id);
    return 0;
}
