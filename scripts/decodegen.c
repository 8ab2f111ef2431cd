/* scripts/decodegen.c — turns instruction decode specs into C.
 *
 *   decodegen [-p PREFIX] -o OUT.c.inc -H OUT.h [-T MOCK.c.inc] SPEC...
 *
 * The spec format is docs/decode.md.  All spec files of one run make one
 * decoder, PREFIX_decode() (PREFIX defaults to "a64"):
 *   OUT.h      arg_NAME structs (every field int64_t, in order of first
 *              appearance) and the trans_NAME prototypes;
 *   OUT.c.inc  the decoder: a switch on bits 28:25 (A64 op0) into one
 *              function per bucket that tests each pattern's mask in spec
 *              order;
 *   MOCK.c.inc (tests only) a pattern table and trans_NAME definitions
 *              that report each hit to PREFIX_decode_mock_hit(), so a unit
 *              test can see which pattern a word decodes to, with its fields.
 * Patterns marked "!class" also get a classifier: OUT.c.inc defines
 * PREFIX_decode_class(insn), which returns class_NAME(&args) of the marked
 * pattern insn matches and 0 for every other word, without emitting
 * anything (the frontend's cheap look at a word; what the value means is
 * the frontend's business).
 *
 * Invariants checked at generation time (a failure names file:line and exits
 * non-zero, so the build stops): every bit layout covers exactly 32 bits; a
 * format and its pattern agree wherever both fix a bit; no field name is
 * defined twice with different meanings; two patterns outside a common
 * overlap group never match the same word; patterns sharing a name have the
 * same fields (they share one arg struct and one trans_ function).
 *
 * The generator runs once per build on a few hundred patterns, so it favours
 * simple fixed-size tables over cleverness; limits are far above A64's needs.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DG_NAME_MAX    64
#define DG_MAX_FIELDS  16
#define DG_MAX_RANGES  4
#define DG_MAX_TOKENS  64
#define DG_MAX_PATTERNS 4096
#define DG_MAX_FORMATS  512
#define DG_MAX_NAMED    512
#define DG_LINE_MAX    1024
#define DG_BUCKET_SHIFT 25
#define DG_BUCKET_BITS  4

typedef struct DgRange {
    int pos, len;
} DgRange;

/* A field of an arg struct: extracted from bit ranges (first range most
 * significant, sign-extended when sign) or a constant from "name=value". */
typedef struct DgField {
    char name[DG_NAME_MAX];
    int nranges;
    DgRange r[DG_MAX_RANGES];
    bool sign;
    bool is_const;
    int64_t value;
} DgField;

/* A bit layout plus fields: what a format and a pattern have in common. */
typedef struct DgLayout {
    uint32_t mask, bits;
    int nfields;
    DgField fields[DG_MAX_FIELDS];
} DgLayout;

typedef struct DgFormat {
    char name[DG_NAME_MAX];
    DgLayout lay;
    bool emitted;       /* its argfmt_ struct is in the header already */
} DgFormat;

typedef struct DgPattern {
    char name[DG_NAME_MAX];
    const char *file;
    int line;
    int group;          /* outermost overlap group, 0 = none */
    bool first_of_name; /* emits the arg struct and prototype */
    bool has_class;     /* "!class": class_NAME(args) classifies its words */
    DgFormat *fmt;      /* set when the fields are exactly the format's */
    DgLayout lay;
} DgPattern;

typedef struct DgSpec {
    DgPattern pat[DG_MAX_PATTERNS];
    int npat;
    DgFormat fmt[DG_MAX_FORMATS];
    int nfmt;
    DgField named[DG_MAX_NAMED];
    int nnamed;
    int group_depth, group_outer, ngroups;
    const char *file;   /* position for messages */
    int line;
} DgSpec;

static DgSpec spec;

static _Noreturn void dg_fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", spec.file ? spec.file : "decodegen", spec.line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* ---- Tokens ---------------------------------------------------------------- */

static bool dg_is_ident(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return false;
    for (s++; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

static void dg_copy_name(char *dst, const char *src)
{
    if (!dg_is_ident(src))
        dg_fail("'%s' is not a valid name", src);
    if (strlen(src) >= DG_NAME_MAX)
        dg_fail("name '%s' is too long", src);
    strcpy(dst, src);
}

static long dg_parse_int(const char *s, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 0);
    if (!*s || *end || errno)
        dg_fail("bad %s '%s'", what, s);
    return v;
}

/* Splits line in place at blanks; returns the token count. */
static int dg_tokenize(char *line, char **tok)
{
    int n = 0;
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    for (char *p = strtok(line, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
        if (n == DG_MAX_TOKENS)
            dg_fail("too many tokens on one line");
        tok[n++] = p;
    }
    return n;
}

/* ---- Fields ---------------------------------------------------------------- */

static bool dg_field_same(const DgField *a, const DgField *b)
{
    if (a->is_const != b->is_const || a->nranges != b->nranges)
        return false;
    if (a->is_const)
        return a->value == b->value;
    if (a->sign != b->sign)
        return false;
    for (int i = 0; i < a->nranges; i++)
        if (a->r[i].pos != b->r[i].pos || a->r[i].len != b->r[i].len)
            return false;
    return true;
}

/* Adds f to lay; the same definition twice is merged, a clash is an error. */
static void dg_add_field(DgLayout *lay, const DgField *f)
{
    for (int i = 0; i < lay->nfields; i++) {
        if (strcmp(lay->fields[i].name, f->name))
            continue;
        if (!dg_field_same(&lay->fields[i], f))
            dg_fail("field '%s' defined twice differently", f->name);
        return;
    }
    if (lay->nfields == DG_MAX_FIELDS)
        dg_fail("too many fields");
    lay->fields[lay->nfields++] = *f;
}

/* "POS:LEN" or "POS:sLEN" of a %name definition. */
static DgRange dg_parse_range(const char *tok, bool *sign)
{
    const char *colon = strchr(tok, ':');
    if (!colon)
        dg_fail("expected POS:LEN, got '%s'", tok);
    char pos[32];
    size_t n = (size_t)(colon - tok);
    if (n == 0 || n >= sizeof(pos))
        dg_fail("bad range '%s'", tok);
    memcpy(pos, tok, n);
    pos[n] = 0;
    const char *len = colon + 1;
    *sign = *len == 's';
    DgRange r = { (int)dg_parse_int(pos, "position"),
                  (int)dg_parse_int(len + *sign, "length") };
    if (r.pos < 0 || r.len < 1 || r.pos + r.len > 32)
        dg_fail("range '%s' is outside 32 bits", tok);
    return r;
}

static void dg_parse_named_field(char **tok, int ntok)
{
    if (ntok < 2)
        dg_fail("a named field needs at least one POS:LEN");
    if (spec.nnamed == DG_MAX_NAMED)
        dg_fail("too many named fields");
    DgField *f = &spec.named[spec.nnamed];
    memset(f, 0, sizeof(*f));
    dg_copy_name(f->name, tok[0] + 1);
    for (int i = 0; i < spec.nnamed; i++)
        if (!strcmp(spec.named[i].name, f->name))
            dg_fail("named field '%%%s' defined twice", f->name);
    int width = 0;
    for (int i = 1; i < ntok; i++) {
        bool sign;
        if (f->nranges == DG_MAX_RANGES)
            dg_fail("too many ranges in '%%%s'", f->name);
        f->r[f->nranges++] = dg_parse_range(tok[i], &sign);
        width += f->r[f->nranges - 1].len;
        if (sign && i != 1)
            dg_fail("only the first range of '%%%s' may be signed", f->name);
        f->sign |= sign;
    }
    if (width > 63)
        dg_fail("'%%%s' is wider than 63 bits", f->name);
    spec.nnamed++;
}

static const DgField *dg_find_named(const char *name)
{
    for (int i = 0; i < spec.nnamed; i++)
        if (!strcmp(spec.named[i].name, name))
            return &spec.named[i];
    dg_fail("unknown named field '%%%s'", name);
}

static DgFormat *dg_find_format(const char *name)
{
    for (int i = 0; i < spec.nfmt; i++)
        if (!strcmp(spec.fmt[i].name, name))
            return &spec.fmt[i];
    dg_fail("unknown format '@%s'", name);
}

/* ---- Bit layouts --------------------------------------------------------- */

/* Consumes one bits token at bit position *pos (counting down from 32). */
static void dg_parse_bits(DgLayout *lay, const char *tok, int *pos)
{
    const char *colon = strchr(tok, ':');
    if (colon) {
        DgField f = { 0 };
        size_t n = (size_t)(colon - tok);
        if (n >= DG_NAME_MAX)
            dg_fail("field name too long in '%s'", tok);
        memcpy(f.name, tok, n);
        f.name[n] = 0;
        if (!dg_is_ident(f.name))
            dg_fail("bad field '%s'", tok);
        f.sign = colon[1] == 's';
        f.nranges = 1;
        f.r[0].len = (int)dg_parse_int(colon + 1 + f.sign, "field length");
        if (f.r[0].len < 1 || f.r[0].len > *pos)
            dg_fail("field '%s' does not fit in 32 bits", tok);
        *pos -= f.r[0].len;
        f.r[0].pos = *pos;
        dg_add_field(lay, &f);
        return;
    }
    for (const char *c = tok; *c; c++) {
        if (!strchr("01.-", *c))
            dg_fail("unexpected '%s' in bit pattern", tok);
        if (*pos == 0)
            dg_fail("bit pattern is longer than 32 bits");
        (*pos)--;
        if (*c == '0' || *c == '1') {
            lay->mask |= 1u << *pos;
            lay->bits |= (uint32_t)(*c - '0') << *pos;
        }
    }
}

static void dg_merge_layout(DgLayout *lay, const DgLayout *fmt, const char *name)
{
    uint32_t both = lay->mask & fmt->mask;
    if ((lay->bits ^ fmt->bits) & both)
        dg_fail("pattern and format '@%s' disagree on fixed bits", name);
    lay->mask |= fmt->mask;
    lay->bits |= fmt->bits;
    for (int i = 0; i < fmt->nfields; i++)
        dg_add_field(lay, &fmt->fields[i]);
}

static void dg_parse_const(DgLayout *lay, const char *tok)
{
    const char *eq = strchr(tok, '=');
    DgField f = { .is_const = true };
    size_t n = (size_t)(eq - tok);
    if (n == 0 || n >= DG_NAME_MAX)
        dg_fail("bad constant field '%s'", tok);
    memcpy(f.name, tok, n);
    f.name[n] = 0;
    if (!dg_is_ident(f.name))
        dg_fail("bad constant field '%s'", tok);
    f.value = dg_parse_int(eq + 1, "field value");
    dg_add_field(lay, &f);
}

/* Parses the tokens after a pattern or format name into lay; returns the
 * format used, if any. */
static DgFormat *dg_parse_layout(DgLayout *lay, char **tok, int ntok)
{
    int pos = 32;
    DgFormat *fmt = NULL;
    memset(lay, 0, sizeof(*lay));
    for (int i = 0; i < ntok; i++) {
        const char *t = tok[i];
        if (t[0] == '@') {
            if (fmt)
                dg_fail("more than one format");
            fmt = dg_find_format(t + 1);
        } else if (t[0] == '%') {
            dg_add_field(lay, dg_find_named(t + 1));
        } else if (strchr(t, '=')) {
            dg_parse_const(lay, t);
        } else if (!strcmp(t, "!class")) {
            dg_fail("'!class' belongs on a pattern, last");
        } else {
            dg_parse_bits(lay, t, &pos);
        }
    }
    if (pos != 0)
        dg_fail("bit pattern covers %d bits, not 32", 32 - pos);
    if (fmt)
        dg_merge_layout(lay, &fmt->lay, fmt->name);
    return fmt;
}

/* ---- Lines ------------------------------------------------------------- */

static void dg_parse_format(char **tok, int ntok)
{
    if (spec.nfmt == DG_MAX_FORMATS)
        dg_fail("too many formats");
    DgFormat *f = &spec.fmt[spec.nfmt];
    dg_copy_name(f->name, tok[0] + 1);
    for (int i = 0; i < spec.nfmt; i++)
        if (!strcmp(spec.fmt[i].name, f->name))
            dg_fail("format '@%s' defined twice", f->name);
    dg_parse_layout(&f->lay, tok + 1, ntok - 1);
    spec.nfmt++;
}

static bool dg_same_field_names(const DgLayout *a, const DgLayout *b)
{
    if (a->nfields != b->nfields)
        return false;
    for (int i = 0; i < a->nfields; i++)
        if (strcmp(a->fields[i].name, b->fields[i].name))
            return false;
    return true;
}

static void dg_parse_pattern(char **tok, int ntok)
{
    if (spec.npat == DG_MAX_PATTERNS)
        dg_fail("too many patterns");
    DgPattern *p = &spec.pat[spec.npat];
    dg_copy_name(p->name, tok[0]);
    p->file = spec.file;
    p->line = spec.line;
    p->group = spec.group_depth ? spec.group_outer : 0;
    p->has_class = ntok > 1 && !strcmp(tok[ntok - 1], "!class");
    if (p->has_class && p->group)
        dg_fail("'!class' pattern %s inside an overlap group", p->name);
    p->fmt = dg_parse_layout(&p->lay, tok + 1, ntok - 1 - p->has_class);
    if (p->fmt && !dg_same_field_names(&p->lay, &p->fmt->lay))
        p->fmt = NULL;
    p->first_of_name = true;
    for (int i = 0; i < spec.npat; i++) {
        if (strcmp(spec.pat[i].name, p->name))
            continue;
        if (!dg_same_field_names(&spec.pat[i].lay, &p->lay))
            dg_fail("'%s' has different fields than at %s:%d", p->name,
                    spec.pat[i].file, spec.pat[i].line);
        if (spec.pat[i].has_class != p->has_class)
            dg_fail("'%s' is '!class' here but not at %s:%d, or the reverse",
                    p->name, spec.pat[i].file, spec.pat[i].line);
        p->first_of_name = false;
        break;
    }
    spec.npat++;
}

static void dg_parse_line(char *line)
{
    char *tok[DG_MAX_TOKENS];
    int ntok = dg_tokenize(line, tok);
    if (ntok == 0)
        return;
    if (!strcmp(tok[0], "{") || !strcmp(tok[0], "}")) {
        if (ntok != 1)
            dg_fail("'%s' must be alone on its line", tok[0]);
        if (tok[0][0] == '{') {
            if (spec.group_depth++ == 0)
                spec.group_outer = ++spec.ngroups;
        } else if (spec.group_depth-- == 0) {
            dg_fail("'}' without '{'");
        }
    } else if (tok[0][0] == '%') {
        dg_parse_named_field(tok, ntok);
    } else if (tok[0][0] == '@') {
        dg_parse_format(tok, ntok);
    } else {
        dg_parse_pattern(tok, ntok);
    }
}

/* Reads one spec file; a trailing backslash continues a line. */
static void dg_parse_file(const char *path)
{
    FILE *in = fopen(path, "r");
    char buf[DG_LINE_MAX], line[DG_LINE_MAX * 4];
    size_t len = 0;
    int lineno = 0;
    spec.file = path;
    spec.line = 0;
    if (!in)
        dg_fail("cannot open: %s", strerror(errno));
    while (fgets(buf, sizeof(buf), in)) {
        size_t n = strlen(buf);
        lineno++;
        if (n && buf[n - 1] != '\n' && !feof(in))
            dg_fail("line too long");
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = 0;
        bool cont = n && buf[n - 1] == '\\';
        if (cont)
            buf[--n] = 0;
        if (len + n + 2 > sizeof(line))
            dg_fail("continued line too long");
        if (len == 0)
            spec.line = lineno;
        memcpy(line + len, buf, n);
        len += n;
        line[len++] = ' ';
        line[len] = 0;
        if (!cont) {
            dg_parse_line(line);
            len = 0;
        }
    }
    if (len)
        dg_parse_line(line);
    fclose(in);
    spec.line = lineno;
    if (spec.group_depth)
        dg_fail("'{' not closed at end of file");
}

/* ---- Checks ------------------------------------------------------------ */

static bool dg_overlap(const DgPattern *a, const DgPattern *b)
{
    return ((a->lay.bits ^ b->lay.bits) & a->lay.mask & b->lay.mask) == 0;
}

static void dg_check_overlaps(void)
{
    int errors = 0;
    for (int i = 0; i < spec.npat; i++) {
        const DgPattern *a = &spec.pat[i];
        for (int j = i + 1; j < spec.npat; j++) {
            const DgPattern *b = &spec.pat[j];
            if ((a->group && a->group == b->group) || !dg_overlap(a, b))
                continue;
            fprintf(stderr, "%s:%d: pattern %s overlaps %s (%s:%d) outside a group\n",
                    b->file, b->line, b->name, a->name, a->file, a->line);
            errors++;
        }
    }
    if (errors)
        exit(1);
}

/* ---- Output ------------------------------------------------------------ */

static void dg_emit_fields(FILE *out, const DgLayout *lay)
{
    fprintf(out, "typedef struct {");
    for (int i = 0; i < lay->nfields; i++)
        fprintf(out, " int64_t %s;", lay->fields[i].name);
    if (lay->nfields == 0)
        fprintf(out, " int64_t unused_;");
}

/* Patterns whose fields are exactly their format's share one struct type,
 * argfmt_FORMAT, so a family's gen_ function takes it without casts. */
static void dg_emit_struct(FILE *out, const DgPattern *p)
{
    if (p->fmt) {
        if (!p->fmt->emitted) {
            dg_emit_fields(out, &p->fmt->lay);
            fprintf(out, " } argfmt_%s;\n", p->fmt->name);
            p->fmt->emitted = true;
        }
        fprintf(out, "typedef argfmt_%s arg_%s;\n", p->fmt->name, p->name);
    } else {
        dg_emit_fields(out, &p->lay);
        fprintf(out, " } arg_%s;\n", p->name);
    }
    fprintf(out, "bool trans_%s(DisasContext *s, arg_%s *a);\n", p->name, p->name);
    if (p->has_class)
        fprintf(out, "unsigned class_%s(const arg_%s *a);\n", p->name, p->name);
}

static void dg_emit_header(FILE *out, const char *prefix)
{
    fprintf(out, "/* Generated by scripts/decodegen from the decode specs: do not edit. */\n"
                 "#ifndef DECODEGEN_%s_DECODE_H\n#define DECODEGEN_%s_DECODE_H\n\n"
                 "#include <stdbool.h>\n#include <stdint.h>\n\n"
                 "#include \"frontend/aarch64/translate.h\"\n\n", prefix, prefix);
    for (int i = 0; i < spec.npat; i++)
        if (spec.pat[i].first_of_name)
            dg_emit_struct(out, &spec.pat[i]);
    fprintf(out, "\n/* Calls the trans_ function of the pattern insn matches; false when\n"
                 " * none matched or its handler returned false (UDEF). */\n"
                 "bool %s_decode(DisasContext *s, uint32_t insn);\n"
                 "/* class_NAME() of the \"!class\" pattern insn matches, else 0. */\n"
                 "unsigned %s_decode_class(uint32_t insn);\n\n#endif\n", prefix, prefix);
}

static void dg_emit_extract(FILE *out, const DgField *f)
{
    if (f->is_const) {
        fprintf(out, "%" PRId64, f->value);
        return;
    }
    for (int i = 0; i < f->nranges; i++) {
        int later = 0;
        for (int j = i + 1; j < f->nranges; j++)
            later += f->r[j].len;
        const char *fn = i == 0 && f->sign ? "dg_sextract" : "dg_extract";
        if (f->nranges == 1) {
            fprintf(out, "%s(insn, %d, %d)", fn, f->r[0].pos, f->r[0].len);
            return;
        }
        fprintf(out, "%s(int64_t)((uint64_t)%s(insn, %d, %d) << %d)", i ? " | " : "",
                fn, f->r[i].pos, f->r[i].len, later);
    }
}

/* The mask test and the arg struct a of a pattern. */
static void dg_emit_args(FILE *out, const DgPattern *p)
{
    fprintf(out, "    if ((insn & 0x%08x) == 0x%08x) {\n", p->lay.mask, p->lay.bits);
    fprintf(out, "        arg_%s a = {", p->name);
    for (int i = 0; i < p->lay.nfields; i++) {
        fprintf(out, "%s\n            .%s = ", i ? "," : "", p->lay.fields[i].name);
        dg_emit_extract(out, &p->lay.fields[i]);
    }
    fprintf(out, p->lay.nfields ? "\n        };\n" : " 0 };\n");
}

static void dg_emit_match(FILE *out, const DgPattern *p)
{
    dg_emit_args(out, p);
    fprintf(out, "        if (trans_%s(s, &a))\n            return true;\n", p->name);
    if (!p->group)
        fprintf(out, "        return false;\n");
    fprintf(out, "    }\n");
}

static bool dg_in_bucket(const DgPattern *p, uint32_t b)
{
    uint32_t m = ((1u << DG_BUCKET_BITS) - 1) << DG_BUCKET_SHIFT;
    return ((p->lay.bits ^ (b << DG_BUCKET_SHIFT)) & p->lay.mask & m) == 0;
}

/* PREFIX_decode_class: only the marked patterns are tested.  That is
 * exact because marked patterns are outside groups, so no other pattern
 * matches their words; a bucket without one is a plain "return 0". */
static void dg_emit_classifier(FILE *out, const char *prefix)
{
    bool any[1u << DG_BUCKET_BITS] = { false };
    for (uint32_t b = 0; b < (1u << DG_BUCKET_BITS); b++) {
        for (int i = 0; i < spec.npat; i++)
            any[b] |= spec.pat[i].has_class && dg_in_bucket(&spec.pat[i], b);
        if (!any[b])
            continue;
        fprintf(out, "\nstatic unsigned %s_decode_class_op0_%u(uint32_t insn)\n{\n",
                prefix, b);
        for (int i = 0; i < spec.npat; i++) {
            const DgPattern *p = &spec.pat[i];
            if (!p->has_class || !dg_in_bucket(p, b))
                continue;
            dg_emit_args(out, p);
            fprintf(out, "        return class_%s(&a);\n    }\n", p->name);
        }
        fprintf(out, "    return 0;\n}\n");
    }
    fprintf(out, "\nunsigned %s_decode_class(uint32_t insn)\n{\n"
                 "    switch ((insn >> %d) & %u) {\n",
            prefix, DG_BUCKET_SHIFT, (1u << DG_BUCKET_BITS) - 1);
    for (uint32_t b = 0; b < (1u << DG_BUCKET_BITS); b++)
        if (any[b])
            fprintf(out, "    case %u: return %s_decode_class_op0_%u(insn);\n",
                    b, prefix, b);
    fprintf(out, "    }\n    return 0;\n}\n");
}

static void dg_emit_decoder(FILE *out, const char *prefix)
{
    fprintf(out, "/* Generated by scripts/decodegen from the decode specs: do not edit. */\n\n"
                 "static inline uint64_t dg_extract(uint32_t insn, int pos, int len)\n"
                 "{\n    return (insn >> pos) & ((1ull << len) - 1);\n}\n\n"
                 "static inline int64_t dg_sextract(uint32_t insn, int pos, int len)\n"
                 "{\n    return (int64_t)((uint64_t)insn << (64 - pos - len)) >> (64 - len);\n}\n\n");
    for (uint32_t b = 0; b < (1u << DG_BUCKET_BITS); b++) {
        fprintf(out, "/* op0 (bits 28:25) = %u */\n"
                     "static bool %s_decode_op0_%u(DisasContext *s, uint32_t insn)\n{\n",
                b, prefix, b);
        for (int i = 0; i < spec.npat; i++)
            if (dg_in_bucket(&spec.pat[i], b))
                dg_emit_match(out, &spec.pat[i]);
        fprintf(out, "    return false;\n}\n\n");
    }
    fprintf(out, "bool %s_decode(DisasContext *s, uint32_t insn)\n{\n"
                 "    switch ((insn >> %d) & %u) {\n",
            prefix, DG_BUCKET_SHIFT, (1u << DG_BUCKET_BITS) - 1);
    for (uint32_t b = 0; b < (1u << DG_BUCKET_BITS); b++)
        fprintf(out, "    case %u: return %s_decode_op0_%u(s, insn);\n", b, prefix, b);
    fprintf(out, "    }\n    return false;\n}\n");
    dg_emit_classifier(out, prefix);
}

/* The test double: a pattern table and trans_ functions that report hits. */
static void dg_emit_mock(FILE *out, const char *prefix)
{
    fprintf(out, "/* Generated by scripts/decodegen: test double for %s_decode(). */\n\n"
                 "typedef struct { const char *name; uint32_t mask, bits; int group;"
                 " int nfields; const char *fields[%d]; } DgPatternInfo;\n"
                 "static const DgPatternInfo %s_decode_patterns[] = {\n",
            prefix, DG_MAX_FIELDS, prefix);
    for (int i = 0; i < spec.npat; i++) {
        const DgPattern *p = &spec.pat[i];
        fprintf(out, "    { \"%s\", 0x%08x, 0x%08x, %d, %d, {", p->name, p->lay.mask,
                p->lay.bits, p->group, p->lay.nfields);
        for (int j = 0; j < p->lay.nfields; j++)
            fprintf(out, "%s\"%s\"", j ? ", " : " ", p->lay.fields[j].name);
        fprintf(out, " } },\n");
    }
    fprintf(out, "};\n\n/* Defined by the test: records the hit, returns the handler's result. */\n"
                 "static bool %s_decode_mock_hit(DisasContext *s, const char *name,"
                 " const int64_t *fields, int nfields);\n\n", prefix);
    for (int i = 0; i < spec.npat; i++) {
        const DgPattern *p = &spec.pat[i];
        if (!p->first_of_name)
            continue;
        fprintf(out, "bool trans_%s(DisasContext *s, arg_%s *a)\n{\n"
                     "    return %s_decode_mock_hit(s, \"%s\", (const int64_t *)a, %d);\n}\n",
                p->name, p->name, prefix, p->name, p->lay.nfields);
        if (p->has_class)
            fprintf(out, "unsigned class_%s(const arg_%s *a)\n{\n"
                         "    (void)a;\n    return %d;\n}\n", p->name, p->name, i + 1);
    }
}

static void dg_write(const char *path, void (*emit)(FILE *, const char *),
                     const char *prefix)
{
    FILE *out = fopen(path, "w");
    spec.file = path;
    spec.line = 0;
    if (!out)
        dg_fail("cannot create: %s", strerror(errno));
    emit(out, prefix);
    if (fclose(out) != 0) {
        remove(path);
        dg_fail("write error");
    }
}

static _Noreturn void dg_usage(void)
{
    fprintf(stderr, "usage: decodegen [-p PREFIX] -o OUT.c.inc -H OUT.h "
                    "[-T MOCK.c.inc] SPEC...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *out_c = NULL, *out_h = NULL, *out_mock = NULL, *prefix = "a64";
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i += 2) {
        if (i + 1 >= argc || argv[i][2])
            dg_usage();
        switch (argv[i][1]) {
        case 'o': out_c = argv[i + 1]; break;
        case 'H': out_h = argv[i + 1]; break;
        case 'T': out_mock = argv[i + 1]; break;
        case 'p': prefix = argv[i + 1]; break;
        default: dg_usage();
        }
    }
    if (!out_c || !out_h || i == argc || !dg_is_ident(prefix))
        dg_usage();
    for (; i < argc; i++)
        dg_parse_file(argv[i]);
    dg_check_overlaps();
    dg_write(out_h, dg_emit_header, prefix);
    dg_write(out_c, dg_emit_decoder, prefix);
    if (out_mock)
        dg_write(out_mock, dg_emit_mock, prefix);
    return 0;
}
