/* tests/unit/test-a64-translate.c — the A64 translator, IR out.
 *
 * Instruction sequences are translated from a local code buffer, checked
 * with ir_verify(), and run by a small IR runner below (pure ops through
 * ir_eval(), the reference semantics; env and guest-memory accesses on a
 * local A64CPU and buffer), so the tests state guest-visible results, not
 * IR shapes.  The data-processing table was recorded from qemu-aarch64:
 * each row is one instruction run on the given X0..X5 and NZCV there (the
 * comment is objdump's text).  A few tests also read the printed IR for the
 * key forms: the carry of ADDS, the two chained exits of B.cond.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontend/aarch64/translate.h"

/* ---- A tiny IR runner: executes one TB's IR on an A64CPU ------------------- */

#define RUN_MEM_BASE 0x10000ull
#define RUN_MEM_SIZE 0x1000u
#define RUN_LOOKUP   (-1)
#define RUN_FAULT    (-2)

typedef struct RunEnv {
    A64CPU cpu;
    uint8_t mem[RUN_MEM_SIZE];
    uint64_t val[4096];
    uint32_t label_pos[256];
} RunEnv;

static uint8_t *run_guest(RunEnv *e, uint64_t addr, unsigned size)
{
    if (addr < RUN_MEM_BASE || addr + size > RUN_MEM_BASE + RUN_MEM_SIZE)
        return NULL;
    return e->mem + (addr - RUN_MEM_BASE);
}

static uint64_t run_load(const uint8_t *p, IrMemOp mo)
{
    unsigned n = ir_mo_bytes(mo);
    uint64_t v = 0;
    memcpy(&v, p, n);
    if ((mo & IR_MO_SIGN) && n < 8)
        v = (uint64_t)((int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n));
    return v;
}

static void run_store(uint8_t *p, IrMemOp mo, uint64_t v)
{
    memcpy(p, &v, ir_mo_bytes(mo));
}

static uint64_t run_call(const IrOp *op, const uint64_t *val)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
    uint64_t a[IR_MAX_HELPER_ARGS] = { 0 };
    for (unsigned i = 0; i < h->nargs; i++)
        a[i] = val[ir_in(op, i)];
    typedef uint64_t (*Fn6)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    uint64_t r = ((Fn6)h->fn)(a[0], a[1], a[2], a[3], a[4], a[5]);
    return h->ret == IR_I32 ? (uint32_t)r : r;
}

static void run_init(RunEnv *e, const IrFunc *f)
{
    for (uint32_t t = 0; t < f->ntemps; t++) {
        const IrTempInfo *ti = &f->temps[t];
        if (ti->kind == IR_TEMP_CONST)
            e->val[t] = ti->val;
        else if (ti->kind == IR_TEMP_GLOBAL)
            memcpy(&e->val[t], (uint8_t *)&e->cpu + ti->env_offset, 8);
        else if (ti->kind == IR_TEMP_FIXED)
            e->val[t] = (uintptr_t)&e->cpu;
    }
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].opc == IR_SET_LABEL)
            e->label_pos[f->ops[i].args[0]] = i;
}

static void run_sync(RunEnv *e, const IrFunc *f)
{
    for (uint32_t t = 0; t < f->nglobals; t++)
        if (f->temps[t].kind == IR_TEMP_GLOBAL)
            memcpy((uint8_t *)&e->cpu + f->temps[t].env_offset, &e->val[t], 8);
}

/* Non-pure ops, one function each (indexed by opcode; NULL = no effect on
 * the runner's state: labels, barriers).
 * Each returns RUN_NEXT to go on, else the TB's exit. */
#define RUN_NEXT (-3)
typedef int RunFn(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc);

static int run_ld_env(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    e->val[ir_out(op, 0)] = run_load((uint8_t *)&e->cpu + (int64_t)ir_carg(op, 0),
                                     (IrMemOp)ir_carg(op, 1));
    return RUN_NEXT;
}

static int run_vec_op(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    ir_vec_run(&e->cpu, ir_carg(op, 0), (int64_t)ir_carg(op, 1), (int64_t)ir_carg(op, 2),
               (int64_t)ir_carg(op, 3), (int64_t)ir_carg(op, 4));
    return RUN_NEXT;
}

static int run_st_env(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    run_store((uint8_t *)&e->cpu + (int64_t)ir_carg(op, 0), (IrMemOp)ir_carg(op, 1), in[0]);
    return RUN_NEXT;
}

static int run_ld(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    uint8_t *p = run_guest(e, in[0], ir_mo_bytes((IrMemOp)ir_carg(op, 0)));
    if (!p)
        return RUN_FAULT;
    e->val[ir_out(op, 0)] = run_load(p, (IrMemOp)ir_carg(op, 0));
    return RUN_NEXT;
}

static int run_st(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    uint8_t *p = run_guest(e, in[1], ir_mo_bytes((IrMemOp)ir_carg(op, 0)));
    if (!p)
        return RUN_FAULT;
    run_store(p, (IrMemOp)ir_carg(op, 0), in[0]);
    return RUN_NEXT;
}

static int run_cmpxchg(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 0);
    uint8_t *p = run_guest(e, in[0], ir_mo_bytes(mo));
    if (!p)
        return RUN_FAULT;
    uint64_t old = run_load(p, mo);
    if (old == in[1])
        run_store(p, mo, in[2]);
    e->val[ir_out(op, 0)] = old;
    return RUN_NEXT;
}

static int run_call_op(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    uint64_t r = run_call(op, e->val);
    if (op->nout)
        e->val[ir_out(op, 0)] = r;
    return RUN_NEXT;
}

static int run_br(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    *pc = e->label_pos[ir_carg(op, 0)];
    return RUN_NEXT;
}

static int run_brcond(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    if (ir_cond_eval((IrCond)ir_carg(op, 0), (IrType)op->type, in[0], in[1]))
        *pc = e->label_pos[ir_carg(op, 1)];
    return RUN_NEXT;
}

static int run_exit_tb(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    return (int)ir_carg(op, 0);
}

/* Unchained (the runner has no chaining): the pc, then the slot's code. */
static int run_goto_tb(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    e->val[A64_T_PC] = ir_carg(op, 1);
    return IR_EXIT_SLOT0 + (int)ir_carg(op, 0);
}

static int run_goto_tb_if(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    if (!ir_cond_eval((IrCond)ir_carg(op, 0), (IrType)op->type, in[0], in[1]))
        return RUN_NEXT;
    e->val[A64_T_PC] = ir_carg(op, 2);
    return IR_EXIT_SLOT0 + (int)ir_carg(op, 1);
}

static int run_lookup(RunEnv *e, const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    return RUN_LOOKUP;
}

static RunFn *const run_fns[IR_NUM_OPS] = {
    [IR_LD_ENV] = run_ld_env, [IR_ST_ENV] = run_st_env, [IR_VEC] = run_vec_op,
    [IR_LD] = run_ld, [IR_ST] = run_st, [IR_CMPXCHG] = run_cmpxchg,
    [IR_CALL] = run_call_op, [IR_BR] = run_br, [IR_BRCOND] = run_brcond,
    [IR_EXIT_TB] = run_exit_tb, [IR_GOTO_TB] = run_goto_tb,
    [IR_GOTO_TB_IF] = run_goto_tb_if, [IR_LOOKUP_AND_GOTO] = run_lookup,
};

static int run_op(RunEnv *e, const IrOp *op, uint32_t *pc)
{
    uint64_t in[IR_MAX_ARGS];
    for (unsigned i = 0; i < op->nin; i++)
        in[i] = e->val[ir_in(op, i)];
    if (ir_op_info[op->opc].flags & IR_F_PURE) {
        uint64_t r;
        if (!ir_eval((IrOpcode)op->opc, (IrType)op->type, in,
                     &op->args[op->nout + op->nin], &r))
            return RUN_FAULT;
        e->val[ir_out(op, 0)] = r;
        return RUN_NEXT;
    }
    return run_fns[op->opc] ? run_fns[op->opc](e, op, in, pc) : RUN_NEXT;
}

/* Runs f to its exit: EXIT_TB's code, RUN_LOOKUP or RUN_FAULT. */
static int run_tb(RunEnv *e, const IrFunc *f)
{
    run_init(e, f);
    for (uint32_t i = 0; i < f->nops; i++) {
        int r = run_op(e, &f->ops[i], &i);
        if (r != RUN_NEXT) {
            run_sync(e, f);
            return r;
        }
    }
    run_sync(e, f);
    return RUN_FAULT;
}

/* ---- Translating from a local buffer --------------------------------------- */

#define CODE_MAX 16

static struct {
    uint64_t base;
    uint32_t words[CODE_MAX];
    unsigned n;
} code;

static IrFunc *f;
static RunEnv env;

static bool read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    if (addr < code.base || addr >= code.base + 4ull * code.n || (addr & 3))
        return false;
    *insn = code.words[(addr - code.base) / 4];
    return true;
}

/* Translates words at base; returns the bytes covered.  The IR must verify. */
static uint64_t translate_at(uint64_t base, const uint32_t *words, unsigned n,
                             unsigned max_insns)
{
    assert_true(n <= CODE_MAX);
    code.base = base;
    code.n = n;
    memcpy(code.words, words, 4 * n);
    ir_func_reset(f);
    TranslateReq req = { .pc = base, .max_insns = max_insns, .read_code = read_code };
    uint64_t len = a64_translate(f, &req);
    if (!ir_verify(f, stderr)) {
        ir_print(f, stderr);
        fail_msg("IR does not verify");
    }
    return len;
}

static uint64_t translate1(uint32_t insn)
{
    return translate_at(0x1000, &insn, 1, 1);
}

static void reset_cpu(void)
{
    memset(&env.cpu, 0, sizeof(env.cpu));
    memset(env.mem, 0xaa, sizeof(env.mem));
    env.cpu.excl_addr = 0x1234;
}

static unsigned count_ops(IrOpcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < f->nops; i++)
        n += f->ops[i].opc == opc;
    return n;
}

/* Direct exits, conditional or not: one GOTO_TB slot each. */
static unsigned count_exits(void)
{
    return count_ops(IR_GOTO_TB) + count_ops(IR_GOTO_TB_IF);
}

/* The printed IR of f, for substring checks; caller frees. */
static char *print_ir(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    ir_print(f, out);
    fclose(out);
    return buf;
}

/* ---- Data processing, recorded from qemu-aarch64 ------------------------------ */

typedef struct DpCase {
    uint32_t insn;
    uint64_t in[6];
    uint32_t nzcv_in;
    uint64_t out[6];
    uint32_t nzcv_out;
} DpCase;

static const DpCase dp_cases[] = {
    { 0x116ef043, { 0x7fffffff, 0xabf10ac25eb04521, 0x7404359018a61865, 0x9be6a8ea, 0x40, 0x9fdfe168 }, 0xd0000000, { 0x7fffffff, 0xabf10ac25eb04521, 0x7404359018a61865, 0x1961d865, 0x40, 0x9fdfe168 }, 0xd0000000 },  /* add w3, w2, #0xbbc, lsl #12 */
    { 0x116ef043, { 0x1, 0x1fe2a062d1f9effa, 0xffffffffffffffff, 0x1f, 0x3f, 0x81b584eb }, 0x80000000, { 0x1, 0x1fe2a062d1f9effa, 0xffffffffffffffff, 0xbbbfff, 0x3f, 0x81b584eb }, 0x80000000 },  /* add w3, w2, #0xbbc, lsl #12 */
    { 0xb1177463, { 0xf86b62a4799cefb3, 0x91ca33aa493bc738, 0xb90156514c8d0a11, 0x71adad60, 0x1f, 0x6d82975c9c2cbd2e }, 0xd0000000, { 0xf86b62a4799cefb3, 0x91ca33aa493bc738, 0xb90156514c8d0a11, 0x71adb33d, 0x1f, 0x6d82975c9c2cbd2e }, 0x0 },  /* adds x3, x3, #0x5dd */
    { 0xb1177463, { 0x9339b8e6, 0x7fffffff, 0xa576fe30065a916b, 0x2, 0xa70ec0fde4bc701a, 0xffffffff }, 0x10000000, { 0x9339b8e6, 0x7fffffff, 0xa576fe30065a916b, 0x5df, 0xa70ec0fde4bc701a, 0xffffffff }, 0x0 },  /* adds x3, x3, #0x5dd */
    { 0xd17a9c22, { 0x0, 0x80000001, 0x2, 0x2, 0x6eb6fc11de8e6918, 0x2 }, 0x60000000, { 0x0, 0x80000001, 0x7f159001, 0x2, 0x6eb6fc11de8e6918, 0x2 }, 0x60000000 },  /* sub x2, x1, #0xea7, lsl #12 */
    { 0xd17a9c22, { 0x8edc54dd1a555717, 0x6e2c4137, 0x5b9f899fdd389b7, 0xfffffffffffffffe, 0x40, 0x7038e6d4 }, 0x20000000, { 0x8edc54dd1a555717, 0x6e2c4137, 0x6d41d137, 0xfffffffffffffffe, 0x40, 0x7038e6d4 }, 0x20000000 },  /* sub x2, x1, #0xea7, lsl #12 */
    { 0xf1332002, { 0x53f1d55fb243f00c, 0x1, 0xfffffffffffffffe, 0x0, 0x1, 0xe9d27e9651116fa3 }, 0x10000000, { 0x53f1d55fb243f00c, 0x1, 0x53f1d55fb243e344, 0x0, 0x1, 0xe9d27e9651116fa3 }, 0x20000000 },  /* subs x2, x0, #0xcc8 */
    { 0xf1332002, { 0x3f, 0xacdd9c823ceadc47, 0x1, 0xc35ed7abbb302e75, 0xcf16fcba, 0x100000000 }, 0x30000000, { 0x3f, 0xacdd9c823ceadc47, 0xfffffffffffff377, 0xc35ed7abbb302e75, 0xcf16fcba, 0x100000000 }, 0x80000000 },  /* subs x2, x0, #0xcc8 */
    { 0x722b7883, { 0x58568fa, 0xfffffffffffffffe, 0x469f8e66368b68b6, 0x3f, 0x6a5a4f6f9bae5d97, 0x7fffffffffffffff }, 0xe0000000, { 0x58568fa, 0xfffffffffffffffe, 0x469f8e66368b68b6, 0x9bae5d97, 0x6a5a4f6f9bae5d97, 0x7fffffffffffffff }, 0x80000000 },  /* ands w3, w4, #0xffefffff */
    { 0x722b7883, { 0xffffffffffffffff, 0xfe635621abd22a7, 0x50f3cd44, 0xffffffff, 0xd576645b, 0x7fffffff }, 0xb0000000, { 0xffffffffffffffff, 0xfe635621abd22a7, 0x50f3cd44, 0xd566645b, 0xd576645b, 0x7fffffff }, 0x80000000 },  /* ands w3, w4, #0xffefffff */
    { 0x12a142a3, { 0xa0c7bdf2586baf83, 0x36fe1abb, 0x80000001, 0x2, 0x12a82ea3cf5e5173, 0x280ae66fe5c6c5df }, 0xf0000000, { 0xa0c7bdf2586baf83, 0x36fe1abb, 0x80000001, 0xf5eaffff, 0x12a82ea3cf5e5173, 0x280ae66fe5c6c5df }, 0xf0000000 },  /* mov w3, #0xf5eaffff             // #-169148417 */
    { 0x12a142a3, { 0x80000000, 0xaf666553865a9afb, 0xfffffffffffffffe, 0x358a14a0c00e079, 0x80000001, 0x153b0292 }, 0x20000000, { 0x80000000, 0xaf666553865a9afb, 0xfffffffffffffffe, 0xf5eaffff, 0x80000001, 0x153b0292 }, 0x20000000 },  /* mov w3, #0xf5eaffff             // #-169148417 */
    { 0x52adb300, { 0x5740a3b4, 0x40, 0x7fffffffffffffff, 0xa7ad1800, 0xa0885a488e71bfc, 0x7fffffffffffffff }, 0x0, { 0x6d980000, 0x40, 0x7fffffffffffffff, 0xa7ad1800, 0xa0885a488e71bfc, 0x7fffffffffffffff }, 0x0 },  /* mov w0, #0x6d980000             // #1838678016 */
    { 0x52adb300, { 0x213f83a5959d8db7, 0x40, 0x0, 0xffffffff, 0xffffffffffffffff, 0xc4a8f21a0fb208a7 }, 0x50000000, { 0x6d980000, 0x40, 0x0, 0xffffffff, 0xffffffffffffffff, 0xc4a8f21a0fb208a7 }, 0x50000000 },  /* mov w0, #0x6d980000             // #1838678016 */
    { 0x72834941, { 0x2, 0x91d2261a9bda7cd9, 0xfffffffffffffffe, 0xe6f790484508150f, 0x6dfe9dbb089f882d, 0x7fffffff }, 0x50000000, { 0x2, 0x9bda1a4a, 0xfffffffffffffffe, 0xe6f790484508150f, 0x6dfe9dbb089f882d, 0x7fffffff }, 0x50000000 },  /* movk w1, #0x1a4a */
    { 0x72834941, { 0x7d55bc58d761fb7d, 0x51c8be13833e1993, 0x40, 0xffffffffffffffff, 0x1f, 0x1ffe176a430a70a5 }, 0xe0000000, { 0x7d55bc58d761fb7d, 0x833e1a4a, 0x40, 0xffffffffffffffff, 0x1f, 0x1ffe176a430a70a5 }, 0xe0000000 },  /* movk w1, #0x1a4a */
    { 0x934d2861, { 0xc1fb79ff60e7b0c7, 0x8000000000000000, 0x0, 0xb93373ac, 0x80000000, 0x100000000 }, 0x90000000, { 0xc1fb79ff60e7b0c7, 0x1d60000000000000, 0x0, 0xb93373ac, 0x80000000, 0x100000000 }, 0x90000000 },  /* sbfiz x1, x3, #51, #11 */
    { 0x934d2861, { 0x415e2cc8d61748a0, 0xbfd51e16, 0xc08f279d2a5db3df, 0x3f, 0xc6a300aa, 0x100000000 }, 0x30000000, { 0x415e2cc8d61748a0, 0x1f8000000000000, 0xc08f279d2a5db3df, 0x3f, 0xc6a300aa, 0x100000000 }, 0x30000000 },  /* sbfiz x1, x3, #51, #11 */
    { 0xb36e6465, { 0x20, 0xe7d9f60d49215f7f, 0xe1b0aef80ca35446, 0xfffffffffffffffe, 0xdbefc40f0968989f, 0x9559064fd9469ee9 }, 0x60000000, { 0x20, 0xe7d9f60d49215f7f, 0xe1b0aef80ca35446, 0xfffffffffffffffe, 0xdbefc40f0968989f, 0x95590ffffffa9ee9 }, 0x60000000 },  /* bfi x5, x3, #18, #26 */
    { 0xb36e6465, { 0xffffffffffffffff, 0x93e681a1, 0x910ef3a82fe1b388, 0x1, 0x6a83ff5a0e716fcf, 0xabbcca35 }, 0x80000000, { 0xffffffffffffffff, 0x93e681a1, 0x910ef3a82fe1b388, 0x1, 0x6a83ff5a0e716fcf, 0x4ca35 }, 0x80000000 },  /* bfi x5, x3, #18, #26 */
    { 0xd34240a0, { 0xb064c507f8b85779, 0x100000000, 0xc0265c11, 0x1f, 0x7fffffff, 0x2467d3892f399067 }, 0x10000000, { 0x6419, 0x100000000, 0xc0265c11, 0x1f, 0x7fffffff, 0x2467d3892f399067 }, 0x10000000 },  /* ubfx x0, x5, #2, #15 */
    { 0xd34240a0, { 0x7ed6bf01fe5cbd02, 0xffffffffffffffff, 0x6d469a94, 0x8000000000000000, 0xa1fa61d3e40a2866, 0xdfaa9d9b }, 0x40000000, { 0x2766, 0xffffffffffffffff, 0x6d469a94, 0x8000000000000000, 0xa1fa61d3e40a2866, 0xdfaa9d9b }, 0x40000000 },  /* ubfx x0, x5, #2, #15 */
    { 0x93c32885, { 0x3f59085253a00ba, 0xb91e521a, 0xb261a511, 0x65dc8498a3aa1be2, 0x2a0e80dc, 0x40 }, 0x80000000, { 0x3f59085253a00ba, 0xb91e521a, 0xb261a511, 0x65dc8498a3aa1be2, 0x2a0e80dc, 0x371977212628ea86 }, 0x80000000 },  /* extr x5, x4, x3, #10 */
    { 0x93c32885, { 0x0, 0x97780261fa539ed5, 0x805f8a5b, 0xea26ec21ab3111d2, 0xbfc85206a1d11dd2, 0xad704d6e }, 0x70000000, { 0x0, 0x97780261fa539ed5, 0x805f8a5b, 0xea26ec21ab3111d2, 0xbfc85206a1d11dd2, 0x74ba89bb086acc44 }, 0x70000000 },  /* extr x5, x4, x3, #10 */
    { 0x9ac10860, { 0x905bbce943674ac0, 0x40, 0x8000000000000000, 0x2, 0x80000000, 0x20 }, 0x90000000, { 0x0, 0x40, 0x8000000000000000, 0x2, 0x80000000, 0x20 }, 0x90000000 },  /* udiv x0, x3, x1 */
    { 0x9ac10860, { 0x7fffffffffffffff, 0xb3156b07, 0x7fffffff, 0xda661c4a, 0x73cd9ef1, 0xae358e8d1d73242f }, 0xc0000000, { 0x1, 0xb3156b07, 0x7fffffff, 0xda661c4a, 0x73cd9ef1, 0xae358e8d1d73242f }, 0xc0000000 },  /* udiv x0, x3, x1 */
    { 0x9ac50ca0, { 0xe5614da8, 0xa0c2e44c, 0x34f13e90aaa20abe, 0xb9f5408724a9d3db, 0x3f, 0x5a48163744a9b3da }, 0x40000000, { 0x1, 0xa0c2e44c, 0x34f13e90aaa20abe, 0xb9f5408724a9d3db, 0x3f, 0x5a48163744a9b3da }, 0x40000000 },  /* sdiv x0, x5, x5 */
    { 0x9ac50ca0, { 0x54bf1d082e31e3b9, 0xbb293bb246b27a2, 0xffffffff, 0x0, 0xb356247bcbaee264, 0x100000000 }, 0x0, { 0x1, 0xbb293bb246b27a2, 0xffffffff, 0x0, 0xb356247bcbaee264, 0x100000000 }, 0x0 },  /* sdiv x0, x5, x5 */
    { 0x9ac120a3, { 0x1, 0xe689fe0d6734cda1, 0x8000000000000000, 0x12c5e640, 0x17f0f597, 0x80000000 }, 0xf0000000, { 0x1, 0xe689fe0d6734cda1, 0x8000000000000000, 0x0, 0x17f0f597, 0x80000000 }, 0xf0000000 },  /* lsl x3, x5, x1 */
    { 0x9ac120a3, { 0xbc9ac3b6, 0x7784d8e79496a2b1, 0xea668a79, 0x8000000000000000, 0x0, 0xa18af96d91146e44 }, 0x20000000, { 0xbc9ac3b6, 0x7784d8e79496a2b1, 0xea668a79, 0xdc88000000000000, 0x0, 0xa18af96d91146e44 }, 0x20000000 },  /* lsl x3, x5, x1 */
    { 0x9ac42443, { 0x3f, 0x413202d0, 0x5db6e9a665f6e6b4, 0x933e332d, 0x6fed331b56c8b4c6, 0xa5328186 }, 0x80000000, { 0x3f, 0x413202d0, 0x5db6e9a665f6e6b4, 0x176dba69997db9a, 0x6fed331b56c8b4c6, 0xa5328186 }, 0x80000000 },  /* lsr x3, x2, x4 */
    { 0x9ac42443, { 0x1f, 0xd448d3b44596929f, 0x89012a66cd2d4fe4, 0xa3a253c3, 0x40, 0xffffffff }, 0xd0000000, { 0x1f, 0xd448d3b44596929f, 0x89012a66cd2d4fe4, 0x89012a66cd2d4fe4, 0x40, 0xffffffff }, 0xd0000000 },  /* lsr x3, x2, x4 */
    { 0x1ac528a4, { 0x7fffffffffffffff, 0x7fffffff, 0xf90eb34800c15cb7, 0x40, 0x80000000, 0x47975da9723633b8 }, 0x60000000, { 0x7fffffffffffffff, 0x7fffffff, 0xf90eb34800c15cb7, 0x40, 0x72, 0x47975da9723633b8 }, 0x60000000 },  /* asr w4, w5, w5 */
    { 0x1ac528a4, { 0x978b8feab75cef25, 0xffffffffffffffff, 0x9b63c28fa5e9eafb, 0x8000000000000000, 0xaf278228e05e5556, 0x7fffffff }, 0xb0000000, { 0x978b8feab75cef25, 0xffffffffffffffff, 0x9b63c28fa5e9eafb, 0x8000000000000000, 0x0, 0x7fffffff }, 0xb0000000 },  /* asr w4, w5, w5 */
    { 0x1ac02c80, { 0x3f, 0x4e08f501, 0x35bfc5e2d32719e3, 0x2f79e8ab, 0xfbd8aea8, 0x80000001 }, 0x10000000, { 0xf7b15d51, 0x4e08f501, 0x35bfc5e2d32719e3, 0x2f79e8ab, 0xfbd8aea8, 0x80000001 }, 0x10000000 },  /* ror w0, w4, w0 */
    { 0x1ac02c80, { 0x94ba2de392b22c6, 0xff333df091b5bdfd, 0x27aa588e7a641d84, 0x2992946b69f37fb, 0x1f, 0x12a3feeb }, 0xd0000000, { 0x7c000000, 0xff333df091b5bdfd, 0x27aa588e7a641d84, 0x2992946b69f37fb, 0x1f, 0x12a3feeb }, 0xd0000000 },  /* ror w0, w4, w0 */
    { 0xdac00000, { 0x7fffffff, 0x80000000, 0x2, 0x7fffffffffffffff, 0x100000000, 0x4466bbe1ba6d75f8 }, 0xb0000000, { 0xfffffffe00000000, 0x80000000, 0x2, 0x7fffffffffffffff, 0x100000000, 0x4466bbe1ba6d75f8 }, 0xb0000000 },  /* rbit x0, x0 */
    { 0xdac00000, { 0x616ada8399757d4f, 0x0, 0x1, 0xce4105bd39f04f1f, 0x26fc2e42, 0xd3aea62affe135c6 }, 0xa0000000, { 0xf2beae99c15b5686, 0x0, 0x1, 0xce4105bd39f04f1f, 0x26fc2e42, 0xd3aea62affe135c6 }, 0xa0000000 },  /* rbit x0, x0 */
    { 0xdac00422, { 0x1, 0xffffffffffffffff, 0x7fffffff, 0x20, 0x3f, 0x2 }, 0x60000000, { 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x20, 0x3f, 0x2 }, 0x60000000 },  /* rev16 x2, x1 */
    { 0xdac00422, { 0x2, 0xab1a2d68, 0x80000000, 0x1f, 0xfffffffffffffffe, 0x91bb8bb0 }, 0x90000000, { 0x2, 0xab1a2d68, 0x1aab682d, 0x1f, 0xfffffffffffffffe, 0x91bb8bb0 }, 0x90000000 },  /* rev16 x2, x1 */
    { 0x5ac00865, { 0xc9837ee431c0dcd7, 0xff042ede9dd2b603, 0x80000001, 0x1c74343543ea743d, 0xffffffffffffffff, 0x4e00040e }, 0x10000000, { 0xc9837ee431c0dcd7, 0xff042ede9dd2b603, 0x80000001, 0x1c74343543ea743d, 0xffffffffffffffff, 0x3d74ea43 }, 0x10000000 },  /* rev w5, w3 */
    { 0x5ac00865, { 0x8000000000000000, 0x94453c3f371c8116, 0x1f, 0xc6adf8349e50ec9c, 0xacad2c42f7e7f883, 0xf729651dbcab0149 }, 0x80000000, { 0x8000000000000000, 0x94453c3f371c8116, 0x1f, 0xc6adf8349e50ec9c, 0xacad2c42f7e7f883, 0x9cec509e }, 0x80000000 },  /* rev w5, w3 */
    { 0xdac00c05, { 0x8000000000000000, 0xd8939d36d18acba, 0x6042cb1018136a69, 0x4c1ae42fd5f53d1a, 0x7dce7553b2c0e254, 0xfffffffffffffffe }, 0xe0000000, { 0x8000000000000000, 0xd8939d36d18acba, 0x6042cb1018136a69, 0x4c1ae42fd5f53d1a, 0x7dce7553b2c0e254, 0x80 }, 0xe0000000 },  /* rev x5, x0 */
    { 0xdac00c05, { 0x0, 0x44145a7a, 0x7fffffff, 0x87f97d8d6a13e1d3, 0x62e6c4ee971ca585, 0x7fffffff }, 0x50000000, { 0x0, 0x44145a7a, 0x7fffffff, 0x87f97d8d6a13e1d3, 0x62e6c4ee971ca585, 0x0 }, 0x50000000 },  /* rev x5, x0 */
    { 0xdac01022, { 0x6a4e5ff3, 0xc4364ea7, 0x42886285, 0xf2adb735, 0xc9242054bfe2cd7f, 0x40 }, 0xf0000000, { 0x6a4e5ff3, 0xc4364ea7, 0x20, 0xf2adb735, 0xc9242054bfe2cd7f, 0x40 }, 0xf0000000 },  /* clz x2, x1 */
    { 0xdac01022, { 0xfffffffffffffffe, 0xa90988023b5aeca6, 0xa9e4754141645e47, 0x3ac5a2ab, 0x40, 0x201c457de89606e9 }, 0x90000000, { 0xfffffffffffffffe, 0xa90988023b5aeca6, 0x0, 0x3ac5a2ab, 0x40, 0x201c457de89606e9 }, 0x90000000 },  /* clz x2, x1 */
    { 0xdac01482, { 0x2, 0x100000000, 0x1f, 0xffffffffffffffff, 0xf8a29fde, 0x7fffffffffffffff }, 0x60000000, { 0x2, 0x100000000, 0x1f, 0xffffffffffffffff, 0xf8a29fde, 0x7fffffffffffffff }, 0x60000000 },  /* cls x2, x4 */
    { 0xdac01482, { 0x5f82a8bfa2d58407, 0x4a7a9098, 0xe46cc67a, 0x80000001, 0x7fffffffffffffff, 0x4c9fa6910bd3cf94 }, 0x40000000, { 0x5f82a8bfa2d58407, 0x4a7a9098, 0x0, 0x80000001, 0x7fffffffffffffff, 0x4c9fa6910bd3cf94 }, 0x40000000 },  /* cls x2, x4 */
    { 0xea014405, { 0xe0ab95725dca523e, 0x80000000, 0x347ce925dfe34bb2, 0x100000000, 0x1bf3f43e, 0xff2e9c9d3a38edf9 }, 0xc0000000, { 0xe0ab95725dca523e, 0x80000000, 0x347ce925dfe34bb2, 0x100000000, 0x1bf3f43e, 0x1000000000000 }, 0x0 },  /* ands x5, x0, x1, lsl #17 */
    { 0xea014405, { 0x40, 0x2cc6c1450fe14c55, 0xd734fd2d, 0x1f, 0x95f3843cfcdecb2, 0xb900b6d28ab43fa6 }, 0x0, { 0x40, 0x2cc6c1450fe14c55, 0xd734fd2d, 0x1f, 0x95f3843cfcdecb2, 0x0 }, 0x40000000 },  /* ands x5, x0, x1, lsl #17 */
    { 0x8b81fc04, { 0x8000000000000000, 0xb3687b1d, 0x62a83047834ad09d, 0xffffffff, 0x6e075f6fd814af51, 0x40 }, 0x20000000, { 0x8000000000000000, 0xb3687b1d, 0x62a83047834ad09d, 0xffffffff, 0x8000000000000000, 0x40 }, 0x20000000 },  /* add x4, x0, x1, asr #63 */
    { 0x8b81fc04, { 0x6fe6efbeab9d65bd, 0xcdd1facd, 0xb4ca0bfe, 0x7bb132f9b151e09, 0x828beafec06332c4, 0xa8c24ae8cd3abfc7 }, 0x70000000, { 0x6fe6efbeab9d65bd, 0xcdd1facd, 0xb4ca0bfe, 0x7bb132f9b151e09, 0x6fe6efbeab9d65bd, 0xa8c24ae8cd3abfc7 }, 0x70000000 },  /* add x4, x0, x1, asr #63 */
    { 0xab843425, { 0xe719c56e6882913d, 0x91d407b25d479b74, 0xfffffffffffffffe, 0x8b3603840a14607, 0x1a134b606788b6de, 0x8000000000000000 }, 0xc0000000, { 0xe719c56e6882913d, 0x91d407b25d479b74, 0xfffffffffffffffe, 0x8b3603840a14607, 0x1a134b606788b6de, 0x91d4d84cb84ad7b9 }, 0x80000000 },  /* adds x5, x1, x4, asr #13 */
    { 0xab843425, { 0x2, 0x94cfb58d16b65b1c, 0x7fffffffffffffff, 0xdfa99cb569c64982, 0x40, 0x7c12fbfbd8fcba17 }, 0x80000000, { 0x2, 0x94cfb58d16b65b1c, 0x7fffffffffffffff, 0xdfa99cb569c64982, 0x40, 0x94cfb58d16b65b1c }, 0x80000000 },  /* adds x5, x1, x4, asr #13 */
    { 0x4b004043, { 0x8c6747440411a22e, 0xfffffffffffffffe, 0xffffffffffffffff, 0x20, 0xd77ac08e1df4055e, 0x17bf59d1880afb72 }, 0x80000000, { 0x8c6747440411a22e, 0xfffffffffffffffe, 0xffffffffffffffff, 0x5dd1ffff, 0xd77ac08e1df4055e, 0x17bf59d1880afb72 }, 0x80000000 },  /* sub w3, w2, w0, lsl #16 */
    { 0x4b004043, { 0x271e2375715a18ef, 0x80000000, 0x7fffffff, 0x87499bb6, 0x9cfce3e4d26bbe09, 0x3f }, 0x10000000, { 0x271e2375715a18ef, 0x80000000, 0x7fffffff, 0x6710ffff, 0x9cfce3e4d26bbe09, 0x3f }, 0x10000000 },  /* sub w3, w2, w0, lsl #16 */
    { 0x6b832860, { 0x100000000, 0x80000000, 0x4c250501db00533c, 0x2b268279, 0xa40cef0c, 0x80000000 }, 0xa0000000, { 0x2b1bb8d9, 0x80000000, 0x4c250501db00533c, 0x2b268279, 0xa40cef0c, 0x80000000 }, 0x20000000 },  /* subs w0, w3, w3, asr #10 */
    { 0x6b832860, { 0x918bfb37, 0xd214ff1076b5596, 0x7cf2b1830d2ebcfb, 0xffffffffffffffff, 0xffffffffffffffff, 0x73ad8d3acd0409db }, 0x80000000, { 0x0, 0xd214ff1076b5596, 0x7cf2b1830d2ebcfb, 0xffffffffffffffff, 0xffffffffffffffff, 0x73ad8d3acd0409db }, 0x60000000 },  /* subs w0, w3, w3, asr #10 */
    { 0x0b24a443, { 0xdb77369970d5b5c5, 0x907fc6c634ace75d, 0xaa784a15787ba1ec, 0x8a95dd84df0ccf52, 0x67f66fb9, 0x100000000 }, 0x80000000, { 0xdb77369970d5b5c5, 0x907fc6c634ace75d, 0xaa784a15787ba1ec, 0x787c815e, 0x67f66fb9, 0x100000000 }, 0x80000000 },  /* add w3, w2, w4, sxth #1 */
    { 0x0b24a443, { 0xffffffff, 0x40, 0x4d5811a12cd46920, 0x1965b54ce836a8bd, 0xb65551e0, 0xa4dcef09b6154410 }, 0xb0000000, { 0xffffffff, 0x40, 0x4d5811a12cd46920, 0x2cd50ce0, 0xb65551e0, 0xa4dcef09b6154410 }, 0xb0000000 },  /* add w3, w2, w4, sxth #1 */
    { 0x2b242821, { 0x40, 0x83718802, 0x0, 0xf9cab6e3f7a97e6c, 0xd8902af2806ade87, 0x80000000 }, 0x30000000, { 0x40, 0x8375021e, 0x0, 0xf9cab6e3f7a97e6c, 0xd8902af2806ade87, 0x80000000 }, 0x80000000 },  /* adds w1, w1, w4, uxth #2 */
    { 0x2b242821, { 0x3f, 0xffffffffffffffff, 0x8e1787dcaff157a, 0x7f455b6c6227b261, 0xbc773add, 0xcfb1c55e }, 0x80000000, { 0x3f, 0xeb73, 0x8e1787dcaff157a, 0x7f455b6c6227b261, 0xbc773add, 0xcfb1c55e }, 0x20000000 },  /* adds w1, w1, w4, uxth #2 */
    { 0xcb22e0a3, { 0x20, 0xdb0930f6, 0x6512af3aa2aec796, 0x476f562ce150ff6, 0x80000000, 0x0 }, 0x0, { 0x20, 0xdb0930f6, 0x6512af3aa2aec796, 0x9aed50c55d51386a, 0x80000000, 0x0 }, 0x0 },  /* sub x3, x5, x2, sxtx */
    { 0xcb22e0a3, { 0x80000000, 0x80000000, 0x1f, 0x8c52b472, 0xbbc33ed2, 0xcf3186cb }, 0x20000000, { 0x80000000, 0x80000000, 0x1f, 0xcf3186ac, 0xbbc33ed2, 0xcf3186cb }, 0x20000000 },  /* sub x3, x5, x2, sxtx */
    { 0xeb256463, { 0xacadbfd172931acc, 0x8426ff2, 0x1f, 0x2, 0xfffffffffffffffe, 0xf4636a9585a8ee45 }, 0xe0000000, { 0xacadbfd172931acc, 0x8426ff2, 0x1f, 0x17392ad4f4ae2378, 0xfffffffffffffffe, 0xf4636a9585a8ee45 }, 0x0 },  /* subs x3, x3, x5, uxtx #1 */
    { 0xeb256463, { 0x3f, 0x7fffffff, 0xfffffffffffffffe, 0xffffffff, 0x3f, 0x7fffffffffffffff }, 0x40000000, { 0x3f, 0x7fffffff, 0xfffffffffffffffe, 0x100000001, 0x3f, 0x7fffffffffffffff }, 0x0 },  /* subs x3, x3, x5, uxtx #1 */
    { 0x9a040043, { 0x5b461953284d6cdd, 0x9c40aa12, 0x4338aade, 0x265c8e8a49ae5d4a, 0x1d593d3a2f2bcd9f, 0x2b56ceb1 }, 0x10000000, { 0x5b461953284d6cdd, 0x9c40aa12, 0x4338aade, 0x1d593d3a7264787d, 0x1d593d3a2f2bcd9f, 0x2b56ceb1 }, 0x10000000 },  /* adc x3, x2, x4 */
    { 0x9a040043, { 0xca4fd18f4e6a4196, 0x2596b54c, 0x40, 0x42bc17e6e86e0a7a, 0x9034fc79624e6314, 0x5c03d6d372a86786 }, 0x10000000, { 0xca4fd18f4e6a4196, 0x2596b54c, 0x40, 0x9034fc79624e6354, 0x9034fc79624e6314, 0x5c03d6d372a86786 }, 0x10000000 },  /* adc x3, x2, x4 */
    { 0xba050001, { 0x40, 0x4795329d17ac0ef4, 0x2, 0xe4f815ecf88e49a5, 0x8353eaa1, 0x2ee873299ebebddf }, 0x80000000, { 0x40, 0x2ee873299ebebe1f, 0x2, 0xe4f815ecf88e49a5, 0x8353eaa1, 0x2ee873299ebebddf }, 0x0 },  /* adcs x1, x0, x5 */
    { 0xba050001, { 0x61c50f7b, 0x0, 0x8f0872b1d74b86f, 0xb7d567c69f71a57d, 0x0, 0x29942321f16d8ccd }, 0x90000000, { 0x61c50f7b, 0x2994232253329c48, 0x8f0872b1d74b86f, 0xb7d567c69f71a57d, 0x0, 0x29942321f16d8ccd }, 0x0 },  /* adcs x1, x0, x5 */
    { 0x5a020080, { 0x2, 0x794ce70c, 0x74207f2c, 0x7fffffff, 0x1, 0xe1d6fe2327ad2bb2 }, 0xf0000000, { 0x8bdf80d5, 0x794ce70c, 0x74207f2c, 0x7fffffff, 0x1, 0xe1d6fe2327ad2bb2 }, 0xf0000000 },  /* sbc w0, w4, w2 */
    { 0x5a020080, { 0x1, 0x100000000, 0x80000000, 0xfffffffffffffffe, 0xb5723926bd517184, 0xffffffffffffffff }, 0x70000000, { 0x3d517184, 0x100000000, 0x80000000, 0xfffffffffffffffe, 0xb5723926bd517184, 0xffffffffffffffff }, 0x70000000 },  /* sbc w0, w4, w2 */
    { 0x7a050005, { 0x83438698, 0x9872963b6527c368, 0x845d07d8eb54c9fc, 0x2186c538317d6ce8, 0x418bebea, 0x92b580e11c6fe9c }, 0x50000000, { 0x83438698, 0x9872963b6527c368, 0x845d07d8eb54c9fc, 0x2186c538317d6ce8, 0x418bebea, 0x717c87fb }, 0x30000000 },  /* sbcs w5, w0, w5 */
    { 0x7a050005, { 0xc4a77e9ca24c2205, 0x1e4a85b9f0b88ca4, 0x1e3a74df, 0x80000001, 0xffffffffffffffff, 0x80000000 }, 0xd0000000, { 0xc4a77e9ca24c2205, 0x1e4a85b9f0b88ca4, 0x1e3a74df, 0x80000001, 0xffffffffffffffff, 0x224c2204 }, 0x20000000 },  /* sbcs w5, w0, w5 */
    { 0x7a446028, { 0x3c3dbb6e, 0xfce45948, 0x7fffffffffffffff, 0x7fffffffffffffff, 0xe2226a35, 0x5896ae819aa379e6 }, 0x60000000, { 0x3c3dbb6e, 0xfce45948, 0x7fffffffffffffff, 0x7fffffffffffffff, 0xe2226a35, 0x5896ae819aa379e6 }, 0x80000000 },  /* ccmp w1, w4, #0x8, vs */
    { 0x7a446028, { 0xacd157d31237329, 0xe6029c077f400379, 0xfffffffffffffffe, 0x6b50424, 0x9411c9878e97db9c, 0x0 }, 0xb0000000, { 0xacd157d31237329, 0xe6029c077f400379, 0xfffffffffffffffe, 0x6b50424, 0x9411c9878e97db9c, 0x0 }, 0x90000000 },  /* ccmp w1, w4, #0x8, vs */
    { 0xfa470821, { 0xffffffffffffffff, 0x311a2547a2dd19f5, 0x20, 0xfdec5c5d, 0x5cfd6cbb988191c2, 0x3f9e1183bc652bb9 }, 0xb0000000, { 0xffffffffffffffff, 0x311a2547a2dd19f5, 0x20, 0xfdec5c5d, 0x5cfd6cbb988191c2, 0x3f9e1183bc652bb9 }, 0x10000000 },  /* ccmp x1, #0x7, #0x1, eq // eq = none */
    { 0xfa470821, { 0xffffffffffffffff, 0x60ac6a3b, 0x1, 0x46724178014fa889, 0xc69c1f3eb3121923, 0xd815daf40df0420e }, 0x50000000, { 0xffffffffffffffff, 0x60ac6a3b, 0x1, 0x46724178014fa889, 0xc69c1f3eb3121923, 0xd815daf40df0420e }, 0x20000000 },  /* ccmp x1, #0x7, #0x1, eq // eq = none */
    { 0x1a83c421, { 0xffffffff, 0x8000000000000000, 0x1252b454, 0x2, 0x4f66f5c88d28b0b0, 0x40 }, 0xa0000000, { 0xffffffff, 0x3, 0x1252b454, 0x2, 0x4f66f5c88d28b0b0, 0x40 }, 0xa0000000 },  /* csinc w1, w1, w3, gt */
    { 0x1a83c421, { 0x2, 0x5eecb227666e93b8, 0xfd3c5b9ec374b8e7, 0x466716d, 0x9c9080e6c0ab2da2, 0x2 }, 0x30000000, { 0x2, 0x466716e, 0xfd3c5b9ec374b8e7, 0x466716d, 0x9c9080e6c0ab2da2, 0x2 }, 0x30000000 },  /* csinc w1, w1, w3, gt */
    { 0x9b0208a4, { 0xe8160b46d66ba893, 0xfda1371a, 0xce3c272, 0x5f420ac7, 0x40, 0xd078e4f0cf4fb00e }, 0x0, { 0xe8160b46d66ba893, 0xfda1371a, 0xce3c272, 0x5f420ac7, 0xbe9400408634c4ae, 0xd078e4f0cf4fb00e }, 0x0 },  /* madd x4, x5, x2, x2 */
    { 0x9b0208a4, { 0xee8d8af3, 0x55bf6bf849f0e009, 0x5b01ddb94394c80e, 0x40, 0xffffffffffffffff, 0x55048c497b0c3006 }, 0xe0000000, { 0xee8d8af3, 0x55bf6bf849f0e009, 0x5b01ddb94394c80e, 0x40, 0xa7d427d2d93c1862, 0x55048c497b0c3006 }, 0xe0000000 },  /* madd x4, x5, x2, x2 */
    { 0x9b200461, { 0xc4fef9ae, 0x34471815, 0x6ccea5f8d37d48e7, 0x3f, 0x883be9c3c09db405, 0x7fffffff }, 0x30000000, { 0xc4fef9ae, 0xfffffff1af0689e7, 0x6ccea5f8d37d48e7, 0x3f, 0x883be9c3c09db405, 0x7fffffff }, 0x30000000 },  /* smaddl x1, w3, w0, x1 */
    { 0x9b200461, { 0x876be37e6a2fa7bc, 0x15923281dae7e046, 0x80000000, 0x3bdda38b76a6c3f7, 0x80000001, 0x40 }, 0x30000000, { 0x876be37e6a2fa7bc, 0x46c95602078eeaaa, 0x80000000, 0x3bdda38b76a6c3f7, 0x80000001, 0x40 }, 0x30000000 },  /* smaddl x1, w3, w0, x1 */
    { 0x9b4108a1, { 0x1, 0xffffffff, 0x40, 0x40, 0x1f, 0x2aa24e2475a44be0 }, 0x0, { 0x1, 0x2aa24e24, 0x40, 0x40, 0x1f, 0x2aa24e2475a44be0 }, 0x0 },  /* smulh x1, x5, x1 */
    { 0x9b4108a1, { 0x869fbbf0, 0x787f3d33, 0xe1b6a78ea80d3b7f, 0xfffffffffffffffe, 0x16db7096839b490a, 0x7dcddf00 }, 0xd0000000, { 0x869fbbf0, 0x0, 0xe1b6a78ea80d3b7f, 0xfffffffffffffffe, 0x16db7096839b490a, 0x7dcddf00 }, 0xd0000000 },  /* smulh x1, x5, x1 */
    { 0x9ba39423, { 0xcb13c7903f7e107f, 0xe4e87582, 0x8000000000000000, 0xe8f85fa3, 0x95167ad3, 0x665dd1695869518e }, 0x90000000, { 0xcb13c7903f7e107f, 0xe4e87582, 0x8000000000000000, 0x960d1035aedb41c8, 0x95167ad3, 0x665dd1695869518e }, 0x90000000 },  /* umsubl x3, w1, w3, x5 */
    { 0x9ba39423, { 0x3f, 0x80000000, 0xc71d3782fcaa33c3, 0x3e2efd2f07fa8c1c, 0x40, 0x1f }, 0xc0000000, { 0x3f, 0x80000000, 0xc71d3782fcaa33c3, 0xfc02b9f20000001f, 0x40, 0x1f }, 0xc0000000 },  /* umsubl x3, w1, w3, x5 */
    { 0x9bc00881, { 0xbdc36b221a262233, 0x30b1491c, 0x78697ead7e165599, 0x1f, 0x1, 0xb35ba22e785741dc }, 0x20000000, { 0xbdc36b221a262233, 0x0, 0x78697ead7e165599, 0x1f, 0x1, 0xb35ba22e785741dc }, 0x20000000 },  /* umulh x1, x4, x0 */
    { 0x9bc00881, { 0xe4583d44, 0x900fd553a7b076c8, 0x76e63bd7, 0x100000000, 0x6863e13c3a3d931a, 0x8ab58ca0848c7f23 }, 0xa0000000, { 0xe4583d44, 0x5d1cefea, 0x76e63bd7, 0x100000000, 0x6863e13c3a3d931a, 0x8ab58ca0848c7f23 }, 0xa0000000 },  /* umulh x1, x4, x0 */
    { 0x32045843, { 0x3d85de89, 0xb63b4dc3a559e463, 0xcafda613, 0x7fffffffffffffff, 0x100000000, 0x80000001 }, 0xf0000000, { 0x3d85de89, 0xb63b4dc3a559e463, 0xcafda613, 0xfaffffff, 0x100000000, 0x80000001 }, 0xf0000000 },  /* orr w3, w2, #0xf007ffff */
    { 0x32045843, { 0x5ad5cf06, 0x4797b2c957207246, 0xe14eb70db380c73a, 0x0, 0x30e912f2, 0x40 }, 0xf0000000, { 0x5ad5cf06, 0x4797b2c957207246, 0xe14eb70db380c73a, 0xf387ffff, 0x30e912f2, 0x40 }, 0xf0000000 },  /* orr w3, w2, #0xf007ffff */
    { 0x320f2c65, { 0x941cea8bf28ef82e, 0x9613220b37fd966c, 0x66065cc711687ba2, 0xed3e4dbac1e2e220, 0x3f, 0xd4989655a862332d }, 0xb0000000, { 0x941cea8bf28ef82e, 0x9613220b37fd966c, 0x66065cc711687ba2, 0xed3e4dbac1e2e220, 0x3f, 0xdffee220 }, 0xb0000000 },  /* orr w5, w3, #0x1ffe0000 */
    { 0x320f2c65, { 0xffffffffffffffff, 0x248212d23a4746ce, 0xe58cb8036b2dc186, 0xffffffff, 0x24f924b8, 0xb41490b2 }, 0x30000000, { 0xffffffffffffffff, 0x248212d23a4746ce, 0xe58cb8036b2dc186, 0xffffffff, 0x24f924b8, 0xffffffff }, 0x30000000 },  /* orr w5, w3, #0x1ffe0000 */
    { 0x3a42706e, { 0x2f9ee6d57729f229, 0x951b34b1, 0x80000001, 0xb6a6a8b6cc09dfa2, 0x7fffffffffffffff, 0xd5e11df1ddb1c02c }, 0xc0000000, { 0x2f9ee6d57729f229, 0x951b34b1, 0x80000001, 0xb6a6a8b6cc09dfa2, 0x7fffffffffffffff, 0xd5e11df1ddb1c02c }, 0x30000000 },  /* ccmn w3, w2, #0xe, vc */
    { 0x3a42706e, { 0xdc532b9d0fa1eb5a, 0x20, 0x324b8905f2fb7960, 0xd61e4956ce315c35, 0xd52021b47e168eca, 0x7fffffffffffffff }, 0xa0000000, { 0xdc532b9d0fa1eb5a, 0x20, 0x324b8905f2fb7960, 0xd61e4956ce315c35, 0xd52021b47e168eca, 0x7fffffffffffffff }, 0xa0000000 },  /* ccmn w3, w2, #0xe, vc */
    { 0x3a43e867, { 0x91a4e73a7c298189, 0xc2734779a63323a9, 0x100000000, 0x2fa10252303859ba, 0xffffffffffffffff, 0xffffffff }, 0xd0000000, { 0x91a4e73a7c298189, 0xc2734779a63323a9, 0x100000000, 0x2fa10252303859ba, 0xffffffffffffffff, 0xffffffff }, 0x0 },  /* ccmn w3, #0x3, #0x7, al */
    { 0x3a43e867, { 0x96be6a80, 0xffffffffffffffff, 0x2b0a62d6f63b68ba, 0x549dc2674c65b15f, 0x7fffffff, 0xb8bb7439d1037be9 }, 0xc0000000, { 0x96be6a80, 0xffffffffffffffff, 0x2b0a62d6f63b68ba, 0x549dc2674c65b15f, 0x7fffffff, 0xb8bb7439d1037be9 }, 0x0 },  /* ccmn w3, #0x3, #0x7, al */
    { 0x3a5d18a6, { 0xbf67de423a0a2b59, 0xedbc36d89a307096, 0x3f, 0x1, 0x7fffffff, 0x100000000 }, 0x40000000, { 0xbf67de423a0a2b59, 0xedbc36d89a307096, 0x3f, 0x1, 0x7fffffff, 0x100000000 }, 0x60000000 },  /* ccmn w5, #0x1d, #0x6, ne // ne = any */
    { 0x3a5d18a6, { 0xffffffffffffffff, 0x4ce6928b, 0x3f, 0x1, 0x5911f42e559a8f54, 0x6aa12abd6f2e92b9 }, 0x30000000, { 0xffffffffffffffff, 0x4ce6928b, 0x3f, 0x1, 0x5911f42e559a8f54, 0x6aa12abd6f2e92b9 }, 0x0 },  /* ccmn w5, #0x1d, #0x6, ne // ne = any */
    { 0x9a825441, { 0xc670f2a3fe708054, 0x7fffffff, 0x3c8d9186, 0x1b10199d6fe1be7c, 0x7fffffff, 0xcdcf3aff }, 0xd0000000, { 0xc670f2a3fe708054, 0x3c8d9187, 0x3c8d9186, 0x1b10199d6fe1be7c, 0x7fffffff, 0xcdcf3aff }, 0xd0000000 },  /* cinc x1, x2, mi // mi = first */
    { 0x9a825441, { 0xd9d64488, 0x1f, 0xffffffff, 0x5de41c82c90a57, 0x1f43cc3a185c1d9d, 0x7fffffffffffffff }, 0x20000000, { 0xd9d64488, 0xffffffff, 0xffffffff, 0x5de41c82c90a57, 0x1f43cc3a185c1d9d, 0x7fffffffffffffff }, 0x20000000 },  /* cinc x1, x2, mi // mi = first */
};

static void test_dp_recorded(void **state)
{
    for (size_t i = 0; i < sizeof(dp_cases) / sizeof(dp_cases[0]); i++) {
        const DpCase *c = &dp_cases[i];
        assert_int_equal(translate1(c->insn), 4);
        reset_cpu();
        memcpy(env.cpu.x, c->in, sizeof(c->in));
        a64_set_nzcv(&env.cpu, c->nzcv_in);
        assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
        assert_int_equal(env.cpu.pc, 0x1004);
        for (unsigned r = 0; r < 6; r++)
            if (env.cpu.x[r] != c->out[r])
                fail_msg("%08x: x%u = %llx, want %llx", c->insn, r,
                         (unsigned long long)env.cpu.x[r], (unsigned long long)c->out[r]);
        if (a64_get_nzcv(&env.cpu) != c->nzcv_out)
            fail_msg("%08x: nzcv = %x, want %x", c->insn, a64_get_nzcv(&env.cpu), c->nzcv_out);
    }
}

/* XZR reads as zero and writes vanish; SP-able forms reach SP. */
static void test_zr_and_sp(void **state)
{
    reset_cpu();
    env.cpu.sp = 0x8000;
    env.cpu.x[1] = 5;
    translate1(0x910043ff);                 /* add sp, sp, #0x10 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.sp, 0x8010);
    translate1(0x8b1f0020);                 /* add x0, x1, xzr */
    run_tb(&env, f);
    assert_int_equal(env.cpu.x[0], 5);
    translate1(0xab01003f);                 /* cmn x1, x1 (adds xzr, ...) */
    run_tb(&env, f);
    assert_int_equal(env.cpu.sp, 0x8010);
    assert_int_equal(a64_get_nzcv(&env.cpu), 0);
    translate1(0x10000800);                 /* adr x0, .+0x100 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.x[0], 0x1100);
    translate1(0xf0fffff2);                 /* adrp x18, .-0x1000 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.x[18], 0);
}

/* LSL (immediate), the UBFM alias: one SHL, no field extract (the shift
 * drops the bits), the W form zero-extended. */
static void test_lsl_imm(void **state)
{
    static const struct { uint32_t insn; unsigned rd, rn; uint64_t in, out; } cases[] = {
        { 0xd37cec83, 3, 4, 0xf123456789abcdefull, 0x123456789abcdef0ull }, /* lsl x3, x4, #4 */
        { 0xd34100a2, 2, 5, 0x0000000000000003ull, 0x8000000000000000ull }, /* lsl x2, x5, #63 */
        { 0x53010001, 1, 0, 0xffffffff00000003ull, 0x0000000080000000ull }, /* lsl w1, w0, #31 */
        { 0x53196083, 3, 4, 0xdeadbeefcafef00dull, 0x000000007f780680ull }, /* lsl w3, w4, #7 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        reset_cpu();
        env.cpu.x[cases[i].rn] = cases[i].in;
        translate1(cases[i].insn);
        assert_int_equal(count_ops(IR_EXTRACT), 0);
        assert_int_equal(count_ops(IR_SHL), 1);
        run_tb(&env, f);
        assert_int_equal(env.cpu.x[cases[i].rd], cases[i].out);
        assert_int_equal(env.cpu.x[cases[i].rn], cases[i].in);
    }
}

/* LDP/STP: each access's address is made by the op right before it (or is
 * a register), so the backend can form it as a 32-bit guest address in the
 * access itself; values are still right. */
static void test_pair_address_order(void **state)
{
    static const uint32_t insns[] = {
        0xa9025bf5,     /* stp x21, x22, [sp, #32] */
        0xa9410820,     /* ldp x0, x2, [x1, #16] */
        0xa9bf7bfd,     /* stp x29, x30, [sp, #-16]! */
    };
    for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
        translate1(insns[i]);
        unsigned accesses = 0;
        for (uint32_t k = 0; k < f->nops; k++) {
            const IrOp *op = &f->ops[k];
            if (op->opc != IR_LD && op->opc != IR_ST)
                continue;
            accesses++;
            IrTemp a = ir_in(op, op->opc == IR_LD ? 0 : 1);
            if (ir_temp_kind(f, a) == IR_TEMP_GLOBAL || accesses == 1)
                continue;
            assert_true(k > 0 && f->ops[k - 1].nout == 1 && ir_out(&f->ops[k - 1], 0) == a);
        }
        assert_int_equal(accesses, 2);
    }
    reset_cpu();
    env.cpu.sp = RUN_MEM_BASE + 0x100;
    env.cpu.x[21] = 0x1111;
    env.cpu.x[22] = 0x2222;
    translate1(0xa9025bf5);
    run_tb(&env, f);
    env.cpu.x[1] = RUN_MEM_BASE + 0x110;
    translate1(0xa9410820);
    run_tb(&env, f);
    assert_int_equal(env.cpu.x[0], 0x1111);
    assert_int_equal(env.cpu.x[2], 0x2222);
}

/* ADDS computes all four flags with plain IR: the carry as an unsigned
 * compare of the sum with an operand. */
static void test_adds_ir(void **state)
{
    translate1(0xab020020);                 /* adds x0, x1, x2 */
    char *ir = print_ir();
    assert_non_null(strstr(ir, "ltu"));
    assert_non_null(strstr(ir, "nf"));
    assert_non_null(strstr(ir, "zf"));
    assert_non_null(strstr(ir, "cf"));
    assert_non_null(strstr(ir, "vf"));
    assert_int_equal(count_ops(IR_CALL), 0);
    free(ir);
}

/* ---- Branches ---------------------------------------------------------------- */

/* B.cond: one goto_tb_if to the target through slot 1, then the
 * fall-through's goto_tb 0; no label, no brcond. */
static void test_bcond(void **state)
{
    translate1(0x54000041);                 /* b.ne .+8 */
    assert_int_equal(count_ops(IR_BRCOND), 0);
    assert_int_equal(count_ops(IR_SET_LABEL), 0);
    assert_int_equal(count_ops(IR_GOTO_TB_IF), 1);
    assert_int_equal(count_ops(IR_GOTO_TB), 1);
    assert_int_equal(count_ops(IR_EXIT_TB), 0);         /* goto_tb is the whole exit */
    char *ir = print_ir();
    assert_non_null(strstr(ir, "goto_tb_if_i64 "));
    assert_non_null(strstr(ir, ", 1, 0x1008"));
    assert_non_null(strstr(ir, "goto_tb 0, 0x1004"));
    free(ir);
    reset_cpu();
    a64_set_nzcv(&env.cpu, 0x40000000);    /* Z: not taken */
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x1004);
    a64_set_nzcv(&env.cpu, 0);
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT1);
    assert_int_equal(env.cpu.pc, 0x1008);
}

/* cbz x0; add x1; cbnz x1 in one TB (IR_GOTO_TB_SLOTS >= 3): each of
 * its three exits. */
static void check_two_exits(const uint32_t *two_exits)
{
    assert_int_equal(translate_at(0x1000, two_exits, 3, 64), 12);
    assert_int_equal(count_exits(), 3);
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT1);       /* x0 == 0 */
    assert_int_equal(env.cpu.pc, 0x100c);
    reset_cpu();
    env.cpu.x[0] = 1;
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0 + 2);   /* x1 + 1 != 0 */
    assert_int_equal(env.cpu.pc, 0x1010);
    assert_int_equal(env.cpu.x[1], 1);
    reset_cpu();
    env.cpu.x[0] = 1;
    env.cpu.x[1] = ~0ull;
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x100c);
}

/* A conditional branch whose fall-through runs into a plain exit does not
 * end the TB: its taken side leaves through slot 1 from after the last
 * insn.  A second conditional exit would need slot 1 too: the TB then
 * ends at the first. */
static void test_tb_past_cond_branch(void **state)
{
    static const uint32_t one_exit[] = {
        0xf100041f,     /* cmp x0, #1 */
        0x54000060,     /* b.eq .+12 */
        0x91000421,     /* add x1, x1, #1 */
        0x91000442,     /* add x2, x2, #1 */
        0x14000002,     /* b .+8 */
    };
    assert_int_equal(translate_at(0x1000, one_exit, 5, 64), 20);
    assert_int_equal(f->ninsns, 5);
    assert_int_equal(count_exits(), 2);
    reset_cpu();
    env.cpu.x[0] = 1;
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT1);
    assert_int_equal(env.cpu.pc, 0x1010);
    assert_int_equal(env.cpu.x[1], 0);
    assert_int_equal(a64_get_nzcv(&env.cpu), 0x60000000);   /* Z C */
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x1018);
    assert_int_equal(env.cpu.x[1], 1);
    assert_int_equal(env.cpu.x[2], 1);
    assert_int_equal(a64_get_nzcv(&env.cpu), 0x80000000);   /* N */

    /* A second conditional exit needs a slot of its own: with one spare,
     * it ends the TB here (nothing readable after it), slot 0 its
     * fall-through, slot 2 its taken side; without, the TB ends at the
     * first. */
    static const uint32_t two_exits[] = {
        0xb4000060,     /* cbz x0, .+12 */
        0x91000421,     /* add x1, x1, #1 */
        0xb5000041,     /* cbnz x1, .+8 */
    };
    if (IR_GOTO_TB_SLOTS < 3) {
        assert_int_equal(translate_at(0x1000, two_exits, 3, 64), 4);
        assert_int_equal(count_exits(), 2);
    } else {
        check_two_exits(two_exits);
    }
    /* Every slot taken: the conditional exit that finds no spare one
     * ends the TB, with slot 0 and the last. */
    static const uint32_t five_exits[] = {
        0xb4000100, 0xb40000e0, 0xb40000c0, 0xb40000a0, 0xb4000080,   /* cbz x0 */
    };
    assert_int_equal(translate_at(0x1000, five_exits, 5, 64), 4 * (IR_GOTO_TB_SLOTS - 1));
    assert_int_equal(count_exits(), IR_GOTO_TB_SLOTS);
    /* Nor past more than a few insns (they may be a join, translated
     * again from there). */
    static const uint32_t long_rest[] = {
        0xb4000060,     /* cbz x0, .+12 */
        0x91000421, 0x91000421, 0x91000421, 0x91000421, 0x91000421,
        0x14000002,     /* b .+8 */
    };
    assert_int_equal(translate_at(0x1000, long_rest, 7, 64), 4);
    assert_int_equal(translate_at(0x1000, long_rest + 1, 6, 64), 24);
    /* Within max_insns only. */
    assert_int_equal(translate_at(0x1000, two_exits, 2, 2), 8);
    reset_cpu();
    env.cpu.x[0] = 5;
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x1008);
    assert_int_equal(env.cpu.x[1], 1);
    assert_int_equal(translate_at(0x1000, two_exits, 3, 1), 4);
    /* Not past the end of the page. */
    assert_int_equal(translate_at(0x1ffc, two_exits, 3, 64), 4);
}

/* code_ptr: the words come from one host pointer per page (the page
 * around the code is UDF #0); the IR is the one read_code gives. */
static _Alignas(4096) uint32_t code_page[1024];
static unsigned code_ptr_calls;

static const uint32_t *code_ptr(void *opaque, uint64_t addr)
{
    (void)opaque;
    code_ptr_calls++;
    if ((addr & ~0xfffull) != code.base || (addr & 3))
        return NULL;
    return &code_page[(addr & 0xfff) / 4];
}

static void test_fetch_code_ptr(void **state)
{
    static const uint32_t words[] = {
        0xf100041f,     /* cmp x0, #1 */
        0x91000421,     /* add x1, x1, #1 */
        0x54000040,     /* b.eq .+8 */
        0xf9400022,     /* ldr x2, [x1] */
        0xd65f03c0,     /* ret */
    };
    translate_at(0x3000, words, 5, 64);
    char *want = print_ir();
    memset(code_page, 0, sizeof(code_page));
    memcpy(code_page, words, sizeof(words));
    ir_func_reset(f);
    code_ptr_calls = 0;
    TranslateReq req = { .pc = 0x3000, .max_insns = 64, .read_code = read_code,
                         .code_ptr = code_ptr };
    assert_int_equal(a64_translate(f, &req), 20);
    assert_int_equal(code_ptr_calls, 1);
    char *got = print_ir();
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* A page it can't give: a prefetch abort, as with read_code. */
    ir_func_reset(f);
    req.pc = 0x5000;
    assert_int_equal(a64_translate(f, &req), 4);
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_PLAIN);
    assert_int_equal(env.cpu.common.exception, TERN_EXCP_PREFETCH_ABORT);
}

/* Every condition against every NZCV, as ConditionHolds() defines it. */
static bool cond_holds(unsigned cond, uint32_t nzcv)
{
    bool n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1, v = nzcv >> 28 & 1;
    bool r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: return true;
    }
    return cond & 1 ? !r : r;
}

static void test_conditions(void **state)
{
    for (unsigned cond = 0; cond < 16; cond++) {
        translate1(0x54000040 | cond);      /* b.<cond> .+8 */
        for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
            reset_cpu();
            a64_set_nzcv(&env.cpu, nzcv << 28);
            run_tb(&env, f);
            assert_int_equal(env.cpu.pc, cond_holds(cond, nzcv << 28) ? 0x1008 : 0x1004);
        }
    }
}

static void test_cbz_tbz(void **state)
{
    reset_cpu();
    env.cpu.x[1] = 0xffffffff00000000ull;
    translate1(0x34000081);                 /* cbz w1, .+0x10: W1 is zero */
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x1010);
    translate1(0xb5ffff81);                 /* cbnz x1, .-0x10 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x0ff0);
    env.cpu.x[3] = 1ull << 35;
    translate1(0xb6180103);                 /* tbz x3, #35, .+0x20 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x1004);
    env.cpu.x[4] = 4;
    translate1(0x3717ffe4);                 /* tbnz w4, #2, .-0x4 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x0ffc);
}

static void test_calls_and_returns(void **state)
{
    reset_cpu();
    translate1(0x97fffffe);                 /* bl .-0x8 */
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x0ff8);
    assert_int_equal(env.cpu.x[30], 0x1004);
    env.cpu.x[30] = 0x4000;
    translate1(0xd63f03c0);                 /* blr x30: jumps to the old X30 */
    assert_int_equal(run_tb(&env, f), RUN_LOOKUP);
    assert_int_equal(env.cpu.pc, 0x4000);
    assert_int_equal(env.cpu.x[30], 0x1004);
    translate1(0xd65f03c0);                 /* ret */
    assert_int_equal(run_tb(&env, f), RUN_LOOKUP);
    assert_int_equal(env.cpu.pc, 0x1004);
}

/* ---- Exceptions and system instructions ---------------------------------------- */

static void expect_exception(uint32_t insn, TernExcp excp, uint32_t syndrome, uint64_t pc)
{
    translate1(insn);
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_PLAIN);
    assert_int_equal(env.cpu.common.exception, excp);
    assert_int_equal(env.cpu.common.syndrome, syndrome);
    assert_int_equal(env.cpu.pc, pc);
}

static void test_exceptions(void **state)
{
    expect_exception(0xd4000001, TERN_EXCP_SYSCALL, 0, 0x1004);    /* svc #0 */
    expect_exception(0xd4207d00, TERN_EXCP_BKPT, 1000, 0x1000);    /* brk #0x3e8 */
    expect_exception(0x00000000, TERN_EXCP_UDEF, 0, 0x1000);       /* udf #0 */
    expect_exception(0xd4400020, TERN_EXCP_UDEF, 0, 0x1000);       /* hlt #0x1 */
    expect_exception(0xd4000002, TERN_EXCP_UDEF, 0, 0x1000);       /* hvc #0 */
    expect_exception(0xd51bd060, TERN_EXCP_UDEF, 0, 0x1000);       /* msr tpidrro_el0, x0 */
    expect_exception(0xd5380020, TERN_EXCP_UDEF, 0, 0x1000);       /* mrs x0, s3_0_c0_c0_1 */
    expect_exception(0xd5380100, TERN_EXCP_UDEF, 0, 0x1000);       /* mrs x0, id_pfr0_el1 */
    expect_exception(0xd50040bf, TERN_EXCP_UDEF, 0, 0x1000);       /* msr spsel, #0 */
    expect_exception(0x93808000, TERN_EXCP_UDEF, 0, 0x1000);       /* extr with N != sf */
}

static void test_hints_and_barriers(void **state)
{
    static const uint32_t nops[] = {
        0xd503201f, 0xd503203f, 0xd503205f, 0xd503233f, 0xd50323bf, 0xd503245f,
        0xd5033bbf, 0xd50339bf, 0xd5033a9f, 0xd50b7526, 0xd50b7b26,
    };  /* nop yield wfe paciasp autiasp bti-c dmb-ish dmb-ishld dsb-ishst ic-ivau dc-cvau */
    for (size_t i = 0; i < sizeof(nops) / sizeof(nops[0]); i++) {
        translate1(nops[i]);
        reset_cpu();
        assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
        assert_int_equal(env.cpu.pc, 0x1004);
    }
    translate1(0xd5033f5f);                 /* clrex */
    reset_cpu();
    run_tb(&env, f);
    assert_int_equal(env.cpu.excl_addr, ~0ull);
}

static void test_isb_ends_tb(void **state)
{
    static const uint32_t words[] = { 0xd5033fdf, 0xd503201f };  /* isb; nop */
    assert_int_equal(translate_at(0x1000, words, 2, 8), 4);
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.pc, 0x1004);
}

/* MRS/MSR: NZCV round trip, TPIDR_EL0, FPCR masking, the constant ID-like
 * registers and a counter that moves forward. */
static uint64_t run_mrs(uint32_t insn)
{
    translate1(insn);
    run_tb(&env, f);
    return env.cpu.x[0];
}

static void test_sysregs(void **state)
{
    reset_cpu();
    env.cpu.x[1] = 0xa0000000;
    translate1(0xd51b4201);                 /* msr nzcv, x1 */
    run_tb(&env, f);
    assert_int_equal(a64_get_nzcv(&env.cpu), 0xa0000000);
    assert_int_equal(run_mrs(0xd53b4200), 0xa0000000);       /* mrs x0, nzcv */
    env.cpu.x[1] = 0x1234567890ull;
    translate1(0xd51bd041);                 /* msr tpidr_el0, x1 */
    run_tb(&env, f);
    assert_int_equal(env.cpu.tpidr_el0, 0x1234567890ull);
    assert_int_equal(run_mrs(0xd53bd040), 0x1234567890ull);  /* mrs x0, tpidr_el0 */
    env.cpu.tpidrro_el0 = 77;
    assert_int_equal(run_mrs(0xd53bd060), 77);               /* mrs x0, tpidrro_el0 */
    env.cpu.x[1] = ~0ull;
    translate1(0xd51b4401);                 /* msr fpcr, x1 */
    run_tb(&env, f);
    assert_int_equal(run_mrs(0xd53b4400), 0x07c00000);       /* mrs x0, fpcr */
    assert_int_equal(run_mrs(0xd53be000), A64_CNTFRQ_HZ);    /* mrs x0, cntfrq_el0 */
    assert_int_equal(run_mrs(0xd53b00e0), 4);                /* mrs x0, dczid_el0 */
    assert_int_equal(run_mrs(0xd53b0020) & 0x80000000u, 0x80000000u); /* ctr_el0 */
    uint64_t t0 = run_mrs(0xd53be040);      /* mrs x0, cntvct_el0 */
    uint64_t t1 = run_mrs(0xd53be040);
    assert_true(t0 > 0 && t1 >= t0);
}

/* DC ZVA zeroes exactly the aligned 64-byte block. */
static void test_dc_zva(void **state)
{
    reset_cpu();
    env.cpu.x[5] = RUN_MEM_BASE + 0x85;
    translate1(0xd50b7425);                 /* dc zva, x5 */
    assert_int_equal(count_ops(IR_ST), 8);
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    for (unsigned i = 0; i < RUN_MEM_SIZE; i++)
        assert_int_equal(env.mem[i], i >= 0x80 && i < 0xc0 ? 0 : 0xaa);
}

/* ---- TB boundaries -------------------------------------------------------------- */

static void test_tb_limits(void **state)
{
    static const uint32_t adds[] = { 0x91000400, 0x91000400, 0x91000400, 0x91000400 };
    /* max_insns */
    assert_int_equal(translate_at(0x1000, adds, 4, 2), 8);
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.x[0], 2);
    assert_int_equal(env.cpu.pc, 0x1008);
    assert_int_equal(f->ninsns, 2);
    /* a page boundary */
    assert_int_equal(translate_at(0x1ff8, adds, 4, 64), 8);
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x2000);
    /* an unreadable second instruction ends the TB before it */
    assert_int_equal(translate_at(0x3000, adds, 1, 64), 4);
    run_tb(&env, f);
    assert_int_equal(env.cpu.pc, 0x3004);
    /* an unreadable first instruction is a prefetch abort there */
    code.n = 0;
    ir_func_reset(f);
    TranslateReq req = { .pc = 0x5000, .max_insns = 8, .read_code = read_code };
    assert_int_equal(a64_translate(f, &req), 4);
    assert_true(ir_verify(f, stderr));
    reset_cpu();
    assert_int_equal(run_tb(&env, f), IR_EXIT_PLAIN);
    assert_int_equal(env.cpu.common.exception, TERN_EXCP_PREFETCH_ABORT);
    assert_int_equal(env.cpu.common.fault_addr, 0x5000);
    assert_int_equal(env.cpu.pc, 0x5000);
}

/* ---- CRC32 and the cryptographic extensions --------------------------------------- */

static uint32_t run_crc(uint32_t insn, uint32_t acc, uint64_t val)
{
    reset_cpu();
    env.cpu.x[0] = 0xdead000000000000ull | acc;     /* W0: the high half is ignored */
    env.cpu.x[1] = val;
    assert_int_equal(translate1(insn), 4);
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    assert_int_equal(env.cpu.x[0] >> 32, 0);
    return (uint32_t)env.cpu.x[0];
}

/* The check values of CRC-32 and CRC-32C ("123456789"), byte by byte and
 * with an X-sized step; sf must match the X form. */
static void test_crc32(void **state)
{
    static const char msg[] = "123456789";
    uint32_t c = ~0u, cc = ~0u;
    uint64_t word;
    for (unsigned i = 0; i < 9; i++) {
        c = run_crc(0x1ac14000, c, 0xffffff00u | (uint8_t)msg[i]);    /* crc32b w0, w0, w1 */
        cc = run_crc(0x1ac15000, cc, (uint8_t)msg[i]);              /* crc32cb w0, w0, w1 */
    }
    assert_int_equal(~c, 0xcbf43926u);
    assert_int_equal(~cc, 0xe3069283u);
    memcpy(&word, msg, 8);
    c = run_crc(0x1ac14000, run_crc(0x9ac14c00, ~0u, word), (uint8_t)msg[8]);   /* crc32x */
    cc = run_crc(0x1ac15000, run_crc(0x9ac15c00, ~0u, word), (uint8_t)msg[8]);  /* crc32cx */
    assert_int_equal(~c, 0xcbf43926u);
    assert_int_equal(~cc, 0xe3069283u);
    expect_exception(0x1ac15c00, TERN_EXCP_UDEF, 0, 0x1000);   /* crc32cx with sf = 0 */
    expect_exception(0x9ac14800, TERN_EXCP_UDEF, 0, 0x1000);   /* crc32w with sf = 1 */
}

static void set_v(unsigned r, uint64_t lo, uint64_t hi)
{
    env.cpu.v[r][0] = lo;
    env.cpu.v[r][1] = hi;
}

static void run_vec(uint32_t insn, unsigned rd, uint64_t lo, uint64_t hi)
{
    assert_int_equal(translate1(insn), 4);
    assert_int_equal(run_tb(&env, f), IR_EXIT_SLOT0);
    if (env.cpu.v[rd][0] != lo || env.cpu.v[rd][1] != hi)
        fail_msg("%08x: v%u = %016llx:%016llx, want %016llx:%016llx", insn, rd,
                 (unsigned long long)env.cpu.v[rd][1], (unsigned long long)env.cpu.v[rd][0],
                 (unsigned long long)hi, (unsigned long long)lo);
}

/* The SHA rows were recorded with qemu-aarch64 from V0, V1, V2 below. */
static void test_crypto_sha(void **state)
{
    static const struct { uint32_t insn; uint64_t lo, hi; } rows[] = {
        { 0x5e024020, 0xfb84345884512488ull, 0xa8f11a220033576bull },  /* sha256h q0, q1, v2.4s */
        { 0x5e025020, 0x65f1709fa8c50409ull, 0x9f8c7964449935e6ull },  /* sha256h2 q0, q1, v2.4s */
        { 0xce628020, 0xc3a592416ca89676ull, 0x925d292fc1c90d11ull },  /* sha512h q0, q1, v2.2d */
        { 0xcec08020, 0x6eddddde1a111110ull, 0xa2c5faafb0935ee5ull },  /* sha512su0 v0.2d, v1.2d */
        { 0x5e020020, 0xd94bba1a41dbb425ull, 0x4edb2773bd0a5796ull },  /* sha1c q0, s1, v2.4s */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        reset_cpu();
        set_v(0, 0x1111111122222222ull, 0x3333333344444444ull);
        set_v(1, 0x0123456789abcdefull, 0xfedcba9876543210ull);
        set_v(2, 0x0f1e2d3c4b5a6978ull, 0x8796a5b4c3d2e1f0ull);
        run_vec(rows[i].insn, 0, rows[i].lo, rows[i].hi);
    }
    reset_cpu();
    set_v(0, 0xffffffff80000001ull, ~0ull);
    run_vec(0x5e280804, 4, 0x60000000, 0);                  /* sha1h s4, s0 */
}

/* FIPS-197: S-box(0x53) = 0xed (5.1.1); the MixColumns example of
 * Appendix B, round 1; InvMixColumns undoes it; PMULL products. */
static void test_crypto_aes_pmull(void **state)
{
    reset_cpu();
    set_v(0, 0x5353535353535353ull, 0x5353535353535353ull);
    run_vec(0x4e284820, 0, 0xededededededededull, 0xededededededededull);  /* aese v0, v1 */
    set_v(0, 0x5c220af2455313dbull, 0xc6c6c6c601010101ull);
    run_vec(0x4e286802, 2, 0x9d58dc9fbca14d8eull, 0xc6c6c6c601010101ull);  /* aesmc v2, v0 */
    run_vec(0x4e287843, 3, 0x5c220af2455313dbull, 0xc6c6c6c601010101ull);  /* aesimc v3, v2 */
    set_v(1, 0xdff54aa6dfe98e91ull, 0xdff54aa6dfe98e91ull);
    set_v(2, 0xd2be61b6ea7fd9ccull, 0xd2be61b6ea7fd9ccull);
    run_vec(0x0ee2e020, 0, 0xaa8e163e1fbe6b0cull, 0x543aa1afce3aaebcull);  /* pmull .1q */
    run_vec(0x4ee2e020, 0, 0xaa8e163e1fbe6b0cull, 0x543aa1afce3aaebcull);  /* pmull2 .1q */
    set_v(1, 0x02ff, 0);
    set_v(2, 0x03ff, 0);
    run_vec(0x0e22e020, 0, 0x0000000000065555ull, 0);                      /* pmull .8h */
    expect_exception(0x0e62e020, TERN_EXCP_UDEF, 0, 0x1000);             /* pmull, size 1 */
}

static uint64_t rol64(uint64_t x, unsigned n)
{
    return n ? x << n | x >> (64 - n) : x;
}

static void test_crypto_sha3(void **state)
{
    const uint64_t a[2] = { 0x0123456789abcdefull, 0x8000000000000001ull };
    const uint64_t b[2] = { 0xf0f0f0f00f0f0f0full, 0x7fffffffffffffffull };
    const uint64_t c[2] = { 0x00ff00ff00ff00ffull, 0xc000000000000003ull };
    reset_cpu();
    set_v(1, a[0], a[1]);
    set_v(2, b[0], b[1]);
    set_v(3, c[0], c[1]);
    run_vec(0xce020c20, 0, a[0] ^ b[0] ^ c[0], a[1] ^ b[1] ^ c[1]);        /* eor3 */
    run_vec(0xce220c20, 0, a[0] ^ (b[0] & ~c[0]), a[1] ^ (b[1] & ~c[1]));  /* bcax */
    run_vec(0xce628c20, 0, a[0] ^ rol64(b[0], 1), a[1] ^ rol64(b[1], 1));  /* rax1 */
    run_vec(0xce823420, 0, rol64(a[0] ^ b[0], 64 - 13), rol64(a[1] ^ b[1], 64 - 13)); /* xar #13 */
}

/* MRS of the ID registers agrees with AT_HWCAP; Linux's fixed values. */
static void test_idregs(void **state)
{
    uint64_t hwcap = a64_hwcap();
    reset_cpu();
    assert_int_equal(run_mrs(0xd5380000) >> 16 & 0xf, 0xf);   /* midr_el1: architecture */
    assert_int_equal(run_mrs(0xd53800a0), 0x80000000u);       /* mpidr_el1 */
    assert_int_equal(run_mrs(0xd53807e0), 0);                 /* reserved s3_0_c0_c7_7 */
    uint64_t isar0 = run_mrs(0xd5380600);                     /* id_aa64isar0_el1 */
    assert_true(hwcap & 1u << 11);                            /* CPUID */
    assert_int_equal(!!(hwcap & 1u << 3), (isar0 >> 4 & 0xf) >= 1);     /* AES */
    assert_int_equal(!!(hwcap & 1u << 4), (isar0 >> 4 & 0xf) >= 2);     /* PMULL */
    assert_int_equal(!!(hwcap & 1u << 7), (isar0 >> 16 & 0xf) >= 1);    /* CRC32 */
    assert_int_equal(!!(hwcap & 1u << 8), (isar0 >> 20 & 0xf) >= 2);    /* ATOMICS */
    assert_int_equal(!!(hwcap & 1u << 17), (isar0 >> 32 & 0xf) >= 1);   /* SHA3 */
    assert_int_equal(!!(hwcap & 1u << 20), (isar0 >> 44 & 0xf) >= 1);   /* ASIMDDP */
    assert_int_equal(!!(hwcap & 1u << 21), (isar0 >> 12 & 0xf) >= 2);   /* SHA512 */
    assert_int_equal(run_mrs(0xd5380400), 0x11);              /* id_aa64pfr0_el1 */
    assert_int_equal(run_mrs(0xd5380500), 0x6);               /* id_aa64dfr0_el1 */
    assert_int_equal(isar0 >> 60, 1);                         /* RNDR */
}

/* RNDR: two reads differ (2^-64 chance of a false failure); NZCV = 0000. */
static void test_rndr(void **state)
{
    reset_cpu();
    a64_set_nzcv(&env.cpu, 0xf0000000);
    uint64_t r0 = run_mrs(0xd53b2400);                        /* mrs x0, rndr */
    assert_int_equal(a64_get_nzcv(&env.cpu), 0);
    a64_set_nzcv(&env.cpu, 0x40000000);
    uint64_t r1 = run_mrs(0xd53b2420);                        /* mrs x0, rndrrs */
    assert_int_equal(a64_get_nzcv(&env.cpu), 0);
    assert_true(r0 != r1);
}

/* ---- CPU glue ---------------------------------------------------------------------- */

static void test_cpu(void **state)
{
    A64CPU cpu = { 0 };
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
        a64_set_nzcv(&cpu, nzcv << 28);
        assert_int_equal(a64_get_nzcv(&cpu), nzcv << 28);
    }
    a64_arch.set_pc(&cpu.common, 0x4242);
    assert_int_equal(a64_arch.get_pc(&cpu.common), 0x4242);
    assert_int_equal(cpu.common.tb_flags, 0);
    assert_string_equal(a64_arch.name, "aarch64");
    assert_string_equal(f->temps[A64_T_X0 + 30].name, "x30");
    assert_string_equal(f->temps[A64_T_SP].name, "sp");
    assert_string_equal(f->temps[A64_T_VF].name, "vf");
    assert_int_equal(f->nglobals, A64_T_NUM_GLOBALS);
    assert_int_equal(a64_hwcap2(), 1u << 16);                 /* RNG only */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    static const uint8_t insn[] = { 0x41, 0x8c, 0x04, 0x91, 0xff };  /* add; a stray byte */
    a64_arch.disas(out, 0x1000, insn, sizeof(insn));
    a64_arch.dump_state(out, &cpu.common);
    fclose(out);
    assert_non_null(strstr(buf, "add"));
    assert_non_null(strstr(buf, ".word"));
    assert_non_null(strstr(buf, "0000000000004242"));
    free(buf);
}

static int setup(void **state)
{
    f = ir_func_new();
    a64_arch.init_globals(f);
    return 0;
}

static int teardown(void **state)
{
    ir_func_free(f);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dp_recorded),
        cmocka_unit_test(test_zr_and_sp),
        cmocka_unit_test(test_adds_ir),
        cmocka_unit_test(test_lsl_imm),
        cmocka_unit_test(test_pair_address_order),
        cmocka_unit_test(test_bcond),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_cbz_tbz),
        cmocka_unit_test(test_calls_and_returns),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_hints_and_barriers),
        cmocka_unit_test(test_isb_ends_tb),
        cmocka_unit_test(test_sysregs),
        cmocka_unit_test(test_dc_zva),
        cmocka_unit_test(test_tb_limits),
        cmocka_unit_test(test_crc32),
        cmocka_unit_test(test_crypto_sha),
        cmocka_unit_test(test_crypto_aes_pmull),
        cmocka_unit_test(test_crypto_sha3),
        cmocka_unit_test(test_idregs),
        cmocka_unit_test(test_rndr),
        cmocka_unit_test(test_cpu),
        cmocka_unit_test(test_tb_past_cond_branch),
        cmocka_unit_test(test_fetch_code_ptr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
