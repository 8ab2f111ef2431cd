/* A thread pinned to one CPU with sched_setaffinity runs there: getcpu
 * and sched_getcpu report each CPU of the mask in turn, and a thread it
 * creates inherits the pinning. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static int pinned_to;

static void *thread(void *arg)
{
    (void)arg;
    return (void *)(long)(sched_getcpu() == pinned_to);
}

int main(void)
{
    cpu_set_t all, one;
    sched_getaffinity(0, sizeof(all), &all);
    int ok = 1, n = 0;
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (!CPU_ISSET(c, &all))
            continue;
        CPU_ZERO(&one);
        CPU_SET(c, &one);
        if (sched_setaffinity(0, sizeof(one), &one))
            ok = 0;
        unsigned cpu = ~0u;
        syscall(SYS_getcpu, &cpu, NULL, NULL);
        ok &= sched_getcpu() == c && cpu == (unsigned)c;
        pinned_to = c;
        n++;
    }
    printf("pinned to each of the CPUs: %d (%d)\n", ok, n > 0);
    pthread_t th;
    void *r;
    pthread_create(&th, NULL, thread, NULL);
    pthread_join(th, &r);
    printf("a new thread inherits the pinning: %d\n", (int)(long)r);
    sched_setaffinity(0, sizeof(all), &all);
    return 0;
}
