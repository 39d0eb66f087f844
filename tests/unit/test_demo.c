/* Tests of src/households/demo.c: the sample community is the same for a seed, its ID
 * numbers are valid and agree with ages and sexes, the counts are exact,
 * the rare characters are there, and it loads into the database (directly
 * and through the importer, as the benchmark does). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "src/date.h"
#include "src/households/demo.h"
#include "src/numbers.h"
#include "src/households/import.h"
#include "src/pinyin.h"
#include "src/households/search.h"
#include "src/store.h"
#include "tests/unit/scratch.h"

#define TODAY "2026-11-23"

static struct scratch scratch;
static db *d;

static void setup(void)
{
    char err[256];

    setenv("DUTYDESK_TODAY", TODAY, 1);
    unsetenv("DUTYDESK_NOW");
    cr_assert(clock_init(err, sizeof err), "%s", err);
    d = scratch_open(&scratch, "演示");
}

static void teardown(void)
{
    scratch_close(&scratch);
    d = NULL;
}

TestSuite(demo, .init = setup, .fini = teardown);

static long count(const char *sql)
{
    return (long)db_int(d, sql, -1);
}

/* The whole CSV of N residents and SEED, malloc'd. */
static char *csv_of(long n, uint64_t seed, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);

    cr_assert_not_null(f);
    cr_assert_eq(demo_write_csv(f, n, seed), 0);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

Test(demo, same_seed_same_community_other_seed_other)
{
    size_t la, lb, lc;
    char *a = csv_of(2000, 7, &la), *b = csv_of(2000, 7, &lb), *c = csv_of(2000, 8, &lc);

    cr_assert_eq(la, lb);
    cr_assert_eq(memcmp(a, b, la), 0, "the same seed gave another community");
    cr_assert(la != lc || memcmp(a, c, la) != 0, "another seed gave the same community");
    free(a);
    free(b);
    free(c);
}

/* Checks one resident of a household against the rules of the generator. */
static void check_resident(const struct demo_household *o, int i, int today_ymd)
{
    const struct resident *r = &o->r[i];
    static const char *const relations[] = { "户主", "配偶", "子", "女", "父", "母", "其他", NULL };
    struct id_info info;
    bool known = false;

    cr_assert(*r->name, "a resident without a name");
    cr_assert(strcmp(r->sex, "M") == 0 || strcmp(r->sex, "F") == 0, "sex %s", r->sex);
    for (int k = 0; relations[k]; k++)
        known |= strcmp(r->relation, relations[k]) == 0;
    cr_assert(known, "relation %s", r->relation);
    cr_assert_eq(strcmp(r->relation, "户主") == 0, i == 0, "the head comes first, alone");
    cr_assert_eq(strlen(r->birth_date), 10);
    if (*r->id_number) {
        cr_assert_eq(id_check(r->id_number, today_ymd, &info), ID_OK, "%s", r->id_number);
        char born[11];
        date_format((struct date){ info.birth_year, info.birth_month, info.birth_day }, born,
                    sizeof born);
        cr_assert_str_eq(born, r->birth_date, "%s", r->id_number);
        cr_assert_eq(info.sex, r->sex[0], "%s", r->id_number);
    } else {
        /* only babies lack a number */
        cr_assert_str_geq(r->birth_date, "2025-11-23", "%s born %s has no ID", r->name,
                          r->birth_date);
    }
    cr_assert_str_leq(r->birth_date, TODAY);
    if (*r->phone) {
        char norm[32];
        cr_assert_eq(phone_check(r->phone, norm, sizeof norm), PHONE_MOBILE, "%s", r->phone);
    }
    if (*r->arrived_on) {
        cr_assert_str_leq(r->arrived_on, TODAY);
        cr_assert_str_geq(r->arrived_on, "2026-11-10", "a returnee of long ago: %s",
                          r->arrived_on);
        cr_assert(*r->returned_from);
    }
    if (r->floating)
        cr_assert(*r->hukou_place, "%s is floating without a place of registration", r->name);
}

Test(demo, every_id_is_valid_and_agrees_with_birth_and_sex)
{
    struct demo_household o;
    demo *g = demo_open(5000, 1);
    int today = date_ymd(clock_today());
    long residents = 0, households = 0, with_id = 0, returnees = 0, floating = 0, flagged = 0;

    cr_assert_not_null(g);
    while (demo_next(g, &o)) {
        households++;
        cr_assert(o.n >= 1 && o.n <= DEMO_MAX_MEMBERS, "a household of %d", o.n);
        cr_assert(*o.h.compound && *o.h.building && *o.h.room);
        for (int i = 0; i < o.n; i++) {
            check_resident(&o, i, today);
            with_id += *o.r[i].id_number != '\0';
            returnees += *o.r[i].arrived_on != '\0';
            floating += o.r[i].floating;
            flagged += o.r[i].flags != 0;
        }
        residents += o.n;
    }
    demo_close(&g);
    cr_assert_null(g);
    cr_assert_eq(residents, 5000);
    cr_assert(households > 5000 / 4 && households < 5000 / 2, "%ld households", households);
    cr_assert_gt(with_id, 4800);
    cr_assert_gt(returnees, 0);
    cr_assert_gt(floating, 250);
    cr_assert_gt(flagged, 250);
}

Test(demo, counts_are_exact_and_ids_never_repeat)
{
    static const long sizes[] = { 0, 1, 2, 7, 799, 800, 20000 };

    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        struct demo_household o;
        demo *g = demo_open(sizes[k], 42);
        long n = 0;
        cr_assert_not_null(g);
        cr_assert_eq(db_exec(d, "CREATE TEMP TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY);"
                                "DELETE FROM seen"), 0);
        db_stmt *s = db_prepare(d, "INSERT INTO seen (id) VALUES (:id)");
        while (demo_next(g, &o))
            for (int i = 0; i < o.n; i++, n++) {
                if (!*o.r[i].id_number)
                    continue;
                db_reset(s);
                cr_assert_eq(db_bind_text(s, ":id", o.r[i].id_number), 0);
                cr_assert_eq(db_step(s), DB_DONE, "%s given twice", o.r[i].id_number);
            }
        db_finalize(&s);
        demo_close(&g);
        cr_assert_eq(n, sizes[k], "asked %ld, got %ld", sizes[k], n);
    }
}

Test(demo, rare_characters_and_minority_names_are_there)
{
    struct demo_household o;
    demo *g = demo_open(800, 20200123);
    bool yan = false, ji = false, dot = false;

    while (demo_next(g, &o))
        for (int i = 0; i < o.n; i++) {
            yan |= strstr(o.r[i].name, "䶮") != NULL;
            ji |= strstr(o.r[i].name, "𠮷") != NULL;
            dot |= strstr(o.r[i].name, "·") != NULL;
        }
    demo_close(&g);
    cr_assert(yan, "no name with 䶮");
    cr_assert(ji, "no name with 𠮷");
    cr_assert(dot, "no minority name with the middle dot");

    /* and even a community of a handful */
    g = demo_open(12, 5);
    yan = ji = false;
    while (demo_next(g, &o))
        for (int i = 0; i < o.n; i++) {
            yan |= strstr(o.r[i].name, "䶮") != NULL;
            ji |= strstr(o.r[i].name, "𠮷") != NULL;
        }
    demo_close(&g);
    cr_assert(yan && ji, "a small community lacks a rare character");
}

static void count_hit(const struct search_hit *h, void *ctx)
{
    (*(int *)ctx)++;
}

Test(demo, fill_creates_the_households_and_records_the_load)
{
    struct demo_counts c;
    int hits = 0;

    cr_assert_eq(demo_fill(d, 800, 20200123, &c), 0, "%s", db_errmsg(d));
    cr_assert_eq(c.residents, 800);
    cr_assert(c.households >= 200 && c.households <= 400, "%ld households", c.households);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 800);
    cr_assert_eq(count("SELECT count(*) FROM household"), c.households);
    cr_assert_eq(count("SELECT count(DISTINCT compound) FROM household"), 3);
    cr_assert_gt(count("SELECT count(*) FROM resident WHERE flags <> 0"), 0);
    cr_assert_gt(count("SELECT count(*) FROM resident WHERE arrived_on IS NOT NULL"), 0);
    cr_assert_gt(count("SELECT count(*) FROM resident WHERE floating = 1"), 0);
    /* the n-grams of every name, as the insert trigger would have made them */
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"),
                 count("SELECT count(*) FROM (SELECT DISTINCT * FROM resident_gram_source)"));
    /* one record of the load, audited; no audit row per resident */
    cr_assert_eq(count("SELECT count(*) FROM import_run WHERE what = 'demo'"
                       " AND residents_created = 800 AND first_resident_id = 1"
                       " AND last_resident_id = 800"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'import_run'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl IN ('resident', 'household')"), 0);
    /* the search finds the rare names */
    cr_assert_gt(search_run(d, "䶮", 0, 50, count_hit, &hits), 0);
    cr_assert_gt(search_run(d, "𠮷", 0, 50, count_hit, &hits), 0);
    /* and the triggers are back: a resident saved now is audited */
    struct resident r = { 0 };
    r.household_id = 1;
    strcpy(r.name, "新居民");
    cr_assert_eq(resident_save(d, &r, NULL), 0, "%s", db_errmsg(d));
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE resident_id = 801"), 3);
}

Test(demo, the_survey_spreadsheet_imports_whole)
{
    char path[128];
    struct import_result res;
    size_t len;
    char *csv = csv_of(3000, 9, &len);

    cr_assert(strncmp(csv, "姓名,性别,身份证号,联系电话,小区,楼栋,单元,房号,与户主关系,备注\n",
                      strlen("姓名,性别,身份证号,联系电话,小区,楼栋,单元,房号,与户主关系,备注\n"))
              == 0);
    snprintf(path, sizeof path, "%s/survey.csv", scratch.dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(csv, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    free(csv);

    cr_assert_eq(import_residents(d, path, NULL, &res), 0);
    cr_assert_eq(res.rows, 3000);
    cr_assert_eq(res.rows_rejected, 0);
    cr_assert_eq(res.unknown_columns, 0);
    cr_assert_eq(res.residents_created, 3000);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 3000);
    /* the addresses as the sheets write them (12幢, 2单元, 301室) are stored bare */
    cr_assert_eq(count("SELECT count(*) FROM household WHERE building GLOB '*[^0-9]*'"
                       " OR room GLOB '*[^0-9]*' OR unit GLOB '*[^0-9]*'"),
                 0);
}

Test(demo, store_fill_demo_names_the_community_and_fills_it)
{
    char *name;

    cr_assert_eq(store_fill_demo(d, ""), 0, "%s", db_errmsg(d));
    name = store_get_setting(d, "community");
    cr_assert_str_eq(name, "大美社区");
    free(name);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 800);
    cr_assert_gt(count("SELECT count(*) FROM household"), 250);
    cr_assert_eq(count("SELECT count(DISTINCT compound) FROM household"), 3);
}
