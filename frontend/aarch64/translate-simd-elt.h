/* frontend/aarch64/translate-simd-elt.h — element access for the AdvSIMD
 * helpers (translate-simd-helper.c, translate-simd-sat.c) only.
 *
 * A vector register is two uint64_t halves (A64CPU.v); element i of size
 * 8 << size bits sits at bit i * (8 << size) of the 128-bit value.  Elements
 * are reached by bit position, so the code does not depend on host byte
 * order.
 */
#ifndef TERN_A64_TRANSLATE_SIMD_ELT_H
#define TERN_A64_TRANSLATE_SIMD_ELT_H

#include <stdint.h>

/* All ones in the low 8 << size bits. */
static inline uint64_t simd_ones(unsigned size)
{
    return size >= 3 ? ~0ull : (1ull << (8u << size)) - 1;
}

static inline uint64_t simd_elt(const uint64_t *v, unsigned size, unsigned i)
{
    unsigned bits = 8u << size, pos = i * bits;
    return (v[pos / 64] >> (pos % 64)) & simd_ones(size);
}

static inline void simd_set_elt(uint64_t *v, unsigned size, unsigned i, uint64_t x)
{
    unsigned bits = 8u << size, pos = i * bits;
    uint64_t m = simd_ones(size) << (pos % 64);
    v[pos / 64] = (v[pos / 64] & ~m) | ((x << (pos % 64)) & m);
}

static inline int64_t simd_sext(uint64_t x, unsigned size)
{
    unsigned sh = 64 - (8u << size);
    return (int64_t)(x << sh) >> sh;
}

#endif
