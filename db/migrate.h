/* migrate.h — the schema as numbered migrations under PRAGMA user_version.
 *
 * db/migrations/NNNN_name.sql files are embedded into the binary at build
 * time (scripts/embed-migrations.sh) as db_migrations[], sorted by number,
 * numbered 1, 2, 3 ... without gaps.  A migration already applied in the
 * field is never changed: a change to the schema is a new migration.
 *
 * Audit markers.  Besides its SQL, a migration may hold comment lines of
 * their own that name the tables whose changes go into the audit trail:
 *
 *   -- audit: TABLE [insert-only ['MESSAGE']] [except COLUMN, ...]
 *   --        [with NAME = VALUE, ...]
 *
 * A marker is a line that begins "--", blanks, "audit:"; it goes on over
 * the comment lines right below it that begin "--" and two or more blanks.
 * After the migration's SQL has run, inside its transaction, each marker
 * in turn (db/audit.h) drops the triggers of TABLE that markers make and
 * creates them again from the columns TABLE has then (PRAGMA
 * table_xinfo, generated columns included):
 *   - TABLE_audit_insert, _audit_update and _audit_delete, each writing one
 *     row into audit (at, operator, tbl, row_key, action, old, new):
 *     dd_now(), dd_operator(), the table's name, its primary key (the one
 *     column it must have) CAST AS TEXT, 'insert', 'update' or 'delete',
 *     and the record before and after as json_object of every column in
 *     the table's order (NULL for the one there is not);
 *   - insert-only (records that are written once and never changed): only
 *     TABLE_audit_insert, and TABLE_no_update and TABLE_no_delete, which
 *     refuse any update or delete with RAISE(ABORT, MESSAGE) (without one:
 *     "the rows of TABLE cannot be changed");
 *   - except leaves columns out of the JSON (the key, when row_key already
 *     says it; what is derived from other columns; who and when, which the
 *     audit row says itself).  A BLOB column must be left out: JSON cannot
 *     hold one;
 *   - with adds fixed entries after the columns: VALUE is a whole number
 *     or a 'quoted text'.
 * Names are bare words or "quoted"; the triggers quote every name they use.
 * A marker that does not read, or does not fit its table, fails the
 * migration ("migration NNNN_x: line N: reason").  A migration that adds a
 * column to an audited table repeats the table's marker, so that the
 * column is audited too. */
#ifndef DD_MIGRATE_H
#define DD_MIGRATE_H

#include <stddef.h>

#include "db/db.h"

struct db_migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct db_migration db_migrations[];
extern const int db_migration_count;

/* The schema version this program writes (the highest migration). */
int db_schema_version(void);

/* Brings D up to the newest schema, applying each missing migration in a
 * transaction of its own (BEGIN IMMEDIATE) that also sets user_version.
 * A database whose user_version is newer than this program knows is refused
 * with a clear message and left untouched, and so is a file at version 0
 * that already holds tables of another program.  A failed migration is
 * rolled back whole and named in ERR ("migration 0002_x: reason"); the ones
 * before it stay.  Refused inside a transaction.  Returns 0, or -1 with a
 * reason in ERR. */
int db_migrate(db *d, char *err, size_t errsz);

/* The same with an explicit list, for tests.  A list not numbered 1..COUNT
 * in order is refused before anything is applied. */
int db_migrate_with(db *d, const struct db_migration *m, int count, char *err, size_t errsz);

#endif
