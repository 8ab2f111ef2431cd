/* tests/unit/test-a64-ldst.c — A64 loads/stores and the AdvSIMD subset, IR out.
 *
 * Each test translates one or two instruction words (encodings from
 * aarch64-linux-gnu-as, the comments are objdump's text), checks the IR
 * with ir_verify(), and runs it with a small IR runner (pure ops through
 * ir_eval(); env, guest memory, CMPXCHG and helper calls on a local A64CPU
 * and a 4 KiB buffer at RUN_BASE), so the tests state guest-visible
 * results: register values, memory, writeback, exclusive-monitor status.
 * A few check IR shape where it is the contract (barriers of LDAR/STLR,
 * CMPXCHG of STXR, no access for PRFM, UDEF of unallocated encodings).
 * The scalar FP cases check Arm-specific results: NZCV of an unordered
 * compare, saturation and FPSR flags, the default NaN of 0 * inf + qNaN.
 * The AdvSIMD cases added for issue 3 check saturation with FPSR.QC,
 * rounding shifts, by-element and dot products, and Arm-only FP vector
 * results (FMULX, round to odd, reciprocal estimates).
 * Whole-program and differential tests against qemu-aarch64 are in
 * tests/guest.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontend/aarch64/translate.h"

/* ---- IR runner ------------------------------------------------------------- */

#define RUN_BASE   0x10000ull
#define RUN_SIZE   0x1000u
#define RUN_FAULT  (-2)
#define RUN_LOOKUP (-1)
#define RUN_NEXT   (-3)

static struct {
    A64CPU cpu;
    uint8_t mem[RUN_SIZE];
    uint64_t val[8192];
    uint32_t label_pos[512];
} rt;

static uint8_t *guest(uint64_t addr, unsigned n)
{
    if (addr < RUN_BASE || addr + n > RUN_BASE + RUN_SIZE)
        return NULL;
    return rt.mem + (addr - RUN_BASE);
}

static uint64_t load_mo(const uint8_t *p, IrMemOp mo)
{
    unsigned n = ir_mo_bytes(mo);
    uint64_t v = 0;
    memcpy(&v, p, n);
    if ((mo & IR_MO_SIGN) && n < 8)
        v = (uint64_t)((int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n));
    return v;
}

static int exec_mem(const IrOp *op, const uint64_t *in)
{
    IrMemOp mo = (IrMemOp)ir_carg(op, 0);
    unsigned n = ir_mo_bytes(mo);
    uint64_t addr = op->opc == IR_ST ? in[1] : in[0];
    uint8_t *p = guest(addr, n);
    if (!p)
        return RUN_FAULT;
    unsigned align = (mo & IR_MO_ALIGN) >> IR_MO_ALIGN_SHIFT;
    if (addr & ((1ull << align) - 1))
        return RUN_FAULT;
    if (op->opc == IR_ST) {
        memcpy(p, &in[0], n);
    } else if (op->opc == IR_LD) {
        rt.val[ir_out(op, 0)] = load_mo(p, mo);
    } else {
        uint64_t old = load_mo(p, mo);
        if (old == in[1])
            memcpy(p, &in[2], n);
        rt.val[ir_out(op, 0)] = old;
    }
    return RUN_NEXT;
}

static void exec_call(const IrOp *op, const uint64_t *in)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
    uint64_t a[IR_MAX_HELPER_ARGS] = { 0 };
    memcpy(a, in, h->nargs * sizeof(uint64_t));
    typedef uint64_t Fn(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    uint64_t r = ((Fn *)h->fn)(a[0], a[1], a[2], a[3], a[4], a[5]);
    if (op->nout)
        rt.val[ir_out(op, 0)] = h->ret == IR_I32 ? (uint32_t)r : r;
}

/* The non-pure ops, one function each, indexed by opcode; NULL: no effect
 * on the runner (labels, barriers). */
typedef int ExecFn(const IrOp *op, const uint64_t *in, uint32_t *pc);

static int exec_ld_env(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    rt.val[ir_out(op, 0)] = load_mo((uint8_t *)&rt.cpu + (int64_t)ir_carg(op, 0),
                                    (IrMemOp)ir_carg(op, 1));
    return RUN_NEXT;
}

static int exec_vec(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    ir_vec_run(&rt.cpu, ir_carg(op, 0), (int64_t)ir_carg(op, 1), (int64_t)ir_carg(op, 2),
               (int64_t)ir_carg(op, 3), (int64_t)ir_carg(op, 4));
    return RUN_NEXT;
}

static int exec_st_env(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    memcpy((uint8_t *)&rt.cpu + (int64_t)ir_carg(op, 0), &in[0],
           ir_mo_bytes((IrMemOp)ir_carg(op, 1)));
    return RUN_NEXT;
}

static int exec_mem_op(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    return exec_mem(op, in);
}

static int exec_call_op(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    exec_call(op, in);
    return RUN_NEXT;
}

static int exec_br(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    *pc = rt.label_pos[ir_carg(op, 0)];
    return RUN_NEXT;
}

static int exec_brcond(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    if (ir_cond_eval((IrCond)ir_carg(op, 0), (IrType)op->type, in[0], in[1]))
        *pc = rt.label_pos[ir_carg(op, 1)];
    return RUN_NEXT;
}

static int exec_exit_tb(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    return (int)ir_carg(op, 0);
}

/* Unchained (no chaining here): the pc, then the slot's code. */
static int exec_goto_tb(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    rt.val[A64_T_PC] = ir_carg(op, 1);
    return IR_EXIT_SLOT0 + (int)ir_carg(op, 0);
}

static int exec_lookup(const IrOp *op, const uint64_t *in, uint32_t *pc)
{
    return RUN_LOOKUP;
}

static ExecFn *const exec_fns[IR_NUM_OPS] = {
    [IR_LD_ENV] = exec_ld_env, [IR_ST_ENV] = exec_st_env, [IR_VEC] = exec_vec,
    [IR_LD] = exec_mem_op, [IR_ST] = exec_mem_op, [IR_CMPXCHG] = exec_mem_op,
    [IR_CALL] = exec_call_op, [IR_BR] = exec_br, [IR_BRCOND] = exec_brcond,
    [IR_EXIT_TB] = exec_exit_tb, [IR_GOTO_TB] = exec_goto_tb,
    [IR_LOOKUP_AND_GOTO] = exec_lookup,
};

/* One op; returns RUN_NEXT or the TB's exit. */
static int exec_op(const IrOp *op, uint32_t *pc)
{
    uint64_t in[IR_MAX_ARGS];
    for (unsigned i = 0; i < op->nin; i++)
        in[i] = rt.val[ir_in(op, i)];
    if (ir_op_info[op->opc].flags & IR_F_PURE) {
        uint64_t r;
        if (!ir_eval((IrOpcode)op->opc, (IrType)op->type, in,
                     &op->args[op->nout + op->nin], &r))
            return RUN_FAULT;
        rt.val[ir_out(op, 0)] = r;
        return RUN_NEXT;
    }
    return exec_fns[op->opc] ? exec_fns[op->opc](op, in, pc) : RUN_NEXT;
}

static void sync_globals(const IrFunc *f, bool to_cpu)
{
    for (uint32_t t = 0; t < f->nglobals; t++) {
        if (f->temps[t].kind != IR_TEMP_GLOBAL)
            continue;
        uint8_t *field = (uint8_t *)&rt.cpu + f->temps[t].env_offset;
        if (to_cpu)
            memcpy(field, &rt.val[t], 8);
        else
            memcpy(&rt.val[t], field, 8);
    }
}

/* Runs one TB's IR to its exit. */
static int run_tb(const IrFunc *f)
{
    sync_globals(f, false);
    for (uint32_t t = 0; t < f->ntemps; t++) {
        if (f->temps[t].kind == IR_TEMP_CONST)
            rt.val[t] = f->temps[t].val;
        else if (f->temps[t].kind == IR_TEMP_FIXED)
            rt.val[t] = (uintptr_t)&rt.cpu;
    }
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].opc == IR_SET_LABEL)
            rt.label_pos[f->ops[i].args[0]] = i;
    int r = RUN_FAULT;
    for (uint32_t i = 0; i < f->nops; i++) {
        r = exec_op(&f->ops[i], &i);
        if (r != RUN_NEXT)
            break;
    }
    sync_globals(f, true);
    return r;
}

/* ---- Translation ------------------------------------------------------------- */

#define CODE_BASE 0x10000ull    /* the code sits at the start of guest memory */

static IrFunc *f;

static bool read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    uint8_t *p = guest(addr, 4);
    if (!p || (addr & 3))
        return false;
    memcpy(insn, p, 4);
    return true;
}

/* Memory: byte i = i * 37 + 0x85 (every value, half of them negative). */
static uint8_t pat(uint64_t off) { return (uint8_t)(off * 37 + 0x85); }

static uint64_t m(uint64_t off, unsigned n)
{
    uint64_t v = 0;
    memcpy(&v, rt.mem + off, n);
    return v;
}

static void reset(void)
{
    memset(&rt.cpu, 0, sizeof(rt.cpu));
    for (unsigned i = 0; i < RUN_SIZE; i++)
        rt.mem[i] = pat(i);
    rt.cpu.excl_addr = UINT64_MAX;
    rt.cpu.x[1] = RUN_BASE + 0x100;
    rt.cpu.sp = RUN_BASE + 0x200;
}

/* Translates n words placed at CODE_BASE and runs them as one TB. */
static int run_words(const uint32_t *w, unsigned n)
{
    memcpy(rt.mem, w, 4 * n);
    ir_func_reset(f);
    TranslateReq req = { .pc = CODE_BASE, .max_insns = n, .read_code = read_code };
    a64_translate(f, &req);
    if (!ir_verify(f, stderr)) {
        ir_print(f, stderr);
        fail_msg("IR does not verify");
    }
    return run_tb(f);
}

static int run1(uint32_t w)
{
    return run_words(&w, 1);
}

static unsigned count_ops(IrOpcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < f->nops; i++)
        n += f->ops[i].opc == opc;
    return n;
}

static int setup(void **state)
{
    f = ir_func_new();
    a64_init_globals(f);
    return 0;
}

static int teardown(void **state)
{
    ir_func_free(f);
    return 0;
}

/* ---- General-purpose single registers ------------------------------------------ */

typedef struct LoadCase {
    uint32_t insn;
    uint64_t off;      /* where the value comes from, from RUN_BASE */
    unsigned bytes;
    int sign;          /* 0 zero-extend, 32 or 64: sign-extend to W or X */
} LoadCase;

static const LoadCase load_cases[] = {
    { 0x39401420, 0x105, 1, 0 },    /* ldrb w0, [x1, #5] */
    { 0x39801420, 0x105, 1, 64 },   /* ldrsb x0, [x1, #5] */
    { 0x39c01420, 0x105, 1, 32 },   /* ldrsb w0, [x1, #5] */
    { 0x79800c20, 0x106, 2, 64 },   /* ldrsh x0, [x1, #6] */
    { 0xb9800820, 0x108, 4, 64 },   /* ldrsw x0, [x1, #8] */
    { 0xb9400820, 0x108, 4, 0 },    /* ldr w0, [x1, #8] */
    { 0xf9400420, 0x108, 8, 0 },    /* ldr x0, [x1, #8] */
    { 0xf85fd020, 0x0fd, 8, 0 },    /* ldur x0, [x1, #-3] */
    { 0xf863d820, 0x0f0, 8, 0 },    /* ldr x0, [x1, w3, sxtw #3]  (w3 = -2) */
    { 0xb8627820, 0x110, 4, 0 },    /* ldr w0, [x1, x2, lsl #2]   (x2 = 4) */
    { 0x78625820, 0x108, 2, 0 },    /* ldrh w0, [x1, w2, uxtw #1] */
    { 0xf94007e0, 0x208, 8, 0 },    /* ldr x0, [sp, #8] */
};

static void test_load_forms(void **state)
{
    for (size_t i = 0; i < sizeof(load_cases) / sizeof(load_cases[0]); i++) {
        const LoadCase *c = &load_cases[i];
        reset();
        rt.cpu.x[0] = 0xdeadbeefdeadbeefull;
        rt.cpu.x[2] = 4;
        rt.cpu.x[3] = 0xabcdef00fffffffeull;   /* w3 = -2 */
        run1(c->insn);
        uint64_t v = m(c->off, c->bytes);
        unsigned sh = 64 - 8 * c->bytes;
        if (c->sign)
            v = (uint64_t)((int64_t)(v << sh) >> sh);
        if (c->sign == 32)
            v = (uint32_t)v;
        if (rt.cpu.x[0] != v)
            fail_msg("insn %08x: x0 = %llx, expected %llx", c->insn,
                     (unsigned long long)rt.cpu.x[0], (unsigned long long)v);
        assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x100);
    }
}

static void test_writeback(void **state)
{
    reset();
    run1(0xf8410c20);                                   /* ldr x0, [x1, #16]! */
    assert_int_equal(rt.cpu.x[0], m(0x110, 8));
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x110);

    reset();
    run1(0xf85f0420);                                   /* ldr x0, [x1], #-16 */
    assert_int_equal(rt.cpu.x[0], m(0x100, 8));
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0xf0);

    /* CONSTRAINED UNPREDICTABLE, resolved as QEMU: writeback wins a load,
     * a store stores the old base. */
    reset();
    run1(0xf8408c21);                                   /* ldr x1, [x1, #8]! */
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x108);
    reset();
    run1(0xf8008c21);                                   /* str x1, [x1, #8]! */
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x108);
    assert_int_equal(m(0x108, 8), RUN_BASE + 0x100);
}

static void test_pairs(void **state)
{
    reset();
    run1(0xa97f0820);                                   /* ldp x0, x2, [x1, #-16] */
    assert_int_equal(rt.cpu.x[0], m(0xf0, 8));
    assert_int_equal(rt.cpu.x[2], m(0xf8, 8));

    reset();
    run1(0x68c10820);                                   /* ldpsw x0, x2, [x1], #8 */
    assert_int_equal(rt.cpu.x[0], (uint64_t)(int64_t)(int32_t)m(0x100, 4));
    assert_int_equal(rt.cpu.x[2], (uint64_t)(int64_t)(int32_t)m(0x104, 4));
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x108);

    reset();
    rt.cpu.x[2] = 0x1111111122222222ull;
    rt.cpu.x[3] = 0x3333333344444444ull;
    run1(0x29bf0c22);                                   /* stp w2, w3, [x1, #-8]! */
    assert_int_equal(m(0xf8, 8), 0x4444444422222222ull);
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0xf8);
}

static void test_literal_and_prefetch(void **state)
{
    static const uint32_t w[2] = {
        0x58000020,     /* ldr x0, .+4 */
        0xf9800020,     /* prfm pldl1keep, [x1] */
    };
    reset();
    run_words(w, 2);
    assert_int_equal(rt.cpu.x[0], 0xf9800020ull | (uint64_t)pat(8) << 32 |
                     (uint64_t)pat(9) << 40 | (uint64_t)pat(10) << 48 |
                     (uint64_t)pat(11) << 56);
    assert_int_equal(count_ops(IR_LD), 1);
}

static void test_unallocated(void **state)
{
    reset();
    run1(0xb9c00000);                                   /* ldrsw w0 form: unallocated */
    assert_int_equal(count_ops(IR_LD), 0);
    assert_true(count_ops(IR_EXIT_TB) >= 1);
    assert_int_equal(rt.cpu.common.exception, TERN_EXCP_UDEF);
}

/* ---- FP/SIMD registers ---------------------------------------------------------- */

static void test_fp_loads_stores(void **state)
{
    reset();
    rt.cpu.v[0][1] = 0x5555;
    run1(0x3d400420);                                   /* ldr b0, [x1, #1] */
    assert_int_equal(rt.cpu.v[0][0], pat(0x101));
    assert_int_equal(rt.cpu.v[0][1], 0);

    reset();
    run1(0x3dc00820);                                   /* ldr q0, [x1, #32] */
    assert_int_equal(rt.cpu.v[0][0], m(0x120, 8));
    assert_int_equal(rt.cpu.v[0][1], m(0x128, 8));

    reset();
    rt.cpu.v[0][0] = 0x0123456789abcdefull;
    rt.cpu.v[0][1] = 0xfedcba9876543210ull;
    run1(0x3c9e0020);                                   /* stur q0, [x1, #-32] */
    assert_int_equal(m(0xe0, 8), 0x0123456789abcdefull);
    assert_int_equal(m(0xe8, 8), 0xfedcba9876543210ull);
}

static void test_structures(void **state)
{
    reset();
    run1(0x4cdfa020);                                   /* ld1 {v0.16b, v1.16b}, [x1], #32 */
    assert_int_equal(rt.cpu.v[0][0], m(0x100, 8));
    assert_int_equal(rt.cpu.v[1][1], m(0x118, 8));
    assert_int_equal(rt.cpu.x[1], RUN_BASE + 0x120);

    reset();
    run1(0x4c408420);                                   /* ld2 {v0.8h, v1.8h}, [x1] */
    for (unsigned i = 0; i < 8; i++) {
        assert_int_equal((rt.cpu.v[0][i / 4] >> (16 * (i % 4))) & 0xffff, m(0x100 + 4 * i, 2));
        assert_int_equal((rt.cpu.v[1][i / 4] >> (16 * (i % 4))) & 0xffff, m(0x102 + 4 * i, 2));
    }

    reset();
    run1(0x4d40c820);                                   /* ld1r {v0.4s}, [x1] */
    uint64_t w = m(0x100, 4);
    assert_int_equal(rt.cpu.v[0][0], w | w << 32);
    assert_int_equal(rt.cpu.v[0][1], w | w << 32);
}

/* ---- Exclusives, ordered, atomics --------------------------------------------------- */

static void test_exclusive_pair_of_insns(void **state)
{
    static const uint32_t w[2] = {
        0xc85f7c20,     /* ldxr x0, [x1] */
        0xc8037c22,     /* stxr w3, x2, [x1] */
    };
    reset();
    rt.cpu.x[2] = 0x1122334455667788ull;
    rt.cpu.x[3] = 77;
    uint64_t old = m(0x100, 8);
    run_words(w, 2);
    assert_int_equal(rt.cpu.x[0], old);
    assert_int_equal(rt.cpu.x[3], 0);
    assert_int_equal(m(0x100, 8), 0x1122334455667788ull);
    assert_int_equal(rt.cpu.excl_addr, UINT64_MAX);
    assert_int_equal(count_ops(IR_CMPXCHG), 1);

    /* Without a matching LDXR the store fails and memory is unchanged. */
    reset();
    rt.cpu.x[2] = 1;
    run1(0xc8037c22);
    assert_int_equal(rt.cpu.x[3], 1);
    assert_int_equal(m(0x100, 8), old);

    /* A changed value between LDXR and STXR makes it fail too. */
    reset();
    run1(0xc85f7c20);
    rt.mem[0x100] ^= 1;
    run1(0xc8037c22);
    assert_int_equal(rt.cpu.x[3], 1);
}

static void test_exclusive_words(void **state)
{
    static const uint32_t w[2] = {
        0x885f7c20,     /* ldxr w0, [x1] */
        0x88037c22,     /* stxr w3, w2, [x1] */
    };
    reset();
    rt.cpu.x[2] = 0xffffffff00000042ull;
    uint64_t old = m(0x100, 4);
    run_words(w, 2);
    assert_int_equal(rt.cpu.x[0], old);
    assert_int_equal(rt.cpu.x[3], 0);
    assert_int_equal(m(0x100, 8), (m(0x104, 4) << 32) | 0x42);
}

static void test_exclusive_pair128(void **state)
{
    reset();
    run1(0xc87f8820);                                   /* ldaxp x0, x2, [x1] */
    assert_int_equal(rt.cpu.x[0], m(0x100, 8));
    assert_int_equal(rt.cpu.x[2], m(0x108, 8));
    assert_int_equal(count_ops(IR_MB), 1);
    rt.cpu.x[0] = 0xaaaa;
    rt.cpu.x[2] = 0xbbbb;
    run1(0xc8238022);                                   /* stlxp w3, x2, x0, [x1] */
    assert_int_equal(rt.cpu.x[3], 0);
    assert_int_equal(m(0x100, 8), 0xbbbb);
    assert_int_equal(m(0x108, 8), 0xaaaa);

    /* The high doubleword changed: fails, and the low one is put back. */
    reset();
    run1(0xc87f8820);
    rt.mem[0x10f] ^= 0x80;
    uint64_t lo = m(0x100, 8);
    run1(0xc8238022);
    assert_int_equal(rt.cpu.x[3], 1);
    assert_int_equal(m(0x100, 8), lo);
}

static void test_ordered(void **state)
{
    reset();
    run1(0xc8dffc20);                                   /* ldar x0, [x1] */
    assert_int_equal(rt.cpu.x[0], m(0x100, 8));
    assert_int_equal(count_ops(IR_MB), 1);
    assert_true(f->ops[f->nops - 1].opc != IR_MB);

    reset();
    rt.cpu.x[2] = 99;
    run1(0xc89ffc22);                                   /* stlr x2, [x1] */
    assert_int_equal(m(0x100, 8), 99);
    assert_int_equal(count_ops(IR_MB), 1);

    /* Unaligned: the explicit check leaves the TB with an alignment data
     * abort at the instruction, before the access. */
    reset();
    rt.cpu.x[1] += 4;
    assert_int_equal(run1(0xc8dffc20), IR_EXIT_PLAIN);
    assert_int_equal(rt.cpu.common.exception, TERN_EXCP_DATA_ABORT);
    assert_int_equal(rt.cpu.common.syndrome, A64_SYNDROME_ALIGN);
    assert_int_equal(rt.cpu.common.fault_addr, rt.cpu.x[1]);
}

static void test_lse(void **state)
{
    reset();
    rt.cpu.x[0] = m(0x100, 8);
    rt.cpu.x[2] = 5;
    uint64_t old = rt.cpu.x[0];
    run1(0xc8a07c22);                                   /* cas x0, x2, [x1] */
    assert_int_equal(rt.cpu.x[0], old);
    assert_int_equal(m(0x100, 8), 5);

    reset();
    rt.cpu.x[2] = 1000;
    old = m(0x100, 8);
    run1(0xf8220020);                                   /* ldadd x2, x0, [x1] */
    assert_int_equal(rt.cpu.x[0], old);
    assert_int_equal(m(0x100, 8), old + 1000);

    reset();
    rt.cpu.x[2] = 0x80000000u;
    old = m(0x100, 4);
    run1(0xb8226020);                                   /* ldumax w2, w0, [x1] */
    assert_int_equal(rt.cpu.x[0], old);
    assert_int_equal(m(0x100, 4), old > 0x80000000u ? old : 0x80000000u);
}

/* ---- AdvSIMD ---------------------------------------------------------------------- */

static uint8_t byte_of(const uint64_t *v, unsigned i) { return (uint8_t)(v[i / 8] >> (8 * (i % 8))); }

static void test_simd(void **state)
{
    reset();
    rt.cpu.v[1][0] = 0x0011223344556677ull;
    rt.cpu.v[1][1] = 0x8899aabbccddeeffull;
    rt.cpu.v[2][0] = 0x0011003344006600ull;
    rt.cpu.v[2][1] = 0x8899aabbccddee00ull;
    run1(0x6e228c20);                                   /* cmeq v0.16b, v1.16b, v2.16b */
    for (unsigned i = 0; i < 16; i++)
        assert_int_equal(byte_of(rt.cpu.v[0], i),
                         byte_of(rt.cpu.v[1], i) == byte_of(rt.cpu.v[2], i) ? 0xff : 0);

    run1(0x6e22a420);                                   /* umaxp v0.16b, v1.16b, v2.16b */
    for (unsigned i = 0; i < 16; i++) {
        const uint64_t *src = i < 8 ? rt.cpu.v[1] : rt.cpu.v[2];
        uint8_t a = byte_of(src, 2 * (i % 8)), b = byte_of(src, 2 * (i % 8) + 1);
        assert_int_equal(byte_of(rt.cpu.v[0], i), a > b ? a : b);
    }
    assert_int_equal(count_ops(IR_VEC), 1);         /* one host-SIMD op, no helper */
    assert_int_equal(count_ops(IR_CALL), 0);

    rt.cpu.x[2] = 0x1234abcd;
    run1(0x4e020c40);                                   /* dup v0.8h, w2 */
    assert_int_equal(rt.cpu.v[0][0], 0xabcdabcdabcdabcdull);
    assert_int_equal(rt.cpu.v[0][1], 0xabcdabcdabcdabcdull);

    run1(0x4e183c20);                                   /* mov x0, v1.d[1] */
    assert_int_equal(rt.cpu.x[0], 0x8899aabbccddeeffull);
}

/* ---- Scalar floating point --------------------------------------------------------- */

static uint64_t dbits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static void test_fp(void **state)
{
    reset();
    rt.cpu.v[1][0] = dbits(1.5);
    rt.cpu.v[2][0] = dbits(-0.25);
    rt.cpu.v[0][1] = 7;
    run1(0x1e622820);                                   /* fadd d0, d1, d2 */
    assert_int_equal(rt.cpu.v[0][0], dbits(1.25));
    assert_int_equal(rt.cpu.v[0][1], 0);

    run1(0x1e622020);                                   /* fcmp d1, d2 */
    assert_int_equal(a64_get_nzcv(&rt.cpu), 0x20000000u);  /* greater: C */

    rt.cpu.v[2][0] = 0x7ff8000000000001ull;             /* quiet NaN */
    run1(0x1e622020);
    assert_int_equal(a64_get_nzcv(&rt.cpu), 0x30000000u);  /* unordered: CV */

    rt.cpu.x[2] = (uint64_t)-3;
    run1(0x9e620040);                                   /* scvtf d0, x2 */
    assert_int_equal(rt.cpu.v[0][0], dbits(-3.0));

    rt.cpu.v[1][0] = dbits(-1e30);
    rt.cpu.fpsr = 0;
    run1(0x9e780020);                                   /* fcvtzs x0, d1: saturates */
    assert_int_equal(rt.cpu.x[0], (uint64_t)INT64_MIN);
    assert_int_equal(rt.cpu.fpsr & 1, 1);               /* IOC */

    rt.cpu.v[1][0] = 0x3f800000;                        /* 1.0f */
    rt.cpu.v[2][0] = 0;                                 /* 0.0f */
    run1(0x1e221820);                                   /* fdiv s0, s1, s2 */
    assert_int_equal(rt.cpu.v[0][0], 0x7f800000);       /* +inf */
    assert_int_equal(rt.cpu.fpsr & 2, 2);               /* DZC */

    rt.cpu.v[1][0] = 0;                                 /* 0 * inf + qNaN: default NaN */
    rt.cpu.v[2][0] = dbits(INFINITY);
    rt.cpu.v[3][0] = 0xfff8000000000123ull;
    run1(0x1f420c20);                                   /* fmadd d0, d1, d2, d3 */
    assert_int_equal(rt.cpu.v[0][0], 0x7ff8000000000000ull);
}

/* ---- AdvSIMD: saturating, rounding, by element, dot product, FP vector --------------- */

#define FPSR_QC (1ull << 27)

static void set_v(unsigned r, uint64_t lo, uint64_t hi)
{
    rt.cpu.v[r][0] = lo;
    rt.cpu.v[r][1] = hi;
}

/* Saturation clamps per lane and sets FPSR.QC. */
static void test_simd_saturating(void **state)
{
    reset();
    set_v(1, 0x7f7f7f7f7f7f7f7full, 0x8080808080808080ull);
    set_v(2, 0x0101010101010101ull, 0xffffffffffffffffull);
    run1(0x4e220c20);                                   /* sqadd v0.16b, v1.16b, v2.16b */
    assert_int_equal(rt.cpu.v[0][0], 0x7f7f7f7f7f7f7f7full);
    assert_int_equal(rt.cpu.v[0][1], 0x8080808080808080ull);
    assert_int_equal(rt.cpu.fpsr & FPSR_QC, FPSR_QC);

    rt.cpu.fpsr = 0;
    set_v(1, 0x0005000500050005ull, 0);
    set_v(2, 0x0006000400060004ull, 0);
    run1(0x6e622c20);                                   /* uqsub v0.8h, v1.8h, v2.8h */
    assert_int_equal(rt.cpu.v[0][0], 0x0000000100000001ull);
    assert_int_equal(rt.cpu.fpsr & FPSR_QC, FPSR_QC);

    rt.cpu.fpsr = 0;
    set_v(1, 0x8000800040000001ull, 0);
    set_v(2, 0x8000000140004000ull, 0);
    run1(0x0e62b420);                                   /* sqdmulh v0.4h, v1.4h, v2.4h */
    assert_int_equal(rt.cpu.v[0][0], 0x7fffffff20000000ull);  /* min * min saturates */
    assert_int_equal(rt.cpu.v[0][1], 0);
    assert_int_equal(rt.cpu.fpsr & FPSR_QC, FPSR_QC);

    rt.cpu.fpsr = 0;
    set_v(1, 0x00000000000000c8ull, 0);                 /* h = 200 fits in a byte */
    set_v(0, 1, 2);
    run1(0x7e212820);                                   /* sqxtun b0, h1 */
    assert_int_equal(rt.cpu.v[0][0], 0xc8);
    assert_int_equal(rt.cpu.v[0][1], 0);
    assert_int_equal(rt.cpu.fpsr & FPSR_QC, 0);
}

/* Rounding shifts: ties round up; narrowing saturates. */
static void test_simd_rounding(void **state)
{
    reset();
    set_v(1, 0x7fff0008fff80017ull, 0x800008000007fff7ull);
    run1(0x0f0c9c20);                                   /* sqrshrn v0.8b, v1.8h, #4 */
    assert_int_equal(rt.cpu.v[0][0], 0x807f00ff7f010001ull);
    assert_int_equal(rt.cpu.v[0][1], 0);
    assert_int_equal(rt.cpu.fpsr & FPSR_QC, FPSR_QC);

    set_v(1, (uint64_t)-7, 5);
    set_v(2, 0xff, 0);                                  /* shift by -1 */
    run1(0x5ee25420);                                   /* srshl d0, d1, d2 */
    assert_int_equal(rt.cpu.v[0][0], (uint64_t)-3);     /* (-7 + 1) >> 1 */
    assert_int_equal(rt.cpu.v[0][1], 0);

    set_v(1, 0x00ff10f0800a0003ull, 0x00000000000000ffull);
    set_v(2, 0xff0010ff7f050100ull, 0x00000000000000feull);
    run1(0x6e227420);                                   /* uabd v0.16b, v1.16b, v2.16b */
    assert_int_equal(rt.cpu.v[0][0], 0xffff000f01050103ull);
    assert_int_equal(rt.cpu.v[0][1], 0x0000000000000001ull);
}

static void test_simd_by_element(void **state)
{
    reset();
    set_v(1, 0x0004000300020001ull, 0x0008000700060005ull);
    set_v(2, 0x0003000000000000ull, 0);                 /* h[3] = 3 */
    run1(0x4f728020);                                   /* mul v0.8h, v1.8h, v2.h[3] */
    assert_int_equal(rt.cpu.v[0][0], 0x000c000900060003ull);
    assert_int_equal(rt.cpu.v[0][1], 0x001800150012000full);

    set_v(0, 0, 0);
    set_v(1, ~0ull, ~0ull);                             /* bytes -1 */
    set_v(2, 0x0807060504030201ull, 0x100f0e0d0c0b0a09ull);
    run1(0x4e829420);                                   /* sdot v0.4s, v1.16b, v2.16b */
    assert_int_equal(rt.cpu.v[0][0], (uint64_t)(uint32_t)-26 << 32 | (uint32_t)-10);
    assert_int_equal(rt.cpu.v[0][1], (uint64_t)(uint32_t)-58 << 32 | (uint32_t)-42);

    set_v(0, dbits(1.0), dbits(2.0));
    set_v(1, dbits(3.0), dbits(4.0));
    set_v(2, 0, dbits(0.5));
    run1(0x4fc21820);                                   /* fmla v0.2d, v1.2d, v2.d[1] */
    assert_int_equal(rt.cpu.v[0][0], dbits(2.5));
    assert_int_equal(rt.cpu.v[0][1], dbits(4.0));
}

/* Arm-specific FP vector results: FMULX of inf * 0, round to odd, the
 * 8-bit reciprocal estimate, FMAXNMV ignoring a quiet NaN. */
static void test_simd_fp_vector(void **state)
{
    reset();
    set_v(1, dbits(INFINITY), dbits(-0.0));
    set_v(2, dbits(0.0), dbits(INFINITY));
    run1(0x4e62dc20);                                   /* fmulx v0.2d, v1.2d, v2.2d */
    assert_int_equal(rt.cpu.v[0][0], dbits(2.0));
    assert_int_equal(rt.cpu.v[0][1], dbits(-2.0));

    rt.cpu.fpsr = 0;
    set_v(1, dbits(1.0 + 0x1p-30), 0);
    run1(0x7e616820);                                   /* fcvtxn s0, d1 */
    assert_int_equal(rt.cpu.v[0][0], 0x3f800001);
    assert_int_equal(rt.cpu.fpsr & 16, 16);             /* IXC */

    set_v(1, dbits(2.0), 0);
    run1(0x5ee1d820);                                   /* frecpe d0, d1 */
    assert_int_equal(rt.cpu.v[0][0], 0x3fdff00000000000ull);

    set_v(1, 0x7fc000003f800000ull, 0x40200000c0400000ull);  /* 1, qNaN, -3, 2.5 */
    run1(0x6e30c820);                                   /* fmaxnmv s0, v1.4s */
    assert_int_equal(rt.cpu.v[0][0], 0x40200000);

    rt.cpu.fpsr = 0;
    set_v(1, 0xffc00000bf800000ull, 0x8000000000000001ull);
    run1(0x4ea0f820);                                   /* fabs v0.4s, v1.4s */
    assert_int_equal(rt.cpu.v[0][0], 0x7fc000003f800000ull);
    assert_int_equal(rt.cpu.v[0][1], 0x0000000000000001ull);
    assert_int_equal(rt.cpu.fpsr, 0);
}

static void test_simd_unallocated(void **state)
{
    reset();
    run1(0x4e22b420);                                   /* sqdmulh with size 0 */
    assert_int_equal(count_ops(IR_CALL), 0);
    assert_int_equal(rt.cpu.common.exception, TERN_EXCP_UDEF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_forms),
        cmocka_unit_test(test_writeback),
        cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_literal_and_prefetch),
        cmocka_unit_test(test_unallocated),
        cmocka_unit_test(test_fp_loads_stores),
        cmocka_unit_test(test_structures),
        cmocka_unit_test(test_exclusive_pair_of_insns),
        cmocka_unit_test(test_exclusive_words),
        cmocka_unit_test(test_exclusive_pair128),
        cmocka_unit_test(test_ordered),
        cmocka_unit_test(test_lse),
        cmocka_unit_test(test_simd),
        cmocka_unit_test(test_fp),
        cmocka_unit_test(test_simd_saturating),
        cmocka_unit_test(test_simd_rounding),
        cmocka_unit_test(test_simd_by_element),
        cmocka_unit_test(test_simd_fp_vector),
        cmocka_unit_test(test_simd_unallocated),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
