/* thread-exit.c — the main thread leaves with pthread_exit while other
 * threads run: the process lives on until the last thread ends, and its
 * exit status is that thread's exit_group (here exit(5) from a thread,
 * which also ends a thread still blocked in a futex wait). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *blocked(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;)
        pthread_cond_wait(&never, &lock);   /* ended by exit() below */
    return NULL;
}

static void *last(void *arg)
{
    pthread_t main_thread = *(pthread_t *)arg;
    void *ret;
    /* Joining the main thread waits for its pthread_exit. */
    int r = pthread_join(main_thread, &ret);
    printf("joined main: %d, its value %ld\n", r, (long)ret);
    fflush(stdout);
    exit(5);
}

int main(void)
{
    static pthread_t self;
    pthread_t a, b;
    self = pthread_self();
    pthread_create(&a, NULL, blocked, NULL);
    pthread_create(&b, NULL, last, &self);
    printf("main leaves\n");
    fflush(stdout);
    pthread_exit((void *)17);
}
