/*
 * tests/diff/state.h — the differential tester's shared state model.
 *
 * Included by the host generator (gen.c) and by the freestanding guest
 * driver (driver.c), so both derive the identical initial state of a case
 * from (seed, case index) alone: the guest program carries only the
 * instruction words, never the states, and the generator can still print
 * the input state of a mismatching case.  Everything here must therefore be
 * plain integer C with no library calls.
 *
 * Layout invariant: DtState's offsets are used by stub.S (DT_OFF_*); change
 * both together.
 */
#ifndef TERN_TESTS_DIFF_STATE_H
#define TERN_TESTS_DIFF_STATE_H

#include <stdint.h>

#define DT_WINDOW_SIZE 1024u          /* compared memory block per case */
#define DT_WINDOW_BASE 512u           /* base registers point here */
#define DT_MAX_INSNS   8              /* instructions per case, at most */
#define DT_NO_BASE     0xffu

typedef struct DtState {
    uint64_t x[31];
    uint64_t sp;
    uint64_t nzcv, fpcr, fpsr, pad;
    uint64_t v[32][2];                /* [n][0] = low 64 bits */
} DtState;

#define DT_OFF_SP   248
#define DT_OFF_NZCV 256
#define DT_OFF_FPCR 264
#define DT_OFF_FPSR 272
#define DT_OFF_V    288

/* Per-case register constraints chosen by the generator (see gen.c). */
typedef struct DtCaseInfo {
    uint64_t code;                    /* address of the case's code */
    uint32_t small_mask;              /* GPRs holding small offsets */
    uint32_t fpcr_mask;               /* GPRs holding writable FPCR values */
    uint32_t fpsr_mask;               /* GPRs holding FPSR values */
    uint32_t base;                    /* base register, DT_NO_BASE if none */
} DtCaseInfo;

/* splitmix64: tiny, good enough, identical on host and guest. */
static inline uint64_t dt_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint64_t dt_seed_for(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t s = seed ^ (a * 0x100000001b3ull) ^ (b << 40);
    dt_rand(&s);
    return s;
}

/* Integer values at the edges of every width the ISA cares about. */
static inline uint64_t dt_gpr_value(uint64_t *s)
{
    static const uint64_t edge[] = {
        0, 1, 2, 0xffffffffffffffffull, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0xffffffffull, 0x7fffffffull, 0x80000000ull,
        0xffff, 0x8000, 0x7f, 0x80, 0xff, 0x100000000ull, 63, 64, 32,
    };
    uint64_t r = dt_rand(s);
    switch (r & 7) {
    case 0: case 1:
        return edge[(r >> 8) % (sizeof(edge) / sizeof(edge[0]))];
    case 2:
        return (r >> 8) & 0xff;
    case 3:
        return (uint32_t)dt_rand(s);
    default:
        return dt_rand(s);
    }
}

/* One IEEE value of 16, 32 or 64 bits, biased to the special classes. */
static inline uint64_t dt_fp_value(uint64_t *s, int bits)
{
    int ebits = bits == 16 ? 5 : bits == 32 ? 8 : 11;
    int fbits = bits - 1 - ebits;
    uint64_t emax = (1ull << ebits) - 1, fmask = (1ull << fbits) - 1;
    uint64_t r = dt_rand(s), sign = (r & 1) << (bits - 1);
    uint64_t frac = dt_rand(s) & fmask, exp;
    switch ((r >> 1) % 12) {
    case 0: return sign;                                   /* ±0 */
    case 1: return sign | (emax << fbits);                 /* ±inf */
    case 2: return sign | (emax << fbits) | (1ull << (fbits - 1)) | (frac >> 1); /* qNaN */
    case 3: return sign | (emax << fbits) | ((frac >> 1) | 1);       /* sNaN */
    case 4: return sign | (frac ? frac : 1);               /* denormal */
    case 5: return sign | ((emax - 1) << fbits) | fmask;   /* ±max */
    case 6: return sign | ((emax >> 1) << fbits);          /* ±1 */
    case 7: return sign | (1ull << fbits);                 /* ±min normal */
    case 8:                                                 /* near integers */
        exp = (emax >> 1) + ((r >> 8) % (unsigned)(fbits + 2));
        return sign | (exp << fbits) | (frac & ~(fmask >> ((r >> 16) % 8)));
    default:
        exp = (r >> 8) % (emax + 1);
        return sign | (exp << fbits) | frac;
    }
}

static inline uint64_t dt_lanes(uint64_t *s, int bits)
{
    uint64_t out = 0;
    for (int i = 0; i < 64; i += bits)
        out |= dt_fp_value(s, bits) << i;
    return out;
}

static inline void dt_vreg(uint64_t *s, uint64_t v[2])
{
    uint64_t mode = dt_rand(s) % 6;
    for (int h = 0; h < 2; h++) {
        switch (mode) {
        case 0: v[h] = dt_lanes(s, 64); break;
        case 1: v[h] = dt_lanes(s, 32); break;
        case 2: v[h] = dt_lanes(s, 16); break;
        case 3: v[h] = dt_gpr_value(s); break;
        default: v[h] = dt_rand(s); break;
        }
    }
}

/* FPCR bits an Armv8.0 implementation has: AHP, DN, FZ, RMode. */
#define DT_FPCR_BITS 0x07c00000ull
/* FPSR: QC and the cumulative exception flags. */
#define DT_FPSR_BITS 0x0800009full

static inline uint64_t dt_fpcr_value(uint64_t *s)
{
    uint64_t r = dt_rand(s), v = (r & 3) << 22;       /* RMode */
    if ((r >> 2 & 3) == 0)
        v |= 1u << 24;                                 /* FZ */
    if ((r >> 4 & 3) == 0)
        v |= 1u << 25;                                 /* DN */
    if ((r >> 6 & 3) == 0)
        v |= 1u << 26;                                 /* AHP */
    if ((r >> 8 & 1) == 0)
        v &= ~(3ull << 22);                            /* favour RNE */
    return v;
}

/*
 * The initial state of one case.  window is the guest address of the
 * compared memory block; mem (DT_WINDOW_SIZE bytes) receives its contents.
 */
static inline void dt_state_init(DtState *st, uint8_t *mem, uint64_t seed,
                                 uint64_t idx, const DtCaseInfo *ci,
                                 uint64_t window)
{
    uint64_t s = dt_seed_for(seed, idx, 1);
    for (int i = 0; i < 31; i++) {
        uint64_t v = dt_gpr_value(&s);
        if (ci->small_mask >> i & 1)
            v &= 15;
        if (ci->fpcr_mask >> i & 1)
            v = dt_fpcr_value(&s);
        if (ci->fpsr_mask >> i & 1)
            v &= DT_FPSR_BITS;
        if (ci->base == (unsigned)i)
            v = window + DT_WINDOW_BASE;
        st->x[i] = v;
    }
    st->sp = ci->base == 31 ? window + DT_WINDOW_BASE
                            : dt_gpr_value(&s) & ~15ull;
    st->nzcv = (dt_rand(&s) & 0xf) << 28;
    st->fpcr = dt_fpcr_value(&s);
    st->fpsr = dt_rand(&s) & (dt_rand(&s) & 1 ? DT_FPSR_BITS : 0);
    st->pad = 0;
    for (int i = 0; i < 32; i++)
        dt_vreg(&s, st->v[i]);
    if (ci->base != DT_NO_BASE) {
        for (unsigned i = 0; i < DT_WINDOW_SIZE; i += 8) {
            uint64_t w = (i & 0x38) == 0 ? dt_lanes(&s, 32) : dt_rand(&s);
            for (int b = 0; b < 8; b++)
                mem[i + b] = (uint8_t)(w >> (8 * b));
        }
    }
}

/* Output record head; run mode adds the state and (memory cases) window. */
typedef struct DtRecHead {
    uint64_t idx;
    uint64_t fault_mask;              /* filter mode: bit k = slot k faulted */
} DtRecHead;

#endif
