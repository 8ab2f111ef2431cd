/* Terminals through a pseudo-terminal pair: posix_openpt, grantpt,
 * unlockpt, ptsname (TIOCGPTN, TIOCSPTLCK), termios (TCGETS/TCSETS*,
 * cfmakeraw, c_cc), window size (TIOCSWINSZ/TIOCGWINSZ), canonical-mode
 * line editing, FIONREAD, TCFLSH, isatty, ttyname. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int failures;

static void expect(int cond, const char *what)
{
    printf("%-44s %s\n", what, cond ? "ok" : "FAILED");
    if (!cond)
        failures++;
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no ptys here\n");
        return 0;
    }
    expect(grantpt(m) == 0, "grantpt");
    expect(unlockpt(m) == 0, "unlockpt");
    const char *name = ptsname(m);
    expect(name && !strncmp(name, "/dev/pts/", 9), "ptsname /dev/pts/N");
    int s = open(name, O_RDWR | O_NOCTTY);
    expect(s >= 0, "open slave");
    expect(isatty(s) && isatty(m), "isatty both ends");
    expect(!isatty(open("/dev/null", O_RDONLY)), "isatty /dev/null is false");
    char tn[64];
    expect(ttyname_r(s, tn, sizeof(tn)) == 0 && !strcmp(tn, name), "ttyname matches");
    struct termios t;
    expect(tcgetattr(s, &t) == 0, "tcgetattr");
    expect((t.c_lflag & ICANON) && (t.c_lflag & ECHO), "default: canonical with echo");
    t.c_lflag &= ~(tcflag_t)ECHO;
    t.c_cc[VERASE] = 0x7f;
    expect(tcsetattr(s, TCSANOW, &t) == 0, "tcsetattr TCSANOW no echo");
    expect(write(m, "abx\x7f" "c\n", 6) == 6, "type a line with an erase");
    char buf[32] = "";
    expect(read(s, buf, sizeof(buf)) == 4 && !memcmp(buf, "abc\n", 4), "canonical read: abc");
    struct termios raw = t;
    cfmakeraw(&raw);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    expect(tcsetattr(s, TCSAFLUSH, &raw) == 0, "tcsetattr raw, TCSAFLUSH");
    struct termios chk;
    expect(tcgetattr(s, &chk) == 0 && !(chk.c_lflag & ICANON) && chk.c_cc[VMIN] == 1,
           "raw mode read back");
    expect(cfsetospeed(&chk, B38400) == 0 && tcsetattr(s, TCSADRAIN, &chk) == 0 &&
           tcgetattr(s, &chk) == 0 && cfgetospeed(&chk) == B38400, "output speed 38400");
    expect(write(m, "xyz", 3) == 3, "write 3 raw bytes");
    int avail = -1;
    usleep(20000);
    expect(ioctl(s, FIONREAD, &avail) == 0 && avail == 3, "FIONREAD 3");
    expect(tcflush(s, TCIFLUSH) == 0, "tcflush TCIFLUSH");
    expect(ioctl(s, FIONREAD, &avail) == 0 && avail == 0, "flushed: FIONREAD 0");
    struct winsize ws = { .ws_row = 42, .ws_col = 132 };
    expect(ioctl(m, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ 42x132");
    struct winsize got = { 0 };
    expect(ioctl(s, TIOCGWINSZ, &got) == 0 && got.ws_row == 42 && got.ws_col == 132,
           "TIOCGWINSZ on the slave");
    expect(tcflow(s, TCOON) == 0, "tcflow TCOON");
    expect(tcgetattr(open("/dev/null", O_RDONLY), &t) == -1 && errno == ENOTTY,
           "tcgetattr on /dev/null: ENOTTY");
    int n = 0;
    expect(ioctl(m, TIOCGPTN, &n) == 0 && n == atoi(name + 9), "TIOCGPTN matches the name");
    close(s);
    close(m);
    printf("failures: %d\n", failures);
    return failures != 0;
}
