/* The /proc files a program reads about itself must describe the guest:
 * /proc/self/exe is this program (readlink, and open reads an AArch64 ELF),
 * /proc/self/maps shows guest addresses with the guest's permissions and
 * file names, /proc/self/auxv holds what getauxval returns, and
 * /proc/self/cmdline the argv strings.  Only facts, no addresses, are
 * printed, so the output is the same under any loader layout.
 * BUILD: dynamic
 * RUN-ARGS: first "second arg" "" */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void check_exe(const char *argv0)
{
    char link[4096];
    ssize_t n = readlink("/proc/self/exe", link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("exe: absolute %d, same name as argv[0] %d\n", link[0] == '/',
           !strcmp(base_name(link), base_name(argv0)));
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    char link2[4096];
    n = readlink(own, link2, sizeof(link2) - 1);
    link2[n > 0 ? n : 0] = '\0';
    printf("exe by pid is the same: %d\n", !strcmp(link, link2));
    char tiny[4];
    printf("readlink truncates: %zd\n", readlink("/proc/self/exe", tiny, sizeof(tiny)));

    Elf64_Ehdr eh;
    int fd = open("/proc/self/exe", O_RDONLY);
    printf("exe opens: %d, ", fd >= 0);
    printf("ELF AArch64: %d\n", fd >= 0 && read(fd, &eh, sizeof(eh)) == sizeof(eh) &&
           !memcmp(eh.e_ident, ELFMAG, SELFMAG) && eh.e_machine == EM_AARCH64);
    close(fd);
}

/* The maps line holding addr: its permissions and name. */
static int find_map(uintptr_t addr, char perms[5], char *name, size_t size)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    int found = 0;
    while (f && !found && fgets(line, sizeof(line), f)) {
        unsigned long lo, hi;
        int at = 0;
        if (sscanf(line, "%lx-%lx %4s %*x %*s %*u %n", &lo, &hi, perms, &at) < 3)
            continue;
        if (addr >= lo && addr < hi) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(name, size, "%s", at ? line + at : "");
            found = 1;
        }
    }
    if (f)
        fclose(f);
    return found;
}

static void check_maps(const char *argv0)
{
    char perms[5] = "", name[4096] = "";
    int on_stack = 0;
    int f = find_map((uintptr_t)&check_maps, perms, name, sizeof(name));
    printf("maps: own code %d %s named after the program %d\n", f, perms,
           !strcmp(base_name(name), base_name(argv0)));
    f = find_map((uintptr_t)&puts, perms, name, sizeof(name));
    printf("maps: libc code %d %s libc.so.6 %d\n", f, perms, strstr(name, "libc.so.6") != NULL);
    f = find_map(getauxval(AT_BASE), perms, name, sizeof(name));
    printf("maps: loader %d %s ld-linux %d\n", f, perms,
           strstr(name, "ld-linux-aarch64.so.1") != NULL);
    f = find_map((uintptr_t)&on_stack, perms, name, sizeof(name));
    printf("maps: stack %d %s [stack] %d\n", f, perms, !strcmp(name, "[stack]"));
    char *heap = malloc(64);
    f = find_map((uintptr_t)heap, perms, name, sizeof(name));
    printf("maps: malloc %d %s\n", f, perms);
    free(heap);
    f = find_map(0x1000, perms, name, sizeof(name));
    printf("maps: page 0x1000 mapped %d\n", f);
}

static void check_auxv(void)
{
    static const unsigned long types[] = {
        AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE, AT_ENTRY, AT_UID,
        AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP, AT_HWCAP2,
        AT_CLKTCK, AT_EXECFN, AT_PLATFORM,
    };
    unsigned long av[128][2];
    int fd = open("/proc/self/auxv", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, av, sizeof(av)) : -1;
    close(fd);
    printf("auxv: whole pairs %d, ends with AT_NULL %d\n", n > 0 && n % 16 == 0,
           n >= 16 && av[n / 16 - 1][0] == AT_NULL);
    int same = 0, found = 0;
    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++)
        for (ssize_t i = 0; i < n / 16; i++)
            if (av[i][0] == types[t]) {
                found++;
                same += av[i][1] == getauxval(types[t]);
                break;
            }
    printf("auxv: %d of %zu types present, %d agree with getauxval\n", found,
           sizeof(types) / sizeof(types[0]), same);
}

static void check_cmdline(int argc, char **argv)
{
    char want[4096], got[4096];
    size_t len = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        memcpy(want + len, argv[i], l);
        len += l;
    }
    int fd = open("/proc/self/cmdline", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, got, sizeof(got)) : -1;
    close(fd);
    printf("cmdline: %zd bytes, equals argv %d\n", n - (ssize_t)len,
           n == (ssize_t)len && !memcmp(want, got, len));
}

int main(int argc, char **argv)
{
    check_exe(argv[0]);
    check_maps(argv[0]);
    check_auxv();
    check_cmdline(argc, argv);
    return 0;
}
