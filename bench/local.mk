# bench: the workloads (bench/workloads.txt, bench/src, bench/gen) and the
# runner that times them under tern, qemu-aarch64 and natively.  "make
# bench" rewrites bench/results/latest.* in the source tree; nothing here
# ever asserts a time.

dist_noinst_SCRIPTS += bench/run.sh
EXTRA_DIST += \
	bench/workloads.txt \
	bench/gen/branchy.awk \
	bench/gen/data.sh \
	bench/src/coremark-like.c \
	bench/src/dhry-like.c \
	bench/src/hash.c \
	bench/src/qsort.c \
	bench/src/sieve.c

bench: all
	TERN="$(abs_top_builddir)/tern-aarch64$(EXEEXT)" AARCH64_CC="$(AARCH64_CC)" \
	  QEMU="$(QEMU_AARCH64)" WORK_DIR="$(abs_top_builddir)/bench/work" \
	  RESULTS="$(abs_srcdir)/bench/results/latest.txt" \
	  $(SHELL) $(srcdir)/bench/run.sh

.PHONY: bench
