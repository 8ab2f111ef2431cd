/* ir/print.c — IR as text, one op per line (the -d op log and test input).
 *
 * The syntax is documented in docs/ir.md ("Text form") and read back by
 * ir/parse.c; both must change together.  In short:
 *
 *     ---- 0x400120                       a guest insn begins (IrFunc.insn_pc)
 *     add_i64 x0, x1, 0x10:i64           outputs, then inputs, then cargs
 *     brcond_i32 tmp3, 0x0:i32, lt, L1
 *     ld_i64 loc2, x1, mo:u64:al8
 *     call helper_udiv, tmp4, x1, x2     helper name first, then ret, args
 *
 * Ops whose signature mentions the op type ('T') carry a _i32/_i64 suffix;
 * the others (extu_i32, br, exit_tb, ...) have a fixed type.  Temps print as
 * their global name, tmpN (block) or locN (TB-local) with N = index minus
 * nglobals, or value:type for constants.  The printer never fails: an
 * out-of-range temp prints as ?N so that the verifier can show bad IR.
 */
#include "ir/ir-internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

static void print_temp(const IrFunc *f, IrTemp t, FILE *out)
{
    if (t >= f->ntemps) {
        fprintf(out, "?%" PRIu32, t);
        return;
    }
    const IrTempInfo *ti = &f->temps[t];
    switch ((IrTempKind)ti->kind) {
    case IR_TEMP_FIXED: case IR_TEMP_GLOBAL:
        if (ti->name)
            fputs(ti->name, out);
        else
            fprintf(out, "g%" PRIu32, t);
        break;
    case IR_TEMP_LOCAL:
        fprintf(out, "loc%" PRIu32, t - f->nglobals);
        break;
    case IR_TEMP_BLOCK:
        fprintf(out, "tmp%" PRIu32, t - f->nglobals);
        break;
    case IR_TEMP_CONST:
        fprintf(out, "0x%" PRIx64 ":%s", ti->val, ti->type == IR_I32 ? "i32" : "i64");
        break;
    }
}

static void print_memop(IrMemOp mo, FILE *out)
{
    fprintf(out, "mo:%c%u", mo & IR_MO_SIGN ? 's' : 'u', 8u << (mo & IR_MO_SIZE));
    unsigned al = (mo & IR_MO_ALIGN) >> IR_MO_ALIGN_SHIFT;
    if (al)
        fprintf(out, ":al%u", 1u << al);
    if (mo & IR_MO_BE)
        fputs(":be", out);
}

/* "add.16b", "shl.4s.3": the operation, Arm's arrangement name, the
 * immediate when there is one. */
static void print_vecdesc(IrVecDesc d, FILE *out)
{
    static const char *const arr[8] = { "8b", "4h", "2s", "1d", "16b", "8h", "4s", "2d" };
    IrVecOp op = ir_vec_desc_op(d);
    if (op >= IR_VEC_NUM) {
        fprintf(out, "?vec%u", (unsigned)op);
        return;
    }
    for (const char *p = ir_vec_info[op].name; *p; p++)
        fputc(tolower((unsigned char)*p), out);
    fprintf(out, ".%s", arr[ir_vec_desc_q(d) * 4 + ir_vec_desc_esz(d)]);
    if (ir_vec_desc_imm(d))
        fprintf(out, ".%u", ir_vec_desc_imm(d));
}

static void print_carg(IrCargKind kind, uint64_t v, FILE *out)
{
    switch (kind) {
    case IR_CARG_INT:    fprintf(out, "%" PRIu64, v); break;
    case IR_CARG_COND:   fputs(ir_cond_name((IrCond)v), out); break;
    case IR_CARG_LABEL:  fprintf(out, "L%" PRIu64, v); break;
    case IR_CARG_MEMOP:  print_memop((IrMemOp)v, out); break;
    case IR_CARG_MB:     fputs(v < 4 ? ir_mb_names[v] : "?", out); break;
    case IR_CARG_PC:     fprintf(out, "0x%" PRIx64, v); break;
    case IR_CARG_EXIT:
        fputs(v <= IR_EXIT_PLAIN && ir_exit_names[v] ? ir_exit_names[v] : "?", out);
        break;
    case IR_CARG_HELPER:
        fputs(((const IrHelper *)(uintptr_t)v)->name, out);
        break;
    case IR_CARG_VECDESC: print_vecdesc((IrVecDesc)v, out); break;
    case IR_CARG_OFFSET: {
        int64_t off = (int64_t)v;
        fprintf(out, "@%s0x%" PRIx64, off < 0 ? "-" : "", off < 0 ? -(uint64_t)off : (uint64_t)off);
        break;
    }
    }
}

static void print_name(const IrOp *op, FILE *out)
{
    const IrOpInfo *info = &ir_op_info[op->opc];
    for (const char *p = info->name; *p; p++)
        fputc(tolower((unsigned char)*p), out);
    if (strchr(info->sig, 'T'))
        fputs(op->type == IR_I32 ? "_i32" : "_i64", out);
}

void ir_print_op(const IrFunc *f, const IrOp *op, FILE *out)
{
    if (op->opc >= IR_NUM_OPS) {
        fprintf(out, "?op%u\n", op->opc);
        return;
    }
    print_name(op, out);
    const char *sep = " ";
    if (op->opc == IR_CALL) {
        fputc(' ', out);
        print_carg(IR_CARG_HELPER, ir_carg(op, 0), out);
        sep = ", ";
    }
    for (unsigned i = 0; i < (unsigned)op->nout + op->nin; i++) {
        fputs(sep, out);
        print_temp(f, (IrTemp)op->args[i], out);
        sep = ", ";
    }
    for (unsigned i = 0; i < op->ncarg && op->opc != IR_CALL; i++) {
        fputs(sep, out);
        print_carg(ir_carg_kind((IrOpcode)op->opc, i), ir_carg(op, i), out);
        sep = ", ";
    }
    fputc('\n', out);
}

void ir_print(const IrFunc *f, FILE *out)
{
    if (f->entry_check >= 0)    /* a comment to ir_parse */
        fprintf(out, "# entry check: exit_tb requested if [env%+d].u32 != 0\n",
                (int)f->entry_check);
    uint32_t k = 0;
    for (uint32_t i = 0; i <= f->nops; i++) {
        for (; k < f->ninsns && f->insn_op[k] <= i; k++)
            fprintf(out, "---- 0x%" PRIx64 "\n", f->insn_pc[k]);
        if (i < f->nops)
            ir_print_op(f, &f->ops[i], out);
    }
}
