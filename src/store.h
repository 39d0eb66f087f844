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

/* Opens PATH (CREATE: make it, and its folder, when missing) and migrates
 * it.  OPERATOR is recorded on every change.  NULL with a reason in ERR. */
db *store_open(const char *path, bool create, const char *operator_name, char *err, size_t errsz);

/* Community-wide settings kept in the database. */
char *store_get_setting(db *d, const char *key);                 /* malloc'd or NULL */
int store_set_setting(db *d, const char *key, const char *value); /* 0 or -1 */

/* Fills a new database with a small sample community.  0 or -1. */
int store_fill_demo(db *d, const char *community);

/* Counts of the audit trail, for tests and the summary. */
long store_audit_count(db *d);

#endif
