/* Tests of src/households/export.c: residents as a CSV for Excel and WPS. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "src/households/demo.h"
#include "src/households/export.h"
#include "src/households/household.h"
#include "src/numbers.h"
#include "src/households/import.h"
#include "src/pinyin.h"
#include "src/text.h"
#include "tests/unit/scratch.h"

static struct scratch scratch;
static db *d;

static void setup(void)
{
    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    d = scratch_open(&scratch, "陈静");
}

static void teardown(void)
{
    scratch_close(&scratch);
    d = NULL;
}

TestSuite(export, .init = setup, .fini = teardown);

static int64_t add_household(const char *building, const char *room)
{
    struct household h = { 0 };

    snprintf(h.compound, sizeof h.compound, "大美南苑");
    snprintf(h.building, sizeof h.building, "%s", building);
    snprintf(h.unit, sizeof h.unit, "2");
    snprintf(h.room, sizeof h.room, "%s", room);
    h.kind = HH_RENTED;
    cr_assert_eq(household_save(d, &h), 0, "%s", db_errmsg(d));
    return h.id;
}

static void add_resident(int64_t hh, const char *name, const char *idnum, const char *phone,
                         const char *relation, unsigned flags, const char *notes)
{
    struct resident r = { .household_id = hh, .flags = flags };

    snprintf(r.name, sizeof r.name, "%s", name);
    if (idnum) {
        r.id_kind = IDK_RESIDENT;
        snprintf(r.id_number, sizeof r.id_number, "%s", idnum);
    }
    snprintf(r.phone, sizeof r.phone, "%s", phone);
    snprintf(r.relation, sizeof r.relation, "%s", relation);
    snprintf(r.notes, sizeof r.notes, "%s", notes);
    cr_assert_eq(resident_save(d, &r, NULL), 0, "%s", db_errmsg(d));
}

/* The export of the database into a malloc'd string. */
static char *export_text(bool unmasked, long *count)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    cr_assert_not_null(f);
    cr_assert_eq(export_residents(d, f, unmasked, count), 0, "%s", db_errmsg(d));
    fclose(f);
    return buf;
}

Test(export, bom_header_and_crlf)
{
    long n = -1;
    char *t;

    add_resident(add_household("12", "301"), "张三", "330102198001010018", "13912347788", "户主",
                 0, "");
    t = export_text(false, &n);
    cr_assert_eq(n, 1);
    cr_assert(strncmp(t, "\xEF\xBB\xBF" "小区,楼栋,单元,房号,", 15) == 0, "%s", t);
    cr_assert_not_null(strstr(t, ",备注,户联系电话,户备注\r\n"), "%s", t);
    cr_assert_not_null(strstr(t, "\r\n大美南苑,12,2,301,,,出租,张三,男,身份证,"), "%s", t);
    cr_assert_eq(t[strlen(t) - 1], '\n');
    cr_assert_eq(t[strlen(t) - 2], '\r');
    free(t);
}

Test(export, masked_by_default_and_numbers_kept_as_text)
{
    long n;
    char *t;

    add_resident(add_household("12", "301"), "张三", "330102198001010018", "13912347788", "户主",
                 0, "");
    t = export_text(false, &n);
    cr_assert_null(strstr(t, "330102198001010018"), "%s", t);
    cr_assert_null(strstr(t, "13912347788"), "%s", t);
    /* Masked, the birth date is the year only: the stars are the date. */
    cr_assert_not_null(strstr(t, ",\t330102********0018,1980,\t139****7788,"), "%s", t);
    free(t);
    t = export_text(true, &n);
    cr_assert_not_null(strstr(t, ",\t330102198001010018,1980-01-01,\t13912347788,"), "%s", t);
    free(t);
}

Test(export, quotes_commas_quotes_and_line_breaks)
{
    long n;
    char *t;

    add_resident(add_household("3", "101"), "王秀英", NULL, "", "户主", 0,
                 "住一楼, 腿脚不便\n说\"每周\"探访");
    t = export_text(false, &n);
    cr_assert_not_null(strstr(t, ",\"住一楼, 腿脚不便\n说\"\"每周\"\"探访\",,\r\n"), "%s", t);
    /* no ID: empty cells, not a lone TAB */
    cr_assert_not_null(strstr(t, ",王秀英,,,,,,户主,"), "%s", t);
    free(t);
}

Test(export, flags_as_words_and_rare_characters)
{
    long n;
    char *t;

    add_resident(add_household("3", "102"), "李䶮", NULL, "", "户主",
                 CARE_ALONE_ELDERLY | CARE_CHRONIC | CARE_KEY_PERSON, "");
    add_resident(add_household("3", "103"), "𠮷野", NULL, "", "户主", 0, "");
    t = export_text(false, &n);
    cr_assert_eq(n, 2);
    cr_assert_not_null(strstr(t, ",独居老人、慢性病、重点人员,"), "%s", t);
    cr_assert_not_null(strstr(t, ",李䶮,"), "%s", t);
    cr_assert_not_null(strstr(t, ",𠮷野,"), "%s", t);
    free(t);
}

Test(export, by_address_head_first_moved_out_last)
{
    long n;
    char *t, *a, *b, *c, *z;
    int64_t h1 = add_household("12", "301"), h2 = add_household("2", "101");

    add_resident(h1, "阿宝", NULL, "", "子", 0, "");
    add_resident(h1, "张三", NULL, "", "户主", 0, "");
    add_resident(h2, "赵一", NULL, "", "户主", 0, "");
    {
        struct resident r = { .household_id = h1 };

        snprintf(r.name, sizeof r.name, "包公");
        cr_assert_eq(resident_save(d, &r, NULL), 0);
        cr_assert_eq(resident_move_out(d, r.id, "2026-11-20", "杭州"), 0, "%s", db_errmsg(d));
    }
    t = export_text(false, &n);
    cr_assert_eq(n, 4);
    z = strstr(t, ",赵一,"); /* building 2 before building 12 */
    a = strstr(t, ",张三,");
    b = strstr(t, ",阿宝,");
    c = strstr(t, ",包公,");
    cr_assert(z && a && b && c, "%s", t);
    cr_assert(z < a && a < b && b < c, "%s", t);
    cr_assert_not_null(strstr(c, ",2026-11-20,杭州,"), "%s", t);
    free(t);
}

Test(export, formulas_are_kept_as_text)
{
    long n;
    char *t;

    add_resident(add_household("3", "104"), "=1+1", NULL, "", "户主", 0,
                 "=HYPERLINK(\"http://x\",\"点我\")");
    add_resident(add_household("3", "105"), "@SUM(A1)", NULL, "", "-", 0, "+86");
    t = export_text(false, &n);
    cr_assert_not_null(strstr(t, ",'=1+1,"), "%s", t);
    cr_assert_not_null(strstr(t, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","), "%s", t);
    cr_assert_not_null(strstr(t, ",'@SUM(A1),"), "%s", t);
    cr_assert_not_null(strstr(t, ",'-,"), "%s", t);
    cr_assert_not_null(strstr(t, ",'+86,"), "%s", t);
    free(t);
}

Test(export, no_control_character_is_written)
{
    long n;
    char *t;

    add_resident(add_household("3", "106"), "坏\x1B]0;pwned\x07", NULL, "", "户主", 0,
                 "a\xC2\x9B" "1mb");
    t = export_text(false, &n);
    cr_assert_eq(text_find_control(t, "\r\n\t", NULL, NULL), -1, "%s", t);
    cr_assert_not_null(strstr(t, "坏\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD"), "%s", t);
    free(t);
}

/* The digits a masked ID number hides, tried: every 18-character number
 * that agrees with what a masked row shows (the first 6 and last 4
 * characters, the birth date as shown, the check character).  None may be
 * one alone: the number would be given away. */
static int candidates(const char *masked, const char *born)
{
    char n[64];
    int found = 0;

    cr_assert_eq(strlen(masked), 18, "%s", masked);
    for (int m = 1; m <= 12; m++) {
        for (int day = 1; day <= 31; day++) {
            char date[32];
            snprintf(date, sizeof date, "%.4s-%02d-%02d", born, m, day);
            if (strlen(born) == 10 && strcmp(date, born) != 0)
                continue; /* the whole date was shown */
            snprintf(n, sizeof n, "%.6s%.4s%02d%02d%s", masked, born, m, day, masked + 14);
            struct id_info info;
            enum id_status st = id_check(n, 20261123, &info);
            found += st == ID_OK;
        }
    }
    return found;
}

/* Splits one CSV line of the export (no quotes in the cells used here)
 * into its cells. */
static int cells(char *line, char **cell, int max)
{
    int n = 0;

    for (char *p = line; n < max;) {
        cell[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p++ = '\0';
    }
    return n;
}

Test(export, no_masked_row_gives_an_id_number_away, .timeout = 60)
{
    long n, tried = 0;
    char *t, *line, *save = NULL;

    cr_assert_eq(demo_fill(d, 800, 20200123, NULL), 0, "%s", db_errmsg(d));
    t = export_text(false, &n);
    cr_assert_gt(n, 700);
    strtok_r(t, "\r\n", &save); /* the header */
    while ((line = strtok_r(NULL, "\r\n", &save)) != NULL) {
        char *c[32];
        if (cells(line, c, 32) < 12 || c[10][0] != '\t')
            continue; /* no ID number, or not a resident ID */
        if (strcmp(c[9], "身份证") != 0)
            continue;
        int k = candidates(c[10] + 1, c[11]);
        cr_assert_gt(k, 1, "the row of %s gives its number away (%s, born %s)", c[7],
                     c[10] + 1, c[11]);
        tried++;
    }
    cr_assert_gt(tried, 500, "only %ld rows were tried", tried);
    free(t);
}

/* Every household and resident as one line of text, in one order. */
static char *dump(db *o)
{
    db_stmt *st = db_prepare(o,
        "SELECT h.compound, h.building, h.unit, h.room, h.grid, h.grid_worker, h.kind, h.phone,"
        "       h.notes, r.name, r.sex, r.id_kind, r.id_number, r.birth_date, r.phone,"
        "       r.relation, r.floating, r.hukou_place, r.flags, r.returned_from, r.arrived_on,"
        "       r.travel_notes, r.moved_out_on, r.moved_to, r.notes, r.name_initials,"
        "       hex(r.name_key)"
        "  FROM household h LEFT JOIN resident r ON r.household_id = h.id"
        " ORDER BY h.compound, h.building, h.unit, h.room, r.name, r.id_number");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    cr_assert_not_null(st);
    while (db_step(st) == DB_ROW) {
        for (int i = 0; i < db_column_count(st); i++)
            fprintf(f, "%s%s", i ? "|" : "", db_col_null(st, i) ? "NULL" : db_col_text(st, i));
        fputc('\n', f);
    }
    db_finalize(&st);
    fclose(f);
    return buf;
}

/* The demo community, exported with the numbers in full and imported into
 * a new database, is the same community, field by field. */
Test(export, the_demo_community_round_trips, .timeout = 60)
{
    char path[128], other[128], err[512] = "";
    long n;
    struct import_result res;

    cr_assert_eq(demo_fill(d, 800, 20200123, NULL), 0, "%s", db_errmsg(d));
    snprintf(path, sizeof path, "%s/all.csv", scratch.dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(export_residents(d, f, true, &n), 0, "%s", db_errmsg(d));
    cr_assert_eq(fclose(f), 0);

    snprintf(other, sizeof other, "%s/other.db", scratch.dir);
    db *o = db_open(other, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(o, "%s", err);
    cr_assert_eq(db_migrate(o, err, sizeof err), 0, "%s", err);
    cr_assert_eq(import_residents(o, path, NULL, &res), 0, "rejected %ld", res.rows_rejected);
    cr_assert_eq(res.residents_created, n);

    char *want = dump(d), *got = dump(o);
    if (strcmp(want, got) != 0) {
        /* the first line that differs, for the message */
        const char *a = want, *b = got;
        while (*a && *a == *b)
            a++, b++;
        while (a > want && a[-1] != '\n')
            a--, b--;
        cr_assert_fail("the imported community differs:\n  exported: %.300s\n  imported: %.300s",
                       a, b);
    }
    free(want);
    free(got);
    db_close(&o);
}
