/* Process-level system calls whose results vary from run to run, reduced
 * to deterministic facts: uname, time/gettimeofday/clock_gettime
 * (consistent and monotonic), nanosleep, getrandom and /dev/urandom,
 * getpid/getppid, getuid, getcwd, sysconf page size. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, int ok)
{
    printf("%-28s %s\n", what, ok ? "ok" : "FAILED");
}

static void clocks(void)
{
    time_t t = time(NULL);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    show("time after 2020", t > 1577836800);
    show("gettimeofday ~ time", tv.tv_sec - t >= 0 && tv.tv_sec - t < 5);
    struct timespec a, b, r;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec nap = { 0, 2000000 };
    show("nanosleep", nanosleep(&nap, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    show("monotonic advanced >= 2ms", ns >= 2000000);
    show("clock_getres", clock_getres(CLOCK_MONOTONIC, &r) == 0 && r.tv_sec == 0);
    clock_gettime(CLOCK_REALTIME, &a);
    show("realtime ~ time", a.tv_sec - t >= 0 && a.tv_sec - t < 5);
    struct tm tm;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tm);
    char buf[64];
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a", &tm);
    printf("gmtime(1700000000) = %s\n", buf);
}

static void randomness(void)
{
    unsigned char r1[64], r2[64];
    show("getrandom 64", getrandom(r1, sizeof(r1), 0) == 64);
    getrandom(r2, sizeof(r2), GRND_NONBLOCK);
    show("getrandom differs", memcmp(r1, r2, 64) != 0);
    int fd = open("/dev/urandom", O_RDONLY);
    show("read /dev/urandom", fd >= 0 && read(fd, r2, 64) == 64);
    close(fd);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero |= r1[i];
    show("random not all zero", nonzero != 0);
}

static void identity(void)
{
    struct utsname u;
    show("uname", uname(&u) == 0);
    printf("sysname=%s machine=%s\n", u.sysname, u.machine);
    show("getpid > 0", getpid() > 0);
    show("getppid > 0", getppid() > 0);
    show("getuid == geteuid", getuid() == geteuid());
    char cwd[4096];
    show("getcwd absolute", getcwd(cwd, sizeof(cwd)) && cwd[0] == '/');
    printf("pagesize=%ld\n", sysconf(_SC_PAGESIZE));
}

int main(void)
{
    clocks();
    randomness();
    identity();
    return 0;
}
