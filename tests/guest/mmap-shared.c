/* MAP_SHARED really shares: file mappings with read()/pwrite() and with a
 * second mapping of the file, private mappings copying on write, msync's
 * flags and errors, mremap of shared mappings (growing, moving, and the
 * old_len 0 alias), MAP_SHARED_VALIDATE, and what MADV_DONTNEED does to
 * private anonymous (zero), shared anonymous (kept) and private file
 * (the file again) pages.
 * QEMU-DEVIATION: qemu-aarch64 7.2 fails mremap with old_len 0 (ENOMEM)
 * where Linux makes a second mapping of a shared mapping, so the expected
 * output is Linux's, written by hand. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

static void show(const char *what, int ok)
{
    printf("%-44s %s\n", what, ok ? "ok" : "FAILED");
}

static int temp_file(size_t size)
{
    char path[] = "/tmp/mmap-shared-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, (off_t)size)) {
        perror("temp file");
        exit(2);
    }
    unlink(path);
    return fd;
}

static void file_sharing(void)
{
    int fd = temp_file(3 * PAGE);
    char *a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *b = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    show("three mappings of one file", a != MAP_FAILED && b != MAP_FAILED && p != MAP_FAILED);
    strcpy(a + PAGE + 10, "through the mapping");
    char buf[32] = { 0 };
    show("read() sees a store", pread(fd, buf, 19, PAGE + 10) == 19 &&
                                strcmp(buf, "through the mapping") == 0);
    show("second shared mapping sees it", strcmp(b + PAGE + 10, "through the mapping") == 0);
    show("pwrite() shows in both", pwrite(fd, "by pwrite", 10, 2 * PAGE) == 10 &&
                                   strcmp(a + 2 * PAGE, "by pwrite") == 0 &&
                                   strcmp(b + 2 * PAGE, "by pwrite") == 0);
    strcpy(p + 2 * PAGE, "private copy");
    show("private store stays private", strcmp(a + 2 * PAGE, "by pwrite") == 0 &&
                                        pread(fd, buf, 10, 2 * PAGE) == 10 &&
                                        strcmp(buf, "by pwrite") == 0);

    show("msync MS_SYNC", msync(a, 3 * PAGE, MS_SYNC) == 0);
    show("msync MS_ASYNC", msync(a, PAGE, MS_ASYNC) == 0);
    show("msync MS_INVALIDATE", msync(a, PAGE, MS_INVALIDATE) == 0);
    show("msync length 0", msync(a, 0, MS_SYNC) == 0);
    errno = 0;
    show("msync SYNC|ASYNC: EINVAL", msync(a, PAGE, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL);
    errno = 0;
    show("msync bad flag: EINVAL", msync(a, PAGE, 64) == -1 && errno == EINVAL);
    errno = 0;
    show("msync unaligned: EINVAL", msync(a + 1, PAGE, MS_SYNC) == -1 && errno == EINVAL);

    /* Grow the file and the shared mapping with it; the data stays shared. */
    show("ftruncate to 5 pages", ftruncate(fd, 5 * PAGE) == 0);
    char *g = mremap(a, 3 * PAGE, 5 * PAGE, MREMAP_MAYMOVE);
    show("mremap grows a shared mapping", g != MAP_FAILED &&
                                          strcmp(g + PAGE + 10, "through the mapping") == 0);
    strcpy(g + 4 * PAGE, "grown part");
    show("grown part reaches the file", pread(fd, buf, 11, 4 * PAGE) == 11 &&
                                        strcmp(buf, "grown part") == 0);
    munmap(g, 5 * PAGE);
    munmap(b, 3 * PAGE);
    munmap(p, 3 * PAGE);
    close(fd);
}

static void msync_errors(void)
{
    char *a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(a + PAGE, PAGE);
    errno = 0;
    show("msync over a hole: ENOMEM", msync(a, 2 * PAGE, MS_SYNC) == -1 && errno == ENOMEM);
    show("msync of anonymous memory", msync(a, PAGE, MS_SYNC) == 0);
    munmap(a, PAGE);
}

static void anonymous_shared(void)
{
    char *a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    show("shared anonymous", a != MAP_FAILED);
    char *alias = mremap(a, 0, 2 * PAGE, MREMAP_MAYMOVE);
    show("mremap old_len 0 makes an alias", alias != MAP_FAILED && alias != a);
    strcpy(a + PAGE, "seen twice");
    show("alias sees stores", strcmp(alias + PAGE, "seen twice") == 0);
    char *moved = mremap(alias, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + 64 * PAGE);
    show("moved alias still shared", moved == a + 64 * PAGE &&
                                     (strcpy(moved, "from moved"), strcmp(a, "from moved") == 0));
    show("MADV_DONTNEED keeps shared data", madvise(a, 2 * PAGE, MADV_DONTNEED) == 0 &&
                                            strcmp(a + PAGE, "seen twice") == 0);
    char *priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    show("private can't be aliased: EINVAL", mremap(priv, 0, PAGE, MREMAP_MAYMOVE) == MAP_FAILED &&
                                             errno == EINVAL);
    memset(priv, 0x5a, PAGE);
    show("MADV_DONTNEED zeroes private anon", madvise(priv, PAGE, MADV_DONTNEED) == 0 &&
                                              priv[0] == 0 && priv[PAGE - 1] == 0);
    munmap(priv, PAGE);
    munmap(moved, 2 * PAGE);
    munmap(a, 2 * PAGE);
}

static void private_file_dontneed(void)
{
    int fd = temp_file(PAGE);
    pwrite(fd, "file text", 10, 0);
    char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    strcpy(p, "changed!!");
    show("MADV_DONTNEED: private file page again",
         madvise(p, PAGE, MADV_DONTNEED) == 0 && strcmp(p, "file text") == 0);
    munmap(p, PAGE);

    errno = 0;
    void *v = mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | 0x40, fd, 0);
    show("MAP_SHARED_VALIDATE unknown flag: EOPNOTSUPP", v == MAP_FAILED && errno == EOPNOTSUPP);
    v = mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
    show("MAP_SHARED_VALIDATE", v != MAP_FAILED && strcmp(v, "file text") == 0);
    munmap(v, PAGE);
    close(fd);
}

int main(void)
{
    file_sharing();
    msync_errors();
    anonymous_shared();
    private_file_dontneed();
    return 0;
}
