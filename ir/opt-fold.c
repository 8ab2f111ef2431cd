/* ir/opt-fold.c — constant folding, algebraic simplification, copy
 * propagation.  One forward walk over the ops.
 *
 * Per temp the pass keeps facts, valid only inside the basic block where
 * they were learnt:
 *   copy   the temp equals another temp (or a constant) — uses are rewritten
 *          to that source;
 *   zmask  bits that may be 1 (known-zero bits are clear);
 *   sbits  the value equals its own sign extension from sbits bits;
 *   def    for extensions, truncations, not, neg, setcond and add/sub of a
 *          constant: which op made it, from which inputs (setcond: and its
 *          condition; add/sub: the constant).
 * Every write of a temp stamps it with a fresh version from a clock that
 * only grows; a fact that names another temp records that temp's version
 * and dies when it changes, so writing a global (or a call that
 * WRITES_GLOBALS, which re-stamps all of them as written with unknown
 * values) invalidates every copy of it.  The stamp also scopes the facts
 * to the block: a temp's facts hold while its stamp is above the clock's
 * value at the last label or branch (Fold.bstart), so ending a block is
 * one store, and the table is never cleared between TBs.
 *
 * Cost.  The walk dispatches once per op on a kind expanded from ops.def
 * (fold_kind); moves, loads and stores take short paths that learn
 * their facts without the rule switches, and only pure ops go through
 * the rules.  A fact entry is 40 bytes, addressed with one lea.
 *
 * On the way it notes, for ir_opt_dce(), whether the control-flow cleanups
 * will have work (IrFlowScan), so DCE needs no scan of its own.
 *
 * Contract.  Assumes verified IR.  Guarantees: the IR stays verified; every
 * rewrite computes, bit for bit, what docs/ir.md says the original op
 * computes (ir_eval() is the reference).  Only temps and constants are
 * created, never ops: a folded op becomes a MOV or a NOP in place, BRCOND
 * becomes BR or NOP, GOTO_TB_IF GOTO_TB or NOP; ir_opt_dce() sweeps the NOPs and dead code after.
 *
 * Rules a new rewrite must obey:
 *   1. Never fold an unspecified result: shift/rotate counts >= width stay
 *      as they are (ir_eval() refuses them).
 *   2. A block temp is never propagated out of its block: facts die at
 *      every label and branch.
 *   3. Inputs are substituted before folding and outputs recorded after, so
 *      a rule sees resolved inputs and may rewrite the op freely.
 *   4. A rule that rewrites an op must keep its output temp and type.
 */
#include "ir/ir-internal.h"
#include "ir/opt-flow.h"

#include <string.h>

/* The small steps every op takes (resolving inputs, the identity tests,
 * learning), which gcc would otherwise keep out of line at -O2: a call
 * and its register saves cost more than the step. */
#define FOLD_INLINE static inline __attribute__((always_inline))

typedef struct FoldTemp {
    uint64_t zmask;
    union {                /* by def_opc: */
        uint64_t def_k;    /* add/sub: the constant */
        struct {
            IrTemp def_src2;   /* setcond: second input */
            uint32_t def_ver2;
        };
    };
    uint32_t ver;          /* stamp of the last write; the facts below hold
                              when it is above Fold.bstart */
    IrTemp copy;           /* equal temp, or IR_NO_TEMP */
    uint32_t copy_ver;
    IrTemp def_src;        /* first input of the defining op */
    uint32_t def_ver;
    uint8_t def_opc;       /* IR_NOP when no def fact */
    uint8_t def_cond;      /* setcond: its IrCond */
    uint8_t sbits;
} FoldTemp;

/* Five words: an entry's address is one lea away from its index. */
_Static_assert(sizeof(FoldTemp) == 40, "FoldTemp stays small");
_Static_assert(IR_NUM_OPS <= 256, "def_opc holds an opcode");

typedef struct Fold {
    IrFunc *f;
    const IrTempInfo *temps;   /* f->temps, reloaded after ir_const() */
    FoldTemp *t;           /* covers the temps at pass start and the
                              constants the pass can make (fold_begin) */
    uint32_t bstart;       /* the clock when the current block began */
    uint32_t clock;        /* the last stamp handed out */
} Fold;

/* ---- Facts --------------------------------------------------------------- */

static unsigned width(IrType t) { return t == IR_I32 ? 32 : 64; }
static uint64_t type_mask(IrType t) { return t == IR_I32 ? 0xffffffffull : ~0ull; }
static IrType ttype(const Fold *c, IrTemp t) { return (IrType)c->temps[t].type; }
static bool is_const(const Fold *c, IrTemp t) { return c->temps[t].kind == IR_TEMP_CONST; }
static uint64_t cval(const Fold *c, IrTemp t) { return c->temps[t].val; }

/* ir_const() may move f->temps. */
static IrTemp new_const(Fold *c, IrType type, uint64_t v)
{
    IrTemp k = ir_const(c->f, type, v);
    c->temps = c->f->temps;
    return k;
}

FOLD_INLINE bool is_cval(const Fold *c, IrTemp t, uint64_t v)
{
    return is_const(c, t) && cval(c, t) == (v & type_mask(ttype(c, t)));
}

/* Facts of a non-constant temp, or NULL when none hold in this block:
 * they do when the temp was written since the block began.  The table
 * covers every temp the pass can see (fold_begin), and a constant's
 * stamp is never above bstart: constants are never outputs, and every
 * stamp of an earlier TB is at most the clock this TB began with. */
static inline FoldTemp *facts(Fold *c, IrTemp t)
{
    return c->t[t].ver > c->bstart ? &c->t[t] : NULL;
}

/* A constant's stamp is whatever its entry held before the pass, and
 * stays so: constants are never written. */
FOLD_INLINE uint32_t version(const Fold *c, IrTemp t)
{
    return c->t[t].ver;
}

FOLD_INLINE IrTemp resolve(Fold *c, IrTemp t)
{
    FoldTemp *ft = facts(c, t);
    if (ft && ft->copy != IR_NO_TEMP && version(c, ft->copy) == ft->copy_ver)
        return ft->copy;
    return t;
}

static uint64_t zmask(Fold *c, IrTemp t)
{
    if (is_const(c, t))
        return cval(c, t);
    FoldTemp *ft = facts(c, t);
    return ft ? ft->zmask : type_mask(ttype(c, t));
}

static unsigned sbits_of_value(IrType type, uint64_t v)
{
    if (type == IR_I32)
        return 32 - (unsigned)__builtin_clrsb((int32_t)(uint32_t)v);
    return 64 - (unsigned)__builtin_clrsbll((int64_t)v);
}

static unsigned sbits(Fold *c, IrTemp t)
{
    if (is_const(c, t))
        return sbits_of_value(ttype(c, t), cval(c, t));
    FoldTemp *ft = facts(c, t);
    return ft ? ft->sbits : width(ttype(c, t));
}

/* The tracked op that defined t, when its inputs still hold their values
 * (IR_NOP otherwise), and its first input. */
FOLD_INLINE IrOpcode def_of(Fold *c, IrTemp t, IrTemp *src)
{
    FoldTemp *ft = facts(c, t);
    if (!ft || ft->def_opc == IR_NOP || version(c, ft->def_src) != ft->def_ver)
        return IR_NOP;
    if (ft->def_opc == IR_SETCOND && version(c, ft->def_src2) != ft->def_ver2)
        return IR_NOP;
    *src = ft->def_src;
    return (IrOpcode)ft->def_opc;
}

/* ---- Rewrites ------------------------------------------------------------ */

/* Inputs of a pure op, whose one output comes first (ops.def: every pure
 * op has one), so the input index needs no load of op->nout. */
static IrTemp in0(const IrOp *op) { return (IrTemp)op->args[1]; }
static IrTemp in1(const IrOp *op) { return (IrTemp)op->args[2]; }

/* The compared inputs of setcond, movcond and brcond (no output). */
static IrTemp cmp0(const IrOp *op) { return ir_in(op, 0); }
static IrTemp cmp1(const IrOp *op) { return ir_in(op, 1); }

FOLD_INLINE bool to_copy(IrOp *op, IrTemp src)
{
    ir_op_to_mov(op, ir_out(op, 0), src);
    return true;
}

static bool to_const(Fold *c, IrOp *op, uint64_t v)
{
    return to_copy(op, new_const(c, (IrType)op->type, v));
}

static bool to_unary(IrOp *op, IrOpcode opc, IrTemp a)
{
    IrTemp d = ir_out(op, 0);
    ir_op_to_mov(op, d, a);
    op->opc = (uint16_t)opc;
    return true;
}

FOLD_INLINE bool all_inputs_const(const Fold *c, const IrOp *op)
{
    for (unsigned i = 1; i <= op->nin; i++)      /* a pure op's: after its output */
        if (!is_const(c, (IrTemp)op->args[i]))
            return false;
    return true;
}

/* Rule 0: an op of constants is a constant (unless unspecified). */
static bool fold_const(Fold *c, IrOp *op)
{
    if (!all_inputs_const(c, op))
        return false;
    uint64_t in[IR_MAX_ARGS], r;
    for (unsigned i = 0; i < op->nin; i++)
        in[i] = cval(c, ir_in(op, i));
    if (!ir_eval((IrOpcode)op->opc, (IrType)op->type, in, &op->args[op->nout + op->nin], &r))
        return false;
    return to_const(c, op, r);
}

/* Commutative ops keep a constant as the second input. */
static void canon_commute(Fold *c, IrOp *op)
{
    if (is_const(c, in0(op)) && !is_const(c, in1(op))) {
        uint64_t a = op->args[op->nout];
        op->args[op->nout] = op->args[op->nout + 1];
        op->args[op->nout + 1] = a;
    }
}

/* ---- Rule families -------------------------------------------------------- */

/* Identities x op K: x+0, x-0, x|0, x^0, x*1, x/1, x<<0 ... -> x. */
FOLD_INLINE bool fold_identity(Fold *c, IrOp *op, uint64_t k)
{
    return is_cval(c, in1(op), k) && to_copy(op, in0(op));
}

/* Annihilators x op K -> K': x*0, x&0, x|-1 ... */
FOLD_INLINE bool fold_absorb(Fold *c, IrOp *op, uint64_t k, uint64_t result)
{
    return is_cval(c, in1(op), k) && to_const(c, op, result);
}

/* x op x. */
FOLD_INLINE bool fold_same(Fold *c, IrOp *op, bool to_x, uint64_t result)
{
    if (in0(op) != in1(op))
        return false;
    return to_x ? to_copy(op, in0(op)) : to_const(c, op, result);
}

/* The constant t = x + k adds, when t was made by add/sub of a constant. */
static bool def_add_const(Fold *c, IrTemp t, IrTemp *x, uint64_t *k)
{
    IrOpcode d = def_of(c, t, x);
    if (d != IR_ADD && d != IR_SUB)
        return false;
    *k = d == IR_ADD ? c->t[t].def_k : -c->t[t].def_k;
    return true;
}

/* (x + k1) + k2 -> x + (k1 + k2), and likewise with sub: address
 * arithmetic then depends on the base, not on a chain of temps. */
static bool fold_add_chain(Fold *c, IrOp *op)
{
    IrTemp x;
    uint64_t k1;
    if (!is_const(c, in1(op)) || !def_add_const(c, in0(op), &x, &k1))
        return false;
    uint64_t k2 = op->opc == IR_ADD ? cval(c, in1(op)) : -cval(c, in1(op));
    uint64_t k = (k1 + k2) & type_mask((IrType)op->type);
    if (k == 0)
        return to_copy(op, x);
    op->opc = IR_ADD;
    op->args[1] = x;
    op->args[2] = new_const(c, (IrType)op->type, k);
    return true;
}

static bool fold_add_sub(Fold *c, IrOp *op)
{
    if (fold_identity(c, op, 0) || fold_add_chain(c, op))
        return true;
    return op->opc == IR_SUB && fold_same(c, op, false, 0);
}

static bool fold_mul(Fold *c, IrOp *op)
{
    if (fold_absorb(c, op, 0, 0))
        return true;
    return op->opc == IR_MUL && fold_identity(c, op, 1);
}

/* x / 0 == 0 (docs/ir.md); x / 1 == x. */
static bool fold_div(Fold *c, IrOp *op)
{
    return fold_absorb(c, op, 0, 0) || fold_identity(c, op, 1);
}

static bool fold_and(Fold *c, IrOp *op)
{
    IrTemp a = in0(op), b = in1(op);
    if (fold_absorb(c, op, 0, 0) || fold_identity(c, op, ~0ull) || fold_same(c, op, true, 0))
        return true;
    if ((zmask(c, a) & zmask(c, b)) == 0)
        return to_const(c, op, 0);
    if (is_const(c, b) && (zmask(c, a) & ~cval(c, b)) == 0)
        return to_copy(op, a);
    return false;
}

static bool fold_or(Fold *c, IrOp *op)
{
    return fold_identity(c, op, 0) || fold_absorb(c, op, ~0ull, ~0ull)
        || fold_same(c, op, true, 0);
}

static bool fold_xor(Fold *c, IrOp *op)
{
    if (fold_identity(c, op, 0) || fold_same(c, op, false, 0))
        return true;
    return is_cval(c, in1(op), ~0ull) && to_unary(op, IR_NOT, in0(op));
}

/* a & ~b */
static bool fold_andc(Fold *c, IrOp *op)
{
    if (fold_identity(c, op, 0) || fold_absorb(c, op, ~0ull, 0) || fold_same(c, op, false, 0))
        return true;
    return is_cval(c, in0(op), 0) && to_const(c, op, 0);
}

/* a | ~b */
static bool fold_orc(Fold *c, IrOp *op)
{
    if (fold_identity(c, op, ~0ull) || fold_absorb(c, op, 0, ~0ull)
        || fold_same(c, op, false, ~0ull))
        return true;
    return is_cval(c, in0(op), ~0ull) && to_const(c, op, ~0ull);
}

/* ~(a ^ b) */
static bool fold_eqv(Fold *c, IrOp *op)
{
    if (fold_identity(c, op, ~0ull) || fold_same(c, op, false, ~0ull))
        return true;
    return is_cval(c, in1(op), 0) && to_unary(op, IR_NOT, in0(op));
}

/* Only a constant count 0 is an identity; larger counts are left alone
 * (rule 1) unless both inputs are constant and the count is in range. */
static bool fold_shift(Fold *c, IrOp *op)
{
    return fold_identity(c, op, 0);
}

/* EXTnU/EXTnS of something that already fits, or of another extension. */
static bool fold_ext(Fold *c, IrOp *op, unsigned bits, bool sign)
{
    IrTemp a = in0(op), src;
    if (!sign && (zmask(c, a) & ~((1ull << bits) - 1)) == 0)
        return to_copy(op, a);
    if (sign && sbits(c, a) <= bits)
        return to_copy(op, a);
    IrOpcode d = def_of(c, a, &src);
    unsigned dbits = d == IR_EXT8S || d == IR_EXT8U ? 8
                   : d == IR_EXT16S || d == IR_EXT16U ? 16
                   : d == IR_EXT32S || d == IR_EXT32U ? 32 : 0;
    if (dbits >= bits) {       /* only the low `bits` bits of a matter */
        op->args[1] = src;
        return true;
    }
    return false;
}

/* i32 <-> i64 conversions through each other: trunc(extu(x)) == x,
 * extu(trunc(x)) == ext32u(x), exts(trunc(x)) == ext32s(x). */
static bool fold_trunc(Fold *c, IrOp *op)
{
    IrTemp src;
    IrOpcode d = def_of(c, in0(op), &src);
    return (d == IR_EXTU_I32 || d == IR_EXTS_I32) && to_copy(op, src);
}

static bool fold_widen(Fold *c, IrOp *op, IrOpcode ext32)
{
    IrTemp src;
    return def_of(c, in0(op), &src) == IR_TRUNC_I64 && to_unary(op, ext32, src);
}

/* not(not x) == x, neg(neg x) == x. */
static bool fold_involution(Fold *c, IrOp *op)
{
    IrTemp src;
    return def_of(c, in0(op), &src) == op->opc && to_copy(op, src);
}

static bool fold_field(Fold *c, IrOp *op)
{
    unsigned w = width((IrType)op->type);
    uint64_t pos = ir_carg(op, 0), len = ir_carg(op, 1);
    if (pos != 0 || len != w)
        return false;
    return to_copy(op, ir_in(op, op->opc == IR_DEPOSIT ? 1 : 0));
}

/* The value of "a cond b" when it is known without the values: 1, 0, or -1
 * for unknown. */
static int known_cond(Fold *c, IrCond cond, IrTemp a, IrTemp b, IrType type)
{
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER)
        return cond == IR_COND_ALWAYS;
    if (is_const(c, a) && is_const(c, b))
        return ir_cond_eval(cond, type, cval(c, a), cval(c, b));
    if (a != b)
        return -1;
    switch (cond) {
    case IR_COND_EQ: case IR_COND_GE: case IR_COND_LE: case IR_COND_GEU: case IR_COND_LEU:
        return 1;
    case IR_COND_NE: case IR_COND_LT: case IR_COND_GT: case IR_COND_LTU: case IR_COND_GTU:
        return 0;
    case IR_COND_TSTEQ: case IR_COND_TSTNE: case IR_COND_ALWAYS: case IR_COND_NEVER:
    case IR_NUM_CONDS:
        return -1;
    }
    return -1;
}

/* Compared operands in canonical order: a constant goes second. */
static void canon_cond(Fold *c, IrOp *op, unsigned cond_carg)
{
    IrTemp a = cmp0(op), b = cmp1(op);
    if (!is_const(c, a) || is_const(c, b))
        return;
    op->args[op->nout] = b;
    op->args[op->nout + 1] = a;
    uint64_t *cond = &op->args[op->nout + op->nin + cond_carg];
    *cond = ir_cond_swap((IrCond)*cond);
}

/* "t ne 0" / "t eq 0" where t = setcond(x, y, cc) tests "x cc y" (or its
 * inverse) directly, so the inner setcond can die. */
static void fold_cond_of_setcond(Fold *c, IrOp *op, unsigned cond_carg)
{
    uint64_t *cond = &op->args[op->nout + op->nin + cond_carg];
    IrTemp t = cmp0(op), x;
    if ((*cond != IR_COND_NE && *cond != IR_COND_EQ) || !is_cval(c, cmp1(op), 0)
        || def_of(c, t, &x) != IR_SETCOND)
        return;
    const FoldTemp *ft = &c->t[t];
    IrCond inner = (IrCond)ft->def_cond;
    *cond = *cond == IR_COND_NE ? inner : ir_cond_invert(inner);
    op->args[op->nout] = x;
    op->args[op->nout + 1] = ft->def_src2;
}

/* Shared by setcond, movcond and brcond before their own rules. */
static void prepare_cond(Fold *c, IrOp *op, unsigned cond_carg)
{
    canon_cond(c, op, cond_carg);
    fold_cond_of_setcond(c, op, cond_carg);
}

static bool fold_setcond(Fold *c, IrOp *op)
{
    prepare_cond(c, op, 0);
    if (ir_carg(op, 0) == IR_COND_NE && is_cval(c, in1(op), 0) && zmask(c, in0(op)) <= 1)
        return to_copy(op, in0(op));   /* already 0 or 1 */
    int k = known_cond(c, (IrCond)ir_carg(op, 0), in0(op), in1(op), (IrType)op->type);
    return k >= 0 && to_const(c, op, (uint64_t)k);
}

static bool fold_movcond(Fold *c, IrOp *op)
{
    prepare_cond(c, op, 0);
    int k = known_cond(c, (IrCond)ir_carg(op, 0), in0(op), in1(op), (IrType)op->type);
    if (k >= 0)
        return to_copy(op, ir_in(op, k ? 2 : 3));
    return ir_in(op, 2) == ir_in(op, 3) && to_copy(op, ir_in(op, 2));
}

/* brcond or goto_tb_if of a known condition: never -> removed; always ->
 * br, or goto_tb (what follows up to the next label is then unreachable,
 * for DCE). */
static void fold_cond_branch(Fold *c, IrOp *op)
{
    prepare_cond(c, op, 0);
    int k = known_cond(c, (IrCond)ir_carg(op, 0), cmp0(op), cmp1(op), (IrType)op->type);
    if (k < 0)
        return;
    bool exit = op->opc == IR_GOTO_TB_IF;
    uint64_t c1 = ir_carg(op, 1), c2 = exit ? ir_carg(op, 2) : 0;
    ir_op_to_nop(op);
    if (k == 0)
        return;
    op->opc = exit ? IR_GOTO_TB : IR_BR;
    op->type = IR_I64;
    op->ncarg = exit ? 2 : 1;
    op->args[0] = c1;
    op->args[1] = c2;
}

/* ---- Dispatch ------------------------------------------------------------ */

/* Algebraic rules of a pure op whose inputs are not all constant. */
static bool fold_rules(Fold *c, IrOp *op)
{
    switch ((IrOpcode)op->opc) {
    case IR_ADD: case IR_SUB:       return fold_add_sub(c, op);
    case IR_MUL: case IR_MULSH: case IR_MULUH:
        return fold_mul(c, op);
    case IR_DIVS: case IR_DIVU:     return fold_div(c, op);
    case IR_AND:                    return fold_and(c, op);
    case IR_OR:                     return fold_or(c, op);
    case IR_XOR:                    return fold_xor(c, op);
    case IR_ANDC:                   return fold_andc(c, op);
    case IR_ORC:                    return fold_orc(c, op);
    case IR_EQV:                    return fold_eqv(c, op);
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTR:
        return fold_shift(c, op);
    case IR_EXT8S:                  return fold_ext(c, op, 8, true);
    case IR_EXT8U:                  return fold_ext(c, op, 8, false);
    case IR_EXT16S:                 return fold_ext(c, op, 16, true);
    case IR_EXT16U:                 return fold_ext(c, op, 16, false);
    case IR_EXT32S:                 return fold_ext(c, op, 32, true);
    case IR_EXT32U:                 return fold_ext(c, op, 32, false);
    case IR_TRUNC_I64:              return fold_trunc(c, op);
    case IR_EXTU_I32:               return fold_widen(c, op, IR_EXT32U);
    case IR_EXTS_I32:               return fold_widen(c, op, IR_EXT32S);
    case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
        return fold_field(c, op);
    case IR_SETCOND:                return fold_setcond(c, op);
    case IR_MOVCOND:                return fold_movcond(c, op);
    case IR_NEG: case IR_NOT:       return fold_involution(c, op);
    case IR_MOV: case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP:
        return false;               /* constants only (fold_const) */
    case IR_SET_LABEL: case IR_BR: case IR_BRCOND: case IR_LD_ENV:
    case IR_ST_ENV: case IR_LD: case IR_ST: case IR_CMPXCHG: case IR_MB:
    case IR_CALL: case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB:
    case IR_LOOKUP_AND_GOTO: case IR_VEC: case IR_NOP: case IR_NUM_OPS:
        return false;               /* not pure */
    }
    return false;
}

/* commute: the op is commutative (its fold_class says so). */
static void fold_pure(Fold *c, IrOp *op, bool commute)
{
    if (commute)
        canon_commute(c, op);
    if (!fold_const(c, op))
        fold_rules(c, op);
    if (op->opc == IR_MOV && in0(op) == ir_out(op, 0))
        ir_op_to_nop(op);
}

/* ---- Learning facts about outputs ----------------------------------------- */

static uint64_t low_mask(unsigned bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

static uint64_t memop_zmask(const IrOp *op, IrMemOp mo)
{
    if (mo & IR_MO_SIGN)
        return ~0ull;
    return low_mask(8 * ir_mo_bytes(mo));
}

static uint64_t shift_zmask(Fold *c, const IrOp *op)
{
    IrTemp n = in1(op);
    if (!is_const(c, n) || cval(c, n) >= width((IrType)op->type))
        return ~0ull;
    return op->opc == IR_SHL ? zmask(c, in0(op)) << cval(c, n) : zmask(c, in0(op)) >> cval(c, n);
}

static uint64_t deposit_zmask(Fold *c, const IrOp *op)
{
    uint64_t m = low_mask((unsigned)ir_carg(op, 1)) << ir_carg(op, 0);
    return (zmask(c, in0(op)) & ~m) | ((zmask(c, in1(op)) << ir_carg(op, 0)) & m);
}

/* Bits of op's (first) output that may be 1, before truncation to type. */
static uint64_t out_zmask(Fold *c, const IrOp *op)
{
    switch ((IrOpcode)op->opc) {
    case IR_MOV:       return zmask(c, in0(op));
    case IR_AND:       return zmask(c, in0(op)) & zmask(c, in1(op));
    case IR_OR: case IR_XOR:
        return zmask(c, in0(op)) | zmask(c, in1(op));
    case IR_ANDC:      return zmask(c, in0(op));
    case IR_EXT8U:     return zmask(c, in0(op)) & 0xff;
    case IR_EXT16U:    return zmask(c, in0(op)) & 0xffff;
    case IR_EXT32U: case IR_EXTU_I32: case IR_TRUNC_I64:
        return zmask(c, in0(op)) & 0xffffffffull;
    case IR_EXTRACT:
        return (zmask(c, in0(op)) >> ir_carg(op, 0)) & low_mask((unsigned)ir_carg(op, 1));
    case IR_SHL: case IR_SHR:
        return shift_zmask(c, op);
    case IR_DEPOSIT:   return deposit_zmask(c, op);
    case IR_SETCOND:   return 1;
    case IR_CLZ: case IR_CTZ: case IR_CTPOP:
        return 127;
    case IR_MOVCOND:   return zmask(c, ir_in(op, 2)) | zmask(c, ir_in(op, 3));
    case IR_LD:        return memop_zmask(op, (IrMemOp)ir_carg(op, 0));
    case IR_LD_ENV:    return memop_zmask(op, (IrMemOp)ir_carg(op, 1));
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH: case IR_MULUH:
    case IR_DIVS: case IR_DIVU: case IR_ORC: case IR_EQV: case IR_SAR:
    case IR_ROTR: case IR_NEG: case IR_NOT: case IR_EXT8S: case IR_EXT16S:
    case IR_EXT32S: case IR_EXTS_I32: case IR_SEXTRACT: case IR_BSWAP:
    case IR_SET_LABEL: case IR_BR: case IR_BRCOND: case IR_ST_ENV: case IR_ST:
    case IR_CMPXCHG: case IR_MB: case IR_CALL:
    case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB: case IR_LOOKUP_AND_GOTO: case IR_VEC: case IR_NOP:
    case IR_NUM_OPS:
        return ~0ull;
    }
    return ~0ull;
}

static unsigned max_u(unsigned a, unsigned b) { return a > b ? a : b; }

/* Sign-extension width of op's output as the op itself guarantees. */
static unsigned out_sbits(Fold *c, const IrOp *op, unsigned w)
{
    IrMemOp mo;
    switch ((IrOpcode)op->opc) {
    case IR_MOV:       return sbits(c, in0(op));
    case IR_EXT8S:     return 8;
    case IR_EXT16S:    return 16;
    case IR_EXT32S: case IR_EXTS_I32:
        return 32;
    case IR_SEXTRACT:  return (unsigned)ir_carg(op, 1);
    case IR_AND: case IR_OR: case IR_XOR: case IR_ANDC: case IR_ORC: case IR_EQV:
        return max_u(sbits(c, in0(op)), sbits(c, in1(op)));
    case IR_NOT:       return sbits(c, in0(op));
    case IR_MOVCOND:   return max_u(sbits(c, ir_in(op, 2)), sbits(c, ir_in(op, 3)));
    case IR_LD:
        mo = (IrMemOp)ir_carg(op, 0);
        return mo & IR_MO_SIGN ? 8 * ir_mo_bytes(mo) : w;
    case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH: case IR_MULUH:
    case IR_DIVS: case IR_DIVU: case IR_SHL: case IR_SHR: case IR_SAR:
    case IR_ROTR: case IR_NEG: case IR_EXT8U: case IR_EXT16U: case IR_EXT32U:
    case IR_EXTU_I32: case IR_TRUNC_I64: case IR_EXTRACT: case IR_DEPOSIT:
    case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP: case IR_SETCOND:
    case IR_SET_LABEL: case IR_BR: case IR_BRCOND: case IR_LD_ENV: case IR_ST_ENV:
    case IR_ST: case IR_CMPXCHG: case IR_MB: case IR_CALL:
    case IR_GOTO_TB: case IR_GOTO_TB_IF: case IR_EXIT_TB: case IR_LOOKUP_AND_GOTO: case IR_VEC: case IR_NOP:
    case IR_NUM_OPS:
        return w;
    }
    return w;
}

/* A value with known-zero top bits is its own sign extension from just
 * above its highest possibly-set bit. */
static unsigned sbits_from_zmask(uint64_t z, unsigned w)
{
    unsigned need = z ? 65 - (unsigned)__builtin_clzll(z) : 1;
    return need < w ? need : w;
}

/* Per opcode, what learning about its output involves beyond "any value
 * of the type": LEARN_BITS when out_zmask() or out_sbits() know more,
 * LEARN_DEF when the rules look through the op (def_of).  Most ops (add,
 * mul, shifts by registers ...) have neither, and skip both switches. */
enum { LEARN_BITS = 1, LEARN_DEF = 2 };

static const uint8_t fold_learn[IR_NUM_OPS] = {
    [IR_MOV] = LEARN_BITS, [IR_AND] = LEARN_BITS, [IR_OR] = LEARN_BITS,
    [IR_XOR] = LEARN_BITS, [IR_ANDC] = LEARN_BITS, [IR_ORC] = LEARN_BITS,
    [IR_EQV] = LEARN_BITS, [IR_SHL] = LEARN_BITS, [IR_SHR] = LEARN_BITS,
    [IR_EXTRACT] = LEARN_BITS, [IR_SEXTRACT] = LEARN_BITS, [IR_DEPOSIT] = LEARN_BITS,
    [IR_CLZ] = LEARN_BITS, [IR_CTZ] = LEARN_BITS, [IR_CTPOP] = LEARN_BITS,
    [IR_MOVCOND] = LEARN_BITS, [IR_LD] = LEARN_BITS, [IR_LD_ENV] = LEARN_BITS,
    [IR_EXT8S] = LEARN_BITS | LEARN_DEF, [IR_EXT8U] = LEARN_BITS | LEARN_DEF,
    [IR_EXT16S] = LEARN_BITS | LEARN_DEF, [IR_EXT16U] = LEARN_BITS | LEARN_DEF,
    [IR_EXT32S] = LEARN_BITS | LEARN_DEF, [IR_EXT32U] = LEARN_BITS | LEARN_DEF,
    [IR_EXTU_I32] = LEARN_BITS | LEARN_DEF, [IR_EXTS_I32] = LEARN_BITS | LEARN_DEF,
    [IR_TRUNC_I64] = LEARN_BITS | LEARN_DEF, [IR_NOT] = LEARN_BITS | LEARN_DEF,
    [IR_SETCOND] = LEARN_BITS | LEARN_DEF,
    [IR_NEG] = LEARN_DEF, [IR_ADD] = LEARN_DEF, [IR_SUB] = LEARN_DEF,
};

/* What made the output, for the rules that look through it. */
FOLD_INLINE void learn_def(Fold *c, const IrOp *op, FoldTemp *ft)
{
    IrOpcode opc = (IrOpcode)op->opc;
    bool add_k = opc == IR_ADD || opc == IR_SUB;
    if (add_k && !is_const(c, in1(op)))
        return;                 /* of add/sub only "x +/- constant" */
    ft->def_opc = (uint8_t)opc;
    ft->def_src = in0(op);
    ft->def_ver = version(c, in0(op));
    if (add_k)
        ft->def_k = cval(c, in1(op));
    if (opc == IR_SETCOND) {
        ft->def_src2 = in1(op);
        ft->def_ver2 = version(c, in1(op));
        ft->def_cond = (uint8_t)ir_carg(op, 0);
    }
}

/* d was written with a value nothing is known about; returns its entry. */
static inline FoldTemp *learn_any(Fold *c, IrTemp d)
{
    FoldTemp *ft = &c->t[d];
    IrType type = ttype(c, d);
    ft->zmask = type_mask(type);
    ft->ver = ++c->clock;
    ft->copy = IR_NO_TEMP;
    ft->def_opc = IR_NOP;       /* the other fields are read only under it */
    ft->sbits = (uint8_t)width(type);
    return ft;
}

/* The known bits of op's output (fold_learn says it has some), out of
 * line: the switches of out_zmask() and out_sbits() would otherwise make
 * every op pay for their registers. */
__attribute__((noinline)) static void learn_bits(Fold *c, const IrOp *op, FoldTemp *ft,
                                                 IrType type)
{
    unsigned w = width(type);
    uint64_t z = out_zmask(c, op) & type_mask(type);
    unsigned sb = out_sbits(c, op, w);
    unsigned sz = sbits_from_zmask(z, w);
    ft->zmask = z;
    ft->sbits = (uint8_t)(sb < sz ? sb : sz);
}

/* d = a guest load by mo: what learn_bits() gives for LD's rows in
 * out_zmask() and out_sbits(), without the switches (loads are the most
 * common op after moves and additions). */
static void learn_load(Fold *c, IrTemp d, IrMemOp mo)
{
    FoldTemp *ft = learn_any(c, d);
    unsigned bits = 8 * ir_mo_bytes(mo), w = ft->sbits;
    if (mo & IR_MO_SIGN) {
        ft->sbits = (uint8_t)(bits < w ? bits : w);
    } else if (bits < w) {
        ft->zmask = low_mask(bits);
        ft->sbits = (uint8_t)(bits + 1);
    }
}

/* The facts of op's only output (op is not a MOV: learn_copy).  They are
 * reset before the op's own rules run, so an input that is also the
 * output reads as "any value". */
FOLD_INLINE void learn_single(Fold *c, const IrOp *op)
{
    IrTemp d = ir_out(op, 0);
    FoldTemp *ft = learn_any(c, d);
    unsigned lc = fold_learn[op->opc];
    if (!lc)
        return;
    if (lc & LEARN_BITS)
        learn_bits(c, op, ft, ttype(c, d));
    /* A fact naming an input that this op overwrote would describe the
     * input's old value under its new version.  (Every LEARN_DEF op has
     * an input.) */
    if (!(lc & LEARN_DEF) || in0(op) == d || (op->opc == IR_SETCOND && in1(op) == d))
        return;
    learn_def(c, op, ft);
}

/* d = s: d's facts are s's, plus the copy: what learning from MOV's row
 * in out_zmask() and out_sbits() would give, without the switches (the
 * most common op: a frontend reads and writes guest registers through
 * MOVs, and folded ops become MOVs). */
FOLD_INLINE void learn_copy(Fold *c, IrTemp d, IrTemp s)
{
    FoldTemp *ft = &c->t[d];
    IrType type = ttype(c, d);
    uint64_t z;
    unsigned sb;
    if (is_const(c, s)) {
        z = cval(c, s);
        sb = sbits_of_value(type, z);
    } else if (c->t[s].ver > c->bstart) {
        z = c->t[s].zmask;     /* already combined with its sbits */
        sb = c->t[s].sbits;
    } else {
        z = type_mask(type);
        sb = width(type);
    }
    ft->zmask = z;
    ft->ver = ++c->clock;
    ft->copy = s;
    ft->copy_ver = version(c, s);
    ft->def_opc = IR_NOP;
    ft->sbits = (uint8_t)sb;
}

static void learn(Fold *c, const IrOp *op)
{
    if (op->nout == 1) {
        learn_single(c, op);
        return;
    }
    for (unsigned i = 0; i < op->nout; i++)       /* no op has two today */
        learn_any(c, ir_out(op, i));
}

/* A helper that writes globals changes all of them behind our back: each
 * is as if written with an unknown value (a fresh stamp, so copies and
 * defs naming it die too).  Rare: few helpers write globals. */
static void forget_globals(Fold *c)
{
    for (IrTemp g = 1; g < c->f->nglobals; g++)
        learn_any(c, g);
}

/* ---- Driver -------------------------------------------------------------- */

/* The common shapes (one or two inputs) without a loop. */
static inline void substitute_inputs(Fold *c, IrOp *op)
{
    uint64_t *in = &op->args[op->nout];
    unsigned n = op->nin;
    if (n == 0)
        return;
    in[0] = resolve(c, (IrTemp)in[0]);
    if (n == 1)
        return;
    in[1] = resolve(c, (IrTemp)in[1]);
    for (unsigned i = 2; i < n; i++)
        in[i] = resolve(c, (IrTemp)in[i]);
}

/* A MOV folds only into a NOP (d = d); constants need no evaluation: the
 * copy fact makes every use read the constant itself. */
static void fold_mov(Fold *c, IrOp *op)
{
    IrTemp d = ir_out(op, 0), s = resolve(c, in0(op));
    op->args[1] = s;
    if (s == d)
        ir_op_to_nop(op);
    else
        learn_copy(c, d, s);
}

/* Per opcode, what the driver does with it, from its row of ops.def: one
 * table load and one switch per op instead of opcode compares and flag
 * lookups.  The kinds that are code (all but FK_NOP, FK_BRCOND,
 * FK_COND_EXIT and FK_END) are "plain" to the flow rules. */
typedef enum FoldKind {
    FK_NOP,        /* a filler: no operands */
    FK_MOV,
    FK_PURE,       /* one output, the rules of fold_pure() */
    FK_PURE_COMM,  /* the same, commutative */
    FK_EFFECT,     /* loads, stores, calls: inputs resolved, outputs new */
    FK_BRCOND,
    FK_COND_EXIT,  /* goto_tb_if: inputs resolved, no block end */
    FK_CTRL,       /* no temp operands (mb, vec): nothing to do */
    FK_END,        /* no temp operands, ends a block (labels, branches,
                      exits): only the block and flow bookkeeping */
    FK_LAST = FK_END
} FoldKind;

#define FK_OF(name, nout, nin, flags)                                             \
    (IR_##name == IR_NOP ? FK_NOP : IR_##name == IR_MOV ? FK_MOV                  \
     : IR_##name == IR_BRCOND ? FK_BRCOND                                         \
     : IR_##name == IR_GOTO_TB_IF ? FK_COND_EXIT                                  \
     : (flags) & IR_F_PURE ? ((flags) & IR_F_COMMUTATIVE ? FK_PURE_COMM : FK_PURE) \
     : (nout) != 0 || (nin) != 0 || ((flags) & IR_F_VARARGS) ? FK_EFFECT          \
     : (flags) & IR_F_BB_END ? FK_END : FK_CTRL)

static const uint8_t fold_kind[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) [IR_##name] = FK_OF(name, nout, nin, flags),
#include "ir/ops.def"
#undef IR_OP
};

/* A pure op (one output); returns false when it became a NOP. */
FOLD_INLINE bool fold_pure_op(Fold *c, IrOp *op, bool commute)
{
    uint64_t *in = &op->args[1];        /* after the one output */
    unsigned n = op->nin;               /* 1, 2 or 4 */
    in[0] = resolve(c, (IrTemp)in[0]);
    for (unsigned i = 1; i < n; i++)
        in[i] = resolve(c, (IrTemp)in[i]);
    fold_pure(c, op, commute);
    if (op->opc == IR_NOP)
        return false;
    if (op->opc == IR_MOV)
        learn_copy(c, ir_out(op, 0), in0(op));
    else
        learn_single(c, op);
    return true;
}

/* Loads, stores, cmpxchg, calls: nothing to fold, only inputs to resolve
 * and outputs to stamp (a load's with the bits its memop leaves zero). */
static void fold_effect(Fold *c, IrOp *op)
{
    substitute_inputs(c, op);
    if (op->opc == IR_LD)
        learn_load(c, ir_out(op, 0), (IrMemOp)ir_carg(op, 0));
    else if (op->nout)
        learn(c, op);
    if (op->opc == IR_CALL && (ir_call_helper(op)->flags & IR_HF_WRITES_GLOBALS))
        forget_globals(c);
}

/* A block ends: no fact learnt so far holds after it. */
static inline void block_end(Fold *c)
{
    c->bstart = c->clock;
}

/* Far below the wrap of the 32-bit stamps: one TB bumps them by at most a
 * few per op (and by the number of globals per call that writes them). */
#define FOLD_STAMP_LIMIT 0xc0000000u

/* The facts table is kept across TBs, not cleared: every stamp of an
 * earlier TB is at most the clock this TB begins with, so facts() ignores
 * it, and a stale version never equals a stamp this TB hands out, since
 * the clock only grows.  So starting a TB costs nothing per temp.  Near
 * the stamps' wrap the table is cleared once and the clock restarts. */
static void fold_begin(Fold *c, IrFunc *f)
{
    /* Each op makes at most one constant (to_const, fold_add_chain). */
    size_t bytes = ((size_t)f->ntemps + f->nops + 1) * sizeof(FoldTemp);
    if (bytes > f->fold_facts_size)
        ir_keep_scratch(&f->fold_facts, &f->fold_facts_size, bytes);
    c->t = f->fold_facts;
    if (f->fold_clock > FOLD_STAMP_LIMIT) {
        memset(f->fold_facts, 0, f->fold_facts_size);
        f->fold_clock = 0;
    }
    c->f = f;
    c->temps = f->temps;
    c->bstart = c->clock = f->fold_clock;
}

void ir_opt_fold(IrFunc *f, IrFlowScan *scan)
{
    Fold c;
    Flow fl = { .refs = flow_refs(f) };
    fold_begin(&c, f);
    for (IrOp *op = f->ops, *end = op + f->nops; op < end; op++) {
        FoldKind kind = (FoldKind)fold_kind[op->opc];
        if (kind > FK_LAST)
            __builtin_unreachable();        /* no range check in the switch */
        switch (kind) {
        case FK_MOV:                        /* the most common op first */
            fold_mov(&c, op);
            if (op->opc == IR_MOV)
                flow_code(&fl);
            break;
        case FK_PURE:
            if (fold_pure_op(&c, op, false))
                flow_code(&fl);
            break;
        case FK_PURE_COMM:
            if (fold_pure_op(&c, op, true))
                flow_code(&fl);
            break;
        case FK_EFFECT:
            fold_effect(&c, op);
            flow_code(&fl);
            break;
        case FK_BRCOND:
            substitute_inputs(&c, op);
            fold_cond_branch(&c, op);
            if (op->opc != IR_NOP)          /* became a BR, or stays */
                block_end(&c);
            flow_note(&fl, op);
            break;
        case FK_COND_EXIT:                  /* stays, goes, or becomes a
                                               goto_tb (dead code after) */
            substitute_inputs(&c, op);
            fold_cond_branch(&c, op);
            flow_note(&fl, op);
            break;
        case FK_END:
            block_end(&c);
            flow_note(&fl, op);
            break;
        case FK_CTRL:
            flow_code(&fl);
            break;
        case FK_NOP:
            break;                          /* fillers to the flow rules too */
        }
    }
    flow_end(&fl, f);
    *scan = fl.scan;
    f->fold_clock = c.clock;
}
