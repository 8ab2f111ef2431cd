/* futex-ops.c — the futex operations glibc uses, called directly: WAIT
 * (value mismatch, relative timeout), WAIT_BITSET with an absolute
 * CLOCK_REALTIME timeout, WAKE, CMP_REQUEUE and REQUEUE moving waiters
 * between words, WAKE_OP, the PI lock ops (through a PRIO_INHERIT mutex
 * and directly), and the errors for a bad address and an unknown op.
 * Waiters are counted, never timed, so the output is fixed. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, const void *timeout_or_val2,
                  uint32_t *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

static const char *err(long r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case EDEADLK: return "EDEADLK";
    default: return "other";
    }
}

static uint32_t word1, word2;
static int woken;

static void *waiter(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&word1, __ATOMIC_ACQUIRE) == 0)
        futex(&word1, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    __atomic_fetch_add(&woken, 1, __ATOMIC_ACQ_REL);
    return NULL;
}

/* Moves the 3 waiters of word1 onto word2 as they arrive, then wakes them
 * there.  A waiter requeued to word2 wakes only from a wake on word2. */
static void requeue_test(void)
{
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&th[i], NULL, waiter, NULL);
    long moved = 0;
    int rounds = 0;
    while (moved < 3) {
        int op = rounds++ % 2 ? FUTEX_CMP_REQUEUE_PRIVATE : FUTEX_REQUEUE_PRIVATE;
        long r = futex(&word1, op, 0, (void *)(uintptr_t)INT_MAX, &word2, 0);
        if (r < 0) {
            printf("requeue failed: %s\n", err(r));
            return;
        }
        moved += r;
        usleep(1000);
    }
    long r = futex(&word1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)1, &word2, 5);
    printf("cmp_requeue with a stale value: %s\n", err(r));
    printf("requeued: %ld, still on word1: %ld\n", moved,
           futex(&word1, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0));
    __atomic_store_n(&word1, 1, __ATOMIC_RELEASE);
    long total = 0;
    while (total < 3)
        total += futex(&word2, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    printf("woken from word2: %ld, threads done: %d\n", total, woken);
}

static void wake_op_test(void)
{
    uint32_t a = 0, b = 5;
    /* *b += 3, then wake on a, and on b if the old *b was > 4. */
    uint32_t op = FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 4);
    long r = futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &b, op);
    printf("wake_op: %ld, b=%u\n", r, b);
}

static void pi_test(void)
{
    pthread_mutexattr_t attr;
    pthread_mutex_t m;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&m, &attr);
    int a = pthread_mutex_lock(&m), b = pthread_mutex_trylock(&m), c = pthread_mutex_unlock(&m);
    printf("PI mutex: lock %d, trylock while held %s, unlock %d\n", a,
           b == EBUSY ? "EBUSY" : "?", c);

    uint32_t w = 0;
    pid_t me = (pid_t)syscall(SYS_gettid);
    long r1 = futex(&w, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    printf("lock_pi: %s, owner is me: %s\n", err(r1), (w & FUTEX_TID_MASK) == (uint32_t)me ? "yes" : "no");
    long r2 = futex(&w, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    printf("trylock_pi on my own lock: %s\n", err(r2));
    long r3 = futex(&w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    printf("unlock_pi: %s, word %u\n", err(r3), w);
}

int main(void)
{
    uint32_t w = 7;
    long r = futex(&w, FUTEX_WAIT_PRIVATE, 6, NULL, NULL, 0);
    printf("wait, value differs: %s\n", err(r));
    struct timespec rel = { 0, 20 * 1000 * 1000 };
    r = futex(&w, FUTEX_WAIT_PRIVATE, 7, &rel, NULL, 0);
    printf("wait, 20 ms timeout: %s\n", err(r));
    struct timespec abs;
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 10 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 7, &abs, NULL,
              FUTEX_BITSET_MATCH_ANY);
    printf("wait_bitset, absolute realtime: %s\n", err(r));
    printf("wake, nobody waits: %ld\n", futex(&w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
    printf("wake_bitset, nobody waits: %ld\n",
           futex(&w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY));
    r = futex((uint32_t *)(uintptr_t)16, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    printf("wait on an unmapped word: %s\n", err(r));
    r = futex(&w, 99, 0, NULL, NULL, 0);
    printf("unknown op: %s\n", err(r));
    requeue_test();
    wake_op_test();
    pi_test();
    return 0;
}
