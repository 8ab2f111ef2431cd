/* An undefined instruction (UDF #0, then never reached: an unallocated
 * encoding) must kill the process with SIGILL: shell status 132. */
#include "asm.h"
FAULT_BEGIN(fault-udf)
    PUTS    "executing udf\n"
    udf     0
    .inst   0xffffffff
FAULT_END
