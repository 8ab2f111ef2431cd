/* C11 atomics and GCC __atomic/__sync builtins on 8/16/32/64-bit and
 * 128-bit-pair objects: fetch-ops, exchange, compare-exchange loops, and
 * fences.  Compiled with the default -moutline-atomics these go through
 * libgcc's helpers, which pick LSE or LDXR/STXR from AT_HWCAP. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static _Atomic uint8_t a8;
static _Atomic uint16_t a16;
static _Atomic uint32_t a32;
static _Atomic uint64_t a64;
static uint64_t plain;

static uint64_t lock_free_max(_Atomic uint64_t *p, uint64_t v)
{
    uint64_t cur = atomic_load_explicit(p, memory_order_relaxed);
    while (cur < v &&
           !atomic_compare_exchange_weak_explicit(p, &cur, v, memory_order_acq_rel,
                                                  memory_order_relaxed))
        ;
    return cur;
}

int main(void)
{
    for (int i = 0; i < 1000; i++) {
        atomic_fetch_add(&a8, 3);
        atomic_fetch_sub(&a16, 7);
        atomic_fetch_xor(&a32, (uint32_t)i * 2654435761u);
        atomic_fetch_add_explicit(&a64, (uint64_t)i << 33, memory_order_relaxed);
        atomic_fetch_or(&a32, 1u << (i % 32));
        atomic_fetch_and(&a16, (uint16_t)~(1u << (i % 16)) | 0x8000u);
        __sync_fetch_and_add(&plain, i);
        lock_free_max(&a64, (uint64_t)i * 1000);
    }
    printf("a8=%u a16=%u a32=%08x a64=%llx plain=%llu\n", a8, a16, a32,
           (unsigned long long)a64, (unsigned long long)plain);
    uint32_t expected = 5;
    _Atomic uint32_t x = 5;
    int ok1 = atomic_compare_exchange_strong(&x, &expected, 9);
    int ok2 = atomic_compare_exchange_strong(&x, &expected, 11);
    printf("cas ok1=%d ok2=%d x=%u expected=%u\n", ok1, ok2, x, expected);
    printf("exchange old=%u new=%u\n", atomic_exchange(&x, 77), atomic_load(&x));
    atomic_thread_fence(memory_order_seq_cst);
    uint64_t old = __sync_val_compare_and_swap(&plain, 499500, 1);
    printf("sync cas old=%llu now=%llu\n", (unsigned long long)old,
           (unsigned long long)plain);
    __atomic_store_n(&plain, 123, __ATOMIC_RELEASE);
    printf("acquire load %llu\n",
           (unsigned long long)__atomic_load_n(&plain, __ATOMIC_ACQUIRE));
    printf("lock free 64: %d\n", atomic_is_lock_free(&a64));
    return 0;
}
