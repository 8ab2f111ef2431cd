/* Control flow: deep recursion (Ackermann), mutual recursion, function
 * pointer tables, dense and sparse switch statements (jump tables and
 * compare trees), setjmp/longjmp across frames, and goto-based loops. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

static int ackermann(int m, int n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);

static int is_even(unsigned n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

static int is_odd(unsigned n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

static int dense(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 22;
    case 2: return 33;
    case 3: return 44;
    case 4: return 55;
    case 5: return 66;
    case 6: return 77;
    case 7: return 88;
    case 8: return 99;
    default: return -1;
    }
}

static int sparse(int x)
{
    switch (x) {
    case -1000: return 1;
    case 7: return 2;
    case 300: return 3;
    case 65536: return 4;
    case 1 << 30: return 5;
    default: return 0;
    }
}

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_xor(int a, int b) { return a ^ b; }

static void dive(int depth)
{
    if (depth == 0)
        longjmp(env, 7);
    dive(depth - 1);
    printf("not reached\n");
}

int main(void)
{
    printf("ackermann(2,3)=%d ackermann(3,5)=%d\n", ackermann(2, 3), ackermann(3, 5));
    printf("is_even(10001)=%d is_odd(777)=%d\n", is_even(10001), is_odd(777));
    long s = 0;
    for (int i = -2; i < 12; i++)
        s = s * 3 + dense(i);
    printf("dense switch %ld\n", s);
    int xs[] = { -1000, 7, 300, 65536, 1 << 30, 5, 0 };
    s = 0;
    for (int i = 0; i < 7; i++)
        s = s * 10 + sparse(xs[i]);
    printf("sparse switch %ld\n", s);
    int (*ops[])(int, int) = { op_add, op_sub, op_mul, op_xor };
    int acc = 1;
    for (int i = 0; i < 40; i++)
        acc = ops[i % 4](acc, i + 3);
    printf("function pointers %d\n", acc);
    int r = setjmp(env);
    if (r == 0) {
        dive(50);
    } else {
        printf("longjmp returned %d\n", r);
    }
    int n = 0, i = 0;
loop:
    n += i * i;
    if (++i < 100)
        goto loop;
    printf("goto loop %d\n", n);
    return 0;
}
