/*
 * tests/diff/stub.S — state switching between the driver and a test case.
 *
 * Each generated case is
 *     bl dt_load_state ; ldr x30, <literal> ; .inst ... ; b dt_save_state
 * so the whole architectural state (every GPR incl. x30, SP, NZCV, FPCR,
 * FPSR, V0-V31) comes from dt_in and lands in dt_out.  dt_save_state has no
 * free register, so it parks x0 in TPIDR_EL0 (the driver has no TLS).
 * dt_run_case saves the driver's callee-saved registers and SP in dt_save;
 * both the normal exit and the signal path (dt_fault_return, reached by
 * rewriting the PC in the signal frame) restore them from there.
 * Offsets match DtState in state.h.
 */
        .text
        .global dt_run_case
        .type dt_run_case, %function
dt_run_case:                            /* x0 = case code */
        adrp    x9, dt_save
        add     x9, x9, :lo12:dt_save
        stp     x19, x20, [x9, #0]
        stp     x21, x22, [x9, #16]
        stp     x23, x24, [x9, #32]
        stp     x25, x26, [x9, #48]
        stp     x27, x28, [x9, #64]
        stp     x29, x30, [x9, #80]
        mov     x10, sp
        str     x10, [x9, #96]
        stp     d8, d9, [x9, #112]
        stp     d10, d11, [x9, #128]
        stp     d12, d13, [x9, #144]
        stp     d14, d15, [x9, #160]
        br      x0

        .global dt_load_state
        .type dt_load_state, %function
dt_load_state:                          /* x30 = return into the case */
        adrp    x9, dt_in
        add     x9, x9, :lo12:dt_in
        add     x10, x9, #288
        ld1     {v0.2d, v1.2d, v2.2d, v3.2d}, [x10], #64
        ld1     {v4.2d, v5.2d, v6.2d, v7.2d}, [x10], #64
        ld1     {v8.2d, v9.2d, v10.2d, v11.2d}, [x10], #64
        ld1     {v12.2d, v13.2d, v14.2d, v15.2d}, [x10], #64
        ld1     {v16.2d, v17.2d, v18.2d, v19.2d}, [x10], #64
        ld1     {v20.2d, v21.2d, v22.2d, v23.2d}, [x10], #64
        ld1     {v24.2d, v25.2d, v26.2d, v27.2d}, [x10], #64
        ld1     {v28.2d, v29.2d, v30.2d, v31.2d}, [x10], #64
        ldr     x10, [x9, #256]
        msr     nzcv, x10
        ldr     x10, [x9, #264]
        msr     fpcr, x10
        ldr     x10, [x9, #272]
        msr     fpsr, x10
        ldr     x10, [x9, #248]
        mov     sp, x10
        clrex
        ldp     x0, x1, [x9, #0]
        ldp     x2, x3, [x9, #16]
        ldp     x4, x5, [x9, #32]
        ldp     x6, x7, [x9, #48]
        ldp     x10, x11, [x9, #80]
        ldp     x12, x13, [x9, #96]
        ldp     x14, x15, [x9, #112]
        ldp     x16, x17, [x9, #128]
        ldp     x18, x19, [x9, #144]
        ldp     x20, x21, [x9, #160]
        ldp     x22, x23, [x9, #176]
        ldp     x24, x25, [x9, #192]
        ldp     x26, x27, [x9, #208]
        ldp     x28, x29, [x9, #224]
        ldr     x8, [x9, #64]
        ldr     x9, [x9, #72]
        ret

        .global dt_save_state
        .type dt_save_state, %function
dt_save_state:
        msr     tpidr_el0, x0
        adrp    x0, dt_out
        add     x0, x0, :lo12:dt_out
        str     x1, [x0, #8]
        stp     x2, x3, [x0, #16]
        stp     x4, x5, [x0, #32]
        stp     x6, x7, [x0, #48]
        stp     x8, x9, [x0, #64]
        stp     x10, x11, [x0, #80]
        stp     x12, x13, [x0, #96]
        stp     x14, x15, [x0, #112]
        stp     x16, x17, [x0, #128]
        stp     x18, x19, [x0, #144]
        stp     x20, x21, [x0, #160]
        stp     x22, x23, [x0, #176]
        stp     x24, x25, [x0, #192]
        stp     x26, x27, [x0, #208]
        stp     x28, x29, [x0, #224]
        str     x30, [x0, #240]
        mrs     x1, tpidr_el0
        str     x1, [x0, #0]
        mov     x1, sp
        str     x1, [x0, #248]
        mrs     x1, nzcv
        str     x1, [x0, #256]
        mrs     x1, fpcr
        str     x1, [x0, #264]
        mrs     x1, fpsr
        str     x1, [x0, #272]
        str     xzr, [x0, #280]
        add     x1, x0, #288
        st1     {v0.2d, v1.2d, v2.2d, v3.2d}, [x1], #64
        st1     {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], #64
        st1     {v8.2d, v9.2d, v10.2d, v11.2d}, [x1], #64
        st1     {v12.2d, v13.2d, v14.2d, v15.2d}, [x1], #64
        st1     {v16.2d, v17.2d, v18.2d, v19.2d}, [x1], #64
        st1     {v20.2d, v21.2d, v22.2d, v23.2d}, [x1], #64
        st1     {v24.2d, v25.2d, v26.2d, v27.2d}, [x1], #64
        st1     {v28.2d, v29.2d, v30.2d, v31.2d}, [x1], #64
        mov     w0, #0
        b       dt_restore

        .global dt_fault_return
        .type dt_fault_return, %function
dt_fault_return:
        mov     w0, #1
dt_restore:
        msr     fpcr, xzr
        msr     fpsr, xzr
        adrp    x9, dt_save
        add     x9, x9, :lo12:dt_save
        ldr     x10, [x9, #96]
        mov     sp, x10
        ldp     x19, x20, [x9, #0]
        ldp     x21, x22, [x9, #16]
        ldp     x23, x24, [x9, #32]
        ldp     x25, x26, [x9, #48]
        ldp     x27, x28, [x9, #64]
        ldp     x29, x30, [x9, #80]
        ldp     d8, d9, [x9, #112]
        ldp     d10, d11, [x9, #128]
        ldp     d12, d13, [x9, #144]
        ldp     d14, d15, [x9, #160]
        ret

        .global dt_sigreturn
        .type dt_sigreturn, %function
dt_sigreturn:
        mov     x8, #139                /* rt_sigreturn */
        svc     #0

        .bss
        .balign 16
dt_save: .skip 176
