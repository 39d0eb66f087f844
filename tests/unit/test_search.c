/* Tests of src/households/search.c: reading what the counter types, and the hits. */
#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/db.h"
#include "db/migrate.h"
#include "src/date.h"
#include "src/households/household.h"
#include "src/numbers.h"
#include "src/pinyin.h"
#include "src/households/search.h"

/* ---- search_parse ----------------------------------------------------- */

static void parse_done(void)
{
    pinyin_cleanup();
}

TestSuite(search, .fini = parse_done);

Test(search, parse_chinese_name_fragments)
{
    struct search_query q;

    cr_assert_eq(search_parse("张", &q), SEARCH_NAME | SEARCH_COMPOUND);
    cr_assert_str_eq(q.name, "张");
    cr_assert_eq(q.name_chars, 1);
    cr_assert_eq(search_parse(" 张 三丰　", &q), SEARCH_NAME | SEARCH_COMPOUND);
    cr_assert_str_eq(q.name, "张三丰");
    cr_assert_eq(q.name_chars, 3);
    cr_assert_eq(search_parse("王A", &q) & SEARCH_NAME, SEARCH_NAME);
    cr_assert_str_eq(q.name, "王A");
    cr_assert_eq(search_parse("𠮷", &q) & SEARCH_NAME, SEARCH_NAME);
    cr_assert_eq(q.name_chars, 1);
    search_parse("阿依古丽.买买提", &q);
    cr_assert_str_eq(q.name, "阿依古丽·买买提");
}

Test(search, parse_pinyin_initials)
{
    struct search_query q;

    cr_assert_eq(search_parse("zsf", &q), SEARCH_INITIALS | SEARCH_NAME);
    cr_assert_str_eq(q.initials, "zsf");
    cr_assert_eq(search_parse("ZSF", &q), SEARCH_INITIALS | SEARCH_NAME);
    cr_assert_str_eq(q.initials, "zsf");
    cr_assert_eq(search_parse("ｚｓｆ", &q), SEARCH_INITIALS | SEARCH_NAME);
    cr_assert_str_eq(q.initials, "zsf");
}

static void assert_addr(const struct search_address *a, const char *compound,
                        const char *building, const char *unit, const char *room)
{
    cr_assert_str_eq(a->compound, compound);
    cr_assert_str_eq(a->building, building);
    cr_assert_str_eq(a->unit, unit);
    cr_assert_str_eq(a->room, room);
}

Test(search, parse_address_forms)
{
    struct search_query q;

    cr_assert_eq(search_parse("12幢", &q), SEARCH_ADDRESS);
    cr_assert_eq(q.naddr, 1);
    assert_addr(&q.addr[0], "", "12", "", "");
    cr_assert_eq(search_parse("12-2-301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "2", "301");
    cr_assert_eq(search_parse("12幢2单元301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "2", "301");
    cr_assert_eq(search_parse("大美南苑12幢2单元301室", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "大美南苑", "12", "2", "301");
    cr_assert_eq(search_parse("南苑 12", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "南苑", "12", "", "");
    cr_assert_eq(search_parse("12-301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "", "301");
    cr_assert_eq(search_parse("12-2", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "2", "");
    cr_assert_eq(search_parse("2单元301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "", "2", "301");
    cr_assert_eq(search_parse("１２号楼", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "", "");
    cr_assert_eq(search_parse("12 301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "", "301");
    /* A bare short number: a building or a room. */
    cr_assert_eq(search_parse("12", &q), SEARCH_ADDRESS);
    cr_assert_eq(q.naddr, 2);
    assert_addr(&q.addr[0], "", "12", "", "");
    assert_addr(&q.addr[1], "", "", "", "12");
    /* Not addresses. */
    cr_assert_eq(search_parse("301室12幢", &q) & SEARCH_ADDRESS, 0);
    cr_assert_eq(search_parse("2单元", &q) & SEARCH_ADDRESS, 0);
}

Test(search, parse_compounds_with_numbers_in_their_names)
{
    struct search_query q;

    /* The whole text is part of a compound's name, numbers and all. */
    cr_assert_eq(search_parse("万科城3期", &q), SEARCH_NAME | SEARCH_COMPOUND);
    cr_assert_str_eq(q.compound, "万科城3期");
    cr_assert_eq(q.naddr, 0);
    cr_assert_eq(search_parse("时代1号院", &q), SEARCH_NAME | SEARCH_COMPOUND);
    cr_assert_str_eq(q.compound, "时代1号院");
    cr_assert_eq(search_parse("３期", &q), SEARCH_NAME | SEARCH_COMPOUND);
    cr_assert_str_eq(q.compound, "3期");
    cr_assert_eq(search_parse("万科城 3期", &q) & SEARCH_COMPOUND, SEARCH_COMPOUND);
    cr_assert_str_eq(q.compound, "万科城3期");
    /* An address after it: the compound ends before the building. */
    cr_assert_eq(search_parse("时代1号院5幢", &q), SEARCH_ADDRESS);
    cr_assert_eq(q.naddr, 1);
    assert_addr(&q.addr[0], "时代1号院", "5", "", "");
    cr_assert_eq(search_parse("时代1号院5幢2单元301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "时代1号院", "5", "2", "301");
    cr_assert_eq(search_parse("万科城3期 12-2-301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "万科城3期", "12", "2", "301");
    cr_assert_eq(search_parse("万科城3期12幢", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "万科城3期", "12", "", "");
    cr_assert_eq(search_parse("万科城3期 12", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "万科城3期", "12", "", "");
    cr_assert_eq(search_parse("滨江2号地块3号楼1单元102室", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "滨江2号地块", "3", "1", "102");
    cr_assert_eq(search_parse("万科城３期　１２－２－３０１", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "万科城3期", "12", "2", "301");
    /* A number and 号: room 1 of 时代, or 时代1号院 as it is being typed. */
    cr_assert_eq(search_parse("时代1号", &q), SEARCH_ADDRESS | SEARCH_COMPOUND);
    assert_addr(&q.addr[0], "时代", "", "", "1");
    cr_assert_str_eq(q.compound, "时代1号");
    /* A number, or a number and its word, ends no compound. */
    cr_assert_eq(search_parse("大美南苑12幢2单元301", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "大美南苑", "12", "2", "301");
    cr_assert_eq(search_parse("南苑-12", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "南苑", "12", "", "");
    cr_assert_eq(search_parse("12幢2单元", &q), SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "", "12", "2", "");
    cr_assert_eq(search_parse("1号院5幢", &q) & SEARCH_ADDRESS, SEARCH_ADDRESS);
    assert_addr(&q.addr[0], "1号院", "5", "", "");
}

Test(search, parse_numbers_are_every_kind_they_can_be)
{
    struct search_query q;
    char id[19] = "33010219900307123";

    cr_assert_eq(search_parse("1234", &q), SEARCH_ID_END | SEARCH_PHONE_END | SEARCH_ADDRESS);
    cr_assert_str_eq(q.id_part, "1234");
    cr_assert_str_eq(q.phone, "1234");
    cr_assert_eq(q.naddr, 1);
    assert_addr(&q.addr[0], "", "", "", "1234");
    cr_assert_eq(search_parse("71234", &q), SEARCH_ID_END | SEARCH_PHONE_END);
    cr_assert_eq(search_parse("123x", &q), SEARCH_ID_END);
    cr_assert_str_eq(q.id_part, "123X");
    cr_assert_eq(search_parse("13912347788", &q),
                 SEARCH_PHONE | SEARCH_PHONE_END | SEARCH_ID_END | SEARCH_ID_START);
    cr_assert_str_eq(q.phone, "13912347788");
    cr_assert_eq(search_parse("139 1234 7788", &q) & SEARCH_PHONE, SEARCH_PHONE);
    cr_assert_eq(search_parse("0571-87654321", &q), SEARCH_PHONE);
    cr_assert_str_eq(q.phone, "057187654321");

    id[17] = id_check_char(id);
    id[18] = '\0';
    cr_assert_eq(search_parse(id, &q), SEARCH_ID | SEARCH_ID_END | SEARCH_ID_START);
    cr_assert_str_eq(q.id, id);
    cr_assert_eq(search_parse("E1234567", &q), SEARCH_ID | SEARCH_ID_END);
    cr_assert_str_eq(q.id, "E1234567");
    cr_assert_eq(search_parse("1234567890123456789", &q), 0);
}

Test(search, parse_empty_input)
{
    struct search_query q;

    cr_assert_eq(search_parse("", &q), 0);
    cr_assert_eq(search_parse("   　 ", &q), 0);
    cr_assert_eq(search_parse(NULL, &q), 0);
    cr_assert_eq(search_parse("!!", &q), 0);
}

/* ---- search_run on a small community ---------------------------------- */

static char dir[64];
static db *d;
static char id_zsf[19], id_li[19], id_x[19];

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static const char *make_id(const char *birth, int seq, char *buf)
{
    char whole[64];

    snprintf(whole, sizeof whole, "330102%s%03d", birth, seq % 1000);
    cr_assert_eq(strlen(whole), 17);
    memcpy(buf, whole, 17);
    buf[17] = id_check_char(buf);
    buf[18] = '\0';
    return buf;
}

static void open_db(void)
{
    char path[128], err[512] = "";

    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    snprintf(dir, sizeof dir, "/tmp/dd-test-search-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/desk.db", dir);
    d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_migrate(d, err, sizeof err), 0, "%s", err);
    db_set_actor(d, "test");
}

static void close_db(void)
{
    if (d)
        cr_expect_eq(db_close(&d), 0, "statements or transactions left open");
    pinyin_cleanup();
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int64_t hh(const char *compound, const char *building, const char *unit, const char *room,
                  const char *phone)
{
    struct household h = { 0 };

    snprintf(h.compound, sizeof h.compound, "%s", compound);
    snprintf(h.building, sizeof h.building, "%s", building);
    snprintf(h.unit, sizeof h.unit, "%s", unit);
    snprintf(h.room, sizeof h.room, "%s", room);
    snprintf(h.phone, sizeof h.phone, "%s", phone);
    cr_assert_eq(household_save(d, &h), 0, "%s", db_errmsg(d));
    return h.id;
}

static int64_t person(int64_t household, const char *name, const char *id, const char *phone,
                      unsigned flags)
{
    struct resident r = { 0 };

    r.household_id = household;
    snprintf(r.name, sizeof r.name, "%s", name);
    snprintf(r.id_number, sizeof r.id_number, "%s", id);
    snprintf(r.phone, sizeof r.phone, "%s", phone);
    r.flags = flags;
    cr_assert_eq(resident_save(d, &r, NULL), 0, "%s: %s", name, db_errmsg(d));
    return r.id;
}

static int64_t h_empty;

static void community(void)
{
    open_db();
    int64_t h1 = hh("大美南苑", "12", "2", "301", "");
    int64_t h2 = hh("大美南苑", "12", "2", "302", "");
    int64_t h3 = hh("大美北苑", "3", "1", "101", "");
    int64_t h4 = hh("大美北苑", "12", "1", "1234", "");
    int64_t h5 = hh("大美南苑", "5", "1", "501", "");
    h_empty = hh("大美南苑", "12", "2", "303", "");
    int64_t h7 = hh("阳光小区", "1", "", "101", "0571-87651234");

    make_id("19900307", 123, id_zsf);
    make_id("19851201", 456, id_li);
    person(h1, "张三丰", id_zsf, "13912347788", CARE_ALONE_ELDERLY);
    person(h1, "张三", "", "", 0);
    person(h2, "李张", id_li, "", 0);
    person(h2, "王A", "", "", 0);
    person(h3, "李䶮", "", "", CARE_DISABLED);
    person(h3, "𠮷祥", "", "", 0);
    person(h4, "安娜", "", "", 0);
    person(h4, "欧阳娜娜", "", "", 0);
    for (int seq = 0; seq < 1000 && id_x[17] != 'X'; seq++)
        make_id("19700101", seq, id_x); /* one that ends in X */
    person(hh("翠苑", "8", "1", "801", ""), "钱多多", id_x, "", 0);
    int64_t gone = person(h5, "张伟", "", "13800005678", 0);
    cr_assert_eq(resident_move_out(d, gone, "2026-11-01", "杭州"), 0);
    person(h7, "白雪", "", "", CARE_CHRONIC | CARE_PREGNANT);
}

struct hits {
    struct search_hit h[64];
    int n;
};

static void collect(const struct search_hit *h, void *ctx)
{
    struct hits *hs = ctx;
    if (hs->n < 64)
        hs->h[hs->n++] = *h;
}

static struct hits *find(const char *query)
{
    static struct hits hs;

    memset(&hs, 0, sizeof hs);
    int n = search_run(d, query, 0, 50, collect, &hs);
    cr_assert_eq(n, hs.n, "%s: search_run says %d, gave %d (%s)", query, n, hs.n, db_errmsg(d));
    return &hs;
}

/* The names of the hits, joined by spaces ("-" for a household alone). */
static const char *names(const struct hits *hs)
{
    static char buf[1024];
    size_t o = 0;

    buf[0] = '\0';
    for (int i = 0; i < hs->n && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " " : "",
                              hs->h[i].resident_id ? hs->h[i].name : "-");
    return buf;
}

/* Tests on the small community. */
#define ON_COMMUNITY .init = community, .fini = close_db

Test(search, name_exact_then_prefix_then_contains_movers_last, ON_COMMUNITY)
{
    struct hits *hs = find("张");

    cr_assert_str_eq(names(hs), "张三 张三丰 李张 张伟");
    cr_assert(hs->h[3].moved_out);
    cr_assert_not(hs->h[0].moved_out);
    cr_assert_eq(hs->h[2].matched, SEARCH_NAME);
    cr_assert_str_eq(names(find("张三")), "张三 张三丰");
    cr_assert_str_eq(names(find("张三丰")), "张三丰");
}

Test(search, hit_carries_address_masks_and_flags, ON_COMMUNITY)
{
    struct hits *hs = find("张三丰");
    char masked[32];

    cr_assert_eq(hs->n, 1);
    cr_assert_str_eq(hs->h[0].address, "大美南苑12幢2单元301室");
    snprintf(masked, sizeof masked, "330102********%s", id_zsf + 14);
    cr_assert_str_eq(hs->h[0].id_masked, masked);
    cr_assert_str_eq(hs->h[0].phone_masked, "139****7788");
    cr_assert_eq(hs->h[0].flags, CARE_ALONE_ELDERLY);
    cr_assert_gt(hs->h[0].household_id, 0);
    cr_assert_gt(hs->h[0].resident_id, 0);
    /* A resident without a phone shows the household's. */
    hs = find("白雪");
    cr_assert_str_eq(hs->h[0].phone_masked, "0571-****1234");
    cr_assert_eq(hs->h[0].flags, CARE_CHRONIC | CARE_PREGNANT);
}

Test(search, fragments_of_one_and_two_characters_and_rare_ones, ON_COMMUNITY)
{
    cr_assert_str_eq(names(find("丰")), "张三丰");
    cr_assert_str_eq(names(find("三丰")), "张三丰");
    cr_assert_str_eq(names(find("䶮")), "李䶮");
    cr_assert_str_eq(names(find("𠮷")), "𠮷祥");
    cr_assert_str_eq(names(find("祥")), "𠮷祥");
    cr_assert_str_eq(names(find("娜")), "安娜 欧阳娜娜"); /* an before ou */
    cr_assert_str_eq(names(find("阳娜娜")), "欧阳娜娜");
    cr_assert_str_eq(names(find("王A")), "王A");
    cr_assert_str_eq(names(find("A")), "安娜 王A"); /* initials a(n) first */
    cr_assert_eq(find("赵")->n, 0);
}

Test(search, pinyin_initials, ON_COMMUNITY)
{
    cr_assert_str_eq(names(find("zsf")), "张三丰");
    cr_assert_str_eq(names(find("zs")), "张三 张三丰");
    cr_assert_str_eq(names(find("ly")), "李䶮");
    cr_assert_str_eq(names(find("zw")), "张伟");
    cr_assert(find("zw")->h[0].moved_out);
}

Test(search, id_number_whole_suffix_and_start, ON_COMMUNITY)
{
    struct hits *hs = find(id_zsf);
    char lower[19];

    cr_assert_str_eq(names(hs), "张三丰");
    cr_assert_eq(hs->h[0].matched, SEARCH_ID);
    cr_assert_null(strstr(hs->h[0].id_masked, id_zsf + 6));
    cr_assert_str_eq(names(find(id_zsf + 14)), "张三丰"); /* last 4 */
    cr_assert_str_eq(names(find(id_zsf + 12)), "张三丰"); /* last 6 */
    snprintf(lower, sizeof lower, "%.10s", id_li);
    cr_assert_str_eq(names(find(lower)), "李张");       /* being typed */
    cr_assert_eq(id_x[17], 'X');
    snprintf(lower, sizeof lower, "%s", id_x + 14);
    lower[3] = 'x';                                     /* typed in lower case */
    cr_assert_str_eq(names(find(lower)), "钱多多");
    cr_assert_str_eq(names(find(id_x)), "钱多多");
}

Test(search, phone_whole_and_suffix, ON_COMMUNITY)
{
    cr_assert_str_eq(names(find("13912347788")), "张三丰");
    cr_assert_str_eq(names(find("7788")), "张三丰");
    cr_assert_str_eq(names(find("0571-87651234")), "白雪");
    cr_assert_str_eq(names(find("5678")), "张伟");
}

Test(search, four_digits_are_id_end_phone_end_and_room, ON_COMMUNITY)
{
    struct hits *hs = find("1234");

    /* 白雪 by the household's phone, then 安娜 and 欧阳娜娜 in room 1234. */
    cr_assert_str_eq(names(hs), "白雪 安娜 欧阳娜娜");
    cr_assert_eq(hs->h[0].matched, SEARCH_PHONE_END);
    cr_assert_eq(hs->h[1].matched, SEARCH_ADDRESS);
}

Test(search, address_forms, ON_COMMUNITY)
{
    cr_assert_str_eq(names(find("12-2-301")), "张三 张三丰");
    cr_assert_str_eq(names(find("12幢2单元301")), "张三 张三丰");
    cr_assert_str_eq(names(find("大美南苑12幢2单元301")), "张三 张三丰");
    cr_assert_str_eq(names(find("大美南苑12幢2单元301室")), "张三 张三丰");
    cr_assert_str_eq(names(find("北苑 3")), "李䶮 𠮷祥");
    cr_assert_str_eq(names(find("南苑 12")), "张三 张三丰 李张 王A -");
    /* Without the compound: building 12 of every compound, in address order. */
    cr_assert_str_eq(names(find("12幢")), "安娜 欧阳娜娜 张三 张三丰 李张 王A -");
    /* A household with nobody in it. */
    struct hits *hs = find("12-2-303");
    cr_assert_eq(hs->n, 1);
    cr_assert_eq(hs->h[0].resident_id, 0);
    cr_assert_eq(hs->h[0].household_id, h_empty);
    cr_assert_str_eq(hs->h[0].address, "大美南苑12幢2单元303室");
    /* The moved-out resident comes after the empty household. */
    cr_assert_str_eq(names(find("5幢")), "- 张伟");
}

Test(search, compound_names_find_their_residents_after_names, ON_COMMUNITY)
{
    /* 3幢 before 12幢: numbers in their natural order. */
    cr_assert_str_eq(names(find("北苑")), "李䶮 𠮷祥 安娜 欧阳娜娜");
    cr_assert_eq(find("北苑")->h[0].matched, SEARCH_COMPOUND);
}

/* The small community and compounds with numbers in their names. */
static void numbered_compounds(void)
{
    community();
    person(hh("万科城3期", "7", "3", "702", ""), "孙丽", "", "", 0);
    person(hh("万科城", "7", "3", "701", ""), "周强", "", "", 0);
    person(hh("时代1号院", "9", "1", "901", ""), "吴敏", "", "", 0);
    person(hh("滨江2号地块", "3", "1", "102", ""), "郑和", "", "", 0);
}

Test(search, compounds_with_numbers_are_found_by_their_whole_name, .init = numbered_compounds,
     .fini = close_db)
{
    struct hits *hs = find("万科城3期");

    cr_assert_str_eq(names(hs), "孙丽");
    cr_assert_eq(hs->h[0].matched, SEARCH_COMPOUND);
    cr_assert_str_eq(hs->h[0].address, "万科城3期7幢3单元702室");
    cr_assert_str_eq(names(find("万科城")), "周强 孙丽");
    cr_assert_str_eq(names(find("3期")), "孙丽");
    cr_assert_str_eq(names(find("时代1号院")), "吴敏");
    cr_assert_str_eq(names(find("时代1号")), "吴敏"); /* being typed */
    cr_assert_str_eq(names(find("滨江2号地块")), "郑和");
    /* With an address after the name. */
    hs = find("时代1号院9幢");
    cr_assert_str_eq(names(hs), "吴敏");
    cr_assert_eq(hs->h[0].matched, SEARCH_ADDRESS);
    cr_assert_str_eq(names(find("时代1号院9幢1单元901")), "吴敏");
    cr_assert_eq(find("时代1号院9幢1单元902")->n, 0);
    cr_assert_str_eq(names(find("万科城3期 7-3-702")), "孙丽");
    cr_assert_eq(find("万科城3期 7-3-701")->n, 0);
    cr_assert_str_eq(names(find("万科城3期 7")), "孙丽");
    cr_assert_str_eq(names(find("万科城 7-3-701")), "周强");
    cr_assert_str_eq(names(find("万科城 7")), "周强 孙丽");
    cr_assert_str_eq(names(find("滨江2号地块3幢1单元102")), "郑和");
    /* The other kinds as they were. */
    cr_assert_str_eq(names(find("7幢")), "周强 孙丽");
    cr_assert_str_eq(names(find("7-3-702")), "孙丽");
    cr_assert_str_eq(names(find("12-2-301")), "张三 张三丰");
    cr_assert_str_eq(names(find("南苑 12")), "张三 张三丰 李张 王A -");
    cr_assert_str_eq(names(find("孙丽")), "孙丽");
    cr_assert_str_eq(names(find("sl")), "孙丽");
}

Test(search, offset_and_limit_page_through_the_same_order, ON_COMMUNITY)
{
    struct hits hs = { 0 };

    cr_assert_eq(search_run(d, "张", 1, 2, collect, &hs), 2);
    cr_assert_str_eq(names(&hs), "张三丰 李张");
    memset(&hs, 0, sizeof hs);
    cr_assert_eq(search_run(d, "张", 3, 10, collect, &hs), 1);
    cr_assert_str_eq(names(&hs), "张伟");
    cr_assert_eq(search_run(d, "张", 0, 0, collect, &hs), 0);
    cr_assert_eq(search_run(d, "", 0, 10, collect, &hs), 0);
}

/* ---- a larger community ----------------------------------------------- */

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                        "吴", "周", "徐", "孙", "马", "朱", "欧阳", "𠮷" };
static const char *const given[] = { "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强",
                                     "磊", "军", "洋", "勇", "艳", "杰", "明", "超", "䶮" };
#define N_SUR (sizeof surnames / sizeof surnames[0])
#define N_GIV (sizeof given / sizeof given[0])
#define BIG 20000

static void big_community(void)
{
    hh_writer *w;
    uint32_t x = 12345;

    open_db();
    w = hh_writer_open(d);
    cr_assert_not_null(w);
    cr_assert_eq(db_begin(d), 0);
    for (int i = 0; i < BIG; i++) {
        struct household h = { 0 };
        struct resident r = { 0 };
        struct date birth = date_add_days((struct date){ 1950, 1, 1 }, (i / 1000) * 731);
        char ymd[11];
        bool created;
        int64_t id;

        x = x * 1103515245u + 12345u;
        snprintf(h.compound, sizeof h.compound, "%s", i % 2 ? "大美南苑" : "阳光小区");
        snprintf(h.building, sizeof h.building, "%d", 1 + (i / 2) % 40);
        snprintf(h.unit, sizeof h.unit, "%d", 1 + (i / 80) % 4);
        snprintf(h.room, sizeof h.room, "%d", 101 + (i / 320) % 30);
        cr_assert_eq(hh_writer_household(w, &h, &id, NULL), 0, "%s", db_errmsg(d));
        r.household_id = id;
        snprintf(r.name, sizeof r.name, "%s%s%s", surnames[(x >> 8) % N_SUR],
                 given[(x >> 12) % N_GIV], (x >> 16) % 3 ? given[(x >> 20) % N_GIV] : "");
        date_format(birth, ymd, sizeof ymd); /* YYYY-MM-DD */
        memmove(ymd + 4, ymd + 5, 2);
        memmove(ymd + 6, ymd + 8, 3);
        make_id(ymd, i % 1000, r.id_number);
        snprintf(r.phone, sizeof r.phone, "139%08d", (int)(x % 100000000u));
        if (i % 97 == 0)
            snprintf(r.moved_out_on, sizeof r.moved_out_on, "2026-01-01");
        cr_assert_eq(hh_writer_resident(w, &r, &created), 0, "%s: %s", r.name, db_errmsg(d));
    }
    cr_assert_eq(db_commit(d), 0);
    hh_writer_close(&w);
}


struct all_hits {
    struct search_hit *h;
    int n, cap;
};

static void collect_all(const struct search_hit *h, void *ctx)
{
    struct all_hits *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->h = realloc(a->h, sizeof *a->h * (size_t)a->cap);
        cr_assert_not_null(a->h);
    }
    a->h[a->n++] = *h;
}

static int key_cmp(const char *a, const char *b)
{
    uint8_t ka[256], kb[256];
    size_t na = pinyin_sort_key(a, ka, sizeof ka), nb = pinyin_sort_key(b, kb, sizeof kb);
    int c = memcmp(ka, kb, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Every hit of a name fragment: the names starting with it, then those
 * containing it, each group in pinyin order, movers-out after all of them;
 * and as many as the database holds. */
static void check_fragment(const char *frag)
{
    struct all_hits a = { 0 };
    char sql[256];
    int n = search_run(d, frag, 0, 1000000, collect_all, &a);
    int stage = 0; /* 0 prefix, 1 contains; +2 moved out */

    cr_assert_eq(n, a.n);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM resident WHERE instr(name, '%s') > 0", frag);
    cr_assert_eq(n, db_int(d, sql, -1), "%s: %d hits", frag, n);
    for (int i = 0; i < a.n; i++) {
        const struct search_hit *h = &a.h[i];
        int s = (starts_with(h->name, frag) ? 0 : 1) + (h->moved_out ? 2 : 0);
        cr_assert(strstr(h->name, frag) != NULL, "%s is not a hit for %s", h->name, frag);
        cr_assert_geq(s, stage, "%s: %s (stage %d) after stage %d", frag, h->name, s, stage);
        if (s == stage && i > 0 && strcmp(h->name, frag) != 0
            && strcmp(a.h[i - 1].name, frag) != 0)
            cr_assert_leq(key_cmp(a.h[i - 1].name, h->name), 0, "%s: %s before %s", frag,
                          a.h[i - 1].name, h->name);
        stage = s;
        for (int j = 0; j < i; j++)
            cr_assert_neq(a.h[j].resident_id, h->resident_id, "%s twice", h->name);
    }
    free(a.h);
}

static void fragments_find_all_in_order(void)
{
    cr_assert_eq(db_int(d, "SELECT count(*) FROM resident", -1), BIG);
    check_fragment("王");
    check_fragment("明");
    check_fragment("䶮");
    check_fragment("𠮷");
    check_fragment("欧阳");
    check_fragment("丽明");
    check_fragment("阳娜");
    check_fragment("张伟");
}

static void the_first_screen_is_the_start_of_the_whole_list(void)
{
    struct all_hits all = { 0 }, page = { 0 }, next = { 0 };

    search_run(d, "李", 0, 1000000, collect_all, &all);
    cr_assert_gt(all.n, 100);
    cr_assert_eq(search_run(d, "李", 0, 50, collect_all, &page), 50);
    cr_assert_eq(search_run(d, "李", 50, 50, collect_all, &next), 50);
    for (int i = 0; i < 50; i++) {
        cr_assert_eq(page.h[i].resident_id, all.h[i].resident_id);
        cr_assert_eq(next.h[i].resident_id, all.h[50 + i].resident_id);
    }
    free(all.h);
    free(page.h);
    free(next.h);
}

static void suffixes_and_initials_match_the_database(void)
{
    struct all_hits a = { 0 };
    char *id = db_text(d, "SELECT id_number FROM resident WHERE id = 4321");
    char *phone = db_text(d, "SELECT phone FROM resident WHERE id = 4321");
    char suffix[8];
    int64_t expect;

    cr_assert_not_null(id);
    snprintf(suffix, sizeof suffix, "%s", id + 12);
    search_run(d, suffix, 0, 1000000, collect_all, &a);
    db_stmt *s = db_prepare(d, "SELECT count(*) FROM resident WHERE substr(id_number, 13) = :v");
    cr_assert_eq(db_bind_text(s, ":v", suffix), 0);
    cr_assert_eq(db_step(s), DB_ROW);
    expect = db_col_int(s, 0);
    db_finalize(&s);
    cr_assert_geq(a.n, expect);
    cr_assert_geq(expect, 1);
    cr_assert_eq(a.h[0].matched, SEARCH_ID_END);
    cr_assert_eq(a.h[0].resident_id == 4321 || expect > 1, true);
    free(a.h);
    a = (struct all_hits){ 0 };

    search_run(d, phone, 0, 1000000, collect_all, &a);
    cr_assert_geq(a.n, 1);
    cr_assert_eq(a.h[0].matched, SEARCH_PHONE);
    free(a.h);
    a = (struct all_hits){ 0 };

    char *name = db_text(d, "SELECT name FROM resident WHERE id = 4321");
    char ini[32];
    pinyin_initials(name, ini, sizeof ini);
    search_run(d, ini, 0, 1000000, collect_all, &a);
    s = db_prepare(d, "SELECT count(*) FROM resident WHERE name_initials >= :v"
                      " AND name_initials < :v || 'zzz'");
    cr_assert_eq(db_bind_text(s, ":v", ini), 0);
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_eq(a.n, db_col_int(s, 0), "%s", ini);
    db_finalize(&s);
    bool found = false;
    for (int i = 0; i < a.n; i++)
        found |= a.h[i].resident_id == 4321;
    cr_assert(found);
    free(a.h);
    free(id);
    free(phone);
    free(name);
}

/* One test, so the community is built once. */
Test(search, twenty_thousand_residents, .init = big_community, .fini = close_db,
     .timeout = 120)
{
    fragments_find_all_in_order();
    the_first_screen_is_the_start_of_the_whole_list();
    suffixes_and_initials_match_the_database();
}
