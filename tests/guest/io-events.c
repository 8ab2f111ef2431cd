/* Event descriptors and I/O multiplexing: epoll (struct epoll_event is 16
 * bytes on arm64 but packed to 12 on x86-64, so data must survive the
 * translation both ways), eventfd counters and semaphores, timerfd one-shot
 * and interval timers, pselect6 with and without a signal mask, signalfd
 * creation and a non-blocking empty read, inotify on a temp directory. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-40s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void test_epoll(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    expect(ep >= 0, "epoll_create1");
    expect((fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0, "epoll fd is close-on-exec");
    int p[2][2];
    expect(pipe(p[0]) == 0 && pipe(p[1]) == 0, "pipes");
    for (int i = 0; i < 2; i++) {
        struct epoll_event ev = { .events = EPOLLIN,
                                  .data.u64 = 0x1122334455667700ull + (uint64_t)i };
        expect(epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &ev) == 0, "epoll_ctl ADD");
    }
    struct epoll_event out[4];
    memset(out, 0xee, sizeof(out));
    expect(epoll_wait(ep, out, 4, 0) == 0, "epoll_wait: nothing ready");
    expect(write(p[1][1], "x", 1) == 1, "write to second pipe");
    int n = epoll_wait(ep, out, 4, 1000);
    expect(n == 1, "epoll_wait: one ready");
    expect(out[0].events == EPOLLIN, "event mask EPOLLIN");
    expect(out[0].data.u64 == 0x1122334455667701ull, "64-bit data survives");
    expect(write(p[0][1], "y", 1) == 1, "write to first pipe");
    n = epoll_wait(ep, out, 4, 1000);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++)
        seen |= 1u << (out[i].data.u64 & 0xff);
    expect(n == 2 && seen == 3, "epoll_wait: both ready");
    struct epoll_event mod = { .events = EPOLLIN | EPOLLET, .data.fd = 77 };
    expect(epoll_ctl(ep, EPOLL_CTL_MOD, p[0][0], &mod) == 0, "epoll_ctl MOD");
    sigset_t none;
    sigemptyset(&none);
    n = epoll_pwait(ep, out, 1, 1000, &none);
    expect(n == 1, "epoll_pwait with mask, maxevents 1");
    expect(epoll_ctl(ep, EPOLL_CTL_DEL, p[1][0], NULL) == 0, "epoll_ctl DEL");
    expect(epoll_ctl(ep, EPOLL_CTL_DEL, p[1][0], NULL) == -1 && errno == ENOENT,
           "DEL again: ENOENT");
    expect(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL, "maxevents 0: EINVAL");
    for (int i = 0; i < 2; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    close(ep);
}

static void test_eventfd(void)
{
    int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    expect(fd >= 0, "eventfd");
    uint64_t v = 0;
    expect(write(fd, &(uint64_t){ 7 }, 8) == 8, "eventfd add 7");
    expect(read(fd, &v, 8) == 8 && v == 12, "eventfd reads 12");
    expect(read(fd, &v, 8) == -1 && errno == EAGAIN, "empty eventfd: EAGAIN");
    close(fd);
    fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    int ones = 0;
    while (read(fd, &v, 8) == 8 && v == 1)
        ones++;
    expect(ones == 3, "semaphore eventfd counts down by 1");
    close(fd);
}

static void test_timerfd(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    expect(fd >= 0, "timerfd_create");
    struct itimerspec its = { .it_value = { 0, 20 * 1000 * 1000 },
                              .it_interval = { 0, 10 * 1000 * 1000 } };
    struct itimerspec old;
    expect(timerfd_settime(fd, 0, &its, &old) == 0, "timerfd_settime");
    expect(old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0, "old value was disarmed");
    struct itimerspec cur;
    expect(timerfd_gettime(fd, &cur) == 0 && cur.it_interval.tv_nsec == 10000000,
           "timerfd_gettime interval");
    uint64_t ticks = 0;
    expect(read(fd, &ticks, 8) == 8 && ticks >= 1, "timerfd fires");
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    expect(poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLIN), "interval fires again (poll)");
    its = (struct itimerspec){ 0 };
    expect(timerfd_settime(fd, 0, &its, NULL) == 0, "disarm");
    close(fd);
}

static void test_pselect(void)
{
    int p[2];
    expect(pipe(p) == 0, "pipe for pselect");
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timespec ts = { 0, 0 };
    int n = pselect(p[1] + 1, &rd, &wr, NULL, &ts, NULL);
    expect(n == 1 && !FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "pselect: only writable");
    expect(write(p[1], "z", 1) == 1, "write");
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    ts.tv_sec = 1;
    n = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &mask);
    expect(n == 1 && FD_ISSET(p[0], &rd), "pselect with sigmask: readable");
    struct timeval tv = { 0, 1000 };
    FD_ZERO(&rd);
    FD_SET(p[1], &rd);
    expect(select(p[1] + 1, &rd, NULL, NULL, &tv) == 0, "select timeout");
    expect(pselect(-1, NULL, NULL, NULL, &ts, NULL) == -1 && errno == EINVAL,
           "pselect nfds -1: EINVAL");
    close(p[0]);
    close(p[1]);
}

static void test_signalfd(void)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    expect(sigprocmask(SIG_BLOCK, &mask, NULL) == 0, "block SIGUSR1");
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    expect(fd >= 0, "signalfd");
    expect((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0, "signalfd is non-blocking");
    struct signalfd_siginfo si;
    expect(read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN, "nothing pending: EAGAIN");
    sigaddset(&mask, SIGUSR2);
    expect(signalfd(fd, &mask, 0) == fd, "signalfd: update the mask");
    expect(sizeof(si) == 128, "signalfd_siginfo is 128 bytes");
    close(fd);
}

static void test_inotify(void)
{
    char dir[256];
    snprintf(dir, sizeof(dir), "%s/inoXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    expect(mkdtemp(dir) != NULL, "mkdtemp");
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    expect(fd >= 0, "inotify_init1");
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_CLOSE_WRITE);
    expect(wd >= 0, "inotify_add_watch");
    char path[300];
    snprintf(path, sizeof(path), "%s/newfile", dir);
    int f = open(path, O_CREAT | O_WRONLY, 0600);
    close(f);
    unlink(path);
    char buf[4096] __attribute__((aligned(8)));
    ssize_t len = read(fd, buf, sizeof(buf));
    expect(len > 0, "inotify read");
    for (char *p = buf; len > 0 && p < buf + len;) {
        struct inotify_event *ev = (struct inotify_event *)p;
        printf("  event %s%s%s name=%s\n",
               ev->mask & IN_CREATE ? "CREATE" : "",
               ev->mask & IN_CLOSE_WRITE ? "CLOSE_WRITE" : "",
               ev->mask & IN_DELETE ? "DELETE" : "", ev->len ? ev->name : "");
        p += sizeof(*ev) + ev->len;
    }
    expect(inotify_rm_watch(fd, wd) == 0, "inotify_rm_watch");
    expect(inotify_add_watch(fd, "/nonexistent/x", IN_CREATE) == -1 && errno == ENOENT,
           "watch of a missing path: ENOENT");
    close(fd);
    rmdir(dir);
}

int main(void)
{
    test_epoll();
    test_eventfd();
    test_timerfd();
    test_pselect();
    test_signalfd();
    test_inotify();
    printf("failures: %d\n", failures);
    return failures != 0;
}
