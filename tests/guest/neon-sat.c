/* neon-sat.c — AdvSIMD saturating, rounding, halving, absolute-difference,
 * register-shift, pairwise-long and narrowing intrinsics over edge-case
 * inputs; prints every result and FPSR.QC. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

static const int8_t in8[4][16] = {
    { 0, 1, -1, 127, -128, 100, -100, 64, -64, 5, -5, 126, -127, 33, -33, 2 },
    { 127, 127, -128, 1, -1, 100, -100, -64, 64, 7, -7, 2, -2, 99, -99, -128 },
    { -8, 8, 0, 7, -7, 1, -1, 9, -9, 16, -16, 64, -64, 127, -128, 3 },
    { 3, -3, 120, -120, 55, -55, 0, 1, 2, 4, 8, 16, 32, 64, -65, -1 },
};

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
#define SHOWD(name, v) do { __typeof__(v) t_ = (v); show(name, &t_, 8); } while (0)

static void bytes(int i, int j)
{
    int8x16_t a = vld1q_s8(in8[i]), b = vld1q_s8(in8[j]);
    uint8x16_t ua = vreinterpretq_u8_s8(a), ub = vreinterpretq_u8_s8(b);
    qc();
    SHOWQ("sqadd", vqaddq_s8(a, b));
    SHOWQ("uqadd", vqaddq_u8(ua, ub));
    SHOWQ("sqsub", vqsubq_s8(a, b));
    SHOWQ("uqsub", vqsubq_u8(ua, ub));
    SHOWQ("suqadd", vuqaddq_s8(a, ub));
    SHOWQ("usqadd", vsqaddq_u8(ua, b));
    SHOWQ("sqabs", vqabsq_s8(a));
    SHOWQ("sqneg", vqnegq_s8(a));
    SHOWQ("shadd", vhaddq_s8(a, b));
    SHOWQ("uhadd", vhaddq_u8(ua, ub));
    SHOWQ("srhadd", vrhaddq_s8(a, b));
    SHOWQ("urhadd", vrhaddq_u8(ua, ub));
    SHOWQ("shsub", vhsubq_s8(a, b));
    SHOWQ("uhsub", vhsubq_u8(ua, ub));
    SHOWQ("sabd", vabdq_s8(a, b));
    SHOWQ("uabd", vabdq_u8(ua, ub));
    SHOWQ("saba", vabaq_s8(a, a, b));
    SHOWQ("uaba", vabaq_u8(ub, ua, ub));
    SHOWQ("sshl", vshlq_s8(a, vshrq_n_s8(b, 4)));
    SHOWQ("ushl", vshlq_u8(ua, vshrq_n_s8(b, 3)));
    SHOWQ("srshl", vrshlq_s8(a, vshrq_n_s8(b, 4)));
    SHOWQ("urshl", vrshlq_u8(ua, vshrq_n_s8(b, 4)));
    SHOWQ("sqshl", vqshlq_s8(a, vshrq_n_s8(b, 4)));
    SHOWQ("uqshl", vqshlq_u8(ua, vshrq_n_s8(b, 4)));
    SHOWQ("sqrshl", vqrshlq_s8(a, vshrq_n_s8(b, 5)));
    SHOWQ("uqrshl", vqrshlq_u8(ua, vshrq_n_s8(b, 5)));
    SHOWQ("pmul", vmulq_p8(vreinterpretq_p8_s8(a), vreinterpretq_p8_s8(b)));
    SHOWQ("cls", vclsq_s8(a));
    SHOWQ("clz", vclzq_s8(b));
    SHOWQ("srshr3", vrshrq_n_s8(a, 3));
    SHOWQ("urshr8", vrshrq_n_u8(ua, 8));
    SHOWQ("srsra2", vrsraq_n_s8(b, a, 2));
    SHOWQ("ursra7", vrsraq_n_u8(ub, ua, 7));
    SHOWQ("sqshl3", vqshlq_n_s8(a, 3));
    SHOWQ("uqshl1", vqshlq_n_u8(ua, 1));
    SHOWQ("sqshlu2", vqshluq_n_s8(a, 2));
    SHOWQ("saddlp", vpaddlq_s8(a));
    SHOWQ("uadalp", vpadalq_u8(vreinterpretq_u16_s8(b), ua));
}

static void halves(int i, int j)
{
    int16x8_t a = vreinterpretq_s16_s8(vld1q_s8(in8[i]));
    int16x8_t b = vreinterpretq_s16_s8(vld1q_s8(in8[j]));
    int32x4_t w = vreinterpretq_s32_s8(vld1q_s8(in8[j]));
    qc();
    SHOWQ("sqdmulh", vqdmulhq_s16(a, b));
    SHOWQ("sqrdmulh", vqrdmulhq_s16(a, b));
    SHOWQ("sqdmull", vqdmull_s16(vget_low_s16(a), vget_low_s16(b)));
    SHOWQ("sqdmlal2", vqdmlal_high_s16(w, a, b));
    SHOWQ("sqdmlsl", vqdmlsl_s16(w, vget_high_s16(a), vget_low_s16(b)));
    SHOWD("sqxtn", vqmovn_s16(a));
    SHOWD("uqxtn", vqmovn_u16(vreinterpretq_u16_s16(b)));
    SHOWD("sqxtun", vqmovun_s16(a));
    SHOWQ("sqxtn2", vqmovn_high_s32(vqmovn_s32(w), vreinterpretq_s32_s16(a)));
    SHOWD("rshrn", vrshrn_n_s16(a, 3));
    SHOWD("sqshrn", vqshrn_n_s16(a, 2));
    SHOWD("uqshrn", vqshrn_n_u16(vreinterpretq_u16_s16(b), 4));
    SHOWD("sqrshrn", vqrshrn_n_s16(b, 1));
    SHOWD("uqrshrn", vqrshrn_n_u16(vreinterpretq_u16_s16(a), 7));
    SHOWD("sqshrun", vqshrun_n_s16(a, 5));
    SHOWD("sqrshrun", vqrshrun_n_s16(b, 8));
    SHOWD("raddhn", vraddhn_s16(a, b));
    SHOWD("rsubhn", vrsubhn_s16(a, b));
    SHOWQ("sabdl", vabdl_s16(vget_low_s16(a), vget_low_s16(b)));
    SHOWQ("uabal2", vabal_high_u16(vreinterpretq_u32_s32(w), vreinterpretq_u16_s16(a), vreinterpretq_u16_s16(b)));
    SHOWQ("sqadd64", vqaddq_s64(vreinterpretq_s64_s16(a), vreinterpretq_s64_s16(b)));
    SHOWQ("urecpe", vrecpeq_u32(vreinterpretq_u32_s16(a)));
    SHOWQ("ursqrte", vrsqrteq_u32(vreinterpretq_u32_s16(b)));
    int16_t s = vqaddh_s16(vgetq_lane_s16(a, 3), vgetq_lane_s16(b, 3));
    int32_t d = vqdmulls_s32(vgetq_lane_s32(w, 1), vgetq_lane_s32(w, 2)) != 0;
    printf("scalar %04x %d qc=%u\n", (uint16_t)s, d, qc());
}

int main(void)
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            printf("-- %d %d\n", i, j);
            bytes(i, j);
            halves(i, j);
        }
    return 0;
}
