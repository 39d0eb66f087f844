/* migrate.h — the schema as numbered migrations under PRAGMA user_version.
 *
 * db/migrations/NNNN_name.sql files are embedded into the binary at build
 * time (scripts/embed-migrations.sh) as db_migrations[], sorted by number,
 * numbered 1, 2, 3 ... without gaps. */
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
