/* ir/parse.c — reads the text ir/print.c writes (syntax: docs/ir.md).
 *
 * For tests: "IR text in -> IR text out".  ir_parse() resets f (keeping its
 * registered globals) and appends one op per non-blank line; '#' starts a
 * comment.  Block temps tmpN and TB-locals locN get index nglobals + N, so
 * printing the parsed IR gives back the same names: a pre-scan allocates
 * every index up to the largest N before the ops are read (indices never
 * named stay unused block temps).  A tmp/loc temp takes its type from its
 * first operand position; the verifier, not the parser, catches a later
 * mismatch, so malformed IR can be written as text too.
 *
 * Helpers are found by name in a small table filled by ir_register_helper().
 */
#include "ir/ir-internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_HELPERS 64
#define MAX_FIELDS  (IR_MAX_ARGS + 2)

static const IrHelper *helpers[MAX_HELPERS];
static unsigned nhelpers;

void ir_register_helper(const IrHelper *h)
{
    for (unsigned i = 0; i < nhelpers; i++) {
        if (strcmp(helpers[i]->name, h->name) == 0) {
            helpers[i] = h;
            return;
        }
    }
    if (nhelpers < MAX_HELPERS)
        helpers[nhelpers++] = h;
}

static const IrHelper *helper_find(const char *name)
{
    for (unsigned i = 0; i < nhelpers; i++)
        if (strcmp(helpers[i]->name, name) == 0)
            return helpers[i];
    return NULL;
}

typedef struct Parser {
    IrFunc *f;
    FILE *err;
    unsigned line;
    bool *typed;             /* per temp: type fixed by a first use */
} Parser;

static bool perr(Parser *p, const char *fmt, ...)
{
    if (p->err) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(p->err, "ir_parse: line %u: ", p->line);
        vfprintf(p->err, fmt, ap);
        fputc('\n', p->err);
        va_end(ap);
    }
    return false;
}

/* ---- Pre-scan: allocate tmpN / locN ----------------------------------------- */

static bool is_ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Calls fn for every tmpN / locN token in text outside comments. */
static void scan_temps(const char *text, void (*fn)(void *, bool, unsigned long), void *arg)
{
    for (const char *s = text; *s; s++) {
        if (*s == '#') {
            s += strcspn(s, "\n");
            if (!*s)
                break;
            continue;
        }
        bool local = strncmp(s, "loc", 3) == 0;
        if ((!local && strncmp(s, "tmp", 3) != 0) || (s > text && is_ident_char(s[-1])))
            continue;
        if (!isdigit((unsigned char)s[3]))
            continue;
        char *end;
        unsigned long n = strtoul(s + 3, &end, 10);
        if (!is_ident_char(*end))
            fn(arg, local, n);
        s = end - 1;
    }
}

static void note_max(void *arg, bool local, unsigned long n)
{
    unsigned long *max = arg;
    if (n + 1 > *max)
        *max = n + 1;
}

static void note_kind(void *arg, bool local, unsigned long n)
{
    IrFunc *f = arg;
    if (local && f->temps[f->nglobals + n].kind != IR_TEMP_LOCAL) {
        f->temps[f->nglobals + n].kind = IR_TEMP_LOCAL;
        f->nlocals++;       /* as ir_new_local() counts them */
    }
}

static bool prescan(Parser *p, const char *text)
{
    unsigned long count = 0;
    scan_temps(text, note_max, &count);
    if (count > 1000000)
        return perr(p, "temp number too large");
    for (unsigned long i = 0; i < count; i++)
        ir_new_temp(p->f, IR_I64);
    scan_temps(text, note_kind, p->f);
    p->typed = calloc(p->f->ntemps + 1, sizeof(bool));
    return p->typed != NULL || perr(p, "out of memory");
}

/* ---- Operands ------------------------------------------------------------- */

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    if (*s == '-')
        *v = (uint64_t)strtoll(s, &end, 0);
    else
        *v = strtoull(s, &end, 0);
    return *s && *end == '\0' && errno == 0;
}

static bool parse_type(const char *s, IrType *t)
{
    if (strcmp(s, "i32") == 0)
        *t = IR_I32;
    else if (strcmp(s, "i64") == 0)
        *t = IR_I64;
    else
        return false;
    return true;
}

static bool parse_const(Parser *p, char *s, IrTemp *t)
{
    char *colon = strchr(s, ':');
    IrType type;
    uint64_t v;
    if (!colon)
        return perr(p, "constant '%s' needs a type (value:i32 or value:i64)", s);
    *colon = '\0';
    if (!parse_u64(s, &v) || !parse_type(colon + 1, &type))
        return perr(p, "bad constant '%s:%s'", s, colon + 1);
    *t = ir_const(p->f, type, v);
    return true;
}

static bool parse_temp(Parser *p, char *s, IrType want, IrTemp *t)
{
    IrFunc *f = p->f;
    if (isdigit((unsigned char)s[0]) || s[0] == '-')
        return parse_const(p, s, t);
    if (s[0] == '$') {          /* untyped constant: the operand's type */
        uint64_t v;
        if (!parse_u64(s + 1, &v))
            return perr(p, "bad constant '%s'", s);
        *t = ir_const(f, want, v);
        return true;
    }
    if ((strncmp(s, "tmp", 3) == 0 || strncmp(s, "loc", 3) == 0)
        && isdigit((unsigned char)s[3])) {
        char *end;
        *t = f->nglobals + (IrTemp)strtoul(s + 3, &end, 10);
        if (*end || *t >= f->ntemps)
            return perr(p, "bad temp '%s'", s);
        if ((f->temps[*t].kind == IR_TEMP_LOCAL) != (s[0] == 'l'))
            return perr(p, "'%s': tmp%s and loc%s are the same temp", s, s + 3, s + 3);
        if (!p->typed[*t]) {
            f->temps[*t].type = (uint8_t)want;
            p->typed[*t] = true;
        }
        return true;
    }
    for (IrTemp g = 0; g < f->nglobals; g++) {
        if (f->temps[g].name && strcmp(f->temps[g].name, s) == 0) {
            *t = g;
            return true;
        }
    }
    return perr(p, "unknown temp '%s'", s);
}

static bool parse_memop(Parser *p, char *s, uint64_t *v)
{
    char *tok = strtok(s, ":");
    if (!tok || strcmp(tok, "mo") != 0 || !(tok = strtok(NULL, ":")))
        return perr(p, "memop must read mo:u64[:alN][:be]");
    unsigned bits = (unsigned)strtoul(tok + 1, NULL, 10);
    unsigned sz = 0;
    while (sz < 4 && (8u << sz) != bits)
        sz++;
    if ((tok[0] != 'u' && tok[0] != 's') || sz == 4)
        return perr(p, "bad memop size '%s'", tok);
    IrMemOp mo = sz | (tok[0] == 's' ? IR_MO_SIGN : 0);
    while ((tok = strtok(NULL, ":"))) {
        if (strcmp(tok, "be") == 0) {
            mo |= IR_MO_BE;
        } else if (strncmp(tok, "al", 2) == 0) {
            unsigned al = (unsigned)strtoul(tok + 2, NULL, 10), lg = 0;
            while (lg < 8 && (1u << lg) != al)
                lg++;
            if (lg == 0 || lg > 7)
                return perr(p, "bad alignment '%s'", tok);
            mo |= lg << IR_MO_ALIGN_SHIFT;
        } else {
            return perr(p, "bad memop part '%s'", tok);
        }
    }
    *v = mo;
    return true;
}

static bool parse_name_index(Parser *p, const char *s, const char *const *names,
                             unsigned n, uint64_t *v)
{
    for (unsigned i = 0; i < n; i++) {
        if (names[i] && strcmp(names[i], s) == 0) {
            *v = i;
            return true;
        }
    }
    return perr(p, "unknown name '%s'", s);
}

static bool parse_cond(Parser *p, const char *s, uint64_t *v)
{
    for (unsigned c = 0; c < IR_NUM_CONDS; c++) {
        if (strcmp(ir_cond_name((IrCond)c), s) == 0) {
            *v = c;
            return true;
        }
    }
    return perr(p, "unknown condition '%s'", s);
}

static bool parse_label(Parser *p, const char *s, uint64_t *v)
{
    if (s[0] != 'L' || !parse_u64(s + 1, v) || *v > 1000000)
        return perr(p, "bad label '%s'", s);
    if (*v >= p->f->nlabels)
        p->f->nlabels = (uint32_t)*v + 1;
    return true;
}

static bool parse_number(Parser *p, const char *s, uint64_t *v)
{
    return parse_u64(s, v) || perr(p, "bad number '%s'", s);
}

/* print_vecdesc's form: "add.16b", "shl.4s.3". */
static bool parse_vecdesc(const char *s, uint64_t *v)
{
    static const char *const arr[8] = { "8b", "4h", "2s", "1d", "16b", "8h", "4s", "2d" };
    const char *dot = strchr(s, '.');
    if (!dot)
        return false;
    const char *immdot = strchr(dot + 1, '.');
    size_t alen = immdot ? (size_t)(immdot - dot - 1) : strlen(dot + 1);
    unsigned imm = 0;
    if (immdot) {
        uint64_t x;
        if (!parse_u64(immdot + 1, &x) || x > 0xff)
            return false;
        imm = (unsigned)x;
    }
    for (unsigned op = 0; op < IR_VEC_NUM; op++) {
        const char *name = ir_vec_info[op].name;
        if (strlen(name) != (size_t)(dot - s) || strncasecmp(s, name, (size_t)(dot - s)))
            continue;
        for (unsigned k = 0; k < 8; k++) {
            if (strlen(arr[k]) == alen && strncmp(dot + 1, arr[k], alen) == 0) {
                *v = ir_vec_desc((IrVecOp)op, k % 4, k >= 4, imm);
                return true;
            }
        }
    }
    return false;
}

static bool parse_carg(Parser *p, IrCargKind kind, char *s, uint64_t *v)
{
    switch (kind) {
    case IR_CARG_INT: case IR_CARG_PC:
        return parse_number(p, s, v);
    case IR_CARG_COND:   return parse_cond(p, s, v);
    case IR_CARG_LABEL:  return parse_label(p, s, v);
    case IR_CARG_MEMOP:  return parse_memop(p, s, v);
    case IR_CARG_MB:     return parse_name_index(p, s, ir_mb_names, 4, v);
    case IR_CARG_EXIT:   return parse_name_index(p, s, ir_exit_names, IR_EXIT_PLAIN + 1, v);
    case IR_CARG_VECDESC:
        return parse_vecdesc(s, v) || perr(p, "bad vector operation '%s'", s);
    case IR_CARG_OFFSET:
        return (s[0] == '@' && parse_u64(s + 1, v)) || perr(p, "bad offset '%s'", s);
    case IR_CARG_HELPER: {
        const IrHelper *h = helper_find(s);
        *v = (uint64_t)(uintptr_t)h;
        return h || perr(p, "unknown helper '%s'", s);
    }
    }
    return false;
}

/* ---- Ops ------------------------------------------------------------------ */

/* "add_i64" -> IR_ADD, type i64; "extu_i32" -> IR_EXTU_I32 (fixed type). */
static bool parse_opname(Parser *p, const char *s, IrOpcode *opc, IrType *type)
{
    size_t len = strlen(s);
    for (unsigned o = 0; o < IR_NUM_OPS; o++) {
        const IrOpInfo *info = &ir_op_info[o];
        size_t n = strlen(info->name);
        if (strchr(info->sig, 'T')) {
            if (len != n + 4 || strncasecmp(s, info->name, n) != 0
                || s[n] != '_' || !parse_type(s + n + 1, type))
                continue;
        } else if (strcasecmp(s, info->name) != 0) {
            continue;
        } else {
            char c = info->sig[0];
            *type = c == '4' ? IR_I32 : IR_I64;
        }
        *opc = (IrOpcode)o;
        return true;
    }
    return perr(p, "unknown op '%s'", s);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static unsigned split_fields(char *s, char **fields)
{
    unsigned n = 0;
    if (!*s)
        return 0;
    for (char *tok = s;; n++) {
        char *comma = strchr(tok, ',');
        if (n == MAX_FIELDS)
            return n + 1;
        if (comma)
            *comma = '\0';
        fields[n] = trim(tok);
        if (!comma)
            return n + 1;
        tok = comma + 1;
    }
}

static IrType sig_type(char c, IrType optype)
{
    return c == '4' ? IR_I32 : c == '8' ? IR_I64 : optype;
}

static bool parse_call(Parser *p, char **fld, unsigned n)
{
    uint64_t hv;
    if (n < 1)
        return perr(p, "call needs a helper name");
    if (!parse_carg(p, IR_CARG_HELPER, fld[0], &hv))
        return false;
    const IrHelper *h = (const IrHelper *)(uintptr_t)hv;
    unsigned nout = h->ret != IR_VOID;
    if (n != 1 + nout + h->nargs)
        return perr(p, "call %s takes %u operands, not %u", h->name, nout + h->nargs, n - 1);
    IrTemp ts[IR_MAX_HELPER_ARGS + 1];
    for (unsigned i = 0; i < nout + h->nargs; i++) {
        IrType want = (IrType)(nout && i == 0 ? h->ret : h->args[i - nout]);
        if (!parse_temp(p, fld[1 + i], want, &ts[i]))
            return false;
    }
    ir_gen_call(p->f, h, nout ? ts[0] : IR_NO_TEMP, ts + nout);
    return true;
}

static bool parse_op(Parser *p, IrOpcode opc, IrType type, char **fld, unsigned n)
{
    const IrOpInfo *info = &ir_op_info[opc];
    unsigned ntemps = info->nout + info->nin;
    if (n != ntemps + info->ncarg)
        return perr(p, "%s takes %u operands, not %u", info->name, ntemps + info->ncarg, n);
    uint64_t args[IR_MAX_ARGS];
    for (unsigned i = 0; i < ntemps; i++) {
        IrTemp t;
        if (!parse_temp(p, fld[i], sig_type(info->sig[i], type), &t))
            return false;
        args[i] = t;
    }
    for (unsigned i = 0; i < info->ncarg; i++)
        if (!parse_carg(p, ir_carg_kind(opc, i), fld[ntemps + i], &args[ntemps + i]))
            return false;
    IrOp *op = ir_emit(p->f, opc, type);
    memcpy(op->args, args, n * sizeof(args[0]));
    return true;
}

static bool parse_line(Parser *p, char *line)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    line = trim(line);
    if (!*line)
        return true;
    if (strncmp(line, "----", 4) == 0) {
        uint64_t pc;
        if (!parse_number(p, trim(line + 4), &pc))
            return false;
        ir_gen_insn_start(p->f, pc);
        return true;
    }
    char *rest = line + strcspn(line, " \t");
    if (*rest)
        *rest++ = '\0';
    IrOpcode opc = IR_NOP;
    IrType type = IR_I64;
    if (!parse_opname(p, line, &opc, &type))
        return false;
    char *fld[MAX_FIELDS];
    unsigned n = split_fields(trim(rest), fld);
    if (n > MAX_FIELDS)
        return perr(p, "too many operands");
    if (opc == IR_CALL)
        return parse_call(p, fld, n);
    return parse_op(p, opc, type, fld, n);
}

bool ir_parse(IrFunc *f, const char *text, FILE *err)
{
    Parser p = { .f = f, .err = err };
    ir_func_reset(f);
    char *copy = strdup(text);
    bool ok = copy && prescan(&p, text);
    for (char *line = copy; ok && line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        p.line++;
        ok = parse_line(&p, line);
        line = nl ? nl + 1 : NULL;
    }
    free(p.typed);
    free(copy);
    return ok;
}
