/* migrate.c — applies the numbered migrations of migrate.h. */
#include "db/migrate.h"

#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>

#include "db/audit.h"

/* db/ may not include src/i18n.h; the same marking, for xgettext. */
#define _(s) gettext(s)

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

int db_schema_version(void)
{
    int v = 0;
    for (int i = 0; i < db_migration_count; i++)
        if (db_migrations[i].version > v)
            v = db_migrations[i].version;
    return v;
}

/* The list must be numbered 1, 2, 3 ... in order, each with its SQL. */
static int check_list(const struct db_migration *m, int count, char *err, size_t errsz)
{
    for (int i = 0; i < count; i++) {
        if (m[i].version != i + 1 || !m[i].sql) {
            put_err(err, errsz,
                    _("the program's migration list is broken at %s (number %d, expected %d); "
                      "this is a bug in dutydesk"),
                    m[i].name ? m[i].name : "?", m[i].version, i + 1);
            return -1;
        }
    }
    return 0;
}

static int refuse_newer(db *d, int version, int count, char *err, size_t errsz)
{
    put_err(err, errsz,
            _("%s was written by a newer version of dutydesk (schema %d, this program knows up "
              "to %d); use the newer program or restore a backup"),
            db_path(d), version, count);
    return -1;
}

/* A file at version 0 that already holds tables belongs to something else:
 * dutydesk does not add its tables to it. */
static int refuse_foreign(db *d, char *err, size_t errsz)
{
    int64_t n = db_int(d, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'", -1);
    if (n == 0)
        return 0;
    if (n < 0)
        put_err(err, errsz, _("cannot read %s: %s"), db_path(d), db_errmsg(d));
    else
        put_err(err, errsz,
                _("%s is not a dutydesk database (it holds other tables); nothing was changed"),
                db_path(d));
    return -1;
}

/* Makes again the audit triggers of every table a marker of SQL names, in
 * the order of the markers.  0, or -1 with "line N: reason" in ERR. */
static int audit_tables(db *d, const char *sql, char *err, size_t errsz)
{
    struct db_audit_marker m;
    size_t pos = 0;
    int rc;

    while ((rc = db_audit_marker_next(sql, &pos, &m, err, errsz)) == 1)
        if (db_audit_generate(d, &m, err, errsz) != 0)
            return -1;
    return rc;
}

/* One migration in its own transaction.  The version is read again under
 * the write lock, so two programs starting at once do not both apply it.
 * Sets *DONE when the database is already current. */
static int apply_next(db *d, const struct db_migration *m, int count, bool *done, char *err,
                      size_t errsz)
{
    if (db_begin(d) != 0) {
        put_err(err, errsz, _("cannot update %s: %s"), db_path(d), db_errmsg(d));
        return -1;
    }
    int v = db_user_version(d);
    int rc = 0;
    if (v < 0) {
        put_err(err, errsz, _("cannot read %s: %s"), db_path(d), db_errmsg(d));
        rc = -1;
    } else if (v > count) {
        rc = refuse_newer(d, v, count, err, errsz);
    } else if (v == 0 && refuse_foreign(d, err, errsz) != 0) {
        rc = -1;
    } else if (v == count) {
        *done = true;
    } else {
        const struct db_migration *next = &m[v];
        char set[48], why[512] = "";
        snprintf(set, sizeof set, "PRAGMA user_version = %d", next->version);
        /* The SQL first: a marker's table is there after it. */
        if (db_exec(d, next->sql) != 0 || audit_tables(d, next->sql, why, sizeof why) != 0
            || db_exec(d, set) != 0 || db_commit(d) != 0) {
            put_err(err, errsz, _("migration %s: %s"), next->name, why[0] ? why : db_errmsg(d));
            db_rollback(d);
            return -1;
        }
        return 0;
    }
    if (rc == 0 && db_commit(d) == 0)
        return 0;
    if (rc == 0)
        put_err(err, errsz, _("cannot update %s: %s"), db_path(d), db_errmsg(d));
    db_rollback(d);
    return -1;
}

int db_migrate_with(db *d, const struct db_migration *m, int count, char *err, size_t errsz)
{
    if (check_list(m, count, err, errsz) != 0)
        return -1;
    if (db_tx_depth(d) != 0) {
        put_err(err, errsz, "%s", _("migrations cannot run inside a transaction"));
        return -1;
    }
    /* Without a write lock first: a current database needs none. */
    int v = db_user_version(d);
    if (v < 0) {
        put_err(err, errsz, _("cannot read %s: %s"), db_path(d), db_errmsg(d));
        return -1;
    }
    if (v > count)
        return refuse_newer(d, v, count, err, errsz);
    bool done = v == count;
    while (!done)
        if (apply_next(d, m, count, &done, err, errsz) != 0)
            return -1;
    return 0;
}

int db_migrate(db *d, char *err, size_t errsz)
{
    return db_migrate_with(d, db_migrations, db_migration_count, err, errsz);
}
