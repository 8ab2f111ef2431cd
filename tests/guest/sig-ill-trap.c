/* QEMU-DEVIATION: qemu-aarch64 reports SIGILL for UDF as ILL_ILLOPN (2);
 * Linux (arch/arm64/kernel/traps.c, do_el0_undef) sends ILL_ILLOPC (1).
 * SIGILL for UDF (ILL_ILLOPC, si_addr = the instruction) and SIGTRAP for
 * BRK #imm (TRAP_BRKPT, si_addr = the BRK, PC left on it), both handled;
 * then a BRK with SIGTRAP blocked, which Linux turns into death by
 * SIGTRAP (force_sig). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char udf_insn[], brk_insn[];
static volatile int ill, trap;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const char *expect = sig == SIGILL ? udf_insn : brk_insn;
    printf("sig=%d code=%d addr_ok=%d pc_ok=%d\n", sig, si->si_code,
           si->si_addr == (void *)expect, uc->uc_mcontext.pc == (uint64_t)expect);
    if (sig == SIGILL)
        ill++;
    else
        trap++;
    uc->uc_mcontext.pc += 4;
}

__attribute__((noinline)) static void run_both(void)
{
    __asm__ volatile(".globl udf_insn\nudf_insn: udf #7\n\t"
                     ".globl brk_insn\nbrk_insn: brk #0x3e8" ::: "memory");
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    for (int i = 0; i < 3; i++)
        run_both();
    printf("ill=%d trap=%d\n", ill, trap);
    fflush(stdout);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTRAP);
    sigprocmask(SIG_BLOCK, &s, NULL);
    run_both();
    printf("not reached\n");
    return 0;
}
