/* backend/x86_64/lower-alu.c — arithmetic, shifts, compares.
 *
 * x86 ALU ops are two-operand (d op= s), so each binary op is "d = copy of
 * a; d op= b", where the copy disappears when a dies here (its register is
 * taken over) and becomes a three-operand lea for additions.  Immediates
 * that fit the instruction (imm32, sign-extended for 64-bit ops) are folded.
 * Division never traps: x / 0 = 0 and INT_MIN / -1 = INT_MIN, branching
 * around div/idiv.
 *
 * An i64 add, sub, logic op, mul, negation or left shift by less than 32
 * whose result only an EXT32U right after it reads (a 32-bit guest op; see
 * feeds_ext32u) runs in 32 bits: its low word is the same, the x86 32-bit
 * form zero-extends, and the EXT32U becomes a move (lower-bits.c).
 */
#include "backend/x86_64/x86-internal.h"

static int wbit(bool w) { return w ? X86_P_W : 0; }

/* Whether op's i64 result is a block temp read only by an EXT32U right
 * after it, so that only its low 32 bits matter. */
static inline bool feeds_ext32u(const X86Ctx *c, const IrOp *op)
{
    IrTemp d = ir_out(op, 0);
    if (op->type != IR_I64 || op + 1 >= c->ops_end || op[1].opc != IR_EXT32U)
        return false;       /* the usual answer, inline */
    const IrOp *next = op + 1;
    if (ir_in(next, 0) != d || c->ts[d].kind != IR_TEMP_BLOCK ||
        !x86_ra_in_last_read(next, 0))
        return false;
    for (unsigned i = 0; i < op->nin; i++)
        if (ir_in(op, i) == d)
            return false;
    return true;
}

/* Marks d, just computed by a 32-bit x86 op, as zero-extended for the
 * EXT32U that reads it (X86TempState.addr32). */
static void mark_zext32(X86Ctx *c, IrTemp d)
{
    if (c->ts[d].loc == X86_LOC_REG)
        c->ts[d].addr32 = true;
}

void x86_lower_mov(X86Ctx *c, const IrOp *op)
{
    IrTemp d = ir_out(op, 0), a = ir_in(op, 0);
    bool w = op->type == IR_I64;
    uint64_t v;
    if (d == a)
        return;
    if (x86_ra_const(c, a, &v)) {
        if (c->ts[d].kind != IR_TEMP_GLOBAL || c->ts[d].pin != X86_NO_REG ||
            x86_ra_read_later(c, d) || !x86_ra_store_const_home(c, d, v))
            x86_ra_set_const(c, d, v);
        return;
    }
    int ra = x86_ra_in(c, a, X86_RS_ALL);
    bool reuse = x86_ra_can_reuse(c, d, 0, ra, X86_RS_ALL);
    /* (A pinned global's home is its pin: both ways are one move there.) */
    if (!reuse && c->ts[d].kind == IR_TEMP_GLOBAL && c->ts[d].pin == X86_NO_REG &&
        !x86_ra_read_later(c, d)) {
        x86_ra_store_home(c, d, ra);     /* it would be stored at the sync anyway */
        return;
    }
    int rd = reuse ? x86_ra_take(c, d, 0, ra) : x86_ra_out(c, d, X86_RS_ALL);
    x86_emit_mov_rr(&c->buf, rd, ra, w);
}

/* d = a & ~b: one andn with BMI1 (no copy of a, no NOT of a copy of b),
 * the generic expansion without.  Overflow flags of additions with a
 * constant (translate-cc.c) are one ANDC each. */
void x86_lower_andc(X86Ctx *c, const IrOp *op)
{
    if (!(c->be->features & X86_FEAT_BMI1)) {
        x86_lower_generic(c, op);
        return;
    }
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0);
    int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = c->ts[d].pin != X86_NO_REG ? x86_ra_out(c, d, X86_RS_ALL)
                                         : x86_ra_out_for(c, d, 0, ra, X86_RS_ALL);
    x86_emit_andn(&c->buf, rd, rb, ra, w);
}

/* Whether d is a pinned global whose pin is not r: a result computed in r
 * would cost a move into the pin later, one the three-operand lea does
 * not need. */
static bool pin_elsewhere(const X86Ctx *c, IrTemp d, int r)
{
    return c->ts[d].pin != X86_NO_REG && c->ts[d].pin != r;
}

/* d = a + imm or a - imm as one lea, when a must survive in its
 * register (or d's pin is another one: alu_imm decides). */
static bool try_lea_imm(X86Ctx *c, IrTemp d, X86Alu alu, int ra, int32_t imm, bool w)
{
    if (alu == X86_ALU_SUB) {
        if (imm == INT32_MIN)
            return false;
        imm = -imm;
    } else if (alu != X86_ALU_ADD) {
        return false;
    }
    int rd = x86_ra_out(c, d, X86_RS_ALL);
    x86_emit_lea(&c->buf, rd, ra, X86_NO_REG, imm, w);
    return true;
}

/* d = a + b as a 32-bit guest address for the next op (x86_feeds_addr32):
 * one lea with a 32-bit destination adds and zero-extends at once. */
static void addr_add(X86Ctx *c, const IrOp *op)
{
    IrTemp d = ir_out(op, 0);
    int32_t imm;
    unsigned ia = x86_imm_ok(c, ir_in(op, 0), true, &imm) ? 1 : 0;
    int ra, rb = X86_NO_REG;
    if (x86_imm_ok(c, ir_in(op, 1 - ia), true, &imm)) {
        ra = x86_ra_in(c, ir_in(op, ia), X86_RS_ALL);
    } else {
        imm = 0;
        rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
        ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    }
    int rd = x86_ra_out_for(c, d, ia, ra, X86_RS_ALL);
    x86_emit_lea(&c->buf, rd, ra, rb, imm, false);
    c->ts[d].addr32 = true;
}

/* d = in[ia] alu imm. */
static void alu_imm(X86Ctx *c, const IrOp *op, X86Alu alu, unsigned ia, int32_t imm, bool w)
{
    IrTemp d = ir_out(op, 0);
    int ra = x86_ra_in(c, ir_in(op, ia), X86_RS_ALL);
    bool noop = imm == 0 && alu != X86_ALU_AND;
    bool reuse = x86_ra_can_reuse(c, d, ia, ra, X86_RS_ALL);
    if (!noop && (!reuse || pin_elsewhere(c, d, ra)) && try_lea_imm(c, d, alu, ra, imm, w))
        return;
    int rd = reuse ? x86_ra_take(c, d, ia, ra) : x86_ra_out(c, d, X86_RS_ALL);
    x86_emit_mov_rr(&c->buf, rd, ra, w);
    if (!noop)
        x86_emit_alu_ri(&c->buf, alu, rd, imm, w);
}

static void gen_alu(X86Ctx *c, const IrOp *op, bool w)
{
    X86Alu alu = (X86Alu)x86_op_sub(op);
    IrTemp d = ir_out(op, 0);
    bool commutes = alu != X86_ALU_SUB;
    int32_t imm;
    if (alu == X86_ALU_ADD && w && x86_feeds_addr32(c, op)) {
        addr_add(c, op);
        return;
    }
    if (x86_imm_ok(c, ir_in(op, 1), w, &imm)) {
        alu_imm(c, op, alu, 0, imm, w);
        return;
    }
    if (commutes && x86_imm_ok(c, ir_in(op, 0), w, &imm)) {
        alu_imm(c, op, alu, 1, imm, w);
        return;
    }
    int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    bool to_pin = alu == X86_ALU_ADD && (pin_elsewhere(c, d, ra) && pin_elsewhere(c, d, rb));
    bool reuse_a = x86_ra_can_reuse(c, d, 0, ra, X86_RS_ALL) && !to_pin;
    if (!reuse_a && commutes && !to_pin && x86_ra_can_reuse(c, d, 1, rb, X86_RS_ALL)) {
        int rd = x86_ra_take(c, d, 1, rb);
        x86_emit_alu_rr(&c->buf, alu, rd, ra, w);
    } else if (!reuse_a && alu == X86_ALU_ADD) {
        int rd = x86_ra_out(c, d, X86_RS_ALL);
        x86_emit_lea(&c->buf, rd, ra, rb, 0, w);
    } else {
        int rd = reuse_a ? x86_ra_take(c, d, 0, ra) : x86_ra_out(c, d, X86_RS_ALL);
        x86_emit_mov_rr(&c->buf, rd, ra, w);
        x86_emit_alu_rr(&c->buf, alu, rd, rb, w);
    }
}

void x86_lower_alu(X86Ctx *c, const IrOp *op)
{
    if (feeds_ext32u(c, op)) {
        gen_alu(c, op, false);
        mark_zext32(c, ir_out(op, 0));
    } else {
        gen_alu(c, op, op->type == IR_I64);
    }
}

static void gen_mul(X86Ctx *c, const IrOp *op, bool w)
{
    IrTemp d = ir_out(op, 0);
    int32_t imm;
    unsigned ia = 0, ib = 1;
    if (x86_imm_ok(c, ir_in(op, 0), w, &imm)) {
        ia = 1;
        ib = 0;
    }
    if (x86_imm_ok(c, ir_in(op, ib), w, &imm)) {
        int ra = x86_ra_in(c, ir_in(op, ia), X86_RS_ALL);
        int rd = x86_ra_out_for(c, d, ia, ra, X86_RS_ALL);
        if (x86_fits_i8(imm)) {
            x86_emit_rr(&c->buf, X86_OP_IMUL_GvEvIb | wbit(w), rd, ra);
            x86_emit8(&c->buf, (uint8_t)imm);
        } else {
            x86_emit_rr(&c->buf, X86_OP_IMUL_GvEvIz | wbit(w), rd, ra);
            x86_emit32(&c->buf, (uint32_t)imm);
        }
        return;
    }
    int rb = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    bool reuse_a = x86_ra_can_reuse(c, d, 0, ra, X86_RS_ALL);
    if (!reuse_a && x86_ra_can_reuse(c, d, 1, rb, X86_RS_ALL)) {
        int rd = x86_ra_take(c, d, 1, rb);
        x86_emit_rr(&c->buf, X86_OP_IMUL_GvEv | wbit(w), rd, ra);
        return;
    }
    int rd = reuse_a ? x86_ra_take(c, d, 0, ra) : x86_ra_out(c, d, X86_RS_ALL);
    x86_emit_mov_rr(&c->buf, rd, ra, w);
    x86_emit_rr(&c->buf, X86_OP_IMUL_GvEv | wbit(w), rd, rb);
}

void x86_lower_mul(X86Ctx *c, const IrOp *op)
{
    if (feeds_ext32u(c, op)) {
        gen_mul(c, op, false);
        mark_zext32(c, ir_out(op, 0));
    } else {
        gen_mul(c, op, op->type == IR_I64);
    }
}

#define RS_NOT_AX_DX (X86_RS_ALL & ~X86_RS(X86_RAX) & ~X86_RS(X86_RDX))

/* rax = a; b in a register other than rax/rdx; both fixed registers
 * claimed for the op. */
static int setup_rax_rdx(X86Ctx *c, const IrOp *op, bool w)
{
    x86_ra_claim(c, X86_RAX);
    x86_ra_claim(c, X86_RDX);
    int rb = x86_ra_in(c, ir_in(op, 1), RS_NOT_AX_DX);
    uint64_t v;
    if (x86_ra_const(c, ir_in(op, 0), &v)) {
        x86_emit_movi(&c->buf, X86_RAX, v, w, true);
    } else {
        int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
        x86_emit_mov_rr(&c->buf, X86_RAX, ra, w);
    }
    return rb;
}

void x86_lower_mulh(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    int rb = setup_rax_rdx(c, op, w);
    x86_emit_grp3(&c->buf, (X86Grp3)x86_op_sub(op), rb, w);
    x86_ra_bind(c, ir_out(op, 0), X86_RDX);
}

void x86_lower_div(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    bool sign = x86_op_sub(op) == X86_G3_IDIV;
    X86Buf *b = &c->buf;
    int rb = setup_rax_rdx(c, op, w);
    x86_emit_rr(b, X86_OP_TEST_EvGv | wbit(w), rb, rb);
    uint32_t to_zero = x86_emit_jcc8(b, X86_CC_E);
    uint32_t to_done1 = UINT32_MAX;
    if (sign) {
        /* x / -1 = -x, which also gives INT_MIN / -1 = INT_MIN. */
        x86_emit_alu_ri(b, X86_ALU_CMP, rb, -1, w);
        uint32_t to_div = x86_emit_jcc8(b, X86_CC_NE);
        x86_emit_grp3(b, X86_G3_NEG, X86_RAX, w);
        to_done1 = x86_emit_jmp8(b);
        x86_patch_rel8(b, to_div);
        if (w)
            x86_emit8(b, 0x48);
        x86_emit8(b, 0x99);                    /* cqo / cdq */
    } else {
        x86_emit_alu_rr(b, X86_ALU_XOR, X86_RDX, X86_RDX, false);
    }
    x86_emit_grp3(b, sign ? X86_G3_IDIV : X86_G3_DIV, rb, w);
    uint32_t to_done2 = x86_emit_jmp8(b);
    x86_patch_rel8(b, to_zero);
    x86_emit_alu_rr(b, X86_ALU_XOR, X86_RAX, X86_RAX, false);
    if (sign)
        x86_patch_rel8(b, to_done1);
    x86_patch_rel8(b, to_done2);
    x86_ra_bind(c, ir_out(op, 0), X86_RAX);
}

void x86_lower_shift(X86Ctx *c, const IrOp *op)
{
    X86Shift sh = (X86Shift)x86_op_sub(op);
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0);
    uint64_t v;
    if (x86_ra_const(c, ir_in(op, 1), &v)) {
        unsigned n = (unsigned)v & (w ? 63 : 31);
        bool low = sh == X86_SH_SHL && n < 32 && feeds_ext32u(c, op);
        w = w && !low;
        int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
        int rd = x86_ra_out_copy(c, d, 0, ra, X86_RS_ALL, w);
        if (n)
            x86_emit_shift_ri(&c->buf, sh, rd, n, w);
        if (low)
            mark_zext32(c, d);
        return;
    }
    if ((c->be->features & X86_FEAT_BMI2) && sh != X86_SH_ROR) {
        /* Three operands, any registers: no rcx shuffle, no copy. */
        int rn = x86_ra_in(c, ir_in(op, 1), X86_RS_ALL);
        int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
        int rd = x86_ra_out_for(c, d, 0, ra, X86_RS_ALL);
        x86_emit_shiftx(&c->buf, sh, rd, ra, rn, w);
        return;
    }
    const X86RegSet not_cx = X86_RS_ALL & ~X86_RS(X86_RCX);
    x86_ra_in(c, ir_in(op, 1), X86_RS(X86_RCX));
    int ra = x86_ra_in(c, ir_in(op, 0), not_cx);
    int rd = x86_ra_out_copy(c, d, 0, ra, not_cx, w);
    x86_emit_shift_cl(&c->buf, sh, rd, w);
}

void x86_lower_unary(X86Ctx *c, const IrOp *op)
{
    bool low = feeds_ext32u(c, op);
    bool w = op->type == IR_I64 && !low;
    int ra = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    int rd = x86_ra_out_copy(c, ir_out(op, 0), 0, ra, X86_RS_ALL, w);
    x86_emit_grp3(&c->buf, (X86Grp3)x86_op_sub(op), rd, w);
    if (low)
        mark_zext32(c, ir_out(op, 0));
}

/* ---- Comparisons ------------------------------------------------------------ */

/* Puts a constant first operand second (swapping the condition).  Returns
 * false when both are constants; *res then has the answer. */
typedef struct CmpOps {
    IrTemp a, b;
    IrCond cond;
    bool folded, result;
} CmpOps;

static CmpOps cmp_ops(const X86Ctx *c, IrTemp a, IrTemp b, IrCond cond, IrType t)
{
    CmpOps r = { a, b, cond, false, false };
    uint64_t va, vb;
    bool ca = x86_ra_const(c, a, &va), cb = x86_ra_const(c, b, &vb);
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        r.folded = true;
        r.result = cond == IR_COND_ALWAYS;
    } else if (ca && cb) {
        r.folded = true;
        r.result = ir_cond_eval(cond, t, va, vb);
    } else if (ca) {
        r.a = b;
        r.b = a;
        r.cond = ir_cond_swap(cond);
    }
    return r;
}

void x86_lower_setcond(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0);
    CmpOps k = cmp_ops(c, ir_in(op, 0), ir_in(op, 1), (IrCond)ir_carg(op, 0), (IrType)op->type);
    if (k.folded) {
        x86_ra_set_const(c, d, k.result);
        return;
    }
    int ra = x86_ra_in(c, k.a, X86_RS_ALL);
    X86Opnd b = x86_opnd(c, k.b, w);
    int rd = x86_ra_out(c, d, X86_RS_ALL);
    x86_emit_alu_rr(&c->buf, X86_ALU_XOR, rd, rd, false);
    X86Cond cc = x86_gen_compare(c, k.cond, ra, b, w);
    x86_emit_rr(&c->buf, X86_OP_SETCC + cc, 0, rd);
}

/* d = v, for the folded movcond. */
static void movcond_pick(X86Ctx *c, const IrOp *op, unsigned i)
{
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0), v = ir_in(op, i);
    uint64_t cv;
    if (v == d)
        return;
    if (x86_ra_const(c, v, &cv)) {
        x86_ra_set_const(c, d, cv);
        return;
    }
    int rv = x86_ra_in(c, v, X86_RS_ALL);
    x86_ra_out_copy(c, d, i, rv, X86_RS_ALL, w);
}

void x86_lower_movcond(X86Ctx *c, const IrOp *op)
{
    bool w = op->type == IR_I64;
    IrTemp d = ir_out(op, 0);
    CmpOps k = cmp_ops(c, ir_in(op, 0), ir_in(op, 1), (IrCond)ir_carg(op, 0), (IrType)op->type);
    if (k.folded) {
        movcond_pick(c, op, k.result ? 2 : 3);
        return;
    }
    /* Everything in registers before the compare: no flag-clobbering
     * constant materialization after it. */
    int r1 = x86_ra_in(c, ir_in(op, 2), X86_RS_ALL);
    int r2 = x86_ra_in(c, ir_in(op, 3), X86_RS_ALL);
    int ra = x86_ra_in(c, k.a, X86_RS_ALL);
    X86Opnd b = x86_opnd(c, k.b, w);
    X86Cond cc = x86_gen_compare(c, k.cond, ra, b, w);
    int rd = x86_ra_out_for(c, d, 3, r2, X86_RS_ALL);
    x86_emit_mov_rr(&c->buf, rd, r2, w);
    x86_emit_rr(&c->buf, (X86_OP_CMOVCC + cc) | wbit(w), rd, r1);
}
