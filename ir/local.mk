noinst_LTLIBRARIES += ir/libir.la
ir_libir_la_SOURCES = ir/ir.h ir/ir-internal.h ir/ops.def ir/vecops.def ir/vec.c ir/vec-aes.c ir/vec-sha.c ir/ir.c ir/opinfo.c \
	ir/eval.c ir/print.c ir/parse.c ir/verify.c ir/liveness.c \
	ir/opt-fold.c ir/opt-flow.h ir/opt-dce.c ir/optimize.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-ir tests/unit/test-ir-opt
TESTS += tests/unit/test-ir tests/unit/test-ir-opt

# test-ir checks that docs/ir.md has a row for every op.
tests_unit_test_ir_SOURCES = tests/unit/test-ir.c tests/unit/ir-test-util.h
tests_unit_test_ir_CPPFLAGS = $(AM_CPPFLAGS) -DTERN_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_ir_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_ir_LDADD = ir/libir.la $(CMOCKA_LIBS)

tests_unit_test_ir_opt_SOURCES = tests/unit/test-ir-opt.c tests/unit/ir-test-util.h
tests_unit_test_ir_opt_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_ir_opt_LDADD = ir/libir.la $(CMOCKA_LIBS)
endif
