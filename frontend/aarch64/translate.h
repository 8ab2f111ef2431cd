/* frontend/aarch64/translate.h — shared by the A64 translator's files only.
 *
 * One DisasContext per TB.  Decoding is generated from the *.decode specs
 * (docs/decode.md) into a64-decode.h / a64-decode.c.inc; each pattern NAME
 * calls  bool trans_NAME(DisasContext *s, arg_NAME *a), which returns false
 * for an unallocated encoding (the decoder then raises UDEF).
 *
 * Globals are registered by a64_init_globals() in this fixed order, so their
 * temp numbers are constants (A64_T_*).
 */
#ifndef TERN_A64_TRANSLATE_H
#define TERN_A64_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/aarch64/a64.h"
#include "ir/ir.h"

enum {
    A64_T_X0 = 1,               /* X0..X30 are temps 1..31 */
    A64_T_SP = 32,
    A64_T_PC = 33,
    A64_T_NF, A64_T_ZF, A64_T_CF, A64_T_VF,
    A64_T_NUM_GLOBALS
};

/* How the current instruction ended the TB (if it did). */
typedef enum DisasJump {
    DISAS_NEXT,          /* fall through to the next instruction */
    DISAS_NORETURN,      /* this insn already emitted the TB's exit */
    DISAS_TOO_MANY,      /* stop here: caller emits a chained jump to pc_next */
} DisasJump;

typedef struct DisasContext {
    IrFunc *f;
    const TranslateReq *req;
    uint64_t pc;         /* current instruction */
    uint64_t pc_next;    /* pc + 4 */
    uint32_t insn;
    DisasJump jump;
} DisasContext;

/* ---- Registers (translate.c) -------------------------------------------- */

/* X[r] for reads where r == 31 means XZR: a fresh temp holding 0. */
IrTemp cpu_reg(DisasContext *s, unsigned r);
/* X[r] where r == 31 means SP. */
IrTemp cpu_reg_sp(DisasContext *s, unsigned r);
/* Reads X[r] (XZR for 31) as a new i64 temp, zero-extended from 32 bits
 * when !sf. */
IrTemp read_reg(DisasContext *s, unsigned r, bool sf);
/* X[r] = v (i64), zero-extending from 32 bits when !sf; r == 31 discards. */
void write_reg(DisasContext *s, unsigned r, IrTemp v, bool sf);
/* Same, but r == 31 writes SP. */
void write_reg_sp(DisasContext *s, unsigned r, IrTemp v, bool sf);

/* ---- Control (translate.c) ----------------------------------------------- */

/* Ends the TB with a jump to dest: chained through GOTO_TB slot n. */
void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest);
/* Ends the TB with pc = v and LOOKUP_AND_GOTO. */
void gen_jump_reg(DisasContext *s, IrTemp v);
/* Raises an exception at the current insn (UDEF, BKPT) or after it
 * (SYSCALL: pc = pc_next); ends the TB. */
void gen_exception(DisasContext *s, TernExcp excp, uint32_t syndrome);
/* Undefined instruction: SIGILL for the guest.  Always returns true so a
 * trans_ function can `return gen_undef(s);`. */
bool gen_undef(DisasContext *s);
/* Stores the current pc to the PC global (before helpers that may raise). */
void gen_sync_pc(DisasContext *s);

/* Emits a condition test of the Arm ARM's ConditionHolds(cond): branches to
 * l when cond holds. */
void gen_brcond_a64(DisasContext *s, unsigned cond, IrLabel l);
/* d (i64) = ConditionHolds(cond) ? 1 : 0. */
void gen_test_cc(DisasContext *s, unsigned cond, IrTemp d);

/* ---- Added by frontend-core (append-only) --------------------------------- */

/* GuestArch hooks: the TB loop (translate.c), the globals (cpu.c), -d in_asm
 * (disas.c). */
uint64_t a64_translate(IrFunc *f, const TranslateReq *req);
void a64_init_globals(IrFunc *f);
void a64_disas(FILE *out, uint64_t pc, const uint8_t *code, size_t size);

/* CNTFRQ_EL0: a 1 GHz generic timer, so a CNTVCT tick is a host nanosecond
 * (Armv8.6 and later mandate 1 GHz too). */
#define A64_CNTFRQ_HZ 1000000000ull

/* Helpers: helper.def lists each once; here it becomes the descriptors
 * (defined in helper.c; not const, a backend fills IrHelper.cache) and the
 * gen_helper_NAME(f, ret, args...) call builders.  Argument and return
 * kinds: i32, i64, env (the A64CPU pointer), void. */
#define A64_HTYPE_i32  IR_I32
#define A64_HTYPE_i64  IR_I64
#define A64_HTYPE_env  IR_I64
#define A64_HTYPE_void IR_VOID
#define A64_CTYPE_i32  uint32_t
#define A64_CTYPE_i64  uint64_t
#define A64_CTYPE_env  A64CPU *
#define A64_CTYPE_void void

#define A64_HELPER0(name, flags, ret) \
    extern IrHelper a64_helper_##name; \
    static inline void gen_helper_##name(IrFunc *f, IrTemp r) \
    { ir_gen_call(f, &a64_helper_##name, r, NULL); }
#define A64_HELPER1(name, flags, ret, t1) \
    extern IrHelper a64_helper_##name; \
    static inline void gen_helper_##name(IrFunc *f, IrTemp r, IrTemp a1) \
    { IrTemp a[1] = { a1 }; ir_gen_call(f, &a64_helper_##name, r, a); }
#define A64_HELPER2(name, flags, ret, t1, t2) \
    extern IrHelper a64_helper_##name; \
    static inline void gen_helper_##name(IrFunc *f, IrTemp r, IrTemp a1, IrTemp a2) \
    { IrTemp a[2] = { a1, a2 }; ir_gen_call(f, &a64_helper_##name, r, a); }
#include "frontend/aarch64/helper.def"
#undef A64_HELPER0
#undef A64_HELPER1
#undef A64_HELPER2

/* ---- Added by crypto (append-only) ---------------------------------------- */

/* MRS of the ID register space at EL0 as Linux emulates it (HWCAP_CPUID):
 * op0 = 3 and the other fields as given.  Stores the value and returns
 * true, or returns false when the register UDEFs.  (cpu.c, where the
 * HWCAPs are, so that both describe the same features.) */
bool a64_read_idreg(unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                    uint64_t *value);

#endif
