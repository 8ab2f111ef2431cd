/* frontend/aarch64/translate-ldst-atomic.c — A64 exclusive, ordered and
 * atomic accesses: LDXR/STXR (and acquire/release, pair forms), LDAR/STLR,
 * LDLAR/STLLR, CAS/CASP, the LSE atomic memory operations and LDAPR.
 *
 * The exclusive monitor follows QEMU's design, which works with guest
 * threads on host threads: LDXR records the address (excl_addr) and the
 * value it read (excl_val, excl_val2 for pairs) in A64CPU; STXR succeeds iff
 * its address equals excl_addr and an IR CMPXCHG of the recorded value with
 * the new one succeeds.  An ABA change between the two (another thread
 * writes a value and then the old one back) lets the STXR succeed, which the
 * architecture forbids but no lock-free algorithm can observe as a wrong
 * result.  Every STXR clears the monitor (excl_addr = -1); CLREX does too.
 *
 * 128-bit accesses (LDXP/STXP/CASP of two X registers): the IR has no
 * 16-byte CMPXCHG, so the low doubleword is compare-exchanged first and the
 * high one second; when the high one fails the low one is put back with a
 * third CMPXCHG.  This is atomic against other 128-bit exclusives and
 * CASPs on the same location (the low doubleword acts as the lock word), but
 * a plain store to the high doubleword racing with it can be lost.  LDXP of
 * two X registers is two 64-bit loads.
 *
 * Ordering: acquire loads are followed by MB(ALL), release stores preceded
 * by MB(ALL), as QEMU does; CMPXCHG itself is a full barrier on x86-64 hosts.
 * Exclusives, ordered and atomic accesses require natural alignment (a
 * pair: the pair's size), which the memop's alignment field carries; as
 * not every backend enforces that field, gen_check_align() tests the
 * address explicitly first and leaves the TB with a data abort (syndrome
 * A64_SYNDROME_ALIGN, fault_addr = the address) at the instruction, which
 * linux-user delivers as SIGBUS BUS_ADRALN as Linux does.
 *
 * Temps that must live across the labels of a loop or an if are TB-locals.
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/a64-decode.h"

static const int32_t excl_addr_ofs = offsetof(A64CPU, excl_addr);
static const int32_t excl_val_ofs = offsetof(A64CPU, excl_val);
static const int32_t excl_val2_ofs = offsetof(A64CPU, excl_val2);
static const int32_t excl_size_ofs = offsetof(A64CPU, excl_size);

static IrMemOp aligned_memop(unsigned size)
{
    return (size & IR_MO_SIZE) | size << IR_MO_ALIGN_SHIFT;
}

/* The first doubleword of a 16-byte-aligned pair. */
static IrMemOp pair128_memop(void)
{
    return IR_MO_64 | 4u << IR_MO_ALIGN_SHIFT;
}

/* A TB-local copy of v. */
static IrTemp gen_local(DisasContext *s, IrTemp v)
{
    IrTemp l = ir_new_local(s->f, IR_I64);
    ir_gen_mov(s->f, l, v);
    return l;
}

/* Raises an alignment data abort at this instruction unless X[rn] (or SP)
 * is aligned to 1 << align_log2 bytes; the fast path is an AND and a
 * branch.  Nothing computed before the check is used after it: callers
 * read the registers again (globals are in memory at the label), so no
 * temp or local lives across the TB exit on the slow path. */
static void gen_check_align(DisasContext *s, unsigned rn, unsigned align_log2, bool write)
{
    IrFunc *f = s->f;
    if (!align_log2)
        return;
    IrLabel l_ok = ir_new_label(f);
    IrTemp low = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_AND, low, cpu_reg_sp(s, rn), (int64_t)((1u << align_log2) - 1));
    ir_gen_brcond(f, IR_COND_EQ, low, ir_const(f, IR_I64, 0), l_ok);
    ir_gen_st_env(f, cpu_reg_sp(s, rn), (int32_t)offsetof(TernCPU, fault_addr), IR_MO_64);
    ir_gen_st_env(f, ir_const(f, IR_I32, write), (int32_t)offsetof(TernCPU, fault_write),
                  IR_MO_32);
    ir_gen_st_env(f, ir_const(f, IR_I32, A64_SYNDROME_ALIGN),
                  (int32_t)offsetof(TernCPU, syndrome), IR_MO_32);
    ir_gen_st_env(f, ir_const(f, IR_I32, TERN_EXCP_DATA_ABORT),
                  (int32_t)offsetof(TernCPU, exception), IR_MO_32);
    gen_sync_pc(s);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    ir_gen_set_label(f, l_ok);
}

/* gen_check_align, then a TB-local copy of the address. */
static IrTemp gen_checked_addr(DisasContext *s, unsigned rn, unsigned align_log2,
                               bool write)
{
    gen_check_align(s, rn, align_log2, write);
    return gen_local(s, cpu_reg_sp(s, rn));
}

/* X[r] (XZR for 31) zero-extended from 8 << size bits. */
static IrTemp gen_reg_zext(DisasContext *s, unsigned r, unsigned size)
{
    IrTemp v = ir_new_temp(s->f, IR_I64);
    if (size == 3)
        ir_gen_mov(s->f, v, cpu_reg(s, r));
    else
        ir_gen_extract(s->f, v, cpu_reg(s, r), 0, 8u << size);
    return v;
}

/* lo | hi << 32: the 64-bit image of a pair of W registers. */
static IrTemp gen_concat32(DisasContext *s, unsigned rlo, unsigned rhi)
{
    IrTemp v = ir_new_temp(s->f, IR_I64);
    ir_gen_deposit(s->f, v, cpu_reg(s, rlo), cpu_reg(s, rhi), 32, 32);
    return v;
}

static void gen_set_excl(DisasContext *s, IrTemp addr, IrTemp val, IrTemp val2,
                         unsigned size)
{
    ir_gen_st_env(s->f, addr, excl_addr_ofs, IR_MO_64);
    ir_gen_st_env(s->f, val, excl_val_ofs, IR_MO_64);
    if (val2 != IR_NO_TEMP)
        ir_gen_st_env(s->f, val2, excl_val2_ofs, IR_MO_64);
    ir_gen_st_env(s->f, ir_const(s->f, IR_I64, size), excl_size_ofs, IR_MO_64);
}

/* ---- 128-bit compare-and-swap --------------------------------------------- */

/* The pair at addr (a local): if it equals cmp_lo:cmp_hi, becomes
 * new_lo:new_hi.  Returns the old pair in two locals (see the file comment
 * for the atomicity this gives). */
static void gen_cmpxchg128(DisasContext *s, IrTemp addr, IrTemp cmp_lo,
                           IrTemp cmp_hi, IrTemp new_lo, IrTemp new_hi,
                           IrTemp *old_lo, IrTemp *old_hi)
{
    IrFunc *f = s->f;
    IrLabel l_hi = ir_new_label(f), l_done = ir_new_label(f);
    *old_lo = ir_new_local(f, IR_I64);
    *old_hi = ir_new_local(f, IR_I64);
    ir_gen_cmpxchg(f, *old_lo, addr, cmp_lo, new_lo, pair128_memop());
    ir_gen_brcond(f, IR_COND_EQ, *old_lo, cmp_lo, l_hi);
    IrTemp a8 = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_ADD, a8, addr, 8);
    ir_gen_ld(f, *old_hi, a8, IR_MO_64);
    ir_gen_br(f, l_done);

    ir_gen_set_label(f, l_hi);
    a8 = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_ADD, a8, addr, 8);
    ir_gen_cmpxchg(f, *old_hi, a8, cmp_hi, new_hi, IR_MO_64);
    ir_gen_brcond(f, IR_COND_EQ, *old_hi, cmp_hi, l_done);
    IrTemp undo = ir_new_temp(f, IR_I64);
    ir_gen_cmpxchg(f, undo, addr, new_lo, *old_lo, IR_MO_64);
    ir_gen_set_label(f, l_done);
}

/* ---- Exclusives --------------------------------------------------------------- */

/* LDXR/LDAXR (B/H/W/X). */
bool trans_LDXR(DisasContext *s, arg_LDXR *a)
{
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, false);
    IrTemp v = ir_new_temp(s->f, IR_I64);
    ir_gen_ld(s->f, v, addr, aligned_memop(a->size));
    gen_set_excl(s, addr, v, IR_NO_TEMP, a->size);
    if (a->o0)
        ir_gen_mb(s->f, IR_MB_ALL);
    write_reg(s, a->Rt, v, true);
    return true;
}

/* LDXP/LDAXP: two W registers as one 64-bit access, or two X registers. */
bool trans_LDXP(DisasContext *s, arg_LDXP *a)
{
    IrFunc *f = s->f;
    IrTemp addr = gen_checked_addr(s, a->Rn, a->sz ? 4 : 3, false);
    IrTemp lo = ir_new_temp(f, IR_I64), hi = ir_new_temp(f, IR_I64);
    if (a->sz) {
        ir_gen_ld(f, lo, addr, pair128_memop());
        IrTemp a8 = ir_new_temp(f, IR_I64);
        ir_gen_binopi(f, IR_ADD, a8, addr, 8);
        ir_gen_ld(f, hi, a8, IR_MO_64);
        gen_set_excl(s, addr, lo, hi, 4);
    } else {
        IrTemp both = ir_new_temp(f, IR_I64);
        ir_gen_ld(f, both, addr, aligned_memop(3));
        gen_set_excl(s, addr, both, IR_NO_TEMP, 3);
        ir_gen_extract(f, lo, both, 0, 32);
        ir_gen_extract(f, hi, both, 32, 32);
    }
    if (a->o0)
        ir_gen_mb(f, IR_MB_ALL);
    write_reg(s, a->Rt, lo, true);
    write_reg(s, a->Rt2, hi, true);
    return true;
}

/* The common tail of STXR/STXP: Ws = status (0 stored, 1 failed), monitor
 * cleared. */
static void gen_excl_finish(DisasContext *s, unsigned rs, IrTemp status)
{
    write_reg(s, rs, status, false);
    ir_gen_st_env(s->f, ir_const(s->f, IR_I64, UINT64_MAX), excl_addr_ofs, IR_MO_64);
}

/* Store exclusive of a value of up to 64 bits (STXR, STXP of two W); the
 * caller has checked the alignment. */
static void gen_store_excl64(DisasContext *s, unsigned rs, unsigned rn,
                             IrTemp newv, unsigned size, bool release)
{
    IrFunc *f = s->f;
    if (release)
        ir_gen_mb(f, IR_MB_ALL);
    IrTemp addr = gen_local(s, cpu_reg_sp(s, rn));
    IrTemp nv = gen_local(s, newv);
    IrTemp status = ir_new_local(f, IR_I64);
    IrLabel l_fail = ir_new_label(f), l_done = ir_new_label(f);
    IrTemp ea = ir_new_temp(f, IR_I64);
    ir_gen_ld_env(f, ea, excl_addr_ofs, IR_MO_64);
    ir_gen_brcond(f, IR_COND_NE, addr, ea, l_fail);

    IrTemp ev = ir_new_temp(f, IR_I64), old = ir_new_temp(f, IR_I64);
    ir_gen_ld_env(f, ev, excl_val_ofs, IR_MO_64);
    ir_gen_cmpxchg(f, old, addr, ev, nv, aligned_memop(size));
    ir_gen_setcond(f, IR_COND_NE, status, old, ev);
    ir_gen_br(f, l_done);

    ir_gen_set_label(f, l_fail);
    ir_gen_mov(f, status, ir_const(f, IR_I64, 1));
    ir_gen_set_label(f, l_done);
    gen_excl_finish(s, rs, status);
}

/* STXR/STLXR (B/H/W/X). */
bool trans_STXR(DisasContext *s, arg_STXR *a)
{
    gen_check_align(s, a->Rn, a->size, true);
    gen_store_excl64(s, a->Rs, a->Rn, gen_reg_zext(s, a->Rt, a->size), a->size, a->o0);
    return true;
}

/* STXP/STLXP of two X registers: 128-bit, see the file comment. */
static void gen_store_excl128(DisasContext *s, arg_STXP *a)
{
    IrFunc *f = s->f;
    IrTemp addr = gen_checked_addr(s, a->Rn, 4, true);
    if (a->o0)
        ir_gen_mb(f, IR_MB_ALL);
    IrTemp nlo = gen_local(s, cpu_reg(s, a->Rt));
    IrTemp nhi = gen_local(s, cpu_reg(s, a->Rt2));
    IrTemp status = ir_new_local(f, IR_I64);
    ir_gen_mov(f, status, ir_const(f, IR_I64, 1));
    IrLabel l_done = ir_new_label(f);
    IrTemp ea = ir_new_temp(f, IR_I64);
    ir_gen_ld_env(f, ea, excl_addr_ofs, IR_MO_64);
    ir_gen_brcond(f, IR_COND_NE, addr, ea, l_done);

    IrTemp elo = ir_new_local(f, IR_I64), ehi = ir_new_local(f, IR_I64);
    ir_gen_ld_env(f, elo, excl_val_ofs, IR_MO_64);
    ir_gen_ld_env(f, ehi, excl_val2_ofs, IR_MO_64);
    IrTemp olo, ohi;
    gen_cmpxchg128(s, addr, elo, ehi, nlo, nhi, &olo, &ohi);
    IrTemp x = ir_new_temp(f, IR_I64), y = ir_new_temp(f, IR_I64);
    ir_gen_binop(f, IR_XOR, x, olo, elo);
    ir_gen_binop(f, IR_XOR, y, ohi, ehi);
    ir_gen_binop(f, IR_OR, x, x, y);
    ir_gen_setcond(f, IR_COND_NE, status, x, ir_const(f, IR_I64, 0));
    ir_gen_set_label(f, l_done);
    gen_excl_finish(s, a->Rs, status);
}

bool trans_STXP(DisasContext *s, arg_STXP *a)
{
    if (a->sz) {
        gen_store_excl128(s, a);
        return true;
    }
    gen_check_align(s, a->Rn, 3, true);
    gen_store_excl64(s, a->Rs, a->Rn, gen_concat32(s, a->Rt, a->Rt2), 3, a->o0);
    return true;
}

/* ---- Ordered ------------------------------------------------------------------ */

/* LDAR/LDLAR (B/H/W/X). */
bool trans_LDAR(DisasContext *s, arg_LDAR *a)
{
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, false);
    IrTemp v = ir_new_temp(s->f, IR_I64);
    ir_gen_ld(s->f, v, addr, aligned_memop(a->size));
    ir_gen_mb(s->f, IR_MB_ALL);
    write_reg(s, a->Rt, v, true);
    return true;
}

/* STLR/STLLR (B/H/W/X). */
bool trans_STLR(DisasContext *s, arg_STLR *a)
{
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, true);
    ir_gen_mb(s->f, IR_MB_ALL);
    ir_gen_st(s->f, cpu_reg(s, a->Rt), addr, aligned_memop(a->size));
    return true;
}

/* ---- Compare and swap (LSE) ---------------------------------------------------- */

/* CAS/CASA/CASL/CASAL (B/H/W/X): Rs = old; stored Rt when old == Rs. */
bool trans_CAS(DisasContext *s, arg_CAS *a)
{
    IrFunc *f = s->f;
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, true);
    if (a->o0)
        ir_gen_mb(f, IR_MB_ALL);
    IrTemp old = ir_new_temp(f, IR_I64);
    ir_gen_cmpxchg(f, old, addr, gen_reg_zext(s, a->Rs, a->size),
                   cpu_reg(s, a->Rt), aligned_memop(a->size));
    if (a->L)
        ir_gen_mb(f, IR_MB_ALL);
    write_reg(s, a->Rs, old, true);
    return true;
}

/* CASP and variants: the register pairs Rs:Rs+1, Rt:Rt+1 (even numbers). */
bool trans_CASP(DisasContext *s, arg_CASP *a)
{
    IrFunc *f = s->f;
    if ((a->Rs & 1) || (a->Rt & 1))
        return false;
    IrTemp addr = gen_checked_addr(s, a->Rn, a->sz ? 4 : 3, true);
    if (a->o0)
        ir_gen_mb(f, IR_MB_ALL);
    if (!a->sz) {
        IrTemp old = ir_new_temp(f, IR_I64), lo = ir_new_temp(f, IR_I64);
        ir_gen_cmpxchg(f, old, addr, gen_concat32(s, a->Rs, a->Rs + 1),
                       gen_concat32(s, a->Rt, a->Rt + 1), aligned_memop(3));
        ir_gen_extract(f, lo, old, 0, 32);
        ir_gen_extract(f, old, old, 32, 32);
        write_reg(s, a->Rs, lo, true);
        write_reg(s, a->Rs + 1, old, true);
    } else {
        IrTemp olo, ohi;
        gen_cmpxchg128(s, addr,
                       gen_local(s, cpu_reg(s, a->Rs)), gen_local(s, cpu_reg(s, a->Rs + 1)),
                       gen_local(s, cpu_reg(s, a->Rt)), gen_local(s, cpu_reg(s, a->Rt + 1)),
                       &olo, &ohi);
        write_reg(s, a->Rs, olo, true);
        write_reg(s, a->Rs + 1, ohi, true);
    }
    if (a->L)
        ir_gen_mb(f, IR_MB_ALL);
    return true;
}

/* ---- Atomic memory operations (LSE) --------------------------------------------- */

/* new = op(old, val) for o3:opc of LDADD..LDUMIN and SWP; old and val are
 * zero-extended from 8 << size bits. */
static void gen_atomic_op(DisasContext *s, unsigned op, unsigned size,
                          IrTemp d, IrTemp old, IrTemp val)
{
    static const IrCond minmax[4] = { IR_COND_GT, IR_COND_LT, IR_COND_GTU, IR_COND_LTU };
    IrFunc *f = s->f;
    switch (op) {
    case 0: ir_gen_binop(f, IR_ADD, d, old, val); return;
    case 1: ir_gen_binop(f, IR_ANDC, d, old, val); return;
    case 2: ir_gen_binop(f, IR_XOR, d, old, val); return;
    case 3: ir_gen_binop(f, IR_OR, d, old, val); return;
    case 8: ir_gen_mov(f, d, val); return;
    default: break;
    }
    IrTemp a = old, b = val;
    if (op < 6 && size < 3) {
        a = ir_new_temp(f, IR_I64);
        b = ir_new_temp(f, IR_I64);
        ir_gen_sextract(f, a, old, 0, 8u << size);
        ir_gen_sextract(f, b, val, 0, 8u << size);
    }
    ir_gen_movcond(f, minmax[op - 4], d, a, b, old, val);
}

/* LDAPR (RCpc): an acquire load. */
static bool gen_ldapr(DisasContext *s, arg_LDST_atomic *a)
{
    if (a->Rs != 31 || !a->A || a->R)
        return false;
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, false);
    IrTemp v = ir_new_temp(s->f, IR_I64);
    ir_gen_ld(s->f, v, addr, aligned_memop(a->size));
    ir_gen_mb(s->f, IR_MB_ALL);
    write_reg(s, a->Rt, v, true);
    return true;
}

/* LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN, SWP (all
 * sizes, acquire A, release R): a load / compute / CMPXCHG retry loop.
 * Rt = the old value, zero-extended. */
bool trans_LDST_atomic(DisasContext *s, arg_LDST_atomic *a)
{
    unsigned op = a->o3 << 3 | a->opc;
    if (a->V)
        return false;
    if (op == 12)
        return gen_ldapr(s, a);
    if (op > 8)
        return false;
    IrFunc *f = s->f;
    IrMemOp mo = aligned_memop(a->size);
    IrTemp addr = gen_checked_addr(s, a->Rn, a->size, true);
    if (a->R)
        ir_gen_mb(f, IR_MB_ALL);
    IrTemp val = gen_local(s, gen_reg_zext(s, a->Rs, a->size));
    IrTemp old = ir_new_local(f, IR_I64);
    IrLabel l_retry = ir_new_label(f);
    ir_gen_set_label(f, l_retry);
    ir_gen_ld(f, old, addr, mo);
    IrTemp nv = ir_new_temp(f, IR_I64), seen = ir_new_temp(f, IR_I64);
    gen_atomic_op(s, op, a->size, nv, old, val);
    ir_gen_cmpxchg(f, seen, addr, old, nv, mo);
    ir_gen_brcond(f, IR_COND_NE, seen, old, l_retry);
    if (a->A)
        ir_gen_mb(f, IR_MB_ALL);
    write_reg(s, a->Rt, old, true);
    return true;
}
