/* Scheduling, priorities, credentials and other process-wide calls:
 * sched_{get,set}affinity/param/scheduler, priority ranges,
 * sched_rr_get_interval, getpriority/setpriority (the kernel's 20-nice
 * convention undone by libc), personality queries, getcpu, capget,
 * set*id to the current ids, setgroups errors, mlock/munlock, membarrier
 * query, and EFAULT for bad pointers. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/fsuid.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void test_sched(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    expect(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) >= 1,
           "sched_getaffinity");
    expect(sched_setaffinity(0, sizeof(set), &set) == 0, "sched_setaffinity (same set)");
    struct sched_param sp = { 0 };
    expect(sched_getparam(0, &sp) == 0 && sp.sched_priority == 0, "sched_getparam");
    expect(sched_getscheduler(0) == SCHED_OTHER, "sched_getscheduler: SCHED_OTHER");
    expect(sched_setscheduler(0, SCHED_BATCH, &sp) == 0 &&
           sched_getscheduler(0) == SCHED_BATCH, "switch to SCHED_BATCH");
    expect(sched_setscheduler(0, SCHED_OTHER, &sp) == 0, "back to SCHED_OTHER");
    expect(sched_setparam(0, &sp) == 0, "sched_setparam");
    expect(sched_get_priority_max(SCHED_FIFO) == 99 && sched_get_priority_min(SCHED_FIFO) == 1,
           "SCHED_FIFO priorities 1..99");
    expect(sched_get_priority_max(1234) == -1 && errno == EINVAL, "bad policy: EINVAL");
    struct timespec ts;
    expect(sched_rr_get_interval(0, &ts) == 0, "sched_rr_get_interval");
    expect(sched_getparam(0, (void *)8) == -1 && errno == EFAULT, "bad pointer: EFAULT");
    unsigned cpu = 9999, node = 9999;
    expect(syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu < 4096 && node < 4096, "getcpu");
}

static void test_priority(void)
{
    errno = 0;
    int p = getpriority(PRIO_PROCESS, 0);
    expect(errno == 0 && p >= -20 && p <= 19, "getpriority in -20..19");
    long raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    expect(raw == 20 - p, "raw getpriority is 20 - nice");
    expect(setpriority(PRIO_PROCESS, 0, p + 1 > 19 ? 19 : p + 1) == 0, "setpriority nicer");
    expect(getpriority(PRIO_PROCESS, 0) == (p + 1 > 19 ? 19 : p + 1), "getpriority sees it");
}

static void test_ids(void)
{
    expect(personality(0xffffffff) == 0, "personality query: PER_LINUX");
    expect(personality(PER_LINUX) == 0, "personality(PER_LINUX)");
    uid_t u = getuid();
    gid_t g = getgid();
    expect(setuid(u) == 0 && setgid(g) == 0, "setuid/setgid to current");
    expect(setreuid(-1, -1) == 0 && setregid(-1, -1) == 0, "setreuid/setregid -1");
    expect(setresuid(-1, u, -1) == 0 && setresgid(-1, g, -1) == 0, "setresuid/setresgid");
    expect(setfsuid(u) == (int)u && setfsgid(g) == (int)g, "setfsuid/setfsgid return old");
    expect(syscall(SYS_setgroups, 1, (void *)8) == -1 && errno == EFAULT,
           "setgroups bad pointer: EFAULT");
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];
    expect(syscall(SYS_capget, &h, d) == 0, "capget v3");
    h.version = 0;
    expect(syscall(SYS_capget, &h, NULL) == 0 || errno == EINVAL, "capget version probe");
    expect(h.version == _LINUX_CAPABILITY_VERSION_3, "kernel prefers v3");
}

static void test_mem(void)
{
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int r = mlock(p, 8192);
    expect(r == 0 || errno == EPERM || errno == ENOMEM, "mlock");
    expect(r != 0 || munlock(p, 8192) == 0, "munlock");
    munmap(p, 8192);
    expect(mlock(p, 4096) == -1 && errno == ENOMEM, "mlock unmapped: ENOMEM");
    long q = syscall(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0);
    expect(q >= 0, "membarrier query");
}

int main(void)
{
    test_sched();
    test_priority();
    test_ids();
    test_mem();
    printf("failures: %d\n", failures);
    return failures != 0;
}
