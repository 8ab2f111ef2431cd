/* linux-user/syscall-mem.c — the memory syscalls: brk, mmap, munmap,
 * mprotect, mremap, madvise, msync.  They act on the guest address space
 * (mmap.c), which keeps the page table and the host mappings in step.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <sys/mman.h>

#define MEM(t) (&(t)->proc->mem)

int64_t lu_sys_brk(LuThread *t, const uint64_t *a)
{
    return (int64_t)lu_brk(MEM(t), a[0]);
}

int64_t lu_sys_mmap(LuThread *t, const uint64_t *a)
{
    return lu_mmap(MEM(t), a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
}

int64_t lu_sys_munmap(LuThread *t, const uint64_t *a)
{
    return lu_munmap(MEM(t), a[0], a[1]);
}

int64_t lu_sys_mprotect(LuThread *t, const uint64_t *a)
{
    return lu_mprotect(MEM(t), a[0], a[1], (int)a[2]);
}

int64_t lu_sys_mremap(LuThread *t, const uint64_t *a)
{
    return lu_mremap(MEM(t), a[0], a[1], a[2], (int)a[3], a[4]);
}

int64_t lu_sys_madvise(LuThread *t, const uint64_t *a)
{
    return lu_madvise(MEM(t), a[0], a[1], (int)a[2]);
}

int64_t lu_sys_msync(LuThread *t, const uint64_t *a)
{
    if ((a[0] & ~LU_PAGE_MASK) || a[1] > LU_SPACE)
        return -EINVAL;
    uint64_t len = lu_page_up(a[1]);
    if (!lu_access_ok(MEM(t), a[0], len, 0))
        return -ENOMEM;
    return lu_host_ret(msync(lu_g2h(MEM(t), a[0]), len, (int)a[2]));
}
