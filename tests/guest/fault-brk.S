/* BRK must raise SIGTRAP: shell status 133. */
#include "asm.h"
FAULT_BEGIN(fault-brk)
    PUTS    "executing brk\n"
    brk     0x3e8
FAULT_END
