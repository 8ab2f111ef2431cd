/* linux-user/process.c — guest processes: fork, execve, execveat, wait4,
 * waitid.
 *
 * fork.  A guest fork (clone without CLONE_VM; vfork too, see thread.c) is
 * a host fork: one host process stays one guest process, so pids, ppids,
 * process groups, sessions, wait and kill need no translation.  Only the
 * forking host thread lives on in the child, so the child's Exec forgets
 * the other CPUs (exec_fork_child_cpu), and the locks another thread might
 * hold across the fork are taken first: the address-space lock and the
 * signal lock here (in the order munmap takes them: LuMem, then Exec), the
 * Exec locks by exec's pthread_atfork handlers, malloc and stdio by glibc.
 * The exit signal is always SIGCHLD (fork's); CLONE_SETTLS, the SETTID and
 * CLEARTID flags and a new stack are honoured as for threads.
 *
 * execve.  What the kernel does, with the guest's sysroot: the path goes
 * through lu_path (sysroot first), the file must exist (ENOENT), be a
 * regular executable file (EACCES); its first bytes decide:
 *   - an AArch64 ELF: tern runs it — host execve of /proc/self/exe (tern
 *     itself, even if its file was replaced meanwhile) with tern's own
 *     options (-L, -strace, -d, -D, -backend, -one-insn-per-tb, -perfmap;
 *     not -E/-U: the guest's envp is already the new environment), -0 for
 *     the guest's argv[0], -execfn for the path the guest gave (its
 *     AT_EXECFN and comm, as Linux keeps them), the program's host path
 *     and argv[1..];
 *   - any other ELF: a host program, exec'd natively;
 *   - "#!": the interpreter line is parsed as binfmt_script does
 *     (interpreter, at most one argument) and argv becomes interpreter,
 *     [argument,] script path, argv[1..]; the interpreter is then looked
 *     up and classified the same way (at most 4 levels, then ELOOP);
 *   - anything else: ENOEXEC (a shell then runs it as a script itself).
 * The guest's blocked signal set becomes the host's for the execve, so the
 * new image (tern, which reads it back, or a host program) inherits it as
 * Linux's execve would; ignored signals are already ignored on the host.
 * A failing execve returns the host's errno to the guest, never a message.
 *
 * With -D the exec'd tern opens the log file afresh, and so truncates it:
 * use the default (stderr) to trace a process tree.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

#define MEM(t) (&(t)->proc->mem)

#define LU_EM_AARCH64       183
#define LU_EXEC_MAX_DEPTH   4                 /* #! nesting (BINPRM_MAX_RECURSION) */
#define LU_EXEC_HDR         256               /* bytes binfmt_script looks at */
#define LU_ARG_STRLEN_MAX   (32 * 4096)       /* MAX_ARG_STRLEN */
#define LU_ARGS_MAX         (1u << 20)        /* strings per vector */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH       0x1000
#endif

/* siginfo_t for SIGCHLD: the generic 64-bit layout on both ABIs. */
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t as on arm64");
_Static_assert(offsetof(siginfo_t, si_pid) == 16 && offsetof(siginfo_t, si_uid) == 20 &&
               offsetof(siginfo_t, si_status) == 24 && offsetof(siginfo_t, si_utime) == 32,
               "siginfo_t._sigchld as on arm64");

/* ---- fork ------------------------------------------------------------------- */

#define LU_FORK_FLAGS (CSIGNAL | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                       CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | \
                       CLONE_DETACHED | CLONE_PTRACE | CLONE_UNTRACED)

static void put_pid(LuThread *t, uint64_t addr, pid_t pid)
{
    uint32_t v = (uint32_t)pid;
    (void)lu_copy_to_guest(MEM(t), addr, &v, sizeof(v));   /* ignored, as Linux */
}

/* In the child: this thread is the whole process now. */
static void fork_child(LuThread *t, uint64_t flags, uint64_t newsp, uint64_t tls,
                       uint64_t ctid)
{
    LuProcess *p = t->proc;
    A64CPU *cpu = (A64CPU *)t->cpu;
    p->pid = getpid();
    t->tid = p->pid;
    __atomic_store_n(&p->extra_threads, 0, __ATOMIC_RELEASE);
    exec_fork_child_cpu(p->exec, t->cpu);
    lu_cpus_fork_child(t);      /* and the rseq registration is kept */
    if (newsp)
        cpu->sp = newsp;
    if (flags & CLONE_SETTLS)
        cpu->tpidr_el0 = tls;
    if (flags & CLONE_CHILD_SETTID)
        put_pid(t, ctid, t->tid);
    if (flags & CLONE_CHILD_CLEARTID)
        t->clear_child_tid = ctid;
}

int64_t lu_fork(LuThread *t, uint64_t flags, uint64_t newsp, uint64_t ptid,
                uint64_t tls, uint64_t ctid)
{
    LuProcess *p = t->proc;
    if (flags & ~(uint64_t)LU_FORK_FLAGS)
        return -EINVAL;
    fflush(p->log);             /* or the child writes our buffered lines again */
    fflush(stdout);
    fflush(stderr);
    pthread_mutex_lock(&p->mem.lock);
    pthread_mutex_lock(&p->sig_lock);
    pthread_mutex_lock(&p->cpus.lock);
    pid_t pid = fork();
    int err = errno;
    if (pid != 0)               /* the child makes its own (cpus.c) */
        pthread_mutex_unlock(&p->cpus.lock);
    pthread_mutex_unlock(&p->sig_lock);
    pthread_mutex_unlock(&p->mem.lock);
    if (pid < 0)
        return lu_errno(err);
    if (pid == 0) {
        fork_child(t, flags, newsp, tls, ctid);
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID)
        put_pid(t, ptid, pid);
    return pid;
}

/* ---- String vectors ------------------------------------------------------------ */

/* A NULL-terminated vector of owned strings. */
typedef struct LuStrv {
    char **v;
    size_t n, cap;
} LuStrv;

static void strv_free(LuStrv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof(*s));
}

/* Appends a copy of str; false when out of memory. */
static bool strv_add(LuStrv *s, const char *str)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, cap * sizeof(*v));
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    char *c = strdup(str);
    if (!c)
        return false;
    s->v[s->n++] = c;
    s->v[s->n] = NULL;
    return true;
}

static bool strv_add_all(LuStrv *s, char *const *v)
{
    for (; v && *v; v++)
        if (!strv_add(s, *v))
            return false;
    return true;
}

/* An empty vector (v is never NULL afterwards); false when out of memory. */
static bool strv_init(LuStrv *s)
{
    memset(s, 0, sizeof(*s));
    s->v = calloc(16, sizeof(*s->v));
    s->cap = s->v ? 16 : 0;
    return s->v != NULL;
}

/* The guest's char *[] at g (0: empty, as Linux accepts) into s; 0 or a
 * negative errno. */
static int64_t strv_from_guest(LuThread *t, uint64_t g, LuStrv *s)
{
    char *buf = malloc(LU_ARG_STRLEN_MAX);
    int64_t r = buf ? 0 : -ENOMEM;
    for (uint64_t i = 0; g && r == 0; i++) {
        uint64_t ptr;
        if (i >= LU_ARGS_MAX)
            r = -E2BIG;
        else if (lu_copy_from_guest(MEM(t), &ptr, g + 8 * i, sizeof(ptr)))
            r = -EFAULT;
        else if (!ptr)
            break;
        else if ((r = lu_strncpy_from_guest(MEM(t), buf, LU_ARG_STRLEN_MAX, ptr)) >= 0)
            r = strv_add(s, buf) ? 0 : -ENOMEM;
        else if (r == -ENAMETOOLONG)
            r = -E2BIG;
    }
    free(buf);
    return r;
}

/* ---- What the file is ---------------------------------------------------------- */

typedef enum LuExecKind {
    LU_EXEC_GUEST,              /* AArch64 ELF: run under tern */
    LU_EXEC_HOST,               /* another ELF: the host runs it */
    LU_EXEC_SCRIPT,             /* "#!" */
} LuExecKind;

/* The checks execve makes before loading, and the file's first bytes
 * (NUL-terminated) into hdr; their count, or a negative errno. */
static int64_t read_header(const char *path, char *hdr, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return lu_errno(errno);
    struct stat st;
    int64_t r;
    if (fstat(fd, &st))
        r = lu_errno(errno);
    else if (!S_ISREG(st.st_mode))
        r = -EACCES;
    else if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS))
        r = lu_errno(errno);
    else if ((r = pread(fd, hdr, size - 1, 0)) < 0)
        r = lu_errno(errno);
    else
        hdr[r] = 0;
    close(fd);
    return r;
}

static int64_t exec_kind(const char *hdr, int64_t n)
{
    const unsigned char *h = (const unsigned char *)hdr;
    if (n >= 20 && !memcmp(h, "\177ELF", 4)) {
        unsigned machine = h[18] | (unsigned)h[19] << 8;
        return machine == LU_EM_AARCH64 && h[4] == 2 /* ELFCLASS64 */
               ? LU_EXEC_GUEST : LU_EXEC_HOST;
    }
    if (n >= 2 && h[0] == '#' && h[1] == '!')
        return LU_EXEC_SCRIPT;
    return -ENOEXEC;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* binfmt_script: "#!" blanks interpreter [blanks argument] newline, the
 * argument being the rest of the line without trailing blanks.  Writes
 * NUL-terminated pointers into hdr; -ENOEXEC for no interpreter. */
static int64_t parse_shebang(char *hdr, int64_t n, char **interp, char **arg)
{
    char *end = memchr(hdr, '\n', (size_t)n);
    if (!end) {
        if (n == LU_EXEC_HDR - 1)
            return -ENOEXEC;    /* the line does not fit: truncated */
        end = hdr + n;
    }
    *end = 0;
    char *p = hdr + 2;
    while (is_blank(*p))
        p++;
    if (!*p)
        return -ENOEXEC;
    *interp = p;
    while (*p && !is_blank(*p))
        p++;
    if (*p)
        *p++ = 0;
    while (is_blank(*p))
        p++;
    char *e = p + strlen(p);
    while (e > p && is_blank(e[-1]))
        *--e = 0;
    *arg = *p ? p : NULL;
    return 0;
}

/* argv for the interpreter: interp, [arg,] the script's path, argv[1..]. */
static int64_t script_argv(LuStrv *argv, const char *interp, const char *arg,
                           const char *script)
{
    LuStrv nv;
    if (!strv_init(&nv))
        return -ENOMEM;
    bool ok = strv_add(&nv, interp) && (!arg || strv_add(&nv, arg)) &&
              strv_add(&nv, script) && strv_add_all(&nv, argv->n ? argv->v + 1 : NULL);
    if (!ok) {
        strv_free(&nv);
        return -ENOMEM;
    }
    strv_free(argv);
    *argv = nv;
    return 0;
}

/* Follows #! lines from the guest path in path (PATH_MAX bytes, updated to
 * the final program's guest path) until a binary; its host path goes to
 * host (PATH_MAX bytes).  Returns its LuExecKind or a negative errno. */
static int64_t exec_resolve(LuThread *t, char *path, char *host, LuStrv *argv)
{
    char hdr[LU_EXEC_HDR], buf[PATH_MAX];
    for (int depth = 0; depth <= LU_EXEC_MAX_DEPTH; depth++) {
        const char *h = lu_path(t->proc, path, buf, sizeof(buf));
        int64_t n = read_header(h, hdr, sizeof(hdr));
        int64_t kind = n < 0 ? n : exec_kind(hdr, n);
        if (kind < 0)
            return kind;
        if (kind != LU_EXEC_SCRIPT) {
            snprintf(host, PATH_MAX, "%s", h);
            return kind;
        }
        char *interp, *arg;
        int64_t r = parse_shebang(hdr, n, &interp, &arg);
        if (r == 0)
            r = script_argv(argv, interp, arg, path);
        if (r < 0)
            return r;
        if (strlen(interp) >= PATH_MAX)
            return -ENAMETOOLONG;
        memmove(path, interp, strlen(interp) + 1);
    }
    return -ELOOP;
}

/* ---- Running it ---------------------------------------------------------------- */

/* tern's own options again, as parsed (so -E/-U and -0 are not repeated). */
static bool add_tern_options(LuStrv *v, const LuProcess *p)
{
    const LuOptions *o = p->opts;
    bool ok = true;
    if (p->ld_prefix)
        ok = ok && strv_add(v, "-L") && strv_add(v, p->ld_prefix);
    if (p->strace)
        ok = ok && strv_add(v, "-strace");
    if (!o)
        return ok;
    if (o->backend)
        ok = ok && strv_add(v, "-backend") && strv_add(v, o->backend);
    if (o->log_mask) {
        char items[256];
        exec_format_log_items(o->log_mask, items, sizeof(items));
        ok = ok && strv_add(v, "-d") && strv_add(v, items);
    }
    if (o->log_file)
        ok = ok && strv_add(v, "-D") && strv_add(v, o->log_file);
    if (o->one_insn)
        ok = ok && strv_add(v, "-one-insn-per-tb");
    if (o->perf_map)
        ok = ok && strv_add(v, "-perfmap");
    if (o->code_wx)
        ok = ok && strv_add(v, "-wx");
    return ok;
}

/* The host execve with the guest's signal mask; returns only on failure. */
static int64_t host_execve(LuThread *t, const char *path, char *const argv[],
                           char *const envp[])
{
    LuProcess *p = t->proc;
    sigset_t guest, old;
    sigemptyset(&guest);
    for (int sig = 1; sig <= LU_NSIG; sig++)
        if (t->sigmask & ((uint64_t)1 << (sig - 1)))
            sigaddset(&guest, sig);   /* glibc's own two are refused: fine */
    fflush(p->log);
    fflush(stdout);
    fflush(stderr);
    if (p->log && p->log != stderr && p->log != stdout)
        fcntl(fileno(p->log), F_SETFD, FD_CLOEXEC);
    pthread_sigmask(SIG_SETMASK, &guest, &old);
    execve(path, argv, envp);
    int err = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return lu_errno(err);
}

static int64_t exec_under_tern(LuThread *t, const char *host, const char *execfn,
                               LuStrv *argv, LuStrv *envp)
{
    LuStrv tv;
    if (!strv_init(&tv))
        return -ENOMEM;
    /* A program path that looks like an option must not be read as one. */
    char prog[PATH_MAX + 2];
    snprintf(prog, sizeof(prog), "%s%s", host[0] == '-' ? "./" : "", host);
    bool ok = strv_add(&tv, program_invocation_name) && add_tern_options(&tv, t->proc) &&
              strv_add(&tv, "-0") && strv_add(&tv, argv->n ? argv->v[0] : "") &&
              strv_add(&tv, "-execfn") && strv_add(&tv, execfn) &&
              strv_add(&tv, prog) && strv_add_all(&tv, argv->n ? argv->v + 1 : NULL);
    int64_t r = ok ? host_execve(t, "/proc/self/exe", tv.v, envp->v) : -ENOMEM;
    strv_free(&tv);
    return r;
}

/* path: the guest path (PATH_MAX bytes, may be rewritten); execfn: what
 * the guest named (AT_EXECFN: the script for a #! file, /dev/fd/N/... for
 * execveat relative to a descriptor). */
static int64_t do_execve(LuThread *t, char *path, const char *execfn, uint64_t gargv,
                         uint64_t genvp)
{
    LuStrv argv, envp;
    char host[PATH_MAX];
    if (!strv_init(&argv) || !strv_init(&envp)) {
        strv_free(&argv);
        return -ENOMEM;
    }
    int64_t r = strv_from_guest(t, gargv, &argv);
    if (r == 0)
        r = strv_from_guest(t, genvp, &envp);
    if (r == 0)
        r = exec_resolve(t, path, host, &argv);
    if (r == LU_EXEC_GUEST)
        r = exec_under_tern(t, host, execfn, &argv, &envp);
    else if (r == LU_EXEC_HOST)
        r = host_execve(t, host, argv.v, envp.v);
    strv_free(&argv);
    strv_free(&envp);
    return r;
}

int64_t lu_sys_execve(LuThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t n = lu_strncpy_from_guest(MEM(t), path, sizeof(path), a[0]);
    if (n < 0)
        return n;
    if (n == 0)
        return -ENOENT;
    char execfn[PATH_MAX];
    memcpy(execfn, path, (size_t)n + 1);
    return do_execve(t, path, execfn, a[1], a[2]);
}

/* dirfd-relative paths become /proc/self/fd/N/path, which the host
 * resolves against that directory; AT_EMPTY_PATH runs the file dirfd is. */
int64_t lu_sys_execveat(LuThread *t, const uint64_t *a)
{
    char rel[PATH_MAX], path[PATH_MAX];
    int dirfd = (int)a[0], flags = (int)a[4];
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    int64_t n = lu_strncpy_from_guest(MEM(t), rel, sizeof(rel), a[1]);
    if (n < 0)
        return n;
    if (n == 0 && !(flags & AT_EMPTY_PATH))
        return -ENOENT;
    int len;
    char execfn[PATH_MAX + 32];
    if (n == 0) {
        len = snprintf(path, sizeof(path), "/proc/self/fd/%d", dirfd);
        snprintf(execfn, sizeof(execfn), "/dev/fd/%d", dirfd);
    } else if (rel[0] == '/' || dirfd == AT_FDCWD) {
        len = snprintf(path, sizeof(path), "%s", rel);
        snprintf(execfn, sizeof(execfn), "%s", rel);
    } else {
        len = snprintf(path, sizeof(path), "/proc/self/fd/%d/%s", dirfd, rel);
        snprintf(execfn, sizeof(execfn), "/dev/fd/%d/%s", dirfd, rel);
    }
    if (len < 0 || len >= (int)sizeof(path))
        return -ENAMETOOLONG;
    struct stat st;
    if ((flags & AT_SYMLINK_NOFOLLOW) && n && !lstat(path, &st) && S_ISLNK(st.st_mode))
        return -ELOOP;
    return do_execve(t, path, execfn, a[2], a[3]);
}

/* ---- wait ---------------------------------------------------------------------- */

/* A nullable guest pointer to len writable bytes: *h = NULL for 0. */
static bool out_buf(LuThread *t, uint64_t g, uint64_t len, void **h)
{
    *h = NULL;
    if (!g)
        return true;
    if (!lu_access_ok(MEM(t), g, len, PROT_WRITE))
        return false;
    *h = lu_g2h(MEM(t), g);
    return true;
}

/* The status word, rusage and siginfo have the host's layout (pinned here
 * and in syscall-proc.c), and children are host processes: pass through. */
int64_t lu_sys_wait4(LuThread *t, const uint64_t *a)
{
    void *status, *ru;
    if (!out_buf(t, a[1], 4, &status) || !out_buf(t, a[3], sizeof(struct rusage), &ru))
        return -EFAULT;
    return lu_host_ret(lu_safe_syscall(SYS_wait4, (pid_t)a[0], status, (int)a[2], ru));
}

int64_t lu_sys_waitid(LuThread *t, const uint64_t *a)
{
    void *info, *ru;
    if (!out_buf(t, a[2], sizeof(siginfo_t), &info) ||
        !out_buf(t, a[4], sizeof(struct rusage), &ru))
        return -EFAULT;
    return lu_host_ret(lu_safe_syscall(SYS_waitid, (int)a[0], (pid_t)a[1], info, (int)a[3], ru));
}
