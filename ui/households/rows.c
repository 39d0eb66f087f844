/* ui/households/rows.c — the window of search hits behind the households lists. */
#include "ui/households/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/draw.h"
#include "ui/kit/term.h"

/* Searches are probed no further than this for End. */
#define PROBE_LIMIT 1000000

void hh_rows_init(struct hh_rows *r)
{
    memset(r, 0, sizeof *r);
    r->total = -1;
    r->is_search = false;
    r->list.kind = HH_LIST_RECENT;
}

void hh_rows_free(struct hh_rows *r)
{
    free(r->win);
    r->win = NULL;
    r->win_cap = r->win_n = 0;
}

static void forget(struct hh_rows *r)
{
    r->fetched = false;
    r->win_n = 0;
    r->win_off = 0;
    r->total = -1;
    r->failed = false;
}

void hh_rows_set_search(struct hh_rows *r, const char *query)
{
    r->is_search = true;
    snprintf(r->query, sizeof r->query, "%s", query);
    r->sel = r->top = 0;
    forget(r);
}

void hh_rows_set_list(struct hh_rows *r, const struct hh_list_query *q)
{
    r->is_search = false;
    r->list = *q;
    r->query[0] = '\0';
    r->sel = r->top = 0;
    forget(r);
}

void hh_rows_reload(struct hh_rows *r)
{
    forget(r);
}

/* ---- fetching ------------------------------------------------------------- */

static void take(const struct search_hit *h, void *ctx)
{
    struct hh_rows *r = ctx;

    if (r->win_n < r->win_cap)
        r->win[r->win_n++] = *h;
}

static int run(struct hh_rows *r, db *d, int offset, int limit,
               void (*fn)(const struct search_hit *h, void *ctx), void *ctx)
{
    if (r->is_search)
        return search_run(d, r->query, offset, limit, fn, ctx);
    return hh_list_run(d, &r->list, offset, limit, fn, ctx);
}

static void say_failure(struct hh_rows *r, db *d)
{
    if (!r->failed)
        msg_error(_("The list could not be read: %s"), db_errmsg(d));
    r->failed = true;
}

/* Fetches COUNT rows from START into the window. */
static int fetch(struct hh_rows *r, db *d, int start, int count)
{
    if (count > r->win_cap) {
        struct search_hit *w = realloc(r->win, (size_t)count * sizeof *w);
        if (!w)
            msg_fatal("%s", _("out of memory"));
        r->win = w;
        r->win_cap = count;
    }
    r->win_off = start;
    r->win_n = 0;
    r->fetched = true;
    int n = run(r, d, start, count, take, r);
    if (n < 0) {
        r->win_n = 0;
        say_failure(r, d);
        return -1;
    }
    if (r->win_n < count && (r->win_n > 0 || start == 0))
        r->total = start + r->win_n;
    return 0;
}

static bool in_window(const struct hh_rows *r, int i)
{
    return r->fetched && i >= r->win_off && i < r->win_off + r->win_n;
}

/* Is there a row I?  Fetches a window around it when needed. */
static bool exists(struct hh_rows *r, db *d, int i, int rows)
{
    if (i < 0)
        return false;
    if (r->total >= 0)
        return i < r->total;
    if (in_window(r, i))
        return true;
    int start = i - rows > 0 ? i - rows : 0;
    if (fetch(r, d, start, 2 * rows) != 0)
        return false;
    return in_window(r, i);
}

static void count_one(const struct search_hit *h, void *ctx)
{
    (*(int *)ctx)++;
}

/* Is there a row I (one row fetched, the window left alone)? */
static bool probe(struct hh_rows *r, db *d, long i)
{
    int n = 0;

    return run(r, d, (int)i, 1, count_one, &n) > 0;
}

/* The number of rows: counted for a list, probed for a search (the rows
 * before LO are known to exist). */
static long find_total(struct hh_rows *r, db *d)
{
    if (r->total >= 0)
        return r->total;
    if (!r->is_search) {
        long n = hh_list_count(d, &r->list);
        if (n < 0) {
            say_failure(r, d);
            return -1;
        }
        r->total = n;
        return n;
    }
    long lo = r->fetched ? r->win_off + r->win_n : 0, hi = lo + 64;
    while (hi < PROBE_LIMIT && probe(r, d, hi)) {
        lo = hi + 1;
        hi *= 2;
    }
    if (hi >= PROBE_LIMIT)
        return r->total = PROBE_LIMIT;
    /* rows [0, lo) exist, row hi does not: the first missing one */
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (probe(r, d, mid))
            lo = mid + 1;
        else
            hi = mid;
    }
    r->total = lo;
    return lo;
}

int hh_rows_show(struct hh_rows *r, db *d, int rows)
{
    if (rows < 1)
        rows = 1;
    if (r->total >= 0 && r->sel >= r->total)
        r->sel = r->total > 0 ? (int)r->total - 1 : 0;
    if (r->sel < r->top)
        r->top = r->sel;
    if (r->sel >= r->top + rows)
        r->top = r->sel - rows + 1;
    if (r->top < 0)
        r->top = 0;
    bool covered = in_window(r, r->top)
                && (in_window(r, r->top + rows - 1)
                    || (r->total >= 0 && r->win_off + r->win_n >= r->total));
    if (covered || (r->fetched && r->total == 0))
        return 0;
    int start = r->fetched && r->top < r->win_off ? r->top - rows : r->top;
    if (fetch(r, d, start > 0 ? start : 0, 2 * rows) != 0)
        return -1;
    /* rows removed since (a reload): the selection goes to the last one */
    if (r->total >= 0 && r->sel >= r->total && r->total > 0) {
        r->sel = (int)r->total - 1;
        if (r->top > r->sel)
            return hh_rows_show(r, d, rows);
    }
    return 0;
}

bool hh_rows_move(struct hh_rows *r, db *d, enum action act, int rows)
{
    int page = rows > 1 ? rows - 1 : 1;

    switch (act) {
    case ACT_UP:
        if (r->sel > 0)
            r->sel--;
        break;
    case ACT_DOWN:
        if (exists(r, d, r->sel + 1, rows))
            r->sel++;
        break;
    case ACT_PAGE_UP:
        r->sel = r->sel > page ? r->sel - page : 0;
        r->top = r->top > page ? r->top - page : 0;
        break;
    case ACT_PAGE_DOWN:
        if (exists(r, d, r->sel + page, rows)) {
            r->sel += page;
            r->top += page;
        } else if (r->total > 0) {
            r->sel = (int)r->total - 1;
        }
        break;
    case ACT_HOME:
        r->sel = r->top = 0;
        break;
    case ACT_END: {
        long total = find_total(r, d);
        if (total > 0)
            r->sel = (int)total - 1;
        break;
    }
    default:
        return false;
    }
    hh_rows_show(r, d, rows);
    return true;
}

const struct search_hit *hh_rows_selected(const struct hh_rows *r)
{
    if (!in_window(r, r->sel))
        return NULL;
    return &r->win[r->sel - r->win_off];
}

long hh_rows_known(const struct hh_rows *r, bool *more)
{
    if (r->total >= 0) {
        *more = false;
        return r->total;
    }
    *more = true;
    return r->fetched ? r->win_off + r->win_n : 0;
}

void hh_rows_count_text(const struct hh_rows *r, char *buf, size_t bufsz)
{
    bool more;
    long n = hh_rows_known(r, &more);

    if (more)
        snprintf(buf, bufsz, _("more than %ld found"), n);
    else
        snprintf(buf, bufsz, _("%ld found"), n);
}

/* ---- drawing -------------------------------------------------------------- */

enum { COL_ADDR, COL_NAME, COL_ID, COL_PHONE, COL_MARKS, NCOLS };

/* Column widths for COLS columns (one space between, one at the left). */
static void plan(int cols, int w[NCOLS])
{
    int extra = cols - 80;

    w[COL_ADDR] = 22;
    w[COL_NAME] = 12;
    w[COL_ID] = 18;
    w[COL_PHONE] = 13;
    w[COL_MARKS] = 10;
    if (extra > 0) {
        int more_addr = extra * 4 / 10, more_name = extra * 2 / 10;
        w[COL_ADDR] += more_addr;
        w[COL_NAME] += more_name;
        w[COL_MARKS] += extra - more_addr - more_name;
    } else if (extra < 0) {
        w[COL_ADDR] += extra;
        if (w[COL_ADDR] < 8)
            w[COL_ADDR] = 8;
    }
}

/* The cells joined into one line, each fitted to its column. */
static void line_of(const int w[NCOLS], const char *const cell[NCOLS], char *out, size_t outsz)
{
    size_t used = 0;

    out[0] = '\0';
    for (int c = 0; c < NCOLS && used + 1 < outsz; c++) {
        char fitted[4 * DRAW_MAX_COLS + 1];
        text_fit_mark(fitted, sizeof fitted, cell[c], w[c], true);
        used += (size_t)snprintf(out + used, outsz - used, " %s", fitted);
        if (used >= outsz)
            used = outsz - 1;
    }
}

void hh_rows_marks(const struct search_hit *h, char *buf, size_t bufsz)
{
    char marks[256];

    hh_care_marks(h->flags, marks, sizeof marks);
    if (h->moved_out)
        snprintf(buf, bufsz, "%s%s%s", _("moved out"), *marks ? " " : "", marks);
    else
        snprintf(buf, bufsz, "%s", marks);
}

void hh_rows_draw(const struct hh_rows *r, WINDOW *w, int y, int rows, bool selected)
{
    int cols = getmaxx(w), width[NCOLS];
    char line[8 * DRAW_MAX_COLS + 1];
    const char *head[NCOLS] = { _("Address"), _("Name"), _("ID number"), _("Phone"), _("Care") };

    plan(cols, width);
    line_of(width, head, line, sizeof line);
    draw_text(w, y, 0, cols, line, term_attr(ROLE_HEADING), true);
    for (int i = 0; i < rows; i++) {
        int n = r->top + i;
        if (!in_window(r, n))
            break;
        const struct search_hit *h = &r->win[n - r->win_off];
        char marks[300];
        hh_rows_marks(h, marks, sizeof marks);
        const char *cell[NCOLS] = { h->address, h->resident_id ? h->name : _("(nobody)"),
                                    h->id_masked, h->phone_masked, marks };
        attr_t attr = h->moved_out ? A_DIM : A_NORMAL;
        if (selected && n == r->sel)
            attr = A_REVERSE;
        line_of(width, cell, line, sizeof line);
        draw_text(w, y + 1 + i, 0, cols, line, attr, true);
    }
}
