/* Number parsing and conversion: strtol/strtoul/strtoll in bases 0, 2, 8,
 * 10, 16 and 36, end pointers, ERANGE saturation, atoi, sscanf of mixed
 * fields, and a hand-written itoa round trip against snprintf. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse(const char *s, int base)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, base);
    int e = errno;
    errno = 0;
    unsigned long u = strtoul(s, NULL, base);
    printf("%-24s base %2d -> %ld (rest \"%s\", %s) ul=%lu%s\n", s, base, v, end,
           e == ERANGE ? "ERANGE" : "ok", u, errno == ERANGE ? " ERANGE" : "");
}

static char *my_itoa(long v, char *buf)
{
    char tmp[24];
    int n = 0;
    unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    char *p = buf;
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    *p = 0;
    return buf;
}

int main(void)
{
    parse("12345", 10);
    parse("  -42xyz", 10);
    parse("0x1F", 0);
    parse("0777", 0);
    parse("1011", 2);
    parse("zz", 36);
    parse("ffffffffffffffff", 16);
    parse("9223372036854775808", 10);
    parse("-9223372036854775809", 10);
    parse("+17", 8);
    parse("", 10);
    printf("strtoll %lld strtoull %llu\n", strtoll("-123456789012", NULL, 10),
           strtoull("18446744073709551615", NULL, 10));
    printf("atoi %d %d %d\n", atoi("2147483647"), atoi("-12abc"), atoi("x"));
    int a, n;
    unsigned b;
    char word[16];
    int got = sscanf("17 0x2a hello 99", "%d %x %15s %n", &a, &b, word, &n);
    printf("sscanf got=%d a=%d b=%u word=%s consumed=%d\n", got, a, b, word, n);
    int bad = 0;
    char mine[32], ref[32];
    unsigned long v = 1;
    for (int i = 0; i < 2000; i++) {
        v = v * 6364136223846793005UL + 1442695040888963407UL;
        long x = (long)v >> (i % 60);
        snprintf(ref, sizeof(ref), "%ld", x);
        if (strcmp(my_itoa(x, mine), ref) != 0)
            bad++;
        if (strtol(ref, NULL, 10) != x)
            bad++;
    }
    printf("itoa round trips bad=%d last=%s\n", bad, ref);
    printf("LONG_MIN itoa %s\n", my_itoa(LONG_MIN, mine));
    return 0;
}
