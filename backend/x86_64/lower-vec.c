/* backend/x86_64/lower-vec.c — the VEC op (ir/vecops.def) on SSE.
 *
 * A VEC op names 16-byte vectors of the CPU state by env offset, so its
 * sequence is self-contained: load the sources from [r14 + off] into
 * xmm0..xmm5, compute the result in xmm0, zero its high 8 bytes when Q is
 * clear, store it to [r14 + d].  No xmm register is live between ops, so
 * the register allocator never sees them (and helper calls, which clobber
 * every xmm under SysV, need no care).  Vectors are not IR globals: no
 * cached copy exists that the op would have to sync.
 *
 * Native sequences need SSE4.1 (which implies SSSE3); the 64-bit signed
 * compares need SSE4.2 (pcmpgtq), the AES rows AES-NI, the SHA-256 rows
 * SHA-NI.  Without them, or for a row with no
 * sequence here, the op calls ir_vec_run(), the reference, with the SysV
 * arguments (env, desc, d, a, b, c).  Lane constants that no register
 * trick yields are built in a scratch GPR (movabs) and broadcast
 * (movq + punpcklqdq).
 *
 * Every sequence is checked against ir_vec_run() by
 * tests/unit/test-x86-vec.c, for every row, element size and Q.
 */
#include "backend/x86_64/x86-internal.h"

/* ---- SSE encoders ------------------------------------------------------------ */

#define SSE    (X86_P_66 | X86_P_0F)      /* 66 0F xx */
#define SSE38  (X86_P_66 | X86_P_0F38)    /* 66 0F 38 xx */

enum {
    OP_MOVDQU_ST = X86_P_F3 | X86_P_0F | 0x7f,
    OP_MOVDQA = SSE | 0x6f,
    OP_MOVQ_XX = X86_P_F3 | X86_P_0F | 0x7e,      /* zeroes bits 127:64 */
    OP_MOVHPD_LD = SSE | 0x16,                    /* bits 127:64 <- m64 */
    OP_MOVQ_XR = SSE | X86_P_W | 0x6e,            /* xmm <- r64 */
    OP_PMOVMSKB = SSE | 0xd7,                     /* r32 <- xmm */
    OP_PAND = SSE | 0xdb, OP_PANDN = SSE | 0xdf, OP_POR = SSE | 0xeb, OP_PXOR = SSE | 0xef,
    OP_PCMPEQB = SSE | 0x74,
    OP_PCMPGTB = SSE | 0x64,
    OP_PUNPCKLBW = SSE | 0x60, OP_PUNPCKHBW = SSE | 0x68,
    OP_PUNPCKLQDQ = SSE | 0x6c, OP_PUNPCKHQDQ = SSE | 0x6d,
    OP_PACKUSWB = SSE | 0x67, OP_PACKUSDW = SSE38 | 0x2b,
    OP_PSHUFD = SSE | 0x70,
    OP_PSHUFLW = X86_P_F2 | X86_P_0F | 0x70,
    OP_PSHUFHW = X86_P_F3 | X86_P_0F | 0x70,
    OP_SHUFPS = X86_P_0F | 0xc6,
    OP_PSHUFB = SSE38 | 0x00,
    OP_PADDUSB = SSE | 0xdc,
    OP_PSUBB = SSE | 0xf8,
    OP_PMULLW = SSE | 0xd5,
    OP_SHIFT_W = SSE | 0x71, OP_SHIFT_D = SSE | 0x72, OP_SHIFT_Q = SSE | 0x73,
};

/* The /n of the shift-by-immediate groups 71/72/73. */
enum { SH_SRL = 2, SH_SRA = 4, SH_SLL = 6, SH_SRLDQ = 3, SH_SLLDQ = 7 };

/* Lane-size tables (index: log2 element bytes); 0 = no instruction. */
static const int op_padd[4] = { SSE | 0xfc, SSE | 0xfd, SSE | 0xfe, SSE | 0xd4 };
static const int op_psub[4] = { SSE | 0xf8, SSE | 0xf9, SSE | 0xfa, SSE | 0xfb };
static const int op_pcmpeq[4] = { SSE | 0x74, SSE | 0x75, SSE | 0x76, SSE38 | 0x29 };
static const int op_pcmpgt[4] = { SSE | 0x64, SSE | 0x65, SSE | 0x66, SSE38 | 0x37 };
static const int op_pmins[4] = { SSE38 | 0x38, SSE | 0xea, SSE38 | 0x39, 0 };
static const int op_pmaxs[4] = { SSE38 | 0x3c, SSE | 0xee, SSE38 | 0x3d, 0 };
static const int op_pminu[4] = { SSE | 0xda, SSE38 | 0x3a, SSE38 | 0x3b, 0 };
static const int op_pmaxu[4] = { SSE | 0xde, SSE38 | 0x3e, SSE38 | 0x3f, 0 };
static const int op_pmull[4] = { 0, SSE | 0xd5, SSE38 | 0x40, 0 };
static const int op_pabs[4] = { SSE38 | 0x1c, SSE38 | 0x1d, SSE38 | 0x1e, 0 };
static const int op_punpckl[4] = { SSE | 0x60, SSE | 0x61, SSE | 0x62, SSE | 0x6c };
static const int op_punpckh[4] = { SSE | 0x68, SSE | 0x69, SSE | 0x6a, SSE | 0x6d };
static const int op_shift[4] = { 0, OP_SHIFT_W, OP_SHIFT_D, OP_SHIFT_Q };

/* The state of one VEC lowering. */
typedef struct VecCtx {
    X86Ctx *c;
    X86Buf *b;
    IrVecOp op;
    unsigned esz, imm;
    bool q;
    int32_t d, a, bo, co;        /* env offsets */
    int gpr;                     /* scratch GPR for constants, or X86_NO_REG */
} VecCtx;

static void sse(VecCtx *v, int opc, int xd, int xs)
{
    x86_emit_rr(v->b, opc, xd, xs);
}

static void sse_imm(VecCtx *v, int opc, int xd, int xs, unsigned imm)
{
    x86_emit_rr(v->b, opc, xd, xs);
    x86_emit8(v->b, (uint8_t)imm);
}

/* Shift group: opc is OP_SHIFT_W/D/Q, n the /n. */
static void sse_shift(VecCtx *v, int opc, unsigned n, int x, unsigned imm)
{
    sse_imm(v, opc, (int)n, x, imm);
}

/* All 16 bytes at env + off, as two 8-byte loads: a vector written by
 * two 64-bit ST_ENVs (guest loads, inline moves) would not forward to one
 * 16-byte load, and the store-forwarding stall costs more than the extra
 * load. */
static void ld16(VecCtx *v, int x, int32_t off)
{
    x86_emit_rm(v->b, OP_MOVQ_XX, x, X86_REG_ENV, off);
    x86_emit_rm(v->b, OP_MOVHPD_LD, x, X86_REG_ENV, off + 8);
}

/* A source of the operation size: the low 8 bytes (high ones zero) when Q
 * is clear, which every row but those reading whole vectors (ld16) allows. */
static void ld(VecCtx *v, int x, int32_t off)
{
    if (v->q)
        ld16(v, x, off);
    else
        x86_emit_rm(v->b, OP_MOVQ_XX, x, X86_REG_ENV, off);
}

static void mov(VecCtx *v, int xd, int xs)
{
    if (xd != xs)
        sse(v, OP_MOVDQA, xd, xs);
}

static void zero(VecCtx *v, int x) { sse(v, OP_PXOR, x, x); }
static void ones(VecCtx *v, int x) { sse(v, OP_PCMPEQB, x, x); }

static void vnot(VecCtx *v, int x, int tmp)
{
    ones(v, tmp);
    sse(v, OP_PXOR, x, tmp);
}

/* x = the 64-bit value c in both halves. */
static void dup64(VecCtx *v, int x, uint64_t c)
{
    if (v->gpr == X86_NO_REG)
        v->gpr = x86_ra_scratch(v->c, X86_RS_ALL);
    x86_emit_movi(v->b, v->gpr, c, true, true);
    sse(v, OP_MOVQ_XR, x, v->gpr);
    sse(v, OP_PUNPCKLQDQ, x, x);
}

/* x = lo | hi << 64, using tmp. */
static void const128(VecCtx *v, int x, int tmp, uint64_t lo, uint64_t hi)
{
    if (v->gpr == X86_NO_REG)
        v->gpr = x86_ra_scratch(v->c, X86_RS_ALL);
    x86_emit_movi(v->b, v->gpr, lo, true, true);
    sse(v, OP_MOVQ_XR, x, v->gpr);
    x86_emit_movi(v->b, v->gpr, hi, true, true);
    sse(v, OP_MOVQ_XR, tmp, v->gpr);
    sse(v, OP_PUNPCKLQDQ, x, tmp);
}

static uint64_t dup_lane(unsigned esz, uint64_t x)
{
    uint64_t m = esz >= 3 ? ~0ull : (1ull << (8u << esz)) - 1;
    return esz >= 3 ? x : (x & m) * (~0ull / m);
}

/* ---- Building blocks on registers ---------------------------------------------- */

/* x0 = a * b lane-wise (x0 = a, x1 = b on entry; x2, x3 clobbered).  Bytes
 * have no multiply: even and odd bytes go through pmullw separately. */
static void gen_mul_regs(VecCtx *v)
{
    if (v->esz > 0) {
        sse(v, op_pmull[v->esz], 0, 1);
        return;
    }
    mov(v, 2, 0);
    sse(v, OP_PMULLW, 2, 1);             /* even products in the low bytes */
    sse_shift(v, OP_SHIFT_W, SH_SRL, 0, 8);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 1, 8);
    sse(v, OP_PMULLW, 0, 1);
    sse_shift(v, OP_SHIFT_W, SH_SLL, 0, 8);  /* odd products in the high bytes */
    ones(v, 3);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 3, 8);
    sse(v, OP_PAND, 2, 3);
    sse(v, OP_POR, 0, 2);
}

/* Even lanes of x0:x1 into x0, odd lanes into x1, bit-exact (x2, x3
 * clobbered).  Even lanes: the low half of each double-width lane packed
 * with unsigned saturation (it cannot saturate once masked); odd lanes:
 * the high half shifted down. */
static void gen_deinterleave(VecCtx *v)
{
    if (v->esz == 2) {
        mov(v, 2, 0);
        sse_imm(v, OP_SHUFPS, 0, 1, 0x88);
        sse_imm(v, OP_SHUFPS, 2, 1, 0xdd);
        mov(v, 1, 2);
        return;
    }
    int sh = v->esz ? OP_SHIFT_D : OP_SHIFT_W, pack = v->esz ? OP_PACKUSDW : OP_PACKUSWB;
    unsigned bits = 8u << v->esz;
    mov(v, 2, 0);
    mov(v, 3, 1);
    sse_shift(v, sh, SH_SRL, 2, bits);
    sse_shift(v, sh, SH_SRL, 3, bits);
    sse(v, pack, 2, 3);                  /* odd lanes */
    sse_shift(v, sh, SH_SLL, 0, bits);
    sse_shift(v, sh, SH_SRL, 0, bits);
    sse_shift(v, sh, SH_SLL, 1, bits);
    sse_shift(v, sh, SH_SRL, 1, bits);
    sse(v, pack, 0, 1);                  /* even lanes */
    mov(v, 1, 2);
}

/* x0, x1 = a, b; for the D forms of the pairwise and unzip rows, x0 = x1 =
 * a.lo : b.lo, whose even/odd split has the answer in its low half. */
static void load_pairs(VecCtx *v)
{
    ld(v, 0, v->a);
    ld(v, 1, v->bo);
    if (!v->q) {
        sse(v, OP_PUNPCKLQDQ, 0, 1);
        mov(v, 1, 0);
    }
}

/* x0 = x0 > x1 (signed) or x0 >= x1 (ge), with x2 clobbered. */
static void gen_cmp_signed(VecCtx *v, bool ge)
{
    if (!ge) {
        sse(v, op_pcmpgt[v->esz], 0, 1);
        return;
    }
    sse(v, op_pcmpgt[v->esz], 1, 0);     /* b > a */
    mov(v, 0, 1);
    vnot(v, 0, 2);
}

/* x0 = x0 > x1 (unsigned) or x0 >= x1 (hs).  Narrow lanes: a >= b iff
 * umax(a, b) == a; 64-bit lanes: signed compare of sign-flipped values. */
static void gen_cmp_unsigned(VecCtx *v, bool hs)
{
    if (v->esz == 3) {
        ones(v, 2);
        sse_shift(v, OP_SHIFT_Q, SH_SLL, 2, 63);
        sse(v, OP_PXOR, 0, 2);
        sse(v, OP_PXOR, 1, 2);
        gen_cmp_signed(v, hs);
        return;
    }
    mov(v, 2, 0);
    sse(v, op_pmaxu[v->esz], 0, 1);
    if (hs) {
        sse(v, op_pcmpeq[v->esz], 0, 2);  /* max == a */
        return;
    }
    sse(v, op_pcmpeq[v->esz], 0, 1);      /* max == b: a <= b */
    vnot(v, 0, 2);
}

/* x0 = x0 >> imm lane-wise, logical or arithmetic (imm already clamped to
 * esize - 1 for arithmetic shifts); x1, x2 clobbered. */
static void gen_shr_regs(VecCtx *v, bool arith, unsigned imm)
{
    if (v->esz > 0 && !(arith && v->esz == 3)) {
        sse_shift(v, op_shift[v->esz], arith ? SH_SRA : SH_SRL, 0, imm);
        return;
    }
    if (v->esz == 3) {                   /* (x >>> n ^ m) - m, m = 2^(63-n) */
        dup64(v, 1, 1ull << (63 - imm));
        sse_shift(v, OP_SHIFT_Q, SH_SRL, 0, imm);
        sse(v, OP_PXOR, 0, 1);
        sse(v, op_psub[3], 0, 1);
        return;
    }
    if (!arith) {
        sse_shift(v, OP_SHIFT_W, SH_SRL, 0, imm);
        dup64(v, 1, dup_lane(0, imm >= 8 ? 0 : 0xffu >> imm));
        sse(v, OP_PAND, 0, 1);
        return;
    }
    /* Bytes, arithmetic: odd bytes shift in place in the high half of a
     * word; even bytes are moved up first, then back down logically. */
    mov(v, 1, 0);
    sse_shift(v, OP_SHIFT_W, SH_SRA, 1, imm);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 1, 8);
    sse_shift(v, OP_SHIFT_W, SH_SLL, 1, 8);
    sse_shift(v, OP_SHIFT_W, SH_SLL, 0, 8);
    sse_shift(v, OP_SHIFT_W, SH_SRA, 0, imm);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 0, 8);
    sse(v, OP_POR, 0, 1);
}

/* Every lane of x = its lane i (x: bytes become 16-bit pairs first). */
static void gen_broadcast(VecCtx *v, int x, unsigned esz, unsigned i)
{
    switch (esz) {
    case 3: sse_imm(v, OP_PSHUFD, x, x, i ? 0xee : 0x44); return;
    case 2: sse_imm(v, OP_PSHUFD, x, x, i * 0x55); return;
    case 0:
        sse(v, i < 8 ? OP_PUNPCKLBW : OP_PUNPCKHBW, x, x);
        i %= 8;
        break;
    default:
        break;
    }
    sse_imm(v, i < 4 ? OP_PSHUFLW : OP_PSHUFHW, x, x, (i % 4) * 0x55);
    sse_imm(v, OP_PSHUFD, x, x, i < 4 ? 0x00 : 0xaa);
}

/* ---- The rows ------------------------------------------------------------------ */

/* Each leaves the result in x0; x86_vec_is_native() said the shape has a
 * sequence. */
typedef void VecGen(VecCtx *v);

static void gen_bitwise(VecCtx *v)
{
    ld(v, 0, v->a);
    switch ((unsigned)v->op) {   /* the bitwise rows */
    case IR_VEC_NOT:
        vnot(v, 0, 1);
        return;
    case IR_VEC_ANDC:                    /* pandn: dst = ~dst & src */
        ld(v, 1, v->bo);
        sse(v, OP_PANDN, 1, 0);
        mov(v, 0, 1);
        return;
    case IR_VEC_ORC:
        ld(v, 1, v->bo);
        vnot(v, 1, 2);
        sse(v, OP_POR, 0, 1);
        return;
    case IR_VEC_BITSEL:                  /* b ^ ((a ^ b) & c) */
        ld(v, 1, v->bo);
        ld(v, 2, v->co);
        sse(v, OP_PXOR, 0, 1);
        sse(v, OP_PAND, 0, 2);
        sse(v, OP_PXOR, 0, 1);
        return;
    default:
        ld(v, 1, v->bo);
        sse(v, v->op == IR_VEC_AND ? OP_PAND : v->op == IR_VEC_OR ? OP_POR : OP_PXOR, 0, 1);
        return;
    }
}

static void gen_arith(VecCtx *v)
{
    ld(v, 0, v->a);
    switch ((unsigned)v->op) {   /* the by-element rows: b's lane first */
    case IR_VEC_MUL_ELT: case IR_VEC_MLA_ELT: case IR_VEC_MLS_ELT:
        ld16(v, 1, v->bo);
        gen_broadcast(v, 1, v->esz, v->imm);
        v->op = v->op == IR_VEC_MUL_ELT ? IR_VEC_MUL
              : v->op == IR_VEC_MLA_ELT ? IR_VEC_MLA : IR_VEC_MLS;
        break;
    default:
        ld(v, 1, v->bo);
        break;
    }
    switch ((unsigned)v->op) {   /* add, sub, mul, mla, mls */
    case IR_VEC_ADD: sse(v, op_padd[v->esz], 0, 1); return;
    case IR_VEC_SUB: sse(v, op_psub[v->esz], 0, 1); return;
    case IR_VEC_MUL: gen_mul_regs(v); return;
    case IR_VEC_MLA:
        gen_mul_regs(v);
        ld(v, 1, v->co);
        sse(v, op_padd[v->esz], 0, 1);
        return;
    default:                             /* MLS: c - a * b */
        gen_mul_regs(v);
        ld(v, 1, v->co);
        sse(v, op_psub[v->esz], 1, 0);
        mov(v, 0, 1);
        return;
    }
}

static void gen_compare(VecCtx *v)
{
    ld(v, 0, v->a);
    switch ((unsigned)v->op) {   /* the compare rows */
    case IR_VEC_CMEQ0: zero(v, 1); sse(v, op_pcmpeq[v->esz], 0, 1); return;
    case IR_VEC_CMGT0: zero(v, 1); gen_cmp_signed(v, false); return;
    case IR_VEC_CMGE0: zero(v, 1); gen_cmp_signed(v, true); return;
    case IR_VEC_CMLT0:                   /* 0 > a */
        mov(v, 1, 0);
        zero(v, 0);
        gen_cmp_signed(v, false);
        return;
    case IR_VEC_CMLE0:                   /* 0 >= a */
        mov(v, 1, 0);
        zero(v, 0);
        gen_cmp_signed(v, true);
        return;
    default:
        break;
    }
    ld(v, 1, v->bo);
    switch ((unsigned)v->op) {
    case IR_VEC_CMEQ: sse(v, op_pcmpeq[v->esz], 0, 1); return;
    case IR_VEC_CMGT: gen_cmp_signed(v, false); return;
    case IR_VEC_CMGE: gen_cmp_signed(v, true); return;
    case IR_VEC_CMHI: gen_cmp_unsigned(v, false); return;
    case IR_VEC_CMHS: gen_cmp_unsigned(v, true); return;
    default:                             /* CMTST: (a & b) != 0 */
        sse(v, OP_PAND, 0, 1);
        zero(v, 1);
        sse(v, op_pcmpeq[v->esz], 0, 1);
        vnot(v, 0, 1);
        return;
    }
}

static int minmax_opc(IrVecOp op, unsigned esz)
{
    switch ((unsigned)op) {      /* min/max rows, lane-wise or reducing */
    case IR_VEC_SMIN: case IR_VEC_SMINP: case IR_VEC_SMINV: return op_pmins[esz];
    case IR_VEC_SMAX: case IR_VEC_SMAXP: case IR_VEC_SMAXV: return op_pmaxs[esz];
    case IR_VEC_UMIN: case IR_VEC_UMINP: case IR_VEC_UMINV: return op_pminu[esz];
    case IR_VEC_UMAX: case IR_VEC_UMAXP: case IR_VEC_UMAXV: return op_pmaxu[esz];
    default: return op_padd[esz];        /* ADDP, ADDV */
    }
}

static void gen_minmax(VecCtx *v)
{
    ld(v, 0, v->a);
    ld(v, 1, v->bo);
    sse(v, minmax_opc(v->op, v->esz), 0, 1);
    return;
}

static void gen_abs_neg(VecCtx *v)
{
    ld(v, 1, v->a);
    if (v->op == IR_VEC_NEG) {
        zero(v, 0);
        sse(v, op_psub[v->esz], 0, 1);
        return;
    }
    if (v->esz < 3) {
        sse(v, op_pabs[v->esz], 0, 1);
        return;
    }
    zero(v, 0);                          /* m = 0 > a; (a ^ m) - m */
    sse(v, op_pcmpgt[3], 0, 1);
    sse(v, OP_PXOR, 1, 0);
    sse(v, op_psub[3], 1, 0);
    mov(v, 0, 1);
    return;
}

/* Population count of bytes: two nibble lookups with pshufb. */
static void gen_cnt(VecCtx *v)
{
    const128(v, 2, 3, 0x0302020102010100ull, 0x0403030203020201ull);
    dup64(v, 3, 0x0f0f0f0f0f0f0f0full);
    ld(v, 0, v->a);
    mov(v, 1, 0);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 1, 4);
    sse(v, OP_PAND, 0, 3);
    sse(v, OP_PAND, 1, 3);
    mov(v, 4, 2);
    sse(v, OP_PSHUFB, 2, 0);
    sse(v, OP_PSHUFB, 4, 1);
    sse(v, op_padd[0], 2, 4);
    mov(v, 0, 2);
    return;
}

/* x0 <<= imm lane-wise (x1 clobbered); bytes shift as words, masked. */
static void gen_shl_regs(VecCtx *v, unsigned imm)
{
    if (imm == 0)
        return;
    if (v->esz > 0) {
        sse_shift(v, op_shift[v->esz], SH_SLL, 0, imm);
        return;
    }
    sse_shift(v, OP_SHIFT_W, SH_SLL, 0, imm);
    dup64(v, 1, dup_lane(0, 0xffu << imm));
    sse(v, OP_PAND, 0, 1);
}

static void gen_shift(VecCtx *v)
{
    unsigned bits = 8u << v->esz;
    ld(v, 0, v->a);
    if (v->op == IR_VEC_SHL) {
        gen_shl_regs(v, v->imm);
        return;
    }
    bool arith = v->op == IR_VEC_SSHR || v->op == IR_VEC_SSRA;
    gen_shr_regs(v, arith, arith && v->imm >= bits ? bits - 1 : v->imm);
    if (v->op == IR_VEC_USRA || v->op == IR_VEC_SSRA) {
        ld(v, 1, v->bo);
        sse(v, op_padd[v->esz], 0, 1);
    }
    return;
}

/* SLI/SRI: the shifted a, or-ed with the bits of b (the old Vd) it left
 * free, which a per-lane constant mask selects. */
static void gen_insert(VecCtx *v)
{
    unsigned bits = 8u << v->esz;
    uint64_t ones_lane = v->esz >= 3 ? ~0ull : (1ull << bits) - 1, keep;
    ld(v, 0, v->a);
    if (v->op == IR_VEC_SLI) {
        gen_shl_regs(v, v->imm);
        keep = (1ull << v->imm) - 1;
    } else {
        gen_shr_regs(v, false, v->imm);
        keep = v->imm >= bits ? ones_lane : ~(ones_lane >> v->imm) & ones_lane;
    }
    if (keep == 0)
        return;
    ld(v, 1, v->bo);
    dup64(v, 2, dup_lane(v->esz, keep));
    sse(v, OP_PAND, 1, 2);
    sse(v, OP_POR, 0, 1);
}

/* Saturating add/sub: the saturating and the wrapping results differ in
 * some lane of the operation size iff QC must be set. */
static void gen_sat(VecCtx *v)
{
    static const int satop[4][2] = {
        [0] = { SSE | 0xec, SSE | 0xed },   /* SQADD: paddsb/w */
        [1] = { SSE | 0xdc, SSE | 0xdd },   /* UQADD: paddusb/w */
        [2] = { SSE | 0xe8, SSE | 0xe9 },   /* SQSUB: psubsb/w */
        [3] = { SSE | 0xd8, SSE | 0xd9 },   /* UQSUB: psubusb/w */
    };
    unsigned k = (unsigned)(v->op - IR_VEC_SQADD);
    bool add = v->op == IR_VEC_SQADD || v->op == IR_VEC_UQADD;
    ld(v, 0, v->a);
    ld(v, 1, v->bo);
    mov(v, 2, 0);
    sse(v, satop[k][v->esz], 0, 1);
    sse(v, (add ? op_padd : op_psub)[v->esz], 2, 1);
    sse(v, OP_PCMPEQB, 2, 0);
    int r = x86_ra_scratch(v->c, X86_RS_ALL);
    x86_emit_rr(v->b, OP_PMOVMSKB, r, 2);
    x86_emit_grp3(v->b, X86_G3_NOT, r, false);
    x86_emit_test_ri(v->b, r, v->q ? 0xffff : 0xff, false);
    uint32_t skip = x86_emit_jcc8(v->b, X86_CC_E);
    x86_emit_rm(v->b, X86_OP_GRP1_Iz | X86_P_W, X86_ALU_OR, X86_REG_ENV, v->co);
    x86_emit32(v->b, 1u << v->imm);
    x86_patch_rel8(v->b, skip);
    return;
}

static void gen_pair(VecCtx *v)
{
    if (v->esz == 3) {                   /* ADDP .2d */
        ld(v, 0, v->a);
        ld(v, 1, v->bo);
        mov(v, 2, 0);
        sse(v, OP_PUNPCKLQDQ, 0, 1);
        sse(v, OP_PUNPCKHQDQ, 2, 1);
        sse(v, op_padd[3], 0, 2);
        return;
    }
    load_pairs(v);
    gen_deinterleave(v);
    sse(v, minmax_opc(v->op, v->esz), 0, 1);
    return;
}

/* Halve the live width until one lane is left, then clear the other bytes. */
static void gen_across(VecCtx *v)
{
    int opc = minmax_opc(v->op, v->esz);
    unsigned ebytes = 1u << v->esz;
    ld(v, 0, v->a);
    for (unsigned step = (v->q ? 16u : 8u) / 2; step >= ebytes; step /= 2) {
        mov(v, 1, 0);
        sse_shift(v, OP_SHIFT_Q, SH_SRLDQ, 1, step);
        sse(v, opc, 0, 1);
    }
    sse_shift(v, OP_SHIFT_Q, SH_SLLDQ, 0, 16 - ebytes);
    sse_shift(v, OP_SHIFT_Q, SH_SRLDQ, 0, 16 - ebytes);
    return;
}

static void gen_zip_trn(VecCtx *v)
{
    bool one = v->op == IR_VEC_ZIP1 || v->op == IR_VEC_TRN1;
    ld(v, 0, v->a);
    ld(v, 1, v->bo);
    if (v->op == IR_VEC_ZIP1 || v->op == IR_VEC_ZIP2 || v->esz == 3) {
        if (v->op == IR_VEC_ZIP2 && !v->q) {
            sse(v, op_punpckl[v->esz], 0, 1);
            sse_shift(v, OP_SHIFT_Q, SH_SRLDQ, 0, 8);
            return;
        }
        sse(v, (one ? op_punpckl : op_punpckh)[v->esz], 0, 1);
        return;
    }
    /* TRN on narrow lanes: each pair of lanes is one double-width lane. */
    int sh = op_shift[v->esz + 1];
    unsigned bits = 8u << v->esz;
    ones(v, 2);
    if (one) {                           /* a's even lane, b's even lane above */
        sse_shift(v, sh, SH_SRL, 2, bits);
        sse(v, OP_PAND, 0, 2);
        sse_shift(v, sh, SH_SLL, 1, bits);
    } else {                             /* a's odd lane below, b's odd lane */
        sse_shift(v, sh, SH_SLL, 2, bits);
        sse(v, OP_PAND, 1, 2);
        sse_shift(v, sh, SH_SRL, 0, bits);
    }
    sse(v, OP_POR, 0, 1);
    return;
}

static void gen_uzp(VecCtx *v)
{
    if (v->esz == 3) {
        ld(v, 0, v->a);
        ld(v, 1, v->bo);
        sse(v, v->op == IR_VEC_UZP1 ? OP_PUNPCKLQDQ : OP_PUNPCKHQDQ, 0, 1);
        return;
    }
    load_pairs(v);
    gen_deinterleave(v);
    if (v->op == IR_VEC_UZP2)
        mov(v, 0, 1);
    return;
}

/* Swaps the bytes of every 16-bit lane of x0 (x1 clobbered). */
static void gen_rev16_bytes(VecCtx *v)
{
    mov(v, 1, 0);
    sse_shift(v, OP_SHIFT_W, SH_SLL, 0, 8);
    sse_shift(v, OP_SHIFT_W, SH_SRL, 1, 8);
    sse(v, OP_POR, 0, 1);
}

static void gen_rev(VecCtx *v)
{
    ld(v, 0, v->a);
    if (v->op == IR_VEC_REV64 && v->esz == 2) {
        sse_imm(v, OP_PSHUFD, 0, 0, 0xb1);
        return;
    }
    if (v->op != IR_VEC_REV16) {         /* reverse the 16-bit lanes */
        unsigned imm = v->op == IR_VEC_REV32 ? 0xb1 : 0x1b;
        sse_imm(v, OP_PSHUFLW, 0, 0, imm);
        sse_imm(v, OP_PSHUFHW, 0, 0, imm);
    }
    if (v->esz == 0)
        gen_rev16_bytes(v);
    return;
}

static void gen_duplane(VecCtx *v)
{
    ld16(v, 0, v->a);
    gen_broadcast(v, 0, v->esz, v->imm);
}

static void gen_narrow(VecCtx *v)
{
    unsigned wide = v->esz + 1, bits = 8u << v->esz;
    ld16(v, 0, v->a);
    if (v->op == IR_VEC_SHRN)
        sse_shift(v, op_shift[wide], SH_SRL, 0, v->imm);
    if (v->esz == 2) {
        sse_imm(v, OP_PSHUFD, 0, 0, 0x08);
    } else {
        sse_shift(v, op_shift[wide], SH_SLL, 0, bits);
        sse_shift(v, op_shift[wide], SH_SRL, 0, bits);
        sse(v, v->esz ? OP_PACKUSDW : OP_PACKUSWB, 0, 0);
    }
    if (v->q) {                          /* XTN2: above b's low half */
        x86_emit_rm(v->b, OP_MOVQ_XX, 1, X86_REG_ENV, v->bo);
        sse(v, OP_PUNPCKLQDQ, 1, 0);
        mov(v, 0, 1);
    }
    return;
}

/* pmovsx/pmovzx widen the low 8 bytes; the Q form shifts the high half
 * down first. */
static void gen_widen(VecCtx *v)
{
    static const int pmovsx[3] = { SSE38 | 0x20, SSE38 | 0x23, SSE38 | 0x25 };
    static const int pmovzx[3] = { SSE38 | 0x30, SSE38 | 0x33, SSE38 | 0x35 };
    x86_emit_rm(v->b, OP_MOVQ_XX, 0, X86_REG_ENV, v->a + (v->q ? 8 : 0));
    sse(v, (v->op == IR_VEC_SSHLL ? pmovsx : pmovzx)[v->esz], 0, 0);
    if (v->imm)
        sse_shift(v, op_shift[v->esz + 1], SH_SLL, 0, v->imm);
    v->q = true;                         /* all 16 bytes are the result */
}

/* pshufb takes the low nibble of an index and zeroes for bit 7: adding
 * 0x70 with unsigned saturation keeps 0..15 and sends 16..255 past 0x7f. */
static void gen_tbl(VecCtx *v)
{
    int32_t idx = v->op == IR_VEC_TBL2 ? v->co : v->bo;
    dup64(v, 2, 0x7070707070707070ull);
    ld(v, 1, idx);
    mov(v, 3, 1);
    sse(v, OP_PADDUSB, 1, 2);
    ld16(v, 0, v->a);
    sse(v, OP_PSHUFB, 0, 1);
    if (v->op == IR_VEC_TBX1) {          /* out of range: bit 7 set */
        zero(v, 4);
        sse(v, OP_PCMPGTB, 4, 1);
        ld(v, 5, v->co);
        sse(v, OP_PAND, 5, 4);
        sse(v, OP_POR, 0, 5);
    } else if (v->op == IR_VEC_TBL2) {   /* second table: index - 16 */
        dup64(v, 4, 0x1010101010101010ull);
        sse(v, OP_PSUBB, 3, 4);
        sse(v, OP_PADDUSB, 3, 2);
        ld16(v, 5, v->bo);
        sse(v, OP_PSHUFB, 5, 3);
        sse(v, OP_POR, 0, 5);
    }
    return;
}

/* AES-NI works on the same FIPS-197 state layout.  AESENCLAST with a zero
 * key is SubBytes(ShiftRows(x)) and AESENC adds MixColumns (the fused
 * AESE+AESMC); the AESDEC forms are the inverses.  x86 has no bare
 * MixColumns: AESENC(AESDECLAST(x, 0), 0) is MixColumns(x), because the
 * byte-wise S-box commutes with the row permutation. */
static void gen_aes(VecCtx *v)
{
    enum { AESIMC = SSE38 | 0xdb, AESENC = SSE38 | 0xdc, AESENCLAST = SSE38 | 0xdd,
           AESDEC = SSE38 | 0xde, AESDECLAST = SSE38 | 0xdf };
    ld16(v, 0, v->a);
    if (v->op == IR_VEC_AESIMC) {
        sse(v, AESIMC, 0, 0);
        return;
    }
    if (ir_vec_info[v->op].nsrc == 2) {  /* AddRoundKey */
        ld16(v, 1, v->bo);
        sse(v, OP_PXOR, 0, 1);
    }
    zero(v, 1);
    switch ((unsigned)v->op) {           /* the IR_VK_AES rows */
    case IR_VEC_AESE: sse(v, AESENCLAST, 0, 1); break;
    case IR_VEC_AESD: sse(v, AESDECLAST, 0, 1); break;
    case IR_VEC_AESE_MC: sse(v, AESENC, 0, 1); break;
    case IR_VEC_AESD_IMC: sse(v, AESDEC, 0, 1); break;
    default:                             /* AESMC */
        sse(v, AESDECLAST, 0, 1);
        sse(v, AESENC, 0, 1);
        break;
    }
}

/* SHA-NI.  SHA256RNDS2 does two rounds on the state split as ABEF and
 * CDGH (A in the top lane) with the two words in xmm0's low half, and
 * leaves the new ABEF (the old ABEF is the new CDGH); Arm splits it as
 * X = (a, b, c, d) and Y = (e, f, g, h), lane 0 first, so shufps converts
 * both ways.  SHA256MSG1 is SHA256SU0 exactly; SHA256MSG2 is the sigma1
 * half of SHA256SU1, after adding Vd and (Vm:Vn) >> 32. */
static void gen_sha256(VecCtx *v)
{
    enum { RNDS2 = X86_P_0F38 | 0xcb, MSG1 = X86_P_0F38 | 0xcc, MSG2 = X86_P_0F38 | 0xcd,
           PADDD = SSE | 0xfe };
    ld16(v, 0, v->a);
    ld16(v, 1, v->bo);
    if (v->op == IR_VEC_SHA256SU0) {
        sse(v, MSG1, 0, 1);
        return;
    }
    ld16(v, 2, v->co);
    if (v->op == IR_VEC_SHA256SU1) {
        mov(v, 3, 2);
        sse_shift(v, OP_SHIFT_Q, SH_SRLDQ, 1, 4);
        sse_shift(v, OP_SHIFT_Q, SH_SLLDQ, 3, 12);
        sse(v, OP_POR, 1, 3);
        sse(v, PADDD, 0, 1);
        sse(v, MSG2, 0, 2);
        return;
    }
    mov(v, 3, 1);
    sse_imm(v, OP_SHUFPS, 3, 0, 0x11);   /* ABEF from X = x0, Y = x1 */
    mov(v, 4, 1);
    sse_imm(v, OP_SHUFPS, 4, 0, 0xbb);   /* CDGH */
    mov(v, 0, 2);                        /* the words */
    sse(v, RNDS2, 4, 3);                 /* x4: ABEF after two rounds */
    sse_imm(v, OP_PSHUFD, 0, 0, 0x0e);
    sse(v, RNDS2, 3, 4);                 /* x3: ABEF after four, x4: CDGH */
    mov(v, 0, 3);
    sse_imm(v, OP_SHUFPS, 0, 4, v->op == IR_VEC_SHA256H ? 0xbb : 0x11);
}

static VecGen *const vec_gen[IR_VEC_NUM] = {
    [IR_VEC_AND] = gen_bitwise, [IR_VEC_OR] = gen_bitwise, [IR_VEC_XOR] = gen_bitwise,
    [IR_VEC_ANDC] = gen_bitwise, [IR_VEC_ORC] = gen_bitwise, [IR_VEC_NOT] = gen_bitwise,
    [IR_VEC_BITSEL] = gen_bitwise,
    [IR_VEC_ADD] = gen_arith, [IR_VEC_SUB] = gen_arith, [IR_VEC_MUL] = gen_arith,
    [IR_VEC_MLA] = gen_arith, [IR_VEC_MLS] = gen_arith, [IR_VEC_MUL_ELT] = gen_arith,
    [IR_VEC_MLA_ELT] = gen_arith, [IR_VEC_MLS_ELT] = gen_arith,
    [IR_VEC_CMEQ] = gen_compare, [IR_VEC_CMGT] = gen_compare, [IR_VEC_CMGE] = gen_compare,
    [IR_VEC_CMHI] = gen_compare, [IR_VEC_CMHS] = gen_compare, [IR_VEC_CMTST] = gen_compare,
    [IR_VEC_CMEQ0] = gen_compare, [IR_VEC_CMGT0] = gen_compare, [IR_VEC_CMGE0] = gen_compare,
    [IR_VEC_CMLE0] = gen_compare, [IR_VEC_CMLT0] = gen_compare,
    [IR_VEC_SMIN] = gen_minmax, [IR_VEC_SMAX] = gen_minmax, [IR_VEC_UMIN] = gen_minmax,
    [IR_VEC_UMAX] = gen_minmax,
    [IR_VEC_ABS] = gen_abs_neg, [IR_VEC_NEG] = gen_abs_neg, [IR_VEC_CNT] = gen_cnt,
    [IR_VEC_SHL] = gen_shift, [IR_VEC_USHR] = gen_shift, [IR_VEC_SSHR] = gen_shift,
    [IR_VEC_USRA] = gen_shift, [IR_VEC_SSRA] = gen_shift,
    [IR_VEC_SLI] = gen_insert, [IR_VEC_SRI] = gen_insert,
    [IR_VEC_SQADD] = gen_sat, [IR_VEC_UQADD] = gen_sat, [IR_VEC_SQSUB] = gen_sat,
    [IR_VEC_UQSUB] = gen_sat,
    [IR_VEC_ADDP] = gen_pair, [IR_VEC_SMAXP] = gen_pair, [IR_VEC_SMINP] = gen_pair,
    [IR_VEC_UMAXP] = gen_pair, [IR_VEC_UMINP] = gen_pair,
    [IR_VEC_ADDV] = gen_across, [IR_VEC_SMAXV] = gen_across, [IR_VEC_SMINV] = gen_across,
    [IR_VEC_UMAXV] = gen_across, [IR_VEC_UMINV] = gen_across,
    [IR_VEC_ZIP1] = gen_zip_trn, [IR_VEC_ZIP2] = gen_zip_trn, [IR_VEC_TRN1] = gen_zip_trn,
    [IR_VEC_TRN2] = gen_zip_trn, [IR_VEC_UZP1] = gen_uzp, [IR_VEC_UZP2] = gen_uzp,
    [IR_VEC_REV16] = gen_rev, [IR_VEC_REV32] = gen_rev, [IR_VEC_REV64] = gen_rev,
    [IR_VEC_DUPLANE] = gen_duplane,
    [IR_VEC_XTN] = gen_narrow, [IR_VEC_SHRN] = gen_narrow,
    [IR_VEC_SSHLL] = gen_widen, [IR_VEC_USHLL] = gen_widen,
    [IR_VEC_TBL1] = gen_tbl, [IR_VEC_TBL2] = gen_tbl, [IR_VEC_TBX1] = gen_tbl,
    [IR_VEC_AESE] = gen_aes, [IR_VEC_AESD] = gen_aes, [IR_VEC_AESMC] = gen_aes,
    [IR_VEC_AESIMC] = gen_aes, [IR_VEC_AESE_MC] = gen_aes, [IR_VEC_AESD_IMC] = gen_aes,
    [IR_VEC_SHA256H] = gen_sha256, [IR_VEC_SHA256H2] = gen_sha256,
    [IR_VEC_SHA256SU0] = gen_sha256, [IR_VEC_SHA256SU1] = gen_sha256,
};

/* ---- The op ---------------------------------------------------------------------- */

/* ir_vec_run(env, desc, d, a, b, c) as a SysV call. */
static void gen_vec_call(X86Ctx *c, const IrOp *op)
{
    static const int8_t regs[6] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };
    x86_ra_spill_caller_saved(c);
    x86_emit_mov_rr(&c->buf, X86_RDI, X86_REG_ENV, true);
    for (unsigned i = 0; i < 5; i++) {
        x86_emit_movi(&c->buf, regs[i + 1], ir_carg(op, i), true, true);
        c->locked |= X86_RS(regs[i + 1]);
    }
    c->locked |= X86_RS(X86_RDI);
    x86_emit_call_abs(&c->buf, (uintptr_t)ir_vec_run);
}

void x86_lower_vec(X86Ctx *c, const IrOp *op)
{
    IrVecDesc desc = (IrVecDesc)ir_carg(op, 0);
    VecCtx v = {
        .c = c, .b = &c->buf, .op = ir_vec_desc_op(desc), .esz = ir_vec_desc_esz(desc),
        .imm = ir_vec_desc_imm(desc), .q = ir_vec_desc_q(desc),
        .d = (int32_t)ir_carg(op, 1), .a = (int32_t)ir_carg(op, 2),
        .bo = (int32_t)ir_carg(op, 3), .co = (int32_t)ir_carg(op, 4), .gpr = X86_NO_REG,
    };
    if (!x86_vec_is_native(c->be, desc)) {
        gen_vec_call(c, op);
        return;
    }
    vec_gen[v.op](&v);
    if (!v.q)
        sse(&v, OP_MOVQ_XX, 0, 0);
    x86_emit_rm(v.b, OP_MOVDQU_ST, 0, X86_REG_ENV, v.d);
}

bool x86_vec_is_native(const X86Backend *be, IrVecDesc desc)
{
    IrVecOp op = ir_vec_desc_op(desc);
    if (!(be->features & X86_FEAT_SSE41) || !vec_gen[op])
        return false;
    if (ir_vec_info[op].kind == IR_VK_AES)
        return be->features & X86_FEAT_AES;
    if (ir_vec_info[op].kind == IR_VK_SHA)
        return be->features & X86_FEAT_SHA;
    unsigned esz = ir_vec_desc_esz(desc);
    bool q64_needs_42 = esz == 3 && (op == IR_VEC_CMGT || op == IR_VEC_CMGE
        || op == IR_VEC_CMHI || op == IR_VEC_CMHS || op == IR_VEC_CMGT0
        || op == IR_VEC_CMGE0 || op == IR_VEC_CMLE0 || op == IR_VEC_CMLT0
        || op == IR_VEC_ABS);
    return !q64_needs_42 || (be->features & X86_FEAT_SSE42);
}
