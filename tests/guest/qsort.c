/* qsort and bsearch over ints, structs and strings, with comparators that
 * go through function pointers (indirect calls and returns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    int key;
    short tag;
    char name[10];
};

static unsigned rng_state = 12345;

static unsigned rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_ints(void)
{
    enum { N = 20000 };
    int *v = malloc(N * sizeof(*v));
    for (int i = 0; i < N; i++)
        v[i] = (int)(rng() % 100000) - 50000;
    qsort(v, N, sizeof(*v), cmp_int);
    int sorted = 1;
    long sum = 0;
    for (int i = 0; i < N; i++) {
        if (i && v[i - 1] > v[i])
            sorted = 0;
        sum += (long)v[i] * (i % 7);
    }
    printf("ints sorted=%d min=%d max=%d weighted=%ld\n", sorted, v[0],
           v[N - 1], sum);
    int key = v[N / 3];
    int *hit = bsearch(&key, v, N, sizeof(*v), cmp_int);
    printf("bsearch found=%d value=%d\n", hit != NULL, hit ? *hit : 0);
    key = 60000;
    printf("bsearch missing=%d\n", bsearch(&key, v, N, sizeof(*v), cmp_int) == NULL);
    free(v);
}

static void sort_recs(void)
{
    enum { N = 500 };
    struct rec *r = calloc(N, sizeof(*r));
    for (int i = 0; i < N; i++) {
        r[i].key = (int)(rng() % 50);
        r[i].tag = (short)i;
        snprintf(r[i].name, sizeof(r[i].name), "n%05u", rng() % 100000);
    }
    qsort(r, N, sizeof(*r), cmp_rec);
    for (int i = 0; i < N; i += 50)
        printf("rec %3d key=%2d name=%s\n", i, r[i].key, r[i].name);
    free(r);
}

static void sort_strings(void)
{
    char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date",
                      "elderberry", "grape", "kiwi", "lemon", "apple2", "Zed" };
    size_t n = sizeof(words) / sizeof(words[0]);
    qsort(words, n, sizeof(words[0]), cmp_str);
    for (size_t i = 0; i < n; i++)
        printf("%s%c", words[i], i + 1 < n ? ' ' : '\n');
}

int main(void)
{
    sort_ints();
    sort_recs();
    sort_strings();
    return 0;
}
