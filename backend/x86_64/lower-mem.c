/* backend/x86_64/lower-mem.c — CPU-state and guest-memory accesses.
 *
 * Guest addresses (linux-user): host = guest_base + (addr & mask).  With
 * addr_bits == 32 the mask is a 32-bit mov (zero-extends) into a scratch
 * register, which then often becomes the load's destination; the base is
 * nothing, a disp32, or r15.  Every guest access may fault, so dirty globals
 * are written back first (and stay cached).  Big-endian memops swap bytes
 * in a register; sign extension happens after the swap.  x86 is TSO: only a
 * full barrier (which orders stores before later loads) needs mfence.
 * Alignment requirements in a memop are not checked (x86 does not trap).
 * An address computed by an ADD just before is already truncated and
 * zero-extended (X86TempState.addr32) and serves as the index as it is.
 */
#include "backend/x86_64/x86-internal.h"

static int wbit(bool w) { return w ? X86_P_W : 0; }

typedef struct X86Addr {
    int base, index;
    int32_t disp;
    int scratch;          /* locked, unowned register used for the index */
    int in_reg;           /* the address input's register */
} X86Addr;

/* The memory-op input index of the guest address, or -1. */
static int addr_input(const IrOp *op)
{
    if (op->opc == IR_LD || op->opc == IR_CMPXCHG)
        return 0;
    return op->opc == IR_ST ? 1 : -1;
}

/* Asked for every i64 ADD whose next op accesses guest memory
 * (x86_feeds_addr32): the loops over inputs are only for shapes other
 * than "ld d" and "st v, d" after a two-input op. */
bool x86_feeds_addr32_slow(const X86Ctx *c, const IrOp *op)
{
    IrTemp d = ir_out(op, 0);
    if (c->be->mem.addr_bits != 32)
        return false;
    const IrOp *next = op + 1;
    int ai = addr_input(next);
    if (ai < 0 || ir_in(next, (unsigned)ai) != d || c->ts[d].kind != IR_TEMP_BLOCK ||
        !x86_ra_in_last_read(next, (unsigned)ai))
        return false;
    if (next->opc == IR_ST) {
        if (ir_in(next, 0) == d)
            return false;
    } else if (next->opc != IR_LD) {
        for (unsigned i = 0; i < next->nin; i++)
            if (i != (unsigned)ai && ir_in(next, i) == d)
                return false;
    }
    if (op->nin == 2)
        return ir_in(op, 0) != d && ir_in(op, 1) != d;
    for (unsigned i = 0; i < op->nin; i++)
        if (ir_in(op, i) == d)
            return false;
    return true;
}

void x86_emit_load_mo(X86Buf *b, IrMemOp mo, bool w, int dst, int base, int index, int32_t disp)
{
    bool sign = mo & IR_MO_SIGN;
    int opc;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:
        opc = (sign ? X86_OP_MOVSBL | wbit(w) : X86_OP_MOVZBL) & ~X86_P_BYTE_RM;
        break;
    case IR_MO_16:
        opc = sign ? X86_OP_MOVSWL | wbit(w) : X86_OP_MOVZWL;
        break;
    case IR_MO_32:
        opc = sign && w ? X86_OP_MOVSXD : X86_OP_MOV_GvEv;
        break;
    default:
        opc = X86_OP_MOV_GvEv | X86_P_W;
        break;
    }
    x86_emit_rmx(b, opc, dst, base, index, 0, disp);
}

static int store_opc(IrMemOp mo)
{
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:  return X86_OP_MOV_EbGb;
    case IR_MO_16: return X86_OP_MOV_EvGv | X86_P_66;
    case IR_MO_32: return X86_OP_MOV_EvGv;
    default:       return X86_OP_MOV_EvGv | X86_P_W;
    }
}

void x86_emit_store_mo(X86Buf *b, IrMemOp mo, int src, int base, int index, int32_t disp)
{
    x86_emit_rmx(b, store_opc(mo), src, base, index, 0, disp);
}

/* mov [mem], imm of the memop size; a 64-bit imm must fit an imm32. */
static void emit_store_imm(X86Buf *b, IrMemOp mo, uint64_t v, int base, int index, int32_t disp)
{
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:
        x86_emit_rmx(b, X86_OP_MOV_EbIb, 0, base, index, 0, disp);
        x86_emit8(b, (uint8_t)v);
        break;
    case IR_MO_16:
        x86_emit_rmx(b, X86_OP_MOV_EvIz | X86_P_66, 0, base, index, 0, disp);
        x86_emit8(b, (uint8_t)v);
        x86_emit8(b, (uint8_t)(v >> 8));
        break;
    default:
        x86_emit_rmx(b, X86_OP_MOV_EvIz | ((mo & IR_MO_SIZE) == IR_MO_64 ? X86_P_W : 0),
                     0, base, index, 0, disp);
        x86_emit32(b, (uint32_t)v);
        break;
    }
}

static bool imm_storable(IrMemOp mo, uint64_t v)
{
    return (mo & IR_MO_SIZE) != IR_MO_64 || x86_fits_i32((int64_t)v);
}

/* Reverses the low 2^size bytes of reg (upper bits: see each case). */
static void emit_swap(X86Buf *b, unsigned size, int reg)
{
    if (size == IR_MO_16) {
        x86_emit_rr(b, X86_OP_GRP2_Ib | X86_P_66, X86_SH_ROL, reg);
        x86_emit8(b, 8);
    } else if (size >= IR_MO_32) {
        x86_emit_bswap(b, reg, size == IR_MO_64);
    }
}

static uint64_t swap_const(unsigned size, uint64_t v)
{
    switch (size) {
    case IR_MO_16: return __builtin_bswap16((uint16_t)v);
    case IR_MO_32: return __builtin_bswap32((uint32_t)v);
    case IR_MO_64: return __builtin_bswap64(v);
    default:       return v & 0xff;
    }
}

static X86Addr gen_guest_addr(X86Ctx *c, IrTemp addr)
{
    const BackendMem *m = &c->be->mem;
    X86Buf *b = &c->buf;
    X86Addr a = { X86_NO_REG, X86_NO_REG, 0, X86_NO_REG, X86_NO_REG };
    int ra = x86_ra_in(c, addr, X86_RS_ALL);
    int idx = ra;
    a.in_reg = ra;
    if (m->addr_bits < 64 && !(m->addr_bits == 32 && c->ts[addr].addr32)) {
        idx = a.scratch = x86_ra_scratch(c, X86_RS_ALL);
        if (m->addr_bits <= 32) {
            x86_emit_rr(b, X86_OP_MOV_GvEv, idx, ra);
            if (m->addr_bits < 32)
                x86_emit_alu_ri(b, X86_ALU_AND, idx, (int32_t)((1u << m->addr_bits) - 1), false);
        } else {
            x86_emit_mov_rr(b, idx, ra, true);
            x86_emit_shift_ri(b, X86_SH_SHL, idx, 64 - m->addr_bits, true);
            x86_emit_shift_ri(b, X86_SH_SHR, idx, 64 - m->addr_bits, true);
        }
    }
    switch (c->be->base_mode) {
    case X86_BASE_NONE:
        a.base = idx;
        break;
    case X86_BASE_DISP:
        a.base = idx;
        a.disp = (int32_t)m->guest_base;
        break;
    case X86_BASE_REG:
        a.base = X86_REG_BASE;
        a.index = idx;
        break;
    }
    return a;
}

void x86_lower_ld(X86Ctx *c, const IrOp *op)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 0);
    bool w = op->type == IR_I64;
    unsigned size = mo & IR_MO_SIZE;
    x86_ra_sync_globals(c);
    X86Addr a = gen_guest_addr(c, ir_in(op, 0));
    IrTemp d = ir_out(op, 0);
    int rd;
    if (c->ts[d].pin != X86_NO_REG) {
        /* A pinned global: into its pin, not the address's register
         * and a move later. */
        rd = x86_ra_out(c, d, X86_RS_ALL);
    } else if (a.scratch != X86_NO_REG) {
        rd = a.scratch;
        x86_ra_bind(c, d, rd);
    } else {
        rd = x86_ra_out_for(c, d, 0, a.in_reg, X86_RS_ALL);
    }
    if (!(mo & IR_MO_BE) || size == IR_MO_8) {
        x86_emit_load_mo(&c->buf, mo, w, rd, a.base, a.index, a.disp);
        return;
    }
    x86_emit_load_mo(&c->buf, mo & ~(IrMemOp)IR_MO_SIGN, w, rd, a.base, a.index, a.disp);
    emit_swap(&c->buf, size, rd);
    if (mo & IR_MO_SIGN)
        x86_emit_ext_mo(&c->buf, mo, w, rd);
}

void x86_lower_st(X86Ctx *c, const IrOp *op)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 0);
    unsigned size = mo & IR_MO_SIZE;
    bool be = (mo & IR_MO_BE) && size != IR_MO_8;
    uint64_t v;
    x86_ra_sync_globals(c);
    if (x86_ra_const(c, ir_in(op, 0), &v)) {
        if (be)
            v = swap_const(size, v);
        if (imm_storable(mo, v)) {
            X86Addr a = gen_guest_addr(c, ir_in(op, 1));
            emit_store_imm(&c->buf, mo, v, a.base, a.index, a.disp);
            return;
        }
        int t = x86_ra_scratch(c, X86_RS_ALL);
        x86_emit_movi(&c->buf, t, v, true, true);
        X86Addr a = gen_guest_addr(c, ir_in(op, 1));
        x86_emit_store_mo(&c->buf, mo, t, a.base, a.index, a.disp);
        return;
    }
    int rv = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    if (be) {
        int t = x86_ra_scratch(c, X86_RS_ALL);
        x86_emit_mov_rr(&c->buf, t, rv, true);
        emit_swap(&c->buf, size, t);
        rv = t;
    }
    X86Addr a = gen_guest_addr(c, ir_in(op, 1));
    x86_emit_store_mo(&c->buf, mo, rv, a.base, a.index, a.disp);
}

static int cmpxchg_opc(unsigned size)
{
    switch (size) {
    case IR_MO_8:  return X86_OP_CMPXCHG_Eb | X86_P_LOCK;
    case IR_MO_16: return X86_OP_CMPXCHG_Ev | X86_P_66 | X86_P_LOCK;
    case IR_MO_32: return X86_OP_CMPXCHG_Ev | X86_P_LOCK;
    default:       return X86_OP_CMPXCHG_Ev | X86_P_W | X86_P_LOCK;
    }
}

/* v extended per memop to the op type, as cmpxchg compares. */
static uint64_t ext_const(IrMemOp mo, bool w, uint64_t v)
{
    unsigned bits = 8u << (mo & IR_MO_SIZE);
    if (bits < 64) {
        uint64_t m = (1ull << bits) - 1;
        v = (mo & IR_MO_SIGN) && (v & (1ull << (bits - 1))) ? v | ~m : v & m;
    }
    return w ? v : (uint32_t)v;
}

#define RS_NOT_AX (X86_RS_ALL & ~X86_RS(X86_RAX))

/* newv in a register, byte-swapped into a scratch copy for big-endian. */
static int cmpxchg_newv(X86Ctx *c, const IrOp *op, unsigned size, bool be)
{
    int rn = x86_ra_in(c, ir_in(op, 2), RS_NOT_AX);
    if (!be)
        return rn;
    int t = x86_ra_scratch(c, RS_NOT_AX);
    x86_emit_mov_rr(&c->buf, t, rn, true);
    emit_swap(&c->buf, size, t);
    return t;
}

/* rax = cmpv.  Returns the rel8 field of the "cmpv cannot match" branch
 * (UINT32_MAX if none); *never is set when that is known statically. */
static uint32_t cmpxchg_cmpv(X86Ctx *c, const IrOp *op, IrMemOp mo, bool w, bool *never)
{
    X86Buf *b = &c->buf;
    bool narrow = (8u << (mo & IR_MO_SIZE)) < (w ? 64u : 32u);
    uint64_t v;
    *never = false;
    if (x86_ra_const(c, ir_in(op, 1), &v)) {
        x86_emit_movi(b, X86_RAX, v, true, true);
        *never = ext_const(mo, w, v) != v;
        return UINT32_MAX;
    }
    int rc = x86_ra_in(c, ir_in(op, 1), RS_NOT_AX);
    x86_emit_mov_rr(b, X86_RAX, rc, true);
    if (!narrow)
        return UINT32_MAX;
    /* Compare cmpv with itself extended per memop, then restore it
     * (mov keeps the flags). */
    x86_emit_ext_mo(b, mo, w, rc);
    x86_emit_alu_rr(b, X86_ALU_CMP, rc, X86_RAX, w);
    x86_emit_mov_rr(b, rc, X86_RAX, true);
    return x86_emit_jcc8(b, X86_CC_NE);
}

/* old = *addr; if (old == cmpv) *addr = newv — lock cmpxchg with rax = cmpv.
 * The hardware compares the memop's low bytes; docs/ir.md compares the
 * extended old value with the whole cmpv, so a cmpv that is not already
 * extended per memop can never match: that path is a plain load. */
void x86_lower_cmpxchg(X86Ctx *c, const IrOp *op)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 0);
    unsigned size = mo & IR_MO_SIZE;
    bool w = op->type == IR_I64, be = (mo & IR_MO_BE) && size != IR_MO_8, never;
    X86Buf *b = &c->buf;
    x86_ra_sync_globals(c);
    x86_ra_claim(c, X86_RAX);
    int rn = cmpxchg_newv(c, op, size, be);
    X86Addr a = gen_guest_addr(c, ir_in(op, 0));
    uint32_t to_load = cmpxchg_cmpv(c, op, mo, w, &never), to_done = UINT32_MAX;
    if (!never) {
        if (be)
            emit_swap(b, size, X86_RAX);
        x86_emit_rmx(b, cmpxchg_opc(size), rn, a.base, a.index, 0, a.disp);
        if (to_load != UINT32_MAX)
            to_done = x86_emit_jmp8(b);
    }
    if (to_load != UINT32_MAX)
        x86_patch_rel8(b, to_load);
    if (never || to_load != UINT32_MAX)
        x86_emit_load_mo(b, mo & IR_MO_SIZE, true, X86_RAX, a.base, a.index, a.disp);
    if (to_done != UINT32_MAX)
        x86_patch_rel8(b, to_done);
    if (be)
        emit_swap(b, size, X86_RAX);
    if (size != IR_MO_64)
        x86_emit_ext_mo(b, mo, w, X86_RAX);
    x86_ra_bind(c, ir_out(op, 0), X86_RAX);
}

void x86_lower_mb(X86Ctx *c, const IrOp *op)
{
    if ((ir_carg(op, 0) & IR_MB_ALL) == IR_MB_ALL)
        x86_emit_mfence(&c->buf);
}

/* "ld_env t, off; brcond t, imm" (the exit-request check at every TB
 * entry) becomes "cmp [env + off], imm; jcc": the field must be read at its
 * full width, t must be a block temp that dies in the brcond. */
bool x86_ld_env_fuses(const X86Ctx *c, const IrOp *op)
{
    const IrFunc *f = c->f;
    IrMemOp mo = (IrMemOp)ir_carg(op, 1);
    IrTemp d = ir_out(op, 0);
    int32_t imm;
    if (op + 1 >= c->ops_end)
        return false;
    const IrOp *next = op + 1;
    unsigned full = op->type == IR_I64 ? IR_MO_64 : IR_MO_32;
    return next->opc == IR_BRCOND && ir_in(next, 0) == d && ir_in(next, 1) != d &&
           (next->dead_in & 1) && ir_temp_kind(f, d) == IR_TEMP_BLOCK &&
           (mo & (IR_MO_SIZE | IR_MO_BE)) == full &&
           x86_imm_ok(c, ir_in(next, 1), op->type == IR_I64, &imm);
}

void x86_lower_ld_env(X86Ctx *c, const IrOp *op)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 1);
    int32_t off = (int32_t)ir_carg(op, 0);
    if (x86_ld_env_fuses(c, op)) {
        c->fused_ld_env = op;
        return;
    }
    int rd = x86_ra_out(c, ir_out(op, 0), X86_RS_ALL);
    x86_emit_load_mo(&c->buf, mo, op->type == IR_I64, rd, X86_REG_ENV, X86_NO_REG, off);
}

void x86_lower_st_env(X86Ctx *c, const IrOp *op)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 1);
    int32_t off = (int32_t)ir_carg(op, 0);
    uint64_t v;
    if (x86_ra_const(c, ir_in(op, 0), &v) && imm_storable(mo, v)) {
        emit_store_imm(&c->buf, mo, v, X86_REG_ENV, X86_NO_REG, off);
        return;
    }
    int rv = x86_ra_in(c, ir_in(op, 0), X86_RS_ALL);
    x86_emit_store_mo(&c->buf, mo, rv, X86_REG_ENV, X86_NO_REG, off);
}
