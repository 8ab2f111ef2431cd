/* linux-user/path.c — guest paths as the host sees them (-L sysroot).
 *
 * The guest believes it owns "/": its dynamic loader opens
 * /lib/ld-linux-aarch64.so.1, its libc reads /etc/ld.so.cache.  With a
 * sysroot (-L dir, TERN_LD_PREFIX) an absolute guest path names the file
 * under the sysroot when one exists there, and the host's file otherwise —
 * the rule qemu-user follows, so the same sysroot works under both.
 *
 * Existence is probed with lstat() on every lookup rather than with a cached
 * tree of the sysroot: always current (a guest that creates files under the
 * sysroot sees them at once), and one extra system call per path syscall is
 * cheap next to the call itself.  lstat, not stat: a symlink in the sysroot
 * is the guest's even when its target does not resolve on the host (the
 * host kernel then follows it from the host's root, as under qemu-user).
 *
 * Relative paths are never rewritten: they are relative to the current
 * directory, which is a host directory already.  "/" alone stays the host's
 * root (a guest "ls /" lists the host), as in qemu-user.
 */
#include "linux-user/lu-internal.h"

#include <string.h>
#include <sys/stat.h>

const char *lu_sysroot_path(const char *sysroot, const char *guest,
                            char *buf, size_t size)
{
    if (!sysroot || !sysroot[0] || guest[0] != '/' || !guest[1])
        return guest;
    /* A sysroot of "/" (or "//") is the host itself. */
    if (sysroot[strspn(sysroot, "/")] == '\0')
        return guest;
    struct stat st;
    int n = snprintf(buf, size, "%s%s", sysroot, guest);
    if (n > 0 && (size_t)n < size && !lstat(buf, &st))
        return buf;
    return guest;
}

const char *lu_path(LuProcess *p, const char *guest, char *buf, size_t size)
{
    if (p->exe_path && lu_proc_is_self(guest, "exe"))
        return p->exe_path;
    return lu_sysroot_path(p->ld_prefix, guest, buf, size);
}
