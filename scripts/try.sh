#!/bin/sh
# scripts/try.sh — quick start #1: installs what is missing, builds tern,
# compiles a small AArch64 program and runs it through tern.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TERN_BUILD:-$top/build}
"$top/scripts/build.sh"
mkdir -p "$build/try"
cat > "$build/try/hello.c" <<'C'
#include <stdio.h>
#include <sys/utsname.h>
int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    unsigned long long f[2] = { 0, 1 };
    for (int i = 0; i < 90; i++)
        f[i & 1] = f[0] + f[1];
    printf("hello from %s: %d args, fib(91) = %llu\n", u.machine, argc, f[0] > f[1] ? f[0] : f[1]);
    return 0;
}
C
aarch64-linux-gnu-gcc -static -O2 -o "$build/try/hello" "$build/try/hello.c"
echo "\$ tern-aarch64 $build/try/hello a b c"
"$build/tern-aarch64" "$build/try/hello" a b c
