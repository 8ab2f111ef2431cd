/* Exit paths: atexit handlers run in reverse order, stdio buffers are
 * flushed at exit, and the status byte reaches the parent (42). */
#include <stdio.h>
#include <stdlib.h>

static void first(void)
{
    printf("atexit: registered first, runs last\n");
}

static void second(void)
{
    printf("atexit: registered second, runs first\n");
}

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered output without newline...");
    printf(" flushed by exit\n");
    exit(42);
}
