/* audit.c — audit triggers made from a table's own columns; see audit.h. */
#include "db/audit.h"

#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"

/* db/ may not include src/i18n.h; the same marking, for xgettext. */
#define _(s) gettext(s)

/* The longest marker, its lines joined. */
#define MARKER_MAX 2048
/* The generated triggers are wrapped before this column, to read well in
 * sqlite_schema. */
#define WRAP_AT 96

__attribute__((format(printf, 3, 4)))
static void put_err(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    if (!err || errsz == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

/* ---- finding markers ---------------------------------------------------- */

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The end of the line that starts at P: its '\n', or the end of the text. */
static const char *line_end(const char *p)
{
    const char *e = strchr(p, '\n');
    return e ? e : p + strlen(p);
}

/* When the line [P, E) is a marker ("--", blanks, "audit:"), the start of
 * what follows the colon; else NULL. */
static const char *marker_body(const char *p, const char *e)
{
    if (e - p < 2 || p[0] != '-' || p[1] != '-')
        return NULL;
    p += 2;
    while (p < e && blank(*p))
        p++;
    if (e - p < 6 || strncmp(p, "audit:", 6) != 0)
        return NULL;
    return p + 6;
}

/* When the line [P, E) goes on with the marker above it ("--" and two or
 * more blanks, then text), the start of that text; else NULL. */
static const char *continuation(const char *p, const char *e)
{
    if (e - p < 4 || p[0] != '-' || p[1] != '-' || !blank(p[2]) || !blank(p[3]))
        return NULL;
    if (marker_body(p, e))
        return NULL;
    p += 4;
    while (p < e && blank(*p))
        p++;
    while (e > p && (blank(e[-1]) || e[-1] == '\r'))
        e--;
    return p < e ? p : NULL;
}

/* Appends [P, E) to BUF (of MARKER_MAX bytes, LEN used), after a space
 * unless it is the first piece.  False when it does not fit. */
static bool join(char *buf, size_t *len, const char *p, const char *e)
{
    size_t n = (size_t)(e - p), sep = *len ? 1 : 0;
    if (*len + sep + n + 1 > MARKER_MAX)
        return false;
    if (sep)
        buf[(*len)++] = ' ';
    memcpy(buf + *len, p, n);
    *len += n;
    buf[*len] = '\0';
    return true;
}

/* ---- reading a marker --------------------------------------------------- */

enum tok { T_END, T_WORD, T_NAME, T_STRING, T_NUMBER, T_COMMA, T_EQUALS, T_BAD };

struct lexer {
    const char *p;
    enum tok tok;
    const char *start; /* the token's text, as written */
    size_t len;
};

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-' || (unsigned char)c >= 0x80;
}

/* Reads the next token: a bare word (a name or a keyword such as
 * insert-only), a "quoted name", a 'quoted text', a whole number, a comma or
 * an equals sign.  A quote left open is T_BAD. */
static void next(struct lexer *x)
{
    const char *p = x->p;
    while (blank(*p))
        p++;
    x->start = p;
    if (!*p) {
        x->tok = T_END;
    } else if (*p == ',' || *p == '=') {
        x->tok = *p == ',' ? T_COMMA : T_EQUALS;
        p++;
    } else if (*p == '\'' || *p == '"') {
        char q = *p++;
        for (;;) {
            if (!*p) {
                x->tok = T_BAD;
                break;
            }
            if (*p++ == q) {
                if (*p != q) {
                    x->tok = q == '\'' ? T_STRING : T_NAME;
                    break;
                }
                p++; /* a doubled quote stands for one */
            }
        }
    } else if ((*p >= '0' && *p <= '9') || (*p == '-' && p[1] >= '0' && p[1] <= '9')) {
        p++;
        while (*p >= '0' && *p <= '9')
            p++;
        x->tok = word_char(*p) ? T_BAD : T_NUMBER;
    } else if (word_char(*p) && *p != '-') {
        while (word_char(*p))
            p++;
        x->tok = T_WORD;
    } else {
        p++;
        x->tok = T_BAD;
    }
    x->p = p;
    x->len = (size_t)(p - x->start);
}

static bool is_word(const struct lexer *x, const char *w)
{
    return x->tok == T_WORD && x->len == strlen(w) && strncmp(x->start, w, x->len) == 0;
}

/* The text of the quoted token at X (a name or a text) without its quotes,
 * or the bare word itself, into OUT.  False when it does not fit. */
static bool unquote(const struct lexer *x, char *out, size_t outsz)
{
    size_t n = 0;
    const char *p = x->start, *e = x->start + x->len;
    if (x->tok == T_NAME || x->tok == T_STRING) {
        p++;
        e--;
    }
    for (; p < e; p++) {
        if ((x->tok == T_NAME || x->tok == T_STRING) && *p == *x->start)
            p++; /* the first of a doubled quote */
        if (n + 1 >= outsz)
            return false;
        out[n++] = *p;
    }
    out[n] = '\0';
    return true;
}

static bool is_name(const struct lexer *x)
{
    return x->tok == T_WORD || x->tok == T_NAME;
}

/* Reads the joined marker TEXT into M.  0, or -1 with the reason in ERR. */
static int parse(const char *text, struct db_audit_marker *m, char *err, size_t errsz)
{
    struct lexer x = { .p = text };

    next(&x);
    if (!is_name(&x)) {
        put_err(err, errsz, _("line %d: an audit marker begins with the name of a table"),
                m->line);
        return -1;
    }
    if (!unquote(&x, m->table, sizeof m->table))
        goto too_long;
    next(&x);
    while (x.tok != T_END) {
        if (is_word(&x, "insert-only")) {
            m->insert_only = true;
            next(&x);
            if (x.tok == T_STRING) {
                if (!unquote(&x, m->refusal, sizeof m->refusal))
                    goto too_long;
                next(&x);
            }
        } else if (is_word(&x, "except")) {
            do {
                next(&x);
                if (!is_name(&x)) {
                    put_err(err, errsz,
                            _("line %d: \"except\" in an audit marker is followed by the names of "
                              "columns, separated by commas"),
                            m->line);
                    return -1;
                }
                if (m->nexcept == DB_AUDIT_EXCEPT_MAX
                    || !unquote(&x, m->except[m->nexcept], sizeof m->except[0]))
                    goto too_long;
                m->nexcept++;
                next(&x);
            } while (x.tok == T_COMMA);
        } else if (is_word(&x, "with")) {
            do {
                next(&x);
                if (!is_name(&x))
                    goto bad_with;
                if (m->nwith == DB_AUDIT_WITH_MAX
                    || !unquote(&x, m->with[m->nwith].key, sizeof m->with[0].key))
                    goto too_long;
                next(&x);
                if (x.tok != T_EQUALS)
                    goto bad_with;
                next(&x);
                if (x.tok != T_NUMBER && x.tok != T_STRING)
                    goto bad_with;
                /* The literal as written: the lexer has checked its form. */
                if (x.len + 1 > sizeof m->with[0].value)
                    goto too_long;
                memcpy(m->with[m->nwith].value, x.start, x.len);
                m->with[m->nwith].value[x.len] = '\0';
                m->nwith++;
                next(&x);
            } while (x.tok == T_COMMA);
        } else {
            put_err(err, errsz, _("line %d: the audit marker of %s does not understand %.*s"),
                    m->line, m->table, (int)(x.len ? x.len : 1), x.start);
            return -1;
        }
    }
    return 0;

bad_with:
    put_err(err, errsz,
            _("line %d: \"with\" in an audit marker is followed by NAME = VALUE (a whole number "
              "or a quoted text), separated by commas"),
            m->line);
    return -1;
too_long:
    put_err(err, errsz,
            _("line %d: the audit marker is too long (names of up to %d bytes, up to %d columns "
              "left out, up to %d values added)"),
            m->line, DB_AUDIT_NAME_MAX - 1, DB_AUDIT_EXCEPT_MAX, DB_AUDIT_WITH_MAX);
    return -1;
}

static int line_of(const char *sql, const char *at)
{
    int n = 1;
    for (const char *p = sql; p < at; p++)
        n += *p == '\n';
    return n;
}

int db_audit_marker_next(const char *sql, size_t *pos, struct db_audit_marker *m, char *err,
                         size_t errsz)
{
    const char *p = sql + *pos;

    while (*p) {
        const char *e = line_end(p), *body = marker_body(p, e);
        if (!body) {
            p = *e ? e + 1 : e;
            continue;
        }
        static const struct db_audit_marker empty;
        char text[MARKER_MAX];
        size_t len = 0;
        const char *be = e;
        bool fits;

        *m = empty;
        m->line = line_of(sql, p);
        while (be > body && (blank(be[-1]) || be[-1] == '\r'))
            be--;
        fits = join(text, &len, body, be);
        text[len] = '\0';
        /* The lines below that go on with it. */
        for (p = *e ? e + 1 : e; *p; p = *e ? e + 1 : e) {
            const char *more;
            e = line_end(p);
            if (!(more = continuation(p, e)))
                break;
            const char *me = e;
            while (me > more && (blank(me[-1]) || me[-1] == '\r'))
                me--;
            fits = fits && join(text, &len, more, me);
        }
        *pos = (size_t)(p - sql);
        if (!fits) {
            put_err(err, errsz, _("line %d: the audit marker is too long"), m->line);
            return -1;
        }
        return parse(text, m, err, errsz) == 0 ? 1 : -1;
    }
    *pos = (size_t)(p - sql);
    return 0;
}

/* ---- making the triggers ------------------------------------------------ */

struct columns {
    char **name; /* every column, in the table's order */
    int n;
    int key;     /* the primary key's index in NAME */
};

static void free_columns(struct columns *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->name[i]);
    free(c->name);
    c->name = NULL;
    c->n = 0;
}

static bool left_out(const struct db_audit_marker *m, const char *column)
{
    for (int i = 0; i < m->nexcept; i++)
        if (sqlite3_stricmp(m->except[i], column) == 0)
            return true;
    return false;
}

static bool has_column(const struct columns *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (sqlite3_stricmp(c->name[i], name) == 0)
            return true;
    return false;
}

/* The name of M's table as the schema spells it into TABLE (identifiers
 * are matched without regard to ASCII case), and its columns into C, and
 * checks the marker against them.  Every column counts, generated ones
 * too: PRAGMA table_xinfo (table_info leaves those out).  0, or -1 with
 * the reason in ERR. */
static int read_columns(db *d, const struct db_audit_marker *m, char *table, size_t tablesz,
                        struct columns *c, char *err, size_t errsz)
{
    db_stmt *s = db_prepare(d, "SELECT name FROM sqlite_schema"
                               " WHERE type = 'table' AND name = :t COLLATE NOCASE");
    int rc = -1, st, keys = 0;

    c->key = -1;
    if (!s || db_bind_text(s, ":t", m->table) != 0 || (st = db_step(s)) == DB_ERR)
        goto failed;
    if (st != DB_ROW) {
        put_err(err, errsz, _("line %d: the audit marker names %s, which is not a table"),
                m->line, m->table);
        goto done;
    }
    snprintf(table, tablesz, "%s", db_col_text(s, 0));
    db_finalize(&s);

    /* hidden 1 is a column of a virtual table's own; 2 and 3 are generated. */
    s = db_prepare(d, "SELECT name, upper(type), pk FROM pragma_table_xinfo(:t, 'main')"
                      " WHERE hidden <> 1 ORDER BY cid");
    if (!s || db_bind_text(s, ":t", table) != 0)
        goto failed;
    while ((st = db_step(s)) == DB_ROW) {
        const char *name = db_col_text(s, 0);
        /* json_object refuses a BLOB at every write: better said now. */
        if (!left_out(m, name) && strcmp(db_col_text(s, 1), "BLOB") == 0) {
            put_err(err, errsz,
                    _("line %d: the column %s of %s holds BLOB values, which an audit record "
                      "cannot hold; leave it out with except"),
                    m->line, name, table);
            goto done;
        }
        if (db_col_int(s, 2) > 0) {
            keys++;
            c->key = c->n;
        }
        char **grown = realloc(c->name, sizeof *c->name * (size_t)(c->n + 1));
        if (!grown)
            goto failed;
        c->name = grown;
        if (!(c->name[c->n] = strdup(name)))
            goto failed;
        c->n++;
    }
    if (st != DB_DONE)
        goto failed;
    if (keys != 1) {
        put_err(err, errsz,
                _("line %d: %s has no primary key of one column to name its rows by in the "
                  "audit trail"),
                m->line, table);
        goto done;
    }
    for (int i = 0; i < m->nexcept; i++) {
        if (!has_column(c, m->except[i])) {
            put_err(err, errsz,
                    _("line %d: the audit marker leaves out %s, which %s does not have"), m->line,
                    m->except[i], table);
            goto done;
        }
    }
    for (int i = 0; i < m->nwith; i++) {
        if (has_column(c, m->with[i].key) && !left_out(m, m->with[i].key)) {
            put_err(err, errsz,
                    _("line %d: the audit marker adds %s, which is a column of %s already"),
                    m->line, m->with[i].key, table);
            goto done;
        }
    }
    rc = 0;
    goto done;
failed:
    put_err(err, errsz, _("line %d: cannot read the columns of %s: %s"), m->line, m->table,
            db_errmsg(d));
done:
    db_finalize(&s);
    return rc;
}

/* Starts a new line of S indented by INDENT; *LINE is where it begins. */
static void new_line(sqlite3_str *s, int *line, int indent)
{
    sqlite3_str_appendchar(s, 1, '\n');
    *line = sqlite3_str_length(s);
    sqlite3_str_appendchar(s, indent, ' ');
}

/* Appends PIECE (from sqlite3_mprintf, freed here) to S, after ", "
 * unless FIRST; on a new line indented INDENT when the line begun at
 * *LINE would pass WRAP_AT. */
static void wrapped(sqlite3_str *s, int *line, bool first, int indent, char *piece)
{
    int len = piece ? (int)strlen(piece) : 0;

    if (!first && sqlite3_str_length(s) - *line + 2 + len > WRAP_AT) {
        sqlite3_str_appendchar(s, 1, ',');
        new_line(s, line, indent);
    } else if (!first) {
        sqlite3_str_appendall(s, ", ");
    }
    if (piece)
        sqlite3_str_appendall(s, piece);
    sqlite3_free(piece);
}

/* json_object of the columns of the record as ROW ("new" or "old") holds
 * them, but those M leaves out, then M's added values; *LINE as for
 * wrapped. */
static void put_record(sqlite3_str *s, int *line, const char *row, const struct columns *c,
                       const struct db_audit_marker *m)
{
    int indent = sqlite3_str_length(s) - *line + (int)strlen("json_object(");
    bool first = true;

    sqlite3_str_appendall(s, "json_object(");
    for (int i = 0; i < c->n; i++) {
        if (left_out(m, c->name[i]))
            continue;
        wrapped(s, line, first, indent,
                sqlite3_mprintf("%Q, %s.\"%w\"", c->name[i], row, c->name[i]));
        first = false;
    }
    for (int i = 0; i < m->nwith; i++) {
        wrapped(s, line, first, indent,
                sqlite3_mprintf("%Q, %s", m->with[i].key, m->with[i].value));
        first = false;
    }
    sqlite3_str_appendchar(s, 1, ')');
}

enum action { INSERT, UPDATE, DELETE };

/* The audit trigger of TABLE after ACTION: one audit row, with the record
 * before (old) and after (new) as JSON, NULL for the one there is not. */
static void put_audit_trigger(sqlite3_str *s, const char *table, enum action a,
                              const struct columns *c, const struct db_audit_marker *m)
{
    static const char *const name[] = { "insert", "update", "delete" };
    static const char *const verb[] = { "INSERT", "UPDATE", "DELETE" };
    int line;

    sqlite3_str_appendf(s, "CREATE TRIGGER \"%w_audit_%s\" AFTER %s ON \"%w\" BEGIN\n", table,
                        name[a], verb[a], table);
    sqlite3_str_appendall(s,
                          "    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)");
    new_line(s, &line, 4);
    sqlite3_str_appendf(s, "VALUES (dd_now(), dd_operator(), %Q, CAST(%s.\"%w\" AS TEXT), '%s',",
                        table, a == DELETE ? "old" : "new", c->name[c->key], name[a]);
    if (a == INSERT)
        sqlite3_str_appendall(s, " NULL,");
    new_line(s, &line, 12);
    if (a != INSERT) {
        put_record(s, &line, "old", c, m);
        sqlite3_str_appendchar(s, 1, ',');
        if (a == DELETE)
            sqlite3_str_appendall(s, " NULL");
        else
            new_line(s, &line, 12);
    }
    if (a != DELETE)
        put_record(s, &line, "new", c, m);
    sqlite3_str_appendall(s, ");\nEND;\n");
}

/* The trigger of an insert-only TABLE that refuses ACTION before it is done. */
static void put_refusal(sqlite3_str *s, const char *table, enum action a,
                        const struct db_audit_marker *m)
{
    sqlite3_str_appendf(s, "CREATE TRIGGER \"%w_no_%s\" BEFORE %s ON \"%w\" BEGIN\n", table,
                        a == UPDATE ? "update" : "delete", a == UPDATE ? "UPDATE" : "DELETE",
                        table);
    if (m->refusal[0])
        sqlite3_str_appendf(s, "    SELECT RAISE(ABORT, %Q);\n", m->refusal);
    else
        sqlite3_str_appendf(s, "    SELECT RAISE(ABORT, 'the rows of %q cannot be changed');\n",
                            table);
    sqlite3_str_appendall(s, "END;\n");
}

/* Is the trail's own table there, with the columns the triggers fill? */
static bool trail_ready(db *d)
{
    return db_int(d, "SELECT count(*) FROM pragma_table_xinfo('audit', 'main')"
                     " WHERE name IN ('at', 'operator', 'tbl', 'row_key', 'action', 'old', 'new')",
                  0)
           == 7;
}

/* Every statement that makes M's triggers again, for db_exec; NULL when
 * memory ran out.  Free with sqlite3_free. */
static char *triggers_sql(const char *table, const struct columns *c,
                          const struct db_audit_marker *m)
{
    static const char *const made[] = {
        "audit_insert", "audit_update", "audit_delete", "no_update", "no_delete",
    };
    sqlite3_str *s = sqlite3_str_new(NULL);

    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        sqlite3_str_appendf(s, "DROP TRIGGER IF EXISTS \"%w_%s\";\n", table, made[i]);
    put_audit_trigger(s, table, INSERT, c, m);
    if (m->insert_only) {
        put_refusal(s, table, UPDATE, m);
        put_refusal(s, table, DELETE, m);
    } else {
        put_audit_trigger(s, table, UPDATE, c, m);
        put_audit_trigger(s, table, DELETE, c, m);
    }
    return sqlite3_str_finish(s);
}

int db_audit_generate(db *d, const struct db_audit_marker *m, char *err, size_t errsz)
{
    struct columns c = { 0 };
    char table[DB_AUDIT_NAME_MAX];
    char *sql = NULL;
    int rc = -1, pairs;

    if (!trail_ready(d)) {
        put_err(err, errsz,
                _("line %d: there is no audit table (at, operator, tbl, row_key, action, old, "
                  "new) for the triggers of %s to write into"),
                m->line, m->table);
        return -1;
    }
    if (read_columns(d, m, table, sizeof table, &c, err, errsz) != 0)
        goto done;
    /* json_object takes a name and a value per entry, and SQLite limits
     * the arguments of one call. */
    pairs = m->nwith;
    for (int i = 0; i < c.n; i++)
        pairs += !left_out(m, c.name[i]);
    if (2 * pairs > sqlite3_limit(db_conn(d), SQLITE_LIMIT_FUNCTION_ARG, -1)) {
        put_err(err, errsz, _("line %d: %s has too many columns for one audit record (%d)"),
                m->line, table, pairs);
        goto done;
    }
    if (!(sql = triggers_sql(table, &c, m))) {
        put_err(err, errsz, _("line %d: out of memory"), m->line);
        goto done;
    }
    /* A savepoint of its own, so that a failure leaves the triggers as
     * they were. */
    if (db_begin(d) != 0) {
        put_err(err, errsz, _("line %d: %s"), m->line, db_errmsg(d));
    } else if (db_exec(d, sql) != 0) {
        put_err(err, errsz, _("line %d: %s"), m->line, db_errmsg(d));
        db_rollback(d);
    } else if (db_commit(d) != 0) {
        put_err(err, errsz, _("line %d: %s"), m->line, db_errmsg(d));
        db_rollback(d);
    } else {
        rc = 0;
    }
done:
    sqlite3_free(sql);
    free_columns(&c);
    return rc;
}
