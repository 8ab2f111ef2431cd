# frontend/aarch64: the AArch64 guest.  The decoder is generated into the
# build tree from the specs by scripts/decodegen (docs/decode.md);
# generated files are never committed.
A64_DECODE_SPECS = \
	$(srcdir)/frontend/aarch64/a64.decode \
	$(srcdir)/frontend/aarch64/a64-ldst.decode \
	$(srcdir)/frontend/aarch64/a64-simd.decode \
	$(srcdir)/frontend/aarch64/a64-crypto.decode
A64_DECODE_OUT = \
	frontend/aarch64/a64-decode.c.inc \
	frontend/aarch64/a64-decode.h \
	frontend/aarch64/a64-decode-mock.c.inc

# One rule writes all three outputs; the others depend on the first and
# regenerate it if they alone went missing.
frontend/aarch64/a64-decode.c.inc: scripts/decodegen$(EXEEXT) $(A64_DECODE_SPECS)
	$(AM_V_GEN)$(MKDIR_P) frontend/aarch64 && \
	scripts/decodegen$(EXEEXT) -o $@ -H frontend/aarch64/a64-decode.h \
	    -T frontend/aarch64/a64-decode-mock.c.inc $(A64_DECODE_SPECS)
frontend/aarch64/a64-decode.h frontend/aarch64/a64-decode-mock.c.inc: \
		frontend/aarch64/a64-decode.c.inc
	@test -f $@ || { rm -f frontend/aarch64/a64-decode.c.inc; \
	    $(MAKE) $(AM_MAKEFLAGS) frontend/aarch64/a64-decode.c.inc; }

BUILT_SOURCES += $(A64_DECODE_OUT)
CLEANFILES += $(A64_DECODE_OUT)
EXTRA_DIST += $(A64_DECODE_SPECS) frontend/aarch64/helper.def

noinst_LTLIBRARIES += frontend/aarch64/liba64.la
frontend_aarch64_liba64_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_builddir)/frontend/aarch64 -I$(top_srcdir)/frontend/aarch64
frontend_aarch64_liba64_la_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS)
# -lm: the FP helpers (translate-simd-fparith.c) use libm and fenv.
frontend_aarch64_liba64_la_LIBADD = $(CAPSTONE_LIBS) -lm
frontend_aarch64_liba64_la_SOURCES = \
	frontend/aarch64/a64.h \
	frontend/aarch64/translate.h \
	frontend/aarch64/translate-ldst.h \
	frontend/aarch64/helper.def \
	frontend/aarch64/cpu.c \
	frontend/aarch64/disas.c \
	frontend/aarch64/helper.c \
	frontend/aarch64/translate.c \
	frontend/aarch64/translate-dp.c \
	frontend/aarch64/translate-branch.c \
	frontend/aarch64/translate-cc.c \
	frontend/aarch64/translate-sys.c \
	frontend/aarch64/translate-ldst.c \
	frontend/aarch64/translate-ldst-atomic.c \
	frontend/aarch64/translate-simd.c \
	frontend/aarch64/translate-simd-move.c \
	frontend/aarch64/translate-simd-fp.c \
	frontend/aarch64/translate-simd-fparith.c \
	frontend/aarch64/translate-simd-helper.c \
	frontend/aarch64/translate-simd-int.c \
	frontend/aarch64/translate-simd-sat.c \
	frontend/aarch64/translate-simd-elt.h \
	frontend/aarch64/translate-simd-fp.h \
	frontend/aarch64/translate-simd-fpv.c \
	frontend/aarch64/translate-simd-f16.c \
	frontend/aarch64/crypto-helper.h \
	frontend/aarch64/crypto-helper.c \
	frontend/aarch64/translate-crypto.c
nodist_frontend_aarch64_liba64_la_SOURCES = \
	frontend/aarch64/a64-decode.h \
	frontend/aarch64/a64-decode.c.inc

# The generator's own checks (error messages, formats, groups): a script.
TESTS += tests/unit/test-a64-decodegen.sh
EXTRA_DIST += tests/unit/test-a64-decodegen.sh

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test-a64-decode tests/unit/test-a64-translate \
	tests/unit/test-a64-ldst tests/unit/test-a64-flags
TESTS += tests/unit/test-a64-decode tests/unit/test-a64-translate \
	tests/unit/test-a64-ldst tests/unit/test-a64-flags

# The decoder test links the generated decoder against the generated test
# double (a64-decode-mock.c.inc), not against the translator.
tests_unit_test_a64_decode_SOURCES = tests/unit/test-a64-decode.c
nodist_tests_unit_test_a64_decode_SOURCES = $(A64_DECODE_OUT)
tests_unit_test_a64_decode_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/frontend/aarch64
tests_unit_test_a64_decode_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_a64_decode_LDADD = $(CMOCKA_LIBS)

tests_unit_test_a64_translate_SOURCES = tests/unit/test-a64-translate.c
tests_unit_test_a64_translate_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_a64_translate_LDADD = frontend/aarch64/liba64.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

# frontend-ldst's unit test (loads, stores, AdvSIMD), built the same way.
tests_unit_test_a64_ldst_SOURCES = tests/unit/test-a64-ldst.c
tests_unit_test_a64_ldst_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_a64_ldst_LDADD = frontend/aarch64/liba64.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)

# Lazy condition flags (translate-cc.c): the IR's shape.
tests_unit_test_a64_flags_SOURCES = tests/unit/test-a64-flags.c
tests_unit_test_a64_flags_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_a64_flags_LDADD = frontend/aarch64/liba64.la ir/libir.la \
	$(CAPSTONE_LIBS) $(CMOCKA_LIBS)
endif
