/* linux-user/options.c — the tern-aarch64 command line.
 *
 *     tern-aarch64 [options] PROGRAM [ARGS...]
 *
 * Options are spelled as qemu-aarch64 spells them (one or two leading
 * dashes both work) and stop at the first argument that is not one; that is
 * the guest program, and everything after it belongs to the guest.
 * Environment defaults (TERN_LD_PREFIX, TERN_BACKEND, TERN_STRACE) are read
 * first so that options override them.  The guest's environment starts as a
 * copy of ours, edited by -E and -U.
 *
 * Every error is one line on err and LU_OPT_ERROR; nothing here exits.
 */
#include "linux-user/lu-internal.h"

#include <stdlib.h>
#include <string.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1.0"
#endif

typedef enum OptId {
    OPT_L, OPT_E, OPT_U, OPT_D, OPT_LOGFILE, OPT_STRACE, OPT_ONE_INSN,
    OPT_VERSION, OPT_HELP, OPT_BACKEND, OPT_PERFMAP, OPT_ARGV0, OPT_WX, OPT_EXECFN,
} OptId;

typedef struct OptDef {
    const char *name;
    OptId id;
    bool has_arg;
    const char *arg, *help;
} OptDef;

static const OptDef lu_opts[] = {
    { "L", OPT_L, true, "path", "guest library prefix (env TERN_LD_PREFIX)" },
    { "E", OPT_E, true, "var=value", "set a variable in the guest environment" },
    { "U", OPT_U, true, "var", "remove a variable from the guest environment" },
    { "d", OPT_D, true, "item,...", "log items (-d help lists them)" },
    { "D", OPT_LOGFILE, true, "logfile", "write the log there instead of stderr" },
    { "strace", OPT_STRACE, false, NULL, "log system calls (env TERN_STRACE)" },
    { "one-insn-per-tb", OPT_ONE_INSN, false, NULL, "one guest instruction per TB" },
    { "singlestep", OPT_ONE_INSN, false, NULL, "same as -one-insn-per-tb" },
    { "backend", OPT_BACKEND, true, "jit|interp", "code generator (env TERN_BACKEND)" },
    { "perfmap", OPT_PERFMAP, false, NULL, "write /tmp/perf-PID.map for perf" },
    { "wx", OPT_WX, false, NULL, "W^X code buffer: two views, slower (env TERN_WX)" },
    { "0", OPT_ARGV0, true, "argv0", "the guest's argv[0] (default: the program)" },
    { "execfn", OPT_EXECFN, true, "path", "the guest's AT_EXECFN and comm (default: the program)" },
    { "version", OPT_VERSION, false, NULL, "print the version and exit" },
    { "h", OPT_HELP, false, NULL, "print this help and exit" },
    { "help", OPT_HELP, false, NULL, "print this help and exit" },
};

#define LU_NOPTS (sizeof(lu_opts) / sizeof(lu_opts[0]))

static const OptDef *find_opt(const char *arg)
{
    const char *name = arg + 1 + (arg[1] == '-');
    for (size_t i = 0; i < LU_NOPTS; i++)
        if (!strcmp(lu_opts[i].name, name))
            return &lu_opts[i];
    return NULL;
}

static void print_help(FILE *out)
{
    fprintf(out, "usage: tern-aarch64 [options] program [arguments...]\n"
                 "Runs an AArch64 Linux program on this host.\n\n");
    for (size_t i = 0; i < LU_NOPTS; i++) {
        char left[40];
        snprintf(left, sizeof(left), "-%s%s%s", lu_opts[i].name,
                 lu_opts[i].has_arg ? " " : "", lu_opts[i].has_arg ? lu_opts[i].arg : "");
        fprintf(out, "  %-22s %s\n", left, lu_opts[i].help);
    }
}

/* ---- The guest environment ------------------------------------------------ */

static size_t name_len(const char *s)
{
    const char *eq = strchr(s, '=');
    return eq ? (size_t)(eq - s) : strlen(s);
}

static void env_unset(LuOptions *o, const char *name)
{
    size_t n = name_len(name), j = 0;
    for (size_t i = 0; i < o->envc; i++) {
        if (name_len(o->envp[i]) == n && !strncmp(o->envp[i], name, n))
            free(o->envp[i]);
        else
            o->envp[j++] = o->envp[i];
    }
    o->envc = j;
    o->envp[j] = NULL;
}

static bool env_set(LuOptions *o, const char *assign)
{
    char **grown = realloc(o->envp, (o->envc + 2) * sizeof(*grown));
    if (!grown)
        return false;
    o->envp = grown;
    env_unset(o, assign);
    char *copy = strdup(assign);
    if (!copy)
        return false;
    o->envp[o->envc++] = copy;
    o->envp[o->envc] = NULL;
    return true;
}

static bool env_init(LuOptions *o, char **host_env)
{
    o->envc = 0;
    o->envp = calloc(1, sizeof(*o->envp));
    if (!o->envp)
        return false;
    for (size_t i = 0; host_env && host_env[i]; i++)
        if (strchr(host_env[i], '=') && !env_set(o, host_env[i]))
            return false;
    return true;
}

static const char *host_getenv(char **host_env, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; host_env && host_env[i]; i++)
        if (!strncmp(host_env[i], name, n) && host_env[i][n] == '=')
            return host_env[i] + n + 1;
    return NULL;
}

/* ---- Parsing -------------------------------------------------------------- */

static LuOptResult apply_arg(LuOptions *o, const OptDef *d, const char *arg, FILE *err)
{
    switch (d->id) {
    case OPT_L: o->ld_prefix = arg; break;
    case OPT_BACKEND: o->backend = arg; break;
    case OPT_LOGFILE: o->log_file = arg; break;
    case OPT_ARGV0: o->argv0 = arg; break;
    case OPT_EXECFN: o->execfn = arg; break;
    case OPT_D:
        if (!exec_parse_log_items(arg, &o->log_mask))
            return strcmp(arg, "help") ? LU_OPT_ERROR : LU_OPT_EXIT_OK;
        break;
    case OPT_E:
        if (!strchr(arg, '=') || arg[0] == '=') {
            fprintf(err, "tern-aarch64: -E needs var=value, not '%s'\n", arg);
            return LU_OPT_ERROR;
        }
        if (!env_set(o, arg)) {
            fprintf(err, "tern-aarch64: out of memory\n");
            return LU_OPT_ERROR;
        }
        break;
    case OPT_U: env_unset(o, arg); break;
    case OPT_STRACE: case OPT_ONE_INSN: case OPT_VERSION: case OPT_HELP:
    case OPT_PERFMAP: case OPT_WX:
        break;
    }
    return LU_OPT_RUN;
}

static LuOptResult apply_flag(LuOptions *o, const OptDef *d, FILE *out)
{
    switch (d->id) {
    case OPT_STRACE: o->strace = true; break;
    case OPT_ONE_INSN: o->one_insn = true; break;
    case OPT_PERFMAP: o->perf_map = true; break;
    case OPT_WX: o->code_wx = true; break;
    case OPT_VERSION:
        fprintf(out, "tern-aarch64 version %s\n", PACKAGE_VERSION);
        return LU_OPT_EXIT_OK;
    case OPT_HELP:
        print_help(out);
        return LU_OPT_EXIT_OK;
    case OPT_L: case OPT_E: case OPT_U: case OPT_D: case OPT_LOGFILE:
    case OPT_BACKEND: case OPT_ARGV0: case OPT_EXECFN:
        break;
    }
    return LU_OPT_RUN;
}

static void read_env_defaults(LuOptions *o, char **host_env)
{
    o->ld_prefix = host_getenv(host_env, "TERN_LD_PREFIX");
    o->backend = host_getenv(host_env, "TERN_BACKEND");
    const char *st = host_getenv(host_env, "TERN_STRACE");
    o->strace = st && *st && strcmp(st, "0");
    const char *wx = host_getenv(host_env, "TERN_WX");
    o->code_wx = wx && *wx && strcmp(wx, "0");
}

/* Applies the option at argv[*i] (and its argument, advancing *i). */
static LuOptResult parse_one(LuOptions *o, int argc, char **argv, int *i,
                             FILE *out, FILE *err)
{
    const OptDef *d = find_opt(argv[*i]);
    if (!d) {
        fprintf(err, "tern-aarch64: unknown option '%s' (try -help)\n", argv[*i]);
        return LU_OPT_ERROR;
    }
    if (!d->has_arg)
        return apply_flag(o, d, out);
    if (*i + 1 >= argc) {
        fprintf(err, "tern-aarch64: option '%s' needs an argument\n", argv[*i]);
        return LU_OPT_ERROR;
    }
    *i += 1;
    return apply_arg(o, d, argv[*i], err);
}

LuOptResult lu_parse_options(LuOptions *o, int argc, char **argv,
                             char **host_env, FILE *out, FILE *err)
{
    memset(o, 0, sizeof(*o));
    read_env_defaults(o, host_env);
    if (!env_init(o, host_env)) {
        fprintf(err, "tern-aarch64: out of memory\n");
        return LU_OPT_ERROR;
    }
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        LuOptResult r = parse_one(o, argc, argv, &i, out, err);
        if (r != LU_OPT_RUN)
            return r;
    }
    if (i >= argc) {
        fprintf(err, "tern-aarch64: no program given (try -help)\n");
        return LU_OPT_ERROR;
    }
    o->prog_index = i;
    return LU_OPT_RUN;
}

void lu_options_free(LuOptions *o)
{
    for (size_t i = 0; i < o->envc; i++)
        free(o->envp[i]);
    free(o->envp);
    o->envp = NULL;
    o->envc = 0;
}
