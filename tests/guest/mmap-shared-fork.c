/* Shared mappings across fork(): a child's stores into MAP_SHARED memory
 * (anonymous, and a file mapping) are seen by the parent, its stores into
 * MAP_PRIVATE memory are not, and a SysV shm segment attached before the
 * fork is shared too.  Needs fork (the threads/process branch). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static void show(const char *what, int ok)
{
    printf("%-40s %s\n", what, ok ? "ok" : "FAILED");
}

int main(void)
{
    char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char path[] = "/tmp/mmap-fork-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, PAGE))
        return 2;
    unlink(path);
    char *file = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
    char *shm = shmat(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);             /* gone once both detach */
    strcpy(private, "parent");
    for (int round = 0; round < 10; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            sprintf(shared, "child %d", round);
            sprintf(file, "file %d", round);
            sprintf(shm, "shm %d", round);
            strcpy(private, "child");
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        char want[32], buf[32] = { 0 };
        sprintf(want, "child %d", round);
        int ok = strcmp(shared, want) == 0;
        sprintf(want, "file %d", round);
        ok &= strcmp(file, want) == 0 && pread(fd, buf, 6, 0) == 6 && strcmp(buf, want) == 0;
        sprintf(want, "shm %d", round);
        ok &= strcmp(shm, want) == 0 && strcmp(private, "parent") == 0;
        if (!ok || round == 9)
            printf("round %d: %s / %s / %s / %s\n", round, shared, file, shm, private);
    }
    show("MAP_SHARED anonymous shared with child", strcmp(shared, "child 9") == 0);
    show("MAP_SHARED file shared with child", strcmp(file, "file 9") == 0);
    show("shm shared with child", strcmp(shm, "shm 9") == 0);
    show("MAP_PRIVATE not shared", strcmp(private, "parent") == 0);
    shmdt(shm);
    return 0;
}
