/* Nested delivery and the handler mask: a USR1 handler raising USR2 runs
 * the USR2 handler inside it; raising USR1 inside its own handler waits
 * until it returns (the signal is blocked), unless SA_NODEFER; sa_mask
 * blocks USR2 inside a handler; SA_RESETHAND restores SIG_DFL after one
 * delivery, and the next raise kills the process. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile char trace[128];
static volatile int pos;
static volatile int depth;

static void note(char c)
{
    if (pos < (int)sizeof(trace) - 1)
        trace[pos++] = c;
}

static void on_usr2(int sig)
{
    (void)sig;
    note('2');
}

static void on_usr1(int sig)
{
    (void)sig;
    note('(');
    raise(SIGUSR2);
    if (depth++ < 2)
        raise(SIGUSR1);
    note(')');
}

static void install(int sig, void (*fn)(int), int flags, int masked)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

static void run(const char *what)
{
    pos = 0;
    depth = 0;
    raise(SIGUSR1);
    trace[pos] = 0;
    printf("%-24s %s\n", what, (const char *)trace);
}

int main(void)
{
    install(SIGUSR2, on_usr2, 0, 0);
    install(SIGUSR1, on_usr1, 0, 0);
    run("deferred:");
    install(SIGUSR1, on_usr1, SA_NODEFER, 0);
    run("SA_NODEFER:");
    install(SIGUSR1, on_usr1, 0, SIGUSR2);
    run("sa_mask USR2:");
    install(SIGUSR1, on_usr1, SA_NODEFER, SIGUSR2);
    run("SA_NODEFER + mask USR2:");

    install(SIGUSR2, on_usr2, SA_RESETHAND, 0);
    pos = 0;
    raise(SIGUSR2);
    struct sigaction old;
    sigaction(SIGUSR2, NULL, &old);
    trace[pos] = 0;
    printf("SA_RESETHAND: %s now default=%d\n", (const char *)trace, old.sa_handler == SIG_DFL);
    fflush(stdout);
    raise(SIGUSR2);
    printf("not reached\n");
    return 0;
}
