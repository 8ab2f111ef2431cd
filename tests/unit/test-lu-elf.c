/* tests/unit/test-lu-elf.c — the ELF loader and the initial stack.
 *
 * The test writes a minimal AArch64 ELF (headers, a code segment, a data
 * segment with bss) to a temporary file — no cross compiler needed — loads
 * it, and checks the mapped image, then the argc/argv/envp/auxv layout of
 * the stack.  The same file made ET_DYN serves as the interpreter of a
 * PT_INTERP program, found under a temporary sysroot.  Broken files check
 * the one-line errors.
 */
#define _GNU_SOURCE 1
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "linux-user/lu-internal.h"

#define FILE_SIZE 0x1200
#define TEXT_VADDR 0x400000
#define DATA_OFF 0x1100
#define DATA_VADDR 0x411100
#define DATA_FILESZ 0x20
#define DATA_MEMSZ 0x3000

typedef struct Fixture {
    LuMem mem;
    char path[64];
    uint8_t file[FILE_SIZE];
} Fixture;

static Elf64_Ehdr *ehdr(Fixture *fx) { return (Elf64_Ehdr *)fx->file; }
static Elf64_Phdr *phdr(Fixture *fx, int i) { return (Elf64_Phdr *)(fx->file + 64) + i; }

/* An ET_EXEC with PT_LOAD text (headers included), PT_LOAD data + bss and
 * PT_GNU_STACK; bytes after the data's file part are junk the loader must
 * not let into the bss. */
static void build_elf(Fixture *fx)
{
    memset(fx->file, 0x99, sizeof(fx->file));
    Elf64_Ehdr *e = ehdr(fx);
    memset(e, 0, sizeof(*e));
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = ET_EXEC;
    e->e_machine = EM_AARCH64;
    e->e_version = EV_CURRENT;
    e->e_entry = TEXT_VADDR + 0x100;
    e->e_phoff = 64;
    e->e_ehsize = sizeof(*e);
    e->e_phentsize = sizeof(Elf64_Phdr);
    e->e_phnum = 3;
    *phdr(fx, 0) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, TEXT_VADDR, TEXT_VADDR,
                                 0x200, 0x200, 0x10000 };
    *phdr(fx, 1) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VADDR, DATA_VADDR,
                                 DATA_FILESZ, DATA_MEMSZ, 0x10000 };
    *phdr(fx, 2) = (Elf64_Phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16 };
    memset(fx->file + DATA_OFF, 0x77, DATA_FILESZ);
}

static void write_to(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    fclose(f);
}

static void write_file(Fixture *fx, size_t size)
{
    write_to(fx->path, fx->file, size);
}

/* Rebuilds the program with a PT_INTERP naming interp (in the text
 * segment's file bytes, after the program headers). */
#define INTERP_OFF 0x180
static void add_interp(Fixture *fx, const char *interp)
{
    build_elf(fx);
    ehdr(fx)->e_phnum = 4;
    strcpy((char *)fx->file + INTERP_OFF, interp);
    *phdr(fx, 3) = (Elf64_Phdr){ PT_INTERP, PF_R, INTERP_OFF, TEXT_VADDR + INTERP_OFF,
                                 TEXT_VADDR + INTERP_OFF, strlen(interp) + 1,
                                 strlen(interp) + 1, 1 };
}

static int setup(void **state)
{
    Fixture *fx = calloc(1, sizeof(*fx));
    if (!fx || !lu_mem_init(&fx->mem))
        return -1;
    snprintf(fx->path, sizeof(fx->path), "/tmp/test-lu-elf-%d", (int)getpid());
    build_elf(fx);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    unlink(fx->path);
    lu_mem_destroy(&fx->mem);
    free(fx);
    return 0;
}

static void test_load_exec(void **state)
{
    Fixture *fx = *state;
    LuImage img;
    char err[256] = "";
    write_file(fx, FILE_SIZE);
    assert_int_equal(lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)), 0);
    assert_int_equal(img.entry, TEXT_VADDR + 0x100);
    assert_int_equal(img.phdr, TEXT_VADDR + 64);
    assert_int_equal(img.phnum, 3);
    assert_int_equal(img.phent, sizeof(Elf64_Phdr));
    assert_int_equal(img.load_bias, 0);
    assert_int_equal(img.brk, 0x415000);
    assert_int_equal(fx->mem.brk, 0x415000);
    assert_true(lu_access_ok(&fx->mem, TEXT_VADDR, 0x1000, PROT_READ | PROT_EXEC));
    assert_false(lu_access_ok(&fx->mem, TEXT_VADDR, 1, PROT_WRITE));
    uint32_t insn;
    assert_true(lu_read_code(&fx->mem, img.entry, &insn));
    assert_int_equal(insn, 0x99999999);
    const uint8_t *d = lu_g2h(&fx->mem, DATA_VADDR);
    assert_int_equal(d[0], 0x77);
    assert_int_equal(d[DATA_FILESZ - 1], 0x77);
    assert_int_equal(d[DATA_FILESZ], 0);                /* junk zeroed */
    assert_int_equal(d[0xeff - 0x100], 0);
    assert_true(lu_access_ok(&fx->mem, 0x413000, 0x2000, PROT_WRITE));
    assert_int_equal(*(uint8_t *)lu_g2h(&fx->mem, 0x414fff), 0);
    assert_false(lu_access_ok(&fx->mem, 0x415000, 1, PROT_READ));
    assert_false(lu_read_code(&fx->mem, DATA_VADDR, &insn));
}

static void test_load_static_pie(void **state)
{
    Fixture *fx = *state;
    LuImage img;
    char err[256] = "";
    ehdr(fx)->e_type = ET_DYN;
    ehdr(fx)->e_entry = 0x100;
    phdr(fx, 0)->p_vaddr = 0;
    phdr(fx, 1)->p_vaddr = DATA_VADDR - TEXT_VADDR;
    write_file(fx, FILE_SIZE);
    assert_int_equal(lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)), 0);
    assert_int_equal(img.load_bias, LU_PIE_BASE);
    assert_int_equal(img.entry, LU_PIE_BASE + 0x100);
    assert_int_equal(img.phdr, LU_PIE_BASE + 64);
    assert_int_equal(*(uint8_t *)lu_g2h(&fx->mem, LU_PIE_BASE + 0x11100), 0x77);
}

/* Regression: a bss-only PT_LOAD (p_filesz 0) whose offset lies past the
 * end of the file is valid (GNU ld emits it for .bss-only data). */
static void test_bss_only_segment(void **state)
{
    Fixture *fx = *state;
    LuImage img;
    char err[256] = "";
    *phdr(fx, 1) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, 0x3000, 0x413000, 0x413000,
                                 0, 0x2000, 0x10000 };
    write_file(fx, FILE_SIZE);
    assert_int_equal(lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)), 0);
    assert_true(lu_access_ok(&fx->mem, 0x413000, 0x2000, PROT_READ | PROT_WRITE));
    assert_int_equal(*(uint8_t *)lu_g2h(&fx->mem, 0x414fff), 0);
    assert_int_equal(img.brk, 0x415000);
}

/* ---- Read-only data of a big program ---------------------------------------- */

#define BIG_CODE ((uint64_t)9 << 20)           /* past LU_PREFAULT_CODE_MAX */
#define BIG_RODATA 0x800000                    /* offset = address - TEXT_VADDR */
#define BIG_RODATA_SIZE 0x10000
#define BIG_NAMES ".rodata\0.shstrtab"

/* The program made one 9 MiB code segment (a sparse file) whose section
 * headers, after it, name a .rodata of BIG_RODATA_SIZE at BIG_RODATA;
 * shstrndx as given (2 is right). */
static void write_big(Fixture *fx, unsigned shstrndx)
{
    build_elf(fx);
    Elf64_Ehdr *e = ehdr(fx);
    e->e_phnum = 1;
    e->e_shoff = BIG_CODE;
    e->e_shentsize = sizeof(Elf64_Shdr);
    e->e_shnum = 3;
    e->e_shstrndx = (uint16_t)shstrndx;
    *phdr(fx, 0) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, TEXT_VADDR, TEXT_VADDR,
                                 BIG_CODE, BIG_CODE, 0x10000 };
    write_file(fx, FILE_SIZE);
    uint64_t names = BIG_CODE + 3 * sizeof(Elf64_Shdr);
    Elf64_Shdr sh[3] = {
        { 0 },
        { .sh_name = 1, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC,
          .sh_addr = TEXT_VADDR + BIG_RODATA, .sh_offset = BIG_RODATA,
          .sh_size = BIG_RODATA_SIZE, .sh_addralign = 16 },
        { .sh_name = 9, .sh_type = SHT_STRTAB, .sh_offset = names,
          .sh_size = sizeof(BIG_NAMES), .sh_addralign = 1 },
    };
    int fd = open(fx->path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, sh, sizeof(sh), BIG_CODE), sizeof(sh));
    assert_int_equal(pwrite(fd, "\0" BIG_NAMES, sizeof(BIG_NAMES) + 1, (off_t)names),
                     sizeof(BIG_NAMES) + 1);
    close(fd);
}

/* The host page of guest address a is in this process's page table
 * (/proc/self/pagemap bit 63), i.e. it was committed, not just mapped. */
static bool present(LuMem *m, uint64_t a)
{
    int fd = open("/proc/self/pagemap", O_RDONLY);
    assert_true(fd >= 0);
    uint64_t e = 0;
    uintptr_t h = (uintptr_t)lu_g2h(m, a);
    assert_int_equal(pread(fd, &e, 8, (off_t)(h / 4096 * 8)), 8);
    close(fd);
    return e >> 63;
}

/* A big program's .rodata is committed at load (elfload.c), the code
 * around it is not (it is committed in windows as it is translated), and
 * section headers that make no sense only leave it uncommitted. */
static void test_big_rodata(void **state)
{
    Fixture *fx = *state;
    LuImage img;
    char err[256] = "";
    write_big(fx, 2);
    assert_int_equal(lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)), 0);
    assert_true(present(&fx->mem, TEXT_VADDR + BIG_RODATA));
    assert_true(present(&fx->mem, TEXT_VADDR + BIG_RODATA + BIG_RODATA_SIZE - 1));
    assert_false(present(&fx->mem, TEXT_VADDR + BIG_RODATA + BIG_RODATA_SIZE));
    assert_false(present(&fx->mem, TEXT_VADDR + BIG_RODATA - 1));
    assert_int_equal(*(uint8_t *)lu_g2h(&fx->mem, TEXT_VADDR + BIG_RODATA), 0);

    lu_mem_destroy(&fx->mem);
    assert_true(lu_mem_init(&fx->mem));
    write_big(fx, 7);                          /* shstrndx past the table */
    assert_int_equal(lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)), 0);
    assert_false(present(&fx->mem, TEXT_VADDR + BIG_RODATA));
}

/* Loads the (broken) file and checks that the error mentions want. */
static void expect_error(Fixture *fx, size_t size, const char *want)
{
    LuImage img;
    char err[256] = "";
    write_file(fx, size);
    if (lu_load_elf(&fx->mem, fx->path, NULL, &img, err, sizeof(err)) != -1)
        fail_msg("loaded, but expected an error about '%s'", want);
    if (!strstr(err, want))
        fail_msg("error '%s' does not mention '%s'", err, want);
}

static void test_errors(void **state)
{
    Fixture *fx = *state;
    expect_error(fx, 30, "truncated");
    expect_error(fx, 2, "not an ELF");
    expect_error(fx, 0x100, "truncated file");
    ehdr(fx)->e_phoff = FILE_SIZE - 100;
    expect_error(fx, FILE_SIZE, "truncated program headers");
    build_elf(fx);
    ehdr(fx)->e_machine = EM_X86_64;
    expect_error(fx, FILE_SIZE, "not an AArch64 program");
    build_elf(fx);
    ehdr(fx)->e_ident[EI_CLASS] = ELFCLASS32;
    expect_error(fx, FILE_SIZE, "class");
    build_elf(fx);
    ehdr(fx)->e_type = ET_REL;
    expect_error(fx, FILE_SIZE, "not an executable");
    add_interp(fx, "/nonexistent/ld.so");
    expect_error(fx, FILE_SIZE, "interpreter /nonexistent/ld.so: No such file");
    add_interp(fx, "/nonexistent/ld.so");
    phdr(fx, 3)->p_filesz = 4;                 /* no NUL at the end */
    expect_error(fx, FILE_SIZE, "bad interpreter path");
    add_interp(fx, "/nonexistent/ld.so");
    phdr(fx, 3)->p_offset = FILE_SIZE - 4;
    expect_error(fx, FILE_SIZE, "bad interpreter path");
    add_interp(fx, "/nonexistent/ld.so");
    phdr(fx, 3)->p_filesz = 1;
    expect_error(fx, FILE_SIZE, "bad interpreter path");
    build_elf(fx);
    phdr(fx, 1)->p_vaddr = 0xfff00100;
    expect_error(fx, FILE_SIZE, "does not fit");
    build_elf(fx);
    memcpy(fx->file, "#!/bin/sh\n", 10);
    expect_error(fx, FILE_SIZE, "not an ELF");

    LuImage img;
    char err[256] = "";
    assert_int_equal(lu_load_elf(&fx->mem, "/nonexistent/prog", NULL, &img, err, sizeof(err)), -1);
    assert_string_equal(err, strerror(ENOENT));
    assert_int_equal(lu_load_elf(&fx->mem, "/tmp", NULL, &img, err, sizeof(err)), -1);
}

/* ---- The initial stack ---------------------------------------------------- */

static uint64_t word(LuMem *m, uint64_t a)
{
    uint64_t v;
    memcpy(&v, lu_g2h(m, a), 8);
    return v;
}

static const char *str(LuMem *m, uint64_t a)
{
    return lu_g2h(m, a);
}

static uint64_t auxv_get(LuMem *m, uint64_t av, uint64_t type)
{
    for (; word(m, av) != AT_NULL; av += 16)
        if (word(m, av) == type)
            return word(m, av + 8);
    return UINT64_MAX;
}

static void test_stack(void **state)
{
    Fixture *fx = *state;
    LuMem *m = &fx->mem;
    LuImage img;
    char err[256] = "";
    write_file(fx, FILE_SIZE);
    assert_int_equal(lu_load_elf(m, fx->path, NULL, &img, err, sizeof(err)), 0);
    char *argv[] = { "prog", "arg one", NULL };
    char *envp[] = { "A=1", "HOME=/root", NULL };
    const uint8_t rnd[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    LuStackInfo info = { .execfn = "/bin/prog", .hwcap = 0x123, .hwcap2 = 0x456,
                         .random = rnd };
    assert_int_equal(lu_build_stack(m, &img, argv, envp, &info, err, sizeof(err)), 0);

    uint64_t sp = img.sp;
    assert_int_equal(sp % 16, 0);
    assert_true(sp > LU_STACK_TOP - LU_STACK_SIZE && sp < LU_STACK_TOP);
    assert_true(lu_access_ok(m, LU_STACK_TOP - LU_STACK_SIZE, LU_STACK_SIZE, PROT_WRITE));
    assert_int_equal(word(m, sp), 2);
    assert_string_equal(str(m, word(m, sp + 8)), "prog");
    assert_string_equal(str(m, word(m, sp + 16)), "arg one");
    assert_int_equal(word(m, sp + 24), 0);
    assert_string_equal(str(m, word(m, sp + 32)), "A=1");
    assert_string_equal(str(m, word(m, sp + 40)), "HOME=/root");
    assert_int_equal(word(m, sp + 48), 0);

    uint64_t av = sp + 56;
    assert_int_equal(auxv_get(m, av, AT_PHDR), TEXT_VADDR + 64);
    assert_int_equal(auxv_get(m, av, AT_PHENT), sizeof(Elf64_Phdr));
    assert_int_equal(auxv_get(m, av, AT_PHNUM), 3);
    assert_int_equal(auxv_get(m, av, AT_PAGESZ), 4096);
    assert_int_equal(auxv_get(m, av, AT_BASE), 0);
    assert_int_equal(auxv_get(m, av, AT_ENTRY), TEXT_VADDR + 0x100);
    assert_int_equal(auxv_get(m, av, AT_UID), getuid());
    assert_int_equal(auxv_get(m, av, AT_EGID), getegid());
    assert_int_equal(auxv_get(m, av, AT_SECURE), 0);
    assert_int_equal(auxv_get(m, av, AT_HWCAP), 0x123);
    assert_int_equal(auxv_get(m, av, AT_HWCAP2), 0x456);
    assert_int_equal(auxv_get(m, av, AT_CLKTCK), 100);
    assert_int_equal(auxv_get(m, av, 51 /* AT_MINSIGSTKSZ */), 5120);
    assert_string_equal(str(m, auxv_get(m, av, AT_EXECFN)), "/bin/prog");
    assert_string_equal(str(m, auxv_get(m, av, AT_PLATFORM)), "aarch64");
    assert_memory_equal(lu_g2h(m, auxv_get(m, av, AT_RANDOM)), rnd, 16);
    /* Strings sit above the tables, below the top. */
    assert_true(word(m, sp + 8) > av && word(m, sp + 8) < LU_STACK_TOP);
    assert_int_equal(auxv_get(m, av, AT_EXECFN) + sizeof("/bin/prog"), LU_STACK_TOP);
}

static void test_stack_too_big(void **state)
{
    Fixture *fx = *state;
    LuImage img = { 0 };
    char err[256] = "";
    size_t n = 3 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'x', n - 1);
    big[n - 1] = 0;
    char *argv[] = { "prog", big, NULL };
    LuStackInfo info = { .execfn = "prog" };
    assert_int_equal(lu_build_stack(&fx->mem, &img, argv, NULL, &info, err, sizeof(err)), -1);
    assert_string_equal(err, strerror(E2BIG));
    free(big);
}

/* ---- A program with an interpreter ---------------------------------------- */

#define SYSROOT_INTERP "/lib/ld-test.so"

/* Writes the fixture's ELF as an ET_DYN interpreter (linked at 0) into
 * sysroot + SYSROOT_INTERP, after letting adjust edit it. */
static void write_interp(Fixture *fx, const char *sysroot, void (*adjust)(Fixture *))
{
    char path[128];
    build_elf(fx);
    ehdr(fx)->e_type = ET_DYN;
    ehdr(fx)->e_entry = 0x100;
    phdr(fx, 0)->p_vaddr = phdr(fx, 0)->p_paddr = 0;
    phdr(fx, 1)->p_vaddr = phdr(fx, 1)->p_paddr = DATA_VADDR - TEXT_VADDR;
    if (adjust)
        adjust(fx);
    snprintf(path, sizeof(path), "%s/lib", sysroot);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s%s", sysroot, SYSROOT_INTERP);
    write_to(path, fx->file, FILE_SIZE);
}

static void remove_sysroot(const char *sysroot)
{
    char path[128];
    snprintf(path, sizeof(path), "%s%s", sysroot, SYSROOT_INTERP);
    unlink(path);
    snprintf(path, sizeof(path), "%s/lib", sysroot);
    rmdir(path);
    rmdir(sysroot);
}

static void test_load_interp(void **state)
{
    Fixture *fx = *state;
    LuMem *m = &fx->mem;
    char sysroot[64], err[256] = "";
    snprintf(sysroot, sizeof(sysroot), "/tmp/test-lu-elf-root-%d", (int)getpid());
    mkdir(sysroot, 0755);
    write_interp(fx, sysroot, NULL);
    add_interp(fx, SYSROOT_INTERP);
    write_file(fx, FILE_SIZE);
    LuImage img;
    int r = lu_load_elf(m, fx->path, sysroot, &img, err, sizeof(err));
    remove_sysroot(sysroot);
    assert_int_equal(r, 0);

    /* The program where it was linked, the interpreter below the mmap area
     * and above the heap start, started at its entry. */
    assert_int_equal(img.prog_entry, TEXT_VADDR + 0x100);
    assert_int_equal(img.phdr, TEXT_VADDR + 64);
    assert_int_equal(img.phnum, 4);
    assert_true(img.interp_base >= img.brk && img.interp_base < LU_MMAP_BASE);
    assert_int_equal(img.interp_base % 0x10000, 0);
    assert_int_equal(img.entry, img.interp_base + 0x100);
    assert_int_equal(m->brk_start, img.brk);
    uint32_t insn;
    assert_true(lu_read_code(m, img.entry, &insn));
    assert_true(lu_access_ok(m, img.interp_base + DATA_VADDR - TEXT_VADDR, DATA_MEMSZ,
                             PROT_WRITE));

    char *argv[] = { "prog", "x", NULL }, *envp[] = { "E=1", NULL };
    LuStackInfo info = { .execfn = "prog" };
    assert_int_equal(lu_build_stack(m, &img, argv, envp, &info, err, sizeof(err)), 0);
    uint64_t av = img.sp + 8 * (1 + 3 + 2);
    assert_int_equal(auxv_get(m, av, AT_BASE), img.interp_base);
    assert_int_equal(auxv_get(m, av, AT_ENTRY), TEXT_VADDR + 0x100);
    /* The saved copy is exactly what the stack holds. */
    assert_true(img.auxv_len > 10 && img.auxv_len <= LU_AUXV_MAX);
    assert_memory_equal(lu_g2h(m, av), img.auxv, img.auxv_len * 16);
    assert_int_equal(img.auxv[img.auxv_len - 1][0], AT_NULL);
    assert_int_equal(img.arg_end - img.arg_start, sizeof("prog") + sizeof("x"));
    assert_memory_equal(lu_g2h(m, img.arg_start), "prog\0x\0", 7);
    assert_memory_equal(lu_g2h(m, img.env_start), "E=1\0", 4);
    assert_int_equal(img.env_end, img.env_start + 4);
}

static void interp_exec(Fixture *fx) { ehdr(fx)->e_type = ET_EXEC; }
static void interp_x86(Fixture *fx) { ehdr(fx)->e_machine = EM_X86_64; }
static void interp_nested(Fixture *fx)
{
    ehdr(fx)->e_phnum = 4;
    *phdr(fx, 3) = (Elf64_Phdr){ PT_INTERP, PF_R, INTERP_OFF, 0, 0, 2, 2, 1 };
    strcpy((char *)fx->file + INTERP_OFF, "/");
}

static void test_interp_errors(void **state)
{
    Fixture *fx = *state;
    char sysroot[64];
    snprintf(sysroot, sizeof(sysroot), "/tmp/test-lu-elf-root-%d", (int)getpid());
    mkdir(sysroot, 0755);
    void (*const bad[])(Fixture *) = { interp_exec, interp_x86, interp_nested };
    const char *want[] = { "not a shared object", "not an AArch64 program",
                           "interpreter of its own" };
    for (size_t i = 0; i < 3; i++) {
        LuImage img;
        char err[256] = "";
        write_interp(fx, sysroot, bad[i]);
        add_interp(fx, SYSROOT_INTERP);
        write_file(fx, FILE_SIZE);
        int r = lu_load_elf(&fx->mem, fx->path, sysroot, &img, err, sizeof(err));
        if (r != -1 || !strstr(err, want[i]) || !strstr(err, "interpreter")) {
            remove_sysroot(sysroot);
            fail_msg("case %zu: r=%d err '%s', want '%s'", i, r, err, want[i]);
        }
    }
    remove_sysroot(sysroot);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load_exec, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_static_pie, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bss_only_segment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_rodata, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stack_too_big, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_interp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interp_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
