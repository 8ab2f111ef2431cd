/* tests/unit/test-x86-emit.c — the x86-64 byte encoders against capstone.
 *
 * Each encoder form is emitted with many operand combinations (all sixteen
 * registers, including the ModRM/SIB special cases: rsp and r12 as a base
 * need a SIB byte, rbp and r13 as a base always carry a displacement, byte
 * registers 4..7 need a REX prefix), disassembled with capstone, and the
 * text compared with what the test expects.  The encoder and the expected
 * text are written independently, so a wrong REX bit or ModRM field shows
 * up as a different register name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>
#include <cmocka.h>

#include "backend/x86_64/emit-x86.h"

static const char *const r64[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const r32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const r16[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const r8n[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};
static const char *const cc_names[16] = {
    "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
};

#define BASE_RX 0x10000000u

static uint8_t bytes[256];
static X86Buf buf;
static csh cs;
static char text[512];

static void reset(void)
{
    buf = (X86Buf){ bytes, bytes, bytes + sizeof(bytes), BASE_RX };
}

/* Disassembles the buffer into "mnem ops; mnem ops"; checks that capstone
 * consumed every byte. */
static const char *disas(void)
{
    cs_insn *insn;
    size_t len = (size_t)(buf.p - buf.start);
    size_t n = cs_disasm(cs, bytes, len, BASE_RX, 0, &insn);
    size_t used = 0;
    text[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(text);
        snprintf(text + l, sizeof(text) - l, "%s%s%s%s", i ? "; " : "", insn[i].mnemonic,
                 insn[i].op_str[0] ? " " : "", insn[i].op_str);
        used += insn[i].size;
    }
    if (n)
        cs_free(insn, n);
    if (used != len)
        snprintf(text, sizeof(text), "<%zu of %zu bytes decoded>", used, len);
    return text;
}

static void expect(const char *want)
{
    const char *got = disas();
    if (strcmp(got, want) != 0)
        fail_msg("got \"%s\", want \"%s\"", got, want);
}

/* A number as capstone prints it: decimal below 10, else hex; signed. */
static const char *num(int64_t v)
{
    static char b[4][32];
    static int k;
    char *o = b[k++ & 3];
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(o, 32, m <= 9 ? "%s%llu" : "%s0x%llx", v < 0 ? "-" : "", (unsigned long long)m);
    return o;
}

/* "[base + index*scale + disp]" as capstone prints it. */
static void mem_text(char *out, size_t n, int base, int index, int shift, int32_t disp)
{
    int k = snprintf(out, n, "[");
    const char *sep = "";
    if (base >= 0) {
        k += snprintf(out + k, n - (size_t)k, "%s", r64[base]);
        sep = " + ";
    }
    if (index >= 0) {
        k += snprintf(out + k, n - (size_t)k, "%s%s", sep, r64[index]);
        if (shift)
            k += snprintf(out + k, n - (size_t)k, "*%d", 1 << shift);
        sep = " + ";
    }
    if (disp || (base < 0 && index < 0)) {
        if (!*sep && disp < 0)     /* absolute: shown sign-extended */
            k += snprintf(out + k, n - (size_t)k, "0x%llx", (unsigned long long)(int64_t)disp);
        else if (!*sep)
            k += snprintf(out + k, n - (size_t)k, "%s", num(disp));
        else if (disp < 0)
            k += snprintf(out + k, n - (size_t)k, " - %s", num(-(int64_t)disp));
        else
            k += snprintf(out + k, n - (size_t)k, " + %s", num(disp));
    }
    snprintf(out + k, n - (size_t)k, "]");
}

static const int32_t disps[] = { 0, 8, -8, 0x7f, 0x80, -0x80, -0x81, 0x12345678, -0x12345678 };
#define NDISP (sizeof(disps) / sizeof(disps[0]))

/* ---- Register-register forms ------------------------------------------------ */

static void test_alu_rr(void **state)
{
    static const char *const names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };
    char want[64];
    for (int alu = 0; alu < 8; alu++)
        for (int w = 0; w < 2; w++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++) {
                    reset();
                    x86_emit_alu_rr(&buf, (X86Alu)alu, d, s, w);
                    const char *const *rn = w ? r64 : r32;
                    snprintf(want, sizeof(want), "%s %s, %s", names[alu], rn[d], rn[s]);
                    expect(want);
                }
}

static void test_mov_test_imul_rr(void **state)
{
    char want[64];
    for (int d = 0; d < 16; d++)
        for (int s = 0; s < 16; s++) {
            reset();
            x86_emit_mov_rr(&buf, d, s, true);
            if (d == s)
                assert_int_equal(buf.p - buf.start, 0);
            snprintf(want, sizeof(want), "mov %s, %s", r64[d], r64[s]);
            if (d != s)
                expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_TEST_EvGv, s, d);
            snprintf(want, sizeof(want), "test %s, %s", r32[d], r32[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_IMUL_GvEv | X86_P_W, d, s);
            snprintf(want, sizeof(want), "imul %s, %s", r64[d], r64[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_IMUL_GvEvIb, d, s);
            x86_emit8(&buf, 0x7f);
            snprintf(want, sizeof(want), "imul %s, %s, 0x7f", r32[d], r32[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_CMOVCC + (d & 15), d, s);
            snprintf(want, sizeof(want), "cmov%s %s, %s", cc_names[d & 15], r32[d], r32[s]);
            expect(want);
        }
}

/* movzx/movsx from byte registers: spl..dil only exist with a REX prefix. */
static void test_extend(void **state)
{
    char want[64];
    for (int d = 0; d < 16; d++)
        for (int s = 0; s < 16; s++) {
            reset();
            x86_emit_rr(&buf, X86_OP_MOVZBL, d, s);
            snprintf(want, sizeof(want), "movzx %s, %s", r32[d], r8n[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_MOVSBL | X86_P_W, d, s);
            snprintf(want, sizeof(want), "movsx %s, %s", r64[d], r8n[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_MOVZWL, d, s);
            snprintf(want, sizeof(want), "movzx %s, %s", r32[d], r16[s]);
            expect(want);
            reset();
            x86_emit_rr(&buf, X86_OP_MOVSXD, d, s);
            snprintf(want, sizeof(want), "movsxd %s, %s", r64[d], r32[s]);
            expect(want);
        }
}

static void test_setcc(void **state)
{
    char want[64];
    for (int cc = 0; cc < 16; cc++)
        for (int r = 0; r < 16; r++) {
            reset();
            x86_emit_rr(&buf, X86_OP_SETCC + cc, 0, r);
            snprintf(want, sizeof(want), "set%s %s", cc_names[cc], r8n[r]);
            expect(want);
        }
}

static void test_unary_shift(void **state)
{
    static const char *const g3[8] = { 0, 0, "not", "neg", "mul", "imul", "div", "idiv" };
    static const struct { X86Shift sh; const char *name; } shifts[] = {
        { X86_SH_ROL, "rol" }, { X86_SH_ROR, "ror" }, { X86_SH_SHL, "shl" },
        { X86_SH_SHR, "shr" }, { X86_SH_SAR, "sar" },
    };
    char want[64];
    for (int r = 0; r < 16; r++)
        for (int w = 0; w < 2; w++) {
            const char *const *rn = w ? r64 : r32;
            for (int g = 2; g < 8; g++) {
                reset();
                x86_emit_grp3(&buf, (X86Grp3)g, r, w);
                snprintf(want, sizeof(want), "%s %s", g3[g], rn[r]);
                expect(want);
            }
            for (unsigned k = 0; k < 5; k++) {
                reset();
                x86_emit_shift_cl(&buf, shifts[k].sh, r, w);
                snprintf(want, sizeof(want), "%s %s, cl", shifts[k].name, rn[r]);
                expect(want);
                reset();
                x86_emit_shift_ri(&buf, shifts[k].sh, r, 1, w);
                snprintf(want, sizeof(want), "%s %s, 1", shifts[k].name, rn[r]);
                expect(want);
                reset();
                x86_emit_shift_ri(&buf, shifts[k].sh, r, 31, w);
                snprintf(want, sizeof(want), "%s %s, 0x1f", shifts[k].name, rn[r]);
                expect(want);
            }
            reset();
            x86_emit_bswap(&buf, r, w);
            snprintf(want, sizeof(want), "bswap %s", rn[r]);
            expect(want);
        }
}

static void test_shiftx(void **state)
{
    static const struct { X86Shift sh; const char *name; } ops[] = {
        { X86_SH_SHL, "shlx" }, { X86_SH_SHR, "shrx" }, { X86_SH_SAR, "sarx" },
    };
    char want[64];
    for (unsigned i = 0; i < 3; i++)
        for (int w = 0; w < 2; w++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s++) {
                    int n = (d * 5 + s * 3 + 1) & 15;
                    const char *const *rn = w ? r64 : r32;
                    reset();
                    x86_emit_shiftx(&buf, ops[i].sh, d, s, n, w);
                    snprintf(want, sizeof(want), "%s %s, %s, %s", ops[i].name, rn[d], rn[s], rn[n]);
                    expect(want);
                }
}

static void test_andn(void **state)
{
    char want[64];
    for (int w = 0; w < 2; w++)
        for (int d = 0; d < 16; d++)
            for (int s1 = 0; s1 < 16; s1++) {
                int s2 = (d * 7 + s1 * 5 + 3) & 15;
                const char *const *rn = w ? r64 : r32;
                reset();
                x86_emit_andn(&buf, d, s1, s2, w);
                snprintf(want, sizeof(want), "andn %s, %s, %s", rn[d], rn[s1], rn[s2]);
                expect(want);
            }
}

static void test_bit_count(void **state)
{
    static const struct { int opc; const char *name; } ops[] = {
        { X86_OP_BSF, "bsf" }, { X86_OP_BSR, "bsr" }, { X86_OP_TZCNT, "tzcnt" },
        { X86_OP_LZCNT, "lzcnt" }, { X86_OP_POPCNT, "popcnt" },
    };
    char want[64];
    for (unsigned i = 0; i < 5; i++)
        for (int d = 0; d < 16; d += 3)
            for (int s = 0; s < 16; s++) {
                reset();
                x86_emit_rr(&buf, ops[i].opc | X86_P_W, d, s);
                snprintf(want, sizeof(want), "%s %s, %s", ops[i].name, r64[d], r64[s]);
                expect(want);
            }
}

/* ---- Immediates ------------------------------------------------------------ */

static void test_alu_ri(void **state)
{
    static const char *const names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };
    static const int32_t imms[] = { 1, 0x7f, -0x80, 0x80, -0x81, 0x12345678, INT32_MIN };
    char want[64];
    for (int alu = 0; alu < 8; alu++)
        for (int r = 0; r < 16; r++)
            for (unsigned i = 0; i < 7; i++) {
                reset();
                x86_emit_alu_ri(&buf, (X86Alu)alu, r, imms[i], true);
                int64_t v = imms[i];
                /* capstone shows logical ops' immediates unsigned */
                bool logical = alu == X86_ALU_OR || alu == X86_ALU_AND || alu == X86_ALU_XOR;
                if (logical && v < 0)
                    snprintf(want, sizeof(want), "%s %s, 0x%llx", names[alu], r64[r],
                             (unsigned long long)v);
                else
                    snprintf(want, sizeof(want), "%s %s, %s", names[alu], r64[r], num(v));
                expect(want);
                size_t len = (size_t)(buf.p - buf.start);
                assert_int_equal(len, (x86_fits_i8(v) ? 4 : 7));
            }
}

static void test_movi(void **state)
{
    char want[80];
    for (int r = 0; r < 16; r++) {
        reset();
        x86_emit_movi(&buf, r, 0, true, true);
        snprintf(want, sizeof(want), "xor %s, %s", r32[r], r32[r]);
        expect(want);
        reset();
        x86_emit_movi(&buf, r, 0, true, false);
        snprintf(want, sizeof(want), "mov %s, 0", r32[r]);
        expect(want);
        reset();
        x86_emit_movi(&buf, r, 0xdeadbeef, true, true);
        snprintf(want, sizeof(want), "mov %s, 0xdeadbeef", r32[r]);
        expect(want);
        reset();
        x86_emit_movi(&buf, r, (uint64_t)-2, true, true);
        snprintf(want, sizeof(want), "mov %s, -2", r64[r]);
        expect(want);
        assert_int_equal(buf.p - buf.start, 7);
        reset();
        x86_emit_movi(&buf, r, 0x123456789abcdefull, true, true);
        snprintf(want, sizeof(want), "movabs %s, 0x123456789abcdef", r64[r]);
        expect(want);
        reset();
        x86_emit_movi(&buf, r, 0x123456789abcdefull, false, true);
        snprintf(want, sizeof(want), "mov %s, 0x89abcdef", r32[r]);
        expect(want);
        reset();
        x86_emit_test_ri(&buf, r, 0x100, true);
        snprintf(want, sizeof(want), "test %s, 0x100", r64[r]);
        expect(want);
    }
}

/* ---- Memory operands --------------------------------------------------------- */

static void test_mem_base(void **state)
{
    char m[64], want[128];
    for (int base = -1; base < 16; base++)
        for (unsigned di = 0; di < NDISP; di++)
            for (int r = 0; r < 16; r += 5) {
                int32_t d = disps[di];
                mem_text(m, sizeof(m), base, -1, 0, d);
                reset();
                x86_emit_rm(&buf, X86_OP_MOV_GvEv | X86_P_W, r, base, d);
                snprintf(want, sizeof(want), "mov %s, qword ptr %s", r64[r], m);
                expect(want);
                reset();
                x86_emit_rm(&buf, X86_OP_MOV_EvGv, r, base, d);
                snprintf(want, sizeof(want), "mov dword ptr %s, %s", m, r32[r]);
                expect(want);
                reset();
                x86_emit_rm(&buf, X86_OP_MOV_EbGb, r, base, d);
                snprintf(want, sizeof(want), "mov byte ptr %s, %s", m, r8n[r]);
                expect(want);
                reset();
                x86_emit_rm(&buf, X86_OP_MOV_EvGv | X86_P_66, r, base, d);
                snprintf(want, sizeof(want), "mov word ptr %s, %s", m, r16[r]);
                expect(want);
            }
}

static void test_mem_sib(void **state)
{
    char m[64], want[128];
    for (int base = -1; base < 16; base++)
        for (int index = 0; index < 16; index++)
            for (int shift = 0; shift < 4; shift++)
                for (unsigned di = 0; di < NDISP; di += 2) {
                    if (index == X86_RSP)
                        continue;
                    int32_t d = disps[di];
                    int r = (base + index + shift) & 15;
                    mem_text(m, sizeof(m), base, index, shift, d);
                    reset();
                    x86_emit_rmx(&buf, X86_OP_MOVZWL, r, base, index, shift, d);
                    snprintf(want, sizeof(want), "movzx %s, word ptr %s", r32[r], m);
                    expect(want);
                    reset();
                    x86_emit_lea(&buf, r, base, index, d, true);
                    mem_text(m, sizeof(m), base, index, 0, d);
                    snprintf(want, sizeof(want), "lea %s, %s", r64[r], m);
                    expect(want);
                }
}

static void test_cmpxchg_imm_store(void **state)
{
    char m[64], want[128];
    for (int base = 0; base < 16; base++)
        for (int r = 0; r < 16; r++) {
            int index = (r == X86_RSP) ? X86_RAX : r;
            mem_text(m, sizeof(m), base, index, 0, 0);
            reset();
            x86_emit_rmx(&buf, X86_OP_CMPXCHG_Ev | X86_P_W | X86_P_LOCK, r, base, index, 0, 0);
            snprintf(want, sizeof(want), "lock cmpxchg qword ptr %s, %s", m, r64[r]);
            expect(want);
            reset();
            x86_emit_rmx(&buf, X86_OP_CMPXCHG_Eb | X86_P_LOCK, r, base, index, 0, 0);
            snprintf(want, sizeof(want), "lock cmpxchg byte ptr %s, %s", m, r8n[r]);
            expect(want);
            reset();
            x86_emit_rmx(&buf, X86_OP_CMPXCHG_Ev | X86_P_66 | X86_P_LOCK, r, base, index, 0, 0);
            snprintf(want, sizeof(want), "lock cmpxchg word ptr %s, %s", m, r16[r]);
            expect(want);
        }
    for (int base = 0; base < 16; base++) {
        mem_text(m, sizeof(m), base, -1, 0, 0x10);
        reset();
        x86_emit_rm(&buf, X86_OP_MOV_EvIz | X86_P_W, 0, base, 0x10);
        x86_emit32(&buf, 0xfffffff0);
        snprintf(want, sizeof(want), "mov qword ptr %s, -0x10", m);
        expect(want);
        reset();
        x86_emit_rm(&buf, X86_OP_MOV_EbIb, 0, base, 0x10);
        x86_emit8(&buf, 0x55);
        snprintf(want, sizeof(want), "mov byte ptr %s, 0x55", m);
        expect(want);
    }
}

/* ---- Control transfer and odds ---------------------------------------------- */

static void test_branches(void **state)
{
    char want[96];
    static const uintptr_t targets[] = { BASE_RX, BASE_RX + 0x1000, BASE_RX - 0x12345 };
    for (unsigned t = 0; t < 3; t++) {
        reset();
        x86_emit_jmp32(&buf, targets[t]);
        snprintf(want, sizeof(want), "jmp 0x%lx", (unsigned long)targets[t]);
        expect(want);
        reset();
        x86_emit_call32(&buf, targets[t]);
        snprintf(want, sizeof(want), "call 0x%lx", (unsigned long)targets[t]);
        expect(want);
        for (int cc = 0; cc < 16; cc++) {
            reset();
            x86_emit_jcc32(&buf, (X86Cond)cc, targets[t]);
            snprintf(want, sizeof(want), "j%s 0x%lx", cc_names[cc], (unsigned long)targets[t]);
            expect(want);
        }
    }
    /* A rel32 patched afterwards, and short forward branches. */
    reset();
    uint32_t field = x86_emit_jmp32(&buf, BASE_RX);
    x86_emit_nops(&buf, 3);
    x86_patch_rel32(&buf, field, 8);
    assert_true(strncmp(disas(), "jmp 0x10000008", 14) == 0);
    reset();
    uint32_t f8 = x86_emit_jcc8(&buf, X86_CC_NE);
    x86_emit_ret(&buf);
    x86_patch_rel8(&buf, f8);
    expect("jne 0x10000003; ret");
    reset();
    x86_emit_call_abs(&buf, 0x123456789abcull);
    expect("movabs rax, 0x123456789abc; call rax");
    for (int r = 0; r < 16; r++) {
        reset();
        x86_emit_push(&buf, r);
        x86_emit_pop(&buf, r);
        x86_emit_jmp_r(&buf, r);
        snprintf(want, sizeof(want), "push %s; pop %s; jmp %s", r64[r], r64[r], r64[r]);
        expect(want);
    }
}

/* A value within rel32 of the code: lea rip-relative; else the movi forms
 * (the code at a high address, as the exec layer's buffer is). */
static void test_movi_near(void **state)
{
    char want[96];
    const uint64_t rx = 0x7f0000000000ull;
    const uint64_t near[] = { rx + 0x12345678ull, rx - 0x0fffff00ull };
    for (int r = 0; r < 16; r++) {
        for (unsigned i = 0; i < 2; i++) {
            reset();
            buf.rx = rx;
            x86_emit_movi_near(&buf, r, near[i]);
            cs_insn *insn;
            size_t n = cs_disasm(cs, bytes, (size_t)(buf.p - buf.start), rx, 0, &insn);
            assert_int_equal(n, 1);
            assert_int_equal(insn[0].size, 7);
            snprintf(want, sizeof(want), "%s, [rip %c 0x%llx]", r64[r], i ? '-' : '+',
                     (unsigned long long)(i ? rx + 7 - near[i] : near[i] - rx - 7));
            assert_string_equal(insn[0].mnemonic, "lea");
            assert_string_equal(insn[0].op_str, want);
            cs_free(insn, n);
        }
        reset();
        buf.rx = rx;
        x86_emit_movi_near(&buf, r, rx + 0x90000000ull);
        snprintf(want, sizeof(want), "movabs %s, 0x7f0090000000", r64[r]);
        expect(want);
        reset();
        buf.rx = rx;
        x86_emit_movi_near(&buf, r, 0x1234);
        snprintf(want, sizeof(want), "mov %s, 0x1234", r32[r]);
        expect(want);
    }
}

static void test_nops_mfence(void **state)
{
    for (unsigned n = 1; n <= 20; n++) {
        reset();
        x86_emit_nops(&buf, n);
        assert_int_equal(buf.p - buf.start, n);
        const char *t = disas();
        assert_true(t[0] != '<');
        for (const char *p = t; (p = strstr(p, "; ")); p += 2)
            assert_true(strncmp(p + 2, "nop", 3) == 0);
        assert_true(strncmp(t, "nop", 3) == 0);
    }
    reset();
    x86_emit_mfence(&buf);
    expect("mfence");
}

static int setup(void **state)
{
    return cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    cs_close(&cs);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alu_rr),
        cmocka_unit_test(test_mov_test_imul_rr),
        cmocka_unit_test(test_extend),
        cmocka_unit_test(test_setcc),
        cmocka_unit_test(test_unary_shift),
        cmocka_unit_test(test_shiftx),
        cmocka_unit_test(test_andn),
        cmocka_unit_test(test_bit_count),
        cmocka_unit_test(test_alu_ri),
        cmocka_unit_test(test_movi),
        cmocka_unit_test(test_mem_base),
        cmocka_unit_test(test_mem_sib),
        cmocka_unit_test(test_cmpxchg_imm_store),
        cmocka_unit_test(test_branches),
        cmocka_unit_test(test_movi_near),
        cmocka_unit_test(test_nops_mfence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
