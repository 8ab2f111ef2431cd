/* frontend/aarch64/translate-crypto.c — the cryptographic extensions: AES,
 * SHA-1, SHA-256, SHA-512, SHA-3 (EOR3, RAX1, XAR, BCAX) and PMULL/PMULL2
 * (a64-crypto.decode), and CRC32/CRC32C (a64.decode).
 *
 * The SHA-3 instructions are a few bitwise operations per 64-bit lane, so
 * they are inline i64 IR on the two halves of the register.  AES is the
 * VEC op's AES rows, AESE+AESMC and AESD+AESIMC pairs fused into one;
 * SHA-256 its SHA rows.  SHA-1, SHA-512 and PMULL go through helpers (crypto-helper.c) that take the register
 * numbers packed with simd_desc().  CRC32 calls a pure helper per (polynomial,
 * size) pair on general registers.
 *
 * Invariants: every source half is read before the destination is written
 * (registers may alias), and every result writes all 128 bits of V[d].
 */
#include "frontend/aarch64/crypto-helper.h"

#include "frontend/aarch64/a64-decode.h"

static IrTemp new_i64(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static bool gen_crypto_helper(DisasContext *s, IrHelper *h, unsigned rd, unsigned rn,
                              unsigned rm)
{
    gen_simd_helper(s, h, simd_desc(rd, rn, rm, 0, 0, 0));
    return true;
}

/* ---- Cryptographic AES ------------------------------------------------------------ */

/* AES is the VEC op's AES rows (ir/vecops.def): AES-NI on x86 hosts that
 * have it, the reference in ir/vec-aes.c elsewhere. */
static bool gen_aes(DisasContext *s, IrVecOp op, unsigned rd, unsigned rn)
{
    ir_gen_vec(s->f, ir_vec_desc(op, 0, true, 0), vec_ofs(rd, 0), vec_ofs(rd, 0),
               vec_ofs(rn, 0), 0);
    return true;
}

/* AESMC/AESIMC Vd, Vd right after AESE/AESD Vd in the same TB (every AES
 * implementation's round is that pair): the earlier VEC op becomes the
 * fused row, one AES-NI instruction instead of three, and this insn emits
 * nothing.  Only insn boundaries may sit between the two (this insn has
 * emitted no op yet, IrFunc.insn_op), so no other op can
 * have observed Vd in between; nothing can fault or exit there either.  Not
 * in the flag lookahead, whose ops are rolled back.  The rewrite is of an op
 * before this insn, which a rollback of this insn (translate-cc.c) would
 * not undo: it is safe because fusing emits no op, so there is nothing for
 * the flags' scan to roll back. */
static bool gen_aes_mix(DisasContext *s, IrVecOp single, IrVecOp prev, IrVecOp fused,
                        unsigned rd, unsigned rn)
{
    IrFunc *f = s->f;
    uint32_t i = f->nops;
    bool first = f->ninsns > 0 && f->insn_op[f->ninsns - 1] == i;
    IrOp *op = i > 0 && first && rd == rn && !s->lookahead ? &f->ops[i - 1] : NULL;
    if (op && op->opc == IR_VEC && ir_vec_desc_op((IrVecDesc)ir_carg(op, 0)) == prev &&
        ir_carg(op, 1) == (uint64_t)(int64_t)vec_ofs(rd, 0)) {
        op->args[op->nout + op->nin] = ir_vec_desc(fused, 0, true, 0);
        return true;
    }
    ir_gen_vec(f, ir_vec_desc(single, 0, true, 0), vec_ofs(rd, 0), vec_ofs(rn, 0), 0, 0);
    return true;
}

bool trans_AESE(DisasContext *s, arg_AESE *a)
{
    return gen_aes(s, IR_VEC_AESE, a->Rd, a->Rn);
}

bool trans_AESD(DisasContext *s, arg_AESD *a)
{
    return gen_aes(s, IR_VEC_AESD, a->Rd, a->Rn);
}

bool trans_AESMC(DisasContext *s, arg_AESMC *a)
{
    return gen_aes_mix(s, IR_VEC_AESMC, IR_VEC_AESE, IR_VEC_AESE_MC, a->Rd, a->Rn);
}

bool trans_AESIMC(DisasContext *s, arg_AESIMC *a)
{
    return gen_aes_mix(s, IR_VEC_AESIMC, IR_VEC_AESD, IR_VEC_AESD_IMC, a->Rd, a->Rn);
}

/* ---- Cryptographic SHA (three- and two-register) ------------------------------------ */

#define TRANS_CRYPTO_RRR(NAME, helper) \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a) \
    { return gen_crypto_helper(s, &a64_helper_crypto_##helper, a->Rd, a->Rn, a->Rm); }
#define TRANS_CRYPTO_RR(NAME, helper) \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a) \
    { return gen_crypto_helper(s, &a64_helper_crypto_##helper, a->Rd, a->Rn, 0); }

TRANS_CRYPTO_RRR(SHA1C, sha1c)
TRANS_CRYPTO_RRR(SHA1P, sha1p)
TRANS_CRYPTO_RRR(SHA1M, sha1m)
TRANS_CRYPTO_RRR(SHA1SU0, sha1su0)
TRANS_CRYPTO_RR(SHA1H, sha1h)
TRANS_CRYPTO_RR(SHA1SU1, sha1su1)

/* SHA-256 is the VEC op's SHA rows (SHA-NI on x86 hosts that have it). */
static bool gen_sha256(DisasContext *s, IrVecOp op, unsigned rd, unsigned ra, unsigned rb,
                       unsigned rc)
{
    ir_gen_vec(s->f, ir_vec_desc(op, 2, true, 0), vec_ofs(rd, 0), vec_ofs(ra, 0),
               vec_ofs(rb, 0), vec_ofs(rc, 0));
    return true;
}

bool trans_SHA256H(DisasContext *s, arg_SHA256H *a)
{
    return gen_sha256(s, IR_VEC_SHA256H, a->Rd, a->Rd, a->Rn, a->Rm);
}

bool trans_SHA256H2(DisasContext *s, arg_SHA256H2 *a)
{
    return gen_sha256(s, IR_VEC_SHA256H2, a->Rd, a->Rn, a->Rd, a->Rm);
}

bool trans_SHA256SU0(DisasContext *s, arg_SHA256SU0 *a)
{
    return gen_sha256(s, IR_VEC_SHA256SU0, a->Rd, a->Rd, a->Rn, 0);
}

bool trans_SHA256SU1(DisasContext *s, arg_SHA256SU1 *a)
{
    return gen_sha256(s, IR_VEC_SHA256SU1, a->Rd, a->Rd, a->Rn, a->Rm);
}

/* ---- Cryptographic SHA512 ------------------------------------------------------------ */

TRANS_CRYPTO_RRR(SHA512H, sha512h)
TRANS_CRYPTO_RRR(SHA512H2, sha512h2)
TRANS_CRYPTO_RRR(SHA512SU1, sha512su1)
TRANS_CRYPTO_RR(SHA512SU0, sha512su0)

/* ---- SHA-3: EOR3, BCAX, RAX1, XAR (inline, per 64-bit half) -------------------------- */

typedef enum Sha3Op { SHA3_EOR3, SHA3_BCAX, SHA3_RAX1, SHA3_XAR } Sha3Op;

/* One half: EOR3 n^m^a; BCAX n^(m&~a); RAX1 n^ROL(m,1); XAR ROR(n^m,imm). */
static IrTemp gen_sha3_half(DisasContext *s, Sha3Op op, IrTemp n, IrTemp m, IrTemp a,
                            unsigned imm)
{
    IrFunc *f = s->f;
    IrTemp t = new_i64(s), d = new_i64(s);
    switch (op) {
    case SHA3_EOR3:
        ir_gen_binop(f, IR_XOR, t, m, a);
        break;
    case SHA3_BCAX:
        ir_gen_binop(f, IR_ANDC, t, m, a);
        break;
    case SHA3_RAX1:
        ir_gen_binopi(f, IR_ROTR, t, m, 63);
        break;
    case SHA3_XAR:
        ir_gen_binop(f, IR_XOR, t, n, m);
        ir_gen_binopi(f, IR_ROTR, d, t, imm);
        return d;
    }
    ir_gen_binop(f, IR_XOR, d, n, t);
    return d;
}

static bool gen_sha3(DisasContext *s, Sha3Op op, unsigned rd, unsigned rn, unsigned rm,
                     unsigned ra, unsigned imm)
{
    IrTemp r[2];
    IrTemp n[2], m[2], a[2];
    for (unsigned h = 0; h < 2; h++) {
        n[h] = gen_vec_read(s, rn, h);
        m[h] = gen_vec_read(s, rm, h);
        a[h] = op == SHA3_EOR3 || op == SHA3_BCAX ? gen_vec_read(s, ra, h) : IR_NO_TEMP;
    }
    for (unsigned h = 0; h < 2; h++)
        r[h] = gen_sha3_half(s, op, n[h], m[h], a[h], imm);
    gen_vec_write2(s, rd, r[0], r[1]);
    return true;
}

bool trans_EOR3(DisasContext *s, arg_EOR3 *a)
{
    return gen_sha3(s, SHA3_EOR3, a->Rd, a->Rn, a->Rm, a->Ra, 0);
}

bool trans_BCAX(DisasContext *s, arg_BCAX *a)
{
    return gen_sha3(s, SHA3_BCAX, a->Rd, a->Rn, a->Rm, a->Ra, 0);
}

bool trans_RAX1(DisasContext *s, arg_RAX1 *a)
{
    return gen_sha3(s, SHA3_RAX1, a->Rd, a->Rn, a->Rm, 0, 0);
}

bool trans_XAR(DisasContext *s, arg_XAR *a)
{
    return gen_sha3(s, SHA3_XAR, a->Rd, a->Rn, a->Rm, 0, (unsigned)a->imm6);
}

/* ---- PMULL, PMULL2 ------------------------------------------------------------------- */

/* size 0: .8H from .8B/.16B; size 3: .1Q from .1D/.2D; 1 and 2 are reserved. */
bool trans_PMULL(DisasContext *s, arg_PMULL *a)
{
    IrHelper *h;
    if (a->size == 0)
        h = &a64_helper_crypto_pmull8;
    else if (a->size == 3)
        h = &a64_helper_crypto_pmull64;
    else
        return false;
    gen_simd_helper(s, h, simd_desc(a->Rd, a->Rn, a->Rm, a->q, a->size, 0));
    return true;
}

/* ---- CRC32, CRC32C ------------------------------------------------------------------- */

typedef void GenCrc(IrFunc *f, IrTemp r, IrTemp acc, IrTemp val);

/* CRC32{C}{B,H,W,X} Wd, Wn, Rm: sf must be 1 exactly for the X form. */
bool trans_CRC32(DisasContext *s, arg_CRC32 *a)
{
    static GenCrc *const gen[2][4] = {
        { gen_helper_crc32b, gen_helper_crc32h, gen_helper_crc32w, gen_helper_crc32x },
        { gen_helper_crc32cb, gen_helper_crc32ch, gen_helper_crc32cw, gen_helper_crc32cx },
    };
    if (a->sf != (a->sz == 3))
        return false;
    IrTemp r = new_i64(s);
    gen[a->C][a->sz](s->f, r, read_reg(s, a->Rn, false), read_reg(s, a->Rm, a->sf));
    write_reg(s, a->Rd, r, false);
    return true;
}
