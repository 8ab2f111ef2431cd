/* Moving data between descriptors inside the kernel: splice between a file
 * and pipes (with and without offsets), tee duplicating a pipe, vmsplice
 * from guest memory into a pipe and back, copy_file_range, sendfile; and
 * extended attributes (set/get/list/remove, path, l- and f- forms), which
 * the temp file system may not support: ENOTSUP is reported as such. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void test_splice(const char *src, const char *dst)
{
    int in = open(src, O_CREAT | O_RDWR | O_TRUNC, 0600);
    char text[1000];
    for (int i = 0; i < 1000; i++)
        text[i] = (char)('a' + i % 26);
    expect(write(in, text, 1000) == 1000, "write source");
    int p[2], q[2];
    expect(pipe(p) == 0 && pipe(q) == 0, "two pipes");
    loff_t off = 100;
    expect(splice(in, &off, p[1], NULL, 300, 0) == 300 && off == 400,
           "splice file@100 -> pipe, offset updated");
    expect(tee(p[0], q[1], 300, 0) == 300, "tee pipe -> pipe");
    char a[300], b[300];
    expect(read(q[0], b, 300) == 300 && !memcmp(b, text + 100, 300), "tee copy is right");
    int out = open(dst, O_CREAT | O_RDWR | O_TRUNC, 0600);
    expect(splice(p[0], NULL, out, NULL, 300, SPLICE_F_MOVE) == 300, "splice pipe -> file");
    expect(pread(out, a, 300, 0) == 300 && !memcmp(a, text + 100, 300), "file got the bytes");
    char msg1[] = "vmsplice ", msg2[] = "from memory";
    struct iovec iov[2] = { { msg1, 9 }, { msg2, 11 } };
    expect(vmsplice(p[1], iov, 2, 0) == 20, "vmsplice memory -> pipe");
    char back[20];
    struct iovec riov = { back, 20 };
    expect(vmsplice(p[0], &riov, 1, 0) == 20 && !memcmp(back, "vmsplice from memory", 20),
           "vmsplice pipe -> memory");
    loff_t ioff = 0, ooff = 500;
    expect(copy_file_range(in, &ioff, out, &ooff, 1000, 0) == 1000 && ioff == 1000 &&
           ooff == 1500, "copy_file_range with offsets");
    char c[1000];
    expect(pread(out, c, 1000, 500) == 1000 && !memcmp(c, text, 1000), "copied bytes match");
    off_t so = 990;
    expect(lseek(q[1], 0, SEEK_CUR) == -1, "pipe not seekable");
    expect(sendfile(q[1], in, &so, 100) == 10 && so == 1000, "sendfile to end of file");
    expect(read(q[0], c, 10) == 10 && !memcmp(c, text + 990, 10), "sendfile bytes");
    expect(splice(in, NULL, out, NULL, 10, 0) == -1 && errno == EINVAL,
           "splice file -> file: EINVAL");
    close(in);
    close(out);
    for (int i = 0; i < 2; i++) {
        close(p[i]);
        close(q[i]);
    }
}

static void test_xattr(const char *path)
{
    int r = setxattr(path, "user.tern", "value-1", 7, XATTR_CREATE);
    if (r != 0 && (errno == ENOTSUP || errno == EPERM)) {
        printf("%-44s %s\n", "xattrs unsupported here", "ok");
        return;
    }
    expect(r == 0, "setxattr user.tern");
    expect(setxattr(path, "user.tern", "x", 1, XATTR_CREATE) == -1 && errno == EEXIST,
           "XATTR_CREATE again: EEXIST");
    char buf[64] = "";
    expect(getxattr(path, "user.tern", NULL, 0) == 7, "getxattr size query");
    expect(getxattr(path, "user.tern", buf, sizeof(buf)) == 7 && !memcmp(buf, "value-1", 7),
           "getxattr value");
    expect(getxattr(path, "user.tern", buf, 3) == -1 && errno == ERANGE, "small buffer: ERANGE");
    expect(lsetxattr(path, "user.two", "2", 1, 0) == 0, "lsetxattr");
    int fd = open(path, O_RDWR);
    expect(fsetxattr(fd, "user.three", "333", 3, 0) == 0, "fsetxattr");
    expect(fgetxattr(fd, "user.two", buf, sizeof(buf)) == 1 && buf[0] == '2', "fgetxattr");
    char list[256];
    ssize_t n = listxattr(path, list, sizeof(list));
    int names = 0;
    for (ssize_t i = 0; i < n; i += (ssize_t)strlen(list + i) + 1)
        names += !strncmp(list + i, "user.", 5);
    expect(n > 0 && names == 3, "listxattr: three user.* names");
    expect(llistxattr(path, NULL, 0) == n && flistxattr(fd, list, sizeof(list)) == n,
           "llistxattr / flistxattr sizes");
    expect(removexattr(path, "user.tern") == 0 && lremovexattr(path, "user.two") == 0 &&
           fremovexattr(fd, "user.three") == 0, "remove, lremove, fremove");
    expect(getxattr(path, "user.tern", buf, sizeof(buf)) == -1 && errno == ENODATA,
           "removed: ENODATA");
    expect(getxattr("/nonexistent", "user.x", buf, 1) == -1 && errno == ENOENT, "missing file");
    close(fd);
}

int main(void)
{
    char dir[200], src[256], dst[256];
    snprintf(dir, sizeof(dir), "%s/spliceXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 2;
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(dst, sizeof(dst), "%s/dst", dir);
    test_splice(src, dst);
    test_xattr(src);
    unlink(src);
    unlink(dst);
    rmdir(dir);
    printf("failures: %d\n", failures);
    return failures != 0;
}
