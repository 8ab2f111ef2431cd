/* linux-user/syscall-struct.c — structures and flags whose layout differs.
 *
 * Checked field by field against x86-64 (the first host):
 *   struct stat        DIFFERS: arm64 takes asm-generic's (32-bit mode and
 *                      nlink, pads, 32-bit blksize); x86-64 its own.
 *                      Translated here (lu_stat_to_guest).
 *   open(2) flags      DIFFER in four bits (O_DIRECTORY, O_NOFOLLOW,
 *                      O_DIRECT, O_LARGEFILE).  Translated here.
 *   timespec, timeval, timezone, rlimit, rusage, tms, sysinfo, statfs,
 *   utsname, winsize, iovec, flock, statx, linux_dirent64, stack_t
 *                      same on both 64-bit ABIs (all fields long/u64 or the
 *                      same fixed types, same order); passed through, with
 *                      size checks pinned in the files that use them.
 *   kernel termios     same: both use asm-generic termbits (NCCS 19, the
 *                      same flag values); passed through.
 *   epoll_event        DIFFERS: packed (12 bytes) on x86-64, 16 on arm64.
 *                      Translated in syscall-io.c.
 *   msghdr, mmsghdr    same layout, but hold guest pointers: rebuilt with
 *                      host pointers in syscall-net.c; cmsghdr, ucred,
 *                      sockaddr_*, SO_* numbers the same (asm-generic).
 *   pselect6 sigset arg  holds a guest pointer: rebuilt (syscall-io.c).
 *   sock_fprog         holds a guest pointer: rebuilt (syscall-net.c).
 *   open_how           arch-independent, but its flags are open(2) flags:
 *                      translated (syscall-file.c, openat2).
 *   itimerspec, signalfd_siginfo, inotify_event, fd_set, sched_param,
 *   sched_attr, cap_user_*, timex, f_owner_ex, ifreq, termios2
 *                      same on both; passed through after access checks.
 * The declarations shared with the unit tests are in syscall-xlate.h.
 *   sigaction          guest-only bookkeeping (signal.c), never given to the
 *                      host as is.
 * Other hosts (an AArch64 host) make the translations the identity.
 */
#include "linux-user/lu-internal.h"

#include <fcntl.h>
#include <sys/stat.h>

_Static_assert(sizeof(LuStat) == 128, "asm-generic struct stat is 128 bytes");

void lu_stat_to_guest(LuStat *g, const struct stat *h)
{
    *g = (LuStat){
        .st_dev = h->st_dev,           .st_ino = h->st_ino,
        .st_mode = h->st_mode,         .st_nlink = (uint32_t)h->st_nlink,
        .st_uid = h->st_uid,           .st_gid = h->st_gid,
        .st_rdev = h->st_rdev,         .st_size = h->st_size,
        .st_blksize = (int32_t)h->st_blksize,
        .st_blocks = h->st_blocks,
        .st_atime_sec = h->st_atim.tv_sec, .st_atime_nsec = (uint64_t)h->st_atim.tv_nsec,
        .st_mtime_sec = h->st_mtim.tv_sec, .st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec,
        .st_ctime_sec = h->st_ctim.tv_sec, .st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec,
    };
}

/* ---- open(2) flags -------------------------------------------------------- */

/* The kernel's values on the host (glibc hides O_LARGEFILE as 0 on 64-bit
 * hosts, but F_GETFL reports the kernel's bit). */
#if defined(__x86_64__)
#define HOST_O_LARGEFILE 0100000
#elif defined(__aarch64__)
#define HOST_O_LARGEFILE 0400000
#else
#define HOST_O_LARGEFILE 0
#endif

static const struct {
    uint32_t guest;
    int host;
} lu_open_bits[] = {
    { 0040000, O_DIRECTORY },
    { 0100000, O_NOFOLLOW },
    { 0200000, O_DIRECT },
    { 0400000, HOST_O_LARGEFILE },
};

#define LU_OPEN_BITS (sizeof(lu_open_bits) / sizeof(lu_open_bits[0]))
#define LU_OPEN_GUEST_MASK 0740000u

int lu_open_flags_to_host(uint64_t guest)
{
    int host = (int)(guest & ~(uint64_t)LU_OPEN_GUEST_MASK);
    for (size_t i = 0; i < LU_OPEN_BITS; i++)
        if (guest & lu_open_bits[i].guest)
            host |= lu_open_bits[i].host;
    return host;
}

uint64_t lu_open_flags_to_guest(int host)
{
    int differing = O_DIRECTORY | O_NOFOLLOW | O_DIRECT | HOST_O_LARGEFILE;
    uint64_t guest = (uint64_t)(unsigned)(host & ~differing);
    for (size_t i = 0; i < LU_OPEN_BITS; i++)
        if (lu_open_bits[i].host && (host & lu_open_bits[i].host))
            guest |= lu_open_bits[i].guest;
    return guest;
}
