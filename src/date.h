/* date.h — calendar dates, what a person types for one, and the clock.
 *
 * The clock comes from one place: clock_today() and clock_now().  The
 * environment variables DUTYDESK_TODAY=YYYY-MM-DD and
 * DUTYDESK_NOW=YYYY-MM-DDTHH:MM pin it (tests, and entering yesterday's
 * records).  DUTYDESK_NOW wins over DUTYDESK_TODAY; with only
 * DUTYDESK_TODAY the date is pinned and the time of day is the wall clock's. */
#ifndef DD_DATE_H
#define DD_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
    int y, m, d;
};

struct datetime {
    struct date date;
    int hour, min, sec;
};

bool date_valid(struct date d);
int date_days_in_month(int y, int m);
/* Days since 1970-01-01 (may be negative), and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
struct date date_add_days(struct date d, long n);
long date_diff(struct date a, struct date b); /* a - b in days */
int date_cmp(struct date a, struct date b);
int date_ymd(struct date d); /* yyyymmdd */
/* "YYYY-MM-DD" into BUF (at least 11 bytes). */
char *date_format(struct date d, char *buf, size_t bufsz);
/* "YYYY-MM-DDTHH:MM:SS" into BUF (at least 20 bytes). */
char *datetime_format(struct datetime t, char *buf, size_t bufsz);

/* Strict ISO form "YYYY-MM-DD". */
bool date_parse_iso(const char *s, struct date *out);

/* What a person types, relative to TODAY:
 *   2026-11-03, 2026-11-3, 2026/11/3, 2026.11.3, 20261103, 2026年11月3日
 *   11-03, 11-3, 11/3, 11月3日       (this year)
 *   today, 今天, yesterday, 昨天, tomorrow, 明天
 *   +14, -1                          (days from today)
 * Surrounding spaces are ignored.  On failure returns false and writes a
 * reason in English into WHY (may be NULL). */
bool date_parse_human(const char *s, struct date today, struct date *out,
                      char *why, size_t whysz);
/* The same, with the reason in WHY translated now with _(), ready to show
 * to the person (a form field, a prompt). */
bool date_parse_human_tr(const char *s, struct date today, struct date *out,
                         char *why, size_t whysz);

/* The clock.  clock_init reads the environment once; it returns false with
 * a reason in WHY (translated, naming the variable) when a variable is set
 * but malformed, and that variable is then ignored.  Calling it again reads
 * the environment again.  clock_today(), clock_now() and clock_pinned()
 * without a clock_init() first behave as if it had been called. */
bool clock_init(char *why, size_t whysz);
struct date clock_today(void);
struct datetime clock_now(void);
bool clock_pinned(void);

#endif
