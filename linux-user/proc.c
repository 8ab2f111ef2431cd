/* linux-user/proc.c — the /proc files that must show the guest, not tern.
 *
 * The host's /proc describes the tern process: an x86-64 binary, its maps
 * with the 4 GiB reservation and the code cache, its auxv and cmdline.  A
 * guest that reads them (glibc's loader, sanitizers, getauxval fallbacks,
 * programs finding their own path) needs its own view, so openat() and
 * readlinkat() ask here first:
 *
 *     /proc/self/exe       readlink: the guest program (open and stat go to
 *                          the program through lu_path(), path.c)
 *     /proc/self/maps      guest ranges, guest permissions, the host's file
 *                          names, [heap] and [stack]
 *     /proc/self/auxv      the auxv the loader wrote (LuImage's copy)
 *     /proc/self/cmdline   the argv strings, read from guest memory
 *     /proc/self/environ   the envp strings, likewise
 *     /proc/self/stat, status   the host's, with the guest's memory, image
 *                          addresses, signal sets and CPU (proc-stat.c)
 *     /proc/cpuinfo        arm64's format, features from the same HWCAP
 *                          words the loader passed in AT_HWCAP/AT_HWCAP2
 *
 * "self" may also be spelled "thread-self", our pid or one of our tids,
 * and be followed by task/<tid>/ (stat and status then describe that
 * thread).  Generated files are
 * written whole into a memfd at open, so read, lseek, fstat and mmap of the
 * descriptor behave as on a regular file; the content is a snapshot of the
 * moment of opening, which is what Linux's seq_file gives a reader that
 * reads in one go.  A relative path is resolved against its directory
 * (the dirfd's host path, or the cwd) when its last component is one of
 * the emulated names, so openat(open("/proc/self"), "maps") is emulated
 * too.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontend/aarch64/a64.h"

#define MEM(t) (&(t)->proc->mem)

/* Whether the host has thread tid in this process (a guest tid is its
 * host tid). */
static bool our_thread(pid_t pid, const char *tid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/task/%s", (int)pid, tid);
    return access(path, F_OK) == 0;
}

/* One decimal path component at *s (advanced past it and its '/'). */
static bool number_dir(const char **s, char *num, size_t size)
{
    size_t n = strspn(*s, "0123456789");
    if (!n || n >= size || (*s)[n] != '/')
        return false;
    memcpy(num, *s, n);
    num[n] = 0;
    *s += n + 1;
    return true;
}

/* "/proc/" then self/, thread-self/, <our pid>/ or <one of our tids>/, then
 * optionally task/<tid>/: the thread meant (0: the process, i.e. its
 * leader) and the rest of the path. */
static bool parse_self(const char *path, pid_t *tid, const char **rest)
{
    if (strncmp(path, "/proc/", 6))         /* every path syscall asks */
        return false;
    const char *s = path + 6;
    pid_t pid = getpid();
    char num[16];
    *tid = 0;
    if (!strncmp(s, "self/", 5)) {
        s += 5;
    } else if (!strncmp(s, "thread-self/", 12)) {
        s += 12;
        *tid = (pid_t)syscall(SYS_gettid);
    } else if (number_dir(&s, num, sizeof(num))) {
        if (atoi(num) != pid) {
            if (!our_thread(pid, num))
                return false;
            *tid = atoi(num);
        }
    } else {
        return false;
    }
    if (!strncmp(s, "task/", 5)) {
        const char *at = s + 5;
        if (!number_dir(&at, num, sizeof(num)) || !our_thread(pid, num))
            return false;
        *tid = atoi(num);
        s = at;
    }
    *rest = s;
    return true;
}

bool lu_proc_is_self(const char *path, const char *name)
{
    pid_t tid;
    const char *rest;
    return parse_self(path, &tid, &rest) && !strcmp(rest, name);
}

/* ---- /proc/self/maps ------------------------------------------------------ */

typedef struct HostMap {
    uint64_t start, end, offset;
    char perms[8], dev[16];
    uint64_t inode;
    const char *name;               /* into the line; "" for anonymous */
} HostMap;

static bool parse_map_line(char *line, HostMap *hm)
{
    int name_at = 0;
    if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %15s %" SCNu64 " %n",
               &hm->start, &hm->end, hm->perms, &hm->offset, hm->dev,
               &hm->inode, &name_at) < 6 || !name_at)
        return false;
    line[strcspn(line, "\n")] = '\0';
    hm->name = line + name_at;
    return true;
}

enum { AREA_OTHER, AREA_HEAP, AREA_STACK };

/* The page-table bits a maps line shows (mmap.c may keep others). */
#define LU_MAP_FLAGS (LU_PAGE_VALID | LU_PAGE_READ | LU_PAGE_WRITE | LU_PAGE_EXEC)

static int area_of(const LuProcess *p, uint64_t g)
{
    if (g >= p->mem.brk_start && g < lu_page_up(p->mem.brk))
        return AREA_HEAP;
    if (g >= p->image.stack_low && g < LU_STACK_TOP)
        return AREA_STACK;
    return AREA_OTHER;
}

/* One line as Linux's show_map_vma() writes it: the name column starts
 * at a fixed width (73 characters on a 64-bit kernel). */
static void print_map(FILE *out, uint64_t lo, uint64_t hi, unsigned flags,
                      const HostMap *hm, uint64_t offset, const char *name)
{
    int n = fprintf(out, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %s %" PRIu64 " ",
                    lo, hi, (flags & LU_PAGE_READ) ? 'r' : '-',
                    (flags & LU_PAGE_WRITE) ? 'w' : '-',
                    (flags & LU_PAGE_EXEC) ? 'x' : '-', hm->perms[3] == 's' ? 's' : 'p',
                    offset, hm->dev, hm->inode);
    if (name[0])
        fprintf(out, "%*s%s", n < 73 ? 73 - n : 0, "", name);
    fputc('\n', out);
}

/* The guest mappings inside the host mapping hm: runs of pages with the
 * same guest flags and area.  Caller holds mem.lock. */
static void print_guest_runs(const LuProcess *p, FILE *out, const HostMap *hm)
{
    const LuMem *m = &p->mem;
    uint64_t base = (uintptr_t)m->base;
    uint64_t g = (hm->start > base ? hm->start - base : 0);
    uint64_t end = hm->end - base < LU_SPACE ? hm->end - base : LU_SPACE;
    while (g < end) {
        unsigned flags = m->pages[g >> LU_PAGE_BITS] & LU_MAP_FLAGS;
        int area = area_of(p, g);
        uint64_t run = g + LU_PAGE_SIZE;
        while (run < end && (m->pages[run >> LU_PAGE_BITS] & LU_MAP_FLAGS) == flags &&
               area_of(p, run) == area)
            run += LU_PAGE_SIZE;
        if (flags & LU_PAGE_VALID) {
            const char *name = hm->name;
            if (!name[0] && area != AREA_OTHER)
                name = area == AREA_HEAP ? "[heap]" : "[stack]";
            uint64_t off = hm->inode ? hm->offset + (g + base - hm->start) : 0;
            print_map(out, g, run, flags, hm, off, name);
        }
        g = run;
    }
}

static void gen_maps(LuThread *t, pid_t tid, FILE *out)
{
    (void)tid;
    LuProcess *p = t->proc;
    FILE *in = fopen("/proc/self/maps", "re");
    if (!in)
        return;
    uint64_t base = (uintptr_t)p->mem.base;
    char *line = NULL;
    size_t cap = 0;
    pthread_mutex_lock(&p->mem.lock);
    while (getline(&line, &cap, in) > 0) {
        HostMap hm;
        if (parse_map_line(line, &hm) && hm.end > base && hm.start < base + LU_SPACE)
            print_guest_runs(p, out, &hm);
    }
    pthread_mutex_unlock(&p->mem.lock);
    free(line);
    fclose(in);
}

/* ---- auxv, cmdline, environ ----------------------------------------------- */

static void gen_auxv(LuThread *t, pid_t tid, FILE *out)
{
    (void)tid;
    const LuImage *img = &t->proc->image;
    fwrite(img->auxv, sizeof(img->auxv[0]), img->auxv_len, out);
}

/* The guest bytes [lo, hi), or nothing when the guest unmapped them. */
static void copy_guest(LuThread *t, FILE *out, uint64_t lo, uint64_t hi)
{
    if (hi <= lo)
        return;
    char *buf = malloc(hi - lo);
    if (buf && !lu_copy_from_guest(MEM(t), buf, lo, hi - lo))
        fwrite(buf, 1, hi - lo, out);
    free(buf);
}

static void gen_cmdline(LuThread *t, pid_t tid, FILE *out)
{
    (void)tid;
    copy_guest(t, out, t->proc->image.arg_start, t->proc->image.arg_end);
}

static void gen_environ(LuThread *t, pid_t tid, FILE *out)
{
    (void)tid;
    copy_guest(t, out, t->proc->image.env_start, t->proc->image.env_end);
}

/* ---- /proc/cpuinfo -------------------------------------------------------- */

/* Linux's names for the AT_HWCAP and AT_HWCAP2 bits
 * (arch/arm64/include/uapi/asm/hwcap.h, arch/arm64/kernel/cpuinfo.c). */
static const char *const hwcap_names[64] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
    "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc",
    "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm",
    "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};
static const char *const hwcap2_names[64] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4",
    "flagm2", "frint", "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm",
    "bf16", "dgh", "rng", "bti", "mte",
};

static void put_features(FILE *out, uint64_t word, const char *const names[64])
{
    for (unsigned bit = 0; bit < 64; bit++)
        if (((word >> bit) & 1) && names[bit])
            fprintf(out, " %s", names[bit]);
}

static void gen_cpuinfo(LuThread *t, pid_t tid, FILE *out)
{
    (void)t;
    (void)tid;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t midr = a64_midr();
    for (long i = 0; i < (ncpu > 0 ? ncpu : 1); i++) {
        fprintf(out, "processor\t: %ld\nBogoMIPS\t: 50.00\nFeatures\t:", i);
        put_features(out, a64_hwcap(), hwcap_names);
        put_features(out, a64_hwcap2(), hwcap2_names);
        fprintf(out, "\nCPU implementer\t: 0x%02x\nCPU architecture: 8\n"
                "CPU variant\t: 0x%x\nCPU part\t: 0x%03x\nCPU revision\t: %u\n\n",
                (unsigned)(midr >> 24) & 0xff, (unsigned)(midr >> 20) & 0xf,
                (unsigned)(midr >> 4) & 0xfff, (unsigned)midr & 0xf);
    }
}

/* ---- The hooks ------------------------------------------------------------ */

typedef struct ProcFile {
    const char *name;               /* under /proc/self/, or an absolute path */
    void (*gen)(LuThread *t, pid_t tid, FILE *out);
} ProcFile;

static const ProcFile proc_files[] = {
    { "maps", gen_maps },
    { "auxv", gen_auxv },
    { "cmdline", gen_cmdline },
    { "environ", gen_environ },
    { "stat", lu_proc_gen_stat },
    { "status", lu_proc_gen_status },
    { "/proc/cpuinfo", gen_cpuinfo },
};

/* The emulated file path names, and the thread it is about. */
static const ProcFile *find_proc_file(const char *path, pid_t *tid)
{
    const char *rest = NULL;
    *tid = 0;
    bool self = parse_self(path, tid, &rest);
    for (size_t i = 0; i < sizeof(proc_files) / sizeof(proc_files[0]); i++) {
        const char *name = proc_files[i].name;
        if (name[0] == '/' ? !strcmp(path, name) : self && !strcmp(rest, name))
            return &proc_files[i];
    }
    return NULL;
}

/* Whether a relative path could name an emulated file from some directory
 * under /proc: its last component is one of the names.  Keeps the lookup
 * of the directory off every other relative open. */
static bool maybe_proc_name(const char *rel)
{
    const char *last = strrchr(rel, '/');
    last = last ? last + 1 : rel;
    if (!strcmp(last, "exe") || !strcmp(last, "cpuinfo"))
        return true;
    for (size_t i = 0; i < sizeof(proc_files) / sizeof(proc_files[0]); i++)
        if (!strcmp(last, proc_files[i].name))
            return true;
    return false;
}

/* The guest path at g as an absolute path when it is one, or when it is
 * relative to a directory (dirfd, or the cwd for AT_FDCWD) under /proc and
 * may name an emulated file: openat(open("/proc/self"), "maps") must reach
 * the emulation too.  false to leave the call to the host. */
static bool proc_path(LuThread *t, int dirfd, uint64_t g, char *path, size_t size)
{
    char rel[PATH_MAX], dir[PATH_MAX];
    if (lu_strncpy_from_guest(MEM(t), rel, sizeof(rel), g) < 0)
        return false;
    if (rel[0] == '/') {
        snprintf(path, size, "%s", rel);
        return true;
    }
    if (!rel[0] || !maybe_proc_name(rel))
        return false;
    if (dirfd == AT_FDCWD) {
        if (!getcwd(dir, sizeof(dir)))
            return false;
    } else {
        char link[32];
        snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, dir, sizeof(dir) - 1);
        if (n <= 0)
            return false;
        dir[n] = 0;
    }
    if (strncmp(dir, "/proc/", 6) && strcmp(dir, "/proc"))
        return false;
    int n = snprintf(path, size, "%s/%s", dir, rel);
    return n > 0 && (size_t)n < size;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return lseek(fd, 0, SEEK_SET) == 0;
}

/* A memfd holding what pf generates: a descriptor or a negative errno. */
static int64_t open_generated(LuThread *t, const ProcFile *pf, pid_t tid, int host_flags)
{
    char *data = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&data, &len);
    if (!out)
        return lu_errno(errno);
    pf->gen(t, tid, out);
    if (fclose(out)) {
        free(data);
        return -ENOMEM;
    }
    int fd = memfd_create("tern-proc", (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    int64_t r = fd < 0 ? lu_errno(errno) : fd;
    if (fd >= 0 && !write_all(fd, data, len)) {
        r = lu_errno(errno ? errno : EIO);
        close(fd);
    }
    free(data);
    return r;
}

bool lu_proc_openat(LuThread *t, const uint64_t *a, int64_t *ret)
{
    char path[PATH_MAX];
    pid_t tid;
    if (!proc_path(t, (int)a[0], a[1], path, sizeof(path)))
        return false;
    const ProcFile *pf = find_proc_file(path, &tid);
    if (!pf)
        return false;
    int flags = lu_open_flags_to_host(a[2]);
    /* Opening for writing: the host's file of the same name has the same
     * permissions and refuses writes the same way (no content is read). */
    if ((flags & O_ACCMODE) != O_RDONLY)
        return false;
    if (flags & O_DIRECTORY)
        *ret = -ENOTDIR;
    else
        *ret = open_generated(t, pf, tid, flags);
    return true;
}

bool lu_proc_readlinkat(LuThread *t, const uint64_t *a, int64_t *ret)
{
    char path[PATH_MAX];
    const char *exe = t->proc->exe_path;
    if (!exe || !proc_path(t, (int)a[0], a[1], path, sizeof(path)) ||
        !lu_proc_is_self(path, "exe"))
        return false;
    if ((int64_t)a[3] <= 0 || (int64_t)a[3] > INT_MAX) {
        *ret = -EINVAL;
        return true;
    }
    size_t n = strlen(exe);
    if (n > a[3])
        n = a[3];
    *ret = lu_copy_to_guest(MEM(t), a[2], exe, n);
    if (!*ret)
        *ret = (int64_t)n;
    return true;
}
