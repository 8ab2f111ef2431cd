/* crypto-aes.c — AES-128 with the Armv8 AES instructions through
 * <arm_neon.h>: the FIPS-197 example vectors (Appendix B and C.1) encrypted
 * with AESE/AESMC and decrypted with AESD/AESIMC (equivalent inverse
 * cipher), the key schedule's SubWord done with AESE too, and each AES
 * instruction applied to pseudo-random blocks.
 */
#pragma GCC target("arch=armv8-a+crypto")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* SubWord(w): with all four columns equal, ShiftRows is the identity, so
 * AESE with a zero round key is SubBytes. */
static uint32_t sub_word(uint32_t w)
{
    uint8x16_t v = vreinterpretq_u8_u32(vdupq_n_u32(w));
    return vgetq_lane_u32(vreinterpretq_u32_u8(vaeseq_u8(v, vdupq_n_u8(0))), 0);
}

/* FIPS-197 5.2 for Nk = 4: words little-endian in memory order. */
static void expand_key(const uint8_t key[16], uint8x16_t rk[11])
{
    uint32_t w[44];
    uint32_t rcon = 1;
    memcpy(w, key, 16);
    for (int i = 4; i < 44; i++) {
        uint32_t t = w[i - 1];
        if (i % 4 == 0) {
            t = sub_word(t >> 8 | t << 24) ^ rcon;
            rcon = rcon << 1 ^ (rcon & 0x80 ? 0x11b : 0);
        }
        w[i] = w[i - 4] ^ t;
    }
    for (int r = 0; r < 11; r++)
        rk[r] = vld1q_u8((const uint8_t *)(w + 4 * r));
}

static uint8x16_t encrypt(const uint8x16_t rk[11], uint8x16_t b)
{
    for (int r = 0; r < 9; r++)
        b = vaesmcq_u8(vaeseq_u8(b, rk[r]));
    return veorq_u8(vaeseq_u8(b, rk[9]), rk[10]);
}

/* The equivalent inverse cipher: AESD adds the round key before
 * InvMixColumns, so the middle round keys go through InvMixColumns too. */
static uint8x16_t decrypt(const uint8x16_t rk[11], uint8x16_t b)
{
    b = vaesimcq_u8(vaesdq_u8(b, rk[10]));
    for (int r = 9; r > 1; r--)
        b = vaesimcq_u8(vaesdq_u8(b, vaesimcq_u8(rk[r])));
    b = vaesdq_u8(b, vaesimcq_u8(rk[1]));
    return veorq_u8(b, rk[0]);
}

static void show(const char *name, uint8x16_t v)
{
    uint8_t b[16];
    vst1q_u8(b, v);
    printf("%-8s ", name);
    for (int i = 0; i < 16; i++)
        printf("%02x", b[i]);
    printf("\n");
}

static void hex16(const char *hex, uint8_t out[16])
{
    for (int i = 0; i < 16; i++)
        sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

static void vector(const char *key_hex, const char *pt_hex)
{
    uint8_t key[16], pt[16];
    uint8x16_t rk[11];
    hex16(key_hex, key);
    hex16(pt_hex, pt);
    expand_key(key, rk);
    uint8x16_t ct = encrypt(rk, vld1q_u8(pt));
    show("key", vld1q_u8(key));
    show("round10", rk[10]);
    show("plain", vld1q_u8(pt));
    show("cipher", ct);
    show("decrypt", decrypt(rk, ct));
}

static uint64_t rng = 0x0123456789abcdefull;

static uint8x16_t rnd(void)
{
    uint64_t v[2];
    for (int i = 0; i < 2; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        v[i] = rng;
    }
    return vreinterpretq_u8_u64(vld1q_u64(v));
}

int main(void)
{
    vector("2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734");
    vector("000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff");
    for (int i = 0; i < 4; i++) {
        uint8x16_t a = rnd(), k = rnd();
        show("aese", vaeseq_u8(a, k));
        show("aesd", vaesdq_u8(a, k));
        show("aesmc", vaesmcq_u8(a));
        show("aesimc", vaesimcq_u8(a));
    }
    return 0;
}
