/* tests/guest/flags-lazy.c with TERN_PRECISE_FLAGS=1: the flag lookahead
 * stops at guest memory accesses (frontend/aarch64/translate-cc.c), so
 * both of its modes run the same checks.  tests/guest/run.sh rebuilds it
 * only when this file changes: touch it after editing flags-lazy.c.
 * RUN-ENV: TERN_PRECISE_FLAGS=1 */
#include "flags-lazy.c"
