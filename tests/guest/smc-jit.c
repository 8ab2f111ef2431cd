/* Self-modifying and generated code, the way guest JITs do it: write
 * AArch64 code into memory, flush the caches, call it, rewrite it in
 * place, call again — the new code must run every time.  Covers RWX
 * mappings, W^X (RW, then mprotect RX), several functions sharing a page
 * (patching one leaves the others right), read() writing code, and
 * unmapping code and mapping different code at the same address.  Every
 * case loops, so the old translations are hot (and chained) when the code
 * changes.  tern detects the writes by write-protecting translated pages. */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define ROUNDS 300

typedef int (*fn_t)(void);

static int failures;

static void check(const char *what, int got, int want)
{
    if (got != want) {
        printf("FAIL %s: got %d, want %d\n", what, got, want);
        failures++;
    }
}

/* MOVZ W0, #imm16 */
static uint32_t movz_w0(unsigned imm)
{
    return 0x52800000u | (imm & 0xffff) << 5;
}

#define RET 0xd65f03c0u

/* Writes "return imm" at p and makes it visible to instruction fetch. */
static void emit_const_fn(uint32_t *p, unsigned imm)
{
    p[0] = movz_w0(imm);
    p[1] = RET;
    __builtin___clear_cache((char *)p, (char *)(p + 2));
}

/* Rewrites only the constant, as a JIT patching an immediate does. */
static void patch_const(uint32_t *p, unsigned imm)
{
    p[0] = movz_w0(imm);
    __builtin___clear_cache((char *)p, (char *)(p + 1));
}

static uint32_t *map_code(int prot)
{
    void *p = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    return p;
}

static void rwx_patch_in_place(void)
{
    uint32_t *code = map_code(PROT_READ | PROT_WRITE | PROT_EXEC);
    emit_const_fn(code, 1);
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int before = ((fn_t)code)();
        check("rwx before patch", before, i ? i * 7 : 1);
        patch_const(code, (unsigned)(i + 1) * 7);
        int after = ((fn_t)code)();
        check("rwx after patch", after, (i + 1) * 7);
        sum += after;
    }
    printf("rwx patch in place: sum %ld\n", sum);
    munmap(code, PAGE);
}

static void wx_toggle(void)
{
    uint32_t *code = map_code(PROT_READ | PROT_WRITE);
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        if (i)
            mprotect(code, PAGE, PROT_READ | PROT_WRITE);
        emit_const_fn(code, (unsigned)i * 3 + 2);
        mprotect(code, PAGE, PROT_READ | PROT_EXEC);
        int r = ((fn_t)code)();
        check("rw then rx", r, i * 3 + 2);
        sum += r;
    }
    printf("rw then mprotect rx: sum %ld\n", sum);
    munmap(code, PAGE);
}

/* Eight functions in one page; each round patches one of them. */
static void neighbours(void)
{
    uint32_t *code = map_code(PROT_READ | PROT_WRITE | PROT_EXEC);
    unsigned want[8];
    for (int f = 0; f < 8; f++) {
        want[f] = 100 + (unsigned)f;
        emit_const_fn(code + 16 * f, want[f]);
    }
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int f = i % 8;
        want[f] = (unsigned)(1000 + i);
        patch_const(code + 16 * f, want[f]);
        for (int g = 0; g < 8; g++) {
            int r = ((fn_t)(code + 16 * g))();
            check("neighbour", r, (int)want[g]);
            sum += r;
        }
    }
    printf("eight functions in one page: sum %ld\n", sum);
    munmap(code, PAGE);
}

/* The kernel writes the new code (read() from a pipe), not a store. */
static void read_into_code(void)
{
    uint32_t *code = map_code(PROT_READ | PROT_WRITE | PROT_EXEC);
    emit_const_fn(code, 5);
    int fds[2];
    if (pipe(fds))
        exit(2);
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        check("before read", ((fn_t)code)(), i ? 40 + i - 1 : 5);
        uint32_t insn = movz_w0((unsigned)(40 + i));
        if (write(fds[1], &insn, 4) != 4 || read(fds[0], code, 4) != 4)
            exit(2);
        __builtin___clear_cache((char *)code, (char *)(code + 1));
        int r = ((fn_t)code)();
        check("after read", r, 40 + i);
        sum += r;
    }
    printf("read() into code: sum %ld\n", sum);
    close(fds[0]);
    close(fds[1]);
    munmap(code, PAGE);
}

/* munmap, then different code at the same address: fresh anonymous
 * memory, and a file mapped MAP_FIXED over it. */
static void remap_same_address(void)
{
    uint32_t *code = map_code(PROT_READ | PROT_WRITE | PROT_EXEC);
    char path[] = "/tmp/smc-jit-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        exit(2);
    unlink(path);
    long sum = 0;
    for (int i = 0; i < ROUNDS / 3; i++) {
        emit_const_fn(code, (unsigned)i);
        check("first mapping", ((fn_t)code)(), i);
        munmap(code, PAGE);
        void *again = mmap(code, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        check("same address", again == code, 1);
        emit_const_fn(code, (unsigned)(500 + i));
        int r = ((fn_t)code)();
        check("after munmap+mmap", r, 500 + i);
        sum += r;

        uint32_t words[2] = { movz_w0((unsigned)(900 + i)), RET };
        if (pwrite(fd, words, sizeof(words), 0) != sizeof(words) || ftruncate(fd, PAGE))
            exit(2);
        again = mmap(code, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0);
        check("file over code", again == code, 1);
        r = ((fn_t)code)();
        check("file code", r, 900 + i);
        sum += r;
        mmap(code, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    }
    printf("unmap and map new code at the same address: sum %ld\n", sum);
    close(fd);
    munmap(code, PAGE);
}

/* A JIT that moves its code with mremap: the old address must not run the
 * old translation, the new one runs what is there. */
static void mremap_code(void)
{
    long sum = 0;
    for (int i = 0; i < 20; i++) {
        uint32_t *a = map_code(PROT_READ | PROT_WRITE | PROT_EXEC);
        emit_const_fn(a, (unsigned)(60 + i));
        check("before mremap", ((fn_t)a)(), 60 + i);
        uint32_t *b = mremap(a, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
        if (b == MAP_FAILED)
            exit(2);
        patch_const(b, (unsigned)(70 + i));
        int r = ((fn_t)b)();
        check("after mremap and patch", r, 70 + i);
        sum += r;
        munmap(b, 2 * PAGE);
    }
    printf("mremap of code: sum %ld\n", sum);
}

int main(void)
{
    rwx_patch_in_place();
    wx_toggle();
    neighbours();
    read_into_code();
    remap_same_address();
    mremap_code();
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures != 0;
}
