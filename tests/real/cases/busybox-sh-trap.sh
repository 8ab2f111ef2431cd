# RUN: busybox sh
# busybox sh: traps, functions, case, signals to itself and a child.
trap 'echo "exit trap $?"' EXIT
trap 'echo "got HUP"' HUP
kill -HUP $$
echo "after HUP"
classify() {
    case $1 in
    [0-9]*) echo "$1 number" ;;
    *.txt) echo "$1 text" ;;
    *) echo "$1 other" ;;
    esac
}
for w in 42 notes.txt x; do classify "$w"; done
busybox sh -c 'kill -TERM $$'; echo "child killed: $?"
( trap 'echo "sub INT"; exit 3' INT; busybox sh -c 'kill -INT $PPID'; busybox sleep 1; echo no )
echo "subshell $?"
exit 2
