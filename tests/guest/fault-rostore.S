/* A store into the program's own read-only text segment must raise
 * SIGSEGV; the translator must not treat it as self-modifying code. */
#include "asm.h"
FAULT_BEGIN(fault-rostore)
    PUTS    "storing to .text\n"
    ldr     x0, =_start
    str     xzr, [x0]
FAULT_END
