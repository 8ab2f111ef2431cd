/* Integer hashing over a buffer: xorshift64* fills 4 MiB, then FNV-1a
 * (byte-wise) and a 64-bit multiply-rotate hash (word-wise) run over it
 * several times.  Exercises shifts, multiplies and sequential loads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { WORDS = 1 << 19, PASSES = 120 };

int main(void)
{
    uint64_t *buf = malloc(WORDS * sizeof(uint64_t));
    uint64_t x = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < WORDS; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        buf[i] = x * 0x2545f4914f6cdd1dull;
    }
    uint32_t fnv = 2166136261u;
    uint64_t mr = 0;
    for (int p = 0; p < PASSES; p++) {
        const uint8_t *bytes = (const uint8_t *)buf;
        for (size_t i = 0; i < WORDS * sizeof(uint64_t); i++)
            fnv = (fnv ^ bytes[i]) * 16777619u;
        for (int i = 0; i < WORDS; i++) {
            mr ^= buf[i] * 0x9e3779b97f4a7c15ull;
            mr = (mr << 31) | (mr >> 33);
            mr *= 0xff51afd7ed558ccdull;
        }
    }
    printf("hash fnv=%08x mr=%016llx\n", fnv, (unsigned long long)mr);
    free(buf);
    return 0;
}
