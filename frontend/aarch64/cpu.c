/* frontend/aarch64/cpu.c — the AArch64 GuestArch: globals, pc, TB flags,
 * NZCV packing, register dump and the hardware capabilities we advertise.
 *
 * Globals are registered in A64_T_* order (translate.h) and the order is
 * checked here, so the translator can use the constants as temp numbers.
 *
 * HWCAPs and ID registers.  AT_HWCAP advertises exactly what the frontend
 * implements, and the ID registers readable at EL0 (MRS emulation, which
 * Linux offers with HWCAP_CPUID) say the same thing in their own fields, as
 * Linux's arch/arm64/kernel/cpufeature.c sanitises them: only user-visible
 * fields, hidden fields at their "safe" value, untracked registers of the
 * ID space reading as zero.  Both are built from one list of features
 * (a64_features), so they cannot disagree.  FP and ASIMD (without
 * half-precision), LSE atomics (frontend-ldst), LDAPR (LRCPC), DC CVAP
 * (DCPOP), DotProd (SDOT, UDOT), CRC32, AES + PMULL, SHA-1, SHA-256,
 * SHA-512, SHA-3 and RNG (RNDR, RNDRRS; AT_HWCAP2).  Not advertised (not
 * implemented): FP16 arithmetic, RDM, JSCVT, FCMA, FHM, SM3/SM4, PAuth,
 * BTI, MTE, SVE, FRINTTS, ECV (so no CNTVCTSS_EL0).
 *
 * MIDR_EL1 is an Arm Neoverse-N1 r3p1: a real CPU for which glibc has no
 * quirk-specific routines, so its ifuncs choose by HWCAP alone.
 */
#include "frontend/aarch64/translate.h"

#include <assert.h>
#include <stddef.h>

/* One implemented feature: its bit in AT_HWCAP (hwcap = 1) or AT_HWCAP2
 * (hwcap = 2; Linux arch/arm64/include/uapi/asm/hwcap.h; hwcap = 0 for
 * none) and the ID register field that announces it (A64_IDREG_* index,
 * shift, value). */
typedef struct A64Feature {
    unsigned hwcap, bit;
    unsigned reg, shift, value;
} A64Feature;

/* ID registers by (CRm - 4) * 8 + op2: op0 = 3, op1 = 0, CRn = 0, CRm = 4..7. */
enum {
    A64_IDREG_PFR0 = 0, A64_IDREG_DFR0 = 8, A64_IDREG_ISAR0 = 16,
    A64_IDREG_ISAR1 = 17, A64_IDREG_MMFR0 = 24
};

static const A64Feature a64_features[] = {
    { 1, 0, A64_IDREG_PFR0, 16, 0 },       /* FP: FP = 0, implemented */
    { 1, 1, A64_IDREG_PFR0, 20, 0 },       /* ASIMD: AdvSIMD = 0 */
    { 1, 3, A64_IDREG_ISAR0, 4, 2 },       /* AES: AES = 2 (with PMULL) */
    { 1, 4, A64_IDREG_ISAR0, 4, 2 },       /* PMULL */
    { 1, 5, A64_IDREG_ISAR0, 8, 1 },       /* SHA1 */
    { 1, 6, A64_IDREG_ISAR0, 12, 2 },      /* SHA2: SHA2 = 2 (with SHA512) */
    { 1, 7, A64_IDREG_ISAR0, 16, 1 },      /* CRC32 */
    { 1, 8, A64_IDREG_ISAR0, 20, 2 },      /* ATOMICS: LSE */
    { 1, 11, A64_IDREG_PFR0, 0, 1 },       /* CPUID; PFR0.EL0 = AArch64 only */
    { 1, 15, A64_IDREG_ISAR1, 20, 1 },     /* LRCPC: LDAPR */
    { 1, 16, A64_IDREG_ISAR1, 0, 1 },      /* DCPOP: DC CVAP */
    { 1, 17, A64_IDREG_ISAR0, 32, 1 },     /* SHA3 */
    { 1, 20, A64_IDREG_ISAR0, 44, 1 },     /* ASIMDDP: SDOT, UDOT ("simd") */
    { 1, 21, A64_IDREG_ISAR0, 12, 2 },     /* SHA512 */
    { 2, 16, A64_IDREG_ISAR0, 60, 1 },     /* RNG: RNDR, RNDRRS */
    /* Hidden fields at the value Linux shows EL0 (their "safe" value). */
    { 0, 0, A64_IDREG_PFR0, 4, 1 },        /* EL1: AArch64 only */
    { 0, 0, A64_IDREG_DFR0, 0, 6 },        /* DebugVer: Armv8.0 debug */
    { 0, 0, A64_IDREG_MMFR0, 24, 0xf },    /* TGran64: not implemented */
    { 0, 0, A64_IDREG_MMFR0, 28, 0xf },    /* TGran4: not implemented */
};

#define A64_MIDR_EL1    0x413fd0c1ull   /* Arm Neoverse-N1 r3p1 */
#define A64_MPIDR_EL1   0x80000000ull   /* Linux: SYS_MPIDR_SAFE_VAL */

static const char *const a64_xnames[31] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
    "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19",
    "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29",
    "x30",
};

static void a64_global(IrFunc *f, IrTemp expect, size_t offset, const char *name)
{
    IrTemp t = ir_global_new(f, IR_I64, (int32_t)offset, name);
    assert(t == expect && "globals registered in A64_T_* order");
    (void)t;
    (void)expect;
}

/* The registers generated code reads most, hottest first: measured as env
 * loads per executed TB, weighted by executions, on the bench C kernels,
 * python3, xz and sort (x0 leads everywhere; sp and x19-x21 in real
 * programs; x1 in loops).  A backend may pin the first few. */
static const IrTemp a64_hot[] = {
    A64_T_X0, A64_T_SP, A64_T_X0 + 19, A64_T_X0 + 1, A64_T_X0 + 20, A64_T_X0 + 21,
};

static void a64_rank_hot_globals(IrFunc *f)
{
    for (unsigned i = 0; i < sizeof(a64_hot) / sizeof(a64_hot[0]); i++)
        f->temps[a64_hot[i]].hot = (uint8_t)(i + 1);
}

void a64_init_globals(IrFunc *f)
{
    for (unsigned i = 0; i < 31; i++)
        a64_global(f, A64_T_X0 + i, offsetof(A64CPU, x) + 8 * i, a64_xnames[i]);
    a64_global(f, A64_T_SP, offsetof(A64CPU, sp), "sp");
    a64_global(f, A64_T_PC, offsetof(A64CPU, pc), "pc");
    a64_global(f, A64_T_NF, offsetof(A64CPU, nf), "nf");
    a64_global(f, A64_T_ZF, offsetof(A64CPU, zf), "zf");
    a64_global(f, A64_T_CF, offsetof(A64CPU, cf), "cf");
    a64_global(f, A64_T_VF, offsetof(A64CPU, vf), "vf");
    a64_rank_hot_globals(f);
}

/* ---- Flags ------------------------------------------------------------------ */

uint32_t a64_get_nzcv(const A64CPU *cpu)
{
    return (uint32_t)(cpu->nf >> 63) << 31
         | (uint32_t)(cpu->zf == 0) << 30
         | (uint32_t)(cpu->cf & 1) << 29
         | (uint32_t)(cpu->vf >> 63) << 28;
}

void a64_set_nzcv(A64CPU *cpu, uint32_t nzcv)
{
    cpu->nf = nzcv & (1u << 31) ? ~0ull : 0;
    cpu->zf = nzcv & (1u << 30) ? 0 : 1;
    cpu->cf = (nzcv >> 29) & 1;
    cpu->vf = nzcv & (1u << 28) ? 1ull << 63 : 0;
}

static uint64_t a64_hwcap_word(unsigned word)
{
    uint64_t hwcap = 0;
    for (size_t i = 0; i < sizeof(a64_features) / sizeof(a64_features[0]); i++)
        if (a64_features[i].hwcap == word)
            hwcap |= 1ull << a64_features[i].bit;
    return hwcap;
}

uint64_t a64_hwcap(void)
{
    return a64_hwcap_word(1);
}

uint64_t a64_hwcap2(void)
{
    return a64_hwcap_word(2);
}

uint64_t a64_midr(void)
{
    return A64_MIDR_EL1;
}

/* ---- ID registers ------------------------------------------------------------- */

static uint64_t a64_idreg_value(unsigned idx)
{
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(a64_features) / sizeof(a64_features[0]); i++)
        if (a64_features[i].reg == idx)
            v |= (uint64_t)a64_features[i].value << a64_features[i].shift;
    return v;
}

/* Linux's emulate_sys_reg(): op0 = 3, op1 = 0, CRn = 0, and CRm = 0
 * (MIDR, MPIDR, REVIDR; the rest of CRm = 0 UDEFs) or CRm = 4..7 (the
 * AArch64 ID registers; untracked and reserved encodings read as zero). */
bool a64_read_idreg(unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                    uint64_t *value)
{
    if (op1 != 0 || crn != 0)
        return false;
    if (crm == 0) {
        switch (op2) {
        case 0: *value = A64_MIDR_EL1; return true;
        case 5: *value = A64_MPIDR_EL1; return true;
        case 6: *value = 0; return true;        /* REVIDR_EL1 */
        default: return false;
        }
    }
    if (crm < 4 || crm > 7)
        return false;
    *value = a64_idreg_value((crm - 4) * 8 + op2);
    return true;
}

/* ---- GuestArch ---------------------------------------------------------------- */

static uint64_t a64_get_pc(const TernCPU *cpu)
{
    return ((const A64CPU *)cpu)->pc;
}

static void a64_set_pc(TernCPU *cpu, uint64_t pc)
{
    ((A64CPU *)cpu)->pc = pc;
}

static void a64_dump_state(FILE *out, const TernCPU *common)
{
    const A64CPU *cpu = (const A64CPU *)common;
    uint32_t nzcv = a64_get_nzcv(cpu);
    for (unsigned i = 0; i < 31; i++)
        fprintf(out, "%-3s=%016llx%s", a64_xnames[i], (unsigned long long)cpu->x[i],
                i % 4 == 3 ? "\n" : " ");
    fprintf(out, "sp =%016llx\npc =%016llx NZCV=%c%c%c%c\n",
            (unsigned long long)cpu->sp, (unsigned long long)cpu->pc,
            nzcv >> 31 & 1 ? 'N' : '-', nzcv >> 30 & 1 ? 'Z' : '-',
            nzcv >> 29 & 1 ? 'C' : '-', nzcv >> 28 & 1 ? 'V' : '-');
}

const GuestArch a64_arch = {
    .name = "aarch64",
    .cpu_size = sizeof(A64CPU),
    .init_globals = a64_init_globals,
    .translate = a64_translate,
    .get_pc = a64_get_pc,
    .set_pc = a64_set_pc,
    /* TernCPU.tb_flags stays 0: tern runs EL0 only, nothing else changes
     * translation yet. */
    .pc_offset = offsetof(A64CPU, pc),
    .disas = a64_disas,
    .dump_state = a64_dump_state,
};
