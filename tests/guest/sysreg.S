/* System instructions allowed at EL0 under Linux: hints, barriers, MRS/MSR
 * of NZCV, FPCR, FPSR, TPIDR_EL0, reads of TPIDRRO_EL0, CNTVCT_EL0 (must not
 * go backwards), CNTFRQ_EL0, CTR_EL0, DCZID_EL0, DC ZVA over one block,
 * cache maintenance by VA, and SVC (including an unknown number -> ENOSYS).
 * Values that differ between CPUs are checked for sanity, not equality. */
#include "asm.h"
    .bss
    .balign 4096
zva_buf: .skip 8192

    .text
TEST_BEGIN(sysreg)
    nop
    yield
    sevl
    hint    34                  /* BTI c: a NOP outside guarded pages */
    hint    127                 /* unallocated hint: NOP */
    csdb
    dmb     ish
    dmb     ishld
    dmb     ishst
    dmb     sy
    dsb     sy
    dsb     ish
    isb

    /* NZCV: only bits 31:28 are writable. */
    mov     x0, 0xffffffff
    msr     nzcv, x0
    mrs     x1, nzcv
    CHECK(x1, 0xf0000000)
    msr     nzcv, xzr
    b.eq    1f
    mrs     x1, nzcv
    CHECK(x1, 0)
    b       2f
1:  FAIL_HERE()

    /* FPCR: rounding mode, flush-to-zero, default NaN, AHP. */
2:  mov     x2, 0x07c00000
    msr     fpcr, x2
    mrs     x3, fpcr
    CHECK(x3, 0x07c00000)
    msr     fpcr, xzr
    mrs     x3, fpcr
    CHECK(x3, 0)

    /* FPSR: cumulative exception bits and QC. */
    ldr     x4, =0x0800009f
    msr     fpsr, x4
    mrs     x5, fpsr
    CHECK(x5, 0x0800009f)
    msr     fpsr, xzr
    mrs     x5, fpsr
    CHECK(x5, 0)

    /* TPIDR_EL0 is read/write, TPIDRRO_EL0 reads as 0 for a process. */
    ldr     x6, =0x123456789abcdef0
    msr     tpidr_el0, x6
    mrs     x7, tpidr_el0
    CHECK_REG(x7, x6)
    mrs     x7, tpidrro_el0
    CHECK(x7, 0)

    /* Generic timer: frequency non-zero, counter monotonic and moving. */
    mrs     x8, cntfrq_el0
    cbz     x8, 9f
    isb
    mrs     x9, cntvct_el0
    mov     x10, 20000
3:  subs    x10, x10, 1
    b.ne    3b
    isb
    mrs     x11, cntvct_el0
    cmp     x11, x9
    b.lo    9f

    /* CTR_EL0: bit 31 is RES1, line sizes are log2(words), 2..9 for D. */
    mrs     x12, ctr_el0
    tbz     x12, 31, 9f
    ubfx    x13, x12, 16, 4
    cbz     x13, 9f

    /* DCZID_EL0: DZP clear; zero one block with DC ZVA. */
    mrs     x14, dczid_el0
    tbnz    x14, 4, 9f
    and     x14, x14, 0xf
    mov     x15, 4
    lsl     x15, x15, x14        /* block size in bytes */
    ldr     x16, =zva_buf + 2048
    mov     x17, -1
    mov     x18, 0
4:  str     x17, [x16, x18]
    add     x18, x18, 8
    cmp     x18, 2048
    b.ne    4b
    add     x19, x16, 5         /* any address inside the block */
    dc      zva, x19
    ldr     x20, [x16]
    CHECK(x20, 0)
    sub     x21, x15, 8
    ldr     x20, [x16, x21]
    CHECK(x20, 0)
    ldr     x20, [x16, x15]
    CHECK(x20, -1)
    ldur    x20, [x16, -8]
    CHECK(x20, 0)

    /* Cache maintenance to the point of unification, as JITs do. */
    ldr     x22, =zva_buf
    dc      cvau, x22
    dc      cvac, x22
    dc      civac, x22
    dsb     ish
    ic      ivau, x22
    dsb     ish
    isb

    /* SVC: getpid is positive, an unknown number gives -ENOSYS. */
    mov     x8, 172
    svc     0
    cmp     x0, 0
    b.le    9f
    mov     x8, 4000
    svc     0
    CHECK(x0, -38)
    b       10f
9:  FAIL_HERE()
10:
TEST_END
