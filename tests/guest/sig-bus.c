/* SIGBUS for an access to a file mapping beyond the end of the file:
 * BUS_ADRERR with si_addr = the address, delivered to a handler that
 * siglongjmps out; a few rounds, then once more with the default action. */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int code;
static void *volatile addr;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    code = si->si_code;
    addr = si->si_addr;
    siglongjmp(env, 1);
}

int main(void)
{
    char path[] = "/tmp/tern-sigbus-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, "hello", 5) != 5)
        return 1;
    unlink(path);
    volatile char *p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    printf("first page: %c\n", p[0]);
    for (volatile int i = 0; i < 3; i++) {
        if (sigsetjmp(env, 1) == 0)
            (void)p[4096 + i];
        printf("round %d: code=%d addr_ok=%d\n", i, code, addr == (void *)(p + 4096 + i));
    }
    fflush(stdout);
    signal(SIGBUS, SIG_DFL);
    (void)p[5000];
    printf("not reached\n");
    return 0;
}
