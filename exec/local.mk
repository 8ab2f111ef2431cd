# exec/: the execution engine (code buffer, TB cache, chaining, cpu loop).
noinst_LTLIBRARIES += exec/libexec.la
exec_libexec_la_SOURCES = exec/exec.h exec/exec-internal.h \
	exec/codebuf.c exec/tb.c exec/tb-index.c exec/mem.c exec/translate-all.c exec/cpu-exec.c \
	exec/exec.c exec/log.c exec/stats.c

if HAVE_CMOCKA
# Every engine test runs on a fake backend, the interpreter and (on x86-64
# hosts) the JIT.
check_PROGRAMS += tests/unit/test-exec
TESTS += tests/unit/test-exec
tests_unit_test_exec_SOURCES = tests/unit/test-exec.c tests/unit/test-exec-toy.c \
	tests/unit/test-exec-toy.h
tests_unit_test_exec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -DTEST_EXEC_INTERP
tests_unit_test_exec_LDADD = exec/libexec.la backend/interp/libbackend_interp.la
if HOST_X86_64
tests_unit_test_exec_CFLAGS += -DTEST_EXEC_X86_64
tests_unit_test_exec_LDADD += backend/x86_64/libbackend_x86.la $(CAPSTONE_LIBS)
endif
tests_unit_test_exec_LDADD += ir/libir.la $(FFI_LIBS) $(CMOCKA_LIBS)

# The TB indexes (hash, page map) on their own, on the fake backend.
check_PROGRAMS += tests/unit/test-exec-index
TESTS += tests/unit/test-exec-index
tests_unit_test_exec_index_SOURCES = tests/unit/test-exec-index.c \
	tests/unit/test-exec-toy.c tests/unit/test-exec-toy.h
tests_unit_test_exec_index_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_exec_index_LDADD = exec/libexec.la backend/interp/libbackend_interp.la \
	ir/libir.la $(FFI_LIBS) $(CMOCKA_LIBS)
endif
