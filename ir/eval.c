/* ir/eval.c — the reference semantics of the pure ops.
 *
 * ir_eval() is what the constant folder computes, and what backend tests
 * compare generated code against, so it is written to read like docs/ir.md:
 * values of type i32 are held zero-extended in a uint64_t, every result is
 * truncated to the op type, nothing traps (x / 0 == 0, INT_MIN / -1 ==
 * INT_MIN, as AArch64 SDIV/UDIV).  Shift and rotate counts >= the width give
 * an unspecified result, so ir_eval() refuses them (returns false) rather
 * than pick a value a backend might not match.
 */
#include "ir/ir-internal.h"

static unsigned width(IrType t) { return t == IR_I32 ? 32 : 64; }

static uint64_t trunc_to(IrType t, uint64_t v) { return t == IR_I32 ? (uint32_t)v : v; }

/* v's low `bits` bits, sign-extended to 64. */
static uint64_t sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static uint64_t mask_of(unsigned len) { return len >= 64 ? ~0ull : (1ull << len) - 1; }

static uint64_t eval_mulh(IrType t, uint64_t a, uint64_t b, bool sign)
{
    if (t == IR_I32) {
        int64_t p = sign ? (int64_t)(int32_t)a * (int32_t)b : (int64_t)(a * b);
        return (uint64_t)p >> 32;
    }
    if (sign)
        return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static uint64_t eval_divs(IrType t, uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)sext(a, width(t)), sb = (int64_t)sext(b, width(t));
    if (sb == 0)
        return 0;
    if (sb == -1)
        return -(uint64_t)sa;      /* INT_MIN / -1 wraps to INT_MIN */
    return (uint64_t)(sa / sb);
}

static uint64_t eval_rotr(IrType t, uint64_t a, unsigned n)
{
    unsigned w = width(t);
    return n == 0 ? a : (a >> n) | (a << (w - n));
}

static uint64_t eval_clz(IrType t, uint64_t a)
{
    return a == 0 ? width(t) : (unsigned)__builtin_clzll(a) - (64 - width(t));
}

static uint64_t eval_bswap(IrType t, uint64_t a)
{
    return t == IR_I32 ? __builtin_bswap32((uint32_t)a) : __builtin_bswap64(a);
}

static uint64_t eval_deposit(uint64_t a, uint64_t b, unsigned pos, unsigned len)
{
    uint64_t m = mask_of(len) << pos;
    return (a & ~m) | ((b << pos) & m);
}

/* Shift and rotate counts >= width are unspecified; bit fields outside the
 * type are invalid IR.  ir_eval() refuses both before computing anything. */
static bool operands_ok(IrOpcode opc, IrType t, uint64_t b, const uint64_t *carg)
{
    if (opc == IR_SHL || opc == IR_SHR || opc == IR_SAR || opc == IR_ROTR)
        return b < width(t);
    if (opc == IR_EXTRACT || opc == IR_SEXTRACT || opc == IR_DEPOSIT)
        return carg[1] > 0 && carg[0] < 64 && carg[0] + carg[1] <= width(t);
    return true;
}

static uint64_t eval_sar(IrType t, uint64_t a, uint64_t n)
{
    return (uint64_t)((int64_t)sext(a, width(t)) >> n);
}

static uint64_t eval_ctz(IrType t, uint64_t a)
{
    return a ? (unsigned)__builtin_ctzll(a) : width(t);
}

static uint64_t eval_sextract(uint64_t a, const uint64_t *carg)
{
    return sext(a >> carg[0], (unsigned)carg[1]);
}

/* One case per op; a and b are the first two inputs truncated to their
 * types, already checked by operands_ok().  Non-evaluable ops return
 * false. */
static bool eval_op(IrOpcode opc, IrType t, uint64_t a, uint64_t b,
                    const uint64_t *in, const uint64_t *carg, uint64_t *r)
{
    switch (opc) {
    case IR_MOV:       *r = a; break;
    case IR_ADD:       *r = a + b; break;
    case IR_SUB:       *r = a - b; break;
    case IR_MUL:       *r = a * b; break;
    case IR_MULSH:     *r = eval_mulh(t, a, b, true); break;
    case IR_MULUH:     *r = eval_mulh(t, a, b, false); break;
    case IR_DIVS:      *r = eval_divs(t, a, b); break;
    case IR_DIVU:      *r = b ? a / b : 0; break;
    case IR_AND:       *r = a & b; break;
    case IR_OR:        *r = a | b; break;
    case IR_XOR:       *r = a ^ b; break;
    case IR_ANDC:      *r = a & ~b; break;
    case IR_ORC:       *r = a | ~b; break;
    case IR_EQV:       *r = ~(a ^ b); break;
    case IR_SHL:       *r = a << b; break;
    case IR_SHR:       *r = a >> b; break;
    case IR_SAR:       *r = eval_sar(t, a, b); break;
    case IR_ROTR:      *r = eval_rotr(t, a, (unsigned)b); break;
    case IR_NEG:       *r = -a; break;
    case IR_NOT:       *r = ~a; break;
    case IR_EXT8S:     *r = sext(a, 8); break;
    case IR_EXT8U:     *r = (uint8_t)a; break;
    case IR_EXT16S:    *r = sext(a, 16); break;
    case IR_EXT16U:    *r = (uint16_t)a; break;
    case IR_EXT32S:    *r = sext(a, 32); break;
    case IR_EXT32U:    *r = (uint32_t)a; break;
    case IR_EXTU_I32:  *r = (uint32_t)a; break;
    case IR_EXTS_I32:  *r = sext(a, 32); break;
    case IR_TRUNC_I64: *r = (uint32_t)a; break;
    case IR_EXTRACT:   *r = (a >> carg[0]) & mask_of((unsigned)carg[1]); break;
    case IR_SEXTRACT:  *r = eval_sextract(a, carg); break;
    case IR_DEPOSIT:   *r = eval_deposit(a, b, (unsigned)carg[0], (unsigned)carg[1]); break;
    case IR_CLZ:       *r = eval_clz(t, a); break;
    case IR_CTZ:       *r = eval_ctz(t, a); break;
    case IR_CTPOP:     *r = (unsigned)__builtin_popcountll(a); break;
    case IR_BSWAP:     *r = eval_bswap(t, a); break;
    case IR_SETCOND:   *r = ir_cond_eval((IrCond)carg[0], t, a, b); break;
    case IR_MOVCOND:   *r = ir_cond_eval((IrCond)carg[0], t, a, b) ? in[2] : in[3]; break;
    case IR_SET_LABEL: case IR_BR: case IR_BRCOND: case IR_LD_ENV: case IR_ST_ENV:
    case IR_LD: case IR_ST: case IR_CMPXCHG: case IR_MB: case IR_CALL:
    case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB: case IR_LOOKUP_AND_GOTO:
    case IR_VEC: case IR_NOP: case IR_NUM_OPS:
        return false;
    }
    return true;
}

bool ir_eval(IrOpcode opc, IrType t, const uint64_t *in, const uint64_t *carg,
             uint64_t *out)
{
    if ((unsigned)opc >= IR_NUM_OPS || !(ir_op_info[opc].flags & IR_F_PURE))
        return false;
    unsigned nin = ir_op_info[opc].nin;
    IrType ta = opc == IR_EXTU_I32 || opc == IR_EXTS_I32 ? IR_I32 : t;
    uint64_t a = nin > 0 ? trunc_to(ta, in[0]) : 0;
    uint64_t b = nin > 1 ? trunc_to(t, in[1]) : 0;
    uint64_t r = 0;
    if (!operands_ok(opc, t, b, carg) || !eval_op(opc, t, a, b, in, carg, &r))
        return false;
    *out = trunc_to(t, r);
    return true;
}
