/* AT_EXECFN and the process name after execve: the new image sees the path
 * its execve was given — with an extra "./" in it, a #! script's own path
 * (not its interpreter's), and execveat's "/dev/fd/N/name" — never the
 * host path of the translator; comm is that path's last component.
 *
 * QEMU-DEVIATION: qemu-aarch64 without binfmt_misc cannot execve an AArch64 program (ENOEXEC), Linux and tern can
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* argv: prog child MODE WANT_EXECFN. */
static int child(char **argv)
{
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    char comm[17] = "", want_comm[17];
    prctl(PR_GET_NAME, comm);
    char *copy = strdup(argv[3]);
    snprintf(want_comm, sizeof(want_comm), "%.15s", basename(copy));
    printf("%s: execfn is the path given %d, comm is its name %d\n", argv[2],
           execfn && !strcmp(execfn, argv[3]), !strcmp(comm, want_comm));
    if (execfn && strcmp(execfn, argv[3]))
        printf("  execfn %s, wanted %s\n", execfn, argv[3]);
    free(copy);
    return 0;
}

static void run(const char *mode, const char *want, int (*go)(const char *, char **))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = { "prog", "child", (char *)mode, (char *)want, NULL };
        go(want, args);
        perror("exec");
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        printf("%s: child status %#x\n", mode, st);
}

static int by_path(const char *path, char **args)
{
    args[0] = (char *)path;
    return execve(path, args, environ);
}

static char self_dir[PATH_MAX], self_base[NAME_MAX + 1];

static int by_execveat(const char *want, char **args)
{
    (void)want;
    int dfd = open(self_dir, O_RDONLY | O_DIRECTORY);   /* 3 in the child */
    return (int)syscall(SYS_execveat, dfd, self_base, args, environ, 0);
}

static int by_script(const char *script, char **args)
{
    (void)args;
    char *sargs[] = { (char *)script, NULL };
    return execve(script, sargs, environ);
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "child"))
        return child(argv);
    if (argc >= 3 && !strcmp(argv[1], "child-script")) {
        char *args[] = { argv[0], "child", "script", argv[2], NULL };
        return child(args);
    }
    char self[PATH_MAX];
    if (!realpath(argv[0], self))
        return 1;
    char *d = strdup(self), *b = strdup(self);
    snprintf(self_dir, sizeof(self_dir), "%s", dirname(d));
    snprintf(self_base, sizeof(self_base), "%s", basename(b));

    char dotted[2 * PATH_MAX];
    snprintf(dotted, sizeof(dotted), "%s/./%s", self_dir, self_base);
    run("path", dotted, by_path);

    char want[PATH_MAX + 32];
    snprintf(want, sizeof(want), "/dev/fd/3/%s", self_base);
    run("execveat", want, by_execveat);

    /* A #! script whose interpreter is this program: it runs as
     * "self child-script SCRIPT", and SCRIPT must be its AT_EXECFN. */
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char script[PATH_MAX];
    snprintf(script, sizeof(script), "%s/execfn-script", tmp);
    FILE *f = fopen(script, "w");
    if (!f)
        return 1;
    fprintf(f, "#!%s child-script\n", self);
    fclose(f);
    chmod(script, 0755);
    run("script", script, by_script);
    unlink(script);
    return 0;
}
