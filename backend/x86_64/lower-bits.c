/* backend/x86_64/lower-bits.c — extensions, bit fields, counting, bswap.
 *
 * Bit fields use movzx/movsx where the field is a whole byte, word or
 * dword at bit 0, one shift where it touches the top, an AND mask where the
 * mask fits an imm32, and a shl/shr (sar) pair otherwise.  CLZ/CTZ use
 * lzcnt/tzcnt when the CPU has them, else bsr/bsf with a cmov fix-up for a
 * zero input; CTPOP uses popcnt or the classic SWAR sequence.
 */
#include "backend/x86_64/x86-internal.h"

static int wbit(bool w) { return w ? X86_P_W : 0; }

/* movzx/movsx (or mov r32 / movsxd) of the low 2^size bytes: rd, rs. */
static void emit_ext_rr(X86Buf *b, unsigned size, bool sign, bool w, int rd, int rs)
{
    switch (size) {
    case 0:
        x86_emit_rr(b, (sign ? X86_OP_MOVSBL | wbit(w) : X86_OP_MOVZBL), rd, rs);
        break;
    case 1:
        x86_emit_rr(b, (sign ? X86_OP_MOVSWL | wbit(w) : X86_OP_MOVZWL), rd, rs);
        break;
    case 2:
        if (sign && w)
            x86_emit_rr(b, X86_OP_MOVSXD, rd, rs);
        else
            x86_emit_rr(b, X86_OP_MOV_GvEv, rd, rs);
        break;
    default:
        x86_emit_mov_rr(b, rd, rs, true);
        break;
    }
}

void x86_emit_ext_mo(X86Buf *b, IrMemOp mo, bool w, int reg)
{
    emit_ext_rr(b, mo & IR_MO_SIZE, mo & IR_MO_SIGN, w, reg, reg);
}

/* d = ext(a) with the given size/sign; a register-to-register op that may
 * run in place. */
static void gen_ext(X86Ctx *c, const IrOp *op, unsigned size, bool sign, bool w)
{
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
    emit_ext_rr(&c->buf, size, sign, w, rd, ra);
}

/* EXT32U of a value a 32-bit x86 op left zero-extended (lower-alu.c): a
 * move, nothing when the register is taken over. */
static void gen_ext32u_done(X86Ctx *c, const IrOp *op)
{
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
    if (rd != ra)
        x86_emit_mov_rr(&c->buf, rd, ra, false);
}

void x86_lower_ext(X86Ctx *c, const IrOp *op)
{
    IrOpcode opc = (IrOpcode)op->opc;
    const X86TempState *in = &c->ts[ir_in(op, 0)];
    if (opc == IR_EXT32U && in->loc == X86_LOC_REG && in->addr32) {
        gen_ext32u_done(c, op);
        return;
    }
    unsigned size = (opc == IR_EXT8S || opc == IR_EXT8U) ? 0
                  : (opc == IR_EXT16S || opc == IR_EXT16U) ? 1 : 2;
    bool sign = opc == IR_EXT8S || opc == IR_EXT16S || opc == IR_EXT32S;
    gen_ext(c, op, size, sign, op->type == IR_I64);
}

/* Between i32 and i64.  i32 values already have zero upper bits in host
 * registers, so EXTU_I32 in place costs nothing; TRUNC_I64 must clear them. */
void x86_lower_ext_i32(X86Ctx *c, const IrOp *op)
{
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
    if (op->opc == IR_EXTS_I32)
        x86_emit_rr(&c->buf, X86_OP_MOVSXD, rd, ra);
    else if (op->opc == IR_TRUNC_I64 || rd != ra)
        x86_emit_rr(&c->buf, X86_OP_MOV_GvEv, rd, ra);
}

/* ---- Bit fields ------------------------------------------------------------ */

static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

/* Field [pos, pos + len) of rd, in place: zero- or sign-extended. */
static void emit_field(X86Buf *b, int rd, unsigned pos, unsigned len, bool sign, bool w)
{
    unsigned width = w ? 64 : 32;
    if (pos + len == width) {
        if (pos)
            x86_emit_shift_ri(b, sign ? X86_SH_SAR : X86_SH_SHR, rd, pos, w);
    } else if (!sign && len <= 31) {
        if (pos)
            x86_emit_shift_ri(b, X86_SH_SHR, rd, pos, w);
        x86_emit_alu_ri(b, X86_ALU_AND, rd, (int32_t)low_mask(len), false);
    } else {
        x86_emit_shift_ri(b, X86_SH_SHL, rd, width - pos - len, w);
        x86_emit_shift_ri(b, sign ? X86_SH_SAR : X86_SH_SHR, rd, width - len, w);
    }
}

void x86_lower_extract(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64, sign = op->opc == IR_SEXTRACT;
    unsigned pos = (unsigned)ir_carg(op, 0), len = (unsigned)ir_carg(op, 1);
    unsigned width = w ? 64 : 32;
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    if (pos == 0 && (len == 8 || len == 16 || (len == 32 && w))) {
        int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
        emit_ext_rr(&c->buf, len == 8 ? 0 : len == 16 ? 1 : 2, sign, w, rd, ra);
        return;
    }
    int rd = x86_ra_out_copy(c, ir_out(op, 0), 0, ra, X86_RS_ALL, w);
    if (len < width || pos)
        emit_field(&c->buf, rd, pos, len, sign, w);
}

/* rd &= imm64, through a scratch register when it does not fit an imm32. */
static void emit_and_imm(X86Ctx *c, int rd, uint64_t imm, bool w)
{
    if (!w || x86_fits_i32((int64_t)imm)) {
        x86_emit_alu_ri(&c->buf, X86_ALU_AND, rd, (int32_t)(uint32_t)imm, w);
        return;
    }
    int t = x86_ra_scratch(c, X86_RS_ALL);
    x86_emit_movi(&c->buf, t, imm, true, true);
    x86_emit_alu_rr(&c->buf, X86_ALU_AND, rd, t, true);
}

static void emit_or_imm(X86Ctx *c, int rd, uint64_t imm, bool w)
{
    if (!imm)
        return;
    if (!w || x86_fits_i32((int64_t)imm)) {
        x86_emit_alu_ri(&c->buf, X86_ALU_OR, rd, (int32_t)(uint32_t)imm, w);
        return;
    }
    int t = x86_ra_scratch(c, X86_RS_ALL);
    x86_emit_movi(&c->buf, t, imm, true, true);
    x86_emit_alu_rr(&c->buf, X86_ALU_OR, rd, t, true);
}

/* t = (b's low len bits) << pos, all other bits zero. */
static int gen_deposit_field(X86Ctx *c, int rb, unsigned pos, unsigned len, bool w)
{
    unsigned width = w ? 64 : 32;
    X86Buf *b = &c->buf;
    int t = x86_ra_scratch(c, X86_RS_ALL);
    x86_emit_mov_rr(b, t, rb, w);
    if (pos + len == width) {
        if (pos)
            x86_emit_shift_ri(b, X86_SH_SHL, t, pos, w);
    } else if (len <= 31) {
        x86_emit_alu_ri(b, X86_ALU_AND, t, (int32_t)low_mask(len), false);
        if (pos)
            x86_emit_shift_ri(b, X86_SH_SHL, t, pos, w);
    } else {
        x86_emit_shift_ri(b, X86_SH_SHL, t, width - len, w);
        x86_emit_shift_ri(b, X86_SH_SHR, t, width - len - pos, w);
    }
    return t;
}

void x86_lower_deposit(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    unsigned pos = (unsigned)ir_carg(op, 0), len = (unsigned)ir_carg(op, 1);
    unsigned width = w ? 64 : 32;
    IrTemp d = ir_out(op, 0);
    uint64_t field = low_mask(len) << pos, keep = ~field & low_mask(width), bv;
    if (len == width) {
        int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
        x86_ra_out_copy(c, d, 1, rb, X86_RS_ALL, w);
        return;
    }
    if (x86_ra_const(c, ir_in(op, 1), &bv)) {
        int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
        int rd = x86_ra_out_copy(c, d, 0, ra, X86_RS_ALL, w);
        emit_and_imm(c, rd, keep, w);
        emit_or_imm(c, rd, (bv << pos) & field, w);
        return;
    }
    int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
    int t = gen_deposit_field(c, rb, pos, len, w);
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_copy(c, d, 0, ra, X86_RS_ALL, w);
    emit_and_imm(c, rd, keep, w);
    x86_emit_alu_rr(&c->buf, X86_ALU_OR, rd, t, w);
}

/* ---- Counting ---------------------------------------------------------------- */

void x86_lower_count(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64, clz = op->opc == IR_CLZ;
    unsigned width = w ? 64 : 32;
    X86Buf *b = &c->buf;
    uint32_t feat = clz ? X86_FEAT_LZCNT : X86_FEAT_BMI1;
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    if (c->be->features & feat) {
        int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
        x86_emit_rr(b, (clz ? X86_OP_LZCNT : X86_OP_TZCNT) | wbit(w), rd, ra);
        return;
    }
    int t = x86_ra_scratch(c, X86_RS_ALL);
    int rd = x86_ra_out(c, ir_out(op, 0), X86_RS_ALL);
    /* clz = (width - 1) ^ bsr; for a zero input cmov in 2*width - 1 so that
     * the xor yields width. */
    x86_emit_rr(b, (clz ? X86_OP_BSR : X86_OP_BSF) | wbit(w), rd, ra);
    x86_emit_movi(b, t, clz ? 2 * width - 1 : width, false, false);
    x86_emit_rr(b, (X86_OP_CMOVCC + X86_CC_E) | wbit(w), rd, t);
    if (clz)
        x86_emit_alu_ri(b, X86_ALU_XOR, rd, (int32_t)(width - 1), w);
}

/* x -= (x >> 1) & 0x55..; x = (x & 0x33..) + ((x >> 2) & 0x33..);
 * x = (x + (x >> 4)) & 0x0f..; x = (x * 0x01..) >> (width - 8). */
static void emit_ctpop_swar(X86Ctx *c, int x, bool w)
{
    X86Buf *b = &c->buf;
    uint64_t rep = w ? 0x0101010101010101ull : 0x01010101ull;
    int t = x86_ra_scratch(c, X86_RS_ALL);
    int m = x86_ra_scratch(c, X86_RS_ALL);
    x86_emit_mov_rr(b, t, x, w);
    x86_emit_shift_ri(b, X86_SH_SHR, t, 1, w);
    x86_emit_movi(b, m, rep * 0x55, w, true);
    x86_emit_alu_rr(b, X86_ALU_AND, t, m, w);
    x86_emit_alu_rr(b, X86_ALU_SUB, x, t, w);
    x86_emit_mov_rr(b, t, x, w);
    x86_emit_shift_ri(b, X86_SH_SHR, t, 2, w);
    x86_emit_movi(b, m, rep * 0x33, w, true);
    x86_emit_alu_rr(b, X86_ALU_AND, t, m, w);
    x86_emit_alu_rr(b, X86_ALU_AND, x, m, w);
    x86_emit_alu_rr(b, X86_ALU_ADD, x, t, w);
    x86_emit_mov_rr(b, t, x, w);
    x86_emit_shift_ri(b, X86_SH_SHR, t, 4, w);
    x86_emit_alu_rr(b, X86_ALU_ADD, x, t, w);
    x86_emit_movi(b, m, rep * 0x0f, w, true);
    x86_emit_alu_rr(b, X86_ALU_AND, x, m, w);
    x86_emit_movi(b, m, rep, w, true);
    x86_emit_rr(b, X86_OP_IMUL_GvEv | wbit(w), x, m);
    x86_emit_shift_ri(b, X86_SH_SHR, x, w ? 56 : 24, w);
}

void x86_lower_ctpop(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    if (c->be->features & X86_FEAT_POPCNT) {
        int rd = x86_ra_out_for(c, ir_out(op, 0), 0, ra, X86_RS_ALL);
        x86_emit_rr(&c->buf, X86_OP_POPCNT | wbit(w), rd, ra);
        return;
    }
    int rd = x86_ra_out_copy(c, ir_out(op, 0), 0, ra, X86_RS_ALL, w);
    emit_ctpop_swar(c, rd, w);
}

void x86_lower_bswap(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_copy(c, ir_out(op, 0), 0, ra, X86_RS_ALL, w);
    x86_emit_bswap(&c->buf, rd, w);
}
