/* raise() in a loop: every raise is delivered before raise returns, so
 * the count is exact; the same with kill(getpid()) and tgkill; an ignored
 * signal is dropped; and a handled signal interrupting a tight loop
 * through rt_tgsigqueueinfo carries its value. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int count;
static volatile long sum;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    count++;
    sum += sig + (si->si_code == SI_QUEUE ? si->si_value.sival_int : 0);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    for (int i = 0; i < 1000; i++) {
        int before = count;
        raise(SIGUSR1);
        if (count != before + 1) {
            printf("raise %d not delivered synchronously\n", i);
            return 1;
        }
    }
    printf("raise x1000: count=%d\n", count);
    for (int i = 0; i < 100; i++)
        kill(getpid(), SIGUSR1);
    for (int i = 0; i < 100; i++)
        syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
    printf("kill+tgkill x100: count=%d\n", count);
    signal(SIGUSR2, SIG_IGN);
    for (int i = 0; i < 10; i++)
        raise(SIGUSR2);
    printf("ignored: count=%d\n", count);
    sum = 0;
    for (int i = 0; i < 50; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        si.si_signo = SIGRTMIN;
        si.si_code = SI_QUEUE;
        si.si_pid = getpid();
        si.si_value.sival_int = i;
        syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGRTMIN, &si);
    }
    printf("rt_tgsigqueueinfo x50: count=%d sum=%ld\n", count, sum - 50L * SIGRTMIN);
    return 0;
}
