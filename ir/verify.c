/* ir/verify.c — the IR verifier, run after the frontend and after every
 * optimizer pass in debug builds (TERN_DEBUG).
 *
 * Checks, op by op in one forward walk (rules in docs/ir.md, "Well-formed
 * IR"):
 *   - opcode known; operand counts match ops.def (CALL: its helper's ret and
 *     nargs); the op type is i32 or i64 and valid for the op;
 *   - every temp index in range; operand types match the sig (CALL: the
 *     helper's types); outputs are never constants or env; constants of
 *     type i32 have clear upper bits;
 *   - a block temp is written earlier in the same basic block before it is
 *     read; a TB-local is written somewhere earlier in the op array (a cheap
 *     stand-in for "on every path", exact for forward-only branches);
 *     not checked in unreachable code (after BR or a TB end, up to the
 *     next label), which a fold may leave for DCE: a GOTO_TB_IF folded
 *     into GOTO_TB is followed by the ops of its fall-through;
 *   - cargs: conditions, bit fields (0 < len, pos + len <= width), memops
 *     (known bits, size fits the type), MB kinds, GOTO_TB slots (each at most
 *     once), EXIT_TB codes (requested or plain: the slot codes are
 *     GOTO_TB's), LD_ENV/ST_ENV not overlapping a global's field;
 *   - every label used is placed exactly once, and no label is placed twice;
 *   - the last op (ignoring NOPs) leaves the TB or branches,
 *     so execution never runs off the end;
 *   - guest insn boundaries (IrFunc.insn_op) never decrease and lie
 *     within [0, nops].
 * The verifier allocates (it runs in debug builds only, and keeps f const).
 */
#include "ir/ir-internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Verifier {
    const IrFunc *f;
    FILE *err;
    uint32_t opi;          /* index of the op being checked */
    uint32_t bb;           /* basic-block epoch, from 1 */
    uint32_t *def;         /* per temp: bb epoch of the last write (0 never) */
    uint8_t *placed;       /* per label: SET_LABEL count (saturating) */
    uint8_t *used;         /* per label: branched to */
    unsigned slots_used;   /* GOTO_TB slot bits */
    bool unreachable;      /* after BR or a TB end, before a label */
} Verifier;

static bool fail(Verifier *v, const char *fmt, ...)
{
    if (v->err) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(v->err, "ir_verify: op %" PRIu32 ": ", v->opi);
        vfprintf(v->err, fmt, ap);
        fputc('\n', v->err);
        va_end(ap);
        if (v->opi < v->f->nops) {
            fputs("  ", v->err);
            ir_print_op(v->f, &v->f->ops[v->opi], v->err);
        }
    }
    return false;
}

static unsigned type_bits(IrType t) { return t == IR_I32 ? 32 : 64; }

/* ---- Counts and types ---------------------------------------------------- */

static bool check_counts(Verifier *v, const IrOp *op)
{
    const IrOpInfo *info = &ir_op_info[op->opc];
    if (op->opc != IR_CALL) {
        if (op->nout != info->nout || op->nin != info->nin || op->ncarg != info->ncarg)
            return fail(v, "operand counts %u/%u/%u, table says %u/%u/%u",
                        op->nout, op->nin, op->ncarg, info->nout, info->nin, info->ncarg);
        return true;
    }
    const IrHelper *h = op->ncarg == 1 ? ir_call_helper(op) : NULL;
    if (!h)
        return fail(v, "call without a helper");
    if (h->nargs > IR_MAX_HELPER_ARGS || op->nin != h->nargs
        || op->nout != (h->ret != IR_VOID))
        return fail(v, "call counts %u/%u do not match helper %s", op->nout, op->nin, h->name);
    return true;
}

/* The type operand i (outputs then inputs) must have. */
static IrType operand_type(const IrOp *op, unsigned i)
{
    if (op->opc == IR_CALL) {
        const IrHelper *h = ir_call_helper(op);
        return (IrType)(i < op->nout ? h->ret : h->args[i - op->nout]);
    }
    char c = ir_op_info[op->opc].sig[i];
    return c == '4' ? IR_I32 : c == '8' ? IR_I64 : (IrType)op->type;
}

static bool check_op_type(Verifier *v, const IrOp *op)
{
    const IrOpInfo *info = &ir_op_info[op->opc];
    if (op->type != IR_I32 && op->type != IR_I64)
        return fail(v, "bad op type %u", op->type);
    if ((op->opc == IR_EXT32S || op->opc == IR_EXT32U) && op->type != IR_I64)
        return fail(v, "%s is i64 only", info->name);
    /* A fixed-type op's type is that of its first operand. */
    if (op->opc != IR_CALL && info->sig[0] && !strchr(info->sig, 'T')
        && op->type != operand_type(op, 0))
        return fail(v, "op type must be %s", operand_type(op, 0) == IR_I32 ? "i32" : "i64");
    if (op->opc == IR_CALL && op->nout && op->type != operand_type(op, 0))
        return fail(v, "call type must be the helper's return type");
    return true;
}

static bool check_temp(Verifier *v, const IrOp *op, unsigned i)
{
    const IrFunc *f = v->f;
    IrTemp t = (IrTemp)op->args[i];
    if (t >= f->ntemps)
        return fail(v, "operand %u: temp %" PRIu32 " out of range", i, t);
    const IrTempInfo *ti = &f->temps[t];
    if (ti->type != operand_type(op, i))
        return fail(v, "operand %u has the wrong type", i);
    if (ti->kind == IR_TEMP_CONST && ti->type == IR_I32 && ti->val >> 32)
        return fail(v, "operand %u: i32 constant with upper bits set", i);
    if (i < op->nout && (ti->kind == IR_TEMP_CONST || ti->kind == IR_TEMP_FIXED))
        return fail(v, "output %u is a constant or env", i);
    return true;
}

/* ---- Definitions before uses --------------------------------------------- */

static bool check_uses(Verifier *v, const IrOp *op)
{
    for (unsigned i = 0; i < op->nin; i++) {
        IrTemp t = ir_in(op, i);
        uint8_t kind = v->f->temps[t].kind;
        if (kind == IR_TEMP_BLOCK && v->def[t] != v->bb)
            return fail(v, "input %u: block temp read before written in this block", i);
        if (kind == IR_TEMP_LOCAL && v->def[t] == 0)
            return fail(v, "input %u: TB-local read before any write", i);
    }
    for (unsigned i = 0; i < op->nout; i++)
        v->def[ir_out(op, i)] = v->bb;
    return true;
}

/* ---- Constant arguments -------------------------------------------------- */

static bool check_memop(Verifier *v, const IrOp *op, IrMemOp mo)
{
    if (mo & ~(uint32_t)(IR_MO_SIZE | IR_MO_SIGN | IR_MO_ALIGN | IR_MO_BE))
        return fail(v, "memop 0x%x has unknown bits", mo);
    if ((mo & IR_MO_SIZE) > IR_MO_64 || ir_mo_bytes(mo) * 8 > type_bits((IrType)op->type))
        return fail(v, "memop size does not fit the op type");
    return true;
}

static bool check_env_range(Verifier *v, int64_t off, int64_t end)
{
    for (IrTemp g = 0; g < v->f->nglobals; g++) {
        const IrTempInfo *ti = &v->f->temps[g];
        if (ti->kind != IR_TEMP_GLOBAL)
            continue;
        int64_t gend = (int64_t)ti->env_offset + type_bits((IrType)ti->type) / 8;
        if (off < gend && ti->env_offset < end)
            return fail(v, "env access overlaps global %s", ti->name ? ti->name : "?");
    }
    return true;
}

/* VEC's offsets (cargs 1..4: d, a, b, c): the ones the operation uses are
 * 16-byte vectors, but c of the saturating rows, the 64-bit QC word. */
static bool check_vec_operand(Verifier *v, const IrOp *op, unsigned i)
{
    IrVecDesc desc = (IrVecDesc)ir_carg(op, 0);
    IrVecOp vop = ir_vec_desc_op(desc);
    if (vop >= IR_VEC_NUM)
        return true;                  /* reported for carg 0 */
    const IrVecInfo *vi = &ir_vec_info[vop];
    bool sat = vi->kind == IR_VK_SAT;
    if (i > 1 && i - 1 > vi->nsrc && !(sat && i == 4))
        return true;                  /* not read */
    int64_t off = (int64_t)ir_carg(op, i);
    return check_env_range(v, off, off + (sat && i == 4 ? 8 : 16));
}

static bool check_label(Verifier *v, const IrOp *op, uint64_t l)
{
    if (l >= v->f->nlabels)
        return fail(v, "label %" PRIu64 " out of range", l);
    if (op->opc != IR_SET_LABEL)
        v->used[l] = 1;
    else if (v->placed[l]++)
        return fail(v, "label L%" PRIu64 " placed twice", l);
    return true;
}

static bool check_field(Verifier *v, const IrOp *op)
{
    uint64_t pos = ir_carg(op, 0), len = ir_carg(op, 1);
    if (len == 0 || pos + len > type_bits((IrType)op->type) || pos >= 64)
        return fail(v, "bit field pos %" PRIu64 " len %" PRIu64 " out of range", pos, len);
    return true;
}

static bool check_carg(Verifier *v, const IrOp *op, unsigned i)
{
    uint64_t c = ir_carg(op, i);
    switch (ir_carg_kind((IrOpcode)op->opc, i)) {
    case IR_CARG_COND:
        return c < IR_NUM_CONDS || fail(v, "bad condition %" PRIu64, c);
    case IR_CARG_LABEL:  return check_label(v, op, c);
    case IR_CARG_MEMOP:  return check_memop(v, op, (IrMemOp)c);
    case IR_CARG_MB:
        return (c >= IR_MB_LD && c <= IR_MB_ALL) || fail(v, "bad barrier kind");
    case IR_CARG_EXIT:       /* slot codes are GOTO_TB's */
        return c == IR_EXIT_REQUESTED || c == IR_EXIT_PLAIN || fail(v, "bad exit code");
    case IR_CARG_OFFSET:
        if (op->opc == IR_VEC)
            return check_vec_operand(v, op, i);
        return check_env_range(v, (int64_t)c, (int64_t)c + ir_mo_bytes((IrMemOp)ir_carg(op, 1)));
    case IR_CARG_VECDESC:
        return ir_vec_desc_ok((IrVecDesc)c) || fail(v, "bad vector operation 0x%" PRIx64, c);
    case IR_CARG_INT:
        if (op->opc != IR_GOTO_TB && op->opc != IR_GOTO_TB_IF)
            return i > 0 || check_field(v, op);
        if (c >= IR_GOTO_TB_SLOTS || (v->slots_used & (1u << c)))
            return fail(v, "goto_tb slot %" PRIu64 " invalid or used twice", c);
        v->slots_used |= 1u << c;
        return true;
    case IR_CARG_HELPER: case IR_CARG_PC:
        return true;
    }
    return true;
}

/* ---- Driver -------------------------------------------------------------- */

static bool check_op(Verifier *v, const IrOp *op)
{
    if (op->opc >= IR_NUM_OPS)
        return fail(v, "unknown opcode %u", op->opc);
    if (!check_counts(v, op) || !check_op_type(v, op))
        return false;
    for (unsigned i = 0; i < (unsigned)op->nout + op->nin; i++)
        if (!check_temp(v, op, i))
            return false;
    for (unsigned i = 0; i < op->ncarg; i++)
        if (!check_carg(v, op, i))
            return false;
    uint32_t flags = ir_op_info[op->opc].flags;
    if (op->opc == IR_SET_LABEL) {
        v->bb++;
        v->unreachable = false;
    }
    if (!v->unreachable && !check_uses(v, op))
        return false;
    if (flags & IR_F_BB_END)
        v->bb++;
    if (op->opc == IR_BR || (flags & IR_F_TB_END))
        v->unreachable = true;
    return true;
}

static bool check_end(Verifier *v)
{
    const IrFunc *f = v->f;
    for (IrLabel l = 0; l < f->nlabels; l++)
        if (v->used[l] && !v->placed[l])
            return fail(v, "label L%" PRIu32 " used but never placed", l);
    for (uint32_t i = f->nops; i-- > 0;) {
        uint16_t opc = f->ops[i].opc;
        if (opc == IR_NOP)
            continue;
        v->opi = i;
        if (opc != IR_BR && !(ir_op_info[opc].flags & IR_F_TB_END))
            return fail(v, "the TB does not end with goto_tb, exit_tb, lookup_and_goto or br");
        break;
    }
    return true;
}

static bool check_insns(Verifier *v)
{
    const IrFunc *f = v->f;
    v->opi = f->nops;
    for (uint32_t i = 0; i < f->ninsns; i++) {
        uint32_t at = f->insn_op[i];
        if (at > f->nops || (i > 0 && at < f->insn_op[i - 1]))
            return fail(v, "guest insn %" PRIu32 " (pc 0x%" PRIx64 ") begins at op %" PRIu32
                        ", out of order or past the ops", i, f->insn_pc[i], at);
    }
    return true;
}

bool ir_verify(const IrFunc *f, FILE *err)
{
    Verifier v = { .f = f, .err = err, .bb = 1 };
    v.def = calloc(f->ntemps + 1, sizeof(*v.def));
    v.placed = calloc(f->nlabels + 1, 1);
    v.used = calloc(f->nlabels + 1, 1);
    bool ok = v.def && v.placed && v.used;
    if (!ok && err)
        fputs("ir_verify: out of memory\n", err);
    for (v.opi = 0; ok && v.opi < f->nops; v.opi++)
        ok = check_op(&v, &f->ops[v.opi]);
    if (ok)
        ok = check_end(&v);
    if (ok)
        ok = check_insns(&v);
    free(v.def);
    free(v.placed);
    free(v.used);
    return ok;
}
