/* Asynchronous delivery: SIGALRM from alarm() (setitimer on arm64)
 * interrupts a busy loop running in chained TBs; then a blocking read() on
 * an empty pipe, which fails with EINTR without SA_RESTART, and with
 * SA_RESTART is restarted and returns the byte the handler wrote. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;
static int pipefd[2];

static void on_alarm(int sig)
{
    (void)sig;
    fired++;
}

static void on_alarm_write(int sig)
{
    (void)sig;
    fired++;
    char c = 'x';
    if (write(pipefd[1], &c, 1) != 1)
        _exit(3);
}

static void set_handler(void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static void short_timer(void)
{
    struct itimerval it = { .it_value = { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    set_handler(on_alarm, 0);
    alarm(1);
    unsigned long spins = 0;
    while (!fired)
        spins++;
    printf("busy loop interrupted: fired=%d spun=%d\n", (int)fired, spins > 0);

    if (pipe(pipefd))
        return 1;
    fired = 0;
    short_timer();
    char buf[4];
    ssize_t n = read(pipefd[0], buf, sizeof(buf));
    printf("read without SA_RESTART: n=%zd errno=%s fired=%d\n", n,
           n < 0 && errno == EINTR ? "EINTR" : "?", (int)fired);

    fired = 0;
    set_handler(on_alarm_write, SA_RESTART);
    short_timer();
    n = read(pipefd[0], buf, sizeof(buf));
    printf("read with SA_RESTART: n=%zd byte=%c fired=%d\n", n, n > 0 ? buf[0] : '-',
           (int)fired);

    /* A handler that does not restart still runs the handler's write. */
    fired = 0;
    set_handler(on_alarm_write, 0);
    short_timer();
    n = read(pipefd[0], buf, sizeof(buf));
    int e = errno;
    n = n < 0 ? -e : n;
    printf("read without SA_RESTART, handler wrote: r=%s fired=%d\n",
           n == -EINTR ? "EINTR" : "data", (int)fired);
    if (n == -EINTR && read(pipefd[0], buf, 1) == 1)
        printf("byte still there: %c\n", buf[0]);
    return 0;
}
