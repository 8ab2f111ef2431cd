/* tests/unit/test-a64-flags.c — lazy condition flags (translate-cc.c), IR out.
 *
 * Short instruction sequences are translated from a local code buffer and
 * the IR is checked for its shape: a compare and branch fuses into one
 * brcond on the operands, flag globals are written only when a successor
 * may read them (the lookahead), the lookahead's bytes are reported to
 * exec (TranslateReq.peek) and stay on the TB's page, chained exits store
 * the pc after GOTO_TB.  Guest-visible results of every condition are
 * tested by tests/guest/flags-lazy.c and tests/unit/test-a64-translate.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontend/aarch64/a64-decode.h"
#include "frontend/aarch64/translate.h"

#define CMP_X0_X1    0xeb01001fu
#define CMP_X2_X3    0xeb03005fu
#define SUBS_X4_1    0xf1000484u    /* subs x4, x4, #1 */
#define BLS_12       0x54000069u    /* b.ls .+12 */
#define BEQ_8        0x54000040u    /* b.eq .+8 */
#define LDR_X5_X6    0xf94000c5u    /* ldr x5, [x6] */
#define CSET_X7_EQ   0x9a9f17e7u
#define ADD_X9_1     0x91000529u    /* add x9, x9, #1 */
#define NOP          0xd503201fu

static IrFunc *f;

static struct {
    uint64_t base;
    uint32_t words[1100];
    unsigned n;
} code;

static bool read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    (void)opaque;
    if (addr < code.base || addr >= code.base + 4ull * code.n || (addr & 3))
        return false;
    *insn = code.words[(addr - code.base) / 4];
    return true;
}

/* Translates the words at base (the TB starts at base + 4 * start);
 * returns the bytes covered and the peeked range in peek[]. */
static uint64_t translate(uint64_t base, const uint32_t *words, unsigned n, unsigned start,
                          unsigned max_insns, uint64_t peek[2])
{
    code.base = base;
    code.n = n;
    memcpy(code.words, words, 4 * n);
    ir_func_reset(f);
    peek[0] = peek[1] = 0;
    TranslateReq req = { .pc = base + 4 * start, .max_insns = max_insns,
                         .read_code = read_code, .peek = peek };
    uint64_t len = a64_translate(f, &req);
    if (!ir_verify(f, stderr)) {
        ir_print(f, stderr);
        fail_msg("IR does not verify");
    }
    return len;
}

/* Ops that write a flag global. */
static unsigned flag_writes(void)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < f->nops; i++)
        for (unsigned j = 0; j < f->ops[i].nout; j++) {
            IrTemp t = ir_out(&f->ops[i], j);
            n += t >= A64_T_NF && t <= A64_T_VF;
        }
    return n;
}

static const IrOp *find_op(IrOpcode opc)
{
    for (uint32_t i = 0; i < f->nops; i++)
        if (f->ops[i].opc == opc)
            return &f->ops[i];
    return NULL;
}

/* cmp x0, x1; b.ls with setters on both paths: one goto_tb_if leu on
 * the operands and no flag global written; the successors are peeked at
 * (max_insns ends the TB at the b.ls, which it would otherwise go on
 * past). */
static void test_fused_dead(void **state)
{
    (void)state;
    const uint32_t w[] = { CMP_X0_X1, BLS_12, CMP_X2_X3, NOP, SUBS_X4_1 };
    uint64_t peek[2];
    assert_int_equal(translate(0x1000, w, 5, 0, 2, peek), 8);
    assert_int_equal(flag_writes(), 0);
    const IrOp *br = find_op(IR_GOTO_TB_IF);
    assert_non_null(br);
    assert_int_equal(ir_carg(br, 0), IR_COND_LEU);
    assert_int_equal(ir_carg(br, 1), 1);
    assert_int_equal(ir_carg(br, 2), 0x1010);
    assert_null(find_op(IR_BRCOND));
    assert_int_equal(peek[0], 0x1008);
    assert_int_equal(peek[1], 0x1014);
}

/* A reader on one path: the flags are synced (all four globals).  With a
 * slot to spare the TB goes on past the BLS to the BEQ (max_insns stops
 * it there: past it, SUBS would write the flags again). */
static void test_reader_keeps_flags(void **state)
{
    (void)state;
    const uint32_t w[] = { CMP_X0_X1, BLS_12, BEQ_8, NOP, SUBS_X4_1 };
    uint64_t peek[2];
    assert_int_equal(translate(0x1000, w, 5, 0, 3, peek), IR_GOTO_TB_SLOTS < 3 ? 8 : 12);
    assert_int_equal(flag_writes(), 4);
}

/* A later setter in the same TB kills the first one's flags; the TB end
 * (max_insns) into an unreadable word keeps the second's. */
static void test_setter_kills_setter(void **state)
{
    (void)state;
    const uint32_t w[] = { CMP_X0_X1, ADD_X9_1, CMP_X2_X3 };
    uint64_t peek[2];
    assert_int_equal(translate(0x1000, w, 3, 0, 3, peek), 12);
    assert_int_equal(flag_writes(), 4);
    ir_optimize(f);
    unsigned sub = 0;
    for (uint32_t i = 0; i < f->nops; i++)
        sub += f->ops[i].opc == IR_SUB;
    assert_int_equal(sub, 1);          /* only cmp x2, x3 computed */
}

/* A guest memory access before the next setter: by default the lookahead
 * goes on past it (translate-cc.c, a64_cc_peek_mem); with
 * TERN_PRECISE_FLAGS=1 it stops there and the flags are kept. */
static void test_memory_stops_lookahead(void **state)
{
    (void)state;
    const uint32_t w[] = { CMP_X0_X1, LDR_X5_X6, CMP_X2_X3 };
    uint64_t peek[2];
    translate(0x1000, w, 3, 0, 1, peek);
    const char *precise = getenv("TERN_PRECISE_FLAGS");
    assert_int_equal(flag_writes(), precise && precise[0] == '1' ? 4 : 0);
    assert_int_equal(peek[0], 0x1004);
}

/* A setter, then a load in the same TB: the flags are synced before the
 * load (its fault must see them), and a fused reader after it still uses
 * the operands. */
static void test_sync_before_load(void **state)
{
    (void)state;
    const uint32_t w[] = { CMP_X0_X1, LDR_X5_X6, CSET_X7_EQ, CMP_X2_X3 };
    uint64_t peek[2];
    translate(0x1000, w, 4, 0, 4, peek);
    uint32_t ld = 0, first_flag = 0;
    for (uint32_t i = 0; i < f->nops; i++) {
        if (f->ops[i].opc == IR_LD && !ld)
            ld = i;
        for (unsigned j = 0; j < f->ops[i].nout; j++)
            if (ir_out(&f->ops[i], j) >= A64_T_NF && ir_out(&f->ops[i], j) <= A64_T_VF &&
                !first_flag)
                first_flag = i;
    }
    assert_true(ld != 0 && first_flag != 0);
    assert_true(first_flag < ld);
}

/* The lookahead stays on the TB's page: a setter at the page's last word
 * keeps its flags although the next page starts with a setter. */
static void test_page_end(void **state)
{
    (void)state;
    static uint32_t w[1026];
    for (unsigned i = 0; i < 1026; i++)
        w[i] = NOP;
    w[1023] = CMP_X0_X1;
    w[1024] = CMP_X2_X3;
    uint64_t peek[2];
    assert_int_equal(translate(0x10000, w, 1026, 1023, 64, peek), 4);
    assert_int_equal(flag_writes(), 4);
    assert_int_equal(peek[0], peek[1]);            /* nothing peeked */
}

/* A chained exit is one GOTO_TB carrying its pc (stored on the exit
 * stub's path only): no op writes the PC global. */
static void test_pc_after_goto_tb(void **state)
{
    (void)state;
    const uint32_t w[] = { ADD_X9_1 };
    uint64_t peek[2];
    translate(0x1000, w, 1, 0, 1, peek);
    const IrOp *g = find_op(IR_GOTO_TB);
    assert_non_null(g);
    assert_int_equal(ir_carg(g, 0), 0);
    assert_int_equal(ir_carg(g, 1), 0x1004);
    for (uint32_t i = 0; i < f->nops; i++)
        assert_false(f->ops[i].nout && ir_out(&f->ops[i], 0) == A64_T_PC);
}

/* The lookahead follows direct branches that do not read the flags: B to
 * a setter kills them; CBZ whose fall-through path reads them keeps them,
 * and so does one whose taken path does. */
static void test_lookahead_follows_branches(void **state)
{
    (void)state;
    const uint32_t jump[] = { CMP_X0_X1, 0x14000002u /* b .+8 */, BEQ_8, CMP_X2_X3 };
    const uint32_t cbz_fall[] = { CMP_X0_X1, 0xb4000041u /* cbz x1, .+8 */, BEQ_8, CMP_X2_X3 };
    const uint32_t cbz_taken[] = { CMP_X0_X1, 0xb4000041u, CMP_X2_X3, BEQ_8 };
    const uint32_t cbz_dead[] = { CMP_X0_X1, 0xb4000041u, CMP_X2_X3, CMP_X2_X3 };
    uint64_t peek[2];
    translate(0x1000, jump, 4, 0, 1, peek);
    assert_int_equal(flag_writes(), 0);
    assert_int_equal(peek[0], 0x1004);
    assert_int_equal(peek[1], 0x1010);
    translate(0x1000, cbz_fall, 4, 0, 1, peek);
    assert_int_equal(flag_writes(), 4);
    translate(0x1000, cbz_taken, 4, 0, 1, peek);
    assert_int_equal(flag_writes(), 4);
    translate(0x1000, cbz_dead, 4, 0, 1, peek);
    assert_int_equal(flag_writes(), 0);
}

/* The decode-level classes (A64InsnClass) keep their promises about the
 * IR: random words (every class but BRANCH covers much of the encoding
 * space) and the register branches, whose encodings are too narrow for
 * random words to hit. */
static void test_classes_agree_with_ir(void **state)
{
    (void)state;
    static const uint32_t fixed[] = {
        0xd65f03c0u, 0xd61f0200u, 0xd63f0100u, 0xd65f0060u,   /* ret, br, blr */
        BLS_12, BEQ_8, 0x54fffe0eu, 0x540000efu,                /* b.cond, incl. al/nv */
        0xb4000040u, 0x35ffffe1u, 0x36280041u, 0xb7f80041u,    /* cbz, cbnz, tbz, tbnz */
        0x14000010u, 0x97ffffffu, CSET_X7_EQ, CMP_X0_X1, LDR_X5_X6, NOP,
    };
    unsigned count[A64_IC_TBRANCH + 1] = { 0 };
    for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        count[a64_decode_class(fixed[i])]++;
        if (!a64_cc_class_agrees(f, 0x10000, fixed[i]))
            fail_msg("class %u of %08x disagrees with its IR", a64_decode_class(fixed[i]),
                     fixed[i]);
    }
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t w = (uint32_t)(x >> 16);
        count[a64_decode_class(w)]++;
        if (!a64_cc_class_agrees(f, 0x10000 + 4 * (i & 0x3ff), w))
            fail_msg("class %u of %08x disagrees with its IR", a64_decode_class(w), w);
    }
    for (unsigned c = A64_IC_PURE; c <= A64_IC_TBRANCH; c++)
        assert_true(count[c] >= 10);
}

static int setup(void **state)
{
    (void)state;
    f = ir_func_new();
    a64_arch.init_globals(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ir_func_free(f);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fused_dead),
        cmocka_unit_test(test_reader_keeps_flags),
        cmocka_unit_test(test_setter_kills_setter),
        cmocka_unit_test(test_memory_stops_lookahead),
        cmocka_unit_test(test_sync_before_load),
        cmocka_unit_test(test_page_end),
        cmocka_unit_test(test_pc_after_goto_tb),
        cmocka_unit_test(test_lookahead_follows_branches),
        cmocka_unit_test(test_classes_agree_with_ir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
