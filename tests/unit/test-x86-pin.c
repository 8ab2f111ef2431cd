/* tests/unit/test-x86-pin.c — globals pinned in host registers across TBs.
 *
 * Globals p0..p3 are ranked hot 1..4, so the x86 backend keeps them in
 * rbx, rbp, r12, r13 for as long as generated code runs; u0 and u1 are
 * ordinary.  Checked: the emitted code neither loads a pin from env nor
 * drops the write-back (capstone text of the TB), the prologue loads every
 * pin from env at each enter (C changed env in between), values flow
 * between chained TBs in the registers, a helper that writes globals is
 * followed by a reload, and outputs that land in fixed registers (div,
 * mulh, calls, cmpxchg, loads, constants) and inputs needed in fixed
 * registers (shift counts) keep the pins right.  Also the 32-bit address
 * fold: an ADD whose only reader is the next op's guest address becomes a
 * lea with a 32-bit destination, used as the index without a copy; and
 * an i64 op feeding only an EXT32U done in 32 bits.  And the state the
 * backend keeps from TB to TB to translate faster: the globals' template
 * (per IrFunc.globals_gen, put back after each TB), constants stored
 * straight to a global's home, op numbers that go on across TBs.
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
#include "backend/x86_64/x86-internal.h"
#include "ir/ir.h"

typedef struct PinEnv {
    uint64_t exit_req;          /* offset 0: keeps the globals' disps non-zero */
    uint64_t p[4];              /* pinned: rbx, rbp, r12, r13 */
    uint64_t u[2];              /* not pinned */
} PinEnv;

#define COOKIE 0x20000u
#define CODE_SIZE (1u << 20)

static struct {
    uint8_t *code, *rx;
    size_t used;
    void *be;
    IrFunc *f;
    IrTemp p[4], u[2];
} fx;
static uint8_t *gmem;

static uintptr_t no_lookup(void *env) { return 0; }
/* u[1] plays the guest pc field (GOTO_TB's unchained store). */
static const BackendLookup no_lookup_cfg = {
    .fn = no_lookup, .pc_off = offsetof(PinEnv, u[1]),
};

static int setup(void **state)
{
    gmem = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fd = memfd_create("tern-test-pin", 0);
    if (gmem == MAP_FAILED || fd < 0 || ftruncate(fd, CODE_SIZE))
        return -1;
    fx.code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    fx.rx = mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    if (fx.code == MAP_FAILED || fx.rx == MAP_FAILED)
        return -1;
    BackendMem mem = { (uintptr_t)gmem, 32 };
    BackendCode code = { fx.code, (uintptr_t)fx.rx, CODE_SIZE };
    fx.be = backend_x86_64.create(&mem, &no_lookup_cfg, code, &fx.used);
    fx.f = ir_func_new();
    static const char *pn[4] = { "p0", "p1", "p2", "p3" }, *un[2] = { "u0", "u1" };
    for (int i = 0; i < 4; i++)
        fx.p[i] = ir_global_new(fx.f, IR_I64, (int32_t)offsetof(PinEnv, p[i]), pn[i]);
    for (int i = 0; i < 2; i++)
        fx.u[i] = ir_global_new(fx.f, IR_I64, (int32_t)offsetof(PinEnv, u[i]), un[i]);
    for (int i = 0; i < 4; i++)
        fx.f->temps[fx.p[i]].hot = (uint8_t)(i + 1);
    return fx.be ? 0 : -1;
}

static int teardown(void **state)
{
    backend_x86_64.destroy(fx.be);
    ir_func_free(fx.f);
    munmap(fx.code, CODE_SIZE);
    munmap(fx.rx, CODE_SIZE);
    munmap(gmem, 1 << 16);
    return 0;
}

/* Emits fx.f as a new TB; *out gets its slots; returns its code address. */
static uintptr_t emit(BackendTbOut *out)
{
    static uint32_t insn_end[16];
    BackendTbOut local;
    if (!out)
        out = &local;
    memset(out, 0, sizeof(*out));
    out->insn_end = insn_end;
    BackendCode code = { fx.code + fx.used, (uintptr_t)fx.rx + fx.used, CODE_SIZE - fx.used };
    ir_liveness(fx.f);
    assert_true(backend_x86_64.emit_tb(fx.be, fx.f, COOKIE, code, out));
    fx.used += (out->code_size + 15) & ~(size_t)15;
    return code.rx;
}

static uintptr_t run(uintptr_t tb, PinEnv *env) { return backend_x86_64.enter(fx.be, env, tb); }

/* The disassembly of [rx, rx + size) as one string (freed by the caller). */
static char *disas(uintptr_t rx, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    assert_non_null(m);
    backend_x86_64.disas(m, fx.code + (rx - (uintptr_t)fx.rx), rx, size);
    fclose(m);
    return text;
}

/* Whether operand text o (up to ',' or the line end) is a 32-bit GPR. */
static bool is_reg32(const char *o)
{
    size_t n = strcspn(o, ",\n");
    if (n == 3 && o[0] == 'e')
        return true;
    return n >= 3 && o[0] == 'r' && o[1] >= '0' && o[1] <= '9' && o[n - 1] == 'd';
}

/* Whether listing t has a 32-bit register-to-register mov (a zero
 * extension). */
static bool has_mov32_rr(const char *t)
{
    for (const char *p = strstr(t, "mov      "); p; p = strstr(p + 1, "mov      ")) {
        const char *a = p + 9, *comma = strchr(a, ',');
        if (comma && comma < strchr(a, '\n') && is_reg32(a) && is_reg32(comma + 2))
            return true;
    }
    return false;
}

static void begin(void) { ir_func_reset(fx.f); }
static void end_plain(void) { ir_gen_exit_tb(fx.f, IR_EXIT_PLAIN); }
static IrTemp c64(uint64_t v) { return ir_const(fx.f, IR_I64, v); }

/* ---- Code shape -------------------------------------------------------------- */

/* p0 = p0 + p1; u0 = p0: no load of a pin, stores of the written ones. */
static void test_no_pin_loads(void **state)
{
    begin();
    ir_gen_binop(fx.f, IR_ADD, fx.p[0], fx.p[0], fx.p[1]);
    ir_gen_mov(fx.f, fx.u[0], fx.p[0]);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    char *t = disas(tb, out.code_size);
    assert_non_null(strstr(t, "add      rbx, rbp"));
    assert_non_null(strstr(t, "qword ptr [r14 + 8], rbx"));       /* p0 stored */
    assert_non_null(strstr(t, "qword ptr [r14 + 0x28], rbx"));    /* u0 = p0 */
    assert_null(strstr(t, ", qword ptr [r14"));                   /* no loads at all */
    free(t);
    PinEnv env = { .p = { 5, 7 } };
    assert_int_equal(run(tb, &env), COOKIE | IR_EXIT_PLAIN);
    assert_int_equal(env.p[0], 12);
    assert_int_equal(env.u[0], 12);
}

/* The prologue loads each pin from env through the offset table. */
static void test_prologue(void **state)
{
    X86Backend *be = fx.be;
    char *t = disas(be->prologue_rx, be->epilogue_rx - be->prologue_rx);
    static const char *pins[] = { "rbx", "rbp", "r12", "r13" };
    for (int i = 0; i < 4; i++) {
        char want[64];
        snprintf(want, sizeof(want), "mov      %s, qword ptr [r14 + rax]", pins[i]);
        assert_non_null(strstr(t, want));
    }
    free(t);
    for (int i = 0; i < 4; i++)
        assert_int_equal(be->pin_off[i], offsetof(PinEnv, p[i]));
}

/* ---- Values ------------------------------------------------------------------- */

/* C changes env between enters: each enter sees the new values. */
static void test_enter_reloads(void **state)
{
    begin();
    ir_gen_binop(fx.f, IR_ADD, fx.u[0], fx.p[0], fx.p[3]);
    ir_gen_binop(fx.f, IR_SUB, fx.u[1], fx.p[1], fx.p[2]);
    end_plain();
    uintptr_t tb = emit(NULL);
    PinEnv env = { .p = { 1, 20, 3, 4 } };
    run(tb, &env);
    assert_int_equal(env.u[0], 5);
    assert_int_equal(env.u[1], 17);
    env.p[0] = 100;
    env.p[1] = 50;
    run(tb, &env);
    assert_int_equal(env.u[0], 104);
    assert_int_equal(env.u[1], 47);
}

/* TB a: p0 += 1, p2 = 9; chained to TB b: u0 = p0 * 3 + p2.  The pins
 * carry the values; env still gets them (write-through). */
static void test_chained(void **state)
{
    begin();
    ir_gen_binopi(fx.f, IR_ADD, fx.p[0], fx.p[0], 1);
    ir_gen_mov(fx.f, fx.p[2], c64(9));
    ir_gen_goto_tb(fx.f, 0, 0x40);
    BackendTbOut oa;
    uintptr_t a = emit(&oa);
    begin();
    IrTemp t = ir_new_temp(fx.f, IR_I64);
    ir_gen_binopi(fx.f, IR_MUL, t, fx.p[0], 3);
    ir_gen_binop(fx.f, IR_ADD, fx.u[0], t, fx.p[2]);
    end_plain();
    uintptr_t b = emit(NULL);
    uint32_t slot = oa.jmp_slot[0];
    backend_x86_64.patch_jump(fx.code + (a - (uintptr_t)fx.rx) + slot, a + slot, b);
    PinEnv env = { .p = { 4 } };
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_PLAIN);
    assert_int_equal(env.p[0], 5);
    assert_int_equal(env.p[2], 9);
    assert_int_equal(env.u[0], 24);
    assert_int_equal(env.u[1], 0);          /* chained: no pc store */
    backend_x86_64.patch_jump(fx.code + (a - (uintptr_t)fx.rx) + slot, a + slot, 0);
    assert_int_equal(run(a, &env), COOKIE | IR_EXIT_SLOT0);
    assert_int_equal(env.p[0], 6);
    assert_int_equal(env.u[1], 0x40);
}

static void hwrite_p0(void *env, uint64_t v) { ((PinEnv *)env)->p[0] = v; }
static uint64_t hplain(uint64_t v) { return v * 2; }
static IrHelper HW = { "hwrite_p0", (void *)hwrite_p0, IR_HF_WRITES_GLOBALS | IR_HF_SIDE_EFFECTS,
                       IR_VOID, 2, { IR_I64, IR_I64 } };
static IrHelper HP = { "hplain", (void *)hplain, 0, IR_I64, 1, { IR_I64 } };

/* p0 dirty, a helper that writes p0, then reads of p0; and a plain helper
 * with pins live across it (callee-saved: no reload needed). */
static void test_helper_writes_pin(void **state)
{
    begin();
    ir_gen_mov(fx.f, fx.p[0], c64(1));
    ir_gen_binopi(fx.f, IR_ADD, fx.p[1], fx.p[1], 1);
    IrTemp args[2] = { IR_TEMP_ENV, c64(77) };
    ir_gen_call(fx.f, &HW, IR_NO_TEMP, args);
    ir_gen_binopi(fx.f, IR_ADD, fx.u[0], fx.p[0], 1);
    IrTemp r = ir_new_temp(fx.f, IR_I64);
    args[0] = fx.p[1];
    ir_gen_call(fx.f, &HP, r, args);
    ir_gen_binop(fx.f, IR_ADD, fx.u[1], r, fx.p[1]);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    char *t = disas(tb, out.code_size);
    assert_non_null(strstr(t, "mov      rbx, qword ptr [r14 + 8]"));    /* the reload */
    free(t);
    PinEnv env = { .p = { 0, 10 } };
    run(tb, &env);
    assert_int_equal(env.p[0], 77);
    assert_int_equal(env.u[0], 78);
    assert_int_equal(env.u[1], 33);
}

static uint64_t hret(uint64_t v) { return v + 1000; }
static IrHelper HR = { "hret", (void *)hret, 0, IR_I64, 1, { IR_I64 } };

/* Pinned outputs from fixed registers and constants, and a pin needed in
 * rcx as a shift count (BMI2 off). */
static void test_fixed_registers(void **state)
{
    X86Backend *be = fx.be;
    uint32_t saved = be->features;
    be->features &= ~(uint32_t)X86_FEAT_BMI2;
    begin();
    ir_gen_binop(fx.f, IR_DIVU, fx.p[0], fx.p[1], fx.p[2]);        /* rax */
    ir_gen_binop(fx.f, IR_MULUH, fx.p[1], fx.p[1], fx.p[3]);       /* rdx */
    ir_gen_binop(fx.f, IR_SHL, fx.u[0], fx.p[0], fx.p[2]);         /* count in rcx */
    IrTemp args[1] = { fx.p[0] };
    ir_gen_call(fx.f, &HR, fx.p[3], args);                          /* rax */
    ir_gen_mov(fx.f, fx.p[2], c64(0x123456789abcull));              /* a constant */
    ir_gen_binopi(fx.f, IR_ADD, fx.u[1], fx.p[2], 1);
    end_plain();
    uintptr_t tb = emit(NULL);
    be->features = saved;
    PinEnv env = { .p = { 0, 1000, 3, 1ull << 62 } };
    run(tb, &env);
    assert_int_equal(env.p[0], 333);
    assert_int_equal(env.p[1], 250);
    assert_int_equal(env.u[0], 333 << 3);
    assert_int_equal(env.p[3], 1333);
    assert_int_equal(env.p[2], 0x123456789abcull);
    assert_int_equal(env.u[1], 0x123456789abdull);
}

/* Guest memory into and out of pins: a load into p0 with p0 as its
 * address, a store of p1, a cmpxchg into p2. */
static void test_memory(void **state)
{
    begin();
    ir_gen_ld(fx.f, fx.p[0], fx.p[0], IR_MO_64);
    ir_gen_st(fx.f, fx.p[1], fx.u[0], IR_MO_64);
    ir_gen_cmpxchg(fx.f, fx.p[2], fx.u[0], fx.p[1], fx.p[3], IR_MO_64);
    ir_gen_binop(fx.f, IR_ADD, fx.u[1], fx.p[0], fx.p[2]);
    end_plain();
    uintptr_t tb = emit(NULL);
    uint64_t v = 0x1111;
    memcpy(gmem + 0x100, &v, 8);
    PinEnv env = { .p = { 0x100, 0x2222, 0, 0x3333 }, .u = { 0x200 } };
    run(tb, &env);
    assert_int_equal(env.p[0], 0x1111);
    assert_int_equal(env.p[2], 0x2222);             /* old value: the store's */
    memcpy(&v, gmem + 0x200, 8);
    assert_int_equal(v, 0x3333);                    /* the exchange happened */
    assert_int_equal(env.u[1], 0x3333);
}

/* A loop inside one TB (labels, brcond) updating pins on every pass. */
static void test_loop(void **state)
{
    begin();
    IrLabel top = ir_new_label(fx.f);
    ir_gen_set_label(fx.f, top);
    ir_gen_binop(fx.f, IR_ADD, fx.p[0], fx.p[0], fx.p[1]);
    ir_gen_binopi(fx.f, IR_SUB, fx.p[3], fx.p[3], 1);
    ir_gen_brcond(fx.f, IR_COND_NE, fx.p[3], c64(0), top);
    ir_gen_mov(fx.f, fx.u[0], fx.p[0]);
    end_plain();
    uintptr_t tb = emit(NULL);
    PinEnv env = { .p = { 1, 3, 0, 10 } };
    run(tb, &env);
    assert_int_equal(env.p[0], 31);
    assert_int_equal(env.p[3], 0);
    assert_int_equal(env.u[0], 31);
}

/* u0 = *(p0 + 8), u1 = *(p1 + u1) with the upper halves set: the sums
 * wrap to 32 bits; one lea each, no zero-extending mov. */
static void test_addr32(void **state)
{
    begin();
    IrTemp a = ir_new_temp(fx.f, IR_I64), b = ir_new_temp(fx.f, IR_I64);
    ir_gen_binopi(fx.f, IR_ADD, a, fx.p[0], 8);
    ir_gen_ld(fx.f, fx.u[0], a, IR_MO_32);
    ir_gen_binop(fx.f, IR_ADD, b, fx.p[1], fx.u[1]);
    ir_gen_st(fx.f, fx.p[2], b, IR_MO_16);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    char *t = disas(tb, out.code_size);
    assert_non_null(strstr(t, "lea      esi, [rbx + 8]"));
    assert_non_null(strstr(t, "mov      esi, dword ptr [r15 + rsi]"));
    assert_false(has_mov32_rr(t));
    free(t);
    memcpy(gmem + 0x108, "\x11\x22\x33\x44", 4);
    PinEnv env = { .p = { 0xffffffff00000100ull, 0x1234000000000200ull, 0xbeef },
                   .u = { 0, 0x10 } };
    run(tb, &env);
    assert_int_equal(env.u[0], 0x44332211);
    uint16_t v;
    memcpy(&v, gmem + 0x210, 2);
    assert_int_equal(v, 0xbeef);
}

/* i64 ops whose only reader is the EXT32U right after them (32-bit guest
 * arithmetic) run in 32 bits, whose x86 forms zero-extend: no separate
 * zero-extending mov.  A left shift by 32 or more must stay 64-bit. */
static void test_ext32u_fold(void **state)
{
    begin();
    IrTemp a = ir_new_temp(fx.f, IR_I64), b = ir_new_temp(fx.f, IR_I64);
    IrTemp c = ir_new_temp(fx.f, IR_I64), d = ir_new_temp(fx.f, IR_I64);
    ir_gen_binop(fx.f, IR_ADD, a, fx.p[0], fx.p[1]);
    ir_gen_unop(fx.f, IR_EXT32U, fx.u[0], a);
    ir_gen_binop(fx.f, IR_MUL, b, fx.p[2], fx.p[3]);
    ir_gen_unop(fx.f, IR_EXT32U, fx.u[1], b);
    ir_gen_binopi(fx.f, IR_SHL, c, fx.p[0], 4);
    ir_gen_unop(fx.f, IR_EXT32U, fx.p[1], c);
    ir_gen_binopi(fx.f, IR_SHL, d, fx.p[2], 40);
    ir_gen_unop(fx.f, IR_EXT32U, fx.p[3], d);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    char *t = disas(tb, out.code_size);
    assert_non_null(strstr(t, "lea      esi, [rbx + rbp]"));
    assert_non_null(strstr(t, "imul     edi, r13d"));
    assert_non_null(strstr(t, "shl      r8d, 4\n"));
    assert_non_null(strstr(t, "shl      r8, 0x28\n"));
    assert_null(strstr(t, "mov      esi, esi"));
    assert_null(strstr(t, "mov      edi, edi"));
    free(t);
    PinEnv env = { .p = { 0xffffffff80000001ull, 0x123456787fffffffull,
                          0xabcdef0100000003ull, 0x1111111180000001ull } };
    run(tb, &env);
    assert_int_equal(env.u[0], 0);
    assert_int_equal(env.u[1], 0x80000003);
    assert_int_equal(env.p[1], 0x10);
    assert_int_equal(env.p[3], 0);
}

/* ---- Translation state kept across TBs --------------------------------------- */

/* A TB that leaves u0 in a register and u1 a known constant, then one
 * that reads both: the second must start from the globals' template
 * (both in env, loaded), not from what the first left behind (x86_ra_end
 * puts back every global a TB touched). */
static void test_globals_restored(void **state)
{
    begin();
    ir_gen_binop(fx.f, IR_ADD, fx.u[0], fx.p[0], fx.p[1]);
    ir_gen_mov(fx.f, fx.u[1], c64(77));
    ir_gen_binop(fx.f, IR_ADD, fx.p[2], fx.u[0], fx.u[1]);
    end_plain();
    uintptr_t tb1 = emit(NULL);
    begin();
    ir_gen_binop(fx.f, IR_SUB, fx.p[3], fx.u[0], fx.u[1]);
    end_plain();
    BackendTbOut out;
    uintptr_t tb2 = emit(&out);
    char *t = disas(tb2, out.code_size);
    assert_non_null(strstr(t, ", qword ptr [r14 + 0x28]"));     /* u0 loaded */
    assert_non_null(strstr(t, ", qword ptr [r14 + 0x30]"));     /* u1 loaded */
    free(t);
    PinEnv env = { .p = { 3, 4 } };
    run(tb1, &env);
    assert_int_equal(env.u[0], 7);
    assert_int_equal(env.u[1], 77);
    assert_int_equal(env.p[2], 84);
    env.u[0] = 1000;
    env.u[1] = 1;
    run(tb2, &env);
    assert_int_equal(env.p[3], 999);
}

/* Another IrFunc with other globals (u0 and u1 at swapped offsets, no hot
 * ranks) on the same backend: the template follows IrFunc.globals_gen
 * both ways, and neither IrFunc's TBs see the other's globals. */
static void test_other_ir_func(void **state)
{
    IrFunc *g = ir_func_new();
    assert_non_null(g);
    IrTemp gu1 = ir_global_new(g, IR_I64, (int32_t)offsetof(PinEnv, u[1]), "gu1");
    IrTemp gu0 = ir_global_new(g, IR_I64, (int32_t)offsetof(PinEnv, u[0]), "gu0");
    assert_int_not_equal(g->globals_gen, fx.f->globals_gen);
    IrFunc *mine = fx.f;
    for (int round = 0; round < 2; round++) {
        fx.f = g;
        begin();
        ir_gen_binopi(fx.f, IR_ADD, gu1, gu0, 5);
        end_plain();
        uintptr_t tbg = emit(NULL);
        fx.f = mine;
        begin();
        ir_gen_binop(fx.f, IR_ADD, fx.u[0], fx.u[1], fx.p[0]);
        end_plain();
        uintptr_t tbf = emit(NULL);
        assert_int_equal(((X86Backend *)fx.be)->gtemplate_gen, mine->globals_gen);
        PinEnv env = { .p = { 2 }, .u = { 10, 20 } };
        run(tbg, &env);
        assert_int_equal(env.u[1], 15);
        run(tbf, &env);
        assert_int_equal(env.u[0], 17);
    }
    ir_func_free(g);
}

/* A constant moved into a global that nothing reads later is stored at
 * once; one that is read later stays a constant folded into its reader. */
static void test_const_to_global(void **state)
{
    begin();
    ir_gen_mov(fx.f, fx.u[0], c64(0x1234));
    ir_gen_mov(fx.f, fx.u[1], c64(40));
    ir_gen_binop(fx.f, IR_ADD, fx.p[0], fx.p[0], fx.u[1]);
    end_plain();
    BackendTbOut out;
    uintptr_t tb = emit(&out);
    char *t = disas(tb, out.code_size);
    assert_non_null(strstr(t, "mov      qword ptr [r14 + 0x28], 0x1234\n"));
    assert_non_null(strstr(t, "mov      qword ptr [r14 + 0x30], 0x28\n"));
    assert_non_null(strstr(t, "add      rbx, 0x28\n"));
    free(t);
    PinEnv env = { .p = { 2 } };
    run(tb, &env);
    assert_int_equal(env.u[0], 0x1234);
    assert_int_equal(env.u[1], 40);
    assert_int_equal(env.p[0], 42);
}

/* "Read later?" walks the rest of the TB: u0 is read after its mov (so
 * kept in a register, not stored at once), and a block temp read only
 * by the next op (its dead_in bit) is a 32-bit address.  Twice, so that
 * the second TB's answers owe nothing to the first's. */
static void test_read_later(void **state)
{
    for (unsigned i = 0; i < 2; i++) {
        begin();
        IrTemp a = ir_new_temp(fx.f, IR_I64);
        ir_gen_mov(fx.f, fx.u[0], fx.p[0]);
        ir_gen_binopi(fx.f, IR_ADD, a, fx.u[0], 8);
        ir_gen_ld(fx.f, fx.u[1], a, IR_MO_64);
        ir_gen_binop(fx.f, IR_ADD, fx.p[1], fx.u[0], fx.u[1]);
        end_plain();
        uintptr_t tb = emit(NULL);
        uint64_t v = 0x500 + i;
        memcpy(gmem + 0x308, &v, 8);
        PinEnv env = { .p = { 0x300 } };
        run(tb, &env);
        assert_int_equal(env.u[0], 0x300);
        assert_int_equal(env.u[1], v);
        assert_int_equal(env.p[1], 0x300 + v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_pin_loads),
        cmocka_unit_test(test_prologue),
        cmocka_unit_test(test_enter_reloads),
        cmocka_unit_test(test_chained),
        cmocka_unit_test(test_helper_writes_pin),
        cmocka_unit_test(test_fixed_registers),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_loop),
        cmocka_unit_test(test_addr32),
        cmocka_unit_test(test_ext32u_fold),
        cmocka_unit_test(test_globals_restored),
        cmocka_unit_test(test_other_ir_func),
        cmocka_unit_test(test_const_to_global),
        cmocka_unit_test(test_read_later),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
