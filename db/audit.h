/* audit.h — audit triggers made from a table's own columns.
 *
 * A migration names each table whose changes go into the audit trail with
 * a marker line, "-- audit: TABLE ..." (the syntax and what the triggers
 * write are in db/migrate.h).  The migration runner reads the markers of a
 * migration with db_audit_marker_next once its SQL has run, and makes the
 * triggers of each table again with db_audit_generate, inside the
 * migration's transaction.  So the JSON of an audit row lists every column
 * the table has when its marker last ran, except the ones the marker leaves
 * out: a column added later is audited as soon as a migration that adds it
 * repeats the table's marker.
 *
 * Nothing here knows a table of the program but the trail's own, audit
 * (at, operator, tbl, row_key, action, old, new), which the first migration
 * makes; the triggers fill it with dd_now() and dd_operator() (db/db.h). */
#ifndef DD_AUDIT_H
#define DD_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

enum {
    DB_AUDIT_NAME_MAX = 64,   /* bytes of a table or column name, with its '\0' */
    DB_AUDIT_EXCEPT_MAX = 32, /* columns one marker can leave out */
    DB_AUDIT_WITH_MAX = 8,    /* fixed values one marker can add */
    DB_AUDIT_TEXT_MAX = 200,  /* bytes of a refusal message or an added value */
};

/* One marker, as read from a migration. */
struct db_audit_marker {
    int line; /* where it begins in the migration, counted from 1 */
    char table[DB_AUDIT_NAME_MAX];
    bool insert_only;
    /* The message an insert-only table's refused update or delete gives;
     * "" for the default ("the rows of TABLE cannot be changed"). */
    char refusal[DB_AUDIT_TEXT_MAX];
    int nexcept;
    char except[DB_AUDIT_EXCEPT_MAX][DB_AUDIT_NAME_MAX];
    int nwith;
    struct {
        char key[DB_AUDIT_NAME_MAX];
        char value[DB_AUDIT_TEXT_MAX]; /* an SQL literal: a whole number or a quoted text */
    } with[DB_AUDIT_WITH_MAX];
};

/* Reads the next marker of SQL (a migration's text) at or after the byte
 * offset *POS (0 to begin with) into M, and moves *POS past it.  Returns 1
 * when one was read, 0 when there is none left, and -1 for a marker that
 * does not read, with "line N: reason" in ERR (*POS is then past it too). */
int db_audit_marker_next(const char *sql, size_t *pos, struct db_audit_marker *m, char *err,
                         size_t errsz);

/* Drops the triggers of M's table that a marker makes (TABLE_audit_insert,
 * TABLE_audit_update, TABLE_audit_delete, TABLE_no_update and
 * TABLE_no_delete), whichever there are, and creates again the ones M asks
 * for, from the table's columns as they are now.  Meant to run inside the
 * migration's transaction.  Returns 0, or -1 with "line N: reason" in ERR
 * (a table that is not there, a column left out that it does not have, no
 * primary key of one column, a BLOB column left in, ...): nothing is
 * changed then by this call. */
int db_audit_generate(db *d, const struct db_audit_marker *m, char *err, size_t errsz);

#endif
