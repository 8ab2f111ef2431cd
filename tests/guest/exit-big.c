/* _exit with a status above 255 keeps only the low byte (300 -> 44), and
 * output written with write(2) before it is not lost. */
#include <string.h>
#include <unistd.h>

int main(void)
{
    const char msg[] = "calling _exit(300)\n";
    write(1, msg, strlen(msg));
    _exit(300);
}
