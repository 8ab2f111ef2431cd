/* A branch to an unmapped address must raise SIGSEGV (status 139) at the
 * target, not crash the translator. */
#include "asm.h"
FAULT_BEGIN(fault-unmapped)
    PUTS    "jumping to 0x1000\n"
    mov     x0, 0x1000
    br      x0
FAULT_END
