/* date.c — proleptic Gregorian dates without time_t, what a person types
 * for a date, and the one clock of the program. */
#include "src/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "src/i18n.h"
#include "src/text.h"

/* ---- calendar ------------------------------------------------------------ */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    if (m < 1 || m > 12)
        return 0;
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool date_valid(struct date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= date_days_in_month(d.y, d.m);
}

/* Days from civil: eras of 400 years (146097 days), years starting in
 * March so the leap day comes last. */
long date_to_days(struct date d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                   /* [0, 399] */
    long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1; /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */

    return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    struct date d;

    d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.y = (int)(yoe + era * 400 + (d.m <= 2));
    return d;
}

struct date date_add_days(struct date d, long n)
{
    return date_from_days(date_to_days(d) + n);
}

long date_diff(struct date a, struct date b)
{
    return date_to_days(a) - date_to_days(b);
}

int date_cmp(struct date a, struct date b)
{
    int x = date_ymd(a), y = date_ymd(b);

    return (x > y) - (x < y);
}

int date_ymd(struct date d)
{
    return d.y * 10000 + d.m * 100 + d.d;
}

char *date_format(struct date d, char *buf, size_t bufsz)
{
    /* By hand: an import formats a date or two for every row. */
    if (buf && bufsz >= 11 && d.y >= 0 && d.y <= 9999 && d.m >= 0 && d.m <= 99 && d.d >= 0
        && d.d <= 99) {
        buf[0] = (char)('0' + d.y / 1000);
        buf[1] = (char)('0' + d.y / 100 % 10);
        buf[2] = (char)('0' + d.y / 10 % 10);
        buf[3] = (char)('0' + d.y % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + d.m / 10);
        buf[6] = (char)('0' + d.m % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + d.d / 10);
        buf[9] = (char)('0' + d.d % 10);
        buf[10] = '\0';
    } else if (buf && bufsz > 0) {
        snprintf(buf, bufsz, "%04d-%02d-%02d", d.y, d.m, d.d);
    }
    return buf;
}

char *datetime_format(struct datetime t, char *buf, size_t bufsz)
{
    if (buf && bufsz > 0)
        snprintf(buf, bufsz, "%04d-%02d-%02dT%02d:%02d:%02d", t.date.y, t.date.m,
                 t.date.d, t.hour, t.min, t.sec);
    return buf;
}

/* ---- parsing ------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads exactly N digits at S. */
static bool digits_n(const char *s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool date_parse_iso(const char *s, struct date *out)
{
    struct date d;

    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits_n(s, 4, &d.y) ||
        !digits_n(s + 5, 2, &d.m) || !digits_n(s + 8, 2, &d.d) || !date_valid(d))
        return false;
    if (out)
        *out = d;
    return true;
}

/* Picks the English text, or its translation when TR. */
#define PICK(tr, s) ((tr) ? gettext(s) : (s))

static bool say_not_a_date(char *why, size_t whysz, bool tr)
{
    if (why && whysz > 0)
        snprintf(why, whysz, "%s",
                 PICK(tr, N_("not a date: use YYYY-MM-DD, MM-DD, today or +N")));
    return false;
}

/* Copies S into OUT with full-width ASCII forms made ASCII and the
 * ideographic space made a space, then trims.  False when it does not fit. */
static bool fold_date_text(const char *s, char *out, size_t outsz)
{
    size_t n = strlen(s), len = 0, i = 0;

    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x3000 || cp == '\t')
            cp = ' ';
        char enc[4];
        size_t k = text_encode(cp, enc);
        if (len + k >= outsz)
            return false;
        memcpy(out + len, enc, k);
        len += k;
    }
    out[len] = '\0';
    size_t start = strspn(out, " ");
    memmove(out, out + start, len - start + 1);
    len -= start;
    while (len > 0 && out[len - 1] == ' ')
        out[--len] = '\0';
    return true;
}

static bool word_is(const char *s, const char *en, const char *zh)
{
    return strcasecmp(s, en) == 0 || strcmp(s, zh) == 0;
}

/* Reads 1..MAXD digits at *SP; the count goes to *ND. */
static bool read_num(const char **sp, int maxd, int *v, int *nd)
{
    const char *s = *sp;
    int n = 0, x = 0;

    while (is_digit(s[n])) {
        if (n == maxd)
            return false;
        x = x * 10 + (s[n] - '0');
        n++;
    }
    if (n == 0)
        return false;
    *sp = s + n;
    *v = x;
    if (nd)
        *nd = n;
    return true;
}

static bool eat(const char **sp, const char *word)
{
    size_t n = strlen(word);

    if (strncmp(*sp, word, n) != 0)
        return false;
    *sp += n;
    return true;
}

/* The day mark after a CJK month: 日, 号 or nothing. */
static void eat_day_mark(const char **sp)
{
    if (!eat(sp, "日"))
        eat(sp, "号");
}

/* Dates written with numbers: Y-M-D (any of - / . as the separator, the
 * same twice), M-D, YYYYMMDD, Y年M月D日, M月D日.  Returns 0 when S is none
 * of these, else 1 with *D filled (not yet checked for validity). */
static int match_numeric(const char *s, struct date today, struct date *d)
{
    int a, b, c, na;

    if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
        digits_n(s, 4, &d->y);
        digits_n(s + 4, 2, &d->m);
        digits_n(s + 6, 2, &d->d);
        return 1;
    }
    if (!read_num(&s, 4, &a, &na))
        return 0;
    if (eat(&s, "年")) {
        if (na != 4 || !read_num(&s, 2, &b, NULL) || !eat(&s, "月") ||
            !read_num(&s, 2, &c, NULL))
            return 0;
        eat_day_mark(&s);
        *d = (struct date){ a, b, c };
        return *s == '\0';
    }
    if (eat(&s, "月")) {
        if (na > 2 || !read_num(&s, 2, &b, NULL))
            return 0;
        eat_day_mark(&s);
        *d = (struct date){ today.y, a, b };
        return *s == '\0';
    }
    char sep = *s;
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    s++;
    if (!read_num(&s, 2, &b, NULL))
        return 0;
    if (*s == '\0') {
        if (na > 2)
            return 0;
        *d = (struct date){ today.y, a, b };
        return 1;
    }
    if (na != 4 || *s++ != sep || !read_num(&s, 2, &c, NULL) || *s != '\0')
        return 0;
    *d = (struct date){ a, b, c };
    return 1;
}

static bool parse_human(const char *s, struct date today, struct date *out, char *why,
                        size_t whysz, bool tr)
{
    char t[64];
    struct date d;

    if (!s || !fold_date_text(s, t, sizeof t) || t[0] == '\0')
        return say_not_a_date(why, whysz, tr);
    if (word_is(t, "today", "今天")) {
        d = today;
    } else if (word_is(t, "yesterday", "昨天")) {
        d = date_add_days(today, -1);
    } else if (word_is(t, "tomorrow", "明天")) {
        d = date_add_days(today, 1);
    } else if ((t[0] == '+' || t[0] == '-') && t[1] != '\0' &&
               strspn(t + 1, "0123456789") == strlen(t + 1)) {
        if (strlen(t + 1) > 4 || atoi(t + 1) > 3650) {
            if (why && whysz > 0)
                snprintf(why, whysz, "%s",
                         PICK(tr, N_("+N and -N count days from today, at most 3650")));
            return false;
        }
        d = date_add_days(today, t[0] == '+' ? atoi(t + 1) : -atoi(t + 1));
    } else if (match_numeric(t, today, &d)) {
        if (!date_valid(d)) {
            if (why && whysz > 0)
                snprintf(why, whysz, PICK(tr, N_("there is no %04d-%02d-%02d")), d.y, d.m, d.d);
            return false;
        }
    } else {
        return say_not_a_date(why, whysz, tr);
    }
    if (!date_valid(d))
        return say_not_a_date(why, whysz, tr);
    if (out)
        *out = d;
    if (why && whysz > 0)
        why[0] = '\0';
    return true;
}

bool date_parse_human(const char *s, struct date today, struct date *out, char *why,
                      size_t whysz)
{
    return parse_human(s, today, out, why, whysz, false);
}

bool date_parse_human_tr(const char *s, struct date today, struct date *out, char *why,
                         size_t whysz)
{
    return parse_human(s, today, out, why, whysz, true);
}

/* ---- the clock ----------------------------------------------------------- */

/* The clock's own state: read from the environment once, private here. */
static struct {
    bool ready;
    bool today_pinned, now_pinned;
    struct date today;
    struct datetime now;
} clk;

/* "YYYY-MM-DDTHH:MM" with optional ":SS". */
static bool parse_now(const char *s, struct datetime *out)
{
    char day[11];
    struct datetime t = { { 0, 0, 0 }, 0, 0, 0 };
    size_t n = strlen(s);

    if (n != 16 && n != 19)
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (!date_parse_iso(day, &t.date) || s[10] != 'T' || s[13] != ':' ||
        !digits_n(s + 11, 2, &t.hour) || !digits_n(s + 14, 2, &t.min) || t.hour > 23 ||
        t.min > 59)
        return false;
    if (n == 19 && (s[16] != ':' || !digits_n(s + 17, 2, &t.sec) || t.sec > 59))
        return false;
    *out = t;
    return true;
}

bool clock_init(char *why, size_t whysz)
{
    const char *today = getenv("DUTYDESK_TODAY");
    const char *now = getenv("DUTYDESK_NOW");
    bool ok = true;

    memset(&clk, 0, sizeof clk);
    clk.ready = true;
    if (why && whysz > 0)
        why[0] = '\0';
    if (today && *today) {
        if (date_parse_iso(today, &clk.today)) {
            clk.today_pinned = true;
        } else {
            ok = false;
            if (why && whysz > 0)
                snprintf(why, whysz, _("DUTYDESK_TODAY must look like 2026-11-23 (it is \"%s\")"),
                         today);
        }
    }
    if (now && *now) {
        if (parse_now(now, &clk.now)) {
            clk.now_pinned = true;
        } else {
            if (ok && why && whysz > 0)
                snprintf(why, whysz,
                         _("DUTYDESK_NOW must look like 2026-11-23T08:30 (it is \"%s\")"), now);
            ok = false;
        }
    }
    return ok;
}

static void lazy_init(void)
{
    if (!clk.ready)
        clock_init(NULL, 0);
}

static struct datetime wall_clock(void)
{
    time_t t = time(NULL);
    struct tm tm;
    struct datetime now;

    if (!localtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    now.date = (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
    now.hour = tm.tm_hour;
    now.min = tm.tm_min;
    now.sec = tm.tm_sec > 59 ? 59 : tm.tm_sec;
    return now;
}

struct date clock_today(void)
{
    lazy_init();
    if (clk.now_pinned)
        return clk.now.date;
    if (clk.today_pinned)
        return clk.today;
    return wall_clock().date;
}

struct datetime clock_now(void)
{
    lazy_init();
    if (clk.now_pinned)
        return clk.now;
    struct datetime now = wall_clock();
    if (clk.today_pinned)
        now.date = clk.today;
    return now;
}

bool clock_pinned(void)
{
    lazy_init();
    return clk.today_pinned || clk.now_pinned;
}
