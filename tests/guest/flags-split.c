/* Condition flags read on only one path of a conditional branch
 * (frontend/aarch64/translate-branch.c, gen_cc_exits_split): tern then
 * computes them on that path alone, after the branch, from operands kept
 * in their unchanged source registers or in TB-locals.  For every setter
 * kind (SUB, ADD, logic; 64 and 32 bits; an operand overwritten between
 * setter and branch; a register written after the setter) and every
 * conditional branch (B.cond, CBZ, CBNZ, TBZ, TBNZ), the flags are read
 * once on the fall-through path and once on the taken path (the other path
 * sets them again first, so they are dead there), with MRS NZCV, a B.cond
 * and ADC's carry.  The reference is MRS right after the setter.  Each
 * probe loops, so the blocks run chained; the output is compared with
 * qemu-aarch64 too. */
#include <stdint.h>
#include <stdio.h>

static int failures;
static uint64_t hash = 1469598103934665603ull;

static void mix(uint64_t v)
{
    hash = (hash ^ v) * 1099511628211ull;
}

/* What a reader on the live path saw: NZCV, B.ls taken, ADC's carry, and
 * which path ran (1 = taken). */
typedef struct Seen {
    uint64_t nzcv, ls, carry, path;
} Seen;

/* Setters over a, b (t starts as a).  The last two write an operand or
 * the destination between the setter and the branch. */
#define SETTERS(X) \
    X(subs_x, "subs %[t], %[a], %[b]") \
    X(subs_w, "subs %w[t], %w[a], %w[b]") \
    X(adds_x, "adds %[t], %[a], %[b]") \
    X(adds_w, "adds %w[t], %w[a], %w[b]") \
    X(ands_x, "ands %[t], %[a], %[b]") \
    X(ands_w, "ands %w[t], %w[a], %w[b]") \
    X(cmp_imm, "cmp %[a], #17") \
    X(cmn_w_imm, "cmn %w[a], #1") \
    X(tst_imm, "tst %[a], #0x8000000000000001") \
    X(subs_self, "subs %[t], %[t], %[b]") \
    X(cmp_then_write, "cmp %[t], %[b]\n\tadd %[t], %[t], #5")

/* The branches: every one tests b (CBZ/TBZ) or the flags (B.cond). */
#define BRANCHES(X, S, INSN) \
    X(S, INSN, beq, "b.eq") X(S, INSN, bhi, "b.hi") X(S, INSN, blt, "b.lt") \
    X(S, INSN, bvs, "b.vs") X(S, INSN, cbz, "cbz %[b],") X(S, INSN, cbnz, "cbnz %w[b],") \
    X(S, INSN, tbz, "tbz %[b], #63,") X(S, INSN, tbnz, "tbnz %w[b], #0,")

/* Reads the flags on the fall-through path; the taken path sets them
 * first (cmp xzr, xzr), so only the fall-through keeps them live. */
#define READ_FALL(S, INSN, B) \
    "msr nzcv, %[in]\n\t" INSN "\n\t" B " 1f\n\t" \
    "mrs %[f], nzcv\n\t" \
    "cset %[ls], ls\n\t" \
    "adc %[c], xzr, xzr\n\t" \
    "mov %[p], #0\n\t" \
    "b 2f\n" \
    "1: cmp xzr, xzr\n\t" \
    "mov %[f], #0\n\t" \
    "mov %[ls], #0\n\t" \
    "mov %[c], #0\n\t" \
    "mov %[p], #1\n" \
    "2:\n\t"

/* The mirror image: only the taken path reads them. */
#define READ_TAKEN(S, INSN, B) \
    "msr nzcv, %[in]\n\t" INSN "\n\t" B " 1f\n\t" \
    "cmp xzr, xzr\n\t" \
    "mov %[f], #0\n\t" \
    "mov %[ls], #0\n\t" \
    "mov %[c], #0\n\t" \
    "mov %[p], #0\n\t" \
    "b 2f\n" \
    "1: mrs %[f], nzcv\n\t" \
    "cset %[ls], ls\n\t" \
    "adc %[c], xzr, xzr\n\t" \
    "mov %[p], #1\n" \
    "2:\n\t"

#define PROBE_FN(S, INSN, BN, B) \
static void probe_##S##_##BN(uint64_t a, uint64_t b, uint64_t in, Seen *fall, Seen *taken) \
{ \
    uint64_t t = a; \
    __asm__ volatile(READ_FALL(S, INSN, B) \
        : [f] "=&r"(fall->nzcv), [ls] "=&r"(fall->ls), [c] "=&r"(fall->carry), \
          [p] "=&r"(fall->path), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in) : "cc"); \
    t = a; \
    __asm__ volatile(READ_TAKEN(S, INSN, B) \
        : [f] "=&r"(taken->nzcv), [ls] "=&r"(taken->ls), [c] "=&r"(taken->carry), \
          [p] "=&r"(taken->path), [t] "+&r"(t) \
        : [a] "r"(a), [b] "r"(b), [in] "r"(in) : "cc"); \
}

#define SETTER_PROBES(S, INSN) BRANCHES(PROBE_FN, S, INSN)
SETTERS(SETTER_PROBES)

/* The reference: the setter's flags read right after it. */
#define REF_FN(S, INSN) \
static uint64_t ref_##S(uint64_t a, uint64_t b, uint64_t in) \
{ \
    uint64_t t = a, f; \
    __asm__ volatile("msr nzcv, %[in]\n\t" INSN "\n\tmrs %[f], nzcv" \
        : [f] "=&r"(f), [t] "+&r"(t) : [a] "r"(a), [b] "r"(b), [in] "r"(in) : "cc"); \
    return f; \
}
SETTERS(REF_FN)

typedef void (*probe_fn)(uint64_t a, uint64_t b, uint64_t in, Seen *fall, Seen *taken);
typedef uint64_t (*ref_fn)(uint64_t a, uint64_t b, uint64_t in);

typedef struct Case {
    const char *name;
    probe_fn probe;
    ref_fn ref;
} Case;

#define CASE_ROW(S, INSN, BN, B) { #S " " #BN, probe_##S##_##BN, ref_##S },
#define SETTER_ROWS(S, INSN) BRANCHES(CASE_ROW, S, INSN)
static const Case cases[] = { SETTERS(SETTER_ROWS) };

static const uint64_t values[] = {
    0, 1, 17, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull,
    0xffffffffffffffffull, 0x8000000000000001ull,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

/* One path's reading against the reference: NZCV when that path ran,
 * and the readers agree with it. */
static void check(const Case *k, const char *path, const Seen *s, uint64_t want,
                  uint64_t a, uint64_t b)
{
    unsigned c = want >> 29 & 1, z = want >> 30 & 1;
    uint64_t ls = !c || z;
    if (s->nzcv == want && s->ls == ls && s->carry == c)
        return;
    if (failures++ < 20)
        printf("FAIL %s (%s path) a=%#llx b=%#llx: nzcv=%#llx ls=%llu c=%llu, want %#llx\n",
               k->name, path, (unsigned long long)a, (unsigned long long)b,
               (unsigned long long)s->nzcv, (unsigned long long)s->ls,
               (unsigned long long)s->carry, (unsigned long long)want);
}

static void run_case(const Case *k, uint64_t a, uint64_t b, uint64_t in)
{
    uint64_t want = k->ref(a, b, in);
    for (int round = 0; round < 12; round++) {
        Seen fall, taken;
        k->probe(a, b, in, &fall, &taken);
        if (fall.path != taken.path && failures++ < 20)
            printf("FAIL %s: the two shapes branched differently\n", k->name);
        if (!fall.path)
            check(k, "fall-through", &fall, want, a, b);
        if (taken.path)
            check(k, "taken", &taken, want, a, b);
        if (round == 0) {
            mix(want);
            mix(fall.path);
        }
    }
}

int main(void)
{
    static const uint64_t nzcv_in[] = { 0, 0xf0000000 };
    size_t ncases = sizeof(cases) / sizeof(cases[0]);
    for (size_t k = 0; k < ncases; k++)
        for (size_t i = 0; i < NVALUES; i++)
            for (size_t j = 0; j < NVALUES; j++)
                for (size_t f = 0; f < 2; f++)
                    run_case(&cases[k], values[i], values[j], nzcv_in[f]);
    printf("%zu cases x %zu x %zu operands x 2 incoming flags, 12 rounds\n",
           ncases, NVALUES, NVALUES);
    printf("hash %016llx\n", (unsigned long long)hash);
    printf("%s\n", failures ? "FAIL" : "PASS");
    return failures != 0;
}
