/* frontend/aarch64/a64.h — the AArch64 frontend's public header.
 *
 * The CPU state that generated code, helpers and linux-user share, and the
 * GuestArch instance the exec layer drives.  Layout rules: TernCPU first;
 * every field a global mirrors is 8 bytes; vector registers 16-aligned.
 */
#ifndef TERN_A64_H
#define TERN_A64_H

#include <stdint.h>

#include "exec/exec.h"

typedef struct A64CPU {
    TernCPU common;
    uint64_t x[31];            /* X0..X30 */
    uint64_t sp;               /* SP_EL0 */
    uint64_t pc;
    /* NZCV split so that each flag costs one op to set and to test:
     * N = bit 63 of nf; Z = (zf == 0); C = cf (0 or 1); V = bit 63 of vf.
     * 32-bit ops store sign-extended results in nf/zf/vf. */
    uint64_t nf, zf, cf, vf;
    _Alignas(16) uint64_t v[32][2];  /* V0..V31, [0] = low 64 bits */
    uint64_t fpcr, fpsr;
    uint64_t tpidr_el0, tpidrro_el0;
    /* Exclusive monitor (LDXR/STXR): addr is -1 when clear. */
    uint64_t excl_addr, excl_val, excl_val2, excl_size;
} A64CPU;

extern const GuestArch a64_arch;

/* TernCPU.syndrome of a TERN_EXCP_DATA_ABORT raised by generated code for a
 * misaligned exclusive/atomic access: the Arm DFSC "alignment fault", which
 * Linux reports as SIGBUS BUS_ADRALN (host faults leave the syndrome 0). */
#define A64_SYNDROME_ALIGN 0x21

/* PSTATE.NZCV as bits 31..28. */
uint32_t a64_get_nzcv(const A64CPU *cpu);
void a64_set_nzcv(A64CPU *cpu, uint32_t nzcv);

/* AT_HWCAP / AT_HWCAP2 for what the frontend implements. */
uint64_t a64_hwcap(void);
uint64_t a64_hwcap2(void);
/* MIDR_EL1 as the guest reads it (linux-user's /proc/cpuinfo shows it). */
uint64_t a64_midr(void);

#endif
