/* glibc qsort of 1M pseudo-random ints through a comparator: indirect
 * calls, returns and glibc's merge/quick sort internals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 1000000 };

static int cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    int *v = malloc(N * sizeof(int));
    uint32_t s = 1;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = (int)(s >> 1);
    }
    qsort(v, N, sizeof(int), cmp);
    uint64_t check = 0;
    for (int i = 0; i < N; i += 997)
        check = check * 31 + (uint32_t)v[i];
    int ok = 1;
    for (int i = 1; i < N; i++)
        ok &= v[i - 1] <= v[i];
    printf("qsort sorted=%d check=%016llx\n", ok, (unsigned long long)check);
    free(v);
    return 0;
}
