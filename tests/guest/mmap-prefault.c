/* Memory tern commits ahead (linux-user/prefault.c) must look exactly like
 * memory faulted in: anonymous mappings and brk growth read as zero, also
 * where a previous mapping was dropped or brk shrank and grew back; a
 * private writable file mapping (as a library's data segment) holds the
 * file's bytes and keeps its stores away from the file and from a shared
 * mapping of it; the same holds across many map/unmap rounds, past the
 * commit budget.  Loops, so that the translated code is chained. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

/* By 8-byte words (n is a multiple of 8): 70 MiB byte by byte at -O0
 * took minutes on the interpreter of an ASan build. */
static int all_zero(const unsigned char *p, size_t n)
{
    const uint64_t *w = (const uint64_t *)p;
    for (size_t i = 0; i < n / 8; i++)
        if (w[i])
            return 0;
    return 1;
}

static void show(const char *what, int ok)
{
    printf("%-44s %s\n", what, ok ? "ok" : "FAILED");
}

static int anon_rounds(void)
{
    int ok = 1;
    /* 140 rounds of 512 KiB: 70 MiB, past the 64 MiB budget. */
    for (int r = 0; r < 140; r++) {
        size_t len = 512 << 10;
        unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return 0;
        ok &= all_zero(p, len);
        memset(p, r + 1, len);
        ok &= p[len - 1] == (unsigned char)(r + 1);
        munmap(p, len);
    }
    return ok;
}

static int brk_rounds(void)
{
    int ok = 1;
    unsigned char *base = sbrk(0);
    for (int r = 0; r < 20; r++) {
        if (sbrk(64 * PAGE) == (void *)-1)
            return 0;
        ok &= all_zero(base, 64 * PAGE);
        memset(base, 0xa5, 64 * PAGE);
        if (sbrk(-64 * PAGE) == (void *)-1)
            return 0;
    }
    return ok;
}

static int file_private(void)
{
    char path[] = "/tmp/mmap-prefault-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    unlink(path);
    static unsigned char bytes[8 * PAGE];
    for (size_t i = 0; i < sizeof(bytes); i++)
        bytes[i] = (unsigned char)(i * 7 + 3);
    if (write(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes))
        return 0;
    unsigned char *priv = mmap(NULL, sizeof(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    unsigned char *shared = mmap(NULL, sizeof(bytes), PROT_READ, MAP_SHARED, fd, 0);
    if (priv == MAP_FAILED || shared == MAP_FAILED)
        return 0;
    int ok = memcmp(priv, bytes, sizeof(bytes)) == 0;
    for (int r = 0; r < 16; r++)
        memset(priv + (size_t)(r % 8) * PAGE, r, PAGE);
    ok &= memcmp(shared, bytes, sizeof(bytes)) == 0;
    unsigned char back[8 * PAGE];
    ok &= pread(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back);
    ok &= memcmp(back, bytes, sizeof(bytes)) == 0;
    close(fd);
    return ok;
}

int main(void)
{
    show("anonymous mappings read as zero", anon_rounds());
    show("brk growth reads as zero after shrinking", brk_rounds());
    show("private file mapping: file bytes, own copy", file_private());
    return 0;
}
