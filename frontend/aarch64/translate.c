/* frontend/aarch64/translate.c — the A64 TB loop and the helpers every
 * translate-*.c file shares: register access, TB exits, exceptions and
 * condition codes.
 *
 * A TB is a run of instructions from req->pc that ends at the first
 * instruction that changes control flow (it sets DisasContext.jump), after
 * req->max_insns instructions, at a 4 KiB page boundary (so a TB never spans
 * two pages and invalidation by page is exact), or before an instruction
 * whose bytes cannot be fetched.  Every path out of the IR ends in
 * GOTO_TB+EXIT_TB, EXIT_TB or LOOKUP_AND_GOTO (GuestArch.translate's
 * contract), and every instruction starts with INSN_START so the exec layer
 * can restore the guest pc of a fault inside the TB.
 *
 * Flags live split in four globals (a64.h): N = nf<63>, Z = (zf == 0),
 * C = cf, V = vf<63>.  Condition tests below read them directly, so each
 * ConditionHolds() is one or two IR ops.
 *
 * Translation allocates nothing: the DisasContext is on the stack and the
 * IrFunc's arrays are reused from TB to TB.
 */
#include "frontend/aarch64/translate.h"

#include "frontend/aarch64/a64-decode.h"

#define A64_PAGE_MASK 0xfffull

/* ---- Registers ---------------------------------------------------------- */

static IrTemp gen_zero(DisasContext *s)
{
    IrTemp t = ir_new_temp(s->f, IR_I64);
    ir_gen_mov(s->f, t, ir_const(s->f, IR_I64, 0));
    return t;
}

IrTemp cpu_reg(DisasContext *s, unsigned r)
{
    return r == 31 ? gen_zero(s) : A64_T_X0 + r;
}

IrTemp cpu_reg_sp(DisasContext *s, unsigned r)
{
    return r == 31 ? A64_T_SP : A64_T_X0 + r;
}

static IrTemp read_from(DisasContext *s, IrTemp src, bool sf)
{
    IrTemp t = ir_new_temp(s->f, IR_I64);
    if (sf)
        ir_gen_mov(s->f, t, src);
    else
        ir_gen_unop(s->f, IR_EXT32U, t, src);
    return t;
}

IrTemp read_reg(DisasContext *s, unsigned r, bool sf)
{
    return r == 31 ? gen_zero(s) : read_from(s, A64_T_X0 + r, sf);
}

static void write_to(DisasContext *s, IrTemp dst, IrTemp v, bool sf)
{
    if (sf)
        ir_gen_mov(s->f, dst, v);
    else
        ir_gen_unop(s->f, IR_EXT32U, dst, v);
}

void write_reg(DisasContext *s, unsigned r, IrTemp v, bool sf)
{
    if (r != 31)
        write_to(s, A64_T_X0 + r, v, sf);
}

void write_reg_sp(DisasContext *s, unsigned r, IrTemp v, bool sf)
{
    write_to(s, cpu_reg_sp(s, r), v, sf);
}

/* ---- TB exits and exceptions ---------------------------------------------- */

static void gen_set_pc(DisasContext *s, uint64_t pc)
{
    ir_gen_mov(s->f, A64_T_PC, ir_const(s->f, IR_I64, pc));
}

void gen_sync_pc(DisasContext *s)
{
    gen_set_pc(s, s->pc);
}

/* The PC global is written on both the chained and the unchained path, so
 * whoever runs next (the target TB or the cpu loop) sees dest. */
void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest)
{
    gen_set_pc(s, dest);
    ir_gen_goto_tb(s->f, n);
    ir_gen_exit_tb(s->f, n ? IR_EXIT_SLOT1 : IR_EXIT_SLOT0);
    s->jump = DISAS_NORETURN;
}

void gen_jump_reg(DisasContext *s, IrTemp v)
{
    ir_gen_mov(s->f, A64_T_PC, v);
    ir_gen_lookup_and_goto(s->f);
    s->jump = DISAS_NORETURN;
}

static void gen_st_env32(DisasContext *s, uint32_t v, size_t offset)
{
    ir_gen_st_env(s->f, ir_const(s->f, IR_I32, v), (int32_t)offset, IR_MO_32);
}

/* Records excp in TernCPU and leaves the TB with pc = pc. */
static void gen_raise(DisasContext *s, TernExcp excp, uint32_t syndrome, uint64_t pc)
{
    gen_st_env32(s, (uint32_t)excp, offsetof(TernCPU, exception));
    gen_st_env32(s, syndrome, offsetof(TernCPU, syndrome));
    gen_set_pc(s, pc);
    ir_gen_exit_tb(s->f, IR_EXIT_PLAIN);
    s->jump = DISAS_NORETURN;
}

void gen_exception(DisasContext *s, TernExcp excp, uint32_t syndrome)
{
    gen_raise(s, excp, syndrome, excp == TERN_EXCP_SYSCALL ? s->pc_next : s->pc);
}

bool gen_undef(DisasContext *s)
{
    gen_exception(s, TERN_EXCP_UDEF, 0);
    return true;
}

static void gen_prefetch_abort(DisasContext *s)
{
    ir_gen_st_env(s->f, ir_const(s->f, IR_I64, s->pc),
                  (int32_t)offsetof(TernCPU, fault_addr), IR_MO_64);
    gen_st_env32(s, 0, offsetof(TernCPU, fault_write));
    gen_raise(s, TERN_EXCP_PREFETCH_ABORT, 0, s->pc);
}

/* ---- Conditions ------------------------------------------------------------ */

/* ConditionHolds(cond) as "a c b" on i64 temps. */
typedef struct A64Compare {
    IrCond c;
    IrTemp a, b;
} A64Compare;

static IrTemp gen_flag_tmp(DisasContext *s, IrOpcode opc, IrTemp a, IrTemp b)
{
    IrTemp t = ir_new_temp(s->f, IR_I64);
    ir_gen_binop(s->f, opc, t, a, b);
    return t;
}

/* HI: C == 1 && Z == 0. */
static IrTemp gen_cond_hi(DisasContext *s, IrTemp zero)
{
    IrTemp nz = ir_new_temp(s->f, IR_I64);
    ir_gen_setcond(s->f, IR_COND_NE, nz, A64_T_ZF, zero);
    return gen_flag_tmp(s, IR_AND, nz, A64_T_CF);
}

/* GT: Z == 0 && N == V.  (nf ^ vf) >> 63 is all ones when N != V. */
static IrTemp gen_cond_gt(DisasContext *s, IrTemp zero)
{
    IrTemp nz = ir_new_temp(s->f, IR_I64);
    IrTemp ne = gen_flag_tmp(s, IR_XOR, A64_T_NF, A64_T_VF);
    ir_gen_binopi(s->f, IR_SAR, ne, ne, 63);
    ir_gen_setcond(s->f, IR_COND_NE, nz, A64_T_ZF, zero);
    return gen_flag_tmp(s, IR_ANDC, nz, ne);
}

static A64Compare gen_compare(DisasContext *s, unsigned cond)
{
    IrTemp zero = ir_const(s->f, IR_I64, 0);
    A64Compare c = { IR_COND_ALWAYS, zero, zero };
    switch (cond >> 1) {
    case 0: c = (A64Compare){ IR_COND_EQ, A64_T_ZF, zero }; break;   /* EQ */
    case 1: c = (A64Compare){ IR_COND_NE, A64_T_CF, zero }; break;   /* CS */
    case 2: c = (A64Compare){ IR_COND_LT, A64_T_NF, zero }; break;   /* MI */
    case 3: c = (A64Compare){ IR_COND_LT, A64_T_VF, zero }; break;   /* VS */
    case 4: c = (A64Compare){ IR_COND_NE, gen_cond_hi(s, zero), zero }; break;
    case 5: c = (A64Compare){ IR_COND_GE, gen_flag_tmp(s, IR_XOR, A64_T_NF, A64_T_VF),
                              zero }; break;                       /* GE */
    case 6: c = (A64Compare){ IR_COND_NE, gen_cond_gt(s, zero), zero }; break;
    default: return c;                                              /* AL, NV */
    }
    if (cond & 1)
        c.c = ir_cond_invert(c.c);
    return c;
}

void gen_brcond_a64(DisasContext *s, unsigned cond, IrLabel l)
{
    A64Compare c = gen_compare(s, cond);
    if (c.c == IR_COND_ALWAYS)
        ir_gen_br(s->f, l);
    else
        ir_gen_brcond(s->f, c.c, c.a, c.b, l);
}

void gen_test_cc(DisasContext *s, unsigned cond, IrTemp d)
{
    A64Compare c = gen_compare(s, cond);
    if (c.c == IR_COND_ALWAYS)
        ir_gen_mov(s->f, d, ir_const(s->f, IR_I64, 1));
    else
        ir_gen_setcond(s->f, c.c, d, c.a, c.b);
}

/* ---- The TB loop --------------------------------------------------------------- */

/* Translates the instruction at s->pc; false when its bytes can't be read
 * (nothing emitted). */
static bool a64_translate_insn(DisasContext *s)
{
    uint32_t insn;
    if (!s->req->read_code(s->req->opaque, s->pc, &insn))
        return false;
    s->insn = insn;
    s->pc_next = s->pc + 4;
    s->jump = DISAS_NEXT;
    ir_gen_insn_start(s->f, s->pc);
    if (!a64_decode(s, insn))
        gen_undef(s);
    return true;
}

uint64_t a64_translate(IrFunc *f, const TranslateReq *req)
{
    DisasContext s = { .f = f, .req = req, .pc = req->pc, .pc_next = req->pc + 4 };
    unsigned n = 0;
    for (;;) {
        if (!a64_translate_insn(&s)) {
            if (n > 0)
                break;           /* end before it: a later TB faults there */
            ir_gen_insn_start(f, s.pc);
            gen_prefetch_abort(&s);
            return 4;
        }
        n++;
        if (s.jump != DISAS_NEXT)
            break;
        s.pc = s.pc_next;
        if (n >= req->max_insns || (s.pc & A64_PAGE_MASK) == 0)
            break;
    }
    if (s.jump != DISAS_NORETURN)
        gen_goto_tb(&s, 0, s.jump == DISAS_TOO_MANY ? s.pc_next : s.pc);
    return s.pc_next - req->pc;
}

/* The generated decoder: a64_decode() and its per-op0 bucket functions. */
#include "frontend/aarch64/a64-decode.c.inc"
