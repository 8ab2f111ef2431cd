/* backend/interp/interp-run.c — the dispatch loop: runs bytecode from a TB
 * entry until an EXIT_TB, or a LOOKUP_AND_GOTO miss, leaves it.
 *
 * One computed-goto table with a label per (IR op, type) pair, expanded
 * from ir/ops.def; every pure op's handler is generated from its ops.def
 * row through the shape its counts name (INTERP_PURE_<nout><nin><ncarg>),
 * so an op cannot be added to the table without the loop noticing (a
 * missing label does not compile).  Each handler is one call to an
 * always-inline function that unpacks its operands and returns the next ip.
 *
 * State while running (Regs): the three operand bases (env, this call's
 * frame, the current TB's entry, which its constant pool is relative to),
 * the guest memory mapping and the lookup function.  Chaining (GOTO_TB,
 * LOOKUP_AND_GOTO) just moves ip and the TB base: the frame is shared,
 * since nothing but globals lives across TBs.
 *
 * Precise faults: before every op that may fault (guest loads, stores,
 * cmpxchg) and every call, the op's rx address goes to a thread-local that
 * fault_pos() reports.  It is 0 outside enter() and after a call returns;
 * only a longjmp out of a helper or a fault handler leaves it set, until
 * this thread's next enter().  A memop's required alignment is checked: a
 * misaligned access raises SIGBUS at the guest address (align_fault).
 */
#include "backend/interp/interp-internal.h"
#include "backend/interp/interp-alu.h"

#include <ffi.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static _Thread_local uintptr_t interp_fault_at;

/* adj[sel] is the base of selector sel minus sel, so an operand word w
 * addresses adj[w & 3] + w without masking the selector off. */
typedef struct Regs {
    uintptr_t adj[4];
    uintptr_t guest_base;
    uint64_t addr_mask;
    BackendLookupFn lookup;
    void *env;
} Regs;

_Noreturn void interp_unreachable(const char *where)
{
    fprintf(stderr, "tern: interp: unreachable code reached in %s\n", where);
    abort();
}

/* ---- Operands ------------------------------------------------------------ */

INTERP_INLINE uint8_t *opnd(const Regs *r, const uint8_t *ip, unsigned i)
{
    uint32_t w = interp_word(ip + 4 + 4 * i);
    return (uint8_t *)(r->adj[w & INTERP_SEL_MASK] + w);
}

INTERP_INLINE uint64_t rd(const uint8_t *p, bool t64)
{
    if (t64)
        return interp_dword(p);
    return interp_word(p);
}

INTERP_INLINE void wr(uint8_t *p, bool t64, uint64_t v)
{
    if (t64) {
        memcpy(p, &v, 8);
    } else {
        uint32_t w = (uint32_t)v;
        memcpy(p, &w, 4);
    }
}

/* Operand k of an op is i64 when its sig char says '8', or 'T' in an i64
 * op; sig is a string literal, so this folds away. */
INTERP_INLINE bool sig64(const char *sig, unsigned k, bool t64)
{
    return sig[k] == '8' || (sig[k] == 'T' && t64);
}

INTERP_INLINE uint64_t rd_op(const Regs *r, const uint8_t *ip, unsigned k,
                             const char *sig, bool t64)
{
    return rd(opnd(r, ip, k), sig64(sig, k, t64));
}

INTERP_INLINE void wr_op(const Regs *r, const uint8_t *ip, unsigned k, const char *sig,
                         bool t64, uint64_t v)
{
    wr(opnd(r, ip, k), sig64(sig, k, t64), v);
}

/* ---- Pure ops, one function per shape (nout, nin, ncarg) ----------------- */

INTERP_INLINE const uint8_t *run_110(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    uint64_t a = rd_op(r, ip, 1, sig, t64);
    wr_op(r, ip, 0, sig, t64, interp_alu_unary(opc, t64, a));
    return ip + 12;
}

INTERP_INLINE const uint8_t *run_120(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    uint64_t a = rd_op(r, ip, 1, sig, t64), b = rd_op(r, ip, 2, sig, t64);
    wr_op(r, ip, 0, sig, t64, interp_alu_binary(opc, t64, a, b));
    return ip + 16;
}

INTERP_INLINE const uint8_t *run_112(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    unsigned aux = interp_hdr_aux(ip);
    uint64_t a = rd_op(r, ip, 1, sig, t64);
    wr_op(r, ip, 0, sig, t64, interp_alu_field(opc, a, aux & 0xff, aux >> 8));
    return ip + 12;
}

INTERP_INLINE const uint8_t *run_122(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    unsigned aux = interp_hdr_aux(ip);
    uint64_t a = rd_op(r, ip, 1, sig, t64), b = rd_op(r, ip, 2, sig, t64);
    wr_op(r, ip, 0, sig, t64, interp_alu_deposit(a, b, aux & 0xff, aux >> 8));
    return ip + 16;
}

INTERP_INLINE const uint8_t *run_121(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    uint64_t a = rd_op(r, ip, 1, sig, t64), b = rd_op(r, ip, 2, sig, t64);
    wr_op(r, ip, 0, sig, t64, interp_cond((IrCond)interp_hdr_aux(ip), t64, a, b));
    return ip + 16;
}

INTERP_INLINE const uint8_t *run_141(const Regs *r, const uint8_t *ip, IrOpcode opc,
                                     const char *sig, bool t64)
{
    uint64_t c1 = rd_op(r, ip, 1, sig, t64), c2 = rd_op(r, ip, 2, sig, t64);
    uint64_t v1 = rd_op(r, ip, 3, sig, t64), v2 = rd_op(r, ip, 4, sig, t64);
    bool c = interp_cond((IrCond)interp_hdr_aux(ip), t64, c1, c2);
    wr_op(r, ip, 0, sig, t64, c ? v1 : v2);
    return ip + 24;
}

/* ---- Guest memory --------------------------------------------------------- */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BE 1
#else
#define HOST_BE 0
#endif

static inline void set_fault_at(const uint8_t *ip)
{
    interp_fault_at = (uintptr_t)ip;
    /* The store must precede the access that may fault. */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

INTERP_INLINE uint8_t *g2h(const Regs *r, uint64_t addr)
{
    return (uint8_t *)(r->guest_base + (uintptr_t)(addr & r->addr_mask));
}

/* A guest alignment fault looks to the fault handler like a host SIGBUS at
 * the guest address, raised while this op is the fault position: the
 * handler unwinds to the guest insn as for any other guest fault.  Without
 * a handler the process dies of SIGBUS, as a native misaligned access
 * would. */
static void align_fault(uint8_t *host)
{
#ifdef __linux__
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGBUS;
    si.si_code = BUS_ADRALN;
    si.si_addr = host;
    syscall(SYS_rt_tgsigqueueinfo, getpid(), (pid_t)syscall(SYS_gettid), SIGBUS, &si);
#else
    (void)host;
    raise(SIGBUS);
#endif
}

INTERP_INLINE void check_align(uint8_t *host, uint64_t addr, IrMemOp mo)
{
    unsigned a = (mo & IR_MO_ALIGN) >> IR_MO_ALIGN_SHIFT;
    if (__builtin_expect(a != 0 && (addr & ((1ull << a) - 1)) != 0, 0))
        align_fault(host);
}

INTERP_INLINE uint64_t swap_sized(uint64_t v, unsigned size_log2)
{
    switch (size_log2) {
    case 1: return __builtin_bswap16((uint16_t)v);
    case 2: return __builtin_bswap32((uint32_t)v);
    case 3: return __builtin_bswap64(v);
    default: return v;
    }
}

/* Host-order load of 1 << size_log2 bytes, zero-extended. */
INTERP_INLINE uint64_t load_sized(const uint8_t *p, unsigned size_log2)
{
    uint8_t b; uint16_t h; uint32_t w; uint64_t d;
    switch (size_log2) {
    case 0: memcpy(&b, p, 1); return b;
    case 1: memcpy(&h, p, 2); return h;
    case 2: memcpy(&w, p, 4); return w;
    default: memcpy(&d, p, 8); return d;
    }
}

INTERP_INLINE void store_sized(uint8_t *p, unsigned size_log2, uint64_t v)
{
    uint8_t b = (uint8_t)v; uint16_t h = (uint16_t)v; uint32_t w = (uint32_t)v;
    switch (size_log2) {
    case 0: memcpy(p, &b, 1); return;
    case 1: memcpy(p, &h, 2); return;
    case 2: memcpy(p, &w, 4); return;
    default: memcpy(p, &v, 8); return;
    }
}

INTERP_INLINE bool mo_swap(IrMemOp mo) { return ((mo & IR_MO_BE) != 0) != HOST_BE; }

INTERP_INLINE uint64_t mo_extend(uint64_t v, IrMemOp mo)
{
    unsigned bits = 8u << (mo & IR_MO_SIZE);
    return (mo & IR_MO_SIGN) && bits < 64 ? interp_sext(v, bits) : v;
}

INTERP_INLINE const uint8_t *run_ld(const Regs *r, const uint8_t *ip, bool t64)
{
    IrMemOp mo = interp_hdr_aux(ip);
    uint64_t addr = interp_dword(opnd(r, ip, 1));
    uint8_t *p = g2h(r, addr);
    set_fault_at(ip);
    check_align(p, addr, mo);
    uint64_t v = load_sized(p, mo & IR_MO_SIZE);
    if (mo_swap(mo))
        v = swap_sized(v, mo & IR_MO_SIZE);
    wr(opnd(r, ip, 0), t64, mo_extend(v, mo));
    return ip + 12;
}

INTERP_INLINE const uint8_t *run_st(const Regs *r, const uint8_t *ip, bool t64)
{
    IrMemOp mo = interp_hdr_aux(ip);
    uint64_t v = rd(opnd(r, ip, 0), t64);
    uint64_t addr = interp_dword(opnd(r, ip, 1));
    if (mo_swap(mo))
        v = swap_sized(v, mo & IR_MO_SIZE);
    uint8_t *p = g2h(r, addr);
    set_fault_at(ip);
    check_align(p, addr, mo);
    store_sized(p, mo & IR_MO_SIZE, v);
    return ip + 12;
}

/* Atomic when the host address is naturally aligned; a misaligned access
 * (which AArch64 would have faulted) gets a plain compare and store. */
static uint64_t cmpxchg_sized(uint8_t *p, unsigned size_log2, uint64_t cmp, uint64_t nv)
{
    const int mo = __ATOMIC_SEQ_CST;
    if ((uintptr_t)p & ((1u << size_log2) - 1)) {
        uint64_t old = load_sized(p, size_log2);
        if (old == cmp)
            store_sized(p, size_log2, nv);
        return old;
    }
    switch (size_log2) {
    case 0: { uint8_t o = (uint8_t)cmp; __atomic_compare_exchange_n(p, &o, (uint8_t)nv, false, mo, mo); return o; }
    case 1: { uint16_t o = (uint16_t)cmp; __atomic_compare_exchange_n((uint16_t *)p, &o, (uint16_t)nv, false, mo, mo); return o; }
    case 2: { uint32_t o = (uint32_t)cmp; __atomic_compare_exchange_n((uint32_t *)p, &o, (uint32_t)nv, false, mo, mo); return o; }
    default: { uint64_t o = cmp; __atomic_compare_exchange_n((uint64_t *)p, &o, nv, false, mo, mo); return o; }
    }
}

static uint64_t atomic_load_sized(const uint8_t *p, unsigned size_log2)
{
    if ((uintptr_t)p & ((1u << size_log2) - 1))
        return load_sized(p, size_log2);
    switch (size_log2) {
    case 0: return __atomic_load_n(p, __ATOMIC_SEQ_CST);
    case 1: return __atomic_load_n((const uint16_t *)p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST);
    }
}

/* docs/ir.md compares the old value extended per memop with the whole
 * cmpv, so a cmpv that is not such an extension never matches: then the
 * op is just an atomic load. */
static const uint8_t *run_cmpxchg(const Regs *r, const uint8_t *ip, bool t64)
{
    IrMemOp mo = interp_hdr_aux(ip);
    unsigned sz = mo & IR_MO_SIZE;
    uint64_t mask = interp_field_mask(8u << sz);
    uint64_t addr = interp_dword(opnd(r, ip, 1));
    uint64_t cmpv = rd(opnd(r, ip, 2), t64), nv = rd(opnd(r, ip, 3), t64) & mask;
    uint64_t cmp = cmpv & mask, ext = mo_extend(cmp, mo);
    bool can_match = (t64 ? ext : (uint32_t)ext) == cmpv;
    if (mo_swap(mo)) {
        cmp = swap_sized(cmp, sz);
        nv = swap_sized(nv, sz);
    }
    uint8_t *p = g2h(r, addr);
    set_fault_at(ip);
    check_align(p, addr, mo);
    uint64_t old = can_match ? cmpxchg_sized(p, sz, cmp, nv) : atomic_load_sized(p, sz);
    if (mo_swap(mo))
        old = swap_sized(old, sz);
    wr(opnd(r, ip, 0), t64, mo_extend(old, mo));
    return ip + 20;
}

static void run_mb(unsigned kind)
{
    if (kind == IR_MB_LD)
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    else if (kind == IR_MB_ST)
        __atomic_thread_fence(__ATOMIC_RELEASE);
    else if (kind)
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* ---- CPU state outside the globals ---------------------------------------- */

/* Env fields are host C data: host byte order, whatever the memop's BE bit. */
INTERP_INLINE const uint8_t *run_ld_env(const Regs *r, const uint8_t *ip, bool t64)
{
    IrMemOp mo = interp_hdr_aux(ip);
    int32_t off = (int32_t)interp_word(ip + 8);
    uint64_t v = load_sized((uint8_t *)r->env + off, mo & IR_MO_SIZE);
    wr(opnd(r, ip, 0), t64, mo_extend(v, mo));
    return ip + 12;
}

INTERP_INLINE const uint8_t *run_st_env(const Regs *r, const uint8_t *ip, bool t64)
{
    IrMemOp mo = interp_hdr_aux(ip);
    int32_t off = (int32_t)interp_word(ip + 8);
    store_sized((uint8_t *)r->env + off, mo & IR_MO_SIZE, rd(opnd(r, ip, 0), t64));
    return ip + 12;
}

/* ---- Control -------------------------------------------------------------- */

INTERP_INLINE const uint8_t *run_brcond(const Regs *r, const uint8_t *ip, bool t64)
{
    uint64_t a = rd(opnd(r, ip, 0), t64), b = rd(opnd(r, ip, 1), t64);
    if (interp_cond((IrCond)interp_hdr_aux(ip), t64, a, b))
        return ip + (int32_t)interp_word(ip + 12);
    return ip + 16;
}

INTERP_INLINE const uint8_t *run_br(const uint8_t *ip)
{
    return ip + (int32_t)interp_word(ip + 4);
}

/* Helper call through libffi with the cif emit_tb prepared. */
static const uint8_t *run_call(const Regs *r, const uint8_t *ip)
{
    unsigned aux = interp_hdr_aux(ip);
    const IrHelper *h = (const IrHelper *)(uintptr_t)interp_dword(ip + 4);
    const ffi_cif *cif = h->cache;
    unsigned n = aux & INTERP_CALL_NARGS, first = 2 + !!(aux & INTERP_CALL_RET);
    union { uint32_t w; uint64_t d; } av[IR_MAX_HELPER_ARGS];
    void *ap[IR_MAX_HELPER_ARGS];
    for (unsigned i = 0; i < n; i++) {
        const uint8_t *p = opnd(r, ip, first + i);
        if (aux & (1u << (INTERP_CALL_ARG64_SHIFT + i)))
            av[i].d = interp_dword(p);
        else
            av[i].w = interp_word(p);
        ap[i] = &av[i];
    }
    union { ffi_arg a; uint64_t d; } ret = { 0 };
    set_fault_at(ip);
    ffi_call((ffi_cif *)cif, FFI_FN(h->fn), &ret, ap);
    interp_fault_at = 0;
    if (aux & INTERP_CALL_RET) {
        bool r64 = aux & INTERP_CALL_RET64;
        wr(opnd(r, ip, 2), r64, r64 ? ret.d : (uint32_t)ret.a);
    }
    return ip + 4 * (first + n) + 4;
}

INTERP_INLINE uintptr_t goto_tb_target(const uint8_t *ip)
{
    return __atomic_load_n((const uintptr_t *)(ip + 4), __ATOMIC_ACQUIRE);
}

/* GOTO_TB_IF: whether its condition holds (its GOTO_TB fields follow the
 * inputs, 8 bytes further on than GOTO_TB's). */
INTERP_INLINE bool goto_tb_if_taken(const Regs *r, const uint8_t *ip, bool t64)
{
    uint64_t a = rd(opnd(r, ip, 0), t64), b = rd(opnd(r, ip, 1), t64);
    return interp_cond((IrCond)(interp_hdr_aux(ip) & 0xff), t64, a, b);
}

/* ---- The loop ------------------------------------------------------------- */

/* Handlers of the pure ops, by shape; other shapes are written by hand. */
#define PURE_HANDLERS(name, run, sig)                                        \
    L_##name##_I32: ip = run(&r, ip, IR_##name, sig, false); DISPATCH();     \
    L_##name##_I64: ip = run(&r, ip, IR_##name, sig, true); DISPATCH();
#define INTERP_PURE_110(name, sig) PURE_HANDLERS(name, run_110, sig)
#define INTERP_PURE_120(name, sig) PURE_HANDLERS(name, run_120, sig)
#define INTERP_PURE_112(name, sig) PURE_HANDLERS(name, run_112, sig)
#define INTERP_PURE_122(name, sig) PURE_HANDLERS(name, run_122, sig)
#define INTERP_PURE_121(name, sig) PURE_HANDLERS(name, run_121, sig)
#define INTERP_PURE_141(name, sig) PURE_HANDLERS(name, run_141, sig)
#define INTERP_PURE_000(name, sig)
#define INTERP_PURE_001(name, sig)
#define INTERP_PURE_002(name, sig)
#define INTERP_PURE_005(name, sig)
#define INTERP_PURE_012(name, sig)
#define INTERP_PURE_021(name, sig)
#define INTERP_PURE_022(name, sig)
#define INTERP_PURE_023(name, sig)
#define INTERP_PURE_102(name, sig)
#define INTERP_PURE_111(name, sig)
#define INTERP_PURE_131(name, sig)

#define DISPATCH() goto *labels[interp_hdr_bc(ip)]

static uintptr_t interp_run(const InterpBackend *be, void *env, uintptr_t entry)
{
    static const void *const labels[INTERP_BC_NUM] = {
#define IR_OP(name, nout, nin, ncarg, flags, sig) &&L_##name##_I32, &&L_##name##_I64,
#include "ir/ops.def"
#undef IR_OP
        [INTERP_BC_ENTRY_CHECK] = &&L_ENTRY_CHECK,
        [INTERP_BC_POOL] = &&L_POOL,
    };
    uint64_t frame[INTERP_FRAME_SLOTS];
    Regs r = {
        .adj = { (uintptr_t)env - INTERP_SEL_ENV, (uintptr_t)frame - INTERP_SEL_FRAME,
                 entry - INTERP_SEL_TB, (uintptr_t)env - 3 },
        .guest_base = be->guest_base, .addr_mask = be->addr_mask,
        .lookup = be->lookup, .env = env,
    };
    const uint8_t *ip = (const uint8_t *)entry;
    uintptr_t t;
    frame[0] = (uint64_t)(uintptr_t)env;
    DISPATCH();

#define IR_OP(name, nout, nin, ncarg, flags, sig) INTERP_PURE_##nout##nin##ncarg(name, sig)
#include "ir/ops.def"
#undef IR_OP

L_LD_I32: ip = run_ld(&r, ip, false); DISPATCH();
L_LD_I64: ip = run_ld(&r, ip, true); DISPATCH();
L_ST_I32: ip = run_st(&r, ip, false); DISPATCH();
L_ST_I64: ip = run_st(&r, ip, true); DISPATCH();
L_CMPXCHG_I32: ip = run_cmpxchg(&r, ip, false); DISPATCH();
L_CMPXCHG_I64: ip = run_cmpxchg(&r, ip, true); DISPATCH();
L_LD_ENV_I32: ip = run_ld_env(&r, ip, false); DISPATCH();
L_LD_ENV_I64: ip = run_ld_env(&r, ip, true); DISPATCH();
L_ST_ENV_I32: ip = run_st_env(&r, ip, false); DISPATCH();
L_ST_ENV_I64: ip = run_st_env(&r, ip, true); DISPATCH();
L_BRCOND_I32: ip = run_brcond(&r, ip, false); DISPATCH();
L_BRCOND_I64: ip = run_brcond(&r, ip, true); DISPATCH();
L_BR_I64: ip = run_br(ip); DISPATCH();
L_MB_I64: run_mb(interp_hdr_aux(ip)); ip += 4; DISPATCH();
L_CALL_I64: ip = run_call(&r, ip); DISPATCH();
L_NOP_I64: ip += 4; DISPATCH();
L_VEC_I64:
    ir_vec_run(env, interp_word(ip + 4), (int32_t)interp_word(ip + 8),
               (int32_t)interp_word(ip + 12), (int32_t)interp_word(ip + 16),
               (int32_t)interp_word(ip + 20));
    ip += 24;
    DISPATCH();
L_GOTO_TB_I64:
    t = goto_tb_target(ip);
    if (t)
        goto chain;
    store_sized((uint8_t *)env + be->pc_off, IR_MO_64, interp_dword(ip + 12));
    t = (uintptr_t)interp_dword(ip + 20) | (IR_EXIT_SLOT0 + interp_hdr_aux(ip));
    goto leave;
L_GOTO_TB_IF_I32:
L_GOTO_TB_IF_I64:
    if (!goto_tb_if_taken(&r, ip, interp_hdr_bc(ip) & 1)) {
        ip += 36;
        DISPATCH();
    }
    ip += 8;                      /* now laid out as a GOTO_TB */
    t = goto_tb_target(ip);
    if (t)
        goto chain;
    store_sized((uint8_t *)env + be->pc_off, IR_MO_64, interp_dword(ip + 12));
    t = (uintptr_t)interp_dword(ip + 20) | (IR_EXIT_SLOT0 + (interp_hdr_aux(ip - 8) >> 8));
    goto leave;
L_LOOKUP_AND_GOTO_I64:
    t = r.lookup(env);
    if (!t)
        goto leave;
    goto chain;
chain:
    ip = (const uint8_t *)t;
    r.adj[INTERP_SEL_TB] = t - INTERP_SEL_TB;
    DISPATCH();
L_EXIT_TB_I64:
    t = (uintptr_t)interp_dword(ip + 4) | interp_hdr_aux(ip);
    goto leave;
L_ENTRY_CHECK:
    if (load_sized((uint8_t *)env + (int32_t)interp_word(ip + 4), IR_MO_32 & IR_MO_SIZE)) {
        t = (uintptr_t)interp_dword(ip + 8) | IR_EXIT_REQUESTED;
        goto leave;
    }
    ip += 16;
    DISPATCH();
leave:
    interp_fault_at = 0;
    return t;

L_BR_I32: L_MB_I32: L_CALL_I32: L_NOP_I32: L_GOTO_TB_I32: L_EXIT_TB_I32:
L_LOOKUP_AND_GOTO_I32: L_VEC_I32: L_SET_LABEL_I32: L_SET_LABEL_I64: L_POOL:
    fprintf(stderr, "tern: interp: bad bytecode %u at %p\n", interp_hdr_bc(ip), (void *)ip);
    abort();
}

uintptr_t interp_enter(void *be, void *env, uintptr_t code_rx)
{
    interp_fault_at = 0;
    return interp_run(be, env, code_rx);
}

uintptr_t interp_fault_pos(void *be, uintptr_t host_pc)
{
    (void)be;
    (void)host_pc;
    return interp_fault_at;
}
