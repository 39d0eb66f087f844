/* scratch.c — a scratch database for the unit tests; see scratch.h. */
#include "tests/unit/scratch.h"

#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/migrate.h"
#include "src/pinyin.h"

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

db *scratch_open(struct scratch *s, const char *operator_name)
{
    char path[128], err[512] = "";

    snprintf(s->dir, sizeof s->dir, "/tmp/dd-test-XXXXXX");
    cr_assert_not_null(mkdtemp(s->dir), "cannot make a scratch directory");
    snprintf(path, sizeof path, "%s/desk.db", s->dir);
    s->d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(s->d, "%s", err);
    cr_assert_eq(db_migrate(s->d, err, sizeof err), 0, "%s", err);
    db_set_actor(s->d, operator_name);
    db_set_now(s->d, "2026-11-23T09:30:00");
    return s->d;
}

void scratch_close(struct scratch *s)
{
    if (s->d)
        cr_expect_eq(db_close(&s->d), 0, "statements or transactions left open");
    pinyin_cleanup();
    if (*s->dir)
        nftw(s->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
