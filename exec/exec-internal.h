/* exec/exec-internal.h — declarations shared by the files of exec/ only.
 *
 * Ownership and lifetime:
 *   - The code buffer (codebuf.c) is one RWX mapping, or with W^X one memfd
 *     mapped twice: backends write through `rw`, the host runs `rx` (the
 *     same address without W^X).  The backend's shared code sits at
 *     the start; TB code is bump-allocated after it in ascending address
 *     order and all of it is dropped at once by a flush.
 *   - TB structs, their page links and their insn maps live in one arena
 *     (TbArena) that is reset at the same flush, so steady-state translation
 *     allocates nothing with malloc.
 *   - An invalidated TB stays in its arena slot (flag `invalid`) and in the
 *     code-address map until the next flush, so a fault inside a TB that
 *     was invalidated while it ran still unwinds to a guest pc.
 *   - Everything that translation, chaining, invalidation and flushing
 *     touches is guarded by Exec.lock.  The per-CPU jump cache is filled by
 *     its CPU's thread and emptied (entry by entry) under the lock; the
 *     hash is read without the lock (tb-index.c says why that is exact).
 *   - Threads: CPUs on several threads share an Exec.  Lookups, translation,
 *     chaining and invalidation are safe at any time (see exec_invalidate
 *     in exec.h for what a CPU inside an invalidated TB does).  A flush
 *     reuses code and TB structs other CPUs may hold, so with more than one
 *     CPU it is a stop-the-world section (exec.c): every CPU inside
 *     cpu_exec() is asked to leave (exit_request), the flush waits until
 *     none is left, and cpu_exec() entries wait while it runs.  A CPU
 *     outside cpu_exec() (in a syscall, blocked) holds no TB pointer and
 *     needs no stopping.  With one CPU the flush happens in place, as the
 *     translator finds the buffer full.
 *
 * Chaining edges are exact: a TB records, per jump slot, the TB it is
 * chained to (jmp_dest), and every TB heads a list of its incoming edges
 * threaded through the source TBs' jmp_in_next[] words.  An edge is a
 * tagged pointer, (uintptr_t)src | slot, which TB alignment makes room for.
 */
#ifndef TERN_EXEC_INTERNAL_H
#define TERN_EXEC_INTERNAL_H

#include <pthread.h>

#include "exec/exec.h"

#define TB_PAGE_BITS 12
#define TB_ALIGN 16                         /* arena and TB code alignment */
#define TB_MAX_INSNS_DEFAULT 512
#define TB_MAX_INSNS_LIMIT 4096             /* TB.insn_map_size is 16 bits */
#define CODEBUF_SIZE_DEFAULT ((size_t)256 << 20)
#define CODEBUF_SIZE_MAX ((size_t)2 << 30)  /* rel32 reach for a JIT */

/* ---- Bulk-committed memory (mem.c) --------------------------------------- */

/* Zeroed anonymous memory whose pages are committed in one system call;
 * NULL when it can't be mapped. */
void *exec_map_populated(size_t bytes);
void exec_unmap(void *p, size_t bytes);
/* How many bytes to commit next ahead of a bump-allocated region whose
 * first `populated` bytes are committed: doubling from EXEC_POPULATE_MIN
 * up to max_step (both powers of two). */
#define EXEC_POPULATE_MIN ((size_t)64 << 10)
#define EXEC_SMALL_PAGES ((size_t)2 << 20)   /* the first bytes without THP */
size_t exec_populate_step(size_t populated, size_t max_step);

/* ---- Code buffer (codebuf.c) ------------------------------------------- */

typedef struct CodeBuf {
    uint8_t *map;       /* without W^X: the whole mapping, rw and its */
    size_t mapped;      /* alignment slack */
    uint8_t *rw;        /* writable view */
    uintptr_t rx;       /* executable view of the same bytes */
    size_t size;
    size_t shared;      /* backend prologue/epilogue: [0, shared) */
    size_t used;        /* bump pointer, >= shared */
    size_t populated;   /* [0, populated) committed ahead of use */
    bool wx;            /* two views (memfd) instead of one RWX mapping */
    bool can_populate;  /* MADV_POPULATE_* worked so far */
    int fork_fd;        /* W^X: the copy for a forked child, -1 outside fork */
} CodeBuf;

/* wx: separate writable and executable views (may also be chosen when
 * the host refuses RWX memory). */
__attribute__((warn_unused_result))
bool codebuf_init(CodeBuf *cb, size_t size, bool wx);
void codebuf_destroy(CodeBuf *cb);
/* The whole buffer, for Backend.create. */
BackendCode codebuf_all(const CodeBuf *cb);
void codebuf_set_shared(CodeBuf *cb, size_t used);
/* The free space after the bump pointer (aligned). */
BackendCode codebuf_free_space(const CodeBuf *cb);
/* Takes n bytes of the free space (a TB's code). */
void codebuf_commit(CodeBuf *cb, size_t n);
void codebuf_reset(CodeBuf *cb);
bool codebuf_contains(const CodeBuf *cb, uintptr_t rx);
/* Around fork(), with translation stopped (W^X only; no-ops otherwise):
 * prepare copies the buffer into a new memfd, the child maps that copy
 * over both views, the parent drops it.  prepare's and child's false: no
 * copy (message printed). */
bool codebuf_fork_prepare(CodeBuf *cb);
void codebuf_fork_parent(CodeBuf *cb);
__attribute__((warn_unused_result))
bool codebuf_fork_child(CodeBuf *cb);

/* ---- Translation blocks (tb.c) ----------------------------------------- */

/* A TB's membership in one page's list (tb-index.c); link i of a TB is on
 * the list of page (pc >> TB_PAGE_BITS) + i. */
typedef struct TbPageLink {
    struct TbPageLink *next, **pprev;
    struct TB *tb;
} TbPageLink;

/* 96 bytes (with 2 jump slots): what lookups, chaining and invalidation read.  The arena slot
 * continues with the page links, then the insn map (tb_pages,
 * tb_insn_map); the writable view of the code is derived (tb_code_rw).
 * What every lookup reads (the key, invalid, code_rx) comes first: the
 * key is on one cache line in every 16-byte aligned slot, and code_rx
 * too in three slots of four (a hash hit's check of the key is a cache
 * miss more often than not; with flags after the chaining words it was
 * two for three TBs in four). */
typedef struct TB {
    uint64_t pc;
    uint32_t flags;
    bool invalid;
    uint16_t npages;            /* page links after the TB */
    uintptr_t code_rx;
    struct TB *jmp_dest[IR_GOTO_TB_SLOTS];  /* TB slot n is chained to, or NULL */
    uintptr_t jmp_in;           /* incoming edges: head, tagged src | slot */
    uintptr_t jmp_in_next[IR_GOTO_TB_SLOTS];  /* next edge in jmp_dest[n]'s
                                                 incoming list */
    uint32_t guest_size;        /* guest bytes [pc, pc + guest_size) */
    uint32_t code_size;
    uint32_t ninsns;
    uint32_t jmp_slot[IR_GOTO_TB_SLOTS];  /* code offset of GOTO_TB n, or
                                             BACKEND_NO_SLOT */
    uint32_t jmp_reset[IR_GOTO_TB_SLOTS]; /* BackendTbOut.jmp_reset */
    /* Guest bytes whose change drops the TB, [pc - watch_before, pc +
     * watch_after]: the hull of its own and those the frontend peeked at
     * (TranslateReq.peek), on its pages (tb_watch_first/last). */
    uint32_t watch_before, watch_after;
    /* Per insn: sleb128 pc delta, then uleb128 code-end delta (from the
     * previous insn; the first from tb->pc and 0). */
    uint16_t insn_map_size;
} TB;

_Static_assert(offsetof(TB, code_rx) + sizeof(uintptr_t) <= 24
               && sizeof(TB) <= 64 + 20 * IR_GOTO_TB_SLOTS,
               "the lookup's fields lead, and the TB stays small (96 bytes with 2 slots)");
/* An edge's tag (src | slot) and an exit value (tb | IrExit) live in the
 * low bits of a TB pointer. */
_Static_assert(IR_GOTO_TB_SLOTS <= 4 && IR_EXIT_MASK < TB_ALIGN,
               "slot tags fit 2 bits, exit codes fit the TB alignment");

/* The arena slot's layout: TB, npages links, insn map. */
static inline TbPageLink *tb_pages(const TB *tb)
{
    return (TbPageLink *)((uintptr_t)tb + ((sizeof(TB) + TB_ALIGN - 1) & ~(size_t)(TB_ALIGN - 1)));
}

static inline uint8_t *tb_insn_map(const TB *tb)
{
    return (uint8_t *)(tb_pages(tb) + tb->npages);
}

static inline uint64_t tb_watch_first(const TB *tb)
{
    return tb->pc - tb->watch_before;
}

static inline uint64_t tb_watch_last(const TB *tb)
{
    return tb->pc + tb->watch_after;
}

typedef struct TbArena {
    uint8_t *map;               /* the reservation: mapped bytes */
    uint8_t *base;              /* map aligned to a huge page */
    size_t mapped;
    size_t size, used, last;    /* base + size <= map + mapped; last: latest
                                   allocation */
    size_t populated;           /* [0, populated) committed ahead of use */
    bool can_populate;          /* MADV_POPULATE_WRITE worked so far */
} TbArena;

/* The hash (tb-index.c): open addressing over 64-bit slots, each
 * fingerprint << 32 | TB reference; read without the lock.  A table
 * replaced by a bigger one is kept (retired list) until the next flush. */
typedef struct TbHashTable {
    unsigned bits;
    size_t bytes;                   /* the mapping (exec_map_populated) */
    size_t used;                    /* slots not empty: live + tombstones */
    size_t live;
    struct TbHashTable *retired;    /* older tables */
    uint64_t slots[];
} TbHashTable;

/* The page map (tb-index.c), used under the lock only. */
typedef struct TbPageSlot {
    uint64_t key;                   /* guest page + 1; 0: empty */
    TbPageLink *first;              /* the page's TBs */
} TbPageSlot;

typedef struct TbPageMap {
    TbPageSlot *slots;
    unsigned bits;
    size_t used;
    /* The slot tb_page_link last used (NULL after a grow or reset):
     * consecutive TBs are mostly on one page. */
    TbPageSlot *last;
} TbPageMap;

/* ---- The engine ---------------------------------------------------------- */

struct Exec {
    ExecConfig cfg;             /* defaults filled in */
    const GuestArch *arch;
    const Backend *backend;
    void *be;
    FILE *log;
    FILE *perf_map;
    pthread_mutex_t lock;
    pthread_t lock_owner;       /* valid while locked; atomic accesses */
    bool locked;

    CodeBuf code;
    TbArena arena;
    IrFunc *ir;                 /* one per Exec, reused per TB */
    uint32_t *insn_end;         /* BackendTbOut.insn_end scratch */
    uint32_t insn_cap;          /* its entries */

    TbHashTable *hash;          /* keyed by (pc, flags); atomic pointer */
    uint64_t hash_gen;          /* bumped by each insertion; atomic */
    TbPageMap pages;            /* guest page -> TBs */
    TB **by_code;               /* every TB since the flush, by code_rx */
    size_t ntbs, by_code_cap;   /* by_code_cap: entries reserved */
    size_t by_code_populated;   /* bytes of by_code committed */
    uint64_t flush_gen;         /* bumped by every flush */

    TernCPU **cpus;             /* for clearing jump caches */
    size_t ncpus, cpus_cap;

    /* Stop-the-world flushes (exec.c).  Lock order: run_lock, then lock. */
    pthread_mutex_t run_lock;
    pthread_cond_t run_cond;    /* nrunning or exclusive changed */
    size_t nrunning;            /* CPUs inside cpu_exec() */
    bool exclusive;             /* a flush is waiting or running */

    ExecStats stats;
    struct Exec *fork_next;     /* exec.c's list of live Execs, for fork */
};

/* For the counters bumped outside the lock (lookups): relaxed, never a
 * locked instruction, so concurrent CPUs may lose a count, never tear one. */
static inline void exec_count(uint64_t *counter)
{
    __atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + 1,
                     __ATOMIC_RELAXED);
}

/* The writable view of tb's code (the same address without W^X). */
static inline uint8_t *tb_code_rw(const Exec *ex, const TB *tb)
{
    return ex->code.rw + (tb->code_rx - ex->code.rx);
}

void exec_lock(Exec *ex);
void exec_unlock(Exec *ex);
bool exec_lock_held_by_me(const Exec *ex);

/* cpu_exec() brackets: entry waits while a stop-the-world flush runs. */
void exec_cpu_start(Exec *ex, TernCPU *cpu);
void exec_cpu_end(Exec *ex, TernCPU *cpu);
/* Flushes with every other CPU outside cpu_exec().  self: the caller's CPU
 * when the caller is inside cpu_exec() (holding no TB pointer it will use
 * afterwards), else NULL.  If another thread's flush is under way, waits
 * for that one instead. */
void exec_flush_exclusive(Exec *ex, TernCPU *self);
/* Lock held: whether the translator may flush in place (one CPU). */
static inline bool exec_may_flush_in_place(const Exec *ex)
{
    return ex->ncpus <= 1;
}

bool tb_tables_init(Exec *ex);
void tb_tables_destroy(Exec *ex);
/* Arena slot for a TB spanning npages guest pages with up to ninsns insns;
 * NULL when the arena is full (the caller flushes). */
TB *tb_alloc(Exec *ex, uint32_t npages, uint32_t ninsns);
/* Gives back the unused tail of the latest allocation. */
void tb_alloc_trim(Exec *ex, const void *end);
/* Encodes the insn map from (pc, end offset) pairs into tb's arena slot. */
void tb_set_insn_map(TB *tb, const uint64_t *pcs, const uint32_t *ends, uint32_t n);
/* The guest pc of the insn whose code holds code offset off; false when off
 * is past the last insn. */
bool tb_insn_at(const TB *tb, uint32_t off, uint64_t *pc);
uint32_t tb_page_count(uint64_t pc, uint64_t size);
/* Adds tb to the hash, the page index and the code-address map. */
void tb_insert(Exec *ex, TB *tb);
TB *tb_by_code(Exec *ex, uintptr_t rx);
/* Patches src's slot to jump to dst and records the edge (lock held). */
void tb_add_jump(Exec *ex, TB *src, unsigned slot, TB *dst);
void tb_invalidate_range(Exec *ex, uint64_t start, uint64_t len);
/* Drops every TB (lock held). */
void tb_flush(Exec *ex);

/* ---- The TB indexes (tb-index.c) ------------------------------------------ */

bool tb_hash_init(Exec *ex);
void tb_hash_destroy(Exec *ex);
/* Lock held.  tb is complete and not in the hash. */
void tb_hash_insert(Exec *ex, TB *tb);
void tb_hash_remove(Exec *ex, TB *tb);
/* Needs no lock.  Unlocked, it may return a TB invalidated meanwhile, or
 * NULL for a TB inserted since the caller read Exec.hash_gen (acquire);
 * under the lock it is exact. */
TB *tb_hash_lookup(Exec *ex, uint64_t pc, uint32_t flags);
/* Starts loading the slot a lookup of (pc, flags) reads first, so that
 * its cache miss overlaps other work (the jump cache's probe). */
void tb_hash_prefetch(const Exec *ex, uint64_t pc, uint32_t flags);
/* Empties the hash, frees retired tables (flush: no lookup under way). */
void tb_hash_reset(Exec *ex);

__attribute__((warn_unused_result))
bool tb_page_map_init(TbPageMap *m);
void tb_page_map_destroy(TbPageMap *m);
void tb_page_map_reset(TbPageMap *m);
/* Puts tb's links on the lists of the pages it spans; unlink takes them off. */
void tb_page_link(TbPageMap *m, TB *tb);
void tb_page_unlink(TB *tb);
/* The first link of page's list, NULL when no TB overlaps it. */
TbPageLink *tb_page_first(const TbPageMap *m, uint64_t page);

/* ---- Translation (translate-all.c) --------------------------------------- */

/* Translates (pc, flags) into a new TB and installs it (lock held).  May
 * flush the code buffer first (one CPU): callers compare flush_gen.  NULL
 * when the buffer is full and other CPUs exist: the caller drops the lock
 * and calls exec_flush_exclusive(). */
TB *tb_gen_code(Exec *ex, uint64_t pc, uint32_t flags);

/* ---- The cpu loop (cpu-exec.c) ------------------------------------------- */

/* BackendLookupFn: env is the TernCPU. */
uintptr_t exec_lookup_fn(void *env);

/* ---- Logging (log.c) ----------------------------------------------------- */

static inline bool exec_logging(const Exec *ex, uint32_t item)
{
    return (ex->cfg.log_mask & item) != 0;
}
void exec_log_ir(Exec *ex, const char *title, const IrFunc *f);
/* stats.c: a start stamp (0 unless -d stats) and its accounting. */
uint64_t exec_stats_clock(const Exec *ex);
void exec_stats_add_translate(Exec *ex, uint64_t start);
void exec_log_in_asm(Exec *ex, uint64_t pc, uint32_t flags, uint64_t size);
void exec_log_out_asm(Exec *ex, const TB *tb);
void exec_log_trace(Exec *ex, TernCPU *cpu, const TB *tb);
__attribute__((warn_unused_result))
bool exec_perf_map_open(Exec *ex);
void exec_perf_map_add(Exec *ex, const TB *tb);

#endif
