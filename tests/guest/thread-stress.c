/* thread-stress.c — 8 threads, 1000 rounds.  Every round each thread adds
 * its share to a mutex-protected total, to C11 atomic counters (fetch_add,
 * a compare-exchange loop, exchange), and hands a token around a ring with
 * a condition variable; then all meet at a barrier built from a mutex and a
 * condition variable, where the last to arrive checks the round's totals
 * against the closed-form values.  Any mismatch is counted and the final
 * line (the same under any correct implementation) reports it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 8
#define ROUNDS 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t round_cond = PTHREAD_COND_INITIALIZER;
static uint64_t locked_total;                   /* under lock */
static int arrived, generation;                 /* barrier, under lock */
static int errors;                              /* under lock */

static atomic_uint_fast64_t atomic_total;
static atomic_long cas_total;
static atomic_int ring_token;                   /* whose turn in the ring */
static atomic_int xchg_slot;

static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ring_cond = PTHREAD_COND_INITIALIZER;
static uint64_t ring_trace;                     /* under ring_lock */

static uint64_t share(int round, int id)
{
    return (uint64_t)round * 131 + (uint64_t)id * 7 + 1;
}

/* The totals after round r (all threads, rounds 0..r). */
static uint64_t expected_total(int r)
{
    uint64_t t = 0;
    for (int k = 0; k <= r; k++)
        for (int id = 0; id < NTHREADS; id++)
            t += share(k, id);
    return t;
}

static void ring_pass(int id)
{
    pthread_mutex_lock(&ring_lock);
    while (atomic_load(&ring_token) != id)
        pthread_cond_wait(&ring_cond, &ring_lock);
    ring_trace = ring_trace * 31 + (uint64_t)id + 1;
    atomic_store(&ring_token, (id + 1) % NTHREADS);
    pthread_cond_broadcast(&ring_cond);
    pthread_mutex_unlock(&ring_lock);
}

static void check_round(int r)
{
    uint64_t want = expected_total(r);
    if (locked_total != want)
        errors++;
    if (atomic_load(&atomic_total) != want)
        errors++;
    if ((uint64_t)atomic_load(&cas_total) != want)
        errors++;
    if (atomic_load(&ring_token) != 0)
        errors++;
}

static void barrier(int r)
{
    pthread_mutex_lock(&lock);
    int gen = generation;
    if (++arrived == NTHREADS) {
        check_round(r);
        arrived = 0;
        generation++;
        pthread_cond_broadcast(&round_cond);
    } else {
        while (gen == generation)
            pthread_cond_wait(&round_cond, &lock);
    }
    pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t s = share(r, id);
        pthread_mutex_lock(&lock);
        locked_total += s;
        pthread_mutex_unlock(&lock);
        atomic_fetch_add(&atomic_total, s);
        long old = atomic_load(&cas_total);
        while (!atomic_compare_exchange_weak(&cas_total, &old, old + (long)s))
            continue;
        atomic_exchange(&xchg_slot, id);
        ring_pass(id);
        barrier(r);
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    for (intptr_t i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    int x = atomic_load(&xchg_slot);
    printf("stress: %d threads x %d rounds, total %llu, ring %016llx, slot valid %s, errors %d\n",
           NTHREADS, ROUNDS, (unsigned long long)locked_total,
           (unsigned long long)ring_trace, x >= 0 && x < NTHREADS ? "yes" : "no", errors);
    return errors != 0;
}
