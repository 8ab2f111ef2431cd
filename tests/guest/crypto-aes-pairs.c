/* crypto-aes-pairs.c — AESE/AESD followed by AESMC/AESIMC in the shapes the
 * translator fuses (AESMC Vd, Vd right after AESE Vd) and in the shapes it
 * must not: the mix reading another register, writing another register,
 * the wrong kind of pair, and the two split by an instruction that reads
 * the intermediate state.  Each block runs 12 times on evolving data, so
 * chained TBs run it too; the checksum of all results is printed.
 */
#pragma GCC target("arch=armv8-a+crypto")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Out {
    uint8x16_t r[8];
} Out;

static void pairs(uint8x16_t a, uint8x16_t k, Out *o)
{
    uint8x16_t x = a, y = a, z = a, w = a, u = a, t = a, s, p;
    __asm__ volatile(
        "aese %0.16b, %8.16b\n\taesmc %0.16b, %0.16b\n\t"      /* fused */
        "aesd %1.16b, %8.16b\n\taesimc %1.16b, %1.16b\n\t"     /* fused */
        "aese %2.16b, %8.16b\n\taesmc %6.16b, %2.16b\n\t"      /* other destination */
        "aese %3.16b, %8.16b\n\taesimc %3.16b, %3.16b\n\t"     /* mismatched kinds */
        "aesd %4.16b, %8.16b\n\tmov %7.16b, %4.16b\n\taesimc %4.16b, %4.16b\n\t"
        "aese %5.16b, %5.16b\n\taesmc %5.16b, %5.16b"            /* key = state */
        : "+w"(x), "+w"(y), "+w"(z), "+w"(w), "+w"(u), "+w"(t), "=&w"(s), "=&w"(p)
        : "w"(k));
    o->r[0] = x; o->r[1] = y; o->r[2] = z; o->r[3] = w;
    o->r[4] = u; o->r[5] = t; o->r[6] = s; o->r[7] = p;
}

/* AESMC of a register other than the one AESE wrote: not fused. */
static uint8x16_t cross(uint8x16_t a, uint8x16_t b, uint8x16_t k)
{
    __asm__ volatile("aese %0.16b, %2.16b\n\taesmc %1.16b, %1.16b" : "+w"(a), "+w"(b) : "w"(k));
    return veorq_u8(a, b);
}

static uint8x16_t bytes(uint64_t seed)
{
    uint64_t lo = seed * 0x9e3779b97f4a7c15ull, hi = (seed ^ lo) * 0xbf58476d1ce4e5b9ull;
    return vreinterpretq_u8_u64(vcombine_u64(vcreate_u64(lo), vcreate_u64(hi)));
}

int main(void)
{
    uint64_t sum = 0;
    uint8x16_t a = bytes(1), k = bytes(2);
    for (int i = 0; i < 12; i++) {
        Out o;
        pairs(a, k, &o);
        for (int j = 0; j < 8; j++) {
            uint64x2_t v = vreinterpretq_u64_u8(o.r[j]);
            sum = sum * 31 + vgetq_lane_u64(v, 0) + (vgetq_lane_u64(v, 1) ^ (uint64_t)j);
        }
        uint64x2_t c = vreinterpretq_u64_u8(cross(a, k, o.r[0]));
        sum = sum * 31 + (vgetq_lane_u64(c, 0) ^ vgetq_lane_u64(c, 1));
        if (i == 0 || i == 11)
            printf("round %d: %016llx %016llx\n", i,
                   (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(o.r[0]), 0),
                   (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(o.r[4]), 1));
        a = veorq_u8(o.r[0], o.r[3]);
        k = veorq_u8(k, o.r[1]);
    }
    printf("checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
