/* backend/interp/interp-disas.c — bytecode as text, for -d out_asm.
 *
 * One line per instruction, with its rx address:
 *     0x7f12c0000010:  add_i64 env+0x8, f2, $0x10
 * Operands print as env+OFF (a global or the CPU state), fN (frame slot N;
 * f0 is the env pointer) or $VALUE (a pool constant, read back from the
 * pool when the dump covers it).  Branches print their target address.
 * The dump stops at the constant pool, which it prints as one line.
 * Sizes come from the same layouts the emitter writes (interp-internal.h).
 */
#include "backend/interp/interp-internal.h"

#include <ctype.h>
#include <inttypes.h>

unsigned interp_insn_size(const uint8_t *insn)
{
    unsigned bc = interp_hdr_bc(insn), aux = interp_hdr_aux(insn);
    if (bc == INTERP_BC_ENTRY_CHECK)
        return 16;
    if (bc >= INTERP_BC_POOL)
        return 4;
    IrOpcode opc = (IrOpcode)(bc >> 1);
    const IrOpInfo *info = &ir_op_info[opc];
    switch (opc) {
    case IR_LD_ENV: case IR_ST_ENV: return 12;
    case IR_BR: return 8;
    case IR_BRCOND: return 16;
    case IR_CALL:
        return 12 + 4 * ((aux & INTERP_CALL_NARGS) + !!(aux & INTERP_CALL_RET));
    case IR_GOTO_TB: return 28;
    case IR_GOTO_TB_IF: return 36;
    case IR_EXIT_TB: return 12;
    case IR_VEC: return 24;
    case IR_MOV: case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH:
    case IR_MULUH: case IR_DIVS: case IR_DIVU: case IR_AND: case IR_OR:
    case IR_XOR: case IR_ANDC: case IR_ORC: case IR_EQV: case IR_SHL:
    case IR_SHR: case IR_SAR: case IR_ROTR: case IR_NEG: case IR_NOT:
    case IR_EXT8S: case IR_EXT8U: case IR_EXT16S: case IR_EXT16U:
    case IR_EXT32S: case IR_EXT32U: case IR_EXTU_I32: case IR_EXTS_I32:
    case IR_TRUNC_I64: case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
    case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP: case IR_SETCOND:
    case IR_MOVCOND: case IR_LD: case IR_ST: case IR_CMPXCHG: case IR_MB:
    case IR_LOOKUP_AND_GOTO: case IR_NOP: case IR_SET_LABEL:
    case IR_NUM_OPS:
        break;
    }
    return 4 + 4 * (info->nout + info->nin);
}

typedef struct Dump {
    FILE *out;
    const uint8_t *code;
    uintptr_t rx;
    size_t size;
} Dump;

static void print_operand(const Dump *d, uint32_t w, bool is64)
{
    uint32_t off = w & ~(uint32_t)INTERP_SEL_MASK;
    switch (w & INTERP_SEL_MASK) {
    case INTERP_SEL_ENV: fprintf(d->out, "env+0x%x", off); return;
    case INTERP_SEL_FRAME: fprintf(d->out, "f%u", off / 8); return;
    case INTERP_SEL_TB:
        if (off + (is64 ? 8u : 4u) > d->size)
            fprintf(d->out, "tb+0x%x", off);
        else
            fprintf(d->out, "$0x%" PRIx64,
                    is64 ? interp_dword(d->code + off) : interp_word(d->code + off));
        return;
    default: fprintf(d->out, "?%#x", w); return;
    }
}

static bool sig_is64(const char *sig, unsigned k, bool t64)
{
    return sig[k] == '8' || (sig[k] == 'T' && t64);
}

/* The temp operands of a table-shaped op, from word `first` on. */
static void print_temps(const Dump *d, const uint8_t *insn, unsigned first,
                        const IrOpInfo *info, bool t64)
{
    for (unsigned k = 0; k < info->nout + info->nin; k++) {
        fputs(k ? ", " : " ", d->out);
        print_operand(d, interp_word(insn + 4 * (first + k)), sig_is64(info->sig, k, t64));
    }
}

static void print_call(const Dump *d, const uint8_t *insn, unsigned aux)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)interp_dword(insn + 4);
    unsigned n = aux & INTERP_CALL_NARGS, k = 3;
    fprintf(d->out, " %s", h && h->name ? h->name : "?");
    if (aux & INTERP_CALL_RET) {
        fputs(" -> ", d->out);
        print_operand(d, interp_word(insn + 12), aux & INTERP_CALL_RET64);
        k = 4;
    }
    for (unsigned i = 0; i < n; i++) {
        fputs(i ? ", " : " (", d->out);
        print_operand(d, interp_word(insn + 4 * (k + i)),
                      aux & (1u << (INTERP_CALL_ARG64_SHIFT + i)));
    }
    if (n)
        fputc(')', d->out);
}

static void print_insn(const Dump *d, const uint8_t *insn, uintptr_t at)
{
    unsigned bc = interp_hdr_bc(insn), aux = interp_hdr_aux(insn);
    IrOpcode opc = (IrOpcode)(bc >> 1);
    const IrOpInfo *info = &ir_op_info[opc];
    bool t64 = bc & 1;
    fprintf(d->out, "  0x%" PRIxPTR ":  ", at);
    if (bc == INTERP_BC_ENTRY_CHECK) {
        fprintf(d->out, "entry_check [env%+d] -> exit 0x%" PRIx64 " | %u\n",
                (int32_t)interp_word(insn + 4), interp_dword(insn + 8), IR_EXIT_REQUESTED);
        return;
    }
    for (const char *c = info->name; *c; c++)
        fputc(tolower((unsigned char)*c), d->out);
    fputs(t64 ? "_i64" : "_i32", d->out);
    switch (opc) {
    case IR_BR:
        fprintf(d->out, " -> 0x%" PRIxPTR, at + (int32_t)interp_word(insn + 4));
        break;
    case IR_BRCOND:
        print_temps(d, insn, 1, info, t64);
        fprintf(d->out, ", %s -> 0x%" PRIxPTR, ir_cond_name((IrCond)aux),
                at + (int32_t)interp_word(insn + 12));
        break;
    case IR_LD_ENV: case IR_ST_ENV:
        fputc(' ', d->out);
        print_operand(d, interp_word(insn + 4), t64);
        fprintf(d->out, ", [env%+d], mo=%#x", (int32_t)interp_word(insn + 8), aux);
        break;
    case IR_LD: case IR_ST: case IR_CMPXCHG:
        print_temps(d, insn, 1, info, t64);
        fprintf(d->out, ", mo=%#x", aux);
        break;
    case IR_CALL: print_call(d, insn, aux); break;
    case IR_GOTO_TB:
        fprintf(d->out, " %u -> 0x%" PRIx64 ", else pc = 0x%" PRIx64 ", 0x%" PRIx64 " | %u",
                aux, interp_dword(insn + 4), interp_dword(insn + 12),
                interp_dword(insn + 20), IR_EXIT_SLOT0 + aux);
        break;
    case IR_GOTO_TB_IF:
        print_temps(d, insn, 1, info, t64);
        fprintf(d->out, ", %s: %u -> 0x%" PRIx64 ", else pc = 0x%" PRIx64 ", 0x%" PRIx64
                " | %u", ir_cond_name((IrCond)(aux & 0xff)), aux >> 8, interp_dword(insn + 12),
                interp_dword(insn + 20), interp_dword(insn + 28), IR_EXIT_SLOT0 + (aux >> 8));
        break;
    case IR_EXIT_TB:
        fprintf(d->out, " 0x%" PRIx64 " | %u", interp_dword(insn + 4), aux);
        break;
    case IR_MB: fprintf(d->out, " %u", aux); break;
    case IR_VEC:
        fprintf(d->out, " desc=%#x, [env%+d] <- [env%+d], [env%+d], [env%+d]",
                interp_word(insn + 4), (int32_t)interp_word(insn + 8),
                (int32_t)interp_word(insn + 12), (int32_t)interp_word(insn + 16),
                (int32_t)interp_word(insn + 20));
        break;
    case IR_SETCOND: case IR_MOVCOND:
        print_temps(d, insn, 1, info, t64);
        fprintf(d->out, ", %s", ir_cond_name((IrCond)aux));
        break;
    case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
        print_temps(d, insn, 1, info, t64);
        fprintf(d->out, ", %u, %u", aux & 0xff, aux >> 8);
        break;
    case IR_MOV: case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH:
    case IR_MULUH: case IR_DIVS: case IR_DIVU: case IR_AND: case IR_OR:
    case IR_XOR: case IR_ANDC: case IR_ORC: case IR_EQV: case IR_SHL:
    case IR_SHR: case IR_SAR: case IR_ROTR: case IR_NEG: case IR_NOT:
    case IR_EXT8S: case IR_EXT8U: case IR_EXT16S: case IR_EXT16U:
    case IR_EXT32S: case IR_EXT32U: case IR_EXTU_I32: case IR_EXTS_I32:
    case IR_TRUNC_I64: case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP:
    case IR_LOOKUP_AND_GOTO: case IR_NOP: case IR_SET_LABEL:
    case IR_NUM_OPS:
        print_temps(d, insn, 1, info, t64);
        break;
    }
    fputc('\n', d->out);
}

void interp_disas(FILE *out, const uint8_t *code, uintptr_t rx, size_t size)
{
    Dump d = { out, code, rx, size };
    size_t pos = 0;
    while (pos + 4 <= size) {
        const uint8_t *insn = code + pos;
        if (interp_hdr_bc(insn) >= INTERP_BC_POOL) {
            fprintf(out, "  0x%" PRIxPTR ":  pool, %zu bytes\n", rx + pos, size - pos - 4);
            return;
        }
        unsigned n = interp_insn_size(insn);
        if (pos + n > size)
            break;
        print_insn(&d, insn, rx + pos);
        pos += n;
    }
    if (pos < size)
        fprintf(out, "  0x%" PRIxPTR ":  (%zu bytes cut off)\n", rx + pos, size - pos);
}
