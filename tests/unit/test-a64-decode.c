/* tests/unit/test-a64-decode.c — the generated A64 decoder, words in,
 * handler and fields out.
 *
 * The decoder (a64-decode.c.inc) is linked here against the generator's
 * test double (a64-decode-mock.c.inc), whose trans_ functions call
 * a64_decode_mock_hit() below, so no IR is involved.  Three kinds of check:
 *   - known words: each was assembled with aarch64-linux-gnu-as and
 *     disassembled with aarch64-linux-gnu-objdump (the comment is objdump's
 *     text), and the expected fields follow from that text;
 *   - every pattern of the spec: random words inside its mask decode to the
 *     first pattern of the spec that matches them (bucketing by op0 loses
 *     nothing), and never to a pattern that does not match;
 *   - overlap groups: when a handler declines, the next match is tried.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontend/aarch64/a64-decode.h"

/* ---- The test double's sink ------------------------------------------------ */

typedef struct Hit {
    int count;
    const char *name;
    int64_t fields[16];
    int nfields;
    const char *decline;    /* a handler of this name returns false */
} Hit;

static Hit hit;

static bool a64_decode_mock_hit(DisasContext *s, const char *name,
                                const int64_t *fields, int nfields)
{
    if (hit.decline && !strcmp(hit.decline, name))
        return false;
    hit.count++;
    hit.name = name;
    hit.nfields = nfields;
    memcpy(hit.fields, fields, sizeof(int64_t) * (size_t)nfields);
    return true;
}

#include "frontend/aarch64/a64-decode-mock.c.inc"
#include "frontend/aarch64/a64-decode.c.inc"

#define NPATTERNS (sizeof(a64_decode_patterns) / sizeof(a64_decode_patterns[0]))

static const DgPatternInfo *find_pattern(const char *name)
{
    for (size_t i = 0; i < NPATTERNS; i++)
        if (!strcmp(a64_decode_patterns[i].name, name))
            return &a64_decode_patterns[i];
    return NULL;
}

static bool decode(uint32_t insn)
{
    DisasContext s = { .insn = insn };
    const char *decline = hit.decline;
    memset(&hit, 0, sizeof(hit));
    hit.decline = decline;
    return a64_decode(&s, insn);
}

/* ---- Known encodings ------------------------------------------------------- */

typedef struct Known {
    uint32_t insn;
    const char *name;
    const char *fields;     /* "Rd=1 Rn=2 ..." (only those listed are checked) */
} Known;

static const Known known[] = {
    { 0x91048c41, "ADD_imm",  "sf=1 sh=0 imm12=291 Rn=2 Rd=1" },     /* add x1, x2, #0x123 */
    { 0x114007e3, "ADD_imm",  "sf=0 sh=1 imm12=1 Rn=31 Rd=3" },      /* add w3, wsp, #0x1, lsl #12 */
    { 0xb13ffca4, "ADDS_imm", "sf=1 imm12=4095 Rn=5 Rd=4" },         /* adds x4, x5, #0xfff */
    { 0x71001cdf, "SUBS_imm", "sf=0 imm12=7 Rn=6 Rd=31" },           /* cmp w6, #0x7 */
    { 0xd10103ff, "SUB_imm",  "sf=1 imm12=64 Rn=31 Rd=31" },         /* sub sp, sp, #0x40 */
    { 0x92089d07, "LOG_imm",  "sf=1 opc=0 N=0 immr=8 imms=39 Rn=8 Rd=7" },  /* and x7, x8, #0xff00ff00ff00ff00 */
    { 0x320003e9, "LOG_imm",  "sf=0 opc=1 N=0 immr=0 imms=0 Rn=31 Rd=9" },  /* orr w9, wzr, #0x1 */
    { 0xf27ff9ac, "LOG_imm",  "sf=1 opc=3 N=1 immr=63 imms=62 Rn=13 Rd=12" }, /* ands x12, x13, #~1 */
    { 0x92a2468e, "MOVN",     "sf=1 hw=1 imm16=4660 Rd=14" },        /* mov x14, #0xffffffffedcbffff */
    { 0x529fffef, "MOVZ",     "sf=0 hw=0 imm16=65535 Rd=15" },       /* mov w15, #0xffff */
    { 0xf2f7ddf0, "MOVK",     "sf=1 hw=3 imm16=48879 Rd=16" },       /* movk x16, #0xbeef, lsl #48 */
    { 0x10000811, "ADR",      "imm_adr=256 Rd=17" },                 /* adr x17, .+0x100 */
    { 0xf0fffff2, "ADRP",     "imm_adr=-1 Rd=18" },                  /* adrp x18, .-0x1000 */
    { 0x93432693, "SBFM",     "sf=1 N=1 immr=3 imms=9 Rn=20 Rd=19" },  /* sbfx x19, x20, #3, #7 */
    { 0x331f02d5, "BFM",      "sf=0 N=0 immr=31 imms=0 Rn=22 Rd=21" }, /* bfi w21, w22, #1, #1 */
    { 0xd37cef17, "UBFM",     "sf=1 N=1 immr=60 imms=59 Rn=24 Rd=23" }, /* lsl x23, x24, #4 */
    { 0x93db4759, "EXTR",     "sf=1 N=1 Rm=27 imms=17 Rn=26 Rd=25" },  /* extr x25, x26, x27, #17 */
    { 0x14000010, "B",        "imm26=16" },                          /* b .+0x40 */
    { 0x97fffffe, "BL",       "imm26=-2" },                          /* bl .-0x8 */
    { 0x34000081, "CBZ",      "sf=0 imm19=4 Rt=1" },                 /* cbz w1, .+0x10 */
    { 0xb5ffff82, "CBNZ",     "sf=1 imm19=-4 Rt=2" },                /* cbnz x2, .-0x10 */
    { 0xb6180103, "TBZ",      "b5=1 b40=3 imm14=8 Rt=3" },           /* tbz x3, #35, .+0x20 */
    { 0x3717ffe4, "TBNZ",     "b5=0 b40=2 imm14=-1 Rt=4" },          /* tbnz w4, #2, .-0x4 */
    { 0x54000401, "B_cond",   "imm19=32 cond=1" },                   /* b.ne .+0x80 */
    { 0x54fff80e, "B_cond",   "imm19=-64 cond=14" },                 /* b.al .-0x100 */
    { 0xd4000001, "SVC",      "imm16=0" },                           /* svc #0x0 */
    { 0xd4207d00, "BRK",      "imm16=1000" },                        /* brk #0x3e8 */
    { 0xd4400020, "HLT",      "imm16=1" },                           /* hlt #0x1 */
    { 0xd503201f, "HINT",     "CRm=0 op2=0" },                       /* nop */
    { 0xd503233f, "HINT",     "CRm=3 op2=1" },                       /* paciasp */
    { 0xd5033f5f, "CLREX",    "CRm=15" },                            /* clrex */
    { 0xd5033b9f, "DSB",      "CRm=11" },                            /* dsb ish */
    { 0xd50339bf, "DMB",      "CRm=9" },                             /* dmb ishld */
    { 0xd5033fdf, "ISB",      "CRm=15" },                            /* isb */
    { 0xd50b7425, "SYS",      "op1=3 CRn=7 CRm=4 op2=1 Rt=5" },      /* dc zva, x5 */
    { 0xd53bd047, "MRS",      "o0=1 op1=3 CRn=13 CRm=0 op2=2 Rt=7" }, /* mrs x7, tpidr_el0 */
    { 0xd51bd048, "MSR_r",    "o0=1 op1=3 CRn=13 CRm=0 op2=2 Rt=8" }, /* msr tpidr_el0, x8 */
    { 0xd53be04b, "MRS",      "o0=1 op1=3 CRn=14 CRm=0 op2=2 Rt=11" }, /* mrs x11, cntvct_el0 */
    { 0xd63f01a0, "BLR",      "Rn=13" },                             /* blr x13 */
    { 0xd65f03c0, "RET",      "Rn=30" },                             /* ret */
    { 0x1ad009ee, "UDIV",     "sf=0 Rm=16 Rn=15 Rd=14" },            /* udiv w14, w15, w16 */
    { 0x1ad92f17, "RORV",     "sf=0 Rm=25 Rn=24 Rd=23" },            /* ror w23, w24, w25 */
    { 0xdac00820, "REV32",    "sf=1 Rn=1 Rd=0" },                    /* rev32 x0, x1 */
    { 0x5ac008a4, "REV32",    "sf=0 Rn=5 Rd=4" },                    /* rev w4, w5 */
    { 0xdac00c62, "REV64",    "sf=1 Rn=3 Rd=2" },                    /* rev x2, x3 */
    { 0x5ac01528, "CLS",      "sf=0 Rn=9 Rd=8" },                    /* cls w8, w9 */
    { 0x8a2c0d6a, "LOG_shift", "sf=1 opc=0 shift=0 N=1 Rm=12 imm6=3 Rn=11 Rd=10" }, /* bic x10, x11, x12, lsl #3 */
    { 0x2aef1dcd, "LOG_shift", "sf=0 opc=1 shift=3 N=1 Rm=15 imm6=7" },  /* orn w13, w14, w15, ror #7 */
    { 0x6a750693, "LOG_shift", "sf=0 opc=3 shift=1 N=1 Rm=21 imm6=1" },  /* bics w19, w20, w21, lsr #1 */
    { 0x6b9b7f59, "SUBS_shift", "sf=0 shift=2 Rm=27 imm6=31 Rn=26 Rd=25" }, /* subs w25, w26, w27, asr #31 */
    { 0x8b214be0, "ADD_ext",  "sf=1 Rm=1 option=2 imm3=2 Rn=31 Rd=0" }, /* add x0, sp, w1, uxtw #2 */
    { 0xeb24f062, "SUBS_ext", "sf=1 Rm=4 option=7 imm3=4 Rn=3 Rd=2" },  /* subs x2, x3, x4, sxtx #4 */
    { 0x7a0a0128, "SBCS",     "sf=0 Rm=10 Rn=9 Rd=8" },              /* sbcs w8, w9, w10 */
    { 0xfa4ca165, "CCMP_reg", "sf=1 op=1 Rm=12 cond=10 Rn=11 nzcv=5" }, /* ccmp x11, x12, #0x5, ge */
    { 0x3a5fb9aa, "CCMP_imm", "sf=0 op=0 imm5=31 cond=11 Rn=13 nzcv=10" }, /* ccmn w13, #0x1f, #0xa, lt */
    { 0x1a938651, "CSEL",     "sf=0 op=0 op2=1 Rm=19 cond=8 Rn=18 Rd=17" }, /* csinc w17, w18, w19, hi */
    { 0x5a996717, "CSEL",     "sf=0 op=1 op2=1 Rm=25 cond=6 Rn=24 Rd=23" }, /* csneg w23, w24, w25, vs */
    { 0x1b028c20, "MADD",     "sf=0 Rm=2 o0=1 Ra=3 Rn=1 Rd=0" },     /* msub w0, w1, w2, w3 */
    { 0x9baaad28, "UMADDL",   "Rm=10 o0=1 Ra=11 Rn=9 Rd=8" },        /* umsubl x8, w9, w10, x11 */
    { 0x9b4e7dac, "SMULH",    "Rm=14 Rn=13 Rd=12" },                 /* smulh x12, x13, x14 */
    { 0x9ac14c00, "CRC32",    "sf=1 Rm=1 C=0 sz=3 Rn=0 Rd=0" },      /* crc32x w0, w0, x1 */
    { 0x1ac15000, "CRC32",    "sf=0 Rm=1 C=1 sz=0 Rn=0 Rd=0" },      /* crc32cb w0, w0, w1 */
    { 0x4e284820, "AESE",     "Rn=1 Rd=0" },                         /* aese v0.16b, v1.16b */
    { 0x4e287843, "AESIMC",   "Rn=2 Rd=3" },                         /* aesimc v3.16b, v2.16b */
    { 0x5e280804, "SHA1H",    "Rn=0 Rd=4" },                         /* sha1h s4, s0 */
    { 0x5e024020, "SHA256H",  "Rm=2 Rn=1 Rd=0" },                    /* sha256h q0, q1, v2.4s */
    { 0xce628020, "SHA512H",  "Rm=2 Rn=1 Rd=0" },                    /* sha512h q0, q1, v2.2d */
    { 0xcec08020, "SHA512SU0", "Rn=1 Rd=0" },                        /* sha512su0 v0.2d, v1.2d */
    { 0xce220c20, "BCAX",     "Rm=2 Ra=3 Rn=1 Rd=0" },               /* bcax v0.16b, v1.16b, v2.16b, v3.16b */
    { 0xce823420, "XAR",      "Rm=2 imm6=13 Rn=1 Rd=0" },            /* xar v0.2d, v1.2d, v2.2d, #13 */
    { 0x4ee2e020, "PMULL",    "q=1 size=3 Rm=2 Rn=1 Rd=0" },         /* pmull2 v0.1q, v1.2d, v2.2d */
};

static int field_index(const DgPatternInfo *p, const char *name, size_t len)
{
    for (int i = 0; i < p->nfields; i++)
        if (strlen(p->fields[i]) == len && !strncmp(p->fields[i], name, len))
            return i;
    return -1;
}

static void check_fields(const Known *k, const DgPatternInfo *p)
{
    for (const char *f = k->fields; *f;) {
        const char *eq = strchr(f, '=');
        assert_non_null(eq);
        int i = field_index(p, f, (size_t)(eq - f));
        if (i < 0)
            fail_msg("%08x: %s has no field %.*s", k->insn, p->name, (int)(eq - f), f);
        char *end;
        long long want = strtoll(eq + 1, &end, 0);
        if (hit.fields[i] != want)
            fail_msg("%08x %s: %s = %lld, want %lld", k->insn, k->name, p->fields[i],
                     (long long)hit.fields[i], want);
        f = end + strspn(end, " ");
    }
}

static void test_known_words(void **state)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        const Known *k = &known[i];
        if (!decode(k->insn) || hit.count != 1)
            fail_msg("%08x: no match (want %s)", k->insn, k->name);
        if (strcmp(hit.name, k->name))
            fail_msg("%08x: decoded as %s, want %s", k->insn, hit.name, k->name);
        check_fields(k, find_pattern(k->name));
    }
}

/* Unallocated words and features tern does not advertise: no handler is
 * called (objdump text in the comments). */
static void test_unallocated(void **state)
{
    static const uint32_t words[] = {
        0x00000000,     /* udf #0 */
        0xce420c20,     /* sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s */
        0xcec08420,     /* sm4e v0.4s, v1.4s */
        0xdac103e0,     /* pacia x0, sp */
        0xd4000002,     /* hvc #0x0 */
        0x3ac00c00,     /* .inst 0x3ac00c00 ; undefined (SDIV with S = 1) */
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (decode(words[i]) || hit.count)
            fail_msg("%08x decoded as %s", words[i], hit.name);
    }
    assert_true(decode(0x9ac00c00));        /* sdiv x0, x0, x0 */
    assert_string_equal(hit.name, "SDIV");
}

/* ---- Every pattern -------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd32(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static const DgPatternInfo *first_match(uint32_t insn)
{
    for (size_t i = 0; i < NPATTERNS; i++)
        if ((insn & a64_decode_patterns[i].mask) == a64_decode_patterns[i].bits)
            return &a64_decode_patterns[i];
    return NULL;
}

static void test_every_pattern(void **state)
{
    for (size_t i = 0; i < NPATTERNS; i++) {
        const DgPatternInfo *p = &a64_decode_patterns[i];
        for (int n = 0; n < 64; n++) {
            uint32_t insn = p->bits | (rnd32() & ~p->mask);
            const DgPatternInfo *want = first_match(insn);
            assert_true(decode(insn));
            assert_int_equal(hit.count, 1);
            if (strcmp(hit.name, want->name))
                fail_msg("%08x (from %s): decoded as %s, want %s", insn, p->name,
                         hit.name, want->name);
            assert_int_equal(hit.nfields, want->nfields);
        }
    }
}

/* A word matched by two patterns of one group: declining the first reaches
 * a later one.  (Passes vacuously only if no group has overlapping members.) */
static void test_group_fallthrough(void **state)
{
    int checked = 0, candidates = 0;
    for (size_t i = 0; i < NPATTERNS && checked < 32; i++) {
        const DgPatternInfo *p = &a64_decode_patterns[i];
        if (!p->group)
            continue;
        for (size_t j = i + 1; j < NPATTERNS; j++) {
            const DgPatternInfo *q = &a64_decode_patterns[j];
            if (q->group != p->group || ((p->bits ^ q->bits) & p->mask & q->mask))
                continue;
            candidates++;
            uint32_t insn = p->bits | q->bits | (rnd32() & ~(p->mask | q->mask));
            if (first_match(insn) != p || !strcmp(p->name, q->name))
                continue;
            hit.decline = p->name;
            bool ok = decode(insn);
            hit.decline = NULL;
            assert_true(ok);
            assert_string_not_equal(hit.name, p->name);
            checked++;
            break;
        }
    }
    assert_true(checked > 0 || candidates == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_words),
        cmocka_unit_test(test_unallocated),
        cmocka_unit_test(test_every_pattern),
        cmocka_unit_test(test_group_fallthrough),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
