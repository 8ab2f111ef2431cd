/* fp-fz.c — FPCR.FZ (flush-to-zero) across the A64 FP and AdvSIMD FP
 * instructions, plus the AdvSIMD fixed-point conversions and SHLL.
 *
 * Each case is one instruction in an asm block that sets FPCR, clears
 * FPSR, runs it and reads FPSR back, so the compiler cannot move other FP
 * code under the flush mode.  Every case runs with FZ, without it, and
 * with FZ and round toward +inf (which turns some tiny results into the
 * smallest normal: tininess is decided before rounding).  Printed: the
 * 128-bit result, lane 0 with %a, and FPSR (IDC 80, IXC 10, UFC 08,
 * OFC 04, DZC 02, IOC 01).
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct Res {
    uint64_t lo, hi;
    unsigned fpsr;
} Res;

typedef Res (*OpFn)(uint64_t fpcr, uint64x2_t n, uint64x2_t m, uint64x2_t d);

/* NAME runs INSN with operands %[d] (read and written), %[n], %[m]. */
#define DEF(NAME, INSN)                                                                  \
    static Res NAME(uint64_t fpcr, uint64x2_t n, uint64x2_t m, uint64x2_t d)           \
    {                                                                                    \
        uint64_t sr, old;                                                                \
        __asm__ volatile("mrs %[old], fpcr\n\t"                                         \
                         "msr fpsr, xzr\n\t"                                             \
                         "msr fpcr, %[cr]\n\t" INSN "\n\t"                               \
                         "mrs %[sr], fpsr\n\t"                                           \
                         "msr fpcr, %[old]"                                              \
                         : [d] "+w"(d), [sr] "=&r"(sr), [old] "=&r"(old)                 \
                         : [n] "w"(n), [m] "w"(m), [cr] "r"(fpcr)                        \
                         : "x9", "cc", "memory");                                       \
        return (Res){ vgetq_lane_u64(d, 0), vgetq_lane_u64(d, 1), (unsigned)sr };       \
    }

/* Scalar single and double. */
DEF(fadd_s, "fadd %s[d], %s[n], %s[m]")
DEF(fsub_s, "fsub %s[d], %s[n], %s[m]")
DEF(fmul_s, "fmul %s[d], %s[n], %s[m]")
DEF(fdiv_s, "fdiv %s[d], %s[n], %s[m]")
DEF(fnmul_s, "fnmul %s[d], %s[n], %s[m]")
DEF(fmadd_s, "fmadd %s[d], %s[n], %s[m], %s[d]")
DEF(fmin_s, "fmin %s[d], %s[n], %s[m]")
DEF(fmaxnm_s, "fmaxnm %s[d], %s[n], %s[m]")
DEF(fsqrt_s, "fsqrt %s[d], %s[n]")
DEF(frintp_s, "frintp %s[d], %s[n]")
DEF(frintx_s, "frintx %s[d], %s[n]")
DEF(fabs_s, "fabs %s[d], %s[n]")
DEF(fneg_s, "fneg %s[d], %s[n]")
DEF(fcvt_ds, "fcvt %d[d], %s[n]")
DEF(fcvt_sd, "fcvt %s[d], %d[n]")
DEF(fcvt_hs, "fcvt %h[d], %s[n]")
DEF(fcvt_sh, "fcvt %s[d], %h[n]")
DEF(fcvtzs_w, "fcvtzs w9, %s[n]\n\tfmov %s[d], w9")
DEF(fcmeq0_s, "fcmeq %s[d], %s[n], #0.0")
DEF(facgt_s, "facgt %s[d], %s[n], %s[m]")
DEF(fabd_s, "fabd %s[d], %s[n], %s[m]")
DEF(fmulx_s, "fmulx %s[d], %s[n], %s[m]")
DEF(frecps_s, "frecps %s[d], %s[n], %s[m]")
DEF(frsqrts_s, "frsqrts %s[d], %s[n], %s[m]")
DEF(frecpe_s, "frecpe %s[d], %s[n]")
DEF(frsqrte_s, "frsqrte %s[d], %s[n]")
DEF(frecpx_s, "frecpx %s[d], %s[n]")
DEF(fcvtxn_s, "fcvtxn %s[d], %d[n]")
DEF(fmul_d, "fmul %d[d], %d[n], %d[m]")
DEF(fdiv_d, "fdiv %d[d], %d[n], %d[m]")
DEF(fadd_d, "fadd %d[d], %d[n], %d[m]")
DEF(fmadd_d, "fmadd %d[d], %d[n], %d[m], %d[d]")
DEF(frecpe_d, "frecpe %d[d], %d[n]")
DEF(fcmp_d, "fcmp %d[n], %d[m]\n\tmrs x9, nzcv\n\tfmov %d[d], x9")
/* Vector: several lanes, one FPSR. */
DEF(fmul_4s, "fmul %[d].4s, %[n].4s, %[m].4s")
DEF(fmla_elem, "fmla %[d].4s, %[n].4s, %[m].s[1]")
DEF(faddp_4s, "faddp %[d].4s, %[n].4s, %[m].4s")
DEF(fmaxv_4s, "fmaxv %s[d], %[n].4s")
DEF(fcvtn_2s, "fcvtn %[d].2s, %[n].2d")
DEF(fcvtl_2d, "fcvtl %[d].2d, %[n].2s")
DEF(frecpe_4s, "frecpe %[d].4s, %[n].4s")
DEF(fcmge_4s, "fcmge %[d].4s, %[n].4s, %[m].4s")
/* Fixed-point conversions (shift by immediate) and SHLL. */
DEF(scvtf_sfix, "scvtf %s[d], %s[n], #32")
DEF(ucvtf_dfix, "ucvtf %d[d], %d[n], #64")
DEF(fcvtzs_sfix, "fcvtzs %s[d], %s[n], #20")
DEF(fcvtzu_dfix, "fcvtzu %d[d], %d[n], #1")
DEF(scvtf_4sfix, "scvtf %[d].4s, %[n].4s, #1")
DEF(ucvtf_2sfix, "ucvtf %[d].2s, %[n].2s, #31")
DEF(scvtf_2dfix, "scvtf %[d].2d, %[n].2d, #13")
DEF(fcvtzs_4sfix, "fcvtzs %[d].4s, %[n].4s, #16")
DEF(fcvtzu_2dfix, "fcvtzu %[d].2d, %[n].2d, #40")
DEF(shll_8h, "shll %[d].8h, %[n].8b, #8")
DEF(shll2_4s, "shll2 %[d].4s, %[n].8h, #16")
DEF(shll_2d, "shll %[d].2d, %[n].2s, #32")

typedef struct Case {
    const char *name;
    OpFn fn;
    char kind;      /* lane 0 printed as 's' single, 'd' double, else hex only */
    uint64_t n[2], m[2], d[2];
} Case;

/* Single-precision lanes packed two to a 64-bit half. */
#define S2(a, b) ((uint64_t)(b) << 32 | (uint32_t)(a))

static const Case cases[] = {
    { "fadd den", fadd_s, 's', { 0x00000001 }, { 0x80000000 }, { 0 } },
    { "fsub exact tiny", fsub_s, 's', { 0x00800001 }, { 0x00800000 }, { 0 } },
    { "fmul boundary", fmul_s, 's', { 0x3f7fffff }, { 0x00800000 }, { 0 } },
    { "fmul tiny", fmul_s, 's', { 0x0d800001 }, { 0x30800001 }, { 0 } },
    { "fdiv boundary", fdiv_s, 's', { 0x00800000 }, { 0x3f800001 }, { 0 } },
    { "fnmul tiny", fnmul_s, 's', { 0x0d800000 }, { 0x30800000 }, { 0 } },
    { "fmadd boundary", fmadd_s, 's', { 0x3f7fffff }, { 0x00800000 }, { 0 } },
    { "fmadd den addend", fmadd_s, 's', { 0x3f800000 }, { 0x3f800000 }, { 0x80000005 } },
    { "fmin den", fmin_s, 's', { 0x80000001 }, { 0x00000000 }, { 0 } },
    { "fmaxnm nan den", fmaxnm_s, 's', { 0x7fc00000 }, { 0x80000001 }, { 0 } },
    { "fsqrt -den", fsqrt_s, 's', { 0x80000001 }, { 0 }, { 0 } },
    { "frintp den", frintp_s, 's', { 0x00000001 }, { 0 }, { 0 } },
    { "frintx den", frintx_s, 's', { 0x00000001 }, { 0 }, { 0 } },
    { "fabs den", fabs_s, 's', { 0x80000001 }, { 0 }, { 0 } },
    { "fneg den", fneg_s, 's', { 0x00000007 }, { 0 }, { 0 } },
    { "fcvt d<-s den", fcvt_ds, 'd', { 0x00000001 }, { 0 }, { 0 } },
    { "fcvt s<-d tiny", fcvt_sd, 's', { 0x3800000000000000ull }, { 0 }, { 0 } },
    { "fcvt s<-d bound", fcvt_sd, 's', { 0x380fffffffffffffull }, { 0 }, { 0 } },
    { "fcvt h<-s den", fcvt_hs, 0, { 0x00000001 }, { 0 }, { 0 } },
    { "fcvt s<-h den", fcvt_sh, 's', { 0x0001 }, { 0 }, { 0 } },
    { "fcvtzs w den", fcvtzs_w, 0, { 0x80400000 }, { 0 }, { 0 } },
    { "fcmeq0 den", fcmeq0_s, 0, { 0x00000001 }, { 0 }, { 0 } },
    { "facgt den", facgt_s, 0, { 0x00000001 }, { 0x80000000 }, { 0 } },
    { "fabd den", fabd_s, 's', { 0x00000003 }, { 0x00000001 }, { 0 } },
    { "fmulx den inf", fmulx_s, 's', { 0x80000001 }, { 0x7f800000 }, { 0 } },
    { "frecps den inf", frecps_s, 's', { 0x00000001 }, { 0x7f800000 }, { 0 } },
    { "frsqrts den inf", frsqrts_s, 's', { 0x7f800000 }, { 0x00000002 }, { 0 } },
    { "frecpe big", frecpe_s, 's', { 0x7f000000 }, { 0 }, { 0 } },
    { "frecpe 2^126", frecpe_s, 's', { 0x7e800000 }, { 0 }, { 0 } },
    { "frecpe den", frecpe_s, 's', { 0x00000001 }, { 0 }, { 0 } },
    { "frsqrte -den", frsqrte_s, 's', { 0x80000001 }, { 0 }, { 0 } },
    { "frecpx den", frecpx_s, 's', { 0x00000001 }, { 0 }, { 0 } },
    { "fcvtxn tiny", fcvtxn_s, 's', { 0x3800000000000001ull }, { 0 }, { 0 } },
    { "fmul d boundary", fmul_d, 'd', { 0x3fefffffffffffffull }, { 0x0010000000000000ull }, { 0 } },
    { "fdiv d tiny", fdiv_d, 'd', { 0x0010000000000000ull }, { 0x3ff0000000000001ull }, { 0 } },
    { "fadd d den", fadd_d, 'd', { 0x0000000000000001ull }, { 0x800fffffffffffffull }, { 0 } },
    { "fmadd d boundary", fmadd_d, 'd', { 0x3fefffffffffffffull }, { 0x0010000000000000ull },
      { 0x8000000000000000ull } },
    { "frecpe d big", frecpe_d, 'd', { 0x7fd0000000000000ull }, { 0 }, { 0 } },
    { "fcmp d den", fcmp_d, 0, { 0x8000000000000001ull }, { 0 }, { 0 } },
    { "fmul 4s lanes", fmul_4s, 's', { S2(0x0d800001, 0x3fc00000), S2(0x40000000, 0x00000001) },
      { S2(0x30800001, 0x3eaaaaab), S2(0x40400000, 0x3f800000) }, { 0 } },
    { "fmla elem", fmla_elem, 's', { S2(0x3f7fffff, 0x3f800000), S2(0x00000010, 0x3fc00000) },
      { S2(0x3f800000, 0x00800000), 0 }, { S2(0, 0x3f800000), S2(0x80000001, 0) } },
    { "faddp 4s", faddp_4s, 's', { S2(0x00000001, 0x00000002), S2(0x00800001, 0x80800000) },
      { S2(0x3f800000, 0x80000003), S2(0x40000000, 0x33800000) }, { 0 } },
    { "fmaxv 4s", fmaxv_4s, 's', { S2(0x80000001, 0x80000002), S2(0x80800000, 0x00000001) },
      { 0 }, { 0 } },
    { "fcvtn 2d", fcvtn_2s, 's', { 0x3800000000000000ull, 0x3ff8000000000001ull }, { 0 }, { 0 } },
    { "fcvtl 2s", fcvtl_2d, 'd', { S2(0x00000001, 0x3f800000), 0 }, { 0 }, { 0 } },
    { "frecpe 4s", frecpe_4s, 's', { S2(0x7f000000, 0x00000001), S2(0x3f800000, 0x7e7fffff) },
      { 0 }, { 0 } },
    { "fcmge 4s", fcmge_4s, 0, { S2(0x00000001, 0x80000001), S2(0x00800000, 0x7fc00000) },
      { S2(0x80000000, 0x00000000), S2(0x007fffff, 0x00000000) }, { 0 } },
    { "scvtf s #32", scvtf_sfix, 's', { 0x80000001 }, { 0 }, { 0 } },
    { "ucvtf d #64", ucvtf_dfix, 'd', { 0xffffffffffffffffull }, { 0 }, { 0 } },
    { "fcvtzs s #20", fcvtzs_sfix, 0, { 0x00400000 }, { 0 }, { 0 } },
    { "fcvtzu d #1", fcvtzu_dfix, 0, { 0x41f0000000000001ull }, { 0 }, { 0 } },
    { "scvtf 4s #1", scvtf_4sfix, 's', { S2(3, 0xffffffff), S2(0x7fffffff, 0x80000000) },
      { 0 }, { 0 } },
    { "ucvtf 2s #31", ucvtf_2sfix, 's', { S2(0xffffffff, 1), 0x1234 }, { 0 }, { 0 } },
    { "scvtf 2d #13", scvtf_2dfix, 'd', { 0x8000000000000001ull, 0x7fffffffffffffffull },
      { 0 }, { 0 } },
    { "fcvtzs 4s #16", fcvtzs_4sfix, 0, { S2(0x3fc00000, 0x00000001), S2(0xc0300000, 0x501502f9) },
      { 0 }, { 0 } },
    { "fcvtzu 2d #40", fcvtzu_2dfix, 0, { 0x3ff8000000000000ull, 0x8000000000000001ull },
      { 0 }, { 0 } },
    { "shll 8h", shll_8h, 0, { 0x80ff7f0102030405ull, 0x1111111111111111ull }, { 0 }, { 0 } },
    { "shll2 4s", shll2_4s, 0, { 0x1111111111111111ull, 0x8000ffff7fff0001ull }, { 0 }, { 0 } },
    { "shll 2d", shll_2d, 0, { 0x80000000ffffffffull, 0x2222222222222222ull }, { 0 }, { 0 } },
};

static const struct { const char *name; uint64_t fpcr; } modes[] = {
    { "fz", 1u << 24 },
    { "nofz", 0 },
    { "fz+rp", 1u << 24 | 1u << 22 },
};

static void show(const Case *c, Res r)
{
    printf("  %-18s %016llx:%016llx", c->name, (unsigned long long)r.hi,
           (unsigned long long)r.lo);
    if (c->kind == 's') {
        float f;
        uint32_t w = (uint32_t)r.lo;
        memcpy(&f, &w, 4);
        printf(" %a", (double)f);
    } else if (c->kind == 'd') {
        double d;
        memcpy(&d, &r.lo, 8);
        printf(" %a", d);
    }
    printf(" fpsr=%02x\n", r.fpsr);
}

int main(void)
{
    /* Each case runs several times so that the translated code is reused
     * from the cache; the results must not change. */
    for (unsigned k = 0; k < sizeof(modes) / sizeof(modes[0]); k++) {
        printf("%s:\n", modes[k].name);
        for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            const Case *c = &cases[i];
            uint64x2_t n = vcombine_u64(vcreate_u64(c->n[0]), vcreate_u64(c->n[1]));
            uint64x2_t m = vcombine_u64(vcreate_u64(c->m[0]), vcreate_u64(c->m[1]));
            uint64x2_t d = vcombine_u64(vcreate_u64(c->d[0]), vcreate_u64(c->d[1]));
            Res r = c->fn(modes[k].fpcr, n, m, d);
            for (int rep = 0; rep < 10; rep++) {
                Res again = c->fn(modes[k].fpcr, n, m, d);
                if (again.lo != r.lo || again.hi != r.hi || again.fpsr != r.fpsr)
                    printf("  %s: run %d differs\n", c->name, rep);
            }
            show(c, r);
        }
    }
    return 0;
}
