/* frontend/aarch64/translate-sys.c — A64 exception generation and system
 * instructions at EL0 (Arm ARM "Branches, Exception Generating and System
 * instructions": exception generation, hints, barriers, PSTATE, system
 * instructions, system register move).
 *
 * tern runs user code only, so this file implements what EL0 may execute
 * under Linux and UDEFs the rest (SIGILL for the guest): HVC/SMC/HLT, MSR
 * (immediate), SYSL and any register this file does not name.  MRS of the
 * ID register space (MIDR_EL1, ID_AA64ISAR0_EL1, ...) reads the values that
 * Linux's MRS emulation gives EL0 (HWCAP_CPUID), from a64_read_idreg() in
 * cpu.c, beside the HWCAPs they must agree with.
 *
 * Registers that are not IR globals (FPCR, FPSR, TPIDR*) are accessed with
 * LD_ENV/ST_ENV at their A64CPU offsets.  Fixed values: CNTFRQ_EL0 is
 * A64_CNTFRQ_HZ (1 GHz); CTR_EL0 describes 64-byte cache lines with a PIPT
 * instruction cache (what QEMU's Cortex-A57 model reports); DCZID_EL0 says
 * DC ZVA zeroes 64-byte blocks.
 */
#include "frontend/aarch64/translate.h"

#include "frontend/aarch64/a64-decode.h"

#define A64_CTR_EL0     0x8444c004u
#define A64_DCZID_EL0   4u              /* log2(64 bytes / 4) */
#define A64_ZVA_BYTES   64u
/* FPCR: AHP, DN, FZ, RMode.  Trap enables read as zero: tern raises no FP
 * traps, and glibc's feenableexcept() checks by reading FPCR back. */
#define A64_FPCR_MASK   0x07c00000u
/* FPSR: QC and the cumulative exception flags. */
#define A64_FPSR_MASK   0x0800009fu

/* op0:op1:CRn:CRm:op2 of a system register, as in the Arm ARM's tables. */
#define SYSREG(op0, op1, crn, crm, op2) \
    ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

enum {
    SR_CTR_EL0      = SYSREG(3, 3, 0, 0, 1),
    SR_DCZID_EL0    = SYSREG(3, 3, 0, 0, 7),
    SR_NZCV         = SYSREG(3, 3, 4, 2, 0),
    SR_FPCR         = SYSREG(3, 3, 4, 4, 0),
    SR_FPSR         = SYSREG(3, 3, 4, 4, 1),
    SR_TPIDR_EL0    = SYSREG(3, 3, 13, 0, 2),
    SR_TPIDRRO_EL0  = SYSREG(3, 3, 13, 0, 3),
    SR_CNTFRQ_EL0   = SYSREG(3, 3, 14, 0, 0),
    SR_CNTVCT_EL0   = SYSREG(3, 3, 14, 0, 2),
    SR_RNDR         = SYSREG(3, 3, 2, 4, 0),
    SR_RNDRRS       = SYSREG(3, 3, 2, 4, 1),
};

/* ---- Exception generation ----------------------------------------------------- */

bool trans_SVC(DisasContext *s, arg_SVC *a)
{
    gen_exception(s, TERN_EXCP_SYSCALL, (uint32_t)a->imm16);
    return true;
}

bool trans_BRK(DisasContext *s, arg_BRK *a)
{
    gen_exception(s, TERN_EXCP_BKPT, (uint32_t)a->imm16);
    return true;
}

/* Halting debug is not enabled at EL0: HLT is UNDEFINED. */
bool trans_HLT(DisasContext *s, arg_HLT *a)
{
    return false;
}

/* ---- Hints and barriers ----------------------------------------------------------- */

/* Every hint is a NOP here: NOP, YIELD, WFE/WFI (no other agent to wait
 * for), SEV/SEVL, BTI (not advertised), the PAuth hints PACIASP, AUTIASP,
 * XPACLRI, ... (PAuth is not advertised, so no pointer is ever signed), CSDB
 * and the unallocated hints, which the architecture defines as NOPs. */
bool trans_HINT(DisasContext *s, arg_HINT *a)
{
    return true;
}

bool trans_CLREX(DisasContext *s, arg_CLREX *a)
{
    ir_gen_st_env(s->f, a64_cst(s, ~0ull), (int32_t)offsetof(A64CPU, excl_addr), IR_MO_64);
    return true;
}

/* DMB/DSB: CRm<1:0> is the access type (1 loads, 2 stores, else all). */
static bool gen_barrier(DisasContext *s, unsigned crm)
{
    static const unsigned kind[4] = { IR_MB_ALL, IR_MB_LD, IR_MB_ST, IR_MB_ALL };
    ir_gen_mb(s->f, kind[crm & 3]);
    return true;
}

bool trans_DSB(DisasContext *s, arg_DSB *a) { return gen_barrier(s, a->CRm); }
bool trans_DMB(DisasContext *s, arg_DMB *a) { return gen_barrier(s, a->CRm); }

/* ISB: end the TB so code written before it is fetched anew. */
bool trans_ISB(DisasContext *s, arg_ISB *a)
{
    ir_gen_mb(s->f, IR_MB_ALL);
    s->jump = DISAS_TOO_MANY;
    return true;
}

/* MSR (immediate): DAIF, SPSel, PAN, UAO, ... are not writable at EL0, and
 * the EL0-accessible ones (SSBS, DIT, TCO, SVCR) belong to features tern
 * does not advertise. */
bool trans_MSR_i(DisasContext *s, arg_MSR_i *a)
{
    return false;
}

/* ---- System instructions ---------------------------------------------------------- */

/* DC ZVA: zero the aligned 64-byte block holding X[t], as eight 8-byte
 * stores (each faults like a store). */
static void gen_dc_zva(DisasContext *s, unsigned rt)
{
    IrTemp base = a64_tmp(s), zero = a64_cst(s, 0);
    ir_gen_binopi(s->f, IR_AND, base, cpu_reg(s, rt), ~(uint64_t)(A64_ZVA_BYTES - 1));
    for (unsigned off = 0; off < A64_ZVA_BYTES; off += 8) {
        IrTemp addr = a64_tmp(s);
        ir_gen_binopi(s->f, IR_ADD, addr, base, off);
        ir_gen_st(s->f, zero, addr, IR_MO_64);
    }
}

/* SYS at EL0: only cache maintenance by VA.  tern has no caches to
 * maintain and finds modified code itself, so all but DC ZVA are NOPs. */
bool trans_SYS(DisasContext *s, arg_SYS *a)
{
    if (a->op1 != 3 || a->CRn != 7 || a->op2 != 1)
        return false;
    switch (a->CRm) {
    case 4:                     /* DC ZVA */
        gen_dc_zva(s, a->Rt);
        return true;
    case 5:                     /* IC IVAU */
    case 10:                    /* DC CVAC */
    case 11:                    /* DC CVAU */
    case 12:                    /* DC CVAP */
    case 14:                    /* DC CIVAC */
        return true;
    default:
        return false;
    }
}

/* ---- System register move --------------------------------------------------------- */

/* NZCV as bits 31:28 from the split flags. */
static IrTemp gen_read_nzcv(DisasContext *s)
{
    IrTemp n = a64_tmp(s), z = a64_tmp(s), c = a64_tmp(s), v = a64_tmp(s), r = a64_tmp(s);
    ir_gen_binopi(s->f, IR_SHR, n, A64_T_NF, 63);
    ir_gen_binopi(s->f, IR_SHL, n, n, 31);
    ir_gen_setcond(s->f, IR_COND_EQ, z, A64_T_ZF, a64_cst(s, 0));
    ir_gen_binopi(s->f, IR_SHL, z, z, 30);
    ir_gen_binopi(s->f, IR_SHL, c, A64_T_CF, 29);
    ir_gen_binopi(s->f, IR_SHR, v, A64_T_VF, 63);
    ir_gen_binopi(s->f, IR_SHL, v, v, 28);
    ir_gen_binop(s->f, IR_OR, r, n, z);
    ir_gen_binop(s->f, IR_OR, r, r, c);
    ir_gen_binop(s->f, IR_OR, r, r, v);
    return r;
}

static void gen_write_nzcv(DisasContext *s, IrTemp x)
{
    IrTemp z = a64_tmp(s);
    ir_gen_binopi(s->f, IR_SHL, A64_T_NF, x, 32);
    ir_gen_extract(s->f, z, x, 30, 1);
    ir_gen_binopi(s->f, IR_XOR, A64_T_ZF, z, 1);
    ir_gen_extract(s->f, A64_T_CF, x, 29, 1);
    ir_gen_binopi(s->f, IR_SHL, A64_T_VF, x, 35);
}

static IrTemp gen_ld_env64(DisasContext *s, size_t offset)
{
    IrTemp t = a64_tmp(s);
    ir_gen_ld_env(s->f, t, (int32_t)offset, IR_MO_64);
    return t;
}

static void gen_st_env_masked(DisasContext *s, IrTemp x, size_t offset, uint64_t mask)
{
    IrTemp t = a64_tmp(s);
    ir_gen_binopi(s->f, IR_AND, t, x, mask);
    ir_gen_st_env(s->f, t, (int32_t)offset, IR_MO_64);
}

/* The value of a readable system register, or IR_NO_TEMP (UDEF). */
static IrTemp gen_read_sysreg(DisasContext *s, unsigned key)
{
    IrTemp t;
    switch (key) {
    case SR_NZCV: return gen_read_nzcv(s);
    case SR_FPCR: return gen_ld_env64(s, offsetof(A64CPU, fpcr));
    case SR_FPSR: return gen_ld_env64(s, offsetof(A64CPU, fpsr));
    case SR_TPIDR_EL0: return gen_ld_env64(s, offsetof(A64CPU, tpidr_el0));
    case SR_TPIDRRO_EL0: return gen_ld_env64(s, offsetof(A64CPU, tpidrro_el0));
    case SR_CNTFRQ_EL0: return a64_cst(s, A64_CNTFRQ_HZ);
    case SR_CTR_EL0: return a64_cst(s, A64_CTR_EL0);
    case SR_DCZID_EL0: return a64_cst(s, A64_DCZID_EL0);
    case SR_CNTVCT_EL0:
        t = a64_tmp(s);
        gen_helper_cntvct(s->f, t);
        return t;
    default:
        return IR_NO_TEMP;
    }
}

/* RNDR, RNDRRS: a random number, and NZCV = 0000 for success (the
 * helper never fails; reseeding is the host kernel's business). */
static void gen_rndr(DisasContext *s, unsigned rt)
{
    IrTemp v = a64_tmp(s);
    gen_helper_rndr(s->f, v);
    write_reg(s, rt, v, true);
    ir_gen_mov(s->f, A64_T_NF, a64_cst(s, 0));
    ir_gen_mov(s->f, A64_T_ZF, a64_cst(s, 1));
    ir_gen_mov(s->f, A64_T_CF, a64_cst(s, 0));
    ir_gen_mov(s->f, A64_T_VF, a64_cst(s, 0));
}

bool trans_MRS(DisasContext *s, arg_MRS *a)
{
    unsigned key = SYSREG(2 + a->o0, a->op1, a->CRn, a->CRm, a->op2);
    uint64_t id;
    if (a->o0 == 1 && a64_read_idreg(a->op1, a->CRn, a->CRm, a->op2, &id)) {
        write_reg(s, a->Rt, a64_cst(s, id), true);
        return true;
    }
    if (key == SR_RNDR || key == SR_RNDRRS) {
        gen_rndr(s, a->Rt);
        return true;
    }
    IrTemp v = gen_read_sysreg(s, key);
    if (v == IR_NO_TEMP)
        return false;
    write_reg(s, a->Rt, v, true);
    return true;
}

bool trans_MSR_r(DisasContext *s, arg_MSR_r *a)
{
    unsigned key = SYSREG(2 + a->o0, a->op1, a->CRn, a->CRm, a->op2);
    switch (key) {
    case SR_NZCV:
        gen_write_nzcv(s, read_reg(s, a->Rt, true));
        return true;
    case SR_FPCR:
        gen_st_env_masked(s, read_reg(s, a->Rt, true), offsetof(A64CPU, fpcr), A64_FPCR_MASK);
        return true;
    case SR_FPSR:
        gen_st_env_masked(s, read_reg(s, a->Rt, true), offsetof(A64CPU, fpsr), A64_FPSR_MASK);
        return true;
    case SR_TPIDR_EL0:
        ir_gen_st_env(s->f, read_reg(s, a->Rt, true),
                      (int32_t)offsetof(A64CPU, tpidr_el0), IR_MO_64);
        return true;
    default:
        return false;       /* TPIDRRO_EL0 and the read-only rest too */
    }
}
