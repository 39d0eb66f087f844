/* listwin.c — the window, selection and marks of a list; see listwin.h. */
#include "src/kit/listwin.h"

#include <stdlib.h>
#include <string.h>

static int array_fetch(void *ctx, long offset, int limit)
{
    const struct listwin_array *arr = ctx;
    long left = arr->n - offset;

    return left <= 0 ? 0 : left < limit ? (int)left : limit;
}

static long array_count(void *ctx)
{
    return ((const struct listwin_array *)ctx)->n;
}

static int64_t array_key(void *ctx, long i)
{
    return i;
}

const struct listwin_source listwin_array_source = { array_fetch, array_count, NULL, array_key };

void listwin_init(struct listwin *w, const struct listwin_source *src, void *ctx)
{
    memset(w, 0, sizeof *w);
    w->src = src;
    w->ctx = ctx;
    w->total = -1;
}

void listwin_free(struct listwin *w)
{
    free(w->marks);
    w->marks = NULL;
    w->nmarks = w->capmarks = 0;
}

static void forget(struct listwin *w)
{
    w->fetched = false;
    w->win_n = 0;
    w->win_off = 0;
    w->total = -1;
    w->failed = false;
}

void listwin_reset(struct listwin *w)
{
    w->sel = w->top = 0;
    forget(w);
}

void listwin_reload(struct listwin *w)
{
    forget(w);
}

bool listwin_has(const struct listwin *w, long i)
{
    return w->fetched && i >= w->win_off && i < w->win_off + w->win_n;
}

/* Fetches COUNT rows from START into the window.  0 or -1. */
static int fetch(struct listwin *w, long start, int count)
{
    int n;

    if (start < 0)
        start = 0;
    w->win_off = start;
    w->win_n = 0;
    w->fetched = true;
    n = w->src->fetch(w->ctx, start, count);
    if (n < 0) {
        w->failed = true;
        return -1;
    }
    w->failed = false;
    w->win_n = n;
    if (n < count && (n > 0 || start == 0))
        w->total = start + n;
    return 0;
}

/* Is there a row I?  Fetches a window around it when needed. */
static int exists(struct listwin *w, long i, int rows)
{
    if (i < 0)
        return 0;
    if (w->total >= 0)
        return i < w->total;
    if (listwin_has(w, i))
        return 1;
    if (fetch(w, i - rows, 2 * rows) != 0)
        return -1;
    if (listwin_has(w, i))
        return 1;
    /* A window fetched at I - ROWS that stops short of I does not tell
     * whether I is there when it stopped at a failure; it stopped at the
     * end, so I is not. */
    return 0;
}

static int probe(struct listwin *w, long i)
{
    if (w->src->probe)
        return w->src->probe(w->ctx, i);
    if (fetch(w, i, 1) != 0)
        return -1;
    return w->win_n > 0;
}

long listwin_total(struct listwin *w)
{
    long n, lo, hi;
    int rc;

    if (w->total >= 0)
        return w->total;
    n = w->src->count ? w->src->count(w->ctx) : -1;
    if (n >= 0)
        return w->total = n;
    lo = w->fetched && w->win_n > 0 ? w->win_off + w->win_n : 0;
    hi = lo + 64;
    while (hi < LISTWIN_PROBE_LIMIT && (rc = probe(w, hi)) == 1) {
        lo = hi + 1;
        hi *= 2;
    }
    if (hi >= LISTWIN_PROBE_LIMIT)
        return w->total = LISTWIN_PROBE_LIMIT;
    if (rc < 0)
        return -1;
    /* rows [0, lo) are there, row hi is not: the first missing one */
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if ((rc = probe(w, mid)) < 0)
            return -1;
        if (rc)
            lo = mid + 1;
        else
            hi = mid;
    }
    w->fetched = false; /* probing without a probe callback used the window */
    return w->total = lo;
}

int listwin_show(struct listwin *w, int rows)
{
    if (rows < 1)
        rows = 1;
    if (w->total >= 0 && w->sel >= w->total)
        w->sel = w->total > 0 ? w->total - 1 : 0;
    if (w->sel < w->top)
        w->top = w->sel;
    if (w->sel >= w->top + rows)
        w->top = w->sel - rows + 1;
    if (w->top < 0)
        w->top = 0;
    bool covered = listwin_has(w, w->top)
                && (listwin_has(w, w->top + rows - 1)
                    || (w->total >= 0 && w->win_off + w->win_n >= w->total));
    if (covered || (w->fetched && w->total == 0 && !w->failed))
        return 0;
    long start = w->fetched && w->top < w->win_off ? w->top - rows : w->top;
    if (fetch(w, start, 2 * rows) != 0)
        return -1;
    /* Nothing from START on: the list got shorter than that since (a
     * reload); how long it is now decides where the selection goes. */
    if (w->win_n == 0 && start > 0 && w->total < 0 && listwin_total(w) < 0)
        return -1;
    /* rows removed since (a reload): the selection goes to the last one */
    if (w->total >= 0 && w->sel >= w->total && w->total > 0) {
        w->sel = w->total - 1;
        if (w->top > w->sel)
            return listwin_show(w, rows);
    }
    return 0;
}

int listwin_move(struct listwin *w, enum listwin_move m, int rows)
{
    int page = rows > 1 ? rows - 1 : 1;
    int rc = 0;

    switch (m) {
    case LISTWIN_UP:
        if (w->sel > 0)
            w->sel--;
        break;
    case LISTWIN_DOWN:
        rc = exists(w, w->sel + 1, rows);
        if (rc == 1)
            w->sel++;
        break;
    case LISTWIN_PAGE_UP:
        w->sel = w->sel > page ? w->sel - page : 0;
        w->top = w->top > page ? w->top - page : 0;
        break;
    case LISTWIN_PAGE_DOWN:
        rc = exists(w, w->sel + page, rows);
        if (rc == 1) {
            w->sel += page;
            w->top += page;
        } else if (rc == 0 && listwin_total(w) > 0) {
            w->sel = w->total - 1;
        }
        break;
    case LISTWIN_HOME:
        w->sel = w->top = 0;
        break;
    case LISTWIN_END: {
        long total = listwin_total(w);
        if (total < 0)
            rc = -1;
        else if (total > 0)
            w->sel = total - 1;
        break;
    }
    }
    if (rc < 0)
        return -1;
    return listwin_show(w, rows);
}

int listwin_select(struct listwin *w, long i, int rows)
{
    w->sel = i < 0 ? 0 : i;
    if (w->total >= 0 && w->sel >= w->total)
        w->sel = w->total > 0 ? w->total - 1 : 0;
    return listwin_show(w, rows);
}

long listwin_known(const struct listwin *w, bool *more)
{
    if (w->total >= 0) {
        *more = false;
        return w->total;
    }
    *more = true;
    return w->fetched ? w->win_off + w->win_n : 0;
}

/* ---- marks ------------------------------------------------------------- */

static long find_mark(const struct listwin *w, int64_t key)
{
    for (size_t i = 0; i < w->nmarks; i++)
        if (w->marks[i] == key)
            return (long)i;
    return -1;
}

bool listwin_marked(const struct listwin *w, int64_t key)
{
    return find_mark(w, key) >= 0;
}

bool listwin_row_marked(const struct listwin *w, long i)
{
    return w->src->key && listwin_has(w, i) && listwin_marked(w, w->src->key(w->ctx, i));
}

static bool add_mark(struct listwin *w, int64_t key)
{
    if (find_mark(w, key) >= 0)
        return true;
    if (w->nmarks == w->capmarks) {
        size_t cap = w->capmarks ? 2 * w->capmarks : 16;
        int64_t *m = realloc(w->marks, cap * sizeof *m);
        if (!m)
            return false;
        w->marks = m;
        w->capmarks = cap;
    }
    w->marks[w->nmarks++] = key;
    return true;
}

static void drop_mark(struct listwin *w, int64_t key)
{
    long at = find_mark(w, key);

    if (at < 0)
        return;
    memmove(w->marks + at, w->marks + at + 1, (w->nmarks - (size_t)at - 1) * sizeof *w->marks);
    w->nmarks--;
}

bool listwin_mark(struct listwin *w)
{
    int64_t key;

    if (!w->src->key || !listwin_has(w, w->sel))
        return false;
    key = w->src->key(w->ctx, w->sel);
    if (listwin_marked(w, key)) {
        drop_mark(w, key);
        return false;
    }
    return add_mark(w, key);
}

size_t listwin_mark_shown(struct listwin *w, int rows)
{
    long from = rows > 0 ? w->top : w->win_off;
    long to = rows > 0 ? w->top + rows : w->win_off + w->win_n;
    bool all = true;

    if (!w->src->key)
        return w->nmarks;
    for (long i = from; i < to && listwin_has(w, i); i++)
        if (!listwin_marked(w, w->src->key(w->ctx, i)))
            all = false;
    for (long i = from; i < to && listwin_has(w, i); i++) {
        if (all)
            drop_mark(w, w->src->key(w->ctx, i));
        else
            add_mark(w, w->src->key(w->ctx, i));
    }
    return w->nmarks;
}

void listwin_unmark_all(struct listwin *w)
{
    w->nmarks = 0;
}

size_t listwin_nmarks(const struct listwin *w)
{
    return w->nmarks;
}

size_t listwin_targets(const struct listwin *w, int64_t *keys, size_t max)
{
    if (w->nmarks > 0) {
        size_t n = w->nmarks < max ? w->nmarks : max;
        memcpy(keys, w->marks, n * sizeof *keys);
        return n;
    }
    if (w->src->key && listwin_has(w, w->sel) && max > 0) {
        keys[0] = w->src->key(w->ctx, w->sel);
        return 1;
    }
    return 0;
}
