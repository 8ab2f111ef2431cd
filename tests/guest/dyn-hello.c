/* A dynamically linked program: the kernel-style start through
 * ld-linux-aarch64.so.1 from the sysroot, libc.so.6 bound lazily and
 * eagerly, and the auxv entries that only a PT_INTERP program sees
 * (AT_BASE = where the loader is, AT_ENTRY = the program's _start, AT_PHDR
 * = the program's own headers).
 * BUILD: dynamic
 * RUN-ARGS: one "two words" */
#define _GNU_SOURCE 1
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern void _start(void);

/* dl_iterate_phdr callback: counts the objects and finds libc and ld.so. */
static int count_object(struct dl_phdr_info *info, size_t size, void *data)
{
    int *seen = data;
    (void)size;
    seen[0]++;
    if (strstr(info->dlpi_name, "libc.so.6"))
        seen[1] = 1;
    if (strstr(info->dlpi_name, "ld-linux-aarch64.so.1") &&
        info->dlpi_addr == getauxval(AT_BASE))
        seen[2] = 1;
    return 0;
}

int main(int argc, char **argv)
{
    printf("hello from a dynamic program, argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    printf("AT_BASE set: %d\n", getauxval(AT_BASE) != 0);
    printf("AT_ENTRY is _start: %d\n", getauxval(AT_ENTRY) == (unsigned long)&_start);
    const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    printf("AT_PHDR has a PT_PHDR first: %d\n", ph && ph[0].p_type == PT_PHDR);
    printf("AT_PHNUM matches: %d\n", getauxval(AT_PHNUM) > 2);
    printf("no vDSO: %d\n", getauxval(AT_SYSINFO_EHDR) == 0);
    int seen[3] = { 0, 0, 0 };
    dl_iterate_phdr(count_object, seen);
    printf("objects >= 3: %d, libc: %d, ld.so at AT_BASE: %d\n", seen[0] >= 3, seen[1],
           seen[2]);
    /* Through the PLT, resolved lazily at the first call. */
    char *copy = strdup("bound through the PLT");
    puts(copy);
    free(copy);
    return 7;
}
