# tests: guest test programs (tests/guest), real-program tests against a
# Debian busybox (tests/real) and their runners.  Unit tests of each layer
# live in that layer's local.mk.  The guest suites are deliberately not in
# TESTS: they need the AArch64 cross compiler and qemu-aarch64, so the
# top-level test script runs "make check-guest check-real" after "make check".
# The targets depend on "all" (not just tern-aarch64) so that BUILT_SOURCES
# such as the generated decoder exist first.
#
# Adding a guest test: drop NAME.S or NAME.c into tests/guest, run
# "tests/guest/run.sh --regen NAME" to record NAME.expected with
# qemu-aarch64, and list both files below.

dist_noinst_SCRIPTS += \
	tests/guest/run.sh \
	tests/real/setup-sysroot.sh \
	tests/real/busybox.sh \
	tests/real/debian-dynamic.sh

EXTRA_DIST += tests/real/qemu-compare.sh

EXTRA_DIST += \
	tests/guest/asm.h \
	tests/guest/adcsbc.S \
	tests/guest/adcsbc.expected \
	tests/guest/addsub-ext.S \
	tests/guest/addsub-ext.expected \
	tests/guest/addsub-imm.S \
	tests/guest/addsub-imm.expected \
	tests/guest/addsub-shift.S \
	tests/guest/addsub-shift.expected \
	tests/guest/adr.S \
	tests/guest/adr.expected \
	tests/guest/algorithms.c \
	tests/guest/algorithms.expected \
	tests/guest/atomics.c \
	tests/guest/atomics.expected \
	tests/guest/bcond.S \
	tests/guest/bcond.expected \
	tests/guest/bitfield.S \
	tests/guest/bitfield.expected \
	tests/guest/bitops.S \
	tests/guest/bitops.expected \
	tests/guest/branch.S \
	tests/guest/branch.expected \
	tests/guest/ccmp.S \
	tests/guest/ccmp.expected \
	tests/guest/chain.S \
	tests/guest/chain.expected \
	tests/guest/control.c \
	tests/guest/control.expected \
	tests/guest/convert.c \
	tests/guest/convert.expected \
	tests/guest/csel.S \
	tests/guest/csel.expected \
	tests/guest/div.S \
	tests/guest/div.expected \
	tests/guest/env-argv.c \
	tests/guest/env-argv.expected \
	tests/guest/exit-big.c \
	tests/guest/exit-big.expected \
	tests/guest/exit-code.c \
	tests/guest/exit-code.expected \
	tests/guest/extr.S \
	tests/guest/extr.expected \
	tests/guest/fault-brk.S \
	tests/guest/fault-brk.expected \
	tests/guest/fault-load.S \
	tests/guest/fault-load.expected \
	tests/guest/fault-null.c \
	tests/guest/fault-null.expected \
	tests/guest/fault-rostore.S \
	tests/guest/fault-rostore.expected \
	tests/guest/fault-udf.S \
	tests/guest/fault-udf.expected \
	tests/guest/fault-unmapped.S \
	tests/guest/fault-unmapped.expected \
	tests/guest/fileio.c \
	tests/guest/fileio.expected \
	tests/guest/hashtable.c \
	tests/guest/hashtable.expected \
	tests/guest/indirect.c \
	tests/guest/indirect.expected \
	tests/guest/indirect-smc-threads.c \
	tests/guest/indirect-smc-threads.expected \
	tests/guest/int-math.c \
	tests/guest/int-math.expected \
	tests/guest/ldst-excl.S \
	tests/guest/ldst-excl.expected \
	tests/guest/ldst-index.S \
	tests/guest/ldst-index.expected \
	tests/guest/ldst-literal.S \
	tests/guest/ldst-literal.expected \
	tests/guest/ldst-pair.S \
	tests/guest/ldst-pair.expected \
	tests/guest/ldst-regoff.S \
	tests/guest/ldst-regoff.expected \
	tests/guest/ldst-uimm.S \
	tests/guest/ldst-uimm.expected \
	tests/guest/ldst-unscaled.S \
	tests/guest/ldst-unscaled.expected \
	tests/guest/logical-imm.S \
	tests/guest/logical-imm.expected \
	tests/guest/logical-reg.S \
	tests/guest/logical-reg.expected \
	tests/guest/malloc-stress.c \
	tests/guest/malloc-stress.expected \
	tests/guest/mmap.c \
	tests/guest/mmap.expected \
	tests/guest/movewide.S \
	tests/guest/movewide.expected \
	tests/guest/mul.S \
	tests/guest/mul.expected \
	tests/guest/printf-int.c \
	tests/guest/printf-int.expected \
	tests/guest/qsort.c \
	tests/guest/qsort.expected \
	tests/guest/shiftv.S \
	tests/guest/shiftv.expected \
	tests/guest/simd-ldst.S \
	tests/guest/simd-ldst.expected \
	tests/guest/simd-move.S \
	tests/guest/simd-move.expected \
	tests/guest/stack.c \
	tests/guest/stack.expected \
	tests/guest/stdio-bulk.c \
	tests/guest/stdio-bulk.expected \
	tests/guest/strings.c \
	tests/guest/strings.expected \
	tests/guest/structs.c \
	tests/guest/structs.expected \
	tests/guest/sysinfo.c \
	tests/guest/sysinfo.expected \
	tests/guest/sysreg.S \
	tests/guest/sysreg.expected \
	tests/guest/tls.c \
	tests/guest/tls.expected

# crypto's: CRC32, AES, SHA, SHA-3, PMULL and the ID registers.
EXTRA_DIST += \
	tests/guest/crc-vectors.c \
	tests/guest/crc-vectors.expected \
	tests/guest/crypto-aes.c \
	tests/guest/crypto-aes.expected \
	tests/guest/crypto-pmull.c \
	tests/guest/crypto-pmull.expected \
	tests/guest/crypto-sha.c \
	tests/guest/crypto-sha.expected \
	tests/guest/crypto-sha3.c \
	tests/guest/crypto-sha3.expected \
	tests/guest/idregs-cpuid.c \
	tests/guest/idregs-cpuid.expected \
	tests/guest/neon-sat.c \
	tests/guest/neon-sat.expected \
	tests/guest/neon-elem.c \
	tests/guest/neon-elem.expected \
	tests/guest/fp-vec.c \
	tests/guest/fp-vec.expected \
	tests/guest/vec-loops.c \
	tests/guest/vec-loops.expected \
	tests/guest/fp-half.c \
	tests/guest/fp-half.expected

TERN_TEST_BIN = $(abs_top_builddir)/tern-aarch64$(EXEEXT)

# Every guest program under each backend and qemu-aarch64.
check-guest: all
	TERN="$(TERN_TEST_BIN)" AARCH64_CC="$(AARCH64_CC)" QEMU="$(QEMU_AARCH64)" \
	  BUILD_DIR="$(abs_top_builddir)/tests/guest/build" \
	  $(SHELL) $(srcdir)/tests/guest/run.sh

# busybox applets and shell scripts, compared with qemu-aarch64.
check-real: all
	TERN="$(TERN_TEST_BIN)" QEMU="$(QEMU_AARCH64)" \
	  $(SHELL) $(srcdir)/tests/real/busybox.sh "$(abs_top_builddir)/tests/real/build"

.PHONY: check-guest check-real

# Random differential instruction tester (tests/diff/README.md): a short
# fixed-seed run against qemu-aarch64 on every backend.  The long run is
# documented in the README.
dist_noinst_SCRIPTS += tests/diff/run.sh
EXTRA_DIST += \
	tests/diff/README.md \
	tests/diff/state.h \
	tests/diff/gen.h \
	tests/diff/gen.c \
	tests/diff/gen-classes.c \
	tests/diff/driver.c \
	tests/diff/stub.S

check-diff: all
	TERN="$(TERN_TEST_BIN)" AARCH64_CC="$(AARCH64_CC)" QEMU="$(QEMU_AARCH64)" \
	  DIFF_DIR="$(abs_top_builddir)/tests/diff/build" \
	  $(SHELL) $(srcdir)/tests/diff/run.sh --seed 1 --count 2500 --insns 2

.PHONY: check-diff

# GCC's C torture execute tests (tests/torture), compared with qemu-aarch64.
# The default is the CI sample (every 10th test at -O2, both backends); the
# full run is TORTURE_FLAGS="--opt '-O0 -O2'" (see tests/torture/README.md).
dist_noinst_SCRIPTS += \
	tests/torture/setup.sh \
	tests/torture/run.sh

EXTRA_DIST += tests/torture/README.md

TORTURE_FLAGS = --opt -O2 --sample 10

check-torture: all
	TERN="$(TERN_TEST_BIN)" AARCH64_CC="$(AARCH64_CC)" QEMU="$(QEMU_AARCH64)" \
	  BUILD_DIR="$(abs_top_builddir)/tests/torture/build" \
	  $(SHELL) $(srcdir)/tests/torture/run.sh $(TORTURE_FLAGS)

.PHONY: check-torture
