/* linux-user/elfload.c — loading an AArch64 ELF, its interpreter, and
 * the first stack.
 *
 * lu_load_elf() validates the headers (ELF64, little-endian, EM_AARCH64,
 * ET_EXEC or ET_DYN) and maps each PT_LOAD through the same lu_mmap() the
 * guest uses, so the page table knows every segment.  An ET_EXEC sits at
 * its link addresses; an ET_DYN (PIE, static-PIE, or ld.so run directly)
 * at LU_PIE_BASE.  The heap starts on the page after the program's highest
 * segment.
 *
 * A PT_INTERP program also gets its interpreter (ld-linux-aarch64.so.1),
 * looked up under the sysroot first like every guest path (path.c).  It
 * must be an ET_DYN without a PT_INTERP of its own and goes right below
 * LU_MMAP_BASE: the guest's mmap area above stays where static programs
 * have it, and the heap keeps everything between the program and the
 * interpreter (~750 MiB for a PIE) — the kernel instead puts ld.so in the
 * mmap area, which tern's first-fit allocator would then have to step
 * over.  When the program itself reaches that high, the interpreter goes
 * wherever a non-fixed lu_mmap() finds room.  The guest then starts at the
 * interpreter's entry; AT_BASE tells it where it is and AT_ENTRY, AT_PHDR
 * where the program is.
 *
 * lu_build_stack() maps an 8 MiB stack just below LU_STACK_TOP and lays it
 * out as the kernel's create_elf_tables() does, from the top down:
 *     execfn string | argv and envp strings | "aarch64" | 16 random bytes
 *     | padding | auxv pairs, AT_NULL | NULL, envp[] | NULL, argv[] | argc
 * with argc at the 16-byte aligned initial SP.
 *
 * No vDSO: the auxv has no AT_SYSINFO_EHDR, so glibc makes real system
 * calls for clock_gettime, gettimeofday and time.  A vDSO would be an
 * AArch64 shared object built with the cross compiler at tern's build time
 * plus a data page tern keeps updated; the syscall it saves costs one TB
 * exit and one host call, which no program tern runs today notices.
 *
 * Errors are one line without the program name; main.c prefixes it.  Host
 * byte order is little-endian (both tern hosts), so headers are read as is.
 */
#include "linux-user/lu-internal.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#ifndef AT_RSEQ_FEATURE_SIZE
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN        28
#endif
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "the ELF loader reads little-endian headers in place");

#define LU_MAX_PHNUM 128
#define LU_MINSIGSTKSZ 5120         /* arm64's MINSIGSTKSZ */
/* The interpreter's base is aligned for any p_align up to 64 KiB. */
#define LU_INTERP_ALIGN ((uint64_t)64 << 10)
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

static int fail(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- Headers -------------------------------------------------------------- */

typedef struct ElfFile {
    int fd;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr ph[LU_MAX_PHNUM];
} ElfFile;

static int check_ehdr(const Elf64_Ehdr *eh, char *err, size_t n)
{
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
        return fail(err, n, "not an ELF executable");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64)
        return fail(err, n, "not a 64-bit ELF file (wrong ELF class)");
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fail(err, n, "not a little-endian ELF file");
    if (eh->e_machine != EM_AARCH64)
        return fail(err, n, "not an AArch64 program (ELF machine %u)", eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return fail(err, n, "not an executable (ELF type %u)", eh->e_type);
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return fail(err, n, "bad program header size %u", eh->e_phentsize);
    if (eh->e_phnum == 0 || eh->e_phnum > LU_MAX_PHNUM)
        return fail(err, n, "bad program header count %u", eh->e_phnum);
    return 0;
}

static int read_headers(ElfFile *ef, char *err, size_t n)
{
    struct stat st;
    if (fstat(ef->fd, &st))
        return fail(err, n, "%s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fail(err, n, "not a regular file");
    ef->size = (uint64_t)st.st_size;
    ssize_t got = pread(ef->fd, &ef->eh, sizeof(ef->eh), 0);
    if (got < 0)
        return fail(err, n, "%s", strerror(errno));
    if (got < SELFMAG || memcmp(ef->eh.e_ident, ELFMAG, SELFMAG))
        return fail(err, n, "not an ELF executable");
    if ((size_t)got < sizeof(ef->eh))
        return fail(err, n, "truncated ELF header");
    if (check_ehdr(&ef->eh, err, n))
        return -1;
    size_t phsize = (size_t)ef->eh.e_phnum * sizeof(Elf64_Phdr);
    if (ef->eh.e_phoff > ef->size || phsize > ef->size - ef->eh.e_phoff ||
        pread(ef->fd, ef->ph, phsize, (off_t)ef->eh.e_phoff) != (ssize_t)phsize)
        return fail(err, n, "truncated program headers");
    return 0;
}

static int check_load(const ElfFile *ef, const Elf64_Phdr *ph, char *err, size_t n)
{
    if (ph->p_filesz > ph->p_memsz)
        return fail(err, n, "segment file size exceeds its memory size");
    /* A bss-only segment (p_filesz 0) may point past the end of the file. */
    if (ph->p_filesz && (ph->p_offset > ef->size || ph->p_filesz > ef->size - ph->p_offset))
        return fail(err, n, "truncated file (segment beyond its end)");
    if ((ph->p_vaddr - ph->p_offset) & ~LU_PAGE_MASK)
        return fail(err, n, "segment offset and address disagree modulo the page size");
    if (ph->p_memsz > LU_SPACE || ph->p_vaddr > LU_SPACE)
        return fail(err, n, "segment outside the 4 GiB guest address space");
    return 0;
}

/* Checks every program header; *lo / *hi bound the PT_LOAD segments. */
static int scan_phdrs(const ElfFile *ef, uint64_t *lo, uint64_t *hi,
                      char *err, size_t n)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        if (check_load(ef, ph, err, n))
            return -1;
        if (ph->p_vaddr < *lo)
            *lo = ph->p_vaddr;
        if (ph->p_vaddr + ph->p_memsz > *hi)
            *hi = ph->p_vaddr + ph->p_memsz;
    }
    if (*lo == UINT64_MAX)
        return fail(err, n, "no loadable segment");
    return 0;
}

/* ---- Segments ------------------------------------------------------------- */

static int elf_prot(uint32_t pf)
{
    return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
           ((pf & PF_X) ? PROT_EXEC : 0);
}

/* The file-backed part of a writable segment (.data, GOT, .data.rel.ro)
 * is written nearly whole while the program starts (relocations, static
 * objects: 295 of python3.11's 303 pages), each page a copy-on-write
 * fault, ~15 us of CPU on a VM with its TLB flush.  Breaking the sharing
 * of all of them in one call costs ~4 us a page, so that pays from about
 * a quarter of the pages written.  Up to LU_POPULATE_MAX bytes: a huge
 * table mostly left alone would cost more than it saves.  A hint only:
 * the guest sees the same bytes either way.  Segments up to
 * LU_PREFAULT_DATA_MAX lu_mmap already committed (prefault.c), as it does
 * for the dynamic loader's. */
#define LU_POPULATE_MAX ((uint64_t)4 << 20)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static void populate_data(LuMem *m, uint64_t page, uint64_t end, uint64_t below)
{
    if (end - page > below && end - page <= LU_POPULATE_MAX)
        (void)madvise(lu_g2h(m, page), end - page, MADV_POPULATE_WRITE);
}

/* The dynamic loader reads the program's symbol tables (hash, symbols,
 * names, versions) and relocations at start-up: at random where a
 * program exports many symbols, which it looks up first for every
 * library's relocations (cc1: 39 page faults, ~20 us each, in 2.4 MiB of
 * tables).  Committing the tables in one call costs ~0.2 us a page.  A
 * code segment up to LU_PREFAULT_CODE_MAX, which holds them as a rule,
 * was committed whole when it was mapped (prefault.c). */
#define LU_DYNAMIC_MAX ((uint64_t)16 << 20)
#define LU_DYNAMIC_ENTRIES 256

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

/* [lo, hi) takes in [a, a + len); a == 0 (tag absent) changes nothing. */
static void dyn_span(uint64_t *lo, uint64_t *hi, uint64_t a, uint64_t len)
{
    if (!a)
        return;
    if (a < *lo)
        *lo = a;
    if (a + len > *hi)
        *hi = a + len;
}

/* The span of the loader's tables from the DT_ entries, moved by bias:
 * from the lowest to the end of the highest one (the ones without a size
 * tag, such as DT_SYMTAB, lie below DT_STRTAB in every linker's layout). */
static void dynamic_span(const Elf64_Dyn *d, size_t n, uint64_t bias,
                         uint64_t *lo, uint64_t *hi)
{
    uint64_t size[DT_NUM] = { 0 }, addr[DT_NUM] = { 0 }, gnu_hash = 0, versym = 0;
    for (size_t i = 0; i < n && d[i].d_tag != DT_NULL; i++) {
        if (d[i].d_tag >= 0 && d[i].d_tag < DT_NUM)
            addr[d[i].d_tag] = size[d[i].d_tag] = d[i].d_un.d_val;
        else if (d[i].d_tag == DT_GNU_HASH)
            gnu_hash = d[i].d_un.d_ptr;
        else if (d[i].d_tag == DT_VERSYM)
            versym = d[i].d_un.d_ptr;
    }
    *lo = UINT64_MAX;
    *hi = 0;
    dyn_span(lo, hi, gnu_hash, 0);
    dyn_span(lo, hi, addr[DT_HASH], 0);
    dyn_span(lo, hi, addr[DT_SYMTAB], 0);
    dyn_span(lo, hi, versym, 0);
    dyn_span(lo, hi, addr[DT_STRTAB], size[DT_STRSZ]);
    dyn_span(lo, hi, addr[DT_RELA], size[DT_RELASZ]);
    dyn_span(lo, hi, addr[DT_JMPREL], size[DT_PLTRELSZ]);
    *lo = (*lo + bias) & LU_PAGE_MASK;
    *hi = lu_page_up(*hi + bias);
}

/* vaddr lies in a code segment prefault.c committed whole. */
static bool committed_code(const ElfFile *ef, uint64_t vaddr)
{
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type == PT_LOAD && vaddr >= ph->p_vaddr && vaddr - ph->p_vaddr < ph->p_filesz)
            return (ph->p_flags & PF_X) && ph->p_filesz <= LU_PREFAULT_CODE_MAX;
    }
    return false;
}

static void populate_dynamic(LuMem *m, const ElfFile *ef, uint64_t bias)
{
    Elf64_Dyn d[LU_DYNAMIC_ENTRIES];
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type != PT_DYNAMIC)
            continue;
        size_t want = ph->p_filesz < sizeof(d) ? ph->p_filesz : sizeof(d);
        ssize_t got = pread(ef->fd, d, want, (off_t)ph->p_offset);
        if (got <= 0)
            return;
        uint64_t lo, hi;
        dynamic_span(d, (size_t)got / sizeof(d[0]), bias, &lo, &hi);
        if (lo < hi && hi - lo <= LU_DYNAMIC_MAX && !committed_code(ef, lo - bias)
            && lu_access_ok(m, lo, hi - lo, PROT_READ))
            (void)madvise(lu_g2h(m, lo), hi - lo, MADV_POPULATE_READ);
        return;
    }
}

/* Code segments past LU_PREFAULT_CODE_MAX are committed in windows as
 * they are translated (prefault.c), but the read-only data in them is
 * read by the guest, not the translator: cc1's 4.2 MiB .rodata took 28
 * of cc1 --version's 74 page faults, 43 on an empty file, ~25 us each,
 * 41% and 63% of its 64 KiB fault-around windows.  Committing it whole
 * costs ~0.5 us a page (~540 us for cc1's, less than the faults of
 * either run).  The section headers tell where it is (a program has no
 * segment of its own for it); up to LU_RODATA_MAX, a bound on what a
 * program touching little of a huge table would waste. */
#define LU_RODATA_MAX ((uint64_t)8 << 20)
#define LU_MAX_SHNUM 256
#define LU_SHSTRTAB_MAX 4096

/* The exec PT_LOAD holding [vaddr, vaddr + len) is too big to be
 * committed whole when mapped. */
static bool in_big_code(const ElfFile *ef, uint64_t vaddr, uint64_t len)
{
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X) && ph->p_filesz > LU_PREFAULT_CODE_MAX
            && vaddr >= ph->p_vaddr && len <= ph->p_filesz
            && vaddr - ph->p_vaddr <= ph->p_filesz - len)
            return true;
    }
    return false;
}

static bool has_big_code(const ElfFile *ef)
{
    for (unsigned i = 0; i < ef->eh.e_phnum; i++)
        if (ef->ph[i].p_type == PT_LOAD && (ef->ph[i].p_flags & PF_X)
            && ef->ph[i].p_filesz > LU_PREFAULT_CODE_MAX)
            return true;
    return false;
}

/* Widens [lo, hi) to the .rodata* sections of sh (ef's section headers)
 * inside big code segments (link addresses); unchanged when there are
 * none or the names cannot be read. */
static void rodata_span(const ElfFile *ef, const Elf64_Shdr *sh, uint64_t *lo, uint64_t *hi)
{
    char names[LU_SHSTRTAB_MAX];
    const Elf64_Ehdr *eh = &ef->eh;
    const Elf64_Shdr *str = &sh[eh->e_shstrndx];
    size_t nlen = str->sh_size < sizeof(names) ? (size_t)str->sh_size : sizeof(names) - 1;
    ssize_t got = pread(ef->fd, names, nlen, (off_t)str->sh_offset);
    if (got <= 0)
        return;
    names[got] = 0;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *s = &sh[i];
        if (s->sh_type != SHT_PROGBITS || (s->sh_flags & (SHF_EXECINSTR | SHF_WRITE))
            || !(s->sh_flags & SHF_ALLOC) || s->sh_name >= (size_t)got
            || strncmp(names + s->sh_name, ".rodata", 7) || !in_big_code(ef, s->sh_addr, s->sh_size))
            continue;
        if (s->sh_addr < *lo)
            *lo = s->sh_addr;
        if (s->sh_addr + s->sh_size > *hi)
            *hi = s->sh_addr + s->sh_size;
    }
}

static void populate_rodata(LuMem *m, const ElfFile *ef, uint64_t bias)
{
    const Elf64_Ehdr *eh = &ef->eh;
    size_t shsize = (size_t)eh->e_shnum * sizeof(Elf64_Shdr);
    if (!has_big_code(ef) || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum > LU_MAX_SHNUM
        || eh->e_shstrndx >= eh->e_shnum || eh->e_shoff > ef->size
        || shsize > ef->size - eh->e_shoff)
        return;
    Elf64_Shdr *sh = malloc(shsize);
    uint64_t lo = UINT64_MAX, hi = 0;
    if (sh && pread(ef->fd, sh, shsize, (off_t)eh->e_shoff) == (ssize_t)shsize)
        rodata_span(ef, sh, &lo, &hi);
    free(sh);
    if (lo >= hi || hi - lo > LU_RODATA_MAX)
        return;
    lo = (lo + bias) & LU_PAGE_MASK;
    hi = lu_page_up(hi + bias);
    if (lu_access_ok(m, lo, hi - lo, PROT_READ))
        (void)madvise(lu_g2h(m, lo), hi - lo, MADV_POPULATE_READ);
}

/* Maps one PT_LOAD: file pages, the zeroed tail of the last one, then
 * anonymous pages for the rest of the bss.  The file pages are mapped
 * with their own protection, as the dynamic loader maps a library's,
 * unless a bss tail must be zeroed in a segment the guest cannot write. */
static int64_t map_segment(LuMem *m, int fd, const Elf64_Phdr *ph, uint64_t bias)
{
    uint64_t vaddr = ph->p_vaddr + bias, page = vaddr & LU_PAGE_MASK;
    uint64_t file_end = vaddr + ph->p_filesz, mem_end = vaddr + ph->p_memsz;
    int prot = elf_prot(ph->p_flags);
    int flags = MAP_PRIVATE | MAP_FIXED;
    int64_t r;
    uint64_t anon = page;
    if (ph->p_filesz) {
        anon = lu_page_up(file_end);
        bool zero_tail = mem_end > file_end && anon > file_end;
        int map_prot = prot | (zero_tail ? PROT_WRITE : 0);
        r = lu_mmap(m, page, file_end - page, map_prot, flags, fd,
                    ph->p_offset - (vaddr - page));
        if (r < 0)
            return r;
        if (prot & PROT_WRITE)
            populate_data(m, page, anon, LU_PREFAULT_DATA_MAX);
        if (zero_tail)
            memset(lu_g2h(m, file_end), 0, anon - file_end);
        if (map_prot != prot && (r = lu_mprotect(m, page, anon - page, prot)) < 0)
            return r;
    }
    if (lu_page_up(mem_end) > anon) {
        r = lu_mmap(m, anon, lu_page_up(mem_end) - anon, prot,
                    flags | MAP_ANONYMOUS, -1, 0);
        if (r < 0)
            return r;
        if (prot & PROT_WRITE)
            populate_data(m, anon, lu_page_up(mem_end), LU_PREFAULT_ANON_MAX);
    }
    return 0;
}

/* AT_PHDR: PT_PHDR if present, else where the load image holds e_phoff. */
static uint64_t find_phdr(const ElfFile *ef, uint64_t bias)
{
    for (unsigned i = 0; i < ef->eh.e_phnum; i++)
        if (ef->ph[i].p_type == PT_PHDR)
            return ef->ph[i].p_vaddr + bias;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type == PT_LOAD && ef->eh.e_phoff >= ph->p_offset &&
            ef->eh.e_phoff < ph->p_offset + ph->p_filesz)
            return ph->p_vaddr + (ef->eh.e_phoff - ph->p_offset) + bias;
    }
    return 0;
}

static void record_layout(LuImage *img, const ElfFile *ef, uint64_t bias)
{
    img->start_code = img->start_data = UINT64_MAX;
    img->end_code = img->end_data = 0;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type == PT_GNU_STACK)
            img->exec_stack = ph->p_flags & PF_X;
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        uint64_t lo = ph->p_vaddr + bias, hi = lo + ph->p_filesz;
        bool code = ph->p_flags & PF_X;
        uint64_t *start = code ? &img->start_code : &img->start_data;
        uint64_t *end = code ? &img->end_code : &img->end_data;
        if (lo < *start)
            *start = lo;
        if (hi > *end)
            *end = hi;
    }
    img->entry = img->prog_entry = ef->eh.e_entry + bias;
    img->phdr = find_phdr(ef, bias);
    img->phent = sizeof(Elf64_Phdr);
    img->phnum = ef->eh.e_phnum;
    img->load_bias = bias;
}

/* Maps every PT_LOAD of ef moved by bias; [lo, hi) from scan_phdrs. */
static int map_segments(LuMem *m, ElfFile *ef, uint64_t bias, uint64_t hi,
                        char *err, size_t n)
{
    if (hi + bias > LU_STACK_TOP - LU_STACK_SIZE)
        return fail(err, n, "does not fit in the 4 GiB guest address space");
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        int64_t r = map_segment(m, ef->fd, ph, bias);
        if (r < 0)
            return fail(err, n, "cannot map segment at 0x%llx: %s",
                        (unsigned long long)(ph->p_vaddr + bias), strerror((int)-r));
    }
    return 0;
}

static int map_image(LuMem *m, ElfFile *ef, LuImage *img, char *err, size_t n)
{
    uint64_t lo, hi;
    if (scan_phdrs(ef, &lo, &hi, err, n))
        return -1;
    uint64_t bias = ef->eh.e_type == ET_DYN ? LU_PIE_BASE - (lo & LU_PAGE_MASK) : 0;
    if (map_segments(m, ef, bias, hi, err, n))
        return -1;
    populate_dynamic(m, ef, bias);
    populate_rodata(m, ef, bias);
    record_layout(img, ef, bias);
    img->brk = lu_page_up(hi + bias);
    m->brk_start = m->brk = img->brk;
    return 0;
}

/* ---- The interpreter ------------------------------------------------------ */

static ElfFile *open_elf(const char *path, char *err, size_t n)
{
    ElfFile *ef = calloc(1, sizeof(*ef));
    if (!ef) {
        fail(err, n, "%s", strerror(ENOMEM));
        return NULL;
    }
    ef->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (ef->fd >= 0 && !read_headers(ef, err, n))
        return ef;
    if (ef->fd < 0)
        fail(err, n, "%s", strerror(errno));
    else
        close(ef->fd);
    free(ef);
    return NULL;
}

static void close_elf(ElfFile *ef)
{
    close(ef->fd);
    free(ef);
}

/* The PT_INTERP path into buf: 1 when there is one, 0 when there is none,
 * -1 for a malformed one. */
static int read_interp(const ElfFile *ef, char *buf, size_t size, char *err, size_t n)
{
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        if (ph->p_type != PT_INTERP)
            continue;
        if (ph->p_filesz < 2 || ph->p_filesz > size ||
            ph->p_offset > ef->size || ph->p_filesz > ef->size - ph->p_offset)
            return fail(err, n, "bad interpreter path (PT_INTERP size %llu)",
                        (unsigned long long)ph->p_filesz);
        if (pread(ef->fd, buf, ph->p_filesz, (off_t)ph->p_offset) != (ssize_t)ph->p_filesz)
            return fail(err, n, "truncated file (interpreter path)");
        if (buf[ph->p_filesz - 1] || strlen(buf) != ph->p_filesz - 1)
            return fail(err, n, "bad interpreter path (not one NUL-terminated string)");
        return 1;
    }
    return 0;
}

/* Where the interpreter's span bytes go: below LU_MMAP_BASE when that is
 * above the program's heap start, else wherever lu_mmap finds room (the
 * reservation stays PROT_NONE between the segments mapped over it). */
static int64_t interp_base(LuMem *m, const LuImage *img, uint64_t span)
{
    uint64_t base = (LU_MMAP_BASE - span) & ~(LU_INTERP_ALIGN - 1);
    if (span < LU_MMAP_BASE && base >= img->brk)
        return (int64_t)base;
    int64_t r = lu_mmap(m, 0, span + LU_INTERP_ALIGN, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r < 0)
        return r;
    base = ((uint64_t)r + LU_INTERP_ALIGN - 1) & ~(LU_INTERP_ALIGN - 1);
    return (int64_t)base;
}

static int map_interp(LuMem *m, ElfFile *ef, LuImage *img, char *err, size_t n)
{
    uint64_t lo, hi;
    if (ef->eh.e_type != ET_DYN)
        return fail(err, n, "not a shared object (ELF type %u)", ef->eh.e_type);
    for (unsigned i = 0; i < ef->eh.e_phnum; i++)
        if (ef->ph[i].p_type == PT_INTERP)
            return fail(err, n, "has an interpreter of its own");
    if (scan_phdrs(ef, &lo, &hi, err, n))
        return -1;
    lo &= LU_PAGE_MASK;
    int64_t base = interp_base(m, img, lu_page_up(hi) - lo);
    if (base < 0)
        return fail(err, n, "no room in the guest address space: %s",
                    strerror((int)-base));
    uint64_t bias = (uint64_t)base - lo;
    if (map_segments(m, ef, bias, hi, err, n))
        return -1;
    img->interp_base = (uint64_t)base;
    img->entry = ef->eh.e_entry + bias;
    return 0;
}

/* Loads the interpreter named by the program ef, if it has one. */
static int load_interp(LuMem *m, const ElfFile *prog, const char *sysroot,
                       LuImage *img, char *err, size_t n)
{
    char name[PATH_MAX], host[PATH_MAX], why[200];
    int r = read_interp(prog, name, sizeof(name), err, n);
    if (r <= 0)
        return r;
    const char *path = lu_sysroot_path(sysroot, name, host, sizeof(host));
    ElfFile *ef = open_elf(path, why, sizeof(why));
    if (!ef)
        return fail(err, n, "interpreter %s: %s%s", name, why,
                    sysroot ? "" : " (give the guest's root with -L or TERN_LD_PREFIX)");
    r = map_interp(m, ef, img, why, sizeof(why));
    close_elf(ef);
    return r ? fail(err, n, "interpreter %s: %s", path, why) : 0;
}

int lu_load_elf(LuMem *m, const char *path, const char *sysroot, LuImage *img,
                char *err, size_t errsize)
{
    memset(img, 0, sizeof(*img));
    ElfFile *ef = open_elf(path, err, errsize);
    if (!ef)
        return -1;
    int r = map_image(m, ef, img, err, errsize);
    if (!r)
        r = load_interp(m, ef, sysroot, img, err, errsize);
    close_elf(ef);
    return r;
}

/* ---- The initial stack ---------------------------------------------------- */

typedef struct StackWriter {
    LuMem *m;
    uint64_t sp;            /* grows down */
} StackWriter;

static uint64_t push_bytes(StackWriter *w, const void *data, size_t len)
{
    w->sp -= len;
    memcpy(lu_g2h(w->m, w->sp), data, len);
    return w->sp;
}

static void put_word(LuMem *m, uint64_t *at, uint64_t v)
{
    memcpy(lu_g2h(m, *at), &v, 8);
    *at += 8;
}

static size_t count_strings(char *const v[], size_t *bytes)
{
    size_t n = 0;
    for (; v && v[n]; n++)
        *bytes += strlen(v[n]) + 1;
    return n;
}

/* Copies the strings of v upward from *at, recording their addresses. */
static void put_strings(LuMem *m, uint64_t *at, char *const v[], size_t n,
                        uint64_t *addrs)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(v[i]) + 1;
        memcpy(lu_g2h(m, *at), v[i], len);
        addrs[i] = *at;
        *at += len;
    }
}

static void fill_random(uint8_t out[16], const uint8_t *given)
{
    if (given) {
        memcpy(out, given, 16);
        return;
    }
    if (getrandom(out, 16, 0) == 16)
        return;
    uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    for (int i = 0; i < 16; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        out[i] = (uint8_t)(seed >> 56);
    }
}

static size_t build_auxv(uint64_t (*av)[2], const LuImage *img,
                         const LuStackInfo *info, uint64_t execfn,
                         uint64_t platform, uint64_t random)
{
    const uint64_t rows[][2] = {
        { AT_PHDR, img->phdr },         { AT_PHENT, img->phent },
        { AT_PHNUM, img->phnum },       { AT_PAGESZ, LU_PAGE_SIZE },
        { AT_BASE, img->interp_base },  { AT_FLAGS, 0 },
        { AT_ENTRY, img->prog_entry },       { AT_UID, getuid() },
        { AT_EUID, geteuid() },         { AT_GID, getgid() },
        { AT_EGID, getegid() },         { AT_SECURE, 0 },
        { AT_RANDOM, random },          { AT_HWCAP, info->hwcap },
        { AT_HWCAP2, info->hwcap2 },    { AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK) },
        { AT_EXECFN, execfn },          { AT_PLATFORM, platform },
        { AT_MINSIGSTKSZ, LU_MINSIGSTKSZ },
        { AT_RSEQ_FEATURE_SIZE, LU_RSEQ_FEATURE_SIZE },
        { AT_RSEQ_ALIGN, LU_RSEQ_ALIGN },   { AT_NULL, 0 },
    };
    size_t n = sizeof(rows) / sizeof(rows[0]);
    _Static_assert(sizeof(rows) / sizeof(rows[0]) <= LU_AUXV_MAX, "auxv size");
    memcpy(av, rows, sizeof(rows));
    return n;
}

/* Writes argc, argv[], envp[] and auxv upward from sp. */
static void put_tables(LuMem *m, uint64_t sp, const uint64_t *ptrs, size_t argc,
                       size_t envc, uint64_t (*av)[2], size_t nav)
{
    uint64_t at = sp;
    put_word(m, &at, argc);
    for (size_t i = 0; i < argc; i++)
        put_word(m, &at, ptrs[i]);
    put_word(m, &at, 0);
    for (size_t i = 0; i < envc; i++)
        put_word(m, &at, ptrs[argc + i]);
    put_word(m, &at, 0);
    for (size_t i = 0; i < nav; i++) {
        put_word(m, &at, av[i][0]);
        put_word(m, &at, av[i][1]);
    }
}

int lu_build_stack(LuMem *m, LuImage *img, char *const argv[], char *const envp[],
                   const LuStackInfo *info, char *err, size_t errsize)
{
    size_t bytes = strlen(info->execfn) + 1;
    size_t argc = count_strings(argv, &bytes), envc = count_strings(envp, &bytes);
    if (bytes + (argc + envc) * 8 > LU_STACK_SIZE / 4)
        return fail(err, errsize, "%s", strerror(E2BIG));
    uint64_t low = LU_STACK_TOP - LU_STACK_SIZE;
    /* As the arm64 kernel: executable only when PT_GNU_STACK has PF_X (GCC
     * emits that for nested-function trampolines); no PT_GNU_STACK = NX. */
    int prot = PROT_READ | PROT_WRITE | (img->exec_stack ? PROT_EXEC : 0);
    int64_t r = lu_mmap(m, low, LU_STACK_SIZE, prot,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0)
        return fail(err, errsize, "cannot map the stack: %s", strerror((int)-r));
    lu_prefault_guest_stack(m, LU_STACK_TOP);

    StackWriter w = { m, LU_STACK_TOP };
    uint64_t execfn = push_bytes(&w, info->execfn, strlen(info->execfn) + 1);
    uint64_t *ptrs = calloc(argc + envc + 1, sizeof(*ptrs));
    if (!ptrs)
        return fail(err, errsize, "%s", strerror(ENOMEM));
    w.sp -= bytes - (strlen(info->execfn) + 1);
    uint64_t at = w.sp;
    img->arg_start = at;
    put_strings(m, &at, argv, argc, ptrs);
    img->arg_end = img->env_start = at;
    put_strings(m, &at, envp, envc, ptrs + argc);
    img->env_end = at;
    uint64_t platform = push_bytes(&w, "aarch64", sizeof("aarch64"));
    uint8_t rnd[16];
    fill_random(rnd, info->random);
    uint64_t random = push_bytes(&w, rnd, sizeof(rnd));

    size_t nav = build_auxv(img->auxv, img, info, execfn, platform, random);
    img->auxv_len = nav;
    size_t words = 1 + argc + 1 + envc + 1 + 2 * nav;
    uint64_t sp = ((w.sp & ~(uint64_t)15) - words * 8) & ~(uint64_t)15;
    put_tables(m, sp, ptrs, argc, envc, img->auxv, nav);
    free(ptrs);
    img->sp = sp;
    img->stack_low = low;
    return 0;
}
