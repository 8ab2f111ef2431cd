/* backend/interp/interp-alu.h — what the pure IR ops compute, for the
 * dispatch loop.
 *
 * Each function takes the IR opcode as a compile-time constant at its call
 * site (the dispatch loop has one call per (op, type) pair), so after
 * inlining the switch disappears and a handler is just its arithmetic.
 * Values travel as uint64_t: i32 inputs arrive zero-extended, and an i32
 * result's upper half is dropped by the 4-byte write that stores it.
 * Semantics (docs/ir.md): division by zero gives 0, INT_MIN / -1 gives
 * INT_MIN; shift and rotate counts are taken modulo the width (the IR leaves
 * counts >= width unspecified; masking keeps C free of UB); clz/ctz of 0 is
 * the width.  Nothing here traps.
 */
#ifndef TERN_INTERP_ALU_H
#define TERN_INTERP_ALU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "ir/ir.h"

#define INTERP_INLINE static inline __attribute__((always_inline))

/* Called for (op, shape) pairs that cannot occur: the emitter only emits a
 * pure op through the shape its ops.def row gives it. */
_Noreturn void interp_unreachable(const char *where);

static inline uint64_t interp_sext(uint64_t v, unsigned bits)
{
    return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static inline uint64_t interp_field_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static inline uint64_t interp_muluh64(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
#else
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

static inline uint64_t interp_mulsh64(uint64_t a, uint64_t b)
{
    /* The signed high half from the unsigned one: subtract what the
     * two's-complement sign bits contributed. */
    uint64_t h = interp_muluh64(a, b);
    if ((int64_t)a < 0)
        h -= b;
    if ((int64_t)b < 0)
        h -= a;
    return h;
}

static inline uint64_t interp_divs(bool t64, uint64_t a, uint64_t b)
{
    if (!t64) {
        int32_t x = (int32_t)a, y = (int32_t)b;
        if (y == 0)
            return 0;
        if (y == -1)
            return (uint32_t)(0u - (uint32_t)x);
        return (uint32_t)(x / y);
    }
    int64_t x = (int64_t)a, y = (int64_t)b;
    if (y == 0)
        return 0;
    if (y == -1)
        return 0 - a;
    return (uint64_t)(x / y);
}

static inline uint64_t interp_divu(bool t64, uint64_t a, uint64_t b)
{
    if (!t64)
        return (uint32_t)b ? (uint32_t)a / (uint32_t)b : 0;
    return b ? a / b : 0;
}

static inline uint64_t interp_rotr(bool t64, uint64_t a, uint64_t n)
{
    if (t64) {
        n &= 63;
        return n ? (a >> n) | (a << (64 - n)) : a;
    }
    uint32_t x = (uint32_t)a;
    n &= 31;
    return n ? (uint32_t)((x >> n) | (x << (32 - n))) : x;
}

static inline uint64_t interp_clz(bool t64, uint64_t a)
{
    if (t64)
        return a ? (uint64_t)__builtin_clzll(a) : 64;
    return (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32;
}

static inline uint64_t interp_ctz(bool t64, uint64_t a)
{
    if (t64)
        return a ? (uint64_t)__builtin_ctzll(a) : 64;
    return (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32;
}

/* Inputs are zero-extended i32 or full i64 values. */
INTERP_INLINE bool interp_cond(IrCond c, bool t64, uint64_t a, uint64_t b)
{
    return ir_cond_eval(c, t64 ? IR_I64 : IR_I32, a, b);
}

/* Ops with one output and one input. */
INTERP_INLINE uint64_t interp_alu_unary(IrOpcode opc, bool t64, uint64_t a)
{
    switch (opc) {
    case IR_MOV: return a;
    case IR_NEG: return 0 - a;
    case IR_NOT: return ~a;
    case IR_EXT8S: return interp_sext(a, 8);
    case IR_EXT8U: return (uint8_t)a;
    case IR_EXT16S: return interp_sext(a, 16);
    case IR_EXT16U: return (uint16_t)a;
    case IR_EXT32S: case IR_EXTS_I32: return interp_sext(a, 32);
    case IR_EXT32U: case IR_EXTU_I32: case IR_TRUNC_I64: return (uint32_t)a;
    case IR_CLZ: return interp_clz(t64, a);
    case IR_CTZ: return interp_ctz(t64, a);
    case IR_CTPOP: return (uint64_t)__builtin_popcountll(t64 ? a : (uint32_t)a);
    case IR_BSWAP: return t64 ? __builtin_bswap64(a) : __builtin_bswap32((uint32_t)a);
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH: case IR_MULUH:
    case IR_DIVS: case IR_DIVU: case IR_AND: case IR_OR: case IR_XOR:
    case IR_ANDC: case IR_ORC: case IR_EQV: case IR_SHL: case IR_SHR:
    case IR_SAR: case IR_ROTR: case IR_EXTRACT: case IR_SEXTRACT:
    case IR_DEPOSIT: case IR_SETCOND: case IR_MOVCOND: case IR_SET_LABEL:
    case IR_BR: case IR_BRCOND: case IR_LD_ENV: case IR_ST_ENV: case IR_LD:
    case IR_ST: case IR_CMPXCHG: case IR_MB: case IR_CALL:
    case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB: case IR_LOOKUP_AND_GOTO:
    case IR_VEC: case IR_NOP:
    case IR_NUM_OPS:
        break;
    }
    interp_unreachable("interp_alu_unary");
}

/* Ops with one output and two inputs, no cargs. */
INTERP_INLINE uint64_t interp_alu_binary(IrOpcode opc, bool t64, uint64_t a, uint64_t b)
{
    unsigned wmask = t64 ? 63 : 31;
    switch (opc) {
    case IR_ADD: return a + b;
    case IR_SUB: return a - b;
    case IR_MUL: return a * b;
    case IR_MULSH:
        return t64 ? interp_mulsh64(a, b)
                   : (uint64_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32);
    case IR_MULUH:
        return t64 ? interp_muluh64(a, b) : ((a & 0xffffffffu) * (b & 0xffffffffu)) >> 32;
    case IR_DIVS: return interp_divs(t64, a, b);
    case IR_DIVU: return interp_divu(t64, a, b);
    case IR_AND: return a & b;
    case IR_OR: return a | b;
    case IR_XOR: return a ^ b;
    case IR_ANDC: return a & ~b;
    case IR_ORC: return a | ~b;
    case IR_EQV: return ~(a ^ b);
    case IR_SHL: return a << (b & wmask);
    case IR_SHR: return (t64 ? a : (uint32_t)a) >> (b & wmask);
    case IR_SAR:
        return t64 ? (uint64_t)((int64_t)a >> (b & 63))
                   : (uint64_t)(int64_t)((int32_t)a >> (b & 31));
    case IR_ROTR: return interp_rotr(t64, a, b);
    case IR_MOV: case IR_NEG: case IR_NOT: case IR_EXT8S: case IR_EXT8U:
    case IR_EXT16S: case IR_EXT16U: case IR_EXT32S: case IR_EXT32U:
    case IR_EXTU_I32: case IR_EXTS_I32: case IR_TRUNC_I64: case IR_EXTRACT:
    case IR_SEXTRACT: case IR_DEPOSIT: case IR_CLZ: case IR_CTZ: case IR_CTPOP:
    case IR_BSWAP: case IR_SETCOND: case IR_MOVCOND: case IR_SET_LABEL:
    case IR_BR: case IR_BRCOND: case IR_LD_ENV: case IR_ST_ENV: case IR_LD:
    case IR_ST: case IR_CMPXCHG: case IR_MB: case IR_CALL:
    case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB: case IR_LOOKUP_AND_GOTO:
    case IR_VEC: case IR_NOP:
    case IR_NUM_OPS:
        break;
    }
    interp_unreachable("interp_alu_binary");
}

/* EXTRACT and SEXTRACT: the emitter checked 0 < len, pos + len <= width. */
INTERP_INLINE uint64_t interp_alu_field(IrOpcode opc, uint64_t a, unsigned pos, unsigned len)
{
    if (opc == IR_SEXTRACT)
        return (uint64_t)((int64_t)(a << (64 - pos - len)) >> (64 - len));
    return (a >> pos) & interp_field_mask(len);
}

INTERP_INLINE uint64_t interp_alu_deposit(uint64_t a, uint64_t b, unsigned pos, unsigned len)
{
    uint64_t m = interp_field_mask(len) << pos;
    return (a & ~m) | ((b << pos) & m);
}

#endif
