/* Tests of src/export.c: residents as a CSV for Excel and WPS. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "src/export.h"
#include "src/household.h"
#include "src/pinyin.h"
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
    cr_assert_not_null(strstr(t, ",备注\r\n"), "%s", t);
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
    cr_assert_not_null(strstr(t, ",\t330102********0018,1980-01-01,\t139****7788,"), "%s", t);
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
    cr_assert_not_null(strstr(t, ",\"住一楼, 腿脚不便\n说\"\"每周\"\"探访\"\r\n"), "%s", t);
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
