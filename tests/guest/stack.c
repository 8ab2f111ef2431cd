/* The initial stack: deep recursion using several MiB (within the default
 * 8 MiB limit), variable-length arrays and alloca, and stack alignment at
 * every depth (AArch64 requires SP % 16 == 0 at each access through sp). */
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int misaligned;

static long deep(int depth)
{
    volatile char pad[200];
    pad[0] = (char)depth;
    pad[199] = (char)(depth >> 8);
    if ((uintptr_t)__builtin_frame_address(0) % 16)
        misaligned++;
    if (depth == 0)
        return pad[0];
    return deep(depth - 1) + pad[0] + pad[199];
}

static long vla(int n)
{
    long a[n];
    for (int i = 0; i < n; i++)
        a[i] = (long)i * i;
    long s = 0;
    for (int i = n - 1; i >= 0; i -= 3)
        s += a[i];
    return s;
}

static unsigned long with_alloca(size_t n)
{
    unsigned char *p = alloca(n);
    memset(p, 0xab, n);
    unsigned long s = 0;
    for (size_t i = 0; i < n; i += 512)
        s += p[i];
    return s + ((uintptr_t)p % 16 == 0);
}

int main(void)
{
    printf("deep(20000)=%ld\n", deep(20000));
    printf("misaligned frames=%d\n", misaligned);
    printf("vla(100000)=%ld\n", vla(100000));
    printf("alloca(1 MiB)=%lu\n", with_alloca(1 << 20));
    return 0;
}
