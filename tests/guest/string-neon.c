/* string-neon.c — glibc's AArch64 string functions, which are AdvSIMD code
 * (CMEQ, UMAXP, ADDP, SHRN, TBL, LD1 ...), over every length and alignment
 * up to 96 bytes and a few long buffers: strlen, strnlen, memchr, memrchr,
 * strchr, strrchr, strcmp, strncmp, memcmp, memcpy, memmove, memset,
 * strcpy.  Results fold into one checksum.  The argument is the number of
 * rounds (RUN-ARGS keeps the test short; a large one makes it a string-
 * heavy benchmark).
 */
// RUN-ARGS: 3
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char src[8192 + 64], dst[8192 + 64];
static uint64_t sum;

static void mix(uint64_t v)
{
    sum = (sum ^ v) * 0x100000001b3ull;
}

/* src[align .. align + len) = non-zero text with a terminator at len. */
static void make_string(unsigned align, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        src[align + i] = (unsigned char)('a' + (i * 7 + align) % 26);
    src[align + len] = 0;
}

static void small_cases(void)
{
    for (unsigned align = 0; align < 16; align++) {
        for (unsigned len = 0; len < 96; len++) {
            make_string(align, len);
            char *s = (char *)src + align;
            mix(strlen(s));
            mix(strnlen(s, len / 2 + 1));
            const void *p = memchr(s, 'a' + (len % 26), len);
            mix(p ? (uintptr_t)((const char *)p - s) : 999);
            p = memrchr(s, 'c', len);
            mix(p ? (uintptr_t)((const char *)p - s) : 998);
            char *c = strchr(s, 'q');
            mix(c ? (uintptr_t)(c - s) : 997);
            c = strrchr(s, 'e');
            mix(c ? (uintptr_t)(c - s) : 996);
            memcpy(dst + (align * 3) % 16, s, len + 1);
            char *d = (char *)dst + (align * 3) % 16;
            mix((uint64_t)(strcmp(d, s) == 0));
            if (len > 0) {
                d[len - 1] ^= 1;
                mix((uint64_t)(strcmp(d, s) > 0) + 2 * (uint64_t)(memcmp(d, s, len) < 0));
                mix((uint64_t)(strncmp(d, s, len - 1) == 0));
            }
            memmove(d + 1, d, len);
            mix((unsigned char)d[len / 2]);
            memset(d, 'z', len);
            mix((unsigned char)d[len ? len - 1 : 0]);
            strcpy(d, s);
            mix(strlen(d));
        }
    }
}

static void long_cases(void)
{
    for (unsigned len = 1000; len < 8192; len += 1777) {
        make_string(3, len);
        mix(strlen((char *)src + 3));
        mix((uint64_t)((unsigned char *)memchr(src + 3, 0, len + 1) - src));
        memcpy(dst, src, len);
        mix((uint64_t)memcmp(dst, src, len));
        mix(strcmp((char *)dst + 3, (char *)src + 3) == 0);
    }
}

int main(int argc, char **argv)
{
    unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 3;
    for (unsigned r = 0; r < rounds; r++) {
        small_cases();
        long_cases();
    }
    printf("string-neon %u rounds, checksum %016llx\n", rounds, (unsigned long long)sum);
    return 0;
}
