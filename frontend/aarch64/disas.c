/* frontend/aarch64/disas.c — guest disassembly for -d in_asm, via capstone.
 *
 * A capstone handle is opened per call: logging is a debugging path, and a
 * per-call handle keeps this free of global state and thread-safe.  Words
 * capstone does not know (or a tail shorter than 4 bytes) are printed as
 * ".word" so the listing always covers every byte it was given.
 */
#include "frontend/aarch64/translate.h"

#include <capstone.h>
#include <inttypes.h>

static void a64_disas_word(FILE *out, uint64_t pc, const uint8_t *p, size_t n)
{
    uint32_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint32_t)p[i] << (8 * i);
    fprintf(out, "0x%016" PRIx64 ":  %08" PRIx32 "      .word 0x%08" PRIx32 "\n",
            pc, w, w);
}

static size_t a64_disas_one(FILE *out, csh h, cs_insn *insn, uint64_t pc,
                            const uint8_t *code, size_t size)
{
    const uint8_t *p = code;
    size_t left = size < 4 ? size : 4;
    uint64_t addr = pc;
    if (left == 4 && cs_disasm_iter(h, &p, &left, &addr, insn)) {
        uint32_t w = (uint32_t)code[0] | (uint32_t)code[1] << 8
                   | (uint32_t)code[2] << 16 | (uint32_t)code[3] << 24;
        fprintf(out, "0x%016" PRIx64 ":  %08" PRIx32 "      %-8s %s\n",
                pc, w, insn->mnemonic, insn->op_str);
        return 4;
    }
    a64_disas_word(out, pc, code, size < 4 ? size : 4);
    return size < 4 ? size : 4;
}

void a64_disas(FILE *out, uint64_t pc, const uint8_t *code, size_t size)
{
    csh h;
    if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &h) != CS_ERR_OK) {
        for (size_t i = 0; i < size; i += 4)
            a64_disas_word(out, pc + i, code + i, size - i < 4 ? size - i : 4);
        return;
    }
    cs_insn *insn = cs_malloc(h);
    for (size_t off = 0; off < size;)
        off += a64_disas_one(out, h, insn, pc + off, code + off, size - off);
    cs_free(insn, 1);
    cs_close(&h);
}
