/* linux-user/lu-internal.h — shared by the linux-user files and their tests.
 *
 * One guest process is an LuProcess: its address space (LuMem), what the
 * loader set up (LuImage), the guest's signal bookkeeping and the options it
 * runs under.  Each guest thread is an LuThread owning one CPU and run by
 * one host thread (thread.c); a guest fork is a host fork and a guest
 * execve a host execve of tern itself (process.c), so one host process is
 * always one guest process.
 *
 * Guest addresses are 32-bit offsets into one reserved host region:
 * host = guest_base + guest (lu_g2h).  Every page of the region is either a
 * guest mapping (LU_PAGE_VALID, host protection = guest protection with
 * PROT_EXEC read as PROT_READ) or PROT_NONE reservation, so a stray guest
 * access faults inside the region and becomes a guest SIGSEGV.
 */
#ifndef TERN_LU_INTERNAL_H
#define TERN_LU_INTERNAL_H

/* mremap, pipe2, dup3, REG_RIP, …: this layer is Linux-only by nature. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/exec.h"

/* ---- Address space (mmap.c) --------------------------------------------- */

#define LU_PAGE_BITS    12
#define LU_PAGE_SIZE    ((uint64_t)1 << LU_PAGE_BITS)
#define LU_PAGE_MASK    (~(LU_PAGE_SIZE - 1))
#define LU_ADDR_BITS    32
#define LU_SPACE        ((uint64_t)1 << LU_ADDR_BITS)
#define LU_NPAGES       (LU_SPACE >> LU_PAGE_BITS)
/* Past the 4 GiB: an access at 0xffffffff of up to 16 bytes still lands in
 * the (never mapped) reservation. */
#define LU_GUARD        ((uint64_t)64 << 10)
/* Where non-fixed mmaps start looking (first fit, then wrap to the bottom). */
#define LU_MMAP_BASE    0x40000000u
/* The lowest address a non-fixed mmap may return (vm.mmap_min_addr). */
#define LU_MMAP_MIN     0x10000u

static inline uint64_t lu_page_up(uint64_t a)
{
    return (a + LU_PAGE_SIZE - 1) & LU_PAGE_MASK;
}

enum {
    LU_PAGE_READ  = 1u << 0,    /* = PROT_READ */
    LU_PAGE_WRITE = 1u << 1,    /* = PROT_WRITE */
    LU_PAGE_EXEC  = 1u << 2,    /* = PROT_EXEC */
    LU_PAGE_VALID = 1u << 3,    /* a guest mapping (maybe PROT_NONE) */
};

typedef struct LuMem {
    uint8_t *base;              /* guest_base */
    size_t reserved;            /* LU_SPACE + LU_GUARD */
    uint8_t *pages;             /* LU_NPAGES flag bytes */
    uint64_t brk_start, brk;    /* heap: [brk_start, brk) */
    /* Called when guest code pages are unmapped or change protection. */
    void (*invalidate)(void *opaque, uint64_t start, uint64_t len);
    void *inval_opaque;
    pthread_mutex_t lock;       /* page table + host mappings */
} LuMem;

/* Reserves the guest region; false with errno set. */
bool lu_mem_init(LuMem *m) __attribute__((warn_unused_result));
void lu_mem_destroy(LuMem *m);

static inline void *lu_g2h(const LuMem *m, uint64_t guest)
{
    return m->base + (guest & (LU_SPACE - 1));
}

/* Guest syscalls: each returns the result or a negative guest errno.  prot
 * and flags are the guest's (identical values to the host's on Linux). */
int64_t lu_mmap(LuMem *m, uint64_t addr, uint64_t len, int prot, int flags,
                int fd, uint64_t off);
int64_t lu_munmap(LuMem *m, uint64_t addr, uint64_t len);
int64_t lu_mprotect(LuMem *m, uint64_t addr, uint64_t len, int prot);
int64_t lu_mremap(LuMem *m, uint64_t old, uint64_t old_len, uint64_t new_len,
                  int flags, uint64_t new_addr);
int64_t lu_madvise(LuMem *m, uint64_t addr, uint64_t len, int advice);
uint64_t lu_brk(LuMem *m, uint64_t new_brk);

/* Every byte of [addr, addr + len) mapped with at least prot (PROT_*).
 * len == 0 is always fine. */
bool lu_access_ok(LuMem *m, uint64_t addr, uint64_t len, int prot);
/* 0 or -EFAULT (guest pointer not readable / writable). */
int lu_copy_from_guest(LuMem *m, void *dst, uint64_t src, size_t len);
int lu_copy_to_guest(LuMem *m, uint64_t dst, const void *src, size_t len);
/* A NUL-terminated guest string into buf: its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit. */
int64_t lu_strncpy_from_guest(LuMem *m, char *buf, size_t size, uint64_t src);
/* GuestArch read_code: opaque is the LuMem; false unless PROT_EXEC. */
bool lu_read_code(void *opaque, uint64_t addr, uint32_t *insn);
/* A host write fault at guest address g: true when tern had made the page
 * read-only because it holds translated code.  The page is writable again
 * and the TBs translated from it are invalidated, so the faulting store can
 * run again (self-modifying code); false for a real guest fault. */
bool lu_mem_code_write(LuMem *m, uint64_t g);

/* ---- ELF loading (elfload.c) -------------------------------------------- */

#define LU_PIE_BASE     0x10000000u     /* static-PIE load address */
#define LU_STACK_TOP    0xfffe0000u
#define LU_STACK_SIZE   ((uint64_t)8 << 20)

typedef struct LuImage {
    uint64_t entry;
    uint64_t phdr, phent, phnum;    /* for AT_PHDR & co */
    uint64_t load_bias;             /* 0 for ET_EXEC */
    uint64_t start_code, end_code, start_data, end_data, brk;
    uint64_t sp;                    /* initial SP (argc there) */
    uint64_t stack_low;             /* lowest stack address */
    bool exec_stack;                /* PT_GNU_STACK asks for PF_X */
} LuImage;

/* What the initial stack carries besides argv and envp. */
typedef struct LuStackInfo {
    const char *execfn;             /* AT_EXECFN */
    uint64_t hwcap, hwcap2;
    const uint8_t *random;          /* 16 bytes, or NULL for getrandom() */
} LuStackInfo;

/* Maps the static AArch64 ELF at path into m.  0, or -1 with a one-line
 * reason (no program name, no newline) in err. */
int lu_load_elf(LuMem *m, const char *path, LuImage *img,
                char *err, size_t errsize) __attribute__((warn_unused_result));
/* Maps the stack and writes argc/argv/envp/auxv; sets img->sp.  Same
 * return convention. */
int lu_build_stack(LuMem *m, LuImage *img, char *const argv[],
                   char *const envp[], const LuStackInfo *info,
                   char *err, size_t errsize) __attribute__((warn_unused_result));

/* ---- Options (options.c) ------------------------------------------------ */

typedef struct LuOptions {
    const char *ld_prefix;          /* -L, TERN_LD_PREFIX */
    const char *backend;            /* -backend, TERN_BACKEND; NULL = default */
    const char *log_file;           /* -D */
    uint32_t log_mask;              /* -d */
    bool strace;                    /* -strace, TERN_STRACE */
    bool one_insn;                  /* -one-insn-per-tb, -singlestep */
    bool perf_map;                  /* -perfmap */
    char **envp;                    /* the guest's environment (owned) */
    size_t envc;
    int prog_index;                 /* argv[prog_index] is the program */
    const char *argv0;              /* -0: the guest's argv[0], if not the program */
} LuOptions;

typedef enum LuOptResult {
    LU_OPT_RUN,                     /* run argv[prog_index] */
    LU_OPT_EXIT_OK,                 /* -help, -version done */
    LU_OPT_ERROR,                   /* message printed; exit 1 */
} LuOptResult;

/* Parses argv; messages go to out (help, version) and err (errors). */
LuOptResult lu_parse_options(LuOptions *o, int argc, char **argv,
                             char **host_env, FILE *out, FILE *err);
void lu_options_free(LuOptions *o);

/* ---- Process and threads ------------------------------------------------ */

#define LU_NSIG 64                  /* guest signals 1..64 */

/* The guest's struct sigaction for rt_sigaction (arm64: handler, flags,
 * restorer, 8-byte mask — the asm-generic layout with SA_RESTORER). */
typedef struct LuSigaction {
    uint64_t handler, flags, restorer, mask;
} LuSigaction;

typedef struct LuProcess {
    LuMem mem;
    LuImage image;
    Exec *exec;
    const char *exe_path;           /* absolute host path of the program */
    const char *ld_prefix;
    FILE *log;                      /* -D file or stderr */
    bool strace;
    pid_t pid;
    LuSigaction sigact[LU_NSIG + 1];
    uint64_t sig_pending;           /* raised at ourselves, not yet delivered */
    pthread_mutex_t sig_lock;

    /* Threads and processes (thread.c, process.c).  All-zero is the state
     * main.c starts with: one thread, nothing cloned yet. */
    const LuOptions *opts;          /* tern's own options, for execve */
    int32_t extra_threads;          /* live threads - 1 (atomic) */
} LuProcess;

typedef struct LuThread {
    LuProcess *proc;
    TernCPU *cpu;                   /* an A64CPU */
    pid_t tid;
    uint64_t sigmask;               /* guest blocked set (bit n-1 = signal n) */
    uint64_t altstack_sp, altstack_size;
    uint32_t altstack_flags;
    uint64_t clear_child_tid, robust_list, robust_len;
    volatile sig_atomic_t in_guest; /* inside cpu_exec: host faults are the guest's */
    int fault_sig;                  /* SIGSEGV or SIGBUS of the last abort */

    /* Threads and processes (thread.c, process.c). */
    bool exited;                    /* the cpu loop returns exit_status */
    int exit_status;
    bool is_clone;                  /* started by clone (heap LuThread, own host
                                     * thread), not main.c's thread */
} LuThread;

/* ---- Syscalls (syscall*.c) ---------------------------------------------- */

/* The handlers, one per row of syscalls.def. */
#define LU_SYSCALL(nr, name, ret, ...) \
    int64_t lu_sys_##name(LuThread *t, const uint64_t *a);
#include "linux-user/syscalls.def"
#undef LU_SYSCALL

/* Runs the syscall in the thread's X8/X0..X5 and writes X0. */
void lu_do_syscall(LuThread *t);
/* Negative guest errno for a host errno (the same numbers on Linux). */
int64_t lu_errno(int host_errno);
/* r from a host call that returns -1 and sets errno. */
int64_t lu_host_ret(int64_t r);

/* Guest (asm-generic) struct stat, and its translation from the host's. */
typedef struct LuStat {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t st_size;
    int32_t st_blksize, pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;  uint64_t st_atime_nsec;
    int64_t st_mtime_sec;  uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;  uint64_t st_ctime_nsec;
    uint32_t unused4, unused5;
} LuStat;

struct stat;
void lu_stat_to_guest(LuStat *g, const struct stat *h);
/* open(2) flags: arm64 and x86-64 differ in O_DIRECTORY, O_NOFOLLOW,
 * O_DIRECT and O_LARGEFILE. */
int lu_open_flags_to_host(uint64_t guest);
uint64_t lu_open_flags_to_guest(int host);
/* A guest path for the host: "/proc/self/exe" becomes the program, and an
 * absolute path is looked up under the -L prefix first.  Returns buf. */
const char *lu_path(LuProcess *p, const char *guest, char *buf, size_t size);

/* ---- Threads and processes (thread.c, process.c) ------------------------ */

/* clone without CLONE_VM (or with CLONE_VFORK, run as a fork): a host
 * fork.  Returns the child's pid in the parent, 0 in the child. */
int64_t lu_fork(LuThread *t, uint64_t flags, uint64_t newsp, uint64_t ptid,
                uint64_t tls, uint64_t ctid);
/* The whole guest process ends with status (exit_group, or the last
 * thread's exit).  Returns (t->exited set) only on main.c's thread when it
 * is the only thread, so that main.c tears down as usual; otherwise flushes
 * the logs and ends the host process. */
void lu_process_exit(LuThread *t, int status);

/* ---- Signals and faults (signal.c) -------------------------------------- */

/* Host SIGSEGV/SIGBUS handlers on an alternate stack; false with errno. */
bool lu_signal_init(LuThread *t) __attribute__((warn_unused_result));
/* The guest dies of sig as Linux would kill it: no core, status 128+sig. */
_Noreturn void lu_die_by_signal(LuThread *t, int sig);
/* Guest signal sig sent to this process: acted on or recorded pending. */
void lu_signal_self(LuThread *t, int sig);
int64_t lu_sys_rt_sigaction_impl(LuThread *t, int sig, uint64_t act,
                                 uint64_t oact, uint64_t size);
int64_t lu_sys_rt_sigprocmask_impl(LuThread *t, int how, uint64_t set,
                                   uint64_t oset, uint64_t size);
int64_t lu_sys_sigaltstack_impl(LuThread *t, uint64_t ss, uint64_t old);

/* ---- The cpu loop (cpu-loop.c) ------------------------------------------ */

/* Runs the guest until it exits; returns its exit status (0..255), or does
 * not return when it dies by a signal. */
int lu_cpu_loop(LuThread *t);

#endif
