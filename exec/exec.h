/* exec/exec.h — the execution engine: TB cache, chaining, the cpu loop.
 *
 * An Exec joins one guest architecture (a GuestArch from a frontend) and one
 * backend, owns the code buffer and the TB cache, and runs guest CPUs:
 *
 *     Exec *ex = exec_new(&cfg);
 *     exec_cpu_init(ex, &cpu->common);
 *     for (;;) {
 *         int excp = cpu_exec(ex, &cpu->common);   // runs until an exception
 *         ... handle TERN_EXCP_SYSCALL, TERN_EXCP_UDEF, ... then loop
 *     }
 *
 * Every arch CPU struct begins with a TernCPU, so exec (and generated code)
 * can reach the exit-request word and the jump cache without knowing the
 * guest.
 *
 * Threads: each CPU is run by one thread at a time; any number of CPUs may
 * run concurrently on one Exec.  When the code buffer fills, the flush
 * stops the world: it sets the exit_request of every CPU inside cpu_exec
 * (so cpu_exec may return TERN_EXCP_INTERRUPT without any request of the
 * caller's) and waits for all CPUs to be outside cpu_exec.  A thread must therefore not block
 * inside cpu_exec (in a helper) waiting for another thread that is itself
 * inside cpu_exec.
 */
#ifndef TERN_EXEC_H
#define TERN_EXEC_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backend/backend.h"
#include "ir/ir.h"

/* Why cpu_exec() returned. */
typedef enum TernExcp {
    TERN_EXCP_NONE = 0,
    TERN_EXCP_INTERRUPT,       /* exit_request was set (signal, stop) */
    TERN_EXCP_SYSCALL,         /* SVC; pc is the next instruction */
    TERN_EXCP_UDEF,            /* undefined instruction at pc */
    TERN_EXCP_BKPT,            /* BRK #imm at pc; syndrome = imm */
    TERN_EXCP_PREFETCH_ABORT,  /* code fetch fault at fault_addr (= pc) */
    TERN_EXCP_DATA_ABORT,      /* data access fault; pc = the faulting insn */
    TERN_EXCP_HALT,            /* the guest asked to stop (system mode) */
} TernExcp;

struct Exec;
struct TB;

/* The per-CPU jump cache: a direct-mapped cache of the TB hash, probed by
 * the cpu loop and, inline, by generated code at every computed branch
 * (the backend learns this layout through BackendLookup, never by
 * including exec headers).  Entry i caches a TB whose pc maps to i under
 * tern_jmp_cache_index().  An entry is empty when code == 0; only the
 * owning CPU's thread fills entries, other threads only empty them (one
 * atomic store of code), so a reader that sees code != 0 sees the
 * pc/flags/tb its own thread wrote with it. */
#define TERN_JMP_CACHE_BITS 12
#define TERN_JMP_ENTRY_SHIFT 5

typedef struct TernJmpEntry {
    uint64_t pc;
    uintptr_t code;                /* the TB's host code; 0: empty */
    struct TB *tb;
    uint32_t flags;
    uint32_t pad;
} TernJmpEntry;

_Static_assert(sizeof(TernJmpEntry) == 1u << TERN_JMP_ENTRY_SHIFT,
               "generated code indexes the jump cache by shifting");

/* Bits of the pc above the 4-byte instruction alignment, folded once so
 * that code 16 MB apart does not collide.  Generated code computes the
 * same function (BackendLookup documents it). */
static inline uint32_t tern_jmp_cache_index(uint64_t pc)
{
    uint64_t x = (pc ^ (pc >> TERN_JMP_CACHE_BITS)) >> 2;
    return (uint32_t)x & ((1u << TERN_JMP_CACHE_BITS) - 1);
}

typedef struct TernCPU {
    volatile int32_t exit_request; /* non-zero: leave at the next TB entry */
    int32_t exception;             /* TernExcp pending when cpu_exec returns */
    uint64_t fault_addr;           /* guest address of a data/prefetch abort */
    uint32_t fault_write;          /* the abort was a write */
    uint32_t syndrome;             /* SVC/BRK immediate */
    struct Exec *exec;
    TernJmpEntry *jmp_cache;       /* 1 << TERN_JMP_CACHE_BITS entries */
    /* Everything that changes translation (exception level, mode bits),
     * the second half of a TB's key.  The frontend keeps it current
     * wherever it changes that state, so the cpu loop and generated code
     * read it without calling the frontend. */
    uint32_t tb_flags;
    sigjmp_buf *loop_jmp;          /* cpu_loop_exit() lands here */
    void *opaque;                  /* the owner's (linux-user process, board) */
    bool in_exec;                  /* inside cpu_exec (exec.c's run_lock) */
} TernCPU;

/* What a frontend gets to translate one TB. */
typedef struct TranslateReq {
    uint64_t pc;
    uint32_t flags;                /* TernCPU.tb_flags at lookup */
    unsigned max_insns;            /* >= 1 */
    /* Reads one 32-bit instruction word; false when addr is not mapped
     * executable (the frontend then raises a prefetch abort there, or ends
     * the TB before it). */
    bool (*read_code)(void *opaque, uint64_t addr, uint32_t *insn);
    /* Optional, and one call per page instead of one per word: the host
     * address of the word at addr, readable up to the end of addr's 4 KiB
     * block, after the checks (and the marking as code that makes writes
     * there visible) read_code does; NULL where read_code would fail. */
    const uint32_t *(*code_ptr)(void *opaque, uint64_t addr);
    void *opaque;
    /* Out, when not NULL: guest bytes [peek[0], peek[1]) beyond the TB's
     * own that the translation read and depends on (the A64 frontend's
     * flag lookahead), on the TB's first page; left alone when none.  A
     * write there drops the TB like a write to its code. */
    uint64_t *peek;
} TranslateReq;

typedef struct GuestArch {
    const char *name;              /* "aarch64" */
    size_t cpu_size;               /* the arch CPU struct, TernCPU first */
    /* Registers the arch's globals in a fresh IrFunc, always in the same
     * order (so temp numbers are the same in every IrFunc). */
    void (*init_globals)(IrFunc *f);
    /* Appends the IR of one TB starting at req->pc; every path ends in
     * GOTO_TB, EXIT_TB or LOOKUP_AND_GOTO.  Returns the guest bytes
     * covered (> 0). */
    uint64_t (*translate)(IrFunc *f, const TranslateReq *req);
    uint64_t (*get_pc)(const TernCPU *cpu);
    void (*set_pc)(TernCPU *cpu, uint64_t pc);
    /* Offset of the guest pc (uint64_t) in the arch CPU struct: the cpu
     * loop and the inline lookup in generated code read it there. */
    size_t pc_offset;
    /* -d in_asm: disassembles guest code (capstone). */
    void (*disas)(FILE *out, uint64_t pc, const uint8_t *code, size_t size);
    /* -d cpu: register dump. */
    void (*dump_state)(FILE *out, const TernCPU *cpu);
} GuestArch;

/* -d items. */
enum {
    TERN_LOG_IN_ASM  = 1u << 0,
    TERN_LOG_OP      = 1u << 1,
    TERN_LOG_OP_OPT  = 1u << 2,
    TERN_LOG_OUT_ASM = 1u << 3,
    TERN_LOG_EXEC    = 1u << 4,   /* each TB entered from the cpu loop */
    TERN_LOG_CPU     = 1u << 5,   /* registers before each such TB */
    TERN_LOG_NOCHAIN = 1u << 6,   /* do not chain TBs (debugging) */
    TERN_LOG_STATS   = 1u << 7,   /* ExecStats at exit (exec/stats.c) */
};

/* Parses "in_asm,op,out_asm"; false (with a message on stderr) for an
 * unknown item.  "help" lists the items and returns false. */
bool exec_parse_log_items(const char *items, uint32_t *mask);
/* The inverse: mask as "in_asm,exec" into buf (truncated to size). */
void exec_format_log_items(uint32_t mask, char *buf, size_t size);

typedef struct ExecConfig {
    const GuestArch *arch;
    const Backend *backend;
    BackendMem mem;
    size_t code_size;              /* code buffer bytes; 0 = default */
    unsigned max_insns;            /* per TB; 0 = default, 1 = one-insn-per-tb */
    uint32_t log_mask;             /* TERN_LOG_* */
    FILE *log;                     /* NULL = stderr */
    bool perf_map;                 /* write /tmp/perf-PID.map */
    bool code_wx;                  /* generated code never writable and
                                      executable at one address (W^X) */
    bool (*read_code)(void *opaque, uint64_t addr, uint32_t *insn);
    const uint32_t *(*code_ptr)(void *opaque, uint64_t addr);   /* optional */
    void *mem_opaque;
} ExecConfig;

typedef struct ExecStats {
    uint64_t tbs_translated, guest_insns_translated, host_bytes;
    uint64_t flushes, chains, lookups, lookup_misses, invalidations;
    uint64_t translate_ns;         /* thread CPU time in tb_gen_code; -d stats only */
} ExecStats;

typedef struct Exec Exec;

/* NULL, with a message on stderr, when the code buffer can't be mapped. */
Exec *exec_new(const ExecConfig *cfg);
void exec_free(Exec *ex);
/* Registers cpu (any thread may then run it); destroy unregisters it. */
void exec_cpu_init(Exec *ex, TernCPU *cpu);
void exec_cpu_destroy(Exec *ex, TernCPU *cpu);
/* In a forked child: cpu is the only CPU left (the other threads did not
 * survive fork); the others are forgotten, not freed. */
void exec_fork_child_cpu(Exec *ex, TernCPU *cpu);

/* Runs cpu until an exception; returns it (also left in cpu->exception,
 * which the caller clears when it has handled it).  Not re-entered for a
 * CPU already inside it (the stop-the-world accounting is per CPU). */
int cpu_exec(Exec *ex, TernCPU *cpu);

/* From a helper or a fault handler: cpu->exception (and pc) already set;
 * unwinds to cpu_exec(), which returns the exception.  The host signal
 * mask is left as it is: a caller in a signal handler first restores the
 * mask the handler interrupted (its ucontext's uc_sigmask). */
_Noreturn void cpu_loop_exit(TernCPU *cpu);

/* A host fault while cpu ran generated code: finds the faulting guest
 * instruction from host_pc and sets the guest pc to it.  false when host_pc
 * is not in generated code (then the guest pc synced before the call is
 * already right, or the fault is the translator's own). */
bool exec_restore_state(Exec *ex, TernCPU *cpu, uintptr_t host_pc);

/* Drops every TB overlapping guest [start, start + len); any thread, at
 * any time (not from inside a translation).  Guarantee: once it returns no
 * CPU enters a dropped TB any more, neither from the loop, nor from the
 * lookup in generated code, nor through a chained jump (jumps into it are
 * reset atomically).  A CPU already inside a dropped TB runs on to that
 * TB's end, at most, on the old code (kept until the next flush), then
 * leaves through an unchained exit.  A TB may thus still finish one pass
 * over bytes just changed: as on hardware without the guest's cache
 * maintenance, the writer must not expect a thread already running the old
 * code to see the new. */
void exec_invalidate(Exec *ex, uint64_t start, uint64_t len);
/* Drops every TB.  Must not be called inside cpu_exec (a helper): it
 * waits until no CPU is inside cpu_exec. */
void exec_flush(Exec *ex);
const ExecStats *exec_stats(const Exec *ex);
/* With -d stats: the counters to the log.  exec_free() calls it; a caller
 * that ends the process without exec_free() (exit_group with threads)
 * calls it first.  Any thread, without the lock. */
void exec_print_stats(const Exec *ex);
const GuestArch *exec_arch(const Exec *ex);

#endif
