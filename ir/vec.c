/* ir/vec.c — the VEC op's operations (ir/vecops.def): their table, the
 * descriptor check, the builder, and the reference implementation.
 *
 * ir_vec_run() is the semantics: the interpreter runs it, the x86 backend
 * calls it where the host lacks an SSE level, and the backend's tests
 * compare every native lowering with it.  It works on copies of the
 * sources (so d may alias any of them) and reaches lanes by bit position
 * in the two 64-bit words of a vector, so it does not depend on the host's
 * byte order.  Lane arithmetic is done on zero-extended raw lane bits and
 * masked at the end; signed views are sign-extended on demand.
 */
#include "ir/ir-internal.h"

#include <string.h>

const IrVecInfo ir_vec_info[IR_VEC_NUM] = {
#define IR_VECOP(name, nsrc, sizes, kind) [IR_VEC_##name] = { #name, nsrc, sizes, kind },
#include "ir/vecops.def"
#undef IR_VECOP
};

/* ---- Descriptors ------------------------------------------------------------ */

/* The largest immediate each operation accepts for element size esz (the
 * shifts' ranges; 0 for operations without one). */
static unsigned vec_imm_max(IrVecOp op, unsigned esz)
{
    unsigned bits = 8u << esz;
    switch ((unsigned)op) {      /* the operations with an immediate */
    case IR_VEC_SHL: case IR_VEC_SLI: case IR_VEC_SSHLL: case IR_VEC_USHLL: return bits - 1;
    case IR_VEC_USHR: case IR_VEC_SSHR: case IR_VEC_USRA: case IR_VEC_SSRA:
    case IR_VEC_SRI: case IR_VEC_SHRN:
        return bits;
    case IR_VEC_SQADD: case IR_VEC_UQADD: case IR_VEC_SQSUB: case IR_VEC_UQSUB:
        return 30;
    case IR_VEC_DUPLANE: case IR_VEC_MUL_ELT: case IR_VEC_MLA_ELT: case IR_VEC_MLS_ELT:
        return (16u >> esz) - 1;
    default: return 0;
    }
}

static bool vec_imm_ok(IrVecOp op, unsigned esz, unsigned imm)
{
    switch ((unsigned)op) {      /* the right shifts: 1..esize */
    case IR_VEC_USHR: case IR_VEC_SSHR: case IR_VEC_USRA: case IR_VEC_SSRA:
    case IR_VEC_SRI: case IR_VEC_SHRN:
        if (imm == 0)
            return false;
        break;
    default:
        break;
    }
    return imm <= vec_imm_max(op, esz);
}

bool ir_vec_desc_ok(IrVecDesc desc)
{
    IrVecOp op = ir_vec_desc_op(desc);
    unsigned esz = ir_vec_desc_esz(desc);
    bool q = ir_vec_desc_q(desc);
    if (op >= IR_VEC_NUM || (desc & 0xff00f800u))
        return false;
    const IrVecInfo *vi = &ir_vec_info[op];
    if (!(vi->sizes & (1u << esz)) || !vec_imm_ok(op, esz, ir_vec_desc_imm(desc)))
        return false;
    if ((vi->kind == IR_VK_PERM || vi->kind == IR_VK_PAIR) && esz == 3 && !q)
        return false;
    if (vi->kind == IR_VK_ACROSS && esz == 2 && !q)
        return false;
    if ((vi->kind == IR_VK_AES || vi->kind == IR_VK_SHA) && !q)
        return false;
    return true;
}

void ir_gen_vec(IrFunc *f, IrVecDesc desc, int32_t d, int32_t a, int32_t b, int32_t c)
{
    IrOp *op = ir_emit(f, IR_VEC, IR_I64);
    op->args[0] = desc;
    op->args[1] = (uint64_t)(int64_t)d;
    op->args[2] = (uint64_t)(int64_t)a;
    op->args[3] = (uint64_t)(int64_t)b;
    op->args[4] = (uint64_t)(int64_t)c;
}

/* ---- Lanes -------------------------------------------------------------------- */

typedef struct Vec {
    uint64_t w[2];
} Vec;

static uint64_t ones(unsigned esz)
{
    return esz >= 3 ? ~0ull : (1ull << (8u << esz)) - 1;
}

static uint64_t lane(const Vec *v, unsigned esz, unsigned i)
{
    unsigned bits = 8u << esz, pos = i * bits;
    return (v->w[pos / 64] >> (pos % 64)) & ones(esz);
}

static void set_lane(Vec *v, unsigned esz, unsigned i, uint64_t x)
{
    unsigned bits = 8u << esz, pos = i * bits;
    uint64_t m = ones(esz) << (pos % 64);
    v->w[pos / 64] = (v->w[pos / 64] & ~m) | ((x << (pos % 64)) & m);
}

static int64_t sext(uint64_t x, unsigned esz)
{
    unsigned sh = 64 - (8u << esz);
    return (int64_t)(x << sh) >> sh;
}

static uint64_t mask_if(bool cond, unsigned esz)
{
    return cond ? ones(esz) : 0;
}

static uint64_t lane_sshr(uint64_t a, unsigned esz, unsigned imm)
{
    unsigned bits = 8u << esz;
    return (uint64_t)(sext(a, esz) >> (imm >= bits ? bits - 1 : imm));
}

static uint64_t lane_ushr(uint64_t a, unsigned esz, unsigned imm)
{
    return imm >= (8u << esz) ? 0 : a >> imm;
}

/* One lane of an IR_VK_LANE operation (or the lane function behind a
 * pairwise or across-lanes one), unmasked. */
static uint64_t lane_op(IrVecOp op, unsigned esz, unsigned imm, uint64_t a, uint64_t b,
                        uint64_t c)
{
    int64_t sa = sext(a, esz), sb = sext(b, esz);
    switch ((unsigned)op) {      /* the IR_VK_LANE rows */
    case IR_VEC_AND:    return a & b;
    case IR_VEC_OR:     return a | b;
    case IR_VEC_XOR:    return a ^ b;
    case IR_VEC_ANDC:   return a & ~b;
    case IR_VEC_ORC:    return a | ~b;
    case IR_VEC_NOT:    return ~a;
    case IR_VEC_BITSEL: return (a & c) | (b & ~c);
    case IR_VEC_ADD:    return a + b;
    case IR_VEC_SUB:    return a - b;
    case IR_VEC_MUL:    return a * b;
    case IR_VEC_MLA:    return c + a * b;
    case IR_VEC_MLS:    return c - a * b;
    case IR_VEC_MUL_ELT: return a * b;        /* b: the element, see run_lane */
    case IR_VEC_MLA_ELT: return c + a * b;
    case IR_VEC_MLS_ELT: return c - a * b;
    case IR_VEC_CMEQ:   return mask_if(a == b, esz);
    case IR_VEC_CMGT:   return mask_if(sa > sb, esz);
    case IR_VEC_CMGE:   return mask_if(sa >= sb, esz);
    case IR_VEC_CMHI:   return mask_if(a > b, esz);
    case IR_VEC_CMHS:   return mask_if(a >= b, esz);
    case IR_VEC_CMTST:  return mask_if((a & b) != 0, esz);
    case IR_VEC_CMEQ0:  return mask_if(a == 0, esz);
    case IR_VEC_CMGT0:  return mask_if(sa > 0, esz);
    case IR_VEC_CMGE0:  return mask_if(sa >= 0, esz);
    case IR_VEC_CMLE0:  return mask_if(sa <= 0, esz);
    case IR_VEC_CMLT0:  return mask_if(sa < 0, esz);
    case IR_VEC_SMIN:   return sa < sb ? a : b;
    case IR_VEC_SMAX:   return sa > sb ? a : b;
    case IR_VEC_UMIN:   return a < b ? a : b;
    case IR_VEC_UMAX:   return a > b ? a : b;
    case IR_VEC_ABS:    return sa < 0 ? -a : a;
    case IR_VEC_NEG:    return -a;
    case IR_VEC_CNT:    return (uint64_t)__builtin_popcountll(a);
    case IR_VEC_SHL:    return a << imm;
    case IR_VEC_USHR:   return lane_ushr(a, esz, imm);
    case IR_VEC_SSHR:   return lane_sshr(a, esz, imm);
    case IR_VEC_USRA:   return b + lane_ushr(a, esz, imm);
    case IR_VEC_SSRA:   return b + lane_sshr(a, esz, imm);
    case IR_VEC_SLI:    return a << imm | (b & ((1ull << imm) - 1));
    case IR_VEC_SRI:
        return imm >= (8u << esz) ? b : lane_ushr(a, esz, imm) | (b & ~(ones(esz) >> imm));
    default:            return 0;
    }
}

/* A saturating lane (esz 0 or 1, so int64 holds every exact result);
 * *sat is set when the result was clamped. */
static uint64_t lane_sat(IrVecOp op, unsigned esz, uint64_t a, uint64_t b, bool *sat)
{
    int64_t smax = (int64_t)(ones(esz) >> 1), smin = -smax - 1, umax = (int64_t)ones(esz);
    int64_t x, lo, hi;
    switch ((unsigned)op) {      /* the IR_VK_SAT rows */
    case IR_VEC_SQADD: x = sext(a, esz) + sext(b, esz); lo = smin; hi = smax; break;
    case IR_VEC_SQSUB: x = sext(a, esz) - sext(b, esz); lo = smin; hi = smax; break;
    case IR_VEC_UQADD: x = (int64_t)(a + b); lo = 0; hi = umax; break;
    default:           x = (int64_t)a - (int64_t)b; lo = 0; hi = umax; break;
    }
    if (x < lo || x > hi) {
        *sat = true;
        x = x < lo ? lo : hi;
    }
    return (uint64_t)x;
}

/* ---- Operations by kind -------------------------------------------------------- */

typedef struct VecArgs {
    IrVecOp op;
    unsigned esz, imm, n;      /* n: lanes of the operation size */
    bool q;
    Vec a, b, c;
} VecArgs;

static bool by_element(IrVecOp op)
{
    return op == IR_VEC_MUL_ELT || op == IR_VEC_MLA_ELT || op == IR_VEC_MLS_ELT;
}

static void run_lane(const VecArgs *x, Vec *d)
{
    for (unsigned i = 0; i < x->n; i++) {
        unsigned j = by_element(x->op) ? x->imm : i;
        uint64_t r = lane_op(x->op, x->esz, x->imm, lane(&x->a, x->esz, i),
                             lane(&x->b, x->esz, j), lane(&x->c, x->esz, i));
        set_lane(d, x->esz, i, r);
    }
}

static bool run_sat(const VecArgs *x, Vec *d)
{
    bool sat = false;
    for (unsigned i = 0; i < x->n; i++)
        set_lane(d, x->esz, i, lane_sat(x->op, x->esz, lane(&x->a, x->esz, i),
                                        lane(&x->b, x->esz, i), &sat));
    return sat;
}

/* The lane operation behind a pairwise or across-lanes one. */
static IrVecOp reduce_op(IrVecOp op)
{
    switch ((unsigned)op) {      /* the IR_VK_PAIR and IR_VK_ACROSS rows */
    case IR_VEC_SMAXP: case IR_VEC_SMAXV: return IR_VEC_SMAX;
    case IR_VEC_SMINP: case IR_VEC_SMINV: return IR_VEC_SMIN;
    case IR_VEC_UMAXP: case IR_VEC_UMAXV: return IR_VEC_UMAX;
    case IR_VEC_UMINP: case IR_VEC_UMINV: return IR_VEC_UMIN;
    default: return IR_VEC_ADD;
    }
}

/* Lane i of the concatenation a:b, each of n lanes. */
static uint64_t cat_lane(const VecArgs *x, unsigned i)
{
    return i < x->n ? lane(&x->a, x->esz, i) : lane(&x->b, x->esz, i - x->n);
}

static void run_pair(const VecArgs *x, Vec *d)
{
    IrVecOp f = reduce_op(x->op);
    for (unsigned i = 0; i < x->n; i++)
        set_lane(d, x->esz, i, lane_op(f, x->esz, 0, cat_lane(x, 2 * i),
                                       cat_lane(x, 2 * i + 1), 0));
}

static void run_across(const VecArgs *x, Vec *d)
{
    IrVecOp f = reduce_op(x->op);
    uint64_t r = lane(&x->a, x->esz, 0);
    for (unsigned i = 1; i < x->n; i++)
        r = lane_op(f, x->esz, 0, r, lane(&x->a, x->esz, i), 0) & ones(x->esz);
    d->w[0] = r & ones(x->esz);
    d->w[1] = 0;
}

/* The source lane of d[i] for the permutes: from a (*from_b false) or b. */
static unsigned perm_src(const VecArgs *x, unsigned i, bool *from_b)
{
    unsigned n = x->n, half = i / 2, odd = i & 1;
    *from_b = false;
    switch ((unsigned)x->op) {   /* the IR_VK_PERM rows */
    case IR_VEC_ZIP1: *from_b = odd; return half;
    case IR_VEC_ZIP2: *from_b = odd; return n / 2 + half;
    case IR_VEC_UZP1: case IR_VEC_UZP2: {
        unsigned j = 2 * i + (x->op == IR_VEC_UZP2);
        *from_b = j >= n;
        return j % n;
    }
    case IR_VEC_TRN1: *from_b = odd; return i & ~1u;
    case IR_VEC_TRN2: *from_b = odd; return i | 1u;
    case IR_VEC_REV16: return i ^ ((2u >> x->esz) - 1);
    case IR_VEC_REV32: return i ^ ((4u >> x->esz) - 1);
    case IR_VEC_REV64: return i ^ ((8u >> x->esz) - 1);
    default: return x->imm;       /* DUPLANE */
    }
}

static void run_perm(const VecArgs *x, Vec *d)
{
    for (unsigned i = 0; i < x->n; i++) {
        bool from_b;
        unsigned j = perm_src(x, i, &from_b);
        set_lane(d, x->esz, i, lane(from_b ? &x->b : &x->a, x->esz, j));
    }
}

/* 8 bytes of narrow lanes from the 16 bytes of a; the Q form keeps b's low
 * half below them. */
static void run_narrow(const VecArgs *x, Vec *d)
{
    Vec r = { { 0, 0 } };
    for (unsigned i = 0; i < (8u >> x->esz); i++)
        set_lane(&r, x->esz, i, lane(&x->a, x->esz + 1, i) >> x->imm);
    d->w[0] = x->q ? x->b.w[0] : r.w[0];
    d->w[1] = x->q ? r.w[0] : 0;
}

static void run_widen(const VecArgs *x, Vec *d)
{
    unsigned half = x->q ? 8u >> x->esz : 0;
    for (unsigned i = 0; i < (8u >> x->esz); i++) {
        uint64_t v = lane(&x->a, x->esz, half + i);
        if (x->op == IR_VEC_SSHLL)
            v = (uint64_t)sext(v, x->esz);
        set_lane(d, x->esz + 1, i, v << x->imm);
    }
}

static void run_tbl(const VecArgs *x, Vec *d)
{
    bool two = x->op == IR_VEC_TBL2;
    const Vec *idx = two ? &x->c : &x->b;
    for (unsigned i = 0; i < x->n; i++) {
        uint64_t k = lane(idx, 0, i), r = x->op == IR_VEC_TBX1 ? lane(&x->c, 0, i) : 0;
        if (k < 16)
            r = lane(&x->a, 0, (unsigned)k);
        else if (two && k < 32)
            r = lane(&x->b, 0, (unsigned)k - 16);
        set_lane(d, 0, i, r);
    }
}

/* ---- The entry point ---------------------------------------------------------- */

static void load_vec(const uint8_t *env, int64_t off, Vec *v)
{
    memcpy(v->w, env + off, sizeof(v->w));
}

void ir_vec_run(void *env, uint64_t desc, int64_t d, int64_t a, int64_t b, int64_t c)
{
    uint8_t *e = env;
    VecArgs x = {
        .op = ir_vec_desc_op((IrVecDesc)desc), .esz = ir_vec_desc_esz((IrVecDesc)desc),
        .imm = ir_vec_desc_imm((IrVecDesc)desc), .q = ir_vec_desc_q((IrVecDesc)desc),
    };
    const IrVecInfo *vi = &ir_vec_info[x.op];
    x.n = (x.q ? 16u : 8u) >> x.esz;
    if (vi->nsrc >= 1)
        load_vec(e, a, &x.a);
    if (vi->nsrc >= 2)
        load_vec(e, b, &x.b);
    if (vi->nsrc >= 3)
        load_vec(e, c, &x.c);
    Vec r = { { 0, 0 } };
    switch ((IrVecKind)vi->kind) {
    case IR_VK_LANE: run_lane(&x, &r); break;
    case IR_VK_PAIR: run_pair(&x, &r); break;
    case IR_VK_ACROSS: run_across(&x, &r); break;
    case IR_VK_PERM: run_perm(&x, &r); break;
    case IR_VK_NARROW: run_narrow(&x, &r); break;
    case IR_VK_WIDEN: run_widen(&x, &r); break;
    case IR_VK_TBL: run_tbl(&x, &r); break;
    case IR_VK_AES: ir_vec_aes(x.op, x.a.w, x.b.w, r.w); break;
    case IR_VK_SHA: ir_vec_sha(x.op, x.a.w, x.b.w, x.c.w, r.w); break;
    case IR_VK_SAT:
        if (run_sat(&x, &r)) {
            uint64_t qc;
            memcpy(&qc, e + c, 8);
            qc |= 1ull << x.imm;
            memcpy(e + c, &qc, 8);
        }
        break;
    }
    if (!x.q && vi->kind != IR_VK_NARROW && vi->kind != IR_VK_WIDEN)
        r.w[1] = 0;
    memcpy(e + d, r.w, sizeof(r.w));
}
