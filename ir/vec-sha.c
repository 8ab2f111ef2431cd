/* ir/vec-sha.c — the reference semantics of the VEC op's SHA-256 rows
 * (ir/vecops.def, kind IR_VK_SHA), as the Arm ARM's SHA256H, SHA256H2,
 * SHA256SU0 and SHA256SU1 define them (shared/functions/crypto:
 * SHA256hash, SHAchoose, SHAmajority, SHAhashSIGMA0/1).
 *
 * Vectors are four 32-bit lanes, lane e at bits 32e+31:32e of the two
 * 64-bit words.  The hash state is split as the instructions split it:
 * X = (a, b, c, d) and Y = (e, f, g, h), lane 0 first.
 */
#include "ir/ir-internal.h"

typedef struct Lanes {
    uint32_t s[4];
} Lanes;

static Lanes lanes_of(const uint64_t w[2])
{
    return (Lanes){ { (uint32_t)w[0], (uint32_t)(w[0] >> 32), (uint32_t)w[1],
                      (uint32_t)(w[1] >> 32) } };
}

static void words_of(uint64_t w[2], Lanes l)
{
    w[0] = l.s[0] | (uint64_t)l.s[1] << 32;
    w[1] = l.s[2] | (uint64_t)l.s[3] << 32;
}

static uint32_t ror32(uint32_t x, unsigned n)
{
    return x >> n | x << (32 - n);
}

/* SHA256hash: four rounds on X, Y with the words (schedule + K) of W; the
 * 256-bit Y:X rotates left by 32 after each.  Returns X (part1) or Y. */
static Lanes sha256_hash(Lanes x, Lanes y, Lanes w, bool part1)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = ((y.s[1] ^ y.s[2]) & y.s[0]) ^ y.s[2];
        uint32_t maj = (x.s[0] & x.s[1]) | ((x.s[0] | x.s[1]) & x.s[2]);
        uint32_t s1 = ror32(y.s[0], 6) ^ ror32(y.s[0], 11) ^ ror32(y.s[0], 25);
        uint32_t s0 = ror32(x.s[0], 2) ^ ror32(x.s[0], 13) ^ ror32(x.s[0], 22);
        uint32_t t = y.s[3] + s1 + chs + w.s[e];
        uint32_t xtop = x.s[3] + t, ytop = t + s0 + maj;
        x.s[3] = x.s[2], x.s[2] = x.s[1], x.s[1] = x.s[0], x.s[0] = ytop;
        y.s[3] = y.s[2], y.s[2] = y.s[1], y.s[1] = y.s[0], y.s[0] = xtop;
    }
    return part1 ? x : y;
}

static uint32_t sigma0(uint32_t x) { return ror32(x, 7) ^ ror32(x, 18) ^ x >> 3; }
static uint32_t sigma1(uint32_t x) { return ror32(x, 17) ^ ror32(x, 19) ^ x >> 10; }

/* SHA256SU0 (d = a, n = b): T = n<31:0> : d<127:32>; lane e = sigma0(T[e]) + d[e]. */
static Lanes sha256_su0(Lanes d, Lanes n)
{
    Lanes r;
    for (unsigned e = 0; e < 4; e++)
        r.s[e] = sigma0(e < 3 ? d.s[e + 1] : n.s[0]) + d.s[e];
    return r;
}

/* SHA256SU1 (d = a, n = b, m = c): T0 = m<31:0> : n<127:32>; the high two
 * lanes take the sigma1 of the two just computed. */
static Lanes sha256_su1(Lanes d, Lanes n, Lanes m)
{
    Lanes r;
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t0 = e < 3 ? n.s[e + 1] : m.s[0];
        uint32_t t1 = e < 2 ? m.s[e + 2] : r.s[e - 2];
        r.s[e] = sigma1(t1) + d.s[e] + t0;
    }
    return r;
}

void ir_vec_sha(IrVecOp op, const uint64_t a[2], const uint64_t b[2], const uint64_t c[2],
                uint64_t d[2])
{
    Lanes x = lanes_of(a), y = lanes_of(b), z = lanes_of(c), r;
    switch ((unsigned)op) {      /* the IR_VK_SHA rows */
    case IR_VEC_SHA256H:   r = sha256_hash(x, y, z, true); break;
    case IR_VEC_SHA256H2:  r = sha256_hash(x, y, z, false); break;
    case IR_VEC_SHA256SU0: r = sha256_su0(x, y); break;
    default:               r = sha256_su1(x, y, z); break;
    }
    words_of(d, r);
}
