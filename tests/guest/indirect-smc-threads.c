/* indirect-smc-threads.c — threads calling generated code through shared
 * function pointers (BLR, then RET back) while another thread rewrites
 * that code and swaps the pointers.
 *
 * The writer owns two RWX pages, A and B, each holding "return k"
 * functions.  Per generation k it rewrites the constant in the page that
 * is not published, flushes the caches, publishes that page's function in
 * the shared pointer, then stores k into gen (release).  A caller that
 * reads gen == k (acquire) and then executes ISB (the context
 * synchronization the Arm ARM asks of a thread that runs code another
 * thread wrote) must get at least k from the function the pointer names:
 * a translator that kept the old translation in a lookup cache (tern's
 * jump cache, probed inline by generated code) returns an older constant.
 * Callers also hammer each function from their own hot loops, so the
 * stale targets really are cached when the code changes.
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PAGE 4096
#define GENERATIONS 400
#define CALLERS 3
#define NFUNCS 4                 /* functions per page, 64 bytes apart */

typedef unsigned (*fn_t)(void);

static uint32_t *page[2];
static fn_t volatile shared_fn[NFUNCS];
static unsigned gen;             /* atomic */
static unsigned stale[CALLERS], calls[CALLERS];

/* MOVZ W0, #imm16; RET */
static void write_fn(uint32_t *p, unsigned imm)
{
    p[0] = 0x52800000u | (imm & 0xffff) << 5;
    p[1] = 0xd65f03c0u;
    __builtin___clear_cache((char *)p, (char *)(p + 2));
}

static void *caller(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    unsigned seen;
    do {
        seen = __atomic_load_n(&gen, __ATOMIC_ACQUIRE);
        __asm__ volatile("isb" ::: "memory");
        for (unsigned i = 0; i < NFUNCS; i++) {
            fn_t f = shared_fn[i];
            for (unsigned rep = 0; rep < 8; rep++) {
                unsigned got = f();
                calls[id]++;
                if (got < seen * NFUNCS + i)
                    stale[id]++;
            }
        }
    } while (seen < GENERATIONS);
    return NULL;
}

/* Generation k: function i of the unpublished page returns k * NFUNCS + i. */
static void publish(unsigned k)
{
    uint32_t *p = page[k & 1];
    for (unsigned i = 0; i < NFUNCS; i++)
        write_fn(p + i * 16, k * NFUNCS + i);
    for (unsigned i = 0; i < NFUNCS; i++)
        shared_fn[i] = (fn_t)(void *)(p + i * 16);
    __atomic_store_n(&gen, k, __ATOMIC_RELEASE);
}

int main(void)
{
    for (int i = 0; i < 2; i++) {
        page[i] = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page[i] == MAP_FAILED) {
            perror("mmap");
            return 2;
        }
    }
    publish(0);
    pthread_t th[CALLERS];
    for (unsigned i = 0; i < CALLERS; i++)
        pthread_create(&th[i], NULL, caller, (void *)(uintptr_t)i);
    for (unsigned k = 1; k <= GENERATIONS; k++) {
        publish(k);
        /* Let the callers run the new code hot before the next rewrite. */
        for (volatile unsigned spin = 0; spin < 10000; spin++)
            ;
    }
    unsigned total_stale = 0, idle = 0;
    for (unsigned i = 0; i < CALLERS; i++) {
        pthread_join(th[i], NULL);
        total_stale += stale[i];
        idle += calls[i] == 0;
    }
    /* The main thread, too: its own calls after the last generation. */
    unsigned last = 0;
    for (unsigned i = 0; i < NFUNCS; i++)
        last += shared_fn[i]() == GENERATIONS * NFUNCS + i;
    printf("generations %u, callers %u, idle callers %u, stale results %u, last ok %u\n",
           GENERATIONS, CALLERS, idle, total_stale, last);
    return total_stale != 0;
}
