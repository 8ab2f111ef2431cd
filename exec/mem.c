/* exec/mem.c — anonymous memory committed in bulk, for exec's tables.
 *
 * The TB hash, the code-address map and the jump caches are written all
 * over soon after they are allocated (a rehash fills every page of the new
 * table; lookups hit the jump cache at random).  From calloc they would
 * take one page fault per 4 KiB page, and a fault costs ~15 us of CPU on
 * the virtual machines tern is measured on, against ~3 us a page when the
 * kernel commits a whole range in one call (MAP_POPULATE,
 * MADV_POPULATE_WRITE).  These functions do the latter.  Failure to
 * commit is harmless (the pages then fault in one by one); failure to map
 * returns NULL.
 *
 * The code buffer and the TB arena are committed ahead of their bump
 * pointers in steps that double from 64 KiB (exec_populate_step): a
 * hello-world's 100 KiB of code should not commit megabytes, a python
 * start-up's 5 MiB should not take a hundred calls.  Both use small pages
 * for their first 2 MiB and transparent huge pages beyond: a huge page
 * costs a 2 MiB clear on first touch (and, with THP defrag on madvise,
 * possibly a synchronous compaction), which a short run does not repay.
 */
#define _GNU_SOURCE
#include "exec/exec-internal.h"

#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static size_t exec_mem_round(size_t bytes)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t p = page > 0 ? (size_t)page : 4096;
    return (bytes + p - 1) & ~(p - 1);
}

void *exec_map_populated(size_t bytes)
{
    void *p = mmap(NULL, exec_mem_round(bytes), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

size_t exec_populate_step(size_t populated, size_t max_step)
{
    size_t step = EXEC_POPULATE_MIN;
    while (step < max_step && step < populated)
        step <<= 1;
    return step;
}

void exec_unmap(void *p, size_t bytes)
{
    if (p)
        munmap(p, exec_mem_round(bytes));
}
