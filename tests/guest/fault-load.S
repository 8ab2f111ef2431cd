/* A load from an unmapped address (near NULL) must raise SIGSEGV. */
#include "asm.h"
FAULT_BEGIN(fault-load)
    PUTS    "loading from 0x8\n"
    mov     x0, 8
    ldr     x1, [x0]
FAULT_END
