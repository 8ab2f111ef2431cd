# TIMEOUT: 300
# gcc: separate compilation, a static library made with ar, the
# preprocessor alone, warnings on stderr, and a link error.
cat > lib.h <<'C'
int triangle(int n);
long collatz_steps(long n);
C
cat > lib.c <<'C'
#include "lib.h"
int triangle(int n) { return n * (n + 1) / 2; }
long collatz_steps(long n) { long s = 0; while (n != 1) { n = n % 2 ? 3 * n + 1 : n / 2; s++; } return s; }
C
cat > main.c <<'C'
#include <stdio.h>
#include "lib.h"
#define SQUARE(x) ((x) * (x))
int main(void) {
    long best = 0, arg = 0;
    for (long i = 1; i < 30000; i++) { long s = collatz_steps(i); if (s > best) { best = s; arg = i; } }
    printf("triangle(100)=%d square=%d collatz %ld steps at %ld\n", triangle(100), SQUARE(12), best, arg);
    return 0;
}
C
gcc -c -O1 lib.c -o lib.o && ar rcs libdemo.a lib.o && ar t libdemo.a
gcc -O2 main.c -L. -ldemo -o demo && ./demo
printf '#define TWICE(x) x x\nint a[N]; TWICE(long) v;\n' | gcc -E -P -DN=5 -
printf 'int main(void) { int x; return 0; }\n' > warn.c
gcc -Wall -c warn.c -o warn.o 2>&1 | grep -o "warning: unused variable 'x'"
printf 'int missing(void); int main(void) { return missing(); }\n' > bad.c
gcc bad.c -o bad 2>&1 | grep -o "undefined reference to .missing." | head -n 1
echo "status ${PIPESTATUS[0]}"
