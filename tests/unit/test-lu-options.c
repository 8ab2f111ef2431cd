/* tests/unit/test-lu-options.c — the tern-aarch64 command line.
 *
 * lu_parse_options() never exits: each case checks the result, the fields it
 * set, the guest environment it built, and the one-line messages written to
 * the out and err streams.
 */
#define _GNU_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "linux-user/lu-internal.h"

typedef struct Run {
    LuOptions o;
    LuOptResult r;
    char *out, *err;
} Run;

static char *host_env[] = { "A=1", "B=2", "C=3", NULL };

static void parse(Run *run, char **env, int argc, char **argv)
{
    size_t on, en;
    FILE *out = open_memstream(&run->out, &on), *err = open_memstream(&run->err, &en);
    assert_non_null(out);
    assert_non_null(err);
    run->r = lu_parse_options(&run->o, argc, argv, env, out, err);
    fclose(out);
    fclose(err);
}

static void done(Run *run)
{
    lu_options_free(&run->o);
    free(run->out);
    free(run->err);
}

#define PARSE(run, env, ...) do { \
        char *argv_[] = { "tern-aarch64", __VA_ARGS__, NULL }; \
        parse(run, env, (int)(sizeof(argv_) / sizeof(argv_[0])) - 1, argv_); \
    } while (0)

static void expect_error(Run *run, const char *want)
{
    assert_int_equal(run->r, LU_OPT_ERROR);
    if (!strstr(run->err, want))
        fail_msg("error '%s' does not mention '%s'", run->err, want);
    /* One line. */
    assert_ptr_equal(strchr(run->err, '\n'), run->err + strlen(run->err) - 1);
    done(run);
}

static bool has_env(const LuOptions *o, const char *kv)
{
    for (size_t i = 0; i < o->envc; i++)
        if (!strcmp(o->envp[i], kv))
            return true;
    return false;
}

static void test_errors(void **state)
{
    Run run;
    char *none[] = { "tern-aarch64", NULL };
    parse(&run, host_env, 1, none);
    expect_error(&run, "no program given");
    PARSE(&run, host_env, "-strace");
    expect_error(&run, "no program given");
    PARSE(&run, host_env, "-x", "prog");
    expect_error(&run, "unknown option '-x'");
    PARSE(&run, host_env, "-L");
    expect_error(&run, "needs an argument");
    PARSE(&run, host_env, "-E", "NOEQUALS", "prog");
    expect_error(&run, "-E needs var=value");
    PARSE(&run, host_env, "-E", "=x", "prog");
    expect_error(&run, "-E needs var=value");
    PARSE(&run, host_env, "-d", "no_such_item", "prog");
    assert_int_equal(run.r, LU_OPT_ERROR);
    done(&run);
}

static void test_help_version(void **state)
{
    Run run;
    PARSE(&run, host_env, "-version");
    assert_int_equal(run.r, LU_OPT_EXIT_OK);
    assert_non_null(strstr(run.out, "tern-aarch64 version "));
    assert_string_equal(run.err, "");
    done(&run);
    PARSE(&run, host_env, "--help");
    assert_int_equal(run.r, LU_OPT_EXIT_OK);
    assert_non_null(strstr(run.out, "usage: tern-aarch64"));
    assert_non_null(strstr(run.out, "-one-insn-per-tb"));
    done(&run);
    PARSE(&run, host_env, "-h", "prog");
    assert_int_equal(run.r, LU_OPT_EXIT_OK);
    done(&run);
}

static void test_all_options(void **state)
{
    Run run;
    PARSE(&run, host_env, "-L", "/sysroot", "-E", "A=2", "-U", "B", "-E", "D=4",
          "-strace", "-singlestep", "-backend", "interp", "-D", "/tmp/log",
          "--perfmap", "prog", "-strace", "arg");
    assert_int_equal(run.r, LU_OPT_RUN);
    assert_int_equal(run.o.prog_index, 16);
    assert_string_equal(run.o.ld_prefix, "/sysroot");
    assert_string_equal(run.o.backend, "interp");
    assert_string_equal(run.o.log_file, "/tmp/log");
    assert_true(run.o.strace);
    assert_true(run.o.one_insn);
    assert_true(run.o.perf_map);
    assert_int_equal(run.o.envc, 3);
    assert_true(has_env(&run.o, "A=2"));
    assert_true(has_env(&run.o, "C=3"));
    assert_true(has_env(&run.o, "D=4"));
    assert_false(has_env(&run.o, "B=2"));
    assert_null(run.o.envp[run.o.envc]);
    done(&run);
}

static void test_guest_options_untouched(void **state)
{
    Run run;
    PARSE(&run, host_env, "prog", "-strace", "-x");
    assert_int_equal(run.r, LU_OPT_RUN);
    assert_int_equal(run.o.prog_index, 1);
    assert_false(run.o.strace);
    assert_false(run.o.one_insn);
    assert_int_equal(run.o.envc, 3);
    done(&run);
    PARSE(&run, host_env, "-one-insn-per-tb", "--", "-prog");
    assert_int_equal(run.r, LU_OPT_RUN);
    assert_int_equal(run.o.prog_index, 3);
    assert_true(run.o.one_insn);
    done(&run);
}

static void test_environment_defaults(void **state)
{
    Run run;
    char *env[] = { "TERN_STRACE=1", "TERN_LD_PREFIX=/gnu", "TERN_BACKEND=interp",
                    "PATH=/bin", NULL };
    PARSE(&run, env, "prog");
    assert_int_equal(run.r, LU_OPT_RUN);
    assert_true(run.o.strace);
    assert_string_equal(run.o.ld_prefix, "/gnu");
    assert_string_equal(run.o.backend, "interp");
    assert_true(has_env(&run.o, "PATH=/bin"));
    done(&run);
    /* Options override the environment. */
    char *env0[] = { "TERN_STRACE=0", "TERN_BACKEND=interp", NULL };
    PARSE(&run, env0, "-backend", "jit", "prog");
    assert_false(run.o.strace);
    assert_string_equal(run.o.backend, "jit");
    done(&run);
    char *env1[] = { "TERN_LD_PREFIX=/gnu", NULL };
    PARSE(&run, env1, "-L", "/other", "prog");
    assert_string_equal(run.o.ld_prefix, "/other");
    done(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_help_version),
        cmocka_unit_test(test_all_options),
        cmocka_unit_test(test_guest_options_untouched),
        cmocka_unit_test(test_environment_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
