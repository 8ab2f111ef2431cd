/* tests/unit/test-lu-path.c — guest paths under a -L sysroot, and the
 * names /proc emulation answers to.
 *
 * A temporary sysroot holds a file, a directory and a dangling symlink;
 * lu_sysroot_path() must pick the sysroot's copy exactly when one exists
 * (lstat: the dangling link counts), leave relative paths, "/" and paths
 * missing from the sysroot alone, and never overflow its buffer.
 */
#define _GNU_SOURCE 1
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "linux-user/lu-internal.h"

typedef struct Root {
    char dir[64];
    char path[4][128];          /* what setup created, for teardown */
} Root;

static int setup(void **state)
{
    Root *r = calloc(1, sizeof(*r));
    if (!r)
        return -1;
    snprintf(r->dir, sizeof(r->dir), "/tmp/test-lu-path-%d", (int)getpid());
    snprintf(r->path[0], sizeof(r->path[0]), "%s/etc", r->dir);
    snprintf(r->path[1], sizeof(r->path[1]), "%s/etc/only-in-root", r->dir);
    snprintf(r->path[2], sizeof(r->path[2]), "%s/etc/dangling", r->dir);
    if (mkdir(r->dir, 0755) || mkdir(r->path[0], 0755))
        return -1;
    FILE *f = fopen(r->path[1], "w");
    if (!f)
        return -1;
    fclose(f);
    if (symlink("/nonexistent/target", r->path[2]))
        return -1;
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    Root *r = *state;
    unlink(r->path[2]);
    unlink(r->path[1]);
    rmdir(r->path[0]);
    rmdir(r->dir);
    free(r);
    return 0;
}

static void test_sysroot_lookup(void **state)
{
    Root *r = *state;
    char buf[PATH_MAX], want[PATH_MAX];
    snprintf(want, sizeof(want), "%s/etc/only-in-root", r->dir);
    assert_string_equal(lu_sysroot_path(r->dir, "/etc/only-in-root", buf, sizeof(buf)), want);
    snprintf(want, sizeof(want), "%s/etc", r->dir);
    assert_string_equal(lu_sysroot_path(r->dir, "/etc", buf, sizeof(buf)), want);
    snprintf(want, sizeof(want), "%s/etc/dangling", r->dir);
    assert_string_equal(lu_sysroot_path(r->dir, "/etc/dangling", buf, sizeof(buf)), want);
    /* Not in the sysroot: the host's path, unchanged. */
    assert_string_equal(lu_sysroot_path(r->dir, "/etc/passwd", buf, sizeof(buf)), "/etc/passwd");
    assert_string_equal(lu_sysroot_path(r->dir, "/no/such", buf, sizeof(buf)), "/no/such");
}

static void test_sysroot_untouched(void **state)
{
    Root *r = *state;
    char buf[PATH_MAX];
    const char *rel = "etc/only-in-root";
    assert_ptr_equal(lu_sysroot_path(r->dir, rel, buf, sizeof(buf)), rel);
    assert_string_equal(lu_sysroot_path(r->dir, "/", buf, sizeof(buf)), "/");
    assert_string_equal(lu_sysroot_path(NULL, "/etc", buf, sizeof(buf)), "/etc");
    assert_string_equal(lu_sysroot_path("", "/etc", buf, sizeof(buf)), "/etc");
    assert_string_equal(lu_sysroot_path("/", "/etc", buf, sizeof(buf)), "/etc");
    /* A buffer too small for sysroot + path falls back, never truncates. */
    char tiny[8];
    assert_string_equal(lu_sysroot_path(r->dir, "/etc/only-in-root", tiny, sizeof(tiny)),
                        "/etc/only-in-root");
}

static void test_lu_path_exe(void **state)
{
    Root *r = *state;
    char buf[PATH_MAX], own[64];
    LuProcess p = { .exe_path = "/host/prog", .ld_prefix = r->dir };
    assert_string_equal(lu_path(&p, "/proc/self/exe", buf, sizeof(buf)), "/host/prog");
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    assert_string_equal(lu_path(&p, own, buf, sizeof(buf)), "/host/prog");
    assert_string_equal(lu_path(&p, "/proc/1/exe", buf, sizeof(buf)), "/proc/1/exe");
    assert_string_equal(lu_path(&p, "/proc/self/exe/", buf, sizeof(buf)), "/proc/self/exe/");
}

static void test_proc_is_self(void **state)
{
    (void)state;
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/maps", (int)getpid());
    assert_true(lu_proc_is_self("/proc/self/maps", "maps"));
    assert_true(lu_proc_is_self("/proc/thread-self/maps", "maps"));
    assert_true(lu_proc_is_self(own, "maps"));
    assert_false(lu_proc_is_self("/proc/self/maps", "auxv"));
    assert_false(lu_proc_is_self("/proc/self/mapsx", "maps"));
    assert_false(lu_proc_is_self("/proc/selfmaps", "maps"));
    assert_false(lu_proc_is_self("/proc/1/maps", "maps"));
    assert_false(lu_proc_is_self("proc/self/maps", "maps"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sysroot_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sysroot_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lu_path_exe, setup, teardown),
        cmocka_unit_test(test_proc_is_self),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
