/* backend/backend.h — what every backend (x86-64, interpreter, …) provides.
 *
 * A backend turns an optimized IrFunc into code in a region the exec layer
 * owns, runs that code, and patches the direct jumps that chain TBs.  It
 * knows nothing about guests: it sees only IR, the env pointer, and how
 * guest addresses map to host addresses (BackendMem).
 *
 * Generated code contract:
 *   - env (IR_TEMP_ENV) points at the CPU state; globals live at env+offset.
 *   - At TB exit, before IR_F_MAY_FAULT ops, and around calls as the helper's
 *     flags say, every global holds its current value in memory.
 *   - Globals may stay in host registers across TBs (docs/ir.md, hot
 *     globals): C code changes their env fields only between enter()s or
 *     in helpers flagged IR_HF_WRITES_GLOBALS.
 *   - EXIT_TB(code) returns tb_cookie | code from enter().
 *   - GOTO_TB(slot, pc) is a patchable jump; unpatched it stores pc to the
 *     guest pc field (env + BackendLookup.pc_off, which is never a hot
 *     global) and returns tb_cookie | (IR_EXIT_SLOT0 + slot) from enter().
 *   - LOOKUP_AND_GOTO finds the code of the TB for the guest pc in env
 *     (BackendLookup): a hit in the jump cache jumps there directly, a miss
 *     calls lookup.fn(env), whose non-zero result is the code address of
 *     the TB to run next, jumped to without leaving generated code; zero
 *     makes enter() return 0.
 */
#ifndef TERN_BACKEND_H
#define TERN_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ir/ir.h"

/* How guest addresses become host addresses (linux-user): host = guest_base
 * + (addr & ((1 << addr_bits) - 1)).  addr_bits == 32 lets x86-64 mask with
 * a plain 32-bit move.  The guest region is reserved by its owner, so no
 * masked address reaches the translator's own memory. */
typedef struct BackendMem {
    uintptr_t guest_base;
    unsigned addr_bits;
} BackendMem;

/* A writable view and the executable address of the same bytes (the exec
 * layer maps the code buffer twice, never writable and executable at once). */
typedef struct BackendCode {
    uint8_t *rw;
    uintptr_t rx;
    size_t size;
} BackendCode;

#define BACKEND_NO_SLOT UINT32_MAX

typedef struct BackendTbOut {
    size_t code_size;          /* bytes emitted */
    uint32_t jmp_slot[IR_GOTO_TB_SLOTS];  /* offset of each GOTO_TB's patchable
                                             slot, or BACKEND_NO_SLOT */
    uint32_t jmp_reset[IR_GOTO_TB_SLOTS]; /* where an unchained slot jumps
                                             (code offset), or 0: the code
                                             right after it (left 0 by
                                             backends that need no other) */
    uint32_t *insn_end;        /* caller's array of f->ninsns entries: code
                                  offset where each guest insn's code ends */
} BackendTbOut;

typedef uintptr_t (*BackendLookupFn)(void *env);

/* How LOOKUP_AND_GOTO finds the next TB.  With inline_cache, generated
 * code first probes the exec layer's per-CPU jump cache itself:
 *
 *     pc    = *(uint64_t *)(env + pc_off)
 *     flags = *(uint32_t *)(env + flags_off)
 *     e     = *(uint8_t **)(env + cache_off)
 *             + ((((pc ^ (pc >> cache_bits)) >> 2) & ((1 << cache_bits) - 1))
 *                << entry_shift)
 *     hit:  *(uint64_t *)(e + entry_pc_off) == pc
 *           && *(uint32_t *)(e + entry_flags_off) == flags
 *           && (code = *(uintptr_t *)(e + entry_code_off)) != 0
 *
 * and jumps to code on a hit, reading code once (the exec layer empties
 * an entry by storing 0 there).  Everything else calls fn(env). */
typedef struct BackendLookup {
    BackendLookupFn fn;
    bool inline_cache;
    int32_t pc_off, flags_off, cache_off;       /* in env */
    unsigned cache_bits, entry_shift;
    int32_t entry_pc_off, entry_flags_off, entry_code_off;
} BackendLookup;

typedef struct Backend {
    const char *name;
    /* Creates the backend's state and emits its shared code (prologue,
     * epilogue) at the start of code; *used is the bytes taken.  NULL on
     * failure, with a message on stderr. */
    void *(*create)(const BackendMem *mem, const BackendLookup *lookup,
                    BackendCode code, size_t *used);
    void (*destroy)(void *be);
    /* Emits f, on which ir_liveness() has run, into code.  false when
     * code is too small (the caller flushes the buffer and retries);
     * nothing else may fail.  Calls on one backend are serialized by the
     * caller (exec holds Exec.lock): a backend may keep per-TB scratch. */
    bool (*emit_tb)(void *be, IrFunc *f, uintptr_t tb_cookie,
                    BackendCode code, BackendTbOut *out);
    /* Runs generated code from code_rx until it exits. */
    uintptr_t (*enter)(void *be, void *env, uintptr_t code_rx);
    /* Chains the GOTO_TB slot at slot_rw/slot_rx to target_rx, or resets it
     * to fall through when target_rx is 0 (exec passes the slot's
     * jmp_reset instead when it has one).  Atomic for concurrent runners. */
    void (*patch_jump)(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target_rx);
    /* For a host fault at host_pc while generated code ran: the code address
     * (inside some TB's code) of the op that faulted, or 0 when unknown.
     * The JIT answers host_pc; the interpreter its current bytecode op. */
    uintptr_t (*fault_pos)(void *be, uintptr_t host_pc);
    /* -d out_asm: disassembles generated code. */
    void (*disas)(FILE *out, const uint8_t *code, uintptr_t rx, size_t size);
} Backend;

extern const Backend backend_x86_64;
extern const Backend backend_interp;

/* "x86_64" / "jit" or "interp"; NULL when unknown. */
const Backend *backend_by_name(const char *name);
/* The native backend for this host, else the interpreter. */
const Backend *backend_default(void);

#endif
