/* backend/x86_64/x86_64.c — the x86-64 Backend: shared code, TB emission,
 * chaining, disassembly.
 *
 * Shared code at the start of the code region:
 *     prologue(env = rdi, code = rsi, pin_off = rdx):
 *         push rbp, rbx, r12, r13, r14, r15; mov r14, rdi; [movabs r15, base]
 *         for each pin i: mov rax, [rdx + 8 i]; mov pin_i, [r14 + rax]
 *         sub rsp, X86_FRAME_BYTES; jmp rsi
 * The pins' env offsets are data (be->pin_off), not immediates: they are
 * known only once the first TB's IrFunc is seen, after create.
 *     epilogue:   (TBs jump here with the return value in rax)
 *         add rsp, X86_FRAME_BYTES; pop ...; ret
 *     lookup miss:   (LOOKUP_AND_GOTO when its inline probe missed)
 *         mov rdi, r14; call lookup.fn; test rax, rax; jz epilogue; jmp rax
 * After the pushes and the frame, rsp is 16-byte aligned, so helper calls
 * from TB code need no adjustment.
 *
 * emit_tb: (the caller has run ir_liveness) one forward pass lowering each
 * op (lower*.c) with the register allocator (regalloc.c), then label
 * relocations.  It fails only when the region is too small: room for the
 * worst case of the next op is checked before each op, unless the region
 * holds the worst case of all of them.
 *
 * Thread safety: emit_tb calls are serialized by the caller (backend.h; the
 * per-TB scratch arrays are shared); enter, patch_jump and fault_pos need
 * no lock.
 */
#include "backend/x86_64/x86-internal.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int8_t saved_regs[] = {
    X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};

/* The host features the lowering may use.  glibc's CPU_FEATURE_ACTIVE
 * reads what its start-up already learnt (and also says whether the OS
 * enables the feature); each CPUID instruction is a VM exit under a
 * hypervisor, ~10 us, and a dozen of them were ~2% of a static hello. */
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#define HOST_HAS(glibc_name, leaf, reg, bit) CPU_FEATURE_ACTIVE(glibc_name)
#else
#include <cpuid.h>
static bool host_has_cpuid(unsigned leaf, int reg, unsigned bit)
{
    unsigned r[4];
    if (!__get_cpuid_count(leaf, 0, &r[0], &r[1], &r[2], &r[3]))
        return false;
    return r[reg] >> bit & 1;
}
#define HOST_HAS(glibc_name, leaf, reg, bit) host_has_cpuid(leaf, reg, bit)
#endif

enum { EBX = 1, ECX = 2 };

static uint32_t probe_features(void)
{
    uint32_t f = 0;
    if (HOST_HAS(POPCNT, 1, ECX, 23))
        f |= X86_FEAT_POPCNT;
    if (HOST_HAS(BMI1, 7, EBX, 3))
        f |= X86_FEAT_BMI1;
    if (HOST_HAS(BMI2, 7, EBX, 8))
        f |= X86_FEAT_BMI2;
    if (HOST_HAS(SSSE3, 1, ECX, 9) && HOST_HAS(SSE4_1, 1, ECX, 19))
        f |= X86_FEAT_SSE41;                /* SSSE3 and SSE4.1 */
    if (HOST_HAS(SSE4_2, 1, ECX, 20))
        f |= X86_FEAT_SSE42;
    if (HOST_HAS(AES, 1, ECX, 25))
        f |= X86_FEAT_AES;
    if (HOST_HAS(SHA, 7, EBX, 29))
        f |= X86_FEAT_SHA;
    if (HOST_HAS(LZCNT, 0x80000001, ECX, 5))
        f |= X86_FEAT_LZCNT;
    return f;
}

static void emit_prologue(X86Backend *be, X86Buf *b)
{
    be->prologue_rx = x86_buf_rx(b);
    for (unsigned i = 0; i < sizeof(saved_regs); i++)
        x86_emit_push(b, saved_regs[i]);
    x86_emit_mov_rr(b, X86_REG_ENV, X86_RDI, true);
    if (be->base_mode == X86_BASE_REG)
        x86_emit_movi(b, X86_REG_BASE, be->mem.guest_base, true, true);
    for (int i = 0; i < X86_NPIN; i++) {
        x86_emit_rm(b, X86_OP_MOV_GvEv | X86_P_W, X86_RAX, X86_RDX, 8 * i);
        x86_emit_rmx(b, X86_OP_MOV_GvEv | X86_P_W, x86_pin_regs[i], X86_REG_ENV, X86_RAX, 0, 0);
    }
    x86_emit_rr(b, X86_OP_GRP1_Iz | X86_P_W, X86_ALU_SUB, X86_RSP);
    x86_emit32(b, X86_FRAME_BYTES);
    x86_emit_jmp_r(b, X86_RSI);

    be->epilogue_rx = x86_buf_rx(b);
    x86_emit_rr(b, X86_OP_GRP1_Iz | X86_P_W, X86_ALU_ADD, X86_RSP);
    x86_emit32(b, X86_FRAME_BYTES);
    for (unsigned i = sizeof(saved_regs); i-- > 0;)
        x86_emit_pop(b, saved_regs[i]);
    x86_emit_ret(b);
}

/* Shared by every LOOKUP_AND_GOTO: rsp is as in TB code, 16-byte aligned. */
static void emit_lookup_miss(X86Backend *be, X86Buf *b)
{
    be->lookup_miss_rx = x86_buf_rx(b);
    x86_emit_mov_rr(b, X86_RDI, X86_REG_ENV, true);
    x86_emit_call_abs(b, (uintptr_t)be->lookup.fn);
    x86_emit_rr(b, X86_OP_TEST_EvGv | X86_P_W, X86_RAX, X86_RAX);
    x86_emit_jcc32(b, X86_CC_E, be->epilogue_rx);
    x86_emit_jmp_r(b, X86_RAX);
}

/* The inline probe computes an entry's byte offset as
 * ((pc ^ pc >> bits) << (shift - 2)) & (mask << shift), an imm32 mask. */
static bool lookup_inline_ok(const BackendLookup *l)
{
    return l->inline_cache && l->entry_shift >= 2 && l->cache_bits >= 1
        && l->cache_bits + l->entry_shift <= 31;
}

static void *x86_create(const BackendMem *mem, const BackendLookup *lookup,
                        BackendCode code, size_t *used)
{
    if (code.size < 256) {
        fprintf(stderr, "tern: x86 backend: code region too small\n");
        return NULL;
    }
    X86Backend *be = calloc(1, sizeof(*be));
    int32_t *free_slots = calloc(X86_FRAME_SLOTS, sizeof(int32_t));
    IrTemp *owners = malloc(X86_FRAME_SLOTS * sizeof(IrTemp));
    if (!be || !free_slots || !owners) {
        fprintf(stderr, "tern: x86 backend: out of memory\n");
        free(be);
        free(free_slots);
        free(owners);
        return NULL;
    }
    be->mem = *mem;
    be->base_mode = mem->guest_base == 0 ? X86_BASE_NONE
                  : mem->guest_base < 0x80000000u ? X86_BASE_DISP : X86_BASE_REG;
    be->lookup = *lookup;
    be->lookup.inline_cache = lookup_inline_ok(lookup);
    be->features = probe_features();
    be->free_slots = free_slots;
    be->slot_owner = owners;
    X86Buf b = { code.rw, code.rw, code.rw + code.size, code.rx };
    emit_prologue(be, &b);
    emit_lookup_miss(be, &b);
    *used = (x86_buf_off(&b) + 15) & ~(size_t)15;
    return be;
}

static void x86_destroy(void *opaque)
{
    X86Backend *be = opaque;
    if (!be)
        return;
    free(be->temps);
    free(be->label_off);
    free(be->op_off);
    free(be->relocs);
    free(be->free_slots);
    free(be->slot_owner);
    free(be->gtemplate);
    free(be->gkey);
    free(be);
}

static void *grow(void *p, size_t n, size_t elem)
{
    p = realloc(p, n * elem);
    if (!p) {
        fprintf(stderr, "tern: x86 backend: out of memory\n");
        abort();
    }
    return p;
}

/* Sizes the scratch arrays for f. */
static void prepare_scratch(X86Backend *be, const IrFunc *f)
{
    if (f->ntemps > be->temps_cap) {
        be->temps_cap = f->ntemps * 2;
        be->temps = grow(be->temps, be->temps_cap, sizeof(*be->temps));
    }
    if (f->nops + 1 > be->op_off_cap) {
        be->op_off_cap = (f->nops + 1) * 2;
        be->op_off = grow(be->op_off, be->op_off_cap, sizeof(*be->op_off));
    }
    if (f->nlabels > be->labels_cap) {
        be->labels_cap = f->nlabels * 2;
        be->label_off = grow(be->label_off, be->labels_cap, sizeof(*be->label_off));
    }
    for (uint32_t i = 0; i < f->nlabels; i++)
        be->label_off[i] = -1;
    be->nrelocs = 0;
}

static void resolve_relocs(X86Ctx *c)
{
    X86Backend *be = c->be;
    for (uint32_t i = 0; i < be->nrelocs; i++) {
        int32_t target = be->label_off[be->relocs[i].label];
        if (target < 0) {
            fprintf(stderr, "tern: x86 backend: branch to unplaced label %u\n",
                    be->relocs[i].label);
            abort();
        }
        x86_patch_rel32(&c->buf, be->relocs[i].field_off, (uint32_t)target);
    }
}

/* Worst-case bytes of one op: block ends may store every global (two
 * dword stores each when constant) and every register. */
static size_t op_bound(const IrFunc *f)
{
    return 1024 + 24 * (size_t)f->nglobals;
}

/* Each op's code offset goes to op_off[] as the walk passes it (one
 * store, no test of insn boundaries per op); insn_ends() then reads the
 * guest insns' ends from it.  When the region has room for the worst
 * case of every op (nearly always), the loop is instantiated without the
 * per-op check. */
static inline __attribute__((always_inline)) bool emit_ops_loop(X86Ctx *c, bool check,
                                                                size_t bound)
{
    const IrFunc *f = c->f;
    uint32_t *op_off = c->be->op_off;
    const IrOp *op = f->ops, *end = op + f->nops;
    for (; op < end; op++, op_off++) {
        if (check && (size_t)(c->buf.end - c->buf.p) < bound)
            return false;
        *op_off = x86_buf_off(&c->buf);
        c->op = op;
        x86_op_desc[op->opc].lower(c, op);
        if (op->nin | op->nout)
            x86_ra_end_op(c, op);
        else
            c->locked = 0;      /* labels, exits: no temps */
    }
    *op_off = x86_buf_off(&c->buf);
    return true;
}

/* BackendTbOut.insn_end: insn i ends where the op that begins insn i + 1
 * (IrFunc.insn_op) begins; the last one where the last op ends. */
static void insn_ends(const X86Backend *be, const IrFunc *f, uint32_t *ends)
{
    const uint32_t *op_off = be->op_off, *insn_op = f->insn_op;
    uint32_t n = f->ninsns;
    if (!ends || n == 0)
        return;
    for (uint32_t i = 0; i + 1 < n; i++)
        ends[i] = op_off[insn_op[i + 1]];
    ends[n - 1] = op_off[f->nops];
}

static bool emit_ops(X86Ctx *c)
{
    size_t bound = op_bound(c->f);
    if ((size_t)(c->buf.end - c->buf.p) / bound > c->f->nops)
        return emit_ops_loop(c, false, bound);
    return emit_ops_loop(c, true, bound);
}

/* IrFunc.entry_check: cmp dword [env + off], 0; jne to a stub after the
 * ops.  Returns the jne's rel32 field (never 0), or 0 for no check. */
#define ENTRY_CHECK_BYTES 64    /* the check and its stub, with room */

static uint32_t emit_entry_check(X86Ctx *c)
{
    if (c->f->entry_check < 0)
        return 0;
    x86_emit_rm(&c->buf, X86_OP_GRP1_Iz, X86_ALU_CMP, X86_REG_ENV, c->f->entry_check);
    x86_emit32(&c->buf, 0);
    return x86_emit_jcc32(&c->buf, X86_CC_NE, x86_buf_rx(&c->buf));
}

/* The stub: nothing was touched yet, so no global needs a store. */
static bool emit_entry_exit(X86Ctx *c, uint32_t field)
{
    if (!field)
        return true;
    if ((size_t)(c->buf.end - c->buf.p) < ENTRY_CHECK_BYTES)
        return false;
    x86_patch_rel32(&c->buf, field, x86_buf_off(&c->buf));
    x86_emit_movi_near(&c->buf, X86_RAX, c->tb_cookie | IR_EXIT_REQUESTED);
    x86_emit_jmp32(&c->buf, c->be->epilogue_rx);
    return true;
}

static bool x86_emit_tb(void *opaque, IrFunc *f, uintptr_t tb_cookie,
                        BackendCode code, BackendTbOut *out)
{
    X86Backend *be = opaque;
    prepare_scratch(be, f);
    x86_ra_pin_setup(be, f);
    X86Ctx c = {
        .be = be, .f = f, .ts = be->temps, .tb_cookie = tb_cookie,
        .ops_end = f->ops + f->nops,
        .buf = { code.rw, code.rw, code.rw + code.size, code.rx },
        .exit_cc_end = UINT32_MAX,
    };
    for (unsigned n = 0; n < IR_GOTO_TB_SLOTS; n++)
        c.jmp_slot[n] = BACKEND_NO_SLOT;
    x86_ra_begin(&c);
    bool ok = code.size >= ENTRY_CHECK_BYTES;
    uint32_t check = ok ? emit_entry_check(&c) : 0;
    ok = ok && emit_ops(&c);
    x86_ra_end(&c);
    if (ok) {
        resolve_relocs(&c);
        insn_ends(be, f, out->insn_end);
        ok = emit_entry_exit(&c, check) && x86_emit_cond_exits(&c);
    }
    if (ok) {
        out->code_size = x86_buf_off(&c.buf);
        memcpy(out->jmp_slot, c.jmp_slot, sizeof(c.jmp_slot));
        memcpy(out->jmp_reset, c.jmp_reset, sizeof(c.jmp_reset));
    }
    return ok;
}

static uintptr_t x86_enter(void *opaque, void *env, uintptr_t code_rx)
{
    X86Backend *be = opaque;
    uintptr_t (*prologue)(void *, uintptr_t, const int64_t *) =
        (uintptr_t (*)(void *, uintptr_t, const int64_t *))be->prologue_rx;
    return prologue(env, code_rx, be->pin_off);
}

/* The slot is a jmp or a jcc (GOTO_TB_IF's, reset to its stub, never to
 * 0; or GOTO_TB's right after it, reset to 0, the code after it) whose
 * rel32 is 4-byte aligned (lower-ctl.c), so one aligned store replaces it
 * atomically for threads running the code. */
static void x86_patch_jump(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target_rx)
{
    unsigned len = slot_rw[0] == 0x0f ? 6 : 5;
    int64_t rel = target_rx ? (int64_t)(target_rx - (slot_rx + len)) : 0;
    if (!x86_fits_i32(rel)) {
        fprintf(stderr, "tern: x86 backend: chain target out of rel32 reach\n");
        abort();
    }
    __atomic_store_n((uint32_t *)(void *)(slot_rw + len - 4), (uint32_t)(int32_t)rel,
                     __ATOMIC_RELEASE);
}

static uintptr_t x86_fault_pos(void *opaque, uintptr_t host_pc)
{
    return host_pc;
}

static void x86_disas(FILE *out, const uint8_t *code, uintptr_t rx, size_t size)
{
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(out, "  (capstone unavailable)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, rx, 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
        done += insn[i].size;
    }
    if (done < size)
        fprintf(out, "  0x%" PRIxPTR ":  (%zu undecodable bytes)\n", rx + done, size - done);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}

const Backend backend_x86_64 = {
    .name = "x86_64",
    .create = x86_create,
    .destroy = x86_destroy,
    .emit_tb = x86_emit_tb,
    .enter = x86_enter,
    .patch_jump = x86_patch_jump,
    .fault_pos = x86_fault_pos,
    .disas = x86_disas,
};
