/* feed.c — see feed.h.  Each feed is an SQLite module of its own, named as
 * its table, whose client data is the feed: the one table made with it
 * finds its rows there.  The module goes when the feed is closed. */
#include "db/feed.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"

#define WHY_MAX 512

struct db_feed {
    db *d;
    char name[64];
    int ncols;
    int (*next)(void *ctx, struct db_value *values, char *why, size_t whysz);
    void *ctx;
    bool made;               /* the table exists */
    struct db_value *values; /* the current row */
};

struct feed_table {
    sqlite3_vtab base;
    db_feed *f;
};

struct feed_cursor {
    sqlite3_vtab_cursor base;
    db_feed *f;
    sqlite3_int64 row;
    bool eof;
};

static int feed_connect(sqlite3 *conn, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **vt, char **err)
{
    db_feed *f = aux;
    /* "CREATE TABLE x(c0, c1, ...)": 4 bytes a column at most, for 9999 */
    size_t cap = 32 + (size_t)f->ncols * 8;
    char *decl = malloc(cap);
    size_t n = 0;
    int rc;

    if (!decl)
        return SQLITE_NOMEM;
    n += (size_t)snprintf(decl + n, cap - n, "CREATE TABLE x(");
    for (int i = 0; i < f->ncols; i++)
        n += (size_t)snprintf(decl + n, cap - n, "%sc%d", i ? ", " : "", i);
    snprintf(decl + n, cap - n, ")");
    rc = sqlite3_declare_vtab(conn, decl);
    free(decl);
    if (rc != SQLITE_OK)
        return rc;
    struct feed_table *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->f = f;
    *vt = &t->base;
    return SQLITE_OK;
}

static int feed_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    info->estimatedCost = 1e9; /* read once, whole, in the order given */
    info->estimatedRows = 1000000;
    return SQLITE_OK;
}

static int feed_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

static int feed_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur)
{
    struct feed_cursor *c = sqlite3_malloc(sizeof *c);

    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    c->f = ((struct feed_table *)vt)->f;
    *cur = &c->base;
    return SQLITE_OK;
}

static int feed_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

/* The next row from the program, into the cursor. */
static int advance(struct feed_cursor *c)
{
    db_feed *f = c->f;
    char why[WHY_MAX] = "";
    int rc = f->next(f->ctx, f->values, why, sizeof why);

    if (rc > 0) {
        c->row++;
        return SQLITE_OK;
    }
    c->eof = true;
    if (rc == 0)
        return SQLITE_OK;
    sqlite3_free(c->base.pVtab->zErrMsg);
    c->base.pVtab->zErrMsg = sqlite3_mprintf("%s", why[0] ? why : "the rows given stopped");
    return SQLITE_ERROR;
}

static int feed_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                       sqlite3_value **argv)
{
    struct feed_cursor *c = (struct feed_cursor *)cur;

    c->row = 0;
    c->eof = false;
    return advance(c);
}

static int feed_next(sqlite3_vtab_cursor *cur)
{
    return advance((struct feed_cursor *)cur);
}

static int feed_eof(sqlite3_vtab_cursor *cur)
{
    return ((struct feed_cursor *)cur)->eof;
}

static int feed_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    db_feed *f = ((struct feed_cursor *)cur)->f;
    const struct db_value *v;

    if (col < 0 || col >= f->ncols) {
        sqlite3_result_null(ctx);
        return SQLITE_OK;
    }
    v = &f->values[col];
    switch (v->type) {
    case DB_INT: sqlite3_result_int64(ctx, v->i); break;
    case DB_TEXT:
        if (v->p)
            sqlite3_result_text(ctx, v->p, -1, SQLITE_STATIC);
        else
            sqlite3_result_null(ctx);
        break;
    case DB_BLOB: sqlite3_result_blob(ctx, v->p, (int)v->n, SQLITE_STATIC); break;
    case DB_NULL:
    default: sqlite3_result_null(ctx); break;
    }
    return SQLITE_OK;
}

static int feed_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = ((struct feed_cursor *)cur)->row;
    return SQLITE_OK;
}

static const sqlite3_module feed_module = {
    .iVersion = 0,
    .xCreate = feed_connect,
    .xConnect = feed_connect,
    .xBestIndex = feed_best_index,
    .xDisconnect = feed_disconnect,
    .xDestroy = feed_disconnect,
    .xOpen = feed_open,
    .xClose = feed_close,
    .xFilter = feed_filter,
    .xNext = feed_next,
    .xEof = feed_eof,
    .xColumn = feed_column,
    .xRowid = feed_rowid,
};

static bool identifier(const char *s)
{
    if (!*s || strlen(s) >= sizeof ((db_feed *)0)->name)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')
              || *s == '_'))
            return false;
    return true;
}

db_feed *db_feed_open(db *d, const char *name, int ncols,
                      int (*next)(void *ctx, struct db_value *values, char *why, size_t whysz),
                      void *ctx)
{
    char sql[192];
    db_feed *f;

    if (!d || !name || !identifier(name) || ncols < 1 || ncols > 9999 || !next) {
        fprintf(stderr, "db: db_feed_open: bad arguments (name %s)\n", name ? name : "(null)");
        if (d)
            db_say(d, "db_feed_open: bad arguments");
        return NULL;
    }
    if (!(f = calloc(1, sizeof *f)) || !(f->values = calloc((size_t)ncols, sizeof *f->values))) {
        free(f);
        db_say(d, "out of memory");
        return NULL;
    }
    f->d = d;
    snprintf(f->name, sizeof f->name, "%s", name);
    f->ncols = ncols;
    f->next = next;
    f->ctx = ctx;
    if (sqlite3_create_module(db_conn(d), f->name, &feed_module, f) != SQLITE_OK) {
        db_say(d, sqlite3_errmsg(db_conn(d)));
        db_feed_close(&f);
        return NULL;
    }
    /* An identifier checked above: names cannot be bound. */
    snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE temp.%s USING %s", f->name, f->name);
    if (db_exec(d, sql) != 0) {
        db_feed_close(&f);
        return NULL;
    }
    f->made = true;
    return f;
}

void db_feed_close(db_feed **fp)
{
    char sql[192];

    if (!fp || !*fp)
        return;
    db_feed *f = *fp;
    if (f->made) {
        snprintf(sql, sizeof sql, "DROP TABLE temp.%s", f->name);
        char keep[512];
        snprintf(keep, sizeof keep, "%s", db_errmsg(f->d)); /* a failure the caller reads */
        db_exec(f->d, sql);
        db_say(f->d, keep);
    }
    sqlite3_create_module(db_conn(f->d), f->name, NULL, NULL);
    free(f->values);
    free(f);
    *fp = NULL;
}
