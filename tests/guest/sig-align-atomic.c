/* Exclusive, ordered and atomic accesses at a misaligned address raise
 * SIGBUS BUS_ADRALN with si_addr = the address, at the instruction (the
 * handler skips it), on every backend; an ordinary misaligned load does
 * not fault.
 * QEMU-DEVIATION: qemu-aarch64 7.2 lets a misaligned STXR/STLXR/STXP whose monitor check fails, and LDAPR, go without the alignment fault the Arm ARM (and hardware without FEAT_LSE2) raises */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

__asm__(".arch armv8.4-a");     /* LSE atomics, LDAPR */

static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_pc;

static void on_bus(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_pc = uc->uc_mcontext.pc;
    uc->uc_mcontext.pc += 4;
}

static _Alignas(16) unsigned char buf[64];

#define TRY(name, insn, off)                                                   \
    do {                                                                        \
        void *p = buf + (off);                                                  \
        uintptr_t at;                                                           \
        got_sig = got_code = 0;                                                 \
        got_addr = got_pc = 0;                                                  \
        __asm__ volatile("adr %[at], 1f\n"                                      \
                         "mov x9, %[p]\n"                                       \
                         "mov x10, #0\nmov x11, #0\nmov x12, #0\nmov x13, #0\n" \
                         "1: " insn "\n"                                        \
                         : [at] "=&r"(at) : [p] "r"(p)                          \
                         : "x9", "x10", "x11", "x12", "x13", "memory");        \
        printf("%-8s +%-2d %s code %d addr %d pc %d\n", name, off,              \
               got_sig == SIGBUS ? "SIGBUS" : got_sig ? "other" : "none",      \
               got_code, got_addr == (uintptr_t)p, got_pc == at);              \
    } while (0)

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);

    TRY("ldxr",   "ldxr x10, [x9]", 4);
    TRY("ldxr",   "ldxr w10, [x9]", 2);
    TRY("ldxrh",  "ldxrh w10, [x9]", 1);
    TRY("ldxrb",  "ldxrb w10, [x9]", 1);
    TRY("ldaxr",  "ldaxr x10, [x9]", 8);
    TRY("ldaxr",  "ldaxr x10, [x9]", 1);
    TRY("stxr",   "stxr w11, x10, [x9]", 4);
    TRY("stlxr",  "stlxr w11, w10, [x9]", 2);
    TRY("ldxp",   "ldxp x10, x11, [x9]", 8);
    TRY("ldxp",   "ldxp w10, w11, [x9]", 4);
    TRY("stxp",   "stxp w12, x10, x11, [x9]", 8);
    TRY("ldar",   "ldar x10, [x9]", 4);
    TRY("stlr",   "stlr w10, [x9]", 2);
    TRY("ldapr",  "ldapr x10, [x9]", 4);
    TRY("cas",    "cas x10, x11, [x9]", 4);
    TRY("casal",  "casal w10, w11, [x9]", 2);
    TRY("casp",   "casp x10, x11, x12, x13, [x9]", 8);
    TRY("ldadd",  "ldadd x10, x11, [x9]", 4);
    TRY("ldseth", "ldseth w10, w11, [x9]", 1);
    TRY("swp",    "swp x10, x11, [x9]", 2);
    TRY("ldadd",  "ldadd x10, x11, [x9]", 16);
    TRY("ldr",    "ldr x10, [x9]", 3);
    TRY("ldxr",   "ldxr x10, [x9]", 0);
    TRY("stxr",   "stxr w11, x10, [x9]", 0);
    return 0;
}
