noinst_LTLIBRARIES += ir/libir.la
ir_libir_la_SOURCES = ir/ir.h ir/ir-internal.h ir/ops.def ir/ir.c
