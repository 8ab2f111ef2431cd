/* ir/ir-internal.h — declarations shared by the files of ir/ only. */
#ifndef TERN_IR_INTERNAL_H
#define TERN_IR_INTERNAL_H

#include "ir/ir.h"

/* Appends a zeroed temp and returns it (valid until the next append). */
IrTempInfo *ir_temp_alloc(IrFunc *f);

#endif
