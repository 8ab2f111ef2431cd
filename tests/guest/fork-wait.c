/* fork-wait.c — fork, pipes between parent and child, wait4 with rusage,
 * waitpid on a child killed by a signal, waitid's siginfo, WNOHANG, vfork,
 * getppid in the child, and a fork from a second thread (only the forking
 * thread lives on in the child). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void pipe_round_trip(void)
{
    int down[2], up[2];
    if (pipe(down) || pipe(up)) {
        printf("pipe failed\n");
        exit(1);
    }
    pid_t parent = getpid();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        char buf[64];
        ssize_t n = read(down[0], buf, sizeof(buf) - 1);
        buf[n > 0 ? n : 0] = 0;
        char reply[128];
        int len = snprintf(reply, sizeof(reply), "child got '%s', ppid ok: %s",
                           buf, getppid() == parent ? "yes" : "no");
        write(up[1], reply, (size_t)len);
        _exit(23);
    }
    close(down[0]);
    close(up[1]);
    write(down[1], "ping", 4);
    close(down[1]);
    char buf[128];
    ssize_t n = read(up[0], buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    close(up[0]);
    printf("parent read: %s\n", buf);
    int status;
    struct rusage ru;
    memset(&ru, 0xff, sizeof(ru));
    pid_t w = wait4(pid, &status, 0, &ru);
    printf("wait4: same pid %s, exited %d, status %d, rusage sane %s\n",
           w == pid ? "yes" : "no", WIFEXITED(status), WEXITSTATUS(status),
           ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 ? "yes" : "no");
}

static void killed_child(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    int status;
    printf("WNOHANG before kill: %d\n", (int)waitpid(pid, &status, WNOHANG));
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    printf("killed: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
}

static void waitid_child(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        exit(5);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    int r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    printf("waitid: r=%d signo=%s code=%s pid ok %s status %d\n", r,
           si.si_signo == SIGCHLD ? "SIGCHLD" : "?", si.si_code == CLD_EXITED ? "CLD_EXITED" : "?",
           si.si_pid == pid ? "yes" : "no", si.si_status);
    printf("no more children: %s\n",
           waitpid(-1, NULL, 0) == -1 && errno == ECHILD ? "ECHILD" : "?");
}

static void vfork_child(void)
{
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0)
        _exit(9);
    int status;
    waitpid(pid, &status, 0);
    printf("vfork child status %d\n", WEXITSTATUS(status));
}

static void *forking_thread(void *arg)
{
    (void)arg;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* Only this thread exists here; exiting it ends the child. */
        printf("child of a thread runs\n");
        fflush(stdout);
        return (void *)1;   /* ends the thread: the last one, so the process */
    }
    int status;
    waitpid(pid, &status, 0);
    return (void *)(long)(WIFEXITED(status) ? 100 + WEXITSTATUS(status) : -1);
}

int main(void)
{
    pipe_round_trip();
    killed_child();
    waitid_child();
    vfork_child();
    pthread_t th;
    void *ret;
    pthread_create(&th, NULL, forking_thread, NULL);
    pthread_join(th, &ret);
    printf("thread's child exited, thread returned %ld\n", (long)ret);
    return 0;
}
