noinst_LTLIBRARIES += backend/libbackend.la
backend_libbackend_la_SOURCES = backend/backend.h backend/backend.c
