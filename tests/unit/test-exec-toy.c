/* tests/unit/test-exec-toy.c — the toy guest and the fake backend
 * (test-exec-toy.h describes both).
 *
 * The fake backend's TB code is FakeHdr, the IrFunc's temps, label -> op
 * index, then one FakeOp per IR op; it reads its code through the rx view
 * and patches through rw, so the dual mapping is exercised too.  Globals
 * live in memory only (every op reads and writes env), so every sync point
 * of the generated-code contract holds trivially.
 */
#include "tests/unit/test-exec-toy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* ---- The toy guest ------------------------------------------------------ */

enum { TOY_T_PC = 1, TOY_T_ACC, TOY_T_CTR };   /* globals, in init order */

static uint32_t toy_mem[TOY_WORDS];

void toy_mem_clear(void) { memset(toy_mem, 0, sizeof(toy_mem)); }

void toy_put(uint64_t addr, uint32_t insn) { toy_mem[(addr - TOY_BASE) / 4] = insn; }

TernCPU *toy_unwind_cpu;
uint64_t toy_unwind_addr;

bool toy_read_code(void *opaque, uint64_t addr, uint32_t *insn)
{
    if (toy_unwind_cpu && addr == toy_unwind_addr) {
        toy_unwind_cpu->exception = TERN_EXCP_PREFETCH_ABORT;
        cpu_loop_exit(toy_unwind_cpu);
    }
    if (addr < TOY_BASE || addr >= TOY_BASE + 4ull * TOY_WORDS || (addr & 3))
        return false;
    *insn = toy_mem[(addr - TOY_BASE) / 4];
    return true;
}

static void toy_init_globals(IrFunc *f)
{
    ir_global_new(f, IR_I64, offsetof(ToyCPU, pc), "pc");
    ir_global_new(f, IR_I64, offsetof(ToyCPU, acc), "acc");
    ir_global_new(f, IR_I64, offsetof(ToyCPU, ctr), "ctr");
}

/* A JIT's fault_pos answers host_pc: the return address into generated
 * code, minus one so that it lies inside the call instruction (the call
 * may be the last instruction of its guest insn's code). */
__attribute__((noinline))
static void helper_toy_fault(uint64_t env)
{
    ToyCPU *cpu = (ToyCPU *)(uintptr_t)env;
    uintptr_t host_pc = (uintptr_t)__builtin_return_address(0) - 1;
    cpu->common.exception = TERN_EXCP_DATA_ABORT;
    cpu->fault_restored = exec_restore_state(cpu->common.exec, &cpu->common, host_pc);
    cpu_loop_exit(&cpu->common);
}

static void helper_toy_tick(uint64_t env)
{
    ToyCPU *cpu = (ToyCPU *)(uintptr_t)env;
    if (++cpu->ticks == cpu->tick_limit)
        cpu->common.exit_request = 1;
}

static IrHelper toy_fault_helper = {
    .name = "toy_fault", .fn = (void *)helper_toy_fault,
    .flags = IR_HF_MAY_RAISE | IR_HF_READS_GLOBALS | IR_HF_SIDE_EFFECTS,
    .ret = IR_VOID, .nargs = 1, .args = { IR_I64 },
};

static IrHelper toy_tick_helper = {
    .name = "toy_tick", .fn = (void *)helper_toy_tick,
    .flags = IR_HF_SIDE_EFFECTS, .ret = IR_VOID, .nargs = 1, .args = { IR_I64 },
};

static void gen_toy_goto(IrFunc *f, unsigned slot, uint64_t dest)
{
    ir_gen_goto_tb(f, slot, dest);
}

static void gen_toy_raise(IrFunc *f, uint64_t pc, TernExcp excp)
{
    ir_gen_mov(f, TOY_T_PC, ir_const(f, IR_I64, pc));
    ir_gen_st_env(f, ir_const(f, IR_I32, excp), offsetof(TernCPU, exception), IR_MO_32);
    ir_gen_exit_tb(f, IR_EXIT_PLAIN);
}

static void gen_toy_call(IrFunc *f, const IrHelper *h, uint64_t pc)
{
    IrTemp env = IR_TEMP_ENV;
    ir_gen_call(f, h, IR_NO_TEMP, &env);
}

static void gen_toy_loop(IrFunc *f, uint64_t pc, uint32_t target)
{
    IrLabel done = ir_new_label(f);
    ir_gen_binopi(f, IR_SUB, TOY_T_CTR, TOY_T_CTR, 1);
    ir_gen_brcond(f, IR_COND_EQ, TOY_T_CTR, ir_const(f, IR_I64, 0), done);
    gen_toy_goto(f, 0, target);
    ir_gen_set_label(f, done);
    gen_toy_goto(f, 1, pc + 4);
}

/* Translates one insn; true when it ends the TB. */
static bool toy_trans(IrFunc *f, const TranslateReq *req, uint64_t pc, uint32_t insn)
{
    uint32_t n = insn & 0xffffff;
    switch (insn >> 24) {
    case TOY_PEEK:
        req->peek[0] = n;
        req->peek[1] = n + 4;
        return false;
    case TOY_ADD: ir_gen_binopi(f, IR_ADD, TOY_T_ACC, TOY_T_ACC, n); return false;
    case TOY_SETACC: ir_gen_mov(f, TOY_T_ACC, ir_const(f, IR_I64, n)); return false;
    case TOY_TICK: gen_toy_call(f, &toy_tick_helper, pc); return false;
    case TOY_FAULT: gen_toy_call(f, &toy_fault_helper, pc); return false;
    case TOY_JMP: gen_toy_goto(f, 0, n); return true;
    case TOY_LOOP: gen_toy_loop(f, pc, n); return true;
    case TOY_JR:
        ir_gen_mov(f, TOY_T_PC, TOY_T_ACC);
        ir_gen_lookup_and_goto(f);
        return true;
    case TOY_HALT: gen_toy_raise(f, pc, TERN_EXCP_HALT); return true;
    default: gen_toy_raise(f, pc, TERN_EXCP_UDEF); return true;
    }
}

static uint64_t toy_translate(IrFunc *f, const TranslateReq *req)
{
    uint64_t pc = req->pc;
    for (unsigned i = 0; i < req->max_insns; i++, pc += 4) {
        uint32_t insn;
        ir_gen_insn_start(f, pc);
        if (!req->read_code(req->opaque, pc, &insn)) {
            gen_toy_raise(f, pc, TERN_EXCP_PREFETCH_ABORT);
            return pc + 4 - req->pc;
        }
        if (toy_trans(f, req, pc, insn))
            return pc + 4 - req->pc;
    }
    gen_toy_goto(f, 1, pc);
    return pc - req->pc;
}

static uint64_t toy_get_pc(const TernCPU *cpu) { return ((const ToyCPU *)cpu)->pc; }
static void toy_set_pc(TernCPU *cpu, uint64_t pc) { ((ToyCPU *)cpu)->pc = pc; }

static void toy_disas(FILE *out, uint64_t pc, const uint8_t *code, size_t size)
{
    for (size_t i = 0; i + 4 <= size; i += 4) {
        uint32_t w;
        memcpy(&w, code + i, 4);
        fprintf(out, "0x%016llx:  %08x\n", (unsigned long long)(pc + i), w);
    }
}

static void toy_dump_state(FILE *out, const TernCPU *c)
{
    const ToyCPU *cpu = (const ToyCPU *)c;
    fprintf(out, "pc=%016llx acc=%016llx ctr=%016llx\n", (unsigned long long)cpu->pc,
            (unsigned long long)cpu->acc, (unsigned long long)cpu->ctr);
}

const GuestArch toy_arch = {
    .name = "toy", .cpu_size = sizeof(ToyCPU), .init_globals = toy_init_globals,
    .translate = toy_translate, .get_pc = toy_get_pc, .set_pc = toy_set_pc,
    .pc_offset = offsetof(ToyCPU, pc), .disas = toy_disas, .dump_state = toy_dump_state,
};

/* ---- The fake backend ---------------------------------------------------- */

/* A TB's code: FakeHdr, the IrFunc's temps, label -> op index, then ops. */
typedef struct FakeHdr {
    uint32_t nops, ntemps, nlabels;
    int32_t entry_check;    /* IrFunc.entry_check */
    uintptr_t cookie;
} FakeHdr;

typedef struct FakeOp {
    IrOp op;
    uint64_t jmp;           /* GOTO_TB: patched target code, 0 = fall through */
} FakeOp;

typedef struct FakeBe {
    BackendLookupFn lookup;
    int32_t pc_off;         /* GOTO_TB's unchained store of its pc */
    BackendCode whole;
    FakeCounts n;
} FakeBe;

static _Thread_local uintptr_t fake_cur;   /* rx of the op running, 0 outside */

#define FAKE_SHARED 64
#define FAKE_MAX_TEMPS 512

static FakeBe *fake_last;   /* the latest instance, for the tests to inspect */

static void *fake_create(const BackendMem *mem, const BackendLookup *lookup,
                         BackendCode code, size_t *used)
{
    FakeBe *be = calloc(1, sizeof(*be));
    be->lookup = lookup->fn;
    be->pc_off = lookup->pc_off;
    be->whole = code;
    memset(code.rw, 0xcc, FAKE_SHARED);   /* "shared code" */
    *used = FAKE_SHARED;
    fake_last = be;
    return be;
}

static void fake_destroy(void *be)
{
    if (fake_last == be)
        fake_last = NULL;
    free(be);
}

static size_t fake_layout(const IrFunc *f, size_t *temps, size_t *labels, size_t *ops)
{
    *temps = sizeof(FakeHdr);
    *labels = *temps + f->ntemps * sizeof(IrTempInfo);
    *ops = (*labels + f->nlabels * sizeof(uint32_t) + 7) & ~(size_t)7;
    return *ops + f->nops * sizeof(FakeOp);
}

static bool fake_emit_tb(void *opaque, IrFunc *f, uintptr_t cookie, BackendCode code,
                         BackendTbOut *out)
{
    FakeBe *be = opaque;
    size_t t_off, l_off, o_off, size = fake_layout(f, &t_off, &l_off, &o_off);
    if (size > code.size || f->ntemps > FAKE_MAX_TEMPS)
        return false;
    *(FakeHdr *)code.rw = (FakeHdr){ f->nops, f->ntemps, f->nlabels, f->entry_check, cookie };
    memcpy(code.rw + t_off, f->temps, f->ntemps * sizeof(IrTempInfo));
    uint32_t *labels = (uint32_t *)(code.rw + l_off);
    FakeOp *ops = (FakeOp *)(code.rw + o_off);
    for (uint32_t i = 0; i < f->nops; i++) {
        const IrOp *op = &f->ops[i];
        ops[i] = (FakeOp){ .op = *op, .jmp = 0 };
        if (op->opc == IR_SET_LABEL)
            labels[ir_carg(op, 0)] = i;
        if (op->opc == IR_GOTO_TB)
            out->jmp_slot[ir_carg(op, 0)] = (uint32_t)(o_off + i * sizeof(FakeOp)
                                                       + offsetof(FakeOp, jmp));
    }
    for (uint32_t k = 1; k < f->ninsns; k++)     /* insn k - 1 ends where k begins */
        out->insn_end[k - 1] = (uint32_t)(o_off + f->insn_op[k] * sizeof(FakeOp));
    if (f->ninsns)
        out->insn_end[f->ninsns - 1] = (uint32_t)size;
    out->code_size = size;
    __atomic_fetch_add(&be->n.emits, 1, __ATOMIC_RELAXED);
    return true;
}

typedef struct FakeRun {
    FakeBe *be;
    uint8_t *env;
    const FakeHdr *hdr;
    const IrTempInfo *temps;
    const uint32_t *labels;
    const FakeOp *ops;
    uint32_t ip;
    bool entered;           /* past the entry check of the loaded TB */
    uint64_t vals[FAKE_MAX_TEMPS];
} FakeRun;

static void fake_load(FakeRun *r, uintptr_t rx)
{
    r->hdr = (const FakeHdr *)rx;
    size_t t_off, l_off, o_off;
    IrFunc shape = { .ntemps = r->hdr->ntemps, .nlabels = r->hdr->nlabels };
    fake_layout(&shape, &t_off, &l_off, &o_off);
    r->temps = (const IrTempInfo *)(rx + t_off);
    r->labels = (const uint32_t *)(rx + l_off);
    r->ops = (const FakeOp *)(rx + o_off);
    r->ip = 0;
    r->entered = false;
}

static uint64_t fake_get(const FakeRun *r, IrTemp t)
{
    const IrTempInfo *ti = &r->temps[t];
    switch ((IrTempKind)ti->kind) {
    case IR_TEMP_FIXED: return (uintptr_t)r->env;
    case IR_TEMP_CONST: return ti->val;
    case IR_TEMP_GLOBAL:
        return ti->type == IR_I32 ? *(uint32_t *)(r->env + ti->env_offset)
                                  : *(uint64_t *)(r->env + ti->env_offset);
    case IR_TEMP_LOCAL: case IR_TEMP_BLOCK: return r->vals[t];
    }
    return 0;
}

static void fake_set(FakeRun *r, IrTemp t, uint64_t v)
{
    const IrTempInfo *ti = &r->temps[t];
    if (ti->type == IR_I32)
        v = (uint32_t)v;
    if (ti->kind == IR_TEMP_GLOBAL && ti->type == IR_I32)
        *(uint32_t *)(r->env + ti->env_offset) = (uint32_t)v;
    else if (ti->kind == IR_TEMP_GLOBAL)
        *(uint64_t *)(r->env + ti->env_offset) = v;
    else
        r->vals[t] = v;
}

static void fake_env_access(FakeRun *r, const IrOp *op, bool store)
{
    uint8_t *p = r->env + (int64_t)ir_carg(op, 0);
    bool wide = (ir_carg(op, 1) & IR_MO_SIZE) == IR_MO_64;
    if (store && wide)
        *(uint64_t *)p = fake_get(r, ir_in(op, 0));
    else if (store)
        *(uint32_t *)p = (uint32_t)fake_get(r, ir_in(op, 0));
    else
        fake_set(r, ir_out(op, 0), wide ? *(uint64_t *)p : *(uint32_t *)p);
}

static void fake_call(FakeRun *r, const IrOp *op)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
    assert_true(h->nargs == 1 && h->ret == IR_VOID);
    ((void (*)(uint64_t))h->fn)(fake_get(r, ir_in(op, 0)));
}

typedef enum { FAKE_NEXT, FAKE_EXIT, FAKE_JUMP } FakeStep;

/* Control and state ops; *ret is the exit value or the code to jump to. */
static FakeStep fake_control(FakeRun *r, const FakeOp *fo, uintptr_t *ret)
{
    const IrOp *op = &fo->op;
    if (op->opc == IR_BR)
        r->ip = r->labels[ir_carg(op, 0)];
    else if (op->opc == IR_BRCOND) {
        if (ir_cond_eval((IrCond)ir_carg(op, 0), (IrType)op->type,
                         fake_get(r, ir_in(op, 0)), fake_get(r, ir_in(op, 1))))
            r->ip = r->labels[ir_carg(op, 1)];
    } else if (op->opc == IR_LD_ENV || op->opc == IR_ST_ENV)
        fake_env_access(r, op, op->opc == IR_ST_ENV);
    else if (op->opc == IR_CALL)
        fake_call(r, op);
    else if (op->opc == IR_GOTO_TB && fo->jmp) {
        *ret = fo->jmp;
        return FAKE_JUMP;
    } else if (op->opc == IR_GOTO_TB) {
        *(uint64_t *)(r->env + r->be->pc_off) = ir_carg(op, 1);
        *ret = r->hdr->cookie | (IR_EXIT_SLOT0 + ir_carg(op, 0));
        return FAKE_EXIT;
    } else if (op->opc == IR_EXIT_TB) {
        *ret = r->hdr->cookie | ir_carg(op, 0);
        return FAKE_EXIT;
    } else if (op->opc == IR_LOOKUP_AND_GOTO) {
        *ret = r->be->lookup(r->env);
        return *ret ? FAKE_JUMP : FAKE_EXIT;
    } else
        assert_true(op->opc == IR_SET_LABEL || op->opc == IR_NOP);
    return FAKE_NEXT;
}

static FakeStep fake_step(FakeRun *r, uintptr_t *ret)
{
    const FakeOp *fo = &r->ops[r->ip++];
    const IrOp *op = &fo->op;
    fake_cur = (uintptr_t)fo;
    if (!(ir_op_info[op->opc].flags & IR_F_PURE))
        return fake_control(r, fo, ret);
    uint64_t in[IR_MAX_ARGS], out = 0;
    for (unsigned i = 0; i < op->nin; i++)
        in[i] = fake_get(r, ir_in(op, i));
    assert_true(ir_eval((IrOpcode)op->opc, (IrType)op->type, in,
                        &op->args[op->nout + op->nin], &out));
    fake_set(r, ir_out(op, 0), out);
    return FAKE_NEXT;
}

/* IrFunc.entry_check, before a TB's first op. */
static FakeStep fake_entry_check(FakeRun *r, uintptr_t *ret)
{
    int32_t off = r->hdr->entry_check;
    uint32_t req;
    if (r->entered || off < 0)
        return FAKE_NEXT;
    r->entered = true;
    memcpy(&req, (const uint8_t *)r->env + off, sizeof(req));
    if (!req)
        return FAKE_NEXT;
    *ret = r->hdr->cookie | IR_EXIT_REQUESTED;
    return FAKE_EXIT;
}

static uintptr_t fake_enter(void *opaque, void *env, uintptr_t code_rx)
{
    FakeBe *be = opaque;
    FakeRun r = { .be = be, .env = env };   /* a helper may longjmp past it */
    __atomic_fetch_add(&be->n.enters, 1, __ATOMIC_RELAXED);
    fake_load(&r, code_rx);
    for (;;) {
        uintptr_t ret = 0;
        FakeStep s = fake_entry_check(&r, &ret);
        if (s == FAKE_NEXT)
            s = fake_step(&r, &ret);
        if (s == FAKE_JUMP)
            fake_load(&r, ret);
        if (s == FAKE_EXIT) {
            fake_cur = 0;
            return ret;
        }
    }
}

static void fake_patch_jump(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target)
{
    FakeBe *be = fake_last;
    assert_true(slot_rx - be->whole.rx == (uintptr_t)(slot_rw - be->whole.rw));
    __atomic_store_n((uint64_t *)slot_rw, (uint64_t)target, __ATOMIC_RELEASE);
    __atomic_fetch_add(&be->n.patches, 1, __ATOMIC_RELAXED);
}

static uintptr_t fake_fault_pos(void *opaque, uintptr_t host_pc)
{
    return fake_cur;
}

static void fake_disas(FILE *out, const uint8_t *code, uintptr_t rx, size_t size)
{
    fprintf(out, "fake code: %u ops\n", ((const FakeHdr *)code)->nops);
}

const Backend backend_fake = {
    .name = "fake", .create = fake_create, .destroy = fake_destroy,
    .emit_tb = fake_emit_tb, .enter = fake_enter, .patch_jump = fake_patch_jump,
    .fault_pos = fake_fault_pos, .disas = fake_disas,
};

const FakeCounts *fake_counts(void)
{
    return &fake_last->n;
}

uint64_t fake_slot(const TB *tb, unsigned n)
{
    return *(const uint64_t *)(tb->code_rx + tb->jmp_slot[n]);
}
