/* Unit tests of src/sheet.c: widths, dropped columns, pages, groups, clean
 * and cut cells, alignment, write errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/sheet.h"
#include "src/text.h"

static void utf8_locale(void)
{
    setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(sheet, .init = utf8_locale);

/* ---- helpers ---------------------------------------------------------------- */

/* What a sheet wrote, in memory. */
struct capture {
    FILE *f;
    char *text;
    size_t len;
};

static void capture_open(struct capture *c)
{
    c->text = NULL;
    c->len = 0;
    c->f = open_memstream(&c->text, &c->len);
    cr_assert_not_null(c->f);
}

static void capture_close(struct capture *c)
{
    fclose(c->f);
    free(c->text);
}

/* The lines of TEXT (a copy in *STORE, split in place); up to MAX. */
enum { MAX_LINES = 256 };

static int split_lines(const char *text, char **store, char *line[MAX_LINES])
{
    int n = 0;
    char *p = *store = strdup(text);

    cr_assert_not_null(p);
    while (*p && n < MAX_LINES) {
        char *nl = strchr(p, '\n');
        line[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

/* The display column where NEEDLE starts in LINE, or -1. */
static int col_of(const char *line, const char *needle)
{
    const char *at = strstr(line, needle);

    return at ? text_width_n(line, (size_t)(at - line)) : -1;
}

static int count_lines_with(char *const *line, int n, const char *needle)
{
    int k = 0;

    for (int i = 0; i < n; i++)
        if (strstr(line[i], needle))
            k++;
    return k;
}

/* Name, ID and town: the columns most tests use. */
static const struct sheet_column three[] = {
    { "Name", 16, 0, false, false, 3 },
    { "ID", 18, 0, false, false, 2 },
    { "Town", 6, 0, false, false, 1 },
};

static sheet *begin_three(struct capture *c, int width, int length)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .page_width = width,
                               .page_length = length };
    sheet *s;

    capture_open(c);
    s = sheet_begin(c->f, &spec);
    cr_assert_not_null(s);
    return s;
}

static void row3(sheet *s, const char *a, const char *b, const char *c)
{
    const char *cells[] = { a, b, c };

    sheet_row(s, cells);
}

/* ---- widths ------------------------------------------------------------------ */

Test(sheet, columns_line_up_in_display_width)
{
    static const char *const names[] = { "张三", "Bob", "张小䶮", "𠮷吉", "阿依古丽·买买提",
                                         "José", "王A" };
    struct capture c;
    sheet *s = begin_three(&c, 80, 0);
    char *store, *line[MAX_LINES];
    int n, rows = 0;

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        row3(s, names[i], "330102********0018", "杭州");
    cr_assert_eq(sheet_end(&s), 0);
    cr_assert_null(s);
    n = split_lines(c.text, &store, line);
    cr_assert_eq(col_of(line[0], "ID"), 18);
    cr_assert_eq(col_of(line[0], "Town"), 38);
    for (int i = 0; i < n; i++) {
        if (!strstr(line[i], "330102"))
            continue;
        rows++;
        cr_assert_eq(col_of(line[i], "330102"), 18, "line %d: %s", i, line[i]);
        cr_assert_eq(col_of(line[i], "杭州"), 38, "line %d: %s", i, line[i]);
        cr_assert_eq(text_width(line[i]), 42, "line %d: %s", i, line[i]);
    }
    cr_assert_eq(rows, 7);
    cr_assert_eq(strncmp(line[2], "张三  ", 8), 0);
    free(store);
    capture_close(&c);
}

Test(sheet, a_narrow_page_drops_the_least_important_column_first)
{
    static const struct sheet_column cols[] = {
        { "AAA", 10, 0, false, false, 4 },
        { "BBB", 10, 0, false, false, 1 },
        { "CCC", 10, 0, false, false, 3 },
        { "DDD", 10, 0, false, false, 1 },
    };
    struct sheet_spec spec = { .columns = cols, .ncolumns = 4, .page_width = 46 };
    const char *cells[] = { "a", "b", "c", "d" };
    struct capture c;
    sheet *s;

    capture_open(&c);
    s = sheet_begin(c.f, &spec); /* 4 x 10 and 3 gaps: 46, all fit */
    cr_assert_eq(sheet_column_width(s, 3), 10);
    sheet_end(&s);

    spec.page_width = 45; /* the rightmost of the two least important goes */
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 0), 10);
    cr_assert_eq(sheet_column_width(s, 1), 10);
    cr_assert_eq(sheet_column_width(s, 2), 10);
    cr_assert_eq(sheet_column_width(s, 3), 0);
    sheet_end(&s);

    spec.page_width = 33; /* then the other */
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 1), 0);
    cr_assert_eq(sheet_column_width(s, 2), 10);
    sheet_end(&s);

    spec.page_width = 21; /* then CCC; AAA, the most important, stays */
    capture_close(&c);
    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 0), 10);
    cr_assert_eq(sheet_column_width(s, 2), 0);
    sheet_row(s, cells);
    cr_assert_eq(sheet_end(&s), 0);
    cr_assert_str_eq(c.text, "AAA\n----------\na\n");

    spec.page_width = 6; /* the last column is never left out: narrowed */
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 0), 6);
    cr_assert_eq(sheet_column_width(s, 1), 0);
    sheet_end(&s);
    capture_close(&c);
}

Test(sheet, a_column_is_shown_whole_or_not_at_all)
{
    struct capture c;
    sheet *s = begin_three(&c, 40, 0); /* 16 + 18 + 6 and two gaps: 44 */
    char *store, *line[MAX_LINES];
    int n;

    cr_assert_eq(sheet_column_width(s, 2), 0);
    row3(s, "张三", "330102********0018", "杭州");
    cr_assert_eq(sheet_end(&s), 0);
    n = split_lines(c.text, &store, line);
    cr_assert_eq(n, 3);
    for (int i = 0; i < n; i++)
        cr_assert_leq(text_width(line[i]), 36, "%s", line[i]);
    cr_assert_null(strstr(c.text, "Town"));
    cr_assert_null(strstr(c.text, "杭"));
    free(store);
    capture_close(&c);
}

Test(sheet, grow_columns_share_what_is_left_up_to_their_max)
{
    static const struct sheet_column cols[] = {
        { "a", 5, 8, true, false, 1 },
        { "b", 10, 0, false, false, 1 },
        { "c", 5, 0, true, false, 1 },
        { "d", 4, 3, true, false, 1 }, /* a max below the min: the min */
    };
    struct sheet_spec spec = { .columns = cols, .ncolumns = 4, .page_width = 40 };
    struct capture c;
    sheet *s;

    capture_open(&c);
    /* 24 and 3 gaps: 30; 10 left: a takes 3 (to its max), c the rest. */
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 0), 8);
    cr_assert_eq(sheet_column_width(s, 1), 10);
    cr_assert_eq(sheet_column_width(s, 2), 12);
    cr_assert_eq(sheet_column_width(s, 3), 4);
    cr_assert_eq(sheet_column_width(s, 4), 0);
    cr_assert_eq(sheet_column_width(s, -1), 0);
    sheet_end(&s);

    spec.page_width = 33; /* 3 left, shared in turn: a, c, a */
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_column_width(s, 0), 7);
    cr_assert_eq(sheet_column_width(s, 2), 6);
    sheet_end(&s);
    capture_close(&c);
}

/* ---- cells ------------------------------------------------------------------- */

Test(sheet, a_wide_cell_is_cut_at_a_character_boundary_with_a_mark)
{
    static const struct sheet_column cols[] = {
        { "Name", 5, 0, false, false, 1 },
        { "Next", 6, 0, false, false, 1 },
    };
    struct sheet_spec spec = { .columns = cols, .ncolumns = 2 };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES];

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    sheet_row(s, (const char *const[]){ "张三丰李四", "𠮷𠮷𠮷𠮷" });
    sheet_row(s, (const char *const[]){ "abcdefgh", "阿依古丽·买买提" });
    sheet_row(s, (const char *const[]){ "张三丰", "x" });
    cr_assert_eq(sheet_end(&s), 0);
    split_lines(c.text, &store, line);
    /* A double-width character that would cross the edge leaves a space. */
    cr_assert_str_eq(line[2], "张三~  𠮷𠮷 ~");
    cr_assert_str_eq(line[3], "abcd~  阿依 ~");
    cr_assert_str_eq(line[4], "张三~  x");   /* 6 columns into 5: 张三 and the mark */
    cr_assert_eq(col_of(line[2], "𠮷"), 7);
    cr_assert(text_valid_utf8(c.text, c.len));
    free(store);
    capture_close(&c);
}

Test(sheet, numbers_align_right)
{
    static const struct sheet_column cols[] = {
        { "Building", 10, 0, false, false, 1 },
        { "People", 8, 0, false, true, 1 },
        { "Note", 4, 0, true, false, 1 },
    };
    struct sheet_spec spec = { .columns = cols, .ncolumns = 3 };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES];

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    sheet_row(s, (const char *const[]){ "12幢", "53", "整幢" });
    sheet_row(s, (const char *const[]){ "3幢", "7", NULL });
    sheet_row(s, (const char *const[]){ "5幢", "123456789", "" });
    cr_assert_eq(sheet_end(&s), 0);
    split_lines(c.text, &store, line);
    cr_assert_str_eq(line[0], "Building      People  Note");
    cr_assert_str_eq(line[2], "12幢              53  整幢");
    cr_assert_str_eq(line[3], "3幢                7");
    cr_assert_str_eq(line[4], "5幢         1234567~");
    free(store);
    capture_close(&c);
}

Test(sheet, control_characters_never_reach_the_output)
{
    static const struct sheet_column cols[] = {
        { "Na\x1b]0;pwned\x07me", 12, 0, false, false, 1 },
        { "Note", 10, 0, true, false, 1 },
    };
    struct sheet_spec spec = { .columns = cols, .ncolumns = 2, .title = "T\x1b[2Jitle",
                               .community = "社区\r\n", .written = "2026\x9b", .operator_name =
                               "op\x7f\xff", .page_length = 20 };
    struct capture c;
    sheet *s;

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    sheet_group(s, "12幢\x1b[31m\x85");
    for (int i = 0; i < 30; i++)
        sheet_row(s, (const char *const[]){ "张\x1b[1m三\x07", "a\tb\nc\rd\x08\xc2\x9b" });
    cr_assert_eq(sheet_end(&s), 0);
    cr_assert(text_valid_utf8(c.text, c.len));
    for (size_t i = 0; i < c.len; i++) {
        unsigned char b = (unsigned char)c.text[i];
        cr_assert(b == '\n' || (b >= 0x20 && b != 0x7f), "byte %02x at %zu", b, i);
    }
    cr_assert_eq(text_find_control(c.text, "\n", NULL, NULL), -1);
    cr_assert_not_null(strstr(c.text, "a b c d"));   /* tabs and breaks: spaces */
    cr_assert_not_null(strstr(c.text, "张\xEF\xBF\xBD[1m三"));
    capture_close(&c);
}

/* ---- the page -------------------------------------------------------------- */

Test(sheet, the_title_and_the_header_line)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .title = "Residents",
                               .community = "大美社区", .written = "2026-11-23 09:30",
                               .operator_name = "王五" };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES];

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    row3(s, "张三", "330102********0018", "杭州");
    cr_assert_eq(sheet_end(&s), 0);
    split_lines(c.text, &store, line);
    /* The table is 16 + 18 + 6 and two gaps wide: 44. */
    cr_assert_eq(col_of(line[0], "Residents"), (44 - 9) / 2);
    cr_assert_eq(strncmp(line[1], "大美社区 ", 13), 0);
    cr_assert_eq(text_width(line[1]), 44, "%s", line[1]);
    cr_assert_not_null(strstr(line[1], "2026-11-23 09:30  operator: 王五"));
    cr_assert_str_eq(line[2], "");
    cr_assert_eq(strncmp(line[3], "Name", 4), 0);
    cr_assert_eq(strncmp(line[4], "----------------  ------", 24), 0);
    cr_assert_eq(strncmp(line[5], "张三", 6), 0);
    free(store);
    capture_close(&c);
}

Test(sheet, a_long_title_wraps_on_two_lines_at_most)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 2, .page_width = 30,
                               .title = "大美南苑 12幢 2单元 全体居民 核酸检测 未检人员 名单 "
                                        "第三轮 复核",
                               .community = "大美南苑社区居民委员会",
                               .written = "2026-11-23 09:30",
                               .operator_name = "阿依古丽·买买提" };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES];

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_end(&s), 0);
    split_lines(c.text, &store, line);
    cr_assert_leq(text_width(line[0]), 30);
    cr_assert_eq(text_width(line[1]), 30);
    cr_assert_eq(line[1][strlen(line[1]) - 1], '~');
    /* The header does not fit on one line: two, the community first. */
    cr_assert_str_eq(line[2], "大美南苑社区居民委员会");
    cr_assert_str_eq(line[3], "2026-11-23 09:30  operator:  ~");
    cr_assert_str_eq(line[4], "");
    cr_assert_eq(strncmp(line[5], "Name", 4), 0);
    free(store);
    capture_close(&c);
}

Test(sheet, rows_are_written_as_they_come)
{
    struct capture c;
    sheet *s = begin_three(&c, 80, 0);

    row3(s, "张三", "330102********0018", "杭州");
    fflush(c.f);
    cr_assert_not_null(strstr(c.text, "张三"));
    row3(s, "李梅", "", "");
    fflush(c.f);
    cr_assert_not_null(strstr(c.text, "李梅"));
    cr_assert_eq(sheet_end(&s), 0);
    capture_close(&c);
}

Test(sheet, pages_of_blank_lines_repeat_the_headings_and_are_numbered)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .title = "Residents",
                               .community = "大美社区", .page_length = 12 };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES], name[32];
    int n;

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    for (int i = 1; i <= 30; i++) {
        snprintf(name, sizeof name, "居民%d", i);
        row3(s, name, "", "");
    }
    cr_assert_eq(sheet_end(&s), 0);
    cr_assert_null(strchr(c.text, '\f'));
    n = split_lines(c.text, &store, line);
    /* Page 1: title, header, blank, headings, rule, 5 rows, blank, footer;
     * then 8 rows a page: 5 + 8 + 8 + 8 + 1. */
    cr_assert_eq(n, 5 * 12, "%d lines", n);
    for (int p = 0; p < 5; p++) {
        char footer[32];
        int top = p * 12 + (p == 0 ? 3 : 0);
        snprintf(footer, sizeof footer, "page %d", p + 1);
        cr_assert_eq(strncmp(line[top], "Name", 4), 0, "page %d: %s", p + 1, line[top]);
        cr_assert_eq(line[top + 1][0], '-');
        cr_assert_str_eq(line[p * 12 + 10], "");
        cr_assert_not_null(strstr(line[p * 12 + 11], footer), "page %d", p + 1);
    }
    cr_assert_eq(count_lines_with(line, n, "Name"), 5);
    cr_assert_eq(count_lines_with(line, n, "Residents"), 1);
    cr_assert_str_eq(line[9], "居民5");
    cr_assert_str_eq(line[14], "居民6");
    cr_assert_str_eq(line[50], "居民30");
    cr_assert_str_eq(line[51], ""); /* the last page is padded too */
    cr_assert_eq(col_of(line[59], "page 5"), (44 - 6) / 2); /* centred in the table */
    free(store);
    capture_close(&c);
}

Test(sheet, pages_of_form_feeds_are_not_padded)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .page_length = 12,
                               .form_feed = true };
    struct capture c;
    sheet *s;
    char name[32];
    const char *p;
    int pages = 1;

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    for (int i = 1; i <= 20; i++) {
        snprintf(name, sizeof name, "居民%d", i);
        row3(s, name, "", "");
    }
    cr_assert_eq(sheet_end(&s), 0);
    /* Headings, rule, 8 rows, blank, footer: 12 lines; the last page less. */
    for (p = c.text; (p = strchr(p, '\f')); p++) {
        cr_assert_eq(p[-1], '\n');
        cr_assert_eq(strncmp(p + 1, "Name", 4), 0);
        pages++;
    }
    cr_assert_eq(pages, 3);
    cr_assert_not_null(strstr(c.text, "居民16\n\n                   page 2\n\fName"));
    cr_assert_not_null(strstr(c.text, "居民20\n\n                   page 3\n"));
    cr_assert_eq(c.text[c.len - 1], '\n');
    capture_close(&c);
}

Test(sheet, groups_have_headings_and_go_on_over_a_page_break)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .page_length = 11 };
    struct capture c;
    sheet *s;
    char *store, *line[MAX_LINES], name[32];
    int n;

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    /* A body of 7 lines a page (11 less the headings and the footer). */
    sheet_group(s, "大美南苑12幢");
    for (int i = 1; i <= 3; i++) {
        snprintf(name, sizeof name, "甲%d", i);
        row3(s, name, "", "");
    }
    sheet_group(s, "大美南苑3幢");
    for (int i = 1; i <= 6; i++) {
        snprintf(name, sizeof name, "乙%d", i);
        row3(s, name, "", "");
    }
    sheet_group(s, "大美南苑5幢"); /* would be the last line of page 2: moves on */
    row3(s, "丙1", "", "");
    cr_assert_eq(sheet_end(&s), 0);
    n = split_lines(c.text, &store, line);
    cr_assert_eq(n, 33);
    cr_assert_str_eq(line[2], "大美南苑12幢");
    cr_assert_eq(strncmp(line[3], "甲1", 4), 0);
    cr_assert_str_eq(line[6], "");               /* a blank line between groups */
    cr_assert_str_eq(line[7], "大美南苑3幢");
    cr_assert_eq(strncmp(line[8], "乙1", 4), 0);
    cr_assert_eq(strncmp(line[11], "Name", 4), 0); /* page 2 */
    cr_assert_str_eq(line[13], "大美南苑3幢 (continued)");
    cr_assert_eq(strncmp(line[14], "乙2", 4), 0);
    cr_assert_eq(strncmp(line[18], "乙6", 4), 0);
    cr_assert_str_eq(line[19], "");               /* padding, not the orphan heading */
    cr_assert_eq(strncmp(line[22], "Name", 4), 0); /* page 3 */
    cr_assert_str_eq(line[24], "大美南苑5幢");     /* opens the page: no blank line */
    cr_assert_eq(strncmp(line[25], "丙1", 4), 0);
    cr_assert_eq(count_lines_with(line, n, "(continued)"), 1);
    free(store);
    capture_close(&c);
}

Test(sheet, an_empty_sheet_has_its_head_and_footer)
{
    struct sheet_spec spec = { .columns = three, .ncolumns = 3, .title = "Nobody",
                               .page_length = 11, .form_feed = true };
    struct capture c;
    sheet *s;

    capture_open(&c);
    s = sheet_begin(c.f, &spec);
    cr_assert_eq(sheet_end(&s), 0);
    cr_assert_not_null(strstr(c.text, "Nobody\n\nName"));
    cr_assert_not_null(strstr(c.text, "---\n\n                   page 1\n"));
    capture_close(&c);
    cr_assert_eq(sheet_end(&s), 0); /* a NULL sheet */
    cr_assert_eq(sheet_end(NULL), 0);
}

/* ---- errors ------------------------------------------------------------------ */

Test(sheet, an_unusable_spec_is_refused)
{
    static const struct sheet_column zero[] = { { "a", 0, 0, false, false, 1 } };
    struct sheet_spec spec = { .columns = three, .ncolumns = 3 };
    struct sheet_spec bad;

    bad = spec, bad.ncolumns = 0;
    errno = 0;
    cr_assert_null(sheet_begin(stdout, &bad));
    cr_assert_eq(errno, EINVAL);
    bad = spec, bad.page_width = SHEET_MAX_WIDTH + 1;
    cr_assert_null(sheet_begin(stdout, &bad));
    bad = spec, bad.page_width = -1;
    cr_assert_null(sheet_begin(stdout, &bad));
    bad = spec, bad.page_length = SHEET_MIN_PAGE_LENGTH - 1;
    cr_assert_null(sheet_begin(stdout, &bad));
    bad = spec, bad.columns = zero, bad.ncolumns = 1;
    cr_assert_null(sheet_begin(stdout, &bad));
    cr_assert_null(sheet_begin(NULL, &spec));
    cr_assert_null(sheet_begin(stdout, NULL));
}

Test(sheet, a_write_error_is_reported_at_the_end)
{
    FILE *full = fopen("/dev/full", "w");
    sheet *s;

    if (!full)
        cr_skip_test("no /dev/full here");
    s = sheet_begin(full, &(struct sheet_spec){ .columns = three, .ncolumns = 3 });
    cr_assert_not_null(s);
    for (int i = 0; i < 1000; i++)
        row3(s, "张三", "330102********0018", "杭州");
    errno = 0;
    cr_assert_eq(sheet_end(&s), -1);
    cr_assert_eq(errno, ENOSPC);
    cr_assert_null(s);
    fclose(full);
}
