/* SysV IPC: shared memory (two attachments of one segment share bytes;
 * IPC_STAT/IPC_SET through the arm64 shmid64_ds), semaphores (SETALL,
 * GETALL, semop, semtimedop timing out, IPC_STAT of the semid64_ds that
 * x86-64 lays out differently) and message queues (typed receive, E2BIG,
 * MSG_NOERROR, IPC_STAT/IPC_SET).  Ids, pids and times vary from run to run,
 * so only what is deterministic is printed. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, int ok)
{
    printf("%-40s %s\n", what, ok ? "ok" : "FAILED");
}

static void shared_memory(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    show("shmget", id >= 0);
    char *a = shmat(id, NULL, 0);
    char *b = shmat(id, NULL, 0);
    show("shmat twice", a != (void *)-1 && b != (void *)-1 && a != b);
    show("attach page aligned", ((unsigned long)a & 4095) == 0);
    show("fresh segment is zero", a[0] == 0 && a[9999] == 0);
    for (int i = 0; i < 10000; i++)
        a[i] = (char)(i * 7);
    int same = 1;
    for (int i = 0; i < 10000; i++)
        same &= b[i] == (char)(i * 7);
    show("second attachment sees the writes", same);
    strcpy(b + 8192, "back");
    show("and the other way", strcmp(a + 8192, "back") == 0);

    struct shmid_ds ds;
    show("IPC_STAT", shmctl(id, IPC_STAT, &ds) == 0);
    printf("segsz %zu nattch %lu mode %o creator is me %d\n", ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777,
           ds.shm_cpid == getpid());
    ds.shm_perm.mode = 0640;
    show("IPC_SET", shmctl(id, IPC_SET, &ds) == 0);
    shmctl(id, IPC_STAT, &ds);
    printf("mode after IPC_SET %o\n", ds.shm_perm.mode & 0777);

    errno = 0;
    show("misaligned attach refused", shmat(id, a + 1, 0) == (void *)-1 && errno == EINVAL);
    errno = 0;
    show("attach over a mapping refused", shmat(id, a, 0) == (void *)-1 && errno == EINVAL);
    show("shmdt", shmdt(a) == 0 && shmdt(b) == 0);
    errno = 0;
    show("shmdt twice fails", shmdt(b) == -1 && errno == EINVAL);
    char *r = shmat(id, a + 100, SHM_RND | SHM_RDONLY);
    show("SHM_RND rounds down to the page", r == a);
    show("read-only attachment reads", strcmp(r + 8192, "back") == 0);
    show("shmdt it", shmdt(r) == 0);
    shmctl(id, IPC_STAT, &ds);
    printf("nattch after detach %lu\n", (unsigned long)ds.shm_nattch);
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL) == 0);
    errno = 0;
    show("attach after IPC_RMID fails", shmat(id, NULL, 0) == (void *)-1 &&
                                         (errno == EINVAL || errno == EIDRM));
    struct shminfo info;
    show("IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0 &&
                     info.shmmax > 0 && info.shmmni > 0);
}

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void semaphores(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    show("semget", id >= 0);
    unsigned short init[3] = { 1, 2, 3 }, got[3] = { 0 };
    show("SETALL", semctl(id, 0, SETALL, (union semun){ .array = init }) == 0);
    show("GETALL", semctl(id, 0, GETALL, (union semun){ .array = got }) == 0);
    printf("values %u %u %u\n", got[0], got[1], got[2]);
    struct sembuf ops[2] = { { 0, -1, 0 }, { 2, 2, 0 } };
    show("semop", semop(id, ops, 2) == 0);
    printf("GETVAL 0=%d 2=%d\n", semctl(id, 0, GETVAL), semctl(id, 2, GETVAL));
    show("GETPID is me", semctl(id, 0, GETPID) == getpid());
    struct sembuf take = { 0, -1, IPC_NOWAIT };
    errno = 0;
    show("IPC_NOWAIT on zero: EAGAIN", semop(id, &take, 1) == -1 && errno == EAGAIN);
    take.sem_flg = 0;
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    errno = 0;
    show("semtimedop times out", semtimedop(id, &take, 1, &ts) == -1 && errno == EAGAIN);
    show("SETVAL", semctl(id, 0, SETVAL, (union semun){ .val = 5 }) == 0);
    show("semtimedop succeeds", semtimedop(id, &take, 1, &ts) == 0 &&
                                semctl(id, 0, GETVAL) == 4);
    struct semid_ds ds;
    show("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) == 0);
    printf("nsems %lu mode %o otime set %d\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_otime != 0);
    ds.sem_perm.mode = 0604;
    show("IPC_SET", semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }) == 0);
    semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
    printf("mode after IPC_SET %o\n", ds.sem_perm.mode & 0777);
    show("IPC_RMID", semctl(id, 0, IPC_RMID) == 0);
    errno = 0;
    show("semop after IPC_RMID fails", semop(id, ops, 1) == -1 &&
                                       (errno == EINVAL || errno == EIDRM));
}

struct message {
    long mtype;
    char mtext[32];
};

static void message_queues(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    show("msgget", id >= 0);
    struct message m1 = { 1, "hello" }, m2 = { 2, "typed world" }, in;
    show("msgsnd x2", msgsnd(id, &m1, 6, 0) == 0 && msgsnd(id, &m2, 12, 0) == 0);
    struct msqid_ds ds;
    show("IPC_STAT", msgctl(id, IPC_STAT, &ds) == 0);
    printf("qnum %lu cbytes %lu\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes);
    ssize_t n = msgrcv(id, &in, sizeof(in.mtext), 2, 0);
    printf("by type 2: %zd \"%s\"\n", n, in.mtext);
    errno = 0;
    show("too small: E2BIG", msgrcv(id, &in, 3, 0, 0) == -1 && errno == E2BIG);
    memset(&in, 0, sizeof(in));
    n = msgrcv(id, &in, 3, 0, MSG_NOERROR);
    printf("MSG_NOERROR: %zd \"%s\" type %ld\n", n, in.mtext, in.mtype);
    errno = 0;
    show("empty: ENOMSG", msgrcv(id, &in, 32, 0, IPC_NOWAIT) == -1 && errno == ENOMSG);
    msgctl(id, IPC_STAT, &ds);
    ds.msg_qbytes = 4096;
    show("IPC_SET", msgctl(id, IPC_SET, &ds) == 0);
    msgctl(id, IPC_STAT, &ds);
    printf("qbytes %lu qnum %lu\n", (unsigned long)ds.msg_qbytes,
           (unsigned long)ds.msg_qnum);
    show("IPC_RMID", msgctl(id, IPC_RMID, NULL) == 0);
}

int main(void)
{
    shared_memory();
    semaphores();
    message_queues();
    return 0;
}
