/* A NULL-pointer store in a glibc program must end the process with
 * SIGSEGV in a way the parent shell observes (status 139), after stdout
 * written before the crash has reached the pipe.
 * RUN-SH: yes */
#include <stdio.h>

int main(void)
{
    printf("about to dereference NULL\n");
    fflush(stdout);
    *(volatile int *)0 = 1;
    printf("not reached\n");
    return 0;
}
