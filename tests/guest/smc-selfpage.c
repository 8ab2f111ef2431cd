/* Self-modifying code that patches its own page: a function copied into an
 * RWX page stores a new MOVZ into an instruction further down the same
 * page (the very block being executed), does the architected cache
 * maintenance (DC CVAU, DSB, IC IVAU, DSB, ISB) and runs it.  Done many
 * times, with the patched instruction both in the block that stores and,
 * for the second function, in a block it branches to. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*patcher_t)(unsigned imm);

/* w0 = imm: builds MOVZ W0, #imm, stores it at 1f, syncs, falls into it. */
extern const uint32_t selfpatch_start[], selfpatch_end[];
__asm__(".pushsection .rodata\n"
        ".balign 4\n"
        ".global selfpatch_start\n"
        "selfpatch_start:\n"
        "    lsl  w1, w0, #5\n"
        "    movz w3, #0x5280, lsl #16\n"
        "    orr  w1, w1, w3\n"
        "    adr  x2, 1f\n"
        "    str  w1, [x2]\n"
        "    dc   cvau, x2\n"
        "    dsb  ish\n"
        "    ic   ivau, x2\n"
        "    dsb  ish\n"
        "    isb\n"
        "1:  movz w0, #0\n"
        "    ret\n"
        ".global selfpatch_end\n"
        "selfpatch_end:\n"
        ".popsection\n");

/* The same, but the patched instruction sits after a branch, in a block
 * that was translated (and chained to) on the previous call. */
extern const uint32_t farpatch_start[], farpatch_end[];
__asm__(".pushsection .rodata\n"
        ".balign 4\n"
        ".global farpatch_start\n"
        "farpatch_start:\n"
        "    lsl  w1, w0, #5\n"
        "    movz w3, #0x5280, lsl #16\n"
        "    orr  w1, w1, w3\n"
        "    adr  x2, 2f\n"
        "    str  w1, [x2]\n"
        "    dc   cvau, x2\n"
        "    dsb  ish\n"
        "    ic   ivau, x2\n"
        "    dsb  ish\n"
        "    isb\n"
        "    b    3f\n"
        "    .balign 64\n"
        "3:  nop\n"
        "2:  movz w0, #0\n"
        "    ret\n"
        ".global farpatch_end\n"
        "farpatch_end:\n"
        ".popsection\n");

static int run(const char *name, const uint32_t *start, const uint32_t *end,
               char *page)
{
    memcpy(page, start, (size_t)((const char *)end - (const char *)start));
    __builtin___clear_cache(page, page + 4096);
    patcher_t f = (patcher_t)(void *)page;
    long sum = 0;
    int bad = 0;
    for (unsigned i = 1; i <= 500; i++) {
        int r = f(i * 13 & 0xffff);
        if (r != (int)(i * 13 & 0xffff))
            bad++;
        sum += r;
    }
    printf("%s: sum %ld, %d wrong\n", name, sum, bad);
    return bad;
}

int main(void)
{
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 2;
    int bad = run("patch ahead in the same block", selfpatch_start, selfpatch_end, page);
    bad += run("patch a chained block", farpatch_start, farpatch_end, page);
    return bad != 0;
}
