/* exec/stats.c — tern's own counters (ExecStats), printed at exit with
 * `-d stats` (to the -D log, else stderr).
 *
 * The counters themselves are bumped where things happen (translate-all.c,
 * tb.c, cpu-exec.c); this file adds the one that costs something, the
 * translation time, and the report.  Translation time is the translating
 * thread's CPU time (CLOCK_THREAD_CPUTIME_ID) around tb_gen_code(), read
 * only when -d stats is on, so a loaded machine does not inflate it and
 * normal runs pay nothing.  The report is one "label  value" line per
 * counter, the value last, so scripts (bench/run.sh) pick a figure with
 * awk on the label:
 *
 *     ---- tern stats (pid 1234) ----
 *     TBs translated                 4242
 *     guest insns translated         31337
 *     host code bytes                512000
 *     host bytes per guest insn      16.34
 *     translation time (s)           0.012345
 *     guest insns translated per s   2538438
 *     TB lookups                     ...
 *
 * Counters are read without the Exec lock (exec_print_stats may run while
 * other threads still translate, at exit_group): each is loaded atomically,
 * and a report taken mid-flight is merely a moment earlier than exit.
 */
#include "exec/exec-internal.h"

#include <inttypes.h>
#include <time.h>
#include <unistd.h>

uint64_t exec_stats_clock(const Exec *ex)
{
    if (!exec_logging(ex, TERN_LOG_STATS))
        return 0;
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    /* Never 0, which means "stats off" to exec_stats_add_translate. */
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec + 1;
}

/* Called under Exec.lock, like every other translation counter. */
void exec_stats_add_translate(Exec *ex, uint64_t start)
{
    if (!start)
        return;
    uint64_t now = exec_stats_clock(ex);
    if (now > start)
        ex->stats.translate_ns += now - start;
}

static uint64_t stats_load(const uint64_t *counter)
{
    return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

static void stats_line(FILE *out, const char *label, uint64_t value)
{
    fprintf(out, "%-30s %" PRIu64 "\n", label, value);
}

void exec_print_stats(const Exec *ex)
{
    if (!exec_logging(ex, TERN_LOG_STATS))
        return;
    const ExecStats *s = &ex->stats;
    uint64_t insns = stats_load(&s->guest_insns_translated);
    uint64_t bytes = stats_load(&s->host_bytes);
    uint64_t ns = stats_load(&s->translate_ns);
    FILE *out = ex->log ? ex->log : stderr;

    fprintf(out, "---- tern stats (pid %ld) ----\n", (long)getpid());
    stats_line(out, "TBs translated", stats_load(&s->tbs_translated));
    stats_line(out, "guest insns translated", insns);
    stats_line(out, "host code bytes", bytes);
    fprintf(out, "%-30s %.2f\n", "host bytes per guest insn",
            insns ? (double)bytes / (double)insns : 0.0);
    fprintf(out, "%-30s %.6f\n", "translation time (s)", (double)ns / 1e9);
    fprintf(out, "%-30s %.0f\n", "guest insns translated per s",
            ns ? (double)insns * 1e9 / (double)ns : 0.0);
    stats_line(out, "TB lookups", stats_load(&s->lookups));
    stats_line(out, "TB lookup misses", stats_load(&s->lookup_misses));
    stats_line(out, "chain patches", stats_load(&s->chains));
    stats_line(out, "flushes", stats_load(&s->flushes));
    stats_line(out, "invalidations", stats_load(&s->invalidations));
    fflush(out);
}
