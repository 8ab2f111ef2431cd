/* backend/x86_64/emit-x86.h — x86-64 byte encoders, named by encoding form.
 *
 * Nothing here knows about IR: these functions append instruction bytes to an
 * X86Buf.  An opcode is an int: the low byte is the opcode byte, the X86_P_*
 * bits above it select escape bytes, legacy prefixes, REX.W and the "byte
 * register" rule (spl/bpl/sil/dil need a REX prefix to be named at all).
 *
 *     x86_emit_rr(b, X86_OP_ALU_GvEv(X86_ALU_ADD) | X86_P_W, X86_RAX, X86_R9);
 *         -> add rax, r9
 *     x86_emit_rm(b, X86_OP_MOV_GvEv, X86_RCX, X86_R14, 0x40);
 *         -> mov ecx, dword ptr [r14 + 0x40]
 *
 * Invariant: the caller checked there is room (a few dozen bytes per
 * instruction); encoders never check bounds.  rel32 targets are given as
 * executable (rx) addresses; X86Buf maps its write pointer to rx.
 */
#ifndef TERN_X86_EMIT_H
#define TERN_X86_EMIT_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NUM_REGS,
    X86_NO_REG = -1,
} X86Reg;

/* Condition codes, as in Jcc/SETcc/CMOVcc; cc ^ 1 is the inverse. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE,
    X86_CC_A, X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE,
    X86_CC_LE, X86_CC_G,
} X86Cond;

/* Opcode modifier bits. */
enum {
    X86_P_0F      = 0x100,    /* 0F escape */
    X86_P_0F38    = 0x200,    /* 0F 38 escape */
    X86_P_66      = 0x400,    /* operand-size prefix (16-bit) */
    X86_P_F3      = 0x800,
    X86_P_F2      = 0x1000,
    X86_P_W       = 0x2000,   /* REX.W: 64-bit operand */
    X86_P_BYTE_R  = 0x4000,   /* ModRM.reg names a byte register */
    X86_P_BYTE_RM = 0x8000,   /* ModRM.rm names a byte register */
    X86_P_LOCK    = 0x10000,
};

/* Group-1 ALU operations (the /n of 81/83, and bits 5:3 of 01..3B). */
typedef enum X86Alu {
    X86_ALU_ADD = 0, X86_ALU_OR = 1, X86_ALU_ADC = 2, X86_ALU_SBB = 3,
    X86_ALU_AND = 4, X86_ALU_SUB = 5, X86_ALU_XOR = 6, X86_ALU_CMP = 7,
} X86Alu;

/* Group-2 shifts (the /n of C1/D1/D3). */
typedef enum X86Shift {
    X86_SH_ROL = 0, X86_SH_ROR = 1, X86_SH_SHL = 4, X86_SH_SHR = 5, X86_SH_SAR = 7,
} X86Shift;

/* Group-3 unary ops (the /n of F7). */
typedef enum X86Grp3 {
    X86_G3_NOT = 2, X86_G3_NEG = 3, X86_G3_MUL = 4, X86_G3_IMUL = 5,
    X86_G3_DIV = 6, X86_G3_IDIV = 7,
} X86Grp3;

#define X86_OP_ALU_EvGv(alu)  (((alu) << 3) | 1)   /* op r/m, r */
#define X86_OP_ALU_GvEv(alu)  (((alu) << 3) | 3)   /* op r, r/m */
enum {
    X86_OP_GRP1_Iz   = 0x81,
    X86_OP_GRP1_Ib   = 0x83,
    X86_OP_TEST_EvGv = 0x85,
    X86_OP_MOV_EbGb  = 0x88 | X86_P_BYTE_R,
    X86_OP_MOV_EvGv  = 0x89,
    X86_OP_MOV_GvEv  = 0x8b,
    X86_OP_LEA       = 0x8d,
    X86_OP_MOVSXD    = 0x63 | X86_P_W,
    X86_OP_IMUL_GvEvIz = 0x69,
    X86_OP_IMUL_GvEvIb = 0x6b,
    X86_OP_MOV_EbIb  = 0xc6,
    X86_OP_MOV_EvIz  = 0xc7,
    X86_OP_GRP2_Ib   = 0xc1,
    X86_OP_GRP2_1    = 0xd1,
    X86_OP_GRP2_CL   = 0xd3,
    X86_OP_GRP3_Ev   = 0xf7,
    X86_OP_GRP5_Ev   = 0xff,      /* /2 call, /4 jmp */
    X86_OP_IMUL_GvEv = 0xaf | X86_P_0F,
    X86_OP_MOVZBL    = 0xb6 | X86_P_0F | X86_P_BYTE_RM,
    X86_OP_MOVZWL    = 0xb7 | X86_P_0F,
    X86_OP_MOVSBL    = 0xbe | X86_P_0F | X86_P_BYTE_RM,
    X86_OP_MOVSWL    = 0xbf | X86_P_0F,
    X86_OP_BSF       = 0xbc | X86_P_0F,
    X86_OP_BSR       = 0xbd | X86_P_0F,
    X86_OP_TZCNT     = 0xbc | X86_P_0F | X86_P_F3,
    X86_OP_LZCNT     = 0xbd | X86_P_0F | X86_P_F3,
    X86_OP_POPCNT    = 0xb8 | X86_P_0F | X86_P_F3,
    X86_OP_CMPXCHG_Eb = 0xb0 | X86_P_0F | X86_P_BYTE_R,
    X86_OP_CMPXCHG_Ev = 0xb1 | X86_P_0F,
    X86_OP_CMOVCC    = 0x40 | X86_P_0F,     /* + cc */
    X86_OP_SETCC     = 0x90 | X86_P_0F | X86_P_BYTE_RM,  /* + cc */
};

typedef struct X86Buf {
    uint8_t *start;       /* writable view of the region's first byte */
    uint8_t *p;           /* next byte to write */
    uint8_t *end;
    uintptr_t rx;         /* executable address of start */
} X86Buf;

static inline uintptr_t x86_buf_rx(const X86Buf *b) { return b->rx + (uintptr_t)(b->p - b->start); }
static inline uint32_t x86_buf_off(const X86Buf *b) { return (uint32_t)(b->p - b->start); }
static inline bool x86_fits_i32(int64_t v) { return v == (int32_t)v; }
static inline bool x86_fits_i8(int64_t v) { return v == (int8_t)v; }

/* The encoders below are always inlined: with a constant opcode (and
 * often a constant base register) the prefix, escape, REX and ModRM
 * decisions fold away, which gcc's own heuristics stopped doing once a
 * caller had a few of them (a constant store through env cost ~45
 * instructions out of line, ~10 inline). */
#define X86_INLINE static inline __attribute__((always_inline))

/* Inline: every encoder is a handful of these. */
X86_INLINE void x86_emit8(X86Buf *b, uint8_t v)
{
    *b->p++ = v;
}

X86_INLINE void x86_emit32(X86Buf *b, uint32_t v)
{
    memcpy(b->p, &v, 4);
    b->p += 4;
}

X86_INLINE void x86_emit64(X86Buf *b, uint64_t v)
{
    memcpy(b->p, &v, 8);
    b->p += 8;
}

/* ---- Inline encoders ------------------------------------------------------
 * The forms every lowering and the register allocator use are inline, so
 * that a call with a constant opcode folds the prefix, escape and
 * byte-register tests away and writes its bytes straight-line.  Bytes go
 * through a local pointer: a store through b->p (a uint8_t *) may alias
 * b->p itself, which would make the compiler reload it after every byte.
 * ModRM rules: rsp and r12 as a base need a SIB byte; rbp and r13 as a
 * base with mod 00 mean "rip/disp32" (resp. "no base"), so they always
 * carry a displacement; rsp cannot be an index. */

X86_INLINE uint8_t x86_modrm(unsigned mod, int r, int rm)
{
    return (uint8_t)((mod << 6) | ((r & 7) << 3) | (rm & 7));
}

/* Prefixes, REX and opcode bytes at p; r, rm and index are the register
 * numbers that go into ModRM.reg, ModRM.rm / SIB.base and SIB.index
 * (X86_NO_REG = -1 for none, which adds no REX bit). */
X86_INLINE uint8_t *x86_put_opc(uint8_t *p, int opc, int r, int rm, int index)
{
    if (opc & (X86_P_LOCK | X86_P_66 | X86_P_F3 | X86_P_F2)) {
        if (opc & X86_P_LOCK)
            *p++ = 0xf0;
        if (opc & X86_P_66)
            *p++ = 0x66;
        if (opc & X86_P_F3)
            *p++ = 0xf3;
        if (opc & X86_P_F2)
            *p++ = 0xf2;
    }
    _Static_assert(X86_P_W >> 10 == 8, "REX.W is bit 3 of REX");
    unsigned rex = (unsigned)(opc & X86_P_W) >> 10 | (r > 7) << 2 | (index > 7) << 1 | (rm > 7);
    bool force = ((opc & X86_P_BYTE_R) && r >= 4) || ((opc & X86_P_BYTE_RM) && rm >= 4);
    if (rex || force)
        *p++ = (uint8_t)(0x40 | rex);
    if (opc & (X86_P_0F | X86_P_0F38)) {
        *p++ = 0x0f;
        if (opc & X86_P_0F38)
            *p++ = 0x38;
    }
    *p++ = (uint8_t)opc;
    return p;
}

/* ModRM (+SIB) (+disp) of [base + index << shift + disp] at p; base may
 * be X86_NO_REG (absolute disp32, or [index << shift + disp32]). */
X86_INLINE uint8_t *x86_put_mem(uint8_t *p, int r, int base, int index, int shift,
                                   int32_t disp)
{
    assert(index != X86_RSP);
    if (base < 0) {
        int idx = index < 0 ? 4 : index & 7;
        *p++ = x86_modrm(0, r, 4);
        *p++ = (uint8_t)((shift << 6) | (idx << 3) | 5);
        memcpy(p, &disp, 4);
        return p + 4;
    }
    unsigned mod = (disp == 0 && (base & 7) != 5) ? 0 : disp == (int8_t)disp ? 1 : 2;
    if (index < 0 && (base & 7) != 4) {
        *p++ = x86_modrm(mod, r, base);
    } else {
        int idx = index < 0 ? 4 : index & 7;
        *p++ = x86_modrm(mod, r, 4);
        *p++ = (uint8_t)((shift << 6) | (idx << 3) | (base & 7));
    }
    if (mod == 1) {
        *p++ = (uint8_t)disp;
    } else if (mod == 2) {
        memcpy(p, &disp, 4);
        p += 4;
    }
    return p;
}

/* Prefixes, REX and opcode bytes (for odd forms). */
X86_INLINE void x86_emit_opc(X86Buf *b, int opc, int r, int rm, int index)
{
    b->p = x86_put_opc(b->p, opc, r, rm, index);
}

/* opc /r, register direct: opc r, rm. */
X86_INLINE void x86_emit_rr(X86Buf *b, int opc, int r, int rm)
{
    uint8_t *p = x86_put_opc(b->p, opc, r, rm, X86_NO_REG);
    *p++ = x86_modrm(3, r, rm);
    b->p = p;
}

/* opc /r with a memory operand [base + disp]; base may be X86_NO_REG
 * (absolute disp32). */
X86_INLINE void x86_emit_rm(X86Buf *b, int opc, int r, int base, int32_t disp)
{
    uint8_t *p = x86_put_opc(b->p, opc, r, base, X86_NO_REG);
    b->p = x86_put_mem(p, r, base, X86_NO_REG, 0, disp);
}

/* [base + disp] = v: 8 bytes when w (a sign-extended imm32, or two dword
 * halves when v needs more), else 4.  Constant stores of globals and of
 * the pc at an unchained exit. */
X86_INLINE void x86_emit_store_imm(X86Buf *b, int base, int32_t disp, uint64_t v, bool w)
{
    if (!w || x86_fits_i32((int64_t)v)) {
        x86_emit_rm(b, X86_OP_MOV_EvIz | (w ? X86_P_W : 0), 0, base, disp);
        x86_emit32(b, (uint32_t)v);
        return;
    }
    x86_emit_rm(b, X86_OP_MOV_EvIz, 0, base, disp);
    x86_emit32(b, (uint32_t)v);
    x86_emit_rm(b, X86_OP_MOV_EvIz, 0, base, disp + 4);
    x86_emit32(b, (uint32_t)(v >> 32));
}

/* opc /r with [base + index << shift + disp]; base may be X86_NO_REG. */
X86_INLINE void x86_emit_rmx(X86Buf *b, int opc, int r, int base, int index, int shift,
                                int32_t disp)
{
    uint8_t *p = x86_put_opc(b->p, opc, r, base, index);
    b->p = x86_put_mem(p, r, base, index, shift, disp);
}

/* Group-1 ALU register form: alu dst, src. */
X86_INLINE void x86_emit_alu_rr(X86Buf *b, X86Alu alu, int dst, int src, bool w)
{
    x86_emit_rr(b, X86_OP_ALU_GvEv(alu) | (w ? X86_P_W : 0), dst, src);
}

/* mov reg, reg (no-op when equal). */
X86_INLINE void x86_emit_mov_rr(X86Buf *b, int dst, int src, bool w)
{
    if (dst != src)
        x86_emit_rr(b, X86_OP_MOV_GvEv | (w ? X86_P_W : 0), dst, src);
}

/* lea dst, [base + index + disp] (index may be X86_NO_REG). */
X86_INLINE void x86_emit_lea(X86Buf *b, int dst, int base, int index, int32_t disp, bool w)
{
    x86_emit_rmx(b, X86_OP_LEA | (w ? X86_P_W : 0), dst, base, index, 0, disp);
}

/* Group-1 ALU with an immediate: alu rm, imm (83 ib when it fits, else 81). */
void x86_emit_alu_ri(X86Buf *b, X86Alu alu, int rm, int32_t imm, bool w);
/* Group-2 shift by immediate (D1 for 1) and by CL. */
void x86_emit_shift_ri(X86Buf *b, X86Shift sh, int rm, unsigned imm, bool w);
void x86_emit_shift_cl(X86Buf *b, X86Shift sh, int rm, bool w);
/* BMI2 shlx/shrx/sarx (VEX): dst = src shifted by count, flags untouched;
 * sh is X86_SH_SHL, X86_SH_SHR or X86_SH_SAR. */
void x86_emit_shiftx(X86Buf *b, X86Shift sh, int dst, int src, int count, bool w);
/* BMI1 andn (VEX): dst = ~src1 & src2; flags written. */
void x86_emit_andn(X86Buf *b, int dst, int src1, int src2, bool w);
/* Group-3: not/neg/mul/imul/div/idiv rm. */
void x86_emit_grp3(X86Buf *b, X86Grp3 g, int rm, bool w);
/* test rm, imm32 (F7 /0). */
void x86_emit_test_ri(X86Buf *b, int rm, int32_t imm, bool w);

/* reg = imm in the shortest form: xor (only when flags_dead), mov r32,
 * sign-extended mov r/m64, or movabs.  w false: the low 32 bits, zero
 * extended. */
void x86_emit_movi(X86Buf *b, int reg, uint64_t imm, bool w, bool flags_dead);
/* reg = v (64 bits) for a value near the code, such as a pointer to data
 * allocated beside the code buffer: lea reg, [rip + rel32] (7 bytes) when
 * v is within rel32 of the instruction's end, else x86_emit_movi. */
void x86_emit_movi_near(X86Buf *b, int reg, uint64_t v);
/* bswap reg (32 or 64 bits). */
void x86_emit_bswap(X86Buf *b, int reg, bool w);

void x86_emit_push(X86Buf *b, int reg);
void x86_emit_pop(X86Buf *b, int reg);
void x86_emit_ret(X86Buf *b);
void x86_emit_mfence(X86Buf *b);
/* n bytes of the recommended multi-byte nops (may write up to 8 bytes
 * past them, which the next instruction overwrites). */
void x86_emit_nops(X86Buf *b, unsigned n);

/* Relative branches: each returns the buffer offset of its rel32 field so
 * that the caller can patch it (x86_patch_rel32) once the target is known. */
uint32_t x86_emit_jmp32(X86Buf *b, uintptr_t target_rx);
uint32_t x86_emit_jcc32(X86Buf *b, X86Cond cc, uintptr_t target_rx);
uint32_t x86_emit_call32(X86Buf *b, uintptr_t target_rx);
/* Calls fn wherever it is: rel32 when in reach, else through rax. */
void x86_emit_call_abs(X86Buf *b, uintptr_t fn);
/* jmp reg / call reg. */
void x86_emit_jmp_r(X86Buf *b, int reg);
/* Points the rel32 at buffer offset field_off at buffer offset target_off. */
void x86_patch_rel32(X86Buf *b, uint32_t field_off, uint32_t target_off);
/* Short forward branches inside one op's sequence: emit with a zero rel8,
 * then x86_patch_rel8(b, field) once the current position is the target. */
uint32_t x86_emit_jcc8(X86Buf *b, X86Cond cc);
uint32_t x86_emit_jmp8(X86Buf *b);
void x86_patch_rel8(X86Buf *b, uint32_t field_off);
/* Whether a rel32 from the current position can reach target_rx. */
bool x86_in_rel32(const X86Buf *b, uintptr_t target_rx);

#endif
