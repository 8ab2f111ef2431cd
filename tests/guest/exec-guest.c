/* exec-guest.c — execve of AArch64 programs: this program runs itself
 * again in "child" modes by its path, through /proc/self/exe, from a #!
 * script whose interpreter it is, through execveat and fexecve, from
 * posix_spawn, and from a process with a second thread running.  The
 * child prints its argv (argv[0] must be exactly what the parent passed)
 * and an environment variable.
 *
 * QEMU-DEVIATION: qemu-aarch64 without binfmt_misc cannot execve an AArch64 program (ENOEXEC), Linux and tern can
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[PATH_MAX];

static int child(int argc, char **argv)
{
    /* A path depends on where the tests are built: only say it is one. */
    printf("  child argc=%d argv0=%s", argc, argv[0][0] == '/' ? "(a path)" : argv[0]);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    const char *v = getenv("EXEC_TEST");
    printf(" EXEC_TEST=%s\n", v ? v : "(unset)");
    return argc;
}

static void wait_child(const char *what, pid_t pid)
{
    int status;
    waitpid(pid, &status, 0);
    printf("%s: exit %d\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    fflush(stdout);
}

/* exec_fn runs in a forked child and must not return on success. */
static void in_child(const char *what, void (*exec_fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        exec_fn();
        printf("%s: exec failed: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    wait_child(what, pid);
}

static char *env1[] = { "EXEC_TEST=one", NULL };

static void by_path(void)
{
    execve(self, (char *[]){ "custom-argv0", "child", "a b", NULL }, env1);
}

static void by_proc_self_exe(void)
{
    execve("/proc/self/exe", (char *[]){ "via-proc", "child", NULL }, env1);
}

static void by_script(void)
{
    char text[PATH_MAX + 64];
    snprintf(text, sizeof(text), "#!%s child from-script\n", self);
    int fd = open("interp.sh", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, text, strlen(text));
    close(fd);
    execve("./interp.sh", (char *[]){ "ignored", "arg1", NULL }, env1);
}

static void by_execveat(void)
{
    char dir[PATH_MAX], base[PATH_MAX];
    strcpy(dir, self);
    strcpy(base, self);
    int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
    syscall(SYS_execveat, dfd, basename(base),
            (char *[]){ "at", "child", "execveat", NULL }, env1, 0);
}

static void by_fexecve(void)
{
    int fd = open(self, O_RDONLY);
    fexecve(fd, (char *[]){ "fexecve", "child", NULL }, env1);
}

static void *spin(void *arg)
{
    volatile unsigned long *n = arg;
    for (;;)
        (*n)++;
    return NULL;
}

/* execve ends every other thread of the process. */
static void from_threaded(void)
{
    static unsigned long counter;
    pthread_t th;
    pthread_create(&th, NULL, spin, &counter);
    while (!__atomic_load_n(&counter, __ATOMIC_RELAXED))
        sched_yield();
    execve(self, (char *[]){ "threaded", "child", NULL }, env1);
}

int main(int argc, char **argv)
{
    /* The script passes "child from-script" as one argument, as Linux does. */
    if (argc > 1 && !strncmp(argv[1], "child", 5))
        return child(argc, argv);
    if (getenv("EXEC_TEST") && !strcmp(getenv("EXEC_TEST"), "one")) {
        printf("a child ran the parent's code\n");
        return 99;
    }
    if (!realpath(argv[0], self)) {
        printf("realpath failed\n");
        return 1;
    }
    setenv("EXEC_TEST", "inherited", 1);
    in_child("by path", by_path);
    in_child("/proc/self/exe", by_proc_self_exe);
    in_child("script", by_script);
    in_child("execveat", by_execveat);
    in_child("fexecve", by_fexecve);
    in_child("threaded", from_threaded);

    pid_t pid;
    int r = posix_spawn(&pid, self, NULL, NULL, (char *[]){ "spawned", "child", NULL }, environ);
    printf("posix_spawn: %d\n", r);
    wait_child("posix_spawn", pid);

    errno = 0;
    execve("./no-such-program", (char *[]){ "x", NULL }, environ);
    printf("failed execve returns: %s\n", strerror(errno));
    fflush(stdout);
    execve(self, (char *[]){ "last", "child", "replaced", NULL }, environ);
    printf("not reached\n");
    return 1;
}
