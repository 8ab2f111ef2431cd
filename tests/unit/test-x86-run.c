/* tests/unit/test-x86-run.c — the x86-64 backend, end to end.
 *
 * Small IrFuncs built by hand are emitted into an mmap'ed code buffer and
 * run through enter() against a fake env (globals) and a guest memory block.
 * Pure ops are checked against the hand-written case table shared with the
 * interpreter's tests, and against ir_eval() on edge values, in shapes that
 * exercise the register allocator: globals, constants in either position,
 * dying block temps, in-place updates and the same temp twice.  Then
 * control flow, every condition, memory ops in each guest-base mode, helper
 * calls with 0..6 args, register pressure, TB exits, chaining (GOTO_TB
 * patching), LOOKUP_AND_GOTO and the state at a faulting guest load.
 * Everything runs twice: without pinned globals, and with g1, w0, g0, g3,
 * g7 ranked hot in that order, so that the x86 backend keeps g1, g0 and g3
 * in host registers across TBs (w0 is i32, g7 beyond the pins, and w0's
 * unused pin register stays allocatable).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <capstone/capstone.h>
#include <cmocka.h>

#include "backend/backend.h"
#include "backend/x86_64/x86-internal.h"
#include "ir/ir.h"
#include "tests/unit/test-interp-cases.h"

/* ---- Harness ---------------------------------------------------------------- */

/* A jump cache laid out unlike exec's (the backend must follow the
 * offsets BackendLookup gives, nothing else). */
typedef struct TestJmpEntry {
    uint32_t flags;
    uint32_t pad;
    uintptr_t code;
    uint64_t pc;
    uint64_t unused;
} TestJmpEntry;

#define TEST_JC_BITS 4

typedef struct TestEnv {
    uint64_t g[8];
    uint32_t w[4];
    uint64_t plain[4];          /* LD_ENV/ST_ENV, not globals */
    uint64_t next;              /* lookup() result */
    unsigned lookup_calls;
    uint32_t tb_flags;
    TestJmpEntry *jc;           /* 1 << TEST_JC_BITS entries */
} TestEnv;

enum { NG = 8, NW = 4 };
#define COOKIE 0x10000u
#define CODE_SIZE (1u << 20)

/* The code buffer is mapped twice (as the exec layer does): written
 * through code, run at rx. */
typedef struct Fixture {
    uint8_t *code;
    uint8_t *rx;
    size_t used;                /* prologue + TBs emitted so far */
    void *be;
    IrFunc *f;
    IrTemp g[NG], w[NW];
} Fixture;

static Fixture fx;
static bool rank_hot;           /* the second run: pinned globals */
static uint8_t *gmem;           /* 64 KiB guest memory */

static uintptr_t test_lookup(void *env)
{
    TestEnv *e = env;
    e->lookup_calls++;
    return (uintptr_t)e->next;
}

/* g[0] is the guest pc the probe reads. */
static const BackendLookup test_lookup_cfg = {
    .fn = test_lookup,
    .inline_cache = true,
    .pc_off = offsetof(TestEnv, g[0]),
    .flags_off = offsetof(TestEnv, tb_flags),
    .cache_off = offsetof(TestEnv, jc),
    .cache_bits = TEST_JC_BITS,
    .entry_shift = 5,
    .entry_pc_off = offsetof(TestJmpEntry, pc),
    .entry_flags_off = offsetof(TestJmpEntry, flags),
    .entry_code_off = offsetof(TestJmpEntry, code),
};

static void fixture_open(uintptr_t guest_base, unsigned addr_bits)
{
    int fd = memfd_create("tern-test-code", 0);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CODE_SIZE), 0);
    fx.code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    fx.rx = mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    assert_true(fx.code != MAP_FAILED && fx.rx != MAP_FAILED);
    BackendMem mem = { guest_base, addr_bits };
    BackendCode code = { fx.code, (uintptr_t)fx.rx, CODE_SIZE };
    fx.be = backend_x86_64.create(&mem, &test_lookup_cfg, code, &fx.used);
    assert_non_null(fx.be);
    fx.f = ir_func_new();
    static const char *gn[NG] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char *wn[NW] = { "w0", "w1", "w2", "w3" };
    for (int i = 0; i < NG; i++)
        fx.g[i] = ir_global_new(fx.f, IR_I64, (int32_t)offsetof(TestEnv, g[i]), gn[i]);
    for (int i = 0; i < NW; i++)
        fx.w[i] = ir_global_new(fx.f, IR_I32, (int32_t)offsetof(TestEnv, w[i]), wn[i]);
    if (rank_hot) {
        IrTemp hot[] = { fx.g[1], fx.w[0], fx.g[0], fx.g[3], fx.g[7] };
        for (int i = 0; i < 5; i++)
            fx.f->temps[hot[i]].hot = (uint8_t)(i + 1);
    }
}

static void fixture_close(void)
{
    backend_x86_64.destroy(fx.be);
    ir_func_free(fx.f);
    munmap(fx.code, CODE_SIZE);
    munmap(fx.rx, CODE_SIZE);
}

static int setup_reg_base(void **state)
{
    fixture_open((uintptr_t)gmem, 32);
    return 0;
}

static int setup_pinned(void **state)
{
    rank_hot = true;
    return setup_reg_base(state);
}

static int teardown(void **state)
{
    fixture_close();
    return 0;
}

/* Emits fx.f as a new TB; returns its code address. */
static uintptr_t emit(BackendTbOut *out)
{
    static uint32_t insn_end[64];
    BackendTbOut local;
    if (!out)
        out = &local;
    memset(out, 0, sizeof(*out));
    out->insn_end = insn_end;
    if (fx.used > CODE_SIZE / 2)
        fx.used = 4096;          /* old TBs are not needed again */
    BackendCode code = { fx.code + fx.used, (uintptr_t)fx.rx + fx.used, CODE_SIZE - fx.used };
    ir_liveness(fx.f);
    assert_true(backend_x86_64.emit_tb(fx.be, fx.f, COOKIE, code, out));
    uintptr_t tb = code.rx;
    fx.used += (out->code_size + 15) & ~(size_t)15;
    return tb;
}

static uintptr_t run(uintptr_t tb, TestEnv *env)
{
    return backend_x86_64.enter(fx.be, env, tb);
}

/* Emits and runs fx.f; checks it left through EXIT_TB(PLAIN). */
static void emit_run(TestEnv *env)
{
    assert_int_equal(run(emit(NULL), env), COOKIE | IR_EXIT_PLAIN);
}

static void begin(void) { ir_func_reset(fx.f); }
static void end_plain(void) { ir_gen_exit_tb(fx.f, IR_EXIT_PLAIN); }

static IrTemp gl(IrType t, int i) { return t == IR_I64 ? fx.g[i] : fx.w[i]; }
static void env_set(TestEnv *e, IrType t, int i, uint64_t v)
{
    if (t == IR_I64)
        e->g[i] = v;
    else
        e->w[i] = (uint32_t)v;
}
static uint64_t env_get(const TestEnv *e, IrType t, int i)
{
    return t == IR_I64 ? e->g[i] : e->w[i];
}
static uint64_t trunc_t(IrType t, uint64_t v) { return t == IR_I64 ? v : (uint32_t)v; }

static const uint64_t edge64[] = {
    0, 1, 2, 3, 7, 31, 32, 63, 64, 0xff, 0x8000, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ull, 0x123456789abcdef0ull, 0x8000000000000000ull,
    0x7fffffffffffffffull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0xffffffff80000000ull, 0x00000000fffffffeull,
};
#define NEDGE (sizeof(edge64) / sizeof(edge64[0]))

/* ---- Binary ops against ir_eval ------------------------------------------- */

typedef enum Shape { SH_GLOBALS, SH_CONST_B, SH_CONST_A, SH_BLOCK, SH_INPLACE, SH_SAME, SH_ZEXT, NSHAPES } Shape;

static void build_binop(IrOpcode opc, IrType t, Shape s, uint64_t a, uint64_t b)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp g0 = gl(t, 0), g1 = gl(t, 1), g2 = gl(t, 2);
    switch (s) {
    case SH_GLOBALS:  ir_gen_binop(f, opc, g2, g0, g1); break;
    case SH_CONST_B:  ir_gen_binop(f, opc, g2, g0, ir_const(f, t, b)); break;
    case SH_CONST_A:  ir_gen_binop(f, opc, g2, ir_const(f, t, a), g1); break;
    case SH_INPLACE:  ir_gen_binop(f, opc, g0, g0, g1); break;
    case SH_SAME:     ir_gen_binop(f, opc, g2, g0, g0); break;
    case SH_BLOCK:
    case SH_ZEXT: {
        IrTemp t0 = ir_new_temp(f, t), t1 = ir_new_temp(f, t), t2 = ir_new_temp(f, t);
        ir_gen_mov(f, t0, g0);
        ir_gen_mov(f, t1, g1);
        ir_gen_binop(f, opc, t2, t0, t1);
        if (s == SH_ZEXT)
            ir_gen_unop(f, IR_EXTU_I32, fx.g[3], t2);
        else
            ir_gen_mov(f, g2, t2);
        break;
    }
    case NSHAPES:
        break;
    }
    end_plain();
}

static void check_binop_shape(IrOpcode opc, IrType t, Shape s, uint64_t a, uint64_t b)
{
    uint64_t in[2] = { a, s == SH_SAME ? a : b }, want;
    if (!ir_eval(opc, t, in, NULL, &want))
        return;
    build_binop(opc, t, s, a, in[1]);
    TestEnv env = { 0 };
    env_set(&env, t, 0, a);
    env_set(&env, t, 1, b);
    emit_run(&env);
    uint64_t got = s == SH_INPLACE ? env_get(&env, t, 0)
                 : s == SH_ZEXT ? env.g[3] : env_get(&env, t, 2);
    if (got != want)
        fail_msg("%s_i%d shape %d: %#llx, %#llx -> %#llx, want %#llx", ir_op_info[opc].name,
                 t == IR_I64 ? 64 : 32, s, (unsigned long long)a, (unsigned long long)b,
                 (unsigned long long)got, (unsigned long long)want);
    if (s != SH_INPLACE)
        assert_int_equal(env_get(&env, t, 0), trunc_t(t, a));   /* input intact */
}

static void check_binop(IrOpcode opc)
{
    for (int ti = 0; ti < 2; ti++) {
        IrType t = ti ? IR_I64 : IR_I32;
        for (unsigned i = 0; i < NEDGE; i++)
            for (unsigned j = 0; j < NEDGE; j++)
                for (int s = 0; s < NSHAPES; s++) {
                    if (s == SH_ZEXT && t == IR_I64)
                        continue;
                    check_binop_shape(opc, t, (Shape)s, trunc_t(t, edge64[i]), trunc_t(t, edge64[j]));
                }
    }
}

/* With the CPU's features (BMI1 andn for ANDC if present) and without. */
static void test_arith(void **state)
{
    static const IrOpcode ops[] = { IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR,
                                    IR_ANDC, IR_ORC, IR_EQV };
    X86Backend *be = fx.be;
    uint32_t saved = be->features;
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
            check_binop(ops[i]);
        be->features &= ~(uint32_t)X86_FEAT_BMI1;
    }
    be->features = saved;
}

static void test_mulh_div(void **state)
{
    static const IrOpcode ops[] = { IR_MULSH, IR_MULUH, IR_DIVS, IR_DIVU };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        check_binop(ops[i]);
}

/* With the CPU's features (BMI2 shlx/shrx/sarx if present) and with the
 * shift-by-cl fallback. */
static void test_shifts(void **state)
{
    static const IrOpcode ops[] = { IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
    X86Backend *be = fx.be;
    uint32_t saved = be->features;
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
            check_binop(ops[i]);      /* ir_eval refuses counts >= width */
        be->features &= ~(uint32_t)X86_FEAT_BMI2;
    }
    be->features = saved;
}

/* ---- Unary ops --------------------------------------------------------------- */

static void check_unop(IrOpcode opc, IrType t, IrType src_t, uint64_t a, const uint64_t *carg,
                       unsigned nin2, uint64_t b)
{
    uint64_t in[2] = { a, b }, want;
    if (!ir_eval(opc, t, in, carg, &want))
        return;
    for (int shape = 0; shape < 3; shape++) {
        IrFunc *f = fx.f;
        begin();
        IrTemp src = gl(src_t, 0), d = gl(t, 2);
        if (shape == 1) {                  /* dying block temp source */
            src = ir_new_temp(f, src_t);
            ir_gen_mov(f, src, gl(src_t, 0));
        }
        if (shape == 2 && t == src_t)      /* in place */
            d = src;
        IrOp *op = ir_emit(f, opc, t);
        unsigned k = 0;
        op->args[k++] = d;
        op->args[k++] = src;
        if (nin2)
            op->args[k++] = gl(t, 1);
        for (unsigned c = 0; c < op->ncarg; c++)
            op->args[k++] = carg[c];
        end_plain();
        TestEnv env = { 0 };
        env_set(&env, src_t, 0, a);
        if (nin2)
            env_set(&env, t, 1, b);
        emit_run(&env);
        uint64_t got = env_get(&env, t, d == src && src_t == t && shape == 2 ? 0 : 2);
        if (got != want)
            fail_msg("%s_i%d shape %d (%u,%u): %#llx -> %#llx, want %#llx", ir_op_info[opc].name,
                     t == IR_I64 ? 64 : 32, shape, carg ? (unsigned)carg[0] : 0,
                     carg ? (unsigned)carg[1] : 0, (unsigned long long)a,
                     (unsigned long long)got, (unsigned long long)want);
    }
}

static void check_unops(const IrOpcode *ops, unsigned n, bool only64)
{
    for (unsigned i = 0; i < n; i++)
        for (int ti = only64; ti < 2; ti++) {
            IrType t = ti ? IR_I64 : IR_I32;
            for (unsigned v = 0; v < NEDGE; v++)
                check_unop(ops[i], t, t, trunc_t(t, edge64[v]), NULL, 0, 0);
        }
}

static void test_unary(void **state)
{
    static const IrOpcode ops[] = { IR_MOV, IR_NEG, IR_NOT, IR_EXT8S, IR_EXT8U, IR_EXT16S,
                                    IR_EXT16U, IR_BSWAP };
    check_unops(ops, sizeof(ops) / sizeof(ops[0]), false);
    static const IrOpcode ops64[] = { IR_EXT32S, IR_EXT32U };
    check_unops(ops64, 2, true);
    for (unsigned v = 0; v < NEDGE; v++) {
        check_unop(IR_EXTU_I32, IR_I64, IR_I32, (uint32_t)edge64[v], NULL, 0, 0);
        check_unop(IR_EXTS_I32, IR_I64, IR_I32, (uint32_t)edge64[v], NULL, 0, 0);
        check_unop(IR_TRUNC_I64, IR_I32, IR_I64, edge64[v], NULL, 0, 0);
    }
}

/* CLZ/CTZ/CTPOP with the CPU's instructions and with the fallbacks. */
static void test_count(void **state)
{
    static const IrOpcode ops[] = { IR_CLZ, IR_CTZ, IR_CTPOP };
    X86Backend *be = fx.be;
    uint32_t saved = be->features;
    check_unops(ops, 3, false);
    be->features = 0;
    check_unops(ops, 3, false);
    be->features = X86_FEAT_LZCNT | X86_FEAT_BMI1 | X86_FEAT_POPCNT;
    if ((saved & be->features) == be->features)
        check_unops(ops, 3, false);
    be->features = saved;
}

static void test_bitfields(void **state)
{
    for (int ti = 0; ti < 2; ti++) {
        IrType t = ti ? IR_I64 : IR_I32;
        unsigned w = ti ? 64 : 32;
        for (unsigned pos = 0; pos < w; pos += (pos < 9 || pos > w - 10) ? 1 : 7)
            for (unsigned len = 1; pos + len <= w; len += (len < 9 || len > w - 10) ? 1 : 5) {
                uint64_t carg[2] = { pos, len };
                for (unsigned v = 0; v < NEDGE; v += 3) {
                    uint64_t a = trunc_t(t, edge64[v]), b = trunc_t(t, edge64[(v * 7 + 5) % NEDGE]);
                    check_unop(IR_EXTRACT, t, t, a, carg, 0, 0);
                    check_unop(IR_SEXTRACT, t, t, a, carg, 0, 0);
                    check_unop(IR_DEPOSIT, t, t, a, carg, 1, b);
                }
            }
    }
}

/* DEPOSIT with a constant field value (folded into and/or immediates). */
static void test_deposit_const(void **state)
{
    static const unsigned cases[][2] = { { 0, 8 }, { 8, 8 }, { 4, 40 }, { 32, 32 }, { 63, 1 }, { 0, 63 } };
    for (unsigned i = 0; i < 6; i++)
        for (unsigned v = 0; v < NEDGE; v += 2) {
            uint64_t carg[2] = { cases[i][0], cases[i][1] };
            uint64_t in[2] = { 0x0123456789abcdefull, edge64[v] }, want;
            assert_true(ir_eval(IR_DEPOSIT, IR_I64, in, carg, &want));
            begin();
            IrOp *op = ir_emit(fx.f, IR_DEPOSIT, IR_I64);
            op->args[0] = fx.g[2];
            op->args[1] = fx.g[0];
            op->args[2] = ir_const(fx.f, IR_I64, edge64[v]);
            op->args[3] = carg[0];
            op->args[4] = carg[1];
            end_plain();
            TestEnv env = { .g = { in[0] } };
            emit_run(&env);
            assert_int_equal(env.g[2], want);
        }
}

/* The hand-written table shared with the interpreter's tests (expected
 * values not computed by any backend), inputs in globals or constants. */
static IrType sig_type(char ch, IrType t) { return ch == '4' ? IR_I32 : ch == '8' ? IR_I64 : t; }

static void run_case(const InterpCase *k, bool consts)
{
    const IrOpInfo *info = &ir_op_info[k->opc];
    IrType ot = sig_type(info->sig[0], k->type);
    begin();
    IrOp *op = ir_emit(fx.f, k->opc, k->type);
    TestEnv env = { 0 };
    op->args[0] = gl(ot, 3);
    for (unsigned i = 0; i < info->nin; i++) {
        IrType it = sig_type(info->sig[1 + i], k->type);
        op->args[1 + i] = consts && i > 0 ? ir_const(fx.f, it, k->in[i]) : gl(it, i);
        env_set(&env, it, (int)i, k->in[i]);
    }
    for (unsigned i = 0; i < info->ncarg; i++)
        op->args[1 + info->nin + i] = k->carg[i];
    end_plain();
    emit_run(&env);
    if (env_get(&env, ot, 3) != k->expect)
        fail_msg("case %s_i%d %#llx, %#llx: %#llx, want %#llx", info->name,
                 k->type == IR_I64 ? 64 : 32, (unsigned long long)k->in[0],
                 (unsigned long long)k->in[1], (unsigned long long)env_get(&env, ot, 3),
                 (unsigned long long)k->expect);
}

static void test_case_table(void **state)
{
    for (size_t i = 0; i < INTERP_NUM_CASES; i++) {
        run_case(&interp_cases[i], false);
        run_case(&interp_cases[i], true);
    }
}

/* ---- Conditions ------------------------------------------------------------- */

static const uint64_t cond_vals[] = {
    0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0x100000000ull,
};
#define NCV (sizeof(cond_vals) / sizeof(cond_vals[0]))

typedef enum CondKind { CK_SETCOND, CK_MOVCOND, CK_BRCOND } CondKind;

/* Builds "g2 = (a cond b)" three ways; const_mask bit 0/1: a/b constant. */
static void build_cond(CondKind k, IrType t, IrCond c, unsigned const_mask, uint64_t a, uint64_t b)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp ta = const_mask & 1 ? ir_const(f, t, a) : gl(t, 0);
    IrTemp tb = const_mask & 2 ? ir_const(f, t, b) : gl(t, 1);
    if (k == CK_SETCOND) {
        ir_gen_setcond(f, c, gl(t, 2), ta, tb);
    } else if (k == CK_MOVCOND) {
        ir_gen_movcond(f, c, gl(t, 2), ta, tb, ir_const(f, t, 1), gl(t, 3));
    } else {
        IrLabel l = ir_new_label(f);
        ir_gen_mov(f, gl(t, 2), ir_const(f, t, 1));
        ir_gen_brcond(f, c, ta, tb, l);
        ir_gen_mov(f, gl(t, 2), ir_const(f, t, 0));
        ir_gen_set_label(f, l);
    }
    end_plain();
}

static void test_conditions(void **state)
{
    for (int k = CK_SETCOND; k <= CK_BRCOND; k++)
        for (int ti = 0; ti < 2; ti++)
            for (int c = 0; c < IR_NUM_CONDS; c++)
                for (unsigned cm = 0; cm < 4; cm++)
                    for (unsigned i = 0; i < NCV; i++)
                        for (unsigned j = 0; j < NCV; j++) {
                            IrType t = ti ? IR_I64 : IR_I32;
                            uint64_t a = trunc_t(t, cond_vals[i]), b = trunc_t(t, cond_vals[j]);
                            build_cond((CondKind)k, t, (IrCond)c, cm, a, b);
                            TestEnv env = { 0 };
                            env_set(&env, t, 0, a);
                            env_set(&env, t, 1, b);
                            emit_run(&env);
                            uint64_t want = ir_cond_eval((IrCond)c, t, a, b);
                            if (env_get(&env, t, 2) != want)
                                fail_msg("kind %d %s_i%d mask %u: %#llx, %#llx -> %llu", k,
                                         ir_cond_name((IrCond)c), ti ? 64 : 32, cm,
                                         (unsigned long long)a, (unsigned long long)b,
                                         (unsigned long long)env_get(&env, t, 2));
                        }
}

/* ld_env + brcond on an immediate: compared in memory (fused). */
static void test_env_brcond(void **state)
{
    static const uint64_t vals[] = { 0, 1, 0x80000000, 0xffffffff, 0xffffffffffffffffull };
    static const uint64_t imms[] = { 0, 1, 0x7fffffff, 0xffffffff, 0xffffffffffffffffull };
    for (int ti = 0; ti < 2; ti++)
        for (int c = 0; c < IR_NUM_CONDS; c++)
            for (unsigned i = 0; i < 5; i++)
                for (unsigned j = 0; j < 5; j++) {
                    IrType t = ti ? IR_I64 : IR_I32;
                    IrFunc *f = fx.f;
                    begin();
                    IrLabel l = ir_new_label(f);
                    IrTemp v = ir_new_temp(f, t);
                    ir_gen_mov(f, fx.g[2], ir_const(f, IR_I64, 1));
                    ir_gen_ld_env(f, v, (int32_t)offsetof(TestEnv, plain[0]), ti ? IR_MO_64 : IR_MO_32);
                    ir_gen_brcond(f, (IrCond)c, v, ir_const(f, t, imms[j]), l);
                    ir_gen_mov(f, fx.g[2], ir_const(f, IR_I64, 0));
                    ir_gen_set_label(f, l);
                    end_plain();
                    TestEnv env = { .plain = { vals[i] } };
                    emit_run(&env);
                    uint64_t want = ir_cond_eval((IrCond)c, t, trunc_t(t, vals[i]), trunc_t(t, imms[j]));
                    if (env.g[2] != want)
                        fail_msg("%s_i%d %#llx, %#llx", ir_cond_name((IrCond)c), ti ? 64 : 32,
                                 (unsigned long long)vals[i], (unsigned long long)imms[j]);
                }
}

/* ---- Control flow, locals, pressure -------------------------------------------- */

/* sum = 0; i = 0; do { i++; sum += i * 3; } while (i < g0); g1 = sum. */
static void test_loop_locals(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp i = ir_new_local(f, IR_I64), sum = ir_new_local(f, IR_I64);
    IrLabel top = ir_new_label(f);
    ir_gen_mov(f, i, ir_const(f, IR_I64, 0));
    ir_gen_mov(f, sum, ir_const(f, IR_I64, 0));
    ir_gen_set_label(f, top);
    ir_gen_binopi(f, IR_ADD, i, i, 1);
    IrTemp t = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_MUL, t, i, 3);
    ir_gen_binop(f, IR_ADD, sum, sum, t);
    ir_gen_binop(f, IR_ADD, fx.g[2], fx.g[2], i);
    ir_gen_brcond(f, IR_COND_LTU, i, fx.g[0], top);
    ir_gen_mov(f, fx.g[1], sum);
    end_plain();
    uintptr_t tb = emit(NULL);
    for (uint64_t n = 1; n < 20; n++) {
        TestEnv env = { .g = { n } };
        assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_PLAIN);
        assert_int_equal(env.g[1], 3 * n * (n + 1) / 2);
        assert_int_equal(env.g[2], n * (n + 1) / 2);
    }
}

/* 60 temps live at once: spills to the frame and reloads. */
static void test_pressure(void **state)
{
    enum { N = 60 };
    IrFunc *f = fx.f;
    begin();
    IrTemp t[N];
    for (int i = 0; i < N; i++) {
        t[i] = ir_new_temp(f, IR_I64);
        ir_gen_binopi(f, IR_MUL, t[i], fx.g[i % 4], (uint64_t)i + 1);
    }
    IrTemp acc = ir_new_temp(f, IR_I64);
    ir_gen_mov(f, acc, ir_const(f, IR_I64, 0));
    for (int i = N - 1; i >= 0; i--) {
        ir_gen_binopi(f, IR_SHL, acc, acc, 1);
        ir_gen_binop(f, IR_XOR, acc, acc, t[i]);
    }
    ir_gen_mov(f, fx.g[5], acc);
    end_plain();
    TestEnv env = { .g = { 3, 0x1234567, 0xdeadbeefcafeull, 77 } };
    uint64_t want = 0;
    for (int i = N - 1; i >= 0; i--)
        want = (want << 1) ^ (env.g[i % 4] * (uint64_t)(i + 1));
    emit_run(&env);
    assert_int_equal(env.g[5], want);
}

/* Many locals spilled across labels and a long chain of block temps, to
 * check the frame's slots are reused rather than exhausted. */
static void test_slot_reuse(void **state)
{
    IrFunc *f = fx.f;
    begin();
    for (int round = 0; round < 400; round++) {
        IrTemp t[20];
        for (int i = 0; i < 20; i++) {
            t[i] = ir_new_temp(f, IR_I64);
            ir_gen_binopi(f, IR_ADD, t[i], fx.g[0], (uint64_t)i);
        }
        for (int i = 0; i < 20; i++)
            ir_gen_binop(f, IR_ADD, fx.g[1], fx.g[1], t[i]);
        IrLabel l = ir_new_label(f);
        ir_gen_set_label(f, l);
    }
    end_plain();
    TestEnv env = { .g = { 5 } };
    emit_run(&env);
    assert_int_equal(env.g[1], 400 * (20 * 5 + 190));
}

/* ---- Helper calls ---------------------------------------------------------------- */

static uint64_t h0(void) { return 0x1111; }
static uint64_t h1(uint64_t a) { return a * 3; }
static uint64_t h2(uint64_t a, uint64_t b) { return a - b; }
static uint64_t h3(uint64_t a, uint64_t b, uint64_t c) { return a * 100 + b * 10 + c; }
static uint64_t h4(uint64_t a, uint64_t b, uint64_t c, uint64_t d) { return a ^ b ^ c ^ (d << 1); }
static uint32_t h5(uint32_t a, uint64_t b, uint32_t c, uint64_t d, uint32_t e)
{
    return a + (uint32_t)b * 2 + c * 3 + (uint32_t)d * 4 + e * 5;
}
static uint64_t h6(void *env, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t g)
{
    TestEnv *te = env;
    return te->g[0] + b + c * 2 + d * 3 + e * 4 + g * 5;   /* reads a global */
}
static void hwrite(void *env, uint64_t v) { ((TestEnv *)env)->g[3] = v; }

static IrHelper H0 = { "h0", (void *)h0, 0, IR_I64, 0, { 0 } };
static IrHelper H1 = { "h1", (void *)h1, 0, IR_I64, 1, { IR_I64 } };
static IrHelper H2 = { "h2", (void *)h2, 0, IR_I64, 2, { IR_I64, IR_I64 } };
static IrHelper H3 = { "h3", (void *)h3, 0, IR_I64, 3, { IR_I64, IR_I64, IR_I64 } };
static IrHelper H4 = { "h4", (void *)h4, 0, IR_I64, 4, { IR_I64, IR_I64, IR_I64, IR_I64 } };
static IrHelper H5 = { "h5", (void *)h5, 0, IR_I32, 5, { IR_I32, IR_I64, IR_I32, IR_I64, IR_I32 } };
static IrHelper H6 = { "h6", (void *)h6, IR_HF_READS_GLOBALS, IR_I64, 6,
                       { IR_I64, IR_I64, IR_I64, IR_I64, IR_I64, IR_I64 } };
static IrHelper HW = { "hwrite", (void *)hwrite, IR_HF_WRITES_GLOBALS | IR_HF_SIDE_EFFECTS,
                       IR_VOID, 2, { IR_I64, IR_I64 } };

static void test_calls(void **state)
{
    IrFunc *f = fx.f;
    begin();
    /* Values live across the calls in caller- and callee-saved registers. */
    IrTemp live[12];
    for (int i = 0; i < 12; i++) {
        live[i] = ir_new_temp(f, IR_I64);
        ir_gen_binopi(f, IR_ADD, live[i], fx.g[1], (uint64_t)i * 1000);
    }
    IrTemp r[7], args[6];
    for (int i = 0; i < 7; i++)
        r[i] = ir_new_temp(f, i == 5 ? IR_I32 : IR_I64);
    ir_gen_call(f, &H0, r[0], NULL);
    args[0] = fx.g[1];
    ir_gen_call(f, &H1, r[1], args);
    args[0] = fx.g[1]; args[1] = ir_const(f, IR_I64, 5);
    ir_gen_call(f, &H2, r[2], args);
    args[0] = ir_const(f, IR_I64, 1); args[1] = ir_const(f, IR_I64, 2); args[2] = ir_const(f, IR_I64, 3);
    ir_gen_call(f, &H3, r[3], args);
    args[0] = live[1]; args[1] = live[2]; args[2] = live[3]; args[3] = fx.g[1];
    ir_gen_call(f, &H4, r[4], args);
    args[0] = fx.w[0]; args[1] = fx.g[1]; args[2] = ir_const(f, IR_I32, 7);
    args[3] = live[4]; args[4] = fx.w[1];
    ir_gen_call(f, &H5, r[5], args);
    ir_gen_binopi(f, IR_ADD, fx.g[0], fx.g[0], 1);     /* dirty before READS_GLOBALS */
    args[0] = IR_TEMP_ENV; args[1] = ir_const(f, IR_I64, 1); args[2] = ir_const(f, IR_I64, 2);
    args[3] = ir_const(f, IR_I64, 3); args[4] = ir_const(f, IR_I64, 4); args[5] = live[0];
    ir_gen_call(f, &H6, r[6], args);
    ir_gen_mov(f, fx.g[3], ir_const(f, IR_I64, 99));   /* cached, then the helper writes it */
    args[0] = IR_TEMP_ENV; args[1] = ir_const(f, IR_I64, 0xabc);
    ir_gen_call(f, &HW, IR_NO_TEMP, args);
    ir_gen_binopi(f, IR_ADD, fx.g[4], fx.g[3], 1);
    IrTemp sum = ir_new_temp(f, IR_I64);
    ir_gen_mov(f, sum, ir_const(f, IR_I64, 0));
    for (int i = 0; i < 12; i++)
        ir_gen_binop(f, IR_ADD, sum, sum, live[i]);
    ir_gen_mov(f, fx.g[5], sum);
    for (int i = 0; i < 7; i++) {
        if (i == 5) {
            IrTemp z = ir_new_temp(f, IR_I64);
            ir_gen_unop(f, IR_EXTU_I32, z, r[5]);
            ir_gen_st_env(f, z, (int32_t)offsetof(TestEnv, plain[0]), IR_MO_64);
        } else {
            ir_gen_binop(f, IR_XOR, fx.g[7], fx.g[7], r[i]);
        }
    }
    end_plain();
    TestEnv env = { .g = { 10, 20 }, .w = { 0xfffffff0u, 3 } };
    uint64_t x = 0;
    uint64_t l[12];
    for (int i = 0; i < 12; i++)
        l[i] = 20 + (uint64_t)i * 1000;
    uint32_t r5 = 0xfffffff0u + 20 * 2 + 7 * 3 + (uint32_t)l[4] * 4 + 3 * 5;
    x ^= 0x1111;
    x ^= 60;
    x ^= 15;
    x ^= 123;
    x ^= l[1] ^ l[2] ^ l[3] ^ (20 << 1);
    x ^= 11 + 1 + 4 + 9 + 16 + l[0] * 5;
    emit_run(&env);
    assert_int_equal(env.g[0], 11);
    assert_int_equal(env.g[3], 0xabc);
    assert_int_equal(env.g[4], 0xabd);
    uint64_t s = 0;
    for (int i = 0; i < 12; i++)
        s += l[i];
    assert_int_equal(env.g[5], s);
    assert_int_equal(env.plain[0], r5);
    assert_int_equal(env.g[7], x);
}

/* ---- Environment and guest memory -------------------------------------------- */

static void test_env_access(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp a = ir_new_temp(f, IR_I64), b = ir_new_temp(f, IR_I32);
    ir_gen_ld_env(f, a, (int32_t)offsetof(TestEnv, plain[0]), IR_MO_16 | IR_MO_SIGN);
    ir_gen_st_env(f, a, (int32_t)offsetof(TestEnv, plain[1]), IR_MO_64);
    ir_gen_ld_env(f, b, (int32_t)offsetof(TestEnv, plain[0]), IR_MO_8);
    ir_gen_st_env(f, b, (int32_t)offsetof(TestEnv, plain[2]), IR_MO_32);
    ir_gen_st_env(f, ir_const(f, IR_I64, 0x55), (int32_t)offsetof(TestEnv, plain[3]), IR_MO_8);
    end_plain();
    TestEnv env = { .plain = { 0x8234, 0, ~0ull, ~0ull } };
    emit_run(&env);
    assert_int_equal(env.plain[1], 0xffffffffffff8234ull);
    assert_int_equal(env.plain[2], 0xffffffff00000034ull);
    assert_int_equal(env.plain[3], 0xffffffffffffff55ull);
}

static uint64_t load_ref(IrMemOp mo, IrType t, const uint8_t *p)
{
    unsigned n = ir_mo_bytes(mo);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[(mo & IR_MO_BE) ? n - 1 - i : i] << (8 * i);
    if ((mo & IR_MO_SIGN) && n < 8 && (v >> (8 * n - 1)) & 1)
        v |= ~0ull << (8 * n);
    return trunc_t(t, v);
}

/* Every memop, both types, register and constant values; guest address
 * `addr` maps to host `host`. */
static void check_memops(uint64_t addr, uint8_t *host)
{
    for (int ti = 0; ti < 2; ti++)
        for (IrMemOp mo = 0; mo < 0x100; mo++) {
            IrType t = ti ? IR_I64 : IR_I32;
            unsigned size = mo & IR_MO_SIZE;
            if (size > 3 || (mo & IR_MO_ALIGN) || (mo & 0x70) || (size == 3 && t == IR_I32) ||
                ((mo & IR_MO_SIGN) && (size == 3 || (size == 2 && t == IR_I32))))
                continue;
            for (int cst = 0; cst < 2; cst++) {
                IrFunc *f = fx.f;
                begin();
                IrTemp v = gl(t, 2);
                ir_gen_ld(f, gl(t, 1), fx.g[0], mo);
                if (cst)
                    v = ir_const(f, t, 0x8877665544332211ull);
                ir_gen_st(f, v, ir_const(f, IR_I64, addr + 16), mo);
                end_plain();
                for (int i = 0; i < 32; i++)
                    host[i] = (uint8_t)(0x81 + i * 0x11);
                TestEnv env = { .g = { addr } };
                env_set(&env, t, 2, 0xf1e2d3c4b5a69788ull);
                emit_run(&env);
                assert_int_equal(env_get(&env, t, 1), load_ref(mo, t, host));
                uint8_t want[8];
                uint64_t sv = cst ? 0x8877665544332211ull : env_get(&env, t, 2);
                unsigned n = ir_mo_bytes(mo);
                for (unsigned i = 0; i < n; i++)
                    want[(mo & IR_MO_BE) ? n - 1 - i : i] = (uint8_t)(sv >> (8 * i));
                assert_memory_equal(host + 16, want, n);
                assert_int_equal(host[16 + n], (uint8_t)(0x81 + (16 + n) * 0x11));
            }
        }
}

static void test_memops_reg_base(void **state)
{
    /* addr_bits 32: the upper half of the guest address is ignored. */
    check_memops(0x100, gmem + 0x100);
    check_memops(0xabcd000000000200ull, gmem + 0x200);
}

static void test_memops_other_modes(void **state)
{
    fixture_close();
    /* guest_base 0, 64-bit addresses: host pointers are guest addresses. */
    fixture_open(0, 64);
    check_memops((uintptr_t)gmem + 0x300, gmem + 0x300);
    fixture_close();
    /* A low guest base: folded into the displacement. */
    uint8_t *low = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    assert_true(low != MAP_FAILED);
    fixture_open((uintptr_t)low, 32);
    assert_int_equal(((X86Backend *)fx.be)->base_mode, X86_BASE_DISP);
    check_memops(0x400, low + 0x400);
    fixture_close();
    /* addr_bits 12 (and mask) and 40 (shift pair). */
    fixture_open((uintptr_t)gmem, 12);
    check_memops(0x7000500, gmem + 0x500);
    fixture_close();
    fixture_open((uintptr_t)gmem, 40);
    check_memops(0xff00000000000600ull, gmem + 0x600);
    fixture_close();
    munmap(low, 1 << 16);
    fixture_open((uintptr_t)gmem, 32);
}

static void test_cmpxchg(void **state)
{
    static const IrMemOp mos[] = { IR_MO_8, IR_MO_16, IR_MO_32, IR_MO_64,
                                   IR_MO_16 | IR_MO_BE, IR_MO_32 | IR_MO_BE | IR_MO_SIGN,
                                   IR_MO_64 | IR_MO_BE, IR_MO_8 | IR_MO_SIGN };
    for (unsigned m = 0; m < sizeof(mos) / sizeof(mos[0]); m++)
        for (int hit = 0; hit < 3; hit++)
            for (int cst = 0; cst < 2; cst++) {
                IrMemOp mo = mos[m];
                unsigned n = ir_mo_bytes(mo);
                IrFunc *f = fx.f;
                begin();
                IrTemp cmpv = cst ? ir_const(f, IR_I64, 0) : fx.g[1];
                static const uint8_t orig[8] = { 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7 };
                uint8_t *p = gmem + 0x800;
                memcpy(p, orig, 8);
                uint64_t old = load_ref(mo, IR_I64, p);
                /* hit 0: match; 1: mismatch; 2: low bytes match, upper differ */
                uint64_t cv = hit == 0 ? old : hit == 1 ? old ^ 1 : old ^ (n < 8 ? 1ull << 62 : 1);
                if (cst)
                    cmpv = ir_const(f, IR_I64, cv);
                ir_gen_cmpxchg(f, fx.g[2], ir_const(f, IR_I64, 0x800), cmpv, fx.g[3], mo);
                end_plain();
                TestEnv env = { .g = { 0, cv, 0, 0x0102030405060708ull } };
                emit_run(&env);
                assert_int_equal(env.g[2], old);
                IrMemOp raw = mo & ~(IrMemOp)IR_MO_SIGN;
                uint64_t now = load_ref(raw, IR_I64, p);
                uint64_t mask = n < 8 ? (1ull << (8 * n)) - 1 : ~0ull;
                assert_int_equal(now, hit == 0 ? env.g[3] & mask : load_ref(raw, IR_I64, orig));
            }
}

static void test_mb_nop(void **state)
{
    begin();
    ir_gen_mb(fx.f, IR_MB_LD);
    ir_gen_mb(fx.f, IR_MB_ALL);
    ir_emit(fx.f, IR_NOP, IR_I64);
    ir_gen_binopi(fx.f, IR_ADD, fx.g[0], fx.g[0], 1);
    end_plain();
    TestEnv env = { .g = { 41 } };
    emit_run(&env);
    assert_int_equal(env.g[0], 42);
}

/* ---- TB exits and chaining ---------------------------------------------------- */

/* g[0] is the pc field (test_lookup_cfg): GOTO_TB stores its pc there on
 * the unchained path only. */
static void test_chaining(void **state)
{
    IrFunc *f = fx.f;
    BackendTbOut oa, ob;
    begin();
    ir_gen_insn_start(f, 0x1000);
    ir_gen_binopi(f, IR_ADD, fx.g[1], fx.g[1], 1);
    ir_gen_insn_start(f, 0x1004);
    ir_gen_goto_tb(f, 0, 0x1008);
    uintptr_t a = emit(&oa);
    assert_int_equal(oa.jmp_slot[1], BACKEND_NO_SLOT);
    assert_int_not_equal(oa.jmp_slot[0], BACKEND_NO_SLOT);
    assert_int_equal((a + oa.jmp_slot[0] + 1) % 4, 0);
    assert_true(oa.insn_end[0] <= oa.insn_end[1]);
    assert_int_equal(oa.insn_end[1], oa.code_size);

    begin();
    ir_gen_binopi(f, IR_MUL, fx.g[1], fx.g[1], 10);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    uintptr_t b = emit(&ob);

    TestEnv env = { .g = { 0, 4 } };
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT0);
    assert_int_equal(env.g[1], 5);
    assert_int_equal(env.g[0], 0x1008);
    uint8_t *slot = fx.code + (a - (uintptr_t)fx.rx) + oa.jmp_slot[0];
    uintptr_t slot_rx = a + oa.jmp_slot[0];
    backend_x86_64.patch_jump(slot, slot_rx, b);
    env.g[0] = 0;
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
    assert_int_equal(env.g[1], 60);
    assert_int_equal(env.g[0], 0);
    backend_x86_64.patch_jump(slot, slot_rx, 0);
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT0);
    assert_int_equal(env.g[1], 61);
    assert_int_equal(env.g[0], 0x1008);
}

/* A pc beyond a sign-extended imm32 is stored as two dword halves. */
static void test_goto_tb_far_pc(void **state)
{
    begin();
    ir_gen_goto_tb(fx.f, 1, 0xfedcba9876543210ull);
    BackendTbOut out;
    uintptr_t a = emit(&out);
    assert_int_not_equal(out.jmp_slot[1], BACKEND_NO_SLOT);
    assert_int_equal(out.jmp_slot[0], BACKEND_NO_SLOT);
    TestEnv env = { .g = { 0 } };
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT1);
    assert_int_equal(env.g[0], 0xfedcba9876543210ull);
}

/* A conditional exit as the frontend shapes it (brcond; goto_tb 0; label;
 * goto_tb 1), emitted at each offset mod 4: both slots are
 * 4-byte aligned, no nop runs on either path (the padding goes into the
 * jcc's prefixes or before the label), and both chain. */
static void test_cond_exit_no_nop(void **state)
{
    IrFunc *f = fx.f;
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    begin();
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    uintptr_t b = emit(NULL);
    for (unsigned shift = 0; shift < 4; shift++) {
        BackendTbOut out;
        begin();
        for (unsigned i = 0; i < shift; i++)     /* moves the jcc by 1..3 bytes */
            ir_gen_binopi(f, IR_ADD, fx.g[2], fx.g[2], 1 + 0x100 * (i & 1));
        IrLabel l = ir_new_label(f);
        ir_gen_brcond(f, IR_COND_EQ, fx.g[1], ir_const(f, IR_I64, 0), l);
        ir_gen_goto_tb(f, 0, 0x2000);
        ir_gen_set_label(f, l);
        ir_gen_goto_tb(f, 1, 0x3000);
        uintptr_t a = emit(&out);
        const uint8_t *code = fx.code + (a - (uintptr_t)fx.rx);
        for (unsigned n = 0; n < 2; n++) {
            assert_int_not_equal(out.jmp_slot[n], BACKEND_NO_SLOT);
            assert_int_equal((a + out.jmp_slot[n] + 1) % 4, 0);
            assert_int_equal(code[out.jmp_slot[n]], 0xe9);
        }
        cs_insn *insn;
        size_t ni = cs_disasm(cs, code, out.jmp_slot[0] + 5, a, 0, &insn);
        assert_true(ni >= 2);
        assert_int_equal(insn[ni - 1].address, a + out.jmp_slot[0]);
        assert_true(insn[ni - 2].mnemonic[0] == 'j');   /* the jcc, then the jmp */
        uint64_t taken = strtoull(insn[ni - 2].op_str, NULL, 0);
        assert_int_equal(taken, a + out.jmp_slot[1]);    /* lands on the jmp itself */
        cs_free(insn, ni);
        TestEnv env = { .g = { 0, 0 } };
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT1);
        assert_int_equal(env.g[0], 0x3000);
        env.g[1] = 1;
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT0);
        assert_int_equal(env.g[0], 0x2000);
        for (unsigned n = 0; n < 2; n++)
            backend_x86_64.patch_jump(fx.code + (a - (uintptr_t)fx.rx) + out.jmp_slot[n],
                                      a + out.jmp_slot[n], b);
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
        env.g[1] = 0;
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
    }
    cs_close(&cs);
}

/* GOTO_TB_IF (the frontend's one-op conditional exit) right before the
 * fall-through's GOTO_TB, at each offset mod 4: its slot is the jcc right
 * after the compare, rel32 4-byte aligned, aiming at its exit stub after
 * the TB's code (jmp_reset) until chained; the GOTO_TB's slot is the
 * inverse jcc right after it (aligned by prefixes: an aligned jmp there
 * would need nops), falling through to its stub until chained; no nop
 * runs; globals written before it are in memory on the taken path, a
 * block temp computed before it is still read after it; both slots chain
 * and unchain. */
static void check_goto_tb_if_code(csh cs, uintptr_t a, const BackendTbOut *out)
{
    const uint8_t *code = fx.code + (a - (uintptr_t)fx.rx);
    uint32_t s0 = out->jmp_slot[0], s1 = out->jmp_slot[1];
    assert_true(s0 != BACKEND_NO_SLOT && s1 != BACKEND_NO_SLOT);
    for (unsigned n = 0; n < 2; n++) {
        assert_int_equal(code[out->jmp_slot[n]], 0x0f);
        assert_int_equal((a + out->jmp_slot[n] + 2) % 4, 0);
    }
    assert_int_equal(out->jmp_reset[0], 0);
    assert_true(out->jmp_reset[1] > s0);              /* the stub is out of line */
    cs_insn *insn;
    size_t ni = cs_disasm(cs, code, s0 + 6, a, 0, &insn);
    assert_true(ni >= 3);
    assert_int_equal(insn[ni - 1].address + insn[ni - 1].size, a + s0 + 6);
    assert_int_equal(insn[ni - 2].address + insn[ni - 2].size, a + s1 + 6);
    for (size_t i = 0; i < ni; i++)
        assert_null(strstr(insn[i].mnemonic, "nop"));
    assert_string_equal(insn[ni - 2].mnemonic, "je");
    assert_string_equal(insn[ni - 1].mnemonic, "jne");
    assert_true(strcmp(insn[ni - 3].mnemonic, "test") == 0 ||
                strcmp(insn[ni - 3].mnemonic, "cmp") == 0);
    assert_int_equal(strtoull(insn[ni - 2].op_str, NULL, 0), a + out->jmp_reset[1]);
    assert_int_equal(strtoull(insn[ni - 1].op_str, NULL, 0), a + s0 + 6);
    cs_free(insn, ni);
}

static void test_goto_tb_if(void **state)
{
    IrFunc *f = fx.f;
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    begin();
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    uintptr_t b = emit(NULL);
    for (unsigned shift = 0; shift < 4; shift++) {
        BackendTbOut out;
        begin();
        for (unsigned i = 0; i < shift; i++)     /* moves the jcc by 1..3 bytes */
            ir_gen_binopi(f, IR_ADD, fx.g[3], fx.g[3], 1 + 0x100 * (i & 1));
        IrTemp t = ir_new_temp(f, IR_I64);
        ir_gen_binopi(f, IR_MUL, t, fx.g[2], 3);
        ir_gen_binopi(f, IR_ADD, fx.g[2], fx.g[2], 7);
        ir_gen_goto_tb_if(f, IR_COND_EQ, fx.g[1], ir_const(f, IR_I64, 0), 1, 0x3000);
        ir_gen_goto_tb(f, 0, 0x2000);
        uintptr_t a = emit(&out);
        check_goto_tb_if_code(cs, a, &out);
        TestEnv env = { .g = { 0, 0, 10 } };
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT1);
        assert_int_equal(env.g[0], 0x3000);
        assert_int_equal(env.g[2], 17);
        env.g[1] = 1;
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT0);
        assert_int_equal(env.g[0], 0x2000);
        assert_int_equal(env.g[2], 24);
        for (unsigned n = 0; n < 2; n++)
            backend_x86_64.patch_jump(fx.code + (a - (uintptr_t)fx.rx) + out.jmp_slot[n],
                                      a + out.jmp_slot[n], b);
        env.g[0] = 0;
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
        env.g[1] = 0;
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
        assert_int_equal(env.g[0], 0);                     /* chained: no pc stored */
        backend_x86_64.patch_jump(fx.code + (a - (uintptr_t)fx.rx) + out.jmp_slot[1],
                                  a + out.jmp_slot[1], a + out.jmp_reset[1]);
        assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT1);
        assert_int_equal(env.g[0], 0x3000);
    }
    cs_close(&cs);
}

/* After begin() (x and y may be constants of this TB): one GOTO_TB_IF
 * of condition c on (x, y) through slot 1 to 0x3000, with a block temp
 * computed before it and read after it (no block ends there), then
 * g3 = t + g2 and GOTO_TB 0. */
static uintptr_t emit_goto_tb_if_shape(IrCond c, IrTemp x, IrTemp y)
{
    IrFunc *f = fx.f;
    IrTemp t = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_MUL, t, fx.g[2], 3);
    ir_gen_goto_tb_if(f, c, x, y, 1, 0x3000);
    ir_gen_binop(f, IR_ADD, fx.g[3], t, fx.g[2]);
    ir_gen_goto_tb(f, 0, 0x2000);
    return emit(NULL);
}

/* Whether the shape's TB left by the conditional exit on env. */
static bool shape_taken(uintptr_t a, TestEnv env)
{
    env.g[2] = 10;
    uintptr_t r = run(a, &env);
    if (r == (COOKIE | IR_EXIT_SLOT1)) {
        assert_int_equal(env.g[0], 0x3000);
        assert_int_equal(env.g[3], 0);
        return true;
    }
    assert_int_equal(r, COOKIE | IR_EXIT_SLOT0);
    assert_int_equal(env.g[3], 40);
    return false;
}

/* A bit test above bit 31 (bt), a 32-bit compare, a constant first
 * operand, two constants and never/always lower right. */
static void test_goto_tb_if_shapes(void **state)
{
    IrFunc *f = fx.f;
    begin();
    uintptr_t a = emit_goto_tb_if_shape(IR_COND_TSTNE, fx.g[1], ir_const(f, IR_I64, 1ull << 40));
    assert_true(shape_taken(a, (TestEnv){ .g = { 0, 1ull << 40 } }));
    assert_false(shape_taken(a, (TestEnv){ .g = { 0, 1ull << 41 } }));
    begin();
    a = emit_goto_tb_if_shape(IR_COND_LT, fx.w[0], ir_const(f, IR_I32, 5));
    assert_true(shape_taken(a, (TestEnv){ .w = { 0xfffffffbu } }));      /* -5 < 5 */
    assert_false(shape_taken(a, (TestEnv){ .w = { 5 } }));
    begin();
    a = emit_goto_tb_if_shape(IR_COND_GTU, ir_const(f, IR_I64, 100), fx.g[1]);
    assert_true(shape_taken(a, (TestEnv){ .g = { 0, 99 } }));
    assert_false(shape_taken(a, (TestEnv){ .g = { 0, 100 } }));
    begin();
    a = emit_goto_tb_if_shape(IR_COND_EQ, ir_const(f, IR_I64, 1), ir_const(f, IR_I64, 1));
    assert_true(shape_taken(a, (TestEnv){ .g = { 0 } }));
    begin();
    a = emit_goto_tb_if_shape(IR_COND_NEVER, fx.g[1], fx.g[1]);
    assert_false(shape_taken(a, (TestEnv){ .g = { 0 } }));
    begin();
    a = emit_goto_tb_if_shape(IR_COND_ALWAYS, fx.g[1], fx.g[1]);
    assert_true(shape_taken(a, (TestEnv){ .g = { 0 } }));
}

static void test_lookup_and_goto(void **state)
{
    IrFunc *f = fx.f;
    begin();
    ir_gen_binopi(f, IR_ADD, fx.g[1], fx.g[1], 7);
    ir_gen_exit_tb(f, IR_EXIT_REQUESTED);
    uintptr_t target = emit(NULL);
    begin();
    ir_gen_binopi(f, IR_ADD, fx.g[0], fx.g[0], 1);
    ir_gen_lookup_and_goto(f);
    uintptr_t a = emit(NULL);
    TestJmpEntry jc[1 << TEST_JC_BITS] = { 0 };   /* empty: always the call */
    TestEnv env = { .g = { 1, 2 }, .next = target, .jc = jc };
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_REQUESTED);
    assert_int_equal(env.g[0], 2);
    assert_int_equal(env.g[1], 9);
    env.next = 0;
    assert_int_equal(run(a, &env), 0);
    assert_int_equal(env.g[0], 3);
    assert_int_equal(env.g[1], 9);
}

/* The index BackendLookup documents. */
static unsigned test_jc_index(uint64_t pc)
{
    return (unsigned)((pc ^ (pc >> TEST_JC_BITS)) >> 2) & ((1u << TEST_JC_BITS) - 1);
}

/* A TB that sets g[0] (the pc) and leaves through LOOKUP_AND_GOTO. */
static uintptr_t emit_lookup_to(uint64_t pc)
{
    begin();
    ir_gen_mov(fx.f, fx.g[0], ir_const(fx.f, IR_I64, pc));
    ir_gen_lookup_and_goto(fx.f);
    return emit(NULL);
}

/* Hits go straight to the cached code; a different pc in the same entry,
 * other flags, or an emptied entry (code 0) call lookup instead. */
static void test_lookup_inline_probe(void **state)
{
    begin();
    ir_gen_binopi(fx.f, IR_ADD, fx.g[1], fx.g[1], 5);
    ir_gen_exit_tb(fx.f, IR_EXIT_REQUESTED);
    uintptr_t target = emit(NULL);
    const uint64_t pc = 0x40123456788ull;
    uintptr_t a = emit_lookup_to(pc);
    TestJmpEntry jc[1 << TEST_JC_BITS] = { 0 };
    TestJmpEntry *e = &jc[test_jc_index(pc)];
    *e = (TestJmpEntry){ .flags = 3, .code = target, .pc = pc };
    TestEnv env = { .tb_flags = 3, .jc = jc };
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_REQUESTED);
    assert_int_equal(env.g[1], 5);
    assert_int_equal(env.lookup_calls, 0);

    env.tb_flags = 2;                               /* other flags */
    assert_int_equal(run(a, &env), 0);
    assert_int_equal(env.lookup_calls, 1);
    env.tb_flags = 3;
    e->code = 0;                                    /* emptied */
    assert_int_equal(run(a, &env), 0);
    assert_int_equal(env.lookup_calls, 2);
    e->code = target;
    uint64_t alias = pc + ((uint64_t)1 << (2 + 2 * TEST_JC_BITS));
    assert_int_equal(test_jc_index(alias), test_jc_index(pc));
    assert_int_equal(run(emit_lookup_to(alias), &env), 0);   /* pc differs */
    assert_int_equal(env.lookup_calls, 3);
    env.next = target;                              /* the miss path jumps too */
    assert_int_equal(run(emit_lookup_to(alias), &env), COOKIE | IR_EXIT_REQUESTED);
    assert_int_equal(env.lookup_calls, 4);
    assert_int_equal(env.g[1], 10);
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_REQUESTED);
    assert_int_equal(env.lookup_calls, 4);
    assert_int_equal(env.g[1], 15);
}

/* The probe's instructions, disassembled: no call on the hit path, the
 * code word loaded once and tested before the indirect jump. */
static void test_lookup_inline_probe_code(void **state)
{
    begin();
    ir_gen_lookup_and_goto(fx.f);
    BackendTbOut out = { 0 };
    uintptr_t a = emit(&out);
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    cs_insn *insn;
    const uint8_t *bytes = fx.code + (a - (uintptr_t)fx.rx);
    size_t n = cs_disasm(cs, bytes, out.code_size, a, 0, &insn);
    char seq[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(seq + len, sizeof(seq) - len, "%s%s", i ? " " : "",
                                insn[i].mnemonic);
    assert_string_equal(seq, "mov mov shr xor shl and add cmp jne mov cmp jne mov test je jmp");
    /* pc: from env, or (pinned) copied from its register */
    assert_true(strstr(insn[0].op_str, ", qword ptr [r14]") != NULL ||
                (rank_hot && strstr(insn[0].op_str, "ptr") == NULL));
    assert_true(strstr(insn[6].op_str, "qword ptr [r14 + 0x") != NULL);   /* jc */
    assert_true(strstr(insn[12].op_str, "+ 8]") != NULL);                 /* code */
    assert_true(strstr(insn[15].op_str, "r") == insn[15].op_str);         /* jmp reg */
    cs_free(insn, n);
    cs_close(&cs);
}

/* RET's shape, "mov pc, g3; lookup": the probe copies the pc from g3's
 * register (the mov stored it to env without keeping a copy) instead of
 * reloading the field, and still finds the TB. */
static void test_lookup_pc_from_reg(void **state)
{
    begin();
    ir_gen_binopi(fx.f, IR_ADD, fx.g[1], fx.g[1], 7);
    ir_gen_exit_tb(fx.f, IR_EXIT_REQUESTED);
    uintptr_t target = emit(NULL);
    const uint64_t pc = 0x40123456700ull;
    begin();
    ir_gen_binopi(fx.f, IR_ADD, fx.g[3], fx.g[3], 0x100);    /* g3 in a register */
    ir_gen_mov(fx.f, fx.g[0], fx.g[3]);
    ir_gen_lookup_and_goto(fx.f);
    BackendTbOut out = { 0 };
    uintptr_t a = emit(&out);
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    cs_insn *insn;
    size_t n = cs_disasm(cs, fx.code + (a - (uintptr_t)fx.rx), out.code_size, a, 0, &insn);
    size_t shr = 0;
    while (shr < n && strcmp(insn[shr].mnemonic, "shr") != 0)
        shr++;
    assert_true(shr >= 2 && shr < n);
    for (size_t i = 0; i < shr; i++)                  /* no reload of [r14] */
        assert_null(strstr(insn[i].op_str, ", qword ptr [r14]"));
    cs_free(insn, n);
    cs_close(&cs);

    TestJmpEntry jc[1 << TEST_JC_BITS] = { 0 };
    jc[test_jc_index(pc)] = (TestJmpEntry){ .flags = 3, .code = target, .pc = pc };
    TestEnv env = { .tb_flags = 3, .jc = jc };
    env.g[3] = pc - 0x100;
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_REQUESTED);
    assert_int_equal(env.g[0], pc);
    assert_int_equal(env.g[3], pc);
    assert_int_equal(env.g[1], 7);
    assert_int_equal(env.lookup_calls, 0);
}

/* A conditional exit in the middle, globals dirty on both paths. */
static void test_two_exits(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrLabel l = ir_new_label(f);
    ir_gen_binopi(f, IR_ADD, fx.g[2], fx.g[2], 1);
    ir_gen_brcond(f, IR_COND_EQ, fx.g[1], ir_const(f, IR_I64, 0), l);
    ir_gen_binopi(f, IR_ADD, fx.g[2], fx.g[2], 100);
    ir_gen_goto_tb(f, 1, 0x44);
    ir_gen_set_label(f, l);
    ir_gen_binopi(f, IR_SUB, fx.g[2], fx.g[2], 100);
    ir_gen_goto_tb(f, 0, 0x48);
    uintptr_t tb = emit(NULL);
    TestEnv env = { .g = { 0, 0, 1000 } };
    assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_SLOT0);
    assert_int_equal(env.g[2], 901);
    assert_int_equal(env.g[0], 0x48);
    env.g[1] = 5;
    assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_SLOT1);
    assert_int_equal(env.g[2], 1002);
    assert_int_equal(env.g[0], 0x44);
}

/* A TB-local live across a brcond whose fall-through leaves the TB
 * (st_env, exit_tb) before the label: after the label the local must be
 * read from where the branch left it, not from a register the exit path
 * reused.  (The frontend's alignment checks make this shape.) */
static void test_local_after_mid_exit(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp loc = ir_new_local(f, IR_I64);
    IrLabel l = ir_new_label(f);
    ir_gen_binopi(f, IR_ADD, fx.g[3], fx.g[0], 1);      /* g0 into a register */
    ir_gen_mov(f, loc, fx.g[2]);
    ir_gen_brcond(f, IR_COND_EQ, fx.g[1], ir_const(f, IR_I64, 0), l);
    ir_gen_st_env(f, loc, (int32_t)offsetof(TestEnv, plain[0]), IR_MO_64);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    ir_gen_set_label(f, l);
    ir_gen_ld(f, fx.g[4], loc, IR_MO_64);
    ir_gen_binopi(f, IR_ADD, fx.g[5], loc, 0);
    end_plain();
    uintptr_t tb = emit(NULL);
    uint64_t want = 0x1122334455667788ull;
    memcpy(gmem + 0x80, &want, 8);
    TestEnv env = { .g = { 7, 0, 0x80 } };
    assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_PLAIN);
    assert_int_equal(env.g[5], 0x80);
    assert_int_equal(env.g[4], want);
    assert_int_equal(env.g[3], 8);
    env = (TestEnv){ .g = { 7, 1, 0x80 } };
    assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_PLAIN);
    assert_int_equal(env.plain[0], 0x80);
}

/* Copies of a live temp into globals: stored straight to memory when no
 * later op reads the global, a register copy when one does. */
static void test_mov_to_global(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp t = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_ADD, t, fx.g[0], 1);
    ir_gen_mov(f, fx.g[1], t);                 /* not read later */
    ir_gen_mov(f, fx.g[2], t);                 /* read below */
    ir_gen_binopi(f, IR_MUL, fx.g[3], t, 2);
    ir_gen_binop(f, IR_ADD, fx.g[4], fx.g[2], fx.g[3]);
    ir_gen_mov(f, fx.g[0], fx.g[4]);           /* a global that dies */
    end_plain();
    TestEnv env = { .g = { 5, 0, 0, 0, 0 } };
    emit_run(&env);
    assert_int_equal(env.g[0], 18);
    assert_int_equal(env.g[1], 6);
    assert_int_equal(env.g[2], 6);
    assert_int_equal(env.g[3], 12);
    assert_int_equal(env.g[4], 18);
}

/* A faulting guest load: globals are in memory and the host pc lies in the
 * faulting insn's code range. */
static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_pc;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_pc = (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
    siglongjmp(fault_jmp, 1);
}

/* The lookahead peepholes (an i64 ADD that only the next op reads as its
 * guest address is done as a 32-bit lea; an ALU op that only the next
 * EXT32U reads runs in 32 bits) apply only when that next op is the
 * temp's last reader and reads it once: a temp that is also the stored
 * value, or is read again later, keeps its 64 bits. */
static void test_lookahead_peepholes(void **state)
{
    IrFunc *f = fx.f;
    begin();
    IrTemp a = ir_new_temp(f, IR_I64), b = ir_new_temp(f, IR_I64);
    IrTemp c = ir_new_temp(f, IR_I64), d = ir_new_temp(f, IR_I64);
    IrTemp e = ir_new_temp(f, IR_I64), x = ir_new_temp(f, IR_I64);
    ir_gen_binop(f, IR_ADD, a, fx.g[0], fx.g[1]);
    ir_gen_st(f, a, a, IR_MO_64);                 /* value and address */
    ir_gen_binopi(f, IR_ADD, b, fx.g[0], 0x40);
    ir_gen_ld(f, fx.g[2], b, IR_MO_64);           /* b read again below */
    ir_gen_mov(f, fx.g[3], b);
    ir_gen_binop(f, IR_ADD, c, fx.g[0], fx.g[1]);
    ir_gen_unop(f, IR_EXT32U, fx.g[4], c);        /* c read again below */
    ir_gen_mov(f, fx.g[5], c);
    ir_gen_binop(f, IR_SUB, d, fx.g[1], fx.g[0]);
    ir_gen_unop(f, IR_EXT32U, fx.g[6], d);        /* d's only reader */
    ir_gen_binopi(f, IR_ADD, e, fx.g[1], 8);
    ir_gen_ld(f, x, e, IR_MO_64);                 /* e's only reader */
    ir_gen_mov(f, fx.g[7], x);
    end_plain();
    uint64_t g0 = 0xabcd000000000000ull, g1 = 0x300;
    uint64_t v40 = 0x1122334455667788ull, v308 = 0x0123456789abcdefull;
    memcpy(gmem + 0x40, &v40, 8);
    memcpy(gmem + 0x308, &v308, 8);
    TestEnv env = { .g = { g0, g1 } };
    emit_run(&env);
    uint64_t stored;
    memcpy(&stored, gmem + 0x300, 8);
    assert_true(stored == g0 + g1);
    assert_true(env.g[2] == v40);
    assert_true(env.g[3] == g0 + 0x40);
    assert_true(env.g[4] == (uint32_t)(g0 + g1));
    assert_true(env.g[5] == g0 + g1);
    assert_true(env.g[6] == (uint32_t)(g1 - g0));
    assert_true(env.g[7] == v308);
}

static void test_fault_state(void **state)
{
    fixture_close();
    fixture_open(0, 64);
    uint8_t *hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(hole != MAP_FAILED);
    IrFunc *f = fx.f;
    begin();
    ir_gen_insn_start(f, 0x100);
    ir_gen_binopi(f, IR_ADD, fx.g[0], fx.g[0], 1);
    ir_gen_insn_start(f, 0x104);
    ir_gen_ld(f, fx.g[1], fx.g[2], IR_MO_64);
    ir_gen_insn_start(f, 0x108);
    ir_gen_binopi(f, IR_ADD, fx.g[0], fx.g[0], 1);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO }, old;
    sigaction(SIGSEGV, &sa, &old);
    TestEnv env = { .g = { 7, 0, (uintptr_t)hole } };
    if (!sigsetjmp(fault_jmp, 1)) {
        run(tb, &env);
        fail_msg("the load did not fault");
    }
    sigaction(SIGSEGV, &old, NULL);
    assert_int_equal(env.g[0], 8);
    uintptr_t pos = backend_x86_64.fault_pos(fx.be, fault_pc) - tb;
    assert_true(pos >= out.insn_end[0] && pos < out.insn_end[1]);
    munmap(hole, 4096);
    fixture_close();
    fixture_open((uintptr_t)gmem, 32);
}

static void test_region_too_small(void **state)
{
    begin();
    for (int i = 0; i < 50; i++)
        ir_gen_binopi(fx.f, IR_ADD, fx.g[0], fx.g[0], 1);
    end_plain();
    uint32_t ends[1];
    BackendTbOut out = { .insn_end = ends };
    BackendCode code = { fx.code + fx.used, (uintptr_t)fx.rx + fx.used, 64 };
    ir_liveness(fx.f);
    assert_false(backend_x86_64.emit_tb(fx.be, fx.f, COOKIE, code, &out));
    assert_int_equal(backend_x86_64.fault_pos(fx.be, 0x1234), 0x1234);
}

int main(void)
{
    gmem = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (gmem == MAP_FAILED)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_table),
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_mulh_div),
        cmocka_unit_test(test_shifts),
        cmocka_unit_test(test_unary),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_bitfields),
        cmocka_unit_test(test_deposit_const),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_env_brcond),
        cmocka_unit_test(test_loop_locals),
        cmocka_unit_test(test_pressure),
        cmocka_unit_test(test_slot_reuse),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_env_access),
        cmocka_unit_test(test_memops_reg_base),
        cmocka_unit_test(test_memops_other_modes),
        cmocka_unit_test(test_cmpxchg),
        cmocka_unit_test(test_mb_nop),
        cmocka_unit_test(test_chaining),
        cmocka_unit_test(test_goto_tb_far_pc),
        cmocka_unit_test(test_cond_exit_no_nop),
        cmocka_unit_test(test_goto_tb_if),
        cmocka_unit_test(test_goto_tb_if_shapes),
        cmocka_unit_test(test_lookup_and_goto),
        cmocka_unit_test(test_lookup_inline_probe),
        cmocka_unit_test(test_lookup_inline_probe_code),
        cmocka_unit_test(test_lookup_pc_from_reg),
        cmocka_unit_test(test_two_exits),
        cmocka_unit_test(test_local_after_mid_exit),
        cmocka_unit_test(test_mov_to_global),
        cmocka_unit_test(test_lookahead_peepholes),
        cmocka_unit_test(test_fault_state),
        cmocka_unit_test(test_region_too_small),
    };
    int failed = cmocka_run_group_tests_name("unpinned", tests, setup_reg_base, teardown);
    return failed + cmocka_run_group_tests_name("pinned", tests, setup_pinned, teardown);
}
