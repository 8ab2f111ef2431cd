#!/bin/sh
# binfmt.sh — make the kernel run AArch64 Linux programs through tern.
#
#   scripts/binfmt.sh register [TERN]   register TERN (default: build/tern-aarch64
#                                       beside this script) as the interpreter
#                                       of AArch64 ELF executables
#   scripts/binfmt.sh unregister        remove the entry
#   scripts/binfmt.sh status            print the entry, or "not registered"
#
# Needs root and binfmt_misc; mounts /proc/sys/fs/binfmt_misc when it is not.
# BINFMT_NAME (default tern-aarch64) names the entry, so a second tern can be
# registered beside the first for a test.
#
# The entry matches by magic: a 64-bit little-endian ELF, version 1, any OS
# ABI, e_type ET_EXEC or ET_DYN (the mask drops the low bit of e_type),
# e_machine EM_AARCH64 (183).  Its flag is F ("fix binary"): the kernel opens
# tern once, at registration, so programs also run inside a chroot or a
# container where tern's path does not exist — the usual way to use an arm64
# Debian root on an x86-64 machine.  Not P: tern has no option to receive
# the original argv[0], so the guest's argv[0] is the path the program was
# started by (what the kernel passes without P, as under qemu-user).  Not O or C: C would run setuid guest programs
# with the raised privileges through a translator that is no security
# boundary, and O hands the program over as a descriptor (AT_EXECFD) that
# tern does not read; tern opens the program by path, so the program must be
# readable by the user who runs it.
#
# Dynamically linked programs need their arm64 libraries: inside an arm64
# chroot they are at their usual paths; otherwise export
# TERN_LD_PREFIX=/path/to/arm64/root (e.g. /usr/aarch64-linux-gnu) — tern
# reads it from the environment the program is started with.  When
# qemu-user-binfmt's qemu-aarch64 entry is also enabled, the entry
# registered last is the one the kernel tries first.
set -eu

NAME=${BINFMT_NAME:-tern-aarch64}
DIR=/proc/sys/fs/binfmt_misc
MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
FLAGS=F

die() {
    echo "binfmt.sh: $*" >&2
    exit 1
}

ensure_mounted() {
    [ -e "$DIR/register" ] && return 0
    [ -d "$DIR" ] || die "$DIR does not exist (no binfmt_misc support in this kernel)"
    mount -t binfmt_misc binfmt_misc "$DIR" 2> /dev/null ||
        die "cannot mount binfmt_misc on $DIR (need root; in a container, the host must do it)"
}

register() {
    tern=${1:-$(cd "$(dirname "$0")/.." && pwd)/build/tern-aarch64}
    [ -x "$tern" ] || die "$tern is not an executable (build tern first)"
    tern=$(cd "$(dirname "$tern")" && pwd)/$(basename "$tern")
    ensure_mounted
    [ -e "$DIR/$NAME" ] && die "$NAME is already registered (run: $0 unregister)"
    printf ':%s:M::%s:%s:%s:%s' "$NAME" "$MAGIC" "$MASK" "$tern" "$FLAGS" > "$DIR/register" ||
        die "the kernel refused the entry"
    echo "registered $NAME -> $tern (flags $FLAGS)"
    if [ -e "$DIR/qemu-aarch64" ] && grep -q '^enabled' "$DIR/qemu-aarch64"; then
        echo "note: qemu-aarch64 is registered too; $NAME, registered later, is tried first"
    fi
}

unregister() {
    [ -e "$DIR/$NAME" ] || die "$NAME is not registered"
    echo -1 > "$DIR/$NAME"
    echo "unregistered $NAME"
}

status() {
    if [ -e "$DIR/$NAME" ]; then
        cat "$DIR/$NAME"
    else
        echo "$NAME: not registered"
    fi
}

case ${1:-} in
register)   shift; register "$@" ;;
unregister) unregister ;;
status)     status ;;
*)          echo "usage: $0 register [TERN] | unregister | status" >&2; exit 2 ;;
esac
