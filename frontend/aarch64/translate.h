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

/* The last flag setter of the TB when its flags are still described by its
 * operands (translate-cc.c): NZCV of  a - b  (SUB),  a + b  (ADD), or of
 * the logical result r (LOGIC, C = V = 0).  a, b, r are i64 temps written
 * once (zero-extended for 32-bit forms, r's bits above 31 undefined then),
 * valid until the end of the basic block.  GLOBALS: the flag globals are
 * the truth and nothing else is known. */
typedef enum A64CCKind {
    A64_CC_GLOBALS, A64_CC_SUB, A64_CC_ADD, A64_CC_LOGIC
} A64CCKind;

typedef struct A64CC {
    A64CCKind kind;
    bool sf;             /* 64-bit operation */
    bool synced;         /* the flag globals hold these flags too */
    IrTemp a, b, r;
} A64CC;

/* Four temps that receive (or hold) N, Z, C, V in the split form of a64.h. */
typedef struct A64Flags {
    IrTemp nf, zf, cf, vf;
} A64Flags;

/* The taken exit of a conditional branch the TB went on past
 * (a64_defer_taken). */
#define A64_NO_LABEL UINT32_MAX
typedef struct A64TakenExit {
    bool late;           /* write the flags of cc first */
    IrLabel label;       /* A64_NO_LABEL: left by GOTO_TB_IF at the branch */
    uint64_t dest;
    A64CC cc;
} A64TakenExit;

/* Slot 0 is the TB's last exit (the fall-through one when it is a
 * conditional branch); the taken exits get 1, 2, ... in order. */
#define A64_MAX_TAKEN (IR_GOTO_TB_SLOTS - 1)

typedef struct DisasContext {
    IrFunc *f;
    const TranslateReq *req;
    uint64_t pc;         /* current instruction */
    uint64_t pc_next;    /* pc + 4 */
    uint32_t insn;
    DisasJump jump;
    /* ---- Lazy flags (translate-cc.c) ---- */
    A64CC cc;
    /* Op index from which the current insn's code no longer depends on
     * flags being pending (they were synced or their exits decided);
     * UINT32_MAX while they may be. */
    uint32_t cc_fence;
    /* The ops [cc_sync_from, cc_sync_to) of the current insn materialize
     * the flags (they write the globals without changing the flags). */
    uint32_t cc_sync_from, cc_sync_to;
    bool lookahead;      /* translating a successor to classify it */
    /* Guest bytes read beyond the TB's own for the lookahead: [lo, hi). */
    uint64_t peek_lo, peek_hi;
    /* The host words of the 4 KiB guest page code_page (a64_fetch), when
     * code is not NULL: the TB and its lookahead stay on one page, so
     * the owner's checks run once per TB. */
    const uint32_t *code;
    uint64_t code_page;
    unsigned ninsns;     /* translated before the current one */
    /* The copy `mov rt_v, rt_dst` a retarget of the current insn left
     * out (rt_v 0: none): op rt_at writes rt_dst instead of rt_v, and
     * a64_rt_resolve puts the copy back after it if anything reads rt_v. */
    IrTemp rt_v, rt_dst;
    uint32_t rt_at;
    /* Deferred taken exits, emitted after the TB's last insn through
     * slots 1..ntaken. */
    unsigned ntaken;
    A64TakenExit taken[A64_MAX_TAKEN];
} DisasContext;

#define A64_PAGE_MASK 0xfffull

/* ---- Fetch (translate.c) -------------------------------------------------- */

bool a64_fetch_slow(DisasContext *s, uint64_t pc, uint32_t *insn);

/* The word at pc into *insn; false when it can't be read (not mapped
 * executable).  Reading it makes a later write there drop the TB. */
static inline bool a64_fetch(DisasContext *s, uint64_t pc, uint32_t *insn)
{
    if (s->code && (pc & ~A64_PAGE_MASK) == s->code_page && !(pc & 3)) {
        *insn = s->code[(pc & A64_PAGE_MASK) >> 2];
        return true;
    }
    return a64_fetch_slow(s, pc, insn);
}

/* ---- Registers (translate.c) -------------------------------------------- */

/* X[r] for reads where r == 31 means XZR (the constant 0).  Like every
 * global, the value changes when the insn writes X[r]: read first. */
IrTemp cpu_reg(DisasContext *s, unsigned r);
/* X[r] where r == 31 means SP. */
IrTemp cpu_reg_sp(DisasContext *s, unsigned r);
/* X[r] (XZR for 31) as an i64 temp, zero-extended from 32 bits when !sf:
 * a new temp then, else cpu_reg(s, r) itself (so, a global whose value
 * changes when the insn writes X[r]; never an output). */
static inline IrTemp read_reg(DisasContext *s, unsigned r, bool sf);
/* X[r] = v (i64), zero-extending from 32 bits when !sf; r == 31 discards. */
static inline void write_reg(DisasContext *s, unsigned r, IrTemp v, bool sf);
/* Same, but r == 31 writes SP. */
void write_reg_sp(DisasContext *s, unsigned r, IrTemp v, bool sf);

/* ---- Control (translate.c) ----------------------------------------------- */

/* Ends the TB with a jump to dest: chained through GOTO_TB slot n. */
void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest);
/* Whether the TB may go on past the conditional branch being translated:
 * it ends soon after (a64_rest_fits) with a slot left for every
 * conditional exit on the way. */
bool a64_may_defer(DisasContext *s);
/* At a conditional branch, after its brcond to label (or its GOTO_TB_IF
 * through slot a64_cond_slot, label A64_NO_LABEL) and the flags of its
 * fall-through path: when a64_may_defer, records the taken exit to dest
 * (late: flags to write on that path, or NULL), which a64_translate
 * emits through the next GOTO_TB slot after the TB's last insn (but for
 * A64_NO_LABEL, already done), and returns true: the TB goes on along
 * the fall-through.  False (nothing changed): the caller ends the TB. */
bool a64_defer_taken(DisasContext *s, IrLabel label, uint64_t dest, const A64CC *late);
/* The slot of a conditional exit's taken side that ends the TB. */
static inline unsigned a64_cond_slot(const DisasContext *s)
{
    return 1 + s->ntaken;
}
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

/* d (i64) = ConditionHolds(cond) ? 1 : 0. */
void gen_test_cc(DisasContext *s, unsigned cond, IrTemp d);

/* ---- Lazy flags (translate-cc.c) ------------------------------------------ */

/* A flag setter: NZCV := flags of kind over (a, b, r) (see A64CC); nothing
 * is computed until a reader or an exit needs it. */
void gen_cc_set(DisasContext *s, A64CCKind kind, bool sf, IrTemp a, IrTemp b, IrTemp r);
/* Computes the flags described by cc into fl (temps or the globals). */
void gen_cc_flags(DisasContext *s, const A64CC *cc, const A64Flags *fl);
/* Makes the flag globals current (before code that can observe them). */
void gen_cc_sync(DisasContext *s);
/* The caller is about to write all four flag globals itself. */
void gen_cc_clobber(DisasContext *s);
/* A block ends here (a branch of the TB's exits): the operand temps die,
 * only the globals are left.  The caller already called gen_cc_exits. */
void a64_cc_forget(DisasContext *s);
/* PSTATE.C as an i64 0/1 temp (ADC, SBC). */
IrTemp gen_cc_carry(DisasContext *s);
/* Before the exits of the current insn to dest0 and dest1 (the same for a
 * single exit; UINT64_MAX: unknown or not a TB): syncs the flags when some
 * path from an exit may read them.  Emits nothing that ends a block. */
void gen_cc_exits(DisasContext *s, uint64_t dest0, uint64_t dest1);
/* gen_cc_exits for a conditional exit, dest0 its fall-through, dest1 its
 * taken path: when only one of them may read the flags, nothing is synced;
 * *late gets the pending flags (operands valid to the end of the basic
 * block) and the return value says which path (0 or 1) must call
 * gen_cc_late(s, late) before it leaves.  -1: nothing left to do. */
int gen_cc_exits_split(DisasContext *s, uint64_t dest0, uint64_t dest1, A64CC *late);
/* Makes the operands of late outlive the basic block (TB-locals, or the
 * globals that hold them): before a branch to the path that uses them. */
void gen_cc_late_keep(DisasContext *s, A64CC *late);
/* Writes the flags described by late into the flag globals. */
void gen_cc_late(DisasContext *s, const A64CC *late);
#define A64_CC_DEST_UNKNOWN UINT64_MAX
/* Starts a guest insn (ir_gen_insn_start) and emits the IR of s->insn at
 * s->pc (translate.c). */
void a64_gen_insn(DisasContext *s);
/* The current insn's flag bookkeeping starts (DisasContext.cc_fence). */
static inline void a64_cc_insn_begin(DisasContext *s)
{
    s->cc_fence = UINT32_MAX;
    s->cc_sync_from = s->cc_sync_to = 0;
}
/* a64_cc_gen_insn() while the flags are pending (translate-cc.c). */
void a64_cc_gen_insn_pending(DisasContext *s);
/* a64_gen_insn() for the TB loop: when the insn's code could observe
 * pending flags (a fault, a helper, a direct read of the globals), it is
 * emitted again after syncing them.  Inline: the flags are mostly not
 * pending, and then there is nothing to decide. */
static inline void a64_cc_gen_insn(DisasContext *s)
{
    if (s->cc.kind != A64_CC_GLOBALS) {
        a64_cc_gen_insn_pending(s);
        return;
    }
    a64_cc_insn_begin(s);
    a64_gen_insn(s);
}

/* What a word's translation does with the flags, known from the word
 * alone: a64_decode_class() (a64-decode.h) returns class_NAME(args) of the
 * "!class" patterns of the decode specs (each class_NAME next to its
 * handler, with the handler's own reserved-value tests), so the lazy flags
 * need not translate a word to learn it.  A class is a promise about the
 * IR that a64_gen_insn emits for the word; debug builds check every use
 * against the IR, and tests/unit/test-a64-flags.c random words:
 *   PURE    no flag global, guest memory access, helper or block end;
 *           falls through; the flags stay as they were.
 *   SET     the same, but records all four flags with gen_cc_set (ADDS,
 *           SUBS, ANDS) and reads none.
 *   MEM     guest loads and stores (which may fault), otherwise PURE.
 *   READ    reads the flags through gen_compare/gen_cc_carry only,
 *           otherwise PURE (CSEL, ADC).
 *   BRANCH  ends the TB and calls gen_cc_exits before emitting anything
 *           that reads or writes a flag global, accesses memory or ends a
 *           block.
 *   JUMP, CBRANCH, TBRANCH: a BRANCH that does not read the flags, to a
 *           direct target: B/BL (imm26 at bit 0), CBZ/CBNZ (imm19 at bit
 *           5), TBZ/TBNZ (imm14 at bit 5), words times 4 from its pc; the
 *           latter two fall through when not taken.
 * UNKNOWN (0): no promise (reserved encodings, everything not marked): the
 * IR is inspected as before. */
typedef enum A64InsnClass {
    A64_IC_UNKNOWN, A64_IC_PURE, A64_IC_SET, A64_IC_MEM, A64_IC_READ, A64_IC_BRANCH,
    A64_IC_JUMP, A64_IC_CBRANCH, A64_IC_TBRANCH
} A64InsnClass;

/* For tests: whether a64_decode_class(insn) keeps its promise, checked on
 * the IR of insn translated at pc into f (f is reset), from a state
 * without pending flags and from one with a pending SUBS.  True for an
 * UNKNOWN word. */
bool a64_cc_class_agrees(IrFunc *f, uint64_t pc, uint32_t insn);

/* ConditionHolds(cond) as "a c b" on i64 temps (c may be ALWAYS/NEVER). */
typedef struct A64Compare {
    IrCond c;
    IrTemp a, b;
} A64Compare;
A64Compare gen_compare(DisasContext *s, unsigned cond);
/* d = ConditionHolds(cond) ? tv : fv (i64 temps). */
void gen_csel_a64(DisasContext *s, unsigned cond, IrTemp d, IrTemp tv, IrTemp fv);

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

/* Small i64 builders shared by the translate-*.c files. */
static inline IrTemp a64_tmp(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static inline IrTemp a64_cst(DisasContext *s, uint64_t v)
{
    return ir_const(s->f, IR_I64, v);
}

static inline IrTemp a64_op2(DisasContext *s, IrOpcode opc, IrTemp a, IrTemp b)
{
    IrTemp t = a64_tmp(s);
    ir_gen_binop(s->f, opc, t, a, b);
    return t;
}

static inline IrTemp a64_op1(DisasContext *s, IrOpcode opc, IrTemp a)
{
    IrTemp t = a64_tmp(s);
    ir_gen_unop(s->f, opc, t, a);
    return t;
}

/* Every handler reads and writes registers: inline, the rare forms out
 * of line (translate.c). */
IrTemp a64_read_reg32(DisasContext *s, unsigned r);
void a64_write_reg32(DisasContext *s, unsigned r, IrTemp v);
void a64_write_reg64(DisasContext *s, IrTemp dst, IrTemp v);

static inline IrTemp read_reg(DisasContext *s, unsigned r, bool sf)
{
    if (sf && r != 31)
        return A64_T_X0 + r;
    return a64_read_reg32(s, r);
}

static inline void write_reg(DisasContext *s, unsigned r, IrTemp v, bool sf)
{
    if (r == 31)
        return;
    if (sf)
        a64_write_reg64(s, A64_T_X0 + r, v);
    else
        a64_write_reg32(s, r, v);
}

#endif
