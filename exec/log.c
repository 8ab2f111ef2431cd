/* exec/log.c — the -d items, the translation and execution logs, and the
 * perf map.
 *
 * Item names are QEMU's (-d in_asm,op,op_opt,out_asm,exec,cpu,nochain) so
 * that logs of the two can be compared side by side; "stats" is tern's own
 * (the counters at exit, written by stats.c).  Output formats:
 *
 *     ----------------
 *     IN:                       guest code, by GuestArch.disas
 *     OP:                       IR from the frontend (ir_print)
 *     OP after optimization:    IR after ir_optimize
 *     OUT: [size=N]             host code, by Backend.disas
 *     Trace 0xHOST [FLAGS] 0xPC each TB entered from the loop or the lookup
 *
 * Translation logs are written under Exec.lock; traces are written by the
 * running CPU's thread.  Each record ends with a fflush so a crash keeps it.
 *
 * The perf map (/tmp/perf-PID.map, one "START SIZE NAME" line per TB in hex,
 * plus one for the backend's shared code) lets `perf report` name generated
 * code; the file is only appended to.
 */
#include "exec/exec-internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *name;
    uint32_t mask;
    const char *help;
} log_items[] = {
    { "in_asm",  TERN_LOG_IN_ASM,  "show guest code of each translated TB" },
    { "op",      TERN_LOG_OP,      "show the IR from the frontend" },
    { "op_opt",  TERN_LOG_OP_OPT,  "show the IR after optimization" },
    { "out_asm", TERN_LOG_OUT_ASM, "show the generated host code" },
    { "exec",    TERN_LOG_EXEC,    "show each TB entered (trace)" },
    { "cpu",     TERN_LOG_CPU,     "show the registers before each TB entered" },
    { "nochain", TERN_LOG_NOCHAIN, "do not chain TBs (every TB exits to the loop)" },
    { "stats",   TERN_LOG_STATS,   "print the translation and lookup counters at exit" },
};

#define LOG_NITEMS (sizeof(log_items) / sizeof(log_items[0]))

static void log_help(FILE *out)
{
    fprintf(out, "Log items (comma separated):\n");
    for (size_t i = 0; i < LOG_NITEMS; i++)
        fprintf(out, "%-10s %s\n", log_items[i].name, log_items[i].help);
}

/* The mask of one item name of length n; 0 when unknown. */
static uint32_t log_item_mask(const char *name, size_t n)
{
    for (size_t i = 0; i < LOG_NITEMS; i++)
        if (strlen(log_items[i].name) == n && !strncmp(log_items[i].name, name, n))
            return log_items[i].mask;
    return 0;
}

void exec_format_log_items(uint32_t mask, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = 0;
    for (size_t i = 0; i < LOG_NITEMS && used < size; i++) {
        if (!(mask & log_items[i].mask))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "",
                         log_items[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

bool exec_parse_log_items(const char *items, uint32_t *mask)
{
    uint32_t m = 0;
    for (const char *p = items; *p;) {
        size_t n = strcspn(p, ",");
        if (n == 4 && !strncmp(p, "help", 4)) {
            log_help(stdout);
            return false;
        }
        uint32_t bit = log_item_mask(p, n);
        if (n && !bit) {
            fprintf(stderr, "tern: unknown log item '%.*s' (try -d help)\n", (int)n, p);
            return false;
        }
        m |= bit;
        p += n + (p[n] == ',');
    }
    *mask = m;
    return true;
}

/* ---- Translation logs ------------------------------------------------------- */

/* Each record is written under the FILE's lock: other threads' traces
 * and syscall logs go to the same stream. */
void exec_log_ir(Exec *ex, const char *title, const IrFunc *f)
{
    flockfile(ex->log);
    fprintf(ex->log, "%s\n", title);
    ir_print(f, ex->log);
    fputc('\n', ex->log);
    fflush(ex->log);
    funlockfile(ex->log);
}

/* Reads guest bytes back through read_code (words that fail read as zero:
 * the frontend raised a prefetch abort there). */
static uint8_t *log_read_guest(Exec *ex, uint64_t pc, uint64_t size)
{
    size_t n = (size + 3) / 4;
    uint32_t *words = calloc(n ? n : 1, sizeof(*words));
    if (!words)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!ex->cfg.read_code(ex->cfg.mem_opaque, pc + 4 * i, &words[i]))
            words[i] = 0;
    return (uint8_t *)words;
}

void exec_log_in_asm(Exec *ex, uint64_t pc, uint32_t flags, uint64_t size)
{
    uint8_t *code = log_read_guest(ex, pc, size);
    flockfile(ex->log);
    fprintf(ex->log, "----------------\nIN: [pc=0x%" PRIx64 " flags=%08" PRIx32 "]\n",
            pc, flags);
    if (code)
        ex->arch->disas(ex->log, pc, code, size);
    fputc('\n', ex->log);
    fflush(ex->log);
    funlockfile(ex->log);
    free(code);
}

void exec_log_out_asm(Exec *ex, const TB *tb)
{
    flockfile(ex->log);
    fprintf(ex->log, "OUT: [size=%" PRIu32 "]\n", tb->code_size);
    ex->backend->disas(ex->log, tb_code_rw(ex, tb), tb->code_rx, tb->code_size);
    fputc('\n', ex->log);
    fflush(ex->log);
    funlockfile(ex->log);
}

/* ---- Execution trace -------------------------------------------------------- */

/* One record per TB entry, kept whole when several CPUs trace at once. */
void exec_log_trace(Exec *ex, TernCPU *cpu, const TB *tb)
{
    flockfile(ex->log);
    if (exec_logging(ex, TERN_LOG_CPU))
        ex->arch->dump_state(ex->log, cpu);
    if (exec_logging(ex, TERN_LOG_EXEC))
        fprintf(ex->log, "Trace 0x%" PRIxPTR " [%08" PRIx32 "] 0x%016" PRIx64 "\n",
                tb->code_rx, tb->flags, tb->pc);
    fflush(ex->log);
    funlockfile(ex->log);
}

/* ---- Perf map ---------------------------------------------------------------- */

bool exec_perf_map_open(Exec *ex)
{
    char path[64];
    snprintf(path, sizeof(path), "/tmp/perf-%ld.map", (long)getpid());
    ex->perf_map = fopen(path, "ae");   /* not inherited by an exec'd program */
    if (!ex->perf_map) {
        perror(path);
        return false;
    }
    fprintf(ex->perf_map, "%" PRIxPTR " %zx tern:%s:shared\n",
            ex->code.rx, ex->code.shared, ex->backend->name);
    fflush(ex->perf_map);
    return true;
}

void exec_perf_map_add(Exec *ex, const TB *tb)
{
    fprintf(ex->perf_map, "%" PRIxPTR " %" PRIx32 " tern:%s:0x%" PRIx64 "\n",
            tb->code_rx, tb->code_size, ex->arch->name, tb->pc);
    fflush(ex->perf_map);
}
