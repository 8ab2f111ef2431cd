/* indirect.c — computed control flow: every kind of BR, BLR and RET a C
 * program makes, looped so that the targets are translated, cached in the
 * jump cache and hit many times (tern's inline lookup), with many targets
 * per branch site and many return sites per function.
 *
 *   - a table of function pointers called round-robin (one BLR, 8 targets)
 *   - deep non-tail recursion through a volatile pointer (BLR/RET pairs,
 *     tens of thousands of frames)
 *   - mutual recursion returning to alternating call sites
 *   - computed goto (GCC labels as values: a bytecode loop, one BR)
 *   - a dense switch (a jump table)
 *   - setjmp/longjmp out of a deep recursion, repeated
 *   - qsort and bsearch calling back a comparator from libc
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned f0(unsigned x) { return x + 1; }
static unsigned f1(unsigned x) { return x * 3; }
static unsigned f2(unsigned x) { return x ^ 0x5a5a; }
static unsigned f3(unsigned x) { return x >> 1; }
static unsigned f4(unsigned x) { return x - 7; }
static unsigned f5(unsigned x) { return (x << 5) | (x >> 27); }
static unsigned f6(unsigned x) { return ~x; }
static unsigned f7(unsigned x) { return x * 0x9e3779b1u; }

static unsigned (*volatile table[8])(unsigned) = { f0, f1, f2, f3, f4, f5, f6, f7 };

static void pointer_table(void)
{
    unsigned x = 1;
    for (unsigned i = 0; i < 200000; i++)
        x = table[(i * 5 + (x & 1)) & 7](x);
    printf("pointer table: %08x\n", x);
}

static uint64_t depth_fn(uint64_t n);
static uint64_t (*volatile depth_ptr)(uint64_t) = depth_fn;

/* Not a tail call: the add after the call keeps every frame live. */
static uint64_t depth_fn(uint64_t n)
{
    if (n == 0)
        return 0;
    return depth_ptr(n - 1) + (n ^ (n >> 3));
}

static void deep_recursion(void)
{
    uint64_t sum = 0;
    for (unsigned round = 0; round < 20; round++)
        sum += depth_ptr(40000 + round);
    printf("deep recursion: %llu\n", (unsigned long long)sum);
}

static int is_odd(unsigned n);
static int (*volatile odd_ptr)(unsigned) = is_odd;

static int is_even(unsigned n)
{
    if (n == 0)
        return 1;
    int r = odd_ptr(n - 1);
    return r;
}

static int is_odd(unsigned n)
{
    if (n == 0)
        return 0;
    int r = is_even(n - 1);
    return r;
}

static void mutual_recursion(void)
{
    unsigned odd = 0;
    for (unsigned n = 0; n < 3000; n++)
        odd += is_odd(n % 997);
    printf("mutual recursion: %u odd\n", odd);
}

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC, OP_HALT };

/* A stack machine with one "goto *" per op: the classic computed goto. */
static long run_bytecode(const int *code)
{
    static void *const ops[] = {
        &&op_push, &&op_add, &&op_mul, &&op_dup, &&op_swap, &&op_jnz, &&op_dec, &&op_halt,
    };
    long stack[16];
    int sp = 0, pc = 0;
#define NEXT goto *ops[code[pc++]]
    NEXT;
op_push: stack[sp++] = code[pc++]; NEXT;
op_add:  sp--; stack[sp - 1] += stack[sp]; NEXT;
op_mul:  sp--; stack[sp - 1] = (stack[sp - 1] * stack[sp]) % 1000003; NEXT;
op_dup:  stack[sp] = stack[sp - 1]; sp++; NEXT;
op_swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
op_jnz:  { int target = code[pc++]; if (stack[sp - 1]) pc = target; } NEXT;
op_dec:  stack[sp - 1]--; NEXT;
op_halt: return stack[0];
#undef NEXT
}

static void computed_goto(void)
{
    /* acc = 1; n = 50000; do acc = acc * 3 % 1000003 + 1; while (--n); */
    static const int loop[] = {
        OP_PUSH, 1, OP_PUSH, 50000,     /* acc n */
        /* 4: */ OP_SWAP,               /* n acc */
        OP_PUSH, 3, OP_MUL,             /* n acc*3 */
        OP_PUSH, 1, OP_ADD,             /* n acc*3+1 */
        OP_SWAP, OP_DEC,                /* acc' n-1 */
        OP_JNZ, 4,
        OP_HALT,
    };
    printf("computed goto: %ld\n", run_bytecode(loop));
}

static __attribute__((noinline)) unsigned step(unsigned op, unsigned x)
{
    switch (op) {
    case 0: return x + 11;
    case 1: return x * 7;
    case 2: return x ^ (x >> 3);
    case 3: return x - 5;
    case 4: return x | 0x100;
    case 5: return x & 0xfffff;
    case 6: return x << 2;
    case 7: return x >> 1;
    case 8: return x + (x >> 5);
    case 9: return x * 13 + 1;
    default: return x;
    }
}

static void dense_switch(void)
{
    unsigned x = 7;
    for (unsigned i = 0; i < 300000; i++)
        x = step((x + i) % 11, x);
    printf("dense switch: %08x\n", x);
}

static jmp_buf escape;
static void dive(unsigned n);
static void (*volatile dive_ptr)(unsigned) = dive;

static void dive(unsigned n)
{
    if (n == 0)
        longjmp(escape, 42);
    dive_ptr(n - 1);
}

static void setjmp_longjmp(void)
{
    unsigned landed = 0, sum = 0;
    for (unsigned i = 0; i < 1000; i++) {
        int v = setjmp(escape);
        if (v == 0) {
            dive(i % 300);
        } else {
            landed++;
            sum += (unsigned)v;
        }
    }
    printf("setjmp/longjmp: %u landings, %u\n", landed, sum);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void libc_callbacks(void)
{
    enum { N = 20000 };
    uint32_t *v = malloc(N * sizeof(*v));
    uint32_t s = 12345;
    for (unsigned i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        v[i] = s >> 8;
    }
    qsort(v, N, sizeof(*v), cmp_u32);
    unsigned sorted = 1, found = 0;
    for (unsigned i = 1; i < N; i++)
        sorted &= v[i - 1] <= v[i];
    for (unsigned i = 0; i < N; i += 7)
        found += bsearch(&v[i], v, N, sizeof(*v), cmp_u32) != NULL;
    printf("qsort/bsearch: sorted %u, found %u, min %u max %u\n", sorted, found, v[0], v[N - 1]);
    free(v);
}

int main(void)
{
    pointer_table();
    deep_recursion();
    mutual_recursion();
    computed_goto();
    dense_switch();
    setjmp_longjmp();
    libc_callbacks();
    return 0;
}
