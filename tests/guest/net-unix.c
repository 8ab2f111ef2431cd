/* AF_UNIX sockets: socketpair stream and datagram, sendmsg/recvmsg with
 * control messages (SCM_RIGHTS passing two descriptors, SCM_CREDENTIALS
 * with SO_PASSCRED), MSG_PEEK, scatter/gather iovecs, sendmmsg/recvmmsg,
 * a named socket bound in a temp dir with getsockname, shutdown, and
 * errors (EFAULT for a bad buffer, ENOTSOCK, EPIPE with MSG_NOSIGNAL). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

/* Sends "fds" with two descriptors attached. */
static int send_fds(int sock, int a, int b)
{
    char data[] = "fds";
    struct iovec iov = { data, 3 };
    union { struct cmsghdr h; char buf[CMSG_SPACE(2 * sizeof(int))]; } c;
    memset(&c, 0, sizeof(c));
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = c.buf, .msg_controllen = sizeof(c.buf) };
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
    memcpy(CMSG_DATA(cm), (int[2]){ a, b }, 2 * sizeof(int));
    return (int)sendmsg(sock, &m, 0);
}

static void test_rights(void)
{
    int sv[2];
    expect(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair stream");
    int p[2];
    expect(pipe(p) == 0, "pipe to pass");
    expect(send_fds(sv[0], p[0], p[1]) == 3, "sendmsg SCM_RIGHTS");
    char data[8] = "";
    struct iovec iov = { data, sizeof(data) };
    union { struct cmsghdr h; char buf[CMSG_SPACE(2 * sizeof(int))]; } c;
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = c.buf, .msg_controllen = sizeof(c.buf) };
    expect(recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC) == 3 && !memcmp(data, "fds", 3),
           "recvmsg data");
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    expect(cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
           cm->cmsg_len == CMSG_LEN(2 * sizeof(int)), "cmsg header");
    expect(m.msg_controllen == CMSG_SPACE(2 * sizeof(int)), "msg_controllen updated");
    expect(!(m.msg_flags & MSG_CTRUNC), "no MSG_CTRUNC");
    int got[2] = { -1, -1 };
    if (cm)
        memcpy(got, CMSG_DATA(cm), sizeof(got));
    expect(got[0] > p[1] && got[1] > p[1], "new descriptor numbers");
    expect((fcntl(got[0], F_GETFD) & FD_CLOEXEC) != 0, "MSG_CMSG_CLOEXEC applied");
    expect(write(got[1], "via", 3) == 3, "write through passed write end");
    char back[4] = "";
    expect(read(p[0], back, 3) == 3 && !memcmp(back, "via", 3), "read through original");
    close(got[0]);
    close(got[1]);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_creds(void)
{
    int sv[2];
    expect(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair dgram");
    int on = 1;
    expect(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0,
           "setsockopt SO_PASSCRED");
    int v = 0;
    socklen_t vl = sizeof(v);
    expect(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &vl) == 0 && v == 1 &&
           vl == sizeof(int), "getsockopt SO_PASSCRED");
    expect(getsockopt(sv[1], SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_DGRAM,
           "getsockopt SO_TYPE");
    expect(send(sv[0], "hello", 5, 0) == 5, "send");
    char data[16];
    struct iovec iov = { data, sizeof(data) };
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } c;
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = c.buf, .msg_controllen = sizeof(c.buf) };
    expect(recvmsg(sv[1], &m, 0) == 5, "recvmsg with credentials");
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    struct ucred uc = { 0, 0, 0 };
    if (cm && cm->cmsg_type == SCM_CREDENTIALS)
        memcpy(&uc, CMSG_DATA(cm), sizeof(uc));
    expect(uc.pid == getpid() && uc.uid == getuid() && uc.gid == getgid(),
           "SCM_CREDENTIALS: our pid, uid, gid");
    struct ucred peer;
    socklen_t pl = sizeof(peer);
    expect(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &pl) == 0 &&
           peer.pid == getpid(), "SO_PEERCRED");
    close(sv[0]);
    close(sv[1]);
}

static void test_iov_peek(void)
{
    int sv[2];
    expect(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0, "socketpair seqpacket");
    struct iovec out[3] = { { "ab", 2 }, { "cde", 3 }, { "f", 1 } };
    struct msghdr m = { .msg_iov = out, .msg_iovlen = 3 };
    expect(sendmsg(sv[0], &m, 0) == 6, "sendmsg gather 3 iovecs");
    char b1[4] = "", b2[8] = "";
    expect(recv(sv[1], b1, 3, MSG_PEEK) == 3 && !memcmp(b1, "abc", 3), "MSG_PEEK");
    struct iovec in[2] = { { b1, 4 }, { b2, 8 } };
    struct msghdr r = { .msg_iov = in, .msg_iovlen = 2 };
    expect(recvmsg(sv[1], &r, 0) == 6 && !memcmp(b1, "abcd", 4) && !memcmp(b2, "ef", 2),
           "recvmsg scatter");
    expect(send(sv[0], (void *)16, 4, 0) == -1 && errno == EFAULT, "send bad buffer: EFAULT");
    expect(send(0 + 100, "x", 1, 0) == -1 && errno == EBADF, "send on closed fd: EBADF");
    close(sv[0]);
    close(sv[1]);
}

static void test_mmsg(void)
{
    int sv[2];
    expect(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair for mmsg");
    struct iovec iov[3] = { { "one", 3 }, { "three", 5 }, { "seven!!", 7 } };
    struct mmsghdr mm[3];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 3; i++) {
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    expect(sendmmsg(sv[0], mm, 3, 0) == 3, "sendmmsg 3");
    expect(mm[0].msg_len == 3 && mm[1].msg_len == 5 && mm[2].msg_len == 7, "msg_len set");
    char bufs[3][16];
    struct iovec in[3];
    struct mmsghdr rm[3];
    memset(rm, 0, sizeof(rm));
    for (int i = 0; i < 3; i++) {
        in[i] = (struct iovec){ bufs[i], 16 };
        rm[i].msg_hdr.msg_iov = &in[i];
        rm[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec ts = { 1, 0 };
    expect(recvmmsg(sv[1], rm, 3, MSG_DONTWAIT, &ts) == 3, "recvmmsg 3");
    expect(rm[2].msg_len == 7 && !memcmp(bufs[2], "seven!!", 7), "third message");
    close(sv[0]);
    close(sv[1]);
}

static void test_named(void)
{
    char dir[200];
    snprintf(dir, sizeof(dir), "%s/sockXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    expect(mkdtemp(dir) != NULL, "mkdtemp");
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof(a.sun_path), "%s/s", dir);
    int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    expect(srv >= 0, "socket AF_UNIX");
    expect(bind(srv, (struct sockaddr *)&a, sizeof(a)) == 0, "bind path");
    expect(listen(srv, 4) == 0, "listen");
    struct stat st;
    expect(stat(a.sun_path, &st) == 0 && S_ISSOCK(st.st_mode), "socket file exists");
    struct sockaddr_un got;
    socklen_t gl = sizeof(got);
    expect(getsockname(srv, (struct sockaddr *)&got, &gl) == 0 &&
           !strcmp(got.sun_path, a.sun_path), "getsockname path");
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    expect(connect(cl, (struct sockaddr *)&a, sizeof(a)) == 0, "connect");
    int acc = accept4(srv, NULL, NULL, SOCK_NONBLOCK);
    expect(acc >= 0, "accept4");
    expect((fcntl(acc, F_GETFL) & O_NONBLOCK) != 0, "accept4 SOCK_NONBLOCK");
    char b[8];
    expect(recv(acc, b, 8, 0) == -1 && errno == EAGAIN, "recv nothing: EAGAIN");
    expect(shutdown(acc, SHUT_RDWR) == 0, "shutdown");
    expect(send(cl, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "send after shutdown: EPIPE");
    expect(connect(cl, (struct sockaddr *)&a, 1) == -1, "connect with short address fails");
    int nf = open("/dev/null", O_RDONLY);
    expect(listen(nf, 1) == -1 && errno == ENOTSOCK, "listen on a file: ENOTSOCK");
    close(nf);
    close(acc);
    close(cl);
    close(srv);
    unlink(a.sun_path);
    rmdir(dir);
}

int main(void)
{
    test_rights();
    test_creds();
    test_iov_peek();
    test_mmsg();
    test_named();
    printf("failures: %d\n", failures);
    return failures != 0;
}
