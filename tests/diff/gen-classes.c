/*
 * tests/diff/gen-classes.c — instruction classes of the random tester.
 *
 * Each class is one row of the Arm ARM's A64 encoding index (mask and fixed
 * bits), independent of tern's own decoder so that instructions tern lacks
 * are generated too.  A word is the fixed bits plus random free bits, then
 * a per-kind fixup (memory classes get their base register forced to the
 * case's base and their offsets clamped so every access stays in the
 * compared window) and a reject test for encodings outside the tested ISA.
 * The ISA is what tern advertises in AT_HWCAP/AT_HWCAP2 and the ID
 * registers (a64_features in frontend/aarch64/cpu.c): Armv8.0 FP and
 * AdvSIMD without half-precision arithmetic, LSE, LRCPC, DotProd, CRC32,
 * AES/PMULL, SHA-1/2/512, SHA-3 and RNG.  qemu-aarch64's default "max"
 * CPU also has FP16, FHM, RDM, FCMA, FRINTTS, BF16, I8MM, JSCVT, PAuth,
 * MTE, SM3/SM4 and more, whose encodings are rejected here or lie outside
 * every class.  Unallocated encodings inside a class are left to the qemu
 * filter pass.
 */
#include <string.h>
#include "state.h"
#include "gen.h"

enum {
    G_DPIMM, G_DPREG, G_LDST, G_ATOMIC, G_SIMDLDST, G_FP, G_SIMD,
    G_SIMDSCALAR, G_CRYPTO, G_SYS, G_COUNT
};

static const char *const dt_groups[G_COUNT] = {
    "dpimm", "dpreg", "ldst", "atomic", "simdldst", "fp", "simd",
    "simdscalar", "crypto", "sys",
};

typedef enum DtKind {
    K_PLAIN, K_DP2, K_DP1, K_IMM9, K_UIMM, K_REGOFF, K_PAIR, K_LIT, K_EXCL,
    K_LSE, K_VMULT, K_VMULT_POST, K_VSINGLE, K_VSINGLE_POST, K_FPGEN, K_FP1,
    K_FPINT, K_FPFIX, K_VSAME, K_VMISC, K_VACROSS, K_VMODIMM, K_VSHIFT,
    K_VELEM, K_SPAIR, K_SELEM, K_SHA512, K_CRYPTO4, K_SYS,
} DtKind;

typedef struct DtClass {
    int group;
    uint32_t mask, value;
    DtKind kind;
} DtClass;

static const DtClass dt_classes[] = {
    { G_DPIMM, 0x1f000000, 0x10000000, K_PLAIN },   /* ADR, ADRP */
    { G_DPIMM, 0x1f800000, 0x11000000, K_PLAIN },   /* add/sub imm */
    { G_DPIMM, 0x1f800000, 0x12000000, K_PLAIN },   /* logical imm */
    { G_DPIMM, 0x1f800000, 0x12800000, K_PLAIN },   /* move wide */
    { G_DPIMM, 0x1f800000, 0x13000000, K_PLAIN },   /* bitfield */
    { G_DPIMM, 0x1f800000, 0x13800000, K_PLAIN },   /* extract */
    { G_DPREG, 0x1f000000, 0x0a000000, K_PLAIN },   /* logical shifted */
    { G_DPREG, 0x1f200000, 0x0b000000, K_PLAIN },   /* add/sub shifted */
    { G_DPREG, 0x1f200000, 0x0b200000, K_PLAIN },   /* add/sub extended */
    { G_DPREG, 0x1fe0fc00, 0x1a000000, K_PLAIN },   /* ADC/SBC */
    { G_DPREG, 0x3fe00410, 0x3a400000, K_PLAIN },   /* CCMN/CCMP */
    { G_DPREG, 0x3fe00800, 0x1a800000, K_PLAIN },   /* CSEL family */
    { G_DPREG, 0x1f000000, 0x1b000000, K_PLAIN },   /* 3-source */
    { G_DPREG, 0x7fe00000, 0x1ac00000, K_DP2 },     /* 2-source */
    { G_DPREG, 0x7fff0000, 0x5ac00000, K_DP1 },     /* 1-source */
    { G_LDST, 0x3b200000, 0x38000000, K_IMM9 },
    { G_LDST, 0x3b000000, 0x39000000, K_UIMM },
    { G_LDST, 0x3b200c00, 0x38200800, K_REGOFF },
    { G_LDST, 0x3a000000, 0x28000000, K_PAIR },
    { G_LDST, 0x3b000000, 0x18000000, K_LIT },
    { G_ATOMIC, 0x3f000000, 0x08000000, K_EXCL },   /* excl/ordered/CAS */
    { G_ATOMIC, 0x3f200c00, 0x38200000, K_LSE },    /* LSE, LDAPR */
    { G_SIMDLDST, 0xbfbf0000, 0x0c000000, K_VMULT },
    { G_SIMDLDST, 0xbfa00000, 0x0c800000, K_VMULT_POST },
    { G_SIMDLDST, 0xbf9f0000, 0x0d000000, K_VSINGLE },
    { G_SIMDLDST, 0xbf800000, 0x0d800000, K_VSINGLE_POST },
    { G_FP, 0x7f200000, 0x1e000000, K_FPFIX },      /* FP <-> fixed */
    { G_FP, 0x7f20fc00, 0x1e200000, K_FPINT },      /* FP <-> int */
    { G_FP, 0xff207c00, 0x1e204000, K_FP1 },        /* 1-source */
    { G_FP, 0xff203c07, 0x1e202000, K_FPGEN },      /* compare */
    { G_FP, 0xff201fe0, 0x1e201000, K_FPGEN },      /* FMOV imm */
    { G_FP, 0xff200c00, 0x1e200400, K_FPGEN },      /* FCCMP */
    { G_FP, 0xff200c00, 0x1e200800, K_FPGEN },      /* 2-source */
    { G_FP, 0xff200c00, 0x1e200c00, K_FPGEN },      /* FCSEL */
    { G_FP, 0xff000000, 0x1f000000, K_FPGEN },      /* 3-source */
    { G_SIMD, 0x9f200400, 0x0e200400, K_VSAME },    /* three same */
    { G_SIMD, 0x9f200c00, 0x0e200000, K_PLAIN },    /* three different */
    { G_SIMD, 0x9f3e0c00, 0x0e200800, K_VMISC },    /* two-reg misc */
    { G_SIMD, 0x9f3e0c00, 0x0e300800, K_VACROSS },  /* across lanes */
    { G_SIMD, 0x9fe08400, 0x0e000400, K_PLAIN },    /* copy */
    { G_SIMD, 0x9ff80400, 0x0f000400, K_VMODIMM },  /* modified imm */
    { G_SIMD, 0x9f800400, 0x0f000400, K_VSHIFT },   /* shift by imm */
    { G_SIMD, 0x9f000400, 0x0f000000, K_VELEM },    /* by element */
    { G_SIMD, 0xbf208c00, 0x0e000800, K_PLAIN },    /* ZIP/UZP/TRN */
    { G_SIMD, 0xbf208400, 0x2e000000, K_PLAIN },    /* EXT */
    { G_SIMD, 0xbf208c00, 0x0e000000, K_PLAIN },    /* TBL/TBX */
    { G_SIMD, 0x9fe0fc00, 0x0e809400, K_PLAIN },    /* SDOT/UDOT */
    { G_SIMDSCALAR, 0xdf200400, 0x5e200400, K_PLAIN },  /* three same */
    { G_SIMDSCALAR, 0xdf200c00, 0x5e200000, K_PLAIN },  /* three diff */
    { G_SIMDSCALAR, 0xdf3e0c00, 0x5e200800, K_PLAIN },  /* two-reg misc */
    { G_SIMDSCALAR, 0xdf3e0c00, 0x5e300800, K_SPAIR },  /* pairwise */
    { G_SIMDSCALAR, 0xdfe08400, 0x5e000400, K_PLAIN },  /* copy (DUP) */
    { G_SIMDSCALAR, 0xdf800400, 0x5f000400, K_VSHIFT }, /* shift by imm */
    { G_SIMDSCALAR, 0xdf000400, 0x5f000000, K_SELEM },  /* by element */
    { G_CRYPTO, 0xff3e0c00, 0x4e280800, K_PLAIN },  /* AES */
    { G_CRYPTO, 0xff208c00, 0x5e000000, K_PLAIN },  /* SHA 3-reg */
    { G_CRYPTO, 0xff3e0c00, 0x5e280800, K_PLAIN },  /* SHA 2-reg */
    { G_CRYPTO, 0xffe0b000, 0xce608000, K_SHA512 }, /* SHA512 3-reg */
    { G_CRYPTO, 0xfffffc00, 0xcec08000, K_PLAIN },  /* SHA512SU0 */
    { G_CRYPTO, 0xff808000, 0xce000000, K_CRYPTO4 },/* EOR3, BCAX */
    { G_CRYPTO, 0xffe00000, 0xce800000, K_PLAIN },  /* XAR */
    { G_CRYPTO, 0xbf20fc00, 0x0e20e000, K_PLAIN },  /* PMULL/PMULL2 */
    { G_CRYPTO, 0x7fe0e000, 0x1ac04000, K_PLAIN },  /* CRC32(C) */
    { G_SYS, 0, 0, K_SYS },
};

#define DT_NCLASSES (sizeof(dt_classes) / sizeof(dt_classes[0]))

static uint32_t fld(uint32_t w, int hi, int lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static uint32_t setf(uint32_t w, int hi, int lo, uint32_t v)
{
    uint32_t m = ((1u << (hi - lo + 1)) - 1) << lo;
    return (w & ~m) | ((v << lo) & m);
}

static uint32_t rnd(uint64_t *rng, uint32_t n)
{
    return (uint32_t)(dt_rand(rng) % n);
}

/* A GPR number other than the base register and those in avoid. */
static uint32_t other_reg(uint64_t *rng, const DtCtx *ctx, uint32_t avoid)
{
    for (;;) {
        uint32_t r = rnd(rng, 31);
        if (r != ctx->base && !(avoid >> r & 1))
            return r;
    }
}

/* Replace the GPR in field hi:lo when it is the base or in avoid. */
static uint32_t fix_reg(uint32_t w, int lo, uint64_t *rng, const DtCtx *ctx,
                        uint32_t *used)
{
    uint32_t r = fld(w, lo + 4, lo);
    if ((r == ctx->base && r != 31) || (r != 31 && (*used >> r & 1)))
        r = other_reg(rng, ctx, *used);
    if (r != 31)
        *used |= 1u << r;
    return setf(w, lo + 4, lo, r);
}

static uint32_t sext_rand(uint64_t *rng, int lo, int hi)
{
    return (uint32_t)(lo + (int)rnd(rng, (uint32_t)(hi - lo + 1)));
}

/* Loads and stores of general registers: offsets inside the window. */
static bool fix_gpr_mem(DtKind k, uint32_t *wp, uint64_t *rng, DtCtx *ctx)
{
    uint32_t w = setf(*wp, 9, 5, ctx->base), used = 0;
    bool vec = fld(w, 26, 26);
    if (k == K_IMM9)
        w = setf(w, 20, 12, sext_rand(rng, -32, 31));
    else if (k == K_UIMM)
        w = setf(w, 21, 10, rnd(rng, 16));
    else if (k == K_REGOFF) {
        w = fix_reg(w, 16, rng, ctx, &used);
        ctx->small_mask |= 1u << fld(w, 20, 16);
    } else if (k == K_PAIR) {
        if (!vec && fld(w, 31, 30) == 1 && !fld(w, 22, 22))
            return false;                       /* STGP (MTE) */
        w = setf(w, 21, 15, sext_rand(rng, -4, 3));
        if (!vec)
            w = fix_reg(w, 10, rng, ctx, &used);
    }
    if (!vec)
        w = fix_reg(w, 0, rng, ctx, &used);
    *wp = w;
    return true;
}

/*
 * Exclusives, ordered accesses, CAS/CASP and LSE atomics.  Fields the
 * class does not use are set to their should-be-one value (11111); the
 * status register of a store exclusive differs from its data and base.
 */
static bool fix_excl(uint32_t *wp, uint64_t *rng, DtCtx *ctx)
{
    uint32_t w = setf(*wp, 9, 5, ctx->base), used = 0;
    uint32_t o2 = fld(w, 23, 23), l = fld(w, 22, 22), o1 = fld(w, 21, 21);
    bool pair = !o2 && o1 && fld(w, 31, 31);
    bool casp = !o2 && o1 && !fld(w, 31, 31);
    bool rs_real = (o2 && o1) || casp || (!o2 && !l);
    bool excl = !o2 && !casp;
    if (ctx->atomic_mode < 0)
        ctx->atomic_mode = excl;
    if (ctx->atomic_mode != (int)excl)
        return false;
    if (excl) {
        /* One size and pair-ness per case: mixing them between a load and
         * a store exclusive is CONSTRAINED UNPREDICTABLE. */
        uint32_t shape = fld(w, 31, 30) << 1 | o1;
        if (!ctx->excl_shape)
            ctx->excl_shape = shape | 8;
        if ((ctx->excl_shape & 7) != shape)
            return false;
    }
    w = fix_reg(w, 0, rng, ctx, &used);
    w = pair ? fix_reg(w, 10, rng, ctx, &used) : setf(w, 14, 10, 31);
    w = rs_real ? fix_reg(w, 16, rng, ctx, &used) : setf(w, 20, 16, 31);
    if (casp) {
        uint32_t rs = fld(w, 20, 16) & ~1u, rt = fld(w, 4, 0) & ~1u;
        uint32_t b = ctx->base & ~1u;
        if (rs == rt || (ctx->base != 31 && (rs == b || rt == b)))
            return false;
        w = setf(setf(w, 20, 16, rs), 4, 0, rt);
    }
    *wp = w;
    return true;
}

/*
 * Cases with exclusives have no other atomics: whether a plain store or an
 * atomic to the monitored address clears the monitor is IMPLEMENTATION
 * DEFINED, and qemu and tern may legitimately differ.
 */
static bool fix_lse(uint32_t *wp, uint64_t *rng, DtCtx *ctx)
{
    uint32_t w = setf(*wp, 9, 5, ctx->base), used = 0;
    if (ctx->atomic_mode == 1)
        return false;
    ctx->atomic_mode = 0;
    w = fix_reg(w, 0, rng, ctx, &used);
    if (fld(w, 15, 15)) {                       /* o3: LDAPR */
        w = setf(setf(w, 14, 12, 4), 23, 22, 2);
        w = setf(w, 20, 16, 31);
    } else
        w = fix_reg(w, 16, rng, ctx, &used);
    *wp = w;
    return true;
}

/* AdvSIMD structure loads/stores: only Rn and a post-index Rm are GPRs. */
static bool fix_vec_mem(DtKind k, uint32_t *wp, uint64_t *rng, DtCtx *ctx)
{
    uint32_t w = setf(*wp, 9, 5, ctx->base), used = 0;
    if (k == K_VMULT_POST || k == K_VSINGLE_POST) {
        if (rnd(rng, 2))
            w = setf(w, 20, 16, 31);
        else {
            w = fix_reg(w, 16, rng, ctx, &used);
            ctx->small_mask |= 1u << fld(w, 20, 16);
        }
    }
    *wp = w;
    return true;
}

static bool ok_dp2(uint32_t *wp, uint64_t *rng)
{
    static const uint8_t ops[] = { 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23 };
    *wp = setf(*wp, 15, 10, ops[rnd(rng, sizeof(ops))]);
    return true;
}

static bool ok_fp(uint32_t w, DtKind k)
{
    uint32_t ftype = fld(w, 23, 22), op;
    if (k == K_FP1) {
        op = fld(w, 20, 15);
        if (op == 6)                            /* BFCVT */
            return false;
        if ((op >> 2) == 1)                     /* FCVT: any source type */
            return ftype != 2;
        return ftype < 2 && (op >> 2) != 4;     /* FRINT32/64 */
    }
    if (k == K_FPINT) {
        if (ftype == 1 && fld(w, 20, 16) == 0x1e)       /* FJCVTZS */
            return false;
        return ftype != 3;
    }
    return ftype < 2;
}

/* FMLAL/FMLSL(2) (FHM) own U = 0 opcode 11101 and U = 1 opcode 11001 of
 * the FP three same space; with sz = 1 the words are unallocated, but
 * disassemblers still show them as FHM, so the whole space is left out. */
static bool ok_vsame(uint32_t w)
{
    uint32_t u = fld(w, 29, 29), op = fld(w, 15, 11);
    return !((u == 0 && op == 0x1d) || (u == 1 && op == 0x19));
}

static bool ok_vmisc(uint32_t w)
{
    uint32_t u = fld(w, 29, 29), size = fld(w, 23, 22), op = fld(w, 16, 12);
    if ((op >> 1) == 0xf && size < 2)
        return false;                           /* FRINT32/64 (FRINTTS) */
    return !(u == 0 && size == 2 && op == 0x16);        /* BFCVTN */
}

static bool ok_vshift(uint32_t w)
{
    uint32_t immh = fld(w, 22, 19), op = fld(w, 15, 11);
    if (immh == 0)
        return false;
    return !((op == 0x1c || op == 0x1f) && immh < 4);   /* FP16 fixed point */
}

static bool ok_elem(uint32_t w, bool scalar)
{
    uint32_t u = fld(w, 29, 29), size = fld(w, 23, 22), op = fld(w, 15, 12);
    static const uint16_t vec_ok[2] = { 0x7fee, 0x4655 };  /* bit = opcode */
    static const uint16_t sca_ok[2] = { 0x3aaa, 0x0200 };
    const uint16_t *okset = scalar ? sca_ok : vec_ok;
    bool fp = (u == 0 && (op == 1 || op == 5 || op == 9)) || (u == 1 && op == 9);
    if (!(okset[u] >> op & 1))
        return false;
    return !fp || size >= 2;
}

/*
 * NZCV/FPCR/FPSR moves.  An MSR to FPCR or FPSR only takes a register
 * holding a value valid for that register in Armv8.0 without AArch32:
 * bits such as FPSR.NZCV (AArch32 only) or FPCR.AH (FEAT_AFP) exist in
 * qemu's max CPU and are RES0 in tern, so random values would diverge
 * legitimately.  Hence such sources are never an earlier MRS destination,
 * and MRS never overwrites them.
 */
static bool fix_sys(uint32_t *wp, uint64_t *rng, DtCtx *ctx)
{
    static const uint32_t base[] = {
        0xd51b4200, 0xd53b4200, 0xd51b4400, 0xd53b4400, 0xd51b4420, 0xd53b4420,
    };
    uint32_t i = rnd(rng, 6), rt = rnd(rng, 32), bit = rt < 31 ? 1u << rt : 0;
    bool is_mrs = base[i] & 0x00200000;
    if (is_mrs && (bit & (ctx->fpcr_mask | ctx->fpsr_mask)))
        return false;
    if ((i == 2 || i == 4) && (bit & ctx->written))
        return false;
    if (i == 2)
        ctx->fpcr_mask |= bit;
    if (i == 4)
        ctx->fpsr_mask |= bit;
    if (is_mrs)
        ctx->written |= bit;
    *wp = base[i] | rt;
    return true;
}

/* Apply the class's fixup; false rejects the word. */
static bool dt_fixup(const DtClass *c, uint32_t *w, uint64_t *rng, DtCtx *ctx)
{
    switch (c->kind) {
    case K_PLAIN: return true;
    case K_DP2: return ok_dp2(w, rng);
    case K_DP1: *w = setf(*w, 15, 10, rnd(rng, 6)); return true;
    case K_IMM9: case K_UIMM: case K_REGOFF: case K_PAIR:
        return fix_gpr_mem(c->kind, w, rng, ctx);
    case K_LIT:
        *w = setf(*w, 23, 5, sext_rand(rng, -256, 255));
        return true;
    case K_EXCL: return fix_excl(w, rng, ctx);
    case K_LSE: return fix_lse(w, rng, ctx);
    case K_VMULT: case K_VMULT_POST: case K_VSINGLE: case K_VSINGLE_POST:
        return fix_vec_mem(c->kind, w, rng, ctx);
    case K_FPGEN: case K_FP1: case K_FPINT: case K_FPFIX:
        return ok_fp(*w, c->kind);
    case K_VSAME: return ok_vsame(*w);
    case K_VMISC: return ok_vmisc(*w);
    case K_VACROSS:
        return fld(*w, 29, 29) || (fld(*w, 16, 12) != 0xc && fld(*w, 16, 12) != 0xf);
    case K_VMODIMM: return fld(*w, 11, 11) == 0;
    case K_VSHIFT: return ok_vshift(*w);
    case K_VELEM: return ok_elem(*w, false);
    case K_SELEM: return ok_elem(*w, true);
    case K_SPAIR: return fld(*w, 29, 29) || fld(*w, 16, 12) == 0x1b;
    case K_SHA512: return fld(*w, 14, 14) == 0;
    case K_CRYPTO4: return fld(*w, 22, 21) < 2;
    case K_SYS: return fix_sys(w, rng, ctx);
    }
    return false;
}

uint32_t dt_gen_word(int group, uint64_t *rng, DtCtx *ctx)
{
    const DtClass *pick[DT_NCLASSES];
    unsigned n = 0;
    for (unsigned i = 0; i < DT_NCLASSES; i++)
        if (dt_classes[i].group == group)
            pick[n++] = &dt_classes[i];
    for (int tries = 0; tries < 1000; tries++) {
        const DtClass *c = pick[rnd(rng, n)];
        DtCtx save = *ctx;
        uint32_t w = c->value | ((uint32_t)dt_rand(rng) & ~c->mask);
        if (dt_fixup(c, &w, rng, ctx))
            return w;
        *ctx = save;
    }
    return DT_NOP;
}

bool dt_group_is_mem(int group)
{
    return group == G_LDST || group == G_ATOMIC || group == G_SIMDLDST;
}

const char *dt_group_name(int group)
{
    return dt_groups[group];
}

int dt_group_count(void)
{
    return G_COUNT;
}

bool dt_parse_groups(const char *list, uint32_t *set)
{
    char buf[256];
    *set = 0;
    if (!strcmp(list, "all")) {
        *set = (1u << G_COUNT) - 1;
        return true;
    }
    strncpy(buf, list, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = 0;
    for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
        int g;
        for (g = 0; g < G_COUNT && strcmp(t, dt_groups[g]); g++)
            ;
        if (g == G_COUNT)
            return false;
        *set |= 1u << g;
    }
    return *set != 0;
}

int dt_pick_group(uint32_t set, uint64_t *rng)
{
    int cand[G_COUNT], n = 0;
    for (int g = 0; g < G_COUNT; g++)
        if (set >> g & 1)
            cand[n++] = g;
    return cand[rnd(rng, (uint32_t)n)];
}
