/* Guest registers the x86 backend keeps in host registers across TBs (x0,
 * sp, x19, x1 by the frontend's hot ranking) changed behind generated
 * code's back: the env copy is the truth whenever C code ran, so every
 * value below must be seen by the next instruction.
 *   - a signal handler rewrites x0, x1, x19 and x20 in its ucontext, once
 *     for a signal raised by a syscall inside a chained loop (delivered at
 *     the syscall's return) and once for a timer that interrupts a loop
 *     spinning on x19 alone (asynchronous delivery, sigreturn);
 *   - syscall results land in x0 inside a chained loop, while x1 and x19
 *     carry loop state across the svc. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int handled;

/* Adds 1000 to x19, sets x1 to 7 and x20 to the signal count. */
static void on_usr1(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    (void)sig;
    (void)si;
    handled++;
    uc->uc_mcontext.regs[19] += 1000;
    uc->uc_mcontext.regs[1] = 7;
    uc->uc_mcontext.regs[20] = (uint64_t)handled;
}

/* Ends the spin loop below: x19 = 1, x0 = a marker. */
static void on_alarm(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    (void)sig;
    (void)si;
    uc->uc_mcontext.regs[19] = 1;
    uc->uc_mcontext.regs[0] = 0x5eed;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

/* 12 rounds of: x19 += 1; kill(getpid(), SIGUSR1) (the handler adds 1000
 * to x19 and sets x1 = 7, x20 = count); x21 += x1 + x20 after the svc. */
static void signal_in_loop(void)
{
    uint64_t x19, x21, pid = (uint64_t)getpid();
    __asm__ volatile(
        "mov x19, #0\n"
        "mov x21, #0\n"
        "mov x22, #12\n"
        "1:\n"
        "add x19, x19, #1\n"
        "mov x1, #0\n"
        "mov x20, #0\n"
        "mov x0, %[pid]\n"
        "mov x1, %[sig]\n"
        "mov x8, %[nr]\n"
        "svc #0\n"
        "add x21, x21, x1\n"
        "add x21, x21, x20\n"
        "subs x22, x22, #1\n"
        "b.ne 1b\n"
        "mov %[x19], x19\n"
        "mov %[x21], x21\n"
        : [x19] "=r"(x19), [x21] "=r"(x21)
        : [pid] "r"(pid), [sig] "i"(SIGUSR1), [nr] "i"(SYS_kill)
        : "x0", "x1", "x8", "x19", "x20", "x21", "x22", "memory", "cc");
    /* x19 = 12 + 12 * 1000; x21 = 12 * 7 + (1 + ... + 12) */
    printf("signal in loop: handled=%d x19=%llu x21=%llu\n", handled,
           (unsigned long long)x19, (unsigned long long)x21);
}

/* Spins on x19 (and counts in x0) until the timer's handler sets x19. */
static void signal_ends_spin(void)
{
    uint64_t x0;
    struct itimerval it = { .it_value = { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    __asm__ volatile(
        "mov x19, #0\n"
        "mov x0, #0\n"
        "1:\n"
        "add x0, x0, #1\n"
        "cbz x19, 1b\n"
        "mov %[x0], x0\n"
        : [x0] "=r"(x0)
        :
        : "x0", "x19", "memory", "cc");
    /* The handler may run between the add and the cbz, or before the add. */
    printf("timer ended the spin: x0 from the handler: %s\n",
           x0 == 0x5eed || x0 == 0x5eee ? "yes" : "no");
}

/* 20 rounds of getpid() and of write(fd, buf, n) with n = round % 4:
 * x0 gets each result; x1 accumulates them, x19 counts mismatches. */
static void syscall_results(void)
{
    uint64_t x1, x19, pid = (uint64_t)getpid();
    int fds[2];
    if (pipe(fds))
        return;
    static const char buf[4] = "abcd";
    __asm__ volatile(
        "mov x19, #0\n"
        "mov x1, #0\n"
        "mov x22, #0\n"
        "1:\n"
        "mov x8, %[getpid]\n"
        "svc #0\n"
        "cmp x0, %[pid]\n"
        "cinc x19, x19, ne\n"
        "mov x20, x1\n"
        "mov x0, %[fd]\n"
        "mov x1, %[buf]\n"
        "and x2, x22, #3\n"
        "mov x8, %[write]\n"
        "svc #0\n"
        "add x1, x20, x0\n"
        "and x2, x22, #3\n"
        "cmp x0, x2\n"
        "cinc x19, x19, ne\n"
        "add x22, x22, #1\n"
        "cmp x22, #20\n"
        "b.ne 1b\n"
        "mov %[x1], x1\n"
        "mov %[x19], x19\n"
        : [x1] "=&r"(x1), [x19] "=&r"(x19)
        : [pid] "r"(pid), [fd] "r"((uint64_t)fds[1]), [buf] "r"(buf),
          [getpid] "i"(SYS_getpid), [write] "i"(SYS_write)
        : "x0", "x1", "x2", "x8", "x19", "x20", "x22", "memory", "cc");
    /* 5 * (0 + 1 + 2 + 3) = 30 bytes written */
    printf("syscall results: bytes=%llu mismatches=%llu\n",
           (unsigned long long)x1, (unsigned long long)x19);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    install(SIGUSR1, on_usr1);
    install(SIGALRM, on_alarm);
    signal_in_loop();
    signal_ends_spin();
    syscall_results();
    return 0;
}
