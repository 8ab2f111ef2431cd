/* backend/interp/interp-emit.c — lowering an IrFunc to bytecode.
 *
 * One forward walk over the ops writes each op's instruction (layouts in
 * interp-internal.h).  Temps become operand words:
 *   - globals: env + their field offset (read and written in place);
 *   - block temps: a frame slot held from the temp's first to its last
 *     occurrence, then reused (a block temp never flows across a label, so
 *     that textual range covers its whole life);
 *   - TB-locals: a frame slot of their own for the whole TB, given out
 *     before any block temp's (a value can flow around a backward branch);
 *   - constants: a cell of the constant pool after the code.  The pool's
 *     place is known only at the end, so constant operands and branches are
 *     fixed up then.
 * Output slots are taken before the op's dying inputs are freed, so an op
 * never writes the slot of an input it still has to read.
 *
 * Writes past the region set `overflow` and are dropped; emit_tb then
 * returns false and exec retries in a fresh buffer.
 */
#include "backend/interp/interp-internal.h"

#include <assert.h>
#include <ffi.h>
#include <stdlib.h>

#define UNSET UINT32_MAX
#define SEL_CONST_INDEX 3u      /* operand holds a pool index, fixed up later */

typedef struct BranchFix {
    uint32_t word;          /* position of the offset word */
    uint32_t insn;          /* position of the branch's header */
    uint32_t label;
} BranchFix;

typedef struct Emit {
    const IrFunc *f;
    uint8_t *rw;
    uintptr_t rx;
    size_t size, pos;
    bool overflow;

    uint32_t *opnd;         /* per temp: operand word, or UNSET */
    uint32_t *last;         /* per temp: index of its last op */
    uint32_t *free_slots, nfree, nslots;
    uint32_t *pool, npool;  /* constant temps, in pool order */
    uint32_t *const_fix, nconst_fix;
    uint32_t *label_pos;
    BranchFix *br_fix;
    uint32_t nbr_fix;
} Emit;

/* ---- Scratch ------------------------------------------------------------- */

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "tern: interp: out of memory\n");
        abort();
    }
    return p;
}

static void emit_init(Emit *e, const IrFunc *f, BackendCode code)
{
    size_t nt = f->ntemps, nops = f->nops;
    *e = (Emit){ .f = f, .rw = code.rw, .rx = code.rx, .size = code.size };
    e->opnd = xcalloc(nt, sizeof(uint32_t));
    e->last = xcalloc(nt, sizeof(uint32_t));
    e->free_slots = xcalloc(nt, sizeof(uint32_t));
    e->pool = xcalloc(nt, sizeof(uint32_t));
    e->const_fix = xcalloc(nops * IR_MAX_ARGS, sizeof(uint32_t));
    e->label_pos = xcalloc(f->nlabels, sizeof(uint32_t));
    e->br_fix = xcalloc(nops, sizeof(BranchFix));
    memset(e->opnd, 0xff, nt * sizeof(uint32_t));
    memset(e->label_pos, 0xff, f->nlabels * sizeof(uint32_t));
    e->nslots = 1;                      /* slot 0: the env pointer */
}

static void emit_fini(Emit *e)
{
    free(e->opnd);
    free(e->last);
    free(e->free_slots);
    free(e->pool);
    free(e->const_fix);
    free(e->label_pos);
    free(e->br_fix);
}

/* ---- Writing ------------------------------------------------------------- */

static bool emit_room(Emit *e, size_t n)
{
    if (e->overflow || e->pos + n > e->size) {
        e->overflow = true;
        return false;
    }
    return true;
}

static void emit_word(Emit *e, uint32_t w)
{
    if (emit_room(e, 4))
        memcpy(e->rw + e->pos, &w, 4);
    e->pos += 4;
}

static void emit_dword(Emit *e, uint64_t w)
{
    if (emit_room(e, 8))
        memcpy(e->rw + e->pos, &w, 8);
    e->pos += 8;
}

static void emit_hdr(Emit *e, unsigned bc, unsigned aux)
{
    assert(aux <= 0xffff);
    emit_word(e, (uint32_t)bc | (uint32_t)aux << 16);
}

static void patch_word(Emit *e, uint32_t pos, uint32_t w)
{
    if (pos + 4 <= e->size)
        memcpy(e->rw + pos, &w, 4);
}

/* ---- Operands ------------------------------------------------------------ */

static _Noreturn void emit_fatal(const char *what, unsigned long v)
{
    fprintf(stderr, "tern: interp: %s (%lu)\n", what, v);
    abort();
}

static uint32_t slot_take(Emit *e)
{
    if (e->nfree)
        return e->free_slots[--e->nfree];
    if (e->nslots >= INTERP_FRAME_SLOTS)
        emit_fatal("too many temps live at once in one TB", e->nslots);
    return e->nslots++;
}

static uint32_t global_operand(const IrTempInfo *ti)
{
    if (ti->env_offset < 0 || (ti->env_offset & 3))
        emit_fatal("global at a negative or unaligned env offset", (unsigned long)ti->env_offset);
    return (uint32_t)ti->env_offset | INTERP_SEL_ENV;
}

/* The operand word of temp t, assigning its home on first sight. */
static uint32_t temp_operand(Emit *e, IrTemp t)
{
    if (e->opnd[t] != UNSET)
        return e->opnd[t];
    const IrTempInfo *ti = &e->f->temps[t];
    uint32_t w = 0;
    switch ((IrTempKind)ti->kind) {
    case IR_TEMP_FIXED: w = INTERP_SEL_FRAME; break;      /* slot 0 */
    case IR_TEMP_GLOBAL: w = global_operand(ti); break;
    case IR_TEMP_LOCAL:
    case IR_TEMP_BLOCK: w = slot_take(e) * 8 | INTERP_SEL_FRAME; break;
    case IR_TEMP_CONST: w = e->npool * 4 | SEL_CONST_INDEX; e->pool[e->npool++] = t; break;
    }
    return e->opnd[t] = w;
}

static void emit_temp(Emit *e, IrTemp t)
{
    uint32_t w = temp_operand(e, t);
    if ((w & INTERP_SEL_MASK) == SEL_CONST_INDEX)
        e->const_fix[e->nconst_fix++] = (uint32_t)e->pos;
    emit_word(e, w);
}

/* Gives back the slots of block temps whose last occurrence is op i. */
static void free_dead_temps(Emit *e, const IrOp *op, uint32_t i)
{
    for (unsigned k = 0; k < op->nout + op->nin; k++) {
        IrTemp t = (IrTemp)op->args[k];
        if (e->last[t] != i || e->f->temps[t].kind != IR_TEMP_BLOCK || e->opnd[t] == UNSET)
            continue;
        e->free_slots[e->nfree++] = e->opnd[t] >> 3;
        e->opnd[t] = UNSET;
        e->last[t] = UNSET;     /* a temp repeated in one op is freed once */
    }
}

/* Records each temp's last occurrence, and gives every TB-local its slot
 * before any block temp takes one: a local's value can flow around a
 * backward branch past code textually before its first occurrence, so it
 * must never share a slot with a block temp. */
static void plan_temps(Emit *e)
{
    for (uint32_t i = 0; i < e->f->nops; i++) {
        const IrOp *op = &e->f->ops[i];
        for (unsigned k = 0; k < op->nout + op->nin; k++) {
            IrTemp t = (IrTemp)op->args[k];
            e->last[t] = i;
            if (e->f->temps[t].kind == IR_TEMP_LOCAL)
                temp_operand(e, t);
        }
    }
}

/* ---- Instructions -------------------------------------------------------- */

static void emit_temps(Emit *e, const IrOp *op)
{
    for (unsigned k = 0; k < op->nout + op->nin; k++)
        emit_temp(e, (IrTemp)op->args[k]);
}

static void check_field(const IrOp *op)
{
    unsigned width = op->type == IR_I64 ? 64 : 32;
    uint64_t pos = ir_carg(op, 0), len = ir_carg(op, 1);
    if (len == 0 || pos + len > width)
        emit_fatal("bit field out of range", (unsigned long)(pos << 8 | len));
}

static void emit_pure(Emit *e, const IrOp *op)
{
    unsigned aux = 0;
    if (op->opc == IR_EXTRACT || op->opc == IR_SEXTRACT || op->opc == IR_DEPOSIT)
        check_field(op);
    for (unsigned k = 0; k < op->ncarg; k++)
        aux |= (unsigned)ir_carg(op, k) << (8 * k);
    emit_hdr(e, interp_bc((IrOpcode)op->opc, (IrType)op->type), aux);
    emit_temps(e, op);
}

static void emit_mem(Emit *e, const IrOp *op)
{
    emit_hdr(e, interp_bc((IrOpcode)op->opc, (IrType)op->type), (unsigned)ir_carg(op, 0));
    emit_temps(e, op);
}

static void emit_env(Emit *e, const IrOp *op)
{
    emit_hdr(e, interp_bc((IrOpcode)op->opc, (IrType)op->type), (unsigned)ir_carg(op, 1));
    emit_temp(e, (IrTemp)op->args[0]);
    emit_word(e, (uint32_t)(int32_t)ir_carg(op, 0));
}

/* VEC: the descriptor, then the four env offsets d, a, b, c. */
static void emit_vec(Emit *e, const IrOp *op)
{
    emit_hdr(e, interp_bc(IR_VEC, IR_I64), 0);
    for (unsigned i = 0; i < 5; i++)
        emit_word(e, (uint32_t)ir_carg(op, i));
}

static void emit_branch(Emit *e, const IrOp *op, IrLabel l)
{
    uint32_t insn = (uint32_t)e->pos;
    unsigned aux = op->opc == IR_BRCOND ? (unsigned)ir_carg(op, 0) : 0;
    emit_hdr(e, interp_bc((IrOpcode)op->opc, (IrType)op->type), aux);
    emit_temps(e, op);
    e->br_fix[e->nbr_fix++] = (BranchFix){ (uint32_t)e->pos, insn, l };
    emit_word(e, 0);
}

/* Prepares h's ffi_cif once and publishes it in h->cache; a racing thread's
 * copy loses the compare-and-swap and is freed. */
typedef struct InterpCif {
    ffi_cif cif;
    ffi_type *args[IR_MAX_HELPER_ARGS];
} InterpCif;

static ffi_type *ffi_type_of(uint8_t t)
{
    return t == IR_I64 ? &ffi_type_uint64 : &ffi_type_uint32;
}

static void prepare_cif(const IrHelper *h)
{
    void **cache = (void **)&((IrHelper *)h)->cache;
    if (__atomic_load_n(cache, __ATOMIC_ACQUIRE))
        return;
    InterpCif *c = xcalloc(1, sizeof(*c));
    for (unsigned i = 0; i < h->nargs; i++)
        c->args[i] = ffi_type_of(h->args[i]);
    ffi_type *ret = h->ret == IR_VOID ? &ffi_type_void : ffi_type_of(h->ret);
    if (ffi_prep_cif(&c->cif, FFI_DEFAULT_ABI, h->nargs, ret, c->args) != FFI_OK)
        emit_fatal("ffi_prep_cif failed for a helper", h->nargs);
    void *expected = NULL;
    if (!__atomic_compare_exchange_n(cache, &expected, c, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        free(c);
}

static void emit_call(Emit *e, const IrOp *op)
{
    const IrHelper *h = (const IrHelper *)(uintptr_t)ir_carg(op, 0);
    unsigned aux = h->nargs;
    if (op->nout)
        aux |= INTERP_CALL_RET | (h->ret == IR_I64 ? INTERP_CALL_RET64 : 0);
    for (unsigned i = 0; i < h->nargs; i++)
        if (h->args[i] == IR_I64)
            aux |= 1u << (INTERP_CALL_ARG64_SHIFT + i);
    prepare_cif(h);
    emit_hdr(e, interp_bc(IR_CALL, IR_I64), aux);
    emit_dword(e, (uint64_t)(uintptr_t)h);
    emit_temps(e, op);
}

/* The slot must be 8-aligned in memory for the atomic patch: pad first. */
static void emit_goto_tb(Emit *e, const IrOp *op, uintptr_t tb_cookie, BackendTbOut *out)
{
    if ((e->rx + e->pos + 4) & 7)
        emit_hdr(e, interp_bc(IR_NOP, IR_I64), 0);
    unsigned slot = (unsigned)ir_carg(op, 0);
    emit_hdr(e, interp_bc(IR_GOTO_TB, IR_I64), slot);
    out->jmp_slot[slot] = (uint32_t)e->pos;
    emit_dword(e, 0);
    emit_dword(e, ir_carg(op, 1));
    emit_dword(e, (uint64_t)tb_cookie);
}

/* goto_tb's fields after the inputs; the slot 8-aligned like goto_tb's. */
static void emit_goto_tb_if(Emit *e, const IrOp *op, uintptr_t tb_cookie, BackendTbOut *out)
{
    if ((e->rx + e->pos + 12) & 7)
        emit_hdr(e, interp_bc(IR_NOP, IR_I64), 0);
    unsigned slot = (unsigned)ir_carg(op, 1);
    emit_hdr(e, interp_bc(IR_GOTO_TB_IF, (IrType)op->type), (unsigned)ir_carg(op, 0) | slot << 8);
    emit_temps(e, op);
    out->jmp_slot[slot] = (uint32_t)e->pos;
    emit_dword(e, 0);
    emit_dword(e, ir_carg(op, 2));
    emit_dword(e, (uint64_t)tb_cookie);
}

static void emit_exit_tb(Emit *e, const IrOp *op, uintptr_t tb_cookie)
{
    emit_hdr(e, interp_bc(IR_EXIT_TB, IR_I64), (unsigned)ir_carg(op, 0));
    emit_dword(e, (uint64_t)tb_cookie);
}

/* IrFunc.entry_check, before the first op. */
static void emit_entry_check(Emit *e, uintptr_t tb_cookie)
{
    if (e->f->entry_check < 0)
        return;
    emit_hdr(e, INTERP_BC_ENTRY_CHECK, 0);
    emit_word(e, (uint32_t)e->f->entry_check);
    emit_dword(e, (uint64_t)tb_cookie);
}

/* insn_end has f->ninsns entries: insn i ends where insn i + 1 starts
 * (IrFunc.insn_op), the last one at the end of the ops.  Marks the
 * insns that begin at op i (i == nops: after the last op). */
static void emit_insn_starts(Emit *e, uint32_t i, uint32_t *ninsns, BackendTbOut *out)
{
    for (; *ninsns < e->f->ninsns && e->f->insn_op[*ninsns] == i; ++*ninsns)
        if (*ninsns && out->insn_end)
            out->insn_end[*ninsns - 1] = (uint32_t)e->pos;
}

static void emit_op(Emit *e, const IrOp *op, uintptr_t tb_cookie, BackendTbOut *out)
{
    IrOpcode opc = (IrOpcode)op->opc;
    switch (opc) {
    case IR_MOV: case IR_ADD: case IR_SUB: case IR_MUL: case IR_MULSH:
    case IR_MULUH: case IR_DIVS: case IR_DIVU: case IR_AND: case IR_OR:
    case IR_XOR: case IR_ANDC: case IR_ORC: case IR_EQV: case IR_SHL:
    case IR_SHR: case IR_SAR: case IR_ROTR: case IR_NEG: case IR_NOT:
    case IR_EXT8S: case IR_EXT8U: case IR_EXT16S: case IR_EXT16U:
    case IR_EXT32S: case IR_EXT32U: case IR_EXTU_I32: case IR_EXTS_I32:
    case IR_TRUNC_I64: case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
    case IR_CLZ: case IR_CTZ: case IR_CTPOP: case IR_BSWAP: case IR_SETCOND:
    case IR_MOVCOND:
        emit_pure(e, op);
        return;
    case IR_SET_LABEL: e->label_pos[ir_carg(op, 0)] = (uint32_t)e->pos; return;
    case IR_BR: emit_branch(e, op, (IrLabel)ir_carg(op, 0)); return;
    case IR_BRCOND: emit_branch(e, op, (IrLabel)ir_carg(op, 1)); return;
    case IR_LD_ENV: case IR_ST_ENV: emit_env(e, op); return;
    case IR_LD: case IR_ST: case IR_CMPXCHG: emit_mem(e, op); return;
    case IR_MB: emit_hdr(e, interp_bc(opc, IR_I64), (unsigned)ir_carg(op, 0)); return;
    case IR_CALL: emit_call(e, op); return;
    case IR_GOTO_TB: emit_goto_tb(e, op, tb_cookie, out); return;
    case IR_GOTO_TB_IF: emit_goto_tb_if(e, op, tb_cookie, out); return;
    case IR_EXIT_TB: emit_exit_tb(e, op, tb_cookie); return;
    case IR_LOOKUP_AND_GOTO: emit_hdr(e, interp_bc(opc, IR_I64), 0); return;
    case IR_VEC: emit_vec(e, op); return;
    case IR_NOP: return;
    case IR_NUM_OPS: break;
    }
    emit_fatal("bad opcode", opc);
}

/* ---- Fix-ups ------------------------------------------------------------- */

/* The pool header, then the constants 8-aligned in memory; each i32 is
 * written as 4 bytes at the start of its cell, as the loop reads it. */
static void emit_pool(Emit *e)
{
    emit_hdr(e, INTERP_BC_POOL, 0);
    if ((e->rx + e->pos) & 7)
        emit_word(e, 0);
    uint32_t base = (uint32_t)e->pos;
    for (uint32_t i = 0; i < e->npool; i++) {
        const IrTempInfo *ti = &e->f->temps[e->pool[i]];
        if (ti->type == IR_I64) {
            emit_dword(e, ti->val);
        } else {
            emit_word(e, (uint32_t)ti->val);
            emit_word(e, 0);
        }
    }
    for (uint32_t i = 0; i < e->nconst_fix && !e->overflow; i++) {
        uint32_t at = e->const_fix[i];
        uint32_t idx = interp_word(e->rw + at) >> 2;
        patch_word(e, at, (base + idx * 8) | INTERP_SEL_TB);
    }
}

static void fix_branches(Emit *e)
{
    for (uint32_t i = 0; i < e->nbr_fix && !e->overflow; i++) {
        const BranchFix *b = &e->br_fix[i];
        uint32_t target = e->label_pos[b->label];
        if (target == UNSET)
            emit_fatal("branch to a label that is never set", b->label);
        patch_word(e, b->word, (uint32_t)((int32_t)target - (int32_t)b->insn));
    }
}

bool interp_emit_tb(void *be, IrFunc *f, uintptr_t tb_cookie, BackendCode code,
                    BackendTbOut *out)
{
    (void)be;
    assert((code.rx & 3) == 0 && ((uintptr_t)code.rw & 7) == (code.rx & 7));
    Emit e;
    emit_init(&e, f, code);
    for (unsigned n = 0; n < IR_GOTO_TB_SLOTS; n++) {
        out->jmp_slot[n] = BACKEND_NO_SLOT;
        out->jmp_reset[n] = 0;          /* a slot word of 0 leaves */
    }
    plan_temps(&e);
    uint32_t ninsns = 0;
    emit_entry_check(&e, tb_cookie);
    for (uint32_t i = 0; i < f->nops; i++) {
        emit_insn_starts(&e, i, &ninsns, out);
        emit_op(&e, &f->ops[i], tb_cookie, out);
        free_dead_temps(&e, &f->ops[i], i);
    }
    emit_insn_starts(&e, f->nops, &ninsns, out);
    if (ninsns && out->insn_end)
        out->insn_end[ninsns - 1] = (uint32_t)e.pos;
    fix_branches(&e);
    emit_pool(&e);
    out->code_size = e.pos;
    bool ok = !e.overflow;
    emit_fini(&e);
    return ok;
}
