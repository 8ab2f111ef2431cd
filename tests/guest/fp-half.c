/* fp-half.c — conversions between half precision and single/double
 * (scalar FCVT and vector FCVTL/FCVTN), in every rounding mode and with
 * FPCR.AHP (alternative half precision); prints bits and FPSR flags. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const float fin[] = { 1.0f, -2.5f, 65504.0f, 65520.0f, 1e6f, -1e-8f, 6.1e-5f, 3e-5f,
                             0.33333334f, -0.0f, INFINITY, -NAN, 131008.0f, 5.96e-8f, 2.98e-8f, 1.0009766f };
static const double din[] = { 1.0 / 3, -65519.99, 1e-300, 0x1.ffep-15, 0x1.0008p0, 70000.0 };
static const uint16_t hin[] = { 0x3c00, 0x7bff, 0x0001, 0x8200, 0x7c00, 0xfe01, 0x7d00, 0xffff };

static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" :: "r"(v)); }

static unsigned fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    __asm__ volatile("msr fpsr, xzr");
    return (unsigned)v;
}

static uint16_t bits16(__fp16 h) { uint16_t b; memcpy(&b, &h, 2); return b; }

static void run(unsigned mode, int ahp)
{
    volatile __fp16 h;
    set_fpcr((uint64_t)mode << 22 | (uint64_t)ahp << 26);
    fpsr();
    printf("mode %u ahp %d\n", mode, ahp);
    for (unsigned i = 0; i < sizeof(fin) / sizeof(fin[0]); i++) {
        h = (__fp16)fin[i];
        printf(" s->h %04x fpsr=%x\n", bits16(h), fpsr());
    }
    for (unsigned i = 0; i < sizeof(din) / sizeof(din[0]); i++) {
        h = (__fp16)din[i];
        printf(" d->h %04x fpsr=%x\n", bits16(h), fpsr());
    }
    for (unsigned i = 0; i < sizeof(hin) / sizeof(hin[0]); i++) {
        __fp16 x;
        memcpy(&x, &hin[i], 2);
        float f = x;
        double d = x;
        printf(" h->s %a h->d %a fpsr=%x\n", f, d, fpsr());
    }
    for (unsigned i = 0; i < 16; i += 4) {
        float16x4_t v = vcvt_f16_f32(vld1q_f32(fin + i));
        float32x4_t w = vcvt_f32_f16(v);
        uint64_t b;
        memcpy(&b, &v, 8);
        printf(" vec %016llx %a %a fpsr=%x\n", (unsigned long long)b, w[0], w[3], fpsr());
    }
    set_fpcr(0);
}

int main(void)
{
    for (unsigned mode = 0; mode < 4; mode++) {
        run(mode, 0);
        run(mode, 1);
    }
    return 0;
}
