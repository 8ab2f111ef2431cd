/* Memory layout work: bit-fields (signed and unsigned, straddling words),
 * packed structs with misaligned members, unions for type punning,
 * char/short sign and zero extension, struct copy and return by value. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct bits {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 12;
    signed d : 20;
    uint64_t e : 40;
    int64_t f : 23;
};

struct __attribute__((packed)) packed {
    uint8_t tag;
    uint32_t u32;
    uint16_t u16;
    uint64_t u64;
    int16_t s16;
};

union pun {
    uint64_t u;
    int32_t s[2];
    uint8_t b[8];
};

struct big {
    long v[9];
};

static struct big make_big(long seed)
{
    struct big r;
    for (int i = 0; i < 9; i++)
        r.v[i] = seed * (i + 1) - i;
    return r;
}

static void bitfields(void)
{
    struct bits x;
    memset(&x, 0, sizeof(x));
    long sum = 0;
    for (int i = 0; i < 200; i++) {
        x.a = i;
        x.b = i - 100;
        x.c += i * 37;
        x.d = -i * 4099;
        x.e += 0x123456789ull * i;
        x.f = i * -31337;
        sum += x.a + x.b + x.c + x.d + (long)(x.e >> 20) + x.f;
    }
    printf("bitfields a=%u b=%d c=%u d=%d e=%llx f=%lld sum=%ld\n", x.a, x.b,
           x.c, x.d, (unsigned long long)x.e, (long long)x.f, sum);
}

static void packed_access(void)
{
    static struct packed arr[16];
    for (int i = 0; i < 16; i++) {
        arr[i].tag = (uint8_t)i;
        arr[i].u32 = 0x01020304u * i;
        arr[i].u16 = (uint16_t)(0xfff0 + i);
        arr[i].u64 = 0x0102030405060708ull * i;
        arr[i].s16 = (int16_t)(-i * 1000);
    }
    uint64_t h = 0;
    for (int i = 0; i < 16; i++)
        h = h * 31 + arr[i].tag + arr[i].u32 + arr[i].u16 + arr[i].u64 + arr[i].s16;
    printf("packed size=%zu hash=%016llx\n", sizeof(struct packed),
           (unsigned long long)h);
}

static void extension(void)
{
    volatile signed char sc = -5;
    volatile unsigned char uc = 250;
    volatile short ss = -30000;
    volatile unsigned short us = 60000;
    long l = sc + uc + ss + us;
    unsigned long ul = (unsigned long)(long)sc;
    int32_t neg = -1;
    uint64_t widened = (uint32_t)neg;
    printf("extend sum=%ld ul=%lx widened=%llx sc>>1=%d\n", l, ul,
           (unsigned long long)widened, sc >> 1);
    union pun p = { .u = 0x80000001fffffffeull };
    printf("union s0=%d s1=%d b0=%u b7=%u\n", p.s[0], p.s[1], p.b[0], p.b[7]);
}

int main(void)
{
    bitfields();
    packed_access();
    extension();
    struct big a = make_big(3), b;
    b = a;
    b.v[8] += 1;
    long t = 0;
    for (int i = 0; i < 9; i++)
        t += a.v[i] * b.v[i];
    printf("struct copy %ld\n", t);
    return 0;
}
