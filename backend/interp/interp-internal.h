/* backend/interp/interp-internal.h — the interpreter's bytecode format,
 * shared by the emitter (interp-emit.c), the dispatch loop (interp-run.c)
 * and the disassembler (interp-disas.c).
 *
 * A TB's bytecode is a run of instructions made of 32-bit words, followed
 * by a constant pool:
 *
 *     entry (code.rx) -> [hdr][operand words...] [hdr]... [POOL hdr][pad][consts]
 *
 * Header word: bits 0-15 the bytecode opcode, bits 16-31 `aux` (a cond, a
 * memop, bit-field pos | len << 8, a GOTO_TB slot, an exit code, ...).
 * Bytecode opcodes are (IR op, type) pairs, 2 * IrOpcode + (type == i64), so
 * ir/ops.def is the list of them; INTERP_BC_POOL marks the constant pool.
 *
 * Operand word: (byte offset) | selector, offsets 4-aligned so the low two
 * bits are free.  Selectors:
 *   ENV    globals, read and written in place at env + offset (so they are
 *          always synced, whatever an op may fault or call);
 *   FRAME  block and TB-local temps, 8-byte slots of a per-enter() frame;
 *          slot 0 holds the env pointer itself (the IR_TEMP_ENV temp);
 *   TB     constants, in the pool at TB entry + offset.
 * An i32 value is always read and written as 4 bytes at its operand's
 * address, an i64 as 8, so the upper half of a slot holding an i32 is never
 * observed.
 *
 * Layouts after the header (one word each unless said otherwise):
 *   pure ops         outputs then inputs; cargs in aux (carg0 | carg1 << 8)
 *   LD, ST, CMPXCHG  outputs then inputs; aux = memop
 *   LD_ENV, ST_ENV   the temp, then the signed env offset; aux = memop
 *   BR               branch offset, relative to the header
 *   BRCOND           a, b, branch offset; aux = cond
 *   MB               aux = IR_MB_* kind
 *   CALL             IrHelper pointer (8 bytes), [ret], args; aux: see
 *                    INTERP_CALL_*
 *   GOTO_TB          8-byte slot, 8-aligned in memory: 0 leaves, else the
 *                    rx address of the TB to continue at; then the guest
 *                    pc to store on leaving and the tb cookie (8 bytes
 *                    each); aux = slot
 *   GOTO_TB_IF       a, b, then GOTO_TB's three 8-byte fields (the slot
 *                    8-aligned in memory); aux = cond | slot << 8
 *   EXIT_TB          tb cookie (8 bytes); aux = IrExit code
 *   VEC              IrVecDesc, then the env offsets d, a, b, c (signed)
 *   LOOKUP_AND_GOTO, NOP, POOL   nothing
 * 64-bit fields are only 4-aligned (but the GOTO_TB(_IF) slot) and read with
 * memcpy.  Every address embedded in bytecode is an rx address.  A TB must
 * start 4-aligned, with rw and rx equal modulo 8 (exec's TBs are
 * 16-aligned in one memfd mapped twice).
 */
#ifndef TERN_INTERP_INTERNAL_H
#define TERN_INTERP_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "backend/backend.h"
#include "ir/ir.h"

typedef enum InterpBc {
#define IR_OP(name, nout, nin, ncarg, flags, sig) \
    INTERP_BC_##name##_I32, INTERP_BC_##name##_I64,
#include "ir/ops.def"
#undef IR_OP
    INTERP_BC_ENTRY_CHECK,      /* IrFunc.entry_check: hdr, env offset, cookie */
    INTERP_BC_POOL,
    INTERP_BC_NUM
} InterpBc;

static inline unsigned interp_bc(IrOpcode opc, IrType type)
{
    return 2u * opc + (type == IR_I64);
}

enum { INTERP_SEL_ENV = 0, INTERP_SEL_FRAME = 1, INTERP_SEL_TB = 2, INTERP_SEL_MASK = 3 };

/* Frame slots per enter(): the emitter reuses block-temp slots, so this
 * bounds the temps live at once in one TB, not the temps of a TB. */
#define INTERP_FRAME_SLOTS 4096

/* CALL aux: argument count, whether there is a return value and its type,
 * and which arguments are i64. */
enum {
    INTERP_CALL_NARGS = 0x7,
    INTERP_CALL_RET = 1u << 3,
    INTERP_CALL_RET64 = 1u << 4,
    INTERP_CALL_ARG64_SHIFT = 8,
};

/* The backend state create() returns. */
typedef struct InterpBackend {
    uintptr_t guest_base;
    uint64_t addr_mask;
    BackendLookupFn lookup;
    int32_t pc_off;            /* the guest pc in env (BackendLookup) */
} InterpBackend;

/* ---- Reading bytecode ---------------------------------------------------- */

static inline uint32_t interp_word(const uint8_t *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static inline uint64_t interp_dword(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline unsigned interp_hdr_bc(const uint8_t *insn) { return interp_word(insn) & 0xffff; }
static inline unsigned interp_hdr_aux(const uint8_t *insn) { return interp_word(insn) >> 16; }

/* Byte size of the instruction at insn (any but POOL). */
unsigned interp_insn_size(const uint8_t *insn);

/* ---- The pieces of the Backend ------------------------------------------- */

bool interp_emit_tb(void *be, IrFunc *f, uintptr_t tb_cookie, BackendCode code,
                    BackendTbOut *out);
uintptr_t interp_enter(void *be, void *env, uintptr_t code_rx);
uintptr_t interp_fault_pos(void *be, uintptr_t host_pc);
void interp_disas(FILE *out, const uint8_t *code, uintptr_t rx, size_t size);

#endif
