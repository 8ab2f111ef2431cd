# linux-user: the guest process (address space, ELF loader, syscalls,
# signals, cpu loop) as a convenience library, so the unit tests link the
# same code as the tern-aarch64 program, whose main.c is the only extra.
noinst_LTLIBRARIES += linux-user/liblinuxuser.la
linux_user_liblinuxuser_la_SOURCES = \
	linux-user/lu-internal.h \
	linux-user/syscalls.def \
	linux-user/mmap.c \
	linux-user/prefault.c \
	linux-user/elfload.c \
	linux-user/options.c \
	linux-user/path.c \
	linux-user/proc.c \
	linux-user/proc-stat.c \
	linux-user/syscall.c \
	linux-user/syscall-file.c \
	linux-user/syscall-proc.c \
	linux-user/thread.c \
	linux-user/process.c \
	linux-user/syscall-mem.c \
	linux-user/syscall-shm.c \
	linux-user/syscall-signal.c \
	linux-user/syscall-struct.c \
	linux-user/syscall-xlate.h \
	linux-user/syscall-io.c \
	linux-user/syscall-net.c \
	linux-user/syscall-misc.c \
	linux-user/signal.c \
	linux-user/signal-frame.c \
	linux-user/cpu-loop.c \
	linux-user/cpus.c \
	linux-user/rseq.c

# Everything a linux-user binary needs, innermost library last.
LU_LIBS = linux-user/liblinuxuser.la exec/libexec.la \
	frontend/aarch64/liba64.la backend/libbackend.la
if HOST_X86_64
LU_LIBS += backend/x86_64/libbackend_x86.la
endif
LU_LIBS += backend/interp/libbackend_interp.la ir/libir.la \
	$(CAPSTONE_LIBS) $(FFI_LIBS) -lm

bin_PROGRAMS += tern-aarch64
tern_aarch64_SOURCES = linux-user/main.c
tern_aarch64_LDADD = $(LU_LIBS)
tern_aarch64_LDFLAGS = $(AM_LDFLAGS) $(TERN_EXE_LDFLAGS)

if HAVE_CMOCKA
LU_TESTS = tests/unit/test-lu-mmap tests/unit/test-lu-elf \
	tests/unit/test-lu-syscall tests/unit/test-lu-options tests/unit/test-lu-path \
	tests/unit/test-lu-signal
check_PROGRAMS += $(LU_TESTS)
TESTS += $(LU_TESTS)

tests_unit_test_lu_mmap_SOURCES = tests/unit/test-lu-mmap.c
tests_unit_test_lu_mmap_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_mmap_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lu_elf_SOURCES = tests/unit/test-lu-elf.c
tests_unit_test_lu_elf_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_elf_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lu_syscall_SOURCES = tests/unit/test-lu-syscall.c
tests_unit_test_lu_syscall_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_syscall_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lu_signal_SOURCES = tests/unit/test-lu-signal.c
tests_unit_test_lu_signal_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_signal_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lu_options_SOURCES = tests/unit/test-lu-options.c
tests_unit_test_lu_options_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_options_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lu_path_SOURCES = tests/unit/test-lu-path.c
tests_unit_test_lu_path_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lu_path_LDADD = $(LU_LIBS) $(CMOCKA_LIBS)
endif
