/* tests/unit/test-exec-toy.h — the toy guest and the fake backend that
 * test-exec.c drives the execution engine with (test-exec-toy.c).
 *
 * The toy guest has three 64-bit registers (pc, acc, ctr) and one-word
 * instructions, opcode in bits 31..24, operand in bits 23..0:
 *
 *     ADD n     acc += n               JMP a     pc = a (chained, slot 0)
 *     LOOP a    if (--ctr) pc = a (slot 0) else fall through (slot 1)
 *     HALT      TERN_EXCP_HALT at pc   JR        pc = acc (LOOKUP_AND_GOTO)
 *     FAULT     a helper that unwinds with exec_restore_state + cpu_loop_exit
 *     TICK      a helper counting calls; sets exit_request at tick_limit
 *     SETACC n  acc = n
 *     PEEK a    nothing, but reports the word at a as read by the
 *               translation (TranslateReq.peek: a write there drops the TB)
 *
 * Code lives in a word array at guest [TOY_BASE, TOY_BASE + 4 * TOY_WORDS).
 *
 * The fake backend copies a TB's IR ops into the code buffer and interprets
 * them there (pure ops through ir_eval), with a real patchable 8-byte jump
 * slot per GOTO_TB, so tests can see exactly what chaining patched.
 */
#ifndef TERN_TEST_EXEC_TOY_H
#define TERN_TEST_EXEC_TOY_H

#include "exec/exec-internal.h"

typedef struct ToyCPU {
    TernCPU common;
    uint64_t pc, acc, ctr;
    uint64_t ticks, tick_limit;
    bool fault_restored;
} ToyCPU;

enum { TOY_ADD = 1, TOY_JMP, TOY_LOOP, TOY_HALT, TOY_JR, TOY_FAULT, TOY_TICK, TOY_SETACC,
       TOY_PEEK };

#define TOY_BASE 0x1000u
#define TOY_WORDS 0x2000u

static inline uint32_t toy_insn(unsigned op, uint32_t operand)
{
    return op << 24 | (operand & 0xffffff);
}

void toy_mem_clear(void);
void toy_put(uint64_t addr, uint32_t insn);
bool toy_read_code(void *opaque, uint64_t addr, uint32_t *insn);
/* When set, reading the code word at toy_unwind_addr unwinds toy_unwind_cpu
 * with a prefetch abort through cpu_loop_exit (as a host fault handler
 * would, in the middle of a translation). */
extern TernCPU *toy_unwind_cpu;
extern uint64_t toy_unwind_addr;
extern const GuestArch toy_arch;

typedef struct FakeCounts {
    unsigned enters, emits, patches;   /* atomic increments */
} FakeCounts;

extern const Backend backend_fake;
/* The counters of the latest fake backend instance. */
const FakeCounts *fake_counts(void);
/* The GOTO_TB slot n of tb as the fake backend's code holds it. */
uint64_t fake_slot(const TB *tb, unsigned n);

#endif
