/* String and memory functions of glibc (which use SIMD and unaligned
 * accesses internally) at every alignment and length around the vector
 * widths, checked against simple byte loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned checksum(const unsigned char *p, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static size_t ref_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int check_lengths(void)
{
    static char buf[256];
    int bad = 0;
    for (int align = 0; align < 16; align++)
        for (int len = 0; len < 100; len++) {
            memset(buf, 'x', sizeof(buf));
            buf[align + len] = 0;
            if (strlen(buf + align) != ref_strlen(buf + align))
                bad++;
            if (memchr(buf + align, 0, 200) != buf + align + len)
                bad++;
            if (strchr(buf + align, 0) != buf + align + len)
                bad++;
        }
    return bad;
}

static int check_copies(void)
{
    static unsigned char src[300], dst[300];
    int bad = 0;
    for (int i = 0; i < 300; i++)
        src[i] = (unsigned char)(i * 7 + 3);
    for (int sa = 0; sa < 8; sa++)
        for (int da = 0; da < 8; da++)
            for (int len = 0; len < 70; len += 3) {
                memset(dst, 0, sizeof(dst));
                memcpy(dst + da, src + sa, len);
                if (memcmp(dst + da, src + sa, len) != 0)
                    bad++;
                if (len && dst[da + len] != 0)
                    bad++;
            }
    memcpy(dst, src, 300);
    memmove(dst + 5, dst, 200);
    memmove(dst + 100, dst + 120, 150);
    printf("memmove checksum %08x\n", checksum(dst, 300));
    return bad;
}

static void show_searches(void)
{
    const char *text = "the quick brown fox jumps over the lazy dog";
    printf("strstr: %s\n", strstr(text, "fox"));
    printf("strrchr: %s\n", strrchr(text, 't'));
    printf("strpbrk: %s\n", strpbrk(text, "xyz"));
    printf("strspn=%zu strcspn=%zu\n", strspn(text, "the "), strcspn(text, "q"));
    printf("cmp: %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0,
           strncmp("abcdef", "abcxyz", 3));
    printf("memcmp sign: %d\n", memcmp("\x80", "\x01", 1) > 0);
}

static void show_builders(void)
{
    char buf[128] = "alpha";
    strcat(buf, ",beta");
    strncat(buf, ",gamma-delta", 6);
    printf("strcat: %s (%zu)\n", buf, strlen(buf));
    char *dup = strdup(buf);
    int fields = 0;
    for (char *tok = strtok(dup, ","); tok; tok = strtok(NULL, ","))
        printf("token %d: %s\n", fields++, tok);
    free(dup);
    char small[8];
    strncpy(small, "abcdefghij", sizeof(small) - 1);
    small[7] = 0;
    printf("strncpy: %s\n", small);
    memset(buf, '-', 40);
    buf[40] = 0;
    printf("memset: %s\n", buf);
}

int main(void)
{
    int bad = check_lengths();
    printf("length checks bad=%d\n", bad);
    bad = check_copies();
    printf("copy checks bad=%d\n", bad);
    show_searches();
    show_builders();
    return 0;
}
