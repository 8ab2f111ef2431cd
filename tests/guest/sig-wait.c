/* Waiting for signals: sigsuspend with the handler's signal blocked
 * beforehand (pending, then delivered inside sigsuspend, which returns
 * EINTR and restores the mask), sigpending, sigtimedwait/sigwaitinfo with
 * si_code SI_USER and SI_QUEUE (+ si_value), the EAGAIN timeout, and
 * queueing: real-time signals queue (three sigqueue'd values arrive in
 * order), standard signals do not (three raises, one delivery). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int usr1, rt_count, rt_values[8];

static void on_usr1(int sig)
{
    (void)sig;
    usr1++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    if (rt_count < 8)
        rt_values[rt_count] = si->si_value.sival_int;
    rt_count++;
}

static void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);

    block(SIGUSR1, SIG_BLOCK);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("pending usr1=%d usr2=%d handled=%d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2), usr1);
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    int e = errno;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend=%d errno=%s handled=%d still blocked=%d\n", r,
           e == EINTR ? "EINTR" : "?", usr1, sigismember(&cur, SIGUSR1));

    /* Three raises of a blocked standard signal: one delivery. */
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    block(SIGUSR1, SIG_UNBLOCK);
    printf("standard signal delivered %d time(s)\n", usr1 - 1);

    block(SIGUSR2, SIG_BLOCK);
    sigset_t w;
    sigemptyset(&w);
    sigaddset(&w, SIGUSR2);
    /* kill, not raise: qemu-aarch64 reports raise()'s tgkill as SI_USER
     * here, Linux as SI_TKILL. */
    kill(getpid(), SIGUSR2);
    siginfo_t si;
    r = sigwaitinfo(&w, &si);
    printf("sigwaitinfo=%d code=%d pid_ok=%d\n", r, si.si_code, si.si_pid == getpid());
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGUSR2, v);
    struct timespec ts = { 1, 0 };
    r = sigtimedwait(&w, &si, &ts);
    printf("sigtimedwait=%d code=%s value=%d\n", r, si.si_code == SI_QUEUE ? "SI_QUEUE" : "?",
           si.si_value.sival_int);
    ts.tv_sec = 0;
    ts.tv_nsec = 20 * 1000 * 1000;
    r = sigtimedwait(&w, &si, &ts);
    printf("timeout: %d %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");

    int rt = SIGRTMIN + 2;
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(rt, &sa, NULL);
    block(rt, SIG_BLOCK);
    for (int i = 1; i <= 3; i++) {
        v.sival_int = i * 10;
        sigqueue(getpid(), rt, v);
    }
    printf("rt before unblock: %d\n", rt_count);
    block(rt, SIG_UNBLOCK);
    printf("rt delivered %d: %d %d %d\n", rt_count, rt_values[0], rt_values[1], rt_values[2]);
    return 0;
}
