/* POSIX timers and message queues: timer_create (SIGEV_NONE, so no signal
 * is involved), timer_settime/gettime/getoverrun/delete; mq_open with
 * attributes, mq_send/mq_receive ordered by priority, mq_getattr and
 * mq_setattr (O_NONBLOCK), timed receive timing out, mq_unlink. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void test_timers(void)
{
    struct sigevent sev = { .sigev_notify = SIGEV_NONE };
    timer_t id;
    expect(timer_create(CLOCK_MONOTONIC, &sev, &id) == 0, "timer_create SIGEV_NONE");
    struct itimerspec its = { .it_value = { 5, 0 }, .it_interval = { 1, 0 } }, cur, old;
    expect(timer_settime(id, 0, &its, NULL) == 0, "timer_settime 5s, interval 1s");
    expect(timer_gettime(id, &cur) == 0 && cur.it_value.tv_sec <= 5 &&
           cur.it_value.tv_sec >= 3 && cur.it_interval.tv_sec == 1, "timer_gettime");
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 1000;
    expect(timer_settime(id, 0, &its, &old) == 0 && old.it_interval.tv_sec == 1,
           "re-arm, old value returned");
    usleep(10000);
    expect(timer_getoverrun(id) >= 0, "timer_getoverrun");
    expect(timer_delete(id) == 0, "timer_delete");
    expect(timer_gettime(id, &cur) == -1 && errno == EINVAL, "deleted timer: EINVAL");
    expect(timer_create(12345, &sev, &id) == -1 && errno == EINVAL, "bad clock: EINVAL");
}

static void test_mqueue(void)
{
    char name[64];
    snprintf(name, sizeof(name), "/tern-test-%d", (int)getpid());
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 32 };
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (q == (mqd_t)-1 && (errno == ENOSYS || errno == EACCES || errno == ENOENT)) {
        printf("%-44s %s\n", "message queues unavailable here", "ok");
        return;
    }
    expect(q != (mqd_t)-1, "mq_open O_CREAT with attributes");
    expect(mq_send(q, "low", 3, 1) == 0 && mq_send(q, "high", 4, 9) == 0, "mq_send twice");
    struct mq_attr got;
    expect(mq_getattr(q, &got) == 0 && got.mq_curmsgs == 2 && got.mq_maxmsg == 4 &&
           got.mq_msgsize == 32, "mq_getattr");
    char buf[32];
    unsigned prio = 0;
    expect(mq_receive(q, buf, sizeof(buf), &prio) == 4 && prio == 9 && !memcmp(buf, "high", 4),
           "highest priority first");
    expect(mq_receive(q, buf, sizeof(buf), &prio) == 3 && prio == 1, "then the low one");
    struct mq_attr nb = { .mq_flags = O_NONBLOCK }, was;
    expect(mq_setattr(q, &nb, &was) == 0 && was.mq_flags == 0, "mq_setattr O_NONBLOCK");
    expect(mq_receive(q, buf, sizeof(buf), NULL) == -1 && errno == EAGAIN, "empty: EAGAIN");
    nb.mq_flags = 0;
    mq_setattr(q, &nb, NULL);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    expect(mq_timedreceive(q, buf, sizeof(buf), NULL, &ts) == -1 && errno == ETIMEDOUT,
           "mq_timedreceive times out");
    expect(mq_receive(q, buf, 8, NULL) == -1 && errno == EMSGSIZE, "small buffer: EMSGSIZE");
    expect(mq_close(q) == 0, "mq_close");
    expect(mq_unlink(name) == 0, "mq_unlink");
    expect(mq_unlink(name) == -1 && errno == ENOENT, "unlink again: ENOENT");
}

int main(void)
{
    test_timers();
    test_mqueue();
    printf("failures: %d\n", failures);
    return failures != 0;
}
