/* TCP and UDP on loopback: a listening socket bound to 127.0.0.1 port 0,
 * getsockname for the port the kernel chose, connect, accept, an echo of
 * 64 KiB in pieces through poll, socket options (SO_REUSEADDR, TCP_NODELAY,
 * SO_RCVTIMEO with a struct timeval, SO_LINGER, SO_ERROR), getpeername,
 * UDP sendto/recvfrom with source addresses, and IPv6 loopback when the
 * host has it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* Echoes what arrives on s until n bytes went back. */
static int pump(int cl, int srv_side, const char *data, int n)
{
    int sent = 0, echoed = 0, back = 0;
    char buf[4096];
    static char got[65536];
    while (back < n) {
        struct pollfd p[2] = { { cl, POLLIN | (sent < n ? POLLOUT : 0), 0 },
                               { srv_side, POLLIN, 0 } };
        if (poll(p, 2, 5000) <= 0)
            return -1;
        if ((p[0].revents & POLLOUT) && sent < n) {
            int k = (int)send(cl, data + sent, n - sent > 3000 ? 3000 : n - sent, 0);
            sent += k > 0 ? k : 0;
        }
        if (p[1].revents & POLLIN) {
            int k = (int)recv(srv_side, buf, sizeof(buf), 0);
            if (k > 0 && send(srv_side, buf, k, 0) == k)
                echoed += k;
        }
        if (p[0].revents & POLLIN) {
            int k = (int)recv(cl, got + back, sizeof(got) - back, 0);
            back += k > 0 ? k : 0;
        }
    }
    return echoed == n && !memcmp(got, data, n) ? n : -2;
}

static void test_tcp(void)
{
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    expect(srv >= 0, "socket AF_INET stream");
    int on = 1;
    expect(setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == 0, "SO_REUSEADDR");
    struct sockaddr_in a = loopback(0);
    expect(bind(srv, (struct sockaddr *)&a, sizeof(a)) == 0, "bind 127.0.0.1:0");
    expect(listen(srv, 8) == 0, "listen");
    socklen_t al = sizeof(a);
    expect(getsockname(srv, (struct sockaddr *)&a, &al) == 0 && al == sizeof(a) &&
           a.sin_family == AF_INET && ntohs(a.sin_port) != 0 &&
           a.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "getsockname: loopback, port != 0");
    int cl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    expect(connect(cl, (struct sockaddr *)&a, sizeof(a)) == 0, "connect");
    struct sockaddr_in peer;
    socklen_t pl = sizeof(peer);
    int acc = accept(srv, (struct sockaddr *)&peer, &pl);
    expect(acc >= 0 && pl == sizeof(peer) && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           "accept with peer address");
    struct sockaddr_in me, them;
    socklen_t ml = sizeof(me), tl = sizeof(them);
    expect(getsockname(cl, (struct sockaddr *)&me, &ml) == 0 &&
           getpeername(acc, (struct sockaddr *)&them, &tl) == 0 &&
           me.sin_port == them.sin_port, "client port seen by both ends");
    expect(setsockopt(cl, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == 0, "TCP_NODELAY");
    int v = 0;
    socklen_t vl = sizeof(v);
    expect(getsockopt(cl, IPPROTO_TCP, TCP_NODELAY, &v, &vl) == 0 && v != 0, "get TCP_NODELAY");
    struct timeval tv = { 0, 200000 };
    expect(setsockopt(acc, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
    struct timeval tv2 = { 0, 0 };
    socklen_t tvl = sizeof(tv2);
    expect(getsockopt(acc, SOL_SOCKET, SO_RCVTIMEO, &tv2, &tvl) == 0 && tvl == sizeof(tv2) &&
           tv2.tv_sec == 0 && tv2.tv_usec >= 190000, "get SO_RCVTIMEO (timeval)");
    char b;
    expect(recv(acc, &b, 1, 0) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK),
           "recv times out: EAGAIN");
    static char data[65536];
    for (int i = 0; i < (int)sizeof(data); i++)
        data[i] = (char)(i * 7 + (i >> 8));
    expect(pump(cl, acc, data, sizeof(data)) == (int)sizeof(data), "echo 64 KiB");
    struct linger lg = { 1, 0 };
    expect(setsockopt(cl, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0, "SO_LINGER");
    expect(getsockopt(cl, SOL_SOCKET, SO_ERROR, &v, &vl) == 0 && v == 0, "SO_ERROR 0");
    close(cl);
    close(acc);
    close(srv);
    int c2 = socket(AF_INET, SOCK_STREAM, 0);
    expect(connect(c2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == ECONNREFUSED,
           "connect to closed port: ECONNREFUSED");
    close(c2);
}

static void test_udp(void)
{
    int s1 = socket(AF_INET, SOCK_DGRAM, 0), s2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a1 = loopback(0), a2 = loopback(0);
    socklen_t l = sizeof(a1);
    expect(bind(s1, (struct sockaddr *)&a1, l) == 0 && bind(s2, (struct sockaddr *)&a2, l) == 0,
           "bind two UDP sockets");
    getsockname(s1, (struct sockaddr *)&a1, &l);
    getsockname(s2, (struct sockaddr *)&a2, &l);
    expect(sendto(s1, "datagram", 8, 0, (struct sockaddr *)&a2, sizeof(a2)) == 8, "sendto");
    char buf[32];
    struct sockaddr_in from;
    socklen_t fl = sizeof(from);
    expect(recvfrom(s2, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl) == 8 &&
           !memcmp(buf, "datagram", 8), "recvfrom data");
    expect(fl == sizeof(from) && from.sin_port == a1.sin_port, "recvfrom source address");
    expect(sendto(s1, "x", 1, 0, (struct sockaddr *)&a2, 3) == -1 && errno == EINVAL,
           "sendto short address: EINVAL");
    close(s1);
    close(s2);
}

static void test_inet6(void)
{
    int s = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
        printf("%-44s %s\n", "IPv6 loopback", "ok");     /* host without IPv6 */
        if (s >= 0)
            close(s);
        return;
    }
    socklen_t l = sizeof(a);
    expect(listen(s, 1) == 0 && getsockname(s, (struct sockaddr *)&a, &l) == 0 &&
           l == sizeof(a) && a.sin6_port != 0, "IPv6 loopback");
    close(s);
}

int main(void)
{
    test_tcp();
    test_udp();
    test_inet6();
    printf("failures: %d\n", failures);
    return failures != 0;
}
