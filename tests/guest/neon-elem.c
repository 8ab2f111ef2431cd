/* neon-elem.c — AdvSIMD by-element multiplies (integer and FP, vector and
 * scalar) and the dot product (vector and by element). */
#pragma GCC target("arch=armv8.2-a+dotprod")

#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

static const int16_t h[16] = { 1, -1, 32767, -32768, 1000, -1000, 7, -7,
                               16384, -16384, 2, 255, -256, 12345, -12345, 0 };
static const float f[8] = { 1.5f, -2.25f, 0.0f, -0.0f, 3.0e38f, 1.0e-38f, 7.0f, -1.0f / 3 };

static unsigned qc(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    __asm__ volatile("msr fpsr, xzr");
    return (unsigned)(v >> 27) & 1;
}

static void show(const char *name, const void *p, int n)
{
    const uint8_t *b = p;
    printf("%-10s", name);
    for (int i = 0; i < n; i++)
        printf("%02x", b[i]);
    printf(" qc=%u\n", qc());
}

#define SHOWQ(name, v) do { __typeof__(v) t_ = (v); show(name, &t_, 16); } while (0)

static void ints(int o)
{
    int16x8_t a = vld1q_s16(h + o), b = vld1q_s16(h + 8 - o);
    int32x4_t w = vreinterpretq_s32_s16(b), v = vreinterpretq_s32_s16(a);
    qc();
    SHOWQ("mul", vmulq_laneq_s16(a, b, 3));
    SHOWQ("mla", vmlaq_laneq_s16(a, a, b, 7));
    SHOWQ("mls", vmlsq_laneq_s32(w, v, w, 1));
    SHOWQ("smull", vmull_laneq_s16(vget_low_s16(a), b, 2));
    SHOWQ("umlal2", vmlal_high_laneq_u16(vreinterpretq_u32_s32(w), vreinterpretq_u16_s16(a), vreinterpretq_u16_s16(b), 5));
    SHOWQ("smlsl", vmlsl_laneq_s32(vreinterpretq_s64_s32(v), vget_low_s32(w), v, 3));
    SHOWQ("sqdmulh", vqdmulhq_laneq_s16(a, b, 3));
    SHOWQ("sqrdmulh", vqrdmulhq_laneq_s32(v, w, 0));
    SHOWQ("sqdmull", vqdmull_laneq_s16(vget_low_s16(a), b, 3));
    SHOWQ("sqdmlal", vqdmlal_laneq_s32(vreinterpretq_s64_s32(w), vget_low_s32(v), w, 1));
    SHOWQ("sqdmlsl2", vqdmlsl_high_laneq_s16(w, a, b, 6));
    int8x16_t c = vreinterpretq_s8_s16(a), d = vreinterpretq_s8_s16(b);
    SHOWQ("sdot", vdotq_s32(w, c, d));
    SHOWQ("udot", vdotq_u32(vreinterpretq_u32_s32(v), vreinterpretq_u8_s8(c), vreinterpretq_u8_s8(d)));
    SHOWQ("sdotl", vdotq_laneq_s32(w, c, d, 2));
    SHOWQ("udotl", vdotq_lane_u32(vreinterpretq_u32_s32(v), vreinterpretq_u8_s8(c), vget_low_u8(vreinterpretq_u8_s8(d)), 1));
    printf("sqdmulhs %08x qc=%u\n", (unsigned)vqdmulhs_laneq_s32(vgetq_lane_s32(v, 0), w, 3), qc());
}

static void fps(int o)
{
    float32x4_t a = vld1q_f32(f + o), b = vld1q_f32(f + 4 - o);
    float64x2_t x = vcvt_f64_f32(vget_low_f32(a)), y = vcvt_high_f64_f32(b);
    float32x4_t r[4] = { vmulq_laneq_f32(a, b, 1), vfmaq_laneq_f32(a, a, b, 3),
                         vfmsq_laneq_f32(b, a, b, 0), vmulxq_laneq_f32(a, b, 2) };
    for (int i = 0; i < 4; i++)
        printf("f%d %a %a %a %a\n", i, r[i][0], r[i][1], r[i][2], r[i][3]);
    float64x2_t d[4] = { vmulq_laneq_f64(x, y, 1), vfmaq_laneq_f64(x, x, y, 0),
                         vfmsq_laneq_f64(y, x, y, 1), vmulxq_laneq_f64(x, y, 0) };
    for (int i = 0; i < 4; i++)
        printf("d%d %a %a\n", i, d[i][0], d[i][1]);
    printf("s %a %a\n", vmuls_laneq_f32(f[o], b, 3), vmulxd_laneq_f64(f[o + 1], y, 1));
}

int main(void)
{
    for (int o = 0; o <= 4; o++) {
        printf("-- %d\n", o);
        ints(o);
        fps(o);
    }
    return 0;
}
