/* tests/guest/flags-lazy.c with TERN_PRECISE_FLAGS=1: the flag lookahead
 * stops at guest memory accesses (frontend/aarch64/translate-cc.c), so
 * both of its modes run the same checks.
 * RUN-ENV: TERN_PRECISE_FLAGS=1 */
#include "flags-lazy.c"
