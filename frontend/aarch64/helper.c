/* frontend/aarch64/helper.c — C code that A64 translated code calls.
 *
 * Each helper_NAME here is static: generated code reaches it only through
 * its descriptor a64_helper_NAME, built from the same helper.def row as the
 * prototype, so name, flags and types cannot drift apart.
 */
#include "frontend/aarch64/translate.h"

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
