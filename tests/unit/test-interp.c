/* tests/unit/test-interp.c — the interpreter backend against IR semantics.
 *
 * Each test builds IrFuncs with the builder, emits them into a malloc'd
 * region (rw == rx), and runs them on a fake CPU state (TestEnv: i64 and
 * i32 globals, plus plain fields for LD_ENV/ST_ENV) with a guest-memory
 * block whose second page is inaccessible (for fault_pos).  Pure ops run
 * from the shared table in test-interp-cases.h, with their operands as
 * globals, constants, block temps and TB-locals; then randomly against
 * ir_eval(), the IR's reference semantics.  Only setup() names the backend:
 * the op, memory, call, loop and chaining tests are backend-neutral (with
 * an executable region they pass on the x86-64 JIT too); fault_pos(),
 * alignment, slot alignment, cif caching and disassembly text are the
 * interpreter's.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/backend.h"
#include "ir/ir.h"
#include "tests/unit/test-interp-cases.h"

typedef struct TestEnv {
    uint64_t g64[8];
    uint32_t g32[8];
    uint64_t fld[4];            /* CPU state that is not a global */
    uintptr_t lookup_result;
    uint64_t lookup_calls;
} TestEnv;

#define CODE_SIZE (1u << 20)
#define PAGE 4096

typedef struct T {
    const Backend *b;
    void *be;
    uint8_t *code;
    size_t shared, used;        /* create()'s shared code: [0, shared) */
    uint8_t *guest;             /* page 0 RW, page 1 PROT_NONE */
    IrFunc *f;
    IrTemp g64[8], g32[8];
    TestEnv env;
    uint32_t insn_end[16];
    BackendTbOut out;
} T;

static T *cur;      /* for the lookup function and the SIGSEGV handler */

static uintptr_t test_lookup(void *env)
{
    TestEnv *e = env;
    e->lookup_calls++;
    return e->lookup_result;
}

static int setup(void **state)
{
    T *t = calloc(1, sizeof(*t));
    t->b = &backend_interp;
    t->code = aligned_alloc(64, CODE_SIZE);
    t->guest = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(t->guest != MAP_FAILED);
    assert_int_equal(mprotect(t->guest + PAGE, PAGE, PROT_NONE), 0);
    BackendMem mem = { (uintptr_t)t->guest, 32 };
    size_t used = 99;
    /* g7 plays the guest pc field (GOTO_TB's unchained store). */
    BackendLookup lookup = { .fn = test_lookup, .pc_off = offsetof(TestEnv, g64[7]) };
    t->be = t->b->create(&mem, &lookup,
                         (BackendCode){ t->code, (uintptr_t)t->code, CODE_SIZE }, &used);
    assert_non_null(t->be);
    t->shared = t->used = used;
    t->f = ir_func_new();
    static const char *const n64[8] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char *const n32[8] = { "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7" };
    for (int i = 0; i < 8; i++)
        t->g64[i] = ir_global_new(t->f, IR_I64, offsetof(TestEnv, g64[i]), n64[i]);
    for (int i = 0; i < 8; i++)
        t->g32[i] = ir_global_new(t->f, IR_I32, offsetof(TestEnv, g32[i]), n32[i]);
    cur = t;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    T *t = *state;
    t->b->destroy(t->be);
    ir_func_free(t->f);
    munmap(t->guest, 2 * PAGE);
    free(t->code);
    free(t);
    return 0;
}

/* Emits t->f as a new TB (16-aligned, like exec) and returns its entry. */
static uintptr_t emit(T *t, uintptr_t cookie)
{
    t->used = (t->used + 15) & ~(size_t)15;
    if (t->used + 4096 > CODE_SIZE)
        t->used = t->shared;
    BackendCode c = { t->code + t->used, (uintptr_t)t->code + t->used, CODE_SIZE - t->used };
    memset(&t->out, 0, sizeof(t->out));
    t->out.insn_end = t->insn_end;
    ir_liveness(t->f);
    assert_true(t->b->emit_tb(t->be, t->f, cookie, c, &t->out));
    t->used += t->out.code_size;
    ir_func_reset(t->f);
    return c.rx;
}

static uintptr_t run(T *t, uintptr_t entry)
{
    return t->b->enter(t->be, &t->env, entry);
}

static IrType sig_type(char c, IrType optype)
{
    return c == '4' ? IR_I32 : c == '8' ? IR_I64 : optype;
}

/* ---- The table of pure-op cases ----------------------------------------- */

enum { MODE_GLOBAL, MODE_CONST, MODE_BLOCK, MODE_LOCAL, NUM_MODES };

static IrTemp case_input(T *t, IrType ty, unsigned k, uint64_t v, int mode)
{
    IrTemp g = ty == IR_I64 ? t->g64[k] : t->g32[k];
    if (ty == IR_I64)
        t->env.g64[k] = v;
    else
        t->env.g32[k] = (uint32_t)v;
    if (mode == MODE_GLOBAL)
        return g;
    if (mode == MODE_CONST)
        return ir_const(t->f, ty, v);
    IrTemp tmp = mode == MODE_BLOCK ? ir_new_temp(t->f, ty) : ir_new_local(t->f, ty);
    ir_gen_mov(t->f, tmp, g);
    return tmp;
}

static void build_op(T *t, IrOpcode opc, IrType type, const uint64_t *in,
                     const uint64_t *carg, int mode)
{
    const IrOpInfo *info = &ir_op_info[opc];
    IrType oty = sig_type(info->sig[0], type);
    IrTemp out = oty == IR_I64 ? t->g64[7] : t->g32[7];
    IrTemp d = mode == MODE_GLOBAL ? out : ir_new_temp(t->f, oty);
    IrTemp ins[4];
    for (unsigned k = 0; k < info->nin; k++)
        ins[k] = case_input(t, sig_type(info->sig[1 + k], type), k, in[k], mode);
    ir_gen_insn_start(t->f, 0x1000);
    IrOp *op = ir_emit(t->f, opc, type);
    op->args[0] = d;
    for (unsigned k = 0; k < info->nin; k++)
        op->args[1 + k] = ins[k];
    for (unsigned k = 0; k < info->ncarg; k++)
        op->args[1 + info->nin + k] = carg[k];
    if (d != out)
        ir_gen_mov(t->f, out, d);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
}

/* Runs one pure op; returns its output, checking that nothing else in the
 * CPU state changed (an i32 result writes exactly 4 bytes). */
static uint64_t run_op(T *t, IrOpcode opc, IrType type, const uint64_t *in,
                       const uint64_t *carg, int mode)
{
    memset(&t->env, 0xa5, sizeof(t->env));
    build_op(t, opc, type, in, carg, mode);
    TestEnv before = t->env;
    uintptr_t r = run(t, emit(t, 0x1000));
    assert_int_equal(r, 0x1000 | IR_EXIT_PLAIN);
    bool o64 = sig_type(ir_op_info[opc].sig[0], type) == IR_I64;
    uint64_t v = o64 ? t->env.g64[7] : t->env.g32[7];
    if (o64)
        before.g64[7] = t->env.g64[7];
    else
        before.g32[7] = t->env.g32[7];
    assert_memory_equal(&before, &t->env, sizeof(before));
    return v;
}

static void check_case(T *t, const InterpCase *c)
{
    for (int mode = 0; mode < NUM_MODES; mode++) {
        uint64_t v = run_op(t, c->opc, c->type, c->in, c->carg, mode);
        if (v != c->expect)
            fail_msg("%s_%s case (%#llx, %#llx, %#llx, %#llx) mode %d: got %#llx, want %#llx",
                     ir_op_info[c->opc].name, c->type == IR_I64 ? "i64" : "i32",
                     (unsigned long long)c->in[0], (unsigned long long)c->in[1],
                     (unsigned long long)c->in[2], (unsigned long long)c->in[3], mode,
                     (unsigned long long)v, (unsigned long long)c->expect);
    }
}

static void test_op_cases(void **state)
{
    T *t = *state;
    for (size_t i = 0; i < INTERP_NUM_CASES; i++) {
        const InterpCase *c = &interp_cases[i];
        uint64_t ref;
        /* The table and the IR's reference semantics must agree. */
        if (ir_eval(c->opc, c->type, c->in, c->carg, &ref) && ref != c->expect)
            fail_msg("table row %zu (%s) disagrees with ir_eval: %#llx", i,
                     ir_op_info[c->opc].name, (unsigned long long)ref);
        check_case(t, c);
    }
}

/* The table keeps up with ops.def: every pure op has rows in each type it
 * is defined for (EXT32S/EXT32U/EXTU_I32/EXTS_I32 are i64 only,
 * TRUNC_I64 i32 only; MOVCOND is derived from the SETCOND rows). */
static void test_cases_cover_pure_ops(void **state)
{
    bool seen_case[IR_NUM_OPS][2] = { { false } };
    for (size_t i = 0; i < INTERP_NUM_CASES; i++)
        seen_case[interp_cases[i].opc][interp_cases[i].type == IR_I64] = true;
    for (unsigned opc = 0; opc < IR_NUM_OPS; opc++) {
        if (!(ir_op_info[opc].flags & IR_F_PURE) || opc == IR_MOVCOND)
            continue;
        bool only64 = opc == IR_EXT32S || opc == IR_EXT32U || opc == IR_EXTU_I32 ||
                      opc == IR_EXTS_I32;
        if (!seen_case[opc][1] && opc != IR_TRUNC_I64)
            fail_msg("no i64 rows for %s", ir_op_info[opc].name);
        if (!seen_case[opc][0] && !only64)
            fail_msg("no i32 rows for %s", ir_op_info[opc].name);
    }
}

/* MOVCOND and BRCOND on every SETCOND row's inputs and condition. */
static void test_movcond_brcond(void **state)
{
    T *t = *state;
    for (size_t i = 0; i < INTERP_NUM_CASES; i++) {
        const InterpCase *c = &interp_cases[i];
        if (c->opc != IR_SETCOND)
            continue;
        bool w = c->type == IR_I64;
        uint64_t v1 = w ? 0x1111111111111111ull : 0x11111111, v2 = w ? 0x2222222222222222ull : 0x22222222;
        uint64_t in[4] = { c->in[0], c->in[1], v1, v2 };
        uint64_t want = interp_case_cond_true(c) ? v1 : v2;
        for (int mode = 0; mode < NUM_MODES; mode++)
            assert_int_equal(run_op(t, IR_MOVCOND, c->type, in, c->carg, mode), want);

        IrLabel taken = ir_new_label(t->f);
        IrTemp a = ir_const(t->f, c->type, c->in[0]), b = ir_const(t->f, c->type, c->in[1]);
        ir_gen_brcond(t->f, (IrCond)c->carg[0], a, b, taken);
        ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
        ir_gen_set_label(t->f, taken);
        ir_gen_exit_tb(t->f, IR_EXIT_REQUESTED);
        assert_int_equal(run(t, emit(t, 0x100)),
                         0x100 | (interp_case_cond_true(c) ? IR_EXIT_REQUESTED : IR_EXIT_PLAIN));
    }
}

/* ---- Random inputs against ir_eval ---------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t rnd_value(void)
{
    static const uint64_t edge[] = { 0, 1, 2, IC_M32, IC_MIN32, IC_MAX32, IC_M64, IC_MIN64, IC_MAX64, 31, 32, 63, 64 };
    return rnd() % 3 ? rnd() >> (rnd() % 64) : edge[rnd() % (sizeof(edge) / sizeof(edge[0]))];
}

static void random_cargs(IrOpcode opc, IrType type, uint64_t *carg)
{
    unsigned width = type == IR_I64 ? 64 : 32;
    if (opc == IR_SETCOND || opc == IR_MOVCOND) {
        carg[0] = rnd() % IR_NUM_CONDS;
    } else {
        carg[1] = 1 + rnd() % width;
        carg[0] = rnd() % (width - carg[1] + 1);
    }
}

/* Shift and rotate counts >= width: any result is right. */
static bool unspecified_count(IrOpcode opc, IrType type, uint64_t count)
{
    bool shift = opc == IR_SHL || opc == IR_SHR || opc == IR_SAR || opc == IR_ROTR;
    return shift && count >= (type == IR_I64 ? 64u : 32u);
}

static void test_random_vs_ir_eval(void **state)
{
    T *t = *state;
    for (unsigned opc = 0; opc < IR_NUM_OPS; opc++) {
        const IrOpInfo *info = &ir_op_info[opc];
        if (!(info->flags & IR_F_PURE))
            continue;
        for (int ty = IR_I32; ty <= IR_I64; ty++) {
            if (ty == IR_I32 && (opc == IR_EXT32S || opc == IR_EXT32U || opc == IR_EXTU_I32 ||
                                 opc == IR_EXTS_I32))
                continue;
            if (ty == IR_I64 && opc == IR_TRUNC_I64)
                continue;
            for (int n = 0; n < 200; n++) {
                uint64_t in[4], carg[2] = { 0, 0 }, ref;
                for (unsigned k = 0; k < 4; k++) {
                    in[k] = rnd_value();
                    if (k < info->nin && sig_type(info->sig[1 + k], (IrType)ty) == IR_I32)
                        in[k] = (uint32_t)in[k];
                }
                if (info->ncarg)
                    random_cargs((IrOpcode)opc, (IrType)ty, carg);
                uint64_t v = run_op(t, (IrOpcode)opc, (IrType)ty, in, carg, n % NUM_MODES);
                if (unspecified_count((IrOpcode)opc, (IrType)ty, in[1]))
                    continue;
                if (ir_eval((IrOpcode)opc, (IrType)ty, in, carg, &ref) && v != ref)
                    fail_msg("%s_%s(%#llx, %#llx, %#llx, %#llx; %llu, %llu) = %#llx, ir_eval %#llx",
                             info->name, ty == IR_I64 ? "i64" : "i32",
                             (unsigned long long)in[0], (unsigned long long)in[1],
                             (unsigned long long)in[2], (unsigned long long)in[3],
                             (unsigned long long)carg[0], (unsigned long long)carg[1],
                             (unsigned long long)v, (unsigned long long)ref);
            }
        }
    }
}

/* Shift counts >= width are unspecified but must neither trap nor leak
 * into the upper half of an i32. */
static void test_big_shift_counts(void **state)
{
    T *t = *state;
    static const IrOpcode ops[] = { IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
    for (unsigned i = 0; i < 4; i++) {
        uint64_t in[2] = { IC_M64, 200 }, carg[2] = { 0, 0 };
        run_op(t, ops[i], IR_I64, in, carg, MODE_GLOBAL);
        in[1] = 32;
        in[0] = IC_M32;
        run_op(t, ops[i], IR_I32, in, carg, MODE_CONST);
    }
}

/* ---- Temps, slots and labels --------------------------------------------- */

/* An i32 temp that takes over a dead i64 temp's slot: the stale upper half
 * must not show through EXTU_I32, nor through an i32 helper argument. */
static uint64_t helper_seen_u32;
static uint32_t helper_u32_id(uint32_t a) { helper_seen_u32 = a; return a; }
static IrHelper h_u32_id = { "u32_id", (void *)helper_u32_id, 0, IR_I32, 1, { IR_I32 } };

static void test_i32_slot_reuse(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    IrTemp a = ir_new_temp(f, IR_I64);
    ir_gen_mov(f, a, ir_const(f, IR_I64, IC_M64));
    ir_gen_mov(f, t->g64[0], a);                   /* a dies here */
    IrTemp b = ir_new_temp(f, IR_I32);
    ir_gen_binop(f, IR_ADD, b, ir_const(f, IR_I32, IC_M32), ir_const(f, IR_I32, 2));
    IrTemp c = ir_new_temp(f, IR_I64);
    ir_gen_unop(f, IR_EXTU_I32, c, b);
    ir_gen_mov(f, t->g64[1], c);
    IrTemp r = ir_new_temp(f, IR_I32);
    ir_gen_call(f, &h_u32_id, r, &b);
    ir_gen_mov(f, t->g32[0], r);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    memset(&t->env, 0, sizeof(t->env));
    run(t, emit(t, 0));
    assert_int_equal(t->env.g64[0], IC_M64);
    assert_int_equal(t->env.g64[1], 1);
    assert_int_equal(helper_seen_u32, 1);
    assert_int_equal(t->env.g32[0], 1);
}

/* sum = 0; for (i = 100; i != 0; i--) sum += i; with a block temp in the
 * body and a forward branch over dead code. */
static void test_loop(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    IrTemp i = ir_new_local(f, IR_I64), sum = ir_new_local(f, IR_I64);
    IrLabel top = ir_new_label(f), skip = ir_new_label(f);
    ir_gen_mov(f, i, ir_const(f, IR_I64, 100));
    ir_gen_mov(f, sum, ir_const(f, IR_I64, 0));
    ir_gen_br(f, skip);
    ir_gen_mov(f, t->g64[2], ir_const(f, IR_I64, 0xdead));
    ir_gen_set_label(f, skip);
    ir_gen_set_label(f, top);
    IrTemp tmp = ir_new_temp(f, IR_I64);
    ir_gen_binop(f, IR_ADD, tmp, sum, i);
    ir_gen_mov(f, sum, tmp);
    ir_gen_binopi(f, IR_SUB, i, i, 1);
    ir_gen_brcond(f, IR_COND_NE, i, ir_const(f, IR_I64, 0), top);
    ir_gen_mov(f, t->g64[0], sum);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    memset(&t->env, 0, sizeof(t->env));
    assert_int_equal(run(t, emit(t, 0x40)), 0x40 | IR_EXIT_PLAIN);
    assert_int_equal(t->env.g64[0], 5050);
    assert_int_equal(t->env.g64[2], 0);
}

/* A TB-local first written late in a loop body, read after the loop exits
 * from its middle: the block temp of the loop head must not share its
 * slot (regression: slots were given out in textual order). */
static void test_local_around_back_edge(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    IrTemp l = ir_new_local(f, IR_I64);
    IrLabel top = ir_new_label(f), out = ir_new_label(f);
    ir_gen_set_label(f, top);
    IrTemp b = ir_new_temp(f, IR_I64);
    ir_gen_binopi(f, IR_ADD, b, t->g64[1], 1);
    ir_gen_mov(f, t->g64[1], b);
    ir_gen_brcond(f, IR_COND_GEU, t->g64[1], ir_const(f, IR_I64, 3), out);
    ir_gen_binopi(f, IR_MUL, l, t->g64[1], 100);
    ir_gen_br(f, top);
    ir_gen_set_label(f, out);
    ir_gen_mov(f, t->g64[2], l);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    memset(&t->env, 0, sizeof(t->env));
    run(t, emit(t, 0));
    assert_int_equal(t->env.g64[1], 3);
    assert_int_equal(t->env.g64[2], 200);
}

/* Thousands of block temps in one TB fit the frame because slots are
 * reused after each temp's last use. */
static void test_many_temps(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    IrTemp acc = t->g64[0];
    for (int k = 0; k < 20000; k++) {
        IrTemp x = ir_new_temp(f, IR_I64);
        ir_gen_binopi(f, IR_ADD, x, acc, (uint64_t)k);
        acc = x;
    }
    ir_gen_mov(f, t->g64[1], acc);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    t->used = t->shared;
    memset(&t->env, 0, sizeof(t->env));
    t->env.g64[0] = 7;
    run(t, emit(t, 0));
    assert_int_equal(t->env.g64[1], 7 + 20000ull * 19999 / 2);
    t->used = t->shared;
}

/* ---- CPU state and guest memory ------------------------------------------- */

static void test_ld_st_env(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    int32_t off = offsetof(TestEnv, fld);
    IrTemp a = ir_new_temp(f, IR_I64), b = ir_new_temp(f, IR_I32);
    ir_gen_ld_env(f, a, off, IR_MO_8 | IR_MO_SIGN);
    ir_gen_mov(f, t->g64[0], a);
    ir_gen_ld_env(f, b, off + 2, IR_MO_16);
    ir_gen_mov(f, t->g32[0], b);
    ir_gen_ld_env(f, a, off, IR_MO_64);
    ir_gen_st_env(f, a, off + 8, IR_MO_64);
    ir_gen_st_env(f, ir_const(f, IR_I32, 0xabcdef12), off + 16, IR_MO_16);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    memset(&t->env, 0, sizeof(t->env));
    t->env.fld[0] = 0x1122334455667788ull;
    t->env.fld[2] = IC_M64;
    run(t, emit(t, 0));
    assert_int_equal(t->env.g64[0], 0xffffffffffffff88ull);
    assert_int_equal(t->env.g32[0], 0x5566);
    assert_int_equal(t->env.fld[1], 0x1122334455667788ull);
    assert_int_equal(t->env.fld[2], 0xffffffffffffef12ull);
}

typedef struct MemCase {
    IrType type;
    IrMemOp mo;
    uint64_t expect;            /* loading bytes 80 81 82 ... 87 */
} MemCase;

static void test_guest_loads(void **state)
{
    T *t = *state;
    static const MemCase cases[] = {
        { IR_I32, IR_MO_8, 0x80 }, { IR_I32, IR_MO_8 | IR_MO_SIGN, 0xffffff80 },
        { IR_I64, IR_MO_8 | IR_MO_SIGN, 0xffffffffffffff80ull },
        { IR_I32, IR_MO_16, 0x8180 }, { IR_I64, IR_MO_16 | IR_MO_SIGN, 0xffffffffffff8180ull },
        { IR_I32, IR_MO_16 | IR_MO_BE, 0x8081 }, { IR_I32, IR_MO_16 | IR_MO_BE | IR_MO_SIGN, 0xffff8081 },
        { IR_I32, IR_MO_32, 0x83828180 }, { IR_I64, IR_MO_32, 0x83828180 },
        { IR_I64, IR_MO_32 | IR_MO_SIGN, 0xffffffff83828180ull },
        { IR_I64, IR_MO_32 | IR_MO_BE, 0x80818283 },
        { IR_I64, IR_MO_64, 0x8786858483828180ull },
        { IR_I64, IR_MO_64 | IR_MO_BE, 0x8081828384858687ull },
    };
    for (unsigned off = 0; off < 2; off++) {              /* aligned, unaligned */
        for (unsigned i = 0; i < 8; i++)
            t->guest[0x100 + off + i] = (uint8_t)(0x80 + i);
        for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            const MemCase *c = &cases[i];
            IrTemp d = ir_new_temp(t->f, c->type);
            /* Bits above addr_bits are masked off. */
            ir_gen_ld(t->f, d, ir_const(t->f, IR_I64, 0xabcd00000100ull + off), c->mo);
            ir_gen_mov(t->f, c->type == IR_I64 ? t->g64[0] : t->g32[0], d);
            ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
            memset(&t->env, 0, sizeof(t->env));
            run(t, emit(t, 0));
            uint64_t v = c->type == IR_I64 ? t->env.g64[0] : t->env.g32[0];
            if (v != c->expect)
                fail_msg("load case %u off %u: %#llx", i, off, (unsigned long long)v);
        }
    }
}

static void test_guest_stores(void **state)
{
    T *t = *state;
    static const struct { IrType type; IrMemOp mo; const char *bytes; } cases[] = {
        { IR_I32, IR_MO_8, "\x08\xee\xee\xee\xee\xee\xee\xee" },
        { IR_I32, IR_MO_16, "\x08\x07\xee\xee\xee\xee\xee\xee" },
        { IR_I32, IR_MO_16 | IR_MO_BE, "\x07\x08\xee\xee\xee\xee\xee\xee" },
        { IR_I32, IR_MO_32, "\x08\x07\x06\x05\xee\xee\xee\xee" },
        { IR_I64, IR_MO_32 | IR_MO_BE, "\x05\x06\x07\x08\xee\xee\xee\xee" },
        { IR_I64, IR_MO_64, "\x08\x07\x06\x05\x04\x03\x02\x01" },
        { IR_I64, IR_MO_64 | IR_MO_BE, "\x01\x02\x03\x04\x05\x06\x07\x08" },
    };
    for (unsigned off = 0; off < 2; off++) {
        for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            memset(t->guest + 0x200, 0xee, 16);
            IrTemp v = ir_const(t->f, cases[i].type, 0x0102030405060708ull);
            ir_gen_st(t->f, v, ir_const(t->f, IR_I64, 0x200 + off), cases[i].mo);
            ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
            run(t, emit(t, 0));
            assert_memory_equal(t->guest + 0x200 + off, cases[i].bytes, 8);
        }
    }
}

static void test_cmpxchg(void **state)
{
    T *t = *state;
    static const struct {
        IrType type; IrMemOp mo; uint64_t mem, cmp, nv, old, after;
    } cases[] = {
        { IR_I64, IR_MO_64, 5, 5, 9, 5, 9 },
        { IR_I64, IR_MO_64, 5, 6, 9, 5, 5 },
        { IR_I32, IR_MO_32, 0xfffffffe, 0xfffffffe, 1, 0xfffffffe, 1 },
        /* The old value, extended per memop, is compared with all of cmpv. */
        { IR_I64, IR_MO_32 | IR_MO_SIGN, 0x80000000, 0xffffffff80000000ull, 7, 0xffffffff80000000ull, 7 },
        { IR_I64, IR_MO_32 | IR_MO_SIGN, 0x80000000, 0x80000000, 7, 0xffffffff80000000ull, 0x80000000 },
        { IR_I64, IR_MO_8, 0x12, 0xff12, 0x34, 0x12, 0x12 },
        { IR_I64, IR_MO_8, 0x12, 0x12, 0xff34, 0x12, 0x34 },
        { IR_I32, IR_MO_16 | IR_MO_SIGN, 0x8001, 0xffff8001, 0x1234, 0xffff8001, 0x1234 },
        { IR_I32, IR_MO_16 | IR_MO_SIGN, 0x8001, 0x8001, 0x1234, 0xffff8001, 0x8001 },
        { IR_I32, IR_MO_16, 0x8001, 0x8001, 0x1234, 0x8001, 0x1234 },
        { IR_I64, IR_MO_32 | IR_MO_BE, 0x78563412, 0x12345678, 0x0a0b0c0d, 0x12345678, 0x0d0c0b0a },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t m = cases[i].mem;
        memcpy(t->guest + 0x300, &m, 8);
        IrType ty = cases[i].type;
        IrTemp old = ir_new_temp(t->f, ty);
        ir_gen_cmpxchg(t->f, old, ir_const(t->f, IR_I64, 0x300), ir_const(t->f, ty, cases[i].cmp),
                       ir_const(t->f, ty, cases[i].nv), cases[i].mo);
        ir_gen_mov(t->f, ty == IR_I64 ? t->g64[0] : t->g32[0], old);
        ir_gen_mb(t->f, IR_MB_ALL);
        ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
        memset(&t->env, 0, sizeof(t->env));
        run(t, emit(t, 0));
        uint64_t got = ty == IR_I64 ? t->env.g64[0] : t->env.g32[0];
        memcpy(&m, t->guest + 0x300, 8);
        if (got != cases[i].old || m != cases[i].after)
            fail_msg("cmpxchg case %u: old %#llx mem %#llx", i, (unsigned long long)got,
                     (unsigned long long)m);
    }
}

/* ---- Helper calls ---------------------------------------------------------- */

static uint64_t seen[6];
static int nseen;

static uint64_t hc0(void) { nseen = 0; return 0x1122334455667788ull; }
static uint32_t hc1(uint32_t a) { seen[0] = a; nseen = 1; return a * 3 + 1; }
static uint64_t hc2(uint64_t a, uint32_t b) { seen[0] = a; seen[1] = b; nseen = 2; return a ^ ((uint64_t)b << 32); }
static void hc3(uint32_t a, uint64_t b, uint32_t c) { seen[0] = a; seen[1] = b; seen[2] = c; nseen = 3; }
static uint32_t hc4(uint64_t a, uint64_t b, uint32_t c, uint32_t d)
{
    seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; nseen = 4;
    return (uint32_t)(a + b + c + d);
}
static uint64_t hc5(uint32_t a, uint64_t b, uint32_t c, uint64_t d, uint32_t e)
{
    seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; nseen = 5;
    return a + b * 2 + (uint64_t)c * 3 + d * 4 + (uint64_t)e * 5;
}
static uint64_t hc6(uint64_t a, uint32_t b, uint64_t c, uint32_t d, uint64_t e, uint32_t f)
{
    seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; seen[5] = f; nseen = 6;
    return a - b - c - d - e - f;
}

#define I4 IR_I32
#define I8 IR_I64
static IrHelper helpers[7] = {
    { "hc0", (void *)hc0, 0, I8, 0, { 0 } },
    { "hc1", (void *)hc1, 0, I4, 1, { I4 } },
    { "hc2", (void *)hc2, 0, I8, 2, { I8, I4 } },
    { "hc3", (void *)hc3, IR_HF_SIDE_EFFECTS, IR_VOID, 3, { I4, I8, I4 } },
    { "hc4", (void *)hc4, 0, I4, 4, { I8, I8, I4, I4 } },
    { "hc5", (void *)hc5, 0, I8, 5, { I4, I8, I4, I8, I4 } },
    { "hc6", (void *)hc6, 0, I8, 6, { I8, I4, I8, I4, I8, I4 } },
};

static uint64_t call_expect(unsigned n, const uint64_t *a)
{
    switch (n) {
    case 0: return 0x1122334455667788ull;
    case 1: return (uint32_t)(a[0] * 3 + 1);
    case 2: return a[0] ^ (a[1] << 32);
    case 4: return (uint32_t)(a[0] + a[1] + a[2] + a[3]);
    case 5: return a[0] + a[1] * 2 + a[2] * 3 + a[3] * 4 + a[4] * 5;
    case 6: return a[0] - a[1] - a[2] - a[3] - a[4] - a[5];
    default: return 0;
    }
}

static void test_calls(void **state)
{
    T *t = *state;
    for (unsigned n = 0; n <= 6; n++) {
        const IrHelper *h = &helpers[n];
        uint64_t vals[6];
        IrTemp args[6];
        for (unsigned i = 0; i < h->nargs; i++) {
            vals[i] = 0xf0e1d2c3b4a59687ull * (i + 1) + n;
            if (h->args[i] == IR_I32)
                vals[i] = (uint32_t)vals[i];
            /* Alternate operand kinds: constants, globals. */
            if (i & 1) {
                args[i] = ir_const(t->f, (IrType)h->args[i], vals[i]);
            } else if (h->args[i] == IR_I64) {
                args[i] = t->g64[i];
                t->env.g64[i] = vals[i];
            } else {
                args[i] = t->g32[i];
                t->env.g32[i] = (uint32_t)vals[i];
            }
        }
        IrTemp ret = IR_NO_TEMP, out = IR_NO_TEMP;
        if (h->ret != IR_VOID) {
            ret = ir_new_temp(t->f, (IrType)h->ret);
            out = h->ret == IR_I64 ? t->g64[7] : t->g32[7];
        }
        ir_gen_call(t->f, h, ret, args);
        if (ret != IR_NO_TEMP)
            ir_gen_mov(t->f, out, ret);
        ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
        nseen = -1;
        run(t, emit(t, 0));
        assert_int_equal(nseen, h->nargs);
        for (unsigned i = 0; i < h->nargs; i++)
            assert_int_equal(seen[i], vals[i]);
        if (h->ret == IR_I64)
            assert_int_equal(t->env.g64[7], call_expect(n, vals));
        else if (h->ret == IR_I32)
            assert_int_equal(t->env.g32[7], call_expect(n, vals));
        assert_non_null(h->cache);
    }
}

/* A helper that writes a global through env: the next op must see it. */
static void helper_bump(void *env) { ((TestEnv *)env)->g64[3] += 100; }
static IrHelper h_bump = { "bump", (void *)helper_bump, IR_HF_WRITES_GLOBALS, IR_VOID, 1, { IR_I64 } };

static void test_call_env(void **state)
{
    T *t = *state;
    IrTemp env = IR_TEMP_ENV;
    ir_gen_binopi(t->f, IR_ADD, t->g64[3], t->g64[3], 1);
    ir_gen_call(t->f, &h_bump, IR_NO_TEMP, &env);
    ir_gen_binopi(t->f, IR_ADD, t->g64[4], t->g64[3], 1000);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    memset(&t->env, 0, sizeof(t->env));
    run(t, emit(t, 0));
    assert_int_equal(t->env.g64[3], 101);
    assert_int_equal(t->env.g64[4], 1101);
}

/* ---- TB exits and chaining -------------------------------------------------- */

/* g0 += step; goto_tb slot to 0x4000 + cookie (g7 is the pc field). */
static uintptr_t emit_step(T *t, unsigned slot, uintptr_t cookie, uint64_t step)
{
    ir_gen_insn_start(t->f, 0x4000);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], step);
    ir_gen_goto_tb(t->f, slot, 0x4000 + cookie);
    return emit(t, cookie);
}

static void test_goto_tb_chain(void **state)
{
    T *t = *state;
    memset(&t->env, 0, sizeof(t->env));
    uintptr_t a = emit_step(t, 1, 0x1000, 1);
    uint32_t slot = t->out.jmp_slot[1];
    assert_int_equal(t->out.jmp_slot[0], BACKEND_NO_SLOT);
    assert_int_equal((a + slot) % 8, 0);
    uintptr_t b = emit_step(t, 0, 0x2000, 1000);
    uint32_t bslot = t->out.jmp_slot[0];

    assert_int_equal(run(t, a), 0x1000 | IR_EXIT_SLOT1);
    assert_int_equal(t->env.g64[0], 1);
    assert_int_equal(t->env.g64[7], 0x5000);
    t->b->patch_jump((uint8_t *)a + slot, a + slot, b);          /* a -> b */
    assert_int_equal(run(t, a), 0x2000 | IR_EXIT_SLOT0);
    assert_int_equal(t->env.g64[0], 1002);
    assert_int_equal(t->env.g64[7], 0x6000);
    t->b->patch_jump((uint8_t *)b + bslot, b + bslot, a);        /* a <-> b */
    t->b->patch_jump((uint8_t *)a + slot, a + slot, 0);          /* unchain a */
    t->env.g64[7] = 0;
    assert_int_equal(run(t, b), 0x1000 | IR_EXIT_SLOT1);
    assert_int_equal(t->env.g64[0], 2003);
    assert_int_equal(t->env.g64[7], 0x5000);  /* through b, chained, to a: a stored it */
}

/* A TB chained to itself loops without returning until its brcond exits. */
static void test_goto_tb_self_loop(void **state)
{
    T *t = *state;
    IrLabel done = ir_new_label(t->f);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], 3);
    ir_gen_brcond(t->f, IR_COND_GEU, t->g64[0], ir_const(t->f, IR_I64, 3000), done);
    ir_gen_goto_tb(t->f, 0, 0x3000);
    ir_gen_set_label(t->f, done);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    uintptr_t a = emit(t, 0x3000);
    uint32_t slot = t->out.jmp_slot[0];
    t->b->patch_jump((uint8_t *)a + slot, a + slot, a);
    memset(&t->env, 0, sizeof(t->env));
    assert_int_equal(run(t, a), 0x3000 | IR_EXIT_PLAIN);
    assert_int_equal(t->env.g64[0], 3000);
}

/* GOTO_TB_IF through slot 1 (its slot 8-aligned at every start offset):
 * a block temp made before it is read after it; taken it stores the pc
 * and leaves with slot 1 until chained; i32 conditions too. */
static void test_goto_tb_if(void **state)
{
    T *t = *state;
    for (unsigned pad = 0; pad < 2; pad++) {
        IrTemp x = ir_new_temp(t->f, IR_I64);
        if (pad)                                   /* 12 bytes: 4 mod 8 */
            ir_gen_mov(t->f, t->g64[2], t->g64[1]);
        ir_gen_binopi(t->f, IR_MUL, x, t->g64[0], 3);
        ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], 1);
        ir_gen_goto_tb_if(t->f, IR_COND_LT, t->g32[1], ir_const(t->f, IR_I32, 5), 1, 0x7000);
        ir_gen_binop(t->f, IR_ADD, t->g64[3], x, t->g64[0]);
        ir_gen_goto_tb(t->f, 0, 0x8000);
        uintptr_t a = emit(t, 0x6000);
        uint32_t slot = t->out.jmp_slot[1];
        assert_int_not_equal(slot, BACKEND_NO_SLOT);
        assert_int_equal((a + slot) % 8, 0);
        memset(&t->env, 0, sizeof(t->env));
        t->env.g64[0] = 10;
        t->env.g32[1] = 0xfffffffbu;              /* -5 < 5 */
        assert_int_equal(run(t, a), 0x6000 | IR_EXIT_SLOT1);
        assert_int_equal(t->env.g64[0], 11);
        assert_int_equal(t->env.g64[7], 0x7000);
        assert_int_equal(t->env.g64[3], 0);
        t->env.g32[1] = 5;
        assert_int_equal(run(t, a), 0x6000 | IR_EXIT_SLOT0);
        assert_int_equal(t->env.g64[3], 33 + 12);
        assert_int_equal(t->env.g64[7], 0x8000);
        ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
        uintptr_t b = emit(t, 0x9000);
        t->b->patch_jump((uint8_t *)a + slot, a + slot, b);
        t->env.g32[1] = 0;
        t->env.g64[7] = 0;
        assert_int_equal(run(t, a), 0x9000 | IR_EXIT_PLAIN);
        assert_int_equal(t->env.g64[7], 0);       /* chained: no pc stored */
    }
}

static void test_lookup_and_goto(void **state)
{
    T *t = *state;
    ir_gen_binopi(t->f, IR_ADD, t->g64[1], t->g64[1], 0x77);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    uintptr_t target = emit(t, 0x5000);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], 5);
    ir_gen_lookup_and_goto(t->f);
    uintptr_t a = emit(t, 0x6000);

    memset(&t->env, 0, sizeof(t->env));
    t->env.lookup_result = target;                   /* hit */
    assert_int_equal(run(t, a), 0x5000 | IR_EXIT_PLAIN);
    assert_int_equal(t->env.g64[0], 5);
    assert_int_equal(t->env.g64[1], 0x77);
    t->env.lookup_result = 0;                        /* miss */
    assert_int_equal(run(t, a), 0);
    assert_int_equal(t->env.g64[0], 10);
    assert_int_equal(t->env.g64[1], 0x77);
    assert_int_equal(t->env.lookup_calls, 2);
}

/* ---- Faults, insn_end, sizes, disassembly ---------------------------------- */

static sigjmp_buf fault_jmp;
static uintptr_t fault_seen;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_seen = cur->b->fault_pos(cur->be, 0);
    siglongjmp(fault_jmp, 1);
}

static void test_fault_pos(void **state)
{
    T *t = *state;
    IrFunc *f = t->f;
    IrTemp v = ir_new_temp(f, IR_I64);
    ir_gen_insn_start(f, 0x100);
    ir_gen_binopi(f, IR_ADD, t->g64[0], t->g64[0], 1);
    ir_gen_insn_start(f, 0x104);
    ir_gen_ld(f, v, ir_const(f, IR_I64, PAGE + 8), IR_MO_64);   /* faults */
    ir_gen_mov(f, t->g64[1], v);
    ir_gen_insn_start(f, 0x108);
    ir_gen_st(f, v, ir_const(f, IR_I64, 0), IR_MO_64);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    uintptr_t a = emit(t, 0);
    assert_true(t->insn_end[0] < t->insn_end[1] && t->insn_end[1] < t->insn_end[2]);
    assert_true(t->insn_end[2] <= t->out.code_size);

    struct sigaction sa = { 0 }, old;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);
    memset(&t->env, 0, sizeof(t->env));
    fault_seen = 0;
    if (!sigsetjmp(fault_jmp, 1))
        run(t, a);
    sigaction(SIGSEGV, &old, NULL);

    assert_int_equal(t->env.g64[0], 1);              /* insn 0 completed */
    assert_true(fault_seen >= a + t->insn_end[0] && fault_seen < a + t->insn_end[1]);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    run(t, emit(t, 0));
    assert_int_equal(t->b->fault_pos(t->be, 0), 0);  /* cleared on return */
}

static sigjmp_buf bus_jmp;
static uintptr_t bus_pos, bus_addr;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    bus_pos = cur->b->fault_pos(cur->be, 0);
    bus_addr = (uintptr_t)si->si_addr;
    siglongjmp(bus_jmp, 1);
}

/* One access with 8-byte alignment required at guest address addr. */
static void align_case(T *t, IrOpcode opc, uint64_t addr, bool faults)
{
    IrMemOp mo = IR_MO_64 | 3u << IR_MO_ALIGN_SHIFT;
    IrTemp v = ir_new_temp(t->f, IR_I64), a = ir_const(t->f, IR_I64, addr);
    ir_gen_insn_start(t->f, 0x100);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], 1);
    ir_gen_insn_start(t->f, 0x104);
    if (opc == IR_LD)
        ir_gen_ld(t->f, v, a, mo);
    else if (opc == IR_ST)
        ir_gen_st(t->f, t->g64[0], a, mo);
    else
        ir_gen_cmpxchg(t->f, v, a, t->g64[1], t->g64[0], mo);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], 1);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    uintptr_t entry = emit(t, 0);
    memset(&t->env, 0, sizeof(t->env));
    bus_pos = bus_addr = 0;
    if (!sigsetjmp(bus_jmp, 1))
        run(t, entry);
    if (!faults) {
        assert_int_equal(t->env.g64[0], 2);
        assert_int_equal(bus_pos, 0);
        return;
    }
    assert_int_equal(t->env.g64[0], 1);
    assert_int_equal(bus_addr, (uintptr_t)t->guest + addr);
    assert_true(bus_pos >= entry + t->insn_end[0] && bus_pos < entry + t->insn_end[1]);
}

/* A memop's required alignment: a misaligned access raises SIGBUS at the
 * guest address, with the op as fault position; aligned ones run. */
static void test_alignment_fault(void **state)
{
    T *t = *state;
    struct sigaction sa = { 0 }, old;
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGBUS, &sa, &old);
    align_case(t, IR_LD, 0x108, false);
    align_case(t, IR_LD, 0x104, true);
    align_case(t, IR_ST, 0x110, false);
    align_case(t, IR_ST, 0x10c, true);
    align_case(t, IR_CMPXCHG, 0x118, false);
    align_case(t, IR_CMPXCHG, 0x119, true);
    sigaction(SIGBUS, &old, NULL);
}

static void test_region_too_small(void **state)
{
    T *t = *state;
    for (int k = 0; k < 50; k++)
        ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[0], (uint64_t)k);
    ir_gen_exit_tb(t->f, IR_EXIT_PLAIN);
    BackendTbOut out = { 0 };
    uint8_t *small = aligned_alloc(16, 256);
    assert_false(t->b->emit_tb(t->be, t->f, 0, (BackendCode){ small, (uintptr_t)small, 256 }, &out));
    uint8_t *big = aligned_alloc(16, 4096);
    assert_true(t->b->emit_tb(t->be, t->f, 0, (BackendCode){ big, (uintptr_t)big, 4096 }, &out));
    assert_true(out.code_size > 256 && out.code_size <= 4096);
    memset(&t->env, 0, sizeof(t->env));
    t->b->enter(t->be, &t->env, (uintptr_t)big);
    assert_int_equal(t->env.g64[0], 50 * 49 / 2);
    ir_func_reset(t->f);
    free(small);
    free(big);
}

static void test_disas(void **state)
{
    T *t = *state;
    IrLabel l = ir_new_label(t->f);
    IrTemp x = ir_new_temp(t->f, IR_I32);
    ir_gen_binopi(t->f, IR_ADD, t->g64[0], t->g64[1], 0x1234);
    ir_gen_extract(t->f, x, t->g32[0], 4, 8);
    ir_gen_brcond(t->f, IR_COND_LTU, x, ir_const(t->f, IR_I32, 3), l);
    ir_gen_call(t->f, &helpers[1], x, &x);
    ir_gen_set_label(t->f, l);
    ir_gen_goto_tb_if(t->f, IR_COND_EQ, t->g64[0], ir_const(t->f, IR_I64, 9), 1, 0x4e00);
    ir_gen_goto_tb(t->f, 0, 0x4f00);
    uintptr_t a = emit(t, 0xabc000);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    t->b->disas(m, (const uint8_t *)a, a, t->out.code_size);
    fclose(m);
    static const char *const want[] = {
        "add_i64 env+0x0, env+0x8, $0x1234", "extract_i32 f1, env+0x40, 4, 8",
        "brcond_i32 f1, $0x3, ltu ->", "call_i64 hc1 -> f1 (f1)",
        "goto_tb_i64 0 -> 0x0, else pc = 0x4f00, 0xabc000 | 0",
        "goto_tb_if_i64 env+0x0, $0x9, eq: 1 -> 0x0, else pc = 0x4e00, 0xabc000 | 1", "pool,",
    };
    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(buf, want[i]))
            fail_msg("disas lacks \"%s\":\n%s", want[i], buf);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_cover_pure_ops),
        cmocka_unit_test_setup_teardown(test_op_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_movcond_brcond, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_vs_ir_eval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_shift_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_i32_slot_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_around_back_edge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_temps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ld_st_env, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guest_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guest_stores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cmpxchg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_env, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goto_tb_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goto_tb_self_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goto_tb_if, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_and_goto, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_pos, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alignment_fault, setup, teardown),
        cmocka_unit_test_setup_teardown(test_region_too_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disas, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
