/* Condition flags that tern computes only where they are read
 * (frontend/aarch64/translate-cc.c): every condition after every kind of
 * flag setter, read by a fused reader in the same block (B.cond, CSEL,
 * CSINC, ADC's carry, CCMP's condition), after an unconditional branch
 * (the flags cross a TB boundary), and as MRS NZCV, which is the
 * reference the others are checked against.  Then the cases where skipping
 * the flags would be visible: a successor rewritten from a setter into a
 * reader (self-modifying code, on the same page and across a page end,
 * where the lookahead must not look), and an asynchronous signal whose
 * handler reads NZCV from its ucontext while the flags are live.
 * Every case loops, so the blocks run chained.  The output (results and a
 * hash of every NZCV seen) is compared with qemu-aarch64 as well. */
#define _GNU_SOURCE 1
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define NZCV_MASK 0xf0000000u

static int failures;
static uint64_t hash = 1469598103934665603ull;

static void mix(uint64_t v)
{
    hash = (hash ^ v) * 1099511628211ull;
}

/* ConditionHolds(cond) of the Arm ARM, from NZCV in bits 31:28. */
static int cond_holds(unsigned cond, uint64_t nzcv)
{
    int n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1, v = nzcv >> 28 & 1;
    int r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return 1;
    }
    return cond & 1 ? !r : r;
}

/* ---- The matrix: setters x conditions x readers ---------------------------- */

/* What one probe saw: the setter's flags (MRS), B.cond taken, CSEL and
 * CSINC results, ADC's carry, CCMP's condition, and the same condition
 * read after a branch. */
typedef struct Probe {
    uint64_t nzcv, taken, csel, csinc, carry, ccmp, after_b, result;
} Probe;

typedef void (*probe_fn)(uint64_t a, uint64_t b, uint64_t in, Probe *p);

/* Setters over a, b with the incoming flags `in` (for ADCS, SBCS, CCMP). */
#define SETTERS(X) \
    X(subs_x, "subs %[t], %[a], %[b]") \
    X(subs_w, "subs %w[t], %w[a], %w[b]") \
    X(adds_x, "adds %[t], %[a], %[b]") \
    X(adds_w, "adds %w[t], %w[a], %w[b]") \
    X(ands_x, "ands %[t], %[a], %[b]") \
    X(ands_w, "ands %w[t], %w[a], %w[b]") \
    X(bics_x, "bics %[t], %[a], %[b]") \
    X(subs_lsl, "subs %[t], %[a], %[b], lsl #3") \
    X(adds_uxtb, "adds %w[t], %w[a], %w[b], uxtb") \
    X(cmp_imm, "cmp %[a], #17") \
    X(cmn_w_imm, "cmn %w[a], #1") \
    X(tst_imm, "tst %[a], #0x8000000000000001") \
    X(negs_x, "negs %[t], %[b]") \
    X(adcs_x, "adcs %[t], %[a], %[b]") \
    X(sbcs_w, "sbcs %w[t], %w[a], %w[b]") \
    X(ccmp_x, "ccmp %[a], %[b], #5, ne") \
    X(ccmn_w, "ccmn %w[a], #3, #10, ge") \
    X(two_setters, "adds %[t], %[b], %[b]\n\tsubs %[t], %[a], %[b]") \
    X(fcmp_d, "fmov d16, %[a]\n\tfmov d17, %[b]\n\tfcmp d16, d17")

#define CONDS(X, S, INSN) \
    X(S, INSN, eq, 0) X(S, INSN, ne, 1) X(S, INSN, cs, 2) X(S, INSN, cc, 3) \
    X(S, INSN, mi, 4) X(S, INSN, pl, 5) X(S, INSN, vs, 6) X(S, INSN, vc, 7) \
    X(S, INSN, hi, 8) X(S, INSN, ls, 9) X(S, INSN, ge, 10) X(S, INSN, lt, 11) \
    X(S, INSN, gt, 12) X(S, INSN, le, 13) X(S, INSN, al, 14) X(S, INSN, nv, 15)

/* Each reader right after the setter, in its own sequence, so it is the
 * first reader of that block.  The flags are read last with MRS. */
#define PROBE_FN(S, INSN, C, N) \
static void probe_##S##_##C(uint64_t a, uint64_t b, uint64_t in, Probe *p) \
{ \
    uint64_t t = 0, one = 1; \
    __asm__ volatile( \
        "msr nzcv, %[in]\n\t" INSN "\n\t" \
        "b." #C " 1f\n\t" \
        "mov %[k], #0\n\t" \
        "b 2f\n" \
        "1: mov %[k], #1\n" \
        "2:\n\t" \
        : [k] "=&r"(p->taken), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in) : "cc", "v16", "v17"); \
    __asm__ volatile( \
        "msr nzcv, %[in]\n\t" INSN "\n\t" \
        "csel %[s], %[one], xzr, " #C "\n\t" \
        "csinc %[i], xzr, xzr, " #C "\n\t" \
        "adc %[c], xzr, xzr\n\t" \
        "mrs %[f], nzcv\n\t" \
        : [s] "=&r"(p->csel), [i] "=&r"(p->csinc), [c] "=&r"(p->carry), \
          [f] "=&r"(p->nzcv), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in), [one] "r"(one) \
        : "cc", "v16", "v17"); \
    __asm__ volatile( \
        "msr nzcv, %[in]\n\t" INSN "\n\t" \
        "ccmp xzr, xzr, #0, " #C "\n\t" \
        "cset %[k], eq\n\t" \
        : [k] "=&r"(p->ccmp), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in) : "cc", "v16", "v17"); \
    __asm__ volatile( \
        "msr nzcv, %[in]\n\t" INSN "\n\t" \
        "b 3f\n" \
        "3: csel %[k], %[one], xzr, " #C "\n\t" \
        : [k] "=&r"(p->after_b), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in), [one] "r"(one) \
        : "cc", "v16", "v17"); \
    p->result = t; \
}

#define PROBE_FNS(S, INSN) CONDS(PROBE_FN, S, INSN)
SETTERS(PROBE_FNS)

typedef struct Setter {
    const char *name;
    probe_fn fn[16];
} Setter;

#define PROBE_REF(S, INSN, C, N) probe_##S##_##C,
#define SETTER_ROW(S, INSN) { #S, { CONDS(PROBE_REF, S, INSN) } },
static const Setter setters[] = { SETTERS(SETTER_ROW) };

static const uint64_t values[] = {
    0, 1, 2, 17, 0x7f, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
    0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
    0xfffffffffffffffe, 0x3ff0000000000000 /* 1.0 */,
    0x7ff8000000000000 /* NaN */,
};
static const uint64_t flags_in[] = { 0, 0x60000000, 0x90000000, 0x30000000 };

#define NVALUES (sizeof(values) / sizeof(values[0]))
#define NFLAGS (sizeof(flags_in) / sizeof(flags_in[0]))

static void check_probe(const Setter *s, unsigned cond, uint64_t a, uint64_t b,
                        uint64_t in, const Probe *p)
{
    uint64_t want = (uint64_t)cond_holds(cond, p->nzcv);
    int ok = p->taken == want && p->csel == want && p->csinc == !want &&
             p->carry == (p->nzcv >> 29 & 1) && p->ccmp == want && p->after_b == want;
    if (!ok && failures++ < 20)
        printf("FAIL %s cond %u a=%#llx b=%#llx in=%#llx: nzcv=%#llx taken=%llu "
               "csel=%llu csinc=%llu carry=%llu ccmp=%llu after_b=%llu\n",
               s->name, cond, (unsigned long long)a, (unsigned long long)b,
               (unsigned long long)in, (unsigned long long)p->nzcv,
               (unsigned long long)p->taken, (unsigned long long)p->csel,
               (unsigned long long)p->csinc, (unsigned long long)p->carry,
               (unsigned long long)p->ccmp, (unsigned long long)p->after_b);
    mix(p->nzcv);
    mix(p->result);
}

static void run_matrix(void)
{
    for (unsigned si = 0; si < sizeof(setters) / sizeof(setters[0]); si++)
        for (unsigned cond = 0; cond < 16; cond++)
            for (unsigned i = 0; i < NVALUES; i++)
                for (unsigned j = 0; j < NVALUES; j++)
                    for (unsigned k = 0; k < NFLAGS; k++) {
                        Probe p;
                        setters[si].fn[cond](values[i], values[j], flags_in[k], &p);
                        check_probe(&setters[si], cond, values[i], values[j],
                                    flags_in[k], &p);
                    }
    printf("matrix: %zu setters x 16 conditions x %zu x %zu operands x %zu flags\n",
           sizeof(setters) / sizeof(setters[0]), NVALUES, NVALUES, NFLAGS);
}

/* ---- Self-modifying successors ------------------------------------------------- */

#define PAGE 4096
#define ROUNDS 200
#define CMP_X0_X1   0xeb01001fu
#define CMP_X2_X3   0xeb03005fu
#define CSET_W0_EQ  0x1a9f17e0u
#define RET         0xd65f03c0u
#define MOV_X4_1    0xd2800024u
#define NOP         0xd503201fu

static uint32_t b_to(const uint32_t *from, const uint32_t *to)
{
    return 0x14000000u | ((uint32_t)(to - from) & 0x3ffffff);
}

typedef uint64_t (*cmp_fn)(uint64_t, uint64_t, uint64_t, uint64_t);

static void flush(void *p, size_t n)
{
    __builtin___clear_cache((char *)p, (char *)p + n);
}

/* f: cmp x0, x1; b g.  g starts with "cmp x2, x3" (so f's flags are dead
 * at f's exit), then "cset w0, eq; ret".  Rewriting g's first insn into
 * "cset w0, eq" makes f's flags live: f must be translated again. */
static void check_smc(const char *what, uint32_t *f, uint32_t *g, uint32_t *code, size_t len)
{
    cmp_fn fn = (cmp_fn)(void *)f;
    g[0] = CMP_X2_X3;
    flush(code, len);
    for (int i = 0; i < ROUNDS; i++)
        if (fn(5, 5, 1, 2) != 0 && failures++ < 20)
            printf("FAIL %s before the rewrite (round %d)\n", what, i);
    g[0] = CSET_W0_EQ;
    flush(g, 4);
    for (int i = 0; i < ROUNDS; i++)
        if (fn(5, 5, 1, 2) != 1 && failures++ < 20)
            printf("FAIL %s after the rewrite (round %d)\n", what, i);
    g[0] = CMP_X2_X3;
    flush(g, 4);
    for (int i = 0; i < ROUNDS; i++)
        if (fn(5, 6, 7, 7) != 1 && failures++ < 20)
            printf("FAIL %s after rewriting back (round %d)\n", what, i);
    printf("smc %s: done\n", what);
}

static void run_smc(void)
{
    uint32_t *code = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        failures++;
        return;
    }
    for (unsigned i = 0; i < 2 * PAGE / 4; i++)
        code[i] = NOP;
    /* Same page: f at word 0, g at word 16. */
    uint32_t *f = code, *g = code + 16;
    f[0] = CMP_X0_X1;
    f[1] = b_to(&f[1], g);
    g[1] = CSET_W0_EQ;
    g[2] = RET;
    check_smc("same page", f, g, code, 2 * PAGE);
    /* Across the page end: f2 branches to the page's last two insns, which
     * fall through into the next page; the lookahead must stop at the page
     * end (a write to the next page does not drop f2). */
    uint32_t *f2 = code + 64, *tail = code + PAGE / 4 - 2, *g2 = code + PAGE / 4;
    f2[0] = CMP_X0_X1;
    f2[1] = b_to(&f2[1], tail);
    tail[0] = MOV_X4_1;
    tail[1] = MOV_X4_1;
    g2[1] = CSET_W0_EQ;
    g2[2] = RET;
    check_smc("across the page end", f2, g2, code, 2 * PAGE);
    munmap(code, 2 * PAGE);
}

/* ---- An asynchronous signal while the flags are live ------------------------- */

static volatile int got_signal;
static volatile uint64_t seen_pstate;
extern const char flags_spin_begin[], flags_spin_end[];

static void arm_timer(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 2000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

/* Only a signal taken inside the spin loop counts; one that came earlier
 * (a slow emulator) arms the timer again. */
static void on_alarm(int sig, siginfo_t *info, void *uc_)
{
    (void)sig;
    (void)info;
    ucontext_t *uc = uc_;
    uint64_t pc = uc->uc_mcontext.pc;
    if (pc < (uint64_t)flags_spin_begin || pc >= (uint64_t)flags_spin_end) {
        arm_timer();
        return;
    }
    seen_pstate = uc->uc_mcontext.pstate;
    got_signal = 1;
}

/* Sets NZCV = N V, then Z C with a compare, and spins on a loop that
 * reads them at its head until the timer's signal has been handled: at
 * every TB boundary of the loop the flags are live, so the handler must
 * see Z C.  Not inlined: the loop's labels must exist once. */
static __attribute__((noinline)) uint64_t spin_until_signal(void)
{
    uint64_t bad = 0, nv = 0x90000000, five = 5;
    __asm__ volatile(
        "msr nzcv, %[nv]\n\t"
        "cmp %[five], %[five]\n"
        ".global flags_spin_begin\n"
        "flags_spin_begin:\n"
        "1: b.ne 8f\n\t"
        "ldr w9, [%[got]]\n\t"
        "cbz w9, 1b\n\t"
        "b 9f\n"
        "8: mov %[bad], #1\n"
        "9:\n"
        ".global flags_spin_end\n"
        "flags_spin_end:\n\t"
        : [bad] "+r"(bad)
        : [nv] "r"(nv), [five] "r"(five), [got] "r"(&got_signal)
        : "cc", "x9", "memory");
    return bad;
}

static void run_signal(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGALRM, &sa, NULL);
    for (int round = 0; round < 3; round++) {
        got_signal = 0;
        arm_timer();
        uint64_t bad = spin_until_signal();
        unsigned flags = (unsigned)(seen_pstate & NZCV_MASK);
        if ((bad || flags != 0x60000000) && failures++ < 20)
            printf("FAIL signal round %d: handler saw NZCV %#x (bad=%llu)\n", round, flags,
                   (unsigned long long)bad);
    }
    printf("signal: done\n");
}

int main(void)
{
    run_matrix();      /* each probe runs 900 times: chained and hot */
    run_smc();
    run_signal();
    printf("hash %016llx\n", (unsigned long long)hash);
    printf("%s\n", failures ? "FAIL" : "PASS");
    return failures != 0;
}
