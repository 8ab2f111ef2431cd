/* printf formatting of integers: every conversion, flag, width and length
 * modifier glibc's vfprintf handles for integers, at the type limits. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void print_limits(void)
{
    printf("char %d %d uchar %u\n", CHAR_MIN, CHAR_MAX, UCHAR_MAX);
    printf("short %hd %hd ushort %hu\n", (short)SHRT_MIN, (short)SHRT_MAX,
           (unsigned short)USHRT_MAX);
    printf("int %d %d uint %u\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("long %ld %ld ulong %lu\n", LONG_MIN, LONG_MAX, ULONG_MAX);
    printf("llong %lld %llx\n", LLONG_MIN, (unsigned long long)LLONG_MIN);
    printf("hh %hhd %hhu %hhx\n", (signed char)-128, (unsigned char)255,
           (unsigned char)0xab);
    printf("intmax %jd size %zu ptrdiff %td\n", INTMAX_MIN, SIZE_MAX,
           (ptrdiff_t)-12345);
    printf("PRI %" PRId64 " %" PRIu32 " %" PRIx16 "\n", INT64_C(-9),
           UINT32_C(4000000000), (uint16_t)0xbeef);
}

static void print_flags(void)
{
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+05d]\n", 42, 42, 42, 42, 42, -42);
    printf("[%x] [%X] [%#x] [%#X] [%#o] [%o] [%#08x]\n", 255, 255, 255, 255, 8,
           8, 255);
    printf("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0x]\n", 7, 7, -7, 0, 0);
    printf("[%*d] [%-*d] [%.*d]\n", 6, 12, 6, 12, 4, 12);
    printf("[%lx] [%lo] [%lu]\n", 0xdeadbeefcafeUL, 0777UL, 1UL << 63);
    printf("[%c%c%c] [%%] [%5c]\n", 'a', 'b', 'c', 'z');
}

static void print_table(void)
{
    long v = 1;
    for (int i = 0; i < 20; i++) {
        printf("%2d %20ld %16lx %22lo\n", i, v, (unsigned long)v,
               (unsigned long)v);
        v = v * 9 + i;
    }
}

static void print_snprintf(void)
{
    char buf[16];
    int n = snprintf(buf, sizeof(buf), "%d-%d-%d", 123456, 789012, 345678);
    printf("snprintf n=%d buf=%s len=%zu\n", n, buf, strlen(buf));
    n = snprintf(NULL, 0, "%ld", LONG_MIN);
    printf("snprintf(NULL) n=%d\n", n);
    n = sprintf(buf, "%8.3x|", 0xab);
    printf("sprintf n=%d buf=%s\n", n, buf);
}

int main(void)
{
    print_limits();
    print_flags();
    print_table();
    print_snprintf();
    return 0;
}
