/* backend/x86_64/emit-x86.c — x86-64 byte encoders.
 *
 * One function per encoding form; the common forms (ModRM register and
 * memory operands, mov, lea, ALU register ops) are inline in emit-x86.h,
 * with the ModRM rules.  The capstone round-trip test (tests/unit/
 * test-x86-emit.c) pins every form against an independent disassembler.
 */
#include "backend/x86_64/emit-x86.h"

#include <assert.h>
#include <string.h>

static int w_bit(bool w) { return w ? X86_P_W : 0; }

void x86_emit_alu_ri(X86Buf *b, X86Alu alu, int rm, int32_t imm, bool w)
{
    if (x86_fits_i8(imm)) {
        x86_emit_rr(b, X86_OP_GRP1_Ib | w_bit(w), alu, rm);
        x86_emit8(b, (uint8_t)imm);
    } else {
        x86_emit_rr(b, X86_OP_GRP1_Iz | w_bit(w), alu, rm);
        x86_emit32(b, (uint32_t)imm);
    }
}

void x86_emit_shift_ri(X86Buf *b, X86Shift sh, int rm, unsigned imm, bool w)
{
    if (imm == 1) {
        x86_emit_rr(b, X86_OP_GRP2_1 | w_bit(w), sh, rm);
    } else {
        x86_emit_rr(b, X86_OP_GRP2_Ib | w_bit(w), sh, rm);
        x86_emit8(b, (uint8_t)imm);
    }
}

void x86_emit_shift_cl(X86Buf *b, X86Shift sh, int rm, bool w)
{
    x86_emit_rr(b, X86_OP_GRP2_CL | w_bit(w), sh, rm);
}

/* 3-byte VEX, map 0F38: C4, R X B mmmmm, W vvvv L pp (R, X, B, vvvv
 * inverted). */
void x86_emit_shiftx(X86Buf *b, X86Shift sh, int dst, int src, int count, bool w)
{
    unsigned pp = sh == X86_SH_SHL ? 1 : sh == X86_SH_SAR ? 2 : 3;
    x86_emit8(b, 0xc4);
    x86_emit8(b, (uint8_t)((!(dst & 8) << 7) | (1 << 6) | (!(src & 8) << 5) | 2));
    x86_emit8(b, (uint8_t)((w << 7) | ((~count & 15) << 3) | pp));
    x86_emit8(b, 0xf7);
    x86_emit8(b, x86_modrm(3, dst, src));
}

/* VEX.LZ.0F38.W F2 /r: the same prefix as shlx with pp = 0; vvvv holds
 * the inverted operand. */
void x86_emit_andn(X86Buf *b, int dst, int src1, int src2, bool w)
{
    x86_emit8(b, 0xc4);
    x86_emit8(b, (uint8_t)((!(dst & 8) << 7) | (1 << 6) | (!(src2 & 8) << 5) | 2));
    x86_emit8(b, (uint8_t)((w << 7) | ((~src1 & 15) << 3)));
    x86_emit8(b, 0xf2);
    x86_emit8(b, x86_modrm(3, dst, src2));
}

void x86_emit_grp3(X86Buf *b, X86Grp3 g, int rm, bool w)
{
    x86_emit_rr(b, X86_OP_GRP3_Ev | w_bit(w), g, rm);
}

void x86_emit_test_ri(X86Buf *b, int rm, int32_t imm, bool w)
{
    x86_emit_rr(b, X86_OP_GRP3_Ev | w_bit(w), 0, rm);
    x86_emit32(b, (uint32_t)imm);
}

void x86_emit_movi(X86Buf *b, int reg, uint64_t imm, bool w, bool flags_dead)
{
    if (!w)
        imm = (uint32_t)imm;
    if (imm == 0 && flags_dead) {
        x86_emit_alu_rr(b, X86_ALU_XOR, reg, reg, false);
    } else if (imm <= UINT32_MAX) {
        x86_emit_opc(b, 0xb8 + (reg & 7), X86_NO_REG, reg, X86_NO_REG);
        x86_emit32(b, (uint32_t)imm);
    } else if (x86_fits_i32((int64_t)imm)) {
        x86_emit_rr(b, X86_OP_MOV_EvIz | X86_P_W, 0, reg);
        x86_emit32(b, (uint32_t)imm);
    } else {
        x86_emit_opc(b, (0xb8 + (reg & 7)) | X86_P_W, X86_NO_REG, reg, X86_NO_REG);
        x86_emit64(b, imm);
    }
}

void x86_emit_movi_near(X86Buf *b, int reg, uint64_t v)
{
    int64_t rel = (int64_t)(v - (x86_buf_rx(b) + 7));
    if (v <= UINT32_MAX || !x86_fits_i32(rel)) {
        x86_emit_movi(b, reg, v, true, true);
        return;
    }
    /* REX.W 8D /r, ModRM mod 00 rm 101: [rip + disp32]. */
    x86_emit_opc(b, X86_OP_LEA | X86_P_W, reg, X86_NO_REG, X86_NO_REG);
    x86_emit8(b, x86_modrm(0, reg, 5));
    x86_emit32(b, (uint32_t)(int32_t)rel);
}

void x86_emit_bswap(X86Buf *b, int reg, bool w)
{
    x86_emit_opc(b, (0xc8 + (reg & 7)) | X86_P_0F | w_bit(w), X86_NO_REG, reg, X86_NO_REG);
}

void x86_emit_push(X86Buf *b, int reg)
{
    x86_emit_opc(b, 0x50 + (reg & 7), X86_NO_REG, reg, X86_NO_REG);
}

void x86_emit_pop(X86Buf *b, int reg)
{
    x86_emit_opc(b, 0x58 + (reg & 7), X86_NO_REG, reg, X86_NO_REG);
}

void x86_emit_ret(X86Buf *b)
{
    x86_emit8(b, 0xc3);
}

void x86_emit_mfence(X86Buf *b)
{
    x86_emit8(b, 0x0f);
    x86_emit8(b, 0xae);
    x86_emit8(b, 0xf0);
}

/* The Intel SDM's recommended nop sequences, 1 to 9 bytes. */
static const uint8_t nop_seqs[9][9] = {
    { 0x90 },
    { 0x66, 0x90 },
    { 0x0f, 0x1f, 0x00 },
    { 0x0f, 0x1f, 0x40, 0x00 },
    { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

/* Whole 9-byte rows are copied (a constant-size copy, no byte loop): the
 * bytes past the last nop are scratch that the next instruction
 * overwrites, within the room the caller checked. */
void x86_emit_nops(X86Buf *b, unsigned n)
{
    uint8_t *p = b->p;
    for (; n > 9; n -= 9, p += 9)
        memcpy(p, nop_seqs[8], 9);
    if (n)
        memcpy(p, nop_seqs[n - 1], 9);
    b->p = p + n;
}

/* Writes a rel32 whose end is the current position, aimed at target_rx. */
static uint32_t emit_rel32(X86Buf *b, uintptr_t target_rx)
{
    uint32_t field = x86_buf_off(b);
    int64_t rel = (int64_t)(target_rx - (x86_buf_rx(b) + 4));
    assert(x86_fits_i32(rel));
    x86_emit32(b, (uint32_t)rel);
    return field;
}

uint32_t x86_emit_jmp32(X86Buf *b, uintptr_t target_rx)
{
    x86_emit8(b, 0xe9);
    return emit_rel32(b, target_rx);
}

uint32_t x86_emit_jcc32(X86Buf *b, X86Cond cc, uintptr_t target_rx)
{
    x86_emit8(b, 0x0f);
    x86_emit8(b, (uint8_t)(0x80 + cc));
    return emit_rel32(b, target_rx);
}

uint32_t x86_emit_call32(X86Buf *b, uintptr_t target_rx)
{
    x86_emit8(b, 0xe8);
    return emit_rel32(b, target_rx);
}

bool x86_in_rel32(const X86Buf *b, uintptr_t target_rx)
{
    return x86_fits_i32((int64_t)(target_rx - (x86_buf_rx(b) + 5)));
}

void x86_emit_call_abs(X86Buf *b, uintptr_t fn)
{
    if (x86_in_rel32(b, fn)) {
        x86_emit_call32(b, fn);
        return;
    }
    x86_emit_movi(b, X86_RAX, fn, true, true);
    x86_emit_rr(b, X86_OP_GRP5_Ev, 2, X86_RAX);
}

void x86_emit_jmp_r(X86Buf *b, int reg)
{
    x86_emit_rr(b, X86_OP_GRP5_Ev, 4, reg);
}

void x86_patch_rel32(X86Buf *b, uint32_t field_off, uint32_t target_off)
{
    int32_t rel = (int32_t)(target_off - (field_off + 4));
    memcpy(b->start + field_off, &rel, 4);
}

uint32_t x86_emit_jcc8(X86Buf *b, X86Cond cc)
{
    x86_emit8(b, (uint8_t)(0x70 + cc));
    x86_emit8(b, 0);
    return x86_buf_off(b) - 1;
}

uint32_t x86_emit_jmp8(X86Buf *b)
{
    x86_emit8(b, 0xeb);
    x86_emit8(b, 0);
    return x86_buf_off(b) - 1;
}

void x86_patch_rel8(X86Buf *b, uint32_t field_off)
{
    int32_t rel = (int32_t)(x86_buf_off(b) - (field_off + 1));
    assert(x86_fits_i8(rel));
    b->start[field_off] = (uint8_t)rel;
}
