/* linux-user/syscall-net.c — sockets: socket, socketpair, bind, listen,
 * accept, accept4, connect, getsockname, getpeername, sendto, recvfrom,
 * setsockopt, getsockopt, shutdown, sendmsg, recvmsg, sendmmsg, recvmmsg.
 *
 * Guest sockets are host sockets.  Checked against x86-64:
 *   socket types, SOCK_NONBLOCK/SOCK_CLOEXEC, MSG_*, SOL_SOCKET and the
 *     SO_* numbers: the asm-generic values on both (only alpha, mips,
 *     parisc, sparc and powerpc differ), so they pass unchanged.
 *   struct sockaddr_* (un, in, in6, nl): byte layouts, the same; passed
 *     in place after an access check of the length the guest gives.
 *   struct msghdr / mmsghdr: same layout but full of guest pointers:
 *     rebuilt with host pointers (lu_msghdr_to_host).
 *   struct cmsghdr (size_t len, int level, int type, data 8-aligned),
 *     ucred (3 x 32 bits), the SCM_RIGHTS fd array, timeval/timespec
 *     timestamps: the same, so the control buffer is used in place.  Guest
 *     descriptors are host descriptors, so SCM_RIGHTS needs no mapping.
 *   Socket options: plain values, except SO_ATTACH_FILTER and
 *     SO_ATTACH_REUSEPORT_CBPF whose struct sock_fprog holds a pointer.
 * AF_NETLINK sockets pass through like the rest.
 */
#include "linux-user/lu-internal.h"
#include "linux-user/syscall-xlate.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MEM(t) (&(t)->proc->mem)

_Static_assert(sizeof(LuMsghdr) == sizeof(struct msghdr) &&
               offsetof(struct msghdr, msg_flags) == offsetof(LuMsghdr, flags),
               "msghdr: same layout on both 64-bit ABIs");
_Static_assert(sizeof(LuMmsghdr) == sizeof(struct mmsghdr), "mmsghdr");
_Static_assert(sizeof(struct cmsghdr) == 16 && CMSG_ALIGN(1) == 8,
               "cmsghdr as on arm64 (16-byte header, 8-byte alignment)");
_Static_assert(SOL_SOCKET == 1 && SO_REUSEADDR == 2 && SO_RCVBUF == 8 &&
               SO_PASSCRED == 16 && SO_PEERCRED == 17 && SO_RCVTIMEO == 20,
               "SO_* values are the asm-generic ones");

static void *guest_buf(LuThread *t, uint64_t g, uint64_t len, int prot)
{
    return lu_access_ok(MEM(t), g, len, prot) ? lu_g2h(MEM(t), g) : NULL;
}

static bool opt_buf(LuThread *t, uint64_t g, uint64_t len, int prot, void **h)
{
    *h = g ? guest_buf(t, g, len, prot) : NULL;
    return !g || *h;
}

/* Largest socket address the kernel accepts (sizeof(sockaddr_storage)). */
#define LU_SOCKADDR_MAX 128

/* ---- Addresses ------------------------------------------------------------ */

/* An input address (bind, connect, sendto): len bytes readable. */
static int64_t addr_in(LuThread *t, uint64_t g, uint64_t len, void **h)
{
    if ((int)len < 0)
        return -EINVAL;
    if (len > LU_SOCKADDR_MAX)
        len = LU_SOCKADDR_MAX;     /* the kernel rejects it with EINVAL */
    return opt_buf(t, g, len, PROT_READ, h) ? 0 : -EFAULT;
}

/* An output address with its value-result length (accept, getsockname,
 * recvfrom): both NULL, or *lenp readable and writable and the address
 * writable for *lenp bytes. */
static int64_t addr_out(LuThread *t, uint64_t g, uint64_t glen, void **h,
                        void **lenp)
{
    *h = *lenp = NULL;
    if (!g)
        return 0;
    if (!(*lenp = guest_buf(t, glen, 4, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    int32_t len;
    memcpy(&len, *lenp, 4);
    if (len < 0)
        return -EINVAL;
    return (*h = guest_buf(t, g, (uint64_t)len, PROT_WRITE)) ? 0 : -EFAULT;
}

/* ---- Setup ---------------------------------------------------------------- */

int64_t lu_sys_socket(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(socket((int)a[0], (int)a[1], (int)a[2]));
}

int64_t lu_sys_socketpair(LuThread *t, const uint64_t *a)
{
    int sv[2];
    if (!guest_buf(t, a[3], sizeof(sv), PROT_WRITE))
        return -EFAULT;
    if (socketpair((int)a[0], (int)a[1], (int)a[2], sv))
        return lu_errno(errno);
    return lu_copy_to_guest(MEM(t), a[3], sv, sizeof(sv));
}

int64_t lu_sys_bind(LuThread *t, const uint64_t *a)
{
    void *sa;
    int64_t r = addr_in(t, a[1], a[2], &sa);
    return r < 0 ? r : lu_host_ret(bind((int)a[0], sa, (socklen_t)a[2]));
}

int64_t lu_sys_connect(LuThread *t, const uint64_t *a)
{
    void *sa;
    int64_t r = addr_in(t, a[1], a[2], &sa);
    if (r < 0)
        return r;
    return lu_host_ret(lu_blocking_syscall(SYS_connect, (int)a[0], sa, (socklen_t)a[2]));
}

int64_t lu_sys_listen(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(listen((int)a[0], (int)a[1]));
}

int64_t lu_sys_accept4(LuThread *t, const uint64_t *a)
{
    void *sa, *len;
    int64_t r = addr_out(t, a[1], a[2], &sa, &len);
    if (r < 0)
        return r;
    return lu_host_ret(lu_blocking_syscall(SYS_accept4, (int)a[0], sa, len, (int)a[3]));
}

int64_t lu_sys_accept(LuThread *t, const uint64_t *a)
{
    const uint64_t b[6] = { a[0], a[1], a[2], 0, 0, 0 };
    return lu_sys_accept4(t, b);
}

int64_t lu_sys_getsockname(LuThread *t, const uint64_t *a)
{
    void *sa, *len;
    int64_t r = addr_out(t, a[1], a[2], &sa, &len);
    if (r < 0)
        return r;
    return sa ? lu_host_ret(getsockname((int)a[0], sa, len)) : -EFAULT;
}

int64_t lu_sys_getpeername(LuThread *t, const uint64_t *a)
{
    void *sa, *len;
    int64_t r = addr_out(t, a[1], a[2], &sa, &len);
    if (r < 0)
        return r;
    return sa ? lu_host_ret(getpeername((int)a[0], sa, len)) : -EFAULT;
}

int64_t lu_sys_shutdown(LuThread *t, const uint64_t *a)
{
    return lu_host_ret(shutdown((int)a[0], (int)a[1]));
}

/* ---- Options -------------------------------------------------------------- */

/* The guest's struct sock_fprog: u16 len, then a guest pointer to len
 * 8-byte struct sock_filter instructions. */
typedef struct LuSockFprog {
    uint16_t len, pad[3];
    uint64_t filter;
} LuSockFprog;

static bool opt_has_fprog(int level, int name)
{
    return level == SOL_SOCKET &&
           (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF);
}

static int64_t setsockopt_fprog(LuThread *t, const uint64_t *a)
{
    LuSockFprog g;
    if (a[4] < sizeof(g))
        return -EINVAL;
    if (lu_copy_from_guest(MEM(t), &g, a[3], sizeof(g)))
        return -EFAULT;
    struct { unsigned short len; void *filter; } h = { g.len, NULL };
    if (!(h.filter = guest_buf(t, g.filter, (uint64_t)g.len * 8, PROT_READ)))
        return -EFAULT;
    return lu_host_ret(setsockopt((int)a[0], (int)a[1], (int)a[2], &h, sizeof(h)));
}

int64_t lu_sys_setsockopt(LuThread *t, const uint64_t *a)
{
    if ((int)a[4] < 0)
        return -EINVAL;
    if (opt_has_fprog((int)a[1], (int)a[2]))
        return setsockopt_fprog(t, a);
    void *val;
    if (!opt_buf(t, a[3], a[4], PROT_READ, &val))
        return -EFAULT;
    return lu_host_ret(setsockopt((int)a[0], (int)a[1], (int)a[2], val,
                                  (socklen_t)a[4]));
}

int64_t lu_sys_getsockopt(LuThread *t, const uint64_t *a)
{
    void *val, *len;
    int64_t r = addr_out(t, a[3], a[4], &val, &len);
    if (r < 0)
        return r;
    if (!len && !(len = guest_buf(t, a[4], 4, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    return lu_host_ret(getsockopt((int)a[0], (int)a[1], (int)a[2], val, len));
}

/* ---- Data ----------------------------------------------------------------- */

int64_t lu_sys_sendto(LuThread *t, const uint64_t *a)
{
    void *buf = guest_buf(t, a[1], a[2], PROT_READ), *sa;
    if (!buf)
        return -EFAULT;
    int64_t r = addr_in(t, a[4], a[5], &sa);
    if (r < 0)
        return r;
    return lu_host_ret(lu_blocking_syscall(SYS_sendto, (int)a[0], buf, (size_t)a[2],
                                           (int)a[3], sa, (socklen_t)a[5]));
}

int64_t lu_sys_recvfrom(LuThread *t, const uint64_t *a)
{
    void *buf = guest_buf(t, a[1], a[2], PROT_WRITE), *sa, *len;
    if (!buf)
        return -EFAULT;
    int64_t r = addr_out(t, a[4], a[5], &sa, &len);
    if (r < 0)
        return r;
    return lu_host_ret(lu_blocking_syscall(SYS_recvfrom, (int)a[0], buf, (size_t)a[2],
                                           (int)a[3], sa, len));
}

int64_t lu_msghdr_to_host(LuThread *t, struct msghdr *h, const LuMsghdr *g,
                          int prot)
{
    int64_t err;
    memset(h, 0, sizeof(*h));
    if ((int32_t)g->namelen < 0)
        return -EINVAL;
    if (!opt_buf(t, g->name, g->namelen, prot, &h->msg_name))
        return -EFAULT;
    h->msg_namelen = h->msg_name ? g->namelen : 0;
    if (!opt_buf(t, g->control, g->controllen, prot, &h->msg_control))
        return -EFAULT;
    h->msg_controllen = h->msg_control ? g->controllen : 0;
    h->msg_flags = g->flags;
    h->msg_iov = lu_iov_in(t, g->iov, g->iovlen, prot, &err);
    if (!h->msg_iov)
        return err == -EINVAL ? -EMSGSIZE : err;
    h->msg_iovlen = g->iovlen;
    return 0;
}

void lu_msghdr_update_guest(LuMsghdr *g, const struct msghdr *h)
{
    g->namelen = h->msg_name ? h->msg_namelen : g->namelen;
    g->controllen = h->msg_control ? h->msg_controllen : 0;
    g->flags = h->msg_flags;
}

void lu_msghdr_free(struct msghdr *h)
{
    free(h->msg_iov);
    h->msg_iov = NULL;
}

static int64_t msg_common(LuThread *t, const uint64_t *a, bool recv)
{
    LuMsghdr g;
    struct msghdr h;
    if (lu_copy_from_guest(MEM(t), &g, a[1], sizeof(g)))
        return -EFAULT;
    int64_t r = lu_msghdr_to_host(t, &h, &g, recv ? PROT_WRITE : PROT_READ);
    if (r < 0)
        return r;
    r = lu_host_ret(lu_blocking_syscall(recv ? SYS_recvmsg : SYS_sendmsg, (int)a[0], &h,
                                        (int)a[2]));
    lu_msghdr_free(&h);
    if (r < 0 || !recv)
        return r;
    lu_msghdr_update_guest(&g, &h);
    return lu_copy_to_guest(MEM(t), a[1], &g, sizeof(g)) ? -EFAULT : r;
}

int64_t lu_sys_sendmsg(LuThread *t, const uint64_t *a)
{
    return msg_common(t, a, false);
}

int64_t lu_sys_recvmsg(LuThread *t, const uint64_t *a)
{
    return msg_common(t, a, true);
}

/* ---- sendmmsg / recvmmsg -------------------------------------------------- */

#define LU_MMSG_MAX 1024    /* UIO_MAXIOV: the kernel's cap on vlen */

/* The guest's vector as host mmsghdrs; *n is how many were set up (to
 * free even on failure). */
static int64_t mmsg_in(LuThread *t, LuMmsghdr *g, struct mmsghdr *h,
                       unsigned vlen, int prot, unsigned *n)
{
    for (*n = 0; *n < vlen; (*n)++) {
        int64_t r = lu_msghdr_to_host(t, &h[*n].msg_hdr, &g[*n].hdr, prot);
        if (r < 0)
            return r;
        h[*n].msg_len = 0;
    }
    return 0;
}

static int64_t mmsg_common(LuThread *t, const uint64_t *a, bool recv)
{
    unsigned vlen = (unsigned)a[2] > LU_MMSG_MAX ? LU_MMSG_MAX : (unsigned)a[2];
    void *tmo = NULL;
    if (recv && !opt_buf(t, a[4], 16, PROT_READ | PROT_WRITE, &tmo))
        return -EFAULT;
    LuMmsghdr *g = malloc((vlen ? vlen : 1) * sizeof(*g));
    struct mmsghdr *h = calloc(vlen ? vlen : 1, sizeof(*h));
    unsigned n = 0;
    int64_t r = g && h ? 0 : -ENOMEM;
    if (!r)
        r = lu_copy_from_guest(MEM(t), g, a[1], vlen * sizeof(*g));
    if (!r)
        r = mmsg_in(t, g, h, vlen, recv ? PROT_WRITE : PROT_READ, &n);
    if (!r)
        r = lu_host_ret(recv ? lu_blocking_syscall(SYS_recvmmsg, (int)a[0], h, vlen,
                                                   (int)a[3], tmo)
                             : lu_blocking_syscall(SYS_sendmmsg, (int)a[0], h, vlen,
                                                   (int)a[3]));
    for (int64_t i = 0; i < r; i++) {
        if (recv)
            lu_msghdr_update_guest(&g[i].hdr, &h[i].msg_hdr);
        g[i].len = h[i].msg_len;
    }
    if (r > 0 && lu_copy_to_guest(MEM(t), a[1], g, (size_t)r * sizeof(*g)))
        r = -EFAULT;
    for (unsigned i = 0; i < n; i++)
        lu_msghdr_free(&h[i].msg_hdr);
    free(g);
    free(h);
    return r;
}

int64_t lu_sys_sendmmsg(LuThread *t, const uint64_t *a)
{
    return mmsg_common(t, a, false);
}

int64_t lu_sys_recvmmsg(LuThread *t, const uint64_t *a)
{
    return mmsg_common(t, a, true);
}
