# backend/x86_64: the native x86-64 backend (built on x86-64 hosts only).
if HOST_X86_64
noinst_LTLIBRARIES += backend/x86_64/libbackend_x86.la
backend_x86_64_libbackend_x86_la_SOURCES = \
	backend/x86_64/emit-x86.h backend/x86_64/emit-x86.c \
	backend/x86_64/x86-internal.h \
	backend/x86_64/regalloc.c \
	backend/x86_64/lower.c backend/x86_64/lower-alu.c \
	backend/x86_64/lower-bits.c backend/x86_64/lower-mem.c \
	backend/x86_64/lower-ctl.c backend/x86_64/lower-vec.c \
	backend/x86_64/x86_64.c
backend_x86_64_libbackend_x86_la_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS)
backend_x86_64_libbackend_x86_la_LIBADD = $(CAPSTONE_LIBS) -lpthread

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-x86-emit tests/unit/test-x86-run tests/unit/test-x86-fuzz \
	tests/unit/test-x86-vec tests/unit/test-x86-pin
TESTS += tests/unit/test-x86-emit tests/unit/test-x86-run tests/unit/test-x86-fuzz \
	tests/unit/test-x86-vec tests/unit/test-x86-pin

tests_unit_test_x86_emit_SOURCES = tests/unit/test-x86-emit.c
tests_unit_test_x86_emit_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_x86_emit_LDADD = backend/x86_64/libbackend_x86.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

tests_unit_test_x86_run_SOURCES = tests/unit/test-x86-run.c tests/unit/test-interp-cases.h
tests_unit_test_x86_run_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_x86_run_LDADD = backend/x86_64/libbackend_x86.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

tests_unit_test_x86_vec_SOURCES = tests/unit/test-x86-vec.c
tests_unit_test_x86_vec_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_x86_vec_LDADD = backend/x86_64/libbackend_x86.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

tests_unit_test_x86_pin_SOURCES = tests/unit/test-x86-pin.c
tests_unit_test_x86_pin_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_x86_pin_LDADD = backend/x86_64/libbackend_x86.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

# Differential: the JIT against the interpreter on random IR.
tests_unit_test_x86_fuzz_SOURCES = tests/unit/test-x86-fuzz.c
tests_unit_test_x86_fuzz_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_x86_fuzz_LDADD = backend/x86_64/libbackend_x86.la \
	backend/interp/libbackend_interp.la ir/libir.la \
	$(CAPSTONE_LIBS) $(FFI_LIBS) $(CMOCKA_LIBS)
endif
endif
