# bench: the workloads (bench/workloads.txt, bench/src, bench/gen,
# bench/scripts) and the runner that times them under tern, qemu-aarch64
# and natively (bench/README.md).  "make bench" rewrites
# bench/results/latest.* in the source tree; "make bench-quick" is a
# small-input sanity run into the build tree.  Nothing here ever asserts a
# time, and neither target is part of "make check".

dist_noinst_SCRIPTS += bench/run.sh bench/chart.sh bench/measure.py bench/gen/data.sh
EXTRA_DIST += \
	bench/README.md \
	bench/workloads.txt \
	bench/gen/branchy.awk \
	bench/gen/straight.awk \
	bench/src/coremark-like.c \
	bench/src/dhry-like.c \
	bench/src/hash.c \
	bench/src/hello.c \
	bench/src/qsort.c \
	bench/src/sieve.c \
	bench/scripts/regex.pl \
	bench/scripts/sqlite.sql \
	bench/scripts/nbody.py bench/scripts/nbody.lua \
	bench/scripts/spectral.py bench/scripts/spectral.lua \
	bench/scripts/fannkuch.py bench/scripts/fannkuch.lua \
	bench/scripts/richards.py bench/scripts/richards.lua \
	bench/scripts/jsoncodec.py bench/scripts/jsoncodec.lua

BENCH_ENV = TERN="$(abs_top_builddir)/tern-aarch64$(EXEEXT)" AARCH64_CC="$(AARCH64_CC)" \
	QEMU="$(QEMU_AARCH64)" WORK_DIR="$(abs_top_builddir)/bench/work"

bench: all
	$(BENCH_ENV) RESULTS="$(abs_srcdir)/bench/results/latest.txt" \
	  $(SHELL) $(srcdir)/bench/run.sh

bench-quick: all
	$(BENCH_ENV) BENCH_QUICK=1 $(SHELL) $(srcdir)/bench/run.sh

.PHONY: bench bench-quick
