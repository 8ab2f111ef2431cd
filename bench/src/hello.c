/* bench/src/hello.c — static hello world: the start-up row of the trans
 * set (ELF loading, libc initialisation, one write, exit), run many times
 * in a row.  The acceptance: no slower than qemu-aarch64. */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
