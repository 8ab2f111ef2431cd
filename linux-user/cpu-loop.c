/* linux-user/cpu-loop.c — running one guest thread until it exits or dies.
 *
 * cpu_exec() runs translated code until something needs the OS: a syscall,
 * or a guest fault that Linux would turn into a signal.  Exceptions map to
 * signals as the arm64 kernel maps them:
 *     UDEF -> SIGILL, BKPT -> SIGTRAP,
 *     DATA_ABORT / PREFETCH_ABORT -> SIGSEGV (SIGBUS for a host SIGBUS,
 *     e.g. a file mapping past the end of its file).
 * Synchronous signals cannot be delivered to guest handlers yet (next
 * issue), so they end the process by that signal.  t->in_guest tells the
 * host fault handler that a fault in the guest region is the guest's.
 */
#include "linux-user/lu-internal.h"

#include <sched.h>
#include <string.h>

#include "frontend/aarch64/a64.h"

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGILL: return "Illegal instruction";
    case SIGTRAP: return "Trace/breakpoint trap";
    case SIGBUS: return "Bus error";
    case SIGSEGV: return "Segmentation fault";
    default: return "Signal";
    }
}

/* The guest took a synchronous exception it has no way to handle. */
static _Noreturn void guest_fatal(LuThread *t, int sig)
{
    LuProcess *p = t->proc;
    A64CPU *cpu = (A64CPU *)t->cpu;
    fprintf(stderr, "tern-aarch64: uncaught target signal %d (%s) at pc 0x%llx",
            sig, signal_name(sig), (unsigned long long)cpu->pc);
    if (cpu->common.exception == TERN_EXCP_DATA_ABORT ||
        cpu->common.exception == TERN_EXCP_PREFETCH_ABORT)
        fprintf(stderr, ", %s address 0x%llx",
                cpu->common.fault_write ? "write" : "access",
                (unsigned long long)cpu->common.fault_addr);
    fputc('\n', stderr);
    const GuestArch *arch = exec_arch(p->exec);
    if (p->log != stderr || p->strace)
        arch->dump_state(p->log, t->cpu);
    lu_die_by_signal(t, sig);
}

/* Handles what stopped cpu_exec(); false when the thread has exited. */
static bool handle_exception(LuThread *t, int excp)
{
    switch ((TernExcp)excp) {
    case TERN_EXCP_NONE:
    case TERN_EXCP_INTERRUPT:
        return true;
    case TERN_EXCP_HALT:
        /* WFI/WFE in user mode are hints: nothing to wait for. */
        sched_yield();
        return true;
    case TERN_EXCP_SYSCALL:
        lu_do_syscall(t);
        return !t->exited;
    case TERN_EXCP_UDEF:
        guest_fatal(t, SIGILL);
    case TERN_EXCP_BKPT:
        guest_fatal(t, SIGTRAP);
    case TERN_EXCP_PREFETCH_ABORT:
        guest_fatal(t, SIGSEGV);
    case TERN_EXCP_DATA_ABORT:
        guest_fatal(t, t->fault_sig == SIGBUS ? SIGBUS : SIGSEGV);
    }
    return true;
}

int lu_cpu_loop(LuThread *t)
{
    for (;;) {
        t->in_guest = 1;
        int excp = cpu_exec(t->proc->exec, t->cpu);
        t->in_guest = 0;
        if (!handle_exception(t, excp))
            return t->exit_status;
        t->cpu->exception = TERN_EXCP_NONE;
        t->fault_sig = 0;
    }
}
