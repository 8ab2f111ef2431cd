/* Large buffered output through stdio: thousands of lines via printf,
 * puts, putchar and fwrite, crossing the stream buffer size many times,
 * plus an unbuffered stderr message that must not reach stdout. */
#include <stdio.h>

int main(void)
{
    unsigned h = 1;
    for (int i = 0; i < 3000; i++) {
        h = h * 1103515245u + 12345u;
        printf("%04d %08x %u\n", i, h, h % 1000);
    }
    for (int i = 0; i < 500; i++)
        puts(i % 2 ? "odd line via puts" : "even line via puts");
    for (int i = 0; i < 4096; i++)
        putchar(i % 64 == 63 ? '\n' : 'a' + i % 26);
    static char block[10000];
    for (int i = 0; i < 10000; i++)
        block[i] = i % 100 == 99 ? '\n' : '0' + i % 10;
    fwrite(block, 1, sizeof(block), stdout);
    fprintf(stderr, "this goes to stderr\n");
    printf("done\n");
    return 0;
}
