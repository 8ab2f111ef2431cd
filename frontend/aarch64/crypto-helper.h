/* frontend/aarch64/crypto-helper.h — the cryptographic-extension helpers,
 * shared by translate-crypto.c (which calls them) and crypto-helper.c
 * (which implements them) only.
 *
 * Every helper is  void helper_crypto_NAME(A64CPU *env, uint32_t desc)  and
 * works on A64CPU.v directly; desc is simd_desc(rd, rn, rm, q, size, imm)
 * from translate-ldst.h.  Each helper reads all its sources before it
 * writes V[d], so any register may alias any other.  The list below is
 * expanded into the descriptors and the definitions, so a helper cannot be
 * half-added.
 */
#ifndef TERN_A64_CRYPTO_HELPER_H
#define TERN_A64_CRYPTO_HELPER_H

#include "frontend/aarch64/translate-ldst.h"

#define A64_CRYPTO_HELPERS(X) \
    X(sha1c) X(sha1p) X(sha1m) X(sha1h) X(sha1su0) X(sha1su1) \
    X(sha512h) X(sha512h2) X(sha512su0) X(sha512su1) \
    X(pmull8) X(pmull64)

#define A64_CRYPTO_HELPER_DECL(name) extern IrHelper a64_helper_crypto_##name;
A64_CRYPTO_HELPERS(A64_CRYPTO_HELPER_DECL)
#undef A64_CRYPTO_HELPER_DECL

#endif
