/* linux-user/rseq.c — restartable sequences (rseq(2)), as kernel/rseq.c.
 *
 * A thread registers a struct rseq in its own memory; tern keeps its
 * cpu_id_start, cpu_id, node_id and mm_cid true for the CPU the thread
 * holds (cpus.c: unique among running threads of the process, one of the
 * CPUs the guest sees; mm_cid is the slot index, so compact as Linux's).
 * node_id is 0: the guest sees one NUMA node.
 *
 * Critical sections.  rseq_cs points at a struct rseq_cs; when the thread
 * is interrupted with its pc in [start_ip, start_ip + post_commit_offset),
 * the pc becomes abort_ip (after checking the signature word at
 * abort_ip - 4) and rseq_cs is cleared.  The kernel does that on signal
 * delivery, preemption and migration.  tern does it
 *   - on signal delivery, before the frame is built (signal.c), and
 *   - when the thread got its CPU back in cpus.c's slow path: it was
 *     preempted (asked to yield) or its CPU was taken while it was in a
 *     syscall, so another thread may have run on that CPU's data.
 * A thread that keeps its CPU is never preempted in that sense: nobody
 * else runs on its CPU number while it holds it, so no abort is needed.
 * A malformed descriptor (bad range, version, flags, signature) is a
 * SIGSEGV, as the kernel's force_sigsegv.
 *
 * Registration is per thread: clone starts a thread without one, fork's
 * child keeps the parent's (the same address in its copy of memory), and
 * execve starts a new tern without one.  exit needs no unregistering: the
 * area is not written after the thread is gone.
 *
 * tern advertises AT_RSEQ_FEATURE_SIZE = 28 (up to mm_cid) and
 * AT_RSEQ_ALIGN = 32 (elfload.c); rseq_len is 32 or at least 28.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "frontend/aarch64/a64.h"

#define MEM(t) (&(t)->proc->mem)

/* The guest's struct rseq (uapi/linux/rseq.h), 32-byte aligned. */
typedef struct LuRseq {
    uint32_t cpu_id_start, cpu_id;
    uint64_t rseq_cs;
    uint32_t flags, node_id, mm_cid;
} LuRseq;
_Static_assert(offsetof(LuRseq, rseq_cs) == 8 && offsetof(LuRseq, mm_cid) == 24,
               "struct rseq layout");
_Static_assert(LU_RSEQ_FEATURE_SIZE == offsetof(LuRseq, mm_cid) + 4,
               "feature size: the fields tern keeps");

/* struct rseq_cs. */
typedef struct LuRseqCs {
    uint32_t version, flags;
    uint64_t start_ip, post_commit_offset, abort_ip;
} LuRseqCs;
_Static_assert(sizeof(LuRseqCs) == 32, "struct rseq_cs layout");

#define LU_RSEQ_ORIG_SIZE       32
#define LU_RSEQ_FLAG_UNREGISTER 1
#define LU_RSEQ_CPU_ID_UNINIT   ((uint32_t)-1)

/* ---- The area ------------------------------------------------------------- */

/* Writes the current CPU into the registered area; false on a fault. */
static bool rseq_update(LuThread *t)
{
    uint32_t cpu = t->cpu_id, node = 0, cid = (uint32_t)(t->cpu_slot < 0 ? 0 : t->cpu_slot);
    uint64_t a = t->rseq_addr;
    return !lu_copy_to_guest(MEM(t), a + offsetof(LuRseq, cpu_id_start), &cpu, 4) &&
           !lu_copy_to_guest(MEM(t), a + offsetof(LuRseq, cpu_id), &cpu, 4) &&
           !lu_copy_to_guest(MEM(t), a + offsetof(LuRseq, node_id), &node, 4) &&
           !lu_copy_to_guest(MEM(t), a + offsetof(LuRseq, mm_cid), &cid, 4);
}

/* rseq_get_rseq_cs: the descriptor, all zero when rseq_cs is 0; false for
 * a fault or a malformed one. */
static bool rseq_get_cs(LuThread *t, LuRseqCs *cs)
{
    uint64_t ptr;
    memset(cs, 0, sizeof(*cs));
    if (lu_copy_from_guest(MEM(t), &ptr, t->rseq_addr + offsetof(LuRseq, rseq_cs), 8))
        return false;
    if (!ptr)
        return true;
    if (ptr >= LU_SPACE || lu_copy_from_guest(MEM(t), cs, ptr, sizeof(*cs)))
        return false;
    if (cs->start_ip >= LU_SPACE || cs->start_ip + cs->post_commit_offset >= LU_SPACE ||
        cs->abort_ip >= LU_SPACE || cs->version > 0 ||
        cs->start_ip + cs->post_commit_offset < cs->start_ip ||
        cs->abort_ip - cs->start_ip < cs->post_commit_offset)
        return false;
    uint32_t sig;
    return !lu_copy_from_guest(MEM(t), &sig, cs->abort_ip - 4, 4) && sig == t->rseq_sig;
}

static bool rseq_clear_cs(LuThread *t)
{
    uint64_t zero = 0;
    return !lu_copy_to_guest(MEM(t), t->rseq_addr + offsetof(LuRseq, rseq_cs), &zero, 8);
}

/* rseq_ip_fixup: moves the pc to abort_ip when it is inside the critical
 * section; false for an error (the caller raises SIGSEGV). */
static bool rseq_ip_fixup(LuThread *t)
{
    A64CPU *cpu = (A64CPU *)t->cpu;
    LuRseqCs cs;
    if (!rseq_get_cs(t, &cs))
        return false;
    if (cpu->pc - cs.start_ip >= cs.post_commit_offset)
        return rseq_clear_cs(t);
    /* Non-zero flags in the descriptor or the area are the deprecated
     * no-restart flags or unknown ones: the kernel refuses both. */
    uint32_t flags;
    if (cs.flags || lu_copy_from_guest(MEM(t), &flags, t->rseq_addr + offsetof(LuRseq, flags), 4) ||
        flags)
        return false;
    if (!rseq_clear_cs(t))
        return false;
    cpu->pc = cs.abort_ip;
    return true;
}

bool lu_rseq_notify(LuThread *t, bool interrupted)
{
    if (!t->rseq_addr)
        return true;
    if (interrupted && !rseq_ip_fixup(t))
        return false;
    return rseq_update(t);
}

/* ---- The syscall ---------------------------------------------------------- */

static int64_t rseq_unregister(LuThread *t, uint64_t addr, uint32_t len, uint32_t sig)
{
    if (!t->rseq_addr || t->rseq_addr != addr || len != t->rseq_len)
        return -EINVAL;
    if (sig != t->rseq_sig)
        return -EPERM;
    LuRseq reset = { .cpu_id_start = 0, .cpu_id = LU_RSEQ_CPU_ID_UNINIT };
    if (lu_copy_to_guest(MEM(t), addr, &reset.cpu_id_start, 8) ||
        lu_copy_to_guest(MEM(t), addr + offsetof(LuRseq, node_id), &reset.node_id, 8))
        return -EFAULT;
    t->rseq_addr = 0;
    t->rseq_len = t->rseq_sig = 0;
    return 0;
}

/* rseq(struct rseq *rseq, u32 rseq_len, int flags, u32 sig). */
int64_t lu_sys_rseq(LuThread *t, const uint64_t *a)
{
    uint64_t addr = a[0];
    uint32_t len = (uint32_t)a[1], sig = (uint32_t)a[3];
    int flags = (int)a[2];
    if (flags & LU_RSEQ_FLAG_UNREGISTER) {
        if (flags & ~LU_RSEQ_FLAG_UNREGISTER)
            return -EINVAL;
        return rseq_unregister(t, addr, len, sig);
    }
    if (flags)
        return -EINVAL;
    if (t->rseq_addr) {
        if (t->rseq_addr != addr || len != t->rseq_len)
            return -EINVAL;
        return sig != t->rseq_sig ? -EPERM : -EBUSY;
    }
    if (len < LU_RSEQ_ORIG_SIZE ? true
        : len == LU_RSEQ_ORIG_SIZE ? addr % LU_RSEQ_ORIG_SIZE != 0
        : addr % LU_RSEQ_ALIGN != 0 || len < LU_RSEQ_FEATURE_SIZE)
        return -EINVAL;
    if (addr >= LU_SPACE || len > LU_SPACE - addr)
        return -EFAULT;             /* access_ok: the range, not the mapping */
    t->rseq_addr = addr;
    t->rseq_len = len;
    t->rseq_sig = sig;
    /* The kernel writes the area on the way back to user space and sends
     * SIGSEGV when it cannot; the call itself has succeeded. */
    if (!rseq_update(t)) {
        LuSiginfo info = { .signo = SIGSEGV, .code = LU_SI_KERNEL };
        if (!lu_signal_force(t, &info))
            lu_die_by_signal(t, SIGSEGV);
    }
    return 0;
}
