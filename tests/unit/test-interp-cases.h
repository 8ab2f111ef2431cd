/* tests/unit/test-interp-cases.h — expected results of the pure IR ops on
 * edge values, as a table any backend's tests can run.
 *
 * Each row: op, op type, inputs (i32 values zero-extended; an input's type
 * is given by the op's ops.def sig), constant args, expected output
 * (zero-extended for i32).  Values are written out by hand from the
 * semantics in docs/ir.md (not computed by any backend), covering 0, 1, -1,
 * INT_MIN, INT_MAX, shift counts 0/31/63, and i32 vs i64 for every op.
 * Shift and rotate counts >= width are unspecified and so absent.
 *
 * SETCOND rows come as one row per IrCond for a pair of inputs
 * (INTERP_SC_ALL); a test can derive MOVCOND and BRCOND checks from them
 * (interp_case_cond_true()).
 *
 * Usage (see tests/unit/test-interp.c):
 *     for (size_t i = 0; i < INTERP_NUM_CASES; i++)
 *         check(&interp_cases[i]);   // build op, run, compare .expect
 */
#ifndef TERN_TEST_INTERP_CASES_H
#define TERN_TEST_INTERP_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "ir/ir.h"

typedef struct InterpCase {
    IrOpcode opc;
    IrType type;
    uint64_t in[4];
    uint64_t carg[2];
    uint64_t expect;
} InterpCase;

#define IC_M32  0xffffffffull              /* -1 as i32 */
#define IC_MIN32 0x80000000ull
#define IC_MAX32 0x7fffffffull
#define IC_M64  0xffffffffffffffffull
#define IC_MIN64 0x8000000000000000ull
#define IC_MAX64 0x7fffffffffffffffull

#define IC_U(op, t, a, r)              { IR_##op, IR_##t, { a }, { 0 }, r }
#define IC_B(op, t, a, b, r)           { IR_##op, IR_##t, { a, b }, { 0 }, r }
#define IC_F(op, t, a, pos, len, r)    { IR_##op, IR_##t, { a }, { pos, len }, r }
#define IC_D(t, a, b, pos, len, r)     { IR_DEPOSIT, IR_##t, { a, b }, { pos, len }, r }
#define IC_SC(t, c, a, b, r)           { IR_SETCOND, IR_##t, { a, b }, { IR_COND_##c }, r }
#define INTERP_SC_ALL(t, a, b, eq, ne, lt, ge, le, gt, ltu, geu, leu, gtu, tsteq, tstne) \
    IC_SC(t, EQ, a, b, eq), IC_SC(t, NE, a, b, ne), IC_SC(t, LT, a, b, lt),            \
    IC_SC(t, GE, a, b, ge), IC_SC(t, LE, a, b, le), IC_SC(t, GT, a, b, gt),            \
    IC_SC(t, LTU, a, b, ltu), IC_SC(t, GEU, a, b, geu), IC_SC(t, LEU, a, b, leu),      \
    IC_SC(t, GTU, a, b, gtu), IC_SC(t, TSTEQ, a, b, tsteq),                            \
    IC_SC(t, TSTNE, a, b, tstne), IC_SC(t, ALWAYS, a, b, 1), IC_SC(t, NEVER, a, b, 0)

static const InterpCase interp_cases[] = {
    /* Moves and arithmetic. */
    IC_U(MOV, I32, 0x12345678, 0x12345678),
    IC_U(MOV, I64, IC_M64, IC_M64),
    IC_B(ADD, I32, IC_M32, 1, 0),
    IC_B(ADD, I32, IC_MAX32, 1, IC_MIN32),
    IC_B(ADD, I32, 0, 0, 0),
    IC_B(ADD, I64, IC_M64, 1, 0),
    IC_B(ADD, I64, IC_MAX64, 1, IC_MIN64),
    IC_B(ADD, I64, IC_M32, 1, 0x100000000ull),
    IC_B(SUB, I32, 0, 1, IC_M32),
    IC_B(SUB, I32, IC_MIN32, 1, IC_MAX32),
    IC_B(SUB, I64, 0, 1, IC_M64),
    IC_B(SUB, I64, IC_MIN64, 1, IC_MAX64),
    IC_B(MUL, I32, 0x10000, 0x10000, 0),
    IC_B(MUL, I32, IC_M32, IC_M32, 1),
    IC_B(MUL, I32, IC_MAX32, 2, 0xfffffffe),
    IC_B(MUL, I64, 0x100000000ull, 0x100000000ull, 0),
    IC_B(MUL, I64, IC_M64, IC_M64, 1),
    IC_B(MUL, I64, 3, 0x5555555555555555ull, IC_M64),
    IC_B(MULSH, I32, IC_M32, IC_M32, 0),
    IC_B(MULSH, I32, IC_MIN32, IC_MIN32, 0x40000000),
    IC_B(MULSH, I32, IC_MIN32, 1, IC_M32),
    IC_B(MULSH, I32, IC_MAX32, IC_MAX32, 0x3fffffff),
    IC_B(MULSH, I64, IC_M64, IC_M64, 0),
    IC_B(MULSH, I64, IC_MIN64, IC_MIN64, 0x4000000000000000ull),
    IC_B(MULSH, I64, IC_MIN64, 1, IC_M64),
    IC_B(MULSH, I64, IC_MAX64, IC_MAX64, 0x3fffffffffffffffull),
    IC_B(MULSH, I64, IC_M64, 2, IC_M64),
    IC_B(MULUH, I32, IC_M32, IC_M32, 0xfffffffe),
    IC_B(MULUH, I32, IC_MIN32, 2, 1),
    IC_B(MULUH, I64, IC_M64, IC_M64, 0xfffffffffffffffeull),
    IC_B(MULUH, I64, IC_MIN64, 2, 1),
    IC_B(MULUH, I64, 0x100000000ull, 0x100000000ull, 1),
    IC_B(DIVS, I32, 7, 2, 3),
    IC_B(DIVS, I32, 0xfffffff9, 2, 0xfffffffd),
    IC_B(DIVS, I32, 0xfffffff9, 0xfffffffe, 3),
    IC_B(DIVS, I32, 7, 0, 0),
    IC_B(DIVS, I32, IC_MIN32, IC_M32, IC_MIN32),
    IC_B(DIVS, I32, IC_MIN32, 1, IC_MIN32),
    IC_B(DIVS, I64, IC_MIN64, IC_M64, IC_MIN64),
    IC_B(DIVS, I64, 5, 0, 0),
    IC_B(DIVS, I64, 0xfffffffffffffff9ull, 2, 0xfffffffffffffffdull),
    IC_B(DIVS, I64, 100, 0xfffffffffffffff6ull, 0xfffffffffffffff6ull),
    IC_B(DIVS, I64, IC_M32, 2, 0x7fffffff),
    IC_B(DIVU, I32, 7, 2, 3),
    IC_B(DIVU, I32, IC_M32, 2, IC_MAX32),
    IC_B(DIVU, I32, 5, 0, 0),
    IC_B(DIVU, I64, IC_M64, 2, IC_MAX64),
    IC_B(DIVU, I64, 5, 0, 0),
    IC_B(DIVU, I64, IC_MIN64, IC_M64, 0),
    IC_U(NEG, I32, 1, IC_M32),
    IC_U(NEG, I32, IC_MIN32, IC_MIN32),
    IC_U(NEG, I32, 0, 0),
    IC_U(NEG, I64, 1, IC_M64),
    IC_U(NEG, I64, IC_MIN64, IC_MIN64),

    /* Logic: i32 results must not leak into the upper half (ORC, EQV, NOT). */
    IC_B(AND, I32, 0xf0f0f0f0, 0xff00ff00, 0xf000f000),
    IC_B(OR, I32, 0xf0f0f0f0, 0xff00ff00, 0xfff0fff0),
    IC_B(XOR, I32, 0xf0f0f0f0, 0xff00ff00, 0x0ff00ff0),
    IC_B(ANDC, I32, 0xf0f0f0f0, 0xff00ff00, 0x00f000f0),
    IC_B(ORC, I32, 0xf0f0f0f0, 0xff00ff00, 0xf0fff0ff),
    IC_B(EQV, I32, 0xf0f0f0f0, 0xff00ff00, 0xf00ff00f),
    IC_B(ORC, I32, 0, 0, IC_M32),
    IC_B(EQV, I32, 0, 0, IC_M32),
    IC_B(AND, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0xf000f000f000f000ull),
    IC_B(OR, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0xfff0fff0fff0fff0ull),
    IC_B(XOR, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull),
    IC_B(ANDC, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0x00f000f000f000f0ull),
    IC_B(ORC, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0xf0fff0fff0fff0ffull),
    IC_B(EQV, I64, 0xf0f0f0f0f0f0f0f0ull, 0xff00ff00ff00ff00ull, 0xf00ff00ff00ff00full),
    IC_B(ORC, I64, 0, 0, IC_M64),
    IC_U(NOT, I32, 0, IC_M32),
    IC_U(NOT, I32, 0x0f0f0f0f, 0xf0f0f0f0),
    IC_U(NOT, I64, 0, IC_M64),

    /* Shifts and rotates, counts 0, 1, 31, 63. */
    IC_B(SHL, I32, 1, 31, IC_MIN32),
    IC_B(SHL, I32, 1, 0, 1),
    IC_B(SHL, I32, IC_M32, 1, 0xfffffffe),
    IC_B(SHL, I32, 3, 31, IC_MIN32),
    IC_B(SHL, I64, 1, 63, IC_MIN64),
    IC_B(SHL, I64, 1, 0, 1),
    IC_B(SHL, I64, 1, 31, 0x80000000ull),
    IC_B(SHL, I64, 0xff, 60, 0xf000000000000000ull),
    IC_B(SHR, I32, IC_MIN32, 31, 1),
    IC_B(SHR, I32, IC_M32, 0, IC_M32),
    IC_B(SHR, I32, IC_M32, 1, IC_MAX32),
    IC_B(SHR, I32, IC_M32, 31, 1),
    IC_B(SHR, I64, IC_MIN64, 63, 1),
    IC_B(SHR, I64, IC_M64, 32, IC_M32),
    IC_B(SHR, I64, IC_M64, 0, IC_M64),
    IC_B(SAR, I32, IC_MIN32, 31, IC_M32),
    IC_B(SAR, I32, IC_MIN32, 1, 0xc0000000),
    IC_B(SAR, I32, 0x40000000, 30, 1),
    IC_B(SAR, I32, IC_M32, 0, IC_M32),
    IC_B(SAR, I64, IC_MIN64, 63, IC_M64),
    IC_B(SAR, I64, IC_MIN64, 1, 0xc000000000000000ull),
    IC_B(SAR, I64, IC_MAX64, 62, 1),
    IC_B(SAR, I64, IC_MIN32, 31, 1),
    IC_B(ROTR, I32, 1, 1, IC_MIN32),
    IC_B(ROTR, I32, 0x12345678, 0, 0x12345678),
    IC_B(ROTR, I32, 0x12345678, 8, 0x78123456),
    IC_B(ROTR, I32, 0x12345678, 31, 0x2468acf0),
    IC_B(ROTR, I64, 1, 1, IC_MIN64),
    IC_B(ROTR, I64, 0x0123456789abcdefull, 8, 0xef0123456789abcdull),
    IC_B(ROTR, I64, 0x0123456789abcdefull, 0, 0x0123456789abcdefull),
    IC_B(ROTR, I64, 1, 63, 2),

    /* Extensions. */
    IC_U(EXT8S, I32, 0x80, 0xffffff80),
    IC_U(EXT8S, I32, 0x7f, 0x7f),
    IC_U(EXT8S, I32, 0x1234567f, 0x7f),
    IC_U(EXT8S, I64, 0x80, 0xffffffffffffff80ull),
    IC_U(EXT8S, I64, 0xffffff01, 1),
    IC_U(EXT8U, I32, 0xffffff80, 0x80),
    IC_U(EXT8U, I64, IC_M64, 0xff),
    IC_U(EXT16S, I32, 0x8000, 0xffff8000),
    IC_U(EXT16S, I64, 0x12348000, 0xffffffffffff8000ull),
    IC_U(EXT16S, I64, 0x7fff, 0x7fff),
    IC_U(EXT16U, I32, 0xffff8000, 0x8000),
    IC_U(EXT16U, I64, IC_M64, 0xffff),
    IC_U(EXT32S, I64, IC_MIN32, 0xffffffff80000000ull),
    IC_U(EXT32S, I64, 0x123456789ull, 0x23456789),
    IC_U(EXT32S, I64, IC_MAX32, IC_MAX32),
    IC_U(EXT32U, I64, IC_M64, IC_M32),
    IC_U(EXTU_I32, I64, IC_MIN32, IC_MIN32),
    IC_U(EXTU_I32, I64, IC_M32, IC_M32),
    IC_U(EXTS_I32, I64, IC_MIN32, 0xffffffff80000000ull),
    IC_U(EXTS_I32, I64, IC_MAX32, IC_MAX32),
    IC_U(EXTS_I32, I64, IC_M32, IC_M64),
    IC_U(TRUNC_I64, I32, 0x123456789abcdef0ull, 0x9abcdef0),
    IC_U(TRUNC_I64, I32, IC_M64, IC_M32),

    /* Bit fields. */
    IC_F(EXTRACT, I32, 0x12345678, 4, 8, 0x67),
    IC_F(EXTRACT, I32, IC_MIN32, 31, 1, 1),
    IC_F(EXTRACT, I32, IC_M32, 0, 32, IC_M32),
    IC_F(EXTRACT, I64, 0x0123456789abcdefull, 60, 4, 0),
    IC_F(EXTRACT, I64, 0x0123456789abcdefull, 32, 32, 0x01234567),
    IC_F(EXTRACT, I64, IC_M64, 0, 64, IC_M64),
    IC_F(EXTRACT, I64, IC_MIN64, 63, 1, 1),
    IC_F(SEXTRACT, I32, 0x80, 4, 4, 0xfffffff8),
    IC_F(SEXTRACT, I32, 0x70, 4, 4, 7),
    IC_F(SEXTRACT, I32, 0x12345678, 0, 32, 0x12345678),
    IC_F(SEXTRACT, I32, IC_MIN32, 31, 1, IC_M32),
    IC_F(SEXTRACT, I64, 0x80, 4, 4, 0xfffffffffffffff8ull),
    IC_F(SEXTRACT, I64, IC_MIN32, 0, 32, 0xffffffff80000000ull),
    IC_F(SEXTRACT, I64, IC_MIN64, 63, 1, IC_M64),
    IC_F(SEXTRACT, I64, 0x0123456789abcdefull, 0, 64, 0x0123456789abcdefull),
    IC_D(I32, IC_M32, 0, 8, 8, 0xffff00ff),
    IC_D(I32, 0, 0xff, 28, 4, 0xf0000000),
    IC_D(I32, 0x12345678, 0xabcdef01, 0, 32, 0xabcdef01),
    IC_D(I64, IC_M64, 0, 32, 32, IC_M32),
    IC_D(I64, 0, 0xf, 60, 4, 0xf000000000000000ull),
    IC_D(I64, 0x1111111111111111ull, 2, 0, 1, 0x1111111111111110ull),
    IC_D(I64, 0x1111111111111111ull, 0x2222222222222222ull, 0, 64, 0x2222222222222222ull),

    /* Counting and reversing. */
    IC_U(CLZ, I32, 0, 32),
    IC_U(CLZ, I32, 1, 31),
    IC_U(CLZ, I32, IC_MIN32, 0),
    IC_U(CLZ, I64, 0, 64),
    IC_U(CLZ, I64, 1, 63),
    IC_U(CLZ, I64, IC_MIN32, 32),
    IC_U(CLZ, I64, IC_MIN64, 0),
    IC_U(CTZ, I32, 0, 32),
    IC_U(CTZ, I32, IC_MIN32, 31),
    IC_U(CTZ, I32, 1, 0),
    IC_U(CTZ, I64, 0, 64),
    IC_U(CTZ, I64, IC_MIN64, 63),
    IC_U(CTZ, I64, 0x100000000ull, 32),
    IC_U(CTPOP, I32, IC_M32, 32),
    IC_U(CTPOP, I32, 0, 0),
    IC_U(CTPOP, I32, 0x80000001, 2),
    IC_U(CTPOP, I64, IC_M64, 64),
    IC_U(CTPOP, I64, 0x8000000000000001ull, 2),
    IC_U(BSWAP, I32, 0x12345678, 0x78563412),
    IC_U(BSWAP, I64, 0x0123456789abcdefull, 0xefcdab8967452301ull),

    /* Comparisons: every IrCond on pairs that tell signed from unsigned,
     * and i32 from i64 (0xffffffff is -1 only in i32). */
    INTERP_SC_ALL(I32, 1, 2,       0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0),
    INTERP_SC_ALL(I32, IC_M32, 1,     0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1),
    INTERP_SC_ALL(I32, 5, 5,       1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1),
    INTERP_SC_ALL(I32, IC_MIN32, IC_MAX32, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0),
    INTERP_SC_ALL(I32, 0, 0,       1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0),
    INTERP_SC_ALL(I64, 1, 2,       0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0),
    INTERP_SC_ALL(I64, IC_M32, 1,     0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1),
    INTERP_SC_ALL(I64, IC_M64, 1,     0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1),
    INTERP_SC_ALL(I64, 5, 5,       1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1),
    INTERP_SC_ALL(I64, IC_MIN64, IC_MAX64, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0),
    INTERP_SC_ALL(I64, 0x100000000ull, 0x100000000ull, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1),
};

#define INTERP_NUM_CASES (sizeof(interp_cases) / sizeof(interp_cases[0]))

/* For a SETCOND row: whether its condition holds (its expected output). */
static inline int interp_case_cond_true(const InterpCase *c) { return c->expect != 0; }

#undef IC_U
#undef IC_B
#undef IC_F
#undef IC_D
#undef IC_SC

#endif
