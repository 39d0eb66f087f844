/* Tests of src/households/import.c: header matching, the report of bad rows with their
 * lines, one transaction, dry runs and importing the same file again. */
#include <criterion/criterion.h>

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/db.h"
#include "db/migrate.h"
#include "src/date.h"
#include "src/households/demo.h"
#include "src/households/household.h"
#include "src/numbers.h"
#include "src/households/import.h"
#include "src/pinyin.h"
#include "src/households/search.h"
#include "src/text.h"

static char dir[64];
static db *d;

/* What the import said, copied out. */
#define MAXP 32
static struct {
    int n;
    long line[MAXP];
    bool rejected[MAXP];
    int kind[MAXP];
    char text[MAXP][1024];
} said;

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static void setup(void)
{
    char path[128], err[512] = "";

    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    cr_assert(clock_init(err, sizeof err), "%s", err);
    snprintf(dir, sizeof dir, "/tmp/dd-test-import-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/desk.db", dir);
    d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_migrate(d, err, sizeof err), 0, "%s", err);
    db_set_actor(d, "desk");
    memset(&said, 0, sizeof said);
}

static void teardown(void)
{
    import_set_sort_run(0);
    import_set_one_thread(false);
    if (d)
        cr_expect_eq(db_close(&d), 0, "statements or transactions left open");
    pinyin_cleanup();
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(import, .init = setup, .fini = teardown);

static void on_problem(const struct import_problem *p, void *ctx)
{
    cr_assert_lt(said.n, MAXP, "too many messages; last: %s", p->text);
    said.line[said.n] = p->line;
    said.rejected[said.n] = p->rejected;
    said.kind[said.n] = p->kind;
    snprintf(said.text[said.n], sizeof said.text[said.n], "%s", p->text);
    said.n++;
}

/* Writes TEXT to DIR/NAME and returns the path (static, one per slot). */
static const char *write_csv(int slot, const char *name, const char *text)
{
    static char path[4][160];
    snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
    FILE *f = fopen(path[slot], "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    return path[slot];
}

/* The demo community of N residents (src/households/demo.h) as a survey sheet
 * DIR/NAME; the path (static, one per slot). */
static const char *demo_csv(int slot, const char *name, long n, uint64_t seed)
{
    static char path[4][160];
    snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
    FILE *f = fopen(path[slot], "wb");
    cr_assert_not_null(f);
    cr_assert_eq(demo_write_csv(f, n, seed), 0);
    cr_assert_eq(fclose(f), 0);
    return path[slot];
}

/* Another database, DIR/NAME, made as the test's own is. */
static db *second_db(const char *name)
{
    char path[160], err[512] = "";

    snprintf(path, sizeof path, "%s/%s", dir, name);
    db *o = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(o, "%s", err);
    cr_assert_eq(db_migrate(o, err, sizeof err), 0, "%s", err);
    db_set_actor(o, "desk");
    return o;
}

static int run_import(const char *path, bool dry, struct import_result *res)
{
    struct import_options opt = { .dry_run = dry, .problem = on_problem };
    return import_residents(d, path, &opt, res);
}

static long count(const char *sql)
{
    return (long)db_int(d, sql, -1);
}

/* The text of the first message about LINE ("" when none). */
static const char *said_on(long line)
{
    for (int i = 0; i < said.n; i++)
        if (said.line[i] == line)
            return said.text[i];
    return "";
}

/* The one column value of SQL, into a static buffer ("" when no row). */
static const char *text_of(const char *sql)
{
    static char buf[512];
    char *t = db_text(d, sql);
    snprintf(buf, sizeof buf, "%s", t ? t : "");
    free(t);
    return buf;
}

#define ASSERT_SAID(line, needle)                                                      \
    do {                                                                               \
        const char *t_ = said_on(line);                                                \
        cr_assert(strstr(t_, (needle)) != NULL, "line %d: expected \"%s\" in \"%s\"",  \
                  (int)(line), (needle), t_);                                          \
    } while (0)

/* ---- header matching ------------------------------------------------------ */

Test(import, header_synonyms_chinese_and_english)
{
    static const struct {
        char text[40];
        int col;
    } cases[] = {
        { "姓名", IC_NAME },           { "name", IC_NAME },           { "Name", IC_NAME },
        { "性别", IC_SEX },            { "Gender", IC_SEX },          { "SEX", IC_SEX },
        { "身份证号", IC_ID_NUMBER },  { "身份证号码", IC_ID_NUMBER }, { "证件号码", IC_ID_NUMBER },
        { "id_number", IC_ID_NUMBER }, { "ID Number", IC_ID_NUMBER }, { "手机号", IC_PHONE },
        { "联系电话", IC_PHONE },      { "电话", IC_PHONE },          { "phone", IC_PHONE },
        { "小区", IC_COMPOUND },       { "compound", IC_COMPOUND },   { "楼栋", IC_BUILDING },
        { "幢", IC_BUILDING },         { "楼号", IC_BUILDING },       { "building", IC_BUILDING },
        { "单元", IC_UNIT },           { "unit", IC_UNIT },           { "室", IC_ROOM },
        { "房号", IC_ROOM },           { "门牌", IC_ROOM },           { "room", IC_ROOM },
        { "与户主关系", IC_RELATION }, { "relation", IC_RELATION },   { "备注", IC_NOTES },
        { "notes", IC_NOTES },         { "出生日期", IC_BIRTH_DATE }, { "户籍地", IC_HUKOU_PLACE },
        { "人员类型", IC_POPULATION }, { "常住/流动", IC_POPULATION }, { "返乡来源地", IC_RETURNED_FROM },
        { "到达日期", IC_ARRIVED_ON }, { "序号", IC_IGNORED },        { "独居老人", IC_FLAG_ALONE },
        { "网格员", IC_GRID_WORKER },  { "房屋性质", IC_HOUSEHOLD_KIND },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(import_column_of(cases[i].text), cases[i].col, "\"%s\"", cases[i].text);
}

Test(import, header_cells_are_trimmed)
{
    cr_assert_eq(import_column_of("  姓名 "), IC_NAME);
    cr_assert_eq(import_column_of("\u3000姓名\u3000"), IC_NAME);
    cr_assert_eq(import_column_of("\xEF\xBB\xBF姓名"), IC_NAME);
    cr_assert_eq(import_column_of("*姓名"), IC_NAME);
    cr_assert_eq(import_column_of("姓名（必填）"), IC_NAME);
    cr_assert_eq(import_column_of("ｎａｍｅ"), IC_NAME);
    cr_assert_eq(import_column_of("爱好"), IC_UNKNOWN);
    cr_assert_eq(import_column_of(""), IC_UNKNOWN);
    cr_assert_eq(import_column_of("姓"), IC_UNKNOWN);
}

Test(import, english_headers_in_any_order)
{
    const char *p = write_csv(0, "en.csv",
                              "Room,Phone,Name,Building,ID Number,Sex,Unit,Compound\n"
                              "301,139 1234 7788,Zhang San,12,330102198001010018,M,2,Sunny Court\n"
                              "302,,李梅,12,,female,2,Sunny Court\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(said.n, 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 2);
    cr_assert_eq(res.households_created, 2);
    cr_assert_str_eq(text_of("SELECT h.compound || '|' || h.building || '|' || h.unit || '|' ||"
                             " h.room || '|' || r.phone || '|' || r.sex || '|' || r.birth_date"
                             " FROM resident r JOIN household h ON h.id = r.household_id"
                             " WHERE r.id_number = '330102198001010018'"),
                     "Sunny Court|12|2|301|13912347788|M|1980-01-01");
    cr_assert_str_eq(text_of("SELECT sex FROM resident WHERE name = '李梅'"), "F");
}

Test(import, unknown_column_reported_once_and_skipped)
{
    const char *p = write_csv(0, "u.csv",
                              "姓名,爱好,楼栋,室\n"
                              "张三,钓鱼,12,301\n"
                              "李四,下棋,12,302\n"
                              "王五,,12,303\n");
    struct import_result res;

    char want[256];

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(said.n, 1);
    snprintf(want, sizeof want, "%s:1: unknown column \"爱好\" skipped", p);
    cr_assert_str_eq(said.text[0], want);
    cr_assert_not(said.rejected[0]);
    cr_assert_eq(res.unknown_columns, 1);
    cr_assert_eq(res.residents_created, 3);
}

Test(import, missing_required_column_writes_nothing)
{
    const char *p = write_csv(0, "m.csv",
                              "姓名,楼栋,单元\n"
                              "张三,12,2\n");
    struct import_result res;
    long audit_before = count("SELECT count(*) FROM audit");

    cr_assert_eq(run_import(p, false, &res), -1);
    cr_assert(res.stopped);
    cr_assert_eq(res.residents_created, 0);
    ASSERT_SAID(1, "room");
    cr_assert(said.rejected[0]);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit"), audit_before);
    cr_assert_eq(db_tx_depth(d), 0);
}

Test(import, missing_name_and_building_both_named)
{
    const char *p = write_csv(0, "m2.csv", "名称,楼,房号\n张三,12,301\n");
    struct import_result res;

    /* 楼 names the building; no name column at all. */
    cr_assert_eq(run_import(p, false, &res), -1);
    bool name = false;
    for (int i = 0; i < said.n; i++)
        name |= strstr(said.text[i], "姓名") != NULL;
    cr_assert(name, "the name column is asked for");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
}

/* ---- bad rows ------------------------------------------------------------- */

/* Lines: 1 header, 2-3 a good row with a two-line note, then one bad row
 * per line, and good rows between them. */
static const char bad_rows[] =
    "姓名,性别,身份证号,手机号,楼栋,单元,室,出生日期,备注\r\n"
    "张三,男,330102198001010018,13912347788,12幢,2单元,301室,,\"两行\r\n备注\"\r\n"
    "李四,男,330102198001010019,,12,2,302,,\r\n"               /* 4: check character */
    "王五,男,,12345,12,2,303,,\r\n"                           /* 5: phone */
    ",女,,,12,2,304,,\r\n"                                     /* 6: empty name */
    "赵六,女,330102198001010018,,12,2,305,,\r\n"               /* 7: ID twice (line 2) */
    "钱七,女,12,2,306\r\n"                                     /* 8: columns */
    "孙八,男,3.30102E+17,,12,2,307,,\r\n"                      /* 9: damaged ID */
    "周九,不详,,,12,2,308,,\r\n"                               /* 10: sex */
    "吴十,男,,,12,2,309,2027-01-01,\r\n"                       /* 11: birth in the future */
    "郑十一,男,,,12,2,,,\r\n"                                  /* 12: no room */
    "李梅,女,330102198203150027,,12,2,302,,\r\n";              /* 13: good */

Test(import, each_bad_row_reason_with_its_line)
{
    const char *p = write_csv(0, "bad.csv", bad_rows);
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(4, "bad.csv:4: ");
    ASSERT_SAID(4, "should be 8");
    ASSERT_SAID(5, "bad.csv:5: ");
    ASSERT_SAID(5, "\"*2345\" is not a possible phone number"); /* masked */
    ASSERT_SAID(6, "bad.csv:6: the 姓名 is empty");
    ASSERT_SAID(7, "appears twice in the file (first on line 2)");
    ASSERT_SAID(8, "wrong number of columns: this row has 5, the header has 9");
    ASSERT_SAID(9, "3.30102E+17");
    ASSERT_SAID(9, "format the column as text");
    ASSERT_SAID(10, "\"不详\" is neither 男 nor 女");
    ASSERT_SAID(11, "in the future");
    ASSERT_SAID(12, "室 is empty");
    for (int i = 0; i < said.n; i++)
        cr_assert(said.rejected[i], "%s", said.text[i]);
    cr_assert_eq(said.n, 9);
    cr_assert_str_eq(said_on(2), "");
    cr_assert_str_eq(said_on(13), "");
}

/* The rows of numbers_twice: which number each gives (-1: a passport,
 * always the same); a number that came before is refused with the line of
 * its first row. */
static const int number_order[] = { 0, 1, 2, 1, 3, -1, 4, 0, 5, 1, 6, -1, 7, 8, 2, 9, 7, 3, 0 };
#define NUMBER_ROWS (int)(sizeof number_order / sizeof number_order[0])

static const char *numbers_twice(void)
{
    static char text[4096];
    size_t o = (size_t)snprintf(text, sizeof text, "姓名,证件类型,身份证号,楼栋,室\n");

    for (int i = 0; i < NUMBER_ROWS; i++) {
        char number[32] = "E12345678";
        if (number_order[i] >= 0) {
            snprintf(number, sizeof number, "33010219800101%03d", number_order[i] % 1000);
            number[17] = id_check_char(number);
            number[18] = '\0';
        }
        o += (size_t)snprintf(text + o, sizeof text - o, "居民%d,%s,%s,1,%d\n", i,
                              number_order[i] >= 0 ? "身份证" : "护照", number, 101 + i);
    }
    cr_assert_lt(o, sizeof text - 1);
    return write_csv(0, "numbers.csv", text);
}

/* Run through the temporary file (a sort of 3 pairs at a time) and in
 * memory, the same rows are refused with the same first lines. */
static void check_numbers_twice(size_t run)
{
    struct import_result res;
    int refused = 0;

    import_set_sort_run(run);
    cr_assert_eq(run_import(numbers_twice(), false, &res), 1);
    import_set_sort_run(0);
    for (int i = 0; i < NUMBER_ROWS; i++) {
        int first = 0;
        for (int j = 0; j < i && !first; j++)
            if (number_order[j] == number_order[i])
                first = j + 2;
        if (!first) {
            cr_assert_str_eq(said_on(i + 2), "", "line %d", i + 2);
            continue;
        }
        char needle[64];
        snprintf(needle, sizeof needle, "appears twice in the file (first on line %d)", first);
        ASSERT_SAID(i + 2, needle);
        refused++;
    }
    cr_assert_eq(said.n, refused);
    cr_assert_eq(res.rows_rejected, refused);
    cr_assert_eq(res.residents_created, NUMBER_ROWS - refused);
    cr_assert_eq(count("SELECT count(*) FROM resident"), NUMBER_ROWS - refused);
}

Test(import, numbers_twice_found_in_memory)
{
    check_numbers_twice(0);
}

Test(import, numbers_twice_found_through_the_temporary_file)
{
    check_numbers_twice(3);
}

Test(import, good_rows_kept_bad_rows_rejected)
{
    const char *p = write_csv(0, "bad.csv", bad_rows);
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(res.rows, 11);
    cr_assert_eq(res.rows_rejected, 9);
    cr_assert_eq(res.residents_created, 2);
    cr_assert_eq(res.households_created, 2);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 2);
    cr_assert_str_eq(text_of("SELECT group_concat(name, ',') FROM"
                             " (SELECT name FROM resident ORDER BY id)"),
                     "张三,李梅");
    /* A line break made in a cell is a space: every field is one line. */
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '张三'"), "两行 备注");
    /* Building, unit and room as stored: 12幢 2单元 301室 -> 12, 2, 301. */
    cr_assert_eq(count("SELECT count(*) FROM household WHERE building = '12' AND unit = '2'"
                       " AND room IN ('301', '302')"),
                 2);
}

Test(import, sex_differing_from_the_id_is_a_notice)
{
    const char *p = write_csv(0, "n.csv",
                              "姓名,性别,身份证号,楼栋,室\n"
                              "张三,女,330102198001010018,12,301\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(said.n, 1);
    cr_assert_not(said.rejected[0]);
    ASSERT_SAID(2, "the ID number says male");
    cr_assert_eq(res.residents_created, 1);
}

Test(import, bytes_that_are_not_gb18030_reject_their_row)
{
    /* GB18030 (张三 = D5C5 C8FD), and 0xFF on line 3. */
    const char *p = write_csv(0, "gb-bad.csv",
                              "\xd0\xd5\xc3\xfb,\xc2\xa5\xb6\xb0,\xca\xd2\r\n"
                              "\xd5\xc5\xc8\xfd,12,301\r\n"
                              "\xff\xfe,12,302\r\n"
                              "\xc0\xee\xcb\xc4,12,303\r\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(res.encoding, CSV_ENC_GB18030);
    cr_assert_eq(res.rows_rejected, 1);
    ASSERT_SAID(3, "not valid GB18030 (byte 0xFF at column 1)");
    cr_assert_eq(res.residents_created, 2);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name IN ('张三', '李四')"), 2);
}

/* ---- one transaction, dry runs, importing again ---------------------------- */

Test(import, dry_run_writes_nothing_and_counts_the_same)
{
    const char *p = write_csv(0, "bad.csv", bad_rows);
    struct import_result dry, real;
    long audit_before = count("SELECT count(*) FROM audit");

    cr_assert_eq(run_import(p, true, &dry), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit"), audit_before);
    cr_assert_eq(dry.residents_created, 2);
    cr_assert_eq(dry.households_created, 2);
    cr_assert_eq(dry.rows_rejected, 9);
    cr_assert_eq(said.n, 9);

    cr_assert_eq(run_import(p, false, &real), 1);
    cr_assert_eq(real.residents_created, dry.residents_created);
    cr_assert_eq(real.households_created, dry.households_created);
}

static void import_twice(const char *fixture, long residents, long households)
{
    struct import_result first, second;
    char path[256];

    snprintf(path, sizeof path, "tests/fixtures/%s", fixture);
    cr_assert_eq(run_import(path, false, &first), 0, "%s", said.text[0]);
    cr_assert_eq(said.n, 0, "%s", said.text[0]);
    cr_assert_eq(first.rows, residents);
    cr_assert_eq(first.residents_created, residents);
    cr_assert_eq(first.households_created, households);
    long audit = count("SELECT count(*) FROM audit");

    cr_assert_eq(run_import(path, false, &second), 0);
    cr_assert_eq(second.residents_created, 0);
    cr_assert_eq(second.households_created, 0);
    cr_assert_eq(second.residents_updated, 0);
    cr_assert_eq(second.residents_unchanged, residents);
    cr_assert_eq(count("SELECT count(*) FROM resident"), residents);
    cr_assert_eq(count("SELECT count(*) FROM household"), households);
    cr_assert_eq(count("SELECT count(*) FROM audit"), audit, "nothing was written again");
}

Test(import, fixture_utf8_twice_creates_nothing_new)
{
    import_twice("residents-utf8.csv", 6, 3);
    /* The resident without an ID number was matched by household and name. */
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '吉吉'"), 1);
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '王秀英'"), "独居 每周探访");
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '李梅'"), "住一楼, 腿脚不便");
}

Test(import, fixture_utf8_bom_crlf)
{
    import_twice("residents-utf8-bom-crlf.csv", 6, 3);
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '王秀英'"), "独居 每周探访");
}

Test(import, fixture_gb18030_keeps_rare_characters)
{
    import_twice("residents-gb18030.csv", 6, 3);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '张小䶮'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '阿依古丽·买买提'"), 1);
    cr_assert_str_eq(text_of("SELECT h.building || '-' || h.unit || '-' || h.room"
                             " FROM resident r JOIN household h ON h.id = r.household_id"
                             " WHERE r.name = '张三'"),
                     "12-2-301");
}

Test(import, a_changed_row_is_updated_the_rest_unchanged)
{
    struct import_result res;
    const char *a = write_csv(0, "a.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912347788,12,301\n"
                              "李梅,330102198203150027,,12,301\n"
                              "吉吉,,,12,301\n");
    const char *b = write_csv(1, "b.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912340000,12,301\n"
                              "李梅,330102198203150027,,12,301\n"
                              "吉吉,,,12,301\n");

    cr_assert_eq(run_import(a, false, &res), 0);
    cr_assert_eq(res.residents_created, 3);
    cr_assert_eq(run_import(b, false, &res), 0);
    cr_assert_eq(res.residents_created, 0);
    cr_assert_eq(res.residents_updated, 1);
    cr_assert_eq(res.residents_unchanged, 2);
    cr_assert_str_eq(text_of("SELECT phone FROM resident WHERE name = '张三'"), "13912340000");
}

/* ---- the trail of an import ------------------------------------------------- */

/* An import is recorded once, in import_run, with its file, counts and the
 * ids it created; that record is audited.  The rows it creates get no audit
 * row of their own (their trail is that record and their created_by and
 * created_at); a row it changes is audited with the old and new values, as
 * any change. */
Test(import, recorded_once_with_file_counts_and_ids_created)
{
    struct import_result res;
    const char *a = write_csv(0, "a.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912347788,12,301\n"
                              "李梅,330102198203150027,,12,301\n"
                              "王䶮,,,12,302\n"
                              "坏,330102198001010019,,12,303\n");
    char want[256];

    db_set_now(d, "2026-11-23T10:15:00");
    cr_assert_eq(run_import(a, false, &res), 1);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 1);
    snprintf(want, sizeof want, "residents|%s|4|1|2|3|0|0|1|2|1|3|desk|2026-11-23T10:15:00", a);
    cr_assert_str_eq(text_of("SELECT what || '|' || file || '|' || rows || '|' || rows_rejected"
                             " || '|' || households_created || '|' || residents_created || '|'"
                             " || residents_updated || '|' || residents_unchanged || '|'"
                             " || first_household_id || '|' || last_household_id || '|'"
                             " || first_resident_id || '|' || last_resident_id || '|'"
                             " || created_by || '|' || created_at FROM import_run"),
                     want);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'import_run' AND action = 'insert'"
                       " AND json_extract(new, '$.residents_created') = 3"
                       " AND json_extract(new, '$.file') = (SELECT file FROM import_run)"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl IN ('resident', 'household')"), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE created_by = 'desk'"
                       " AND created_at = '2026-11-23T10:15:00'"),
                 3);

    /* A changed row: audited row by row, old and new. */
    const char *b = write_csv(1, "b.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912340000,12,301\n");
    cr_assert_eq(run_import(b, false, &res), 0);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 2);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident' AND action = 'update'"
                       " AND json_extract(old, '$.phone') = '13912347788'"
                       " AND json_extract(new, '$.phone') = '13912340000'"),
                 1);
    cr_assert_eq(count("SELECT residents_updated FROM import_run WHERE id = 2"), 1);
    cr_assert_eq(count("SELECT count(*) FROM import_run WHERE id = 2"
                       " AND first_resident_id IS NULL AND first_household_id IS NULL"),
                 1);

    /* The record cannot be changed, like the audit trail. */
    cr_assert_neq(db_exec(d, "UPDATE import_run SET rows = 0"), 0);
    cr_assert_neq(db_exec(d, "DELETE FROM import_run"), 0);
}

/* What a resident's save makes by trigger, an import makes in one go: the
 * same name n-grams; and the schema is whole again afterwards. */
Test(import, leaves_the_same_grams_and_the_whole_schema)
{
    struct import_result res;
    const char *a = write_csv(0, "a.csv",
                              "姓名,身份证号,楼栋,室\n"
                              "张三丰,330102198001010018,12,301\n"
                              "阿依古丽·买买提,,12,302\n"
                              "芳芳,,12,303\n"
                              "𠮷䶮,,12,304\n");
    char *before = db_text(d, "SELECT group_concat(type || ' ' || name || ' ' || sql, char(10))"
                              " FROM (SELECT * FROM sqlite_schema ORDER BY name)");

    cr_assert_eq(run_import(a, false, &res), 0);
    char *after = db_text(d, "SELECT group_concat(type || ' ' || name || ' ' || sql, char(10))"
                             " FROM (SELECT * FROM sqlite_schema ORDER BY name)");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
    /* Every character and pair not at the start, once: 芳芳 gives 芳. */
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"),
                 count("SELECT count(*) FROM (SELECT DISTINCT * FROM resident_gram_source)"));
    cr_assert_eq(count("SELECT count(*) FROM (SELECT * FROM resident_gram_source"
                       " EXCEPT SELECT * FROM resident_gram)"), 0,
                 "the grams the import made itself are the view's");
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '芳'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '䶮'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '三丰'"), 1);

    /* The triggers are back: a resident saved by hand has its grams and audit row. */
    struct resident r = { 0 };
    r.household_id = 1;
    strcpy(r.name, "李四");
    cr_assert_eq(resident_save(d, &r, NULL), 0, "%s", db_errmsg(d));
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '四'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident'"), 1);
}

static void count_hit(const struct search_hit *h, void *ctx)
{
    (*(int *)ctx)++;
}

/* A file of more rows than the table holds: the indexes whose keys come in
 * random order are built again at the end; they are all there afterwards,
 * the file is whole and the search finds what it should. */
static char mode_seen[16];

/* Notes the journal mode of the import's connection while it writes. */
static void note_mode(const struct import_progress *p, void *ctx)
{
    if (!p->done && !mode_seen[0]) {
        char *m = db_text(d, "PRAGMA journal_mode");
        snprintf(mode_seen, sizeof mode_seen, "%s", m ? m : "?");
        free(m);
    }
}

Test(import, a_big_file_rebuilds_the_indexes_and_finds_the_same, .timeout = 60)
{
    struct import_result res;
    int hits = 0;

    const char *path = demo_csv(3, "big.csv", 60000, 3);
    long indexes = count("SELECT count(*) FROM sqlite_schema WHERE type = 'index'");

    struct import_options opt = { .problem = on_problem, .progress = note_mode };
    cr_assert_eq(import_residents(d, path, &opt, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 60000);
    /* Written straight into the file (db_direct_begin), and back in WAL. */
    cr_assert_str_eq(mode_seen, "delete");
    cr_assert_str_eq(text_of("PRAGMA journal_mode"), "wal");
    cr_assert_eq(count("SELECT count(*) FROM sqlite_schema WHERE type = 'index'"), indexes);
    cr_assert_str_eq(text_of("PRAGMA integrity_check"), "ok");
    cr_assert_eq(count("SELECT count(*) FROM resident INDEXED BY resident_by_key WHERE gone = 0"),
                 60000);
    cr_assert_eq(count("SELECT count(*) FROM resident INDEXED BY resident_id_number"
                       " WHERE id_number IS NOT NULL"),
                 count("SELECT count(*) FROM resident NOT INDEXED WHERE id_number IS NOT NULL"));
    /* A resident found by each index rebuilt. */
    char *name = db_text(d, "SELECT name FROM resident WHERE id = 12345");
    char *id = db_text(d, "SELECT id_number FROM resident WHERE id_number IS NOT NULL"
                          " ORDER BY id LIMIT 1 OFFSET 777");
    cr_assert_gt(search_run(d, name, 0, 5, count_hit, &hits), 0, "%s", name);
    cr_assert_gt(search_run(d, id, 0, 5, count_hit, &hits), 0, "%s", id);
    cr_assert_gt(search_run(d, id + 12, 0, 5, count_hit, &hits), 0, "%s", id + 12);
    free(name);
    free(id);

    /* The same file again: nothing new, nothing recorded. */
    cr_assert_eq(run_import(path, false, &res), 0);
    cr_assert_eq(res.residents_unchanged, 60000);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 1);
    cr_assert_str_eq(text_of("PRAGMA journal_mode"), "wal");
}

/* Every column of every resident and household, ids left out, in one text. */
static char *dump_of(db *x)
{
    return db_text(x, "SELECT group_concat(v, char(10)) FROM (SELECT h.compound || '|'"
                      " || h.building || '|' || h.unit || '|' || h.room || '|'"
                      " || coalesce(h.grid, '') || '|' || h.kind || '|' || r.name || '|'"
                      " || coalesce(r.sex, '') || '|' || r.id_kind || '|'"
                      " || coalesce(r.id_number, '') || '|' || coalesce(r.birth_date, '') || '|'"
                      " || coalesce(r.phone, '') || '|' || coalesce(r.relation, '') || '|'"
                      " || r.floating || '|' || r.flags || '|' || coalesce(r.returned_from, '')"
                      " || '|' || coalesce(r.arrived_on, '') || '|' || coalesce(r.notes, '')"
                      " || '|' || r.name_initials || '|' || hex(r.name_key) || '|'"
                      " || coalesce(r.id_rev, '') || '|' || coalesce(r.phone_rev, '') || '|'"
                      " || r.gone || '|' || r.created_by AS v"
                      " FROM resident r JOIN household h ON h.id = r.household_id"
                      " WHERE r.name <> '先来者' ORDER BY v)");
}

/* A load into an empty table goes through a feed (hh_writer_feed), one
 * into a table with residents one row at a time: the same records. */
Test(import, the_fast_load_writes_what_row_by_row_writes, .timeout = 60)
{
    struct import_result res;

    const char *path = demo_csv(3, "some.csv", 3000, 9);
    cr_assert_eq(run_import(path, false, &res), 0, "%s", said.text[0]);
    long created = res.residents_created;

    db *o = second_db("other.db");
    struct household h = { 0 };
    struct resident r = { 0 };
    strcpy(h.compound, "别处");
    strcpy(h.building, "1");
    strcpy(h.room, "101");
    cr_assert_eq(household_ensure(o, &h, &r.household_id), 0);
    strcpy(r.name, "先来者");
    cr_assert_eq(resident_save(o, &r, NULL), 0, "%s", db_errmsg(o));
    struct import_options opt = { .problem = on_problem };
    cr_assert_eq(import_residents(o, path, &opt, &res), 0);
    cr_assert_eq(res.residents_created, created);

    char *fast = dump_of(d), *slow = dump_of(o);
    cr_assert_not_null(fast);
    cr_assert_str_eq(fast, slow);
    free(fast);
    free(slow);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"),
                 db_int(o, "SELECT count(*) FROM resident_gram WHERE resident_id > 1", -1));
    /* the grams the fast load made beside its writer are what the table gives */
    cr_assert_eq(count("SELECT count(*) FROM (SELECT * FROM resident_gram_source"
                       " EXCEPT SELECT * FROM resident_gram)"), 0);
    cr_assert_eq(count("SELECT count(*) FROM (SELECT * FROM resident_gram"
                       " EXCEPT SELECT * FROM resident_gram_source)"), 0);
    cr_assert_eq(count("SELECT max(id) FROM resident"), created, "ids 1, 2, ... as given");
    cr_assert_eq(db_close(&o), 0);
}

/* Another document's number is compared as it is stored (upper-case,
 * full-width folded): the same passport written twice is one person, its
 * second row refused, whichever way the load goes. */
Test(import, a_passport_written_twice_differently_is_seen_twice)
{
    struct import_result res;
    const char *a = write_csv(0, "passports.csv",
                              "姓名,证件类型,证件号码,楼栋,室\n"
                              "John Smith,护照,e1234567,12,301\n"
                              "Jane Smith,护照,Ｅ１２３４５６７,12,301\n"
                              "Anna Lee,护照,E7654321,12,302\n");

    cr_assert_eq(run_import(a, false, &res), 1);
    cr_assert_eq(res.residents_created, 2);
    cr_assert_eq(res.rows_rejected, 1);
    ASSERT_SAID(3, "the ID number ****4567 appears twice"); /* masked, as in the lists */
    ASSERT_SAID(3, "first on line 2");
    cr_assert_str_eq(text_of("SELECT id_number FROM resident WHERE name = 'John Smith'"),
                     "E1234567");
}

/* Without a reading thread (none could be started), the same import in
 * one thread: the same records, counts and messages. */
Test(import, in_one_thread_the_same, .timeout = 60)
{
    struct import_result two, one;
    const char *path = demo_csv(3, "some.csv", 3000, 11);
    const char *bad = write_csv(0, "bad.csv", bad_rows);

    cr_assert_eq(run_import(path, false, &two), 0, "%s", said.text[0]);
    cr_assert_eq(run_import(bad, false, &two), 1);
    int said_two = said.n;

    db *o = second_db("one.db");
    import_set_one_thread(true);
    said.n = 0;
    struct import_options opt = { .problem = on_problem };
    cr_assert_eq(import_residents(o, path, &opt, &one), 0, "%s", said.text[0]);
    cr_assert_eq(import_residents(o, bad, &opt, &one), 1);
    cr_assert_eq(said.n, said_two, "the same messages");
    cr_assert_eq(one.rows_rejected, two.rows_rejected);

    char *threaded = dump_of(d), *alone = dump_of(o);
    cr_assert_not_null(threaded);
    cr_assert_str_eq(alone, threaded);
    free(threaded);
    free(alone);
    cr_assert_eq(db_int(o, "SELECT count(*) FROM (SELECT * FROM resident_gram_source"
                           " EXCEPT SELECT * FROM resident_gram)", -1), 0);
    cr_assert_eq(db_close(&o), 0);
}

/* Loading into empty tables, the households of each batch of rows go in
 * together: an address met again, not on the row just before (in the
 * same batch or much later), is still one household. */
Test(import, an_address_met_again_later_is_one_household)
{
    static char text[16384];
    struct import_result res;
    size_t n = (size_t)snprintf(text, sizeof text, "姓名,楼栋,室\n张一,12,301\n李二,12,302\n"
                                                   "王三,12,301\n");
    for (int i = 0; i < 150; i++) /* more than a batch of rows */
        n += (size_t)snprintf(text + n, sizeof text - n, "赵%d,%d,101\n", i, 20 + i);
    snprintf(text + n, sizeof text - n, "孙四,12,302\n周五,12,301\n");

    cr_assert_eq(run_import(write_csv(0, "again.csv", text), false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 155);
    cr_assert_eq(res.households_created, 152);
    cr_assert_eq(count("SELECT count(*) FROM household"), 152);
    cr_assert_eq(count("SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id"
                       " WHERE h.building = '12' AND h.room = '301'"), 3);
    cr_assert_eq(count("SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id"
                       " WHERE h.building = '12' AND h.room = '302'"), 2);
    cr_assert_str_eq(text_of("PRAGMA foreign_key_check"), "");
    cr_assert_eq(count("SELECT count(*) FROM import_run WHERE households_created = 152"), 1);
}

/* Loading into an empty table, a person without an ID number given twice
 * for one household is one resident (the second row updates the first),
 * as in any other import. */
Test(import, one_person_twice_without_id_in_a_fast_load)
{
    struct import_result res;
    const char *a = write_csv(0, "twice.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912347788,12,301\n"
                              "小宝,,,12,301\n"
                              "李梅,330102198203150027,,12,302\n"
                              "小宝,,13912340000,12,301\n"
                              "王五,,,12,303\n");

    cr_assert_eq(run_import(a, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 4, "created %ld updated %ld unchanged %ld",
                 res.residents_created, res.residents_updated, res.residents_unchanged);
    cr_assert_eq(res.residents_updated, 1);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '小宝'"), 1);
    cr_assert_str_eq(text_of("SELECT phone FROM resident WHERE name = '小宝'"), "13912340000");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 4);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '宝'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM (SELECT * FROM resident_gram_source"
                       " EXCEPT SELECT * FROM resident_gram)"), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE resident_id NOT IN"
                       " (SELECT id FROM resident)"), 0, "no grams of an id never used");
    cr_assert_str_eq(text_of("SELECT group_concat(name, ',') FROM"
                             " (SELECT name FROM resident ORDER BY id)"),
                     "张三,小宝,李梅,王五");
}

/* With an INSERT trigger of its own on resident (SQLite would then read a
 * feed whole before writing any of it), the load writes row by row, and
 * still finds the person given twice. */
Test(import, one_person_twice_with_an_insert_trigger_of_the_desk)
{
    struct import_result res;
    const char *a = write_csv(0, "twice.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,13912347788,12,301\n"
                              "小宝,,,12,301\n"
                              "小宝,,13912340000,12,301\n");

    cr_assert_eq(db_exec(d, "CREATE TABLE seen (n INTEGER); CREATE TRIGGER resident_seen"
                            " AFTER INSERT ON resident BEGIN INSERT INTO seen VALUES (new.id); END"),
                 0, "%s", db_errmsg(d));
    cr_assert_eq(run_import(a, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 2);
    cr_assert_eq(res.residents_updated, 1);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 2);
    cr_assert_eq(count("SELECT count(*) FROM seen"), 2, "the desk's trigger ran for each");
}

/* The database refuses a row half-way through a file much longer than the
 * rows the reading may run ahead: the import stops, says why, writes
 * nothing, and the reading (in its own thread, waiting for room) stops too. */
Test(import, a_database_failure_half_way_stops_and_writes_nothing, .timeout = 60)
{
    struct import_result res;

    const char *path = demo_csv(3, "big.csv", 60000, 5);
    /* A trigger of the test's own (the bulk load drops only its own; with
     * it the load writes row by row). */
    cr_assert_eq(db_exec(d, "CREATE TRIGGER refuse_one BEFORE INSERT ON resident"
                            " WHEN (SELECT max(id) FROM resident) = 30000"
                            " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"),
                 0, "%s", db_errmsg(d));

    cr_assert_eq(run_import(path, false, &res), -1);
    cr_assert(res.stopped);
    cr_assert_eq(res.residents_created, 0);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 0);
    cr_assert_eq(db_tx_depth(d), 0);
    bool told = false;
    for (int i = 0; i < said.n; i++)
        if (strstr(said.text[i], "refused by the test") && strstr(said.text[i], "nothing was"))
            told = true;
    cr_assert(told, "the reason was said (%d messages; first: %s)", said.n, said.text[0]);
    cr_assert_str_eq(text_of("PRAGMA integrity_check"), "ok");
    cr_assert_str_eq(text_of("PRAGMA journal_mode"), "wal", "back in WAL mode after a failure");
    /* The schema the load changed is whole again (a rollback). */
    cr_assert_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'resident_by_key'"), 1);

    /* And the next import works. */
    cr_assert_eq(db_exec(d, "DROP TRIGGER refuse_one"), 0);
    said.n = 0;
    cr_assert_eq(run_import(path, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 60000);
}

/* The disk fills half-way through a large load into empty tables (the
 * load of many rows a statement, written straight into the file): it
 * stops, says why, writes nothing, and leaves the file in WAL mode. */
Test(import, a_full_disk_half_way_through_a_fast_load, .timeout = 60)
{
    struct import_result res;
    char path[160], limit[64];

    /* 60,000 rows; the third goes back to the first row's address, so the
     * writer has looked a household up when the disk fills. */
    snprintf(path, sizeof path, "%s/full.csv", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fprintf(f, "姓名,小区,楼栋,单元,室,备注\n张一,大美南苑,1,1,101,\n李二,大美南苑,1,1,102,\n"
               "王三,大美南苑,1,1,101,\n");
    for (int i = 3; i < 60000; i++)
        fprintf(f, "赵%d,大美南苑,%d,%d,%d,第%d行的备注，让这一行和调查表里的一样长\n", i,
                i / 240 + 2, i / 60 % 4 + 1, 101 + i % 60, i + 2);
    cr_assert_eq(fclose(f), 0);

    snprintf(limit, sizeof limit, "PRAGMA max_page_count = %ld",
             count("PRAGMA page_count") + 3000);
    cr_assert_eq(db_exec(d, limit), 0);
    cr_assert_eq(run_import(path, false, &res), -1);
    cr_assert(res.stopped);
    cr_assert_eq(res.residents_created, 0);
    bool told = false;
    for (int i = 0; i < said.n; i++)
        if (strstr(said.text[i], "full") && strstr(said.text[i], "nothing was imported"))
            told = true;
    cr_assert(told, "the reason was said (%d messages; first: %s)", said.n, said.text[0]);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
    cr_assert_str_eq(text_of("PRAGMA journal_mode"), "wal", "back in WAL mode after a failure");
    cr_assert_str_eq(text_of("PRAGMA integrity_check"), "ok");

    cr_assert_eq(db_exec(d, "PRAGMA max_page_count = 1073741823"), 0);
    said.n = 0;
    cr_assert_eq(run_import(path, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 60000);
}

/* ---- other columns and forms ------------------------------------------------ */

Test(import, title_row_above_the_header_is_skipped)
{
    const char *p = write_csv(0, "t.csv",
                              "大美社区人口摸排表,,\n"
                              "姓名,幢,房号\n"
                              "张三,12,301\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(said.n, 0, "%s", said.text[0]);
    cr_assert_eq(res.residents_created, 1);
}

Test(import, population_flags_kind_and_dates)
{
    const char *p = write_csv(0, "f.csv",
                              "姓名,楼栋,室,人员类型,关爱标记,孕妇,房屋性质,返乡来源地,到达日期,出生日期\n"
                              "张三,12,301,流动,\"独居老人、慢性病\",否,出租,武汉,2026/11/20,1950年3月7日\n"
                              "李梅,12,302,常住,,是,群租,,,\n"
                              "王五,12,303,路过,,,,,,\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(4, "\"路过\" is neither 常住 nor 流动");
    cr_assert_str_eq(text_of("SELECT floating || '|' || flags || '|' || returned_from || '|' ||"
                             " arrived_on || '|' || birth_date FROM resident WHERE name = '张三'"),
                     "1|9|武汉|2026-11-20|1950-03-07");
    cr_assert_str_eq(text_of("SELECT r.floating || '|' || r.flags || '|' || h.kind"
                             " FROM resident r JOIN household h ON h.id = r.household_id"
                             " WHERE r.name = '李梅'"),
                     "0|4|2");
    cr_assert_eq(count("SELECT kind FROM household WHERE room = '301'"), 1);
}

Test(import, ids_exported_as_text_are_read)
{
    const char *p = write_csv(0, "x.csv",
                              "姓名,身份证号,楼栋,室\n"
                              "张三,'330102198001010018,12,301\n"
                              "李梅,\"=\"\"330102198203150027\"\"\",12,301\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 0, "%s", said.text[0]);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE id_number IN"
                       " ('330102198001010018', '330102198203150027')"),
                 2);
}

Test(import, ragged_row_with_extra_empty_fields_is_accepted)
{
    const char *p = write_csv(0, "r.csv",
                              "姓名,楼栋,室\n"
                              "张三,12,301,,\n"
                              "李梅,12,301,x\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(res.residents_created, 1);
    ASSERT_SAID(3, "this row has 4, the header has 3");
}

Test(import, empty_and_missing_files_stop)
{
    struct import_result res;
    char path[160];

    cr_assert_eq(run_import(write_csv(0, "e.csv", "\r\n\r\n"), false, &res), -1);
    cr_assert(res.stopped);
    cr_assert(strstr(said.text[0], "empty") != NULL, "%s", said.text[0]);

    snprintf(path, sizeof path, "%s/none.csv", dir);
    said.n = 0;
    cr_assert_eq(run_import(path, false, &res), -1);
    cr_assert(strstr(said.text[0], "none.csv") != NULL, "%s", said.text[0]);
    cr_assert_eq(said.line[0], 0);
}

static long progress_rows[8];
static int progress_calls;
static bool progress_done;

static void on_progress(const struct import_progress *p, void *ctx)
{
    if (progress_calls < 8)
        progress_rows[progress_calls] = p->rows;
    progress_calls++;
    progress_done = p->done;
    cr_assert_leq(p->bytes_done, p->bytes_total);
}

Test(import, progress_every_n_rows_and_at_the_end)
{
    struct import_options opt = { .progress = on_progress, .progress_every = 2 };
    struct import_result res;

    cr_assert_eq(import_residents(d, "tests/fixtures/residents-utf8.csv", &opt, &res), 0);
    cr_assert_eq(progress_calls, 4);
    cr_assert_eq(progress_rows[0], 2);
    cr_assert_eq(progress_rows[1], 4);
    cr_assert_eq(progress_rows[2], 6);
    cr_assert_eq(progress_rows[3], 6);
    cr_assert(progress_done);
}

/* ---- what comes from outside is checked before it is kept ---------------- */

/* Writes N bytes of TEXT (NUL bytes included) to DIR/NAME. */
static const char *write_bytes(const char *name, const char *text, size_t n)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(text, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static void no_message_holds_a_control_character(void)
{
    for (int i = 0; i < said.n; i++)
        cr_assert_eq(text_find_control(said.text[i], NULL, NULL, NULL), -1,
                     "a message holds a control character: %s", said.text[i]);
}

Test(import, control_characters_refuse_their_row)
{
    const char *p = write_csv(0, "esc.csv",
                              "姓名,小区,楼栋,室,与户主关系,备注\n"
                              "坏\x1B]0;pwned\x07,大美南苑,1,101,户主,\n"        /* 2: ESC, BEL */
                              "王芳,大美\xC2\x9B南苑,1,102,户主,\n"             /* 3: C1 CSI */
                              "李四,大美南苑,1\x1BP1;2|x\x1B\\,103,户主,\n"      /* 4: DCS */
                              "赵六,大美南苑,1,104,妻\x7F,\n"                    /* 5: DEL */
                              "钱七,大美南苑,1,105,户主,\"第一行\n第二行\t完\"\n" /* 6: kept */
                              "孙八,大美南苑,1,106,户主,备注\x07\n");            /* 8: BEL */
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(res.rows_rejected, 5);
    cr_assert_eq(res.residents_created, 1);
    ASSERT_SAID(2, "the 姓名 holds a control character (U+001B) at character 2");
    ASSERT_SAID(3, "the 小区 holds a control character (U+009B) at character 3");
    ASSERT_SAID(4, "the 楼栋 holds a control character (U+001B)");
    ASSERT_SAID(5, "the 与户主关系 holds a control character (U+007F)");
    ASSERT_SAID(8, "the 备注 holds a control character (U+0007)");
    no_message_holds_a_control_character();
    /* The line break and the tab of a note became spaces. */
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '钱七'"),
                     "第一行 第二行 完");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 1);
}

Test(import, a_line_break_outside_free_text_refuses_the_row)
{
    const char *p = write_csv(0, "nl.csv",
                              "姓名,楼栋,室\n"
                              "\"张\n三\",1,101\n"
                              "李四,1,102\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(2, "the 姓名 holds a line break");
    cr_assert_eq(res.residents_created, 1);
}

Test(import, a_nul_byte_refuses_its_row)
{
    static const char text[] = "姓名,楼栋,室\n张\0三,1,101\n李四,1,102\n";
    const char *p = write_bytes("nul.csv", text, sizeof text - 1);
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(2, "the 姓名 holds a NUL byte at character 2");
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '张'"), 0);
    cr_assert_eq(res.residents_created, 1);
}

Test(import, a_value_quoted_in_a_message_stays_on_one_line)
{
    /* A sex cell of 506 lines: the message about it is one short line. */
    char text[8192];
    size_t o = (size_t)snprintf(text, sizeof text, "姓名,性别,楼栋,室\n张三,\"");
    for (int i = 0; i < 506; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "男\n");
    snprintf(text + o, sizeof text - o, "\",1,101\n");
    const char *p = write_csv(0, "long.csv", text);
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(said.n, 1);
    cr_assert_null(strchr(said.text[0], '\n'), "%s", said.text[0]);
    cr_assert_lt(strlen(said.text[0]), 300, "%s", said.text[0]);
    cr_assert(strstr(said.text[0], "long.csv:2: the 性别 holds a line break"), "%s",
              said.text[0]);

    /* A value that is refused for what it says is quoted with its line
     * breaks written \n, and cut. */
    memset(&said, 0, sizeof said);
    p = write_csv(1, "long2.csv",
                  "姓名,人员类型,楼栋,室,备注\n"
                  "张三,\"常住\n流动\n常住\n流动\n常住\n流动\n常住\n流动\n常住\n流动\n常住\n流动"
                  "\n常住\n流动\n常住\n流动\n常住\n流动\n常住\",1,101,\n");
    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_eq(said.n, 1);
    cr_assert_null(strchr(said.text[0], '\n'), "%s", said.text[0]);
}

Test(import, id_and_phone_numbers_in_messages_are_masked)
{
    const char *p = write_csv(0, "mask.csv",
                              "姓名,身份证号,手机号,楼栋,室\n"
                              "张三,330102198001010018,,1,101\n"
                              "李四,330102198001010019,,1,102\n"   /* 3: check character */
                              "王五,330102198001010018,,1,103\n"   /* 4: twice */
                              "赵六,,1391234778,1,104\n");         /* 5: phone */
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(3, "330102********0019");
    ASSERT_SAID(3, "should be 8");
    ASSERT_SAID(4, "330102********0018 appears twice");
    ASSERT_SAID(5, "******4778");
    for (int i = 0; i < said.n; i++) {
        cr_assert_null(strstr(said.text[i], "19800101"), "%s", said.text[i]);
        cr_assert_null(strstr(said.text[i], "1391234"), "%s", said.text[i]);
    }
}

Test(import, a_formula_mark_of_an_export_is_taken_away)
{
    const char *p = write_csv(0, "f.csv",
                              "姓名,楼栋,室,备注\n"
                              "'=1+1,1,101,'@SUM(A1)\n"
                              "李四,1,102,'不是公式\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '=1+1' AND notes = '@SUM(A1)'"),
                 1);
    cr_assert_str_eq(text_of("SELECT notes FROM resident WHERE name = '李四'"), "'不是公式");
}

Test(import, a_masked_export_is_refused_in_one_message)
{
    const char *p = write_csv(0, "masked.csv",
                              "\xEF\xBB\xBF小区,楼栋,单元,房号,姓名,证件类型,身份证号,出生日期\r\n"
                              "大美南苑,12,2,301,张三,身份证,\t330102********0018,1980\r\n"
                              "大美南苑,12,2,301,李梅,身份证,\t330102********0027,1982\r\n"
                              "大美南苑,12,2,302,王五,,,\r\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), -1);
    cr_assert(res.stopped);
    cr_assert_eq(said.n, 1, "more than one message: %s / %s", said.text[0], said.text[1]);
    ASSERT_SAID(0, "ID numbers masked");
    ASSERT_SAID(0, "2 of its 2 ID numbers are hidden");
    ASSERT_SAID(0, "--unmasked");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 0);
}

Test(import, a_masked_number_in_a_survey_refuses_its_row)
{
    const char *p = write_csv(0, "one.csv",
                              "姓名,身份证号,楼栋,室\n"
                              "张三,330102198001010018,1,101\n"
                              "李梅,330102198203150027,1,101\n"
                              "王五,330102********0019,1,102\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    ASSERT_SAID(4, "is masked");
    cr_assert_eq(res.residents_created, 2);
}

Test(import, household_phone_and_notes_columns)
{
    const char *p = write_csv(0, "hh.csv",
                              "姓名,楼栋,室,户联系电话,户备注\n"
                              "张三,1,101,0571-87654321,一楼有狗\n"
                              "李四,1,102,12345,\n");
    struct import_result res;

    cr_assert_eq(run_import(p, false, &res), 1);
    cr_assert_str_eq(text_of("SELECT phone || '|' || notes FROM household WHERE room = '101'"),
                     "0571-87654321|一楼有狗");
    ASSERT_SAID(3, "the 户联系电话 \"*2345\" is not a possible phone number");
}

/* ---- an import that moves registered people says so ----------------------- */

/* 张国强 lives at 大美北苑2幢3单元501室 with his wife; a GB18030 survey
 * has him, by his ID number, at 大美南苑12幢2单元301室. */
static const char *moving_survey(void)
{
    struct import_result res;
    const char *home = write_csv(0, "home.csv",
                                 "姓名,身份证号,与户主关系,小区,楼栋,单元,室\n"
                                 "张国强,330102198001010018,户主,大美北苑,2,3,501\n"
                                 "刘美,330102198203150027,妻,大美北苑,2,3,501\n");
    cr_assert_eq(run_import(home, false, &res), 0);
    memset(&said, 0, sizeof said);
    /* 姓名,身份证号,小区,楼栋,单元,室 / 王芳,,大美南苑,12,2,301 /
     * 张国强,330102198001010018,大美南苑,12,2,301 -- in GB18030 */
    return write_csv(1, "survey-gb.csv",
                     "\xd0\xd5\xc3\xfb,\xc9\xed\xb7\xdd\xd6\xa4\xba\xc5,"
                     "\xd0\xa1\xc7\xf8,\xc2\xa5\xb6\xb0,\xb5\xa5\xd4\xaa,\xca\xd2\r\n"
                     "\xcd\xf5\xb7\xbc,,\xb4\xf3\xc3\xc0\xc4\xcf\xd4\xb7,12,2,301\r\n"
                     "\xd5\xc5\xb9\xfa\xc7\xbf,330102198001010018,"
                     "\xb4\xf3\xc3\xc0\xc4\xcf\xd4\xb7,12,2,301\r\n");
}

static int said_kind(int kind)
{
    int n = 0;
    for (int i = 0; i < said.n; i++)
        n += said.kind[i] == kind;
    return n;
}

Test(import, a_dry_run_names_whom_it_would_move)
{
    struct import_result res;
    const char *p = moving_survey();

    cr_assert_eq(run_import(p, true, &res), 0);
    cr_assert_eq(res.encoding, CSV_ENC_GB18030);
    cr_assert_eq(res.residents_moved, 1);
    cr_assert_eq(res.households_headless, 1);
    cr_assert_eq(said_kind(IMPORT_MSG_MOVE), 1);
    ASSERT_SAID(3, "survey-gb.csv:3: would move 张国强 (330102********0018) from "
                   "大美北苑2幢3单元501室 to 大美南苑12幢2单元301室");
    cr_assert_eq(said_kind(IMPORT_MSG_HEADLESS), 1);
    ASSERT_SAID(0, "大美北苑2幢3单元501室 would be left without a head (户主): 1 people");
    /* Nothing was written. */
    cr_assert_str_eq(text_of("SELECT h.compound FROM resident r JOIN household h"
                             " ON h.id = r.household_id WHERE r.name = '张国强'"),
                     "大美北苑");
    cr_assert_eq(count("SELECT count(*) FROM resident WHERE name = '王芳'"), 0);
}

Test(import, a_real_run_moves_and_names_him)
{
    struct import_result res;
    const char *p = moving_survey();

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(res.residents_moved, 1);
    cr_assert_eq(res.residents_updated, 1);
    cr_assert_eq(res.residents_created, 1);
    ASSERT_SAID(3, "moved 张国强 (330102********0018) from 大美北苑2幢3单元501室 to "
                   "大美南苑12幢2单元301室");
    ASSERT_SAID(0, "大美北苑2幢3单元501室 is left without a head (户主): 1 people");
    cr_assert_str_eq(text_of("SELECT h.compound FROM resident r JOIN household h"
                             " ON h.id = r.household_id WHERE r.name = '张国强'"),
                     "大美南苑");
    /* Again: nobody moves, nothing is said. */
    memset(&said, 0, sizeof said);
    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(res.residents_moved, 0);
    cr_assert_eq(said.n, 0);
    cr_assert_eq(res.residents_unchanged, 2);
}

Test(import, unchanged_rows_are_counted_unchanged)
{
    struct import_result res;
    const char *p = write_csv(0, "five.csv",
                              "姓名,身份证号,楼栋,室\n"
                              "张三,330102198001010018,1,101\n"
                              "李梅,330102198203150027,1,101\n"
                              "王五,,1,102\n"
                              "赵六,,1,103\n"
                              "钱七,,1,104\n");

    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(run_import(p, false, &res), 0);
    cr_assert_eq(res.residents_created, 0);
    cr_assert_eq(res.residents_updated, 0);
    cr_assert_eq(res.residents_unchanged, 5);
}

/* One byte that is not UTF-8 in a large UTF-8 file: that row is reported
 * at its line, with the byte and its column; the file is still read as
 * UTF-8 and every other row is imported. */
Test(import, one_stray_byte_in_a_large_utf8_file, .timeout = 60)
{
    enum { ROWS = 20000, BAD = 10001 };
    char path[160];
    struct import_result res;

    snprintf(path, sizeof path, "%s/big.csv", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fprintf(f, "姓名,小区,楼栋,室\n");
    for (int i = 1; i <= ROWS; i++) {
        if (i + 1 == BAD)
            fprintf(f, "居民%d,大美\xA0南苑,%d,%d\n", i, i / 100 + 1, 101 + i % 100);
        else
            fprintf(f, "居民%d,大美南苑,%d,%d\n", i, i / 100 + 1, 101 + i % 100);
    }
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(run_import(path, false, &res), 1);
    cr_assert_eq(res.encoding, CSV_ENC_UTF8);
    cr_assert_eq(res.rows_rejected, 1);
    cr_assert_eq(res.residents_created, ROWS - 1);
    cr_assert_eq(res.unknown_columns, 0);
    cr_assert_eq(said.n, 1);
    char want[64];
    snprintf(want, sizeof want, "big.csv:%d: ", BAD);
    ASSERT_SAID(BAD, want);
    /* 居民10000,大美 is 10 characters: the byte is the 11th. */
    ASSERT_SAID(BAD, "not valid UTF-8 (byte 0xA0 at column 11)");
}

/* While it writes, the import leaves a note saying who imports what, so a
 * desk kept waiting is told (db_long_write_note); the note goes with it. */
static char note_seen[512];

static void note_progress(const struct import_progress *p, void *ctx)
{
    if (!p->done && !note_seen[0])
        db_long_write_note(db_path(d), note_seen, sizeof note_seen);
}

Test(import, leaves_a_note_while_it_writes)
{
    struct import_result res;
    struct import_options opt = { .progress = note_progress, .progress_every = 1 };
    const char *p = write_csv(0, "n.csv",
                              "姓名,楼栋,室\n张三,1,101\n李四,1,102\n王五,1,103\n");

    note_seen[0] = '\0';
    db_set_actor(d, "陈静");
    cr_assert_eq(import_residents(d, p, &opt, &res), 0);
    cr_assert(strstr(note_seen, "陈静 is importing ") != NULL, "%s", note_seen);
    cr_assert(strstr(note_seen, "n.csv (since ") != NULL, "%s", note_seen);
    char after[512] = "";
    cr_assert_not(db_long_write_note(db_path(d), after, sizeof after), "left behind: %s", after);
}

/* The import reads the words of src/households/vocab.h, as the forms do: synonyms
 * become the stored words. */
Test(import, code_words_are_read_from_the_vocabularies)
{
    struct import_result res;
    const char *p = write_csv(0, "words.csv",
                              "姓名,性别,人员类型,房屋性质,与户主关系,关爱标记,证件类型,证件号码,"
                              "楼栋,室\n"
                              "张三,男性,户籍人口,自购,本人,独居 慢病,身份证,330102198001010018,1,101\n"
                              "李梅,女,本地,自住,妻,,,,1,101\n"
                              "王五,M,暂住,租赁,儿子,,Passport,e1234567,1,102\n");

    cr_assert_eq(run_import(p, false, &res), 0, "%s", said.n ? said.text[0] : "");
    cr_assert_str_eq(text_of("SELECT sex || floating || relation || flags FROM resident"
                             " WHERE name = '张三'"),
                     "M0户主9");
    cr_assert_str_eq(text_of("SELECT relation || floating FROM resident WHERE name = '李梅'"),
                     "配偶0");
    cr_assert_str_eq(text_of("SELECT sex || floating || relation || id_kind FROM resident"
                             " WHERE name = '王五'"),
                     "M1子2");
    cr_assert_eq(count("SELECT count(*) FROM household WHERE kind = 1"), 1);
}
