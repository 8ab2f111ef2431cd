#!/bin/sh
# setup-sysroot.sh — build the arm64 Debian sysroot the real-program tests
# run in, from Debian's own packages: apt resolves the dependencies, apt
# downloads the .debs, `dpkg -x` unpacks them.  No maintainer script runs;
# the little they would do that programs notice is redone here (merged
# /usr, update-alternatives links, /etc/passwd, an empty ld.so.cache).
#
# Usage: setup-sysroot.sh [--full] [--host-tools] [DIR]
#   DIR          default tests/real/build; the sysroot is DIR/sysroot and
#                the downloaded .debs stay in DIR/cache
#   (no option)  just busybox-static (what busybox.sh needs)
#   --full       everything tests/real/run.sh runs: bash, coreutils, grep,
#                sed, gawk, compressors, python3, perl, lua, sqlite3,
#                openssl, find/diff/tar, file, the gcc driver with cc1, as,
#                ld and libc6-dev — with all their arm64 dependencies
#   --host-tools also unpack the x86-64 qemu-user-static and busybox-static
#                into DIR/host (run.sh's stand-in translator inside a
#                chroot, and the native busybox built like the guest's one)
#                and print DIR/host on a second line
#
# Invariants: idempotent and quiet — a sysroot whose stamp lists every
# requested package is used as it is, and once the cache holds the .debs
# and the resolved list nothing needs the network.  Every symlink in the
# sysroot is relative and stays inside it, so that a translator's -L path
# lookup never escapes to the host's own files (e.g. /etc/alternatives).
# The dependency resolution is apt's own, run on an empty dpkg status with
# arm64 as the only architecture, so nothing of the host is assumed.
#
# Prints the sysroot path on success.  Exit status 77 (automake's "skip")
# when the packages cannot be obtained, 1 on other errors.
set -eu

FULL_PACKAGES="bash dash coreutils grep sed gawk gzip bzip2 xz-utils
    python3 perl lua5.4 sqlite3 openssl findutils diffutils tar file
    gcc libc6-dev busybox-static"

full=0 host_tools=0
while [ $# -gt 0 ]; do
    case $1 in
    --full) full=1 ;;
    --host-tools) host_tools=1 ;;
    -*) echo "setup-sysroot: unknown option $1" >&2; exit 1 ;;
    *) break ;;
    esac
    shift
done
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/build}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cache=$dir/cache
sysroot=$dir/sysroot
stamp=$sysroot/.tern-packages
mkdir -p "$cache"

if [ $full = 1 ]; then
    packages=$(echo $FULL_PACKAGES | tr ' ' '\n' | sort)
else
    packages=busybox-static
fi

say() { echo "setup-sysroot: $*" >&2; }

# apt run against an empty dpkg database with arm64 as the only (native)
# architecture: it then resolves exactly what these packages need on an
# arm64 machine, and touches neither the host's package state nor its
# apt cache.
apt_arm64() {
    apt-get -qq -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
        -o Dir::State::status="$cache/empty-status" \
        -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
        -o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

# The package lists must know arm64; adding the architecture and
# refreshing the lists is needed once per machine.
ensure_arm64_lists() {
    apt-cache show bash:arm64 > /dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "no arm64 package lists and not root"
        return 1
    fi
    dpkg --print-foreign-architectures | grep -qx arm64 ||
        dpkg --add-architecture arm64
    apt-get update -qq > /dev/null 2>&1 || true
    apt-cache show bash:arm64 > /dev/null 2>&1
}

# resolve: write $cache/$key.debs, the .deb file names the set needs.
resolve() {
    list=$cache/$key.debs
    [ -s "$list" ] && return 0
    ensure_arm64_lists || return 1
    : > "$cache/empty-status"
    rm -rf "$cache/probe"; mkdir -p "$cache/probe/partial"
    # Against an empty archive directory --print-uris lists every .deb.
    apt_arm64 -o Dir::Cache::archives="$cache/probe" install --print-uris \
        --no-install-recommends $packages > "$list.tmp" || return 1
    rm -rf "$cache/probe"
    awk '{ print $2 }' "$list.tmp" > "$list.tmp2"
    rm -f "$list.tmp"
    [ -s "$list.tmp2" ] || return 1
    mv "$list.tmp2" "$list"
}

missing_debs() {
    while read -r f; do
        [ -f "$cache/$f" ] || echo "$f"
    done < "$cache/$key.debs"
}

download() {
    [ -z "$(missing_debs)" ] && return 0
    mkdir -p "$cache/partial"
    apt_arm64 -o Dir::Cache::archives="$cache" install --download-only -y \
        --no-install-recommends $packages > /dev/null 2>&1 || true
    left=$(missing_debs)
    [ -z "$left" ] && return 0
    say "could not download:" $left
    return 1
}

# Debian 12 systems have a merged /usr: /bin, /sbin and /lib are links
# into /usr, so /usr/bin/sh and /bin/bash both exist as on a real system.
merge_usr() {
    for d in bin sbin lib; do
        [ -d "$1/$d" ] && [ ! -L "$1/$d" ] || continue
        mkdir -p "$1/usr/$d"
        (cd "$1/$d" && tar cf - .) | (cd "$1/usr/$d" && tar xf -)
        rm -rf "${1:?}/$d"
        ln -s "usr/$d" "$1/$d"
    done
}

# Small files a maintainer script or debootstrap would have made.
add_system_files() {
    mkdir -p "$1/dev" "$1/proc" "$1/sys" "$1/root" "$1/etc" "$1/tmp" \
        "$1/home" "$1/run"
    chmod 1777 "$1/tmp"
    [ -e "$1/bin/sh" ] || [ ! -e "$1/bin/dash" ] || ln -s dash "$1/bin/sh"
    printf '%s\n' 'root:x:0:0:root:/root:/bin/bash' \
        'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' \
        > "$1/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' > "$1/etc/group"
    # An empty cache is ignored by ld.so; without one, a translator's -L
    # lookup would fall back to the host's cache of x86-64 libraries.
    : > "$1/etc/ld.so.cache"
}

# Debian's python3 postinst byte-compiles the standard library; without
# that each python3 run would compile every module it imports again.  The
# host's python of the same minor version writes the same .pyc files
# (bytecode does not depend on the machine).
compile_python() {
    for lib in "$1"/usr/lib/python3.*; do
        [ -d "$lib" ] || continue
        py=/usr/bin/${lib##*/}
        [ -x "$py" ] || continue
        "$py" -m compileall -q -j 2 -x '/python3[.][0-9]+/(.*/)?(test|tests|idlelib)/' \
            -s "$1" -p / "$lib" > /dev/null 2>&1 || true
    done
}

build_sysroot() {
    tmp=$sysroot.tmp
    rm -rf "$tmp" "$cache/ctrl"
    mkdir -p "$tmp" "$cache/ctrl"
    while read -r f; do
        dpkg-deb -x "$cache/$f" "$tmp"
        dpkg-deb -I "$cache/$f" postinst > "$cache/ctrl/${f%%_*}.postinst" \
            2> /dev/null || rm -f "$cache/ctrl/${f%%_*}.postinst"
    done < "$cache/$key.debs"
    merge_usr "$tmp"
    add_system_files "$tmp"
    compile_python "$tmp"
    perl "$here/sysroot-fixup.pl" "$tmp" "$cache"/ctrl/*.postinst
    rm -rf "$cache/ctrl"
    echo "$packages" > "$tmp/.tern-packages"
    rm -rf "$sysroot"
    mv "$tmp" "$sysroot"
}

satisfied() {
    [ -f "$stamp" ] || return 1
    for p in $packages; do
        grep -qx "$p" "$stamp" || return 1
    done
}

# x86-64 qemu-user-static and busybox-static, unpacked beside the sysroot
# rather than installed: installing qemu-user-static would remove the
# host's qemu-user-binfmt, and busybox-static replaces busybox.
setup_host_tools() {
    host=$dir/host
    if [ -x "$host/usr/bin/qemu-aarch64-static" ] && [ -x "$host/bin/busybox" ]; then
        echo "$host"
        return 0
    fi
    rm -rf "$host.tmp"
    for p in qemu-user-static busybox-static; do
        deb=$(ls "$cache/${p}"_*_amd64.deb 2> /dev/null | tail -n 1)
        if [ -z "$deb" ]; then
            (cd "$cache" && apt-get download -qq -o APT::Sandbox::User=root \
                "$p:amd64" > /dev/null 2>&1) || return 1
            deb=$(ls "$cache/${p}"_*_amd64.deb | tail -n 1)
        fi
        dpkg-deb -x "$deb" "$host.tmp"
    done
    rm -rf "$host"
    mv "$host.tmp" "$host"
    echo "$host"
}

key=$(echo "$packages" | md5sum | cut -c 1-12)
exec 9> "$dir/.setup-lock"
flock 9
if ! satisfied; then
    if ! resolve; then
        say "cannot resolve the arm64 packages (no package lists?)"
        exit 77
    fi
    download || exit 77
    build_sysroot
fi
echo "$sysroot"
if [ $host_tools = 1 ]; then
    setup_host_tools || { say "cannot get the amd64 qemu-user-static and busybox-static"; exit 77; }
fi
