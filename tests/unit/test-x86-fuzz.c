/* tests/unit/test-x86-fuzz.c — differential test: x86-64 JIT vs interpreter.
 *
 * Random well-formed IrFuncs (pure ops of both types on globals, TB-locals,
 * block temps and constants; forward branches and labels; guest loads and
 * stores; helper calls with each global-access flag) run on both backends
 * from the same env and guest memory; every global, env word and memory
 * byte must agree.  The interpreter is the oracle (it is simple and tested
 * on its own); long random sequences exercise what hand-written cases do
 * not: register pressure, spills across calls, syncs at block ends.
 * Seeds are fixed, so a failure is reproducible: TERN_FUZZ_SEED and
 * TERN_FUZZ_ITERS override them.
 */
#define _GNU_SOURCE
#include <setjmp.h>
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

enum { NG = 8, NW = 4, MEM_SIZE = 4096, CODE = 1 << 20 };

typedef struct FuzzEnv {
    uint64_t g[NG];
    uint32_t w[NW];
    uint64_t helper_seen;
} FuzzEnv;

typedef struct Runner {
    const Backend *b;
    void *be;
    uint8_t *rw, *rx;
    size_t used;
} Runner;

static Runner jit, interp;
static uint8_t *gmem_jit, *gmem_interp;
static IrFunc *fn;
static IrTemp G[NG], W[NW];
static uint64_t rng;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

/* ---- Helpers the IR calls --------------------------------------------------- */
/* Not const: a backend may fill IrHelper.cache. */

static uint64_t h_mix(uint64_t a, uint64_t b, uint64_t c) { return a * 31 + (b ^ (c >> 3)); }
static uint64_t h_read(void *env, uint64_t a)
{
    FuzzEnv *e = env;
    return a + e->g[0] + e->g[5] + e->w[1];
}
static void h_write(void *env, uint64_t a)
{
    FuzzEnv *e = env;
    e->g[1] ^= a;
    e->w[2] += (uint32_t)a;
    e->helper_seen += e->g[3];
}
static uint32_t h_w32(uint32_t a, uint32_t b) { return a * 7 - b; }

static IrHelper H_MIX = { "mix", (void *)h_mix, 0, IR_I64, 3, { IR_I64, IR_I64, IR_I64 } };
static IrHelper H_READ = { "read", (void *)h_read, IR_HF_READS_GLOBALS, IR_I64, 2,
                                 { IR_I64, IR_I64 } };
static IrHelper H_WRITE = { "write", (void *)h_write,
                                  IR_HF_WRITES_GLOBALS | IR_HF_READS_GLOBALS | IR_HF_SIDE_EFFECTS,
                                  IR_VOID, 2, { IR_I64, IR_I64 } };
static IrHelper H_W32 = { "w32", (void *)h_w32, 0, IR_I32, 2, { IR_I32, IR_I32 } };

/* ---- Random IR ------------------------------------------------------------------ */

typedef struct Gen {
    IrTemp block[2][64];       /* block temps of the current BB, per type */
    unsigned nblock[2];
    IrTemp local[2][8];        /* TB-locals, written at the start */
    IrLabel pending[8];        /* forward labels not yet placed */
    unsigned npending;
    bool in_loop;              /* no labels or branches inside loop bodies */
} Gen;

static const uint64_t consts[] = {
    0, 1, 2, 7, 31, 32, 63, 0xff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x8000000000000000ull, ~0ull, 0x123456789abcdef0ull, (uint64_t)-2,
};

static IrTemp pick_in(Gen *g, IrType t)
{
    unsigned ti = t == IR_I64;
    switch (rndn(5)) {
    case 0:
        return ir_const(fn, t, consts[rndn(sizeof(consts) / sizeof(consts[0]))]);
    case 1:
        return g->local[ti][rndn(8)];
    case 2:
        if (g->nblock[ti])
            return g->block[ti][rndn(g->nblock[ti])];
        /* fall through */
    default:
        return t == IR_I64 ? G[rndn(NG)] : W[rndn(NW)];
    }
}

static IrTemp pick_out(Gen *g, IrType t)
{
    unsigned ti = t == IR_I64;
    unsigned k = rndn(4);
    if (k == 0)
        return g->local[ti][rndn(8)];
    if (k == 1)
        return t == IR_I64 ? G[rndn(NG)] : W[rndn(NW)];
    if (g->nblock[ti] < 64) {
        IrTemp n = ir_new_temp(fn, t);
        g->block[ti][g->nblock[ti]++] = n;
        return n;
    }
    return g->block[ti][rndn(64)];
}

static const IrOpcode binops[] = {
    IR_ADD, IR_SUB, IR_MUL, IR_MULSH, IR_MULUH, IR_DIVS, IR_DIVU, IR_AND, IR_OR,
    IR_XOR, IR_ANDC, IR_ORC, IR_EQV,
};
static const IrOpcode shifts[] = { IR_SHL, IR_SHR, IR_SAR, IR_ROTR };
static const IrOpcode unops[] = {
    IR_MOV, IR_NEG, IR_NOT, IR_EXT8S, IR_EXT8U, IR_EXT16S, IR_EXT16U, IR_CLZ, IR_CTZ,
    IR_CTPOP, IR_BSWAP,
};

/* Inputs are always picked before the output: a new block temp must not
 * be read by the op that defines it. */
static void gen_binop(Gen *g, IrOpcode opc, IrType t)
{
    IrTemp a = pick_in(g, t), b = pick_in(g, t);
    ir_gen_binop(fn, opc, pick_out(g, t), a, b);
}

static void gen_unop(Gen *g, IrOpcode opc, IrType dt, IrType st)
{
    IrTemp a = pick_in(g, st);
    ir_gen_unop(fn, opc, pick_out(g, dt), a);
}

static void gen_shift(Gen *g, IrType t)
{
    IrTemp n = pick_in(g, t), a = pick_in(g, t);
    IrTemp m = ir_new_temp(fn, t);
    ir_gen_binop(fn, IR_AND, m, n, ir_const(fn, t, t == IR_I64 ? 63 : 31));
    ir_gen_binop(fn, shifts[rndn(4)], pick_out(g, t), a, m);
}

static void gen_field(Gen *g, IrType t)
{
    unsigned w = t == IR_I64 ? 64 : 32;
    unsigned pos = rndn(w), len = 1 + rndn(w - pos);
    unsigned k = rndn(3);
    IrTemp a = pick_in(g, t), b = pick_in(g, t);
    if (k == 0)
        ir_gen_extract(fn, pick_out(g, t), a, pos, len);
    else if (k == 1)
        ir_gen_sextract(fn, pick_out(g, t), a, pos, len);
    else
        ir_gen_deposit(fn, pick_out(g, t), a, b, pos, len);
}

static void gen_cond(Gen *g, IrType t, bool mov)
{
    IrCond c = (IrCond)rndn(IR_NUM_CONDS);
    IrTemp a = pick_in(g, t), b = pick_in(g, t), v1 = pick_in(g, t), v2 = pick_in(g, t);
    if (mov)
        ir_gen_movcond(fn, c, pick_out(g, t), a, b, v1, v2);
    else
        ir_gen_setcond(fn, c, pick_out(g, t), a, b);
}

static void gen_mem(Gen *g)
{
    IrType t = rndn(2) ? IR_I64 : IR_I32;
    IrMemOp mo = rndn(t == IR_I64 ? 4 : 3) | (rndn(2) ? IR_MO_BE : 0);
    if ((mo & IR_MO_SIZE) < (t == IR_I64 ? 3u : 2u) && rndn(2))
        mo |= IR_MO_SIGN;
    IrTemp addr = ir_new_temp(fn, IR_I64);
    ir_gen_binop(fn, IR_AND, addr, pick_in(g, IR_I64), ir_const(fn, IR_I64, MEM_SIZE - 8));
    IrTemp v1 = pick_in(g, t), v2 = pick_in(g, t);
    if (rndn(3) == 0)
        ir_gen_cmpxchg(fn, pick_out(g, t), addr, v1, v2, mo);
    else if (rndn(2))
        ir_gen_ld(fn, pick_out(g, t), addr, mo);
    else
        ir_gen_st(fn, v1, addr, mo);
}

static void gen_call(Gen *g)
{
    IrTemp args[3];
    switch (rndn(4)) {
    case 0:
        for (int i = 0; i < 3; i++)
            args[i] = pick_in(g, IR_I64);
        ir_gen_call(fn, &H_MIX, pick_out(g, IR_I64), args);   /* args picked first */
        break;
    case 1:
        args[0] = IR_TEMP_ENV;
        args[1] = pick_in(g, IR_I64);
        ir_gen_call(fn, &H_READ, pick_out(g, IR_I64), args);
        break;
    case 2:
        args[0] = IR_TEMP_ENV;
        args[1] = pick_in(g, IR_I64);
        ir_gen_call(fn, &H_WRITE, IR_NO_TEMP, args);
        break;
    default:
        args[0] = pick_in(g, IR_I32);
        args[1] = pick_in(g, IR_I32);
        ir_gen_call(fn, &H_W32, pick_out(g, IR_I32), args);
        break;
    }
}

/* A block end: block temps die. */
static void bb_end(Gen *g)
{
    g->nblock[0] = g->nblock[1] = 0;
}

static void gen_one(Gen *g);

/* A counted loop (backward branch) around a few straight-line ops. */
static void gen_loop(Gen *g)
{
    IrTemp n = ir_new_local(fn, IR_I64);
    IrLabel top = ir_new_label(fn);
    unsigned body = 1 + rndn(12), iters = 1 + rndn(5);
    ir_gen_mov(fn, n, ir_const(fn, IR_I64, 0));
    ir_gen_set_label(fn, top);
    bb_end(g);
    g->in_loop = true;
    for (unsigned i = 0; i < body; i++)
        gen_one(g);
    g->in_loop = false;
    ir_gen_binop(fn, IR_ADD, n, n, ir_const(fn, IR_I64, 1));
    ir_gen_brcond(fn, IR_COND_LTU, n, ir_const(fn, IR_I64, iters), top);
    bb_end(g);
}

static void gen_control(Gen *g)
{
    IrType t = rndn(2) ? IR_I64 : IR_I32;
    if (g->in_loop)
        return;
    if (rndn(4) == 0) {
        gen_loop(g);
    } else if (g->npending && rndn(2)) {
        unsigned i = rndn(g->npending);
        ir_gen_set_label(fn, g->pending[i]);
        g->pending[i] = g->pending[--g->npending];
    } else if (g->npending < 8) {
        IrLabel l = ir_new_label(fn);
        g->pending[g->npending++] = l;
        ir_gen_brcond(fn, (IrCond)rndn(IR_NUM_CONDS), pick_in(g, t), pick_in(g, t), l);
    }
    bb_end(g);
}

static void gen_one(Gen *g)
{
    IrType t = rndn(2) ? IR_I64 : IR_I32;
    unsigned k = rndn(100);
    if (k < 30)
        gen_binop(g, binops[rndn(sizeof(binops) / sizeof(binops[0]))], t);
    else if (k < 38)
        gen_shift(g, t);
    else if (k < 50)
        gen_unop(g, unops[rndn(sizeof(unops) / sizeof(unops[0]))], t, t);
    else if (k < 55)
        gen_unop(g, rndn(2) ? IR_EXTU_I32 : IR_EXTS_I32, IR_I64, IR_I32);
    else if (k < 58)
        gen_unop(g, IR_TRUNC_I64, IR_I32, IR_I64);
    else if (k < 66)
        gen_field(g, t);
    else if (k < 72)
        gen_cond(g, t, false);
    else if (k < 78)
        gen_cond(g, t, true);
    else if (k < 88)
        gen_mem(g);
    else if (k < 93)
        gen_call(g);
    else
        gen_control(g);
}

static void gen_func(unsigned nops)
{
    Gen g = { 0 };
    ir_func_reset(fn);
    for (int ti = 0; ti < 2; ti++)
        for (int i = 0; i < 8; i++) {
            IrType t = ti ? IR_I64 : IR_I32;
            g.local[ti][i] = ir_new_local(fn, t);
            ir_gen_mov(fn, g.local[ti][i], ir_const(fn, t, rnd()));
        }
    for (unsigned i = 0; i < nops; i++)
        gen_one(&g);
    while (g.npending)
        ir_gen_set_label(fn, g.pending[--g.npending]);
    /* Make the locals observable. */
    for (int i = 0; i < 8; i++)
        ir_gen_binop(fn, IR_XOR, G[i], G[i], g.local[1][i]);
    for (int i = 0; i < NW; i++)
        ir_gen_binop(fn, IR_ADD, W[i], W[i], g.local[0][i]);
    ir_gen_exit_tb(fn, IR_EXIT_PLAIN);
}

/* ---- Running ---------------------------------------------------------------------- */

static uintptr_t no_lookup(void *env) { return 0; }

static void runner_open(Runner *r, const Backend *b, uint8_t *gmem)
{
    int fd = memfd_create("tern-fuzz", 0);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CODE), 0);
    r->rw = mmap(NULL, CODE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    r->rx = mmap(NULL, CODE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    assert_true(r->rw != MAP_FAILED && r->rx != MAP_FAILED);
    BackendMem mem = { (uintptr_t)gmem, 32 };
    BackendCode code = { r->rw, (uintptr_t)r->rx, CODE };
    r->b = b;
    BackendLookup lookup = { .fn = no_lookup };
    r->be = b->create(&mem, &lookup, code, &r->used);
    assert_non_null(r->be);
    r->used = (r->used + 63) & ~(size_t)63;
}

static void runner_run(Runner *r, FuzzEnv *env)
{
    BackendTbOut out = { 0 };
    BackendCode code = { r->rw + r->used, (uintptr_t)r->rx + r->used, CODE - r->used };
    ir_liveness(fn);
    assert_true(r->b->emit_tb(r->be, fn, 0x100, code, &out));
    assert_int_equal(r->b->enter(r->be, env, code.rx), 0x100 | IR_EXIT_PLAIN);
}

static void fuzz_one(unsigned nops)
{
    gen_func(nops);
    if (!ir_verify(fn, stderr))
        fail_msg("generator made invalid IR");
    FuzzEnv e0;
    for (int i = 0; i < NG; i++)
        e0.g[i] = consts[rndn(sizeof(consts) / sizeof(consts[0]))] ^ (rndn(2) ? rnd() : 0);
    for (int i = 0; i < NW; i++)
        e0.w[i] = (uint32_t)rnd();
    e0.helper_seen = 0;
    for (int i = 0; i < MEM_SIZE; i++)
        gmem_jit[i] = gmem_interp[i] = (uint8_t)rnd();
    FuzzEnv ej = e0, ei = e0;
    runner_run(&interp, &ei);
    runner_run(&jit, &ej);
    if (memcmp(&ej, &ei, sizeof(ej)) || memcmp(gmem_jit, gmem_interp, MEM_SIZE)) {
        ir_print(fn, stderr);
        for (int i = 0; i < NG; i++)
            fprintf(stderr, "g%d jit %#llx interp %#llx\n", i, (unsigned long long)ej.g[i],
                    (unsigned long long)ei.g[i]);
        for (int i = 0; i < NW; i++)
            fprintf(stderr, "w%d jit %#x interp %#x\n", i, ej.w[i], ei.w[i]);
        fail_msg("JIT and interpreter disagree (seed state %#llx)", (unsigned long long)rng);
    }
}

static void test_fuzz(void **state)
{
    const char *s = getenv("TERN_FUZZ_SEED"), *n = getenv("TERN_FUZZ_ITERS");
    unsigned iters = n ? (unsigned)strtoul(n, NULL, 0) : 3000;
    rng = s ? strtoull(s, NULL, 0) : 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < iters; i++)
        fuzz_one(5 + rndn(i % 10 == 9 ? 400 : 60));
}

static int setup(void **state)
{
    gmem_jit = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    gmem_interp = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (gmem_jit == MAP_FAILED || gmem_interp == MAP_FAILED)
        return -1;
    runner_open(&jit, &backend_x86_64, gmem_jit);
    runner_open(&interp, &backend_interp, gmem_interp);
    fn = ir_func_new();
    static const char *gn[NG] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char *wn[NW] = { "w0", "w1", "w2", "w3" };
    for (int i = 0; i < NG; i++)
        G[i] = ir_global_new(fn, IR_I64, (int32_t)offsetof(FuzzEnv, g[i]), gn[i]);
    for (int i = 0; i < NW; i++)
        W[i] = ir_global_new(fn, IR_I32, (int32_t)offsetof(FuzzEnv, w[i]), wn[i]);
    return 0;
}

static int teardown(void **state)
{
    jit.b->destroy(jit.be);
    interp.b->destroy(interp.be);
    ir_func_free(fn);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
