/* Tests of src/households/list.c: the supervisors' lists and the recent households. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "src/households/list.h"
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
    d = scratch_open(&scratch, "网格员 李䶮");
}

static void teardown(void)
{
    scratch_close(&scratch);
    d = NULL;
}

TestSuite(hh_list, .init = setup, .fini = teardown);

/* A valid ID number born on BIRTH (yyyymmdd) with sequence SEQ. */
static const char *make_id(const char *birth, const char *seq)
{
    static char buf[4][19];
    static int slot;
    char *b = buf[slot++ % 4];

    snprintf(b, 19, "330102%s%s", birth, seq);
    cr_assert_eq(strlen(b), 17);
    b[17] = id_check_char(b);
    b[18] = '\0';
    return b;
}

static int64_t add_household(const char *compound, const char *building, const char *unit,
                             const char *room, const char *worker)
{
    struct household h = { 0 };

    snprintf(h.compound, sizeof h.compound, "%s", compound);
    snprintf(h.building, sizeof h.building, "%s", building);
    snprintf(h.unit, sizeof h.unit, "%s", unit);
    snprintf(h.room, sizeof h.room, "%s", room);
    snprintf(h.grid_worker, sizeof h.grid_worker, "%s", worker ? worker : "");
    cr_assert_eq(household_save(d, &h), 0, "%s", db_errmsg(d));
    return h.id;
}

struct person {
    const char *name;
    const char *relation;
    unsigned flags;
    const char *arrived_on;
    const char *id_number;
};

static int64_t add(int64_t hh, struct person p)
{
    struct resident r = { 0 };
    int64_t existing = 0;

    r.household_id = hh;
    snprintf(r.name, sizeof r.name, "%s", p.name);
    snprintf(r.relation, sizeof r.relation, "%s", p.relation ? p.relation : "");
    snprintf(r.arrived_on, sizeof r.arrived_on, "%s", p.arrived_on ? p.arrived_on : "");
    snprintf(r.id_number, sizeof r.id_number, "%s", p.id_number ? p.id_number : "");
    r.flags = p.flags;
    cr_assert_eq(resident_save(d, &r, &existing), 0, "%s: %s", p.name, db_errmsg(d));
    return r.id;
}

/* The rows of a list, as "name@address" joined with "|" ("-" for no name). */
struct rows {
    char text[2048];
    int n;
    struct search_hit last;
};

static void collect(const struct search_hit *h, void *ctx)
{
    struct rows *rs = ctx;
    size_t used = strlen(rs->text);

    snprintf(rs->text + used, sizeof rs->text - used, "%s%s@%s", rs->n ? "|" : "",
             *h->name ? h->name : "-", h->address);
    rs->n++;
    rs->last = *h;
}

static struct rows list(struct hh_list_query q, int offset, int limit)
{
    struct rows rs = { 0 };
    int n = hh_list_run(d, &q, offset, limit, collect, &rs);

    cr_assert_eq(n, rs.n, "hh_list_run returned %d for %d rows: %s", n, rs.n, db_errmsg(d));
    return rs;
}

/* A small community: two compounds, three buildings. */
static void community(void)
{
    int64_t a = add_household("大美南苑", "12", "2", "301", "王芳");
    int64_t b = add_household("大美南苑", "12", "1", "1001", "王芳");
    int64_t c = add_household("大美南苑", "12", "1", "201", NULL);
    int64_t e = add_household("大美南苑", "3", "1", "101", "李强");
    int64_t f = add_household("小美北苑", "12", "1", "101", "王芳");

    add(a, (struct person){ "张三", "户主", 0, NULL, make_id("19800101", "001") });
    add(a, (struct person){ "李梅", "配偶", CARE_CHRONIC, "2026-11-20", NULL });
    add(a, (struct person){ "张小䶮", "子", CARE_INFANT, NULL, NULL });
    add(b, (struct person){ "王秀英", "户主", CARE_ALONE_ELDERLY, NULL, NULL });
    add(c, (struct person){ "阿依古丽·买买提", "户主", 0, "2026-11-20", NULL });
    add(e, (struct person){ "赵四", "户主", CARE_DISABLED | CARE_KEY_PERSON, NULL, NULL });
    add(f, (struct person){ "钱五", "户主", 0, "2026-11-21", NULL });
}

Test(hh_list, care_lists_flagged_residents_in_pinyin_order)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_CARE };
    struct rows rs = list(q, 0, 50);

    cr_assert_str_eq(rs.text, "李梅@大美南苑12幢2单元301室|王秀英@大美南苑12幢1单元1001室|"
                              "张小䶮@大美南苑12幢2单元301室|赵四@大美南苑3幢1单元101室");
    cr_assert_eq(hh_list_count(d, &q), 4);
    cr_assert_eq(rs.last.flags, (unsigned)(CARE_DISABLED | CARE_KEY_PERSON));
    cr_assert_gt(rs.last.resident_id, 0);
}

Test(hh_list, care_leaves_out_who_moved_out)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_CARE };
    struct rows rs = list(q, 0, 50);

    cr_assert_eq(rs.n, 4);
    cr_assert_eq(resident_move_out(d, rs.last.resident_id, "2026-11-22", "杭州"), 0);
    rs = list(q, 0, 50);
    cr_assert_eq(rs.n, 3);
    cr_assert_null(strstr(rs.text, "赵四"), "%s", rs.text);
    cr_assert_eq(hh_list_count(d, &q), 3);
}

Test(hh_list, pages_with_offset_and_limit)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_CARE };

    cr_assert_str_eq(list(q, 0, 2).text, "李梅@大美南苑12幢2单元301室|王秀英@大美南苑12幢1单元1001室");
    cr_assert_str_eq(list(q, 2, 2).text, "张小䶮@大美南苑12幢2单元301室|赵四@大美南苑3幢1单元101室");
    cr_assert_eq(list(q, 4, 2).n, 0);
    cr_assert_eq(list(q, 0, 0).n, 0);
}

Test(hh_list, arrived_on_a_date)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_ARRIVED, .date = "2026-11-20" };
    struct rows rs = list(q, 0, 50);

    cr_assert_str_eq(rs.text, "阿依古丽·买买提@大美南苑12幢1单元201室|李梅@大美南苑12幢2单元301室");
    cr_assert_eq(hh_list_count(d, &q), 2);
    snprintf(q.date, sizeof q.date, "2026-11-21");
    cr_assert_str_eq(list(q, 0, 50).text, "钱五@小美北苑12幢1单元101室");
    snprintf(q.date, sizeof q.date, "2026-11-22");
    cr_assert_eq(list(q, 0, 50).n, 0);
    cr_assert_eq(hh_list_count(d, &q), 0);
}

Test(hh_list, arrived_puts_who_moved_out_last)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_ARRIVED, .date = "2026-11-20" };
    struct rows rs = list(q, 0, 1);

    cr_assert_str_eq(rs.last.name, "阿依古丽·买买提");
    cr_assert_eq(resident_move_out(d, rs.last.resident_id, "", ""), 0);
    rs = list(q, 0, 50);
    cr_assert_str_eq(rs.text, "李梅@大美南苑12幢2单元301室|阿依古丽·买买提@大美南苑12幢1单元201室");
    cr_assert(rs.last.moved_out);
}

Test(hh_list, building_in_address_order_head_first)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_BUILDING, .compound = "大美南苑",
                               .building = "12幢" };
    struct rows rs = list(q, 0, 50);

    /* unit 1 before unit 2; room 201 before 1001; the head first */
    cr_assert_str_eq(rs.text, "阿依古丽·买买提@大美南苑12幢1单元201室|"
                              "王秀英@大美南苑12幢1单元1001室|张三@大美南苑12幢2单元301室|"
                              "李梅@大美南苑12幢2单元301室|张小䶮@大美南苑12幢2单元301室");
    cr_assert_eq(hh_list_count(d, &q), 5);
    /* the other compound's building 12 is not in it */
    cr_assert_null(strstr(rs.text, "钱五"));
    snprintf(q.compound, sizeof q.compound, "小美北苑");
    snprintf(q.building, sizeof q.building, "１２");
    cr_assert_str_eq(list(q, 0, 50).text, "钱五@小美北苑12幢1单元101室");
    snprintf(q.building, sizeof q.building, "3");
    cr_assert_eq(list(q, 0, 50).n, 0);
}

Test(hh_list, worker_lists_households_with_head_and_flags)
{
    community();
    int64_t empty = add_household("大美南苑", "12", "2", "302", "王芳");
    struct hh_list_query q = { .kind = HH_LIST_WORKER, .worker = " 王芳 " };
    struct rows rs = list(q, 0, 50);

    cr_assert_str_eq(rs.text, "王秀英@大美南苑12幢1单元1001室|张三@大美南苑12幢2单元301室|"
                              "-@大美南苑12幢2单元302室|钱五@小美北苑12幢1单元101室");
    cr_assert_eq(hh_list_count(d, &q), 4);
    rs = list(q, 1, 1);
    cr_assert_str_eq(rs.last.name, "张三");
    cr_assert_eq(rs.last.flags, (unsigned)(CARE_CHRONIC | CARE_INFANT));
    char masked[40], id[19];
    snprintf(id, sizeof id, "%s", make_id("19800101", "001"));
    text_mask_id(masked, sizeof masked, id);
    cr_assert_str_eq(rs.last.id_masked, masked);
    cr_assert_eq(strncmp(masked, "330102****", 10), 0, "%s", masked);
    rs = list(q, 2, 1);
    cr_assert_eq(rs.last.household_id, empty);
    cr_assert_eq(rs.last.resident_id, 0);
    cr_assert_eq(rs.last.flags, 0);
    snprintf(q.worker, sizeof q.worker, "王");
    cr_assert_eq(list(q, 0, 50).n, 0, "a worker is named whole");
}

Test(hh_list, recent_puts_the_last_changed_household_first)
{
    community();
    struct hh_list_query q = { .kind = HH_LIST_RECENT };
    struct rows rs = list(q, 0, 3);

    cr_assert_str_eq(rs.text, "钱五@小美北苑12幢1单元101室|赵四@大美南苑3幢1单元101室|"
                              "阿依古丽·买买提@大美南苑12幢1单元201室");
    cr_assert_eq(hh_list_count(d, &q), 5);
    /* a member of the oldest household changes: it comes first */
    struct hh_list_query care = { .kind = HH_LIST_CARE };
    rs = list(care, 0, 1);
    cr_assert_str_eq(rs.last.name, "李梅");
    cr_assert_eq(resident_move_out(d, rs.last.resident_id, "", "上海"), 0);
    rs = list(q, 0, 1);
    cr_assert_str_eq(rs.text, "张三@大美南苑12幢2单元301室");
    cr_assert_eq(rs.last.flags, (unsigned)CARE_INFANT, "the flags of who lives there");
    cr_assert_eq(hh_list_count(d, &q), 5);
}

Test(hh_list, recent_of_an_empty_database)
{
    struct hh_list_query q = { .kind = HH_LIST_RECENT };

    cr_assert_eq(list(q, 0, 10).n, 0);
    cr_assert_eq(hh_list_count(d, &q), 0);
}

struct names {
    char text[512];
};

static void name_of(const char *name, void *ctx)
{
    struct names *ns = ctx;
    size_t used = strlen(ns->text);

    snprintf(ns->text + used, sizeof ns->text - used, "%s%s", used ? "|" : "", name);
}

Test(hh_list, names_of_compounds_and_workers)
{
    struct names ns = { "" };

    community();
    add_household("南苑", "1", "", "1", NULL);
    cr_assert_eq(hh_list_names(d, HH_NAME_COMPOUND, "南苑", 10, name_of, &ns), 2);
    cr_assert_str_eq(ns.text, "南苑|大美南苑", "the exact name first");
    memset(&ns, 0, sizeof ns);
    cr_assert_eq(hh_list_names(d, HH_NAME_COMPOUND, " 北苑 ", 10, name_of, &ns), 1);
    cr_assert_str_eq(ns.text, "小美北苑");
    memset(&ns, 0, sizeof ns);
    cr_assert_eq(hh_list_names(d, HH_NAME_COMPOUND, "苑", 1, name_of, &ns), 2,
                 "counted up to MAX + 1");
    cr_assert_eq(strchr(ns.text, '|'), NULL, "but only MAX given: %s", ns.text);
    cr_assert_eq(hh_list_names(d, HH_NAME_COMPOUND, "东苑", 10, NULL, NULL), 0);
    memset(&ns, 0, sizeof ns);
    cr_assert_eq(hh_list_names(d, HH_NAME_WORKER, "", 10, name_of, &ns), 2);
    cr_assert(strstr(ns.text, "王芳") && strstr(ns.text, "李强"), "%s", ns.text);
    memset(&ns, 0, sizeof ns);
    cr_assert_eq(hh_list_names(d, HH_NAME_WORKER, "芳", 10, name_of, &ns), 1);
    cr_assert_str_eq(ns.text, "王芳");
}

Test(hh_list, an_unknown_kind_lists_nothing)
{
    community();
    struct hh_list_query q = { .kind = (enum hh_list_kind)42 };
    struct rows rs = { 0 };

    cr_assert_eq(hh_list_run(d, &q, 0, 10, collect, &rs), 0);
    cr_assert_eq(rs.n, 0);
    cr_assert_eq(hh_list_count(d, &q), 0);
}

/* ---- words (no catalogue is loaded here: the words are the English ones) -- */

Test(hh_list, care_marks_and_back)
{
    char buf[128], bad[32];
    unsigned flags = 99;

    hh_care_marks(0, buf, sizeof buf);
    cr_assert_str_eq(buf, "");
    hh_care_marks(CARE_ALONE_ELDERLY | CARE_KEY_PERSON, buf, sizeof buf);
    cr_assert_str_eq(buf, "alone key person");
    cr_assert_eq(hh_care_parse(buf, &flags, bad, sizeof bad), 0, "%s", bad);
    cr_assert_eq(flags, (unsigned)(CARE_ALONE_ELDERLY | CARE_KEY_PERSON));
    hh_care_marks(CARE_ALONE_ELDERLY | CARE_DISABLED, buf, 10);
    cr_assert_str_eq(buf, "alone", "cut between marks, never inside one");

    cr_assert_eq(hh_care_parse("独居老人、残疾人，孕妇", &flags, bad, sizeof bad), 0, "%s", bad);
    cr_assert_eq(flags, (unsigned)(CARE_ALONE_ELDERLY | CARE_DISABLED | CARE_PREGNANT));
    cr_assert_eq(hh_care_parse("慢病婴", &flags, bad, sizeof bad), 0, "%s", bad);
    cr_assert_eq(flags, (unsigned)(CARE_CHRONIC | CARE_INFANT));
    cr_assert_eq(hh_care_parse(" Chronic,INFANT ", &flags, bad, sizeof bad), 0, "%s", bad);
    cr_assert_eq(flags, (unsigned)(CARE_CHRONIC | CARE_INFANT));
    cr_assert_eq(hh_care_parse("", &flags, bad, sizeof bad), 0);
    cr_assert_eq(flags, 0);

    flags = 7;
    cr_assert_eq(hh_care_parse("alone keys", &flags, bad, sizeof bad), -1);
    cr_assert_str_eq(bad, "keys");
    cr_assert_eq(flags, 7, "not touched when refused");
    cr_assert_eq(hh_care_parse("独居 高龄", &flags, bad, sizeof bad), -1);
    cr_assert_str_eq(bad, "高龄");
}

Test(hh_list, kind_sex_and_population_words)
{
    cr_assert_str_eq(hh_kind_word(HH_RENTED), "rented");
    cr_assert_str_eq(hh_kind_word(7), "");
    cr_assert_eq(hh_kind_parse("群租"), HH_GROUP_RENTAL);
    cr_assert_eq(hh_kind_parse(" Owner-Occupied "), HH_OWNER);
    cr_assert_eq(hh_kind_parse("2"), HH_RENTED);
    cr_assert_eq(hh_kind_parse("12"), -1);
    cr_assert_eq(hh_kind_parse("出租 群租"), -1, "one kind, not two");

    cr_assert_str_eq(hh_sex_word("F"), "female");
    cr_assert_str_eq(hh_sex_word(""), "");
    cr_assert_str_eq(hh_sex_parse("男"), "M");
    cr_assert_str_eq(hh_sex_parse("female"), "F");
    cr_assert_str_eq(hh_sex_parse(" m "), "M");
    cr_assert_str_eq(hh_sex_parse("  "), "");
    cr_assert_null(hh_sex_parse("mf"));

    cr_assert_str_eq(hh_population_word(true), "floating");
    cr_assert_eq(hh_population_parse("常住"), 0);
    cr_assert_eq(hh_population_parse("流动人口"), 1);
    cr_assert_eq(hh_population_parse("Floating"), 1);
    cr_assert_eq(hh_population_parse("游客"), -1);
}

/* A bulk import writes one audit row for the whole load: its households
 * are the recent ones all the same, the last created first. */
Test(hh_list, recent_shows_what_an_import_created)
{
    struct import_result res;
    struct hh_list_query q = { .kind = HH_LIST_RECENT };
    char path[128];
    FILE *f;

    community();
    snprintf(path, sizeof path, "%s/sheet.csv", scratch.dir);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("姓名,小区,楼栋,单元,室\n"
          "孙八,金桂苑,1,1,101\n"
          "周九,金桂苑,1,1,102\n"
          "吴十,大美南苑,3,1,101\n", f);
    fclose(f);
    cr_assert_eq(import_residents(d, path, NULL, &res), 0);
    cr_assert_eq(res.residents_created, 3);
    struct rows rs = list(q, 0, 3);
    cr_assert_str_eq(rs.text, "赵四@大美南苑3幢1单元101室|周九@金桂苑1幢1单元102室|"
                              "孙八@金桂苑1幢1单元101室",
                     "an existing household that got a member counts too: %s", rs.text);
    cr_assert_eq(hh_list_count(d, &q), 7);
}
