/* thread-basic.c — pthread_create/join with results, thread-local storage,
 * distinct tids, a detached thread, pthread_exit and a thread that outlives
 * main's return path until joined.  Output is fixed: each thread's results
 * are printed by main after the joins. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 6

static __thread int tls_counter = 100;          /* initialised TLS (.tdata) */
static __thread char tls_name[16];              /* zeroed TLS (.tbss) */

struct result {
    long sum;
    int tls_before, tls_after;
    char name[16];
    pid_t tid;
};

static struct result results[NTHREADS];

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    struct result *r = &results[id];
    r->tls_before = tls_counter;
    for (int i = 0; i < 1000 * (id + 1); i++)
        tls_counter++;
    snprintf(tls_name, sizeof(tls_name), "worker-%d", id);
    for (long i = 1; i <= 10000; i++)
        r->sum += i * (id + 1);
    r->tls_after = tls_counter;
    strcpy(r->name, tls_name);
    r->tid = (pid_t)syscall(SYS_gettid);
    if (id == NTHREADS - 1)
        pthread_exit((void *)(long)(id * 11));
    return (void *)(long)(id * 10);
}

static pthread_mutex_t det_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t det_cond = PTHREAD_COND_INITIALIZER;
static int det_done;

static void *detached(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&det_lock);
    det_done = 42;
    pthread_cond_signal(&det_cond);
    pthread_mutex_unlock(&det_lock);
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i)) {
            printf("pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        struct result *r = &results[i];
        printf("thread %d: ret=%ld sum=%ld tls %d -> %d name=%s\n", i, (long)ret,
               r->sum, r->tls_before, r->tls_after, r->name);
    }
    pid_t me = (pid_t)syscall(SYS_gettid);
    int distinct = 1;
    for (int i = 0; i < NTHREADS; i++) {
        distinct &= results[i].tid != me && results[i].tid > 0;
        for (int j = 0; j < i; j++)
            distinct &= results[i].tid != results[j].tid;
    }
    printf("tids distinct: %s, main tid == pid: %s\n", distinct ? "yes" : "no",
           me == getpid() ? "yes" : "no");
    printf("main tls: %d name=[%s]\n", tls_counter, tls_name);

    pthread_t d;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &attr, detached, NULL);
    pthread_mutex_lock(&det_lock);
    while (!det_done)
        pthread_cond_wait(&det_cond, &det_lock);
    pthread_mutex_unlock(&det_lock);
    printf("detached thread said %d\n", det_done);
    return 0;
}
