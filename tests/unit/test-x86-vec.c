/* tests/unit/test-x86-vec.c — the VEC op: reference and SSE lowering.
 *
 * The reference (ir_vec_run) is checked against hand-computed vectors for
 * each kind of row.  Then every row, element size, Q and immediate that
 * ir_vec_desc_ok accepts is emitted by the x86 backend as a one-op TB and
 * run on edge-biased random vectors, with d distinct from the sources and
 * equal to one of them; the whole env (all vectors and the QC word) must
 * equal what the reference leaves.  The same runs again with the SSE4.1
 * feature bit cleared, which forces the reference call.  Finally a few
 * sequences are disassembled with capstone to pin the instructions chosen
 * (sources as two 8-byte loads, or one for Q = 0; one 16-byte store).
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

#include <capstone/capstone.h>
#include <cmocka.h>

#include "backend/backend.h"
#include "backend/x86_64/x86-internal.h"
#include "ir/ir.h"

/* ---- Harness ---------------------------------------------------------------- */

typedef struct VecEnv {
    uint64_t g[2];                       /* globals, so the IrFunc is typical */
    _Alignas(16) uint64_t v[5][2];       /* v[4]: the destination */
    uint64_t qc;
} VecEnv;

#define OFF_V(i) ((int32_t)offsetof(VecEnv, v[i]))
#define OFF_QC   ((int32_t)offsetof(VecEnv, qc))
#define COOKIE 0x10000u
#define CODE_SIZE (1u << 20)

static struct {
    uint8_t *code, *rx;
    size_t used;
    void *be;
    IrFunc *f;
} fx;

static uintptr_t test_lookup(void *env) { (void)env; return 0; }

/* No LOOKUP_AND_GOTO here: the C lookup only, no inline probe. */
static const BackendLookup test_lookup_cfg = { .fn = test_lookup };

static int setup(void **state)
{
    int fd = memfd_create("tern-test-vec", 0);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CODE_SIZE), 0);
    fx.code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    fx.rx = mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    assert_true(fx.code != MAP_FAILED && fx.rx != MAP_FAILED);
    BackendMem mem = { 0, 64 };
    BackendCode code = { fx.code, (uintptr_t)fx.rx, CODE_SIZE };
    fx.be = backend_x86_64.create(&mem, &test_lookup_cfg, code, &fx.used);
    assert_non_null(fx.be);
    fx.f = ir_func_new();
    ir_global_new(fx.f, IR_I64, (int32_t)offsetof(VecEnv, g[0]), "g0");
    ir_global_new(fx.f, IR_I64, (int32_t)offsetof(VecEnv, g[1]), "g1");
    return 0;
}

static int teardown(void **state)
{
    backend_x86_64.destroy(fx.be);
    ir_func_free(fx.f);
    munmap(fx.code, CODE_SIZE);
    munmap(fx.rx, CODE_SIZE);
    return 0;
}

/* The code of a TB holding the one VEC op, its size in *size. */
static uintptr_t emit_vec(IrVecDesc desc, int32_t d, int32_t a, int32_t b, int32_t c,
                          size_t *size)
{
    ir_func_reset(fx.f);
    ir_gen_vec(fx.f, desc, d, a, b, c);
    ir_gen_exit_tb(fx.f, IR_EXIT_PLAIN);
    assert_true(ir_verify(fx.f, stderr));
    ir_liveness(fx.f);
    static uint32_t insn_end[4];
    BackendTbOut out = { .insn_end = insn_end };
    if (fx.used > CODE_SIZE / 2)
        fx.used = 4096;
    BackendCode code = { fx.code + fx.used, (uintptr_t)fx.rx + fx.used, CODE_SIZE - fx.used };
    assert_true(backend_x86_64.emit_tb(fx.be, fx.f, COOKIE, code, &out));
    fx.used += (out.code_size + 15) & ~(size_t)15;
    if (size)
        *size = out.code_size;
    return code.rx;
}

/* ---- Reference against hand-computed vectors -------------------------------- */

static void ref(IrVecOp op, unsigned esz, bool q, unsigned imm, VecEnv *e)
{
    bool sat = ir_vec_info[op].kind == IR_VK_SAT;
    IrVecDesc desc = ir_vec_desc(op, esz, q, imm);
    assert_true(ir_vec_desc_ok(desc));
    ir_vec_run(e, desc, OFF_V(4), OFF_V(0), OFF_V(1), sat ? OFF_QC : OFF_V(2));
}

static void set2(VecEnv *e, unsigned i, uint64_t lo, uint64_t hi)
{
    e->v[i][0] = lo;
    e->v[i][1] = hi;
}

static void expect(const VecEnv *e, uint64_t lo, uint64_t hi)
{
    assert_int_equal(e->v[4][0], lo);
    assert_int_equal(e->v[4][1], hi);
}

static void test_ref_lanes(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x01ff7f8000000003ull, 0xffffffffffffffffull);
    set2(&e, 1, 0x0101010101010101ull, 0x0000000000000001ull);
    ref(IR_VEC_ADD, 0, false, 0, &e);                  /* 8b: carries stay in lanes */
    expect(&e, 0x0200808101010104ull, 0);
    ref(IR_VEC_ADD, 3, true, 0, &e);
    expect(&e, 0x0300808101010104ull, 0);
    ref(IR_VEC_CMHI, 0, true, 0, &e);                  /* unsigned a > b */
    expect(&e, 0x00ffffff000000ffull, 0xffffffffffffffffull);
    ref(IR_VEC_CMGT, 0, true, 0, &e);                  /* signed: 0xff, 0x80 < 1 */
    expect(&e, 0x0000ff00000000ffull, 0);
    ref(IR_VEC_MUL, 1, false, 0, &e);                  /* 16-bit lanes, wrapping */
    expect(&e, 0x00ffff8000000303ull, 0);
    ref(IR_VEC_SSHR, 0, false, 8, &e);                 /* imm = esize: the sign */
    expect(&e, 0x00ff00ff00000000ull, 0);
    ref(IR_VEC_USHR, 2, true, 32, &e);
    expect(&e, 0, 0);
}

static void test_ref_sat(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x7f80000000000000ull, 0);
    set2(&e, 1, 0x0101000000000000ull, 0);
    ref(IR_VEC_SQADD, 0, false, 27, &e);               /* 0x7f + 1 saturates */
    expect(&e, 0x7f81000000000000ull, 0);
    assert_int_equal(e.qc, 1ull << 27);
    e.qc = 0;
    ref(IR_VEC_UQADD, 0, true, 27, &e);                /* 0x7f+1, 0x80+1: no */
    expect(&e, 0x8081000000000000ull, 0);
    assert_int_equal(e.qc, 0);
    ref(IR_VEC_UQSUB, 0, true, 27, &e);                /* 0 - 0 everywhere else */
    expect(&e, 0x7e7f000000000000ull, 0);
    assert_int_equal(e.qc, 0);
    set2(&e, 1, 0x0101000000000001ull, 0);
    ref(IR_VEC_UQSUB, 0, true, 27, &e);                /* 0 - 1 clamps to 0 */
    expect(&e, 0x7e7f000000000000ull, 0);
    assert_int_equal(e.qc, 1ull << 27);
}

static void test_ref_pair_across(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x0004000300020001ull, 0x0008000700060005ull);
    set2(&e, 1, 0x000c000b000a0009ull, 0x0010000f000e000dull);
    ref(IR_VEC_ADDP, 1, true, 0, &e);
    expect(&e, 0x000f000b00070003ull, 0x001f001b00170013ull);
    ref(IR_VEC_ADDP, 1, false, 0, &e);                 /* a.lo pairs, b.lo pairs */
    expect(&e, 0x0017001300070003ull, 0);
    ref(IR_VEC_UMAXP, 1, true, 0, &e);
    expect(&e, 0x0008000600040002ull, 0x0010000e000c000aull);
    ref(IR_VEC_ADDV, 1, true, 0, &e);
    expect(&e, 36, 0);
    ref(IR_VEC_UMINV, 0, false, 0, &e);                /* bytes of a.lo: min 0 */
    expect(&e, 0, 0);
    ref(IR_VEC_SMAXV, 1, false, 0, &e);
    expect(&e, 4, 0);
}

static void test_ref_perm(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    set2(&e, 1, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    ref(IR_VEC_ZIP1, 0, true, 0, &e);
    expect(&e, 0x1303120211011000ull, 0x1707160615051404ull);
    ref(IR_VEC_ZIP2, 0, false, 0, &e);
    expect(&e, 0x1707160615051404ull, 0);
    ref(IR_VEC_UZP1, 0, true, 0, &e);
    expect(&e, 0x0e0c0a0806040200ull, 0x1e1c1a1816141210ull);
    ref(IR_VEC_UZP2, 1, false, 0, &e);                 /* odd halves of a.lo:b.lo */
    expect(&e, 0x1716131207060302ull, 0);
    ref(IR_VEC_TRN2, 2, true, 0, &e);
    expect(&e, 0x1716151407060504ull, 0x1f1e1d1c0f0e0d0cull);
    ref(IR_VEC_REV64, 0, true, 0, &e);
    expect(&e, 0x0001020304050607ull, 0x08090a0b0c0d0e0full);
    ref(IR_VEC_DUPLANE, 1, true, 5, &e);
    expect(&e, 0x0b0a0b0a0b0a0b0aull, 0x0b0a0b0a0b0a0b0aull);
    ref(IR_VEC_XTN, 1, false, 0, &e);
    expect(&e, 0x0d0c090805040100ull, 0);
    ref(IR_VEC_SHRN, 0, true, 4, &e);                  /* SHRN2: b's low half kept */
    expect(&e, 0x1716151413121110ull, 0xf0d0b09070503010ull);
}

static void test_ref_tbl(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    set2(&e, 1, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    set2(&e, 2, 0xff201f10100f0100ull, 0x8000000000000003ull);
    e.v[4][0] = 0x5555555555555555ull;
    ir_vec_run(&e, ir_vec_desc(IR_VEC_TBL2, 0, true, 0), OFF_V(4), OFF_V(0), OFF_V(1), OFF_V(2));
    expect(&e, 0x00001f10100f0100ull, 0x0000000000000003ull);
    set2(&e, 1, 0xff201f10100f0100ull, 0);
    set2(&e, 2, 0xaaaaaaaaaaaaaaaaull, 0xaaaaaaaaaaaaaaaaull);
    ir_vec_run(&e, ir_vec_desc(IR_VEC_TBX1, 0, false, 0), OFF_V(4), OFF_V(0), OFF_V(1), OFF_V(2));
    expect(&e, 0xaaaaaaaaaa0f0100ull, 0);
}

/* ---- Text form and verifier ------------------------------------------------------ */

static char *print_func(const IrFunc *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ir_print(f, m);
    fclose(m);
    return buf;
}

static void test_text_and_verify(void **state)
{
    IrFunc *f = fx.f;
    ir_func_reset(f);
    ir_gen_vec(f, ir_vec_desc(IR_VEC_ADD, 0, true, 0), OFF_V(4), OFF_V(0), OFF_V(1), 0);
    ir_gen_vec(f, ir_vec_desc(IR_VEC_SHL, 2, false, 31), OFF_V(4), OFF_V(4), 0, 0);
    ir_gen_vec(f, ir_vec_desc(IR_VEC_SQADD, 1, true, 27), OFF_V(3), OFF_V(0), OFF_V(1), OFF_QC);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    assert_true(ir_verify(f, stderr));
    char *text = print_func(f);
    assert_non_null(strstr(text, "vec add.16b, @0x"));
    assert_non_null(strstr(text, "vec shl.2s.31, @0x"));
    assert_non_null(strstr(text, "vec sqadd.8h.27, @0x"));
    ir_func_reset(f);
    assert_true(ir_parse(f, text, stderr));
    char *again = print_func(f);
    assert_string_equal(text, again);
    free(text);
    free(again);

    /* Bad descriptors and a vector over a global's field. */
    static const IrVecDesc bad[] = {
        (IrVecDesc)IR_VEC_NUM,                        /* no such row */
        0x3u << 8 | IR_VEC_MUL,                       /* MUL has no 64-bit lanes */
        (IrVecDesc)(IR_VEC_SHL | 2u << 8 | 32u << 16),  /* SHL .4s #32 */
        (IrVecDesc)(IR_VEC_USHR | 1u << 8),           /* USHR #0 */
        (IrVecDesc)(IR_VEC_ZIP1 | 3u << 8),           /* ZIP1 .1d */
        (IrVecDesc)(IR_VEC_ADDV | 2u << 8),           /* ADDV .2s */
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ir_func_reset(f);
        ir_gen_vec(f, bad[i], OFF_V(4), OFF_V(0), OFF_V(1), OFF_V(2));
        ir_gen_exit_tb(f, IR_EXIT_PLAIN);
        assert_false(ir_verify(f, NULL));
    }
    ir_func_reset(f);
    ir_gen_vec(f, ir_vec_desc(IR_VEC_NOT, 0, true, 0), OFF_V(4),
               (int32_t)offsetof(VecEnv, g[1]), 0, 0);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    assert_false(ir_verify(f, NULL));
}

/* ---- Every shape: native and fallback against the reference -------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random lanes of size esz, mostly edge values (0, 1, max, min, -1 ...). */
static void fill(uint64_t v[2], unsigned esz, bool small)
{
    unsigned bits = 8u << esz;
    uint64_t m = esz == 3 ? ~0ull : (1ull << bits) - 1;
    for (unsigned i = 0; i < 16u >> esz; i++) {
        uint64_t x, r = rnd();
        switch (r % 8) {
        case 0: x = 0; break;
        case 1: x = 1; break;
        case 2: x = m; break;
        case 3: x = m >> 1; break;
        case 4: x = (m >> 1) + 1; break;
        case 5: x = small ? r >> 3 & 0x27 : (r >> 8) & 0xff; break;
        default: x = rnd(); break;
        }
        unsigned pos = i * bits;
        v[pos / 64] = (v[pos / 64] & ~(m << (pos % 64))) | ((x & m) << (pos % 64));
    }
}

/* Runs desc natively on random envs, against the reference; d is v[4] or
 * aliases a source. */
static void check_desc(IrVecDesc desc, unsigned rounds)
{
    const IrVecInfo *vi = &ir_vec_info[ir_vec_desc_op(desc)];
    bool sat = vi->kind == IR_VK_SAT, tbl = vi->kind == IR_VK_TBL;
    for (unsigned alias = 0; alias < 2; alias++) {
        int32_t d = alias ? OFF_V(rnd() % (vi->nsrc ? vi->nsrc : 1)) : OFF_V(4);
        uintptr_t tb = emit_vec(desc, d, OFF_V(0), OFF_V(1), sat ? OFF_QC : OFF_V(2), NULL);
        for (unsigned r = 0; r < rounds; r++) {
            VecEnv e = { .g = { 1, 2 } }, want;
            for (unsigned i = 0; i < 5; i++)
                fill(e.v[i], r % 2 ? ir_vec_desc_esz(desc) : rnd() % 4, tbl);
            e.qc = r % 3 == 0 ? 0x1234 : 0;
            want = e;
            ir_vec_run(&want, desc, d, OFF_V(0), OFF_V(1), sat ? OFF_QC : OFF_V(2));
            assert_int_equal(backend_x86_64.enter(fx.be, &e, tb), COOKIE | IR_EXIT_PLAIN);
            if (memcmp(&e, &want, sizeof(e)) != 0) {
                fprintf(stderr, "vec %s esz %u q %u imm %u alias %u: got %016llx:%016llx "
                        "want %016llx:%016llx, qc %llx want %llx\n",
                        vi->name, ir_vec_desc_esz(desc), ir_vec_desc_q(desc),
                        ir_vec_desc_imm(desc), alias,
                        (unsigned long long)e.v[4][1], (unsigned long long)e.v[4][0],
                        (unsigned long long)want.v[4][1], (unsigned long long)want.v[4][0],
                        (unsigned long long)e.qc, (unsigned long long)want.qc);
                fail();
            }
        }
    }
}

/* Every valid (op, esz, q, imm). */
static void check_all(unsigned rounds)
{
    unsigned n = 0;
    for (unsigned op = 0; op < IR_VEC_NUM; op++)
        for (unsigned esz = 0; esz < 4; esz++)
            for (unsigned q = 0; q < 2; q++)
                for (unsigned imm = 0; imm < 65; imm++) {
                    IrVecDesc desc = ir_vec_desc((IrVecOp)op, esz, q, imm);
                    if (ir_vec_desc_ok(desc)) {
                        check_desc(desc, rounds);
                        n++;
                    }
                }
    assert_true(n > 500);        /* the table really was walked */
}

static void test_native_all(void **state)
{
    X86Backend *be = fx.be;
    assert_true(be->features & X86_FEAT_SSE41);  /* this host: checked by setup */
    check_all(24);
}

static void test_fallback_all(void **state)
{
    X86Backend *be = fx.be;
    uint32_t saved = be->features;
    be->features &= ~(uint32_t)(X86_FEAT_SSE41 | X86_FEAT_SSE42);
    assert_false(x86_vec_is_native(be, ir_vec_desc(IR_VEC_ADD, 0, true, 0)));
    check_all(3);
    be->features = saved | X86_FEAT_SSE41;
    be->features &= ~(uint32_t)X86_FEAT_SSE42;   /* 64-bit compares: call */
    assert_false(x86_vec_is_native(be, ir_vec_desc(IR_VEC_CMGT, 3, true, 0)));
    assert_true(x86_vec_is_native(be, ir_vec_desc(IR_VEC_CMEQ, 3, true, 0)));
    check_desc(ir_vec_desc(IR_VEC_CMGT, 3, true, 0), 8);
    check_desc(ir_vec_desc(IR_VEC_ABS, 3, true, 0), 8);
    be->features = saved;
}

/* SLI/SRI keep the bits of b (the old Vd) the shift vacated. */
static void test_ref_insert(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x8001ull, 0x8000000000000001ull);
    set2(&e, 1, 0xffffull, 0xffffffffffffffffull);
    ref(IR_VEC_SLI, 0, false, 3, &e);                  /* 0x01 << 3 | 0xff & 7 */
    expect(&e, 0x070full, 0);
    ref(IR_VEC_SRI, 0, false, 3, &e);                  /* 0x80 >> 3 | 0xff & 0xe0 */
    expect(&e, 0xf0e0ull, 0);
    ref(IR_VEC_SRI, 0, true, 8, &e);                   /* the whole of b */
    expect(&e, 0xffffull, 0xffffffffffffffffull);
    ref(IR_VEC_SRI, 3, true, 1, &e);
    expect(&e, 0x4000ull, 0xc000000000000000ull);
    ref(IR_VEC_SLI, 3, true, 63, &e);
    expect(&e, 0xffffull | 1ull << 63, 0xffffffffffffffffull);
}

/* FIPS-197 Appendix B, round 1: the state after the first AddRoundKey,
 * after ShiftRows(SubBytes), after MixColumns; AESE/AESMC with a zero key
 * are those steps, and the inverse rows undo them. */
static void test_ref_aes(void **state)
{
    VecEnv e = { 0 };
    set2(&e, 0, 0x2be2f4a0bee33d19ull, 0x0848f8e92a8dc69aull);
    ref(IR_VEC_AESE, 0, true, 0, &e);
    expect(&e, 0xae52b4e0305dbfd4ull, 0xe598271ef11141b8ull);
    ref(IR_VEC_AESE_MC, 0, true, 0, &e);
    expect(&e, 0x9a19cbe0e5816604ull, 0x4c2606287ad3f848ull);
    set2(&e, 0, 0xae52b4e0305dbfd4ull, 0xe598271ef11141b8ull);
    ref(IR_VEC_AESMC, 0, true, 0, &e);
    expect(&e, 0x9a19cbe0e5816604ull, 0x4c2606287ad3f848ull);
    set2(&e, 0, 0x9a19cbe0e5816604ull, 0x4c2606287ad3f848ull);
    ref(IR_VEC_AESIMC, 0, true, 0, &e);
    expect(&e, 0xae52b4e0305dbfd4ull, 0xe598271ef11141b8ull);
    set2(&e, 0, 0xae52b4e0305dbfd4ull, 0xe598271ef11141b8ull);
    ref(IR_VEC_AESD, 0, true, 0, &e);
    expect(&e, 0x2be2f4a0bee33d19ull, 0x0848f8e92a8dc69aull);
    /* The fused decryption row is AESIMC after AESD. */
    set2(&e, 0, 0x9a19cbe0e5816604ull, 0x4c2606287ad3f848ull);
    set2(&e, 1, 0x0123456789abcdefull, 0xfedcba9876543210ull);
    ref(IR_VEC_AESD, 0, true, 0, &e);
    set2(&e, 0, e.v[4][0], e.v[4][1]);
    ref(IR_VEC_AESIMC, 0, true, 0, &e);
    uint64_t lo = e.v[4][0], hi = e.v[4][1];
    set2(&e, 0, 0x9a19cbe0e5816604ull, 0x4c2606287ad3f848ull);
    ref(IR_VEC_AESD_IMC, 0, true, 0, &e);
    expect(&e, lo, hi);
}

/* ---- Instruction choice, by capstone ------------------------------------------ */

/* The mnemonics of the TB's code up to the exit's "mov", space-separated. */
static void mnemonics(IrVecDesc desc, char *out, size_t cap)
{
    size_t size;
    uintptr_t tb = emit_vec(desc, OFF_V(4), OFF_V(0), OFF_V(1), OFF_V(2), &size);
    csh h;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    cs_insn *insn;
    size_t n = cs_disasm(h, (const uint8_t *)tb, size, tb, 0, &insn);
    out[0] = '\0';
    for (size_t i = 0; i < n && strcmp(insn[i].mnemonic, "mov") != 0
                           && strcmp(insn[i].mnemonic, "movabs") != 0; i++) {
        if (out[0])
            strncat(out, " ", cap - strlen(out) - 1);
        strncat(out, insn[i].mnemonic, cap - strlen(out) - 1);
    }
    cs_free(insn, n);
    cs_close(&h);
}

static void test_disas(void **state)
{
    char s[512];
    mnemonics(ir_vec_desc(IR_VEC_ADD, 0, true, 0), s, sizeof(s));
    assert_string_equal(s, "movq movhpd movq movhpd paddb movdqu");
    mnemonics(ir_vec_desc(IR_VEC_SUB, 2, false, 0), s, sizeof(s));
    assert_string_equal(s, "movq movq psubd movq movdqu");
    mnemonics(ir_vec_desc(IR_VEC_UMAX, 1, true, 0), s, sizeof(s));
    assert_string_equal(s, "movq movhpd movq movhpd pmaxuw movdqu");
    mnemonics(ir_vec_desc(IR_VEC_CMEQ, 3, true, 0), s, sizeof(s));
    assert_string_equal(s, "movq movhpd movq movhpd pcmpeqq movdqu");
    mnemonics(ir_vec_desc(IR_VEC_ZIP1, 1, true, 0), s, sizeof(s));
    assert_string_equal(s, "movq movhpd movq movhpd punpcklwd movdqu");
    mnemonics(ir_vec_desc(IR_VEC_SSHR, 1, true, 3), s, sizeof(s));
    assert_string_equal(s, "movq movhpd psraw movdqu");
    if (((X86Backend *)fx.be)->features & X86_FEAT_AES) {
        mnemonics(ir_vec_desc(IR_VEC_AESE_MC, 0, true, 0), s, sizeof(s));
        assert_string_equal(s, "movq movhpd movq movhpd pxor pxor aesenc movdqu");
    }
    mnemonics(ir_vec_desc(IR_VEC_UMAXV, 2, true, 0), s, sizeof(s));
    assert_string_equal(s, "movq movhpd movdqa psrldq pmaxud movdqa psrldq pmaxud pslldq "
                           "psrldq movdqu");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref_lanes),
        cmocka_unit_test(test_ref_sat),
        cmocka_unit_test(test_ref_pair_across),
        cmocka_unit_test(test_ref_perm),
        cmocka_unit_test(test_ref_tbl),
        cmocka_unit_test(test_ref_insert),
        cmocka_unit_test(test_ref_aes),
        cmocka_unit_test_setup_teardown(test_text_and_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_native_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disas, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
