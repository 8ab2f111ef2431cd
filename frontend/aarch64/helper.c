/* frontend/aarch64/helper.c — C code that A64 translated code calls.
 *
 * Each helper_NAME here is static: generated code reaches it only through
 * its descriptor a64_helper_NAME, built from the same helper.def row as the
 * prototype, so name, flags and types cannot drift apart.
 */
#include "frontend/aarch64/translate.h"

#include <errno.h>
#include <pthread.h>
#include <sys/random.h>
#include <time.h>

/* Prototypes from the table: a definition that disagrees with its row
 * does not compile. */
#define A64_HELPER0(name, fl, r) static A64_CTYPE_##r helper_##name(void);
#define A64_HELPER1(name, fl, r, t1) \
    static A64_CTYPE_##r helper_##name(A64_CTYPE_##t1);
#define A64_HELPER2(name, fl, r, t1, t2) \
    static A64_CTYPE_##r helper_##name(A64_CTYPE_##t1, A64_CTYPE_##t2);
#include "frontend/aarch64/helper.def"
#undef A64_HELPER0
#undef A64_HELPER1
#undef A64_HELPER2

/* ---- System registers ------------------------------------------------------ */

_Static_assert(A64_CNTFRQ_HZ == 1000000000ull, "helper_cntvct counts nanoseconds");

static uint64_t helper_cntvct(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * A64_CNTFRQ_HZ + (uint64_t)ts.tv_nsec;
}

/* Retries interrupted or short reads: RNDR must not report failure for
 * a transient host condition. */
static uint64_t helper_rndr(void)
{
    uint64_t v;
    while (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v))
        continue;
    return v;
}

/* ---- Bit manipulation ------------------------------------------------------- */

/* Swaps ever smaller halves: 32-bit words, 16-bit halves, bytes, nibbles,
 * bit pairs, bits. */
static uint64_t helper_rbit64(uint64_t x)
{
    x = x >> 32 | x << 32;
    x = (x >> 16 & 0x0000ffff0000ffffull) | (x & 0x0000ffff0000ffffull) << 16;
    x = (x >> 8 & 0x00ff00ff00ff00ffull) | (x & 0x00ff00ff00ff00ffull) << 8;
    x = (x >> 4 & 0x0f0f0f0f0f0f0f0full) | (x & 0x0f0f0f0f0f0f0f0full) << 4;
    x = (x >> 2 & 0x3333333333333333ull) | (x & 0x3333333333333333ull) << 2;
    return (x >> 1 & 0x5555555555555555ull) | (x & 0x5555555555555555ull) << 1;
}

/* ---- CRC32 and CRC32C ------------------------------------------------------------ */

/* Byte-at-a-time tables for the reflected polynomials: CRC-32 (ISO-HDLC,
 * 0x04C11DB7 reflected) and CRC-32C (Castagnoli, 0x1EDC6F41 reflected). */
static uint32_t crc_table[2][256];
/* Built at the first CRC instruction, not at every start of tern. */
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init_tables(void)
{
    static const uint32_t poly[2] = { 0xedb88320u, 0x82f63b78u };
    for (unsigned p = 0; p < 2; p++) {
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t c = b;
            for (unsigned k = 0; k < 8; k++)
                c = c >> 1 ^ (c & 1 ? poly[p] : 0);
            crc_table[p][b] = c;
        }
    }
}

static uint64_t crc_update(unsigned p, uint64_t acc, uint64_t val, unsigned bytes)
{
    uint32_t c = (uint32_t)acc;
    pthread_once(&crc_once, crc_init_tables);
    for (unsigned i = 0; i < bytes; i++, val >>= 8)
        c = crc_table[p][(c ^ val) & 0xff] ^ c >> 8;
    return c;
}

static uint64_t helper_crc32b(uint64_t acc, uint64_t val) { return crc_update(0, acc, val, 1); }
static uint64_t helper_crc32h(uint64_t acc, uint64_t val) { return crc_update(0, acc, val, 2); }
static uint64_t helper_crc32w(uint64_t acc, uint64_t val) { return crc_update(0, acc, val, 4); }
static uint64_t helper_crc32x(uint64_t acc, uint64_t val) { return crc_update(0, acc, val, 8); }
static uint64_t helper_crc32cb(uint64_t acc, uint64_t val) { return crc_update(1, acc, val, 1); }
static uint64_t helper_crc32ch(uint64_t acc, uint64_t val) { return crc_update(1, acc, val, 2); }
static uint64_t helper_crc32cw(uint64_t acc, uint64_t val) { return crc_update(1, acc, val, 4); }
static uint64_t helper_crc32cx(uint64_t acc, uint64_t val) { return crc_update(1, acc, val, 8); }

/* ---- Descriptors ---------------------------------------------------------------- */

#define A64_HELPER0(name, fl, r) \
    IrHelper a64_helper_##name = { \
        #name, (void *)helper_##name, fl, A64_HTYPE_##r, 0, { 0 }, NULL };
#define A64_HELPER1(name, fl, r, t1) \
    IrHelper a64_helper_##name = { \
        #name, (void *)helper_##name, fl, A64_HTYPE_##r, 1, { A64_HTYPE_##t1 }, NULL };
#define A64_HELPER2(name, fl, r, t1, t2) \
    IrHelper a64_helper_##name = { #name, (void *)helper_##name, fl, \
        A64_HTYPE_##r, 2, { A64_HTYPE_##t1, A64_HTYPE_##t2 }, NULL };
#include "frontend/aarch64/helper.def"
#undef A64_HELPER0
#undef A64_HELPER1
#undef A64_HELPER2
