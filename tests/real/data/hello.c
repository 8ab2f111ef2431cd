/* A small C program for the gcc cases: integer and floating-point work,
 * qsort with a callback, a struct, varargs formatting, and libm. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct city {
    const char *name;
    int population;
    double area;
};

static int by_density(const void *a, const void *b)
{
    const struct city *x = a, *y = b;
    double dx = x->population / x->area, dy = y->population / y->area;
    return (dx < dy) - (dx > dy);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

int main(int argc, char **argv)
{
    struct city c[] = {
        { "Oslo", 709037, 454.0 }, { "Lima", 9751000, 2672.3 },
        { "Rome", 2761632, 1287.36 }, { "Kyiv", 2952301, 839.0 },
        { "Paris", 2102650, 105.4 },
    };
    int n = sizeof(c) / sizeof(c[0]);
    qsort(c, n, sizeof(c[0]), by_density);
    for (int i = 0; i < n; i++)
        printf("%-6s %10.2f people/km2  hash %016llx\n", c[i].name,
               c[i].population / c[i].area,
               (unsigned long long)fnv1a(c[i].name));
    long primes = 0;
    for (long k = 2; k < 20000; k++) {
        int p = 1;
        for (long d = 2; d * d <= k; d++)
            if (k % d == 0) { p = 0; break; }
        primes += p;
    }
    printf("primes below 20000: %ld\n", primes);
    printf("sqrt(2)=%.15f exp(1)=%.15f atan2=%.12f\n", sqrt(2.0), exp(1.0),
           atan2(1.0, -3.0));
    char buf[64];
    snprintf(buf, sizeof(buf), "%s has %d arguments", argv[0] + strlen(argv[0]) - 5, argc);
    puts(buf);
    return primes % 7;
}
