/* linux-user/main.c — tern-aarch64: run one AArch64 Linux program.
 *
 *     tern-aarch64 [options] PROGRAM [ARGS...]
 *
 * Reads top to bottom: options -> guest address space -> ELF image (with
 * its interpreter, from the -L sysroot, when dynamically linked) and
 * initial stack -> execution engine (frontend + backend) -> CPU -> host
 * fault handlers -> cpu loop.  Every failure before the guest runs is one
 * line "tern-aarch64: ...", exit status 1.  Afterwards the guest's own exit
 * status (or death by signal) is ours.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

extern char **environ;

static int error_exit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int error_exit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tern-aarch64: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

static void invalidate_tbs(void *opaque, uint64_t start, uint64_t len)
{
    exec_invalidate(opaque, start, len);
}

/* Loads the program and its stack into p; 0 or an error already printed. */
static int load_program(LuProcess *p, const LuOptions *o, int argc, char **argv)
{
    const char *prog = argv[0];
    char err[256];
    char *abs = realpath(prog, NULL);
    if (!abs)
        return error_exit("%s: %s", prog, strerror(errno));
    p->exe_path = abs;
    if (lu_load_elf(&p->mem, prog, o->ld_prefix, &p->image, err, sizeof(err)))
        return error_exit("%s: %s", prog, err);
    argv[0] = o->argv0 ? (char *)o->argv0 : argv[0];   /* -0 (an exec'd guest's) */
    /* What execve was given (an exec'd guest's -execfn), as Linux keeps it
     * for AT_EXECFN and names the process after it. */
    const char *execfn = o->execfn ? o->execfn : prog;
    const char *base = strrchr(execfn, '/');
    prctl(PR_SET_NAME, base ? base + 1 : execfn);
    LuStackInfo info = { .execfn = execfn, .hwcap = a64_hwcap(), .hwcap2 = a64_hwcap2() };
    if (lu_build_stack(&p->mem, &p->image, argv, o->envp, &info, err, sizeof(err)))
        return error_exit("%s: %s", prog, err);
    return 0;
}

static Exec *start_engine(LuProcess *p, const LuOptions *o, const Backend *be)
{
    ExecConfig cfg = {
        .arch = &a64_arch,
        .backend = be,
        .mem = { .guest_base = (uintptr_t)p->mem.base, .addr_bits = LU_ADDR_BITS },
        .max_insns = o->one_insn ? 1 : 0,
        .log_mask = o->log_mask,
        .log = p->log,
        .perf_map = o->perf_map,
        .code_wx = o->code_wx,
        .read_code = lu_read_code,
        .code_ptr = lu_code_ptr,
        .mem_opaque = &p->mem,
    };
    Exec *ex = exec_new(&cfg);
    if (ex) {
        p->mem.invalidate = invalidate_tbs;
        p->mem.inval_opaque = ex;
    }
    return ex;
}

static A64CPU *new_cpu(LuThread *t)
{
    size_t size = (a64_arch.cpu_size + 63) & ~(size_t)63;
    A64CPU *cpu = aligned_alloc(64, size);
    if (!cpu)
        return NULL;
    memset(cpu, 0, size);
    a64_set_nzcv(cpu, 0);   /* Linux starts a process with NZCV = 0 */
    exec_cpu_init(t->proc->exec, &cpu->common);
    cpu->common.opaque = t;
    cpu->pc = t->proc->image.entry;
    cpu->sp = t->proc->image.sp;
    cpu->excl_addr = UINT64_MAX;
    t->cpu = &cpu->common;
    return cpu;
}

static int run(LuProcess *p, const LuOptions *o, int argc, char **argv)
{
    const Backend *be = o->backend ? backend_by_name(o->backend) : backend_default();
    if (!be)
        return error_exit("unknown backend '%s' (jit or interp)", o->backend);
    if (sysconf(_SC_PAGESIZE) != (long)LU_PAGE_SIZE)
        return error_exit("the host page size must be 4 KiB");
    if (!lu_mem_init(&p->mem))
        return error_exit("cannot reserve the guest address space: %s", strerror(errno));
    int r = load_program(p, o, argc, argv);
    if (r)
        return r;
    if (!(p->exec = start_engine(p, o, be)))
        return 1;
    if (!lu_cpus_init(p))
        return error_exit("%s", strerror(errno));
    LuThread t = { .proc = p, .tid = p->pid, .cpu_slot = -1 };
    A64CPU *cpu = new_cpu(&t);
    if (!cpu)
        return error_exit("%s", strerror(ENOMEM));
    if (!lu_signal_init(&t))
        return error_exit("cannot install signal handlers: %s", strerror(errno));
    r = lu_cpu_loop(&t);
    fflush(p->log);
    free(t.affinity);           /* a sched_setaffinity of the main thread */
#ifdef TERN_DEBUG
    exec_cpu_destroy(p->exec, &cpu->common);   /* see release() */
    free(cpu);
#endif
    return r;
}

/* Leaving.  Release builds only write out what must be (the -d stats
 * counters here; logs and the perf map are flushed by exit): the guest's
 * 4 GiB reservation, the code buffer and the TB arena go faster in the
 * kernel's teardown at exit than through munmap, which flushes the TLB for
 * each range (~0.5 ms of a 5 ms start-up and exit on a VM); so does the
 * CPU's jump cache (run()).  Debug builds
 * free everything, so that LeakSanitizer still sees what tern leaks. */
static void release(LuProcess *p, LuOptions *o)
{
#ifndef TERN_DEBUG
    if (p->exec) {
        exec_print_stats(p->exec);
        return;
    }
#endif
    if (p->exec)
        exec_free(p->exec);
    if (p->mem.base)
        lu_mem_destroy(&p->mem);
    lu_cpus_destroy(p);
    free((char *)p->exe_path);
    if (p->log != stderr)
        fclose(p->log);
    lu_options_free(o);
}

int main(int argc, char **argv)
{
    lu_prefault_self();
    LuOptions o;
    switch (lu_parse_options(&o, argc, argv, environ, stdout, stderr)) {
    case LU_OPT_RUN: break;
    case LU_OPT_EXIT_OK: lu_options_free(&o); return 0;
    case LU_OPT_ERROR: lu_options_free(&o); return 1;
    }
    LuProcess p = { .ld_prefix = o.ld_prefix, .strace = o.strace, .log = stderr,
                    .pid = getpid(), .opts = &o };
    /* An exec'd tern (-0 given by execve) appends to its parent's log. */
    if (o.log_file && !(p.log = fopen(o.log_file, o.argv0 ? "a" : "w"))) {
        lu_options_free(&o);
        return error_exit("%s: %s", o.log_file, strerror(errno));
    }
    if (p.log != stderr)
        setvbuf(p.log, NULL, _IOLBF, 0);
    int status = run(&p, &o, argc - o.prog_index, argv + o.prog_index);
    release(&p, &o);
    return status;
}
