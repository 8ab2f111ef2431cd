/* SIGSEGV delivered to an SA_SIGINFO handler: si_signo, si_code
 * (SEGV_MAPERR for an unmapped page, SEGV_ACCERR for a write to a
 * read-only one), si_addr = the faulting address, and siglongjmp back out;
 * repeated so the handler path runs through chained, cached TBs.  Also a
 * jump to an unmapped page and to a mapped, non-executable one (the fault
 * is at the target: si_addr = pc = target). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile siginfo_t seen;
static volatile int hits;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    seen = *si;
    seen.si_signo = sig;
    hits++;
    siglongjmp(env, 1);
}

static void probe(const char *what, volatile char *p, int write)
{
    memset((void *)&seen, 0, sizeof(seen));
    if (sigsetjmp(env, 1) == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        printf("%s: no fault\n", what);
        return;
    }
    printf("%s: signo=%d code=%d addr_ok=%d\n", what, seen.si_signo, seen.si_code,
           seen.si_addr == (void *)p);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, 4096);
    for (int i = 0; i < 3; i++) {
        probe("null read", (volatile char *)16, 0);
        probe("unmapped write", gone + 100, 1);
        probe("read-only write", ro + 8, 1);
        probe("read-only read", ro + 8, 0);
    }
    void (*fn)(void);
    for (int i = 0; i < 2; i++) {
        fn = (void (*)(void))(void *)(i ? (char *)ro : gone);
        memset((void *)&seen, 0, sizeof(seen));
        if (sigsetjmp(env, 1) == 0)
            fn();
        printf("jump to %s: signo=%d code=%d addr_ok=%d\n", i ? "no-exec page" : "unmapped",
               seen.si_signo, seen.si_code, seen.si_addr == (void *)fn);
    }
    volatile int total = 0;
    for (int i = 0; i < 20; i++) {
        if (sigsetjmp(env, 1) == 0)
            *(volatile int *)(gone + i * 8) = i;
        total++;
    }
    printf("hits=%d total=%d\n", hits, total);
    /* The mask was restored by siglongjmp: SIGSEGV is not blocked. */
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("segv blocked after longjmp: %d\n", sigismember(&cur, SIGSEGV));
    return 0;
}
