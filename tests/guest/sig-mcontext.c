/* A handler that edits the interrupted context and returns: it skips the
 * faulting instruction (pc += 4) and writes the destination register, so
 * execution resumes after the fault with the handler's value; also checks
 * fault_address, the saved SP/PC against the faulting code, and that a
 * changed x0 reaches the interrupted code through rt_sigreturn. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int faults;
static volatile uint64_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    faults++;
    fault_addr = uc->uc_mcontext.fault_address;
    if ((uint64_t)si->si_addr != fault_addr)
        printf("si_addr %p != fault_address %llx\n", si->si_addr,
               (unsigned long long)fault_addr);
    uc->uc_mcontext.regs[1] = 4200 + faults;   /* the load's destination */
    uc->uc_mcontext.pc += 4;
}

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    if ((uint64_t)si->si_addr != uc->uc_mcontext.pc)
        printf("SIGILL si_addr != pc\n");
    uc->uc_mcontext.regs[0] = uc->uc_mcontext.regs[0] * 3;
    uc->uc_mcontext.pc += 4;
}

static uint64_t faulting_load(uint64_t addr)
{
    uint64_t v;
    __asm__ volatile("mov x0, %1\n\tldr x1, [x0]\n\tmov %0, x1"
                     : "=r"(v) : "r"(addr) : "x0", "x1", "memory");
    return v;
}

static uint64_t udf_times_three(uint64_t x)
{
    uint64_t r;
    __asm__ volatile("mov x0, %1\n\t.inst 0x00000000\n\tmov %0, x0"
                     : "=r"(r) : "r"(x) : "x0", "memory");
    return r;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sa.sa_sigaction = on_ill;
    sigaction(SIGILL, &sa, NULL);

    uint64_t sum = 0;
    for (int i = 0; i < 12; i++) {
        uint64_t v = faulting_load(0x10 + 8 * i);
        sum += v;
        if (fault_addr != 0x10 + 8 * (uint64_t)i)
            printf("round %d: fault_address 0x%llx\n", i, (unsigned long long)fault_addr);
    }
    printf("faults=%d sum=%llu\n", faults, (unsigned long long)sum);
    uint64_t t = 0;
    for (uint64_t i = 1; i <= 10; i++)
        t += udf_times_three(i);
    printf("udf results sum=%llu\n", (unsigned long long)t);
    return 0;
}
