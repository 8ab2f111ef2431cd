/* sigaltstack + SA_ONSTACK: unbounded recursion overflows the stack and
 * the SIGSEGV handler runs on the alternate stack (its locals are there,
 * sigaltstack reports SS_ONSTACK inside it, uc_stack describes it), then
 * siglongjmps out.  Also: a second sigaltstack while on the alternate
 * stack fails with EPERM, a too-small one with ENOMEM, SS_DISABLE reports
 * SS_DISABLE, and a handler without SA_ONSTACK stays on the normal stack.
 * Last, an overflow with no alternate stack: the frame cannot be written,
 * and the process dies of SIGSEGV although a handler is installed. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#define ALT_SIZE (64 * 1024)

static char *alt;
static sigjmp_buf env;
static volatile int on_alt, reported_onstack, eperm, uc_stack_ok, depth_ok;

static int in_alt(const void *p)
{
    return (const char *)p >= alt && (const char *)p < alt + ALT_SIZE;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    int local;
    (void)sig, (void)si;
    on_alt = in_alt(&local);
    stack_t cur;
    sigaltstack(NULL, &cur);
    reported_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
    stack_t other = { .ss_sp = alt, .ss_size = ALT_SIZE };
    eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
    uc_stack_ok = uc->uc_stack.ss_sp == alt && uc->uc_stack.ss_size == ALT_SIZE;
    siglongjmp(env, 1);
}

static volatile unsigned long deepest;

static unsigned long recurse(unsigned long n)
{
    volatile char pad[512];
    pad[0] = (char)n;
    deepest = n;
    return recurse(n + 1) + pad[0];
}

static volatile int plain_on_alt = -1;

static void on_usr1(int sig)
{
    int local;
    (void)sig;
    plain_on_alt = in_alt(&local);
}

int main(void)
{
    alt = malloc(ALT_SIZE);
    stack_t ss = { .ss_sp = alt, .ss_size = 1024 };
    printf("tiny altstack: %s\n", sigaltstack(&ss, NULL) == -1 && errno == ENOMEM ? "ENOMEM" : "?");
    ss.ss_size = ALT_SIZE;
    if (sigaltstack(&ss, NULL))
        return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sa.sa_handler = on_usr1;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);

    for (int round = 0; round < 2; round++) {
        if (sigsetjmp(env, 1) == 0) {
            recurse(0);
            printf("no overflow\n");
        }
        printf("round %d: overflowed=%d on_alt=%d onstack=%d eperm=%d uc_stack=%d\n",
               round, deepest > 1000, on_alt, reported_onstack, eperm, uc_stack_ok);
    }
    raise(SIGUSR1);
    printf("handler without SA_ONSTACK on altstack: %d\n", plain_on_alt);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("outside: onstack=%d disabled=%d\n", (cur.ss_flags & SS_ONSTACK) != 0,
           (cur.ss_flags & SS_DISABLE) != 0);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &cur);
    printf("after SS_DISABLE: disabled=%d\n", (cur.ss_flags & SS_DISABLE) != 0);
    fflush(stdout);
    recurse(0);
    printf("not reached\n");
    return 0;
}
