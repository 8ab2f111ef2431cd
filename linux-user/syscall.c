/* linux-user/syscall.c — syscall dispatch, the errno mapper and -strace.
 *
 * The table is syscalls.def expanded by number: name, handler, formats.
 * lu_do_syscall() reads the AArch64 convention (X8 = number, X0..X5 =
 * arguments, result in X0) and calls the row's handler; a number without a
 * row is -ENOSYS.  With -strace each call prints as QEMU prints it,
 *     PID name(arg,arg,...) = result
 * (errors as "-1 errno=N (text)") on the log, the call half before the
 * handler runs so that a blocking call is visible while it blocks (other
 * threads' lines in between: "<... name resumed>", as strace -f).  Flag
 * arguments are decoded with the guest's (AArch64) values: open flags, mmap
 * prot and flags, signal numbers, fcntl commands, address families, socket
 * types, ioctl requests, AT_* flags.
 *
 * ENOSYS summary: a syscall missing from the table prints under -strace as
 *     PID syscall_N(0x..,...) = -1 errno=38 (Function not implemented)
 * and every call that returns -ENOSYS prints "errno=38" there.  With
 * TERN_STRACE_ENOSYS=1 in tern's environment (no -strace needed) only those
 * calls are logged, one line each, saying why:
 *     tern: ENOSYS syscall_N (nr N) [not in table]      no row: missing
 *     tern: ENOSYS name (nr N)                          the handler refused
 *                                                       (e.g. an unknown op)
 *     tern: ENOSYS name (nr N) [by design]              a LU_R_REFUSED row:
 *                                                       io_uring_setup
 * so `grep 'tern: ENOSYS' | grep -v 'by design'` over a test run lists what
 * is still missing.
 */
#include "linux-user/lu-internal.h"
#include "linux-user/syscall-xlate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

enum { LU_A_NONE = 0, LU_A_DEC, LU_A_UDEC, LU_A_HEX, LU_A_OCT, LU_A_PTR,
       LU_A_STR, LU_A_FD,
       LU_A_OFLAGS,     /* open(2) flags, guest values */
       LU_A_PROT,       /* PROT_* */
       LU_A_MMAPF,      /* MAP_* */
       LU_A_SIG,        /* signal number */
       LU_A_FCNTL,      /* fcntl command */
       LU_A_AF,         /* address family */
       LU_A_ATFL,       /* AT_* flags */
       LU_A_IOCTL,      /* ioctl request */
       LU_A_SOCKTYPE,   /* socket type and SOCK_* flags */
};
enum { LU_R_DEC, LU_R_HEX, LU_R_NORET,
       LU_R_REFUSED,    /* -ENOSYS by design (printed as LU_R_DEC) */
};

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

/* ---- -strace: flag tables (AArch64 values) -------------------------------- */

typedef struct LuFlagName {
    uint64_t bit;
    const char *name;
} LuFlagName;

#define FLAGS_END { 0, NULL }

static const LuFlagName lu_oflag_names[] = {
    { 00000100, "O_CREAT" },    { 00000200, "O_EXCL" },
    { 00000400, "O_NOCTTY" },   { 00001000, "O_TRUNC" },
    { 00002000, "O_APPEND" },   { 00004000, "O_NONBLOCK" },
    { 00010000, "O_DSYNC" },    { 00020000, "O_ASYNC" },
    { 00040000, "O_DIRECTORY" },{ 00100000, "O_NOFOLLOW" },
    { 00200000, "O_DIRECT" },   { 00400000, "O_LARGEFILE" },
    { 01000000, "O_NOATIME" },  { 02000000, "O_CLOEXEC" },
    { 04000000, "O_SYNC" },     { 010000000, "O_PATH" },
    { 020000000, "O_TMPFILE" }, FLAGS_END,
};

static const LuFlagName lu_prot_names[] = {
    { 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" },
    { 0x10, "PROT_BTI" }, { 0x20, "PROT_MTE" }, FLAGS_END,
};

static const LuFlagName lu_mmap_names[] = {
    { 0x10, "MAP_FIXED" },      { 0x20, "MAP_ANONYMOUS" },
    { 0x100, "MAP_GROWSDOWN" }, { 0x800, "MAP_DENYWRITE" },
    { 0x1000, "MAP_EXECUTABLE" }, { 0x2000, "MAP_LOCKED" },
    { 0x4000, "MAP_NORESERVE" }, { 0x8000, "MAP_POPULATE" },
    { 0x10000, "MAP_NONBLOCK" }, { 0x20000, "MAP_STACK" },
    { 0x40000, "MAP_HUGETLB" }, { 0x80000, "MAP_SYNC" },
    { 0x100000, "MAP_FIXED_NOREPLACE" }, FLAGS_END,
};

static const LuFlagName lu_at_names[] = {
    { 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" },
    { 0x400, "AT_SYMLINK_FOLLOW" },   { 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, "AT_EMPTY_PATH" },      FLAGS_END,
};

static const char *const lu_sig_names[32] = {
    [1] = "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
    "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
    "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
    "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
    "SIGSYS",
};

static const char *const lu_fcntl_names[] = {
    [0] = "F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK",
    "F_SETLK", "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG",
    [36] = "F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW",
};

static const char *lu_fcntl_name(uint64_t cmd)
{
    static const struct { unsigned cmd; const char *name; } linux_cmds[] = {
        { 1024, "F_SETLEASE" }, { 1025, "F_GETLEASE" }, { 1026, "F_NOTIFY" },
        { 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" },
        { 1032, "F_GETPIPE_SZ" }, { 1033, "F_ADD_SEALS" }, { 1034, "F_GET_SEALS" },
    };
    if (cmd < sizeof(lu_fcntl_names) / sizeof(lu_fcntl_names[0]))
        return lu_fcntl_names[cmd];
    for (size_t i = 0; i < sizeof(linux_cmds) / sizeof(linux_cmds[0]); i++)
        if (linux_cmds[i].cmd == cmd)
            return linux_cmds[i].name;
    return NULL;
}

static const LuFlagName lu_sock_flag_names[] = {
    { 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" }, FLAGS_END,
};

static const char *const lu_sock_type_names[] = {
    [1] = "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET",
    "SOCK_DCCP", [10] = "SOCK_PACKET",
};

static const char *const lu_af_names[] = {
    [0] = "AF_UNSPEC", [1] = "AF_UNIX", [2] = "AF_INET", [10] = "AF_INET6",
    [16] = "AF_NETLINK", [17] = "AF_PACKET",
};

/* ---- -strace: printing ---------------------------------------------------- */

/* "A|B|0x40": the names of the bits set in v, the unknown rest in hex;
 * zero when v is 0. */
static void print_flags(FILE *out, const LuFlagName *names, uint64_t v,
                        const char *zero)
{
    const char *sep = "";
    if (!v) {
        fputs(zero, out);
        return;
    }
    for (const LuFlagName *f = names; f->name; f++) {
        if ((v & f->bit) != f->bit)
            continue;
        fprintf(out, "%s%s", sep, f->name);
        v &= ~f->bit;
        sep = "|";
    }
    if (v)
        fprintf(out, "%s0x%llx", sep, (unsigned long long)v);
}

static void print_oflags(FILE *out, uint64_t v)
{
    static const char *const acc[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    fputs(acc[v & 3], out);
    if (v & ~(uint64_t)3) {
        fputc('|', out);
        print_flags(out, lu_oflag_names, v & ~(uint64_t)3, "0");
    }
}

static void print_mmap_flags(FILE *out, uint64_t v)
{
    /* The mapping type is a two-bit field, not two flags. */
    static const char *const type[4] = { "0", "MAP_SHARED", "MAP_PRIVATE",
                                         "MAP_SHARED_VALIDATE" };
    fputs(type[v & 3], out);
    if (v & ~(uint64_t)3) {
        fputc('|', out);
        print_flags(out, lu_mmap_names, v & ~(uint64_t)3, "0");
    }
}

static void print_named(FILE *out, const char *name, long long v);

static void print_socktype(FILE *out, uint64_t v)
{
    uint64_t type = v & 0xf;
    print_named(out, lu_sock_type_names[type], (long long)type);
    if (v & ~(uint64_t)0xf) {
        fputc('|', out);
        print_flags(out, lu_sock_flag_names, v & ~(uint64_t)0xf, "0");
    }
}

static void print_named(FILE *out, const char *name, long long v)
{
    if (name)
        fputs(name, out);
    else
        fprintf(out, "%lld", v);
}

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
    case LU_A_OFLAGS: print_oflags(out, v); break;
    case LU_A_PROT: print_flags(out, lu_prot_names, v, "PROT_NONE"); break;
    case LU_A_MMAPF: print_mmap_flags(out, v); break;
    case LU_A_ATFL: print_flags(out, lu_at_names, v, "0"); break;
    case LU_A_SIG:
        print_named(out, v < 32 ? lu_sig_names[v] : NULL, (long long)v);
        break;
    case LU_A_FCNTL: print_named(out, lu_fcntl_name(v), (long long)v); break;
    case LU_A_SOCKTYPE: print_socktype(out, v); break;
    case LU_A_IOCTL:
        if (lu_ioctl_name(v))
            fputs(lu_ioctl_name(v), out);
        else
            fprintf(out, "0x%llx", (unsigned long long)v);
        break;
    case LU_A_AF:
        print_named(out, v < sizeof(lu_af_names) / sizeof(lu_af_names[0])
                         ? lu_af_names[v] : NULL, (long long)v);
        break;
    }
}

/* Several threads share the log.  Each half of a line is formatted apart
 * (reading guest memory for strings) and written under the FILE's lock; a
 * call half left open (a blocking call, printed before it runs) is closed
 * with " ..." when another thread writes meanwhile, and its result then
 * comes on a line of its own, "TID <... name resumed> = R", as strace -f
 * writes it.  A single thread's output is unchanged.  The open line's owner
 * is process-wide state of the one log stream, changed under its lock. */
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
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    fprintf(mem, "%d ", (int)t->tid);
    if (!d) {
        fprintf(mem, "syscall_%llu(0x%llx,0x%llx,0x%llx,0x%llx,0x%llx,0x%llx)",
                (unsigned long long)nr, (unsigned long long)a[0],
                (unsigned long long)a[1], (unsigned long long)a[2],
                (unsigned long long)a[3], (unsigned long long)a[4],
                (unsigned long long)a[5]);
    } else {
        fprintf(mem, "%s(", d->name);
        for (int i = 0; i < 6 && d->args[i] != LU_A_NONE; i++) {
            if (i)
                fputc(',', mem);
            print_arg(t, mem, d->args[i], a[i]);
        }
        fputc(')', mem);
    }
    bool noret = d && d->ret == LU_R_NORET;
    if (noret)
        fputc('\n', mem);
    fclose(mem);
    FILE *out = t->proc->log;
    flockfile(out);
    strace_close_other(out, t->tid);
    fwrite(text, 1, len, out);
    if (!noret)
        strace_open_tid = t->tid;
    fflush(out);
    funlockfile(out);
    free(text);
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

/* TERN_STRACE_ENOSYS: one line per call that returned -ENOSYS.  Read on
 * this rare path only, so it costs nothing otherwise. */
static void report_enosys(LuThread *t, uint64_t nr, const LuSyscallDef *d)
{
    const char *on = getenv("TERN_STRACE_ENOSYS");
    if (!on || !*on || !strcmp(on, "0"))
        return;
    char line[128];
    if (d)
        snprintf(line, sizeof(line), "tern: ENOSYS %s (nr %llu)%s\n", d->name,
                 (unsigned long long)nr, d->ret == LU_R_REFUSED ? " [by design]" : "");
    else
        snprintf(line, sizeof(line), "tern: ENOSYS syscall_%llu (nr %llu) [not in table]\n",
                 (unsigned long long)nr, (unsigned long long)nr);
    FILE *out = t->proc->log;
    flockfile(out);
    strace_close_other(out, t->tid);
    fputs(line, out);
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
    if (r == -ENOSYS)
        report_enosys(t, nr, d);
    cpu->x[0] = (uint64_t)r;
}
