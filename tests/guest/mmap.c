/* Memory-management system calls: anonymous and file-backed mmap,
 * MAP_FIXED over an existing mapping, mprotect to read-write, mremap
 * growth, munmap, brk/sbrk growth, and a large allocation touched page by
 * page.  Output is addresses-free. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void show(const char *what, int ok)
{
    printf("%-36s %s\n", what, ok ? "ok" : "FAILED");
}

static void anonymous(void)
{
    size_t len = 64 * 4096;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("mmap anonymous", p != MAP_FAILED);
    int zero = 1;
    for (size_t i = 0; i < len; i += 4096)
        zero &= p[i] == 0;
    show("anonymous pages are zero", zero);
    for (size_t i = 0; i < len; i++)
        p[i] = (unsigned char)(i * 3);
    unsigned char *q = mmap(p + 8 * 4096, 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("MAP_FIXED replaces a page", q == p + 8 * 4096 && q[0] == 0 && p[8 * 4096 - 1] ==
         (unsigned char)((8 * 4096 - 1) * 3));
    show("mprotect read-only", mprotect(p, 4096, PROT_READ) == 0 && p[1] == 3);
    show("mprotect read-write", mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0);
    p[0] = 77;
    unsigned char *r = mremap(p, len, 4 * len, MREMAP_MAYMOVE);
    show("mremap grow keeps data", r != MAP_FAILED && r[0] == 77 && r[len - 1] ==
         (unsigned char)((len - 1) * 3) && r[2 * len] == 0);
    show("munmap", munmap(r, 4 * len) == 0);
}

static void file_backed(void)
{
    char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof(path), "%s/mmap-test-file", dir ? dir : "/tmp");
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    char text[8192];
    for (int i = 0; i < 8192; i++)
        text[i] = (char)('a' + i % 26);
    show("write file", write(fd, text, sizeof(text)) == (ssize_t)sizeof(text));
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    show("mmap file shared", m != MAP_FAILED && memcmp(m, text, 8192) == 0);
    memcpy(m + 4096, "HELLO", 5);
    show("msync", msync(m, 8192, MS_SYNC) == 0);
    char back[5];
    show("pread sees shared write", pread(fd, back, 5, 4096) == 5 && memcmp(back, "HELLO", 5) == 0);
    char *o = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    show("mmap with offset", o != MAP_FAILED && memcmp(o, "HELLO", 5) == 0);
    munmap(o, 4096);
    munmap(m, 8192);
    close(fd);
    unlink(path);
}

static void heap(void)
{
    void *start = sbrk(0);
    show("sbrk(0)", start != (void *)-1);
    char *grown = sbrk(1 << 20);
    show("sbrk grow 1 MiB", grown != (void *)-1);
    memset(grown, 0x5a, 1 << 20);
    show("brk memory usable", grown[(1 << 20) - 1] == 0x5a);
    show("sbrk shrink", sbrk(-(1 << 20)) != (void *)-1 && sbrk(0) == start);
    size_t big = 64u << 20;
    unsigned char *b = malloc(big);
    long sum = 0;
    for (size_t i = 0; i < big; i += 4096) {
        b[i] = (unsigned char)(i >> 12);
        sum += b[i];
    }
    printf("64 MiB touched, sum %ld\n", sum);
    free(b);
}

int main(void)
{
    anonymous();
    file_backed();
    heap();
    return 0;
}
