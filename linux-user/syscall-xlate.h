/* linux-user/syscall-xlate.h — guest structure layouts and their
 * translations, shared by the syscall files that own them and the unit
 * tests that pin them (tests/unit/test-lu-syscall.c).
 *
 * Only structures that differ between arm64 and the host, or that carry
 * guest pointers (which must become host pointers after an access check),
 * appear here; identical plain-data structures are passed through where
 * they are used, with their sizes pinned by _Static_assert.
 */
#ifndef TERN_LU_SYSCALL_XLATE_H
#define TERN_LU_SYSCALL_XLATE_H

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "linux-user/lu-internal.h"

/* ---- Blocking host calls -------------------------------------------------- */

/* Every host syscall that can block indefinitely (reads and writes of
 * pipes, sockets and terminals, waits, lock waits, accept, connect) is
 * made through this one name, with syscall()'s convention (-1 and errno):
 * lu_safe_syscall (signal.c), which tests for a pending guest signal and
 * enters the kernel atomically with respect to tern's host handlers
 * (QEMU's safe_syscall), so no guest signal is lost before the call. */
#define lu_blocking_syscall lu_safe_syscall

/* ---- syscall-io.c --------------------------------------------------------- */

/* arm64 struct epoll_event: 16 bytes, data at offset 8 (x86-64 packs it to
 * 12 bytes with data at offset 4). */
typedef struct LuEpollEvent {
    uint32_t events, pad;
    uint64_t data;
} LuEpollEvent;

void lu_epoll_event_to_host(struct epoll_event *h, const LuEpollEvent *g);
void lu_epoll_event_to_guest(LuEpollEvent *g, const struct epoll_event *h);

/* ---- syscall-file.c ------------------------------------------------------- */

/* The guest's iovec array (base, len: the same layout) as host iovecs whose
 * buffers are all accessible with prot.  A malloc'ed array (free it), or
 * NULL with *err = -EINVAL (cnt > IOV_MAX), -EFAULT or -ENOMEM. */
struct iovec *lu_iov_in(LuThread *t, uint64_t g, uint64_t cnt, int prot,
                        int64_t *err);

/* The name of an ioctl tern passes through ("TCGETS"), or NULL (strace). */
const char *lu_ioctl_name(uint64_t cmd);

/* ---- syscall-net.c -------------------------------------------------------- */

/* arm64 struct msghdr: the same field order and sizes as the host's on
 * x86-64, but its pointers are guest addresses. */
typedef struct LuMsghdr {
    uint64_t name;
    uint32_t namelen, pad1;
    uint64_t iov, iovlen;
    uint64_t control, controllen;
    int32_t flags, pad2;
} LuMsghdr;

/* arm64 struct mmsghdr. */
typedef struct LuMmsghdr {
    LuMsghdr hdr;
    uint32_t len, pad;
} LuMmsghdr;

/* A guest msghdr as a host one: name, iov and control checked and pointed
 * into guest memory (the control buffer's cmsghdr layout is the same on
 * both ABIs, so the host kernel reads and writes it in place).  prot is
 * PROT_READ to send, PROT_WRITE to receive.  0 or a negative guest errno;
 * on success h->msg_iov is malloc'ed (lu_msghdr_free). */
int64_t lu_msghdr_to_host(LuThread *t, struct msghdr *h, const LuMsghdr *g,
                          int prot);
/* After a receive: the lengths and flags the kernel updated. */
void lu_msghdr_update_guest(LuMsghdr *g, const struct msghdr *h);
void lu_msghdr_free(struct msghdr *h);

#endif
