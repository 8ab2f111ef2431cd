/* Regression: Linux starts a process with PSTATE.NZCV = 0; tern once started
 * it with Z set (zf == 0 in the split-flag representation).  Checked before
 * any instruction can touch the flags.
 * QEMU-DEVIATION: qemu-aarch64 7.2 starts processes with Z set, unlike the
 * kernel's start_thread (pstate = PSR_MODE_EL0t). */
    .global _start
_start:
    mrs     x19, nzcv
    b.eq    bad                     /* Z must be clear */
    cbnz    x19, bad
    mov     x0, #1
    adr     x1, ok_msg
    mov     x2, #(ok_end - ok_msg)
    mov     x8, #64                 /* write */
    svc     #0
    mov     x0, #0
    b       out
bad:
    mov     x0, #1
out:
    mov     x8, #93                 /* exit */
    svc     #0
ok_msg: .ascii "PASS nzcv-at-start\n"
ok_end:
