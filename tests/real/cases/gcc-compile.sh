# TIMEOUT: 300
# The gcc driver compiling and linking a C program (cpp, cc1, as, collect2,
# ld), then the program itself; the guest builds and runs an AArch64 one.
gcc -O2 -Wall -o hello hello.c -lm
echo "gcc status $?"
./hello one two; echo "program status $?"
