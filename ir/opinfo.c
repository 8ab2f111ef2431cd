/* ir/opinfo.c — facts about ops that the table's counts and flags don't say.
 *
 * ir_carg_kind() is the one description of every op's constant arguments;
 * the printer, parser and verifier switch on its answer, so a new op with
 * cargs is added here once.  The switch lists every opcode (no default:),
 * so -Wswitch-enum flags an op added to ops.def but not described here.
 */
#include "ir/ir-internal.h"

#include <assert.h>

/* EXIT_TB's codes; the slot codes are GOTO_TB's and have no name. */
const char *const ir_exit_names[IR_EXIT_PLAIN + 1] = {
    [IR_EXIT_REQUESTED] = "requested", [IR_EXIT_PLAIN] = "plain",
};
_Static_assert(IR_EXIT_PLAIN <= IR_EXIT_MASK, "the exit codes fit IR_EXIT_MASK");
const char *const ir_mb_names[4] = { "none", "ld", "st", "all" };

IrCargKind ir_carg_kind(IrOpcode opc, unsigned i)
{
    switch (opc) {
    case IR_SETCOND: case IR_MOVCOND:
        return IR_CARG_COND;
    case IR_BRCOND:
        return i == 0 ? IR_CARG_COND : IR_CARG_LABEL;
    case IR_SET_LABEL: case IR_BR:
        return IR_CARG_LABEL;
    case IR_LD_ENV: case IR_ST_ENV:
        return i == 0 ? IR_CARG_OFFSET : IR_CARG_MEMOP;
    case IR_LD: case IR_ST: case IR_CMPXCHG:
        return IR_CARG_MEMOP;
    case IR_MB:
        return IR_CARG_MB;
    case IR_CALL:
        return IR_CARG_HELPER;
    case IR_EXIT_TB:
        return IR_CARG_EXIT;
    case IR_VEC:
        return i == 0 ? IR_CARG_VECDESC : IR_CARG_OFFSET;
    case IR_GOTO_TB:
        return i == 0 ? IR_CARG_INT : IR_CARG_PC;
    case IR_GOTO_TB_IF:
        return i == 0 ? IR_CARG_COND : i == 1 ? IR_CARG_INT : IR_CARG_PC;
    case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
        return IR_CARG_INT;
    case IR_MOV: case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH:
    case IR_MULUH: case IR_DIVS: case IR_DIVU: case IR_AND: case IR_OR:
    case IR_XOR: case IR_ANDC: case IR_ORC: case IR_EQV: case IR_SHL:
    case IR_SHR: case IR_SAR: case IR_ROTR: case IR_NEG: case IR_NOT:
    case IR_EXT8S: case IR_EXT8U: case IR_EXT16S: case IR_EXT16U:
    case IR_EXT32S: case IR_EXT32U: case IR_EXTU_I32: case IR_EXTS_I32:
    case IR_TRUNC_I64: case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP:
    case IR_LOOKUP_AND_GOTO: case IR_NOP: case IR_NUM_OPS:
        break;
    }
    assert(!"op has no constant arguments");
    return IR_CARG_INT;
}

void ir_op_to_mov(IrOp *op, IrTemp d, IrTemp src)
{
    op->opc = IR_MOV;
    op->nout = 1;
    op->nin = 1;
    op->ncarg = 0;
    op->dead_in = 0;
    op->args[0] = d;
    op->args[1] = src;
}
