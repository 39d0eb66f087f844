/* store.h — the community database as the program uses it.
 *
 * Opens the file through db/, brings the schema up to date, and sets who is
 * working (the operator) and the clock, so every change made through the
 * program is recorded in the audit trail with both. */
#ifndef DD_STORE_H
#define DD_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

enum store_mode {
    STORE_EXISTING, /* the file must exist, and be writable */
    STORE_CREATE,   /* made, with its folder, when missing */
    STORE_READ,     /* the file must exist; read-only when it cannot be written */
};

/* Opens PATH as MODE says and migrates it.  OPERATOR is recorded on every
 * change.  Read-only (STORE_READ on a file or folder that cannot be
 * written, store_readonly), a file whose schema is older than this
 * program's is refused: bringing it up to date needs to write.  NULL with a
 * reason in ERR. */
db *store_open(const char *path, enum store_mode mode, const char *operator_name, char *err,
               size_t errsz);

/* Was D opened read-only?  Every write on it fails with a message saying
 * so (db_errmsg). */
bool store_readonly(const db *d);

/* Did the last write on D fail because another program was writing (a
 * large import holds the database for its whole length)?  Then
 * store_busy_reason says who, in plain words, into BUF: "张三 is importing
 * 调查表.csv (since 10:02)", or "another program is writing into the
 * database". */
bool store_busy(const db *d);
void store_busy_reason(const db *d, char *buf, size_t bufsz);

/* Community-wide settings kept in the database. */
char *store_get_setting(db *d, const char *key);                 /* malloc'd or NULL */
int store_set_setting(db *d, const char *key, const char *value); /* 0 or -1 */

/* Fills a new database with a small sample community.  0 or -1. */
int store_fill_demo(db *d, const char *community);

/* Counts of the audit trail, for tests and the summary. */
long store_audit_count(db *d);

#endif
