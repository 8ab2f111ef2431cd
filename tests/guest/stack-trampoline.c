/* Regression: a GCC nested function whose address escapes needs a
 * trampoline on the stack, and the linker marks PT_GNU_STACK executable;
 * tern once mapped the guest stack non-executable regardless (SIGSEGV at the
 * trampoline).  Found by the GCC torture tests (nestfunc-*). */
#include <stdio.h>

static int apply(int (*fn)(int), int v) { return fn(v); }

int main(void)
{
    int bias = 40;
    int add_bias(int x) { return x + bias; }   /* captures bias: trampoline */
    int total = 0;
    for (int i = 0; i < 12; i++)
        total += apply(add_bias, i);
    printf("trampoline total %d\n", total);
    return total == 12 * 40 + 66 ? 0 : 1;
}
