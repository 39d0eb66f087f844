/* store.c — opening the community database and its small shared pieces. */
#include "src/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/migrate.h"
#include "src/date.h"
#include "src/households/demo.h"
#include "src/i18n.h"

/* The sample community of `dutydesk init --demo`: some 300 households. */
#define DEMO_RESIDENTS 800
#define DEMO_SEED 20200123

/* Creates the folders above PATH (0700) when they are missing. */
static int make_parent_dirs(const char *path, char *err, size_t errsz)
{
    char dir[4096];
    char *p;

    if (strlen(path) >= sizeof dir) {
        snprintf(err, errsz, _("%s: the path is too long"), path);
        return -1;
    }
    strcpy(dir, path);
    p = strrchr(dir, '/');
    if (!p || p == dir)
        return 0;
    *p = '\0';
    for (p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            goto fail;
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        goto fail;
    return 0;
fail:
    snprintf(err, errsz, _("cannot create the folder %s: %s"), dir, strerror(errno));
    return -1;
}

db *store_open(const char *path, enum store_mode mode, const char *operator_name, char *err,
               size_t errsz)
{
    static const enum db_open_mode db_mode[] = {
        [STORE_EXISTING] = DB_OPEN_EXISTING, [STORE_CREATE] = DB_OPEN_CREATE,
        [STORE_READ] = DB_OPEN_READ,
    };
    db *d;

    if (mode == STORE_CREATE && make_parent_dirs(path, err, errsz) != 0)
        return NULL;
    d = db_open(path, db_mode[mode], err, errsz);
    if (!d)
        return NULL;
    if (db_readonly(d) && db_user_version(d) < db_schema_version()) {
        snprintf(err, errsz,
                 _("%s was made by an older version of dutydesk and must be brought up to date "
                   "once, which needs to write to it: open it once where the file and its "
                   "folder can be written"),
                 path);
        db_close(&d);
        return NULL;
    }
    db_set_actor(d, operator_name);
    if (clock_pinned()) {
        char now[32];
        db_set_now(d, datetime_format(clock_now(), now, sizeof now));
    }
    if (db_migrate(d, err, errsz) != 0) {
        db_close(&d);
        return NULL;
    }
    return d;
}

char *store_get_setting(db *d, const char *key)
{
    db_stmt *s = db_prepare(d, "SELECT value FROM setting WHERE key = :key");
    char *value = NULL;

    if (!s)
        return NULL;
    db_bind_text(s, ":key", key);
    if (db_step(s) == DB_ROW)
        value = strdup(db_col_text(s, 0));
    db_finalize(&s);
    return value;
}

int store_set_setting(db *d, const char *key, const char *value)
{
    db_stmt *s;
    int rc = -1;

    if (db_begin(d) != 0)
        return -1;
    s = db_prepare(d, "INSERT INTO setting (key, value, updated_by, updated_at)"
                      " VALUES (:key, :value, dd_operator(), dd_now())"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                      " updated_by = excluded.updated_by, updated_at = excluded.updated_at"
                      " WHERE value IS NOT excluded.value");
    if (s && db_bind_text(s, ":key", key) == 0 && db_bind_text(s, ":value", value) == 0
        && db_step(s) == DB_DONE)
        rc = 0;
    db_finalize(&s);
    if (rc == 0)
        return db_commit(d);
    db_rollback(d);
    return -1;
}

int store_fill_demo(db *d, const char *community)
{
    if (store_set_setting(d, "community", community && *community ? community : "大美社区") != 0)
        return -1;
    return demo_fill(d, DEMO_RESIDENTS, DEMO_SEED, NULL);
}

bool store_readonly(const db *d)
{
    return db_readonly(d);
}

bool store_busy(const db *d)
{
    return db_busy(d);
}

void store_busy_reason(const db *d, char *buf, size_t bufsz)
{
    if (!db_long_write_note(db_path(d), buf, bufsz))
        snprintf(buf, bufsz, "%s", _("another program is writing into the database"));
}

long store_audit_count(db *d)
{
    return (long)db_int(d, "SELECT count(*) FROM audit", -1);
}
