/* neon-sli-sri.c — SLI and SRI (shift and insert) for every element size,
 * vector (8 and 16 bytes) and scalar forms, at the edge shift counts (SLI
 * 0 and esize-1, SRI 1 and esize) and one in between, with the destination
 * both distinct from and equal to the source.  12 rounds on evolving data
 * so chained TBs run the code; a checksum of every result is printed.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t sum;

static void mix(uint64x2_t v)
{
    sum = (sum ^ vgetq_lane_u64(v, 0)) * 0x100000001b3ull + vgetq_lane_u64(v, 1);
}

static void mix8(uint64x1_t v)
{
    mix(vcombine_u64(v, vcreate_u64(0x5a5a)));
}

#define Q8(f, n)  mix(vreinterpretq_u64_u8(f##q_n_u8(d8, s8, n)))
#define Q16(f, n) mix(vreinterpretq_u64_u16(f##q_n_u16(d16, s16, n)))
#define Q32(f, n) mix(vreinterpretq_u64_u32(f##q_n_u32(d32, s32, n)))
#define Q64(f, n) mix(f##q_n_u64(d, s, n))
#define D8(f, n)  mix8(vreinterpret_u64_u8(f##_n_u8(vget_low_u8(d8), vget_high_u8(s8), n)))
#define D32(f, n) mix8(vreinterpret_u64_u32(f##_n_u32(vget_high_u32(d32), vget_low_u32(s32), n)))
#define S64(f, n) mix8(vcreate_u64(f##d_n_u64(vgetq_lane_u64(d, 1), vgetq_lane_u64(s, 0), n)))

static void round_(uint64x2_t d, uint64x2_t s)
{
    uint8x16_t d8 = vreinterpretq_u8_u64(d), s8 = vreinterpretq_u8_u64(s);
    uint16x8_t d16 = vreinterpretq_u16_u64(d), s16 = vreinterpretq_u16_u64(s);
    uint32x4_t d32 = vreinterpretq_u32_u64(d), s32 = vreinterpretq_u32_u64(s);
    Q8(vsli, 0); Q8(vsli, 3); Q8(vsli, 7); Q8(vsri, 1); Q8(vsri, 5); Q8(vsri, 8);
    Q16(vsli, 0); Q16(vsli, 9); Q16(vsli, 15); Q16(vsri, 1); Q16(vsri, 7); Q16(vsri, 16);
    Q32(vsli, 0); Q32(vsli, 12); Q32(vsli, 31); Q32(vsri, 1); Q32(vsri, 25); Q32(vsri, 32);
    Q64(vsli, 0); Q64(vsli, 40); Q64(vsli, 63); Q64(vsri, 1); Q64(vsri, 33); Q64(vsri, 64);
    D8(vsli, 2); D8(vsri, 6); D32(vsli, 7); D32(vsri, 32);
    S64(vsli, 5); S64(vsli, 63); S64(vsri, 1); S64(vsri, 64);
    /* destination = source */
    mix(vreinterpretq_u64_u32(vsliq_n_u32(s32, s32, 8)));
    mix(vreinterpretq_u64_u16(vsriq_n_u16(s16, s16, 3)));
}

int main(void)
{
    uint64x2_t d = vcombine_u64(vcreate_u64(0x0123456789abcdefull), vcreate_u64(0xfedcba9876543210ull));
    uint64x2_t s = vcombine_u64(vcreate_u64(0x8000000000000001ull), vcreate_u64(0x7f7f80800000ffffull));
    for (int i = 0; i < 12; i++) {
        round_(d, s);
        uint64x2_t t = veorq_u64(vshlq_n_u64(d, 7), vshrq_n_u64(s, 3));
        s = vaddq_u64(d, vcombine_u64(vcreate_u64(sum), vcreate_u64(~sum)));
        d = t;
        if (i == 0 || i == 11)
            printf("round %d: %016llx\n", i, (unsigned long long)sum);
    }
    printf("checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
