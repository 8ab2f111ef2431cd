/* pselect6 and ppoll with a timeout in read-only memory.  The kernel
 * writes the time left back into the timeout but ignores a fault doing so
 * (fs/select.c: "If an application puts its timeval in read-only memory,
 * we don't want the Linux-specific update to the timeval to cause a fault
 * after the select has completed successfully"), so both calls succeed.
 * glibc copies the timeout before the call, hence the raw syscalls.
 * QEMU-DEVIATION: qemu-aarch64 7.2 requires a writable timeout (EFAULT)
 */
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const struct timespec rodata_zero = { 0, 0 };

int main(void)
{
    int p[2];
    if (pipe(p))
        return 2;
    int failures = 0;
    for (int round = 0; round < 3; round++) {
        fd_set wr;
        FD_ZERO(&wr);
        FD_SET(p[1], &wr);
        long n = syscall(SYS_pselect6, p[1] + 1, NULL, &wr, NULL, &rodata_zero, NULL);
        printf("pselect6 const timeout: %ld\n", n);
        struct pollfd pf = { .fd = p[1], .events = POLLOUT };
        n = syscall(SYS_ppoll, &pf, 1, &rodata_zero, NULL, 8);
        printf("ppoll const timeout: %ld revents %#x\n", n, pf.revents);
        failures += n != 1;
    }
    printf("failures: %d\n", failures);
    return failures != 0;
}
