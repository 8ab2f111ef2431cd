# scripts: build-time tools.  decodegen turns the *.decode specs into C
# (docs/decode.md); it runs on the build machine during the build.
noinst_PROGRAMS += scripts/decodegen
scripts_decodegen_SOURCES = scripts/decodegen.c
