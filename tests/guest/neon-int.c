/* neon-int.c — AdvSIMD integer operations through arm_neon.h intrinsics:
 * the instructions tern runs as host-SIMD VEC ops (bitwise, add/sub/mul/
 * mla/mls, compares, min/max, pairwise, across lanes, shifts by immediate,
 * saturating add/sub with FPSR.QC, permutes, REV, CNT, narrowing, widening,
 * TBL/TBX, DUP lane, multiply by element), in 64- and 128-bit forms, on edge-biased pseudo-random data.
 * Each group folds its results into a checksum printed once; loops run
 * many times so that chained TBs really execute.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Bytes biased to 0, 1, 0x7f, 0x80, 0xff and small indices. */
static void fill(uint8_t *p, unsigned n)
{
    static const uint8_t edge[] = { 0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x10, 0x1f, 0x20 };
    for (unsigned i = 0; i < n; i++) {
        uint64_t r = next();
        p[i] = r % 3 ? edge[(r >> 8) % sizeof(edge)] : (uint8_t)(r >> 16);
    }
}

static uint64_t sum;

static void mix(uint8x16_t v)
{
    uint64_t lo = vgetq_lane_u64(vreinterpretq_u64_u8(v), 0);
    uint64_t hi = vgetq_lane_u64(vreinterpretq_u64_u8(v), 1);
    sum = (sum ^ lo) * 0x100000001b3ull + hi;
}

static void mix8(uint8x8_t v) { mix(vcombine_u8(v, vdup_n_u8(0x5a))); }

static unsigned read_qc(void)
{
    uint64_t fpsr;
    __asm__ volatile("mrs %0, fpsr" : "=r"(fpsr));
    __asm__ volatile("msr fpsr, %0" : : "r"(0ull));
    return (fpsr >> 27) & 1;
}

#define U8(x) vreinterpretq_u8_##x

static void lanes(uint8x16_t a, uint8x16_t b, uint8x16_t c)
{
    int8x16_t sa = vreinterpretq_s8_u8(a), sb = vreinterpretq_s8_u8(b);
    uint16x8_t ha = vreinterpretq_u16_u8(a), hb = vreinterpretq_u16_u8(b);
    uint32x4_t wa = vreinterpretq_u32_u8(a), wb = vreinterpretq_u32_u8(b);
    int64x2_t da = vreinterpretq_s64_u8(a), db = vreinterpretq_s64_u8(b);
    mix(vandq_u8(a, b)); mix(vorrq_u8(a, b)); mix(veorq_u8(a, b));
    mix(vbicq_u8(a, b)); mix(vornq_u8(a, b)); mix(vmvnq_u8(a));
    mix(vbslq_u8(c, a, b));
    mix(vaddq_u8(a, b)); mix(U8(u16)(vaddq_u16(ha, hb))); mix(U8(u32)(vsubq_u32(wa, wb)));
    mix(U8(s64)(vaddq_s64(da, db))); mix8(vsub_u8(vget_low_u8(a), vget_low_u8(b)));
    mix(vmulq_u8(a, b)); mix(U8(u16)(vmulq_u16(ha, hb))); mix(U8(u32)(vmulq_u32(wa, wb)));
    mix(vmlaq_u8(c, a, b)); mix(U8(u16)(vmlsq_u16(vreinterpretq_u16_u8(c), ha, hb)));
    mix(U8(u32)(vmlaq_laneq_u32(vreinterpretq_u32_u8(c), wa, wb, 3)));
    mix(U8(u16)(vmulq_laneq_u16(ha, hb, 6))); mix(U8(u16)(vcombine_u16(vmls_lane_u16(vget_low_u16(ha), vget_low_u16(hb), vget_low_u16(hb), 1), vget_low_u16(ha))));
    mix(vceqq_u8(a, b)); mix(vcgtq_s8(sa, sb)); mix(vcgeq_s8(sa, sb));
    mix(vcgtq_u8(a, b)); mix(vcgeq_u8(a, b)); mix(vtstq_u8(a, b));
    mix(U8(u16)(vcgtq_u16(ha, hb))); mix(U8(u32)(vcgeq_s32(vreinterpretq_s32_u8(a),
                                                            vreinterpretq_s32_u8(b))));
    mix(U8(u64)(vcgtq_s64(da, db))); mix(U8(u64)(vcgtq_u64(vreinterpretq_u64_s64(da),
                                                            vreinterpretq_u64_s64(db))));
    mix(U8(u64)(vceqq_s64(da, db))); mix(U8(u64)(vtstq_s64(da, db)));
    mix(vceqzq_u8(a)); mix(vcgtzq_s8(sa)); mix(vcgezq_s8(sa)); mix(vclezq_s8(sa));
    mix(vcltzq_s8(sa)); mix(U8(u64)(vcltzq_s64(da))); mix(U8(u64)(vcgezq_s64(da)));
    mix(U8(s8)(vminq_s8(sa, sb))); mix(U8(s8)(vmaxq_s8(sa, sb)));
    mix(vminq_u8(a, b)); mix(vmaxq_u8(a, b)); mix(U8(u16)(vminq_u16(ha, hb)));
    mix(U8(u32)(vmaxq_u32(wa, wb))); mix(U8(s16)(vminq_s16(vreinterpretq_s16_u8(a),
                                                            vreinterpretq_s16_u8(b))));
    mix(U8(s8)(vabsq_s8(sa))); mix(U8(s8)(vnegq_s8(sa))); mix(U8(s64)(vabsq_s64(da)));
    mix(U8(s32)(vnegq_s32(vreinterpretq_s32_u8(a))));
    mix(vcntq_u8(a));
}

static void shifts(uint8x16_t a, uint8x16_t b)
{
    uint16x8_t ha = vreinterpretq_u16_u8(a);
    int8x16_t sa = vreinterpretq_s8_u8(a);
    int64x2_t da = vreinterpretq_s64_u8(a);
    mix(vshlq_n_u8(a, 3)); mix(vshrq_n_u8(a, 5)); mix(vshrq_n_u8(a, 8));
    mix(U8(s8)(vshrq_n_s8(sa, 3))); mix(U8(s8)(vshrq_n_s8(sa, 8)));
    mix(U8(u16)(vshlq_n_u16(ha, 9))); mix(U8(u16)(vshrq_n_u16(ha, 16)));
    mix(U8(s16)(vshrq_n_s16(vreinterpretq_s16_u8(a), 15)));
    mix(U8(s32)(vshrq_n_s32(vreinterpretq_s32_u8(a), 7)));
    mix(U8(s64)(vshrq_n_s64(da, 13))); mix(U8(s64)(vshrq_n_s64(da, 64)));
    mix(U8(u64)(vshrq_n_u64(vreinterpretq_u64_u8(a), 64)));
    mix(vsraq_n_u8(b, a, 2)); mix(U8(s16)(vsraq_n_s16(vreinterpretq_s16_u8(b),
                                                       vreinterpretq_s16_u8(a), 4)));
    mix8(vshrn_n_u16(ha, 3));
    mix(vshrn_high_n_u16(vget_low_u8(b), ha, 8));
    mix8(vreinterpret_u8_u32(vshrn_n_u64(vreinterpretq_u64_u8(a), 17)));
    mix8(vmovn_u16(ha)); mix(U8(u16)(vmovn_high_u32(vget_low_u16(vreinterpretq_u16_u8(b)),
                                                     vreinterpretq_u32_u8(a))));
    mix8(vreinterpret_u8_u32(vmovn_u64(vreinterpretq_u64_u8(a))));
    mix(U8(u16)(vmovl_u8(vget_low_u8(a)))); mix(U8(s16)(vmovl_high_s8(sa)));
    mix(U8(u32)(vshll_n_u16(vget_low_u16(ha), 5)));
    mix(U8(s64)(vshll_high_n_s32(vreinterpretq_s32_u8(a), 31)));
    mix(U8(u16)(vshll_n_u8(vget_low_u8(a), 8)));
}

static void saturating(uint8x16_t a, uint8x16_t b)
{
    int8x16_t sa = vreinterpretq_s8_u8(a), sb = vreinterpretq_s8_u8(b);
    int16x8_t ha = vreinterpretq_s16_u8(a), hb = vreinterpretq_s16_u8(b);
    read_qc();
    mix(U8(s8)(vqaddq_s8(sa, sb))); sum += read_qc();
    mix(vqaddq_u8(a, b)); sum += read_qc();
    mix(U8(s8)(vqsubq_s8(sa, sb))); sum += read_qc();
    mix(vqsubq_u8(a, b)); sum += read_qc();
    mix(U8(s16)(vqaddq_s16(ha, hb))); sum += read_qc();
    mix(U8(u16)(vqsubq_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b)))); sum += read_qc();
    mix8(vqadd_u8(vget_low_u8(a), vget_low_u8(b))); sum += read_qc();
    mix8(vreinterpret_u8_s16(vqsub_s16(vget_low_s16(ha), vget_low_s16(hb)))); sum += read_qc();
}

static void pairs_across(uint8x16_t a, uint8x16_t b)
{
    uint16x8_t ha = vreinterpretq_u16_u8(a), hb = vreinterpretq_u16_u8(b);
    mix(vpaddq_u8(a, b)); mix(U8(u16)(vpaddq_u16(ha, hb)));
    mix(U8(u64)(vpaddq_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b))));
    mix8(vpadd_u8(vget_low_u8(a), vget_low_u8(b)));
    mix(vpmaxq_u8(a, b)); mix(vpminq_u8(a, b));
    mix(U8(s16)(vpmaxq_s16(vreinterpretq_s16_u8(a), vreinterpretq_s16_u8(b))));
    mix(U8(u32)(vpminq_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b))));
    mix8(vpmax_u8(vget_low_u8(a), vget_low_u8(b)));
    sum = sum * 31 + vaddvq_u8(a) + vmaxvq_u8(a) * 3 + vminvq_u8(b) * 7;
    sum = sum * 31 + (uint8_t)vmaxvq_s8(vreinterpretq_s8_u8(a)) + vaddvq_u16(ha)
          + vminvq_u16(hb) + vmaxvq_u32(vreinterpretq_u32_u8(a));
    sum = sum * 31 + vaddv_u8(vget_low_u8(a)) + vmaxv_u16(vget_low_u16(hb))
          + (uint32_t)vminvq_s32(vreinterpretq_s32_u8(b));
}

static void permutes(uint8x16_t a, uint8x16_t b, uint8x16_t c)
{
    uint16x8_t ha = vreinterpretq_u16_u8(a), hb = vreinterpretq_u16_u8(b);
    mix(vzip1q_u8(a, b)); mix(vzip2q_u8(a, b)); mix(vuzp1q_u8(a, b)); mix(vuzp2q_u8(a, b));
    mix(vtrn1q_u8(a, b)); mix(vtrn2q_u8(a, b));
    mix(U8(u16)(vzip2q_u16(ha, hb))); mix(U8(u16)(vuzp1q_u16(ha, hb)));
    mix(U8(u16)(vtrn2q_u16(ha, hb)));
    mix(U8(u32)(vuzp2q_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b))));
    mix(U8(u32)(vtrn1q_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b))));
    mix(U8(u64)(vzip1q_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b))));
    mix8(vzip2_u8(vget_low_u8(a), vget_low_u8(b))); mix8(vuzp1_u8(vget_low_u8(a), vget_low_u8(b)));
    mix8(vreinterpret_u8_u16(vtrn1_u16(vget_low_u16(ha), vget_low_u16(hb))));
    mix(vrev16q_u8(a)); mix(vrev32q_u8(a)); mix(vrev64q_u8(a));
    mix(U8(u16)(vrev64q_u16(ha))); mix(U8(u32)(vrev64q_u32(vreinterpretq_u32_u8(a))));
    mix(vdupq_laneq_u8(a, 13)); mix(U8(u16)(vdupq_laneq_u16(ha, 6)));
    mix(U8(u32)(vdupq_laneq_u32(vreinterpretq_u32_u8(a), 3)));
    mix(U8(u64)(vdupq_laneq_u64(vreinterpretq_u64_u8(b), 1)));
    mix8(vdup_laneq_u8(b, 2));
    mix(vqtbl1q_u8(a, c)); mix8(vqtbl1_u8(a, vget_low_u8(c)));
    uint8x16x2_t t2 = { { a, b } };
    mix(vqtbl2q_u8(t2, c)); mix(vqtbx1q_u8(b, a, c)); mix8(vqtbx1_u8(vget_low_u8(b), a, vget_low_u8(c)));
    uint8x16x3_t t3 = { { a, b, c } };
    mix(vqtbl3q_u8(t3, c));
}

int main(void)
{
    static uint8_t buf[48];
    for (unsigned iter = 0; iter < 400; iter++) {
        fill(buf, sizeof(buf));
        uint8x16_t a = vld1q_u8(buf), b = vld1q_u8(buf + 16), c = vld1q_u8(buf + 32);
        lanes(a, b, c);
        shifts(a, b);
        saturating(a, b);
        pairs_across(a, b);
        permutes(a, b, c);
    }
    printf("neon-int checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
