/* Thread-local storage in a static program: __thread variables (initialised
 * and zero-filled) are addressed from TPIDR_EL0, which glibc sets up at
 * start-up; errno is one of them.  Checks values, independence of
 * variables, and that the thread pointer stays stable across calls. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static __thread int counter = 100;
static __thread long zeroed[32];
static __thread char tag[16] = "tls-tag";

static uintptr_t thread_pointer(void)
{
    uintptr_t tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

static void bump(int n)
{
    for (int i = 0; i < n; i++) {
        counter += i;
        zeroed[i % 32] += counter;
    }
}

int main(void)
{
    uintptr_t tp = thread_pointer();
    printf("thread pointer set=%d\n", tp != 0);
    printf("initial counter=%d zeroed[5]=%ld tag=%s\n", counter, zeroed[5], tag);
    bump(1000);
    long sum = 0;
    for (int i = 0; i < 32; i++)
        sum += zeroed[i];
    printf("after bump counter=%d sum=%ld\n", counter, sum);
    tag[3] = '_';
    printf("tag=%s\n", tag);
    errno = 0;
    int r = close(-1);
    printf("close(-1)=%d errno=EBADF:%d\n", r, errno == EBADF);
    printf("thread pointer stable=%d\n", thread_pointer() == tp);
    printf("&counter inside TLS block: %d\n",
           (uintptr_t)&counter - tp < 65536 || tp - (uintptr_t)&counter < 65536);
    return 0;
}
