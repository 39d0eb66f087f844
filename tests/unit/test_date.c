/* Tests of src/date.c: calendar arithmetic, what a person types, the clock. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "src/date.h"

static struct date D(int y, int m, int d)
{
    return (struct date){ y, m, d };
}

static void assert_date(struct date got, int y, int m, int d)
{
    cr_assert(got.y == y && got.m == m && got.d == d,
              "expected %04d-%02d-%02d, got %04d-%02d-%02d", y, m, d, got.y, got.m, got.d);
}

/* ---- calendar ------------------------------------------------------------ */

Test(date, days_since_epoch)
{
    cr_assert_eq(date_to_days(D(1970, 1, 1)), 0);
    cr_assert_eq(date_to_days(D(1970, 1, 2)), 1);
    cr_assert_eq(date_to_days(D(1969, 12, 31)), -1);
    cr_assert_eq(date_to_days(D(2000, 3, 1)), 11017);
    cr_assert_eq(date_to_days(D(2026, 11, 23)), 20780);
    assert_date(date_from_days(20780), 2026, 11, 23);
    assert_date(date_from_days(-1), 1969, 12, 31);
    assert_date(date_from_days(-25567), 1900, 1, 1);
}

Test(date, round_trip_over_centuries)
{
    for (long n = date_to_days(D(1899, 12, 1)); n < date_to_days(D(2101, 3, 1)); n += 7) {
        struct date d = date_from_days(n);
        cr_assert(date_valid(d));
        cr_assert_eq(date_to_days(d), n);
    }
}

Test(date, validity_and_month_lengths)
{
    cr_assert(date_valid(D(2024, 2, 29)));
    cr_assert_not(date_valid(D(2026, 2, 29)));
    cr_assert_not(date_valid(D(1900, 2, 29))); /* not a leap year */
    cr_assert(date_valid(D(2000, 2, 29)));     /* a leap year */
    cr_assert_not(date_valid(D(2026, 4, 31)));
    cr_assert_not(date_valid(D(2026, 13, 1)));
    cr_assert_not(date_valid(D(2026, 0, 1)));
    cr_assert_not(date_valid(D(2026, 1, 0)));
    cr_assert_eq(date_days_in_month(2026, 2), 28);
    cr_assert_eq(date_days_in_month(2024, 2), 29);
    cr_assert_eq(date_days_in_month(2026, 12), 31);
    cr_assert_eq(date_days_in_month(2026, 13), 0);
}

Test(date, adding_days)
{
    assert_date(date_add_days(D(2026, 11, 23), 14), 2026, 12, 7);
    assert_date(date_add_days(D(2026, 12, 25), 14), 2027, 1, 8);
    assert_date(date_add_days(D(2026, 3, 1), -1), 2026, 2, 28);
    assert_date(date_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
    assert_date(date_add_days(D(2024, 2, 29), 365), 2025, 2, 28);
    assert_date(date_add_days(D(2024, 2, 29), 1), 2024, 3, 1);
    assert_date(date_add_days(D(2026, 1, 31), 1), 2026, 2, 1);
}

Test(date, differences_and_order)
{
    cr_assert_eq(date_diff(D(2025, 1, 1), D(2024, 1, 1)), 366);
    cr_assert_eq(date_diff(D(2024, 1, 1), D(2025, 1, 1)), -366);
    cr_assert_eq(date_diff(D(2026, 12, 7), D(2026, 11, 23)), 14);
    cr_assert_lt(date_cmp(D(2026, 11, 23), D(2026, 12, 1)), 0);
    cr_assert_gt(date_cmp(D(2027, 1, 1), D(2026, 12, 31)), 0);
    cr_assert_eq(date_cmp(D(2026, 11, 23), D(2026, 11, 23)), 0);
    cr_assert_eq(date_ymd(D(2026, 1, 5)), 20260105);
}

Test(date, formatting)
{
    char buf[32];
    struct datetime t = { { 2026, 1, 5 }, 8, 3, 9 };

    cr_assert_str_eq(date_format(D(2026, 1, 5), buf, sizeof buf), "2026-01-05");
    cr_assert_str_eq(datetime_format(t, buf, sizeof buf), "2026-01-05T08:03:09");
    cr_assert_str_eq(date_format(D(2026, 11, 23), buf, 5), "2026");
}

Test(date, strict_iso)
{
    struct date d;

    cr_assert(date_parse_iso("2026-11-03", &d));
    assert_date(d, 2026, 11, 3);
    cr_assert_not(date_parse_iso("2026-11-3", &d));
    cr_assert_not(date_parse_iso("2026/11/03", &d));
    cr_assert_not(date_parse_iso("2026-02-30", &d));
    cr_assert_not(date_parse_iso(" 2026-11-03", &d));
    cr_assert_not(date_parse_iso("2026-11-03x", &d));
    cr_assert_not(date_parse_iso("", &d));
    cr_assert_not(date_parse_iso(NULL, &d));
}

/* ---- what a person types ------------------------------------------------- */

#define TODAY D(2026, 11, 23)

static struct date human(const char *s)
{
    struct date d = { 0, 0, 0 };
    char why[128];

    cr_assert(date_parse_human(s, TODAY, &d, why, sizeof why), "\"%s\" refused: %s", s, why);
    return d;
}

static void human_fails(const char *s, const char *reason)
{
    struct date d = { 1, 1, 1 };
    char why[128] = "";

    cr_assert_not(date_parse_human(s, TODAY, &d, why, sizeof why), "\"%s\" accepted", s);
    cr_assert_str_eq(why, reason, "\"%s\": %s", s, why);
    assert_date(d, 1, 1, 1); /* untouched */
}

Test(date, human_full_dates)
{
    assert_date(human("2026-11-03"), 2026, 11, 3);
    assert_date(human("2026-11-3"), 2026, 11, 3);
    assert_date(human("2026/11/3"), 2026, 11, 3);
    assert_date(human("2026.11.3"), 2026, 11, 3);
    assert_date(human("20261103"), 2026, 11, 3);
    assert_date(human("2026年11月3日"), 2026, 11, 3);
    assert_date(human("2025年1月31"), 2025, 1, 31);
    assert_date(human("  2024-02-29\u3000"), 2024, 2, 29);
    assert_date(human("２０２６－１１－０３"), 2026, 11, 3);
}

Test(date, human_this_year)
{
    assert_date(human("11-03"), 2026, 11, 3);
    assert_date(human("11-3"), 2026, 11, 3);
    assert_date(human("1/5"), 2026, 1, 5);
    assert_date(human("11月3日"), 2026, 11, 3);
    assert_date(human("12月1号"), 2026, 12, 1);
}

Test(date, human_words)
{
    assert_date(human("today"), 2026, 11, 23);
    assert_date(human("Today"), 2026, 11, 23);
    assert_date(human("今天"), 2026, 11, 23);
    assert_date(human("yesterday"), 2026, 11, 22);
    assert_date(human("昨天"), 2026, 11, 22);
    assert_date(human("tomorrow"), 2026, 11, 24);
    assert_date(human("明天"), 2026, 11, 24);
}

Test(date, human_offsets)
{
    assert_date(human("+14"), 2026, 12, 7);
    assert_date(human("-1"), 2026, 11, 22);
    assert_date(human("+0"), 2026, 11, 23);
    assert_date(human("-30"), 2026, 10, 24);
    assert_date(human("+3650"), 2036, 11, 20);
    assert_date(human("＋7"), 2026, 11, 30);
}

Test(date, human_errors)
{
    const char *nad = "not a date: use YYYY-MM-DD, MM-DD, today or +N";

    human_fails("2026-02-30", "there is no 2026-02-30");
    human_fails("2026年2月30日", "there is no 2026-02-30");
    human_fails("2-30", "there is no 2026-02-30");
    human_fails("13-01", "there is no 2026-13-01");
    human_fails("20260230", "there is no 2026-02-30");
    human_fails("+3651", "+N and -N count days from today, at most 3650");
    human_fails("-99999", "+N and -N count days from today, at most 3650");
    human_fails("", nad);
    human_fails("   ", nad);
    human_fails("next week", nad);
    human_fails("2026-11", nad);
    human_fails("2026-11/03", nad);
    human_fails("26-11-03", nad);
    human_fails("2026-11-03-", nad);
    human_fails("+", nad);
    human_fails("+1d", nad);
    human_fails("11-003", nad);
    human_fails("2026111", nad);
}

Test(date, human_why_may_be_null)
{
    struct date d;

    cr_assert_not(date_parse_human("nonsense", TODAY, &d, NULL, 0));
    cr_assert(date_parse_human("today", TODAY, &d, NULL, 0));
}

Test(date, human_translated_variant_in_c_locale)
{
    struct date d;
    char why[128];

    cr_assert_not(date_parse_human_tr("2026-02-30", TODAY, &d, why, sizeof why));
    cr_assert_str_eq(why, "there is no 2026-02-30");
    cr_assert(date_parse_human_tr("+1", TODAY, &d, why, sizeof why));
    assert_date(d, 2026, 11, 24);
}

/* ---- the clock ----------------------------------------------------------- */
/* Each test runs in its own worker process, so setenv stays inside it. */

Test(date, clock_pinned_today)
{
    char why[128];

    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    unsetenv("DUTYDESK_NOW");
    cr_assert(clock_init(why, sizeof why), "%s", why);
    cr_assert(clock_pinned());
    assert_date(clock_today(), 2026, 11, 23);
    struct datetime now = clock_now();
    assert_date(now.date, 2026, 11, 23);
    cr_assert(now.hour >= 0 && now.hour <= 23 && now.min >= 0 && now.min <= 59);
}

Test(date, clock_pinned_now_wins)
{
    char why[128];

    setenv("DUTYDESK_TODAY", "2026-11-23", 1);
    setenv("DUTYDESK_NOW", "2026-11-20T08:30", 1);
    cr_assert(clock_init(why, sizeof why), "%s", why);
    struct datetime now = clock_now();
    assert_date(now.date, 2026, 11, 20);
    cr_assert_eq(now.hour, 8);
    cr_assert_eq(now.min, 30);
    cr_assert_eq(now.sec, 0);
    assert_date(clock_today(), 2026, 11, 20);

    setenv("DUTYDESK_NOW", "2026-11-20T23:59:58", 1);
    cr_assert(clock_init(why, sizeof why));
    now = clock_now();
    cr_assert_eq(now.hour, 23);
    cr_assert_eq(now.sec, 58);
}

Test(date, clock_lazy_init)
{
    setenv("DUTYDESK_TODAY", "2025-02-28", 1);
    unsetenv("DUTYDESK_NOW");
    assert_date(clock_today(), 2025, 2, 28);
    cr_assert(clock_pinned());
}

Test(date, clock_not_pinned)
{
    unsetenv("DUTYDESK_TODAY");
    unsetenv("DUTYDESK_NOW");
    cr_assert(clock_init(NULL, 0));
    cr_assert_not(clock_pinned());
    cr_assert(date_valid(clock_today()));
}

Test(date, clock_malformed_today_refused)
{
    char why[128] = "";

    setenv("DUTYDESK_TODAY", "2026-11-31", 1);
    unsetenv("DUTYDESK_NOW");
    cr_assert_not(clock_init(why, sizeof why));
    cr_assert(strstr(why, "DUTYDESK_TODAY must look like 2026-11-23"), "%s", why);
    cr_assert_not(clock_pinned());

    setenv("DUTYDESK_TODAY", "23.11.2026", 1);
    cr_assert_not(clock_init(why, sizeof why));
    cr_assert(strstr(why, "DUTYDESK_TODAY"), "%s", why);
}

Test(date, clock_malformed_now_refused)
{
    char why[128] = "";
    const char *bad[] = { "2026-11-23", "2026-11-23 08:30", "2026-11-23T24:00",
                          "2026-11-23T08:60", "2026-11-23T08:30:", "2026-11-23T8:30" };

    unsetenv("DUTYDESK_TODAY");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("DUTYDESK_NOW", bad[i], 1);
        cr_assert_not(clock_init(why, sizeof why), "%s accepted", bad[i]);
        cr_assert(strstr(why, "DUTYDESK_NOW must look like 2026-11-23T08:30"), "%s", why);
    }
}
