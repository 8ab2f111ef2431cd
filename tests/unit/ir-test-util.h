/* tests/unit/ir-test-util.h — fixture pieces shared by the IR unit tests
 * (test-ir.c, test-ir-opt.c).  Include after <cmocka.h> and "ir/ir.h". */
#ifndef TERN_IR_TEST_UTIL_H
#define TERN_IR_TEST_UTIL_H

#include <stdio.h>

/* cmocka teardown for a fixture whose state is an IrFunc. */
static inline int ir_test_teardown(void **state)
{
    ir_func_free(*state);
    return 0;
}

/* ir_print's text of f in a malloc'd string (the caller frees it). */
static inline char *ir_test_print(const IrFunc *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ir_print(f, m);
    fclose(m);
    return buf;
}

#endif
