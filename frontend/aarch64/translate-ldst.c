/* frontend/aarch64/translate-ldst.c — A64 "Loads and Stores": single
 * registers and pairs (general-purpose and FP/SIMD), literals, and the
 * AdvSIMD structure loads and stores.  Exclusives, ordered and atomic
 * accesses are in translate-ldst-atomic.c.
 *
 * Invariants:
 *   - Guest memory is reached only through IR LD/ST (addresses i64 guest
 *     virtual); the backend adds the guest base.
 *   - Precise faults: every load of an instruction is done into temps before
 *     any register is written, and base writeback comes last, so a faulting
 *     access leaves the guest registers as they were.
 *   - CONSTRAINED UNPREDICTABLE cases are resolved as QEMU does: a load with
 *     writeback and Rt == Rn ends with Rn = the written-back address; a store
 *     with writeback and Rt == Rn stores the old Rn; LDP with Rt == Rt2 leaves
 *     the second value.
 *   - Normal accesses have no alignment requirement (SCTLR_EL1.A = 0 at EL0).
 */
#include "frontend/aarch64/translate-ldst.h"

#include "frontend/aarch64/a64-decode.h"

/* ---- Vector registers ------------------------------------------------------ */

IrTemp gen_vec_read(DisasContext *s, unsigned reg, unsigned half)
{
    IrTemp t = ir_new_temp(s->f, IR_I64);
    ir_gen_ld_env(s->f, t, vec_ofs(reg, half), IR_MO_64);
    return t;
}

void gen_vec_write(DisasContext *s, unsigned reg, unsigned half, IrTemp v)
{
    ir_gen_st_env(s->f, v, vec_ofs(reg, half), IR_MO_64);
}

void gen_vec_write2(DisasContext *s, unsigned reg, IrTemp lo, IrTemp hi)
{
    gen_vec_write(s, reg, 0, lo);
    gen_vec_write(s, reg, 1, hi == IR_NO_TEMP ? ir_const(s->f, IR_I64, 0) : hi);
}

/* ---- Access kinds ------------------------------------------------------------ */

/* What one register's access does, decoded from (size, V, opc). */
typedef struct LdstKind {
    unsigned size;      /* log2 bytes: 0..3, 4 for a Q register */
    bool load;
    bool sign;          /* general-purpose loads: sign-extend the value */
    bool sf;            /* general-purpose loads: the target is X, not W */
    bool vec;           /* B/H/S/D/Q register */
    bool prefetch;      /* PRFM/PRFUM: no access at all */
} LdstKind;

/* Arm ARM "Load/store register" size:opc table.  Returns false for
 * unallocated combinations.  Prefetch is allowed only where the caller
 * passes allow_prfm (unsigned offset, register offset, unscaled). */
static bool ldst_kind(unsigned size, unsigned v, unsigned opc, bool allow_prfm,
                      LdstKind *k)
{
    *k = (LdstKind){ .size = size, .load = opc != 0, .sf = size == 3 };
    if (v) {
        k->vec = true;
        k->load = opc & 1;
        if (opc & 2) {
            if (size != 0)
                return false;
            k->size = 4;
        }
        return true;
    }
    if (opc < 2)
        return true;
    if (size == 3) {
        k->prefetch = true;
        return opc == 2 && allow_prfm;
    }
    if (opc == 3 && size == 2)
        return false;
    k->sign = true;
    k->sf = opc == 2;
    return true;
}

static IrMemOp kind_memop(const LdstKind *k)
{
    return (k->size > 3 ? IR_MO_64 : k->size) | (k->sign ? IR_MO_SIGN : 0);
}

/* ---- Addresses ----------------------------------------------------------------- */

/* base + imm; base itself for 0 (then possibly a global: addresses are
 * only read, and all of an insn's accesses come before its writes). */
static IrTemp gen_add(DisasContext *s, IrTemp base, int64_t imm)
{
    if (imm == 0)
        return base;
    IrTemp t = ir_new_temp(s->f, IR_I64);
    ir_gen_binopi(s->f, IR_ADD, t, base, (uint64_t)imm);
    return t;
}

/* The base register writeback of a pre/post-index access. */
typedef struct Wback {
    bool on;
    int64_t imm;
    IrTemp sum;         /* Rn + imm made before the accesses, or IR_NO_TEMP */
} Wback;

/* The address of an immediate-offset access, and its writeback plan.
 * Rn + imm is made before the accesses only when they need it (pre-index,
 * offset) or when a load overwrites Rn (rn_loaded); otherwise the
 * writeback adds to Rn afresh after them (gen_writeback), which the
 * backend does in Rn's own register. */
static IrTemp gen_imm_addr(DisasContext *s, unsigned rn, int64_t imm,
                           bool post, bool wback, bool rn_loaded, Wback *wb)
{
    IrTemp base = cpu_reg_sp(s, rn);
    IrTemp sum = post && !(wback && rn_loaded) ? IR_NO_TEMP : gen_add(s, base, imm);
    *wb = (Wback){ wback && imm != 0, imm, sum };
    return post ? base : sum;
}

static const Wback no_wback = { false, 0, IR_NO_TEMP };

/* Rn = Rn + imm after the accesses.  A load that wrote Rn (CONSTRAINED
 * UNPREDICTABLE) leaves the written-back address, as QEMU does. */
static void gen_writeback(DisasContext *s, unsigned rn, const Wback *wb, bool rn_loaded)
{
    if (!wb->on)
        return;
    IrTemp v = rn_loaded ? wb->sum : gen_add(s, cpu_reg_sp(s, rn), wb->imm);
    write_reg_sp(s, rn, v, true);
}

/* Whether a general-purpose load of rt (and rt2) overwrites base rn. */
static bool loads_base(const LdstKind *k, unsigned rn, unsigned rt, unsigned rt2)
{
    return k->load && !k->vec && rn != 31 && (rt == rn || rt2 == rn);
}

/* Arm ARM ExtendReg for the register-offset forms: option 010 UXTW,
 * 011 LSL, 110 SXTW, 111 SXTX; option<1> == 0 is unallocated. */
static IrTemp gen_reg_offset_addr(DisasContext *s, unsigned rn, unsigned rm,
                                  unsigned option, unsigned shift)
{
    IrTemp off = ir_new_temp(s->f, IR_I64);
    IrTemp xm = cpu_reg(s, rm);
    if (option == 2)
        ir_gen_unop(s->f, IR_EXT32U, off, xm);
    else if (option == 6)
        ir_gen_unop(s->f, IR_EXT32S, off, xm);
    else
        ir_gen_mov(s->f, off, xm);
    if (shift)
        ir_gen_binopi(s->f, IR_SHL, off, off, shift);
    IrTemp addr = ir_new_temp(s->f, IR_I64);
    ir_gen_binop(s->f, IR_ADD, addr, cpu_reg_sp(s, rn), off);
    return addr;
}

/* ---- One register ----------------------------------------------------------- */

/* A loaded value waiting to be written to its register: lo, and hi for Q. */
typedef struct LdVal {
    IrTemp lo, hi;
} LdVal;

static LdVal gen_load_val(DisasContext *s, const LdstKind *k, IrTemp addr)
{
    LdVal v = { ir_new_temp(s->f, IR_I64), IR_NO_TEMP };
    ir_gen_ld(s->f, v.lo, addr, kind_memop(k));
    if (k->size == 4) {
        v.hi = ir_new_temp(s->f, IR_I64);
        ir_gen_ld(s->f, v.hi, gen_add(s, addr, 8), IR_MO_64);
    }
    return v;
}

static void gen_commit_val(DisasContext *s, const LdstKind *k, unsigned rt, LdVal v)
{
    if (k->vec)
        gen_vec_write2(s, rt, v.lo, v.hi);
    else
        write_reg(s, rt, v.lo, k->sf || !k->sign);
}

static void gen_store_val(DisasContext *s, const LdstKind *k, unsigned rt, IrTemp addr)
{
    if (!k->vec) {
        ir_gen_st(s->f, cpu_reg(s, rt), addr, kind_memop(k));
        return;
    }
    ir_gen_st(s->f, gen_vec_read(s, rt, 0), addr, kind_memop(k));
    if (k->size == 4)
        ir_gen_st(s->f, gen_vec_read(s, rt, 1), gen_add(s, addr, 8), IR_MO_64);
}

/* The access of one register at addr, then the writeback to Rn. */
static bool gen_ldst_one(DisasContext *s, const LdstKind *k, unsigned rt,
                         unsigned rn, IrTemp addr, const Wback *wb)
{
    if (k->prefetch)
        return true;
    if (k->load)
        gen_commit_val(s, k, rt, gen_load_val(s, k, addr));
    else
        gen_store_val(s, k, rt, addr);
    gen_writeback(s, rn, wb, loads_base(k, rn, rt, rt));
    return true;
}

/* Load/store register (unsigned immediate): LDR/STR/LDRB/.../PRFM. */
bool trans_LDST_uimm(DisasContext *s, arg_LDST_uimm *a)
{
    LdstKind k;
    if (!ldst_kind(a->size, a->V, a->opc, true, &k))
        return false;
    Wback wb;
    IrTemp addr = gen_imm_addr(s, a->Rn, a->imm12 << k.size, false, false, false, &wb);
    return gen_ldst_one(s, &k, a->Rt, a->Rn, addr, &wb);
}

/* Load/store register (unscaled immediate, post-index, unprivileged,
 * pre-index).  At EL0 the unprivileged forms are the normal accesses. */
bool trans_LDST_imm9(DisasContext *s, arg_LDST_imm9 *a)
{
    bool unscaled = a->idx == 0, unpriv = a->idx == 2;
    LdstKind k;
    if (!ldst_kind(a->size, a->V, a->opc, unscaled, &k))
        return false;
    if (unpriv && k.vec)
        return false;
    bool wback = a->idx & 1;
    Wback wb;
    IrTemp addr = gen_imm_addr(s, a->Rn, a->imm9, a->idx == 1, wback,
                               loads_base(&k, a->Rn, a->Rt, a->Rt), &wb);
    return gen_ldst_one(s, &k, a->Rt, a->Rn, addr, &wb);
}

/* Load/store register (register offset). */
bool trans_LDST_reg(DisasContext *s, arg_LDST_reg *a)
{
    LdstKind k;
    if (!(a->option & 2) || !ldst_kind(a->size, a->V, a->opc, true, &k))
        return false;
    IrTemp addr = gen_reg_offset_addr(s, a->Rn, a->Rm, a->option,
                                      a->S ? k.size : 0);
    return gen_ldst_one(s, &k, a->Rt, a->Rn, addr, &no_wback);
}

/* Load register (literal): LDR W/X, LDRSW, PRFM; LDR S/D/Q. */
bool trans_LDR_lit(DisasContext *s, arg_LDR_lit *a)
{
    LdstKind k = { .load = true };
    if (a->V) {
        if (a->opc == 3)
            return false;
        k.vec = true;
        k.size = a->opc + 2;
    } else {
        k.size = a->opc == 1 ? 3 : 2;
        k.sign = a->opc == 2;
        k.sf = a->opc != 0;
        k.prefetch = a->opc == 3;
    }
    IrTemp addr = ir_const(s->f, IR_I64, s->pc + (uint64_t)(a->imm19 * 4));
    return gen_ldst_one(s, &k, a->Rt, 0, addr, &no_wback);
}

/* ---- Pairs --------------------------------------------------------------------- */

/* Arm ARM "Load/store register pair" opc:V:L: false when unallocated
 * (including STGP and LDNP's missing signed form). */
static bool ldstp_kind(unsigned opc, unsigned v, unsigned l, unsigned idx,
                       LdstKind *k)
{
    *k = (LdstKind){ .load = l, .vec = v };
    if (opc == 3)
        return false;
    if (v) {
        k->size = opc + 2;
        return true;
    }
    if (opc == 1 && (!l || idx == 0))
        return false;
    k->size = opc == 2 ? 3 : 2;
    k->sign = opc == 1;
    k->sf = opc != 0;
    return true;
}

/* LDP/STP/LDPSW/LDNP/STNP, general-purpose and FP/SIMD. */
bool trans_LDSTP(DisasContext *s, arg_LDSTP *a)
{
    LdstKind k;
    if (!ldstp_kind(a->opc, a->V, a->L, a->idx, &k))
        return false;
    int64_t esize = 1 << k.size;
    bool wback = a->idx & 1;
    bool rn_loaded = loads_base(&k, a->Rn, a->Rt, a->Rt2);
    Wback wb;
    IrTemp addr = gen_imm_addr(s, a->Rn, a->imm7 * esize, a->idx == 1, wback, rn_loaded, &wb);
    /* The second address is computed between the two accesses, not before
     * both: then each address is read by the access right after it alone
     * (the optimizer turns addr + esize into Rn + (imm + esize)), and the
     * backend forms it directly as a 32-bit guest address. */
    if (k.load) {
        LdVal v1 = gen_load_val(s, &k, addr);
        LdVal v2 = gen_load_val(s, &k, gen_add(s, addr, esize));
        gen_commit_val(s, &k, a->Rt, v1);
        gen_commit_val(s, &k, a->Rt2, v2);
    } else {
        gen_store_val(s, &k, a->Rt, addr);
        gen_store_val(s, &k, a->Rt2, gen_add(s, addr, esize));
    }
    gen_writeback(s, a->Rn, &wb, rn_loaded);
    return true;
}

/* ---- AdvSIMD structures ------------------------------------------------------ */

/* Post-index amount: X[Rm], or the bytes transferred when Rm == 31. */
static void gen_struct_writeback(DisasContext *s, unsigned rn, unsigned rm,
                                 IrTemp base, unsigned bytes)
{
    IrTemp nb = ir_new_temp(s->f, IR_I64);
    if (rm == 31)
        ir_gen_binopi(s->f, IR_ADD, nb, base, bytes);
    else
        ir_gen_binop(s->f, IR_ADD, nb, base, cpu_reg(s, rm));
    write_reg_sp(s, rn, nb, true);
}

/* LD1/ST1 of 1-4 whole registers: memory is the registers' bytes in order,
 * so each 64-bit half is one access whatever the element size. */
static void gen_ld1_st1_regs(DisasContext *s, bool load, unsigned q,
                             unsigned rt, unsigned nregs, IrTemp base)
{
    IrTemp val[4][2];
    unsigned halves = q ? 2 : 1;
    for (unsigned r = 0; r < nregs; r++) {
        for (unsigned h = 0; h < halves; h++) {
            unsigned reg = (rt + r) % 32;
            IrTemp addr = gen_add(s, base, (r * halves + h) * 8);
            if (load) {
                val[r][h] = ir_new_temp(s->f, IR_I64);
                ir_gen_ld(s->f, val[r][h], addr, IR_MO_64);
            } else {
                ir_gen_st(s->f, gen_vec_read(s, reg, h), addr, IR_MO_64);
            }
        }
    }
    for (unsigned r = 0; load && r < nregs; r++)
        gen_vec_write2(s, (rt + r) % 32, val[r][0], q ? val[r][1] : IR_NO_TEMP);
}

/* LD2/3/4 and ST2/3/4: element e of structure member m is at
 * (e * selem + m) * esize and belongs to register rt + m. */
static void gen_ldn_stn_elems(DisasContext *s, bool load, unsigned q,
                              unsigned rt, unsigned selem, unsigned size,
                              IrTemp base)
{
    unsigned esize = 1u << size, bits = 8u << size;
    unsigned nelem = (q ? 16 : 8) >> size;
    IrTemp acc[4][2];
    for (unsigned m = 0; m < selem; m++) {
        acc[m][0] = load ? ir_new_temp(s->f, IR_I64) : gen_vec_read(s, (rt + m) % 32, 0);
        acc[m][1] = load ? ir_new_temp(s->f, IR_I64)
                         : (q ? gen_vec_read(s, (rt + m) % 32, 1) : IR_NO_TEMP);
    }
    IrTemp e_t = ir_new_temp(s->f, IR_I64);
    for (unsigned e = 0; e < nelem; e++) {
        unsigned h = e * bits / 64, pos = e * bits % 64;
        for (unsigned m = 0; m < selem; m++) {
            IrTemp addr = gen_add(s, base, (e * selem + m) * esize);
            if (!load) {
                ir_gen_extract(s->f, e_t, acc[m][h], pos, bits);
                ir_gen_st(s->f, e_t, addr, size);
            } else if (pos == 0) {
                ir_gen_ld(s->f, acc[m][h], addr, size);
            } else {
                ir_gen_ld(s->f, e_t, addr, size);
                ir_gen_deposit(s->f, acc[m][h], acc[m][h], e_t, pos, bits);
            }
        }
    }
    for (unsigned m = 0; load && m < selem; m++)
        gen_vec_write2(s, (rt + m) % 32, acc[m][0], q ? acc[m][1] : IR_NO_TEMP);
}

/* Arm ARM "AdvSIMD load/store multiple structures": opcode -> (rpt, selem). */
static const struct { uint8_t rpt, selem; } ldst_multi_layout[16] = {
    [0x0] = { 1, 4 }, [0x2] = { 4, 1 }, [0x4] = { 1, 3 }, [0x6] = { 3, 1 },
    [0x7] = { 1, 1 }, [0x8] = { 1, 2 }, [0xa] = { 2, 1 },
};

static bool gen_ldst_multi(DisasContext *s, unsigned q, unsigned l,
                           unsigned opcode, unsigned size, unsigned rn,
                           unsigned rt, unsigned rm, bool post)
{
    unsigned rpt = ldst_multi_layout[opcode].rpt;
    unsigned selem = ldst_multi_layout[opcode].selem;
    if (rpt == 0 || (size == 3 && !q && selem > 1))
        return false;
    IrTemp base = cpu_reg_sp(s, rn);
    if (selem == 1)
        gen_ld1_st1_regs(s, l, q, rt, rpt, base);
    else
        gen_ldn_stn_elems(s, l, q, rt, selem, size, base);
    if (post)
        gen_struct_writeback(s, rn, rm, base, rpt * selem * (q ? 16 : 8));
    return true;
}

bool trans_LDST_multi(DisasContext *s, arg_LDST_multi *a)
{
    return gen_ldst_multi(s, a->Q, a->L, a->opcode, a->size, a->Rn, a->Rt, 0, false);
}

bool trans_LDST_multi_post(DisasContext *s, arg_LDST_multi_post *a)
{
    return gen_ldst_multi(s, a->Q, a->L, a->opcode, a->size, a->Rn, a->Rt, a->Rm, true);
}

/* Replicates the low `bits` of v across 64 bits (multiply by 0x0101...). */
static IrTemp gen_dup64(DisasContext *s, IrTemp v, unsigned bits)
{
    if (bits == 64)
        return v;
    IrTemp d = ir_new_temp(s->f, IR_I64);
    ir_gen_binopi(s->f, IR_MUL, d, v, ~0ull / ((1ull << bits) - 1));
    return d;
}

/* The single-structure fields decoded as the Arm ARM's shared decode does. */
typedef struct SingleStruct {
    unsigned scale, selem, index;
    bool replicate;
} SingleStruct;

static bool single_struct_decode(unsigned q, unsigned l, unsigned r,
                                 unsigned opcode, unsigned sbit, unsigned size,
                                 SingleStruct *ss)
{
    *ss = (SingleStruct){ .scale = opcode >> 1, .selem = ((opcode & 1) << 1 | r) + 1 };
    switch (ss->scale) {
    case 3:
        if (!l || sbit)
            return false;
        ss->scale = size;
        ss->replicate = true;
        return true;
    case 0:
        ss->index = q << 3 | sbit << 2 | size;
        return true;
    case 1:
        if (size & 1)
            return false;
        ss->index = q << 2 | sbit << 1 | size >> 1;
        return true;
    default:
        if (size & 2)
            return false;
        if (size & 1) {
            if (sbit)
                return false;
            ss->index = q;
            ss->scale = 3;
        } else {
            ss->index = q << 1 | sbit;
        }
        return true;
    }
}

/* Where element `index` of width 8 << scale sits: half and bit position. */
static void single_elem_pos(const SingleStruct *ss, unsigned *h, unsigned *pos)
{
    unsigned bits = 8u << ss->scale;
    *h = ss->index * bits / 64;
    *pos = ss->index * bits % 64;
}

/* Loads of LD1-4 (single structure) and LD1R-4R: every element is loaded
 * before any register is written, so a fault changes no register.  LD1
 * merges into the element; LD1R replicates (zeroing the high half when !Q). */
static void gen_single_load(DisasContext *s, const SingleStruct *ss, unsigned q,
                            unsigned rt, IrTemp base)
{
    unsigned bits = 8u << ss->scale, h, pos;
    IrTemp e[4];
    for (unsigned m = 0; m < ss->selem; m++) {
        e[m] = ir_new_temp(s->f, IR_I64);
        ir_gen_ld(s->f, e[m], gen_add(s, base, m << ss->scale), ss->scale);
    }
    single_elem_pos(ss, &h, &pos);
    for (unsigned m = 0; m < ss->selem; m++) {
        unsigned reg = (rt + m) % 32;
        if (ss->replicate) {
            IrTemp d = gen_dup64(s, e[m], bits);
            gen_vec_write2(s, reg, d, q ? d : IR_NO_TEMP);
            continue;
        }
        IrTemp half = gen_vec_read(s, reg, h);
        ir_gen_deposit(s->f, half, half, e[m], pos, bits);
        gen_vec_write(s, reg, h, half);
    }
}

/* ST1-4 (single structure). */
static void gen_single_store(DisasContext *s, const SingleStruct *ss,
                             unsigned rt, IrTemp base)
{
    unsigned bits = 8u << ss->scale, h, pos;
    single_elem_pos(ss, &h, &pos);
    for (unsigned m = 0; m < ss->selem; m++) {
        IrTemp e = ir_new_temp(s->f, IR_I64);
        ir_gen_extract(s->f, e, gen_vec_read(s, (rt + m) % 32, h), pos, bits);
        ir_gen_st(s->f, e, gen_add(s, base, m << ss->scale), ss->scale);
    }
}

static bool gen_ldst_single(DisasContext *s, unsigned q, unsigned l, unsigned r,
                            unsigned opcode, unsigned sbit, unsigned size,
                            unsigned rn, unsigned rt, unsigned rm, bool post)
{
    SingleStruct ss;
    if (!single_struct_decode(q, l, r, opcode, sbit, size, &ss))
        return false;
    IrTemp base = cpu_reg_sp(s, rn);
    if (l)
        gen_single_load(s, &ss, q, rt, base);
    else
        gen_single_store(s, &ss, rt, base);
    if (post)
        gen_struct_writeback(s, rn, rm, base, ss.selem << ss.scale);
    return true;
}

bool trans_LDST_single(DisasContext *s, arg_LDST_single *a)
{
    return gen_ldst_single(s, a->Q, a->L, a->R, a->opcode, a->S, a->size,
                           a->Rn, a->Rt, 0, false);
}

bool trans_LDST_single_post(DisasContext *s, arg_LDST_single_post *a)
{
    return gen_ldst_single(s, a->Q, a->L, a->R, a->opcode, a->S, a->size,
                           a->Rn, a->Rt, a->Rm, true);
}

/* ---- Classes (translate.h): the handlers' own validity tests ------------------ */

static unsigned ldst_class(bool ok, const LdstKind *k)
{
    return !ok ? A64_IC_UNKNOWN : k->prefetch ? A64_IC_PURE : A64_IC_MEM;
}

unsigned class_LDST_uimm(const arg_LDST_uimm *a)
{
    LdstKind k;
    return ldst_class(ldst_kind(a->size, a->V, a->opc, true, &k), &k);
}

unsigned class_LDST_imm9(const arg_LDST_imm9 *a)
{
    LdstKind k;
    bool ok = ldst_kind(a->size, a->V, a->opc, a->idx == 0, &k);
    return ldst_class(ok && !(a->idx == 2 && k.vec), &k);
}

unsigned class_LDST_reg(const arg_LDST_reg *a)
{
    LdstKind k;
    bool ok = (a->option & 2) && ldst_kind(a->size, a->V, a->opc, true, &k);
    return ok ? ldst_class(true, &k) : A64_IC_UNKNOWN;
}

unsigned class_LDR_lit(const arg_LDR_lit *a)
{
    if (a->V)
        return a->opc == 3 ? A64_IC_UNKNOWN : A64_IC_MEM;
    return a->opc == 3 ? A64_IC_PURE : A64_IC_MEM;
}

unsigned class_LDSTP(const arg_LDSTP *a)
{
    LdstKind k;
    return ldst_class(ldstp_kind(a->opc, a->V, a->L, a->idx, &k), &k);
}
