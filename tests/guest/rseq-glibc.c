/* glibc's own rseq registration (the default tunable): __rseq_size and
 * __rseq_offset are set, the area in the thread block holds the cpu id
 * that sched_getcpu and getcpu report, in the main thread and in a new
 * one (registered by glibc's thread start).
 * QEMU-DEVIATION: qemu-aarch64 7.2 refuses rseq, so glibc runs without it */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile struct rseq *area(void)
{
    return (struct rseq *)((char *)__builtin_thread_pointer() + __rseq_offset);
}

static int agrees(void)
{
    unsigned cpu = ~0u;
    syscall(SYS_getcpu, &cpu, NULL, NULL);
    uint32_t id = area()->cpu_id;
    return id == cpu && (int)id == sched_getcpu() && area()->cpu_id_start == id;
}

static void *thread(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)agrees();
}

int main(void)
{
    printf("__rseq_size %u, __rseq_offset nonzero %d, flags %u\n", __rseq_size,
           __rseq_offset != 0, __rseq_flags);
    printf("main agrees %d\n", agrees());
    pthread_t th;
    void *r;
    pthread_create(&th, NULL, thread, NULL);
    pthread_join(th, &r);
    printf("thread agrees %d\n", (int)(intptr_t)r);
    return 0;
}
