/* FP/SIMD state across a handler: values in V8-V15 (callee-saved low
 * halves) and all of V16-V31, FPCR, and NZCV survive a signal whose handler
 * clobbers every vector register and FPCR; and a handler that edits the
 * fpsimd_context in its ucontext changes the interrupted code's V0.
 * The reference is a CPU without SVE, like the one tern emulates: with
 * SVE, qemu-aarch64 7.2 restores V0 from the sve_context instead.
 * RUN-ENV: QEMU_CPU=cortex-a72 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static void clobber(int sig)
{
    (void)sig;
    __asm__ volatile(
        "movi v0.16b, #0xee\n\tmovi v8.16b, #0xee\n\tmovi v9.16b, #0xee\n\t"
        "movi v15.16b, #0xee\n\tmovi v16.16b, #0xee\n\tmovi v20.16b, #0xee\n\t"
        "movi v31.16b, #0xee\n\tmsr fpcr, xzr\n\tcmp xzr, xzr"
        ::: "v0", "v8", "v9", "v15", "v16", "v20", "v31", "cc");
    volatile double d = 1.0;
    for (int i = 0; i < 10; i++)
        d = d * 1.5 + 0.25;
}

static void edit_v0(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig, (void)si;
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;
    while (h->magic && h->magic != FPSIMD_MAGIC)
        h = (struct _aarch64_ctx *)((char *)h + h->size);
    if (h->magic == FPSIMD_MAGIC) {
        struct fpsimd_context *fp = (struct fpsimd_context *)h;
        printf("fpsimd_context size=%u\n", h->size);
        fp->vregs[0] = ((__uint128_t)0x1122334455667788ull << 64) | 0x99aabbccddeeff00ull;
    }
}

int main(void)
{
    signal(SIGUSR1, clobber);
    int bad = 0;
    for (int round = 0; round < 10; round++) {
        uint64_t out[8], fpcr, nzcv;
        __asm__ volatile(
            "dup v8.2d, %[a]\n\tdup v15.2d, %[b]\n\tdup v16.2d, %[a]\n\tdup v31.2d, %[b]\n\t"
            "mov x9, #(1 << 24)\n\tmsr fpcr, x9\n\t"
            "mov x0, #1\n\tcmp x0, #1\n\t"        /* N=0 Z=1 C=1 V=0 */
            "mov x8, #131\n\tmov x0, %[pid]\n\tmov x1, %[pid]\n\tmov x2, #10\n\tsvc #0\n\t"
            "mrs %[nzcv], nzcv\n\tmrs %[fpcr], fpcr\n\t"
            "mov %[o0], v8.d[0]\n\tmov %[o1], v8.d[1]\n\tmov %[o2], v15.d[0]\n\tmov %[o3], v15.d[1]\n\t"
            "mov %[o4], v16.d[0]\n\tmov %[o5], v16.d[1]\n\tmov %[o6], v31.d[0]\n\tmov %[o7], v31.d[1]\n\t"
            "msr fpcr, xzr"
            : [o0] "=&r"(out[0]), [o1] "=&r"(out[1]), [o2] "=&r"(out[2]), [o3] "=&r"(out[3]),
              [o4] "=&r"(out[4]), [o5] "=&r"(out[5]), [o6] "=&r"(out[6]), [o7] "=&r"(out[7]),
              [nzcv] "=&r"(nzcv), [fpcr] "=&r"(fpcr)
            : [a] "r"(0x0123456789abcdefull + round), [b] "r"(0xfedcba9876543210ull - round),
              [pid] "r"((uint64_t)getpid())
            : "x0", "x1", "x2", "x8", "x9", "v8", "v15", "v16", "v31", "cc", "memory");
        uint64_t a = 0x0123456789abcdefull + round, b = 0xfedcba9876543210ull - round;
        if (out[0] != a || out[1] != a || out[2] != b || out[3] != b ||
            out[4] != a || out[5] != a || out[6] != b || out[7] != b) {
            printf("round %d: vector registers changed\n", round);
            bad++;
        }
        if (fpcr != (1u << 24) || (nzcv >> 28) != 0x6) {
            printf("round %d: fpcr=%llx nzcv=%llx\n", round, (unsigned long long)fpcr,
                   (unsigned long long)nzcv);
            bad++;
        }
    }
    printf("preserved across 10 handlers: %s\n", bad ? "no" : "yes");

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = edit_v0;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    uint64_t lo, hi;
    __asm__ volatile(
        "movi v0.16b, #0\n\t"
        "mov x8, #131\n\tmov x0, %[pid]\n\tmov x1, %[pid]\n\tmov x2, #12\n\tsvc #0\n\t"
        "mov %[lo], v0.d[0]\n\tmov %[hi], v0.d[1]"
        : [lo] "=&r"(lo), [hi] "=&r"(hi)
        : [pid] "r"((uint64_t)getpid())
        : "x0", "x1", "x2", "x8", "v0", "memory");
    printf("v0 after handler edit: %016llx%016llx\n", (unsigned long long)hi,
           (unsigned long long)lo);
    return 0;
}
