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

#endif
