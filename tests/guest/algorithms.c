/* Classic integer kernels with known answers: table-driven CRC-32, sieve
 * of Eratosthenes, merge sort, binary heap, Fibonacci modulo a prime,
 * matrix multiply, and a Collatz search. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const void *data, size_t n)
{
    const uint8_t *p = data;
    uint32_t c = 0xffffffffu;
    while (n--)
        c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static int sieve(int n)
{
    char *composite = calloc(n + 1, 1);
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i])
            continue;
        count++;
        for (long j = (long)i * i; j <= n; j += i)
            composite[j] = 1;
    }
    free(composite);
    return count;
}

static void merge_sort(int *a, int *tmp, int n)
{
    if (n < 2)
        return;
    int h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof(*a));
}

static void heap_push(int *h, int *n, int v)
{
    int i = (*n)++;
    while (i > 0 && h[(i - 1) / 2] > v) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = v;
}

static int heap_pop(int *h, int *n)
{
    int top = h[0], v = h[--(*n)], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && h[c + 1] < h[c])
            c++;
        if (h[c] >= v)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
    return top;
}

static void sorts(void)
{
    enum { N = 5000 };
    int *a = malloc(N * sizeof(int)), *t = malloc(N * sizeof(int));
    int *h = malloc(N * sizeof(int)), hn = 0;
    uint32_t x = 1;
    for (int i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        a[i] = (int)(x >> 8) % 10007;
        heap_push(h, &hn, a[i]);
    }
    merge_sort(a, t, N);
    int agree = 1;
    for (int i = 0; i < N; i++)
        if (heap_pop(h, &hn) != a[i])
            agree = 0;
    printf("merge sort vs heap agree=%d median=%d crc=%08x\n", agree, a[N / 2],
           crc32(a, N * sizeof(int)));
    free(a);
    free(t);
    free(h);
}

static void numbers(void)
{
    uint64_t f0 = 0, f1 = 1;
    for (int i = 0; i < 100000; i++) {
        uint64_t f2 = (f0 + f1) % 1000000007u;
        f0 = f1;
        f1 = f2;
    }
    printf("fib(100000) mod 1e9+7 = %llu\n", (unsigned long long)f0);
    int best = 0, best_len = 0;
    for (int s = 1; s < 30000; s++) {
        uint64_t v = s;
        int len = 1;
        while (v != 1) {
            v = v & 1 ? 3 * v + 1 : v / 2;
            len++;
        }
        if (len > best_len) {
            best_len = len;
            best = s;
        }
    }
    printf("longest collatz below 30000: %d (%d steps)\n", best, best_len);
    static int m1[24][24], m2[24][24], m3[24][24];
    for (int i = 0; i < 24; i++)
        for (int j = 0; j < 24; j++) {
            m1[i][j] = i - j;
            m2[i][j] = i * j % 7;
        }
    long trace = 0;
    for (int i = 0; i < 24; i++)
        for (int j = 0; j < 24; j++) {
            int s = 0;
            for (int k = 0; k < 24; k++)
                s += m1[i][k] * m2[k][j];
            m3[i][j] = s;
        }
    for (int i = 0; i < 24; i++)
        trace += m3[i][i] * (i + 1);
    printf("matrix weighted trace %ld\n", trace);
}

int main(void)
{
    crc_init();
    printf("crc32(\"123456789\") = %08x\n", crc32("123456789", 9));
    printf("primes below 1000000: %d\n", sieve(1000000));
    sorts();
    numbers();
    return 0;
}
