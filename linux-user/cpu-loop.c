/* linux-user/cpu-loop.c — running one guest thread until it exits or dies.
 *
 * Each round: deliver the signals that are due (signal.c), run translated
 * code until something needs the OS, handle that.  cpu_exec() stops for a
 * syscall, for an exit request (a host signal queued a guest one), or for a
 * guest fault, which becomes a synchronous signal as the arm64 kernel
 * raises it, at the faulting instruction:
 *     UDEF  -> SIGILL  ILL_ILLOPC, si_addr = pc
 *     BKPT  -> SIGTRAP TRAP_BRKPT, si_addr = pc (BRK #imm, any imm)
 *     DATA_ABORT / PREFETCH_ABORT -> SIGSEGV, SEGV_MAPERR where nothing is
 *              mapped, SEGV_ACCERR where the protection forbids the access;
 *              SIGBUS for a host SIGBUS (BUS_ADRALN for a misaligned
 *              access, else BUS_ADRERR: a file mapping past its end), and
 *              SIGBUS BUS_ADRALN for the alignment check generated code
 *              makes itself (syndrome A64_SYNDROME_ALIGN: exclusives and
 *              atomics).
 * Such a signal goes to the guest's handler, or, blocked, ignored or
 * default, kills the process (force_sig).  t->in_guest tells the host fault
 * handler that a fault in the guest region is the guest's.
 *
 * Guest code runs only while the thread owns one of the guest's CPUs
 * (cpus.c): claimed at the top of each round, parked at each syscall.
 *
 * A syscall that returns -EINTR was interrupted by a host signal that
 * queued a guest one; whether it runs again is the arm64 kernel's choice
 * for the -ERESTART* code it would have returned (restart_kind below).
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
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

/* The guest took a synchronous exception it has no handler for. */
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

/* The siginfo the arm64 kernel sends for a guest exception. */
static LuSiginfo fault_info(LuThread *t, int excp)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    LuSiginfo info = { .signo = SIGSEGV };
    info.addr = cpu->common.fault_addr;
    switch ((TernExcp)excp) {
    case TERN_EXCP_UDEF:
        info.signo = SIGILL;
        info.code = LU_ILL_ILLOPC;
        info.addr = cpu->pc;
        break;
    case TERN_EXCP_BKPT:
        info.signo = SIGTRAP;
        info.code = LU_TRAP_BRKPT;
        info.addr = cpu->pc;
        break;
    case TERN_EXCP_DATA_ABORT:
        if (t->fault_sig == SIGBUS || cpu->common.syndrome == A64_SYNDROME_ALIGN) {
            info.signo = SIGBUS;
            info.code = t->fault_code == BUS_ADRALN || !t->fault_sig ? LU_BUS_ADRALN
                                                                      : LU_BUS_ADRERR;
            break;
        }
        /* fall through */
    case TERN_EXCP_PREFETCH_ABORT:
        info.code = lu_segv_code(&t->proc->mem, info.addr);
        break;
    case TERN_EXCP_NONE: case TERN_EXCP_INTERRUPT: case TERN_EXCP_SYSCALL:
    case TERN_EXCP_HALT:
        break;
    }
    return info;
}

static void raise_fault(LuThread *t, int excp)
{
    LuSiginfo info = fault_info(t, excp);
    if (!lu_signal_force(t, &info))
        guest_fatal(t, info.signo);
}

/* The -ERESTART* code Linux returns when a signal interrupts syscall nr
 * (AArch64 numbers); calls not listed return a final -EINTR.  The number
 * alone cannot see every case: a socket call with SO_RCVTIMEO/SO_SNDTIMEO
 * returns a final -EINTR on Linux but is restarted here under SA_RESTART,
 * and a relative nanosleep restarted without a handler sleeps its full
 * request again (Linux resumes the remaining time). */
static LuRestartKind restart_kind(uint64_t nr, const A64CPU *cpu)
{
    switch (nr) {
    case 25:  /* fcntl (F_SETLKW) */    case 29:  /* ioctl */
    case 32:  /* flock */               case 56:  /* openat (FIFO) */
    case 63:  /* read */                case 64:  /* write */
    case 65:  /* readv */               case 66:  /* writev */
    case 67:  /* pread64 */             case 68:  /* pwrite64 */
    case 69:  /* preadv */              case 70:  /* pwritev */
    case 71:  /* sendfile */            case 76:  /* splice */
    case 77:  /* tee */                 case 95:  /* waitid */
    case 202: /* accept */              case 203: /* connect */
    case 206: /* sendto */              case 207: /* recvfrom */
    case 211: /* sendmsg */             case 212: /* recvmsg */
    case 242: /* accept4 */             case 243: /* recvmmsg */
    case 260: /* wait4 */               case 269: /* sendmmsg */
    case 285: /* copy_file_range */
        return LU_RESTART_SYS;
    case 98:  /* futex: a wait with a timeout restarts through
                 restart_block, i.e. only without a handler */
        return cpu->x[3] ? LU_RESTART_NOHAND : LU_RESTART_SYS;
    case 72:  /* pselect6 */            case 73:  /* ppoll */
    case 101: /* nanosleep */           case 115: /* clock_nanosleep */
    case 133: /* rt_sigsuspend */
    case 188: /* msgrcv */              case 189: /* msgsnd */
        return LU_RESTART_NOHAND;
    default:
        return LU_RESTART_NEVER;
    }
}

/* Runs the syscall; a -EINTR result hands the restart decision to the
 * signal delivery that follows.  false when the thread has exited. */
static bool run_syscall(LuThread *t)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    LuSyscallRestart r = {
        .kind = restart_kind(cpu->x[8], cpu),
        .svc_pc = cpu->pc - 4,
        .x0 = cpu->x[0],
    };
    lu_cpu_park(t);
    lu_do_syscall(t);
    if (t->exited)
        return false;
    if ((int64_t)cpu->x[0] == -EINTR)
        lu_signal_deliver(t, &r);
    return true;
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
        return run_syscall(t);
    case TERN_EXCP_UDEF:
    case TERN_EXCP_BKPT:
    case TERN_EXCP_PREFETCH_ABORT:
    case TERN_EXCP_DATA_ABORT:
        raise_fault(t, excp);
        return true;
    }
    return true;
}

int lu_cpu_loop(LuThread *t)
{
    for (;;) {
        /* Preempted, migrated or fenced by membarrier: what the kernel
         * tells rseq on the way back to user space (force_sigsegv(0) when
         * the area is bad).  The fence is taken before waiting for a CPU:
         * the fixup below runs before any guest code either way. */
        bool fenced = lu_cpu_take_fence(t);
        if ((lu_cpu_claim(t) || fenced) && !lu_rseq_notify(t, true))
            lu_signal_force_segv(t, 0);
        lu_signal_deliver(t, NULL);
        t->in_guest = 1;
        int excp = cpu_exec(t->proc->exec, t->cpu);
        t->in_guest = 0;
        if (!handle_exception(t, excp))
            return t->exit_status;
        t->cpu->exception = TERN_EXCP_NONE;
        t->fault_sig = 0;
    }
}
