/* linux-user/signal-frame.c — the arm64 signal frame: building and
 * rt_sigreturn.
 *
 * The layout is the kernel's (arch/arm64/kernel/signal.c and the uapi
 * sigcontext.h / ucontext.h), pinned below by _Static_asserts:
 *
 *     frame record  {x29, x30}               <- x29, 16 below the old SP
 *     rt_sigframe   siginfo   (128)          <- SP, x1
 *                   ucontext  (4560)         <- x2
 *                     uc_flags, uc_link, uc_stack, uc_sigmask,
 *                     120 bytes up to glibc's 1024-bit sigset_t,
 *                     sigcontext: fault_address, regs[31], sp, pc,
 *                       pstate, __reserved[4096] =
 *                         fpsimd_context (magic 0x46508001, 528 bytes)
 *                         null record (terminator)
 *
 * both 16-byte aligned, on the alternate stack for SA_ONSTACK handlers.
 * The handler starts with x0 = signo, x1 = &info, x2 = &uc (SA_SIGINFO),
 * x29 = the frame record, x30 = the restorer, SP = the frame.  Without
 * SA_RESTORER (glibc on arm64 leaves it to the vDSO, which tern does not
 * have) x30 is a trampoline "mov x8, #139; svc #0" on a page tern maps
 * into the guest at start-up — the same two words as the kernel's vDSO
 * __kernel_rt_sigreturn, which unwinders recognise.  No esr_context is
 * written (optional; QEMU writes none either).
 *
 * rt_sigreturn validates the frame as the kernel does (16-byte aligned SP,
 * readable, PSTATE describing EL0 AArch64 with DAIF clear, a well-formed
 * record list with exactly one fpsimd_context and nothing tern does not
 * know) before restoring anything; a bad frame raises SIGSEGV.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "frontend/aarch64/a64.h"

#define LU_FPSIMD_MAGIC 0x46508001u
#define LU_ESR_MAGIC    0x45535201u
#define LU_RESERVED     4096
#ifndef SS_AUTODISARM
#define SS_AUTODISARM   (1u << 31)
#endif

typedef struct LuSigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    _Alignas(16) uint8_t reserved[LU_RESERVED];
} LuSigcontext;

typedef struct LuUcontext {
    uint64_t flags, link;
    LuStackT stack;
    uint64_t sigmask;
    uint8_t unused[1024 / 8 - 8];
    LuSigcontext mcontext;
} LuUcontext;

typedef struct LuRtSigframe {
    LuSiginfo info;
    LuUcontext uc;
} LuRtSigframe;

typedef struct LuCtxHead {
    uint32_t magic, size;
} LuCtxHead;

typedef struct LuFpsimdContext {
    LuCtxHead head;
    uint32_t fpsr, fpcr;
    uint64_t vregs[32][2];          /* __uint128_t, low half first */
} LuFpsimdContext;

_Static_assert(sizeof(LuStackT) == 24, "stack_t");
_Static_assert(offsetof(LuSigcontext, sp) == 256, "sigcontext.sp");
_Static_assert(offsetof(LuSigcontext, pstate) == 272, "sigcontext.pstate");
_Static_assert(offsetof(LuSigcontext, reserved) == 288, "sigcontext.__reserved");
_Static_assert(offsetof(LuUcontext, sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(LuUcontext, mcontext) == 176, "uc_mcontext");
_Static_assert(sizeof(LuUcontext) == 4560, "struct ucontext");
_Static_assert(offsetof(LuRtSigframe, uc) == 128, "rt_sigframe.uc");
_Static_assert(sizeof(LuRtSigframe) == 4688, "struct rt_sigframe");
_Static_assert(sizeof(LuRtSigframe) % 16 == 0, "frame keeps SP aligned");
_Static_assert(offsetof(LuFpsimdContext, vregs) == 16, "fpsimd_context.vregs");
_Static_assert(sizeof(LuFpsimdContext) == 528, "struct fpsimd_context");

/* PSTATE bits a user frame may not set: M[4:0] (EL0t, AArch64) and DAIF. */
#define LU_PSTATE_BAD   0x3dfu
#define LU_PSTATE_NZCV  0xf0000000u

/* ---- Restorer --------------------------------------------------------------- */

/* The trampoline lives in the hole above the initial stack, where no
 * non-fixed mmap goes: mapping it does not move any guest allocation. */
#define LU_SIGTRAMP_ADDR (LU_STACK_TOP + 0x10000)

bool lu_frame_map_tramp(LuProcess *p)
{
    static const uint32_t code[2] = {
        0xd2801168,     /* mov x8, #139 (rt_sigreturn) */
        0xd4000001,     /* svc #0 */
    };
    int64_t a = lu_mmap(&p->mem, LU_SIGTRAMP_ADDR, LU_PAGE_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (a < 0 || lu_copy_to_guest(&p->mem, (uint64_t)a, code, sizeof(code)) ||
        lu_mprotect(&p->mem, (uint64_t)a, LU_PAGE_SIZE, PROT_READ | PROT_EXEC))
        return false;
    p->sig_tramp = (uint64_t)a;
    return true;
}

/* ---- Building ------------------------------------------------------------------ */

/* Where the frame goes: below SP, or at the top of the alternate stack for
 * an SA_ONSTACK handler when the thread is not on it already. */
static uint64_t frame_top(const LuThread *t, const LuSigaction *ka, uint64_t sp)
{
    LuStackT st;
    lu_altstack_get(t, &st, sp);
    if ((ka->flags & LU_SA_ONSTACK) && (st.flags & ~(int32_t)SS_AUTODISARM) == 0)
        return st.sp + st.size;
    return sp;
}

static bool is_fault(const LuSiginfo *info)
{
    return info->code > 0 && info->code < LU_SI_KERNEL &&
           (info->signo == SIGSEGV || info->signo == SIGBUS);
}

static void fill_mcontext(const A64CPU *cpu, LuSigcontext *sc, const LuSiginfo *info)
{
    sc->fault_address = is_fault(info) ? info->addr : 0;
    memcpy(sc->regs, cpu->x, sizeof(sc->regs));
    sc->sp = cpu->sp;
    sc->pc = cpu->pc;
    sc->pstate = a64_get_nzcv(cpu);
    LuFpsimdContext fp = {
        .head = { LU_FPSIMD_MAGIC, sizeof(LuFpsimdContext) },
        .fpsr = (uint32_t)cpu->fpsr,
        .fpcr = (uint32_t)cpu->fpcr,
    };
    memcpy(fp.vregs, cpu->v, sizeof(fp.vregs));
    memcpy(sc->reserved, &fp, sizeof(fp));
    /* The terminator: the rest of __reserved is already zero. */
}

/* The frame being built or read back, 4.7 KiB: off the host stack, and
 * one per thread for both directions (they never nest), since the whole
 * static TLS block is written as each thread starts: a page more of it
 * is a page fault more for every tern process and thread. */
static __thread LuRtSigframe frame_scratch;

bool lu_frame_setup(LuThread *t, int sig, const LuSigaction *ka,
                    const LuSiginfo *info, uint64_t saved_mask)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    LuMem *m = &t->proc->mem;
    uint64_t restorer = ka->flags & LU_SA_RESTORER ? ka->restorer
                                                   : t->proc->sig_tramp;
    if (!(ka->flags & LU_SA_RESTORER) && !restorer)
        return false;
    uint64_t rec = (frame_top(t, ka, cpu->sp) - 16) & ~(uint64_t)15;
    uint64_t addr = rec - sizeof(LuRtSigframe);
    LuRtSigframe *const f = &frame_scratch;
    memset(f, 0, sizeof(*f));
    if (ka->flags & LU_SA_SIGINFO)
        f->info = *info;
    lu_altstack_get(t, &f->uc.stack, cpu->sp);
    f->uc.stack.flags = t->altstack_size ? (int32_t)t->altstack_flags : SS_DISABLE;
    f->uc.sigmask = saved_mask;
    fill_mcontext(cpu, &f->uc.mcontext, info);
    uint64_t record[2] = { cpu->x[29], cpu->x[30] };
    if (lu_copy_to_guest(m, addr, f, sizeof(*f)) ||
        lu_copy_to_guest(m, rec, record, sizeof(record)))
        return false;
    if (t->altstack_flags & SS_AUTODISARM) {
        t->altstack_sp = t->altstack_size = 0;
        t->altstack_flags = 0;
    }
    cpu->x[0] = (uint64_t)sig;
    if (ka->flags & LU_SA_SIGINFO) {
        cpu->x[1] = addr + offsetof(LuRtSigframe, info);
        cpu->x[2] = addr + offsetof(LuRtSigframe, uc);
    }
    cpu->x[29] = rec;
    cpu->x[30] = restorer;
    cpu->sp = addr;
    cpu->pc = ka->handler;
    return true;
}

/* ---- rt_sigreturn --------------------------------------------------------------- */

/* Walks the __reserved records; the fpsimd_context, or false. */
static bool find_fpsimd(const uint8_t *res, LuFpsimdContext *fp)
{
    bool found = false;
    for (size_t off = 0;;) {
        LuCtxHead h;
        if (LU_RESERVED - off < sizeof(h))
            return false;
        memcpy(&h, res + off, sizeof(h));
        if (h.magic == 0)
            return h.size == 0 && found;
        if (h.size < sizeof(h) || (h.size & 15) || h.size > LU_RESERVED - off)
            return false;
        switch (h.magic) {
        case LU_FPSIMD_MAGIC:
            if (found || h.size != sizeof(*fp))
                return false;
            memcpy(fp, res + off, sizeof(*fp));
            found = true;
            break;
        case LU_ESR_MAGIC:          /* informational: ignored */
            break;
        default:                    /* SVE, extra_context, ...: not ours */
            return false;
        }
        off += h.size;
    }
}

bool lu_frame_restore(LuThread *t)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    uint64_t addr = cpu->sp;
    LuRtSigframe *const f = &frame_scratch;
    LuFpsimdContext fp;
    if ((addr & 15) || lu_copy_from_guest(&t->proc->mem, f, addr, sizeof(*f)))
        return false;
    const LuSigcontext *sc = &f->uc.mcontext;
    if ((sc->pstate & LU_PSTATE_BAD) || !find_fpsimd(sc->reserved, &fp))
        return false;
    memcpy(cpu->x, sc->regs, sizeof(cpu->x));
    cpu->sp = sc->sp;
    cpu->pc = sc->pc;
    a64_set_nzcv(cpu, (uint32_t)sc->pstate & LU_PSTATE_NZCV);
    cpu->fpsr = fp.fpsr;
    cpu->fpcr = fp.fpcr;
    memcpy(cpu->v, fp.vregs, sizeof(cpu->v));
    /* The kernel squashes every error but EFAULT here. */
    lu_altstack_set(t, &f->uc.stack, cpu->sp);
    lu_signal_set_mask(t, f->uc.sigmask);
    return true;
}
