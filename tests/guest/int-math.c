/* Integer arithmetic as compilers lower it at -O0 and -O2: 128-bit
 * multiply and divide, signed/unsigned division and remainder with every
 * sign combination, shifts by variable amounts, rotates, popcount/clz/ctz/
 * bswap builtins, overflow-checking builtins, and saturating idioms. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t vs[] = { 0, 1, -1, 7, -7, 100, -100, INT64_MAX, INT64_MIN,
                                 0x123456789abcdefLL, -0x5555555555LL };
enum { NV = sizeof(vs) / sizeof(vs[0]) };

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t division(void)
{
    uint64_t h = 0;
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j++) {
            int64_t a = vs[i], b = vs[j];
            if (b == 0 || (a == INT64_MIN && b == -1))
                continue;
            h = mix(h, (uint64_t)(a / b));
            h = mix(h, (uint64_t)(a % b));
            h = mix(h, (uint64_t)a / (uint64_t)b);
            h = mix(h, (uint64_t)a % (uint64_t)b);
            h = mix(h, (uint32_t)((int32_t)a / ((int32_t)b | 1)));
            h = mix(h, (uint32_t)a % ((uint32_t)b | 1));
        }
    return h;
}

static uint64_t wide(void)
{
    uint64_t h = 0;
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j++) {
            __int128 p = (__int128)vs[i] * vs[j];
            unsigned __int128 u = (unsigned __int128)(uint64_t)vs[i] * (uint64_t)vs[j];
            h = mix(h, (uint64_t)(p >> 64));
            h = mix(h, (uint64_t)(u >> 64));
            h = mix(h, (uint64_t)u);
            if (vs[j] != 0)
                h = mix(h, (uint64_t)(u / (uint64_t)vs[j]));
        }
    return h;
}

static uint64_t bits(void)
{
    uint64_t h = 0;
    for (int i = 0; i < NV; i++) {
        uint64_t v = (uint64_t)vs[i];
        h = mix(h, __builtin_popcountll(v));
        h = mix(h, v ? __builtin_clzll(v) : 64);
        h = mix(h, v ? __builtin_ctzll(v) : 64);
        h = mix(h, __builtin_clrsbll((long long)v));
        h = mix(h, __builtin_bswap64(v));
        h = mix(h, __builtin_bswap32((uint32_t)v));
        h = mix(h, __builtin_bswap16((uint16_t)v));
        for (unsigned s = 0; s < 64; s += 5) {
            h = mix(h, v << s);
            h = mix(h, v >> s);
            h = mix(h, (uint64_t)(vs[i] >> s));
            h = mix(h, (v >> s) | (v << ((64 - s) & 63)));
            h = mix(h, (uint32_t)v >> (s & 31));
            h = mix(h, (uint32_t)((int32_t)v >> (s & 31)));
        }
    }
    return h;
}

static uint64_t overflow(void)
{
    uint64_t h = 0;
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j++) {
            int64_t r;
            int32_t r32;
            h = mix(h, __builtin_add_overflow(vs[i], vs[j], &r));
            h = mix(h, (uint64_t)r);
            h = mix(h, __builtin_sub_overflow(vs[i], vs[j], &r));
            h = mix(h, __builtin_mul_overflow(vs[i], vs[j], &r));
            h = mix(h, (uint64_t)r);
            h = mix(h, __builtin_mul_overflow((int32_t)vs[i], (int32_t)vs[j], &r32));
            h = mix(h, (uint32_t)r32);
            int64_t lo = vs[i] < vs[j] ? vs[i] : vs[j];
            uint64_t ulo = (uint64_t)vs[i] < (uint64_t)vs[j] ? vs[i] : vs[j];
            h = mix(h, (uint64_t)lo ^ ulo);
            h = mix(h, (vs[i] > vs[j]) + 2 * ((uint64_t)vs[i] > (uint64_t)vs[j]));
        }
    return h;
}

int main(void)
{
    printf("division %016llx\n", (unsigned long long)division());
    printf("wide     %016llx\n", (unsigned long long)wide());
    printf("bits     %016llx\n", (unsigned long long)bits());
    printf("overflow %016llx\n", (unsigned long long)overflow());
    printf("INT64_MIN / 1 unsigned: %llx\n",
           (unsigned long long)vs[8] / 1ull);
    return 0;
}
