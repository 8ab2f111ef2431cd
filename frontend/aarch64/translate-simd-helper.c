/* frontend/aarch64/translate-simd-helper.c — AdvSIMD helpers: the integer
 * vector operations that are not worth inline i64 IR (pairwise, across
 * lanes, widening, narrowing, shifts, permutes, table lookup, compares).
 *
 * Each is void helper_simd_NAME(A64CPU *env, uint32_t desc) over env->v,
 * with the operands unpacked from desc (translate-ldst.h).  Elements are
 * reached by bit position within the two uint64_t halves, so the code does
 * not depend on host byte order.  Results are built in a local copy and
 * stored at the end, so Rd may alias any source; a result with Q = 0 clears
 * bits 127:64 (except the "2" forms, which write the high half and keep the
 * low one).  The descriptors are generated from A64_SIMD_HELPERS, so the
 * list and the functions cannot drift apart.
 */
#include "frontend/aarch64/translate-ldst.h"

#include <string.h>

#define A64_SIMD_HELPER_PROTO(name) static void helper_simd_##name(A64CPU *env, uint32_t desc);
A64_SIMD_HELPERS(A64_SIMD_HELPER_PROTO)
#undef A64_SIMD_HELPER_PROTO

/* ---- Elements ------------------------------------------------------------------------- */

static uint64_t ones(unsigned size)
{
    return size >= 3 ? ~0ull : (1ull << (8u << size)) - 1;
}

static uint64_t elt(const uint64_t *v, unsigned size, unsigned i)
{
    unsigned bits = 8u << size, pos = i * bits;
    return (v[pos / 64] >> (pos % 64)) & ones(size);
}

static void set_elt(uint64_t *v, unsigned size, unsigned i, uint64_t x)
{
    unsigned bits = 8u << size, pos = i * bits;
    uint64_t m = ones(size) << (pos % 64);
    v[pos / 64] = (v[pos / 64] & ~m) | ((x << (pos % 64)) & m);
}

static int64_t sext(uint64_t x, unsigned size)
{
    unsigned sh = 64 - (8u << size);
    return (int64_t)(x << sh) >> sh;
}

static unsigned nelem(uint32_t desc)
{
    return (SIMD_DESC_Q(desc) ? 16u : 8u) >> SIMD_DESC_SIZE(desc);
}

static void store_rd(A64CPU *env, uint32_t desc, const uint64_t r[2])
{
    env->v[SIMD_DESC_RD(desc)][0] = r[0];
    env->v[SIMD_DESC_RD(desc)][1] = SIMD_DESC_Q(desc) ? r[1] : 0;
}

/* ---- Element-wise drivers ---------------------------------------------------------------- */

typedef uint64_t ElemOp2(uint64_t n, uint64_t m, unsigned size);
typedef uint64_t ElemOp1(uint64_t n, unsigned size);

static void do_3same(A64CPU *env, uint32_t desc, ElemOp2 *op)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++)
        set_elt(r, size, i, op(elt(n, size, i), elt(m, size, i), size));
    store_rd(env, desc, r);
}

/* Pairwise: the concatenation Vm:Vn, adjacent elements combined. */
static void do_pairwise(A64CPU *env, uint32_t desc, ElemOp2 *op)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), half = nelem(desc) / 2;
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++) {
        const uint64_t *src = i < half ? n : m;
        unsigned j = (i % half) * 2;
        set_elt(r, size, i, op(elt(src, size, j), elt(src, size, j + 1), size));
    }
    store_rd(env, desc, r);
}

static void do_2misc(A64CPU *env, uint32_t desc, ElemOp1 *op)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++)
        set_elt(r, size, i, op(elt(n, size, i), size));
    store_rd(env, desc, r);
}

/* ---- Element operations -------------------------------------------------------------------- */

static uint64_t bool_mask(bool b, unsigned size) { return b ? ones(size) : 0; }

static uint64_t op_add(uint64_t n, uint64_t m, unsigned sz) { return (n + m) & ones(sz); }
static uint64_t op_mul(uint64_t n, uint64_t m, unsigned sz) { return (n * m) & ones(sz); }
static uint64_t op_smax(uint64_t n, uint64_t m, unsigned sz) { return sext(n, sz) > sext(m, sz) ? n : m; }
static uint64_t op_smin(uint64_t n, uint64_t m, unsigned sz) { return sext(n, sz) < sext(m, sz) ? n : m; }
static uint64_t op_umax(uint64_t n, uint64_t m, unsigned sz) { return n > m ? n : m; }
static uint64_t op_umin(uint64_t n, uint64_t m, unsigned sz) { return n < m ? n : m; }
static uint64_t op_cmgt(uint64_t n, uint64_t m, unsigned sz) { return bool_mask(sext(n, sz) > sext(m, sz), sz); }
static uint64_t op_cmge(uint64_t n, uint64_t m, unsigned sz) { return bool_mask(sext(n, sz) >= sext(m, sz), sz); }
static uint64_t op_cmhi(uint64_t n, uint64_t m, unsigned sz) { return bool_mask(n > m, sz); }
static uint64_t op_cmhs(uint64_t n, uint64_t m, unsigned sz) { return bool_mask(n >= m, sz); }
static uint64_t op_cmtst(uint64_t n, uint64_t m, unsigned sz) { return bool_mask((n & m) != 0, sz); }

static uint64_t op_cmgt0(uint64_t n, unsigned sz) { return bool_mask(sext(n, sz) > 0, sz); }
static uint64_t op_cmge0(uint64_t n, unsigned sz) { return bool_mask(sext(n, sz) >= 0, sz); }
static uint64_t op_cmle0(uint64_t n, unsigned sz) { return bool_mask(sext(n, sz) <= 0, sz); }
static uint64_t op_cmlt0(uint64_t n, unsigned sz) { return bool_mask(sext(n, sz) < 0, sz); }
static uint64_t op_abs(uint64_t n, unsigned sz) { return (sext(n, sz) < 0 ? -n : n) & ones(sz); }
static uint64_t op_neg(uint64_t n, unsigned sz) { return -n & ones(sz); }
static uint64_t op_cnt(uint64_t n, unsigned sz) { return (uint64_t)__builtin_popcountll(n); }

static uint64_t op_rbit(uint64_t n, unsigned sz)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r |= ((n >> i) & 1) << (7 - i);
    return r;
}

/* MLA/MLS: Vd +/-= Vn * Vm lane by lane. */
static void do_mla(A64CPU *env, uint32_t desc, bool sub)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    const uint64_t *d = env->v[SIMD_DESC_RD(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++) {
        uint64_t p = elt(n, size, i) * elt(m, size, i);
        set_elt(r, size, i, sub ? elt(d, size, i) - p : elt(d, size, i) + p);
    }
    store_rd(env, desc, r);
}

static void helper_simd_mla(A64CPU *env, uint32_t desc) { do_mla(env, desc, false); }
static void helper_simd_mls(A64CPU *env, uint32_t desc) { do_mla(env, desc, true); }
static void helper_simd_addp(A64CPU *env, uint32_t desc) { do_pairwise(env, desc, op_add); }
static void helper_simd_smaxp(A64CPU *env, uint32_t desc) { do_pairwise(env, desc, op_smax); }
static void helper_simd_sminp(A64CPU *env, uint32_t desc) { do_pairwise(env, desc, op_smin); }
static void helper_simd_umaxp(A64CPU *env, uint32_t desc) { do_pairwise(env, desc, op_umax); }
static void helper_simd_uminp(A64CPU *env, uint32_t desc) { do_pairwise(env, desc, op_umin); }
static void helper_simd_smax(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_smax); }
static void helper_simd_smin(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_smin); }
static void helper_simd_umax(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_umax); }
static void helper_simd_umin(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_umin); }
static void helper_simd_mul(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_mul); }
static void helper_simd_cmgt(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_cmgt); }
static void helper_simd_cmge(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_cmge); }
static void helper_simd_cmhi(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_cmhi); }
static void helper_simd_cmhs(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_cmhs); }
static void helper_simd_cmtst(A64CPU *env, uint32_t desc) { do_3same(env, desc, op_cmtst); }
static void helper_simd_cmgt0(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_cmgt0); }
static void helper_simd_cmge0(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_cmge0); }
static void helper_simd_cmle0(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_cmle0); }
static void helper_simd_cmlt0(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_cmlt0); }
static void helper_simd_abs(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_abs); }
static void helper_simd_neg(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_neg); }
static void helper_simd_cnt(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_cnt); }
static void helper_simd_rbit(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_rbit); }

/* ---- Element reversal ------------------------------------------------------------------------ */

/* REV16/32/64: reverses the elements inside each container of 2^cbytes
 * bytes: element i comes from i ^ (elements per container - 1). */
static void do_rev(A64CPU *env, uint32_t desc, unsigned container_log2)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    unsigned flip = (1u << (container_log2 - size)) - 1;
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++)
        set_elt(r, size, i, elt(n, size, i ^ flip));
    store_rd(env, desc, r);
}

static void helper_simd_rev16(A64CPU *env, uint32_t desc) { do_rev(env, desc, 1); }
static void helper_simd_rev32(A64CPU *env, uint32_t desc) { do_rev(env, desc, 2); }
static void helper_simd_rev64(A64CPU *env, uint32_t desc) { do_rev(env, desc, 3); }

/* ---- Narrowing and widening -------------------------------------------------------------------- */

/* XTN/SHRN (shift = imm): 64 bits of narrow results from the wide Vn; Q
 * ("2") puts them in the high half and keeps the low half. */
static void do_narrow(A64CPU *env, uint32_t desc, unsigned shift)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), count = 8u >> size;
    uint64_t res[1] = { 0 };
    for (unsigned i = 0; i < count; i++)
        set_elt(res, size, i, elt(n, size + 1, i) >> shift);
    uint64_t *d = env->v[SIMD_DESC_RD(desc)];
    if (SIMD_DESC_Q(desc)) {
        d[1] = res[0];
    } else {
        d[0] = res[0];
        d[1] = 0;
    }
}

static void helper_simd_xtn(A64CPU *env, uint32_t desc) { do_narrow(env, desc, 0); }
static void helper_simd_shrn(A64CPU *env, uint32_t desc) { do_narrow(env, desc, SIMD_DESC_IMM(desc)); }

/* ADDHN/SUBHN (and the "2" forms): the high halves of the wide sums or
 * differences, narrowed like XTN. */
static void do_addhn(A64CPU *env, uint32_t desc, bool sub)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), count = 8u >> size;
    uint64_t res[1] = { 0 };
    for (unsigned i = 0; i < count; i++) {
        uint64_t a = elt(n, size + 1, i), b = elt(m, size + 1, i);
        set_elt(res, size, i, (sub ? a - b : a + b) >> (8u << size));
    }
    uint64_t *d = env->v[SIMD_DESC_RD(desc)];
    if (SIMD_DESC_Q(desc)) {
        d[1] = res[0];
    } else {
        d[0] = res[0];
        d[1] = 0;
    }
}

static void helper_simd_addhn(A64CPU *env, uint32_t desc) { do_addhn(env, desc, false); }
static void helper_simd_subhn(A64CPU *env, uint32_t desc) { do_addhn(env, desc, true); }

/* Element i of the narrow operand of a long/wide op: from the high half
 * for the "2" (Q) forms, extended to 64 bits. */
static uint64_t narrow_src(const uint64_t *v, uint32_t desc, unsigned i, bool sign)
{
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t x = elt(v, size, i + SIMD_DESC_Q(desc) * (8u >> size));
    return sign ? (uint64_t)sext(x, size) : x;
}

typedef enum LongKind { L_ADD, L_SUB, L_MUL, L_MLA, L_MLS } LongKind;

/* The long (both operands narrow) and wide (Vn already wide) forms:
 * SADDL..USUBW, SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL. */
static void do_long(A64CPU *env, uint32_t desc, bool wide_n, bool sign, LongKind k)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    const uint64_t *d = env->v[SIMD_DESC_RD(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), count = 8u >> size;
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < count; i++) {
        uint64_t a = wide_n ? elt(n, size + 1, i) : narrow_src(n, desc, i, sign);
        uint64_t b = narrow_src(m, desc, i, sign), acc = elt(d, size + 1, i), x = 0;
        switch (k) {
        case L_ADD: x = a + b; break;
        case L_SUB: x = a - b; break;
        case L_MUL: x = a * b; break;
        case L_MLA: x = acc + a * b; break;
        case L_MLS: x = acc - a * b; break;
        }
        set_elt(r, size + 1, i, x);
    }
    env->v[SIMD_DESC_RD(desc)][0] = r[0];
    env->v[SIMD_DESC_RD(desc)][1] = r[1];
}

static void helper_simd_saddl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, true, L_ADD); }
static void helper_simd_uaddl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, false, L_ADD); }
static void helper_simd_ssubl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, true, L_SUB); }
static void helper_simd_usubl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, false, L_SUB); }
static void helper_simd_saddw(A64CPU *env, uint32_t desc) { do_long(env, desc, true, true, L_ADD); }
static void helper_simd_uaddw(A64CPU *env, uint32_t desc) { do_long(env, desc, true, false, L_ADD); }
static void helper_simd_ssubw(A64CPU *env, uint32_t desc) { do_long(env, desc, true, true, L_SUB); }
static void helper_simd_usubw(A64CPU *env, uint32_t desc) { do_long(env, desc, true, false, L_SUB); }
static void helper_simd_smull(A64CPU *env, uint32_t desc) { do_long(env, desc, false, true, L_MUL); }
static void helper_simd_umull(A64CPU *env, uint32_t desc) { do_long(env, desc, false, false, L_MUL); }
static void helper_simd_smlal(A64CPU *env, uint32_t desc) { do_long(env, desc, false, true, L_MLA); }
static void helper_simd_umlal(A64CPU *env, uint32_t desc) { do_long(env, desc, false, false, L_MLA); }
static void helper_simd_smlsl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, true, L_MLS); }
static void helper_simd_umlsl(A64CPU *env, uint32_t desc) { do_long(env, desc, false, false, L_MLS); }

/* SSHLL/USHLL (UXTL/SXTL with shift 0): widen the low or high ("2") half. */
static void do_shll(A64CPU *env, uint32_t desc, bool sign)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), count = 8u >> size;
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < count; i++)
        set_elt(r, size + 1, i, narrow_src(n, desc, i, sign) << SIMD_DESC_IMM(desc));
    env->v[SIMD_DESC_RD(desc)][0] = r[0];
    env->v[SIMD_DESC_RD(desc)][1] = r[1];
}

static void helper_simd_sshll(A64CPU *env, uint32_t desc) { do_shll(env, desc, true); }
static void helper_simd_ushll(A64CPU *env, uint32_t desc) { do_shll(env, desc, false); }

/* ---- Shifts by immediate ----------------------------------------------------------------------- */

typedef enum ShiftKind { SH_SSHR, SH_USHR, SH_SSRA, SH_USRA, SH_SHL, SH_SLI, SH_SRI } ShiftKind;

/* One lane; sh is 1..esize for right shifts, 0..esize-1 for left. */
static uint64_t shift_elem(ShiftKind k, uint64_t n, uint64_t d, unsigned sh, unsigned size)
{
    unsigned bits = 8u << size;
    uint64_t ur = sh >= bits ? 0 : n >> sh;
    uint64_t sr = (uint64_t)(sext(n, size) >> (sh >= bits ? bits - 1 : sh));
    uint64_t keep;
    switch (k) {
    case SH_SSHR: return sr;
    case SH_USHR: return ur;
    case SH_SSRA: return d + sr;
    case SH_USRA: return d + ur;
    case SH_SHL: return n << sh;
    case SH_SLI:
        keep = sh ? d & ((1ull << sh) - 1) : 0;
        return (n << sh) | keep;
    case SH_SRI:
        keep = sh >= bits ? d : d & ~(ones(size) >> sh);
        return ur | keep;
    }
    return 0;
}

static void do_shift(A64CPU *env, uint32_t desc, ShiftKind k)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *d = env->v[SIMD_DESC_RD(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), sh = SIMD_DESC_IMM(desc);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nelem(desc); i++)
        set_elt(r, size, i, shift_elem(k, elt(n, size, i), elt(d, size, i), sh, size));
    store_rd(env, desc, r);
}

static void helper_simd_sshr(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_SSHR); }
static void helper_simd_ushr(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_USHR); }
static void helper_simd_ssra(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_SSRA); }
static void helper_simd_usra(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_USRA); }
static void helper_simd_shl(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_SHL); }
static void helper_simd_sli(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_SLI); }
static void helper_simd_sri(A64CPU *env, uint32_t desc) { do_shift(env, desc, SH_SRI); }

/* ---- Across lanes --------------------------------------------------------------------------------- */

/* Reduces all elements of Vn; the result (of size + widen) goes to the low
 * bits of Vd, the rest of Vd is cleared. */
static void do_across(A64CPU *env, uint32_t desc, ElemOp2 *op, bool sign, bool widen)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t acc = elt(n, size, 0);
    if (widen) {
        acc = sign ? (uint64_t)sext(acc, size) : acc;
        for (unsigned i = 1; i < nelem(desc); i++) {
            uint64_t x = elt(n, size, i);
            acc += sign ? (uint64_t)sext(x, size) : x;
        }
        acc &= ones(size + 1);
    } else {
        for (unsigned i = 1; i < nelem(desc); i++)
            acc = op(acc, elt(n, size, i), size);
    }
    env->v[SIMD_DESC_RD(desc)][0] = acc;
    env->v[SIMD_DESC_RD(desc)][1] = 0;
}

static void helper_simd_addv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_add, false, false); }
static void helper_simd_smaxv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_smax, true, false); }
static void helper_simd_sminv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_smin, true, false); }
static void helper_simd_umaxv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_umax, false, false); }
static void helper_simd_uminv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_umin, false, false); }
static void helper_simd_saddlv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_add, true, true); }
static void helper_simd_uaddlv(A64CPU *env, uint32_t desc) { do_across(env, desc, op_add, false, true); }

/* ---- Permutes --------------------------------------------------------------------------------------- */

typedef enum PermKind { P_UZP1, P_UZP2, P_ZIP1, P_ZIP2, P_TRN1, P_TRN2 } PermKind;

/* Where result element i comes from: an element of Vn (*from_m false) or
 * Vm, for nelem elements. */
static unsigned perm_source(PermKind k, unsigned i, unsigned ne, bool *from_m)
{
    unsigned half = ne / 2;
    switch (k) {
    case P_UZP1: case P_UZP2:
        *from_m = i >= half;
        return (i % half) * 2 + (k == P_UZP2);
    case P_ZIP1: case P_ZIP2:
        *from_m = i & 1;
        return i / 2 + (k == P_ZIP2 ? half : 0);
    case P_TRN1: case P_TRN2:
        *from_m = i & 1;
        return (i & ~1u) + (k == P_TRN2);
    }
    return 0;
}

static void do_perm(A64CPU *env, uint32_t desc, PermKind k)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)], *m = env->v[SIMD_DESC_RM(desc)];
    unsigned size = SIMD_DESC_SIZE(desc), ne = nelem(desc);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < ne; i++) {
        bool from_m = false;
        unsigned j = perm_source(k, i, ne, &from_m);
        set_elt(r, size, i, elt(from_m ? m : n, size, j));
    }
    store_rd(env, desc, r);
}

static void helper_simd_uzp1(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_UZP1); }
static void helper_simd_uzp2(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_UZP2); }
static void helper_simd_zip1(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_ZIP1); }
static void helper_simd_zip2(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_ZIP2); }
static void helper_simd_trn1(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_TRN1); }
static void helper_simd_trn2(A64CPU *env, uint32_t desc) { do_perm(env, desc, P_TRN2); }

/* ---- Table lookup ------------------------------------------------------------------------------------ */

/* TBL/TBX: byte i of Vd = byte Vm[i] of the table Vn..Vn+len; an index
 * past the table gives 0 (TBL) or keeps Vd's byte (TBX). */
static void do_tbl(A64CPU *env, uint32_t desc, bool tbx)
{
    unsigned rn = SIMD_DESC_RN(desc), nregs = SIMD_DESC_IMM(desc) + 1;
    uint64_t table[4][2], idx[2], r[2];
    for (unsigned t = 0; t < nregs; t++)
        memcpy(table[t], env->v[(rn + t) % 32], sizeof(table[t]));
    memcpy(idx, env->v[SIMD_DESC_RM(desc)], sizeof(idx));
    memcpy(r, env->v[SIMD_DESC_RD(desc)], sizeof(r));
    for (unsigned i = 0; i < (SIMD_DESC_Q(desc) ? 16u : 8u); i++) {
        unsigned x = (unsigned)elt(idx, 0, i);
        if (x < nregs * 16)
            set_elt(r, 0, i, elt(table[x / 16], 0, x % 16));
        else if (!tbx)
            set_elt(r, 0, i, 0);
    }
    store_rd(env, desc, r);
}

static void helper_simd_tbl(A64CPU *env, uint32_t desc) { do_tbl(env, desc, false); }
static void helper_simd_tbx(A64CPU *env, uint32_t desc) { do_tbl(env, desc, true); }

/* ---- Descriptors ----------------------------------------------------------------------------------- */

/* They read and write vector registers in env (not IR globals): side
 * effects, no global sync needed. */
#define A64_SIMD_HELPER_DEF(name) \
    IrHelper a64_helper_simd_##name = { "simd_" #name, (void *)helper_simd_##name, \
        IR_HF_SIDE_EFFECTS, IR_VOID, 2, { IR_I64, IR_I32 }, NULL };
A64_SIMD_HELPERS(A64_SIMD_HELPER_DEF)
#undef A64_SIMD_HELPER_DEF
