/* tests/unit/test-ir.c — the IR core: builders, printer golden text, parser
 * round trip and errors, the verifier's rejections, and the op table's
 * completeness (every op has a name, a text form that round-trips, a
 * verifier rule, an evaluator case or is documented as non-evaluable, and a
 * row in docs/ir.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ir/ir.h"
#include "ir/ir-internal.h"
#include "tests/unit/ir-test-util.h"

#ifndef TERN_SRCDIR
#define TERN_SRCDIR "."
#endif

/* ---- Fixture: a function with a few globals ------------------------------- */

enum { G_X0 = 1, G_X1, G_W2, G_NF };

static uint64_t helper_add(uint64_t a, uint64_t b) { return a + b; }
static void helper_sink(void *env, uint32_t v) { (void)env; (void)v; }

static IrHelper h_add = { "helper_add", (void *)helper_add, 0, IR_I64, 2, { IR_I64, IR_I64 } };
static IrHelper h_sink = { "helper_sink", (void *)helper_sink,
                           IR_HF_SIDE_EFFECTS | IR_HF_READS_GLOBALS, IR_VOID, 2,
                           { IR_I64, IR_I32 } };

static IrFunc *new_func(void)
{
    IrFunc *f = ir_func_new();
    assert_non_null(f);
    assert_int_equal(ir_global_new(f, IR_I64, 0x100, "x0"), G_X0);
    assert_int_equal(ir_global_new(f, IR_I64, 0x108, "x1"), G_X1);
    assert_int_equal(ir_global_new(f, IR_I32, 0x110, "w2"), G_W2);
    assert_int_equal(ir_global_new(f, IR_I64, 0x118, "nf"), G_NF);
    ir_register_helper(&h_add);
    ir_register_helper(&h_sink);
    return f;
}

static int setup(void **state)
{
    *state = new_func();
    return 0;
}

static char *verify_msg(const IrFunc *f, bool *ok)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    *ok = ir_verify(f, m);
    fclose(m);
    return buf;
}

static void assert_roundtrip(IrFunc *f, const char *text)
{
    assert_true(ir_parse(f, text, stderr));
    char *out = ir_test_print(f);
    assert_string_equal(out, text);
    free(out);
}

/* ---- Builders ------------------------------------------------------------ */

static void test_builder_basics(void **state)
{
    IrFunc *f = *state;
    IrTemp t = ir_new_temp(f, IR_I64);
    IrTemp l = ir_new_local(f, IR_I32);
    assert_int_equal(ir_temp_kind(f, t), IR_TEMP_BLOCK);
    assert_int_equal(ir_temp_kind(f, l), IR_TEMP_LOCAL);
    assert_int_equal(ir_temp_type(f, l), IR_I32);
    IrTemp c1 = ir_const(f, IR_I64, 16), c2 = ir_const(f, IR_I64, 16);
    IrTemp c3 = ir_const(f, IR_I32, 16), c4 = ir_const(f, IR_I32, 0x100000010ull);
    assert_int_equal(c1, c2);
    assert_int_not_equal(c1, c3);
    assert_int_equal(c3, c4);                 /* i32 constants are truncated */
    ir_gen_binopi(f, IR_ADD, t, G_X0, 16);
    assert_int_equal(f->nops, 1);
    assert_int_equal(f->ops[0].opc, IR_ADD);
    assert_int_equal(ir_in(&f->ops[0], 1), c1);
    ir_func_reset(f);
    assert_int_equal(f->nops, 0);
    assert_int_equal(f->ntemps, f->nglobals);
    assert_int_not_equal(ir_const(f, IR_I64, 16), c3 + 100);
}

static void test_const_hash_grows(void **state)
{
    IrFunc *f = *state;
    for (uint64_t v = 0; v < 2000; v++)
        ir_const(f, IR_I64, v * 7);
    for (uint64_t v = 0; v < 2000; v++) {
        IrTemp t = ir_const(f, IR_I64, v * 7);
        assert_true(ir_is_const(f, t));
        assert_int_equal(f->temps[t].val, v * 7);
    }
    assert_int_equal(f->ntemps, f->nglobals + 2000);
}

/* Ops, temps and insn boundaries grown far past IR_POPULATE_MIN (128 KiB,
 * where growth commits a fresh block and copies into it) keep what they
 * held, and so does a kept scratch buffer, zeroed past its old end. */
static void test_big_buffers_grow(void **state)
{
    IrFunc *f = *state;
    enum { N = 6000 };              /* 432 KiB of ops, 192 KiB of temps */
    for (uint32_t i = 0; i < N; i++) {
        ir_gen_insn_start(f, 0x1000 + 4 * (uint64_t)i);
        ir_gen_binopi(f, IR_ADD, ir_new_temp(f, IR_I64), G_X0, i);
    }
    assert_int_equal(f->nops, N);
    assert_int_equal(f->ninsns, N);
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(f->ops[i].opc, IR_ADD);
        assert_int_equal(f->temps[ir_in(&f->ops[i], 1)].val, i);
        assert_int_equal(f->insn_pc[i], 0x1000 + 4 * (uint64_t)i);
        assert_int_equal(f->insn_op[i], i);
    }
    void *buf = NULL;
    size_t size = 0;
    uint8_t *b = ir_keep_scratch(&buf, &size, 100 << 10);
    memset(b, 0xa5, size);
    size_t old = size;
    b = ir_keep_scratch(&buf, &size, 300 << 10);
    assert_true(size >= 300 << 10);
    for (size_t i = 0; i < size; i++)
        assert_int_equal(b[i], i < old ? 0xa5 : 0);
    free(buf);
}

/* Slots of earlier TBs (older epochs, also across the counter's wrap) must
 * never be taken for this TB's constants. */
static void test_const_reset_epochs(void **state)
{
    IrFunc *f = *state;
    f->const_epoch = UINT32_MAX - 2;
    for (int round = 0; round < 5; round++) {
        for (uint64_t v = 0; v < 100; v++)
            ir_const(f, IR_I64, v + 1000 + (uint64_t)round * 1000);
        IrTemp tmp = ir_new_temp(f, IR_I64);   /* shifts later indices */
        (void)tmp;
        IrTemp a = ir_const(f, IR_I32, 5), b = ir_const(f, IR_I64, 5);
        assert_int_not_equal(a, b);
        assert_int_equal(ir_const(f, IR_I32, 5), a);
        assert_int_equal(f->temps[a].val, 5);
        assert_int_equal(f->temps[b].type, IR_I64);
        assert_int_equal(f->ntemps, f->nglobals + 103);
        ir_func_reset(f);
        IrTemp c = ir_const(f, IR_I64, 7);
        assert_int_equal(c, f->nglobals);
        assert_int_equal(f->temps[c].val, 7);
        ir_func_reset(f);
    }
    assert_true(f->const_epoch < 100);   /* it wrapped and cleared */
}

/* ---- Printer golden text --------------------------------------------------- */

static void test_print_golden(void **state)
{
    IrFunc *f = *state;
    IrTemp t0 = ir_new_temp(f, IR_I64), t1 = ir_new_temp(f, IR_I32);
    IrTemp loc = ir_new_local(f, IR_I64), r = ir_new_temp(f, IR_I64);
    IrLabel l0 = ir_new_label(f);
    ir_gen_insn_start(f, 0x400120);
    ir_gen_binop(f, IR_ADD, t0, G_X0, ir_const(f, IR_I64, 0x10));
    ir_gen_ld(f, loc, t0, IR_MO_64 | (3 << IR_MO_ALIGN_SHIFT));
    ir_gen_unop(f, IR_TRUNC_I64, t1, loc);
    ir_gen_brcond(f, IR_COND_LT, loc, ir_const(f, IR_I64, 0), l0);
    IrTemp args[2] = { loc, G_X1 };
    ir_gen_call(f, &h_add, r, args);
    ir_gen_st(f, r, G_X1, IR_MO_16 | IR_MO_BE);
    ir_gen_set_label(f, l0);
    ir_gen_st_env(f, loc, -8, IR_MO_32 | IR_MO_SIGN);
    ir_gen_mb(f, IR_MB_ALL);
    ir_gen_goto_tb(f, 1, 0x400124);
    char *out = ir_test_print(f);
    assert_string_equal(out,
        "---- 0x400120\n"
        "add_i64 tmp0, x0, 0x10:i64\n"
        "ld_i64 loc2, tmp0, mo:u64:al8\n"
        "trunc_i64 tmp1, loc2\n"
        "brcond_i64 loc2, 0x0:i64, lt, L0\n"
        "call helper_add, tmp3, loc2, x1\n"
        "st_i64 tmp3, x1, mo:u16:be\n"
        "set_label L0\n"
        "st_env_i64 loc2, @-0x8, mo:s32\n"
        "mb all\n"
        "goto_tb 1, 0x400124\n");
    free(out);
}

/* ---- Guest insn boundaries -------------------------------------------------- */

/* ir_gen_insn_start() emits no op: it records the pc and the index of the
 * next op, past the table's first growth; the printer puts each boundary
 * before its op (several on one op, and after the last op, too); the
 * verifier wants them in order and within the ops. */
static void test_insn_boundaries(void **state)
{
    IrFunc *f = *state;
    for (uint32_t i = 0; i < 200; i++) {
        ir_gen_insn_start(f, 0x1000 + 4 * i);
        if (i % 3 == 0)
            ir_gen_mov(f, G_X0, G_X1);
    }
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    ir_gen_insn_start(f, 0x2000);
    assert_int_equal(f->ninsns, 201);
    assert_int_equal(f->nops, 68);
    for (uint32_t i = 0; i < 200; i++) {
        assert_int_equal(f->insn_pc[i], 0x1000 + 4 * i);
        assert_int_equal(f->insn_op[i], (i + 2) / 3);
    }
    assert_int_equal(f->insn_op[200], f->nops);
    assert_true(ir_verify(f, NULL));

    ir_func_reset(f);
    assert_int_equal(f->ninsns, 0);
    ir_gen_insn_start(f, 0x10);
    ir_gen_insn_start(f, 0x14);
    ir_gen_mov(f, G_X0, G_X1);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    ir_gen_insn_start(f, 0x18);
    char *out = ir_test_print(f);
    assert_string_equal(out, "---- 0x10\n---- 0x14\nmov_i64 x0, x1\nexit_tb plain\n"
                             "---- 0x18\n");
    free(out);
    assert_true(ir_verify(f, NULL));
    f->insn_op[1] = 0;
    f->insn_op[0] = 1;          /* out of order */
    assert_false(ir_verify(f, NULL));
    f->insn_op[0] = 0;
    f->insn_op[2] = 3;          /* past the ops */
    assert_false(ir_verify(f, NULL));
}

/* ---- Parser ----------------------------------------------------------------- */

static void test_parse_roundtrip(void **state)
{
    IrFunc *f = *state;
    assert_roundtrip(f,
        "---- 0x1000\n"
        "mov_i32 tmp0, w2\n"
        "extract_i32 tmp1, tmp0, 3, 5\n"
        "sextract_i64 tmp2, x0, 8, 16\n"
        "deposit_i64 loc3, x0, x1, 4, 8\n"
        "setcond_i32 tmp4, tmp1, 0x7:i32, geu\n"
        "movcond_i64 tmp5, x0, x1, loc3, 0xffffffffffffffff:i64, tstne\n"
        "extu_i32 tmp6, tmp4\n"
        "exts_i32 tmp7, w2\n"
        "cmpxchg_i32 tmp8, x0, w2, tmp4, mo:u32:al4\n"
        "ld_env_i64 tmp9, @0x200, mo:u64\n"
        "call helper_sink, env, tmp8\n"
        "br L1\n"
        "set_label L1\n"
        "mov_i64 x0, loc3\n"
        "lookup_and_goto\n");
    assert_int_equal(f->ninsns, 1);
    assert_int_equal(f->nlabels, 2);
    assert_int_equal(ir_temp_kind(f, f->nglobals + 3), IR_TEMP_LOCAL);
    assert_int_equal(ir_temp_type(f, f->nglobals + 8), IR_I32);
    assert_true(ir_verify(f, stderr));
}

static void test_parse_accepts_comments_and_decimal(void **state)
{
    IrFunc *f = *state;
    assert_true(ir_parse(f,
        "# a comment line\n"
        "\n"
        "  add_i64 x0, x0, 16:i64   # trailing comment\n"
        "sub_i32 w2, w2, -1:i32\n"
        "and_i32 w2, w2, $0xff\n"
        "exit_tb plain\n", stderr));
    char *out = ir_test_print(f);
    assert_string_equal(out, "add_i64 x0, x0, 0x10:i64\n"
                             "sub_i32 w2, w2, 0xffffffff:i32\n"
                             "and_i32 w2, w2, 0xff:i32\n"
                             "exit_tb plain\n");
    free(out);
}

static void expect_parse_error(IrFunc *f, const char *text, const char *msg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_false(ir_parse(f, text, m));
    fclose(m);
    if (!strstr(buf, msg))
        fail_msg("expected '%s' in: %s", msg, buf);
    free(buf);
}

static void test_parse_errors(void **state)
{
    IrFunc *f = *state;
    expect_parse_error(f, "frob_i64 x0, x0\n", "unknown op");
    expect_parse_error(f, "add x0, x0, x1\n", "unknown op");
    expect_parse_error(f, "add_i64 x0, x1\n", "takes 3 operands");
    expect_parse_error(f, "add_i64 x0, x1, y7\n", "unknown temp");
    expect_parse_error(f, "add_i64 x0, x1, 5\n", "needs a type");
    expect_parse_error(f, "call helper_nope, x0\n", "unknown helper");
    expect_parse_error(f, "call helper_add, x0, x1\n", "takes 3 operands");
    expect_parse_error(f, "ld_i64 x0, x1, mo:u24\n", "bad memop size");
    expect_parse_error(f, "ld_i64 x0, x1, mo:u64:al3\n", "bad alignment");
    expect_parse_error(f, "setcond_i64 x0, x1, x1, sometimes\n", "unknown condition");
    expect_parse_error(f, "br X3\n", "bad label");
    expect_parse_error(f, "exit_tb maybe\n", "unknown name");
    expect_parse_error(f, "nop\n\nld_env_i64 x0, 0x10, mo:u64\n", "line 3: bad offset");
    expect_parse_error(f, "mov_i64 tmp1, x0\nmov_i64 loc1, x0\n", "same temp");
    assert_true(ir_parse(f, "mov_i64 tmp1, x0  # not loc1\nexit_tb plain\n", stderr));
}

/* ---- Verifier --------------------------------------------------------------- */

static void expect_invalid(IrFunc *f, const char *msg)
{
    bool ok;
    char *buf = verify_msg(f, &ok);
    if (ok) {
        char *text = ir_test_print(f);
        fail_msg("verifier accepted (wanted '%s'):\n%s", msg, text);
    }
    if (!strstr(buf, msg))
        fail_msg("expected '%s' in: %s", msg, buf);
    free(buf);
}

/* Parses text that is syntactically fine and must be rejected. */
static void expect_invalid_text(IrFunc *f, const char *text, const char *msg)
{
    assert_true(ir_parse(f, text, stderr));
    expect_invalid(f, msg);
}

static void test_verify_accepts_valid(void **state)
{
    IrFunc *f = *state;
    assert_true(ir_parse(f,
        "---- 0x10\n"
        "add_i64 loc0, x0, x1\n"
        "brcond_i64 loc0, 0x0:i64, eq, L0\n"
        "mov_i64 tmp1, loc0\n"
        "mov_i64 x0, tmp1\n"
        "goto_tb 0, 0x14\n"
        "set_label L0\n"
        "mov_i64 x1, loc0\n"
        "exit_tb plain\n", stderr));
    assert_true(ir_verify(f, stderr));
}

static void test_verify_rejects_text(void **state)
{
    IrFunc *f = *state;
    expect_invalid_text(f, "add_i64 x0, w2, x1\nexit_tb plain\n", "wrong type");
    expect_invalid_text(f, "add_i64 tmp0, x0, x1\nadd_i32 w2, tmp0, w2\nexit_tb plain\n",
                        "wrong type");
    expect_invalid_text(f, "add_i64 x0, tmp0, x1\nexit_tb plain\n", "read before written");
    expect_invalid_text(f, "add_i64 tmp0, x0, x1\nset_label L0\nmov_i64 x0, tmp0\n"
                           "exit_tb plain\n", "read before written");
    expect_invalid_text(f, "add_i64 tmp0, x0, x1\nbrcond_i64 x0, x1, eq, L0\n"
                           "mov_i64 x0, tmp0\nset_label L0\nexit_tb plain\n",
                        "read before written");
    expect_invalid_text(f, "mov_i64 x0, loc0\nexit_tb plain\n", "TB-local read before");
    expect_invalid_text(f, "br L0\nexit_tb plain\n", "never placed");
    expect_invalid_text(f, "set_label L0\nset_label L0\nexit_tb plain\n", "placed twice");
    expect_invalid_text(f, "ext32u_i32 w2, w2\nexit_tb plain\n", "i64 only");
    expect_invalid_text(f, "ext32s_i32 w2, w2\nexit_tb plain\n", "i64 only");
    expect_invalid_text(f, "extract_i32 w2, w2, 30, 4\nexit_tb plain\n", "bit field");
    expect_invalid_text(f, "extract_i64 x0, x0, 0, 0\nexit_tb plain\n", "bit field");
    expect_invalid_text(f, "deposit_i64 x0, x0, x1, 60, 8\nexit_tb plain\n", "bit field");
    expect_invalid_text(f, "ld_i32 w2, x0, mo:u64\nexit_tb plain\n", "size does not fit");
    expect_invalid_text(f, "ld_env_i64 tmp0, @0x104, mo:u64\nexit_tb plain\n",
                        "overlaps global x0");
    expect_invalid_text(f, "st_env_i32 w2, @0x113, mo:u8\nexit_tb plain\n",
                        "overlaps global w2");
    expect_invalid_text(f, "goto_tb 4, 0x4\n", "slot");
    expect_invalid_text(f, "goto_tb 0, 0x4\ngoto_tb 0, 0x8\n", "used twice");
    /* goto_tb_if's slot counts as goto_tb's; it ends no block and no TB */
    expect_invalid_text(f, "goto_tb_if_i64 x0, x1, ne, 1, 0x4\ngoto_tb 1, 0x8\n", "used twice");
    expect_invalid_text(f, "goto_tb_if_i64 x0, x1, ne, 4, 0x4\ngoto_tb 0, 0x8\n", "slot");
    expect_invalid_text(f, "goto_tb_if_i64 x0, x1, ne, 1, 0x4\n", "does not end");
    expect_invalid_text(f, "goto_tb_if_i64 x0, w2, ne, 1, 0x4\ngoto_tb 0, 0x8\n",
                        "wrong type");
    expect_parse_error(f, "exit_tb slot0\n", "unknown name");
    expect_invalid_text(f, "mov_i64 0x1:i64, x0\nexit_tb plain\n", "constant or env");
    expect_invalid_text(f, "mov_i64 env, x0\nexit_tb plain\n", "constant or env");
    expect_invalid_text(f, "mov_i64 x0, x1\n", "does not end");
    expect_invalid_text(f, "exit_tb plain\nmov_i64 x0, x1\n---- 0x4\n", "does not end");
}

/* Malformed IR the text form cannot express: build it, then corrupt it. */
static IrOp *valid_add(IrFunc *f)
{
    ir_func_reset(f);
    ir_gen_binop(f, IR_ADD, G_X0, G_X0, G_X1);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    assert_true(ir_verify(f, stderr));
    return &f->ops[0];
}

static void test_verify_rejects_corrupt(void **state)
{
    IrFunc *f = *state;
    valid_add(f)->opc = IR_NUM_OPS;
    expect_invalid(f, "unknown opcode");
    valid_add(f)->nin = 1;
    expect_invalid(f, "operand counts");
    valid_add(f)->type = 7;
    expect_invalid(f, "bad op type");
    valid_add(f)->args[2] = 999999;
    expect_invalid(f, "out of range");
    valid_add(f)->type = IR_I32;
    expect_invalid(f, "wrong type");
    IrOp *op = valid_add(f);
    IrTemp c = ir_const(f, IR_I32, 1);
    f->temps[c].val = 1ull << 40;
    op->type = IR_I32;
    op->args[0] = op->args[1] = G_W2;
    op->args[2] = c;
    expect_invalid(f, "upper bits");

    ir_func_reset(f);
    ir_gen_setcond(f, IR_COND_EQ, G_X0, G_X0, G_X1);
    f->ops[0].args[3] = IR_NUM_CONDS;
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    expect_invalid(f, "bad condition");

    ir_func_reset(f);
    ir_gen_mb(f, 0);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    expect_invalid(f, "barrier");

    ir_func_reset(f);
    ir_gen_exit_tb(f, (IrExit)9);
    expect_invalid(f, "exit code");

    ir_func_reset(f);
    ir_gen_ld(f, G_X0, G_X1, IR_MO_64 | 0x100);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    expect_invalid(f, "unknown bits");

    ir_func_reset(f);
    IrTemp args[2] = { G_X0, G_X1 };
    ir_gen_call(f, &h_add, G_X0, args);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    f->ops[0].args[3] = (uint64_t)(uintptr_t)&h_sink;
    expect_invalid(f, "do not match helper");

    ir_func_reset(f);
    ir_gen_unop(f, IR_EXTU_I32, G_X0, G_W2);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    f->ops[0].type = IR_I32;
    expect_invalid(f, "op type must be i64");

    ir_func_reset(f);
    ir_gen_br(f, 5);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
    expect_invalid(f, "label 5 out of range");
}

/* ---- The op table: every op complete ----------------------------------------- */

/* Appends one well-formed instance of opc; inputs are globals (always
 * defined), outputs fresh block temps. */
static void gen_sample(IrFunc *f, IrOpcode opc, IrType type)
{
    const IrOpInfo *info = &ir_op_info[opc];
    if (opc == IR_CALL) {
        IrTemp args[2] = { G_X0, G_X1 };
        ir_gen_call(f, &h_add, ir_new_temp(f, IR_I64), args);
        return;
    }
    IrOp *op = ir_emit(f, opc, type);
    unsigned n = 0;
    for (unsigned i = 0; i < (unsigned)info->nout + info->nin; i++) {
        char s = info->sig[i];
        IrType t = s == '4' ? IR_I32 : s == '8' ? IR_I64 : type;
        op->args[n++] = i < info->nout ? ir_new_temp(f, t) : t == IR_I32 ? G_W2 : G_X0;
    }
    static const uint64_t cargs[IR_NUM_OPS][5] = {
        [IR_EXTRACT] = { 4, 8 }, [IR_SEXTRACT] = { 0, 16 }, [IR_DEPOSIT] = { 8, 8 },
        [IR_SETCOND] = { IR_COND_LTU }, [IR_MOVCOND] = { IR_COND_GE },
        [IR_BRCOND] = { IR_COND_NE, 0 }, [IR_LD_ENV] = { 0x200, IR_MO_32 },
        [IR_ST_ENV] = { 0x208, IR_MO_16 }, [IR_LD] = { IR_MO_32 | IR_MO_SIGN },
        [IR_ST] = { IR_MO_8 }, [IR_CMPXCHG] = { IR_MO_32 }, [IR_MB] = { IR_MB_ST },
        [IR_EXIT_TB] = { IR_EXIT_REQUESTED },
        [IR_GOTO_TB] = { 1, 0x4000 }, [IR_GOTO_TB_IF] = { IR_COND_GTU, 0, 0x4000 },
        [IR_VEC] = { IR_VEC_ADD | 1u << 10, 0x200, 0x210, 0x220, 0x230 },  /* add.16b */
    };
    for (unsigned i = 0; i < info->ncarg; i++)
        op->args[n++] = cargs[opc][i];
}

/* Label 0 exists and is placed once whatever the sample is. */
static void gen_sample_tb(IrFunc *f, IrOpcode opc, IrType type)
{
    ir_func_reset(f);
    IrLabel l = ir_new_label(f);
    if (opc != IR_SET_LABEL)
        ir_gen_brcond(f, IR_COND_EQ, G_X0, G_X1, l);
    gen_sample(f, opc, type);
    if (opc != IR_SET_LABEL)
        ir_gen_set_label(f, l);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
}

static bool type_ok(IrOpcode opc, IrType t)
{
    const char *sig = ir_op_info[opc].sig;
    if (t == IR_I32)
        return strchr(sig, 'T') && opc != IR_EXT32S && opc != IR_EXT32U;
    return opc != IR_TRUNC_I64;
}

static void check_evaluable(IrOpcode opc, IrType t)
{
    uint64_t in[4] = { 0x123456789abcdef0ull, 5, 7, 9 }, carg[2] = { 4, 8 }, r = 0xdead;
    if (opc == IR_SETCOND || opc == IR_MOVCOND)
        carg[0] = IR_COND_LT;
    bool pure = ir_op_info[opc].flags & IR_F_PURE;
    /* Documented in docs/ir.md: only pure ops evaluate. */
    assert_int_equal(ir_eval(opc, t, in, carg, &r), pure);
    if (pure && t == IR_I32)
        assert_true(r <= 0xffffffffull);
}

static char *read_doc(void)
{
    FILE *fp = fopen(TERN_SRCDIR "/docs/ir.md", "r");
    if (!fp)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void test_op_table_complete(void **state)
{
    IrFunc *f = *state;
    char *doc = read_doc();
    assert_non_null(doc);
    for (unsigned o = 0; o < IR_NUM_OPS; o++) {
        const IrOpInfo *info = &ir_op_info[o];
        assert_non_null(info->name);
        assert_true(strlen(info->name) > 0);
        assert_int_equal(strlen(info->sig), info->nout + info->nin);
        char row[64];
        snprintf(row, sizeof(row), "| `%s`", info->name);
        for (char *p = row; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        if (!strstr(doc, row))
            fail_msg("docs/ir.md has no row for %s", info->name);
        for (IrType t = IR_I32; t <= IR_I64; t++) {
            if (!type_ok((IrOpcode)o, t))
                continue;
            gen_sample_tb(f, (IrOpcode)o, t);
            if (!ir_verify(f, stderr))
                fail_msg("verifier rejects the sample of %s", info->name);
            char *text = ir_test_print(f);
            assert_roundtrip(f, text);
            assert_true(ir_verify(f, stderr));
            free(text);
            check_evaluable((IrOpcode)o, t);
        }
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_builder_basics, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_const_hash_grows, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_const_reset_epochs, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_big_buffers_grow, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_print_golden, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_insn_boundaries, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_parse_roundtrip, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_parse_accepts_comments_and_decimal, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_parse_errors, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_verify_accepts_valid, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_verify_rejects_text, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_verify_rejects_corrupt, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_op_table_complete, setup, ir_test_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
