/* Tests of src/households/household.c: households, residents, their history. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "src/households/household.h"
#include "src/numbers.h"
#include "src/pinyin.h"
#include "tests/unit/scratch.h"

static struct scratch scratch;
static db *d;

static void setup(void)
{
    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    d = scratch_open(&scratch, "网格员 李䶮");
}

static void teardown(void)
{
    scratch_close(&scratch);
    d = NULL;
}

TestSuite(household, .init = setup, .fini = teardown);

/* A valid 18-character ID number: area, birth date yyyymmdd, sequence. */
static const char *make_id(const char *area, const char *birth, const char *seq)
{
    static char buf[4][19];
    static int slot;
    char *b = buf[slot++ % 4], whole[64];

    snprintf(whole, sizeof whole, "%s%s%s", area, birth, seq);
    cr_assert_eq(strlen(whole), 17);
    memcpy(b, whole, 17);
    b[17] = id_check_char(b);
    b[18] = '\0';
    return b;
}

static int64_t add_household(const char *compound, const char *building, const char *unit,
                             const char *room)
{
    struct household h = { 0 };
    int64_t id = 0;

    snprintf(h.compound, sizeof h.compound, "%s", compound);
    snprintf(h.building, sizeof h.building, "%s", building);
    snprintf(h.unit, sizeof h.unit, "%s", unit);
    snprintf(h.room, sizeof h.room, "%s", room);
    cr_assert_eq(household_ensure(d, &h, &id), 0, "%s", db_errmsg(d));
    cr_assert_gt(id, 0);
    return id;
}

static int64_t add_resident(int64_t hh, const char *name, const char *id_number)
{
    struct resident r = { 0 };
    int64_t existing = -1;

    r.household_id = hh;
    snprintf(r.name, sizeof r.name, "%s", name);
    snprintf(r.id_number, sizeof r.id_number, "%s", id_number ? id_number : "");
    cr_assert_eq(resident_save(d, &r, &existing), 0, "%s: %s", name, db_errmsg(d));
    cr_assert_eq(existing, 0);
    cr_assert_gt(r.id, 0);
    return r.id;
}

static int64_t count(const char *sql)
{
    return db_int(d, sql, -1);
}

Test(household, ensure_is_idempotent_across_the_ways_an_address_is_written)
{
    int64_t a = add_household("大美南苑", "12", "2", "301");
    int64_t b = add_household("大美南苑", "12幢", "2单元", "301室");
    int64_t c = add_household(" 大美南苑 ", "１２", "２", "３０１");
    int64_t other = add_household("大美南苑", "12", "2", "302");

    cr_assert_eq(a, b);
    cr_assert_eq(a, c);
    cr_assert_neq(a, other);
    cr_assert_eq(count("SELECT count(*) FROM household"), 2);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'household'"), 2);
    char *who = db_text(d, "SELECT created_by || ' ' || created_at FROM household LIMIT 1");
    cr_assert_str_eq(who, "网格员 李䶮 2026-11-23T09:30:00");
    free(who);
}

Test(household, find_save_get_and_address)
{
    struct household h = { 0 }, got;
    char addr[64];

    strcpy(h.compound, "大美南苑");
    strcpy(h.building, "12号楼");
    strcpy(h.unit, "2");
    strcpy(h.room, "301");
    strcpy(h.phone, "0571 8765 4321");
    h.kind = HH_GROUP_RENTAL;
    cr_assert_eq(household_find(d, &h), 0);
    cr_assert_eq(household_save(d, &h), 0, "%s", db_errmsg(d));
    cr_assert_gt(h.id, 0);
    cr_assert_str_eq(h.building, "12");
    cr_assert_str_eq(h.phone, "0571-87654321");
    cr_assert_eq(household_find(d, &h), h.id);
    cr_assert_eq(household_get(d, h.id, &got), 0);
    cr_assert_str_eq(got.compound, "大美南苑");
    cr_assert_eq(got.kind, HH_GROUP_RENTAL);
    household_address(&got, addr, sizeof addr);
    cr_assert_str_eq(addr, "大美南苑12幢2单元301室");
    household_address(&got, addr, 8); /* cut, never in half a character */
    cr_assert_str_eq(addr, "大美");
    cr_assert_eq(household_get(d, h.id + 100, &got), 1);

    /* Saving it unchanged writes nothing; a change is audited. */
    long before = (long)count("SELECT count(*) FROM audit");
    cr_assert_eq(household_save(d, &h), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit"), before);
    strcpy(h.grid_worker, "王芳");
    cr_assert_eq(household_save(d, &h), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit"), before + 1);
}

Test(household, check_refuses_what_cannot_be_stored)
{
    struct household h = { 0 };
    char why[256] = "";

    cr_assert_eq(household_check(&h, why, sizeof why), -1);
    cr_assert(strlen(why) > 0);
    strcpy(h.compound, "大美南苑");
    cr_assert_eq(household_check(&h, why, sizeof why), 0);
    strcpy(h.phone, "12345");
    cr_assert_eq(household_check(&h, why, sizeof why), -1);
    cr_assert_eq(household_save(d, &h), -1);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
}

Test(household, resident_save_fills_birth_date_sex_and_search_columns)
{
    int64_t hh = add_household("大美南苑", "12", "2", "301");
    struct resident r = { 0 }, got;
    char id[19];
    int64_t existing = -1;

    /* Sequence 123: odd, a man; the X typed in lower case. */
    snprintf(id, sizeof id, "%s", make_id("330102", "19900307", "123"));
    r.household_id = hh;
    strcpy(r.name, " 张三丰 ");
    snprintf(r.id_number, sizeof r.id_number, "%s", id);
    strcpy(r.phone, "139 1234 7788");
    cr_assert_eq(resident_save(d, &r, &existing), 0, "%s", db_errmsg(d));
    cr_assert_eq(existing, 0);
    cr_assert_eq(resident_get(d, r.id, &got), 0);
    cr_assert_str_eq(got.name, "张三丰");
    cr_assert_str_eq(got.birth_date, "1990-03-07");
    cr_assert_str_eq(got.sex, "M");
    cr_assert_eq(got.id_kind, IDK_RESIDENT);
    cr_assert_str_eq(got.id_number, id);
    cr_assert_str_eq(got.phone, "13912347788");
    cr_assert_str_eq(got.moved_out_on, "");

    char *ini = db_text(d, "SELECT name_initials || '|' || id_rev || '|' || phone_rev"
                           " || '|' || typeof(name_key) FROM resident");
    char expect[128], rev[19];
    for (int i = 0; i < 18; i++)
        rev[i] = id[17 - i];
    rev[18] = '\0';
    snprintf(expect, sizeof expect, "zsf|%s|88774321931|blob", rev);
    cr_assert_str_eq(ini, expect);
    free(ini);
    cr_assert_eq(resident_find_by_id_number(d, id), r.id);
    cr_assert_eq(resident_find_by_id_number(d, "110101199001011234"), 0);
}

Test(household, a_given_birth_date_and_sex_are_kept)
{
    int64_t hh = add_household("大美南苑", "1", "", "101");
    struct resident r = { 0 };

    r.household_id = hh;
    strcpy(r.name, "李四");
    snprintf(r.id_number, sizeof r.id_number, "%s", make_id("330102", "19900307", "124"));
    strcpy(r.birth_date, "1990-03-08"); /* disagrees with the ID: a warning, accepted */
    strcpy(r.sex, "M");                 /* the ID says F */
    cr_assert_eq(resident_save(d, &r, NULL), 0);
    cr_assert_str_eq(r.birth_date, "1990-03-08");
    cr_assert_str_eq(r.sex, "M");
}

Test(household, legacy_and_lower_case_ids_are_normalized)
{
    int64_t hh = add_household("大美南苑", "1", "", "101");
    struct resident r = { 0 };
    char id[19], typed[19];

    /* A check character X (found by trying sequences), typed as x. */
    for (int seq = 100; seq < 999; seq++) {
        char s[12];
        snprintf(s, sizeof s, "%03d", seq);
        snprintf(id, sizeof id, "%s", make_id("330102", "19851201", s));
        if (id[17] == 'X')
            break;
    }
    cr_assert_eq(id[17], 'X');
    snprintf(typed, sizeof typed, "%s", id);
    typed[17] = 'x';
    r.household_id = hh;
    strcpy(r.name, "赵六");
    strcpy(r.id_number, typed);
    cr_assert_eq(resident_save(d, &r, NULL), 0);
    cr_assert_str_eq(r.id_number, id);
    cr_assert_eq(resident_find_by_id_number(d, typed), r.id);
}

Test(household, duplicate_id_number_fails_and_names_the_existing_resident)
{
    int64_t hh = add_household("大美南苑", "12", "2", "301");
    int64_t hh2 = add_household("大美南苑", "12", "2", "302");
    const char *id = make_id("330102", "19900307", "123");
    int64_t first = add_resident(hh, "张三丰", id);
    struct resident r = { 0 };
    int64_t existing = 0;

    r.household_id = hh2;
    strcpy(r.name, "张三疯");
    snprintf(r.id_number, sizeof r.id_number, "%s", id);
    cr_assert_eq(resident_save(d, &r, &existing), -1);
    cr_assert_eq(existing, first);
    cr_assert_eq(r.id, 0);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 1);
    cr_assert_eq(db_tx_depth(d), 0);

    /* Saving the same person again (an edit) is not a duplicate. */
    cr_assert_eq(resident_get(d, first, &r), 0);
    strcpy(r.relation, "户主");
    cr_assert_eq(resident_save(d, &r, &existing), 0);
    cr_assert_eq(existing, 0);
}

Test(household, check_gives_the_reason)
{
    struct resident r = { 0 };
    char why[256] = "";

    cr_assert_eq(resident_check(&r, why, sizeof why), -1);
    cr_assert(strlen(why) > 0);
    strcpy(r.name, "王五");
    cr_assert_eq(resident_check(&r, why, sizeof why), 0);
    snprintf(r.id_number, sizeof r.id_number, "%s", make_id("330102", "19900307", "123"));
    r.id_number[17] = r.id_number[17] == '0' ? '1' : '0'; /* wrong check character */
    why[0] = '\0';
    cr_assert_eq(resident_check(&r, why, sizeof why), -1);
    cr_assert(strlen(why) > 0);
    cr_assert_eq(resident_save(d, &r, NULL), -1);
    strcpy(r.id_number, "3.30102E+17");
    cr_assert_eq(resident_check(&r, why, sizeof why), -1);
    r.id_number[0] = '\0';
    strcpy(r.phone, "1234");
    cr_assert_eq(resident_check(&r, why, sizeof why), -1);
    r.phone[0] = '\0';
    strcpy(r.arrived_on, "11/23");
    cr_assert_eq(resident_check(&r, why, sizeof why), -1);
    /* A passport number is stored as typed, upper-case. */
    r.arrived_on[0] = '\0';
    r.id_kind = IDK_PASSPORT;
    strcpy(r.id_number, "e1234567");
    cr_assert_eq(resident_check(&r, why, sizeof why), 0);
}

Test(household, names_are_normalized)
{
    char name[96] = "  阿依古丽.买买提 ";
    char other[96] = "阿依古丽・买买提";

    resident_name_normalize(name, sizeof name);
    resident_name_normalize(other, sizeof other);
    cr_assert_str_eq(name, "阿依古丽·买买提");
    cr_assert_str_eq(other, "阿依古丽·买买提");
}

Test(household, move_and_move_out_keep_history)
{
    int64_t a = add_household("大美南苑", "12", "2", "301");
    int64_t b = add_household("大美北苑", "3", "1", "101");
    int64_t id = add_resident(a, "张三丰", make_id("330102", "19900307", "123"));
    struct resident r;

    cr_assert_eq(resident_move(d, id, b), 0, "%s", db_errmsg(d));
    cr_assert_eq(resident_get(d, id, &r), 0);
    cr_assert_eq(r.household_id, b);
    char *old_hh = db_text(d, "SELECT json_extract(old, '$.household_id') || '>'"
                              " || json_extract(new, '$.household_id') FROM audit"
                              " WHERE tbl = 'resident' AND action = 'update'");
    char expect[64];
    snprintf(expect, sizeof expect, "%lld>%lld", (long long)a, (long long)b);
    cr_assert_str_eq(old_hh, expect);
    free(old_hh);
    cr_assert_eq(resident_move(d, id, b + 100), -1); /* no such household */
    cr_assert_eq(resident_move(d, id + 100, a), -1); /* no such resident */
    cr_assert_eq(db_tx_depth(d), 0);

    cr_assert_eq(resident_move_out(d, id, "2026-11-20", "杭州市西湖区"), 0);
    cr_assert_eq(resident_get(d, id, &r), 0);
    cr_assert_str_eq(r.moved_out_on, "2026-11-20");
    cr_assert_str_eq(r.moved_to, "杭州市西湖区");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 1);
    cr_assert_eq(count("SELECT gone FROM resident"), 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident'"), 3);
    cr_assert_eq(resident_move_out(d, id, "20261120x", ""), -1);

    /* Without a date: today (the pinned clock). */
    int64_t id2 = add_resident(b, "李四", NULL);
    cr_assert_eq(resident_move_out(d, id2, NULL, NULL), 0);
    cr_assert_eq(resident_get(d, id2, &r), 0);
    cr_assert_str_eq(r.moved_out_on, "2026-11-23");
}

struct names {
    char list[8][96];
    int n;
};

static void collect(const struct resident *r, void *ctx)
{
    struct names *ns = ctx;
    if (ns->n < 8)
        snprintf(ns->list[ns->n++], sizeof ns->list[0], "%s", r->name);
}

Test(household, members_head_first_then_pinyin_order_movers_last)
{
    int64_t hh = add_household("大美南苑", "12", "2", "301");
    struct resident head = { 0 };
    struct names ns = { 0 };

    int64_t zhang = add_resident(hh, "张一", NULL);
    add_resident(hh, "白二", NULL);
    add_resident(hh, "安三", NULL);
    head.household_id = hh;
    strcpy(head.name, "赵四");
    strcpy(head.relation, "户主");
    cr_assert_eq(resident_save(d, &head, NULL), 0);
    cr_assert_eq(resident_move_out(d, zhang, "2026-11-01", ""), 0);
    add_resident(hh, "阿五", NULL);

    cr_assert_eq(household_members(d, hh, collect, &ns), 5);
    cr_assert_str_eq(ns.list[0], "赵四");
    cr_assert_str_eq(ns.list[1], "阿五");
    cr_assert_str_eq(ns.list[2], "安三");
    cr_assert_str_eq(ns.list[3], "白二");
    cr_assert_str_eq(ns.list[4], "张一");
    cr_assert_eq(household_members(d, hh + 99, collect, NULL), 0);
}

Test(household, upsert_by_id_updates_and_keeps_what_is_not_given)
{
    int64_t hh = add_household("大美南苑", "12", "2", "301");
    struct resident r = { 0 }, got;
    bool created = false;
    const char *id = make_id("330102", "19900307", "123");

    r.household_id = hh;
    strcpy(r.name, "张三丰");
    snprintf(r.id_number, sizeof r.id_number, "%s", id);
    strcpy(r.phone, "13912347788");
    r.flags = CARE_ALONE_ELDERLY;
    cr_assert_eq(resident_upsert_by_id(d, &r, &created), 0, "%s", db_errmsg(d));
    cr_assert(created);
    int64_t first = r.id;
    long audits = (long)count("SELECT count(*) FROM audit");

    /* The same row again: nothing new, nothing written. */
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    strcpy(r.name, "张三丰");
    snprintf(r.id_number, sizeof r.id_number, "%s", id);
    cr_assert_eq(resident_upsert_by_id(d, &r, &created), 0);
    cr_assert_not(created);
    cr_assert_eq(r.id, first);
    cr_assert_eq(count("SELECT count(*) FROM audit"), audits);
    cr_assert_eq(resident_get(d, first, &got), 0);
    cr_assert_str_eq(got.phone, "13912347788");
    cr_assert_eq(got.flags, CARE_ALONE_ELDERLY);

    /* A new phone updates it. */
    strcpy(r.phone, "13800001111");
    cr_assert_eq(resident_upsert_by_id(d, &r, &created), 0);
    cr_assert_not(created);
    cr_assert_eq(resident_get(d, first, &got), 0);
    cr_assert_str_eq(got.phone, "13800001111");
    cr_assert_eq(count("SELECT count(*) FROM resident"), 1);

    /* Without an ID number: matched by household and name. */
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    strcpy(r.name, "张小宝");
    cr_assert_eq(resident_upsert_by_id(d, &r, &created), 0);
    cr_assert(created);
    memset(&r, 0, sizeof r);
    r.household_id = hh;
    strcpy(r.name, "张小宝");
    r.flags = CARE_INFANT;
    cr_assert_eq(resident_upsert_by_id(d, &r, &created), 0);
    cr_assert_not(created);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 2);
    cr_assert_eq(count("SELECT flags FROM resident WHERE name = '张小宝'"), CARE_INFANT);
}

Test(household, writer_imports_in_one_transaction)
{
    hh_writer *w = hh_writer_open(d);
    struct household h = { 0 };
    int64_t hh = 0;
    bool created;

    cr_assert_not_null(w);
    cr_assert_eq(db_begin(d), 0);
    strcpy(h.compound, "大美南苑");
    for (int i = 0; i < 30; i++) {
        struct resident r = { 0 };
        snprintf(h.building, sizeof h.building, "%d", 1 + i / 10);
        cr_assert_eq(hh_writer_household(w, &h, &hh, NULL), 0, "%s", db_errmsg(d));
        r.household_id = hh;
        snprintf(r.name, sizeof r.name, "居民%d", i);
        cr_assert_eq(hh_writer_resident(w, &r, &created), 0, "%s", db_errmsg(d));
        cr_assert(created);
    }
    /* A refused row leaves nothing behind and the transaction goes on. */
    struct resident bad = { 0 };
    bad.household_id = hh + 1000; /* no such household */
    strcpy(bad.name, "无户");
    cr_assert_eq(hh_writer_resident(w, &bad, &created), -1);
    cr_assert_eq(db_tx_depth(d), 1);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident'"), 30);
    hh_writer_close(&w);
    cr_assert_null(w);
    hh_writer_close(&w);
    cr_assert_eq(count("SELECT count(*) FROM household"), 3);
    cr_assert_eq(count("SELECT count(*) FROM resident"), 30);
}

Test(household, name_grams_follow_renames_and_moves_out)
{
    int64_t hh = add_household("大美南苑", "12", "2", "301");
    int64_t id = add_resident(hh, "张三丰", NULL);
    struct resident r;

    /* 三, 丰, 三丰: everything not at the start. */
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"), 3);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '三丰'"), 1);
    cr_assert_eq(resident_get(d, id, &r), 0);
    strcpy(r.name, "李䶮");
    cr_assert_eq(resident_save(d, &r, NULL), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '䶮' AND gone = 0"), 1);
    cr_assert_eq(resident_move_out(d, id, "2026-11-01", ""), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '䶮' AND gone = 1"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"), 1);
}

/* ---- bulk loading ------------------------------------------------------------ */

static char *schema_text(void)
{
    return db_text(d, "SELECT group_concat(type || ' ' || name || ' ' || sql, char(10))"
                      " FROM (SELECT * FROM sqlite_schema ORDER BY name)");
}

Test(household, bulk_load_needs_a_transaction_and_records_itself)
{
    hh_writer *w = hh_writer_open(d);
    struct household h = { 0 };
    int64_t hh = 0;
    bool created;
    char *before = schema_text();

    cr_assert_eq(hh_writer_bulk_begin(w, 10), -1, "outside a transaction");
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(hh_writer_bulk_begin(w, 10), 0, "%s", db_errmsg(d));
    strcpy(h.compound, "大美北苑");
    strcpy(h.building, "3");
    strcpy(h.room, "101");
    cr_assert_eq(hh_writer_household(w, &h, &hh, NULL), 0, "%s", db_errmsg(d));
    for (int i = 0; i < 3; i++) {
        struct resident r = { 0 };
        r.household_id = hh;
        snprintf(r.name, sizeof r.name, "居民%d", i);
        cr_assert_eq(hh_writer_resident(w, &r, &created), 0, "%s", db_errmsg(d));
        cr_assert(created);
    }
    /* Meanwhile: no audit row and no n-grams per row. */
    cr_assert_eq(count("SELECT count(*) FROM audit"), 0);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"), 0);
    struct hh_load load = { .what = "residents", .file = "摸排表.csv", .rows = 3,
                            .households_created = 1, .residents_created = 3 };
    cr_assert_eq(hh_writer_bulk_end(w, &load), 0, "%s", db_errmsg(d));
    cr_assert_eq(db_commit(d), 0);
    hh_writer_close(&w);

    char *after = schema_text();
    cr_assert_str_eq(after, before, "the schema is whole again");
    free(before);
    free(after);
    /* 民 and the number of each name, and the pair 民N */
    cr_assert_eq(count("SELECT count(*) FROM resident_gram"), 9);
    cr_assert_eq(count("SELECT count(*) FROM import_run WHERE file = '摸排表.csv'"
                       " AND first_household_id = 1 AND last_household_id = 1"
                       " AND first_resident_id = 1 AND last_resident_id = 3"
                       " AND created_by = '网格员 李䶮' AND created_at = '2026-11-23T09:30:00'"),
                 1);
    cr_assert_eq(count("SELECT count(*) FROM audit"), 1);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'import_run'"), 1);
}

Test(household, bulk_load_rolled_back_leaves_the_schema_and_nothing_else)
{
    hh_writer *w = hh_writer_open(d);
    struct household h = { 0 };
    int64_t hh = 0;
    char *before = schema_text();

    cr_assert_eq(db_begin(d), 0);
    /* many rows expected: the random-order indexes are dropped too */
    cr_assert_eq(hh_writer_bulk_begin(w, 100000), 0, "%s", db_errmsg(d));
    cr_assert_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'resident_by_key'"), 0);
    cr_assert_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'resident_audit_insert'"),
                 0);
    strcpy(h.building, "3");
    strcpy(h.room, "101");
    cr_assert_eq(hh_writer_household(w, &h, &hh, NULL), 0, "%s", db_errmsg(d));
    cr_assert_eq(db_rollback(d), 0);
    hh_writer_close(&w);

    char *after = schema_text();
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
    cr_assert_eq(count("SELECT count(*) FROM household"), 0);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 0);
    /* and the triggers work */
    add_resident(add_household("大美南苑", "1", "1", "101"), "王芳", NULL);
    cr_assert_eq(count("SELECT count(*) FROM audit WHERE tbl = 'resident'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM resident_gram WHERE gram = '芳'"), 1);
}

Test(household, bulk_load_that_changes_nothing_leaves_no_record)
{
    hh_writer *w = hh_writer_open(d);
    struct hh_load load = { .what = "residents", .file = "空.csv" };

    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(hh_writer_bulk_begin(w, 0), 0);
    cr_assert_eq(hh_writer_bulk_end(w, &load), 0);
    cr_assert_eq(hh_writer_bulk_end(w, &load), -1, "ended twice");
    cr_assert_eq(db_commit(d), 0);
    hh_writer_close(&w);
    cr_assert_eq(count("SELECT count(*) FROM import_run"), 0);
    cr_assert_eq(count("SELECT count(*) FROM audit"), 0);
}
