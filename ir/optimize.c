/* ir/optimize.c — the optimizer pipeline: fold + copy propagation, then
 * dead-code elimination (each pass's contract is at the top of its file).
 *
 * In TERN_DEBUG builds the verifier runs after every pass and a failure
 * aborts with the offending IR on stderr, so a pass bug is caught at the
 * pass, not three layers later in a backend.
 */
#include "ir/ir-internal.h"

#include <stdio.h>
#include <stdlib.h>

#ifdef TERN_DEBUG
static void check_pass(IrFunc *f, const char *pass)
{
    if (ir_verify(f, stderr))
        return;
    fprintf(stderr, "tern: IR invalid after %s:\n", pass);
    ir_print(f, stderr);
    abort();
}
#else
static void check_pass(IrFunc *f, const char *pass)
{
    (void)f;
    (void)pass;
}
#endif

void ir_optimize(IrFunc *f)
{
    IrFlowScan scan;
    ir_opt_fold(f, &scan);
    check_pass(f, "fold");
    ir_opt_dce(f, &scan);
    check_pass(f, "dce");
}
