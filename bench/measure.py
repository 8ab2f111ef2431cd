#!/usr/bin/env python3
"""bench/measure.py OUT LOOPS COMMAND — run COMMAND (one string, split like
a shell would split it: quotes group words, nothing else is interpreted)
LOOPS times in a row and print "WALL CPU STATUS": wall seconds, CPU
seconds (user + system of the command and everything it waited for, from
wait4's rusage, microsecond resolution — times() would round to 10 ms),
and the first non-zero wait status (0 when every run succeeded).

Every run gets /dev/null as stdin; stdout is appended to OUT, stderr to
OUT.err.  When OUT ends up over 1 MB it is replaced by one line "sha256
SIZE" so that big outputs (a decompressed file) cost no disk space and
still compare exactly.  bench/run.sh is the only caller.
"""
import hashlib
import os
import shlex
import sys
import time

BIG = 1 << 20


def run_once(argv, out_fd, err_fd):
    pid = os.fork()
    if pid == 0:
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out_fd, 1)
            os.dup2(err_fd, 2)
            os.execv(argv[0], argv)
        except OSError as e:
            os.write(2, ("measure.py: %s: %s\n" % (argv[0], e.strerror)).encode())
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    return status, usage.ru_utime + usage.ru_stime


def digest_if_big(path):
    size = os.path.getsize(path)
    if size <= BIG:
        return
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    with open(path, "w") as f:
        f.write("%s %d\n" % (h.hexdigest(), size))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: measure.py OUT LOOPS COMMAND")
    out, loops, argv = sys.argv[1], int(sys.argv[2]), shlex.split(sys.argv[3])
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    out_fd = os.open(out, flags | os.O_TRUNC, 0o644)
    err_fd = os.open(out + ".err", flags | os.O_TRUNC, 0o644)
    first_bad, cpu = 0, 0.0
    t0 = time.monotonic()
    for _ in range(loops):
        status, c = run_once(argv, out_fd, err_fd)
        cpu += c
        if status and not first_bad:
            first_bad = status
    wall = time.monotonic() - t0
    os.close(out_fd)
    os.close(err_fd)
    digest_if_big(out)
    print("%.4f %.4f %d" % (wall, cpu, first_bad))


main()
