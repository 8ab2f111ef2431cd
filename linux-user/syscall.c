/* linux-user/syscall.c — syscall dispatch, the errno mapper and -strace.
 *
 * The table is syscalls.def expanded by number: name, handler, formats.
 * lu_do_syscall() reads the AArch64 convention (X8 = number, X0..X5 =
 * arguments, result in X0) and calls the row's handler; a number without a
 * row is -ENOSYS.  With -strace each call prints as QEMU prints it,
 *     PID name(arg,arg,...) = result
 * (errors as "-1 errno=N (text)") on the log, the call half before the
 * handler runs so that a blocking call is visible while it blocks.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

enum { LU_A_NONE = 0, LU_A_DEC, LU_A_UDEC, LU_A_HEX, LU_A_OCT, LU_A_PTR,
       LU_A_STR, LU_A_FD };
enum { LU_R_DEC, LU_R_HEX, LU_R_NORET };

typedef struct LuSyscallDef {
    const char *name;
    int64_t (*fn)(LuThread *t, const uint64_t *a);
    uint8_t ret;
    uint8_t args[6];
} LuSyscallDef;

#define LU_NR_MAX 512

static const LuSyscallDef lu_syscalls[LU_NR_MAX] = {
#define LU_SYSCALL(nr, name, ret, ...) \
    [nr] = { #name, lu_sys_##name, ret, { __VA_ARGS__ } },
#include "linux-user/syscalls.def"
#undef LU_SYSCALL
};

/* ---- errno ---------------------------------------------------------------- */

/* Linux uses the same errno numbers on AArch64 and x86-64 (both take
 * asm-generic/errno.h); this is still the one place that would map them. */
_Static_assert(ENOSYS == 38 && EAGAIN == 11 && ENOTSUP == 95 && ELOOP == 40,
               "host errno values are the asm-generic ones");

int64_t lu_errno(int host_errno)
{
    return -(int64_t)host_errno;
}

int64_t lu_host_ret(int64_t r)
{
    return r < 0 ? lu_errno(errno) : r;
}

/* ---- -strace -------------------------------------------------------------- */

static void print_str(LuThread *t, FILE *out, uint64_t g)
{
    char buf[256];
    if (!g) {
        fputs("NULL", out);
        return;
    }
    int64_t n = lu_strncpy_from_guest(&t->proc->mem, buf, sizeof(buf), g);
    if (n == -EFAULT) {
        fprintf(out, "0x%llx", (unsigned long long)g);
        return;
    }
    if (n < 0)
        n = sizeof(buf) - 1;
    fputc('"', out);
    for (int64_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, out);
        else
            fprintf(out, "\\%03o", c);
    }
    fputs(n == sizeof(buf) - 1 ? "\"..." : "\"", out);
}

static void print_arg(LuThread *t, FILE *out, unsigned kind, uint64_t v)
{
    switch (kind) {
    case LU_A_DEC: fprintf(out, "%lld", (long long)v); break;
    case LU_A_UDEC: fprintf(out, "%llu", (unsigned long long)v); break;
    case LU_A_HEX: case LU_A_PTR: fprintf(out, "0x%llx", (unsigned long long)v); break;
    case LU_A_OCT: fprintf(out, "0%llo", (unsigned long long)v); break;
    case LU_A_STR: print_str(t, out, v); break;
    case LU_A_FD:
        if ((int)v == -100)
            fputs("AT_FDCWD", out);
        else
            fprintf(out, "%d", (int)v);
        break;
    }
}

/* Several threads share the log: each record is written under the FILE's
 * lock, and a call half left open (a blocking call, printed before it
 * runs) is closed with " ..." when another thread writes meanwhile; its
 * result then comes on a line of its own, "TID <... name resumed> = R",
 * as strace -f writes it.  A single thread's output is unchanged.  The
 * open line's owner is process-wide state of the one log stream. */
static pid_t strace_open_tid;           /* 0: no call half open */

static void strace_close_other(FILE *out, pid_t me)
{
    if (strace_open_tid && strace_open_tid != me)
        fputs(" ...\n", out);
    strace_open_tid = 0;
}

static void strace_call(LuThread *t, uint64_t nr, const LuSyscallDef *d,
                        const uint64_t *a)
{
    FILE *out = t->proc->log;
    flockfile(out);
    strace_close_other(out, t->tid);
    fprintf(out, "%d ", (int)t->tid);
    if (!d) {
        fprintf(out, "syscall_%llu(0x%llx,0x%llx,0x%llx,0x%llx,0x%llx,0x%llx)",
                (unsigned long long)nr, (unsigned long long)a[0],
                (unsigned long long)a[1], (unsigned long long)a[2],
                (unsigned long long)a[3], (unsigned long long)a[4],
                (unsigned long long)a[5]);
    } else {
        fprintf(out, "%s(", d->name);
        for (int i = 0; i < 6 && d->args[i] != LU_A_NONE; i++) {
            if (i)
                fputc(',', out);
            print_arg(t, out, d->args[i], a[i]);
        }
        fputc(')', out);
    }
    if (d && d->ret == LU_R_NORET)
        fputc('\n', out);
    else
        strace_open_tid = t->tid;
    fflush(out);
    funlockfile(out);
}

static void strace_result(LuThread *t, const LuSyscallDef *d, uint64_t nr, int64_t r)
{
    FILE *out = t->proc->log;
    flockfile(out);
    if (strace_open_tid != t->tid) {
        strace_close_other(out, t->tid);
        if (d)
            fprintf(out, "%d <... %s resumed>", (int)t->tid, d->name);
        else
            fprintf(out, "%d <... syscall_%llu resumed>", (int)t->tid,
                    (unsigned long long)nr);
    }
    strace_open_tid = 0;
    if (r < 0 && r >= -4095)
        fprintf(out, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
    else if (d && d->ret == LU_R_HEX)
        fprintf(out, " = 0x%llx\n", (unsigned long long)r);
    else
        fprintf(out, " = %lld\n", (long long)r);
    fflush(out);
    funlockfile(out);
}

/* ---- Dispatch ------------------------------------------------------------- */

void lu_do_syscall(LuThread *t)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    uint64_t nr = cpu->x[8];
    uint64_t a[6] = { cpu->x[0], cpu->x[1], cpu->x[2],
                      cpu->x[3], cpu->x[4], cpu->x[5] };
    const LuSyscallDef *d = nr < LU_NR_MAX && lu_syscalls[nr].name
                          ? &lu_syscalls[nr] : NULL;
    if (t->proc->strace)
        strace_call(t, nr, d, a);
    int64_t r = d ? d->fn(t, a) : -ENOSYS;
    if (t->exited)
        return;
    if (t->proc->strace)
        strace_result(t, d, nr, r);
    cpu->x[0] = (uint64_t)r;
}
