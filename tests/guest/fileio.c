/* File I/O through glibc and raw system calls in a private temp directory:
 * mkdir, open/creat, write/read, lseek (SET/CUR/END, holes), pread/pwrite,
 * fstat/stat/lstat sizes and modes, getdents (readdir, sorted), rename,
 * ftruncate, stdio streams, unlink, rmdir, and errno for failures.
 * The directory is made with mkdtemp under $TMPDIR. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-34s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static void raw_io(void)
{
    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0640);
    expect(fd >= 0, "open O_CREAT");
    char block[1000];
    for (int i = 0; i < 1000; i++)
        block[i] = (char)(i % 251);
    expect(write(fd, block, 1000) == 1000, "write 1000");
    expect(lseek(fd, 0, SEEK_CUR) == 1000, "lseek SEEK_CUR");
    expect(lseek(fd, 5000, SEEK_SET) == 5000, "lseek past end");
    expect(write(fd, "END", 3) == 3, "write after hole");
    expect(lseek(fd, 0, SEEK_END) == 5003, "lseek SEEK_END");
    char back[1000];
    expect(pread(fd, back, 1000, 0) == 1000 && memcmp(back, block, 1000) == 0,
           "pread matches");
    expect(pread(fd, back, 10, 2000) == 10 && back[0] == 0 && back[9] == 0,
           "hole reads zeros");
    expect(pwrite(fd, "XY", 2, 10) == 2, "pwrite");
    expect(lseek(fd, 8, SEEK_SET) == 8 && read(fd, back, 4) == 4 &&
               memcmp(back, "\x08\x09XY", 4) == 0, "read after pwrite");
    struct stat st;
    expect(fstat(fd, &st) == 0 && st.st_size == 5003, "fstat size");
    expect(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640, "fstat mode");
    expect(ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100,
           "ftruncate");
    expect(close(fd) == 0, "close");
}

static void stdio_io(void)
{
    FILE *f = fopen("text.txt", "w");
    expect(f != NULL, "fopen w");
    for (int i = 0; i < 100; i++)
        fprintf(f, "line %d: %x\n", i, i * i);
    expect(fclose(f) == 0, "fclose");
    f = fopen("text.txt", "r");
    char line[64];
    int n = 0;
    long sum = 0;
    while (fgets(line, sizeof(line), f)) {
        int a, b;
        if (sscanf(line, "line %d: %x", &a, &b) == 2 && b == a * a)
            sum += a;
        n++;
    }
    fclose(f);
    printf("read back %d lines, sum %ld\n", n, sum);
    struct stat st;
    expect(stat("text.txt", &st) == 0 && st.st_size > 1000, "stat size");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void directory(void)
{
    expect(mkdir("sub", 0755) == 0, "mkdir");
    expect(mkdir("sub", 0755) == -1 && errno == EEXIST, "mkdir EEXIST");
    for (int i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof(name), "sub/f%02d", (i * 7) % 30);
        int fd = open(name, O_CREAT | O_WRONLY, 0600);
        close(fd);
    }
    expect(rename("sub/f05", "sub/renamed") == 0, "rename");
    DIR *d = opendir("sub");
    char *names[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < 64)
        if (e->d_name[0] != '.')
            names[count++] = strdup(e->d_name);
    closedir(d);
    qsort(names, count, sizeof(names[0]), cmp_names);
    printf("%d entries:", count);
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
        char path[64];
        snprintf(path, sizeof(path), "sub/%s", names[i]);
        unlink(path);
        free(names[i]);
    }
    printf("\n");
    expect(rmdir("sub") == 0, "rmdir");
    expect(open("missing", O_RDONLY) == -1 && errno == ENOENT, "open ENOENT");
    expect(unlink("data.bin") == 0 && unlink("text.txt") == 0, "unlink");
}

int main(void)
{
    char tmpl[] = "/tmp/tern-fileio-XXXXXX";
    const char *base = getenv("TMPDIR");
    char dir[256];
    snprintf(dir, sizeof(dir), "%s/%s", base ? base : "/tmp", tmpl + 5);
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror("mkdtemp");
        return 2;
    }
    raw_io();
    stdio_io();
    directory();
    expect(chdir("/") == 0 && rmdir(dir) == 0, "remove temp dir");
    printf("failures=%d\n", failures);
    return failures != 0;
}
