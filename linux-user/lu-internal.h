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
 * guest mapping (LU_PAGE_VALID, host protection = lu_host_prot(flags)) or
 * PROT_NONE reservation, so a stray guest access faults inside the region
 * and becomes a guest SIGSEGV.
 */
#ifndef TERN_LU_INTERNAL_H
#define TERN_LU_INTERNAL_H

/* mremap, pipe2, dup3, REG_RIP, …: this layer is Linux-only by nature. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <pthread.h>
#include <sched.h>
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
/* A host transparent huge page (x86-64 PMD): the guest region starts at
 * a multiple of it, so guest and host huge page boundaries coincide. */
#define LU_HUGE_SIZE    ((uint64_t)2 << 20)
/* Where non-fixed mmaps start looking (first fit, then wrap to the bottom). */
#define LU_MMAP_BASE    0x40000000u
/* The lowest address a non-fixed mmap may return (vm.mmap_min_addr). */
#define LU_MMAP_MIN     0x10000u

static inline uint64_t lu_page_up(uint64_t a)
{
    return (a + LU_PAGE_SIZE - 1) & LU_PAGE_MASK;
}

/* The page-flags byte of one guest page.  READ/WRITE/EXEC are the guest's
 * protection (what mmap/mprotect asked for); VALID says the page is a guest
 * mapping at all.  CODE says translated code may exist from this page: it
 * is set by lu_read_code() and cleared only together with an invalidation
 * of the page's TBs (or when the page stops being executable).  The host
 * protection of a valid page is always lu_host_prot(flags): the guest's,
 * with EXEC read as READ and, on a CODE page, WRITE removed, so that a
 * guest store into translated code faults (lu_mem_code_write).  Readers of
 * the flags outside mmap.c (/proc/self/maps, syscalls) see the guest's
 * protection in the low three bits whatever CODE says. */
enum {
    LU_PAGE_READ  = 1u << 0,    /* = PROT_READ */
    LU_PAGE_WRITE = 1u << 1,    /* = PROT_WRITE */
    LU_PAGE_EXEC  = 1u << 2,    /* = PROT_EXEC */
    LU_PAGE_VALID = 1u << 3,    /* a guest mapping (maybe PROT_NONE) */
    LU_PAGE_CODE  = 1u << 4,    /* TBs may exist; host read-only if WRITE */
};

/* Host protection (PROT_*) of a valid guest page with these flags. */
static inline int lu_host_prot(unsigned flags)
{
    int h = (int)(flags & (LU_PAGE_READ | LU_PAGE_WRITE));
    if (flags & LU_PAGE_EXEC)
        h |= LU_PAGE_READ;
    if (flags & LU_PAGE_CODE)
        h &= ~LU_PAGE_WRITE;
    return h;
}

/* A SysV shared memory segment attached with shmat (shmdt needs its size). */
typedef struct LuShmAttach {
    uint64_t addr, len;
} LuShmAttach;

/* Locks, outermost first: lock (the mapping syscalls; held across
 * invalidate, which takes the exec lock), then the exec lock, then
 * code_lock.  code_lock is a leaf: lu_read_code() takes it while the
 * translator holds the exec lock, so it is never held while calling out.
 * Every write of a page-flags byte, and every host protection change of a
 * valid page, happens under code_lock, so CODE and the host protection of
 * a page always agree. */
typedef struct LuMem {
    uint8_t *base;              /* guest_base */
    size_t reserved;            /* LU_SPACE + LU_GUARD */
    uint8_t *pages;             /* LU_NPAGES flag bytes */
    uint64_t brk_start, brk;    /* heap: [brk_start, brk) */
    /* Called when translated guest code changes or vanishes: pages
     * unmapped, made non-executable, written (self-modifying code). */
    void (*invalidate)(void *opaque, uint64_t start, uint64_t len);
    void *inval_opaque;
    pthread_mutex_t lock;       /* mapping changes; see above */
    pthread_mutex_t code_lock;  /* page flags + host protection */
    LuShmAttach *shm;           /* SysV shm attachments, under lock */
    size_t nshm, shm_cap;
    uint64_t prefault_left;     /* anonymous bytes prefault.c may still commit */
    uint64_t huge_left;         /* bytes prefault.c may still give huge pages */
    /* One bit per LU_CODE_WINDOW of the space: its code pages were
     * committed (prefault.c); set and cleared atomically. */
    uint64_t *code_windows;
    /* One bit per 4 KiB of pages[]: written since the start (mmap.c). */
    uint64_t table_used[LU_NPAGES / LU_PAGE_SIZE / 64];
} LuMem;

#define LU_PREFAULT_BUDGET ((uint64_t)64 << 20)   /* LuMem.prefault_left at start */
#define LU_HUGE_BUDGET ((uint64_t)128 << 20)      /* LuMem.huge_left at start */
#define LU_CODE_WINDOW_BITS 16                      /* 64 KiB */
#define LU_CODE_WINDOW ((uint64_t)1 << LU_CODE_WINDOW_BITS)
#define LU_CODE_WINDOWS (LU_SPACE >> LU_CODE_WINDOW_BITS)
#define LU_PREFAULT_DATA_MAX ((uint64_t)256 << 10) /* a writable file mapping */
#define LU_PREFAULT_ANON_MAX ((uint64_t)1 << 20)   /* an anonymous one */
#define LU_PREFAULT_RO_MAX ((uint64_t)512 << 10)   /* a read-only file mapping */
/* Mapping a page-cache page ahead costs ~0.35 us, and as much again to
 * unmap at exit; a fault maps 16 (~25 us).  cc1's 27 MiB text, 173 faults
 * in --version, measured no better either way: past this size code is
 * committed in windows as it is translated (lu_prefault_code). */
#define LU_PREFAULT_CODE_MAX ((uint64_t)8 << 20)

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

/* prefault.c: first touches taken in bulk; hints, never an error.
 * lu_prefault_self commits tern's own heap and stack at start; the others
 * run after the guest mapped [addr, addr + len) with prot and flags (the
 * guest's), under m->lock. */
void lu_prefault_self(void);
void lu_prefault_guest(LuMem *m, uint64_t addr, uint64_t len, int prot, int flags);
void lu_prefault_brk(LuMem *m, uint64_t old_top, uint64_t new_top);
void lu_prefault_guest_stack(LuMem *m, uint64_t top);
/* The translator is about to read guest code page addr for the first
 * time: its pages ahead are committed too.  Called from lu_code_ptr
 * (exec lock held, never m->lock). */
void lu_prefault_code(LuMem *m, uint64_t addr);

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
/* GuestArch code_ptr: the host address of the word at addr, readable to
 * the end of its page, which is marked as code; NULL unless PROT_EXEC. */
const uint32_t *lu_code_ptr(void *opaque, uint64_t addr);
/* A host write fault at guest address g: true when tern had made the page
 * read-only because it holds translated code.  The page is writable again
 * and the TBs translated from it are invalidated, so the faulting store can
 * run again (self-modifying code); false for a real guest fault.  Also
 * true when the page is guest-writable and already writable again (another
 * thread won the race to unprotect it). */
bool lu_mem_code_write(LuMem *m, uint64_t g);
/* SysV shm (syscall-shm.c calls these; the segment's size is known).
 * lu_mem_shmat attaches host segment shmid at guest addr (0: tern picks)
 * and returns the guest address or a negative guest errno; lu_mem_shmdt
 * detaches the segment attached at addr: 0 or -EINVAL. */
int64_t lu_mem_shmat(LuMem *m, int shmid, uint64_t addr, uint64_t size, int shmflg);
int64_t lu_mem_shmdt(LuMem *m, uint64_t addr);

/* ---- ELF loading (elfload.c) -------------------------------------------- */

#define LU_PIE_BASE     0x10000000u     /* PIE / static-PIE load address */
#define LU_STACK_TOP    0xfffe0000u
#define LU_STACK_SIZE   ((uint64_t)8 << 20)
#define LU_AUXV_MAX     24              /* auxv pairs, AT_NULL included */

typedef struct LuImage {
    uint64_t entry;                 /* initial PC: the interpreter's entry
                                     * when there is one, else AT_ENTRY */
    uint64_t prog_entry;            /* AT_ENTRY: the program's own entry */
    uint64_t interp_base;           /* AT_BASE; 0 without PT_INTERP */
    uint64_t phdr, phent, phnum;    /* for AT_PHDR & co (the program's) */
    uint64_t load_bias;             /* 0 for ET_EXEC */
    uint64_t start_code, end_code, start_data, end_data, brk;
    uint64_t sp;                    /* initial SP (argc there) */
    uint64_t stack_low;             /* lowest stack address */
    bool exec_stack;                /* PT_GNU_STACK asks for PF_X */
    /* Where the argv and envp strings lie (/proc/self/cmdline, environ). */
    uint64_t arg_start, arg_end, env_start, env_end;
    /* The auxv as written to the stack (/proc/self/auxv reads this copy,
     * as Linux reads its saved_auxv). */
    uint64_t auxv[LU_AUXV_MAX][2];
    size_t auxv_len;                /* pairs, AT_NULL included */
} LuImage;

/* What the initial stack carries besides argv and envp. */
typedef struct LuStackInfo {
    const char *execfn;             /* AT_EXECFN */
    uint64_t hwcap, hwcap2;
    const uint8_t *random;          /* 16 bytes, or NULL for getrandom() */
} LuStackInfo;

/* Maps the AArch64 ELF at path into m and, when it has a PT_INTERP, its
 * interpreter, looked up under sysroot first (NULL: host paths only).
 * 0, or -1 with a one-line reason (no program name, no newline) in err. */
int lu_load_elf(LuMem *m, const char *path, const char *sysroot, LuImage *img,
                char *err, size_t errsize) __attribute__((warn_unused_result));
/* Maps the stack and writes argc/argv/envp/auxv; sets img->sp and the
 * argv/envp/auxv records.  Same return convention. */
int lu_build_stack(LuMem *m, LuImage *img, char *const argv[],
                   char *const envp[], const LuStackInfo *info,
                   char *err, size_t errsize) __attribute__((warn_unused_result));

/* ---- Guest paths (path.c) ----------------------------------------------- */

/* guest as the host should see it: an absolute path that exists under
 * sysroot (lstat) is that one, anything else is unchanged.  Returns guest
 * or buf. */
const char *lu_sysroot_path(const char *sysroot, const char *guest,
                            char *buf, size_t size);

/* ---- Options (options.c) ------------------------------------------------ */

typedef struct LuOptions {
    const char *ld_prefix;          /* -L, TERN_LD_PREFIX */
    const char *backend;            /* -backend, TERN_BACKEND; NULL = default */
    const char *log_file;           /* -D */
    uint32_t log_mask;              /* -d */
    bool strace;                    /* -strace, TERN_STRACE */
    bool one_insn;                  /* -one-insn-per-tb, -singlestep */
    bool perf_map;                  /* -perfmap */
    bool code_wx;                   /* -wx */
    char **envp;                    /* the guest's environment (owned) */
    size_t envc;
    int prog_index;                 /* argv[prog_index] is the program */
    const char *argv0;              /* -0: the guest's argv[0], if not the program */
    const char *execfn;             /* -execfn: the path the guest's execve was
                                     * given (AT_EXECFN, comm), if not the program */
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

/* The guest's siginfo_t: 128 bytes, asm-generic, the same as the x86-64
 * host's, so host siginfo is copied through unchanged. */
typedef struct LuSiginfo {
    int32_t signo, err, code, pad;
    union {
        uint64_t addr;              /* SIGSEGV, SIGBUS, SIGILL, SIGTRAP */
        struct {
            int32_t pid;
            uint32_t uid;
            uint64_t value;         /* SI_QUEUE, SI_TIMER: sigval */
        } kill;
        uint8_t raw[112];
    };
} LuSiginfo;
_Static_assert(sizeof(LuSiginfo) == 128, "siginfo_t is 128 bytes");

/* The guest's stack_t (sigaltstack, uc_stack): sp, int flags, size. */
typedef struct LuStackT {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
} LuStackT;

/* Signals a thread has accepted from the host (or sent itself) and not yet
 * delivered, in arrival order.  A standard signal is queued at most once;
 * real-time signals queue up to LU_SIGQ_MAX in all. */
#define LU_SIGQ_MAX 32
typedef struct LuSigQueue {
    uint32_t n;
    struct {
        int sig;
        LuSiginfo info;
    } e[LU_SIGQ_MAX];
} LuSigQueue;

/* The guest's CPUs (cpus.c): one slot per CPU the guest sees; a thread
 * runs guest code only while it owns one.  owner[] words are atomic. */
typedef struct LuCpus {
    uint32_t n;                     /* slots */
    uint32_t *cpu;                  /* slot -> CPU number */
    uintptr_t *owner;               /* 0, LuThread *, or | 1 while parked */
    pthread_mutex_t lock;           /* the waiters' queue; a leaf */
    pthread_cond_t cv;
    uint64_t next_ticket, serving;  /* first come, first served */
    int32_t waiting;                /* threads queued (atomic) */
    uint32_t victim;                /* next slot asked to yield */
    int32_t fence_pending;          /* rseq fences not yet taken (atomic) */
} LuCpus;

typedef struct LuProcess {
    LuMem mem;
    LuImage image;
    Exec *exec;
    const char *exe_path;           /* absolute host path of the program */
    const char *ld_prefix;
    FILE *log;                      /* -D file or stderr */
    bool strace;
    pid_t pid;
    /* Signals, process-wide (signal.c); sigact and sig_tramp under
     * sig_lock. */
    LuSigaction sigact[LU_NSIG + 1];
    uint64_t sig_tramp;             /* guest "mov x8,#139; svc #0", 0 = none */
    uint64_t host_restorer;         /* glibc's x86-64 rt_sigreturn stub */
    bool sig_ready;                 /* lu_signal_init ran once */
    pthread_mutex_t sig_lock;
    LuCpus cpus;

    /* Threads and processes (thread.c, process.c).  All-zero is the state
     * main.c starts with: one thread, nothing cloned yet. */
    const LuOptions *opts;          /* tern's own options, for execve */
    int32_t extra_threads;          /* live threads - 1 (atomic) */
    bool cloned;                    /* a clone thread was ever started: an
                                     * exiting one may still be cleaning up,
                                     * so exit never tears down (atomic) */
} LuProcess;

typedef struct LuThread {
    LuProcess *proc;
    TernCPU *cpu;                   /* an A64CPU */
    pid_t tid;
    uint64_t clear_child_tid, robust_list, robust_len;
    volatile sig_atomic_t in_guest; /* inside cpu_exec: host faults are the guest's */
    /* Signals, per thread (signal.c).  sigq and forced_sig are touched by
     * the host handler on this thread, or by the thread itself with host
     * signals blocked; nobody else. */
    uint64_t sigmask;               /* guest blocked set (bit n-1 = signal n) */
    uint64_t saved_sigmask;         /* rt_sigsuspend: the mask to go back to */
    bool restore_sigmask;           /* ... once a handler frame holds it */
    uint64_t altstack_sp, altstack_size;
    uint32_t altstack_flags;        /* SS_DISABLE, or what sigaltstack set */
    LuSigQueue sigq;
    int forced_sig;                 /* a synchronous signal to deliver first */
    LuSiginfo forced_info;
    /* A guest signal was queued since the cpu loop last delivered: the
     * next lu_safe_syscall() returns EINTR without blocking. */
    volatile int32_t sig_kick;
    int fault_sig;                  /* SIGSEGV or SIGBUS of the last abort */
    int fault_code;                 /* the host si_code of that fault */
    void *host_altstack;            /* tern's own handler stack */

    /* Threads and processes (thread.c, process.c). */
    bool exited;                    /* the cpu loop returns exit_status */
    int exit_status;
    bool is_clone;                  /* started by clone (heap LuThread, own host
                                     * thread), not main.c's thread */

    /* Its CPU (cpus.c) and rseq registration (rseq.c). */
    int cpu_slot;                   /* -1 before the first lu_cpu_claim */
    uint32_t cpu_id;                /* the slot's CPU number (getcpu) */
    volatile int32_t cpu_yield;     /* asked to give the CPU up */
    int32_t rseq_fence;             /* membarrier asks for an rseq abort (atomic) */
    cpu_set_t *affinity;            /* its sched_setaffinity mask; NULL = any */
    uint64_t rseq_addr;             /* struct rseq, 0 = not registered */
    uint32_t rseq_len, rseq_sig;
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
/* A guest path for the host (path.c): "/proc/self/exe" becomes the
 * program, and an absolute path is looked up under the -L prefix first.
 * Returns guest, buf or the program's path. */
const char *lu_path(LuProcess *p, const char *guest, char *buf, size_t size);

/* ---- Threads and processes (thread.c, process.c) ------------------------ */

/* clone without CLONE_VM (or with CLONE_VFORK, run as a fork): a host
 * fork.  Returns the child's pid in the parent, 0 in the child. */
int64_t lu_fork(LuThread *t, uint64_t flags, uint64_t newsp, uint64_t ptid,
                uint64_t tls, uint64_t ctid);
/* The whole guest process ends with status (exit_group, or the last
 * thread's exit).  Returns (t->exited set) only on main.c's thread when no
 * thread was ever cloned, so that main.c tears down as usual; otherwise
 * flushes every stream and ends the host process. */
void lu_process_exit(LuThread *t, int status);

/* ---- CPUs and rseq (cpus.c, rseq.c) ------------------------------------- */

/* The slots: the CPUs of tern's affinity mask.  false with errno. */
bool lu_cpus_init(LuProcess *p) __attribute__((warn_unused_result));
void lu_cpus_destroy(LuProcess *p);
/* In a fork child: t (parked in the fork) is the only owner left. */
void lu_cpus_fork_child(LuThread *t);
/* Before running guest code: makes sure t owns a CPU, waiting for one (and
 * yielding first when asked to).  true when t may have migrated or been
 * preempted since it last ran (rseq must be told). */
bool lu_cpu_claim(LuThread *t);
/* At a syscall: t's CPU may be taken by a waiting thread meanwhile. */
void lu_cpu_park(LuThread *t);
/* The thread leaves for good. */
void lu_cpu_release(LuThread *t);
/* membarrier's PRIVATE_EXPEDITED_RSEQ: the other threads running guest
 * code (on guest CPU cpu, or all for cpu < 0) abort their critical
 * sections before they go on; waits until each has taken note. */
void lu_cpus_rseq_fence(LuThread *t, int64_t cpu);
/* At the top of the cpu loop: true when a fence was asked of t (its
 * critical section must be aborted before guest code runs). */
bool lu_cpu_take_fence(LuThread *t);
/* sched_setaffinity of t itself (size bytes of mask): from now on t runs
 * only on those of the guest's CPUs (all, when none of them is in the
 * mask), migrating at the next claim if need be.  false when out of
 * memory. */
bool lu_cpu_set_affinity(LuThread *t, const void *mask, size_t size);

/* What tern advertises in AT_RSEQ_FEATURE_SIZE and AT_RSEQ_ALIGN. */
#define LU_RSEQ_FEATURE_SIZE    28
#define LU_RSEQ_ALIGN           32
/* After a preemption or migration (interrupted: the critical section is
 * aborted if the pc is in one), or before a signal frame: updates the
 * registered rseq area.  false when the area or its descriptor is bad; the
 * caller raises SIGSEGV (lu_signal_force_segv). */
bool lu_rseq_notify(LuThread *t, bool interrupted);

/* ---- /proc emulation (proc.c) ------------------------------------------- */

/* "/proc/self/NAME", "/proc/thread-self/NAME", "/proc/<our pid or tid>/NAME",
 * each maybe with task/<tid>/ before NAME. */
bool lu_proc_is_self(const char *path, const char *name);
/* Called first by openat / readlinkat with the guest's arguments: true when
 * the path is one tern emulates (/proc/self/maps, auxv, cmdline, environ,
 * /proc/cpuinfo; readlink of /proc/self/exe), with the result (a descriptor
 * or byte count, or a negative guest errno) in *ret; false to go on. */
bool lu_proc_openat(LuThread *t, const uint64_t *a, int64_t *ret);
bool lu_proc_readlinkat(LuThread *t, const uint64_t *a, int64_t *ret);
/* proc-stat.c: /proc/self/stat and status of thread tid (0: the process),
 * read by thread t. */
void lu_proc_gen_stat(LuThread *t, pid_t tid, FILE *out);
void lu_proc_gen_status(LuThread *t, pid_t tid, FILE *out);

/* ---- Signals and faults (signal.c, signal-frame.c) ----------------------- */

/* Guest sa_flags (asm-generic; the x86-64 values are the same). */
#define LU_SA_NOCLDSTOP 0x00000001u
#define LU_SA_NOCLDWAIT 0x00000002u
#define LU_SA_SIGINFO   0x00000004u
#define LU_SA_RESTORER  0x04000000u
#define LU_SA_ONSTACK   0x08000000u
#define LU_SA_RESTART   0x10000000u
#define LU_SA_NODEFER   0x40000000u
#define LU_SA_RESETHAND 0x80000000u
#define LU_SIG_DFL      0
#define LU_SIG_IGN      1
/* Guest si_code values used by tern. */
#define LU_SI_USER      0
#define LU_SI_KERNEL    0x80
#define LU_SI_QUEUE     (-1)
#define LU_SI_TKILL     (-6)
#define LU_ILL_ILLOPC   1
#define LU_TRAP_BRKPT   1
#define LU_SEGV_MAPERR  1
#define LU_SEGV_ACCERR  2
#define LU_BUS_ADRALN   1
#define LU_BUS_ADRERR   2

static inline uint64_t lu_sig_bit(int sig)
{
    return (uint64_t)1 << (sig - 1);
}

/* Per-thread set-up, on the thread itself before it runs guest code:
 * tern's own handler stack, and once per process the dispositions and
 * host handlers.  The first thread takes its guest mask from the host (as
 * execve keeps it); a later thread's creator sets t->sigmask (clone copies
 * the parent's) and may keep every host signal blocked until this call,
 * which puts the host mask in line.  false with errno. */
bool lu_signal_init(LuThread *t) __attribute__((warn_unused_result));
/* Undoes lu_signal_init for a thread that is about to end. */
void lu_signal_thread_exit(LuThread *t);
/* The guest dies of sig as Linux would kill it: no core, status 128+sig. */
_Noreturn void lu_die_by_signal(LuThread *t, int sig);
/* A signal sent to this thread (or to the process, when this thread does
 * not block it): queued for delivery, dropped if ignored, or its default
 * action taken at once.  0, or -EAGAIN when the queue is full. */
int64_t lu_signal_send_self(LuThread *t, int sig, const LuSiginfo *info);
/* Same, with SI_USER / SI_TKILL information from this process. */
void lu_signal_self(LuThread *t, int sig);
/* A synchronous fault (force_sig): a blocked or ignored signal is reset to
 * its default.  true when a handler will run at the next delivery; false
 * when the default action applies (the caller reports and dies). */
bool lu_signal_force(LuThread *t, const LuSiginfo *info);
/* Queued and host-pending signals of this thread and process. */
uint64_t lu_signal_pending(LuThread *t);
/* Takes a queued signal in set (blocked or not) for rt_sigtimedwait; 0 if
 * none. */
int lu_signal_take(LuThread *t, uint64_t set, LuSiginfo *info);
/* rt_sigsuspend: waits with mask until a signal arrives; always -EINTR.
 * The delivery that follows puts the previous mask back. */
int64_t lu_signal_suspend(LuThread *t, uint64_t mask);
/* For calls that wait with a temporary guest mask (ppoll, pselect6,
 * epoll_pwait): installs mask as the guest's, to be restored by the
 * signal delivery after a -EINTR (the handler frame saves the old mask), or
 * by lu_signal_end_temp_mask for any other result.  Returns the host mask
 * to hand to the host call, which applies it atomically:
 *     uint64_t hm = lu_signal_temp_mask(t, guest_mask);
 *     r = lu_host_ret(lu_safe_syscall(SYS_ppoll, fds, n, tmo, &hm, 8));
 *     lu_signal_end_temp_mask(t, r);  */
uint64_t lu_signal_temp_mask(LuThread *t, uint64_t mask);
void lu_signal_end_temp_mask(LuThread *t, int64_t ret);
/* The kernel's force_sigsegv(sig): SIGSEGV (si_code SI_KERNEL) for the
 * guest's handler, or death when sig is SIGSEGV itself or there is none. */
void lu_signal_force_segv(LuThread *t, int sig);
/* SEGV_MAPERR for an address with no guest mapping, else SEGV_ACCERR. */
int lu_segv_code(LuMem *m, uint64_t addr);
/* Sets the guest mask (SIGKILL/SIGSTOP dropped) and mirrors it on the
 * host; newly unblocked signals whose default kills act at once. */
void lu_signal_set_mask(LuThread *t, uint64_t mask);

/* How a syscall interrupted by a signal continues, as the arm64 kernel's
 * -ERESTART* codes decide (cpu-loop.c knows which call returns which). */
typedef enum LuRestartKind {
    LU_RESTART_NEVER,               /* -EINTR is final */
    LU_RESTART_SYS,                 /* -ERESTARTSYS: again if SA_RESTART */
    LU_RESTART_NOHAND,              /* -ERESTARTNOHAND: again without a handler */
} LuRestartKind;

typedef struct LuSyscallRestart {
    LuRestartKind kind;
    uint64_t svc_pc;                /* the SVC */
    uint64_t x0;                    /* X0 before the call */
} LuSyscallRestart;

/* Delivers every deliverable signal: default actions, or a handler frame
 * each.  r (or NULL) describes a syscall that just returned -EINTR. */
void lu_signal_deliver(LuThread *t, const LuSyscallRestart *r);

/* syscall() that returns -1/EINTR without entering the kernel when a
 * guest signal arrived since the last delivery; on an x86-64 host the
 * check and the syscall instruction are atomic with respect to tern's
 * host signal handler.  Blocking calls should use it. */
long lu_safe_syscall(long nr, ...);

int64_t lu_sys_rt_sigaction_impl(LuThread *t, int sig, uint64_t act,
                                 uint64_t oact, uint64_t size);
int64_t lu_sys_rt_sigprocmask_impl(LuThread *t, int how, uint64_t set,
                                   uint64_t oset, uint64_t size);
int64_t lu_sys_sigaltstack_impl(LuThread *t, uint64_t ss, uint64_t old);
/* sigaltstack on host structs, sp = the guest's current SP. */
int lu_altstack_set(LuThread *t, const LuStackT *ss, uint64_t sp);
void lu_altstack_get(const LuThread *t, LuStackT *out, uint64_t sp);

/* signal-frame.c: the arm64 rt_sigframe.  Builds the frame for sig on the
 * guest stack (or alternate stack) and points the CPU at the handler;
 * false when the frame cannot be written. */
bool lu_frame_setup(LuThread *t, int sig, const LuSigaction *ka,
                    const LuSiginfo *info, uint64_t saved_mask);
/* Maps the sigreturn trampoline (process start); false if impossible. */
bool lu_frame_map_tramp(LuProcess *p);
/* rt_sigreturn: restores the CPU and mask from the frame at SP; false for
 * a bad frame (the caller raises SIGSEGV). */
bool lu_frame_restore(LuThread *t);

/* ---- The cpu loop (cpu-loop.c) ------------------------------------------ */

/* Runs the guest until it exits; returns its exit status (0..255), or does
 * not return when it dies by a signal. */
int lu_cpu_loop(LuThread *t);

#endif
