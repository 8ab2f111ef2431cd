/* linux-user/proc-stat.c — /proc/<self>/stat and status (and their
 * task/<tid>/ forms) as the guest should see them.
 *
 * Most of both files is right as the host writes it, because one host
 * process is one guest process (pid, ppid, process group, session, tty,
 * state, times, thread count, credentials) and tern names its host
 * threads after the guest program (comm: main.c sets it from AT_EXECFN, as
 * execve does).  So the host's file is read and only what describes tern
 * rather than the guest is replaced:
 *   - memory: the host's counts include the 4 GiB reservation, the code
 *     cache and tern's own heap; VmSize/vsize count the guest's mapped
 *     pages, VmRSS/rss the resident ones among them (mincore), VmStk the
 *     stack, VmExe the text, VmData the writable non-stack pages; VmPeak
 *     and VmHWM are the current values and VmLib is 0 (not tracked);
 *   - stat's code, stack, data, brk, argv and environment addresses: the
 *     guest image's;
 *   - signals: SigIgn/SigCgt from the guest's dispositions (tern's own
 *     SIGSEGV/SIGBUS handlers are not the guest's), and for the calling
 *     thread its guest blocked set and queued signals; another thread's
 *     per-thread fields are the host's (its blocked set lacks SIGSEGV and
 *     SIGBUS, which tern never blocks on the host);
 *   - processor: the calling thread's guest CPU (cpus.c); another
 *     thread's is the host CPU it last ran on.
 */
#include "linux-user/lu-internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define LU_STAT_FIELDS 52

/* ---- Guest memory counts ----------------------------------------------------- */

typedef struct GuestVm {
    uint64_t size, rss, stack, data;    /* pages */
} GuestVm;

static bool in_stack(const LuProcess *p, uint64_t g)
{
    return g >= p->image.stack_low && g < LU_STACK_TOP;
}

/* Resident pages of [g, g + n pages), by mincore on their host pages. */
static uint64_t resident(const LuMem *m, uint64_t g, uint64_t n)
{
    unsigned char vec[256];
    uint64_t count = 0;
    while (n) {
        uint64_t k = n < sizeof(vec) ? n : sizeof(vec);
        if (mincore(m->base + g, k << LU_PAGE_BITS, vec) == 0)
            for (uint64_t i = 0; i < k; i++)
                count += vec[i] & 1;
        g += k << LU_PAGE_BITS;
        n -= k;
    }
    return count;
}

static GuestVm guest_vm(LuProcess *p)
{
    LuMem *m = &p->mem;
    GuestVm vm = { 0, 0, 0, 0 };
    pthread_mutex_lock(&m->lock);
    for (uint64_t pg = 0; pg < LU_NPAGES;) {
        if (!(m->pages[pg] & LU_PAGE_VALID)) {
            pg++;
            continue;
        }
        uint64_t run = pg;
        while (run < LU_NPAGES && (m->pages[run] & LU_PAGE_VALID))
            run++;
        vm.size += run - pg;
        vm.rss += resident(m, pg << LU_PAGE_BITS, run - pg);
        for (uint64_t i = pg; i < run; i++) {
            if (in_stack(p, i << LU_PAGE_BITS))
                vm.stack++;
            else if (m->pages[i] & LU_PAGE_WRITE)
                vm.data++;
        }
        pg = run;
    }
    pthread_mutex_unlock(&m->lock);
    return vm;
}

/* ---- Guest signal sets -------------------------------------------------------- */

typedef struct GuestSigs {
    uint64_t ignored, caught;
} GuestSigs;

static GuestSigs guest_sigs(LuProcess *p)
{
    GuestSigs s = { 0, 0 };
    pthread_mutex_lock(&p->sig_lock);
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        uint64_t h = p->sigact[sig].handler;
        if (h == LU_SIG_IGN)
            s.ignored |= lu_sig_bit(sig);
        else if (h != LU_SIG_DFL)
            s.caught |= lu_sig_bit(sig);
    }
    pthread_mutex_unlock(&p->sig_lock);
    return s;
}

/* ---- Reading the host's file ------------------------------------------------ */

/* The host's /proc/<pid>[/task/<tid>]/name, whole, NUL-terminated; NULL
 * when it cannot be read (the thread is gone). */
static char *read_host(const LuThread *t, pid_t tid, const char *name)
{
    char path[96];
    if (tid)
        snprintf(path, sizeof(path), "/proc/%d/task/%d/%s", (int)t->proc->pid, (int)tid, name);
    else
        snprintf(path, sizeof(path), "/proc/%d/%s", (int)t->proc->pid, name);
    FILE *in = fopen(path, "re");
    if (!in)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&buf, &cap, '\0', in);
    fclose(in);
    if (n <= 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Whether the file is about the calling thread: its task entry, or the
 * process's when the caller leads it. */
static bool about_caller(const LuThread *t, pid_t tid)
{
    return tid ? tid == t->tid : t->tid == t->proc->pid;
}

/* ---- stat ---------------------------------------------------------------------- */

static void gen_stat_fields(LuThread *t, pid_t tid, char **f, FILE *out)
{
    LuProcess *p = t->proc;
    const LuImage *img = &p->image;
    GuestVm vm = guest_vm(p);
    GuestSigs s = guest_sigs(p);
    char num[LU_STAT_FIELDS + 1][24];
    int set[LU_STAT_FIELDS + 1] = { 0 };
#define PUT(i, v) (snprintf(num[i], sizeof(num[i]), "%" PRIu64, (uint64_t)(v)), set[i] = 1)
    PUT(23, vm.size << LU_PAGE_BITS);
    PUT(24, vm.rss);
    PUT(26, img->start_code);
    PUT(27, img->end_code);
    PUT(28, img->sp);
    PUT(29, 0);
    PUT(30, 0);
    PUT(33, s.ignored);
    PUT(34, s.caught);
    if (about_caller(t, tid)) {
        PUT(31, lu_signal_pending(t));
        PUT(32, t->sigmask);
        PUT(39, t->cpu_id);
    }
    PUT(45, img->start_data);
    PUT(46, img->end_data);
    PUT(47, p->mem.brk_start);
    PUT(48, img->arg_start);
    PUT(49, img->arg_end);
    PUT(50, img->env_start);
    PUT(51, img->env_end);
#undef PUT
    for (int i = 3; i <= LU_STAT_FIELDS && f[i]; i++)
        fprintf(out, " %s", set[i] ? num[i] : f[i]);
    fputc('\n', out);
}

void lu_proc_gen_stat(LuThread *t, pid_t tid, FILE *out)
{
    char *host = read_host(t, tid, "stat");
    char *close = host ? strrchr(host, ')') : NULL;
    if (!close)
        goto done;
    /* "pid (comm)" as the host wrote it (comm may hold spaces). */
    fwrite(host, 1, (size_t)(close + 1 - host), out);
    char *f[LU_STAT_FIELDS + 2] = { NULL };
    char *save = NULL, *tok = strtok_r(close + 1, " \n", &save);
    for (int i = 3; tok && i <= LU_STAT_FIELDS; i++, tok = strtok_r(NULL, " \n", &save))
        f[i] = tok;
    gen_stat_fields(t, tid, f, out);
done:
    free(host);
}

/* ---- status ---------------------------------------------------------------------- */

/* The replacement for one "Key:\tvalue" line into buf; false to keep the
 * host's. */
static bool status_line(LuThread *t, pid_t tid, const char *key, const GuestVm *vm,
                        const GuestSigs *s, char *buf, size_t size)
{
    const LuImage *img = &t->proc->image;
    uint64_t kb = LU_PAGE_SIZE >> 10;
    struct { const char *key; uint64_t kb; } vms[] = {
        { "VmPeak", vm->size * kb }, { "VmSize", vm->size * kb },
        { "VmHWM", vm->rss * kb },   { "VmRSS", vm->rss * kb },
        { "VmData", vm->data * kb }, { "VmStk", vm->stack * kb },
        { "VmExe", (img->end_code - img->start_code) >> 10 }, { "VmLib", 0 },
    };
    for (size_t i = 0; i < sizeof(vms) / sizeof(vms[0]); i++)
        if (!strcmp(key, vms[i].key)) {
            snprintf(buf, size, "%s:\t%8" PRIu64 " kB\n", key, vms[i].kb);
            return true;
        }
    uint64_t set;
    if (!strcmp(key, "SigIgn"))
        set = s->ignored;
    else if (!strcmp(key, "SigCgt"))
        set = s->caught;
    else if (!strcmp(key, "SigBlk") && about_caller(t, tid))
        set = t->sigmask;
    else if (!strcmp(key, "SigPnd") && about_caller(t, tid))
        set = lu_signal_pending(t);
    else
        return false;
    snprintf(buf, size, "%s:\t%016" PRIx64 "\n", key, set);
    return true;
}

void lu_proc_gen_status(LuThread *t, pid_t tid, FILE *out)
{
    char *host = read_host(t, tid, "status");
    if (!host)
        return;
    GuestVm vm = guest_vm(t->proc);
    GuestSigs s = guest_sigs(t->proc);
    char *save = NULL;
    for (char *line = strtok_r(host, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char key[32], buf[96];
        size_t klen = strcspn(line, ":");
        if (klen < sizeof(key)) {
            memcpy(key, line, klen);
            key[klen] = 0;
            if (status_line(t, tid, key, &vm, &s, buf, sizeof(buf))) {
                fputs(buf, out);
                continue;
            }
        }
        fprintf(out, "%s\n", line);
    }
    free(host);
}
