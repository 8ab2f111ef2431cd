/* ir/vec-aes.c — the reference semantics of the VEC op's AES rows
 * (ir/vecops.def, kind IR_VK_AES): one AES round step on a 16-byte state,
 * as the Arm ARM's AESE, AESD, AESMC and AESIMC define them
 * (shared/functions/crypto: AESSubBytes, AESShiftRows, AESMixColumns and
 * their inverses), and the fused AESE+AESMC / AESD+AESIMC pairs.
 *
 * The state is column-major as in FIPS-197: byte r + 4c (byte i of the
 * vector is bits 8i+7:8i of its two little-endian 64-bit words) is row r of
 * column c.  The S-boxes and the GF(2^8) products are computed from their
 * definition (multiplicative inverse, then the affine map) the first time
 * a reference AES row runs — on hosts with AES instructions the x86
 * backend never calls this, so no start of tern pays for the tables.
 */
#include "ir/ir-internal.h"

#include <pthread.h>

static uint8_t aes_sbox[256], aes_inv_sbox[256];
/* gf_tab[k][x] = k * x in GF(2^8), for the (Inv)MixColumns coefficients. */
static uint8_t gf_tab[16][256];
static pthread_once_t aes_once = PTHREAD_ONCE_INIT;

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;
    while (b) {
        if (b & 1)
            p ^= a;
        a = (uint8_t)(a << 1 ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return p;
}

static uint8_t rol8(uint8_t x, unsigned n)
{
    return (uint8_t)(x << n | x >> (8 - n));
}

/* FIPS-197 5.1.1: inverse (0 maps to 0), then the affine transformation. */
static void aes_init_tables(void)
{
    for (unsigned k = 0; k < 16; k++)
        for (unsigned x = 0; x < 256; x++)
            gf_tab[k][x] = gf_mul((uint8_t)k, (uint8_t)x);
    for (unsigned x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (unsigned y = 1; y < 256 && x; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        uint8_t s = inv ^ rol8(inv, 1) ^ rol8(inv, 2) ^ rol8(inv, 3) ^ rol8(inv, 4) ^ 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
    }
}

typedef struct AesState {
    uint8_t b[16];
} AesState;

/* Row r of column c moves from column c + r (ShiftRows) or c - r (inverse). */
static AesState shift_rows(const AesState *in, bool inverse)
{
    AesState out;
    for (unsigned c = 0; c < 4; c++)
        for (unsigned r = 0; r < 4; r++)
            out.b[r + 4 * c] = in->b[r + 4 * (inverse ? (c + 4 - r) & 3 : (c + r) & 3)];
    return out;
}

static void sub_bytes(AesState *v, const uint8_t *box)
{
    for (unsigned i = 0; i < 16; i++)
        v->b[i] = box[v->b[i]];
}

/* Each column times the circulant matrix whose first row is k[0..3]:
 * {2,3,1,1} for MixColumns, {14,11,13,9} for the inverse. */
static AesState mix_columns(const AesState *in, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inverse ? inv : fwd;
    AesState out;
    for (unsigned c = 0; c < 4; c++) {
        for (unsigned r = 0; r < 4; r++) {
            uint8_t acc = 0;
            for (unsigned j = 0; j < 4; j++)
                acc ^= gf_tab[k[(j + 4 - r) & 3]][in->b[j + 4 * c]];
            out.b[r + 4 * c] = acc;
        }
    }
    return out;
}

static void state_of(AesState *s, const uint64_t w[2])
{
    for (unsigned i = 0; i < 16; i++)
        s->b[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
}

static void words_of(uint64_t w[2], const AesState *s)
{
    w[0] = w[1] = 0;
    for (unsigned i = 0; i < 16; i++)
        w[i / 8] |= (uint64_t)s->b[i] << (8 * (i % 8));
}

/* d = the AES row op of a (the state) and b (the round key of AESE/AESD
 * and the fused rows; unused by AESMC/AESIMC). */
void ir_vec_aes(IrVecOp op, const uint64_t a[2], const uint64_t b[2], uint64_t d[2])
{
    pthread_once(&aes_once, aes_init_tables);
    bool inverse = op == IR_VEC_AESD || op == IR_VEC_AESIMC || op == IR_VEC_AESD_IMC;
    bool round = op != IR_VEC_AESMC && op != IR_VEC_AESIMC;
    bool mix = op != IR_VEC_AESE && op != IR_VEC_AESD;
    uint64_t x[2] = { a[0], a[1] };
    AesState s;
    if (round) {         /* AddRoundKey, then (Inv)ShiftRows and (Inv)SubBytes */
        x[0] ^= b[0];
        x[1] ^= b[1];
        state_of(&s, x);
        s = shift_rows(&s, inverse);
        sub_bytes(&s, inverse ? aes_inv_sbox : aes_sbox);
    } else {
        state_of(&s, x);
    }
    if (mix)
        s = mix_columns(&s, inverse);
    words_of(d, &s);
}
