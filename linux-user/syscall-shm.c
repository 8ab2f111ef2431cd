/* linux-user/syscall-shm.c — SysV IPC: shared memory, semaphores, message
 * queues.
 *
 * Keys, ids, flags, command numbers and permission bits are the same for
 * arm64 and x86-64, so the calls go to the host as they are; what differs
 * is memory.  Attaching a segment places it inside the guest space (mmap.c
 * keeps the page table), and the *id_ds structures are the asm-generic
 * 64-bit ones on arm64: x86-64 agrees for shm and msg, but its semid64_ds
 * has a padding word after each time and its ipc64_perm has a 16-bit mode.
 * So every structure is translated field by field between the guest's
 * LuIpc* layouts and glibc's host ones, never copied whole.
 *
 * The guest's command may carry IPC_64 (0x100, which glibc sets on some
 * architectures): arm64 always uses the 64-bit layouts, so it is dropped.
 */
#include "linux-user/lu-internal.h"

#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>

#define MEM(t) (&(t)->proc->mem)
#define LU_IPC_64 0x100

/* ---- Guest structures (asm-generic, 64-bit) ------------------------------- */

typedef struct LuIpcPerm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid, mode;
    uint16_t seq, pad2;
    uint32_t pad3;
    uint64_t unused1, unused2;
} LuIpcPerm;

typedef struct LuShmidDs {
    LuIpcPerm perm;
    uint64_t segsz;
    int64_t atime, dtime, ctime;
    int32_t cpid, lpid;
    uint64_t nattch, unused4, unused5;
} LuShmidDs;

typedef struct LuSemidDs {
    LuIpcPerm perm;
    int64_t otime, ctime;
    uint64_t nsems, unused3, unused4;
} LuSemidDs;

typedef struct LuMsqidDs {
    LuIpcPerm perm;
    int64_t stime, rtime, ctime;
    uint64_t cbytes, qnum, qbytes;
    int32_t lspid, lrpid;
    uint64_t unused4, unused5;
} LuMsqidDs;

_Static_assert(sizeof(LuIpcPerm) == 48, "arm64 ipc64_perm");
_Static_assert(sizeof(LuShmidDs) == 112, "arm64 shmid64_ds");
_Static_assert(sizeof(LuSemidDs) == 88, "arm64 semid64_ds");
_Static_assert(sizeof(LuMsqidDs) == 120, "arm64 msqid64_ds");

/* The kernel's semctl argument; glibc leaves its declaration to callers. */
union lu_semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

static void perm_to_guest(LuIpcPerm *g, const struct ipc_perm *h)
{
    memset(g, 0, sizeof(*g));
    g->key = h->__key;
    g->uid = h->uid;
    g->gid = h->gid;
    g->cuid = h->cuid;
    g->cgid = h->cgid;
    g->mode = h->mode;
    g->seq = h->__seq;
}

/* IPC_SET reads only uid, gid and mode. */
static void perm_to_host(struct ipc_perm *h, const LuIpcPerm *g)
{
    h->uid = g->uid;
    h->gid = g->gid;
    h->mode = (unsigned short)g->mode;
}

static int64_t copy_out(LuThread *t, uint64_t dst, const void *src, size_t len)
{
    return lu_copy_to_guest(MEM(t), dst, src, len);
}

/* ---- Shared memory -------------------------------------------------------- */

int64_t lu_sys_shmget(LuThread *t, const uint64_t *a)
{
    (void)t;
    return lu_host_ret(shmget((key_t)a[0], (size_t)a[1], (int)a[2]));
}

int64_t lu_sys_shmat(LuThread *t, const uint64_t *a)
{
    struct shmid_ds ds;
    if (shmctl((int)a[0], IPC_STAT, &ds))
        return lu_errno(errno);
    return lu_mem_shmat(MEM(t), (int)a[0], a[1], ds.shm_segsz, (int)a[2]);
}

int64_t lu_sys_shmdt(LuThread *t, const uint64_t *a)
{
    return lu_mem_shmdt(MEM(t), a[0]);
}

static void shmid_to_guest(LuShmidDs *g, const struct shmid_ds *h)
{
    memset(g, 0, sizeof(*g));
    perm_to_guest(&g->perm, &h->shm_perm);
    g->segsz = h->shm_segsz;
    g->atime = h->shm_atime;
    g->dtime = h->shm_dtime;
    g->ctime = h->shm_ctime;
    g->cpid = h->shm_cpid;
    g->lpid = h->shm_lpid;
    g->nattch = h->shm_nattch;
}

/* IPC_INFO: struct shminfo64, nine unsigned longs on both sides. */
static int64_t shm_info_out(LuThread *t, int cmd, uint64_t buf)
{
    union { struct shminfo ipc; struct shm_info shm; } h;
    memset(&h, 0, sizeof(h));
    int r = shmctl(0, cmd, (struct shmid_ds *)&h);
    if (r < 0)
        return lu_errno(errno);
    uint64_t g[9] = { 0 };
    if (cmd == IPC_INFO) {
        g[0] = h.ipc.shmmax; g[1] = h.ipc.shmmin; g[2] = h.ipc.shmmni;
        g[3] = h.ipc.shmseg; g[4] = h.ipc.shmall;
    } else {                /* SHM_INFO: int used_ids, then five ulongs */
        uint32_t used = (uint32_t)h.shm.used_ids;
        memcpy(&g[0], &used, 4);
        g[1] = h.shm.shm_tot; g[2] = h.shm.shm_rss; g[3] = h.shm.shm_swp;
        g[4] = h.shm.swap_attempts; g[5] = h.shm.swap_successes;
    }
    size_t len = cmd == IPC_INFO ? 9 * 8 : 6 * 8;
    int64_t c = copy_out(t, buf, g, len);
    return c < 0 ? c : r;
}

int64_t lu_sys_shmctl(LuThread *t, const uint64_t *a)
{
    int id = (int)a[0], cmd = (int)a[1] & ~LU_IPC_64;
    uint64_t buf = a[2];
    struct shmid_ds h;
    LuShmidDs g;
    switch (cmd) {
    case IPC_STAT: case SHM_STAT: case SHM_STAT_ANY: {
        int r = shmctl(id, cmd, &h);
        if (r < 0)
            return lu_errno(errno);
        shmid_to_guest(&g, &h);
        int64_t c = copy_out(t, buf, &g, sizeof(g));
        return c < 0 ? c : r;
    }
    case IPC_SET:
        if (lu_copy_from_guest(MEM(t), &g, buf, sizeof(g)))
            return -EFAULT;
        memset(&h, 0, sizeof(h));
        perm_to_host(&h.shm_perm, &g.perm);
        return lu_host_ret(shmctl(id, cmd, &h));
    case IPC_INFO: case SHM_INFO:
        return shm_info_out(t, cmd, buf);
    case IPC_RMID: case SHM_LOCK: case SHM_UNLOCK:
        return lu_host_ret(shmctl(id, cmd, NULL));
    default:
        return -EINVAL;
    }
}

/* ---- Semaphores ----------------------------------------------------------- */

int64_t lu_sys_semget(LuThread *t, const uint64_t *a)
{
    (void)t;
    return lu_host_ret(semget((key_t)a[0], (int)a[1], (int)a[2]));
}

/* struct sembuf (u16 num, s16 op, s16 flg) is the same on both sides. */
static int64_t do_semop(LuThread *t, int id, uint64_t sops, uint64_t nsops,
                        const struct timespec *ts)
{
    if (nsops > 65536)          /* above any SEMOPM: the kernel's E2BIG */
        return -E2BIG;
    size_t len = (size_t)nsops * sizeof(struct sembuf);
    if (!lu_access_ok(MEM(t), sops, len, PROT_READ))
        return -EFAULT;
    struct sembuf *s = lu_g2h(MEM(t), sops);
    return lu_host_ret(ts ? semtimedop(id, s, (size_t)nsops, ts)
                          : semop(id, s, (size_t)nsops));
}

int64_t lu_sys_semop(LuThread *t, const uint64_t *a)
{
    return do_semop(t, (int)a[0], a[1], a[2], NULL);
}

int64_t lu_sys_semtimedop(LuThread *t, const uint64_t *a)
{
    struct { int64_t sec, nsec; } g;
    if (!a[3])
        return do_semop(t, (int)a[0], a[1], a[2], NULL);
    if (lu_copy_from_guest(MEM(t), &g, a[3], sizeof(g)))
        return -EFAULT;
    struct timespec ts = { .tv_sec = g.sec, .tv_nsec = g.nsec };
    return do_semop(t, (int)a[0], a[1], a[2], &ts);
}

static void semid_to_guest(LuSemidDs *g, const struct semid_ds *h)
{
    memset(g, 0, sizeof(*g));
    perm_to_guest(&g->perm, &h->sem_perm);
    g->otime = h->sem_otime;
    g->ctime = h->sem_ctime;
    g->nsems = h->sem_nsems;
}

/* GETALL / SETALL: the array's length is the set's sem_nsems. */
static int64_t sem_array(LuThread *t, int id, int cmd, uint64_t arr)
{
    struct semid_ds ds;
    union lu_semun u = { .buf = &ds };
    if (semctl(id, 0, IPC_STAT, u) < 0)
        return lu_errno(errno);
    size_t len = ds.sem_nsems * sizeof(unsigned short);
    if (!lu_access_ok(MEM(t), arr, len, cmd == GETALL ? PROT_WRITE : PROT_READ))
        return -EFAULT;
    u.array = lu_g2h(MEM(t), arr);
    return lu_host_ret(semctl(id, 0, cmd, u));
}

static int64_t sem_stat(LuThread *t, int id, int num, int cmd, uint64_t buf)
{
    struct semid_ds h;
    union lu_semun u = { .buf = &h };
    int r = semctl(id, num, cmd, u);
    if (r < 0)
        return lu_errno(errno);
    LuSemidDs g;
    semid_to_guest(&g, &h);
    int64_t c = copy_out(t, buf, &g, sizeof(g));
    return c < 0 ? c : r;
}

static int64_t sem_set(LuThread *t, int id, uint64_t buf)
{
    LuSemidDs g;
    if (lu_copy_from_guest(MEM(t), &g, buf, sizeof(g)))
        return -EFAULT;
    struct semid_ds h;
    memset(&h, 0, sizeof(h));
    perm_to_host(&h.sem_perm, &g.perm);
    union lu_semun u = { .buf = &h };
    return lu_host_ret(semctl(id, 0, IPC_SET, u));
}

/* IPC_INFO / SEM_INFO: struct seminfo, ten ints on both sides. */
static int64_t sem_info(LuThread *t, int cmd, uint64_t buf)
{
    struct seminfo h;
    union lu_semun u = { .info = &h };
    int r = semctl(0, 0, cmd, u);
    if (r < 0)
        return lu_errno(errno);
    int32_t g[10] = { h.semmap, h.semmni, h.semmns, h.semmnu, h.semmsl,
                      h.semopm, h.semume, h.semusz, h.semvmx, h.semaem };
    int64_t c = copy_out(t, buf, g, sizeof(g));
    return c < 0 ? c : r;
}

/* The fourth argument is the union semun passed by value: an int for
 * SETVAL, a guest pointer otherwise. */
int64_t lu_sys_semctl(LuThread *t, const uint64_t *a)
{
    int id = (int)a[0], num = (int)a[1], cmd = (int)a[2] & ~LU_IPC_64;
    union lu_semun u = { .val = (int)a[3] };
    switch (cmd) {
    case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY:
        return sem_stat(t, id, num, cmd, a[3]);
    case IPC_SET:
        return sem_set(t, id, a[3]);
    case IPC_INFO: case SEM_INFO:
        return sem_info(t, cmd, a[3]);
    case GETALL: case SETALL:
        return sem_array(t, id, cmd, a[3]);
    case IPC_RMID: case GETVAL: case GETPID: case GETNCNT: case GETZCNT:
    case SETVAL:
        return lu_host_ret(semctl(id, num, cmd, u));
    default:
        return -EINVAL;
    }
}

/* ---- Message queues ------------------------------------------------------- */

int64_t lu_sys_msgget(LuThread *t, const uint64_t *a)
{
    (void)t;
    return lu_host_ret(msgget((key_t)a[0], (int)a[1]));
}

/* struct msgbuf is { long mtype; char mtext[]; } on both sides. */
int64_t lu_sys_msgsnd(LuThread *t, const uint64_t *a)
{
    if ((int64_t)a[2] < 0)
        return -EINVAL;
    if (!lu_access_ok(MEM(t), a[1], 8 + a[2], PROT_READ))
        return -EFAULT;
    return lu_host_ret(msgsnd((int)a[0], lu_g2h(MEM(t), a[1]), (size_t)a[2], (int)a[3]));
}

int64_t lu_sys_msgrcv(LuThread *t, const uint64_t *a)
{
    if ((int64_t)a[2] < 0)
        return -EINVAL;
    if (!lu_access_ok(MEM(t), a[1], 8 + a[2], PROT_WRITE))
        return -EFAULT;
    return lu_host_ret(msgrcv((int)a[0], lu_g2h(MEM(t), a[1]), (size_t)a[2],
                              (long)a[3], (int)a[4]));
}

static void msqid_to_guest(LuMsqidDs *g, const struct msqid_ds *h)
{
    memset(g, 0, sizeof(*g));
    perm_to_guest(&g->perm, &h->msg_perm);
    g->stime = h->msg_stime;
    g->rtime = h->msg_rtime;
    g->ctime = h->msg_ctime;
    g->cbytes = h->__msg_cbytes;
    g->qnum = h->msg_qnum;
    g->qbytes = h->msg_qbytes;
    g->lspid = h->msg_lspid;
    g->lrpid = h->msg_lrpid;
}

/* IPC_INFO / MSG_INFO: struct msginfo, eight ints on both sides. */
static int64_t msg_info(LuThread *t, int cmd, uint64_t buf)
{
    struct msginfo h;
    int r = msgctl(0, cmd, (struct msqid_ds *)&h);
    if (r < 0)
        return lu_errno(errno);
    int32_t g[8] = { h.msgpool, h.msgmap, h.msgmax, h.msgmnb, h.msgmni,
                     h.msgssz, h.msgtql, (int32_t)h.msgseg };
    int64_t c = copy_out(t, buf, g, sizeof(g));
    return c < 0 ? c : r;
}

int64_t lu_sys_msgctl(LuThread *t, const uint64_t *a)
{
    int id = (int)a[0], cmd = (int)a[1] & ~LU_IPC_64;
    struct msqid_ds h;
    LuMsqidDs g;
    switch (cmd) {
    case IPC_STAT: case MSG_STAT: case MSG_STAT_ANY: {
        int r = msgctl(id, cmd, &h);
        if (r < 0)
            return lu_errno(errno);
        msqid_to_guest(&g, &h);
        int64_t c = copy_out(t, a[2], &g, sizeof(g));
        return c < 0 ? c : r;
    }
    case IPC_SET:
        if (lu_copy_from_guest(MEM(t), &g, a[2], sizeof(g)))
            return -EFAULT;
        memset(&h, 0, sizeof(h));
        perm_to_host(&h.msg_perm, &g.perm);
        h.msg_qbytes = g.qbytes;
        return lu_host_ret(msgctl(id, cmd, &h));
    case IPC_INFO: case MSG_INFO:
        return msg_info(t, cmd, a[2]);
    case IPC_RMID:
        return lu_host_ret(msgctl(id, cmd, NULL));
    default:
        return -EINVAL;
    }
}
