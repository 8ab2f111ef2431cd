/* fcntl in full: F_DUPFD(_CLOEXEC), F_GETFD/F_SETFD, F_GETFL/F_SETFL with
 * the open flags that differ between arm64 and x86-64 (O_DIRECTORY,
 * O_NOFOLLOW, O_DIRECT, O_LARGEFILE), pipe sizes, record locks: classic
 * F_SETLK/F_GETLK and open-file-description locks (F_OFD_*), which
 * conflict between two opens in one process; memfd_create with seals and a
 * shared mmap of it, fallocate, preadv/pwritev, close_range. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void test_flags(const char *dir)
{
    int d = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    expect(d >= 0, "open O_DIRECTORY|O_NOFOLLOW");
    int fl = fcntl(d, F_GETFL);
    expect((fl & O_DIRECTORY) != 0, "F_GETFL keeps O_DIRECTORY");
    expect((fl & O_ACCMODE) == O_RDONLY, "F_GETFL access mode");
    char path[300];
    snprintf(path, sizeof(path), "%s/f", dir);
    int fd = open(path, O_CREAT | O_RDWR, 0600);
    expect(fd >= 0, "create file");
    expect(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0, "F_SETFL O_APPEND|O_NONBLOCK");
    fl = fcntl(fd, F_GETFL);
    expect((fl & (O_APPEND | O_NONBLOCK)) == (O_APPEND | O_NONBLOCK), "F_GETFL sees them");
    /* The kernel also reports O_LARGEFILE (0400000 on arm64) here, which
     * qemu-aarch64 7.2 drops; the unit tests check tern's translation. */
    expect(open(dir, O_WRONLY | O_DIRECTORY) == -1 && errno == EISDIR, "dir O_WRONLY: EISDIR");
    expect(open(path, O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR, "file O_DIRECTORY: ENOTDIR");
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    expect(hi >= 50 && (fcntl(hi, F_GETFD) & FD_CLOEXEC), "F_DUPFD_CLOEXEC >= 50");
    expect(fcntl(hi, F_SETFD, 0) == 0 && fcntl(hi, F_GETFD) == 0, "F_SETFD 0");
    int lo = fcntl(fd, F_DUPFD, 40);
    expect(lo >= 40 && fcntl(lo, F_GETFD) == 0, "F_DUPFD");
    expect(fcntl(fd, 9999) == -1 && errno == EINVAL, "unknown command: EINVAL");
    close(hi);
    close(lo);
    close(fd);
    close(d);
    int p[2];
    expect(pipe(p) == 0, "pipe");
    expect(fcntl(p[0], F_SETPIPE_SZ, 65536 * 2) >= 65536 * 2, "F_SETPIPE_SZ");
    expect(fcntl(p[0], F_GETPIPE_SZ) >= 65536 * 2, "F_GETPIPE_SZ");
    close(p[0]);
    close(p[1]);
}

static void test_locks(const char *dir)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/lock", dir);
    int a = open(path, O_CREAT | O_RDWR, 0600), b = open(path, O_RDWR);
    expect(a >= 0 && b >= 0, "two opens of one file");
    expect(ftruncate(a, 100) == 0, "size 100");
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
    expect(fcntl(a, F_SETLK, &lk) == 0, "F_SETLK write lock 10..29");
    struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    expect(fcntl(b, F_GETLK, &q) == 0 && q.l_type == F_UNLCK,
           "F_GETLK: own process never conflicts");
    lk.l_type = F_UNLCK;
    expect(fcntl(a, F_SETLK, &lk) == 0, "F_SETLK unlock");
    struct flock o = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 10 };
    expect(fcntl(a, F_OFD_SETLK, &o) == 0, "F_OFD_SETLK on first open");
    struct flock oq = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    expect(fcntl(b, F_OFD_GETLK, &oq) == 0, "F_OFD_GETLK on second open");
    expect(oq.l_type == F_WRLCK && oq.l_start == 50 && oq.l_len == 10 && oq.l_pid == -1,
           "conflict reported: WRLCK 50+10 pid -1");
    struct flock o2 = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 55, .l_len = 1 };
    expect(fcntl(b, F_OFD_SETLK, &o2) == -1 && (errno == EAGAIN || errno == EACCES),
           "conflicting F_OFD_SETLK: EAGAIN");
    o.l_type = F_UNLCK;
    expect(fcntl(a, F_OFD_SETLK, &o) == 0 && fcntl(b, F_OFD_SETLKW, &o2) == 0,
           "unlock, then F_OFD_SETLKW succeeds");
    struct flock bad = { .l_type = 77 };
    expect(fcntl(a, F_SETLK, &bad) == -1 && errno == EINVAL, "bad lock type: EINVAL");
    expect(fcntl(a, F_SETLK, (void *)8) == -1 && errno == EFAULT, "bad pointer: EFAULT");
    close(a);
    close(b);
}

static void test_memfd(void)
{
    int fd = memfd_create("tern-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    expect(fd >= 0, "memfd_create");
    expect(ftruncate(fd, 8192) == 0, "ftruncate memfd");
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    expect(m != MAP_FAILED, "mmap memfd shared");
    strcpy(m + 4096, "written through the mapping");
    char buf[32] = "";
    expect(pread(fd, buf, 27, 4096) == 27 && !strcmp(buf, "written through the mapping"),
           "pread sees the mapping's write");
    expect(pwrite(fd, "back", 4, 0) == 4 && !memcmp(m, "back", 4), "mapping sees pwrite");
    expect(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW) == 0, "F_ADD_SEALS");
    expect(fcntl(fd, F_GET_SEALS) == (F_SEAL_SHRINK | F_SEAL_GROW), "F_GET_SEALS");
    expect(ftruncate(fd, 100) == -1 && errno == EPERM, "sealed: shrink fails EPERM");
    munmap(m, 8192);
    struct stat st;
    expect(fstat(fd, &st) == 0 && st.st_size == 8192, "fstat memfd size");
    close(fd);
    expect(memfd_create("x", 0x1000) == -1 && errno == EINVAL, "memfd bad flags: EINVAL");
}

static void test_vectors(const char *dir)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/vec", dir);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    struct iovec w[2] = { { "hello ", 6 }, { "world", 5 } };
    expect(pwritev(fd, w, 2, 100) == 11, "pwritev at 100");
    char a[6], b[5];
    struct iovec r[2] = { { a, 6 }, { b, 5 } };
    expect(preadv(fd, r, 2, 100) == 11 && !memcmp(a, "hello ", 6) && !memcmp(b, "world", 5),
           "preadv at 100");
    expect(preadv2(fd, r, 2, 100, 0) == 11, "preadv2");
    expect(pwritev2(fd, w, 1, -1, 0) == 6, "pwritev2 at current offset");
    expect(lseek(fd, 0, SEEK_CUR) == 6, "pwritev2 -1 moved the offset");
    int fa = fallocate(fd, 0, 0, 1 << 20);
    struct stat st;
    expect(fa == 0 ? (fstat(fd, &st) == 0 && st.st_size == 1 << 20) : errno == EOPNOTSUPP,
           "fallocate 1 MiB");
    expect(sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) == 0, "sync_file_range");
    expect(readahead(fd, 0, 4096) == 0, "readahead");
    close(fd);
}

static void test_close_range(void)
{
    int base = open("/dev/null", O_RDONLY);
    for (int i = 0; i < 4; i++)
        expect(dup2(base, 60 + i) == 60 + i, "dup2 to 60+i");
    long r = syscall(SYS_close_range, 61, 62, 0);
    expect(r == 0, "close_range 61..62");
    expect(fcntl(60, F_GETFD) == 0 && fcntl(61, F_GETFD) == -1 && fcntl(62, F_GETFD) == -1 &&
           fcntl(63, F_GETFD) == 0, "only 61 and 62 closed");
    expect(syscall(SYS_close_range, 60, 63, 4 /* CLOSE_RANGE_CLOEXEC */) == 0 &&
           fcntl(63, F_GETFD) == FD_CLOEXEC, "CLOSE_RANGE_CLOEXEC");
    expect(syscall(SYS_close_range, 9, 8, 0) == -1 && errno == EINVAL, "first > last: EINVAL");
    close(60);
    close(63);
    close(base);
}

int main(void)
{
    char dir[200];
    snprintf(dir, sizeof(dir), "%s/fcntlXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 2;
    test_flags(dir);
    test_locks(dir);
    test_memfd();
    test_vectors(dir);
    test_close_range();
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "%s/f", dir);
    unlink(cmd);
    snprintf(cmd, sizeof(cmd), "%s/lock", dir);
    unlink(cmd);
    snprintf(cmd, sizeof(cmd), "%s/vec", dir);
    unlink(cmd);
    rmdir(dir);
    printf("failures: %d\n", failures);
    return failures != 0;
}
