/* rows.c — the hits behind the households lists; see rows.h. */
#include "ui/households/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/households/household.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/text.h"

enum { COL_ADDR, COL_NAME, COL_ID, COL_PHONE, COL_MARKS, NCOLS };

static const struct list_column columns[NCOLS] = {
    [COL_ADDR] = { N_("Address"), 22, 10, 4, 0, false, 0 },
    [COL_NAME] = { N_("Name"), 12, 12, 2, 0, false, 20 },
    [COL_ID] = { N_("ID number"), 18, 18, 0, 3, false, 0 },
    [COL_PHONE] = { N_("Phone"), 13, 11, 0, 2, false, 0 },
    [COL_MARKS] = { N_("Care"), 10, 4, 4, 1, false, 0 },
};

/* ---- the source ----------------------------------------------------------- */

static void take(const struct search_hit *h, void *ctx)
{
    struct hh_rows *r = ctx;

    if (r->n < r->cap)
        r->win[r->n++] = *h;
}

static int run(struct hh_rows *r, long offset, int limit,
               void (*fn)(const struct search_hit *h, void *ctx), void *ctx)
{
    if (r->is_search)
        return search_run(r->d, r->query, (int)offset, limit, fn, ctx);
    return hh_list_run(r->d, &r->list, (int)offset, limit, fn, ctx);
}

static void say_failure(struct hh_rows *r)
{
    if (!r->failure_said)
        msg_error(_("The list could not be read: %s"), db_errmsg(r->d));
    r->failure_said = true;
}

static int fetch(void *ctx, long offset, int limit)
{
    struct hh_rows *r = ctx;

    if (limit > r->cap) {
        struct search_hit *w = realloc(r->win, (size_t)limit * sizeof *w);
        if (!w)
            msg_fatal("%s", _("out of memory"));
        r->win = w;
        r->cap = limit;
    }
    r->off = offset;
    r->n = 0;
    if (run(r, offset, limit, take, r) < 0) {
        r->n = 0;
        say_failure(r);
        return -1;
    }
    r->failure_said = false;
    return r->n;
}

static long count(void *ctx)
{
    struct hh_rows *r = ctx;
    long n;

    if (r->is_search)
        return -1; /* a search is probed */
    n = hh_list_count(r->d, &r->list);
    if (n < 0)
        say_failure(r);
    return n;
}

static void count_one(const struct search_hit *h, void *ctx)
{
    (*(int *)ctx)++;
}

static int probe(void *ctx, long i)
{
    struct hh_rows *r = ctx;
    int n = 0;

    if (run(r, i, 1, count_one, &n) < 0) {
        say_failure(r);
        return -1;
    }
    return n > 0;
}

static const struct search_hit *row(const struct hh_rows *r, long i)
{
    return i >= r->off && i < r->off + r->n ? &r->win[i - r->off] : NULL;
}

static int64_t key(void *ctx, long i)
{
    const struct search_hit *h = row(ctx, i);

    if (!h)
        return 0;
    return h->resident_id ? h->resident_id : -h->household_id;
}

static const struct listwin_source source = { fetch, count, probe, key };

/* ---- the table ------------------------------------------------------------ */

void hh_rows_marks(const struct search_hit *h, char *buf, size_t bufsz)
{
    char marks[256];

    hh_care_marks(h->flags, marks, sizeof marks);
    if (h->moved_out)
        snprintf(buf, bufsz, "%s%s%s", _("moved out"), *marks ? " " : "", marks);
    else
        snprintf(buf, bufsz, "%s", marks);
}

/* The address in WIDTH columns: when it is too wide, the compound's name
 * gives way first (its start cut, "~" in front), so 幢, 单元 and 室 stay. */
static void address_cell(const struct search_hit *h, int width, char *buf, size_t bufsz)
{
    char compound[192];
    const char *rest = h->address + h->compound_len, *p = compound;
    int rw = text_width(rest), cw;

    if (width <= 0 || text_width(h->address) <= width) {
        snprintf(buf, bufsz, "%s", h->address);
        return;
    }
    if (h->compound_len == 0 || !*rest || rw + 2 > width) {
        text_fit_mark(buf, bufsz, h->address, width, false);
        return;
    }
    /* "~", the end of the compound's name that fits, then the rest. */
    snprintf(compound, sizeof compound, "%.*s", h->compound_len, h->address);
    cw = text_width(compound);
    while (*p && cw > width - rw - 1) {
        uint32_t cp;
        size_t k = text_decode(p, strlen(p), &cp);
        cw -= text_cp_width(cp);
        p += k;
    }
    snprintf(buf, bufsz, "~%s%s", p, rest);
}

static void cells(void *ctx, long i, const char **cell, const int *width, char *buf,
                  size_t bufsz, enum listview_style *style)
{
    const struct search_hit *h = row(ctx, i);
    size_t half = bufsz / 2;

    if (!h)
        return;
    address_cell(h, width[COL_ADDR], buf, half);
    hh_rows_marks(h, buf + half, bufsz - half);
    cell[COL_ADDR] = buf;
    cell[COL_NAME] = h->resident_id ? h->name : _("(nobody)");
    cell[COL_ID] = h->id_masked;
    cell[COL_PHONE] = h->phone_masked;
    cell[COL_MARKS] = buf + half;
    *style = h->moved_out ? LISTVIEW_DIM : LISTVIEW_NORMAL;
}

/* ---- the rows ------------------------------------------------------------- */

void hh_rows_init(struct hh_rows *r, db *d)
{
    memset(r, 0, sizeof *r);
    r->d = d;
    r->list.kind = HH_LIST_RECENT;
    listwin_init(&r->lw, &source, r);
    r->view = (struct listview){ .w = &r->lw, .cols = columns, .ncols = NCOLS, .cells = cells,
                                 .ctx = r, .marks = true };
}

void hh_rows_free(struct hh_rows *r)
{
    free(r->win);
    r->win = NULL;
    r->cap = r->n = 0;
    listwin_free(&r->lw);
}

void hh_rows_set_search(struct hh_rows *r, const char *query)
{
    r->is_search = true;
    snprintf(r->query, sizeof r->query, "%s", query);
    listwin_reset(&r->lw);
}

void hh_rows_set_list(struct hh_rows *r, const struct hh_list_query *q)
{
    r->is_search = false;
    r->list = *q;
    r->query[0] = '\0';
    listwin_reset(&r->lw);
}

void hh_rows_reload(struct hh_rows *r)
{
    listwin_reload(&r->lw);
}

const struct search_hit *hh_rows_selected(const struct hh_rows *r)
{
    return row(r, r->lw.sel);
}

void hh_rows_count_text(const struct hh_rows *r, char *buf, size_t bufsz)
{
    bool more;
    long n = listwin_known(&r->lw, &more);

    if (more)
        snprintf(buf, bufsz, _("more than %ld found"), n);
    else
        snprintf(buf, bufsz, _("%ld found"), n);
}
