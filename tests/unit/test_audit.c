/* Unit tests of db/audit.c: the audit triggers the migration runner makes
 * from a table's columns, on the real schema and on test migration lists. */
#include <criterion/criterion.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/db.h"
#include "db/migrate.h"
#include "tests/unit/scratch.h"

#define OPERATOR "值班员 王𠮷"
#define NOW "2026-11-23T09:30:00"

static struct scratch scratch;
static db *d; /* the whole schema */

static void setup(void)
{
    d = scratch_open(&scratch, OPERATOR);
}

static void teardown(void)
{
    scratch_close(&scratch);
    d = NULL;
}

TestSuite(audit, .init = setup, .fini = teardown);

/* A new database NAME beside the scratch one, brought up to migration
 * COUNT of LIST, with the scratch's operator and clock. */
static db *open_with(const char *name, const struct db_migration *list, int count)
{
    char path[128], err[512] = "";
    snprintf(path, sizeof path, "%s/%s", scratch.dir, name);
    db *x = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(x, "%s", err);
    cr_assert_eq(db_migrate_with(x, list, count, err, sizeof err), 0, "%s", err);
    db_set_actor(x, OPERATOR);
    db_set_now(x, NOW);
    return x;
}

/* The text SQL reads from X, compared with WANT. */
static void text_is(db *x, const char *sql, const char *want)
{
    char *t = db_text(x, sql);
    cr_assert_not_null(t, "%s: %s", sql, db_errmsg(x));
    cr_assert_str_eq(t, want, "%s", sql);
    free(t);
}

static void exec_ok(db *x, const char *sql)
{
    cr_assert_eq(db_exec(x, sql), 0, "%s: %s", sql, db_errmsg(x));
}

/* The newest marker naming TABLE in the first COUNT migrations of LIST:
 * the one whose triggers the table has. */
static bool newest_marker(const struct db_migration *list, int count, const char *table,
                          struct db_audit_marker *out)
{
    bool found = false;
    for (int i = 0; i < count; i++) {
        struct db_audit_marker m;
        size_t pos = 0;
        int rc;
        char err[256] = "";
        while ((rc = db_audit_marker_next(list[i].sql, &pos, &m, err, sizeof err)) == 1) {
            if (strcmp(m.table, table) == 0) {
                *out = m;
                found = true;
            }
        }
        cr_assert_eq(rc, 0, "%s: %s", list[i].name, err);
    }
    return found;
}

/* The column of TABLE that is its primary key, malloc'd. */
static char *key_column(db *x, const char *table)
{
    db_stmt *s = db_prepare(x, "SELECT name FROM pragma_table_xinfo(:t) WHERE pk = 1");
    cr_assert_eq(db_bind_text(s, ":t", table), 0);
    cr_assert_eq(db_step(s), DB_ROW, "%s has no primary key", table);
    char *k = strdup(db_col_text(s, 0));
    db_finalize(&s);
    return k;
}

static bool left_out(const struct db_audit_marker *m, const char *column)
{
    for (int i = 0; i < m->nexcept; i++)
        if (strcmp(m->except[i], column) == 0)
            return true;
    return false;
}

static bool added(const struct db_audit_marker *m, const char *key)
{
    for (int i = 0; i < m->nwith; i++)
        if (strcmp(m->with[i].key, key) == 0)
            return true;
    return false;
}

/* Compares JSON (an audit row's old or new) with the row of SOURCE (the
 * table, or a copy of the row made before it changed) whose primary key,
 * as text, is KEY.  Every column of TABLE that M does not leave out must
 * be in JSON with the row's value, M's added values must be there too,
 * and nothing else may.  Returns the number of problems, the first of
 * them said in WHY. */
static int record_problems(db *x, const char *json, const char *table, const char *source,
                           const char *key, const struct db_audit_marker *m, char *why,
                           size_t whysz)
{
    int problems = 0;
    char *keycol = key_column(x, table);
    db_stmt *cols, *s;

#define PROBLEM(...) \
    do { \
        if (problems++ == 0) \
            snprintf(why, whysz, __VA_ARGS__); \
    } while (0)

    *why = '\0';
    if (!json) {
        PROBLEM("no record");
        free(keycol);
        return problems;
    }
    /* Every column, generated ones too, as the generator counts them. */
    cols = db_prepare(x, "SELECT name FROM pragma_table_xinfo(:t) WHERE hidden <> 1");
    cr_assert_eq(db_bind_text(cols, ":t", table), 0);
    while (db_step(cols) == DB_ROW) {
        const char *c = db_col_text(cols, 0);
        if (left_out(m, c))
            continue;
        s = db_prepare(x, "SELECT count(*) FROM json_each(:j) WHERE key = :c");
        cr_assert(db_bind_text(s, ":j", json) == 0 && db_bind_text(s, ":c", c) == 0);
        cr_assert_eq(db_step(s), DB_ROW, "%s", db_errmsg(x));
        bool there = db_col_int(s, 0) == 1;
        db_finalize(&s);
        if (!there) {
            PROBLEM("%s.%s is not in the record %s", table, c, json);
            continue;
        }
        /* The same value, and the same type: no affinity to hide a number
         * written as text. */
        char *sql = sqlite3_mprintf("SELECT (SELECT value FROM json_each(:j) WHERE key = :c)"
                                    " IS \"%w\" AND (SELECT type FROM json_each(:j)"
                                    " WHERE key = :c) IS typeof(\"%w\")"
                                    " FROM %s WHERE CAST(\"%w\" AS TEXT) = :k",
                                    c, c, source, keycol);
        s = db_prepare(x, sql);
        sqlite3_free(sql);
        cr_assert(db_bind_text(s, ":j", json) == 0 && db_bind_text(s, ":c", c) == 0
                  && db_bind_text(s, ":k", key) == 0);
        cr_assert_eq(db_step(s), DB_ROW, "no row %s in %s", key, source);
        if (!db_col_int(s, 0))
            PROBLEM("%s.%s has another value in the record %s", table, c, json);
        db_finalize(&s);
    }
    db_finalize(&cols);
    for (int i = 0; i < m->nwith; i++) {
        char *sql = sqlite3_mprintf("SELECT (SELECT value FROM json_each(:j) WHERE key = :c)"
                                    " IS %s", m->with[i].value);
        s = db_prepare(x, sql);
        sqlite3_free(sql);
        cr_assert(db_bind_text(s, ":j", json) == 0 && db_bind_text(s, ":c", m->with[i].key) == 0);
        cr_assert_eq(db_step(s), DB_ROW);
        if (!db_col_int(s, 0))
            PROBLEM("%s is not %s in the record %s", m->with[i].key, m->with[i].value, json);
        db_finalize(&s);
    }
    /* Nothing else: no column left out, no key of another table. */
    s = db_prepare(x, "SELECT j.key, c.name IS NOT NULL FROM json_each(:j) j"
                      " LEFT JOIN pragma_table_xinfo(:t) c ON c.name = j.key AND c.hidden <> 1");
    cr_assert(db_bind_text(s, ":j", json) == 0 && db_bind_text(s, ":t", table) == 0);
    while (db_step(s) == DB_ROW) {
        const char *k = db_col_text(s, 0);
        bool column = db_col_int(s, 1);
        if ((column && left_out(m, k)) || (!column && !added(m, k)))
            PROBLEM("the record of %s holds %s, which it should not: %s", table, k, json);
    }
    db_finalize(&s);
    free(keycol);
    return problems;
#undef PROBLEM
}

/* The old and new of the last audit row of TABLE, KEY and ACTION, malloc'd
 * (NULL for SQL NULL); false when there is no such row. */
static bool last_audit(db *x, const char *table, const char *key, const char *action, char **old,
                       char **new)
{
    db_stmt *s = db_prepare(x, "SELECT old, new, at, operator FROM audit WHERE tbl = :t"
                               " AND row_key = :k AND action = :a ORDER BY id DESC LIMIT 1");
    cr_assert(db_bind_text(s, ":t", table) == 0 && db_bind_text(s, ":k", key) == 0
              && db_bind_text(s, ":a", action) == 0);
    bool found = db_step(s) == DB_ROW;
    if (found) {
        *old = db_col_null(s, 0) ? NULL : strdup(db_col_text(s, 0));
        *new = db_col_null(s, 1) ? NULL : strdup(db_col_text(s, 1));
        cr_expect_str_eq(db_col_text(s, 2), NOW);
        cr_expect_str_eq(db_col_text(s, 3), OPERATOR);
    }
    db_finalize(&s);
    return found;
}

/* Runs SQL on a row of TABLE and checks the audit row it wrote against
 * the row as it was before (a copy in temp.before) and after. */
static void check_change(db *x, const char *table, const char *key, const char *action,
                         const char *sql, const struct db_audit_marker *m)
{
    char why[1024], *old = NULL, *new = NULL, *keycol = key_column(x, table);
    char *copy = sqlite3_mprintf("CREATE TEMP TABLE before AS SELECT * FROM \"%w\""
                                 " WHERE CAST(\"%w\" AS TEXT) = %Q", table, keycol, key);
    exec_ok(x, copy);
    sqlite3_free(copy);
    free(keycol);
    exec_ok(x, sql);
    cr_assert(last_audit(x, table, key, action, &old, &new), "no %s audit row for %s %s",
              action, table, key);
    if (strcmp(action, "insert") == 0)
        cr_assert_null(old, "%s", old);
    else
        cr_assert_eq(record_problems(x, old, table, "temp.before", key, m, why, sizeof why), 0,
                     "%s (old, %s)", why, action);
    if (strcmp(action, "delete") == 0) {
        cr_assert_null(new, "%s", new);
    } else {
        char *main_table = sqlite3_mprintf("main.\"%w\"", table);
        cr_assert_eq(record_problems(x, new, table, main_table, key, m, why, sizeof why), 0,
                     "%s (new, %s)", why, action);
        sqlite3_free(main_table);
    }
    exec_ok(x, "DROP TABLE temp.before");
    free(old);
    free(new);
}

/* ---- the real schema ---------------------------------------------------- */

/* A row of each audited table, with a value of its own in every column,
 * and the changes made to it (none for a table whose rows are written
 * once).  SETUP makes the rows it refers to. */
struct sample {
    const char *table, *key, *setup, *insert, *update, *delete;
};

static const struct sample samples[] = {
    { "setting", "社区名称", NULL,
      "INSERT INTO setting (key, value, updated_by, updated_at)"
      " VALUES ('社区名称', '幸福里社区', 'op-1', '2026-01-01T08:00:00')",
      "UPDATE setting SET value = '安居苑社区', updated_by = 'op-2',"
      " updated_at = '2026-02-02T08:00:00' WHERE key = '社区名称'",
      "DELETE FROM setting WHERE key = '社区名称'" },
    { "household", "4242", NULL,
      "INSERT INTO household (id, compound, building, unit, room, grid, grid_worker, kind,"
      " phone, phone_rev, notes, created_by, created_at, updated_by, updated_at)"
      " VALUES (4242, '幸福里', '12', '3', '301', '第二网格', '王网格员', 2, '13900001111',"
      " '11110000931', '养狗', 'op-1', '2026-01-01T08:00:00', 'op-2', '2026-01-02T08:00:00')",
      "UPDATE household SET compound = '安居苑', building = '7', unit = '5', room = '1002',"
      " grid = '第五网格', grid_worker = '李网格员', kind = 1, phone = '13700002222',"
      " phone_rev = '22220000731', notes = '养猫', updated_by = 'op-3',"
      " updated_at = '2026-02-02T08:00:00' WHERE id = 4242",
      "DELETE FROM household WHERE id = 4242" },
    { "resident", "777",
      "INSERT INTO household (id, compound, created_by, created_at, updated_by, updated_at)"
      " VALUES (5151, '幸福里', 'op', 't', 'op', 't'), (5152, '安居苑', 'op', 't', 'op', 't')",
      "INSERT INTO resident (id, household_id, name, sex, id_kind, id_number, birth_date, phone,"
      " relation, floating, hukou_place, flags, returned_from, arrived_on, travel_notes,"
      " moved_out_on, moved_to, notes, name_initials, name_key, id_rev, phone_rev, created_by,"
      " created_at, updated_by, updated_at)"
      " VALUES (777, 5151, '张三丰', 'M', 3, '330102198001010018', '1980-01-01', '13912345678',"
      " '户主', 1, '浙江杭州', 5, '武汉', '2026-11-20', 'G123 次', NULL, NULL, '独居',"
      " 'zsf', x'7A7366', '810010108910201033', '87654321931', 'op-1', '2026-01-01T08:00:00',"
      " 'op-2', '2026-01-02T08:00:00')",
      "UPDATE resident SET household_id = 5152, name = '张三', sex = 'F', id_kind = 2,"
      " id_number = 'E12345678', birth_date = '1981-02-03', phone = '13800000000',"
      " relation = '配偶', floating = 0, hukou_place = '上海', flags = 4,"
      " returned_from = '北京', arrived_on = '2026-11-21', travel_notes = '自驾',"
      " moved_out_on = '2026-11-22', moved_to = '宁波', notes = '已搬走',"
      " name_initials = 'zs', name_key = x'7A73', id_rev = '87654321E', phone_rev = '00000000831',"
      " updated_by = 'op-3', updated_at = '2026-02-02T08:00:00' WHERE id = 777",
      "DELETE FROM resident WHERE id = 777" },
    { "import_run", "31", NULL,
      "INSERT INTO import_run (id, what, file, rows, rows_rejected, households_created,"
      " residents_created, residents_updated, residents_unchanged, first_household_id,"
      " last_household_id, first_resident_id, last_resident_id, created_by, created_at)"
      " VALUES (31, 'residents', '调查表.csv', 120, 3, 11, 101, 7, 9, 201, 211, 301, 401,"
      " 'op-1', '2026-01-01T08:00:00')",
      NULL, NULL },
    { "export_run", "41", NULL,
      "INSERT INTO export_run (id, what, file, rows, created_by, created_at)"
      " VALUES (41, 'residents', '/tmp/名单.csv', 57, 'op-1', '2026-01-01T08:00:00')",
      NULL, NULL },
};

static const struct sample *sample_of(const char *table)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        if (strcmp(samples[i].table, table) == 0)
            return &samples[i];
    return NULL;
}

/* Every write of every sample, in order. */
static void write_samples(db *x)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const struct sample *p = &samples[i];
        if (p->setup)
            exec_ok(x, p->setup);
        exec_ok(x, p->insert);
        if (p->update)
            exec_ok(x, p->update);
        if (p->delete)
            exec_ok(x, p->delete);
    }
}

Test(audit, every_column_of_every_audited_table_is_in_its_records)
{
    /* The tables first: the schema cannot change under a statement that
     * reads it. */
    char *tables = db_text(d, "SELECT group_concat(tbl_name, ' ') FROM (SELECT tbl_name"
                              " FROM sqlite_schema WHERE type = 'trigger'"
                              " AND name = tbl_name || '_audit_insert' ORDER BY tbl_name)");
    char *seen = strdup(tables);

    for (char *save = NULL, *table = strtok_r(seen, " ", &save); table;
         table = strtok_r(NULL, " ", &save)) {
        const struct sample *p = sample_of(table);
        struct db_audit_marker m;

        cr_assert_not_null(p, "the audited table %s has no sample row in this test: add one",
                           table);
        cr_assert(newest_marker(db_migrations, db_migration_count, table, &m),
                  "%s has an audit trigger but no audit marker", table);
        if (p->setup)
            exec_ok(d, p->setup);
        check_change(d, table, p->key, "insert", p->insert, &m);
        cr_assert_eq(p->update == NULL, m.insert_only, "%s", table);
        if (p->update) {
            check_change(d, table, p->key, "update", p->update, &m);
            check_change(d, table, p->key, "delete", p->delete, &m);
        }
    }
    free(seen);
    /* None has lost its triggers. */
    cr_assert_str_eq(tables, "export_run household import_run resident setting");
    free(tables);
}

/* What the triggers written by hand in 0001 to 0004 put in the records. */
static const struct {
    const char *table, *keys;
} hand_written_keys[] = {
    { "setting", "key,value" },
    { "household", "compound,building,unit,room,grid,grid_worker,kind,phone,notes" },
    { "resident", "household_id,name,sex,id_kind,id_number,birth_date,phone,relation,floating,"
                  "hukou_place,flags,returned_from,arrived_on,travel_notes,moved_out_on,"
                  "moved_to,notes" },
    { "import_run", "what,file,rows,rows_rejected,households_created,residents_created,"
                    "residents_updated,residents_unchanged,first_household_id,"
                    "last_household_id,first_resident_id,last_resident_id" },
    { "export_run", "what,file,rows,unmasked" },
};

Test(audit, records_keep_the_keys_of_the_hand_written_triggers)
{
    write_samples(d);
    for (size_t i = 0; i < sizeof hand_written_keys / sizeof hand_written_keys[0]; i++) {
        const char *table = hand_written_keys[i].table;
        db_stmt *s = db_prepare(d, "SELECT action, 'old', (SELECT group_concat(key, ',')"
                                   "   FROM json_each(old)) FROM audit WHERE tbl = :t"
                                   "   AND row_key = :k AND old IS NOT NULL"
                                   " UNION ALL SELECT action, 'new', (SELECT group_concat(key,"
                                   "   ',') FROM json_each(new)) FROM audit WHERE tbl = :t"
                                   "   AND row_key = :k AND new IS NOT NULL");
        int records = 0;
        cr_assert_eq(db_bind_text(s, ":t", table), 0);
        cr_assert_eq(db_bind_text(s, ":k", sample_of(table)->key), 0);
        while (db_step(s) == DB_ROW) {
            cr_assert_str_eq(db_col_text(s, 2), hand_written_keys[i].keys, "%s, %s of %s",
                             table, db_col_text(s, 1), db_col_text(s, 0));
            records++;
        }
        db_finalize(&s);
        /* insert; update old and new; delete: or the insert alone */
        cr_assert_eq(records, sample_of(table)->update ? 4 : 1, "%s", table);
    }
}

/* The audit rows of X, one line each. */
static char *trail_of(db *x)
{
    char *t = db_text(x, "SELECT group_concat(line, char(10)) FROM (SELECT at || ' ' || operator"
                         " || ' ' || tbl || ' ' || row_key || ' ' || action || ' '"
                         " || ifnull(old, '-') || ' ' || ifnull(new, '-') AS line"
                         " FROM audit ORDER BY id)");
    cr_assert_not_null(t);
    return t;
}

Test(audit, records_are_the_ones_the_hand_written_triggers_wrote)
{
    /* The same writes on a database of schema 4, whose triggers are the
     * ones written by hand, and on one of schema 5, which made them from
     * the markers: the same audit rows, to the byte. */
    cr_assert_geq(db_migration_count, 5);
    cr_assert_str_eq(db_migrations[4].name, "0005_generated_audit");
    db *hand = open_with("hand.db", db_migrations, 4);
    db *made = open_with("made.db", db_migrations, 5);
    char err[512] = "";

    write_samples(hand);
    write_samples(made);
    char *a = trail_of(hand), *b = trail_of(made);
    cr_assert_str_eq(b, a);
    free(a);
    free(b);

    /* The older database brought up to date keeps its trail, and its
     * triggers are the generated ones now. */
    cr_assert_eq(db_migrate(hand, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_migrate(made, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_int(hand, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                              " AND name LIKE '%audit_insert' AND sql NOT LIKE '%new.\"%'", -1),
                 0);
    exec_ok(hand, "DELETE FROM household WHERE id IN (5151, 5152)");
    exec_ok(made, "DELETE FROM household WHERE id IN (5151, 5152)");
    a = trail_of(hand);
    b = trail_of(made);
    cr_assert_str_eq(b, a);
    free(a);
    free(b);
    cr_assert_eq(db_close(&hand), 0);
    cr_assert_eq(db_close(&made), 0);
}

Test(audit, the_schema_holds_only_generated_audit_triggers)
{
    /* Every trigger a marker makes, for the five audited tables. */
    cr_assert_eq(db_int(d, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                           " AND tbl_name <> 'audit' AND (name LIKE '%\\_audit\\_%' ESCAPE '\\'"
                           " OR name LIKE '%\\_no\\_%' ESCAPE '\\')", -1),
                 3 * 3 + 2 * 3);
    cr_assert_eq(db_int(d, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                           " AND tbl_name <> 'audit' AND (name LIKE '%\\_audit\\_%' ESCAPE '\\'"
                           " OR name LIKE '%\\_no\\_%' ESCAPE '\\')"
                           " AND sql NOT LIKE 'CREATE TRIGGER \"' || name || '\" %'", -1),
                 0, "a trigger written by hand is left");
}

Test(audit, insert_only_tables_refuse_update_and_delete)
{
    static const struct {
        const char *table, *message;
    } once[] = {
        { "import_run", "the record of an import cannot be changed" },
        { "export_run", "the record of an export cannot be changed" },
    };
    write_samples(d);
    for (size_t i = 0; i < sizeof once / sizeof once[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "UPDATE %s SET file = 'elsewhere'", once[i].table);
        cr_assert_eq(db_exec(d, sql), -1, "%s", sql);
        cr_assert(strstr(db_errmsg(d), once[i].message), "%s", db_errmsg(d));
        snprintf(sql, sizeof sql, "DELETE FROM %s", once[i].table);
        cr_assert_eq(db_exec(d, sql), -1, "%s", sql);
        cr_assert(strstr(db_errmsg(d), once[i].message), "%s", db_errmsg(d));
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE file <> 'elsewhere'",
                 once[i].table);
        cr_assert_eq(db_int(d, sql, -1), 1);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = '%s'", once[i].table);
        cr_assert_eq(db_int(d, sql, -1), 1, "only the insert is in the trail");
    }
}

/* ---- test lists --------------------------------------------------------- */

#define TRAIL_SQL                                                                           \
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, operator TEXT NOT NULL,"  \
    " tbl TEXT NOT NULL, row_key TEXT NOT NULL, action TEXT NOT NULL, old TEXT, new TEXT);\n"

Test(audit, a_column_added_is_audited_once_its_marker_runs_again)
{
    static const struct db_migration list[] = {
        { 1, "0001_thing", TRAIL_SQL
          "CREATE TABLE thing (id INTEGER PRIMARY KEY, label TEXT NOT NULL, made_at TEXT);\n"
          "-- audit: thing except id, made_at\n" },
        { 2, "0002_colour", "ALTER TABLE thing ADD COLUMN colour TEXT;\n" },
        { 3, "0003_colour_audited", "-- The colour is audited too.\n"
                                    "-- audit: thing except id, made_at\n" },
    };
    struct db_audit_marker m;
    char why[1024], *old = NULL, *new = NULL;

    /* Added without its marker: the checker of the real schema's test
     * finds the column missing from the record. */
    db *x = open_with("list.db", list, 2);
    cr_assert(newest_marker(list, 2, "thing", &m));
    exec_ok(x, "INSERT INTO thing (id, label, made_at, colour) VALUES (1, '甲', 't', '红')");
    cr_assert(last_audit(x, "thing", "1", "insert", &old, &new));
    cr_assert_eq(record_problems(x, new, "thing", "thing", "1", &m, why, sizeof why), 1);
    cr_assert_str_eq(why, "thing.colour is not in the record {\"label\":\"甲\"}");
    free(new);

    /* With it: audited, with its value. */
    char err[512] = "";
    cr_assert_eq(db_migrate_with(x, list, 3, err, sizeof err), 0, "%s", err);
    cr_assert(newest_marker(list, 3, "thing", &m));
    check_change(x, "thing", "2", "insert",
                 "INSERT INTO thing (id, label, made_at, colour) VALUES (2, '乙', 't', '蓝')", &m);
    cr_assert(last_audit(x, "thing", "2", "insert", &old, &new));
    cr_assert_str_eq(new, "{\"label\":\"乙\",\"colour\":\"蓝\"}");
    free(new);
    check_change(x, "thing", "2", "update", "UPDATE thing SET colour = '绿' WHERE id = 2", &m);
    check_change(x, "thing", "2", "delete", "DELETE FROM thing WHERE id = 2", &m);
    cr_assert_eq(db_close(&x), 0);
}

Test(audit, names_are_quoted)
{
    static const struct db_migration list[] = {
        { 1, "0001_odd", TRAIL_SQL
          "CREATE TABLE \"odd \"\"t\"\"\" (\"the id\" INTEGER PRIMARY KEY, \"select\" TEXT,"
          " \"it's\" TEXT, \"say \"\"hi\"\"\" INTEGER, 名字 TEXT, \"new\" TEXT);\n"
          "-- audit: \"odd \"\"t\"\"\"\n" },
    };
    struct db_audit_marker m;
    char *old = NULL, *new = NULL;
    db *x = open_with("odd.db", list, 1);

    cr_assert(newest_marker(list, 1, "odd \"t\"", &m));
    cr_assert_eq(db_int(x, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                           " AND tbl_name = 'odd \"t\"'", -1), 3);
    check_change(x, "odd \"t\"", "5", "insert",
                 "INSERT INTO \"odd \"\"t\"\"\" VALUES (5, 'a', 'b''c', 7, '张三', 'd')", &m);
    cr_assert(last_audit(x, "odd \"t\"", "5", "insert", &old, &new));
    cr_assert_str_eq(new, "{\"the id\":5,\"select\":\"a\",\"it's\":\"b'c\",\"say \\\"hi\\\"\":7,"
                          "\"名字\":\"张三\",\"new\":\"d\"}");
    free(new);
    check_change(x, "odd \"t\"", "5", "update",
                 "UPDATE \"odd \"\"t\"\"\" SET \"select\" = 'e', \"new\" = 'f'", &m);
    check_change(x, "odd \"t\"", "5", "delete", "DELETE FROM \"odd \"\"t\"\"\"", &m);
    cr_assert_eq(db_close(&x), 0);
}

Test(audit, a_marker_again_makes_the_triggers_anew)
{
    static const struct db_migration list[] = {
        { 1, "0001_t", TRAIL_SQL "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);\n"
                       "-- audit: t\n" },
        { 2, "0002_once", "-- audit: t insert-only\n" },
        { 3, "0003_again", "--audit: t insert-only 'not this one'\n"
                           "--  audit:   T\n" },
    };
    db *x = open_with("again.db", list, 1);
    char err[512] = "";

    exec_ok(x, "INSERT INTO t VALUES (1, 'a'); UPDATE t SET v = 'b'");
    cr_assert_eq(db_int(x, "SELECT count(*) FROM audit", -1), 2);

    /* Written once from now on: no update or delete trigger of the trail,
     * and the default message. */
    cr_assert_eq(db_migrate_with(x, list, 2, err, sizeof err), 0, "%s", err);
    text_is(x, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
               " WHERE type = 'trigger' AND tbl_name = 't' ORDER BY name)",
            "t_audit_insert t_no_delete t_no_update");
    cr_assert_eq(db_exec(x, "UPDATE t SET v = 'c'"), -1);
    cr_assert_str_eq(db_errmsg(x), "the rows of t cannot be changed");
    cr_assert_eq(db_exec(x, "DELETE FROM t"), -1);
    cr_assert_str_eq(db_errmsg(x), "the rows of t cannot be changed");
    exec_ok(x, "INSERT INTO t VALUES (2, 'x')");

    /* Two markers of one table in one migration: the last one counts. */
    cr_assert_eq(db_migrate_with(x, list, 3, err, sizeof err), 0, "%s", err);
    text_is(x, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
               " WHERE type = 'trigger' AND tbl_name = 't' ORDER BY name)",
            "t_audit_delete t_audit_insert t_audit_update");
    exec_ok(x, "UPDATE t SET v = 'y' WHERE id = 2; DELETE FROM t WHERE id = 1");
    text_is(x, "SELECT group_concat(tbl || ' ' || row_key || ' ' || action || ' '"
               " || ifnull(old, '-') || ' ' || ifnull(new, '-'), '; ')"
               " FROM (SELECT * FROM audit ORDER BY id)",
            "t 1 insert - {\"id\":1,\"v\":\"a\"}; "
            "t 1 update {\"id\":1,\"v\":\"a\"} {\"id\":1,\"v\":\"b\"}; "
            "t 2 insert - {\"id\":2,\"v\":\"x\"}; "
            "t 2 update {\"id\":2,\"v\":\"x\"} {\"id\":2,\"v\":\"y\"}; "
            "t 1 delete {\"id\":1,\"v\":\"b\"} -");
    cr_assert_eq(db_close(&x), 0);
}

/* ---- reading markers ---------------------------------------------------- */

Test(audit, markers_read)
{
    static const char sql[] =
        "CREATE TABLE x (a); -- audit: not at the start of the line\n"
        "-- audit: t1\n"
        "--audit: t2 insert-only\n"
        "-- a comment: audit: t9\n"
        "-- audit: \"odd \"\"name\"\"\" insert-only 'it''s kept'\n"
        "--   except a, \"b c\",\n"
        "--\t\td with k = -3, s = 'x y'\n"
        "-- an ordinary comment\n"
        "   -- audit: not at the start either\n"
        "-- audit: t4 except z\r\n"
        "--  audit: t5";
    struct db_audit_marker m;
    size_t pos = 0;
    char err[256] = "";

    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 1, "%s", err);
    cr_assert_str_eq(m.table, "t1");
    cr_assert_eq(m.line, 2);
    cr_assert(!m.insert_only);
    cr_assert_eq(m.nexcept + m.nwith, 0);

    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 1, "%s", err);
    cr_assert_str_eq(m.table, "t2");
    cr_assert_eq(m.line, 3);
    cr_assert(m.insert_only);
    cr_assert_str_eq(m.refusal, "");

    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 1, "%s", err);
    cr_assert_eq(m.line, 5);
    cr_assert_str_eq(m.table, "odd \"name\"");
    cr_assert(m.insert_only);
    cr_assert_str_eq(m.refusal, "it's kept");
    cr_assert_eq(m.nexcept, 3);
    cr_assert_str_eq(m.except[0], "a");
    cr_assert_str_eq(m.except[1], "b c");
    cr_assert_str_eq(m.except[2], "d");
    cr_assert_eq(m.nwith, 2);
    cr_assert_str_eq(m.with[0].key, "k");
    cr_assert_str_eq(m.with[0].value, "-3");
    cr_assert_str_eq(m.with[1].key, "s");
    cr_assert_str_eq(m.with[1].value, "'x y'");

    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 1, "%s", err);
    cr_assert_str_eq(m.table, "t4");
    cr_assert_eq(m.line, 10);
    cr_assert_eq(m.nexcept, 1);
    cr_assert_str_eq(m.except[0], "z");

    /* A marker on the last line, without a line break. */
    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 1, "%s", err);
    cr_assert_str_eq(m.table, "t5");
    cr_assert_eq(m.line, 11);
    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 0);
    cr_assert_eq(db_audit_marker_next(sql, &pos, &m, err, sizeof err), 0);
}

Test(audit, markers_that_do_not_read_are_refused)
{
    static const struct {
        const char *sql, *err;
    } bad[] = {
        { "-- audit:\n", "line 1: an audit marker begins with the name of a table" },
        { "\n-- audit: , t\n", "line 2: an audit marker begins with the name of a table" },
        { "-- audit: t sometimes\n",
          "line 1: the audit marker of t does not understand sometimes" },
        { "-- audit: t insert-only 'open\n",
          "line 1: the audit marker of t does not understand 'open" },
        { "-- audit: t except\n", "line 1: \"except\" in an audit marker is followed by the "
                                 "names of columns, separated by commas" },
        { "-- audit: t except a,\n-- next\n", "line 1: \"except\" in an audit marker is "
                                               "followed by the names of columns, separated by "
                                               "commas" },
        { "-- audit: t with k\n", "line 1: \"with\" in an audit marker is followed by NAME = "
                                  "VALUE (a whole number or a quoted text), separated by commas" },
        { "-- audit: t with k = v\n", "line 1: \"with\" in an audit marker is followed by "
                                      "NAME = VALUE (a whole number or a quoted text), "
                                      "separated by commas" },
        { "-- audit: t with k = 1x\n", "line 1: \"with\" in an audit marker is followed by "
                                       "NAME = VALUE (a whole number or a quoted text), "
                                       "separated by commas" },
        { "-- audit: "
          "a123456789b123456789c123456789d123456789e123456789f123456789g1234\n",
          "line 1: the audit marker is too long (names of up to 63 bytes, up to 32 columns "
          "left out, up to 8 values added)" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct db_audit_marker m;
        size_t pos = 0;
        char err[256] = "";
        cr_assert_eq(db_audit_marker_next(bad[i].sql, &pos, &m, err, sizeof err), -1, "%s",
                     bad[i].sql);
        cr_assert_str_eq(err, bad[i].err);
        cr_assert_eq(db_audit_marker_next(bad[i].sql, &pos, &m, err, sizeof err), 0,
                     "going on after it: %s", bad[i].sql);
    }

    /* Too many columns left out. */
    char many[1024] = "-- audit: t except c0";
    for (int i = 1; i <= DB_AUDIT_EXCEPT_MAX; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), ", c%d", i);
    struct db_audit_marker m;
    size_t pos = 0;
    char err[256] = "";
    cr_assert_eq(db_audit_marker_next(many, &pos, &m, err, sizeof err), -1);
    cr_assert(strstr(err, "too long"), "%s", err);
}

Test(audit, a_marker_that_does_not_fit_its_table_fails_the_migration_whole)
{
    static const char first[] =
        TRAIL_SQL
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BLOB);\n"
        "CREATE TABLE pair (x TEXT, y TEXT, PRIMARY KEY (x, y));\n"
        "CREATE VIEW v AS SELECT * FROM t;\n";
    static const struct {
        const char *sql, *err;
    } bad[] = {
        { "CREATE TABLE u (x);\n-- audit: t except b, nosuch\n",
          "migration 0002_x: line 2: the audit marker leaves out nosuch, which t does not have" },
        { "CREATE TABLE u (x);\n-- audit: nosuch\n",
          "migration 0002_x: line 2: the audit marker names nosuch, which is not a table" },
        { "CREATE TABLE u (x);\n-- audit: v\n",
          "migration 0002_x: line 2: the audit marker names v, which is not a table" },
        { "CREATE TABLE u (x);\n-- audit: t\n",
          "migration 0002_x: line 2: the column b of t holds BLOB values, which an audit record "
          "cannot hold; leave it out with except" },
        { "CREATE TABLE u (x);\n-- audit: pair\n",
          "migration 0002_x: line 2: pair has no primary key of one column to name its rows by "
          "in the audit trail" },
        { "CREATE TABLE u (x);\n-- audit: u\n",
          "migration 0002_x: line 2: u has no primary key of one column to name its rows by in "
          "the audit trail" },
        { "CREATE TABLE u (x);\n-- audit: t except b with a = 1\n",
          "migration 0002_x: line 2: the audit marker adds a, which is a column of t already" },
        { "CREATE TABLE u (x);\n-- audit: t except b\n-- audit: t sometimes\n",
          "migration 0002_x: line 3: the audit marker of t does not understand sometimes" },
        { "CREATE TABLE u (x);\n-- audit: t except b\nDROP TABLE audit;\n",
          "migration 0002_x: line 2: there is no audit table (at, operator, tbl, row_key, action, "
          "old, new) for the triggers of t to write into" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct db_migration list[] = {
            { 1, "0001_t", first },
            { 2, "0002_x", bad[i].sql },
        };
        char name[32], err[512] = "";
        snprintf(name, sizeof name, "bad%zu.db", i);
        db *x = open_with(name, list, 1);
        cr_assert_eq(db_migrate_with(x, list, 2, err, sizeof err), -1, "%s", bad[i].sql);
        cr_assert_str_eq(err, bad[i].err);
        cr_assert_eq(db_user_version(x), 1);
        cr_assert_eq(db_tx_depth(x), 0);
        cr_assert_eq(db_int(x, "SELECT count(*) FROM sqlite_schema WHERE name = 'u'"
                               " OR type = 'trigger'", -1), 0, "%s", bad[i].sql);
        cr_assert_eq(db_close(&x), 0);
    }
}
