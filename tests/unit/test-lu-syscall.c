/* tests/unit/test-lu-syscall.c — the linux-user syscall layer.
 *
 * Checks the struct stat translation against known values and offsets of
 * the asm-generic layout, the open-flag translation, and then runs real
 * syscalls through lu_do_syscall() with a fake AArch64 CPU (X8 = number,
 * X0..X5 = arguments) on a fresh guest address space: results, -EFAULT for
 * bad pointers, -ENOSYS, signal bookkeeping, rseq and the guest CPUs
 * (cpus.c), and the -strace format.
 * The structures the syscall layer rebuilds for the host (epoll_event,
 * msghdr) are checked field by field at the arm64 offsets, and through
 * real epoll and socket calls.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "frontend/aarch64/a64.h"
#include "linux-user/lu-internal.h"
#include "linux-user/syscall-xlate.h"

#define SCRATCH 0x40000000u        /* one RW guest page for arguments */

typedef struct Fixture {
    LuProcess proc;
    LuThread thread;
    A64CPU cpu;
} Fixture;

static int setup(void **state)
{
    Fixture *fx = aligned_alloc(64, (sizeof(Fixture) + 63) & ~(size_t)63);
    if (!fx)
        return -1;
    memset(fx, 0, sizeof(*fx));
    if (!lu_mem_init(&fx->proc.mem))
        return -1;
    fx->proc.pid = getpid();
    fx->proc.log = stderr;
    fx->proc.exe_path = "/opt/guest/prog";
    pthread_mutex_init(&fx->proc.sig_lock, NULL);
    fx->thread.proc = &fx->proc;
    fx->thread.tid = getpid();
    fx->thread.cpu = &fx->cpu.common;
    if (lu_mmap(&fx->proc.mem, SCRATCH, 0x2000, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != SCRATCH)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    lu_mem_destroy(&fx->proc.mem);
    free(fx);
    return 0;
}

static int64_t sys(Fixture *fx, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                   uint64_t a3)
{
    fx->cpu.x[8] = nr;
    fx->cpu.x[0] = a0;
    fx->cpu.x[1] = a1;
    fx->cpu.x[2] = a2;
    fx->cpu.x[3] = a3;
    fx->cpu.x[4] = fx->cpu.x[5] = 0;
    lu_do_syscall(&fx->thread);
    return (int64_t)fx->cpu.x[0];
}

static void *scratch(Fixture *fx, uint64_t off)
{
    return lu_g2h(&fx->proc.mem, SCRATCH + off);
}

/* ---- Structures ----------------------------------------------------------- */

static void test_stat_layout(void **state)
{
    struct stat h;
    memset(&h, 0, sizeof(h));
    h.st_dev = 0x801; h.st_ino = 123456789; h.st_mode = S_IFREG | 0644;
    h.st_nlink = 3; h.st_uid = 1000; h.st_gid = 100; h.st_rdev = 0x1234;
    h.st_size = 0x123456789ab; h.st_blksize = 4096; h.st_blocks = 77;
    h.st_atim.tv_sec = 1700000000; h.st_atim.tv_nsec = 111;
    h.st_mtim.tv_sec = 1700000001; h.st_mtim.tv_nsec = 222;
    h.st_ctim.tv_sec = 1700000002; h.st_ctim.tv_nsec = 333;
    uint8_t g[128];
    memset(g, 0xee, sizeof(g));
    lu_stat_to_guest((LuStat *)g, &h);
    uint64_t u64;
    uint32_t u32;
    /* Offsets of the asm-generic struct stat (AArch64). */
#define AT64(off, want) (memcpy(&u64, g + (off), 8), assert_int_equal(u64, (uint64_t)(want)))
#define AT32(off, want) (memcpy(&u32, g + (off), 4), assert_int_equal(u32, (uint32_t)(want)))
    AT64(0, 0x801);
    AT64(8, 123456789);
    AT32(16, S_IFREG | 0644);
    AT32(20, 3);
    AT32(24, 1000);
    AT32(28, 100);
    AT64(32, 0x1234);
    AT64(40, 0);                    /* __pad1 */
    AT64(48, 0x123456789ab);
    AT32(56, 4096);
    AT32(60, 0);                    /* __pad2 */
    AT64(64, 77);
    AT64(72, 1700000000);
    AT64(80, 111);
    AT64(88, 1700000001);
    AT64(96, 222);
    AT64(104, 1700000002);
    AT64(112, 333);
    AT32(120, 0);
    AT32(124, 0);
#undef AT64
#undef AT32
}

static void test_open_flags(void **state)
{
    /* Guest (arm64) values of the four bits that differ from x86-64. */
    assert_int_equal(lu_open_flags_to_host(0040000), O_DIRECTORY);
    assert_int_equal(lu_open_flags_to_host(0100000), O_NOFOLLOW);
    assert_int_equal(lu_open_flags_to_host(0200000), O_DIRECT);
    assert_int_equal(lu_open_flags_to_host(O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC),
                     O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC);
    assert_int_equal(lu_open_flags_to_guest(O_DIRECTORY | O_NOFOLLOW | O_APPEND),
                     0040000 | 0100000 | O_APPEND);
    assert_int_equal(lu_open_flags_to_guest(O_DIRECT | O_NONBLOCK), 0200000 | O_NONBLOCK);
}

/* ---- Syscalls ------------------------------------------------------------- */

static void test_fstat(void **state)
{
    Fixture *fx = *state;
    FILE *f = tmpfile();
    assert_non_null(f);
    char data[1234];
    memset(data, 'z', sizeof(data));
    fwrite(data, 1, sizeof(data), f);
    fflush(f);
    assert_int_equal(sys(fx, 80, (uint64_t)fileno(f), SCRATCH, 0, 0), 0);
    LuStat *g = scratch(fx, 0);
    assert_int_equal(g->st_size, 1234);
    assert_true(S_ISREG(g->st_mode));
    assert_int_equal(sys(fx, 80, (uint64_t)fileno(f), 0x1000, 0, 0), -EFAULT);
    assert_int_equal(sys(fx, 80, (uint64_t)fileno(f), SCRATCH + 0x2000 - 64, 0, 0), -EFAULT);
    assert_int_equal(sys(fx, 80, 9999, SCRATCH, 0, 0), -EBADF);
    fclose(f);
}

static void test_newfstatat_and_openat(void **state)
{
    Fixture *fx = *state;
    strcpy(scratch(fx, 0x800), "/tmp");
    assert_int_equal(sys(fx, 79, (uint64_t)-100, SCRATCH + 0x800, SCRATCH, 0), 0);
    assert_true(S_ISDIR(((LuStat *)scratch(fx, 0))->st_mode));
    /* Guest O_DIRECTORY (040000) must reach the host as O_DIRECTORY. */
    int64_t fd = sys(fx, 56, (uint64_t)-100, SCRATCH + 0x800, 0040000, 0);
    assert_true(fd >= 0);
    assert_int_equal(sys(fx, 57, (uint64_t)fd, 0, 0, 0), 0);
    strcpy(scratch(fx, 0x800), "/proc/self/status");
    assert_int_equal(sys(fx, 56, (uint64_t)-100, SCRATCH + 0x800, 0040000, 0), -ENOTDIR);
    strcpy(scratch(fx, 0x800), "/nonexistent-tern");
    assert_int_equal(sys(fx, 56, (uint64_t)-100, SCRATCH + 0x800, 0, 0), -ENOENT);
    assert_int_equal(sys(fx, 56, (uint64_t)-100, 0x10, 0, 0), -EFAULT);
}

static void test_read_write_pipe(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 59, SCRATCH, 0, 0, 0), 0);            /* pipe2 */
    int fds[2];
    memcpy(fds, scratch(fx, 0), sizeof(fds));
    strcpy(scratch(fx, 0x100), "hello");
    assert_int_equal(sys(fx, 64, (uint64_t)fds[1], SCRATCH + 0x100, 5, 0), 5);
    assert_int_equal(sys(fx, 64, (uint64_t)fds[1], 0x2000, 5, 0), -EFAULT);
    assert_int_equal(sys(fx, 63, (uint64_t)fds[0], SCRATCH + 0x200, 16, 0), 5);
    assert_memory_equal(scratch(fx, 0x200), "hello", 5);
    /* writev: iovec { base, len } x 2 */
    uint64_t iov[4] = { SCRATCH + 0x100, 2, SCRATCH + 0x103, 2 };
    memcpy(scratch(fx, 0x300), iov, sizeof(iov));
    assert_int_equal(sys(fx, 66, (uint64_t)fds[1], SCRATCH + 0x300, 2, 0), 4);
    assert_int_equal(sys(fx, 63, (uint64_t)fds[0], SCRATCH + 0x200, 16, 0), 4);
    assert_memory_equal(scratch(fx, 0x200), "helo", 4);
    assert_int_equal(sys(fx, 25, (uint64_t)fds[0], F_GETFL, 0, 0), O_RDONLY);
    close(fds[0]);
    close(fds[1]);
}

static void test_identity_and_uname(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 172, 0, 0, 0, 0), getpid());
    assert_int_equal(sys(fx, 174, 0, 0, 0, 0), getuid());
    assert_int_equal(sys(fx, 96, SCRATCH, 0, 0, 0), getpid());     /* set_tid_address */
    assert_int_equal(sys(fx, 160, SCRATCH, 0, 0, 0), 0);
    assert_string_equal((char *)scratch(fx, 4 * 65), "aarch64");
    assert_int_equal(sys(fx, 160, 0, 0, 0, 0), -EFAULT);
    /* prctl(PR_SET_NAME / PR_GET_NAME), names cut at 15 characters. */
    strcpy(scratch(fx, 0x100), "a-very-long-thread-name");
    assert_int_equal(sys(fx, 167, 15, SCRATCH + 0x100, 0, 0), 0);
    assert_int_equal(sys(fx, 167, 16, SCRATCH + 0x200, 0, 0), 0);
    assert_string_equal((char *)scratch(fx, 0x200), "a-very-long-thr");
    assert_int_equal(sys(fx, 167, 54 /* PR_PAC_RESET_KEYS */, 0, 0, 0), -EINVAL);
}

static void test_readlink_self_exe(void **state)
{
    Fixture *fx = *state;
    strcpy(scratch(fx, 0), "/proc/self/exe");
    int64_t n = sys(fx, 78, (uint64_t)-100, SCRATCH, SCRATCH + 0x100, 256);
    assert_int_equal(n, strlen("/opt/guest/prog"));
    assert_memory_equal(scratch(fx, 0x100), "/opt/guest/prog", (size_t)n);
    assert_int_equal(sys(fx, 78, (uint64_t)-100, SCRATCH, SCRATCH + 0x100, 4), 4);
}

static void test_unknown(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 1000, 0, 0, 0, 0), -ENOSYS);
    assert_int_equal(sys(fx, 244, 0, 0, 0, 0), -ENOSYS);
    assert_int_equal(sys(fx, UINT64_MAX, 0, 0, 0, 0), -ENOSYS);
    assert_int_equal(sys(fx, 29, 0, 0x12345678, 0, 0), -ENOTTY);    /* ioctl */
}

static void test_memory_syscalls(void **state)
{
    Fixture *fx = *state;
    fx->proc.mem.brk_start = fx->proc.mem.brk = 0x500000;
    assert_int_equal(sys(fx, 214, 0, 0, 0, 0), 0x500000);
    assert_int_equal(sys(fx, 214, 0x508000, 0, 0, 0), 0x508000);
    int64_t a = sys(fx, 222, 0, 0x10000, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS);
    assert_int_equal(a, SCRATCH + 0x2000);
    assert_int_equal(sys(fx, 226, (uint64_t)a, 0x10000, PROT_READ, 0), 0);
    assert_int_equal(sys(fx, 215, (uint64_t)a, 0x10000, 0, 0), 0);
    assert_int_equal(sys(fx, 226, (uint64_t)a, 0x10000, PROT_READ, 0), -ENOMEM);
}

static void test_time(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 113, CLOCK_MONOTONIC, SCRATCH, 0, 0), 0);
    assert_int_equal(sys(fx, 113, CLOCK_MONOTONIC, 0x123000, 0, 0), -EFAULT);
    assert_int_equal(sys(fx, 114, CLOCK_MONOTONIC, 0, 0, 0), 0);
    assert_int_equal(sys(fx, 169, SCRATCH, 0, 0, 0), 0);
    int64_t sec;
    memcpy(&sec, scratch(fx, 0), 8);
    assert_true(sec > 1500000000);
    uint64_t ts[2] = { 0, 1000 };
    memcpy(scratch(fx, 0x100), ts, sizeof(ts));
    assert_int_equal(sys(fx, 101, SCRATCH + 0x100, 0, 0, 0), 0);
}

static void test_signal_bookkeeping(void **state)
{
    Fixture *fx = *state;
    uint64_t set = (uint64_t)1 << (SIGUSR1 - 1);
    memcpy(scratch(fx, 0), &set, 8);
    assert_int_equal(sys(fx, 135, SIG_BLOCK, SCRATCH, 0, 4), -EINVAL);
    assert_int_equal(sys(fx, 135, SIG_BLOCK, SCRATCH, SCRATCH + 8, 8), 0);
    assert_int_equal(fx->thread.sigmask, set);
    /* Blocked: a self-kill stays pending instead of killing us. */
    assert_int_equal(sys(fx, 129, (uint64_t)getpid(), SIGUSR1, 0, 0), 0);
    assert_int_equal(lu_signal_pending(&fx->thread), set);
    /* A handler: old action comes back, new one is recorded. */
    LuSigaction act = { .handler = 0x401000, .flags = 0x4000000, .mask = 0x3 };
    memcpy(scratch(fx, 0x100), &act, sizeof(act));
    assert_int_equal(sys(fx, 134, SIGUSR2, SCRATCH + 0x100, SCRATCH + 0x200, 8), 0);
    assert_int_equal(((LuSigaction *)scratch(fx, 0x200))->handler, 0);
    assert_int_equal(fx->proc.sigact[SIGUSR2].handler, 0x401000);
    assert_int_equal(sys(fx, 134, SIGKILL, SCRATCH + 0x100, 0, 8), -EINVAL);
    assert_int_equal(sys(fx, 134, 65, 0, 0, 8), -EINVAL);
    /* Handled but undeliverable yet: recorded pending. */
    assert_int_equal(sys(fx, 129, (uint64_t)getpid(), SIGUSR2, 0, 0), 0);
    assert_true(lu_signal_pending(&fx->thread) & ((uint64_t)1 << (SIGUSR2 - 1)));
    /* Default-ignored signals and signal 0 do nothing. */
    assert_int_equal(sys(fx, 129, (uint64_t)getpid(), SIGCHLD, 0, 0), 0);
    assert_int_equal(sys(fx, 129, (uint64_t)getpid(), 0, 0, 0), 0);
    assert_int_equal(sys(fx, 129, (uint64_t)getpid(), 99, 0, 0), -EINVAL);
    /* sigaltstack: too small, then fine. */
    uint64_t ss[3] = { SCRATCH, 0, 1024 };
    memcpy(scratch(fx, 0x300), ss, sizeof(ss));
    assert_int_equal(sys(fx, 132, SCRATCH + 0x300, 0, 0, 0), -ENOMEM);
    ss[2] = 0x10000;
    memcpy(scratch(fx, 0x300), ss, sizeof(ss));
    assert_int_equal(sys(fx, 132, SCRATCH + 0x300, SCRATCH + 0x400, 0, 0), 0);
    assert_int_equal(((uint32_t *)scratch(fx, 0x400))[2], SS_DISABLE);
}

static void test_exit_group(void **state)
{
    Fixture *fx = *state;
    fx->cpu.x[0] = 0x1234;
    sys(fx, 94, 0x10203, 0, 0, 0);
    assert_true(fx->thread.exited);
    assert_int_equal(fx->thread.exit_status, 3);
}

/* Runs fn in a child and returns its wait status. */
static int in_child(Fixture *fx, void (*fn)(Fixture *))
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fx->proc.pid = getpid();
        fx->thread.tid = getpid();
        fn(fx);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void die_segv(Fixture *fx)
{
    lu_die_by_signal(&fx->thread, SIGSEGV);
}

static void kill_self_usr1(Fixture *fx)
{
    sys(fx, 129, (uint64_t)getpid(), SIGUSR1, 0, 0);
}

static void unblock_pending_term(Fixture *fx)
{
    uint64_t set = (uint64_t)1 << (SIGTERM - 1);
    memcpy(scratch(fx, 0), &set, 8);
    sys(fx, 135, SIG_BLOCK, SCRATCH, 0, 8);
    sys(fx, 131, (uint64_t)getpid(), (uint64_t)getpid(), SIGTERM, 0);
    if (!(lu_signal_pending(&fx->thread) & set))
        _exit(2);
    sys(fx, 135, SIG_UNBLOCK, SCRATCH, 0, 8);
    _exit(3);
}

static void ignored_then_exit(Fixture *fx)
{
    LuSigaction ign = { .handler = 1 };
    memcpy(scratch(fx, 0), &ign, sizeof(ign));
    sys(fx, 134, SIGTERM, SCRATCH, 0, 8);
    sys(fx, 129, (uint64_t)getpid(), SIGTERM, 0, 0);
    _exit(4);
}

/* The guest dies of the signal itself (status 128+sig to a shell), with
 * no core, as Linux would kill it. */
static void test_death_by_signal(void **state)
{
    Fixture *fx = *state;
    int st = in_child(fx, die_segv);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGSEGV);
    assert_false(WCOREDUMP(st));
    st = in_child(fx, kill_self_usr1);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGUSR1);
    st = in_child(fx, unblock_pending_term);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGTERM);
    st = in_child(fx, ignored_then_exit);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 4);
}

static void test_strace_format(void **state)
{
    Fixture *fx = *state;
    FILE *log = tmpfile();
    assert_non_null(log);
    fx->proc.log = log;
    fx->proc.strace = true;
    strcpy(scratch(fx, 0), "/nonexistent-tern");
    sys(fx, 56, (uint64_t)-100, SCRATCH, 0, 0);
    sys(fx, 1000, 1, 2, 3, 4);
    sys(fx, 172, 0, 0, 0, 0);
    fx->proc.strace = false;
    char text[512] = "";
    rewind(log);
    size_t n = fread(text, 1, sizeof(text) - 1, log);
    text[n] = 0;
    char want[400];
    snprintf(want, sizeof(want),
             "%d openat(AT_FDCWD,\"/nonexistent-tern\",O_RDONLY,00) = -1 errno=2 (%s)\n"
             "%d syscall_1000(0x1,0x2,0x3,0x4,0x0,0x0) = -1 errno=38 (%s)\n"
             "%d getpid() = %d\n",
             getpid(), strerror(ENOENT), getpid(), strerror(ENOSYS), getpid(), getpid());
    assert_string_equal(text, want);
    fclose(log);
}

static int64_t sys6(Fixture *fx, uint64_t nr, const uint64_t a[6])
{
    fx->cpu.x[8] = nr;
    for (int i = 0; i < 6; i++)
        fx->cpu.x[i] = a[i];
    lu_do_syscall(&fx->thread);
    return (int64_t)fx->cpu.x[0];
}

/* ---- Structure translations ----------------------------------------------- */

static void test_open_flags_largefile(void **state)
{
    /* F_GETFL on an x86-64 host reports O_LARGEFILE as 0100000, which is
     * O_NOFOLLOW on arm64: it must come back as arm64's 0400000. */
    assert_int_equal(lu_open_flags_to_guest(0100000 | O_RDWR), 0400000 | O_RDWR);
    assert_int_equal(lu_open_flags_to_host(0400000), 0100000);
}

static void test_epoll_event_layout(void **state)
{
    uint8_t g[16];
    memset(g, 0xee, sizeof(g));
    struct epoll_event h = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x0102030405060708ull };
    lu_epoll_event_to_guest((LuEpollEvent *)g, &h);
    uint32_t ev;
    uint64_t data;
    memcpy(&ev, g, 4);
    memcpy(&data, g + 8, 8);
    assert_int_equal(ev, EPOLLIN | EPOLLET);
    assert_int_equal(g[4] | g[5] | g[6] | g[7], 0);     /* padding cleared */
    assert_int_equal(data, 0x0102030405060708ull);
    struct epoll_event back;
    memset(&back, 0, sizeof(back));
    lu_epoll_event_to_host(&back, (const LuEpollEvent *)g);
    assert_int_equal(back.events, EPOLLIN | EPOLLET);
    assert_int_equal(back.data.u64, 0x0102030405060708ull);
}

/* epoll through lu_do_syscall: the guest reads 16-byte events. */
static void test_epoll_syscalls(void **state)
{
    Fixture *fx = *state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    int64_t ep = sys(fx, 20, 0, 0, 0, 0);                  /* epoll_create1 */
    assert_true(ep >= 0);
    uint8_t *g = scratch(fx, 0);
    memset(g, 0, 64);
    uint32_t ev = EPOLLIN;
    uint64_t data = 0xabcdef0123456789ull;
    memcpy(g, &ev, 4);
    memcpy(g + 8, &data, 8);
    assert_int_equal(sys(fx, 21, (uint64_t)ep, EPOLL_CTL_ADD, (uint64_t)p[0], SCRATCH), 0);
    assert_int_equal(write(p[1], "x", 1), 1);
    memset(g + 64, 0xee, 64);
    const uint64_t wait[6] = { (uint64_t)ep, SCRATCH + 64, 4, 1000, 0, 8 };
    assert_int_equal(sys6(fx, 22, wait), 1);               /* epoll_pwait */
    memcpy(&ev, g + 64, 4);
    memcpy(&data, g + 72, 8);
    assert_int_equal(ev, EPOLLIN);
    assert_int_equal(data, 0xabcdef0123456789ull);
    const uint64_t bad[6] = { (uint64_t)ep, 0x10, 4, 0, 0, 8 };
    assert_int_equal(sys6(fx, 22, bad), -EFAULT);
    const uint64_t zero[6] = { (uint64_t)ep, SCRATCH + 64, 0, 0, 0, 8 };
    assert_int_equal(sys6(fx, 22, zero), -EINVAL);
    close((int)ep);
    close(p[0]);
    close(p[1]);
}

static void test_msghdr_layout(void **state)
{
    Fixture *fx = *state;
    /* arm64 offsets: name 0, namelen 8, iov 16, iovlen 24, control 32,
     * controllen 40, flags 48; 56 bytes. */
    assert_int_equal(sizeof(LuMsghdr), 56);
    assert_int_equal(offsetof(LuMsghdr, iov), 16);
    assert_int_equal(offsetof(LuMsghdr, control), 32);
    assert_int_equal(offsetof(LuMsghdr, flags), 48);
    assert_int_equal(sizeof(LuMmsghdr), 64);
    uint64_t iov[2] = { SCRATCH + 0x100, 5 };
    memcpy(scratch(fx, 0x80), iov, sizeof(iov));
    LuMsghdr g = { .name = SCRATCH + 0x200, .namelen = 16, .iov = SCRATCH + 0x80,
                   .iovlen = 1, .control = SCRATCH + 0x300, .controllen = 32,
                   .flags = 0 };
    struct msghdr h;
    assert_int_equal(lu_msghdr_to_host(&fx->thread, &h, &g, PROT_READ), 0);
    assert_ptr_equal(h.msg_name, scratch(fx, 0x200));
    assert_int_equal(h.msg_namelen, 16);
    assert_ptr_equal(h.msg_control, scratch(fx, 0x300));
    assert_int_equal(h.msg_controllen, 32);
    assert_int_equal(h.msg_iovlen, 1);
    assert_ptr_equal(h.msg_iov[0].iov_base, scratch(fx, 0x100));
    assert_int_equal(h.msg_iov[0].iov_len, 5);
    h.msg_namelen = 7;
    h.msg_controllen = 20;
    h.msg_flags = MSG_TRUNC;
    lu_msghdr_update_guest(&g, &h);
    assert_int_equal(g.namelen, 7);
    assert_int_equal(g.controllen, 20);
    assert_int_equal(g.flags, MSG_TRUNC);
    lu_msghdr_free(&h);
    /* A control buffer outside the guest's mappings, an iovec too many. */
    g.control = 0x10;
    assert_int_equal(lu_msghdr_to_host(&fx->thread, &h, &g, PROT_READ), -EFAULT);
    g.control = 0;
    g.iovlen = 100000;
    assert_int_equal(lu_msghdr_to_host(&fx->thread, &h, &g, PROT_READ), -EMSGSIZE);
}

/* SCM_RIGHTS through sendmsg/recvmsg made by the guest. */
static void test_socket_rights(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 199, AF_UNIX, SOCK_STREAM, 0, SCRATCH), 0);  /* socketpair */
    int sv[2];
    memcpy(sv, scratch(fx, 0), sizeof(sv));
    int p[2];
    assert_int_equal(pipe(p), 0);
    /* iovec at 0x80 -> "z" at 0x100; control at 0x300: cmsghdr + one int. */
    uint64_t iov[2] = { SCRATCH + 0x100, 1 };
    memcpy(scratch(fx, 0x80), iov, sizeof(iov));
    *(char *)scratch(fx, 0x100) = 'z';
    struct cmsghdr cm = { .cmsg_len = CMSG_LEN(sizeof(int)), .cmsg_level = SOL_SOCKET,
                          .cmsg_type = SCM_RIGHTS };
    memcpy(scratch(fx, 0x300), &cm, sizeof(cm));
    memcpy(scratch(fx, 0x300 + sizeof(cm)), &p[1], sizeof(int));
    LuMsghdr g = { .iov = SCRATCH + 0x80, .iovlen = 1, .control = SCRATCH + 0x300,
                   .controllen = CMSG_SPACE(sizeof(int)) };
    memcpy(scratch(fx, 0x400), &g, sizeof(g));
    assert_int_equal(sys(fx, 211, (uint64_t)sv[0], SCRATCH + 0x400, 0, 0), 1);
    memset(scratch(fx, 0x300), 0, 64);
    g.controllen = 64;
    memcpy(scratch(fx, 0x400), &g, sizeof(g));
    assert_int_equal(sys(fx, 212, (uint64_t)sv[1], SCRATCH + 0x400, 0, 0), 1);
    LuMsghdr back;
    memcpy(&back, scratch(fx, 0x400), sizeof(back));
    assert_int_equal(back.controllen, CMSG_SPACE(sizeof(int)));
    int fd;
    memcpy(&fd, scratch(fx, 0x300 + sizeof(cm)), sizeof(int));
    assert_true(fd >= 0 && fd != p[1]);
    assert_int_equal(write(fd, "q", 1), 1);
    char c = 0;
    assert_int_equal(read(p[0], &c, 1), 1);
    assert_int_equal(c, 'q');
    close(fd);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_refused(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(sys(fx, 92, 0xffffffff, 0, 0, 0), 0);     /* personality query */
    assert_int_equal(sys(fx, 92, 0, 0, 0, 0), 0);              /* PER_LINUX */
    assert_int_equal(sys(fx, 92, 8, 0, 0, 0), -EINVAL);        /* PER_BSD */
    assert_int_equal(sys(fx, 89, 0, 0, 0, 0), -EPERM);         /* acct */
    assert_int_equal(sys(fx, 425, 8, SCRATCH, 0, 0), -ENOSYS); /* io_uring_setup */
}

/* rseq (293): kernel/rseq.c's argument checks, per thread. */
static void test_rseq(void **state)
{
    Fixture *fx = *state;
    const uint32_t sig = 0xd428bc00;
    assert_int_equal(sys(fx, 293, SCRATCH, 16, 0, sig), -EINVAL);       /* short */
    assert_int_equal(sys(fx, 293, SCRATCH + 8, 32, 0, sig), -EINVAL);   /* misaligned */
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 2, sig), -EINVAL);       /* flags */
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 1, sig), -EINVAL);       /* unregistered */
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 0, sig), 0);
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 0, sig), -EBUSY);
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 0, sig + 1), -EPERM);
    assert_int_equal(sys(fx, 293, SCRATCH + 64, 32, 0, sig), -EINVAL);  /* another area */
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 1, sig + 1), -EPERM);
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 1, sig), 0);
    uint32_t cpu_id;
    memcpy(&cpu_id, lu_g2h(&fx->proc.mem, SCRATCH + 4), 4);
    assert_int_equal(cpu_id, UINT32_MAX);                                /* uninitialised */
}

/* lu_rseq_notify: a pc inside [start_ip, start_ip + post_commit_offset)
 * moves to abort_ip and rseq_cs is cleared; outside only the clearing; a
 * bad signature, version or flags is an error (the caller's SIGSEGV). */
static void test_rseq_abort(void **state)
{
    Fixture *fx = *state;
    const uint32_t sig = 0xd428bc00;
    LuThread *t = &fx->thread;
    t->cpu_slot = 0;
    assert_int_equal(lu_mmap(&fx->proc.mem, 0x10000, 0x1000, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), 0x10000);
    memcpy(lu_g2h(&fx->proc.mem, 0x1001c), &sig, 4);        /* abort_ip - 4 */
    assert_int_equal(sys(fx, 293, SCRATCH, 32, 0, sig), 0);
    uint64_t cs[4] = { 0, 0x10000, 0x10, 0x10020 };         /* version|flags, ... */
    memcpy(scratch(fx, 0x100), cs, sizeof(cs));
    uint64_t ptr = SCRATCH + 0x100, now;

    memcpy(scratch(fx, 8), &ptr, 8);
    fx->cpu.pc = 0x10008;
    assert_true(lu_rseq_notify(t, true));
    assert_int_equal(fx->cpu.pc, 0x10020);
    memcpy(&now, scratch(fx, 8), 8);
    assert_int_equal(now, 0);

    memcpy(scratch(fx, 8), &ptr, 8);
    fx->cpu.pc = 0x10010;                                   /* post-commit */
    assert_true(lu_rseq_notify(t, true));
    assert_int_equal(fx->cpu.pc, 0x10010);
    memcpy(&now, scratch(fx, 8), 8);
    assert_int_equal(now, 0);

    memcpy(scratch(fx, 8), &ptr, 8);
    uint32_t bad = sig + 1;
    memcpy(lu_g2h(&fx->proc.mem, 0x1001c), &bad, 4);
    assert_false(lu_rseq_notify(t, true));
    memcpy(lu_g2h(&fx->proc.mem, 0x1001c), &sig, 4);
    cs[0] = 1;                                              /* version 1 */
    memcpy(scratch(fx, 0x100), cs, sizeof(cs));
    assert_false(lu_rseq_notify(t, true));
    cs[0] = (uint64_t)1 << 32;                              /* flags */
    memcpy(scratch(fx, 0x100), cs, sizeof(cs));
    fx->cpu.pc = 0x10004;
    assert_false(lu_rseq_notify(t, true));
    assert_int_equal(fx->cpu.pc, 0x10004);
}

/* cpus.c with one CPU: a parked owner's CPU is taken; a waiter that waits
 * too long asks the running owner to yield; the one that gets a CPU back
 * after losing it is told (rseq must hear of the migration). */
typedef struct ClaimArg {
    LuThread *t;
    bool migrated;
} ClaimArg;

static void *claim_then_park(void *arg)
{
    ClaimArg *c = arg;
    c->migrated = lu_cpu_claim(c->t);
    lu_cpu_park(c->t);
    return NULL;
}

static void test_cpu_slots(void **state)
{
    Fixture *fx = *state;
    LuProcess *p = &fx->proc;
    assert_true(lu_cpus_init(p));
    p->cpus.n = 1;
    LuThread *a = &fx->thread, b = { .proc = p, .tid = 1, .cpu_slot = -1 };
    A64CPU bcpu;
    memset(&bcpu, 0, sizeof(bcpu));
    b.cpu = &bcpu.common;
    a->cpu_slot = -1;

    assert_false(lu_cpu_claim(a));                          /* new: no migration */
    assert_int_equal(a->cpu_slot, 0);
    assert_int_equal(a->cpu_id, p->cpus.cpu[0]);
    assert_false(lu_cpu_claim(a));                          /* kept */
    lu_cpu_park(a);
    assert_false(lu_cpu_claim(&b));                         /* takes a's CPU */
    assert_int_equal(b.cpu_slot, 0);

    ClaimArg arg = { .t = a };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, claim_then_park, &arg), 0);
    for (int i = 0; i < 2000 && !__atomic_load_n(&b.cpu_yield, __ATOMIC_ACQUIRE); i++)
        usleep(1000);
    assert_int_equal(b.cpu_yield, 1);                       /* a preempts b */
    assert_int_equal(bcpu.common.exit_request, 1);
    assert_true(lu_cpu_claim(&b));          /* yields, gets it back once a parks */
    pthread_join(th, NULL);
    assert_true(arg.migrated);
    assert_int_equal(b.cpu_slot, 0);
    lu_cpu_release(&b);
    lu_cpu_release(a);
    assert_int_equal(p->cpus.owner[0], 0);
    lu_cpus_destroy(p);
}

static void test_strace_decoded(void **state)
{
    Fixture *fx = *state;
    FILE *log = tmpfile();
    assert_non_null(log);
    fx->proc.log = log;
    fx->proc.strace = true;
    strcpy(scratch(fx, 0), "/nonexistent-tern/x");
    sys(fx, 56, (uint64_t)-100, SCRATCH, 01 | 0100 | 02000000 | 0100000, 0644);
    sys(fx, 25, 1000, 1030, 5, 0);                             /* fcntl */
    sys(fx, 198, 2, 0x80001, 0, 0);                            /* socket(AF_INET, ...) */
    int sock = (int)fx->cpu.x[0];
    sys(fx, 226, 0, 4096, 3, 0);                               /* mprotect */
    sys(fx, 129, (uint64_t)getpid(), 0, 0, 0);                 /* kill(pid, 0) */
    const uint64_t mm[6] = { 0x1000, 4096, 5, 0x32, (uint64_t)-1, 0 };
    sys6(fx, 222, mm);                                         /* mmap */
    fx->proc.strace = false;
    setenv("TERN_STRACE_ENOSYS", "1", 1);
    sys(fx, 1000, 0, 0, 0, 0);
    sys(fx, 425, 0, 0, 0, 0);
    unsetenv("TERN_STRACE_ENOSYS");
    char text[1024] = "";
    rewind(log);
    size_t n = fread(text, 1, sizeof(text) - 1, log);
    text[n] = 0;
    char want[800];
    snprintf(want, sizeof(want),
             "%d openat(AT_FDCWD,\"/nonexistent-tern/x\",O_WRONLY|O_CREAT|O_NOFOLLOW|O_CLOEXEC,0644)"
             " = -1 errno=2 (%s)\n"
             "%d fcntl(1000,F_DUPFD_CLOEXEC,0x5) = -1 errno=9 (%s)\n"
             "%d socket(AF_INET,SOCK_STREAM|SOCK_CLOEXEC,0) = ",
             getpid(), strerror(ENOENT), getpid(), strerror(EBADF), getpid());
    assert_memory_equal(text, want, strlen(want));
    assert_true(sock > 2);
    close(sock);
    snprintf(want, sizeof(want),
             "%d\n"
             "%d mprotect(0x0,4096,PROT_READ|PROT_WRITE) = -1 errno=12 (%s)\n"
             "%d kill(%d,0) = 0\n"
             "%d mmap(0x1000,4096,PROT_READ|PROT_EXEC,MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS,-1,0x0)"
             " = 0x1000\n"
             "tern: ENOSYS syscall_1000 (nr 1000) [not in table]\n"
             "tern: ENOSYS io_uring_setup (nr 425) [by design]\n",
             sock, getpid(), strerror(ENOMEM), getpid(), getpid(), getpid());
    assert_string_equal(strchr(strstr(text, "socket("), '=') + 2, want);
    fclose(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stat_layout),
        cmocka_unit_test(test_open_flags),
        cmocka_unit_test_setup_teardown(test_fstat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newfstatat_and_openat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_write_pipe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identity_and_uname, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readlink_self_exe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_syscalls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_bookkeeping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exit_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_death_by_signal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strace_format, setup, teardown),
        cmocka_unit_test(test_open_flags_largefile),
        cmocka_unit_test(test_epoll_event_layout),
        cmocka_unit_test_setup_teardown(test_epoll_syscalls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_msghdr_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_rights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rseq, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rseq_abort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cpu_slots, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strace_decoded, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
