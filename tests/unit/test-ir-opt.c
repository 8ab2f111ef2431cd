/* tests/unit/test-ir-opt.c — the optimizer and liveness, IR text in -> IR
 * text out: each fold rule family, copy propagation, dead-code elimination
 * (dead flag stores, unreachable code, labels), the dead_in bits, the
 * evaluator's exact semantics, and a random differential test that runs
 * random IR before and after ir_optimize() on a small IR interpreter (and
 * checks the dead_in bits ir_optimize() leaves).
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
#include "tests/unit/ir-test-util.h"

enum { G_X0 = 1, G_X1, G_W2, G_NF, G_ZF, G_CF, G_VF, NGLOB };

static uint64_t helper_pure(uint64_t a) { return a * 3; }
static void helper_wg(void *env) { (void)env; }
static void helper_rg(void *env) { (void)env; }

static IrHelper h_pure = { "helper_pure", (void *)helper_pure, 0, IR_I64, 1, { IR_I64 } };
static IrHelper h_wg = { "helper_wg", (void *)helper_wg,
                         IR_HF_WRITES_GLOBALS | IR_HF_SIDE_EFFECTS, IR_VOID, 1, { IR_I64 } };
static IrHelper h_rg = { "helper_rg", (void *)helper_rg,
                         IR_HF_READS_GLOBALS | IR_HF_SIDE_EFFECTS, IR_VOID, 1, { IR_I64 } };

static int setup(void **state)
{
    IrFunc *f = ir_func_new();
    ir_global_new(f, IR_I64, 0x100, "x0");
    ir_global_new(f, IR_I64, 0x108, "x1");
    ir_global_new(f, IR_I32, 0x110, "w2");
    ir_global_new(f, IR_I64, 0x118, "nf");
    ir_global_new(f, IR_I64, 0x120, "zf");
    ir_global_new(f, IR_I64, 0x128, "cf");
    ir_global_new(f, IR_I64, 0x130, "vf");
    ir_register_helper(&h_pure);
    ir_register_helper(&h_wg);
    ir_register_helper(&h_rg);
    *state = f;
    return 0;
}

/* in -> ir_optimize -> must print exactly as out. */
static void check_opt(IrFunc *f, const char *in, const char *out)
{
    if (!ir_parse(f, in, stderr) || !ir_verify(f, stderr))
        fail_msg("bad test input:\n%s", in);
    ir_optimize(f);
    if (!ir_verify(f, stderr))
        fail_msg("optimizer output does not verify for:\n%s", in);
    char *got = ir_test_print(f);
    if (strcmp(got, out) != 0)
        fail_msg("for input:\n%s\nexpected:\n%s\ngot:\n%s", in, out, got);
    free(got);
}

/* Shorthand: most cases end the TB the same way. */
#define END "exit_tb plain\n"

/* ---- State kept across TBs ------------------------------------------------- */

/* The fold facts and the liveness marks are never cleared between TBs, only
 * told apart by epochs (and cleared once near the wrap of their counters).
 * A long-lived IrFunc, also pushed next to that wrap, must optimize every
 * TB exactly as a fresh one does: same ops, same dead_in. */
static const char *const kept_cases[] = {
    "mov_i64 tmp0, x0\nadd_i64 tmp1, tmp0, 0x8:i64\nadd_i64 tmp2, tmp1, 0x8:i64\n"
    "ld_i64 tmp3, tmp2, mo:u64\nmov_i64 x1, tmp3\nmov_i64 nf, tmp3\nmov_i64 nf, tmp1\n" END,
    "ext32u_i64 loc0, x1\nbrcond_i64 loc0, 0x0:i64, eq, L0\nmov_i64 x0, loc0\n"
    "set_label L0\nmov_i64 loc1, x0\nbr L1\nset_label L1\nadd_i64 x1, loc1, 0x1:i64\n" END,
    "setcond_i64 tmp0, x0, x1, ltu\nbrcond_i64 tmp0, 0x0:i64, ne, L0\ncall helper_wg, env\n"
    "mov_i64 x0, x1\nset_label L0\nxor_i64 tmp1, x0, x0\nmov_i64 zf, tmp1\n" END,
};

static void optimize_text(IrFunc *f, const char *in, char **text, uint16_t *dead)
{
    if (!ir_parse(f, in, stderr) || !ir_verify(f, stderr))
        fail_msg("bad test input:\n%s", in);
    ir_optimize(f);
    *text = ir_test_print(f);
    for (uint32_t i = 0; i < f->nops && i < 64; i++)
        dead[i] = f->ops[i].dead_in;
}

static void check_like_fresh(IrFunc *kept, const char *in)
{
    IrFunc *fresh = ir_func_new();
    for (IrTemp g = G_X0; g < NGLOB; g++)
        ir_global_new(fresh, ir_temp_type(kept, g), kept->temps[g].env_offset,
                      kept->temps[g].name);
    char *want, *got;
    uint16_t dwant[64] = { 0 }, dgot[64] = { 0 };
    optimize_text(fresh, in, &want, dwant);
    optimize_text(kept, in, &got, dgot);
    if (strcmp(want, got) != 0 || memcmp(dwant, dgot, sizeof(dwant)) != 0)
        fail_msg("kept IrFunc differs from a fresh one for:\n%s\nfresh:\n%s\nkept:\n%s",
                 in, want, got);
    free(want);
    free(got);
    ir_func_free(fresh);
}

static void test_state_across_tbs(void **state)
{
    IrFunc *f = *state;
    size_t n = sizeof(kept_cases) / sizeof(kept_cases[0]);
    for (unsigned round = 0; round < 3; round++) {
        if (round == 1) {           /* next to the wrap: cleared on the way */
            f->fold_clock = 0xc0000000u - 2;
            /* liveness: the block threshold a few steps below the global
             * one minus the gap at which both restart */
            f->live_epoch = 0x50000000u;
            f->live_gepoch = f->live_epoch + 0x40000000u + 12;
        }
        for (size_t i = 0; i < 4 * n; i++)
            check_like_fresh(f, kept_cases[(i * 7 + round) % n]);
    }
    assert_true(f->live_epoch < 0x1000u && f->fold_clock < 0xc0000000u);
}

/* The removing liveness walk compacts the ops backward, so after
 * ir_optimize() they may start past the allocation's front: appending
 * more (past the capacity, too), optimizing again and starting the next
 * TB must all still see exactly the ops kept. */
static void test_compaction_then_append(void **state)
{
    IrFunc *f = *state;
    check_opt(f,
        "add_i64 tmp0, x0, x1\n"
        "mov_i64 x0, tmp0\n"
        "add_i64 tmp1, x0, 0x10:i64\n"
        "mov_i64 x0, tmp1\n"
        "st_i64 x1, x0, mo:u64\n"
        "nop\n"
        "exit_tb plain\n",
        "add_i64 tmp0, x0, x1\n"
        "add_i64 tmp1, tmp0, 0x10:i64\n"
        "mov_i64 x0, tmp1\n"
        "st_i64 x1, tmp1, mo:u64\n"
        "exit_tb plain\n");
    assert_ptr_not_equal(f->ops, f->ops_mem);  /* two ops dropped from the front */
    uint32_t kept = f->nops, cap = f->ops_cap;
    for (uint32_t i = 0; i < 2 * cap + 5; i++)
        ir_gen_mov(f, G_X1, G_X0);
    assert_int_equal(f->nops, kept + 2 * cap + 5);
    assert_int_equal(f->ops[0].opc, IR_ADD);
    assert_int_equal(f->ops[kept - 1].opc, IR_EXIT_TB);
    assert_int_equal(f->ops[kept].opc, IR_MOV);
    ir_func_reset(f);
    check_opt(f,
        "mov_i64 x1, x0\n"
        "mov_i64 x1, 0x5:i64\n"
        "exit_tb plain\n",
        "mov_i64 x1, 0x5:i64\n"
        "exit_tb plain\n");
}

/* Guest insn boundaries follow the ops through DCE's compaction: an insn
 * whose ops all go begins where the next one does; one after the last op
 * stays at the end; boundaries before dropped front ops move with f->ops. */
static void test_insn_boundaries_follow_ops(void **state)
{
    IrFunc *f = *state;
    check_opt(f,
        "---- 0x100\n"
        "add_i64 tmp0, x0, x1\n"         /* dead: dropped from the front */
        "---- 0x104\n"
        "mov_i64 x0, x1\n"
        "---- 0x108\n"
        "mov_i64 nf, x0\n"               /* overwritten below: dead */
        "nop\n"
        "---- 0x10c\n"
        "mov_i64 nf, x1\n"
        "---- 0x110\n"
        "exit_tb plain\n"
        "---- 0x114\n",
        "---- 0x100\n"
        "---- 0x104\n"
        "mov_i64 x0, x1\n"
        "---- 0x108\n"
        "---- 0x10c\n"
        "mov_i64 nf, x1\n"
        "---- 0x110\n"
        "exit_tb plain\n"
        "---- 0x114\n");
    assert_ptr_not_equal(f->ops, f->ops_mem);
    static const uint32_t want[] = { 0, 0, 1, 1, 2, 3 };
    assert_int_equal(f->ninsns, 6);
    for (uint32_t i = 0; i < 6; i++)
        assert_int_equal(f->insn_op[i], want[i]);
    assert_int_equal(f->insn_pc[3], 0x10c);
}

/* ---- Constant folding ---------------------------------------------------- */

static void test_fold_constants(void **state)
{
    IrFunc *f = *state;
    check_opt(f,
        "add_i64 tmp0, 0x2:i64, 0x3:i64\n"
        "mul_i64 tmp1, tmp0, 0x7:i64\n"
        "sub_i32 tmp2, 0x0:i32, 0x1:i32\n"
        "divs_i64 tmp3, 0x8000000000000000:i64, -1:i64\n"
        "divu_i32 tmp4, 0x10:i32, 0x0:i32\n"
        "mov_i64 x0, tmp1\n"
        "mov_i32 w2, tmp2\n"
        "mov_i64 x1, tmp3\n" END,
        "mov_i64 x0, 0x23:i64\n"
        "mov_i32 w2, 0xffffffff:i32\n"
        "mov_i64 x1, 0x8000000000000000:i64\n" END);
    check_opt(f, "add_i32 w2, 0xffffffff:i32, 0x2:i32\n" END,
                 "mov_i32 w2, 0x1:i32\n" END);
    check_opt(f, "divu_i64 x0, 0x10:i64, 0x0:i64\n" END, "mov_i64 x0, 0x0:i64\n" END);
    check_opt(f, "muluh_i64 x0, -1:i64, -1:i64\n" END,
                 "mov_i64 x0, 0xfffffffffffffffe:i64\n" END);
    check_opt(f, "mulsh_i32 w2, -1:i32, -1:i32\n" END, "mov_i32 w2, 0x0:i32\n" END);
    check_opt(f, "clz_i32 w2, 0x0:i32\n" END, "mov_i32 w2, 0x20:i32\n" END);
    check_opt(f, "ctz_i64 x0, 0x0:i64\n" END, "mov_i64 x0, 0x40:i64\n" END);
    check_opt(f, "bswap_i32 w2, 0x11223344:i32\n" END, "mov_i32 w2, 0x44332211:i32\n" END);
    check_opt(f, "ctpop_i64 x0, 0xff00ff:i64\n" END, "mov_i64 x0, 0x10:i64\n" END);
    check_opt(f, "neg_i32 w2, 0x1:i32\n" END, "mov_i32 w2, 0xffffffff:i32\n" END);
    check_opt(f, "deposit_i64 x0, 0xffff:i64, 0x0:i64, 4, 8\n" END,
                 "mov_i64 x0, 0xf00f:i64\n" END);
    check_opt(f, "sextract_i32 w2, 0xf0:i32, 4, 4\n" END, "mov_i32 w2, 0xffffffff:i32\n" END);
}

static void test_fold_shifts(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "shl_i64 x0, x1, 0x0:i64\n" END, "mov_i64 x0, x1\n" END);
    check_opt(f, "shr_i32 w2, 0x80000000:i32, 0x1f:i32\n" END, "mov_i32 w2, 0x1:i32\n" END);
    check_opt(f, "sar_i32 w2, 0x80000000:i32, 0x1f:i32\n" END,
                 "mov_i32 w2, 0xffffffff:i32\n" END);
    check_opt(f, "rotr_i64 x0, 0x1:i64, 0x1:i64\n" END,
                 "mov_i64 x0, 0x8000000000000000:i64\n" END);
    check_opt(f, "rotr_i32 w2, 0x1:i32, 0x1:i32\n" END, "mov_i32 w2, 0x80000000:i32\n" END);
    /* Counts >= width are unspecified: never folded. */
    check_opt(f, "shl_i64 x0, 0x1:i64, 0x40:i64\n" END, "shl_i64 x0, 0x1:i64, 0x40:i64\n" END);
    check_opt(f, "shr_i32 w2, 0x0:i32, w2\n" END, "shr_i32 w2, 0x0:i32, w2\n" END);
    check_opt(f, "sar_i32 w2, w2, 0x20:i32\n" END, "sar_i32 w2, w2, 0x20:i32\n" END);
}

/* ---- Algebraic identities -------------------------------------------------- */

static void test_fold_identities(void **state)
{
    IrFunc *f = *state;
    static const char *const cases[][2] = {
        { "add_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, x1\n" },
        { "add_i64 x0, 0x0:i64, x1\n", "mov_i64 x0, x1\n" },
        { "sub_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, x1\n" },
        { "sub_i64 x0, x1, x1\n", "mov_i64 x0, 0x0:i64\n" },
        { "mul_i64 x0, x1, 0x1:i64\n", "mov_i64 x0, x1\n" },
        { "mul_i64 x0, 0x0:i64, x1\n", "mov_i64 x0, 0x0:i64\n" },
        { "muluh_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, 0x0:i64\n" },
        { "divs_i64 x0, x1, 0x1:i64\n", "mov_i64 x0, x1\n" },
        { "divs_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, 0x0:i64\n" },
        { "and_i64 x0, x1, -1:i64\n", "mov_i64 x0, x1\n" },
        { "and_i64 x0, x1, x1\n", "mov_i64 x0, x1\n" },
        { "or_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, x1\n" },
        { "or_i64 x0, x1, -1:i64\n", "mov_i64 x0, 0xffffffffffffffff:i64\n" },
        { "or_i64 x0, x1, x1\n", "mov_i64 x0, x1\n" },
        { "xor_i64 x0, x1, x1\n", "mov_i64 x0, 0x0:i64\n" },
        { "xor_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, x1\n" },
        { "xor_i64 x0, x1, -1:i64\n", "not_i64 x0, x1\n" },
        { "andc_i64 x0, x1, x1\n", "mov_i64 x0, 0x0:i64\n" },
        { "andc_i64 x0, x1, 0x0:i64\n", "mov_i64 x0, x1\n" },
        { "andc_i64 x0, 0x0:i64, x1\n", "mov_i64 x0, 0x0:i64\n" },
        { "orc_i64 x0, x1, x1\n", "mov_i64 x0, 0xffffffffffffffff:i64\n" },
        { "orc_i64 x0, x1, -1:i64\n", "mov_i64 x0, x1\n" },
        { "eqv_i64 x0, x1, x1\n", "mov_i64 x0, 0xffffffffffffffff:i64\n" },
        { "eqv_i64 x0, x1, 0x0:i64\n", "not_i64 x0, x1\n" },
        { "extract_i64 x0, x1, 0, 64\n", "mov_i64 x0, x1\n" },
        { "deposit_i32 w2, w2, 0x5:i32, 0, 32\n", "mov_i32 w2, 0x5:i32\n" },
        { "mov_i64 x0, x0\n", "" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char in[256], out[256];
        snprintf(in, sizeof(in), "%s" END, cases[i][0]);
        snprintf(out, sizeof(out), "%s" END, cases[i][1]);
        check_opt(f, in, out);
    }
    check_opt(f, "and_i32 w2, w2, 0x0:i32\n" END, "mov_i32 w2, 0x0:i32\n" END);
}

/* ---- Known bits, extensions ------------------------------------------------- */

static void test_fold_extensions(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "ext8s_i64 x0, 0x80:i64\n" END, "mov_i64 x0, 0xffffffffffffff80:i64\n" END);
    check_opt(f, "ext16u_i32 w2, 0x12345678:i32\n" END, "mov_i32 w2, 0x5678:i32\n" END);
    check_opt(f, "exts_i32 x0, 0x80000000:i32\n" END,
                 "mov_i64 x0, 0xffffffff80000000:i64\n" END);
    check_opt(f, "extu_i32 x0, 0x80000000:i32\n" END, "mov_i64 x0, 0x80000000:i64\n" END);
    check_opt(f, "trunc_i64 w2, 0x123456789:i64\n" END, "mov_i32 w2, 0x23456789:i32\n" END);
    /* narrower inside wider: the outer one is a move */
    check_opt(f, "ext8u_i64 tmp0, x1\next16u_i64 x0, tmp0\n" END,
                 "ext8u_i64 tmp0, x1\nmov_i64 x0, tmp0\n" END);
    check_opt(f, "ext8s_i32 tmp0, w2\next16s_i32 w2, tmp0\n" END,
                 "ext8s_i32 tmp0, w2\nmov_i32 w2, tmp0\n" END);
    /* wider inside narrower: the inner one is skipped */
    check_opt(f, "ext16s_i64 tmp0, x1\next8s_i64 x0, tmp0\n" END, "ext8s_i64 x0, x1\n" END);
    check_opt(f, "ext32u_i64 tmp0, x1\next8u_i64 x0, tmp0\n" END, "ext8u_i64 x0, x1\n" END);
    /* i32 <-> i64 */
    check_opt(f, "trunc_i64 tmp0, x1\nextu_i32 x0, tmp0\n" END, "ext32u_i64 x0, x1\n" END);
    check_opt(f, "trunc_i64 tmp0, x1\nexts_i32 x0, tmp0\n" END, "ext32s_i64 x0, x1\n" END);
    check_opt(f, "extu_i32 tmp0, w2\ntrunc_i64 tmp1, tmp0\nmov_i32 w2, tmp1\n" END, END);
    /* known-zero bits */
    check_opt(f, "and_i64 tmp0, x1, 0xff:i64\nand_i64 x0, tmp0, 0xffff:i64\n" END,
                 "and_i64 tmp0, x1, 0xff:i64\nmov_i64 x0, tmp0\n" END);
    check_opt(f, "and_i64 tmp0, x1, 0xff:i64\nand_i64 x0, tmp0, 0xff00:i64\n" END,
                 "mov_i64 x0, 0x0:i64\n" END);
    check_opt(f, "ld_i64 tmp0, x1, mo:u16\next16u_i64 x0, tmp0\n" END,
                 "ld_i64 tmp0, x1, mo:u16\nmov_i64 x0, tmp0\n" END);
    check_opt(f, "ld_i64 tmp0, x1, mo:s8\next16s_i64 x0, tmp0\n" END,
                 "ld_i64 tmp0, x1, mo:s8\nmov_i64 x0, tmp0\n" END);
    check_opt(f, "setcond_i64 tmp0, x0, x1, lt\next8u_i64 x0, tmp0\n" END,
                 "setcond_i64 tmp0, x0, x1, lt\nmov_i64 x0, tmp0\n" END);
    /* facts die with the block */
    check_opt(f, "ext8u_i64 loc0, x1\nset_label L0\next8u_i64 x0, loc0\n" END,
                 "ext8u_i64 loc0, x1\next8u_i64 x0, loc0\n" END);
}

/* ---- Conditions ------------------------------------------------------------- */

static void test_fold_conditions(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "setcond_i64 x0, 0x1:i64, 0x2:i64, lt\n" END, "mov_i64 x0, 0x1:i64\n" END);
    check_opt(f, "setcond_i32 w2, -1:i32, 0x1:i32, lt\n" END, "mov_i32 w2, 0x1:i32\n" END);
    check_opt(f, "setcond_i32 w2, -1:i32, 0x1:i32, ltu\n" END, "mov_i32 w2, 0x0:i32\n" END);
    check_opt(f, "setcond_i64 x0, x1, x1, le\n" END, "mov_i64 x0, 0x1:i64\n" END);
    check_opt(f, "setcond_i64 x0, x1, x1, gtu\n" END, "mov_i64 x0, 0x0:i64\n" END);
    check_opt(f, "setcond_i64 x0, x1, nf, always\n" END, "mov_i64 x0, 0x1:i64\n" END);
    check_opt(f, "setcond_i64 x0, x1, x1, tstne\n" END, "setcond_i64 x0, x1, x1, tstne\n" END);
    check_opt(f, "movcond_i64 x0, 0x1:i64, 0x1:i64, x1, nf, eq\n" END, "mov_i64 x0, x1\n" END);
    check_opt(f, "movcond_i64 x0, x1, x1, x1, nf, ne\n" END, "mov_i64 x0, nf\n" END);
    check_opt(f, "movcond_i64 x0, x0, x1, nf, nf, lt\n" END, "mov_i64 x0, nf\n" END);
    /* brcond always -> br, then the skipped code and the label go away */
    check_opt(f,
        "---- 0x1000\n"
        "brcond_i64 0x1:i64, 0x1:i64, eq, L0\n"
        "---- 0x1004\n"
        "mov_i64 x0, x1\n"
        "set_label L0\n" END,
        "---- 0x1000\n"
        "---- 0x1004\n" END);
    /* brcond never -> removed, fall through */
    check_opt(f,
        "brcond_i64 0x1:i64, 0x2:i64, eq, L0\n"
        "mov_i64 x0, x1\n"
        "set_label L0\n" END,
        "mov_i64 x0, x1\n" END);
    check_opt(f, "brcond_i64 x0, x0, never, L0\nmov_i64 x0, x1\nset_label L0\n" END,
                 "mov_i64 x0, x1\n" END);
    /* constant first: swapped */
    check_opt(f, "setcond_i64 x0, 0x5:i64, x1, lt\n" END, "setcond_i64 x0, x1, 0x5:i64, gt\n" END);
    /* tests of a setcond result test the original comparison */
    check_opt(f,
        "setcond_i64 tmp0, x0, x1, ltu\n"
        "brcond_i64 tmp0, 0x0:i64, ne, L0\n"
        "mov_i64 x0, x1\n"
        "set_label L0\n" END,
        "brcond_i64 x0, x1, ltu, L0\n"
        "mov_i64 x0, x1\n"
        "set_label L0\n" END);
    check_opt(f,
        "setcond_i32 tmp0, w2, 0x3:i32, le\n"
        "setcond_i32 w2, 0x0:i32, tmp0, eq\n" END,
        "setcond_i32 w2, w2, 0x3:i32, gt\n" END);
    check_opt(f,
        "setcond_i64 tmp0, x0, x1, tsteq\n"
        "movcond_i64 nf, tmp0, 0x0:i64, x0, x1, ne\n" END,
        "movcond_i64 nf, x0, x1, x0, x1, tsteq\n" END);
    /* the inner operands changed in between: no rewrite */
    check_opt(f,
        "setcond_i64 tmp0, x0, x1, lt\n"
        "mov_i64 x0, 0x0:i64\n"
        "setcond_i64 nf, tmp0, 0x0:i64, eq\n" END,
        "setcond_i64 tmp0, x0, x1, lt\n"
        "mov_i64 x0, 0x0:i64\n"
        "setcond_i64 nf, tmp0, 0x0:i64, eq\n" END);
    /* a value known to be 0 or 1 */
    check_opt(f, "and_i64 tmp0, x1, 0x1:i64\nsetcond_i64 x0, tmp0, 0x0:i64, ne\n" END,
                 "and_i64 tmp0, x1, 0x1:i64\nmov_i64 x0, tmp0\n" END);
    /* goto_tb_if always -> goto_tb, and its fall-through (which may read
     * the block's temps: it ended no block) is unreachable; never ->
     * removed; of a setcond -> of its comparison */
    check_opt(f,
        "---- 0x1000\n"
        "add_i64 tmp0, x0, 0x1:i64\n"
        "goto_tb_if_i64 0x1:i64, 0x1:i64, eq, 1, 0x2000\n"
        "mov_i64 x1, tmp0\n"
        "goto_tb 0, 0x1004\n",
        "---- 0x1000\n"
        "goto_tb 1, 0x2000\n");
    check_opt(f,
        "goto_tb_if_i64 0x1:i64, 0x2:i64, eq, 1, 0x2000\n"
        "mov_i64 x0, x1\n"
        "goto_tb 0, 0x1004\n",
        "mov_i64 x0, x1\n"
        "goto_tb 0, 0x1004\n");
    check_opt(f,
        "goto_tb_if_i32 w2, w2, ltu, 1, 0x2000\n"
        "goto_tb 0, 0x1004\n",
        "goto_tb 0, 0x1004\n");
    check_opt(f,
        "setcond_i64 tmp0, x0, x1, ltu\n"
        "goto_tb_if_i64 tmp0, 0x0:i64, ne, 1, 0x2000\n"
        "goto_tb 0, 0x1004\n",
        "goto_tb_if_i64 x0, x1, ltu, 1, 0x2000\n"
        "goto_tb 0, 0x1004\n");
    /* a conditional branch to the next label is no branch */
    check_opt(f, "brcond_i64 x0, x1, lt, L0\n---- 0x4\nset_label L0\n" END, "---- 0x4\n" END);
}

static void test_fold_add_chains(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "add_i64 tmp0, x1, 0x10:i64\nadd_i64 tmp1, tmp0, 0x8:i64\n"
                 "st_i64 x0, tmp0, mo:u64\nst_i64 x0, tmp1, mo:u64\n" END,
                 "add_i64 tmp0, x1, 0x10:i64\nadd_i64 tmp1, x1, 0x18:i64\n"
                 "st_i64 x0, tmp0, mo:u64\nst_i64 x0, tmp1, mo:u64\n" END);
    check_opt(f, "sub_i64 tmp0, x1, 0x40:i64\nadd_i64 x0, tmp0, 0x40:i64\n" END,
                 "mov_i64 x0, x1\n" END);
    check_opt(f, "add_i32 tmp0, w2, 0xfffffff0:i32\nsub_i32 w2, tmp0, 0x10:i32\n" END,
                 "add_i32 w2, w2, 0xffffffe0:i32\n" END);
    /* x changed in between: no rewrite */
    check_opt(f, "add_i64 tmp0, x1, 0x10:i64\nmov_i64 x1, x0\nadd_i64 x0, tmp0, 0x8:i64\n" END,
                 "add_i64 tmp0, x1, 0x10:i64\nmov_i64 x1, x0\nadd_i64 x0, tmp0, 0x8:i64\n" END);
    check_opt(f, "add_i64 x1, x1, 0x10:i64\nadd_i64 x0, x1, 0x8:i64\n" END,
                 "add_i64 x1, x1, 0x10:i64\nadd_i64 x0, x1, 0x8:i64\n" END);
}

static void test_fold_involutions(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "not_i64 tmp0, x1\nnot_i64 x0, tmp0\n" END, "mov_i64 x0, x1\n" END);
    check_opt(f, "neg_i32 tmp0, w2\nneg_i32 w2, tmp0\n" END, END);
    check_opt(f, "neg_i64 tmp0, x1\nnot_i64 x0, tmp0\n" END,
                 "neg_i64 tmp0, x1\nnot_i64 x0, tmp0\n" END);
    check_opt(f, "not_i64 tmp0, x1\nmov_i64 x1, x0\nnot_i64 x0, tmp0\n" END,
                 "not_i64 tmp0, x1\nmov_i64 x1, x0\nnot_i64 x0, tmp0\n" END);
}

/* Regression: "not w2, w2" recorded "w2 = not(w2)" under w2's new version,
 * so "not tmp0, w2" folded to the new w2 (found by the random test). */
static void test_regress_fact_on_overwritten_input(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "not_i32 w2, w2\nnot_i32 tmp0, w2\nmov_i32 w2, tmp0\n" END,
                 "not_i32 w2, w2\nnot_i32 tmp0, w2\nmov_i32 w2, tmp0\n" END);
    check_opt(f, "setcond_i64 x0, x0, x1, lt\nbrcond_i64 x0, 0x0:i64, ne, L0\n"
                 "mov_i64 x1, 0x0:i64\nset_label L0\n" END,
                 "setcond_i64 x0, x0, x1, lt\nbrcond_i64 x0, 0x0:i64, ne, L0\n"
                 "mov_i64 x1, 0x0:i64\nset_label L0\n" END);
}

/* ---- Copy propagation ---------------------------------------------------------- */

static void test_copy_propagation(void **state)
{
    IrFunc *f = *state;
    check_opt(f, "mov_i64 tmp0, x1\nadd_i64 x0, tmp0, tmp0\n" END, "add_i64 x0, x1, x1\n" END);
    check_opt(f, "mov_i64 tmp0, x1\nmov_i64 tmp1, tmp0\nmov_i64 x0, tmp1\n" END,
                 "mov_i64 x0, x1\n" END);
    check_opt(f, "mov_i64 tmp0, x0\nmov_i64 x0, tmp0\n" END, END);
    check_opt(f, "mov_i64 tmp0, 0x5:i64\nadd_i64 x0, tmp0, 0x1:i64\n" END,
                 "mov_i64 x0, 0x6:i64\n" END);
    /* the source global is overwritten: the copy must survive */
    check_opt(f,
        "mov_i64 tmp0, x1\nadd_i64 x1, x1, 0x1:i64\nmov_i64 x0, tmp0\n" END,
        "mov_i64 tmp0, x1\nadd_i64 x1, x1, 0x1:i64\nmov_i64 x0, tmp0\n" END);
    /* the copy itself is overwritten */
    check_opt(f,
        "mov_i64 loc0, x1\nadd_i64 loc0, loc0, 0x1:i64\nmov_i64 x0, loc0\n" END,
        "add_i64 loc0, x1, 0x1:i64\nmov_i64 x0, loc0\n" END);
    /* a helper that writes globals */
    check_opt(f,
        "mov_i64 tmp0, x1\ncall helper_wg, env\nmov_i64 x0, tmp0\n" END,
        "mov_i64 tmp0, x1\ncall helper_wg, env\nmov_i64 x0, tmp0\n" END);
    /* ... forgets the known bits of globals, but not of block temps */
    check_opt(f,
        "ext32u_i64 tmp0, x1\ncall helper_wg, env\next32u_i64 x0, tmp0\n" END,
        "ext32u_i64 tmp0, x1\ncall helper_wg, env\nmov_i64 x0, tmp0\n" END);
    check_opt(f,
        "ext32u_i64 nf, x1\ncall helper_wg, env\next32u_i64 x0, nf\n" END,
        "ext32u_i64 nf, x1\ncall helper_wg, env\next32u_i64 x0, nf\n" END);
    /* a helper that only reads them */
    check_opt(f,
        "mov_i64 tmp0, x1\ncall helper_rg, env\nmov_i64 x0, tmp0\n" END,
        "call helper_rg, env\nmov_i64 x0, x1\n" END);
    /* never across a label or branch */
    check_opt(f,
        "mov_i64 loc0, x1\nset_label L0\nmov_i64 x0, loc0\nbrcond_i64 x0, x1, eq, L0\n" END,
        "mov_i64 loc0, x1\nset_label L0\nmov_i64 x0, loc0\nbrcond_i64 loc0, x1, eq, L0\n" END);
    check_opt(f,
        "mov_i64 loc0, x1\nbrcond_i64 x0, x1, eq, L0\nmov_i64 x0, loc0\nset_label L0\n" END,
        "mov_i64 loc0, x1\nbrcond_i64 x0, x1, eq, L0\nmov_i64 x0, loc0\nset_label L0\n" END);
}

/* ---- Dead-code elimination ------------------------------------------------------- */

static void test_dce_flags(void **state)
{
    IrFunc *f = *state;
    /* the first flag store is overwritten before anything needs it */
    check_opt(f,
        "---- 0x1000\n"
        "add_i64 x0, x0, x1\n"
        "mov_i64 nf, x0\n"
        "---- 0x1004\n"
        "sub_i64 x1, x1, 0x1:i64\n"
        "mov_i64 nf, x1\n" END,
        "---- 0x1000\n"
        "add_i64 x0, x0, x1\n"
        "---- 0x1004\n"
        "sub_i64 x1, x1, 0x1:i64\n"
        "mov_i64 nf, x1\n" END);
    /* a flag computed through temps disappears whole */
    check_opt(f,
        "xor_i64 tmp0, x0, x1\nand_i64 tmp1, tmp0, x0\nmov_i64 nf, tmp1\n"
        "mov_i64 nf, 0x0:i64\n" END,
        "mov_i64 nf, 0x0:i64\n" END);
    /* a load may fault: the flag must be in memory before it */
    check_opt(f,
        "mov_i64 nf, x0\nld_i64 x1, x0, mo:u64\nmov_i64 nf, x1\n" END,
        "mov_i64 nf, x0\nld_i64 x1, x0, mo:u64\nmov_i64 nf, x1\n" END);
    /* so must it before a helper that reads globals, or a branch */
    check_opt(f,
        "mov_i64 nf, x0\ncall helper_rg, env\nmov_i64 nf, x1\n" END,
        "mov_i64 nf, x0\ncall helper_rg, env\nmov_i64 nf, x1\n" END);
    check_opt(f,
        "mov_i64 nf, x0\nbrcond_i64 x0, x1, eq, L0\nmov_i64 x0, x1\nset_label L0\n"
        "mov_i64 nf, x1\n" END,
        "mov_i64 nf, x0\nbrcond_i64 x0, x1, eq, L0\nmov_i64 x0, x1\nset_label L0\n"
        "mov_i64 nf, x1\n" END);
    /* and before a conditional exit, though it ends no block */
    check_opt(f,
        "mov_i64 nf, x0\ngoto_tb_if_i64 x0, x1, eq, 1, 0x2000\nmov_i64 nf, x1\n" END,
        "mov_i64 nf, x0\ngoto_tb_if_i64 x0, x1, eq, 1, 0x2000\nmov_i64 nf, x1\n" END);
}

/* Two flag-setting instructions in a row (ADDS; SUBS; B.EQ as the frontend
 * would translate them): the first one's NZCV work disappears. */
static void test_dce_nzcv_sequence(void **state)
{
    IrFunc *f = *state;
    check_opt(f,
        "---- 0x1000\n"
        "add_i64 tmp0, x0, x1\n"
        "setcond_i64 tmp1, tmp0, x0, ltu\n"
        "xor_i64 tmp2, tmp0, x0\n"
        "andc_i64 tmp3, tmp2, x1\n"
        "mov_i64 nf, tmp0\n"
        "mov_i64 zf, tmp0\n"
        "mov_i64 cf, tmp1\n"
        "mov_i64 vf, tmp3\n"
        "mov_i64 x0, tmp0\n"
        "---- 0x1004\n"
        "sub_i64 tmp4, x0, 0x1:i64\n"
        "setcond_i64 tmp5, x0, 0x1:i64, geu\n"
        "xor_i64 tmp6, tmp4, x0\n"
        "and_i64 tmp7, tmp6, x0\n"
        "mov_i64 nf, tmp4\n"
        "mov_i64 zf, tmp4\n"
        "mov_i64 cf, tmp5\n"
        "mov_i64 vf, tmp7\n"
        "mov_i64 x1, tmp4\n"
        "---- 0x1008\n"
        "brcond_i64 zf, 0x0:i64, eq, L0\n"
        "goto_tb 0, 0x2000\n"
        "set_label L0\n"
        "goto_tb 1, 0x2100\n",
        "---- 0x1000\n"
        "add_i64 tmp0, x0, x1\n"
        "mov_i64 x0, tmp0\n"
        "---- 0x1004\n"
        "sub_i64 tmp4, tmp0, 0x1:i64\n"
        "setcond_i64 tmp5, tmp0, 0x1:i64, geu\n"
        "xor_i64 tmp6, tmp4, tmp0\n"
        "and_i64 tmp7, tmp6, tmp0\n"
        "mov_i64 nf, tmp4\n"
        "mov_i64 zf, tmp4\n"
        "mov_i64 cf, tmp5\n"
        "mov_i64 vf, tmp7\n"
        "mov_i64 x1, tmp4\n"
        "---- 0x1008\n"
        "brcond_i64 tmp4, 0x0:i64, eq, L0\n"
        "goto_tb 0, 0x2000\n"
        "set_label L0\n"
        "goto_tb 1, 0x2100\n");
}

static void test_dce_ops(void **state)
{
    IrFunc *f = *state;
    /* unused pure ops, ld_env and pure helper calls go; loads, stores and
     * side-effect calls stay */
    check_opt(f,
        "add_i64 tmp0, x0, x1\n"
        "ld_env_i64 tmp1, @0x200, mo:u64\n"
        "call helper_pure, tmp2, x0\n"
        "ld_i64 tmp3, x0, mo:u32\n"
        "st_i64 x1, x0, mo:u64\n"
        "call helper_rg, env\n"
        "st_env_i64 x1, @0x200, mo:u64\n"
        "mb all\n" END,
        "ld_i64 tmp3, x0, mo:u32\n"
        "st_i64 x1, x0, mo:u64\n"
        "call helper_rg, env\n"
        "st_env_i64 x1, @0x200, mo:u64\n"
        "mb all\n" END);
    /* unreachable code after an exit; its insns stay, with no ops */
    check_opt(f,
        "---- 0x1000\n"
        "goto_tb 0, 0x2000\n"
        "---- 0x1004\n"
        "mov_i64 x0, x1\n"
        "exit_tb plain\n",
        "---- 0x1000\n"
        "goto_tb 0, 0x2000\n"
        "---- 0x1004\n");
    /* labels: unused ones go, used ones stay, br to the next label goes */
    check_opt(f,
        "brcond_i64 x0, x1, eq, L1\n"
        "set_label L0\n"
        "mov_i64 x0, x1\n"
        "br L1\n"
        "---- 0x1008\n"
        "set_label L1\n"
        "lookup_and_goto\n",
        "brcond_i64 x0, x1, eq, L1\n"
        "mov_i64 x0, x1\n"
        "---- 0x1008\n"
        "set_label L1\n"
        "lookup_and_goto\n");
    /* code after a br up to a label that only it targeted */
    check_opt(f,
        "brcond_i64 x0, x1, eq, L0\n"
        "br L1\n"
        "set_label L2\n"
        "mov_i64 x0, x1\n"
        "set_label L0\n"
        "mov_i64 x1, x0\n"
        "set_label L1\n" END,
        "brcond_i64 x0, x1, eq, L0\n"
        "br L1\n"
        "set_label L0\n"
        "mov_i64 x1, x0\n"
        "set_label L1\n" END);
}

/* ---- Liveness --------------------------------------------------------------------- */

static void check_dead_n(IrFunc *f, const char *in, const uint16_t *want, size_t n)
{
    assert_true(ir_parse(f, in, stderr));
    assert_int_equal(f->nops, n);
    assert_true(ir_verify(f, stderr));
    ir_liveness(f);
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].dead_in != want[i])
            fail_msg("op %u: dead_in 0x%x, expected 0x%x\n%s", i, f->ops[i].dead_in,
                     want[i], in);
}

#define check_dead(f, in, want) check_dead_n(f, in, want, sizeof(want) / sizeof(want[0]))

static void test_liveness(void **state)
{
    IrFunc *f = *state;
    static const uint16_t w1[] = { 0, 2, 3, 1, 0, 0 };
    check_dead(f,
        "add_i64 tmp0, x0, 0x1:i64\n"     /* x0 read again below; consts never dead */
        "add_i64 tmp1, tmp0, x0\n"        /* tmp0 read again; x0 overwritten later */
        "add_i64 tmp2, tmp1, tmp0\n"      /* both last uses */
        "mov_i64 x1, tmp2\n"              /* last use */
        "mov_i64 x0, x1\n"                /* globals live at exit */
        END, w1);
    static const uint16_t w2[] = { 1, 3, 0, 0, 0, 0 };
    check_dead(f,
        "mov_i64 tmp0, x0\n"              /* x0 overwritten next */
        "add_i64 x0, tmp0, tmp0\n"        /* repeated input: bit on both */
        "mov_i64 loc1, x1\n"
        "brcond_i64 loc1, x1, eq, L0\n"   /* locals live at branches (conservative) */
        "set_label L0\n" END, w2);
    static const uint16_t w3[] = { 0, 1, 0, 0, 0 };
    check_dead(f,
        "mov_i64 tmp0, x0\n"              /* x0 overwritten next */
        "brcond_i64 tmp0, x1, eq, L0\n"   /* block temp dies at the branch */
        "mov_i64 loc1, x1\n"
        "set_label L0\n" END, w3);
    /* goto_tb_if ends no block: a block temp read after it is live across
     * it; like a sync point it keeps every global live, its inputs too */
    static const uint16_t w6[] = { 0, 0, 0, 1, 0, 0 };
    check_dead(f,
        "add_i64 tmp0, x0, 0x1:i64\n"
        "mov_i64 x1, tmp0\n"
        "goto_tb_if_i64 x0, 0x0:i64, eq, 1, 0x2000\n"
        "mov_i64 x1, tmp0\n"             /* tmp0's last read */
        "mov_i64 x0, x1\n"
        "goto_tb 0, 0x1004\n", w6);
    static const uint16_t w4[] = { 0, 0, 1, 0 };
    check_dead(f,
        "mov_i64 loc0, x0\n"
        "set_label L0\n"
        "mov_i64 x1, loc0\n"              /* last read before the exit */
        END, w4);
    static const uint16_t w5[] = { 1, 1, 0, 1, 0 };
    check_dead(f,
        "mov_i64 tmp0, x1\n"              /* x1 overwritten before any sync: dead */
        "mov_i64 x1, tmp0\n"
        "mov_i64 tmp1, x0\n"              /* x0 needed in memory by the load */
        "ld_i64 x0, tmp1, mo:u64\n" END, w5);
}

/* ---- Evaluator ---------------------------------------------------------------------- */

static uint64_t ev(IrOpcode opc, IrType t, uint64_t a, uint64_t b)
{
    uint64_t in[4] = { a, b, 0, 0 }, carg[2] = { 0, 0 }, r = 0;
    assert_true(ir_eval(opc, t, in, carg, &r));
    return r;
}

static void test_eval(void **state)
{
    (void)state;
    assert_int_equal(ev(IR_DIVS, IR_I32, 0x80000000u, 0xffffffffu), 0x80000000u);
    assert_int_equal(ev(IR_DIVS, IR_I64, 1ull << 63, ~0ull), 1ull << 63);
    assert_int_equal(ev(IR_DIVS, IR_I32, 7, 0), 0);
    assert_int_equal(ev(IR_DIVS, IR_I32, (uint32_t)-7, 2), (uint32_t)-3);
    assert_int_equal(ev(IR_DIVU, IR_I64, 7, 0), 0);
    assert_int_equal(ev(IR_DIVU, IR_I32, 0xfffffffeu, 2), 0x7fffffffu);
    assert_int_equal(ev(IR_ADD, IR_I32, 0xffffffffu, 1), 0);
    assert_int_equal(ev(IR_ADD, IR_I32, 0x1ffffffffull, 0), 0xffffffffu);   /* inputs truncated */
    assert_int_equal(ev(IR_NOT, IR_I32, 0, 0), 0xffffffffu);
    assert_int_equal(ev(IR_MULSH, IR_I64, ~0ull, 2), ~0ull);
    assert_int_equal(ev(IR_MULUH, IR_I64, ~0ull, 2), 1);
    assert_int_equal(ev(IR_MULSH, IR_I32, 0x80000000u, 0x80000000u), 0x40000000u);
    assert_int_equal(ev(IR_MULUH, IR_I32, 0xffffffffu, 0xffffffffu), 0xfffffffeu);
    assert_int_equal(ev(IR_SAR, IR_I32, 0x80000000u, 4), 0xf8000000u);
    assert_int_equal(ev(IR_SAR, IR_I64, 1ull << 63, 63), ~0ull);
    assert_int_equal(ev(IR_ROTR, IR_I32, 0x12345678u, 8), 0x78123456u);
    assert_int_equal(ev(IR_ROTR, IR_I64, 0x1, 0), 0x1);
    assert_int_equal(ev(IR_CLZ, IR_I32, 1, 0), 31);
    assert_int_equal(ev(IR_CLZ, IR_I64, 0, 0), 64);
    assert_int_equal(ev(IR_CTZ, IR_I32, 0, 0), 32);
    assert_int_equal(ev(IR_CTPOP, IR_I32, 0xffffffffu, 0), 32);
    assert_int_equal(ev(IR_BSWAP, IR_I64, 0x0102030405060708ull, 0), 0x0807060504030201ull);
    assert_int_equal(ev(IR_EXT8S, IR_I32, 0x80, 0), 0xffffff80u);
    assert_int_equal(ev(IR_EXT16S, IR_I64, 0x8000, 0), 0xffffffffffff8000ull);
    assert_int_equal(ev(IR_EXT32S, IR_I64, 0x80000000u, 0), 0xffffffff80000000ull);
    assert_int_equal(ev(IR_EXTS_I32, IR_I64, 0x80000000u, 0), 0xffffffff80000000ull);
    assert_int_equal(ev(IR_EXTU_I32, IR_I64, 0xffffffff80000000ull, 0), 0x80000000u);
    assert_int_equal(ev(IR_TRUNC_I64, IR_I32, 0x123456789ull, 0), 0x23456789u);
    assert_int_equal(ev(IR_ANDC, IR_I32, 0xff, 0x0f), 0xf0);
    assert_int_equal(ev(IR_ORC, IR_I32, 0, 0xffff0000u), 0xffffu);
    assert_int_equal(ev(IR_EQV, IR_I32, 0, 0), 0xffffffffu);
    uint64_t in[4] = { 0x12345678, 0xab, 0, 0 }, r;
    uint64_t field[2] = { 8, 8 };
    assert_true(ir_eval(IR_DEPOSIT, IR_I32, in, field, &r));
    assert_int_equal(r, 0x1234ab78);
    assert_true(ir_eval(IR_EXTRACT, IR_I32, in, field, &r));
    assert_int_equal(r, 0x56);
    uint64_t sfield[2] = { 28, 4 };
    in[0] = 0xf0000000u;
    assert_true(ir_eval(IR_SEXTRACT, IR_I64, in, sfield, &r));
    assert_int_equal(r, ~0ull);
    uint64_t cond[1] = { IR_COND_GT }, m[4] = { 5, 3, 100, 200 };
    assert_true(ir_eval(IR_MOVCOND, IR_I64, m, cond, &r));
    assert_int_equal(r, 100);
    cond[0] = IR_COND_TSTEQ;
    assert_true(ir_eval(IR_SETCOND, IR_I32, m, cond, &r));
    assert_int_equal(r, 0);
    /* unspecified counts and non-pure ops are refused */
    uint64_t sh[2] = { 1, 32 };
    r = 42;
    assert_false(ir_eval(IR_SHL, IR_I32, sh, NULL, &r));
    assert_false(ir_eval(IR_ROTR, IR_I64, (uint64_t[]){ 1, 64 }, NULL, &r));
    assert_false(ir_eval(IR_ROTR, IR_I32, (uint64_t[]){ 1, 40 }, NULL, &r));
    assert_false(ir_eval(IR_SAR, IR_I32, (uint64_t[]){ 1, ~0ull }, NULL, &r));
    assert_false(ir_eval(IR_SEXTRACT, IR_I32, sh, (uint64_t[]){ 30, 4 }, &r));
    assert_false(ir_eval(IR_EXTRACT, IR_I64, sh, (uint64_t[]){ 0, 0 }, &r));
    assert_false(ir_eval(IR_LD, IR_I64, sh, NULL, &r));
    assert_int_equal(r, 42);
}

/* ---- Random differential test --------------------------------------------------------- */

/* A tiny IR interpreter: pure ops through ir_eval, forward branches,
 * exit_tb.  Returns false when the program computed something
 * unspecified (never generated below). */
static bool run_ir(const IrFunc *f, uint64_t *vals, uint32_t *label_pos)
{
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].opc == IR_SET_LABEL)
            label_pos[ir_carg(&f->ops[i], 0)] = i;
    for (IrTemp t = 0; t < f->ntemps; t++)
        if (ir_is_const(f, t))
            vals[t] = f->temps[t].val;
    for (uint32_t i = 0; i < f->nops; i++) {
        const IrOp *op = &f->ops[i];
        uint64_t in[IR_MAX_ARGS];
        for (unsigned k = 0; k < op->nin; k++)
            in[k] = vals[ir_in(op, k)];
        if (op->opc == IR_EXIT_TB)
            return true;
        if (op->opc == IR_BR || (op->opc == IR_BRCOND
                                 && ir_cond_eval((IrCond)ir_carg(op, 0), (IrType)op->type,
                                                 in[0], in[1]))) {
            i = label_pos[ir_carg(op, op->opc == IR_BR ? 0 : 1)];
            continue;
        }
        if (!(ir_op_info[op->opc].flags & IR_F_PURE))
            continue;
        if (!ir_eval((IrOpcode)op->opc, (IrType)op->type, in,
                     &op->args[op->nout + op->nin], &vals[ir_out(op, 0)]))
            return false;
    }
    return true;
}

typedef struct Gen {
    IrFunc *f;
    IrTemp pool[64];        /* block temps written in this block */
    unsigned npool;
    IrTemp locals[16];      /* TB-locals written on every path so far */
    unsigned nlocals;
    bool open;              /* inside a region a brcond may skip */
    uint64_t seed;
} Gen;

static uint64_t rnd(Gen *g)
{
    g->seed ^= g->seed << 13;
    g->seed ^= g->seed >> 7;
    g->seed ^= g->seed << 17;
    return g->seed;
}

static uint64_t rnd_value(Gen *g)
{
    static const uint64_t special[] = { 0, 1, 2, 0xff, 0x80, 0x7fffffff, 0x80000000u,
                                        0xffffffffu, 1ull << 63, ~0ull };
    return rnd(g) % 3 ? special[rnd(g) % 10] : rnd(g);
}

/* A readable temp of type t: a global, a temp of this block, a TB-local,
 * or a const. */
static IrTemp pick(Gen *g, IrType t)
{
    for (int tries = 0; tries < 8 && g->npool; tries++) {
        IrTemp c = g->pool[rnd(g) % g->npool];
        if (ir_temp_type(g->f, c) == t)
            return c;
    }
    for (int tries = 0; tries < 4 && g->nlocals; tries++) {
        IrTemp c = g->locals[rnd(g) % g->nlocals];
        if (ir_temp_type(g->f, c) == t)
            return c;
    }
    if (rnd(g) % 2)
        return ir_const(g->f, t, rnd_value(g));
    return t == IR_I32 ? G_W2 : (IrTemp[]){ G_X0, G_X1, G_NF }[rnd(g) % 3];
}

static IrTemp new_out(Gen *g, IrType t)
{
    if (rnd(g) % 4 == 0)
        return t == IR_I32 ? G_W2 : (IrTemp[]){ G_X0, G_X1, G_NF }[rnd(g) % 3];
    if (rnd(g) % 8 == 0 && g->nlocals) {
        IrTemp l = g->locals[rnd(g) % g->nlocals];
        if (ir_temp_type(g->f, l) == t)
            return l;               /* rewrite a local (any path is fine) */
    }
    if (rnd(g) % 8 == 0 && !g->open && g->nlocals < 16) {
        IrTemp l = ir_new_local(g->f, t);
        g->locals[g->nlocals++] = l;
        return l;
    }
    IrTemp d = ir_new_temp(g->f, t);
    if (g->npool < 64)
        g->pool[g->npool++] = d;
    return d;
}

static const IrOpcode gen_ops[] = {
    IR_MOV, IR_ADD, IR_SUB, IR_MUL, IR_MULSH, IR_MULUH, IR_DIVS, IR_DIVU, IR_AND,
    IR_OR, IR_XOR, IR_ANDC, IR_ORC, IR_EQV, IR_SHL, IR_SHR, IR_SAR, IR_ROTR, IR_NEG,
    IR_NOT, IR_EXT8S, IR_EXT8U, IR_EXT16S, IR_EXT16U, IR_EXT32S, IR_EXT32U,
    IR_EXTU_I32, IR_EXTS_I32, IR_TRUNC_I64, IR_EXTRACT, IR_SEXTRACT, IR_DEPOSIT,
    IR_CLZ, IR_CTZ, IR_CTPOP, IR_BSWAP, IR_SETCOND, IR_MOVCOND,
};

static void gen_random_op(Gen *g)
{
    IrFunc *f = g->f;
    IrOpcode opc = gen_ops[rnd(g) % (sizeof(gen_ops) / sizeof(gen_ops[0]))];
    const IrOpInfo *info = &ir_op_info[opc];
    IrType t = rnd(g) % 2 ? IR_I64 : IR_I32;
    if (opc == IR_EXT32S || opc == IR_EXT32U || opc == IR_EXTU_I32 || opc == IR_EXTS_I32)
        t = IR_I64;
    if (opc == IR_TRUNC_I64)
        t = IR_I32;
    unsigned w = t == IR_I32 ? 32 : 64;
    uint64_t args[IR_MAX_ARGS];
    for (unsigned i = info->nout; i < (unsigned)info->nout + info->nin; i++) {
        char s = info->sig[i];
        args[i] = pick(g, s == '4' ? IR_I32 : s == '8' ? IR_I64 : t);
    }
    if (opc == IR_SHL || opc == IR_SHR || opc == IR_SAR || opc == IR_ROTR) {
        IrTemp n = ir_new_temp(f, t);           /* keep counts specified */
        ir_gen_binop(f, IR_AND, n, pick(g, t), ir_const(f, t, w - 1));
        args[2] = rnd(g) % 2 ? n : ir_const(f, t, rnd(g) % w);
    }
    char s = info->sig[0];
    args[0] = new_out(g, s == '4' ? IR_I32 : s == '8' ? IR_I64 : t);
    unsigned n = info->nout + info->nin;
    if (opc == IR_EXTRACT || opc == IR_SEXTRACT || opc == IR_DEPOSIT) {
        unsigned len = 1 + (unsigned)(rnd(g) % w);
        args[n++] = rnd(g) % (w - len + 1);
        args[n++] = len;
    } else if (opc == IR_SETCOND || opc == IR_MOVCOND) {
        args[n++] = rnd(g) % IR_NUM_CONDS;
        if (rnd(g) % 3 == 0) {          /* "t ne/eq 0", as flag tests read */
            args[2] = ir_const(f, t, 0);
            args[n - 1] = IR_COND_EQ + rnd(g) % 2;
        }
    }
    IrOp *op = ir_emit(f, opc, t);
    memcpy(op->args, args, n * sizeof(args[0]));
}

static void gen_random_tb(Gen *g)
{
    IrFunc *f = g->f;
    ir_func_reset(f);
    g->npool = 0;
    g->nlocals = 0;
    g->open = false;
    IrLabel pending = 0;
    unsigned nops = 5 + (unsigned)(rnd(g) % 40);
    for (unsigned i = 0; i < nops; i++) {
        unsigned r = (unsigned)(rnd(g) % 16);
        if (r == 0 && !g->open) {
            pending = ir_new_label(f);
            IrType t = rnd(g) % 2 ? IR_I64 : IR_I32;
            ir_gen_brcond(f, (IrCond)(rnd(g) % IR_NUM_CONDS), pick(g, t), pick(g, t), pending);
            g->open = true;
            g->npool = 0;
        } else if (r == 1 && g->open) {
            ir_gen_set_label(f, pending);
            g->open = false;
            g->npool = 0;
        } else {
            gen_random_op(g);
        }
    }
    if (g->open)
        ir_gen_set_label(f, pending);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
}

/* ir_optimize() leaves dead_in as a fresh ir_liveness() computes it (the
 * pipeline runs no second walk).  The IrFunc is reused across iterations,
 * so this also checks that the passes' state kept across TBs (fold facts,
 * the const table) never leaks into the next TB. */
static void check_optimize_liveness(IrFunc *f, const char *orig)
{
    uint16_t *dead = calloc(f->nops + 1, sizeof(*dead));
    for (uint32_t i = 0; i < f->nops; i++)
        dead[i] = f->ops[i].dead_in;
    ir_liveness(f);
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].dead_in != dead[i])
            fail_msg("op %u: dead_in 0x%x after ir_optimize, 0x%x by ir_liveness\n%s",
                     i, dead[i], f->ops[i].dead_in, orig);
    free(dead);
}

static void test_random_differential(void **state)
{
    IrFunc *f = *state;
    const char *seed = getenv("TERN_TEST_SEED");
    Gen g = { .f = f, .seed = seed ? strtoull(seed, NULL, 0) : 0x9e3779b97f4a7c15ull };
    uint64_t *before = calloc(1 << 16, sizeof(uint64_t));
    uint64_t *after = calloc(1 << 16, sizeof(uint64_t));
    uint32_t *labels = calloc(1 << 12, sizeof(uint32_t));
    for (unsigned iter = 0; iter < 20000; iter++) {
        gen_random_tb(&g);
        assert_true(f->ntemps < (1 << 16));
        if (!ir_verify(f, stderr))
            fail_msg("generator made invalid IR (iteration %u)", iter);
        char *orig = ir_test_print(f);
        uint64_t init[NGLOB];
        for (IrTemp t = G_X0; t < NGLOB; t++)
            init[t] = t == G_W2 ? (uint32_t)rnd_value(&g) : rnd_value(&g);
        memcpy(before, init, sizeof(init));
        assert_true(run_ir(f, before, labels));
        ir_optimize(f);
        if (!ir_verify(f, stderr))
            fail_msg("optimized IR invalid for:\n%s", orig);
        check_optimize_liveness(f, orig);
        memcpy(after, init, sizeof(init));
        assert_true(run_ir(f, after, labels));
        for (IrTemp t = G_X0; t < NGLOB; t++) {
            if (before[t] != after[t]) {
                char *opt = ir_test_print(f);
                fail_msg("global %u: 0x%llx before, 0x%llx after\n%s\n--- optimized:\n%s",
                         t, (unsigned long long)before[t], (unsigned long long)after[t],
                         orig, opt);
            }
        }
        free(orig);
    }
    free(before);
    free(after);
    free(labels);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fold_constants, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_shifts, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_identities, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_extensions, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_conditions, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_involutions, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_fold_add_chains, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_regress_fact_on_overwritten_input, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_copy_propagation, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_dce_flags, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_dce_nzcv_sequence, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_dce_ops, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_liveness, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_eval, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_random_differential, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_state_across_tbs, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_compaction_then_append, setup, ir_test_teardown),
        cmocka_unit_test_setup_teardown(test_insn_boundaries_follow_ops, setup, ir_test_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
