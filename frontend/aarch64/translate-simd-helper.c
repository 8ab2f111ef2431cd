/* frontend/aarch64/translate-simd-helper.c — AdvSIMD helpers: the integer
 * vector operations that neither inline i64 IR nor the IR's VEC op
 * (ir/vecops.def) covers: RBIT, add/sub high narrow, shift-and-insert,
 * widening (long and wide) arithmetic, SADDLV/UADDLV, and TBL/TBX with
 * three or four table registers (or TBX with two).
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

typedef uint64_t ElemOp1(uint64_t n, unsigned size);

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



static uint64_t op_rbit(uint64_t n, unsigned sz)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r |= ((n >> i) & 1) << (7 - i);
    return r;
}

static void helper_simd_rbit(A64CPU *env, uint32_t desc) { do_2misc(env, desc, op_rbit); }

/* ---- Narrowing and widening -------------------------------------------------------------------- */

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

/* SHLL (USHLL by the element size, which the VEC op's USHLL does not
 * take): widen the low or high ("2") half. */
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

static void helper_simd_ushll(A64CPU *env, uint32_t desc) { do_shll(env, desc, false); }

/* ---- Shifts by immediate ----------------------------------------------------------------------- */

/* ---- Across lanes, widening --------------------------------------------------------------------- */

/* SADDLV/UADDLV: the sum of all elements of Vn, of twice their size, in
 * the low bits of Vd; the rest of Vd is cleared. */
static void do_addlv(A64CPU *env, uint32_t desc, bool sign)
{
    const uint64_t *n = env->v[SIMD_DESC_RN(desc)];
    unsigned size = SIMD_DESC_SIZE(desc);
    uint64_t acc = 0;
    for (unsigned i = 0; i < nelem(desc); i++) {
        uint64_t x = elt(n, size, i);
        acc += sign ? (uint64_t)sext(x, size) : x;
    }
    env->v[SIMD_DESC_RD(desc)][0] = acc & ones(size + 1);
    env->v[SIMD_DESC_RD(desc)][1] = 0;
}

static void helper_simd_saddlv(A64CPU *env, uint32_t desc) { do_addlv(env, desc, true); }
static void helper_simd_uaddlv(A64CPU *env, uint32_t desc) { do_addlv(env, desc, false); }

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
