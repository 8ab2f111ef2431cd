/* /proc/cpuinfo in arm64's format, agreeing with AT_HWCAP: every feature
 * the auxv announces is on the Features line and every name there is
 * announced, one block per processor, and the MIDR fields present.
 * QEMU-DEVIATION: qemu-aarch64 7.2 shows the host's x86 /proc/cpuinfo
 * BUILD: dynamic */
#include <asm/hwcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

/* AT_HWCAP bits 0..31 by their Linux names. */
static const char *const names[32] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
    "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc",
    "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm",
    "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};

static int has_word(const char *line, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = line; (p = strstr(p, w)); p += n)
        if (p[-1] == ' ' && (p[n] == ' ' || p[n] == '\n' || !p[n]))
            return 1;
    return 0;
}

/* Each HWCAP bit agrees with the Features line; returns the mismatches. */
static int check_features(const char *line, unsigned long hwcap)
{
    int bad = 0;
    for (int bit = 0; bit < 32; bit++)
        if (((hwcap >> bit) & 1) != (unsigned long)has_word(line, names[bit])) {
            printf("mismatch: %s (hwcap bit %d = %lu)\n", names[bit], bit, (hwcap >> bit) & 1);
            bad++;
        }
    return bad;
}

int main(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) {
        perror("/proc/cpuinfo");
        return 1;
    }
    char line[4096];
    int procs = 0, features = 0, bad = 0, arch8 = 0, impl = 0, part = 0;
    unsigned long hwcap = getauxval(AT_HWCAP);
    while (fgets(line, sizeof(line), f)) {
        procs += !strncmp(line, "processor\t: ", 12);
        arch8 += !strcmp(line, "CPU architecture: 8\n");
        impl += !strncmp(line, "CPU implementer\t: 0x", 20);
        part += !strncmp(line, "CPU part\t: 0x", 13);
        if (!strncmp(line, "Features\t:", 10)) {
            features++;
            bad += check_features(line + 9, hwcap);
        }
    }
    fclose(f);
    printf("processors >= 1: %d\n", procs >= 1);
    printf("one Features line, CPU architecture, implementer, part per processor: %d %d %d %d\n",
           features == procs, arch8 == procs, impl == procs, part == procs);
    printf("Features agree with AT_HWCAP: %d\n", bad == 0);
    printf("fp and asimd announced: %d\n", (hwcap & (HWCAP_FP | HWCAP_ASIMD)) ==
           (HWCAP_FP | HWCAP_ASIMD));
    return 0;
}
