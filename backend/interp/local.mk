# backend/interp: the portable bytecode interpreter (always built).
noinst_LTLIBRARIES += backend/interp/libbackend_interp.la
backend_interp_libbackend_interp_la_SOURCES = \
	backend/interp/interp-internal.h \
	backend/interp/interp-alu.h \
	backend/interp/interp.c \
	backend/interp/interp-emit.c \
	backend/interp/interp-run.c \
	backend/interp/interp-disas.c
backend_interp_libbackend_interp_la_CFLAGS = $(AM_CFLAGS) $(FFI_CFLAGS)
backend_interp_libbackend_interp_la_LIBADD = $(FFI_LIBS)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-interp
TESTS += tests/unit/test-interp
tests_unit_test_interp_SOURCES = tests/unit/test-interp.c tests/unit/test-interp-cases.h
tests_unit_test_interp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_interp_LDADD = backend/interp/libbackend_interp.la ir/libir.la \
	$(FFI_LIBS) $(CMOCKA_LIBS)
endif
