/* frontend/aarch64/cpu.c — the AArch64 GuestArch: globals, pc, TB flags,
 * NZCV packing, register dump and the hardware capabilities we advertise.
 *
 * Globals are registered in A64_T_* order (translate.h) and the order is
 * checked here, so the translator can use the constants as temp numbers.
 *
 * HWCAPs.  The kernel sets HWCAP_FP and HWCAP_ASIMD on every arm64 CPU and
 * glibc 2.36's static startup never tests them: it uses AdvSIMD
 * unconditionally (memcpy, strlen, ... and the FP/SIMD callee-saved
 * registers in setjmp), which is why frontend-ldst implements the FP/SIMD
 * loads, stores and the AdvSIMD subset glibc needs.  We advertise
 * FP | ASIMD (both are required by the AArch64 Linux ABI, so a guest can't be
 * run without them anyway) and CPUID is NOT advertised (MRS of ID registers
 * UDEFs until ID register emulation lands).  Nothing else: no atomics (LSE),
 * CRC32, PAuth, BTI, crypto or SVE, so glibc's ifuncs pick the baseline
 * routines, which are the ones we translate.
 */
#include "frontend/aarch64/translate.h"

#include <assert.h>
#include <stddef.h>

/* AT_HWCAP bits (Linux arch/arm64/include/uapi/asm/hwcap.h). */
#define A64_HWCAP_FP     (1ull << 0)
#define A64_HWCAP_ASIMD  (1ull << 1)

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

uint64_t a64_hwcap(void)
{
    return A64_HWCAP_FP | A64_HWCAP_ASIMD;
}

uint64_t a64_hwcap2(void)
{
    return 0;
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

/* Everything that changes translation: nothing yet, tern runs EL0 only. */
static uint32_t a64_tb_flags(const TernCPU *cpu)
{
    return 0;
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
    .tb_flags = a64_tb_flags,
    .disas = a64_disas,
    .dump_state = a64_dump_state,
};
