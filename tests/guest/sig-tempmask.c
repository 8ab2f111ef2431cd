/* Temporary signal masks of ppoll, pselect6 and epoll_pwait: a blocked
 * signal that is already pending, or that arrives during the wait, and is
 * unblocked only by the call's mask interrupts it with EINTR and runs its
 * handler; the handler's frame holds the mask from before the call, and
 * afterwards that mask is back.  Without a mask the signal stays pending
 * and the call times out. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int handled, saved_blocked, handler_blocked;

static void on_sig(int sig, siginfo_t *si, void *ucv)
{
    (void)si;
    ucontext_t *uc = ucv;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    handled++;
    saved_blocked = sigismember(&uc->uc_sigmask, sig);
    handler_blocked = sigismember(&now, sig);
}

static int still_blocked(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, sig);
}

static int is_pending(int sig)
{
    sigset_t p;
    sigpending(&p);
    return sigismember(&p, sig);
}

static void report(const char *what, int r, int err, int sig)
{
    printf("%s: r=%d %s, handled %d, frame mask had it %d, handler blocks it %d, "
           "blocked after %d\n", what, r, r < 0 ? strerror(err) : "-", handled,
           saved_blocked, handler_blocked, still_blocked(sig));
    handled = saved_blocked = handler_blocked = 0;
}

static int pfd[2];

static int do_ppoll(const sigset_t *mask, int ms)
{
    struct pollfd p = { .fd = pfd[0], .events = POLLIN };
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    return ppoll(&p, 1, &ts, mask);
}

static int do_pselect(const sigset_t *mask, int ms)
{
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(pfd[0], &rd);
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    return pselect(pfd[0] + 1, &rd, NULL, NULL, &ts, mask);
}

static int ep;

static int do_epoll(const sigset_t *mask, int ms)
{
    struct epoll_event ev;
    return epoll_pwait(ep, &ev, 1, ms, mask);
}

static void pending_case(const char *name, int (*wait)(const sigset_t *, int))
{
    sigset_t empty;
    sigemptyset(&empty);
    raise(SIGUSR1);                         /* blocked: stays pending */
    int r = wait(NULL, 20);
    printf("%s without mask: r=%d, pending %d, handled %d\n", name, r,
           is_pending(SIGUSR1), handled);
    r = wait(&empty, 5000);
    int e = errno;
    char what[64];
    snprintf(what, sizeof(what), "%s with mask", name);
    report(what, r, e, SIGUSR1);
}

/* SIGALRM, blocked, arrives while the call waits with it unblocked. */
static void arriving_case(const char *name, int (*wait)(const sigset_t *, int))
{
    sigset_t empty;
    sigemptyset(&empty);
    struct itimerval it = { .it_value = { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    int r = wait(&empty, 5000);
    char what[64];
    snprintf(what, sizeof(what), "%s, signal during the wait", name);
    report(what, r, errno, SIGALRM);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    if (pipe(pfd))
        return 1;
    ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = pfd[0] };
    epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev);

    pending_case("ppoll", do_ppoll);
    pending_case("pselect", do_pselect);
    pending_case("epoll_pwait", do_epoll);
    arriving_case("ppoll", do_ppoll);
    arriving_case("pselect", do_pselect);
    arriving_case("epoll_pwait", do_epoll);

    /* A mask that blocks nothing new and data ready: no EINTR, mask back. */
    sigset_t empty;
    sigemptyset(&empty);
    if (write(pfd[1], "x", 1) != 1)
        return 1;
    int r = do_ppoll(&empty, 1000);
    printf("ppoll ready: r=%d, blocked after %d\n", r, still_blocked(SIGUSR1));
    return 0;
}
