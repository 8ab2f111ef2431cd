/* fp-vec.c — AdvSIMD floating point: two-register misc (abs, neg, sqrt,
 * rounding, estimates, compares with zero), steps, FMULX, FABD, absolute
 * compares, pairwise and across-lanes min/max, FCVTXN; values printed with
 * %a and FPSR flags after each group. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static const float f[12] = { 1.5f, -2.5f, 0.0f, -0.0f, INFINITY, -INFINITY, 1.0e-40f,
                             3.4e38f, 2.5f, -0.49999997f, 100.75f, NAN };
static const double d[6] = { 0.1, -1e308, 4.9e-324, 2.5, -INFINITY, 1.0 / 3 };

static unsigned fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    __asm__ volatile("msr fpsr, xzr");
    return (unsigned)v;
}

static void p4(const char *n, float32x4_t v)
{
    printf("%-8s %a %a %a %a fpsr=%x\n", n, v[0], v[1], v[2], v[3], fpsr());
}

static void u4(const char *n, uint32x4_t v)
{
    printf("%-8s %08x %08x %08x %08x fpsr=%x\n", n, v[0], v[1], v[2], v[3], fpsr());
}

static void p2(const char *n, float64x2_t v)
{
    printf("%-8s %a %a fpsr=%x\n", n, v[0], v[1], fpsr());
}

static void singles(int o)
{
    float32x4_t a = vld1q_f32(f + o), b = vld1q_f32(f + 8 - o);
    fpsr();
    p4("fabs", vabsq_f32(a));
    p4("fneg", vnegq_f32(a));
    p4("fsqrt", vsqrtq_f32(a));
    p4("frintn", vrndnq_f32(b));
    p4("frintp", vrndpq_f32(a));
    p4("frintm", vrndmq_f32(b));
    p4("frintz", vrndq_f32(a));
    p4("frinta", vrndaq_f32(b));
    p4("frintx", vrndxq_f32(a));
    p4("frinti", vrndiq_f32(b));
    p4("frecpe", vrecpeq_f32(a));
    p4("frsqrte", vrsqrteq_f32(b));
    p4("frecps", vrecpsq_f32(a, b));
    p4("frsqrts", vrsqrtsq_f32(a, b));
    p4("fmulx", vmulxq_f32(a, b));
    p4("fabd", vabdq_f32(a, b));
    u4("facge", vcageq_f32(a, b));
    u4("facgt", vcagtq_f32(b, a));
    u4("fcmgtz", vcgtzq_f32(a));
    u4("fcmlez", vclezq_f32(b));
    u4("fcmltz", vcltzq_f32(a));
    p4("faddp", vpaddq_f32(a, b));
    p4("fmaxp", vpmaxq_f32(a, b));
    p4("fminnmp", vpminnmq_f32(a, b));
    printf("across %a %a %a %a fpsr=%x\n", vmaxvq_f32(a), vminvq_f32(b), vmaxnmvq_f32(a),
           vminnmvq_f32(b), fpsr());
    printf("scalar %a %a %a fpsr=%x\n", vrecpxs_f32(f[o]), vrecpes_f32(f[o + 1]),
           vmulxs_f32(f[o], f[o + 3]), fpsr());
}

static void doubles(int o)
{
    float64x2_t a = vld1q_f64(d + o), b = vld1q_f64(d + 4 - o);
    fpsr();
    p2("fsqrt", vsqrtq_f64(a));
    p2("frinta", vrndaq_f64(b));
    p2("frecpe", vrecpeq_f64(a));
    p2("frsqrte", vrsqrteq_f64(b));
    p2("frecps", vrecpsq_f64(a, b));
    p2("fabd", vabdq_f64(a, b));
    p2("fmaxnmp", vpmaxnmq_f64(a, b));
    float32x2_t x = vcvtx_f32_f64(a);
    printf("fcvtxn %a %a fpsr=%x\n", x[0], x[1], fpsr());
    printf("fcvtxns %a fpsr=%x\n", vcvtxd_f32_f64(d[o] * 3), fpsr());
}

int main(void)
{
    for (int o = 0; o <= 4; o++) {
        printf("-- %d\n", o);
        singles(o);
        if (o <= 4)
            doubles(o < 3 ? o : 2);
    }
    return 0;
}
