/* vec-loops.c — loops GCC auto-vectorizes at -O3 (forced here with the
 * optimize pragma so the -O0 and -O2 builds vectorize too): saturating and
 * rounding-average arithmetic, absolute differences, widening reductions,
 * dot products, min/max, shifts, narrowing, and FP maps and reductions. */
#pragma GCC optimize("O3")
#pragma GCC target("arch=armv8.2-a+dotprod")

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>

#define N 203

static int8_t s8a[N], s8b[N];
static uint8_t u8a[N], u8b[N], u8r[N];
static int16_t s16a[N], s16b[N], s16r[N];
static int32_t s32a[N], s32r[N];
static float fa[N], fb[N], fr[N];
static double da[N], dr[N];

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 7; }

static void init(void)
{
    for (int i = 0; i < N; i++) {
        s8a[i] = (int8_t)rnd(); s8b[i] = (int8_t)rnd();
        u8a[i] = (uint8_t)rnd(); u8b[i] = (uint8_t)rnd();
        s16a[i] = (int16_t)rnd(); s16b[i] = (int16_t)(rnd() % 2000 - 1000);
        s32a[i] = (int32_t)rnd() - (1 << 23);
        fa[i] = (float)((int)(rnd() % 20001) - 10000) / 64.0f;
        fb[i] = (float)(rnd() % 1000) / 7.0f + 0.5f;
        da[i] = (double)((int)(rnd() % 20001) - 10000) / 3.0;
    }
}

static uint64_t sum8(const uint8_t *p) { uint64_t s = 0; for (int i = 0; i < N; i++) s = s * 31 + p[i]; return s; }
static uint64_t sum16(const int16_t *p) { uint64_t s = 0; for (int i = 0; i < N; i++) s = s * 31 + (uint16_t)p[i]; return s; }
static uint64_t sum32(const int32_t *p) { uint64_t s = 0; for (int i = 0; i < N; i++) s = s * 31 + (uint32_t)p[i]; return s; }

static void ints(void)
{
    for (int i = 0; i < N; i++) {
        int v = u8a[i] + u8b[i];
        u8r[i] = v > 255 ? 255 : (uint8_t)v;
    }
    printf("uqadd %016llx\n", (unsigned long long)sum8(u8r));
    for (int i = 0; i < N; i++)
        u8r[i] = (uint8_t)((u8a[i] + u8b[i] + 1) >> 1);
    printf("urhadd %016llx\n", (unsigned long long)sum8(u8r));
    for (int i = 0; i < N; i++) {
        int v = s16a[i] - s16b[i];
        s16r[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    printf("sqsub %016llx\n", (unsigned long long)sum16(s16r));
    unsigned sad = 0;
    for (int i = 0; i < N; i++)
        sad += (unsigned)abs(u8a[i] - u8b[i]);
    printf("sad %u\n", sad);
    int dot = 0;
    for (int i = 0; i < N; i++)
        dot += s8a[i] * s8b[i];
    printf("sdot %d\n", dot);
    unsigned udot = 0;
    for (int i = 0; i < N; i++)
        udot += (unsigned)u8a[i] * u8b[i];
    printf("udot %u\n", udot);
    long long wide = 0;
    for (int i = 0; i < N; i++)
        wide += (long long)s32a[i] * s16b[i];
    printf("smlal %lld\n", wide);
    int mx = -100000, mn = 100000;
    for (int i = 0; i < N; i++) {
        mx = s16a[i] > mx ? s16a[i] : mx;
        mn = s16b[i] < mn ? s16b[i] : mn;
    }
    printf("minmax %d %d\n", mx, mn);
    for (int i = 0; i < N; i++)
        s32r[i] = (s32a[i] + (1 << 4)) >> 5;
    printf("rshr %016llx\n", (unsigned long long)sum32(s32r));
    for (int i = 0; i < N; i++)
        s16r[i] = (int16_t)((s32a[i] * (int)s16b[i]) >> 16);
    printf("mulh %016llx\n", (unsigned long long)sum16(s16r));
    for (int i = 0; i < N; i++)
        s32r[i] = abs(s32a[i] - s16b[i] * 7);
    printf("abs %016llx\n", (unsigned long long)sum32(s32r));
    for (int i = 0; i < N; i++)
        u8r[i] = (uint8_t)(u8a[i] << (u8b[i] & 7));
    printf("ushl %016llx\n", (unsigned long long)sum8(u8r));
    for (int i = 0; i < N; i++)
        s32r[i] = __builtin_clz((unsigned)s32a[i] | 1);
    printf("clz %016llx\n", (unsigned long long)sum32(s32r));
}

static void fps(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = sqrtf(fabsf(fa[i])) + fb[i] * fa[i];
    double s = 0;
    for (int i = 0; i < N; i++)
        s += fr[i];
    printf("fmap %a\n", s);
    for (int i = 0; i < N; i++)
        fr[i] = floorf(fa[i] / fb[i]) + roundf(fa[i]) - truncf(fb[i]) + ceilf(fa[i] * 0.3f);
    float fs = 0;
    for (int i = 0; i < N; i++)
        fs += fr[i];
    printf("frint %a\n", fs);
    float mx = -INFINITY, mn = INFINITY;
    for (int i = 0; i < N; i++) {
        mx = fmaxf(mx, fa[i]);
        mn = fminf(mn, fa[i] - fb[i]);
    }
    printf("fminmax %a %a\n", mx, mn);
    for (int i = 0; i < N; i++)
        dr[i] = fabs(da[i] - fa[i]) * -1.0 + nearbyint(da[i]);
    double ds = 0;
    for (int i = 0; i < N; i++)
        ds += dr[i];
    printf("dmap %a\n", ds);
    for (int i = 0; i < N; i++)
        s32r[i] = (int32_t)(fa[i] * 3.5f);
    printf("fcvt %016llx\n", (unsigned long long)sum32(s32r));
}

int main(void)
{
    init();
    ints();
    fps();
    return 0;
}
