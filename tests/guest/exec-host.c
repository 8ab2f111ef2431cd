/* exec-host.c — execve of host programs and of #! scripts, system() and
 * posix_spawn, and the errors execve reports (ENOENT, EACCES, ENOEXEC).
 * Everything exec'd here is a host program (/bin/echo, /bin/sh, env), so
 * qemu-aarch64 runs the same cases natively and is a fair reference. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
}

/* Runs execve(path, argv, envp) in a child; prints how it ended. */
static void run(const char *what, const char *path, char *const argv[], char *const envp[])
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, argv, envp);
        printf("%s: execve failed: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("%s: exit %d\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void errors(void)
{
    char *argv[] = { "x", NULL };
    const char *paths[] = { "./does-not-exist", "./data.txt", "./garbage", ".",
                            "./bad-interp.sh", "/does/not/exist" };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        errno = 0;
        int r = execve(paths[i], argv, environ);
        printf("execve %s: %d %s\n", paths[i], r, strerror(errno));
    }
}

int main(void)
{
    char *env[] = { "FOO=bar", "ANSWER=42", NULL };
    write_file("data.txt", "just data\n", 0644);
    write_file("garbage", "\x01\x02\x03 not a program\n", 0755);
    write_file("script.sh", "#!/bin/sh\necho \"script: $0 [$*] FOO=$FOO\"\nexit 3\n", 0755);
    write_file("script-arg.sh", "#!  /bin/sh   -e  \necho \"with arg: $*\"\nfalse\necho not reached\n", 0755);
    write_file("bad-interp.sh", "#!/no/such/interpreter\n", 0755);

    run("echo", "/bin/echo", (char *[]){ "echo", "hello", "from", "echo", NULL }, env);
    run("env", "/usr/bin/env", (char *[]){ "env", NULL }, env);
    run("script", "./script.sh", (char *[]){ "script.sh", "a", "b c", NULL }, env);
    run("script-arg", "./script-arg.sh", (char *[]){ "whatever", "x", "y", NULL }, env);
    errors();

    fflush(stdout);
    int st = system("echo system says hi; exit 4");
    printf("system: exit %d\n", WEXITSTATUS(st));

    pid_t pid;
    char *sargv[] = { "echo", "spawned", NULL };
    int r = posix_spawn(&pid, "/bin/echo", NULL, NULL, sargv, environ);
    waitpid(pid, &st, 0);
    printf("posix_spawn: %d, exit %d\n", r, WEXITSTATUS(st));
    r = posix_spawnp(&pid, "sh", NULL, NULL, (char *[]){ "sh", "-c", "exit 6", NULL }, environ);
    waitpid(pid, &st, 0);
    printf("posix_spawnp: %d, exit %d\n", r, WEXITSTATUS(st));
    return 0;
}
