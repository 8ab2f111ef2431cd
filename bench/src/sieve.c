/* Sieve of Eratosthenes over a byte array, repeated: tight loads, stores
 * and compares with a long-running inner loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LIMIT = 4000000, REPEAT = 40 };

int main(void)
{
    unsigned char *composite = malloc(LIMIT + 1);
    unsigned long total = 0;
    for (int r = 0; r < REPEAT; r++) {
        memset(composite, 0, LIMIT + 1);
        unsigned count = 0;
        for (unsigned i = 2; i <= LIMIT; i++) {
            if (composite[i])
                continue;
            count++;
            for (unsigned long j = (unsigned long)i * i; j <= LIMIT; j += i)
                composite[j] = 1;
        }
        total += count + (unsigned)r;
    }
    printf("sieve limit=%d checksum=%lu\n", LIMIT, total);
    free(composite);
    return 0;
}
