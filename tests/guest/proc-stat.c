/* /proc/self/stat and /proc/self/status describe the guest: its pid,
 * comm, state, parent, process group and session, its code, stack, heap,
 * argv and environment addresses, a virtual size below 4 GiB (tern's own
 * reservation is 4 GiB), its thread count, and its signal sets in the
 * guest's numbering; task/<tid>/ and thread-self/ describe one thread;
 * and the files are the same when opened relative to a descriptor of
 * /proc/self, of /proc, or from /proc/self as the working directory.
 * QEMU-DEVIATION: qemu-aarch64 7.2 shows its own status (VmSize above 4 GiB, its SigCgt) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static char *slurp_at(int dfd, const char *path)
{
    static char buf[16384];
    int fd = openat(dfd, path, O_RDONLY);
    if (fd < 0)
        return NULL;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n < 0)
        return NULL;
    buf[n] = 0;
    return buf;
}

/* stat's fields: f[1] pid, f[2] comm, f[3].. as numbers (state in f[3]). */
typedef struct Stat {
    long pid;
    char comm[64], state;
    unsigned long long f[53];
} Stat;

static int parse_stat(const char *s, Stat *st)
{
    const char *open = strchr(s, '('), *close = strrchr(s, ')');
    if (!open || !close)
        return 0;
    st->pid = atol(s);
    snprintf(st->comm, sizeof(st->comm), "%.*s", (int)(close - open - 1), open + 1);
    st->state = close[2];
    const char *p = close + 4;
    for (int i = 4; i <= 52; i++) {
        char *end;
        st->f[i] = strtoull(p, &end, 10);
        p = end;
    }
    return 1;
}

static unsigned long long status_num(const char *s, const char *key, int base)
{
    const char *at = strstr(s, key);
    return at ? strtoull(at + strlen(key), NULL, base) : ~0ull;
}

static int in(const void *p, unsigned long long lo, unsigned long long hi)
{
    return (uintptr_t)p >= lo && (uintptr_t)p < hi;
}

static void check_stat(const char *what, const char *s, const char *argv0, int nthreads)
{
    Stat st;
    char *copy = strdup(argv0), comm[16];
    snprintf(comm, sizeof(comm), "%.15s", basename(copy));
    free(copy);
    int local;
    if (!s || !parse_stat(s, &st)) {
        printf("%s: unreadable\n", what);
        return;
    }
    printf("%s: pid %d comm %d state %c ppid %d pgrp %d session %d threads %d\n", what,
           st.pid == getpid(), !strcmp(st.comm, comm), st.state, st.f[4] == (unsigned)getppid(),
           st.f[5] == (unsigned)getpgrp(), st.f[6] == (unsigned)getsid(0), (int)st.f[20] == nthreads);
    printf("%s: vsize below 4G %d, rss %d, code %d, stack %d, brk %d, argv %d, env %d, cpu %d\n",
           what, st.f[23] > 0 && st.f[23] < (1ull << 32), st.f[24] > 0,
           in((void *)check_stat, st.f[26], st.f[27]), in(&local, 0, st.f[28] + 4096),
           in(sbrk(0), st.f[47], 1ull << 32), in(argv0, st.f[48], st.f[49]),
           in(environ[0], st.f[50], st.f[51]), (int)st.f[39] == sched_getcpu());
}

static void check_status(const char *what, const char *s, int nthreads)
{
    if (!s) {
        printf("%s: unreadable\n", what);
        return;
    }
    unsigned long long vm = status_num(s, "VmSize:", 10);
    printf("%s: Pid %d Threads %d VmSize below 4G %d VmRSS %d SigBlk %llx SigIgn %llx "
           "SigCgt %llx\n", what, status_num(s, "\nPid:", 10) == (unsigned)getpid(),
           (int)status_num(s, "Threads:", 10) == nthreads, vm > 0 && vm < (4ull << 20),
           status_num(s, "VmRSS:", 10) > 0, status_num(s, "SigBlk:", 16) & 0xffffffffull,
           status_num(s, "SigIgn:", 16) & 0xffffffffull,
           status_num(s, "SigCgt:", 16) & 0xffffffffull);
}

static void on_usr2(int sig)
{
    (void)sig;
}

static pthread_barrier_t bar;
static pid_t thread_tid;

static void *thread(void *arg)
{
    (void)arg;
    thread_tid = (pid_t)syscall(SYS_gettid);
    Stat st;
    char *s = slurp_at(AT_FDCWD, "/proc/thread-self/stat");
    printf("thread-self/stat: pid is the tid %d\n", s && parse_stat(s, &st) && st.pid == thread_tid);
    pthread_barrier_wait(&bar);
    pthread_barrier_wait(&bar);
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argc;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR2, on_usr2);

    check_stat("stat", slurp_at(AT_FDCWD, "/proc/self/stat"), argv[0], 1);
    check_status("status", slurp_at(AT_FDCWD, "/proc/self/status"), 1);
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)getpid());
    check_stat("pid/stat", slurp_at(AT_FDCWD, path), argv[0], 1);

    int self = open("/proc/self", O_RDONLY | O_DIRECTORY);
    int proc = open("/proc", O_RDONLY | O_DIRECTORY);
    check_status("openat(self, status)", slurp_at(self, "status"), 1);
    check_status("openat(proc, self/status)", slurp_at(proc, "self/status"), 1);
    char *maps = slurp_at(self, "maps");
    printf("openat(self, maps): guest addresses %d\n", maps && strchr(maps, '-') - maps == 8);
    if (chdir("/proc/self") == 0)
        check_status("cwd /proc/self, status", slurp_at(AT_FDCWD, "status"), 1);

    pthread_barrier_init(&bar, NULL, 2);
    pthread_t th;
    pthread_create(&th, NULL, thread, NULL);
    pthread_barrier_wait(&bar);
    check_stat("stat, 2 threads", slurp_at(AT_FDCWD, "/proc/self/stat"), argv[0], 2);
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)thread_tid);
    Stat st;
    char *s = slurp_at(AT_FDCWD, path);
    printf("task/tid/stat: pid is the tid %d\n", s && parse_stat(s, &st) && st.pid == thread_tid);
    snprintf(path, sizeof(path), "task/%d/status", (int)thread_tid);
    s = slurp_at(self, path);
    printf("openat(self, task/tid/status): Pid %d Tgid %d\n",
           s && status_num(s, "\nPid:", 10) == (unsigned)thread_tid,
           s && status_num(s, "Tgid:", 10) == (unsigned)getpid());
    pthread_barrier_wait(&bar);
    pthread_join(th, NULL);
    return 0;
}
